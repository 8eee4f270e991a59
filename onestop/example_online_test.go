package onestop_test

import (
	"context"
	"fmt"
	"time"

	"github.com/motcua-go/motcua/dossier"
	"github.com/motcua-go/motcua/onestop"
	"github.com/motcua-go/motcua/procedure"
	"golang.org/x/text/language"
)

// An online submission in three instants (Decree 118/2025 Art. 17(2)–(3)): the province
// system receives it from the National Public Service Portal, the applicant follows it by the
// portal's reference while it waits for the desk, the sweep reminds the desk as its 8 working
// hours run out, and the desk's acceptance issues the code and starts the time limit.
func ExampleOffice_Accept() {
	ctx := context.Background()
	office, clock := exampleOffice(nil, nil, false)
	clerk := dossier.Actor{ID: "clerk-1", Role: dossier.RoleClerk, Agency: "000.00.31.H49"}
	sub := exampleBirth()
	sub.Channel, sub.Reference = procedure.Online, "G22.99-260310-0042"
	p, err := office.ReceiveOnline(ctx, sub) // Tue 10/03 09:00
	if err != nil {
		panic(err)
	}
	v, err := office.Lookup(ctx, onestop.PendingKey(p.Reference))
	if err != nil {
		panic(err)
	}
	fmt.Println(v.StateName(language.Vietnamese), "— the desk answers by", v.AcceptBy.Format("02/01 15:04"))
	clock.Advance(7*time.Hour + 55*time.Minute)
	alerts, err := office.Sweep(ctx)
	if err != nil {
		panic(err)
	}
	for _, a := range alerts {
		fmt.Println(a.Kind, a.Reference, "by", a.Due.Format("02/01 15:04"))
	}
	res, err := office.Accept(ctx, clerk, p.Reference, onestop.Review{})
	if err != nil {
		panic(err)
	}
	fmt.Println(res.Decision, res.Code, "received", res.Received.Format("02/01 15:04"))
	// Output:
	// chờ tiếp nhận — the desk answers by 11/03 09:00
	// acceptance due G22.99-260310-0042 by 11/03 09:00
	// accepted 000.00.31.H49-260310-0001 received 10/03 16:55
}
