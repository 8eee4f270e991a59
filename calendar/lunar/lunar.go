package lunar

import (
	"math/bits"
	"strconv"

	"github.com/rickb777/date/v2"

	"github.com/motcua-go/motcua/calendar/lunar/internal/reckon"
)

//go:generate go run ./internal/gen -o table_gen.go

// Date is a date of the Vietnamese lunar calendar (âm lịch). Year is the lunar year, named by the
// Gregorian year in which its Tết falls; Month runs from 1 to 12; Leap marks the leap month
// (tháng nhuận), which repeats the number of the month before it. The zero Date is not a valid
// date.
type Date struct {
	Year, Month, Day int
	Leap             bool
}

// String formats d in Vietnamese as "day/month năm <Can Chi>", with "nhuận" after the month of
// a leap month: "10/3 năm Bính Ngọ", "15/6 nhuận năm Ất Tỵ".
func (d Date) String() string {
	var buf [48]byte
	b := strconv.AppendInt(buf[:0], int64(d.Day), 10)
	b = append(b, '/')
	b = strconv.AppendInt(b, int64(d.Month), 10)
	if d.Leap {
		b = append(b, " nhuận"...)
	}
	b = append(b, " năm "...)
	b = append(b, YearName(d.Year)...)
	return string(b)
}

// YearName returns the sexagenary (Can Chi) name of a lunar year: "Bính Ngọ" for 2026,
// "Ất Tỵ" for 2025, "Giáp Tý" for 1984.
func YearName(year int) string {
	n := (year - 4) % 60
	if n < 0 {
		n += 60
	}
	stems := [10]string{"Giáp", "Ất", "Bính", "Đinh", "Mậu", "Kỷ", "Canh", "Tân", "Nhâm", "Quý"}
	branches := [12]string{"Tý", "Sửu", "Dần", "Mão", "Thìn", "Tỵ", "Ngọ", "Mùi", "Thân", "Dậu", "Tuất", "Hợi"}
	return stems[n%10] + " " + branches[n%12]
}

// Range returns the first and last lunar years of the shipped table, within which every
// function is a table look-up and ToSolar accepts dates.
func Range() (first, last int) { return tableFirst, tableLast }

// The astronomy answers FromSolar, NewYear and LeapMonth outside the table for lunar years
// within [computeFirst, computeLast]; beyond them the functions return zero values.
const (
	computeFirst = 1000
	computeLast  = 3000
)

// entry returns the packed table entry of lunar year y (tableFirst ≤ y ≤ tableLast).
func entry(y int) uint32 {
	i := (y - tableFirst) * 4
	return uint32(yearTable[i]) | uint32(yearTable[i+1])<<8 | uint32(yearTable[i+2])<<16 | uint32(yearTable[i+3])<<24
}

const (
	lengthMask = 1<<13 - 1
	leapShift  = 13
	tetShift   = 17
)

func entryLeap(e uint32) int { return int(e>>leapShift) & 0xf }

func entryTet(y int, e uint32) int64 { return jan1(y) + int64(e>>tetShift) }

// jan1 returns the day number of 1 January of the Gregorian year y.
func jan1(y int) int64 {
	p := int64(y) - 1
	return 365*p + p/4 - p/100 + p/400 // p ≥ 0 for table years
}

// gregorianYear returns the Gregorian year of day number n (n ≥ 0).
func gregorianYear(n int64) int {
	y := int(n*400/146097) + 1
	if jan1(y+1) <= n {
		y++
	} else if jan1(y) > n {
		y--
	}
	return y
}

// FromSolar returns the lunar date of the Gregorian date d.
//
// Within the table (Tết 1900 to the eve of Tết 2201) it is a look-up; for lunar years 1000–3000
// outside it the date is computed from the astronomy (slowly); beyond those it returns the
// zero Date.
func FromSolar(d date.Date) Date {
	n := int64(d)
	if n < tableStart || n >= tableEnd {
		return fromAstronomy(n)
	}
	y := gregorianYear(n)
	if y > tableLast {
		y = tableLast
	}
	e := entry(y)
	tet := entryTet(y, e)
	if n < tet {
		y--
		e = entry(y)
		tet = entryTet(y, e)
	}
	return resolve(y, e, int(n-tet))
}

// resolve turns an offset from Tết into a lunar date, given the year's packed entry.
func resolve(y int, e uint32, off int) Date {
	i := 0
	for ; ; i++ {
		l := 29 + int(e>>i&1)
		if off < l || i >= 12 {
			break
		}
		off -= l
	}
	leap := entryLeap(e)
	switch {
	case leap == 0 || i < leap:
		return Date{Year: y, Month: i + 1, Day: off + 1}
	case i == leap:
		return Date{Year: y, Month: leap, Day: off + 1, Leap: true}
	default:
		return Date{Year: y, Month: i, Day: off + 1}
	}
}

// ToSolar returns the Gregorian date of the lunar date l. The error, a *DateError, wraps
// ErrNoSuchDate for a month outside 1–12, a leap month the year does not have, or a day beyond
// the month's 29 or 30 days; it wraps ErrOutOfRange for a year outside Range.
func ToSolar(l Date) (date.Date, error) {
	if l.Year < tableFirst || l.Year > tableLast {
		return 0, &DateError{Date: l, Field: "Year", Err: ErrOutOfRange}
	}
	if l.Month < 1 || l.Month > 12 {
		return 0, &DateError{Date: l, Field: "Month", Err: ErrNoSuchDate}
	}
	e := entry(l.Year)
	leap := entryLeap(e)
	if l.Leap && leap != l.Month {
		return 0, &DateError{Date: l, Field: "Leap", Err: ErrNoSuchDate, leapMonth: leap}
	}
	i := l.Month - 1
	if leap != 0 && (l.Month > leap || l.Leap) {
		i++
	}
	length := 29 + int(e>>i&1)
	if l.Day < 1 || l.Day > length {
		return 0, &DateError{Date: l, Field: "Day", Err: ErrNoSuchDate, monthLength: length}
	}
	before := 29*i + bits.OnesCount32(e&lengthMask&(1<<i-1))
	return date.Date(entryTet(l.Year, e) + int64(before+l.Day-1)), nil
}

// NewYear returns Tết (mùng 1 tháng Giêng), the first day of the lunar year. Outside the table
// it is computed from the astronomy for years 1000–3000, and is the zero date.Date beyond.
func NewYear(year int) date.Date {
	if year >= tableFirst && year <= tableLast {
		return date.Date(entryTet(year, entry(year)))
	}
	if ys := computed(year); ys != nil {
		return date.Date(ys.NewYear)
	}
	return 0
}

// LeapMonth returns the number of the year's leap month, or 0 when the year has none. Outside
// the table it is computed from the astronomy for years 1000–3000, and is 0 beyond.
func LeapMonth(year int) int {
	if year >= tableFirst && year <= tableLast {
		return entryLeap(entry(year))
	}
	if ys := computed(year); ys != nil {
		return ys.Leap
	}
	return 0
}

// MonthLength returns the number of days (29 or 30) of a month of a lunar year within Range,
// and 0 for a month the year does not have.
func MonthLength(year, month int, leap bool) int {
	if year < tableFirst || year > tableLast || month < 1 || month > 12 {
		return 0
	}
	e := entry(year)
	lm := entryLeap(e)
	if leap && lm != month {
		return 0
	}
	i := month - 1
	if lm != 0 && (month > lm || leap) {
		i++
	}
	return 29 + int(e>>i&1)
}

// computed returns the year from the astronomy, or nil outside [computeFirst, computeLast].
func computed(year int) *reckon.Year {
	if year < computeFirst || year > computeLast {
		return nil
	}
	ys := reckon.Years(year, year)
	return &ys[0]
}

func fromAstronomy(n int64) Date {
	if n < reckon.Jan1(computeFirst) || n >= reckon.Jan1(computeLast+1) {
		return Date{}
	}
	y := gregorianYear(n)
	ys := reckon.Years(y-1, y)
	for i := len(ys) - 1; i >= 0; i-- {
		if n >= ys[i].NewYear {
			e := reckon.Entry(ys[i])
			return resolve(ys[i].Year, e, int(n-ys[i].NewYear))
		}
	}
	return Date{}
}
