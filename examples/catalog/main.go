// Command catalog loads the sample procedure catalog embedded in package procedure, searches
// it without regard to Vietnamese diacritics, shows that a dossier is judged by the procedure
// version in force on its reception date, and computes time limits and fees per channel.
//
//	go run ./examples/catalog
package main

import (
	"fmt"
	"io"
	"os"
	"sort"
	"time"

	"github.com/motcua-go/motcua/calendar"
	"github.com/motcua-go/motcua/procedure"
)

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(w io.Writer) error {
	cat, err := procedure.Sample()
	if err != nil {
		return err
	}
	now := time.Date(2026, 3, 10, 9, 0, 0, 0, calendar.Zone())
	cal := calendar.Default()

	fmt.Fprintf(w, "Sample catalog: %d procedure versions, %d inter-agency groups\n", cat.Len(), len(cat.Groups()))
	bySector := map[procedure.Sector]int{}
	for _, p := range cat.Procedures() {
		bySector[p.Sector]++
	}
	var sectors []string
	for s := range bySector {
		sectors = append(sectors, string(s))
	}
	sort.Strings(sectors)
	for _, s := range sectors {
		fmt.Fprintf(w, "  %-13s %d\n", s, bySector[procedure.Sector(s)])
	}

	for _, q := range []string{"dang ky khai sinh", "CHỨNG THỰC", "giay phep xay dung"} {
		fmt.Fprintf(w, "\nSearch %q (in force on 10/03/2026):\n", q)
		for _, p := range cat.Search(q, now) {
			fmt.Fprintf(w, "  %s v%d  %s\n", p.Code, p.Version, short(p.Name, 90))
		}
	}

	fmt.Fprintln(w, "\nThe version in force on the day of reception (2.000815, copy certification):")
	for _, t := range []time.Time{time.Date(2024, 11, 5, 9, 0, 0, 0, calendar.Zone()), now} {
		p, err := cat.Lookup("2.000815", t)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "  received %s → version %d (%s–%s), levels %v\n", t.Format("02/01/2006"), p.Version,
			p.EffectiveFrom.String(), orOpen(p), p.Levels)
	}
	_, err = cat.Lookup("2.000815", time.Date(2010, 1, 4, 9, 0, 0, 0, calendar.Zone()))
	fmt.Fprintf(w, "  received 04/01/2010 → %v\n", err)

	fmt.Fprintln(w, "\nTime limits per channel, received Tue 10/03/2026 09:00:")
	for _, code := range []procedure.NationalCode{"1.001193", "1.012787", "1.013225", "1.013097"} {
		p, err := cat.Lookup(code, now)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "  %s %s\n", p.Code, short(p.Name, 80))
		for _, ch := range p.Channels() {
			l, err := p.Limit(ch, "")
			if err != nil {
				return err
			}
			due, err := p.Due(cal, now, ch, "")
			if err != nil {
				return err
			}
			fmt.Fprintf(w, "    %-8s %-22s → due %s\n", ch, limitText(l), due.Format("Mon 02/01/2006 15:04"))
		}
	}

	fmt.Fprintln(w, "\nFees (VND):")
	residence, err := cat.Lookup("1.004222", now)
	if err != nil {
		return err
	}
	for _, q := range []procedure.FeeQuery{
		{Channel: procedure.Counter, At: now},
		{Channel: procedure.Online, At: now},
	} {
		fb, err := residence.AmountDue(q)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "  %s, %s: %s\n", residence.Name, q.Channel, fb.Total.StringFixed(0))
	}
	copies, err := cat.Lookup("2.000815", now)
	if err != nil {
		return err
	}
	qty := map[string]int64{}
	for _, f := range copies.Fees {
		if f.Kind == procedure.PerUnitFee {
			qty[f.ID] = 5
		}
	}
	fb, err := copies.AmountDue(procedure.FeeQuery{Channel: procedure.Counter, At: now, Quantities: qty})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "  copy certification, one copy of a 5-page original:\n")
	for _, l := range fb.Lines {
		fmt.Fprintf(w, "    %-70s %8s\n", short(l.Name, 70), l.Amount.StringFixed(0))
	}
	fmt.Fprintf(w, "    %-70s %8s\n", "total", fb.Total.StringFixed(0))
	if _, err := copies.AmountDue(procedure.FeeQuery{Channel: procedure.Counter, At: now}); err != nil {
		fmt.Fprintf(w, "  without the number of pages: %v\n", err)
	}
	return nil
}

func limitText(l calendar.Limit) string {
	unit := map[calendar.Unit]string{calendar.WorkingDays: "working days", calendar.WorkingHours: "working hours",
		calendar.Days: "calendar days", calendar.Months: "months", calendar.Hours: "clock hours"}[l.Unit]
	return fmt.Sprintf("%d %s", l.N, unit)
}

func orOpen(p *procedure.Procedure) string {
	if p.EffectiveTo == 0 {
		return "…"
	}
	return p.EffectiveTo.String()
}

func short(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}
