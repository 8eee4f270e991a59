package dossier

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/motcua-go/motcua/calendar"
	"github.com/motcua-go/motcua/procedure"
)

type clockView struct {
	Overdue   bool
	Remaining time.Duration
	AtRisk    bool
	Late766   bool
}

func view(d *Dossier, now time.Time) clockView {
	return clockView{d.Overdue(now), d.Remaining(now), d.AtRisk(now), d.Late766(now)}
}

func hm(h, m int) time.Duration { return time.Duration(h)*time.Hour + time.Duration(m)*time.Minute }

// Received Tue 4 March 2025 09:10 with 5 working days: due Tue 11 March 09:10, 40 working hours.
func TestClock(t *testing.T) {
	type step struct {
		cmd  Command
		when string
	}
	supp := step{Command{Kind: RequestSupplement, Actor: officerA, Reason: "Bổ sung"}, "2025-03-05 10:00"}
	cases := []struct {
		name  string
		steps []step
		now   string
		want  clockView
	}{
		{"at receipt", nil, "2025-03-04 09:10", clockView{Remaining: 40 * time.Hour}},
		{"77% used", nil, "2025-03-10 08:00", clockView{Remaining: hm(9, 10)}},
		{"86% used: at risk", nil, "2025-03-10 13:00", clockView{Remaining: hm(5, 40), AtRisk: true}},
		{"exactly due", nil, "2025-03-11 09:10", clockView{AtRisk: true}},
		{"a minute over", nil, "2025-03-11 09:11", clockView{Overdue: true, Remaining: -time.Minute, Late766: true}},
		{"over, at lunch", nil, "2025-03-12 12:00", clockView{Overdue: true, Remaining: -hm(10, 20), Late766: true}},
		{"stopped for a supplement", []step{supp}, "2025-03-20 09:00", clockView{Remaining: hm(31, 10)}},
		{"restarted after the supplement", []step{supp, {Command{Kind: Supplement, Actor: citizen}, "2025-03-20 09:00"}},
			"2025-03-20 09:00", clockView{Remaining: 40 * time.Hour}},
		{"apology moves the due time", []step{{Command{Kind: Apologise, Actor: officerA, Reason: "Xác minh", Due: at("2025-03-14 17:00")}, "2025-03-07 09:00"}},
			"2025-03-12 09:10", clockView{Remaining: hm(22, 20), Late766: true}},
		{"resolved late", []step{{Command{Kind: Handoff, Actor: officerA}, "2025-03-06 09:00"}, {Command{Kind: Resolve, Actor: officerB}, "2025-03-12 09:10"}},
			"2025-04-01 09:00", clockView{Overdue: true, Remaining: -hm(8, 0), Late766: true}},
		{"resolved on time", []step{{Command{Kind: Handoff, Actor: officerA}, "2025-03-06 09:00"}, {Command{Kind: Resolve, Actor: officerB}, "2025-03-10 16:00"}},
			"2025-04-01 09:00", clockView{Remaining: hm(2, 40)}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := inProcess(t, testRules(), at("2025-03-04 09:10"))
			for _, s := range c.steps {
				mustApply(t, d, s.cmd, at(s.when))
			}
			if diff := cmp.Diff(c.want, view(d, at(c.now))); diff != "" {
				t.Fatal(diff)
			}
		})
	}
}

// Decision 766: the applicant's time is subtracted, and a second supplement request is late.
func TestLate766(t *testing.T) {
	d := inProcess(t, testRules(), at("2025-03-04 09:10"))
	mustApply(t, d, Command{Kind: RequestSupplement, Actor: officerA, Reason: "Bổ sung"}, at("2025-03-04 10:00"))
	mustApply(t, d, Command{Kind: Supplement, Actor: citizen}, at("2025-03-10 10:00"))
	// 50 minutes before the request and 16 hours after the supplement: within 40 hours.
	if d.Late766(at("2025-03-12 10:00")) || d.Overdue(at("2025-03-12 10:00")) {
		t.Fatal("late after one supplement")
	}

	d = inProcess(t, testRules(), at("2025-03-04 09:10"))
	mustApply(t, d, Command{Kind: RequestSupplement, Actor: officerA, Reason: "Bổ sung"}, at("2025-03-04 10:00"))
	mustApply(t, d, Command{Kind: Supplement, Actor: citizen}, at("2025-03-05 08:00"))
	mustApply(t, d, Command{Kind: Handoff, Actor: officerA}, at("2025-03-05 09:00"))
	mustApply(t, d, Command{Kind: RequestSupplement, Actor: officerB, Reason: "Bổ sung"}, at("2025-03-05 10:00"))
	if !d.Late766(at("2025-03-05 10:00")) {
		t.Fatal("two supplement requests are late in the 766 view")
	}
	if d.Overdue(at("2025-03-05 10:00")) {
		t.Fatal("but not overdue by the decree's clock")
	}
}

func TestClockBeforeReceipt(t *testing.T) {
	d, err := testRules().Open(testIntake(procedure.Online, calendar.Limit{N: 5, Unit: calendar.WorkingDays}), citizen, at("2025-03-04 09:10"))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(clockView{}, view(d, at("2026-01-01 00:00"))); diff != "" {
		t.Fatal(diff)
	}
	if !d.TransferDue().IsZero() {
		t.Fatal("transfer due before receipt")
	}
}

// The start of the count, the time paused and the start of a wait are read from the log:
// receipt, then each supplement and payment by the policy's clock rule.
func TestClockSpan(t *testing.T) {
	type span struct {
		Start    time.Time
		Paused   time.Duration
		PausedAt time.Time
	}
	req := Command{Kind: RequestSupplement, Actor: officerA, Reason: "Bổ sung"}
	sup := Command{Kind: Supplement, Actor: citizen}
	obl := Command{Kind: RequestObligation, Actor: officerA, Reason: "Nộp lệ phí"}
	paid := Command{Kind: FulfilObligation, Actor: citizen}
	type step struct {
		cmd  Command
		when string
	}
	cases := []struct {
		name       string
		supplement ClockRule // AfterSupplement; payments pause
		steps      []step
		want       span
	}{
		{"at receipt", Restart, nil, span{Start: at("2025-03-04 09:10")}},
		{"waiting for a supplement", Restart, []step{{req, "2025-03-05 10:00"}},
			span{Start: at("2025-03-04 09:10"), PausedAt: at("2025-03-05 10:00")}},
		{"restarted", Restart, []step{{req, "2025-03-05 10:00"}, {sup, "2025-03-07 08:00"}},
			span{Start: at("2025-03-07 08:00")}},
		{"restarted, then a payment of a working day", Restart,
			[]step{{req, "2025-03-05 10:00"}, {sup, "2025-03-07 08:00"}, {obl, "2025-03-07 09:00"}, {paid, "2025-03-10 09:00"}},
			span{Start: at("2025-03-07 08:00"), Paused: 8 * time.Hour}},
		{"waiting for a payment", Restart, []step{{obl, "2025-03-05 10:00"}},
			span{Start: at("2025-03-04 09:10"), PausedAt: at("2025-03-05 10:00")}},
		// 10:00–14:00 less the lunch break, and 09:00–10:30: 4 working hours.
		{"paused for a supplement and a payment", Pause,
			[]step{{req, "2025-03-05 10:00"}, {sup, "2025-03-05 14:00"}, {obl, "2025-03-06 09:00"}, {paid, "2025-03-06 10:30"}},
			span{Start: at("2025-03-04 09:10"), Paused: 4 * time.Hour}},
		{"running while waiting", Run, []step{{req, "2025-03-05 10:00"}},
			span{Start: at("2025-03-04 09:10")}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := inProcess(t, rulesWith(t, func(p *Policy) { p.AfterSupplement = c.supplement }), at("2025-03-04 09:10"))
			for _, s := range c.steps {
				mustApply(t, d, s.cmd, at(s.when))
			}
			replayed, err := d.Rules.Replay(d.Events)
			if err != nil {
				t.Fatal(err)
			}
			for how, x := range map[string]*Dossier{"live": d, "replayed": replayed} {
				var got span
				got.Start, got.Paused = x.span()
				got.PausedAt = x.PausedAt()
				if diff := cmp.Diff(c.want, got); diff != "" {
					t.Errorf("%s (-want +got):\n%s", how, diff)
				}
			}
		})
	}
}
