package calendar

import (
	"time"

	"github.com/rickb777/date/v2"
)

// SKELETON: public surface agreed with the other packages; bodies are being written.

// Zone returns Asia/Ho_Chi_Minh (UTC+7, no daylight saving), even on hosts without tzdata.
func Zone() *time.Location { return zone }

var zone = time.FixedZone("+07", 7*60*60)

// Unit is the unit of a time limit.
type Unit uint8

// Units of a time limit.
const (
	WorkingDays  Unit = iota + 1 // ngày làm việc
	WorkingHours                 // giờ làm việc (session time)
	Days                         // calendar days (ngày)
	Months                       // calendar months (tháng)
)

// Limit is a time limit as published for a procedure: N units.
// A fractional published limit is expressed in a smaller unit: 1.5 working days is 12 WorkingHours.
type Limit struct {
	N    int
	Unit Unit
}

// DayKind classifies a date.
type DayKind uint8

// Kinds of day.
const (
	Workday DayKind = iota
	Weekend
	Holiday
	Compensatory
	SwappedOff
	MakeupWorkday
	Closure
)

// Day describes one date: its kind, its name and the document it comes from.
type Day struct {
	Date        date.Date
	Kind        DayKind
	Name        string
	Source      string
	Provisional bool
}

// Calendar is a compiled working calendar. It is immutable and safe for concurrent use.
type Calendar struct{}

// Option configures New.
type Option interface{ apply(*config) error }

type config struct{}

// Default returns the civil-service calendar: embedded official schedules, statutory rules,
// office hours Mon–Fri 07:30–11:30 and 13:00–17:00.
func Default() *Calendar { return &Calendar{} }

// New compiles a calendar from options.
func New(opts ...Option) (*Calendar, error) { return &Calendar{}, nil }

// IsWorkingDay reports whether processing time runs on d.
func (c *Calendar) IsWorkingDay(d date.Date) bool { return false }

// Day describes d.
func (c *Calendar) Day(d date.Date) Day { return Day{Date: d} }

// DaysOff lists every day of year whose status differs from the plain Mon–Fri week.
func (c *Calendar) DaysOff(year int) []Day { return nil }

// AddWorkingDays returns the n-th working day after d (d itself not counted); n<0 goes back.
func (c *Calendar) AddWorkingDays(d date.Date, n int) date.Date { return d }

// WorkingDaysBetween counts working days in (from, to]; negative if to < from.
func (c *Calendar) WorkingDaysBetween(from, to date.Date) int { return 0 }

// Due returns the promised return instant for a dossier received at received with limit l.
func (c *Calendar) Due(received time.Time, l Limit) time.Time { return received }

// AddWorkingTime returns the instant d of session time after t (t first moved to the next
// session if outside office hours); a result on a session boundary is the earlier session's close.
func (c *Calendar) AddWorkingTime(t time.Time, d time.Duration) time.Time { return t }

// WorkingTimeBetween returns the session time in [from, to); negative if to < from.
func (c *Calendar) WorkingTimeBetween(from, to time.Time) time.Duration { return 0 }

// NextWorkingStart returns t if t is within office hours, else the start of the next session.
func (c *Calendar) NextWorkingStart(t time.Time) time.Time { return t }

// IsOfficeHours reports whether t falls inside a working session of a working day.
func (c *Calendar) IsOfficeHours(t time.Time) bool { return false }

// IsReceptionHours reports whether the desk receives dossiers at t.
func (c *Calendar) IsReceptionHours(t time.Time) bool { return false }

// CloseOfDay returns the end of the last session of working day d.
func (c *Calendar) CloseOfDay(d date.Date) time.Time { return time.Time{} }

// SameDayDue applies the same-day rule: received on a working day before cutoff (time of day,
// e.g. 15*time.Hour) → close of that day; otherwise close of the next working day.
func (c *Calendar) SameDayDue(received time.Time, cutoff time.Duration) time.Time { return received }
