package procedure

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// foldTable maps every rune below 0x1F00 (Latin, including all Vietnamese letters) to its
// lower-case base letter, or to -1 for combining marks to drop. Built once, never changed.
var foldTable = sync.OnceValue(func() *[0x1F00]rune {
	var t [0x1F00]rune
	for r := rune(0); r < 0x1F00; r++ {
		switch {
		case unicode.Is(unicode.Mn, r):
			t[r] = -1
			continue
		case r == 'đ' || r == 'Đ':
			t[r] = 'd'
			continue
		}
		base := r
		if r >= 0x80 {
			if d := norm.NFD.String(string(r)); d != "" {
				if b, _ := utf8.DecodeRuneInString(d); !unicode.Is(unicode.Mn, b) {
					base = b
				}
			}
		}
		t[r] = foldCase(base)
	}
	return &t
})

// foldCase maps r to one form for all its cases: lower case of its upper case, so that
// variant forms such as ſ, ϱ and K fold with their plain letters.
func foldCase(r rune) rune { return unicode.ToLower(unicode.ToUpper(r)) }

// Fold returns s in lower case without Vietnamese diacritics ("Đăng ký khai sinh" → "dang ky
// khai sinh"), with runs of white space reduced to one space and trimmed, for matching names.
func Fold(s string) string {
	t := foldTable()
	var b strings.Builder
	b.Grow(len(s))
	space := true
	for _, r := range s {
		switch {
		case r < 0x1F00:
			r = t[r]
		case unicode.Is(unicode.Mn, r):
			r = -1
		default:
			r = foldCase(r)
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
