package procedure

import (
	"encoding/json"
	"errors"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/motcua-go/motcua/calendar"
	"github.com/shopspring/decimal"
)

func TestLimitCalendar(t *testing.T) {
	tests := []struct {
		in      PublishedLimit
		want    calendar.Limit
		wantErr error
	}{
		{*lim("3", calendar.WorkingDays), calendar.Limit{N: 3, Unit: calendar.WorkingDays}, nil},
		{*lim("3.0", calendar.WorkingDays), calendar.Limit{N: 3, Unit: calendar.WorkingDays}, nil},
		{*lim("1.5", calendar.WorkingDays), calendar.Limit{N: 12, Unit: calendar.WorkingHours}, nil},
		{*lim("0.5", calendar.WorkingDays), calendar.Limit{N: 4, Unit: calendar.WorkingHours}, nil},
		{*lim("0.125", calendar.WorkingDays), calendar.Limit{N: 1, Unit: calendar.WorkingHours}, nil},
		{*lim("1.3", calendar.WorkingDays), calendar.Limit{}, errLimitHours},
		{*lim("4", calendar.WorkingHours), calendar.Limit{N: 4, Unit: calendar.WorkingHours}, nil},
		{*lim("2.5", calendar.WorkingHours), calendar.Limit{}, errLimitHours},
		{*lim("20", calendar.Days), calendar.Limit{N: 20, Unit: calendar.Days}, nil},
		{*lim("0.5", calendar.Days), calendar.Limit{}, errLimitInteger},
		{*lim("1", calendar.Months), calendar.Limit{N: 1, Unit: calendar.Months}, nil},
		{*lim("1.5", calendar.Months), calendar.Limit{}, errLimitInteger},
		{*lim("0", calendar.WorkingDays), calendar.Limit{}, errLimitRange},
		{*lim("-2", calendar.Days), calendar.Limit{}, errLimitRange},
		{*lim("10000", calendar.Days), calendar.Limit{N: 10000, Unit: calendar.Days}, nil},
		{*lim("10000.5", calendar.WorkingDays), calendar.Limit{}, errLimitRange},
		{*lim("1", calendar.Unit(9)), calendar.Limit{}, errLimitUnit},
	}
	for _, tt := range tests {
		got, err := tt.in.Calendar()
		if !errors.Is(err, tt.wantErr) {
			t.Errorf("%v: error %v, want %v", tt.in, err, tt.wantErr)
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%v (-want +got):\n%s", tt.in, diff)
		}
	}
}

// TestLimitEighths: n + k/8 working days is exactly 8n + k working hours, for any n and k.
func TestLimitEighths(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		n, k := r.IntN(1000), 1+r.IntN(7)
		v := decimal.NewFromInt(int64(8*n + k)).Div(decimal.NewFromInt(8))
		got, err := PublishedLimit{Value: v, Unit: calendar.WorkingDays}.Calendar()
		want := calendar.Limit{N: 8*n + k, Unit: calendar.WorkingHours}
		if err != nil || got != want {
			t.Fatalf("%s working days = %v, %v; want %v", v, got, err, want)
		}
	}
}

func TestProcedureLimit(t *testing.T) {
	p := validProcedure()
	tests := []struct {
		ch      Channel
		caseID  string
		want    calendar.Limit
		wantErr error
	}{
		{Counter, "", calendar.Limit{N: 3, Unit: calendar.WorkingDays}, nil},
		{Online, "", calendar.Limit{N: 12, Unit: calendar.WorkingHours}, nil},
		{Counter, "xac-minh", calendar.Limit{N: 2, Unit: calendar.WorkingDays}, nil},
		{Online, "xac-minh", calendar.Limit{N: 12, Unit: calendar.WorkingHours}, nil}, // not overridden
		{Postal, "", calendar.Limit{}, ErrChannelNotOffered},
		{Counter, "khong-co", calendar.Limit{}, ErrUnknownCase},
	}
	for _, tt := range tests {
		got, err := p.Limit(tt.ch, tt.caseID)
		if !errors.Is(err, tt.wantErr) {
			t.Errorf("%s/%s: error %v, want %v", tt.ch, tt.caseID, err, tt.wantErr)
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s/%s (-want +got):\n%s", tt.ch, tt.caseID, diff)
		}
	}
	if got := p.Channels(); !cmp.Equal(got, []Channel{Counter, Online}) {
		t.Errorf("Channels = %v", got)
	}
}

func TestUseErrorMessage(t *testing.T) {
	p := validProcedure()
	_, err := p.Limit(Postal, "")
	var ue *UseError
	if !errors.As(err, &ue) || ue.What != "postal" {
		t.Fatalf("error %v is not a *UseError for postal", err)
	}
	const want = `procedure 1.001193: "postal" is not a channel the procedure is offered on`
	if err.Error() != want {
		t.Errorf("message %q, want %q", err.Error(), want)
	}
}

func TestDue(t *testing.T) {
	cal := calendar.Default()
	at := func(day, h, m int) time.Time { return time.Date(2025, 3, day, h, m, 0, 0, calendar.Zone()) }
	sameDay := validProcedure()
	sameDay.SameDay = &SameDay{} // default cut-off 15:00
	sameDay.Limits = Limits{Counter: lim("1", calendar.WorkingDays), Online: lim("4", calendar.WorkingHours)}
	sameDay.Cases = []Case{{ID: "xac-minh", Name: "Cần xác minh", Limits: Limits{Counter: lim("1", calendar.WorkingDays)}}}
	late := sameDay
	late.SameDay = &SameDay{Cutoff: calendar.TimeOfDay(16*time.Hour + 30*time.Minute)}
	plain := validProcedure()

	tests := []struct {
		name     string
		p        Procedure
		received time.Time
		ch       Channel
		caseID   string
		want     time.Time
	}{
		// 2025-03-04 is a Tuesday with no day off nearby.
		{"3 working days", plain, at(4, 9, 10), Counter, "", at(7, 9, 10)},
		{"1.5 working days as 12 hours", plain, at(4, 9, 10), Online, "", at(5, 14, 40)},
		{"case limit", plain, at(4, 9, 10), Counter, "xac-minh", at(6, 9, 10)},
		{"same day before the cut-off", sameDay, at(4, 14, 59), Counter, "", at(4, 17, 0)},
		{"same day at 15:00 exactly (not after the cut-off)", sameDay, at(4, 15, 0), Counter, "", at(4, 17, 0)},
		{"same day after the cut-off", sameDay, at(4, 15, 1), Counter, "", at(5, 17, 0)},
		{"same day online", sameDay, at(4, 16, 0), Online, "", at(5, 17, 0)},
		{"same day received Friday afternoon", sameDay, at(7, 15, 30), Counter, "", at(10, 17, 0)},
		{"own cut-off", late, at(4, 16, 0), Counter, "", at(4, 17, 0)},
		{"case with its own limit is not same-day", sameDay, at(4, 14, 0), Counter, "xac-minh", at(5, 14, 0)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.p.Due(cal, tt.received, tt.ch, tt.caseID)
			if err != nil {
				t.Fatal(err)
			}
			if !got.Equal(tt.want) {
				t.Errorf("Due = %v, want %v", got, tt.want)
			}
		})
	}
	if _, err := plain.Due(cal, at(4, 9, 0), Postal, ""); !errors.Is(err, ErrChannelNotOffered) {
		t.Errorf("postal: error %v", err)
	}
	if _, err := plain.Due(cal, at(4, 9, 0), Counter, "x"); !errors.Is(err, ErrUnknownCase) {
		t.Errorf("unknown case: error %v", err)
	}
}

func TestCutoff(t *testing.T) {
	p := validProcedure()
	if _, ok := p.Cutoff(); ok {
		t.Error("a procedure without the same-day rule has a cut-off")
	}
	p.SameDay = &SameDay{}
	if d, ok := p.Cutoff(); !ok || d != calendar.TimeOfDay(15*time.Hour) {
		t.Errorf("default cut-off %v %v", d, ok)
	}
	p.SameDay.Cutoff = calendar.TimeOfDay(16*time.Hour + 45*time.Minute)
	if d, _ := p.Cutoff(); d != calendar.TimeOfDay(16*time.Hour+45*time.Minute) {
		t.Errorf("cut-off %v", d)
	}
}

// TestUnitSpellings: the catalog reads every spelling calendar.ParseUnit reads and writes the
// canonical one; a cut-off reads as calendar.ParseTimeOfDay does.
func TestUnitSpellings(t *testing.T) {
	base := string(catalogJSON(t, []Procedure{validProcedure()}, nil))
	for _, spelling := range []string{"ngày làm việc", "working-days", "Working Days", "wd", "working_day"} {
		data := strings.Replace(base, `"value":"3","unit":"working_days"`, `"value":"3","unit":"`+spelling+`"`, 1)
		if data == base {
			t.Fatal("no counter limit to change")
		}
		c := mustLoad(t, []byte(data))
		p := c.Procedures()[0]
		if p.Limits.Counter.Unit != calendar.WorkingDays {
			t.Errorf("%q read as %v", spelling, p.Limits.Counter.Unit)
		}
		out, err := json.Marshal(c)
		if err != nil || !strings.Contains(string(out), `"unit":"working_days"`) || strings.Contains(string(out), spelling+`"`) && spelling != "working_days" {
			t.Errorf("%q written as %s, %v", spelling, out, err)
		}
	}
	sameDay := validProcedure()
	sameDay.SameDay = &SameDay{Cutoff: calendar.TimeOfDay(15 * time.Hour)}
	sameDay.Limits = Limits{Counter: lim("1", calendar.WorkingDays)}
	sameDay.Cases = nil
	data := strings.Replace(string(catalogJSON(t, []Procedure{sameDay}, nil)), `"cutoff":"15:00"`, `"cutoff":"7:30"`, 1)
	p := mustLoad(t, []byte(data)).Procedures()[0]
	if cut, ok := p.Cutoff(); !ok || cut.String() != "07:30" {
		t.Errorf("cut-off 7:30 read as %v", cut)
	}
}

// TestSmallCalendarAgrees checks that the machine-integer conversion of small limits gives
// what the decimal conversion gives, for every unit, on values around every boundary it tests
// (scale, divisibility by 8, the range bound), and that it converts the usual values itself.
func TestSmallCalendarAgrees(t *testing.T) {
	units := []calendar.Unit{calendar.WorkingDays, calendar.WorkingHours, calendar.Days, calendar.Months, calendar.Unit(99)}
	var values []decimal.Decimal
	for _, s := range []string{"0", "-1", "1", "3", "3.0", "1.5", "0.5", "0.125", "0.1250", "0.0625", "1.3",
		"2.5", "10000", "10000.0000", "10000.0001", "10001", "9999.875", "0.00001", "1e2", "1e5",
		"123456789012", "1234567890123", "99999999999.9", "0.0001", "7.25", "7.75"} {
		values = append(values, decimal.RequireFromString(s))
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 3000 {
		values = append(values, decimal.New(r.Int64N(200000)-1000, -r.Int32N(7)))
	}
	small := 0
	for _, v := range values {
		for _, u := range units {
			l := PublishedLimit{Value: v, Unit: u}
			got, gotErr := l.Calendar()
			want, wantErr := l.bigCalendar()
			if got != want || gotErr != wantErr {
				t.Errorf("Calendar(%s %v) = %v, %v; decimal conversion gives %v, %v", v, u, got, gotErr, want, wantErr)
			}
			if _, _, ok := l.smallCalendar(); ok {
				small++
			}
		}
	}
	for _, s := range []string{"3", "1.5", "0.125", "20"} {
		if _, _, ok := (PublishedLimit{Value: decimal.RequireFromString(s), Unit: calendar.WorkingDays}).smallCalendar(); !ok {
			t.Errorf("smallCalendar(%s) left the usual value to the decimal conversion", s)
		}
	}
	if small == 0 {
		t.Error("smallCalendar converted nothing")
	}
}

// TestLimitCalendarAllocs keeps the conversion of a usual limit free of allocation: it runs
// at every intake.
func TestLimitCalendarAllocs(t *testing.T) {
	l := PublishedLimit{Value: decimal.RequireFromString("1.5"), Unit: calendar.WorkingDays}
	if n := testing.AllocsPerRun(100, func() { _, _ = l.Calendar() }); n != 0 {
		t.Errorf("Calendar allocates %v times, want 0", n)
	}
}
