package onestop_test

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/motcua-go/motcua/calendar"
	"github.com/motcua-go/motcua/dossier"
	"github.com/motcua-go/motcua/onestop"
	"github.com/motcua-go/motcua/procedure"
	"github.com/motcua-go/motcua/routing"
)

const (
	desk   = "000.00.31.H49" // UBND đặc khu Vân Đồn: commune desk and civil status (sample directory)
	police = "001.00.31.H49" // Công an đặc khu Vân Đồn
	bhxh   = "000.00.04.H49" // Bảo hiểm xã hội tỉnh Quảng Ninh
	tax    = "000.00.03.H49" // Thuế tỉnh Quảng Ninh
	other  = "000.00.31.H54" // a unit of another province
)

var (
	clerk     = dossier.Actor{ID: "clerk-1", Role: dossier.RoleClerk, Agency: desk}
	civil     = dossier.Actor{ID: "civil-1", Role: dossier.RoleOfficer, Agency: desk}
	policeman = dossier.Actor{ID: "police-1", Role: dossier.RoleOfficer, Agency: police}
	insurer   = dossier.Actor{ID: "bhxh-1", Role: dossier.RoleOfficer, Agency: bhxh}
	citizen   = dossier.Actor{ID: "001090012345", Role: dossier.RoleApplicant}
)

// at returns a time on March 2026 in Vietnam: Mon 9, Tue 10, … are working days.
func at(day, hour, min int) time.Time {
	return time.Date(2026, time.March, day, hour, min, 0, 0, calendar.Zone())
}

func testCatalog(t testing.TB) *procedure.Catalog {
	t.Helper()
	f, err := os.Open("testdata/catalog.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	c, err := procedure.Load(f, procedure.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// testRoutes is the sample set: its rules route the test catalog's inter-agency birth case
// (named after the paper group, whose route it takes) through birth-u6-paper and household
// businesses through the 2025 route; a plain birth registration has no route.
func testRoutes(t testing.TB) *routing.Set {
	t.Helper()
	return routing.SampleSet()
}

type fixture struct {
	office *onestop.Office
	clock  *onestop.FakeClock
	notes  *onestop.Recorder
	store  *onestop.MemStore
}

func newFixture(t testing.TB, start time.Time) *fixture {
	t.Helper()
	return newFixtureWith(t, start, testRoutes(t))
}

// newFixtureWith builds the fixture with the given routes (nil: every dossier has one step).
func newFixtureWith(t testing.TB, start time.Time, routes *routing.Set) *fixture {
	t.Helper()
	f := &fixture{clock: onestop.NewFakeClock(start), notes: new(onestop.Recorder), store: onestop.NewMemStore()}
	o, err := onestop.New(onestop.Config{Desk: desk, Catalog: testCatalog(t), Routes: routes,
		Directory: routing.SampleDirectory(), Store: f.store, Clock: f.clock, Notifier: f.notes})
	if err != nil {
		t.Fatal(err)
	}
	f.office = o
	return f
}

func person(name string) dossier.Applicant {
	return dossier.Applicant{Kind: dossier.Person, Name: name, CitizenID: "022090012345",
		Address: dossier.Address{Line: "Thôn 1", UnitCode: "22300", UnitName: "Đặc khu Vân Đồn, Quảng Ninh"}}
}

func birth() onestop.Submission {
	return onestop.Submission{Procedure: "1.001193", Channel: procedure.Counter, Applicant: person("Nguyễn Văn An"),
		Competent: desk, Documents: []string{"Tờ khai đăng ký khai sinh", "Giấy chứng sinh"}}
}

func mustIntake(t testing.TB, f *fixture, sub onestop.Submission) onestop.IntakeResult {
	t.Helper()
	res, err := f.office.Intake(context.Background(), clerk, sub)
	if err != nil {
		t.Fatal(err)
	}
	if res.Decision != onestop.DecisionReceive {
		t.Fatalf("intake decision %v, want accepted", res.Decision)
	}
	return res
}
