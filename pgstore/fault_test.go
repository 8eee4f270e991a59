package pgstore_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/motcua-go/motcua/dossier"
	"github.com/motcua-go/motcua/onestop"
	"github.com/motcua-go/motcua/pgstore"
	"github.com/motcua-go/motcua/pgstore/pgstoretest"
)

// outcome is what the Office answered to one command of a load.
type outcome struct {
	code string
	cmd  dossier.CommandKind
	err  error
}

// load runs clerks goroutines, each receiving dossiers and taking each one through a transfer
// and the start of processing, until stop is closed; it returns every command's outcome.
func load(t *testing.T, o *onestop.Office, clerks int, stop <-chan struct{}) []outcome {
	var (
		mu  sync.Mutex
		out []outcome
		wg  sync.WaitGroup
	)
	ctx := t.Context()
	record := func(code string, cmd dossier.CommandKind, err error) bool {
		mu.Lock()
		out = append(out, outcome{code, cmd, err})
		mu.Unlock()
		return err == nil
	}
	for g := range clerks {
		wg.Go(func() {
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				res, err := o.Intake(ctx, clerk, birth(t, fmt.Sprintf("Người nộp %d-%d", g, i)))
				if !record(res.Code, dossier.Receive, err) {
					continue
				}
				if _, err := o.Transfer(ctx, clerk, res.Code); !record(res.Code, dossier.Transfer, err) {
					continue
				}
				_, err = o.Start(ctx, civil, res.Code)
				record(res.Code, dossier.Start, err)
			}
		})
	}
	wg.Wait()
	return out
}

// checkLoad checks the outcomes of a load against the database: every accepted command is in
// its dossier's log once and its notice in the outbox once; a command refused as
// ErrUnavailable left nothing; one in doubt is there at most once; every error is typed.
func checkLoad(t *testing.T, pool *pgxpool.Pool, s *pgstore.Store, outs []outcome) (accepted int, failed map[string]int) {
	t.Helper()
	ctx := context.WithoutCancel(t.Context())
	notices := map[string]map[string]int{} // code → notice event → count
	rows, err := pool.Query(ctx, `SELECT code, payload->'notice'->>'event' FROM outbox`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var code, event string
		if err := rows.Scan(&code, &event); err != nil {
			t.Fatal(err)
		}
		if notices[code] == nil {
			notices[code] = map[string]int{}
		}
		notices[code][event]++
	}
	if rows.Err() != nil {
		t.Fatal(rows.Err())
	}
	var bad int
	if err := pool.QueryRow(ctx, `SELECT count(*) FROM dossiers d WHERE d.seq <>
	    (SELECT count(*) FROM dossier_events e WHERE e.code = d.code) OR d.seq <>
	    (SELECT coalesce(max(seq), 0) FROM dossier_events e WHERE e.code = d.code)`).Scan(&bad); err != nil {
		t.Fatal(err)
	}
	if bad != 0 {
		t.Errorf("%d dossiers whose log is not 1..Seq", bad)
	}
	failed = map[string]int{}
	for _, oc := range outs {
		if oc.err != nil {
			var pe *pgstore.Error
			if !errors.As(oc.err, &pe) {
				t.Errorf("%v on %s: untyped error %v", oc.cmd, oc.code, oc.err)
			} else {
				failed[pe.Err.Error()]++
			}
		} else {
			accepted++
		}
		if oc.code == "" {
			continue // an intake that failed before its code
		}
		rec, err := s.Get(ctx, oc.code)
		var inLog int
		if err == nil {
			for _, e := range rec.Dossier.Events {
				if e.Command == oc.cmd {
					inLog++
				}
			}
		} else if !errors.Is(err, onestop.ErrNotFound) {
			t.Fatal(err)
		}
		name, _ := oc.cmd.MarshalText()
		inOutbox := notices[oc.code][string(name)]
		switch {
		case oc.err == nil && (inLog != 1 || inOutbox != 1):
			t.Errorf("accepted %s of %s: %d times in the log, notice %d times in the outbox; want 1, 1", name, oc.code, inLog, inOutbox)
		case errors.Is(oc.err, pgstore.ErrUnavailable) && (inLog != 0 || inOutbox != 0):
			t.Errorf("%s of %s refused as unavailable: %d times in the log, %d in the outbox; want 0", name, oc.code, inLog, inOutbox)
		case inLog > 1 || inOutbox != inLog:
			t.Errorf("%s of %s (%v): %d times in the log, notice %d times in the outbox", name, oc.code, oc.err, inLog, inOutbox)
		}
	}
	return accepted, failed
}

// TestKilledConnections kills the store's connections (pg_terminate_backend) over and over
// while eight clerks work.
func TestKilledConnections(t *testing.T) {
	pool, s := migrated(t)
	killer := pg.Pool(t) // another schema, same database: its connection survives the kills
	o := newOffice(t, s, onestop.NewFakeClock(at(10, 8, 0)), nil)
	stop := make(chan struct{})
	var kills atomic.Int64
	var wg sync.WaitGroup
	wg.Go(func() {
		defer close(stop)
		for range 40 {
			time.Sleep(5 * time.Millisecond)
			var n int64
			err := killer.QueryRow(context.WithoutCancel(t.Context()), `SELECT count(*) FROM (SELECT pg_terminate_backend(pid)
			    FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()
			    AND backend_type = 'client backend') k`).Scan(&n)
			if err != nil {
				t.Error(err)
				return
			}
			kills.Add(n)
		}
	})
	outs := load(t, o, 8, stop)
	wg.Wait()
	accepted, failed := checkLoad(t, pool, s, outs)
	t.Logf("%d connections killed; %d commands accepted; refused: %v", kills.Load(), accepted, failed)
	if accepted == 0 || len(failed) == 0 || kills.Load() == 0 {
		t.Fatalf("the load did not meet the faults: %d accepted, failed %v, %d kills", accepted, failed, kills.Load())
	}
}

// TestServerRestart restarts the server (pg_ctl restart -m fast) in the middle of a load.
func TestServerRestart(t *testing.T) {
	pg.Require(t)
	c, err := pgstoretest.StartCluster()
	if err != nil {
		t.Skipf("a cluster of its own is needed to restart it: %v", err)
	}
	t.Cleanup(c.Stop)
	pool := c.Pool(t)
	if err := pgstore.Migrate(t.Context(), pool); err != nil {
		t.Fatal(err)
	}
	s := pgstore.New(pool, pgstore.Options{})
	o := newOffice(t, s, onestop.NewFakeClock(at(10, 8, 0)), nil)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		defer close(stop)
		time.Sleep(150 * time.Millisecond)
		if err := c.Restart(); err != nil {
			t.Error(err)
		}
		time.Sleep(150 * time.Millisecond)
	})
	outs := load(t, o, 8, stop)
	wg.Wait()
	accepted, failed := checkLoad(t, pool, s, outs)
	t.Logf("%d commands accepted; refused: %v", accepted, failed)
	if accepted == 0 || len(failed) == 0 {
		t.Fatalf("the load did not meet the restart: %d accepted, failed %v", accepted, failed)
	}
	// After the restart, the store works again.
	if _, err := o.Intake(t.Context(), clerk, birth(t, "Sau khởi động lại")); err != nil {
		t.Fatalf("intake after the restart: %v", err)
	}
}
