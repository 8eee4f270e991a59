package lunar

import (
	"testing"

	"github.com/rickb777/date/v2"
)

var (
	sinkDate  Date
	sinkSolar date.Date
)

func BenchmarkFromSolar(b *testing.B) {
	b.ReportAllocs()
	d0 := date.New(2026, 1, 1)
	for i := 0; b.Loop(); i++ {
		sinkDate = FromSolar(d0 + date.Date(i%3650))
	}
}

func BenchmarkToSolar(b *testing.B) {
	b.ReportAllocs()
	ls := make([]Date, 0, 3650)
	for d := date.New(2026, 1, 1); len(ls) < cap(ls); d++ {
		ls = append(ls, FromSolar(d))
	}
	for i := 0; b.Loop(); i++ {
		sinkSolar, _ = ToSolar(ls[i%len(ls)])
	}
}

func BenchmarkNewYear(b *testing.B) {
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		sinkSolar = NewYear(1990 + i%100)
	}
}

// Outside the table the astronomy answers: slow, for completeness.
func BenchmarkFromSolarComputed(b *testing.B) {
	b.ReportAllocs()
	d := date.New(1850, 6, 1)
	for b.Loop() {
		sinkDate = FromSolar(d)
	}
}
