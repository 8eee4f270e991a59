package routing

import "strconv"

// ParseAgencyCode parses a QCVN 102:2016 code "V1V2V3.Z1Z2.Y1Y2.MX1X2", e.g. "000.00.00.H49".
// The level-1 part is a capital letter and two digits; the others are three, two and two
// digits.
func ParseAgencyCode(s string) (AgencyCode, error) {
	// 000.00.00.H49: 13 bytes, dots at 3, 6 and 9.
	if len(s) != 13 || s[3] != '.' || s[6] != '.' || s[9] != '.' ||
		!digits(s[0:3]) || !digits(s[4:6]) || !digits(s[7:9]) ||
		s[10] < 'A' || s[10] > 'Z' || !digits(s[11:13]) {
		return AgencyCode{}, &FieldError{Path: "agency code", Value: s, Err: ErrInvalid}
	}
	return AgencyCode{L1: s[10:13], L2: s[7:9], L3: s[4:6], L4: s[0:3]}, nil
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// IsZero reports whether c is the zero code.
func (c AgencyCode) IsZero() bool { return c == AgencyCode{} }

// String returns the code as written, e.g. "000.00.00.H49"; "" for the zero code.
func (c AgencyCode) String() string {
	if c.IsZero() {
		return ""
	}
	return c.L4 + "." + c.L3 + "." + c.L2 + "." + c.L1
}

// MarshalText writes the code as String does.
func (c AgencyCode) MarshalText() ([]byte, error) { return []byte(c.String()), nil }

// UnmarshalText parses a code written as String writes it; "" gives the zero code.
func (c *AgencyCode) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*c = AgencyCode{}
		return nil
	}
	v, err := ParseAgencyCode(string(b))
	if err != nil {
		return err
	}
	*c = v
	return nil
}

var levelNames = [...]string{Central: "central", Province: "province", District: "district", Commune: "commune"}

// String returns "central", "province", "district" or "commune".
func (l Level) String() string {
	if int(l) < len(levelNames) && levelNames[l] != "" {
		return levelNames[l]
	}
	return "level(" + strconv.Itoa(int(l)) + ")"
}

func parseLevel(s string) (Level, bool) {
	for l, n := range levelNames {
		if n != "" && n == s {
			return Level(l), true
		}
	}
	return 0, false
}
