package dossier

import (
	"time"

	"github.com/motcua-go/motcua/calendar"
	"github.com/motcua-go/motcua/procedure"
)

// ApplicantKind tells a person from an organisation.
type ApplicantKind uint8

// Kinds of applicant.
const (
	Person       ApplicantKind = iota + 1 // công dân
	Organisation                          // tổ chức, doanh nghiệp
)

// Address is a postal address with its administrative unit.
type Address struct {
	Line     string `json:"line"`      // house number, street, hamlet
	UnitCode string `json:"unit_code"` // administrative unit code (5 digits, commune level)
	UnitName string `json:"unit_name"` // commune/ward and province, as written
}

// Applicant is the person or organisation a dossier is for.
type Applicant struct {
	Kind      ApplicantKind `json:"kind"`
	Name      string        `json:"name"`
	CitizenID string        `json:"citizen_id,omitempty"` // số định danh cá nhân: 12 digits (persons)
	TaxCode   string        `json:"tax_code,omitempty"`   // mã số thuế / mã số doanh nghiệp (organisations)
	Phone     string        `json:"phone,omitempty"`
	Email     string        `json:"email,omitempty"`
	Address   Address       `json:"address"`
}

// ProcedureRef identifies the procedure version a dossier is judged by, frozen at intake.
type ProcedureRef struct {
	Code    string `json:"code"`           // national code N.NNNNNN, e.g. 1.001193
	Version string `json:"version"`        // version of the definition in the catalog
	Case    string `json:"case,omitempty"` // case (trường hợp) that selected the time limit
	Name    string `json:"name,omitempty"` // display name
}

// Intake is what the desk knows when a dossier is opened.
type Intake struct {
	Procedure ProcedureRef      `json:"procedure"`
	Applicant Applicant         `json:"applicant"`
	Channel   procedure.Channel `json:"channel"`
	Desk      string            `json:"desk"`   // QCVN 102 code of the receiving one-stop desk
	Agency    string            `json:"agency"` // QCVN 102 code of the competent agency
	Limit     calendar.Limit    `json:"limit"`  // time limit of the procedure for this channel and case
	// Submitted is when the applicant submitted: for an online dossier, the National Public
	// Service Portal's acknowledgement (Decree 118/2025 Art. 17(2)); zero: the instant of
	// Open, which is when the province system received the dossier (Dossier.SystemReceived).
	Submitted time.Time `json:"submitted,omitzero"`
	Documents []string  `json:"documents,omitempty"` // names of the documents handed in
	// Electronic names the documents the applicant declared available as valid electronic
	// data in national or sector databases, which the desk pulls into the e-dossier and may
	// not ask for again except to verify them (Decree 118/2025 Art. 5(1)(i), 17(1)(b);
	// Policy.OnceOnly).
	Electronic []string `json:"electronic,omitempty"`
	// Group is the identifier of the inter-agency group of procedures (nhóm thủ tục liên
	// thông) the dossier is for; empty for a single procedure. Under Policy.CodeUnit
	// CompetentUnit a group's code takes the desk's or the portal's identifier (Art. 28).
	Group string `json:"group,omitempty"`
	// Reference is the National Public Service Portal's number of an online submission (or
	// another channel's ticket), by which the applicant follows a dossier not yet accepted,
	// which has no code yet (Decree 118/2025 Art. 17(2), 28(1)); empty when none was given.
	Reference string `json:"reference,omitempty"`
	// OtherLevel records that the competent agency is at another administrative level than
	// the receiving desk (a commune centre receiving for a provincial department, or the
	// reverse): boundary-free reception of Decree 118/2025 Art. 20(1), whose paper dossier
	// goes within Policy.OtherLevelTransfer of the reception (Dossier.TransferDue) and whose
	// result comes back to the receiving desk, which returns it. The one-stop Office sets it
	// from its directory.
	OtherLevel bool `json:"other_level,omitempty"`
}

// StepRecord is one agency's part of the route, with its allotted due time and what happened.
type StepRecord struct {
	ID     string    `json:"id"`
	Agency string    `json:"agency"`         // QCVN 102 code
	Task   string    `json:"task,omitempty"` // work content, as on the transfer slip
	Due    time.Time `json:"due"`
	// After names the steps (by ID, each earlier in the list) that must be done before this
	// one starts; empty: the step before it in the list (none for the first). Steps waiting
	// for the same step run in parallel, each agency with its own task and due time (Decree
	// 118/2025 Art. 20(2)(b)); a step after several is a join.
	After []string  `json:"after,omitempty"`
	Start time.Time `json:"start,omitzero"`
	Done  time.Time `json:"done,omitzero"`
}

// DueChange is one entry of the history of the promised due time.
// The instant of the change is that of the event of the same command in the log.
type DueChange struct {
	Due   time.Time   `json:"due"`
	Cause CommandKind `json:"cause"`
}

// Deadline is the SLA clock. Overdue, remaining and at-risk are derived from it, never stored;
// so are, from the log, the start of the count (receipt or restart), the working time
// paused since, and the instant a wait for the applicant began (Dossier.PausedAt).
type Deadline struct {
	Due            time.Time   `json:"due,omitzero"` // promised return instant now in force
	Reappointments int         `json:"reappointments,omitempty"`
	History        []DueChange `json:"history,omitempty"`
}

// SupplementRequest records one supplement request made during processing.
type SupplementRequest struct {
	Agency    string    `json:"agency"`
	Requested time.Time `json:"requested"`
	Supplied  time.Time `json:"supplied,omitzero"`
}

// Resolution is the outcome of a dossier. The reasons of a refusal or withdrawal are in its
// event (and on the refusal slip).
type Resolution struct {
	At        time.Time `json:"at,omitzero"` // resolution, refusal, withdrawal or intake refusal
	Returned  time.Time `json:"returned,omitzero"`
	Reference string    `json:"reference,omitempty"` // number of the result document
	Refused   bool      `json:"refused,omitempty"`
	// Late records that the resolution or refusal came after the due time then in force
	// (a late refusal is accepted under the default policy and counted late).
	Late bool `json:"late,omitempty"`
	// Corrected is when the agency last returned a corrected result (Decree 118/2025 Art.
	// 23(1)); At stays the first resolution.
	Corrected time.Time `json:"corrected,omitzero"`
}

// Dossier is one application (hồ sơ) moving through a procedure. Its state changes only by
// Apply; Rules.Replay rebuilds it from its events. The fields are exported for reading,
// storing and comparing (cmp.Diff needs no options); do not change them directly. A Dossier
// is not safe for concurrent use: the embedder's store serialises commands on one dossier.
type Dossier struct {
	Code      Code         `json:"code,omitzero"`
	Procedure ProcedureRef `json:"procedure"`
	// Applicant is the applicant of the intake, shared with the log's first event (nil in
	// a dossier built by hand).
	Applicant   *Applicant          `json:"applicant,omitzero"`
	Channel     procedure.Channel   `json:"channel"`
	Regime      Regime              `json:"regime,omitzero"`
	State       State               `json:"state"`
	Desk        string              `json:"desk"`
	Agency      string              `json:"agency"`
	Limit       calendar.Limit      `json:"limit"`
	Submitted   time.Time           `json:"submitted"`
	Received    time.Time           `json:"received,omitzero"`
	Transferred time.Time           `json:"transferred,omitzero"`
	Deadline    Deadline            `json:"deadline"`
	Steps       []StepRecord        `json:"steps,omitempty"`
	Current     int                 `json:"current"` // index in Steps of the (first) step in hand; see InHand for parallel steps
	Supplements []SupplementRequest `json:"supplements,omitempty"`
	Documents   []string            `json:"documents,omitempty"`
	Resolution  Resolution          `json:"resolution,omitzero"`
	Events      []Event             `json:"events"`
	// Rules the dossier is judged by; set by Open and Replay, and by the embedder after
	// decoding a stored dossier.
	Rules *Rules `json:"-"`
}

// Command is a request to change a dossier. Kind selects what it does; the other fields are
// used by the commands that need them.
type Command struct {
	Kind        CommandKind
	Actor       Actor
	Reason      string   // reasons: required (not blank) for refusals, supplement requests, send-back, apology, amendment (what is amended) and sending a result back for correction (the error); at most MaxReasonLen characters
	Attachments []string // names of attached documents (copied into the log)
	Code        Code     // Receive: the code issued with IssueCode
	// Due is, for Receive, the due time from the route plan (zero: calendar.Due); for Transfer,
	// when the time limit runs from it (Policy.ClockFromCompetentReceipt), the due time from
	// the plan made at the hand-over (zero: calendar.Due from the transfer; otherwise
	// ignored); for Apologise, the new appointment.
	Due       time.Time
	Steps     []StepRecord // Transfer: the route's steps with their due times (empty: one step, the competent agency)
	Reference string       // Resolve, Correct: number of the result document
	// Redirect is, for RefuseIntake of a dossier not within the desk's competence, the agency
	// to send it to (Decree 118/2025 Art. 17(2)(a)): a QCVN 102 code or a name, printed on
	// the refusal slip.
	Redirect string
	// Verification marks a supplement request (at intake or during processing) asking for a
	// document already held electronically in order to verify it, the one exception to the
	// once-only rule (Decree 118/2025 Art. 5(1)(i); Policy.OnceOnly).
	Verification bool
}

// Event is one entry of the append-only log.
type Event struct {
	Seq          int          `json:"seq"`
	At           time.Time    `json:"at"`
	Actor        Actor        `json:"actor"`
	Command      CommandKind  `json:"command"`
	From         State        `json:"from,omitzero"`
	To           State        `json:"to"`
	Reason       string       `json:"reason,omitempty"`
	Attachments  []string     `json:"attachments,omitempty"`
	StepDue      time.Time    `json:"step_due,omitzero"` // due time of the step in hand after the event
	Due          time.Time    `json:"due,omitzero"`      // the dossier's due time, when the event sets it
	Code         Code         `json:"code,omitzero"`
	Reference    string       `json:"reference,omitempty"`
	Redirect     string       `json:"redirect,omitempty"`
	Verification bool         `json:"verification,omitempty"`
	Steps        []StepRecord `json:"steps,omitempty"`
	Intake       *Intake      `json:"intake,omitempty"`
}
