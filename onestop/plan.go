package onestop

// Planning: when a dossier is due, and the route that brings it there, at intake and again
// at the transfer of a boundary-free dossier.

import (
	"slices"
	"strings"
	"time"

	"github.com/motcua-go/motcua/calendar"
	"github.com/motcua-go/motcua/dossier"
	"github.com/motcua-go/motcua/procedure"
	"github.com/motcua-go/motcua/routing"
)

// plan selects, binds and plans the route, or makes the single step of the competent agency.
// The route is the group's (a group dossier), else the first rule of the set that matches,
// else the one the procedure names; a procedure that is not inter-agency and matches no rule
// has no route and one step, its competent agency.
// The last step ends at the appointment; no step is due after it (a same-day procedure keeps
// the same-day appointment whatever the route's shares say).
// The route is chosen and bound on the day of reception and planned from start (the reception,
// or the provisional start of the count of a boundary-free dossier).
func (o *Office) plan(p *procedure.Procedure, group *procedure.Group, sub Submission, agency string, received, start time.Time, limit calendar.Limit, due time.Time) ([]dossier.StepRecord, *routing.Schedule, error) {
	single := func() []dossier.StepRecord {
		return []dossier.StepRecord{{ID: "1", Agency: agency, Task: "decide", Due: due}}
	}
	if o.routes == nil {
		if p.InterAgency || group != nil {
			return nil, nil, &FieldError{Field: "Submission.Procedure", Value: sub.Procedure, Err: ErrNoRoute}
		}
		return single(), nil, nil
	}
	loc := sub.Locality
	if loc == "" {
		loc = agency
	}
	locality, err := procedure.ParseAgencyCode(loc)
	if err != nil {
		return nil, nil, &FieldError{Field: "Submission.Locality", Value: loc, Err: ErrInvalid}
	}
	day := dayOf(received)
	q := routing.Query{Procedure: sub.Procedure, Case: sub.Case, Channel: sub.Channel, Locality: locality, On: day}
	var route *routing.Route
	if group != nil {
		q.Case = group.ID
		route, _ = o.routes.Route(group.Route)
	}
	if route == nil {
		// Match, then Select only for the error: a miss is the usual case of a single-agency
		// procedure, and Select's error costs an allocation.
		var ok bool
		if route, ok = o.routes.Match(q); !ok && group == nil {
			// No rule: the route the procedure names, else none for a single-agency procedure.
			if r, found := o.routes.Route(p.Route); found && p.Route != "" {
				route, ok = r, true
			} else if !p.InterAgency {
				return single(), nil, nil
			}
		}
		if !ok {
			_, err := o.routes.Select(q)
			return nil, nil, err
		}
	}
	bound, err := route.Bind(o.dir, locality, day)
	if err != nil {
		return nil, nil, err
	}
	sched, err := routing.Plan(bound, start, limit, o.cal)
	if err != nil {
		return nil, nil, err
	}
	return endAt(dossier.StepsFrom(sched), due), sched, nil
}

// endAt makes the last step end at due and no step end after it.
func endAt(steps []dossier.StepRecord, due time.Time) []dossier.StepRecord {
	for i := range steps {
		if steps[i].Due.After(due) || i == len(steps)-1 {
			steps[i].Due = due
		}
	}
	return steps
}

// dueFrom returns when a dossier of the procedures members (the first in case caseID, the
// others in their general case) is due if its time limit starts at start, and the limit that
// decides it. A group is due when its slowest member is: the published groups state no time
// limit of their own.
func (o *Office) dueFrom(members []*procedure.Procedure, caseID string, ch procedure.Channel, start time.Time) (time.Time, calendar.Limit, error) {
	var due time.Time
	var limit calendar.Limit
	for i, m := range members {
		mcase := caseID
		if i > 0 {
			mcase = ""
		}
		mdue, err := m.Due(o.cal, start, ch, mcase)
		if err != nil {
			return time.Time{}, calendar.Limit{}, err
		}
		if mdue.After(due) {
			due = mdue
			if limit, err = m.Limit(ch, mcase); err != nil {
				return time.Time{}, calendar.Limit{}, err
			}
		}
	}
	return due, limit, nil
}

// membersOf finds again in the catalog the procedures of a received dossier, as intake found
// them: the versions in force at reception, the members of its group for a group dossier.
func (o *Office) membersOf(d *dossier.Dossier) ([]*procedure.Procedure, string, bool) {
	if gc, ok := o.catalog.(GroupProcedures); ok && d.Procedure.Case != "" {
		if g, ok := gc.Group(d.Procedure.Case); ok && g != nil && len(g.Members) > 0 && string(g.Members[0]) == d.Procedure.Code {
			members := make([]*procedure.Procedure, 0, len(g.Members))
			for _, m := range g.Members {
				p, err := o.catalog.Lookup(m, d.Received)
				if err != nil || p == nil {
					return nil, "", false
				}
				members = append(members, p)
			}
			return members, "", true
		}
	}
	p, err := o.catalog.Lookup(procedure.NationalCode(d.Procedure.Code), d.Received)
	if err != nil || p == nil {
		return nil, "", false
	}
	return []*procedure.Procedure{p}, d.Procedure.Case, true
}

// countFrom returns when the time limit of d, about to be received at received, starts to
// run: the reception, or, for a boundary-free dossier whose limit runs from the competent
// agency's receipt (Decree 309/2026), the latest hand-over the desk is allowed. The rules
// decide (dossier.Dossier.DueProvisional), on a copy received with a stand-in code.
func (o *Office) countFrom(d *dossier.Dossier, clerk dossier.Actor, received time.Time) time.Time {
	if p := o.rules.Policy(dossier.RegimeAt(received)); !p.ClockFromCompetentReceipt || dayOf(received) < p.Decree309From {
		return received
	}
	probe := cloneDossier(d)
	cmd := dossier.Command{Kind: dossier.Receive, Actor: clerk, Code: dossier.Code{Unit: d.CodeUnit(received), Date: dayOf(received), Seq: 1}}
	if _, err := probe.Apply(cmd, received); err != nil || !probe.DueProvisional() {
		return received
	}
	return probe.TransferDue()
}

// fixedPlan is the route of a boundary-free dossier whose time limit runs from the competent
// agency's receipt, planned again at the hand-over now: the due time counted from now as at
// intake (the procedures' rules, the same-day rule included; the dossier's limit when the
// catalog no longer has them) and the steps ending at it. The route is planned again from its
// name and locality; when that is not possible the steps kept are cut at the new due time.
func (o *Office) fixedPlan(rec Record, now time.Time) (time.Time, []dossier.StepRecord, *routing.Schedule) {
	d := rec.Dossier
	limit := d.Limit
	due := o.cal.Due(now, limit)
	if members, caseID, ok := o.membersOf(d); ok {
		if mdue, mlimit, err := o.dueFrom(members, caseID, d.Channel, now); err == nil {
			due, limit = mdue, mlimit
		}
	}
	if rec.Route != "" && o.routes != nil {
		route, ok := o.routes.Route(rec.Route)
		loc, lerr := procedure.ParseAgencyCode(rec.Locality)
		if ok && lerr == nil {
			if bound, err := route.Bind(o.dir, loc, dayOf(d.Received)); err == nil {
				if sched, err := routing.Plan(bound, now, limit, o.cal); err == nil {
					return due, endAt(dossier.StepsFrom(sched), due), sched
				}
			}
		}
	}
	return due, endAt(slices.Clone(rec.Plan), due), rec.Schedule
}

// level names the level of the competent agency for reports: from the directory when it
// knows the agency, else the procedure's only level.
func (o *Office) level(p *procedure.Procedure, agency string, at time.Time) string {
	if o.dir != nil {
		if c, err := procedure.ParseAgencyCode(agency); err == nil {
			if l, err := o.dir.Level(c, dayOf(at)); err == nil {
				return l.String()
			}
		}
	}
	if len(p.Levels) == 1 {
		return p.Levels[0].String()
	}
	return strings.Join(levelStrings(p.Levels), "/")
}

// otherLevel reports whether the directory places the competent agency at another
// administrative level than the desk, in the desk's province (Decree 118/2025 Art. 20(1));
// false when it does not know either. Art. 20 is the procedure of the province's
// boundary-free reception (Art. 14(2): the provincial and commune centres "trong phạm vi cấp
// tỉnh"); a dossier received for another province (Art. 36(10)) keeps the 15:00 rule of Art.
// 18(2) — a reading, not a rule of the text.
func (o *Office) otherLevel(agency string, at time.Time) bool {
	if o.dir == nil || agency == o.desk || len(agency) != 13 || len(o.desk) != 13 || agency[10:] != o.desk[10:] {
		return false
	}
	a, err1 := procedure.ParseAgencyCode(agency)
	d, err2 := procedure.ParseAgencyCode(o.desk)
	if err1 != nil || err2 != nil {
		return false
	}
	la, err1 := o.dir.Level(a, dayOf(at))
	ld, err2 := o.dir.Level(d, dayOf(at))
	return err1 == nil && err2 == nil && la != ld
}

func levelStrings(ls []procedure.Level) []string {
	out := make([]string, len(ls))
	for i, l := range ls {
		out[i] = l.String()
	}
	return out
}
