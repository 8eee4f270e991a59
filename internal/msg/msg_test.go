package msg

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/language"
)

func TestVietnamese(t *testing.T) {
	tests := []struct {
		tag  language.Tag
		want bool
	}{
		{language.Vietnamese, true},
		{language.MustParse("vi-VN"), true},
		{language.English, false},
		{language.Und, false},
		{language.Tag{}, false},
		{language.French, false},
	}
	for _, tt := range tests {
		if got := Vietnamese(tt.tag); got != tt.want {
			t.Errorf("Vietnamese(%v) = %v, want %v", tt.tag, got, tt.want)
		}
	}
}

func TestClip(t *testing.T) {
	long := strings.Repeat("ạ", 100)
	tests := []struct{ in, want string }{
		{"", ""},
		{"abc", "abc"},
		{strings.Repeat("x", 64), strings.Repeat("x", 64)},
		{strings.Repeat("x", 65), strings.Repeat("x", 64) + "…"},
		{long, strings.Repeat("ạ", 64) + "…"},
		{"\xff\xfe", "\xff\xfe"},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, Clip(tt.in)); diff != "" {
			t.Errorf("Clip(%q) (-want +got):\n%s", tt.in, diff)
		}
	}
	if got := Quote("a\x00b"); got != `"a\x00b"` {
		t.Errorf("Quote = %s", got)
	}
}

func TestPlural(t *testing.T) {
	if got := Plural(1, "problem", "problems"); got != "1 problem" {
		t.Error(got)
	}
	if got := Plural(3, "problem", "problems"); got != "3 problems" {
		t.Error(got)
	}
	if got := Pick(language.Vietnamese, "có", "yes"); got != "có" {
		t.Error(got)
	}
}

func FuzzClip(f *testing.F) {
	f.Add("ạb\xffc")
	f.Fuzz(func(t *testing.T, s string) {
		c := Clip(s)
		if len(c) > len(s)+len("…") {
			t.Fatalf("Clip(%q) = %q is longer than its input", s, c)
		}
		if c != s && !strings.HasSuffix(c, "…") {
			t.Fatalf("Clip(%q) = %q cut without a mark", s, c)
		}
	})
}

type translated struct{}

func (translated) Error() string                    { return "en" }
func (translated) Message(lang language.Tag) string { return Pick(lang, "vi-own", "en-own") }

func TestTextAndMore(t *testing.T) {
	errA := errorString("is bad")
	vi := map[error]string{errA: "sai"}
	tests := []struct {
		name string
		err  error
		lang language.Tag
		want string
	}{
		{"sentinel in Vietnamese", errA, language.Vietnamese, "sai"},
		{"sentinel in English", errA, language.English, "is bad"},
		{"own message", translated{}, language.Vietnamese, "vi-own"},
		{"nil reads as the fallback", nil, language.Vietnamese, "sai"},
		{"unknown sentinel", errorString("x"), language.Vietnamese, "x"},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, Text(tt.err, tt.lang, vi, errA)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, diff)
		}
	}
	if diff := cmp.Diff([]string{"and 1 more problem", "and 2 more problems", "và 2 lỗi khác"},
		[]string{More(1, language.English), More(2, language.English), More(2, language.Vietnamese)}); diff != "" {
		t.Errorf("More (-want +got):\n%s", diff)
	}
}

type errorString string

func (e errorString) Error() string { return string(e) }
