// Command calendar prints the 2026 days off of Vietnamese public administration,
// with their names and sources, and the promised return times of a few typical
// receipts at a one-stop desk.
//
//	go run ./examples/calendar
package main

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/motcua-go/motcua/calendar"
)

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(w io.Writer) error {
	cal, err := calendar.New(calendar.WithReception(time.Saturday,
		calendar.Session{Start: 7*time.Hour + 30*time.Minute, End: 11*time.Hour + 30*time.Minute}))
	if err != nil {
		return err
	}
	const year = 2026
	fmt.Fprintf(w, "Days off %d (%s):\n", year, cal.Status(year))
	for _, d := range cal.DaysOff(year) {
		fmt.Fprintf(w, "  %s %-3s %-14s %s — %s\n", d.Date, d.Date.Weekday().String()[:3], d.Kind, d.Name, d.Source)
	}
	fmt.Fprintf(w, "Days off %d (%s): %d listed\n", year+1, cal.Status(year+1), len(cal.DaysOff(year+1)))

	fmt.Fprintln(w, "\nPromised return times (office hours 07:30–11:30, 13:00–17:00):")
	at := func(y int, m time.Month, d, hh, mm int) time.Time {
		return time.Date(y, m, d, hh, mm, 0, 0, calendar.Zone())
	}
	receipts := []struct {
		what     string
		received time.Time
		limit    calendar.Limit
	}{
		{"Tuesday morning", at(2026, 3, 10, 9, 10), calendar.Limit{N: 3, Unit: calendar.WorkingDays}},
		{"lunch break", at(2026, 3, 10, 12, 15), calendar.Limit{N: 1, Unit: calendar.WorkingDays}},
		{"Saturday reception", at(2026, 3, 14, 8, 0), calendar.Limit{N: 2, Unit: calendar.WorkingDays}},
		{"Friday before Tết", at(2026, 2, 13, 15, 0), calendar.Limit{N: 3, Unit: calendar.WorkingDays}},
		{"before the 30/4 break", at(2026, 4, 29, 10, 0), calendar.Limit{N: 12, Unit: calendar.WorkingHours}},
		{"30-day procedure", at(2026, 4, 1, 10, 0), calendar.Limit{N: 30, Unit: calendar.Days}},
	}
	for _, r := range receipts {
		due := cal.Due(r.received, r.limit)
		fmt.Fprintf(w, "  %-22s %s + %-17s → %s\n", r.what, r.received.Format("Mon 02/01 15:04"), r.limit, due.Format("Mon 02/01/2006 15:04"))
	}
	return nil
}
