package procedure

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/motcua-go/motcua/calendar"
	"github.com/shopspring/decimal"
	"golang.org/x/text/language"
)

func TestAmountDue(t *testing.T) {
	vn := func(y int, m time.Month, d, h, min int) time.Time {
		return time.Date(y, m, d, h, min, 0, 0, calendar.Zone())
	}
	reduction := &Reduction{Percent: dec("50"), From: ymd(2023, 1, 1), To: ymd(2025, 12, 31)}
	fixed := Fee{ID: "le-phi", Name: "Lệ phí", Kind: FixedFee, Amount: dec("8000"),
		Exemptions: []string{"poor_household", "child_under_6"}, OnlineReduction: reduction}
	copies := Fee{ID: "sao-y", Name: "Phí chứng thực bản sao", Kind: PerUnitFee, Amount: dec("2000"), Per: "trang", Max: dec("200000")}
	percent := Fee{ID: "truoc-ba", Name: "Lệ phí trước bạ", Kind: PercentFee, Rate: dec("0.5"), Min: dec("100000"), Max: dec("500000")}
	odd := Fee{ID: "le", Name: "Lẻ", Kind: FixedFee, Amount: dec("8333"), OnlineReduction: &Reduction{Percent: dec("30"), From: ymd(2024, 1, 1)}}
	half1 := Fee{ID: "a", Name: "A", Kind: FixedFee, Amount: dec("1000.5")}
	half2 := Fee{ID: "b", Name: "B", Kind: FixedFee, Amount: dec("2000.5")}

	line := func(f Fee, base, red, amount string, exempt string) FeeLine {
		return FeeLine{ID: f.ID, Name: f.Name, Kind: f.Kind, Base: dec(base), Reduction: dec(red), Amount: dec(amount), Exempt: exempt}
	}
	tests := []struct {
		name  string
		fees  []Fee
		q     FeeQuery
		want  []FeeLine
		total string
	}{
		{"fixed at the counter", []Fee{fixed}, FeeQuery{Channel: Counter, At: vn(2025, 6, 1, 9, 0)},
			[]FeeLine{line(fixed, "8000", "0", "8000", "")}, "8000"},
		{"online reduction in force", []Fee{fixed}, FeeQuery{Channel: Online, At: vn(2025, 12, 31, 23, 59)},
			[]FeeLine{line(fixed, "8000", "4000", "4000", "")}, "4000"},
		{"online reduction expired (date in Vietnam)", []Fee{fixed},
			FeeQuery{Channel: Online, At: time.Date(2025, 12, 31, 17, 30, 0, 0, time.UTC)},
			[]FeeLine{line(fixed, "8000", "0", "8000", "")}, "8000"},
		{"online reduction not yet in force", []Fee{fixed}, FeeQuery{Channel: Online, At: vn(2022, 12, 31, 12, 0)},
			[]FeeLine{line(fixed, "8000", "0", "8000", "")}, "8000"},
		{"exempt applicant", []Fee{fixed}, FeeQuery{Channel: Online, At: vn(2025, 1, 2, 8, 0), Categories: []string{"veteran", "child_under_6"}},
			[]FeeLine{line(fixed, "8000", "0", "0", "child_under_6")}, "0"},
		{"per unit", []Fee{copies}, FeeQuery{Quantities: map[string]int64{"sao-y": 3}},
			[]FeeLine{line(copies, "6000", "0", "6000", "")}, "6000"},
		{"per unit capped", []Fee{copies}, FeeQuery{Quantities: map[string]int64{"sao-y": 150}},
			[]FeeLine{line(copies, "200000", "0", "200000", "")}, "200000"},
		{"percent, rounded half away from zero", []Fee{{ID: "p", Name: "P", Kind: PercentFee, Rate: dec("0.5")}},
			FeeQuery{DeclaredValue: dec("123456789")},
			[]FeeLine{{ID: "p", Name: "P", Kind: PercentFee, Base: dec("617283.945"), Reduction: dec("0"), Amount: dec("617284")}}, "617284"},
		{"percent under the floor", []Fee{percent}, FeeQuery{DeclaredValue: dec("10000000")},
			[]FeeLine{line(percent, "100000", "0", "100000", "")}, "100000"},
		{"percent within bounds", []Fee{percent}, FeeQuery{DeclaredValue: dec("45000000")},
			[]FeeLine{line(percent, "225000", "0", "225000", "")}, "225000"},
		{"percent over the cap", []Fee{percent}, FeeQuery{DeclaredValue: dec("2000000000")},
			[]FeeLine{line(percent, "500000", "0", "500000", "")}, "500000"},
		{"reduction rounded to whole đồng", []Fee{odd}, FeeQuery{Channel: Online, At: vn(2030, 1, 1, 0, 0)},
			[]FeeLine{line(odd, "8333", "2499.9", "5833", "")}, "5833"},
		{"each line rounded before the total", []Fee{half1, half2}, FeeQuery{},
			[]FeeLine{line(half1, "1000.5", "0", "1001", ""), line(half2, "2000.5", "0", "2001", "")}, "3002"},
		{"free procedure", nil, FeeQuery{}, []FeeLine{}, "0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := validProcedure()
			p.Fees = tt.fees
			got, err := p.AmountDue(tt.q)
			if err != nil {
				t.Fatal(err)
			}
			want := FeeBreakdown{Lines: tt.want, Total: dec(tt.total)}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("breakdown (-want +got):\n%s", diff)
			}
			// Amounts are whole đồng and exact.
			if got.Total.String() != tt.total {
				t.Errorf("total %s, want %s", got.Total, tt.total)
			}
		})
	}
}

func TestAmountDueCaseAndErrors(t *testing.T) {
	p := validProcedure()
	p.Cases[0].Fees = []Fee{{ID: "qua-han", Name: "Quá hạn", Kind: FixedFee, Amount: dec("10000")}}
	p.Fees = append(p.Fees,
		Fee{ID: "sao-y", Name: "Sao y", Kind: PerUnitFee, Amount: dec("2000"), Per: "trang"},
		Fee{ID: "pct", Name: "Pct", Kind: PercentFee, Rate: dec("1")})

	got, err := p.AmountDue(FeeQuery{Case: "xac-minh"})
	if err != nil {
		t.Fatal(err)
	}
	if got.Total.String() != "10000" || len(got.Lines) != 1 || got.Lines[0].ID != "qua-han" {
		t.Errorf("case fees not used: %+v", got)
	}
	if _, err := p.AmountDue(FeeQuery{Case: "nope"}); !errors.Is(err, ErrUnknownCase) {
		t.Errorf("unknown case: %v", err)
	}
	_, err = p.AmountDue(FeeQuery{DeclaredValue: dec("1000")})
	var ue *UseError
	if !errors.As(err, &ue) || !errors.Is(err, ErrMissingInput) || ue.What != "sao-y (quantity)" {
		t.Errorf("missing quantity: %v", err)
	}
	_, err = p.AmountDue(FeeQuery{Quantities: map[string]int64{"sao-y": 1}})
	if !errors.As(err, &ue) || !errors.Is(err, ErrMissingInput) || ue.What != "pct (declared value)" {
		t.Errorf("missing declared value: %v", err)
	}
	const want = `procedure 1.001193: "pct (declared value)" needs an input that was not given`
	if err.Error() != want {
		t.Errorf("message %q, want %q", err.Error(), want)
	}
}

// TestNegativeQuantityIsNotMissingInput: a negative quantity or declared value has its own
// error, in English and Vietnamese, rather than "needs an input that was not given".
func TestNegativeQuantityIsNotMissingInput(t *testing.T) {
	p := validProcedure()
	p.Fees = []Fee{
		{ID: "sao-y", Name: "Sao y", Kind: PerUnitFee, Amount: dec("2000"), Per: "trang"},
		{ID: "pct", Name: "Pct", Kind: PercentFee, Rate: dec("1")},
	}
	tests := []struct {
		name   string
		q      FeeQuery
		what   string
		en, vi string
	}{
		{"negative quantity", FeeQuery{Quantities: map[string]int64{"sao-y": -1}, DeclaredValue: dec("1000")}, "sao-y (quantity)",
			`procedure 1.001193: "sao-y (quantity)" must not be negative`,
			`thủ tục 1.001193: "sao-y (số lượng)" không được âm`},
		{"negative declared value", FeeQuery{Quantities: map[string]int64{"sao-y": 1}, DeclaredValue: dec("-1000")}, "pct (declared value)",
			`procedure 1.001193: "pct (declared value)" must not be negative`,
			`thủ tục 1.001193: "pct (giá trị kê khai)" không được âm`},
		{"missing quantity", FeeQuery{DeclaredValue: dec("1000")}, "sao-y (quantity)",
			`procedure 1.001193: "sao-y (quantity)" needs an input that was not given`,
			`thủ tục 1.001193: "sao-y (số lượng)" cần một giá trị đầu vào chưa được cung cấp`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := p.AmountDue(tt.q)
			var ue *UseError
			if !errors.As(err, &ue) {
				t.Fatalf("error %v is not a *UseError", err)
			}
			negative := tt.name != "missing quantity"
			if errors.Is(err, ErrNegativeInput) != negative || errors.Is(err, ErrMissingInput) == negative {
				t.Errorf("error %v wraps the wrong sentinel", err)
			}
			got := []string{ue.What, ue.Error(), ue.Message(language.Vietnamese)}
			if diff := cmp.Diff([]string{tt.what, tt.en, tt.vi}, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// TestPercentIgnoresDivisionPrecision: fee percentages do not depend on decimal's global
// DivisionPrecision.
func TestPercentIgnoresDivisionPrecision(t *testing.T) {
	saved := decimal.DivisionPrecision
	decimal.DivisionPrecision = 0
	t.Cleanup(func() { decimal.DivisionPrecision = saved })

	p := validProcedure()
	reduced := Fee{ID: "le", Name: "Lệ", Kind: FixedFee, Amount: dec("1001"),
		OnlineReduction: &Reduction{Percent: dec("50"), From: ymd(2024, 1, 1)}}
	pct := Fee{ID: "p", Name: "P", Kind: PercentFee, Rate: dec("0.5")}
	p.Fees = []Fee{reduced, pct}
	got, err := p.AmountDue(FeeQuery{Channel: Online, At: time.Date(2025, 1, 2, 9, 0, 0, 0, calendar.Zone()),
		DeclaredValue: dec("123456789")})
	if err != nil {
		t.Fatal(err)
	}
	want := FeeBreakdown{Lines: []FeeLine{
		{ID: "le", Name: "Lệ", Kind: FixedFee, Base: dec("1001"), Reduction: dec("500.5"), Amount: dec("501")},
		{ID: "p", Name: "P", Kind: PercentFee, Base: dec("617283.945"), Reduction: dec("0"), Amount: dec("617284")},
	}, Total: dec("617785")}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("breakdown (-want +got):\n%s", diff)
	}
}

// TestExemptApplicantNeedsNoInput: an exempt applicant does not have to give the quantity or the
// declared value of the fee it is exempt from; the floor is not applied to an input not given.
func TestExemptApplicantNeedsNoInput(t *testing.T) {
	p := validProcedure()
	perUnit := Fee{ID: "sao-y", Name: "Sao y", Kind: PerUnitFee, Amount: dec("2000"), Per: "trang", Exemptions: []string{"poor_household"}}
	pct := Fee{ID: "pct", Name: "Pct", Kind: PercentFee, Rate: dec("1"), Min: dec("50000"), Exemptions: []string{"poor_household"}}
	p.Fees = []Fee{perUnit, pct}
	exemptLine := func(f Fee, base string) FeeLine {
		return FeeLine{ID: f.ID, Name: f.Name, Kind: f.Kind, Base: dec(base), Exempt: "poor_household", Reduction: dec("0"), Amount: dec("0")}
	}
	tests := []struct {
		name string
		q    FeeQuery
		want []FeeLine
	}{
		{"no input", FeeQuery{Categories: []string{"poor_household"}},
			[]FeeLine{exemptLine(perUnit, "0"), exemptLine(pct, "0")}},
		{"input given", FeeQuery{Categories: []string{"poor_household"}, Quantities: map[string]int64{"sao-y": 2}, DeclaredValue: dec("10000000")},
			[]FeeLine{exemptLine(perUnit, "4000"), exemptLine(pct, "100000")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := p.AmountDue(tt.q)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(FeeBreakdown{Lines: tt.want, Total: dec("0")}, got); diff != "" {
				t.Errorf("breakdown (-want +got):\n%s", diff)
			}
		})
	}
	// Not exempt: the inputs are still required.
	if _, err := p.AmountDue(FeeQuery{}); !errors.Is(err, ErrMissingInput) {
		t.Errorf("error %v, want ErrMissingInput", err)
	}
	// A negative quantity is rejected even for an exempt fee.
	q := FeeQuery{Categories: []string{"poor_household"}, Quantities: map[string]int64{"sao-y": -2}}
	if _, err := p.AmountDue(q); !errors.Is(err, ErrNegativeInput) {
		t.Errorf("error %v, want ErrNegativeInput", err)
	}
}
