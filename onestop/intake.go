package onestop

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/motcua-go/motcua/calendar"
	"github.com/motcua-go/motcua/dossier"
	"github.com/motcua-go/motcua/internal/msg"
	"github.com/motcua-go/motcua/procedure"
)

// Submission is what an applicant hands in, at the counter, by post or online.
type Submission struct {
	Procedure string            `json:"procedure,omitempty"` // national procedure code, e.g. "1.001193"; for a group, empty or the lead
	Group     string            `json:"group,omitempty"`     // ID of an inter-agency group of procedures (nhóm thủ tục liên thông); empty for one procedure
	Case      string            `json:"case,omitempty"`      // case (trường hợp) ID; empty for the general case
	Channel   procedure.Channel `json:"channel"`             // counter, online or postal
	Applicant dossier.Applicant `json:"applicant"`           // who applies
	Documents []string          `json:"documents"`           // names of the documents handed in, as published
	// Competent is the QCVN 102 code of the competent agency; empty: the catalog's, when it
	// names a unit. Under Decree 118/2025 it may lie in another commune than the desk.
	Competent string `json:"competent,omitempty"`
	// Locality is the QCVN 102 code of the applicant's commune, against which the roles of a
	// route are resolved; empty: Competent.
	Locality string `json:"locality,omitempty"`
	// Submitted is when an online or postal dossier was sent; zero: now.
	Submitted time.Time `json:"submitted,omitempty"`
	// Immediate marks a procedure whose result is given on the spot (Decree 61/2018 Art.
	// 17(4)): the dossier is received, resolved and returned at once, with no receipt unless
	// WantReceipt is set.
	Immediate   bool `json:"immediate,omitempty"`
	WantReceipt bool `json:"want_receipt,omitempty"`
	// Reference is the embedder's identifier of the submission (a portal submission number, a
	// counter ticket), never the applicant's personal data. A submission refused or found
	// incomplete at intake has no dossier code: its notice carries Reference instead. For
	// ReceiveOnline it is required: the portal's number, under which the dossier waits for
	// acceptance (PendingKey). It is kept in the dossier's intake (dossier.Intake.Reference).
	Reference string `json:"reference,omitempty"`
	// Electronic names the documents the applicant declared available as valid electronic
	// data (dossier.Intake.Electronic): the desk does not ask for them again (Decree 118/2025
	// Art. 5(1)(i), 17(1)(b)) and counts them as handed in.
	Electronic []string `json:"electronic,omitempty"`
	// Review is the clerk's own finding: a refusal with reasons, where to redirect the
	// applicant, documents present but wrong (see Review). Zero: the automatic check decides.
	Review Review `json:"review,omitzero"`
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
	Decision Decision  `json:"decision"`
	Code     string    `json:"code,omitempty"` // dossier code (accepted only), printed in the code format in force (dossier.Rules.FormatCode)
	Received time.Time `json:"received"`       // official reception: now, or the next working session for an online dossier sent outside office hours
	Due      time.Time `json:"due"`            // appointment for the result
	// Provisional is true when Due is provisional: the dossier is boundary-free and its time
	// limit runs from the competent agency's receipt (Decree 309/2026,
	// dossier.Policy.ClockFromCompetentReceipt). Due and the route's deadlines then count from
	// the latest hand-over the desk is allowed (dossier.Dossier.TransferDue); Transfer fixes
	// them from the actual hand-over, and Lookup shows the fixed due time. The receipt slip
	// marks such an appointment "dự kiến". A result given on the spot is never provisional.
	Provisional bool                    `json:"provisional,omitempty"`
	Receipt     *dossier.ReceiptSlip    `json:"receipt,omitempty"`    // Mẫu 01; nil when refused, incomplete or immediate
	Supplement  *dossier.SupplementSlip `json:"supplement,omitempty"` // Mẫu 02 listing every missing document
	Refusal     *dossier.RefusalSlip    `json:"refusal,omitempty"`    // Mẫu 03 with the reasons
	Missing     []string                `json:"missing,omitempty"`    // documents missing, as published
	Transfer    []dossier.StepRecord    `json:"transfer,omitempty"`   // the route: each agency's task and deadline
}

// Intake checks a submission against the procedure version in force at reception and
// accepts it, asks once for the complete list of missing documents, or refuses it with
// reasons. Bad input (unknown procedure, unknown case, invalid applicant) is an error, not a
// refusal: no slip is due for a request the desk cannot even read. Every problem of the
// submission is reported at once in an *IntakeError, each naming its field; a wrong actor is
// a *FieldError on its own.
//
// The desk's check, step by step: read the submission (checkSubmission), find the procedure
// versions in force (findProcedures), name the competent agency (dossierIntake), then refuse
// (refuseAtIntake), ask for the missing documents (askSupplement) or receive (receive: plan
// the due time and the route, issue the code, store, hand out the receipt, notify).
func (o *Office) Intake(ctx context.Context, clerk dossier.Actor, sub Submission) (IntakeResult, error) {
	if err := o.checkActor(clerk, dossier.RoleClerk); err != nil {
		return IntakeResult{}, err
	}
	c := &intakeCheck{o: o, clerk: clerk, sub: sub, now: o.clock.Now()}
	in, err := c.run()
	if err != nil {
		return IntakeResult{}, err
	}
	by := clerk
	if c.sub.Channel != procedure.Counter {
		by = dossier.Actor{ID: "applicant", Role: dossier.RoleApplicant}
	}
	d, err := o.rules.Open(in, by, c.submitted)
	if err != nil {
		return IntakeResult{}, err
	}
	return o.decide(ctx, c, d, in)
}

// run reads the submission and finds its procedures and competent agency: every problem of
// the submission at once as an *IntakeError; a refusal (a procedure not in force, a channel
// not offered, outside the desk's scope, the clerk's review) is recorded in the check.
func (c *intakeCheck) run() (dossier.Intake, error) {
	o := c.o
	c.checkSubmission()
	c.checkReview()
	c.findProcedures()
	in := c.dossierIntake()
	if err := c.problems(); err != nil {
		return in, err
	}
	if c.refusal == "" && !o.receivable(o.desk, in.Agency, c.received) && !c.nationwide() {
		c.refusal = "hồ sơ không thuộc phạm vi tiếp nhận của bộ phận một cửa " + o.named(o.desk, c.received) +
			" (cơ quan có thẩm quyền " + o.named(in.Agency, c.received) + ")"
		c.redirect = in.Agency // Decree 118/2025 Art. 17(2)(a)
	}
	c.reviewRefusal()
	return in, nil
}

// decide refuses, asks for the missing documents or receives the opened dossier d.
func (o *Office) decide(ctx context.Context, c *intakeCheck, d *dossier.Dossier, in dossier.Intake) (IntakeResult, error) {
	if c.refusal != "" {
		return o.refuseAtIntake(ctx, c, d)
	}
	if missing := c.missingDocuments(); len(missing) > 0 || len(c.sub.Review.Redo) > 0 {
		return o.askSupplement(ctx, c, d, missing)
	}
	return o.receive(ctx, c, d, in)
}

// intakeCheck is the desk's check of one submission in progress: what it found so far and
// every problem met.
type intakeCheck struct {
	o     *Office
	clerk dossier.Actor
	sub   Submission
	now   time.Time

	channelOK bool      // sub.Channel is a known channel
	received  time.Time // official reception: now, or the next working session
	submitted time.Time // when the submission was sent or handed in

	group    *procedure.Group       // the group of procedures, for a group submission
	proc     *procedure.Procedure   // the procedure (a group's lead) in force at reception
	members  []*procedure.Procedure // a group's: proc, then the other members (procedures)
	refusal  string                 // the reason of a refusal at intake; empty: none
	redirect string                 // where a refused dossier should go (Review.Redirect)
	// pending is the record of an online dossier received by the system and waiting for the
	// desk's acceptance (Office.Accept); nil at the counter's intake.
	pending *Record

	probs   []*FieldError
	omitted int // problems beyond msg.MaxProblems, counted only
}

// procedures returns proc, then the other members of a group. For a single procedure (the
// usual case) the list is one, room the caller keeps on its stack: a list kept in the check
// would move the check to the heap.
func (c *intakeCheck) procedures(one *[1]*procedure.Procedure) []*procedure.Procedure {
	if c.members != nil {
		return c.members
	}
	one[0] = c.proc
	return one[:]
}

// add records a problem of the submission, keeping the first msg.MaxProblems.
func (c *intakeCheck) add(field, value string, err error) {
	if !c.full() {
		c.probs = append(c.probs, &FieldError{Field: field, Value: value, Err: err})
	}
}

func (c *intakeCheck) addProblem(p *FieldError) {
	if !c.full() {
		c.probs = append(c.probs, p)
	}
}

// full reports whether msg.MaxProblems problems are listed already, counting the one at
// hand as left out.
func (c *intakeCheck) full() bool {
	if len(c.probs) >= msg.MaxProblems {
		c.omitted++
		return true
	}
	return false
}

// problems returns every problem found as one *IntakeError, or nil.
func (c *intakeCheck) problems() error {
	if len(c.probs) == 0 {
		return nil
	}
	return &IntakeError{Problems: c.probs, More: c.omitted}
}

// checkSubmission reads what the submission says about itself: the group or procedure, the
// channel and the desk's hours, the time it was sent, the applicant, the documents and the
// agency codes.
func (c *intakeCheck) checkSubmission() {
	c.checkGroup()
	c.checkChannel()
	sub := &c.sub
	// The typed error is looked for only when there is one: errors.As would put ve on the
	// heap at every intake.
	if err := sub.Applicant.Validate(); err != nil {
		var ve *dossier.ValidationError
		if errors.As(err, &ve) {
			for _, p := range ve.Problems {
				// The applicant's data is personal: the problem names the field, never the value.
				c.add("Submission.Applicant."+strings.TrimPrefix(p.Field, "applicant."), "", p.Err)
			}
		}
	}
	for i, doc := range sub.Documents {
		err := checkText(doc, dossier.MaxDocumentLen)
		if err == nil && strings.TrimSpace(doc) == "" {
			err = ErrRequired
		}
		if err != nil && !c.full() {
			c.probs = append(c.probs, &FieldError{Field: "Submission.Documents[" + strconv.Itoa(i) + "]", Err: err})
		}
	}
	if err := checkText(sub.Reference, dossier.MaxReferenceLen); err != nil {
		c.add("Submission.Reference", "", err)
	}
	if sub.Competent != "" && !dossier.ValidUnitCode(sub.Competent) {
		c.add("Submission.Competent", sub.Competent, ErrInvalid)
	}
	if sub.Locality != "" {
		if _, err := procedure.ParseAgencyCode(sub.Locality); err != nil {
			c.add("Submission.Locality", sub.Locality, ErrInvalid)
		}
	}
}

// checkGroup finds the group of procedures a submission names; its lead is the procedure.
func (c *intakeCheck) checkGroup() {
	sub := &c.sub
	if sub.Group == "" {
		if sub.Procedure == "" {
			c.add("Submission.Procedure", "", ErrRequired)
		}
		return
	}
	gc, ok := c.o.catalog.(GroupProcedures)
	var group *procedure.Group
	if ok {
		group, ok = gc.Group(sub.Group)
	}
	switch {
	case !ok || group == nil || len(group.Members) == 0:
		c.add("Submission.Group", sub.Group, ErrUnknownProcedure)
	case sub.Procedure != "" && sub.Procedure != string(group.Members[0]):
		c.add("Submission.Procedure", sub.Procedure, ErrInvalid)
	default:
		c.group = group
		sub.Procedure = string(group.Members[0])
	}
}

// checkChannel checks the channel and decides when the submission is received: a counter
// submission within the desk's reception hours now, an online or postal one now or at the
// start of the next working session.
func (c *intakeCheck) checkChannel() {
	sub := &c.sub
	c.channelOK = sub.Channel >= procedure.Counter && sub.Channel <= procedure.Postal
	c.received = c.now
	switch {
	case !c.channelOK:
		c.add("Submission.Channel", strconv.Itoa(int(sub.Channel)), ErrInvalid)
	case sub.Channel == procedure.Counter:
		if !c.o.cal.IsReceptionHours(c.now) {
			c.add("Submission.Channel", c.now.In(calendar.Zone()).Format("2006-01-02 15:04"), ErrOutsideHours)
		}
	case !c.o.cal.IsOfficeHours(c.now):
		c.received = c.o.cal.NextWorkingStart(c.now)
	}
	c.submitted = sub.Submitted
	if c.submitted.IsZero() || sub.Channel == procedure.Counter {
		c.submitted = c.now
	}
	if c.submitted.After(c.now) {
		c.add("Submission.SubmittedAt", c.submitted.Format(time.RFC3339), ErrInvalid)
	}
}

// findProcedures finds the version in force at reception of the procedure and of every
// member of a group. A version not in force, or a member not received on the channel, is a
// reason to refuse.
func (c *intakeCheck) findProcedures() {
	sub := c.sub
	if sub.Procedure == "" || sub.Group != "" && c.group == nil {
		return
	}
	var err error
	if c.proc, c.refusal, err = c.o.procedureInForce(sub, c.received); err != nil {
		c.addProblem(err.(*FieldError))
	}
	if c.group == nil || c.proc == nil {
		return
	}
	c.members = []*procedure.Procedure{c.proc}
	for _, m := range c.group.Members[1:] {
		msub := sub
		msub.Procedure, msub.Case = string(m), ""
		mp, mref, err := c.o.procedureInForce(msub, c.received)
		if err != nil {
			c.addProblem(err.(*FieldError))
			continue
		}
		if mref == "" && c.channelOK {
			if _, err := mp.Limit(sub.Channel, ""); err != nil {
				mref = "thủ tục " + string(m) + " không tiếp nhận qua kênh " + channelVi(sub.Channel)
			}
		}
		if mref != "" && c.refusal == "" {
			c.refusal = mref
		}
		if mp != nil {
			c.members = append(c.members, mp)
		}
	}
}

// dossierIntake is what the dossier is opened with: the procedure (or the group) and its
// version, the applicant, the channel, the desk, the competent agency (the submission's, else
// the catalog's) and the procedure's time limit on the channel.
func (c *intakeCheck) dossierIntake() dossier.Intake {
	sub := c.sub
	in := dossier.Intake{
		Procedure: dossier.ProcedureRef{Code: sub.Procedure, Case: sub.Case},
		Applicant: sub.Applicant, Channel: sub.Channel, Desk: c.o.desk, Agency: sub.Competent,
		Submitted: c.submitted, Documents: sub.Documents, Electronic: sub.Electronic, Reference: sub.Reference,
	}
	if p := c.proc; p != nil {
		in.Procedure.Version, in.Procedure.Name = strconv.Itoa(p.Version), p.Name
		if c.group != nil {
			in.Procedure.Case, in.Procedure.Name = c.group.ID, c.group.Name
			// A group's code takes the desk's (or, online, the portal's) identifier: Decree
			// 118/2025 Art. 28(2)(a), dossier.Dossier.CodeUnit.
			in.Group = c.group.ID
		}
		if in.Agency == "" && dossier.ValidUnitCode(p.CompetentAgency.Code.String()) {
			in.Agency = p.CompetentAgency.Code.String()
		}
		if c.refusal == "" && c.channelOK {
			var err error
			if in.Limit, err = p.Limit(sub.Channel, sub.Case); err != nil {
				c.refusal = "thủ tục không tiếp nhận qua kênh " + channelVi(sub.Channel)
			}
		}
	} else {
		in.Procedure.Version = "0"
	}
	if in.Agency == "" && c.refusal != "" {
		in.Agency = c.o.desk // the refusal slip is the desk's
	}
	in.OtherLevel = in.Agency != "" && c.o.otherLevel(in.Agency, c.received)
	// The competent agency is missing only if the catalog was asked and does not name one.
	if in.Agency == "" && (c.proc != nil || c.refusal != "") {
		c.add("Submission.Competent", "", ErrRequired)
	}
	return in
}

// nationwide reports whether every procedure of the submission is open to reception in any
// province (procedure.Procedure.Nationwide, Decree 118/2025 Art. 36(10)), a scope added to the
// desk's own (Config.Receivable) from 2025-07-01.
func (c *intakeCheck) nationwide() bool {
	if c.proc == nil || dossier.RegimeAt(c.received) != dossier.Decree118 {
		return false
	}
	var one [1]*procedure.Procedure
	for _, m := range c.procedures(&one) {
		if !m.Nationwide {
			return false
		}
	}
	return true
}

// missingDocuments lists the required documents of every procedure of the submission not
// handed in, each once.
func (c *intakeCheck) missingDocuments() []string {
	var missing []string
	var one [1]*procedure.Procedure
	for _, m := range c.procedures(&one) {
		missing = appendNew(missing, missingDocuments(m, c.sub.Case, c.given()))
	}
	return missing
}

// refuseAtIntake refuses the submission with its reason (Mẫu 03): no code, nothing stored,
// the applicant told.
func (o *Office) refuseAtIntake(ctx context.Context, c *intakeCheck, d *dossier.Dossier) (IntakeResult, error) {
	if _, err := d.Apply(dossier.Command{Kind: dossier.RefuseIntake, Actor: c.clerk, Reason: c.refusal, Redirect: c.redirect}, c.now); err != nil {
		return IntakeResult{}, err
	}
	slip, err := d.RefusalSlip()
	if err != nil {
		return IntakeResult{}, err
	}
	o.nameSlip(&slip.Header, d)
	slip.AgencyName = o.agencyName(slip.Agency, c.now)
	res := IntakeResult{Decision: DecisionRefuse, Refusal: &slip}
	if c.pending != nil {
		return res, o.storePending(ctx, c, d, dossier.RefuseIntake, c.refusal, nil)
	}
	return res, o.notifyIntake(ctx, d, dossier.RefuseIntake, c.clerk, c.now, c.sub.Reference, c.refusal, nil)
}

// askSupplement asks once for the complete list of missing documents (Mẫu 02): no code,
// nothing stored, the applicant told.
func (o *Office) askSupplement(ctx context.Context, c *intakeCheck, d *dossier.Dossier, missing []string) (IntakeResult, error) {
	cmd := c.supplementRequest(missing)
	missing = cmd.Attachments
	if _, err := d.Apply(cmd, c.now); err != nil {
		return IntakeResult{}, err
	}
	slip, err := d.SupplementSlip()
	if err != nil {
		return IntakeResult{}, err
	}
	o.nameSlip(&slip.Header, d)
	slip.AgencyName = o.agencyName(slip.Agency, c.now)
	res := IntakeResult{Decision: DecisionSupplement, Supplement: &slip, Missing: missing}
	if c.pending != nil {
		return res, o.storePending(ctx, c, d, dossier.RequestIntakeSupplement, cmd.Reason, missing)
	}
	return res, o.notifyIntake(ctx, d, dossier.RequestIntakeSupplement, c.clerk, c.now, c.sub.Reference, cmd.Reason, missing)
}

// receive accepts the dossier: it plans the due time and the route, issues the code, stores
// the dossier, hands out the receipt (Mẫu 01) and notifies.
func (o *Office) receive(ctx context.Context, c *intakeCheck, d *dossier.Dossier, in dossier.Intake) (IntakeResult, error) {
	// The time limit of a boundary-free dossier may run from the competent agency's receipt
	// (Decree 309/2026): the appointment and the route are then planned, provisionally, from
	// the latest hand-over the desk is allowed, and fixed at the transfer.
	start := o.countFrom(d, c.clerk, c.received)
	var one [1]*procedure.Procedure
	due, limit, err := o.dueFrom(c.procedures(&one), c.sub.Case, c.sub.Channel, start)
	if err != nil {
		return IntakeResult{}, err
	}
	steps, sched, err := o.plan(c.proc, c.group, c.sub, in.Agency, c.received, start, limit, due)
	if err != nil {
		return IntakeResult{}, err
	}
	code, err := o.issueCode(ctx, d, c.clerk, c.received, due, c.sub.Immediate)
	if err != nil {
		return IntakeResult{}, err
	}
	// The receipt slip prints the code as printed does (Rules.FormatCode, else the stored
	// form): taken first, it gives the printed code without formatting it twice.
	var slip *dossier.ReceiptSlip
	var printed string
	if !c.sub.Immediate || c.sub.WantReceipt {
		s, err := d.ReceiptSlip()
		if err != nil {
			return IntakeResult{}, err
		}
		slip, printed = &s, s.CodeText
	} else {
		printed = o.printed(code)
	}
	rec := Record{Code: storedForm(printed, code), Dossier: d, Plan: steps, Schedule: sched}
	if sched != nil {
		rec.Route, rec.Locality = sched.Route, c.sub.Locality
		if rec.Locality == "" {
			rec.Locality = in.Agency
		}
	}
	rec.Summary = Summary{Level: o.level(c.proc, in.Agency, c.received), Field: c.proc.Field, StepScore: -1}
	o.derive(&rec, printed, c.received)
	var msgs []Envelope
	if o.queues() {
		msgs = o.notices(rec, eventName(dossier.Receive), c.clerk, c.received)
	}
	msgs = o.publish(msgs, nil, rec, c.clerk, c.received)
	if c.pending != nil {
		// The system's record of the online submission now points to the code (its
		// acceptance is written first: of two clerks accepting at once, one wins).
		if err := o.forward(ctx, c, d); err != nil {
			return IntakeResult{}, err
		}
	}
	if _, err := o.store.Create(ctx, rec, msgs); err != nil {
		if errors.Is(err, ErrInDoubt) {
			// The dossier may have been received: the error names the code to look up.
			return IntakeResult{}, codeError(printed, err)
		}
		return IntakeResult{}, err
	}
	res := IntakeResult{Decision: DecisionReceive, Code: printed, Received: c.received, Due: d.Deadline.History[0].Due,
		Provisional: open(d.State) && d.DueProvisional(), Transfer: steps}
	if slip != nil {
		o.nameSlip(&slip.Header, d)
		res.Receipt = slip
	}
	return res, o.deliver(ctx, msgs)
}

// issueCode takes the next number of the desk's daily sequence and receives d under it with
// its appointment; a result given on the spot is resolved and returned at once.
func (o *Office) issueCode(ctx context.Context, d *dossier.Dossier, clerk dossier.Actor, received, due time.Time, immediate bool) (dossier.Code, error) {
	// The daily sequence is the identifier's that opens the code: the desk's, or under Decree
	// 118/2025 Art. 28 the competent agency's (dossier.Policy.CodeUnit).
	unit := d.CodeUnit(received)
	code, err := o.rules.IssueCode(ctx, o.store, unit, received)
	if err != nil {
		if errors.Is(err, dossier.ErrCodeExhausted) {
			return dossier.Code{}, &FieldError{Field: "Code", Value: unit, Err: ErrSequenceExhausted}
		}
		return dossier.Code{}, err
	}
	cmds := []dossier.Command{{Kind: dossier.Receive, Actor: clerk, Code: code, Due: due}}
	if immediate {
		cmds = append(cmds, dossier.Command{Kind: dossier.Resolve, Actor: clerk}, dossier.Command{Kind: dossier.Return, Actor: clerk})
	}
	for _, cmd := range cmds {
		if _, err := d.Apply(cmd, received); err != nil {
			return dossier.Code{}, err
		}
	}
	return code, nil
}

// checkText checks a one-line text of the submission as package dossier checks its own:
// valid UTF-8 (dossier.ErrEncoding), no NUL or other control character (dossier.ErrControl),
// at most max characters (dossier.ErrTooLong).
func checkText(s string, max int) error { return checkTextLines(s, max, false) }

// checkTextLines is checkText that allows line breaks and tabs in a multiline text.
func checkTextLines(s string, max int, multiline bool) error {
	if !utf8.ValidString(s) {
		return dossier.ErrEncoding
	}
	n := 0
	for _, r := range s {
		if (r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0) && !(multiline && (r == '\n' || r == '\r' || r == '\t')) {
			return dossier.ErrControl
		}
		n++
	}
	if n > max {
		return dossier.ErrTooLong
	}
	return nil
}

// channelVi names a channel in Vietnamese, for the reasons of a refusal.
func channelVi(ch procedure.Channel) string {
	switch ch {
	case procedure.Counter:
		return "trực tiếp"
	case procedure.Online:
		return "trực tuyến"
	case procedure.Postal:
		return "dịch vụ bưu chính"
	}
	return ch.String()
}

// notifyIntake tells the applicant of a submission refused or found incomplete at intake,
// which has no dossier code (Decree 61/2018 Art. 17(2): the content and the reasons). The
// notice goes through the outbox (Store.Post) like any other.
func (o *Office) notifyIntake(ctx context.Context, d *dossier.Dossier, cmd dossier.CommandKind, clerk dossier.Actor, at time.Time, ref, reason string, missing []string) error {
	if !o.queues() {
		return nil
	}
	msgs := o.intakeNotices(d, cmd, clerk, at, ref, reason, missing)
	if err := o.store.Post(ctx, msgs); err != nil {
		return err
	}
	return o.deliver(ctx, msgs)
}

// intakeNotices is the notice of a refusal or a supplement request at intake, without a
// dossier code: the submission's reference names it.
func (o *Office) intakeNotices(d *dossier.Dossier, cmd dossier.CommandKind, clerk dossier.Actor, at time.Time, ref, reason string, missing []string) []Envelope {
	n := &Notice{Reference: ref, Procedure: d.Procedure.Code, Event: eventName(cmd), State: stateName(d.State),
		NationalStatus: int(d.State.Status()), Agency: o.desk, At: at, SubmittedAt: d.Submitted,
		Reason: reason, Missing: slices.Clone(missing)}
	n.Handler, n.Role = handler(clerk)
	msgs := []Envelope{{Notice: n}}
	o.reserve(msgs)
	return msgs
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
	var text [512]byte
	var end [maxListed]int
	have := handedIn(given, text[:0], end[:0])
	var missing []string
	check := func(docs []procedure.Document) {
		for _, doc := range docs {
			if doc.Requirement == procedure.Required && !have.has(doc.Name) {
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

// foldedNames are the names of the documents handed in, folded (procedure.Fold): the usual
// few one after another in a buffer of the caller's, compared in turn, so that checking them
// costs no allocation at every intake; more than a few in a set.
type foldedNames struct {
	text []byte // the folded names, one after another
	end  []int  // where each ends in text
	set  map[string]bool
}

// maxListed is the number of names handed in that are compared in turn, not put in a set.
const maxListed = 16

// handedIn folds the names given into text and end (buffers of the caller's).
func handedIn(given []string, text []byte, end []int) foldedNames {
	if len(given) > maxListed {
		set := make(map[string]bool, len(given))
		for _, g := range given {
			set[procedure.Fold(g)] = true
		}
		return foldedNames{set: set}
	}
	for _, g := range given {
		text = procedure.AppendFold(text, g)
		end = append(end, len(text))
	}
	return foldedNames{text: text, end: end}
}

// has reports whether a document named name was handed in, names compared folded.
func (f foldedNames) has(name string) bool {
	var buf [128]byte
	key := procedure.AppendFold(buf[:0], name)
	if f.set != nil {
		return f.set[string(key)]
	}
	from := 0
	for _, to := range f.end {
		if string(f.text[from:to]) == string(key) {
			return true
		}
		from = to
	}
	return false
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
