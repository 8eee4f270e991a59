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

// TestAppendFold checks that AppendFold appends what the Builder-based fold of issue 9 wrote
// (kept here as the reference), keeps what the buffer held, and folds a Vietnamese name into
// a buffer of the caller's without allocating.
func TestAppendFold(t *testing.T) {
	reference := func(s string) string {
		var b strings.Builder
		space := true
		for _, r := range s {
			if r < foldTableSize {
				if r < utf8.RuneSelf && 'A' <= r && r <= 'Z' {
					r += 'a' - 'A'
				} else if r >= utf8.RuneSelf {
					r = foldTable()[r]
				}
			} else {
				r = foldRune(r)
			}
			switch {
			case r < 0:
				continue
			case unicode.IsSpace(r):
				if !space {
					b.WriteByte(' ')
				}
				space = true
				continue
			}
			space = false
			b.WriteRune(r)
		}
		return strings.TrimSuffix(b.String(), " ")
	}
	inputs := []string{"", " ", "  Đăng   ký khai sinh  ", "Tờ khai đăng ký khai sinh", "GIẤY CHỨNG SINH",
		"a\u0301b", "x\xffy", "\t\nĐ\u00a0đ ", "𝔸𝔹 ſ K", "Giấy tờ\u3000khác"}
	for r := rune(0); r < 0x2000; r += 7 {
		inputs = append(inputs, "a "+string(r)+" B")
	}
	for _, s := range inputs {
		want := reference(s)
		if got := Fold(s); got != want {
			t.Errorf("Fold(%q) = %q, want %q", s, got, want)
		}
		if got := string(AppendFold([]byte("x:"), s)); got != "x:"+want {
			t.Errorf("AppendFold(x:, %q) = %q, want %q", s, got, "x:"+want)
		}
	}
	name := "Tờ khai đăng ký khai sinh"
	if n := testing.AllocsPerRun(100, func() {
		var buf [64]byte
		if string(AppendFold(buf[:0], name)) != "to khai dang ky khai sinh" {
			panic("AppendFold")
		}
	}); n != 0 {
		t.Errorf("AppendFold into a stack buffer allocates %v times, want 0", n)
	}
}
