package procedure

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/language"

	"github.com/motcua-go/motcua/internal/msg"
)

// Regression tests of issue 9: bounded hostile input, messages in a language.Tag without
// English in Vietnamese, echoed values, days that do not exist, limits on texts.

// loadErr loads data and returns its *ValidationError.
func loadErr(t testing.TB, data []byte) *ValidationError {
	t.Helper()
	c, err := Load(bytes.NewReader(data), LoadOptions{})
	var ve *ValidationError
	if c != nil || !errors.As(err, &ve) {
		t.Fatalf("Load = %v, %v; want a *ValidationError", c, err)
	}
	return ve
}

// emptyProcedures is a catalog of n procedures {}.
func emptyProcedures(n int) []byte {
	return []byte(`{"procedures": [` + strings.Repeat("{},", n-1) + `{}]}`)
}

// TestManyProblemsAreCapped: 20,000 empty procedures list 100 problems and count the others;
// the message stays small. (The whole list and a message of hundreds of megabytes before.)
func TestManyProblemsAreCapped(t *testing.T) {
	one := loadErr(t, emptyProcedures(1))
	perItem := len(one.Problems)
	if perItem < 5 || one.More != 0 {
		t.Fatalf("one empty procedure: %d problems, %d more", perItem, one.More)
	}
	const n = 20_000
	ve := loadErr(t, emptyProcedures(n))
	if len(ve.Problems) != msg.MaxProblems || ve.More != n*perItem-msg.MaxProblems {
		t.Errorf("%d problems listed and %d more, want %d and %d", len(ve.Problems), ve.More, msg.MaxProblems, n*perItem-msg.MaxProblems)
	}
	// The first problems are those of the first items, in input order.
	if diff := cmp.Diff(one.Problems, ve.Problems[:perItem]); diff != "" {
		t.Errorf("first item's problems (-want +got):\n%s", diff)
	}
	en, vi := ve.Error(), ve.Message(language.MustParse("vi-VN"))
	if len(en) > 20_000 || len(vi) > 30_000 {
		t.Errorf("messages of %d and %d bytes", len(en), len(vi))
	}
	total := strconv.Itoa(n * perItem)
	more := strconv.Itoa(ve.More)
	if !strings.HasPrefix(en, "the procedure catalog is not valid ("+total+" problems; the first 100 listed):") ||
		!strings.HasSuffix(en, "… and "+more+" more problems") {
		t.Errorf("English message begins %.100q and ends %q", en, en[len(en)-40:])
	}
	if !strings.HasPrefix(vi, "danh mục thủ tục không hợp lệ ("+total+" lỗi; liệt kê 100 lỗi đầu):") ||
		!strings.HasSuffix(vi, "… và "+more+" lỗi khác") {
		t.Errorf("Vietnamese message begins %.100q and ends %q", vi, vi[len(vi)-40:])
	}
	if got := ve.Messages(language.English); len(got) != msg.MaxProblems+1 {
		t.Errorf("Messages has %d lines", len(got))
	}
}

// TestPlurals: one problem is "1 problem".
func TestPlurals(t *testing.T) {
	p := validProcedure()
	p.Name = ""
	ve := loadErr(t, catalogJSON(t, []Procedure{p}, nil))
	if got := ve.Error(); !strings.HasPrefix(got, "the procedure catalog is not valid (1 problem):\n") {
		t.Errorf("Error() = %q", got)
	}
}

// TestLinearChecks: duplicate case IDs and the members of a big group are found by maps, not by
// scans of every pair (100,000 cases took 19–28 s, a group of 100,000 members 40–45 s). The
// benchmarks show the time grow with the input; this test checks the findings.
func TestLinearChecks(t *testing.T) {
	const n = 20_000
	p := validProcedure()
	p.Cases = nil
	for i := range n {
		p.Cases = append(p.Cases, Case{ID: "c" + strconv.Itoa(i%(n/2)), Name: "Trường hợp"})
	}
	ve := loadErr(t, catalogJSON(t, []Procedure{p}, nil))
	if got := len(ve.Problems) + ve.More; got != n/2 || ve.Problems[0].Rule != "duplicate" || ve.Problems[0].Path != "procedures[0].cases["+strconv.Itoa(n/2)+"].id" {
		t.Errorf("%d problems, first %v; want %d duplicates", got, ve.Problems[0], n/2)
	}

	g := Group{ID: "g", Name: "Nhóm", LeadSector: Justice}
	for i := range n {
		g.Members = append(g.Members, NationalCode(fmt.Sprintf("1.%06d", i)))
	}
	g.Members = append(g.Members, "1.000000")
	ve = loadErr(t, catalogJSON(t, []Procedure{validProcedure()}, []Group{g}))
	if ve.Problems[0].Rule != "unique" || ve.Problems[0].Path != "groups[0].members" {
		t.Errorf("first problem %v, want unique members", ve.Problems[0])
	}
}

// TestLongDecimalRefusedUnparsed: a 1 MB amount is refused without being parsed (it took 2 s
// and 2 GB), whether the item is read by the fast decoder or by encoding/json.
func TestLongDecimalRefusedUnparsed(t *testing.T) {
	digits := strings.Repeat("9", 1<<20)
	for _, data := range []string{
		`{"procedures": [{"fees": [{"id": "f", "amount": "` + digits + `"}]}]}`,
		`{"procedures": [{"fees": [{"id": "f", "amount": ` + digits + `}]}]}`,
		// An escape sends the item to encoding/json.
		`{"procedures": [{"n\u006fte": "x", "fees": [{"id": "f", "AMOUNT": ` + digits + `}]}]}`,
	} {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		ve := loadErr(t, []byte(data))
		runtime.ReadMemStats(&after)
		found := false
		for _, p := range ve.Problems {
			if p.Rule == "decimal_range" && p.Path == "procedures[0].fees[0].amount" {
				found = true
				if len(p.En) > 300 || !strings.Contains(p.En, "amount 9999") || !strings.Contains(p.Vi, "mức thu 9999") {
					t.Errorf("message %q / %q", p.En, p.Vi)
				}
			}
		}
		if !found {
			t.Errorf("no decimal_range problem in %v", ve.Problems)
		}
		if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 64<<20 {
			t.Errorf("%d MB allocated for a 1 MB decimal", alloc>>20)
		}
	}
}

// TestDayThatDoesNotExist: "2025-02-30" is a day that does not exist (ErrNoSuchDate, rule
// no_such_date), not a badly written date; the value is named.
func TestDayThatDoesNotExist(t *testing.T) {
	good := string(catalogJSON(t, []Procedure{validProcedure()}, nil))
	data := strings.Replace(good, `"effective_from":"2020-07-01"`, `"effective_from":"2025-02-30"`, 1)
	ve := loadErr(t, []byte(data))
	want := []Problem{{Path: "procedures[0].effective_from", Rule: "no_such_date",
		En: `effective_from "2025-02-30" is not a day of the calendar`,
		Vi: `ngày bắt đầu hiệu lực "2025-02-30" không phải là một ngày có trên lịch`}}
	if diff := cmp.Diff(want, ve.Problems); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if !errors.Is(ve, ErrNoSuchDate) || errors.Is(ve, ErrTooLong) {
		t.Error("the error does not wrap ErrNoSuchDate alone")
	}
	var d Date
	err := d.UnmarshalText([]byte("2025-2-3"))
	if !errors.Is(err, ErrDateFormat) || err.Error() != `date "2025-2-3" is not a date written YYYY-MM-DD` {
		t.Errorf("UnmarshalText(2025-2-3) = %v", err)
	}
}

// TestTextLimits: names, identifiers and free text have maximum lengths; NUL and other control
// characters, and invalid UTF-8, are typed problems.
func TestTextLimits(t *testing.T) {
	p := validProcedure()
	p.Name = strings.Repeat("ạ", MaxNameLen+1)
	p.Cases[0].ID = "a\x00b"
	p.Note = "dòng 1\ndòng 2\tcột"                             // line breaks and tabs are fine in free text
	p.Documents[0].Condition = strings.Repeat("x", MaxTextLen) // at the limit
	data := catalogJSON(t, []Procedure{p}, nil)
	ve := loadErr(t, data)
	want := []Problem{
		{Path: "procedures[0].name", Rule: "too_long", En: "name is longer than 500 characters", Vi: "tên thủ tục dài quá 500 ký tự"},
		{Path: "procedures[0].cases[0].id", Rule: "control", En: "id contains a NUL byte or another control character",
			Vi: "mã trường hợp chứa ký tự NUL hoặc ký tự điều khiển khác"},
	}
	if diff := cmp.Diff(want, ve.Problems); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if !errors.Is(ve, ErrTooLong) || !errors.Is(ve, ErrControl) || !errors.Is(ve, ErrInvalidCatalog) || errors.Is(ve, ErrEncoding) {
		t.Errorf("sentinels of %v", ve)
	}

	bad := bytes.Replace(catalogJSON(t, []Procedure{validProcedure()}, nil), []byte("Hộ tịch"), []byte("H\xffộ tịch"), 1)
	ve = loadErr(t, bad)
	if len(ve.Problems) != 1 || ve.Problems[0].Rule != "encoding" || ve.Problems[0].Path != "procedures[0].field" || !errors.Is(ve, ErrEncoding) {
		t.Errorf("invalid UTF-8: %v", ve.Problems)
	}
}

// englishWord finds English words of the package's messages in a Vietnamese message, once the
// quoted values and the example codes are taken out.
var englishWord = regexp.MustCompile(`\b(must|is|are|not|the|of|or|and|field|required|invalid|character|looking|value|values|unit|code|name|levels|limit|working|days|hours|months|channel|online|counter|postal|version|problem|problems|key|unknown|duplicate|JSON number|string|array|object|boolean|decimal|number|nil|none)\b`)

// TestVietnameseHasNoEnglish: the Vietnamese message of every problem a broken catalog can give
// repeats no English word outside the quoted values (field names, the decoder's texts and the
// validator's were English).
func TestVietnameseHasNoEnglish(t *testing.T) {
	var items []string
	add := func(mutate func(p *Procedure)) {
		p := validProcedure()
		mutate(&p)
		b := catalogJSON(t, []Procedure{p}, nil)
		items = append(items, string(b[len(`{"procedures":[`):len(b)-2]))
	}
	add(func(p *Procedure) {
		p.Code, p.Name, p.Sector, p.Field, p.Version, p.LegacyOnlineLevel = "1.0", "", "x", "", 0, 5
	})
	add(func(p *Procedure) {
		p.Levels, p.Documents, p.Results, p.LegalBasis = []Level{Commune, Commune}, nil, nil, []string{""}
	})
	add(func(p *Procedure) { p.Limits.Online = lim("1.3", 0); p.Cases = append(p.Cases, p.Cases[0]) })
	add(func(p *Procedure) { p.Fees[0].Kind, p.Fees[0].Amount, p.Online = "x", dec("-1"), NotOnline })
	add(func(p *Procedure) { p.Fees[0].Max, p.Fees[0].Min, p.InterAgency = dec("1"), dec("2"), true })
	add(func(p *Procedure) { p.Documents[0].Originals, p.Documents[0].Copies, p.Results[0].Code = 0, 0, "KQ" })
	add(func(p *Procedure) {
		p.SameDay = &SameDay{}
		p.EffectiveTo = ymd(2019, 1, 1)
		p.Levels = []Level{District}
	})
	data := `{"procedures": [` + strings.Join(items, ",") + `,` +
		`{"code": 1, "levels": ["ward"], "unit": "H4", "limits": {"counter": {"value": "abc", "unit": "weeks"}, "online": {"value": "1"}}, "same_day": {"cutoff": "15h"}, "effective_from": "2025-02-30", "colour": 1},` +
		`{"version": "1", "effective_to": "2020", "levels": "commune", "fees": [{"amount": 1e999999}]}], "groups": [{"members": ["1.001193"]}, {"id": 5}]}`
	ve := loadErr(t, []byte(data))
	bad := loadErr(t, []byte(`{"procedures": [,]}`))
	quoted := regexp.MustCompile(`"(\\.|[^"\\])*"|'[^']*'|KQ\.G15\.000031|1\.001193|000\.00\.12\.H49|H49\.12|HH:MM|YYYY-MM-DD|UTF-8|NUL`)
	rules := map[string]bool{}
	for _, p := range append(ve.Problems, bad.Problems...) {
		rules[p.Rule] = true
		rest := quoted.ReplaceAllString(p.Vi, "")
		if w := englishWord.FindString(rest); w != "" {
			t.Errorf("%s (%s): %q has the English word %q", p.Path, p.Rule, p.Vi, w)
		}
	}
	t.Logf("%d rules: %v", len(rules), rules)
	if len(rules) < 25 {
		t.Errorf("only %d rules exercised: %v", len(rules), rules)
	}
}

// TestCapAfterMalformedFile: the problems of a file with malformed JSON are not reported (only
// its syntax error), so the problems of the next file still fill the list of 100.
func TestCapAfterMalformedFile(t *testing.T) {
	a := `{"procedures": [` + strings.Repeat("{},", 600) + `{"code": ,}]}`
	fsys := fstest.MapFS{"a.json": {Data: []byte(a)}, "b.json": {Data: emptyProcedures(20)}}
	_, err := LoadFS(fsys, LoadOptions{})
	var ve *ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("LoadFS = %v", err)
	}
	if len(ve.Problems) != msg.MaxProblems || ve.Problems[0].File != "a.json" || ve.Problems[1].File != "b.json" {
		t.Errorf("%d problems listed (%d more), first %v, second %v", len(ve.Problems), ve.More, ve.Problems[0], ve.Problems[1])
	}
}

// TestHostileListCostsItsSize: long lists of bad items are refused with the first 100 problems
// and an exact count of the others, allocating a small multiple of the input. (Every decoded
// item was kept until the checks across items, about 1 KB of heap per 3-byte item, and the
// go-playground validator built every problem's path: 1,000,000 empty procedures took 9–13 s
// and 1.07 GB of live heap; every problem of one procedure was kept with its message.)
func TestHostileListCostsItsSize(t *testing.T) {
	perItem := len(loadErr(t, emptyProcedures(1)).Problems)
	valid := catalogJSON(t, []Procedure{validProcedure()}, nil)
	mustLoad(t, valid) // the tables built once (Fold's) are not counted below
	valid = valid[len(`{"procedures":[`) : len(valid)-len(`]}`)]
	members := make([]string, 20_000)
	for i := range members {
		members[i] = fmt.Sprintf(`"1.%06d"`, i)
	}
	for _, tt := range []struct {
		name     string
		data     []byte
		problems int // in all
		factor   uint64
	}{
		{"100,000 empty procedures", emptyProcedures(100_000), 100_000 * perItem, 20},
		// A case decoded is about 160 bytes; {} is 3.
		{"20,000 empty cases", []byte(`{"procedures": [{"cases": [` + strings.Repeat(`{},`, 19_999) + `{}]}]}`),
			2*20_000 + perItem, 100},
		{"20,000 unknown members", []byte(`{"procedures": [` + string(valid) + `], "groups": [{"id": "g", "name": "Nhóm", "lead_sector": "justice", "members": [` + strings.Join(members, ",") + `]}]}`),
			20_000 - 1, 50}, // 1.001193 is in the catalog
		{"100,000 empty groups", []byte(`{"procedures": [` + string(valid) + `], "groups": [` + strings.Repeat(`{},`, 99_999) + `{}]}`),
			4 * 100_000, 20}, // id, name, lead_sector, members
	} {
		runtime.GC()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		ve := loadErr(t, tt.data)
		runtime.ReadMemStats(&after)
		if len(ve.Problems) != msg.MaxProblems || len(ve.Problems)+ve.More != tt.problems {
			t.Errorf("%s: %d problems listed and %d more, want %d in all", tt.name, len(ve.Problems), ve.More, tt.problems)
		}
		alloc := after.TotalAlloc - before.TotalAlloc
		t.Logf("%s: %d bytes of input, %d allocated (%.1f×)", tt.name, len(tt.data), alloc, float64(alloc)/float64(len(tt.data)))
		if limit := tt.factor * uint64(len(tt.data)); alloc > limit {
			t.Errorf("%s: %d bytes allocated for %d bytes of input, want at most %d (%d×)", tt.name, alloc, len(tt.data), limit, tt.factor)
		}
		if en, vi := ve.Error(), ve.Message(language.Vietnamese); len(en) > 20_000 || len(vi) > 30_000 {
			t.Errorf("%s: messages of %d and %d bytes", tt.name, len(en), len(vi))
		}
	}
}
