// Package msg holds what every package of the module needs to write a message a person
// reads: the choice of language, the cut of an echoed value, plurals and the cap on how many
// problems one error lists. It is internal: callers choose a language with a
// golang.org/x/text/language.Tag and never import this package.
package msg

import (
	"strconv"
	"unicode/utf8"

	"golang.org/x/text/language"
)

// MaxEcho is how many characters of an input value a message repeats; a longer value is cut
// and ends with "…".
const MaxEcho = 64

// MaxProblems is how many problems a validation error lists; the rest are counted.
const MaxProblems = 100

// Vietnamese reports whether messages in lang are to be written in Vietnamese: any tag whose
// base language is vi (vi, vi-VN, …). Every other tag, and the zero tag, gives English.
func Vietnamese(lang language.Tag) bool {
	b, c := lang.Base()
	return c != language.No && b.String() == "vi"
}

// Pick returns vi when lang is Vietnamese and en otherwise.
func Pick(lang language.Tag, vi, en string) string {
	if Vietnamese(lang) {
		return vi
	}
	return en
}

// Clip cuts s to its first MaxEcho characters, with "…" when it was longer. Invalid UTF-8
// bytes count as one character each and are kept as they are (Quote escapes them).
func Clip(s string) string { return ClipN(s, MaxEcho) }

// ClipN cuts s to its first n characters, with "…" when it was longer.
func ClipN(s string, n int) string {
	i, count := 0, 0
	for i < len(s) {
		if count == n {
			return s[:i] + "…"
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
		count++
	}
	return s
}

// Quote returns s cut by Clip and quoted as Go quotes strings, so that control characters,
// NUL and invalid UTF-8 show as escapes.
func Quote(s string) string { return strconv.Quote(Clip(s)) }

// Plural returns "n one" or "n many" in English, by n.
func Plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// More returns the last line of a list cut at MaxProblems: "and 3 more problems",
// "và 3 lỗi khác".
func More(n int, lang language.Tag) string {
	if Vietnamese(lang) {
		return "và " + strconv.Itoa(n) + " lỗi khác"
	}
	return "and " + Plural(n, "more problem", "more problems")
}

// Text returns the text of the problem err in lang: the error's own Message(lang) when it has
// one (a typed problem of any package of the module), else in Vietnamese the text vi gives
// for the sentinel, else err.Error(). A nil err reads as fallback.
func Text(err error, lang language.Tag, vi map[error]string, fallback error) string {
	if err == nil {
		err = fallback
	}
	if m, ok := err.(interface{ Message(language.Tag) string }); ok {
		return m.Message(lang)
	}
	if Vietnamese(lang) {
		if s, ok := vi[err]; ok {
			return s
		}
	}
	return err.Error()
}
