package onestop

import (
	"context"
	"strings"
	"time"

	"github.com/motcua-go/motcua/dossier"
	"github.com/motcua-go/motcua/procedure"
)

// Online reception under Decree 118/2025 Art. 17(2)–(3) keeps three instants apart: the
// National Public Service Portal acknowledges the submission (Submission.Submitted), the
// province system receives it (ReceiveOnline: the dossier is opened, state Submitted, "chờ
// tiếp nhận"), and the desk accepts it officially (Accept: the code and the appointment are
// issued, and the time limit runs from here, Art. 17(3), 28(1)). Between the last two the
// desk has 8 working hours (dossier.Policy.AcceptanceLimit) to accept, to ask once for
// corrections, or to say the dossier is not within its competence and where to send it; the
// sweep lists the dossiers near or past that limit (AcceptanceDue).
//
// A dossier waiting for acceptance has no code yet: it is kept under PendingKey of the
// portal's reference, which every command taking a code also takes (Withdraw to stop it,
// Amend, Lookup; Art. 21(2) allows both from the system's receipt). Once accepted, that key
// leads to the dossier's code.

// pendingPrefix opens the key of a dossier waiting for acceptance; no dossier code starts so.
const pendingPrefix = "online:"

// PendingKey is the key under which an online dossier received by the system and not yet
// accepted is kept and looked up: "online:" and the portal's reference of the submission
// (Submission.Reference). The commands and Lookup take it where they take a code; after the
// acceptance it leads to the dossier's code.
func PendingKey(reference string) string { return pendingPrefix + reference }

// pendingKey reports whether key is a PendingKey.
func pendingKey(key string) bool { return strings.HasPrefix(key, pendingPrefix) }

// Pending is the answer to ReceiveOnline: the dossier received by the province system and
// waiting for the desk's acceptance.
type Pending struct {
	Key       string    `json:"key"`       // PendingKey(Reference)
	Reference string    `json:"reference"` // the portal's reference of the submission
	Submitted time.Time `json:"submitted"` // the portal's acknowledgement
	// SystemReceived is when the province system received the dossier; the desk's 8
	// working hours run from here (Decree 118/2025 Art. 17(2)(c)).
	SystemReceived time.Time `json:"system_received"`
	// AcceptBy is when the desk must at the latest have accepted, asked for corrections or
	// redirected the dossier (dossier.Dossier.AcceptanceDue); zero when the regime sets no
	// limit (Decree 61/2018).
	AcceptBy time.Time `json:"accept_by,omitzero"`
}

// ReceiveOnline records an online submission as the province system receives it from the
// National Public Service Portal, without the desk's decision (Decree 118/2025 Art. 17(2)):
// the dossier is opened (state Submitted, national status 1) and stored under
// PendingKey(sub.Reference), and a notice ("open") tells the desk, whose work queue lists it
// (Queue with the state Submitted). The desk then decides with Accept. The submission must be
// online and carry the portal's reference; it is read as Intake reads it (every problem at
// once in an *IntakeError), but the documents are judged at acceptance. A reference already
// received gives a *dossier.CodeError wrapping ErrExists.
func (o *Office) ReceiveOnline(ctx context.Context, sub Submission) (Pending, error) {
	now := o.clock.Now()
	c := &intakeCheck{o: o, sub: sub, now: now}
	if sub.Channel != procedure.Online {
		c.add("Submission.Channel", sub.Channel.String(), ErrInvalid)
	}
	switch ref := strings.TrimSpace(sub.Reference); {
	case ref == "":
		c.add("Submission.Reference", "", ErrRequired)
	case ref != sub.Reference:
		// Lookup drops the spaces around what it is given: the key has none.
		c.add("Submission.Reference", "", ErrInvalid)
	}
	c.checkSubmission()
	c.findProcedures()
	in := c.dossierIntake()
	if err := c.problems(); err != nil {
		return Pending{}, err
	}
	in.Submitted = c.submitted
	applicant := dossier.Actor{ID: "applicant", Role: dossier.RoleApplicant}
	d, err := o.rules.Open(in, applicant, now)
	if err != nil {
		return Pending{}, err
	}
	rec := Record{Code: PendingKey(sub.Reference), Dossier: d, Locality: sub.Locality}
	o.derive(&rec, "", now)
	var msgs []Envelope
	if o.queues() {
		msgs = o.notices(rec, eventName(dossier.Open), applicant, now)
	}
	if _, err := o.store.Create(ctx, rec, msgs); err != nil {
		return Pending{}, err
	}
	p := Pending{Key: rec.Code, Reference: sub.Reference, Submitted: d.Submitted, SystemReceived: now, AcceptBy: d.AcceptanceDue()}
	return p, o.deliver(ctx, msgs)
}

// Accept is the desk's decision on an online dossier received by the system and waiting for
// acceptance (ReceiveOnline; Decree 118/2025 Art. 17(2)): the documents are checked as at
// Intake, with the clerk's own review, and the dossier is accepted officially (the code is
// issued now, Art. 28(1), and the time limit runs from now, Art. 17(3)), or the applicant is
// asked once for corrections (the dossier waits, IntakeSupplement, until Resubmit), or it is
// refused, for want of competence with where to send it (Review.Redirect, Art. 17(2)(a)).
// reference is the portal's (Submission.Reference). The answer is Intake's; the dossier
// stays under its PendingKey, which after acceptance leads to its code.
//
// Two clerks accepting at once: one wins, the other gets a *ConflictError (or ErrClosed).
// An accepted dossier whose coded record a failed write left missing is written again.
func (o *Office) Accept(ctx context.Context, clerk dossier.Actor, reference string, review Review) (IntakeResult, error) {
	if err := o.checkActor(clerk, dossier.RoleClerk); err != nil {
		return IntakeResult{}, err
	}
	key, err := o.key(PendingKey(reference))
	if err != nil {
		return IntakeResult{}, err
	}
	rec, err := o.store.Get(ctx, key)
	if err != nil {
		return IntakeResult{}, err
	}
	if err := check(&rec); err != nil {
		return IntakeResult{}, err
	}
	if rec.Dossier.Rules != o.rules {
		d := *rec.Dossier
		d.Rules = o.rules
		rec.Dossier = &d
	}
	if !rec.Dossier.Code.IsZero() {
		return o.repairAccepted(ctx, rec)
	}
	if rec.Dossier.State.Terminal() {
		return IntakeResult{}, codeError(key, ErrClosed)
	}
	c := &intakeCheck{o: o, clerk: clerk, sub: submissionOf(rec), now: o.clock.Now(), pending: &rec}
	c.sub.Review = review
	in, err := c.run()
	if err != nil {
		return IntakeResult{}, err
	}
	if last := rec.Dossier.Events[len(rec.Dossier.Events)-1].At; c.now.Before(last) {
		c.now = last
	}
	if c.received.Before(c.now) {
		c.received = c.now
	}
	return o.decide(ctx, c, cloneDossier(rec.Dossier), in)
}

// Resubmit hands in the corrections the desk asked for on an online dossier not yet accepted
// (dossier.Resubmit): the documents are added to the submission, the dossier waits for the
// desk's acceptance again, and the desk's 8 working hours run afresh (Decree 118/2025 Art.
// 17(2)). reference is the portal's.
func (o *Office) Resubmit(ctx context.Context, actor dossier.Actor, reference string, documents []string) (PublicView, error) {
	if err := o.checkActor(actor, dossier.RoleApplicant, dossier.RoleClerk); err != nil {
		return PublicView{}, err
	}
	return o.simple(ctx, actor, PendingKey(reference), dossier.Command{Kind: dossier.Resubmit, Actor: actor, Attachments: documents},
		dossier.RoleApplicant, dossier.RoleClerk)
}

// submissionOf is the submission of a dossier received online, as the system received it,
// with the documents handed in since (resubmitted or amended).
func submissionOf(rec Record) Submission {
	in := rec.Dossier.Events[0].Intake
	sub := Submission{Procedure: in.Procedure.Code, Case: in.Procedure.Case, Channel: in.Channel, Applicant: in.Applicant,
		Competent: in.Agency, Locality: rec.Locality, Submitted: in.Submitted, Reference: in.Reference,
		Electronic: in.Electronic, Documents: append([]string(nil), in.Documents...)}
	if in.Group != "" {
		sub.Group, sub.Case = in.Group, ""
	}
	for _, ev := range rec.Dossier.Events[1:] {
		if ev.Command == dossier.Resubmit || ev.Command == dossier.Amend {
			sub.Documents = appendNew(sub.Documents, ev.Attachments)
		}
	}
	return sub
}

// storePending writes the decision of the desk on a dossier waiting for acceptance (a
// refusal or a request for corrections) with its notice.
func (o *Office) storePending(ctx context.Context, c *intakeCheck, d *dossier.Dossier, cmd dossier.CommandKind, reason string, missing []string) error {
	rec := *c.pending
	rec.Dossier = d
	o.derive(&rec, "", c.now)
	var msgs []Envelope
	if o.queues() {
		msgs = o.intakeNotices(d, cmd, c.clerk, c.now, c.sub.Reference, reason, missing)
		for i := range msgs {
			msgs[i].Code = rec.Code
		}
	}
	if _, err := o.store.Update(ctx, rec, msgs); err != nil {
		return err
	}
	return o.deliver(ctx, msgs)
}

// forward writes the accepted dossier d to the record it waited in, which from then on
// leads to its code.
func (o *Office) forward(ctx context.Context, c *intakeCheck, d *dossier.Dossier) error {
	rec := *c.pending
	rec.Dossier = cloneDossier(d)
	o.derive(&rec, o.printed(d.Code), c.now)
	_, err := o.store.Update(ctx, rec, nil)
	return err
}

// repairAccepted answers Accept on a dossier already accepted: its coded record is written
// if a failed write left it missing; otherwise the dossier is no longer waiting (ErrClosed).
func (o *Office) repairAccepted(ctx context.Context, pending Record) (IntakeResult, error) {
	d := pending.Dossier
	code := d.Code.String()
	if _, err := o.store.Get(ctx, code); err == nil {
		return IntakeResult{}, codeError(pending.Code, ErrClosed)
	}
	printed := o.printed(d.Code)
	rec := Record{Code: code, Dossier: cloneDossier(d), Locality: pending.Locality, Summary: Summary{StepScore: -1}}
	o.derive(&rec, printed, d.Received)
	if _, err := o.store.Create(ctx, rec, nil); err != nil {
		return IntakeResult{}, err
	}
	return IntakeResult{Decision: DecisionReceive, Code: printed, Received: d.Received, Due: d.Deadline.Due}, nil
}

// acceptanceNear is when the sweep starts listing an online dossier waiting for acceptance:
// once the policy's share of the desk's time is used (dossier.Policy.AtRiskShare), from the
// system's receipt or the last resubmission.
func acceptanceNear(d *dossier.Dossier, due time.Time) time.Time {
	since := d.SystemReceived()
	for i := len(d.Events) - 1; i > 0; i-- {
		if d.Events[i].Command == dossier.Resubmit {
			since = d.Events[i].At
			break
		}
	}
	cal := d.Rules.Calendar()
	share := d.Rules.Policy(dossier.RegimeAt(since)).AtRiskShare
	return cal.AddWorkingTime(since, time.Duration(share*float64(cal.WorkingTimeBetween(since, due))))
}

// portalRef returns the portal's reference of d's submission.
func portalRef(d *dossier.Dossier) string {
	if len(d.Events) == 0 || d.Events[0].Intake == nil {
		return ""
	}
	return d.Events[0].Intake.Reference
}
