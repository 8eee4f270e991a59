package procedure

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestFieldCheckerMatchesValidator: the hand-written field rules find exactly the problems the
// go-playground validator finds with the tags of the catalog types (same paths, rules, values
// and order), on thousands of procedures and groups broken at random; counting finds as many.
func TestFieldCheckerMatchesValidator(t *testing.T) {
	or, err := theOracle()
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(9, 2026))
	pick := func(n int) int { return r.IntN(n) }
	str := func(vals ...string) string { return vals[pick(len(vals))] }
	strs := func() []string {
		return [][]string{nil, {}, {""}, {"a"}, {"a", ""}, {"a", "a"}, {"a", "b"},
			{"a", "b", "c", "d", "e", "f", "g", "h", "i", "a"}, {"a", "b", "c", "d", "e", "f", "g", "h", "i", ""}}[pick(9)]
	}
	docs := func() []Document {
		if pick(4) == 0 {
			return [][]Document{nil, {}}[pick(2)]
		}
		out := make([]Document, 1+pick(3))
		for i := range out {
			out[i] = Document{Name: str("", "Tờ khai"), Originals: []int{-1, 0, 1, 100, 101}[pick(5)],
				Copies: []int{-5, 0, 2, 101}[pick(4)], Requirement: Requirement(str("", "x", "required", "conditional")),
				Condition: str("", "khi có")}
		}
		return out
	}
	fees := func() []Fee {
		if pick(3) == 0 {
			return nil
		}
		out := make([]Fee, 1+pick(3))
		for i := range out {
			out[i] = Fee{ID: str("", "f"), Name: str("", "Phí"), Kind: FeeKind(str("", "x", "fixed", "per_unit", "percent")),
				Per: str("", "trang"), Exemptions: strs()}
			switch pick(3) {
			case 0:
				out[i].OnlineReduction = &Reduction{}
			case 1:
				out[i].OnlineReduction = &Reduction{From: ymd(2025, 1, 1)}
			}
		}
		return out
	}
	seen := map[string]bool{}
	for n := range 5000 {
		p := validProcedure()
		if pick(2) == 0 {
			p.Code = NationalCode(str("", "1.0", "1.001193", "x.001193"))
		}
		if pick(3) == 0 {
			p.Version = []int{-1, 0, 1, 7}[pick(4)]
		}
		if pick(4) == 0 {
			p.EffectiveFrom = 0
		}
		if pick(3) == 0 {
			p.Name = ""
		}
		if pick(3) == 0 {
			p.Sector = Sector(str("", "x", "land"))
		}
		if pick(4) == 0 {
			p.Field = ""
		}
		if pick(2) == 0 {
			p.Levels = [][]Level{nil, {}, {Commune}, {Commune, Commune}, {Commune, Province},
				{1, 2, 3, 4, 5, 6, 7, 8, 9, 1}, {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}}[pick(7)]
		}
		if pick(4) == 0 {
			p.CompetentAgency.Name = ""
		}
		switch pick(4) {
		case 0:
			p.ReceivingAgency = &Agency{}
		case 1:
			p.ReceivingAgency = &Agency{Name: "Bộ phận một cửa"}
		}
		if pick(2) == 0 {
			p.Cases = nil
			for range pick(4) {
				p.Cases = append(p.Cases, Case{ID: str("", "c"), Name: str("", "Trường hợp"), Fees: fees(), Documents: docs()})
			}
		}
		if pick(2) == 0 {
			p.Documents = docs()
		}
		if pick(2) == 0 {
			p.Fees = fees()
		}
		if pick(3) == 0 {
			p.Results = [][]Result{nil, {}, {{}}, {{Name: "x", Code: "KQ"}, {Name: "y", Code: "KQ.G15.000031"}}}[pick(4)]
		}
		if pick(3) == 0 {
			p.Online = OnlineLevel(str("", "x", "full", "none"))
		}
		if pick(3) == 0 {
			p.LegacyOnlineLevel = []int{-1, 0, 4, 5}[pick(4)]
		}
		if pick(2) == 0 {
			p.LegalBasis = strs()
		}
		if pick(3) == 0 {
			p.InterAgency, p.Route = pick(2) == 0, str("", "r")
		}
		at := fmt.Sprintf("procedures[%d]", n)
		want := or.check(&p, "f.json", at, nil)
		for _, w := range want {
			seen[w.Rule+" "+w.Path[len(at):]] = true
		}
		c := fieldChecker{file: "f.json", path: []byte(at)}
		c.procedure(&p)
		if diff := cmp.Diff(want, c.out); diff != "" {
			t.Fatalf("procedure %+v (-validator +fieldChecker):\n%s", p, diff)
		}
		counter := fieldChecker{mode: countFields}
		counter.procedure(&p)
		if counter.n != len(want) || len(counter.out) != 0 {
			t.Fatalf("counted %d problems (%d kept), want %d", counter.n, len(counter.out), len(want))
		}
	}
	for n := range 2000 {
		g := Group{ID: str("", "g"), Name: str("", "Nhóm"), LeadSector: Sector(str("", "x", "justice")), LegalBasis: strs()}
		switch pick(6) {
		case 0:
		case 1:
			g.Members = []NationalCode{"1.001193"}
		case 2:
			g.Members = []NationalCode{"1.001193", "1.001193"}
		case 3:
			g.Members = []NationalCode{"1.001193", "x", "1.001193.000.00.00.H49", "1.001193.H4"}
		default:
			for i := range 12 {
				g.Members = append(g.Members, NationalCode(fmt.Sprintf("1.%06d", i%(11+pick(2)))))
			}
		}
		at := fmt.Sprintf("groups[%d]", n)
		want := or.check(&g, "", at, nil)
		for _, w := range want {
			seen[w.Rule+" "+w.Path[len(at):]] = true
		}
		c := fieldChecker{path: []byte(at)}
		c.group(&g)
		if diff := cmp.Diff(want, c.out); diff != "" {
			t.Fatalf("group %+v (-validator +fieldChecker):\n%s", g, diff)
		}
	}
	// Every rule at every kind of place was met (a test that finds nothing proves nothing).
	if len(seen) < 200 {
		t.Errorf("only %d rules and places met: %v", len(seen), seen)
	}
}
