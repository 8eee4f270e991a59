package routing

import (
	"time"

	"github.com/motcua-go/motcua/calendar"
)

// Schedule is a route planned for one dossier: each step's window on the working calendar.
// The end step's Due equals the promised date cal.Due(received, limit).
type Schedule struct {
	Route    string        // route name
	Received time.Time     // receipt instant
	Due      time.Time     // promised return instant
	Total    time.Duration // working time between Received and Due
	Steps    []StepPlan    // in the route's topological order

	route *Route
	cal   *calendar.Calendar
}

// StepPlan is one step's window: it starts when its last predecessor is due and has its
// Allotted working time.
type StepPlan struct {
	Step     string
	Agency   AgencyCode
	Role     Role
	Task     Task
	Allotted time.Duration // working time allotted
	Start    time.Time
	Due      time.Time
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
	Agency   AgencyCode
	Role     Role
	Over     time.Duration // working time beyond the allotment
	Finished bool          // false while the step is still running
}
