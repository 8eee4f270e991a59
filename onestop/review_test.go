package onestop_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/motcua-go/motcua/dossier"
	"github.com/motcua-go/motcua/onestop"
)

// Issue 11: the clerk refuses a submission, or asks again for a document present but wrong,
// with their own reasons; a dossier outside the desk's competence is refused with where to
// send it (Decree 118/2025 Art. 17(2)(a)); documents held electronically are not asked for
// again unless to verify them (Art. 5(1)(i)).
func TestIssue11ClerkReview(t *testing.T) {
	f := newFixture(t, at(10, 9, 0))

	t.Run("refuse with reasons and redirect", func(t *testing.T) {
		sub := birth()
		sub.Review = onestop.Review{Refuse: "giấy chứng sinh không do cơ sở y tế cấp", Redirect: "Bệnh viện đa khoa Vân Đồn"}
		res, err := f.office.Intake(ctx, clerk, sub)
		if err != nil {
			t.Fatal(err)
		}
		if res.Decision != onestop.DecisionRefuse || res.Code != "" || res.Refusal == nil {
			t.Fatalf("result %+v, want a refusal without a code", res)
		}
		if res.Refusal.Reason != sub.Review.Refuse || res.Refusal.Redirect != sub.Review.Redirect || !res.Refusal.Intake {
			t.Errorf("slip reason %q, redirect %q", res.Refusal.Reason, res.Refusal.Redirect)
		}
	})

	t.Run("outside the competence, redirected to the competent agency", func(t *testing.T) {
		sub := birth()
		sub.Competent = other
		res, err := f.office.Intake(ctx, clerk, sub)
		if err != nil {
			t.Fatal(err)
		}
		if res.Decision != onestop.DecisionRefuse || res.Refusal.Redirect != other {
			t.Fatalf("decision %v, redirect %q, want a refusal redirected to %s", res.Decision, res.Refusal.Redirect, other)
		}
	})

	t.Run("document present but wrong", func(t *testing.T) {
		sub := birth()
		sub.Review = onestop.Review{Redo: []string{"Giấy chứng sinh"}, Reason: "bản chụp không đọc được"}
		res, err := f.office.Intake(ctx, clerk, sub)
		if err != nil {
			t.Fatal(err)
		}
		if res.Decision != onestop.DecisionSupplement || !slices.Equal(res.Missing, []string{"Giấy chứng sinh"}) {
			t.Fatalf("decision %v, documents %q, want the wrong document asked again", res.Decision, res.Missing)
		}
		if !strings.Contains(res.Supplement.Reason, "bản chụp không đọc được") {
			t.Errorf("slip reason %q lacks the clerk's", res.Supplement.Reason)
		}
		sub.Review.Reason = " \u00a0\n"
		if _, err := f.office.Intake(ctx, clerk, sub); !errors.Is(err, onestop.ErrRequired) {
			t.Errorf("redo without a reason: %v, want ErrRequired", err)
		}
	})

	t.Run("electronic documents", func(t *testing.T) {
		sub := birth()
		sub.Documents = []string{"Tờ khai đăng ký khai sinh"}
		sub.Electronic = []string{"Giấy chứng sinh"}
		res := mustIntake(t, f, sub) // held electronically: counted as handed in
		sub.Review = onestop.Review{Redo: []string{"Giấy chứng sinh"}, Reason: "cần đối chiếu bản gốc"}
		if _, err := f.office.Intake(ctx, clerk, sub); !errors.Is(err, dossier.ErrOnceOnly) {
			t.Errorf("asked again without verification: %v, want ErrOnceOnly", err)
		}
		sub.Review.Verification = true
		if got, err := f.office.Intake(ctx, clerk, sub); err != nil || got.Decision != onestop.DecisionSupplement {
			t.Errorf("asked to verify: %v, %v", got.Decision, err)
		}
		// During processing: RequestSupplement refuses it, RequestVerification asks for it.
		if _, err := f.office.Transfer(ctx, clerk, res.Code); err != nil {
			t.Fatal(err)
		}
		if _, err := f.office.Start(ctx, civil, res.Code); err != nil {
			t.Fatal(err)
		}
		if _, err := f.office.RequestSupplement(ctx, civil, res.Code, "cần đối chiếu", []string{"Giấy chứng sinh"}); !errors.Is(err, dossier.ErrOnceOnly) {
			t.Errorf("RequestSupplement of an electronic document: %v, want ErrOnceOnly", err)
		}
		slip, err := f.office.RequestVerification(ctx, civil, res.Code, "cần đối chiếu", []string{"Giấy chứng sinh"})
		if err != nil || len(slip.Documents) != 1 {
			t.Fatalf("RequestVerification: %+v, %v", slip, err)
		}
		replayEqual(t, f, res.Code)
	})
}
