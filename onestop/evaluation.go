package onestop

import (
	"context"
	"strconv"
	"time"

	"github.com/motcua-go/motcua/dossier"
)

// Assessment is the applicant's evaluation of the handling of a dossier on the nine items of
// Decree 118/2025 Art. 33(1). Each rated item is a Rating (NotRated: not answered); the
// counts are as the applicant gives them.
type Assessment struct {
	Time        Rating `json:"time"`                // (a) time to the result compared with the time limit
	Agencies    uint8  `json:"agencies"`            // (b) agencies, units or organisations contacted to complete the dossier
	Contacts    uint8  `json:"contacts"`            // (c) times the applicant contacted the receiving desk to complete it
	Information Rating `json:"information"`         // (d) accuracy, completeness and timeliness of the published information
	Attitude    Rating `json:"attitude"`            // (đ) the staff's conduct
	Lawfulness  Rating `json:"lawfulness"`          // (e) lawfulness of the result and of the costs
	ExtraCosts  bool   `json:"extra_costs"`         // (e) costs outside those the law sets were asked for
	Complaints  Rating `json:"complaints"`          // (g) time and quality of the answers to feedback and complaints
	Online      Rating `json:"online"`              // (h) progress and quality of the online public service
	Other       Rating `json:"other"`               // (i) other
	Note        string `json:"note,omitempty"`      // (i) the applicant's words on other matters, at most dossier.MaxReasonLen characters
	Complaint   bool   `json:"complaint,omitempty"` // a complaint or denunciation was lodged about the handling
	// Channel is how the assessment was collected (Art. 31(1): a form, the desk's device,
	// the portal, …), in the embedder's words, at most dossier.MaxReferenceLen characters.
	Channel  string `json:"channel,omitempty"`
	Assessed int64  `json:"assessed,omitempty"` // when it was given (Unix seconds), set by the Office
}

// ratings lists the rated items with their field names.
func (a *Assessment) ratings() [7]struct {
	name string
	r    Rating
} {
	return [7]struct {
		name string
		r    Rating
	}{{"Time", a.Time}, {"Information", a.Information}, {"Attitude", a.Attitude}, {"Lawfulness", a.Lawfulness},
		{"Complaints", a.Complaints}, {"Online", a.Online}, {"Other", a.Other}}
}

// Overall is the rating the Office keeps in the dossier's summary (Summary.Rating), on which
// the satisfaction indicator is computed: Dissatisfied if any item is, or if costs outside
// the law were asked for (item e); else Acceptable if any item is; else Satisfied if any
// item is rated; NotRated when none is. No text weighs the items (Art. 33 gives none): the
// worst answer decides, so that no complaint is averaged away.
func (a Assessment) Overall() Rating {
	worst := NotRated
	for _, it := range a.ratings() {
		if it.r > worst {
			worst = it.r
		}
	}
	if a.ExtraCosts {
		worst = Dissatisfied
	}
	return worst
}

// Assess records the applicant's evaluation of a dossier that has a result on the nine items
// of Decree 118/2025 Art. 33(1) (a later one replaces an earlier one). The summary keeps its
// overall rating (Assessment.Overall), the agencies contacted (item b) and the complaint,
// which Rate also sets; the whole assessment is kept in the record (Record.Assessment).
func (o *Office) Assess(ctx context.Context, applicant dossier.Actor, code string, a Assessment) error {
	if err := o.checkActor(applicant, dossier.RoleApplicant, dossier.RoleClerk); err != nil {
		return err
	}
	for _, it := range a.ratings() {
		if it.r > Dissatisfied {
			return &FieldError{Field: "Assessment." + it.name, Value: strconv.Itoa(int(it.r)), Err: ErrInvalid}
		}
	}
	if err := checkTextLines(a.Note, dossier.MaxReasonLen, true); err != nil {
		return &FieldError{Field: "Assessment.Note", Err: err}
	}
	if err := checkText(a.Channel, dossier.MaxReferenceLen); err != nil {
		return &FieldError{Field: "Assessment.Channel", Err: err}
	}
	_, err := o.exec(ctx, code, applicant, func(rec *Record, now time.Time) (string, error) {
		switch rec.Dossier.State {
		case dossier.Resolved, dossier.Refused, dossier.Returned, dossier.Correction:
		default:
			return "", codeError(rec.Code, ErrNoResult)
		}
		a.Assessed = Unix(now)
		rec.Assessment = &a
		rec.Summary.Rating, rec.Summary.Contacts, rec.Summary.Complaint = a.Overall(), a.Agencies, a.Complaint
		return "", nil
	})
	return err
}

// Criterion is one criterion of Decree 118/2025 Art. 32(1) as far as the log can compute it.
type Criterion struct {
	// Computed is false when the log does not record what the criterion needs; Percent is
	// then 0 and Basis says why.
	Computed bool    `json:"computed"`
	Percent  float64 `json:"percent"`
	Of       int     `json:"of"`    // dossiers the percentage is of
	Basis    string  `json:"basis"` // what was counted, in English
}

// Evaluation is the competent agencies' evaluation of a period on the criteria of Decree
// 118/2025 Art. 32(1), computed from the report's summaries. The decree names the criteria
// but gives no formula or weight (Art. 32; Decision 766/QĐ-TTg's indicators are the only
// known method, and are used where they apply).
type Evaluation struct {
	From time.Time `json:"from"`
	To   time.Time `json:"to"`
	// Publicity is (a), publicity and transparency: not computed (the log records no
	// publication).
	Publicity Criterion `json:"publicity"`
	// Progress is (b), progress and results: the share of the dossiers resolved early or on
	// time among those resolved in the period (Biểu 06), and OnTime the Decision 766 rate.
	Progress Criterion `json:"progress"`
	OnTime   Criterion `json:"on_time"`
	// Digitisation is (c): not computed (the log records no digitised document, Art. 19(2)).
	Digitisation Criterion `json:"digitisation"`
	// Online is (d), online service: the share of the dossiers received in the period that
	// were submitted online.
	Online Criterion `json:"online"`
	// Satisfaction is (đ): the share of the rated dossiers rated satisfied or acceptable
	// (Rate, Assess), and Index the Decision 766 satisfaction indicator.
	Satisfaction Criterion `json:"satisfaction"`
	Index        Criterion `json:"satisfaction_index"`
	// Corrections is among (e), other criteria: the share of the resolved dossiers whose
	// result was sent back for correction (Art. 23(1)); lower is better.
	Corrections Criterion `json:"corrections"`
}

// Evaluation computes the criteria of Decree 118/2025 Art. 32(1) the report's figures allow.
func (r Report) Evaluation() Evaluation {
	pct := func(n, of int, basis string) Criterion {
		c := Criterion{Computed: true, Of: of, Basis: basis}
		if of > 0 {
			c.Percent = 100 * float64(n) / float64(of)
		}
		return c
	}
	t := r.Total
	sat := r.Satisfaction
	newlyReceived := t.ReceivedOnline + t.ReceivedCounter
	return Evaluation{
		From: r.From, To: r.To,
		Publicity:    Criterion{Basis: "not recorded in the dossiers' log"},
		Progress:     pct(t.Early+t.OnTime, t.Resolved, "resolved early or on time, of resolved (Biểu 06)"),
		OnTime:       Criterion{Computed: true, Percent: r.OnTime.Percent(), Of: r.OnTime.Total, Basis: "Decision 766/QĐ-TTg on-time rate"},
		Digitisation: Criterion{Basis: "no digitised document is recorded in the dossiers' log"},
		Online:       pct(t.ReceivedOnline, newlyReceived, "received online, of received in the period"),
		Satisfaction: pct(sat.Satisfied+sat.Acceptable, sat.Rated, "rated satisfied or acceptable, of rated"),
		Index:        Criterion{Computed: true, Percent: sat.Percent(), Of: sat.Total, Basis: "Decision 766/QĐ-TTg satisfaction indicator"},
		Corrections:  pct(t.Corrected, t.Resolved, "results sent back for correction, of resolved (Art. 23(1))"),
	}
}

// Evaluate is Report(ctx, from, to, opts).Evaluation(): the criteria of Decree 118/2025 Art.
// 32(1) for the period [from, to).
func (o *Office) Evaluate(ctx context.Context, from, to time.Time, opts ReportOptions) (Evaluation, error) {
	r, err := o.Report(ctx, from, to, opts)
	if err != nil {
		return Evaluation{}, err
	}
	return r.Evaluation(), nil
}
