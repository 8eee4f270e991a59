package routing

import (
	"encoding/json"
	"errors"
	"math/rand/v2"
	"os"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/motcua-go/motcua/calendar"
	"golang.org/x/text/language"
)

const h, m = time.Hour, time.Minute

// TestPlanArithmetic runs the vectors of testdata/plan_vectors.json: a route (a sample or
// one defined in the file), a receipt, a limit, and every step's allotment and window.
func TestPlanArithmetic(t *testing.T) {
	raw, err := os.ReadFile("testdata/plan_vectors.json")
	if err != nil {
		t.Fatal(err)
	}
	var file struct {
		Routes  map[string]json.RawMessage
		Vectors []struct {
			Name, Route, Received, Limit, Total string
			Windows                             [][4]string
		}
	}
	if err := json.Unmarshal(raw, &file); err != nil {
		t.Fatal(err)
	}
	cal := calendar.Default()
	for _, v := range file.Vectors {
		t.Run(v.Name, func(t *testing.T) {
			r, ok := SampleSet().Route(v.Route)
			if !ok {
				r = mustRoute(t, string(file.Routes[v.Route]))
			}
			l, err := calendar.ParseLimit(v.Limit)
			if err != nil {
				t.Fatal(err)
			}
			received := stamp(t, v.Received)
			s, err := Plan(r, received, l, cal)
			if err != nil {
				t.Fatal(err)
			}
			want := make([]window, len(v.Windows))
			for i, w := range v.Windows {
				d, err := time.ParseDuration(w[1])
				if err != nil {
					t.Fatal(err)
				}
				want[i] = window{w[0], d, w[2], w[3]}
			}
			if diff := cmp.Diff(want, windows(s)); diff != "" {
				t.Errorf("windows (-want +got):\n%s", diff)
			}
			if total, err := time.ParseDuration(v.Total); err != nil || s.Total != total {
				t.Errorf("Total = %v, want %s", s.Total, v.Total)
			}
			if due := cal.Due(received, l); !s.Due.Equal(due) || !s.Steps[len(s.Steps)-1].Due.Equal(due) {
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
			"route land-transfer: time limit 5 working days is shorter than the fixed allotments",
			"quy trình land-transfer: thời hạn 5 ngày làm việc ngắn hơn tổng thời gian cố định đã phân bổ"},
		{"zero limit", r, limit(0, calendar.WorkingDays), cal, ErrLimit,
			"route land-transfer: time limit 0 working days is not a usable time limit",
			"quy trình land-transfer: thời hạn 0 ngày làm việc không phải là thời hạn dùng được"},
		{"longer than any procedure", r, limit(1000000, calendar.WorkingDays), cal, ErrLimit,
			"route land-transfer: time limit 1000000 working days is not a usable time limit",
			"quy trình land-transfer: thời hạn 1000000 ngày làm việc không phải là thời hạn dùng được"},
		{"unknown unit", r, limit(3, 9), cal, ErrLimit,
			`route land-transfer: time limit "3?" is not a usable time limit`,
			`quy trình land-transfer: thời hạn "3?" không phải là thời hạn dùng được`},
		{"no route", nil, limit(8, calendar.WorkingDays), cal, ErrRequired,
			"route is required", "quy trình là bắt buộc"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Plan(tt.r, at(2026, 3, 2, 8, 0), tt.limit, tt.cal)
			var pe *PlanError
			if s != nil || !errors.Is(err, tt.is) || !errors.As(err, &pe) {
				t.Fatalf("Plan = %v, %v; want %v", s, err, tt.is)
			}
			if pe.Message(language.English) != tt.en || pe.Message(language.Vietnamese) != tt.vi {
				t.Errorf("messages:\n%s\n%s", pe.Message(language.English), pe.Message(language.Vietnamese))
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
			// allotments and move back; the promised date stays, and the return, handed over
			// after it, gets its own allotment — the dossier will be late.
			name:     "late step",
			finished: map[string]string{"receive": "2026-02-12 11:10", "register-birth": "2026-02-23 09:10"}, now: "2026-02-23 09:10",
			want: []window{
				{"receive", 2 * h, "2026-02-12 09:10", "2026-02-12 11:10"},
				{"register-birth", 8 * h, "2026-02-12 11:10", "2026-02-23 09:10"},
				{"register-residence", 6 * h, "2026-02-23 09:10", "2026-02-23 16:40"},
				{"issue-insurance-card", 6 * h, "2026-02-23 16:40", "2026-02-24 14:40"},
				{"return", 2 * h, "2026-02-24 14:40", "2026-02-24 16:40"},
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
				{"return", 2 * h, "2026-02-24 15:30", "2026-02-25 08:00"},
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
			if (tt.finished == nil) != cmp.Equal(s, got) {
				t.Errorf("Equal(plan, re-plan) = %v with progress %v", cmp.Equal(s, got), tt.finished)
			}
			// Re-planning is stable: the same progress gives the same schedule.
			again, err := Replan(got, p, stamp(t, tt.now))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(got, again); diff != "" {
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
		if got, want := ve.Messages(language.English), []string{`progress: steps[1].finished "2026-02-12T10:00:00+07:00" is before the step received the dossier`}; !cmp.Equal(got, want) {
			t.Errorf("finished before hand-over: %q", got)
		}
		if got, want := ve.Messages(language.Vietnamese), []string{`tiến độ xử lý: thời điểm hoàn thành của bước thứ 2 "2026-02-12T10:00:00+07:00" trước thời điểm bước nhận hồ sơ`}; !cmp.Equal(got, want) {
			t.Errorf("finished before hand-over: %q", got)
		}
		p = Progress{Steps: []StepProgress{{Step: "receive"}, {Step: "return"}, {Step: "receive"}}}
		_, err = Replan(s, p, s.Received)
		if !errors.As(err, &ve) || !errors.Is(err, ErrDuplicate) || ve.Problems[0].Field != "steps[2].step" {
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
	// AppendResponsible reuses the caller's buffer.
	s := paper
	p := s.Progress()
	p.Steps[0].Finished = stamp(t, "2026-02-12 15:10")
	buf := make([]Late, 1, 4)
	got := AppendResponsible(buf, s, p, stamp(t, "2026-02-12 16:00"))
	if len(got) != 2 || &got[0] != &buf[0] || got[1].Step != "receive" {
		t.Errorf("AppendResponsible = %+v", got)
	}
}
