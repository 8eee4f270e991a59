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

// textChecker appends the problems of the texts of one item.
type textChecker struct {
	file string
	out  []Problem
}

// check appends the problems of text s at path: a control character (NUL, or any other below
// U+0020 or DEL, but line breaks and tabs in free text), or more characters than its kind
// allows. The decoders have already refused invalid UTF-8 (rule "encoding").
func (c *textChecker) check(path, s string, kind textKind) {
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
	for i := 0; i < len(s); i++ {
		b := s[i]
		if b < 0x20 || b == 0x7f {
			if kind == freeText && (b == '\n' || b == '\r' || b == '\t') {
				continue
			}
			en, vi := ruleText("control", "", path, "")
			c.out = append(c.out, Problem{File: c.file, Path: path, Rule: "control", En: en, Vi: vi})
			break
		}
	}
	if len(s) > limit && utf8.RuneCountInString(s) > limit {
		en, vi := ruleText(tag, "", path, "")
		c.out = append(c.out, Problem{File: c.file, Path: path, Rule: "too_long", En: en, Vi: vi})
	}
}

// checkTexts appends the problems of the texts of procedure p at path at.
func checkTexts(p *Procedure, file, at string, out []Problem) []Problem {
	c := textChecker{file: file, out: out}
	c.check(at+".name", p.Name, nameText)
	c.check(at+".field", p.Field, nameText)
	c.check(at+".competent_agency.name", p.CompetentAgency.Name, nameText)
	if p.ReceivingAgency != nil {
		c.check(at+".receiving_agency.name", p.ReceivingAgency.Name, nameText)
	}
	for j := range p.Cases {
		cs := &p.Cases[j]
		cp := at + ".cases[" + strconv.Itoa(j) + "]"
		c.check(cp+".id", cs.ID, idText)
		c.check(cp+".name", cs.Name, nameText)
		c.check(cp+".note", cs.Note, freeText)
		c.documents(cp, cs.Documents)
		c.fees(cp, cs.Fees)
	}
	c.documents(at, p.Documents)
	c.fees(at, p.Fees)
	for k := range p.Results {
		c.check(at+".results["+strconv.Itoa(k)+"].name", p.Results[k].Name, nameText)
	}
	for k, s := range p.LegalBasis {
		c.check(at+".legal_basis["+strconv.Itoa(k)+"]", s, nameText)
	}
	c.check(at+".route", p.Route, idText)
	c.check(at+".note", p.Note, freeText)
	return c.out
}

func (c *textChecker) documents(at string, docs []Document) {
	for k := range docs {
		d := &docs[k]
		dp := at + ".documents[" + strconv.Itoa(k) + "]"
		c.check(dp+".name", d.Name, nameText)
		c.check(dp+".condition", d.Condition, freeText)
		c.check(dp+".form", d.Form, nameText)
	}
}

func (c *textChecker) fees(at string, fees []Fee) {
	for k := range fees {
		f := &fees[k]
		fp := at + ".fees[" + strconv.Itoa(k) + "]"
		c.check(fp+".id", f.ID, idText)
		c.check(fp+".name", f.Name, nameText)
		c.check(fp+".per", f.Per, nameText)
		for e, s := range f.Exemptions {
			c.check(fp+".exemptions["+strconv.Itoa(e)+"]", s, idText)
		}
		if r := f.OnlineReduction; r != nil {
			c.check(fp+".online_reduction.basis", r.Basis, nameText)
		}
		c.check(fp+".note", f.Note, freeText)
	}
}

// checkGroupTexts appends the problems of the texts of group g at path at.
func checkGroupTexts(g *Group, file, at string, out []Problem) []Problem {
	c := textChecker{file: file, out: out}
	c.check(at+".id", g.ID, idText)
	c.check(at+".name", g.Name, nameText)
	for k, s := range g.LegalBasis {
		c.check(at+".legal_basis["+strconv.Itoa(k)+"]", s, nameText)
	}
	c.check(at+".route", g.Route, idText)
	c.check(at+".note", g.Note, freeText)
	return c.out
}
