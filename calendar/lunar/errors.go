package lunar

import (
	"errors"
	"fmt"
)

// Errors wrapped by *DateError; test with errors.Is.
var (
	// ErrNoSuchDate: the lunar date does not exist (month 13, day 30 of a 29-day month, a leap
	// month in a year without it).
	ErrNoSuchDate = errors.New("does not exist")
	// ErrOutOfRange: the lunar year lies outside the table (see Range).
	ErrOutOfRange = errors.New("is outside the supported range")
)

// DateError reports a lunar date that ToSolar cannot convert. Field names the part at fault:
// "Year", "Month", "Day" or "Leap". Error gives the message in English; Message gives it in Vietnamese
// or English.
type DateError struct {
	Date  Date
	Field string
	Err   error

	monthLength int // for Field "Day": the month's length
	leapMonth   int // for Field "Leap": the year's leap month, 0 if none
}

// Unwrap returns ErrNoSuchDate or ErrOutOfRange.
func (e *DateError) Unwrap() error { return e.Err }

// Error describes the problem in English.
func (e *DateError) Error() string {
	d := e.Date
	switch e.Field {
	case "Year":
		return fmt.Sprintf("lunar year %d %v %d–%d", d.Year, e.Err, tableFirst, tableLast)
	case "Month":
		return fmt.Sprintf("lunar date %s %v: Month %d, months run from 1 to 12", d, e.Err, d.Month)
	case "Leap":
		if e.leapMonth == 0 {
			return fmt.Sprintf("lunar date %s %v: Leap, year %d (%s) has no leap month", d, e.Err, d.Year, YearName(d.Year))
		}
		return fmt.Sprintf("lunar date %s %v: Leap, the leap month of year %d (%s) is month %d", d, e.Err, d.Year, YearName(d.Year), e.leapMonth)
	case "Day":
		return fmt.Sprintf("lunar date %s %v: Day %d, the month has %d days", d, e.Err, d.Day, e.monthLength)
	}
	return fmt.Sprintf("lunar date %s %v", d, e.Err)
}
