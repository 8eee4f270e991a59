package bench

import (
	"testing"
	"time"

	"github.com/motcua-go/motcua/calendar"
	"github.com/motcua-go/motcua/calendar/lunar"
	rcal "github.com/rickar/cal/v2"
	"github.com/rickb777/date/v2"
)

// daysOff2025 are the 2025 weekday days off (CV 8726/VPCP-KGVX and the Labor
// Code 2019 Art. 112); the make-up Saturday 26/4/2025 cannot be expressed in
// rickar/cal, so both sides are compared on weekday days off only.
var daysOff2025 = []date.Date{
	date.New(2025, 1, 1),
	date.New(2025, 1, 27), date.New(2025, 1, 28), date.New(2025, 1, 29), date.New(2025, 1, 30), date.New(2025, 1, 31),
	date.New(2025, 4, 7), date.New(2025, 4, 30), date.New(2025, 5, 1), date.New(2025, 5, 2),
	date.New(2025, 9, 1), date.New(2025, 9, 2),
}

func rickar(cacheable bool) *rcal.BusinessCalendar {
	c := rcal.NewBusinessCalendar()
	for _, d := range daysOff2025 {
		y, m, dd := d.Date()
		c.AddHoliday(&rcal.Holiday{
			Name: d.String(), Type: rcal.ObservancePublic,
			Month: m, Day: dd, StartYear: y, EndYear: y,
			Func: rcal.CalcDayOfMonth,
		})
	}
	c.Cacheable = cacheable
	return c
}

var (
	sinkDate date.Date
	sinkInt  int
	sinkTime time.Time
	sinkL    lunar.Date
)

// start is Monday 2025-01-20: 20 working days later crosses Tết 2025.
var start = date.New(2025, 1, 20)

func TestSameAnswers2025(t *testing.T) {
	cal := calendar.Default()
	rc := rickar(true)
	for d := date.New(2025, 1, 1); d < date.New(2025, 12, 1); d++ {
		if d == date.New(2025, 4, 26) { // make-up Saturday: rickar/cal cannot express it
			continue
		}
		for _, n := range []int{1, 5, 20} {
			want := rc.WorkdaysFrom(d.Time(0, time.UTC), n)
			got := cal.AddWorkingDays(d, n)
			// Skip windows that contain the make-up Saturday.
			if d < date.New(2025, 4, 26) && got >= date.New(2025, 4, 26) {
				continue
			}
			if date.NewAt(want) != got {
				t.Fatalf("AddWorkingDays(%s, %d) = %s, rickar/cal says %s", d, n, got, date.NewAt(want))
			}
		}
	}
}

func BenchmarkAddWorkingDays20(b *testing.B) {
	cal := calendar.Default()
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		sinkDate = cal.AddWorkingDays(start+date.Date(i&255), 20)
	}
}

func BenchmarkRickarWorkdaysFrom20Warm(b *testing.B) {
	rc := rickar(true)
	t0 := start.Time(0, time.UTC)
	for i := range 256 {
		rc.WorkdaysFrom(t0.AddDate(0, 0, i), 20)
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		sinkTime = rc.WorkdaysFrom(t0.AddDate(0, 0, i&255), 20)
	}
}

func BenchmarkRickarWorkdaysFrom20Cold(b *testing.B) {
	rc := rickar(false)
	t0 := start.Time(0, time.UTC)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		sinkTime = rc.WorkdaysFrom(t0.AddDate(0, 0, i&255), 20)
	}
}

func BenchmarkWorkingDaysBetweenYear(b *testing.B) {
	cal := calendar.Default()
	from, to := date.New(2025, 1, 1), date.New(2025, 12, 31)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		sinkInt = cal.WorkingDaysBetween(from+date.Date(i&63), to+date.Date(i&63))
	}
}

func BenchmarkWorkingDaysBetween100Years(b *testing.B) {
	cal := calendar.Default()
	from, to := date.New(1995, 1, 1), date.New(2095, 12, 31)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		sinkInt = cal.WorkingDaysBetween(from+date.Date(i&63), to)
	}
}

func BenchmarkRickarWorkdaysInRangeYearWarm(b *testing.B) {
	rc := rickar(true)
	from := date.New(2025, 1, 1).Time(0, time.UTC)
	to := date.New(2025, 12, 31).Time(0, time.UTC)
	rc.WorkdaysInRange(from, to)
	b.ReportAllocs()
	for b.Loop() {
		sinkInt = rc.WorkdaysInRange(from, to)
	}
}

func BenchmarkDue(b *testing.B) {
	cal := calendar.Default()
	received := time.Date(2025, 1, 20, 16, 45, 0, 0, calendar.Zone())
	l := calendar.Limit{N: 10, Unit: calendar.WorkingDays}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		sinkTime = cal.Due(received.Add(time.Duration(i&255)*time.Hour), l)
	}
}

func BenchmarkLunarFromSolar(b *testing.B) {
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		sinkL = lunar.FromSolar(start + date.Date(i&4095))
	}
}

func BenchmarkLunarToSolar(b *testing.B) {
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		sinkDate, _ = lunar.ToSolar(lunar.Date{Year: 2000 + i&63, Month: 1 + i&7, Day: 1 + i&15})
	}
}
