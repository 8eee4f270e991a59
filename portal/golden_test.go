package portal_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/motcua-go/motcua/calendar"
	"github.com/motcua-go/motcua/dossier"
	"github.com/motcua-go/motcua/onestop"
	"github.com/motcua-go/motcua/portal"
	"github.com/motcua-go/motcua/procedure"
	"github.com/motcua-go/motcua/routing"
)

var update = flag.Bool("update", false, "rewrite the golden files of testdata/")

var ctx = context.Background()

// The day of examples/quickstart: Tuesday 10 March 2026 at the public administration service
// centre of Vân Đồn special zone, with its actors.
const (
	desk  = "000.00.31.H49" // UBND đặc khu Vân Đồn
	group = "lien-thong-khai-sinh-thuong-tru-bhyt-2015"
)

var (
	clerk     = dossier.Actor{ID: "cb-tiep-nhan-01", Role: dossier.RoleClerk, Agency: desk}
	civil     = dossier.Actor{ID: "cong-chuc-tu-phap-01", Role: dossier.RoleOfficer, Agency: desk}
	policeman = dossier.Actor{ID: "can-bo-cong-an-01", Role: dossier.RoleOfficer, Agency: "001.00.31.H49"}
	citizen   = dossier.Actor{ID: "cong-dan", Role: dossier.RoleApplicant}
)

func at(day, hour, min int) time.Time {
	return time.Date(2026, time.March, day, hour, min, 0, 0, calendar.Zone())
}

// applicants of the day: their names, ID numbers and phone are the personal data no record
// may carry outside ChuHoSo.
var applicants = map[string]string{
	"apologised": "Phạm Thị Dung", "online": "Hoàng Văn Em", "returned": "Nguyễn Văn An",
	"group": "Trần Thị Bích", "business": "Lê Văn Cường", "supplemented": "Vũ Thị Hoa",
	"received": "Đỗ Minh Khang", "processing-supplement": "Bùi Thị Lan",
}

var ids = map[string]string{
	"apologised": "022190004567", "online": "022092001234", "returned": "022090012345",
	"group": "022188007654", "business": "022085003210", "supplemented": "022195006789",
	"received": "022199001111", "processing-supplement": "022187002222",
}

func person(name string) dossier.Applicant {
	return dossier.Applicant{Kind: dossier.Person, Name: applicants[name], CitizenID: ids[name], Phone: "0912345678",
		Email: "nguoi.dan@example.vn", Address: dossier.Address{Line: "Thôn 3, Hạ Long", UnitCode: "22300", UnitName: "Đặc khu Vân Đồn, Quảng Ninh"}}
}

func private() []string {
	out := []string{"0912345678", "nguoi.dan@example.vn", "Thôn 3"}
	for k := range applicants {
		out = append(out, applicants[k], ids[k])
	}
	return out
}

// desk is an office of the quickstart's desk with a portal publisher sending to fake.
type world struct {
	t      testing.TB
	office *onestop.Office
	clock  *onestop.FakeClock
	store  onestop.Store
	pub    *portal.Publisher
	cat    *procedure.Catalog
	codes  map[string]string // by name, as printed
}

func newWorld(t testing.TB, sender portal.Sender) *world {
	t.Helper()
	return newWorldOn(t, sender, onestop.NewMemStore())
}

// newWorldOn is newWorld on the store given.
func newWorldOn(t testing.TB, sender portal.Sender, store onestop.Store) *world {
	t.Helper()
	cat, err := procedure.Sample()
	if err != nil {
		t.Fatal(err)
	}
	pub, err := portal.New(portal.Config{Sender: sender, FieldCodes: map[string]string{"Hộ tịch": "ma-linh-vuc-thu"}})
	if err != nil {
		t.Fatal(err)
	}
	w := &world{t: t, clock: onestop.NewFakeClock(at(6, 10, 0)), store: store, pub: pub, cat: cat,
		codes: map[string]string{}}
	w.office, err = onestop.New(onestop.Config{Desk: desk, Catalog: cat, Routes: routing.SampleSet(),
		Directory: routing.SampleDirectory(), Clock: w.clock, Store: w.store, Publisher: pub, Notifier: new(onestop.Recorder)})
	if err != nil {
		t.Fatal(err)
	}
	return w
}

func (w *world) required(code string, t time.Time) []string {
	p, err := w.cat.Lookup(procedure.NationalCode(code), t)
	if err != nil {
		w.t.Fatal(err)
	}
	var out []string
	for _, doc := range p.Documents {
		if doc.Requirement == procedure.Required {
			out = append(out, doc.Name)
		}
	}
	return out
}

func (w *world) do(t time.Time, f func() error) {
	w.t.Helper()
	w.clock.Set(t)
	if err := f(); err != nil {
		w.t.Fatal(err)
	}
}

func (w *world) intake(t time.Time, name string, sub onestop.Submission) string {
	w.t.Helper()
	w.clock.Set(t)
	sub.Applicant = person(name)
	res, err := w.office.Intake(ctx, clerk, sub)
	if err != nil {
		w.t.Fatal(err)
	}
	if res.Decision == onestop.DecisionReceive {
		w.codes[name] = res.Code
	}
	return res.Code
}

// quickstart runs the dossiers of examples/quickstart (apologised, online, returned, group,
// business, supplemented at intake), and two more: one only received, and one asked for a
// supplement during processing.
func (w *world) quickstart() {
	o := w.office
	late := w.intake(at(6, 10, 0), "apologised", onestop.Submission{Procedure: "1.004873", Channel: procedure.Counter,
		Competent: desk, Documents: w.required("1.004873", at(6, 10, 0))})
	w.do(at(6, 10, 5), func() error { _, err := o.Transfer(ctx, clerk, late); return err })
	w.do(at(6, 10, 30), func() error { _, err := o.Start(ctx, civil, late); return err })

	online := w.intake(at(9, 22, 15), "online", onestop.Submission{Procedure: "1.001193", Channel: procedure.Online,
		Competent: desk, Documents: w.required("1.001193", at(9, 22, 15)), Submitted: at(9, 22, 15)})
	w.do(at(10, 7, 50), func() error {
		_, err := o.Apologise(ctx, civil, late, "cần xác minh thông tin cư trú của Phạm Thị Dung", at(13, 10, 0))
		return err
	})
	w.do(at(10, 7, 55), func() error { _, err := o.Transfer(ctx, clerk, online); return err })

	birth := w.intake(at(10, 8, 0), "returned", onestop.Submission{Procedure: "1.001193", Channel: procedure.Counter,
		Competent: desk, Documents: w.required("1.001193", at(10, 8, 0))})
	w.do(at(10, 8, 5), func() error { _, err := o.Transfer(ctx, clerk, birth); return err })
	w.do(at(10, 8, 10), func() error { _, err := o.Start(ctx, civil, birth); return err })
	w.do(at(10, 8, 12), func() error { _, err := o.Start(ctx, civil, online); return err })

	grp := w.intake(at(10, 8, 30), "group", onestop.Submission{Group: group, Channel: procedure.Counter, Competent: desk,
		Documents: append(w.required("1.001193", at(10, 8, 30)), w.required("1.004222", at(10, 8, 30))...)})
	w.do(at(10, 8, 30), func() error { _, err := o.Transfer(ctx, clerk, grp); return err })
	w.do(at(10, 8, 40), func() error { _, err := o.Start(ctx, civil, grp); return err })
	w.do(at(10, 8, 45), func() error { _, err := o.Handoff(ctx, civil, grp); return err })

	biz := w.intake(at(10, 9, 15), "business", onestop.Submission{Procedure: "1.001612", Channel: procedure.Counter,
		Competent: desk, Documents: w.required("1.001612", at(10, 9, 15))})
	w.do(at(10, 9, 15), func() error { _, err := o.Transfer(ctx, clerk, biz); return err })
	w.do(at(10, 9, 30), func() error { _, err := o.Start(ctx, civil, biz); return err })
	w.do(at(10, 9, 35), func() error { _, err := o.Handoff(ctx, civil, biz); return err })

	docs := w.required("1.001193", at(10, 9, 40))
	sub := onestop.Submission{Procedure: "1.001193", Channel: procedure.Counter, Competent: desk, Documents: docs[1:]}
	if code := w.intake(at(10, 9, 40), "supplemented", sub); code != "" {
		w.t.Fatalf("an incomplete submission got code %s", code)
	}
	w.do(at(10, 10, 15), func() error { _, err := o.Handoff(ctx, civil, grp); return err })
	w.do(at(10, 10, 30), func() error { _, err := o.Resolve(ctx, civil, birth, "125/2026/GKS"); return err })
	w.do(at(10, 10, 30), func() error { _, err := o.Resolve(ctx, civil, online, "126/2026/GKS"); return err })
	w.do(at(10, 11, 0), func() error { _, err := o.Return(ctx, clerk, birth); return err })
	w.do(at(10, 11, 0), func() error { return o.Rate(ctx, citizen, birth, onestop.Satisfied, false) })

	sub.Documents = docs
	complete := w.intake(at(10, 14, 10), "supplemented", sub)
	w.do(at(10, 14, 15), func() error { _, err := o.Transfer(ctx, clerk, complete); return err })
	w.do(at(10, 14, 20), func() error { _, err := o.Start(ctx, civil, complete); return err })
	w.do(at(10, 15, 20), func() error { _, err := o.Handoff(ctx, policeman, grp); return err })
	w.do(at(10, 16, 0), func() error { _, err := o.Handoff(ctx, civil, biz); return err })
	w.do(at(10, 16, 20), func() error { _, err := o.Resolve(ctx, civil, complete, "127/2026/GKS"); return err })
	w.do(at(10, 16, 30), func() error { _, err := o.Return(ctx, clerk, complete); return err })

	// Beyond the quickstart: a supplement asked during processing, and a dossier only received.
	sup := w.intake(at(10, 14, 30), "processing-supplement", onestop.Submission{Procedure: "1.004873",
		Channel: procedure.Counter, Competent: desk, Documents: w.required("1.004873", at(10, 14, 30))})
	w.do(at(10, 14, 35), func() error { _, err := o.Transfer(ctx, clerk, sup); return err })
	w.do(at(10, 14, 40), func() error { _, err := o.Start(ctx, civil, sup); return err })
	w.do(at(10, 15, 0), func() error {
		_, err := o.RequestSupplement(ctx, civil, sup, "Bùi Thị Lan cần nộp bản sao sổ hộ khẩu", []string{"Giấy xác nhận cư trú"})
		return err
	})
	w.do(at(11, 9, 0), func() error {
		_, err := o.Supplement(ctx, clerk, sup, []string{"Giấy xác nhận cư trú"})
		return err
	})
	w.intake(at(10, 16, 50), "received", onestop.Submission{Procedure: "1.001193", Channel: procedure.Counter,
		Competent: desk, Documents: w.required("1.001193", at(10, 16, 50))})
}

// deliverAll runs Office.Deliver until the outbox is empty, moving the clock past each retry
// delay.
func (w *world) deliverAll() {
	w.t.Helper()
	for range 50 {
		dl, err := w.office.Deliver(ctx, 0)
		if err != nil {
			w.t.Fatal(err)
		}
		if dl.Delivered+dl.Failed == 0 && w.pending() == 0 {
			return
		}
		w.clock.Advance(time.Hour)
	}
	w.t.Fatalf("%d messages still in the outbox", w.pending())
}

// pending counts the messages not acknowledged: fetched at the end of time with no lease,
// so that they are handed out again at once.
func (w *world) pending() int {
	w.t.Helper()
	got, err := w.store.Fetch(ctx, time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC), 0, 100_000)
	if err != nil {
		w.t.Fatal(err)
	}
	return len(got)
}

// TestGoldenQuickstart sends the records of the quickstart's dossiers to the fake portal over
// HTTP and compares what it received, dossier by dossier and in order, with
// testdata/quickstart/*.json (go test -update rewrites them). Every record passes the fake
// portal's checks (keys, dates, status codes, no personal data outside ChuHoSo); each
// dossier's records arrive in the order of its log; the portal's final status is Lookup's.
func TestGoldenQuickstart(t *testing.T) {
	fake := newFakePortal(t, private()...)
	goldenDay(t, fake, newWorld(t, httpSender(fake.srv.URL)))
}

// goldenDay runs the quickstart on w, delivers its records to fake and checks them against
// the golden files.
func goldenDay(t *testing.T, fake *fakePortal, w *world) {
	w.quickstart()
	fake.failNext(3) // the portal is down for a moment: the records wait and keep their order
	w.deliverAll()

	for name, code := range w.codes {
		got := fake.byCode[code]
		if len(got) == 0 {
			t.Fatalf("%s (%s): the portal received nothing", name, code)
		}
		last := 0
		for _, r := range got {
			_, seq, _ := splitKey(r.Key)
			if seq < last {
				t.Errorf("%s: record %s after one of sequence %d", name, r.Key, last)
			}
			last = seq
		}
		view, err := w.office.Lookup(ctx, code)
		if err != nil {
			t.Fatal(err)
		}
		if st := fake.model.dossiers[code].status; st != itoa(int(view.National)) {
			t.Errorf("%s: the portal shows status %s, Lookup %d", name, st, view.National)
		}
		golden(t, filepath.Join("testdata", "quickstart", name+".json"), got)
	}
	if len(w.codes) != 8 {
		t.Fatalf("%d dossiers, want 8", len(w.codes))
	}
	if len(fake.requests) != len(fake.model.seen) {
		t.Errorf("%d requests for %d keys: a record was sent twice", len(fake.requests), len(fake.model.seen))
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// golden compares got with the file, or writes it with -update.
func golden(t *testing.T, path string, got []received) {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	// Each request indented as a value, for a readable diff.
	type entry struct {
		Key     string `json:"key"`
		Request any    `json:"request"`
	}
	entries := make([]entry, len(got))
	for i, r := range got {
		var v any
		if err := json.Unmarshal(r.Request, &v); err != nil {
			t.Fatal(err)
		}
		entries[i] = entry{r.Key, v}
	}
	if err := enc.Encode(entries); err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to write it)", err)
	}
	if diff := cmp.Diff(strings.Split(string(want), "\n"), strings.Split(buf.String(), "\n")); diff != "" {
		t.Errorf("%s (-want +got):\n%s", path, diff)
	}
}
