package onestop_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/motcua-go/motcua/dossier"
	"github.com/motcua-go/motcua/onestop"
	"github.com/motcua-go/motcua/routing"
)

// electronicRoutes is the sample set with the test catalog's inter-agency birth case routed
// through birth-u6-electronic: after the birth is registered the police and social insurance
// work in parallel, joined at the return (Decree 118/2025 Art. 20(2)(b)).
func electronicRoutes(t *testing.T) *routing.Set {
	t.Helper()
	r, ok := routing.SampleSet().Route("birth-u6-electronic")
	if !ok {
		t.Fatal("no route birth-u6-electronic in the sample set")
	}
	set, err := routing.NewSet([]*routing.Route{r}, routing.SelectionRules{Rules: []routing.SelectionRule{
		{Case: "lien-thong-khai-sinh-thuong-tru-bhyt-2015", Route: "birth-u6-electronic"}}})
	if err != nil {
		t.Fatal(err)
	}
	return set
}

// electronicBirth receives the inter-agency birth dossier at Tue 10 March 09:00 (a limit of
// one working day: due Wed 11 09:00), transfers it, and has the desk finish the reception
// and the birth registration at 10:00, when the police and social insurance both take it up.
func electronicBirth(t *testing.T, f *fixture) string {
	t.Helper()
	sub := birth()
	sub.Case = "lien-thong-khai-sinh-thuong-tru-bhyt-2015"
	sub.Documents = append(sub.Documents, "Tờ khai thay đổi thông tin cư trú", "Tờ khai tham gia bảo hiểm y tế")
	code := mustIntake(t, f, sub).Code
	steps := []struct {
		at  time.Time
		run func() error
	}{
		{at(10, 9, 10), func() error { _, err := f.office.Transfer(ctx, clerk, code); return err }},
		{at(10, 9, 15), func() error { _, err := f.office.Start(ctx, civil, code); return err }},
		{at(10, 9, 30), func() error { _, err := f.office.Handoff(ctx, civil, code); return err }},
		{at(10, 10, 0), func() error { _, err := f.office.Handoff(ctx, civil, code); return err }},
	}
	for _, s := range steps {
		f.clock.Set(s.at)
		if err := s.run(); err != nil {
			t.Fatal(err)
		}
	}
	return code
}

// inHand lists the agencies holding the dossier's steps now.
func inHand(t *testing.T, f *fixture, code string) []string {
	t.Helper()
	rec, err := f.store.Get(ctx, code)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, s := range rec.Dossier.InHand() {
		out = append(out, s.ID+"@"+s.Agency)
	}
	return out
}

// Regression (issue 11, Decree 118/2025 Art. 20(2)(b)): the electronic group route runs its
// parallel steps at once. The police and social insurance both hold the dossier from the
// birth registration, each with its own deadline; either may hand over first; the join (the
// return) starts only when both have; and routing.Responsible names only agencies that hold
// the dossier or have finished their step late — never social insurance late while the
// police alone hold it, as when the steps ran one after another.
func TestIssue11ElectronicGroupRunsInParallel(t *testing.T) {
	f := newFixtureWith(t, at(10, 9, 0), electronicRoutes(t))
	code := electronicBirth(t, f)
	both := []string{"register-residence@" + police, "issue-insurance-card@" + bhxh}
	if diff := cmp.Diff(both, inHand(t, f, code)); diff != "" {
		t.Fatalf("steps in hand after the birth registration (-want +got):\n%s", diff)
	}
	// Both agencies are told that they hold the dossier.
	told := map[string]bool{}
	for _, n := range f.notes.For(code) {
		if n.Event == "handoff" && n.At.Equal(at(10, 10, 0)) {
			told[n.Agency] = true
		}
	}
	if !told[police] || !told[bhxh] {
		t.Errorf("hand-over notices to %v, want the police and social insurance", told)
	}
	rec := replayEqual(t, f, code)
	for _, s := range rec.Dossier.Steps[2:4] {
		if !s.Start.Equal(at(10, 10, 0)) {
			t.Errorf("step %s started %v, want both branches at 10:00", s.ID, s.Start)
		}
	}

	// 16:00: both branches are past their own four working hours (10:00 → 15:30): both hold
	// the dossier and both are named, each as it really holds it.
	f.clock.Set(at(10, 16, 0))
	sched := rec.Schedule
	if sched == nil {
		t.Fatal("no schedule kept")
	}
	late := routing.Responsible(sched, rec.Dossier.Progress(), at(10, 16, 0))
	var named []string
	for _, l := range late {
		named = append(named, l.Step+"@"+l.Agency.String())
		if _, ok := rec.Dossier.Holds(l.Agency.String()); !ok && !l.Finished {
			t.Errorf("Responsible names %s late while it does not hold the dossier", l.Agency)
		}
	}
	if diff := cmp.Diff(both, named); diff != "" {
		t.Errorf("late at 16:00 (-want +got):\n%s", diff)
	}

	// Social insurance apologises and hands over while the police still hold the dossier:
	// under the sequential model both were refused (ErrWrongAgency).
	if _, err := f.office.Apologise(ctx, insurer, code, "chờ dữ liệu dân cư", at(11, 17, 0)); err != nil {
		t.Fatalf("social insurance, holding a parallel step, cannot apologise: %v", err)
	}
	f.clock.Set(at(10, 16, 10))
	if _, err := f.office.Handoff(ctx, insurer, code); err != nil {
		t.Fatalf("social insurance cannot hand over while the police hold the dossier: %v", err)
	}
	if diff := cmp.Diff(both[:1], inHand(t, f, code)); diff != "" {
		t.Errorf("after social insurance's hand-over the return started too early (-want +got):\n%s", diff)
	}
	// The sweep blames the police, who hold the dossier, not social insurance, who has done.
	f.clock.Set(at(10, 16, 45))
	alerts, err := f.office.Sweep(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(alerts) != 1 {
		t.Errorf("sweep at 16:45: %+v, want one alert", alerts)
	}
	for _, a := range alerts {
		if a.Agency != police {
			t.Errorf("sweep names %s (%s), want the police holding the late step", a.Agency, a.Step)
		}
	}
	f.clock.Set(at(10, 16, 50))
	if _, err := f.office.Handoff(ctx, policeman, code); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"return@" + desk}, inHand(t, f, code)); diff != "" {
		t.Errorf("after both branches the join is not in hand (-want +got):\n%s", diff)
	}
	f.clock.Set(at(10, 16, 55))
	if _, err := f.office.Resolve(ctx, civil, code, "KS-1"); err != nil {
		t.Fatal(err)
	}
	rec = replayEqual(t, f, code)
	if rec.Dossier.State != dossier.Resolved {
		t.Errorf("state %v, want resolved", rec.Dossier.State)
	}
}

// A join cannot resolve while a parallel branch is still in hand, and an agency holding no
// step cannot hand over (both as on a sequential route).
func TestIssue11ParallelGuards(t *testing.T) {
	f := newFixtureWith(t, at(10, 9, 0), electronicRoutes(t))
	code := electronicBirth(t, f)
	f.clock.Set(at(10, 11, 0))
	if _, err := f.office.Resolve(ctx, civil, code, ""); err == nil {
		t.Error("resolved while both branches are in hand")
	}
	if _, err := f.office.Handoff(ctx, dossier.Actor{ID: "x", Role: dossier.RoleOfficer, Agency: tax}, code); err == nil {
		t.Error("an agency holding no step handed over")
	}
	replayEqual(t, f, code)
}

// Regression: the work queue of every agency holding a parallel step lists the dossier
// (Record.Holders). With a single holder per record, social insurance, working in parallel
// with the police, never saw the dossier in its queue; once the police hand their step on,
// only social insurance's queue lists it, and once both have, the desk's (the return).
func TestIssue11ParallelQueues(t *testing.T) {
	f := newFixtureWith(t, at(10, 9, 0), electronicRoutes(t))
	code := electronicBirth(t, f)
	queued := func(agency string, states ...dossier.State) bool {
		t.Helper()
		views, _, err := f.office.Queue(ctx, onestop.QueueQuery{Agency: agency, States: states})
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, v := range views {
			if v.Code == code {
				n++
			}
		}
		if n > 1 {
			t.Errorf("the queue of %s lists the dossier %d times", agency, n)
		}
		return n == 1
	}
	type queues struct{ Desk, Police, Insurance, InsuranceInProcess, InsuranceReceived bool }
	look := func() queues {
		return queues{queued(desk), queued(police), queued(bhxh), queued(bhxh, dossier.InProcess), queued(bhxh, dossier.Received)}
	}
	if diff := cmp.Diff(queues{Police: true, Insurance: true, InsuranceInProcess: true}, look()); diff != "" {
		t.Errorf("both branches in hand (-want +got):\n%s", diff)
	}
	f.clock.Set(at(10, 11, 0))
	if _, err := f.office.Handoff(ctx, policeman, code); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(queues{Insurance: true, InsuranceInProcess: true}, look()); diff != "" {
		t.Errorf("after the police's hand-over (-want +got):\n%s", diff)
	}
	f.clock.Set(at(10, 11, 30))
	if _, err := f.office.Handoff(ctx, insurer, code); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(queues{Desk: true}, look()); diff != "" {
		t.Errorf("after both hand-overs (-want +got):\n%s", diff)
	}
}
