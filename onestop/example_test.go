package onestop_test

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/motcua-go/motcua/calendar"
	"github.com/motcua-go/motcua/dossier"
	"github.com/motcua-go/motcua/onestop"
	"github.com/motcua-go/motcua/procedure"
	"golang.org/x/text/language"
)

// A birth registration received at a commune desk on a Tuesday morning, resolved the same
// day and looked up by its code.
func Example() {
	ctx := context.Background()
	f, err := os.Open("testdata/catalog.json")
	if err != nil {
		panic(err)
	}
	defer f.Close()
	catalog, err := procedure.Load(f, procedure.LoadOptions{})
	if err != nil {
		panic(err)
	}
	clock := onestop.NewFakeClock(time.Date(2026, 3, 10, 9, 0, 0, 0, calendar.Zone()))
	office, err := onestop.New(onestop.Config{Desk: "000.00.31.H49", Catalog: catalog, Clock: clock})
	if err != nil {
		panic(err)
	}
	clerk := dossier.Actor{ID: "clerk-1", Role: dossier.RoleClerk, Agency: "000.00.31.H49"}
	officer := dossier.Actor{ID: "civil-1", Role: dossier.RoleOfficer, Agency: "000.00.31.H49"}

	res, err := office.Intake(ctx, clerk, onestop.Submission{
		Procedure: "1.001193", Channel: procedure.Counter, Competent: "000.00.31.H49",
		Applicant: dossier.Applicant{Kind: dossier.Person, Name: "Nguyễn Văn An", CitizenID: "022090012345",
			Address: dossier.Address{Line: "Thôn 1", UnitCode: "22300", UnitName: "Đặc khu Vân Đồn, Quảng Ninh"}},
		Documents: []string{"Tờ khai đăng ký khai sinh", "Giấy chứng sinh"},
	})
	if err != nil {
		panic(err)
	}
	fmt.Println(res.Decision, res.Code, "due", res.Due.Format("02/01 15:04"))

	if _, err := office.Transfer(ctx, clerk, res.Code); err != nil {
		panic(err)
	}
	if _, err := office.Start(ctx, officer, res.Code); err != nil {
		panic(err)
	}
	clock.Set(time.Date(2026, 3, 10, 14, 0, 0, 0, calendar.Zone()))
	ready, err := office.Resolve(ctx, officer, res.Code, "12/GKS")
	if err != nil {
		panic(err)
	}
	fmt.Println("result ready at", ready.Public.ResultAt.Format("15:04"), "early:", ready.Early)

	// The citizen types the code on a phone: small letters and a space after it are fine.
	st, err := office.Lookup(ctx, "000.00.31.h49-260310-0001 ")
	if err != nil {
		panic(err)
	}
	fmt.Println(st.Code, st.National, "—", int(st.National))
	_, err = office.Lookup(ctx, "000.00.31.H49-260310-9999")
	fmt.Println(onestop.Message(err, language.Vietnamese))
	fmt.Println(onestop.Message(err, language.English))
	// Output:
	// accepted 000.00.31.H49-260310-0001 due 10/03 17:00
	// result ready at 14:00 early: false
	// 000.00.31.H49-260310-0001 Đã xử lý xong — 9
	// mã hồ sơ "000.00.31.H49-260310-9999" không phải là mã hồ sơ đã tiếp nhận
	// dossier code "000.00.31.H49-260310-9999" is not a known dossier code
}

// The report form's identities hold for any history.
func ExampleBuildReport() {
	day := func(d, h int) int64 { return time.Date(2026, 3, d, h, 0, 0, 0, calendar.Zone()).Unix() }
	ss := []onestop.Summary{
		{Level: "commune", Field: "Hộ tịch", Agency: "000.00.31.H49", Online: true, Received: day(2, 9), Due: day(2, 17), End: day(2, 11), Outcome: onestop.OutcomeResolved},
		{Level: "commune", Field: "Hộ tịch", Agency: "000.00.31.H49", Received: day(3, 9), Due: day(6, 9), End: day(9, 9), Outcome: onestop.OutcomeResolved},
		{Level: "commune", Field: "Đất đai", Agency: "000.00.31.H49", Received: day(4, 9), Due: day(20, 9)},
	}
	rep, err := onestop.BuildReport(time.Date(2026, 3, 1, 0, 0, 0, 0, calendar.Zone()), time.Date(2026, 4, 1, 0, 0, 0, 0, calendar.Zone()), ss, onestop.ReportOptions{})
	if err != nil {
		panic(err)
	}
	t := rep.Total
	fmt.Printf("received %d (online %d, counter %d, carried %d)\n", t.Received, t.ReceivedOnline, t.ReceivedCounter, t.CarriedOver)
	fmt.Printf("resolved %d (early %d, on time %d, late %d); in progress %d\n", t.Resolved, t.Early, t.OnTime, t.Late, t.InProgress)
	fmt.Printf("on time %.1f%%; identities: %v\n", rep.OnTime.Percent(), rep.Check())
	// Output:
	// received 3 (online 1, counter 2, carried 0)
	// resolved 2 (early 0, on time 1, late 1); in progress 1
	// on time 33.3%; identities: <nil>
}

// A birth registration received at the Vân Đồn desk (Quảng Ninh) for an agency of Hưng Yên
// after Decree 309/2026: the time limit runs from the competent agency's receipt. The receipt
// gives a provisional appointment, counted from the latest hand-over the desk is allowed (the
// close of the day: after the same-day cut-off, so the next day); the transfer at 14:00 fixes
// it by the same-day rule.
func ExampleOffice_Transfer_boundaryFree() {
	ctx := context.Background()
	f, err := os.Open("testdata/catalog.json")
	if err != nil {
		panic(err)
	}
	defer f.Close()
	catalog, err := procedure.Load(f, procedure.LoadOptions{})
	if err != nil {
		panic(err)
	}
	// The clock of Decree 309/2026 is opt-in (the decree is weakly sourced).
	pol := dossier.DefaultPolicy(dossier.Decree118)
	pol.ClockFromCompetentReceipt = true
	rules, err := dossier.NewRules(dossier.RulesConfig{Decree118: &pol})
	if err != nil {
		panic(err)
	}
	clock := onestop.NewFakeClock(time.Date(2026, 8, 11, 10, 0, 0, 0, calendar.Zone()))
	office, err := onestop.New(onestop.Config{Desk: "000.00.31.H49", Catalog: catalog, Clock: clock, Rules: rules,
		// Reception for agencies of every province (Decree 309/2026, new Art. 14(4)).
		Receivable: func(string, string, time.Time) bool { return true }})
	if err != nil {
		panic(err)
	}
	clerk := dossier.Actor{ID: "clerk-1", Role: dossier.RoleClerk, Agency: "000.00.31.H49"}

	res, err := office.Intake(ctx, clerk, onestop.Submission{
		Procedure: "1.001193", Channel: procedure.Counter, Competent: "000.00.00.H33",
		Applicant: dossier.Applicant{Kind: dossier.Person, Name: "Nguyễn Văn An", CitizenID: "022090012345",
			Address: dossier.Address{Line: "Thôn 1", UnitCode: "22300", UnitName: "Đặc khu Vân Đồn, Quảng Ninh"}},
		Documents: []string{"Tờ khai đăng ký khai sinh", "Giấy chứng sinh"},
	})
	if err != nil {
		panic(err)
	}
	fmt.Println(res.Code, "due", res.Due.Format("02/01 15:04"), "provisional:", res.Provisional)

	clock.Set(time.Date(2026, 8, 11, 14, 0, 0, 0, calendar.Zone()))
	h, err := office.Transfer(ctx, clerk, res.Code)
	if err != nil {
		panic(err)
	}
	st, err := office.Lookup(ctx, res.Code)
	if err != nil {
		panic(err)
	}
	fmt.Println("transferred; due", st.Due.Format("02/01 15:04"), "provisional:", st.Provisional,
		"step due", h.Slip.Rows[0].Due.Format("02/01 15:04"))
	// Output:
	// 000.00.00.H33-260811-0001 due 12/08 17:00 provisional: true
	// transferred; due 11/08 17:00 provisional: false step due 11/08 17:00
}
