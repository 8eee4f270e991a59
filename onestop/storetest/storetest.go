// Package storetest is the conformance suite for onestop.Store implementations. Embedders
// who keep dossiers in their own database run it from a test:
//
//	func TestStore(t *testing.T) {
//		storetest.Run(t, func(t *testing.T) onestop.Store { return mydb.NewStore(testDB(t)) })
//	}
//
// Each check gets a fresh, empty store from newStore (which may register its cleanup with
// t.Cleanup). The suite builds its records from real commands through an onestop.Office
// working on the store: dossiers with their event logs, consultations, route plans and
// schedules, summaries and public views, received, transferred, consulted, waiting for a
// supplement, resolved, returned, rated and withdrawn. After every command it reads the
// record back (and every record at the end of the day) and checks that the store gives back
// each part the command changed (the dossier and its log, Version, Seq, Summary, Plan, Route,
// Locality, Consultations, Holders, Watch), that the record survives a JSON round trip, and
// that its version counts its writes.
// The caches Public and Schedule may be dropped (the Office derives them again); kept, they
// must come back equal. The dossier's Rules are never compared: the Office attaches its own.
//
// It also checks keys, versions and optimistic concurrency (a stale write is refused and
// writes nothing, not even its messages), the daily sequence, every query of the contract
// (Queue with its order, states and pages, and a dossier on parallel steps in the queue of
// each agency holding one, before and after one of them hands its step on; Watch, whose
// records must hold what the sweep reads;
// Summaries at the bounds of a period; Scan),
// the outbox (messages written with their command, numbered in order; Fetch with its lease,
// Ack, Retry, Post; concurrent deliverers), cancelled contexts, and concurrent
// read-modify-write cycles from many goroutines (run it with -race).
//
// The suite's own tests show it failing stores that lose the last event on Update, drop the
// log on Create, keep the dossier of Create on every Update, drop consultations, plans or
// routes, lose messages or write them with a refused command, give the sweep records
// without their log or their route plan, or queue a dossier under its first holder only.
package storetest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/motcua-go/motcua/dossier"
	"github.com/motcua-go/motcua/onestop"
	"github.com/rickb777/date/v2"
)

// Run runs the conformance suite against stores made by newStore, one subtest per check.
func Run(t *testing.T, newStore func(t *testing.T) onestop.Store) {
	t.Helper()
	for _, c := range checks {
		t.Run(c.name, func(t *testing.T) { c.run(t, newStore(t)) })
	}
}

// check is one check of the suite, run on a fresh store.
type check struct {
	name string
	run  func(t testing.TB, s onestop.Store)
}

var checks = []check{
	{"RecordsFromCommands", recordsFromCommands},
	{"GetUnknown", getUnknown},
	{"CreateGet", createGet},
	{"CreateTwice", createTwice},
	{"CreateWithVersion", createWithVersion},
	{"CreateWithoutCode", createWithoutCode},
	{"UpdateBumpsVersion", updateBumpsVersion},
	{"StaleUpdateWritesNothing", staleUpdateWritesNothing},
	{"UpdateUnknown", updateUnknown},
	{"Sequence", sequence},
	{"SequenceConcurrent", sequenceConcurrent},
	{"Queue", queue},
	{"QueueParallel", queueParallel},
	{"Watch", watch},
	{"Summaries", summaries},
	{"Scan", scan},
	{"QueriesStop", queriesStop},
	{"Outbox", outbox},
	{"OutboxLease", outboxLease},
	{"OutboxConcurrentFetch", outboxConcurrentFetch},
	{"OutboxKind", outboxKind},
	{"CancelledContext", cancelledContext},
	{"ConcurrentReadModifyWrite", concurrentReadModifyWrite},
}

var ctx = context.Background()

// recordsFromCommands runs the day at the desk (world.day), which verifies every record
// after every command, and then looks every dossier up through the Office.
func recordsFromCommands(t testing.TB, s onestop.Store) {
	w := newWorld(t, s)
	w.checking = true
	w.day()
	for name, code := range w.codes {
		if _, err := w.office.Lookup(ctx, code); err != nil {
			t.Fatalf("lookup of %s: %v", name, err)
		}
	}
}

func getUnknown(t testing.TB, s onestop.Store) {
	const code = "000.00.31.H49-260302-0001"
	_, err := s.Get(ctx, code)
	var ce *dossier.CodeError
	if !errors.Is(err, onestop.ErrNotFound) || !errors.As(err, &ce) || ce.Code != code {
		t.Fatalf("Get(unknown) = %v, want a *dossier.CodeError wrapping ErrNotFound", err)
	}
}

func createGet(t testing.TB, s onestop.Store) {
	in, msgs := sample(t)
	got, err := s.Create(ctx, in, msgs)
	if err != nil {
		t.Fatal(err)
	}
	if got.Version != 1 {
		t.Fatalf("Create returned version %d, want 1", got.Version)
	}
	if msgs[0].ID == 0 {
		t.Errorf("Create did not number the message it wrote")
	}
	back, err := s.Get(ctx, in.Code)
	if err != nil {
		t.Fatal(err)
	}
	want := in
	want.Version = 1
	sameRecord(t, "Get after Create", want, back)
	roundTrip(t, "Get after Create", back)
	if back.Schedule != nil && !back.Schedule.Equal(in.Schedule) {
		t.Fatalf("the store kept another schedule than written")
	}
}

func createTwice(t testing.TB, s onestop.Store) {
	in, _ := sample(t)
	if _, err := s.Create(ctx, in, nil); err != nil {
		t.Fatal(err)
	}
	other := in
	other.Summary.Field = "other"
	_, msgs := sample(t)
	_, err := s.Create(ctx, other, msgs)
	var ce *dossier.CodeError
	if !errors.Is(err, onestop.ErrExists) || !errors.As(err, &ce) {
		t.Fatalf("second Create = %v, want a *dossier.CodeError wrapping ErrExists", err)
	}
	back, err := s.Get(ctx, in.Code)
	if err != nil {
		t.Fatal(err)
	}
	want := in
	want.Version = 1
	sameRecord(t, "after a second Create", want, back)
	if got := fetchAll(t, s, at(20, 9, 0)); len(got) != 0 {
		t.Fatalf("a refused Create wrote %d messages", len(got))
	}
}

func createWithVersion(t testing.TB, s onestop.Store) {
	r, msgs := sample(t)
	r.Version = 3
	if _, err := s.Create(ctx, r, msgs); err == nil {
		t.Fatal("Create accepted a record with a version")
	}
	if _, err := s.Get(ctx, r.Code); !errors.Is(err, onestop.ErrNotFound) {
		t.Fatalf("refused Create stored something: %v", err)
	}
	if got := fetchAll(t, s, at(20, 9, 0)); len(got) != 0 {
		t.Fatalf("a refused Create wrote %d messages", len(got))
	}
}

func createWithoutCode(t testing.TB, s onestop.Store) {
	r, _ := sample(t)
	r.Code = ""
	if _, err := s.Create(ctx, r, nil); !errors.Is(err, onestop.ErrRequired) {
		t.Fatalf("Create without a code = %v, want ErrRequired", err)
	}
}

func updateBumpsVersion(t testing.TB, s onestop.Store) {
	r, _ := sample(t)
	created, err := s.Create(ctx, r, nil)
	if err != nil {
		t.Fatal(err)
	}
	r.Version = created.Version
	for want := uint64(2); want <= 4; want++ {
		r.Summary.Supplements++
		r.Consultations = append(r.Consultations, r.Consultations[0])
		r.Consultations[len(r.Consultations)-1].ID = len(r.Consultations)
		// A later event of the log: the dossier as a command would leave it.
		d := *r.Dossier
		ev := d.Events[len(d.Events)-1]
		ev.Seq++
		ev.At = ev.At.Add(time.Minute)
		ev.Reason = fmt.Sprintf("note %d", want)
		d.Events = append(slices.Clip(d.Events), ev)
		r.Dossier, r.Seq = &d, len(d.Events)
		sent := r
		updated, err := s.Update(ctx, r, nil)
		if err != nil {
			t.Fatal(err)
		}
		if updated.Version != want {
			t.Fatalf("Update returned version %d, want %d", updated.Version, want)
		}
		r.Version = want
		back, err := s.Get(ctx, r.Code)
		if err != nil {
			t.Fatal(err)
		}
		sent.Version = want
		sameRecord(t, fmt.Sprintf("Get after Update to version %d", want), sent, back)
		sameRecord(t, fmt.Sprintf("Update to version %d", want), sent, updated)
	}
}

func staleUpdateWritesNothing(t testing.TB, s onestop.Store) {
	in, _ := sample(t)
	v1, err := s.Create(ctx, in, nil)
	if err != nil {
		t.Fatal(err)
	}
	_, msgs := sample(t)
	a, b := v1, v1
	a.Summary.Supplements = 1
	v2, err := s.Update(ctx, a, nil)
	if err != nil {
		t.Fatal(err)
	}
	b.Summary.Contacts = 7
	_, err = s.Update(ctx, b, msgs)
	var ce *onestop.ConflictError
	if !errors.Is(err, onestop.ErrConflict) || !errors.As(err, &ce) {
		t.Fatalf("stale Update = %v, want a *ConflictError", err)
	}
	if ce.Code != v1.Code || ce.Expected != 1 || ce.Actual != 2 {
		t.Fatalf("conflict = %+v, want code %s, expected 1, actual 2", ce, v1.Code)
	}
	back, err := s.Get(ctx, v1.Code)
	if err != nil {
		t.Fatal(err)
	}
	sameRecord(t, "after a stale Update", v2, back)
	if got := fetchAll(t, s, at(20, 9, 0)); len(got) != 0 {
		t.Fatalf("a stale Update wrote %d messages", len(got))
	}
}

func updateUnknown(t testing.TB, s onestop.Store) {
	r, _ := sample(t)
	r.Version = 1
	if _, err := s.Update(ctx, r, nil); !errors.Is(err, onestop.ErrNotFound) {
		t.Fatalf("Update(unknown) = %v, want ErrNotFound", err)
	}
	if _, err := s.Get(ctx, r.Code); !errors.Is(err, onestop.ErrNotFound) {
		t.Fatalf("Update(unknown) created a record: %v", err)
	}
}

func sequence(t testing.TB, s onestop.Store) {
	const unit, other = "000.00.31.H49", "000.00.32.H49"
	d1, d2 := date.New(2026, time.March, 2), date.New(2026, time.March, 3)
	var got []int
	for _, k := range []struct {
		unit string
		day  date.Date
	}{{unit, d1}, {unit, d1}, {unit, d2}, {other, d1}, {unit, d1}, {unit, d2}} {
		n, err := s.Next(ctx, k.unit, k.day)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, n)
	}
	if diff := cmp.Diff([]int{1, 2, 1, 1, 3, 2}, got); diff != "" {
		t.Fatalf("sequence per unit and day (-want +got):\n%s", diff)
	}
}

func sequenceConcurrent(t testing.TB, s onestop.Store) {
	const n = 64
	day := date.New(2026, time.March, 2)
	nums := make([]int, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			v, err := s.Next(ctx, desk, day)
			if err != nil {
				t.Error(err)
			}
			nums[i] = v
		})
	}
	wg.Wait()
	sort.Ints(nums)
	for i, v := range nums {
		if v != i+1 {
			t.Fatalf("concurrent sequence numbers %v are not 1..%d", nums, n)
		}
	}
}

// queue checks the work queues of the day's agencies, whole and in pages, against the
// records written.
func queue(t testing.TB, s onestop.Store) {
	w := newWorld(t, s)
	w.day()
	recs := w.spy.records()
	held := 0
	for _, agency := range []string{desk, police, bhxh, "000.00.31.H54"} {
		for _, states := range [][]dossier.State{nil, {dossier.Received}, {dossier.InProcess, dossier.SupplementRequested}, {dossier.Returned}} {
			want := queueOf(recs, agency, states)
			if states == nil {
				held += len(want)
			}
			for _, limit := range []int{0, 2} {
				got := readQueue(t, s, agency, states, limit, len(recs)+1)
				if diff := cmp.Diff(codes(want), codes(got)); diff != "" {
					t.Fatalf("queue of %s in states %v, pages of %d (-want +got):\n%s", agency, states, limit, diff)
				}
				for i := range got {
					sameRecord(t, "queue", want[i], got[i])
				}
			}
		}
	}
	if held != 9 {
		t.Fatalf("the queues hold %d dossiers, want the 8 not closed of the day (the online one waiting for acceptance among them), the parallel one twice", held)
	}
}

// readQueue reads the work queue of agency in states from s whole (limit ≤ 0) or in pages of
// limit, each page starting after the last record of the one before; more than maxPages
// pages fail t.
func readQueue(t testing.TB, s onestop.Store, agency string, states []dossier.State, limit, maxPages int) []onestop.Record {
	t.Helper()
	var got []onestop.Record
	var after onestop.QueueCursor
	for page := 0; ; page++ {
		if page > maxPages {
			t.Fatalf("queue of %s %v by %d: the pages do not end", agency, states, limit)
		}
		n := 0
		err := s.Queue(ctx, onestop.QueueQuery{Agency: agency, States: states, After: after, Limit: limit}, func(r onestop.Record) bool {
			got = append(got, r)
			after = onestop.QueueCursor{Due: r.Summary.Due, Code: r.Code}
			n++
			return true
		})
		if err != nil {
			t.Fatal(err)
		}
		if limit > 0 && n > limit {
			t.Fatalf("queue of %s %v: a page of %d records, limit %d", agency, states, n, limit)
		}
		if limit <= 0 || n < limit {
			return got
		}
	}
}

// queueParallel follows dossiers on a route with parallel steps (electronic liên thông,
// Decree 118/2025 Art. 20(2)(b)) through the work queues. While the police and the social
// insurance both hold one, it is in the queue of each (once, whole and in pages, in every
// state filter that admits it), not in the desk's; when the police hand their step on, it
// leaves their queue and stays in the social insurance's; when both have, the desk holds it
// for the return.
func queueParallel(t testing.TB, s onestop.Store) {
	w := newWorld(t, s)
	w.checking = true
	o := w.office
	// A dossier the desk holds beside two on the parallel route: pages of one or two records
	// cut each queue between them.
	r := w.intake("received", birth())
	w.later(time.Minute)
	a := w.parallel("first")
	w.later(time.Minute)
	b := w.parallel("second")
	if got := w.spy.last[a].Holders; !slices.Equal(got, []string{police, bhxh}) {
		t.Fatalf("the Office wrote the parallel dossier with holders %v, want the police and the social insurance", got)
	}
	w.queuesAre("both branches in hand", map[string][]string{desk: {r}, police: {a, b}, bhxh: {a, b}})

	w.later(10 * time.Minute)
	w.do("the police hand the first on", a, func() error { _, err := o.Handoff(ctx, policeman, a); return err })
	w.queuesAre("the police done with the first", map[string][]string{desk: {r}, police: {b}, bhxh: {a, b}})

	w.later(10 * time.Minute)
	w.do("the social insurance hands the first on", a, func() error { _, err := o.Handoff(ctx, insurer, a); return err })
	w.queuesAre("both done with the first", map[string][]string{desk: {r, a}, police: {b}, bhxh: {b}})
}

// queuesAre checks that the work queue of each agency of want holds exactly the dossiers of
// its codes, in the queue's order (by the due time the Office wrote, then code), read whole
// and in pages of one and two, and that a state filter keeps those in its states.
func (w *world) queuesAre(what string, want map[string][]string) {
	w.t.Helper()
	for agency, codes := range want {
		recs := make([]onestop.Record, len(codes))
		for i, c := range codes {
			recs[i] = w.spy.last[c]
		}
		for _, states := range [][]dossier.State{nil, {dossier.InProcess}, {dossier.Received}, {dossier.Received, dossier.InProcess}} {
			var exp []string
			for _, r := range queueOf(recs, "", states) {
				exp = append(exp, r.Code)
			}
			for _, limit := range []int{0, 1, 2} {
				var got []string
				for _, r := range readQueue(w.t, w.store, agency, states, limit, len(codes)+2) {
					got = append(got, r.Code)
				}
				if diff := cmp.Diff(exp, got, cmpopts.EquateEmpty()); diff != "" {
					w.t.Fatalf("%s: queue of %s in states %v, pages of %d (-want +got):\n%s", what, agency, states, limit, diff)
				}
			}
		}
	}
}

// queueOf is the work queue of agency in states among recs, in its order; every record of
// recs in states when agency is empty.
func queueOf(recs []onestop.Record, agency string, states []dossier.State) []onestop.Record {
	var out []onestop.Record
	for _, r := range recs {
		if (agency == "" || slices.Contains(r.Holders, agency)) && (len(states) == 0 || slices.Contains(states, r.Dossier.State)) {
			out = append(out, r)
		}
	}
	slices.SortFunc(out, func(a, b onestop.Record) int {
		if a.Summary.Due != b.Summary.Due {
			if a.Summary.Due < b.Summary.Due {
				return -1
			}
			return 1
		}
		return cmpString(a.Code, b.Code)
	})
	return out
}

func codes(recs []onestop.Record) []string {
	out := make([]string, len(recs))
	for i, r := range recs {
		out[i] = r.Code
	}
	return out
}

// watch checks Store.Watch at and around every watch time of the day's records.
func watch(t testing.TB, s onestop.Store) {
	w := newWorld(t, s)
	w.day()
	recs := w.spy.records()
	untils := []time.Time{at(1, 0, 0), at(31, 0, 0).AddDate(1, 0, 0)}
	watched := 0
	for _, r := range recs {
		if !r.Watch.IsZero() {
			watched++
			untils = append(untils, r.Watch, r.Watch.Add(-time.Second), r.Watch.Add(time.Second))
		}
	}
	if watched < 5 {
		t.Fatalf("only %d records of the day have a watch time", watched)
	}
	for _, until := range untils {
		var want, got []string
		for _, r := range recs {
			if !r.Watch.IsZero() && !r.Watch.After(until) {
				want = append(want, r.Code)
			}
		}
		err := s.Watch(ctx, until, func(r onestop.Record) bool {
			got = append(got, r.Code)
			sameSwept(t, w.spy.last[r.Code], r)
			return true
		})
		if err != nil {
			t.Fatal(err)
		}
		sort.Strings(got)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("watched until %v (-want +got):\n%s", until, diff)
		}
	}
}

// summaries checks Store.Summaries for periods bounded by every reception and end of the
// day's records, and a second either side.
func summaries(t testing.TB, s onestop.Store) {
	w := newWorld(t, s)
	w.day()
	recs := w.spy.records()
	bounds := []int64{at(1, 0, 0).Unix(), at(31, 0, 0).Unix()}
	for _, r := range recs {
		for _, b := range []int64{r.Summary.Received, r.Summary.End} {
			if b != 0 {
				bounds = append(bounds, b-1, b, b+1)
			}
		}
	}
	ended := 0
	for _, r := range recs {
		if r.Summary.End != 0 {
			ended++
		}
	}
	if ended < 2 {
		t.Fatalf("only %d records of the day ended", ended)
	}
	for _, from := range bounds {
		for _, to := range bounds {
			if from >= to {
				continue
			}
			var want, got []string
			for _, r := range recs {
				if x := r.Summary; x.Received != 0 && x.Received < to && (x.End == 0 || x.End >= from) {
					want = append(want, r.Code)
				}
			}
			err := s.Summaries(ctx, from, to, func(x onestop.Summary) bool {
				got = append(got, x.Code)
				if diff := cmp.Diff(w.spy.last[x.Code].Summary, x); diff != "" {
					t.Errorf("summary of %s (-written +read):\n%s", x.Code, diff)
				}
				return true
			})
			if err != nil {
				t.Fatal(err)
			}
			sort.Strings(got)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Fatalf("summaries of [%d, %d) (-want +got):\n%s", from, to, diff)
			}
		}
	}
}

func scan(t testing.TB, s onestop.Store) {
	w := newWorld(t, s)
	w.day()
	recs := w.spy.records()
	var seen []string
	if err := s.Scan(ctx, func(r onestop.Record) bool {
		seen = append(seen, r.Code)
		sameRecord(t, "scan", w.spy.last[r.Code], r)
		return true
	}); err != nil {
		t.Fatal(err)
	}
	sort.Strings(seen)
	if diff := cmp.Diff(codes(recs), seen); diff != "" {
		t.Fatalf("Scan (-want +got):\n%s", diff)
	}
}

// queriesStop checks that every query stops when fn returns false.
func queriesStop(t testing.TB, s onestop.Store) {
	w := newWorld(t, s)
	w.day()
	far := at(31, 0, 0).AddDate(1, 0, 0)
	for name, q := range map[string]func(fn func() bool) error{
		"Scan":  func(fn func() bool) error { return s.Scan(ctx, func(onestop.Record) bool { return fn() }) },
		"Watch": func(fn func() bool) error { return s.Watch(ctx, far, func(onestop.Record) bool { return fn() }) },
		"Queue": func(fn func() bool) error {
			return s.Queue(ctx, onestop.QueueQuery{Agency: desk}, func(onestop.Record) bool { return fn() })
		},
		"Summaries": func(fn func() bool) error {
			return s.Summaries(ctx, at(1, 0, 0).Unix(), far.Unix(), func(onestop.Summary) bool { return fn() })
		},
	} {
		count := 0
		if err := q(func() bool { count++; return count < 2 }); err != nil {
			t.Fatal(err)
		}
		if count != 2 {
			t.Fatalf("%s went on after fn returned false: %d calls", name, count)
		}
	}
}

// fetchAll fetches every message due at now, with a lease of a minute.
func fetchAll(t testing.TB, s onestop.Store, now time.Time) []onestop.Envelope {
	t.Helper()
	got, err := s.Fetch(ctx, now, time.Minute, 1_000)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// outbox checks that the messages of the day's commands are in the outbox exactly as written,
// numbered in the order written, and that acknowledged ones are gone.
func outbox(t testing.TB, s onestop.Store) {
	w := newWorld(t, s)
	w.day()
	sent := slices.Clone(w.spy.sent)
	if len(sent) < 20 {
		t.Fatalf("the day wrote %d messages, want a notice for each event", len(sent))
	}
	for i, m := range sent {
		if m.ID == 0 || i > 0 && m.ID <= sent[i-1].ID {
			t.Fatalf("message %d written has ID %d after %d: IDs must increase in the order written", i, m.ID, sent[max(i-1, 0)].ID)
		}
	}
	now := at(12, 9, 0)
	got := fetchAll(t, s, now)
	want := slices.Clone(sent)
	for i := range want {
		want[i].Attempts, want[i].NotBefore = 1, now.Add(time.Minute)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("the outbox (-written +fetched):\n%s", diff)
	}
	var ids []uint64
	for _, m := range got[:len(got)/2] {
		ids = append(ids, m.ID)
	}
	if err := s.Ack(ctx, ids...); err != nil {
		t.Fatal(err)
	}
	if err := s.Ack(ctx, append(ids, 1<<62)...); err != nil {
		t.Fatalf("a second Ack, with an unknown ID: %v", err)
	}
	rest := fetchAll(t, s, now.Add(2*time.Minute))
	if diff := cmp.Diff(codesOf(got[len(got)/2:]), codesOf(rest)); diff != "" {
		t.Fatalf("after the lease, the messages not acknowledged (-want +got):\n%s", diff)
	}
	for _, m := range rest {
		if m.Attempts != 2 {
			t.Fatalf("message %d handed out twice has %d attempts", m.ID, m.Attempts)
		}
	}
	// A notice without a dossier, posted alone.
	post := []onestop.Envelope{{Notice: &onestop.Notice{Reference: "KIOSK-18", Procedure: "1.001193", Event: "refuse_intake", State: "not_accepted",
		NationalStatus: 2, Agency: desk, Role: "clerk", At: now, SubmittedAt: now}}}
	if err := s.Post(ctx, post); err != nil {
		t.Fatal(err)
	}
	if post[0].ID <= sent[len(sent)-1].ID {
		t.Fatalf("Post numbered a message %d, not after the last written (%d)", post[0].ID, sent[len(sent)-1].ID)
	}
	if got := fetchAll(t, s, now); len(got) != 1 || got[0].ID != post[0].ID || !cmp.Equal(post[0].Notice, got[0].Notice) {
		t.Fatalf("after Post: fetched %+v", got)
	}
}

// outboxKind writes messages of a kind (onestop.Envelope.Kind, Payload) beside a notice: the
// store hands their bytes back as written, and a store that implements onestop.OutboxTally
// counts them by dossier, written and acknowledged.
func outboxKind(t testing.TB, s onestop.Store) {
	now := at(12, 9, 0)
	// Bytes a JSON column would rewrite: spaces, key order, a duplicate key.
	odd := []byte(`{"b": 1,  "a":[2,3], "a": "x"}`)
	msgs := []onestop.Envelope{
		{Code: "A-1", Kind: "portal", Payload: odd},
		{Code: "A-1", Notice: &onestop.Notice{Code: "A-1", Procedure: "1.001193", Event: "receive", State: "received",
			NationalStatus: 2, Agency: desk, Role: "clerk", At: now, SubmittedAt: now}},
		{Code: "A-1", Kind: "portal", Payload: []byte("second")},
		{Code: "B-2", Kind: "portal", Payload: []byte{0, 0xff, '\n'}},
		{Code: "B-2", Kind: "other", Payload: []byte("{}")},
	}
	if err := s.Post(ctx, msgs); err != nil {
		t.Fatal(err)
	}
	got := fetchAll(t, s, now)
	want := slices.Clone(msgs)
	for i := range want {
		want[i].Attempts, want[i].NotBefore = 1, now.Add(time.Minute)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("the outbox (-written +fetched):\n%s", diff)
	}
	if err := s.Ack(ctx, got[0].ID, got[1].ID, got[3].ID); err != nil {
		t.Fatal(err)
	}
	tally, ok := s.(onestop.OutboxTally)
	if !ok {
		return
	}
	type count struct{ Written, Acked int }
	counts := map[string]count{}
	if err := tally.Tally(ctx, "portal", func(code string, written, acked int) bool {
		counts[code] = count{written, acked}
		return true
	}); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[string]count{"A-1": {2, 1}, "B-2": {1, 1}}, counts); diff != "" {
		t.Fatalf("Tally(portal) (-want +got):\n%s", diff)
	}
	n := 0
	if err := tally.Tally(ctx, "portal", func(string, int, int) bool { n++; return false }); err != nil || n != 1 {
		t.Fatalf("Tally called fn %d times after it returned false (err %v)", n, err)
	}
}

func codesOf(msgs []onestop.Envelope) []uint64 {
	out := make([]uint64, len(msgs))
	for i, m := range msgs {
		out[i] = m.ID
	}
	return out
}

// outboxLease checks the lease of Fetch, the limit, and Retry.
func outboxLease(t testing.TB, s onestop.Store) {
	r, msgs := sample(t)
	msgs = append(msgs, msgs[0], msgs[0])
	if _, err := s.Create(ctx, r, msgs); err != nil {
		t.Fatal(err)
	}
	now := at(12, 9, 0)
	first, err := s.Fetch(ctx, now, time.Hour, 2)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]uint64{msgs[0].ID, msgs[1].ID}, codesOf(first)); diff != "" {
		t.Fatalf("Fetch with limit 2 (-want +got):\n%s", diff)
	}
	if got := fetchAll(t, s, now.Add(59*time.Minute)); len(got) != 1 || got[0].ID != msgs[2].ID {
		t.Fatalf("within the lease, Fetch handed out %v, want only %d", codesOf(got), msgs[2].ID)
	}
	if err := s.Retry(ctx, msgs[0].ID, now.Add(3*time.Hour), "SMS gateway: 503"); err != nil {
		t.Fatal(err)
	}
	if err := s.Retry(ctx, 1<<62, now, "unknown"); err != nil {
		t.Fatalf("Retry of an unknown ID: %v", err)
	}
	later := fetchAll(t, s, now.Add(2*time.Hour))
	if diff := cmp.Diff([]uint64{msgs[1].ID, msgs[2].ID}, codesOf(later)); diff != "" {
		t.Fatalf("after the lease, before the retry (-want +got):\n%s", diff)
	}
	retried := fetchAll(t, s, now.Add(3*time.Hour))
	if len(retried) == 0 || retried[0].ID != msgs[0].ID || retried[0].LastError != "SMS gateway: 503" || retried[0].Attempts != 2 {
		t.Fatalf("the message retried: %+v", retried)
	}
}

// outboxConcurrentFetch checks that deliverers fetching at once never get the same message
// within its lease.
func outboxConcurrentFetch(t testing.TB, s onestop.Store) {
	r, msgs := sample(t)
	const n = 40
	for range n - 1 {
		msgs = append(msgs, msgs[0])
	}
	if _, err := s.Create(ctx, r, msgs); err != nil {
		t.Fatal(err)
	}
	now := at(12, 9, 0)
	var mu sync.Mutex
	seen := map[uint64]int{}
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			// More fetches than messages: a store without leases stops here too.
			for range n {
				got, err := s.Fetch(ctx, now, time.Hour, 3)
				if err != nil {
					t.Error(err)
					return
				}
				if len(got) == 0 {
					return
				}
				mu.Lock()
				for _, m := range got {
					seen[m.ID]++
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if len(seen) != n {
		t.Fatalf("concurrent deliverers got %d messages of %d", len(seen), n)
	}
	for id, k := range seen {
		if k != 1 {
			t.Fatalf("message %d handed out %d times within its lease", id, k)
		}
	}
}

func cancelledContext(t testing.TB, s onestop.Store) {
	r, msgs := sample(t)
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := s.Create(cctx, r, msgs); err == nil {
		t.Fatal("Create ignored a cancelled context")
	}
	if _, err := s.Get(ctx, r.Code); !errors.Is(err, onestop.ErrNotFound) {
		t.Fatalf("Create with a cancelled context stored the record: %v", err)
	}
	if got := fetchAll(t, s, at(20, 9, 0)); len(got) != 0 {
		t.Fatalf("Create with a cancelled context wrote %d messages", len(got))
	}
}

// concurrentReadModifyWrite runs read-modify-write cycles from 8 goroutines, each write with a
// message: every one lands once, with its message.
func concurrentReadModifyWrite(t testing.TB, s onestop.Store) {
	r, _ := sample(t)
	if _, err := s.Create(ctx, r, nil); err != nil {
		t.Fatal(err)
	}
	_, msgs := sample(t)
	const workers, each = 8, 25
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for range each {
				for {
					cur, err := s.Get(ctx, r.Code)
					if err != nil {
						t.Error(err)
						return
					}
					cur.Summary.ApplicantTime++
					if _, err = s.Update(ctx, cur, slices.Clone(msgs)); err == nil {
						break
					}
					if !errors.Is(err, onestop.ErrConflict) {
						t.Error(err)
						return
					}
				}
			}
		})
	}
	wg.Wait()
	back, err := s.Get(ctx, r.Code)
	if err != nil {
		t.Fatal(err)
	}
	if back.Summary.ApplicantTime != workers*each || back.Version != 1+workers*each {
		t.Fatalf("after %d increments: counter %d, version %d", workers*each, back.Summary.ApplicantTime, back.Version)
	}
	if got := fetchAll(t, s, at(20, 9, 0)); len(got) != workers*each {
		t.Fatalf("after %d writes with a message each, %d messages", workers*each, len(got))
	}
}
