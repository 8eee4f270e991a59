package onestop

import (
	"cmp"
	"context"
	"slices"
	"time"

	"github.com/motcua-go/motcua/dossier"
	"github.com/motcua-go/motcua/procedure"
	"github.com/motcua-go/motcua/routing"
)

// AlertKind classifies a dossier that needs the supervisor's attention.
type AlertKind uint8

// Alert kinds, from the least to the most urgent.
const (
	// AtRisk: within its time but past the policy's share of it (dossier.Policy.AtRiskShare).
	AtRisk AlertKind = iota + 1
	// ApologyDue: it will not make it and the apology with a new appointment must be sent by
	// ApologyBy, at least one working day before the due date (Decree 61/2018 Art. 19(9)).
	ApologyDue
	// Overdue: past its appointment.
	Overdue
	// CloseDue: the supplement asked for during processing did not come within the period
	// after the notice (Decree 118/2025 Art. 19(5): 15 days, dossier.Policy.CloseAfter), and
	// the desk may close the dossier (Office.Close). Due is dossier.Dossier.CloseDue and Agency
	// the desk. It is listed before the others: only the desk's act ends the wait. A dossier
	// waiting for the applicant is never overdue unless it stopped late
	// (dossier.Dossier.Overdue).
	CloseDue
	// AcceptanceDue: an online dossier received by the province system waits for the desk's
	// official acceptance, request for corrections or redirection, due 8 working hours after
	// the system's receipt (Decree 118/2025 Art. 17(2)(c); dossier.Dossier.AcceptanceDue); it
	// is listed once the policy's share of that time is used (dossier.Policy.AtRiskShare) and
	// until the desk answers. Code is empty (no code before acceptance), Reference the
	// portal's, Due the limit and Agency the desk. Listed first: it is due within hours.
	AcceptanceDue
	// CorrectionDue: a result the desk sent back for correction is not back from the agency
	// after its 3 working days (Decree 118/2025 Art. 23(1); dossier.Dossier.CorrectionDue).
	// Due is that limit and Agency the agency that issued the result. The dossier itself was
	// judged at its result: this is the agency's own delay.
	CorrectionDue
)

// String returns the kind in English.
func (k AlertKind) String() string {
	switch k {
	case AtRisk:
		return "at risk"
	case ApologyDue:
		return "apology due"
	case Overdue:
		return "overdue"
	case CloseDue:
		return "close due"
	case AcceptanceDue:
		return "acceptance due"
	case CorrectionDue:
		return "correction due"
	}
	return "unknown"
}

// Alert is one dossier found by the escalation sweep, with the agency responsible for the
// delay: the agency of a step over its allotment (routing.Responsible), else the agency
// holding the dossier.
//
// An ApologyDue alert names instead the agency that must apologise: the agency holding the
// dossier now, the one Office.Apologise accepts. Decree 118/2025 Art. 12(5) (as Decree
// 61/2018 Art. 19(9) before it) puts the written notice of the reason, the apology and the
// new appointment on the agency handling the dossier, and only the agency that holds it can
// promise when the rest of the work will be done; a step over its allotment that was already
// handed on is then named in LateAgency and LateStep, so the supervisor still sees where the
// time was lost.
type Alert struct {
	Code      string    `json:"code"`                // dossier code as printed in its regime's code format (dossier.Rules.FormatCode)
	Reference string    `json:"reference,omitempty"` // the portal's reference of an online submission (AcceptanceDue)
	Kind      AlertKind `json:"kind"`
	Due       time.Time `json:"due"`
	ApologyBy time.Time `json:"apology_by,omitempty"` // last moment for the apology; zero when it is no longer possible
	Agency    string    `json:"agency"`               // QCVN 102 code of the agency responsible
	// AgencyName is the name of Agency in the Office's directory; empty when it does not know
	// it (and always from the function Sweep, which has no directory).
	AgencyName string        `json:"agency_name,omitempty"`
	Step       string        `json:"step,omitempty"`
	Over       time.Duration `json:"over,omitempty"` // working time the responsible step is over its allotment
	// LateAgency and LateStep name, in an ApologyDue alert, the step over its allotment when
	// another agency holds the dossier now (and is named in Agency); empty otherwise.
	LateAgency string `json:"late_agency,omitempty"`
	LateStep   string `json:"late_step,omitempty"`
}

// Watch is one dossier for the sweep, with its route plan when there is one.
type Watch struct {
	Dossier  *dossier.Dossier
	Schedule *routing.Schedule
}

// Sweep lists, at now, the open dossiers that are due for closing, overdue, whose apology is
// due, or that are at risk, most urgent first (then by due time and code). It is a pure function: it reads the
// dossiers and their rules, and changes nothing.
func Sweep(now time.Time, watches []Watch) []Alert {
	var out []Alert
	for _, w := range watches {
		d := w.Dossier
		if d != nil && d.Rules != nil && d.State == dossier.Submitted {
			if due := d.AcceptanceDue(); !due.IsZero() && !now.Before(acceptanceNear(d, due)) {
				out = append(out, Alert{Kind: AcceptanceDue, Due: due, Agency: d.Desk, Reference: portalRef(d)})
			}
			continue
		}
		if d != nil && d.Rules != nil && d.State == dossier.Correction {
			if due := d.CorrectionDue(); !due.IsZero() && now.After(due) {
				a := Alert{Code: d.Code.String(), Kind: CorrectionDue, Due: due, Agency: d.Agency}
				if s, err := d.Rules.FormatCode(d.Code); err == nil {
					a.Code = s
				}
				if n := len(d.Steps); n > 0 {
					a.Agency, a.Step = d.Steps[n-1].Agency, d.Steps[n-1].ID
				}
				out = append(out, a)
			}
			continue
		}
		if d == nil || d.Rules == nil || d.Received.IsZero() || !open(d.State) {
			continue
		}
		a := Alert{Code: d.Code.String(), Due: d.Deadline.Due}
		if s, err := d.Rules.FormatCode(d.Code); err == nil {
			a.Code = s
		}
		if by := d.CloseDue(); !by.IsZero() && !now.Before(by) {
			a.Kind, a.Due, a.Agency = CloseDue, by, d.Desk
			out = append(out, a)
			continue
		}
		apologyBy := apologyReminder(d)
		lastDay := dayOf(apologyBy)
		canApologise := d.MayReappoint() && !now.After(apologyBy)
		switch {
		case d.Overdue(now):
			a.Kind = Overdue
		case canApologise && (d.AtRisk(now) || dayOf(now) >= lastDay):
			a.Kind, a.ApologyBy = ApologyDue, apologyBy
		case d.AtRisk(now):
			a.Kind = AtRisk
		default:
			continue
		}
		a.Agency, a.Step, a.Over = responsible(w, now)
		if _, holds := d.Holds(a.Agency); !holds && a.Kind == ApologyDue {
			// The agency holding the dossier apologises (Decree 118/2025 Art. 12(5)); a late
			// agency still holding a parallel step apologises itself.
			if h, ok := d.Holder(); ok {
				a.LateAgency, a.LateStep = a.Agency, a.Step
				a.Agency, a.Step = h.Agency, h.ID
			}
		}
		out = append(out, a)
	}
	slices.SortFunc(out, func(x, y Alert) int {
		if c := cmp.Compare(y.Kind, x.Kind); c != 0 {
			return c
		}
		if c := x.Due.Compare(y.Due); c != 0 {
			return c
		}
		return cmp.Compare(x.Code, y.Code)
	})
	return out
}

// responsible names the agency answerable for a dossier's delay.
func responsible(w Watch, now time.Time) (agency, step string, over time.Duration) {
	d := w.Dossier
	if w.Schedule != nil {
		if late := routing.Responsible(w.Schedule, d.Progress(), now); len(late) > 0 {
			l := late[0]
			return l.Agency.String(), l.Step, l.Over
		}
	} else {
		for _, st := range d.Steps {
			end := st.Done
			if end.IsZero() {
				if st.Start.IsZero() {
					continue // not started: a parallel step may be under way after it
				}
				end = now
			}
			if end.After(st.Due) {
				return st.Agency, st.ID, d.Rules.Calendar().WorkingTimeBetween(st.Due, end)
			}
		}
	}
	if h, ok := d.Holder(); ok {
		return h.Agency, h.ID, 0
	}
	if d.State == dossier.Received || d.State == dossier.Submitted {
		return d.Desk, "", 0
	}
	return d.Agency, "", 0
}

// Sweep runs the escalation sweep over the store at the office clock's time. It reads only
// the dossiers the store lists as watched at that time (Store.Watch: due soon, at risk or
// overdue), not the others. A record the Office cannot work with (RecordError) is left out.
func (o *Office) Sweep(ctx context.Context) ([]Alert, error) {
	now := o.clock.Now()
	var ws []Watch
	err := o.store.Watch(ctx, now, func(r Record) bool {
		if check(&r) != nil || !open(r.Dossier.State) && r.Dossier.State != dossier.Correction {
			return true
		}
		d := r.Dossier
		if d.Rules != o.rules {
			c := *d
			c.Rules = o.rules
			d = &c
		}
		ws = append(ws, Watch{Dossier: d, Schedule: o.schedule(r, d)})
		return true
	})
	if err != nil {
		return nil, err
	}
	alerts := Sweep(now, ws)
	for i := range alerts {
		alerts[i].AgencyName = o.agencyName(alerts[i].Agency, now)
	}
	return alerts, nil
}

// schedule returns the record's route plan as the store kept it (a schedule read back from
// JSON gets the office's calendar); when the store did not keep it, it plans the route again
// from the route's name and locality; nil when that is not possible.
func (o *Office) schedule(r Record, d *dossier.Dossier) *routing.Schedule {
	if r.Schedule != nil {
		return r.Schedule.WithCalendar(o.cal)
	}
	if r.Route == "" || o.routes == nil {
		return nil
	}
	route, ok := o.routes.Route(r.Route)
	if !ok {
		return nil
	}
	loc, err := procedure.ParseAgencyCode(r.Locality)
	if err != nil {
		return nil
	}
	bound, err := route.Bind(o.dir, loc, dayOf(d.Received))
	if err != nil {
		return nil
	}
	// The time limit of a boundary-free dossier may run from the competent agency's receipt
	// (Decree 309/2026): provisionally from TransferDue, then from the transfer that fixed it.
	from := d.Received
	if d.DueProvisional() {
		from = d.TransferDue()
	} else if slices.ContainsFunc(d.Deadline.History, func(c dossier.DueChange) bool { return c.Cause == dossier.Transfer }) {
		from = d.Transferred
	}
	s, err := routing.Plan(bound, from, d.Limit, o.cal)
	if err != nil {
		return nil
	}
	return s
}

// Report computes the periodic report (Biểu 06/VPCP/KSTT and the indicators) for [from, to)
// over the dossiers of the store that belong to it: received before to and not ended before
// from (Store.Summaries). It reads their summaries only, one at a time.
func (o *Office) Report(ctx context.Context, from, to time.Time, opts ReportOptions) (Report, error) {
	if !from.Before(to) {
		return Report{}, periodError(from, to)
	}
	b := newReportBuilder(from, to, opts)
	if err := o.store.Summaries(ctx, b.f, b.t, func(s Summary) bool { b.add(&s); return true }); err != nil {
		return Report{}, err
	}
	return b.report(), nil
}

// Indices returns the Circular 01/2018 indices 1–4 of one dossier.
func (o *Office) Indices(ctx context.Context, code string) (Indices, error) {
	key, err := o.key(code)
	if err != nil {
		return Indices{}, err
	}
	rec, err := o.load(ctx, code, key)
	if err != nil {
		return Indices{}, err
	}
	return rec.Summary.Indices(), nil
}

// apologyReminder is the instant the sweep asks for the apology by: the last instant of the
// dossier's policy (Decree 61/2018 Art. 19(9): the close of the working day before the due
// date; dossier.Dossier.ApologyDue), or, when the policy sets none (Decree 118/2025 Art.
// 12(5)), the same day as a reminder, which nothing enforces.
func apologyReminder(d *dossier.Dossier) time.Time {
	if by := d.ApologyDue(); !by.IsZero() {
		return by
	}
	cal := d.Rules.Calendar()
	by := cal.CloseOfDay(cal.AddWorkingDays(dayOf(d.Deadline.Due), -1))
	if by.After(d.Deadline.Due) {
		by = d.Deadline.Due
	}
	return by
}
