package procedure

import (
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
	"golang.org/x/text/language"

	"github.com/motcua-go/motcua/calendar"
	"github.com/motcua-go/motcua/internal/msg"
)

// This file holds the texts of the package's messages: the Vietnamese of the sentinels, the
// names of the catalog's fields, and the messages of every rule in English and Vietnamese.
// A Vietnamese message names fields in Vietnamese and quotes the literal values a catalog
// file may hold ("working_days", "commune"); it repeats no English text.

// viText returns the Vietnamese text of a sentinel.
func viText(err error) string {
	switch err {
	case ErrInvalidCatalog, ErrInvalid:
		return "không hợp lệ"
	case ErrUnknownCode:
		return "không có trong danh mục thủ tục"
	case ErrNotInForce:
		return "không có phiên bản còn hiệu lực vào thời điểm đó"
	case ErrUnknownCase:
		return "không phải là trường hợp của thủ tục"
	case ErrChannelNotOffered:
		return "không phải là hình thức nộp hồ sơ của thủ tục"
	case ErrMissingInput:
		return "cần một giá trị đầu vào chưa được cung cấp"
	case ErrNegativeInput:
		return "không được âm"
	case ErrInputRange:
		return "vượt quá giới hạn cho phép"
	case ErrLimitNotPublished:
		return "không có thời hạn giải quyết được công bố"
	case ErrNilCatalog:
		return "không tra cứu được: chưa nạp danh mục"
	case ErrNilProcedure:
		return "không trả lời được: chưa tra cứu thủ tục"
	case ErrDateFormat:
		return "không phải là ngày viết dạng YYYY-MM-DD"
	case ErrNoSuchDate:
		return "không phải là một ngày có trên lịch"
	case ErrControl:
		return "chứa ký tự NUL hoặc ký tự điều khiển khác"
	case ErrEncoding:
		return "không phải là văn bản UTF-8 hợp lệ"
	case ErrTooLong:
		return "quá dài"
	}
	return "không hợp lệ"
}

// fieldVi names a field of FieldError in Vietnamese.
func fieldVi(field string) string {
	switch field {
	case "channel":
		return "kênh nộp hồ sơ"
	case "level":
		return "cấp thực hiện"
	case "agency code":
		return "mã cơ quan"
	case "date":
		return "ngày"
	}
	return "giá trị"
}

// channelVi names a channel in Vietnamese; "" for a text that names none.
func channelVi(name string) string {
	switch name {
	case "counter":
		return "trực tiếp"
	case "online":
		return "trực tuyến"
	case "postal":
		return "bưu chính"
	}
	return ""
}

// inputVi translates the fee input named in a UseError.
func inputVi(suffix string) string {
	switch suffix {
	case quantityInput:
		return " (số lượng)"
	case declaredValueInput:
		return " (giá trị kê khai)"
	case submissionTimeInput:
		return " (thời điểm nộp)"
	case copiesInput:
		return " (số bản)"
	case channelInput:
		return " (hình thức nộp)"
	}
	return suffix
}

// validationHeading opens the message of a ValidationError.
func validationHeading(lang language.Tag, total, listed int) string {
	if msg.Vietnamese(lang) {
		s := "danh mục thủ tục không hợp lệ (" + strconv.Itoa(total) + " lỗi"
		if listed < total {
			s += "; liệt kê " + strconv.Itoa(listed) + " lỗi đầu"
		}
		return s + "):"
	}
	s := "the procedure catalog " + ErrInvalidCatalog.Error() + " (" + msg.Plural(total, "problem", "problems")
	if listed < total {
		s += "; the first " + strconv.Itoa(listed) + " listed"
	}
	return s + "):"
}

// moreProblems is the last line of a ValidationError that lists only the first problems.
func moreProblems(lang language.Tag, n int) string {
	if msg.Vietnamese(lang) {
		return "… và " + strconv.Itoa(n) + " lỗi khác"
	}
	return "… and " + msg.Plural(n, "more problem", "more problems")
}

// decText writes a decimal from the input for a message: as written when its exponent is small,
// else as coefficient and exponent ("1e-100000"), so that a tiny exponent cannot spell out a
// long string of zeros; then cut at 64 characters.
func decText(d decimal.Decimal) string {
	if e := d.Exponent(); e < -msg.MaxEcho || e > msg.MaxEcho {
		return msg.Clip(d.Coefficient().String() + "e" + strconv.Itoa(int(e)))
	}
	return msg.Clip(d.String())
}

// unitVi names a unit of a time limit in Vietnamese.
func unitVi(u calendar.Unit) string {
	switch u {
	case calendar.WorkingDays:
		return "ngày làm việc"
	case calendar.WorkingHours:
		return "giờ làm việc"
	case calendar.Days:
		return "ngày"
	case calendar.Months:
		return "tháng"
	case calendar.Hours:
		return "giờ"
	}
	return u.String()
}

// limitText writes a published limit for a message, e.g. "1.5 working_days" and "1.5 ngày làm
// việc".
func limitText(l *PublishedLimit) (en, vi string) {
	v := decText(l.Value)
	return v + " " + l.Unit.String(), v + " " + unitVi(l.Unit)
}

// keyVi holds the Vietnamese names of the catalog's keys, for the keys whose name does not
// depend on where they are.
var keyVi = map[string]string{
	"version": "số phiên bản", "effective_from": "ngày bắt đầu hiệu lực", "effective_to": "ngày hết hiệu lực",
	"name": "tên", "sector": "ngành", "field": "lĩnh vực", "levels": "cấp thực hiện",
	"competent_agency": "cơ quan có thẩm quyền", "receiving_agency": "cơ quan tiếp nhận",
	"limits": "thời hạn giải quyết", "counter": "thời hạn nộp trực tiếp", "postal": "thời hạn nộp qua bưu chính",
	"value": "giá trị thời hạn", "same_day": "quy định giải quyết trong ngày", "cutoff": "giờ chốt tiếp nhận",
	"cases": "các trường hợp", "documents": "thành phần hồ sơ", "originals": "số bản chính", "copies": "số bản sao",
	"presented": "xuất trình", "requirement": "yêu cầu", "condition": "điều kiện", "form": "mẫu đơn, tờ khai",
	"fees": "phí, lệ phí", "kind": "loại phí", "amount": "mức thu", "per": "đơn vị tính", "rate": "tỷ lệ thu",
	"min": "mức thu tối thiểu", "max": "mức thu tối đa", "exemptions": "đối tượng được miễn",
	"online_reduction": "mức giảm khi nộp trực tuyến", "percent": "tỷ lệ giảm", "from": "ngày bắt đầu",
	"to": "ngày kết thúc", "basis": "văn bản quy định", "results": "kết quả", "legacy_online_level": "mức độ dịch vụ công trực tuyến cũ",
	"legal_basis": "căn cứ pháp lý", "inter_agency": "liên thông", "route": "quy trình liên thông", "nationwide": "tiếp nhận không phụ thuộc địa giới hành chính trên toàn quốc", "note": "ghi chú",
	"lead_sector": "ngành chủ trì", "members": "thủ tục thành viên", "procedures": "thủ tục", "groups": "nhóm",
	"clock": "cách tính thời hạn", "start": "thời điểm bắt đầu tính thời hạn", "start_text": "mô tả thời điểm bắt đầu",
	"pauses": "thời gian không tính vào thời hạn", "length": "độ dài", "applicant": "thời gian của người nộp",
	"tiers": "các bậc mức thu", "up_to": "số đơn vị tối đa của bậc", "per_copy": "tính theo bản",
	"channels": "hình thức nộp áp dụng", "currency": "loại tiền", "unpublished": "chưa công bố",
}

// keyOf splits the last segment of a JSON path into its key and its index, if any:
// "procedures[0].levels[2]" gives "levels", 2, true and its parent key "procedures".
func keyOf(path string) (key string, index int, indexed bool, parent string) {
	last := path[strings.LastIndexByte(path, '.')+1:]
	rest := strings.TrimSuffix(path[:max(0, strings.LastIndexByte(path, '.'))], "")
	key = last
	if i := strings.IndexByte(last, '['); i >= 0 {
		key = last[:i]
		n, err := strconv.Atoi(strings.TrimSuffix(last[i+1:], "]"))
		index, indexed = n, err == nil
	}
	if j := strings.LastIndexByte(rest, '.'); j >= 0 {
		rest = rest[j+1:]
	}
	if i := strings.IndexByte(rest, '['); i >= 0 {
		rest = rest[:i]
	}
	return key, index, indexed, rest
}

// nameEn names the value at path in English messages: its key as written, with its index
// ("legal_basis[0]").
func nameEn(path string) string { return path[strings.LastIndexByte(path, '.')+1:] }

// nameVi names the value at path in Vietnamese messages, e.g. "căn cứ pháp lý thứ 1" for
// "procedures[0].legal_basis[0]".
func nameVi(path string) string {
	key, i, indexed, parent := keyOf(path)
	name, ok := keyVi[key]
	switch key {
	case "code":
		switch parent {
		case "competent_agency", "receiving_agency":
			name = "mã cơ quan"
		case "results":
			name = "mã kết quả"
		default:
			name = "mã thủ tục"
		}
		ok = true
	case "unit":
		name, ok = "đơn vị thực hiện", true
		if parent == "counter" || parent == "online" || parent == "postal" || parent == "length" {
			name = "đơn vị thời hạn"
		}
	case "online":
		name, ok = "mức độ dịch vụ công trực tuyến", true
		if parent == "limits" {
			name = "thời hạn nộp trực tuyến"
		}
	case "id":
		ok = true
		switch parent {
		case "cases":
			name = "mã trường hợp"
		case "fees":
			name = "mã phí"
		case "groups":
			name = "mã nhóm"
		default:
			name = "mã"
		}
	case "name":
		switch parent {
		case "procedures":
			name = "tên thủ tục"
		case "competent_agency", "receiving_agency":
			name = "tên cơ quan"
		case "cases":
			name = "tên trường hợp"
		case "documents":
			name = "tên giấy tờ"
		case "fees":
			name = "tên phí"
		case "results":
			name = "tên kết quả"
		case "groups":
			name = "tên nhóm"
		}
	}
	if !ok {
		name = "giá trị"
	}
	if indexed {
		name += " thứ " + strconv.Itoa(i+1)
	}
	return name
}

// enumValues lists the values of each enumeration, with their Vietnamese meaning.
func enumValues(tag string) (values, vi []string) {
	switch tag {
	case "sector":
		return []string{"justice", "land", "construction", "business", "culture", "labour", "environment",
				"health", "education", "transport", "security", "finance", "agriculture", "other"},
			[]string{"tư pháp", "đất đai", "xây dựng", "đăng ký kinh doanh", "văn hóa", "lao động", "môi trường",
				"y tế", "giáo dục", "giao thông", "công an", "tài chính", "nông nghiệp", "khác"}
	case "level":
		return []string{"central", "province", "district", "commune", "other"}, []string{"trung ương", "tỉnh", "huyện", "xã", "cơ quan khác"}
	case "unit":
		return []string{"working_days", "working_hours", "days", "months", "hours"},
			[]string{"ngày làm việc", "giờ làm việc", "ngày", "tháng", "giờ"}
	case "clockstart":
		return []string{"reception", "complete_dossier", "fee_paid", "other"},
			[]string{"tiếp nhận hồ sơ", "nhận đủ hồ sơ hợp lệ", "nộp phí, lệ phí", "sự kiện khác"}
	case "onlinelevel":
		return []string{"full", "partial", "none"}, []string{"toàn trình", "một phần", "không cung cấp"}
	case "requirement":
		return []string{"required", "conditional"}, []string{"bắt buộc", "theo điều kiện"}
	case "feekind":
		return []string{"fixed", "per_unit", "percent", "council", "unpublished"},
			[]string{"mức cố định", "theo đơn vị tính", "theo tỷ lệ", "do HĐND cấp tỉnh quyết định", "chưa công bố mức thu"}
	}
	return nil, nil
}

// enumIsValid reports whether s is a value of the enumeration tag.
func enumIsValid(tag, s string) bool {
	values, _ := enumValues(tag)
	for _, v := range values {
		if v == s {
			return true
		}
	}
	return false
}

// enumVi lists the values of an enumeration for a Vietnamese message: `"justice" (tư pháp), …`.
func enumVi(tag string) string {
	values, vi := enumValues(tag)
	parts := make([]string, len(values))
	for i, v := range values {
		parts[i] = `"` + v + `" (` + vi[i] + `)`
	}
	return strings.Join(parts, ", ")
}

// ruleText returns the message of a field rule (the validate tags, checked by fieldChecker,
// and the values the decoder refuses) for the value at path; value is the value given, "" when
// there is none to repeat.
func ruleText(tag, param, path, value string) (en, vi string) {
	fe, fv := nameEn(path), nameVi(path)
	if n, ok := strings.CutPrefix(value, "#"); ok {
		fe, fv = fe+" "+n, fv+" "+n
	} else if value != "" {
		q := msg.Quote(value)
		fe, fv = fe+" "+q, fv+" "+q
	}
	switch tag {
	case "required", "required_if":
		return fe + " is a required field", fv + " không được bỏ trống"
	case "min":
		n, _ := strconv.Atoi(param)
		return fe + " must contain at least " + msg.Plural(n, "item", "items"), fv + " phải có ít nhất " + param + " mục"
	case "gte":
		return fe + " must be " + param + " or greater", fv + " phải lớn hơn hoặc bằng " + param
	case "lte":
		return fe + " must be " + param + " or less", fv + " phải nhỏ hơn hoặc bằng " + param
	case "unique":
		return fe + " must not list a value twice", fv + " có giá trị bị lặp lại"
	case "ttcode":
		return fe + " must be a national procedure code such as 1.001193",
			fv + " phải là mã thủ tục hành chính quốc gia dạng 1.001193"
	case "prockey":
		return fe + " must be a procedure code such as 1.001193 or 1.001193.000.00.00.H49",
			fv + " phải là mã thủ tục dạng 1.001193 hoặc 1.001193.000.00.00.H49"
	case "agencycode":
		return fe + " must be an agency code such as 000.00.12.H49 or H49.12",
			fv + " phải là mã cơ quan dạng 000.00.12.H49 hoặc H49.12"
	case "resultcode":
		return fe + " must be a result code such as KQ.G15.000031", fv + " phải là mã kết quả dạng KQ.G15.000031"
	case "currency":
		return fe + " must be an ISO 4217 currency code such as VND or USD", fv + " phải là mã tiền tệ ISO 4217, ví dụ VND hoặc USD"
	case "clock":
		return fe + " must be a time of day HH:MM such as 15:00", fv + " phải là giờ trong ngày dạng HH:MM, ví dụ 15:00"
	case "unit":
		return fe + " must be one of: working_days, working_hours, days, months, hours (or a spelling such as \"ngày làm việc\")",
			fv + " phải là một trong các đơn vị: " + enumVi(tag)
	case "too_long_id", "too_long_name", "too_long_text":
		n := map[string]int{"too_long_id": MaxIDLen, "too_long_name": MaxNameLen, "too_long_text": MaxTextLen}[tag]
		return fe + " is longer than " + strconv.Itoa(n) + " characters", fv + " dài quá " + strconv.Itoa(n) + " ký tự"
	case "control":
		return fe + " " + ErrControl.Error(), fv + " " + viText(ErrControl)
	}
	values, _ := enumValues(tag)
	return fe + " must be one of: " + strings.Join(values, ", "), fv + " phải là một trong các giá trị: " + enumVi(tag)
}

// problem builds a problem of a rule across fields or items. Its arguments are input values,
// cut at 64 characters, except the origins of duplicate_version and version_overlap ("file:
// procedures[3]"), given whole.
func problem(file, path, rule string, args ...string) Problem {
	o := func(i int) string {
		if i < len(args) {
			return args[i]
		}
		return ""
	}
	a := func(i int) string { return msg.Clip(o(i)) }
	var en, vi string
	switch rule {
	case "date_range": // path, the path of the other date, its value
		en = nameEn(path) + " must not be before " + nameEn(o(0)) + " (" + a(1) + ")"
		vi = nameVi(path) + " không được trước " + nameVi(o(0)) + " (" + a(1) + ")"
	case "district_abolished":
		en = "the district level is abolished from " + a(0) + ": a version at district level must end by " + a(1)
		vi = "không còn cấp huyện từ ngày " + a(0) + ": phiên bản có cấp huyện phải hết hiệu lực chậm nhất ngày " + a(1)
	case "limits_empty":
		en = "at least one channel (counter, online, postal) needs a time limit"
		vi = "phải có thời hạn giải quyết cho ít nhất một hình thức nộp (trực tiếp, trực tuyến, bưu chính)"
	case "limit_range":
		en = "value must be greater than 0 and at most 10000"
		vi = "giá trị thời hạn phải lớn hơn 0 và không quá 10000"
	case "limit_hours": // limit (en), limit (vi)
		en = a(0) + " is not a whole number of working hours (1 working day = 8 hours)"
		vi = a(1) + " không quy đổi được thành số giờ làm việc nguyên (1 ngày làm việc = 8 giờ)"
	case "limit_integer": // limit (en), limit (vi), unit (en), unit (vi)
		en = a(0) + " must be a whole number of " + a(2)
		vi = a(1) + " phải là số nguyên " + a(3)
	case "online_not_offered":
		en = "an online time limit is given but online is \"none\""
		vi = "có thời hạn nộp trực tuyến nhưng mức độ dịch vụ công trực tuyến là \"none\" (không cung cấp)"
	case "same_day_limit": // channel, limit (en), limit (vi)
		en = "a same-day procedure cannot have the " + a(0) + " limit " + a(1) + ", longer than 1 working day"
		vi = "thủ tục giải quyết trong ngày không thể có thời hạn nộp " + channelVi(o(0)) + " là " + a(2) + ", dài hơn 1 ngày làm việc"
	case "duplicate": // the value given twice
		_, _, _, parent := keyOf(path)
		what := map[string]string{"cases": "case id", "fees": "fee id", "groups": "group id"}[parent]
		if what == "" {
			what = nameEn(path)
		}
		en = "duplicate " + what + " " + msg.Quote(o(0))
		vi = nameVi(path) + " " + msg.Quote(o(0)) + " bị trùng"
	case "case_channel": // channel
		en = "the procedure has no " + a(0) + " time limit for a case to replace"
		vi = "thủ tục không có thời hạn nộp " + channelVi(o(0)) + " để trường hợp thay thế"
	case "limit_unpublished":
		en = "a limit marked unpublished gives no value (and a pause's length must be published)"
		vi = "thời hạn ghi là chưa công bố thì không ghi giá trị (độ dài khoảng thời gian không tính phải được công bố)"
	case "tiers_amount":
		en = "amount must not be given with tiers: each tier gives its amount"
		vi = "không ghi mức thu khi đã có các bậc: mỗi bậc ghi mức thu của mình"
	case "tier_order":
		en = nameEn(path) + " must be greater than the tier before, and absent on the last tier"
		vi = "số đơn vị tối đa của bậc phải lớn hơn của bậc trước, và không ghi ở bậc cuối"
	case "document_count":
		en = "originals and copies are both 0: give at least one, or mark the document presented"
		vi = "số bản chính và số bản sao đều bằng 0: cần ít nhất một bản, hoặc ghi \"presented\": true nếu giấy tờ chỉ xuất trình"
	case "fee_positive":
		en = nameEn(path) + " must be greater than 0"
		vi = nameVi(path) + " phải lớn hơn 0"
	case "fee_negative":
		en = nameEn(path) + " must not be negative"
		vi = nameVi(path) + " không được âm"
	case "fee_not_applicable": // the kind of fee
		values, kinds := enumValues("feekind")
		kindVi := o(0)
		for i, k := range values {
			if k == o(0) {
				kindVi = `"` + k + `" (` + kinds[i] + `)`
			}
		}
		en = nameEn(path) + " does not apply to " + a(0) + " fees"
		vi = nameVi(path) + " không áp dụng cho loại phí " + kindVi
	case "percent_range":
		en = nameEn(path) + " must be greater than 0 and at most 100"
		vi = nameVi(path) + " phải lớn hơn 0 và không quá 100"
	case "decimal_range": // the value
		en = nameEn(path) + " " + a(0) + " has more digits than an amount, rate or limit can have (at most " +
			strconv.Itoa(maxIntDigits) + " before and " + strconv.Itoa(maxFracDigits) + " after the point)"
		vi = nameVi(path) + " " + a(0) + " có nhiều chữ số hơn mức một số tiền, tỷ lệ hoặc thời hạn có thể có (tối đa " +
			strconv.Itoa(maxIntDigits) + " chữ số phần nguyên và " + strconv.Itoa(maxFracDigits) + " chữ số thập phân)"
	case "fee_bounds": // max, min
		en = "max " + a(0) + " must not be less than min " + a(1)
		vi = "mức thu tối đa " + a(0) + " không được nhỏ hơn mức thu tối thiểu " + a(1)
	case "duplicate_version": // version, code, origin of the other
		en = "version " + a(0) + " of " + a(1) + " is given twice (also at " + o(2) + ")"
		vi = "phiên bản " + a(0) + " của " + a(1) + " bị trùng (cũng có ở " + o(2) + ")"
	case "version_overlap": // version, code, other version, its origin
		en = "version " + a(0) + " of " + a(1) + " overlaps version " + a(2) + " (" + o(3) + ")"
		vi = "phiên bản " + a(0) + " của " + a(1) + " trùng thời gian hiệu lực với phiên bản " + a(2) + " (" + o(3) + ")"
	case "unknown_member": // code
		en = "no procedure " + a(0) + " in the catalog"
		vi = "không có thủ tục " + a(0) + " trong danh mục"
	case "empty":
		en = "the catalog has no procedures"
		vi = "danh mục không có thủ tục nào"
	case "key_case": // the key as written, the field's name
		en = "key " + msg.Quote(o(0)) + " must be written " + msg.Quote(o(1)) + " (keys are matched exactly)"
		vi = "khóa " + msg.Quote(o(0)) + " phải viết là " + msg.Quote(o(1)) + " (khóa phân biệt chữ hoa, chữ thường)"
	case "duplicate_key": // the key as written, the key that named the field first
		en = "key " + msg.Quote(o(0)) + " repeats " + msg.Quote(o(1)) + ": a field is given once"
		vi = "khóa " + msg.Quote(o(0)) + " lặp lại " + msg.Quote(o(1)) + ": mỗi trường chỉ được ghi một lần"
	case "unknown_key": // the key
		en = "unknown key " + msg.Quote(o(0))
		vi = "khóa " + msg.Quote(o(0)) + " không có trong định dạng danh mục"
	case "encoding":
		en = "the text " + ErrEncoding.Error() + " (the file must be saved as UTF-8)"
		vi = "văn bản " + viText(ErrEncoding) + " (tệp phải được lưu dạng UTF-8)"
	}
	return Problem{File: file, Path: path, Rule: rule, En: en, Vi: vi}
}

// syntaxVi translates the text of an encoding/json syntax error, e.g. "invalid character ','
// looking for beginning of value".
func syntaxVi(text string) string {
	if rest, ok := strings.CutPrefix(text, "invalid character "); ok {
		// The character is quoted by the decoder: 'x', or '\n' and the like.
		ch, where := rest, ""
		if i := strings.LastIndex(rest, "' "); i >= 0 {
			ch, where = rest[:i+1], rest[i+2:]
		}
		s := "ký tự " + ch + " không đúng chỗ"
		switch where {
		case "looking for beginning of value":
			s += ": cần một giá trị"
		case "looking for beginning of object key string":
			s += ": cần tên khóa trong dấu ngoặc kép"
		case "after object key":
			s += ": sau tên khóa cần dấu ':'"
		case "after object key:value pair":
			s += ": cần dấu ',' hoặc '}'"
		case "after array element":
			s += ": cần dấu ',' hoặc ']'"
		case "in string literal":
			s += " trong chuỗi"
		case "in numeric literal":
			s += " trong số"
		case "in string escape code":
			s += " trong chuỗi thoát"
		case "after top-level value":
			s += ": sau giá trị ngoài cùng"
		}
		return s
	}
	if text == "unexpected end of JSON input" {
		return "tài liệu bị cắt cụt"
	}
	return "cú pháp không hợp lệ"
}
