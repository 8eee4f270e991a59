package procedure

import (
	"slices"
	"time"

	"github.com/rickb777/date/v2"

	"github.com/shopspring/decimal"
)

// FeeQuery describes the applicant and dossier a fee is computed for.
type FeeQuery struct {
	// Case is the case ID; "" for the general case.
	Case string
	// Channel is the submission channel. The online reduction applies to Online only; a fee
	// limited to some channels (Fee.Channels) needs it.
	Channel Channel
	// At is the submission time; its date in Vietnam decides whether a reduction is valid.
	// It is required for an online dossier whose fees have an online reduction: a zero At is
	// then an error (ErrMissingInput), never a silent choice of the full fee.
	At time.Time
	// Categories are the applicant's categories, matched against fee exemptions.
	Categories []string
	// Quantities gives the number of units for each per-unit fee, by fee ID (for a fee
	// charged per copy, the units of one copy, e.g. the pages of the original).
	Quantities map[string]int64
	// Copies gives the number of copies of each fee charged per copy (Fee.PerCopy), by fee
	// ID; 1 when not given.
	Copies map[string]int64
	// DeclaredValue is the value a percent fee is computed on; it must be positive.
	DeclaredValue decimal.Decimal
}

// FeeLine is one fee of a breakdown.
type FeeLine struct {
	// ID, Name and Kind are those of the fee.
	ID   string
	Name string
	Kind FeeKind
	// Currency is the fee's Currency: "" for đồng, or another ISO 4217 code.
	Currency string
	// Unknown is set for a fee whose amount the catalog does not know (kinds council and
	// unpublished): it is due, but not free; Base and Amount are zero and it is in no total.
	Unknown bool
	// Copies is the number of copies a fee charged per copy was computed for; 0 for other fees.
	Copies int64
	// Base is the amount before exemption and reduction, after the Min/Max bounds (for a fee
	// charged per copy: the bounded amount of one copy times Copies).
	Base decimal.Decimal
	// Exempt is the applicant category that exempts the fee; empty if none.
	Exempt string
	// Reduction is the online reduction taken off Base.
	Reduction decimal.Decimal
	// Amount is the amount due: Base − Reduction (0 when exempt), rounded half away from zero
	// to whole đồng (to cents for another currency).
	Amount decimal.Decimal
}

// FeeBreakdown is the itemised amount due.
type FeeBreakdown struct {
	// Lines are the fees that apply to the channel, in the order of the procedure or case.
	Lines []FeeLine
	// Total is the sum of the rounded amounts of the lines in đồng.
	Total decimal.Decimal
	// Other holds the totals of the lines in other currencies, by ISO 4217 code; nil when
	// every fee is in đồng.
	Other map[string]decimal.Decimal
	// Incomplete is set when a line is Unknown: the totals are then not all that is due.
	Incomplete bool
}

// AmountDue computes the fees due for a dossier: the case's fees if it lists any, else the
// procedure's, less those limited to other channels. For each fee: the base amount (fixed;
// amount × quantity, or the sum of its tiers; rate % of the declared value), bounded by Min and
// Max (per copy, then times the copies, for a fee charged per copy); nothing if the applicant
// is in an exempt category; less the online reduction when submitted online within its
// validity dates; rounded to whole đồng (cents in another currency). A fee of kind council or
// unpublished is listed as Unknown and the breakdown is Incomplete. Percentages are applied
// exactly (no division, so no decimal precision setting changes a result).
//
// An exempt fee needs no input: its Base is computed when its quantity or the declared value is
// given, and is zero otherwise. A negative quantity, number of copies or declared value is
// rejected for every fee it applies to, exempt or not. A zero q.At is refused for an online
// dossier with a fee that has an online reduction, whose validity depends on the day, and a
// zero q.Channel when a fee is limited to some channels. The error is a *UseError wrapping
// ErrUnknownCase, ErrMissingInput, ErrNegativeInput, ErrInputRange, or ErrNilProcedure for a
// nil p.
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
		if len(f.Channels) > 0 {
			if !q.Channel.Valid() {
				return FeeBreakdown{}, &UseError{Code: p.Code, What: f.ID + channelInput, Err: ErrMissingInput}
			}
			if !slices.Contains(f.Channels, q.Channel) {
				continue
			}
		}
		line := FeeLine{ID: f.ID, Name: f.Name, Kind: f.Kind, Currency: f.Currency,
			Base: decimal.Zero, Reduction: decimal.Zero, Amount: decimal.Zero}
		if !feeComputed(f.Kind) {
			line.Unknown = true
			out.Incomplete = true
			out.Lines = append(out.Lines, line)
			continue
		}
		cat, isExempt := exempt(f.Exemptions, q.Categories)
		base, err := p.base(f, q, isExempt)
		if err != nil {
			return FeeBreakdown{}, err
		}
		if f.PerCopy {
			n, ok := q.Copies[f.ID]
			switch {
			case ok && n < 0:
				return FeeBreakdown{}, &UseError{Code: p.Code, What: f.ID + copiesInput, Err: ErrNegativeInput}
			case !ok:
				n = 1
			}
			line.Copies = n
			base = base.Mul(decimal.NewFromInt(n))
		}
		line.Base = base
		if isExempt {
			line.Exempt = cat
		} else {
			net := base
			if r := f.OnlineReduction; r != nil && q.Channel == Online {
				if q.At.IsZero() {
					return FeeBreakdown{}, &UseError{Code: p.Code, What: f.ID + submissionTimeInput, Err: ErrMissingInput}
				}
				if d >= date.Date(r.From) && (r.To == 0 || d <= date.Date(r.To)) {
					line.Reduction = percent(base, r.Percent)
					net = base.Sub(line.Reduction)
				}
			}
			places := int32(0)
			if currency(f) != "VND" {
				places = 2
			}
			line.Amount = net.Round(places)
		}
		out.Lines = append(out.Lines, line)
		if cur := currency(f); cur == "VND" {
			out.Total = out.Total.Add(line.Amount)
		} else {
			if out.Other == nil {
				out.Other = make(map[string]decimal.Decimal)
			}
			out.Other[cur] = out.Other[cur].Add(line.Amount)
		}
	}
	return out, nil
}

// base returns the amount of fee f for one copy, bounded by its Min and Max.
func (p *Procedure) base(f *Fee, q FeeQuery, isExempt bool) (decimal.Decimal, error) {
	base, given := decimal.Zero, true
	switch f.Kind {
	case FixedFee:
		base = f.Amount
	case PerUnitFee:
		n, ok := q.Quantities[f.ID]
		switch {
		case ok && n < 0:
			return base, &UseError{Code: p.Code, What: f.ID + quantityInput, Err: ErrNegativeInput}
		case !ok && !isExempt:
			return base, &UseError{Code: p.Code, What: f.ID + quantityInput, Err: ErrMissingInput}
		}
		given = ok
		base = tiered(f, n)
	case PercentFee:
		switch s := q.DeclaredValue.Sign(); {
		case s < 0:
			return base, &UseError{Code: p.Code, What: f.ID + declaredValueInput, Err: ErrNegativeInput}
		case wild(q.DeclaredValue):
			return base, &UseError{Code: p.Code, What: f.ID + declaredValueInput, Err: ErrInputRange}
		case s == 0 && !isExempt:
			return base, &UseError{Code: p.Code, What: f.ID + declaredValueInput, Err: ErrMissingInput}
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
	return base, nil
}

// tiered returns the amount of n units of a per-unit fee: Amount each, or by its tiers.
func tiered(f *Fee, n int64) decimal.Decimal {
	if len(f.Tiers) == 0 {
		return f.Amount.Mul(decimal.NewFromInt(n))
	}
	sum, done := decimal.Zero, int64(0)
	for _, t := range f.Tiers {
		if done >= n {
			break
		}
		k := n - done
		if t.UpTo > 0 {
			k = min(k, t.UpTo-done)
		}
		if k <= 0 {
			continue
		}
		sum = sum.Add(t.Amount.Mul(decimal.NewFromInt(k)))
		done += k
	}
	return sum
}

// currency returns the fee's currency code, "VND" when not given.
func currency(f *Fee) string {
	if f.Currency == "" {
		return "VND"
	}
	return f.Currency
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
