package onestop_test

import (
	"errors"
	"github.com/motcua-go/motcua/procedure"
	"golang.org/x/text/language"
	"testing"
	"time"

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
	page, _, err := f.office.Queue(ctx, onestop.QueueQuery{Agency: desk, States: []dossier.State{dossier.SupplementRequested}})
	if err != nil {
		t.Fatal(err)
	}
	if len(page) != 1 || page[0].Overdue {
		t.Errorf("work queue %+v, want the dossier, not overdue", page)
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

// Decree 118/2025 Art. 19(5): a supplement asked for during processing and left unanswered
// 15 days lets the desk close the dossier; the sweep lists it from then, the dossier ends
// (national status 8), not late when it waited in time (judged at the notice: here a day
// before the due date, so early), and Biểu 06 counts it as stopped.
func TestIssue11Close(t *testing.T) {
	f := newFixture(t, at(10, 9, 0))
	code := startBusiness(t, f) // due Fri 13 09:00
	f.clock.Set(at(11, 10, 0))
	if _, err := f.office.RequestSupplement(ctx, civil, code, "thiếu biên bản họp", []string{"Biên bản họp"}); err != nil {
		t.Fatal(err)
	}
	rec := replayEqual(t, f, code)
	closeDue := rec.Dossier.CloseDue()
	if want := at(26, 17, 0); !closeDue.Equal(want) {
		t.Fatalf("close due %v, want %v (15 calendar days, to the close of the day)", closeDue, want)
	}
	if rec.Watch.After(closeDue) {
		t.Errorf("record watched from %v, after its close due %v: the sweep would miss it", rec.Watch, closeDue)
	}
	f.clock.Set(at(25, 10, 0))
	if _, err := f.office.Close(ctx, clerk, code, ""); !errors.Is(err, dossier.ErrCloseEarly) {
		t.Errorf("close a day early: %v, want ErrCloseEarly", err)
	}
	if alerts, _ := f.office.Sweep(ctx); len(alerts) != 0 {
		t.Errorf("sweep before the close due: %+v", alerts)
	}
	f.clock.Set(closeDue)
	alerts, err := f.office.Sweep(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(alerts) != 1 || alerts[0].Kind != onestop.CloseDue || alerts[0].Agency != desk || !alerts[0].Due.Equal(closeDue) {
		t.Fatalf("sweep %+v, want one close due for the desk at %v", alerts, closeDue)
	}
	if _, err := f.office.Close(ctx, civil, code, ""); !errors.Is(err, onestop.ErrWrongActor) {
		t.Errorf("an officer closes: %v, want ErrWrongActor", err)
	}
	st, err := f.office.Close(ctx, clerk, code, "quá hạn bổ sung")
	if err != nil {
		t.Fatal(err)
	}
	if vi, en := st.StateName(language.Vietnamese), st.StateName(language.English); vi != "đã đóng hồ sơ" || en != "closed" {
		t.Errorf("closed in words: %q, %q", vi, en)
	}
	if st.State != dossier.Closed || st.National != 8 || st.Overdue {
		t.Errorf("closed view: state %v, national %d, overdue %v", st.State, st.National, st.Overdue)
	}
	rec = replayEqual(t, f, code)
	if rec.Dossier.Overdue(f.clock.Now()) || !rec.Watch.IsZero() || rec.Summary.Outcome != onestop.OutcomeClosed {
		t.Errorf("closed record: overdue %v, watch %v, outcome %v", rec.Dossier.Overdue(f.clock.Now()), rec.Watch, rec.Summary.Outcome)
	}
	if alerts, _ := f.office.Sweep(ctx); len(alerts) != 0 {
		t.Errorf("sweep after closing: %+v", alerts)
	}
	if _, err := f.office.Supplement(ctx, citizen, code, []string{"Biên bản họp"}); !errors.Is(err, onestop.ErrClosed) {
		t.Errorf("supplement after closing: %v, want ErrClosed", err)
	}
	for _, tc := range []struct {
		policy onestop.WithdrawnPolicy
		want   onestop.Counts
	}{
		{onestop.WithdrawnAsResolved, onestop.Counts{Received: 1, ReceivedCounter: 1, Resolved: 1, Early: 1, Withdrawn: 1, Closed: 1}},
		{onestop.WithdrawnExcluded, onestop.Counts{Withdrawn: 1, Closed: 1}},
	} {
		rep, err := f.office.Report(ctx, at(1, 0, 0), at(31, 0, 0), onestop.ReportOptions{Withdrawn: tc.policy})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(tc.want, rep.Total); diff != "" {
			t.Errorf("report (%v) (-want +got):\n%s", tc.policy, diff)
		}
		if err := rep.Check(); err != nil {
			t.Error(err)
		}
	}
}

// Decree 61/2018 has no closing: Close is refused with dossier.ErrNotProvided.
func TestIssue11CloseDecree61(t *testing.T) {
	day := func(d, h int) time.Time { return time.Date(2025, time.March, d, h, 0, 0, 0, calendar.Zone()) }
	f := newFixture(t, day(11, 9))
	res := mustIntake(t, f, birth())
	for _, step := range []func() error{
		func() error { _, err := f.office.Transfer(ctx, clerk, res.Code); return err },
		func() error { _, err := f.office.Start(ctx, civil, res.Code); return err },
		func() error {
			_, err := f.office.RequestSupplement(ctx, civil, res.Code, "giấy chứng sinh không rõ", []string{"Giấy chứng sinh"})
			return err
		},
	} {
		if err := step(); err != nil {
			t.Fatal(err)
		}
	}
	f.clock.Set(day(31, 9))
	if _, err := f.office.Close(ctx, clerk, res.Code, ""); !errors.Is(err, dossier.ErrNotProvided) {
		t.Errorf("close under Decree 61: %v, want ErrNotProvided", err)
	}
	if alerts, _ := f.office.Sweep(ctx); len(alerts) != 0 {
		t.Errorf("sweep under Decree 61: %+v, want nothing (it waits, is not overdue, and is never closed)", alerts)
	}
	replayEqual(t, f, res.Code)
}

// Decree 118/2025 Art. 21(2): an online applicant amends the dossier's content, with a
// reason; a paper dossier cannot be amended.
func TestIssue11Amend(t *testing.T) {
	f := newFixture(t, at(10, 9, 0))
	sub := birth()
	sub.Channel = procedure.Online
	online := mustIntake(t, f, sub)
	paper := mustIntake(t, f, birth())
	if _, err := f.office.Amend(ctx, citizen, online.Code, " \t\u00a0", nil); !errors.Is(err, onestop.ErrRequired) {
		t.Errorf("amendment without a reason: %v, want ErrRequired", err)
	}
	if _, err := f.office.Amend(ctx, clerk, online.Code, "sửa tên mẹ", nil); !errors.Is(err, onestop.ErrWrongActor) {
		t.Errorf("amendment by the clerk: %v, want ErrWrongActor", err)
	}
	if _, err := f.office.Amend(ctx, citizen, paper.Code, "sửa tên mẹ", nil); !errors.Is(err, dossier.ErrNotOnline) {
		t.Errorf("amendment of a paper dossier: %v, want ErrNotOnline", err)
	}
	f.clock.Set(at(10, 10, 0))
	st, err := f.office.Amend(ctx, citizen, online.Code, "sửa tên mẹ", []string{"Tờ khai đăng ký khai sinh"})
	if err != nil {
		t.Fatal(err)
	}
	if last := st.History[len(st.History)-1]; last.Event != "amend" || !st.Due.Equal(online.Due) {
		t.Errorf("after the amendment: last event %q, due %v (want amend, %v: the clock runs on)", last.Event, st.Due, online.Due)
	}
	replayEqual(t, f, online.Code)
	replayEqual(t, f, paper.Code)
}

// Decree 118/2025 Art. 23(1): the desk sends a wrong result back to the agency, which returns
// it corrected within 3 working days; Lookup shows the correction.
func TestIssue11Correction(t *testing.T) {
	f := newFixture(t, at(10, 9, 0))
	code := mustIntake(t, f, birth()).Code
	if _, err := f.office.Resolve(ctx, clerk, code, "KS-1"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.office.SendForCorrection(ctx, clerk, code, "\n "); !errors.Is(err, onestop.ErrRequired) {
		t.Errorf("sent back without the error described: %v, want ErrRequired", err)
	}
	f.clock.Set(at(11, 9, 0))
	st, err := f.office.SendForCorrection(ctx, clerk, code, "sai ngày sinh")
	if err != nil {
		t.Fatal(err)
	}
	if vi, en := st.StateName(language.Vietnamese), st.StateName(language.English); vi != "đang đính chính kết quả" || en != "result in correction" {
		t.Errorf("correction in words: %q, %q", vi, en)
	}
	if (onestop.PublicView{State: dossier.Submitted}).StateName(language.English) != "waiting for acceptance" {
		t.Error("an online dossier not yet accepted is not shown waiting for acceptance")
	}
	if st.State != dossier.Correction || st.National != 4 {
		t.Errorf("sent back: state %v, national %d, want correction, 4", st.State, st.National)
	}
	rec := replayEqual(t, f, code)
	if want := at(14, 9, 0); !rec.Dossier.CorrectionDue().Equal(want) && !rec.Dossier.CorrectionDue().Equal(at(16, 9, 0)) {
		t.Errorf("correction due %v, want 3 working days", rec.Dossier.CorrectionDue())
	}
	if _, err := f.office.Return(ctx, clerk, code); err == nil {
		t.Error("a result in correction was handed over")
	}
	// The dossier was judged at its result: in correction it is neither open nor overdue,
	// and Biểu 06 counts it resolved.
	f.clock.Set(at(20, 9, 0))
	if v, _ := f.office.Lookup(ctx, code); v.Overdue {
		t.Error("a dossier in correction shown overdue")
	}
	// The sweep lists only the agency's own delay: the correction past its 3 working days.
	if alerts, _ := f.office.Sweep(ctx); len(alerts) != 1 || alerts[0].Kind != onestop.CorrectionDue ||
		!alerts[0].Due.Equal(rec.Dossier.CorrectionDue()) || alerts[0].Agency != desk {
		t.Errorf("sweep of a dossier in correction past its 3 working days: %+v", alerts)
	}
	f.clock.Set(at(12, 9, 0))
	if alerts, _ := f.office.Sweep(ctx); len(alerts) != 0 {
		t.Errorf("sweep of a dossier in correction within its time: %+v", alerts)
	}
	f.clock.Set(at(20, 9, 0))
	rep, err := f.office.Report(ctx, at(1, 0, 0), at(31, 0, 0), onestop.ReportOptions{})
	if err != nil || rep.Total.Resolved != 1 || rep.Total.InProgress != 0 {
		t.Errorf("report of a dossier in correction: %+v, %v; want resolved", rep.Total, err)
	}
	f.clock.Set(at(11, 9, 0))
	f.clock.Set(at(12, 9, 0))
	st, err = f.office.Correct(ctx, clerk, code, "KS-1/ĐC")
	if err != nil {
		t.Fatal(err)
	}
	if st.State != dossier.Resolved {
		t.Errorf("corrected: state %v, want resolved", st.State)
	}
	rec = replayEqual(t, f, code)
	if sent, late := rec.Dossier.Corrections(); sent != 1 || late != 0 || rec.Dossier.Resolution.Reference != "KS-1/ĐC" {
		t.Errorf("corrections %d (late %d), reference %q", sent, late, rec.Dossier.Resolution.Reference)
	}
	if _, err := f.office.Return(ctx, clerk, code); err != nil {
		t.Fatal(err)
	}
	replayEqual(t, f, code)
}
