package dossier

import (
	"github.com/motcua-go/motcua/routing"
)

// StepsFrom turns a route schedule into the steps of a Transfer command, in the schedule's
// order: one step per route step with its agency (or its role, when the agency is resolved
// later), task and due time. Parallel steps are taken in that order, one after the other.
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

// Holder returns the step now in hand and true, or false when no step is (before transfer,
// after the result).
func (d *Dossier) Holder() (StepRecord, bool) {
	if d == nil {
		return StepRecord{}, false
	}
	if d.State != InProcess && d.State != SupplementRequested && d.State != AwaitingObligation || d.Current >= len(d.Steps) {
		return StepRecord{}, false
	}
	return d.Steps[d.Current], true
}
