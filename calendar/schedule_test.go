package calendar

import (
	"encoding/json"
	"errors"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

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
		{"date", head + "2026-01-01,holiday,a,b\n2026-02-30,holiday,a,b\n", ScheduleError{Line: 3, Field: "date", Value: "2026-02-30", Err: ErrNoSuchDate}},
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
		{"json type", "[\n {\"date\": 20260101}\n]", ScheduleError{Line: 2, Field: "date", Value: "number", Err: ErrWrongType}},
		{"json missing", "[\n\n {\"date\": \"2026-01-01\", \"kind\": \"holiday\", \"source\": \"b\"}]", ScheduleError{Line: 3, Field: "name", Value: "", Err: ErrFieldRequired}},
		{"json trailing", "[] []", ScheduleError{Line: 1, Err: ErrSyntax}},
		{"json unknown field", "[\n{\"date\": \"2026-01-01\",\n \"kind\": \"holiday\", \"nom\": \"a\"}]", ScheduleError{Line: 2, Value: "nom", Err: ErrUnknownField}},
		{"json not an object", "[\n 1]", ScheduleError{Line: 2, Value: "number", Err: ErrWrongType}},
		{"json provisional", "[{\"provisional\": \"yes\"}]", ScheduleError{Line: 1, Field: "provisional", Value: "string", Err: ErrWrongType}},
		{"invalid utf-8", head + "2026-01-01,holiday,a,b\n2026-01-02,holiday,T\xe1t,b\n", ScheduleError{Line: 3, Err: ErrEncoding}},
		{"nul in csv", head + "2026-01-01,holiday,a\x00b,b\n", ScheduleError{Line: 2, Field: "name", Err: ErrControl}},
		{"nul in json", `[{"date": "2026-01-01", "kind": "holiday", "name": "a", "source": "b\u0000"}]`, ScheduleError{Line: 1, Field: "source", Err: ErrControl}},
		{"newline in name", head + "2026-01-01,holiday,\"a\nb\",b\n", ScheduleError{Line: 2, Field: "name", Err: ErrControl}},
		{"long name", head + "2026-01-01,holiday," + strings.Repeat("ạ", 201) + ",b\n", ScheduleError{Line: 2, Field: "name", Err: ErrTooLong}},
		{"long value", head + "2026-01-01," + strings.Repeat("x", 100) + ",a,b\n", ScheduleError{Line: 2, Field: "kind", Value: strings.Repeat("x", 64) + "…", Err: ErrUnknownKind}},
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
		if vi := se.Message(language.Vietnamese); englishIn(vi) != "" {
			t.Errorf("%s: Vietnamese message %q has the English %q", tt.name, vi, englishIn(vi))
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
	f.Add([]byte("[{\"date\": \"2026-02-30\", \"x\": 1}]"))
	f.Add([]byte("date,kind,name,source\n2026-01-01,holiday,a\x00,b\xff\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		days, err := ParseSchedule(data)
		if err != nil {
			var se *ScheduleError
			if !errors.As(err, &se) || se.Line < 1 || days != nil {
				t.Fatalf("error %v (%T), days %v", err, err, days)
			}
			if vi := se.Message(language.Vietnamese); vi == "" || len([]rune(se.Value)) > 65 || len(vi) > 1000 || len(err.Error()) > 1000 {
				t.Fatalf("message of %d bytes: %v", len(err.Error()), err)
			}
			return
		}
		for i, d := range days {
			if checkText(d.Name) != nil || checkText(d.Source) != nil || d.Name == "" || d.Source == "" || checkKind(d.Date, d.Kind) != nil || d.Date.Year() < minYear || d.Date.Year() > maxYear {
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

// Messages of schedule errors name the line, the field (in Vietnamese in a Vietnamese
// message) and the value, and translate the decoder's findings.
func TestScheduleMessages(t *testing.T) {
	const head = "date,kind,name,source\n"
	tests := []struct {
		in     string
		en, vi string
	}{
		{head + "2026-02-30,holiday,a,b\n",
			`calendar: schedule line 2: date "2026-02-30" is not a day of the calendar (the month is shorter)`,
			`lịch nghỉ, dòng 2: ngày "2026-02-30" không có trên lịch (tháng đó không có ngày này)`},
		{head + "2026-01-01,holiday,,b\n",
			`calendar: schedule line 2: name is required`,
			`lịch nghỉ, dòng 2: tên là bắt buộc`},
		{head + "2026-01-02,makeup_workday,a,b\n",
			`calendar: schedule line 2: kind "makeup_workday" does not fit the day of the week`,
			`lịch nghỉ, dòng 2: loại ngày "makeup_workday" (làm bù) không phù hợp với thứ trong tuần`},
		{"[\n{\"date\": \"2026-01-01\", \"kind\": }]",
			`calendar: schedule line 2 is not well-formed`,
			`lịch nghỉ, dòng 2 sai cú pháp`},
		{"[\n {\"date\": 20260101}]",
			`calendar: schedule line 2: date is a number, not text (wrong JSON type)`,
			`lịch nghỉ, dòng 2: ngày là số, không phải chuỗi văn bản (sai kiểu dữ liệu JSON)`},
		{"[{\"nom\": \"a\"}]",
			`calendar: schedule line 1: "nom" is not a field of a schedule row (date, kind, name, source, provisional)`,
			`lịch nghỉ, dòng 1: "nom" không phải trường của một dòng lịch nghỉ (các trường: "date", "kind", "name", "source", "provisional")`},
		{head + "2026-01-01,holiday,a\x01,b\n",
			`calendar: schedule line 2: name contains a NUL or another control character`,
			`lịch nghỉ, dòng 2: tên chứa ký tự NUL hoặc ký tự điều khiển`},
		{"day\n",
			`calendar: schedule line 1: header "day" is not the header date,kind,name,source[,provisional]`,
			`lịch nghỉ, dòng 1: dòng tiêu đề "day" không phải dòng tiêu đề "date,kind,name,source" (có thể thêm cột "provisional")`},
	}
	for _, tt := range tests {
		_, err := ParseSchedule([]byte(tt.in))
		var se *ScheduleError
		if !errors.As(err, &se) {
			t.Fatalf("%q: %v", tt.in, err)
		}
		if diff := cmp.Diff([2]string{tt.en, tt.vi}, [2]string{err.Error(), se.Message(language.Vietnamese)}); diff != "" {
			t.Errorf("%q (-want +got):\n%s", tt.in, diff)
		}
	}
}

// Regression (issue 9): ParseSchedule echoed a 10 MB value whole in its message.
func TestParseScheduleHugeInput(t *testing.T) {
	big := strings.Repeat("x", 10<<20)
	for _, in := range []string{
		"date,kind,name,source\n2026-01-01," + big + ",a,b\n",
		"date,kind,name,source\n" + big + ",holiday,a,b\n",
		big + "\n",
		"date,kind,name,source\n2026-01-01,holiday,a\n" + big,
		"date,kind,name,source\n2026-01-01,holiday,a," + big + "\n",
		`[{"date": "` + big + `"}]`,
		`[{"` + big + `": 1}]`,
	} {
		_, err := ParseSchedule([]byte(in))
		var se *ScheduleError
		if !errors.As(err, &se) {
			t.Fatalf("not a *ScheduleError: %v", err)
		}
		for _, m := range []string{err.Error(), se.Message(language.Vietnamese), se.Value} {
			if len(m) > 500 {
				t.Errorf("message of %d bytes: %.100s…", len(m), m)
			}
		}
	}
	if _, err := New(WithSchedule([]byte("date,kind,name,source\n2026-01-01," + big + ",a,b\n"))); err == nil || len(err.Error()) > 500 {
		t.Errorf("WithSchedule: message of %d bytes", len(err.Error()))
	}
}

// manyRows returns a JSON schedule of n holidays on successive days from 2000-01-01, one per line.
func manyRows(n int) []byte {
	var b strings.Builder
	b.WriteString("[\n")
	d := date.New(2000, 1, 1)
	for i := range n {
		if i > 0 {
			b.WriteString(",\n")
		}
		b.WriteString(`{"date": "` + (d + date.Date(i)).String() + `", "kind": "holiday", "name": "Ngày nghỉ", "source": "TB"}`)
	}
	b.WriteString("\n]")
	return []byte(b.String())
}

// Regression (issue 9): the line of each JSON row was found by counting from the start of
// the file, so time grew with the square of the rows (100,000 rows: minutes).
func TestParseScheduleLinear(t *testing.T) {
	data := manyRows(100_000)
	start := time.Now()
	days, err := ParseSchedule(data)
	if err != nil || len(days) != 100_000 {
		t.Fatalf("%d days, %v", len(days), err)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("100,000 rows took %v", d)
	}
	// A problem on the last row names its line.
	data = append(data[:len(data)-2], []byte(",\n{\"date\": \"2400-01-01\", \"kind\": \"festival\", \"name\": \"a\", \"source\": \"b\"}\n]")...)
	_, err = ParseSchedule(data)
	var se *ScheduleError
	if !errors.As(err, &se) || se.Line != 100_002 || !errors.Is(err, ErrUnknownKind) {
		t.Errorf("last row: %v", err)
	}
}

// BenchmarkParseSchedule: 8 times the rows cost about 8 times the time.
func BenchmarkParseSchedule(b *testing.B) {
	for _, n := range []int{1000, 8000} {
		data := manyRows(n)
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := ParseSchedule(data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
