// Command postgres runs the quickstart's day at the one-stop desk of Vân Đồn special zone
// (Quảng Ninh) — Tuesday 10 March 2026 — with the dossiers kept in PostgreSQL: dossiers
// received, transferred, processed, apologised for, resolved and returned; the notices written
// with each command and delivered from the outbox; a citizen's lookup, the supervisor's sweep
// and the day's report. Then the process "stops": the next morning a new one opens the
// database and finds every dossier where the day left it.
//
//	MOTCUA_DATABASE_URL='postgres://user@127.0.0.1:5432/motcua?search_path=quickstart' go run ./examples/postgres
//
// Run it on an empty database or schema (the search_path of the URL): a second run continues
// the day's numbering. The clock is a fake one, moved by the script.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/motcua-go/motcua/calendar"
	"github.com/motcua-go/motcua/dossier"
	"github.com/motcua-go/motcua/onestop"
	"github.com/motcua-go/motcua/pgstore"
	"github.com/motcua-go/motcua/procedure"
	"github.com/motcua-go/motcua/routing"
	"golang.org/x/text/language"
)

func main() {
	url := os.Getenv("MOTCUA_DATABASE_URL")
	if url == "" {
		fmt.Fprintln(os.Stderr, "set MOTCUA_DATABASE_URL to a PostgreSQL database, e.g. postgres://user@127.0.0.1:5432/motcua?search_path=quickstart")
		os.Exit(2)
	}
	if err := run(context.Background(), url, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, onestop.Message(err, language.English))
		os.Exit(1)
	}
}

const (
	desk  = "000.00.31.H49" // UBND đặc khu Vân Đồn
	group = "lien-thong-khai-sinh-thuong-tru-bhyt-2015"
)

var (
	clerk   = dossier.Actor{ID: "cb-tiep-nhan-01", Role: dossier.RoleClerk, Agency: desk}
	civil   = dossier.Actor{ID: "cong-chuc-tu-phap-01", Role: dossier.RoleOfficer, Agency: desk}
	citizen = dossier.Actor{ID: "cong-dan", Role: dossier.RoleApplicant}
)

func at(day, hour, min int) time.Time {
	return time.Date(2026, time.March, day, hour, min, 0, 0, calendar.Zone())
}

func person(name, id string) dossier.Applicant {
	return dossier.Applicant{Kind: dossier.Person, Name: name, CitizenID: id, Phone: "0912345678",
		Address: dossier.Address{Line: "Thôn 3", UnitCode: "22300", UnitName: "Đặc khu Vân Đồn, Quảng Ninh"}}
}

// open connects to the database, brings the schema up to date and builds the Office on it:
// what a process does at start-up.
func open(ctx context.Context, url string, clock onestop.Clock, sms onestop.Notifier) (*onestop.Office, *pgxpool.Pool, error) {
	pool, err := pgxpool.New(ctx, url)
	if err != nil {
		return nil, nil, err
	}
	if err := pool.Ping(ctx); err != nil { // pgxpool connects lazily: fail here, not at the first command
		pool.Close()
		return nil, nil, err
	}
	if err := pgstore.Migrate(ctx, pool); err != nil {
		pool.Close()
		return nil, nil, err
	}
	cat, err := procedure.Sample()
	if err != nil {
		pool.Close()
		return nil, nil, err
	}
	office, err := onestop.New(onestop.Config{Desk: desk, Catalog: cat, Routes: routing.SampleSet(),
		Directory: routing.SampleDirectory(), Clock: clock, Store: pgstore.New(pool, pgstore.Options{}),
		Notifier: sms, DeferDelivery: true})
	if err != nil {
		pool.Close()
		return nil, nil, err
	}
	return office, pool, nil
}

// day is the script: an office, its clock, a log and the first error.
type day struct {
	ctx    context.Context
	w      io.Writer
	office *onestop.Office
	clock  *onestop.FakeClock
	cat    *procedure.Catalog
	err    error
}

func (d *day) log(t time.Time, format string, args ...any) {
	d.clock.Set(t)
	fmt.Fprintf(d.w, "%s  %s\n", t.Format("Mon 02/01 15:04"), fmt.Sprintf(format, args...))
}

// do runs a step at t unless an earlier one failed.
func (d *day) do(t time.Time, f func() error) bool {
	if d.err != nil {
		return false
	}
	d.clock.Set(t)
	d.err = f()
	return d.err == nil
}

func (d *day) required(code string, t time.Time) []string {
	p, err := d.cat.Lookup(procedure.NationalCode(code), t)
	if err != nil {
		d.err = errors.Join(d.err, err)
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

func (d *day) intake(t time.Time, sub onestop.Submission) onestop.IntakeResult {
	var res onestop.IntakeResult
	d.do(t, func() (err error) { res, err = d.office.Intake(d.ctx, clerk, sub); return err })
	return res
}

func run(ctx context.Context, url string, w io.Writer) error {
	sms := new(onestop.Recorder) // stands for the SMS gateway
	clock := onestop.NewFakeClock(at(6, 10, 0))
	office, pool, err := open(ctx, url, clock, sms)
	if err != nil {
		return err
	}
	cat, err := procedure.Sample()
	if err != nil {
		pool.Close()
		return err
	}
	d := &day{ctx: ctx, w: w, office: office, clock: clock, cat: cat}
	fmt.Fprintln(w, "Trung tâm Phục vụ hành chính công đặc khu Vân Đồn ("+desk+"), dossiers in PostgreSQL — Tuesday 10 March 2026")
	fmt.Fprintln(w)
	group := d.script()
	pool.Close() // the process stops at the end of the day
	if d.err != nil {
		return d.err
	}

	// The next morning, a new process opens the same database.
	next := onestop.NewFakeClock(at(11, 7, 30))
	office, pool, err = open(ctx, url, next, sms)
	if err != nil {
		return err
	}
	defer pool.Close()
	fmt.Fprintf(w, "\n%s  a new process opens the database; a citizen looks the group dossier up:\n", next.Now().Format("Mon 02/01 15:04"))
	st, err := office.Lookup(ctx, strings.ToLower(group))
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "      %s — %s (national status %d), held by %s\n", st.Code, st.National, int(st.National), st.HolderName)
	q, _, err := office.Queue(ctx, onestop.QueueQuery{Agency: desk})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "      the desk's work queue holds %d dossiers\n", len(q))
	return nil
}

// script is the day; it returns the code of the group dossier.
func (d *day) script() string {
	o, ctx := d.office, d.ctx

	d.log(at(6, 10, 0), "(the Friday before) a certificate of marital status is received")
	late := d.intake(at(6, 10, 0), onestop.Submission{Procedure: "1.004873", Channel: procedure.Counter,
		Applicant: person("Phạm Thị Dung", "022190004567"), Competent: desk, Documents: d.required("1.004873", at(6, 10, 0))})
	d.do(at(6, 10, 5), func() error { _, err := o.Transfer(ctx, clerk, late.Code); return err })
	d.do(at(6, 10, 30), func() error { _, err := o.Start(ctx, civil, late.Code); return err })

	d.log(at(9, 22, 15), "an online birth registration arrives outside office hours")
	online := d.intake(at(9, 22, 15), onestop.Submission{Procedure: "1.001193", Channel: procedure.Online,
		Applicant: person("Hoàng Văn Em", "022092001234"), Competent: desk, Documents: d.required("1.001193", at(9, 22, 15)),
		Submitted: at(9, 22, 15)})
	if d.err == nil {
		fmt.Fprintf(d.w, "      %s received at %s (the next working session)\n", online.Code, online.Received.Format("Mon 02/01 15:04"))
	}

	d.sweep(at(10, 7, 35))
	d.log(at(10, 7, 50), "the officer apologises for %s and sets a new appointment", late.Code)
	d.do(at(10, 7, 50), func() error {
		_, err := o.Apologise(ctx, civil, late.Code, "cần xác minh thông tin cư trú", at(13, 10, 0))
		return err
	})
	d.do(at(10, 7, 55), func() error { _, err := o.Transfer(ctx, clerk, online.Code); return err })

	d.log(at(10, 8, 0), "a birth registration at the counter, same day")
	birth := d.intake(at(10, 8, 0), onestop.Submission{Procedure: "1.001193", Channel: procedure.Counter,
		Applicant: person("Nguyễn Văn An", "022090012345"), Competent: desk, Documents: d.required("1.001193", at(10, 8, 0))})
	if d.err == nil {
		fmt.Fprintf(d.w, "      %s, due %s\n", birth.Code, birth.Due.Format("Mon 02/01 15:04"))
	}
	d.do(at(10, 8, 5), func() error { _, err := o.Transfer(ctx, clerk, birth.Code); return err })
	d.do(at(10, 8, 10), func() error { _, err := o.Start(ctx, civil, birth.Code); return err })
	d.do(at(10, 8, 12), func() error { _, err := o.Start(ctx, civil, online.Code); return err })

	d.log(at(10, 8, 30), "the inter-agency group: birth + permanent residence + health insurance")
	grp := d.intake(at(10, 8, 30), onestop.Submission{Group: group, Channel: procedure.Counter,
		Applicant: person("Trần Thị Bích", "022188007654"), Competent: desk,
		Documents: append(d.required("1.001193", at(10, 8, 30)), d.required("1.004222", at(10, 8, 30))...)})
	d.do(at(10, 8, 35), func() error {
		h, err := o.Transfer(ctx, clerk, grp.Code)
		if err == nil {
			fmt.Fprintf(d.w, "      %s accepted, due %s, transferred along %d steps\n", grp.Code, grp.Due.Format("Mon 02/01 15:04"), len(h.Slip.Rows))
		}
		return err
	})
	d.do(at(10, 8, 40), func() error { _, err := o.Start(ctx, civil, grp.Code); return err })
	d.do(at(10, 10, 15), func() error { _, err := o.Handoff(ctx, civil, grp.Code); return err })

	d.log(at(10, 10, 30), "the birth certificates of %s and %s are signed", birth.Code, online.Code)
	d.do(at(10, 10, 30), func() error { _, err := o.Resolve(ctx, civil, birth.Code, "125/2026/GKS"); return err })
	d.do(at(10, 10, 31), func() error { _, err := o.Resolve(ctx, civil, online.Code, "126/2026/GKS"); return err })
	d.log(at(10, 11, 0), "%s: certificate handed over; the applicant is satisfied", birth.Code)
	d.do(at(10, 11, 0), func() error { _, err := o.Return(ctx, clerk, birth.Code); return err })
	d.do(at(10, 11, 1), func() error { return o.Rate(ctx, citizen, birth.Code, onestop.Satisfied, false) })

	d.sweep(at(10, 17, 0))
	d.log(at(10, 17, 5), "the notices of the day leave the outbox for the SMS gateway:")
	d.do(at(10, 17, 5), func() error {
		dl, err := o.Deliver(ctx, 1000)
		if err == nil {
			fmt.Fprintf(d.w, "      %d notices delivered, %d to retry\n", dl.Delivered, dl.Failed)
		}
		return err
	})
	d.do(at(10, 17, 10), func() error {
		r, err := o.Report(ctx, at(10, 0, 0), at(11, 0, 0), onestop.ReportOptions{})
		if err == nil {
			c := r.Total
			fmt.Fprintf(d.w, "%s  Biểu 06 of the day: %d received (%d online, %d at the counter, %d carried over); %d resolved (%d early, %d on time, %d late); %d in progress\n",
				at(10, 17, 10).Format("Mon 02/01 15:04"), c.Received, c.ReceivedOnline, c.ReceivedCounter, c.CarriedOver,
				c.Resolved, c.Early, c.OnTime, c.Late, c.InProgress)
		}
		return err
	})
	return grp.Code
}

func (d *day) sweep(t time.Time) {
	d.log(t, "supervisor's sweep:")
	var alerts []onestop.Alert
	if !d.do(t, func() (err error) { alerts, err = d.office.Sweep(d.ctx); return err }) {
		return
	}
	if len(alerts) == 0 {
		fmt.Fprintln(d.w, "      nothing at risk, nothing overdue")
	}
	for _, a := range alerts {
		fmt.Fprintf(d.w, "      %s: %s due %s, held by %s\n", a.Kind, a.Code, a.Due.Format("Mon 02/01 15:04"), a.AgencyName)
	}
}
