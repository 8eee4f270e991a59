package dossier

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
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

// TestOpenCopiesDocuments checks the lists Open keeps with the dossier (short ones in its own
// allocation, long ones apart): equal to the intake's, nil kept nil, shared with neither the
// caller nor each other, and growing without writing into one another.
func TestOpenCopiesDocuments(t *testing.T) {
	many := []string{"a", "b", "c", "d", "e", "f", "g"}
	cases := []struct {
		name             string
		docs, electronic []string
	}{
		{"both nil", nil, nil},
		{"empty", []string{}, nil},
		{"documents only", []string{"Tờ khai", "Giấy chứng sinh"}, nil},
		{"both, short", []string{"Tờ khai", "Giấy chứng sinh"}, []string{"Giấy chứng sinh"}},
		{"exactly the room", []string{"a", "b", "c"}, []string{"d", "e", "f"}},
		{"long", many, []string{"a"}},
	}
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			in := testIntake(procedure.Counter, calendar.Limit{N: 5, Unit: calendar.WorkingDays})
			in.Documents, in.Electronic = slices.Clone(tt.docs), slices.Clone(tt.electronic)
			d, err := testRules().Open(in, clerk, at("2025-03-03 09:00"))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.docs, d.Documents); diff != "" {
				t.Errorf("Documents (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.electronic, d.Events[0].Intake.Electronic); diff != "" {
				t.Errorf("Electronic (-want +got):\n%s", diff)
			}
			if (tt.docs == nil) != (d.Documents == nil) || (tt.electronic == nil) != (d.Events[0].Intake.Electronic == nil) {
				t.Errorf("nil lists: Documents %v, Electronic %v", d.Documents == nil, d.Events[0].Intake.Electronic == nil)
			}
			for i := range in.Documents {
				in.Documents[i] = "changed by the caller"
			}
			for i := range in.Electronic {
				in.Electronic[i] = "changed by the caller"
			}
			if diff := cmp.Diff(tt.docs, d.Documents); diff != "" {
				t.Errorf("Documents after the caller's change (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.electronic, d.Events[0].Intake.Electronic); diff != "" {
				t.Errorf("Electronic after the caller's change (-want +got):\n%s", diff)
			}
			for _, docs := range [][]string{d.Documents, d.Events[0].Intake.Documents} {
				if grown := append(docs, "appended"); grown[len(grown)-1] != "appended" {
					t.Fatal("append")
				}
			}
			if diff := cmp.Diff(tt.electronic, d.Events[0].Intake.Electronic); diff != "" {
				t.Errorf("Electronic after an append to Documents (-want +got):\n%s", diff)
			}
		})
	}
}
