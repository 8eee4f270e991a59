package pgstore_test

import (
	"context"
	"errors"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/motcua-go/motcua/dossier"
	"github.com/motcua-go/motcua/onestop"
	"github.com/motcua-go/motcua/pgstore"
	"github.com/motcua-go/motcua/pgstore/pgstoretest"
)

// queryCounter counts the queries of a pool (pgx.QueryTracer): Get's is one QueryRow.
type queryCounter struct{ n atomic.Int64 }

func (c *queryCounter) TraceQueryStart(ctx context.Context, _ *pgx.Conn, _ pgx.TraceQueryStartData) context.Context {
	c.n.Add(1)
	return ctx
}

func (c *queryCounter) TraceQueryEnd(context.Context, *pgx.Conn, pgx.TraceQueryEndData) {}

// twoProcesses returns, on one new schema, store a (its own pool, Options{}) and store b
// (another pool, as another process would have, with Options.Listen), the queries of b's pool
// counted, b listening, and a pool for the test's own statements.
func twoProcesses(t *testing.T) (a, b *pgstore.Store, bq *queryCounter, pool *pgxpool.Pool) {
	t.Helper()
	return twoProcessesOn(t, pg)
}

// twoProcessesOn is twoProcesses on cluster c.
func twoProcessesOn(t *testing.T, c *pgstoretest.Cluster) (a, b *pgstore.Store, bq *queryCounter, pool *pgxpool.Pool) {
	t.Helper()
	url := c.Schema(t)
	ctx := context.WithoutCancel(t.Context())
	newPool := func(tracer pgx.QueryTracer) *pgxpool.Pool {
		cfg, err := pgxpool.ParseConfig(url)
		if err != nil {
			t.Fatal(err)
		}
		cfg.ConnConfig.Tracer = tracer
		p, err := pgxpool.NewWithConfig(ctx, cfg)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(p.Close)
		return p
	}
	pool = newPool(nil)
	if err := pgstore.Migrate(ctx, pool); err != nil {
		t.Fatal(err)
	}
	bq = new(queryCounter)
	a = pgstore.New(newPool(nil), pgstore.Options{})
	b = pgstore.New(newPool(bq), pgstore.Options{Listen: true})
	t.Cleanup(b.Close) // before the pools close (cleanups run last first)
	waitFor(t, "b listens", b.Listening)
	return a, b, bq, pool
}

// waitFor polls cond every millisecond for at most 10 s.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("%s: not within 10 s", what)
		}
		time.Sleep(time.Millisecond)
	}
}

// intakeNoticed receives a dossier through o and waits until b has the notice of its write:
// a read that a notice crosses is not trusted (TestListenReadRace), and the tests count
// queries.
func intakeNoticed(t *testing.T, o *onestop.Office, b *pgstore.Store) onestop.IntakeResult {
	t.Helper()
	before := pgstore.Invalidations(b)
	res, err := o.Intake(t.Context(), clerk, birth(t, "Lê Thị C"))
	if err != nil {
		t.Fatal(err)
	}
	waitFor(t, "b gets the notice of the intake", func() bool { return pgstore.Invalidations(b) > before })
	return res
}

// getCounting returns b's record of code and how many queries b's pool ran for it.
func getCounting(t *testing.T, b *pgstore.Store, bq *queryCounter, code string) (onestop.Record, int64) {
	t.Helper()
	n := bq.n.Load()
	rec, err := b.Get(t.Context(), code)
	if err != nil {
		t.Fatal(err)
	}
	return rec, bq.n.Load() - n
}

// seesStored waits until b's Get gives the version the database holds for code, and returns it.
func seesStored(t *testing.T, what string, b *pgstore.Store, pool *pgxpool.Pool, code string) uint64 {
	t.Helper()
	want := storedVersion(t, pool, code)
	waitFor(t, what, func() bool {
		rec, err := b.Get(t.Context(), code)
		return err == nil && rec.Version == want
	})
	return want
}

func storedVersion(t *testing.T, pool *pgxpool.Pool, code string) uint64 {
	t.Helper()
	var v int64
	if err := pool.QueryRow(t.Context(), `SELECT version FROM dossiers WHERE code = $1`, code).Scan(&v); err != nil {
		t.Fatal(err)
	}
	return uint64(v)
}

// TestListenOtherProcess: a record b read while listening is served with no query; a write
// through a (another process) reaches b's cache by its notice, after which b reads the new
// version, then serves it with no query again.
func TestListenOtherProcess(t *testing.T) {
	a, b, bq, pool := twoProcesses(t)
	ctx := t.Context()
	clock := onestop.NewFakeClock(at(10, 8, 0))
	oa := newOffice(t, a, clock, nil)
	res := intakeNoticed(t, oa, b)
	first, q := getCounting(t, b, bq, res.Code)
	if q != 1 || first.Version != 1 {
		t.Fatalf("first Get: version %d with %d queries, want version 1 with 1", first.Version, q)
	}
	again, q := getCounting(t, b, bq, res.Code)
	if q != 0 || again.Version != 1 {
		t.Fatalf("cached Get: version %d with %d queries, want version 1 with none", again.Version, q)
	}
	if _, err := oa.Transfer(ctx, clerk, res.Code); err != nil {
		t.Fatal(err)
	}
	want := seesStored(t, "b sees a's write", b, pool, res.Code)
	rec, q := getCounting(t, b, bq, res.Code)
	if q != 0 || rec.Version != want || rec.Dossier.State != dossier.Transferred {
		t.Fatalf("after the notice: version %d, state %v with %d queries, want version %d, transferred, no query",
			rec.Version, rec.Dossier.State, q, want)
	}
}

// TestListenOwnWrites: a Store's own write drops the record from its cache when it returns,
// without waiting for the notice (held back here until the check is done).
func TestListenOwnWrites(t *testing.T) {
	_, b, bq, _ := twoProcesses(t)
	ctx := t.Context()
	release := make(chan struct{})
	var releaseOnce sync.Once
	defer releaseOnce.Do(func() { close(release) })
	pgstore.SetNotice(b, func(string) { <-release })
	ob := newOffice(t, b, onestop.NewFakeClock(at(10, 8, 0)), nil)
	res, err := ob.Intake(ctx, clerk, birth(t, "Lê Thị C"))
	if err != nil {
		t.Fatal(err)
	}
	if rec, _ := getCounting(t, b, bq, res.Code); rec.Version != 1 {
		t.Fatalf("version %d after the intake, want 1", rec.Version)
	}
	if _, err := ob.Transfer(ctx, clerk, res.Code); err != nil {
		t.Fatal(err)
	}
	rec, q := getCounting(t, b, bq, res.Code)
	if rec.Version != 2 || q != 1 {
		t.Fatalf("Get after its own write: version %d with %d queries, want 2 with 1", rec.Version, q)
	}
	releaseOnce.Do(func() { close(release) })
}

// TestListenReadRace forces the interleaving that would keep a stale record for ever: b's Get
// reads version 1, then a's write of version 2 commits and its notice reaches b (with nothing
// to drop), and only then does the Get put version 1 in the cache. That record must not be
// trusted: the next Get asks the database and returns version 2.
func TestListenReadRace(t *testing.T) {
	a, b, bq, pool := twoProcesses(t)
	ctx := t.Context()
	clock := onestop.NewFakeClock(at(10, 8, 0))
	oa := newOffice(t, a, clock, nil)
	res := intakeNoticed(t, oa, b)
	var once sync.Once
	pgstore.SetAfterRead(b, func(code string) {
		once.Do(func() {
			before := pgstore.Invalidations(b)
			if _, err := oa.Transfer(ctx, clerk, code); err != nil {
				t.Error(err)
				return
			}
			waitFor(t, "b gets the notice", func() bool { return pgstore.Invalidations(b) > before })
		})
	})
	first, _ := getCounting(t, b, bq, res.Code)
	if first.Version != 1 {
		t.Fatalf("the first Get read version %d, want 1 (read before the write)", first.Version)
	}
	want := storedVersion(t, pool, res.Code)
	rec, q := getCounting(t, b, bq, res.Code)
	if rec.Version != want || q != 1 {
		t.Fatalf("second Get: version %d with %d queries, want version %d from the database", rec.Version, q, want)
	}
	if rec, q := getCounting(t, b, bq, res.Code); rec.Version != want || q != 0 {
		t.Fatalf("third Get: version %d with %d queries, want version %d with none", rec.Version, q, want)
	}
}

// TestListenerKilled: when b's listener connection is killed, b stops trusting its cache as
// soon as the listener sees the loss, so a write through a while the listener is down is seen
// by b's next Get; once the listener is back, b serves records again with no query.
func TestListenerKilled(t *testing.T) {
	a, b, bq, pool := twoProcesses(t)
	ctx := t.Context()
	clock := onestop.NewFakeClock(at(10, 8, 0))
	oa := newOffice(t, a, clock, nil)
	res := intakeNoticed(t, oa, b)
	getCounting(t, b, bq, res.Code)
	if _, q := getCounting(t, b, bq, res.Code); q != 0 {
		t.Fatalf("cached Get ran %d queries, want none", q)
	}
	gate := make(chan struct{}) // the listener reconnects once it is closed
	var gateOnce sync.Once
	defer gateOnce.Do(func() { close(gate) })
	pgstore.SetDial(b, func(ctx context.Context) error {
		select {
		case <-gate:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	})
	pid := pgstore.ListenerBackend(b)
	var killed bool
	if err := pool.QueryRow(ctx, `SELECT pg_terminate_backend($1)`, int32(pid)).Scan(&killed); err != nil || !killed {
		t.Fatalf("pg_terminate_backend(%d) = %v, %v", pid, killed, err)
	}
	waitFor(t, "b sees its listener gone", func() bool { return !b.Listening() })
	if _, err := oa.Transfer(ctx, clerk, res.Code); err != nil {
		t.Fatal(err)
	}
	want := storedVersion(t, pool, res.Code)
	for i := range 2 {
		if rec, q := getCounting(t, b, bq, res.Code); rec.Version != want || q != 1 {
			t.Fatalf("Get %d with the listener down: version %d with %d queries, want version %d with 1", i, rec.Version, q, want)
		}
	}
	gateOnce.Do(func() { close(gate) })
	waitFor(t, "b listens again", b.Listening)
	if pgstore.ListenerBackend(b) == pid {
		t.Fatal("the listener's backend is the killed one")
	}
	if rec, q := getCounting(t, b, bq, res.Code); rec.Version != want || q != 1 {
		t.Fatalf("first Get after reconnecting: version %d with %d queries, want version %d with 1 (read before)", rec.Version, q, want)
	}
	if rec, q := getCounting(t, b, bq, res.Code); rec.Version != want || q != 0 {
		t.Fatalf("second Get after reconnecting: version %d with %d queries, want version %d with none", rec.Version, q, want)
	}
	if _, err := oa.Start(ctx, civil, res.Code); err != nil {
		t.Fatal(err)
	}
	seesStored(t, "b sees a's write after reconnecting", b, pool, res.Code)
}

// TestListenerServerRestart: the server restarts under b's listener; b checks every Get
// meanwhile, reconnects, and sees a's writes by their notices again.
func TestListenerServerRestart(t *testing.T) {
	pg.Require(t)
	c, err := pgstoretest.StartCluster()
	if err != nil {
		t.Skipf("a cluster of its own is needed to restart it: %v", err)
	}
	t.Cleanup(c.Stop)
	a, b, bq, pool := twoProcessesOn(t, c)
	ctx := t.Context()
	clock := onestop.NewFakeClock(at(10, 8, 0))
	oa := newOffice(t, a, clock, nil)
	res := intakeNoticed(t, oa, b)
	getCounting(t, b, bq, res.Code)
	if _, q := getCounting(t, b, bq, res.Code); q != 0 {
		t.Fatalf("cached Get ran %d queries, want none", q)
	}
	if err := c.Restart(); err != nil {
		t.Fatal(err)
	}
	// The first commands may meet connections the restart cut: nothing written, try again.
	waitFor(t, "a transfers", func() bool {
		_, err := oa.Transfer(ctx, clerk, res.Code)
		if err != nil && !errors.Is(err, pgstore.ErrUnavailable) {
			t.Fatal(err)
		}
		return err == nil
	})
	pool.Reset() // its connections were cut
	want := storedVersion(t, pool, res.Code)
	// Whether or not the listener is back yet, the record b read before the restart is not
	// served as it is.
	waitFor(t, "b reads", func() bool {
		rec, err := b.Get(ctx, res.Code)
		if err != nil && !errors.Is(err, pgstore.ErrUnavailable) {
			t.Fatal(err)
		}
		if err == nil && rec.Version != want {
			t.Fatalf("Get after the restart: version %d, want %d", rec.Version, want)
		}
		return err == nil
	})
	waitFor(t, "b listens again", b.Listening)
	if _, err := oa.Start(ctx, civil, res.Code); err != nil {
		t.Fatal(err)
	}
	seesStored(t, "b sees a's write after the restart", b, pool, res.Code)
}

// TestListenerClose: Close ends the listener's goroutine and connection, also while it waits
// to reconnect, and may be called twice; a Store without Listen has nothing to close.
func TestListenerClose(t *testing.T) {
	pool, plain := migrated(t)
	plain.Close()
	if plain.Listening() {
		t.Fatal("a Store without Listen says it listens")
	}
	ctx := t.Context()
	settle := func() int {
		runtime.GC()
		return runtime.NumGoroutine()
	}
	before := settle()
	s := pgstore.New(pool, pgstore.Options{Listen: true})
	waitFor(t, "the store listens", s.Listening)
	pid := pgstore.ListenerBackend(s)
	s.Close()
	s.Close()
	if s.Listening() {
		t.Fatal("Listening after Close")
	}
	waitFor(t, "the goroutines end", func() bool { return settle() <= before })
	waitFor(t, "the listener's backend ends", func() bool {
		var n int
		err := pool.QueryRow(ctx, `SELECT count(*) FROM pg_stat_activity WHERE pid = $1`, int32(pid)).Scan(&n)
		return err == nil && n == 0
	})

	// Closed while it waits to connect.
	s = pgstore.New(pool, pgstore.Options{Listen: true})
	waitFor(t, "the store listens", s.Listening)
	dialing := make(chan struct{}, 1)
	pgstore.SetDial(s, func(ctx context.Context) error {
		select {
		case dialing <- struct{}{}:
		default:
		}
		<-ctx.Done()
		return ctx.Err()
	})
	var killed bool
	if err := pool.QueryRow(ctx, `SELECT pg_terminate_backend($1)`, int32(pgstore.ListenerBackend(s))).Scan(&killed); err != nil || !killed {
		t.Fatalf("pg_terminate_backend: %v, %v", killed, err)
	}
	select {
	case <-dialing:
	case <-time.After(10 * time.Second):
		t.Fatal("the listener did not try to reconnect within 10 s")
	}
	done := make(chan struct{})
	go func() { s.Close(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("Close did not return within 10 s while the listener waited to connect")
	}
	waitFor(t, "the goroutines end", func() bool { return settle() <= before })
}

// TestListenerHeartbeat: a listener that waits for notices longer than its heartbeat pings
// the server and keeps its connection (the cache stays trusted), and still gets notices.
func TestListenerHeartbeat(t *testing.T) {
	a, b, bq, pool := twoProcesses(t)
	ctx := t.Context()
	pgstore.SetHeartbeat(b, 5*time.Millisecond)
	oa := newOffice(t, a, onestop.NewFakeClock(at(10, 8, 0)), nil)
	res := intakeNoticed(t, oa, b)
	pid := pgstore.ListenerBackend(b)
	getCounting(t, b, bq, res.Code)
	time.Sleep(200 * time.Millisecond) // some forty heartbeats
	if got := pgstore.ListenerBackend(b); got != pid || !b.Listening() {
		t.Fatalf("after the heartbeats the listener's backend is %d (listening %v), want %d: it reconnected", got, b.Listening(), pid)
	}
	if _, q := getCounting(t, b, bq, res.Code); q != 0 {
		t.Fatalf("cached Get ran %d queries after the heartbeats, want none", q)
	}
	if _, err := oa.Transfer(ctx, clerk, res.Code); err != nil {
		t.Fatal(err)
	}
	seesStored(t, "b sees a's write", b, pool, res.Code)
}

// TestListenConcurrent: b reads while a writes, from several goroutines each; once the
// writes are over and their notices delivered, b serves every dossier at its stored version
// (no read that crossed a write stays in the cache as current).
func TestListenConcurrent(t *testing.T) {
	a, b, _, pool := twoProcesses(t)
	ctx := t.Context()
	// Reads that last longer, so that notices arrive during them.
	pgstore.SetAfterRead(b, func(string) { time.Sleep(time.Millisecond) })
	oa := newOffice(t, a, onestop.NewFakeClock(at(10, 8, 0)), nil)
	var codes []string
	for range 8 {
		codes = append(codes, intakeNoticed(t, oa, b).Code)
	}
	stop := make(chan struct{})
	var readers, writers sync.WaitGroup
	for r := range 4 {
		readers.Go(func() {
			for i := r; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				if _, err := b.Get(ctx, codes[i%len(codes)]); err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	// Each writer moves its dossiers through transfer, start and back to the counter's
	// result, each step a write b may be reading across.
	for w := range 2 {
		writers.Go(func() {
			for i := w; i < len(codes); i += 2 {
				for _, step := range []func(string) error{
					func(c string) error { _, err := oa.Transfer(ctx, clerk, c); return err },
					func(c string) error { _, err := oa.Start(ctx, civil, c); return err },
					func(c string) error { _, err := oa.Resolve(ctx, civil, c, "KS-02"); return err },
				} {
					if err := step(codes[i]); err != nil {
						t.Error(err)
						return
					}
				}
			}
		})
	}
	writers.Wait()
	close(stop)
	readers.Wait()
	for _, c := range codes {
		want := storedVersion(t, pool, c)
		waitFor(t, "b serves "+c+" at its stored version", func() bool {
			rec, err := b.Get(ctx, c)
			return err == nil && rec.Version == want
		})
	}
	// Current now, and it stays so: every notice was delivered before the last read.
	for _, c := range codes {
		if rec, err := b.Get(ctx, c); err != nil || rec.Version != storedVersion(t, pool, c) {
			t.Fatalf("%s: version %d, %v; stored %d", c, rec.Version, err, storedVersion(t, pool, c))
		}
	}
}
