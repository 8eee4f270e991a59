package onestop_test

import (
	"errors"
	"testing"
	"time"

	"github.com/motcua-go/motcua/calendar"
	"github.com/motcua-go/motcua/dossier"
	"github.com/motcua-go/motcua/onestop"
	"github.com/motcua-go/motcua/procedure"
)

// correctedBirth receives a birth registration at day 9:00, resolves it at 10:00, sends the
// result back for correction at sent and has it corrected at corrected.
func correctedBirth(t *testing.T, f *fixture, day func(d, h int) time.Time, d int, sent, corrected time.Time) string {
	t.Helper()
	f.clock.Set(day(d, 9))
	code := mustIntake(t, f, birth()).Code
	f.clock.Set(day(d, 10))
	if _, err := f.office.Resolve(ctx, clerk, code, "KS-1"); err != nil {
		t.Fatal(err)
	}
	f.clock.Set(sent)
	if _, err := f.office.SendForCorrection(ctx, clerk, code, "sai ngày sinh"); err != nil {
		t.Fatal(err)
	}
	f.clock.Set(corrected)
	if _, err := f.office.Correct(ctx, clerk, code, "KS-1/ĐC"); err != nil {
		t.Fatal(err)
	}
	replayEqual(t, f, code)
	return code
}

// Decree 118/2025 Art. 23(1): a result sent back for correction is recorded and reported:
// Summary.Corrections and CorrectionsLate, and the informative columns Counts.Corrected and
// CorrectedLate beside Biểu 06 (the dossier stays counted once, resolved at its first
// result; the identities hold).
func TestIssue11CorrectionsReported(t *testing.T) {
	day := func(d, h int) time.Time { return at(d, h, 0) }
	f := newFixture(t, at(9, 9, 0))
	correctedBirth(t, f, day, 9, at(10, 9, 0), at(11, 9, 0))          // within 3 working days
	late := correctedBirth(t, f, day, 10, at(11, 9, 0), at(17, 9, 0)) // Wed → Tue next week: late
	mustIntake(t, f, birth())                                         // never corrected
	rec, err := f.store.Get(ctx, late)
	if err != nil {
		t.Fatal(err)
	}
	if rec.Summary.Corrections != 1 || rec.Summary.CorrectionsLate != 1 {
		t.Errorf("summary of the late correction: %d corrections, %d late", rec.Summary.Corrections, rec.Summary.CorrectionsLate)
	}
	rep, err := f.office.Report(ctx, at(1, 0, 0), at(31, 0, 0), onestop.ReportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if err := rep.Check(); err != nil {
		t.Error(err)
	}
	if c := rep.Total; c.Corrected != 2 || c.CorrectedLate != 1 || c.Received != 3 || c.Resolved != 2 {
		t.Errorf("report: %+v; want 2 corrected (1 late) of 3 received, 2 resolved", c)
	}
	for _, row := range rep.ByAgency {
		if row.Corrected != 2 {
			t.Errorf("agency row %s: corrected %d, want 2", row.Agency, row.Corrected)
		}
	}
}

// Decree 61/2018 has no rule of its own for a wrong result: the desk may still send it back
// and the agency correct it (recorded and reported alike), but with no time limit
// (dossier.Policy.CorrectionLimit zero: CorrectionDue is zero and no correction is late).
// An applicant cannot amend the content of a dossier received under Decree 61 (Amend is a
// Decree 118 Art. 21(2) right: dossier.ErrNotProvided), online or not.
func TestIssue11CorrectionAndAmendDecree61(t *testing.T) {
	day := func(d, h int) time.Time { return time.Date(2025, time.March, d, h, 0, 0, 0, calendar.Zone()) }
	f := newFixture(t, day(10, 9))
	code := correctedBirth(t, f, day, 10, day(11, 9), day(24, 9))
	rec, err := f.store.Get(ctx, code)
	if err != nil {
		t.Fatal(err)
	}
	if rec.Dossier.Regime != dossier.Decree61 || !rec.Dossier.CorrectionDue().IsZero() {
		t.Errorf("regime %v, correction due %v; want Decree 61 and none", rec.Dossier.Regime, rec.Dossier.CorrectionDue())
	}
	if rec.Summary.Corrections != 1 || rec.Summary.CorrectionsLate != 0 {
		t.Errorf("summary: %d corrections, %d late; want 1, 0", rec.Summary.Corrections, rec.Summary.CorrectionsLate)
	}
	f.clock.Set(day(25, 9))
	sub := birth()
	sub.Channel = procedure.Online
	online := mustIntake(t, f, sub)
	if _, err := f.office.Amend(ctx, citizen, online.Code, "sửa tên mẹ", nil); !errors.Is(err, dossier.ErrNotProvided) {
		t.Errorf("amendment under Decree 61: %v, want ErrNotProvided", err)
	}
	replayEqual(t, f, online.Code)
}
