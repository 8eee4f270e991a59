package procedure

import (
	"strconv"
	"strings"
)

// fieldMode says what a fieldChecker keeps of each problem it finds.
type fieldMode uint8

const (
	// renderFields keeps each problem with its path and its messages.
	renderFields fieldMode = iota
	// pathFields keeps each problem with its path and rule only (to be filtered, then counted).
	pathFields
	// countFields keeps nothing but the number of problems: no path and no message is built,
	// so that the problems of a long hostile input past the first 100 cost no memory.
	countFields
)

// fieldChecker applies the rules on single fields of a procedure or a group: values that must
// be given, codes in their format, values of the enumerations, number ranges, lists that must
// not be empty or repeat a value. Their problems are named by the rule ("required", "ttcode",
// "gte", …) as in the package doc. It builds the JSON path of a field in a buffer as it walks,
// and a string of it only for a problem it keeps.
type fieldChecker struct {
	file string
	mode fieldMode
	path []byte
	out  []Problem
	n    int // problems counted, not kept
	// room, when positive, is the number of problems kept in renderFields mode; the others
	// are counted, as they come after a full list.
	room int
}

// enter appends a path segment (".name") and returns the length to go back to.
func (c *fieldChecker) enter(seg string) int {
	n := len(c.path)
	c.path = append(c.path, seg...)
	return n
}

// enterIndex appends "[i]".
func (c *fieldChecker) enterIndex(i int) int {
	n := len(c.path)
	c.path = append(c.path, '[')
	c.path = strconv.AppendInt(c.path, int64(i), 10)
	c.path = append(c.path, ']')
	return n
}

func (c *fieldChecker) leave(n int) { c.path = c.path[:n] }

// fail records a problem of rule tag at the current path followed by seg; value is the value
// to repeat in the message (a text, or a number marked by a leading '#'), "" for none.
func (c *fieldChecker) fail(seg, tag, param string, value func() string) {
	if c.mode == countFields || (c.room > 0 && len(c.out) >= c.room) {
		c.n++
		return
	}
	n := c.enter(seg)
	path := string(c.path)
	c.leave(n)
	p := Problem{File: c.file, Path: path, Rule: tag}
	if c.mode == renderFields {
		v := ""
		if value != nil {
			v = value()
		}
		p.En, p.Vi = ruleText(tag, param, path, v)
	}
	c.out = append(c.out, p)
}

// required fails the rule "required" at seg when s is empty.
func (c *fieldChecker) required(seg, s string) bool {
	if s == "" {
		c.fail(seg, "required", "", nil)
		return false
	}
	return true
}

// enum checks a value of the enumeration tag that must be given.
func (c *fieldChecker) enum(seg, tag, s string) {
	if c.required(seg, s) && !enumIsValid(tag, s) {
		c.fail(seg, tag, "", func() string { return s })
	}
}

// between checks lo <= v <= hi (rules "gte" and "lte").
func (c *fieldChecker) between(seg string, v, lo, hi int) {
	num := func() string { return "#" + strconv.Itoa(v) }
	switch {
	case v < lo:
		c.fail(seg, "gte", strconv.Itoa(lo), num)
	case v > hi:
		c.fail(seg, "lte", strconv.Itoa(hi), num)
	}
}

// list checks a list that must be given and have at least one element.
func (c *fieldChecker) list(seg string, isNil bool, n int) bool {
	switch {
	case isNil:
		c.fail(seg, "required", "", nil)
	case n < 1:
		c.fail(seg, "min", "1", nil)
	default:
		return true
	}
	return false
}

// texts checks that no element of a list of texts is empty.
func (c *fieldChecker) texts(seg string, ss []string) {
	if len(ss) == 0 {
		return
	}
	at := c.enter(seg)
	for k, s := range ss {
		if s == "" {
			n := c.enterIndex(k)
			c.fail("", "required", "", nil)
			c.leave(n)
		}
	}
	c.leave(at)
}

// procedure checks p; the path buffer holds the path of p ("procedures[3]").
func (c *fieldChecker) procedure(p *Procedure) {
	if c.required(".code", string(p.Code)) && !isNationalCode(string(p.Code)) {
		c.fail(".code", "ttcode", "", func() string { return string(p.Code) })
	}
	if p.Version < 1 {
		c.fail(".version", "gte", "1", func() string { return "#" + strconv.Itoa(p.Version) })
	}
	if p.EffectiveFrom == 0 {
		c.fail(".effective_from", "required", "", nil)
	}
	c.required(".name", p.Name)
	c.enum(".sector", "sector", string(p.Sector))
	c.required(".field", p.Field)
	if c.list(".levels", p.Levels == nil, len(p.Levels)) && !uniqueLevels(p.Levels) {
		c.fail(".levels", "unique", "", nil)
	}
	c.required(".competent_agency.name", p.CompetentAgency.Name)
	if p.ReceivingAgency != nil {
		c.required(".receiving_agency.name", p.ReceivingAgency.Name)
	}
	if len(p.Cases) > 0 {
		at := c.enter(".cases")
		for j := range p.Cases {
			cs := &p.Cases[j]
			n := c.enterIndex(j)
			c.required(".id", cs.ID)
			c.required(".name", cs.Name)
			c.clock(cs.Clock)
			c.fees(cs.Fees)
			c.documents(cs.Documents)
			c.leave(n)
		}
		c.leave(at)
	}
	c.clock(p.Clock)
	if c.list(".documents", p.Documents == nil, len(p.Documents)) {
		c.documents(p.Documents)
	}
	c.fees(p.Fees)
	if c.list(".results", p.Results == nil, len(p.Results)) {
		at := c.enter(".results")
		for k := range p.Results {
			r := &p.Results[k]
			n := c.enterIndex(k)
			c.required(".name", r.Name)
			if r.Code != "" && !isResultCode(r.Code) {
				c.fail(".code", "resultcode", "", func() string { return r.Code })
			}
			c.leave(n)
		}
		c.leave(at)
	}
	if p.Online != "" && !enumIsValid("onlinelevel", string(p.Online)) {
		c.fail(".online", "onlinelevel", "", func() string { return string(p.Online) })
	}
	c.between(".legacy_online_level", p.LegacyOnlineLevel, 0, 4)
	if c.list(".legal_basis", p.LegalBasis == nil, len(p.LegalBasis)) {
		c.texts(".legal_basis", p.LegalBasis)
	}
	if p.InterAgency && p.Route == "" {
		c.fail(".route", "required_if", "InterAgency true", nil)
	}
}

// clock checks the clock of a procedure or a case, if any.
func (c *fieldChecker) clock(ck *Clock) {
	if ck == nil {
		return
	}
	at := c.enter(".clock")
	if ck.Start != "" && !enumIsValid("clockstart", string(ck.Start)) {
		c.fail(".start", "clockstart", "", func() string { return string(ck.Start) })
	}
	if ck.Start == OtherStart && ck.StartText == "" {
		c.fail(".start_text", "required_if", "Start other", nil)
	}
	if len(ck.Pauses) > 0 {
		pa := c.enter(".pauses")
		for k := range ck.Pauses {
			n := c.enterIndex(k)
			c.required(".id", ck.Pauses[k].ID)
			c.required(".name", ck.Pauses[k].Name)
			c.leave(n)
		}
		c.leave(pa)
	}
	c.leave(at)
}

// documents checks the documents of a procedure or a case.
func (c *fieldChecker) documents(docs []Document) {
	if len(docs) == 0 {
		return
	}
	at := c.enter(".documents")
	for k := range docs {
		d := &docs[k]
		n := c.enterIndex(k)
		c.required(".name", d.Name)
		c.between(".originals", d.Originals, 0, 100)
		c.between(".copies", d.Copies, 0, 100)
		c.enum(".requirement", "requirement", string(d.Requirement))
		if d.Requirement == Conditional && d.Condition == "" {
			c.fail(".condition", "required_if", "Requirement conditional", nil)
		}
		c.leave(n)
	}
	c.leave(at)
}

// fees checks the fees of a procedure or a case.
func (c *fieldChecker) fees(fees []Fee) {
	if len(fees) == 0 {
		return
	}
	at := c.enter(".fees")
	for k := range fees {
		fe := &fees[k]
		n := c.enterIndex(k)
		c.required(".id", fe.ID)
		c.required(".name", fe.Name)
		c.enum(".kind", "feekind", string(fe.Kind))
		if fe.Kind == PerUnitFee && fe.Per == "" {
			c.fail(".per", "required_if", "Kind per_unit", nil)
		}
		if !uniqueStrings(fe.Exemptions) {
			c.fail(".exemptions", "unique", "", nil)
		} else {
			c.texts(".exemptions", fe.Exemptions)
		}
		if r := fe.OnlineReduction; r != nil && r.From == 0 {
			c.fail(".online_reduction.from", "required", "", nil)
		}
		if !uniqueChannels(fe.Channels) {
			c.fail(".channels", "unique", "", nil)
		}
		if fe.Currency != "" && !isCurrency(fe.Currency) {
			c.fail(".currency", "currency", "", func() string { return fe.Currency })
		}
		c.leave(n)
	}
	c.leave(at)
}

// group checks g; the path buffer holds the path of g ("groups[0]").
func (c *fieldChecker) group(g *Group) {
	c.required(".id", g.ID)
	c.required(".name", g.Name)
	c.enum(".lead_sector", "sector", string(g.LeadSector))
	switch {
	case len(g.Members) < 2:
		c.fail(".members", "min", "2", nil)
	case !uniqueStrings(g.Members):
		c.fail(".members", "unique", "", nil)
	default:
		at := c.enter(".members")
		for m, code := range g.Members {
			if !isKey(string(code)) {
				n := c.enterIndex(m)
				c.fail("", "prockey", "", func() string { return string(code) })
				c.leave(n)
			}
		}
		c.leave(at)
	}
	c.texts(".legal_basis", g.LegalBasis)
}

// uniqueStrings reports whether no text is given twice, in time linear in the list.
func uniqueStrings[S ~string](ss []S) bool {
	if len(ss) < 2 {
		return true
	}
	if len(ss) <= 8 {
		for i := range ss {
			for j := range i {
				if ss[i] == ss[j] {
					return false
				}
			}
		}
		return true
	}
	seen := make(map[S]struct{}, len(ss))
	for _, s := range ss {
		if _, ok := seen[s]; ok {
			return false
		}
		seen[s] = struct{}{}
	}
	return true
}

// uniqueLevels reports whether no level is given twice.
func uniqueLevels(ls []Level) bool {
	if len(ls) <= 8 {
		for i := range ls {
			for j := range i {
				if ls[i] == ls[j] {
					return false
				}
			}
		}
		return true
	}
	seen := make(map[Level]struct{}, len(ls))
	for _, l := range ls {
		if _, ok := seen[l]; ok {
			return false
		}
		seen[l] = struct{}{}
	}
	return true
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// isNationalCode reports whether s has the national database format N.NNNNNN.
func isNationalCode(s string) bool {
	return len(s) == 8 && s[1] == '.' && digits(s[:1]) && digits(s[2:])
}

// isKey reports whether s is a national code, optionally followed by "." and an agency code.
func isKey(s string) bool {
	if len(s) < 8 || !isNationalCode(s[:8]) {
		return false
	}
	return len(s) == 8 || (s[8] == '.' && func() bool { _, ok := parseAgencyCode(s[9:]); return ok }())
}

func isLevel1(s string) bool {
	return len(s) == 3 && s[0] >= 'A' && s[0] <= 'Z' && digits(s[1:])
}

// isResultCode accepts KQ.<letter><2 digits>.<6 digits>, e.g. "KQ.G15.000031".
func isResultCode(s string) bool {
	return len(s) == 13 && strings.HasPrefix(s, "KQ.") && isLevel1(s[3:6]) && s[6] == '.' && digits(s[7:])
}

// uniqueChannels reports whether no channel is given twice.
func uniqueChannels(cs []Channel) bool {
	var seen [Postal + 1]bool
	for _, ch := range cs {
		if ch.Valid() {
			if seen[ch] {
				return false
			}
			seen[ch] = true
		}
	}
	return true
}

// isCurrency accepts an ISO 4217 code: three capital letters.
func isCurrency(s string) bool {
	return len(s) == 3 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z' && s[2] >= 'A' && s[2] <= 'Z'
}
