package dossier

import (
	"context"
	"strconv"
	"time"

	"github.com/motcua-go/motcua/calendar"
	"github.com/motcua-go/motcua/internal/msg"
	"github.com/rickb777/date/v2"
)

// Code is a dossier code (mã số hồ sơ) of Circular 01/2018/TT-VPCP Art. 19:
// <receiving unit's QCVN 102 code>-YYMMDD-NNNN, e.g. 000.00.00.H49-250701-0001. The date is
// the reception date and the sequence counts the dossiers the unit received that day.
// The zero Code means "no code yet" (codes are issued on acceptance only).
type Code struct {
	Unit string    // V1V2V3.Z1Z2.Y1Y2.MX1X2
	Date date.Date // reception date (2000–2099)
	Seq  int       // 1–9999
}

// IsZero reports whether c is the zero Code.
func (c Code) IsZero() bool { return c == Code{} }

// String formats the code; the zero Code formats as "". A code that Validate refuses
// (issued under another CodeFormat) formats in the stored form <unit>-YYYYMMDD-N.
func (c Code) String() string {
	if c.IsZero() {
		return ""
	}
	var buf [40]byte // the common codes fit: printed on the stack, then copied once
	b := buf[:0]
	if c.Validate() != nil {
		return string(c.appendStored(b))
	}
	return string(c.appendTo(b))
}

func (c Code) appendTo(b []byte) []byte {
	y, m, d := c.Date.Date()
	b = append(b, c.Unit...)
	b = append(b, '-')
	b = append2(b, y%100)
	b = append2(b, int(m))
	b = append2(b, d)
	b = append(b, '-')
	b = append2(b, c.Seq/100%100)
	b = append2(b, c.Seq%100)
	return b
}

func append2(b []byte, n int) []byte { return append(b, byte('0'+n/10), byte('0'+n%10)) }

// MarshalText encodes the code in its printed form (Circular 01/2018 Art. 19). A code
// issued under another CodeFormat whose parts that form cannot hold (a longer sequence
// number, another unit code) is stored as <unit>-YYYYMMDD-N, so that it reads back
// unchanged whatever the format in force.
func (c Code) MarshalText() ([]byte, error) {
	if c.IsZero() {
		return []byte{}, nil
	}
	return c.AppendText(nil)
}

// AppendText appends the text MarshalText gives to b (encoding.TextAppender): with a buffer
// of the caller's, a code is printed or compared without allocating. On error b is returned
// unchanged.
func (c Code) AppendText(b []byte) ([]byte, error) {
	if c.IsZero() {
		return b, nil
	}
	if err := c.Validate(); err != nil {
		if !c.storable() {
			return b, err
		}
		return c.appendStored(b), nil
	}
	return c.appendTo(b), nil
}

// UnmarshalText parses a code in the form MarshalText writes; the empty text gives the zero
// Code.
func (c *Code) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*c = Code{}
		return nil
	}
	p, err := ParseCode(string(b))
	if err != nil {
		q, ok := parseStored(string(b))
		if !ok {
			return err
		}
		p = q
	}
	*c = p
	return nil
}

// Validate checks each part of c and returns a *CodeError for the first bad one.
func (c Code) Validate() error {
	if !ValidUnitCode(c.Unit) {
		return &CodeError{Part: UnitPart, Value: c.Unit, Err: ErrCodeUnit}
	}
	if y := c.Date.Year(); y < 2000 || y > 2099 {
		return &CodeError{Part: DatePart, Value: c.Date.String(), Err: ErrCodeDate}
	}
	if c.Seq < 1 || c.Seq > 9999 {
		return &CodeError{Part: SequencePart, Value: strconv.Itoa(c.Seq), Err: ErrCodeSequence}
	}
	return nil
}

// ValidUnitCode reports whether s is a QCVN 102:2016/BTTTT unit code V1V2V3.Z1Z2.Y1Y2.MX1X2:
// three digits, two digits, two digits, then a capital letter and two digits (000.00.00.H49).
func ValidUnitCode(s string) bool {
	if len(s) != 13 || s[3] != '.' || s[6] != '.' || s[9] != '.' {
		return false
	}
	for _, i := range [...]int{0, 1, 2, 4, 5, 7, 8, 11, 12} {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s[10] >= 'A' && s[10] <= 'Z'
}

// ParseCode parses a printed dossier code, reporting a *CodeError that carries the code (cut
// to 64 characters) and names the malformed part (ErrCodeFormat, ErrCodeUnit, ErrCodeDate or
// ErrCodeSequence). The code is read as written: the embedder (or onestop's lookup) trims
// spaces and upper-cases what a citizen types before.
func ParseCode(s string) (Code, error) {
	if len(s) != 25 || s[13] != '-' || s[20] != '-' {
		return Code{}, newCodeError(s, ErrCodeFormat)
	}
	unit, ds, ss := s[:13], s[14:20], s[21:]
	if !ValidUnitCode(unit) {
		return Code{}, &CodeError{Code: s, Part: UnitPart, Value: unit, Err: ErrCodeUnit}
	}
	n, ok := digits(ds)
	if !ok {
		return Code{}, &CodeError{Code: s, Part: DatePart, Value: ds, Err: ErrCodeDate}
	}
	y, m, d := 2000+n/10000, n/100%100, n%100
	if m < 1 || m > 12 || d < 1 || d > daysIn(y, m) {
		return Code{}, &CodeError{Code: s, Part: DatePart, Value: ds, Err: ErrCodeDate}
	}
	seq, ok := digits(ss)
	if !ok || seq < 1 {
		return Code{}, &CodeError{Code: s, Part: SequencePart, Value: ss, Err: ErrCodeSequence}
	}
	return Code{Unit: unit, Date: date.New(y, time.Month(m), d), Seq: seq}, nil
}

func digits(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, true
}

func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// SequenceSource hands out the daily sequence numbers of a receiving unit: the n-th call
// for (unit, day) returns n. It is implemented by the embedder's store; it must be safe for
// concurrent use and never return a number twice.
type SequenceSource interface {
	Next(ctx context.Context, unit string, day date.Date) (int, error)
}

// IssueCode draws the next number from src and builds the code of a dossier received by unit
// at the instant received (its date taken in calendar.Zone()). A nil src is reported as a
// *FieldError (ErrRequired); a nil ctx is taken as context.Background().
func IssueCode(ctx context.Context, src SequenceSource, unit string, received time.Time) (Code, error) {
	if src == nil {
		return Code{}, &FieldError{Field: "sequence_source", Err: ErrRequired}
	}
	if ctx == nil {
		ctx = context.Background()
	}
	if !ValidUnitCode(unit) {
		return Code{}, &CodeError{Part: UnitPart, Value: msg.Clip(unit), Err: ErrCodeUnit}
	}
	day := date.NewAt(received.In(calendar.Zone()))
	if y := day.Year(); y < 2000 || y > 2099 {
		return Code{}, &CodeError{Part: DatePart, Value: day.String(), Err: ErrCodeDate}
	}
	n, err := src.Next(ctx, unit, day)
	if err != nil {
		return Code{}, err
	}
	if n > 9999 {
		return Code{}, &CodeError{Part: SequencePart, Value: strconv.Itoa(n), Err: ErrCodeExhausted}
	}
	if n < 1 {
		return Code{}, &CodeError{Part: SequencePart, Value: strconv.Itoa(n), Err: ErrCodeSequence}
	}
	return Code{Unit: unit, Date: day, Seq: n}, nil
}

// CodeUnit returns the identifier that opens the code of the dossier accepted at received,
// under the policy of the regime in force then (Policy.CodeUnit): the receiving desk's
// (Circular 01/2018 Art. 19; Decree 61), or the competent agency's (Decree 118/2025 Art.
// 28(2)(a)) — for an inter-agency group (Intake.Group) the receiving desk's when submitted
// on paper and the National Public Service Portal's (Policy.PortalUnit; the desk's while it
// is not set) when submitted online. Receive accepts only a code of this identifier: draw
// the number with Rules.IssueCode(ctx, src, d.CodeUnit(received), received), so that the
// daily sequence is per identifier.
func (d *Dossier) CodeUnit(received time.Time) string {
	if d == nil {
		return ""
	}
	p := d.Rules.Policy(RegimeAt(received))
	switch {
	case p.CodeUnit != CompetentUnit:
		return d.Desk
	case d.group() != "":
		if !d.Channel.Paper() && p.PortalUnit != "" {
			return p.PortalUnit
		}
		return d.Desk
	case d.Agency != "":
		return d.Agency
	}
	return d.Desk
}

// group is the inter-agency group of the intake (Intake.Group), read from the log.
func (d *Dossier) group() string {
	if len(d.Events) == 0 || d.Events[0].Intake == nil {
		return ""
	}
	return d.Events[0].Intake.Group
}
