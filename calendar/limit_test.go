package calendar

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/language"
)

// Regression (issue 9): a limit with no unit was due at the moment of receipt. The zero Unit
// is WorkingDays, so Limit{N: 3} is 3 working days.
func TestZeroUnitIsWorkingDays(t *testing.T) {
	c := Default()
	tue := time.Date(2026, 3, 10, 9, 10, 0, 0, Zone())
	got := c.Due(tue, Limit{N: 3})
	if want := time.Date(2026, 3, 13, 9, 10, 0, 0, Zone()); !got.Equal(want) {
		t.Errorf("Due(Tue 09:10, Limit{N: 3}) = %v, want Fri 09:10 (3 working days)", got)
	}
	if got.Equal(tue) {
		t.Error("Limit{N: 3} is due at receipt")
	}
	var u Unit
	if u != WorkingDays || !(Limit{}).Valid() || (Limit{N: 3}) != (Limit{3, WorkingDays}) {
		t.Error("the zero Unit is not WorkingDays")
	}
}

// Every spelling of every unit: ParseUnit, Unit.UnmarshalText and ParseLimit read it; the
// canonical form is written back and read again to the same value.
func TestUnitSpellings(t *testing.T) {
	tests := []struct {
		unit      Unit
		canonical string
		spellings []string
	}{
		{WorkingDays, "working_days", []string{"working_days", "working_day", "working-days", "working-day",
			"working days", "working day", "Working Days", "WORKING_DAYS", "wd", "WD", "ngày làm việc", "NGÀY LÀM VIỆC", " working  days "}},
		{WorkingHours, "working_hours", []string{"working_hours", "working_hour", "working-hours", "working-hour",
			"working hours", "working hour", "Working_Hours", "wh", "giờ làm việc"}},
		{Days, "days", []string{"days", "day", "Days", "DAY", "d", "D", "ngày"}},
		{Months, "months", []string{"months", "month", "Months", "m", "mo", "tháng", "Tháng"}},
	}
	for _, tt := range tests {
		if got := tt.unit.String(); got != tt.canonical {
			t.Errorf("%d.String() = %q, want %q", tt.unit, got, tt.canonical)
		}
		b, err := tt.unit.MarshalText()
		if err != nil || string(b) != tt.canonical {
			t.Errorf("%v.MarshalText() = %q, %v", tt.unit, b, err)
		}
		for _, s := range tt.spellings {
			u, err := ParseUnit(s)
			if err != nil || u != tt.unit {
				t.Errorf("ParseUnit(%q) = %v, %v; want %v", s, u, err, tt.unit)
			}
			var back Unit = 99
			if err := back.UnmarshalText([]byte(s)); err != nil || back != tt.unit {
				t.Errorf("UnmarshalText(%q) = %v, %v", s, back, err)
			}
			for _, form := range []string{"3 " + s, "3" + strings.TrimSpace(s)} {
				l, err := ParseLimit(form)
				if diff := cmp.Diff(Limit{3, tt.unit}, l); diff != "" || err != nil {
					t.Errorf("ParseLimit(%q): %v (-want +got):\n%s", form, err, diff)
				}
				again, err := ParseLimit(l.String())
				if err != nil || again != l {
					t.Errorf("ParseLimit(%q) (String of %q) = %v, %v", l.String(), form, again, err)
				}
			}
		}
	}
	for _, bad := range []string{"", " ", "weeks", "w", "working", "days days", "workingdays", "ngay", "x", strings.Repeat("d", 100)} {
		_, err := ParseUnit(bad)
		var te *TextError
		if !errors.Is(err, ErrBadUnit) || !errors.As(err, &te) {
			t.Errorf("ParseUnit(%q): %v", bad, err)
		}
	}
	if _, err := Unit(9).MarshalText(); !errors.Is(err, ErrBadUnit) {
		t.Errorf("MarshalText of unit 9: %v", err)
	}
}

func TestLimitText(t *testing.T) {
	tests := []struct {
		in   string
		want Limit
		text string
		vi   string
		en   string
	}{
		{"3 working_days", Limit{3, WorkingDays}, "3 working_days", "3 ngày làm việc", "3 working days"},
		{"1 working_day", Limit{1, WorkingDays}, "1 working_day", "1 ngày làm việc", "1 working day"},
		// The spelling of earlier releases is still read.
		{"3 working-days", Limit{3, WorkingDays}, "3 working_days", "3 ngày làm việc", "3 working days"},
		{"12 giờ làm việc", Limit{12, WorkingHours}, "12 working_hours", "12 giờ làm việc", "12 working hours"},
		{"1 wh", Limit{1, WorkingHours}, "1 working_hour", "1 giờ làm việc", "1 working hour"},
		{"15 ngày làm việc", Limit{15, WorkingDays}, "15 working_days", "15 ngày làm việc", "15 working days"},
		{"30 ngày", Limit{30, Days}, "30 days", "30 ngày", "30 days"},
		{"1d", Limit{1, Days}, "1 day", "1 ngày", "1 day"},
		{" 2   Months ", Limit{2, Months}, "2 months", "2 tháng", "2 months"},
		{"0 days", Limit{0, Days}, "0 days", "0 ngày", "0 days"},
		{"0wd", Limit{}, "0 working_days", "0 ngày làm việc", "0 working days"},
		{"2mo", Limit{2, Months}, "2 months", "2 tháng", "2 months"},
		{"1 tháng", Limit{1, Months}, "1 month", "1 tháng", "1 month"},
		{"7ngày làm việc", Limit{7, WorkingDays}, "7 working_days", "7 ngày làm việc", "7 working days"},
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
		texts := [3]string{got.String(), got.Text(language.Vietnamese), got.Text(language.English)}
		if diff := cmp.Diff([3]string{tt.text, tt.vi, tt.en}, texts); diff != "" {
			t.Errorf("texts of %q (-want +got):\n%s", tt.in, diff)
		}
		var back Limit
		if err := back.UnmarshalText([]byte(got.String())); err != nil || back != got {
			t.Errorf("round trip of %v: %v, %v", got, back, err)
		}
	}
	for _, bad := range []string{"", "3", "x days", "-1 days", "3 weeks", "1.5 working_days",
		"wd", "3w", "3 wdx", "+3 days", "3 working--days-x", "99999999999999999999wd", "3\twd\x00"} {
		_, err := ParseLimit(bad)
		var te *TextError
		if !errors.Is(err, ErrBadLimit) || !errors.As(err, &te) || te.Message(language.Vietnamese) == "" {
			t.Errorf("ParseLimit(%q): %v", bad, err)
		}
	}
	if _, err := (Limit{N: 1, Unit: 9}).MarshalText(); !errors.Is(err, ErrBadLimit) {
		t.Errorf("MarshalText of a bad unit: %v", err)
	}
	if _, err := (Limit{N: -1}).MarshalText(); !errors.Is(err, ErrBadLimit) {
		t.Errorf("MarshalText of a negative limit: %v", err)
	}
	// In JSON a limit is its text; the zero Limit is 0 working days, and an empty text is an
	// error, not a silent zero.
	type proc struct{ Counter, Online Limit }
	b, err := json.Marshal(proc{Counter: Limit{3, WorkingDays}})
	if err != nil || string(b) != `{"Counter":"3 working_days","Online":"0 working_days"}` {
		t.Fatalf("json: %s, %v", b, err)
	}
	var p proc
	if err := json.Unmarshal(b, &p); err != nil || p.Counter != (Limit{3, WorkingDays}) || p.Online != (Limit{}) {
		t.Errorf("json back: %+v, %v", p, err)
	}
	if err := json.Unmarshal([]byte(`{"Counter":""}`), &p); !errors.Is(err, ErrBadLimit) {
		t.Errorf(`"" read as a limit: %v`, err)
	}
}

// Messages of text errors, in both languages.
func TestTextErrorMessages(t *testing.T) {
	_, errLimit := ParseLimit("3 tuần")
	_, errUnit := ParseUnit("weeks")
	_, errTime := ParseTimeOfDay("25:00")
	var k DayKind
	errKind := k.UnmarshalText([]byte("festival"))
	tests := []struct {
		err    error
		en, vi string
	}{
		{errLimit, `calendar: "3 tuần" is not a time limit of the form "N unit" (units: working_days, working_hours, days, months)`,
			`"3 tuần" không phải thời hạn dạng "số đơn vị" (đơn vị: ngày làm việc, giờ làm việc, ngày, tháng)`},
		{errUnit, `calendar: "weeks" is not a unit of a time limit (working_days, working_hours, days, months)`,
			`"weeks" không phải đơn vị thời hạn (ngày làm việc, giờ làm việc, ngày, tháng)`},
		{errTime, `calendar: "25:00" is not a time of day of the form HH:MM (00:00 to 23:59)`,
			`"25:00" không phải giờ trong ngày dạng giờ:phút (HH:MM, từ 00:00 đến 23:59)`},
		{errKind, `calendar: "festival" is not a kind of day (holiday, compensatory, swapped_off, makeup_workday, closure, workday, weekend)`,
			`"festival" không phải loại ngày hợp lệ: "holiday" (ngày lễ, Tết), "compensatory" (nghỉ bù), "swapped_off" (nghỉ hoán đổi), "makeup_workday" (làm bù), "closure" (nghỉ đột xuất), "workday" (ngày làm việc), "weekend" (nghỉ hằng tuần)`},
	}
	for _, tt := range tests {
		var te *TextError
		if !errors.As(tt.err, &te) {
			t.Fatalf("%v is not a *TextError", tt.err)
		}
		got := [2]string{tt.err.Error(), te.Message(language.MustParse("vi-VN"))}
		if diff := cmp.Diff([2]string{tt.en, tt.vi}, got); diff != "" {
			t.Errorf("messages (-want +got):\n%s", diff)
		}
	}
}

// Regression (issue 9): ParseLimit echoed a 10 MB input whole in its message.
func TestParseLimitHugeInput(t *testing.T) {
	for _, in := range []string{strings.Repeat("x", 10<<20), "3 " + strings.Repeat("ngày ", 2<<20), strings.Repeat("9", 10<<20) + "wd"} {
		_, err := ParseLimit(in)
		var te *TextError
		if !errors.As(err, &te) {
			t.Fatalf("ParseLimit of %d bytes: %v", len(in), err)
		}
		for _, m := range []string{err.Error(), te.Message(language.Vietnamese), te.Value} {
			if len(m) > 500 {
				t.Errorf("message of %d bytes for a %d-byte input", len(m), len(in))
			}
		}
		_, err = ParseUnit(in)
		if len(err.Error()) > 500 {
			t.Errorf("ParseUnit message of %d bytes", len(err.Error()))
		}
	}
}

// Whatever ParseLimit accepts, String writes in a form ParseLimit reads back to the same
// limit; nothing panics; an error is a *TextError with a short message.
func FuzzParseLimit(f *testing.F) {
	for _, s := range []string{"3 working_days", "1 working_day", "3 working-days", "3wd", "12wh", "20d", "2mo", "2m",
		"15 ngày làm việc", "1 tháng", "12 GIỜ LÀM VIỆC", "", "1.5 wd", "-1d", "3 weeks", "3\xffwd"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		l, err := ParseLimit(s)
		if err != nil {
			var te *TextError
			if !errors.Is(err, ErrBadLimit) || !errors.As(err, &te) || len([]rune(te.Value)) > 65 {
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
		// The unit part alone is a unit.
		if u, err := ParseUnit(strings.TrimLeft(strings.TrimSpace(s), "0123456789")); err != nil || u != l.Unit {
			t.Fatalf("ParseUnit of the unit of %q = %v, %v; want %v", s, u, err, l.Unit)
		}
	})
}

// Whatever ParseUnit accepts, its text form reads back to the same unit.
func FuzzParseUnit(f *testing.F) {
	for _, s := range []string{"working_days", "wd", "giờ làm việc", "Months", "m", "", "weeks", "ngày\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		u, err := ParseUnit(s)
		if err != nil {
			if !errors.Is(err, ErrBadUnit) {
				t.Fatalf("ParseUnit(%q): %v", s, err)
			}
			return
		}
		b, err := u.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		var back Unit
		if err := back.UnmarshalText(b); err != nil || back != u {
			t.Fatalf("ParseUnit(%q) = %v; back %v, %v", s, u, back, err)
		}
	})
}

// Clock hours (issue 14): elapsed time from the instant of receipt, whatever the day, read in
// every spelling and written back as "hours".
func TestHours(t *testing.T) {
	c := Default()
	fri := time.Date(2026, 3, 13, 16, 30, 0, 0, Zone())
	tests := []struct {
		at   time.Time
		l    Limit
		want time.Time
	}{
		{fri, Limit{1, Hours}, time.Date(2026, 3, 13, 17, 30, 0, 0, Zone())},
		{fri, Limit{24, Hours}, time.Date(2026, 3, 14, 16, 30, 0, 0, Zone())},
		{fri, Limit{0, Hours}, fri},
		{fri, Limit{-3, Hours}, fri},
		// Against working hours: 1 working hour from Friday 16:30 ends on Monday.
		{fri, Limit{1, WorkingHours}, time.Date(2026, 3, 16, 8, 0, 0, 0, Zone())},
		// A received time in another zone is due in Vietnam.
		{fri.UTC(), Limit{2, Hours}, time.Date(2026, 3, 13, 18, 30, 0, 0, Zone())},
		// Saturation instead of overflow.
		{fri, Limit{1 << 62, Hours}, fri.Add(time.Duration(1<<62) / time.Hour * time.Hour)},
	}
	for _, tt := range tests {
		got := c.Due(tt.at, tt.l)
		if !got.Equal(tt.want) || got.Location() != Zone() {
			t.Errorf("Due(%v, %v) = %v, want %v", tt.at, tt.l, got, tt.want)
		}
	}
	for _, s := range []string{"hours", "hour", "h", "giờ", "Hours", "H"} {
		if u, err := ParseUnit(s); err != nil || u != Hours {
			t.Errorf("ParseUnit(%q) = %v, %v", s, u, err)
		}
	}
	if l, err := ParseLimit("1 giờ"); err != nil || l != (Limit{1, Hours}) {
		t.Errorf("ParseLimit(1 giờ) = %v, %v", l, err)
	}
	if u, _ := ParseUnit("giờ làm việc"); u != WorkingHours {
		t.Errorf("giờ làm việc = %v", u)
	}
	if s := (Limit{3, Hours}).String(); s != "3 hours" {
		t.Errorf("String = %q", s)
	}
	if s := (Limit{1, Hours}).Text(language.Vietnamese); s != "1 giờ" {
		t.Errorf("Text(vi) = %q", s)
	}
	if !Hours.Valid() || Unit(Hours+1).Valid() {
		t.Error("Valid")
	}
}
