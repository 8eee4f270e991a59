package routing

import (
	"bytes"
	"encoding/json"
	"slices"
	"strconv"

	"github.com/rickb777/date/v2"

	"github.com/motcua-go/motcua/procedure"
)

// NewDirectory builds a directory from units; every problem is reported at once with its
// path ("units[3].parent"). Several units may share a code if their periods do not overlap:
// they are the successive versions of one agency (renamed, re-parented).
func NewDirectory(units []Entry) (*Directory, error) {
	d := &Directory{
		units:    slices.Clone(units),
		byCode:   make(map[procedure.AgencyCode][]int, len(units)),
		byParent: make(map[procedure.AgencyCode][]int, len(units)),
		roles:    make(map[Function]struct{}),
	}
	for i := range d.units {
		d.units[i].Roles = slices.Clone(d.units[i].Roles)
	}
	var probs []*FieldError
	add := func(i int, field, value string, err error) {
		probs = append(probs, &FieldError{Path: "units[" + strconv.Itoa(i) + "]." + field, Value: value, Err: err})
	}
	for i, u := range d.units {
		if u.Code.IsZero() {
			add(i, "code", "", ErrRequired)
		}
		if u.Name == "" {
			add(i, "name", "", ErrRequired)
		}
		if !u.Level.Valid() {
			add(i, "level", u.Level.String(), ErrInvalid)
		}
		if u.From != date.Zero && u.Until != date.Zero && u.Until < u.From {
			add(i, "until", u.Until.String(), ErrInvalid)
		}
		for j, r := range u.Roles {
			if r == "" {
				add(i, "roles["+strconv.Itoa(j)+"]", "", ErrRequired)
			}
			d.roles[r] = struct{}{}
		}
		for _, k := range d.byCode[u.Code] {
			if overlaps(d.units[k], u) {
				add(i, "code", u.Code.String(), ErrDuplicate)
			}
		}
		d.byCode[u.Code] = append(d.byCode[u.Code], i)
		d.byParent[u.Parent] = append(d.byParent[u.Parent], i)
	}
	for i, u := range d.units {
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
	if len(probs) == 0 {
		for i, u := range d.units {
			if !u.Parent.IsZero() && d.reaches(u.Parent, u.Code) {
				add(i, "parent", u.Parent.String(), ErrCycle)
			}
		}
	}
	if len(probs) > 0 {
		return nil, &ValidationError{Name: "directory", Problems: probs}
	}
	for _, v := range d.byCode {
		slices.SortFunc(v, func(a, b int) int { return int(d.units[a].From - d.units[b].From) })
	}
	return d, nil
}

// reaches reports whether target is from or one of its ancestors (through any version).
func (d *Directory) reaches(from, target procedure.AgencyCode) bool {
	seen := map[procedure.AgencyCode]bool{}
	stack := []procedure.AgencyCode{from}
	for len(stack) > 0 {
		c := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if c == target {
			return true
		}
		if seen[c] {
			continue
		}
		seen[c] = true
		for _, i := range d.byCode[c] {
			if p := d.units[i].Parent; !p.IsZero() {
				stack = append(stack, p)
			}
		}
	}
	return false
}

func overlaps(a, b Entry) bool {
	return (a.Until == date.Zero || b.From == date.Zero || b.From <= a.Until) &&
		(b.Until == date.Zero || a.From == date.Zero || a.From <= b.Until)
}

func (u *Entry) inForce(on date.Date) bool {
	return (u.From == date.Zero || u.From <= on) && (u.Until == date.Zero || on <= u.Until)
}

// Units returns a copy of the directory's units in their original order.
func (d *Directory) Units() []Entry {
	out := slices.Clone(d.units)
	for i := range out {
		out[i].Roles = slices.Clone(out[i].Roles)
	}
	return out
}

// Known reports whether code names a unit of the directory at any date.
func (d *Directory) Known(code procedure.AgencyCode) bool {
	_, ok := d.byCode[code]
	return ok
}

// HasRole reports whether some unit of the directory performs role.
func (d *Directory) HasRole(r Function) bool {
	_, ok := d.roles[r]
	return ok
}

// Lookup returns the version of the unit code in force on the given date. A code used after
// its unit was abolished gives an *AgencyError wrapping ErrAbolished that names the
// successor; before its creation, ErrNotYet; an unknown code, ErrUnknownAgency.
func (d *Directory) Lookup(code procedure.AgencyCode, on date.Date) (Entry, error) {
	v, ok := d.byCode[code]
	if !ok {
		return Entry{}, &AgencyError{Code: code, On: on, Err: ErrUnknownAgency}
	}
	for _, i := range v {
		if d.units[i].inForce(on) {
			return d.clone(i), nil
		}
	}
	// Not in force on that date: after the last version, before the first, or in a gap.
	last := d.units[v[len(v)-1]]
	if last.Until != date.Zero && on > last.Until {
		return Entry{}, &AgencyError{Code: code, On: on, Until: last.Until, Successor: last.Successor, Err: ErrAbolished}
	}
	from := d.units[v[0]].From
	for _, i := range v {
		if d.units[i].From > on {
			from = d.units[i].From
			break
		}
	}
	return Entry{}, &AgencyError{Code: code, On: on, From: from, Err: ErrNotYet}
}

func (d *Directory) clone(i int) Entry {
	u := d.units[i]
	u.Roles = slices.Clone(u.Roles)
	return u
}

// Resolve finds the agency that performs role for a locality on a date: the locality itself
// if it has the role, else a unit with the role directly under it, else the same search one
// level up (commune, then district, then province). The locality must be in force on that
// date: a district code used after 2025-06-30 gives ErrAbolished. When no unit performs the
// role there, the error wraps ErrNoAgency.
func (d *Directory) Resolve(role Function, locality procedure.AgencyCode, on date.Date) (Entry, error) {
	if _, err := d.Lookup(locality, on); err != nil {
		return Entry{}, err
	}
	// The map has no parent cycles (NewDirectory checks), so the walk ends; the bound is a
	// second guard.
	for code, depth := locality, 0; !code.IsZero() && depth <= len(d.units); depth++ {
		var parent procedure.AgencyCode
		for _, i := range d.byCode[code] {
			u := &d.units[i]
			if u.inForce(on) {
				if slices.Contains(u.Roles, role) {
					return d.clone(i), nil
				}
				parent = u.Parent
			}
		}
		for _, i := range d.byParent[code] {
			u := &d.units[i]
			if u.inForce(on) && slices.Contains(u.Roles, role) {
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
// "until": "…", "successor": "…", "note": "…"}, …]}.
func ParseDirectory(data []byte) (*Directory, error) {
	var doc struct {
		Units []json.RawMessage `json:"units"`
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil {
		return nil, &ValidationError{Name: "directory", Problems: []*FieldError{jsonProblem("", err)}}
	}
	var probs []*FieldError
	units := make([]Entry, 0, len(doc.Units))
	for i, raw := range doc.Units {
		var uj unitJSON
		path := "units[" + strconv.Itoa(i) + "]"
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&uj); err != nil {
			probs = append(probs, jsonProblem(path, err))
			continue
		}
		p := fieldParser{path: path + "."}
		lv, err := procedure.ParseLevel(uj.Level)
		if err != nil {
			p.fail("level", uj.Level, ErrInvalid)
			lv = procedure.Commune
		}
		units = append(units, Entry{Code: p.code("code", uj.Code), Name: uj.Name, Level: lv,
			Parent: p.code("parent", uj.Parent), Roles: uj.Roles,
			From: p.date("from", uj.From), Until: p.date("until", uj.Until),
			Successor: p.code("successor", uj.Successor), Note: uj.Note})
		probs = append(probs, p.probs...)
	}
	if len(probs) > 0 {
		return nil, &ValidationError{Name: "directory", Problems: probs}
	}
	return NewDirectory(units)
}

// MarshalJSON writes the directory in the form ParseDirectory reads.
func (d *Directory) MarshalJSON() ([]byte, error) {
	var doc struct {
		Units []unitJSON `json:"units"`
	}
	for _, u := range d.units {
		doc.Units = append(doc.Units, unitJSON{Code: u.Code.String(), Name: u.Name, Level: u.Level.String(),
			Parent: u.Parent.String(), Roles: u.Roles, From: dateText(u.From), Until: dateText(u.Until),
			Successor: u.Successor.String(), Note: u.Note})
	}
	return json.Marshal(doc)
}

// SampleDirectory returns the embedded sample administrative map. It is small and
// illustrative: Quảng Ninh (000.00.00.H49) and Thái Bình (000.00.00.H54) as the domain notes
// name them, one district abolished on 2025-07-01 with its commune, the successor commune,
// and the vertical agencies the sample routes use. Codes below the province level, and the
// code of Hưng Yên, are placeholders, not the official assignments. Each call returns a new
// directory.
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
