package routing

import "github.com/rickb777/date/v2"

// Rule selects a route. Empty fields match anything; From and Until (inclusive, zero = open)
// bound the receipt date.
type Rule struct {
	Procedure string     // national procedure code, e.g. "1.001193"
	Case      string     // procedure case (trường hợp)
	Channel   string     // "counter", "online" or "postal"
	Province  string     // level-1 code of the province, e.g. "H49"
	Commune   AgencyCode // commune of the applicant
	From      date.Date
	Until     date.Date
	Route     string // route name
}

// Rules is an ordered list of rules: the first match wins, else Default.
type Rules struct {
	Rules   []Rule
	Default string // route name used when no rule matches; empty: none
}

// Query describes a dossier for route selection.
type Query struct {
	Procedure string
	Case      string
	Channel   string
	Locality  AgencyCode // the applicant's commune (or district before 2025-07-01)
	On        date.Date  // receipt date
}
