package routing

import (
	"testing"
	"time"

	"github.com/motcua-go/motcua/calendar"
	"github.com/motcua-go/motcua/procedure"
	"github.com/rickb777/date/v2"
)

// at returns a wall-clock instant in Vietnam.
func at(y int, m time.Month, d, hh, mm int) time.Time {
	return time.Date(y, m, d, hh, mm, 0, 0, calendar.Zone())
}

func day(s string) date.Date { return date.MustParseISO(s) }

func code(t testing.TB, s string) procedure.AgencyCode {
	t.Helper()
	c, err := procedure.ParseAgencyCode(s)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func mustRoute(t testing.TB, js string) *Route {
	t.Helper()
	r, err := ParseRoute([]byte(js), SampleDirectory())
	if err != nil {
		t.Fatalf("ParseRoute: %v", err)
	}
	return r
}

func sample(t testing.TB, name string) *Route {
	t.Helper()
	r, ok := SampleSet().Route(name)
	if !ok {
		t.Fatalf("no sample route %q", name)
	}
	return r
}

// window is a step's plan in a form that reads well in a table.
type window struct {
	Step       string
	Allotted   time.Duration
	Start, Due string
}

func windows(s *Schedule) []window {
	out := make([]window, len(s.Steps))
	for i, st := range s.Steps {
		out[i] = window{st.Step, st.Allotted, st.Start.Format("2006-01-02 15:04"), st.Due.Format("2006-01-02 15:04")}
	}
	return out
}

// stamp parses "2006-01-02 15:04" in Vietnam.
func stamp(t testing.TB, s string) time.Time {
	t.Helper()
	v, err := time.ParseInLocation("2006-01-02 15:04", s, calendar.Zone())
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func limit(n int, u calendar.Unit) calendar.Limit { return calendar.Limit{N: n, Unit: u} }
