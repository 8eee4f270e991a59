package routing

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/motcua-go/motcua/calendar"
	"github.com/motcua-go/motcua/internal/msg"
	"github.com/motcua-go/motcua/procedure"
	"golang.org/x/text/language"
)

// This file holds the Vietnamese texts of the package's messages: the sentinels, the names
// of the fields of route, directory, rule and schedule documents, and of the documents.

// viSentinels are the Vietnamese texts of the sentinels.
var viSentinels = map[error]string{
	ErrSyntax:         "không phải JSON hợp lệ",
	ErrRequired:       "là bắt buộc",
	ErrInvalid:        "không hợp lệ",
	ErrUnknownField:   "không phải là trường đã biết",
	ErrDuplicate:      "bị dùng nhiều lần",
	ErrTooLong:        "quá dài",
	ErrControl:        "chứa ký tự điều khiển",
	ErrEncoding:       "không phải văn bản UTF-8 hợp lệ",
	ErrUnknownStep:    "không phải là bước nào của quy trình",
	ErrCycle:          "nằm trong một vòng lặp",
	ErrStart:          "phải có đúng một bước không có bước trước",
	ErrEnd:            "phải có đúng một bước không có bước sau",
	ErrUnreachable:    "không thể đến được từ bước bắt đầu",
	ErrUnknownAgency:  "không phải là cơ quan đã biết",
	ErrNoAgency:       "không có cơ quan nào",
	ErrUnknownRole:    "không phải là vai trò đã biết",
	ErrAllotment:      "không cộng lại bằng thời hạn giải quyết",
	ErrRestBypassed:   "phải nằm trên mọi đường đi từ bước đầu đến bước cuối",
	ErrNeedsRest:      "là thời gian cố định nên phải có một bước nhận phần còn lại",
	ErrAbolished:      "đã bị bãi bỏ",
	ErrNotYet:         "chưa có hiệu lực",
	ErrLimit:          "không phải là thời hạn dùng được",
	ErrTooShort:       "ngắn hơn tổng thời gian cố định đã phân bổ",
	ErrUnknownRoute:   "không phải là quy trình của bộ",
	ErrBeforeHandOver: "trước thời điểm bước nhận hồ sơ",
	ErrNoRoute:        "không khớp với quy trình nào",
	ErrNotConsult:     "được khai báo cho bước không phải là bước lấy ý kiến",
	ErrBeforeReceipt:  "trước thời điểm tiếp nhận hồ sơ",
	ErrPredecessor:    "được ghi nhận khi một bước trước nó chưa hoàn thành",
}

// moreProblems counts the problems a ValidationError leaves out.
func moreProblems(n int, lang language.Tag) string { return msg.More(n, lang) }

// docVi names the documents of ValidationError.Name in Vietnamese.
var docVi = map[string]string{
	"directory": "danh mục cơ quan",
	"rules":     "quy tắc chọn quy trình",
	"set":       "bộ quy trình",
	"schedule":  "kế hoạch xử lý",
	"progress":  "tiến độ xử lý",
}

// docName returns the name of a ValidationError's document in lang: a document's kind, or
// a route's name.
func docName(name string, lang language.Tag) string {
	if name == "" {
		return ""
	}
	if msg.Vietnamese(lang) {
		if s, ok := docVi[name]; ok {
			return s
		}
		return "quy trình " + echoID(name)
	}
	return echoID(name)
}

// fieldNames holds the Vietnamese name of each JSON key of the documents: as an item of a
// list (with its number) and as a whole.
var fieldNames = map[string]struct{ item, whole string }{
	"$":                     {"", "tài liệu"},
	"units":                 {"đơn vị", "danh sách đơn vị"},
	"steps":                 {"bước", "danh sách bước"},
	"rules":                 {"quy tắc", "danh sách quy tắc"},
	"routes":                {"quy trình", "danh sách quy trình"},
	"after":                 {"bước trước", "danh sách bước trước"},
	"roles":                 {"vai trò", "danh sách vai trò"},
	"basis":                 {"căn cứ pháp lý", "danh sách căn cứ pháp lý"},
	"code":                  {"", "mã"},
	"name":                  {"", "tên"},
	"level":                 {"", "cấp"},
	"parent":                {"", "đơn vị cấp trên"},
	"from":                  {"", "ngày bắt đầu hiệu lực"},
	"until":                 {"", "ngày hết hiệu lực"},
	"successor":             {"", "đơn vị kế thừa"},
	"note":                  {"", "ghi chú"},
	"id":                    {"", "mã bước"},
	"agency":                {"", "cơ quan"},
	"agency code":           {"", "mã cơ quan"},
	"role":                  {"", "vai trò"},
	"task":                  {"", "nhiệm vụ"},
	"share":                 {"", "phần thời hạn"},
	"consult":               {"", "phần lấy ý kiến"},
	"limit":                 {"", "thời hạn"},
	"silence_means_consent": {"", "im lặng là đồng ý"},
	"kind":                  {"", "loại liên thông"},
	"title":                 {"", "tiêu đề"},
	"lead":                  {"", "bước chủ trì"},
	"route":                 {"", "quy trình"},
	"channel":               {"", "kênh nộp"},
	"procedure":             {"", "mã thủ tục"},
	"case":                  {"", "trường hợp"},
	"province":              {"", "tỉnh"},
	"commune":               {"", "xã"},
	"default":               {"", "quy trình mặc định"},
	"received":              {"", "thời điểm tiếp nhận"},
	"due":                   {"", "hạn xử lý"},
	"total":                 {"", "tổng thời gian làm việc"},
	"allotted":              {"", "thời gian được giao"},
	"start":                 {"", "thời điểm bắt đầu"},
	"own":                   {"", "hạn riêng của bước"},
	"step":                  {"", "mã bước"},
	"finished":              {"", "thời điểm hoàn thành"},
}

// fieldVi names a JSON path in Vietnamese words, the innermost part first:
// "steps[2].after[0]" is "bước trước thứ 1 của bước thứ 3". A key the documents do not have
// (an unknown field) is quoted.
func fieldVi(path string) string {
	parts := strings.Split(path, ".")
	words := make([]string, 0, len(parts))
	for i := len(parts) - 1; i >= 0; i-- {
		words = append(words, segmentVi(parts[i]))
		if len(words) == 8 {
			words = append(words, "…")
			break
		}
	}
	return strings.Join(words, " của ")
}

func segmentVi(seg string) string {
	key, index := seg, -1
	if k, rest, ok := strings.Cut(seg, "["); ok && strings.HasSuffix(rest, "]") {
		if n, err := strconv.Atoi(rest[:len(rest)-1]); err == nil && n >= 0 {
			key, index = k, n
		}
	}
	names, ok := fieldNames[key]
	switch {
	case !ok:
		s := "trường " + msg.Quote(key)
		if index >= 0 {
			s += " thứ " + strconv.Itoa(index+1)
		}
		return s
	case index >= 0 && names.item != "":
		return names.item + " thứ " + strconv.Itoa(index+1)
	case index >= 0:
		return names.whole + " thứ " + strconv.Itoa(index+1)
	}
	return names.whole
}

// jsonTypeVi names a JSON type in Vietnamese.
func jsonTypeVi(t string) string {
	switch t {
	case "number":
		return "một số"
	case "string":
		return "một chuỗi"
	case "bool":
		return "một giá trị đúng/sai"
	case "array":
		return "một mảng"
	case "object":
		return "một đối tượng"
	}
	return "một giá trị " + msg.Quote(t)
}

// channelText names a submission channel in lang.
func channelText(ch procedure.Channel, lang language.Tag) string {
	if msg.Vietnamese(lang) {
		switch ch {
		case procedure.Counter:
			return "trực tiếp"
		case procedure.Online:
			return "trực tuyến"
		case procedure.Postal:
			return "bưu chính"
		}
		return "kênh " + strconv.Itoa(int(ch))
	}
	return ch.String()
}

// limitText writes a limit given in the compact form of route files ("3wd") in words ("3
// working days", "3 ngày làm việc"); a text that is no limit is quoted.
func limitText(s string, lang language.Tag) string {
	if l, err := calendar.ParseLimit(s); err == nil {
		return l.Text(lang)
	}
	return msg.Quote(s)
}

// echoID repeats an identifier (a route name, a role, a procedure code) as it is, cut at 64
// characters, or quoted if it has spaces, control characters or bytes that are not UTF-8.
func echoID(s string) string {
	c := msg.Clip(s)
	for _, r := range c {
		if r == utf8.RuneError || unicode.IsSpace(r) || !unicode.IsPrint(r) {
			return msg.Quote(s)
		}
	}
	return c
}
