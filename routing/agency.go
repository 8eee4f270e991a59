package routing

import (
	"github.com/rickb777/date/v2"

	"github.com/motcua-go/motcua/procedure"
)

// Function names an agency by its function rather than its code, for example "commune-police";
// it is resolved against the applicant's locality with a Directory.
type Function string

// Entry is one administrative unit or agency of the map, in force from From to Until (both
// inclusive; a zero date is open). An abolished unit names its Successor, if any.
type Entry struct {
	Code      procedure.AgencyCode
	Name      string               // display name, in Vietnamese
	Level     procedure.Level      // tier of government
	Parent    procedure.AgencyCode // enclosing unit (zero for the top)
	Roles     []Function           // functions this unit performs for its parent's territory
	From      date.Date            // first day in force; zero: always
	Until     date.Date            // last day in force; zero: still in force
	Successor procedure.AgencyCode // unit that took over on abolition
	Note      string
}

// Directory is the administrative map: the known agencies with their effective dates, and
// the roles they perform. It is immutable once built and safe for concurrent use.
type Directory struct {
	units    []Entry
	byCode   map[procedure.AgencyCode][]int // versions of one code, by From
	byParent map[procedure.AgencyCode][]int
	roles    map[Function]struct{}
}
