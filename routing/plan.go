package routing

import (
	"slices"
	"time"

	"github.com/motcua-go/motcua/calendar"
	"github.com/motcua-go/motcua/procedure"
	"github.com/rickb777/date/v2"
)

// Schedule is a route planned for one dossier: each step's window on the working calendar.
// The end step's Due equals the promised date cal.Due(received, limit). A store keeps it in
// its JSON form (MarshalJSON, UnmarshalJSON), which carries the step graph, so a schedule read
// back answers Responsible and Replan like the one written; give it its calendar with
// WithCalendar.
type Schedule struct {
	Route    string        // route name
	Received time.Time     // receipt instant
	Due      time.Time     // promised return instant
	Total    time.Duration // working time between Received and Due
	Steps    []StepPlan    // in the route's topological order

	route *Route
	cal   *calendar.Calendar
	// own holds each step's Start plus its allotment, in working time. It is nil for a
	// fresh plan, where that is each step's Due except for the end step (endOwn).
	own    []time.Time
	endOwn time.Time
}

// Equal reports whether s and o plan the same route (by name and graph) with the same
// windows, so go-cmp compares schedules without options; a schedule read back from JSON
// equals the one written. The calendar is not compared.
func (s *Schedule) Equal(o *Schedule) bool {
	if s == nil || o == nil {
		return s == o
	}
	if !s.route.sameGraph(o.route) || s.Route != o.Route || !s.Received.Equal(o.Received) || !s.Due.Equal(o.Due) ||
		s.Total != o.Total || len(s.Steps) != len(o.Steps) {
		return false
	}
	for k := range s.Steps {
		a, b := &s.Steps[k], &o.Steps[k]
		if a.Step != b.Step || a.Agency != b.Agency || a.Role != b.Role || a.Task != b.Task ||
			a.Allotted != b.Allotted || a.Consult != b.Consult || !a.Start.Equal(b.Start) || !a.Due.Equal(b.Due) ||
			!s.ownDue(k).Equal(o.ownDue(k)) {
			return false
		}
	}
	return true
}

// sameGraph reports whether r and o have the same steps in the same order with the same
// predecessors.
func (r *Route) sameGraph(o *Route) bool {
	if r == o {
		return true
	}
	if r == nil || o == nil || len(r.steps) != len(o.steps) || r.end != o.end {
		return false
	}
	for k := range r.steps {
		if r.steps[k].ID != o.steps[k].ID || !slices.Equal(r.steps[k].preds, o.steps[k].preds) {
			return false
		}
	}
	return true
}

// ownDue returns step k's Start plus its allotment.
func (s *Schedule) ownDue(k int) time.Time {
	switch {
	case s.own != nil:
		return s.own[k]
	case k == s.route.end:
		return s.endOwn
	}
	return s.Steps[k].Due
}

// scheduleBuf holds a schedule and its steps in one allocation.
type scheduleBuf struct {
	s     Schedule
	steps [8]StepPlan
}

// StepPlan is one step's window: it starts when its last predecessor is due and has its
// Allotted working time.
type StepPlan struct {
	Step     string
	Agency   procedure.AgencyCode
	Role     Function
	Task     Task
	Allotted time.Duration // working time allotted
	Start    time.Time
	Due      time.Time
	Consult  ConsultTerms // what a consult step declares; zero otherwise
}

// StepProgress records when a step was finished (its result handed over); zero if not yet.
type StepProgress struct {
	Step     string
	Finished time.Time
}

// Progress is the progress of a dossier along its schedule, one entry per step.
type Progress struct {
	Steps []StepProgress
}

// Late names a step over its allotment: the agency that must apologise, and by how much.
type Late struct {
	Step     string
	Agency   procedure.AgencyCode
	Role     Function
	Over     time.Duration // working time beyond the allotment
	Finished bool          // false while the step is still running
}

// Plan splits the working time between received and the promised date cal.Due(received,
// limit) across the route, on the working calendar cal.
//
// Each step is allotted its share: a fraction of the whole working time (rounded down to the
// minute), or its fixed working time (a working day is the length of the calendar's working
// day). The remainder — the rounding remainder, or everything left by a route with a "rest"
// step — goes to the route's RemainderStep, which lies on every path. A step starts when
// its last predecessor is due; parallel steps therefore share their window and a join waits
// for the longest branch. The longest path is exactly the working time of the limit, so the
// end step is due at cal.Due(received, limit) exactly. For a limit in calendar days or
// months, the window is the working time between received and that date, split the same way.
//
// A nil cal is calendar.Default(), as in the configurations of packages dossier and onestop.
//
// A nil route is ErrRequired; a limit that is not positive, has an unknown unit, or spans
// more than 100,000 working hours is ErrLimit; fixed allotments longer than the limit are
// ErrTooShort; all come as a *PlanError.
func Plan(r *Route, received time.Time, limit calendar.Limit, cal *calendar.Calendar) (*Schedule, error) {
	if r == nil {
		return nil, &PlanError{Input: "route", Limit: compactLimit(limit), Err: ErrRequired}
	}
	if cal == nil {
		cal = calendar.Default()
	}
	if limit.N <= 0 || !limit.Unit.Valid() {
		return nil, &PlanError{Route: r.spec.Name, Limit: compactLimit(limit), Err: ErrLimit}
	}
	due := cal.Due(received, limit)
	total := cal.WorkingTimeBetween(received, due)
	if total <= 0 || total > maxPathHours*time.Hour {
		return nil, &PlanError{Route: r.spec.Name, Limit: compactLimit(limit), Err: ErrLimit}
	}
	var day time.Duration
	if r.days {
		d := date.NewAt(cal.NextWorkingStart(received).In(calendar.Zone()))
		day = cal.WorkingTimeBetween(d.MidnightIn(calendar.Zone()), (d + 1).MidnightIn(calendar.Zone()))
	}
	n := len(r.steps)
	var s *Schedule
	if n <= len(scheduleBuf{}.steps) {
		buf := new(scheduleBuf)
		s = &buf.s
		s.Steps = buf.steps[:n:n]
	} else {
		s = &Schedule{Steps: make([]StepPlan, n)}
	}
	s.Route, s.Received, s.Due, s.Total, s.route, s.cal = r.spec.Name, received, due, total, r, cal
	// offsets: start and end of each step in working time from received.
	var buf [2 * 16]time.Duration
	off := buf[:0]
	if 2*n > len(buf) {
		off = make([]time.Duration, 0, 2*n)
	}
	off = off[:2*n]
	totalMin := int64(total / time.Minute)
	for pass := 0; pass < 2; pass++ {
		for k := range r.steps {
			st := &r.steps[k]
			var start time.Duration
			for _, p := range st.preds {
				if e := off[2*p+1]; e > start {
					start = e
				}
			}
			d := s.Steps[k].Allotted
			if pass == 0 {
				switch sh := st.Share; {
				case sh.Den > 0:
					d = time.Duration(totalMin*int64(sh.Num)/int64(sh.Den)) * time.Minute
				case sh.Limit.N > 0 && sh.Limit.Unit == calendar.WorkingHours:
					d = time.Duration(sh.Limit.N) * time.Hour
				case sh.Limit.N > 0 && sh.Limit.Unit == calendar.WorkingDays:
					d = time.Duration(sh.Limit.N) * day
				}
				s.Steps[k] = StepPlan{Step: st.ID, Agency: st.Agency, Role: st.Role, Task: st.Task, Allotted: d, Consult: st.Consult}
			}
			off[2*k], off[2*k+1] = start, start+d
		}
		if pass == 0 {
			rem := total - off[2*r.end+1]
			if rem < 0 {
				return nil, &PlanError{Route: r.spec.Name, Limit: compactLimit(limit), Err: ErrTooShort}
			}
			s.Steps[r.rem].Allotted += rem
		}
	}
	// Instants: offsets repeat (a step starts when a predecessor is due), so each distinct
	// offset is converted once.
	for k := range s.Steps {
		s.Steps[k].Start = s.instant(off[:2*k], off[2*k])
		s.Steps[k].Due = s.instant(off[:2*k+1], off[2*k+1])
	}
	s.endOwn = s.Steps[r.end].Due
	s.Steps[r.end].Due = due
	return s, nil
}

// After returns the identifiers of the steps that step k of the schedule (in Steps' order)
// waits for: nil for the start step, several for a join. Steps waiting for the same step
// run in parallel. The list is the route's own: do not modify it. Out of range: nil.
func (s *Schedule) After(k int) []string {
	if s == nil || s.route == nil || k < 0 || k >= len(s.route.steps) {
		return nil
	}
	return s.route.steps[k].After
}

// instant converts offset o to an instant, reusing an instant already computed for an equal
// offset among seen (the offsets of earlier starts and dues).
func (s *Schedule) instant(seen []time.Duration, o time.Duration) time.Time {
	if o == 0 {
		return s.Received
	}
	for j := len(seen) - 1; j >= 0; j-- {
		if seen[j] == o {
			if j%2 == 0 {
				return s.Steps[j/2].Start
			}
			return s.Steps[j/2].Due
		}
	}
	return s.calendar().AddWorkingTime(s.Received, o)
}

// Progress returns an empty progress for the schedule: one entry per step, in order.
func (s *Schedule) Progress() Progress {
	p := Progress{Steps: make([]StepProgress, len(s.Steps))}
	for i := range s.Steps {
		p.Steps[i].Step = s.Steps[i].Step
	}
	return p
}

// finished returns when step k of s was finished according to p; zero if not yet.
func (p *Progress) finished(s *Schedule, k int) time.Time {
	id := s.Steps[k].Step
	if k < len(p.Steps) && p.Steps[k].Step == id {
		return p.Steps[k].Finished
	}
	for i := range p.Steps {
		if p.Steps[i].Step == id {
			return p.Steps[i].Finished
		}
	}
	return time.Time{}
}

// Responsible returns the steps over their allotment at now: finished steps that took more
// working time than allotted, and running steps already past it. A step's clock starts when
// its last predecessor finished (the hand-over), so time lost upstream is charged upstream,
// never to the step that received the dossier late. Over is working time. The result is in
// topological order; with a late parallel branch, each late agency is named. Nil when no
// step is over.
//
// A step recorded as finished while a predecessor is not is measured from the
// predecessor's planned due; progress for unknown steps is ignored.
func Responsible(s *Schedule, p Progress, now time.Time) []Late {
	return AppendResponsible(nil, s, p, now)
}

// AppendResponsible appends what Responsible returns to dst, for callers that reuse a buffer.
func AppendResponsible(dst []Late, s *Schedule, p Progress, now time.Time) []Late {
	if s == nil || s.route == nil {
		return dst
	}
	r := s.route
	n := len(r.steps)
	// fin[k] is when step k finished; zero if not yet.
	var buf [16]time.Time
	fin := buf[:]
	if n > len(buf) {
		fin = make([]time.Time, n)
	}
	for k := 0; k < n; k++ {
		fin[k] = p.finished(s, k)
	}
	for k := 0; k < n; k++ {
		done := !fin[k].IsZero()
		// Hand-over: the receipt for the start step, else the latest finish of the
		// predecessors; a step whose predecessor is still running has not started.
		start := s.Received
		started := true
		for _, q := range r.steps[k].preds {
			f := fin[q]
			if f.IsZero() {
				if !done {
					started = false
					break
				}
				f = s.Steps[q].Due
			}
			if f.After(start) {
				start = f
			}
		}
		if !started {
			continue
		}
		end := now
		if done {
			end = fin[k]
		}
		if !end.After(start) {
			continue
		}
		sp := &s.Steps[k]
		var own time.Time
		if start.Equal(sp.Start) {
			own = s.ownDue(k)
		} else {
			own = s.calendar().AddWorkingTime(start, sp.Allotted)
		}
		if !end.After(own) {
			continue
		}
		if over := s.calendar().WorkingTimeBetween(own, end); over > 0 {
			if dst == nil {
				dst = make([]Late, 0, n-k)
			}
			dst = append(dst, Late{Step: sp.Step, Agency: sp.Agency, Role: sp.Role, Over: over, Finished: done})
		}
	}
	return dst
}

// Replan recomputes the windows of the steps not yet finished, given the progress at now.
// The policy keeps the promised date: Due and the end step's due do not move. A finished step
// is shown as it happened (its due becomes its finish). Every other step keeps its
// allotment and starts at its hand-over: the latest finish of its predecessors, or, for a
// predecessor still running, the later of its due and now. So an early step lets the
// following steps start early (the time saved becomes slack before the promised date), and a
// late step pushes the following steps back without shortening them: the lateness stays
// charged to the step that caused it, as Responsible reports it.
//
// No step starts after its due. The end step is due at the promised date, unless it is
// handed over at or after that date (a dossier already late): then it is due its own
// allotment after its hand-over, and Responsible does not blame it for the lateness
// upstream, while Schedule.Due stays the promised date.
//
// Progress that cannot have happened is refused, every problem at once, as a
// *ValidationError with the path of each progress entry: an unknown step or a step named
// twice (ErrUnknownStep, ErrDuplicate), a step finished before the dossier was received
// (ErrBeforeReceipt), a step finished while a step before it is not (ErrPredecessor), and a
// step finished before its hand-over (ErrBeforeHandOver). A nil schedule is a *PlanError.
func Replan(s *Schedule, p Progress, now time.Time) (*Schedule, error) {
	if s == nil || s.route == nil {
		return nil, &PlanError{Input: "schedule", Err: ErrRequired}
	}
	r := s.route
	var ps problems
	// entry[k] is the index in p.Steps of step k's progress, or -1.
	entry := make([]int, len(r.steps))
	for k := range entry {
		entry[k] = -1
	}
	for i, sp := range p.Steps {
		k, ok := r.index[sp.Step]
		switch {
		case !ok:
			ps.addAt("steps", i, "step", sp.Step, ErrUnknownStep)
		case entry[k] >= 0:
			ps.addAt("steps", i, "step", sp.Step, ErrDuplicate)
		default:
			entry[k] = i
		}
	}
	if err := ps.err("progress"); err != nil {
		return nil, err
	}
	finished := func(k int) (time.Time, bool) {
		if entry[k] < 0 {
			return time.Time{}, false
		}
		f := p.Steps[entry[k]].Finished
		return f, !f.IsZero()
	}
	out := &Schedule{Route: s.Route, Received: s.Received, Due: s.Due, Total: s.Total,
		Steps: slices.Clone(s.Steps), route: r, cal: s.cal, own: make([]time.Time, len(s.Steps))}
	for k := range out.own {
		out.own[k] = s.ownDue(k)
	}
	for k := range r.steps {
		st := &r.steps[k]
		fin, done := finished(k)
		start, all := s.Received, true
		for _, q := range st.preds {
			f, ok := finished(int(q))
			if !ok {
				all = false
				f = out.Steps[q].Due
				if !done && now.After(f) {
					f = now
				}
			}
			if f.After(start) {
				start = f
			}
		}
		if done {
			switch {
			case fin.Before(s.Received):
				ps.addAt("steps", entry[k], "finished", fin.Format(time.RFC3339), ErrBeforeReceipt)
				continue
			case !all:
				ps.addAt("steps", entry[k], "finished", fin.Format(time.RFC3339), ErrPredecessor)
				continue
			}
		}
		sp := &out.Steps[k]
		if !start.Equal(s.Steps[k].Start) {
			out.own[k] = s.calendar().AddWorkingTime(start, sp.Allotted)
		}
		sp.Start = start
		switch {
		case done:
			if fin.Before(start) {
				ps.addAt("steps", entry[k], "finished", fin.Format(time.RFC3339), ErrBeforeHandOver)
			}
			sp.Due = fin
		case k == r.end && start.Before(s.Due):
			sp.Due = s.Due
		default:
			// Every other step, and an end step handed over at or after the promised date:
			// its own allotment from its hand-over, so it is not blamed for the lateness
			// upstream. The promised date (Schedule.Due) does not move.
			sp.Due = out.own[k]
		}
	}
	if err := ps.err("progress"); err != nil {
		return nil, err
	}
	return out, nil
}
