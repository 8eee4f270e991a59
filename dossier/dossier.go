package dossier

import (
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/motcua-go/motcua/calendar"
	"github.com/motcua-go/motcua/internal/msg"
	"github.com/rickb777/date/v2"
)

// Open creates a dossier in the Submitted state from what the desk or the portal knows,
// recording the intake as the first event. The intake is checked first (Intake.Validate:
// every problem at once, in a *ValidationError). Counter dossiers are then received at once with
// Apply(Command{Kind: Receive, ...}).
func (r *Rules) Open(in Intake, by Actor, now time.Time) (*Dossier, error) {
	if r == nil {
		return nil, errUnbound()
	}
	if by.Role != RoleApplicant && by.Role != RoleClerk {
		return nil, &TransitionError{Command: Open, Role: by.Role, Err: ErrForbidden}
	}
	if err := checkCommand(&Command{Actor: by}); err != nil {
		return nil, err
	}
	if err := in.Validate(); err != nil {
		return nil, err
	}
	// The dossier, its intake and room for the first events of its log in one allocation:
	// opening runs at every intake. (A log that outgrows the room moves to an array of its own.)
	// So are the lists of documents, when they are short.
	o := &opening{in: in}
	if nd, ne := len(in.Documents), len(in.Electronic); nd+ne <= len(o.docs) {
		if in.Documents != nil {
			o.in.Documents = o.docs[:nd:nd]
			copy(o.in.Documents, in.Documents)
		}
		if in.Electronic != nil {
			o.in.Electronic = o.docs[nd : nd+ne : nd+ne]
			copy(o.in.Electronic, in.Electronic)
		}
	} else {
		o.in.Documents = slices.Clone(in.Documents)
		o.in.Electronic = slices.Clone(in.Electronic)
	}
	if o.in.Submitted.IsZero() {
		o.in.Submitted = now
	}
	d := &o.d
	d.Rules = r
	d.Events = o.events[:0]
	d.Events = append(d.Events, Event{Seq: 1, At: now, Actor: by, Command: Open, To: Submitted, Intake: &o.in})
	d.apply(&d.Events[0])
	return d, nil
}

// opening holds what Open allocates together. The lists of documents are clipped to their
// length (one that grows moves to an array of its own); the log grows in place as Apply
// appends to it.
type opening struct {
	d  Dossier
	in Intake
	// events is the room of an intake's log, Open and Receive. A result given on the spot
	// (Resolve, Return) moves the log to an array of its own: one allocation more for those,
	// 512 bytes less to clear and collect at every other intake (2 KB to 1.5 KB); a later
	// command copies the log anyway (the Office works on a clipped copy).
	events [2]Event
	docs   [6]string
}

// Replay rebuilds a dossier from its event log. With the same Rules, the result equals
// (cmp.Diff) the dossier that produced the log. The dossier keeps events as its log (clipped
// to their length, so that later events never write into the caller's array); events are
// never modified by this package. A log that does not start with Open, skips a sequence
// number, goes back in time or records a transition the lifecycle does not allow is refused
// with a *LogError.
func (r *Rules) Replay(events []Event) (*Dossier, error) {
	if r == nil {
		return nil, errUnbound()
	}
	if len(events) == 0 || events[0].Command != Open || events[0].Intake == nil {
		return nil, &LogError{Seq: 1, Err: errLogStart}
	}
	if events[0].Seq != 1 || events[0].From != 0 || events[0].To != Submitted {
		return nil, &LogError{Seq: 1, Err: errLogStart}
	}
	d := &Dossier{Rules: r}
	for i := range events {
		ev := &events[i]
		if i > 0 {
			if ev.Seq != i+1 {
				return nil, &LogError{Seq: i + 1, Err: errLogSequence}
			}
			if ev.At.Before(events[i-1].At) {
				return nil, &LogError{Seq: ev.Seq, Err: errLogTime}
			}
			if to, ok := Next(d.State, ev.Command); !ok || ev.From != d.State || ev.To != to {
				return nil, &LogError{Seq: ev.Seq, Err: errLogTransition}
			}
			if err := d.replayable(ev); err != nil {
				return nil, &LogError{Seq: ev.Seq, Err: err}
			}
		}
		d.Events = events[: i+1 : i+1]
		d.apply(ev)
	}
	return d, nil
}

// replayable checks what apply relies on, so that a damaged log cannot panic.
func (d *Dossier) replayable(ev *Event) error {
	n := len(d.Steps)
	switch ev.Command {
	case Start:
		if n == 0 {
			return ErrNoNextStep
		}
	case Handoff:
		if k := d.stepOf(ev.Actor); k >= n || d.successor(k) < 0 {
			return ErrNoNextStep
		}
	case Recall, SendBack:
		k := d.stepOf(ev.Actor)
		if ev.Command == Recall {
			k = d.recallTarget(ev.Actor)
		}
		if k < 1 || k >= n || !d.hasPred(k) {
			return ErrNoPrevStep
		}
	case Supplement:
		if len(d.Supplements) == 0 {
			return ErrInvalid
		}
	case Transfer:
		if err := validateSteps(ev.Steps); err != nil {
			return err
		}
	}
	return nil
}

// Apply checks cmd against the lifecycle, the actor's role and agency, and the decree rules
// in force for the dossier, then records it. It returns the events appended, as copies: the
// log shares nothing with them nor with cmd (its attachments and steps are copied), so
// changing either later leaves the dossier as it is. On error nothing changes.
//
// The command's texts are checked first (checkCommand): a reason, an attachment's name, a
// reference or a step's text that is too long (MaxReasonLen, MaxDocumentLen,
// MaxReferenceLen), holds a control character or is not UTF-8 is refused with a
// *FieldError. A reason that holds only white space is no reason: the commands that need
// one refuse it with ErrRequired.
func (d *Dossier) Apply(cmd Command, now time.Time) ([]Event, error) {
	// Small enough to be inlined: a caller that drops the events it returns (the one-stop
	// desk at intake) then keeps their list on its stack.
	ev, err := d.applyOne(cmd, now)
	if err != nil {
		return nil, err
	}
	return []Event{ev}, nil
}

// applyOne is Apply: it returns the event appended, detached from the log.
func (d *Dossier) applyOne(cmd Command, now time.Time) (Event, error) {
	if d == nil {
		return Event{}, errNoDossier()
	}
	if d.Rules == nil {
		return Event{}, errUnbound()
	}
	to, ok := Next(d.State, cmd.Kind)
	if !ok {
		return Event{}, &TransitionError{Command: cmd.Kind, State: d.State, Role: cmd.Actor.Role, Err: ErrNotAllowed}
	}
	if !MayIssue(cmd.Actor.Role, cmd.Kind) {
		return Event{}, &TransitionError{Command: cmd.Kind, State: d.State, Role: cmd.Actor.Role, Err: ErrForbidden}
	}
	if err := d.consistent(); err != nil {
		return Event{}, err
	}
	if err := checkCommand(&cmd); err != nil {
		return Event{}, err
	}
	if n := len(d.Events); n > 0 && now.Before(d.Events[n-1].At) {
		return Event{}, &FieldError{Field: "now", Value: now.Format(time.RFC3339), Err: ErrInvalid}
	}
	ev := Event{Seq: len(d.Events) + 1, At: now, Actor: cmd.Actor, Command: cmd.Kind, From: d.State,
		To: to, Reason: cmd.Reason}
	if err := d.check(&cmd, &ev, now); err != nil {
		return Event{}, err
	}
	// The log keeps its own copy of the caller's list.
	ev.Attachments = cloneExact(cmd.Attachments)
	d.Events = append(d.Events, ev)
	d.apply(&d.Events[len(d.Events)-1])
	return detached(ev), nil
}

// detached returns a copy of ev that shares no list with the log, so that the caller cannot
// change the log through it.
func detached(ev Event) Event {
	ev.Attachments = cloneExact(ev.Attachments)
	ev.Steps = cloneExact(ev.Steps)
	for i := range ev.Steps {
		ev.Steps[i].After = cloneExact(ev.Steps[i].After)
	}
	return ev
}

// cloneExact copies s without spare capacity; empty gives nil.
func cloneExact[T any](s []T) []T {
	if len(s) == 0 {
		return nil
	}
	return append(make([]T, 0, len(s)), s...)
}

func errUnbound() error   { return &FieldError{Field: "dossier", Err: ErrUnbound} }
func errNoDossier() error { return &FieldError{Field: "dossier", Err: ErrRequired} }

// consistent checks what Apply relies on in a dossier that may have been decoded from
// storage, so that a damaged dossier is refused instead of panicking.
func (d *Dossier) consistent() error {
	n := len(d.Steps)
	switch {
	case d.Current < 0 || d.Current > max(n-1, 0):
		return &FieldError{Field: "dossier.current", Value: itoa(d.Current), Err: ErrInvalid}
	case n == 0 && (d.State == Transferred || d.State == InProcess || d.State == SupplementRequested || d.State == AwaitingObligation):
		return &FieldError{Field: "dossier.steps", Err: ErrRequired}
	case d.State == SupplementRequested && len(d.Supplements) == 0:
		return &FieldError{Field: "dossier.supplements", Err: ErrRequired}
	}
	return nil
}

func (d *Dossier) policy(now time.Time) Policy {
	if d.Regime != 0 {
		return d.Rules.Policy(d.Regime)
	}
	return d.Rules.Policy(RegimeAt(now))
}

// required reports a missing value: empty, or only white space.
func required(field, v string) error {
	if blank(v) {
		return &FieldError{Field: field, Err: ErrRequired}
	}
	return nil
}

// holds checks that an officer acts for the agency of step i.
func (d *Dossier) holds(cmd *Command, i int) error {
	if cmd.Actor.Role != RoleOfficer || i < 0 || i >= len(d.Steps) || d.Steps[i].Agency == cmd.Actor.Agency {
		return nil
	}
	return &TransitionError{Command: cmd.Kind, State: d.State, Role: cmd.Actor.Role, Err: ErrWrongAgency}
}

func (d *Dossier) stepDue(i int) time.Time {
	if i >= 0 && i < len(d.Steps) {
		return d.Steps[i].Due
	}
	return time.Time{}
}

// check applies the guards of cmd and fills the event's computed fields. It changes nothing.
func (d *Dossier) check(cmd *Command, ev *Event, now time.Time) error {
	cal := d.Rules.cal
	// The step the command acts on: the officer's own when parallel steps are in hand.
	cur := d.stepOf(cmd.Actor)
	switch cmd.Kind {
	case Receive:
		if cmd.Code.IsZero() {
			return &FieldError{Field: "code", Err: ErrRequired}
		}
		if err := d.Rules.checkCode(cmd.Code, now); err != nil {
			return err
		}
		if cmd.Code.Unit != d.CodeUnit(now) || cmd.Code.Date != date.NewAt(now.In(calendar.Zone())) {
			return &FieldError{Field: "code", Value: cmd.Code.String(), Err: ErrInvalid}
		}
		due := cmd.Due
		if due.IsZero() {
			start := now
			// A boundary-free dossier's count starts when the competent agency receives it:
			// the appointment is provisional, counted from the latest hand-over allowed.
			if p := d.policy(now); p.fromTransfer(d.Rules, now, d.Desk, d.Agency) {
				start = d.transferDueAt(now, p)
			}
			due = cal.Due(start, d.Limit)
		} else if due.Before(now) {
			return &FieldError{Field: "due", Value: due.Format(time.RFC3339), Err: ErrInvalid}
		}
		ev.Code, ev.Due = cmd.Code, due
	case RequestIntakeSupplement:
		if err := required("reason", cmd.Reason); err != nil {
			return err
		}
		if d.policy(now).IntakeGuidanceOnce && d.last(RequestIntakeSupplement) != nil {
			return &RuleError{Command: cmd.Kind, Rule: "Decree 61/2018 Art. 15(3)", Err: ErrGuidanceRepeated}
		}
		if err := d.onceOnly(cmd, now); err != nil {
			return err
		}
		ev.Verification = cmd.Verification
	case RefuseIntake:
		ev.Redirect = cmd.Redirect
		return required("reason", cmd.Reason)
	case Transfer:
		due := d.Deadline.Due
		if d.fromTransfer() {
			// The competent agency receives the dossier now: the time limit runs from here.
			if due = cmd.Due; due.IsZero() {
				due = cal.Due(now, d.Limit)
			} else if due.Before(now) {
				return &FieldError{Field: "due", Value: due.Format(time.RFC3339), Err: ErrInvalid}
			}
			ev.Due = due
		}
		if len(cmd.Steps) == 0 {
			ev.Steps = []StepRecord{{ID: "1", Agency: d.Agency, Due: due}}
		} else {
			if err := validateSteps(cmd.Steps); err != nil {
				return err
			}
			ev.Steps = slices.Clone(cmd.Steps)
			for i := range ev.Steps {
				ev.Steps[i].Start, ev.Steps[i].Done = time.Time{}, time.Time{}
				ev.Steps[i].After = cloneExact(ev.Steps[i].After)
			}
		}
		ev.StepDue = ev.Steps[0].Due
	case Start:
		ev.StepDue = d.stepDue(0)
		return d.holds(cmd, 0)
	case Handoff:
		if err := d.holds(cmd, cur); err != nil {
			return err
		}
		if d.successor(cur) < 0 {
			return &TransitionError{Command: cmd.Kind, State: d.State, Role: cmd.Actor.Role, Err: ErrNoNextStep}
		}
		// The step in hand after the event: the first the hand-over starts, else (a join
		// waiting for a parallel branch) the first branch still in hand.
		if j := d.nextReady(cur); j >= 0 {
			ev.StepDue = d.stepDue(j)
		} else {
			for j := range d.Steps {
				if j != cur && d.running(j) {
					ev.StepDue = d.stepDue(j)
					break
				}
			}
		}
	case Recall, SendBack:
		if cmd.Kind == Recall {
			cur = d.recallTarget(cmd.Actor)
		}
		if cur < 1 || !d.hasPred(cur) {
			return &TransitionError{Command: cmd.Kind, State: d.State, Role: cmd.Actor.Role, Err: ErrNoPrevStep}
		}
		if cmd.Kind == SendBack {
			if err := required("reason", cmd.Reason); err != nil {
				return err
			}
		}
		prev := d.firstPred(cur)
		ev.StepDue = d.stepDue(prev)
		if cmd.Kind == Recall {
			if cmd.Actor.Role == RoleOfficer {
				ok := false
				d.preds(cur, func(p int) { ok = ok || d.Steps[p].Agency == cmd.Actor.Agency })
				if !ok {
					return d.holds(cmd, prev)
				}
			}
			return nil
		}
		return d.holds(cmd, cur)
	case RequestSupplement:
		if err := required("reason", cmd.Reason); err != nil {
			return err
		}
		if err := d.holds(cmd, cur); err != nil {
			return err
		}
		p := d.policy(now)
		if p.SupplementWindow > 0 {
			from := d.Received
			if d.fromTransfer() {
				from = d.Transferred
			}
			limit := cal.Due(from, calendar.Limit{N: p.SupplementWindow, Unit: calendar.WorkingDays})
			if now.After(limit) {
				return &RuleError{Command: cmd.Kind, Rule: "Decree 61/2018 Art. 19(4)", Deadline: limit, Err: ErrSupplementWindow}
			}
		}
		if p.SupplementOncePerAgency {
			for _, s := range d.Supplements {
				if s.Agency == cmd.Actor.Agency {
					return &RuleError{Command: cmd.Kind, Rule: "Decree 61/2018 Art. 15(3), 19(4)", Err: ErrSupplementRepeated}
				}
			}
		}
		if err := d.onceOnly(cmd, now); err != nil {
			return err
		}
		ev.Verification = cmd.Verification
		ev.StepDue = d.stepDue(cur)
	case Supplement:
		ev.Due = d.resumedDue(d.policy(now).AfterSupplement, now)
	case RequestObligation:
		ev.StepDue = d.stepDue(cur)
		return d.holds(cmd, cur)
	case FulfilObligation:
		ev.Due = d.resumedDue(d.policy(now).DuringObligation, now)
	case Apologise:
		if err := required("reason", cmd.Reason); err != nil {
			return err
		}
		if err := d.holds(cmd, cur); err != nil {
			return err
		}
		p := d.policy(now)
		if p.MaxReappointments != Unlimited && d.Deadline.Reappointments >= p.MaxReappointments {
			return &RuleError{Command: cmd.Kind, Rule: "Decree 61/2018 Art. 19(9)", Err: ErrReappointed}
		}
		if limit := d.apologyDeadline(p); !limit.IsZero() && now.After(limit) {
			return &RuleError{Command: cmd.Kind, Rule: "Decree 61/2018 Art. 19(9)", Deadline: limit, Err: ErrApologyLate}
		}
		if !cmd.Due.After(d.Deadline.Due) {
			return &FieldError{Field: "due", Value: cmd.Due.Format(time.RFC3339), Err: ErrNotLater}
		}
		ev.Due = cmd.Due
		ev.StepDue = d.stepDue(cur)
	case Resolve:
		if d.State == InProcess && !d.othersDone(cur) {
			return &TransitionError{Command: cmd.Kind, State: d.State, Role: cmd.Actor.Role, Err: ErrStepsPending}
		}
		ev.Reference = cmd.Reference
		ev.StepDue = d.stepDue(cur)
		return d.holds(cmd, cur)
	case Refuse:
		if err := required("reason", cmd.Reason); err != nil {
			return err
		}
		if err := d.holds(cmd, cur); err != nil {
			return err
		}
		if d.policy(now).RefusalWithinLimit && !d.Deadline.Due.IsZero() && now.After(d.Deadline.Due) {
			return &RuleError{Command: cmd.Kind, Rule: "Decree 61/2018 Art. 19(8)", Deadline: d.Deadline.Due, Err: ErrRefusalLate}
		}
		ev.StepDue = d.stepDue(cur)
	case Withdraw:
		if !d.policy(now).Withdrawal {
			return &RuleError{Command: cmd.Kind, Rule: "Circular 03/2025/TT-VPCP form 05", Err: ErrWithdrawalClosed}
		}
	case Close:
		if d.policy(now).CloseAfter.N == 0 {
			return &RuleError{Command: cmd.Kind, Rule: "Decree 118/2025 Art. 19(5)", Err: ErrNotProvided}
		}
		if due := d.CloseDue(); now.Before(due) {
			return &RuleError{Command: cmd.Kind, Rule: "Decree 118/2025 Art. 19(5)", Deadline: due, Err: ErrCloseEarly}
		}
	case Amend:
		p := d.policy(now)
		if !p.Amendment {
			return &RuleError{Command: cmd.Kind, Rule: "Decree 118/2025 Art. 21(2)", Err: ErrNotProvided}
		}
		if d.Channel.Paper() {
			return &RuleError{Command: cmd.Kind, Rule: "Decree 118/2025 Art. 21(2)", Err: ErrNotOnline}
		}
		if err := required("reason", cmd.Reason); err != nil {
			return err
		}
		// A provisional appointment is fixed at the transfer, which counts afresh.
		if p.AfterAmendment == Restart && !d.Deadline.Due.IsZero() && !d.DueProvisional() {
			ev.Due = cal.Due(now, d.Limit)
		}
	case SendForCorrection:
		return required("reason", cmd.Reason)
	case Correct:
		ev.Reference = cmd.Reference
		return d.holds(cmd, cur)
	}
	return nil
}

// onceOnly refuses a supplement request naming a document the applicant declared available
// as electronic data, unless the request is for verification (Policy.OnceOnly).
func (d *Dossier) onceOnly(cmd *Command, now time.Time) error {
	if cmd.Verification || len(cmd.Attachments) == 0 || !d.policy(now).OnceOnly {
		return nil
	}
	held := d.electronic()
	if len(held) == 0 {
		return nil
	}
	set := make(map[string]struct{}, len(held))
	for _, h := range held {
		set[docKey(h)] = struct{}{}
	}
	for i, a := range cmd.Attachments {
		if _, ok := set[docKey(a)]; ok {
			return &RuleError{Command: cmd.Kind, Rule: "Decree 118/2025 Art. 5(1)(i), 17(1)(b)",
				Err: &FieldError{Field: "attachments[" + itoa(i) + "]", Value: msg.Clip(a), Err: ErrOnceOnly}}
		}
	}
	return nil
}

// docKey is the name of a document as compared by the once-only rule: without surrounding
// white space, in lower case.
func docKey(s string) string { return strings.ToLower(strings.TrimFunc(s, unicode.IsSpace)) }

// electronic returns the documents declared at intake as held electronically.
func (d *Dossier) electronic() []string {
	if len(d.Events) == 0 || d.Events[0].Intake == nil {
		return nil
	}
	return d.Events[0].Intake.Electronic
}

// apologyDeadline is the last instant for the apology and new appointment: the close of
// office hours of the working day p.ApologyLead working days before the due date, and never
// later than the due time itself (which only matters for a lead of 0); zero when the policy
// sets no lead time (Unlimited).
func (d *Dossier) apologyDeadline(p Policy) time.Time {
	if p.ApologyLead == Unlimited || d.Deadline.Due.IsZero() {
		return time.Time{}
	}
	cal := d.Rules.cal
	last := cal.AddWorkingDays(date.NewAt(d.Deadline.Due.In(calendar.Zone())), -p.ApologyLead)
	limit := cal.CloseOfDay(last)
	if limit.After(d.Deadline.Due) {
		limit = d.Deadline.Due
	}
	return limit
}

// resumedDue is the due time after waiting for the applicant from PausedAt to now.
func (d *Dossier) resumedDue(rule ClockRule, now time.Time) time.Time {
	cal := d.Rules.cal
	switch rule {
	case Restart:
		return cal.Due(now, d.Limit)
	case Pause:
		if p := d.PausedAt(); !p.IsZero() {
			return cal.AddWorkingTime(d.Deadline.Due, cal.WorkingTimeBetween(p, now))
		}
	}
	return d.Deadline.Due
}

// checkCommand checks the texts of cmd: the reason, the attachments' names, the reference,
// the actor's identifiers and, for a transfer, the steps' texts.
func checkCommand(cmd *Command) error {
	check := func(field, s string, max int, multiline bool) error {
		if err := checkText(s, max, multiline); err != nil {
			return &FieldError{Field: field, Err: err}
		}
		return nil
	}
	if err := check("reason", cmd.Reason, MaxReasonLen, true); err != nil {
		return err
	}
	if err := check("reference", cmd.Reference, MaxReferenceLen, false); err != nil {
		return err
	}
	if err := check("actor.id", cmd.Actor.ID, MaxReferenceLen, false); err != nil {
		return err
	}
	if err := check("actor.agency", cmd.Actor.Agency, MaxReferenceLen, false); err != nil {
		return err
	}
	if err := check("redirect", cmd.Redirect, MaxNameLen, false); err != nil {
		return err
	}
	for i, a := range cmd.Attachments {
		err := checkText(a, MaxDocumentLen, false)
		if err == nil && blank(a) {
			err = ErrRequired
		}
		if err != nil {
			return &FieldError{Field: "attachments[" + itoa(i) + "]", Err: err}
		}
	}
	if cmd.Kind == Transfer {
		for i, st := range cmd.Steps {
			p := "steps[" + itoa(i) + "]."
			if err := check(p+"id", st.ID, MaxReferenceLen, false); err != nil {
				return err
			}
			if err := check(p+"agency", st.Agency, MaxReferenceLen, false); err != nil {
				return err
			}
			if err := check(p+"task", st.Task, MaxReasonLen, true); err != nil {
				return err
			}
		}
	}
	return nil
}

// validateSteps checks a route's steps: each with an identifier, an agency and a due time,
// no identifier twice. Its cost is linear in the number of steps.
func validateSteps(steps []StepRecord) error {
	if len(steps) == 0 {
		return &FieldError{Field: "steps", Err: ErrRequired}
	}
	// A route has a few steps: compare them pairwise; a long list goes through a set.
	var seen map[string]struct{}
	if len(steps) > 8 {
		seen = make(map[string]struct{}, len(steps))
	}
	for i, s := range steps {
		switch {
		case s.ID == "":
			return &FieldError{Field: "steps[" + itoa(i) + "].id", Err: ErrRequired}
		case s.Agency == "":
			return &FieldError{Field: "steps[" + itoa(i) + "].agency", Err: ErrRequired}
		case s.Due.IsZero():
			return &FieldError{Field: "steps[" + itoa(i) + "].due", Err: ErrRequired}
		}
		dup := false
		if seen != nil {
			_, dup = seen[s.ID]
			seen[s.ID] = struct{}{}
		} else {
			for _, t := range steps[:i] {
				dup = dup || t.ID == s.ID
			}
		}
		if dup {
			return &FieldError{Field: "steps[" + itoa(i) + "].id", Value: s.ID, Err: ErrInvalid}
		}
		// A step waits only for steps before it: the list is in an order the steps can be
		// done in, and has no cycle.
		if len(s.After) > i {
			return &FieldError{Field: "steps[" + itoa(i) + "].after", Err: ErrInvalid}
		}
		for j, a := range s.After {
			found := false
			for _, t := range steps[:i] {
				found = found || t.ID == a
			}
			if !found || i == 0 {
				return &FieldError{Field: "steps[" + itoa(i) + "].after[" + itoa(j) + "]", Value: msg.Clip(a), Err: ErrInvalid}
			}
		}
	}
	return nil
}

// apply changes the dossier as ev says. ev has been checked; apply never fails.
func (d *Dossier) apply(ev *Event) {
	at := ev.At
	cur := d.stepOf(ev.Actor)
	switch ev.Command {
	case Open:
		in := ev.Intake
		d.Procedure, d.Applicant, d.Channel = in.Procedure, &in.Applicant, in.Channel
		d.Desk, d.Agency, d.Limit = in.Desk, in.Agency, in.Limit
		// The intake's list is shared with the log, which is never modified.
		d.Submitted, d.Documents = in.Submitted, slices.Clip(in.Documents)
	case Receive:
		d.Code, d.Received, d.Regime = ev.Code, at, RegimeAt(at)
		if d.Code.Unit == d.Desk {
			d.Code.Unit = d.Desk
		}
		d.setDue(ev.Due, Receive)
	case RefuseIntake, Withdraw, Close:
		d.Resolution.At, d.Resolution.Refused = at, ev.Command == RefuseIntake
	case Transfer:
		d.Transferred, d.Steps, d.Current = at, slices.Clone(ev.Steps), 0
		if !ev.Due.IsZero() {
			d.setDue(ev.Due, Transfer)
		}
	case Start:
		d.Steps[0].Start = at
	case Handoff:
		d.handOff(cur, ev)
	case Recall, SendBack:
		if ev.Command == Recall {
			cur = d.recallTarget(ev.Actor)
		}
		d.takeBack(cur)
	case RequestSupplement:
		agency := ev.Actor.Agency
		if cur < len(d.Steps) && d.Steps[cur].Agency == agency {
			agency = d.Steps[cur].Agency
		}
		d.Supplements = appendExact(d.Supplements, SupplementRequest{Agency: agency, Requested: at})
	case Supplement:
		d.resume(ev)
		d.Supplements[len(d.Supplements)-1].Supplied = at
	case FulfilObligation:
		d.resume(ev)
	case Apologise:
		d.Deadline.Reappointments++
		d.setDue(ev.Due, Apologise)
	case Resolve, Refuse:
		if cur < len(d.Steps) && ev.From == InProcess {
			d.Steps[cur].Done = at
		}
		d.Resolution.At, d.Resolution.Refused, d.Resolution.Reference = at, ev.Command == Refuse, ev.Reference
		d.Resolution.Late = d.lateAt(at)
	case Return:
		d.Resolution.Returned = at
	case Amend:
		d.resume(ev)
	case Correct:
		d.Resolution.Corrected = at
		if ev.Reference != "" {
			d.Resolution.Reference = ev.Reference
		}
	}
	d.State = ev.To
}

// lateAt reports whether at is past the due time in force.
func (d *Dossier) lateAt(at time.Time) bool {
	return !d.Deadline.Due.IsZero() && at.After(d.Deadline.Due)
}

func (d *Dossier) setDue(due time.Time, cause CommandKind) {
	d.Deadline.Due = due
	d.Deadline.History = appendExact(d.Deadline.History, DueChange{Due: due, Cause: cause})
}

// appendExact appends without spare capacity: these lists grow a few times in a dossier's
// life and are kept for years.
func appendExact[T any](s []T, v T) []T {
	out := make([]T, len(s)+1)
	copy(out, s)
	out[len(s)] = v
	return out
}

// resume moves the due time after waiting for the applicant, and the due times of the steps
// not yet done by as much. (The start of the count and the time paused are read from the
// log: Dossier.span.)
func (d *Dossier) resume(ev *Event) {
	cal := d.Rules.cal
	old := d.Deadline.Due
	if ev.Due.IsZero() || ev.Due.Equal(old) {
		return
	}
	d.setDue(ev.Due, ev.Command)
	delta := cal.WorkingTimeBetween(old, ev.Due)
	for i := d.Current; i < len(d.Steps); i++ {
		if d.Steps[i].Done.IsZero() {
			d.Steps[i].Due = cal.AddWorkingTime(d.Steps[i].Due, delta)
		}
	}
}
