package routing

import (
	"errors"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/motcua-go/motcua/calendar"
)

const h, m = time.Hour, time.Minute

func TestPlanArithmetic(t *testing.T) {
	threeSteps := doc(`{"id": "receive", "role": "commune-desk", "task": "receive", "share": "1/4"}`,
		`{"id": "decide", "role": "civil-status", "task": "decide", "share": "1/2", "after": ["receive"]}`,
		`{"id": "return", "role": "commune-desk", "task": "return", "share": "1/4", "after": ["decide"]}`)
	sevenths := doc(`{"id": "receive", "role": "commune-desk", "task": "receive", "share": "1/7"}`,
		`{"id": "decide", "role": "civil-status", "task": "decide", "share": "2/7", "after": ["receive"]}`,
		`{"id": "return", "role": "commune-desk", "task": "return", "share": "4/7", "after": ["decide"]}`)
	uneven := doc(`{"id": "a", "role": "commune-desk", "task": "receive", "share": "1/4"}`,
		`{"id": "b", "role": "commune-police", "task": "register", "share": "1/2", "after": ["a"]}`,
		`{"id": "c", "role": "social-insurance", "task": "issue", "share": "1/4", "after": ["a"]}`,
		`{"id": "d", "role": "commune-desk", "task": "return", "share": "1/4", "after": ["b", "c"]}`)
	tests := []struct {
		name     string
		route    string // JSON, or the name of a sample route
		received time.Time
		limit    calendar.Limit
		total    time.Duration
		want     []window
	}{
		{
			// Tết 2026: 14–22 February are days off; Friday 13 is a working day.
			name: "across Tết 2026", route: "birth-u6-electronic", received: at(2026, 2, 12, 9, 10),
			limit: limit(3, calendar.WorkingDays), total: 24 * h,
			want: []window{
				{"receive", 2 * h, "2026-02-12 09:10", "2026-02-12 11:10"},
				{"register-birth", 8 * h, "2026-02-12 11:10", "2026-02-13 11:10"},
				{"register-residence", 12 * h, "2026-02-13 11:10", "2026-02-23 16:40"},
				{"issue-insurance-card", 12 * h, "2026-02-13 11:10", "2026-02-23 16:40"},
				{"return", 2 * h, "2026-02-23 16:40", "2026-02-24 09:10"},
			},
		},
		{
			// Saturday 2026-01-10 is a make-up working day.
			name: "make-up Saturday", route: threeSteps, received: at(2026, 1, 9, 14, 0),
			limit: limit(2, calendar.WorkingDays), total: 16 * h,
			want: []window{
				{"receive", 4 * h, "2026-01-09 14:00", "2026-01-10 08:30"},
				{"decide", 8 * h, "2026-01-10 08:30", "2026-01-12 08:30"},
				{"return", 4 * h, "2026-01-12 08:30", "2026-01-12 14:00"},
			},
		},
		{
			// 1 January is a holiday and 2 January 2026 a swapped day off.
			name: "New Year bridge", route: threeSteps, received: at(2025, 12, 31, 16, 0),
			limit: limit(1, calendar.WorkingDays), total: 8 * h,
			want: []window{
				{"receive", 2 * h, "2025-12-31 16:00", "2026-01-05 08:30"},
				{"decide", 4 * h, "2026-01-05 08:30", "2026-01-05 14:00"},
				{"return", 2 * h, "2026-01-05 14:00", "2026-01-05 16:00"},
			},
		},
		{
			// Received in the evening: counting starts at the next session.
			name: "received after hours", route: threeSteps, received: at(2026, 3, 2, 19, 0),
			limit: limit(4, calendar.WorkingHours), total: 4 * h,
			want: []window{
				{"receive", 1 * h, "2026-03-02 19:00", "2026-03-03 08:30"},
				{"decide", 2 * h, "2026-03-03 08:30", "2026-03-03 10:30"},
				{"return", 1 * h, "2026-03-03 10:30", "2026-03-03 11:30"},
			},
		},
		{
			// 60 minutes in sevenths: 8 + 17 + 34 = 59; the minute left goes to the decide step.
			name: "rounding remainder to the decide step", route: sevenths, received: at(2026, 3, 2, 8, 0),
			limit: limit(1, calendar.WorkingHours), total: 60 * m,
			want: []window{
				{"receive", 8 * m, "2026-03-02 08:00", "2026-03-02 08:08"},
				{"decide", 18 * m, "2026-03-02 08:08", "2026-03-02 08:26"},
				{"return", 34 * m, "2026-03-02 08:26", "2026-03-02 09:00"},
			},
		},
		{
			name: "parallel branches join on the longest", route: uneven, received: at(2026, 3, 2, 7, 30),
			limit: limit(1, calendar.WorkingDays), total: 8 * h,
			want: []window{
				{"a", 2 * h, "2026-03-02 07:30", "2026-03-02 09:30"},
				{"b", 4 * h, "2026-03-02 09:30", "2026-03-02 15:00"},
				{"c", 2 * h, "2026-03-02 09:30", "2026-03-02 11:30"},
				{"d", 2 * h, "2026-03-02 15:00", "2026-03-02 17:00"},
			},
		},
		{
			// Fixed times with a rest step: online limit of 8 working days.
			name: "fixed times and rest, 8 working days", route: "land-transfer", received: at(2026, 2, 12, 9, 10),
			limit: limit(8, calendar.WorkingDays), total: 64 * h,
			want: []window{
				{"receive", 4 * h, "2026-02-12 09:10", "2026-02-12 14:40"},
				{"verify", 24 * h, "2026-02-12 14:40", "2026-02-24 14:40"},
				{"tax", 24 * h, "2026-02-24 14:40", "2026-02-27 14:40"},
				{"register", 8 * h, "2026-02-27 14:40", "2026-03-02 14:40"},
				{"return", 4 * h, "2026-03-02 14:40", "2026-03-03 09:10"},
			},
		},
		{
			// In person, 18 working days: only the rest step grows.
			name: "fixed times and rest, 18 working days", route: "land-transfer", received: at(2026, 2, 12, 9, 10),
			limit: limit(18, calendar.WorkingDays), total: 144 * h,
			want: []window{
				{"receive", 4 * h, "2026-02-12 09:10", "2026-02-12 14:40"},
				{"verify", 24 * h, "2026-02-12 14:40", "2026-02-24 14:40"},
				{"tax", 24 * h, "2026-02-24 14:40", "2026-02-27 14:40"},
				{"register", 88 * h, "2026-02-27 14:40", "2026-03-16 14:40"},
				{"return", 4 * h, "2026-03-16 14:40", "2026-03-17 09:10"},
			},
		},
		{
			// 20 calendar days from 12 February: 4 March at closing time; the window is the
			// working time in between (6h20 + 8h + 8 days), split the same way.
			name: "calendar days across Tết", route: threeSteps, received: at(2026, 2, 12, 9, 10),
			limit: limit(20, calendar.Days), total: 78*h + 20*m,
			want: []window{
				{"receive", 19*h + 35*m, "2026-02-12 09:10", "2026-02-23 14:15"},
				{"decide", 39*h + 10*m, "2026-02-23 14:15", "2026-03-02 13:25"},
				{"return", 19*h + 35*m, "2026-03-02 13:25", "2026-03-04 17:00"},
			},
		},
	}
	cal := calendar.Default()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var r *Route
			if tt.route[0] == '{' {
				r = mustRoute(t, tt.route)
			} else {
				r = sample(t, tt.route)
			}
			s, err := Plan(r, tt.received, tt.limit, cal)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, windows(s)); diff != "" {
				t.Errorf("windows (-want +got):\n%s", diff)
			}
			if s.Total != tt.total {
				t.Errorf("Total = %v, want %v", s.Total, tt.total)
			}
			if due := cal.Due(tt.received, tt.limit); !s.Due.Equal(due) || !s.Steps[len(s.Steps)-1].Due.Equal(due) {
				t.Errorf("end = %v, schedule due %v; cal.Due = %v", s.Steps[len(s.Steps)-1].Due, s.Due, due)
			}
		})
	}
}

func TestPlanErrors(t *testing.T) {
	cal := calendar.Default()
	r := sample(t, "land-transfer")
	tests := []struct {
		name  string
		r     *Route
		limit calendar.Limit
		cal   *calendar.Calendar
		is    error
		en    string
		vi    string
	}{
		{"fixed times longer than the limit", r, limit(5, calendar.WorkingDays), cal, ErrTooShort,
			"route land-transfer: time limit 5wd is shorter than the fixed allotments",
			"quy trình land-transfer: thời hạn 5wd ngắn hơn tổng thời gian cố định đã phân bổ"},
		{"zero limit", r, limit(0, calendar.WorkingDays), cal, ErrLimit,
			"route land-transfer: time limit 0wd is not a usable time limit",
			"quy trình land-transfer: thời hạn 0wd không phải là thời hạn dùng được"},
		{"unknown unit", r, limit(3, 9), cal, ErrLimit,
			"route land-transfer: time limit 3? is not a usable time limit",
			"quy trình land-transfer: thời hạn 3? không phải là thời hạn dùng được"},
		{"no calendar", r, limit(8, calendar.WorkingDays), nil, ErrRequired,
			"route : time limit 8wd is required", "quy trình : thời hạn 8wd là bắt buộc"},
		{"no route", nil, limit(8, calendar.WorkingDays), cal, ErrRequired,
			"route : time limit 8wd is required", "quy trình : thời hạn 8wd là bắt buộc"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Plan(tt.r, at(2026, 3, 2, 8, 0), tt.limit, tt.cal)
			var pe *PlanError
			if s != nil || !errors.Is(err, tt.is) || !errors.As(err, &pe) {
				t.Fatalf("Plan = %v, %v; want %v", s, err, tt.is)
			}
			if pe.Message(English) != tt.en || pe.Message(Vietnamese) != tt.vi {
				t.Errorf("messages:\n%s\n%s", pe.Message(English), pe.Message(Vietnamese))
			}
		})
	}
}

// TestPlanProperties checks, over random receipts, limits and the sample routes, that the
// end is the promised date, every step starts when its last predecessor is due, and the
// allotments along the remainder step's longest path add up to the total.
func TestPlanProperties(t *testing.T) {
	cal := calendar.Default()
	set := SampleSet()
	rng := rand.New(rand.NewPCG(4, 2026))
	units := []calendar.Unit{calendar.WorkingDays, calendar.WorkingHours, calendar.Days, calendar.Months}
	for i := 0; i < 3000; i++ {
		names := set.Names()
		r, _ := set.Route(names[rng.IntN(len(names))])
		received := at(2025, 1, 1, 0, 0).Add(time.Duration(rng.Int64N(int64(3 * 365 * 24 * time.Hour)))).Truncate(time.Minute)
		u := units[rng.IntN(len(units))]
		n := 1 + rng.IntN(30)
		if u == calendar.WorkingHours {
			n = 1 + rng.IntN(200)
		}
		if u == calendar.Months {
			n = 1 + rng.IntN(3)
		}
		l := limit(n, u)
		s, err := Plan(r, received, l, cal)
		if err != nil {
			if errors.Is(err, ErrTooShort) && r.Name() == "land-transfer" {
				continue
			}
			t.Fatalf("Plan(%s, %v, %v): %v", r.Name(), received, l, err)
		}
		due := cal.Due(received, l)
		if !s.Steps[len(s.Steps)-1].Due.Equal(due) {
			t.Fatalf("Plan(%s, %v, %v): end %v, want %v", r.Name(), received, l, s.Steps[len(s.Steps)-1].Due, due)
		}
		if got := cal.WorkingTimeBetween(received, due); got != s.Total {
			t.Fatalf("Total %v, want %v", s.Total, got)
		}
		// Longest path by allotment.
		long := make([]time.Duration, len(s.Steps))
		steps := r.Steps()
		for k, st := range steps {
			var start time.Duration
			want := received
			for _, a := range st.After {
				p := r.index[a]
				start = max(start, long[p])
				if s.Steps[p].Due.After(want) {
					want = s.Steps[p].Due
				}
			}
			long[k] = start + s.Steps[k].Allotted
			if !s.Steps[k].Start.Equal(want) {
				t.Fatalf("%s %v %v: step %s starts %v, want %v", r.Name(), received, l, st.ID, s.Steps[k].Start, want)
			}
			if s.Steps[k].Due.Before(s.Steps[k].Start) {
				t.Fatalf("%s: step %s due before its start", r.Name(), st.ID)
			}
		}
		if long[len(long)-1] != s.Total {
			t.Fatalf("%s %v %v: longest path %v, want %v", r.Name(), received, l, long[len(long)-1], s.Total)
		}
	}
}

func TestReplan(t *testing.T) {
	cal := calendar.Default()
	s, err := Plan(sample(t, "birth-u6-paper"), at(2026, 2, 12, 9, 10), limit(3, calendar.WorkingDays), cal)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		finished map[string]string
		now      string
		want     []window
	}{
		{
			name:     "as planned",
			finished: nil, now: "2026-02-12 10:00",
			want: windows(s),
		},
		{
			// The desk hands over an hour early: the next steps move up and keep their
			// allotments; the promised date stays.
			name:     "early step",
			finished: map[string]string{"receive": "2026-02-12 10:10"}, now: "2026-02-12 10:10",
			want: []window{
				{"receive", 2 * h, "2026-02-12 09:10", "2026-02-12 10:10"},
				{"register-birth", 8 * h, "2026-02-12 10:10", "2026-02-13 10:10"},
				{"register-residence", 6 * h, "2026-02-13 10:10", "2026-02-23 08:10"},
				{"issue-insurance-card", 6 * h, "2026-02-23 08:10", "2026-02-23 15:40"},
				{"return", 2 * h, "2026-02-23 15:40", "2026-02-24 09:10"},
			},
		},
		{
			// Civil status finishes 6 working hours late: the following steps keep their full
			// allotments and move back; the promised date stays, so the return's window
			// closes before it opens — the dossier will be late.
			name:     "late step",
			finished: map[string]string{"receive": "2026-02-12 11:10", "register-birth": "2026-02-23 09:10"}, now: "2026-02-23 09:10",
			want: []window{
				{"receive", 2 * h, "2026-02-12 09:10", "2026-02-12 11:10"},
				{"register-birth", 8 * h, "2026-02-12 11:10", "2026-02-23 09:10"},
				{"register-residence", 6 * h, "2026-02-23 09:10", "2026-02-23 16:40"},
				{"issue-insurance-card", 6 * h, "2026-02-23 16:40", "2026-02-24 14:40"},
				{"return", 2 * h, "2026-02-24 14:40", "2026-02-24 09:10"},
			},
		},
		{
			// A step still running past its due: its successors cannot start before now.
			name:     "running late",
			finished: map[string]string{"receive": "2026-02-12 11:10"}, now: "2026-02-23 10:00",
			want: []window{
				{"receive", 2 * h, "2026-02-12 09:10", "2026-02-12 11:10"},
				{"register-birth", 8 * h, "2026-02-12 11:10", "2026-02-13 11:10"},
				{"register-residence", 6 * h, "2026-02-23 10:00", "2026-02-24 08:00"},
				{"issue-insurance-card", 6 * h, "2026-02-24 08:00", "2026-02-24 15:30"},
				{"return", 2 * h, "2026-02-24 15:30", "2026-02-24 09:10"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := s.Progress()
			for i := range p.Steps {
				if f, ok := tt.finished[p.Steps[i].Step]; ok {
					p.Steps[i].Finished = stamp(t, f)
				}
			}
			got, err := Replan(s, p, stamp(t, tt.now))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, windows(got)); diff != "" {
				t.Errorf("windows (-want +got):\n%s", diff)
			}
			if !got.Due.Equal(s.Due) {
				t.Errorf("promised date moved: %v", got.Due)
			}
			// Re-planning is stable: the same progress gives the same schedule.
			again, err := Replan(got, p, stamp(t, tt.now))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(windows(got), windows(again)); diff != "" {
				t.Errorf("re-plan of the re-plan (-first +second):\n%s", diff)
			}
		})
	}
	t.Run("errors", func(t *testing.T) {
		p := Progress{Steps: []StepProgress{{Step: "nope"}}}
		if _, err := Replan(s, p, s.Received); !errors.Is(err, ErrUnknownStep) {
			t.Errorf("unknown step: %v", err)
		}
		p = s.Progress()
		p.Steps[0].Finished = stamp(t, "2026-02-12 11:00")
		p.Steps[1].Finished = stamp(t, "2026-02-12 10:00") // before its hand-over
		_, err := Replan(s, p, s.Received)
		var ve *ValidationError
		if !errors.As(err, &ve) {
			t.Fatalf("finished before hand-over: %v", err)
		}
		if got, want := ve.Messages(English), []string{`progress: steps[1].finished "2026-02-12T10:00:00+07:00" is before the step received the dossier`}; !cmp.Equal(got, want) {
			t.Errorf("finished before hand-over: %q", got)
		}
		if got, want := ve.Messages(Vietnamese), []string{`progress: steps[1].finished "2026-02-12T10:00:00+07:00" trước thời điểm bước nhận hồ sơ`}; !cmp.Equal(got, want) {
			t.Errorf("finished before hand-over: %q", got)
		}
		p = Progress{Steps: []StepProgress{{Step: "receive"}, {Step: "return"}, {Step: "receive"}}}
		_, err = Replan(s, p, s.Received)
		if !errors.As(err, &ve) || !errors.Is(err, ErrDuplicate) || ve.Problems[0].Path != "steps[2].step" {
			t.Errorf("step twice: %v", err)
		}
		if _, err := Replan(nil, p, s.Received); !errors.Is(err, ErrRequired) {
			t.Errorf("nil schedule: %v", err)
		}
	})
}

func TestResponsible(t *testing.T) {
	cal := calendar.Default()
	plan := func(name string) *Schedule {
		s, err := Plan(sample(t, name), at(2026, 2, 12, 9, 10), limit(3, calendar.WorkingDays), cal)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	paper, electronic := plan("birth-u6-paper"), plan("birth-u6-electronic")
	tests := []struct {
		name     string
		s        *Schedule
		finished map[string]string
		now      string
		want     []Late
	}{
		{
			name: "on time", s: paper,
			finished: map[string]string{"receive": "2026-02-12 11:10", "register-birth": "2026-02-13 11:00"},
			now:      "2026-02-13 14:00",
		},
		{
			// Over while still running: 4h20 on Friday and 1h on Monday.
			name: "sequential, still running", s: paper,
			finished: map[string]string{"receive": "2026-02-12 11:10"}, now: "2026-02-23 08:30",
			want: []Late{{Step: "register-birth", Role: "civil-status", Over: 5*h + 20*m}},
		},
		{
			// Civil status was 6 hours late; the police received the dossier late but did
			// their part within its 6 hours, so only civil status answers for it.
			name: "sequential, late step charged to its own agency", s: paper,
			finished: map[string]string{"receive": "2026-02-12 11:10", "register-birth": "2026-02-23 09:10",
				"register-residence": "2026-02-23 16:00"},
			now:  "2026-02-24 08:00",
			want: []Late{{Step: "register-birth", Role: "civil-status", Over: 6 * h, Finished: true}},
		},
		{
			// Due 11:10, handed over 15:10: 20 minutes before lunch and 2h10 after.
			name: "the desk late to hand over", s: paper,
			finished: map[string]string{"receive": "2026-02-12 15:10"}, now: "2026-02-12 16:00",
			want: []Late{{Step: "receive", Role: "commune-desk", Over: 2*h + 30*m, Finished: true}},
		},
		{
			// Both parallel branches over their 12 hours: each agency is named.
			name: "parallel, both branches late", s: electronic,
			finished: map[string]string{"receive": "2026-02-12 11:10", "register-birth": "2026-02-13 11:10",
				"register-residence": "2026-02-24 08:30"},
			now: "2026-02-24 10:00",
			want: []Late{
				{Step: "register-residence", Role: "commune-police", Over: 1*h + 20*m, Finished: true},
				{Step: "issue-insurance-card", Role: "social-insurance", Over: 2*h + 50*m},
			},
		},
		{
			name: "parallel, one branch late", s: electronic,
			finished: map[string]string{"receive": "2026-02-12 11:10", "register-birth": "2026-02-13 11:10",
				"register-residence": "2026-02-23 10:00"},
			now:  "2026-02-24 07:45",
			want: []Late{{Step: "issue-insurance-card", Role: "social-insurance", Over: 35 * m}},
		},
		{
			// Time outside office hours is not lateness.
			name: "evening after the due is not late", s: paper,
			finished: map[string]string{"receive": "2026-02-12 11:10"}, now: "2026-02-13 11:10",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := tt.s.Progress()
			for i := range p.Steps {
				if f, ok := tt.finished[p.Steps[i].Step]; ok {
					p.Steps[i].Finished = stamp(t, f)
				}
			}
			now := stamp(t, tt.now)
			if diff := cmp.Diff(tt.want, Responsible(tt.s, p, now)); diff != "" {
				t.Errorf("Responsible (-want +got):\n%s", diff)
			}
			// The same answer from a re-planned schedule, and from progress in another order.
			re, err := Replan(tt.s, p, now)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, Responsible(re, p, now)); diff != "" {
				t.Errorf("Responsible on the re-plan (-want +got):\n%s", diff)
			}
			rev := Progress{Steps: make([]StepProgress, len(p.Steps))}
			for i, sp := range p.Steps {
				rev.Steps[len(p.Steps)-1-i] = sp
			}
			if diff := cmp.Diff(tt.want, Responsible(tt.s, rev, now)); diff != "" {
				t.Errorf("Responsible with reordered progress (-want +got):\n%s", diff)
			}
		})
	}
	if Responsible(nil, Progress{}, time.Time{}) != nil {
		t.Error("nil schedule")
	}
}
