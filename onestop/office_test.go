package onestop_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/motcua-go/motcua/calendar"
	"github.com/motcua-go/motcua/dossier"
	"github.com/motcua-go/motcua/onestop"
	"github.com/motcua-go/motcua/procedure"
	"golang.org/x/text/language"
)

var ctx = context.Background()

func events(t *testing.T, f *fixture, code string) []string {
	t.Helper()
	st, err := f.office.Lookup(ctx, code)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range st.History {
		out = append(out, e.Event)
	}
	return out
}

// Decree 61/2018 Art. 17(3), Decision 163/QĐ-BTP: a birth registration received before 15:00
// is due at the close of the same working day; after 15:00, at the close of the next.
func TestIntakeSameDayRule(t *testing.T) {
	tests := []struct {
		name     string
		received time.Time
		due      time.Time
	}{
		{"morning", at(10, 9, 0), at(10, 17, 0)},
		{"just before the cut-off", at(10, 14, 59), at(10, 17, 0)},
		{"after the cut-off", at(10, 15, 30), at(11, 17, 0)},
		{"Friday after the cut-off", at(13, 16, 0), at(16, 17, 0)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t, tc.received)
			res := mustIntake(t, f, birth())
			if !res.Due.Equal(tc.due) || !res.Receipt.Due.Equal(tc.due) {
				t.Errorf("due %v (receipt %v), want %v", res.Due, res.Receipt.Due, tc.due)
			}
		})
	}
}

// Circular 01/2018 Art. 19: codes are <unit>-YYMMDD-NNNN from a per-unit daily sequence,
// issued on acceptance only.
func TestIntakeCodesFromDailySequence(t *testing.T) {
	f := newFixture(t, at(10, 9, 0))
	var got []string
	got = append(got, mustIntake(t, f, birth()).Code)
	incomplete := birth()
	incomplete.Documents = nil
	if res, err := f.office.Intake(ctx, clerk, incomplete); err != nil || res.Decision != onestop.DecisionSupplement || res.Code != "" {
		t.Fatalf("incomplete: %+v, %v", res, err)
	}
	got = append(got, mustIntake(t, f, birth()).Code)
	f.clock.Set(at(11, 8, 0))
	got = append(got, mustIntake(t, f, birth()).Code)
	want := []string{desk + "-260310-0001", desk + "-260310-0002", desk + "-260311-0001"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("codes (-want +got):\n%s", diff)
	}
}

// Decree 61/2018 Art. 15(3), 17(1)(a): an incomplete dossier gets one request listing every
// missing document; no dossier is created.
func TestIntakeSupplementListsEverythingOnce(t *testing.T) {
	f := newFixture(t, at(10, 9, 0))
	sub := birth()
	sub.Case = "lien-thong-khai-sinh-thuong-tru-bhyt-2015"
	sub.Documents = []string{"to khai dang ky khai sinh"} // matched without diacritics
	res, err := f.office.Intake(ctx, clerk, sub)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"Tờ khai thay đổi thông tin cư trú", "Tờ khai tham gia bảo hiểm y tế"}
	if res.Decision != onestop.DecisionSupplement || res.Supplement == nil || !res.Supplement.Intake {
		t.Fatalf("decision %v, slip %+v", res.Decision, res.Supplement)
	}
	if diff := cmp.Diff(want, res.Missing); diff != "" {
		t.Errorf("missing (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(want, res.Supplement.Documents); diff != "" {
		t.Errorf("slip documents (-want +got):\n%s", diff)
	}
	count := 0
	f.store.Scan(ctx, func(onestop.Record) bool { count++; return true })
	if count != 0 {
		t.Errorf("an incomplete submission stored %d dossiers", count)
	}
}

// Decree 61/2018 Art. 17(1)(b), 17(2)(a): refusal with reasons when the procedure is not in
// force or the dossier is outside the desk's reception scope.
func TestIntakeRefusals(t *testing.T) {
	tests := []struct {
		name   string
		sub    func(*onestop.Submission)
		reason string
	}{
		{"procedure no longer in force", func(s *onestop.Submission) {
			s.Procedure, s.Documents = "1.000001", []string{"Đơn"}
		}, "không có phiên bản có hiệu lực"},
		{"competent agency in another province", func(s *onestop.Submission) { s.Competent = other },
			"không thuộc phạm vi tiếp nhận của bộ phận một cửa UBND đặc khu Vân Đồn (000.00.31.H49) (cơ quan có thẩm quyền 000.00.31.H54)"},
		{"channel not offered", func(s *onestop.Submission) {
			s.Procedure, s.Channel, s.Documents = "1.013225", procedure.Postal, []string{"Đơn đề nghị cấp giấy phép xây dựng", "Bản vẽ thiết kế xây dựng"}
		}, "không tiếp nhận qua kênh dịch vụ bưu chính"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t, at(10, 9, 0))
			sub := birth()
			tc.sub(&sub)
			res, err := f.office.Intake(ctx, clerk, sub)
			if err != nil {
				t.Fatal(err)
			}
			if res.Decision != onestop.DecisionRefuse || res.Refusal == nil || !strings.Contains(res.Refusal.Reason, tc.reason) {
				t.Fatalf("got %v %+v, want a refusal containing %q", res.Decision, res.Refusal, tc.reason)
			}
			if res.Code != "" || res.Receipt != nil {
				t.Errorf("a refused dossier got a code or a receipt: %+v", res)
			}
		})
	}
}

// Decree 118/2025 Art. 14(2): from 2025-07-01 a desk receives for any agency of its province;
// the competent agency is recorded apart from the receiving desk.
func TestIntakeBoundaryFree(t *testing.T) {
	f := newFixture(t, at(10, 9, 0))
	sub := birth()
	sub.Competent = "000.10.21.H49" // another commune of Quảng Ninh
	res := mustIntake(t, f, sub)
	st, err := f.office.Lookup(ctx, res.Code)
	if err != nil {
		t.Fatal(err)
	}
	// Decree 118/2025 Art. 28: the code carries the competent agency's identifier.
	if st.Desk != desk || st.Agency != "000.10.21.H49" || !strings.HasPrefix(res.Code, "000.10.21.H49-") {
		t.Errorf("desk %s, agency %s, code %s", st.Desk, st.Agency, res.Code)
	}
	for _, tc := range []struct {
		desk, competent string
		at              time.Time
		want            bool
	}{
		{desk, "000.10.21.H49", at(10, 9, 0), true},
		{desk, other, at(10, 9, 0), false},
		{"000.02.21.H49", "000.01.21.H49", time.Date(2024, 5, 6, 9, 0, 0, 0, calendar.Zone()), true},
		{"000.02.21.H49", "000.00.31.H49", time.Date(2024, 5, 6, 9, 0, 0, 0, calendar.Zone()), false},
		{"000.00.04.G14", other, at(10, 9, 0), true},
		{"bad", desk, at(10, 9, 0), false},
	} {
		if got := onestop.DefaultReceivable(tc.desk, tc.competent, tc.at); got != tc.want {
			t.Errorf("DefaultReceivable(%s, %s, %v) = %v, want %v", tc.desk, tc.competent, tc.at, got, tc.want)
		}
	}
}

// An online dossier sent outside office hours is received at the start of the next working
// session, and its code carries that date.
func TestIntakeOnlineOutsideOfficeHours(t *testing.T) {
	f := newFixture(t, time.Date(2026, 3, 14, 22, 0, 0, 0, calendar.Zone())) // Saturday night
	sub := birth()
	sub.Channel = procedure.Online
	sub.Submitted = time.Date(2026, 3, 14, 21, 50, 0, 0, calendar.Zone())
	res := mustIntake(t, f, sub)
	if want := at(16, 7, 30); !res.Received.Equal(want) {
		t.Errorf("received %v, want %v", res.Received, want)
	}
	if want := desk + "-260316-0001"; res.Code != want {
		t.Errorf("code %s, want %s", res.Code, want)
	}
	if want := at(16, 17, 0); !res.Due.Equal(want) {
		t.Errorf("due %v, want %v", res.Due, want)
	}
}

func TestIntakeCounterOutsideReceptionHours(t *testing.T) {
	f := newFixture(t, time.Date(2026, 3, 15, 10, 0, 0, 0, calendar.Zone())) // Sunday
	_, err := f.office.Intake(ctx, clerk, birth())
	if !errors.Is(err, onestop.ErrOutsideHours) {
		t.Fatalf("got %v, want ErrOutsideHours", err)
	}
}

// Decree 61/2018 Art. 17(4): an immediate result needs no receipt but is recorded.
func TestIntakeImmediate(t *testing.T) {
	f := newFixture(t, at(10, 9, 0))
	sub := birth()
	sub.Immediate = true
	res := mustIntake(t, f, sub)
	if res.Receipt != nil {
		t.Error("immediate result got a receipt")
	}
	st, err := f.office.Lookup(ctx, res.Code)
	if err != nil {
		t.Fatal(err)
	}
	if st.State != dossier.Returned || st.National != dossier.StatusReturned {
		t.Errorf("state %v (%d), want returned", st.State, st.National)
	}
	sub.WantReceipt = true
	if res := mustIntake(t, f, sub); res.Receipt == nil {
		t.Error("receipt asked for but not given")
	}
}

// The same-day birth registration from intake to return, with the notices of Decree 224/2026.
func TestBirthRegistrationEndToEnd(t *testing.T) {
	f := newFixture(t, at(10, 9, 0))
	res := mustIntake(t, f, birth())
	f.clock.Set(at(10, 9, 10))
	h, err := f.office.Transfer(ctx, clerk, res.Code)
	if err != nil {
		t.Fatal(err)
	}
	if h.Late || !h.DispatchBy.Equal(at(10, 17, 0)) || len(h.Slip.Rows) != 1 || h.Slip.Rows[0].Agency != desk {
		t.Errorf("handover %+v", h)
	}
	f.clock.Set(at(10, 9, 30))
	if _, err := f.office.Start(ctx, civil, res.Code); err != nil {
		t.Fatal(err)
	}
	f.clock.Set(at(10, 14, 0))
	ready, err := f.office.Resolve(ctx, civil, res.Code, "123/GKS")
	if err != nil {
		t.Fatal(err)
	}
	if ready.Early || ready.Public.National != dossier.StatusDone {
		t.Errorf("ready %+v", ready)
	}
	f.clock.Set(at(10, 14, 30))
	st, err := f.office.Return(ctx, clerk, res.Code)
	if err != nil {
		t.Fatal(err)
	}
	if st.National != dossier.StatusReturned || !st.ReturnedAt.Equal(at(10, 14, 30)) {
		t.Errorf("after return: %+v", st)
	}
	var got []string
	for _, n := range f.notes.For(res.Code) {
		got = append(got, fmt.Sprintf("%s %d %s %s", n.Event, n.NationalStatus, n.Agency, n.Handler))
		if !n.ReceivedAt.Equal(at(10, 9, 0)) || !n.DueAt.Equal(at(10, 17, 0)) {
			t.Errorf("notice %s: received %v, due %v", n.Event, n.ReceivedAt, n.DueAt)
		}
	}
	want := []string{
		"receive 2 " + desk + " clerk-1",
		"transfer 2 " + desk + " clerk-1",
		"start 4 " + desk + " civil-1",
		"resolve 9 " + desk + " civil-1",
		"return 10 " + desk + " clerk-1",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("notices (-want +got):\n%s", diff)
	}
	last := f.notes.For(res.Code)[4]
	if !last.ProcessedAt.Equal(at(10, 14, 0)) || !last.ReturnedAt.Equal(at(10, 14, 30)) {
		t.Errorf("return notice times: processed %v, returned %v", last.ProcessedAt, last.ReturnedAt)
	}
	ix, err := f.office.Indices(ctx, res.Code)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(onestop.Indices{TotalTime: 1, StepTime: 1, Contacts: 2, Agencies: 2}, ix); diff != "" {
		t.Errorf("indices (-want +got):\n%s", diff)
	}
}

// Decree 61/2018 Art. 19(6)(a): the inter-agency group goes agency by agency, each with its
// task and deadline on the transfer slip; only the agency holding a step may finish it.
func TestInterAgencyGroup(t *testing.T) {
	f := newFixture(t, at(10, 9, 0))
	sub := birth()
	sub.Case = "lien-thong-khai-sinh-thuong-tru-bhyt-2015"
	sub.Documents = append(sub.Documents, "Tờ khai thay đổi thông tin cư trú", "Tờ khai tham gia bảo hiểm y tế")
	res := mustIntake(t, f, sub)
	h, err := f.office.Transfer(ctx, clerk, res.Code)
	if err != nil {
		t.Fatal(err)
	}
	var agencies []string
	for i, r := range h.Slip.Rows {
		agencies = append(agencies, r.Agency+" "+r.Task)
		if i > 0 && r.Due.Before(h.Slip.Rows[i-1].Due) {
			t.Errorf("row %d due %v before row %d", i, r.Due, i-1)
		}
	}
	wantAg := []string{desk + " receive", desk + " register", police + " register", bhxh + " issue", desk + " return"}
	if diff := cmp.Diff(wantAg, agencies); diff != "" {
		t.Fatalf("transfer slip agencies (-want +got):\n%s", diff)
	}
	if last := h.Slip.Rows[len(h.Slip.Rows)-1]; !last.Due.Equal(res.Due) {
		t.Errorf("last step due %v, dossier due %v", last.Due, res.Due)
	}
	if _, err := f.office.Start(ctx, civil, res.Code); err != nil {
		t.Fatal(err)
	}
	f.clock.Set(at(10, 9, 15))
	if _, err := f.office.Handoff(ctx, civil, res.Code); err != nil {
		t.Fatal(err)
	}
	f.clock.Set(at(10, 10, 0))
	if _, err := f.office.Handoff(ctx, civil, res.Code); err != nil {
		t.Fatal(err)
	}
	// The police step is in hand: the insurer may not finish it.
	if _, err := f.office.Handoff(ctx, insurer, res.Code); !errors.Is(err, dossier.ErrWrongAgency) {
		t.Fatalf("insurer finishing the police step: %v, want ErrWrongAgency", err)
	}
	st, _ := f.office.Lookup(ctx, res.Code)
	if st.Holder != police {
		t.Errorf("holder %s, want the police", st.Holder)
	}
	f.clock.Set(at(10, 11, 0))
	if _, err := f.office.Handoff(ctx, policeman, res.Code); err != nil {
		t.Fatal(err)
	}
	f.clock.Set(at(10, 13, 30))
	if _, err := f.office.Handoff(ctx, insurer, res.Code); err != nil {
		t.Fatal(err)
	}
	f.clock.Set(at(10, 14, 0))
	if _, err := f.office.Resolve(ctx, civil, res.Code, "KS-12"); err != nil {
		t.Fatal(err)
	}
	want := []string{"open", "receive", "transfer", "start", "handoff", "handoff", "handoff", "handoff", "resolve"}
	if diff := cmp.Diff(want, events(t, f, res.Code)); diff != "" {
		t.Errorf("history (-want +got):\n%s", diff)
	}
}

// Decree 61/2018 Art. 18(2): a paper dossier received after 15:00 goes out at the start of
// the next working day.
func TestTransferAfterCutoff(t *testing.T) {
	f := newFixture(t, at(13, 15, 30)) // Friday
	sub := birth()
	res := mustIntake(t, f, sub)
	h, err := f.office.Transfer(ctx, clerk, res.Code)
	if err != nil {
		t.Fatal(err)
	}
	if want := at(16, 7, 30); !h.DispatchBy.Equal(want) {
		t.Errorf("dispatch by %v, want %v", h.DispatchBy, want)
	}
}

func business() onestop.Submission {
	return onestop.Submission{Procedure: "2.000720", Case: "household-business", Channel: procedure.Counter,
		Applicant: person("Trần Thị Bình"), Competent: desk, Documents: []string{"Giấy đề nghị đăng ký hộ kinh doanh"}}
}

// startBusiness receives a household business on Tue 10 March 09:00 (due Fri 13 09:00),
// transfers it and brings it to the registration step.
func startBusiness(t *testing.T, f *fixture) string {
	t.Helper()
	res := mustIntake(t, f, business())
	if !res.Due.Equal(at(13, 9, 0)) {
		t.Fatalf("due %v", res.Due)
	}
	for _, step := range []func() error{
		func() error { _, err := f.office.Transfer(ctx, clerk, res.Code); return err },
		func() error { _, err := f.office.Start(ctx, civil, res.Code); return err },
		func() error { _, err := f.office.Handoff(ctx, civil, res.Code); return err },
	} {
		if err := step(); err != nil {
			t.Fatal(err)
		}
	}
	return res.Code
}

// Decree 61/2018 Art. 19(4): a supplement asked during processing within 3 working days;
// once complete, the time limit restarts.
func TestSupplementDuringProcessingRestartsClock(t *testing.T) {
	f := newFixture(t, at(10, 9, 0))
	code := startBusiness(t, f)
	f.clock.Set(at(11, 10, 0))
	slip, err := f.office.RequestSupplement(ctx, civil, code, "thiếu biên bản họp", []string{"Bản sao biên bản họp thành viên hộ gia đình"})
	if err != nil {
		t.Fatal(err)
	}
	if slip.Intake || slip.Agency != desk || len(slip.Documents) != 1 {
		t.Errorf("slip %+v", slip)
	}
	if _, err := f.office.RequestSupplement(ctx, civil, code, "again", []string{"x"}); err == nil {
		t.Error("second request while waiting accepted")
	}
	f.clock.Set(at(12, 10, 0))
	st, err := f.office.Supplement(ctx, citizen, code, []string{"Bản sao biên bản họp thành viên hộ gia đình"})
	if err != nil {
		t.Fatal(err)
	}
	if want := at(17, 10, 0); !st.Due.Equal(want) || !st.FirstDue.Equal(at(13, 9, 0)) {
		t.Errorf("due %v (first %v), want the limit restarted: %v", st.Due, st.FirstDue, want)
	}
	rec, _ := f.store.Get(ctx, code)
	if rec.Summary.Supplements != 1 || rec.Summary.ApplicantTime != int64(24*time.Hour/time.Second) {
		t.Errorf("summary supplements %d, applicant time %ds", rec.Summary.Supplements, rec.Summary.ApplicantTime)
	}
	// Past the window of 3 working days another agency may not ask any more.
	f.clock.Set(at(16, 10, 0))
	if _, err := f.office.RequestSupplement(ctx, civil, code, "late", []string{"x"}); !errors.Is(err, dossier.ErrSupplementWindow) && !errors.Is(err, dossier.ErrSupplementRepeated) {
		t.Errorf("late request: %v", err)
	}
}

// Decree 61/2018 Art. 19(9): the apology with a new appointment, at least one working day
// before the due date, once; the sweep says when it is due and who is responsible.
func TestLateDossierApologyAndSweep(t *testing.T) {
	f := newFixture(t, at(10, 9, 0))
	code := startBusiness(t, f)

	f.clock.Set(at(11, 9, 0))
	alerts, err := f.office.Sweep(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(alerts) != 0 {
		t.Errorf("a fresh dossier raised %+v", alerts)
	}

	f.clock.Set(at(12, 10, 0)) // the last day for the apology
	alerts, _ = f.office.Sweep(ctx)
	if len(alerts) != 1 || alerts[0].Kind != onestop.ApologyDue || alerts[0].Agency != desk || !alerts[0].ApologyBy.Equal(at(12, 17, 0)) {
		t.Fatalf("sweep on the apology day: %+v", alerts)
	}

	slip, err := f.office.Apologise(ctx, civil, code, "chờ xác minh địa điểm kinh doanh", at(17, 17, 0))
	if err != nil {
		t.Fatal(err)
	}
	if !slip.OldDue.Equal(at(13, 9, 0)) || !slip.NewDue.Equal(at(17, 17, 0)) {
		t.Errorf("apology slip %+v", slip)
	}
	// A second appointment is refused under Decree 61 only: Decree 118/2025 Art. 12(5) sets no
	// count (package dossier's tests).

	f.clock.Set(at(18, 9, 0))
	alerts, _ = f.office.Sweep(ctx)
	if len(alerts) != 1 || alerts[0].Kind != onestop.Overdue || alerts[0].Agency != desk || alerts[0].Step != "register" {
		t.Fatalf("sweep after the new appointment: %+v", alerts)
	}
	st, _ := f.office.Lookup(ctx, code)
	if !st.Overdue || !st.Reappointed {
		t.Errorf("lookup: overdue %v, reappointed %v", st.Overdue, st.Reappointed)
	}
}

// Decree 61/2018 Art. 20(4): a result ready before the appointment day is announced in advance.
func TestEarlyReturnNotice(t *testing.T) {
	f := newFixture(t, at(10, 9, 0))
	code := startBusiness(t, f)
	f.clock.Set(at(10, 14, 0))
	for _, a := range []dossier.Actor{civil, {ID: "tax-1", Role: dossier.RoleOfficer, Agency: tax}} {
		if _, err := f.office.Handoff(ctx, a, code); err != nil {
			t.Fatal(err)
		}
	}
	ready, err := f.office.Resolve(ctx, civil, code, "HKD-1")
	if err != nil {
		t.Fatal(err)
	}
	if !ready.Early {
		t.Error("a result three days early is not early")
	}
	notes := f.notes.For(code)
	if last := notes[len(notes)-1]; last.Event != "early_return" || !last.DueAt.Equal(at(13, 9, 0)) {
		t.Errorf("last notice %+v", last)
	}
	if err := f.office.Rate(ctx, citizen, code, onestop.Satisfied, false); err != nil {
		t.Fatal(err)
	}
	rep, err := f.office.Report(ctx, at(9, 0, 0), at(16, 0, 0), onestop.ReportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Total.Early != 1 || rep.Satisfaction.Satisfied != 1 || rep.OnTime.OnTime != 1 {
		t.Errorf("report %+v", rep.Total)
	}
}

// Decree 61/2018 Art. 19(5) and the construction rules (§5.5 of the domain notes): an agency
// consulted must answer by the deadline; where silence means consent, its silence counts as
// agreement once the deadline has passed. Here no route declares the consultation (the office
// has no routes), so the request says the limit and whether silence means consent.
func TestConsultation(t *testing.T) {
	f := newFixtureWith(t, at(10, 9, 0), nil)
	res := mustIntake(t, f, onestop.Submission{Procedure: "1.013225", Channel: procedure.Counter, Applicant: person("Lê Văn Cường"),
		Competent: desk, Documents: []string{"Đơn đề nghị cấp giấy phép xây dựng", "Bản vẽ thiết kế xây dựng"}})
	if want := at(25, 17, 0); !res.Due.Equal(want) { // 15 calendar days
		t.Errorf("due %v, want %v", res.Due, want)
	}
	if _, err := f.office.Transfer(ctx, clerk, res.Code); err != nil {
		t.Fatal(err)
	}
	if _, err := f.office.Start(ctx, civil, res.Code); err != nil {
		t.Fatal(err)
	}
	if _, err := f.office.Consult(ctx, policeman, res.Code, onestop.ConsultRequest{Agency: police, Limit: calendar.Limit{N: 3, Unit: calendar.WorkingDays}}); !errors.Is(err, onestop.ErrWrongActor) {
		t.Errorf("consultation by an agency not holding the dossier: %v", err)
	}
	silent, err := f.office.Consult(ctx, civil, res.Code, onestop.ConsultRequest{Agency: police, Subject: "an ninh trật tự",
		Limit: calendar.Limit{N: 3, Unit: calendar.WorkingDays}, SilenceMeansConsent: true})
	if err != nil {
		t.Fatal(err)
	}
	asked, err := f.office.Consult(ctx, civil, res.Code, onestop.ConsultRequest{Agency: tax, Subject: "nghĩa vụ tài chính",
		Limit: calendar.Limit{N: 2, Unit: calendar.WorkingDays}})
	if err != nil {
		t.Fatal(err)
	}
	if !silent.Deadline.Equal(at(13, 9, 0)) {
		t.Errorf("deadline %v", silent.Deadline)
	}
	if _, err := f.office.Resolve(ctx, civil, res.Code, "GP-1"); !errors.Is(err, onestop.ErrConsultationPending) {
		t.Fatalf("result with pending consultations: %v", err)
	}
	if _, err := f.office.Answer(ctx, policeman, res.Code, asked.ID, true, ""); !errors.Is(err, onestop.ErrWrongActor) {
		t.Errorf("answer by the wrong agency: %v", err)
	}
	f.clock.Set(at(11, 9, 0))
	got, err := f.office.Answer(ctx, dossier.Actor{ID: "tax-1", Role: dossier.RoleOfficer, Agency: tax}, res.Code, asked.ID, true, "không phát sinh")
	if err != nil {
		t.Fatal(err)
	}
	if !got.Consent(at(11, 9, 0)) {
		t.Error("an agreement is not consent")
	}
	if _, err := f.office.Answer(ctx, dossier.Actor{ID: "tax-1", Role: dossier.RoleOfficer, Agency: tax}, res.Code, asked.ID, true, ""); !errors.Is(err, onestop.ErrAnswered) {
		t.Errorf("second answer: %v", err)
	}
	if _, err := f.office.Answer(ctx, civil, res.Code, 9, true, ""); !errors.Is(err, onestop.ErrUnknownConsultation) {
		t.Errorf("unknown consultation: %v", err)
	}
	if _, err := f.office.Resolve(ctx, civil, res.Code, "GP-1"); !errors.Is(err, onestop.ErrConsultationPending) {
		t.Fatalf("the police are silent but their deadline has not passed: %v", err)
	}
	f.clock.Set(at(13, 9, 1))
	if !silent.Consent(at(13, 9, 1)) || silent.Consent(at(13, 9, 0)) {
		t.Error("silence means consent only after the deadline")
	}
	if _, err := f.office.Resolve(ctx, civil, res.Code, "GP-1"); err != nil {
		t.Fatalf("after the deadline silence is consent: %v", err)
	}
}

// Decree 61/2018 Art. 19(8): refusal after appraisal, within the time limit, returned through
// the desk; the report counts it as resolved.
func TestRefusalAfterAppraisal(t *testing.T) {
	f := newFixture(t, at(10, 9, 0))
	code := startBusiness(t, f)
	if _, err := f.office.Refuse(ctx, civil, code, ""); !errors.Is(err, dossier.ErrRequired) {
		t.Errorf("refusal without reason: %v", err)
	}
	slip, err := f.office.Refuse(ctx, civil, code, "ngành nghề kinh doanh bị cấm")
	if err != nil {
		t.Fatal(err)
	}
	if slip.Intake || slip.Agency != desk {
		t.Errorf("slip %+v", slip)
	}
	if _, err := f.office.Return(ctx, clerk, code); err != nil {
		t.Fatal(err)
	}
	rep, _ := f.office.Report(ctx, at(9, 0, 0), at(16, 0, 0), onestop.ReportOptions{})
	if rep.Total.Resolved != 1 || rep.Total.Early != 1 {
		t.Errorf("report %+v", rep.Total)
	}
}

// Withdrawal (Circular 03/2025 form 05): the dossier closes and refuses further commands.
func TestWithdrawalClosesDossier(t *testing.T) {
	f := newFixture(t, at(10, 9, 0))
	code := startBusiness(t, f)
	st, err := f.office.Withdraw(ctx, citizen, code, "không có nhu cầu")
	if err != nil {
		t.Fatal(err)
	}
	if st.National != dossier.StatusWithdrawn {
		t.Errorf("status %d", st.National)
	}
	_, err = f.office.Handoff(ctx, civil, code)
	var ce *dossier.CodeError
	if !errors.Is(err, onestop.ErrClosed) || !errors.As(err, &ce) || ce.Code != code {
		t.Errorf("command on a withdrawn dossier: %v", err)
	}
	if !strings.Contains(onestop.Message(err, language.Vietnamese), "đã kết thúc") {
		t.Errorf("Vietnamese message: %s", onestop.Message(err, language.Vietnamese))
	}
	if err := f.office.Rate(ctx, citizen, code, onestop.Satisfied, false); !errors.Is(err, onestop.ErrNoResult) {
		t.Errorf("rating a withdrawn dossier: %v", err)
	}
}

// Decree 61/2018 Art. 17(3): anyone with the code sees the status, and nothing personal.
func TestLookup(t *testing.T) {
	f := newFixture(t, at(10, 9, 0))
	sub := birth()
	res := mustIntake(t, f, sub)
	if _, err := f.office.Transfer(ctx, clerk, res.Code); err != nil {
		t.Fatal(err)
	}
	st, err := f.office.Lookup(ctx, res.Code)
	if err != nil {
		t.Fatal(err)
	}
	const ubnd = "UBND đặc khu Vân Đồn" // the desk's name in the directory
	want := onestop.PublicView{Code: res.Code, Procedure: "1.001193", ProcedureName: "Thủ tục đăng ký khai sinh",
		State: dossier.Transferred, National: dossier.StatusReceived, Desk: desk, DeskName: ubnd, Agency: desk, AgencyName: ubnd,
		Holder: desk, HolderName: ubnd, Received: at(10, 9, 0), FirstDue: at(10, 17, 0), Due: at(10, 17, 0),
		Steps: []onestop.PublicStep{{ID: "1", Agency: desk, AgencyName: ubnd, Task: "decide", TaskName: "quyết định", Due: at(10, 17, 0)}},
		History: []onestop.PublicEvent{
			{At: at(10, 9, 0), Event: "open", State: dossier.Submitted, National: dossier.StatusSubmitted, Agency: desk, AgencyName: ubnd},
			{At: at(10, 9, 0), Event: "receive", State: dossier.Received, National: dossier.StatusReceived, Agency: desk, AgencyName: ubnd},
			{At: at(10, 9, 0), Event: "transfer", State: dossier.Transferred, National: dossier.StatusReceived, Agency: desk, AgencyName: ubnd},
		}}
	if diff := cmp.Diff(want, st); diff != "" {
		t.Errorf("status (-want +got):\n%s", diff)
	}
	text := fmt.Sprintf("%+v", st)
	for _, personal := range []string{sub.Applicant.Name, sub.Applicant.CitizenID, sub.Applicant.Address.Line, "clerk-1"} {
		if strings.Contains(text, personal) {
			t.Errorf("lookup shows %q", personal)
		}
	}
	f.clock.Set(at(10, 17, 1))
	if st, _ := f.office.Lookup(ctx, res.Code); !st.Overdue {
		t.Error("not overdue after the appointment")
	}
}

func TestLookupBadCodes(t *testing.T) {
	f := newFixture(t, at(10, 9, 0))
	for _, tc := range []struct {
		code string
		want error
	}{
		{"", onestop.ErrMalformedCode},
		{"abc", onestop.ErrMalformedCode},
		{desk + "-261310-0001", onestop.ErrMalformedCode},
		{desk + "-260310-00x1", onestop.ErrMalformedCode},
		{desk + "-260310-0001", onestop.ErrNotFound},
		{"000.00.31.h49-260310-0001", onestop.ErrNotFound}, // read in capitals, as a citizen may type it
	} {
		_, err := f.office.Lookup(ctx, tc.code)
		var ce *dossier.CodeError
		if !errors.Is(err, tc.want) || !errors.As(err, &ce) || ce.Code != tc.code {
			t.Errorf("Lookup(%q) = %v, want %v", tc.code, err, tc.want)
		}
		if vi := onestop.Message(err, language.Vietnamese); !strings.Contains(vi, "mã hồ sơ") {
			t.Errorf("Vietnamese message %q", vi)
		}
	}
}

// Bad input at every entry point is a typed error, never a panic or a half-made change.
func TestBadInput(t *testing.T) {
	f := newFixture(t, at(10, 9, 0))
	good := mustIntake(t, f, birth()).Code
	officerAtDesk := dossier.Actor{ID: "x", Role: dossier.RoleOfficer, Agency: desk}
	otherClerk := dossier.Actor{ID: "c2", Role: dossier.RoleClerk, Agency: other}
	intake := func(mod func(*onestop.Submission), actor dossier.Actor) error {
		s := birth()
		mod(&s)
		_, err := f.office.Intake(ctx, actor, s)
		return err
	}
	none := func(*onestop.Submission) {}
	tests := []struct {
		name string
		err  error
		want error
	}{
		{"unknown procedure", intake(func(s *onestop.Submission) { s.Procedure = "9.999999" }, clerk), onestop.ErrUnknownProcedure},
		{"malformed procedure code", intake(func(s *onestop.Submission) { s.Procedure = "birth" }, clerk), onestop.ErrUnknownProcedure},
		{"no procedure", intake(func(s *onestop.Submission) { s.Procedure = "" }, clerk), onestop.ErrRequired},
		{"unknown case", intake(func(s *onestop.Submission) { s.Case = "nope" }, clerk), onestop.ErrInvalid},
		{"bad channel", intake(func(s *onestop.Submission) { s.Channel = 9 }, clerk), onestop.ErrInvalid},
		{"bad competent agency", intake(func(s *onestop.Submission) { s.Competent = "UBND" }, clerk), onestop.ErrInvalid},
		{"no competent agency", intake(func(s *onestop.Submission) { s.Competent = "" }, clerk), onestop.ErrRequired},
		{"applicant without ID", intake(func(s *onestop.Submission) { s.Applicant.CitizenID = "" }, clerk), dossier.ErrRequired},
		{"future submission", intake(func(s *onestop.Submission) { s.Channel, s.Submitted = procedure.Online, at(11, 9, 0) }, clerk), onestop.ErrInvalid},
		{"officer at intake", intake(none, officerAtDesk), onestop.ErrWrongActor},
		{"clerk of another desk", intake(none, otherClerk), onestop.ErrWrongActor},
		{"applicant transfers", func() error { _, err := f.office.Transfer(ctx, citizen, good); return err }(), onestop.ErrWrongActor},
		{"clerk starts", func() error { _, err := f.office.Start(ctx, clerk, good); return err }(), onestop.ErrWrongActor},
		{"start before transfer", func() error { _, err := f.office.Start(ctx, civil, good); return err }(), dossier.ErrNotAllowed},
		{"transfer malformed", func() error { _, err := f.office.Transfer(ctx, clerk, "x"); return err }(), onestop.ErrMalformedCode},
		{"transfer unknown", func() error { _, err := f.office.Transfer(ctx, clerk, desk+"-260310-0099"); return err }(), onestop.ErrNotFound},
		{"return unknown", func() error { _, err := f.office.Return(ctx, clerk, desk+"-260310-0099"); return err }(), onestop.ErrNotFound},
		{"bad rating", func() error { return f.office.Rate(ctx, citizen, good, 9, false) }(), onestop.ErrInvalid},
		{"supplement without documents", func() error { _, err := f.office.RequestSupplement(ctx, civil, good, "r", nil); return err }(), onestop.ErrRequired},
		{"consult bad agency", func() error {
			_, err := f.office.Consult(ctx, civil, good, onestop.ConsultRequest{Agency: "x", Limit: calendar.Limit{N: 1, Unit: calendar.WorkingDays}})
			return err
		}(), onestop.ErrInvalid},
		{"consult no limit", func() error {
			_, err := f.office.Consult(ctx, civil, good, onestop.ConsultRequest{Agency: police})
			return err
		}(), onestop.ErrInvalid},
		{"consult before processing", func() error {
			_, err := f.office.Consult(ctx, civil, good, onestop.ConsultRequest{Agency: police, Limit: calendar.Limit{N: 1, Unit: calendar.WorkingDays}})
			return err
		}(), dossier.ErrNotAllowed},
		{"apology before processing", func() error { _, err := f.office.Apologise(ctx, civil, good, "r", at(12, 9, 0)); return err }(), dossier.ErrNotAllowed},
		{"withdraw by officer", func() error { _, err := f.office.Withdraw(ctx, civil, good, "r"); return err }(), onestop.ErrWrongActor},
	}
	for _, tc := range tests {
		if !errors.Is(tc.err, tc.want) {
			t.Errorf("%s: got %v, want %v", tc.name, tc.err, tc.want)
		}
		if tc.err != nil && onestop.Message(tc.err, language.Vietnamese) == "" {
			t.Errorf("%s: no Vietnamese message", tc.name)
		}
	}
	if got := events(t, f, good); len(got) != 2 {
		t.Errorf("bad input changed the dossier: %v", got)
	}
	// Closed dossiers refuse every command.
	if _, err := f.office.Withdraw(ctx, citizen, good, "r"); err != nil {
		t.Fatal(err)
	}
	for name, err := range map[string]error{
		"transfer": func() error { _, err := f.office.Transfer(ctx, clerk, good); return err }(),
		"return":   func() error { _, err := f.office.Return(ctx, clerk, good); return err }(),
		"withdraw": func() error { _, err := f.office.Withdraw(ctx, citizen, good, "again"); return err }(),
	} {
		if !errors.Is(err, onestop.ErrClosed) {
			t.Errorf("%s on a closed dossier: %v", name, err)
		}
	}
}

func TestNewValidatesConfig(t *testing.T) {
	cat := testCatalog(t)
	clock := onestop.NewFakeClock(at(10, 9, 0))
	for _, tc := range []struct {
		cfg   onestop.Config
		field string
	}{
		{onestop.Config{Desk: "x", Catalog: cat, Clock: clock}, "Config.Desk"},
		{onestop.Config{Desk: desk, Clock: clock}, "Config.Catalog"},
		{onestop.Config{Desk: desk, Catalog: cat}, "Config.Clock"},
	} {
		_, err := onestop.New(tc.cfg)
		var fe *onestop.FieldError
		if !errors.As(err, &fe) || fe.Field != tc.field {
			t.Errorf("New: %v, want a FieldError on %s", err, tc.field)
		}
	}
}

// A failing notifier does not undo the command; the error says so.
func TestNotifierFailure(t *testing.T) {
	boom := errors.New("SMS gateway down")
	o, err := onestop.New(onestop.Config{Desk: desk, Catalog: testCatalog(t), Clock: onestop.NewFakeClock(at(10, 9, 0)),
		Notifier: onestop.NotifierFunc(func(context.Context, onestop.Notice) error { return boom })})
	if err != nil {
		t.Fatal(err)
	}
	res, err := o.Intake(ctx, clerk, birth())
	var ne *onestop.NotifyError
	if !errors.Is(err, onestop.ErrNotDelivered) || !errors.Is(err, boom) || !errors.As(err, &ne) {
		t.Fatalf("got %v", err)
	}
	if res.Decision != onestop.DecisionReceive || res.Code == "" {
		t.Fatalf("the intake did not take effect: %+v", res)
	}
	if _, err := o.Lookup(ctx, res.Code); err != nil {
		t.Fatal(err)
	}
	if _, err := o.Transfer(ctx, clerk, res.Code); !errors.Is(err, onestop.ErrNotDelivered) {
		t.Fatalf("transfer: %v", err)
	}
	if st, _ := o.Lookup(ctx, res.Code); st.State != dossier.Transferred {
		t.Errorf("state %v after a transfer with a failed notice", st.State)
	}
}

// Circular 01/2018 Art. 4: a published group is received as one dossier led by its first
// member, with every member's documents, due when its slowest member is, and routed by the
// group's route.
func TestIntakeGroup(t *testing.T) {
	f := newFixture(t, at(10, 9, 0))
	sub := birth()
	sub.Procedure, sub.Group = "", "khai-sinh-thuong-tru"
	res, err := f.office.Intake(ctx, clerk, sub)
	if err != nil {
		t.Fatal(err)
	}
	if res.Decision != onestop.DecisionSupplement || len(res.Missing) != 1 || res.Missing[0] != "Tờ khai thay đổi thông tin cư trú" {
		t.Fatalf("group without the residence form: %v %v", res.Decision, res.Missing)
	}
	sub.Documents = append(sub.Documents, "Tờ khai thay đổi thông tin cư trú")
	res = mustIntake(t, f, sub)
	if want := at(19, 9, 0); !res.Due.Equal(want) { // 7 working days for the residence
		t.Errorf("due %v, want %v", res.Due, want)
	}
	if len(res.Transfer) != 5 || res.Transfer[2].Agency != police {
		t.Errorf("route %+v", res.Transfer)
	}
	st, _ := f.office.Lookup(ctx, res.Code)
	if st.Procedure != "1.001193" || !strings.Contains(st.ProcedureName, "Liên thông") {
		t.Errorf("status %s %s", st.Procedure, st.ProcedureName)
	}
	for _, bad := range []onestop.Submission{
		{Group: "nope", Channel: procedure.Counter, Applicant: person("A"), Competent: desk},
		{Group: "khai-sinh-thuong-tru", Procedure: "1.004222", Channel: procedure.Counter, Applicant: person("A"), Competent: desk},
	} {
		if _, err := f.office.Intake(ctx, clerk, bad); err == nil {
			t.Errorf("bad group submission %+v accepted", bad)
		}
	}
}

// Silence means consent where the route says so: the construction permit route declares the
// consultation of the construction department (12 days, silence = consent, §5.5 of the
// domain notes), and Consult takes it from the route; the request's values count only with
// Override.
func TestConsultationFromRoute(t *testing.T) {
	const dept = "000.00.06.H49" // Sở Xây dựng tỉnh Quảng Ninh (sample directory)
	f := newFixture(t, at(10, 9, 0))
	res := mustIntake(t, f, onestop.Submission{Procedure: "1.013225", Channel: procedure.Counter, Applicant: person("Lê Văn Cường"),
		Competent: desk, Documents: []string{"Đơn đề nghị cấp giấy phép xây dựng", "Bản vẽ thiết kế xây dựng"}})
	var tasks []string
	for _, st := range res.Transfer {
		tasks = append(tasks, st.Agency+" "+st.Task)
	}
	wantTasks := []string{desk + " receive", desk + " verify", dept + " consult", desk + " decide", desk + " return"}
	if diff := cmp.Diff(wantTasks, tasks); diff != "" {
		t.Fatalf("route (-want +got):\n%s", diff)
	}
	if _, err := f.office.Transfer(ctx, clerk, res.Code); err != nil {
		t.Fatal(err)
	}
	if _, err := f.office.Start(ctx, civil, res.Code); err != nil {
		t.Fatal(err)
	}
	// The request says 3 working days and no silence rule: the route's declaration wins.
	c, err := f.office.Consult(ctx, civil, res.Code, onestop.ConsultRequest{Agency: dept, Subject: "quy hoạch",
		Limit: calendar.Limit{N: 3, Unit: calendar.WorkingDays}})
	if err != nil {
		t.Fatal(err)
	}
	want := onestop.Consultation{ID: 1, By: desk, Agency: dept, Subject: "quy hoạch", Asked: at(10, 9, 0),
		Deadline: at(23, 17, 0), SilenceMeansConsent: true} // 12 calendar days: Sun 22 → Mon 23 at closing time
	if diff := cmp.Diff(want, c); diff != "" {
		t.Errorf("consultation from the route (-want +got):\n%s", diff)
	}
	// No limit at all: the route gives it.
	if c, err := f.office.Consult(ctx, civil, res.Code, onestop.ConsultRequest{Agency: dept}); err != nil || !c.SilenceMeansConsent || !c.Deadline.Equal(at(23, 17, 0)) {
		t.Errorf("consultation without a limit: %+v, %v", c, err)
	}
	// An explicit override replaces the route's values.
	c, err = f.office.Consult(ctx, civil, res.Code, onestop.ConsultRequest{Agency: dept, Override: true,
		Limit: calendar.Limit{N: 2, Unit: calendar.WorkingDays}})
	if err != nil || c.SilenceMeansConsent || !c.Deadline.Equal(at(12, 9, 0)) {
		t.Errorf("override: %+v, %v", c, err)
	}
	if _, err := f.office.Consult(ctx, civil, res.Code, onestop.ConsultRequest{Agency: dept, Override: true}); !errors.Is(err, onestop.ErrInvalid) {
		t.Errorf("override without a limit: %v, want ErrInvalid", err)
	}
	// An agency the route does not consult: the request must say everything.
	if _, err := f.office.Consult(ctx, civil, res.Code, onestop.ConsultRequest{Agency: tax}); !errors.Is(err, onestop.ErrInvalid) {
		t.Errorf("agency without a declaration and without a limit: %v, want ErrInvalid", err)
	}
}
