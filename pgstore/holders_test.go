package pgstore_test

import (
	"encoding/json"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/motcua-go/motcua/dossier"
	"github.com/motcua-go/motcua/onestop"
	"github.com/motcua-go/motcua/pgstore"
	"github.com/motcua-go/motcua/procedure"
)

const bhxh = "000.00.04.H49" // Bảo hiểm xã hội tỉnh Quảng Ninh (sample directory)

var (
	policeman = dossier.Actor{ID: "police-1", Role: dossier.RoleOfficer, Agency: police}
	insurer   = dossier.Actor{ID: "bhxh-1", Role: dossier.RoleOfficer, Agency: bhxh}
)

// electronicGroup is the sample catalog's electronic liên thông birth group at the counter,
// with the required documents of its members: route birth-u6-electronic, on which the police
// and the social insurance work in parallel (Decree 118/2025 Art. 20(2)(b)).
func electronicGroup(t testing.TB) onestop.Submission {
	t.Helper()
	cat, err := procedure.Sample()
	if err != nil {
		t.Fatal(err)
	}
	g, ok := cat.Group("lien-thong-dien-tu-khai-sinh")
	if !ok {
		t.Fatal("no group lien-thong-dien-tu-khai-sinh in the sample catalog")
	}
	var docs []string
	for _, code := range g.Members {
		p, err := cat.Lookup(code, at(10, 8, 0))
		if err != nil {
			continue // a member outside the sample catalog
		}
		for _, d := range p.Documents {
			if d.Requirement == procedure.Required && !slices.Contains(docs, d.Name) {
				docs = append(docs, d.Name)
			}
		}
	}
	return onestop.Submission{Group: g.ID, Channel: procedure.Counter, Applicant: person("Nguyễn Văn An"),
		Competent: desk, Documents: docs}
}

// writeV5 writes rec into a schema at version 5 as the store of that version did: the single
// column holder (the first of rec.Holders, ” for none), and the key holder in the record's
// JSON instead of holders.
func writeV5(t testing.TB, pool *pgxpool.Pool, rec onestop.Record) {
	t.Helper()
	ctx := t.Context()
	holder := ""
	if len(rec.Holders) > 0 {
		holder = rec.Holders[0]
	}
	d := rec.Dossier
	sweep, err := pgstore.AppendSweep(nil, &rec)
	if err != nil {
		t.Fatal(err)
	}
	public, err := json.Marshal(rec.Public)
	if err != nil {
		t.Fatal(err)
	}
	c := *d
	c.Events = nil
	bare := rec
	bare.Dossier, bare.Public = &c, nil
	b, err := json.Marshal(&bare)
	if err != nil {
		t.Fatal(err)
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(b, &fields); err != nil {
		t.Fatal(err)
	}
	delete(fields, "holders")
	if holder != "" {
		fields["holder"], _ = json.Marshal(holder)
	}
	record, err := json.Marshal(fields)
	if err != nil {
		t.Fatal(err)
	}
	ptr := func(t time.Time) *time.Time {
		if t.IsZero() {
			return nil
		}
		return &t
	}
	if _, err := pool.Exec(ctx, `INSERT INTO dossiers
    (code, version, seq, desk, holder, state, due, watch, received, ended, record, public, sweep)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
		rec.Code, int64(rec.Version), rec.Seq, d.Desk, holder, int16(d.State), rec.Summary.Due, ptr(rec.Watch),
		ptr(d.Received), ptr(d.Resolution.At), record, public, sweep); err != nil {
		t.Fatal(err)
	}
	for _, ev := range d.Events {
		b, err := json.Marshal(ev)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := pool.Exec(ctx, `INSERT INTO dossier_events (code, seq, event) VALUES ($1, $2, $3)`, rec.Code, ev.Seq, b); err != nil {
			t.Fatal(err)
		}
	}
}

// queueCodes is the whole work queue of agency.
func queueCodes(t testing.TB, s onestop.Store, agency string) []string {
	t.Helper()
	var got []string
	if err := s.Queue(t.Context(), onestop.QueueQuery{Agency: agency}, func(r onestop.Record) bool {
		got = append(got, r.Code)
		return true
	}); err != nil {
		t.Fatal(err)
	}
	return got
}

// Regression (migration 006): rows written before it, with the single column holder, are in
// the work queue of every agency holding them once migrated: a dossier on parallel steps in
// the police's queue and the social insurance's (from the steps in hand of its record, which
// the column did not name), a received one in the desk's, a withdrawn one in none. After its
// next write through the Office, an old row's holders and queues follow the dossier.
func TestMigration006FindsOldRows(t *testing.T) {
	ctx := t.Context()
	pool := pg.Pool(t)
	if err := pgstore.MigrateTo(ctx, pool, 5); err != nil {
		t.Fatal(err)
	}
	// The dossiers, made by real commands on a MemStore.
	clock := onestop.NewFakeClock(at(10, 8, 0))
	mem := onestop.NewMemStore()
	o := newOffice(t, mem, clock, nil)
	intake := func(sub onestop.Submission) string {
		t.Helper()
		res, err := o.Intake(ctx, clerk, sub)
		if err != nil || res.Decision != onestop.DecisionReceive {
			t.Fatalf("intake: %v %v %v", res.Decision, res.Missing, err)
		}
		return res.Code
	}
	received := intake(birth(t, "Người nhận"))
	withdrawn := intake(birth(t, "Người rút"))
	if _, err := o.Withdraw(ctx, dossier.Actor{ID: "001090012345", Role: dossier.RoleApplicant}, withdrawn, "không có nhu cầu"); err != nil {
		t.Fatal(err)
	}
	parallel := intake(electronicGroup(t))
	for _, step := range []func() error{
		func() error { _, err := o.Transfer(ctx, clerk, parallel); return err },
		func() error { _, err := o.Start(ctx, civil, parallel); return err },
		func() error { _, err := o.Handoff(ctx, civil, parallel); return err },
		func() error { _, err := o.Handoff(ctx, civil, parallel); return err },
	} {
		clock.Advance(5 * time.Minute)
		if err := step(); err != nil {
			t.Fatal(err)
		}
	}
	rec, err := mem.Get(ctx, parallel)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(rec.Holders, []string{police, bhxh}) {
		t.Fatalf("the group dossier's holders are %v, want the police and the social insurance in parallel", rec.Holders)
	}
	if err := mem.Scan(ctx, func(r onestop.Record) bool { writeV5(t, pool, r); return true }); err != nil {
		t.Fatal(err)
	}

	if err := pgstore.Migrate(ctx, pool); err != nil {
		t.Fatal(err)
	}
	s := pgstore.New(pool, pgstore.Options{CacheSize: -1})
	queues := func() map[string][]string {
		return map[string][]string{"desk": queueCodes(t, s, desk), "police": queueCodes(t, s, police), "bhxh": queueCodes(t, s, bhxh)}
	}
	want := map[string][]string{"desk": {received}, "police": {parallel}, "bhxh": {parallel}}
	if diff := cmp.Diff(want, queues()); diff != "" {
		t.Fatalf("queues of the rows written before migration 006 (-want +got):\n%s", diff)
	}
	old, err := s.Get(ctx, parallel)
	if err != nil {
		t.Fatal(err)
	}
	// The record's JSON named one holder; it stands until the next write.
	if diff := cmp.Diff([]string{police}, old.Holders); diff != "" {
		t.Errorf("holders of an old row (-want +got):\n%s", diff)
	}

	on := newOffice(t, s, clock, nil)
	clock.Advance(5 * time.Minute)
	if _, err := on.Handoff(ctx, policeman, parallel); err != nil {
		t.Fatal(err)
	}
	want = map[string][]string{"desk": {received}, "police": nil, "bhxh": {parallel}}
	if diff := cmp.Diff(want, queues()); diff != "" {
		t.Fatalf("queues after the police handed an old row on (-want +got):\n%s", diff)
	}
	if got, err := s.Get(ctx, parallel); err != nil || !slices.Equal(got.Holders, []string{bhxh}) {
		t.Fatalf("holders after the police handed an old row on: %v (%v), want the social insurance", got.Holders, err)
	}
	clock.Advance(5 * time.Minute)
	if _, err := on.Handoff(ctx, insurer, parallel); err != nil {
		t.Fatal(err)
	}
	want = map[string][]string{"desk": {received, parallel}, "police": nil, "bhxh": nil}
	if diff := cmp.Diff(want, queues()); diff != "" {
		t.Fatalf("queues after both branches (-want +got):\n%s", diff)
	}
}
