package procedure

import (
	"errors"
	"strconv"
	"testing"
)

func TestCodes(t *testing.T) {
	tests := []struct {
		code     NationalCode
		valid    bool
		national NationalCode
		unit     string
	}{
		{"1.001193", true, "1.001193", ""},
		{"2.000815.000.00.00.H55", true, "2.000815", "000.00.00.H55"},
		{"1.000948.H38", true, "1.000948", "H38"},
		{"1.00119", false, "", ""},
		{"1.0011934", false, "", ""},
		{"1.001193.", false, "", ""},
		{"1.001193.000.00.00.H5", false, "", ""},
		{"11.00119", false, "", ""},
		{"", false, "", ""},
	}
	for _, tt := range tests {
		if got := tt.code.Valid(); got != tt.valid {
			t.Errorf("%q.Valid() = %v", tt.code, got)
		}
		if got := tt.code.National(); got != tt.national {
			t.Errorf("%q.National() = %q, want %q", tt.code, got, tt.national)
		}
		if got := tt.code.Unit().String(); got != tt.unit {
			t.Errorf("%q.Unit() = %q, want %q", tt.code, got, tt.unit)
		}
	}
}

func mk(t *testing.T, l1 string, l2, l3, l4 int) AgencyCode {
	t.Helper()
	c, err := NewAgencyCode(l1, l2, l3, l4)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestParseAgencyCode(t *testing.T) {
	tests := []struct {
		in    string
		want  AgencyCode
		ok    bool
		short bool
		l1    string
		parts string // L2.L3.L4
	}{
		{in: "000.00.00.H49", want: mk(t, "H49", 0, 0, 0), ok: true, l1: "H49", parts: "0.0.0"},
		{in: "000.00.04.G14", want: mk(t, "G14", 4, 0, 0), ok: true, l1: "G14", parts: "4.0.0"},
		{in: "001.10.21.H49", want: mk(t, "H49", 21, 10, 1), ok: true, l1: "H49", parts: "21.10.1"},
		{in: "999.99.99.Z99", want: mk(t, "Z99", 99, 99, 999), ok: true, l1: "Z99", parts: "99.99.999"},
		{in: "H49", ok: true, short: true, l1: "H49", parts: "0.0.0"},
		{in: "H49.12", ok: true, short: true, l1: "H49", parts: "0.0.0"},
		{in: "H55.242", ok: true, short: true, l1: "H55", parts: "0.0.0"},
		{in: "H55.042.1.2", ok: true, short: true, l1: "H55", parts: "0.0.0"},
		{in: "H55.242.1.2.3"},
		{in: "H55."},
		{in: "H55..1"},
		{in: "H55.1234"},
		{in: "H55.1."},
		{in: "h49"},
		{in: "00.000.00.H49"},
		{in: "000.00.00.h49"},
		{in: "000.00.00.H4"},
		{in: "000.0a.00.H49"},
		{in: "000-00-00-H49"},
		{in: "0000.00.00.H49"},
		{in: ""},
	}
	for _, tt := range tests {
		got, err := ParseAgencyCode(tt.in)
		if (err == nil) != tt.ok || (tt.want != AgencyCode{} && got != tt.want) {
			t.Errorf("ParseAgencyCode(%q) = %+v, %v", tt.in, got, err)
			continue
		}
		if !tt.ok {
			var fe *FieldError
			if !errors.Is(err, ErrInvalid) || !errors.As(err, &fe) || fe.Field != "agency code" || !got.IsZero() {
				t.Errorf("ParseAgencyCode(%q) error %v, want a FieldError wrapping ErrInvalid", tt.in, err)
			}
			continue
		}
		if got.String() != tt.in || got.Short() != tt.short || got.L1() != tt.l1 {
			t.Errorf("ParseAgencyCode(%q): String %q, Short %v, L1 %q", tt.in, got.String(), got.Short(), got.L1())
		}
		if l := strconv.Itoa(got.L2()) + "." + strconv.Itoa(got.L3()) + "." + strconv.Itoa(got.L4()); l != tt.parts {
			t.Errorf("parts of %q = %s, want %s", tt.in, l, tt.parts)
		}
		var back AgencyCode
		b, _ := got.MarshalText()
		if err := back.UnmarshalText(b); err != nil || back != got {
			t.Errorf("text round trip of %q: %+v, %v", tt.in, back, err)
		}
	}
	// The short form keeps its leading zeros, so "H49.012" and "H49.12" are two codes.
	a, _ := ParseAgencyCode("H49.012")
	b, _ := ParseAgencyCode("H49.12")
	if a == b || a.String() != "H49.012" {
		t.Errorf("H49.012 = %v, H49.12 = %v", a, b)
	}
}

func TestNewAgencyCode(t *testing.T) {
	for _, bad := range []struct {
		l1         string
		l2, l3, l4 int
	}{{"h49", 0, 0, 0}, {"H4", 0, 0, 0}, {"H49", 100, 0, 0}, {"H49", 0, -1, 0}, {"H49", 0, 0, 1000}, {"HH9", 0, 0, 0}} {
		if _, err := NewAgencyCode(bad.l1, bad.l2, bad.l3, bad.l4); !errors.Is(err, ErrInvalid) {
			t.Errorf("NewAgencyCode(%+v) error = %v", bad, err)
		}
	}
	if (AgencyCode{}).L1() != "" || (AgencyCode{}).String() != "" || !(AgencyCode{}).IsZero() {
		t.Error("zero code")
	}
}

// FuzzAgencyCode: a code that parses prints back as itself; anything else is ErrInvalid.
func FuzzAgencyCode(f *testing.F) {
	for _, s := range []string{"000.00.00.H49", "001.10.21.H49", "000.00.04.G14", "H49", "H49.012.3", "000.00.00.h49", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := ParseAgencyCode(s)
		if err != nil {
			if !errors.Is(err, ErrInvalid) || !c.IsZero() {
				t.Fatalf("ParseAgencyCode(%q) = %v, %v", s, c, err)
			}
			return
		}
		if c.String() != s {
			t.Fatalf("ParseAgencyCode(%q).String() = %q", s, c.String())
		}
	})
}

func TestChannelAndLevelText(t *testing.T) {
	for _, ch := range []Channel{Counter, Online, Postal} {
		b, err := ch.MarshalText()
		var back Channel
		if err != nil || back.UnmarshalText(b) != nil || back != ch {
			t.Errorf("channel %v: %s, %v, %v", ch, b, err, back)
		}
	}
	var ch Channel
	if err := ch.UnmarshalText([]byte("fax")); !errors.Is(err, ErrInvalid) {
		t.Errorf("UnmarshalText(fax) = %v", err)
	}
	if _, err := Channel(9).MarshalText(); !errors.Is(err, ErrInvalid) || Channel(9).String() != "Channel(9)" {
		t.Errorf("Channel(9).MarshalText() = %v", err)
	}
	if !Counter.Paper() || !Postal.Paper() || Online.Paper() {
		t.Error("Paper")
	}
	for _, l := range []Level{Central, Province, District, Commune} {
		b, err := l.MarshalText()
		var back Level
		if err != nil || back.UnmarshalText(b) != nil || back != l {
			t.Errorf("level %v: %s, %v, %v", l, b, err, back)
		}
	}
	if _, err := ParseLevel("huyen"); !errors.Is(err, ErrInvalid) {
		t.Errorf("ParseLevel(huyen) = %v", err)
	}
	if Level(0).Valid() || Level(9).String() != "level(9)" || !(Central < Province && Province < District && District < Commune) {
		t.Error("Level order or names")
	}
}

func TestResultCodeFormat(t *testing.T) {
	for s, want := range map[string]bool{"KQ.G15.000031": true, "KQ.G15.00003": false, "KQ.g15.000031": false, "XX.G15.000031": false} {
		if isResultCode(s) != want {
			t.Errorf("isResultCode(%q) = %v", s, !want)
		}
	}
}
