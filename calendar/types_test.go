package calendar

import (
	"encoding/json"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/rickb777/date/v2"
)

func TestLimitText(t *testing.T) {
	tests := []struct {
		in   string
		want Limit
		text string
	}{
		{"3 working-days", Limit{3, WorkingDays}, "3 working-days"},
		{"1 working-day", Limit{1, WorkingDays}, "1 working-day"},
		{"12 giờ làm việc", Limit{12, WorkingHours}, "12 working-hours"},
		{"15 ngày làm việc", Limit{15, WorkingDays}, "15 working-days"},
		{"30 ngày", Limit{30, Days}, "30 days"},
		{" 2   Months ", Limit{2, Months}, "2 months"},
		{"0 days", Limit{0, Days}, "0 days"},
		// The compact forms of route files and the unit names of catalog files.
		{"3wd", Limit{3, WorkingDays}, "3 working-days"},
		{"12wh", Limit{12, WorkingHours}, "12 working-hours"},
		{"20d", Limit{20, Days}, "20 days"},
		{"2mo", Limit{2, Months}, "2 months"},
		{"1 mo", Limit{1, Months}, "1 month"},
		{"3 working_days", Limit{3, WorkingDays}, "3 working-days"},
		{"4 WORKING_HOURS", Limit{4, WorkingHours}, "4 working-hours"},
		{"8 working days", Limit{8, WorkingDays}, "8 working-days"},
		{"7ngày làm việc", Limit{7, WorkingDays}, "7 working-days"},
		{"1 tháng", Limit{1, Months}, "1 month"},
	}
	for _, tt := range tests {
		got, err := ParseLimit(tt.in)
		if err != nil {
			t.Errorf("ParseLimit(%q): %v", tt.in, err)
			continue
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("ParseLimit(%q) (-want +got):\n%s", tt.in, diff)
		}
		if got.String() != tt.text {
			t.Errorf("String() = %q, want %q", got.String(), tt.text)
		}
		var back Limit
		if err := back.UnmarshalText([]byte(got.String())); err != nil || back != got {
			t.Errorf("round trip of %v: %v, %v", got, back, err)
		}
	}
	for _, bad := range []string{"", "3", "x days", "-1 days", "3 weeks", "1.5 working-days",
		"wd", "3w", "3 wdx", "+3 days", "3 working--days-x", "99999999999999999999wd", "3\twd\x00"} {
		_, err := ParseLimit(bad)
		var le *LimitError
		if !errors.Is(err, ErrBadLimit) || !errors.As(err, &le) || le.Vietnamese() == "" {
			t.Errorf("ParseLimit(%q): %v", bad, err)
		}
	}
	if _, err := (Limit{N: 1, Unit: 9}).MarshalText(); !errors.Is(err, ErrBadLimit) {
		t.Errorf("MarshalText of a bad unit: %v", err)
	}
	// In JSON a limit is its text; the zero Limit is "".
	type proc struct{ Counter, Online Limit }
	b, err := json.Marshal(proc{Counter: Limit{3, WorkingDays}})
	if err != nil || string(b) != `{"Counter":"3 working-days","Online":""}` {
		t.Fatalf("json: %s, %v", b, err)
	}
	var p proc
	if err := json.Unmarshal(b, &p); err != nil || p.Counter != (Limit{3, WorkingDays}) || p.Online != (Limit{}) {
		t.Errorf("json back: %+v, %v", p, err)
	}
}

func TestKindAndStatusText(t *testing.T) {
	for k := Workday; k <= Closure; k++ {
		b, err := k.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		var back DayKind
		if err := back.UnmarshalText(b); err != nil || back != k {
			t.Errorf("%v: %v, %v", k, back, err)
		}
	}
	var k DayKind
	if err := k.UnmarshalText([]byte("festival")); !errors.Is(err, ErrUnknownKind) {
		t.Errorf("unknown kind: %v", err)
	}
	if Announced.String() != "announced" || Provisional.String() != "provisional" || CivilCode.String() != "civil-code" {
		t.Error("String")
	}
}

// A Calendar is shared by goroutines; the lazily built parts are safe (run with -race).
func TestConcurrentUse(t *testing.T) {
	c, err := New()
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 200 {
				d := date.New(2026, 1, 1) + date.Date(i*g)
				c.IsWorkingDay(d)
				c.AddWorkingDays(d+date.Date(200*365*g), 5) // outside the table for g ≥ 1
				c.Due(time.Date(2026, 3, 1+i%28, 9, 0, 0, 0, Zone()), Limit{3, WorkingDays})
				Default().WorkingDaysBetween(d, d+30)
				c.DaysOff(2026 + g)
			}
		}()
	}
	wg.Wait()
}

// Whatever ParseLimit accepts, String writes in a form ParseLimit reads back to the same
// limit; nothing panics.
func FuzzParseLimit(f *testing.F) {
	for _, s := range []string{"3 working-days", "3wd", "12wh", "20d", "2mo", "3 working_days",
		"15 ngày làm việc", "1 tháng", "", "1.5 wd", "-1d", "3 weeks"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		l, err := ParseLimit(s)
		if err != nil {
			if !errors.Is(err, ErrBadLimit) {
				t.Fatalf("ParseLimit(%q): %v", s, err)
			}
			return
		}
		if !l.Valid() {
			t.Fatalf("ParseLimit(%q) = %v, not valid", s, l)
		}
		back, err := ParseLimit(l.String())
		if err != nil || back != l {
			t.Fatalf("ParseLimit(%q) = %v; back from %q: %v, %v", s, l, l.String(), back, err)
		}
	})
}
