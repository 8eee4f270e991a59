package onestop_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/motcua-go/motcua/onestop"
)

// maxIntakeAllocs bounds the allocations of one Office.Intake at the counter with the
// in-memory store (issue 10 asked for at most 15; it was 40, now 12). Raise it only with a reason
// in the commit message: what the new allocation buys.
const maxIntakeAllocs = 12

// TestIntakeAllocs keeps Office.Intake within maxIntakeAllocs allocations, so that they
// cannot creep back, and checks that the dossier it stores is still whole.
func TestIntakeAllocs(t *testing.T) {
	f := newFixture(t, at(10, 9, 0))
	sub := birth()
	mustIntake(t, f, sub) // the first intake fills the Office's caches
	n := testing.AllocsPerRun(200, func() {
		if _, err := f.office.Intake(ctx, clerk, sub); err != nil {
			t.Fatal(err)
		}
	})
	t.Logf("Office.Intake: %v allocations", n)
	if n > maxIntakeAllocs {
		t.Errorf("Office.Intake allocates %v times, want at most %d", n, maxIntakeAllocs)
	}
	res := mustIntake(t, f, sub)
	rec, err := f.store.Get(ctx, res.Code)
	if err != nil {
		t.Fatal(err)
	}
	// The summary keeps the record's code text; the receipt prints the same code.
	if diff := cmp.Diff(res.Code, rec.Summary.Code); diff != "" {
		t.Errorf("summary code (-result +summary):\n%s", diff)
	}
	if res.Receipt == nil || res.Receipt.CodeText != res.Code || rec.Code != res.Code {
		t.Errorf("receipt %+v, record %q: want the code %q on both", res.Receipt, rec.Code, res.Code)
	}
	if diff := cmp.Diff(sub.Documents, res.Receipt.Documents); diff != "" {
		t.Errorf("receipt documents (-submission +receipt):\n%s", diff)
	}
	if got := rec.Summary.Level; got == "" {
		t.Error("summary has no level")
	}
	if res.Decision != onestop.DecisionReceive {
		t.Errorf("decision %v, want receive", res.Decision)
	}
}

// TestIntakeDocumentsFolded checks the documents handed in against the required ones, names
// compared folded (case, diacritics, spaces), both for a few names (compared in turn) and for
// many (put in a set).
func TestIntakeDocumentsFolded(t *testing.T) {
	extra := func(n int) []string {
		var docs []string
		for i := range n {
			docs = append(docs, "Giấy tờ khác "+string(rune('A'+i)))
		}
		return docs
	}
	cases := []struct {
		name    string
		docs    []string
		missing []string
	}{
		{"few, folded", []string{"  TỜ KHAI đăng  ký khai sinh", "giay chung sinh"}, nil},
		{"few, one missing", []string{"Giấy chứng sinh", "Tờ khai đăng ký kết hôn"}, []string{"Tờ khai đăng ký khai sinh"}},
		{"many, folded", append(extra(20), "to khai dang ky khai sinh", "GIẤY CHỨNG SINH"), nil},
		{"many, one missing", append(extra(20), "Giấy chứng sinh"), []string{"Tờ khai đăng ký khai sinh"}},
	}
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, at(10, 9, 0))
			sub := birth()
			sub.Documents = tt.docs
			res, err := f.office.Intake(ctx, clerk, sub)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.missing, res.Missing); diff != "" {
				t.Errorf("missing (-want +got):\n%s", diff)
			}
			want := onestop.DecisionReceive
			if tt.missing != nil {
				want = onestop.DecisionSupplement
			}
			if res.Decision != want {
				t.Errorf("decision %v, want %v", res.Decision, want)
			}
		})
	}
}
