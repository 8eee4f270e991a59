// Package pgstore keeps the dossiers of an onestop.Office in PostgreSQL: it implements the
// whole onestop.Store contract (records, queries and outbox) with github.com/jackc/pgx/v5.
//
// # Use
//
// Open a pool, bring the schema up to date, make the store and give it to the Office; then
// deliver the outbox from a loop of your own:
//
//	pool, err := pgxpool.New(ctx, os.Getenv("MOTCUA_DATABASE_URL"))
//	if err != nil { … }
//	defer pool.Close()
//	if err := pool.Ping(ctx); err != nil { … } // pgxpool connects lazily
//	if err := pgstore.Migrate(ctx, pool); err != nil { … }
//	office, err := onestop.New(onestop.Config{Desk: desk, Catalog: cat, Clock: onestop.ClockFunc(time.Now),
//		Store: pgstore.New(pool, pgstore.Options{}), Notifier: sms})
//	…
//	for range time.Tick(5 * time.Second) { // in one process or several
//		office.Deliver(ctx, 100)
//	}
//
// The tables live in the first schema of the connection's search_path (set it in the
// connection string, e.g. ?search_path=motcua, to keep them apart). Migrate applies the
// embedded numbered migrations (migrations/NNN_name.up.sql) not yet applied, each in one
// transaction with its row in schema_migrations; it is idempotent and may run from several
// processes at once. Run it at every start, before New.
//
// # Tables
//
//   - dossiers: one row per dossier, the record as JSON (without its log), the dossier with
//     its log and route plan again in one compact binary column, sweep (migration 004:
//     dossier.Dossier.AppendBinary, which decodes about fifteen times faster than JSON; Get,
//     Queue, Scan and Watch read the dossier from it), and the columns the queries select by:
//     watch, indexed (Store.Watch, the sweep: it reads only the column sweep of the dossiers
//     whose instant has come, and decodes them on every core while the next rows arrive),
//     state and due (copied to dossier_holders for the work queue), desk and received,
//     indexed; version and seq for optimistic concurrency and the log's length.
//   - dossier_holders: the work queues (migration 006), one row per dossier and agency of
//     onestop.Record.Holders, with the dossier's state and due time, written with its row:
//     Store.Queue reads an agency's rows by the index (agency, due, code, state), so a
//     dossier on parallel steps (Decree 118/2025 Art. 20(2)(b)) is in the queue of each
//     agency holding one. The migration filled it for the rows written before from the
//     steps in hand of their records; such a row's Holders read as the one holder its JSON
//     named (the first) until its next write.
//   - dossier_events: the append-only event log, primary key (code, seq), written by every
//     command with the row; reads take the log from the column sweep (from this table only
//     for a row written before migration 004).
//   - summaries: onestop.Summary in columns, indexed for the periods of Store.Summaries
//     (Biểu 06), and the whole summary again in one compact binary column, packed, that the
//     server generates from the others (migration 002): a report reads only that column, one
//     value per dossier, instead of eighteen.
//   - code_sequences: the daily number of each receiving unit, taken with
//     INSERT … ON CONFLICT DO UPDATE … RETURNING: no two dossiers ever get one code.
//   - outbox: the messages (notices) of every command, written in its transaction.
//
// # Consistency
//
// A write is one transaction: the record, its holders, the events the command appended, the
// summary and the command's messages, all or nothing. Update checks the version in the UPDATE's WHERE: a
// stale write is a *onestop.ConflictError (errors.Is onestop.ErrConflict) and writes nothing;
// the Office then reads the dossier again and retries the command. A command is therefore in
// the log once, and its notice in the outbox once.
//
// Failures of the database are *Error values wrapping a sentinel, mapped from the SQLSTATE,
// never from the text: ErrUnavailable (the server cannot be reached or the connection was lost
// before the commit: nothing was written, try again), ErrInDoubt (the connection was lost
// during the commit: look the dossier up before trying again), ErrBusy (a serialisation
// failure, 40001, or a deadlock, 40P01, after Options.Retries runs) and ErrDatabase (any other
// refusal: a schema not migrated, a permission). A code already stored (23505 on the primary
// key) is onestop.ErrExists. Each has a Message in Vietnamese and English. Cancelled contexts
// end the statement under way and come back as the context's error.
//
// # Lookups and the cache
//
// Get keeps the records it decoded (Options.CacheSize). By default it still asks the database
// for the record's version at every lookup, and the database sends the record only when it
// changed. With Options.Listen, Get serves a kept record with no round trip at all while it is
// known to be current: every write of a dossier, from any process, sends the dossier's code on
// the channel motcua_dossiers (pg_notify, in the write's transaction, so only a committed write
// is announced), and the Store holds one connection of its own that LISTENs there and drops each
// announced code from its cache. A record read while the listener is listening is trusted until
// its notice comes; one read while a notice crossed the read is not (the notice may be of a
// write the read missed). If the listener's connection is lost (killed, the server restarted),
// no kept record is trusted any more: Get checks versions again until the listener is back and
// the record has been read since. The Store's own writes drop their records before returning,
// so a process reads its own writes at once; another process's write is seen once its notice
// is delivered, a few milliseconds later on one machine. Close the Store before its pool.
//
// PostgreSQL serialises the commits of transactions that NOTIFY (a lock held until the commit
// is flushed), so writes that notify do not share WAL flushes; Options.NoNotify turns the
// notice off for a database no Store listens on, or an engine without LISTEN/NOTIFY.
//
// # Outbox
//
// Office.Deliver (or a loop of the embedder's) calls Fetch, which leases the first messages due
// in one statement (SELECT … FOR UPDATE SKIP LOCKED, then the lease's update), so deliverers
// in several processes never hold one message at once and never wait for each other. A
// message delivered is acknowledged (Ack); one refused is retried later (Retry); one whose
// deliverer stopped is handed out again when its lease ends: delivery is at least once.
// Acknowledged messages are kept for audit until PurgeAcked.
//
// # Tests
//
// Package pgstoretest starts a throwaway PostgreSQL for tests; the conformance suite
// onestop/storetest runs on this store in this package's tests, with fault tests (connections
// killed mid-command, the server restarted during a load) and concurrent conflicting writes.
package pgstore
