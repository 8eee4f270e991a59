package calendar

import (
	"embed"
	"io/fs"
	"sort"
	"sync"
	"time"

	"github.com/rickb777/date/v2"
)

//go:embed data/*.csv
var embedded embed.FS

// The per-day table spans these years; outside it the same rules are applied day by day.
const (
	tableFirst = 1900
	tableLast  = 2199
)

// Calendar is a compiled working calendar: which days are working days, the office hours
// and the due-date policy. Build one with New, or use Default. It is immutable and safe for
// concurrent use. Its methods take days as date.Date (github.com/rickb777/date/v2); for a
// time.Time t, that is date.NewAt(t.In(calendar.Zone())).
type Calendar struct {
	rules     HolidayRules
	extras    []StatutoryHoliday
	layers    []layer // embedded schedules first, then files given with WithSchedule
	overrides layer

	// Per-day table over [lo, lo+len(kinds)).
	lo       date.Date
	kinds    []DayKind
	cum      []int32 // cum[i]: working days in [lo, lo+i]
	ord      []int32 // ord[k]: index of the k-th working day (k ≥ 1)
	seasonOf []uint8 // season per day; nil with a single season
	years    []yearData

	seasons   []season
	uniform   bool // every season has the same session time per day
	reception [7][]Session
	policy    DuePolicy

	// yearCounts is built on first use outside the table, then read only.
	yearCounts func() []int64
}

type yearData struct {
	days   []Day
	status YearStatus
}

// layer is one source of days, indexed by year.
type layer struct {
	byYear map[int][]Day
	covers map[int]bool
}

func newLayer(days []Day, canCover bool) layer {
	l := layer{byYear: map[int][]Day{}, covers: map[int]bool{}}
	for _, d := range days {
		y := yearOf(d.Date)
		l.byYear[y] = append(l.byYear[y], d)
		if canCover && d.Kind == Holiday {
			l.covers[y] = true
		}
	}
	return l
}

var defaultCalendar = sync.OnceValue(func() *Calendar {
	c, err := New()
	if err != nil {
		panic("calendar: embedded data: " + err.Error())
	}
	return c
})

// Default returns the civil-service calendar: embedded official schedules, statutory rules,
// office hours Mon–Fri 07:30–11:30 and 13:00–17:00. It is built once and shared.
func Default() *Calendar { return defaultCalendar() }

// New compiles a calendar from options. It returns an error (*OptionError or
// *ScheduleError) and no calendar when an option or a schedule file is invalid.
func New(opts ...Option) (*Calendar, error) {
	cfg := defaultConfig()
	for _, o := range opts {
		if o == nil {
			continue
		}
		if err := o.apply(&cfg); err != nil {
			return nil, err
		}
	}
	var layers []layer
	files, err := fs.Glob(embedded, "data/*.csv")
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	for _, f := range files {
		b, err := embedded.ReadFile(f)
		if err != nil {
			return nil, err
		}
		days, err := ParseSchedule(b)
		if err != nil {
			return nil, err
		}
		layers = append(layers, newLayer(days, true))
	}
	for _, s := range cfg.schedules {
		layers = append(layers, newLayer(s, true))
	}
	c := &Calendar{
		rules:     cfg.rules,
		extras:    cfg.extras,
		layers:    layers,
		overrides: newLayer(cfg.overrides, false),
		seasons:   compileSeasons(cfg.seasons),
		reception: cfg.reception,
		policy:    cfg.policy,
	}
	c.uniform = true
	for _, s := range c.seasons {
		c.uniform = c.uniform && s.total == c.seasons[0].total
	}
	c.build()
	c.yearCounts = sync.OnceValue(c.buildYearCounts)
	return c, nil
}

// build compiles the per-day table.
func (c *Calendar) build() {
	c.lo = mkDate(tableFirst, time.January, 1)
	n := int(mkDate(tableLast+1, time.January, 1) - c.lo)
	c.kinds = make([]DayKind, n)
	for i := range c.kinds {
		c.kinds[i] = c.rules.plainKind(c.lo + date.Date(i))
	}
	c.years = make([]yearData, tableLast-tableFirst+1)
	for y := tableFirst; y <= tableLast; y++ {
		days, st := c.compileYear(y)
		c.years[y-tableFirst] = yearData{days: days, status: st}
		for _, d := range days {
			c.kinds[d.Date-c.lo] = d.Kind
		}
	}
	c.cum = make([]int32, n)
	c.ord = make([]int32, 1, n*5/7+2)
	c.ord[0] = -1
	var w int32
	for i, k := range c.kinds {
		if k.IsWorking() {
			w++
			c.ord = append(c.ord, int32(i))
		}
		c.cum[i] = w
	}
	if len(c.seasons) > 1 {
		c.seasonOf = make([]uint8, n)
		for i := range c.seasonOf {
			c.seasonOf[i] = c.seasonIndex(c.lo + date.Date(i))
		}
	}
}

// compileYear merges the sources for year y, lowest precedence first: rules, the
// schedules (a schedule covering y replaces what is below it), the extra statutory
// holidays in covered years, then the overrides.
func (c *Calendar) compileYear(y int) ([]Day, YearStatus) {
	res := c.rules.ruleYear(y, c.extras)
	covered, prov := false, false
	for _, l := range c.layers {
		rows := l.byYear[y]
		if l.covers[y] {
			res = append([]Day(nil), rows...)
			covered, prov = true, false
		} else {
			res = patch(res, rows)
		}
		for _, r := range rows {
			prov = prov || r.Provisional
		}
	}
	status := Provisional
	if covered {
		if !prov {
			status = Announced
		}
		var ex []Day
		for _, h := range c.extras {
			if !h.activeIn(y) {
				continue
			}
			d := mkDate(y, h.Month, h.Day)
			if i := find(res, d); i >= 0 && !res[i].Kind.IsWorking() && res[i].Kind != Weekend {
				continue
			}
			ex = patch(ex, []Day{{Date: d, Kind: Holiday, Name: h.Name, Source: h.Source}})
		}
		if len(ex) > 0 {
			res = patch(res, c.rules.compensate(ex, res))
		}
	}
	res = patch(res, c.overrides.byYear[y])
	out := res[:0]
	for _, d := range res {
		if d.Kind == c.rules.plainKind(d.Date) {
			continue
		}
		out = append(out, d)
	}
	return out, status
}

// patch returns base with rows replacing the days of the same date, sorted by date.
func patch(base, rows []Day) []Day {
	if len(rows) == 0 {
		return base
	}
	out := make([]Day, 0, len(base)+len(rows))
	for _, b := range base {
		if find(rows, b.Date) < 0 {
			out = append(out, b)
		}
	}
	out = append(out, rows...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Date < out[j].Date })
	return out
}

// find returns the index of d in days, or -1.
func find(days []Day, d date.Date) int {
	for i := range days {
		if days[i].Date == d {
			return i
		}
	}
	return -1
}

// search returns the index of d in the sorted days, or -1.
func search(days []Day, d date.Date) int {
	i := sort.Search(len(days), func(i int) bool { return days[i].Date >= d })
	if i < len(days) && days[i].Date == d {
		return i
	}
	return -1
}

// exceptions returns the days of year y that differ from the plain week, and its status.
func (c *Calendar) exceptions(y int) ([]Day, YearStatus) {
	if y >= tableFirst && y <= tableLast {
		yd := c.years[y-tableFirst]
		return yd.days, yd.status
	}
	if y < minYear || y > maxYear {
		return nil, Provisional
	}
	return c.compileYear(y)
}

func (c *Calendar) kindIn(d date.Date, exc []Day) DayKind {
	if i := search(exc, d); i >= 0 {
		return exc[i].Kind
	}
	return c.rules.plainKind(d)
}

// kind returns the kind of d.
func (c *Calendar) kind(d date.Date) DayKind {
	if i := int64(d) - int64(c.lo); i >= 0 && i < int64(len(c.kinds)) {
		return c.kinds[i]
	}
	exc, _ := c.exceptions(yearOf(d))
	return c.kindIn(d, exc)
}

// IsWorkingDay reports whether processing time runs on d: a Monday–Friday that is not off,
// or a make-up Saturday (see the package documentation for the sources of days off).
func (c *Calendar) IsWorkingDay(d date.Date) bool {
	if i := int64(d) - int64(c.lo); i >= 0 && i < int64(len(c.kinds)) {
		return c.kinds[i].IsWorking()
	}
	return c.kind(d).IsWorking()
}

// Day describes d: its kind, and the name and source of a day that differs from the
// plain week. Provisional is set for rows marked provisional and for every day of a
// year whose status is Provisional, except days given with WithOverrides.
func (c *Calendar) Day(d date.Date) Day {
	exc, st := c.exceptions(yearOf(d))
	if i := search(exc, d); i >= 0 {
		day := exc[i]
		if st == Provisional && find(c.overrides.byYear[yearOf(d)], d) < 0 {
			day.Provisional = true
		}
		return day
	}
	return Day{Date: d, Kind: c.rules.plainKind(d), Provisional: st == Provisional}
}

// DaysOff lists every day of year whose status differs from the plain Mon–Fri week
// (days off on weekdays, holidays on weekends, make-up working days), sorted by date.
func (c *Calendar) DaysOff(year int) []Day {
	exc, _ := c.exceptions(year)
	out := make([]Day, len(exc))
	for i := range exc {
		out[i] = c.Day(exc[i].Date)
	}
	return out
}

// Status says whether the days off of year are announced by an official schedule or provisional.
func (c *Calendar) Status(year int) YearStatus {
	_, st := c.exceptions(year)
	return st
}
