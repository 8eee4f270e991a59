package onestop_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/motcua-go/motcua/onestop"
	"github.com/motcua-go/motcua/routing"
)

// Sweep is pure: the same dossiers read at different times give the alerts of each time,
// most urgent first, and closed dossiers never appear.
func TestSweepPure(t *testing.T) {
	f := newFixture(t, at(10, 9, 0))
	late := startBusiness(t, f)               // due Fri 13 09:00
	sameDay := mustIntake(t, f, birth()).Code // due Tue 10 17:00
	done := mustIntake(t, f, birth()).Code    // returned at once
	if _, err := f.office.Withdraw(ctx, citizen, done, "r"); err != nil {
		t.Fatal(err)
	}
	var ws []onestop.Watch
	for _, c := range []string{late, sameDay, done} {
		rec, err := f.store.Get(ctx, c)
		if err != nil {
			t.Fatal(err)
		}
		ws = append(ws, onestop.Watch{Dossier: rec.Dossier, Schedule: rec.Schedule})
	}
	type row struct {
		Code string
		Kind onestop.AlertKind
	}
	tests := []struct {
		now  time.Time
		want []row
	}{
		{at(10, 9, 30), nil},
		{at(10, 16, 0), []row{{sameDay, onestop.AtRisk}}},
		{at(12, 10, 0), []row{{sameDay, onestop.Overdue}, {late, onestop.ApologyDue}}},
		{at(12, 17, 1), []row{{sameDay, onestop.Overdue}, {late, onestop.AtRisk}}},
		{at(13, 9, 1), []row{{sameDay, onestop.Overdue}, {late, onestop.Overdue}}},
	}
	for _, tc := range tests {
		var got []row
		for _, a := range onestop.Sweep(tc.now, ws) {
			got = append(got, row{a.Code, a.Kind})
			if a.Agency == "" {
				t.Errorf("%v: alert %s without a responsible agency", tc.now, a.Code)
			}
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("sweep at %v (-want +got):\n%s", tc.now, diff)
		}
	}
}

// forgetful is a store that cannot keep route plans, like a database adapter.
type forgetful struct{ *onestop.MemStore }

func (s forgetful) Get(ctx context.Context, code string) (onestop.Record, error) {
	r, err := s.MemStore.Get(ctx, code)
	r.Schedule, r.Public = nil, nil
	return r, err
}

func (s forgetful) Scan(ctx context.Context, fn func(onestop.Record) bool) error {
	return s.MemStore.Scan(ctx, func(r onestop.Record) bool { r.Schedule, r.Public = nil, nil; return fn(r) })
}

func (s forgetful) Watch(ctx context.Context, until time.Time, fn func(onestop.Record) bool) error {
	return s.MemStore.Watch(ctx, until, func(r onestop.Record) bool { r.Schedule, r.Public = nil, nil; return fn(r) })
}

func (s forgetful) Queue(ctx context.Context, q onestop.QueueQuery, fn func(onestop.Record) bool) error {
	return s.MemStore.Queue(ctx, q, func(r onestop.Record) bool { r.Schedule, r.Public = nil, nil; return fn(r) })
}

// A store that keeps only the route's name and locality still lets the sweep name the step
// over its allotment, by planning the route again.
func TestSweepReplansForgottenSchedule(t *testing.T) {
	for _, name := range []string{"memory", "forgetful"} {
		t.Run(name, func(t *testing.T) {
			mem := onestop.NewMemStore()
			var store onestop.Store = mem
			if name == "forgetful" {
				store = forgetful{mem}
			}
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
			if rec, _ := mem.Get(ctx, res.Code); rec.Route != "household-business-2025" || rec.Locality != desk {
				t.Fatalf("record route %q, locality %q", rec.Route, rec.Locality)
			}
			if _, err := o.Transfer(ctx, clerk, res.Code); err != nil {
				t.Fatal(err)
			}
			if _, err := o.Start(ctx, civil, res.Code); err != nil {
				t.Fatal(err)
			}
			clock.Set(at(13, 10, 0)) // the receive step (1/12 of the time) is long over
			alerts, err := o.Sweep(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if len(alerts) != 1 || alerts[0].Step != "receive" || alerts[0].Over <= 0 || alerts[0].Kind != onestop.Overdue {
				t.Fatalf("alerts %+v", alerts)
			}
			st, err := o.Lookup(ctx, res.Code)
			if err != nil {
				t.Fatal(err)
			}
			cached, _ := mem.Get(ctx, res.Code)
			want := *cached.Public
			want.Overdue = true
			if diff := cmp.Diff(want, st); diff != "" {
				t.Errorf("lookup without the cached view (-want +got):\n%s", diff)
			}
		})
	}
}
