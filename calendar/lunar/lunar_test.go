package lunar

import (
	"encoding/csv"
	"errors"
	"math"
	"os"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/rickb777/date/v2"
	"golang.org/x/text/language"

	"github.com/motcua-go/motcua/calendar/lunar/internal/reckon"
)

func mustParse(t testing.TB, s string) date.Date {
	t.Helper()
	d, err := date.ParseISO(s)
	if err != nil {
		t.Fatalf("bad date %q: %v", s, err)
	}
	return d
}

// The published dates of Tết and Giỗ Tổ Hùng Vương (10/3 of the regular month 3).
func TestVectors(t *testing.T) {
	f, err := os.Open("testdata/lunar_vectors.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := rows[0]; !cmp.Equal(got, []string{"lunar_year", "tet", "gio_to", "note"}) {
		t.Fatalf("header %v", got)
	}
	if len(rows) < 20 {
		t.Fatalf("only %d vectors", len(rows)-1)
	}
	for _, r := range rows[1:] {
		var year int
		for _, c := range r[0] {
			year = year*10 + int(c-'0')
		}
		tet := mustParse(t, r[1])
		if got := NewYear(year); got != tet {
			t.Errorf("NewYear(%d) = %s, want %s (%s)", year, got, tet, r[3])
		}
		if diff := cmp.Diff(Date{Year: year, Month: 1, Day: 1}, FromSolar(tet)); diff != "" {
			t.Errorf("FromSolar(%s) (-want +got):\n%s", tet, diff)
		}
		if diff := cmp.Diff(Date{Year: year - 1, Month: 12, Day: MonthLength(year-1, 12, false)}, FromSolar(tet-1)); diff != "" {
			t.Errorf("FromSolar(%s), the eve of Tết (-want +got):\n%s", tet-1, diff)
		}
		if r[2] == "" {
			continue
		}
		gioTo := mustParse(t, r[2])
		got, err := ToSolar(Date{Year: year, Month: 3, Day: 10})
		if err != nil || got != gioTo {
			t.Errorf("ToSolar(10/3/%d) = %s, %v; want %s (%s)", year, got, err, gioTo, r[3])
		}
		if diff := cmp.Diff(Date{Year: year, Month: 3, Day: 10}, FromSolar(gioTo)); diff != "" {
			t.Errorf("FromSolar(%s) (-want +got):\n%s", gioTo, diff)
		}
	}
}

// Years in which Vietnam's calendar (UTC+7) differs from the Chinese one (UTC+8).
func TestChinaDiffers(t *testing.T) {
	tests := []struct {
		year       int
		event      string
		l          Date
		vn, china  string
		leapVN     int
		checkLeap  bool
		leapChina  int
		checkChina bool
	}{
		{year: 1968, event: "Tết", l: Date{1968, 1, 1, false}, vn: "1968-01-29", china: "1968-01-30"},
		{year: 1969, event: "Tết", l: Date{1969, 1, 1, false}, vn: "1969-02-16", china: "1969-02-17"},
		// China puts a leap month 10 in 1984; Vietnam a leap month 2 in 1985.
		{year: 1985, event: "Tết", l: Date{1985, 1, 1, false}, vn: "1985-01-21", china: "1985-02-20"},
		{year: 2007, event: "Tết", l: Date{2007, 1, 1, false}, vn: "2007-02-17", china: "2007-02-18"},
		{year: 2009, event: "Giỗ Tổ", l: Date{2009, 3, 10, false}, vn: "2009-04-04", china: "2009-04-05"},
		{year: 2030, event: "Tết", l: Date{2030, 1, 1, false}, vn: "2030-02-02", china: "2030-02-03"},
		{year: 2037, event: "Giỗ Tổ", l: Date{2037, 3, 10, false}, vn: "2037-04-24", china: "2037-04-25"},
		{year: 2038, event: "Giỗ Tổ", l: Date{2038, 3, 10, false}, vn: "2038-04-13", china: "2038-04-14"},
		{year: 2053, event: "Tết", l: Date{2053, 1, 1, false}, vn: "2053-02-18", china: "2053-02-19"},
	}
	for _, tc := range tests {
		got, err := ToSolar(tc.l)
		if err != nil {
			t.Fatal(err)
		}
		if got != mustParse(t, tc.vn) || got == mustParse(t, tc.china) {
			t.Errorf("%s %d = %s, want %s (China: %s)", tc.event, tc.year, got, tc.vn, tc.china)
		}
	}
	if LeapMonth(1984) != 0 || LeapMonth(1985) != 2 {
		t.Errorf("LeapMonth(1984, 1985) = %d, %d; want 0, 2", LeapMonth(1984), LeapMonth(1985))
	}
}

// Every day of the table (Tết 1900 to the eve of Tết 2201): the conversion round-trips, dates
// advance by one day at a time, months have 29 or 30 days, years 12 or 13 months.
func TestEveryDay(t *testing.T) {
	first, last := date.Date(tableStart), date.Date(tableEnd-1)
	if first != mustParse(t, "1900-01-31") {
		t.Errorf("table starts %s, want 1900-01-31", first)
	}
	if last < mustParse(t, "2200-12-31") {
		t.Errorf("table ends %s, before the end of 2200", last)
	}
	prev := FromSolar(first - 1)
	if diff := cmp.Diff(Date{1899, 12, 30, false}, prev); diff != "" {
		t.Errorf("eve of Tết 1900 from the astronomy (-want +got):\n%s", diff)
	}
	monthsInYear := 0
	for d := first; d <= last; d++ {
		l := FromSolar(d)
		back, err := ToSolar(l)
		if err != nil || back != d {
			t.Fatalf("ToSolar(FromSolar(%s) = %v) = %s, %v", d, l, back, err)
		}
		switch {
		case l.Year == prev.Year && l.Month == prev.Month && l.Leap == prev.Leap:
			if l.Day != prev.Day+1 {
				t.Fatalf("%s: %v after %v", d, l, prev)
			}
		case l.Day != 1 || (prev.Day != 29 && prev.Day != 30):
			t.Fatalf("%s: %v after %v", d, l, prev)
		case prev.Year >= tableFirst && prev.Day != MonthLength(prev.Year, prev.Month, prev.Leap):
			t.Fatalf("%s: month of %v has %d days", d, prev, MonthLength(prev.Year, prev.Month, prev.Leap))
		case l.Year == prev.Year+1:
			if l.Month != 1 || l.Leap || prev.Month != 12 || prev.Leap && LeapMonth(prev.Year) != 12 {
				t.Fatalf("%s: year changes from %v to %v", d, prev, l)
			}
			if prev.Year >= tableFirst && monthsInYear != 12+min(1, LeapMonth(prev.Year)) {
				t.Fatalf("year %d has %d months, leap month %d", prev.Year, monthsInYear, LeapMonth(prev.Year))
			}
			monthsInYear = 0
		case l.Year != prev.Year:
			t.Fatalf("%s: %v after %v", d, l, prev)
		case l.Leap:
			if l.Month != prev.Month || prev.Leap || LeapMonth(l.Year) != l.Month {
				t.Fatalf("%s: leap %v after %v (leap month %d)", d, l, prev, LeapMonth(l.Year))
			}
		case l.Month != prev.Month+1:
			t.Fatalf("%s: %v after %v", d, l, prev)
		}
		if l.Day == 1 {
			monthsInYear++
		}
		prev = l
	}
}

// A leap month exists exactly where LeapMonth says.
func TestLeapMonths(t *testing.T) {
	leapYears := 0
	for y := tableFirst; y <= tableLast; y++ {
		leap := LeapMonth(y)
		if leap != 0 {
			leapYears++
		}
		for m := 1; m <= 12; m++ {
			_, err := ToSolar(Date{y, m, 1, true})
			if (err == nil) != (m == leap) {
				t.Errorf("ToSolar(1/%d leap/%d) error %v; LeapMonth = %d", m, y, err, leap)
			}
			if n := MonthLength(y, m, true); (n != 0) != (m == leap) {
				t.Errorf("MonthLength(%d, %d, leap) = %d; LeapMonth = %d", y, m, n, leap)
			}
		}
	}
	// 7 leap months in 19 years (the Metonic cycle): 301 years have about 111.
	if leapYears < 108 || leapYears > 114 {
		t.Errorf("%d years with a leap month in %d–%d", leapYears, tableFirst, tableLast)
	}
	for _, tc := range []struct{ year, leap int }{
		{2001, 4}, {2004, 2}, {2006, 7}, {2009, 5}, {2012, 4}, {2014, 9}, {2017, 6},
		{2020, 4}, {2023, 2}, {2025, 6}, {2026, 0}, {2028, 5}, {2031, 3}, {2033, 11},
	} {
		if got := LeapMonth(tc.year); got != tc.leap {
			t.Errorf("LeapMonth(%d) = %d, want %d", tc.year, got, tc.leap)
		}
	}
}

func TestToSolarErrors(t *testing.T) {
	type result struct {
		Field, EN, VI string
		NoSuchDate    bool
		OutOfRange    bool
	}
	tests := []struct {
		in   Date
		want result
	}{
		{Date{2026, 2, 30, false}, result{"Day",
			"lunar date 30/2 năm Bính Ngọ does not exist: Day 30, the month has 29 days",
			"không có ngày âm lịch 30/2 năm Bính Ngọ: tháng này chỉ có 29 ngày", true, false}},
		{Date{2026, 1, 0, false}, result{"Day",
			"lunar date 0/1 năm Bính Ngọ does not exist: Day 0, the month has 30 days",
			"không có ngày âm lịch 0/1 năm Bính Ngọ: tháng này chỉ có 30 ngày", true, false}},
		{Date{2026, 1, 31, false}, result{"Day",
			"lunar date 31/1 năm Bính Ngọ does not exist: Day 31, the month has 30 days",
			"không có ngày âm lịch 31/1 năm Bính Ngọ: tháng này chỉ có 30 ngày", true, false}},
		{Date{2026, 13, 1, false}, result{"Month",
			"lunar date 1/13 năm Bính Ngọ does not exist: Month 13, months run from 1 to 12",
			"không có ngày âm lịch 1/13 năm Bính Ngọ: tháng 13 không nằm trong khoảng 1 đến 12", true, false}},
		{Date{2026, 0, 1, false}, result{"Month",
			"lunar date 1/0 năm Bính Ngọ does not exist: Month 0, months run from 1 to 12",
			"không có ngày âm lịch 1/0 năm Bính Ngọ: tháng 0 không nằm trong khoảng 1 đến 12", true, false}},
		{Date{2026, 3, 1, true}, result{"Leap",
			"lunar date 1/3 nhuận năm Bính Ngọ does not exist: Leap, year 2026 (Bính Ngọ) has no leap month",
			"không có ngày âm lịch 1/3 nhuận năm Bính Ngọ: năm Bính Ngọ (2026) không có tháng nhuận", true, false}},
		{Date{2025, 3, 10, true}, result{"Leap",
			"lunar date 10/3 nhuận năm Ất Tỵ does not exist: Leap, the leap month of year 2025 (Ất Tỵ) is month 6",
			"không có ngày âm lịch 10/3 nhuận năm Ất Tỵ: năm Ất Tỵ (2025) nhuận tháng 6, không phải tháng 3", true, false}},
		{Date{2025, 6, 30, true}, result{"Day",
			"lunar date 30/6 nhuận năm Ất Tỵ does not exist: Day 30, the month has 29 days",
			"không có ngày âm lịch 30/6 nhuận năm Ất Tỵ: tháng này chỉ có 29 ngày", true, false}},
		{Date{1899, 1, 1, false}, result{"Year",
			"lunar year 1899 is outside the supported range 1900–2200",
			"năm âm lịch 1899 nằm ngoài phạm vi hỗ trợ (1900–2200)", false, true}},
		{Date{2201, 1, 1, false}, result{"Year",
			"lunar year 2201 is outside the supported range 1900–2200",
			"năm âm lịch 2201 nằm ngoài phạm vi hỗ trợ (1900–2200)", false, true}},
		{Date{}, result{"Year",
			"lunar year 0 is outside the supported range 1900–2200",
			"năm âm lịch 0 nằm ngoài phạm vi hỗ trợ (1900–2200)", false, true}},
	}
	for _, tc := range tests {
		d, err := ToSolar(tc.in)
		if err == nil {
			t.Errorf("ToSolar(%v) = %s, want an error", tc.in, d)
			continue
		}
		var de *DateError
		if !errors.As(err, &de) {
			t.Fatalf("ToSolar(%v): %T is not a *DateError", tc.in, err)
		}
		got := result{de.Field, err.Error(), de.Message(language.Vietnamese), errors.Is(err, ErrNoSuchDate), errors.Is(err, ErrOutOfRange)}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("ToSolar(%v) (-want +got):\n%s", tc.in, diff)
		}
		if d != 0 || de.Date != tc.in {
			t.Errorf("ToSolar(%v) = %d with error for %v", tc.in, d, de.Date)
		}
	}
}

func TestYearName(t *testing.T) {
	for _, tc := range []struct {
		year int
		want string
	}{
		{1984, "Giáp Tý"}, {1985, "Ất Sửu"}, {1968, "Mậu Thân"}, {2000, "Canh Thìn"},
		{2024, "Giáp Thìn"}, {2025, "Ất Tỵ"}, {2026, "Bính Ngọ"}, {2027, "Đinh Mùi"},
		{2043, "Quý Hợi"}, {2044, "Giáp Tý"}, {4, "Giáp Tý"}, {3, "Quý Hợi"}, {-56, "Giáp Tý"},
	} {
		if got := YearName(tc.year); got != tc.want {
			t.Errorf("YearName(%d) = %q, want %q", tc.year, got, tc.want)
		}
	}
	for y := 1900; y < 1960; y++ {
		if YearName(y) == YearName(y+1) || YearName(y) != YearName(y+60) {
			t.Fatalf("YearName(%d) = %q breaks the 60-year cycle", y, YearName(y))
		}
	}
}

func TestString(t *testing.T) {
	for _, tc := range []struct {
		in   Date
		want string
	}{
		{Date{2026, 3, 10, false}, "10/3 năm Bính Ngọ"},
		{Date{2025, 6, 15, true}, "15/6 nhuận năm Ất Tỵ"},
		{Date{2026, 1, 1, false}, "1/1 năm Bính Ngọ"},
		{Date{2033, 11, 29, true}, "29/11 nhuận năm Quý Sửu"},
	} {
		if got := tc.in.String(); got != tc.want {
			t.Errorf("%#v.String() = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestMonthLength(t *testing.T) {
	for _, tc := range []struct {
		year, month int
		leap        bool
		want        int
	}{
		// The eve of Tết is the 29th before Tết 2022, 2025, 2026 and 2027, the 30th before Tết 2023.
		{2021, 12, false, 29}, {2024, 12, false, 29}, {2025, 12, false, 29}, {2026, 12, false, 29}, {2022, 12, false, 30},
		{2025, 6, true, 29}, {2026, 1, false, 30}, {2026, 2, false, 29},
		{2026, 6, true, 0}, {2026, 13, false, 0}, {2026, 0, false, 0}, {1899, 1, false, 0}, {2201, 1, false, 0},
	} {
		if got := MonthLength(tc.year, tc.month, tc.leap); got != tc.want {
			t.Errorf("MonthLength(%d, %d, %v) = %d, want %d", tc.year, tc.month, tc.leap, got, tc.want)
		}
	}
}

// Outside the table the astronomy answers, consistently with the table at its edges.
func TestOutsideTable(t *testing.T) {
	if got, want := NewYear(2201), date.Date(tableEnd); got != want {
		t.Errorf("NewYear(2201) = %s, want %s", got, want)
	}
	if got := FromSolar(date.Date(tableEnd)); got != (Date{2201, 1, 1, false}) {
		t.Errorf("FromSolar(Tết 2201) = %v", got)
	}
	if got := FromSolar(date.Date(tableEnd - 1)); got.Year != 2200 || got.Month != 12 {
		t.Errorf("FromSolar(eve of Tết 2201) = %v", got)
	}
	// The computed years agree with the table where both exist.
	for _, y := range []int{1900, 1968, 2033, 2200} {
		ys := reckon.Years(y, y)[0]
		if date.Date(ys.NewYear) != NewYear(y) || ys.Leap != LeapMonth(y) {
			t.Errorf("%d: astronomy gives Tết %s leap %d, table %s leap %d", y, date.Date(ys.NewYear), ys.Leap, NewYear(y), LeapMonth(y))
		}
	}
	if got, want := NewYear(1899), mustParse(t, "1899-02-10"); got != want {
		t.Errorf("NewYear(1899) = %s, want %s", got, want)
	}
	if got := LeapMonth(1900); got != 8 {
		t.Errorf("LeapMonth(1900) = %d, want 8", got)
	}
	for _, y := range []int{999, 3001, math.MinInt, math.MaxInt} {
		if NewYear(y) != 0 || LeapMonth(y) != 0 {
			t.Errorf("year %d: NewYear %d, LeapMonth %d; want zero values", y, NewYear(y), LeapMonth(y))
		}
	}
	for _, d := range []date.Date{math.MinInt64, -1, 0, date.New(999, 12, 31), date.New(3002, 1, 1), math.MaxInt64} {
		if got := FromSolar(d); got != (Date{}) {
			t.Errorf("FromSolar(%d) = %v, want the zero Date", d, got)
		}
	}
	if got := FromSolar(date.New(1000, 6, 1)); got.Year != 1000 || got.Day < 1 {
		t.Errorf("FromSolar(1000-06-01) = %v", got)
	}
}

// The shipped table is what the generator produces: regenerate and compare bytes.
func TestTableUpToDate(t *testing.T) {
	want, err := reckon.Table("lunar", reckon.TableFirst, reckon.TableLast)
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("table_gen.go")
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(want) {
		t.Error("table_gen.go differs from the generator's output: run go generate ./calendar/lunar")
	}
	if reckon.TableFirst != tableFirst || reckon.TableLast != tableLast {
		t.Error("table range constants disagree")
	}
}

// New moons within two minutes of midnight at UTC+7, 1968–2199, with the instant computed by the
// package's astronomy (Meeus ch. 49 and ΔT) and the day the month begins. A less precise series
// (or UTC+8) would put these months a day off.
func TestNearMidnightNewMoons(t *testing.T) {
	type moon struct {
		Instant string // UTC+7
		Day     string // the first day of the lunar month
		Lunar   string
	}
	want := []moon{
		{"1998-09-21 00:01:26", "1998-09-21", "1/8 năm Mậu Dần"},
		{"2054-05-08 00:00:23", "2054-05-08", "1/4 năm Giáp Tuất"},
		{"2072-12-09 23:58:48", "2072-12-09", "1/11 năm Nhâm Thìn"},
		{"2077-11-15 23:59:50", "2077-11-15", "1/10 năm Đinh Dậu"},
		{"2085-10-18 23:59:32", "2085-10-18", "1/9 năm Ất Tỵ"},
		{"2130-05-07 23:58:06", "2130-05-07", "1/4 năm Canh Dần"},
		{"2150-05-26 23:59:28", "2150-05-26", "1/5 năm Canh Tuất"},
		{"2153-10-18 00:01:15", "2153-10-18", "1/9 năm Quý Sửu"},
		{"2159-05-17 23:58:09", "2159-05-17", "1/4 năm Kỷ Mùi"},
		{"2175-01-22 23:59:36", "2175-01-22", "1/1 năm Ất Hợi"}, // Tết 2175
		{"2188-04-27 00:01:52", "2188-04-27", "1/4 năm Mậu Tý"},
	}
	zone := time.FixedZone("+07", 7*3600)
	j2000 := time.Date(2000, 1, 1, 12, 0, 0, 0, time.UTC)
	var got []moon
	for k := -395; ; k++ { // k = −395: the new moon of Tết 1968
		e := reckon.Zone(reckon.Vietnam).NewMoon(k)
		at := j2000.Add(time.Duration(math.Round((e.JD-2451545)*86400)) * time.Second).In(zone)
		if at.Year() >= 2200 {
			break
		}
		if k == -395 && at.Format("2006-01-02") != "1968-01-29" {
			t.Fatalf("lunation −395 is at %s", at)
		}
		sec := at.Hour()*3600 + at.Minute()*60 + at.Second()
		if sec > 120 && sec < 86400-120 {
			continue
		}
		day := date.Date(e.Day)
		l := FromSolar(day)
		if l.Day != 1 || FromSolar(day-1).Day < 29 {
			t.Errorf("new moon %s: %s is %v", at, day, l)
		}
		got = append(got, moon{at.Format("2006-01-02 15:04:05"), day.String(), l.String()})
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("new moons near midnight (-want +got):\n%s", diff)
	}
}

func TestGregorianYear(t *testing.T) {
	for y := 1; y <= 3100; y++ {
		for _, d := range []date.Date{date.New(y, 1, 1), date.New(y, 12, 31), date.New(y, 2, 28)} {
			if got := gregorianYear(int64(d)); got != y {
				t.Fatalf("gregorianYear(%s) = %d", d, got)
			}
		}
	}
}
