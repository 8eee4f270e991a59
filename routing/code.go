package routing

// IsZero reports whether c is the zero code.
func (c AgencyCode) IsZero() bool { return c == AgencyCode{} }

// String returns the code as written, e.g. "000.00.00.H49"; "" for the zero code.
func (c AgencyCode) String() string {
	if c.IsZero() {
		return ""
	}
	return c.L4 + "." + c.L3 + "." + c.L2 + "." + c.L1
}
