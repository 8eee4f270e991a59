package procedure

import (
	"bytes"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/motcua-go/motcua/calendar"
)

// FuzzCatalogJSON: any input either fails with a *ValidationError and no catalog, or gives a
// valid catalog that exports and reloads unchanged. It never panics.
func FuzzCatalogJSON(f *testing.F) {
	p := validProcedure()
	f.Add(catalogJSON(f, []Procedure{p}, nil))
	p2 := validProcedure()
	p2.Code = "1.000656"
	p2.SameDay = &SameDay{Cutoff: calendar.TimeOfDay(15 * time.Hour)}
	p2.Limits = Limits{Counter: lim("1", calendar.WorkingDays)}
	p2.Cases = nil
	p2.InterAgency, p2.Route = true, "khai-tu"
	f.Add(catalogJSON(f, []Procedure{p, p2}, []Group{{ID: "g", Name: "G", LeadSector: Justice, Members: []NationalCode{"1.001193", "1.000656"}}}))
	for _, s := range []string{
		``, `{}`, `[]`, `null`, `{"procedures": null}`, `{"procedures": [null]}`, `{"procedures": [{}]}`,
		`{"procedures": [{"code": "1.001193", "limits": {"counter": {"value": 1e400, "unit": "days"}}}]}`,
		`{"procedures": [{"effective_from": "2020-02-30"}]}`, `{"procedures": [], "procedures": []}`,
		`{"procedures": [{"code": "\u0031.001193"}], "groups": [{"members": ["1.001193.H49."]}]}`,
		`{"procedures": [{"limits": {"online": {"value": "1.25", "unit": "working_days"}}}]}`,
		`{"procedures": [{"fees": [{"kind": "percent", "rate": "-0", "max": "1e9999"}]}]}`,
		`{"procedures": [{"a": "}"}, {"b": "\\"}]}`,
		`{"procedures": [{"code": "1.001193", "version": 1, "effective_from": "2026-13-01"}]}`,
		`{"procedures": [{"levels": {"a": 1}, "competent_agency": [1], "same_day": 5, "Name": 3}]}`,
		`{"procedures": [5, {"limits": {"postal": {"value": true}}, "cases": [{"limits": {"postal": null}}]}], "groups": [{"name": 5, "members": [1]}]}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Load(bytes.NewReader(data), LoadOptions{})
		if err != nil {
			var ve *ValidationError
			if c != nil || !errors.As(err, &ve) || len(ve.Problems) == 0 {
				t.Fatalf("Load = %v, %v", c, err)
			}
			for _, p := range ve.Problems {
				if p.En == "" || p.Vi == "" || p.Rule == "" {
					t.Fatalf("incomplete problem %#v", p)
				}
			}
			return
		}
		out, err := c.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		again, err := Load(bytes.NewReader(out), LoadOptions{})
		if err != nil {
			t.Fatalf("export does not reload: %v\n%s", err, out)
		}
		p1, g1 := values(c)
		p2, g2 := values(again)
		if diff := cmp.Diff(p1, p2); diff != "" {
			t.Fatalf("round trip (-before +after):\n%s", diff)
		}
		if diff := cmp.Diff(g1, g2); diff != "" {
			t.Fatalf("round trip of groups (-before +after):\n%s", diff)
		}
	})
}
