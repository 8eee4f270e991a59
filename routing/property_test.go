package routing

import (
	"math/rand/v2"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/motcua-go/motcua/calendar"
)

// TestResponsibleProperty simulates dossiers on the sample routes: each agency takes its
// allotment plus a random extra (negative: early), starting when its last predecessor
// finished. Responsible must name exactly the steps with a positive extra, each by exactly
// that much working time, whatever happened upstream.
func TestResponsibleProperty(t *testing.T) {
	cal := calendar.Default()
	set := SampleSet()
	names := set.Names()
	rng := rand.New(rand.NewPCG(63, 2024))
	for i := 0; i < 2000; i++ {
		r, _ := set.Route(names[rng.IntN(len(names))])
		received := at(2025, 1, 1, 0, 0).Add(time.Duration(rng.Int64N(int64(2 * 365 * 24 * time.Hour)))).Truncate(time.Minute)
		l := r.Spec().Limit
		s, err := Plan(r, received, l, cal)
		if err != nil {
			t.Fatal(err)
		}
		p := s.Progress()
		var want []Late
		finish := make([]time.Time, len(s.Steps))
		for k, st := range r.Steps() {
			start := received
			for _, a := range st.After {
				if f := finish[r.index[a]]; f.After(start) {
					start = f
				}
			}
			allot := s.Steps[k].Allotted
			extra := time.Duration(rng.IntN(240)-120) * time.Minute
			if rng.IntN(3) == 0 {
				extra = 0
			}
			if allot+extra <= 0 {
				extra = 0
			}
			finish[k] = cal.AddWorkingTime(start, allot+extra)
			if allot+extra == 0 {
				finish[k] = cal.NextWorkingStart(start)
				if finish[k].Equal(start) {
					finish[k] = start.Add(time.Nanosecond)
				}
			}
			p.Steps[k].Finished = finish[k]
			if extra > 0 {
				want = append(want, Late{Step: st.ID, Role: st.Role, Over: extra, Finished: true})
			}
		}
		got := Responsible(s, p, finish[len(finish)-1].Add(time.Hour))
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("%s received %v (-want +got):\n%s", r.Name(), received, diff)
		}
		// The re-planned schedule shows what happened and blames the same agencies.
		re, err := Replan(s, p, finish[len(finish)-1])
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, Responsible(re, p, finish[len(finish)-1].Add(time.Hour))); diff != "" {
			t.Fatalf("%s re-planned (-want +got):\n%s", r.Name(), diff)
		}
		for k := range re.Steps {
			if !re.Steps[k].Due.Equal(finish[k]) {
				t.Fatalf("%s: re-planned step %s due %v, finished %v", r.Name(), re.Steps[k].Step, re.Steps[k].Due, finish[k])
			}
		}
	}
}

// TestConcurrentUse plans and checks one route from many goroutines (run with -race).
func TestConcurrentUse(t *testing.T) {
	cal := calendar.Default()
	r := sample(t, "birth-u6-electronic")
	s, err := Plan(r, at(2026, 2, 12, 9, 10), limit(3, calendar.WorkingDays), cal)
	if err != nil {
		t.Fatal(err)
	}
	p := s.Progress()
	p.Steps[0].Finished = at(2026, 2, 12, 15, 0)
	want := Responsible(s, p, at(2026, 2, 13, 9, 0))
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Go(func() {
			for i := 0; i < 200; i++ {
				s2, err := Plan(r, at(2026, 2, 12, 9, 10), limit(3, calendar.WorkingDays), cal)
				if err != nil || !s2.Equal(s) {
					t.Errorf("Plan differs: %v", err)
					return
				}
				if got := Responsible(s, p, at(2026, 2, 13, 9, 0)); !cmp.Equal(got, want) {
					t.Errorf("Responsible differs: %v", got)
					return
				}
				if _, err := r.Bind(SampleDirectory(), code(t, "000.00.31.H49"), day("2026-02-12")); err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
}
