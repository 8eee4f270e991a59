package onestop

import (
	"sync"
	"time"

	"github.com/motcua-go/motcua/dossier"
	"github.com/motcua-go/motcua/procedure"
	"github.com/motcua-go/motcua/routing"
	"github.com/rickb777/date/v2"
	"golang.org/x/text/language"
)

// The slips and the public view name agencies by their names as well as their codes: from
// the Office's routing.Directory (the name in force on the day), else, for the competent
// agency, from the procedure in the catalog.

// agencyName returns the name of the agency of QCVN 102 code on the day of at in the
// directory, or "" when there is no directory or it does not know the code. Names are kept
// per code and day (the directory does not change), so that every slip and view of the day
// does not look them up again.
func (o *Office) agencyName(code string, at time.Time) string {
	if o.dir == nil || code == "" {
		return ""
	}
	k := nameKey{code, dayOf(at)}
	if n, ok := o.names.get(k); ok {
		return n
	}
	var n string
	if c, err := procedure.ParseAgencyCode(code); err == nil {
		if e, err := o.dir.Lookup(c, k.day); err == nil {
			n = e.Name
		}
	}
	o.names.put(k, n)
	return n
}

// nameKey is an agency code on a day.
type nameKey struct {
	code string
	day  date.Date
}

// maxNames bounds the names an Office keeps (a few agencies over the days of a year need a
// few thousand); past it, the cache starts again.
const maxNames = 1 << 14

// nameCache keeps agency names by code and day. The zero value is ready.
type nameCache struct {
	mu    sync.RWMutex
	names map[nameKey]string
}

func (c *nameCache) get(k nameKey) (string, bool) {
	c.mu.RLock()
	n, ok := c.names[k]
	c.mu.RUnlock()
	return n, ok
}

func (c *nameCache) put(k nameKey, n string) {
	c.mu.Lock()
	if c.names == nil || len(c.names) >= maxNames {
		c.names = make(map[nameKey]string)
	}
	c.names[k] = n
	c.mu.Unlock()
}

// named shows an agency by its name in the directory and its code, or by its code alone.
func (o *Office) named(code string, at time.Time) string {
	if n := o.agencyName(code, at); n != "" {
		return n + " (" + code + ")"
	}
	return code
}

// namer returns a function naming the agencies of d: by the directory on the day of its
// reception (or submission), else the competent agency by the catalog's name for it.
func (o *Office) namer(d *dossier.Dossier) func(code string) string {
	at := d.Received
	if at.IsZero() {
		at = d.Submitted
	}
	return func(code string) string {
		if code == "" {
			return ""
		}
		n := o.agencyName(code, at)
		if n == "" && code == d.Agency {
			n = o.catalogAgencyName(d, at)
		}
		return n
	}
}

// catalogAgencyName is the catalog's name of the competent agency of d, when the procedure
// names that very unit.
func (o *Office) catalogAgencyName(d *dossier.Dossier, at time.Time) string {
	p, err := o.catalog.Lookup(procedure.NationalCode(d.Procedure.Code), at)
	if err != nil || p == nil || p.CompetentAgency.Code.String() != d.Agency {
		return ""
	}
	return p.CompetentAgency.Name
}

// groupOf returns the ID of the group of procedures d was received for, or "" for a
// dossier of one procedure. A group dossier carries its lead procedure's code and, as its
// case, the group's ID (see Intake).
func (o *Office) groupOf(d *dossier.Dossier) string {
	gc, ok := o.catalog.(GroupProcedures)
	if !ok || d.Procedure.Case == "" {
		return ""
	}
	g, ok := gc.Group(d.Procedure.Case)
	if !ok || g == nil || len(g.Members) == 0 || string(g.Members[0]) != d.Procedure.Code {
		return ""
	}
	return g.ID
}

// nameSlip fills the names of a slip's header: the desk's, and the group of a group dossier.
func (o *Office) nameSlip(h *dossier.Header, d *dossier.Dossier) {
	names := o.namer(d)
	h.DeskName = names(h.Desk)
	h.Group = o.groupOf(d)
}

// nameTransfer names the desk and each agency of a transfer slip.
func (o *Office) nameTransfer(s *dossier.TransferSlip, d *dossier.Dossier) {
	names := o.namer(d)
	s.DeskName, s.Group = names(s.Desk), o.groupOf(d)
	for i := range s.Rows {
		s.Rows[i].AgencyName = names(s.Rows[i].Agency)
		s.Rows[i].TaskName = taskName(s.Rows[i].Task)
	}
}

// taskName is a task of a route in Vietnamese ("quyết định" for "decide"), or "" for a task
// routing does not know.
func taskName(task string) string {
	var t routing.Task
	if t.UnmarshalText([]byte(task)) != nil {
		return ""
	}
	return t.Name(language.Vietnamese)
}
