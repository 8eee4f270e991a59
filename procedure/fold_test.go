package procedure

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// TestFoldCaseBlindEveryRune: for every rune r, Fold(ToUpper(r)) == Fold(ToLower(r)), and
// Fold is idempotent. Before issue 9, "\u0345" (whose upper case is Ι) failed.
func TestFoldCaseBlindEveryRune(t *testing.T) {
	bad := 0
	for r := rune(0); r <= utf8.MaxRune; r++ {
		if !utf8.ValidRune(r) {
			continue
		}
		cased := unicode.ToUpper(r) != r || unicode.ToLower(r) != r
		if !cased && r >= foldTableSize {
			continue // no case, out of the table: Fold keeps it or drops it alike
		}
		s := string(r)
		if cased {
			up, low := Fold(strings.ToUpper(s)), Fold(strings.ToLower(s))
			if up != low {
				if bad++; bad < 10 {
					t.Errorf("Fold(ToUpper(%q)) = %q, Fold(ToLower(%q)) = %q", s, up, s, low)
				}
			}
		}
		if f := Fold(s); Fold(f) != f {
			if bad++; bad < 10 {
				t.Errorf("Fold(%q) = %q, folded again %q", s, f, Fold(f))
			}
		}
	}
	if Fold(strings.ToUpper("\u0345")) != Fold(strings.ToLower("\u0345")) {
		t.Error("U+0345")
	}
}
