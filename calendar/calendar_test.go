package calendar

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/google/go-cmp/cmp"
	"github.com/rickb777/date/v2"
	"golang.org/x/text/language"
)

func mustParseFile(t *testing.T, name string) []Day {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	days, err := ParseSchedule(b)
	if err != nil {
		t.Fatal(err)
	}
	return days
}

// Every day of 2019–2026 has the kind the official schedule gives it; every other
// Monday–Friday is a workday and every other Saturday or Sunday a weekend.
func TestEveryDayAgainstSchedule(t *testing.T) {
	c := Default()
	want := map[date.Date]Day{}
	for _, d := range mustParseFile(t, "data/vn_days_off_2019_2027.csv") {
		want[d.Date] = d
	}
	for d := date.New(2019, 1, 1); d <= date.New(2026, 12, 31); d++ {
		got := c.Day(d)
		w, listed := want[d]
		if !listed {
			w = Day{Date: d, Kind: Workday}
			if wd := d.Weekday(); wd == time.Saturday || wd == time.Sunday {
				w.Kind = Weekend
			}
		}
		if diff := cmp.Diff(w, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", d, diff)
		}
		if got.Kind.IsWorking() != c.IsWorkingDay(d) {
			t.Errorf("%s: IsWorkingDay disagrees with Day", d)
		}
	}
	for y := 2019; y <= 2026; y++ {
		if c.Status(y) != Announced {
			t.Errorf("Status(%d) = %v", y, c.Status(y))
		}
	}
	for _, y := range []int{2018, 2027, 2028, 2100, 1990} {
		if c.Status(y) != Provisional {
			t.Errorf("Status(%d) = %v", y, c.Status(y))
		}
	}
}

type kd struct {
	Date date.Date
	Kind DayKind
}

func kinds(days []Day) []kd {
	out := make([]kd, len(days))
	for i, d := range days {
		out[i] = kd{d.Date, d.Kind}
	}
	return out
}

// The statutory rules (with the default practice policy) reproduce the official
// schedules of 2019–2026 except for the swaps, which only the government decides.
func TestRulesAgainstOfficial(t *testing.T) {
	c := Default()
	official := map[int][]kd{}
	for _, d := range mustParseFile(t, "data/vn_days_off_2019_2027.csv") {
		y := d.Date.Year()
		official[y] = append(official[y], kd{d.Date, d.Kind})
	}
	swaps := map[int][]kd{
		2019: {{date.New(2019, 1, 5), MakeupWorkday}, {date.New(2019, 4, 29), SwappedOff}, {date.New(2019, 5, 4), MakeupWorkday}},
		2024: {{date.New(2024, 4, 29), SwappedOff}, {date.New(2024, 5, 4), MakeupWorkday}},
		2025: {{date.New(2025, 4, 26), MakeupWorkday}, {date.New(2025, 5, 2), SwappedOff}},
		2026: {{date.New(2026, 1, 2), SwappedOff}, {date.New(2026, 1, 10), MakeupWorkday}, {date.New(2026, 8, 22), MakeupWorkday}, {date.New(2026, 8, 31), SwappedOff}},
	}
	for y := 2019; y <= 2027; y++ {
		rules := kinds(c.rules.ruleYear(y, nil))
		var onlyOfficial []kd
		for _, o := range official[y] {
			found := false
			for _, r := range rules {
				found = found || r == o
			}
			if !found {
				onlyOfficial = append(onlyOfficial, o)
			}
		}
		if len(onlyOfficial) == 0 {
			onlyOfficial = nil
		}
		if diff := cmp.Diff(swaps[y], onlyOfficial); diff != "" {
			t.Errorf("%d: official days the rules miss (-want +got):\n%s", y, diff)
		}
		if len(rules)+len(swaps[y]) != len(official[y]) {
			t.Errorf("%d: rules give %d days, official %d with %d swaps:\n%v", y, len(rules), len(official[y]), len(swaps[y]), rules)
		}
	}
}

func TestCompensatory(t *testing.T) {
	r := DefaultHolidayRules()
	tests := []struct {
		year int
		want []kd
	}{
		// 2022: 30/4 Sat and 1/5 Sun → 2/5 and 3/5 (not "observed Monday" twice).
		{2022, []kd{{date.New(2022, 4, 30), Holiday}, {date.New(2022, 5, 1), Holiday}, {date.New(2022, 5, 2), Compensatory}, {date.New(2022, 5, 3), Compensatory}}},
		// 2023: Giỗ Tổ Sat 29/4, 30/4 Sun, 1/5 Mon → 2/5 and 3/5.
		{2023, []kd{{date.New(2023, 4, 29), Holiday}, {date.New(2023, 4, 30), Holiday}, {date.New(2023, 5, 1), Holiday}, {date.New(2023, 5, 2), Compensatory}, {date.New(2023, 5, 3), Compensatory}}},
	}
	for _, tt := range tests {
		var got []kd
		for _, d := range kinds(r.ruleYear(tt.year, nil)) {
			if d.Date >= date.New(tt.year, 4, 25) && d.Date <= date.New(tt.year, 5, 10) {
				got = append(got, d)
			}
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%d (-want +got):\n%s", tt.year, diff)
		}
	}
}

func TestRegimes(t *testing.T) {
	r := DefaultHolidayRules()
	count := func(y int, k DayKind) int {
		n := 0
		for _, d := range r.ruleYear(y, nil) {
			if d.Kind == k {
				n++
			}
		}
		return n
	}
	tests := []struct{ year, holidays int }{
		{2005, 8},  // Labor Code 1994: 1/1, Tết 4, 30/4, 1/5, 2/9
		{2010, 9},  // + Giỗ Tổ since 2007
		{2013, 9},  // Tết 2013 fell before 1/5/2013: still 4 days
		{2015, 10}, // Labor Code 2012: Tết 5 days
		{2021, 11}, // Labor Code 2019: National Day 2 days
	}
	for _, tt := range tests {
		if got := count(tt.year, Holiday); got != tt.holidays {
			t.Errorf("%d: %d holidays, want %d", tt.year, got, tt.holidays)
		}
	}
	// Before Decision 188/1999 Saturday was a working day.
	c := Default()
	if !c.IsWorkingDay(date.New(1999, 9, 25)) || c.IsWorkingDay(date.New(1999, 10, 2)) {
		t.Error("five-day week should start on 1999-10-02")
	}
}

func TestStatutoryHolidayAndOverrides(t *testing.T) {
	c, err := New(
		WithStatutoryHoliday(StatutoryHoliday{Month: time.November, Day: 24, Name: "Ngày Văn hóa Việt Nam", Source: "NQ …", From: 2026}),
		WithOverrides(
			Day{Date: date.New(2026, 3, 11), Kind: Closure, Name: "Nghỉ do bão", Source: "CĐ UBND tỉnh"},
			Day{Date: date.New(2026, 3, 14), Kind: MakeupWorkday, Name: "Làm bù", Source: "CĐ UBND tỉnh"},
			Day{Date: date.New(2026, 8, 31), Kind: Workday, Name: "Hủy nghỉ hoán đổi", Source: "test"},
		),
	)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		d    date.Date
		kind DayKind
	}{
		{date.New(2025, 11, 24), Workday},
		{date.New(2026, 11, 24), Holiday},      // Tuesday, covered year 2026
		{date.New(2029, 11, 24), Holiday},      // Saturday, rules year
		{date.New(2029, 11, 26), Compensatory}, // compensatory Monday
		{date.New(2030, 11, 24), Holiday},      // Sunday
		{date.New(2030, 11, 25), Compensatory},
		{date.New(2026, 3, 11), Closure},
		{date.New(2026, 3, 14), MakeupWorkday},
		{date.New(2026, 8, 31), Workday},
	}
	for _, tt := range tests {
		if got := c.Day(tt.d); got.Kind != tt.kind {
			t.Errorf("%s: %v, want %v", tt.d, got.Kind, tt.kind)
		}
	}
	if d := c.Day(date.New(2026, 3, 11)); d.Provisional || d.Name != "Nghỉ do bão" {
		t.Errorf("override day: %+v", d)
	}
	// Overrides and rules also work outside the table.
	far, err := New(WithOverrides(Day{Date: date.New(2300, 1, 3), Kind: Closure, Name: "x", Source: "y"}))
	if err != nil {
		t.Fatal(err)
	}
	if far.IsWorkingDay(date.New(2300, 1, 3)) || !Default().IsWorkingDay(date.New(2300, 1, 3)) {
		t.Error("override outside the table ignored")
	}
	if Default().IsWorkingDay(date.New(2300, 9, 2)) {
		t.Error("2/9/2300 should be a holiday by the rules")
	}
}

func TestRuntimeSchedule(t *testing.T) {
	csv := "date,kind,name,source\n" +
		"2027-01-01,holiday,Tết Dương lịch,TB 1/TB-BNV\n" +
		"2027-02-05,holiday,Tết,TB 1/TB-BNV\n" +
		"2027-02-08,holiday,Tết,TB 1/TB-BNV\n"
	c, err := New(WithSchedule([]byte(csv)))
	if err != nil {
		t.Fatal(err)
	}
	if c.Status(2027) != Announced {
		t.Errorf("2027: %v", c.Status(2027))
	}
	got := kinds(c.DaysOff(2027))
	want := []kd{{date.New(2027, 1, 1), Holiday}, {date.New(2027, 2, 5), Holiday}, {date.New(2027, 2, 8), Holiday}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("a covering file replaces the year (-want +got):\n%s", diff)
	}
	// A file with only a swap patches the embedded year.
	patchOnly := `[{"date": "2027-05-04", "kind": "swapped_off", "name": "Hoán đổi", "source": "TB 2"},
	 {"date": "2027-05-08", "kind": "makeup_workday", "name": "Làm bù", "source": "TB 2"}]`
	c, err = New(WithSchedule([]byte(patchOnly)))
	if err != nil {
		t.Fatal(err)
	}
	if c.IsWorkingDay(date.New(2027, 5, 4)) || !c.IsWorkingDay(date.New(2027, 5, 8)) || c.IsWorkingDay(date.New(2027, 2, 9)) {
		t.Error("patch file not applied over the embedded 2027")
	}
	if c.Status(2027) != Provisional {
		t.Error("2027 must stay provisional")
	}
}

func TestNewErrors(t *testing.T) {
	tests := []struct {
		name string
		opt  Option
		err  error
	}{
		{"bad schedule", WithSchedule([]byte("date,kind,name,source\n2026-13-01,holiday,x,y\n")), ErrBadDate},
		{"override on weekday", WithOverrides(Day{Date: date.New(2026, 3, 10), Kind: MakeupWorkday, Name: "x"}), ErrKindMismatch},
		{"override no name", WithOverrides(Day{Date: date.New(2026, 3, 10), Kind: Closure}), ErrFieldRequired},
		{"override twice", WithOverrides(Day{Date: date.New(2026, 3, 10), Kind: Closure, Name: "a"}, Day{Date: date.New(2026, 3, 10), Kind: Closure, Name: "b"}), ErrDuplicateDate},
		{"override far", WithOverrides(Day{Date: date.New(12000, 3, 10), Kind: Closure, Name: "a"}), ErrOutOfRange},
		{"hours reversed", WithOfficeHours(Session{Start: 11 * time.Hour, End: 7 * time.Hour}), ErrBadHours},
		{"hours overlap", WithOfficeHours(Session{7 * time.Hour, 12 * time.Hour}, Session{11 * time.Hour, 17 * time.Hour}), ErrBadHours},
		{"no hours", WithOfficeHours(), ErrBadHours},
		{"season date", WithSeasons(Season{Month: 2, Day: 30, Sessions: DefaultSessions()}), ErrBadValue},
		{"reception weekday", WithReception(time.Weekday(9), DefaultSessions()...), ErrBadValue},
		{"holiday date", WithStatutoryHoliday(StatutoryHoliday{Month: 13, Day: 1, Name: "x", From: 2026}), ErrBadValue},
		{"holiday years", WithStatutoryHoliday(StatutoryHoliday{Month: 11, Day: 24, Name: "x", From: 2026, Until: 2020}), ErrOutOfRange},
		{"rules", WithHolidayRules(HolidayRules{TetBefore: [7]int{9}}), ErrOutOfRange},
		{"policy", WithDuePolicy(DuePolicy(7)), ErrBadValue},
		{"no seasons", WithSeasons(), ErrFieldRequired},
		{"override kind", WithOverrides(Day{Date: date.New(2026, 3, 10), Kind: 42, Name: "x"}), ErrUnknownKind},
		{"override NUL", WithOverrides(Day{Date: date.New(2026, 3, 10), Kind: Closure, Name: "a\x00"}), ErrControl},
		{"override source", WithOverrides(Day{Date: date.New(2026, 3, 10), Kind: Closure, Name: "a", Source: "\xff"}), ErrEncoding},
		{"holiday name", WithStatutoryHoliday(StatutoryHoliday{Month: 11, Day: 24, Name: strings.Repeat("x", 201), From: 2026}), ErrTooLong},
		{"rules national day", WithHolidayRules(HolidayRules{TetBefore: DefaultHolidayRules().TetBefore, NationalDaySecond: [7]int{1}}), ErrBadValue},
		{"rules short", WithHolidayRules(HolidayRules{TetBefore: DefaultHolidayRules().TetBefore, TetBeforeShort: 9}), ErrOutOfRange},
		{"rules week", WithHolidayRules(HolidayRules{TetBefore: DefaultHolidayRules().TetBefore, NationalDaySecond: DefaultHolidayRules().NationalDaySecond, FiveDayWeekFrom: date.New(12000, 1, 1)}), ErrOutOfRange},
		{"long sessions", WithOfficeHours(append(DefaultSessions(), DefaultSessions()...)...), ErrBadHours},
	}
	for _, tt := range tests {
		c, err := New(tt.opt)
		if c != nil || !errors.Is(err, tt.err) {
			t.Errorf("%s: got %v, %v; want error %v", tt.name, c, err, tt.err)
			continue
		}
		var oe *OptionError
		var se *ScheduleError
		if !errors.As(err, &oe) && !errors.As(err, &se) {
			t.Errorf("%s: %T is neither *OptionError nor *ScheduleError", tt.name, err)
		}
		if oe != nil && (oe.Field == "" || oe.Message(language.Vietnamese) == "") {
			t.Errorf("%s: %v lacks a field or a Vietnamese message", tt.name, oe)
		}
		if vi := err.(interface{ Message(language.Tag) string }).Message(language.Vietnamese); englishIn(vi) != "" {
			t.Errorf("%s: Vietnamese message %q has the English %q", tt.name, vi, englishIn(vi))
		}
	}
}

// Regression: option messages printed "%!Month(13) 1" and put the date where the
// missing name should be.
func TestOptionMessages(t *testing.T) {
	tests := []struct {
		opt    Option
		en, vi string
	}{
		{WithStatutoryHoliday(StatutoryHoliday{Month: 13, Day: 1, Name: "x", From: 2026}),
			`calendar: WithStatutoryHoliday: Month/Day "1/13" is not a valid value`,
			`cấu hình lịch, ngày lễ bổ sung: ngày/tháng "1/13" không phải giá trị hợp lệ`},
		{WithOverrides(Day{Date: date.New(2026, 3, 11), Kind: Closure}),
			`calendar: WithOverrides (2026-03-11): Name is required`,
			`cấu hình lịch, ngày điều chỉnh riêng (2026-03-11): tên là bắt buộc`},
	}
	for _, tt := range tests {
		_, err := New(tt.opt)
		var oe *OptionError
		if !errors.As(err, &oe) {
			t.Fatalf("%v: not an *OptionError", err)
		}
		if diff := cmp.Diff([2]string{tt.en, tt.vi}, [2]string{oe.Error(), oe.Message(language.Vietnamese)}); diff != "" {
			t.Errorf("messages (-want +got):\n%s", diff)
		}
	}
}

// A later WithOverrides for the same date replaces an earlier one.
func TestOverridesLaterWins(t *testing.T) {
	d := date.New(2026, 3, 11)
	c, err := New(WithOverrides(Day{Date: d, Kind: Closure, Name: "a"}), WithOverrides(Day{Date: d, Kind: Workday, Name: "b"}))
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Day(d); got.Kind != Workday || !c.IsWorkingDay(d) {
		t.Errorf("later override lost: %+v", got)
	}
}

// identity: AddWorkingDays(d, WorkingDaysBetween(d, e)) == e for every working day e > d.
func checkIdentity(t *testing.T, c *Calendar, d, e date.Date) {
	t.Helper()
	n := c.WorkingDaysBetween(d, e)
	if c.WorkingDaysBetween(e, d) != -n {
		t.Fatalf("WorkingDaysBetween(%s, %s) = %d not antisymmetric", d, e, n)
	}
	if e > d && c.IsWorkingDay(e) {
		if got := c.AddWorkingDays(d, n); got != e {
			t.Fatalf("AddWorkingDays(%s, WorkingDaysBetween(%s, %s)=%d) = %s", d, d, e, n, got)
		}
	}
	if d < e && c.IsWorkingDay(d) {
		// Going back: d is the (m+1)-th working day before e, m the working days in (d, e).
		m := n - b2i(c.IsWorkingDay(e))
		if got := c.AddWorkingDays(e, -(m + 1)); got != d {
			t.Fatalf("AddWorkingDays(%s, -%d) = %s, want %s", e, m+1, got, d)
		}
	}
}

func TestIdentityProperty(t *testing.T) {
	c := Default()
	r := rand.New(rand.NewPCG(1, 2))
	edges := []date.Date{date.New(1900, 1, 1), date.New(2199, 12, 31), date.New(1, 1, 1), date.New(9999, 12, 31), date.New(2026, 1, 1)}
	for i := range 20000 {
		var d date.Date
		switch i % 4 {
		case 0: // inside the table
			d = date.New(1990, 1, 1) + date.Date(r.IntN(40000))
		case 1: // around the table and range edges
			d = edges[r.IntN(len(edges))] + date.Date(r.IntN(1500)-750)
		default:
			d = date.New(2020, 1, 1) + date.Date(r.IntN(4000))
		}
		span := r.IntN(2000)
		if i%50 == 0 {
			span = r.IntN(200000)
		}
		e := d + date.Date(span)
		checkIdentity(t, c, d, e)
	}
}

// slowKind is the reference: the year compiled afresh, without the table.
func slowKind(c *Calendar, d date.Date) DayKind {
	if y := d.Year(); y < minYear || y > maxYear {
		return c.rules.plainKind(d)
	}
	days, _ := c.compileYear(d.Year())
	return c.kindIn(d, days)
}

func TestTableAgainstRules(t *testing.T) {
	c := Default()
	for d := date.New(1900, 1, 1); d <= date.New(2199, 12, 31); d++ {
		if c.kinds[d-c.lo] != slowKind(c, d) {
			t.Fatalf("%s: table %v, rules %v", d, c.kinds[d-c.lo], slowKind(c, d))
		}
	}
	// Walking day by day agrees with the arithmetic across the table edges.
	for _, start := range []date.Date{date.New(2199, 6, 1), date.New(1899, 6, 1), date.New(9999, 6, 1), date.New(0, 6, 1)} {
		n := 0
		for d := start + 1; d < start+500; d++ {
			if slowKind(c, d).IsWorking() != c.IsWorkingDay(d) {
				t.Fatalf("%s: IsWorkingDay %v", d, c.IsWorkingDay(d))
			}
			if c.IsWorkingDay(d) {
				n++
				if got := c.AddWorkingDays(start, n); got != d {
					t.Fatalf("AddWorkingDays(%s, %d) = %s, want %s", start, n, got, d)
				}
				if got := c.AddWorkingDays(start+500, -(c.WorkingDaysBetween(d, start+500) + 1 - b2i(c.IsWorkingDay(start+500)))); got != d {
					t.Fatalf("AddWorkingDays back from %s to %s = %s", start+500, d, got)
				}
			}
			if got := c.WorkingDaysBetween(start, d); got != n {
				t.Fatalf("WorkingDaysBetween(%s, %s) = %d, want %d", start, d, got, n)
			}
		}
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func TestArithmeticExtremes(t *testing.T) {
	c := Default()
	d := date.New(2026, 3, 10)
	for _, n := range []int{1 << 62, -1 << 62, 1<<63 - 1, -1 << 63, 5_000_000, -5_000_000} {
		got := c.AddWorkingDays(d, n)
		if (n > 0 && got <= d) || (n < 0 && got >= d) {
			t.Errorf("AddWorkingDays(%s, %d) = %s", d, n, got)
		}
	}
	for _, x := range []date.Date{date.Min(), date.Max(), 1 << 60, -1 << 60} {
		_ = c.IsWorkingDay(x)
		_ = c.Day(x)
		_ = c.WorkingDaysBetween(d, x)
		_ = c.AddWorkingDays(x, 10)
		_ = c.AddWorkingDays(x, -10)
	}
	if got := c.AddWorkingDays(d, 0); got != d {
		t.Errorf("AddWorkingDays(d, 0) = %s", got)
	}
	if got, want := c.AddWorkingDays(date.New(2026, 2, 13), 1), date.New(2026, 2, 23); got != want {
		t.Errorf("over Tết: %s", got)
	}
	if got, want := c.AddWorkingDays(date.New(2026, 2, 23), -1), date.New(2026, 2, 13); got != want {
		t.Errorf("back over Tết: %s", got)
	}
	if got, want := c.WorkingDaysBetween(date.New(2025, 12, 31), date.New(2026, 12, 31)), 365-104-1-1+1-5-1-2-1-2+1; got != want {
		t.Errorf("working days in 2026: %d, want %d", got, want)
	}
}

func TestDaysOffAndNames(t *testing.T) {
	c := Default()
	days := c.DaysOff(2026)
	if len(days) != 16 {
		t.Errorf("2026: %d days off listed", len(days))
	}
	for _, d := range days {
		if d.Name == "" || d.Source == "" || d.Provisional {
			t.Errorf("%+v", d)
		}
	}
	for _, d := range c.DaysOff(2028) {
		if !d.Provisional || d.Name == "" {
			t.Errorf("2028 rule day not provisional: %+v", d)
		}
	}
	if len(c.DaysOff(20000)) != 0 {
		t.Error("no days off beyond year 9999")
	}
	if got := fmt.Sprint(c.Day(date.New(2026, 2, 17)).Name); got != "Tết Âm lịch – Mùng 1 Bính Ngọ" {
		t.Errorf("name: %q", got)
	}
}

// englishIn returns an English word found in a Vietnamese message, or "". Values quoted in the
// message and the literal names of kinds of day (with their translation) are skipped.
func englishIn(vi string) string {
	for i, part := range strings.Split(vi, `"`) {
		if i%2 == 1 {
			continue // a quoted value
		}
		for _, w := range strings.FieldsFunc(part, func(r rune) bool { return !unicode.IsLetter(r) && r != '_' }) {
			switch w {
			case "is", "not", "required", "With", "Name", "Kind", "Date", "Source", "sessions", "seasons", "Month", "Day",
				"weekday", "policy", "TetBefore", "TetBeforeShort", "NationalDaySecond", "FiveDayWeekFrom", "From", "Until",
				"line", "schedule", "field", "the", "of", "calendar", "Monday", "Sunday", "unit", "limit", "number", "string":
				return w
			}
			if strings.HasPrefix(w, "With") {
				return w
			}
		}
	}
	return ""
}
