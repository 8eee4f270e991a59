// Command routing plans an inter-agency route across Tết: a land-use-right transfer (land
// registration office, then the tax authority, then the land registration office again),
// received online on Wednesday 11 February 2026 with its 8-working-day limit. It prints each
// agency's window on the working calendar, then — the appraisal having run late — who must
// apologise, and the re-planned windows.
//
//	go run ./examples/routing
package main

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/motcua-go/motcua/calendar"
	"github.com/motcua-go/motcua/procedure"
	"github.com/motcua-go/motcua/routing"
	"github.com/rickb777/date/v2"
)

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(w io.Writer) error {
	cal := calendar.Default()
	dir := routing.SampleDirectory()
	route, ok := routing.SampleSet().Route("land-transfer")
	if !ok {
		return fmt.Errorf("sample route land-transfer is missing")
	}
	received := time.Date(2026, 2, 11, 9, 0, 0, 0, calendar.Zone())
	province, err := procedure.ParseAgencyCode("000.00.00.H49")
	if err != nil {
		return err
	}
	bound, err := route.Bind(dir, province, date.NewAt(received))
	if err != nil {
		return err
	}
	limit := calendar.Limit{N: 8, Unit: calendar.WorkingDays}
	plan, err := routing.Plan(bound, received, limit, cal)
	if err != nil {
		return err
	}

	fmt.Fprintf(w, "%s\n", route.Spec().Title)
	fmt.Fprintf(w, "received %s, limit %s → due %s\n", stamp(received), limit, stamp(plan.Due))
	fmt.Fprintln(w, "\nDays off on the way:")
	for d := date.NewAt(received); d <= date.NewAt(plan.Due); d++ {
		if day := cal.Day(d); day.Kind != calendar.Workday && day.Kind != calendar.Weekend {
			fmt.Fprintf(w, "  %s %s  %s\n", d.Format("Mon 02/01"), day.Kind, day.Name)
		}
	}
	fmt.Fprintln(w, "\nPlan (each agency's window on the working calendar):")
	printSteps(w, plan, dir, received)

	// The land registration office finishes its appraisal late.
	progress := plan.Progress()
	progress.Steps[0].Finished = time.Date(2026, 2, 11, 13, 30, 0, 0, calendar.Zone())
	progress.Steps[1].Finished = time.Date(2026, 2, 26, 10, 0, 0, 0, calendar.Zone())
	now := time.Date(2026, 2, 26, 10, 0, 0, 0, calendar.Zone())
	fmt.Fprintf(w, "\nAt %s, the appraisal has just finished. Over their allotment:\n", stamp(now))
	for _, l := range routing.Responsible(plan, progress, now) {
		fmt.Fprintf(w, "  %-8s %s %s, over by %v (finished: %v)\n", l.Step, l.Agency, name(dir, l.Agency, received), l.Over, l.Finished)
	}
	re, err := routing.Replan(plan, progress, now)
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "\nRe-planned (the appointment does not move; the delay stays with the agency that caused it):")
	printSteps(w, re, dir, received)
	if last := re.Steps[len(re.Steps)-1]; last.Start.After(plan.Due) {
		by := cal.CloseOfDay(cal.AddWorkingDays(date.NewAt(plan.Due.In(calendar.Zone())), -1))
		fmt.Fprintf(w, "\nThe appointment of %s cannot be kept: the land registration office must apologise\n", stamp(plan.Due))
		fmt.Fprintf(w, "and set one new date by %s (Decree 61/2018 Art. 19(9)).\n", stamp(by))
	}
	return nil
}

func printSteps(w io.Writer, s *routing.Schedule, dir *routing.Directory, on time.Time) {
	for _, st := range s.Steps {
		fmt.Fprintf(w, "  %-8s %-8s %-50s %s → %s  (%v)\n", st.Step, st.Task, name(dir, st.Agency, on), stamp(st.Start), stamp(st.Due), st.Allotted)
	}
}

func name(dir *routing.Directory, c procedure.AgencyCode, on time.Time) string {
	u, err := dir.Lookup(c, date.NewAt(on))
	if err != nil {
		return c.String()
	}
	return u.Name
}

func stamp(t time.Time) string { return t.In(calendar.Zone()).Format("Mon 02/01 15:04") }
