package onestop_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/motcua-go/motcua/onestop"
)

// maxIntakeAllocs bounds the allocations of one Office.Intake at the counter with the
// in-memory store (issue 10 asked for at most 15; it was 40). Raise it only with a reason
// in the commit message: what the new allocation buys.
const maxIntakeAllocs = 15

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
