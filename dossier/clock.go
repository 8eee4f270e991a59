package dossier

import "time"

// end is the instant the clock reads at now: the end of the dossier, the start of a pause,
// or now.
func (d *Dossier) end(now time.Time) time.Time {
	switch {
	case d.State == Closed:
		// The clock stopped when the supplement was asked for (unless it ran while waiting).
		if n := len(d.Supplements); n > 0 && d.Rules != nil && d.Rules.Policy(d.Regime).AfterSupplement != Run {
			return d.Supplements[n-1].Requested
		}
		return d.Resolution.At
	case !d.Resolution.At.IsZero():
		return d.Resolution.At
	}
	if p := d.PausedAt(); !p.IsZero() {
		return p
	}
	return now
}

// span returns when the count of the time limit began (the receipt, or the end of a wait
// under Restart) and the working time of the waits ended since under Pause, read from the
// log; without a log, the receipt and nothing paused.
func (d *Dossier) span() (start time.Time, paused time.Duration) {
	start = d.Received
	p := d.Rules.Policy(d.Regime)
	for i := range d.Events {
		ev := &d.Events[i]
		rule := p.AfterSupplement
		switch ev.Command {
		case Receive:
			start, paused = ev.At, 0
			continue
		case Transfer:
			// The transfer fixed the due time: the count runs from the competent agency's
			// receipt (Policy.ClockFromCompetentReceipt).
			if !ev.Due.IsZero() {
				start, paused = ev.At, 0
			}
			continue
		case Amend:
			// An amendment restarted the count when it set the due time
			// (Policy.AfterAmendment).
			if !ev.Due.IsZero() {
				start, paused = ev.At, 0
			}
			continue
		case FulfilObligation:
			rule = p.DuringObligation
		case Supplement:
		default:
			continue
		}
		switch {
		case rule == Restart:
			start, paused = ev.At, 0
		case rule == Pause && i > 0:
			// The wait began with the event before: nothing else leaves a waiting state.
			paused += d.Rules.cal.WorkingTimeBetween(d.Events[i-1].At, ev.At)
		}
	}
	return start, paused
}

// PausedAt returns when the dossier began to wait for the applicant, while it waits for a
// supplement or for a tax or fee payment under a policy that stops the clock (Restart or
// Pause); zero otherwise. It is derived from the supplement requests and the log.
func (d *Dossier) PausedAt() time.Time {
	if d == nil || d.Rules == nil {
		return time.Time{}
	}
	switch d.State {
	case SupplementRequested:
		if n := len(d.Supplements); n > 0 && d.Rules.Policy(d.Regime).AfterSupplement != Run {
			return d.Supplements[n-1].Requested
		}
	case AwaitingObligation:
		if d.Rules.Policy(d.Regime).DuringObligation == Run {
			break
		}
		for i := len(d.Events) - 1; i >= 0; i-- {
			if d.Events[i].Command == RequestObligation {
				return d.Events[i].At
			}
		}
	}
	return time.Time{}
}

// Overdue reports whether the dossier ran, or is running, past its due time: for a dossier
// ended, whether it ended late; while the clock is stopped, whether it stopped late.
// A dossier not yet received has no due time and is never overdue.
func (d *Dossier) Overdue(now time.Time) bool {
	if d == nil {
		return false
	}
	return !d.Deadline.Due.IsZero() && d.end(now).After(d.Deadline.Due)
}

// Remaining returns the working time left until the due time at now (negative when
// overdue), counted on the working calendar; zero before receipt.
func (d *Dossier) Remaining(now time.Time) time.Duration {
	if d == nil {
		return 0
	}
	if d.Deadline.Due.IsZero() || d.Rules == nil {
		return 0
	}
	return d.Rules.cal.WorkingTimeBetween(d.end(now), d.Deadline.Due)
}

// Used returns the share of the time limit used at now (0 before receipt; above 1 when
// overdue; 1 for a zero limit). Paused time is not counted; the new appointment extends the
// limit.
func (d *Dossier) Used(now time.Time) float64 {
	if d == nil {
		return 0
	}
	if d.Deadline.Due.IsZero() || d.Rules == nil {
		return 0
	}
	cal := d.Rules.cal
	start, paused := d.span()
	total := cal.WorkingTimeBetween(start, d.Deadline.Due) - paused
	used := cal.WorkingTimeBetween(start, d.end(now)) - paused
	if total <= 0 {
		return 1
	}
	return float64(used) / float64(total)
}

// AtRisk reports whether the dossier is still within its time but has used at least the
// policy's AtRiskShare of it; ended dossiers are never at risk.
func (d *Dossier) AtRisk(now time.Time) bool {
	if d == nil {
		return false
	}
	if d.Deadline.Due.IsZero() || d.Rules == nil || !d.Resolution.At.IsZero() || d.Overdue(now) {
		return false
	}
	return d.Used(now) >= d.Rules.Policy(d.Regime).AtRiskShare
}

// TransferDue is when the desk must have transferred the dossier to the competent agency
// (Decree 61/2018 Art. 18): an online dossier at once; a paper dossier within the working day
// of receipt, or at the start of the next working day if received after the policy's cut-off
// (15:00) or on a day that is not a working day; for a competent agency at another
// administrative level (Intake.OtherLevel) under Decree 118/2025 Art. 20(1)(a), within
// Policy.OtherLevelTransfer (1 working day) of the reception. Zero before receipt.
func (d *Dossier) TransferDue() time.Time {
	if d == nil {
		return time.Time{}
	}
	if d.Received.IsZero() || d.Rules == nil {
		return time.Time{}
	}
	return d.transferDueAt(d.Received, d.Rules.Policy(d.Regime))
}

// transferDueAt is TransferDue for a dossier received at received under p.
func (d *Dossier) transferDueAt(received time.Time, p Policy) time.Time {
	if !d.Channel.Paper() {
		return received
	}
	cal := d.Rules.cal
	if p.OtherLevelTransfer.N > 0 && d.otherLevel() {
		// Decree 118/2025 Art. 20(1)(a): within 1 working day of the reception.
		return cal.Due(received, p.OtherLevelTransfer)
	}
	local := received.In(zone())
	day := dateOf(local)
	midnight := time.Date(local.Year(), local.Month(), local.Day(), 0, 0, 0, 0, zone())
	if cal.IsWorkingDay(day) && local.Sub(midnight) <= time.Duration(p.TransferCutoff) {
		return cal.CloseOfDay(day)
	}
	return cal.NextWorkingStart(midnight.AddDate(0, 0, 1))
}

// otherLevel reports whether the intake says the competent agency is at another
// administrative level than the desk (Intake.OtherLevel).
func (d *Dossier) otherLevel() bool {
	return len(d.Events) > 0 && d.Events[0].Intake != nil && d.Events[0].Intake.OtherLevel
}

// TransferLate reports whether the transfer happened (or, not yet done, is) past TransferDue.
func (d *Dossier) TransferLate(now time.Time) bool {
	if d == nil {
		return false
	}
	due := d.TransferDue()
	if due.IsZero() {
		return false
	}
	at := d.Transferred
	if at.IsZero() {
		at = now
	}
	return at.After(due)
}

// Late766 is the Decision 766/QĐ-TTg (2022) view of timeliness used by the national service
// index: the working time the applicant spent on supplements is subtracted from the elapsed
// time, which is then compared with the original time limit; a dossier with more than one
// supplement request counts as late. Ended dossiers are judged at their end.
func (d *Dossier) Late766(now time.Time) bool {
	if d == nil {
		return false
	}
	if d.Received.IsZero() || d.Rules == nil || len(d.Deadline.History) == 0 {
		return false
	}
	if len(d.Supplements) > 1 {
		return true
	}
	cal := d.Rules.cal
	end := now
	if !d.Resolution.At.IsZero() {
		end = d.Resolution.At
	}
	start, first := d.Received, d.Deadline.History[0].Due
	if len(d.Deadline.History) > 1 && d.Deadline.History[1].Cause == Transfer {
		start, first = d.Transferred, d.Deadline.History[1].Due
	}
	elapsed := cal.WorkingTimeBetween(start, end)
	for _, s := range d.Supplements {
		back := s.Supplied
		if back.IsZero() || back.After(end) {
			back = end
		}
		elapsed -= cal.WorkingTimeBetween(s.Requested, back)
	}
	return elapsed > cal.WorkingTimeBetween(start, first)
}

// fromTransfer reports whether the dossier's time limit runs from its transfer to the
// competent agency (Policy.ClockFromCompetentReceipt).
func (d *Dossier) fromTransfer() bool {
	if d.Received.IsZero() || d.Rules == nil {
		return false
	}
	return d.Rules.Policy(d.Regime).fromTransfer(d.Rules, d.Received, d.Desk, d.Agency)
}

// DueProvisional reports whether the due time is provisional: the dossier is boundary-free,
// its time limit runs from the competent agency's receipt (Policy.ClockFromCompetentReceipt,
// Decree 309/2026/NĐ-CP) and it is not yet transferred. The provisional due time counts from
// TransferDue; the transfer fixes it.
func (d *Dossier) DueProvisional() bool {
	if d == nil {
		return false
	}
	return d.Transferred.IsZero() && d.fromTransfer()
}

// SystemReceived is when the province system received the dossier: the instant of Open (for
// an online dossier, after the National Public Service Portal's acknowledgement,
// Dossier.Submitted). Decree 118/2025 Art. 17(2) keeps three instants apart: the portal's
// acknowledgement (Submitted), the system's receipt (SystemReceived) and the official
// acceptance (Received), from which the time limit runs (Art. 17(3)). Zero for a dossier
// without a log.
func (d *Dossier) SystemReceived() time.Time {
	if d == nil || len(d.Events) == 0 {
		return time.Time{}
	}
	return d.Events[0].At
}

// AcceptanceDue is when the desk must at the latest have accepted an online dossier waiting
// for acceptance (state Submitted), asked for corrections, or said it is not within its
// competence: Policy.AcceptanceLimit (8 working hours, Decree 118/2025 Art. 17(2)(c)) from
// the system's receipt, or from the applicant's last resubmission after a correction. The
// policy is that of the regime in force at that instant (the dossier has no regime before
// its acceptance). Zero when the dossier is not online, not waiting for acceptance, or the
// policy sets no limit (Decree 61/2018). A sweep lists the dossiers whose AcceptanceDue is
// near or past.
func (d *Dossier) AcceptanceDue() time.Time {
	if d == nil || d.Rules == nil || d.State != Submitted || d.Channel.Paper() || !d.Channel.Valid() {
		return time.Time{}
	}
	since := d.SystemReceived()
	if ev := d.last(Resubmit); ev != nil {
		since = ev.At
	}
	if since.IsZero() {
		return time.Time{}
	}
	l := d.Rules.Policy(RegimeAt(since)).AcceptanceLimit
	if l.N == 0 {
		return time.Time{}
	}
	return d.Rules.cal.Due(since, l)
}

// CloseDue is when the desk may close a dossier waiting for a supplement asked for during
// processing (state SupplementRequested) if the applicant has not completed it:
// Policy.CloseAfter (15 calendar days, Decree 118/2025 Art. 19(5)) after the notice. Zero in
// any other state or when the policy closes nothing (Decree 61/2018). From then on the
// command Close is allowed; a sweep lists the dossiers due for closing.
func (d *Dossier) CloseDue() time.Time {
	if d == nil || d.Rules == nil || d.State != SupplementRequested || len(d.Supplements) == 0 {
		return time.Time{}
	}
	l := d.Rules.Policy(d.Regime).CloseAfter
	if l.N == 0 {
		return time.Time{}
	}
	return d.Rules.cal.Due(d.Supplements[len(d.Supplements)-1].Requested, l)
}

// CorrectionDue is when the agency must return the result the desk last sent back for
// correction (Decree 118/2025 Art. 23(1): Policy.CorrectionLimit, 3 working days from the
// sending back). Zero when the result was never sent back or the policy sets no time.
func (d *Dossier) CorrectionDue() time.Time {
	if d == nil || d.Rules == nil {
		return time.Time{}
	}
	ev := d.last(SendForCorrection)
	if ev == nil {
		return time.Time{}
	}
	l := d.Rules.Policy(d.Regime).CorrectionLimit
	if l.N == 0 {
		return time.Time{}
	}
	return d.Rules.cal.Due(ev.At, l)
}

// Corrections counts the times the result was sent back for correction (Decree 118/2025
// Art. 23(1)) and how many of those the agency returned after CorrectionDue, for reports.
func (d *Dossier) Corrections() (sent, late int) {
	if d == nil || d.Rules == nil {
		return 0, 0
	}
	l := d.Rules.Policy(d.Regime).CorrectionLimit
	var since time.Time
	for i := range d.Events {
		switch ev := &d.Events[i]; ev.Command {
		case SendForCorrection:
			sent++
			since = ev.At
		case Correct:
			if l.N != 0 && ev.At.After(d.Rules.cal.Due(since, l)) {
				late++
			}
		}
	}
	return sent, late
}

// ApologyDue is the last instant for the apology and new appointment under the dossier's
// policy (Policy.ApologyLead: under Decree 61/2018 Art. 19(9) the close of the working day
// before the due date); zero when the policy sets no lead time (Decree 118/2025 Art. 12(5))
// or the dossier has no due time.
func (d *Dossier) ApologyDue() time.Time {
	if d == nil || d.Rules == nil {
		return time.Time{}
	}
	return d.apologyDeadline(d.Rules.Policy(d.Regime))
}

// MayReappoint reports whether the policy allows the dossier another new appointment
// (Policy.MaxReappointments: once under Decree 61/2018 Art. 19(9), without a count under
// Decree 118/2025 Art. 12(5)).
func (d *Dossier) MayReappoint() bool {
	if d == nil || d.Rules == nil {
		return false
	}
	m := d.Rules.Policy(d.Regime).MaxReappointments
	return m == Unlimited || d.Deadline.Reappointments < m
}
