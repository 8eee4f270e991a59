package procedure

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"github.com/motcua-go/motcua/calendar"
	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"
)

// LoadOptions relaxes or adjusts catalog validation (see the package doc for the rules). The
// zero value gives the default rules.
type LoadOptions struct {
	// AllowDistrictLevel accepts district-level versions in force after the two-level reform.
	AllowDistrictLevel bool
	// LastDistrictDay is the last day a district-level version may be in force; zero means
	// 2025-06-30 (district level abolished from 2025-07-01).
	LastDistrictDay Date
}

func (p LoadOptions) lastDistrictDay() Date {
	if p.LastDistrictDay != 0 {
		return p.LastDistrictDay
	}
	return Date(date.New(2025, 6, 30))
}

// origin locates a procedure or group in the input.
type origin struct {
	file  string
	index int
}

func (o origin) path(kind string) string { return kind + "[" + strconv.Itoa(o.index) + "]" }

func (o origin) String(kind string) string {
	if o.file != "" {
		return o.file + ": " + o.path(kind)
	}
	return o.path(kind)
}

var dec100 = decimal.NewFromInt(100)

// checkProcedure applies the cross-field rules to one procedure at path at of file f.
func checkProcedure(p *Procedure, f, at string, pol LoadOptions, out []Problem) []Problem {
	if p.EffectiveTo != 0 && p.EffectiveFrom != 0 && p.EffectiveTo < p.EffectiveFrom {
		out = append(out, problem(f, at+".effective_to", "date_range", at+".effective_from", p.EffectiveFrom.String()))
	}
	if !pol.AllowDistrictLevel && containsLevel(p.Levels, District) {
		last := pol.lastDistrictDay()
		if p.EffectiveTo == 0 || p.EffectiveTo > last {
			out = append(out, problem(f, at+".levels", "district_abolished", (last+1).String(), last.String()))
		}
	}
	var base [3]*limitInfo
	offered := false
	for i, ch := range channels {
		l := p.Limits.channel(ch)
		if l == nil {
			continue
		}
		offered = true
		lp := at + ".limits." + ch.String()
		if l.Unpublished {
			out = checkUnpublished(l, f, lp, out)
			continue
		}
		var ok bool
		base[i], ok = &limitInfo{pub: l}, false
		out, ok = checkLimit(l, f, lp, &base[i].cal, out)
		if !ok {
			base[i] = nil
		}
	}
	if !offered {
		out = append(out, problem(f, at+".limits", "limits_empty"))
	}
	if p.Online == NotOnline && p.Limits.Online != nil {
		out = append(out, problem(f, at+".limits.online", "online_not_offered"))
	}
	if p.SameDay != nil {
		for i, ch := range channels {
			if b := base[i]; b != nil && sameDayTooLong(b) {
				en, vi := limitText(b.pub)
				out = append(out, problem(f, at+".same_day", "same_day_limit", ch.String(), en, vi))
			}
		}
	}
	caseIDs := make(map[string]struct{}, len(p.Cases))
	for j := range p.Cases {
		c := &p.Cases[j]
		cp := at + ".cases[" + strconv.Itoa(j) + "]"
		if c.ID != "" {
			if _, dup := caseIDs[c.ID]; dup {
				out = append(out, problem(f, cp+".id", "duplicate", c.ID))
			}
			caseIDs[c.ID] = struct{}{}
		}
		for _, ch := range channels {
			l := c.Limits.channel(ch)
			if l == nil {
				continue
			}
			lp := cp + ".limits." + ch.String()
			if p.Limits.channel(ch) == nil {
				out = append(out, problem(f, lp, "case_channel", ch.String()))
				continue
			}
			if l.Unpublished {
				out = checkUnpublished(l, f, lp, out)
				continue
			}
			var cl calendar.Limit
			out, _ = checkLimit(l, f, lp, &cl, out)
		}
		out = checkClock(c.Clock, f, cp, out)
		out = checkDocuments(c.Documents, f, cp, out)
		out = checkFees(c.Fees, f, cp, out)
	}
	out = checkClock(p.Clock, f, at, out)
	out = checkDocuments(p.Documents, f, at, out)
	out = checkFees(p.Fees, f, at, out)
	return out
}

// checkUnpublished checks a limit marked unpublished: it gives no value.
func checkUnpublished(l *PublishedLimit, f, lp string, out []Problem) []Problem {
	if !l.Value.IsZero() {
		out = append(out, problem(f, lp+".value", "limit_unpublished"))
	}
	return out
}

// checkClock checks the fixed lengths of a clock's pauses and that their IDs are unique.
func checkClock(c *Clock, f, at string, out []Problem) []Problem {
	if c == nil {
		return out
	}
	ids := make(map[string]struct{}, len(c.Pauses))
	for k := range c.Pauses {
		ps := &c.Pauses[k]
		pp := at + ".clock.pauses[" + strconv.Itoa(k) + "]"
		if ps.ID != "" {
			if _, dup := ids[ps.ID]; dup {
				out = append(out, problem(f, pp+".id", "duplicate", ps.ID))
			}
			ids[ps.ID] = struct{}{}
		}
		if l := ps.Length; l != nil {
			if l.Unpublished {
				out = append(out, problem(f, pp+".length", "limit_unpublished"))
				continue
			}
			var cl calendar.Limit
			out, _ = checkLimit(l, f, pp+".length", &cl, out)
		}
	}
	return out
}

type limitInfo struct {
	pub *PublishedLimit
	cal calendar.Limit
}

func sameDayTooLong(b *limitInfo) bool {
	h, ok := workingHours(b.cal)
	return !ok || h > HoursPerWorkingDay
}

func checkLimit(l *PublishedLimit, f, lp string, dst *calendar.Limit, out []Problem) ([]Problem, bool) {
	if !l.Unit.Valid() {
		return out, false // reported by the decoder
	}
	cl, err := l.Calendar()
	switch err {
	case nil:
		*dst = cl
		return out, true
	case errLimitRange:
		out = append(out, problem(f, lp+".value", "limit_range"))
	case errLimitHours:
		en, vi := limitText(l)
		out = append(out, problem(f, lp+".value", "limit_hours", en, vi))
	case errLimitInteger:
		en, vi := limitText(l)
		out = append(out, problem(f, lp+".value", "limit_integer", en, vi, l.Unit.String(), unitVi(l.Unit)))
	}
	return out, false
}

func containsLevel(ls []Level, l Level) bool {
	for _, x := range ls {
		if x == l {
			return true
		}
	}
	return false
}

// feeComputed reports whether the catalog knows how to compute a fee of kind k.
func feeComputed(k FeeKind) bool { return k == FixedFee || k == PerUnitFee || k == PercentFee }

func checkDocuments(docs []Document, f, at string, out []Problem) []Problem {
	for k := range docs {
		d := &docs[k]
		if d.Originals == 0 && d.Copies == 0 && !d.Presented {
			out = append(out, problem(f, at+".documents["+strconv.Itoa(k)+"]", "document_count"))
		}
	}
	return out
}

func checkFees(fees []Fee, f, at string, out []Problem) []Problem {
	var feeIDs map[string]struct{}
	if len(fees) > 1 {
		feeIDs = make(map[string]struct{}, len(fees))
	}
	for k := range fees {
		fe := &fees[k]
		fp := at + ".fees[" + strconv.Itoa(k) + "]"
		if fe.ID != "" && feeIDs != nil {
			if _, dup := feeIDs[fe.ID]; dup {
				out = append(out, problem(f, fp+".id", "duplicate", fe.ID))
			}
			feeIDs[fe.ID] = struct{}{}
		}
		if w, v := wildFee(fe); w != "" {
			// Comparing such a value would rescale it to millions of digits.
			out = append(out, problem(f, fp+"."+w, "decimal_range", decText(v)))
			continue
		}
		switch fe.Kind {
		case FixedFee, PerUnitFee:
			switch {
			case len(fe.Tiers) > 0 && fe.Kind == PerUnitFee:
				if !fe.Amount.IsZero() {
					out = append(out, problem(f, fp+".amount", "tiers_amount"))
				}
				out = checkTiers(fe.Tiers, f, fp, out)
			case len(fe.Tiers) > 0:
				out = append(out, problem(f, fp+".tiers", "fee_not_applicable", string(fe.Kind)))
			case fe.Amount.Sign() <= 0:
				out = append(out, problem(f, fp+".amount", "fee_positive"))
			}
			if !fe.Rate.IsZero() {
				out = append(out, problem(f, fp+".rate", "fee_not_applicable", string(fe.Kind)))
			}
		case CouncilFee, UnpublishedFee:
			for _, x := range []struct {
				key  string
				zero bool
			}{{"amount", fe.Amount.IsZero()}, {"rate", fe.Rate.IsZero()}, {"min", fe.Min.IsZero()},
				{"max", fe.Max.IsZero()}, {"tiers", len(fe.Tiers) == 0}, {"online_reduction", fe.OnlineReduction == nil}} {
				if !x.zero {
					out = append(out, problem(f, fp+"."+x.key, "fee_not_applicable", string(fe.Kind)))
				}
			}
		case PercentFee:
			if fe.Rate.Sign() <= 0 || fe.Rate.GreaterThan(dec100) {
				out = append(out, problem(f, fp+".rate", "percent_range"))
			}
			if !fe.Amount.IsZero() {
				out = append(out, problem(f, fp+".amount", "fee_not_applicable", string(fe.Kind)))
			}
			if len(fe.Tiers) > 0 {
				out = append(out, problem(f, fp+".tiers", "fee_not_applicable", string(fe.Kind)))
			}
		}
		if fe.Min.Sign() < 0 {
			out = append(out, problem(f, fp+".min", "fee_negative"))
		}
		if fe.Max.Sign() < 0 {
			out = append(out, problem(f, fp+".max", "fee_negative"))
		}
		if fe.Max.Sign() > 0 && fe.Max.LessThan(fe.Min) {
			out = append(out, problem(f, fp+".max", "fee_bounds", decText(fe.Max), decText(fe.Min)))
		}
		if r := fe.OnlineReduction; r != nil {
			rp := fp + ".online_reduction"
			if r.Percent.Sign() <= 0 || r.Percent.GreaterThan(dec100) {
				out = append(out, problem(f, rp+".percent", "percent_range"))
			}
			if r.To != 0 && r.From != 0 && r.To < r.From {
				out = append(out, problem(f, rp+".to", "date_range", rp+".from", r.From.String()))
			}
		}
	}
	return out
}

// checkTiers checks the bands of a per-unit fee at path fp: positive amounts, and bounds that
// increase, the last band open-ended.
func checkTiers(ts []Tier, f, fp string, out []Problem) []Problem {
	prev := int64(0)
	for k := range ts {
		t := &ts[k]
		tp := fp + ".tiers[" + strconv.Itoa(k) + "]"
		if t.Amount.Sign() <= 0 {
			out = append(out, problem(f, tp+".amount", "fee_positive"))
		}
		last := k == len(ts)-1
		if (last && t.UpTo != 0) || (!last && t.UpTo <= prev) {
			out = append(out, problem(f, tp+".up_to", "tier_order"))
		}
		prev = max(prev, t.UpTo)
	}
	return out
}

// Bounds on the decimals of a catalog, far beyond any published amount (đồng), rate or
// limit, yet small enough that comparing two of them stays cheap.
const (
	maxIntDigits  = 64
	maxFracDigits = 64
)

// wild reports a decimal outside those bounds.
func wild(d decimal.Decimal) bool {
	if d.IsZero() {
		return false
	}
	e := d.Exponent()
	if e < -maxFracDigits || e > maxIntDigits {
		return true
	}
	return d.Coefficient().BitLen() > 427 // maxIntDigits+maxFracDigits decimal digits
}

// wildFee names the first field of fe holding a wild decimal and its value, or "".
func wildFee(fe *Fee) (string, decimal.Decimal) {
	switch {
	case wild(fe.Amount):
		return "amount", fe.Amount
	case wild(fe.Rate):
		return "rate", fe.Rate
	case wild(fe.Min):
		return "min", fe.Min
	case wild(fe.Max):
		return "max", fe.Max
	case fe.OnlineReduction != nil && wild(fe.OnlineReduction.Percent):
		return "online_reduction.percent", fe.OnlineReduction.Percent
	}
	for k := range fe.Tiers {
		if wild(fe.Tiers[k].Amount) {
			return "tiers[" + strconv.Itoa(k) + "].amount", fe.Tiers[k].Amount
		}
	}
	return "", decimal.Zero
}

// entry is a version of a procedure as the checks across versions read it, with its place in
// the input.
type entry struct {
	key      NationalCode
	version  int
	from, to Date
	o        origin
	seq      int // position in the input
}

// checkVersions checks that (key, version) is unique and that the effective ranges of the
// versions of each key do not overlap, in time O(n log n) for n versions.
func checkVersions(es []entry, out *collector) {
	slices.SortStableFunc(es, func(a, b entry) int {
		if c := strings.Compare(string(a.key), string(b.key)); c != 0 {
			return c
		}
		return cmp.Compare(a.from, b.from)
	})
	for lo := 0; lo < len(es); {
		hi := lo + 1
		for hi < len(es) && es[hi].key == es[lo].key {
			hi++
		}
		if hi-lo > 1 {
			checkKeyVersions(es[lo:hi], out)
		}
		lo = hi
	}
}

// checkKeyVersions checks the versions of one key, sorted by effective date.
func checkKeyVersions(vs []entry, out *collector) {
	k := string(vs[0].key)
	// Duplicates are reported at the later one in input order.
	byInput := slices.Clone(vs)
	slices.SortFunc(byInput, func(a, b entry) int { return a.seq - b.seq })
	first := make(map[int]entry, len(byInput))
	for _, e := range byInput {
		if f, ok := first[e.version]; ok {
			if out.full() {
				out.count(1, 0)
				continue
			}
			out.add(problem(e.o.file, e.o.path("procedures")+".version", "duplicate_version",
				strconv.Itoa(e.version), k, f.o.String("procedures")))
			continue
		}
		first[e.version] = e
	}
	for i := 1; i < len(vs); i++ {
		prev, cur := vs[i-1], vs[i]
		if prev.to == 0 || prev.to >= cur.from {
			if out.full() {
				out.count(1, 0)
				continue
			}
			out.add(problem(cur.o.file, cur.o.path("procedures")+".effective_from", "version_overlap",
				strconv.Itoa(cur.version), k, strconv.Itoa(prev.version), prev.o.String("procedures")))
		}
	}
}
