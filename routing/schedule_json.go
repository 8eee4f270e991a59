package routing

import (
	"encoding/json"
	"slices"
	"strconv"
	"time"

	"github.com/motcua-go/motcua/calendar"
)

// scheduleJSON is the stored form of a Schedule. Each step carries its predecessors and its
// own due (its start plus its allotment), so a decoded schedule answers Responsible and
// Replan without its route.
type scheduleJSON struct {
	Route    string    `json:"route"`
	Received time.Time `json:"received"`
	Due      time.Time `json:"due"`
	Total    string    `json:"total"`
	Steps    listJSON  `json:"steps"` // of stepPlanJSON, read one at a time
}

type stepPlanJSON struct {
	Step     string       `json:"step"`
	Agency   string       `json:"agency,omitempty"`
	Role     Function     `json:"role,omitempty"`
	Task     string       `json:"task"`
	Allotted string       `json:"allotted"`
	Start    time.Time    `json:"start"`
	Due      time.Time    `json:"due"`
	Own      time.Time    `json:"own"`
	After    []string     `json:"after,omitempty"`
	Consult  *consultJSON `json:"consult,omitempty"`
}

// MarshalJSON writes the schedule for a store:
//
//	{"route": "birth-u6-paper", "received": "2026-02-12T09:10:00+07:00", "due": "…", "total": "24h0m0s",
//	 "steps": [{"step": "receive", "agency": "000.00.31.H49", "role": "commune-desk", "task": "receive",
//	            "allotted": "2h0m0s", "start": "…", "due": "…", "own": "…"},
//	           {"step": "register-birth", …, "after": ["receive"]}, …]}
//
// "own" is the step's start plus its allotment, what Responsible measures the step against;
// "after" names its predecessors. The working calendar is not written: see UnmarshalJSON.
func (s *Schedule) MarshalJSON() ([]byte, error) {
	if s == nil || s.route == nil {
		return nil, &PlanError{Err: ErrRequired}
	}
	// The form UnmarshalJSON reads (scheduleJSON), its steps as a list.
	out := struct {
		Route    string         `json:"route"`
		Received time.Time      `json:"received"`
		Due      time.Time      `json:"due"`
		Total    string         `json:"total"`
		Steps    []stepPlanJSON `json:"steps"`
	}{Route: s.Route, Received: s.Received, Due: s.Due, Total: s.Total.String(),
		Steps: make([]stepPlanJSON, len(s.Steps))}
	for k, st := range s.Steps {
		sj := stepPlanJSON{Step: st.Step, Agency: st.Agency.String(), Role: st.Role, Task: st.Task.String(),
			Allotted: st.Allotted.String(), Start: st.Start, Due: st.Due, Own: s.ownDue(k)}
		for _, p := range s.route.steps[k].preds {
			sj.After = append(sj.After, s.Steps[p].Step)
		}
		if st.Consult != (ConsultTerms{}) {
			sj.Consult = &consultJSON{Limit: compactLimit(st.Consult.Limit), SilenceMeansConsent: st.Consult.SilenceMeansConsent}
		}
		out.Steps[k] = sj
	}
	return json.Marshal(out)
}

// UnmarshalJSON reads a schedule written by MarshalJSON and validates it: steps in
// topological order (each after its predecessors, the first the only start and the last the
// only end), unique step IDs, known tasks, valid agency codes, no step starting after its
// due, and times in order. Every problem is reported at once in a *ValidationError named
// "schedule", with its JSON path; s is unchanged on error.
//
// The calendar is not stored: a decoded schedule works on calendar.Default() until
// WithCalendar gives it the calendar it was planned on.
func (s *Schedule) UnmarshalJSON(data []byte) error {
	var sj scheduleJSON
	var ps problems
	var steps []stepPlanJSON
	var skip skipper
	sj.Steps.elem = func(dec *json.Decoder, i int) {
		if i >= maxSteps {
			skip.skip(dec)
			return
		}
		var st stepPlanJSON
		if err := dec.Decode(&st); err != nil {
			ps.addJSON("steps", i, err)
			return
		}
		steps = append(steps, st)
	}
	if decodeDoc(data, &sj, &ps) {
		sj.Steps.check(&ps, "steps")
	}
	if !ps.none() {
		return ps.err("schedule")
	}
	fail := ps.add
	out := Schedule{Route: sj.Route, Received: sj.Received, Due: sj.Due}
	if sj.Route == "" {
		fail("route", "", ErrRequired)
	}
	if sj.Received.IsZero() {
		fail("received", "", ErrRequired)
	}
	if sj.Due.IsZero() {
		fail("due", "", ErrRequired)
	} else if sj.Due.Before(sj.Received) {
		fail("due", sj.Due.Format(time.RFC3339), ErrInvalid)
	}
	if d, err := time.ParseDuration(sj.Total); err != nil || d < 0 || d > maxPathHours*time.Hour {
		fail("total", sj.Total, ErrInvalid)
	} else {
		out.Total = d
	}
	n := sj.Steps.n
	switch {
	case n == 0:
		fail("steps", "", ErrRequired)
	case n > maxSteps:
		fail("steps", "", tooLong{max: maxSteps, unit: "step"})
		n = 0
	}
	r := &Route{spec: Spec{Name: sj.Route}, steps: make([]cstep, n), index: make(map[string]int, n), end: n - 1, rem: n - 1}
	out.Steps, out.own, out.route = make([]StepPlan, n), make([]time.Time, n), r
	succs := make([]int, n)
	for k := range n {
		st := steps[k]
		p := fieldParser{ps: &ps, list: "steps", i: k}
		sp := StepPlan{Step: st.Step, Role: st.Role, Start: st.Start, Due: st.Due, Agency: p.code("agency", st.Agency)}
		switch _, dup := r.index[st.Step]; {
		case st.Step == "":
			ps.addAt("steps", k, "step", "", ErrRequired)
		case dup:
			ps.addAt("steps", k, "step", st.Step, ErrDuplicate)
		default:
			r.index[st.Step] = k
		}
		if err := sp.Task.UnmarshalText([]byte(st.Task)); err != nil {
			ps.addAt("steps", k, "task", st.Task, ErrInvalid)
		}
		if d, err := time.ParseDuration(st.Allotted); err != nil || d < 0 || d > maxPathHours*time.Hour {
			ps.addAt("steps", k, "allotted", st.Allotted, ErrInvalid)
		} else {
			sp.Allotted = d
		}
		switch {
		case st.Start.IsZero():
			ps.addAt("steps", k, "start", "", ErrRequired)
		case st.Due.IsZero():
			ps.addAt("steps", k, "due", "", ErrRequired)
		case st.Start.After(st.Due):
			ps.addAt("steps", k, "due", st.Due.Format(time.RFC3339), ErrInvalid)
		case st.Start.Before(sj.Received):
			ps.addAt("steps", k, "start", st.Start.Format(time.RFC3339), ErrInvalid)
		}
		if st.Own.IsZero() || st.Own.Before(st.Start) {
			ps.addAt("steps", k, "own", st.Own.Format(time.RFC3339), ErrInvalid)
		}
		if c := st.Consult; c != nil {
			l, err := parseLimit(c.Limit)
			switch {
			case sp.Task != Consult:
				ps.addAt("steps", k, "consult", "", notConsult{task: sp.Task})
			case err != nil:
				ps.addAt("steps", k, "consult.limit", c.Limit, ErrLimit)
			default:
				sp.Consult = ConsultTerms{Limit: l, SilenceMeansConsent: c.SilenceMeansConsent}
			}
		}
		if (k == 0) != (len(st.After) == 0) {
			ps.addAt("steps", k, "after", "", ErrStart)
		}
		cs := cstep{Step: Step{ID: st.Step, Agency: sp.Agency, Role: st.Role, Task: sp.Task, After: cloneOrNil(st.After)}}
		for j, a := range st.After {
			q, ok := r.index[a]
			switch {
			case !ok || q == k:
				// Predecessors come first: a later or unknown step breaks the order.
				ps.addSub("steps", k, "after", j, a, ErrUnknownStep)
			case slices.Contains(cs.preds, int32(q)):
				ps.addSub("steps", k, "after", j, a, ErrDuplicate)
			default:
				cs.preds = append(cs.preds, int32(q))
				succs[q]++
			}
		}
		r.steps[k] = cs
		out.Steps[k], out.own[k] = sp, st.Own
	}
	for k := 0; k < n-1; k++ {
		if succs[k] == 0 {
			fail("steps["+strconv.Itoa(k)+"].step", steps[k].Step, ErrEnd)
		}
	}
	if err := ps.err("schedule"); err != nil {
		return err
	}
	*s = out
	return nil
}

// WithCalendar returns a copy of the schedule that works on cal: give a schedule read from
// a store the calendar it was planned on. A nil cal leaves the schedule as it is.
func (s *Schedule) WithCalendar(cal *calendar.Calendar) *Schedule {
	if s == nil || cal == nil {
		return s
	}
	out := *s
	out.cal = cal
	return &out
}

// calendar returns the schedule's working calendar; calendar.Default() for a schedule read
// from JSON and not given one.
func (s *Schedule) calendar() *calendar.Calendar {
	if s.cal == nil {
		return calendar.Default()
	}
	return s.cal
}
