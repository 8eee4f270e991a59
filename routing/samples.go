package routing

import (
	"embed"
	"io/fs"
)

//go:embed data/directory.json data/routes/*.json data/rules.json
var sampleFS embed.FS

// SampleSet returns the embedded sample routes and rules, validated against
// SampleDirectory:
//
//   - birth-u6-electronic and birth-u6-paper: birth registration, permanent residence and
//     the health-insurance card for a child under six (Decree 63/2024/NĐ-CP; Joint Circular
//     05/2015/TTLT-BTP-BCA-BYT), selected for procedure 1.001193 online and otherwise;
//   - death-residence-funeral: death registration, removal from permanent residence and the
//     funeral allowance (Decree 63/2024/NĐ-CP), procedure 1.000656;
//   - land-transfer: land-use right transfer through the land registration office and the
//     tax authority (1.012787), with fixed times and a rest step;
//   - household-business-2018 and household-business-2025: household business registration
//     with its tax code, at the district until 2025-06-30 and at the commune after; selected
//     by the case "household-business" (the national code is not in the sources read).
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
