package onestop_test

import (
	"errors"
	"testing"
	"time"

	"github.com/motcua-go/motcua/calendar"
	"github.com/motcua-go/motcua/dossier"
	"github.com/motcua-go/motcua/onestop"
	"github.com/motcua-go/motcua/routing"
)

const construction = "000.00.06.H49" // Sở Xây dựng tỉnh Quảng Ninh: province level (sample directory)

// otherLevelFixture is the Vân Đồn desk (commune level) receiving for any agency.
func otherLevelFixture(t *testing.T, start time.Time) *fixture {
	t.Helper()
	f := &fixture{clock: onestop.NewFakeClock(start), notes: new(onestop.Recorder), store: onestop.NewMemStore()}
	o, err := onestop.New(onestop.Config{Desk: desk, Catalog: testCatalog(t), Directory: routing.SampleDirectory(),
		Store: f.store, Clock: f.clock, Notifier: f.notes, Receivable: func(string, string, time.Time) bool { return true }})
	if err != nil {
		t.Fatal(err)
	}
	f.office = o
	return f
}

// informed counts the notices telling the competent agency's desk of a reception.
func informed(f *fixture, code, agency string) int {
	n := 0
	for _, note := range f.notes.For(code) {
		if note.Event == onestop.EventInformCompetent && note.Agency == agency {
			n++
		}
	}
	return n
}

// Decree 118/2025 Art. 20(1): a commune centre receives a paper dossier for a provincial
// department. The paper dossier goes within 1 working day of the reception (not the 15:00
// rule), the department's own desk is told at the reception, the department resolves, and
// the result comes back to the receiving centre, which alone returns it.
func TestIssue11OtherLevelReception(t *testing.T) {
	f := otherLevelFixture(t, at(10, 16, 0)) // Tue 16:00, after the 15:00 cut-off
	sub := birth()
	sub.Competent = construction
	res := mustIntake(t, f, sub)
	if n := informed(f, res.Code, construction); n != 1 {
		t.Errorf("the competent agency's desk was told %d times, want once", n)
	}
	f.clock.Set(at(11, 15, 30))
	h, err := f.office.Transfer(ctx, clerk, res.Code)
	if err != nil {
		t.Fatal(err)
	}
	if want := at(11, 16, 0); !h.DispatchBy.Equal(want) || h.Late {
		t.Errorf("dispatch by %v (late %v), want %v: one working day from the reception", h.DispatchBy, h.Late, want)
	}
	dept := dossier.Actor{ID: "xd-1", Role: dossier.RoleOfficer, Agency: construction}
	if _, err := f.office.Start(ctx, dept, res.Code); err != nil {
		t.Fatal(err)
	}
	if _, err := f.office.Resolve(ctx, dept, res.Code, "GP-1"); err != nil {
		t.Fatal(err)
	}
	deptDesk := dossier.Actor{ID: "xd-desk", Role: dossier.RoleClerk, Agency: construction}
	if _, err := f.office.Return(ctx, deptDesk, res.Code); !errors.Is(err, onestop.ErrWrongActor) {
		t.Errorf("returned by the department's desk: %v, want ErrWrongActor", err)
	}
	if _, err := f.office.Return(ctx, clerk, res.Code); err != nil {
		t.Fatal(err)
	}
	rec := replayEqual(t, f, res.Code)
	if !rec.Dossier.Events[0].Intake.OtherLevel {
		t.Error("the intake does not record the other level")
	}
	// Same level (the desk's own competence): the 15:00 rule, nobody else told.
	f.clock.Set(at(12, 16, 0))
	own := mustIntake(t, f, birth())
	f.clock.Set(at(13, 9, 0))
	if h, err := f.office.Transfer(ctx, clerk, own.Code); err != nil || !h.DispatchBy.Equal(at(13, 7, 30)) {
		t.Errorf("same level: dispatch by %v, %v; want the next working start", h.DispatchBy, err)
	}
	if n := informed(f, own.Code, desk); n != 0 {
		t.Errorf("a dossier of the desk's own agency told %d times", n)
	}
}

// Decree 61/2018 has no Art. 20(1): the same reception keeps the 15:00 rule and tells nobody.
func TestIssue11OtherLevelReceptionDecree61(t *testing.T) {
	received := time.Date(2025, time.March, 11, 16, 0, 0, 0, calendar.Zone())
	f := otherLevelFixture(t, received)
	sub := birth()
	sub.Competent = construction
	res := mustIntake(t, f, sub)
	if n := informed(f, res.Code, construction); n != 0 {
		t.Errorf("told the competent agency's desk %d times under Decree 61", n)
	}
	f.clock.Set(received.Add(17 * time.Hour))
	h, err := f.office.Transfer(ctx, clerk, res.Code)
	if err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2025, time.March, 12, 7, 30, 0, 0, calendar.Zone()); !h.DispatchBy.Equal(want) {
		t.Errorf("dispatch by %v, want %v (the 15:00 rule)", h.DispatchBy, want)
	}
	replayEqual(t, f, res.Code)
}
