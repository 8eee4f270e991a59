package dossier

import (
	"errors"
	"testing"
	"time"

	"github.com/motcua-go/motcua/calendar"
	"github.com/motcua-go/motcua/procedure"
)

// Decree 61/2018 Art. 15(3), 17: guidance to supplement at intake is given once, completely;
// the dossier gets its code only when accepted.
func TestIntakeGuidanceOnce(t *testing.T) {
	cases := []struct {
		name  string
		rules *Rules
		want  error
	}{
		{"second guidance refused", testRules(), ErrGuidanceRepeated},
		{"policy allows more", rulesWith(t, func(p *Policy) { p.IntakeGuidanceOnce = false }), nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d, err := c.rules.Open(testIntake(procedure.Online, calendar.Limit{N: 5, Unit: calendar.WorkingDays}), citizen, at("2025-03-03 20:00"))
			if err != nil {
				t.Fatal(err)
			}
			mustApply(t, d, Command{Kind: RequestIntakeSupplement, Actor: clerk, Reason: "Thiếu giấy chứng sinh",
				Attachments: []string{"Giấy chứng sinh"}}, at("2025-03-04 08:00"))
			if !d.Code.IsZero() || d.State.Status() != StatusSupplement {
				t.Fatalf("code %v, status %v", d.Code, d.State.Status())
			}
			slip, err := d.SupplementSlip()
			if err != nil || !slip.Intake || slip.Agency != desk || slip.Documents[0] != "Giấy chứng sinh" {
				t.Fatalf("slip %+v, %v", slip, err)
			}
			mustApply(t, d, Command{Kind: Resubmit, Actor: citizen}, at("2025-03-05 08:00"))
			err = applyChecked(t, d, Command{Kind: RequestIntakeSupplement, Actor: clerk, Reason: "Thiếu tờ khai"}, at("2025-03-05 09:00"))
			wantErr(t, err, c.want, time.Time{})
		})
	}
}

func TestIntakeRefusal(t *testing.T) {
	d, err := testRules().Open(testIntake(procedure.Online, calendar.Limit{N: 5, Unit: calendar.WorkingDays}), citizen, at("2025-03-03 20:00"))
	if err != nil {
		t.Fatal(err)
	}
	mustApply(t, d, Command{Kind: RefuseIntake, Actor: clerk, Reason: "Không thuộc thẩm quyền; nộp tại UBND xã"}, at("2025-03-04 08:00"))
	if d.State != NotAccepted || d.State.Status() != StatusNotAccepted || !d.Resolution.Refused || !d.Code.IsZero() {
		t.Fatalf("%v %+v", d.State, d.Resolution)
	}
	slip, err := d.RefusalSlip()
	if err != nil || !slip.Intake || slip.Reason == "" {
		t.Fatalf("%+v %v", slip, err)
	}
	if _, err := d.ReceiptSlip(); !errors.Is(err, ErrNoSlip) {
		t.Fatalf("receipt slip of a refused dossier: %v", err)
	}
}

// Time waiting for a tax or fee is paused by default.
func TestObligationPause(t *testing.T) {
	d := inProcess(t, testRules(), at("2025-03-04 09:10"))
	mustApply(t, d, Command{Kind: RequestObligation, Actor: officerA, Reason: "Nộp lệ phí"}, at("2025-03-05 09:10"))
	if d.State.Status() != StatusObligation || d.Overdue(at("2025-03-20 09:00")) {
		t.Fatal("paused clock overdue")
	}
	// Paid a full working day later: the due time moves by 8 working hours.
	mustApply(t, d, Command{Kind: FulfilObligation, Actor: clerk}, at("2025-03-06 09:10"))
	if want := at("2025-03-12 09:10"); !d.Deadline.Due.Equal(want) {
		t.Fatalf("due %v, want %v", d.Deadline.Due, want)
	}
	if _, got := d.span(); got != 8*time.Hour {
		t.Fatalf("paused %v", got)
	}
}
