package routing

import (
	"encoding/json"
	"errors"
	"math/big"
	"slices"
	"strconv"
	"strings"

	"github.com/motcua-go/motcua/calendar"
	"github.com/motcua-go/motcua/procedure"
	"github.com/rickb777/date/v2"
)

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
	Consult                  // lấy ý kiến: another agency gives its opinion (Decree 61/2018 Art. 19(5))
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

// ConsultTerms is what a consult step declares about the opinion asked of its agency (lấy ý
// kiến, Decree 61/2018 Art. 19(5)): the time the consulted agency has to answer, as the
// sector law publishes it (e.g. 12 calendar days for a construction permit), and whether an
// agency that does not answer by then is deemed to agree. The zero value declares nothing.
// The step's Share is its window in the plan; Limit is the consulted agency's own deadline,
// counted from the request.
type ConsultTerms struct {
	Limit               calendar.Limit
	SilenceMeansConsent bool
}

// Step is one node of a route: an agency, given by its code or by the Function it performs
// (Role), doing a task within its share, after all of its predecessors are done. A step with
// several predecessors is a join. ID and Role are at most MaxNameLen characters, Note
// MaxTextLen.
type Step struct {
	ID      string
	Agency  procedure.AgencyCode // fixed agency; zero when Role is set
	Role    Function             // agency resolved against the locality; empty when Agency is set
	Task    Task
	Share   Share
	After   []string     // predecessors by ID; empty only for the start step
	Note    string       // where the share comes from; inferred splits say so here
	Consult ConsultTerms // only on a Consult step; zero if the route declares nothing
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
	steps []cstep        // topological order
	index map[string]int // step ID → position in steps
	rem   int            // position that receives the remainder
	end   int            // position of the end step
	days  bool           // some share is in working days
}

// cstep is a compiled step.
type cstep struct {
	Step
	preds []int32 // positions of predecessors in Route.steps
}

// Bounds on the size of a route, so that no sum of working time can overflow.
const (
	maxSteps     = 200
	maxFixed     = 10000  // working days or hours in one fixed share
	maxPathHours = 100000 // fixed working time along one path (a working day counted as
	// 24h), and the longest working time Plan accepts for a limit
)

type stepJSON struct {
	ID      string       `json:"id"`
	Agency  string       `json:"agency,omitempty"`
	Role    Function     `json:"role,omitempty"`
	Task    string       `json:"task"`
	Share   string       `json:"share"`
	After   []string     `json:"after,omitempty"`
	Note    string       `json:"note,omitempty"`
	Consult *consultJSON `json:"consult,omitempty"`
}

type consultJSON struct {
	Limit               string `json:"limit"`
	SilenceMeansConsent bool   `json:"silence_means_consent,omitempty"`
}

type routeJSON struct {
	Name  string   `json:"name"`
	Title string   `json:"title,omitempty"`
	Kind  string   `json:"kind"`
	Basis []string `json:"basis,omitempty"`
	Limit string   `json:"limit,omitempty"`
	Lead  string   `json:"lead,omitempty"`
	Note  string   `json:"note,omitempty"`
	Steps listJSON `json:"steps"`
}

// ParseRoute reads a route from JSON and validates it against dir (nil dir: agency codes are
// checked for form only and functions are not checked). Every problem is reported at once in a
// *ValidationError, each with its JSON path, e.g. `steps[2].after[0] "verfy" names no step
// of the route`; the first 100 problems are listed and the rest counted. A route has at most
// 200 steps; names and IDs are at most MaxNameLen characters, notes and legal bases
// MaxTextLen.
//
//	{"name": "birth-u6", "title": "…", "kind": "horizontal", "basis": ["Decree 63/2024/NĐ-CP"],
//	 "limit": "3wd", "lead": "register-birth", "note": "…",
//	 "steps": [{"id": "receive", "role": "commune-desk", "task": "receive", "share": "1/12"},
//	           {"id": "register-birth", "role": "civil-status", "task": "register",
//	            "share": "1/3", "after": ["receive"], "note": "…"}, …]}
func ParseRoute(data []byte, dir *Directory) (*Route, error) {
	var ps problems
	spec, broken, ok := decodeSpec(data, &ps)
	if !ok {
		return nil, ps.err(spec.Name)
	}
	if ps.none() {
		return NewRoute(spec, dir)
	}
	// Keep the decoding problems, and the validation problems they do not explain: a field
	// that could not be read is not also reported as missing, an unreadable step is not
	// checked, and with an unreadable step the graph is not checked.
	unread := make(map[string]bool, len(ps.list))
	for _, p := range ps.list {
		unread[p.Field] = true
	}
	v := validator{spec: &spec, dir: dir, broken: broken, unread: unread, ps: &ps}
	v.run()
	return nil, ps.err(spec.Name)
}

// decodeSpec reads the route document, its steps one at a time: ok is false when it could
// not be read at all (ps then holds the one reason); broken lists the steps that could not
// be read (they are zero in spec).
func decodeSpec(data []byte, ps *problems) (spec Spec, broken map[int]bool, ok bool) {
	var rj routeJSON
	var stepProblems problems
	var skip skipper
	rj.Steps.elem = func(dec *json.Decoder, i int) {
		if i >= maxSteps {
			skip.skip(dec)
			return
		}
		var sj stepJSON
		if err := dec.Decode(&sj); err != nil {
			stepProblems.addJSON("steps", i, err)
			if broken == nil {
				broken = make(map[int]bool)
			}
			broken[i] = true
			spec.Steps = append(spec.Steps, Step{})
			return
		}
		sp := fieldParser{ps: &stepProblems, list: "steps", i: i}
		st := Step{ID: sj.ID, Agency: sp.code("agency", sj.Agency), Role: sj.Role, After: sj.After, Note: sj.Note}
		if sj.Task != "" {
			t, ok := parseTask(sj.Task)
			if !ok {
				sp.fail("task", sj.Task, ErrInvalid)
			}
			st.Task = t
		}
		if sj.Share != "" {
			sh, err := ParseShare(sj.Share)
			if err != nil {
				sp.fail("share", sj.Share, ErrInvalid)
			}
			st.Share = sh
		}
		if c := sj.Consult; c != nil {
			st.Consult.SilenceMeansConsent = c.SilenceMeansConsent
			switch l, err := parseLimit(c.Limit); {
			case c.Limit == "":
				sp.fail("consult.limit", "", ErrRequired)
			case err != nil:
				sp.fail("consult.limit", c.Limit, ErrLimit)
			default:
				st.Consult.Limit = l
			}
		}
		spec.Steps = append(spec.Steps, st)
	}
	if !decodeDoc(data, &rj, ps) {
		return Spec{}, nil, false
	}
	spec.Name, spec.Title, spec.Basis, spec.Lead, spec.Note = rj.Name, rj.Title, rj.Basis, rj.Lead, rj.Note
	if rj.Steps.n > maxSteps {
		*ps = problems{}
		ps.add("steps", "", tooLong{max: maxSteps, unit: "step"})
		return spec, nil, false
	}
	rj.Steps.check(ps, "steps")
	p := fieldParser{ps: ps, i: -1}
	if rj.Kind != "" {
		k, ok := parseKind(rj.Kind)
		if !ok {
			p.fail("kind", rj.Kind, ErrInvalid)
		}
		spec.Kind = k
	}
	if rj.Limit != "" {
		l, err := parseLimit(rj.Limit)
		if err != nil {
			p.fail("limit", rj.Limit, ErrLimit)
		}
		spec.Limit = l
	}
	ps.merge(&stepProblems)
	return spec, broken, true
}

// MarshalJSON writes the route in the form ParseRoute reads.
func (r *Route) MarshalJSON() ([]byte, error) {
	s := &r.spec
	rj := struct {
		Name  string     `json:"name"`
		Title string     `json:"title,omitempty"`
		Kind  string     `json:"kind"`
		Basis []string   `json:"basis,omitempty"`
		Limit string     `json:"limit,omitempty"`
		Lead  string     `json:"lead,omitempty"`
		Note  string     `json:"note,omitempty"`
		Steps []stepJSON `json:"steps"`
	}{Name: s.Name, Title: s.Title, Kind: s.Kind.String(), Basis: s.Basis, Lead: s.Lead, Note: s.Note}
	if s.Limit != (calendar.Limit{}) {
		rj.Limit = compactLimit(s.Limit)
	}
	for _, st := range s.Steps {
		sj := stepJSON{ID: st.ID, Agency: st.Agency.String(), Role: st.Role,
			Task: st.Task.String(), Share: st.Share.String(), After: st.After, Note: st.Note}
		if st.Consult != (ConsultTerms{}) {
			sj.Consult = &consultJSON{Limit: compactLimit(st.Consult.Limit), SilenceMeansConsent: st.Consult.SilenceMeansConsent}
		}
		rj.Steps = append(rj.Steps, sj)
	}
	return json.Marshal(rj)
}

// Name returns the route's name.
func (r *Route) Name() string { return r.spec.Name }

// Spec returns a copy of the route's data, steps in the order they were written.
func (r *Route) Spec() Spec {
	s := r.spec
	s.Basis = slices.Clone(s.Basis)
	s.Steps = slices.Clone(s.Steps)
	for i := range s.Steps {
		s.Steps[i].After = slices.Clone(s.Steps[i].After)
	}
	return s
}

// Steps returns a copy of the steps in topological order (every step after its predecessors;
// ties in the order written).
func (r *Route) Steps() []Step {
	out := make([]Step, len(r.steps))
	for i := range r.steps {
		out[i] = r.steps[i].Step
		out[i].After = slices.Clone(out[i].After)
	}
	return out
}

// RemainderStep returns the ID of the step that receives the remainder of the time limit:
// the step whose share is "rest"; else the first decide step that lies on every path; else
// the end step.
func (r *Route) RemainderStep() string { return r.steps[r.rem].ID }

// NewRoute validates spec against dir (see ParseRoute) and compiles it.
func NewRoute(spec Spec, dir *Directory) (*Route, error) {
	spec.Basis = cloneOrNil(spec.Basis)
	spec.Steps = slices.Clone(spec.Steps)
	for i := range spec.Steps {
		spec.Steps[i].After = cloneOrNil(spec.Steps[i].After)
	}
	var ps problems
	v := validator{spec: &spec, dir: dir, ps: &ps}
	r := v.run()
	if err := ps.err(spec.Name); err != nil {
		return nil, err
	}
	return r, nil
}

type validator struct {
	spec   *Spec
	dir    *Directory
	broken map[int]bool    // unreadable steps: not checked, and the graph is not checked
	unread map[string]bool // paths of the fields that could not be read: not reported again
	ps     *problems
}

// fail records a problem of the route's own field.
func (v *validator) fail(field, value string, err error) { v.failAt(-1, field, value, err) }

// failAt records a problem of field of step i (of the route for i < 0).
func (v *validator) failAt(i int, field, value string, err error) {
	if v.unread != nil && !v.ps.full() && v.unread[itemPath("steps", i, field)] {
		return
	}
	v.ps.addAt("steps", i, field, value, err)
}

// text checks a name or free text of step i (of the route for i < 0) and reports whether
// it is usable.
func (v *validator) text(i int, field, s string, max int, free bool) bool {
	if err := checkText(s, max, free); err != nil {
		v.failAt(i, field, s, err)
		return false
	}
	return true
}

func (v *validator) run() *Route {
	s := v.spec
	if s.Name == "" {
		v.fail("name", "", ErrRequired)
	}
	v.text(-1, "name", s.Name, MaxNameLen, false)
	v.text(-1, "title", s.Title, MaxNameLen, false)
	v.text(-1, "note", s.Note, MaxTextLen, true)
	for j, b := range s.Basis {
		v.text(-1, "basis["+strconv.Itoa(j)+"]", b, MaxTextLen, true)
	}
	if s.Kind != Horizontal && s.Kind != Vertical {
		if s.Kind == 0 {
			v.fail("kind", "", ErrRequired)
		} else {
			v.fail("kind", strconv.Itoa(int(s.Kind)), ErrInvalid)
		}
	}
	if s.Limit != (calendar.Limit{}) && (s.Limit.N <= 0 || !s.Limit.Unit.Valid()) {
		v.fail("limit", compactLimit(s.Limit), ErrLimit)
	}
	n := len(s.Steps)
	if n == 0 {
		v.fail("steps", "", ErrRequired)
		return nil
	}
	if n > maxSteps {
		v.fail("steps", "", tooLong{max: maxSteps, unit: "step"})
		return nil
	}
	index := make(map[string]int, n)
	for i, st := range s.Steps {
		if v.broken[i] {
			continue
		}
		switch _, dup := index[st.ID]; {
		case st.ID == "":
			v.failAt(i, "id", "", ErrRequired)
		case dup:
			v.failAt(i, "id", st.ID, ErrDuplicate)
		default:
			index[st.ID] = i
			v.text(i, "id", st.ID, MaxNameLen, false)
		}
	}
	if s.Lead != "" {
		if _, ok := index[s.Lead]; !ok {
			v.fail("lead", s.Lead, ErrUnknownStep)
		}
	}
	// Edges: preds[i] are the predecessors of step i, by position in s.Steps.
	preds := make([][]int32, n)
	succs := make([][]int32, n)
	dangling := false // some step follows an unknown step: the graph is incomplete
	for i, st := range s.Steps {
		if v.broken[i] {
			continue
		}
		v.checkStep(i, st)
		seen := make(map[string]bool, min(len(st.After), n))
		for j, a := range st.After {
			k, ok := index[a]
			switch {
			case a == "":
				v.ps.addSub("steps", i, "after", j, "", ErrRequired)
			case seen[a]:
				v.ps.addSub("steps", i, "after", j, a, ErrDuplicate)
			case !ok:
				v.ps.addSub("steps", i, "after", j, a, ErrUnknownStep)
				dangling = true
			case k == i:
				v.ps.addSub("steps", i, "after", j, a, ErrCycle)
			default:
				preds[i] = append(preds[i], int32(k))
				succs[k] = append(succs[k], int32(i))
			}
			seen[a] = true
		}
	}
	if v.broken != nil || dangling {
		return nil
	}
	var starts, ends []int
	for i := range s.Steps {
		if len(s.Steps[i].After) == 0 {
			starts = append(starts, i)
		}
		if len(succs[i]) == 0 {
			ends = append(ends, i)
		}
	}
	if len(starts) != 1 {
		v.fail("steps", v.ids(starts), ErrStart)
	}
	if len(ends) != 1 {
		v.fail("steps", v.ids(ends), ErrEnd)
	}
	order, acyclic := topoOrder(preds, succs)
	if !acyclic {
		_, cyc := onCycle(succs)
		for i := range cyc {
			if cyc[i] {
				v.failAt(i, "after", s.Steps[i].ID, ErrCycle)
			}
		}
	}
	if len(starts) > 0 {
		reach := reachable(succs, starts, -1)
		for i := range s.Steps {
			if !reach[i] {
				v.failAt(i, "id", s.Steps[i].ID, ErrUnreachable)
			}
		}
	}
	if !v.ps.none() {
		return nil
	}
	return v.compile(order, preds, succs, starts[0], ends[0])
}

func (v *validator) ids(pos []int) string {
	ids := make([]string, len(pos))
	for i, p := range pos {
		ids[i] = v.spec.Steps[p].ID
		if ids[i] == "" {
			ids[i] = "#" + strconv.Itoa(p+1) // a step without an ID, by its position
		}
	}
	return strings.Join(ids, ", ")
}

func (v *validator) checkStep(i int, st Step) {
	switch {
	case st.Agency.IsZero() && st.Role == "":
		v.failAt(i, "agency", "", ErrRequired)
	case !st.Agency.IsZero() && st.Role != "":
		v.failAt(i, "role", string(st.Role), ErrInvalid)
	case !st.Agency.IsZero():
		if _, err := procedure.ParseAgencyCode(st.Agency.String()); err != nil || st.Agency.Short() {
			v.failAt(i, "agency", st.Agency.String(), ErrInvalid)
		} else if v.dir != nil && !v.dir.Known(st.Agency) {
			v.failAt(i, "agency", st.Agency.String(), ErrUnknownAgency)
		}
	case !v.text(i, "role", string(st.Role), MaxNameLen, false):
	case v.dir != nil && !v.dir.HasFunction(st.Role):
		v.failAt(i, "role", string(st.Role), ErrUnknownRole)
	}
	v.text(i, "note", st.Note, MaxTextLen, true)
	if st.Task < Receive || st.Task > Consult {
		if st.Task == 0 {
			v.failAt(i, "task", "", ErrRequired)
		} else {
			v.failAt(i, "task", strconv.Itoa(int(st.Task)), ErrInvalid)
		}
	}
	if c := st.Consult; c != (ConsultTerms{}) {
		switch {
		case st.Task != Consult:
			v.failAt(i, "consult", "", notConsult{task: st.Task})
		case c.Limit == (calendar.Limit{}):
			v.failAt(i, "consult.limit", "", ErrRequired)
		case c.Limit.N <= 0 || c.Limit.N > 999999 || !c.Limit.Unit.Valid():
			v.failAt(i, "consult.limit", compactLimit(c.Limit), ErrLimit)
		}
	}
	sh := st.Share
	kinds := 0
	if sh.Rest {
		kinds++
	}
	if sh.Limit != (calendar.Limit{}) {
		kinds++
		if sh.Limit.N <= 0 || sh.Limit.N > maxFixed || (sh.Limit.Unit != calendar.WorkingDays && sh.Limit.Unit != calendar.WorkingHours) {
			v.failAt(i, "share", sh.String(), ErrInvalid)
		}
	}
	if sh.Num != 0 || sh.Den != 0 {
		kinds++
		if sh.Num <= 0 || sh.Den < sh.Num || sh.Den > 10000 {
			v.failAt(i, "share", strconv.Itoa(sh.Num)+"/"+strconv.Itoa(sh.Den), ErrInvalid)
		}
	}
	switch kinds {
	case 0:
		v.failAt(i, "share", "", ErrRequired)
	case 1:
	default:
		v.failAt(i, "share", "", ErrInvalid)
	}
}

// reachable marks the steps reachable from the starts (and from extra), never entering skip.
func reachable(succs [][]int32, starts []int, skip int, extra ...int32) []bool {
	seen := make([]bool, len(succs))
	stack := make([]int32, 0, len(succs))
	for _, s := range starts {
		if s != skip {
			stack = append(stack, int32(s))
		}
	}
	for _, s := range extra {
		if int(s) != skip {
			stack = append(stack, s)
		}
	}
	for len(stack) > 0 {
		i := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[i] {
			continue
		}
		seen[i] = true
		for _, s := range succs[i] {
			if !seen[s] && int(s) != skip {
				stack = append(stack, s)
			}
		}
	}
	return seen
}

// compile checks the allotments and builds the Route; the graph is a valid DAG.
func (v *validator) compile(order []int, preds, succs [][]int32, start, end int) *Route {
	s := v.spec
	n := len(order)
	onEveryPath := func(i int) bool {
		if i == start || i == end {
			return true
		}
		return !reachable(succs, []int{start}, i)[end]
	}
	rest := -1
	fixed := false
	for _, i := range order {
		sh := s.Steps[i].Share
		if sh.Rest {
			if rest >= 0 {
				v.failAt(i, "share", "rest", ErrDuplicate)
				continue
			}
			rest = i
			if !onEveryPath(i) {
				v.failAt(i, "share", "rest", ErrRestBypassed)
			}
		}
		if sh.Limit != (calendar.Limit{}) {
			fixed = true
		}
	}
	// Longest path of fixed times, a working day counted as 24 hours at most.
	fixedHours := make([]int, n)
	for _, i := range order {
		longest := 0
		for _, p := range preds[i] {
			longest = max(longest, fixedHours[p])
		}
		switch l := s.Steps[i].Share.Limit; l.Unit {
		case calendar.WorkingDays:
			longest += 24 * l.N
		case calendar.WorkingHours:
			longest += l.N
		}
		fixedHours[i] = longest
	}
	if fixedHours[end] > maxPathHours {
		v.fail("steps", "", fixedTooLong{hours: fixedHours[end]})
	}
	// Longest path in fractions of the limit.
	long := make([]*big.Rat, n)
	var max *big.Rat
	for _, i := range order {
		acc := new(big.Rat)
		for _, p := range preds[i] {
			if long[p].Cmp(acc) > 0 {
				acc.Set(long[p])
			}
		}
		if sh := s.Steps[i].Share; sh.Den > 0 {
			acc.Add(acc, big.NewRat(int64(sh.Num), int64(sh.Den)))
		}
		long[i] = acc
	}
	max = long[end]
	one := big.NewRat(1, 1)
	switch {
	case rest < 0 && fixed:
		for _, i := range order {
			if sh := s.Steps[i].Share; sh.Limit != (calendar.Limit{}) {
				v.failAt(i, "share", sh.String(), ErrNeedsRest)
			}
		}
	case rest < 0 && max.Cmp(one) != 0:
		v.fail("steps", "", allotment{sum: max.RatString()})
	case rest >= 0 && max.Cmp(one) >= 0:
		v.fail("steps", "", allotment{sum: max.RatString(), rest: true})
	}
	if !v.ps.none() {
		return nil
	}
	pos := make([]int, n) // written position → topological position
	for k, i := range order {
		pos[i] = k
	}
	r := &Route{spec: *s, steps: make([]cstep, n), index: make(map[string]int, n), end: pos[end], rem: pos[end]}
	for k, i := range order {
		st := s.Steps[i]
		ps := make([]int32, len(preds[i]))
		for j, p := range preds[i] {
			ps[j] = int32(pos[p])
		}
		r.steps[k] = cstep{Step: st, preds: ps}
		r.index[st.ID] = k
		if st.Share.Limit.N > 0 && st.Share.Limit.Unit == calendar.WorkingDays {
			r.days = true
		}
	}
	switch {
	case rest >= 0:
		r.rem = pos[rest]
	default:
		for _, i := range order {
			if s.Steps[i].Task == Decide && onEveryPath(i) {
				r.rem = pos[i]
				break
			}
		}
	}
	return r
}

// Bind returns a copy of the route for a dossier of a given locality received on a given
// date: each step with a role (a Function) gets the agency that performs it there (see
// Directory.Resolve) and keeps its role for display; each fixed agency is checked to be in
// force on that date. A locality not in force on that date (a district after 2025-06-30) is
// one *AgencyError; otherwise every step whose agency cannot be used gives an *AgencyError
// (abolished with its successor, not yet in force, or unknown), joined into one error.
// Steps returns the bound agencies; Spec and MarshalJSON still give the route as written.
func (r *Route) Bind(dir *Directory, locality procedure.AgencyCode, on date.Date) (*Route, error) {
	if r == nil {
		return nil, &PlanError{Err: ErrRequired}
	}
	if dir == nil {
		return nil, &AgencyError{Code: locality, On: on, Err: ErrUnknownAgency}
	}
	if _, err := dir.Lookup(locality, on); err != nil {
		return nil, err
	}
	out := *r
	out.steps = slices.Clone(r.steps)
	var errs []error
	for k := range out.steps {
		st := &out.steps[k].Step
		if st.Role != "" {
			u, err := dir.Resolve(st.Role, locality, on)
			if err != nil {
				errs = append(errs, err)
				continue
			}
			st.Agency = u.Code
		} else if _, err := dir.Lookup(st.Agency, on); err != nil {
			errs = append(errs, err)
		}
	}
	if errs != nil {
		return nil, errors.Join(errs...)
	}
	return &out, nil
}

// cloneOrNil copies s; empty gives nil, so equal routes compare equal.
func cloneOrNil[T any](s []T) []T {
	if len(s) == 0 {
		return nil
	}
	return slices.Clone(s)
}
