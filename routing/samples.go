package routing

import (
	"embed"
	"io/fs"
)

//go:embed data/directory.json data/routes/*.json data/rules.json
var sampleFS embed.FS

// SampleSet returns the embedded sample routes and rules, validated against
// SampleDirectory. The route names are the ones the sample catalog of package procedure
// names (procedure.Sample):
//
//   - birth-u6-electronic and birth-u6-paper: birth registration, permanent residence and
//     the health-insurance card for a child under six (Decree 63/2024/NĐ-CP; Joint Circular
//     05/2015/TTLT-BTP-BCA-BYT), the routes of the groups lien-thong-dien-tu-khai-sinh and
//     lien-thong-khai-sinh-thuong-tru-bhyt-2015;
//   - death-residence-funeral: death registration, removal from permanent residence and the
//     funeral allowance (Decree 63/2024/NĐ-CP), group lien-thong-dien-tu-khai-tu;
//   - land-transfer: land-use right transfer through the land registration office and the
//     tax authority (1.012787), with fixed times and a rest step; land-registration-tax: the
//     same agencies in shares of the limit (1.012783); land-commune-tax: received at the
//     commune (1.012786, 1.013978); land-commune-province-tax: commune, provincial land
//     registration office and tax, vertical (1.012753);
//   - construction-permit-consultation: construction permit with the consultation of the
//     construction department, 12 days, silence meaning consent (1.013225, 1.013226);
//   - household-business-2018 and household-business-2025: household business registration
//     with its tax code (1.001612, or the case "household-business"), at the district until
//     2025-06-30 and at the commune after.
//
// The rules select a group's route by the group's ID as the case (Query.Case), and the
// route of an inter-agency procedure by its code. A plain birth or death registration, like
// every single-agency procedure, matches no rule (ErrNoRoute): it needs no inter-agency
// route, and its competent agency handles it alone (package onestop then plans one step).
//
// Each step's note says where its share comes from; shares not found in a legal text are
// marked inferred. Each call returns a new set.
func SampleSet() *Set {
	s, err := loadSamples(SampleDirectory())
	if err != nil {
		panic("routing: embedded sample routes: " + err.Error())
	}
	return s
}

func loadSamples(dir *Directory) (*Set, error) {
	files, err := fs.Glob(sampleFS, "data/routes/*.json")
	if err != nil {
		return nil, err
	}
	var routes []*Route
	for _, f := range files {
		b, err := sampleFS.ReadFile(f)
		if err != nil {
			return nil, err
		}
		r, err := ParseRoute(b, dir)
		if err != nil {
			return nil, err
		}
		routes = append(routes, r)
	}
	b, err := sampleFS.ReadFile("data/rules.json")
	if err != nil {
		return nil, err
	}
	rules, err := ParseRules(b)
	if err != nil {
		return nil, err
	}
	return NewSet(routes, rules)
}
