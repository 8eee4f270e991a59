package pgstore_test

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"sync"
	"testing"

	"github.com/motcua-go/motcua/onestop"
	"github.com/motcua-go/motcua/pgstore"
)

// conflicting makes 16 goroutines append n events in all, 50 to each dossier, each event a
// read-modify-write; the goroutines write to the same dossier at the same time, so they meet
// stale versions and try again. No event may be lost or written twice, and each one's message
// is in the outbox once.
func conflicting(t *testing.T, n int) {
	pool, s := migrated(t)
	o := newOffice(t, s, onestop.NewFakeClock(at(10, 8, 0)), nil)
	ctx := t.Context()
	var codes []string
	const perDossier = 50
	for i := range (n + perDossier - 1) / perDossier {
		res, err := o.Intake(ctx, clerk, birth(t, fmt.Sprintf("Người nộp %d", i)))
		if err != nil {
			t.Fatal(err)
		}
		codes = append(codes, res.Code)
	}
	const workers = 16
	var (
		wg        sync.WaitGroup
		mu        sync.Mutex
		conflicts int
	)
	for g := range workers {
		wg.Go(func() {
			for i := g; i < n; i += workers {
				code := codes[i/perDossier]
				mark := "w" + strconv.Itoa(i)
				for {
					rec, err := s.Get(ctx, code)
					if err != nil {
						t.Error(err)
						return
					}
					d := *rec.Dossier
					last := d.Events[len(d.Events)-1]
					last.Seq++
					last.Reason = mark
					last.Intake = nil
					d.Events = append(d.Events[:len(d.Events):len(d.Events)], last)
					rec.Dossier, rec.Seq = &d, last.Seq
					out := []onestop.Envelope{{Code: code, Notice: &onestop.Notice{Code: code, Event: "test", Reason: mark}}}
					_, err = s.Update(ctx, rec, out)
					if err == nil {
						break
					}
					if !errors.Is(err, onestop.ErrConflict) {
						t.Error(err)
						return
					}
					mu.Lock()
					conflicts++
					mu.Unlock()
				}
			}
		})
	}
	wg.Wait()
	seen := map[string]int{}
	for _, c := range codes {
		if t.Failed() {
			return
		}
		rec, err := s.Get(ctx, c)
		if err != nil {
			t.Fatal(err)
		}
		for i, e := range rec.Dossier.Events {
			if e.Seq != i+1 {
				t.Fatalf("%s: event %d has Seq %d", c, i, e.Seq)
			}
			if e.Reason != "" && e.Reason[0] == 'w' {
				seen[e.Reason]++
			}
		}
		if rec.Seq != len(rec.Dossier.Events) {
			t.Fatalf("%s: Seq %d, log of %d", c, rec.Seq, len(rec.Dossier.Events))
		}
	}
	rows, err := pool.Query(ctx, `SELECT payload->'notice'->>'reason' FROM outbox WHERE payload->'notice'->>'event' = 'test'`)
	if err != nil {
		t.Fatal(err)
	}
	inOutbox := map[string]int{}
	for rows.Next() {
		var m string
		if err := rows.Scan(&m); err != nil {
			t.Fatal(err)
		}
		inOutbox[m]++
	}
	for i := range n {
		m := "w" + strconv.Itoa(i)
		if seen[m] != 1 || inOutbox[m] != 1 {
			t.Fatalf("write %s: %d times in the log, %d in the outbox; want 1, 1", m, seen[m], inOutbox[m])
		}
	}
	if rows.Err() != nil {
		t.Fatal(rows.Err())
	}
	if len(seen) != n || len(inOutbox) != n {
		t.Fatalf("%d writes in the log, %d in the outbox; want %d", len(seen), len(inOutbox), n)
	}
	t.Logf("%d writes by %d goroutines on %d dossiers, %d stale versions met and retried", n, workers, len(codes), conflicts)
	if conflicts == 0 {
		t.Fatal("no write met a stale version: the test did not test conflicts")
	}
}

// TestConflicting is the short run (under -race in the normal suite).
func TestConflicting(t *testing.T) { conflicting(t, 200) }

// TestConflictingLong is the run of 100,000 conflicting commands; set
// MOTCUA_PG_LONG=1 to run it (about a minute on two cores).
func TestConflictingLong(t *testing.T) {
	if os.Getenv("MOTCUA_PG_LONG") != "1" {
		t.Skip("set MOTCUA_PG_LONG=1 for 100,000 conflicting commands")
	}
	conflicting(t, 100_000)
}

// TestStale: a stale Update is a *onestop.ConflictError and writes nothing: neither the record,
// nor an event, nor a message.
func TestStale(t *testing.T) {
	pool, s := migrated(t)
	o := newOffice(t, s, onestop.NewFakeClock(at(10, 8, 0)), nil)
	res, err := o.Intake(t.Context(), clerk, birth(t, "Trần Văn B"))
	if err != nil {
		t.Fatal(err)
	}
	rec, err := s.Get(t.Context(), res.Code)
	if err != nil {
		t.Fatal(err)
	}
	var before [2]int
	count := func() [2]int {
		var c [2]int
		if err := pool.QueryRow(t.Context(), `SELECT (SELECT count(*) FROM dossier_events), (SELECT count(*) FROM outbox)`).Scan(&c[0], &c[1]); err != nil {
			t.Fatal(err)
		}
		return c
	}
	before = count()
	stale := rec
	stale.Version--
	d := *stale.Dossier
	e := d.Events[len(d.Events)-1]
	e.Seq++
	d.Events = append(d.Events[:len(d.Events):len(d.Events)], e)
	stale.Dossier, stale.Seq = &d, e.Seq
	_, err = s.Update(t.Context(), stale, []onestop.Envelope{{Code: res.Code, Notice: &onestop.Notice{Event: "x"}}})
	var ce *onestop.ConflictError
	if !errors.As(err, &ce) || ce.Actual != rec.Version || ce.Expected != rec.Version-1 {
		t.Fatalf("stale Update = %v, want a *ConflictError (read %d, stored %d)", err, rec.Version-1, rec.Version)
	}
	if after := count(); after != before {
		t.Fatalf("a stale Update wrote: events and messages %v, then %v", before, after)
	}
	back, err := s.Get(t.Context(), res.Code)
	if err != nil || back.Version != rec.Version || len(back.Dossier.Events) != len(rec.Dossier.Events) {
		t.Fatalf("after a stale Update: version %d, %d events, %v", back.Version, len(back.Dossier.Events), err)
	}
	// Unknown code: not found, not a conflict.
	stale.Code = "000.00.31.H49-260310-0999"
	if _, err := s.Update(t.Context(), stale, nil); !errors.Is(err, onestop.ErrNotFound) {
		t.Fatalf("Update(unknown) = %v, want ErrNotFound", err)
	}
	// Create twice: exists.
	dup := rec
	dup.Version = 0
	_, err = s.Create(t.Context(), dup, []onestop.Envelope{{Code: dup.Code, Notice: &onestop.Notice{Event: "x"}}})
	if !errors.Is(err, onestop.ErrExists) {
		t.Fatalf("Create(existing) = %v, want ErrExists", err)
	}
	if after := count(); after != before {
		t.Fatalf("a Create of a code stored wrote: events and messages %v, then %v", before, after)
	}
	var pe *pgstore.Error
	if errors.As(err, &pe) {
		t.Fatalf("a stale write is a database error: %v", err)
	}
}
