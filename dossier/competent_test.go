package dossier

import (
	"encoding/json"
	"errors"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/motcua-go/motcua/calendar"
	"github.com/motcua-go/motcua/procedure"
	"github.com/rickb777/date/v2"
)

// otherDesk is a centre in another province (Quảng Ninh's agencies are H49).
const otherDesk = "000.00.31.H22"

var limit3 = calendar.Limit{N: 3, Unit: calendar.WorkingDays}

// openAt opens and receives at received a counter dossier received at deskCode for agencyA.
func openAt(t testing.TB, r *Rules, deskCode string, received time.Time) *Dossier {
	t.Helper()
	in := testIntake(procedure.Counter, limit3)
	in.Desk = deskCode
	d, err := r.Open(in, Actor{ID: "clerk-2", Role: RoleClerk, Agency: deskCode}, received)
	if err != nil {
		t.Fatal(err)
	}
	c := Code{Unit: d.CodeUnit(received), Date: date.NewAt(received.In(calendar.Zone())), Seq: 1}
	mustApply(t, d, Command{Kind: Receive, Actor: Actor{ID: "clerk-2", Role: RoleClerk, Agency: deskCode}, Code: c}, received)
	return d
}

// optIn309 turns on the boundary-free clock of Decree 309/2026, off by default.
func optIn309(p *Policy) { p.ClockFromCompetentReceipt = true }

// rules309 are the default rules with the clock of Decree 309/2026 turned on.
// (Decree 118's policy only).
func rules309(t testing.TB) *Rules {
	t.Helper()
	p := DefaultPolicy(Decree118)
	optIn309(&p)
	r, err := NewRules(RulesConfig{Decree118: &p})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func ownRules(t testing.TB, edit func(p *Policy), own func(desk, agency string) bool) *Rules {
	t.Helper()
	p61, p118 := DefaultPolicy(Decree61), DefaultPolicy(Decree118)
	if edit != nil {
		edit(&p61)
		edit(&p118)
	}
	r, err := NewRules(RulesConfig{Decree61: &p61, Decree118: &p118, OwnDesk: own})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// Decree 118/2025 Art. 17(3) as amended by Decree 309/2026: the time limit of a
// boundary-free dossier runs from the competent agency's receipt.
func TestClockFromCompetentReceipt(t *testing.T) {
	type result struct {
		ReceiptDue  time.Time
		Provisional bool
		Due         time.Time // after the transfer
		Causes      []CommandKind
	}
	fromReceipt := func(recv, due string) result {
		return result{ReceiptDue: at(due), Due: at(due), Causes: []CommandKind{Receive}}
	}
	cases := []struct {
		name     string
		rules    *Rules
		desk     string
		received string
		transfer string
		want     result
	}{
		{
			// Received Tue 16:00, after the 15:00 cut-off: the desk must hand over by Wed 07:30,
			// so the provisional appointment is 3 working days from then (Fri 17:00); the
			// hand-over Wed 10:00 fixes it at Mon 10:00.
			name: "boundary-free, opted in", rules: rules309(t), desk: otherDesk,
			received: "2026-10-06 16:00", transfer: "2026-10-07 10:00",
			want: result{ReceiptDue: at("2026-10-09 17:00"), Provisional: true, Due: at("2026-10-12 10:00"),
				Causes: []CommandKind{Receive, Transfer}},
		},
		{
			// Decree 309/2026 is weakly sourced: the default counts from the receipt.
			name: "boundary-free, default policy: rule off", rules: testRules(),
			desk: otherDesk, received: "2026-10-06 16:00", transfer: "2026-10-07 10:00",
			want: fromReceipt("2026-10-06 16:00", "2026-10-09 16:00"),
		},
		{
			name: "boundary-free, received before Decree 309", rules: rules309(t), desk: otherDesk,
			received: "2026-07-14 16:00", transfer: "2026-07-15 10:00",
			want: fromReceipt("2026-07-14 16:00", "2026-07-17 16:00"),
		},
		{
			name: "boundary-free, Decree309From moved later", rules: ownRules(t, func(p *Policy) {
				p.ClockFromCompetentReceipt, p.Decree309From = true, date.New(2026, 11, 1)
			}, nil),
			desk: otherDesk, received: "2026-10-06 16:00", transfer: "2026-10-07 10:00",
			want: fromReceipt("2026-10-06 16:00", "2026-10-09 16:00"),
		},
		{
			name: "boundary-free, Decree 61 regime", rules: rules309(t), desk: otherDesk,
			received: "2025-06-10 16:00", transfer: "2025-06-11 10:00",
			want: fromReceipt("2025-06-10 16:00", "2025-06-13 16:00"),
		},
		{
			name: "same province desk", rules: rules309(t), desk: desk,
			received: "2026-10-06 16:00", transfer: "2026-10-07 10:00",
			want: fromReceipt("2026-10-06 16:00", "2026-10-09 16:00"),
		},
		{
			name: "embedder's OwnDesk tells the desk apart", rules: ownRules(t, optIn309, func(d, a string) bool { return d == a }),
			desk: desk, received: "2026-10-06 16:00", transfer: "2026-10-07 10:00",
			want: result{ReceiptDue: at("2026-10-09 17:00"), Provisional: true, Due: at("2026-10-12 10:00"),
				Causes: []CommandKind{Receive, Transfer}},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := openAt(t, c.rules, c.desk, at(c.received))
			slip, err := d.ReceiptSlip()
			if err != nil {
				t.Fatal(err)
			}
			if d.DueProvisional() != c.want.Provisional {
				t.Errorf("DueProvisional before transfer = %v", d.DueProvisional())
			}
			mustApply(t, d, Command{Kind: Transfer, Actor: Actor{ID: "clerk-2", Role: RoleClerk, Agency: c.desk}}, at(c.transfer))
			got := result{ReceiptDue: slip.Due, Provisional: slip.Provisional, Due: d.Deadline.Due}
			for _, h := range d.Deadline.History {
				got.Causes = append(got.Causes, h.Cause)
			}
			if diff := cmp.Diff(c.want, got); diff != "" {
				t.Fatal(diff)
			}
			if d.DueProvisional() {
				t.Error("still provisional after the transfer")
			}
			if d.Steps[0].Due != d.Deadline.Due {
				t.Errorf("step due %v, dossier due %v", d.Steps[0].Due, d.Deadline.Due)
			}
			if again, _ := d.ReceiptSlip(); again.Due != slip.Due || again.Provisional != slip.Provisional {
				t.Errorf("receipt slip changed by the transfer: %+v", again)
			}
		})
	}
}

func TestProvisionalReceiptSlipText(t *testing.T) {
	d := openAt(t, rules309(t), otherDesk, at("2026-10-06 16:00"))
	slip, _ := d.ReceiptSlip()
	text := slip.Text()
	for _, want := range []string{"Hẹn trả kết quả lúc (dự kiến): 17 giờ 00 phút, ngày 09/10/2026\n",
		"Ghi chú: thời hạn giải quyết tính từ khi cơ quan có thẩm quyền nhận hồ sơ"} {
		if !strings.Contains(text, want) {
			t.Errorf("missing %q in\n%s", want, text)
		}
	}
	same := openAt(t, rules309(t), desk, at("2026-10-06 16:00"))
	slip, _ = same.ReceiptSlip()
	if text := slip.Text(); strings.Contains(text, "dự kiến") || !strings.Contains(text, "Hẹn trả kết quả lúc: 16 giờ 00 phút, ngày 09/10/2026\n") {
		t.Errorf("same-province slip:\n%s", text)
	}
}

// The due time from the route plan made at the hand-over is taken as given; one before the
// hand-over is refused and changes nothing.
func TestTransferDueFromPlan(t *testing.T) {
	d := openAt(t, rules309(t), otherDesk, at("2026-10-06 16:00"))
	clerk2 := Actor{ID: "clerk-2", Role: RoleClerk, Agency: otherDesk}
	before := *d
	before.Events = append([]Event(nil), d.Events...)
	_, err := d.Apply(Command{Kind: Transfer, Actor: clerk2, Due: at("2026-10-07 09:00")}, at("2026-10-07 10:00"))
	var fe *FieldError
	if !errors.As(err, &fe) || fe.Field != "due" || !errors.Is(err, ErrInvalid) {
		t.Fatalf("err = %v", err)
	}
	if diff := cmp.Diff(&before, d); diff != "" {
		t.Fatal(diff)
	}
	planned := at("2026-10-13 10:00")
	steps := twoSteps(at("2026-10-09 10:00"), planned)
	mustApply(t, d, Command{Kind: Transfer, Actor: clerk2, Due: planned, Steps: steps}, at("2026-10-07 10:00"))
	if d.Deadline.Due != planned {
		t.Fatalf("due %v", d.Deadline.Due)
	}
	// The same command on a dossier whose count runs from the receipt leaves its due time.
	s := openAt(t, rules309(t), desk, at("2026-10-06 16:00"))
	due := s.Deadline.Due
	mustApply(t, s, Command{Kind: Transfer, Actor: clerk, Due: planned, Steps: steps}, at("2026-10-07 10:00"))
	if s.Deadline.Due != due || len(s.Deadline.History) != 1 {
		t.Fatalf("due %v, history %v", s.Deadline.Due, s.Deadline.History)
	}
}

// The clock's derived views count from the hand-over: the desk's time is not the agency's.
func TestCompetentReceiptDerivedViews(t *testing.T) {
	d := openAt(t, rules309(t), otherDesk, at("2026-10-06 16:00"))
	clerk2 := Actor{ID: "clerk-2", Role: RoleClerk, Agency: otherDesk}
	mustApply(t, d, Command{Kind: Transfer, Actor: clerk2}, at("2026-10-07 10:00"))
	if u := d.Used(at("2026-10-07 10:00")); u != 0 {
		t.Errorf("Used at the hand-over = %v", u)
	}
	// Mon 09:00 is after the receipt's 3 working days but before the fixed due time.
	now := at("2026-10-12 09:00")
	if d.Overdue(now) || d.Late766(now) {
		t.Errorf("Overdue %v, Late766 %v", d.Overdue(now), d.Late766(now))
	}
	if !d.AtRisk(now) {
		t.Error("not at risk with one hour of three days left")
	}
	late := at("2026-10-12 11:00")
	if !d.Overdue(late) || !d.Late766(late) {
		t.Errorf("Overdue %v, Late766 %v at %v", d.Overdue(late), d.Late766(late), late)
	}
	// The supplement window (3 working days) runs from the hand-over too.
	mustApply(t, d, Command{Kind: Start, Actor: officerA}, at("2026-10-07 10:30"))
	if _, err := d.Apply(Command{Kind: RequestSupplement, Actor: officerA, Reason: "Thiếu bản sao"}, at("2026-10-12 09:30")); err != nil {
		t.Fatalf("supplement within 3 working days of the hand-over: %v", err)
	}
}

// A boundary-free dossier through its life: replay gives it back, and so does JSON.
func TestCompetentReceiptReplayAndJSON(t *testing.T) {
	r := rules309(t)
	d := openAt(t, r, otherDesk, at("2026-10-06 16:00"))
	clerk2 := Actor{ID: "clerk-2", Role: RoleClerk, Agency: otherDesk}
	mustApply(t, d, Command{Kind: Transfer, Actor: clerk2}, at("2026-10-07 10:00"))
	mustApply(t, d, Command{Kind: Start, Actor: officerA}, at("2026-10-07 10:30"))
	mustApply(t, d, Command{Kind: RequestSupplement, Actor: officerA, Reason: "Thiếu bản sao"}, at("2026-10-08 09:00"))
	mustApply(t, d, Command{Kind: Supplement, Actor: citizen}, at("2026-10-09 09:00"))
	if d.Deadline.Due != at("2026-10-14 09:00") {
		t.Fatalf("restarted due %v", d.Deadline.Due)
	}
	if u := d.Used(at("2026-10-09 09:00")); u != 0 {
		t.Errorf("Used after the restart = %v", u)
	}
	mustApply(t, d, Command{Kind: Resolve, Actor: officerA, Reference: "123/QĐ"}, at("2026-10-12 15:00"))

	again, err := r.Replay(d.Events)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(d, again); diff != "" {
		t.Fatalf("replay:\n%s", diff)
	}
	b, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	back := &Dossier{Rules: r}
	if err := json.Unmarshal(b, back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(d, back); diff != "" {
		t.Fatalf("json:\n%s", diff)
	}
	if back.Overdue(at("2026-10-20 09:00")) || back.Late766(at("2026-10-20 09:00")) {
		t.Error("decoded dossier judged late")
	}
	slip, _ := back.ReceiptSlip()
	if !slip.Provisional || slip.Due != at("2026-10-09 17:00") {
		t.Errorf("decoded receipt slip %+v", slip)
	}
}

func TestOwnDesk(t *testing.T) {
	cases := []struct {
		desk, agency string
		want         bool
	}{
		{"000.00.31.H49", "000.00.12.H49", true},  // same province
		{"000.00.31.H22", "000.00.12.H49", false}, // another province
		{"000.00.31.H49", "000.00.04.G14", true},  // a central agency's procedure
		{"", "000.00.12.H49", true},
		{"desk", "agency", true},
	}
	for _, c := range cases {
		if got := OwnDesk(c.desk, c.agency); got != c.want {
			t.Errorf("OwnDesk(%q, %q) = %v", c.desk, c.agency, got)
		}
	}
	if p := DefaultPolicy(Decree61); p.ClockFromCompetentReceipt {
		t.Error("Decree 61 counts from the competent agency's receipt")
	}
	// Decree 309/2026 is weakly sourced (its only copy numbers articles unlike Decree 118):
	// opt-in, with its date ready.
	if p := DefaultPolicy(Decree118); p.ClockFromCompetentReceipt || p.Decree309From != date.New(2026, 8, 5) {
		t.Errorf("Decree 118 default: %v from %v", p.ClockFromCompetentReceipt, p.Decree309From)
	}
}

// Property: a desk that hands a boundary-free dossier over by TransferDue never makes the
// fixed appointment later than the provisional one on the receipt slip.
func TestHandoverOnTimeKeepsProvisionalDue(t *testing.T) {
	r := rules309(t)
	rng := rand.New(rand.NewPCG(309, 2026))
	clerk2 := Actor{ID: "clerk-2", Role: RoleClerk, Agency: otherDesk}
	for range 300 {
		recv := at("2026-10-01 00:00").Add(time.Duration(rng.IntN(60*24*60)) * time.Minute)
		in := testIntake(procedure.Channel(1+rng.IntN(3)), calendar.Limit{N: 1 + rng.IntN(10), Unit: calendar.WorkingDays})
		in.Desk = otherDesk
		d, err := r.Open(in, clerk2, recv)
		if err != nil {
			t.Fatal(err)
		}
		mustApply(t, d, Command{Kind: Receive, Actor: clerk2, Code: Code{Unit: d.CodeUnit(recv), Date: dateOf(recv), Seq: 1}}, recv)
		provisional := d.Deadline.Due
		by := d.TransferDue()
		hand := recv
		if span := by.Sub(recv); span > 0 {
			hand = recv.Add(time.Duration(rng.Int64N(int64(span) + 1)))
		}
		mustApply(t, d, Command{Kind: Transfer, Actor: clerk2}, hand)
		if d.Deadline.Due.After(provisional) {
			t.Fatalf("received %v (%v), handed over %v by %v: due %v after provisional %v",
				recv, in.Channel, hand, by, d.Deadline.Due, provisional)
		}
	}
}
