package calendar

import (
	"math"
	"sort"
	"time"

	"github.com/rickb777/date/v2"
)

// AddWorkingDays returns the n-th working day after d (d itself not counted); n<0 goes back.
// AddWorkingDays(d, 0) is d. Inside the table it is two array look-ups; outside it the
// rules are applied year by year. Results beyond the date package's range are clamped to it.
func (c *Calendar) AddWorkingDays(d date.Date, n int) date.Date {
	if n == 0 {
		return d
	}
	if i := int64(d) - int64(c.lo); i >= 0 && i < int64(len(c.kinds)) {
		w := int64(c.cum[i])
		total := int64(len(c.ord) - 1)
		if n > 0 {
			if int64(n) <= total-w {
				return c.lo + date.Date(c.ord[w+int64(n)])
			}
		} else {
			if c.kinds[i].IsWorking() {
				w--
			}
			if int64(n) >= -w {
				return c.lo + date.Date(c.ord[w+int64(n)+1])
			}
		}
	}
	if n > 0 {
		return c.findOrdinal(satAdd(c.count(d), int64(n)))
	}
	return c.findOrdinal(satAdd(c.count(d-1), int64(n)+1))
}

// WorkingDaysBetween counts working days in (from, to]; negative if to < from.
func (c *Calendar) WorkingDaysBetween(from, to date.Date) int {
	i, j := int64(from)-int64(c.lo), int64(to)-int64(c.lo)
	if n := int64(len(c.kinds)); i >= 0 && i < n && j >= 0 && j < n {
		return int(c.cum[j] - c.cum[i])
	}
	return int(c.count(to) - c.count(from))
}

func satAdd(a, b int64) int64 {
	s := a + b
	if b > 0 && s < a {
		return math.MaxInt64
	}
	if b < 0 && s > a {
		return math.MinInt64
	}
	return s
}

func clampDate(d date.Date) date.Date {
	return min(max(d, date.Min()), date.Max())
}

// plainCount is the cumulative count of plain-week working days in [0, d] (signed).
func (c *Calendar) plainCount(d date.Date) int64 {
	g := func(n int64, w int64) int64 { return w*floorDiv(n, 7) + min(floorMod(n, 7), w) }
	f := int64(c.rules.FiveDayWeekFrom)
	x := int64(d)
	if x < f {
		return g(x+1, 6)
	}
	return g(f, 6) + g(x+1, 5) - g(f, 5)
}

// adjust is the change an exception day makes to the plain-week count.
func (c *Calendar) adjust(e Day) int64 {
	plain := !c.rules.restDay(e.Date)
	switch {
	case e.Kind.IsWorking() && !plain:
		return 1
	case !e.Kind.IsWorking() && plain:
		return -1
	}
	return 0
}

// yearCounts returns P with P[y] the working days in years 1..y (P[0] = 0) for
// y up to maxYear. It is built once per calendar, on first use outside the table.
func (c *Calendar) buildYearCounts() []int64 {
	p := make([]int64, maxYear+1)
	for y := minYear; y <= maxYear; y++ {
		var n int64
		if y >= tableFirst && y <= tableLast {
			first, last := mkDate(y, time.January, 1)-c.lo, mkDate(y, time.December, 31)-c.lo
			n = int64(c.cum[last])
			if first > 0 {
				n -= int64(c.cum[first-1])
			}
		} else {
			n = c.withinYear(y, mkDate(y, time.December, 31))
		}
		p[y] = p[y-1] + n
	}
	return p
}

// withinYear counts the working days of year y up to and including d.
func (c *Calendar) withinYear(y int, d date.Date) int64 {
	n := c.plainCount(d) - c.plainCount(mkDate(y, time.January, 1)-1)
	exc, _ := c.exceptions(y)
	for _, e := range exc {
		if e.Date <= d {
			n += c.adjust(e)
		}
	}
	return n
}

var (
	firstDay = mkDate(minYear, time.January, 1)
	lastDay  = mkDate(maxYear, time.December, 31)
)

// global returns the working days from 0001-01-01 to d inclusive (negative before it).
func (c *Calendar) global(d date.Date) int64 {
	p := c.yearCounts()
	switch {
	case d < firstDay:
		return c.plainCount(d) - c.plainCount(firstDay-1)
	case d > lastDay:
		return p[maxYear] + c.plainCount(d) - c.plainCount(lastDay)
	}
	y := yearOf(d)
	return p[y-1] + c.withinYear(y, d)
}

// count is the global cumulative working-day count: count(d) - count(d-1) is 1 on a
// working day; count is 0 on the day before the table and cum[i] inside it.
func (c *Calendar) count(d date.Date) int64 {
	d = clampDate(d)
	if i := int64(d) - int64(c.lo); i >= 0 && i < int64(len(c.cum)) {
		return int64(c.cum[i])
	}
	return c.global(d) - c.yearCounts()[tableFirst-1]
}

// findOrdinal returns the working day e with count(e) == k.
func (c *Calendar) findOrdinal(k int64) date.Date {
	total := int64(len(c.ord) - 1)
	if k >= 1 && k <= total {
		return c.lo + date.Date(c.ord[k])
	}
	p := c.yearCounts()
	g := satAdd(k, p[tableFirst-1])
	if g > p[maxYear] {
		return c.plainForward(lastDay, g-p[maxYear])
	}
	if g <= 0 {
		return c.plainBackward(firstDay-1, 1-g)
	}
	y := sort.Search(maxYear+1, func(y int) bool { return p[y] >= g })
	rem := g - p[y-1]
	exc, _ := c.exceptions(y)
	for x := mkDate(y, time.January, 1); ; x++ {
		if c.kindIn(x, exc).IsWorking() {
			if rem--; rem == 0 {
				return x
			}
		}
	}
}

// plainForward returns the smallest e > d with rem plain working days in (d, e].
func (c *Calendar) plainForward(d date.Date, rem int64) date.Date {
	base := c.plainCount(d)
	if c.plainCount(date.Max())-base < rem {
		return date.Max()
	}
	lo, hi := d+1, date.Max()
	if rem < math.MaxInt32 {
		hi = min(hi, d+date.Date(2*rem+7))
	}
	for lo < hi {
		mid := lo + (hi-lo)/2
		if c.plainCount(mid)-base >= rem {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo
}

// plainBackward returns the largest e ≤ d with need plain working days in [e, d].
func (c *Calendar) plainBackward(d date.Date, need int64) date.Date {
	top := c.plainCount(d)
	if top-c.plainCount(date.Min()-1) < need {
		return date.Min()
	}
	lo, hi := date.Min(), d
	if need < math.MaxInt32 {
		lo = max(lo, d-date.Date(2*need+7))
	}
	for lo < hi {
		mid := hi - (hi-lo)/2
		if top-c.plainCount(mid-1) >= need {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo
}
