package dossier

import (
	"time"

	"github.com/motcua-go/motcua/routing"
)

// StepsFrom turns a route schedule into the steps of a Transfer command, in the schedule's
// (topological) order: one step per route step with its agency (or its role, when the agency
// is resolved later), task, due time and the steps it waits for (StepRecord.After, kept only
// when it is not simply the step before it). Parallel steps are held at once: after a
// hand-over every step whose predecessors are all done starts, so the agencies of an
// electronic liên thông group work in parallel, each with its task and deadline (Decree
// 118/2025 Art. 20(2)(b)). The After lists are shared with the route, which never changes
// them.
func StepsFrom(s *routing.Schedule) []StepRecord {
	if s == nil {
		return nil
	}
	steps := make([]StepRecord, len(s.Steps))
	for i, sp := range s.Steps {
		agency := sp.Agency.String()
		if sp.Agency.IsZero() {
			agency = string(sp.Role)
		}
		steps[i] = StepRecord{ID: sp.Step, Agency: agency, Task: sp.Task.String(), Due: sp.Due}
		if after := s.After(i); i > 0 && !(len(after) == 1 && after[0] == s.Steps[i-1].Step) {
			steps[i].After = after
		}
	}
	return steps
}

// Progress returns the dossier's progress along its route, for routing.Responsible: each
// step with the instant it was finished (zero if not yet).
func (d *Dossier) Progress() routing.Progress {
	if d == nil {
		return routing.Progress{}
	}
	p := routing.Progress{Steps: make([]routing.StepProgress, len(d.Steps))}
	for i, s := range d.Steps {
		p.Steps[i] = routing.StepProgress{Step: s.ID, Finished: s.Done}
	}
	return p
}

// holding reports whether the dossier is in the hands of the agencies of its route.
func (d *Dossier) holding() bool {
	return d.State == InProcess || d.State == SupplementRequested || d.State == AwaitingObligation
}

// Holder returns the step now in hand and true, or false when no step is (before transfer,
// after the result). When parallel steps are in hand (Decree 118/2025 Art. 20(2)(b)) it is
// the first of them in the route's order; InHand lists them all and Holds finds an agency's.
func (d *Dossier) Holder() (StepRecord, bool) {
	if d == nil || !d.holding() || d.Current >= len(d.Steps) {
		return StepRecord{}, false
	}
	return d.Steps[d.Current], true
}

// InHand lists the steps now in hand, in the route's order: started and not finished. One
// step on a sequential route; every branch under way on a route with parallel steps. Nil
// when no step is in hand (before transfer, after the result).
func (d *Dossier) InHand() []StepRecord {
	if d == nil || !d.holding() {
		return nil
	}
	var out []StepRecord
	for _, s := range d.Steps {
		if !s.Start.IsZero() && s.Done.IsZero() {
			out = append(out, s)
		}
	}
	return out
}

// Holds returns the step in hand of the agency (a QCVN 102 code) and true, or false when the
// agency holds no step of the dossier now.
func (d *Dossier) Holds(agency string) (StepRecord, bool) {
	if d == nil || !d.holding() {
		return StepRecord{}, false
	}
	if k := d.runningOf(agency); k >= 0 {
		return d.Steps[k], true
	}
	return StepRecord{}, false
}

// running reports whether step k is in hand: started and not finished.
func (d *Dossier) running(k int) bool {
	return k >= 0 && k < len(d.Steps) && !d.Steps[k].Start.IsZero() && d.Steps[k].Done.IsZero()
}

// runningOf returns the first step in hand of agency, or -1.
func (d *Dossier) runningOf(agency string) int {
	for k := range d.Steps {
		if d.running(k) && d.Steps[k].Agency == agency {
			return k
		}
	}
	return -1
}

// stepOf returns the step a command of actor acts on: for an officer, the step in hand of
// the officer's agency (parallel steps are held by several agencies at once); otherwise, or
// when the officer's agency holds none, the first step in hand (Current), on which the
// agency check then fails.
func (d *Dossier) stepOf(a Actor) int {
	if a.Role == RoleOfficer {
		if k := d.runningOf(a.Agency); k >= 0 {
			return k
		}
	}
	return d.Current
}

// index returns the position of the step with the identifier id among the first n steps,
// or -1.
func (d *Dossier) index(id string, n int) int {
	for j := 0; j < n && j < len(d.Steps); j++ {
		if d.Steps[j].ID == id {
			return j
		}
	}
	return -1
}

// preds calls fn with the position of each step that step k waits for: those of its After,
// else the step before it (none for the first).
func (d *Dossier) preds(k int, fn func(p int)) {
	if k <= 0 || k >= len(d.Steps) {
		return
	}
	after := d.Steps[k].After
	if len(after) == 0 {
		fn(k - 1)
		return
	}
	for _, id := range after {
		if p := d.index(id, k); p >= 0 {
			fn(p)
		}
	}
}

// hasPred reports whether step k waits for some step.
func (d *Dossier) hasPred(k int) bool {
	found := false
	d.preds(k, func(int) { found = true })
	return found
}

// firstPred returns the first step that step k waits for, or -1.
func (d *Dossier) firstPred(k int) int {
	first := -1
	d.preds(k, func(p int) {
		if first < 0 {
			first = p
		}
	})
	return first
}

// ready reports whether every step that step k waits for is done.
func (d *Dossier) ready(k int) bool {
	ok := true
	d.preds(k, func(p int) { ok = ok && !d.Steps[p].Done.IsZero() })
	return ok
}

// successor returns the first step waiting for step k, or -1 when none does (k is the end
// of the route).
func (d *Dossier) successor(k int) int {
	for j := k + 1; j < len(d.Steps); j++ {
		found := false
		d.preds(j, func(p int) { found = found || p == k })
		if found {
			return j
		}
	}
	return -1
}

// nextReady returns the first step that a hand-over of step k starts: waiting for k, not
// started, every other step it waits for done; -1 when the hand-over starts none (a join
// still waiting for a parallel branch).
func (d *Dossier) nextReady(k int) int {
	for j := k + 1; j < len(d.Steps); j++ {
		if !d.Steps[j].Start.IsZero() || !d.Steps[j].Done.IsZero() {
			continue
		}
		waits := false
		d.preds(j, func(p int) { waits = waits || p == k })
		if waits && d.readyWith(j, k) {
			return j
		}
	}
	return -1
}

// readyWith reports whether step j is ready once step k is done.
func (d *Dossier) readyWith(j, k int) bool {
	ok := true
	d.preds(j, func(p int) { ok = ok && (p == k || !d.Steps[p].Done.IsZero()) })
	return ok
}

// othersDone reports whether every step but k is done.
func (d *Dossier) othersDone(k int) bool {
	for j := range d.Steps {
		if j != k && d.Steps[j].Done.IsZero() {
			return false
		}
	}
	return true
}

// recallTarget returns the step a recall of actor takes back: for an officer, the first step
// in hand that waits for a step of the officer's agency; otherwise the first step in hand.
func (d *Dossier) recallTarget(a Actor) int {
	if a.Role == RoleOfficer {
		for k := range d.Steps {
			if !d.running(k) {
				continue
			}
			found := false
			d.preds(k, func(p int) { found = found || d.Steps[p].Agency == a.Agency })
			if found {
				return k
			}
		}
	}
	return d.Current
}

// settle sets Current to the first step in hand; unchanged when none is.
func (d *Dossier) settle() {
	for k := range d.Steps {
		if d.running(k) {
			d.Current = k
			return
		}
	}
}

// handOff finishes step k at the instant at and starts every step then ready.
func (d *Dossier) handOff(k int, ev *Event) {
	at := ev.At
	d.Steps[k].Done = at
	for j := k + 1; j < len(d.Steps); j++ {
		if d.Steps[j].Start.IsZero() && d.Steps[j].Done.IsZero() && d.ready(j) {
			d.Steps[j].Start = at
		}
	}
	d.settle()
}

// takeBack returns step k to the steps it waits for: k is no longer started, and they are
// in hand again.
func (d *Dossier) takeBack(k int) {
	d.Steps[k].Start = time.Time{}
	d.preds(k, func(p int) { d.Steps[p].Done = time.Time{} })
	d.settle()
}
