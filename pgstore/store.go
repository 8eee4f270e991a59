package pgstore

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/motcua-go/motcua/dossier"
	"github.com/motcua-go/motcua/internal/msg"
	"github.com/motcua-go/motcua/onestop"
	"github.com/rickb777/date/v2"
)

// Store is an onestop.Store on PostgreSQL. It is safe for concurrent use by any number of
// goroutines and processes; make one per pool with New, after Migrate, and Close it before
// closing the pool when Options.Listen is set.
type Store struct {
	pool    *pgxpool.Pool
	retries int
	notify  bool         // writes send their notice (notifyDossier)
	cache   *recordCache // nil: none
	lis     *listener    // nil: Options.Listen not set
	// afterRead, when set (tests only), runs in Get between the database's answer and the
	// cache's update.
	afterRead func(code string)
}

// Options tunes a Store. The zero value has the defaults.
type Options struct {
	// Retries is how many times a transaction the server aborted with a serialisation failure
	// (SQLSTATE 40001) or a deadlock (40P01) is run again before ErrBusy is returned; 0: 5.
	Retries int
	// CacheSize is how many decoded records Get keeps; 0: 10,000; negative: none. Without
	// Listen the cache never serves a stale record: Get asks the database for the record's
	// version every time, and the database sends the record only when the version differs
	// from the one kept, so several processes may share the database. It saves decoding, and
	// the server the work of sending the record and its log, on repeated lookups of the same
	// dossiers.
	CacheSize int
	// Listen lets Get serve a record the cache keeps without asking the database at all,
	// while the record is known to be current: the Store holds one connection of its own
	// (outside the pool) that LISTENs on the channel motcua_dossiers, where every write of a
	// dossier, from any process, sends the dossier's code when it commits (pg_notify), and
	// drops each code from the cache as its notice arrives. A record is served without a
	// round trip only if it was read while the listener was connected, and the listener has
	// stayed connected since; while the connection is lost (killed, the server restarted)
	// Get checks the version as without Listen, and the Store reconnects, waiting 50 ms, then
	// twice as long each time, up to 5 s. A record another process changed is therefore
	// served at most until its notice is delivered, a few milliseconds on one machine; the
	// Store's own writes drop their records from its cache before they return. A connection
	// that dies without a word (a network partition sending no reset) is noticed only when the
	// listener, after 10 s without a notice, pings the server and gets no answer within 10 s:
	// until then, about 20 s at most, a record changed elsewhere may be served stale. Off by
	// default (the schema does not require LISTEN/NOTIFY, see the package documentation);
	// with it, call Close when done. It needs CacheSize ≥ 0. A row of dossiers changed other
	// than through a Store (by hand, by a script) sends no notice: send it in the same
	// transaction (SELECT pg_notify('motcua_dossiers', current_schema() || '.' || code)) or
	// restart the listening processes.
	Listen bool
	// NoNotify stops this Store's writes from sending their notice (pg_notify), for an
	// engine without LISTEN/NOTIFY or to spare the server the lock NOTIFY takes at commit.
	// No Store on the database may then set Listen: its cache would keep records other
	// processes changed. Ignored when Listen is set.
	NoNotify bool
}

// New returns a Store on pool, whose search_path must lead to a schema Migrate has brought up
// to date. The pool stays the caller's: close it after the last use of the Store (and, with
// Options.Listen, after Close).
func New(pool *pgxpool.Pool, opts Options) *Store {
	if opts.Retries <= 0 {
		opts.Retries = 5
	}
	s := &Store{pool: pool, retries: opts.Retries, notify: !opts.NoNotify || opts.Listen}
	if opts.CacheSize == 0 {
		opts.CacheSize = 10_000
	}
	if opts.CacheSize > 0 {
		s.cache = &recordCache{max: opts.CacheSize, m: make(map[string]cached)}
	}
	if opts.Listen && s.cache != nil {
		s.lis = startListener(s)
	}
	return s
}

// Close stops the listener of Options.Listen and closes its connection, waiting for both; the
// Store then checks the version of every record Get serves, as without Listen. Close does not
// close the pool. It is safe to call more than once, and does nothing without Listen.
func (s *Store) Close() {
	if s.lis != nil {
		s.lis.stop()
	}
}

// Listening reports whether the listener of Options.Listen is connected and listening: only
// then does Get serve records without asking the database. Always false without Listen.
func (s *Store) Listening() bool {
	return s.cache.listening()
}

var _ onestop.Store = (*Store)(nil)

// inTx runs fn in a transaction and commits it, running it again on a serialisation failure
// or a deadlock, at most s.retries times. fn must not keep state between runs.
func (s *Store) inTx(ctx context.Context, op string, fn func(pgx.Tx) error) error {
	var err error
	for range s.retries {
		err = s.txOnce(ctx, op, fn)
		if err == nil || !retryable(err) {
			break
		}
	}
	return classify(op, err, false)
}

func (s *Store) txOnce(ctx context.Context, op string, fn func(pgx.Tx) error) error {
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		tx.Rollback(context.WithoutCancel(ctx))
		return err
	}
	if err := tx.Commit(ctx); err != nil {
		if retryable(err) {
			return err
		}
		return classify(op, err, true)
	}
	return nil
}

// batch sends b in one round trip as one implicit transaction (the statements up to the
// protocol's Sync commit together, or not at all), running it again on a serialisation
// failure or a deadlock. A connection lost after the batch was sent leaves it in doubt.
func (s *Store) batch(ctx context.Context, op string, b *pgx.Batch) error {
	var err error
	for range s.retries {
		err = s.pool.SendBatch(ctx, b).Close()
		if err == nil || !retryable(err) {
			break
		}
	}
	if err == nil || retryable(err) {
		return classify(op, err, false)
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) && pe.Code == uniqueViolation {
		return err // the caller tells a code already stored from the rest
	}
	return classify(op, err, true)
}

// Next implements dossier.SequenceSource: one statement takes the unit's number of the day,
// so no two calls ever get the same one, from any number of processes.
func (s *Store) Next(ctx context.Context, unit string, day date.Date) (int, error) {
	var n int
	err := s.pool.QueryRow(ctx, nextSeq, unit, day.MidnightUTC()).Scan(&n)
	return n, classify("next", err, false)
}

const nextSeq = `INSERT INTO code_sequences (unit, day, last) VALUES ($1, $2::date, 1)
ON CONFLICT (unit, day) DO UPDATE SET last = code_sequences.last + 1
RETURNING last`

// row is a record in the form of its table's columns.
type row struct {
	seq      int32
	desk     string
	holders  []string // Record.Holders, never nil (the rows of dossier_holders)
	state    int16
	due      int64
	watch    *time.Time
	received *time.Time
	ended    *time.Time
	record   []byte          // the record without its log and public view
	sweep    []byte          // what the sweep reads (appendSweep)
	public   []byte          // nil: none
	log      []dossier.Event // the log, encoded by newEvents
}

// newEvents encodes the events of the log numbered after before: the ones a write appends.
func (r *row) newEvents(before int32) (seqs []int32, events [][]byte, err error) {
	for i := range r.log {
		e := &r.log[i]
		if int32(e.Seq) <= before {
			continue
		}
		b, err := json.Marshal(e)
		if err != nil {
			return nil, nil, err
		}
		seqs, events = append(seqs, int32(e.Seq)), append(events, b)
	}
	return seqs, events, nil
}

func timePtr(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

// encode splits rec into its columns.
func encode(rec onestop.Record) (row, error) {
	d := rec.Dossier
	if d == nil {
		return row{}, &onestop.FieldError{Field: "Record.Dossier", Err: onestop.ErrRequired}
	}
	r := row{seq: int32(rec.Seq), desk: d.Desk, holders: rec.Holders, state: int16(d.State), due: rec.Summary.Due,
		watch: timePtr(rec.Watch), received: timePtr(d.Received), ended: timePtr(d.Resolution.At)}
	if r.holders == nil {
		r.holders = []string{}
	}
	r.log = d.Events
	if rec.Public != nil {
		b, err := json.Marshal(rec.Public)
		if err != nil {
			return row{}, err
		}
		r.public = b
	}
	c := *d
	c.Events = nil
	rec.Dossier, rec.Public = &c, nil
	b, err := json.Marshal(&rec)
	if err != nil {
		return row{}, err
	}
	r.record = b
	if r.sweep, err = appendSweep(make([]byte, 0, 2*len(b)), d, &rec); err != nil {
		return row{}, err
	}
	return r, nil
}

const insertDossier = `INSERT INTO dossiers
    (code, version, seq, desk, state, due, watch, received, ended, record, public, sweep)
VALUES ($1, 1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`

// insertHolders writes the rows of dossier_holders of a new dossier $1 (migration 006): one
// per agency of $2 (Record.Holders), with the state $3 and due time $4 of its row.
const insertHolders = `INSERT INTO dossier_holders (code, agency, state, due)
SELECT DISTINCT $1::text, a, $3::smallint, $4::bigint FROM unnest($2::text[]) AS a WHERE a <> ''`

// writeHolders makes the rows of dossier_holders of the dossier $1 (migration 006) those of
// the agencies $2 (Record.Holders), with the state $3 and due time $4 of its row: it deletes
// the rows of agencies that no longer hold it, and inserts or updates the others (a row
// unchanged is not written).
const writeHolders = `WITH gone AS (DELETE FROM dossier_holders WHERE code = $1 AND agency <> ALL($2::text[]))
INSERT INTO dossier_holders (code, agency, state, due)
SELECT DISTINCT $1::text, a, $3::smallint, $4::bigint FROM unnest($2::text[]) AS a WHERE a <> ''
ON CONFLICT (code, agency) DO UPDATE SET state = EXCLUDED.state, due = EXCLUDED.due
WHERE (dossier_holders.state, dossier_holders.due) IS DISTINCT FROM (EXCLUDED.state, EXCLUDED.due)`

// appendEvents appends the events numbered after $2, the length of the log before the command.
const appendEvents = `INSERT INTO dossier_events (code, seq, event)
SELECT $1, u.seq, u.event FROM unnest($3::integer[], $4::json[]) AS u(seq, event) WHERE u.seq > $2`

const upsertSummary = `INSERT INTO summaries (code, level, field, agency, received, original_due, due, ended,
    returned, waiting_since, applicant_time, online, outcome, supplements, contacts, step_score, rating, complaint,
    corrections, corrections_late)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)
ON CONFLICT (code) DO UPDATE SET level = $2, field = $3, agency = $4, received = $5, original_due = $6,
    due = $7, ended = $8, returned = $9, waiting_since = $10, applicant_time = $11, online = $12,
    outcome = $13, supplements = $14, contacts = $15, step_score = $16, rating = $17, complaint = $18,
    corrections = $19, corrections_late = $20`

func summaryArgs(code string, s *onestop.Summary) []any {
	return []any{code, s.Level, s.Field, s.Agency, s.Received, s.OriginalDue, s.Due, s.End, s.Returned,
		s.WaitingSince, s.ApplicantTime, s.Online, int16(s.Outcome), int16(s.Supplements), int16(s.Contacts),
		int16(s.StepScore), int16(s.Rating), s.Complaint, int16(s.Corrections), int16(s.CorrectionsLate)}
}

// Create implements onestop.Store: the record, its holders, its whole log, its summary and the
// messages of out in one transaction, with the notice of Options.Listen. It sets the ID of
// each element of out.
func (s *Store) Create(ctx context.Context, rec onestop.Record, out []onestop.Envelope) (onestop.Record, error) {
	if rec.Code == "" {
		return onestop.Record{}, &onestop.FieldError{Field: "Code", Err: onestop.ErrRequired}
	}
	if rec.Version != 0 {
		return onestop.Record{}, &onestop.ConflictError{Code: rec.Code, Expected: rec.Version, Actual: 0}
	}
	r, err := encode(rec)
	if err != nil {
		return onestop.Record{}, err
	}
	posts, err := encodeOut(out)
	if err != nil {
		return onestop.Record{}, err
	}
	seqs, events, err := r.newEvents(0)
	if err != nil {
		return onestop.Record{}, err
	}
	ids := make([]uint64, len(out))
	b := &pgx.Batch{}
	b.Queue(insertDossier, rec.Code, r.seq, r.desk, r.state, r.due, r.watch, r.received, r.ended,
		r.record, r.public, r.sweep)
	b.Queue(insertHolders, rec.Code, r.holders, r.state, r.due)
	b.Queue(appendEvents, rec.Code, 0, seqs, events)
	b.Queue(upsertSummary, summaryArgs(rec.Code, &rec.Summary)...)
	queuePosts(b, posts, ids)
	if s.notify {
		b.Queue(notifyDossier, rec.Code)
	}
	err = s.batch(ctx, "create", b)
	s.cache.invalidate(rec.Code) // committed, or perhaps (in doubt): drop what is kept
	if err != nil {
		var pe *pgconn.PgError
		if errors.As(err, &pe) && pe.Code == uniqueViolation && pe.ConstraintName == "dossiers_pkey" {
			return onestop.Record{}, codeError(rec.Code, onestop.ErrExists)
		}
		return onestop.Record{}, err
	}
	setIDs(out, ids)
	rec.Version = 1
	return rec, nil
}

func codeError(code string, err error) *dossier.CodeError {
	return &dossier.CodeError{Code: msg.Clip(code), Part: dossier.WholeCode, Err: err}
}

// updateDossier writes the new state if the stored version is the one read, and returns the
// length of the log before the command; no row when the version is stale or the code unknown.
const updateDossier = `UPDATE dossiers d SET version = d.version + 1, seq = $3, desk = $4, state = $5,
    due = $6, watch = $7, received = $8, ended = $9, record = $10, public = $11, sweep = $12
FROM (SELECT code, seq FROM dossiers WHERE code = $1 AND version = $2 FOR UPDATE) old
WHERE d.code = old.code
RETURNING old.seq`

const versionOf = `SELECT version FROM dossiers WHERE code = $1`

// Update implements onestop.Store. The version is checked in the UPDATE's WHERE; the holders,
// the events the command appended, the summary, the messages of out and the notice of
// Options.Listen are written in the same transaction, and a stale version writes nothing. It
// sets the ID of each element of out.
func (s *Store) Update(ctx context.Context, rec onestop.Record, out []onestop.Envelope) (onestop.Record, error) {
	r, err := encode(rec)
	if err != nil {
		return onestop.Record{}, err
	}
	posts, err := encodeOut(out)
	if err != nil {
		return onestop.Record{}, err
	}
	ids := make([]uint64, len(out))
	err = s.inTx(ctx, "update", func(tx pgx.Tx) error {
		var before int32
		err := tx.QueryRow(ctx, updateDossier, rec.Code, int64(rec.Version), r.seq, r.desk, r.state,
			r.due, r.watch, r.received, r.ended, r.record, r.public, r.sweep).Scan(&before)
		if errors.Is(err, pgx.ErrNoRows) {
			var actual int64
			if err := tx.QueryRow(ctx, versionOf, rec.Code).Scan(&actual); errors.Is(err, pgx.ErrNoRows) {
				return codeError(rec.Code, onestop.ErrNotFound)
			} else if err != nil {
				return err
			}
			return &onestop.ConflictError{Code: rec.Code, Expected: rec.Version, Actual: uint64(actual)}
		}
		if err != nil {
			return err
		}
		seqs, events, err := r.newEvents(before)
		if err != nil {
			return err
		}
		b := &pgx.Batch{}
		b.Queue(writeHolders, rec.Code, r.holders, r.state, r.due)
		b.Queue(appendEvents, rec.Code, before, seqs, events)
		b.Queue(upsertSummary, summaryArgs(rec.Code, &rec.Summary)...)
		queuePosts(b, posts, ids)
		if s.notify {
			b.Queue(notifyDossier, rec.Code)
		}
		return tx.SendBatch(ctx, b).Close()
	})
	s.cache.invalidate(rec.Code) // committed, or perhaps (in doubt): drop what is kept
	if err != nil {
		return onestop.Record{}, err
	}
	setIDs(out, ids)
	rec.Version++
	return rec, nil
}

// selectRecord reads records: the record's JSON, the public view, and the dossier with its log
// in the column sweep, or for a row written before migration 004 the log from its table.
const selectRecord = `SELECT d.version, d.seq, d.record, d.public, d.sweep,
    CASE WHEN d.sweep IS NULL THEN
        (SELECT json_agg(e.event ORDER BY e.seq) FROM dossier_events e WHERE e.code = d.code) END
FROM dossiers d`

// getRecord is selectRecord for one code, which sends the record only when its version is not
// $2, the version the cache holds (0: none).
const getRecord = `SELECT d.version, d.seq,
    CASE WHEN d.version = $2 THEN NULL ELSE d.record END,
    CASE WHEN d.version = $2 THEN NULL ELSE d.public END,
    CASE WHEN d.version = $2 THEN NULL ELSE d.sweep END,
    CASE WHEN d.version = $2 OR d.sweep IS NOT NULL THEN NULL ELSE
        (SELECT json_agg(e.event ORDER BY e.seq) FROM dossier_events e WHERE e.code = d.code) END
FROM dossiers d WHERE d.code = $1`

// Get implements onestop.Store: the lookup by code, one query by primary key, or none for a
// record the cache keeps while the listener of Options.Listen vouches for it.
func (s *Store) Get(ctx context.Context, code string) (onestop.Record, error) {
	kept, ok, trusted, snap := s.cache.get(code)
	if trusted {
		return kept, nil
	}
	var have int64
	if ok {
		have = int64(kept.Version)
	}
	var (
		version                       int64
		seq                           int32
		record, public, sweep, events []byte
	)
	err := s.pool.QueryRow(ctx, getRecord, code, have).Scan(&version, &seq, &record, &public, &sweep, &events)
	if errors.Is(err, pgx.ErrNoRows) {
		return onestop.Record{}, codeError(code, onestop.ErrNotFound)
	}
	if err != nil {
		return onestop.Record{}, classify("get", err, false)
	}
	if s.afterRead != nil {
		s.afterRead(code)
	}
	if ok && version == have {
		s.cache.put(kept, snap) // trusted from now on, if nothing came in between
		return kept, nil
	}
	rec, err := decodeRecord(version, seq, record, public, sweep, events)
	if err != nil {
		return onestop.Record{}, classify("get", err, false)
	}
	s.cache.put(rec, snap)
	return rec, nil
}

// scanRecord reads a row of selectRecord.
func scanRecord(row pgx.CollectableRow) (onestop.Record, error) {
	var (
		version                       int64
		seq                           int32
		record, public, sweep, events []byte
	)
	if err := row.Scan(&version, &seq, &record, &public, &sweep, &events); err != nil {
		return onestop.Record{}, err
	}
	return decodeRecord(version, seq, record, public, sweep, events)
}

// recordWithout is a record's JSON read without decoding its dossier and route plan: the
// fields of depth 0 hide those of the embedded Record, and keep the JSON text as it is.
type recordWithout struct {
	onestop.Record
	Dossier  json.RawMessage `json:"dossier"`
	Schedule json.RawMessage `json:"schedule"`
	Holder   string          `json:"holder"` // legacyHolder
}

// legacyRecord is a record's JSON read whole, with the key holder of a record written
// before migration 006.
type legacyRecord struct {
	*onestop.Record
	Holder string `json:"holder"` // legacyHolder
}

// legacyHolder gives a record written before migration 006, whose JSON names one holder
// (the key holder, the first agency of its steps in hand), that holder as its Holders. Its
// work queues are right from the migration, which filled dossier_holders from its steps;
// its Holders are complete from its next write.
func legacyHolder(rec *onestop.Record, holder string) {
	if len(rec.Holders) == 0 && holder != "" {
		rec.Holders = []string{holder}
	}
}

// decodeRecord builds a record from its columns. The dossier, its log and the route plan come
// from the column sweep (migration 004), in the dossier's binary encoding, which decodes
// about fifteen times faster than JSON; from the record's JSON and the log's table (events)
// for a row written before it (sweep nil).
func decodeRecord(version int64, seq int32, record, public, sweep, events []byte) (onestop.Record, error) {
	var rec onestop.Record
	if sweep != nil {
		var x recordWithout
		if err := json.Unmarshal(record, &x); err != nil {
			return onestop.Record{}, err
		}
		rec = x.Record
		legacyHolder(&rec, x.Holder)
		if err := decodeSweep(sweep, &rec); err != nil {
			return onestop.Record{}, err
		}
	} else {
		x := legacyRecord{Record: &rec}
		if err := json.Unmarshal(record, &x); err != nil {
			return onestop.Record{}, err
		}
		legacyHolder(&rec, x.Holder)
		if rec.Dossier != nil {
			rec.Dossier.Events = nil
			if events != nil {
				if err := json.Unmarshal(events, &rec.Dossier.Events); err != nil {
					return onestop.Record{}, err
				}
			}
		}
	}
	rec.Version, rec.Seq = uint64(version), int(seq)
	if public != nil {
		rec.Public = new(onestop.PublicView)
		if err := json.Unmarshal(public, rec.Public); err != nil {
			return onestop.Record{}, err
		}
	}
	return rec, nil
}

// eachRecord runs a query of selectRecord and calls fn for each record until it returns false.
func (s *Store) eachRecord(ctx context.Context, op, sql string, fn func(onestop.Record) bool, args ...any) error {
	rows, err := s.pool.Query(ctx, sql, args...)
	if err != nil {
		return classify(op, err, false)
	}
	defer rows.Close()
	for rows.Next() {
		rec, err := scanRecord(rows)
		if err != nil {
			return classify(op, err, false)
		}
		if !fn(rec) {
			return nil
		}
	}
	return classify(op, rows.Err(), false)
}

// selectQueue selects a page of the work queue of the agency $1 in the states $2 (NULL:
// every state), after the cursor ($4, $5) unless $3, at most $6 records (NULL: all).
const selectQueue = selectRecord + ` JOIN dossier_holders h ON h.code = d.code
WHERE h.agency = $1 AND ($2::smallint[] IS NULL OR h.state = ANY($2))
    AND ($3::boolean OR (h.due, h.code) > ($4, $5))
ORDER BY h.due, h.code LIMIT $6`

// Queue implements onestop.Store with the index dossier_holders_queue (migration 006): the
// rows of the agency's dossiers in the queue's order, each joined to its dossier's row. A
// dossier several agencies hold has a row for each, so it is in each queue once.
func (s *Store) Queue(ctx context.Context, q onestop.QueueQuery, fn func(onestop.Record) bool) error {
	var states []int16 // nil: every state
	if len(q.States) > 0 {
		states = make([]int16, len(q.States))
		for i, st := range q.States {
			states[i] = int16(st)
		}
	}
	var limit *int64
	if q.Limit > 0 {
		l := int64(q.Limit)
		limit = &l
	}
	return s.eachRecord(ctx, "queue", selectQueue, fn, q.Agency, states, q.After == (onestop.QueueCursor{}),
		q.After.Due, q.After.Code, limit)
}

// Scan implements onestop.Store, reading the records in pages of 500 by code.
func (s *Store) Scan(ctx context.Context, fn func(onestop.Record) bool) error {
	after := ""
	for {
		rows, err := s.pool.Query(ctx, selectRecord+` WHERE d.code > $1 ORDER BY d.code LIMIT 500`, after)
		if err != nil {
			return classify("scan", err, false)
		}
		page, err := pgx.CollectRows(rows, scanRecord)
		if err != nil {
			return classify("scan", err, false)
		}
		for _, r := range page {
			if !fn(r) {
				return nil
			}
		}
		if len(page) < 500 {
			return nil
		}
		after = page[len(page)-1].Code
	}
}

// selectSummaries selects the summaries of a report of [$1, $2): the dossiers received before
// $2, open or ended since $1, each as its packed column (migration 002). The planner reads a
// short period by the partial indexes summaries_open and summaries_ended, and a long one by a
// sequential scan.
const selectSummaries = `SELECT packed FROM summaries WHERE received <> 0 AND received < $2 AND (ended = 0 OR ended >= $1)`

// Summaries implements onestop.Store: the rows of a report of [from, to), read from the
// summaries table alone, one compact binary value per dossier (the column packed, which the
// server keeps up to date itself), decoded here without the driver's conversions; the few
// distinct levels, fields and agencies are allocated once. A report over a million dossiers
// thus costs the server little more than reading the rows, and the client one allocation per
// dossier (its code).
func (s *Store) Summaries(ctx context.Context, from, to int64, fn func(onestop.Summary) bool) error {
	rows, err := s.pool.Query(ctx, selectSummaries, from, to)
	if err != nil {
		return classify("summaries", err, false)
	}
	defer rows.Close()
	var (
		x      onestop.Summary
		intern = map[string]string{}
		raw    = true // the value comes as the bytes themselves (binary format)
		buf    []byte
	)
	if fd := rows.FieldDescriptions(); len(fd) != 1 || fd[0].DataTypeOID != byteaOID || fd[0].Format != pgx.BinaryFormatCode {
		raw = false // e.g. the simple protocol: let the driver decode the text form
	}
	str := func(b []byte) string {
		if v, ok := intern[string(b)]; ok {
			return v
		}
		v := string(b)
		if len(intern) < 4096 {
			intern[v] = v
		}
		return v
	}
	for rows.Next() {
		if raw {
			v := rows.RawValues()
			if len(v) != 1 {
				return classify("summaries", errSummaryRow, false)
			}
			buf = v[0]
		} else if err := rows.Scan(&buf); err != nil {
			return classify("summaries", err, false)
		}
		if err := decodeSummary(buf, &x, str); err != nil {
			return classify("summaries", err, false)
		}
		if !fn(x) {
			return nil
		}
	}
	return classify("summaries", rows.Err(), false)
}

// byteaOID is the type of the column packed (pgtype.ByteaOID).
const byteaOID = 17

// packedFixed is the length of the numbers at the head of a packed summary.
const packedFixed = 7*8 + 5*2 + 2

// errSummaryRow is a packed summary not in the layout of migration 002.
var errSummaryRow = errors.New("pgstore: a packed summary is not in the expected layout")

// decodeSummary decodes a packed summary (migrations 002 and 005): seven int8, five int2 and
// two bools, then code, level, field and agency, each an int4 length and its UTF-8 bytes, then
// the corrections and the late ones (two int2), all big-endian.
// str makes the strings of the level, field and agency (interned by the caller).
func decodeSummary(b []byte, x *onestop.Summary, str func([]byte) string) error {
	if len(b) < packedFixed {
		return errSummaryRow
	}
	i8 := func(i int) int64 { return int64(binary.BigEndian.Uint64(b[8*i:])) }
	i2 := func(i int) int16 { return int16(binary.BigEndian.Uint16(b[56+2*i:])) }
	var texts [4][]byte
	rest := b[packedFixed:]
	for i := range texts {
		if len(rest) < 4 {
			return errSummaryRow
		}
		n := binary.BigEndian.Uint32(rest)
		if uint64(n) > uint64(len(rest)-4) {
			return errSummaryRow
		}
		texts[i], rest = rest[4:4+n], rest[4+n:]
	}
	// Migration 005: the corrections, two int2 after the texts.
	if len(rest) != 4 {
		return errSummaryRow
	}
	corrections, late := binary.BigEndian.Uint16(rest), binary.BigEndian.Uint16(rest[2:])
	*x = onestop.Summary{Code: string(texts[0]), Level: str(texts[1]), Field: str(texts[2]), Agency: str(texts[3]),
		Received: i8(0), OriginalDue: i8(1), Due: i8(2), End: i8(3), Returned: i8(4),
		WaitingSince: i8(5), ApplicantTime: i8(6),
		Outcome: onestop.Outcome(i2(0)), Supplements: uint8(i2(1)), Contacts: uint8(i2(2)),
		StepScore: int8(i2(3)), Rating: onestop.Rating(i2(4)),
		Online: b[66] != 0, Complaint: b[67] != 0, Corrections: uint8(corrections), CorrectionsLate: uint8(late)}
	return nil
}
