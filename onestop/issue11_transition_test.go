package onestop_test

import (
	"errors"
	"testing"
	"time"

	"github.com/motcua-go/motcua/calendar"
	"github.com/motcua-go/motcua/dossier"
	"github.com/motcua-go/motcua/procedure"
)

// The transition: a dossier received on 2025-06-30 at 16:00 keeps Decree 61/2018's rules to
// its end, though every later command falls under Decree 118/2025: the desk's code, no
// amendment, no closing of a supplement left unanswered, no time limit for a correction, the
// apology's lead and its single re-appointment.
func TestIssue11TransitionThroughOffice(t *testing.T) {
	day := func(m time.Month, d, h int) time.Time { return time.Date(2025, m, d, h, 0, 0, 0, calendar.Zone()) }
	f := newFixture(t, day(time.June, 30, 16))
	sub := birth()
	sub.Channel = procedure.Online
	res := mustIntake(t, f, sub)
	rec := replayEqual(t, f, res.Code)
	if rec.Dossier.Regime != dossier.Decree61 || rec.Dossier.Code.Unit != desk {
		t.Fatalf("regime %v, code %v: want Decree 61 and the desk's code", rec.Dossier.Regime, rec.Dossier.Code)
	}
	steps := []struct {
		at   time.Time
		what string
		run  func() error
		want error // nil: accepted
	}{
		{day(time.July, 1, 9), "transfer", func() error { _, err := f.office.Transfer(ctx, clerk, res.Code); return err }, nil},
		{day(time.July, 1, 9), "start", func() error { _, err := f.office.Start(ctx, civil, res.Code); return err }, nil},
		{day(time.July, 1, 10), "amend (Decree 118 Art. 21(2))", func() error {
			_, err := f.office.Amend(ctx, citizen, res.Code, "sửa tên mẹ", nil)
			return err
		}, dossier.ErrNotProvided},
		{day(time.July, 1, 10), "supplement request", func() error {
			_, err := f.office.RequestSupplement(ctx, civil, res.Code, "giấy chứng sinh mờ", []string{"Giấy chứng sinh"})
			return err
		}, nil},
		{day(time.July, 21, 9), "close (Decree 118 Art. 19(5))", func() error { _, err := f.office.Close(ctx, clerk, res.Code, "quá hạn"); return err }, dossier.ErrNotProvided},
		{day(time.July, 21, 10), "supplement", func() error {
			_, err := f.office.Supplement(ctx, citizen, res.Code, []string{"Giấy chứng sinh"})
			return err
		}, nil},
		{day(time.July, 22, 9), "resolve", func() error { _, err := f.office.Resolve(ctx, civil, res.Code, "KS-9"); return err }, nil},
		{day(time.July, 22, 10), "send for correction", func() error {
			_, err := f.office.SendForCorrection(ctx, clerk, res.Code, "sai ngày sinh")
			return err
		}, nil},
	}
	for _, s := range steps {
		f.clock.Set(s.at)
		err := s.run()
		if s.want == nil && err != nil || s.want != nil && !errors.Is(err, s.want) {
			t.Fatalf("%s: %v, want %v", s.what, err, s.want)
		}
	}
	if alerts, _ := f.office.Sweep(ctx); len(alerts) != 0 {
		t.Errorf("sweep: %+v", alerts)
	}
	rec = replayEqual(t, f, res.Code)
	if !rec.Dossier.CorrectionDue().IsZero() || rec.Dossier.Regime != dossier.Decree61 {
		t.Errorf("correction due %v under %v, want none under Decree 61", rec.Dossier.CorrectionDue(), rec.Dossier.Regime)
	}
	if !rec.Dossier.MayReappoint() || rec.Dossier.ApologyDue().IsZero() {
		t.Errorf("Decree 61's apology: may reappoint %v, lead %v; want once, with a lead", rec.Dossier.MayReappoint(), rec.Dossier.ApologyDue())
	}
}
