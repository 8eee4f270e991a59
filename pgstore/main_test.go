package pgstore_test

import (
	"os"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/motcua-go/motcua/calendar"
	"github.com/motcua-go/motcua/dossier"
	"github.com/motcua-go/motcua/onestop"
	"github.com/motcua-go/motcua/pgstore"
	"github.com/motcua-go/motcua/pgstore/pgstoretest"
	"github.com/motcua-go/motcua/procedure"
	"github.com/motcua-go/motcua/routing"
)

// pg is the test binary's PostgreSQL (pgstoretest.Start): every test takes a schema of it.
var pg *pgstoretest.Cluster

func TestMain(m *testing.M) {
	pg = pgstoretest.Start()
	code := m.Run()
	pg.Stop()
	os.Exit(code)
}

const (
	desk   = "000.00.31.H49" // UBND đặc khu Vân Đồn (sample directory)
	police = "001.00.31.H49"
)

var (
	clerk = dossier.Actor{ID: "clerk-1", Role: dossier.RoleClerk, Agency: desk}
	civil = dossier.Actor{ID: "civil-1", Role: dossier.RoleOfficer, Agency: desk}
)

// at returns a time of March 2026 in Vietnam: Mon 9, Tue 10, … are working days.
func at(day, hour, min int) time.Time {
	return time.Date(2026, time.March, day, hour, min, 0, 0, calendar.Zone())
}

// migrated returns a pool on a new schema brought up to date, and a store on it.
func migrated(t testing.TB) (*pgxpool.Pool, *pgstore.Store) {
	t.Helper()
	pool := pg.Pool(t)
	if err := pgstore.Migrate(t.Context(), pool); err != nil {
		t.Fatal(err)
	}
	return pool, pgstore.New(pool, pgstore.Options{})
}

// newOffice builds an Office of the sample catalog, routes and directory on store, with its
// notices written to the outbox and delivered only by Office.Deliver.
func newOffice(t testing.TB, store onestop.Store, clock onestop.Clock, notifier onestop.Notifier) *onestop.Office {
	t.Helper()
	cat, err := procedure.Sample()
	if err != nil {
		t.Fatal(err)
	}
	if notifier == nil {
		notifier = new(onestop.Recorder)
	}
	o, err := onestop.New(onestop.Config{Desk: desk, Catalog: cat, Routes: routing.SampleSet(),
		Directory: routing.SampleDirectory(), Store: store, Clock: clock, Notifier: notifier, DeferDelivery: true})
	if err != nil {
		t.Fatal(err)
	}
	return o
}

func person(name string) dossier.Applicant {
	return dossier.Applicant{Kind: dossier.Person, Name: name, CitizenID: "022090012345",
		Address: dossier.Address{Line: "Thôn 1", UnitCode: "22300", UnitName: "Đặc khu Vân Đồn, Quảng Ninh"}}
}

// birthDocs lists the required documents of a birth registration, read once.
var birthDocs = sync.OnceValues(func() ([]string, error) {
	cat, err := procedure.Sample()
	if err != nil {
		return nil, err
	}
	p, err := cat.Lookup("1.001193", at(10, 8, 0))
	if err != nil {
		return nil, err
	}
	var docs []string
	for _, d := range p.Documents {
		if d.Requirement == procedure.Required {
			docs = append(docs, d.Name)
		}
	}
	return docs, nil
})

// birth is a birth registration at the counter with its required documents.
func birth(t testing.TB, name string) onestop.Submission {
	t.Helper()
	docs, err := birthDocs()
	if err != nil {
		t.Fatal(err)
	}
	return onestop.Submission{Procedure: "1.001193", Channel: procedure.Counter, Applicant: person(name),
		Competent: desk, Documents: docs}
}
