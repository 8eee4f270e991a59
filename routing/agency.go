package routing

import "github.com/rickb777/date/v2"

// Level is the tier of an administrative unit or agency.
type Level uint8

// Levels of government. District (cấp huyện) exists only until 2025-06-30.
const (
	Central  Level = iota + 1 // ministries and central agencies (trung ương)
	Province                  // provinces and centrally-run cities (cấp tỉnh)
	District                  // districts (cấp huyện), abolished from 2025-07-01
	Commune                   // communes, wards, special zones (cấp xã)
)

// AgencyCode is an agency identifier in the QCVN 102:2016/BTTTT structure
// V1V2V3.Z1Z2.Y1Y2.MX1X2, written most specific first, e.g. 000.00.00.H49 (Quảng Ninh
// Provincial People's Committee). L1 is the level-1 unit (MX1X2: a capital letter and two
// digits, G for ministries and central agencies, H for provincial People's Committees), L2
// the level-2 unit (Y1Y2: department, district People's Committee), L3 the level-3 unit
// (Z1Z2: commune People's Committee, sub-unit), L4 the level-4 unit (V1V2V3); unused
// levels are zeros. It is a small comparable value; the zero AgencyCode means "no agency".
// Build one with ParseAgencyCode or NewAgencyCode.
type AgencyCode struct {
	l1     [3]byte
	l2, l3 uint8
	l4     uint16
}

// Function names an agency by its function rather than its code, for example "commune-police";
// it is resolved against the applicant's locality with a Directory.
type Function string

// Entry is one administrative unit or agency of the map, in force from From to Until (both
// inclusive; a zero date is open). An abolished unit names its Successor, if any.
type Entry struct {
	Code      AgencyCode
	Name      string     // display name, in Vietnamese
	Level     Level      // tier of government
	Parent    AgencyCode // enclosing unit (zero for the top)
	Roles     []Function // functions this unit performs for its parent's territory
	From      date.Date  // first day in force; zero: always
	Until     date.Date  // last day in force; zero: still in force
	Successor AgencyCode // unit that took over on abolition
	Note      string
}

// Directory is the administrative map: the known agencies with their effective dates, and
// the roles they perform. It is immutable once built and safe for concurrent use.
type Directory struct {
	units    []Entry
	byCode   map[AgencyCode][]int // versions of one code, by From
	byParent map[AgencyCode][]int
	roles    map[Function]struct{}
}
