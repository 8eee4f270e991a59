package onestop_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/motcua-go/motcua/onestop"
	"github.com/motcua-go/motcua/procedure"
)

// Decree 118/2025 Art. 33(1): the worst answer of the nine items decides the overall rating;
// costs outside the law make it dissatisfied.
func TestAssessmentOverall(t *testing.T) {
	for _, tc := range []struct {
		a    onestop.Assessment
		want onestop.Rating
	}{
		{onestop.Assessment{}, onestop.NotRated},
		{onestop.Assessment{Time: onestop.Satisfied, Online: onestop.Satisfied}, onestop.Satisfied},
		{onestop.Assessment{Time: onestop.Satisfied, Attitude: onestop.Acceptable}, onestop.Acceptable},
		{onestop.Assessment{Information: onestop.Dissatisfied, Attitude: onestop.Satisfied}, onestop.Dissatisfied},
		{onestop.Assessment{Time: onestop.Satisfied, ExtraCosts: true}, onestop.Dissatisfied},
		{onestop.Assessment{Other: onestop.Acceptable, Complaints: onestop.Satisfied}, onestop.Acceptable},
	} {
		if got := tc.a.Overall(); got != tc.want {
			t.Errorf("%+v: overall %v, want %v", tc.a, got, tc.want)
		}
	}
}

// Decree 118/2025 Art. 32(1)–33: the applicant assesses the nine items through the Office;
// the evaluation of the period computes progress and results, online service, satisfaction
// and corrections from the log, and says that publicity and digitisation are not recorded.
func TestIssue11Evaluation(t *testing.T) {
	f := newFixture(t, at(9, 9, 0))
	sub := birth()
	sub.Channel = procedure.Online
	online := mustIntake(t, f, sub).Code
	f.clock.Set(at(9, 10, 0))
	if _, err := f.office.Resolve(ctx, clerk, online, "KS-1"); err != nil {
		t.Fatal(err)
	}
	if err := f.office.Assess(ctx, citizen, online, onestop.Assessment{Time: onestop.Satisfied, Attitude: onestop.Acceptable,
		Agencies: 1, Contacts: 1, Online: onestop.Satisfied, Channel: "portal"}); err != nil {
		t.Fatal(err)
	}
	// The counter dossier is resolved a week late, sent back for correction, and assessed
	// with costs outside the law.
	f.clock.Set(at(9, 11, 0))
	counter := mustIntake(t, f, birth()).Code
	f.clock.Set(at(17, 9, 0))
	if _, err := f.office.Resolve(ctx, clerk, counter, "KS-2"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.office.SendForCorrection(ctx, clerk, counter, "sai tên"); err != nil {
		t.Fatal(err)
	}
	if err := f.office.Assess(ctx, citizen, counter, onestop.Assessment{Time: onestop.Dissatisfied, ExtraCosts: true, Complaint: true}); err != nil {
		t.Fatal(err)
	}
	if err := f.office.Assess(ctx, citizen, counter, onestop.Assessment{Attitude: onestop.Rating(9)}); !errors.Is(err, onestop.ErrInvalid) {
		t.Errorf("an item rated 9: %v, want ErrInvalid", err)
	}
	rec, err := f.store.Get(ctx, counter)
	if err != nil {
		t.Fatal(err)
	}
	if rec.Assessment == nil || !rec.Assessment.ExtraCosts || rec.Summary.Rating != onestop.Dissatisfied || !rec.Summary.Complaint {
		t.Errorf("assessment kept: %+v, summary rating %v complaint %v", rec.Assessment, rec.Summary.Rating, rec.Summary.Complaint)
	}
	ev, err := f.office.Evaluate(ctx, at(1, 0, 0), at(31, 0, 0), onestop.ReportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][2]float64{}
	for name, c := range map[string]onestop.Criterion{"progress": ev.Progress, "online": ev.Online,
		"satisfaction": ev.Satisfaction, "corrections": ev.Corrections} {
		if !c.Computed {
			t.Errorf("%s not computed", name)
		}
		got[name] = [2]float64{c.Percent, float64(c.Of)}
	}
	want := map[string][2]float64{"progress": {50, 2}, "online": {50, 2}, "satisfaction": {50, 2}, "corrections": {50, 2}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("criteria (-want +got):\n%s", diff)
	}
	if ev.Publicity.Computed || ev.Digitisation.Computed || ev.Publicity.Basis == "" || ev.Digitisation.Basis == "" {
		t.Errorf("publicity %+v, digitisation %+v: want not computed, with the reason", ev.Publicity, ev.Digitisation)
	}
	if !ev.Index.Computed || ev.Index.Percent != 0 {
		t.Errorf("Decision 766 satisfaction index %+v, want 0 (one overdue, one unhappy of two)", ev.Index)
	}
}
