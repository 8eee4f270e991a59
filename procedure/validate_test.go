package procedure

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/motcua-go/motcua/calendar"
)

func TestValidProcedureLoads(t *testing.T) {
	if probs := problemsOf(t, catalogJSON(t, []Procedure{validProcedure()}, nil), LoadOptions{}); probs != nil {
		t.Fatalf("base procedure invalid: %v", probs)
	}
}

// TestFieldRules checks every field rule with its exact message in English and Vietnamese.
func TestFieldRules(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(p *Procedure)
		want   Problem
	}{
		{"code required", func(p *Procedure) { p.Code = "" },
			Problem{Path: "procedures[0].code", Rule: "required", En: "code is a required field", Vi: "mã thủ tục không được bỏ trống"}},
		{"code format", func(p *Procedure) { p.Code = "1.00119" },
			Problem{Path: "procedures[0].code", Rule: "ttcode", En: "code \"1.00119\" must be a national procedure code such as 1.001193", Vi: "mã thủ tục \"1.00119\" phải là mã thủ tục hành chính quốc gia dạng 1.001193"}},
		{"local code in code", func(p *Procedure) { p.Code = "1.001193.000.00.00.H49" },
			Problem{Path: "procedures[0].code", Rule: "ttcode", En: "code \"1.001193.000.00.00.H49\" must be a national procedure code such as 1.001193", Vi: "mã thủ tục \"1.001193.000.00.00.H49\" phải là mã thủ tục hành chính quốc gia dạng 1.001193"}},
		{"receiving agency name", func(p *Procedure) { p.ReceivingAgency = &Agency{Code: agencyCode("000.00.12.H49")} },
			Problem{Path: "procedures[0].receiving_agency.name", Rule: "required", En: "name is a required field", Vi: "tên cơ quan không được bỏ trống"}},
		{"version", func(p *Procedure) { p.Version = 0 },
			Problem{Path: "procedures[0].version", Rule: "gte", En: "version 0 must be 1 or greater", Vi: "số phiên bản 0 phải lớn hơn hoặc bằng 1"}},
		{"effective_from required", func(p *Procedure) { p.EffectiveFrom = 0 },
			Problem{Path: "procedures[0].effective_from", Rule: "required", En: "effective_from is a required field", Vi: "ngày bắt đầu hiệu lực không được bỏ trống"}},
		{"name", func(p *Procedure) { p.Name = "" },
			Problem{Path: "procedures[0].name", Rule: "required", En: "name is a required field", Vi: "tên thủ tục không được bỏ trống"}},
		{"sector", func(p *Procedure) { p.Sector = "justic" },
			Problem{Path: "procedures[0].sector", Rule: "sector", En: "sector \"justic\" must be one of: justice, land, construction, business, culture, labour, environment, health, education, transport, security, finance, agriculture, other", Vi: "ngành \"justic\" phải là một trong các giá trị: \"justice\" (tư pháp), \"land\" (đất đai), \"construction\" (xây dựng), \"business\" (đăng ký kinh doanh), \"culture\" (văn hóa), \"labour\" (lao động), \"environment\" (môi trường), \"health\" (y tế), \"education\" (giáo dục), \"transport\" (giao thông), \"security\" (công an), \"finance\" (tài chính), \"agriculture\" (nông nghiệp), \"other\" (khác)"}},
		{"field", func(p *Procedure) { p.Field = "" },
			Problem{Path: "procedures[0].field", Rule: "required", En: "field is a required field", Vi: "lĩnh vực không được bỏ trống"}},
		{"levels required", func(p *Procedure) { p.Levels = nil },
			Problem{Path: "procedures[0].levels", Rule: "required", En: "levels is a required field", Vi: "cấp thực hiện không được bỏ trống"}},
		{"levels unique", func(p *Procedure) { p.Levels = []Level{Commune, Commune} },
			Problem{Path: "procedures[0].levels", Rule: "unique", En: "levels must not list a value twice", Vi: "cấp thực hiện có giá trị bị lặp lại"}},
		{"case id", func(p *Procedure) { p.Cases[0].ID = "" },
			Problem{Path: "procedures[0].cases[0].id", Rule: "required", En: "id is a required field", Vi: "mã trường hợp không được bỏ trống"}},
		{"documents required", func(p *Procedure) { p.Documents = nil },
			Problem{Path: "procedures[0].documents", Rule: "required", En: "documents is a required field", Vi: "thành phần hồ sơ không được bỏ trống"}},
		{"documents empty", func(p *Procedure) { p.Documents = []Document{} },
			Problem{Path: "procedures[0].documents", Rule: "min", En: "documents must contain at least 1 item", Vi: "thành phần hồ sơ phải có ít nhất 1 mục"}},
		{"document requirement", func(p *Procedure) { p.Documents[0].Requirement = "optional" },
			Problem{Path: "procedures[0].documents[0].requirement", Rule: "requirement", En: "requirement \"optional\" must be one of: required, conditional", Vi: "yêu cầu \"optional\" phải là một trong các giá trị: \"required\" (bắt buộc), \"conditional\" (theo điều kiện)"}},
		{"condition of a conditional document", func(p *Procedure) { p.Documents[0].Requirement = Conditional },
			Problem{Path: "procedures[0].documents[0].condition", Rule: "required_if", En: "condition is a required field", Vi: "điều kiện không được bỏ trống"}},
		{"fee kind", func(p *Procedure) { p.Fees[0].Kind = "flat" },
			Problem{Path: "procedures[0].fees[0].kind", Rule: "feekind", En: "kind \"flat\" must be one of: fixed, per_unit, percent, council, unpublished", Vi: "loại phí \"flat\" phải là một trong các giá trị: \"fixed\" (mức cố định), \"per_unit\" (theo đơn vị tính), \"percent\" (theo tỷ lệ), \"council\" (do HĐND cấp tỉnh quyết định), \"unpublished\" (chưa công bố mức thu)"}},
		{"unit of a per-unit fee", func(p *Procedure) { p.Fees[0].Kind = PerUnitFee },
			Problem{Path: "procedures[0].fees[0].per", Rule: "required_if", En: "per is a required field", Vi: "đơn vị tính không được bỏ trống"}},
		{"exemptions unique", func(p *Procedure) { p.Fees[0].Exemptions = []string{"poor", "poor"} },
			Problem{Path: "procedures[0].fees[0].exemptions", Rule: "unique", En: "exemptions must not list a value twice", Vi: "đối tượng được miễn có giá trị bị lặp lại"}},
		{"reduction from", func(p *Procedure) { p.Fees[0].OnlineReduction = &Reduction{Percent: dec("50")} },
			Problem{Path: "procedures[0].fees[0].online_reduction.from", Rule: "required", En: "from is a required field", Vi: "ngày bắt đầu không được bỏ trống"}},
		{"results", func(p *Procedure) { p.Results = nil },
			Problem{Path: "procedures[0].results", Rule: "required", En: "results is a required field", Vi: "kết quả không được bỏ trống"}},
		{"result code", func(p *Procedure) { p.Results[0].Code = "KQ.G15.31" },
			Problem{Path: "procedures[0].results[0].code", Rule: "resultcode", En: "code \"KQ.G15.31\" must be a result code such as KQ.G15.000031", Vi: "mã kết quả \"KQ.G15.31\" phải là mã kết quả dạng KQ.G15.000031"}},
		{"online level", func(p *Procedure) { p.Online = "level4" },
			Problem{Path: "procedures[0].online", Rule: "onlinelevel", En: "online \"level4\" must be one of: full, partial, none", Vi: "mức độ dịch vụ công trực tuyến \"level4\" phải là một trong các giá trị: \"full\" (toàn trình), \"partial\" (một phần), \"none\" (không cung cấp)"}},
		{"legacy online level", func(p *Procedure) { p.LegacyOnlineLevel = 5 },
			Problem{Path: "procedures[0].legacy_online_level", Rule: "lte", En: "legacy_online_level 5 must be 4 or less", Vi: "mức độ dịch vụ công trực tuyến cũ 5 phải nhỏ hơn hoặc bằng 4"}},
		{"legal basis", func(p *Procedure) { p.LegalBasis = nil },
			Problem{Path: "procedures[0].legal_basis", Rule: "required", En: "legal_basis is a required field", Vi: "căn cứ pháp lý không được bỏ trống"}},
		{"legal basis entry", func(p *Procedure) { p.LegalBasis = []string{""} },
			Problem{Path: "procedures[0].legal_basis[0]", Rule: "required", En: "legal_basis[0] is a required field", Vi: "căn cứ pháp lý thứ 1 không được bỏ trống"}},
		{"route of an inter-agency procedure", func(p *Procedure) { p.InterAgency = true },
			Problem{Path: "procedures[0].route", Rule: "required_if", En: "route is a required field", Vi: "quy trình liên thông không được bỏ trống"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := validProcedure()
			tt.mutate(&p)
			got := problemsOf(t, catalogJSON(t, []Procedure{p}, nil), LoadOptions{})
			dumpProblems(t, got)
			if diff := cmp.Diff([]Problem{tt.want}, got); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}

// TestDecodedFieldRules checks the fields read by their own text decoders (agency codes,
// levels): the bad value is named in the message.
func TestDecodedFieldRules(t *testing.T) {
	tests := []struct {
		name     string
		from, to string
		want     []Problem
	}{
		{"unit code", `"levels":`, `"unit":"H4","levels":`,
			[]Problem{{Path: "procedures[0].unit", Rule: "agencycode", En: "unit \"H4\" must be an agency code such as 000.00.12.H49 or H49.12", Vi: "đơn vị thực hiện \"H4\" phải là mã cơ quan dạng 000.00.12.H49 hoặc H49.12"}}},
		{"agency code", `"competent_agency":{`, `"competent_agency":{"code":"00.00.12.H49",`,
			[]Problem{{Path: "procedures[0].competent_agency.code", Rule: "agencycode", En: "code \"00.00.12.H49\" must be an agency code such as 000.00.12.H49 or H49.12", Vi: "mã cơ quan \"00.00.12.H49\" phải là mã cơ quan dạng 000.00.12.H49 hoặc H49.12"}}},
		{"limit unit", `"unit":"working_days"`, `"unit":"weeks"`,
			[]Problem{{Path: "procedures[0].limits.counter.unit", Rule: "unit", En: "unit \"weeks\" must be one of: working_days, working_hours, days, months, hours (or a spelling such as \"ngày làm việc\")", Vi: "đơn vị thời hạn \"weeks\" phải là một trong các đơn vị: \"working_days\" (ngày làm việc), \"working_hours\" (giờ làm việc), \"days\" (ngày), \"months\" (tháng), \"hours\" (giờ)"}}},
		{"limit without a unit", `"value":"3","unit":"working_days"`, `"value":"3"`,
			[]Problem{{Path: "procedures[0].limits.counter.unit", Rule: "required", En: "unit is a required field", Vi: "đơn vị thời hạn không được bỏ trống"}}},
		{"limit without a unit, decoded by encoding/json", `"value":"3","unit":"working_days"`, `"value":"3","n\u006fte":1`,
			[]Problem{{Path: "procedures[0].limits.counter", Rule: "unknown_key", En: "unknown key \"note\"", Vi: "khóa \"note\" không có trong định dạng danh mục"}, {Path: "procedures[0].limits.counter.unit", Rule: "required", En: "unit is a required field", Vi: "đơn vị thời hạn không được bỏ trống"}}},
		{"same-day cut-off", `"legal_basis":`, `"same_day":{"cutoff":"15h"},"legal_basis":`,
			[]Problem{{Path: "procedures[0].same_day.cutoff", Rule: "clock", En: "cutoff \"15h\" must be a time of day HH:MM such as 15:00", Vi: "giờ chốt tiếp nhận \"15h\" phải là giờ trong ngày dạng HH:MM, ví dụ 15:00"}}},
		{"level value", `"levels":["commune"]`, `"levels":["ward"]`,
			[]Problem{{Path: "procedures[0].levels[0]", Rule: "level", En: "levels[0] \"ward\" must be one of: central, province, district, commune, other", Vi: "cấp thực hiện thứ 1 \"ward\" phải là một trong các giá trị: \"central\" (trung ương), \"province\" (tỉnh), \"district\" (huyện), \"commune\" (xã), \"other\" (cơ quan khác)"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := string(catalogJSON(t, []Procedure{validProcedure()}, nil))
			if !strings.Contains(data, tt.from) {
				t.Fatalf("%s not in %s", tt.from, data)
			}
			got := problemsOf(t, []byte(strings.Replace(data, tt.from, tt.to, 1)), LoadOptions{})
			dumpProblems(t, got)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}

// TestCrossFieldRules checks the rules across fields with their exact messages.
func TestCrossFieldRules(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(p *Procedure)
		pol    LoadOptions
		want   []Problem
	}{
		{"effective range", func(p *Procedure) { p.EffectiveTo = ymd(2020, 6, 30) }, LoadOptions{},
			[]Problem{{Path: "procedures[0].effective_to", Rule: "date_range", En: "effective_to must not be before effective_from (2020-07-01)", Vi: "ngày hết hiệu lực không được trước ngày bắt đầu hiệu lực (2020-07-01)"}}},
		{"district level open-ended", func(p *Procedure) { p.Levels = []Level{District} }, LoadOptions{},
			[]Problem{{Path: "procedures[0].levels", Rule: "district_abolished", En: "the district level is abolished from 2025-07-01: a version at district level must end by 2025-06-30", Vi: "không còn cấp huyện từ ngày 2025-07-01: phiên bản có cấp huyện phải hết hiệu lực chậm nhất ngày 2025-06-30"}}},
		{"district level ending after the reform", func(p *Procedure) {
			p.Levels = []Level{Commune, District}
			p.EffectiveTo = ymd(2025, 7, 1)
		}, LoadOptions{},
			[]Problem{{Path: "procedures[0].levels", Rule: "district_abolished", En: "the district level is abolished from 2025-07-01: a version at district level must end by 2025-06-30", Vi: "không còn cấp huyện từ ngày 2025-07-01: phiên bản có cấp huyện phải hết hiệu lực chậm nhất ngày 2025-06-30"}}},
		{"district level ending on the last day", func(p *Procedure) {
			p.Levels = []Level{District}
			p.EffectiveTo = ymd(2025, 6, 30)
		}, LoadOptions{}, nil},
		{"district level allowed by policy", func(p *Procedure) { p.Levels = []Level{District} },
			LoadOptions{AllowDistrictLevel: true}, nil},
		{"district level with a later last day", func(p *Procedure) {
			p.Levels = []Level{District}
			p.EffectiveTo = ymd(2025, 12, 31)
		}, LoadOptions{LastDistrictDay: ymd(2025, 12, 31)}, nil},
		{"no limit", func(p *Procedure) { p.Limits = Limits{}; p.Cases = nil }, LoadOptions{},
			[]Problem{{Path: "procedures[0].limits", Rule: "limits_empty", En: "at least one channel (counter, online, postal) needs a time limit", Vi: "phải có thời hạn giải quyết cho ít nhất một hình thức nộp (trực tiếp, trực tuyến, bưu chính)"}}},
		{"limit zero", func(p *Procedure) { p.Limits.Online = lim("0", calendar.Days) }, LoadOptions{},
			[]Problem{{Path: "procedures[0].limits.online.value", Rule: "limit_range", En: "value must be greater than 0 and at most 10000", Vi: "giá trị thời hạn phải lớn hơn 0 và không quá 10000"}}},
		{"limit too long", func(p *Procedure) { p.Limits.Online = lim("10001", calendar.Days) }, LoadOptions{},
			[]Problem{{Path: "procedures[0].limits.online.value", Rule: "limit_range", En: "value must be greater than 0 and at most 10000", Vi: "giá trị thời hạn phải lớn hơn 0 và không quá 10000"}}},
		{"fraction of a working hour", func(p *Procedure) { p.Limits.Online = lim("1.3", calendar.WorkingDays) }, LoadOptions{},
			[]Problem{{Path: "procedures[0].limits.online.value", Rule: "limit_hours", En: "1.3 working_days is not a whole number of working hours (1 working day = 8 hours)", Vi: "1.3 ngày làm việc không quy đổi được thành số giờ làm việc nguyên (1 ngày làm việc = 8 giờ)"}}},
		{"half a working hour", func(p *Procedure) { p.Limits.Online = lim("0.5", calendar.WorkingHours) }, LoadOptions{},
			[]Problem{{Path: "procedures[0].limits.online.value", Rule: "limit_hours", En: "0.5 working_hours is not a whole number of working hours (1 working day = 8 hours)", Vi: "0.5 giờ làm việc không quy đổi được thành số giờ làm việc nguyên (1 ngày làm việc = 8 giờ)"}}},
		{"fractional calendar days", func(p *Procedure) { p.Limits.Postal = lim("2.5", calendar.Days) }, LoadOptions{},
			[]Problem{{Path: "procedures[0].limits.postal.value", Rule: "limit_integer", En: "2.5 days must be a whole number of days", Vi: "2.5 ngày phải là số nguyên ngày"}}},
		{"online limit without online service", func(p *Procedure) { p.Online = NotOnline }, LoadOptions{},
			[]Problem{{Path: "procedures[0].limits.online", Rule: "online_not_offered", En: "an online time limit is given but online is \"none\"", Vi: "có thời hạn nộp trực tuyến nhưng mức độ dịch vụ công trực tuyến là \"none\" (không cung cấp)"}}},
		{"same-day with a long limit", func(p *Procedure) {
			p.SameDay = &SameDay{}
			p.Limits = Limits{Counter: lim("1", calendar.WorkingDays), Postal: lim("3", calendar.Days)}
			p.Cases = nil
		}, LoadOptions{},
			[]Problem{{Path: "procedures[0].same_day", Rule: "same_day_limit", En: "a same-day procedure cannot have the postal limit 3 days, longer than 1 working day", Vi: "thủ tục giải quyết trong ngày không thể có thời hạn nộp bưu chính là 3 ngày, dài hơn 1 ngày làm việc"}}},
		{"same-day within 8 working hours", func(p *Procedure) {
			p.SameDay = &SameDay{Cutoff: calendar.TimeOfDay(16 * time.Hour)}
			p.Limits = Limits{Counter: lim("1", calendar.WorkingDays), Online: lim("8", calendar.WorkingHours), Postal: lim("0.5", calendar.WorkingDays)}
			p.Cases = nil
		}, LoadOptions{}, nil},
		{"duplicate case", func(p *Procedure) { p.Cases = append(p.Cases, Case{ID: "xac-minh", Name: "Khác"}) }, LoadOptions{},
			[]Problem{{Path: "procedures[0].cases[1].id", Rule: "duplicate", En: "duplicate case id \"xac-minh\"", Vi: "mã trường hợp \"xac-minh\" bị trùng"}}},
		{"case limit for a channel not offered", func(p *Procedure) { p.Cases[0].Limits.Postal = lim("1", calendar.WorkingDays) }, LoadOptions{},
			[]Problem{{Path: "procedures[0].cases[0].limits.postal", Rule: "case_channel", En: "the procedure has no postal time limit for a case to replace", Vi: "thủ tục không có thời hạn nộp bưu chính để trường hợp thay thế"}}},
		// Issue 14: real records publish cases longer than the base limit (1.010041: 1 working
		// day, 3 when the residence must be verified); they are accepted.
		{"case limit longer", func(p *Procedure) { p.Cases[0].Limits.Online = lim("3", calendar.WorkingDays) }, LoadOptions{}, nil},
		{"case limit equal in other units", func(p *Procedure) { p.Cases[0].Limits.Online = lim("12", calendar.WorkingHours) }, LoadOptions{}, nil},
		{"case limit in another unit kind", func(p *Procedure) { p.Cases[0].Limits.Counter = lim("30", calendar.Days) }, LoadOptions{}, nil},
		{"case limit value", func(p *Procedure) { p.Cases[0].Limits.Counter = lim("-1", calendar.WorkingDays) }, LoadOptions{},
			[]Problem{{Path: "procedures[0].cases[0].limits.counter.value", Rule: "limit_range", En: "value must be greater than 0 and at most 10000", Vi: "giá trị thời hạn phải lớn hơn 0 và không quá 10000"}}},
		{"document without copies", func(p *Procedure) { p.Documents[0].Originals = 0 }, LoadOptions{},
			[]Problem{{Path: "procedures[0].documents[0]", Rule: "document_count", En: "originals and copies are both 0: give at least one, or mark the document presented", Vi: "số bản chính và số bản sao đều bằng 0: cần ít nhất một bản, hoặc ghi \"presented\": true nếu giấy tờ chỉ xuất trình"}}},
		{"presented document", func(p *Procedure) { p.Documents[0].Originals = 0; p.Documents[0].Presented = true }, LoadOptions{}, nil},
		{"case document", func(p *Procedure) { p.Cases[0].Documents = []Document{{Name: "Biên bản", Requirement: Required}} }, LoadOptions{},
			[]Problem{{Path: "procedures[0].cases[0].documents[0]", Rule: "document_count", En: "originals and copies are both 0: give at least one, or mark the document presented", Vi: "số bản chính và số bản sao đều bằng 0: cần ít nhất một bản, hoặc ghi \"presented\": true nếu giấy tờ chỉ xuất trình"}}},
		{"fee amount", func(p *Procedure) { p.Fees[0].Amount = dec("0") }, LoadOptions{},
			[]Problem{{Path: "procedures[0].fees[0].amount", Rule: "fee_positive", En: "amount must be greater than 0", Vi: "mức thu phải lớn hơn 0"}}},
		{"rate on a fixed fee", func(p *Procedure) { p.Fees[0].Rate = dec("1") }, LoadOptions{},
			[]Problem{{Path: "procedures[0].fees[0].rate", Rule: "fee_not_applicable", En: "rate does not apply to fixed fees", Vi: "tỷ lệ thu không áp dụng cho loại phí \"fixed\" (mức cố định)"}}},
		{"percent fee rate", func(p *Procedure) { p.Fees[0] = Fee{ID: "x", Name: "X", Kind: PercentFee, Rate: dec("100.5")} }, LoadOptions{},
			[]Problem{{Path: "procedures[0].fees[0].rate", Rule: "percent_range", En: "rate must be greater than 0 and at most 100", Vi: "tỷ lệ thu phải lớn hơn 0 và không quá 100"}}},
		{"amount on a percent fee", func(p *Procedure) { p.Fees[0].Kind = PercentFee; p.Fees[0].Rate = dec("0.5") }, LoadOptions{},
			[]Problem{{Path: "procedures[0].fees[0].amount", Rule: "fee_not_applicable", En: "amount does not apply to percent fees", Vi: "mức thu không áp dụng cho loại phí \"percent\" (theo tỷ lệ)"}}},
		{"negative minimum", func(p *Procedure) { p.Fees[0].Min = dec("-1") }, LoadOptions{},
			[]Problem{{Path: "procedures[0].fees[0].min", Rule: "fee_negative", En: "min must not be negative", Vi: "mức thu tối thiểu không được âm"}}},
		{"maximum under minimum", func(p *Procedure) { p.Fees[0].Min = dec("5000"); p.Fees[0].Max = dec("2000") }, LoadOptions{},
			[]Problem{{Path: "procedures[0].fees[0].max", Rule: "fee_bounds", En: "max 2000 must not be less than min 5000", Vi: "mức thu tối đa 2000 không được nhỏ hơn mức thu tối thiểu 5000"}}},
		{"duplicate fee", func(p *Procedure) { p.Fees = append(p.Fees, p.Fees[0]) }, LoadOptions{},
			[]Problem{{Path: "procedures[0].fees[1].id", Rule: "duplicate", En: "duplicate fee id \"le-phi\"", Vi: "mã phí \"le-phi\" bị trùng"}}},
		{"case fee", func(p *Procedure) { p.Cases[0].Fees = []Fee{{ID: "a", Name: "A", Kind: FixedFee}} }, LoadOptions{},
			[]Problem{{Path: "procedures[0].cases[0].fees[0].amount", Rule: "fee_positive", En: "amount must be greater than 0", Vi: "mức thu phải lớn hơn 0"}}},
		{"reduction percent", func(p *Procedure) {
			p.Fees[0].OnlineReduction = &Reduction{Percent: dec("0"), From: ymd(2024, 1, 1)}
		}, LoadOptions{},
			[]Problem{{Path: "procedures[0].fees[0].online_reduction.percent", Rule: "percent_range", En: "percent must be greater than 0 and at most 100", Vi: "tỷ lệ giảm phải lớn hơn 0 và không quá 100"}}},
		{"reduction dates", func(p *Procedure) {
			p.Fees[0].OnlineReduction = &Reduction{Percent: dec("50"), From: ymd(2024, 1, 1), To: ymd(2023, 12, 31)}
		}, LoadOptions{},
			[]Problem{{Path: "procedures[0].fees[0].online_reduction.to", Rule: "date_range", En: "to must not be before from (2024-01-01)", Vi: "ngày kết thúc không được trước ngày bắt đầu (2024-01-01)"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := validProcedure()
			tt.mutate(&p)
			got := problemsOf(t, catalogJSON(t, []Procedure{p}, nil), tt.pol)
			dumpProblems(t, got)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}

// TestCatalogRules checks the rules across procedures and groups.
func TestCatalogRules(t *testing.T) {
	v1 := validProcedure()
	v1.EffectiveTo = ymd(2023, 12, 31)
	v2 := validProcedure()
	v2.Version = 2
	v2.EffectiveFrom = ymd(2024, 1, 1)
	local := validProcedure()
	local.Unit = agencyCode("000.00.00.H49")
	death := validProcedure()
	death.Code = "1.000656"
	death.Name = "Thủ tục đăng ký khai tử"
	group := Group{ID: "g", Name: "Nhóm", LeadSector: Justice, Members: []NationalCode{"1.001193", "1.000656"}}

	overlap := v2
	overlap.EffectiveFrom = ymd(2023, 12, 31)
	dupVersion := v2
	dupVersion.Version = 1
	openV1 := v1
	openV1.EffectiveTo = 0

	tests := []struct {
		name   string
		procs  []Procedure
		groups []Group
		want   []Problem
	}{
		{"adjacent versions", []Procedure{v1, v2}, nil, nil},
		{"national and local instance of one code", []Procedure{v1, v2, local}, nil, nil},
		{"overlapping by a day", []Procedure{v1, overlap}, nil,
			[]Problem{{Path: "procedures[1].effective_from", Rule: "version_overlap", En: "version 2 of 1.001193 overlaps version 1 (procedures[0])", Vi: "phiên bản 2 của 1.001193 trùng thời gian hiệu lực với phiên bản 1 (procedures[0])"}}},
		{"open-ended earlier version", []Procedure{v2, openV1}, nil,
			[]Problem{{Path: "procedures[0].effective_from", Rule: "version_overlap", En: "version 2 of 1.001193 overlaps version 1 (procedures[1])", Vi: "phiên bản 2 của 1.001193 trùng thời gian hiệu lực với phiên bản 1 (procedures[1])"}}},
		{"duplicate version", []Procedure{v1, dupVersion}, nil,
			[]Problem{{Path: "procedures[1].version", Rule: "duplicate_version", En: "version 1 of 1.001193 is given twice (also at procedures[0])", Vi: "phiên bản 1 của 1.001193 bị trùng (cũng có ở procedures[0])"}}},
		{"valid group", []Procedure{v2, death}, []Group{group}, nil},
		{"unknown member", []Procedure{v2}, []Group{group},
			[]Problem{{Path: "groups[0].members[1]", Rule: "unknown_member", En: "no procedure 1.000656 in the catalog", Vi: "không có thủ tục 1.000656 trong danh mục"}}},
		{"member code format", []Procedure{v2, death}, []Group{{ID: "g", Name: "N", LeadSector: Justice, Members: []NationalCode{"1.001193", "1.000656.X"}}},
			[]Problem{{Path: "groups[0].members[1]", Rule: "prockey", En: "members[1] \"1.000656.X\" must be a procedure code such as 1.001193 or 1.001193.000.00.00.H49", Vi: "thủ tục thành viên thứ 2 \"1.000656.X\" phải là mã thủ tục dạng 1.001193 hoặc 1.001193.000.00.00.H49"}}},
		{"one member", []Procedure{v2}, []Group{{ID: "g", Name: "N", LeadSector: Justice, Members: []NationalCode{"1.001193"}}},
			[]Problem{{Path: "groups[0].members", Rule: "min", En: "members must contain at least 2 items", Vi: "thủ tục thành viên phải có ít nhất 2 mục"}}},
		{"duplicate group", []Procedure{v2, death}, []Group{group, group},
			[]Problem{{Path: "groups[1].id", Rule: "duplicate", En: "duplicate group id \"g\"", Vi: "mã nhóm \"g\" bị trùng"}}},
		{"empty catalog", nil, nil,
			[]Problem{{Rule: "empty", En: "the catalog has no procedures", Vi: "danh mục không có thủ tục nào"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := problemsOf(t, catalogJSON(t, tt.procs, tt.groups), LoadOptions{})
			dumpProblems(t, got)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}

// TestJSONProblems checks malformed documents: every broken item is reported, never a catalog.
// It compares the decode problems only; TestItemProblemsBesideDecodeProblems checks the others.
func TestJSONProblems(t *testing.T) {
	good := string(catalogJSON(t, []Procedure{validProcedure()}, nil))
	goodProc := good[len(`{"procedures":[`) : len(good)-2]
	tests := []struct {
		name string
		data string
		want []Problem
	}{
		{"syntax", "{\n  \"procedures\": [,]\n}", []Problem{{Rule: "json", En: "malformed JSON at line 2, column 18: invalid character ',' looking for beginning of value", Vi: "JSON sai cú pháp tại dòng 2, cột 18: ký tự ',' không đúng chỗ: cần một giá trị"}}},
		{"empty", "", []Problem{{Rule: "json", En: "the JSON document is empty or cut short", Vi: "tài liệu JSON rỗng hoặc bị cắt cụt"}}},
		{"trailing data", good + " {}", []Problem{{Rule: "json", En: "unexpected data after the catalog document", Vi: "có dữ liệu thừa sau tài liệu danh mục"}}},
		{"unknown top-level key", `{"procedure": []}`, []Problem{{Rule: "unknown_key", En: "unknown key \"procedure\"", Vi: "khóa \"procedure\" không có trong định dạng danh mục"}}},
		{"wrong type, every item reported", `{"procedures": [{"code": 1}, ` + goodProc + `, {"version": "2"}]}`, []Problem{{Path: "procedures[0].code", Rule: "json", En: "code must be a JSON string, not number", Vi: "mã thủ tục phải là chuỗi, không phải số"}, {Path: "procedures[2].version", Rule: "json", En: "version must be a JSON number, not string", Vi: "số phiên bản phải là số, không phải chuỗi"}}},
		{"nested paths", `{"procedures": [{"documents": [{"name": "a"}, {"originals": "1"}]}, {"limits": {"counter": {"unit": 5}}},
		  {"effective_from": 20200101}, {"version": 1e400}, {"fees": [{"amount": "abc"}]},
		  {"cases": [{"limits": {"online": {"value": true}}}]}, {"levels": "commune"}, {"inter_agency": "yes"}]}`, []Problem{{Path: "procedures[0].documents[1].originals", Rule: "json", En: "originals must be a JSON number, not string", Vi: "số bản chính phải là số, không phải chuỗi"}, {Path: "procedures[1].limits.counter.unit", Rule: "json", En: "unit must be a JSON string, not number", Vi: "đơn vị thời hạn phải là chuỗi, không phải số"}, {Path: "procedures[2].effective_from", Rule: "json", En: "effective_from must be a JSON date string (YYYY-MM-DD), not number", Vi: "ngày bắt đầu hiệu lực phải là chuỗi ngày dạng YYYY-MM-DD, không phải số"}, {Path: "procedures[3].version", Rule: "json", En: "version: the number 1e400 is out of range", Vi: "số phiên bản: số 1e400 vượt quá giới hạn"}, {Path: "procedures[4].fees[0].amount", Rule: "json", En: "amount \"abc\" is not a decimal number", Vi: "mức thu \"abc\" không phải là số thập phân"}, {Path: "procedures[5].cases[0].limits.online.value", Rule: "json", En: "value \"true\" is not a decimal number", Vi: "giá trị thời hạn \"true\" không phải là số thập phân"}, {Path: "procedures[6].levels", Rule: "json", En: "levels must be a JSON array, not string", Vi: "cấp thực hiện phải là mảng, không phải chuỗi"}, {Path: "procedures[7].inter_agency", Rule: "json", En: "inter_agency must be a JSON boolean, not string", Vi: "liên thông phải là giá trị true/false, không phải chuỗi"}}},
		{"unknown key in a procedure", `{"procedures": [` + goodProc[:len(goodProc)-1] + `,"colour":"red"}]}`, []Problem{{Path: "procedures[0]", Rule: "unknown_key", En: "unknown key \"colour\"", Vi: "khóa \"colour\" không có trong định dạng danh mục"}}},
		{"dates that do not exist", `{"procedures": [{"effective_from": "2020-13-01"}, {"effective_from": "2021-02-29"}, {"effective_to": "20200701"}]}`, []Problem{{Path: "procedures[2].effective_to", Rule: "json", En: "effective_to \"20200701\" is not a date written YYYY-MM-DD", Vi: "ngày hết hiệu lực \"20200701\" không phải là ngày viết dạng YYYY-MM-DD"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := decodeProblems(problemsOf(t, []byte(tt.data), LoadOptions{}))
			dumpProblems(t, got)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}

// decodeProblems keeps the problems found while decoding.
func decodeProblems(ps []Problem) []Problem {
	var out []Problem
	for _, p := range ps {
		if p.Rule == "json" || p.Rule == "unknown_key" {
			out = append(out, p)
		}
	}
	return out
}

// TestMalformedItem: malformed JSON inside an item is reported where it is in the document.
func TestMalformedItem(t *testing.T) {
	good := string(catalogJSON(t, []Procedure{validProcedure()}, nil))
	goodProc := good[len(`{"procedures":[`) : len(good)-2]
	groupDoc := `{"procedures": [` + goodProc + `], "groups": [{"id": x}]}`
	col := strconv.Itoa(strings.Index(groupDoc, "x}") + 1)
	for _, tt := range []struct{ name, data, en string }{
		{"procedure", "{\"procedures\": [" + goodProc + ",\n{\"code\": 1.2.3}]}", "malformed JSON at line 2, column 13: invalid character '.' after object key:value pair"},
		{"group", groupDoc, "malformed JSON at line 1, column " + col + ": invalid character 'x' looking for beginning of value"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := problemsOf(t, []byte(tt.data), LoadOptions{})
			if len(got) != 1 || got[0].Path != "" || got[0].Rule != "json" || got[0].En != tt.en {
				t.Errorf("problems %v, want one %q", got, tt.en)
			}
		})
	}
}
