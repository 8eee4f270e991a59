package onestop_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/motcua-go/motcua/calendar"
	"github.com/motcua-go/motcua/dossier"
	"github.com/motcua-go/motcua/onestop"
)

// replayEqual checks that the stored dossier of code equals the one rebuilt from its log.
func replayEqual(t *testing.T, f *fixture, code string) onestop.Record {
	t.Helper()
	rec, err := f.store.Get(ctx, code)
	if err != nil {
		t.Fatal(err)
	}
	again, err := rec.Dossier.Rules.Replay(rec.Dossier.Events)
	if err != nil {
		t.Fatalf("replay: %v", err)
	}
	if diff := cmp.Diff(rec.Dossier, again, cmpopts.IgnoreUnexported(dossier.Dossier{}), cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("replay differs from the live dossier (-live +replay):\n%s", diff)
	}
	return rec
}

// Regression (issue 11): Answer on a dossier whose processing has ended is refused with
// ErrClosed and changes nothing; on a withdrawn dossier with a consultation pending, Handoff
// and Resolve answer ErrClosed, not ErrConsultationPending.
func TestIssue11AnswerAfterEnd(t *testing.T) {
	for _, end := range []string{"withdrawn", "refused", "returned"} {
		t.Run(end, func(t *testing.T) {
			f := newFixture(t, at(10, 9, 0))
			code := startBusiness(t, f)
			c, err := f.office.Consult(ctx, civil, code, onestop.ConsultRequest{Agency: police, Subject: "xác minh",
				Limit: calendar.Limit{N: 2, Unit: calendar.WorkingDays}})
			if err != nil {
				t.Fatal(err)
			}
			switch end {
			case "withdrawn":
				_, err = f.office.Withdraw(ctx, citizen, code, "không có nhu cầu")
			default:
				_, err = f.office.Refuse(ctx, civil, code, "không đủ điều kiện")
				if err == nil && end == "returned" {
					_, err = f.office.Return(ctx, clerk, code)
				}
			}
			if err != nil {
				t.Fatal(err)
			}
			before, _ := f.store.Get(ctx, code)
			if end == "withdrawn" {
				if _, err := f.office.Handoff(ctx, civil, code); !errors.Is(err, onestop.ErrClosed) {
					t.Errorf("Handoff: %v, want ErrClosed", err)
				}
				if _, err := f.office.Resolve(ctx, civil, code, "QĐ-1"); !errors.Is(err, onestop.ErrClosed) {
					t.Errorf("Resolve: %v, want ErrClosed", err)
				}
			}
			if _, err := f.office.Answer(ctx, policeman, code, c.ID, true, "đồng ý"); !errors.Is(err, onestop.ErrClosed) {
				t.Errorf("Answer: %v, want ErrClosed", err)
			}
			after := replayEqual(t, f, code)
			if after.Version != before.Version || !after.Consultations[0].Answered.IsZero() {
				t.Errorf("version %d → %d, consultation %+v: want nothing changed", before.Version, after.Version, after.Consultations[0])
			}
		})
	}
}

// Regression (issue 11): a dossier waiting for the applicant's supplement since before its
// due time is not overdue, in lookup, Biểu 06 and the satisfaction indicator, as
// dossier.Dossier.Overdue, the sweep and the Decision 766 rate already said.
func TestIssue11WaitingIsNotOverdue(t *testing.T) {
	f := newFixture(t, at(10, 9, 0))
	code := startBusiness(t, f) // due Fri 13 09:00
	f.clock.Set(at(11, 10, 0))
	if _, err := f.office.RequestSupplement(ctx, civil, code, "thiếu biên bản họp", []string{"Biên bản họp"}); err != nil {
		t.Fatal(err)
	}
	f.clock.Set(at(20, 10, 0)) // a week past the due time, still waiting
	st, err := f.office.Lookup(ctx, code)
	if err != nil {
		t.Fatal(err)
	}
	rec := replayEqual(t, f, code)
	if st.Overdue || rec.Dossier.Overdue(f.clock.Now()) {
		t.Errorf("lookup overdue %v, dossier overdue %v: want neither", st.Overdue, rec.Dossier.Overdue(f.clock.Now()))
	}
	alerts, err := f.office.Sweep(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(alerts) != 0 {
		t.Errorf("sweep %+v, want nothing", alerts)
	}
	rep, err := f.office.Report(ctx, at(1, 0, 0), at(21, 0, 0), onestop.ReportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Total.InProgress != 1 || rep.Total.Over != 0 || rep.Total.Within != 1 || rep.Satisfaction.Overdue != 0 || rep.OnTime.OnTime != 1 {
		t.Errorf("report total %+v, satisfaction %+v, 766 %+v: want in progress within time, not overdue", rep.Total, rep.Satisfaction, rep.OnTime)
	}
}

// Regression (issue 11): after a late step is handed on, the sweep's ApologyDue alert names
// the agency holding the dossier, which Apologise accepts (Decree 118/2025 Art. 12(5)), and
// the late step in LateAgency.
func TestIssue11ApologyByHolder(t *testing.T) {
	f := newFixture(t, at(10, 9, 0))
	res := mustIntake(t, f, business()) // register by the desk due Wed 11 16:30, then the tax office
	code := res.Code
	if _, err := f.office.Transfer(ctx, clerk, code); err != nil {
		t.Fatal(err)
	}
	if _, err := f.office.Start(ctx, civil, code); err != nil {
		t.Fatal(err)
	}
	if _, err := f.office.Handoff(ctx, civil, code); err != nil {
		t.Fatal(err)
	}
	f.clock.Set(at(12, 14, 0))
	if _, err := f.office.Handoff(ctx, civil, code); err != nil { // registration late
		t.Fatal(err)
	}
	f.clock.Set(at(12, 15, 0))
	alerts, err := f.office.Sweep(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(alerts) != 1 || alerts[0].Kind != onestop.ApologyDue {
		t.Fatalf("alerts %+v, want one apology due", alerts)
	}
	a := alerts[0]
	if a.Agency != tax || a.LateAgency != desk || a.LateStep != "register" {
		t.Errorf("alert agency %s (late %s %s), want %s (late %s register)", a.Agency, a.LateAgency, a.LateStep, tax, desk)
	}
	officer := dossier.Actor{ID: "tax-1", Role: dossier.RoleOfficer, Agency: a.Agency}
	if _, err := f.office.Apologise(ctx, officer, code, "chờ xác minh", at(17, 17, 0)); err != nil {
		t.Fatalf("the agency the sweep names cannot apologise: %v", err)
	}
	replayEqual(t, f, code)
}
