package calendar

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/language"
)

func TestTimeOfDay(t *testing.T) {
	tests := []struct {
		in   string
		want TimeOfDay
		text string
	}{
		{"15:00", TimeOfDay(15 * time.Hour), "15:00"},
		{"07:30", TimeOfDay(7*time.Hour + 30*time.Minute), "07:30"},
		{"7:30", TimeOfDay(7*time.Hour + 30*time.Minute), "07:30"},
		{" 00:00 ", 0, "00:00"},
		{"23:59", TimeOfDay(23*time.Hour + 59*time.Minute), "23:59"},
		{"16:45:30", TimeOfDay(16*time.Hour + 45*time.Minute + 30*time.Second), "16:45:30"},
		{"23:59:59", TimeOfDay(24*time.Hour - time.Second), "23:59:59"},
	}
	for _, tt := range tests {
		got, err := ParseTimeOfDay(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("ParseTimeOfDay(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
			continue
		}
		b, err := got.MarshalText()
		if err != nil || string(b) != tt.text || got.String() != tt.text {
			t.Errorf("text of %q = %q, %v; want %q", tt.in, b, err, tt.text)
		}
		var back TimeOfDay
		if err := back.UnmarshalText(b); err != nil || back != got {
			t.Errorf("round trip of %q: %v, %v", tt.in, back, err)
		}
	}
	for _, bad := range []string{"", "15", "15h00", "15:0", "15:000", "24:00", "23:60", "-1:00", "+1:00",
		"1:2:3", "15:00:60", "15:00:", "１５:００", "15:00\x00", strings.Repeat("1", 1<<20)} {
		_, err := ParseTimeOfDay(bad)
		var te *TextError
		if !errors.Is(err, ErrBadTimeOfDay) || !errors.As(err, &te) || len(err.Error()) > 300 {
			t.Errorf("ParseTimeOfDay(%q): %v", bad, err)
		}
	}
	for _, bad := range []TimeOfDay{-1, TimeOfDay(24 * time.Hour), TimeOfDay(time.Millisecond)} {
		if _, err := bad.MarshalText(); !errors.Is(err, ErrBadTimeOfDay) {
			t.Errorf("MarshalText(%v): %v", time.Duration(bad), err)
		}
	}
	// In JSON a time of day is its text.
	var v struct{ Cutoff TimeOfDay }
	if err := json.Unmarshal([]byte(`{"Cutoff": "15:00"}`), &v); err != nil || v.Cutoff != TimeOfDay(15*time.Hour) {
		t.Errorf("json: %v, %v", v, err)
	}
	b, _ := json.Marshal(v)
	if diff := cmp.Diff(`{"Cutoff":"15:00"}`, string(b)); diff != "" {
		t.Error(diff)
	}
	_, err := ParseTimeOfDay("3 giờ chiều")
	var te *TextError
	if !errors.As(err, &te) || te.Message(language.Vietnamese) != `"3 giờ chiều" không phải giờ trong ngày dạng giờ:phút (HH:MM, từ 00:00 đến 23:59)` {
		t.Errorf("message: %v", err)
	}
}

// Whatever ParseTimeOfDay accepts is valid and reads back from its text.
func FuzzParseTimeOfDay(f *testing.F) {
	for _, s := range []string{"15:00", "7:30", "23:59:59", "24:00", "", "1:2"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := ParseTimeOfDay(s)
		if err != nil {
			if !errors.Is(err, ErrBadTimeOfDay) {
				t.Fatal(err)
			}
			return
		}
		back, err := ParseTimeOfDay(v.String())
		if !v.Valid() || err != nil || back != v {
			t.Fatalf("ParseTimeOfDay(%q) = %v; back %v, %v", s, v, back, err)
		}
	})
}
