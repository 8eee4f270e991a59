package storetest

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/motcua-go/motcua/calendar"
	"github.com/motcua-go/motcua/dossier"
	"github.com/motcua-go/motcua/onestop"
	"github.com/motcua-go/motcua/procedure"
	"github.com/motcua-go/motcua/routing"
)

// The desk and agencies of the sample directory (routing.SampleDirectory).
const (
	desk   = "000.00.31.H49" // UBND đặc khu Vân Đồn: the desk, civil status
	police = "001.00.31.H49" // Công an đặc khu Vân Đồn
	bhxh   = "000.00.04.H49" // Bảo hiểm xã hội tỉnh Quảng Ninh
)

var (
	clerk     = dossier.Actor{ID: "clerk-1", Role: dossier.RoleClerk, Agency: desk}
	civil     = dossier.Actor{ID: "civil-1", Role: dossier.RoleOfficer, Agency: desk}
	policeman = dossier.Actor{ID: "police-1", Role: dossier.RoleOfficer, Agency: police}
	insurer   = dossier.Actor{ID: "bhxh-1", Role: dossier.RoleOfficer, Agency: bhxh}
	citizen   = dossier.Actor{ID: "001090012345", Role: dossier.RoleApplicant}
)

//go:embed testdata/catalog.json
var catalogJSON []byte

// at is a time of March 2026 in Vietnam: Mon 9, Tue 10, … are working days.
func at(day, hour, min int) time.Time {
	return time.Date(2026, time.March, day, hour, min, 0, 0, calendar.Zone())
}

// spy stands between the Office and the store under test and remembers what the Office wrote:
// the last record of each code (with the version the store returned), how many writes each
// code had, and every message of the outbox, in the order written.
type spy struct {
	onestop.Store
	mu     sync.Mutex
	last   map[string]onestop.Record
	writes map[string]int
	sent   []onestop.Envelope
}

func (s *spy) Create(ctx context.Context, rec onestop.Record, out []onestop.Envelope) (onestop.Record, error) {
	got, err := s.Store.Create(ctx, rec, out)
	if err == nil {
		s.wrote(rec, got.Version, out)
	}
	return got, err
}

func (s *spy) Update(ctx context.Context, rec onestop.Record, out []onestop.Envelope) (onestop.Record, error) {
	got, err := s.Store.Update(ctx, rec, out)
	if err == nil {
		s.wrote(rec, got.Version, out)
	}
	return got, err
}

func (s *spy) Post(ctx context.Context, msgs []onestop.Envelope) error {
	err := s.Store.Post(ctx, msgs)
	if err == nil {
		s.mu.Lock()
		s.sent = append(s.sent, msgs...)
		s.mu.Unlock()
	}
	return err
}

func (s *spy) wrote(rec onestop.Record, version uint64, out []onestop.Envelope) {
	s.mu.Lock()
	defer s.mu.Unlock()
	rec.Version = version
	s.last[rec.Code] = rec
	s.writes[rec.Code]++
	s.sent = append(s.sent, out...)
}

// records returns the last records written, by code.
func (s *spy) records() []onestop.Record {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]onestop.Record, 0, len(s.last))
	for _, r := range s.last {
		out = append(out, r)
	}
	slices.SortFunc(out, func(a, b onestop.Record) int { return cmpString(a.Code, b.Code) })
	return out
}

func cmpString(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// world is an Office working on the store under test, through a spy, with a clock of its own.
// Its Office writes every notice to the outbox and delivers none (Config.DeferDelivery).
type world struct {
	t      testing.TB
	ctx    context.Context
	store  onestop.Store
	spy    *spy
	office *onestop.Office
	clock  *onestop.FakeClock
	codes  map[string]string // the dossiers of the day by name: stored codes
	// checking makes every command check the record it wrote (verify).
	checking bool
}

func newWorld(t testing.TB, s onestop.Store) *world {
	t.Helper()
	cat, err := procedure.Load(bytes.NewReader(catalogJSON), procedure.LoadOptions{})
	if err != nil {
		t.Fatalf("storetest: the catalog: %v", err)
	}
	w := &world{t: t, ctx: context.Background(), store: s, clock: onestop.NewFakeClock(at(10, 9, 0)),
		spy: &spy{Store: s, last: map[string]onestop.Record{}, writes: map[string]int{}}, codes: map[string]string{}}
	w.office, err = onestop.New(onestop.Config{Desk: desk, Catalog: cat, Routes: routing.SampleSet(),
		Directory: routing.SampleDirectory(), Store: w.spy, Clock: w.clock, DeferDelivery: true})
	if err != nil {
		t.Fatalf("storetest: the office: %v", err)
	}
	return w
}

func person(name string) dossier.Applicant {
	return dossier.Applicant{Kind: dossier.Person, Name: name, CitizenID: "022090012345",
		Address: dossier.Address{Line: "Thôn 1", UnitCode: "22300", UnitName: "Đặc khu Vân Đồn, Quảng Ninh"}}
}

// birth is a birth registration: one step, the desk's civil status officer.
func birth() onestop.Submission {
	return onestop.Submission{Procedure: "1.001193", Channel: procedure.Counter, Applicant: person("Nguyễn Văn An"),
		Competent: desk, Documents: []string{"Tờ khai đăng ký khai sinh", "Giấy chứng sinh"}}
}

// birthGroup is the inter-agency birth case: the desk, the police, the social insurance.
func birthGroup() onestop.Submission {
	s := birth()
	s.Case = "lien-thong-khai-sinh-thuong-tru-bhyt-2015"
	s.Documents = append(s.Documents, "Tờ khai thay đổi thông tin cư trú", "Tờ khai tham gia bảo hiểm y tế")
	return s
}

// birthElectronic is the electronic liên thông birth case (route birth-u6-electronic): after
// the birth is registered, the police and the social insurance work in parallel (Decree
// 118/2025 Art. 20(2)(b)).
func birthElectronic() onestop.Submission {
	s := birthGroup()
	s.Case = "lien-thong-dien-tu-khai-sinh"
	return s
}

// parallel receives an electronic liên thông birth dossier and takes it to its parallel
// steps: transferred, the reception and the birth registration handed on by the desk, so that
// the police and the social insurance both hold it. It returns the stored code.
func (w *world) parallel(name string) string {
	w.t.Helper()
	o, ctx := w.office, w.ctx
	p := w.intake(name, birthElectronic())
	w.do(name+" transferred", p, func() error { _, err := o.Transfer(ctx, clerk, p); return err })
	w.do(name+" started", p, func() error { _, err := o.Start(ctx, civil, p); return err })
	w.later(5 * time.Minute)
	w.do(name+" received by civil status", p, func() error { _, err := o.Handoff(ctx, civil, p); return err })
	w.later(5 * time.Minute)
	w.do(name+" handed to the police and the social insurance", p, func() error { _, err := o.Handoff(ctx, civil, p); return err })
	return p
}

// business is a household business registration, with its route of four steps.
func business() onestop.Submission {
	return onestop.Submission{Procedure: "2.000720", Case: "household-business", Channel: procedure.Counter,
		Applicant: person("Trần Thị Bình"), Competent: desk, Documents: []string{"Giấy đề nghị đăng ký hộ kinh doanh"}}
}

// intake receives sub at the clock's time and checks the record written.
func (w *world) intake(name string, sub onestop.Submission) string {
	w.t.Helper()
	res, err := w.office.Intake(w.ctx, clerk, sub)
	if err != nil {
		w.t.Fatalf("intake of %s: %v", name, err)
	}
	if res.Decision != onestop.DecisionReceive {
		w.t.Fatalf("intake of %s: %v, want accepted", name, res.Decision)
	}
	code := w.stored(res.Code)
	w.codes[name] = code
	w.verify(name+" received", code)
	return code
}

// stored is the stored form of a printed code.
func (w *world) stored(printed string) string {
	w.t.Helper()
	for code := range w.spy.last {
		if r := w.spy.last[code]; r.Public != nil && r.Public.Code == printed {
			return code
		}
	}
	w.t.Fatalf("no record written for %s", printed)
	return ""
}

// do runs a command at the clock's time on the dossier of code and checks the record
// written.
func (w *world) do(what, code string, cmd func() error) {
	w.t.Helper()
	if err := cmd(); err != nil {
		w.t.Fatalf("%s: %v", what, err)
	}
	w.verify(what, code)
}

// later moves the clock.
func (w *world) later(d time.Duration) { w.clock.Advance(d) }

// day builds the dossiers of a day at the desk, every one by real commands through the Office,
// checking after each command that the store gives back the record written (verify):
//
//   - received: a birth registration received, waiting at the desk;
//   - business: a household business transferred along its route, in process at the desk,
//     which consulted the police and got its answer;
//   - group: the inter-agency birth case, handed over to the police;
//   - parallel: the electronic inter-agency birth case, held by the police and the social
//     insurance at once (parallel steps);
//   - supplement: a household business waiting for the applicant's supplement;
//   - returned: a birth registration resolved early, sent back for correction and corrected
//     (Decree 118/2025 Art. 23(1)), returned and rated;
//   - withdrawn: a birth registration withdrawn by the applicant;
//   - online: a birth registration received online by the system and accepted by the desk
//     (its record under the pending key leads to the code), and another waiting for
//     acceptance under its pending key (onestop.PendingKey);
//   - tomorrow: a birth registration received the next day, still at the desk;
//
// and a submission found incomplete at intake (a notice without a dossier, Store.Post).
func (w *world) day() {
	w.t.Helper()
	ctx := w.ctx
	o := w.office

	w.intake("received", birth())
	w.later(10 * time.Minute)

	b := w.intake("business", business())
	w.later(5 * time.Minute)
	w.do("business transferred", b, func() error { _, err := o.Transfer(ctx, clerk, b); return err })
	w.do("business started", b, func() error { _, err := o.Start(ctx, civil, b); return err })
	w.later(20 * time.Minute)
	w.do("business handed off", b, func() error { _, err := o.Handoff(ctx, civil, b); return err })
	var c onestop.Consultation
	w.do("business consulted", b, func() error {
		var err error
		c, err = o.Consult(ctx, civil, b, onestop.ConsultRequest{Agency: police, Subject: "xác minh địa điểm",
			Limit: calendar.Limit{N: 2, Unit: calendar.WorkingDays}})
		return err
	})
	w.later(30 * time.Minute)
	w.do("business answered", b, func() error { _, err := o.Answer(ctx, policeman, b, c.ID, true, "đồng ý"); return err })

	g := w.intake("group", birthGroup())
	w.do("group transferred", g, func() error { _, err := o.Transfer(ctx, clerk, g); return err })
	w.do("group started", g, func() error { _, err := o.Start(ctx, civil, g); return err })
	w.later(15 * time.Minute)
	w.do("group handed off", g, func() error { _, err := o.Handoff(ctx, civil, g); return err })
	w.later(15 * time.Minute)
	w.do("group handed to the police", g, func() error { _, err := o.Handoff(ctx, civil, g); return err })

	w.parallel("parallel")

	s := w.intake("supplement", business())
	w.do("supplement transferred", s, func() error { _, err := o.Transfer(ctx, clerk, s); return err })
	w.do("supplement started", s, func() error { _, err := o.Start(ctx, civil, s); return err })
	w.do("supplement handed off", s, func() error { _, err := o.Handoff(ctx, civil, s); return err })
	w.later(10 * time.Minute)
	w.do("supplement requested", s, func() error {
		_, err := o.RequestSupplement(ctx, civil, s, "thiếu biên bản họp", []string{"Bản sao biên bản họp thành viên hộ gia đình"})
		return err
	})

	r := w.intake("returned", birth())
	w.do("returned transferred", r, func() error { _, err := o.Transfer(ctx, clerk, r); return err })
	w.do("returned started", r, func() error { _, err := o.Start(ctx, civil, r); return err })
	w.later(time.Hour)
	w.do("returned resolved", r, func() error { _, err := o.Resolve(ctx, civil, r, "KS-12"); return err })
	w.later(10 * time.Minute)
	w.do("returned sent for correction", r, func() error { _, err := o.SendForCorrection(ctx, clerk, r, "sai ngày sinh"); return err })
	w.later(20 * time.Minute)
	w.do("returned corrected", r, func() error { _, err := o.Correct(ctx, civil, r, "KS-12/ĐC"); return err })
	w.later(30 * time.Minute)
	w.do("returned returned", r, func() error { _, err := o.Return(ctx, clerk, r); return err })
	w.do("returned rated", r, func() error { return o.Rate(ctx, citizen, r, onestop.Satisfied, false) })

	w.clock.Set(at(10, 14, 0))
	x := w.intake("withdrawn", birth())
	w.later(5 * time.Minute)
	w.do("withdrawn", x, func() error { _, err := o.Withdraw(ctx, citizen, x, "không có nhu cầu"); return err })

	// Online submissions received by the system (Decree 118/2025 Art. 17(2)): one waits for
	// the desk's acceptance under its pending key, the other is accepted under its code.
	for _, ref := range []string{"DVCQG-1", "DVCQG-2"} {
		sub := birth()
		sub.Channel, sub.Reference = procedure.Online, ref
		if _, err := o.ReceiveOnline(ctx, sub); err != nil {
			w.t.Fatalf("online submission %s: %v", ref, err)
		}
		w.verify("online "+ref+" received by the system", onestop.PendingKey(ref))
	}
	w.later(5 * time.Minute)
	if res, err := o.Accept(ctx, clerk, "DVCQG-2", onestop.Review{}); err != nil || res.Decision != onestop.DecisionReceive {
		w.t.Fatalf("online submission accepted: %v, %v", res.Decision, err)
	} else {
		w.codes["online"] = w.stored(res.Code)
		w.verify("online accepted", onestop.PendingKey("DVCQG-2"))
		w.verify("online accepted", w.codes["online"])
	}

	incomplete := birth()
	incomplete.Documents, incomplete.Reference = incomplete.Documents[1:], "KIOSK-17"
	if res, err := o.Intake(ctx, clerk, incomplete); err != nil || res.Decision != onestop.DecisionSupplement {
		w.t.Fatalf("incomplete submission: %v, %v", res.Decision, err)
	}

	w.clock.Set(at(11, 10, 0))
	w.intake("tomorrow", birth())
	w.verify("the end of the day", "")
}

// cacheOpts compare records as a store must keep them: the dossier's rules are not kept, and
// the caches Public and Schedule may be dropped (nil).
func recordOpts(got onestop.Record) cmp.Options {
	opts := cmp.Options{cmpopts.IgnoreFields(dossier.Dossier{}, "Rules"), cmpopts.EquateEmpty()}
	if got.Public == nil {
		opts = append(opts, cmpopts.IgnoreFields(onestop.Record{}, "Public"))
	}
	if got.Schedule == nil {
		opts = append(opts, cmpopts.IgnoreFields(onestop.Record{}, "Schedule"))
	}
	return opts
}

// sameRecord fails t when got is not the record want as a store must give it back.
func sameRecord(t testing.TB, what string, want, got onestop.Record) {
	t.Helper()
	opts := recordOpts(got)
	if cmp.Equal(want, got, opts) {
		return
	}
	if diff := cmp.Diff(want, got, opts); diff != "" {
		t.Fatalf("%s: the store gave back another record than written (-written +read):\n%s", what, diff)
	}
}

// sameSwept fails t when got, a record given by Store.Watch, does not hold what the sweep
// reads of the record want (Code, Version, Seq, the dossier and its log, Watch, Schedule,
// Route, Locality); the other parts a store may leave out.
func sameSwept(t testing.TB, want, got onestop.Record) {
	t.Helper()
	want.Summary, want.Public, want.Plan, want.Consultations, want.Holders = onestop.Summary{}, nil, nil, nil, nil
	got.Summary, got.Public, got.Plan, got.Consultations, got.Holders = onestop.Summary{}, nil, nil, nil, nil
	sameRecord(t, "watch", want, got)
}

// verify checks the record of code (every record when code is empty), when the world checks
// its records: the store gives it back as written (every part: the dossier and its log, the
// version, Seq, summary, plan, route, consultations, holders, watch), it survives a JSON round
// trip, and its version counts its writes.
func (w *world) verify(what, code string) {
	w.t.Helper()
	if !w.checking {
		return
	}
	for _, want := range w.spy.records() {
		if code != "" && want.Code != code {
			continue
		}
		got, err := w.store.Get(w.ctx, want.Code)
		if err != nil {
			w.t.Fatalf("%s: Get(%s): %v", what, want.Code, err)
		}
		sameRecord(w.t, what+": "+want.Code, want, got)
		if n := uint64(w.spy.writes[want.Code]); got.Version != n {
			w.t.Fatalf("%s: %s has version %d after %d writes", what, want.Code, got.Version, n)
		}
		roundTrip(w.t, what, got)
	}
}

// roundTrip checks that a record reads back from its JSON as it was.
func roundTrip(t testing.TB, what string, rec onestop.Record) {
	t.Helper()
	b, err := json.Marshal(rec)
	if err != nil {
		t.Fatalf("%s: JSON of %s: %v", what, rec.Code, err)
	}
	var back onestop.Record
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatalf("%s: JSON of %s does not read back: %v", what, rec.Code, err)
	}
	if diff := cmp.Diff(rec, back, cmpopts.IgnoreFields(dossier.Dossier{}, "Rules"), cmpopts.EquateEmpty()); diff != "" {
		t.Fatalf("%s: JSON round trip of %s (-before +after):\n%s", what, rec.Code, diff)
	}
}

// sample is a record made by real commands through an Office over a MemStore (a household
// business transferred, started, handed off and consulted), as a store receives it on Create:
// version 0, with the notices of its intake.
func sample(t testing.TB) (onestop.Record, []onestop.Envelope) {
	t.Helper()
	w := newWorld(t, onestop.NewMemStore())
	w.checking = false
	b := w.intake("business", business())
	o, ctx := w.office, w.ctx
	w.do("transfer", b, func() error { _, err := o.Transfer(ctx, clerk, b); return err })
	w.do("start", b, func() error { _, err := o.Start(ctx, civil, b); return err })
	w.do("handoff", b, func() error { _, err := o.Handoff(ctx, civil, b); return err })
	w.do("consult", b, func() error {
		_, err := o.Consult(ctx, civil, b, onestop.ConsultRequest{Agency: police, Subject: "xác minh",
			Limit: calendar.Limit{N: 2, Unit: calendar.WorkingDays}})
		return err
	})
	rec := w.spy.last[b]
	rec.Version = 0
	msgs := slices.Clone(w.spy.sent[:1])
	msgs[0].ID = 0
	return rec, msgs
}
