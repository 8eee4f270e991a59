package procedure

import (
	"strconv"
	"unicode/utf8"
)

// Maximum lengths of the texts of a catalog, in characters (runes). They are far above what
// the national database publishes (its longest procedure name has about 300 characters) and
// keep a hostile file from filling memory and messages.
const (
	// MaxIDLen bounds identifiers written by the catalog's authors: case, fee and group IDs,
	// exemption categories and route names.
	MaxIDLen = 100
	// MaxNameLen bounds names: of procedures, fields, agencies, cases, documents, forms, fees and
	// their units, results and groups, and each entry of a legal basis.
	MaxNameLen = 500
	// MaxTextLen bounds free text: notes, the condition of a document, the basis of a reduction.
	MaxTextLen = 5000
)

// textKind is the kind of a text of the catalog, which sets its maximum length and whether it
// may hold line breaks and tabs.
type textKind uint8

const (
	idText textKind = iota
	nameText
	freeText
)

// textChecker appends the problems of the texts of one item. It builds the JSON path of a text
// in a buffer as it walks, and a string of it only for a problem.
type textChecker struct {
	file string
	path []byte
	out  []Problem
}

func (c *textChecker) enter(seg string) int {
	n := len(c.path)
	c.path = append(c.path, seg...)
	return n
}

func (c *textChecker) enterIndex(seg string, i int) int {
	n := len(c.path)
	c.path = append(c.path, seg...)
	c.path = append(c.path, '[')
	c.path = strconv.AppendInt(c.path, int64(i), 10)
	c.path = append(c.path, ']')
	return n
}

func (c *textChecker) leave(n int) { c.path = c.path[:n] }

// check appends the problems of text s at the current path followed by seg: a control
// character (NUL, or any other below U+0020 or DEL, but line breaks and tabs in free text), or
// more characters than its kind allows. The decoders have already refused invalid UTF-8 (rule
// "encoding").
func (c *textChecker) check(seg, s string, kind textKind) {
	if s == "" {
		return
	}
	limit, tag := MaxIDLen, "too_long_id"
	switch kind {
	case nameText:
		limit, tag = MaxNameLen, "too_long_name"
	case freeText:
		limit, tag = MaxTextLen, "too_long_text"
	}
	path := func() string {
		n := c.enter(seg)
		defer c.leave(n)
		return string(c.path)
	}
	for i := 0; i < len(s); i++ {
		b := s[i]
		if b < 0x20 || b == 0x7f {
			if kind == freeText && (b == '\n' || b == '\r' || b == '\t') {
				continue
			}
			at := path()
			en, vi := ruleText("control", "", at, "")
			c.out = append(c.out, Problem{File: c.file, Path: at, Rule: "control", En: en, Vi: vi})
			break
		}
	}
	if len(s) > limit && utf8.RuneCountInString(s) > limit {
		at := path()
		en, vi := ruleText(tag, "", at, "")
		c.out = append(c.out, Problem{File: c.file, Path: at, Rule: "too_long", En: en, Vi: vi})
	}
}

// checkTexts appends the problems of the texts of procedure p at path at.
func checkTexts(p *Procedure, file, at string, out []Problem) []Problem {
	c := textChecker{file: file, out: out}
	c.path = append(c.path, at...)
	c.check(".name", p.Name, nameText)
	c.check(".field", p.Field, nameText)
	c.check(".competent_agency.name", p.CompetentAgency.Name, nameText)
	if p.ReceivingAgency != nil {
		c.check(".receiving_agency.name", p.ReceivingAgency.Name, nameText)
	}
	for j := range p.Cases {
		cs := &p.Cases[j]
		n := c.enterIndex(".cases", j)
		c.check(".id", cs.ID, idText)
		c.check(".name", cs.Name, nameText)
		c.check(".note", cs.Note, freeText)
		c.documents(cs.Documents)
		c.fees(cs.Fees)
		c.leave(n)
	}
	c.documents(p.Documents)
	c.fees(p.Fees)
	for k := range p.Results {
		n := c.enterIndex(".results", k)
		c.check(".name", p.Results[k].Name, nameText)
		c.leave(n)
	}
	c.list(".legal_basis", p.LegalBasis, nameText)
	c.check(".route", p.Route, idText)
	c.check(".note", p.Note, freeText)
	return c.out
}

// list checks the texts of a list at the current path followed by seg.
func (c *textChecker) list(seg string, ss []string, kind textKind) {
	for k, s := range ss {
		n := c.enterIndex(seg, k)
		c.check("", s, kind)
		c.leave(n)
	}
}

func (c *textChecker) documents(docs []Document) {
	for k := range docs {
		d := &docs[k]
		n := c.enterIndex(".documents", k)
		c.check(".name", d.Name, nameText)
		c.check(".condition", d.Condition, freeText)
		c.check(".form", d.Form, nameText)
		c.leave(n)
	}
}

func (c *textChecker) fees(fees []Fee) {
	for k := range fees {
		f := &fees[k]
		n := c.enterIndex(".fees", k)
		c.check(".id", f.ID, idText)
		c.check(".name", f.Name, nameText)
		c.check(".per", f.Per, nameText)
		c.list(".exemptions", f.Exemptions, idText)
		if r := f.OnlineReduction; r != nil {
			c.check(".online_reduction.basis", r.Basis, nameText)
		}
		c.check(".note", f.Note, freeText)
		c.leave(n)
	}
}

// checkGroupTexts appends the problems of the texts of group g at path at.
func checkGroupTexts(g *Group, file, at string, out []Problem) []Problem {
	c := textChecker{file: file, out: out}
	c.path = append(c.path, at...)
	c.check(".id", g.ID, idText)
	c.check(".name", g.Name, nameText)
	c.list(".legal_basis", g.LegalBasis, nameText)
	c.check(".route", g.Route, idText)
	c.check(".note", g.Note, freeText)
	return c.out
}
