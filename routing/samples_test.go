package routing

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/motcua-go/motcua/calendar"
	"github.com/motcua-go/motcua/procedure"
)

var update = flag.Bool("update", false, "rewrite testdata/samples.golden")

// TestSamplesEndToEnd selects each sample route for a dossier, binds it to the applicant's
// commune, plans it with the route's published limit, and checks the whole schedule against
// testdata/samples.golden (regenerate with -update and review the diff). It also checks that
// a dossier whose agencies each finish exactly on time names nobody, and that one late agency
// is named with its lateness.
func TestSamplesEndToEnd(t *testing.T) {
	set, dir, cal := SampleSet(), SampleDirectory(), calendar.Default()
	oldCommune, newCommune := code(t, "000.10.21.H49"), code(t, "000.00.31.H49")
	cases := []struct {
		q        Query
		received time.Time
	}{
		{Query{Procedure: "1.001193", Case: "lien-thong-dien-tu-khai-sinh", Channel: procedure.Online, Locality: newCommune, On: day("2026-02-12")}, at(2026, 2, 12, 9, 10)},
		{Query{Procedure: "1.001193", Case: "lien-thong-khai-sinh-thuong-tru-bhyt-2015", Channel: procedure.Counter, Locality: oldCommune, On: day("2025-06-27")}, at(2025, 6, 27, 15, 30)},
		{Query{Procedure: "1.000656", Case: "lien-thong-dien-tu-khai-tu", Channel: procedure.Online, Locality: newCommune, On: day("2026-01-09")}, at(2026, 1, 9, 14, 0)},
		{Query{Procedure: "1.012787", Channel: procedure.Online, Locality: newCommune, On: day("2026-08-20")}, at(2026, 8, 20, 10, 0)},
		{Query{Procedure: "1.012783", Channel: procedure.Counter, Locality: newCommune, On: day("2026-03-03")}, at(2026, 3, 3, 9, 0)},
		{Query{Procedure: "1.013978", Channel: procedure.Online, Locality: newCommune, On: day("2026-03-03")}, at(2026, 3, 3, 9, 0)},
		{Query{Procedure: "1.012753", Channel: procedure.Counter, Locality: newCommune, On: day("2026-03-03")}, at(2026, 3, 3, 9, 0)},
		{Query{Procedure: "1.013225", Channel: procedure.Counter, Locality: newCommune, On: day("2026-03-03")}, at(2026, 3, 3, 9, 0)},
		{Query{Case: "household-business", Channel: procedure.Counter, Locality: oldCommune, On: day("2025-06-30")}, at(2025, 6, 30, 8, 0)},
		{Query{Case: "household-business", Channel: procedure.Counter, Locality: newCommune, On: day("2025-07-01")}, at(2025, 7, 1, 8, 0)},
	}
	var b strings.Builder
	seen := map[string]bool{}
	for _, c := range cases {
		r, err := set.Select(c.q)
		if err != nil {
			t.Fatal(err)
		}
		seen[r.Name()] = true
		bound, err := r.Bind(dir, c.q.Locality, c.q.On)
		if err != nil {
			t.Fatalf("%s: Bind: %v", r.Name(), err)
		}
		s, err := Plan(bound, c.received, r.Spec().Limit, cal)
		if err != nil {
			t.Fatalf("%s: Plan: %v", r.Name(), err)
		}
		fmt.Fprintf(&b, "%s (%s %s, %s) received %s, limit %s, due %s\n", r.Name(), strings.TrimSpace(c.q.Procedure+" "+c.q.Case),
			c.q.Channel, c.q.Locality, c.received.Format("Mon 2006-01-02 15:04"), compactLimit(r.Spec().Limit),
			s.Due.Format("Mon 2006-01-02 15:04"))
		for _, st := range s.Steps {
			u, err := dir.Lookup(st.Agency, c.q.On)
			if err != nil {
				t.Fatalf("%s: step %s: %v", r.Name(), st.Step, err)
			}
			fmt.Fprintf(&b, "  %-20s %-8s %-8v %s → %s  %s %s\n", st.Step, st.Task, st.Allotted,
				st.Start.Format("Mon 01-02 15:04"), st.Due.Format("Mon 01-02 15:04"), st.Agency, u.Name)
		}
		if !s.Steps[len(s.Steps)-1].Due.Equal(cal.Due(c.received, r.Spec().Limit)) {
			t.Errorf("%s: end is not the promised date", r.Name())
		}
		// Everyone on time.
		p := s.Progress()
		for i := range p.Steps {
			p.Steps[i].Finished = s.Steps[i].Due
		}
		if got := Responsible(s, p, s.Due); got != nil {
			t.Errorf("%s: on time, but Responsible = %+v", r.Name(), got)
		}
		// The second step finishes one working hour late: its agency is named.
		p.Steps[1].Finished = cal.AddWorkingTime(s.Steps[1].Due, time.Hour)
		want := []Late{{Step: s.Steps[1].Step, Agency: s.Steps[1].Agency, Role: s.Steps[1].Role, Over: time.Hour, Finished: true}}
		if diff := cmp.Diff(want, Responsible(s, p, p.Steps[1].Finished)); diff != "" {
			t.Errorf("%s: one hour late (-want +got):\n%s", r.Name(), diff)
		}
	}
	for _, n := range set.Names() {
		if !seen[n] {
			t.Errorf("sample route %s not exercised", n)
		}
	}
	const golden = "testdata/samples.golden"
	if *update {
		if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), b.String()); diff != "" {
		t.Errorf("%s (-want +got):\n%s", golden, diff)
	}
}

func TestBindAcrossTheReform(t *testing.T) {
	dir := SampleDirectory()
	r := sample(t, "household-business-2018")
	// The district route cannot be used for a commune of the two-level system, nor for the
	// abolished commune after 2025-06-30.
	_, err := r.Bind(dir, code(t, "000.00.31.H49"), day("2025-07-01"))
	if !errors.Is(err, ErrNoAgency) {
		t.Errorf("district roles for a new commune: %v", err)
	}
	_, err = r.Bind(dir, code(t, "000.10.21.H49"), day("2025-07-01"))
	var ae *AgencyError
	if !errors.Is(err, ErrAbolished) || !errors.As(err, &ae) || ae.Successor != code(t, "000.00.31.H49") {
		t.Errorf("abolished commune: %v", err)
	}
	if got, want := err.Error(), "agency 000.10.21.H49 was abolished after 2025-06-30 (date used: 2025-07-01); succeeded by 000.00.31.H49"; got != want {
		t.Errorf("abolished commune: %q, want one error %q", got, want)
	}
	// Every step that cannot be bound is reported.
	_, err = r.Bind(dir, code(t, "000.00.31.H49"), day("2025-07-01"))
	if got, want := err.Error(), "role district-desk for 000.00.31.H49 has no agency on 2025-07-01\n"+
		"role district-desk for 000.00.31.H49 has no agency on 2025-07-01"; got != want {
		t.Errorf("district roles for a new commune: %q", got)
	}
	// A route written with a fixed district code fails after the abolition with the successor named.
	fixed := mustRoute(t, doc(`{"id": "a", "agency": "000.02.21.H49", "task": "receive", "share": "1/2"}`,
		`{"id": "b", "agency": "000.02.21.H49", "task": "return", "share": "1/2", "after": ["a"]}`))
	if _, err := fixed.Bind(dir, code(t, "000.10.21.H49"), day("2025-06-30")); err != nil {
		t.Errorf("before the abolition: %v", err)
	}
	_, err = fixed.Bind(dir, code(t, "000.00.31.H49"), day("2025-07-01"))
	if !errors.Is(err, ErrAbolished) || !strings.Contains(err.Error(), "succeeded by 000.00.31.H49") {
		t.Errorf("after the abolition: %v", err)
	}
	if _, err := fixed.Bind(nil, procedure.AgencyCode{}, day("2025-07-01")); !errors.Is(err, ErrUnknownAgency) {
		t.Errorf("nil directory: %v", err)
	}
	// Binding does not change the route it came from.
	b, err := sample(t, "land-transfer").Bind(dir, code(t, "000.00.31.H49"), day("2026-03-02"))
	if err != nil {
		t.Fatal(err)
	}
	if b.Steps()[0].Agency.IsZero() || !sample(t, "land-transfer").Steps()[0].Agency.IsZero() {
		t.Error("Bind should set agencies on the copy only")
	}
}
