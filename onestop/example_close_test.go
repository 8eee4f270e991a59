package onestop_test

import (
	"context"
	"fmt"
	"time"

	"github.com/motcua-go/motcua/dossier"
	"golang.org/x/text/language"
)

// A supplement asked for during processing and left unanswered: 15 days after the notice the
// sweep lists the dossier as due for closing, and the desk closes it (Decree 118/2025 Art.
// 19(5)). The dossier ends without being late: its clock stopped at the notice.
func ExampleOffice_Close() {
	ctx := context.Background()
	office, clock := exampleOffice(nil, nil, false)
	clerk := dossier.Actor{ID: "clerk-1", Role: dossier.RoleClerk, Agency: "000.00.31.H49"}
	officer := dossier.Actor{ID: "civil-1", Role: dossier.RoleOfficer, Agency: "000.00.31.H49"}
	res, err := office.Intake(ctx, clerk, exampleBirth())
	if err != nil {
		panic(err)
	}
	if _, err := office.Transfer(ctx, clerk, res.Code); err != nil {
		panic(err)
	}
	if _, err := office.Start(ctx, officer, res.Code); err != nil {
		panic(err)
	}
	if _, err := office.RequestSupplement(ctx, officer, res.Code, "giấy chứng sinh không rõ", []string{"Giấy chứng sinh"}); err != nil {
		panic(err)
	}
	clock.Advance(16 * 24 * time.Hour)
	alerts, err := office.Sweep(ctx)
	if err != nil {
		panic(err)
	}
	for _, a := range alerts {
		fmt.Println(a.Kind, "since", a.Due.Format("02/01 15:04"))
	}
	st, err := office.Close(ctx, clerk, res.Code, "quá hạn bổ sung hồ sơ")
	if err != nil {
		panic(err)
	}
	fmt.Println(st.StateName(language.Vietnamese), "/", st.StateName(language.English), "— overdue:", st.Overdue)
	// Output:
	// close due since 25/03 17:00
	// đã đóng hồ sơ / closed — overdue: false
}
