package procedure

import (
	"errors"
	"math/rand/v2"
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
		{*lim("3", WorkingDays), calendar.Limit{N: 3, Unit: calendar.WorkingDays}, nil},
		{*lim("3.0", WorkingDays), calendar.Limit{N: 3, Unit: calendar.WorkingDays}, nil},
		{*lim("1.5", WorkingDays), calendar.Limit{N: 12, Unit: calendar.WorkingHours}, nil},
		{*lim("0.5", WorkingDays), calendar.Limit{N: 4, Unit: calendar.WorkingHours}, nil},
		{*lim("0.125", WorkingDays), calendar.Limit{N: 1, Unit: calendar.WorkingHours}, nil},
		{*lim("1.3", WorkingDays), calendar.Limit{}, errLimitHours},
		{*lim("4", WorkingHours), calendar.Limit{N: 4, Unit: calendar.WorkingHours}, nil},
		{*lim("2.5", WorkingHours), calendar.Limit{}, errLimitHours},
		{*lim("20", Days), calendar.Limit{N: 20, Unit: calendar.Days}, nil},
		{*lim("0.5", Days), calendar.Limit{}, errLimitInteger},
		{*lim("1", Months), calendar.Limit{N: 1, Unit: calendar.Months}, nil},
		{*lim("1.5", Months), calendar.Limit{}, errLimitInteger},
		{*lim("0", WorkingDays), calendar.Limit{}, errLimitRange},
		{*lim("-2", Days), calendar.Limit{}, errLimitRange},
		{*lim("10000", Days), calendar.Limit{N: 10000, Unit: calendar.Days}, nil},
		{*lim("10000.5", WorkingDays), calendar.Limit{}, errLimitRange},
		{*lim("1", "weeks"), calendar.Limit{}, errLimitUnit},
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
		got, err := PublishedLimit{Value: v, Unit: WorkingDays}.Calendar()
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
	sameDay.Limits = Limits{Counter: lim("1", WorkingDays), Online: lim("4", WorkingHours)}
	sameDay.Cases = []Case{{ID: "xac-minh", Name: "Cần xác minh", Limits: Limits{Counter: lim("1", WorkingDays)}}}
	late := sameDay
	late.SameDay = &SameDay{Cutoff: "16:30"}
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
	if d, ok := p.Cutoff(); !ok || d != 15*time.Hour {
		t.Errorf("default cut-off %v %v", d, ok)
	}
	p.SameDay.Cutoff = "16:45"
	if d, _ := p.Cutoff(); d != 16*time.Hour+45*time.Minute {
		t.Errorf("cut-off %v", d)
	}
}
