// Package reckon applies the rules of the Vietnamese lunisolar calendar to the astronomy of
// package astro: months begin on the local day of the true new moon, month 11 contains the
// winter solstice, and in a suì (solstice year) of 13 months the first month after month 11
// without a major solar term (trung khí) is the leap month, numbered after its predecessor.
// Local days are reckoned at UTC+7, and at UTC+8 (the Chinese reckoning) before the cutover.
package reckon

import (
	"math"

	"github.com/motcua-go/motcua/calendar/lunar/internal/astro"
)

// CutoverJD is the instant (JD, UT) from which new moons and solar terms are placed at UTC+7:
// 1967-12-31 17:00 UT, that is 1968-01-01 00:00 at UTC+7. Earlier events are placed at UTC+8.
const CutoverJD = 2439856.5 - 7.0/24

// Zone gives the offset in hours east of Greenwich at which an event at jd (UT) is dated.
type Zone func(jd float64) int

// Vietnam is the reckoning of the package: UTC+8 before CutoverJD, UTC+7 from it.
func Vietnam(jd float64) int {
	if jd < CutoverJD {
		return 8
	}
	return 7
}

// China is the Chinese reckoning, UTC+8 throughout (used by tests to show where the two differ).
func China(float64) int { return 8 }

// Fixed7 is UTC+7 throughout.
func Fixed7(float64) int { return 7 }

// Event is an astronomical instant and the civil day it falls on.
type Event struct {
	JDE    float64 // instant in dynamical time
	JD     float64 // instant in Universal Time
	Offset int     // zone offset in hours used to find Day
	Day    int64   // day number since 0001-01-01 (github.com/rickb777/date/v2)
}

func (z Zone) event(jde float64) Event {
	jd := astro.ToUT(jde)
	off := z(jd)
	return Event{JDE: jde, JD: jd, Offset: off, Day: astro.LocalDay(jd, off)}
}

// NewMoon returns lunation k (k = 0 is the new moon of 2000 January 6).
func (z Zone) NewMoon(k int) Event { return z.event(astro.NewMoon(float64(k))) }

// WinterSolstice returns the December solstice of the Gregorian year y.
func (z Zone) WinterSolstice(y int) Event {
	est := 2451545.0 + float64(y-2000)*365.2422 + 354
	return z.event(astro.SolarLongitudeTime(270, est))
}

// Month is one lunar month.
type Month struct {
	Start  int64 // day number of its first day
	Number int   // 1…12
	Leap   bool  // a leap month (tháng nhuận)
}

// Sui returns the months from the month 11 containing the December solstice of year y−1 up to,
// not including, the month 11 containing the solstice of year y: 12 or 13 months.
func (z Zone) Sui(y int) []Month {
	ws0, ws1 := z.WinterSolstice(y-1), z.WinterSolstice(y)
	k0, k1 := z.month11(ws0), z.month11(ws1)
	n := k1 - k0
	starts := make([]int64, n+1)
	for i := range starts {
		starts[i] = z.NewMoon(k0 + i).Day
	}
	leap := -1
	if n == 13 {
		// Major terms (trung khí) are at multiples of 30° of solar longitude; the solstice at 270°
		// lies in month 11 itself.
		terms := make([]int64, 0, 12)
		for j := 1; j <= 12; j++ {
			lon := math.Mod(270+30*float64(j), 360)
			terms = append(terms, z.event(astro.SolarLongitudeTime(lon, ws0.JDE+30.44*float64(j))).Day)
		}
		for i := 1; i < n && leap < 0; i++ {
			has := false
			for _, d := range terms {
				if d >= starts[i] && d < starts[i+1] {
					has = true
					break
				}
			}
			if !has {
				leap = i
			}
		}
	}
	months := make([]Month, n)
	num := 10
	for i := range months {
		m := Month{Start: starts[i]}
		if i == leap {
			m.Number, m.Leap = num, true
		} else {
			num = num%12 + 1
			m.Number = num
		}
		months[i] = m
	}
	return months
}

// month11 returns the lunation whose local day is the last new-moon day on or before the solstice.
func (z Zone) month11(ws Event) int {
	k := int(astro.LunationNear(ws.JDE))
	for z.NewMoon(k).Day > ws.Day {
		k--
	}
	for z.NewMoon(k+1).Day <= ws.Day {
		k++
	}
	return k
}

// Year is one lunar year, from Tết to the day before the next Tết.
type Year struct {
	Year    int     // the lunar year, named by the Gregorian year in which it begins
	NewYear int64   // day number of Tết (mùng 1 tháng Giêng)
	Leap    int     // the leap month's number, 0 if none
	Lengths []int   // month lengths in order (29 or 30), 12 or 13 of them
	Months  []Month // the months in order
}

// Years returns the lunar years from through to, inclusive, in the Vietnam reckoning.
func Years(from, to int) []Year { return Zone(Vietnam).Years(from, to) }

// Years returns the lunar years from through to, inclusive, reckoned in z.
func (z Zone) Years(from, to int) []Year {
	if to < from {
		return nil
	}
	var all []Month
	for y := from; y <= to+1; y++ {
		all = append(all, z.Sui(y)...)
	}
	var out []Year
	var cur *Year
	year := from - 1
	for i, m := range all {
		if m.Number == 1 && !m.Leap {
			year++
			if year > to+1 {
				break
			}
			out = append(out, Year{Year: year, NewYear: m.Start})
			cur = &out[len(out)-1]
		}
		if cur == nil || i+1 >= len(all) {
			continue
		}
		cur.Months = append(cur.Months, m)
		cur.Lengths = append(cur.Lengths, int(all[i+1].Start-m.Start))
		if m.Leap {
			cur.Leap = m.Number
		}
	}
	return out[:to-from+1]
}
