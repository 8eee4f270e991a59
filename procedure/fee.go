package procedure

import (
	"time"

	"github.com/rickb777/date/v2"

	"github.com/shopspring/decimal"
)

// FeeQuery describes the applicant and dossier a fee is computed for.
type FeeQuery struct {
	// Case is the case ID; "" for the general case.
	Case string
	// Channel is the submission channel; the online reduction applies to Online only.
	Channel Channel
	// At is the submission time; its date in Vietnam decides whether a reduction is valid.
	// It is required for an online dossier whose fees have an online reduction: a zero At is
	// then an error (ErrMissingInput), never a silent choice of the full fee.
	At time.Time
	// Categories are the applicant's categories, matched against fee exemptions.
	Categories []string
	// Quantities gives the number of units for each per-unit fee, by fee ID.
	Quantities map[string]int64
	// DeclaredValue is the value a percent fee is computed on; it must be positive.
	DeclaredValue decimal.Decimal
}

// FeeLine is one fee of a breakdown.
type FeeLine struct {
	// ID, Name and Kind are those of the fee.
	ID   string
	Name string
	Kind FeeKind
	// Base is the amount before exemption and reduction, after the Min/Max bounds.
	Base decimal.Decimal
	// Exempt is the applicant category that exempts the fee; empty if none.
	Exempt string
	// Reduction is the online reduction taken off Base.
	Reduction decimal.Decimal
	// Amount is the amount due: Base − Reduction (0 when exempt), rounded half away from zero
	// to whole đồng.
	Amount decimal.Decimal
}

// FeeBreakdown is the itemised amount due.
type FeeBreakdown struct {
	// Lines are the fees in the order of the procedure or case.
	Lines []FeeLine
	// Total is the sum of the lines' rounded amounts, in whole đồng.
	Total decimal.Decimal
}

// AmountDue computes the fees due for a dossier: the case's fees if it lists any, else the
// procedure's. For each fee: the base amount (fixed; amount × quantity; rate % of the declared
// value), bounded by Min and Max; nothing if the applicant is in an exempt category; less the
// online reduction when submitted online within its validity dates; rounded to whole đồng.
// Percentages are applied exactly (no division, so no decimal precision setting changes a
// result).
//
// An exempt fee needs no input: its Base is computed when its quantity or the declared value is
// given, and is zero otherwise. A negative quantity or declared value is rejected for every fee
// it applies to, exempt or not. A zero q.At is refused for an online dossier with a fee that
// has an online reduction, whose validity depends on the day. The error is a *UseError wrapping ErrUnknownCase,
// ErrMissingInput, ErrNegativeInput, or ErrNilProcedure for a nil p.
func (p *Procedure) AmountDue(q FeeQuery) (FeeBreakdown, error) {
	if p == nil {
		return FeeBreakdown{}, &UseError{What: "fees", Err: ErrNilProcedure}
	}
	fees := p.Fees
	if q.Case != "" {
		c, ok := p.Case(q.Case)
		if !ok {
			return FeeBreakdown{}, &UseError{Code: p.Code, What: q.Case, Err: ErrUnknownCase}
		}
		if len(c.Fees) > 0 {
			fees = c.Fees
		}
	}
	out := FeeBreakdown{Lines: make([]FeeLine, 0, len(fees)), Total: decimal.Zero}
	d := day(q.At)
	for i := range fees {
		f := &fees[i]
		cat, isExempt := exempt(f.Exemptions, q.Categories)
		base, given := decimal.Zero, true
		switch f.Kind {
		case FixedFee:
			base = f.Amount
		case PerUnitFee:
			n, ok := q.Quantities[f.ID]
			switch {
			case ok && n < 0:
				return FeeBreakdown{}, &UseError{Code: p.Code, What: f.ID + quantityInput, Err: ErrNegativeInput}
			case !ok && !isExempt:
				return FeeBreakdown{}, &UseError{Code: p.Code, What: f.ID + quantityInput, Err: ErrMissingInput}
			}
			given = ok
			base = f.Amount.Mul(decimal.NewFromInt(n))
		case PercentFee:
			switch s := q.DeclaredValue.Sign(); {
			case s < 0:
				return FeeBreakdown{}, &UseError{Code: p.Code, What: f.ID + declaredValueInput, Err: ErrNegativeInput}
			case wild(q.DeclaredValue):
				return FeeBreakdown{}, &UseError{Code: p.Code, What: f.ID + declaredValueInput, Err: ErrInputRange}
			case s == 0 && !isExempt:
				return FeeBreakdown{}, &UseError{Code: p.Code, What: f.ID + declaredValueInput, Err: ErrMissingInput}
			}
			given = q.DeclaredValue.Sign() > 0
			base = percent(q.DeclaredValue, f.Rate)
		}
		if given {
			if f.Min.Sign() > 0 && base.LessThan(f.Min) {
				base = f.Min
			}
			if f.Max.Sign() > 0 && base.GreaterThan(f.Max) {
				base = f.Max
			}
		}
		line := FeeLine{ID: f.ID, Name: f.Name, Kind: f.Kind, Base: base, Reduction: decimal.Zero}
		if isExempt {
			line.Exempt = cat
			line.Amount = decimal.Zero
		} else {
			net := base
			if r := f.OnlineReduction; r != nil && q.Channel == Online && q.At.IsZero() {
				return FeeBreakdown{}, &UseError{Code: p.Code, What: f.ID + submissionTimeInput, Err: ErrMissingInput}
			}
			if r := f.OnlineReduction; r != nil && q.Channel == Online && d >= date.Date(r.From) && (r.To == 0 || d <= date.Date(r.To)) {
				line.Reduction = percent(base, r.Percent)
				net = base.Sub(line.Reduction)
			}
			line.Amount = net.Round(0)
		}
		out.Lines = append(out.Lines, line)
		out.Total = out.Total.Add(line.Amount)
	}
	return out, nil
}

// percent returns rate % of v exactly: the product shifted two places, without a division.
func percent(v, rate decimal.Decimal) decimal.Decimal { return v.Mul(rate).Shift(-2) }

func exempt(exemptions, categories []string) (string, bool) {
	for _, c := range categories {
		for _, e := range exemptions {
			if c == e {
				return c, true
			}
		}
	}
	return "", false
}
