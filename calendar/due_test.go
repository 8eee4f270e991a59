package calendar

import (
	"encoding/csv"
	"math/rand/v2"
	"os"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
)

func at(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t.In(Zone())
}

func TestDueVectors(t *testing.T) {
	f, err := os.Open("testdata/due_vectors.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	civil, err := New(WithDuePolicy(CivilCode))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) < 16 {
		t.Fatalf("want at least 15 vectors, have %d", len(rows)-1)
	}
	for _, r := range rows[1:] {
		received, expected := at(r[0]), at(r[3])
		l, err := ParseLimit(r[1])
		if err != nil {
			t.Fatalf("%v: %v", r, err)
		}
		c := Default()
		if r[2] == "civil_code" {
			c = civil
		}
		if got := c.Due(received, l); !got.Equal(expected) {
			t.Errorf("%s + %v (%s): got %v, want %v — %s", r[0], l, r[2], got, expected, r[4])
		}
	}
}

func TestSameDayDue(t *testing.T) {
	c := Default()
	tests := []struct {
		received string
		want     string
	}{
		{"2026-03-10T14:59:00+07:00", "2026-03-10T17:00:00+07:00"}, // before the cut-off
		{"2026-03-10T15:00:00+07:00", "2026-03-10T17:00:00+07:00"}, // at 15:00 exactly: not "after 15:00", same day
		{"2026-03-10T15:00:01+07:00", "2026-03-11T17:00:00+07:00"}, // after the cut-off: next working day
		{"2026-03-10T06:30:00+07:00", "2026-03-10T17:00:00+07:00"}, // before opening: same day
		{"2026-03-10T12:00:00+07:00", "2026-03-10T17:00:00+07:00"}, // lunch, before the cut-off
		{"2026-03-14T09:00:00+07:00", "2026-03-16T17:00:00+07:00"}, // Saturday
		{"2026-02-13T16:00:00+07:00", "2026-02-23T17:00:00+07:00"}, // Friday before Tết, after cut-off
		{"2026-01-09T16:00:00+07:00", "2026-01-10T17:00:00+07:00"}, // next working day is the make-up Saturday
	}
	for _, tt := range tests {
		if got := c.SameDayDue(at(tt.received), TimeOfDay(15*time.Hour)); !got.Equal(at(tt.want)) {
			t.Errorf("SameDayDue(%s): got %v, want %s", tt.received, got, tt.want)
		}
	}
	// A cut-off after closing time still needs the office open.
	if got, want := c.SameDayDue(at("2026-03-10T17:30:00+07:00"), TimeOfDay(18*time.Hour)), at("2026-03-11T17:00:00+07:00"); !got.Equal(want) {
		t.Errorf("after close: got %v, want %v", got, want)
	}
}

func TestOfficeAndReceptionHours(t *testing.T) {
	c, err := New(WithReception(time.Saturday, Session{Start: 7*time.Hour + 30*time.Minute, End: 11*time.Hour + 30*time.Minute}))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		t                 string
		office, reception bool
		next              string
	}{
		{"2026-03-10T07:29:59+07:00", false, false, "2026-03-10T07:30:00+07:00"},
		{"2026-03-10T07:30:00+07:00", true, true, "2026-03-10T07:30:00+07:00"},
		{"2026-03-10T11:30:00+07:00", false, false, "2026-03-10T13:00:00+07:00"},
		{"2026-03-10T16:59:59+07:00", true, true, "2026-03-10T16:59:59+07:00"},
		{"2026-03-10T17:00:00+07:00", false, false, "2026-03-11T07:30:00+07:00"},
		{"2026-03-14T08:00:00+07:00", false, true, "2026-03-16T07:30:00+07:00"},  // Saturday reception
		{"2026-03-14T12:00:00+07:00", false, false, "2026-03-16T07:30:00+07:00"}, // Saturday afternoon
		{"2026-03-15T08:00:00+07:00", false, false, "2026-03-16T07:30:00+07:00"}, // Sunday
		{"2027-05-01T08:00:00+07:00", false, false, "2027-05-04T07:30:00+07:00"}, // Saturday holiday: closed
		{"2026-01-10T08:00:00+07:00", true, true, "2026-01-10T08:00:00+07:00"},   // make-up Saturday
		// Times given in another zone are read in Vietnam's.
		{"2026-03-10T01:00:00Z", true, true, "2026-03-10T08:00:00+07:00"},
	}
	for _, tt := range tests {
		tm := at(tt.t)
		if got := c.IsOfficeHours(tm); got != tt.office {
			t.Errorf("IsOfficeHours(%s) = %v", tt.t, got)
		}
		if got := c.IsReceptionHours(tm); got != tt.reception {
			t.Errorf("IsReceptionHours(%s) = %v", tt.t, got)
		}
		if got := c.NextWorkingStart(tm); !got.Equal(at(tt.next)) {
			t.Errorf("NextWorkingStart(%s) = %v, want %s", tt.t, got, tt.next)
		}
	}
}

func TestSeasons(t *testing.T) {
	summer := []Session{{7 * time.Hour, 11*time.Hour + 30*time.Minute}, {13*time.Hour + 30*time.Minute, 17 * time.Hour}} // 8h
	winter := []Session{{7*time.Hour + 30*time.Minute, 12 * time.Hour}, {13 * time.Hour, 16*time.Hour + 30*time.Minute}} // 8h
	short := []Session{{8 * time.Hour, 12 * time.Hour}}                                                                  // 4h
	c, err := New(WithSeasons(Season{time.April, 15, summer}, Season{time.October, 15, winter}))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := c.CloseOfDay(date.New(2026, 3, 10)), at("2026-03-10T16:30:00+07:00"); !got.Equal(want) {
		t.Errorf("winter close: %v", got)
	}
	if got, want := c.CloseOfDay(date.New(2026, 6, 10)), at("2026-06-10T17:00:00+07:00"); !got.Equal(want) {
		t.Errorf("summer close: %v", got)
	}
	// Tue 14/4 (winter) 09:30 is position 2h; Thu 16/4 (summer) at 2h is 09:00.
	if got, want := c.Due(at("2026-04-14T09:30:00+07:00"), Limit{2, WorkingDays}), at("2026-04-16T09:00:00+07:00"); !got.Equal(want) {
		t.Errorf("across seasons: got %v, want %v", got, want)
	}
	// Sessions of differing lengths: a position beyond the shorter day is its close.
	d, err := New(WithSeasons(Season{time.January, 1, winter}, Season{time.June, 1, short}))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := d.Due(at("2026-05-29T15:00:00+07:00"), Limit{1, WorkingDays}), at("2026-06-01T12:00:00+07:00"); !got.Equal(want) {
		t.Errorf("long to short day: got %v, want %v", got, want)
	}
	// 6 hours from Fri 29/5 15:00: 1h30 left on Friday, 4h Monday, then 30 min Tuesday.
	if got, want := d.AddWorkingTime(at("2026-05-29T15:00:00+07:00"), 6*time.Hour), at("2026-06-02T08:30:00+07:00"); !got.Equal(want) {
		t.Errorf("AddWorkingTime across seasons: got %v, want %v", got, want)
	}
	if got := d.WorkingTimeBetween(at("2026-05-29T15:00:00+07:00"), at("2026-06-02T08:30:00+07:00")); got != 6*time.Hour {
		t.Errorf("WorkingTimeBetween across seasons: %v", got)
	}
	propWorkingTime(t, d)
}

// propWorkingTime checks that AddWorkingTime and WorkingTimeBetween agree.
func propWorkingTime(t *testing.T, c *Calendar) {
	t.Helper()
	r := rand.New(rand.NewPCG(3, 4))
	base := at("2018-06-01T00:00:00+07:00")
	for range 3000 {
		from := base.Add(time.Duration(r.Int64N(int64(10 * 365 * 24 * time.Hour))))
		from = from.Truncate(time.Minute)
		d := time.Duration(r.Int64N(int64(400*time.Hour))) + time.Minute
		d = d.Truncate(time.Minute)
		to := c.AddWorkingTime(from, d)
		if got := c.WorkingTimeBetween(from, to); got != d {
			t.Fatalf("AddWorkingTime(%v, %v) = %v; WorkingTimeBetween = %v", from, d, to, got)
		}
		back := c.AddWorkingTime(to, -d)
		if got := c.WorkingTimeBetween(back, to); got != d {
			t.Fatalf("AddWorkingTime(%v, -%v) = %v; WorkingTimeBetween = %v", to, d, back, got)
		}
		if got := c.WorkingTimeBetween(to, from); got > 0 {
			t.Fatalf("WorkingTimeBetween reversed = %v", got)
		}
	}
}

func TestWorkingTime(t *testing.T) {
	c := Default()
	tests := []struct {
		from string
		d    time.Duration
		want string
	}{
		{"2026-03-10T09:00:00+07:00", 2 * time.Hour, "2026-03-10T11:00:00+07:00"},
		{"2026-03-10T09:00:00+07:00", 3 * time.Hour, "2026-03-10T13:30:00+07:00"},
		{"2026-03-10T16:00:00+07:00", 2 * time.Hour, "2026-03-11T08:30:00+07:00"},
		{"2026-03-10T16:00:00+07:00", time.Hour, "2026-03-10T17:00:00+07:00"},
		{"2026-03-10T20:00:00+07:00", 8 * time.Hour, "2026-03-11T17:00:00+07:00"},
		{"2026-03-11T09:00:00+07:00", -2 * time.Hour, "2026-03-10T16:30:00+07:00"},
		{"2026-03-11T07:30:00+07:00", -4 * time.Hour, "2026-03-10T13:00:00+07:00"},
		{"2026-03-11T13:00:00+07:00", -4 * time.Hour, "2026-03-11T07:30:00+07:00"},
		{"2026-03-14T10:00:00+07:00", -time.Hour, "2026-03-13T16:00:00+07:00"},
		{"2026-03-10T12:00:00+07:00", 0, "2026-03-10T13:00:00+07:00"},
		{"2026-02-13T16:00:00+07:00", 2 * time.Hour, "2026-02-23T08:30:00+07:00"},
	}
	for _, tt := range tests {
		if got := c.AddWorkingTime(at(tt.from), tt.d); !got.Equal(at(tt.want)) {
			t.Errorf("AddWorkingTime(%s, %v) = %v, want %s", tt.from, tt.d, got, tt.want)
		}
	}
	if got := c.WorkingTimeBetween(at("2026-03-10T09:00:00+07:00"), at("2026-03-12T09:00:00+07:00")); got != 16*time.Hour {
		t.Errorf("two days: %v", got)
	}
	if got := c.WorkingTimeBetween(at("2026-02-13T12:00:00+07:00"), at("2026-02-23T12:00:00+07:00")); got != 8*time.Hour {
		t.Errorf("across Tết: %v", got)
	}
	propWorkingTime(t, c)
}

func TestDueEdges(t *testing.T) {
	c := Default()
	r := at("2026-03-10T09:10:00+07:00")
	tests := []struct {
		l    Limit
		want time.Time
	}{
		{Limit{0, WorkingDays}, r},
		{Limit{-3, WorkingDays}, r},
		{Limit{0, WorkingHours}, r},
		{Limit{0, Days}, at("2026-03-10T17:00:00+07:00")},
		{Limit{0, Unit(99)}, r},
	}
	for _, tt := range tests {
		if got := c.Due(r, tt.l); !got.Equal(tt.want) {
			t.Errorf("Due(%v) = %v, want %v", tt.l, got, tt.want)
		}
	}
	// Huge limits and far dates never panic.
	for _, l := range []Limit{{1 << 62, WorkingDays}, {1 << 62, WorkingHours}, {1 << 62, Days}, {1 << 62, Months}} {
		_ = c.Due(r, l)
		_ = c.Due(time.Date(9000, 1, 1, 0, 0, 0, 0, time.UTC), l)
	}
	if got := c.Due(r, Limit{N: 1 << 40, Unit: WorkingDays}); !got.After(r) {
		t.Errorf("huge working-day limit went back: %v", got)
	}
}

// Regression: WorkingHours limits longer than a time.Duration can hold (about 2M hours)
// stopped at the Duration's end instead of being counted.
func TestDueLongHourLimits(t *testing.T) {
	c := Default()
	for _, r := range []time.Time{at("2026-03-10T09:10:00+07:00"), at("2026-03-10T07:30:00+07:00"), at("2026-03-14T20:00:00+07:00"), at("2026-03-10T11:30:00+07:00")} {
		for _, days := range []int{longHours/8 + 1, 250_000, 1_000_000} {
			got := c.Due(r, Limit{N: 8 * days, Unit: WorkingHours})
			want := c.Due(r, Limit{N: days, Unit: WorkingDays})
			if !got.Equal(want) {
				t.Errorf("received %v: %d working hours = %v, %d working days = %v", r, 8*days, got, days, want)
			}
		}
		// Just past the threshold the long path agrees with the plain one.
		n := longHours + 3
		plain := c.AddWorkingTime(r, time.Duration(n)*time.Hour)
		if got := c.Due(r, Limit{N: n, Unit: WorkingHours}); !got.Equal(plain) {
			t.Errorf("received %v: %d hours long path %v, plain %v", r, n, got, plain)
		}
	}
}

// With 8-hour days, n working days are 8n working hours; Due is monotone in the
// receipt time and in the limit; the result is always inside a working day's hours.
func TestDueProperties(t *testing.T) {
	c := Default()
	r := rand.New(rand.NewPCG(5, 6))
	base := at("2019-01-01T00:00:00+07:00")
	for range 5000 {
		rec := base.Add(time.Duration(r.Int64N(int64(8 * 365 * 24 * time.Hour)))).Truncate(time.Minute)
		n := 1 + r.IntN(40)
		wd := c.Due(rec, Limit{n, WorkingDays})
		if wh := c.Due(rec, Limit{8 * n, WorkingHours}); !wd.Equal(wh) {
			t.Fatalf("%v: %d working days %v, %d working hours %v", rec, n, wd, 8*n, wh)
		}
		if next := c.Due(rec, Limit{n + 1, WorkingDays}); !next.After(wd) {
			t.Fatalf("%v: %d days %v, %d days %v", rec, n, wd, n+1, next)
		}
		later := rec.Add(time.Duration(r.Int64N(int64(48 * time.Hour))))
		if c.Due(later, Limit{n, WorkingDays}).Before(wd) {
			t.Fatalf("not monotone in receipt: %v then %v", rec, later)
		}
		d, tod := split(wd)
		s := c.seasonFor(d)
		if !c.IsWorkingDay(d) || tod <= s.open() || tod > s.close() || !c.IsOfficeHours(wd.Add(-time.Nanosecond)) {
			t.Fatalf("%v + %d working days = %v is not within office hours", rec, n, wd)
		}
		for _, l := range []Limit{{n, Days}, {1 + n%12, Months}} {
			due := c.Due(rec, l)
			if dd, _ := split(due); !c.IsWorkingDay(dd) || !due.Equal(c.CloseOfDay(dd)) {
				t.Fatalf("%v + %v = %v is not a close of a working day", rec, l, due)
			}
		}
	}
}
