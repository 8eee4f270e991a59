package portal_test

import (
	"context"
	"fmt"
	"time"

	"github.com/motcua-go/motcua/calendar"
	"github.com/motcua-go/motcua/dossier"
	"github.com/motcua-go/motcua/onestop"
	"github.com/motcua-go/motcua/portal"
	"github.com/motcua-go/motcua/procedure"
)

// A desk whose every command writes the portal's records in the same store write, and a
// deliverer that sends them: here the Sender prints them; in production it posts
// Message.Request to the portal's integration endpoint with the province's session.
func Example() {
	ctx := context.Background()
	send := portal.SenderFunc(func(_ context.Context, m portal.Message) error {
		if m.Dossier != nil {
			fmt.Println(m.Key(), "status", m.Dossier.TrangThaiHoSo, "due", m.Dossier.NgayHenTra)
		} else {
			fmt.Println(m.Key(), m.Progress.NoiDungXuLy)
		}
		return nil
	})
	pub, err := portal.New(portal.Config{Sender: send})
	if err != nil {
		fmt.Println(err)
		return
	}
	cat, err := procedure.Sample()
	if err != nil {
		fmt.Println(err)
		return
	}
	clock := onestop.NewFakeClock(time.Date(2026, time.March, 10, 8, 0, 0, 0, calendar.Zone()))
	office, err := onestop.New(onestop.Config{Desk: "000.00.31.H49", Catalog: cat, Clock: clock, Publisher: pub})
	if err != nil {
		fmt.Println(err)
		return
	}
	clerk := dossier.Actor{ID: "cb-01", Role: dossier.RoleClerk, Agency: "000.00.31.H49"}
	officer := dossier.Actor{ID: "tp-01", Role: dossier.RoleOfficer, Agency: "000.00.31.H49"}
	res, err := office.Intake(ctx, clerk, onestop.Submission{Procedure: "1.001193", Channel: procedure.Counter,
		Applicant: dossier.Applicant{Kind: dossier.Person, Name: "Nguyễn Văn An", CitizenID: "022090012345",
			Address: dossier.Address{Line: "Thôn 3", UnitCode: "22300", UnitName: "Đặc khu Vân Đồn, Quảng Ninh"}},
		Competent: "000.00.31.H49", Documents: documents(cat, "1.001193")})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, step := range []func() error{
		func() error { _, err := office.Transfer(ctx, clerk, res.Code); return err },
		func() error { _, err := office.Start(ctx, officer, res.Code); return err },
		func() error { _, err := office.Resolve(ctx, officer, res.Code, "125/2026/GKS"); return err },
	} {
		clock.Advance(10 * time.Minute)
		if err := step(); err != nil {
			fmt.Println(err)
			return
		}
	}
	if _, err := office.Deliver(ctx, 0); err != nil {
		fmt.Println(err)
	}
	// Output:
	// 000.00.31.H49-260310-0001/2/DongBoHoSoMC status 2 due 20260310170000
	// 000.00.31.H49-260310-0001/3/DongBoHoSoMC status 2 due 20260310170000
	// 000.00.31.H49-260310-0001/4/DongBoHoSoMC status 4 due 20260310170000
	// 000.00.31.H49-260310-0001/4/CapNhatTienDoHoSoMC/step-1/start Bắt đầu xử lý: quyết định
	// 000.00.31.H49-260310-0001/5/DongBoHoSoMC status 9 due 20260310170000
	// 000.00.31.H49-260310-0001/5/CapNhatTienDoHoSoMC/step-1/done Hoàn thành: quyết định
}

// documents lists the required documents of a procedure, as a clerk ticks them.
func documents(cat *procedure.Catalog, code string) []string {
	p, err := cat.Lookup(procedure.NationalCode(code), time.Date(2026, time.March, 10, 8, 0, 0, 0, calendar.Zone()))
	if err != nil {
		return nil
	}
	var out []string
	for _, d := range p.Documents {
		if d.Requirement == procedure.Required {
			out = append(out, d.Name)
		}
	}
	return out
}
