package onestop_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/motcua-go/motcua/dossier"
	"github.com/motcua-go/motcua/onestop"
)

// noticeTexts returns every string a notice holds.
func noticeTexts(n onestop.Notice) []string {
	var out []string
	v := reflect.ValueOf(n)
	for i := range v.NumField() {
		switch f := v.Field(i); f.Kind() {
		case reflect.String:
			out = append(out, f.String())
		case reflect.Slice:
			for j := range f.Len() {
				out = append(out, f.Index(j).String())
			}
		}
	}
	return out
}

// checkNoApplicant fails if a notice holds anything that identifies the applicant.
func checkNoApplicant(t *testing.T, n onestop.Notice, a dossier.Applicant, actor dossier.Actor) {
	t.Helper()
	for _, s := range noticeTexts(n) {
		for _, secret := range []string{actor.ID, a.Name, a.CitizenID, a.Phone, a.Email, a.Address.Line} {
			if secret != "" && strings.Contains(s, secret) {
				t.Errorf("notice %s holds %q of the applicant: %+v", n.Event, secret, n)
			}
		}
	}
}

// Regression: Notice.Handler was the actor's ID, which for an applicant (here their citizen ID)
// is personal data. An applicant's command gives a notice with no handler and the role only.
func TestNoticeOfApplicantCommandHoldsNoIdentity(t *testing.T) {
	f := newFixture(t, at(10, 9, 0))
	code := startBusiness(t, f)
	applicant := business().Applicant
	applicant.Phone, applicant.Email = "0912345678", "an@example.vn"
	f.clock.Set(at(11, 10, 0))
	if _, err := f.office.RequestSupplement(ctx, civil, code, "thiếu biên bản họp", []string{"Bản sao biên bản họp thành viên hộ gia đình"}); err != nil {
		t.Fatal(err)
	}
	f.clock.Set(at(12, 10, 0))
	if _, err := f.office.Supplement(ctx, citizen, code, []string{"Bản sao biên bản họp thành viên hộ gia đình"}); err != nil {
		t.Fatal(err)
	}
	f.clock.Set(at(12, 11, 0))
	if _, err := f.office.Withdraw(ctx, citizen, code, "không có nhu cầu"); err != nil {
		t.Fatal(err)
	}
	notes := f.notes.For(code)
	var byApplicant int
	for _, n := range notes {
		checkNoApplicant(t, n, applicant, citizen)
		if n.Role == "applicant" {
			byApplicant++
			if n.Handler != "" || n.Agency == "" || n.ReceivedAt.IsZero() || n.At.IsZero() {
				t.Errorf("applicant's notice %s: handler %q, agency %q, received %v, at %v", n.Event, n.Handler, n.Agency, n.ReceivedAt, n.At)
			}
		}
	}
	if byApplicant != 2 {
		t.Errorf("%d notices of the applicant's commands, want 2 (supplement, withdraw)", byApplicant)
	}
	// The officials are named by their IDs.
	for _, n := range notes {
		if n.Role == "officer" && n.Handler != civil.ID || n.Role == "clerk" && n.Handler != clerk.ID {
			t.Errorf("notice %s: handler %q for role %s", n.Event, n.Handler, n.Role)
		}
	}
}

// Regression: a submission refused or found incomplete at intake sent no notice. The applicant
// is told the content and the reasons (Decree 61/2018 Art. 17(2)); the notice has no dossier
// code and is identified by the submission's reference, the procedure, the desk and the time.
func TestIntakeRefusalAndSupplementAreNotified(t *testing.T) {
	t.Run("refusal", func(t *testing.T) {
		f := newFixture(t, at(10, 9, 0))
		sub := birth()
		sub.Competent, sub.Reference = other, "PORTAL-2026-000042"
		res, err := f.office.Intake(ctx, clerk, sub)
		if err != nil {
			t.Fatal(err)
		}
		if res.Decision != onestop.DecisionRefuse {
			t.Fatalf("decision %v", res.Decision)
		}
		notes := f.notes.Notices()
		if len(notes) != 1 {
			t.Fatalf("%d notices, want 1", len(notes))
		}
		n := notes[0]
		want := onestop.Notice{Reference: "PORTAL-2026-000042", Procedure: "1.001193", Event: "refuse_intake",
			State: n.State, NationalStatus: n.NationalStatus, Agency: desk, Handler: clerk.ID, Role: "clerk",
			At: at(10, 9, 0), SubmittedAt: at(10, 9, 0), Reason: res.Refusal.Reason}
		if diff := cmp.Diff(want, n); diff != "" {
			t.Errorf("notice (-want +got):\n%s", diff)
		}
		if n.Reason == "" || n.Code != "" {
			t.Errorf("reason %q, code %q", n.Reason, n.Code)
		}
		checkNoApplicant(t, n, sub.Applicant, dossier.Actor{})
	})
	t.Run("supplement", func(t *testing.T) {
		f := newFixture(t, at(10, 9, 0))
		sub := birth()
		sub.Case, sub.Documents, sub.Reference = "lien-thong-khai-sinh-thuong-tru-bhyt-2015", sub.Documents[:1], "KIOSK-17"
		res, err := f.office.Intake(ctx, clerk, sub)
		if err != nil {
			t.Fatal(err)
		}
		if res.Decision != onestop.DecisionSupplement {
			t.Fatalf("decision %v", res.Decision)
		}
		notes := f.notes.Notices()
		if len(notes) != 1 {
			t.Fatalf("%d notices, want 1", len(notes))
		}
		n := notes[0]
		if n.Code != "" || n.Reference != "KIOSK-17" || n.Event != "request_intake_supplement" || n.Agency != desk ||
			n.Handler != clerk.ID || n.Reason == "" || !n.At.Equal(at(10, 9, 0)) {
			t.Errorf("notice %+v", n)
		}
		if diff := cmp.Diff(res.Missing, n.Missing); diff != "" {
			t.Errorf("missing documents (-slip +notice):\n%s", diff)
		}
		checkNoApplicant(t, n, sub.Applicant, dossier.Actor{})
	})
}
