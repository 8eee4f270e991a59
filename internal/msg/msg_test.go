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
