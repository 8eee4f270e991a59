package calendar

import (
	"math"
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

// countOut counts working days in (a, b], a ≤ b, a range outside the table.
func (c *Calendar) countOut(a, b date.Date) int64 {
	n := c.plainCount(b) - c.plainCount(a)
	lo, hi := max(yearOf(a+1), minYear), min(yearOf(b), maxYear)
	for y := lo; y <= hi; y++ {
		exc, _ := c.exceptions(y)
		for _, e := range exc {
			if e.Date > a && e.Date <= b {
				n += c.adjust(e)
			}
		}
	}
	return n
}

// count is the global cumulative working-day count: count(d) - count(d-1) is 1 on a
// working day; count is 0 on the day before the table and cum[i] inside it.
func (c *Calendar) count(d date.Date) int64 {
	d = clampDate(d)
	hi := c.lo + date.Date(len(c.kinds)-1)
	switch {
	case d < c.lo:
		return -c.countOut(d, c.lo-1)
	case d > hi:
		return int64(c.cum[len(c.cum)-1]) + c.countOut(hi, d)
	}
	return int64(c.cum[d-c.lo])
}

// findOrdinal returns the working day e with count(e) == k.
func (c *Calendar) findOrdinal(k int64) date.Date {
	total := int64(len(c.ord) - 1)
	if k >= 1 && k <= total {
		return c.lo + date.Date(c.ord[k])
	}
	if k > total {
		rem := k - total
		d := c.lo + date.Date(len(c.kinds)-1)
		for {
			y := yearOf(d + 1)
			if y > maxYear {
				return c.plainForward(d, rem)
			}
			end := mkDate(y, time.December, 31)
			cnt := c.countOut(d, end)
			if rem <= cnt {
				exc, _ := c.exceptions(y)
				for x := d + 1; x <= end; x++ {
					if c.kindIn(x, exc).IsWorking() {
						if rem--; rem == 0 {
							return x
						}
					}
				}
			}
			rem -= cnt
			d = end
		}
	}
	need := 1 - k
	d := c.lo - 1
	for {
		y := yearOf(d)
		if y < minYear {
			return c.plainBackward(d, need)
		}
		start := mkDate(y, time.January, 1)
		cnt := c.countOut(start-1, d)
		if need <= cnt {
			exc, _ := c.exceptions(y)
			for x := d; x >= start; x-- {
				if c.kindIn(x, exc).IsWorking() {
					if need--; need == 0 {
						return x
					}
				}
			}
		}
		need -= cnt
		d = start - 1
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
