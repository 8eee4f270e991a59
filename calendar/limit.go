package calendar

import (
	"strconv"
	"strings"

	"github.com/motcua-go/motcua/internal/msg"
	"golang.org/x/text/language"
)

// Unit is the unit of a time limit. Its zero value is WorkingDays, the unit of most published
// limits, so Limit{N: 3} is 3 working days.
//
// Text form (String, MarshalText): working_days, working_hours, days, months, hours — the
// spelling of catalog files. ParseUnit and UnmarshalText also read the singular (working_day),
// '-' or ' ' for '_' (working-days, working days), the short forms wd, wh, d, m (and mo), h,
// and the Vietnamese ngày làm việc, giờ làm việc, ngày, tháng, giờ; Latin letters in any case.
type Unit uint8

// Units of a time limit.
const (
	WorkingDays  Unit = iota // ngày làm việc; the zero value
	WorkingHours             // giờ làm việc: session time (8 working hours are one working day)
	Days                     // calendar days (ngày), Civil Code 2015 Art. 148
	Months                   // calendar months (tháng), Civil Code 2015 Art. 148(3)
	// Hours are clock hours (giờ) of elapsed time, whatever the day or the hour: a "1 Giờ"
	// procedure received on Friday at 16:30 is due on Friday at 17:30, and one of 24 hours
	// received on Saturday is due on Sunday (Civil Code 2015 Art. 147(1): a period in hours
	// runs from the moment stated).
	Hours
)

// unitText holds the spellings of each unit: the canonical plural, the singular, the short
// form, the Vietnamese name and the English words (plural, singular) of messages.
var unitText = [...]struct{ plural, singular, short, vi, enMany, enOne string }{
	WorkingDays:  {"working_days", "working_day", "wd", "ngày làm việc", "working days", "working day"},
	WorkingHours: {"working_hours", "working_hour", "wh", "giờ làm việc", "working hours", "working hour"},
	Days:         {"days", "day", "d", "ngày", "days", "day"},
	Months:       {"months", "month", "m", "tháng", "months", "month"},
	Hours:        {"hours", "hour", "h", "giờ", "hours", "hour"},
}

// maxUnitText bounds the text ParseUnit and ParseLimit look at: every spelling is far shorter.
const maxUnitText = 64

// String returns the unit's canonical text form: working_days, working_hours, days, months
// or hours ("unit(N)" for a value that is no unit).
func (u Unit) String() string {
	if u <= Hours {
		return unitText[u].plural
	}
	return "unit(" + strconv.Itoa(int(u)) + ")"
}

// Valid reports whether u is one of WorkingDays, WorkingHours, Days, Months and Hours.
func (u Unit) Valid() bool { return u <= Hours }

// MarshalText encodes u as String does; a value that is no unit is a *TextError wrapping ErrBadUnit.
func (u Unit) MarshalText() ([]byte, error) {
	if !u.Valid() {
		return nil, &TextError{Value: u.String(), Err: ErrBadUnit}
	}
	return []byte(u.String()), nil
}

// UnmarshalText decodes any spelling ParseUnit reads.
func (u *Unit) UnmarshalText(b []byte) error {
	v, err := ParseUnit(string(b))
	if err != nil {
		return err
	}
	*u = v
	return nil
}

// ParseUnit reads a unit in any of its spellings (see Unit): "working_days", "working-day",
// "Working Days", "wd", "ngày làm việc", "giờ làm việc", "d", "tháng"… Surrounding spaces are
// ignored. An unknown unit is a *TextError wrapping ErrBadUnit.
func ParseUnit(s string) (Unit, error) {
	if u, ok := lookupUnit(s); ok {
		return u, nil
	}
	return 0, &TextError{Value: msg.Clip(s), Err: ErrBadUnit}
}

// lookupUnit normalises s (lower case, '-' and '_' as spaces, runs of spaces as one) and
// finds the unit it names.
func lookupUnit(s string) (Unit, bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > maxUnitText {
		return 0, false
	}
	norm := strings.Join(strings.Fields(strings.Map(func(r rune) rune {
		if r == '-' || r == '_' {
			return ' '
		}
		return r
	}, strings.ToLower(s))), " ")
	for u, t := range unitText {
		switch norm {
		case strings.ReplaceAll(t.plural, "_", " "), strings.ReplaceAll(t.singular, "_", " "), t.short, t.vi:
			return Unit(u), true
		}
	}
	if norm == "mo" { // the short form of route files
		return Months, true
	}
	return 0, false
}

// Limit is a time limit as published for a procedure: N units. The zero value is 0 working
// days (due at the start of counting). A fractional published limit is expressed in a smaller
// unit: 1.5 working days is 12 WorkingHours.
type Limit struct {
	N    int
	Unit Unit
}

// String returns the limit's text form with the canonical unit, e.g. "3 working_days",
// "12 working_hours", or "1 month" (the singular for N == 1); ParseLimit reads it back.
func (l Limit) String() string {
	if !l.Unit.Valid() {
		return strconv.Itoa(l.N) + " " + l.Unit.String()
	}
	if l.N == 1 {
		return "1 " + unitText[l.Unit].singular
	}
	return strconv.Itoa(l.N) + " " + unitText[l.Unit].plural
}

// Text returns the limit in words for a person, in Vietnamese for a tag whose base language is
// vi ("3 ngày làm việc") and in English otherwise ("3 working days", "1 month").
func (l Limit) Text(lang language.Tag) string {
	if !l.Unit.Valid() {
		return l.String()
	}
	t := unitText[l.Unit]
	if msg.Vietnamese(lang) {
		return strconv.Itoa(l.N) + " " + t.vi
	}
	return msg.Plural(l.N, t.enOne, t.enMany)
}

// Valid reports whether l has a known unit and N ≥ 0.
func (l Limit) Valid() bool { return l.N >= 0 && l.Unit.Valid() }

// MarshalText encodes l as String does (the zero Limit is "0 working_days"); an invalid
// limit is a *TextError wrapping ErrBadLimit.
func (l Limit) MarshalText() ([]byte, error) {
	if !l.Valid() {
		return nil, &TextError{Value: l.String(), Err: ErrBadLimit}
	}
	return []byte(l.String()), nil
}

// UnmarshalText decodes any form ParseLimit reads. An empty text is an error: a limit
// always says its number and its unit.
func (l *Limit) UnmarshalText(b []byte) error {
	v, err := ParseLimit(string(b))
	if err != nil {
		return err
	}
	*l = v
	return nil
}

// ParseLimit reads a limit: a whole number N ≥ 0, then a unit in any spelling ParseUnit reads,
// with or without a space between them. So "3 working_days" (the form String writes),
// "1 working_day", "3 working-days", "3wd", "12wh", "20d", "2m", "2mo", "Working Days" in any
// case, "15 ngày làm việc" and "1 tháng" are all accepted. Fractions are not: a published 1.5
// working days is 12 working hours. The error is a *TextError wrapping ErrBadLimit; it repeats
// at most the first 64 characters of s.
func ParseLimit(s string) (Limit, error) {
	t := strings.TrimSpace(s)
	i := 0
	for i < len(t) && t[i] >= '0' && t[i] <= '9' {
		i++
	}
	if i == 0 || len(t)-i > maxUnitText {
		return Limit{}, &TextError{Value: msg.Clip(s), Err: ErrBadLimit}
	}
	n, err := strconv.Atoi(t[:i])
	if err != nil {
		return Limit{}, &TextError{Value: msg.Clip(s), Err: ErrBadLimit}
	}
	u, ok := lookupUnit(t[i:])
	if !ok {
		return Limit{}, &TextError{Value: msg.Clip(s), Err: ErrBadLimit}
	}
	return Limit{N: n, Unit: u}, nil
}
