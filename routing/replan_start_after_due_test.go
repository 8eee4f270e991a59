package routing

import (
	"errors"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/motcua-go/motcua/calendar"
)

// Regression: Replan gave the return step of a dossier already late a start after its due
// (handed over Tue 24/02 14:40, due at the promised Tue 24/02 09:10). A step handed over at
// or after the promised date is due its own allotment after its hand-over; the promised
// date does not move, and the return step is not blamed for the lateness upstream.
func TestReplanStepStartsAfterDue(t *testing.T) {
	cal := calendar.Default()
	s, err := Plan(sample(t, "birth-u6-paper"), at(2026, 2, 12, 9, 10), limit(3, calendar.WorkingDays), cal)
	if err != nil {
		t.Fatal(err)
	}
	p := s.Progress()
	p.Steps[0].Finished = at(2026, 2, 12, 11, 10)
	p.Steps[1].Finished = at(2026, 2, 23, 9, 10) // civil status, 6 working hours late
	p.Steps[2].Finished = at(2026, 2, 23, 16, 40)
	p.Steps[3].Finished = at(2026, 2, 24, 14, 40)
	re, err := Replan(s, p, at(2026, 2, 24, 14, 40))
	if err != nil {
		t.Fatal(err)
	}
	ret := re.Steps[len(re.Steps)-1]
	if got, want := ret.Due, at(2026, 2, 24, 16, 40); !got.Equal(want) || ret.Start.After(ret.Due) {
		t.Errorf("return %v → %v, want due %v", ret.Start, ret.Due, want)
	}
	if !re.Due.Equal(s.Due) {
		t.Errorf("promised date moved from %v to %v", s.Due, re.Due)
	}
	// The return finishes within its own two hours: only civil status is late.
	p.Steps[4].Finished = at(2026, 2, 24, 16, 30)
	want := []Late{{Step: "register-birth", Role: "civil-status", Over: 6 * time.Hour, Finished: true}}
	if diff := cmp.Diff(want, Responsible(re, p, at(2026, 2, 25, 9, 0))); diff != "" {
		t.Errorf("responsible (-want +got):\n%s", diff)
	}
}

// Whatever the progress — steps early, late or running past their due — no re-planned step
// starts after its due, and the promised date stays; progress recorded out of order (a step
// finished before a predecessor) is refused.
func TestReplanNoStepStartsAfterItsDue(t *testing.T) {
	cal := calendar.Default()
	set := SampleSet()
	names := set.Names()
	rng := rand.New(rand.NewPCG(6, 2026))
	for i := 0; i < 1500; i++ {
		r, _ := set.Route(names[rng.IntN(len(names))])
		received := at(2025, 7, 1, 0, 0).Add(time.Duration(rng.Int64N(int64(365 * 24 * time.Hour)))).Truncate(time.Minute)
		s, err := Plan(r, received, r.Spec().Limit, cal)
		if err != nil {
			t.Fatal(err)
		}
		p := s.Progress()
		finish := make([]time.Time, len(s.Steps))
		last := received
		outOfOrder := false
		for k, st := range r.Steps() {
			start, all := received, true
			for _, a := range st.After {
				f := finish[r.index[a]]
				if f.IsZero() {
					all = false
				} else if f.After(start) {
					start = f
				}
			}
			switch {
			case all && rng.IntN(4) > 0:
				// On time, early or up to three allotments late.
				work := time.Duration(rng.Int64N(int64(3*s.Steps[k].Allotted))) + time.Minute
				finish[k] = cal.AddWorkingTime(start, work)
			case !all && rng.IntN(5) == 0:
				// Recorded out of order, before a predecessor's finish is known.
				finish[k] = cal.AddWorkingTime(start, time.Duration(rng.IntN(600)+1)*time.Minute)
				outOfOrder = true
			}
			p.Steps[k].Finished = finish[k]
			if finish[k].After(last) {
				last = finish[k]
			}
		}
		now := cal.AddWorkingTime(last, time.Duration(rng.IntN(3000))*time.Minute)
		re, err := Replan(s, p, now)
		if outOfOrder {
			if !errors.Is(err, ErrPredecessor) {
				t.Fatalf("%s: progress out of order accepted: %v", r.Name(), err)
			}
			continue
		}
		if errors.Is(err, ErrBeforeHandOver) {
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", r.Name(), err)
		}
		if !re.Due.Equal(s.Due) {
			t.Fatalf("%s: promised date moved from %v to %v", r.Name(), s.Due, re.Due)
		}
		for _, st := range re.Steps {
			if st.Start.After(st.Due) {
				t.Fatalf("%s received %v, progress %v, now %v: step %s starts %v after its due %v",
					r.Name(), received, p.Steps, now, st.Step, st.Start, st.Due)
			}
		}
	}
}
