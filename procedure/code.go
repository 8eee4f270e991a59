package procedure

import "strings"

// Valid reports whether c is a national code ("1.001193") or a local instance code
// ("1.001193.000.00.00.H49").
func (c NationalCode) Valid() bool { return isKey(string(c)) }

// National returns the national code of c: c itself, or the code without the unit of a local
// instance ("1.001193.000.00.00.H49" → "1.001193"). It returns "" for an invalid code.
func (c NationalCode) National() NationalCode {
	if !c.Valid() {
		return ""
	}
	return c[:8]
}

// Unit returns the implementing unit of a local instance code, or "" for a national code.
func (c NationalCode) Unit() AgencyCode {
	if !c.Valid() || len(c) == 8 {
		return ""
	}
	return AgencyCode(c[9:])
}

// Valid reports whether c is a QCVN 102 agency code ("000.00.12.H49") or its short form
// ("H49", "H55.242").
func (c AgencyCode) Valid() bool { return isAgencyCode(string(c)) }

// Level1 returns the level-1 unit of the code: the letter and two digits that name a ministry
// or a province, e.g. "H49" for "000.00.12.H49" and "H55.242"; "" for an invalid code.
func (c AgencyCode) Level1() string {
	s := string(c)
	switch {
	case !c.Valid():
		return ""
	case len(s) == 13 && s[3] == '.':
		return s[10:]
	}
	l1, _, _ := strings.Cut(s, ".")
	return l1
}
