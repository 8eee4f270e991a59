package onestop

import "time"

// Outcome is how a dossier's processing ended, for reports.
type Outcome uint8

// Outcomes.
const (
	OutcomeOpen      Outcome = iota // still being processed (or waiting for the applicant)
	OutcomeResolved                 // result ready or returned (national codes 9, 10)
	OutcomeRefused                  // refused after appraisal (Mẫu 03); a decision, counted as resolved
	OutcomeWithdrawn                // withdrawn at the applicant's request or stopped (codes 7, 8)
	// OutcomeClosed: closed by the desk because the supplement did not come (đóng hồ sơ,
	// Decree 118/2025 Art. 19(5); national code 8, Dừng xử lý). Biểu 06 counts it as a
	// stopped dossier, like OutcomeWithdrawn (ReportOptions.Withdrawn), judged when the wait
	// for the supplement began (Summary.WaitingSince), as dossier.Dossier.Overdue judges it.
	OutcomeClosed
)

// String returns the outcome in English.
func (o Outcome) String() string {
	switch o {
	case OutcomeOpen:
		return "open"
	case OutcomeResolved:
		return "resolved"
	case OutcomeRefused:
		return "refused"
	case OutcomeWithdrawn:
		return "withdrawn"
	case OutcomeClosed:
		return "closed"
	}
	return "unknown"
}

// Rating is an applicant's satisfaction with the handling of a dossier (đánh giá mức độ hài lòng).
type Rating uint8

// Ratings.
const (
	NotRated     Rating = iota
	Satisfied           // hài lòng
	Acceptable          // chấp nhận được
	Dissatisfied        // không hài lòng
)

// String returns the rating in English.
func (r Rating) String() string {
	switch r {
	case NotRated:
		return "not rated"
	case Satisfied:
		return "satisfied"
	case Acceptable:
		return "acceptable"
	case Dissatisfied:
		return "dissatisfied"
	}
	return "unknown"
}

// Summary is the compact per-dossier record that reports and indices are computed from. The
// Office keeps one for every accepted dossier; embedders with their own database can build them
// from their rows. Times are Unix seconds; 0 means "not yet".
type Summary struct {
	Code   string `json:"code"`   // dossier code in its stored form (Record.Code)
	Level  string `json:"level"`  // level of the competent agency (e.g. "province", "commune")
	Field  string `json:"field"`  // field (lĩnh vực) code of the procedure
	Agency string `json:"agency"` // competent (processing) agency code

	Received    int64 `json:"received"`           // official reception (acceptance) time
	OriginalDue int64 `json:"original_due"`       // first appointment (Mẫu 01)
	Due         int64 `json:"due"`                // current appointment (after the one re-appointment, if any)
	End         int64 `json:"end,omitempty"`      // end of processing: result ready, refusal, withdrawal or closing
	Returned    int64 `json:"returned,omitempty"` // result handed over to the applicant

	WaitingSince  int64 `json:"waiting_since,omitempty"`  // start of a supplement request still unanswered
	ApplicantTime int64 `json:"applicant_time,omitempty"` // seconds spent waiting for the applicant in answered supplement rounds

	Online      bool    `json:"online,omitempty"`      // received online (else at the counter or by post)
	Outcome     Outcome `json:"outcome"`               // how processing ended
	Supplements uint8   `json:"supplements,omitempty"` // supplement requests after acceptance (Mẫu 02 during processing)
	Contacts    uint8   `json:"contacts,omitempty"`    // agencies other than the one-stop the applicant had to contact
	StepScore   int8    `json:"step_score"`            // Circular 01/2018 index 2 (0–2), or -1 when not scored
	Rating      Rating  `json:"rating"`                // satisfaction rating
	Complaint   bool    `json:"complaint,omitempty"`   // the applicant lodged a complaint about the handling
	// Corrections counts the times the desk sent the result back to the agency to correct
	// an error found by the applicant (Decree 118/2025 Art. 23(1)); CorrectionsLate those of
	// them the agency returned after its 3 working days (dossier.Policy.CorrectionLimit).
	Corrections     uint8 `json:"corrections,omitempty"`
	CorrectionsLate uint8 `json:"corrections_late,omitempty"`
}

// Unix converts t to the Unix seconds used in Summary; the zero time becomes 0.
func Unix(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.Unix()
}

const zoneOffset = 7 * 3600

// vnDay returns the day number of a Unix time in UTC+7.
func vnDay(sec int64) int64 {
	s := sec + zoneOffset
	if s < 0 {
		return (s - 86399) / 86400
	}
	return s / 86400
}
