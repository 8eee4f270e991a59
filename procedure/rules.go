package procedure

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/motcua-go/motcua/calendar"
	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"
)

// LoadOptions relaxes or adjusts catalog validation. The zero value is the default policy.
type LoadOptions struct {
	// AllowDistrictLevel accepts district-level versions in force after the two-level reform.
	AllowDistrictLevel bool
	// LastDistrictDay is the last day a district-level version may be in force; zero means
	// 2025-06-30 (district level abolished from 2025-07-01).
	LastDistrictDay Date
	// AllowLongerCaseLimits accepts case limits longer than the procedure's own.
	AllowLongerCaseLimits bool
}

func (p LoadOptions) lastDistrictDay() Date {
	if p.LastDistrictDay != 0 {
		return p.LastDistrictDay
	}
	return Date(date.New(2025, 6, 30))
}

// problem builds a cross-field problem with its English and Vietnamese messages.
func problem(file, path, rule string, args ...string) Problem {
	// Arguments are input values, clipped; o gives an origin ("file: procedures[3]") whole.
	o := func(i int) string {
		if i < len(args) {
			return args[i]
		}
		return ""
	}
	a := func(i int) string { return clip(o(i)) }
	var en, vi string
	switch rule {
	case "date_range":
		en = fmt.Sprintf("%s must not be before %s (%s)", a(0), a(1), a(2))
		vi = fmt.Sprintf("%s không được trước %s (%s)", a(0), a(1), a(2))
	case "district_abolished":
		en = "the district level is abolished from " + a(0) + ": a version at district level must end by " + a(1)
		vi = "không còn cấp huyện từ ngày " + a(0) + ": phiên bản có cấp huyện phải hết hiệu lực chậm nhất ngày " + a(1)
	case "limits_empty":
		en = "at least one channel (counter, online, postal) needs a time limit"
		vi = "phải có thời hạn giải quyết cho ít nhất một hình thức nộp (counter, online, postal)"
	case "limit_range":
		en = "value must be greater than 0 and at most 10000"
		vi = "value phải lớn hơn 0 và không quá 10000"
	case "limit_hours":
		en = a(0) + " is not a whole number of working hours (1 working day = 8 hours)"
		vi = a(0) + " không quy đổi được thành số giờ làm việc nguyên (1 ngày làm việc = 8 giờ)"
	case "limit_integer":
		en = a(0) + " must be a whole number of " + a(1)
		vi = a(0) + " phải là số nguyên " + a(1)
	case "online_not_offered":
		en = "an online time limit is given but online is \"none\""
		vi = "có thời hạn giải quyết trực tuyến nhưng online là \"none\""
	case "same_day_limit":
		en = "a same-day procedure cannot have the " + a(0) + " limit " + a(1) + ", longer than 1 working day"
		vi = "thủ tục giải quyết trong ngày không thể có thời hạn " + a(0) + " là " + a(1) + ", dài hơn 1 ngày làm việc"
	case "duplicate":
		en = "duplicate " + a(0) + " \"" + a(1) + "\""
		vi = "trùng " + a(0) + " \"" + a(1) + "\""
	case "case_channel":
		en = "the procedure has no " + a(0) + " time limit for a case to replace"
		vi = "thủ tục không có thời hạn " + a(0) + " để trường hợp thay thế"
	case "case_limit_longer":
		en = "the case limit " + a(0) + " is longer than the procedure's " + a(1)
		vi = "thời hạn của trường hợp " + a(0) + " dài hơn thời hạn của thủ tục " + a(1)
	case "document_count":
		en = "originals and copies are both 0: give at least one, or mark the document presented"
		vi = "số bản chính và bản sao đều bằng 0: cần ít nhất một bản, hoặc đánh dấu presented (xuất trình)"
	case "fee_positive":
		en = a(0) + " must be greater than 0"
		vi = a(0) + " phải lớn hơn 0"
	case "fee_negative":
		en = a(0) + " must not be negative"
		vi = a(0) + " không được âm"
	case "fee_not_applicable":
		en = a(0) + " does not apply to " + a(1) + " fees"
		vi = a(0) + " không áp dụng cho loại phí " + a(1)
	case "percent_range":
		en = a(0) + " must be greater than 0 and at most 100"
		vi = a(0) + " phải lớn hơn 0 và không quá 100"
	case "decimal_range":
		en = a(0) + " " + a(1) + " has more digits than an amount, rate or limit can have (at most " + a(2) + " before and " + a(3) + " after the point)"
		vi = a(0) + " " + a(1) + " có nhiều chữ số hơn mức một số tiền, tỷ lệ hoặc thời hạn có thể có (tối đa " + a(2) + " chữ số phần nguyên và " + a(3) + " chữ số thập phân)"
	case "fee_bounds":
		en = "max " + a(0) + " must not be less than min " + a(1)
		vi = "max " + a(0) + " không được nhỏ hơn min " + a(1)
	case "duplicate_version":
		en = "version " + a(0) + " of " + a(1) + " is given twice (also at " + o(2) + ")"
		vi = "phiên bản " + a(0) + " của " + a(1) + " bị trùng (cũng có ở " + o(2) + ")"
	case "version_overlap":
		en = "version " + a(0) + " of " + a(1) + " overlaps version " + a(2) + " (" + o(3) + ")"
		vi = "phiên bản " + a(0) + " của " + a(1) + " trùng thời gian hiệu lực với phiên bản " + a(2) + " (" + o(3) + ")"
	case "unknown_member":
		en = "no procedure " + a(0) + " in the catalog"
		vi = "không có thủ tục " + a(0) + " trong danh mục"
	}
	return Problem{File: file, Path: path, Rule: rule, En: en, Vi: vi}
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

// checkProcedure applies the cross-field rules to one procedure.
func checkProcedure(p *Procedure, o origin, pol LoadOptions, out []Problem) []Problem {
	at := o.path("procedures")
	f := o.file
	if p.EffectiveTo != 0 && p.EffectiveFrom != 0 && p.EffectiveTo < p.EffectiveFrom {
		out = append(out, problem(f, at+".effective_to", "date_range", "effective_to", "effective_from", p.EffectiveFrom.String()))
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
				out = append(out, problem(f, at+".same_day", "same_day_limit", ch.String(), limitText(b.pub)))
			}
		}
	}
	for j := range p.Cases {
		c := &p.Cases[j]
		cp := at + ".cases[" + strconv.Itoa(j) + "]"
		if c.ID != "" && slices.ContainsFunc(p.Cases[:j], func(o Case) bool { return o.ID == c.ID }) {
			out = append(out, problem(f, cp+".id", "duplicate", "case id", c.ID))
		}
		for i, ch := range channels {
			l := c.Limits.channel(ch)
			if l == nil {
				continue
			}
			lp := cp + ".limits." + ch.String()
			if p.Limits.channel(ch) == nil {
				out = append(out, problem(f, lp, "case_channel", ch.String()))
				continue
			}
			var info limitInfo
			var ok bool
			out, ok = checkLimit(l, f, lp, &info.cal, out)
			if ok && base[i] != nil && !pol.AllowLongerCaseLimits {
				if lg, cmp := longer(info.cal, base[i].cal); cmp && lg {
					out = append(out, problem(f, lp, "case_limit_longer", limitText(l), limitText(base[i].pub)))
				}
			}
		}
		out = checkDocuments(c.Documents, f, cp, out)
		out = checkFees(c.Fees, f, cp, out)
	}
	out = checkDocuments(p.Documents, f, at, out)
	out = checkFees(p.Fees, f, at, out)
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
		out = append(out, problem(f, lp+".value", "limit_hours", limitText(l)))
	case errLimitInteger:
		out = append(out, problem(f, lp+".value", "limit_integer", limitText(l), l.Unit.String()))
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
	for k := range fees {
		fe := &fees[k]
		fp := at + ".fees[" + strconv.Itoa(k) + "]"
		if fe.ID != "" && slices.ContainsFunc(fees[:k], func(o Fee) bool { return o.ID == fe.ID }) {
			out = append(out, problem(f, fp+".id", "duplicate", "fee id", fe.ID))
		}
		if w, v := wildFee(fe); w != "" {
			// Comparing such a value would rescale it to millions of digits.
			out = append(out, problem(f, fp+"."+w, "decimal_range", w, decText(v), strconv.Itoa(maxIntDigits), strconv.Itoa(maxFracDigits)))
			continue
		}
		switch fe.Kind {
		case FixedFee, PerUnitFee:
			if fe.Amount.Sign() <= 0 {
				out = append(out, problem(f, fp+".amount", "fee_positive", "amount"))
			}
			if !fe.Rate.IsZero() {
				out = append(out, problem(f, fp+".rate", "fee_not_applicable", "rate", string(fe.Kind)))
			}
		case PercentFee:
			if fe.Rate.Sign() <= 0 || fe.Rate.GreaterThan(dec100) {
				out = append(out, problem(f, fp+".rate", "percent_range", "rate"))
			}
			if !fe.Amount.IsZero() {
				out = append(out, problem(f, fp+".amount", "fee_not_applicable", "amount", string(fe.Kind)))
			}
		}
		if fe.Min.Sign() < 0 {
			out = append(out, problem(f, fp+".min", "fee_negative", "min"))
		}
		if fe.Max.Sign() < 0 {
			out = append(out, problem(f, fp+".max", "fee_negative", "max"))
		}
		if fe.Max.Sign() > 0 && fe.Max.LessThan(fe.Min) {
			out = append(out, problem(f, fp+".max", "fee_bounds", decText(fe.Max), decText(fe.Min)))
		}
		if r := fe.OnlineReduction; r != nil {
			rp := fp + ".online_reduction"
			if r.Percent.Sign() <= 0 || r.Percent.GreaterThan(dec100) {
				out = append(out, problem(f, rp+".percent", "percent_range", "percent"))
			}
			if r.To != 0 && r.From != 0 && r.To < r.From {
				out = append(out, problem(f, rp+".to", "date_range", "to", "from", r.From.String()))
			}
		}
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
	return "", decimal.Zero
}

// entry is a procedure with its place in the input.
type entry struct {
	p   *Procedure
	o   origin
	seq int // position in the input
	key NationalCode
}

// checkVersions checks that (key, version) is unique and that the effective ranges of the
// versions of each key do not overlap.
func checkVersions(es []entry, out []Problem) []Problem {
	sorted := slices.Clone(es)
	for i := range sorted {
		sorted[i].key = sorted[i].p.Key()
	}
	slices.SortStableFunc(sorted, func(a, b entry) int {
		if c := strings.Compare(string(a.key), string(b.key)); c != 0 {
			return c
		}
		return cmp.Compare(a.p.EffectiveFrom, b.p.EffectiveFrom)
	})
	for lo := 0; lo < len(sorted); {
		hi := lo + 1
		for hi < len(sorted) && sorted[hi].key == sorted[lo].key {
			hi++
		}
		if hi-lo > 1 {
			out = checkKeyVersions(sorted[lo:hi], out)
		}
		lo = hi
	}
	return out
}

// checkKeyVersions checks the versions of one key, sorted by effective date.
func checkKeyVersions(vs []entry, out []Problem) []Problem {
	k := string(vs[0].key)
	// Duplicates are reported at the later one in input order.
	byInput := slices.Clone(vs)
	slices.SortFunc(byInput, func(a, b entry) int { return a.seq - b.seq })
	for i, e := range byInput {
		for _, first := range byInput[:i] {
			if first.p.Version == e.p.Version {
				out = append(out, problem(e.o.file, e.o.path("procedures")+".version", "duplicate_version",
					strconv.Itoa(e.p.Version), k, first.o.String("procedures")))
				break
			}
		}
	}
	for i := 1; i < len(vs); i++ {
		prev, cur := vs[i-1], vs[i]
		if prev.p.EffectiveTo == 0 || prev.p.EffectiveTo >= cur.p.EffectiveFrom {
			out = append(out, problem(cur.o.file, cur.o.path("procedures")+".effective_from", "version_overlap",
				strconv.Itoa(cur.p.Version), k, strconv.Itoa(prev.p.Version), prev.o.String("procedures")))
		}
	}
	return out
}
