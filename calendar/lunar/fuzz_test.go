package lunar

import (
	"errors"
	"testing"

	"github.com/rickb777/date/v2"
	"golang.org/x/text/language"

	"github.com/motcua-go/motcua/calendar/lunar/internal/reckon"
)

// FuzzFromSolar: no panic for any day number; beyond the astronomy's range the zero Date; any
// number folded into the table round-trips.
func FuzzFromSolar(f *testing.F) {
	for _, n := range []int64{0, -1, 1 << 62, -1 << 62, tableStart, tableStart - 1, tableEnd, tableEnd - 1, 739668, 720000} {
		f.Add(n)
	}
	lo, hi := reckon.Jan1(computeFirst), reckon.Jan1(computeLast+1)
	f.Fuzz(func(t *testing.T, n int64) {
		if n < lo || n >= hi {
			if got := FromSolar(date.Date(n)); got != (Date{}) {
				t.Fatalf("FromSolar(%d) = %v, want the zero Date", n, got)
			}
		}
		span := int64(tableEnd - tableStart)
		d := date.Date(tableStart + (n%span+span)%span)
		l := FromSolar(d)
		back, err := ToSolar(l)
		if err != nil || back != d {
			t.Fatalf("ToSolar(FromSolar(%s) = %v) = %s, %v", d, l, back, err)
		}
	})
}

// FuzzToSolar: no panic for any input; an error is a *DateError; a success round-trips.
func FuzzToSolar(f *testing.F) {
	f.Add(2026, 3, 10, false)
	f.Add(2025, 6, 29, true)
	f.Add(2025, 6, 30, true)
	f.Add(2026, 13, 1, false)
	f.Add(1899, 12, 30, false)
	f.Add(2200, 12, 30, false)
	f.Add(-1<<40, -5, 1<<40, true)
	f.Fuzz(func(t *testing.T, y, m, d int, leap bool) {
		l := Date{Year: y, Month: m, Day: d, Leap: leap}
		s, err := ToSolar(l)
		if err != nil {
			var de *DateError
			if !errors.As(err, &de) || (!errors.Is(err, ErrNoSuchDate) && !errors.Is(err, ErrOutOfRange)) {
				t.Fatalf("ToSolar(%v): unexpected error %T %v", l, err, err)
			}
			_ = de.Message(language.Vietnamese)
			return
		}
		if got := FromSolar(s); got != l {
			t.Fatalf("FromSolar(ToSolar(%v) = %s) = %v", l, s, got)
		}
	})
}
