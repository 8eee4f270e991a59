package dossier

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/motcua-go/motcua/internal/msg"
	"github.com/rickb777/date/v2"
)

// CodeFormat prints and reads dossier codes. Decree 309/2026/NĐ-CP leaves the dossier-code
// rules to the ministry hosting the National Public Service Portal; until they are issued
// the format is Circular01, and a Policy may name another (Policy.CodeFormat).
//
// Format returns the printed form of c, or a *CodeError naming the part the format cannot
// print (a unit, date or sequence number out of its range). Parse reads a printed code, or
// reports a *CodeError naming the malformed part; a text of the wrong shape is best reported
// with the format's own sentinel, since ErrCodeFormat names the Circular 01 form (an error
// that is not a *CodeError is reported as ErrCodeFormat). A format must be safe for concurrent use,
// and Parse(Format(c)) must give c back. Codes printed before a new format came into force
// keep their form: a format that replaces another should still read them (fall back to
// ParseCode).
type CodeFormat interface {
	Format(c Code) (string, error)
	Parse(s string) (Code, error)
}

// Circular01 is the default CodeFormat, <unit>-YYMMDD-NNNN (Circular 01/2018/TT-VPCP
// Art. 19): Format is Code.MarshalText for a code that Validate accepts, Parse is ParseCode.
type Circular01 struct{}

// Format prints c as <unit>-YYMMDD-NNNN.
func (Circular01) Format(c Code) (string, error) {
	if err := c.Validate(); err != nil {
		return "", err
	}
	var buf [32]byte // a valid code is 24 bytes: printed on the stack, then copied once
	return string(c.appendTo(buf[:0])), nil
}

// formats reports whether f can print c, as f.Format does, without printing it when f is
// Circular01 (whose Format fails exactly when Validate does): IssueCode and Apply check the
// code at every intake and need no text.
func formats(f CodeFormat, c Code) error {
	if _, ok := f.(Circular01); ok {
		return c.Validate()
	}
	_, err := f.Format(c)
	return err
}

// Parse is ParseCode.
func (Circular01) Parse(s string) (Code, error) { return ParseCode(s) }

// codeFormat returns the format of regime reg.
func (r *Rules) codeFormat(reg Regime) CodeFormat {
	var f CodeFormat
	switch {
	case r == nil:
	case reg == Decree61:
		f = r.policies[Decree61].CodeFormat
	default:
		f = r.policies[Decree118].CodeFormat
	}
	if f == nil {
		return Circular01{}
	}
	return f
}

// FormatCode prints c in the code format of the regime of its reception date
// (Policy.CodeFormat; Circular01 by default). The zero Code prints as "".
func (r *Rules) FormatCode(c Code) (string, error) {
	if c.IsZero() {
		return "", nil
	}
	s, err := r.codeFormat(regimeOn(c.Date)).Format(c)
	if err != nil {
		return "", codeError(err, WholeCode, c.String())
	}
	return s, nil
}

// ParseCode reads a printed dossier code in the code format of each regime, the newest
// first, and returns the first reading; when none reads it, the *CodeError of the newest
// format. With the default policies it is ParseCode.
func (r *Rules) ParseCode(s string) (Code, error) {
	var first error
	for _, reg := range [...]Regime{Decree118, Decree61} {
		c, err := r.codeFormat(reg).Parse(s)
		if err == nil && !c.storable() {
			err = newCodeError(s, ErrCodeFormat)
		}
		if err == nil {
			return c, nil
		}
		if first == nil {
			first = codeError(err, WholeCode, s)
		}
	}
	return Code{}, first
}

// IssueCode draws the next number from src and builds the code of a dossier received by
// unit at the instant received, in the code format of the regime of that date; it checks
// that the format can print the unit and the date before drawing a number. A number the
// format cannot print is reported with ErrCodeExhausted. With the default policies it is
// IssueCode.
func (r *Rules) IssueCode(ctx context.Context, src SequenceSource, unit string, received time.Time) (Code, error) {
	if src == nil {
		return Code{}, &FieldError{Field: "sequence_source", Err: ErrRequired}
	}
	if ctx == nil {
		ctx = context.Background()
	}
	day := dateOf(received)
	f := r.codeFormat(regimeOn(day))
	if unit == "" {
		return Code{}, &CodeError{Part: UnitPart, Err: ErrCodeUnit}
	}
	if err := formats(f, Code{Unit: unit, Date: day, Seq: 1}); err != nil {
		return Code{}, codeError(err, UnitPart, unit)
	}
	n, err := src.Next(ctx, unit, day)
	if err != nil {
		return Code{}, err
	}
	if n < 1 {
		return Code{}, &CodeError{Part: SequencePart, Value: strconv.Itoa(n), Err: ErrCodeSequence}
	}
	c := Code{Unit: unit, Date: day, Seq: n}
	if err := formats(f, c); err != nil {
		return Code{}, &CodeError{Part: SequencePart, Value: strconv.Itoa(n), Err: ErrCodeExhausted}
	}
	return c, nil
}

// checkCode checks that the format in force at now prints c.
func (r *Rules) checkCode(c Code, now time.Time) error {
	if err := formats(r.codeFormat(RegimeAt(now)), c); err != nil {
		return codeError(err, WholeCode, c.String())
	}
	if !c.storable() {
		return newCodeError(c.String(), ErrCodeFormat)
	}
	return nil
}

// codeError returns err as a *CodeError about the text value: a format's own *CodeError is
// kept, given the code when it has none; any other error is reported as a code of the wrong
// form (or, for part UnitPart, a unit the format cannot print).
func codeError(err error, part CodePart, value string) error {
	var ce *CodeError
	if errors.As(err, &ce) {
		if ce.Code != "" || part != WholeCode {
			return err
		}
		c := *ce
		c.Code = msg.Clip(value)
		return &c
	}
	if part == UnitPart {
		return &CodeError{Part: UnitPart, Value: msg.Clip(value), Err: ErrCodeUnit}
	}
	return newCodeError(value, ErrCodeFormat)
}

// regimeOn is the regime of a dossier received on day.
func regimeOn(day date.Date) Regime {
	if day < date.New(2025, time.July, 1) {
		return Decree61
	}
	return Decree118
}

// storable reports whether c can be kept in the stored form of codes: a unit, a date of
// years 1–9999 and a positive sequence number.
func (c Code) storable() bool {
	y := c.Date.Year()
	return c.Unit != "" && y >= 1 && y <= 9999 && c.Seq >= 1 && !strings.ContainsAny(c.Unit, "\x00\n\r")
}

// appendStored writes a code that Validate refuses but a format issued: <unit>-YYYYMMDD-N.
func (c Code) appendStored(b []byte) []byte {
	y, m, d := c.Date.Date()
	b = append(b, c.Unit...)
	b = append(b, '-')
	b = append2(b, y/100)
	b = append2(b, y%100)
	b = append2(b, int(m))
	b = append2(b, d)
	b = append(b, '-')
	return strconv.AppendInt(b, int64(c.Seq), 10)
}

// parseStored reads the form appendStored writes.
func parseStored(s string) (Code, bool) {
	i := strings.LastIndexByte(s, '-')
	if i < 10 || s[i-9] != '-' {
		return Code{}, false
	}
	unit, ds, ss := s[:i-9], s[i-8:i], s[i+1:]
	n, ok := digits(ds)
	if !ok || len(ss) == 0 || len(ss) > 9 {
		return Code{}, false
	}
	seq, ok := digits(ss)
	if !ok {
		return Code{}, false
	}
	y, m, d := n/10000, n/100%100, n%100
	if y < 1 || m < 1 || m > 12 || d < 1 || d > daysIn(y, m) {
		return Code{}, false
	}
	c := Code{Unit: unit, Date: date.New(y, time.Month(m), d), Seq: seq}
	if !c.storable() {
		return Code{}, false
	}
	return c, true
}
