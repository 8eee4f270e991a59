package portal_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/motcua-go/motcua/onestop"
	"github.com/motcua-go/motcua/portal"
	"golang.org/x/text/language"
)

// Reconcile lists the dossiers the portal misses or holds with another status, and the codes
// it holds that the store does not; Resync writes their records again, and once delivered the
// portal holds every dossier of the desk with the store's status.
func TestReconcileAndResync(t *testing.T) {
	fake := newFakePortal(t, private()...)
	w := newWorld(t, httpSender(fake.srv.URL))
	w.quickstart()
	// Nothing delivered yet: drop the outbox, as if its messages had been lost.
	for {
		got, err := w.store.Fetch(ctx, w.clock.Now(), time.Hour, 1000)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) == 0 {
			break
		}
		for _, m := range got {
			if err := w.store.Ack(ctx, m.ID); err != nil {
				t.Fatal(err)
			}
		}
	}
	held := []portal.Held{
		{Code: w.codes["returned"], Status: 10},          // up to date
		{Code: w.codes["group"], Status: 2},              // out of date: in process now
		{Code: " " + w.codes["online"] + " ", Status: 9}, // up to date, spaces around
		{Code: "000.00.31.H49-260310-9999", Status: 4},   // not ours
		{Code: "000.00.31.H49-260310-9999\x00" + "ẞ very long garbage that the report must not repeat in full because it is long", Status: 1},
	}
	rec, err := portal.Reconcile(ctx, w.store, desk, held)
	if err != nil {
		t.Fatal(err)
	}
	var missing []string
	for _, d := range rec.Missing {
		missing = append(missing, d.Code)
		if d.Portal != 0 {
			t.Errorf("missing %s with portal status %d", d.Code, d.Portal)
		}
	}
	want := []string{w.codes["apologised"], w.codes["returned"], w.codes["group"], w.codes["business"],
		w.codes["supplemented"], w.codes["processing-supplement"], w.codes["received"]}
	want = without(want, w.codes["returned"], w.codes["group"])
	slices.Sort(want)
	if diff := cmp.Diff(want, missing); diff != "" {
		t.Errorf("missing (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]portal.Drift{{Code: w.codes["group"], Key: storedKey(t, w.codes["group"]), Status: 4, Portal: 2}}, rec.OutOfDate); diff != "" {
		t.Errorf("out of date (-want +got):\n%s", diff)
	}
	if rec.Matched != 2 || len(rec.Unknown) != 2 || rec.Unknown[0] != "000.00.31.H49-260310-9999" || len([]rune(rec.Unknown[1])) > 65 {
		t.Errorf("matched %d, unknown %q", rec.Matched, rec.Unknown)
	}
	// Another desk's list knows none of these dossiers.
	if other, err := portal.Reconcile(ctx, w.store, "000.00.01.H49", nil); err != nil || len(other.Missing) != 0 {
		t.Errorf("another desk: %+v, %v", other, err)
	}

	n, err := w.pub.Resync(ctx, w.store, rec)
	if err != nil || n < len(want)+1 {
		t.Fatalf("Resync wrote %d messages, %v", n, err)
	}
	w.deliverAll()
	for name, code := range w.codes {
		view, err := w.office.Lookup(ctx, code)
		if err != nil {
			t.Fatal(err)
		}
		switch name {
		case "returned", "online":
			if _, ok := fake.model.dossiers[code]; ok {
				t.Errorf("%s was up to date, and was sent again", name)
			}
			continue
		}
		if got := fake.model.dossiers[code].status; got != itoa(int(view.National)) {
			t.Errorf("%s after Resync: the portal shows %q, Lookup %d", name, got, view.National)
		}
	}
	// A missing dossier comes as new, an out-of-date one as an update.
	for _, r := range fake.byCode[w.codes["apologised"]][:1] {
		if !containsAll(string(r.Request), `"isUpdating":"False"`) {
			t.Errorf("a missing dossier's record: %s", r.Request)
		}
	}
	for _, r := range fake.byCode[w.codes["group"]][:1] {
		if !containsAll(string(r.Request), `"isUpdating":"True"`, `"TrangThaiHoSo":"4"`) {
			t.Errorf("an out-of-date dossier's record: %s", r.Request)
		}
	}
}

// Decision 766's share of dossiers synchronised follows the portal's acknowledgements.
func TestSynchronised(t *testing.T) {
	fake := newFakePortal(t, private()...)
	w := newWorld(t, httpSender(fake.srv.URL))
	w.quickstart()
	from, to := at(10, 0, 0).Unix(), at(11, 0, 0).Unix()
	rate, err := portal.Synchronised(ctx, w.store, from, to)
	if err != nil {
		t.Fatal(err)
	}
	// Received on the 10th: online (at 07:30), returned, group, business, supplemented,
	// processing-supplement, received; the apologised dossier was received on the 6th.
	if rate != (portal.SyncRate{Dossiers: 7, Synchronised: 0}) || rate.String() != "0.0% (0 of 7)" {
		t.Fatalf("before delivery: %+v %s", rate, rate)
	}
	// The portal refuses everything for the group dossier.
	group := w.codes["group"]
	failing := portal.SenderFunc(func(c context.Context, m portal.Message) error {
		if m.Code == group {
			return errors.New("refused")
		}
		return httpSender(fake.srv.URL).Send(c, m)
	})
	pub, err := portal.New(portal.Config{Sender: failing})
	if err != nil {
		t.Fatal(err)
	}
	office, err := onestop.New(onestop.Config{Desk: desk, Catalog: w.cat, Clock: w.clock, Store: w.store, Publisher: pub})
	if err != nil {
		t.Fatal(err)
	}
	for range 10 {
		if _, err := office.Deliver(ctx, 0); err != nil {
			t.Fatal(err)
		}
		w.clock.Advance(2 * time.Hour)
	}
	rate, err = portal.Synchronised(ctx, w.store, from, to)
	if err != nil {
		t.Fatal(err)
	}
	if rate != (portal.SyncRate{Dossiers: 7, Synchronised: 6}) || rate.String() != "85.7% (6 of 7)" {
		t.Fatalf("after delivery: %+v %s", rate, rate)
	}
	if (portal.SyncRate{}).Percent() != 100 {
		t.Fatal("no dossier: not 100%")
	}
	var noTally struct{ onestop.Store }
	noTally.Store = w.store
	_, err = portal.Synchronised(ctx, noTally, from, to)
	var pe *portal.Error
	if !errors.As(err, &pe) || !errors.Is(err, portal.ErrNoTally) || pe.Message(language.Vietnamese) == pe.Error() {
		t.Fatalf("a store without OutboxTally: %v", err)
	}
}

func without(list []string, drop ...string) []string {
	var out []string
	for _, s := range list {
		keep := true
		for _, d := range drop {
			keep = keep && s != d
		}
		if keep {
			out = append(out, s)
		}
	}
	return out
}

func containsAll(s string, subs ...string) bool {
	for _, sub := range subs {
		if !strings.Contains(s, sub) {
			return false
		}
	}
	return true
}
