package procedure

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/language"
)

// TestRepeatedAndCaseKeys is the regression test of issue 14: encoding/json takes the last of
// repeated keys and matches keys without regard to case; the catalog reports both, with the
// path of the field.
func TestRepeatedAndCaseKeys(t *testing.T) {
	base := string(catalogJSON(t, []Procedure{validProcedure()}, nil))
	tests := []struct {
		name    string
		replace [2]string // in the catalog text: old, new
		want    []Problem
	}{
		{"code in another case after code", [2]string{`"code":"1.001193"`, `"code":"1.001193","CODE":"9.999999"`}, []Problem{
			{Path: "procedures[0].code", Rule: "key_case", En: `key "CODE" must be written "code" (keys are matched exactly)`, Vi: `khóa "CODE" phải viết là "code" (khóa phân biệt chữ hoa, chữ thường)`},
			{Path: "procedures[0].code", Rule: "duplicate_key", En: `key "CODE" repeats "code": a field is given once`, Vi: `khóa "CODE" lặp lại "code": mỗi trường chỉ được ghi một lần`},
		}},
		{"version twice", [2]string{`"version":1`, `"version":1,"version":7`}, []Problem{
			{Path: "procedures[0].version", Rule: "duplicate_key", En: `key "version" repeats "version": a field is given once`, Vi: `khóa "version" lặp lại "version": mỗi trường chỉ được ghi một lần`},
		}},
		{"key in another case alone", [2]string{`"name":"Thủ tục`, `"Name":"Thủ tục`}, []Problem{
			{Path: "procedures[0].name", Rule: "key_case", En: `key "Name" must be written "name" (keys are matched exactly)`, Vi: `khóa "Name" phải viết là "name" (khóa phân biệt chữ hoa, chữ thường)`},
		}},
		{"nested key", [2]string{`"originals":1`, `"originals":1,"originals":2`}, []Problem{
			{Path: "procedures[0].documents[0].originals", Rule: "duplicate_key", En: `key "originals" repeats "originals": a field is given once`, Vi: `khóa "originals" lặp lại "originals": mỗi trường chỉ được ghi một lần`},
		}},
		{"Kelvin sign folds to k", [2]string{`"kind":"fixed"`, `"\u212aind":"fixed"`}, []Problem{
			{Path: "procedures[0].fees[0].kind", Rule: "key_case", En: "key \"\u212aind\" must be written \"kind\" (keys are matched exactly)", Vi: "khóa \"\u212aind\" phải viết là \"kind\" (khóa phân biệt chữ hoa, chữ thường)"},
		}},
		{"document key twice", [2]string{`{"procedures":[`, `{"procedures":[],"procedures":[`}, []Problem{
			{Path: "procedures", Rule: "duplicate_key", En: `key "procedures" repeats "procedures": a field is given once`, Vi: `khóa "procedures" lặp lại "procedures": mỗi trường chỉ được ghi một lần`},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(base, tt.replace[0]) {
				t.Fatalf("%q not in the catalog", tt.replace[0])
			}
			data := strings.Replace(base, tt.replace[0], tt.replace[1], 1)
			got := problemsOf(t, []byte(data), LoadOptions{})
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
	// A group's keys too.
	g := Group{ID: "g", Name: "Nhóm", LeadSector: Justice, Members: []NationalCode{"1.001193", "1.001193.000.00.00.H49"}}
	p2 := validProcedure()
	p2.Unit = agencyCode("000.00.00.H49")
	data := strings.Replace(string(catalogJSON(t, []Procedure{validProcedure(), p2}, []Group{g})), `"id":"g"`, `"id":"g","ID":"h"`, 1)
	got := problemsOf(t, []byte(data), LoadOptions{})
	if len(got) != 2 || got[0].Path != "groups[0].id" || got[0].Rule != "key_case" || got[1].Rule != "duplicate_key" {
		t.Errorf("group keys: %+v", got)
	}
}

// TestByteOrderMark is the regression test of issue 14: a catalog saved by an editor that
// writes a UTF-8 byte-order mark loads.
func TestByteOrderMark(t *testing.T) {
	data := append([]byte("\uFEFF"), catalogJSON(t, []Procedure{validProcedure()}, nil)...)
	if c := mustLoad(t, data); c.Len() != 1 {
		t.Fatalf("Len = %d", c.Len())
	}
	// Only at the start: a mark inside the document is malformed JSON.
	data = append([]byte(" \uFEFF"), catalogJSON(t, []Procedure{validProcedure()}, nil)...)
	if probs := problemsOf(t, data, LoadOptions{}); len(probs) != 1 || probs[0].Rule != "json" {
		t.Fatalf("mark after a space: %+v", probs)
	}
	// And with the slower path too (a document that does not split).
	data = append([]byte("\uFEFF"), bytes.Replace(catalogJSON(t, []Procedure{validProcedure()}, nil), []byte(`{"procedures"`), []byte(`{"groups":[],"procedures"`), 1)...)
	mustLoad(t, data)
}

// TestFoldEth is the regression test of issue 14: legacy converters write Đ as Ð (U+00D0).
func TestFoldEth(t *testing.T) {
	for in, want := range map[string]string{"Ð": "d", "ð": "d", "ÐĂNG KÝ": "dang ky", "Đăng ký": "dang ky"} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestSearchPunctuation is the regression test of issue 14: search ignores punctuation as it
// ignores diacritics, on both sides.
func TestSearchPunctuation(t *testing.T) {
	p := validProcedure()
	p.Name = "Đăng ký nhận cha, mẹ, con"
	q := validProcedure()
	q.Code, q.Name = "1.000689", "Cấp bản sao (trích lục) hộ tịch"
	c := mustLoad(t, catalogJSON(t, []Procedure{p, q}, nil))
	for query, want := range map[string]NationalCode{
		"nhan cha me con":    "1.001193",
		"nhận cha, mẹ, con":  "1.001193",
		"cha,me":             "1.001193",
		"ban sao trich luc":  "1.000689",
		"(trích lục)":        "1.000689",
		"sao (trich luc) ho": "1.000689",
	} {
		got := c.Search(query, time.Time{})
		if len(got) != 1 || got[0].Code != want {
			t.Errorf("Search(%q) = %v, want %s", query, codes(got), want)
		}
	}
	for _, query := range []string{",", "...", "me con cha", "an cha"} {
		if got := c.Search(query, time.Time{}); len(got) != 0 {
			t.Errorf("Search(%q) = %v, want none", query, codes(got))
		}
	}
}

func codes(ps []*Procedure) []NationalCode {
	var out []NationalCode
	for _, p := range ps {
		out = append(out, p.Code)
	}
	return out
}

// TestAmountDueZeroTime is the regression test of issue 14: an online dossier's fees with an
// online reduction need the submission time; a zero time is an error, not the full fee.
func TestAmountDueZeroTime(t *testing.T) {
	p := validProcedure()
	p.Fees[0].OnlineReduction = &Reduction{Percent: dec("50"), From: ymd(2024, 1, 1)}
	_, err := p.AmountDue(FeeQuery{Channel: Online})
	var ue *UseError
	if !errors.As(err, &ue) || !errors.Is(err, ErrMissingInput) {
		t.Fatalf("err = %v, want a *UseError wrapping ErrMissingInput", err)
	}
	if got, want := ue.Message(language.English), `procedure 1.001193: "le-phi (submission time)" needs an input that was not given`; got != want {
		t.Errorf("en = %q, want %q", got, want)
	}
	if got, want := ue.Message(language.Vietnamese), `thủ tục 1.001193: "le-phi (thời điểm nộp)" cần một giá trị đầu vào chưa được cung cấp`; got != want {
		t.Errorf("vi = %q, want %q", got, want)
	}
	// At the counter the time decides nothing: a zero time is fine.
	fb, err := p.AmountDue(FeeQuery{Channel: Counter})
	if err != nil || !fb.Total.Equal(dec("8000")) {
		t.Errorf("counter: %v, %v", fb.Total, err)
	}
	// An exempt applicant needs no time either.
	p.Fees[0].Exemptions = []string{"child"}
	if _, err := p.AmountDue(FeeQuery{Channel: Online, Categories: []string{"child"}}); err != nil {
		t.Errorf("exempt: %v", err)
	}
	// With the time, the reduction applies.
	fb, err = p.AmountDue(FeeQuery{Channel: Online, At: time.Date(2025, 3, 3, 9, 0, 0, 0, time.UTC)})
	if err != nil || !fb.Total.Equal(dec("4000")) {
		t.Errorf("online: %v, %v", fb.Total, err)
	}
}
