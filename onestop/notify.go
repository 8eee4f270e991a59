package onestop

import (
	"context"
	"sync"
	"time"

	"github.com/motcua-go/motcua/dossier"
)

// Notice is what the Office tells a Notifier on every status change of a dossier. It carries
// the minimum the digital-transformation decree (Decree 224/2026/NĐ-CP) asks an information
// system to show the applicant: the agency and the handler, and the times of reception,
// processing and return. It holds nothing about the applicant
// beyond the dossier code: when the applicant acts (a supplement, a withdrawal), Handler is
// empty and Role says "applicant".
//
// A submission refused or found incomplete at intake gets no dossier code, yet the applicant
// must be told the content and the reasons (Decree 61/2018 Art. 17(2)): its notice has an
// empty Code and is identified by Reference (Submission.Reference, the embedder's identifier
// of the submission), the procedure, the desk (Agency) and SubmittedAt; Reason and Missing
// say what was decided and why.
type Notice struct {
	Code           string    `json:"code,omitempty"`      // dossier code as printed (Rules.FormatCode); empty for a submission refused or incomplete at intake
	Reference      string    `json:"reference,omitempty"` // Submission.Reference, for a notice without a dossier code
	Procedure      string    `json:"procedure"`           // procedure code, e.g. 1.001193
	Event          string    `json:"event"`               // what happened: the dossier command, as JSON names it ("receive", "apologise", "refuse_intake"), or "early_return"
	State          string    `json:"state"`               // state after the event, as JSON names it ("received", "in_process")
	NationalStatus int       `json:"national_status"`     // national status code 1–10 after the event
	Agency         string    `json:"agency"`              // agency holding the dossier after the event, or the desk (QCVN 102 code)
	Handler        string    `json:"handler,omitempty"`   // ID of the official (clerk or officer) who acted; empty when the applicant acted
	Role           string    `json:"role"`                // role of who acted: "clerk", "officer" or "applicant"
	At             time.Time `json:"at"`                  // when the event happened
	SubmittedAt    time.Time `json:"submitted_at"`        // when the submission was sent or handed in
	ReceivedAt     time.Time `json:"received_at"`         // official reception time (zero for a submission not received)
	ProcessedAt    time.Time `json:"processed_at"`        // when the result was ready (zero until then)
	DueAt          time.Time `json:"due_at"`              // the appointment for the return of the result (current)
	ReturnedAt     time.Time `json:"returned_at"`         // when the result was returned (zero until then)
	Reason         string    `json:"reason,omitempty"`    // content and reasons of a refusal or a supplement request at intake
	Missing        []string  `json:"missing,omitempty"`   // documents to supply, for a supplement request at intake
}

// The names of the dossier's commands and states as JSON writes them, read once.
var (
	eventNames [256]string
	stateNames [256]string
)

func init() {
	for i := range 256 {
		if b, err := dossier.CommandKind(i).MarshalText(); err == nil {
			eventNames[i] = string(b)
		}
		if b, err := dossier.State(i).MarshalText(); err == nil {
			stateNames[i] = string(b)
		}
	}
}

// eventName is the name of a dossier command as JSON writes it ("refuse_intake").
func eventName(k dossier.CommandKind) string {
	if n := eventNames[k]; n != "" {
		return n
	}
	return k.String()
}

// stateName is the name of a dossier state as JSON writes it ("in_process").
func stateName(s dossier.State) string {
	if n := stateNames[s]; n != "" {
		return n
	}
	return s.String()
}

// handler returns what a notice may say of who acted: the ID of an official, never an
// applicant's.
func handler(a dossier.Actor) (id, role string) {
	switch a.Role {
	case dossier.RoleClerk, dossier.RoleOfficer:
		return a.ID, a.Role.String()
	case dossier.RoleApplicant:
		return "", a.Role.String()
	}
	return "", ""
}

// Notifier delivers notices to applicants and supervisors (SMS, e-mail, portal, kiosk). The
// library ships no transport: embedders implement Notifier. Notify is called after the change
// is stored; an error does not undo the change (the Office reports it as a *NotifyError).
type Notifier interface {
	Notify(ctx context.Context, n Notice) error
}

// NotifierFunc adapts a function to Notifier.
type NotifierFunc func(ctx context.Context, n Notice) error

// Notify calls f.
func (f NotifierFunc) Notify(ctx context.Context, n Notice) error { return f(ctx, n) }

// Recorder is a Notifier that keeps every notice in memory, for tests and examples.
// It is safe for concurrent use; the zero value is ready.
type Recorder struct {
	mu      sync.Mutex
	notices []Notice
}

// Notify records n.
func (r *Recorder) Notify(_ context.Context, n Notice) error {
	r.mu.Lock()
	r.notices = append(r.notices, n)
	r.mu.Unlock()
	return nil
}

// Notices returns a copy of the notices recorded so far, in order.
func (r *Recorder) Notices() []Notice {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]Notice(nil), r.notices...)
}

// For returns the notices recorded for one dossier code, in order.
func (r *Recorder) For(code string) []Notice {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []Notice
	for _, n := range r.notices {
		if n.Code == code {
			out = append(out, n)
		}
	}
	return out
}
