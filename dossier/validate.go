package dossier

import (
	"net/mail"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/motcua-go/motcua/calendar"
	"github.com/rickb777/date/v2"
)

func itoa(i int) string { return strconv.Itoa(i) }

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// ValidProcedureCode reports whether s is a national procedure code N.NNNNNN (e.g. 1.001193).
func ValidProcedureCode(s string) bool {
	return len(s) == 8 && s[1] == '.' && allDigits(s[:1]) && allDigits(s[2:])
}

// ValidCitizenID reports whether s is a 12-digit personal identification number (số định
// danh cá nhân, on the citizen identity card): a province code 001–096, then nine digits.
func ValidCitizenID(s string) bool {
	if len(s) != 12 || !allDigits(s) {
		return false
	}
	p, _ := strconv.Atoi(s[:3])
	return p >= 1 && p <= 96
}

// ValidPhone reports whether s is a Vietnamese telephone number: a mobile number of 10
// digits (0 then 3, 5, 7, 8 or 9), a landline of 11 digits starting 02, or either written
// with +84 instead of the leading 0; spaces, dots and hyphens are ignored.
func ValidPhone(s string) bool {
	s = strings.NewReplacer(" ", "", ".", "", "-", "").Replace(s)
	if rest, ok := strings.CutPrefix(s, "+84"); ok {
		s = "0" + rest
	}
	if !allDigits(s) || s[0] != '0' {
		return false
	}
	switch len(s) {
	case 10:
		return strings.IndexByte("35789", s[1]) >= 0
	case 11:
		return s[1] == '2'
	}
	return false
}

// ValidTaxCode reports whether s is an enterprise or tax code: 10 digits, or 10 digits, a
// hyphen and 3 digits for a branch.
func ValidTaxCode(s string) bool {
	if len(s) == 14 && s[10] == '-' {
		return allDigits(s[:10]) && allDigits(s[11:])
	}
	return len(s) == 10 && allDigits(s)
}

// Maximum lengths of names and free texts, in characters (runes). Longer texts are refused
// with ErrTooLong (in a *FieldError naming the field), so that a dossier, its log and its
// slips stay of a size a desk can print and a store can keep. The limits are far above what
// a real form holds; texts hold no NUL byte nor, except reasons and tasks, which may have
// line breaks and tabs, any control character (ErrControl), and are valid UTF-8
// (ErrEncoding).
const (
	// MaxNameLen bounds the applicant's name (Applicant.Name), the name of an administrative
	// unit (Address.UnitName) and a procedure's display name (ProcedureRef.Name).
	MaxNameLen = 256
	// MaxAddressLen bounds the address line (Address.Line).
	MaxAddressLen = 512
	// MaxReasonLen bounds the reasons of a command (Command.Reason: refusals, supplement
	// requests, send-back, apology, withdrawal) and a step's task (StepRecord.Task).
	MaxReasonLen = 4000
	// MaxDocumentLen bounds the name of a document handed in or attached (Intake.Documents,
	// Command.Attachments).
	MaxDocumentLen = 512
	// MaxReferenceLen bounds the number of the result document (Command.Reference) and the
	// identifiers of the procedure (code, version, case), the actor, the steps and the
	// agencies.
	MaxReferenceLen = 128
)

// checkText checks a name or a free text: valid UTF-8, no control character (but line
// breaks and tabs when multiline), at most max characters. It reads s once.
func checkText(s string, max int, multiline bool) error {
	n := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && !(multiline && (c == '\n' || c == '\r' || c == '\t')) || c == 0x7f {
				return ErrControl
			}
			i++
		} else {
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 {
				return ErrEncoding
			}
			if r >= 0x80 && r < 0xa0 {
				return ErrControl
			}
			i += size
		}
		n++
		if n > max {
			return tooLong{max}
		}
	}
	return nil
}

// personal fields are never echoed in a message: they are named only.
const personal = ""

// text checks field and adds its problem; it reports whether the text is acceptable.
// A text with a problem is never echoed.
func (p *problems) text(field, s string, max int, multiline bool) bool {
	if err := checkText(s, max, multiline); err != nil {
		p.add(field, personal, err)
		return false
	}
	return true
}

// Validate reports the problems of the applicant, each naming its field; personal data
// (citizen ID, tax code, phone, e-mail, name, address) is named, never repeated.
func (a Applicant) Validate() error {
	var p problems
	a.problems(&p, "applicant")
	return p.err()
}

func (a Applicant) problems(p *problems, prefix string) {
	// f names a field; it is called only when a problem is found, so a valid applicant
	// costs no allocation.
	f := func(name string) string { return prefix + "." + name }
	switch a.Kind {
	case Person:
		if a.CitizenID == "" {
			p.add(f("citizen_id"), "", ErrRequired)
		} else if !ValidCitizenID(a.CitizenID) {
			p.add(f("citizen_id"), personal, ErrInvalid)
		}
	case Organisation:
		if a.TaxCode == "" {
			p.add(f("tax_code"), "", ErrRequired)
		} else if !ValidTaxCode(a.TaxCode) {
			p.add(f("tax_code"), personal, ErrInvalid)
		}
	default:
		p.add(f("kind"), itoa(int(a.Kind)), ErrInvalid)
	}
	if err := checkText(a.Name, MaxNameLen, false); err != nil {
		p.add(f("name"), personal, err)
	} else if blank(a.Name) {
		p.add(f("name"), "", ErrRequired)
	}
	if a.Phone != "" && !ValidPhone(a.Phone) {
		p.add(f("phone"), personal, ErrInvalid)
	}
	if a.Email != "" {
		if len(a.Email) > 254 {
			p.add(f("email"), personal, ErrInvalid)
		} else if m, err := mail.ParseAddress(a.Email); err != nil || m.Address != a.Email {
			p.add(f("email"), personal, ErrInvalid)
		}
	}
	if err := checkText(a.Address.Line, MaxAddressLen, false); err != nil {
		p.add(f("address.line"), personal, err)
	} else if blank(a.Address.Line) {
		p.add(f("address.line"), "", ErrRequired)
	}
	if a.Address.UnitCode == "" {
		p.add(f("address.unit_code"), "", ErrRequired)
	} else if len(a.Address.UnitCode) != 5 || !allDigits(a.Address.UnitCode) {
		p.add(f("address.unit_code"), a.Address.UnitCode, ErrInvalid)
	}
	if err := checkText(a.Address.UnitName, MaxNameLen, false); err != nil {
		p.add(f("address.unit_name"), personal, err)
	}
}

// maxLimit bounds a published time limit (in any unit) far above any real procedure's.
const maxLimit = 10000

// Validate reports the problems of the intake, each naming its field: the first 100 and a
// count of the rest (ValidationError.More).
func (in Intake) Validate() error {
	var p problems
	if in.Procedure.Code == "" {
		p.add("procedure.code", "", ErrRequired)
	} else if !ValidProcedureCode(in.Procedure.Code) {
		p.add("procedure.code", in.Procedure.Code, ErrInvalid)
	}
	if in.Procedure.Version == "" {
		p.add("procedure.version", "", ErrRequired)
	} else {
		p.text("procedure.version", in.Procedure.Version, MaxReferenceLen, false)
	}
	p.text("procedure.case", in.Procedure.Case, MaxReferenceLen, false)
	p.text("procedure.name", in.Procedure.Name, MaxNameLen, false)
	in.Applicant.problems(&p, "applicant")
	if !in.Channel.Valid() {
		p.add("channel", in.Channel.String(), ErrInvalid)
	}
	if !ValidUnitCode(in.Desk) {
		p.add("desk", in.Desk, ErrInvalid)
	}
	if in.Agency == "" {
		p.add("agency", "", ErrRequired)
	} else if err := checkText(in.Agency, MaxReferenceLen, false); err != nil {
		p.add("agency", "", err)
	}
	if in.Limit.N > maxLimit || !in.Limit.Valid() {
		p.add("limit", itoa(in.Limit.N), ErrInvalid)
	}
	for i, doc := range in.Documents {
		err := checkText(doc, MaxDocumentLen, false)
		if err == nil && blank(doc) {
			err = ErrRequired
		}
		if err != nil {
			p.addAt("documents", i, err)
		}
	}
	for i, doc := range in.Electronic {
		err := checkText(doc, MaxDocumentLen, false)
		if err == nil && blank(doc) {
			err = ErrRequired
		}
		if err != nil {
			p.addAt("electronic", i, err)
		}
	}
	if err := checkText(in.Group, MaxReferenceLen, false); err != nil {
		p.add("group", "", err)
	}
	if err := checkText(in.Reference, MaxReferenceLen, false); err != nil {
		p.add("reference", "", err)
	}
	return p.err()
}

// blank reports whether s holds nothing but white space: a reason of blanks is no reason.
// White space is every character of unicode.IsSpace — ASCII spaces, tabs and line breaks,
// the no-break space U+00A0, the figure and narrow no-break spaces U+2007 and U+202F, the
// ideographic space U+3000 and the other Unicode spaces — and the invisible characters a
// text may carry without showing anything: the zero-width space, joiners and the byte
// order mark (U+200B–U+200D, U+2060, U+FEFF) and the Mongolian vowel separator U+180E.
func blank(s string) bool {
	for _, r := range s {
		if !unicode.IsSpace(r) && !invisible(r) {
			return false
		}
	}
	return true
}

// invisible reports the format characters that show nothing on their own.
func invisible(r rune) bool {
	switch r {
	case 0x180E, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF:
		return true
	}
	return false
}

func zone() *time.Location { return calendar.Zone() }

func dateOf(t time.Time) date.Date { return date.NewAt(t.In(calendar.Zone())) }
