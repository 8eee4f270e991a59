package storetest

import (
	"context"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/motcua-go/motcua/dossier"
	"github.com/motcua-go/motcua/onestop"
)

// recorder is a testing.TB that records the failures of a check instead of failing the test
// that runs it; Fatal ends the check's goroutine as testing does.
type recorder struct {
	testing.TB
	mu     sync.Mutex
	failed bool
	msgs   []string
}

func (r *recorder) Helper() {}

func (r *recorder) Errorf(format string, args ...any) {
	r.mu.Lock()
	r.failed = true
	r.msgs = append(r.msgs, fmt.Sprintf(format, args...))
	r.mu.Unlock()
}

func (r *recorder) Error(args ...any)                 { r.Errorf("%s", fmt.Sprint(args...)) }
func (r *recorder) Fatalf(format string, args ...any) { r.Errorf(format, args...); runtime.Goexit() }
func (r *recorder) Fatal(args ...any)                 { r.Error(args...); runtime.Goexit() }
func (r *recorder) Fail()                             { r.Errorf("failed") }
func (r *recorder) FailNow()                          { r.Fail(); runtime.Goexit() }
func (r *recorder) Log(...any)                        {}
func (r *recorder) Logf(string, ...any)               {}

func (r *recorder) Failed() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.failed
}

// runCheck runs one check on a store with a recorder, in a goroutine of its own, and returns
// the recorder. A panic counts as a failure.
func runCheck(t *testing.T, c check, s onestop.Store) *recorder {
	r := &recorder{TB: t}
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer func() {
			if p := recover(); p != nil {
				r.Errorf("panic: %v", p)
			}
		}()
		c.run(r, s)
	}()
	<-done
	return r
}

// suiteFails runs the checks named (every check when none is) on fresh stores and returns
// the names of those that failed, with their first message.
func suiteFails(t *testing.T, newStore func() onestop.Store, names ...string) map[string]string {
	failed := map[string]string{}
	for _, c := range checks {
		if len(names) > 0 && !slices.Contains(names, c.name) {
			continue
		}
		if r := runCheck(t, c, newStore()); r.Failed() {
			failed[c.name] = strings.Join(r.msgs[:1], "")
		}
	}
	return failed
}

func TestMemStorePasses(t *testing.T) {
	Run(t, func(*testing.T) onestop.Store { return onestop.NewMemStore() })
}

// The recorder itself records: a check that fails is seen failing.
func TestRecorderSeesFailures(t *testing.T) {
	r := runCheck(t, check{"fails", func(t testing.TB, _ onestop.Store) { t.Fatalf("boom"); panic("not reached") }}, nil)
	if !r.Failed() || len(r.msgs) != 1 || r.msgs[0] != "boom" {
		t.Fatalf("recorder %+v", r.msgs)
	}
	if r := runCheck(t, check{"passes", func(testing.TB, onestop.Store) {}}, nil); r.Failed() {
		t.Fatal("a check that passes recorded a failure")
	}
}

// broken stores, each a MemStore with one defect: the suite must fail every one.

// loseLastEvent loses the last event of the log on every Update (Seq kept).
type loseLastEvent struct{ *onestop.MemStore }

func (s loseLastEvent) Update(ctx context.Context, rec onestop.Record, out []onestop.Envelope) (onestop.Record, error) {
	if rec.Dossier != nil && len(rec.Dossier.Events) > 0 {
		d := *rec.Dossier
		d.Events = d.Events[:len(d.Events)-1]
		rec.Dossier = &d
	}
	return s.MemStore.Update(ctx, rec, out)
}

// dropLogOnCreate stores the dossier of Create without its log.
type dropLogOnCreate struct{ *onestop.MemStore }

func (s dropLogOnCreate) Create(ctx context.Context, rec onestop.Record, out []onestop.Envelope) (onestop.Record, error) {
	if rec.Dossier != nil {
		d := *rec.Dossier
		d.Events = nil
		rec.Dossier = &d
	}
	return s.MemStore.Create(ctx, rec, out)
}

// keepCreateDossier keeps the dossier of Create on every Update (a row never rewritten).
type keepCreateDossier struct {
	*onestop.MemStore
	mu    *sync.Mutex
	first map[string]*dossier.Dossier
}

func newKeepCreateDossier() onestop.Store {
	return keepCreateDossier{onestop.NewMemStore(), new(sync.Mutex), map[string]*dossier.Dossier{}}
}

func (s keepCreateDossier) Create(ctx context.Context, rec onestop.Record, out []onestop.Envelope) (onestop.Record, error) {
	got, err := s.MemStore.Create(ctx, rec, out)
	if err == nil {
		s.mu.Lock()
		s.first[rec.Code] = rec.Dossier
		s.mu.Unlock()
	}
	return got, err
}

func (s keepCreateDossier) Update(ctx context.Context, rec onestop.Record, out []onestop.Envelope) (onestop.Record, error) {
	s.mu.Lock()
	if d, ok := s.first[rec.Code]; ok {
		rec.Dossier = d
	}
	s.mu.Unlock()
	return s.MemStore.Update(ctx, rec, out)
}

// dropParts drops a part of every record it writes.
type dropParts struct {
	*onestop.MemStore
	drop func(*onestop.Record)
}

func (s dropParts) Create(ctx context.Context, rec onestop.Record, out []onestop.Envelope) (onestop.Record, error) {
	s.drop(&rec)
	return s.MemStore.Create(ctx, rec, out)
}

func (s dropParts) Update(ctx context.Context, rec onestop.Record, out []onestop.Envelope) (onestop.Record, error) {
	s.drop(&rec)
	return s.MemStore.Update(ctx, rec, out)
}

// dropMessages writes records without their messages.
type dropMessages struct{ *onestop.MemStore }

func (s dropMessages) Update(ctx context.Context, rec onestop.Record, _ []onestop.Envelope) (onestop.Record, error) {
	return s.MemStore.Update(ctx, rec, nil)
}

// messagesOfRefusedWrites writes the messages of a write even when the write is refused.
type messagesOfRefusedWrites struct{ *onestop.MemStore }

func (s messagesOfRefusedWrites) Update(ctx context.Context, rec onestop.Record, out []onestop.Envelope) (onestop.Record, error) {
	got, err := s.MemStore.Update(ctx, rec, out)
	if err != nil && len(out) > 0 {
		_ = s.MemStore.Post(ctx, out)
	}
	return got, err
}

// noLease hands the same messages out to every Fetch.
type noLease struct{ *onestop.MemStore }

func (s noLease) Fetch(ctx context.Context, now time.Time, _ time.Duration, limit int) ([]onestop.Envelope, error) {
	return s.MemStore.Fetch(ctx, now, 0, limit)
}

// watchMisses answers Watch with the records watched until a day earlier.
type watchMisses struct{ *onestop.MemStore }

func (s watchMisses) Watch(ctx context.Context, until time.Time, fn func(onestop.Record) bool) error {
	return s.MemStore.Watch(ctx, until.Add(-24*time.Hour), fn)
}

// watchAlters gives Watch's records changed by f.
type watchAlters struct {
	*onestop.MemStore
	f func(*onestop.Record)
}

func (s watchAlters) Watch(ctx context.Context, until time.Time, fn func(onestop.Record) bool) error {
	return s.MemStore.Watch(ctx, until, func(r onestop.Record) bool {
		d := *r.Dossier
		r.Dossier = &d
		s.f(&r)
		return fn(r)
	})
}

// A store whose Watch gives only what the sweep reads passes (Store.Watch allows it).
func TestLeanWatchPasses(t *testing.T) {
	Run(t, func(*testing.T) onestop.Store {
		return watchAlters{onestop.NewMemStore(), func(r *onestop.Record) {
			r.Summary, r.Public, r.Plan, r.Consultations = onestop.Summary{}, nil, nil, nil
		}}
	})
}

// summariesFromStart leaves out the dossiers that ended exactly at the start of the period.
type summariesFromStart struct{ *onestop.MemStore }

func (s summariesFromStart) Summaries(ctx context.Context, from, to int64, fn func(onestop.Summary) bool) error {
	return s.MemStore.Summaries(ctx, from+1, to, fn)
}

// queueWithoutCursor ignores the cursor.
type queueWithoutCursor struct{ *onestop.MemStore }

func (s queueWithoutCursor) Queue(ctx context.Context, q onestop.QueueQuery, fn func(onestop.Record) bool) error {
	q.After = onestop.QueueCursor{}
	return s.MemStore.Queue(ctx, q, fn)
}

// firstHolderQueue keeps every holder in the record but queues a dossier only under the
// first (a single holder column, as before parallel steps).
type firstHolderQueue struct{ *onestop.MemStore }

func (s firstHolderQueue) Queue(ctx context.Context, q onestop.QueueQuery, fn func(onestop.Record) bool) error {
	return s.MemStore.Queue(ctx, q, func(r onestop.Record) bool {
		if len(r.Holders) > 0 && r.Holders[0] != q.Agency {
			return true
		}
		return fn(r)
	})
}

// staleWins lets a stale Update through.
type staleWins struct{ *onestop.MemStore }

func (s staleWins) Update(ctx context.Context, rec onestop.Record, out []onestop.Envelope) (onestop.Record, error) {
	if cur, err := s.MemStore.Get(ctx, rec.Code); err == nil {
		rec.Version = cur.Version
	}
	return s.MemStore.Update(ctx, rec, out)
}

// The suite fails each broken store, and says where.
func TestSuiteFailsBrokenStores(t *testing.T) {
	mem := func() *onestop.MemStore { return onestop.NewMemStore() }
	drop := func(f func(*onestop.Record)) func() onestop.Store {
		return func() onestop.Store { return dropParts{mem(), f} }
	}
	for _, tc := range []struct {
		name     string
		newStore func() onestop.Store
		must     []string // checks that must be among those failing
	}{
		{"loses the last event on Update", func() onestop.Store { return loseLastEvent{mem()} }, []string{"RecordsFromCommands", "UpdateBumpsVersion"}},
		{"drops the log on Create", func() onestop.Store { return dropLogOnCreate{mem()} }, []string{"RecordsFromCommands", "CreateGet"}},
		{"keeps the dossier of Create on every Update", newKeepCreateDossier, []string{"RecordsFromCommands"}},
		{"drops consultations", drop(func(r *onestop.Record) { r.Consultations = nil }), []string{"RecordsFromCommands", "CreateGet", "UpdateBumpsVersion"}},
		{"drops the plan", drop(func(r *onestop.Record) { r.Plan = nil }), []string{"RecordsFromCommands", "CreateGet"}},
		{"drops the route", drop(func(r *onestop.Record) { r.Route, r.Locality = "", "" }), []string{"RecordsFromCommands", "CreateGet"}},
		{"drops Seq", drop(func(r *onestop.Record) { r.Seq = 0 }), []string{"RecordsFromCommands", "CreateGet"}},
		{"drops the summary", drop(func(r *onestop.Record) { r.Summary = onestop.Summary{} }), []string{"RecordsFromCommands", "Summaries"}},
		{"drops the holders", drop(func(r *onestop.Record) { r.Holders = nil }), []string{"RecordsFromCommands", "Queue", "QueueParallel"}},
		{"keeps only the first holder", drop(func(r *onestop.Record) { r.Holders = r.Holders[:min(len(r.Holders), 1)] }), []string{"RecordsFromCommands", "Queue", "QueueParallel"}},
		{"queues a dossier under its first holder only", func() onestop.Store { return firstHolderQueue{mem()} }, []string{"Queue", "QueueParallel"}},
		{"drops the watch time", drop(func(r *onestop.Record) { r.Watch = time.Time{} }), []string{"RecordsFromCommands", "Watch"}},
		{"loses the messages of updates", func() onestop.Store { return dropMessages{mem()} }, []string{"Outbox", "ConcurrentReadModifyWrite"}},
		{"writes the messages of refused writes", func() onestop.Store { return messagesOfRefusedWrites{mem()} }, []string{"StaleUpdateWritesNothing"}},
		{"leases nothing", func() onestop.Store { return noLease{mem()} }, []string{"OutboxLease", "OutboxConcurrentFetch"}},
		{"misses watched records", func() onestop.Store { return watchMisses{mem()} }, []string{"Watch"}},
		{"sweeps without the log", func() onestop.Store {
			return watchAlters{mem(), func(r *onestop.Record) { r.Dossier.Events = r.Dossier.Events[:len(r.Dossier.Events)-1] }}
		}, []string{"Watch"}},
		{"sweeps without the route", func() onestop.Store {
			return watchAlters{mem(), func(r *onestop.Record) { r.Schedule, r.Route, r.Locality = nil, "", "" }}
		}, []string{"Watch"}},
		{"misses a bound of the period", func() onestop.Store { return summariesFromStart{mem()} }, []string{"Summaries"}},
		{"ignores the queue's cursor", func() onestop.Store { return queueWithoutCursor{mem()} }, []string{"Queue"}},
		{"lets stale writes through", func() onestop.Store { return staleWins{mem()} }, []string{"StaleUpdateWritesNothing"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			failed := suiteFails(t, tc.newStore, tc.must...)
			for _, name := range tc.must {
				if _, ok := failed[name]; !ok {
					t.Errorf("check %s passed the store that %s", name, tc.name)
				}
			}
			for name, m := range failed {
				t.Logf("%s: %s", name, firstLine(m))
			}
		})
	}
}

// The MemStore passes every check when run through the recorder too.
func TestRecorderPassesMemStore(t *testing.T) {
	if failed := suiteFails(t, func() onestop.Store { return onestop.NewMemStore() }); len(failed) > 0 {
		names := make([]string, 0, len(failed))
		for n, m := range failed {
			names = append(names, n+": "+firstLine(m))
		}
		slices.Sort(names)
		t.Fatalf("checks failed on MemStore:\n%s", strings.Join(names, "\n"))
	}
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}
