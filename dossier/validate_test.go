package dossier

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/motcua-go/motcua/calendar"
	"github.com/motcua-go/motcua/procedure"
	"golang.org/x/text/language"
)

func TestApplicantValidation(t *testing.T) {
	good := testIntake(procedure.Counter, calendar.Limit{N: 5, Unit: calendar.WorkingDays}).Applicant
	org := Applicant{Kind: Organisation, Name: "Công ty TNHH Hạ Long Xanh", TaxCode: "5701234567-001",
		Phone: "+84 203 3825 111", Address: Address{Line: "Số 1 Đường 25/4", UnitCode: "06655"}}
	cases := []struct {
		name string
		edit func(*Applicant)
		base Applicant
		en   []string
		vi   []string
	}{
		{"person", func(*Applicant) {}, good, nil, nil},
		{"organisation with a branch code and a landline", func(*Applicant) {}, org, nil, nil},
		{"citizen ID of 9 digits (old identity card)", func(a *Applicant) { a.CitizenID = "100123456" }, good,
			[]string{`applicant.citizen_id is not valid`}, []string{`số định danh cá nhân không hợp lệ`}},
		{"citizen ID with province 000", func(a *Applicant) { a.CitizenID = "000090012345" }, good,
			[]string{`applicant.citizen_id is not valid`}, nil},
		{"citizen ID missing", func(a *Applicant) { a.CitizenID = "" }, good,
			[]string{`applicant.citizen_id is required`}, []string{`số định danh cá nhân là bắt buộc`}},
		{"tax code of 9 digits", func(a *Applicant) { a.TaxCode = "570123456" }, org,
			[]string{`applicant.tax_code is not valid`}, nil},
		{"phone, e-mail and unit", func(a *Applicant) {
			a.Phone, a.Email, a.Address.UnitCode = "0123456789", "An <an@example.vn>", "H49"
		}, good, []string{
			`applicant.phone is not valid`,
			`applicant.email is not valid`,
			`applicant.address.unit_code "H49" is not valid`,
		}, nil},
		{"mobile in international form", func(a *Applicant) { a.Phone = "+84 912 345 678" }, good, nil, nil},
		{"no name, no address, no kind", func(a *Applicant) { a.Kind, a.Name, a.Address = 0, " ", Address{} }, good, []string{
			`applicant.kind "0" is not valid`, `applicant.name is required`,
			`applicant.address.line is required`, `applicant.address.unit_code is required`,
		}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := c.base
			c.edit(&a)
			err := a.Validate()
			if c.en == nil {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			var ve *ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("err = %v", err)
			}
			if diff := cmp.Diff(c.en, ve.Messages(language.English)); diff != "" {
				t.Error(diff)
			}
			if c.vi != nil {
				if diff := cmp.Diff(c.vi, ve.Messages(language.Vietnamese)); diff != "" {
					t.Error(diff)
				}
			}
			var fe *FieldError
			if !errors.As(err, &fe) || fe.Field != "applicant."+fieldOf(c.en[0]) {
				t.Errorf("first field error %v", fe)
			}
		})
	}
}

func fieldOf(msg string) string {
	for i := range msg {
		if msg[i] == ' ' {
			return msg[len("applicant."):i]
		}
	}
	return msg
}

func TestIntakeValidation(t *testing.T) {
	in := testIntake(procedure.Channel(9), calendar.Limit{N: -1, Unit: calendar.WorkingDays})
	in.Procedure.Version, in.Desk, in.Agency = "", "H49", ""
	in.Documents = append(in.Documents, "")
	err := in.Validate()
	var ve *ValidationError
	if !errors.As(err, &ve) {
		t.Fatal(err)
	}
	want := []string{
		`procedure.version is required`, `channel "Channel(9)" is not valid`, `desk "H49" is not valid`,
		`agency is required`, `limit "-1" is not valid`, `documents[2] is required`,
	}
	if diff := cmp.Diff(want, ve.Messages(language.English)); diff != "" {
		t.Fatal(diff)
	}
	if !errors.Is(err, ErrRequired) || !errors.Is(err, ErrInvalid) {
		t.Fatal("sentinels not found")
	}
}

func TestPolicyValidation(t *testing.T) {
	p := DefaultPolicy(Decree61)
	p.AtRiskShare, p.TransferCutoff, p.AfterSupplement = 1.5, -1, 0
	_, err := NewRules(RulesConfig{Decree61: &p})
	var ve *ValidationError
	if !errors.As(err, &ve) || len(ve.Problems) != 3 {
		t.Fatalf("err = %v", err)
	}
}
