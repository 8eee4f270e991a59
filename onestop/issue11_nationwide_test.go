package onestop_test

import (
	"testing"
	"time"

	"github.com/motcua-go/motcua/calendar"
	"github.com/motcua-go/motcua/onestop"
	"github.com/motcua-go/motcua/procedure"
	"github.com/motcua-go/motcua/routing"
)

// nationwideCatalog marks every procedure of the test catalog open to reception in any
// province (procedure.Procedure.Nationwide).
type nationwideCatalog struct{ *procedure.Catalog }

func (c nationwideCatalog) Lookup(code procedure.NationalCode, at time.Time) (*procedure.Procedure, error) {
	p, err := c.Catalog.Lookup(code, at)
	if p != nil {
		q := *p
		q.Nationwide = true
		p = &q
	}
	return p, err
}

// Decree 118/2025 Art. 36(10): a procedure the catalog marks nationwide is received by a desk
// of another province, besides Config.Receivable; without the flag, or before 2025-07-01
// (Decree 61/2018 has no such scope), it is refused as outside the desk's scope.
func TestIssue11NationwideReception(t *testing.T) {
	for _, tc := range []struct {
		name       string
		nationwide bool
		at         time.Time
		want       onestop.Decision
	}{
		{"nationwide under Decree 118", true, at(10, 9, 0), onestop.DecisionReceive},
		{"not nationwide", false, at(10, 9, 0), onestop.DecisionRefuse},
		{"nationwide under Decree 61", true, time.Date(2025, 6, 30, 9, 0, 0, 0, calendar.Zone()), onestop.DecisionRefuse},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var cat onestop.Procedures = testCatalog(t)
			if tc.nationwide {
				cat = nationwideCatalog{testCatalog(t)}
			}
			o, err := onestop.New(onestop.Config{Desk: desk, Catalog: cat, Directory: routing.SampleDirectory(),
				Clock: onestop.NewFakeClock(tc.at)})
			if err != nil {
				t.Fatal(err)
			}
			sub := birth()
			sub.Competent = other // a unit of another province
			res, err := o.Intake(ctx, clerk, sub)
			if err != nil {
				t.Fatal(err)
			}
			if res.Decision != tc.want {
				t.Fatalf("decision %v, want %v (%+v)", res.Decision, tc.want, res.Refusal)
			}
			if res.Decision != onestop.DecisionReceive {
				return
			}
			st, err := o.Lookup(ctx, res.Code)
			if err != nil {
				t.Fatal(err)
			}
			if st.Desk != desk || st.Agency != other {
				t.Errorf("received by %s for %s", st.Desk, st.Agency)
			}
		})
	}
}
