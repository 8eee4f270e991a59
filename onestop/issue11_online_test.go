package onestop_test

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/motcua-go/motcua/calendar"
	"github.com/motcua-go/motcua/dossier"
	"github.com/motcua-go/motcua/onestop"
	"github.com/motcua-go/motcua/procedure"
	"golang.org/x/text/language"
)

// onlineBirth is a birth registration sent through the National Public Service Portal.
func onlineBirth(ref string, sent time.Time) onestop.Submission {
	sub := birth()
	sub.Channel, sub.Reference, sub.Submitted = procedure.Online, ref, sent
	return sub
}

// alertsOf returns the sweep's alerts of a kind.
func alertsOf(t *testing.T, f *fixture, kind onestop.AlertKind) []onestop.Alert {
	t.Helper()
	all, err := f.office.Sweep(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var out []onestop.Alert
	for _, a := range all {
		if a.Kind == kind {
			out = append(out, a)
		}
	}
	return out
}

// Decree 118/2025 Art. 17(2)–(3), 28(1): the three instants of an online dossier are kept
// apart — the portal's acknowledgement, the province system's receipt, the desk's official
// acceptance —; while it waits, lookup shows it waiting for acceptance with the desk's limit
// (8 working hours from the system's receipt), the desk's queue lists it, the sweep lists it
// near and past that limit; the code and the time limit start at the acceptance; reports
// count it once, from the acceptance.
func TestIssue11OnlineAcceptance(t *testing.T) {
	f := newFixture(t, at(9, 16, 0)) // Mon 9 March 2026
	p, err := f.office.ReceiveOnline(ctx, onlineBirth("G22.99-260309-0042", at(9, 15, 55)))
	if err != nil {
		t.Fatal(err)
	}
	// 8 working hours from Mon 16:00: 1 h on Monday, 4 h on Tuesday morning, 3 h after lunch.
	want := onestop.Pending{Key: onestop.PendingKey("G22.99-260309-0042"), Reference: "G22.99-260309-0042",
		Submitted: at(9, 15, 55), SystemReceived: at(9, 16, 0), AcceptBy: at(10, 16, 0)}
	if diff := cmp.Diff(want, p); diff != "" {
		t.Fatalf("pending (-want +got):\n%s", diff)
	}
	v, err := f.office.Lookup(ctx, p.Key)
	if err != nil {
		t.Fatal(err)
	}
	if v.State != dossier.Submitted || v.StateName(language.Vietnamese) != "chờ tiếp nhận" || v.Code != "" ||
		!v.AcceptBy.Equal(at(10, 16, 0)) || v.Reference != p.Reference || !v.Received.IsZero() {
		t.Errorf("lookup while waiting: %+v", v)
	}
	queue, _, err := f.office.Queue(ctx, onestop.QueueQuery{Agency: desk, States: []dossier.State{dossier.Submitted}})
	if err != nil {
		t.Fatal(err)
	}
	if len(queue) != 1 || queue[0].Reference != p.Reference {
		t.Errorf("desk's queue of dossiers waiting for acceptance: %+v", queue)
	}
	// The sweep lists it once three quarters of the desk's time are used (Tue 14:00).
	f.clock.Set(at(10, 13, 50))
	if a := alertsOf(t, f, onestop.AcceptanceDue); len(a) != 0 {
		t.Errorf("listed too early: %+v", a)
	}
	f.clock.Set(at(10, 14, 30))
	a := alertsOf(t, f, onestop.AcceptanceDue)
	if len(a) != 1 || a[0].Reference != p.Reference || !a[0].Due.Equal(at(10, 16, 0)) || a[0].Agency != desk || a[0].Code != "" {
		t.Fatalf("acceptance alert: %+v", a)
	}
	// The desk accepts at 14:30: code of the day of acceptance, time limit from now.
	res, err := f.office.Accept(ctx, clerk, p.Reference, onestop.Review{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Decision != onestop.DecisionReceive || !res.Received.Equal(at(10, 14, 30)) || res.Code == "" || res.Receipt == nil {
		t.Fatalf("accept: %+v", res)
	}
	rec := replayEqual(t, f, res.Code)
	d := rec.Dossier
	if !d.Submitted.Equal(at(9, 15, 55)) || !d.SystemReceived().Equal(at(9, 16, 0)) || !d.Received.Equal(at(10, 14, 30)) {
		t.Errorf("instants: submitted %v, system %v, accepted %v", d.Submitted, d.SystemReceived(), d.Received)
	}
	if wantDue := f.office.Store(); wantDue == nil {
		t.Fatal("no store")
	}
	if !d.Deadline.Due.After(at(10, 14, 30)) || d.Code.Date.String() != "2026-03-10" {
		t.Errorf("due %v, code %v: the time limit and the code start at the acceptance", d.Deadline.Due, d.Code)
	}
	// The pending key now leads to the code; the sweep no longer lists it; a second
	// acceptance is refused.
	v, err = f.office.Lookup(ctx, p.Key)
	if err != nil {
		t.Fatal(err)
	}
	if v.Code != res.Code || v.State != dossier.Received {
		t.Errorf("lookup by reference after acceptance: code %q state %v", v.Code, v.State)
	}
	if a := alertsOf(t, f, onestop.AcceptanceDue); len(a) != 0 {
		t.Errorf("still listed after acceptance: %+v", a)
	}
	if _, err := f.office.Accept(ctx, clerk, p.Reference, onestop.Review{}); !errors.Is(err, onestop.ErrClosed) {
		t.Errorf("second acceptance: %v, want ErrClosed", err)
	}
	// Counted once in the report, from the acceptance.
	r, err := f.office.Report(ctx, at(1, 0, 0), at(31, 0, 0), onestop.ReportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if r.Total.Received != 1 || r.Total.ReceivedOnline != 1 {
		t.Errorf("report: received %d, online %d; want 1, 1", r.Total.Received, r.Total.ReceivedOnline)
	}
	// Commands given the reference act on the coded dossier (Art. 21(2): stop).
	if _, err := f.office.Withdraw(ctx, citizen, p.Key, "không có nhu cầu"); err != nil {
		t.Fatal(err)
	}
	if rec := replayEqual(t, f, res.Code); rec.Dossier.State != dossier.Withdrawn {
		t.Errorf("state %v after stopping by reference", rec.Dossier.State)
	}
}

// Art. 17(2)(a): the desk asks once for corrections (the dossier waits, without a limit
// for the desk, until the applicant resubmits; the 8 working hours then run afresh), or
// says it is not within its competence and where to send it; the applicant may stop it
// before acceptance (Art. 21(2)).
func TestIssue11OnlineCorrectionsRedirectStop(t *testing.T) {
	t.Run("corrections", func(t *testing.T) {
		f := newFixture(t, at(9, 9, 0))
		sub := onlineBirth("REF-1", time.Time{})
		sub.Documents = sub.Documents[1:]
		p, err := f.office.ReceiveOnline(ctx, sub)
		if err != nil {
			t.Fatal(err)
		}
		f.clock.Set(at(9, 10, 0))
		res, err := f.office.Accept(ctx, clerk, "REF-1", onestop.Review{})
		if err != nil {
			t.Fatal(err)
		}
		if res.Decision != onestop.DecisionSupplement || len(res.Missing) != 1 {
			t.Fatalf("accept of an incomplete dossier: %+v", res)
		}
		v, _ := f.office.Lookup(ctx, p.Key)
		if v.State != dossier.IntakeSupplement || !v.AcceptBy.IsZero() {
			t.Errorf("waiting for corrections: %+v", v)
		}
		f.clock.Set(at(12, 9, 0))
		if a := alertsOf(t, f, onestop.AcceptanceDue); len(a) != 0 {
			t.Errorf("listed while waiting for the applicant: %+v", a)
		}
		if _, err := f.office.Resubmit(ctx, citizen, "REF-1", res.Missing); err != nil {
			t.Fatal(err)
		}
		v, _ = f.office.Lookup(ctx, p.Key)
		if v.State != dossier.Submitted || !v.AcceptBy.Equal(at(13, 9, 0)) {
			t.Errorf("after resubmission: state %v, accept by %v (8 working hours from Thu 09:00)", v.State, v.AcceptBy)
		}
		f.clock.Set(at(12, 10, 0))
		res, err = f.office.Accept(ctx, clerk, "REF-1", onestop.Review{})
		if err != nil || res.Decision != onestop.DecisionReceive {
			t.Fatalf("accept after corrections: %+v, %v", res, err)
		}
		replayEqual(t, f, res.Code)
	})
	t.Run("not competent", func(t *testing.T) {
		f := newFixture(t, at(9, 9, 0))
		sub := onlineBirth("REF-2", time.Time{})
		sub.Competent = other
		p, err := f.office.ReceiveOnline(ctx, sub)
		if err != nil {
			t.Fatal(err)
		}
		res, err := f.office.Accept(ctx, clerk, "REF-2", onestop.Review{})
		if err != nil {
			t.Fatal(err)
		}
		if res.Decision != onestop.DecisionRefuse || res.Refusal == nil || res.Refusal.Redirect != other {
			t.Fatalf("accept of a dossier of another province: %+v", res)
		}
		v, _ := f.office.Lookup(ctx, p.Key)
		if v.State != dossier.NotAccepted {
			t.Errorf("state %v, want not accepted", v.State)
		}
		f.clock.Set(at(10, 17, 0))
		if a := alertsOf(t, f, onestop.AcceptanceDue); len(a) != 0 {
			t.Errorf("listed after the desk answered: %+v", a)
		}
	})
	t.Run("bad submissions", func(t *testing.T) {
		f := newFixture(t, at(9, 9, 0))
		for _, sub := range []onestop.Submission{onlineBirth("", time.Time{}), onlineBirth(" REF ", time.Time{}), birth()} {
			if _, err := f.office.ReceiveOnline(ctx, sub); !errors.Is(err, onestop.ErrRequired) && !errors.Is(err, onestop.ErrInvalid) {
				t.Errorf("reference %q on channel %v: %v, want a problem", sub.Reference, sub.Channel, err)
			}
		}
		if _, err := f.office.ReceiveOnline(ctx, onlineBirth("DUP", time.Time{})); err != nil {
			t.Fatal(err)
		}
		if _, err := f.office.ReceiveOnline(ctx, onlineBirth("DUP", time.Time{})); !errors.Is(err, onestop.ErrExists) {
			t.Errorf("the same reference twice: %v, want ErrExists", err)
		}
		if _, err := f.office.Accept(ctx, clerk, "NOPE", onestop.Review{}); !errors.Is(err, onestop.ErrNotFound) {
			t.Errorf("accept of an unknown reference: %v, want ErrNotFound", err)
		}
	})
	t.Run("stopped", func(t *testing.T) {
		f := newFixture(t, at(9, 9, 0))
		p, err := f.office.ReceiveOnline(ctx, onlineBirth("REF-3", time.Time{}))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.office.Withdraw(ctx, citizen, p.Key, "nộp nhầm"); err != nil {
			t.Fatal(err)
		}
		if _, err := f.office.Accept(ctx, clerk, "REF-3", onestop.Review{}); !errors.Is(err, onestop.ErrClosed) {
			t.Errorf("accept of a stopped dossier: %v, want ErrClosed", err)
		}
	})
}

// Decree 61/2018 set no hour limit for the officer's acceptance: an online dossier received
// by the system on 2025-06-30 has no AcceptBy and is never listed; its code and regime are
// those of the day of acceptance.
func TestIssue11OnlineAcceptanceDecree61(t *testing.T) {
	day := func(d, h int) time.Time { return time.Date(2025, 6, d, h, 0, 0, 0, calendar.Zone()) }
	f := newFixture(t, day(30, 16))
	p, err := f.office.ReceiveOnline(ctx, onlineBirth("OLD-1", time.Time{}))
	if err != nil {
		t.Fatal(err)
	}
	if !p.AcceptBy.IsZero() {
		t.Errorf("Decree 61 accept-by %v, want none", p.AcceptBy)
	}
	f.clock.Set(day(30, 17).Add(-time.Minute))
	if a := alertsOf(t, f, onestop.AcceptanceDue); len(a) != 0 {
		t.Errorf("listed under Decree 61: %+v", a)
	}
	res, err := f.office.Accept(ctx, clerk, "OLD-1", onestop.Review{})
	if err != nil || res.Decision != onestop.DecisionReceive {
		t.Fatalf("accept: %+v, %v", res, err)
	}
	rec := replayEqual(t, f, res.Code)
	if rec.Dossier.Regime != dossier.Decree61 || rec.Dossier.Code.Unit != desk {
		t.Errorf("regime %v, code %v: want Decree 61 and the desk's code", rec.Dossier.Regime, rec.Dossier.Code)
	}
}
