// Command decree309 shows the two rules of Decree 309/2026/NĐ-CP (both are policy values; the
// clock rule is opt-in because the decree's text is weakly sourced, and turned on here) at the Vân Đồn desk (Quảng Ninh) on Tuesday 11 August
// 2026: a birth registration received for an agency of Hưng Yên, whose time limit runs from
// the competent agency's receipt — a provisional appointment on the receipt, fixed at the
// transfer — and a dossier-code format other than Circular 01's, issued, printed and looked
// up through the office. The clock is a fake one, moved by the script.
//
//	go run ./examples/decree309
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/motcua-go/motcua/calendar"
	"github.com/motcua-go/motcua/dossier"
	"github.com/motcua-go/motcua/onestop"
	"github.com/motcua-go/motcua/procedure"
	"github.com/motcua-go/motcua/routing"
	"github.com/rickb777/date/v2"
	"golang.org/x/text/language"
)

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

const (
	desk    = "000.00.31.H49" // UBND đặc khu Vân Đồn (Quảng Ninh)
	hungYen = "000.00.00.H33" // UBND tỉnh Hưng Yên (placeholder code of the sample directory)
)

var clerk = dossier.Actor{ID: "cb-tiep-nhan-01", Role: dossier.RoleClerk, Agency: desk}

func at(hour, min int) time.Time {
	return time.Date(2026, time.August, 11, hour, min, 0, 0, calendar.Zone())
}

// dashFormat is an illustrative code format, <unit>-YYYYMMDD-NNNNNN, as a new rule might set
// it; it still reads the codes printed in the Circular 01 form.
type dashFormat struct{}

func (dashFormat) Format(c dossier.Code) (string, error) {
	if !dossier.ValidUnitCode(c.Unit) {
		return "", &dossier.CodeError{Part: dossier.UnitPart, Value: c.Unit, Err: dossier.ErrCodeUnit}
	}
	if c.Seq < 1 || c.Seq > 999999 {
		return "", &dossier.CodeError{Part: dossier.SequencePart, Value: strconv.Itoa(c.Seq), Err: dossier.ErrCodeSequence}
	}
	y, m, d := c.Date.Date()
	return fmt.Sprintf("%s-%04d%02d%02d-%06d", c.Unit, y, m, d, c.Seq), nil
}

func (dashFormat) Parse(s string) (dossier.Code, error) {
	i := strings.IndexByte(s, '-')
	if i < 0 || len(s) != i+1+8+1+6 || s[i+9] != '-' {
		return dossier.ParseCode(s) // a code printed before, or malformed
	}
	unit, day, seq := s[:i], s[i+1:i+9], s[i+10:]
	if !dossier.ValidUnitCode(unit) {
		return dossier.Code{}, &dossier.CodeError{Part: dossier.UnitPart, Value: unit, Err: dossier.ErrCodeUnit}
	}
	t, err := time.Parse("20060102", day)
	if err != nil {
		return dossier.Code{}, &dossier.CodeError{Part: dossier.DatePart, Value: day, Err: dossier.ErrCodeDate}
	}
	n, err := strconv.Atoi(seq)
	if err != nil || n < 1 || seq[0] == '+' || seq[0] == '-' {
		return dossier.Code{}, &dossier.CodeError{Part: dossier.SequencePart, Value: seq, Err: dossier.ErrCodeSequence}
	}
	return dossier.Code{Unit: unit, Date: date.NewAt(t), Seq: n}, nil
}

func run(w io.Writer) error {
	ctx := context.Background()
	cat, err := procedure.Sample()
	if err != nil {
		return err
	}
	// Decree 118/2025 as amended: counting a boundary-free dossier's time limit from the
	// competent agency's receipt (dossiers received from 2026-08-05) is opt-in, since the
	// only copy of Decree 309/2026 found is weakly sourced; the code format here is the
	// illustrative one above.
	pol := dossier.DefaultPolicy(dossier.Decree118)
	pol.ClockFromCompetentReceipt = true
	pol.CodeFormat = dashFormat{}
	rules, err := dossier.NewRules(dossier.RulesConfig{Decree118: &pol})
	if err != nil {
		return err
	}
	clock := onestop.NewFakeClock(at(10, 0))
	office, err := onestop.New(onestop.Config{Desk: desk, Catalog: cat, Rules: rules, Clock: clock,
		Directory: routing.SampleDirectory(),
		// Reception for the agencies of every province (Decree 309/2026, new Art. 14(4) of
		// Decree 118/2025); DefaultReceivable keeps to the desk's province.
		Receivable: func(string, string, time.Time) bool { return true }})
	if err != nil {
		return err
	}

	proc, err := cat.Lookup("1.001193", at(10, 0))
	if err != nil {
		return err
	}
	var docs []string
	for _, doc := range proc.Documents {
		if doc.Requirement == procedure.Required {
			docs = append(docs, doc.Name)
		}
	}
	fmt.Fprintln(w, "10:00  a birth registration for Hưng Yên, received at the Vân Đồn desk")
	res, err := office.Intake(ctx, clerk, onestop.Submission{
		Procedure: "1.001193", Channel: procedure.Counter, Competent: hungYen, Documents: docs,
		Applicant: dossier.Applicant{Kind: dossier.Person, Name: "Nguyễn Văn An", CitizenID: "022090012345",
			Address: dossier.Address{Line: "Thôn 1", UnitCode: "22300", UnitName: "Đặc khu Vân Đồn, Quảng Ninh"}},
	})
	if err != nil {
		return err
	}
	if res.Decision != onestop.DecisionReceive {
		return fmt.Errorf("intake: %v, missing %v", res.Decision, res.Missing)
	}
	fmt.Fprintf(w, "       %s %s, due %s (provisional: %v)\n", res.Decision, res.Code, res.Due.Format("Mon 02/01 15:04"), res.Provisional)
	if res.Receipt != nil {
		fmt.Fprint(w, indent(res.Receipt.Text()))
	}

	clock.Set(at(14, 0))
	fmt.Fprintln(w, "14:00  the desk hands the dossier over to Hưng Yên")
	h, err := office.Transfer(ctx, clerk, res.Code)
	if err != nil {
		return err
	}
	fmt.Fprint(w, indent(h.Slip.Text()))
	st, err := office.Lookup(ctx, res.Code)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "       lookup %s: %s, due %s (provisional: %v; first given %s)\n", st.Code, st.National,
		st.Due.Format("Mon 02/01 15:04"), st.Provisional, st.FirstDue.Format("Mon 02/01 15:04"))
	_, err = office.Lookup(ctx, desk+"-20261311-000001")
	fmt.Fprintln(w, "       lookup of a mistyped code:", onestop.Message(err, language.Vietnamese))
	return nil
}

func indent(s string) string {
	var b strings.Builder
	for _, line := range strings.Split(strings.TrimRight(s, "\n"), "\n") {
		b.WriteString("       │ " + line + "\n")
	}
	return b.String()
}
