package onestop

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/motcua-go/motcua/calendar"
	"github.com/motcua-go/motcua/dossier"
	"github.com/motcua-go/motcua/routing"
)

// Handover is the transfer of a dossier from the desk to the agencies of its route
// (Decree 61/2018 Art. 18): the transfer slip with each agency's task and deadline, and the
// time by which the paper dossier must be on its way (the same working day, or the start of
// the next one when it was received after 15:00).
type Handover struct {
	Slip       dossier.TransferSlip `json:"slip"`
	DispatchBy time.Time            `json:"dispatch_by"`
	Late       bool                 `json:"late,omitempty"` // the transfer happened after DispatchBy
}

// Transfer sends an accepted dossier to the agencies of its route. When the time limit of a
// boundary-free dossier runs from the competent agency's receipt (Decree 309/2026,
// IntakeResult.Provisional), the transfer fixes it: the route is planned again from the
// hand-over, and the dossier's due time is the end of that plan.
func (o *Office) Transfer(ctx context.Context, clerk dossier.Actor, code string) (Handover, error) {
	if err := o.checkActor(clerk, dossier.RoleClerk); err != nil {
		return Handover{}, err
	}
	rec, err := o.exec(ctx, code, clerk, func(rec *Record, now time.Time) (string, error) {
		cmd := dossier.Command{Kind: dossier.Transfer, Actor: clerk, Steps: rec.Plan}
		if rec.Dossier.DueProvisional() && rec.Dossier.State == dossier.Received {
			// The competent agency receives the dossier now: its time limit and the route's
			// deadlines run from here (Decree 309/2026).
			cmd.Due, cmd.Steps, rec.Schedule = o.fixedPlan(*rec, now)
			rec.Plan = cmd.Steps
		}
		return apply(cmd)(rec, now)
	})
	if rec.Dossier == nil {
		return Handover{}, err
	}
	d := rec.Dossier
	slip, serr := d.TransferSlip()
	if serr != nil {
		return Handover{}, serr
	}
	o.nameTransfer(&slip, d)
	return Handover{Slip: slip, DispatchBy: d.TransferDue(), Late: d.TransferLate(d.Transferred)}, err
}

// Start records that the first agency of the route took the dossier up.
func (o *Office) Start(ctx context.Context, officer dossier.Actor, code string) (PublicView, error) {
	return o.simple(ctx, officer, code, dossier.Command{Kind: dossier.Start, Actor: officer}, dossier.RoleOfficer)
}

// Handoff records that the agency holding the dossier finished its step and handed the
// dossier to the next agency of the route (a row of the control slip, Mẫu 05). It is refused
// while an agency consulted by this one has neither answered nor, where silence means consent,
// let its deadline pass.
func (o *Office) Handoff(ctx context.Context, officer dossier.Actor, code string) (PublicView, error) {
	if err := o.checkActor(officer, dossier.RoleOfficer); err != nil {
		return PublicView{}, err
	}
	rec, err := o.exec(ctx, code, officer, func(rec *Record, now time.Time) (string, error) {
		if rec.Dossier.State.Terminal() {
			return "", codeError(rec.Code, ErrClosed)
		}
		if err := pendingConsultation(rec, officer.Agency, now); err != nil {
			return "", err
		}
		return apply(dossier.Command{Kind: dossier.Handoff, Actor: officer})(rec, now)
	})
	return statusOf(rec), err
}

// RequestSupplement asks the applicant, through the desk, for the documents listed
// (Mẫu 02; Decree 61/2018 Art. 19(4): within 3 working days of reception, once per agency).
// When the complete supplement comes in, the time limit restarts (policy). A document the
// applicant's data already hold is refused (dossier.ErrOnceOnly, Decree 118/2025 Art.
// 5(1)(i)) unless asked for to verify it (RequestVerification).
func (o *Office) RequestSupplement(ctx context.Context, officer dossier.Actor, code, reason string, documents []string) (dossier.SupplementSlip, error) {
	if err := o.checkActor(officer, dossier.RoleOfficer); err != nil {
		return dossier.SupplementSlip{}, err
	}
	if err := requireReason(reason); err != nil {
		return dossier.SupplementSlip{}, err
	}
	if len(documents) == 0 {
		return dossier.SupplementSlip{}, &FieldError{Field: "Documents", Err: ErrRequired}
	}
	return o.requestSupplement(ctx, officer, code, reason, documents, false)
}

// RequestVerification is RequestSupplement for documents the applicant's data already hold
// (dossier.Intake.Electronic, Submission.Electronic), asked for only to verify them: the one
// exception to the once-only rule (Decree 118/2025 Art. 5(1)(i); dossier.Command.Verification).
// RequestSupplement refuses such documents with dossier.ErrOnceOnly.
func (o *Office) RequestVerification(ctx context.Context, officer dossier.Actor, code, reason string, documents []string) (dossier.SupplementSlip, error) {
	if err := o.checkActor(officer, dossier.RoleOfficer); err != nil {
		return dossier.SupplementSlip{}, err
	}
	if err := requireReason(reason); err != nil {
		return dossier.SupplementSlip{}, err
	}
	if len(documents) == 0 {
		return dossier.SupplementSlip{}, &FieldError{Field: "Documents", Err: ErrRequired}
	}
	return o.requestSupplement(ctx, officer, code, reason, documents, true)
}

func (o *Office) requestSupplement(ctx context.Context, officer dossier.Actor, code, reason string, documents []string, verify bool) (dossier.SupplementSlip, error) {
	rec, err := o.exec(ctx, code, officer, apply(dossier.Command{Kind: dossier.RequestSupplement, Actor: officer, Reason: reason, Attachments: documents, Verification: verify}))
	if rec.Dossier == nil {
		return dossier.SupplementSlip{}, err
	}
	slip, serr := rec.Dossier.SupplementSlip()
	if serr != nil {
		return slip, serr
	}
	o.nameSlip(&slip.Header, rec.Dossier)
	slip.AgencyName = o.namer(rec.Dossier)(slip.Agency)
	return slip, err
}

// Supplement records the applicant's complete supplement, handed in at the desk.
func (o *Office) Supplement(ctx context.Context, actor dossier.Actor, code string, documents []string) (PublicView, error) {
	if err := o.checkActor(actor, dossier.RoleClerk, dossier.RoleApplicant); err != nil {
		return PublicView{}, err
	}
	return o.simple(ctx, actor, code, dossier.Command{Kind: dossier.Supplement, Actor: actor, Attachments: documents}, actor.Role)
}

// Refuse refuses the dossier after appraisal, with reasons (Mẫu 03; Decree 61/2018 Art.
// 19(8): within the time limit).
func (o *Office) Refuse(ctx context.Context, officer dossier.Actor, code, reason string) (dossier.RefusalSlip, error) {
	if err := o.checkActor(officer, dossier.RoleOfficer); err != nil {
		return dossier.RefusalSlip{}, err
	}
	if err := requireReason(reason); err != nil {
		return dossier.RefusalSlip{}, err
	}
	rec, err := o.exec(ctx, code, officer, apply(dossier.Command{Kind: dossier.Refuse, Actor: officer, Reason: reason}))
	if rec.Dossier == nil {
		return dossier.RefusalSlip{}, err
	}
	slip, serr := rec.Dossier.RefusalSlip()
	if serr != nil {
		return slip, serr
	}
	o.nameSlip(&slip.Header, rec.Dossier)
	slip.AgencyName = o.namer(rec.Dossier)(slip.Agency)
	return slip, err
}

// Apologise records the apology of the agency holding a dossier that will be late, with the
// one new appointment (Mẫu 04; Decree 61/2018 Art. 19(9): at least one working day before
// the due date, once).
func (o *Office) Apologise(ctx context.Context, officer dossier.Actor, code, reason string, newDue time.Time) (dossier.ApologySlip, error) {
	if err := o.checkActor(officer, dossier.RoleOfficer); err != nil {
		return dossier.ApologySlip{}, err
	}
	if err := requireReason(reason); err != nil {
		return dossier.ApologySlip{}, err
	}
	rec, err := o.exec(ctx, code, officer, apply(dossier.Command{Kind: dossier.Apologise, Actor: officer, Reason: reason, Due: newDue}))
	if rec.Dossier == nil {
		return dossier.ApologySlip{}, err
	}
	slip, serr := rec.Dossier.ApologySlip()
	if serr != nil {
		return slip, serr
	}
	o.nameSlip(&slip.Header, rec.Dossier)
	slip.AgencyName = o.namer(rec.Dossier)(slip.Agency)
	return slip, err
}

// Ready is the answer to Resolve: the public view, and whether the result is early, in which
// case the applicant was told in advance (Decree 61/2018 Art. 20(4)) by an "early_return"
// notice.
type Ready struct {
	Public PublicView `json:"public"`
	Early  bool       `json:"early"`
}

// Resolve records that the result is signed and ready at the desk (national status 9).
// The agency of the last step (or, for a dossier never transferred, the desk) issues it.
func (o *Office) Resolve(ctx context.Context, actor dossier.Actor, code, reference string) (Ready, error) {
	if err := o.checkActor(actor, dossier.RoleOfficer, dossier.RoleClerk); err != nil {
		return Ready{}, err
	}
	rec, err := o.exec(ctx, code, actor, func(rec *Record, now time.Time) (string, error) {
		if rec.Dossier.State.Terminal() {
			return "", codeError(rec.Code, ErrClosed)
		}
		if err := pendingConsultation(rec, actor.Agency, now); err != nil {
			return "", err
		}
		return apply(dossier.Command{Kind: dossier.Resolve, Actor: actor, Reference: reference})(rec, now)
	})
	if rec.Dossier == nil {
		return Ready{}, err
	}
	// The advance notice of an early result is among the command's notices (Office.notices).
	return Ready{Public: statusOf(rec), Early: earlyResult(rec.Dossier)}, err
}

// Return records that the result (or the refusal) was handed to the applicant (status 10).
func (o *Office) Return(ctx context.Context, clerk dossier.Actor, code string) (PublicView, error) {
	return o.simple(ctx, clerk, code, dossier.Command{Kind: dossier.Return, Actor: clerk}, dossier.RoleClerk)
}

// Withdraw records the applicant's withdrawal of the dossier (national status 7), asked at
// the desk or online, before the result. It is a policy of the regime (Circular 03/2025 form
// 05, "thông báo dừng giải quyết"); Decree 61/2018 does not regulate it.
func (o *Office) Withdraw(ctx context.Context, actor dossier.Actor, code, reason string) (PublicView, error) {
	return o.simple(ctx, actor, code, dossier.Command{Kind: dossier.Withdraw, Actor: actor, Reason: reason}, dossier.RoleClerk, dossier.RoleApplicant)
}

// Close records that the desk closes a dossier whose supplement, asked for during
// processing, did not come in time (đóng hồ sơ; Decree 118/2025 Art. 19(5): 15 days after the
// notice by default, dossier.Policy.CloseAfter). It is refused before dossier.Dossier.CloseDue
// (dossier.ErrCloseEarly) and under Decree 61/2018, which closes nothing
// (dossier.ErrNotProvided). The reason is optional; the sweep lists the dossiers due for
// closing (Alert kind CloseDue). A closed dossier is final (national status 8) and counts in
// Biểu 06 as ended by the applicant (see Report).
func (o *Office) Close(ctx context.Context, clerk dossier.Actor, code, reason string) (PublicView, error) {
	return o.simple(ctx, clerk, code, dossier.Command{Kind: dossier.Close, Actor: clerk, Reason: reason}, dossier.RoleClerk)
}

// Amend records that an online applicant amends the content of the dossier (Decree 118/2025
// Art. 21(2)), from the receipt until the decision; reason says what is amended (required),
// documents names the documents replaced or added. The time limit runs on by default
// (dossier.Policy.AfterAmendment). Under Decree 61/2018, or for a dossier handed in on
// paper, it is refused (dossier.ErrNotProvided, dossier.ErrNotOnline).
func (o *Office) Amend(ctx context.Context, applicant dossier.Actor, code, reason string, documents []string) (PublicView, error) {
	if err := requireReason(reason); err != nil {
		return PublicView{}, err
	}
	return o.simple(ctx, applicant, code, dossier.Command{Kind: dossier.Amend, Actor: applicant, Reason: reason, Attachments: documents}, dossier.RoleApplicant)
}

// SendForCorrection records that the desk sends a resolved result back to the agency that
// issued it because the applicant found an error in it (Decree 118/2025 Art. 23(1)); reason
// describes the error (required). The agency returns the corrected result with Correct,
// within 3 working days by default (dossier.Policy.CorrectionLimit,
// dossier.Dossier.CorrectionDue); Lookup shows the state "correction".
func (o *Office) SendForCorrection(ctx context.Context, clerk dossier.Actor, code, reason string) (PublicView, error) {
	if err := requireReason(reason); err != nil {
		return PublicView{}, err
	}
	return o.simple(ctx, clerk, code, dossier.Command{Kind: dossier.SendForCorrection, Actor: clerk, Reason: reason}, dossier.RoleClerk)
}

// Correct records that the agency returns the corrected result (Decree 118/2025 Art. 23(1));
// reference is the number of the corrected document (empty: the result keeps its number).
// The dossier is resolved again, ready to be handed over with Return; a correction after
// CorrectionDue is counted late (dossier.Dossier.Corrections, Report.Corrections).
func (o *Office) Correct(ctx context.Context, actor dossier.Actor, code, reference string) (PublicView, error) {
	return o.simple(ctx, actor, code, dossier.Command{Kind: dossier.Correct, Actor: actor, Reference: reference}, dossier.RoleOfficer, dossier.RoleClerk)
}

// Rate records the applicant's satisfaction with the handling of a dossier that has a
// result, and whether they complained; a later rating replaces an earlier one.
func (o *Office) Rate(ctx context.Context, applicant dossier.Actor, code string, r Rating, complaint bool) error {
	if err := o.checkActor(applicant, dossier.RoleApplicant, dossier.RoleClerk); err != nil {
		return err
	}
	if r < Satisfied || r > Dissatisfied {
		return &FieldError{Field: "Rating", Value: strconv.Itoa(int(r)), Err: ErrInvalid}
	}
	_, err := o.exec(ctx, code, applicant, func(rec *Record, _ time.Time) (string, error) {
		switch rec.Dossier.State {
		case dossier.Resolved, dossier.Refused, dossier.Returned:
		default:
			return "", codeError(rec.Code, ErrNoResult)
		}
		rec.Summary.Rating, rec.Summary.Complaint = r, complaint
		return "", nil
	})
	return err
}

// requireReason refuses a missing reason: empty, or only spaces, tabs and line breaks.
func requireReason(reason string) error {
	if strings.TrimSpace(reason) == "" {
		return &FieldError{Field: "Reason", Err: ErrRequired}
	}
	return nil
}

func (o *Office) simple(ctx context.Context, actor dossier.Actor, code string, cmd dossier.Command, roles ...dossier.Role) (PublicView, error) {
	if err := o.checkActor(actor, roles...); err != nil {
		return PublicView{}, err
	}
	rec, err := o.exec(ctx, code, actor, apply(cmd))
	return statusOf(rec), err
}

func statusOf(rec Record) PublicView {
	if rec.Public == nil {
		return PublicView{}
	}
	return *rec.Public
}

// Consultation is an opinion asked of another agency (lấy ý kiến, Decree 61/2018 Art.
// 19(5)), with its deadline. Where the sector law says so (e.g. construction permits), an
// agency that does not answer by the deadline is deemed to agree.
type Consultation struct {
	ID                  int       `json:"id"`
	By                  string    `json:"by"`     // agency that asks
	Agency              string    `json:"agency"` // agency consulted
	Subject             string    `json:"subject"`
	Asked               time.Time `json:"asked"`
	Deadline            time.Time `json:"deadline"`
	SilenceMeansConsent bool      `json:"silence_means_consent"`
	Answered            time.Time `json:"answered"` // zero until answered
	Agree               bool      `json:"agree"`
	Note                string    `json:"note,omitempty"`
}

// Settled reports whether the consultation no longer holds the dossier at now: answered, or
// past its deadline where silence means consent.
func (c Consultation) Settled(now time.Time) bool {
	return !c.Answered.IsZero() || c.SilenceMeansConsent && now.After(c.Deadline)
}

// Consent reports whether the consulted agency agreed at now, explicitly or by silence.
func (c Consultation) Consent(now time.Time) bool {
	if !c.Answered.IsZero() {
		return c.Agree
	}
	return c.SilenceMeansConsent && now.After(c.Deadline)
}

// ConsultRequest asks an agency for its opinion within a time limit.
//
// When the dossier's route has a consult step for the agency that declares the consultation
// (routing.Step.Consult, e.g. the construction permit's 12 days with silence meaning
// consent), the route decides: Limit and SilenceMeansConsent are ignored unless Override is
// set, and Limit may be left zero. Otherwise the request says both, and Limit is required.
type ConsultRequest struct {
	Agency              string         `json:"agency"`                          // QCVN 102 code of the agency consulted
	Subject             string         `json:"subject"`                         // what is asked; at most dossier.MaxReasonLen characters
	Limit               calendar.Limit `json:"limit"`                           // time to answer, e.g. 12 calendar days
	SilenceMeansConsent bool           `json:"silence_means_consent,omitempty"` // no answer by the deadline counts as agreement
	// Override makes Limit and SilenceMeansConsent replace what the route declares (a
	// sector rule the route data does not know yet); Limit is then required.
	Override bool `json:"override,omitempty"`
}

// Consult records that the agency holding the dossier asks another agency for its opinion,
// with the time limit and the silence rule the route declares for that agency, or those of
// the request (see ConsultRequest).
func (o *Office) Consult(ctx context.Context, officer dossier.Actor, code string, req ConsultRequest) (Consultation, error) {
	if err := o.checkActor(officer, dossier.RoleOfficer); err != nil {
		return Consultation{}, err
	}
	if !dossier.ValidUnitCode(req.Agency) {
		return Consultation{}, &FieldError{Field: "ConsultRequest.Agency", Value: req.Agency, Err: ErrInvalid}
	}
	if err := checkTextLines(req.Subject, dossier.MaxReasonLen, true); err != nil {
		return Consultation{}, &FieldError{Field: "ConsultRequest.Subject", Err: err}
	}
	validLimit := req.Limit.N > 0 && req.Limit.Unit.Valid()
	if req.Limit != (calendar.Limit{}) && !validLimit {
		return Consultation{}, &FieldError{Field: "ConsultRequest.Limit", Value: strconv.Itoa(req.Limit.N), Err: ErrInvalid}
	}
	var made Consultation
	_, err := o.exec(ctx, code, officer, func(rec *Record, now time.Time) (string, error) {
		limit, silence := req.Limit, req.SilenceMeansConsent
		if c, ok := o.declared(*rec, req.Agency); ok && !req.Override {
			limit, silence = c.Limit, c.SilenceMeansConsent
		} else if !validLimit {
			return "", &FieldError{Field: "ConsultRequest.Limit", Value: strconv.Itoa(req.Limit.N), Err: ErrInvalid}
		}
		if _, ok := rec.Dossier.Holder(); !ok || rec.Dossier.State != dossier.InProcess {
			return "", &dossier.TransitionError{Command: dossier.Handoff, State: rec.Dossier.State, Role: officer.Role, Err: dossier.ErrNotAllowed}
		}
		if _, ok := rec.Dossier.Holds(officer.Agency); !ok {
			return "", &FieldError{Field: "Actor.Agency", Value: officer.Agency, Err: ErrWrongActor}
		}
		made = Consultation{ID: len(rec.Consultations) + 1, By: officer.Agency, Agency: req.Agency, Subject: req.Subject,
			Asked: now, Deadline: o.cal.Due(now, limit), SilenceMeansConsent: silence}
		rec.Consultations = append(rec.Consultations, made)
		return "", nil
	})
	if err != nil {
		return Consultation{}, err
	}
	return made, nil
}

// declared returns the consultation that the record's route declares for a consult step of
// agency.
func (o *Office) declared(rec Record, agency string) (routing.ConsultTerms, bool) {
	if rec.Route == "" && rec.Schedule == nil {
		return routing.ConsultTerms{}, false
	}
	s := o.schedule(rec, rec.Dossier)
	if s == nil {
		return routing.ConsultTerms{}, false
	}
	for _, st := range s.Steps {
		if st.Task == routing.Consult && st.Agency.String() == agency && st.Consult != (routing.ConsultTerms{}) {
			return st.Consult, true
		}
	}
	return routing.ConsultTerms{}, false
}

// Answer records the consulted agency's opinion on consultation id. Once processing has
// ended (a result or refusal, a withdrawal, a closing) the answer is refused with ErrClosed
// and nothing changes.
func (o *Office) Answer(ctx context.Context, officer dossier.Actor, code string, id int, agree bool, note string) (Consultation, error) {
	if err := o.checkActor(officer, dossier.RoleOfficer); err != nil {
		return Consultation{}, err
	}
	if err := checkTextLines(note, dossier.MaxReasonLen, true); err != nil {
		return Consultation{}, &FieldError{Field: "Note", Err: err}
	}
	var got Consultation
	_, err := o.exec(ctx, code, officer, func(rec *Record, now time.Time) (string, error) {
		if id < 1 || id > len(rec.Consultations) {
			return "", &FieldError{Field: "Consultation", Value: strconv.Itoa(id), Err: ErrUnknownConsultation}
		}
		if !open(rec.Dossier.State) {
			// Processing has ended (result, refusal, withdrawal, closing): no opinion is
			// asked any more, and a late answer changes nothing.
			return "", codeError(rec.Code, ErrClosed)
		}
		c := &rec.Consultations[id-1]
		if c.Agency != officer.Agency {
			return "", &FieldError{Field: "Actor.Agency", Value: officer.Agency, Err: ErrWrongActor}
		}
		if !c.Answered.IsZero() {
			return "", &FieldError{Field: "Consultation", Value: strconv.Itoa(id), Err: ErrAnswered}
		}
		c.Answered, c.Agree, c.Note = now, agree, note
		got = *c
		return "", nil
	})
	if err != nil {
		return Consultation{}, err
	}
	return got, nil
}

// pendingConsultation refuses to move on while a consultation asked by agency is unsettled.
func pendingConsultation(rec *Record, agency string, now time.Time) error {
	for _, c := range rec.Consultations {
		if c.By == agency && !c.Settled(now) {
			return &FieldError{Field: "Consultation", Value: strconv.Itoa(c.ID) + " (" + c.Agency + ")", Err: ErrConsultationPending}
		}
	}
	return nil
}
