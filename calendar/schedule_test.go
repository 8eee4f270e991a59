package calendar

import (
	"encoding/json"
	"errors"
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rickb777/date/v2"
	"golang.org/x/text/language"
)

func TestParseScheduleErrors(t *testing.T) {
	const head = "date,kind,name,source\n"
	tests := []struct {
		name string
		in   string
		want ScheduleError
	}{
		{"empty", "", ScheduleError{Line: 1, Err: ErrBadHeader}},
		{"header", "day,kind,name,source\n", ScheduleError{Line: 1, Field: "header", Value: "day,kind,name,source", Err: ErrBadHeader}},
		{"date", head + "2026-01-01,holiday,a,b\n2026-02-30,holiday,a,b\n", ScheduleError{Line: 3, Field: "date", Value: "2026-02-30", Err: ErrBadDate}},
		{"date form", head + "1/1/2026,holiday,a,b\n", ScheduleError{Line: 2, Field: "date", Value: "1/1/2026", Err: ErrBadDate}},
		{"kind", head + "2026-01-01,festival,a,b\n", ScheduleError{Line: 2, Field: "kind", Value: "festival", Err: ErrUnknownKind}},
		{"makeup on weekday", head + "2026-01-02,makeup_workday,a,b\n", ScheduleError{Line: 2, Field: "kind", Value: "makeup_workday", Err: ErrKindMismatch}},
		{"swap on weekend", head + "2026-01-03,swapped_off,a,b\n", ScheduleError{Line: 2, Field: "kind", Value: "swapped_off", Err: ErrKindMismatch}},
		{"name", head + "2026-01-01,holiday,,b\n", ScheduleError{Line: 2, Field: "name", Value: "", Err: ErrFieldRequired}},
		{"source", head + "2026-01-01,holiday,a, \n", ScheduleError{Line: 2, Field: "source", Value: "", Err: ErrFieldRequired}},
		{"columns", head + "2026-01-01,holiday,a\n", ScheduleError{Line: 2, Field: "row", Value: "2026-01-01,holiday,a", Err: ErrSyntax}},
		{"quote", head + "2026-01-01,holiday,\"a,b\n", ScheduleError{Line: 2, Err: ErrSyntax}},
		{"twice", head + "2026-01-01,holiday,a,b\n2026-01-02,holiday,a,b\n2026-01-01,closure,a,b\n", ScheduleError{Line: 4, Field: "date", Value: "2026-01-01", Err: ErrDuplicateDate}},
		{"provisional", "date,kind,name,source,provisional\n2026-01-01,holiday,a,b,maybe\n", ScheduleError{Line: 2, Field: "provisional", Value: "maybe", Err: ErrBadValue}},
		{"json syntax", "[\n{\"date\": \"2026-01-01\",\n \"kind\": }\n]", ScheduleError{Line: 3, Err: ErrSyntax}},
		{"json field", "[\n {\"date\": \"2026-01-01\", \"kind\": \"holiday\", \"name\": \"a\", \"source\": \"b\"},\n {\"date\": \"2026-01-01x\", \"kind\": \"holiday\", \"name\": \"a\", \"source\": \"b\"}\n]", ScheduleError{Line: 3, Field: "date", Value: "2026-01-01x", Err: ErrBadDate}},
		{"json type", "[\n {\"date\": 20260101}\n]", ScheduleError{Line: 2, Field: "date", Value: "number", Err: ErrSyntax}},
		{"json missing", "[\n\n {\"date\": \"2026-01-01\", \"kind\": \"holiday\", \"source\": \"b\"}]", ScheduleError{Line: 3, Field: "name", Value: "", Err: ErrFieldRequired}},
		{"json trailing", "[] []", ScheduleError{Line: 1, Err: ErrSyntax}},
	}
	for _, tt := range tests {
		days, err := ParseSchedule([]byte(tt.in))
		var se *ScheduleError
		if !errors.As(err, &se) {
			t.Errorf("%s: got %v, %v; want *ScheduleError", tt.name, days, err)
			continue
		}
		if diff := cmp.Diff(tt.want, *se, cmp.Comparer(func(a, b error) bool { return errors.Is(a, b) })); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, diff)
		}
		if !errors.Is(err, tt.want.Err) || se.Message(language.Vietnamese) == "" || se.Error() == "" {
			t.Errorf("%s: %v", tt.name, err)
		}
	}
}

func TestParseScheduleFormats(t *testing.T) {
	csvIn := "\xef\xbb\xbfdate,kind,name,source,provisional\n2027-02-09,compensatory,Nghỉ bù,TB,true\n2027-01-01,holiday,Tết Dương lịch,BLLĐ,\n"
	jsonIn := `  [{"date": "2027-02-09", "kind": "compensatory", "name": "Nghỉ bù", "source": "TB", "provisional": true},
	 {"date": "2027-01-01", "kind": "holiday", "name": "Tết Dương lịch", "source": "BLLĐ"}]`
	want := []Day{
		{Date: date.New(2027, 1, 1), Kind: Holiday, Name: "Tết Dương lịch", Source: "BLLĐ"},
		{Date: date.New(2027, 2, 9), Kind: Compensatory, Name: "Nghỉ bù", Source: "TB", Provisional: true},
	}
	for name, in := range map[string]string{"csv": csvIn, "json": jsonIn} {
		got, err := ParseSchedule([]byte(in))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", name, diff)
		}
	}
	// The embedded file: 2027 rows marked PROVISIONAL are provisional.
	b, err := os.ReadFile("data/vn_days_off_2019_2027.csv")
	if err != nil {
		t.Fatal(err)
	}
	days, err := ParseSchedule(b)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range days {
		y := d.Date.Year()
		if d.Provisional && y != 2027 {
			t.Errorf("%s marked provisional", d.Date)
		}
	}
}

func FuzzParseSchedule(f *testing.F) {
	b, err := os.ReadFile("data/vn_days_off_2019_2027.csv")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b)
	f.Add([]byte("date,kind,name,source\n2026-01-01,holiday,a,b\n"))
	f.Add([]byte(`[{"date": "2026-01-03", "kind": "makeup_workday", "name": "a", "source": "b", "provisional": true}]`))
	f.Add([]byte("date,kind,name,source,provisional\n2026-01-01,holiday,\"a\"\"b\",b,false\n"))
	f.Add([]byte("[1, {]"))
	f.Fuzz(func(t *testing.T, data []byte) {
		days, err := ParseSchedule(data)
		if err != nil {
			var se *ScheduleError
			if !errors.As(err, &se) || se.Line < 1 || days != nil {
				t.Fatalf("error %v (%T), days %v", err, err, days)
			}
			return
		}
		for i, d := range days {
			if d.Name == "" || d.Source == "" || checkKind(d.Date, d.Kind) != nil || d.Date.Year() < minYear || d.Date.Year() > maxYear {
				t.Fatalf("invalid row accepted: %+v", d)
			}
			if i > 0 && days[i-1].Date >= d.Date {
				t.Fatalf("rows not sorted or duplicated: %v %v", days[i-1].Date, d.Date)
			}
		}
	})
}

func FuzzWorkingDays(f *testing.F) {
	f.Add(int64(date.New(2026, 2, 13)), int64(10), int64(3))
	f.Add(int64(date.New(2199, 12, 20)), int64(30), int64(-40))
	f.Add(int64(date.New(1899, 12, 20)), int64(30), int64(5))
	f.Add(int64(date.New(9999, 12, 20)), int64(20), int64(-20))
	f.Add(int64(0), int64(1), int64(-1))
	f.Add(int64(1)<<40, int64(5), int64(1)<<50)
	c := Default()
	f.Fuzz(func(t *testing.T, d, span, n int64) {
		from := clampDate(date.Date(d))
		to := clampDate(from + date.Date(span%4000))
		checkIdentity(t, c, min(from, to), max(from, to))
		// The table and the rules agree.
		if y := from.Year(); y >= minYear && y <= maxYear && c.IsWorkingDay(from) != slowKind(c, from).IsWorking() {
			t.Fatalf("%s: table and rules disagree", from)
		}
		// AddWorkingDays lands on a working day with the right count (never panics).
		got := c.AddWorkingDays(from, int(n))
		if n != 0 && got != date.Max() && got != date.Min() {
			if !c.IsWorkingDay(got) {
				t.Fatalf("AddWorkingDays(%s, %d) = %s is not a working day", from, n, got)
			}
			if n > 0 && n < 1e6 {
				if w := c.WorkingDaysBetween(from, got); w != int(n) {
					t.Fatalf("AddWorkingDays(%s, %d) = %s, but %d working days between", from, n, got, w)
				}
			}
		}
	})
}

// The days off of a calendar, written as JSON, read back as a schedule.
func TestDaysOffAsSchedule(t *testing.T) {
	c := Default()
	for _, y := range []int{2026, 2027, 2031} {
		days := c.DaysOff(y)
		b, err := json.Marshal(days)
		if err != nil {
			t.Fatal(err)
		}
		back, err := ParseSchedule(b)
		if err != nil {
			t.Fatalf("%d: %v\n%s", y, err, b)
		}
		if diff := cmp.Diff(days, back); diff != "" {
			t.Errorf("%d (-want +got):\n%s", y, diff)
		}
	}
}
