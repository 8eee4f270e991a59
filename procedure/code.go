package procedure

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

// Unit returns the implementing unit of a local instance code; the zero code for a national
// code or an invalid one.
func (c NationalCode) Unit() AgencyCode {
	if !c.Valid() || len(c) == 8 {
		return AgencyCode{}
	}
	u, _ := parseAgencyCode(string(c[9:]))
	return u
}
