package onestop_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/motcua-go/motcua/dossier"
	"github.com/motcua-go/motcua/onestop"
	"github.com/rickb777/date/v2"
)

// filledStore returns an Office over a MemStore of n open dossiers held by the desk, copies
// of a real one with their own codes and due times, of which watched are watched by the sweep
// now (overdue) and the others only in a year.
func filledStore(b *testing.B, n, watched int) (*onestop.Office, *onestop.FakeClock) {
	b.Helper()
	f := newFixture(b, at(10, 9, 0))
	tmpl, err := f.store.Get(ctx, mustIntake(b, f, birth()).Code)
	if err != nil {
		b.Fatal(err)
	}
	mem := onestop.NewMemStore()
	first := date.New(2026, time.March, 10)
	for i := range n {
		d := *tmpl.Dossier
		d.Code = dossier.Code{Unit: desk, Date: first.AddDate(0, 0, i/9999), Seq: 1 + i%9999}
		r := tmpl
		r.Code, r.Dossier, r.Version = d.Code.String(), &d, 0
		r.Summary.Code, r.Summary.Due = r.Code, tmpl.Summary.Due+int64(i)
		r.Watch = at(10, 17, 0).AddDate(1, 0, 0)
		if i%(n/watched) == 0 {
			r.Watch = at(10, 16, 0)
		}
		if _, err := mem.Create(ctx, r, nil); err != nil {
			b.Fatal(err)
		}
	}
	clock := onestop.NewFakeClock(at(11, 9, 0))
	o, err := onestop.New(onestop.Config{Desk: desk, Catalog: testCatalog(b), Store: mem, Clock: clock})
	if err != nil {
		b.Fatal(err)
	}
	return o, clock
}

// BenchmarkMemStoreSweep sweeps stores of open dossiers of which 1 % (or a fixed 100) are
// overdue: the time follows the dossiers watched, not the others.
func BenchmarkMemStoreSweep(b *testing.B) {
	for _, size := range []struct{ open, watched int }{{10_000, 100}, {100_000, 100}, {100_000, 1_000}} {
		b.Run(fmt.Sprintf("open=%d/watched=%d", size.open, size.watched), func(b *testing.B) {
			o, _ := filledStore(b, size.open, size.watched)
			b.ReportAllocs()
			for b.Loop() {
				alerts, err := o.Sweep(ctx)
				if err != nil {
					b.Fatal(err)
				}
				if len(alerts) != size.watched {
					b.Fatalf("%d alerts, want %d", len(alerts), size.watched)
				}
			}
		})
	}
}

// BenchmarkMemStoreQueue reads the first page (100) of a desk's queue of 100,000 dossiers, and
// a page in the middle.
func BenchmarkMemStoreQueue(b *testing.B) {
	o, _ := filledStore(b, 100_000, 100)
	page, next, err := o.Queue(ctx, onestop.QueueQuery{Agency: desk, Limit: 1000})
	if err != nil || len(page) != 1000 {
		b.Fatalf("%d, %v", len(page), err)
	}
	for _, bc := range []struct {
		name  string
		after onestop.QueueCursor
	}{{"first", onestop.QueueCursor{}}, {"after1000", next}} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				got, _, err := o.Queue(ctx, onestop.QueueQuery{Agency: desk, After: bc.after})
				if err != nil || len(got) != onestop.DefaultQueueLimit {
					b.Fatalf("%d, %v", len(got), err)
				}
			}
		})
	}
}
