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
	return AgencyCode{
		l1: [3]byte{s[10], s[11], s[12]},
		l2: uint8(num(s[7:9])),
		l3: uint8(num(s[4:6])),
		l4: uint16(num(s[0:3])),
	}, nil
}

// NewAgencyCode builds a code from its parts: l1 a capital letter and two digits ("H49"),
// l2 and l3 in 0–99, l4 in 0–999.
func NewAgencyCode(l1 string, l2, l3, l4 int) (AgencyCode, error) {
	if len(l1) != 3 || l1[0] < 'A' || l1[0] > 'Z' || !digits(l1[1:]) ||
		l2 < 0 || l2 > 99 || l3 < 0 || l3 > 99 || l4 < 0 || l4 > 999 {
		return AgencyCode{}, &FieldError{Path: "agency code",
			Value: strconv.Itoa(l4) + "." + strconv.Itoa(l3) + "." + strconv.Itoa(l2) + "." + l1, Err: ErrInvalid}
	}
	return AgencyCode{l1: [3]byte{l1[0], l1[1], l1[2]}, l2: uint8(l2), l3: uint8(l3), l4: uint16(l4)}, nil
}

// L1 returns the level-1 unit, e.g. "H49" ("" for the zero code).
func (c AgencyCode) L1() string {
	if c.IsZero() {
		return ""
	}
	return string(c.l1[:])
}

// L2 returns the level-2 unit number (Y1Y2).
func (c AgencyCode) L2() int { return int(c.l2) }

// L3 returns the level-3 unit number (Z1Z2).
func (c AgencyCode) L3() int { return int(c.l3) }

// L4 returns the level-4 unit number (V1V2V3).
func (c AgencyCode) L4() int { return int(c.l4) }

func num(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
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
	b := [13]byte{
		byte('0' + c.l4/100), byte('0' + c.l4/10%10), byte('0' + c.l4%10), '.',
		'0' + c.l3/10, '0' + c.l3%10, '.',
		'0' + c.l2/10, '0' + c.l2%10, '.',
		c.l1[0], c.l1[1], c.l1[2],
	}
	return string(b[:])
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

// levelNames is a lookup table, built on each call so that it cannot be changed.
func levelNames() [Commune + 1]string {
	return [Commune + 1]string{Central: "central", Province: "province", District: "district", Commune: "commune"}
}

// String returns "central", "province", "district" or "commune".
func (l Level) String() string {
	if names := levelNames(); int(l) < len(names) && names[l] != "" {
		return names[l]
	}
	return "level(" + strconv.Itoa(int(l)) + ")"
}

func parseLevel(s string) (Level, bool) {
	for l, n := range levelNames() {
		if n != "" && n == s {
			return Level(l), true
		}
	}
	return 0, false
}

// Equal reports whether c and o are the same code (so go-cmp compares codes by value).
func (c AgencyCode) Equal(o AgencyCode) bool { return c == o }
