package routing_test

import (
	"strconv"
	"testing"
	"time"

	"github.com/motcua-go/motcua/calendar"
	"github.com/motcua-go/motcua/procedure"
	"github.com/motcua-go/motcua/routing"
	"github.com/rickb777/date/v2"
)

// Every route that a procedure or a group of the sample catalog names is a route of the
// sample set, binds to a commune of the sample directory and plans each published limit of
// the procedure (every channel, every case); the catalog and the routes use one naming
// scheme, routing's.
func TestSampleCatalogRoutesExist(t *testing.T) {
	cat, err := procedure.Sample()
	if err != nil {
		t.Fatal(err)
	}
	set, dir, cal := routing.SampleSet(), routing.SampleDirectory(), calendar.Default()
	oldCommune, _ := procedure.ParseAgencyCode("000.10.21.H49")
	newCommune, _ := procedure.ParseAgencyCode("000.00.31.H49")
	plan := func(who, name string, p *procedure.Procedure) {
		t.Helper()
		r, ok := set.Route(name)
		if !ok {
			t.Errorf("%s names route %q, not in routing.SampleSet", who, name)
			return
		}
		// Plan on the procedure's first day in force in the sample directory (2025-07-01 or
		// later), or on its last day for a version that ended before the reform.
		on := max(date.Date(p.EffectiveFrom), date.New(2025, 7, 1))
		loc := newCommune
		if p.EffectiveTo != 0 && date.Date(p.EffectiveTo) < date.New(2025, 7, 1) {
			on, loc = date.Date(p.EffectiveTo), oldCommune
		}
		bound, err := r.Bind(dir, loc, on)
		if err != nil {
			t.Errorf("%s: route %s: Bind: %v", who, name, err)
			return
		}
		received := time.Date(on.Year(), on.Month(), on.Day(), 9, 0, 0, 0, calendar.Zone())
		limits := []*procedure.PublishedLimit{p.Limits.Counter, p.Limits.Online, p.Limits.Postal}
		for _, c := range p.Cases {
			limits = append(limits, c.Limits.Counter, c.Limits.Online, c.Limits.Postal)
		}
		planned := 0
		for _, l := range limits {
			if l == nil {
				continue
			}
			cl, err := l.Calendar()
			if err != nil {
				t.Errorf("%s: limit %v: %v", who, l, err)
				continue
			}
			s, err := routing.Plan(bound, received, cl, cal)
			if err != nil {
				t.Errorf("%s: route %s with limit %v: %v", who, name, cl, err)
				continue
			}
			if !s.Due.Equal(cal.Due(received, cl)) {
				t.Errorf("%s: route %s with limit %v ends %v, want the promised date %v", who, name, cl, s.Due, cal.Due(received, cl))
			}
			planned++
		}
		if planned == 0 {
			t.Errorf("%s: no limit planned on route %s", who, name)
		}
	}
	named := 0
	seen := map[procedure.NationalCode]bool{}
	for _, p := range cat.Procedures() {
		if seen[p.Code] {
			continue
		}
		seen[p.Code] = true
		for _, v := range cat.Versions(p.Code) {
			if v.Route != "" {
				named++
				plan("procedure "+string(v.Code)+" version "+strconv.Itoa(v.Version), v.Route, v)
			}
		}
	}
	for _, g := range cat.Groups() {
		if g.Route == "" {
			continue
		}
		named++
		for _, m := range g.Members {
			for _, v := range cat.Versions(m) {
				plan("group "+g.ID+" member "+string(m), g.Route, v)
			}
		}
	}
	if named < 11 {
		t.Errorf("%d procedures and groups name a route, want at least 11", named)
	}
}
