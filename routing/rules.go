package routing

import (
	"encoding/json"
	"slices"
	"strconv"

	"github.com/rickb777/date/v2"

	"github.com/motcua-go/motcua/procedure"
)

// SelectionRule selects a route. Empty fields match anything; From and Until (inclusive, zero = open)
// bound the receipt date.
type SelectionRule struct {
	Procedure string               // national procedure code, e.g. "1.001193"
	Case      string               // procedure case (trường hợp)
	Channel   procedure.Channel    // submission channel; zero: any
	Level     procedure.Level      // level of the competent agency
	Province  string               // level-1 code of the province, e.g. "H49"
	Commune   procedure.AgencyCode // commune of the applicant
	From      date.Date
	Until     date.Date
	Route     string // route name
}

// SelectionRules is an ordered list of rules: the first match wins, else Default.
type SelectionRules struct {
	Rules   []SelectionRule
	Default string // route name used when no rule matches; empty: none
}

// Query describes a dossier for route selection.
type Query struct {
	Procedure string
	Case      string
	Channel   procedure.Channel    // submission channel; zero if not known
	Level     procedure.Level      // level of the competent agency; zero if not known
	Locality  procedure.AgencyCode // the applicant's commune (or district before 2025-07-01)
	On        date.Date            // receipt date
}

// Matches reports whether the rule applies to q.
func (r *SelectionRule) Matches(q Query) bool {
	return (r.Procedure == "" || r.Procedure == q.Procedure) &&
		(r.Case == "" || r.Case == q.Case) &&
		(r.Channel == 0 || r.Channel == q.Channel) &&
		(r.Level == 0 || r.Level == q.Level) &&
		(r.Province == "" || r.Province == q.Locality.L1()) &&
		(r.Commune.IsZero() || r.Commune == q.Locality) &&
		(r.From == date.Zero || r.From <= q.On) &&
		(r.Until == date.Zero || q.On <= r.Until)
}

// Select returns the route name of the first rule matching q, else Default; ok is false when
// neither gives a name.
func (rs *SelectionRules) Select(q Query) (name string, ok bool) {
	for i := range rs.Rules {
		if rs.Rules[i].Matches(q) {
			return rs.Rules[i].Route, true
		}
	}
	return rs.Default, rs.Default != ""
}

type ruleJSON struct {
	Procedure string `json:"procedure,omitempty"`
	Case      string `json:"case,omitempty"`
	Channel   string `json:"channel,omitempty"`
	Level     string `json:"level,omitempty"`
	Province  string `json:"province,omitempty"`
	Commune   string `json:"commune,omitempty"`
	From      string `json:"from,omitempty"`
	Until     string `json:"until,omitempty"`
	Route     string `json:"route"`
}

type rulesJSON struct {
	Rules   listJSON `json:"rules"`
	Default string   `json:"default,omitempty"`
}

// ParseRules reads selection rules from JSON, reporting every problem with its path (the
// first 100 listed, the rest counted):
//
//	{"rules": [{"procedure": "1.001193", "channel": "online", "province": "H49",
//	            "from": "2025-07-01", "route": "birth-u6-electronic"}, …],
//	 "default": "…"}
//
// Channels are "counter", "online" and "postal"; levels "central", "province", "district"
// and "commune"; a province is a level-1 code such as "H49"; a commune is a full agency
// code. Procedure codes, cases and route names are at most MaxNameLen characters. The rules
// are read one at a time, so the memory used is in proportion to the input.
func ParseRules(data []byte) (SelectionRules, error) {
	var ps problems
	var rs SelectionRules
	var doc rulesJSON
	var rj ruleJSON // one for every rule, so that reading a rule allocates only its texts
	doc.Rules.elem = func(dec *json.Decoder, i int) {
		rj = ruleJSON{}
		if err := dec.Decode(&rj); err != nil {
			ps.addJSON("rules", i, err)
			return
		}
		p := fieldParser{ps: &ps, list: "rules", i: i}
		before := ps.len()
		var lv procedure.Level
		if rj.Level != "" {
			var err error
			if lv, err = procedure.ParseLevel(rj.Level); err != nil {
				p.fail("level", rj.Level, ErrInvalid)
			}
		}
		var ch procedure.Channel
		if rj.Channel != "" {
			if err := ch.UnmarshalText([]byte(rj.Channel)); err != nil {
				p.fail("channel", rj.Channel, ErrInvalid)
			}
		}
		r := SelectionRule{Procedure: rj.Procedure, Case: rj.Case, Channel: ch, Level: lv,
			Province: rj.Province, Commune: p.code("commune", rj.Commune),
			From: p.date("from", rj.From), Until: p.date("until", rj.Until), Route: rj.Route}
		if ps.len() == before {
			// The rule was read: check it now, so that a long list of bad rules is refused
			// without keeping them.
			r.check(&ps, i, nil)
		}
		if ps.none() {
			rs.Rules = append(rs.Rules, r)
		}
	}
	if decodeDoc(data, &doc, &ps) {
		doc.Rules.check(&ps, "rules")
	}
	if err := ps.err("rules"); err != nil {
		return SelectionRules{}, err
	}
	rs.Default = doc.Default
	return rs, rs.check(nil)
}

// MarshalJSON writes the rules in the form ParseRules reads.
func (rs SelectionRules) MarshalJSON() ([]byte, error) {
	doc := struct {
		Rules   []ruleJSON `json:"rules"`
		Default string     `json:"default,omitempty"`
	}{Rules: make([]ruleJSON, len(rs.Rules)), Default: rs.Default}
	for i, r := range rs.Rules {
		var lv, ch string
		if r.Level != 0 {
			lv = r.Level.String()
		}
		if r.Channel != 0 {
			ch = r.Channel.String()
		}
		doc.Rules[i] = ruleJSON{Procedure: r.Procedure, Case: r.Case, Channel: ch, Level: lv, Province: r.Province,
			Commune: r.Commune.String(), From: dateText(r.From), Until: dateText(r.Until), Route: r.Route}
	}
	return json.Marshal(doc)
}

// check validates the rules; with known, route names must be among them.
func (rs *SelectionRules) check(known map[string]*Route) error {
	var ps problems
	for i := range rs.Rules {
		rs.Rules[i].check(&ps, i, known)
	}
	switch {
	case rs.Default == "":
	case checkText(rs.Default, MaxNameLen, false) != nil:
		ps.add("default", rs.Default, checkText(rs.Default, MaxNameLen, false))
	case known != nil && known[rs.Default] == nil:
		ps.add("default", rs.Default, ErrUnknownRoute)
	}
	return ps.err("rules")
}

// check records the problems of rule i on its own; with known, its route must be among
// them.
func (r *SelectionRule) check(ps *problems, i int, known map[string]*Route) {
	fail := func(field, value string, err error) { ps.addAt("rules", i, field, value, err) }
	text := func(field, value string) bool {
		if err := checkText(value, MaxNameLen, false); err != nil {
			fail(field, value, err)
			return false
		}
		return true
	}
	switch {
	case r.Route == "":
		fail("route", "", ErrRequired)
	case !text("route", r.Route):
	case known != nil && known[r.Route] == nil:
		fail("route", r.Route, ErrUnknownRoute)
	}
	text("procedure", r.Procedure)
	text("case", r.Case)
	if r.Channel != 0 && !r.Channel.Valid() {
		fail("channel", strconv.Itoa(int(r.Channel)), ErrInvalid)
	}
	if r.Level != 0 && !r.Level.Valid() {
		fail("level", strconv.Itoa(int(r.Level)), ErrInvalid)
	}
	if r.Province != "" && (len(r.Province) != 3 || r.Province[0] < 'A' || r.Province[0] > 'Z' || !digits(r.Province[1:])) {
		fail("province", r.Province, ErrInvalid)
	}
	if !r.Commune.IsZero() {
		if _, err := procedure.ParseAgencyCode(r.Commune.String()); err != nil || r.Commune.Short() {
			fail("commune", r.Commune.String(), ErrInvalid)
		}
	}
	if r.From != date.Zero && r.Until != date.Zero && r.Until < r.From {
		fail("until", r.Until.String(), ErrInvalid)
	}
}

// Set is a collection of routes with the rules that select among them. It is immutable and
// safe for concurrent use.
type Set struct {
	routes map[string]*Route
	names  []string
	rules  SelectionRules
}

// NewSet builds a set; route names must be unique and every rule must name a route of the
// set.
func NewSet(routes []*Route, rules SelectionRules) (*Set, error) {
	s := &Set{routes: make(map[string]*Route, len(routes))}
	var ps problems
	for i, r := range routes {
		switch {
		case r == nil:
			ps.addAt("routes", i, "", "", ErrRequired)
		case s.routes[r.Name()] != nil:
			ps.addAt("routes", i, "name", r.Name(), ErrDuplicate)
		default:
			s.routes[r.Name()] = r
			s.names = append(s.names, r.Name())
		}
	}
	if err := ps.err("set"); err != nil {
		return nil, err
	}
	slices.Sort(s.names)
	s.rules = SelectionRules{Rules: slices.Clone(rules.Rules), Default: rules.Default}
	if err := s.rules.check(s.routes); err != nil {
		return nil, err
	}
	return s, nil
}

// Route returns the route with the given name.
func (s *Set) Route(name string) (*Route, bool) {
	r, ok := s.routes[name]
	return r, ok
}

// Names returns the route names in sorted order.
func (s *Set) Names() []string { return slices.Clone(s.names) }

// Rules returns a copy of the set's rules.
func (s *Set) Rules() SelectionRules {
	return SelectionRules{Rules: slices.Clone(s.rules.Rules), Default: s.rules.Default}
}

// Select chooses the route for q: the first matching rule, else the default. With neither it
// returns a *SelectError wrapping ErrNoRoute.
func (s *Set) Select(q Query) (*Route, error) {
	r, ok := s.Match(q)
	if !ok {
		return nil, &SelectError{Query: q, Err: ErrNoRoute}
	}
	return r, nil
}

// Match is Select for a caller with a fallback of its own: the route for q and true, or nil
// and false when no rule matches and the set has no default. It builds no error, so a miss
// costs no allocation (the one-stop desk falls back to the procedure's route at every intake
// of a procedure without a rule).
func (s *Set) Match(q Query) (*Route, bool) {
	name, ok := s.rules.Select(q)
	if !ok {
		return nil, false
	}
	return s.routes[name], true
}
