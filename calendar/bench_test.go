package calendar

import (
	"testing"
	"time"

	"github.com/rickb777/date/v2"
)

var (
	sinkDate date.Date
	sinkInt  int
	sinkBool bool
	sinkTime time.Time
)

func BenchmarkIsWorkingDay(b *testing.B) {
	c := Default()
	d := date.New(2026, 2, 13)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		sinkBool = c.IsWorkingDay(d + date.Date(i&1023))
	}
}

func BenchmarkAddWorkingDays20(b *testing.B) {
	c := Default()
	d := date.New(2025, 1, 20)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		sinkDate = c.AddWorkingDays(d+date.Date(i&255), 20)
	}
}

func BenchmarkWorkingDaysBetweenYear(b *testing.B) {
	c := Default()
	d := date.New(2025, 1, 1)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		x := d + date.Date(i&255)
		sinkInt = c.WorkingDaysBetween(x, x+365)
	}
}

// BenchmarkDue times Due for each unit, from receipts an hour apart around Tết 2026.
func BenchmarkDue(b *testing.B) {
	c := Default()
	t := time.Date(2026, 2, 13, 9, 10, 0, 0, Zone())
	for _, l := range []Limit{{N: 10, Unit: WorkingDays}, {N: 12, Unit: WorkingHours}, {N: 30, Unit: Days}} {
		b.Run(l.Unit.String(), func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				sinkTime = c.Due(t.Add(time.Duration(i&1023)*time.Hour), l)
			}
		})
	}
}

// Outside the table the rules are applied: slower, but bounded.
func BenchmarkAddWorkingDaysOutsideTable(b *testing.B) {
	c := Default()
	d := date.New(2250, 1, 20)
	c.AddWorkingDays(d, 1)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		sinkDate = c.AddWorkingDays(d+date.Date(i&255), 20)
	}
}

func BenchmarkNew(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := New(); err != nil {
			b.Fatal(err)
		}
	}
}
