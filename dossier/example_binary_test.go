package dossier_test

import (
	"fmt"

	"github.com/motcua-go/motcua/calendar"
	"github.com/motcua-go/motcua/dossier"
	"github.com/motcua-go/motcua/procedure"
)

// A store keeps a dossier and its log in the binary encoding and reads it back; the rules are
// not encoded, so the reader attaches its own before decoding.
func ExampleDossier_MarshalBinary() {
	rules, err := dossier.NewRules(dossier.RulesConfig{})
	if err != nil {
		panic(err)
	}
	clerk := dossier.Actor{ID: "tn-01", Role: dossier.RoleClerk, Agency: "000.00.00.H49"}
	d, err := rules.Open(dossier.Intake{
		Procedure: dossier.ProcedureRef{Code: "1.001193", Version: "2025-01", Name: "Đăng ký khai sinh"},
		Applicant: dossier.Applicant{Kind: dossier.Person, Name: "Trần Thị Bình", CitizenID: "022190012345",
			Address: dossier.Address{Line: "Tổ 3, khu 5", UnitCode: "06655", UnitName: "Phường Hồng Gai, Quảng Ninh"}},
		Channel:   procedure.Counter,
		Desk:      "000.00.00.H49",
		Agency:    "000.00.12.H49",
		Limit:     calendar.Limit{N: 3, Unit: calendar.WorkingDays},
		Documents: []string{"Tờ khai đăng ký khai sinh", "Giấy chứng sinh"},
	}, clerk, vn("2025-03-04 09:10"))
	if err != nil {
		panic(err)
	}
	b, err := d.MarshalBinary()
	if err != nil {
		panic(err)
	}
	back := &dossier.Dossier{Rules: rules}
	if err := back.UnmarshalBinary(b); err != nil {
		panic(err)
	}
	fmt.Println(back.State, len(back.Events), back.Applicant.Name, back.Events[0].At.Format("02/01/2006 15:04"))
	fmt.Println(back.UnmarshalBinary(b[:len(b)-1]) != nil) // truncated: refused, back unchanged
	// Output:
	// Submitted 1 Trần Thị Bình 04/03/2025 09:10
	// true
}
