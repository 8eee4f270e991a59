package onestop

import (
	"context"
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/motcua-go/motcua/calendar"
	"github.com/motcua-go/motcua/dossier"
	"github.com/motcua-go/motcua/internal/msg"
	"github.com/motcua-go/motcua/procedure"
	"github.com/motcua-go/motcua/routing"
	"github.com/rickb777/date/v2"
)

// Procedures finds the version of a procedure in force at an instant. *procedure.Catalog
// implements it; an embedder may put its own source behind it.
type Procedures interface {
	Lookup(code procedure.NationalCode, at time.Time) (*procedure.Procedure, error)
}

// GroupProcedures is a Procedures that also knows the published inter-agency groups of procedures
// (Circular 01/2018 Art. 4); *procedure.Catalog implements it. Submissions naming a group
// need it.
type GroupProcedures interface {
	Procedures
	Group(id string) (*procedure.Group, bool)
}

// ReceivableFunc decides whether a desk may receive a dossier for a competent agency at the
// instant of reception. Codes are QCVN 102 unit codes.
type ReceivableFunc func(desk, competent string, at time.Time) bool

// DefaultReceivable is the reception scope used when Config.Receivable is nil. From
// 2025-07-01 (Decree 118/2025 Art. 14(2), boundary-free reception, phi địa giới) a desk
// receives for any agency of its province, and the desks of central agencies (G codes) for
// any agency. Before, a desk receives for its own unit and the units of its own district
// (same level-1 and level-2 codes), a reading of Decree 61/2018 Art. 14 (own level plus
// delegated procedures) kept as a policy value, not a verified rule.
func DefaultReceivable(desk, competent string, at time.Time) bool {
	if len(desk) != 13 || len(competent) != 13 {
		return false
	}
	if desk[10] == 'G' || desk == competent {
		return true
	}
	if dossier.RegimeAt(at) == dossier.Decree118 {
		return desk[10:] == competent[10:]
	}
	return desk[7:] == competent[7:]
}

// Config configures an Office. Desk, Catalog and Clock are required; the zero value of every
// other field has the default its comment gives.
type Config struct {
	// Desk is the QCVN 102 code of the receiving one-stop desk; it heads every dossier code.
	Desk string
	// Catalog gives the procedure version in force at reception.
	Catalog Procedures
	// Rules are the dossier rules (calendar and decree policies); nil: dossier.NewRules with
	// Calendar.
	Rules *dossier.Rules
	// Calendar is the working calendar, used when Rules is nil; nil: calendar.Default().
	Calendar *calendar.Calendar
	// Routes select and plan inter-agency routes; nil: every dossier has one step, its
	// competent agency.
	Routes *routing.Set
	// Directory resolves the roles of route steps against the applicant's locality; required
	// when a route names roles.
	Directory *routing.Directory
	// Store keeps the dossiers; nil: a new MemStore.
	Store Store
	// Clock tells the time; required (use ClockFunc(time.Now) in production).
	Clock Clock
	// Notifier is told of every status change; nil: nobody is. The notices of a command are
	// written to the store's outbox together with the command (Store.Create, Store.Update), so
	// that no command is stored without its notice; the Office then hands them to Notifier at
	// once and acknowledges them. A notice Notifier refuses (the command returns a
	// *NotifyError) or that a stopped process did not deliver stays in the outbox until
	// Office.Deliver delivers it.
	Notifier Notifier
	// DeferDelivery leaves the delivery of every notice to Office.Deliver (or to the
	// embedder's own reader of the outbox, Store.Fetch and Store.Ack): commands write their
	// notices to the outbox, even without a Notifier, and return without waiting for them to
	// be delivered. false: the Office delivers them to Notifier after each command.
	DeferDelivery bool
	// Publisher writes further messages with each command (package portal's records for the
	// National Public Service Portal), in the same Store.Create or Store.Update as its events,
	// and delivers them when Office.Deliver hands them out; nil: none. See Publisher.
	Publisher Publisher
	// DeliveryLease is how long a notice handed out for delivery is reserved for its
	// deliverer, after which another may hand it out again; 0: DefaultDeliveryLease (1 minute).
	DeliveryLease time.Duration
	// Receivable decides the desk's reception scope; nil: DefaultReceivable. A procedure the
	// catalog marks nationwide (procedure.Procedure.Nationwide, Decree 118/2025 Art. 36(10))
	// is received from 2025-07-01 whatever Receivable says.
	Receivable ReceivableFunc
	// Retries is how many times a command that met a stale version is re-read, re-checked
	// and re-applied before the *ConflictError is returned; 0: 32.
	Retries int
}

// Office is a one-stop desk (Bộ phận Một cửa) with the agencies behind it. It is safe for
// concurrent use. Every command reads the dossier, applies the command to a copy and writes
// it back under optimistic concurrency; when the write meets a newer version, the Office
// re-reads and re-checks the command (which may then be refused by the new state) and tries
// again, up to Config.Retries times, after which it returns the *ConflictError. An accepted
// command is therefore in the dossier's log exactly once.
type Office struct {
	desk          string
	catalog       Procedures
	rules         *dossier.Rules
	cal           *calendar.Calendar
	routes        *routing.Set
	dir           *routing.Directory
	store         Store
	clock         Clock
	notifier      Notifier
	publisher     Publisher
	deferDelivery bool
	lease         time.Duration
	receivable    ReceivableFunc
	retries       int
	names         nameCache // agency names by code and day
	deskOnly      []string  // Record.Holders of a dossier the desk holds: {desk}, shared, never modified
}

// New builds an Office from cfg.
func New(cfg Config) (*Office, error) {
	if !dossier.ValidUnitCode(cfg.Desk) {
		return nil, &FieldError{Field: "Config.Desk", Value: cfg.Desk, Err: ErrInvalid}
	}
	if cfg.Catalog == nil {
		return nil, &FieldError{Field: "Config.Catalog", Err: ErrRequired}
	}
	if cfg.Clock == nil {
		return nil, &FieldError{Field: "Config.Clock", Err: ErrRequired}
	}
	o := &Office{desk: cfg.Desk, deskOnly: []string{cfg.Desk}, catalog: cfg.Catalog, rules: cfg.Rules, routes: cfg.Routes, dir: cfg.Directory,
		store: cfg.Store, clock: cfg.Clock, notifier: cfg.Notifier, publisher: cfg.Publisher, receivable: cfg.Receivable, retries: cfg.Retries,
		deferDelivery: cfg.DeferDelivery, lease: cfg.DeliveryLease}
	if o.lease <= 0 {
		o.lease = DefaultDeliveryLease
	}
	if o.rules == nil {
		r, err := dossier.NewRules(dossier.RulesConfig{Calendar: cfg.Calendar})
		if err != nil {
			return nil, err
		}
		o.rules = r
	}
	o.cal = o.rules.Calendar()
	if o.store == nil {
		o.store = NewMemStore()
	}
	if o.receivable == nil {
		o.receivable = DefaultReceivable
	}
	if o.retries <= 0 {
		o.retries = 32
	}
	return o, nil
}

// Desk returns the code of the office's desk.
func (o *Office) Desk() string { return o.desk }

// Store returns the office's store.
func (o *Office) Store() Store { return o.store }

// checkActor verifies the actor's role and, for clerks, that they belong to this desk.
func (o *Office) checkActor(a dossier.Actor, roles ...dossier.Role) error {
	if !slices.Contains(roles, a.Role) {
		return &FieldError{Field: "Actor.Role", Value: a.Role.String(), Err: ErrWrongActor}
	}
	if a.Role == dossier.RoleClerk && a.Agency != o.desk {
		return &FieldError{Field: "Actor.Agency", Value: a.Agency, Err: ErrWrongActor}
	}
	if a.Role == dossier.RoleOfficer && a.Agency == "" {
		return &FieldError{Field: "Actor.Agency", Err: ErrWrongActor}
	}
	return nil
}

// cloneDossier copies d so that applying a command to the copy leaves d untouched.
func cloneDossier(d *dossier.Dossier) *dossier.Dossier {
	c := *d
	c.Steps = slices.Clone(d.Steps)
	c.Supplements = slices.Clone(d.Supplements)
	c.Documents = slices.Clone(d.Documents)
	c.Events = slices.Clip(d.Events)
	c.Deadline.History = slices.Clip(d.Deadline.History)
	return &c
}

// change is one command's effect on a record: it may modify rec (and rec.Dossier, a copy).
type change func(rec *Record, now time.Time) (event string, err error)

// exec runs a command on the dossier of code with optimistic concurrency. The command's
// notices are written with it (Store.Update's outbox) and then delivered (deliver).
func (o *Office) exec(ctx context.Context, code string, actor dossier.Actor, f change) (Record, error) {
	key, err := o.key(code)
	if err != nil {
		return Record{}, err
	}
	for range o.retries {
		var rec Record
		rec, err = o.load(ctx, code, key)
		if err != nil {
			return Record{}, err
		}
		now := o.clock.Now()
		if last := rec.Dossier.Events[len(rec.Dossier.Events)-1].At; now.Before(last) {
			// An event dated later (an online dossier accepted at the next session) stands.
			now = last
		}
		before := rec.Dossier
		rec.Dossier = cloneDossier(rec.Dossier)
		rec.Consultations = slices.Clone(rec.Consultations)
		var event string
		event, err = f(&rec, now)
		if err != nil {
			return Record{}, renamed(err, key, code)
		}
		o.derive(&rec, o.printed(rec.Dossier.Code), now)
		var msgs []Envelope
		if event != "" && o.queues() {
			msgs = o.notices(rec, event, actor, now)
		}
		if !pendingKey(rec.Code) {
			// A dossier not yet accepted has no code: the Publisher first sees it at its
			// acceptance (Accept), with its whole log.
			msgs = o.publish(msgs, before, rec, actor, now)
		}
		var out Record
		out, err = o.store.Update(ctx, rec, msgs)
		if err == nil {
			// The record as the Office wrote it (its dossier bound to the office's rules),
			// at the version the store gave it.
			rec.Version = out.Version
			return rec, o.deliver(ctx, msgs)
		}
		if !errors.Is(err, ErrConflict) {
			return Record{}, err
		}
	}
	return Record{}, err
}

// derive sets what the Office derives from a record's dossier before writing it: the
// summary, the public view, the log's length, the holders and the sweep's watch time.
func (o *Office) derive(rec *Record, printed string, now time.Time) {
	d := rec.Dossier
	if d.Code.IsZero() {
		printed = "" // an online dossier not yet accepted has no code (Decree 118/2025 Art. 28(1))
	}
	rec.Summary = summarize(d, rec.Summary, rec.Code)
	rec.Public = o.publicView(d, printed)
	rec.Seq = len(d.Events)
	rec.Holders = nil
	if !d.State.Terminal() {
		rec.Holders = o.holders(d)
	}
	// Whole seconds, as a database keeps them; earlier, never later.
	rec.Watch = watchFrom(d, now).Truncate(time.Second)
	if pendingKey(rec.Code) {
		// The record an online dossier waited in for acceptance: never in a report (the
		// dossier is counted from its acceptance, under its code); watched until the desk's
		// answer is due; once accepted, it only leads to the code.
		rec.Summary = Summary{Code: rec.Code, Agency: d.Agency, Online: true, StepScore: -1}
		switch due := d.AcceptanceDue(); {
		case !d.Code.IsZero():
			rec.Holders, rec.Watch = nil, time.Time{}
		case !due.IsZero():
			rec.Summary.Due = Unix(due) // the desk's work queue, most urgent first
			w := acceptanceNear(d, due)
			if now.After(w) {
				w = now
			}
			rec.Watch = w.Truncate(time.Second)
		}
	}
}

// watchFrom is the earliest instant at which Sweep may report d, as seen at now (the time of
// the write): the start of the last day for the apology, the instant it becomes at risk
// (while its clock runs), its due time, when it may be closed (dossier.Dossier.CloseDue), or
// now when it is already reported (at risk too while its clock is stopped); for a result sent
// back for correction, when the corrected result is due (dossier.Dossier.CorrectionDue); zero
// when d is no longer open. It errs early, never late:
// a sweep reads a dossier a little before it is reported rather than miss it.
func watchFrom(d *dossier.Dossier, now time.Time) time.Time {
	if d.State == dossier.Correction && d.Rules != nil {
		// The corrected result is due back from the agency (Decree 118/2025 Art. 23(1)).
		return d.CorrectionDue()
	}
	if !open(d.State) || d.Received.IsZero() || d.Deadline.Due.IsZero() || d.Rules == nil {
		return time.Time{}
	}
	due := d.Deadline.Due
	cal := d.Rules.Calendar()
	pol := d.Rules.Policy(d.Regime)
	y, m, day := apologyReminder(d).In(calendar.Zone()).Date()
	w := time.Date(y, m, day, 0, 0, 0, 0, calendar.Zone())
	if due.Before(w) {
		w = due
	}
	if c := d.CloseDue(); !c.IsZero() && c.Before(w) {
		w = c // the desk may close it (Decree 118/2025 Art. 19(5)): Sweep lists it
	}
	if !d.PausedAt().IsZero() {
		// The clock stopped: the share used stays as it is, and a dossier at risk when it
		// stopped is reported at once (Sweep: Dossier.AtRisk).
		if d.AtRisk(now) {
			return now
		}
	} else {
		// The share used grows with the working time from now: it reaches AtRiskShare after
		// (share - used) / (1 - used) of the working time left.
		used := d.Used(now)
		if used >= pol.AtRiskShare || used >= 1 {
			return now
		}
		left := cal.WorkingTimeBetween(now, due)
		toRisk := time.Duration(float64(left) * (pol.AtRiskShare - used) / (1 - used))
		if r := cal.AddWorkingTime(now, toRisk-time.Minute); toRisk > time.Minute && r.Before(w) {
			w = r
		} else if toRisk <= time.Minute {
			return now
		}
	}
	if now.After(w) {
		return now
	}
	return w
}

// load reads the record of key (the stored form of code, which errors name as given), checks
// that it is consistent (check), and attaches the office's rules to its dossier.
func (o *Office) load(ctx context.Context, code, key string) (Record, error) {
	rec, err := o.get(ctx, code, key)
	if err != nil {
		return Record{}, err
	}
	if err := check(&rec); err != nil {
		return Record{}, err
	}
	if pendingKey(rec.Code) && !rec.Dossier.Code.IsZero() {
		// An online dossier accepted since: it lives under its code.
		if rec, err = o.get(ctx, code, rec.Dossier.Code.String()); err != nil {
			return Record{}, err
		}
		if err := check(&rec); err != nil {
			return Record{}, err
		}
	}
	if rec.Dossier.Rules != o.rules {
		d := *rec.Dossier
		d.Rules = o.rules
		rec.Dossier = &d
	}
	return rec, nil
}

// check verifies that a record read from the store is one the Office can work with: it holds
// a dossier of its code whose log holds exactly the events 1..rec.Seq and ends in the
// dossier's state. Anything else is a *RecordError.
func check(rec *Record) error {
	d := rec.Dossier
	fail := func(p RecordProblem, events int) error {
		return &RecordError{Code: msg.Clip(rec.Code), Problem: p, Seq: rec.Seq, Events: events}
	}
	if d == nil {
		return fail(NoDossier, 0)
	}
	n := len(d.Events)
	if n == 0 {
		return fail(EmptyLog, 0)
	}
	for i := range d.Events {
		if d.Events[i].Seq != i+1 {
			return fail(LogOutOfOrder, i+1)
		}
	}
	if n != rec.Seq {
		return fail(LogNotAtSeq, n)
	}
	if d.Events[n-1].To != d.State {
		return fail(StateNotLogged, n)
	}
	if !pendingKey(rec.Code) && !sameCode(rec.Code, d.Code) {
		return fail(OtherCode, n)
	}
	return nil
}

// sameCode reports whether key is the stored form of c (Code.String).
func sameCode(key string, c dossier.Code) bool {
	k, err := dossier.ParseCode(key)
	return err == nil && k == c
}

// key reads a dossier code printed in the code format of any regime (Rules.ParseCode) and
// returns the key the store files it under, its stored form (Code.String). A code no format
// reads is a *dossier.CodeError wrapping ErrMalformedCode and the format's problem (e.g.
// dossier.ErrCodeDate), naming the part at fault.
func (o *Office) key(code string) (string, error) {
	if pendingKey(code) {
		// An online dossier waiting for acceptance, by the portal's reference (PendingKey).
		ref := code[len(pendingPrefix):]
		err := checkText(ref, dossier.MaxReferenceLen)
		if err == nil && strings.TrimSpace(ref) == "" {
			err = ErrRequired
		}
		if err != nil {
			return "", malformedCode(code, err)
		}
		return code, nil
	}
	c, err := o.rules.ParseCode(code)
	if err != nil {
		return "", malformedCode(code, err)
	}
	return storedForm(code, c), nil
}

// storedForm is the stored form of c (Code.String), which text, a printed form of c, may
// already be.
func storedForm(text string, c dossier.Code) string {
	if s, err := dossier.ParseCode(text); err == nil && s == c {
		return text
	}
	return c.String()
}

// get reads the record of key, naming in its errors the code as it was given.
func (o *Office) get(ctx context.Context, code, key string) (Record, error) {
	rec, err := o.store.Get(ctx, key)
	return rec, renamed(err, key, code)
}

// renamed makes a *dossier.CodeError about the stored form key name the code as it was given.
func renamed(err error, key, code string) error {
	if err == nil || key == code {
		return err
	}
	var ce *dossier.CodeError
	if !errors.As(err, &ce) || ce.Code != msg.Clip(key) {
		return err
	}
	c := *ce
	c.Code = msg.Clip(code)
	if err == error(ce) {
		return &c
	}
	return err
}

// printed is code in the code format of the regime of its date (Rules.FormatCode), or its
// stored form when that format cannot print it.
func (o *Office) printed(c dossier.Code) string {
	if s, err := o.rules.FormatCode(c); err == nil {
		return s
	}
	return c.String()
}

// codeString is c.String(), or the first of known that is the same text: printed into a
// buffer on the stack and compared, the code costs no allocation at every write of a record.
func codeString(c dossier.Code, known ...string) string {
	var buf [48]byte
	if b, err := c.AppendText(buf[:0]); err == nil {
		for _, k := range known {
			if k == string(b) {
				return k
			}
		}
	}
	return c.String()
}

// apply runs one dossier command inside exec.
func apply(cmd dossier.Command) change {
	return func(rec *Record, now time.Time) (string, error) {
		if rec.Dossier.State.Terminal() {
			return "", codeError(rec.Code, ErrClosed)
		}
		if _, err := rec.Dossier.Apply(cmd, now); err != nil {
			return "", err
		}
		return eventName(cmd.Kind), nil
	}
}

// notice is the notice of an event of d, whose code prints as code, done by actor at at.
func (o *Office) notice(d *dossier.Dossier, code, event string, actor dossier.Actor, at time.Time) *Notice {
	n := &Notice{
		Code: code, Procedure: d.Procedure.Code, Event: event, State: stateName(d.State),
		NationalStatus: int(d.State.Status()), Agency: holder(d), At: at, SubmittedAt: d.Submitted,
		ReceivedAt: d.Received, DueAt: d.Deadline.Due, ReturnedAt: d.Resolution.Returned,
	}
	n.Handler, n.Role = handler(actor)
	if d.State == dossier.Resolved || d.State == dossier.Refused || d.State == dossier.Returned {
		n.ProcessedAt = d.Resolution.At
	}
	return n
}

// summarize derives the report summary of d, keeping the classification fields of prev;
// code is the record's code (reused as the summary's when it is the same text).
func summarize(d *dossier.Dossier, prev Summary, code string) Summary {
	s := prev
	s.Code = codeString(d.Code, prev.Code, code)
	s.Agency = d.Agency
	s.Online = d.Channel == procedure.Online
	s.Received = Unix(d.Received)
	s.Due = Unix(d.Deadline.Due)
	if len(d.Deadline.History) > 0 {
		s.OriginalDue = Unix(d.Deadline.History[0].Due)
	}
	s.Returned = Unix(d.Resolution.Returned)
	s.End, s.Outcome = 0, OutcomeOpen
	switch d.State {
	case dossier.Resolved, dossier.Returned, dossier.Correction: // a correction follows the result
		s.End, s.Outcome = Unix(d.Resolution.At), OutcomeResolved
		if d.Resolution.Refused {
			s.Outcome = OutcomeRefused
		}
	case dossier.Refused:
		s.End, s.Outcome = Unix(d.Resolution.At), OutcomeRefused
	case dossier.Withdrawn:
		s.End, s.Outcome = Unix(d.Resolution.At), OutcomeWithdrawn
	case dossier.Closed:
		s.End, s.Outcome = Unix(d.Resolution.At), OutcomeClosed
	}
	s.Supplements = uint8(min(len(d.Supplements), 255))
	sent, late := d.Corrections()
	s.Corrections, s.CorrectionsLate = uint8(min(sent, 255)), uint8(min(late, 255))
	s.WaitingSince, s.ApplicantTime = 0, 0
	for _, sr := range d.Supplements {
		if sr.Supplied.IsZero() {
			s.WaitingSince = Unix(sr.Requested)
		} else {
			s.ApplicantTime += int64(sr.Supplied.Sub(sr.Requested) / time.Second)
		}
	}
	s.StepScore = -1
	for _, st := range d.Steps {
		if st.Done.IsZero() {
			continue
		}
		var sc int8
		switch dossier.Judge(st.Due, st.Done, st.Done) {
		case dossier.Early:
			sc = 2
		case dossier.OnTime:
			sc = 1
		}
		if s.StepScore < 0 || sc < s.StepScore {
			s.StepScore = sc
		}
	}
	return s
}

// dayOf returns the date of t in Vietnam.
func dayOf(t time.Time) date.Date { return date.NewAt(t.In(calendar.Zone())) }
