package routing

import (
	"encoding/json"
	"slices"
	"strconv"

	"github.com/rickb777/date/v2"

	"github.com/motcua-go/motcua/procedure"
)

// NewDirectory builds a directory from its entries; every problem is reported at once with
// its path ("units[3].parent"), the first 100 of them listed and the rest counted. Several
// entries may share a code if their periods do not overlap: they are the successive versions
// of one agency (renamed, re-parented). Names are at most MaxNameLen characters, notes
// MaxTextLen. The checks take time and memory in proportion to the number of entries.
func NewDirectory(entries []Entry) (*Directory, error) {
	entries = slices.Clone(entries)
	for i := range entries {
		entries[i].Functions = slices.Clone(entries[i].Functions)
	}
	return newDirectory(entries)
}

// newDirectory builds a directory from entries it may keep (NewDirectory copies them first).
func newDirectory(entries []Entry) (*Directory, error) {
	d := &Directory{
		entries:   entries,
		byCode:    make(map[procedure.AgencyCode][]int, len(entries)),
		functions: make(map[Function]struct{}),

		byParentFunction: make(map[parentFunction][]int),
	}
	for i := range d.entries {
		u := &d.entries[i]
		d.byCode[u.Code] = append(d.byCode[u.Code], i)
		for _, f := range u.Functions {
			d.functions[f] = struct{}{}
			k := parentFunction{u.Parent, f}
			d.byParentFunction[k] = append(d.byParentFunction[k], i)
		}
	}
	// Versions of one code in order of their first day: an entry overlaps an earlier one
	// when it starts before the latest end seen.
	dup := make(map[int]bool)
	for c, v := range d.byCode {
		if len(v) < 2 || c.IsZero() {
			continue
		}
		slices.SortStableFunc(v, func(a, b int) int { return cmpDate(d.entries[a].From, d.entries[b].From) })
		end := d.entries[v[0]].Until
		for _, i := range v[1:] {
			u := &d.entries[i]
			if end == date.Zero || u.From == date.Zero || u.From <= end {
				dup[i] = true
			}
			if end != date.Zero && (u.Until == date.Zero || u.Until > end) {
				end = u.Until
			}
		}
	}
	var ps problems
	for i := range d.entries {
		checkEntry(&ps, i, &d.entries[i])
		if dup[i] {
			ps.addAt("units", i, "code", d.entries[i].Code.String(), ErrDuplicate)
		}
	}
	add := func(i int, field, value string, err error) { ps.addAt("units", i, field, value, err) }
	for i := range d.entries {
		u := &d.entries[i]
		if !u.Parent.IsZero() {
			if _, ok := d.byCode[u.Parent]; !ok {
				add(i, "parent", u.Parent.String(), ErrUnknownAgency)
			}
		}
		if !u.Successor.IsZero() {
			if _, ok := d.byCode[u.Successor]; !ok {
				add(i, "successor", u.Successor.String(), ErrUnknownAgency)
			}
		}
	}
	if ps.none() {
		d.parentCycles(&ps)
	}
	if err := ps.err("directory"); err != nil {
		return nil, err
	}
	return d, nil
}

// checkEntry records the problems of entry i on its own: its code, name, level, dates,
// functions and note.
func checkEntry(ps *problems, i int, u *Entry) {
	add := func(field, value string, err error) { ps.addAt("units", i, field, value, err) }
	if u.Code.IsZero() {
		add("code", "", ErrRequired)
	}
	if u.Name == "" {
		add("name", "", ErrRequired)
	} else if err := checkText(u.Name, MaxNameLen, false); err != nil {
		add("name", u.Name, err)
	}
	if !u.Level.Valid() {
		add("level", strconv.Itoa(int(u.Level)), ErrInvalid)
	}
	if u.From != date.Zero && u.Until != date.Zero && u.Until < u.From {
		add("until", u.Until.String(), ErrInvalid)
	}
	for j, r := range u.Functions {
		if r == "" {
			ps.addSub("units", i, "roles", j, "", ErrRequired)
		} else if err := checkText(string(r), MaxNameLen, false); err != nil {
			ps.addSub("units", i, "roles", j, string(r), err)
		}
	}
	if err := checkText(u.Note, MaxTextLen, true); err != nil {
		add("note", u.Note, err)
	}
}

// cmpDate orders dates, the zero date (open) first.
func cmpDate(a, b date.Date) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// parentCycles reports each entry whose parent leads back to it, through any version: the
// edges code → parent that lie on a cycle of the graph of codes, found in linear time.
func (d *Directory) parentCycles(ps *problems) {
	id := make(map[procedure.AgencyCode]int32, len(d.byCode))
	for i := range d.entries {
		if _, ok := id[d.entries[i].Code]; !ok {
			id[d.entries[i].Code] = int32(len(id))
		}
	}
	succs := make([][]int32, len(id))
	for i := range d.entries {
		u := &d.entries[i]
		if !u.Parent.IsZero() {
			c := id[u.Code]
			succs[c] = append(succs[c], id[u.Parent])
		}
	}
	comp, cyc := onCycle(succs)
	for i := range d.entries {
		u := &d.entries[i]
		if u.Parent.IsZero() {
			continue
		}
		if c, p := id[u.Code], id[u.Parent]; cyc[c] && comp[c] == comp[p] {
			ps.addAt("units", i, "parent", u.Parent.String(), ErrCycle)
		}
	}
}

func (u *Entry) inForce(on date.Date) bool {
	return (u.From == date.Zero || u.From <= on) && (u.Until == date.Zero || on <= u.Until)
}

// Entries returns a copy of the directory's entries in their original order.
func (d *Directory) Entries() []Entry {
	out := slices.Clone(d.entries)
	for i := range out {
		out[i].Functions = slices.Clone(out[i].Functions)
	}
	return out
}

// Known reports whether code names an entry of the directory at any date.
func (d *Directory) Known(code procedure.AgencyCode) bool {
	_, ok := d.byCode[code]
	return ok
}

// HasFunction reports whether some entry of the directory performs f.
func (d *Directory) HasFunction(f Function) bool {
	_, ok := d.functions[f]
	return ok
}

// Lookup returns the version of the entry code in force on the given date. A code used
// after its entry was abolished gives an *AgencyError wrapping ErrAbolished that names the
// successor; before its creation, ErrNotYet; an unknown code, ErrUnknownAgency.
func (d *Directory) Lookup(code procedure.AgencyCode, on date.Date) (Entry, error) {
	i, err := d.find(code, on)
	if err != nil {
		return Entry{}, err
	}
	return d.clone(i), nil
}

// Level is Lookup(code, on).Level without copying the entry: the one-stop desk reads the
// level of the competent agency at every intake.
func (d *Directory) Level(code procedure.AgencyCode, on date.Date) (procedure.Level, error) {
	i, err := d.find(code, on)
	if err != nil {
		return 0, err
	}
	return d.entries[i].Level, nil
}

// find returns the index of the version of the entry code in force on the given date, or
// Lookup's error.
func (d *Directory) find(code procedure.AgencyCode, on date.Date) (int, error) {
	v, ok := d.byCode[code]
	if !ok {
		return 0, &AgencyError{Code: code, On: on, Err: ErrUnknownAgency}
	}
	for _, i := range v {
		if d.entries[i].inForce(on) {
			return i, nil
		}
	}
	// Not in force on that date: after the last version, before the first, or in a gap.
	last := d.entries[v[len(v)-1]]
	if last.Until != date.Zero && on > last.Until {
		return 0, &AgencyError{Code: code, On: on, Until: last.Until, Successor: last.Successor, Err: ErrAbolished}
	}
	from := d.entries[v[0]].From
	for _, i := range v {
		if d.entries[i].From > on {
			from = d.entries[i].From
			break
		}
	}
	return 0, &AgencyError{Code: code, On: on, From: from, Err: ErrNotYet}
}

func (d *Directory) clone(i int) Entry {
	u := d.entries[i]
	u.Functions = slices.Clone(u.Functions)
	return u
}

// Resolve finds the agency that performs the function role for a locality on a date: the
// locality itself if it performs it, else an entry directly under it that does, else the
// same search one level up (commune, then district, then province). The locality must be in
// force on that date: a district code used after 2025-06-30 gives ErrAbolished. When no
// entry performs the function there, the error is an *AgencyError wrapping ErrNoAgency.
func (d *Directory) Resolve(role Function, locality procedure.AgencyCode, on date.Date) (Entry, error) {
	if _, err := d.find(locality, on); err != nil {
		return Entry{}, err
	}
	// The map has no parent cycles (NewDirectory checks), so the walk ends; the bound is a
	// second guard.
	for code, depth := locality, 0; !code.IsZero() && depth <= len(d.entries); depth++ {
		var parent procedure.AgencyCode
		for _, i := range d.byCode[code] {
			u := &d.entries[i]
			if u.inForce(on) {
				if slices.Contains(u.Functions, role) {
					return d.clone(i), nil
				}
				parent = u.Parent
			}
		}
		for _, i := range d.byParentFunction[parentFunction{code, role}] {
			if d.entries[i].inForce(on) {
				return d.clone(i), nil
			}
		}
		code = parent
	}
	return Entry{}, &AgencyError{Code: locality, Role: role, On: on, Err: ErrNoAgency}
}

type unitJSON struct {
	Code      string     `json:"code"`
	Name      string     `json:"name"`
	Level     string     `json:"level"`
	Parent    string     `json:"parent,omitempty"`
	Roles     []Function `json:"roles,omitempty"`
	From      string     `json:"from,omitempty"`
	Until     string     `json:"until,omitempty"`
	Successor string     `json:"successor,omitempty"`
	Note      string     `json:"note,omitempty"`
}

// ParseDirectory reads a directory from JSON: {"units": [{"code": "000.00.00.H49",
// "name": "…", "level": "province", "parent": "…", "roles": ["…"], "from": "2025-07-01",
// "until": "…", "successor": "…", "note": "…"}, …]}. Levels are written "central",
// "province", "district" and "commune", dates YYYY-MM-DD. The entries are read one at a
// time, so the memory used is in proportion to the input; every problem is reported at
// once in a *ValidationError named "directory" (the first 100 listed, the rest counted),
// then the directory is checked as NewDirectory checks it.
func ParseDirectory(data []byte) (*Directory, error) {
	var ps problems
	var units []Entry
	var doc struct {
		Units listJSON `json:"units"`
	}
	var uj unitJSON // one for every entry, so that reading an entry allocates only its texts
	doc.Units.elem = func(dec *json.Decoder, i int) {
		uj = unitJSON{}
		if err := dec.Decode(&uj); err != nil {
			ps.addJSON("units", i, err)
			return
		}
		p := fieldParser{ps: &ps, list: "units", i: i}
		before := ps.len()
		lv := procedure.Commune
		if uj.Level == "" {
			p.fail("level", "", ErrRequired)
		} else if l, err := procedure.ParseLevel(uj.Level); err != nil {
			p.fail("level", uj.Level, ErrInvalid)
		} else {
			lv = l
		}
		e := Entry{Code: p.code("code", uj.Code), Name: uj.Name, Level: lv,
			Parent: p.code("parent", uj.Parent), Functions: uj.Roles,
			From: p.date("from", uj.From), Until: p.date("until", uj.Until),
			Successor: p.code("successor", uj.Successor), Note: uj.Note}
		if ps.len() == before {
			// The entry was read: check it now, so that a long list of bad entries is
			// refused without keeping them.
			checkEntry(&ps, i, &e)
		}
		if ps.none() {
			// Kept only while the document may still be valid.
			units = append(units, e)
		}
	}
	if decodeDoc(data, &doc, &ps) {
		doc.Units.check(&ps, "units")
	}
	if err := ps.err("directory"); err != nil {
		return nil, err
	}
	return newDirectory(units)
}

// MarshalJSON writes the directory in the form ParseDirectory reads.
func (d *Directory) MarshalJSON() ([]byte, error) {
	var doc struct {
		Units []unitJSON `json:"units"`
	}
	for _, u := range d.entries {
		doc.Units = append(doc.Units, unitJSON{Code: u.Code.String(), Name: u.Name, Level: u.Level.String(),
			Parent: u.Parent.String(), Roles: u.Functions, From: dateText(u.From), Until: dateText(u.Until),
			Successor: u.Successor.String(), Note: u.Note})
	}
	return json.Marshal(doc)
}

// SampleDirectory returns the embedded sample administrative map. It is small and
// illustrative: the provinces Quảng Ninh (000.00.00.H49) and Thái Bình (000.00.00.H54), one
// district abolished on 2025-07-01 with its commune, the successor commune, and the vertical
// agencies the sample routes use. Codes below the province level, and the code of Hưng Yên,
// are placeholders, not the official assignments: load your own map with ParseDirectory.
// Each call returns a new directory.
func SampleDirectory() *Directory {
	b, err := sampleFS.ReadFile("data/directory.json")
	if err != nil {
		panic("routing: embedded directory: " + err.Error())
	}
	d, err := ParseDirectory(b)
	if err != nil {
		panic("routing: embedded directory: " + err.Error())
	}
	return d
}
