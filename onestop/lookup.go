package onestop

import (
	"context"
	"time"

	"github.com/motcua-go/motcua/dossier"
)

// PublicView is the public view of a dossier, what anyone holding its code may see on a portal,
// a kiosk, by phone or SMS (Decree 61/2018 Art. 17(3), 26): where it stands, who holds it,
// when it was received and is due, and its history step by step. It carries no personal data:
// no applicant, no officer names, no reasons or attachments.
type PublicView struct {
	Code          string         // dossier code as printed in its regime's code format (dossier.Rules.FormatCode)
	Procedure     string         // national procedure code
	ProcedureName string         // published name
	State         dossier.State  // lifecycle state
	National      dossier.Status // national status code (1–10)
	Desk          string         // receiving one-stop desk (QCVN 102 code)
	Agency        string         // competent agency
	Holder        string         // agency holding the dossier now
	Received      time.Time      // official reception
	FirstDue      time.Time      // appointment on the receipt (Mẫu 01)
	Due           time.Time      // appointment in force
	// Provisional is true while Due (and FirstDue) is provisional: the time limit of a dossier
	// received by a desk that is not the competent agency's own runs from the agency's receipt
	// (Decree 309/2026 [S], dossier.Policy.ClockFromCompetentReceipt), so until the transfer
	// Due counts from the latest hand-over the desk is allowed (dossier.Dossier.DueProvisional).
	// The transfer fixes Due, and Provisional turns false; FirstDue stays the receipt's. A
	// closed dossier has no provisional due.
	Provisional bool
	Reappointed bool         // an apology set a new appointment
	ResultAt    time.Time    // result ready, refusal or withdrawal; zero until then
	ReturnedAt  time.Time    // result handed over; zero until then
	Overdue     bool         // still open and past Due at the time of the lookup
	Steps       []PublicStep // the route, with each agency's deadline
	History     []Entry      // every event, oldest first
}

// PublicStep is one step of the route in the public view.
type PublicStep struct {
	ID     string
	Agency string
	Task   string
	Due    time.Time
	Start  time.Time
	Done   time.Time
}

// Entry is one event of the public history.
type Entry struct {
	At       time.Time
	Event    string         // command name, e.g. "receive", "handoff", "apologise"
	State    dossier.State  // state after the event
	National dossier.Status // national status code after the event
	Agency   string         // agency or desk that acted; empty when the applicant acted
}

// open reports whether processing has not ended.
func open(s dossier.State) bool {
	switch s {
	case dossier.Resolved, dossier.Refused, dossier.Returned, dossier.Withdrawn, dossier.NotAccepted:
		return false
	}
	return true
}

// publicView derives the public view of d, whose code prints as code (without Overdue, which
// depends on the time asked).
func publicView(d *dossier.Dossier, code string) *PublicView {
	s := &PublicView{
		Code:          code,
		Procedure:     d.Procedure.Code,
		ProcedureName: d.Procedure.Name,
		State:         d.State,
		National:      d.State.Status(),
		Desk:          d.Desk,
		Agency:        d.Agency,
		Holder:        holder(d),
		Received:      d.Received,
		Due:           d.Deadline.Due,
		Provisional:   open(d.State) && d.DueProvisional(),
		Reappointed:   d.Deadline.Reappointments > 0,
		ResultAt:      d.Resolution.At,
		ReturnedAt:    d.Resolution.Returned,
	}
	if len(d.Deadline.History) > 0 {
		s.FirstDue = d.Deadline.History[0].Due
	}
	if len(d.Steps) > 0 {
		s.Steps = make([]PublicStep, len(d.Steps))
		for i, st := range d.Steps {
			s.Steps[i] = PublicStep{ID: st.ID, Agency: st.Agency, Task: st.Task, Due: st.Due, Start: st.Start, Done: st.Done}
		}
	}
	s.History = make([]Entry, len(d.Events))
	for i, ev := range d.Events {
		e := Entry{At: ev.At, Event: ev.Command.String(), State: ev.To, National: ev.To.Status()}
		if ev.Actor.Role != dossier.RoleApplicant {
			e.Agency = ev.Actor.Agency
		}
		s.History[i] = e
	}
	return s
}

// holder names the agency that has the dossier in hand.
func holder(d *dossier.Dossier) string {
	if d.State == dossier.InProcess || d.State == dossier.SupplementRequested || d.State == dossier.AwaitingObligation {
		if d.Current >= 0 && d.Current < len(d.Steps) {
			return d.Steps[d.Current].Agency
		}
		return d.Agency
	}
	if d.State == dossier.Transferred && len(d.Steps) > 0 {
		return d.Steps[0].Agency
	}
	return d.Desk
}

// Lookup returns the public status of a dossier by its code. A malformed code gives a
// *CodeError wrapping ErrMalformedCode, an unknown one ErrNotFound. The slices of the result
// are shared with the store's copy: do not modify them.
func (o *Office) Lookup(ctx context.Context, code string) (PublicView, error) {
	key, err := o.key(code)
	if err != nil {
		return PublicView{}, err
	}
	rec, err := o.get(ctx, code, key)
	if err != nil {
		return PublicView{}, err
	}
	pub := rec.Public
	if pub == nil {
		if rec.Dossier == nil {
			return PublicView{}, &CodeError{Code: code, Err: ErrNotFound}
		}
		pub = publicView(rec.Dossier, o.printed(rec.Dossier.Code))
	}
	s := *pub
	s.Overdue = open(s.State) && !s.Due.IsZero() && o.clock.Now().After(s.Due)
	return s, nil
}
