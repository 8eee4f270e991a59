package dossier

import (
	"cmp"
	"fmt"
	"sort"
	"strings"

	"github.com/looplab/fsm"
)

// CommandKind names what a command does.
type CommandKind uint8

// Commands. Open is recorded as the first event of every dossier and cannot be applied.
const (
	Open                    CommandKind = iota + 1 // the dossier is created (nộp / lập hồ sơ)
	Receive                                        // the desk accepts it: code and appointment (Mẫu 01)
	RequestIntakeSupplement                        // the desk asks for a supplement before accepting (Mẫu 02)
	Resubmit                                       // the applicant hands in the supplement at intake
	RefuseIntake                                   // the desk refuses to accept (Mẫu 03)
	Transfer                                       // the desk sends it to the competent agency, with the route
	Start                                          // the first agency of the route takes it up
	Handoff                                        // the current agency finishes its step and passes it on
	Recall                                         // the previous agency (or the desk) takes it back
	SendBack                                       // the current agency sends it back to the previous step
	RequestSupplement                              // an agency asks, through the desk, for a supplement (Mẫu 02)
	Supplement                                     // the applicant's supplement is received
	RequestObligation                              // the applicant is asked to pay a tax or fee
	FulfilObligation                               // the payment is recorded
	Apologise                                      // apology with a new appointment (Mẫu 04)
	Resolve                                        // the result is ready
	Refuse                                         // refusal after appraisal (Mẫu 03)
	Return                                         // the result or the refusal is handed to the applicant
	Withdraw                                       // the applicant asks to stop the procedure (Decree 118/2025 Art. 21; form 05)
	Close                                          // the desk closes a dossier whose supplement did not come (Art. 19(5))
	Amend                                          // an online applicant amends the dossier's content (Art. 21(2))
	SendForCorrection                              // the desk sends a wrong result back to the agency (Art. 23(1))
	Correct                                        // the agency returns the corrected result (Art. 23(1))
	numCommands
)

var commandNames = [numCommands]string{"", "open", "receive", "requestIntakeSupplement", "resubmit",
	"refuseIntake", "transfer", "start", "handoff", "recall", "sendBack", "requestSupplement",
	"supplement", "requestObligation", "fulfilObligation", "apologise", "resolve", "refuse", "return",
	"withdraw", "close", "amend", "sendForCorrection", "correct"}

// Commands lists every command kind that Apply accepts, in declaration order.
func Commands() []CommandKind {
	c := make([]CommandKind, 0, numCommands-2)
	for i := Receive; i < numCommands; i++ {
		c = append(c, i)
	}
	return c
}

// commandText are the commands' names in JSON (snake_case, like every key and value the
// module reads and writes).
var commandText = [numCommands]string{"", "open", "receive", "request_intake_supplement", "resubmit",
	"refuse_intake", "transfer", "start", "handoff", "recall", "send_back", "request_supplement",
	"supplement", "request_obligation", "fulfil_obligation", "apologise", "resolve", "refuse", "return",
	"withdraw", "close", "amend", "send_for_correction", "correct"}

// String returns the command's Go-style name, as used in the diagram and in English messages
// ("refuseIntake"); Name gives it in Vietnamese, MarshalText in JSON.
func (k CommandKind) String() string {
	if k > 0 && k < numCommands {
		return commandNames[k]
	}
	return fmt.Sprintf("CommandKind(%d)", uint8(k))
}

// MarshalText encodes the command kind by its snake_case name ("refuse_intake").
func (k CommandKind) MarshalText() ([]byte, error) {
	if k == 0 || k >= numCommands {
		return nil, &FieldError{Field: "command", Value: k.String(), Err: ErrInvalid}
	}
	return []byte(commandText[k]), nil
}

// UnmarshalText decodes a command name: the snake_case name MarshalText writes, or the
// Go-style name String returns.
func (k *CommandKind) UnmarshalText(b []byte) error {
	for i := Open; i < numCommands; i++ {
		if commandText[i] == string(b) || commandNames[i] == string(b) {
			*k = i
			return nil
		}
	}
	return &FieldError{Field: "command", Value: string(b), Err: ErrInvalid}
}

// Role is what an actor is in the procedure.
type Role uint8

// Roles.
const (
	RoleApplicant Role = iota + 1 // the citizen or organisation (or their representative)
	RoleClerk                     // an officer of the one-stop desk (Bộ phận Một cửa)
	RoleOfficer                   // an officer of a competent agency on the route
	numRoles
)

var roleNames = [numRoles]string{"", "applicant", "clerk", "officer"}

// String returns the role's name.
func (r Role) String() string {
	if r > 0 && r < numRoles {
		return roleNames[r]
	}
	return fmt.Sprintf("Role(%d)", uint8(r))
}

// MarshalText encodes the role by name.
func (r Role) MarshalText() ([]byte, error) {
	if r == 0 || r >= numRoles {
		return nil, &FieldError{Field: "role", Value: r.String(), Err: ErrInvalid}
	}
	return []byte(roleNames[r]), nil
}

// UnmarshalText decodes a role name.
func (r *Role) UnmarshalText(b []byte) error {
	for i := RoleApplicant; i < numRoles; i++ {
		if roleNames[i] == string(b) {
			*r = i
			return nil
		}
	}
	return &FieldError{Field: "role", Value: string(b), Err: ErrInvalid}
}

// Actor is who issues a command: a role, an identifier, and for officers and clerks the
// QCVN 102 code of their agency or desk.
type Actor struct {
	ID     string `json:"id"`
	Role   Role   `json:"role"`
	Agency string `json:"agency,omitempty"`
}

// transition is one row of the lifecycle definition. A zero to leaves the dossier in the
// state it was in (a loop on each state of from).
type transition struct {
	cmd   CommandKind
	from  []State
	to    State
	roles []Role
}

// definition is the lifecycle: the only place where transitions are written down.
var definition = []transition{
	{Receive, []State{Submitted}, Received, []Role{RoleClerk}},
	{RequestIntakeSupplement, []State{Submitted}, IntakeSupplement, []Role{RoleClerk}},
	{Resubmit, []State{IntakeSupplement}, Submitted, []Role{RoleApplicant, RoleClerk}},
	{RefuseIntake, []State{Submitted, IntakeSupplement}, NotAccepted, []Role{RoleClerk}},
	{Transfer, []State{Received}, Transferred, []Role{RoleClerk}},
	{Start, []State{Transferred}, InProcess, []Role{RoleOfficer}},
	{Handoff, []State{InProcess}, InProcess, []Role{RoleOfficer}},
	{Recall, []State{InProcess}, InProcess, []Role{RoleOfficer, RoleClerk}},
	{SendBack, []State{InProcess}, InProcess, []Role{RoleOfficer}},
	{RequestSupplement, []State{InProcess}, SupplementRequested, []Role{RoleOfficer}},
	{Supplement, []State{SupplementRequested}, InProcess, []Role{RoleApplicant, RoleClerk}},
	{RequestObligation, []State{InProcess}, AwaitingObligation, []Role{RoleOfficer}},
	{FulfilObligation, []State{AwaitingObligation}, InProcess, []Role{RoleApplicant, RoleClerk, RoleOfficer}},
	{Apologise, []State{InProcess}, InProcess, []Role{RoleOfficer}},
	{Resolve, []State{Received, InProcess}, Resolved, []Role{RoleOfficer, RoleClerk}},
	{Refuse, []State{InProcess}, Refused, []Role{RoleOfficer}},
	{Return, []State{Resolved, Refused}, Returned, []Role{RoleClerk}},
	{Withdraw, []State{Submitted, IntakeSupplement, Received, Transferred, InProcess,
		SupplementRequested, AwaitingObligation}, Withdrawn, []Role{RoleApplicant, RoleClerk}},
	{Close, []State{SupplementRequested}, Closed, []Role{RoleClerk}},
	{Amend, []State{Submitted, Received, Transferred, InProcess}, 0, []Role{RoleApplicant}},
	{SendForCorrection, []State{Resolved}, Correction, []Role{RoleClerk}},
	{Correct, []State{Correction}, Resolved, []Role{RoleOfficer, RoleClerk}},
}

// table is the compiled lifecycle used on the hot path.
type table struct {
	next  [numStates][numCommands]State
	roles [numCommands]uint8 // bit set of roles
}

var lifecycle = compile(definition)

func compile(def []transition) *table {
	t := new(table)
	for _, tr := range def {
		for _, s := range tr.from {
			t.next[s][tr.cmd] = cmp.Or(tr.to, s)
		}
		for _, r := range tr.roles {
			t.roles[tr.cmd] |= 1 << r
		}
	}
	return t
}

// machine builds a looplab/fsm machine of the definition, at the given state. It is used to
// validate the definition and to draw it, never to run a dossier.
func machine(initial State) *fsm.FSM {
	events := make([]fsm.EventDesc, 0, len(definition))
	for _, tr := range definition {
		if tr.to == 0 {
			for _, s := range tr.from {
				events = append(events, fsm.EventDesc{Name: tr.cmd.String(), Src: []string{s.String()}, Dst: s.String()})
			}
			continue
		}
		src := make([]string, len(tr.from))
		for i, s := range tr.from {
			src[i] = s.String()
		}
		events = append(events, fsm.EventDesc{Name: tr.cmd.String(), Src: src, Dst: tr.to.String()})
	}
	return fsm.NewFSM(initial.String(), events, nil)
}

// Allowed reports whether the lifecycle lets cmd leave state s (role and decree guards aside).
func Allowed(s State, cmd CommandKind) bool {
	if !s.Valid() || cmd == 0 || cmd >= numCommands {
		return false
	}
	return lifecycle.next[s][cmd] != 0
}

// Next returns the state cmd leads to from s, and false if the lifecycle does not allow it.
func Next(s State, cmd CommandKind) (State, bool) {
	if !Allowed(s, cmd) {
		return 0, false
	}
	return lifecycle.next[s][cmd], true
}

// MayIssue reports whether role r may issue cmd.
func MayIssue(r Role, cmd CommandKind) bool {
	if r == 0 || r >= numRoles || cmd == 0 || cmd >= numCommands {
		return false
	}
	return lifecycle.roles[cmd]&(1<<r) != 0
}

// Diagram returns the lifecycle as a Mermaid state diagram, drawn by looplab/fsm from the
// definition, followed by the terminal states.
func Diagram() string {
	out, err := fsm.VisualizeWithType(machine(Submitted), fsm.MermaidStateDiagram)
	if err != nil {
		return ""
	}
	var b strings.Builder
	b.WriteString(out)
	var terms []string
	for _, s := range States() {
		if s.Terminal() {
			terms = append(terms, s.String())
		}
	}
	sort.Strings(terms)
	for _, s := range terms {
		b.WriteString("    " + s + " --> [*]\n")
	}
	return b.String()
}
