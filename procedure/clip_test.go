package procedure

import (
	"errors"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/motcua-go/motcua/calendar"
	"github.com/motcua-go/motcua/internal/msg"
	"golang.org/x/text/language"
)

// TestEchoedValuesAreClipped: an input value repeated in a message is cut to 64 runes and
// marked "…", so that a 100 kB value cannot make a 100 kB message.
func TestEchoedValuesAreClipped(t *testing.T) {
	long := strings.Repeat("ệ", 100_000)
	clipped := strings.Repeat("ệ", 64) + "…"
	digits := strings.Repeat("9", 100_000)
	valid := validProcedure()

	dupCase := validProcedure()
	dupCase.Cases = append(dupCase.Cases, Case{ID: long, Name: "A"}, Case{ID: long, Name: "B"})
	tinyMax := validProcedure()
	tinyMax.Fees[0].Min = dec("1")
	tinyMax.Fees[0].Max = dec("1e-100000")

	tests := []struct {
		name string
		data string
		want []Problem
	}{
		{"a long date", `{"procedures": [` + itemJSON(t, valid, map[string]any{"effective_to": `"` + long + `"`}) + `]}`,
			[]Problem{{Path: "procedures[0].effective_to", Rule: "json", En: "effective_to \"ệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệ…\" is not a date written YYYY-MM-DD", Vi: "ngày hết hiệu lực \"ệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệ…\" không phải là ngày viết dạng YYYY-MM-DD"}}},
		{"a long decimal", `{"procedures": [` + itemJSON(t, valid, map[string]any{"limits": `{"counter": {"value": "` + long + `", "unit": "days"}}`}) + `]}`,
			[]Problem{{Path: "procedures[0].limits.counter.value", Rule: "decimal_range", En: "value ệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệ… has more digits than an amount, rate or limit can have (at most 64 before and 64 after the point)", Vi: "giá trị thời hạn ệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệ… có nhiều chữ số hơn mức một số tiền, tỷ lệ hoặc thời hạn có thể có (tối đa 64 chữ số phần nguyên và 64 chữ số thập phân)"}}},
		{"a long number", `{"procedures": [` + itemJSON(t, valid, map[string]any{"version": digits}) + `]}`,
			[]Problem{{Path: "procedures[0].version", Rule: "json", En: "version: the number 9999999999999999999999999999999999999999999999999999999999999999… is out of range", Vi: "số phiên bản: số 9999999999999999999999999999999999999999999999999999999999999999… vượt quá giới hạn"}}},
		{"a long unknown key", `{"procedures": [` + itemJSON(t, valid, map[string]any{long: `1`}) + `]}`,
			[]Problem{{Path: "procedures[0]", Rule: "unknown_key", En: "unknown key \"ệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệ…\"", Vi: "khóa \"ệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệ…\" không có trong định dạng danh mục"}}},
		{"a long duplicate id", string(catalogJSON(t, []Procedure{dupCase}, nil)),
			[]Problem{{Path: "procedures[0].cases[2].id", Rule: "duplicate", En: "duplicate case id \"ệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệ…\"", Vi: "mã trường hợp \"ệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệ…\" bị trùng"}, {Path: "procedures[0].cases[1].id", Rule: "too_long", En: "id is longer than 100 characters", Vi: "mã trường hợp dài quá 100 ký tự"}, {Path: "procedures[0].cases[2].id", Rule: "too_long", En: "id is longer than 100 characters", Vi: "mã trường hợp dài quá 100 ký tự"}}},
		{"a decimal with a tiny exponent", string(catalogJSON(t, []Procedure{tinyMax}, nil)),
			// Rejected before any comparison, which would rescale it to 100,000 digits.
			[]Problem{{Path: "procedures[0].fees[0].max", Rule: "decimal_range", En: "max 0.00000000000000000000000000000000000000000000000000000000000000… has more digits than an amount, rate or limit can have (at most 64 before and 64 after the point)", Vi: "mức thu tối đa 0.00000000000000000000000000000000000000000000000000000000000000… có nhiều chữ số hơn mức một số tiền, tỷ lệ hoặc thời hạn có thể có (tối đa 64 chữ số phần nguyên và 64 chữ số thập phân)"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := problemsOf(t, []byte(tt.data), LoadOptions{})
			dumpProblems(t, got)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("problems (-want +got):\n%.2000s", diff)
			}
		})
	}

	p := validProcedure()
	p.Fees = []Fee{{ID: long, Name: "Sao y", Kind: PerUnitFee, Amount: dec("2000"), Per: "trang"}}
	_, feeErr := p.AmountDue(FeeQuery{})
	_, caseErr := p.Limit(Counter, long)
	_, lookupErr := mustLoad(t, catalogJSON(t, []Procedure{validProcedure()}, nil)).Lookup(NationalCode(long), time.Date(2025, 3, 4, 9, 0, 0, 0, zone()))
	msgs := []string{feeErr.Error(), caseErr.Error(), lookupErr.Error(), (&FieldError{Field: "date", Value: long, Err: ErrDateFormat}).Error()}
	want := []string{
		`procedure 1.001193: "` + clipped + ` (quantity)" needs an input that was not given`,
		`procedure 1.001193: "` + clipped + `" is not a case of the procedure`,
		"procedure " + clipped + " is not a procedure code in the catalog",
		`date "` + clipped + `" is not a date written YYYY-MM-DD`,
	}
	if diff := cmp.Diff(want, msgs); diff != "" {
		t.Errorf("messages (-want +got):\n%s", diff)
	}
	if got := feeErr.(*UseError).Message(language.Vietnamese); utf8.RuneCountInString(got) > 200 {
		t.Errorf("Vietnamese message of %d runes", utf8.RuneCountInString(got))
	}
}

// TestClip checks the cut at rune boundaries.
func TestClip(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{strings.Repeat("a", 64), strings.Repeat("a", 64)},
		{strings.Repeat("a", 65), strings.Repeat("a", 64) + "…"},
		{strings.Repeat("đ", 64), strings.Repeat("đ", 64)},
		{strings.Repeat("đ", 65), strings.Repeat("đ", 64) + "…"},
	}
	for _, tt := range tests {
		if got := msg.Clip(tt.in); got != tt.want {
			t.Errorf("clip(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if got := msg.Clip(msg.Clip(tt.in)); got != msg.Clip(tt.in) {
			t.Errorf("clip is not idempotent on %q", tt.in)
		}
	}
}

// Regression: a fee bound or limit such as 1e-100000000 made validation and AmountDue
// compare decimals rescaled to a hundred million digits.
func TestExtremeDecimalsAreCheap(t *testing.T) {
	huge := dec("1e-100000000")
	p := validProcedure()
	data := `{"procedures": [` + itemJSON(t, p, map[string]any{"fees": `[{"id": "f", "name": "Phí", "kind": "percent", "rate": "1", "max": "1e-100000000"}]`}) + `]}`
	got := problemsOf(t, []byte(data), LoadOptions{})
	if len(got) != 1 || got[0].Rule != "decimal_range" || got[0].Path != "procedures[0].fees[0].max" {
		t.Errorf("problems %+v", got)
	}
	p.Fees = []Fee{{ID: "f", Name: "Phí", Kind: PercentFee, Rate: dec("1")}}
	if _, err := p.AmountDue(FeeQuery{DeclaredValue: huge}); !errors.Is(err, ErrInputRange) {
		t.Errorf("AmountDue with a declared value of 1e-100000000: %v, want ErrInputRange", err)
	}
	if _, err := (PublishedLimit{Value: dec("1e100000000"), Unit: calendar.Days}).Calendar(); err == nil {
		t.Error("a limit of 1e100000000 days was accepted")
	}
}
