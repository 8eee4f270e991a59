package routing

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/motcua-go/motcua/procedure"
	"golang.org/x/text/language"
)

func TestSelect(t *testing.T) {
	set := SampleSet()
	oldCommune, newCommune := code(t, "000.10.21.H49"), code(t, "000.00.31.H49")
	tests := []struct {
		name string
		q    Query
		want string
	}{
		{"birth online", Query{Procedure: "1.001193", Case: "lien-thong-dien-tu-khai-sinh", Channel: procedure.Online, Locality: newCommune, On: day("2026-03-02")}, "birth-u6-electronic"},
		{"birth at the counter", Query{Procedure: "1.001193", Case: "lien-thong-khai-sinh-thuong-tru-bhyt-2015", Channel: procedure.Counter, Locality: newCommune, On: day("2026-03-02")}, "birth-u6-paper"},
		{"death", Query{Procedure: "1.000656", Case: "lien-thong-dien-tu-khai-tu", Channel: procedure.Online, Locality: newCommune, On: day("2026-03-02")}, "death-residence-funeral"},
		{"land", Query{Procedure: "1.012787", Channel: procedure.Counter, Locality: newCommune, On: day("2026-03-02")}, "land-transfer"},
		{"land exchange", Query{Procedure: "1.012783", Channel: procedure.Counter, Locality: newCommune, On: day("2026-03-02")}, "land-registration-tax"},
		{"land at the commune", Query{Procedure: "1.013978", Channel: procedure.Online, Locality: newCommune, On: day("2026-03-02")}, "land-commune-tax"},
		{"first land registration", Query{Procedure: "1.012753", Channel: procedure.Counter, Locality: newCommune, On: day("2026-03-02")}, "land-commune-province-tax"},
		{"construction permit", Query{Procedure: "1.013225", Channel: procedure.Counter, Locality: newCommune, On: day("2026-03-02")}, "construction-permit-consultation"},
		{"household business by code, after the reform", Query{Procedure: "1.001612", Locality: newCommune, On: day("2026-03-02")}, "household-business-2025"},
		{"household business by code, before the reform", Query{Procedure: "1.001612", Locality: oldCommune, On: day("2025-06-30")}, "household-business-2018"},
		{"household business before the reform", Query{Case: "household-business", Locality: oldCommune, On: day("2025-06-30")}, "household-business-2018"},
		{"household business after the reform", Query{Case: "household-business", Locality: newCommune, On: day("2025-07-01")}, "household-business-2025"},
	}
	for _, tt := range tests {
		r, err := set.Select(tt.q)
		if err != nil || r.Name() != tt.want {
			t.Errorf("%s: Select = %v, %v; want %s", tt.name, r, err, tt.want)
		}
		if m, ok := set.Match(tt.q); !ok || m != r {
			t.Errorf("%s: Match = %v, %v; want Select's route %v", tt.name, m, ok, r)
		}
	}
	// A plain birth or death registration is a single-agency procedure: no rule sends it to
	// the group's route, so the caller handles it without an inter-agency route.
	for _, q := range []Query{
		{Procedure: "1.001193", Channel: procedure.Online, Locality: newCommune, On: day("2026-03-02")},
		{Procedure: "1.001193", Channel: procedure.Counter, Locality: newCommune, On: day("2026-03-02")},
		{Procedure: "1.000656", Channel: procedure.Online, Locality: newCommune, On: day("2026-03-02")},
	} {
		if r, err := set.Select(q); !errors.Is(err, ErrNoRoute) {
			t.Errorf("plain %s %s: Select = %v, %v; want ErrNoRoute", q.Procedure, q.Channel, r, err)
		}
		if r, ok := set.Match(q); ok || r != nil {
			t.Errorf("plain %s %s: Match = %v, %v; want nil, false", q.Procedure, q.Channel, r, ok)
		}
		if n := testing.AllocsPerRun(10, func() { set.Match(q) }); n != 0 {
			t.Errorf("plain %s %s: a miss of Match allocates %v times, want 0", q.Procedure, q.Channel, n)
		}
	}
	_, err := set.Select(Query{Procedure: "2.001610", Locality: newCommune, On: day("2026-03-02")})
	var se *SelectError
	if !errors.Is(err, ErrNoRoute) || !errors.As(err, &se) {
		t.Fatalf("no rule: %v", err)
	}
	if got, want := se.Message(language.English), `procedure 2.001610 at 000.00.31.H49 on 2026-03-02 matches no route`; got != want {
		t.Errorf("English: %q", got)
	}
	if got, want := se.Message(language.Vietnamese), `thủ tục 2.001610 tại 000.00.31.H49 ngày 2026-03-02 không khớp với quy trình nào`; got != want {
		t.Errorf("Vietnamese: %q", got)
	}
}

func TestRulesMatching(t *testing.T) {
	hn, qn := code(t, "000.00.00.H33"), code(t, "000.00.31.H49")
	rules := SelectionRules{
		Rules: []SelectionRule{
			{Commune: qn, Route: "commune"},
			{Province: "H49", From: day("2025-07-01"), Route: "province-after"},
			{Procedure: "1.000656", Case: "bundle-4", Route: "case"},
			{Procedure: "1.000656", Level: procedure.Province, Route: "provincial"},
			{Procedure: "1.000656", Channel: procedure.Postal, Until: day("2025-06-30"), Route: "postal-before"},
			{Procedure: "1.000656", Route: "procedure"},
		},
		Default: "default",
	}
	tests := []struct {
		q    Query
		want string
	}{
		{Query{Procedure: "x", Locality: qn, On: day("2020-01-01")}, "commune"}, // first match wins
		{Query{Procedure: "x", Locality: code(t, "000.00.02.H49"), On: day("2025-07-01")}, "province-after"},
		{Query{Procedure: "x", Locality: code(t, "000.00.02.H49"), On: day("2025-06-30")}, "default"},
		{Query{Procedure: "1.000656", Case: "bundle-4", Locality: hn, On: day("2026-01-01")}, "case"},
		{Query{Procedure: "1.000656", Case: "bundle-3", Channel: procedure.Postal, Locality: hn, On: day("2025-06-30")}, "postal-before"},
		{Query{Procedure: "1.000656", Case: "bundle-3", Channel: procedure.Postal, Locality: hn, On: day("2025-07-01")}, "procedure"},
		{Query{Procedure: "1.000657", Locality: hn, On: day("2025-07-01")}, "default"},
		{Query{Procedure: "1.000656", Level: procedure.Province, Locality: hn, On: day("2025-07-01")}, "provincial"},
		{Query{Procedure: "1.000656", Level: procedure.Commune, Locality: hn, On: day("2025-07-01")}, "procedure"},
	}
	for _, tt := range tests {
		got, ok := rules.Select(tt.q)
		if !ok || got != tt.want {
			t.Errorf("Select(%+v) = %q, %v; want %q", tt.q, got, ok, tt.want)
		}
	}
	if _, ok := (&SelectionRules{}).Select(Query{}); ok {
		t.Error("empty rules selected a route")
	}
}

func TestParseRules(t *testing.T) {
	rs, err := ParseRules([]byte(`{"rules": [{"procedure": "1.001193", "province": "H49", "commune": "000.00.31.H49",
		"from": "2025-07-01", "until": "2026-12-31", "channel": "online", "level": "commune", "case": "c", "route": "r"}], "default": "d"}`))
	if err != nil {
		t.Fatal(err)
	}
	want := SelectionRules{Rules: []SelectionRule{{Procedure: "1.001193", Case: "c", Channel: procedure.Online, Level: procedure.Commune, Province: "H49",
		Commune: code(t, "000.00.31.H49"), From: day("2025-07-01"), Until: day("2026-12-31"), Route: "r"}}, Default: "d"}
	if diff := cmp.Diff(want, rs); diff != "" {
		t.Errorf("ParseRules (-want +got):\n%s", diff)
	}
	b, _ := json.Marshal(rs)
	back, err := ParseRules(b)
	if err != nil || !cmp.Equal(rs, back) {
		t.Errorf("round trip: %+v, %v", back, err)
	}

	_, err = ParseRules([]byte(`{"rules": [
		{"channel": "fax", "province": "Quang Ninh", "commune": "31", "from": "2025-07-01", "until": "2025-01-01"},
		{"route": "r", "from": "soon", "level": "village"},
		{"route": 3}]}`))
	var ve *ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("ParseRules = %v", err)
	}
	wantMsgs := []string{
		`rules: rules[0].channel "fax" is not valid`,
		`rules: rules[0].commune "31" is not valid`,
		`rules: rules[1].level "village" is not valid`,
		`rules: rules[1].from "soon" is not valid`,
		`rules: rules[2].route is a JSON number, not of the expected type`,
	}
	if diff := cmp.Diff(wantMsgs, ve.Messages(language.English)); diff != "" {
		t.Errorf("decoding problems (-want +got):\n%s", diff)
	}
	if got := ve.Messages(language.Vietnamese)[0]; got != `quy tắc chọn quy trình: kênh nộp của quy tắc thứ 1 "fax" không hợp lệ` {
		t.Errorf("Vietnamese: %q", got)
	}
	_, err = ParseRules([]byte(`{"rules": [
		{"province": "Quang Ninh", "from": "2025-07-01", "until": "2025-01-01"}]}`))
	if !errors.As(err, &ve) {
		t.Fatalf("ParseRules = %v", err)
	}
	wantMsgs = []string{
		`rules: rules[0].route is required`,
		`rules: rules[0].province "Quang Ninh" is not valid`,
		`rules: rules[0].until "2025-01-01" is not valid`,
	}
	if diff := cmp.Diff(wantMsgs, ve.Messages(language.English)); diff != "" {
		t.Errorf("validation problems (-want +got):\n%s", diff)
	}
	if got := ve.Messages(language.Vietnamese)[1]; got != `quy tắc chọn quy trình: tỉnh của quy tắc thứ 1 "Quang Ninh" không hợp lệ` {
		t.Errorf("Vietnamese: %q", got)
	}
}

func TestNewSet(t *testing.T) {
	a, b := sample(t, "land-transfer"), sample(t, "birth-u6-paper")
	_, err := NewSet([]*Route{a, b, a, nil}, SelectionRules{Rules: []SelectionRule{{Route: "nowhere"}}, Default: "gone"})
	var ve *ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("NewSet = %v", err)
	}
	want := []string{`set: routes[2].name "land-transfer" is used more than once`, `set: routes[3] is required`}
	if diff := cmp.Diff(want, ve.Messages(language.English)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	_, err = NewSet([]*Route{a, b}, SelectionRules{Rules: []SelectionRule{{Route: "nowhere"}}, Default: "gone"})
	if !errors.As(err, &ve) {
		t.Fatalf("NewSet = %v", err)
	}
	want = []string{`rules: rules[0].route "nowhere" is not a route of the set`, `rules: default "gone" is not a route of the set`}
	if diff := cmp.Diff(want, ve.Messages(language.English)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	rules := SelectionRules{Rules: []SelectionRule{{Procedure: "p", Route: "land-transfer"}}}
	s, err := NewSet([]*Route{a, b}, rules)
	if err != nil {
		t.Fatal(err)
	}
	rules.Rules[0].Route = "birth-u6-paper"
	if got := s.Rules().Rules[0].Route; got != "land-transfer" {
		t.Errorf("set shares its rules with the caller: %q", got)
	}
	if diff := cmp.Diff([]string{"birth-u6-paper", "land-transfer"}, s.Names()); diff != "" {
		t.Errorf("Names (-want +got):\n%s", diff)
	}
}
