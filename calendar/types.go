package calendar

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/rickb777/date/v2"
)

// Unit is the unit of a time limit.
type Unit uint8

// Units of a time limit.
const (
	WorkingDays  Unit = iota + 1 // ngày làm việc
	WorkingHours                 // giờ làm việc (session time)
	Days                         // calendar days (ngày)
	Months                       // calendar months (tháng)
)

var unitNames = [...]string{WorkingDays: "working-days", WorkingHours: "working-hours", Days: "days", Months: "months"}

// String returns the unit's text form: working-days, working-hours, days or months.
func (u Unit) String() string {
	if u >= WorkingDays && u <= Months {
		return unitNames[u]
	}
	return "unit(" + strconv.Itoa(int(u)) + ")"
}

// Limit is a time limit as published for a procedure: N units.
// A fractional published limit is expressed in a smaller unit: 1.5 working days is 12 WorkingHours.
type Limit struct {
	N    int
	Unit Unit
}

// String returns the limit's text form, e.g. "3 working-days" or "1 month"; ParseLimit reads it back.
func (l Limit) String() string {
	u := l.Unit.String()
	if l.N == 1 && l.Unit >= WorkingDays && l.Unit <= Months {
		u = u[:len(u)-1]
	}
	return strconv.Itoa(l.N) + " " + u
}

// Valid reports whether l has a known unit and N ≥ 0.
func (l Limit) Valid() bool { return l.N >= 0 && l.Unit >= WorkingDays && l.Unit <= Months }

// MarshalText encodes l as String does; the zero Limit encodes as "".
func (l Limit) MarshalText() ([]byte, error) {
	if l == (Limit{}) {
		return []byte{}, nil
	}
	if !l.Valid() {
		return nil, &LimitError{Value: l.String(), Err: ErrBadLimit}
	}
	return []byte(l.String()), nil
}

// UnmarshalText decodes the form ParseLimit accepts; "" decodes as the zero Limit.
func (l *Limit) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*l = Limit{}
		return nil
	}
	v, err := ParseLimit(string(b))
	if err != nil {
		return err
	}
	*l = v
	return nil
}

// ParseLimit reads a limit: a whole number N ≥ 0 and a unit, with or without a space
// between them. Units, without regard to case, with "-", "_" or a space between words:
//
//   - working days: working-days, working-day, working_days, wd, ngày làm việc;
//   - working hours: working-hours, working-hour, working_hours, wh, giờ làm việc;
//   - calendar days: days, day, d, ngày;
//   - months: months, month, mo, tháng.
//
// So "3 working-days" (the form String writes), "3wd", "12wh", "20d", "2mo", "3 working_days"
// and "15 ngày làm việc" are all accepted. Fractions are not: a published 1.5 working days
// is 12 working hours.
func ParseLimit(s string) (Limit, error) {
	t := strings.TrimSpace(s)
	i := 0
	for i < len(t) && t[i] >= '0' && t[i] <= '9' {
		i++
	}
	if i == 0 {
		return Limit{}, &LimitError{Value: s, Err: ErrBadLimit}
	}
	n, err := strconv.Atoi(t[:i])
	if err != nil {
		return Limit{}, &LimitError{Value: s, Err: ErrBadLimit}
	}
	unit := strings.Join(strings.Fields(strings.NewReplacer("-", " ", "_", " ").Replace(strings.ToLower(t[i:]))), " ")
	var u Unit
	switch unit {
	case "working days", "working day", "wd", "ngày làm việc":
		u = WorkingDays
	case "working hours", "working hour", "wh", "giờ làm việc":
		u = WorkingHours
	case "days", "day", "d", "ngày":
		u = Days
	case "months", "month", "mo", "tháng":
		u = Months
	default:
		return Limit{}, &LimitError{Value: s, Err: ErrBadLimit}
	}
	return Limit{N: n, Unit: u}, nil
}

// DayKind classifies a date.
type DayKind uint8

// Kinds of day.
const (
	Workday       DayKind = iota // ngày làm việc
	Weekend                      // ngày nghỉ hằng tuần
	Holiday                      // ngày lễ, Tết
	Compensatory                 // nghỉ bù
	SwappedOff                   // nghỉ hoán đổi
	MakeupWorkday                // làm bù
	Closure                      // nghỉ đột xuất (closure decided by the embedder)
)

var kindNames = [...]string{"workday", "weekend", "holiday", "compensatory", "swapped_off", "makeup_workday", "closure"}

// String returns the kind as written in schedule files (e.g. "swapped_off").
func (k DayKind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "kind(" + strconv.Itoa(int(k)) + ")"
}

// MarshalText encodes k as String does.
func (k DayKind) MarshalText() ([]byte, error) {
	if int(k) >= len(kindNames) {
		return nil, fmt.Errorf("calendar: %w: %d", ErrUnknownKind, k)
	}
	return []byte(k.String()), nil
}

// UnmarshalText decodes a kind as written in schedule files.
func (k *DayKind) UnmarshalText(b []byte) error {
	v, ok := parseKind(string(b))
	if !ok {
		return fmt.Errorf("calendar: %w: %q", ErrUnknownKind, b)
	}
	*k = v
	return nil
}

func parseKind(s string) (DayKind, bool) {
	for i, n := range kindNames {
		if s == n {
			return DayKind(i), true
		}
	}
	return 0, false
}

// IsWorking reports whether processing time runs on a day of kind k.
func (k DayKind) IsWorking() bool { return k == Workday || k == MakeupWorkday }

// Day describes one date: its kind, its name and the document it comes from.
// Provisional marks a status not yet fixed by an announced schedule. In JSON a Day
// has the shape of a schedule row (see ParseSchedule), so DaysOff can be exported
// as a schedule file.
type Day struct {
	Date        date.Date `json:"date"`
	Kind        DayKind   `json:"kind"`
	Name        string    `json:"name"`
	Source      string    `json:"source"`
	Provisional bool      `json:"provisional"`
}

// YearStatus says whether a year's days off are announced or inferred.
type YearStatus uint8

// Year statuses.
const (
	// Provisional: the days off come from the statutory rules and the practice
	// (or from rows marked provisional); the government may still decide otherwise.
	Provisional YearStatus = iota
	// Announced: an official schedule covers the year.
	Announced
)

// String returns "provisional" or "announced".
func (s YearStatus) String() string {
	if s == Announced {
		return "announced"
	}
	return "provisional"
}
