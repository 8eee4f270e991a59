package onestop_test

import (
	"context"
	"encoding/json"
	"sync"
	"testing"
	"time"

	"github.com/motcua-go/motcua/onestop"
	"github.com/motcua-go/motcua/onestop/storetest"
	"github.com/motcua-go/motcua/routing"
)

func TestMemStoreConformance(t *testing.T) {
	storetest.Run(t, func(*testing.T) onestop.Store { return onestop.NewMemStore() })
}

func TestMemStoreZeroValue(t *testing.T) {
	storetest.Run(t, func(*testing.T) onestop.Store { return new(onestop.MemStore) })
}

// jsonStore is a MemStore that keeps each route plan as a database adapter would: as the
// JSON of routing.Schedule, decoded again on every read.
type jsonStore struct {
	*onestop.MemStore
	mu    sync.Mutex
	plans map[string][]byte
}

func newJSONStore() *jsonStore {
	return &jsonStore{MemStore: onestop.NewMemStore(), plans: map[string][]byte{}}
}

func (s *jsonStore) put(rec onestop.Record) (onestop.Record, error) {
	if rec.Schedule == nil {
		return rec, nil
	}
	b, err := json.Marshal(rec.Schedule)
	if err != nil {
		return rec, err
	}
	s.mu.Lock()
	s.plans[rec.Code] = b
	s.mu.Unlock()
	rec.Schedule = nil
	return rec, nil
}

func (s *jsonStore) get(rec onestop.Record) (onestop.Record, error) {
	s.mu.Lock()
	b, ok := s.plans[rec.Code]
	s.mu.Unlock()
	if ok {
		rec.Schedule = new(routing.Schedule)
		if err := json.Unmarshal(b, rec.Schedule); err != nil {
			return rec, err
		}
	}
	return rec, nil
}

func (s *jsonStore) Create(ctx context.Context, rec onestop.Record, msgs []onestop.Envelope) (onestop.Record, error) {
	in, err := s.put(rec)
	if err != nil {
		return onestop.Record{}, err
	}
	out, err := s.MemStore.Create(ctx, in, msgs)
	if err != nil {
		return out, err
	}
	return s.get(out)
}

func (s *jsonStore) Update(ctx context.Context, rec onestop.Record, msgs []onestop.Envelope) (onestop.Record, error) {
	in, err := s.put(rec)
	if err != nil {
		return onestop.Record{}, err
	}
	out, err := s.MemStore.Update(ctx, in, msgs)
	if err != nil {
		return out, err
	}
	return s.get(out)
}

func (s *jsonStore) Get(ctx context.Context, code string) (onestop.Record, error) {
	rec, err := s.MemStore.Get(ctx, code)
	if err != nil {
		return rec, err
	}
	return s.get(rec)
}

func (s *jsonStore) Scan(ctx context.Context, fn func(onestop.Record) bool) error {
	var err error
	scanErr := s.MemStore.Scan(ctx, func(r onestop.Record) bool {
		r, err = s.get(r)
		return err == nil && fn(r)
	})
	if err != nil {
		return err
	}
	return scanErr
}

func (s *jsonStore) Watch(ctx context.Context, until time.Time, fn func(onestop.Record) bool) error {
	var err error
	watchErr := s.MemStore.Watch(ctx, until, func(r onestop.Record) bool {
		r, err = s.get(r)
		return err == nil && fn(r)
	})
	if err != nil {
		return err
	}
	return watchErr
}

func (s *jsonStore) Queue(ctx context.Context, q onestop.QueueQuery, fn func(onestop.Record) bool) error {
	var err error
	queueErr := s.MemStore.Queue(ctx, q, func(r onestop.Record) bool {
		r, err = s.get(r)
		return err == nil && fn(r)
	})
	if err != nil {
		return err
	}
	return queueErr
}

func TestJSONStoreConformance(t *testing.T) {
	storetest.Run(t, func(*testing.T) onestop.Store { return newJSONStore() })
}

// The Office uses the schedule a store kept rather than planning the route again: when the
// route has changed since the dossier was planned (here the desk's share grew from 1/12 to
// 1/2), the sweep measures the desk against the allotment of the kept schedule, and only a
// store that dropped it makes the Office plan the new route.
func TestKeptScheduleIsUsed(t *testing.T) {
	orig, _ := routing.SampleSet().Route("household-business-2025")
	spec := orig.Spec()
	for i, share := range []routing.Share{{Num: 1, Den: 2}, {Num: 1, Den: 4}, {Num: 1, Den: 8}, {Num: 1, Den: 8}} {
		spec.Steps[i].Share = share
	}
	changed, err := routing.NewRoute(spec, routing.SampleDirectory())
	if err != nil {
		t.Fatal(err)
	}
	changedSet, err := routing.NewSet([]*routing.Route{changed}, routing.SelectionRules{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		store func(*onestop.MemStore) onestop.Store
		over  time.Duration
	}{
		{"kept as JSON", func(*onestop.MemStore) onestop.Store { return newJSONStore() }, 23 * time.Hour},
		{"dropped", func(m *onestop.MemStore) onestop.Store { return forgetful{m} }, 13 * time.Hour},
	} {
		t.Run(tc.name, func(t *testing.T) {
			store := tc.store(onestop.NewMemStore())
			clock := onestop.NewFakeClock(at(10, 9, 0))
			o, err := onestop.New(onestop.Config{Desk: desk, Catalog: testCatalog(t), Routes: testRoutes(t),
				Directory: routing.SampleDirectory(), Store: store, Clock: clock})
			if err != nil {
				t.Fatal(err)
			}
			res, err := o.Intake(ctx, clerk, business())
			if err != nil {
				t.Fatal(err)
			}
			if _, err := o.Transfer(ctx, clerk, res.Code); err != nil {
				t.Fatal(err)
			}
			if _, err := o.Start(ctx, civil, res.Code); err != nil {
				t.Fatal(err)
			}
			later, err := onestop.New(onestop.Config{Desk: desk, Catalog: testCatalog(t), Routes: changedSet,
				Directory: routing.SampleDirectory(), Store: store, Clock: clock})
			if err != nil {
				t.Fatal(err)
			}
			clock.Set(at(13, 10, 0)) // the receive step is long over
			alerts, err := later.Sweep(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if len(alerts) != 1 || alerts[0].Step != "receive" {
				t.Fatalf("alerts %+v", alerts)
			}
			if alerts[0].Over != tc.over {
				t.Errorf("receive over by %v, want %v", alerts[0].Over, tc.over)
			}
		})
	}
}
