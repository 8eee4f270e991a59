package onestop

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/motcua-go/motcua/calendar"
	"github.com/motcua-go/motcua/dossier"
	"github.com/motcua-go/motcua/procedure"
	"github.com/motcua-go/motcua/routing"
)

// Submission is what an applicant hands in, at the counter, by post or online.
type Submission struct {
	Procedure string            // national procedure code, e.g. "1.001193"; for a group, empty or the lead
	Group     string            // ID of an inter-agency group of procedures (nhóm thủ tục liên thông); empty for one procedure
	Case      string            // case (trường hợp) ID; empty for the general case
	Channel   dossier.Channel   // counter, online or postal
	Applicant dossier.Applicant // who applies
	Documents []string          // names of the documents handed in, as published
	// Competent is the QCVN 102 code of the competent agency; empty: the catalog's, when it
	// names a unit. Under Decree 118/2025 it may lie in another commune than the desk.
	Competent string
	// Locality is the QCVN 102 code of the applicant's commune, against which the roles of a
	// route are resolved; empty: Competent.
	Locality string
	// Submitted is when an online or postal dossier was sent; zero: now.
	Submitted time.Time
	// Immediate marks a procedure whose result is given on the spot (Decree 61/2018 Art.
	// 17(4)): the dossier is received, resolved and returned at once, with no receipt unless
	// WantReceipt is set.
	Immediate   bool
	WantReceipt bool
	// Reference is the embedder's identifier of the submission (a portal submission number, a
	// counter ticket), never the applicant's personal data. A submission refused or found
	// incomplete at intake has no dossier code: its notice carries Reference instead.
	Reference string
}

// Decision is the outcome of intake.
type Decision uint8

// Intake decisions (Decree 61/2018 Art. 17(1)).
const (
	DecisionReceive    Decision = iota + 1 // tiếp nhận: code and receipt (Mẫu 01)
	DecisionSupplement                     // hướng dẫn bổ sung: the complete list, once (Mẫu 02)
	DecisionRefuse                         // từ chối tiếp nhận: reasons (Mẫu 03)
)

// String returns the decision in English.
func (d Decision) String() string {
	switch d {
	case DecisionReceive:
		return "accepted"
	case DecisionSupplement:
		return "supplement needed"
	case DecisionRefuse:
		return "not accepted"
	}
	return "Decision(" + strconv.Itoa(int(d)) + ")"
}

// IntakeResult is the desk's answer to a submission, with the slip the law requires. Only an
// accepted dossier gets a code and is stored; a supplement request or a refusal at intake
// creates no dossier (Decree 61/2018 Art. 17(3)) and only returns its slip.
type IntakeResult struct {
	Decision Decision
	Code     string    // dossier code (accepted only), printed in the code format in force (dossier.Rules.FormatCode)
	Received time.Time // official reception: now, or the next working session for an online dossier sent outside office hours
	Due      time.Time // appointment for the result
	// Provisional is true when Due is provisional: the dossier is boundary-free and its time
	// limit runs from the competent agency's receipt (Decree 309/2026 [S],
	// dossier.Policy.ClockFromCompetentReceipt). Due and the route's deadlines then count from
	// the latest hand-over the desk is allowed (dossier.Dossier.TransferDue); Transfer fixes
	// them from the actual hand-over, and Lookup shows the fixed due time. The receipt slip
	// marks such an appointment "dự kiến". A result given on the spot is never provisional.
	Provisional bool
	Receipt     *dossier.ReceiptSlip    // Mẫu 01; nil when refused, incomplete or immediate
	Supplement  *dossier.SupplementSlip // Mẫu 02 listing every missing document
	Refusal     *dossier.RefusalSlip    // Mẫu 03 with the reasons
	Missing     []string                // documents missing, as published
	Transfer    []dossier.StepRecord    // the route: each agency's task and deadline
}

var channelNames = [...]procedure.Channel{dossier.Counter: procedure.Counter, dossier.Online: procedure.Online, dossier.Postal: procedure.Postal}

// Intake checks a submission against the procedure version in force at reception and
// accepts it, asks once for the complete list of missing documents, or refuses it with
// reasons. Bad input (unknown procedure, unknown case, invalid applicant) is an error, not a
// refusal: no slip is due for a request the desk cannot even read. Every problem of the
// submission is reported at once in an *IntakeError, each naming its field; a wrong actor is
// a *FieldError on its own.
func (o *Office) Intake(ctx context.Context, clerk dossier.Actor, sub Submission) (IntakeResult, error) {
	if err := o.checkActor(clerk, dossier.RoleClerk); err != nil {
		return IntakeResult{}, err
	}
	// Every problem of the submission is collected and reported at once.
	var probs []*FieldError
	add := func(field, value string, err error) {
		probs = append(probs, &FieldError{Field: field, Value: value, Err: err})
	}
	var group *procedure.Group
	if sub.Group != "" {
		gc, ok := o.catalog.(GroupProcedures)
		if ok {
			group, ok = gc.Group(sub.Group)
		}
		switch {
		case !ok || group == nil || len(group.Members) == 0:
			group = nil
			add("Submission.Group", sub.Group, ErrUnknownProcedure)
		case sub.Procedure != "" && sub.Procedure != string(group.Members[0]):
			add("Submission.Procedure", sub.Procedure, ErrInvalid)
		default:
			sub.Procedure = string(group.Members[0])
		}
	} else if sub.Procedure == "" {
		add("Submission.Procedure", "", ErrRequired)
	}
	channelOK := sub.Channel >= dossier.Counter && sub.Channel <= dossier.Postal
	if !channelOK {
		add("Submission.Channel", sub.Channel.String(), ErrInvalid)
	}
	now := o.clock.Now()
	received := now
	switch {
	case !channelOK:
	case sub.Channel == dossier.Counter:
		if !o.cal.IsReceptionHours(now) {
			add("Submission.Channel", now.In(calendar.Zone()).Format("2006-01-02 15:04"), ErrOutsideHours)
		}
	case !o.cal.IsOfficeHours(now):
		received = o.cal.NextWorkingStart(now)
	}
	submitted := sub.Submitted
	if submitted.IsZero() || sub.Channel == dossier.Counter {
		submitted = now
	}
	if submitted.After(now) {
		add("Submission.SubmittedAt", submitted.Format(time.RFC3339), ErrInvalid)
	}
	var ve *dossier.ValidationError
	if errors.As(sub.Applicant.Validate(), &ve) {
		for _, p := range ve.Problems {
			add("Submission.Applicant."+strings.TrimPrefix(p.Field, "applicant."), p.Value, p.Err)
		}
	}
	for i, doc := range sub.Documents {
		if strings.TrimSpace(doc) == "" {
			add("Submission.Documents["+strconv.Itoa(i)+"]", "", ErrRequired)
		}
	}
	if sub.Competent != "" && !dossier.ValidUnitCode(sub.Competent) {
		add("Submission.Competent", sub.Competent, ErrInvalid)
	}
	if sub.Locality != "" {
		if _, err := routing.ParseAgencyCode(sub.Locality); err != nil {
			add("Submission.Locality", sub.Locality, ErrInvalid)
		}
	}

	var proc *procedure.Procedure
	var refusal string
	if sub.Procedure != "" && (sub.Group == "" || group != nil) {
		var err error
		if proc, refusal, err = o.procedureInForce(sub, received); err != nil {
			probs = append(probs, err.(*FieldError))
		}
	}
	members := []*procedure.Procedure{proc}
	if group != nil && proc != nil {
		for _, m := range group.Members[1:] {
			msub := sub
			msub.Procedure, msub.Case = string(m), ""
			mp, mref, err := o.procedureInForce(msub, received)
			if err != nil {
				probs = append(probs, err.(*FieldError))
				continue
			}
			if mref == "" && channelOK {
				if _, err := mp.Limit(channelNames[sub.Channel], ""); err != nil {
					mref = "thủ tục " + string(m) + " không tiếp nhận qua kênh " + string(channelNames[sub.Channel])
				}
			}
			if mref != "" && refusal == "" {
				refusal = mref
			}
			if mp != nil {
				members = append(members, mp)
			}
		}
	}
	in := dossier.Intake{
		Procedure: dossier.ProcedureRef{Code: sub.Procedure, Case: sub.Case},
		Applicant: sub.Applicant, Channel: sub.Channel, Desk: o.desk, Agency: sub.Competent,
		Submitted: submitted, Documents: sub.Documents,
	}
	if proc != nil {
		in.Procedure.Version, in.Procedure.Name = strconv.Itoa(proc.Version), proc.Name
		if group != nil {
			in.Procedure.Case, in.Procedure.Name = group.ID, group.Name
		}
		if in.Agency == "" && dossier.ValidUnitCode(string(proc.CompetentAgency.Code)) {
			in.Agency = string(proc.CompetentAgency.Code)
		}
		if refusal == "" && channelOK {
			var err error
			if in.Limit, err = proc.Limit(channelNames[sub.Channel], sub.Case); err != nil {
				refusal = "thủ tục không tiếp nhận qua kênh " + string(channelNames[sub.Channel])
			}
		}
	} else {
		in.Procedure.Version = "0"
	}
	if in.Agency == "" && refusal != "" {
		in.Agency = o.desk // the refusal slip is the desk's
	}
	// The competent agency is missing only if the catalog was asked and does not name one.
	if in.Agency == "" && (proc != nil || refusal != "") {
		add("Submission.Competent", "", ErrRequired)
	}
	if len(probs) > 0 {
		return IntakeResult{}, &IntakeError{Problems: probs}
	}
	if in.Limit.Unit == 0 {
		in.Limit.Unit = 1 // a refused dossier has no limit; keep the intake valid
	}
	if refusal == "" && !o.receivable(o.desk, in.Agency, received) {
		refusal = "hồ sơ không thuộc phạm vi tiếp nhận của bộ phận một cửa " + o.desk + " (cơ quan có thẩm quyền " + in.Agency + ")"
	}
	by := clerk
	if sub.Channel != dossier.Counter {
		by = dossier.Actor{ID: "applicant", Role: dossier.RoleApplicant}
	}
	d, err := o.rules.Open(in, by, submitted)
	if err != nil {
		return IntakeResult{}, err
	}
	if refusal != "" {
		if _, err := d.Apply(dossier.Command{Kind: dossier.RefuseIntake, Actor: clerk, Reason: refusal}, now); err != nil {
			return IntakeResult{}, err
		}
		slip, err := d.RefusalSlip()
		if err != nil {
			return IntakeResult{}, err
		}
		return IntakeResult{Decision: DecisionRefuse, Refusal: &slip}, o.notifyIntake(ctx, d, dossier.RefuseIntake, clerk, now, sub.Reference, refusal, nil)
	}
	var missing []string
	for _, m := range members {
		missing = appendNew(missing, missingDocuments(m, sub.Case, sub.Documents))
	}
	if len(missing) > 0 {
		cmd := dossier.Command{Kind: dossier.RequestIntakeSupplement, Actor: clerk, Attachments: missing,
			Reason: "hồ sơ còn thiếu " + strconv.Itoa(len(missing)) + " thành phần; đề nghị bổ sung một lần đầy đủ theo danh sách"}
		if _, err := d.Apply(cmd, now); err != nil {
			return IntakeResult{}, err
		}
		slip, err := d.SupplementSlip()
		if err != nil {
			return IntakeResult{}, err
		}
		return IntakeResult{Decision: DecisionSupplement, Supplement: &slip, Missing: missing},
			o.notifyIntake(ctx, d, dossier.RequestIntakeSupplement, clerk, now, sub.Reference, cmd.Reason, missing)
	}

	// The time limit of a boundary-free dossier may run from the competent agency's receipt
	// (Decree 309/2026 [S]): the appointment and the route are then planned, provisionally, from
	// the latest hand-over the desk is allowed, and fixed at the transfer.
	start := o.countFrom(d, clerk, received)
	due, limit, err := o.dueFrom(members, sub.Case, sub.Channel, start)
	if err != nil {
		return IntakeResult{}, err
	}
	in.Limit = limit
	steps, sched, err := o.plan(proc, group, sub, in.Agency, received, start, in.Limit, due)
	if err != nil {
		return IntakeResult{}, err
	}
	code, err := o.rules.IssueCode(ctx, o.store, o.desk, received)
	if err != nil {
		if errors.Is(err, dossier.ErrCodeExhausted) {
			return IntakeResult{}, &FieldError{Field: "Code", Value: o.desk, Err: ErrSequenceExhausted}
		}
		return IntakeResult{}, err
	}
	if _, err := d.Apply(dossier.Command{Kind: dossier.Receive, Actor: clerk, Code: code, Due: due}, received); err != nil {
		return IntakeResult{}, err
	}
	if sub.Immediate {
		if _, err := d.Apply(dossier.Command{Kind: dossier.Resolve, Actor: clerk}, received); err != nil {
			return IntakeResult{}, err
		}
		if _, err := d.Apply(dossier.Command{Kind: dossier.Return, Actor: clerk}, received); err != nil {
			return IntakeResult{}, err
		}
	}
	printed := o.printed(code)
	rec := Record{Code: storedForm(printed, code), Dossier: d, Plan: steps, Schedule: sched}
	if sched != nil {
		rec.Route, rec.Locality = sched.Route, sub.Locality
		if rec.Locality == "" {
			rec.Locality = in.Agency
		}
	}
	rec.Summary = summarize(d, Summary{Level: o.level(proc, in.Agency, received), Field: proc.Field, StepScore: -1})
	rec.Public = publicView(d, printed)
	if _, err := o.store.Create(ctx, rec); err != nil {
		return IntakeResult{}, err
	}
	res := IntakeResult{Decision: DecisionReceive, Code: printed, Received: received, Due: d.Deadline.History[0].Due,
		Provisional: open(d.State) && d.DueProvisional(), Transfer: steps}
	if !sub.Immediate || sub.WantReceipt {
		slip, err := d.ReceiptSlip()
		if err != nil {
			return IntakeResult{}, err
		}
		res.Receipt = &slip
	}
	return res, o.notify(ctx, d, dossier.Receive.String(), clerk, received)
}

// notifyIntake tells the applicant of a submission refused or found incomplete at intake,
// which has no dossier code (Decree 61/2018 Art. 17(2): the content and the reasons).
func (o *Office) notifyIntake(ctx context.Context, d *dossier.Dossier, cmd dossier.CommandKind, clerk dossier.Actor, at time.Time, ref, reason string, missing []string) error {
	if o.notifier == nil {
		return nil
	}
	n := Notice{Reference: ref, Procedure: d.Procedure.Code, Event: cmd.String(), Status: d.State.String(),
		NationalStatus: int(d.State.Status()), Agency: o.desk, At: at, SubmittedAt: d.Submitted,
		Reason: reason, Missing: slices.Clone(missing)}
	n.Handler, n.Role = handler(clerk)
	if err := o.notifier.Notify(ctx, n); err != nil {
		return &NotifyError{Err: err}
	}
	return nil
}

// procedureInForce looks the procedure up; a version not in force is a refusal reason.
func (o *Office) procedureInForce(sub Submission, at time.Time) (*procedure.Procedure, string, error) {
	proc, err := o.catalog.Lookup(procedure.NationalCode(sub.Procedure), at)
	switch {
	case err == nil && proc == nil:
		return nil, "", &FieldError{Field: "Submission.Procedure", Value: sub.Procedure, Err: ErrUnknownProcedure}
	case err == nil:
		if sub.Case != "" {
			if _, ok := proc.Case(sub.Case); !ok {
				return nil, "", &FieldError{Field: "Submission.Case", Value: sub.Case, Err: ErrInvalid}
			}
		}
		return proc, "", nil
	case errors.Is(err, procedure.ErrNotInForce):
		return nil, "thủ tục " + sub.Procedure + " không có phiên bản có hiệu lực tại ngày " + at.In(calendar.Zone()).Format("02/01/2006"), nil
	}
	return nil, "", &FieldError{Field: "Submission.Procedure", Value: sub.Procedure, Err: ErrUnknownProcedure}
}

// missingDocuments lists the required documents of the procedure (and its case) not handed
// in, compared without regard to case and diacritics. Conditional documents are the clerk's
// judgement and are not checked.
func missingDocuments(p *procedure.Procedure, caseID string, given []string) []string {
	have := make(map[string]bool, len(given))
	for _, g := range given {
		have[procedure.Fold(g)] = true
	}
	var missing []string
	check := func(docs []procedure.Document) {
		for _, doc := range docs {
			if doc.Requirement == procedure.Required && !have[procedure.Fold(doc.Name)] {
				missing = append(missing, doc.Name)
			}
		}
	}
	check(p.Documents)
	if c, ok := p.Case(caseID); ok {
		check(c.Documents)
	}
	return missing
}

// plan selects, binds and plans the route, or makes the single step of the competent agency.
// The route is the group's (a group dossier), else the first rule of the set that matches,
// else the one the procedure names; a procedure that is not inter-agency and matches no rule
// has no route and one step, its competent agency.
// The last step ends at the appointment; no step is due after it (a same-day procedure keeps
// the same-day appointment whatever the route's shares say).
// The route is chosen and bound on the day of reception and planned from start (the reception,
// or the provisional start of the count of a boundary-free dossier).
func (o *Office) plan(p *procedure.Procedure, group *procedure.Group, sub Submission, agency string, received, start time.Time, limit calendar.Limit, due time.Time) ([]dossier.StepRecord, *routing.Schedule, error) {
	single := []dossier.StepRecord{{ID: "1", Agency: agency, Task: "decide", Due: due}}
	if o.routes == nil {
		if p.InterAgency || group != nil {
			return nil, nil, &FieldError{Field: "Submission.Procedure", Value: sub.Procedure, Err: ErrNoRoute}
		}
		return single, nil, nil
	}
	loc := sub.Locality
	if loc == "" {
		loc = agency
	}
	locality, err := routing.ParseAgencyCode(loc)
	if err != nil {
		return nil, nil, &FieldError{Field: "Submission.Locality", Value: loc, Err: ErrInvalid}
	}
	day := dayOf(received)
	q := routing.Query{Procedure: sub.Procedure, Case: sub.Case, Channel: string(channelNames[sub.Channel]), Locality: locality, On: day}
	var route *routing.Route
	if group != nil {
		q.Case = group.ID
		route, _ = o.routes.Route(group.Route)
	}
	if route == nil {
		route, err = o.routes.Select(q)
		if errors.Is(err, routing.ErrNoRoute) && group == nil {
			// No rule: the route the procedure names, else none for a single-agency procedure.
			if r, ok := o.routes.Route(p.Route); ok && p.Route != "" {
				route, err = r, nil
			} else if !p.InterAgency {
				return single, nil, nil
			}
		}
		if err != nil {
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
// decides it. A group is due when its slowest member is (a project choice: the group limits
// found are not confirmed, domain notes §5.5).
func (o *Office) dueFrom(members []*procedure.Procedure, caseID string, ch dossier.Channel, start time.Time) (time.Time, calendar.Limit, error) {
	var due time.Time
	var limit calendar.Limit
	for i, m := range members {
		mcase := caseID
		if i > 0 {
			mcase = ""
		}
		mdue, err := m.Due(o.cal, start, channelNames[ch], mcase)
		if err != nil {
			return time.Time{}, calendar.Limit{}, err
		}
		if mdue.After(due) {
			due = mdue
			if limit, err = m.Limit(channelNames[ch], mcase); err != nil {
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
// agency's receipt (Decree 309/2026 [S]), the latest hand-over the desk is allowed. The rules
// decide (dossier.Dossier.DueProvisional), on a copy received with a stand-in code.
func (o *Office) countFrom(d *dossier.Dossier, clerk dossier.Actor, received time.Time) time.Time {
	if p := o.rules.Policy(dossier.RegimeAt(received)); !p.ClockFromCompetentReceipt || dayOf(received) < p.Decree309From {
		return received
	}
	probe := cloneDossier(d)
	cmd := dossier.Command{Kind: dossier.Receive, Actor: clerk, Code: dossier.Code{Unit: o.desk, Date: dayOf(received), Seq: 1}}
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
		loc, lerr := routing.ParseAgencyCode(rec.Locality)
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
		if c, err := routing.ParseAgencyCode(agency); err == nil {
			if u, err := o.dir.Lookup(c, dayOf(at)); err == nil {
				return u.Level.String()
			}
		}
	}
	if len(p.Levels) == 1 {
		return string(p.Levels[0])
	}
	return strings.Join(levelStrings(p.Levels), "/")
}

// appendNew appends the names of add not yet in list.
func appendNew(list, add []string) []string {
	for _, a := range add {
		if !slices.Contains(list, a) {
			list = append(list, a)
		}
	}
	return list
}

func levelStrings(ls []procedure.Level) []string {
	out := make([]string, len(ls))
	for i, l := range ls {
		out[i] = string(l)
	}
	return out
}
