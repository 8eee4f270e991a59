package onestop_test

import (
	"context"
	"runtime"
	"testing"

	"github.com/motcua-go/motcua/calendar"
	"github.com/motcua-go/motcua/onestop"
	"github.com/motcua-go/motcua/routing"
	"github.com/rickb777/date/v2"
)

// BenchmarkIntake receives same-day birth registrations at the counter with the in-memory
// store, moving to the next working day before the daily sequence runs out. Notices go to a
// notifier that keeps nothing (a Recorder would keep every one: the benchmark's own growth).
//
//   - GrowingStore: one store keeps every dossier received, as an office's store does all
//     day; the time includes the store's growth (its maps rehashing) and the garbage
//     collector's work on a heap that grows by each dossier kept.
//   - FreshStore: a new store (and office) every 1,000 intakes, outside the timer, so that the
//     heap stays small: the cost of Intake itself.
func BenchmarkIntake(b *testing.B) {
	for _, bc := range []struct {
		name  string
		every int // a fresh store every that many intakes; 0: never
	}{{"GrowingStore", 0}, {"FreshStore", 1000}} {
		b.Run(bc.name, func(b *testing.B) {
			cal := calendar.Default()
			day := date.New(2026, 3, 10)
			clock := onestop.NewFakeClock(at(10, 9, 0))
			cat := testCatalog(b)
			discard := onestop.NotifierFunc(func(context.Context, onestop.Notice) error { return nil })
			fresh := func() *onestop.Office {
				o, err := onestop.New(onestop.Config{Desk: desk, Catalog: cat, Routes: testRoutes(b),
					Directory: routing.SampleDirectory(), Store: onestop.NewMemStore(), Clock: clock, Notifier: discard})
				if err != nil {
					b.Fatal(err)
				}
				return o
			}
			o := fresh()
			sub := birth()
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				i++
				if i%9000 == 0 || bc.every > 0 && i%bc.every == 0 {
					b.StopTimer()
					if bc.every > 0 && i%bc.every == 0 {
						o = fresh()
						runtime.GC()
					}
					if i%9000 == 0 {
						day = cal.AddWorkingDays(day, 1)
						y, m, d := day.Date()
						clock.Set(at(1, 9, 0).AddDate(y-2026, int(m)-3, d-1))
					}
					b.StartTimer()
				}
				if _, err := o.Intake(ctx, clerk, sub); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkLookup looks dossiers up by code among 10,000 in the in-memory store.
func BenchmarkLookup(b *testing.B) {
	f := newFixture(b, at(10, 9, 0))
	codes := make([]string, 0, 10000)
	for range 5000 {
		codes = append(codes, mustIntake(b, f, birth()).Code)
	}
	f.clock.Set(at(11, 9, 0))
	for range 5000 {
		codes = append(codes, mustIntake(b, f, birth()).Code)
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, err := f.office.Lookup(ctx, codes[i%len(codes)]); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkOfficeReport computes the monthly report through the Office over an in-memory store
// of 100,000 dossiers received by intake (a quarter of them same-day results, returned at
// once): reading the summaries from the store (Store.Summaries) and the report together.
func BenchmarkOfficeReport(b *testing.B) {
	const n = 100_000
	f := newFixture(b, at(10, 9, 0))
	cal := calendar.Default()
	day := date.New(2026, 3, 10)
	sub, same := birth(), birth()
	same.Immediate = true
	for i := 1; i <= n; i++ {
		if i%9000 == 0 {
			day = cal.AddWorkingDays(day, 1)
			y, m, d := day.Date()
			f.clock.Set(at(1, 9, 0).AddDate(y-2026, int(m)-3, d-1))
		}
		s := sub
		if i%4 == 0 {
			s = same
		}
		if _, err := f.office.Intake(ctx, clerk, s); err != nil {
			b.Fatal(err)
		}
	}
	from, to := at(1, 0, 0), at(1, 0, 0).AddDate(0, 1, 0)
	b.ReportAllocs()
	for b.Loop() {
		rep, err := f.office.Report(ctx, from, to, onestop.ReportOptions{})
		if err != nil {
			b.Fatal(err)
		}
		if rep.Total.Received != n {
			b.Fatalf("report of %d dossiers, want %d", rep.Total.Received, n)
		}
	}
}
