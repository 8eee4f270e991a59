package routing

import "github.com/motcua-go/motcua/calendar"

// Task is the kind of work a step does.
type Task uint8

// Tasks. Receive and Return are the desk's own steps (Bộ phận Một cửa).
const (
	Receive  Task = iota + 1 // tiếp nhận: the desk receives and forwards
	Verify                   // thẩm định: appraisal or verification
	Decide                   // quyết định: the competent agency decides or signs
	Issue                    // cấp: issue a certificate, card or document
	Register                 // đăng ký: record in a register (residence, civil status, land)
	Pay                      // thu: determine or collect a fee, tax or financial obligation
	Return                   // trả kết quả: the desk returns the result
)

// Kind tells whether the agencies of a route are at one level or several.
type Kind uint8

// Route kinds (Decree 61/2018 Art. 19(6), 19(7)).
const (
	Horizontal Kind = iota + 1 // liên thông ngang: several agencies at the same level
	Vertical                   // liên thông dọc: agencies at different levels
)

// Share is a step's allotment of the procedure's time: a fraction Num/Den of the whole, a
// fixed working time (Limit in WorkingDays or WorkingHours), or the remainder (Rest).
// In JSON: "1/4", "4wh", "1wd" or "rest".
type Share struct {
	Num, Den int
	Limit    calendar.Limit
	Rest     bool
}

// Step is one node of a route: an agency (by code or by role) doing a task within its share,
// after all of its predecessors are done. A step with several predecessors is a join.
type Step struct {
	ID     string
	Agency AgencyCode // fixed agency; zero when Role is set
	Role   Role       // agency resolved against the locality; empty when Agency is set
	Task   Task
	Share  Share
	After  []string // predecessors by ID; empty only for the start step
	Note   string   // where the share comes from; inferred splits say so here
}

// Spec is the data of a route, as written in JSON.
type Spec struct {
	Name  string         // unique name used by selection rules
	Title string         // display title
	Kind  Kind           // horizontal or vertical
	Basis []string       // legal basis
	Limit calendar.Limit // published time limit the shares were written for; zero if none
	Lead  string         // ID of the lead agency's step (cơ quan chủ trì); empty if none
	Note  string         // remarks, including which splits are inferred
	Steps []Step
}

// Route is a validated route: a DAG of steps with one start and one end, every step
// reachable, known agencies and allotments that add up. Build one with ParseRoute or
// NewRoute. A Route is immutable and safe for concurrent use.
type Route struct {
	spec  Spec
	index map[string]int // step ID → position in spec.Steps (topological order)
	preds [][]int32      // predecessors by position
	rest  int            // position receiving the remainder
}
