package onestop_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/motcua-go/motcua/calendar"
	"github.com/motcua-go/motcua/dossier"
	"github.com/motcua-go/motcua/onestop"
	"github.com/motcua-go/motcua/procedure"
)

// exampleOffice is a commune desk over store, with a notifier, at Tuesday 10 March 2026 09:00.
func exampleOffice(store onestop.Store, n onestop.Notifier, deferred bool) (*onestop.Office, *onestop.FakeClock) {
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
	office, err := onestop.New(onestop.Config{Desk: "000.00.31.H49", Catalog: catalog, Clock: clock, Store: store,
		Notifier: n, DeferDelivery: deferred})
	if err != nil {
		panic(err)
	}
	return office, clock
}

func exampleBirth() onestop.Submission {
	return onestop.Submission{Procedure: "1.001193", Channel: procedure.Counter, Competent: "000.00.31.H49",
		Applicant: dossier.Applicant{Kind: dossier.Person, Name: "Nguyễn Văn An", CitizenID: "022090012345",
			Address: dossier.Address{Line: "Thôn 1", UnitCode: "22300", UnitName: "Đặc khu Vân Đồn, Quảng Ninh"}},
		Documents: []string{"Tờ khai đăng ký khai sinh", "Giấy chứng sinh"}}
}

// A desk's work queue, one page at a time: the dossiers it holds, most urgent first.
func ExampleOffice_Queue() {
	ctx := context.Background()
	office, clock := exampleOffice(nil, nil, false)
	clerk := dossier.Actor{ID: "clerk-1", Role: dossier.RoleClerk, Agency: "000.00.31.H49"}
	for range 3 {
		if _, err := office.Intake(ctx, clerk, exampleBirth()); err != nil {
			panic(err)
		}
		clock.Advance(time.Hour)
	}
	q := onestop.QueueQuery{Agency: "000.00.31.H49", States: []dossier.State{dossier.Received}, Limit: 2}
	for {
		page, next, err := office.Queue(ctx, q)
		if err != nil {
			panic(err)
		}
		for _, d := range page {
			fmt.Println(d.Code, d.State, "due", d.Due.Format("02/01 15:04"))
		}
		if next == (onestop.QueueCursor{}) {
			break
		}
		fmt.Println("-- next page")
		q.After = next
	}
	// Output:
	// 000.00.31.H49-260310-0001 Received due 10/03 17:00
	// 000.00.31.H49-260310-0002 Received due 10/03 17:00
	// -- next page
	// 000.00.31.H49-260310-0003 Received due 10/03 17:00
}

// The notices of commands go through the store's outbox: a notice the notifier refuses stays
// there, and Office.Deliver, called periodically, hands it over later.
func ExampleOffice_Deliver() {
	ctx := context.Background()
	down := true
	sms := onestop.NotifierFunc(func(_ context.Context, n onestop.Notice) error {
		if down {
			return errors.New("SMS gateway unavailable")
		}
		fmt.Println("sent:", n.Code, n.Event)
		return nil
	})
	store := onestop.NewMemStore()
	office, clock := exampleOffice(store, sms, false)
	clerk := dossier.Actor{ID: "clerk-1", Role: dossier.RoleClerk, Agency: "000.00.31.H49"}

	res, err := office.Intake(ctx, clerk, exampleBirth())
	var ne *onestop.NotifyError
	fmt.Println("received", res.Code, "notice refused:", errors.As(err, &ne), "pending:", store.Pending())

	down = false
	clock.Advance(time.Minute) // past the first retry delay (30 s)
	d, err := office.Deliver(ctx, 0)
	if err != nil {
		panic(err)
	}
	fmt.Println("delivered:", d.Delivered, "pending:", store.Pending())
	// Output:
	// received 000.00.31.H49-260310-0001 notice refused: true pending: 1
	// sent: 000.00.31.H49-260310-0001 receive
	// delivered: 1 pending: 0
}
