package dossier

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/motcua-go/motcua/calendar"
	"github.com/motcua-go/motcua/procedure"
)

// wantErr checks err against want: nil, or a sentinel found with errors.Is whose wrapper has
// the type of wantType.
func wantErr(t *testing.T, err, want error, deadline time.Time) {
	t.Helper()
	if want == nil {
		if err != nil {
			t.Fatalf("err = %v, want nil", err)
		}
		return
	}
	if !errors.Is(err, want) {
		t.Fatalf("err = %v, want %v", err, want)
	}
	var re *RuleError
	if errors.As(err, &re) && !re.Deadline.Equal(deadline) {
		t.Fatalf("deadline = %v, want %v", re.Deadline, deadline)
	}
}

// unchanged applies cmd and, when it fails, checks that nothing changed.
func applyChecked(t *testing.T, d *Dossier, cmd Command, now time.Time) error {
	t.Helper()
	before, err := d.Rules.Replay(d.Events)
	if err != nil {
		t.Fatal(err)
	}
	_, err = d.Apply(cmd, now)
	if err != nil {
		if diff := cmp.Diff(before, d); diff != "" {
			t.Fatalf("failed %v changed the dossier (-before +after):\n%s", cmd.Kind, diff)
		}
	}
	return err
}

func rulesWith(t testing.TB, edit func(*Policy)) *Rules {
	t.Helper()
	p61, p118 := DefaultPolicy(Decree61), DefaultPolicy(Decree118)
	edit(&p61)
	edit(&p118)
	r, err := NewRules(RulesConfig{Decree61: &p61, Decree118: &p118})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// Decree 61/2018 Art. 19(4): a supplement request during processing no later than 3 working
// days from reception.
func TestRuleSupplementWindow(t *testing.T) {
	cases := []struct {
		name     string
		rules    *Rules
		received string
		request  string
		want     error
		deadline string
	}{
		{"day 3 at the same hour", testRules(), "2025-03-04 09:10", "2025-03-07 09:10", nil, ""},
		{"one minute late", testRules(), "2025-03-04 09:10", "2025-03-07 09:11", ErrSupplementWindow, "2025-03-07 09:10"},
		{"over the weekend", testRules(), "2025-03-06 14:00", "2025-03-11 13:59", nil, ""},
		{"next week", testRules(), "2025-03-06 14:00", "2025-03-12 08:00", ErrSupplementWindow, "2025-03-11 14:00"},
		{"Decree 118 keeps the window", testRules(), "2025-07-01 09:10", "2025-07-07 08:00", ErrSupplementWindow, "2025-07-04 09:10"},
		{"window disabled by policy", rulesWith(t, func(p *Policy) { p.SupplementWindow = 0 }), "2025-03-04 09:10", "2025-03-20 09:00", nil, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := inProcess(t, c.rules, at(c.received))
			err := applyChecked(t, d, Command{Kind: RequestSupplement, Actor: officerA, Reason: "Thiếu bản sao giấy chứng sinh"}, at(c.request))
			var dl time.Time
			if c.deadline != "" {
				dl = at(c.deadline)
			}
			wantErr(t, err, c.want, dl)
			if err == nil && d.State != SupplementRequested {
				t.Fatalf("state = %v", d.State)
			}
		})
	}
}

// Decree 61/2018 Art. 15(3), 19(4): one complete supplement request ("một lần") per agency.
func TestRuleSupplementOncePerAgency(t *testing.T) {
	reason := "Bổ sung giấy tờ"
	cases := []struct {
		name   string
		rules  *Rules
		second Actor
		handed bool // hand the dossier to agency B before the second request
		want   error
	}{
		{"same agency twice", testRules(), officerA, false, ErrSupplementRepeated},
		{"another agency", testRules(), officerB, true, nil},
		{"policy allows repeats", rulesWith(t, func(p *Policy) { p.SupplementOncePerAgency = false }), officerA, false, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := inProcess(t, c.rules, at("2025-03-04 09:10"))
			mustApply(t, d, Command{Kind: RequestSupplement, Actor: officerA, Reason: reason}, at("2025-03-04 10:00"))
			mustApply(t, d, Command{Kind: Supplement, Actor: citizen}, at("2025-03-05 08:00"))
			if c.handed {
				mustApply(t, d, Command{Kind: Handoff, Actor: officerA}, at("2025-03-05 09:00"))
			}
			err := applyChecked(t, d, Command{Kind: RequestSupplement, Actor: c.second, Reason: reason}, at("2025-03-05 10:00"))
			wantErr(t, err, c.want, time.Time{})
		})
	}
}

// Decree 61/2018 Art. 19(4): after the supplement the time limit counts again from the
// beginning; Pause is the policy alternative.
func TestRuleClockAfterSupplement(t *testing.T) {
	cases := []struct {
		name     string
		rule     ClockRule
		wantDue  string
		wantStep string // due of the step in hand after the supplement
	}{
		// Limit 5 working days counted again from Mon 10 March 14:00.
		{"restart", Restart, "2025-03-17 14:00", "2025-03-13 14:00"},
		// 26.5 working hours waited (Wed 10:00 → Mon 14:00) added to Tue 11 March 09:10.
		{"pause", Pause, "2025-03-14 13:10", "2025-03-12 13:10"},
		{"run", Run, "2025-03-11 09:10", "2025-03-07 09:10"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := rulesWith(t, func(p *Policy) { p.AfterSupplement = c.rule })
			d := inProcess(t, r, at("2025-03-04 09:10"))
			mustApply(t, d, Command{Kind: RequestSupplement, Actor: officerA, Reason: "Bổ sung"}, at("2025-03-05 10:00"))
			if c.rule != Run && d.Overdue(at("2025-03-12 10:00")) {
				t.Fatal("a stopped clock went overdue")
			}
			mustApply(t, d, Command{Kind: Supplement, Actor: clerk, Attachments: []string{"Bản sao giấy chứng sinh"}}, at("2025-03-10 14:00"))
			if !d.Deadline.Due.Equal(at(c.wantDue)) {
				t.Errorf("due = %v, want %v", d.Deadline.Due, c.wantDue)
			}
			if !d.Steps[0].Due.Equal(at(c.wantStep)) {
				t.Errorf("step due = %v, want %v", d.Steps[0].Due, c.wantStep)
			}
		})
	}
}

// Decree 61/2018 Art. 19(8): a refusal after appraisal is issued within the time limit. By
// default a late refusal is accepted and counted late (a late refusal is still late); the
// strict policy refuses it.
func TestRuleRefusalWithinLimit(t *testing.T) {
	strict := rulesWith(t, func(p *Policy) { p.RefusalWithinLimit = true })
	cases := []struct {
		name  string
		rules *Rules
		when  string
		want  error
		late  bool
	}{
		{"at the due time", testRules(), "2025-03-11 09:10", nil, false},
		{"a minute late, counted late", testRules(), "2025-03-11 09:11", nil, true},
		{"a week late, counted late", testRules(), "2025-03-18 09:00", nil, true},
		{"strict: at the due time", strict, "2025-03-11 09:10", nil, false},
		{"strict: a minute late", strict, "2025-03-11 09:11", ErrRefusalLate, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := inProcess(t, c.rules, at("2025-03-04 09:10"))
			// Overdue and found ineligible: the apology window has closed.
			if c.late {
				err := applyChecked(t, d, Command{Kind: Apologise, Actor: officerA, Reason: "Xác minh", Due: at("2025-03-20 17:00")}, at(c.when))
				wantErr(t, err, ErrApologyLate, at("2025-03-10 17:00"))
			}
			err := applyChecked(t, d, Command{Kind: Refuse, Actor: officerA, Reason: "Không đủ điều kiện"}, at(c.when))
			wantErr(t, err, c.want, at("2025-03-11 09:10"))
			if err != nil {
				return
			}
			later := at("2025-04-01 09:00")
			slip, err := d.RefusalSlip()
			if err != nil {
				t.Fatal(err)
			}
			control, err := d.ControlSlip(later)
			if err != nil {
				t.Fatal(err)
			}
			verdict := OnTime
			if c.late {
				verdict = Late
			}
			got := []any{d.State, d.Resolution.Late, d.Overdue(later), slip.Late, control.Verdict, strings.Contains(slip.Text(), "quá hạn")}
			want := []any{Refused, c.late, c.late, c.late, verdict, c.late}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("state, Resolution.Late, Overdue, slip late, control verdict, slip text (-want +got):\n%s", diff)
			}
			mustApply(t, d, Command{Kind: Return, Actor: clerk}, later)
			replayed, err := d.Rules.Replay(d.Events)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(replayed, d); diff != "" {
				t.Errorf("replay differs:\n%s", diff)
			}
		})
	}
	t.Run("reasons required", func(t *testing.T) {
		d := inProcess(t, testRules(), at("2025-03-04 09:10"))
		err := applyChecked(t, d, Command{Kind: Refuse, Actor: officerA}, at("2025-03-05 09:00"))
		var fe *FieldError
		if !errors.As(err, &fe) || fe.Field != "reason" || !errors.Is(err, ErrRequired) {
			t.Fatalf("err = %v", err)
		}
	})
}

// Decree 61/2018 Art. 19(9): apology and new appointment no later than 1 working day before
// the due date, and only once.
func TestRuleApology(t *testing.T) {
	cases := []struct {
		name     string
		received string // limit 5 working days
		when     string
		newDue   string
		twice    bool
		want     error
		deadline string
	}{
		{"the working day before", "2025-03-04 09:10", "2025-03-10 16:59", "2025-03-14 17:00", false, nil, ""},
		{"on the due day", "2025-03-04 09:10", "2025-03-11 08:00", "2025-03-14 17:00", false, ErrApologyLate, "2025-03-10 17:00"},
		// Due Mon 17 March: the last day is Friday 14.
		{"over a weekend", "2025-03-10 10:00", "2025-03-14 16:00", "2025-03-19 17:00", false, nil, ""},
		{"on the weekend", "2025-03-10 10:00", "2025-03-15 09:00", "2025-03-19 17:00", false, ErrApologyLate, "2025-03-14 17:00"},
		{"second appointment", "2025-03-04 09:10", "2025-03-06 09:00", "2025-03-20 17:00", true, ErrReappointed, ""},
		{"new date not later", "2025-03-04 09:10", "2025-03-06 09:00", "2025-03-11 09:10", false, ErrNotLater, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := inProcess(t, testRules(), at(c.received))
			if c.twice {
				mustApply(t, d, Command{Kind: Apologise, Actor: officerA, Reason: "Cần xác minh", Due: at("2025-03-14 17:00")}, at("2025-03-05 09:00"))
			}
			err := applyChecked(t, d, Command{Kind: Apologise, Actor: officerA, Reason: "Cần xác minh thêm", Due: at(c.newDue)}, at(c.when))
			var dl time.Time
			if c.deadline != "" {
				dl = at(c.deadline)
			}
			wantErr(t, err, c.want, dl)
			if err == nil {
				if !d.Deadline.Due.Equal(at(c.newDue)) || d.Deadline.Reappointments != 1 {
					t.Fatalf("clock = %+v", d.Deadline)
				}
			}
		})
	}
}

// Decree 61/2018 Art. 18(2): a paper dossier received after 15:00 is transferred at the
// start of the next working day.
func TestRuleTransferCutoff(t *testing.T) {
	cases := []struct {
		name     string
		ch       procedure.Channel
		received string
		want     string // TransferDue
		transfer string
		late     bool
	}{
		{"paper before 15:00", procedure.Counter, "2025-03-04 14:59", "2025-03-04 17:00", "2025-03-04 16:30", false},
		{"paper at 15:00", procedure.Counter, "2025-03-04 15:00", "2025-03-04 17:00", "2025-03-04 17:00", false},
		{"paper after 15:00", procedure.Counter, "2025-03-04 15:01", "2025-03-05 07:30", "2025-03-05 07:30", false},
		{"paper after 15:00, late", procedure.Postal, "2025-03-04 15:30", "2025-03-05 07:30", "2025-03-05 09:00", true},
		{"paper on Friday afternoon", procedure.Counter, "2025-03-07 15:30", "2025-03-10 07:30", "2025-03-10 07:45", true},
		{"paper on a Saturday morning", procedure.Counter, "2025-03-08 09:00", "2025-03-10 07:30", "2025-03-10 07:30", false},
		{"online at once", procedure.Online, "2025-03-04 15:30", "2025-03-04 15:30", "2025-03-04 15:31", true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := receivedAt(t, testRules(), c.ch, calendar.Limit{N: 5, Unit: calendar.WorkingDays}, at(c.received))
			if got := d.TransferDue(); !got.Equal(at(c.want)) {
				t.Fatalf("TransferDue = %v, want %v", got, c.want)
			}
			mustApply(t, d, Command{Kind: Transfer, Actor: clerk}, at(c.transfer))
			if got := d.TransferLate(at(c.transfer)); got != c.late {
				t.Fatalf("TransferLate = %v, want %v", got, c.late)
			}
			cs, err := d.ControlSlip(at(c.transfer))
			if err != nil {
				t.Fatal(err)
			}
			if got := cs.Rows[0].Verdict == Late; got != c.late {
				t.Fatalf("control slip desk row = %+v", cs.Rows[0])
			}
		})
	}
}

// Stopping before the result (Decree 118/2025 Art. 21; Circular 03/2025 form 05; Decree 61
// wrote no such rule).
func TestRuleWithdrawal(t *testing.T) {
	t.Run("during processing", func(t *testing.T) {
		d := inProcess(t, testRules(), at("2025-03-04 09:10"))
		wantErr(t, applyChecked(t, d, Command{Kind: Withdraw, Actor: citizen, Reason: "Không còn nhu cầu"}, at("2025-03-05 09:00")), nil, time.Time{})
		if d.State != Withdrawn || d.State.Status() != StatusWithdrawn || d.Overdue(at("2025-04-01 09:00")) {
			t.Fatalf("state %v, overdue %v", d.State, d.Overdue(at("2025-04-01 09:00")))
		}
	})
	t.Run("after the result", func(t *testing.T) {
		d := inProcess(t, testRules(), at("2025-03-04 09:10"))
		mustApply(t, d, Command{Kind: Handoff, Actor: officerA}, at("2025-03-05 09:00"))
		mustApply(t, d, Command{Kind: Resolve, Actor: officerB}, at("2025-03-05 10:00"))
		wantErr(t, applyChecked(t, d, Command{Kind: Withdraw, Actor: citizen}, at("2025-03-05 11:00")), ErrNotAllowed, time.Time{})
	})
	t.Run("closed by policy", func(t *testing.T) {
		d := inProcess(t, rulesWith(t, func(p *Policy) { p.Withdrawal = false }), at("2025-03-04 09:10"))
		wantErr(t, applyChecked(t, d, Command{Kind: Withdraw, Actor: citizen}, at("2025-03-05 09:00")), ErrWithdrawalClosed, time.Time{})
	})
}

// The regime is chosen by the reception date, and each regime has its own policy.
func TestRegimeByReceptionDate(t *testing.T) {
	p118 := DefaultPolicy(Decree118)
	p118.AfterSupplement = Pause
	r, err := NewRules(RulesConfig{Decree118: &p118})
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		received string
		want     Regime
		rule     ClockRule
	}{
		{"2025-06-30 16:59", Decree61, Restart},
		{"2025-07-01 07:30", Decree118, Pause},
	}
	for _, c := range cases {
		d := receivedAt(t, r, procedure.Counter, calendar.Limit{N: 5, Unit: calendar.WorkingDays}, at(c.received))
		if d.Regime != c.want || r.Policy(d.Regime).AfterSupplement != c.rule {
			t.Errorf("%s: regime %v, rule %v", c.received, d.Regime, r.Policy(d.Regime).AfterSupplement)
		}
	}
	// Submitted online on 30 June, received on 1 July: Decree 118.
	d, err := r.Open(testIntake(procedure.Online, calendar.Limit{N: 5, Unit: calendar.WorkingDays}), citizen, at("2025-06-30 22:00"))
	if err != nil {
		t.Fatal(err)
	}
	code := codeAt(at("2025-07-01 08:00"), 1)
	code.Unit = d.CodeUnit(at("2025-07-01 08:00")) // Decree 118 Art. 28: the competent agency's
	mustApply(t, d, Command{Kind: Receive, Actor: clerk, Code: code}, at("2025-07-01 08:00"))
	if d.Regime != Decree118 {
		t.Errorf("regime %v", d.Regime)
	}
}

// The code is the receiving desk's and carries the reception date.
func TestReceiveCode(t *testing.T) {
	cases := []struct {
		name string
		code Code
		want error
	}{
		{"missing", Code{}, ErrRequired},
		{"other desk", Code{Unit: "000.00.00.H22", Date: codeAt(at("2025-03-04 09:00"), 1).Date, Seq: 1}, ErrInvalid},
		{"submission date", codeAt(at("2025-03-03 09:00"), 1), ErrInvalid},
		{"bad sequence", Code{Unit: desk, Date: codeAt(at("2025-03-04 09:00"), 1).Date, Seq: 0}, ErrCodeSequence},
		{"good", codeAt(at("2025-03-04 09:00"), 7), nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d, err := testRules().Open(testIntake(procedure.Online, calendar.Limit{N: 5, Unit: calendar.WorkingDays}), citizen, at("2025-03-03 20:00"))
			if err != nil {
				t.Fatal(err)
			}
			wantErr(t, applyChecked(t, d, Command{Kind: Receive, Actor: clerk, Code: c.code}, at("2025-03-04 09:00")), c.want, time.Time{})
		})
	}
}

// Only the agency holding the step acts on it; the desk may recall.
func TestAgencyHoldsStep(t *testing.T) {
	d := inProcess(t, testRules(), at("2025-03-04 09:10"))
	wantErr(t, applyChecked(t, d, Command{Kind: Handoff, Actor: officerB}, at("2025-03-04 10:00")), ErrWrongAgency, time.Time{})
	wantErr(t, applyChecked(t, d, Command{Kind: Recall, Actor: clerk}, at("2025-03-04 10:00")), ErrNoPrevStep, time.Time{})
	mustApply(t, d, Command{Kind: Handoff, Actor: officerA}, at("2025-03-04 10:00"))
	wantErr(t, applyChecked(t, d, Command{Kind: Handoff, Actor: officerB}, at("2025-03-04 11:00")), ErrNoNextStep, time.Time{})
	wantErr(t, applyChecked(t, d, Command{Kind: SendBack, Actor: officerB}, at("2025-03-04 11:00")), ErrRequired, time.Time{})
	wantErr(t, applyChecked(t, d, Command{Kind: Recall, Actor: officerB}, at("2025-03-04 11:00")), ErrWrongAgency, time.Time{})
	mustApply(t, d, Command{Kind: Recall, Actor: officerA}, at("2025-03-04 11:00"))
	if d.Current != 0 || !d.Steps[0].Done.IsZero() || !d.Steps[1].Start.IsZero() {
		t.Fatalf("after recall: %+v", d.Steps)
	}
	wantErr(t, applyChecked(t, d, Command{Kind: Resolve, Actor: officerA}, at("2025-03-04 11:30")), ErrStepsPending, time.Time{})
	want := []StepRecord{
		{ID: "verify", Agency: agencyA, Task: "Thẩm định", Due: at("2025-03-07 09:10"), Start: at("2025-03-04 09:11")},
		{ID: "decide", Agency: agencyB, Task: "Quyết định", Due: at("2025-03-11 09:10")},
	}
	if diff := cmp.Diff(want, d.Steps, cmpopts.EquateEmpty()); diff != "" {
		t.Fatal(diff)
	}
}

// The rules combined: each guard is measured against the clock in force after restarts and
// the new appointment, and the supplement guards against the first receipt.
func TestRulesCombined(t *testing.T) {
	req := func(a Actor) Command { return Command{Kind: RequestSupplement, Actor: a, Reason: "Bổ sung"} }
	sup := Command{Kind: Supplement, Actor: citizen}
	type step struct {
		cmd  Command
		when string
	}
	cases := []struct {
		name     string
		before   []step
		cmd      Command
		when     string
		want     error
		deadline string
	}{
		// Received Tue 4 March 09:10: the window closes Fri 7 March 09:10, restart or not.
		{"second agency after a restart, within the window",
			[]step{{req(officerA), "2025-03-04 10:00"}, {sup, "2025-03-05 08:00"}, {Command{Kind: Handoff, Actor: officerA}, "2025-03-06 09:00"}},
			req(officerB), "2025-03-07 09:00", nil, ""},
		{"second agency after a restart, past the window",
			[]step{{req(officerA), "2025-03-04 10:00"}, {sup, "2025-03-05 08:00"}, {Command{Kind: Handoff, Actor: officerA}, "2025-03-06 09:00"}},
			req(officerB), "2025-03-07 09:30", ErrSupplementWindow, "2025-03-07 09:10"},
		{"same agency again after a send-back",
			[]step{{req(officerA), "2025-03-04 10:00"}, {sup, "2025-03-05 08:00"}, {Command{Kind: Handoff, Actor: officerA}, "2025-03-05 09:00"},
				{Command{Kind: SendBack, Actor: officerB, Reason: "Thiếu ý kiến"}, "2025-03-05 10:00"}},
			req(officerA), "2025-03-05 11:00", ErrSupplementRepeated, ""},
		// Restarted Wed 5 March 08:00 with 5 working days: due Wed 12 March 08:00.
		{"apology against the restarted due time",
			[]step{{req(officerA), "2025-03-04 10:00"}, {sup, "2025-03-05 08:00"}},
			Command{Kind: Apologise, Actor: officerA, Reason: "Xác minh", Due: at("2025-03-20 17:00")}, "2025-03-11 16:00", nil, ""},
		{"apology on the restarted due day",
			[]step{{req(officerA), "2025-03-04 10:00"}, {sup, "2025-03-05 08:00"}},
			Command{Kind: Apologise, Actor: officerA, Reason: "Xác minh", Due: at("2025-03-20 17:00")}, "2025-03-12 07:45", ErrApologyLate, "2025-03-11 17:00"},
		// The deadline is the close of office hours of the last day: the check and the stated
		// deadline agree.
		{"apology at the close of the last day", nil,
			Command{Kind: Apologise, Actor: officerA, Reason: "Xác minh", Due: at("2025-03-20 17:00")}, "2025-03-10 17:00", nil, ""},
		{"apology in the evening of the last day", nil,
			Command{Kind: Apologise, Actor: officerA, Reason: "Xác minh", Due: at("2025-03-20 17:00")}, "2025-03-10 19:00", ErrApologyLate, "2025-03-10 17:00"},
		{"refusal within the new appointment",
			[]step{{Command{Kind: Apologise, Actor: officerA, Reason: "Xác minh", Due: at("2025-03-20 17:00")}, "2025-03-06 09:00"}},
			Command{Kind: Refuse, Actor: officerA, Reason: "Không đủ điều kiện"}, "2025-03-18 09:00", nil, ""},
		{"refusal past the new appointment, counted late",
			[]step{{Command{Kind: Apologise, Actor: officerA, Reason: "Xác minh", Due: at("2025-03-20 17:00")}, "2025-03-06 09:00"}},
			Command{Kind: Refuse, Actor: officerA, Reason: "Không đủ điều kiện"}, "2025-03-21 08:00", nil, ""},
		{"refusal within the restarted limit",
			[]step{{req(officerA), "2025-03-04 10:00"}, {sup, "2025-03-05 08:00"}},
			Command{Kind: Refuse, Actor: officerA, Reason: "Không đủ điều kiện"}, "2025-03-11 15:00", nil, ""},
		{"withdrawal while waiting for a supplement",
			[]step{{req(officerA), "2025-03-04 10:00"}},
			Command{Kind: Withdraw, Actor: citizen, Reason: "Không bổ sung được"}, "2025-03-10 09:00", nil, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := inProcess(t, testRules(), at("2025-03-04 09:10"))
			for _, s := range c.before {
				mustApply(t, d, s.cmd, at(s.when))
			}
			var dl time.Time
			if c.deadline != "" {
				dl = at(c.deadline)
			}
			wantErr(t, applyChecked(t, d, c.cmd, at(c.when)), c.want, dl)
		})
	}
}

// Decision 766: the original time limit is the yardstick, whatever the restarts; the time
// the applicant held the dossier does not count; a supplement still awaited ends the count
// at its request.
func TestLate766Combined(t *testing.T) {
	d := inProcess(t, testRules(), at("2025-03-04 09:10"))
	mustApply(t, d, Command{Kind: RequestSupplement, Actor: officerA, Reason: "Bổ sung"}, at("2025-03-05 09:10"))
	// Waiting: 8 working hours used of 40, however long the applicant takes.
	if d.Late766(at("2025-04-30 09:00")) {
		t.Fatal("late while the applicant holds the dossier")
	}
	mustApply(t, d, Command{Kind: Supplement, Actor: citizen}, at("2025-03-10 09:10"))
	// Restarted: due Mon 17 March 09:10 by the decree. In the 766 view 8 hours were used before
	// the request, so 32 remain from the supplement: Fri 14 March 09:10.
	if !d.Deadline.Due.Equal(at("2025-03-17 09:10")) {
		t.Fatalf("restarted due %v", d.Deadline.Due)
	}
	for _, c := range []struct {
		now  string
		late bool
	}{{"2025-03-14 09:10", false}, {"2025-03-14 09:11", true}} {
		if got := d.Late766(at(c.now)); got != c.late || d.Overdue(at(c.now)) {
			t.Errorf("at %s: Late766 %v, want %v (overdue %v)", c.now, got, c.late, d.Overdue(at(c.now)))
		}
	}
}

// The apology deadline is the close of office hours of the working day ApologyLead days
// before the due date, never later than the due time; the check and the stated deadline
// agree at every lead.
func TestApologyDeadline(t *testing.T) {
	// Received Tue 4 March 09:10 with 5 working days: due Tue 11 March 09:10.
	cases := []struct {
		lead     int
		when     string
		deadline string
		want     error
	}{
		{0, "2025-03-11 09:10", "", nil},
		{0, "2025-03-11 09:11", "2025-03-11 09:10", ErrApologyLate},
		{1, "2025-03-10 17:00", "", nil},
		{1, "2025-03-10 17:01", "2025-03-10 17:00", ErrApologyLate},
		{2, "2025-03-07 17:00", "", nil},
		{2, "2025-03-07 17:01", "2025-03-07 17:00", ErrApologyLate},
		{2, "2025-03-08 09:00", "2025-03-07 17:00", ErrApologyLate}, // a Saturday
	}
	for _, c := range cases {
		t.Run(itoa(c.lead)+" "+c.when, func(t *testing.T) {
			d := inProcess(t, rulesWith(t, func(p *Policy) { p.ApologyLead = c.lead }), at("2025-03-04 09:10"))
			var dl time.Time
			if c.deadline != "" {
				dl = at(c.deadline)
			}
			err := applyChecked(t, d, Command{Kind: Apologise, Actor: officerA, Reason: "Xác minh", Due: at("2025-03-20 17:00")}, at(c.when))
			wantErr(t, err, c.want, dl)
			var re *RuleError
			if errors.As(err, &re) && !at(c.when).After(re.Deadline) {
				t.Errorf("refused at %s, before the stated deadline %v", c.when, re.Deadline)
			}
		})
	}
}
