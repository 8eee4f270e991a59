package onestop_test

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/motcua-go/motcua/dossier"
	"github.com/motcua-go/motcua/onestop"
	"github.com/motcua-go/motcua/procedure"
	"github.com/motcua-go/motcua/routing"
)

// The watch time of a record is never later than the first instant at which the sweep would
// report its dossier: a dossier whose alert starts without a write (it becomes at risk, its
// last day for the apology comes, it falls due, it may be closed) is read by Office.Sweep from
// then on. Random histories are stopped at several points, and every record then is swept,
// alone, every half hour of the next three weeks.
func TestWatchNeverLate(t *testing.T) {
	for seed := uint64(1); seed <= 3; seed++ {
		r := rand.New(rand.NewPCG(seed, 5))
		f := newFixture(t, at(9, 7, 30))
		if seed == 3 {
			f = wideWindowFixture(t, at(9, 7, 30)) // supplements asked for late in the time
		}
		checked := 0
		randomHistory{from: 9, to: 19, every: 10, intakeOneIn: 5, subs: mixedSubmissions, endOfDay: func(day int) {
			if day%3 == 0 {
				checked += watchHolds(t, f)
			}
		}}.run(t, f, r)
		if checked < 50 {
			t.Fatalf("seed %d: only %d open records checked", seed, checked)
		}
	}
}

// watchHolds checks, at the fake clock's time, that no open record of the store would be
// reported by the sweep before its watch time; it returns how many it checked.
func watchHolds(t *testing.T, f *fixture) int {
	t.Helper()
	now := f.clock.Now()
	n := 0
	err := f.store.Scan(ctx, func(rec onestop.Record) bool {
		if rec.Watch.IsZero() && len(onestop.Sweep(now.AddDate(1, 0, 0), []onestop.Watch{{Dossier: rec.Dossier, Schedule: rec.Schedule}})) == 0 {
			return true // never reported: ended, or not yet received
		}
		n++
		for at := now; at.Before(now.AddDate(0, 0, 21)); at = at.Add(30 * time.Minute) {
			alerts := onestop.Sweep(at, []onestop.Watch{{Dossier: rec.Dossier, Schedule: rec.Schedule}})
			if len(alerts) > 0 && (rec.Watch.IsZero() || rec.Watch.After(at)) {
				t.Errorf("%s (%v): reported %v at %v, watched only from %v", rec.Code, rec.Dossier.State, alerts[0].Kind, at, rec.Watch)
				return false
			}
		}
		return true
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// Regression: a dossier already at risk when its clock stops (a supplement asked for late in
// its time) is reported by the sweep at once, although its share used no longer grows; it was
// watched only from its last day for the apology, so Office.Sweep missed it until then.
// (The default policy allows a supplement request only in the first 3 working days, too early
// to be at risk more than a day before the due date: a policy with a longer window, as a
// province may set, reaches the case.)
func TestWatchPausedAtRisk(t *testing.T) {
	f := wideWindowFixture(t, at(10, 9, 0))
	res := mustIntake(t, f, onestop.Submission{Procedure: "1.004222", Channel: procedure.Counter,
		Applicant: person("Lê Văn Cường"), Competent: desk, Documents: []string{"Tờ khai thay đổi thông tin cư trú"}})
	if !res.Due.Equal(at(19, 9, 0)) {
		t.Fatalf("due %v, want Thu 19 09:00", res.Due)
	}
	if _, err := f.office.Transfer(ctx, clerk, res.Code); err != nil {
		t.Fatal(err)
	}
	if _, err := f.office.Start(ctx, civil, res.Code); err != nil {
		t.Fatal(err)
	}
	f.clock.Set(at(17, 16, 45)) // more than 4/5 of the 7 working days used (Policy.AtRiskShare)
	if _, err := f.office.RequestSupplement(ctx, civil, res.Code, "thiếu xác nhận", []string{"Giấy xác nhận chỗ ở hợp pháp"}); err != nil {
		t.Fatal(err)
	}
	f.clock.Set(at(17, 16, 50))
	alerts, err := f.office.Sweep(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(alerts) != 1 || alerts[0].Kind != onestop.AtRisk && alerts[0].Kind != onestop.ApologyDue {
		t.Fatalf("sweep at Tue 17 16:50: %+v, want the dossier at risk", alerts)
	}
	watchHolds(t, f)
}

// wideWindowFixture is newFixture with a policy that allows supplement requests during the
// first 10 working days (the default: 3).
func wideWindowFixture(t *testing.T, start time.Time) *fixture {
	t.Helper()
	pol := dossier.DefaultPolicy(dossier.Decree118)
	pol.SupplementWindow = 10
	rules, err := dossier.NewRules(dossier.RulesConfig{Decree118: &pol})
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{clock: onestop.NewFakeClock(start), notes: new(onestop.Recorder), store: onestop.NewMemStore()}
	f.office, err = onestop.New(onestop.Config{Desk: desk, Catalog: testCatalog(t), Rules: rules, Routes: testRoutes(t),
		Directory: routing.SampleDirectory(), Store: f.store, Clock: f.clock, Notifier: f.notes})
	if err != nil {
		t.Fatal(err)
	}
	return f
}
