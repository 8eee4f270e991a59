package calendar

import (
	"strconv"

	"github.com/motcua-go/motcua/internal/msg"
	"github.com/rickb777/date/v2"
)

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
		return nil, &TextError{Value: strconv.Itoa(int(k)), Err: ErrUnknownKind}
	}
	return []byte(k.String()), nil
}

// UnmarshalText decodes a kind as written in schedule files.
func (k *DayKind) UnmarshalText(b []byte) error {
	v, ok := parseKind(string(b))
	if !ok {
		return &TextError{Value: msg.Clip(string(b)), Err: ErrUnknownKind}
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
// as a schedule file. Date is a date.Date (github.com/rickb777/date/v2): from a time.Time t,
// date.NewAt(t.In(calendar.Zone())); from its parts, date.New(2026, time.March, 10).
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
