package procedure

import (
	"encoding/json"
	"errors"
	"time"

	"github.com/motcua-go/motcua/calendar"
	"github.com/shopspring/decimal"
)

// HoursPerWorkingDay is the number of working hours in a working day used to convert fractional
// working days (1.5 working days = 12 working hours): the 8-hour day of the civil service
// (Decision 188/1999/QĐ-TTg, 40-hour week).
const HoursPerWorkingDay = 8

// DefaultCutoff is the same-day cut-off used when a procedure gives none: 15:00, the time after
// which dossiers received in person move to the next working day (Decree 61/2018 Art. 18(2)).
const DefaultCutoff = calendar.TimeOfDay(15 * time.Hour)

// maxLimitValue bounds a published value so that conversions cannot overflow.
const maxLimitValue = 10000

var (
	errLimitRange   = errors.New("limit value out of range")
	errLimitHours   = errors.New("not a whole number of working hours")
	errLimitInteger = errors.New("not a whole number")
	errLimitUnit    = errors.New("unknown unit")
)

// Calendar returns the limit in calendar form: whole working days stay working days, fractional
// ones become working hours (1.5 working days → 12 working hours). It fails for a value that is
// not positive, not a whole number of working hours, or a fractional number of days, months or
// clock hours, and with ErrLimitNotPublished for a limit not published.
func (l PublishedLimit) Calendar() (calendar.Limit, error) {
	if l.Unpublished {
		return calendar.Limit{}, ErrLimitNotPublished
	}
	if cl, err, ok := l.smallCalendar(); ok {
		return cl, err
	}
	return l.bigCalendar()
}

// bigCalendar is Calendar in decimal arithmetic, for any value.
func (l PublishedLimit) bigCalendar() (calendar.Limit, error) {
	v := l.Value
	if v.Sign() <= 0 || wild(v) || v.GreaterThan(decimal.NewFromInt(maxLimitValue)) {
		return calendar.Limit{}, errLimitRange
	}
	switch l.Unit {
	case calendar.WorkingDays:
		if v.IsInteger() {
			return calendar.Limit{N: int(v.IntPart()), Unit: calendar.WorkingDays}, nil
		}
		h := v.Mul(decimal.NewFromInt(HoursPerWorkingDay))
		if !h.IsInteger() {
			return calendar.Limit{}, errLimitHours
		}
		return calendar.Limit{N: int(h.IntPart()), Unit: calendar.WorkingHours}, nil
	case calendar.WorkingHours:
		if !v.IsInteger() {
			return calendar.Limit{}, errLimitHours
		}
		return calendar.Limit{N: int(v.IntPart()), Unit: calendar.WorkingHours}, nil
	case calendar.Days, calendar.Months, calendar.Hours:
		if !v.IsInteger() {
			return calendar.Limit{}, errLimitInteger
		}
		return calendar.Limit{N: int(v.IntPart()), Unit: l.Unit}, nil
	}
	return calendar.Limit{}, errLimitUnit
}

// smallCalendar is Calendar for the values every real procedure publishes (up to 12 digits,
// at most 4 after the point), in machine integers: Calendar runs at every intake, and the
// decimal arithmetic allocates. It gives the same result as the general path; ok is false for
// any other value, which the general path then converts.
func (l PublishedLimit) smallCalendar() (cl calendar.Limit, err error, ok bool) {
	v := l.Value
	if v.Sign() <= 0 || v.NumDigits() > 12 {
		return calendar.Limit{}, nil, false
	}
	e := v.Exponent()
	if e < -4 || e > 0 {
		return calendar.Limit{}, nil, false
	}
	c := v.CoefficientInt64() // no allocation: the value is initialised (Sign > 0)
	p := int64(1)
	for range -e {
		p *= 10
	}
	if c > maxLimitValue*p {
		return calendar.Limit{}, errLimitRange, true
	}
	whole := c%p == 0
	switch l.Unit {
	case calendar.WorkingDays:
		if whole {
			return calendar.Limit{N: int(c / p), Unit: calendar.WorkingDays}, nil, true
		}
		h := c * HoursPerWorkingDay
		if h%p != 0 {
			return calendar.Limit{}, errLimitHours, true
		}
		return calendar.Limit{N: int(h / p), Unit: calendar.WorkingHours}, nil, true
	case calendar.WorkingHours:
		if !whole {
			return calendar.Limit{}, errLimitHours, true
		}
		return calendar.Limit{N: int(c / p), Unit: calendar.WorkingHours}, nil, true
	case calendar.Days, calendar.Months, calendar.Hours:
		if !whole {
			return calendar.Limit{}, errLimitInteger, true
		}
		return calendar.Limit{N: int(c / p), Unit: l.Unit}, nil, true
	}
	return calendar.Limit{}, errLimitUnit, true
}

// String returns e.g. "1.5 working_days", and "unpublished" for a limit not published.
func (l PublishedLimit) String() string {
	if l.Unpublished {
		return "unpublished"
	}
	return l.Value.String() + " " + l.Unit.String()
}

// MarshalJSON writes {"value": "1.5", "unit": "working_days"}, or {"unpublished": true} for a
// limit not published.
func (l PublishedLimit) MarshalJSON() ([]byte, error) {
	if l.Unpublished {
		return []byte(`{"unpublished":true}`), nil
	}
	type plain struct {
		Value decimal.Decimal `json:"value"`
		Unit  calendar.Unit   `json:"unit"`
	}
	return json.Marshal(plain{l.Value, l.Unit})
}

// workingHours returns the limit in working hours, and false for calendar units.
func workingHours(l calendar.Limit) (int, bool) {
	switch l.Unit {
	case calendar.WorkingDays:
		return l.N * HoursPerWorkingDay, true
	case calendar.WorkingHours:
		return l.N, true
	}
	return 0, false
}

// channel returns the limit for ch, or nil.
func (ls *Limits) channel(ch Channel) *PublishedLimit {
	switch ch {
	case Counter:
		return ls.Counter
	case Online:
		return ls.Online
	case Postal:
		return ls.Postal
	}
	return nil
}

// set makes l the limit for ch (a copy); another channel is ignored.
func (ls *Limits) set(ch Channel, l PublishedLimit) {
	switch ch {
	case Counter:
		ls.Counter = &l
	case Online:
		ls.Online = &l
	case Postal:
		ls.Postal = &l
	}
}

// Channels lists the channels the procedure is offered on (those with a time limit, published
// or not); none for a nil p.
func (p *Procedure) Channels() []Channel {
	if p == nil {
		return nil
	}
	var out []Channel
	for _, ch := range channels {
		if p.Limits.channel(ch) != nil {
			out = append(out, ch)
		}
	}
	return out
}

// Case returns the case with the given ID; none for a nil p.
func (p *Procedure) Case(id string) (*Case, bool) {
	if p == nil {
		return nil, false
	}
	for i := range p.Cases {
		if p.Cases[i].ID == id {
			return &p.Cases[i], true
		}
	}
	return nil, false
}

// published returns the published limit for ch in case caseID ("" for the general case), and
// whether a case overrides it.
func (p *Procedure) published(ch Channel, caseID string) (*PublishedLimit, bool, error) {
	if p == nil {
		return nil, false, &UseError{What: ch.String(), Err: ErrNilProcedure}
	}
	l := p.Limits.channel(ch)
	if l == nil {
		return nil, false, &UseError{Code: p.Code, What: ch.String(), Err: ErrChannelNotOffered}
	}
	if caseID == "" {
		return l, false, nil
	}
	c, ok := p.Case(caseID)
	if !ok {
		return nil, false, &UseError{Code: p.Code, What: caseID, Err: ErrUnknownCase}
	}
	if cl := c.Limits.channel(ch); cl != nil {
		return cl, true, nil
	}
	return l, false, nil
}

// Limit returns the time limit for a dossier submitted on channel ch in case caseID ("" for the
// general case): the case's limit for the channel if it gives one, else the procedure's. The
// error is a *UseError wrapping ErrChannelNotOffered, ErrUnknownCase, ErrLimitNotPublished (the
// channel is offered without a published limit), or ErrNilProcedure for a nil p.
func (p *Procedure) Limit(ch Channel, caseID string) (calendar.Limit, error) {
	l, _, err := p.published(ch, caseID)
	if err != nil {
		return calendar.Limit{}, err
	}
	if l.Unpublished {
		return calendar.Limit{}, &UseError{Code: p.Code, What: ch.String(), Err: ErrLimitNotPublished}
	}
	return l.Calendar()
}

// Cutoff returns the same-day cut-off as a time of day, and false if the procedure has no
// same-day rule or p is nil.
func (p *Procedure) Cutoff() (calendar.TimeOfDay, bool) {
	if p == nil || p.SameDay == nil {
		return 0, false
	}
	if p.SameDay.Cutoff == 0 {
		return DefaultCutoff, true
	}
	return p.SameDay.Cutoff, true
}

// Due returns the promised return time for a dossier received at received on channel ch in case
// caseID, counted from received (see Clock for procedures whose limit starts at another event).
// A same-day procedure is due by the same-day rule (before the cut-off: close of that working
// day; else close of the next) unless the case sets its own limit for the channel; a case with
// its own same-day rule is due by it. A nil cal means calendar.Default(). The error is a
// *UseError as for Limit.
func (p *Procedure) Due(cal *calendar.Calendar, received time.Time, ch Channel, caseID string) (time.Time, error) {
	l, overridden, err := p.published(ch, caseID)
	if err != nil {
		return time.Time{}, err
	}
	if cal == nil {
		cal = calendar.Default()
	}
	if c, ok := p.Case(caseID); ok && c.SameDay != nil {
		return cal.SameDayDue(received, c.SameDay.cutoff()), nil
	}
	if cut, ok := p.Cutoff(); ok && !overridden {
		return cal.SameDayDue(received, calendar.TimeOfDay(cut)), nil
	}
	if l.Unpublished {
		return time.Time{}, &UseError{Code: p.Code, What: ch.String(), Err: ErrLimitNotPublished}
	}
	cl, err := l.Calendar()
	if err != nil {
		return time.Time{}, err
	}
	return cal.Due(received, cl), nil
}

// cutoff returns the rule's cut-off, DefaultCutoff when it gives none.
func (s *SameDay) cutoff() calendar.TimeOfDay {
	if s.Cutoff == 0 {
		return DefaultCutoff
	}
	return s.Cutoff
}

// ClockOf returns the clock of a dossier in case caseID ("" for the general case): the case's
// clock if it gives one, else the procedure's; the zero Clock (from reception, no pauses) when
// neither does. The error is a *UseError wrapping ErrUnknownCase, or ErrNilProcedure for a nil
// p.
func (p *Procedure) ClockOf(caseID string) (Clock, error) {
	if p == nil {
		return Clock{}, &UseError{What: "clock", Err: ErrNilProcedure}
	}
	var c *Clock
	if caseID != "" {
		cs, ok := p.Case(caseID)
		if !ok {
			return Clock{}, &UseError{Code: p.Code, What: caseID, Err: ErrUnknownCase}
		}
		c = cs.Clock
	}
	if c == nil {
		c = p.Clock
	}
	if c == nil {
		return Clock{Start: Reception}, nil
	}
	out := *c
	if out.Start == "" {
		out.Start = Reception
	}
	return out, nil
}

func zone() *time.Location { return calendar.Zone() }
