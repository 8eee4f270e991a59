package dossier

// Scenario tests of issue 11: Decree 118/2025 from its text, one per article, under both
// regimes where they differ, each ending with Replay equal to the live dossier.

import (
	"context"
	"encoding/json"
	"errors"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/motcua-go/motcua/calendar"
	"github.com/motcua-go/motcua/procedure"
	"golang.org/x/text/language"
)

var fiveDays = calendar.Limit{N: 5, Unit: calendar.WorkingDays}

// replayEqual checks that Replay of the log and a JSON round trip of the dossier give the
// live dossier back.
func replayEqual(t *testing.T, d *Dossier) {
	t.Helper()
	got, err := d.Rules.Replay(d.Events)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(d, got); diff != "" {
		t.Fatalf("replay differs (-live +replay):\n%s", diff)
	}
	b, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	back := Dossier{Rules: d.Rules}
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(d, &back); diff != "" {
		t.Fatalf("JSON round trip differs:\n%s", diff)
	}
}

// openOnline opens an online dossier received by the province system at sys, acknowledged
// by the portal at ack.
func openOnline(t *testing.T, r *Rules, ack, sys time.Time) *Dossier {
	t.Helper()
	in := testIntake(procedure.Online, fiveDays)
	in.Submitted = ack
	d, err := r.Open(in, citizen, sys)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func receiveNow(t *testing.T, d *Dossier, now time.Time) {
	t.Helper()
	c := codeAt(now, 1)
	c.Unit = d.CodeUnit(now)
	mustApply(t, d, Command{Kind: Receive, Actor: clerk, Code: c}, now)
}

// Decree 118/2025 Art. 17(2)–(3): three instants kept apart; the desk answers within 8
// working hours of the system's receipt; the time limit runs from the official acceptance.
// Decree 61 had no hour limit.
func TestIssue11OnlineAcceptance(t *testing.T) {
	r := testRules()
	t.Run("Decree 118", func(t *testing.T) {
		d := openOnline(t, r, at("2025-07-08 15:55"), at("2025-07-08 16:00"))
		if got, want := d.AcceptanceDue(), at("2025-07-09 16:00"); !got.Equal(want) {
			t.Fatalf("AcceptanceDue = %v, want %v (8 working hours)", got, want)
		}
		receiveNow(t, d, at("2025-07-09 10:00"))
		got := []time.Time{d.Submitted, d.SystemReceived(), d.Received, d.Deadline.Due, d.AcceptanceDue()}
		want := []time.Time{at("2025-07-08 15:55"), at("2025-07-08 16:00"), at("2025-07-09 10:00"),
			at("2025-07-16 10:00"), {}}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("submitted, system receipt, acceptance, due, acceptance due (-want +got):\n%s", diff)
		}
		replayEqual(t, d)
	})
	t.Run("Decree 118, corrections asked: counted again from the resubmission", func(t *testing.T) {
		d := openOnline(t, r, at("2025-07-08 15:55"), at("2025-07-08 16:00"))
		mustApply(t, d, Command{Kind: RequestIntakeSupplement, Actor: clerk, Reason: "Thiếu giấy chứng sinh"}, at("2025-07-09 09:00"))
		if !d.AcceptanceDue().IsZero() {
			t.Fatal("a dossier sent back for corrections still waits for acceptance")
		}
		mustApply(t, d, Command{Kind: Resubmit, Actor: citizen}, at("2025-07-10 14:00"))
		if got, want := d.AcceptanceDue(), at("2025-07-11 14:00"); !got.Equal(want) {
			t.Fatalf("AcceptanceDue = %v, want %v", got, want)
		}
		replayEqual(t, d)
	})
	t.Run("Decree 118, not within the desk's competence: where to send it", func(t *testing.T) {
		d := openOnline(t, r, at("2025-07-08 15:55"), at("2025-07-08 16:00"))
		mustApply(t, d, Command{Kind: RefuseIntake, Actor: clerk, Reason: "Không thuộc thẩm quyền",
			Redirect: "UBND phường Bãi Cháy (000.00.15.H49)"}, at("2025-07-09 08:00"))
		slip, err := d.RefusalSlip()
		if err != nil {
			t.Fatal(err)
		}
		if slip.Redirect == "" || !strings.Contains(slip.Text(), "Đề nghị gửi hồ sơ đến: UBND phường Bãi Cháy") {
			t.Fatalf("refusal slip:\n%s", slip.Text())
		}
		replayEqual(t, d)
	})
	for _, c := range []struct{ name, sys string }{
		{"Decree 61: no hour limit", "2025-03-04 16:00"},
		{"transition: received by the system on 2025-06-30 16:00", "2025-06-30 16:00"},
	} {
		t.Run(c.name, func(t *testing.T) {
			d := openOnline(t, r, at(c.sys), at(c.sys))
			if got := d.AcceptanceDue(); !got.IsZero() {
				t.Fatalf("AcceptanceDue = %v under Decree 61", got)
			}
		})
	}
	t.Run("paper dossiers are accepted at the desk", func(t *testing.T) {
		d, err := r.Open(testIntake(procedure.Counter, fiveDays), clerk, at("2025-07-08 16:00"))
		if err != nil {
			t.Fatal(err)
		}
		if !d.AcceptanceDue().IsZero() {
			t.Fatal("a counter dossier has an acceptance deadline")
		}
	})
}

// Decree 118/2025 Art. 19(5): 15 days after the supplement notice without completion, the
// desk closes the dossier; Decree 61 closes nothing.
func TestIssue11CloseAfterSupplement(t *testing.T) {
	r := testRules()
	t.Run("Decree 118", func(t *testing.T) {
		d := inProcess(t, r, at("2025-07-01 09:10"))
		mustApply(t, d, Command{Kind: RequestSupplement, Actor: officerA, Reason: "Thiếu bản sao"}, at("2025-07-01 10:00"))
		// 15 calendar days from Tue 1 July: Wed 16 July, at closing time.
		if got, want := d.CloseDue(), at("2025-07-16 17:00"); !got.Equal(want) {
			t.Fatalf("CloseDue = %v, want %v", got, want)
		}
		err := applyChecked(t, d, Command{Kind: Close, Actor: clerk}, at("2025-07-16 16:59"))
		wantErr(t, err, ErrCloseEarly, at("2025-07-16 17:00"))
		if err := applyChecked(t, d, Command{Kind: Close, Actor: officerA}, at("2025-07-16 17:00")); !errors.Is(err, ErrForbidden) {
			t.Fatalf("closing by an officer: %v", err)
		}
		mustApply(t, d, Command{Kind: Close, Actor: clerk}, at("2025-07-16 17:00"))
		later := at("2025-09-01 09:00")
		got := []any{d.State, d.State.Status(), d.State.Terminal(), d.Overdue(later), d.Resolution.At, d.CloseDue().IsZero()}
		want := []any{Closed, StatusStopped, true, false, at("2025-07-16 17:00"), true}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("state, status, terminal, overdue, resolution, close due (-want +got):\n%s", diff)
		}
		if err := applyChecked(t, d, Command{Kind: Supplement, Actor: citizen}, later); !errors.Is(err, ErrNotAllowed) {
			t.Fatalf("supplement after closing: %v", err)
		}
		replayEqual(t, d)
	})
	t.Run("Decree 118, a sector law's period in working days", func(t *testing.T) {
		r := rulesWith(t, func(p *Policy) { p.CloseAfter = calendar.Limit{N: 10, Unit: calendar.WorkingDays} })
		d := inProcess(t, r, at("2025-07-01 09:10"))
		mustApply(t, d, Command{Kind: RequestSupplement, Actor: officerA, Reason: "Thiếu bản sao"}, at("2025-07-01 10:00"))
		if got, want := d.CloseDue(), at("2025-07-15 10:00"); !got.Equal(want) {
			t.Fatalf("CloseDue = %v, want %v", got, want)
		}
	})
	t.Run("Decree 61", func(t *testing.T) {
		d := inProcess(t, r, at("2025-03-04 09:10"))
		mustApply(t, d, Command{Kind: RequestSupplement, Actor: officerA, Reason: "Thiếu bản sao"}, at("2025-03-04 10:00"))
		if !d.CloseDue().IsZero() {
			t.Fatal("Decree 61 has a closing date")
		}
		err := applyChecked(t, d, Command{Kind: Close, Actor: clerk}, at("2025-05-01 09:00"))
		wantErr(t, err, ErrNotProvided, time.Time{})
	})
}

// Decree 118/2025 Art. 12(5): the agency notifies the reason with an apology and a new
// appointment, with no lead time and no count; every appointment is kept and Decision 766
// still judges by the first. Decree 61 Art. 19(9) keeps both limits.
func TestIssue11LateResults(t *testing.T) {
	r := testRules()
	t.Run("Decree 118", func(t *testing.T) {
		d := inProcess(t, r, at("2025-07-01 09:10")) // due Tue 8 July 09:10
		if !d.ApologyDue().IsZero() || !d.MayReappoint() {
			t.Fatalf("ApologyDue %v, MayReappoint %v", d.ApologyDue(), d.MayReappoint())
		}
		for i, c := range []struct{ at, due string }{
			{"2025-07-08 08:00", "2025-07-11 17:00"}, // on the due day
			{"2025-07-14 09:00", "2025-07-18 17:00"}, // after the due time, a second one
			{"2025-07-18 16:00", "2025-07-25 17:00"}, // and a third
		} {
			mustApply(t, d, Command{Kind: Apologise, Actor: officerA, Reason: "Chờ xác minh lần " + itoa(i+1), Due: at(c.due)}, at(c.at))
		}
		var dues []time.Time
		for _, h := range d.Deadline.History {
			dues = append(dues, h.Due)
		}
		want := []time.Time{at("2025-07-08 09:10"), at("2025-07-11 17:00"), at("2025-07-18 17:00"), at("2025-07-25 17:00")}
		if diff := cmp.Diff(want, dues); diff != "" || d.Deadline.Reappointments != 3 {
			t.Fatalf("history (-want +got):\n%s reappointments %d", diff, d.Deadline.Reappointments)
		}
		mustApply(t, d, Command{Kind: Handoff, Actor: officerA}, at("2025-07-21 09:00"))
		mustApply(t, d, Command{Kind: Resolve, Actor: officerB}, at("2025-07-21 10:00"))
		if d.Overdue(at("2025-08-01 09:00")) || !d.Late766(at("2025-08-01 09:00")) {
			t.Fatal("on time by the last appointment, late by the first (Decision 766)")
		}
		slip, err := d.ApologySlip()
		if err != nil || !slip.OldDue.Equal(at("2025-07-18 17:00")) || !slip.NewDue.Equal(at("2025-07-25 17:00")) {
			t.Fatalf("apology slip %+v %v", slip, err)
		}
		replayEqual(t, d)
	})
	t.Run("Decree 118 with Decree 61's limits as options", func(t *testing.T) {
		r := rulesWith(t, func(p *Policy) { p.ApologyLead, p.MaxReappointments = 1, 1 })
		d := inProcess(t, r, at("2025-07-01 09:10"))
		err := applyChecked(t, d, Command{Kind: Apologise, Actor: officerA, Reason: "Chờ", Due: at("2025-07-11 17:00")}, at("2025-07-08 08:00"))
		wantErr(t, err, ErrApologyLate, at("2025-07-07 17:00"))
	})
	t.Run("Decree 61", func(t *testing.T) {
		d := inProcess(t, r, at("2025-03-04 09:10")) // due Tue 11 March 09:10
		if got := d.ApologyDue(); !got.Equal(at("2025-03-10 17:00")) {
			t.Fatalf("ApologyDue = %v", got)
		}
		mustApply(t, d, Command{Kind: Apologise, Actor: officerA, Reason: "Chờ", Due: at("2025-03-14 17:00")}, at("2025-03-06 09:00"))
		if d.MayReappoint() {
			t.Fatal("Decree 61 allows a second appointment")
		}
		err := applyChecked(t, d, Command{Kind: Apologise, Actor: officerA, Reason: "Chờ", Due: at("2025-03-20 17:00")}, at("2025-03-07 09:00"))
		wantErr(t, err, ErrReappointed, time.Time{})
	})
}

// Decree 118/2025 Art. 21: the applicant may stop the procedure from the receipt until the
// decision, on every channel (form 05); an online applicant may amend the dossier in the same
// window, logged, the clock running unless the policy restarts it.
func TestIssue11StopAndAmend(t *testing.T) {
	r := testRules()
	for _, ch := range []procedure.Channel{procedure.Counter, procedure.Postal, procedure.Online} {
		t.Run("stop, "+ch.String(), func(t *testing.T) {
			d := receivedAt(t, r, ch, fiveDays, at("2025-07-01 09:10"))
			mustApply(t, d, Command{Kind: Transfer, Actor: clerk}, at("2025-07-01 10:00"))
			mustApply(t, d, Command{Kind: Withdraw, Actor: citizen, Reason: "Không còn nhu cầu"}, at("2025-07-02 09:00"))
			slip, err := d.StopSlip()
			if err != nil {
				t.Fatal(err)
			}
			want := StopSlip{Header: d.header(), Channel: ch, At: at("2025-07-02 09:00"), Stage: Transferred,
				Reason: "Không còn nhu cầu", Received: at("2025-07-01 09:10")}
			if diff := cmp.Diff(want, slip); diff != "" {
				t.Fatal(diff)
			}
			text := slip.Text()
			for _, s := range []string{"THÔNG BÁO DỪNG THỰC HIỆN THỦ TỤC HÀNH CHÍNH", "Giai đoạn: đã chuyển xử lý", "Lý do: Không còn nhu cầu"} {
				if !strings.Contains(text, s) {
					t.Errorf("slip lacks %q:\n%s", s, text)
				}
			}
			replayEqual(t, d)
		})
	}
	t.Run("no stop after the decision", func(t *testing.T) {
		d := dossierIn(t, Resolved)
		if err := applyChecked(t, d, Command{Kind: Withdraw, Actor: citizen}, at("2025-03-05 09:00")); !errors.Is(err, ErrNotAllowed) {
			t.Fatalf("stop after the result: %v", err)
		}
		if _, err := d.StopSlip(); !errors.Is(err, ErrNoSlip) {
			t.Fatalf("stop slip of a resolved dossier: %v", err)
		}
	})
	amend := Command{Kind: Amend, Actor: citizen, Reason: "Sửa họ tên cha trong tờ khai", Attachments: []string{"Tờ khai đã sửa"}}
	t.Run("amend online, clock running", func(t *testing.T) {
		d := inProcess(t, r, at("2025-07-01 09:10"))
		due := d.Deadline.Due
		mustApply(t, d, amend, at("2025-07-03 09:00"))
		ev := d.Events[len(d.Events)-1]
		if d.State != InProcess || !d.Deadline.Due.Equal(due) || ev.Command != Amend || ev.Reason != amend.Reason || len(ev.Attachments) != 1 {
			t.Fatalf("state %v due %v event %+v", d.State, d.Deadline.Due, ev)
		}
		replayEqual(t, d)
	})
	t.Run("amend online, clock restarted by policy", func(t *testing.T) {
		r := rulesWith(t, func(p *Policy) { p.AfterAmendment = Restart })
		d := inProcess(t, r, at("2025-07-01 09:10"))
		mustApply(t, d, amend, at("2025-07-03 09:00"))
		if want := at("2025-07-10 09:00"); !d.Deadline.Due.Equal(want) || d.Deadline.History[len(d.Deadline.History)-1].Cause != Amend {
			t.Fatalf("due %v (%v), want %v restarted", d.Deadline.Due, d.Deadline.History, want)
		}
		if !d.Steps[1].Due.Equal(d.Deadline.Due) {
			t.Errorf("the last step's due %v moved apart from the dossier's %v", d.Steps[1].Due, d.Deadline.Due)
		}
		if u := d.Used(at("2025-07-03 09:00")); u != 0 {
			t.Errorf("Used right after the restart = %v", u)
		}
		replayEqual(t, d)
	})
	for _, c := range []struct {
		name  string
		d     func() *Dossier
		cmd   Command
		want  error
		state State
	}{
		{"amend a counter dossier", func() *Dossier { return receivedAt(t, r, procedure.Counter, fiveDays, at("2025-07-01 09:10")) }, amend, ErrNotOnline, Received},
		{"amend under Decree 61", func() *Dossier { return inProcess(t, r, at("2025-03-04 09:10")) }, amend, ErrNotProvided, InProcess},
		{"amend without saying what", func() *Dossier { return inProcess(t, r, at("2025-07-01 09:10")) }, Command{Kind: Amend, Actor: citizen, Reason: "\u3000"}, ErrRequired, InProcess},
		{"amend by the clerk", func() *Dossier { return inProcess(t, r, at("2025-07-01 09:10")) }, Command{Kind: Amend, Actor: clerk, Reason: "x"}, ErrForbidden, InProcess},
	} {
		t.Run(c.name, func(t *testing.T) {
			d := c.d()
			err := applyChecked(t, d, c.cmd, at("2025-07-03 09:00").Add(time.Duration(d.Received.Year()-2025)*time.Hour))
			if !errors.Is(err, c.want) || d.State != c.state {
				t.Fatalf("err = %v, state %v", err, d.State)
			}
		})
	}
}

// Decree 118/2025 Art. 23(1): a wrong result goes back to the agency, which returns it
// corrected within 3 working days; recorded so that reports count it.
func TestIssue11WrongResult(t *testing.T) {
	resolved := func(t *testing.T, r *Rules, when string) *Dossier {
		d := inProcess(t, r, at(when))
		mustApply(t, d, Command{Kind: Handoff, Actor: officerA}, at(when).Add(time.Hour))
		mustApply(t, d, Command{Kind: Resolve, Actor: officerB, Reference: "12/GKS"}, at(when).Add(2*time.Hour))
		return d
	}
	t.Run("Decree 118", func(t *testing.T) {
		d := resolved(t, testRules(), "2025-07-01 09:10")
		first := d.Resolution.At
		err := applyChecked(t, d, Command{Kind: SendForCorrection, Actor: clerk, Reason: " \u202f"}, at("2025-07-02 09:00"))
		wantErr(t, err, ErrRequired, time.Time{})
		mustApply(t, d, Command{Kind: SendForCorrection, Actor: clerk, Reason: "Sai ngày sinh"}, at("2025-07-02 09:00"))
		if d.State != Correction || d.State.Status() != StatusInProcess {
			t.Fatalf("state %v", d.State)
		}
		if got, want := d.CorrectionDue(), at("2025-07-07 09:00"); !got.Equal(want) {
			t.Fatalf("CorrectionDue = %v, want %v", got, want)
		}
		if err := applyChecked(t, d, Command{Kind: Correct, Actor: officerA}, at("2025-07-03 09:00")); !errors.Is(err, ErrWrongAgency) {
			t.Fatalf("correction by another agency: %v", err)
		}
		mustApply(t, d, Command{Kind: Correct, Actor: officerB, Reference: "12/GKS-ĐC"}, at("2025-07-03 09:00"))
		got := []any{d.State, d.Resolution.At, d.Resolution.Corrected, d.Resolution.Reference}
		want := []any{Resolved, first, at("2025-07-03 09:00"), "12/GKS-ĐC"}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatal(diff)
		}
		// A second error, corrected late.
		mustApply(t, d, Command{Kind: SendForCorrection, Actor: clerk, Reason: "Sai tên mẹ"}, at("2025-07-04 09:00"))
		mustApply(t, d, Command{Kind: Correct, Actor: officerB}, at("2025-07-10 09:00"))
		if sent, late := d.Corrections(); sent != 2 || late != 1 {
			t.Fatalf("Corrections = %d, %d late; want 2, 1 late", sent, late)
		}
		mustApply(t, d, Command{Kind: Return, Actor: clerk}, at("2025-07-10 10:00"))
		replayEqual(t, d)
	})
	t.Run("Decree 61: no time set", func(t *testing.T) {
		d := resolved(t, testRules(), "2025-03-04 09:10")
		mustApply(t, d, Command{Kind: SendForCorrection, Actor: clerk, Reason: "Sai ngày sinh"}, at("2025-03-05 09:00"))
		if !d.CorrectionDue().IsZero() {
			t.Fatal("Decree 61 has a correction deadline")
		}
		mustApply(t, d, Command{Kind: Correct, Actor: officerB}, at("2025-03-20 09:00"))
		if sent, late := d.Corrections(); sent != 1 || late != 0 {
			t.Fatalf("Corrections = %d, %d", sent, late)
		}
		replayEqual(t, d)
	})
}

// Decree 118/2025 Art. 5(1)(i), 17(1)(b): a document the applicant's data already hold is not
// asked for again, except to verify it.
func TestIssue11OnceOnly(t *testing.T) {
	open := func(t *testing.T, when string) *Dossier {
		in := testIntake(procedure.Online, fiveDays)
		in.Electronic = []string{"Giấy chứng sinh"}
		d, err := testRules().Open(in, citizen, at(when))
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	ask := func(kind CommandKind, by Actor, verify bool) Command {
		return Command{Kind: kind, Actor: by, Reason: "Bổ sung", Attachments: []string{"Tờ khai", " giấy CHỨNG SINH "}, Verification: verify}
	}
	t.Run("Decree 118, at intake and during processing", func(t *testing.T) {
		d := open(t, "2025-07-01 09:00")
		err := applyChecked(t, d, ask(RequestIntakeSupplement, clerk, false), at("2025-07-01 10:00"))
		var re *RuleError
		var fe *FieldError
		if !errors.Is(err, ErrOnceOnly) || !errors.As(err, &re) || !errors.As(err, &fe) || fe.Field != "attachments[1]" {
			t.Fatalf("err = %#v", err)
		}
		if got := err.(*RuleError).Message(vi); !strings.Contains(got, "giấy tờ kèm theo thứ 2") || !strings.Contains(got, "Nghị định 118/2025, Điều 5(1)(i)") {
			t.Errorf("Vietnamese: %q", got)
		}
		receiveNow(t, d, at("2025-07-01 10:00"))
		mustApply(t, d, Command{Kind: Transfer, Actor: clerk}, at("2025-07-01 10:00"))
		mustApply(t, d, Command{Kind: Start, Actor: officerA}, at("2025-07-01 10:30"))
		err = applyChecked(t, d, ask(RequestSupplement, officerA, false), at("2025-07-01 11:00"))
		if !errors.Is(err, ErrOnceOnly) {
			t.Fatalf("err = %v", err)
		}
		mustApply(t, d, ask(RequestSupplement, officerA, true), at("2025-07-01 11:00"))
		if ev := d.Events[len(d.Events)-1]; !ev.Verification {
			t.Fatal("the verification is not recorded")
		}
		replayEqual(t, d)
	})
	t.Run("Decree 61", func(t *testing.T) {
		d := open(t, "2025-03-04 09:00")
		mustApply(t, d, ask(RequestIntakeSupplement, clerk, false), at("2025-03-04 10:00"))
	})
}

// Decree 118/2025 Art. 28: the code opens with the competent agency's identifier (for a group,
// the desk's on paper, the National Portal's online), the daily sequence per identifier.
func TestIssue11CodeUnit(t *testing.T) {
	const portal = "000.00.00.G22"
	art28 := rulesWith(t, func(p *Policy) { p.CodeUnit, p.PortalUnit = CompetentUnit, portal })
	noPortal := rulesWith(t, func(p *Policy) { p.CodeUnit, p.PortalUnit = CompetentUnit, "" })
	cases := []struct {
		name  string
		rules *Rules
		ch    procedure.Channel
		group string
		when  string
		want  string
	}{
		{"Decree 118 default: the competent agency", testRules(), procedure.Counter, "", "2025-07-01 09:00", agencyA},
		{"Decree 61 default: the receiving desk", testRules(), procedure.Counter, "", "2025-06-30 16:00", desk},
		{"Circular 01 kept by policy", rulesWith(t, func(p *Policy) { p.CodeUnit = ReceivingUnit }), procedure.Counter, "", "2025-07-01 09:00", desk},
		{"Art. 28: the competent agency", art28, procedure.Counter, "", "2025-07-01 09:00", agencyA},
		{"Art. 28: a group on paper, the desk", art28, procedure.Counter, "khai-sinh", "2025-07-01 09:00", desk},
		{"Art. 28: a group online, the portal", art28, procedure.Online, "khai-sinh", "2025-07-01 09:00", portal},
		{"Decree 118 default: a group online, the default portal", testRules(), procedure.Online, "khai-sinh", "2025-07-01 09:00", DefaultPortalUnit},
		{"Decree 61 default: a group online, the desk", testRules(), procedure.Online, "khai-sinh", "2025-06-30 16:00", desk},
		{"Art. 28: a group online, portal unknown, the desk", noPortal, procedure.Online, "khai-sinh", "2025-07-01 09:00", desk},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := testIntake(c.ch, fiveDays)
			in.Group = c.group
			d, err := c.rules.Open(in, clerk, at(c.when))
			if err != nil {
				t.Fatal(err)
			}
			if got := d.CodeUnit(at(c.when)); got != c.want {
				t.Fatalf("CodeUnit = %q, want %q", got, c.want)
			}
			seq := &memSeq{}
			code, err := c.rules.IssueCode(context.Background(), seq, d.CodeUnit(at(c.when)), at(c.when))
			if err != nil {
				t.Fatal(err)
			}
			if c.want != desk {
				bad := code
				bad.Unit = desk
				if err := applyChecked(t, d, Command{Kind: Receive, Actor: clerk, Code: bad}, at(c.when)); !errors.Is(err, ErrInvalid) {
					t.Fatalf("a code of the desk: %v", err)
				}
			}
			mustApply(t, d, Command{Kind: Receive, Actor: clerk, Code: code}, at(c.when))
			replayEqual(t, d)
		})
	}
	t.Run("two desks receiving for one agency on one day", func(t *testing.T) {
		seq := &memSeq{}
		var codes []string
		for _, deskCode := range []string{desk, "000.00.31.H49"} {
			in := testIntake(procedure.Counter, fiveDays)
			in.Desk = deskCode
			d, err := art28.Open(in, clerk, at("2025-07-01 09:00"))
			if err != nil {
				t.Fatal(err)
			}
			c, err := art28.IssueCode(context.Background(), seq, d.CodeUnit(at("2025-07-01 09:00")), at("2025-07-01 09:00"))
			if err != nil {
				t.Fatal(err)
			}
			codes = append(codes, c.String())
		}
		if diff := cmp.Diff([]string{"000.00.12.H49-250701-0001", "000.00.12.H49-250701-0002"}, codes); diff != "" {
			t.Fatal(diff)
		}
	})
}

// A dossier received on 2025-06-30 at 16:00 keeps Decree 61's rules to its end, although
// everything after its receipt happens under Decree 118.
func TestIssue11Transition(t *testing.T) {
	r := testRules()
	in := testIntake(procedure.Online, fiveDays)
	in.Electronic = []string{"Giấy chứng sinh"}
	d, err := r.Open(in, citizen, at("2025-06-30 15:00"))
	if err != nil {
		t.Fatal(err)
	}
	if d.CodeUnit(at("2025-06-30 16:00")) != desk {
		t.Fatal("a Decree 61 code with the agency's identifier")
	}
	receiveNow(t, d, at("2025-06-30 16:00")) // due Mon 7 July 16:00
	if d.Regime != Decree61 {
		t.Fatalf("regime %v", d.Regime)
	}
	mustApply(t, d, Command{Kind: Transfer, Actor: clerk}, at("2025-07-01 08:00"))
	mustApply(t, d, Command{Kind: Start, Actor: officerA}, at("2025-07-01 08:30"))
	// No amendment under Decree 61; no once-only rule.
	err = applyChecked(t, d, Command{Kind: Amend, Actor: citizen, Reason: "Sửa"}, at("2025-07-01 09:00"))
	wantErr(t, err, ErrNotProvided, time.Time{})
	mustApply(t, d, Command{Kind: RequestSupplement, Actor: officerA, Reason: "Bổ sung", Attachments: []string{"Giấy chứng sinh"}}, at("2025-07-01 09:00"))
	if !d.CloseDue().IsZero() {
		t.Fatal("a closing date under Decree 61")
	}
	err = applyChecked(t, d, Command{Kind: Close, Actor: clerk}, at("2025-08-01 09:00"))
	wantErr(t, err, ErrNotProvided, time.Time{})
	mustApply(t, d, Command{Kind: Supplement, Actor: citizen}, at("2025-07-02 09:00")) // due restarted: Wed 9 July 09:00
	// The apology one working day ahead, once.
	err = applyChecked(t, d, Command{Kind: Apologise, Actor: officerA, Reason: "Chờ", Due: at("2025-07-15 17:00")}, at("2025-07-09 08:00"))
	wantErr(t, err, ErrApologyLate, at("2025-07-08 17:00"))
	mustApply(t, d, Command{Kind: Apologise, Actor: officerA, Reason: "Chờ", Due: at("2025-07-15 17:00")}, at("2025-07-08 16:00"))
	err = applyChecked(t, d, Command{Kind: Apologise, Actor: officerA, Reason: "Chờ nữa", Due: at("2025-07-20 17:00")}, at("2025-07-09 09:00"))
	wantErr(t, err, ErrReappointed, time.Time{})
	mustApply(t, d, Command{Kind: Resolve, Actor: officerA}, at("2025-07-10 09:00"))
	mustApply(t, d, Command{Kind: SendForCorrection, Actor: clerk, Reason: "Sai"}, at("2025-07-10 10:00"))
	if !d.CorrectionDue().IsZero() {
		t.Fatal("a correction deadline under Decree 61")
	}
	mustApply(t, d, Command{Kind: Correct, Actor: officerA}, at("2025-07-20 10:00"))
	mustApply(t, d, Command{Kind: Return, Actor: clerk}, at("2025-07-21 10:00"))
	replayEqual(t, d)
}

// Issue 9 fixed ASCII white space; a reason, a name or a document made of any Unicode space
// or invisible character is blank too, under both regimes, for every command that needs a
// reason.
func TestIssue11UnicodeBlank(t *testing.T) {
	blanks := []string{"\u00a0", "\u2007", "\u202f", "\u3000", " \u00a0\t\n\u2007\u202f\u3000", "\u2002\u2003\u2009\u200a",
		"\u205f\u1680", "\u2028\u2029", "\u200b", "\ufeff\u2060", "\u200c\u200d\u180e"}
	for _, s := range blanks {
		if !blank(s) {
			t.Errorf("blank(%q) = false", s)
		}
	}
	for _, s := range []string{"a", "\u00a0x", "lý do", "\u200bx"} {
		if blank(s) {
			t.Errorf("blank(%q) = true", s)
		}
	}
	type mk func(t *testing.T, when string) (*Dossier, Command)
	cmds := map[string]mk{
		"request intake supplement": func(t *testing.T, when string) (*Dossier, Command) {
			d, _ := testRules().Open(testIntake(procedure.Online, fiveDays), citizen, at(when))
			return d, Command{Kind: RequestIntakeSupplement, Actor: clerk}
		},
		"refuse at intake": func(t *testing.T, when string) (*Dossier, Command) {
			d, _ := testRules().Open(testIntake(procedure.Online, fiveDays), citizen, at(when))
			return d, Command{Kind: RefuseIntake, Actor: clerk}
		},
		"request supplement": func(t *testing.T, when string) (*Dossier, Command) {
			return inProcess(t, testRules(), at(when)), Command{Kind: RequestSupplement, Actor: officerA}
		},
		"refuse": func(t *testing.T, when string) (*Dossier, Command) {
			return inProcess(t, testRules(), at(when)), Command{Kind: Refuse, Actor: officerA}
		},
		"apologise": func(t *testing.T, when string) (*Dossier, Command) {
			d := inProcess(t, testRules(), at(when))
			return d, Command{Kind: Apologise, Actor: officerA, Due: d.Deadline.Due.Add(48 * time.Hour)}
		},
		"send back": func(t *testing.T, when string) (*Dossier, Command) {
			d := inProcess(t, testRules(), at(when))
			mustApply(t, d, Command{Kind: Handoff, Actor: officerA}, at(when).Add(2*time.Minute))
			return d, Command{Kind: SendBack, Actor: officerB}
		},
		"amend": func(t *testing.T, when string) (*Dossier, Command) {
			return inProcess(t, testRules(), at(when)), Command{Kind: Amend, Actor: citizen}
		},
		"send for correction": func(t *testing.T, when string) (*Dossier, Command) {
			d := inProcess(t, testRules(), at(when))
			mustApply(t, d, Command{Kind: Handoff, Actor: officerA}, at(when).Add(2*time.Minute))
			mustApply(t, d, Command{Kind: Resolve, Actor: officerB}, at(when).Add(3*time.Minute))
			return d, Command{Kind: SendForCorrection, Actor: clerk}
		},
	}
	for name, make := range cmds {
		for _, when := range []string{"2025-03-04 09:10", "2025-07-01 09:10"} {
			for _, s := range blanks {
				d, cmd := make(t, when)
				if cmd.Kind == Amend && RegimeAt(at(when)) == Decree61 {
					continue // not provided under Decree 61
				}
				cmd.Reason = s
				err := applyChecked(t, d, cmd, at(when).Add(time.Hour))
				var fe *FieldError
				if !errors.As(err, &fe) || fe.Field != "reason" || !errors.Is(err, ErrRequired) {
					t.Errorf("%s on %s, reason %q: err = %v", name, when, s, err)
				}
			}
		}
	}
	for _, s := range blanks {
		in := testIntake(procedure.Counter, fiveDays)
		in.Applicant.Name, in.Applicant.Address.Line = s, s
		in.Documents = []string{s}
		in.Electronic = []string{s}
		var ve *ValidationError
		if _, err := testRules().Open(in, clerk, at("2025-07-01 09:00")); !errors.As(err, &ve) || len(ve.Problems) != 4 {
			t.Errorf("intake of %q: %v", s, err)
		}
		d := inProcess(t, testRules(), at("2025-07-01 09:10"))
		want := ErrRequired
		if strings.ContainsAny(s, "\t\n") {
			want = ErrControl // a document's name is one line
		}
		if err := applyChecked(t, d, Command{Kind: RequestSupplement, Actor: officerA, Reason: "x", Attachments: []string{s}}, at("2025-07-01 10:00")); !errors.Is(err, want) {
			t.Errorf("attachment %q: %v", s, err)
		}
	}
}

// The new errors read in both languages, with no English words in Vietnamese.
func TestIssue11Messages(t *testing.T) {
	deadline := at("2025-07-16 17:00")
	tests := []struct {
		err    error
		en, vi string
	}{
		{&RuleError{Command: Close, Rule: "Decree 118/2025 Art. 19(5)", Deadline: deadline, Err: ErrCloseEarly},
			"closing is before the end of the period given for the supplement (limit 17:00 16/07/2025) [Decree 118/2025 Art. 19(5)]",
			"đóng hồ sơ chưa hết thời hạn dành cho việc bổ sung hồ sơ (hạn 17:00 16/07/2025) [Nghị định 118/2025, Điều 19(5)]"},
		{&RuleError{Command: Close, Rule: "Decree 118/2025 Art. 19(5)", Err: ErrNotProvided},
			"closing is not provided for by the policy of the dossier's regime [Decree 118/2025 Art. 19(5)]",
			"đóng hồ sơ không được quy định trong chính sách của chế độ pháp lý áp dụng cho hồ sơ [Nghị định 118/2025, Điều 19(5)]"},
		{&RuleError{Command: Amend, Rule: "Decree 118/2025 Art. 21(2)", Err: ErrNotOnline},
			"amendment is only for dossiers submitted online [Decree 118/2025 Art. 21(2)]",
			"điều chỉnh nội dung hồ sơ chỉ áp dụng cho hồ sơ nộp trực tuyến [Nghị định 118/2025, Điều 21(2)]"},
		{&RuleError{Command: RequestSupplement, Rule: "Decree 118/2025 Art. 5(1)(i), 17(1)(b)",
			Err: &FieldError{Field: "attachments[0]", Value: "Giấy chứng sinh", Err: ErrOnceOnly}},
			`supplement request attachments[0] "Giấy chứng sinh" is held electronically and may be asked for again only to verify it [Decree 118/2025 Art. 5(1)(i), 17(1)(b)]`,
			`yêu cầu bổ sung giấy tờ kèm theo thứ 1 "Giấy chứng sinh" đã có dữ liệu điện tử, chỉ được yêu cầu cung cấp lại để xác minh [Nghị định 118/2025, Điều 5(1)(i), 17(1)(b)]`},
		{&TransitionError{Command: Correct, State: Correction, Role: RoleOfficer, Err: ErrWrongAgency},
			"correction of the result (officer) may only be done by the agency holding the step",
			"đính chính kết quả (cán bộ xử lý) chỉ cơ quan đang giữ bước xử lý được thực hiện"},
		{&TransitionError{Command: SendForCorrection, State: Closed, Role: RoleClerk, Err: ErrNotAllowed},
			"return of the result for correction is not allowed in this state (closed)",
			"chuyển lại kết quả để đính chính không được phép ở trạng thái này (đã đóng hồ sơ)"},
		{&FieldError{Field: "slip.stop", Err: ErrNoSlip}, "slip.stop is not available for this dossier",
			"thông báo dừng thực hiện thủ tục hành chính không có đối với hồ sơ này"},
		{&FieldError{Field: "electronic[1]", Err: ErrRequired}, "electronic[1] is required", "giấy tờ đã có dữ liệu điện tử thứ 2 là bắt buộc"},
	}
	for _, tt := range tests {
		m := tt.err.(interface{ Message(language.Tag) string })
		if got := m.Message(language.English); got != tt.en {
			t.Errorf("English:\n got %q\nwant %q", got, tt.en)
		}
		if got := m.Message(vi); got != tt.vi {
			t.Errorf("Vietnamese:\n got %q\nwant %q", got, tt.vi)
		}
	}
	for _, f := range []string{"redirect", "electronic[0]", "group", "slip.stop", "policy.after_amendment",
		"policy.acceptance_limit", "policy.close_after", "policy.correction_limit", "policy.code_unit", "policy.portal_unit"} {
		if got := fieldName(f, vi); got == f {
			t.Errorf("field %s has no Vietnamese name", f)
		}
	}
	for _, s := range []State{Closed, Correction} {
		if s.Name(vi) == s.Name(language.English) {
			t.Errorf("%v has no Vietnamese name", s)
		}
	}
}

// The new policy values are checked.
func TestIssue11PolicyValidate(t *testing.T) {
	p := DefaultPolicy(Decree118)
	p.ApologyLead, p.MaxReappointments = -2, -2
	p.AfterAmendment = Pause
	p.CloseAfter = calendar.Limit{N: -1}
	p.AcceptanceLimit = calendar.Limit{N: 8, Unit: 9}
	p.CodeUnit = 7
	p.PortalUnit = "a\x00b"
	var ve *ValidationError
	if err := p.Validate(); !errors.As(err, &ve) || len(ve.Problems) != 7 {
		t.Fatalf("err = %v", err)
	}
	for _, reg := range []Regime{Decree61, Decree118} {
		if err := DefaultPolicy(reg).Validate(); err != nil {
			t.Errorf("%v: %v", reg, err)
		}
	}
}

// Property: random command sequences on Decree 118 dossiers, with the new commands, once-only
// declarations, groups and both amendment rules, replay to the live dossier; a refused
// command changes nothing.
func TestIssue11ReplayProperty(t *testing.T) {
	variants := []*Rules{testRules(),
		rulesWith(t, func(p *Policy) { p.AfterAmendment, p.CodeUnit, p.PortalUnit = Restart, CompetentUnit, "000.00.00.G22" })}
	seen := map[CommandKind]bool{}
	for seed := range uint64(200) {
		rng := rand.New(rand.NewPCG(seed, 11))
		r := variants[seed%2]
		now := at("2025-07-07 08:00").Add(time.Duration(rng.IntN(72)) * time.Hour)
		in := testIntake(procedure.Channel(1+rng.IntN(3)), calendar.Limit{N: 1 + rng.IntN(10), Unit: calendar.WorkingDays})
		if rng.IntN(2) == 0 {
			in.Electronic = []string{"Tờ khai"}
		}
		if rng.IntN(3) == 0 {
			in.Group = "khai-sinh-thuong-tru"
		}
		d, err := r.Open(in, citizen, now)
		if err != nil {
			t.Fatal(err)
		}
		for range 40 {
			now = now.Add(time.Duration(rng.IntN(6*60)) * time.Minute)
			if d.State == SupplementRequested && rng.IntN(3) == 0 || rng.IntN(20) == 0 {
				now = now.Add(16 * 24 * time.Hour) // past the closing date of Art. 19(5)
			}
			cmd := randomCommand(rng, d, now)
			if (cmd.Kind == Withdraw || cmd.Kind == RefuseIntake) && rng.IntN(4) > 0 {
				continue
			}
			before := len(d.Events)
			if _, err := d.Apply(cmd, now); err != nil {
				if len(d.Events) != before {
					t.Fatalf("seed %d: a refused %v appended an event", seed, cmd.Kind)
				}
				continue
			}
			seen[cmd.Kind] = true
		}
		got, err := r.Replay(d.Events)
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		if diff := cmp.Diff(d, got); diff != "" {
			t.Fatalf("seed %d: replay differs (-live +replay):\n%s", seed, diff)
		}
	}
	for _, k := range []CommandKind{Close, Amend, SendForCorrection, Correct, Apologise, Withdraw} {
		if !seen[k] {
			t.Errorf("%v never applied", k)
		}
	}
}

// The once-only check costs time linear in the documents declared and asked for: a request
// naming 1,000 documents against 1,000 declared ones.
func BenchmarkOnceOnly(b *testing.B) {
	in := testIntake(procedure.Online, fiveDays)
	for i := range 1000 {
		in.Electronic = append(in.Electronic, "Giấy tờ điện tử số "+itoa(i))
	}
	d, err := testRules().Open(in, citizen, at("2025-07-01 09:00"))
	if err != nil {
		b.Fatal(err)
	}
	cmd := Command{Kind: RequestIntakeSupplement, Actor: clerk, Reason: "Bổ sung"}
	for i := range 1000 {
		cmd.Attachments = append(cmd.Attachments, "Giấy tờ giấy số "+itoa(i))
	}
	now := at("2025-07-01 10:00")
	b.ReportAllocs()
	for b.Loop() {
		if err := d.onceOnly(&cmd, now); err != nil {
			b.Fatal(err)
		}
	}
}
