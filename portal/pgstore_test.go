package portal_test

import (
	"os"
	"strconv"
	"testing"

	"github.com/motcua-go/motcua/pgstore"
	"github.com/motcua-go/motcua/pgstore/pgstoretest"
	"github.com/motcua-go/motcua/portal"
)

// pg is the test binary's PostgreSQL (pgstoretest.Start), not started in the subprocesses of
// TestGoldenInOtherZones.
var pg *pgstoretest.Cluster

func TestMain(m *testing.M) {
	if os.Getenv("MOTCUA_PORTAL_CHILD") == "" {
		pg = pgstoretest.Start()
	}
	code := m.Run()
	if pg != nil {
		pg.Stop()
	}
	os.Exit(code)
}

// TestGoldenQuickstartOnPostgres runs the golden day with its dossiers in PostgreSQL: the
// records go through pgstore's outbox, written in each command's transaction, and reach the
// portal exactly as from the in-memory store.
func TestGoldenQuickstartOnPostgres(t *testing.T) {
	if pg == nil {
		t.Skip("in a subprocess")
	}
	pool := pg.Pool(t)
	if err := pgstore.Migrate(t.Context(), pool); err != nil {
		t.Fatal(err)
	}
	fake := newFakePortal(t, private()...)
	store := pgstore.New(pool, pgstore.Options{})
	w := newWorldOn(t, httpSender(fake.srv.URL), store)
	goldenDay(t, fake, w)

	// Every record acknowledged: the dossiers of the 10th are all synchronised.
	rate, err := portal.Synchronised(ctx, store, at(10, 0, 0).Unix(), at(11, 0, 0).Unix())
	if err != nil || rate != (portal.SyncRate{Dossiers: 7, Synchronised: 7}) {
		t.Fatalf("Synchronised on PostgreSQL: %v, %v", rate, err)
	}
	var held []portal.Held
	for code, st := range fake.model.dossiers {
		held = append(held, portal.Held{Code: code, Status: atoi(t, st.status)})
	}
	rec, err := portal.Reconcile(ctx, store, desk, held)
	if err != nil || rec.Matched != len(w.codes) || len(rec.Missing)+len(rec.OutOfDate)+len(rec.Unknown) != 0 {
		t.Fatalf("Reconcile on PostgreSQL after the day: %+v, %v", rec, err)
	}
}

func atoi(t testing.TB, s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatal(err)
	}
	return n
}
