package routing

import (
	"github.com/rickb777/date/v2"

	"github.com/motcua-go/motcua/procedure"
)

// Function names an agency by what it does rather than by its code, for example
// "commune-police" or "civil-status"; a Directory resolves it against the applicant's
// locality on the receipt date (Directory.Resolve). In JSON it is written under the key
// "role" of a step and "roles" of a directory entry.
type Function string

// Entry is one administrative unit or agency of the map (đơn vị hành chính, cơ quan), in
// force from From to Until (both inclusive; a zero date is open). An abolished entry names
// its Successor, if any. Several entries may share a code when their periods do not
// overlap: they are the versions of one agency (renamed, re-parented).
type Entry struct {
	Code      procedure.AgencyCode
	Name      string               // display name, in Vietnamese; at most MaxNameLen characters
	Level     procedure.Level      // tier of government
	Parent    procedure.AgencyCode // enclosing unit (zero for the top)
	Functions []Function           // functions this entry performs for its parent's territory
	From      date.Date            // first day in force; zero: always
	Until     date.Date            // last day in force; zero: still in force
	Successor procedure.AgencyCode // entry that took over on abolition
	Note      string               // at most MaxTextLen characters
}

// Directory is the administrative map: the known agencies with their effective dates, and
// the functions they perform. It is immutable once built and safe for concurrent use.
type Directory struct {
	entries   []Entry
	byCode    map[procedure.AgencyCode][]int // versions of one code, by From
	functions map[Function]struct{}
	// entries by parent and function, for Resolve
	byParentFunction map[parentFunction][]int
}

type parentFunction struct {
	parent procedure.AgencyCode
	f      Function
}
