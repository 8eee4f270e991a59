// Command quickstart runs one working day at a commune one-stop desk — Tuesday 10 March 2026
// at the public administration service centre of Vân Đồn special zone (Quảng Ninh) — and prints
// it as a log with the slips the law requires: a same-day birth registration, the
// inter-agency birth + permanent residence + health-insurance group, a household business
// registration, an online dossier sent the night before, a dossier that needs a supplement,
// one that runs late and gets an apology, a citizen's lookup by code, and the end-of-day
// report. The clock is a fake one, moved by the script.
//
//	go run ./examples/quickstart
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

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
	desk   = "000.00.31.H49" // UBND đặc khu Vân Đồn: desk, civil status, business registration
	police = "001.00.31.H49" // Công an đặc khu Vân Đồn
	group  = "lien-thong-khai-sinh-thuong-tru-bhyt-2015"
)

var (
	clerk     = dossier.Actor{ID: "cb-tiep-nhan-01", Role: dossier.RoleClerk, Agency: desk}
	civil     = dossier.Actor{ID: "cong-chuc-tu-phap-01", Role: dossier.RoleOfficer, Agency: desk}
	policeman = dossier.Actor{ID: "can-bo-cong-an-01", Role: dossier.RoleOfficer, Agency: police}
	citizen   = dossier.Actor{ID: "cong-dan", Role: dossier.RoleApplicant}
)

func at(day, hour, min int) time.Time {
	return time.Date(2026, time.March, day, hour, min, 0, 0, calendar.Zone())
}

// day is the script of the day: an office, a clock and a log.
type day struct {
	ctx    context.Context
	w      io.Writer
	office *onestop.Office
	clock  *onestop.FakeClock
	cat    *procedure.Catalog
	dir    *routing.Directory
	err    error
}

func (d *day) log(t time.Time, format string, args ...any) {
	d.clock.Set(t)
	fmt.Fprintf(d.w, "%s  %s\n", t.Format("Mon 02/01 15:04"), fmt.Sprintf(format, args...))
}

func (d *day) slip(text string) {
	for _, l := range strings.Split(strings.TrimRight(text, "\n"), "\n") {
		fmt.Fprintf(d.w, "      │ %s\n", l)
	}
}

// check keeps the first error; the script stops printing results after it.
func (d *day) check(err error) bool {
	if err != nil && d.err == nil {
		d.err = err
		fmt.Fprintf(d.w, "      error: %v\n", err)
	}
	return d.err == nil
}

// required lists the required documents of a procedure as published, as a clerk ticks them.
func (d *day) required(code string, t time.Time) []string {
	p, err := d.cat.Lookup(procedure.NationalCode(code), t)
	if !d.check(err) {
		return nil
	}
	var out []string
	for _, doc := range p.Documents {
		if doc.Requirement == procedure.Required {
			out = append(out, doc.Name)
		}
	}
	return out
}

func person(name, id string) dossier.Applicant {
	return dossier.Applicant{Kind: dossier.Person, Name: name, CitizenID: id, Phone: "0912345678",
		Address: dossier.Address{Line: "Thôn 3, Hạ Long", UnitCode: "22300", UnitName: "Đặc khu Vân Đồn, Quảng Ninh"}}
}

func run(w io.Writer) error {
	cat, err := procedure.Sample()
	if err != nil {
		return err
	}
	routes, dir := routing.SampleSet(), routing.SampleDirectory()
	notices := new(onestop.Recorder)
	clock := onestop.NewFakeClock(at(6, 10, 0))
	office, err := onestop.New(onestop.Config{Desk: desk, Catalog: cat, Routes: routes,
		Directory: dir, Clock: clock, Notifier: notices})
	if err != nil {
		return err
	}
	d := &day{ctx: context.Background(), w: w, office: office, clock: clock, cat: cat, dir: dir}
	fmt.Fprintln(w, "Trung tâm Phục vụ hành chính công đặc khu Vân Đồn ("+desk+") — Tuesday 10 March 2026")
	fmt.Fprintln(w)
	d.script()
	fmt.Fprintf(w, "\n%d notices were sent to applicants and supervisors (by SMS, e-mail or the portal, as the province sets it up).\n", len(notices.Notices()))
	return d.err
}

// transferSlip prints a transfer slip: the Office names each agency (from the directory) and
// each task in Vietnamese.
func (d *day) transferSlip(slip dossier.TransferSlip) { d.slip(slip.Text()) }

// script is the day, in the order things happen.
func (d *day) script() {
	o, ctx := d.office, d.ctx
	do := func(t time.Time, f func() error) {
		if d.err == nil {
			d.clock.Set(t)
			d.check(f())
		}
	}

	// The Friday before: a certificate of marital status, 3 working days.
	t := at(6, 10, 0)
	d.log(t, "(the Friday before) a certificate of marital status is received")
	late, err := o.Intake(ctx, clerk, onestop.Submission{Procedure: "1.004873", Channel: procedure.Counter,
		Applicant: person("Phạm Thị Dung", "022190004567"), Competent: desk, Documents: d.required("1.004873", t)})
	if !d.check(err) {
		return
	}
	fmt.Fprintf(d.w, "      %s, due %s\n", late.Code, late.Due.Format("Mon 02/01 15:04"))
	do(at(6, 10, 5), func() error { _, err := o.Transfer(ctx, clerk, late.Code); return err })
	do(at(6, 10, 30), func() error { _, err := o.Start(ctx, civil, late.Code); return err })

	// Monday night: an online birth registration.
	t = at(9, 22, 15)
	d.log(t, "an online birth registration arrives from the national portal, outside office hours")
	online, err := o.Intake(ctx, clerk, onestop.Submission{Procedure: "1.001193", Channel: procedure.Online,
		Applicant: person("Hoàng Văn Em", "022092001234"), Competent: desk, Documents: d.required("1.001193", t), Submitted: t})
	if !d.check(err) {
		return
	}
	fmt.Fprintf(d.w, "      %s received at %s (the next working session), due %s\n\n", online.Code,
		online.Received.Format("Mon 02/01 15:04"), online.Due.Format("Mon 02/01 15:04"))

	d.sweep(at(10, 7, 35))
	d.log(at(10, 7, 50), "the civil-status officer cannot finish %s in time and apologises (Mẫu 04):", late.Code)
	apology, err := o.Apologise(ctx, civil, late.Code, "cần xác minh thông tin cư trú tại nơi cư trú trước đây", at(13, 10, 0))
	if !d.check(err) {
		return
	}
	d.slip(apology.Text())
	do(at(10, 7, 55), func() error { _, err := o.Transfer(ctx, clerk, online.Code); return err })

	t = at(10, 8, 0)
	d.log(t, "a birth registration at the counter (same day: received before 15:00, result today)")
	birth, err := o.Intake(ctx, clerk, onestop.Submission{Procedure: "1.001193", Channel: procedure.Counter,
		Applicant: person("Nguyễn Văn An", "022090012345"), Competent: desk, Documents: d.required("1.001193", t)})
	if !d.check(err) {
		return
	}
	d.slip(birth.Receipt.Text())
	do(at(10, 8, 5), func() error { _, err := o.Transfer(ctx, clerk, birth.Code); return err })
	do(at(10, 8, 10), func() error { _, err := o.Start(ctx, civil, birth.Code); return err })
	do(at(10, 8, 12), func() error { _, err := o.Start(ctx, civil, online.Code); return err })

	t = at(10, 8, 30)
	d.log(t, "the inter-agency group: birth + permanent residence + health-insurance card for a child under 6")
	grp, err := o.Intake(ctx, clerk, onestop.Submission{Group: group, Channel: procedure.Counter,
		Applicant: person("Trần Thị Bích", "022188007654"), Competent: desk,
		Documents: append(d.required("1.001193", t), d.required("1.004222", t)...)})
	if !d.check(err) {
		return
	}
	fmt.Fprintf(d.w, "      %s accepted, due %s (its slowest member, permanent residence: 7 working days)\n", grp.Code, grp.Due.Format("Mon 02/01 15:04"))
	handover, err := o.Transfer(ctx, clerk, grp.Code)
	if !d.check(err) {
		return
	}
	d.transferSlip(handover.Slip)
	do(at(10, 8, 40), func() error { _, err := o.Start(ctx, civil, grp.Code); return err })
	do(at(10, 8, 45), func() error { _, err := o.Handoff(ctx, civil, grp.Code); return err })

	t = at(10, 9, 15)
	d.log(t, "a household business registration (registered at the commune, tax code from the tax authority)")
	biz, err := o.Intake(ctx, clerk, onestop.Submission{Procedure: "1.001612", Channel: procedure.Counter,
		Applicant: person("Lê Văn Cường", "022085003210"), Competent: desk, Documents: d.required("1.001612", t)})
	if !d.check(err) {
		return
	}
	d.slip(biz.Receipt.Text())
	handover, err = o.Transfer(ctx, clerk, biz.Code)
	if !d.check(err) {
		return
	}
	d.transferSlip(handover.Slip)
	do(at(10, 9, 30), func() error { _, err := o.Start(ctx, civil, biz.Code); return err })
	do(at(10, 9, 35), func() error { _, err := o.Handoff(ctx, civil, biz.Code); return err })

	t = at(10, 9, 40)
	d.log(t, "another birth registration, without the birth certificate")
	docs := d.required("1.001193", t)
	if len(docs) < 2 {
		d.check(fmt.Errorf("procedure 1.001193 lists %d required documents, the script needs 2", len(docs)))
		return
	}
	sub := onestop.Submission{Procedure: "1.001193", Channel: procedure.Counter,
		Applicant: person("Vũ Thị Hoa", "022195006789"), Competent: desk, Documents: docs[1:]}
	incomplete, err := o.Intake(ctx, clerk, sub)
	if !d.check(err) {
		return
	}
	fmt.Fprintf(d.w, "      %s: no code is issued; the complete list, once (Mẫu 02):\n", incomplete.Decision)
	d.slip(incomplete.Supplement.Text())

	d.log(at(10, 10, 15), "the birth of the group is registered; the dossier goes to the commune police")
	d.check(func() error { _, err := o.Handoff(ctx, civil, grp.Code); return err }())

	d.log(at(10, 10, 30), "the birth certificates of %s and %s are signed", birth.Code, online.Code)
	d.check(func() error { _, err := o.Resolve(ctx, civil, birth.Code, "125/2026/GKS"); return err }())
	d.check(func() error { _, err := o.Resolve(ctx, civil, online.Code, "126/2026/GKS"); return err }())

	d.log(at(10, 11, 0), "%s: certificate handed over; the applicant rates the service: satisfied", birth.Code)
	d.check(func() error { _, err := o.Return(ctx, clerk, birth.Code); return err }())
	d.check(o.Rate(ctx, citizen, birth.Code, onestop.Satisfied, false))

	d.log(at(10, 14, 10), "the applicant without the birth certificate comes back with it")
	sub.Documents = docs
	complete, err := o.Intake(ctx, clerk, sub)
	if !d.check(err) {
		return
	}
	fmt.Fprintf(d.w, "      %s %s, due %s\n", complete.Decision, complete.Code, complete.Due.Format("Mon 02/01 15:04"))
	do(at(10, 14, 15), func() error { _, err := o.Transfer(ctx, clerk, complete.Code); return err })
	do(at(10, 14, 20), func() error { _, err := o.Start(ctx, civil, complete.Code); return err })

	d.log(at(10, 15, 20), "the commune police registered the residence; the dossier goes to social insurance")
	d.check(func() error { _, err := o.Handoff(ctx, policeman, grp.Code); return err }())

	d.log(at(10, 16, 0), "the household business is registered; the dossier goes to the tax authority for the tax code")
	d.check(func() error { _, err := o.Handoff(ctx, civil, biz.Code); return err }())

	do(at(10, 16, 20), func() error { _, err := o.Resolve(ctx, civil, complete.Code, "127/2026/GKS"); return err })
	d.log(at(10, 16, 30), "%s: certificate handed over; rated acceptable", complete.Code)
	d.check(func() error { _, err := o.Return(ctx, clerk, complete.Code); return err }())
	d.check(o.Rate(ctx, citizen, complete.Code, onestop.Acceptable, false))

	d.lookup(at(10, 16, 45), grp.Code)
	d.sweep(at(10, 17, 0))
	d.report()
}

func (d *day) sweep(t time.Time) {
	d.log(t, "supervisor's sweep:")
	alerts, err := d.office.Sweep(d.ctx)
	if !d.check(err) {
		return
	}
	if len(alerts) == 0 {
		fmt.Fprintln(d.w, "      nothing at risk, nothing overdue")
	}
	for _, a := range alerts {
		fmt.Fprintf(d.w, "      %s: %s due %s, held by %s", a.Kind, a.Code, a.Due.Format("Mon 02/01 15:04"), named(a.AgencyName, a.Agency))
		if !a.ApologyBy.IsZero() {
			fmt.Fprintf(d.w, ", apologise by %s", a.ApologyBy.Format("Mon 02/01 15:04"))
		}
		fmt.Fprintln(d.w)
	}
}

// agency names an agency by its name in the directory and its code.
func (d *day) agency(code string, t time.Time) string {
	if c, err := procedure.ParseAgencyCode(code); err == nil {
		if u, err := d.dir.Lookup(c, date.NewAt(t.In(calendar.Zone()))); err == nil {
			return u.Name + " (" + code + ")"
		}
	}
	return code
}

// named shows a name and a code, or the code alone.
func named(name, code string) string {
	if name == "" {
		return code
	}
	return name + " (" + code + ")"
}

func (d *day) lookup(t time.Time, code string) {
	d.log(t, "a citizen types the group dossier's code on a kiosk, in small letters:")
	typed := " " + strings.ToLower(code) + " "
	st, err := d.office.Lookup(d.ctx, typed)
	if !d.check(err) {
		return
	}
	fmt.Fprintf(d.w, "      %s — %s\n", st.Code, st.ProcedureName)
	fmt.Fprintf(d.w, "      %s (national status %d), held by %s\n", st.National, int(st.National), named(st.HolderName, st.Holder))
	fmt.Fprintf(d.w, "      received %s at %s, due %s\n", st.Received.Format("02/01/2006 15:04"), named(st.DeskName, st.Desk), st.Due.Format("02/01/2006 15:04"))
	for i, s := range st.Steps {
		done := "not yet done"
		if !s.Done.IsZero() {
			done = "done " + s.Done.Format("02/01 15:04")
		}
		fmt.Fprintf(d.w, "        %d. %s — %s — due %s, %s\n", i+1, s.TaskName, named(s.AgencyName, s.Agency), s.Due.Format("02/01 15:04"), done)
	}
	_, err = d.office.Lookup(d.ctx, "000.00.31.H49-260310-00A1")
	fmt.Fprintf(d.w, "      a mistyped code: %s\n", onestop.Message(err, language.Vietnamese))
}

// levelVi names an administrative level as the form does.
func levelVi(level string) string {
	switch level {
	case "central":
		return "Cấp trung ương"
	case "province":
		return "Cấp tỉnh"
	case "district":
		return "Cấp huyện"
	case "commune":
		return "Cấp xã"
	}
	return level
}

// wrap cuts text into lines of at most width characters, between words.
func wrap(text string, width int) []string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(text) {
		switch {
		case line == "":
			line = word
		case utf8.RuneCountInString(line)+1+utf8.RuneCountInString(word) <= width:
			line += " " + word
		default:
			lines = append(lines, line)
			line = word
		}
	}
	return append(lines, line)
}

// report prints the end-of-day report in the layout of Biểu số 06/VPCP/KSTT (Circular
// 01/2020/TT-VPCP): its columns numbered as on the form, with the form's headings below.
func (d *day) report() {
	rep, err := d.office.Report(d.ctx, at(10, 0, 0), at(11, 0, 0), onestop.ReportOptions{})
	if !d.check(err) {
		return
	}
	const nameWidth = 32
	fmt.Fprintln(d.w, "\nBiểu số 06/VPCP/KSTT — Tình hình, kết quả giải quyết thủ tục hành chính, ngày 10/03/2026")
	heading := wrap("Lĩnh vực, công việc giải quyết theo cấp", nameWidth)
	fmt.Fprintf(d.w, "  %-3s %-*s %s\n", "STT", nameWidth, heading[0], " (1)  (2)  (3)  (4) |  (5)  (6)  (7)  (8) |  (9) (10) (11)")
	for _, l := range heading[1:] {
		fmt.Fprintf(d.w, "  %-3s %s\n", "", l)
	}
	n := 0
	row := func(name string, c onestop.Counts) {
		lines := wrap(name, nameWidth)
		num := ""
		if n > 0 {
			num = strconv.Itoa(n) + "."
		}
		fmt.Fprintf(d.w, "  %-3s %-*s %4d %4d %4d %4d | %4d %4d %4d %4d | %4d %4d %4d\n", num, nameWidth, lines[0],
			c.Received, c.ReceivedOnline, c.ReceivedCounter, c.CarriedOver,
			c.Resolved, c.Early, c.OnTime, c.Late, c.InProgress, c.Within, c.Over)
		for _, l := range lines[1:] {
			fmt.Fprintf(d.w, "  %-3s %s\n", "", l)
		}
	}
	for _, r := range rep.ByField {
		n++
		row(levelVi(r.Level)+": "+r.Field, r.Counts)
	}
	n = 0
	row("Tổng cộng", rep.Total)
	fmt.Fprintln(d.w, "  Theo cơ quan giải quyết:")
	for _, r := range rep.ByAgency {
		n++
		row(d.agency(r.Agency, at(10, 0, 0)), r.Counts)
	}
	fmt.Fprintln(d.w, "  Số hồ sơ nhận giải quyết: (1) tổng số; trong đó mới tiếp nhận (2) trực tuyến,")
	fmt.Fprintln(d.w, "    (3) trực tiếp, dịch vụ bưu chính; (4) từ kỳ trước chuyển sang.")
	fmt.Fprintln(d.w, "  Đã giải quyết: (5) tổng số, (6) trước hạn, (7) đúng hạn, (8) quá hạn.")
	fmt.Fprintln(d.w, "  Đang giải quyết: (9) tổng số, (10) trong hạn, (11) quá hạn.")
	if err := rep.Check(); err != nil {
		fmt.Fprintf(d.w, "  The figures do not add up: %s\n", onestop.Message(err, language.English))
	} else {
		fmt.Fprintln(d.w, "  The figures add up: (1) = (2) + (3) + (4) = (5) + (9), (5) = (6) + (7) + (8), (9) = (10) + (11),")
		fmt.Fprintln(d.w, "    and the rows make the total.")
	}
	fmt.Fprintf(d.w, "  Dossiers handled early or on time (Decision 766/QĐ-TTg): %.1f%% (%d of %d)\n", rep.OnTime.Percent(), rep.OnTime.OnTime, rep.OnTime.Total)
	s := rep.Satisfaction
	fmt.Fprintf(d.w, "  Satisfaction: %d rated (%d satisfied, %d acceptable, %d dissatisfied); Decision 766 indicator %.1f%%\n",
		s.Rated, s.Satisfied, s.Acceptable, s.Dissatisfied, s.Percent())
}
