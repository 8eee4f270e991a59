package procedure

import (
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// foldRune returns the form of r that Fold writes, or -1 for a rune to drop. It is the same
// for every case of a letter: the lower case of its upper case (so that variant forms such as
// ſ, ϱ, K and the iota subscript U+0345 fold with their plain letters), then without its
// diacritics (the first rune of its canonical decomposition, when that is not itself a mark),
// then again the lower case of the upper case of that base letter. đ and Đ fold to d. A
// combining mark (category Mn) that has no case of its own is dropped. Ð (U+00D0, the
// Icelandic eth that legacy Vietnamese converters write for Đ) and its lower case ð fold to d
// too.
func foldRune(r rune) rune {
	if r == 'đ' || r == 'Đ' {
		return 'd'
	}
	k := caseKey(r)
	if k == 'đ' || k == 'ð' {
		return 'd'
	}
	if unicode.Is(unicode.Mn, k) {
		return -1
	}
	if k >= 0x80 {
		if d := norm.NFD.String(string(k)); d != "" {
			if b, _ := utf8.DecodeRuneInString(d); b != k && !unicode.Is(unicode.Mn, b) {
				k = caseKey(b)
			}
		}
	}
	return k
}

// caseKey maps r to one rune for all its cases: the lower case of the upper case, repeated
// until it no longer changes (a few letters need two steps).
func caseKey(r rune) rune {
	for range 4 {
		k := unicode.ToLower(unicode.ToUpper(r))
		if k == r {
			break
		}
		r = k
	}
	return r
}

// foldTableSize is the number of runes whose fold is computed once in a table: the Basic
// Multilingual Plane, which holds every letter of Vietnamese and of the languages near it.
const foldTableSize = 0x10000

// foldTable maps every rune of the BMP to foldRune of it. Built once, never changed.
var foldTable = sync.OnceValue(func() *[foldTableSize]rune {
	var t [foldTableSize]rune
	for r := rune(0); r < foldTableSize; r++ {
		t[r] = foldRune(r)
	}
	return &t
})

// Fold returns s in lower case without Vietnamese diacritics ("Đăng ký khai sinh" → "dang ky
// khai sinh"), with runs of white space reduced to one space and trimmed, for matching names.
// It is blind to case for every input: Fold(strings.ToUpper(s)) == Fold(strings.ToLower(s)).
func Fold(s string) string {
	var buf [128]byte
	return string(AppendFold(buf[:0], s))
}

// AppendFold appends Fold(s) to b: with a buffer of the caller's, names are matched without
// allocating (the one-stop desk checks the documents handed in at every intake).
func AppendFold(b []byte, s string) []byte { return appendFold(b, s, false) }

// searchFold is Fold with punctuation and symbols read as spaces, the form names are
// searched in: "nhận cha, mẹ, con" and "nhan cha me con" give the same words.
func searchFold(s string) string {
	var buf [128]byte
	return string(appendFold(buf[:0], s, true))
}

// appendFold appends Fold(s) to b; with words set, punctuation and symbols count as spaces.
func appendFold(b []byte, s string, words bool) []byte {
	t := foldTable()
	start := len(b)
	space := true
	for i := 0; i < len(s); {
		var r rune
		if c := s[i]; c < utf8.RuneSelf {
			r = rune(c)
			i++
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
		} else {
			var size int
			r, size = utf8.DecodeRuneInString(s[i:])
			i += size
			if r < foldTableSize {
				r = t[r]
			} else {
				r = foldRune(r)
			}
		}
		switch {
		case r < 0:
			continue
		case unicode.IsSpace(r), words && (unicode.IsPunct(r) || unicode.IsSymbol(r)):
			if !space {
				b = append(b, ' ')
			}
			space = true
			continue
		}
		space = false
		b = utf8.AppendRune(b, r)
	}
	if len(b) > start && b[len(b)-1] == ' ' {
		b = b[:len(b)-1]
	}
	return b
}
