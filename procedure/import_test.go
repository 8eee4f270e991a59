package procedure

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/language"

	"github.com/motcua-go/motcua/calendar"
)

var updateImport = flag.Bool("update-import", false, "rewrite testdata/records/*.want.json with what Import gives")

// importFrom is the first day given to the imports of the tests.
var importFrom = ymd(2025, 7, 1)

// recordFiles returns the records of testdata/records (see its README for their source).
func recordFiles(t testing.TB) []string {
	t.Helper()
	files, err := filepath.Glob("testdata/records/*.json")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, f := range files {
		if !strings.HasSuffix(f, ".want.json") {
			out = append(out, f)
		}
	}
	if len(out) < 10 {
		t.Fatalf("%d records in testdata/records", len(out))
	}
	return out
}

// TestImportRecords imports each real record of testdata/records and compares the procedure
// and the gaps with the reviewed result beside it (<code>.want.json; -update-import rewrites
// them, to be reviewed in the diff). Every imported procedure without gaps must load.
func TestImportRecords(t *testing.T) {
	for _, f := range recordFiles(t) {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			ims, err := ImportRecords(bytes.NewReader(data), ImportOptions{EffectiveFrom: importFrom})
			if err != nil || len(ims) != 1 {
				t.Fatalf("ImportRecords: %d, %v", len(ims), err)
			}
			im := ims[0]
			got, err := json.MarshalIndent(im, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			want := strings.TrimSuffix(f, ".json") + ".want.json"
			if *updateImport {
				if err := os.WriteFile(want, append(got, '\n'), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			w, err := os.ReadFile(want)
			if err != nil {
				t.Fatalf("%v (go test -run TestImportRecords -update-import writes it)", err)
			}
			if diff := cmp.Diff(string(bytes.TrimSpace(w)), string(got)); diff != "" {
				t.Errorf("import (-want +got):\n%s", diff)
			}
			probs := problemsOf(t, catalogJSON(t, []Procedure{im.Procedure}, nil), LoadOptions{})
			if len(im.Gaps) == 0 && probs != nil {
				t.Errorf("imported without gaps but does not load: %v", probs)
			}
			for _, g := range im.Gaps {
				if g.Message(language.Vietnamese) == g.Message(language.English) || strings.Contains(g.Error(), "needs checking") {
					t.Errorf("gap %+v has no message of its own", g)
				}
			}
		})
	}
}

// TestImportShare measures, on the records of testdata/records, the share imported without a
// person (no gap, and the procedure loads), by field of the record (lĩnh vực) and by part of
// the procedure. The figures are logged (go test -v -run TestImportShare) for the closing
// note; the test fails if the share falls below what this version reaches.
func TestImportShare(t *testing.T) {
	type tally struct{ ok, all int }
	byField := map[string]*tally{}
	byPart := map[string]int{}
	total := tally{}
	for _, f := range recordFiles(t) {
		data, _ := os.ReadFile(f)
		ims, err := ImportRecords(bytes.NewReader(data), ImportOptions{EffectiveFrom: importFrom})
		if err != nil {
			t.Fatal(err)
		}
		for _, im := range ims {
			p := im.Procedure
			ok := len(im.Gaps) == 0 && problemsOf(t, catalogJSON(t, []Procedure{p}, nil), LoadOptions{}) == nil
			tl := byField[p.Field]
			if tl == nil {
				tl = &tally{}
				byField[p.Field] = tl
			}
			tl.all++
			total.all++
			if ok {
				tl.ok++
				total.ok++
			}
			parts := map[string]bool{}
			for _, g := range im.Gaps {
				part, _, _ := strings.Cut(g.Path, ".")
				part, _, _ = strings.Cut(part, "[")
				parts[part] = true
			}
			for part := range parts {
				byPart[part]++
			}
		}
	}
	var fields []string
	for f := range byField {
		fields = append(fields, f)
	}
	sort.Strings(fields)
	for _, f := range fields {
		t.Logf("field %-60q %d of %d imported without a person", f, byField[f].ok, byField[f].all)
	}
	var parts []string
	for p := range byPart {
		parts = append(parts, p)
	}
	sort.Strings(parts)
	for _, p := range parts {
		t.Logf("part %-16s needs a person in %d of %d records", p, byPart[p], total.all)
	}
	t.Logf("total: %d of %d records imported without a person", total.ok, total.all)
	if total.ok*100 < total.all*25 {
		t.Errorf("only %d of %d imported without a person", total.ok, total.all)
	}
}

// TestParseLimitText reads the time cells of the issue and of the records.
func TestParseLimitText(t *testing.T) {
	tests := []struct {
		in            string
		want          string // PublishedLimit.String, "" when not read
		sameDay, bare bool
	}{
		{"15 Ngày làm việc", "15 working_days", false, false},
		{"15 ngày làm việc", "15 working_days", false, false},
		{"1.5 Ngày làm việc", "1.5 working_days", false, false},
		{"1,5 ngày làm việc", "1.5 working_days", false, false},
		{"Trong ngày", "1 working_days", true, false},
		{"3", "3 working_days", false, true},
		{"30 Ngày", "30 days", false, false},
		{"1 Giờ", "1 hours", false, false},
		{"4 Giờ làm việc", "4 working_hours", false, false},
		{"2 Tháng", "2 months", false, false},
		{"1 Năm", "12 months", false, false},
		{"Không có thông tin", "unpublished", false, false},
		{"0", "", false, false},
		{"Theo quy định", "", false, false},
		{"3 tuần", "", false, false},
	}
	for _, tt := range tests {
		l, sd, bare, ok := parseLimitText(tt.in)
		got := ""
		if ok {
			got = l.String()
		}
		if got != tt.want || sd != tt.sameDay || bare != tt.bare {
			t.Errorf("parseLimitText(%q) = %q, %v, %v; want %q, %v, %v", tt.in, got, sd, bare, tt.want, tt.sameDay, tt.bare)
		}
	}
}

// TestReadFeeCell reads the fee cells of the issue and of the records.
func TestReadFeeCell(t *testing.T) {
	tests := []struct {
		cell, desc string
		want       []Fee
		free       bool
		gaps       []string
	}{
		{"Miễn phí", "", nil, true, nil},
		{"Lệ phí: 8.000 đồng/bản", "", []Fee{{ID: "le-phi-1", Name: "Lệ phí", Kind: FixedFee, Amount: dec("8000"), PerCopy: true}}, false, nil},
		{"Phí : 50.000 Đồng/hồ sơ", "", []Fee{{ID: "phi-1", Name: "Phí", Kind: PerUnitFee, Per: "hồ sơ", Amount: dec("50000")}}, false, nil},
		{"150,000 Việt Nam Đồng", "", []Fee{{ID: "phi-1", Name: "Phí, lệ phí", Kind: FixedFee, Amount: dec("150000")}}, false, nil},
		{"10 USD(/bản)", "", []Fee{{ID: "phi-1", Name: "Phí, lệ phí", Kind: FixedFee, Amount: dec("10"), Currency: "USD", PerCopy: true}}, false, nil},
		{"", "theo Nghị quyết của HĐND tỉnh", []Fee{{ID: "le-phi", Name: "Phí, lệ phí", Kind: CouncilFee, Note: "theo Nghị quyết của HĐND tỉnh"}}, false, nil},
		{"Miễn phí", "(Mức lệ phí cụ thể do Hội đồng nhân dân tỉnh quyết định.)", nil, true, []string{"fee_conflict"}},
		{"40,000 Việt Nam Đồng(- Xe ô tô trên 10 chỗ)", "", []Fee{{ID: "phi-1", Name: "Phí, lệ phí", Kind: FixedFee, Amount: dec("40000"), Note: "- Xe ô tô trên 10 chỗ"}}, false, []string{"fee_condition"}},
		{"100 VNĐ(Phí công bố: 100.000 đồng/lần)", "", []Fee{{ID: "phi-1", Name: "Phí, lệ phí", Kind: FixedFee, Amount: dec("100"), Note: "Phí công bố: 100.000 đồng/lần"}}, false, []string{"fee_conflict"}},
		{"2,000 Việt Nam Đồng(/trang)", "2.000 đồng/trang; từ trang thứ 3 trở lên thu 1.000 đồng/trang, tối đa thu không quá 200.000 đồng/bản.",
			[]Fee{{ID: "phi-1", Name: "Phí, lệ phí", Kind: PerUnitFee, Per: "trang", Tiers: []Tier{{UpTo: 2, Amount: dec("2000")}, {Amount: dec("1000")}}, Max: dec("200000"), PerCopy: true}}, false, nil},
		{"", "Thu theo bảng giá dịch vụ", nil, false, []string{"fee"}},
		// testdata/sample 1.000289: the remark only names the fee, it is no condition.
		{"150,000 VNĐ(Phí, lệ phí)", "", []Fee{{ID: "phi-1", Name: "Phí, lệ phí", Kind: FixedFee, Amount: dec("150000")}}, false, nil},
		{"50,000 VNĐ(Lệ phí)", "", []Fee{{ID: "phi-1", Name: "Lệ phí", Kind: FixedFee, Amount: dec("50000")}}, false, nil},
		// testdata/sample 1.003026: a remark that is the fee's name and nothing else.
		{"18,000,000 VNĐ(Phí thẩm định tiêu chuẩn và điều kiện sản xuất thuốc thú y, thuốc thú y thủy sản (cơ sở đăng ký GMP))", "",
			[]Fee{{ID: "phi-1", Name: "Phí thẩm định tiêu chuẩn và điều kiện sản xuất thuốc thú y, thuốc thú y thủy sản (cơ sở đăng ký GMP)", Kind: FixedFee, Amount: dec("18000000")}}, false, nil},
		// A remark that starts like a name but gives a period, an exemption or a figure stays a condition.
		{"7,500,000 VNĐ(Phí thẩm định áp dụng từ ngày 01/7/2025)", "", []Fee{{ID: "phi-1", Name: "Phí, lệ phí", Kind: FixedFee, Amount: dec("7500000"), Note: "Phí thẩm định áp dụng từ ngày 01/7/2025"}}, false, []string{"fee_condition"}},
		{"25 USD(Phí cấp thị thực trường hợp có giá trị một lần)", "", []Fee{{ID: "phi-1", Name: "Phí, lệ phí", Kind: FixedFee, Amount: dec("25"), Currency: "USD", Note: "Phí cấp thị thực trường hợp có giá trị một lần"}}, false, []string{"fee_condition"}},
	}
	for _, tt := range tests {
		got := readFeeCell(tt.cell, tt.desc)
		if diff := cmp.Diff(tt.want, got.fees); diff != "" || got.free != tt.free || !cmp.Equal(tt.gaps, got.gaps) {
			t.Errorf("readFeeCell(%q, %q): free %v gaps %v, want %v %v; fees (-want +got):\n%s", tt.cell, tt.desc, got.free, got.gaps, tt.free, tt.gaps, diff)
		}
	}
	// The split of a row's rest into the cell and the description.
	fee, desc := splitFeeCell("50,000 VNĐ(- Mức lệ phí cụ thể do Hội đồng nhân dân tỉnh quyết định)Nộp tại bộ phận một cửa")
	if fee != "50,000 VNĐ(- Mức lệ phí cụ thể do Hội đồng nhân dân tỉnh quyết định)" || desc != "Nộp tại bộ phận một cửa" {
		t.Errorf("splitFeeCell = %q, %q", fee, desc)
	}
}

// TestImportSameDay: "Trong ngày" with a 15:00 cut-off in the description is the same-day
// rule; a cut-off said of every dossier in the steps too; a cut-off said of some dossiers is a
// gap.
func TestImportSameDay(t *testing.T) {
	base := Record{Code: "1.000001", Name: "Thủ tục thử", Levels: "Cấp xã", Field: "Hộ tịch", Agency: "Ủy ban nhân dân cấp xã",
		Documents: "--Tên giấy tờMẫu đơn, tờ khaiSố lượngTờ khai1 bản chính", LegalBasis: "Tên văn bản pháp lýMã văn bảnLuật Hộ tịch60/2014/QH13",
		Results: "Giấy khai sinhMã: KQ.G15.000031"}
	r := base
	r.Channels = "Hình thức nộpThời gianPhí, lệ phíMô tảTrực tiếpTrong ngàyMiễn phíTiếp nhận trước 15 giờ trả kết quả trong ngày"
	im := Import(r, ImportOptions{EffectiveFrom: importFrom})
	if im.Procedure.SameDay == nil || im.Procedure.SameDay.Cutoff != calendar.TimeOfDay(15*time.Hour) || len(im.Gaps) != 0 {
		t.Errorf("Trong ngày: %+v, %v", im.Procedure.SameDay, im.Gaps)
	}
	r = base
	r.Channels = "Hình thức nộpThời gianPhí, lệ phíMô tảTrực tiếp1Miễn phí"
	r.Steps = "(i) Trường hợp hồ sơ đầy đủ, hợp lệ thì tiếp nhận hồ sơ; nếu tiếp nhận hồ sơ sau 15 giờ thì có Phiếu hẹn, trả kết quả cho người yêu cầu trong ngày làm việc tiếp theo"
	im = Import(r, ImportOptions{EffectiveFrom: importFrom})
	if im.Procedure.SameDay == nil || len(im.Gaps) != 0 {
		t.Errorf("steps: %+v, %v", im.Procedure.SameDay, im.Gaps)
	}
	r.Steps = "có Phiếu hẹn (nếu tiếp nhận hồ sơ bổ sung thông tin hộ tịch sau 15 giờ)"
	im = Import(r, ImportOptions{EffectiveFrom: importFrom})
	if im.Procedure.SameDay != nil || len(im.Gaps) != 1 || im.Gaps[0].Reason != "same_day" {
		t.Errorf("one case: %+v, %v", im.Procedure.SameDay, im.Gaps)
	}
	// Without a first day, every record has a gap.
	if im := Import(base, ImportOptions{}); !hasGap(im.Gaps, "effective_from") {
		t.Errorf("no effective_from gap: %v", im.Gaps)
	}
}

// TestImportRecordsShapes: one object, an array, or one object a line; anything else is an
// error, not a panic.
func TestImportRecordsShapes(t *testing.T) {
	one := `{"ma_thu_tuc":"1.000001","ten_thu_tuc":"A"}`
	for in, n := range map[string]int{one: 1, "[" + one + "," + one + "]": 2, one + "\n" + one + "\n": 2, "\uFEFF" + one: 1, "": 0} {
		ims, err := ImportRecords(strings.NewReader(in), ImportOptions{})
		if err != nil || len(ims) != n {
			t.Errorf("%q: %d, %v", in, len(ims), err)
		}
	}
	for _, in := range []string{"[", "{", `{"ma_thu_tuc":1}`, "null x"} {
		if _, err := ImportRecords(strings.NewReader(in), ImportOptions{}); err == nil {
			t.Errorf("%q: no error", in)
		}
	}
}
