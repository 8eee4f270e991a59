package procedure

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzParseLimitText: any time cell is read or refused without a panic; a limit read is
// unpublished, or positive with a unit, and converts to calendar form without a panic; the
// canonical text of a whole limit reads back to the same limit.
func FuzzParseLimitText(f *testing.F) {
	for _, s := range []string{"15 Ngày làm việc", "Trong ngày", "3", "1,5 ngày làm việc", "1.5 Ngày làm việc",
		"1 Giờ", "30 Ngày", "Không có thông tin", "999999 năm", "0,01 giờ", "1e9", "", " 3 ", "3  ngày"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		l, sameDay, bare, ok := parseLimitText(s)
		if !ok {
			return
		}
		if l.Unpublished {
			if !l.Value.IsZero() || sameDay || bare {
				t.Fatalf("%q: unpublished with %v, %v, %v", s, l.Value, sameDay, bare)
			}
			return
		}
		if l.Value.Sign() <= 0 || !l.Unit.Valid() {
			t.Fatalf("%q: %v", s, l)
		}
		_, _ = l.Calendar()
		if l.Value.IsInteger() && !sameDay && l.Unit.Valid() {
			words := map[string]string{"working_days": "ngày làm việc", "working_hours": "giờ làm việc", "days": "ngày",
				"months": "tháng", "hours": "giờ"}
			back, _, _, ok := parseLimitText(l.Value.String() + " " + words[l.Unit.String()])
			if !ok || back.String() != l.String() {
				t.Fatalf("%q: %v reads back as %v", s, l, back)
			}
		}
	})
}

// FuzzReadFeeCell: any fee cell and description give fees with positive amounts (or none)
// and known kinds, in time bounded by their length, without a panic.
func FuzzReadFeeCell(f *testing.F) {
	for _, s := range [][2]string{{"Miễn phí", ""}, {"Lệ phí: 8.000 đồng/bản", ""}, {"150,000 Việt Nam Đồng(- ghi chú)", ""},
		{"10 USD(/bản)", ""}, {"", "theo Nghị quyết của HĐND"}, {"2,000 Việt Nam Đồng(/trang)", "từ trang thứ 3 trở lên thu 1.000 đồng/trang, tối đa thu không quá 200.000 đồng/bản"},
		{"100 VNĐ(100.000 đồng/lần)", ""}, {"1.2.3 VNĐ", ""}, {"((((", ")"}} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, cell, desc string) {
		fee, rest := splitFeeCell(cell + desc)
		if fee+rest != cell+desc {
			t.Fatalf("split loses text: %q + %q", fee, rest)
		}
		got := readFeeCell(cell, desc)
		for _, fe := range got.fees {
			if !enumIsValid("feekind", string(fe.Kind)) || fe.Amount.Sign() < 0 || (fe.Kind != CouncilFee && fe.Amount.IsZero() && len(fe.Tiers) == 0) {
				t.Fatalf("%q, %q: fee %+v", cell, desc, fe)
			}
			if utf8.RuneCountInString(fe.Note) > MaxTextLen || utf8.RuneCountInString(fe.Per) > MaxNameLen {
				t.Fatalf("%q: texts too long", cell)
			}
		}
		if len(got.fees) > 16 {
			t.Fatalf("%q: %d fees", cell, len(got.fees))
		}
	})
}

// FuzzImport: a record of any texts imports without a panic; every text of the procedure is
// within its bound and valid UTF-8, and a procedure without gaps that also passes the checks
// of the catalog is what Load accepts.
func FuzzImport(f *testing.F) {
	f.Add("1.010041", "Cấp xã, Cơ quan khác", "Hình thức nộpThời gianPhí, lệ phíMô tảTrực tuyến1 Ngày làm việcMiễn phí- mô tảTrực tiếp3Lệ phí: 8.000 đồng/bản",
		"--Tên giấy tờMẫu đơn, tờ khaiSố lượngTờ khai.1.Mau.doc1 bản chính* Giấy tờ phải xuất trình:Tên giấy tờMẫu đơn, tờ khaiSố lượngCăn cước0 bản chính,1 bản sao",
		"Tên văn bản pháp lýMã văn bảnLuật Cư trú 202068/2020/QH14", "Giấy xác nhậnMã: KQ.G01.000062Từ khóa")
	// Cells of testdata/sample: an amount right after the channel, a fee remark that names the
	// fee, codes run together in the legal basis.
	f.Add("1.000005", "Cấp bộ", "Hình thức nộpThời gianPhí, lệ phíMô tảTrực tuyến120,000 VNĐ(Phí thẩm định)Trực tiếp2 Ngày làm việc150,000 VNĐ(Phí, lệ phí)",
		"--Tên giấy tờMẫu đơn, tờ khaiSố lượngTờ khai1 bản chính",
		"Tên văn bản pháp lýMã văn bảnLuật Thú yLuật 79/2015/QH13quy định chi tiết Luật thú y35/2016/NĐ-CP sửa đổi31/2013/NĐ-CP26/2005/PL-UBTVQH11 - Ưu đãi26/2005/PL-UBTVQH11Thông tư 37/2011/TT-NHNN37/2011/TT-NHNN\t Quyết định 33/2016/QĐ-TTg",
		"Giấy phépMã: KQ.G10.000225Từ khóa")
	f.Fuzz(func(t *testing.T, code, levels, channels, docs, legal, results string) {
		im := Import(Record{Code: code, Name: "Thủ tục", Levels: levels, Field: "Hộ tịch", Agency: "Ủy ban nhân dân cấp xã",
			Channels: channels, Documents: docs, LegalBasis: legal, Results: results, Steps: channels}, ImportOptions{EffectiveFrom: importFrom})
		p := im.Procedure
		for _, d := range p.Documents {
			if utf8.RuneCountInString(d.Name) > MaxNameLen || utf8.RuneCountInString(d.Condition) > MaxTextLen {
				t.Fatalf("document texts too long")
			}
		}
		for _, l := range p.LegalBasis {
			if utf8.RuneCountInString(l) > MaxNameLen || strings.TrimSpace(l) == "" {
				t.Fatalf("legal basis %q", l)
			}
		}
		if path := invalidText(reflect.ValueOf(p), "procedure"); path != "" {
			t.Fatalf("%s is not UTF-8", path)
		}
		for _, g := range im.Gaps {
			if !utf8.ValidString(g.Error()) {
				t.Fatalf("gap %q not UTF-8", g.Path)
			}
			var k int
			if _, err := fmt.Sscanf(g.Path, "legal_basis[%d]", &k); err == nil && (k < 0 || k >= len(p.LegalBasis)) {
				t.Fatalf("gap %q: %d legal bases", g.Path, len(p.LegalBasis))
			}
		}
	})
}

// invalidText returns the path of the first string under v that is not valid UTF-8, or "".
func invalidText(v reflect.Value, path string) string {
	switch v.Kind() {
	case reflect.String:
		if !utf8.ValidString(v.String()) {
			return path
		}
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			return invalidText(v.Elem(), path)
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if !v.Type().Field(i).IsExported() {
				continue
			}
			if p := invalidText(v.Field(i), path+"."+v.Type().Field(i).Name); p != "" {
				return p
			}
		}
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			if p := invalidText(v.Index(i), path+"[]"); p != "" {
				return p
			}
		}
	case reflect.Map:
		for it := v.MapRange(); it.Next(); {
			if p := invalidText(it.Key(), path+"{}"); p != "" {
				return p
			}
			if p := invalidText(it.Value(), path+"{}"); p != "" {
				return p
			}
		}
	}
	return ""
}

// TestImportInvalidUTF8 is the regression of the fuzzer's find in CI: a code that is not
// UTF-8 went as it was into the procedure's note. Every text of the record carries such bytes.
func TestImportInvalidUTF8(t *testing.T) {
	bad := "\xff\xfe1.0\xc3"
	im := Import(Record{Code: bad, Name: "Thủ tục " + bad, Levels: "Cấp xã" + bad, Field: "Hộ tịch" + bad,
		Agency: "Ủy ban nhân dân cấp xã" + bad, Channels: "Hình thức nộpThời gianPhí, lệ phíMô tảTrực tiếp3" + bad,
		Documents: "Tên giấy tờ" + bad, LegalBasis: "Luật " + bad + " 68/2020/QH14", Results: "Giấy " + bad, Steps: bad,
		Decision: bad}, ImportOptions{EffectiveFrom: importFrom})
	if path := invalidText(reflect.ValueOf(im.Procedure), "procedure"); path != "" {
		t.Fatalf("%s is not UTF-8", path)
	}
	if len(im.Gaps) == 0 || im.Gaps[0].Path != "code" {
		t.Fatalf("a code that is not UTF-8 imported without its gap: %v", im.Gaps)
	}
	if path := invalidText(reflect.ValueOf(im.Gaps), "gaps"); path != "" {
		t.Fatalf("%s is not UTF-8", path)
	}
}
