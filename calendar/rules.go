package calendar

import (
	"sort"
	"strconv"
	"time"

	"github.com/motcua-go/motcua/calendar/lunar"
	"github.com/rickb777/date/v2"
)

// HolidayRules is the statutory-rule policy used for years no official schedule covers.
// The placement of Tết and the second day of National Day are not law: the Prime
// Minister fixes them each year. The defaults reproduce the choices of 2019–2027.
type HolidayRules struct {
	// TetBefore[w] is how many of the five Tết days fall before mùng 1 (the last
	// days of the lunar year) when mùng 1 falls on weekday w. Default: Monday,
	// Tuesday and Thursday 1, other days 2. The 2019–2027 record shows Tuesday,
	// Wednesday and Friday–Sunday; for Monday and Thursday the default starts the
	// block on the last day of the year and the weekend days inside are compensated.
	TetBefore [7]int
	// TetBeforeShort is the same for the four-day Tết of the years before 2014. Default 1.
	TetBeforeShort int
	// NationalDaySecond[w] is -1 (1 September) or +1 (3 September) when 2 September
	// falls on weekday w (from 2021). Default: Monday, Thursday and Sunday +1, other days -1.
	NationalDaySecond [7]int
	// FiveDayWeekFrom is the first day of the Monday–Friday week (Decision
	// 188/1999/QĐ-TTg); before it Saturday is a working day. Default 1999-10-02
	// (date.New(1999, time.October, 2), github.com/rickb777/date/v2).
	FiveDayWeekFrom date.Date
}

// DefaultHolidayRules returns the default rule policy.
func DefaultHolidayRules() HolidayRules {
	return HolidayRules{
		TetBefore:         [7]int{time.Sunday: 2, time.Monday: 1, time.Tuesday: 1, time.Wednesday: 2, time.Thursday: 1, time.Friday: 2, time.Saturday: 2},
		TetBeforeShort:    1,
		NationalDaySecond: [7]int{time.Sunday: 1, time.Monday: 1, time.Tuesday: -1, time.Wednesday: -1, time.Thursday: 1, time.Friday: -1, time.Saturday: -1},
		FiveDayWeekFrom:   mkDate(1999, time.October, 2),
	}
}

// StatutoryHoliday is a fixed-date holiday added by the embedder when a new law
// or resolution creates one (e.g. 24 November, Ngày Văn hóa Việt Nam). It applies
// from year From to year Until (0: no end) and is treated like any statutory
// holiday, compensatory day included.
type StatutoryHoliday struct {
	Month  time.Month
	Day    int
	Name   string
	Source string
	From   int
	Until  int
}

func (h StatutoryHoliday) activeIn(y int) bool {
	return y >= h.From && (h.Until == 0 || y <= h.Until) && h.Day <= daysIn(y, h.Month)
}

// lunarFirst and lunarLast bound the years for which lunar holidays are computed.
const (
	lunarFirst = 1900
	lunarLast  = 2199
)

// Legal regimes of public holidays.
var (
	lc2012From = mkDate(2013, time.May, 1)
	lc2019From = mkDate(2021, time.January, 1)
)

// restDay reports whether d is a weekly rest day.
func (r *HolidayRules) restDay(d date.Date) bool {
	w := weekday(d)
	return w == 6 || (w == 5 && d >= r.FiveDayWeekFrom)
}

// plainKind is the kind of d in the plain week.
func (r *HolidayRules) plainKind(d date.Date) DayKind {
	if r.restDay(d) {
		return Weekend
	}
	return Workday
}

func regimeSource(d date.Date) (holiday, comp string) {
	switch {
	case d >= lc2019From:
		return "BLLĐ 2019 Đ.112", "BLLĐ 2019 Đ.111(3)"
	case d >= lc2012From:
		return "BLLĐ 2012 Đ.115", "BLLĐ 2012 Đ.115(3)"
	}
	return "BLLĐ 1994 Đ.73", "BLLĐ 1994 Đ.73"
}

const practice = "; xếp ngày theo thông lệ (chưa công bố)"

// ruleYear derives the days off of year y from the statutory rules, the practice
// policy and the extra statutory holidays. Every day is marked provisional.
func (r *HolidayRules) ruleYear(y int, extra []StatutoryHoliday) []Day {
	var hs []Day
	add := func(d date.Date, name, src string) {
		for _, h := range hs {
			if h.Date == d {
				return
			}
		}
		hs = append(hs, Day{Date: d, Kind: Holiday, Name: name, Source: src, Provisional: true})
	}
	fixed := func(m time.Month, day int, name string) {
		d := mkDate(y, m, day)
		src, _ := regimeSource(d)
		add(d, name, src)
	}
	fixed(time.January, 1, "Tết Dương lịch")
	if y >= lunarFirst && y <= lunarLast {
		ny := lunar.NewYear(y)
		src, _ := regimeSource(ny)
		n, before := 5, r.TetBefore[stdWeekday(ny)]
		if ny < lc2012From {
			n, before = 4, r.TetBeforeShort
		}
		before = max(0, min(before, n-1))
		for k := -before; k < n-before; k++ {
			d := ny + date.Date(k)
			var name string
			if k < 0 {
				l := lunar.FromSolar(d)
				name = "Tết Âm lịch – " + strconv.Itoa(l.Day) + " tháng Chạp"
				if k == -1 {
					name += " (ngày cuối năm)"
				}
			} else {
				name = "Tết Âm lịch – Mùng " + strconv.Itoa(k+1)
				if k == 0 {
					name += " " + lunar.YearName(y)
				}
			}
			add(d, name, src+practice)
		}
		if y >= 2007 {
			if d, err := lunar.ToSolar(lunar.Date{Year: y, Month: 3, Day: 10}); err == nil {
				src, _ := regimeSource(d)
				add(d, "Giỗ Tổ Hùng Vương (10/3 ÂL)", src)
			}
		}
	}
	fixed(time.April, 30, "Ngày Chiến thắng")
	fixed(time.May, 1, "Ngày Quốc tế Lao động")
	fixed(time.September, 2, "Quốc khánh")
	if nd := mkDate(y, time.September, 2); nd >= lc2019From {
		src, _ := regimeSource(nd)
		if r.NationalDaySecond[stdWeekday(nd)] < 0 {
			add(nd-1, "Quốc khánh – ngày liền kề (trước)", src+practice)
		} else {
			add(nd+1, "Quốc khánh – ngày liền kề (sau)", src+practice)
		}
	}
	for _, h := range extra {
		if h.activeIn(y) {
			add(mkDate(y, h.Month, h.Day), h.Name, h.Source)
		}
	}
	sort.Slice(hs, func(i, j int) bool { return hs[i].Date < hs[j].Date })
	return r.compensate(hs, nil)
}

// compensate adds, for every holiday in hs on a weekly rest day, a compensatory
// day on the next working day that is not itself off (Labor Code 2019 Art. 111(3)).
// off lists further days already off (schedule rows); hs must be sorted.
func (r *HolidayRules) compensate(hs []Day, off []Day) []Day {
	isOff := func(d date.Date, list []Day) bool {
		for _, h := range list {
			if h.Date == d && !h.Kind.IsWorking() && h.Kind != Weekend {
				return true
			}
		}
		return false
	}
	out := append([]Day(nil), hs...)
	for _, h := range hs {
		if h.Kind != Holiday || !r.restDay(h.Date) {
			continue
		}
		d := h.Date + 1
		for r.restDay(d) || isOff(d, out) || isOff(d, off) {
			d++
		}
		_, src := regimeSource(h.Date)
		out = append(out, Day{Date: d, Kind: Compensatory, Name: "Nghỉ bù " + h.Name, Source: src, Provisional: h.Provisional})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Date < out[j].Date })
	return out
}
