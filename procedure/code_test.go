package procedure

import "testing"

func TestCodes(t *testing.T) {
	tests := []struct {
		code     NationalCode
		valid    bool
		national NationalCode
		unit     AgencyCode
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
		if got := tt.code.Unit(); got != tt.unit {
			t.Errorf("%q.Unit() = %q, want %q", tt.code, got, tt.unit)
		}
	}
}

func TestAgencyCodes(t *testing.T) {
	tests := []struct {
		code   AgencyCode
		valid  bool
		level1 string
	}{
		{"000.00.00.H49", true, "H49"},
		{"000.00.04.G14", true, "G14"},
		{"H49", true, "H49"},
		{"H49.12", true, "H49"},
		{"H55.242", true, "H55"},
		{"H55.242.1.2", true, "H55"},
		{"H55.242.1.2.3", false, ""},
		{"H55.", false, ""},
		{"H55..1", false, ""},
		{"H55.1234", false, ""},
		{"h49", false, ""},
		{"00.000.00.H49", false, ""},
		{"000.00.00.H4", false, ""},
		{"", false, ""},
	}
	for _, tt := range tests {
		if got := tt.code.Valid(); got != tt.valid {
			t.Errorf("%q.Valid() = %v", tt.code, got)
		}
		if got := tt.code.Level1(); got != tt.level1 {
			t.Errorf("%q.Level1() = %q, want %q", tt.code, got, tt.level1)
		}
	}
}

func TestResultAndClockFormats(t *testing.T) {
	for s, want := range map[string]bool{"KQ.G15.000031": true, "KQ.G15.00003": false, "KQ.g15.000031": false, "XX.G15.000031": false} {
		if isResultCode(s) != want {
			t.Errorf("isResultCode(%q) = %v", s, !want)
		}
	}
	for s, want := range map[string]bool{"15:00": true, "00:00": true, "23:59": true, "24:00": false, "15:60": false, "1500": false, "7:30": false} {
		if _, ok := parseClock(s); ok != want {
			t.Errorf("parseClock(%q) ok = %v", s, ok)
		}
	}
}
