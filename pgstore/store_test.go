package pgstore_test

import (
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/motcua-go/motcua/dossier"
	"github.com/motcua-go/motcua/onestop"
	"github.com/motcua-go/motcua/pgstore"
)

// TestMigrate applies the migrations twice and from several processes at once: each version
// is applied once and recorded once.
func TestMigrate(t *testing.T) {
	pool := pg.Pool(t)
	var wg sync.WaitGroup
	errs := make([]error, 6)
	for i := range errs {
		wg.Go(func() { errs[i] = pgstore.Migrate(t.Context(), pool) })
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatalf("concurrent Migrate: %v", err)
		}
	}
	if err := pgstore.Migrate(t.Context(), pool); err != nil {
		t.Fatalf("Migrate again: %v", err)
	}
	var n, last int
	if err := pool.QueryRow(t.Context(), `SELECT count(*), max(version) FROM schema_migrations`).Scan(&n, &last); err != nil {
		t.Fatal(err)
	}
	if n != pgstore.SchemaVersion() || last != pgstore.SchemaVersion() || last < 1 {
		t.Fatalf("schema_migrations has %d rows up to %d, want %d", n, last, pgstore.SchemaVersion())
	}
}

// TestNotMigrated: a store on a schema without tables answers with a typed error naming the
// SQLSTATE, not a panic.
func TestNotMigrated(t *testing.T) {
	s := pgstore.New(pg.Pool(t), pgstore.Options{})
	_, err := s.Get(t.Context(), "000.00.31.H49-260310-0001")
	var pe *pgstore.Error
	if !errors.As(err, &pe) || !errors.Is(err, pgstore.ErrDatabase) || pe.SQLState != "42P01" {
		t.Fatalf("Get on an empty schema = %v, want a *pgstore.Error wrapping ErrDatabase with SQLSTATE 42P01", err)
	}
}

// TestNext: the daily sequence counts per unit and day, and never hands out a number twice
// under concurrency.
func TestNext(t *testing.T) {
	_, s := migrated(t)
	d1, d2 := at(10, 0, 0), at(11, 0, 0)
	var mu sync.Mutex
	seen := map[string]bool{}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 25 {
				unit, when := desk, d1
				if (g+i)%2 == 0 {
					unit, when = police, d2
				}
				n, err := s.Next(t.Context(), unit, dateOf(when))
				if err != nil {
					t.Error(err)
					return
				}
				k := fmt.Sprintf("%s/%v/%d", unit, dateOf(when), n)
				mu.Lock()
				if seen[k] {
					t.Errorf("number %s handed out twice", k)
				}
				seen[k] = true
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if len(seen) != 200 {
		t.Fatalf("%d distinct numbers, want 200", len(seen))
	}
	for _, u := range []string{desk + "/" + dateOf(d1).String() + "/100", police + "/" + dateOf(d2).String() + "/100"} {
		if !seen[u] {
			t.Errorf("number %s missing: the sequence has gaps", u)
		}
	}
}

// script runs the same day on an office: intakes, a transfer, processing, a supplement, a
// result and its return, a rating; it returns the codes.
func script(t *testing.T, o *onestop.Office, clock *onestop.FakeClock) []string {
	t.Helper()
	ctx := t.Context()
	var codes []string
	clock.Set(at(10, 8, 0))
	for i := range 4 {
		res, err := o.Intake(ctx, clerk, birth(t, fmt.Sprintf("Nguyễn Văn %c", 'A'+i)))
		if err != nil {
			t.Fatal(err)
		}
		if res.Decision != onestop.DecisionReceive {
			t.Fatalf("intake decision %v", res.Decision)
		}
		codes = append(codes, res.Code)
	}
	step := func(min int, f func() error) {
		t.Helper()
		clock.Set(at(10, 9, min))
		if err := f(); err != nil {
			t.Fatal(err)
		}
	}
	for i, c := range codes[:3] {
		step(i, func() error { _, err := o.Transfer(ctx, clerk, c); return err })
		step(10+i, func() error { _, err := o.Start(ctx, civil, c); return err })
	}
	step(20, func() error {
		_, err := o.RequestSupplement(ctx, civil, codes[1], "thiếu bản sao giấy chứng sinh", []string{"Giấy chứng sinh"})
		return err
	})
	step(30, func() error { _, err := o.Resolve(ctx, civil, codes[0], "KS-01/2026"); return err })
	step(40, func() error { _, err := o.Return(ctx, clerk, codes[0]); return err })
	step(41, func() error {
		return o.Rate(ctx, dossier.Actor{ID: "cd", Role: dossier.RoleApplicant}, codes[0], onestop.Satisfied, false)
	})
	step(50, func() error { _, err := o.Withdraw(ctx, clerk, codes[3], "người nộp rút hồ sơ"); return err })
	return codes
}

// TestSameAsMemStore runs one day on MemStore and on PostgreSQL: every record, every query and
// every notice come out the same.
func TestSameAsMemStore(t *testing.T) {
	_, s := migrated(t)
	mem := onestop.NewMemStore()
	mclock, pclock := onestop.NewFakeClock(at(10, 8, 0)), onestop.NewFakeClock(at(10, 8, 0))
	mnotes, pnotes := new(onestop.Recorder), new(onestop.Recorder)
	mo, po := newOffice(t, mem, mclock, mnotes), newOffice(t, s, pclock, pnotes)
	codes := script(t, mo, mclock)
	if got := script(t, po, pclock); !cmp.Equal(got, codes) {
		t.Fatalf("codes %v on PostgreSQL, %v in memory", got, codes)
	}
	ctx := t.Context()
	ignoreRules := cmpopts.IgnoreFields(dossier.Dossier{}, "Rules")
	for _, c := range codes {
		want, err := mem.Get(ctx, c)
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.Get(ctx, c)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, got, ignoreRules, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("record %s (-memory +postgres):\n%s", c, diff)
		}
		wl, err := mo.Lookup(ctx, c)
		if err != nil {
			t.Fatal(err)
		}
		gl, err := po.Lookup(ctx, c)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(wl, gl); diff != "" {
			t.Errorf("lookup %s (-memory +postgres):\n%s", c, diff)
		}
	}
	collect := func(st onestop.Store, q onestop.QueueQuery) []string {
		var out []string
		if err := st.Queue(ctx, q, func(r onestop.Record) bool { out = append(out, r.Code); return true }); err != nil {
			t.Fatal(err)
		}
		return out
	}
	for _, q := range []onestop.QueueQuery{
		{Agency: desk},
		{Agency: desk, States: []dossier.State{dossier.InProcess}},
		{Agency: desk, Limit: 1},
		{Agency: desk, After: onestop.QueueCursor{Due: 1, Code: codes[0]}},
		{Agency: police},
	} {
		if diff := cmp.Diff(collect(mem, q), collect(s, q)); diff != "" {
			t.Errorf("Queue(%+v) (-memory +postgres):\n%s", q, diff)
		}
	}
	for _, until := range []time.Time{at(10, 9, 0), at(12, 17, 0), at(31, 0, 0)} {
		var want, got []string
		mem.Watch(ctx, until, func(r onestop.Record) bool { want = append(want, r.Code); return true })
		if err := s.Watch(ctx, until, func(r onestop.Record) bool { got = append(got, r.Code); return true }); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, got, cmpopts.SortSlices(func(a, b string) bool { return a < b }), cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("Watch(%v) (-memory +postgres):\n%s", until, diff)
		}
	}
	for _, p := range [][2]time.Time{{at(1, 0, 0), at(31, 0, 0)}, {at(10, 9, 35), at(11, 0, 0)}, {at(11, 0, 0), at(12, 0, 0)}, {at(1, 0, 0), at(2, 0, 0)}} {
		var want, got []onestop.Summary
		mem.Summaries(ctx, p[0].Unix(), p[1].Unix(), func(x onestop.Summary) bool { want = append(want, x); return true })
		if err := s.Summaries(ctx, p[0].Unix(), p[1].Unix(), func(x onestop.Summary) bool { got = append(got, x); return true }); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, got, cmpopts.SortSlices(func(a, b onestop.Summary) bool { return a.Code < b.Code }), cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("Summaries(%v, %v) (-memory +postgres):\n%s", p[0], p[1], diff)
		}
	}
	fast, scanned, binaryRows, err := pgstore.SummariesBothWays(ctx, s, at(1, 0, 0).Unix(), at(31, 0, 0).Unix())
	if err != nil {
		t.Fatal(err)
	}
	if !binaryRows || len(fast) != len(codes) {
		t.Errorf("summaries: %d rows, binary %v; want %d rows in the binary form", len(fast), binaryRows, len(codes))
	}
	if diff := cmp.Diff(scanned, fast, cmpopts.SortSlices(func(a, b onestop.Summary) bool { return a.Code < b.Code })); diff != "" {
		t.Errorf("summaries decoded from the binary rows (-scanned +decoded):\n%s", diff)
	}
	mr, err := mo.Report(ctx, at(1, 0, 0), at(31, 0, 0), onestop.ReportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	pr, err := po.Report(ctx, at(1, 0, 0), at(31, 0, 0), onestop.ReportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(mr, pr); diff != "" {
		t.Errorf("report (-memory +postgres):\n%s", diff)
	}
	// The notices: the same ones, in the same order, delivered from each outbox once.
	for _, o := range []*onestop.Office{mo, po} {
		d, err := o.Deliver(ctx, 1000)
		if err != nil {
			t.Fatal(err)
		}
		if d.Failed != 0 || d.Delivered == 0 {
			t.Fatalf("Deliver = %+v", d)
		}
		if d, err := o.Deliver(ctx, 1000); err != nil || d.Delivered != 0 {
			t.Fatalf("Deliver after every ack = %+v, %v; want nothing", d, err)
		}
	}
	if diff := cmp.Diff(mnotes.Notices(), pnotes.Notices()); diff != "" {
		t.Errorf("notices (-memory +postgres):\n%s", diff)
	}
	if n, err := s.Pending(ctx); err != nil || n != 0 {
		t.Errorf("Pending = %d, %v after delivery", n, err)
	}
}

// TestGetUnknown: an unknown code is the onestop error every store gives.
func TestGetUnknown(t *testing.T) {
	_, s := migrated(t)
	_, err := s.Get(t.Context(), "000.00.31.H49-260310-0001")
	var ce *dossier.CodeError
	if !errors.Is(err, onestop.ErrNotFound) || !errors.As(err, &ce) {
		t.Fatalf("Get(unknown) = %v, want a *dossier.CodeError wrapping ErrNotFound", err)
	}
}

// TestCacheNotStale: a record another process changed is never served from the cache; a
// cache of one record keeps working as others come and go.
func TestCacheNotStale(t *testing.T) {
	pool, a := migrated(t)
	b := pgstore.New(pool, pgstore.Options{CacheSize: 1}) // another process on the same database
	clock := onestop.NewFakeClock(at(10, 8, 0))
	oa, ob := newOffice(t, a, clock, nil), newOffice(t, b, clock, nil)
	ctx := t.Context()
	res, err := oa.Intake(ctx, clerk, birth(t, "Lê Thị C"))
	if err != nil {
		t.Fatal(err)
	}
	other, err := ob.Intake(ctx, clerk, birth(t, "Lê Thị D"))
	if err != nil {
		t.Fatal(err)
	}
	for _, step := range []func() error{
		func() error { _, err := ob.Transfer(ctx, clerk, res.Code); return err },
		func() error { _, err := oa.Start(ctx, civil, res.Code); return err },
		func() error { _, err := ob.Lookup(ctx, other.Code); return err }, // evicts res from b's cache
		func() error { _, err := ob.Resolve(ctx, civil, res.Code, "KS-02"); return err },
	} {
		before, err := a.Get(ctx, res.Code)
		if err != nil {
			t.Fatal(err)
		}
		if err := step(); err != nil {
			t.Fatal(err)
		}
		for _, s := range []*pgstore.Store{a, b} {
			after, err := s.Get(ctx, res.Code)
			if err != nil {
				t.Fatal(err)
			}
			var direct int
			if err := pool.QueryRow(ctx, `SELECT version FROM dossiers WHERE code = $1`, res.Code).Scan(&direct); err != nil {
				t.Fatal(err)
			}
			if after.Version != uint64(direct) || len(after.Dossier.Events) != after.Seq {
				t.Fatalf("Get returned version %d with %d events (Seq %d); the database holds version %d", after.Version, len(after.Dossier.Events), after.Seq, direct)
			}
			if after.Version < before.Version {
				t.Fatalf("version went back from %d to %d", before.Version, after.Version)
			}
		}
	}
	pv, err := oa.Lookup(ctx, res.Code)
	if err != nil {
		t.Fatal(err)
	}
	if pv.State != dossier.Resolved {
		t.Fatalf("lookup after the result: state %v, want resolved", pv.State)
	}
}

// A row written before migration 004 has no column sweep: Watch and Get read it from its
// record and log, and give the same records.
func TestWatchWithoutSweepColumn(t *testing.T) {
	pool, s := migrated(t)
	ctx := t.Context()
	clock := onestop.NewFakeClock(at(10, 8, 0))
	o := newOffice(t, s, clock, nil)
	for i := range 3 {
		res, err := o.Intake(ctx, clerk, birth(t, fmt.Sprintf("Người nộp %d", i)))
		if err != nil {
			t.Fatal(err)
		}
		if i > 0 {
			if _, err := o.Transfer(ctx, clerk, res.Code); err != nil {
				t.Fatal(err)
			}
		}
	}
	far := at(10, 8, 0).AddDate(1, 0, 0)
	read := func() map[string]onestop.Record {
		got := map[string]onestop.Record{}
		if err := s.Watch(ctx, far, func(r onestop.Record) bool { got[r.Code] = r; return true }); err != nil {
			t.Fatal(err)
		}
		return got
	}
	with := read()
	nocache := pgstore.New(pool, pgstore.Options{CacheSize: -1})
	var code string
	if err := pool.QueryRow(ctx, `SELECT min(code) FROM dossiers`).Scan(&code); err != nil {
		t.Fatal(err)
	}
	got, err := nocache.Get(ctx, code)
	if err != nil {
		t.Fatal(err)
	}
	if len(with) != 3 {
		t.Fatalf("%d records watched, want 3", len(with))
	}
	tag, err := pool.Exec(ctx, `UPDATE dossiers SET sweep = NULL WHERE code = $1`, code)
	if err != nil || tag.RowsAffected() != 1 {
		t.Fatalf("%v %v", tag, err)
	}
	without := read()
	opts := cmp.Options{cmpopts.IgnoreFields(dossier.Dossier{}, "Rules"), cmpopts.EquateEmpty(),
		cmpopts.IgnoreFields(onestop.Record{}, "Summary", "Public", "Plan", "Consultations", "Holders")}
	if diff := cmp.Diff(with, without, opts); diff != "" {
		t.Fatalf("records from the column sweep and from the record differ (-sweep +record):\n%s", diff)
	}
	old, err := nocache.Get(ctx, code)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(got, old, cmpopts.IgnoreFields(dossier.Dossier{}, "Rules"), cmpopts.EquateEmpty()); diff != "" {
		t.Fatalf("Get from the column sweep and from the record and log differ (-sweep +record):\n%s", diff)
	}
}
