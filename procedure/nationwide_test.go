package procedure

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

// Decree 118/2025 Art. 36(10): the catalog marks a procedure its ministry opened to
// reception in any province; the flag is read, written in snake_case, and must be a boolean.
func TestNationwide(t *testing.T) {
	p := validProcedure()
	p.Nationwide = true
	data := catalogJSON(t, []Procedure{p}, nil)
	if !bytes.Contains(data, []byte(`"nationwide":true`)) {
		t.Fatalf("written without \"nationwide\": %s", data)
	}
	got, err := mustLoad(t, data).Lookup(p.Code, time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC))
	if err != nil || got == nil || !got.Nationwide {
		t.Fatalf("Lookup: %+v, %v; want the flag kept", got, err)
	}
	bad := bytes.Replace(data, []byte(`"nationwide":true`), []byte(`"nationwide":"có"`), 1)
	probs := problemsOf(t, bad, LoadOptions{})
	found := false
	for _, pr := range probs {
		found = found || strings.Contains(pr.Path, "nationwide")
	}
	if !found {
		t.Errorf("a nationwide that is not a boolean: problems %v, want one at .nationwide", probs)
	}
	q := validProcedure()
	if b := catalogJSON(t, []Procedure{q}, nil); bytes.Contains(b, []byte("nationwide")) {
		t.Errorf("false is written: %s", b)
	}
}
