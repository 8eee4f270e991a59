package onestop_test

import (
	"context"
	"encoding/json"
	"errors"
	"math/rand/v2"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/motcua-go/motcua/calendar"
	"github.com/motcua-go/motcua/dossier"
	"github.com/motcua-go/motcua/onestop"
	"github.com/motcua-go/motcua/onestop/storetest"
	"github.com/motcua-go/motcua/procedure"
	"github.com/motcua-go/motcua/routing"
	"golang.org/x/text/language"
)

// jsonRecords is a MemStore that keeps every record as its JSON, as a database would, and
// decodes it again at every read: dossiers come back without their rules.
type jsonRecords struct {
	*onestop.MemStore
}

func encode(rec onestop.Record) (onestop.Record, error) {
	b, err := json.Marshal(rec)
	if err != nil {
		return rec, err
	}
	var back onestop.Record
	err = json.Unmarshal(b, &back)
	return back, err
}

func (s jsonRecords) Create(ctx context.Context, rec onestop.Record, out []onestop.Envelope) (onestop.Record, error) {
	rec, err := encode(rec)
	if err != nil {
		return rec, err
	}
	return s.MemStore.Create(ctx, rec, out)
}

func (s jsonRecords) Update(ctx context.Context, rec onestop.Record, out []onestop.Envelope) (onestop.Record, error) {
	rec, err := encode(rec)
	if err != nil {
		return rec, err
	}
	return s.MemStore.Update(ctx, rec, out)
}

func (s jsonRecords) Get(ctx context.Context, code string) (onestop.Record, error) {
	rec, err := s.MemStore.Get(ctx, code)
	if err != nil {
		return rec, err
	}
	return encode(rec)
}

func decoding(fn func(onestop.Record) bool) func(onestop.Record) bool {
	return func(r onestop.Record) bool {
		r, err := encode(r)
		if err != nil {
			panic(err)
		}
		return fn(r)
	}
}

func (s jsonRecords) Watch(ctx context.Context, until time.Time, fn func(onestop.Record) bool) error {
	return s.MemStore.Watch(ctx, until, decoding(fn))
}

func (s jsonRecords) Queue(ctx context.Context, q onestop.QueueQuery, fn func(onestop.Record) bool) error {
	return s.MemStore.Queue(ctx, q, decoding(fn))
}

func (s jsonRecords) Scan(ctx context.Context, fn func(onestop.Record) bool) error {
	return s.MemStore.Scan(ctx, decoding(fn))
}

func TestIssue10JSONRecordsConformance(t *testing.T) {
	storetest.Run(t, func(*testing.T) onestop.Store { return jsonRecords{onestop.NewMemStore()} })
}

// Issue 10: after a JSON round trip a dossier has no rules, and every command failed with
// dossier.ErrUnbound. The Office attaches its own rules to every record it reads.
func TestIssue10RulesAfterJSONRoundTrip(t *testing.T) {
	store := jsonRecords{onestop.NewMemStore()}
	clock := onestop.NewFakeClock(at(10, 9, 0))
	o, err := onestop.New(onestop.Config{Desk: desk, Catalog: testCatalog(t), Routes: testRoutes(t),
		Directory: routing.SampleDirectory(), Store: store, Clock: clock})
	if err != nil {
		t.Fatal(err)
	}
	res, err := o.Intake(ctx, clerk, business())
	if err != nil {
		t.Fatal(err)
	}
	code := res.Code
	var c onestop.Consultation
	for _, step := range []struct {
		name string
		run  func() error
	}{
		{"transfer", func() error { _, err := o.Transfer(ctx, clerk, code); return err }},
		{"start", func() error { _, err := o.Start(ctx, civil, code); return err }},
		{"handoff", func() error { _, err := o.Handoff(ctx, civil, code); return err }},
		{"consult", func() error {
			c, err = o.Consult(ctx, civil, code, onestop.ConsultRequest{Agency: police, Subject: "xác minh",
				Limit: calendar.Limit{N: 1, Unit: calendar.WorkingDays}})
			return err
		}},
		{"answer", func() error { _, err := o.Answer(ctx, policeman, code, c.ID, true, "đồng ý"); return err }},
		{"supplement asked", func() error {
			_, err := o.RequestSupplement(ctx, civil, code, "thiếu biên bản", []string{"Biên bản"})
			return err
		}},
		{"supplement", func() error { _, err := o.Supplement(ctx, citizen, code, []string{"Biên bản"}); return err }},
		{"apologise", func() error {
			_, err := o.Apologise(ctx, civil, code, "chờ xác minh", at(20, 17, 0))
			return err
		}},
		{"handoffs to the last step", func() error {
			for {
				st, err := o.Lookup(ctx, code)
				if err != nil {
					return err
				}
				if st.Holder == desk && st.Steps[len(st.Steps)-1].Start.After(time.Time{}) {
					return nil
				}
				clock.Advance(10 * time.Minute)
				if _, err := o.Handoff(ctx, dossier.Actor{ID: "o", Role: dossier.RoleOfficer, Agency: st.Holder}, code); err != nil {
					return err
				}
			}
		}},
		{"resolve", func() error { _, err := o.Resolve(ctx, civil, code, "HKD-1"); return err }},
		{"return", func() error { _, err := o.Return(ctx, clerk, code); return err }},
		{"rate", func() error { return o.Rate(ctx, citizen, code, onestop.Satisfied, false) }},
	} {
		clock.Advance(10 * time.Minute)
		if err := step.run(); err != nil {
			t.Fatalf("%s after a JSON round trip: %v", step.name, err)
		}
	}
	if _, err := o.Lookup(ctx, code); err != nil {
		t.Fatal(err)
	}
	if _, err := o.Sweep(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := o.Indices(ctx, code); err != nil {
		t.Fatal(err)
	}
}

// corrupt is a store that gives back every record changed by a function.
type corrupt struct {
	*onestop.MemStore
	spoil func(*onestop.Record)
}

func (s corrupt) Get(ctx context.Context, code string) (onestop.Record, error) {
	rec, err := s.MemStore.Get(ctx, code)
	if err == nil {
		if rec.Dossier != nil {
			d := *rec.Dossier
			d.Events = append([]dossier.Event(nil), d.Events...)
			rec.Dossier = &d
		}
		s.spoil(&rec)
	}
	return rec, err
}

// Issue 10: a record whose log is empty made the Office panic (index out of range [-1]); it
// is a *RecordError now, for every inconsistency, and the record is left as it was.
func TestIssue10InconsistentRecords(t *testing.T) {
	for _, tc := range []struct {
		name    string
		spoil   func(*onestop.Record)
		problem onestop.RecordProblem
		vi      string
	}{
		{"no dossier", func(r *onestop.Record) { r.Dossier = nil }, onestop.NoDossier, "bản ghi không có hồ sơ"},
		{"empty log", func(r *onestop.Record) { r.Dossier.Events = nil }, onestop.EmptyLog, "nhật ký sự kiện trống"},
		{"last event lost", func(r *onestop.Record) { r.Dossier.Events = r.Dossier.Events[:len(r.Dossier.Events)-1] }, onestop.LogNotAtSeq, "nhật ký có 1 sự kiện, bản ghi ghi nhận 2"},
		{"Seq not kept", func(r *onestop.Record) { r.Seq = 0 }, onestop.LogNotAtSeq, "nhật ký có 2 sự kiện, bản ghi ghi nhận 0"},
		{"event renumbered", func(r *onestop.Record) { r.Dossier.Events[1].Seq = 7 }, onestop.LogOutOfOrder, "sự kiện thứ 2"},
		{"another dossier", func(r *onestop.Record) { r.Dossier.Code.Seq++ }, onestop.OtherCode, "mã khác"},
		{"state not logged", func(r *onestop.Record) { r.Dossier.State = dossier.InProcess }, onestop.StateNotLogged, "trạng thái cuối"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			mem := onestop.NewMemStore()
			clock := onestop.NewFakeClock(at(10, 9, 0))
			good, err := onestop.New(onestop.Config{Desk: desk, Catalog: testCatalog(t), Store: mem, Clock: clock})
			if err != nil {
				t.Fatal(err)
			}
			res, err := good.Intake(ctx, clerk, birth())
			if err != nil {
				t.Fatal(err)
			}
			before, _ := mem.Get(ctx, res.Code)
			bad, err := onestop.New(onestop.Config{Desk: desk, Catalog: testCatalog(t), Store: corrupt{mem, tc.spoil}, Clock: clock})
			if err != nil {
				t.Fatal(err)
			}
			for name, run := range map[string]func() error{
				"transfer": func() error { _, err := bad.Transfer(ctx, clerk, res.Code); return err },
				"lookup":   func() error { _, err := bad.Lookup(ctx, res.Code); return err },
				"indices":  func() error { _, err := bad.Indices(ctx, res.Code); return err },
			} {
				err := run()
				var re *onestop.RecordError
				if !errors.As(err, &re) || !errors.Is(err, onestop.ErrCorruptRecord) || re.Problem != tc.problem {
					t.Fatalf("%s: %v, want a *RecordError of problem %d", name, err, tc.problem)
				}
				if vi := onestop.Message(err, language.Vietnamese); !strings.Contains(vi, "không nhất quán trong kho lưu trữ") || !strings.Contains(vi, tc.vi) {
					t.Errorf("%s: Vietnamese message %q", name, vi)
				}
				if en := err.Error(); !strings.Contains(en, "is inconsistent in the store") {
					t.Errorf("%s: English message %q", name, en)
				}
			}
			after, _ := mem.Get(ctx, res.Code)
			if after.Version != before.Version {
				t.Errorf("a command on an inconsistent record wrote version %d", after.Version)
			}
		})
	}
}

// counting counts the records the store hands the Office through its queries.
type counting struct {
	*onestop.MemStore
	read atomic.Int64
}

func (s *counting) Watch(ctx context.Context, until time.Time, fn func(onestop.Record) bool) error {
	return s.MemStore.Watch(ctx, until, func(r onestop.Record) bool { s.read.Add(1); return fn(r) })
}

func (s *counting) Scan(ctx context.Context, fn func(onestop.Record) bool) error {
	return s.MemStore.Scan(ctx, func(r onestop.Record) bool { s.read.Add(1); return fn(r) })
}

// allAlerts sweeps every record of the store with the pure Sweep, as the sweep did before
// issue 10.
func allAlerts(t *testing.T, store onestop.Store, now time.Time) []onestop.Alert {
	t.Helper()
	var ws []onestop.Watch
	if err := store.Scan(ctx, func(r onestop.Record) bool {
		ws = append(ws, onestop.Watch{Dossier: r.Dossier, Schedule: r.Schedule})
		return true
	}); err != nil {
		t.Fatal(err)
	}
	return onestop.Sweep(now, ws)
}

type alertRow struct {
	Code, Agency, Step string
	Kind               onestop.AlertKind
	Over               time.Duration
}

func rows(as []onestop.Alert) []alertRow {
	var out []alertRow
	for _, a := range as {
		out = append(out, alertRow{a.Code, a.Agency, a.Step, a.Kind, a.Over})
	}
	return out
}

// Issue 10: the sweep read every record. It reads the records the store watches now
// (Record.Watch), and finds exactly what a sweep over every record finds: random histories
// of three weeks, compared every half hour and for two weeks after.
func TestIssue10SweepReadsTheWatchedOnly(t *testing.T) {
	for seed := uint64(1); seed <= 2; seed++ {
		r := rand.New(rand.NewPCG(seed, 10))
		f := newFixture(t, at(9, 7, 30))
		var codes []string
		subs := []func() onestop.Submission{birth, business, func() onestop.Submission {
			s := birth()
			s.Channel = procedure.Online
			return s
		}}
		compare := func() {
			t.Helper()
			now := f.clock.Now()
			got, err := f.office.Sweep(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(rows(allAlerts(t, f.store, now)), rows(got)); diff != "" {
				t.Fatalf("seed %d, sweep at %v (-every record +watched records):\n%s", seed, now, diff)
			}
		}
		for day := 9; day <= 27; day++ {
			if wd := at(day, 0, 0).Weekday(); wd == time.Saturday || wd == time.Sunday {
				continue
			}
			for minute := 7*60 + 30; minute < 17*60; minute += 10 {
				if minute >= 11*60+30 && minute < 13*60 {
					continue
				}
				f.clock.Set(at(day, minute/60, minute%60))
				if minute%30 == 0 {
					compare()
				}
				if day <= 20 && (r.IntN(5) == 0 || len(codes) == 0) {
					res, err := f.office.Intake(ctx, clerk, subs[r.IntN(len(subs))]())
					if err != nil {
						t.Fatal(err)
					}
					codes = append(codes, res.Code)
					continue
				}
				if r.IntN(3) == 0 {
					randomCommand(t, f, r, codes[r.IntN(len(codes))])
				}
			}
		}
		for h := 0; h < 14*24; h += 3 {
			f.clock.Set(at(28, 0, 0).Add(time.Duration(h) * time.Hour))
			compare()
		}
	}
}

// A sweep over 2,000 open dossiers, 20 of them late, reads the 20 (and none of the rest).
func TestIssue10SweepReadsFewRecords(t *testing.T) {
	store := &counting{MemStore: onestop.NewMemStore()}
	clock := onestop.NewFakeClock(at(10, 9, 0))
	o, err := onestop.New(onestop.Config{Desk: desk, Catalog: testCatalog(t), Store: store, Clock: clock})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 2000 {
		sub := business()
		if i%100 == 0 {
			sub = birth() // one working day: late by the next week
		}
		if _, err := o.Intake(ctx, clerk, sub); err != nil {
			t.Fatal(err)
		}
	}
	clock.Set(at(11, 9, 0)) // the births are overdue, the businesses (3 days) are not yet at risk
	store.read.Store(0)
	alerts, err := o.Sweep(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(alerts) != 20 {
		t.Fatalf("%d alerts, want the 20 late births", len(alerts))
	}
	if n := store.read.Load(); n != 20 {
		t.Fatalf("the sweep read %d records, want the 20 watched", n)
	}
}

// Issue 10: a desk's work queue, page by page, most urgent first.
func TestIssue10WorkQueue(t *testing.T) {
	f := newFixture(t, at(10, 9, 0))
	inProcess := startBusiness(t, f) // due Fri 13 09:00
	var received []string
	for range 5 {
		f.clock.Advance(time.Minute)
		received = append(received, mustIntake(t, f, business()).Code)
	}
	birthCode := mustIntake(t, f, birth()).Code // due the same day: first of the queue
	var all []string
	var after onestop.QueueCursor
	for {
		page, next, err := f.office.Queue(ctx, onestop.QueueQuery{Agency: desk, After: after, Limit: 3})
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range page {
			all = append(all, v.Code)
			if v.Holder != desk {
				t.Errorf("%s held by %s in the desk's queue", v.Code, v.Holder)
			}
		}
		if next == (onestop.QueueCursor{}) {
			break
		}
		after = next
	}
	want := append([]string{birthCode, inProcess}, received...)
	if diff := cmp.Diff(want, all); diff != "" {
		t.Errorf("the desk's queue (-want +got):\n%s", diff)
	}
	page, _, err := f.office.Queue(ctx, onestop.QueueQuery{Agency: desk, States: []dossier.State{dossier.InProcess}})
	if err != nil {
		t.Fatal(err)
	}
	if len(page) != 1 || page[0].Code != inProcess {
		t.Errorf("in process at the desk: %+v", page)
	}
	// The page after a cursor (the code as printed).
	page, _, err = f.office.Queue(ctx, onestop.QueueQuery{Agency: desk, After: onestop.QueueCursor{Due: at(10, 17, 0).Unix(), Code: birthCode}, Limit: 2})
	if err != nil || len(page) != 2 || page[0].Code != inProcess || page[1].Code != received[0] {
		t.Errorf("page after the birth: %+v, %v", page, err)
	}
	if _, _, err := f.office.Queue(ctx, onestop.QueueQuery{Agency: "desk"}); !errors.Is(err, onestop.ErrInvalid) {
		t.Errorf("a queue of a bad agency code: %v", err)
	}
	if page, _, err := f.office.Queue(ctx, onestop.QueueQuery{Agency: police}); err != nil || len(page) != 0 {
		t.Errorf("the police's queue: %+v, %v", page, err)
	}
}

// flaky is a notifier that refuses while down.
type flaky struct {
	mu   sync.Mutex
	down bool
	got  []onestop.Notice
}

func (f *flaky) Notify(_ context.Context, n onestop.Notice) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.down {
		return errors.New("SMS gateway: 503")
	}
	f.got = append(f.got, n)
	return nil
}

// No command without its notice: a notice the notifier refuses stays in the outbox, and
// Deliver hands it over later, once.
func TestIssue10OutboxRetriesRefusedNotices(t *testing.T) {
	mem := onestop.NewMemStore()
	clock := onestop.NewFakeClock(at(10, 9, 0))
	n := &flaky{down: true}
	o, err := onestop.New(onestop.Config{Desk: desk, Catalog: testCatalog(t), Store: mem, Clock: clock, Notifier: n})
	if err != nil {
		t.Fatal(err)
	}
	res, err := o.Intake(ctx, clerk, birth())
	var ne *onestop.NotifyError
	if !errors.As(err, &ne) || res.Code == "" {
		t.Fatalf("intake with the notifier down: %v, %+v", err, res)
	}
	if mem.Pending() != 1 {
		t.Fatalf("%d notices pending, want the receipt's", mem.Pending())
	}
	n.mu.Lock()
	n.down = false
	n.mu.Unlock()
	if d, err := o.Deliver(ctx, 0); err != nil || d.Delivered != 0 {
		t.Fatalf("Deliver before the retry delay: %+v, %v", d, err)
	}
	clock.Advance(31 * time.Second)
	if d, err := o.Deliver(ctx, 0); err != nil || d.Delivered != 1 {
		t.Fatalf("Deliver after the retry delay: %+v, %v", d, err)
	}
	if d, err := o.Deliver(ctx, 0); err != nil || d.Delivered != 0 {
		t.Fatalf("Deliver again: %+v, %v", d, err)
	}
	if len(n.got) != 1 || n.got[0].Code != res.Code || n.got[0].Event != "receive" || mem.Pending() != 0 {
		t.Fatalf("delivered %+v, pending %d", n.got, mem.Pending())
	}
	// Delivered at once when the notifier is up, and acknowledged.
	if _, err := o.Transfer(ctx, clerk, res.Code); err != nil {
		t.Fatal(err)
	}
	if len(n.got) != 2 || mem.Pending() != 0 {
		t.Fatalf("after the transfer: %d notices delivered, %d pending", len(n.got), mem.Pending())
	}
}

// With DeferDelivery, commands only write their notices; Deliver hands them over in order.
// A command refused writes none.
func TestIssue10DeferredDelivery(t *testing.T) {
	mem := onestop.NewMemStore()
	clock := onestop.NewFakeClock(at(10, 9, 0))
	rec := new(onestop.Recorder)
	o, err := onestop.New(onestop.Config{Desk: desk, Catalog: testCatalog(t), Store: mem, Clock: clock, Notifier: rec, DeferDelivery: true})
	if err != nil {
		t.Fatal(err)
	}
	res := func() onestop.IntakeResult {
		r, err := o.Intake(ctx, clerk, birth())
		if err != nil {
			t.Fatal(err)
		}
		return r
	}()
	if _, err := o.Transfer(ctx, clerk, res.Code); err != nil {
		t.Fatal(err)
	}
	if _, err := o.Return(ctx, clerk, res.Code); err == nil {
		t.Fatal("a return without a result was accepted")
	}
	incomplete := birth()
	incomplete.Documents = incomplete.Documents[1:]
	if _, err := o.Intake(ctx, clerk, incomplete); err != nil {
		t.Fatal(err)
	}
	if len(rec.Notices()) != 0 || mem.Pending() != 3 {
		t.Fatalf("deferred: %d delivered at once, %d pending, want 0 and 3", len(rec.Notices()), mem.Pending())
	}
	d, err := o.Deliver(ctx, 2)
	if err != nil || d.Delivered != 2 {
		t.Fatalf("Deliver(2): %+v, %v", d, err)
	}
	if d, err = o.Deliver(ctx, 0); err != nil || d.Delivered != 1 {
		t.Fatalf("Deliver: %+v, %v", d, err)
	}
	var events []string
	for _, n := range rec.Notices() {
		events = append(events, n.Event)
	}
	if diff := cmp.Diff([]string{"receive", "transfer", "request_intake_supplement"}, events); diff != "" {
		t.Errorf("notices delivered (-want +got):\n%s", diff)
	}
	// Without a notifier, Deliver has nobody to deliver to.
	quiet, err := onestop.New(onestop.Config{Desk: desk, Catalog: testCatalog(t), Clock: clock})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := quiet.Deliver(ctx, 0); !errors.Is(err, onestop.ErrRequired) {
		t.Errorf("Deliver without a notifier: %v", err)
	}
}

// No notice without its command: a command whose write is refused leaves nothing in the
// outbox and tells nobody.
func TestIssue10NoNoticeWithoutCommand(t *testing.T) {
	mem := onestop.NewMemStore()
	clock := onestop.NewFakeClock(at(10, 9, 0))
	rec := new(onestop.Recorder)
	good, err := onestop.New(onestop.Config{Desk: desk, Catalog: testCatalog(t), Clock: clock, Store: mem, Notifier: rec})
	if err != nil {
		t.Fatal(err)
	}
	res, err := good.Intake(ctx, clerk, birth())
	if err != nil {
		t.Fatal(err)
	}
	bad, err := onestop.New(onestop.Config{Desk: desk, Catalog: testCatalog(t), Clock: clock, Store: stale{mem}, Notifier: rec, Retries: 2})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := bad.Transfer(ctx, clerk, res.Code); !errors.Is(err, onestop.ErrConflict) {
		t.Fatalf("transfer on a stale store: %v", err)
	}
	if len(rec.Notices()) != 1 || mem.Pending() != 0 {
		t.Fatalf("after a refused write: %d notices, %d pending; want the receipt's only", len(rec.Notices()), mem.Pending())
	}
}

// The report reads the summaries of its period (Store.Summaries) and gives what a report
// over every summary gives.
func TestIssue10ReportBySummariesQuery(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 10))
	f := newFixture(t, at(9, 7, 30))
	randomHistory{from: 9, to: 20, every: 15, intakeOneIn: 4, subs: []func() onestop.Submission{birth, business}}.run(t, f, r)
	var all []onestop.Summary
	f.store.Scan(ctx, func(rec onestop.Record) bool { all = append(all, rec.Summary); return true })
	for _, p := range [][2]time.Time{{at(9, 0, 0), at(10, 0, 0)}, {at(11, 12, 0), at(13, 9, 30)}, {at(16, 0, 0), at(23, 0, 0)},
		{at(1, 0, 0), at(31, 0, 0)}, {at(12, 10, 0).Add(time.Nanosecond), at(17, 10, 0).Add(time.Nanosecond)}} {
		got, err := f.office.Report(ctx, p[0], p[1], onestop.ReportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		want, err := onestop.BuildReport(p[0], p[1], all, onestop.ReportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("report of %v – %v (-every summary +query):\n%s", p[0], p[1], diff)
		}
	}
}
