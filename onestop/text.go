package onestop

import "strconv"

// The names by which JSON writes this package's enumerations (snake_case, as the catalog
// writes its own).
var (
	outcomeText  = [...]string{OutcomeOpen: "open", OutcomeResolved: "resolved", OutcomeRefused: "refused", OutcomeWithdrawn: "withdrawn", OutcomeClosed: "closed"}
	ratingText   = [...]string{NotRated: "not_rated", Satisfied: "satisfied", Acceptable: "acceptable", Dissatisfied: "dissatisfied"}
	alertText    = [...]string{AtRisk: "at_risk", ApologyDue: "apology_due", Overdue: "overdue", CloseDue: "close_due"}
	decisionText = [...]string{DecisionReceive: "receive", DecisionSupplement: "supplement", DecisionRefuse: "refuse"}
)

// textOf returns the name of value i, or a *FieldError naming the field.
func textOf(names []string, i int, field string) ([]byte, error) {
	if i < 0 || i >= len(names) || names[i] == "" {
		return nil, &FieldError{Field: field, Value: strconv.Itoa(i), Err: ErrInvalid}
	}
	return []byte(names[i]), nil
}

// valueOf returns the value named b, or a *FieldError naming the field.
func valueOf(names []string, b []byte, field string) (int, error) {
	for i, n := range names {
		if n != "" && n == string(b) {
			return i, nil
		}
	}
	return 0, &FieldError{Field: field, Value: string(b), Err: ErrInvalid}
}

// MarshalText writes the outcome by name: "open", "resolved", "refused" or "withdrawn".
func (o Outcome) MarshalText() ([]byte, error) { return textOf(outcomeText[:], int(o), "outcome") }

// UnmarshalText reads an outcome name MarshalText writes.
func (o *Outcome) UnmarshalText(b []byte) error {
	i, err := valueOf(outcomeText[:], b, "outcome")
	*o = Outcome(i)
	return err
}

// MarshalText writes the rating by name: "not_rated", "satisfied", "acceptable" or
// "dissatisfied".
func (r Rating) MarshalText() ([]byte, error) { return textOf(ratingText[:], int(r), "rating") }

// UnmarshalText reads a rating name MarshalText writes.
func (r *Rating) UnmarshalText(b []byte) error {
	i, err := valueOf(ratingText[:], b, "rating")
	*r = Rating(i)
	return err
}

// MarshalText writes the kind by name: "at_risk", "apology_due" or "overdue".
func (k AlertKind) MarshalText() ([]byte, error) { return textOf(alertText[:], int(k), "kind") }

// UnmarshalText reads a kind name MarshalText writes.
func (k *AlertKind) UnmarshalText(b []byte) error {
	i, err := valueOf(alertText[:], b, "kind")
	*k = AlertKind(i)
	return err
}

// MarshalText writes the decision by name: "receive", "supplement" or "refuse".
func (d Decision) MarshalText() ([]byte, error) { return textOf(decisionText[:], int(d), "decision") }

// UnmarshalText reads a decision name MarshalText writes.
func (d *Decision) UnmarshalText(b []byte) error {
	i, err := valueOf(decisionText[:], b, "decision")
	*d = Decision(i)
	return err
}
