package routing

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/motcua-go/motcua/calendar"
	"golang.org/x/text/language"
)

// sampleSchedules plans every sample route, as written (roles unresolved) and bound to a
// commune, fresh and re-planned with a late step.
func sampleSchedules(t testing.TB) []*Schedule {
	t.Helper()
	cal, dir := calendar.Default(), SampleDirectory()
	received := at(2026, 3, 3, 9, 0)
	var out []*Schedule
	for _, name := range SampleSet().Names() {
		r := sample(t, name)
		on := day("2026-03-03")
		loc := code(t, "000.00.31.H49")
		if strings.HasSuffix(name, "2018") {
			on, loc, received = day("2025-06-30"), code(t, "000.10.21.H49"), at(2025, 6, 30, 9, 0)
		}
		bound, err := r.Bind(dir, loc, on)
		if err != nil {
			t.Fatal(err)
		}
		for _, route := range []*Route{r, bound} {
			s, err := Plan(route, received, route.Spec().Limit, cal)
			if err != nil {
				t.Fatal(err)
			}
			p := s.Progress()
			p.Steps[0].Finished = s.Steps[0].Due
			p.Steps[1].Finished = cal.AddWorkingTime(s.Steps[1].Due, 5*time.Hour)
			re, err := Replan(s, p, p.Steps[1].Finished)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, s, re)
		}
	}
	return out
}

// A schedule survives a JSON round trip: equal to the one written, with the same answers
// from Responsible and Replan, so a store can keep it instead of planning again.
func TestScheduleJSONRoundTrip(t *testing.T) {
	for _, s := range sampleSchedules(t) {
		b, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		var back Schedule
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatalf("%s: %v\n%s", s.Route, err, b)
		}
		if diff := cmp.Diff(s, &back); diff != "" {
			t.Errorf("%s: round trip (-want +got):\n%s", s.Route, diff)
		}
		again, _ := json.Marshal(&back)
		if string(again) != string(b) {
			t.Errorf("%s: second encoding differs:\n%s\n%s", s.Route, b, again)
		}
		p := s.Progress()
		p.Steps[0].Finished = s.Steps[0].Due.Add(3 * time.Hour)
		now := s.Due.Add(48 * time.Hour)
		if diff := cmp.Diff(Responsible(s, p, now), Responsible(back.WithCalendar(calendar.Default()), p, now)); diff != "" {
			t.Errorf("%s: Responsible after the round trip (-want +got):\n%s", s.Route, diff)
		}
		want, err1 := Replan(s, p, now)
		got, err2 := Replan(&back, p, now)
		if err1 != nil || err2 != nil {
			t.Fatalf("%s: Replan: %v, %v", s.Route, err1, err2)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s: Replan after the round trip (-want +got):\n%s", s.Route, diff)
		}
	}
}

func TestScheduleJSONValidation(t *testing.T) {
	s, err := Plan(sample(t, "birth-u6-paper"), at(2026, 2, 12, 9, 10), limit(3, calendar.WorkingDays), calendar.Default())
	if err != nil {
		t.Fatal(err)
	}
	good, _ := json.Marshal(s)
	edit := func(f func(m map[string]any)) string {
		var m map[string]any
		if err := json.Unmarshal(good, &m); err != nil {
			t.Fatal(err)
		}
		f(m)
		b, _ := json.Marshal(m)
		return string(b)
	}
	step := func(m map[string]any, k int) map[string]any { return m["steps"].([]any)[k].(map[string]any) }
	tests := []struct {
		name string
		js   string
		en   []string
		is   error
	}{
		{"not JSON", `{"route": `, []string{`$ is not valid JSON: it ends too early`}, ErrSyntax},
		{"unknown field", edit(func(m map[string]any) { m["colour"] = "red" }), []string{`colour is not a known field`}, ErrUnknownField},
		{"no route, no steps", `{"received": "2026-02-12T09:10:00+07:00", "due": "2026-02-17T09:10:00+07:00", "total": "24h"}`,
			[]string{`route is required`, `steps is required`}, ErrRequired},
		{"due before received", edit(func(m map[string]any) { m["due"] = "2026-02-01T09:00:00+07:00" }),
			[]string{`due "2026-02-01T09:00:00+07:00" is not valid`}, ErrInvalid},
		{"bad total", edit(func(m map[string]any) { m["total"] = "-3h" }), []string{`total "-3h" is not valid`}, ErrInvalid},
		{"step starts after its due", edit(func(m map[string]any) { step(m, 4)["due"] = "2026-02-13T09:00:00+07:00" }),
			[]string{`steps[4].due "2026-02-13T09:00:00+07:00" is not valid`}, ErrInvalid},
		{"unknown task and agency", edit(func(m map[string]any) { step(m, 1)["task"] = "sign"; step(m, 1)["agency"] = "H49" }),
			[]string{`steps[1].agency "H49" is not valid`, `steps[1].task "sign" is not valid`}, ErrInvalid},
		{"predecessor after the step", edit(func(m map[string]any) { step(m, 1)["after"] = []string{"return"} }),
			[]string{`steps[1].after[0] "return" names no step of the route`, `steps[0].step "receive" must be exactly one step that no step follows`}, ErrUnknownStep},
		{"two starts", edit(func(m map[string]any) { delete(step(m, 2), "after") }),
			[]string{`steps[2].after must be exactly one step with no predecessor`, `steps[1].step "register-birth" must be exactly one step that no step follows`}, ErrStart},
		{"duplicate step", edit(func(m map[string]any) { step(m, 3)["step"] = "receive" }),
			[]string{`steps[3].step "receive" is used more than once`, `steps[4].after[0] "issue-insurance-card" names no step of the route`,
				`steps[3].step "receive" must be exactly one step that no step follows`}, ErrDuplicate},
		{"consultation on a step that does not consult", edit(func(m map[string]any) {
			step(m, 2)["consult"] = map[string]any{"limit": "12d", "silence_means_consent": true}
		}), []string{`steps[2].consult is declared on a step whose task is register, not consult`}, ErrNotConsult},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := *s
			err := s.UnmarshalJSON([]byte(tt.js))
			var ve *ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("error %v, want a *ValidationError", err)
			}
			want := make([]string, len(tt.en))
			for i, m := range tt.en {
				want[i] = "schedule: " + m
			}
			if diff := cmp.Diff(want, ve.Messages(language.English)); diff != "" {
				t.Errorf("messages (-want +got):\n%s", diff)
			}
			if !errors.Is(err, tt.is) {
				t.Errorf("errors.Is(err, %v) = false", tt.is)
			}
			for _, m := range ve.Messages(language.Vietnamese) {
				if m == "" {
					t.Error("empty Vietnamese message")
				}
			}
			if !s.Equal(&before) {
				t.Error("a rejected document changed the schedule")
			}
		})
	}
	if _, err := json.Marshal(&Schedule{}); !errors.Is(err, ErrRequired) {
		t.Errorf("marshalling an empty schedule: %v", err)
	}
}

// FuzzScheduleJSON feeds arbitrary documents to Schedule.UnmarshalJSON: it never panics; a
// rejected document is a *ValidationError with paths; an accepted schedule encodes to a
// document that decodes to an equal schedule, and Responsible and Replan answer on it.
func FuzzScheduleJSON(f *testing.F) {
	for _, s := range sampleSchedules(f) {
		b, _ := json.Marshal(s)
		f.Add(b)
	}
	f.Add([]byte(`{"route": "r", "received": "2026-02-12T09:10:00+07:00", "due": "2026-02-12T10:10:00+07:00", "total": "1h",
		"steps": [{"step": "a", "task": "decide", "allotted": "1h", "start": "2026-02-12T09:10:00+07:00",
		"due": "2026-02-12T10:10:00+07:00", "own": "2026-02-12T10:10:00+07:00"}]}`))
	f.Add([]byte(`{"steps": [{"step": "a", "after": ["a"]}]}`))
	f.Add([]byte(`[`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var s Schedule
		if err := json.Unmarshal(data, &s); err != nil {
			var ve *ValidationError
			if errors.As(err, &ve) {
				for _, p := range ve.Problems {
					if p.Field == "" || p.Err == nil {
						t.Fatalf("problem without path or sentinel: %#v", p)
					}
				}
			}
			return
		}
		b, err := json.Marshal(&s)
		if err != nil {
			t.Fatalf("marshal an accepted schedule: %v", err)
		}
		var back Schedule
		if err := json.Unmarshal(b, &back); err != nil || !back.Equal(&s) {
			t.Fatalf("round trip: %v\n%s", err, b)
		}
		p := s.Progress()
		if len(p.Steps) > 0 {
			p.Steps[0].Finished = s.Steps[0].Due
		}
		Responsible(&s, p, s.Due)
		if re, err := Replan(&s, p, s.Due); err == nil {
			for _, st := range re.Steps {
				if st.Start.After(st.Due) {
					t.Fatalf("re-planned step %s starts after its due", st.Step)
				}
			}
		}
	})
}
