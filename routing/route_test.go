package routing

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/motcua-go/motcua/calendar"
	"golang.org/x/text/language"
)

// steps builds a route document around the given steps.
func doc(steps ...string) string {
	return `{"name": "t", "kind": "horizontal", "steps": [` + strings.Join(steps, ",") + `]}`
}

func TestParseRouteValidation(t *testing.T) {
	tests := []struct {
		name string
		js   string
		en   []string
		vi   []string
		is   error
	}{
		{
			name: "cycle",
			js: doc(`{"id": "a", "role": "commune-desk", "task": "receive", "share": "1/4"}`,
				`{"id": "b", "role": "civil-status", "task": "verify", "share": "1/4", "after": ["a", "c"]}`,
				`{"id": "c", "role": "civil-status", "task": "decide", "share": "1/4", "after": ["b"]}`,
				`{"id": "d", "role": "commune-desk", "task": "return", "share": "1/4", "after": ["c"]}`),
			en: []string{`t: steps[1].after "b" is part of a cycle`, `t: steps[2].after "c" is part of a cycle`},
			vi: []string{`quy trình t: danh sách bước trước của bước thứ 2 "b" nằm trong một vòng lặp`,
				`quy trình t: danh sách bước trước của bước thứ 3 "c" nằm trong một vòng lặp`},
			is: ErrCycle,
		},
		{
			name: "step after itself",
			js: doc(`{"id": "a", "role": "commune-desk", "task": "receive", "share": "1/2"}`,
				`{"id": "b", "role": "commune-desk", "task": "return", "share": "1/2", "after": ["a", "b"]}`),
			en: []string{`t: steps[1].after[1] "b" is part of a cycle`},
			vi: []string{`quy trình t: bước trước thứ 2 của bước thứ 2 "b" nằm trong một vòng lặp`},
			is: ErrCycle,
		},
		{
			name: "several starts and ends",
			js: doc(`{"id": "a", "role": "commune-desk", "task": "receive", "share": "1/2"}`,
				`{"id": "b", "role": "commune-desk", "task": "receive", "share": "1/2"}`,
				`{"id": "c", "role": "commune-desk", "task": "return", "share": "1/2", "after": ["a"]}`,
				`{"id": "d", "role": "commune-desk", "task": "return", "share": "1/2", "after": ["b"]}`),
			en: []string{`t: steps "a, b" must be exactly one step with no predecessor`,
				`t: steps "c, d" must be exactly one step that no step follows`},
			vi: []string{`quy trình t: danh sách bước "a, b" phải có đúng một bước không có bước trước`,
				`quy trình t: danh sách bước "c, d" phải có đúng một bước không có bước sau`},
			is: ErrStart,
		},
		{
			name: "unreachable island",
			js: doc(`{"id": "a", "role": "commune-desk", "task": "receive", "share": "1/2"}`,
				`{"id": "b", "role": "commune-desk", "task": "return", "share": "1/2", "after": ["a"]}`,
				`{"id": "c", "role": "civil-status", "task": "verify", "share": "1/2", "after": ["d"]}`,
				`{"id": "d", "role": "civil-status", "task": "verify", "share": "1/2", "after": ["c"]}`),
			en: []string{`t: steps[2].after "c" is part of a cycle`,
				`t: steps[3].after "d" is part of a cycle`,
				`t: steps[2].id "c" cannot be reached from the start step`,
				`t: steps[3].id "d" cannot be reached from the start step`},
			vi: []string{`quy trình t: danh sách bước trước của bước thứ 3 "c" nằm trong một vòng lặp`,
				`quy trình t: danh sách bước trước của bước thứ 4 "d" nằm trong một vòng lặp`,
				`quy trình t: mã bước của bước thứ 3 "c" không thể đến được từ bước bắt đầu`,
				`quy trình t: mã bước của bước thứ 4 "d" không thể đến được từ bước bắt đầu`},
			is: ErrUnreachable,
		},
		{
			name: "unknown agencies",
			js: doc(`{"id": "a", "agency": "000.00.99.H49", "task": "receive", "share": "1/3"}`,
				`{"id": "b", "role": "mayor", "task": "decide", "share": "1/3", "after": ["a"]}`,
				`{"id": "c", "agency": "H49", "task": "return", "share": "1/3", "after": ["b"]}`),
			en: []string{`t: steps[2].agency "H49" is not valid`,
				`t: steps[0].agency "000.00.99.H49" is not a known agency`,
				`t: steps[1].role "mayor" is not a known role`},
			vi: []string{`quy trình t: cơ quan của bước thứ 3 "H49" không hợp lệ`,
				`quy trình t: cơ quan của bước thứ 1 "000.00.99.H49" không phải là cơ quan đã biết`,
				`quy trình t: vai trò của bước thứ 2 "mayor" không phải là vai trò đã biết`},
			is: ErrUnknownAgency,
		},
		{
			name: "allotments short of the limit",
			js: doc(`{"id": "a", "role": "commune-desk", "task": "receive", "share": "1/4"}`,
				`{"id": "b", "role": "civil-status", "task": "decide", "share": "1/4", "after": ["a"]}`,
				`{"id": "c", "role": "commune-desk", "task": "return", "share": "1/4", "after": ["b"]}`),
			en: []string{`t: steps do not add up to the time limit: the longest path takes 3/4 of it`},
			vi: []string{`quy trình t: danh sách bước không cộng lại bằng thời hạn giải quyết: đường dài nhất chiếm 3/4 thời hạn`},
			is: ErrAllotment,
		},
		{
			name: "allotments over the limit on one branch",
			js: doc(`{"id": "a", "role": "commune-desk", "task": "receive", "share": "1/4"}`,
				`{"id": "b", "role": "commune-police", "task": "register", "share": "1/2", "after": ["a"]}`,
				`{"id": "c", "role": "social-insurance", "task": "issue", "share": "3/4", "after": ["a"]}`,
				`{"id": "d", "role": "commune-desk", "task": "return", "share": "1/4", "after": ["b", "c"]}`),
			en: []string{`t: steps do not add up to the time limit: the longest path takes 5/4 of it`},
			vi: []string{`quy trình t: danh sách bước không cộng lại bằng thời hạn giải quyết: đường dài nhất chiếm 5/4 thời hạn`},
			is: ErrAllotment,
		},
		{
			name: "fixed times need a rest step",
			js: doc(`{"id": "a", "role": "commune-desk", "task": "receive", "share": "4wh"}`,
				`{"id": "b", "role": "commune-desk", "task": "return", "share": "1/2", "after": ["a"]}`),
			en: []string{`t: steps[0].share "4wh" is a fixed time, so one step must take the rest`},
			vi: []string{`quy trình t: phần thời hạn của bước thứ 1 "4wh" là thời gian cố định nên phải có một bước nhận phần còn lại`},
			is: ErrNeedsRest,
		},
		{
			name: "rest on a branch and twice",
			js: doc(`{"id": "a", "role": "commune-desk", "task": "receive", "share": "4wh"}`,
				`{"id": "b", "role": "commune-police", "task": "register", "share": "rest", "after": ["a"]}`,
				`{"id": "c", "role": "social-insurance", "task": "issue", "share": "rest", "after": ["a"]}`,
				`{"id": "d", "role": "commune-desk", "task": "return", "share": "4wh", "after": ["b", "c"]}`),
			en: []string{`t: steps[1].share "rest" must lie on every path from the start step to the end step`,
				`t: steps[2].share "rest" is used more than once`},
			vi: []string{`quy trình t: phần thời hạn của bước thứ 2 "rest" phải nằm trên mọi đường đi từ bước đầu đến bước cuối`,
				`quy trình t: phần thời hạn của bước thứ 3 "rest" bị dùng nhiều lần`},
			is: ErrRestBypassed,
		},
		{
			name: "every field problem at once",
			js: `{"kind": "diagonal", "limit": "3 weeks", "lead": "boss", "steps": [
				{"id": "a", "role": "commune-desk", "agency": "000.00.00.H49", "task": "receive", "share": "1/2"},
				{"id": "a", "role": "commune-desk", "task": "sign", "share": "2/1", "after": ["x", ""]},
				{"role": "commune-desk", "task": "return", "after": ["a", "a"]}]}`,
			en: []string{`kind "diagonal" is not valid`,
				`limit "3 weeks" is not a usable time limit`,
				`steps[1].task "sign" is not valid`,
				`steps[1].share "2/1" is not valid`,
				`name is required`,
				`steps[1].id "a" is used more than once`,
				`steps[2].id is required`,
				`lead "boss" names no step of the route`,
				`steps[0].role "commune-desk" is not valid`,
				`steps[1].after[0] "x" names no step of the route`,
				`steps[1].after[1] is required`,
				`steps[2].share is required`,
				`steps[2].after[1] "a" is used more than once`},
			vi: []string{`loại liên thông "diagonal" không hợp lệ`,
				`thời hạn "3 weeks" không phải là thời hạn dùng được`,
				`nhiệm vụ của bước thứ 2 "sign" không hợp lệ`,
				`phần thời hạn của bước thứ 2 "2/1" không hợp lệ`,
				`tên là bắt buộc`,
				`mã bước của bước thứ 2 "a" bị dùng nhiều lần`,
				`mã bước của bước thứ 3 là bắt buộc`,
				`bước chủ trì "boss" không phải là bước nào của quy trình`,
				`vai trò của bước thứ 1 "commune-desk" không hợp lệ`,
				`bước trước thứ 1 của bước thứ 2 "x" không phải là bước nào của quy trình`,
				`bước trước thứ 2 của bước thứ 2 là bắt buộc`,
				`phần thời hạn của bước thứ 3 là bắt buộc`,
				`bước trước thứ 2 của bước thứ 3 "a" bị dùng nhiều lần`},
			is: ErrDuplicate,
		},
		{
			name: "bad JSON",
			js:   `{"name": "t", "steps": [`,
			en:   []string{`$ is not valid JSON: it ends too early`},
			vi:   []string{`tài liệu không phải JSON hợp lệ: kết thúc quá sớm`},
			is:   ErrSyntax,
		},
		{
			name: "wrong JSON types and unknown fields",
			js:   `{"name": "t", "kind": "horizontal", "steps": [{"id": 7}, {"id": "b", "colour": "red"}], "stpes": []}`,
			en: []string{`t: stpes is not a known field`,
				`t: steps[0].id is a JSON number, not of the expected type`,
				`t: steps[1].colour is not a known field`},
			vi: []string{`quy trình t: trường "stpes" không phải là trường đã biết`,
				`quy trình t: mã bước của bước thứ 1 là một số trong JSON, không đúng kiểu`,
				`quy trình t: trường "colour" của bước thứ 2 không phải là trường đã biết`},
			is: ErrUnknownField,
		},
		{
			name: "wrong JSON types inside steps",
			js:   `{"name": "t", "kind": "horizontal", "steps": [{"id": 7}, {"id": "b", "colour": "red"}]}`,
			en: []string{`t: steps[0].id is a JSON number, not of the expected type`,
				`t: steps[1].colour is not a known field`},
			vi: []string{`quy trình t: mã bước của bước thứ 1 là một số trong JSON, không đúng kiểu`,
				`quy trình t: trường "colour" của bước thứ 2 không phải là trường đã biết`},
			is: ErrInvalid,
		},
		{
			name: "JSON syntax error",
			js:   `{"name": "t", "steps": [}`,
			en:   []string{`$ is not valid JSON (error at byte 25)`},
			vi:   []string{`tài liệu không phải JSON hợp lệ (lỗi tại byte thứ 25)`},
			is:   ErrSyntax,
		},
		{
			name: "fixed times too long",
			js: doc(`{"id": "a", "role": "commune-desk", "task": "receive", "share": "9000wd"}`,
				`{"id": "b", "role": "civil-status", "task": "decide", "share": "rest", "after": ["a"]}`,
				`{"id": "c", "role": "commune-desk", "task": "return", "share": "9000wh", "after": ["b"]}`),
			en: []string{`t: steps have 225000 hours of fixed times on one path, more than 100000`},
			vi: []string{`quy trình t: danh sách bước có thời gian cố định 225000 giờ trên một đường, quá 100000 giờ`},
			is: ErrInvalid,
		},
		{
			name: "a step without an id is named by its position",
			js: doc(`{"id": "a", "role": "commune-desk", "task": "receive", "share": "1/2"}`,
				`{"role": "commune-desk", "task": "return", "share": "1/2", "after": ["a"]}`,
				`{"id": "b", "role": "commune-desk", "task": "return", "share": "1/2", "after": ["a"]}`),
			en: []string{`t: steps[1].id is required`, `t: steps "#2, b" must be exactly one step that no step follows`},
			vi: []string{`quy trình t: mã bước của bước thứ 2 là bắt buộc`,
				`quy trình t: danh sách bước "#2, b" phải có đúng một bước không có bước sau`},
			is: ErrEnd,
		},
		{
			name: "a consultation declared on a step that does not consult",
			js: doc(`{"id": "a", "role": "commune-desk", "task": "receive", "share": "1/2"}`,
				`{"id": "b", "role": "commune-committee", "task": "verify", "share": "1/2", "after": ["a"],
				  "consult": {"limit": "12d", "silence_means_consent": true}}`),
			en: []string{`t: steps[1].consult is declared on a step whose task is verify, not consult`},
			vi: []string{`quy trình t: phần lấy ý kiến của bước thứ 2 được khai báo cho bước có nhiệm vụ thẩm định, không phải lấy ý kiến`},
			is: ErrNotConsult,
		},
		{
			name: "a consultation without its time limit",
			js: doc(`{"id": "a", "role": "commune-desk", "task": "receive", "share": "1/2"}`,
				`{"id": "b", "role": "construction-department", "task": "consult", "share": "1/2", "after": ["a"],
				  "consult": {"silence_means_consent": true}}`),
			en: []string{`t: steps[1].consult.limit is required`},
			vi: []string{`quy trình t: thời hạn của phần lấy ý kiến của bước thứ 2 là bắt buộc`},
			is: ErrRequired,
		},
		{
			name: "a consultation with a bad time limit",
			js: doc(`{"id": "a", "role": "commune-desk", "task": "receive", "share": "1/2"}`,
				`{"id": "b", "role": "construction-department", "task": "consult", "share": "1/2", "after": ["a"],
				  "consult": {"limit": "12 fortnights"}}`),
			en: []string{`t: steps[1].consult.limit "12 fortnights" is not a usable time limit`},
			vi: []string{`quy trình t: thời hạn của phần lấy ý kiến của bước thứ 2 "12 fortnights" không phải là thời hạn dùng được`},
			is: ErrLimit,
		},
		{
			name: "no steps",
			js:   `{"name": "t", "kind": "horizontal", "steps": []}`,
			en:   []string{`t: steps is required`},
			vi:   []string{`quy trình t: danh sách bước là bắt buộc`},
			is:   ErrRequired,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseRoute([]byte(tt.js), SampleDirectory())
			var ve *ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("ParseRoute error = %v, want a *ValidationError", err)
			}
			if diff := cmp.Diff(tt.en, ve.Messages(language.English)); diff != "" {
				t.Errorf("English messages (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.vi, ve.Messages(language.Vietnamese)); diff != "" {
				t.Errorf("Vietnamese messages (-want +got):\n%s", diff)
			}
			if !errors.Is(err, tt.is) {
				t.Errorf("errors.Is(err, %v) = false", tt.is)
			}
			var fe *FieldError
			if !errors.As(err, &fe) || fe.Field == "" {
				t.Errorf("errors.As(*FieldError) = %v", fe)
			}
		})
	}
}

func TestParseRouteWithoutDirectory(t *testing.T) {
	js := doc(`{"id": "a", "agency": "000.00.99.H49", "task": "receive", "share": "1/2"}`,
		`{"id": "b", "role": "anyone", "task": "return", "share": "1/2", "after": ["a"]}`)
	if _, err := ParseRoute([]byte(js), nil); err != nil {
		t.Fatalf("nil directory: %v", err)
	}
	if _, err := ParseRoute([]byte(js), SampleDirectory()); !errors.Is(err, ErrUnknownAgency) || !errors.Is(err, ErrUnknownRole) {
		t.Fatalf("sample directory: %v, want unknown agency and role", err)
	}
}

func TestRouteJSONRoundTrip(t *testing.T) {
	for _, name := range SampleSet().Names() {
		r := sample(t, name)
		b, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		r2, err := ParseRoute(b, SampleDirectory())
		if err != nil {
			t.Fatalf("%s: reparse: %v", name, err)
		}
		if diff := cmp.Diff(r.Spec(), r2.Spec()); diff != "" {
			t.Errorf("%s: round trip (-want +got):\n%s", name, diff)
		}
	}
}

func TestRouteTopologicalOrderAndRemainder(t *testing.T) {
	// Written out of order; the join is listed first.
	r := mustRoute(t, doc(
		`{"id": "join", "role": "commune-desk", "task": "return", "share": "1/6", "after": ["b", "c"]}`,
		`{"id": "c", "role": "social-insurance", "task": "issue", "share": "1/2", "after": ["a"]}`,
		`{"id": "b", "role": "commune-police", "task": "register", "share": "1/3", "after": ["a"]}`,
		`{"id": "a", "role": "commune-desk", "task": "receive", "share": "1/3"}`))
	var got []string
	for _, s := range r.Steps() {
		got = append(got, s.ID)
	}
	if diff := cmp.Diff([]string{"a", "c", "b", "join"}, got); diff != "" {
		t.Errorf("order (-want +got):\n%s", diff)
	}
	if r.RemainderStep() != "join" {
		t.Errorf("remainder step = %q, want the end step", r.RemainderStep())
	}
	if got := r.Spec().Steps[0].ID; got != "join" {
		t.Errorf("Spec keeps the written order: first = %q", got)
	}
	// A decide step on every path takes the remainder.
	r = mustRoute(t, doc(`{"id": "a", "role": "commune-desk", "task": "receive", "share": "1/3"}`,
		`{"id": "d", "role": "civil-status", "task": "decide", "share": "1/3", "after": ["a"]}`,
		`{"id": "z", "role": "commune-desk", "task": "return", "share": "1/3", "after": ["d"]}`))
	if r.RemainderStep() != "d" {
		t.Errorf("remainder step = %q, want the decide step", r.RemainderStep())
	}
}

func TestRouteIsImmutable(t *testing.T) {
	spec := sample(t, "land-transfer").Spec()
	r, err := NewRoute(spec, SampleDirectory())
	if err != nil {
		t.Fatal(err)
	}
	spec.Steps[1].After[0] = "nowhere"
	spec.Steps[0].ID = "changed"
	got := r.Spec()
	if got.Steps[0].ID != "receive" || got.Steps[1].After[0] != "receive" {
		t.Errorf("route changed through the caller's spec: %+v", got.Steps[:2])
	}
	steps := r.Steps()
	steps[1].After[0] = "x"
	if r.Steps()[1].After[0] != "receive" {
		t.Error("route changed through Steps()")
	}
}

func TestShareAndLimitText(t *testing.T) {
	tests := []struct {
		in   string
		want Share
		ok   bool
	}{
		{"1/4", Share{Num: 1, Den: 4}, true},
		{"4wh", Share{Limit: limit(4, calendar.WorkingHours)}, true},
		{"2wd", Share{Limit: limit(2, calendar.WorkingDays)}, true},
		{"rest", Share{Rest: true}, true},
		{"0/4", Share{}, false},
		{"5/4", Share{}, false},
		{"-1/4", Share{}, false},
		{"1/0", Share{}, false},
		{"10000wh", Share{Limit: limit(10000, calendar.WorkingHours)}, true},
		{"10001wh", Share{}, false},
		{"3d", Share{}, false}, // calendar days are not a step share
		{"2mo", Share{}, false},
		{"wh", Share{}, false},
		{"", Share{}, false},
	}
	for _, tt := range tests {
		got, err := ParseShare(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("ParseShare(%q) = %+v, %v; want %+v ok=%v", tt.in, got, err, tt.want, tt.ok)
		}
		if tt.ok && got.String() != tt.in {
			t.Errorf("Share(%q).String() = %q", tt.in, got.String())
		}
	}
	// A route's limit is read by calendar.ParseLimit and written in the compact form.
	for in, want := range map[string]string{"3wd": "3wd", "12wh": "12wh", "20d": "20d", "2mo": "2mo", "4h": "4h", "1 giờ": "1h",
		"3 working-days": "3wd", "3 working_days": "3wd", "15 ngày làm việc": "15wd"} {
		l, err := parseLimit(in)
		if err != nil || compactLimit(l) != want {
			t.Errorf("parseLimit(%q) = %v, %v; compact form %q, want %q", in, l, err, compactLimit(l), want)
		}
	}
	for _, s := range []string{"0wd", "3", "9999999wd", "x", "1.5wd"} {
		if _, err := parseLimit(s); !errors.Is(err, ErrLimit) {
			t.Errorf("parseLimit(%q) error = %v, want ErrLimit", s, err)
		}
	}
}

// A consult step carries its declaration into the plan; NewRoute refuses a declaration on
// a step of another task, as ParseRoute does.
func TestConsultationDeclaration(t *testing.T) {
	r := sample(t, "construction-permit-consultation")
	s, err := Plan(r, at(2026, 3, 3, 9, 0), calendar.Limit{N: 20, Unit: calendar.Days}, calendar.Default())
	if err != nil {
		t.Fatal(err)
	}
	var got []ConsultTerms
	for _, st := range s.Steps {
		if st.Consult != (ConsultTerms{}) {
			got = append(got, st.Consult)
		}
	}
	want := []ConsultTerms{{Limit: calendar.Limit{N: 12, Unit: calendar.Days}, SilenceMeansConsent: true}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("declared consultations (-want +got):\n%s", diff)
	}
	spec := r.Spec()
	for i := range spec.Steps {
		if spec.Steps[i].Task == Verify {
			spec.Steps[i].Consult = ConsultTerms{Limit: calendar.Limit{N: 5, Unit: calendar.WorkingDays}}
		}
	}
	if _, err := NewRoute(spec, SampleDirectory()); !errors.Is(err, ErrNotConsult) {
		t.Errorf("NewRoute with a consultation on a verify step: %v, want ErrNotConsult", err)
	}
}

func TestTaskNames(t *testing.T) {
	var got [][2]string
	for task := Receive; task <= Consult+1; task++ {
		got = append(got, [2]string{task.Name(language.English), task.Name(language.Vietnamese)})
	}
	want := [][2]string{{"receive", "tiếp nhận"}, {"verify", "thẩm định"}, {"decide", "quyết định"}, {"issue", "cấp"},
		{"register", "đăng ký"}, {"pay", "thu"}, {"return", "trả kết quả"}, {"consult", "lấy ý kiến"}, {"task(9)", "nhiệm vụ 9"}}
	for _, k := range []Kind{Horizontal, Vertical} {
		got = append(got, [2]string{k.Name(language.English), k.Name(language.Vietnamese)})
	}
	want = append(want, [2]string{"horizontal", "liên thông ngang"}, [2]string{"vertical", "liên thông dọc"})
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("task names (-want +got):\n%s", diff)
	}
	for task := Receive; task <= Consult; task++ {
		b, err := task.MarshalText()
		var back Task
		if err != nil || back.UnmarshalText(b) != nil || back != task {
			t.Errorf("%v: text %q, %v; back %v", task, b, err, back)
		}
	}
	var bad Task
	if err := bad.UnmarshalText([]byte("sign")); !errors.Is(err, ErrInvalid) {
		t.Errorf("UnmarshalText(sign) = %v, want ErrInvalid", err)
	}
	if _, err := Task(0).MarshalText(); !errors.Is(err, ErrInvalid) {
		t.Errorf("MarshalText of the zero task = %v, want ErrInvalid", err)
	}
}
