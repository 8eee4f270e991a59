package procedure

import (
	"strconv"
	"strings"
)

// AgencyCode is an agency identifier in the QCVN 102:2016/BTTTT structure V1V2V3.Z1Z2.Y1Y2.MX1X2,
// written most specific first, e.g. 000.00.00.H49 (Quảng Ninh Provincial People's Committee).
// L1 is the level-1 unit (MX1X2: a capital letter and two digits, G for ministries and central
// agencies, H for provincial People's Committees), L2 the level-2 unit (Y1Y2: department,
// district People's Committee), L3 the level-3 unit (Z1Z2: commune People's Committee,
// sub-unit), L4 the level-4 unit (V1V2V3); unused levels are zeros.
//
// The national database and the portals also write units of execution in a short form: the
// level-1 unit followed by up to three numeric parts of one to three digits, e.g. "H49" or
// "H55.242". A short code keeps its text as written (Short reports it); it never equals a code
// in the full form.
//
// AgencyCode is a small comparable value, usable as a map key; the zero AgencyCode means "no
// agency". Build one with ParseAgencyCode or NewAgencyCode; in JSON it is a string.
type AgencyCode struct {
	l1 [3]byte
	// short is 0 for the full form, and 1+n for the short form with n numeric parts.
	short uint8
	// parts holds L2, L3 and L4 in the full form; in the short form, each part's value with its
	// number of digits in the bits from 10 (so that "H49.012" prints back as written).
	parts [3]uint16
}

// ParseAgencyCode parses an agency code in the full QCVN 102:2016 form "V1V2V3.Z1Z2.Y1Y2.MX1X2"
// (e.g. "000.00.00.H49": three, two and two digits, then a capital letter and two digits) or
// in the short form "MX1X2[.N[.N[.N]]]" (e.g. "H49", "H55.242": parts of one to three digits).
// The error is a *FieldError wrapping ErrInvalid.
func ParseAgencyCode(s string) (AgencyCode, error) {
	if c, ok := parseAgencyCode(s); ok {
		return c, nil
	}
	return AgencyCode{}, &FieldError{Field: "agency code", Value: s, Err: ErrInvalid}
}

func parseAgencyCode(s string) (AgencyCode, bool) {
	if len(s) == 13 && s[3] == '.' && s[6] == '.' && s[9] == '.' {
		if !digits(s[:3]) || !digits(s[4:6]) || !digits(s[7:9]) || !isLevel1(s[10:]) {
			return AgencyCode{}, false
		}
		return AgencyCode{
			l1:    [3]byte{s[10], s[11], s[12]},
			parts: [3]uint16{uint16(num(s[7:9])), uint16(num(s[4:6])), uint16(num(s[0:3]))},
		}, true
	}
	if len(s) < 3 || !isLevel1(s[:3]) {
		return AgencyCode{}, false
	}
	c := AgencyCode{l1: [3]byte{s[0], s[1], s[2]}, short: 1}
	for rest := s[3:]; rest != ""; {
		if c.short == 4 || rest[0] != '.' {
			return AgencyCode{}, false
		}
		part, after, more := strings.Cut(rest[1:], ".")
		if len(part) < 1 || len(part) > 3 || !digits(part) {
			return AgencyCode{}, false
		}
		c.parts[c.short-1] = uint16(num(part)) | uint16(len(part))<<10
		c.short++
		rest = ""
		if more {
			rest = "." + after
		}
	}
	return c, true
}

// NewAgencyCode builds a code in the full form from its parts: l1 a capital letter and two
// digits ("H49"), l2 and l3 in 0–99, l4 in 0–999. The error is a *FieldError wrapping
// ErrInvalid.
func NewAgencyCode(l1 string, l2, l3, l4 int) (AgencyCode, error) {
	if !isLevel1(l1) || l2 < 0 || l2 > 99 || l3 < 0 || l3 > 99 || l4 < 0 || l4 > 999 {
		return AgencyCode{}, &FieldError{Field: "agency code",
			Value: strconv.Itoa(l4) + "." + strconv.Itoa(l3) + "." + strconv.Itoa(l2) + "." + l1, Err: ErrInvalid}
	}
	return AgencyCode{l1: [3]byte{l1[0], l1[1], l1[2]}, parts: [3]uint16{uint16(l2), uint16(l3), uint16(l4)}}, nil
}

// IsZero reports whether c is the zero code ("no agency").
func (c AgencyCode) IsZero() bool { return c == AgencyCode{} }

// Short reports whether c is written in the short form ("H49", "H55.242").
func (c AgencyCode) Short() bool { return c.short != 0 }

// L1 returns the level-1 unit, the letter and two digits that name a ministry or a province,
// e.g. "H49" for "000.00.12.H49" and for "H49.12"; "" for the zero code.
func (c AgencyCode) L1() string {
	if c.IsZero() {
		return ""
	}
	return string(c.l1[:])
}

// L2 returns the level-2 unit number (Y1Y2) of a code in the full form; 0 for a short one.
func (c AgencyCode) L2() int { return c.full(0) }

// L3 returns the level-3 unit number (Z1Z2) of a code in the full form; 0 for a short one.
func (c AgencyCode) L3() int { return c.full(1) }

// L4 returns the level-4 unit number (V1V2V3) of a code in the full form; 0 for a short one.
func (c AgencyCode) L4() int { return c.full(2) }

func (c AgencyCode) full(i int) int {
	if c.short != 0 {
		return 0
	}
	return int(c.parts[i])
}

// String returns the code as written, e.g. "000.00.00.H49" or "H55.242"; "" for the zero code.
func (c AgencyCode) String() string {
	if c.IsZero() {
		return ""
	}
	if c.short == 0 {
		l2, l3, l4 := c.parts[0], c.parts[1], c.parts[2]
		b := [13]byte{
			byte('0' + l4/100), byte('0' + l4/10%10), byte('0' + l4%10), '.',
			byte('0' + l3/10), byte('0' + l3%10), '.',
			byte('0' + l2/10), byte('0' + l2%10), '.',
			c.l1[0], c.l1[1], c.l1[2],
		}
		return string(b[:])
	}
	b := make([]byte, 0, 15)
	b = append(b, c.l1[:]...)
	for _, p := range c.parts[:c.short-1] {
		v, width := int(p&0x3ff), int(p>>10)
		s := strconv.Itoa(v)
		b = append(b, '.')
		for range width - len(s) {
			b = append(b, '0')
		}
		b = append(b, s...)
	}
	return string(b)
}

// MarshalText writes the code as String does.
func (c AgencyCode) MarshalText() ([]byte, error) { return []byte(c.String()), nil }

// UnmarshalText parses a code as ParseAgencyCode does; "" gives the zero code.
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

// Equal reports whether c and o are the same code (so that go-cmp compares codes by value).
func (c AgencyCode) Equal(o AgencyCode) bool { return c == o }

func num(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}
