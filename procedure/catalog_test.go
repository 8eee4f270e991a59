package procedure

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/motcua-go/motcua/calendar"
	"golang.org/x/text/language"
)

// testCatalog: birth registration in two versions, a local instance of it, and death
// registration with a gap between versions.
func testCatalog(t testing.TB) *Catalog {
	t.Helper()
	v1 := validProcedure()
	v1.EffectiveTo = ymd(2023, 12, 31)
	v1.Levels = []Level{Commune, District}
	v1.EffectiveTo = ymd(2023, 12, 31)
	v2 := validProcedure()
	v2.Version = 2
	v2.EffectiveFrom = ymd(2024, 1, 1)
	local := validProcedure()
	local.Unit = mustCode(t, "000.00.00.H49")
	local.CompetentAgency = Agency{Code: mustCode(t, "000.00.12.H49"), Name: "UBND phường Hồng Gai"}
	local.ReceivingAgency = &Agency{Code: mustCode(t, "000.00.31.H49"), Name: "Trung tâm Phục vụ hành chính công tỉnh"}
	death1 := validProcedure()
	death1.Code = "1.000656"
	death1.Name = "Thủ tục đăng ký khai tử"
	death1.EffectiveTo = ymd(2021, 12, 31)
	death2 := death1
	death2.Version = 2
	death2.EffectiveFrom = ymd(2023, 1, 1)
	death2.EffectiveTo = 0
	land := validProcedure()
	land.Code = "1.012787"
	land.Name = "Đăng ký biến động quyền sử dụng đất"
	land.Sector = Land
	land.Field = "Đất đai"
	land.Levels = []Level{Province}
	land.CompetentAgency = Agency{Code: mustCode(t, "000.00.15.H49"), Name: "Văn phòng đăng ký đất đai"}
	group := Group{ID: "khai-sinh", Name: "Liên thông khai sinh", LeadSector: Justice, Members: []NationalCode{"1.001193", "1.000656"}}
	return mustLoad(t, catalogJSON(t, []Procedure{v1, v2, local, death1, death2, land}, []Group{group}))
}

func TestLookupBoundaries(t *testing.T) {
	c := testCatalog(t)
	vn := func(y int, m time.Month, d, h, min, s int) time.Time {
		return time.Date(y, m, d, h, min, s, 0, calendar.Zone())
	}
	tests := []struct {
		name    string
		code    NationalCode
		at      time.Time
		version int
		err     error
	}{
		{"before the first version", "1.001193", vn(2020, 6, 30, 23, 59, 59), 0, ErrNotInForce},
		{"first day of version 1", "1.001193", vn(2020, 7, 1, 0, 0, 0), 1, nil},
		{"last instant of version 1", "1.001193", vn(2023, 12, 31, 23, 59, 59), 1, nil},
		{"first instant of version 2", "1.001193", vn(2024, 1, 1, 0, 0, 0), 2, nil},
		{"UTC instant already 1 Jan in Vietnam", "1.001193", time.Date(2023, 12, 31, 17, 0, 0, 0, time.UTC), 2, nil},
		{"UTC instant still 31 Dec in Vietnam", "1.001193", time.Date(2023, 12, 31, 16, 59, 59, 0, time.UTC), 1, nil},
		{"open-ended version far ahead", "1.001193", vn(2090, 1, 1, 0, 0, 0), 2, nil},
		{"local instance", "1.001193.000.00.00.H49", vn(2024, 5, 1, 9, 0, 0), 1, nil},
		{"in the gap between versions", "1.000656", vn(2022, 6, 1, 9, 0, 0), 0, ErrNotInForce},
		{"after the gap", "1.000656", vn(2023, 1, 1, 0, 0, 0), 2, nil},
		{"unknown code", "1.999999", vn(2024, 1, 1, 0, 0, 0), 0, ErrUnknownCode},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := c.Lookup(tt.code, tt.at)
			if !errors.Is(err, tt.err) {
				t.Fatalf("error %v, want %v", err, tt.err)
			}
			if err != nil {
				var le *LookupError
				if p != nil || !errors.As(err, &le) || le.Code != tt.code {
					t.Fatalf("error %v, procedure %v", err, p)
				}
				return
			}
			if p.Version != tt.version || p.Key() != tt.code {
				t.Errorf("got %s v%d, want %s v%d", p.Key(), p.Version, tt.code, tt.version)
			}
		})
	}
}

func TestLookupErrorMessage(t *testing.T) {
	c := testCatalog(t)
	_, err := c.Lookup("1.000656", time.Date(2022, 6, 1, 9, 0, 0, 0, calendar.Zone()))
	if want := "procedure 1.000656 has no version in force at that time (2022-06-01)"; err.Error() != want {
		t.Errorf("message %q, want %q", err, want)
	}
	_, err = c.Lookup("1.999999", time.Time{})
	if want := "procedure 1.999999 is not a procedure code in the catalog"; err.Error() != want {
		t.Errorf("message %q, want %q", err, want)
	}
}

func keys(ps []*Procedure) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = string(p.Key()) + "/" + string(rune('0'+p.Version))
	}
	return out
}

func TestSearch(t *testing.T) {
	c := testCatalog(t)
	at := time.Date(2024, 6, 1, 9, 0, 0, 0, calendar.Zone())
	tests := []struct {
		query string
		at    time.Time
		want  []string
	}{
		{"khai sinh", at, []string{"1.001193/2", "1.001193.000.00.00.H49/1"}},
		{"KHAI SINH", at, []string{"1.001193/2", "1.001193.000.00.00.H49/1"}},
		{"Đăng ký khai sinh", at, []string{"1.001193/2", "1.001193.000.00.00.H49/1"}},
		{"dang ky khai sinh", at, []string{"1.001193/2", "1.001193.000.00.00.H49/1"}},
		{"  khai   SINH ", at, []string{"1.001193/2", "1.001193.000.00.00.H49/1"}},
		{"sinh khai", at, nil},
		{"hai sinh", at, nil},
		{"ky khai s", at, []string{"1.001193/2", "1.001193.000.00.00.H49/1"}},
		{"khai tu", at, []string{"1.000656/2"}},
		{"khai tử", at, []string{"1.000656/2"}},
		{"dat dai", at, nil},
		{"quyen su dung dat", at, []string{"1.012787/1"}},
		{"đăng ký", at, []string{"1.001193/2", "1.001193.000.00.00.H49/1", "1.000656/2", "1.012787/1"}},
		{"khai sinh", time.Time{}, []string{"1.001193/1", "1.001193/2", "1.001193.000.00.00.H49/1"}},
		{"khai", time.Date(2022, 6, 1, 9, 0, 0, 0, calendar.Zone()), []string{"1.001193/1", "1.001193.000.00.00.H49/1"}},
		{"   ", at, nil},
		{"kết hôn", at, nil},
	}
	for _, tt := range tests {
		got := c.Search(tt.query, tt.at)
		if diff := cmp.Diff(tt.want, keys(got), cmpEmpty); diff != "" {
			t.Errorf("Search(%q) (-want +got):\n%s", tt.query, diff)
		}
	}
}

var cmpEmpty = cmp.Transformer("nilEmpty", func(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	return s
})

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Đăng ký khai sinh", "dang ky khai sinh"},
		{"ĐẤT ĐAI", "dat dai"},
		{"  Hộ   tịch\t", "ho tich"},
		{"Lao động – Thương binh và Xã hội", "lao dong – thuong binh va xa hoi"},
		{"Ủy ban nhân dân cấp xã", "uy ban nhan dan cap xa"},
		{"Đ\u0103\u0301ng", "dang"}, // decomposed input
		{"", ""},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// FuzzFold checks properties of Fold: idempotent, case-blind, no combining marks left.
func FuzzFold(f *testing.F) {
	for _, s := range []string{"Đăng ký khai sinh", "ĐẤT ĐAI", "Hộ tịch", "Ưu đãi người có công", "a\u0300", "\u0345", "ϱ", "İı", "Å"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		once := Fold(s)
		if Fold(once) != once {
			t.Errorf("Fold not idempotent on %q: %q then %q", s, once, Fold(once))
		}
		if Fold(strings.ToUpper(s)) != Fold(strings.ToLower(s)) {
			t.Errorf("Fold is case-sensitive on %q: %q and %q", s, Fold(strings.ToUpper(s)), Fold(strings.ToLower(s)))
		}
	})
}

func TestIndexes(t *testing.T) {
	c := testCatalog(t)
	at := time.Date(2024, 6, 1, 9, 0, 0, 0, calendar.Zone())
	tests := []struct {
		name string
		got  []*Procedure
		want []string
	}{
		{"sector", c.BySector(Land, at), []string{"1.012787/1"}},
		{"sector, all versions", c.BySector(Justice, time.Time{}),
			[]string{"1.001193/1", "1.001193/2", "1.001193.000.00.00.H49/1", "1.000656/1", "1.000656/2"}},
		{"field without diacritics", c.ByField("ho tich", at), []string{"1.001193/2", "1.001193.000.00.00.H49/1", "1.000656/2"}},
		{"field as published", c.ByField("Đất đai", at), []string{"1.012787/1"}},
		{"agency code", c.ByAgency("000.00.12.H49", at), []string{"1.001193.000.00.00.H49/1"}},
		{"receiving agency code", c.ByAgency("000.00.31.H49", at), []string{"1.001193.000.00.00.H49/1"}},
		{"agency name", c.ByAgency("uy ban nhan dan cap xa", at), []string{"1.001193/2", "1.000656/2"}},
		{"level", c.ByLevel(Province, at), []string{"1.012787/1"}},
		{"district level in 2021", c.ByLevel(District, time.Date(2021, 1, 1, 9, 0, 0, 0, calendar.Zone())), []string{"1.001193/1"}},
		{"district level now", c.ByLevel(District, at), nil},
		{"versions", c.Versions("1.001193"), []string{"1.001193/1", "1.001193/2"}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, keys(tt.got), cmpEmpty); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, diff)
		}
	}
	if c.Len() != 6 || len(c.Procedures()) != 6 {
		t.Errorf("Len %d, Procedures %d", c.Len(), len(c.Procedures()))
	}
}

func TestGroups(t *testing.T) {
	c := testCatalog(t)
	g, ok := c.Group("khai-sinh")
	if !ok || g.LeadSector != Justice || len(g.Members) != 2 {
		t.Fatalf("Group = %+v, %v", g, ok)
	}
	if _, ok := c.Group("nope"); ok {
		t.Error("unknown group found")
	}
	if got := c.GroupsOf("1.000656"); len(got) != 1 || got[0].ID != "khai-sinh" {
		t.Errorf("GroupsOf = %v", got)
	}
	if got := c.GroupsOf("1.012787"); len(got) != 0 {
		t.Errorf("GroupsOf = %v", got)
	}
	if len(c.Groups()) != 1 {
		t.Errorf("Groups = %v", c.Groups())
	}
}

func values(c *Catalog) ([]Procedure, []Group) {
	var ps []Procedure
	for _, p := range c.Procedures() {
		ps = append(ps, *p)
	}
	var gs []Group
	for _, g := range c.Groups() {
		gs = append(gs, *g)
	}
	return ps, gs
}

func TestRoundTrip(t *testing.T) {
	c := testCatalog(t)
	var buf bytes.Buffer
	if err := c.WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	again := mustLoad(t, buf.Bytes())
	p1, g1 := values(c)
	p2, g2 := values(again)
	if diff := cmp.Diff(p1, p2); diff != "" {
		t.Errorf("procedures changed (-before +after):\n%s", diff)
	}
	if diff := cmp.Diff(g1, g2); diff != "" {
		t.Errorf("groups changed (-before +after):\n%s", diff)
	}
	compact, err := c.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	third := mustLoad(t, compact)
	p3, _ := values(third)
	if diff := cmp.Diff(p1, p3); diff != "" {
		t.Errorf("MarshalJSON changed procedures:\n%s", diff)
	}
	var buf2 bytes.Buffer
	if err := again.WriteJSON(&buf2); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), buf2.Bytes()) {
		t.Error("second export differs from the first")
	}
}

func TestLoadFS(t *testing.T) {
	v1 := validProcedure()
	v2 := validProcedure()
	v2.Version = 2
	v2.EffectiveFrom = ymd(2024, 1, 1)
	death := validProcedure()
	death.Code = "1.000656"
	group := Group{ID: "g", Name: "G", LeadSector: Justice, Members: []NationalCode{"1.001193", "1.000656"}}

	good := fstest.MapFS{
		"a.json":    {Data: catalogJSON(t, []Procedure{v2}, nil)},
		"b.json":    {Data: catalogJSON(t, []Procedure{death}, []Group{group})},
		"README.md": {Data: []byte("not a catalog")},
	}
	c, err := LoadFS(good, LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if c.Len() != 2 {
		t.Errorf("Len = %d", c.Len())
	}

	bad := fstest.MapFS{
		"a.json": {Data: catalogJSON(t, []Procedure{v1}, nil)},
		"b.json": {Data: catalogJSON(t, []Procedure{v2}, nil)},
		"c.json": {Data: []byte(`{"procedures": [}`)},
	}
	c, err = LoadFS(bad, LoadOptions{})
	var ve *ValidationError
	if c != nil || !errors.As(err, &ve) {
		t.Fatalf("LoadFS = %v, %v", c, err)
	}
	want := []Problem{
		{File: "c.json", Rule: "json",
			En: "malformed JSON at line 1, column 17: invalid character '}' looking for beginning of value",
			Vi: "JSON sai cú pháp tại dòng 1, cột 17: ký tự '}' không đúng chỗ: cần một giá trị"},
		{File: "b.json", Path: "procedures[0].effective_from", Rule: "version_overlap",
			En: "version 2 of 1.001193 overlaps version 1 (a.json: procedures[0])",
			Vi: "phiên bản 2 của 1.001193 trùng thời gian hiệu lực với phiên bản 1 (a.json: procedures[0])"},
	}
	if diff := cmp.Diff(want, ve.Problems); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
	const wantMsg = "the procedure catalog is not valid (2 problems):\n" +
		"c.json: malformed JSON at line 1, column 17: invalid character '}' looking for beginning of value\n" +
		"b.json: procedures[0].effective_from: version 2 of 1.001193 overlaps version 1 (a.json: procedures[0])"
	if err.Error() != wantMsg {
		t.Errorf("Error() =\n%s\nwant\n%s", err, wantMsg)
	}
	if !strings.HasPrefix(ve.Message(language.Vietnamese), "danh mục thủ tục không hợp lệ (2 lỗi):\nc.json: JSON sai cú pháp") {
		t.Errorf("Message(vi) = %s", ve.Message(language.Vietnamese))
	}

	_, err = LoadFS(fstest.MapFS{}, LoadOptions{})
	if !errors.Is(err, ErrInvalidCatalog) {
		t.Errorf("empty folder: %v", err)
	}
}

// TestRoundTripEmptyLists: empty lists in the input are the same as absent ones.
func TestRoundTripEmptyLists(t *testing.T) {
	data := []byte(`{"procedures": [{"code": "1.001193", "version": 1, "effective_from": "2020-07-01",
	  "name": "Đăng ký khai sinh", "sector": "justice", "field": "Hộ tịch", "levels": ["commune"],
	  "competent_agency": {"name": "UBND cấp xã"}, "limits": {"counter": {"value": 1, "unit": "working_days"}},
	  "cases": [{"id": "a", "name": "A", "fees": [], "documents": []}],
	  "documents": [{"name": "Tờ khai", "originals": 1, "copies": 0, "requirement": "required"}],
	  "fees": [{"id": "x", "name": "X", "kind": "fixed", "amount": 1, "exemptions": []}],
	  "results": [{"name": "Giấy khai sinh"}], "legal_basis": ["Luật Hộ tịch"]},
	 {"code": "1.000656", "version": 1, "effective_from": "2020-07-01",
	  "name": "Đăng ký khai tử", "sector": "justice", "field": "Hộ tịch", "levels": ["commune"],
	  "competent_agency": {"name": "UBND cấp xã"}, "limits": {"counter": {"value": "1", "unit": "working_days"}},
	  "cases": [], "fees": [],
	  "documents": [{"name": "Tờ khai", "originals": 1, "copies": 0, "requirement": "required"}],
	  "results": [{"name": "Trích lục khai tử"}], "legal_basis": ["Luật Hộ tịch"]}],
	 "groups": [{"id": "g", "name": "G", "lead_sector": "justice", "members": ["1.001193", "1.000656"], "legal_basis": []}]}`)
	c := mustLoad(t, data)
	out, err := c.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	p1, g1 := values(c)
	p2, g2 := values(mustLoad(t, out))
	if diff := cmp.Diff(p1, p2); diff != "" {
		t.Errorf("round trip (-before +after):\n%s", diff)
	}
	if diff := cmp.Diff(g1, g2); diff != "" {
		t.Errorf("round trip of groups (-before +after):\n%s", diff)
	}
}

func TestPathAt(t *testing.T) {
	doc := `{"a": [1, {"b": "x", "c": [true, null]}], "d\u00e9": {"e": 2}}`
	tests := []struct {
		at   string
		want string
	}{
		{`1,`, ".a[0]"},
		{`"x"`, ".a[1].b"},
		{`null`, ".a[1].c[1]"},
		{`2}`, ".dé.e"},
		{`{"e"`, ".dé"},
	}
	for _, tt := range tests {
		i := strings.Index(doc, tt.at)
		if tt.at == `{"e"` {
			i = strings.Index(doc, `}}`) // closing brace of "dé"
		}
		if got := pathAt([]byte(doc), i); got != tt.want {
			t.Errorf("pathAt(%q) = %q, want %q", tt.at, got, tt.want)
		}
	}
	if got := pathAt([]byte(doc), len(doc)-1); got != "" {
		t.Errorf("pathAt(end) = %q, want the root", got)
	}
	for _, bad := range []string{`{"a": [}`, `[1 2]`, `{"a" 1}`, `{`, `"`, ``} {
		_ = pathAt([]byte(bad), len(bad)) // must return
	}
}
