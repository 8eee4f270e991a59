package calendar

import (
	"math"
	"time"

	"github.com/rickb777/date/v2"
)

// maxWorkingTime bounds working-time arithmetic so that it cannot overflow.
const maxWorkingTime = time.Duration(1 << 62)

// position returns where counting starts for a receipt on d at tod: the working day
// and the session time already elapsed in it. A receipt outside office hours starts
// at the next session start; after the close or on a day off, at the next working
// day's opening (position 0).
func (c *Calendar) position(d date.Date, tod time.Duration) (date.Date, time.Duration) {
	if c.IsWorkingDay(d) {
		s := c.seasonFor(d)
		if tod < s.close() {
			return d, s.elapsed(tod)
		}
	}
	return c.AddWorkingDays(d, 1), 0
}

// Due returns the promised return instant for a dossier received at received with limit l,
// in Zone(). See the package documentation for the policy (WorkingTime by default, CivilCode
// with WithDuePolicy). The zero Unit is WorkingDays, so Limit{N: 3} is 3 working days.
// N < 0 counts as 0, and a limit of 0 working days or hours is the start of counting
// (NextWorkingStart). Hours are clock hours from the instant of receipt, whatever the day
// (Civil Code 2015 Art. 147(1)); a limit of 0 hours is received itself. A Unit that is none of
// the five constants gives the start of counting; Limit.Valid tells such a limit apart.
func (c *Calendar) Due(received time.Time, l Limit) time.Time {
	d, tod := split(received)
	n := max(l.N, 0)
	switch l.Unit {
	case WorkingDays:
		if c.policy == CivilCode {
			if n == 0 {
				return c.closeOnOrAfter(d)
			}
			return c.CloseOfDay(c.AddWorkingDays(d, n))
		}
		if n == 0 {
			return c.NextWorkingStart(received)
		}
		start, p := c.position(d, tod)
		if p == 0 {
			return c.CloseOfDay(c.AddWorkingDays(start, n-1))
		}
		x := c.AddWorkingDays(start, n)
		s := c.seasonFor(x)
		return instant(x, s.at(min(p, s.total)))
	case WorkingHours:
		if n > longHours && c.uniform {
			return c.addLongHours(d, tod, int64(n))
		}
		if int64(n) > int64(maxWorkingTime/time.Hour) {
			n = int(maxWorkingTime / time.Hour)
		}
		return c.AddWorkingTime(received, time.Duration(n)*time.Hour)
	case Days:
		return c.closeOnOrAfter(addDays(d, int64(n)))
	case Months:
		return c.closeOnOrAfter(addMonths(d, n))
	case Hours:
		return addHours(received, n)
	}
	return c.NextWorkingStart(received)
}

// longHours is the hour limit past which Due first moves whole working days, so that
// limits longer than a time.Duration can hold are still counted exactly.
const longHours = 1 << 20

// addLongHours is Due for n > longHours working hours with the same session time on
// every day: whole working days keep the working-time position, the rest is added.
func (c *Calendar) addLongHours(d date.Date, tod time.Duration, n int64) time.Time {
	n = min(n, 1<<40) // far beyond the date range
	perDay := int64(c.seasons[0].total / time.Second)
	k := n*3600/perDay - 1
	x, p := c.position(d, tod)
	x = c.AddWorkingDays(x, int(k))
	rest := time.Duration(n*3600-k*perDay) * time.Second
	return c.AddWorkingTime(instant(x, c.seasonFor(x).at(p)), rest)
}

func addDays(d date.Date, n int64) date.Date {
	if n > int64(date.Max()-d) {
		return date.Max()
	}
	return d + date.Date(n)
}

// addMonths returns the same day of the month n months later; when that month is
// shorter, its last day (Civil Code 2015 Art. 148).
func addMonths(d date.Date, n int) date.Date {
	if n > 12*int(math.MaxInt32/365) {
		return date.Max()
	}
	y, m, day := ymd(d)
	t := int64(y)*12 + int64(m-1) + int64(n)
	ny, nm := int(floorDiv(t, 12)), time.Month(floorMod(t, 12)+1)
	return clampDate(mkDate(ny, nm, min(day, daysIn(ny, nm))))
}

// AddWorkingTime returns the instant d of session time after t (t first moved to the next
// session if outside office hours); a result on a session boundary is the earlier session's close.
// d < 0 counts back from t (t first moved back to the end of the previous session); a
// result on a boundary is then the later session's start. d == 0 gives NextWorkingStart(t).
func (c *Calendar) AddWorkingTime(t time.Time, d time.Duration) time.Time {
	if d == 0 {
		return c.NextWorkingStart(t)
	}
	day, tod := split(t)
	if d > 0 {
		d = min(d, maxWorkingTime)
		x, p := c.position(day, tod)
		rem := p + d
		if c.uniform {
			total := c.seasons[0].total
			k := (rem - 1) / total
			x = c.AddWorkingDays(x, int(k))
			return instant(x, c.seasonFor(x).at(rem-k*total))
		}
		for s := c.seasonFor(x); rem > s.total; s = c.seasonFor(x) {
			rem -= s.total
			x = c.AddWorkingDays(x, 1)
		}
		return instant(x, c.seasonFor(x).at(rem))
	}
	d = max(d, -maxWorkingTime)
	x := day
	var p time.Duration
	if s := c.seasonFor(day); c.IsWorkingDay(day) && tod > s.open() {
		p = s.elapsed(tod)
	} else {
		x = c.AddWorkingDays(day, -1)
		p = c.seasonFor(x).total
	}
	rem := p + d
	if c.uniform {
		total := c.seasons[0].total
		k := floorDiv(int64(rem), int64(total))
		x = c.AddWorkingDays(x, int(k))
		return instant(x, c.seasonFor(x).atBack(rem-time.Duration(k)*total))
	}
	for rem < 0 {
		x = c.AddWorkingDays(x, -1)
		rem += c.seasonFor(x).total
	}
	return instant(x, c.seasonFor(x).atBack(rem))
}

// dayTime returns the session time of d (0 on a day off).
func (c *Calendar) dayTime(d date.Date) time.Duration {
	if !c.IsWorkingDay(d) {
		return 0
	}
	return c.seasonFor(d).total
}

// WorkingTimeBetween returns the session time in [from, to); negative if to < from.
// The result saturates at the largest time.Duration (also for spans over 16 million days
// when seasons have different session times).
func (c *Calendar) WorkingTimeBetween(from, to time.Time) time.Duration {
	if to.Before(from) {
		return -c.WorkingTimeBetween(to, from)
	}
	a, ta := split(from)
	b, tb := split(to)
	ea, eb := time.Duration(0), time.Duration(0)
	if c.IsWorkingDay(a) {
		ea = c.seasonFor(a).elapsed(ta)
	}
	if c.IsWorkingDay(b) {
		eb = c.seasonFor(b).elapsed(tb)
	}
	if a == b {
		return eb - ea
	}
	head := c.dayTime(a) - ea
	if c.uniform {
		total := c.seasons[0].total
		n := int64(c.WorkingDaysBetween(a, b-1))
		if n > int64(maxWorkingTime/total) {
			return math.MaxInt64
		}
		return head + time.Duration(n)*total + eb
	}
	if b-a > 1<<24 {
		return math.MaxInt64
	}
	sum := head + eb
	curY, exc := math.MinInt, []Day(nil)
	for x := a + 1; x < b; x++ {
		var working bool
		if i := int64(x) - int64(c.lo); i >= 0 && i < int64(len(c.kinds)) {
			working = c.kinds[i].IsWorking()
		} else {
			if y := yearOf(x); y != curY {
				curY = y
				exc, _ = c.exceptions(y)
			}
			working = c.kindIn(x, exc).IsWorking()
		}
		if working {
			if sum += c.seasonFor(x).total; sum > maxWorkingTime {
				return math.MaxInt64
			}
		}
	}
	return sum
}

// SameDayDue applies the same-day rule that many procedures publish as their time limit
// ("trong ngày làm việc; nếu tiếp nhận hồ sơ sau 15 giờ thì trả kết quả trong ngày làm việc
// tiếp theo", e.g. birth registration 1.001193): received on a working day not after cutoff
// (usually 15:00, TimeOfDay(15*time.Hour); exactly 15:00 is not after it) and before the
// close → close of that day; otherwise close of the next working day. A receipt before
// opening on a working day is due the same day. The cut-off belongs to each procedure
// (package procedure gives it, with 15:00 as its default).
func (c *Calendar) SameDayDue(received time.Time, cutoff TimeOfDay) time.Time {
	d, tod := split(received)
	if c.IsWorkingDay(d) && tod <= time.Duration(cutoff) && tod < c.seasonFor(d).close() {
		return c.CloseOfDay(d)
	}
	return c.CloseOfDay(c.AddWorkingDays(d, 1))
}

// addHours returns t plus n clock hours in Vietnam, saturating at the end of the date range
// instead of overflowing.
func addHours(t time.Time, n int) time.Time {
	const maxHours = int64(maxWorkingTime / time.Hour)
	h := min(int64(n), maxHours)
	return t.Add(time.Duration(h) * time.Hour).In(Zone())
}
