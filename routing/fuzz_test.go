package routing

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/motcua-go/motcua/calendar"
	"golang.org/x/text/language"
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
				if p.Field == "" || p.Err == nil || p.Message(language.Vietnamese) == "" {
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

// FuzzParseRules: accepted rules survive a JSON round trip; rejected ones say where.
func FuzzParseRules(f *testing.F) {
	f.Add([]byte(`{"rules": [{"procedure": "1.001193", "channel": "online", "province": "H49", "from": "2025-07-01", "route": "r"}], "default": "d"}`))
	f.Add([]byte(`{"rules": [{"commune": "000.00.31.H49", "until": "2025-06-30", "route": "r"}]}`))
	f.Add([]byte(`{"rules": [{"channel": "fax"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		rs, err := ParseRules(data)
		if err != nil {
			var ve *ValidationError
			if !errors.As(err, &ve) || len(ve.Problems) == 0 || ve.Problems[0].Field == "" {
				t.Fatalf("error %v", err)
			}
			return
		}
		b, err := json.Marshal(rs)
		if err != nil {
			t.Fatal(err)
		}
		back, err := ParseRules(b)
		if err != nil {
			t.Fatalf("round trip rejected: %v\n%s", err, b)
		}
		if diff := cmp.Diff(rs, back, cmp.Comparer(func(a, b []SelectionRule) bool { return cmp.Equal(cloneOrNil(a), cloneOrNil(b)) })); diff != "" {
			t.Fatalf("round trip (-want +got):\n%s", diff)
		}
	})
}

// FuzzParseDirectory: accepted maps survive a JSON round trip; lookups never panic.
func FuzzParseDirectory(f *testing.F) {
	sampleDirectory, err := sampleFS.ReadFile("data/directory.json")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(sampleDirectory)
	f.Add([]byte(`{"units": [{"code": "000.00.00.H49", "name": "A", "level": "province", "parent": "000.00.00.H49"}]}`))
	f.Add([]byte(`{"units": [{"code": "000.00.00.H49", "name": "A", "level": "province", "until": "2025-06-30"}, {"code": "000.00.00.H49", "name": "B", "level": "province", "from": "2025-07-01"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := ParseDirectory(data)
		if err != nil {
			var ve *ValidationError
			if !errors.As(err, &ve) || len(ve.Problems) == 0 {
				t.Fatalf("error %v", err)
			}
			return
		}
		b, err := json.Marshal(d)
		if err != nil {
			t.Fatal(err)
		}
		back, err := ParseDirectory(b)
		if err != nil {
			t.Fatalf("round trip rejected: %v\n%s", err, b)
		}
		if diff := cmp.Diff(d.Entries(), back.Entries(), cmp.Comparer(func(a, b []Function) bool { return cmp.Equal(cloneOrNil(a), cloneOrNil(b)) })); diff != "" {
			t.Fatalf("round trip (-want +got):\n%s", diff)
		}
		for _, u := range d.Entries() {
			on := u.From
			d.Lookup(u.Code, on)
			for _, r := range u.Functions {
				d.Resolve(r, u.Code, on)
			}
		}
	})
}
