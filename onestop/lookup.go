package onestop

import (
	"context"
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/motcua-go/motcua/dossier"
	"github.com/motcua-go/motcua/internal/msg"
	"golang.org/x/text/language"
)

// PublicView is the public view of a dossier, what anyone holding its code may see on a portal,
// a kiosk, by phone or SMS (Decree 61/2018 Art. 17(3), 26): where it stands, who holds it,
// when it was received and is due, and its history step by step. It carries no personal data:
// no applicant, no officer names, no reasons or attachments. Agencies are named by their
// QCVN 102 codes and, when the Office's routing.Directory (or, for the competent agency, the
// catalog) knows them, by their names.
type PublicView struct {
	Code          string         `json:"code"`            // dossier code as printed in its regime's code format (dossier.Rules.FormatCode)
	Procedure     string         `json:"procedure"`       // national procedure code (a group dossier's lead procedure)
	ProcedureName string         `json:"procedure_name"`  // published name (a group dossier's group name)
	Group         string         `json:"group,omitempty"` // ID of the group of procedures of a group dossier
	State         dossier.State  `json:"state"`           // lifecycle state
	National      dossier.Status `json:"national"`        // national status code (1–10)
	Desk          string         `json:"desk"`            // receiving one-stop desk (QCVN 102 code)
	DeskName      string         `json:"desk_name,omitempty"`
	Agency        string         `json:"agency"` // competent agency
	AgencyName    string         `json:"agency_name,omitempty"`
	Holder        string         `json:"holder"` // agency holding the dossier now; while parallel steps are in hand, the first of them in the route's order (Record.Holders lists them all, and Steps shows each step started and not done)
	HolderName    string         `json:"holder_name,omitempty"`
	Received      time.Time      `json:"received"`  // official reception
	FirstDue      time.Time      `json:"first_due"` // appointment on the receipt (Mẫu 01)
	Due           time.Time      `json:"due"`       // appointment in force
	// Provisional is true while Due (and FirstDue) is provisional: the time limit of a dossier
	// received by a desk that is not the competent agency's own runs from the agency's receipt
	// (Decree 309/2026, dossier.Policy.ClockFromCompetentReceipt), so until the transfer Due
	// counts from the latest hand-over the desk is allowed (dossier.Dossier.DueProvisional).
	// The transfer fixes Due, and Provisional turns false; FirstDue stays the receipt's. A
	// closed dossier has no provisional due.
	Provisional bool      `json:"provisional,omitempty"`
	Reappointed bool      `json:"reappointed,omitempty"` // an apology set a new appointment
	ResultAt    time.Time `json:"result_at"`             // result ready, refusal or withdrawal; zero until then
	ReturnedAt  time.Time `json:"returned_at"`           // result handed over; zero until then
	Overdue     bool      `json:"overdue,omitempty"`     // still open and past Due at the time of the lookup, not counting a wait for the applicant (dossier.Dossier.Overdue)
	// Reference is the portal's reference of an online submission (Submission.Reference);
	// AcceptBy, while it waits for the desk's acceptance (state Submitted, StateName "chờ
	// tiếp nhận"), when the desk must at the latest answer (Decree 118/2025 Art. 17(2)(c)).
	Reference string        `json:"reference,omitempty"`
	AcceptBy  time.Time     `json:"accept_by,omitzero"`
	Steps     []PublicStep  `json:"steps,omitempty"` // the route, with each agency's deadline
	History   []PublicEvent `json:"history"`         // every event, oldest first
}

// StateName is the dossier's state in words in lang, as the applicant reads it
// (dossier.State.Name): "đang xử lý" / "in process", "đã đóng hồ sơ" / "closed" (the desk
// closed it for want of the supplement, Decree 118/2025 Art. 19(5)), "đang đính chính kết
// quả" / "result in correction" (Art. 23(1)). A dossier submitted online and not yet accepted
// (Submitted) reads "chờ tiếp nhận" / "waiting for acceptance" (Art. 17(2)).
func (v PublicView) StateName(lang language.Tag) string {
	if v.State == dossier.Submitted {
		return msg.Pick(lang, "chờ tiếp nhận", "waiting for acceptance")
	}
	return v.State.Name(lang)
}

// PublicStep is one step of the route in the public view.
type PublicStep struct {
	ID         string    `json:"id"`
	Agency     string    `json:"agency"` // QCVN 102 code of the agency of the step
	AgencyName string    `json:"agency_name,omitempty"`
	Task       string    `json:"task"`                // the route's task, e.g. "decide"
	TaskName   string    `json:"task_name,omitempty"` // the task in Vietnamese, e.g. "quyết định"
	Due        time.Time `json:"due"`
	Start      time.Time `json:"start"`
	Done       time.Time `json:"done"`
}

// PublicEvent is one event of the public history of a dossier.
type PublicEvent struct {
	At         time.Time      `json:"at"`
	Event      string         `json:"event"`            // command name, e.g. "receive", "handoff", "apologise"
	State      dossier.State  `json:"state"`            // state after the event
	National   dossier.Status `json:"national"`         // national status code after the event
	Agency     string         `json:"agency,omitempty"` // agency or desk that acted; empty when the applicant acted
	AgencyName string         `json:"agency_name,omitempty"`
}

// open reports whether processing has not ended. A result sent back for correction
// (Correction) has ended it: the dossier was judged at its result, and the correction has a
// time of its own (dossier.Dossier.CorrectionDue).
func open(s dossier.State) bool {
	switch s {
	case dossier.Resolved, dossier.Refused, dossier.Returned, dossier.Withdrawn, dossier.NotAccepted, dossier.Closed, dossier.Correction:
		return false
	}
	return true
}

// publicView derives the public view of d, whose code prints as code (without Overdue, which
// depends on the time asked), naming the agencies the Office knows.
func (o *Office) publicView(d *dossier.Dossier, code string) *PublicView {
	s := publicView(d, code)
	names := o.namer(d)
	s.Group = o.groupOf(d)
	s.DeskName, s.AgencyName, s.HolderName = names(s.Desk), names(s.Agency), names(s.Holder)
	for i := range s.Steps {
		s.Steps[i].AgencyName = names(s.Steps[i].Agency)
		s.Steps[i].TaskName = taskName(s.Steps[i].Task)
	}
	for i := range s.History {
		s.History[i].AgencyName = names(s.History[i].Agency)
	}
	return s
}

// publicView derives the public view of d, whose code prints as code, with codes only.
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
		Reference:     portalRef(d),
		AcceptBy:      d.AcceptanceDue(),
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
	s.History = make([]PublicEvent, len(d.Events))
	for i, ev := range d.Events {
		e := PublicEvent{At: ev.At, Event: eventName(ev.Command), State: ev.To, National: ev.To.Status()}
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

// holders lists the agencies whose work queues hold d (Record.Holders), each once, in the
// route's order: the agencies of the steps in hand, several while parallel steps are
// (Decree 118/2025 Art. 20(2)(b)); else the one holder names. The desk's list is shared by
// the records that have it (records are never modified), which spares an intake an
// allocation.
func (o *Office) holders(d *dossier.Dossier) []string {
	var out []string
	for _, s := range d.InHand() {
		if !slices.Contains(out, s.Agency) {
			out = append(out, s.Agency)
		}
	}
	if len(out) > 0 {
		return out
	}
	if h := holder(d); h != o.desk {
		return []string{h}
	}
	return o.deskOnly
}

// Lookup returns the public status of a dossier by its code. It reads the code as a citizen
// types it on a phone or a kiosk: spaces around it are dropped, and a code the code format
// does not read as typed is read again in capitals ("000.00.31.h49-260310-0001"). A code
// still not read gives a *dossier.CodeError wrapping ErrMalformedCode, an unknown one
// ErrNotFound; both name the code as typed, cut at 64 characters. The slices of the result
// are shared with the store's copy: do not modify them.
func (o *Office) Lookup(ctx context.Context, code string) (PublicView, error) {
	typed := code
	code = strings.TrimSpace(code)
	key, err := o.key(code)
	if err != nil {
		if upper := strings.ToUpper(code); upper != code {
			if k, uerr := o.key(upper); uerr == nil {
				key, code, err = k, upper, nil
			}
		}
	}
	if err != nil {
		var ce *dossier.CodeError
		if errors.As(err, &ce) {
			c := *ce
			c.Code = msg.Clip(typed)
			return PublicView{}, &c
		}
		return PublicView{}, err
	}
	rec, err := o.load(ctx, code, key)
	if err != nil {
		return PublicView{}, renamed(err, code, typed)
	}
	pub := rec.Public
	if pub == nil {
		pub = o.publicView(rec.Dossier, o.printed(rec.Dossier.Code))
	}
	s := *pub
	// The dossier's own verdict: a dossier waiting for the applicant's supplement, or held
	// for a fee, is overdue only if it stopped late (dossier.Dossier.Overdue), as in the
	// sweep, the report and the Decision 766 rate.
	s.Overdue = open(s.State) && rec.Dossier.Overdue(o.clock.Now())
	return s, nil
}
