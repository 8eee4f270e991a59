package dossier

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/motcua-go/motcua/calendar"
	"github.com/motcua-go/motcua/procedure"
	"github.com/motcua-go/motcua/routing"
	"github.com/rickb777/date/v2"
)

var officerC = Actor{ID: "officer-c", Role: RoleOfficer, Agency: agencyC}

// forked is a route whose two branches (B and C) wait for A and are joined by D (A again):
// Decree 118/2025 Art. 20(2)(b), every agency at once, each with its task and due time.
func forked(t *testing.T) *Dossier {
	t.Helper()
	r := testRules()
	when := at("2026-03-10 09:00")
	d := receivedAt(t, r, procedure.Online, calendar.Limit{N: 5, Unit: calendar.WorkingDays}, when)
	due := d.Deadline.Due
	steps := []StepRecord{
		{ID: "a", Agency: agencyA, Due: at("2026-03-11 09:00")},
		{ID: "b", Agency: agencyB, Due: at("2026-03-13 09:00")},
		{ID: "c", Agency: agencyC, Due: at("2026-03-12 09:00"), After: []string{"a"}},
		{ID: "d", Agency: agencyA, Due: due, After: []string{"b", "c"}},
	}
	mustApply(t, d, Command{Kind: Transfer, Actor: clerk, Steps: steps}, when)
	mustApply(t, d, Command{Kind: Start, Actor: officerA}, at("2026-03-10 09:10"))
	mustApply(t, d, Command{Kind: Handoff, Actor: officerA}, at("2026-03-10 10:00"))
	return d
}

func ids(steps []StepRecord) []string {
	var out []string
	for _, s := range steps {
		out = append(out, s.ID)
	}
	return out
}

func TestParallelSteps(t *testing.T) {
	d := forked(t)
	if diff := cmp.Diff([]string{"b", "c"}, ids(d.InHand())); diff != "" {
		t.Fatalf("in hand after a (-want +got):\n%s", diff)
	}
	if s, ok := d.Holds(agencyC); !ok || s.ID != "c" {
		t.Errorf("Holds(C) = %v, %v", s.ID, ok)
	}
	// C supplements, apologises and hands over while B keeps its step.
	mustApply(t, d, Command{Kind: RequestSupplement, Actor: officerC, Reason: "Bổ sung"}, at("2026-03-10 10:30"))
	if got := d.Supplements[0].Agency; got != agencyC {
		t.Errorf("supplement asked by %s, want C", got)
	}
	mustApply(t, d, Command{Kind: Supplement, Actor: citizen}, at("2026-03-10 11:00"))
	mustApply(t, d, Command{Kind: Handoff, Actor: officerC}, at("2026-03-10 14:00"))
	if diff := cmp.Diff([]string{"b"}, ids(d.InHand())); diff != "" {
		t.Errorf("in hand after c, the join waiting for b (-want +got):\n%s", diff)
	}
	// B sends back to A: A is in hand again, B not started, C stays done.
	mustApply(t, d, Command{Kind: SendBack, Actor: officerB, Reason: "Sai thông tin"}, at("2026-03-10 15:00"))
	if diff := cmp.Diff([]string{"a"}, ids(d.InHand())); diff != "" {
		t.Errorf("in hand after sending back (-want +got):\n%s", diff)
	}
	mustApply(t, d, Command{Kind: Handoff, Actor: officerA}, at("2026-03-10 16:00"))
	if diff := cmp.Diff([]string{"b"}, ids(d.InHand())); diff != "" {
		t.Errorf("in hand after a again (-want +got):\n%s", diff)
	}
	if _, err := d.Apply(Command{Kind: Resolve, Actor: officerB}, at("2026-03-10 16:10")); !errors.Is(err, ErrStepsPending) {
		t.Errorf("resolve before the join: %v, want ErrStepsPending", err)
	}
	mustApply(t, d, Command{Kind: Handoff, Actor: officerB}, at("2026-03-11 09:00"))
	if diff := cmp.Diff([]string{"d"}, ids(d.InHand())); diff != "" {
		t.Errorf("in hand after both branches (-want +got):\n%s", diff)
	}
	if _, err := d.Apply(Command{Kind: Handoff, Actor: officerA}, at("2026-03-11 09:10")); !errors.Is(err, ErrNoNextStep) {
		t.Errorf("handoff of the end step: %v, want ErrNoNextStep", err)
	}
	mustApply(t, d, Command{Kind: Resolve, Actor: officerA}, at("2026-03-11 10:00"))
	// The control slip (Mẫu 05) has a row per holding, parallel ones open at once.
	slip, err := d.ControlSlip(at("2026-03-11 10:00"))
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		Step     string
		From, To string
		Note     CommandKind
	}
	var rows []row
	for _, r := range slip.Rows[1:] {
		rows = append(rows, row{r.Step, r.From.Format("02 15:04"), r.To.Format("02 15:04"), r.Note})
	}
	want := []row{
		{"a", "10 09:10", "10 10:00", Handoff},
		{"b", "10 10:00", "10 15:00", SendBack},
		{"c", "10 10:00", "10 14:00", Handoff},
		{"a", "10 15:00", "10 16:00", Handoff},
		{"b", "10 16:00", "11 09:00", Handoff},
		{"d", "11 09:00", "11 10:00", Resolve},
	}
	if diff := cmp.Diff(want, rows); diff != "" {
		t.Errorf("control slip rows (-want +got):\n%s", diff)
	}
	again, err := d.Rules.Replay(d.Events)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(d, again, cmpopts.IgnoreUnexported(Dossier{}), cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("replay (-live +replay):\n%s", diff)
	}
}

// Steps may wait only for steps before them in the list.
func TestParallelStepsValidated(t *testing.T) {
	for _, after := range [][]string{{"x"}, {"b"}, {"a", "a", "a"}} {
		d := receivedAt(t, testRules(), procedure.Online, calendar.Limit{N: 5, Unit: calendar.WorkingDays}, at("2026-03-10 09:00"))
		steps := []StepRecord{{ID: "a", Agency: agencyA, Due: at("2026-03-11 09:00")}, {ID: "b", Agency: agencyB, Due: at("2026-03-12 09:00"), After: after}}
		if _, err := d.Apply(Command{Kind: Transfer, Actor: clerk, Steps: steps}, at("2026-03-10 09:10")); !errors.Is(err, ErrInvalid) {
			t.Errorf("after %q: %v, want ErrInvalid", after, err)
		}
	}
}

// StepsFrom keeps each step's predecessors when they are not simply the step before it.
func TestStepsFromParallel(t *testing.T) {
	r, _ := routing.SampleSet().Route("birth-u6-electronic")
	loc, err := procedure.ParseAgencyCode("000.00.31.H49")
	if err != nil {
		t.Fatal(err)
	}
	bound, err := r.Bind(routing.SampleDirectory(), loc, date.New(2026, 3, 10))
	if err != nil {
		t.Fatal(err)
	}
	s, err := routing.Plan(bound, at("2026-03-10 09:00"), calendar.Limit{N: 3, Unit: calendar.WorkingDays}, testRules().Calendar())
	if err != nil {
		t.Fatal(err)
	}
	var got [][]string
	for _, st := range StepsFrom(s) {
		got = append(got, st.After)
	}
	want := [][]string{nil, nil, nil, {"register-birth"}, {"register-residence", "issue-insurance-card"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("after (-want +got):\n%s", diff)
	}
}
