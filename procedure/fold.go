package procedure

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Fold returns s in lower case without Vietnamese diacritics ("Đăng ký khai sinh" → "dang ky
// khai sinh"), with runs of white space reduced to one space, for matching names.
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := true
	var it norm.Iter
	it.InitString(norm.NFD, s)
	for !it.Done() {
		seg := it.Next()
		for len(seg) > 0 {
			r, n := utf8.DecodeRune(seg)
			seg = seg[n:]
			switch {
			case unicode.Is(unicode.Mn, r):
				continue
			case r == 'đ' || r == 'Đ':
				r = 'd'
			case unicode.IsSpace(r):
				if !space {
					b.WriteByte(' ')
				}
				space = true
				continue
			default:
				r = unicode.ToLower(r)
			}
			space = false
			b.WriteRune(r)
		}
	}
	return strings.TrimSuffix(b.String(), " ")
}
