package routing

// Regression tests of issue 9: bounded hostile input, typed errors for NUL, invalid UTF-8 and
// overlong texts, Vietnamese messages without English fragments, English plurals.

import (
	"bytes"
	"errors"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/rickb777/date/v2"
	"golang.org/x/text/language"

	"github.com/motcua-go/motcua/procedure"
)

// repeatList returns {"<key>": [elem, elem, …]} with n elements.
func repeatList(key, elem string, n int) []byte {
	var b bytes.Buffer
	b.Grow(len(key) + n*(len(elem)+1) + 8)
	b.WriteString(`{"` + key + `": [`)
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(elem)
	}
	b.WriteString("]}")
	return b.Bytes()
}

// Regression: ParseDirectory with 1,000,000 empty entries peaked at 400 MB and returned a
// 45 MB message; ParseRules alike. They list the first 100 problems and count the rest.
func TestHostileListsAreBounded(t *testing.T) {
	tests := []struct {
		name  string
		n     int
		parse func(n int) error
		first string
	}{
		{"directory of empty entries", 1_000_000, func(n int) error { _, err := ParseDirectory(repeatList("units", "{}", n)); return err },
			"directory: units[0].level is required"},
		{"rules of empty rules", 200_000, func(n int) error { _, err := ParseRules(repeatList("rules", "{}", n)); return err },
			"rules: rules[0].route is required"},
		{"directory of numbers", 200_000, func(n int) error { _, err := ParseDirectory(repeatList("units", "1", n)); return err },
			"directory: units[0] is a JSON number, not of the expected type"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			err := tt.parse(tt.n)
			runtime.ReadMemStats(&after)
			// The input is 2 or 3 bytes an element; reading an element allocated over 1,300
			// bytes, kept until the end.
			if perElement := (after.TotalAlloc - before.TotalAlloc) / uint64(tt.n); perElement > 256 {
				t.Errorf("%d bytes allocated an element", perElement)
			}
			var ve *ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("error %v, want a *ValidationError", err)
			}
			if len(ve.Problems) != 100 || ve.More != tt.n-100 {
				t.Errorf("%d problems listed, %d more; want 100 and %d", len(ve.Problems), ve.More, tt.n-100)
			}
			more := strconv.Itoa(tt.n - 100)
			msgs := ve.Messages(language.English)
			if got, want := []string{msgs[0], msgs[len(msgs)-1]}, []string{tt.first, ve.Name + ": and " + more + " more problems"}; !cmp.Equal(got, want) {
				t.Errorf("first and last messages %q, want %q", got, want)
			}
			if m := err.Error(); len(m) > 10_000 {
				t.Errorf("message of %d bytes", len(m))
			}
			if vi := ve.Messages(language.Vietnamese); !strings.HasSuffix(vi[len(vi)-1], "và "+more+" lỗi khác") {
				t.Errorf("Vietnamese count: %q", vi[len(vi)-1])
			}
		})
	}
}

// Regression: a route of 200,000 steps was read whole before its size was checked. It is
// refused at the 201st step with one problem.
func TestRouteWithTooManySteps(t *testing.T) {
	data := repeatList("steps", `{"id": "x"}`, 200_000)
	data = append([]byte(`{"name": "big", "kind": "horizontal", `), data[1:]...)
	_, err := ParseRoute(data, nil)
	var ve *ValidationError
	if !errors.As(err, &ve) || !errors.Is(err, ErrTooLong) {
		t.Fatalf("ParseRoute = %v", err)
	}
	want := []string{"big: steps has more than 200 steps"}
	if diff := cmp.Diff(want, ve.Messages(language.English)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"quy trình big: danh sách bước có nhiều hơn 200 bước"}, ve.Messages(language.Vietnamese)); diff != "" {
		t.Errorf("Vietnamese (-want +got):\n%s", diff)
	}
}

// Regression: a schedule of 200,000 steps was read whole before its size was checked.
func TestScheduleWithTooManySteps(t *testing.T) {
	data := repeatList("steps", `{}`, 200_000)
	data = append([]byte(`{"route": "big", "received": "2026-02-12T09:10:00+07:00", "due": "2026-02-13T09:10:00+07:00", "total": "8h", `), data[1:]...)
	var s Schedule
	err := s.UnmarshalJSON(data)
	var ve *ValidationError
	if !errors.As(err, &ve) || !errors.Is(err, ErrTooLong) {
		t.Fatalf("UnmarshalJSON = %v", err)
	}
	if diff := cmp.Diff([]string{"schedule: steps has more than 200 steps"}, ve.Messages(language.English)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// Regression: a step listing 200,000 unknown predecessors made 200,000 problems.
func TestRouteWithLongAfterListIsBounded(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"name": "t", "kind": "horizontal", "steps": [{"id": "a", "role": "commune-desk", "task": "receive", "share": "1/2"},
		{"id": "b", "role": "commune-desk", "task": "return", "share": "1/2", "after": ["a"`)
	const n = 200_000
	for i := range n {
		b.WriteString(`, "x` + strconv.Itoa(i) + `"`)
	}
	b.WriteString(`]}]}`)
	_, err := ParseRoute([]byte(b.String()), SampleDirectory())
	var ve *ValidationError
	if !errors.As(err, &ve) || !errors.Is(err, ErrUnknownStep) {
		t.Fatalf("ParseRoute = %v", err)
	}
	if len(ve.Problems) != 100 || ve.More != n-100 {
		t.Errorf("%d problems listed, %d more", len(ve.Problems), ve.More)
	}
	if got := ve.Problems[99].Error(); got != `steps[1].after[100] "x99" names no step of the route` {
		t.Errorf("100th problem: %s", got)
	}
}

// Regression: duplicate codes were found by comparing each entry with every earlier version
// of its code, and parent cycles by a walk from every entry: both quadratic. 40,000 versions
// of one code and a chain of 40,000 parents are checked in linear time.
func TestDirectoryChecksAreLinear(t *testing.T) {
	if testing.Short() {
		t.Skip("large input")
	}
	const n = 40_000
	top := mk(t, "H49", 0, 0, 0)
	versions := make([]Entry, n)
	chain := make([]Entry, n)
	for i := range versions {
		from := day("2000-01-01") + date.Date(2*i) // every other day
		versions[i] = Entry{Code: top, Name: "v", Level: procedure.Province, From: from, Until: from + 1}
		c := mk(t, "H49", i/100%100, i%100, i/10000)
		chain[i] = Entry{Code: c, Name: "c", Level: procedure.Commune}
		if i > 0 {
			chain[i].Parent = chain[i-1].Code
		}
	}
	start := time.Now()
	if _, err := NewDirectory(versions); err != nil {
		t.Fatalf("versions: %v", err)
	}
	if _, err := NewDirectory(chain); err != nil {
		t.Fatalf("chain: %v", err)
	}
	// One overlap and one cycle are still found.
	versions[n-1].From = versions[0].From
	chain[0].Parent = chain[n-1].Code
	_, err := NewDirectory(versions)
	if !errors.Is(err, ErrDuplicate) {
		t.Errorf("overlap: %v", err)
	}
	_, err = NewDirectory(chain)
	var ve *ValidationError
	if !errors.As(err, &ve) || !errors.Is(err, ErrCycle) || len(ve.Problems)+ve.More != n {
		t.Errorf("cycle: %v", err)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("checks took %v", d)
	}
}

// Regression: NUL bytes, invalid UTF-8 and texts of any length were accepted in names and free
// texts. They are typed errors: ErrControl, ErrEncoding, ErrTooLong.
func TestTextsAreChecked(t *testing.T) {
	long := strings.Repeat("ễ", MaxNameLen+1)
	tests := []struct {
		name string
		err  func() error
		want string
		is   error
	}{
		{"entry name with NUL", func() error {
			_, err := NewDirectory([]Entry{{Code: mk(t, "H49", 0, 0, 0), Name: "UBND\x00", Level: procedure.Province}})
			return err
		}, `directory: units[0].name "UBND\x00" contains a control character`, ErrControl},
		{"entry note not UTF-8", func() error {
			_, err := NewDirectory([]Entry{{Code: mk(t, "H49", 0, 0, 0), Name: "A", Level: procedure.Province, Note: "\xff"}})
			return err
		}, `directory: units[0].note "\xff" is not valid UTF-8 text`, ErrEncoding},
		{"entry name too long", func() error {
			_, err := NewDirectory([]Entry{{Code: mk(t, "H49", 0, 0, 0), Name: long, Level: procedure.Province}})
			return err
		}, `directory: units[0].name "` + strings.Repeat("ễ", 64) + `…" is longer than 256 characters`, ErrTooLong},
		{"function with a line break", func() error {
			_, err := NewDirectory([]Entry{{Code: mk(t, "H49", 0, 0, 0), Name: "A", Level: procedure.Province, Functions: []Function{"a\nb"}}})
			return err
		}, `directory: units[0].roles[0] "a\nb" contains a control character`, ErrControl},
		{"route title with NUL", func() error {
			_, err := ParseRoute([]byte(`{"name": "t", "title": "x\u0000", "kind": "horizontal", "steps": [
				{"id": "a", "role": "commune-desk", "task": "receive", "share": "1/1"}]}`), nil)
			return err
		}, `t: title "x\x00" contains a control character`, ErrControl},
		{"step note too long", func() error {
			_, err := ParseRoute([]byte(`{"name": "t", "kind": "horizontal", "steps": [
				{"id": "a", "role": "commune-desk", "task": "receive", "share": "1/1", "note": "`+strings.Repeat("x", MaxTextLen+1)+`"}]}`), nil)
			return err
		}, `t: steps[0].note "` + strings.Repeat("x", 64) + `…" is longer than 4096 characters`, ErrTooLong},
		{"step ID not UTF-8", func() error {
			_, err := NewRoute(Spec{Name: "t", Kind: Horizontal, Steps: []Step{{ID: "a\xc3", Role: "commune-desk", Task: Receive, Share: Share{Num: 1, Den: 1}}}}, nil)
			return err
		}, `t: steps[0].id "a\xc3" is not valid UTF-8 text`, ErrEncoding},
		{"rule case with NUL", func() error {
			_, err := ParseRules([]byte(`{"rules": [{"case": "a\u0000", "route": "r"}]}`))
			return err
		}, `rules: rules[0].case "a\x00" contains a control character`, ErrControl},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.err()
			if !errors.Is(err, tt.is) {
				t.Fatalf("error %v, want %v", err, tt.is)
			}
			if got := err.Error(); got != tt.want {
				t.Errorf("message\n got %s\nwant %s", got, tt.want)
			}
		})
	}
	// A free text keeps its line breaks.
	if _, err := NewDirectory([]Entry{{Code: mk(t, "H49", 0, 0, 0), Name: "A", Level: procedure.Province, Note: "line 1\nline 2"}}); err != nil {
		t.Errorf("note with a line break: %v", err)
	}
}

// Regression: Vietnamese messages carried English: field names (steps[2].after[0]), task
// names, the JSON decoder's texts ("unexpected end of input", "offset 25").
func TestVietnameseMessagesHaveNoEnglish(t *testing.T) {
	vi := language.MustParse("vi-VN")
	tests := []struct {
		err  error
		want string
	}{
		{&FieldError{Field: "steps[2].after[0]", Value: "verfy", Err: ErrUnknownStep},
			`bước trước thứ 1 của bước thứ 3 "verfy" không phải là bước nào của quy trình`},
		{&FieldError{Field: "units[3].parent", Value: "000.00.09.H49", Err: ErrUnknownAgency},
			`đơn vị cấp trên của đơn vị thứ 4 "000.00.09.H49" không phải là cơ quan đã biết`},
		{&FieldError{Field: "steps[1].consult", Err: notConsult{task: Verify}},
			`phần lấy ý kiến của bước thứ 2 được khai báo cho bước có nhiệm vụ thẩm định, không phải lấy ý kiến`},
		{&FieldError{Field: "$", Err: jsonError{kind: jsonEOF}}, `tài liệu không phải JSON hợp lệ: kết thúc quá sớm`},
		{&FieldError{Field: "$", Err: jsonError{kind: jsonAt, offset: 25}}, `tài liệu không phải JSON hợp lệ (lỗi tại byte thứ 25)`},
		{&FieldError{Field: "rules[0].colour", Err: ErrUnknownField}, `trường "colour" của quy tắc thứ 1 không phải là trường đã biết`},
		{&FieldError{Field: "steps[0].id", Err: typeError{got: "number"}}, `mã bước của bước thứ 1 là một số trong JSON, không đúng kiểu`},
		{&SelectError{Query: Query{Procedure: "1.001193", Channel: procedure.Online}, Err: ErrNoRoute},
			`thủ tục 1.001193 kênh trực tuyến không khớp với quy trình nào`},
		{&ValidationError{Name: "directory", Problems: []*FieldError{{Field: "units[0].name", Err: ErrRequired}}, More: 3},
			`danh mục cơ quan: tên của đơn vị thứ 1 là bắt buộc; danh mục cơ quan: và 3 lỗi khác`},
	}
	for _, tt := range tests {
		m, ok := tt.err.(interface{ Message(language.Tag) string })
		if !ok {
			t.Fatalf("%T has no Message(language.Tag)", tt.err)
		}
		if got := m.Message(vi); got != tt.want {
			t.Errorf("%T:\n got %s\nwant %s", tt.err, got, tt.want)
		}
	}
	// Every sentinel and every JSON key of the documents has a Vietnamese text.
	for _, err := range []error{ErrSyntax, ErrRequired, ErrInvalid, ErrUnknownField, ErrDuplicate, ErrTooLong, ErrControl,
		ErrEncoding, ErrUnknownStep, ErrCycle, ErrStart, ErrEnd, ErrUnreachable, ErrUnknownAgency, ErrUnknownRole,
		ErrNoAgency, ErrAllotment, ErrRestBypassed, ErrNeedsRest, ErrAbolished, ErrNotYet, ErrLimit, ErrTooShort,
		ErrNoRoute, ErrBeforeHandOver, ErrUnknownRoute, ErrNotConsult, ErrBeforeReceipt, ErrPredecessor} {
		if text(err, vi) == err.Error() {
			t.Errorf("no Vietnamese text for %q", err)
		}
	}
	for key := range fieldNames {
		if v := fieldVi(key); strings.Contains(v, key) && key != "$" {
			t.Errorf("field %q in Vietnamese: %q", key, v)
		}
	}
}

// Regression: English counts read "1 steps"; plurals follow the number.
func TestEnglishPlurals(t *testing.T) {
	tests := []struct {
		err  error
		want string
	}{
		{&ValidationError{Name: "rules", More: 1}, "rules: and 1 more problem"},
		{&ValidationError{Name: "rules", More: 2}, "rules: and 2 more problems"},
		{&FieldError{Field: "name", Err: tooLong{max: 1}}, "name is longer than 1 character"},
		{&FieldError{Field: "steps", Err: fixedTooLong{hours: 1}}, "steps have 1 hour of fixed times on one path, more than 100000"},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("got %q, want %q", got, tt.want)
		}
	}
}
