// Package storetest is the conformance suite for onestop.Store implementations. Embedders
// who keep dossiers in their own database run it from a test:
//
//	func TestStore(t *testing.T) {
//		storetest.Run(t, func() onestop.Store { return mydb.NewStore(testDB(t)) })
//	}
//
// Each subtest gets a fresh store from newStore. The suite checks keys, versions and optimistic
// concurrency (a stale write is refused and loses nothing), the daily sequence, scanning, and
// concurrent read-modify-write cycles from many goroutines (run it with -race). Every field of
// a Record must come back as stored, except the caches Public and Schedule, which a store may
// drop (the Office derives them again); a Schedule kept (in its JSON form) must come back
// equal.
package storetest

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/motcua-go/motcua/calendar"
	"github.com/motcua-go/motcua/dossier"
	"github.com/motcua-go/motcua/onestop"
	"github.com/motcua-go/motcua/procedure"
	"github.com/motcua-go/motcua/routing"
	"github.com/rickb777/date/v2"
)

const unit = "000.00.31.H49"

func code(seq int) string { return fmt.Sprintf("%s-260302-%04d", unit, seq) }

func record(seq int) onestop.Record {
	c := dossier.Code{Unit: unit, Date: date.New(2026, time.March, 2), Seq: seq}
	recv := time.Date(2026, 3, 2, 9, 0, 0, 0, time.FixedZone("+07", 7*3600))
	return onestop.Record{
		Code: c.String(),
		Dossier: &dossier.Dossier{
			Code:      c,
			Procedure: dossier.ProcedureRef{Code: "1.001193", Version: "2025-07-01"},
			Channel:   procedure.Counter,
			Desk:      unit,
			Agency:    unit,
			State:     dossier.Received,
			Submitted: recv,
			Received:  recv,
		},
		Summary: onestop.Summary{Code: c.String(), Level: "commune", Field: "civil-status", Agency: unit,
			Received: recv.Unix(), OriginalDue: recv.Add(8 * time.Hour).Unix(), Due: recv.Add(8 * time.Hour).Unix(), StepScore: -1},
		Plan:     []dossier.StepRecord{{ID: "decide", Agency: unit, Task: "decide", Due: recv.Add(8 * time.Hour)}},
		Route:    "birth-u6-paper",
		Locality: unit,
		Consultations: []onestop.Consultation{{ID: 1, By: unit, Agency: "001.00.31.H49", Subject: "residence",
			Asked: recv, Deadline: recv.Add(48 * time.Hour), SilenceMeansConsent: true}},
	}
}

// schedule plans the record's route for its dossier.
func schedule(t *testing.T, r onestop.Record) *routing.Schedule {
	t.Helper()
	route, ok := routing.SampleSet().Route(r.Route)
	if !ok {
		t.Fatalf("sample route %s is missing", r.Route)
	}
	loc, err := procedure.ParseAgencyCode(r.Locality)
	if err != nil {
		t.Fatal(err)
	}
	bound, err := route.Bind(routing.SampleDirectory(), loc, date.NewAt(r.Dossier.Received.In(calendar.Zone())))
	if err != nil {
		t.Fatal(err)
	}
	sched, err := routing.Plan(bound, r.Dossier.Received, calendar.Limit{N: 3, Unit: calendar.WorkingDays}, calendar.Default())
	if err != nil {
		t.Fatal(err)
	}
	return sched
}

// Run runs the conformance suite against stores made by newStore.
func Run(t *testing.T, newStore func() onestop.Store) {
	t.Helper()
	ctx := context.Background()

	t.Run("GetUnknown", func(t *testing.T) {
		s := newStore()
		_, err := s.Get(ctx, code(1))
		var ce *dossier.CodeError
		if !errors.Is(err, onestop.ErrNotFound) || !errors.As(err, &ce) || ce.Code != code(1) {
			t.Fatalf("Get(unknown) = %v, want a *dossier.CodeError wrapping ErrNotFound", err)
		}
	})

	t.Run("CreateGet", func(t *testing.T) {
		s := newStore()
		in := record(1)
		got, err := s.Create(ctx, in, nil)
		if err != nil {
			t.Fatal(err)
		}
		if got.Version != 1 {
			t.Fatalf("Create returned version %d, want 1", got.Version)
		}
		back, err := s.Get(ctx, in.Code)
		if err != nil {
			t.Fatal(err)
		}
		want := in
		want.Version = 1
		if diff := cmp.Diff(want, back); diff != "" {
			t.Fatalf("Get after Create (-want +got):\n%s", diff)
		}
	})

	t.Run("ScheduleKeptOrDropped", func(t *testing.T) {
		s := newStore()
		in := record(1)
		in.Schedule = schedule(t, in)
		if _, err := s.Create(ctx, in, nil); err != nil {
			t.Fatal(err)
		}
		back, err := s.Get(ctx, in.Code)
		if err != nil {
			t.Fatal(err)
		}
		// A store keeps the route plan in its JSON form, or drops it (the Office then plans
		// the route again); it never returns another one.
		if back.Schedule != nil {
			if diff := cmp.Diff(in.Schedule, back.Schedule); diff != "" {
				t.Fatalf("schedule kept (-want +got):\n%s", diff)
			}
		}
	})

	t.Run("CreateTwice", func(t *testing.T) {
		s := newStore()
		if _, err := s.Create(ctx, record(1), nil); err != nil {
			t.Fatal(err)
		}
		other := record(1)
		other.Summary.Field = "other"
		_, err := s.Create(ctx, other, nil)
		if !errors.Is(err, onestop.ErrExists) {
			t.Fatalf("second Create = %v, want ErrExists", err)
		}
		back, err := s.Get(ctx, other.Code)
		if err != nil {
			t.Fatal(err)
		}
		if back.Summary.Field != "civil-status" || back.Version != 1 {
			t.Fatalf("second Create changed the record: %+v", back.Summary)
		}
	})

	t.Run("CreateWithVersion", func(t *testing.T) {
		s := newStore()
		r := record(1)
		r.Version = 3
		if _, err := s.Create(ctx, r, nil); err == nil {
			t.Fatal("Create accepted a record with a version")
		}
		if _, err := s.Get(ctx, r.Code); !errors.Is(err, onestop.ErrNotFound) {
			t.Fatalf("refused Create stored something: %v", err)
		}
	})

	t.Run("CreateWithoutCode", func(t *testing.T) {
		s := newStore()
		r := record(1)
		r.Code = ""
		if _, err := s.Create(ctx, r, nil); err == nil {
			t.Fatal("Create accepted a record without a code")
		}
	})

	t.Run("UpdateBumpsVersion", func(t *testing.T) {
		s := newStore()
		r, err := s.Create(ctx, record(1), nil)
		if err != nil {
			t.Fatal(err)
		}
		for want := uint64(2); want <= 4; want++ {
			r.Summary.Supplements++
			r, err = s.Update(ctx, r, nil)
			if err != nil {
				t.Fatal(err)
			}
			if r.Version != want {
				t.Fatalf("Update returned version %d, want %d", r.Version, want)
			}
		}
		back, err := s.Get(ctx, r.Code)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(r, back); diff != "" {
			t.Fatalf("Get after Update (-want +got):\n%s", diff)
		}
	})

	t.Run("StaleUpdateLosesNothing", func(t *testing.T) {
		s := newStore()
		v1, err := s.Create(ctx, record(1), nil)
		if err != nil {
			t.Fatal(err)
		}
		a, b := v1, v1
		a.Summary.Supplements = 1
		v2, err := s.Update(ctx, a, nil)
		if err != nil {
			t.Fatal(err)
		}
		b.Summary.Contacts = 7
		_, err = s.Update(ctx, b, nil)
		var ce *onestop.ConflictError
		if !errors.Is(err, onestop.ErrConflict) || !errors.As(err, &ce) {
			t.Fatalf("stale Update = %v, want a *ConflictError", err)
		}
		if ce.Code != v1.Code || ce.Expected != 1 || ce.Actual != 2 {
			t.Fatalf("conflict = %+v, want code %s, expected 1, actual 2", ce, v1.Code)
		}
		back, err := s.Get(ctx, v1.Code)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(v2, back); diff != "" {
			t.Fatalf("stale Update changed the record (-want +got):\n%s", diff)
		}
	})

	t.Run("UpdateUnknown", func(t *testing.T) {
		s := newStore()
		r := record(1)
		r.Version = 1
		if _, err := s.Update(ctx, r, nil); !errors.Is(err, onestop.ErrNotFound) {
			t.Fatalf("Update(unknown) = %v, want ErrNotFound", err)
		}
		if _, err := s.Get(ctx, r.Code); !errors.Is(err, onestop.ErrNotFound) {
			t.Fatalf("Update(unknown) created a record: %v", err)
		}
	})

	t.Run("Sequence", func(t *testing.T) {
		s := newStore()
		d1, d2 := date.New(2026, time.March, 2), date.New(2026, time.March, 3)
		var got []int
		for _, k := range []struct {
			unit string
			day  date.Date
		}{{unit, d1}, {unit, d1}, {unit, d2}, {"000.00.32.H49", d1}, {unit, d1}, {unit, d2}} {
			n, err := s.Next(ctx, k.unit, k.day)
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, n)
		}
		if diff := cmp.Diff([]int{1, 2, 1, 1, 3, 2}, got); diff != "" {
			t.Fatalf("sequence per unit and day (-want +got):\n%s", diff)
		}
	})

	t.Run("SequenceConcurrent", func(t *testing.T) {
		s := newStore()
		const n = 64
		day := date.New(2026, time.March, 2)
		nums := make([]int, n)
		var wg sync.WaitGroup
		for i := range n {
			wg.Go(func() {
				v, err := s.Next(ctx, unit, day)
				if err != nil {
					t.Error(err)
				}
				nums[i] = v
			})
		}
		wg.Wait()
		sort.Ints(nums)
		for i, v := range nums {
			if v != i+1 {
				t.Fatalf("concurrent sequence numbers %v are not 1..%d", nums, n)
			}
		}
	})

	t.Run("Scan", func(t *testing.T) {
		s := newStore()
		for i := 1; i <= 5; i++ {
			if _, err := s.Create(ctx, record(i), nil); err != nil {
				t.Fatal(err)
			}
		}
		var seen []string
		if err := s.Scan(ctx, func(r onestop.Record) bool { seen = append(seen, r.Code); return true }); err != nil {
			t.Fatal(err)
		}
		sort.Strings(seen)
		if diff := cmp.Diff([]string{code(1), code(2), code(3), code(4), code(5)}, seen); diff != "" {
			t.Fatalf("Scan (-want +got):\n%s", diff)
		}
		count := 0
		if err := s.Scan(ctx, func(onestop.Record) bool { count++; return count < 2 }); err != nil {
			t.Fatal(err)
		}
		if count != 2 {
			t.Fatalf("Scan went on after fn returned false: %d calls", count)
		}
	})

	t.Run("CancelledContext", func(t *testing.T) {
		s := newStore()
		cctx, cancel := context.WithCancel(ctx)
		cancel()
		if _, err := s.Create(cctx, record(1), nil); err == nil {
			t.Fatal("Create ignored a cancelled context")
		}
		if _, err := s.Get(ctx, code(1)); !errors.Is(err, onestop.ErrNotFound) {
			t.Fatalf("Create with a cancelled context stored the record: %v", err)
		}
	})

	t.Run("ConcurrentReadModifyWrite", func(t *testing.T) {
		s := newStore()
		if _, err := s.Create(ctx, record(1), nil); err != nil {
			t.Fatal(err)
		}
		const workers, each = 8, 25
		var wg sync.WaitGroup
		for range workers {
			wg.Go(func() {
				for range each {
					for {
						r, err := s.Get(ctx, code(1))
						if err != nil {
							t.Error(err)
							return
						}
						r.Summary.ApplicantTime++
						if _, err = s.Update(ctx, r, nil); err == nil {
							break
						}
						if !errors.Is(err, onestop.ErrConflict) {
							t.Error(err)
							return
						}
					}
				}
			})
		}
		wg.Wait()
		r, err := s.Get(ctx, code(1))
		if err != nil {
			t.Fatal(err)
		}
		if r.Summary.ApplicantTime != workers*each || r.Version != 1+workers*each {
			t.Fatalf("after %d increments: counter %d, version %d", workers*each, r.Summary.ApplicantTime, r.Version)
		}
	})
}
