package dossier

import (
	"net/mail"
	"strconv"
	"strings"
	"time"

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

// Validate reports every problem of the applicant, each naming its field.
func (a Applicant) Validate() error { return errs(a.problems("applicant")) }

func (a Applicant) problems(p string) []*FieldError {
	var out []*FieldError
	add := func(f, v string, err error) { out = append(out, &FieldError{Field: p + "." + f, Value: v, Err: err}) }
	switch a.Kind {
	case Person:
		if a.CitizenID == "" {
			add("citizenID", "", ErrRequired)
		} else if !ValidCitizenID(a.CitizenID) {
			add("citizenID", a.CitizenID, ErrInvalid)
		}
	case Organisation:
		if a.TaxCode == "" {
			add("taxCode", "", ErrRequired)
		} else if !ValidTaxCode(a.TaxCode) {
			add("taxCode", a.TaxCode, ErrInvalid)
		}
	default:
		add("kind", itoa(int(a.Kind)), ErrInvalid)
	}
	if strings.TrimSpace(a.Name) == "" {
		add("name", "", ErrRequired)
	}
	if a.Phone != "" && !ValidPhone(a.Phone) {
		add("phone", a.Phone, ErrInvalid)
	}
	if a.Email != "" {
		if m, err := mail.ParseAddress(a.Email); err != nil || m.Address != a.Email {
			add("email", a.Email, ErrInvalid)
		}
	}
	if strings.TrimSpace(a.Address.Line) == "" {
		add("address.line", "", ErrRequired)
	}
	if a.Address.UnitCode == "" {
		add("address.unitCode", "", ErrRequired)
	} else if len(a.Address.UnitCode) != 5 || !allDigits(a.Address.UnitCode) {
		add("address.unitCode", a.Address.UnitCode, ErrInvalid)
	}
	return out
}

func errs(p []*FieldError) error {
	if len(p) == 0 {
		return nil
	}
	return &ValidationError{Problems: p}
}

// maxLimit bounds a published time limit (in any unit) far above any real procedure's.
const maxLimit = 10000

// Validate reports every problem of the intake, each naming its field.
func (in Intake) Validate() error {
	var out []*FieldError
	add := func(f, v string, err error) { out = append(out, &FieldError{Field: f, Value: v, Err: err}) }
	if in.Procedure.Code == "" {
		add("procedure.code", "", ErrRequired)
	} else if !ValidProcedureCode(in.Procedure.Code) {
		add("procedure.code", in.Procedure.Code, ErrInvalid)
	}
	if in.Procedure.Version == "" {
		add("procedure.version", "", ErrRequired)
	}
	out = append(out, in.Applicant.problems("applicant")...)
	if in.Channel < Counter || in.Channel > Postal {
		add("channel", in.Channel.String(), ErrInvalid)
	}
	if !ValidUnitCode(in.Desk) {
		add("desk", in.Desk, ErrInvalid)
	}
	if in.Agency == "" {
		add("agency", "", ErrRequired)
	}
	if in.Limit.N < 0 || in.Limit.N > maxLimit || in.Limit.Unit < calendar.WorkingDays || in.Limit.Unit > calendar.Months {
		add("limit", itoa(in.Limit.N), ErrInvalid)
	}
	for i, doc := range in.Documents {
		if strings.TrimSpace(doc) == "" {
			add("documents["+itoa(i)+"]", "", ErrRequired)
		}
	}
	return errs(out)
}

func zone() *time.Location { return calendar.Zone() }

func dateOf(t time.Time) date.Date { return date.NewAt(t.In(calendar.Zone())) }
