package routing

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/motcua-go/motcua/calendar"
)

// FuzzRouteJSON feeds arbitrary documents to ParseRoute. It must never panic; a rejected
// document gives a *ValidationError whose every problem has a path; an accepted route
// survives a JSON round trip unchanged and plans to exactly the promised date.
func FuzzRouteJSON(f *testing.F) {
	for _, name := range SampleSet().Names() {
		r, _ := SampleSet().Route(name)
		b, _ := json.Marshal(r)
		f.Add(b)
	}
	f.Add([]byte(`{"name": "t", "kind": "horizontal", "steps": [{"id": "a", "role": "commune-desk", "task": "receive", "share": "1/2"}, {"id": "b", "role": "commune-desk", "task": "return", "share": "rest", "after": ["a"]}]}`))
	f.Add([]byte(`{"name": "t", "kind": "vertical", "steps": [{"id": "a", "agency": "000.00.00.H49", "task": "decide", "share": "1/1"}]}`))
	f.Add([]byte(`{"name": "t", "steps": [{"id": "a", "after": ["a"]}]}`))
	f.Add([]byte(`{"steps": [{"id": 1}]}`))
	f.Add([]byte(`[`))
	dir, cal := SampleDirectory(), calendar.Default()
	received := time.Date(2026, 2, 12, 9, 10, 0, 0, calendar.Zone())
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := ParseRoute(data, dir)
		if err != nil {
			var ve *ValidationError
			if !errors.As(err, &ve) || len(ve.Problems) == 0 {
				t.Fatalf("error %v is not a *ValidationError with problems", err)
			}
			for _, p := range ve.Problems {
				if p.Path == "" || p.Err == nil || p.Message(Vietnamese) == "" {
					t.Fatalf("problem without path or sentinel: %#v", p)
				}
			}
			return
		}
		b, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		r2, err := ParseRoute(b, dir)
		if err != nil {
			t.Fatalf("round trip rejected: %v\n%s", err, b)
		}
		if diff := cmp.Diff(r.Spec(), r2.Spec()); diff != "" {
			t.Fatalf("round trip changed the route (-want +got):\n%s", diff)
		}
		l := calendar.Limit{N: 10, Unit: calendar.WorkingDays}
		s, err := Plan(r, received, l, cal)
		if err != nil {
			if errors.Is(err, ErrTooShort) {
				return
			}
			t.Fatal(err)
		}
		if !s.Steps[len(s.Steps)-1].Due.Equal(cal.Due(received, l)) {
			t.Fatalf("end %v is not the promised date", s.Steps[len(s.Steps)-1].Due)
		}
		Responsible(s, s.Progress(), received.Add(30*24*time.Hour))
	})
}
