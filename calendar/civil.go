package calendar

import (
	"time"

	"github.com/rickb777/date/v2"
)

// Day-number helpers that avoid time.Time on hot paths. A date.Date counts days
// since 0001-01-01 (a Monday); civil conversions follow the proleptic Gregorian calendar.

const secondsPerDay = 86400

// utcOffset is the fixed offset of Vietnam (UTC+7, no daylight saving).
const utcOffset = 7 * 3600

var zone = time.FixedZone("+07", utcOffset)

// Zone returns Asia/Ho_Chi_Minh (UTC+7, no daylight saving), even on hosts without tzdata.
func Zone() *time.Location { return zone }

func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

func floorMod(a, b int64) int64 { return a - floorDiv(a, b)*b }

// weekday returns 0 for Monday … 6 for Sunday.
func weekday(d date.Date) int { return int(floorMod(int64(d), 7)) }

// stdWeekday converts to time.Weekday.
func stdWeekday(d date.Date) time.Weekday { return time.Weekday((weekday(d) + 1) % 7) }

// ymd returns the civil date of d (Hinnant's days-to-civil).
func ymd(d date.Date) (y int, m time.Month, day int) {
	z := int64(d) - date.ZeroOffset + 719468
	era := floorDiv(z, 146097)
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	yy := yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	dd := doy - (153*mp+2)/5 + 1
	mm := mp + 3
	if mm > 12 {
		mm -= 12
	}
	if mm <= 2 {
		yy++
	}
	return int(yy), time.Month(mm), int(dd)
}

// yearOf returns the civil year of d.
func yearOf(d date.Date) int { y, _, _ := ymd(d); return y }

// mkDate returns the date of y-m-d (Hinnant's days-from-civil); out-of-range
// days and months are normalised like time.Date does not: callers pass valid values.
func mkDate(y int, m time.Month, d int) date.Date {
	yy := int64(y)
	if m <= 2 {
		yy--
	}
	era := floorDiv(yy, 400)
	yoe := yy - era*400
	mp := (int64(m) + 9) % 12
	doy := (153*mp+2)/5 + int64(d) - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return date.Date(era*146097 + doe - 719468 + date.ZeroOffset)
}

func isLeap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

func daysIn(y int, m time.Month) int {
	switch m {
	case time.February:
		if isLeap(y) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}

// split returns the date in Vietnam of t and the time of day since midnight.
func split(t time.Time) (date.Date, time.Duration) {
	s := t.Unix() + utcOffset
	days := floorDiv(s, secondsPerDay)
	tod := time.Duration(s-days*secondsPerDay)*time.Second + time.Duration(t.Nanosecond())
	return date.Date(days + date.ZeroOffset), tod
}

// instant returns the time in Zone() at time of day tod on d.
func instant(d date.Date, tod time.Duration) time.Time {
	s := (int64(d)-date.ZeroOffset)*secondsPerDay - utcOffset + int64(tod/time.Second)
	return time.Unix(s, int64(tod%time.Second)).In(zone)
}
