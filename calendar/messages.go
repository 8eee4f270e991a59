package calendar

import (
	"strconv"
	"strings"

	"github.com/motcua-go/motcua/internal/msg"
	"golang.org/x/text/language"
)

var englishTag = language.English

// viSentinel holds the Vietnamese text of each sentinel error.
var viSentinel = map[error]string{
	ErrBadHeader: `không phải dòng tiêu đề "date,kind,name,source" (có thể thêm cột "provisional")`,
	ErrSyntax:    "sai cú pháp",
	ErrBadDate:   "không phải ngày viết theo dạng năm-tháng-ngày (YYYY-MM-DD)",
	ErrUnknownKind: `không phải loại ngày hợp lệ: "holiday" (ngày lễ, Tết), "compensatory" (nghỉ bù), ` +
		`"swapped_off" (nghỉ hoán đổi), "makeup_workday" (làm bù), "closure" (nghỉ đột xuất), ` +
		`"workday" (ngày làm việc), "weekend" (nghỉ hằng tuần)`,
	ErrFieldRequired: "là bắt buộc",
	ErrDuplicateDate: "bị khai báo hai lần",
	ErrOutOfRange:    "nằm ngoài phạm vi hỗ trợ",
	ErrKindMismatch:  "không phù hợp với thứ trong tuần",
	ErrBadValue:      "không phải giá trị hợp lệ",
	ErrBadHours:      "không phải danh sách buổi làm việc hợp lệ (giờ bắt đầu trước giờ kết thúc, theo thứ tự, trong ngày)",
	ErrBadLimit:      `không phải thời hạn dạng "số đơn vị" (đơn vị: ngày làm việc, giờ làm việc, ngày, tháng)`,
	ErrBadUnit:       "không phải đơn vị thời hạn (ngày làm việc, giờ làm việc, ngày, tháng)",
	ErrBadTimeOfDay:  "không phải giờ trong ngày dạng giờ:phút (HH:MM, từ 00:00 đến 23:59)",
	ErrControl:       "chứa ký tự NUL hoặc ký tự điều khiển",
	ErrEncoding:      "không phải văn bản UTF-8 hợp lệ",
	ErrTooLong:       "dài quá 200 ký tự",
	ErrUnknownField:  `không phải trường của một dòng lịch nghỉ (các trường: "date", "kind", "name", "source", "provisional")`,
	ErrNoSuchDate:    "không có trên lịch (tháng đó không có ngày này)",
	ErrWrongType:     "sai kiểu dữ liệu JSON",
}

// sentinelText returns the text of err in lang.
func sentinelText(err error, lang language.Tag) string {
	if err == nil {
		return ""
	}
	if v, ok := viSentinel[err]; ok && msg.Vietnamese(lang) {
		return v
	}
	return err.Error()
}

// viScheduleField names the fields of a schedule row in Vietnamese.
var viScheduleField = map[string]string{
	"date":        "ngày",
	"kind":        "loại ngày",
	"name":        "tên",
	"source":      "văn bản nguồn",
	"provisional": "đánh dấu tạm tính",
	"header":      "dòng tiêu đề",
	"row":         "dòng",
}

// viKind gives the Vietnamese name of each kind of day, by its text form.
var viKind = map[string]string{
	"workday":        "ngày làm việc",
	"weekend":        "nghỉ hằng tuần",
	"holiday":        "ngày lễ, Tết",
	"compensatory":   "nghỉ bù",
	"swapped_off":    "nghỉ hoán đổi",
	"makeup_workday": "làm bù",
	"closure":        "nghỉ đột xuất",
}

// jsonTypes gives the names of JSON types in English and Vietnamese.
var jsonTypes = map[string][2]string{
	"string": {"text", "chuỗi văn bản"},
	"number": {"a number", "số"},
	"bool":   {"true or false", "giá trị đúng/sai"},
	"array":  {"an array", "mảng"},
	"object": {"an object", "đối tượng"},
}

// expectedType returns what a schedule field holds in JSON, in English and Vietnamese.
func expectedType(field string) [2]string {
	switch field {
	case "provisional":
		return jsonTypes["bool"]
	case "":
		return jsonTypes["object"]
	}
	return jsonTypes["string"]
}

// quoteValue quotes v for a message, with the Vietnamese name of a kind of day after it.
func quoteValue(v string, vi bool) string {
	q := msg.Quote(v)
	if k, ok := viKind[v]; ok && vi {
		q += " (" + k + ")"
	}
	return q
}

// Message returns the message in the language lang (Vietnamese for any tag whose base is vi,
// English otherwise), without the "calendar:" prefix of Error: `lịch nghỉ, dòng 3: ngày
// "2026-02-30" không có trên lịch (tháng đó không có ngày này)`.
func (e *ScheduleError) Message(lang language.Tag) string {
	vi := msg.Vietnamese(lang)
	var b strings.Builder
	if vi {
		b.WriteString("lịch nghỉ, dòng ")
	} else {
		b.WriteString("schedule line ")
	}
	b.WriteString(strconv.Itoa(e.Line))
	if e.Field == "" && e.Value == "" && e.Err != ErrWrongType {
		b.WriteByte(' ')
		b.WriteString(sentinelText(e.Err, lang))
		return b.String()
	}
	b.WriteString(": ")
	if e.Err == ErrWrongType {
		t, want := jsonTypes[e.Value], expectedType(e.Field)
		field := e.Field
		if vi {
			field = viScheduleField[e.Field]
			if field == "" {
				field = "dòng"
			}
			b.WriteString(field + " là " + t[1] + ", không phải " + want[1] + " (sai kiểu dữ liệu JSON)")
		} else {
			if field == "" {
				field = "row"
			}
			b.WriteString(field + " is " + t[0] + ", not " + want[0] + " (wrong JSON type)")
		}
		return b.String()
	}
	if e.Field != "" {
		f := e.Field
		if v, ok := viScheduleField[f]; ok && vi {
			f = v
		}
		b.WriteString(f)
		b.WriteByte(' ')
	}
	if e.Value != "" {
		b.WriteString(quoteValue(e.Value, vi))
		b.WriteByte(' ')
	}
	b.WriteString(sentinelText(e.Err, lang))
	return b.String()
}

// viOption names the options of New in Vietnamese.
var viOption = map[string]string{
	"WithOfficeHours":      "giờ hành chính",
	"WithSeasons":          "giờ hành chính theo mùa",
	"WithReception":        "giờ tiếp nhận ngày nghỉ hằng tuần",
	"WithOverrides":        "ngày điều chỉnh riêng",
	"WithSchedule":         "tệp lịch nghỉ",
	"WithStatutoryHoliday": "ngày lễ bổ sung",
	"WithHolidayRules":     "quy tắc bố trí ngày nghỉ",
	"WithDuePolicy":        "cách tính ngày hẹn trả",
}

// viOptionField names the fields of options in Vietnamese.
var viOptionField = map[string]string{
	"sessions":        "các buổi làm việc",
	"seasons":         "các mùa",
	"Month/Day":       "ngày/tháng",
	"weekday":         "thứ trong tuần",
	"Date":            "ngày",
	"Kind":            "loại ngày",
	"Name":            "tên",
	"Source":          "văn bản nguồn",
	"From/Until":      "năm áp dụng (từ năm – đến năm)",
	"TetBeforeShort":  "số ngày nghỉ trước mùng 1 Tết (Tết bốn ngày, trước năm 2014)",
	"FiveDayWeekFrom": "ngày bắt đầu tuần làm việc năm ngày",
	"policy":          "cách tính",
}

var viWeekday = map[string]string{
	"Sunday": "Chủ nhật", "Monday": "thứ Hai", "Tuesday": "thứ Ba", "Wednesday": "thứ Tư",
	"Thursday": "thứ Năm", "Friday": "thứ Sáu", "Saturday": "thứ Bảy",
}

// optionFieldVi returns the Vietnamese name of an option's field; a field indexed by a
// weekday ("TetBefore[Monday]") names the weekday.
func optionFieldVi(f string) string {
	if v, ok := viOptionField[f]; ok {
		return v
	}
	name, w, ok := strings.Cut(strings.TrimSuffix(f, "]"), "[")
	if ok {
		switch name {
		case "TetBefore":
			return "số ngày nghỉ trước mùng 1 Tết khi mùng 1 vào " + viWeekday[w]
		case "NationalDaySecond":
			return "ngày nghỉ thứ hai dịp Quốc khánh khi 2/9 vào " + viWeekday[w]
		}
	}
	return f
}

// Message returns the message in the language lang (Vietnamese for any tag whose base is vi,
// English otherwise), without the "calendar:" prefix of Error: `cấu hình lịch, ngày điều
// chỉnh riêng (2026-03-11): tên là bắt buộc`.
func (e *OptionError) Message(lang language.Tag) string {
	vi := msg.Vietnamese(lang)
	opt, field := e.Option, e.Field
	if vi {
		name, rest, _ := strings.Cut(opt, " ")
		if v, ok := viOption[name]; ok {
			name = v
		}
		opt = "cấu hình lịch, " + strings.TrimSpace(name+" "+rest)
		field = optionFieldVi(field)
	}
	s := opt + ": " + field + " "
	if e.Value != "" {
		s += quoteValue(e.Value, vi) + " "
	}
	return s + sentinelText(e.Err, lang)
}

// Message returns the message in the language lang (Vietnamese for any tag whose base is vi,
// English otherwise), without the "calendar:" prefix of Error: `"3 tuần" không phải thời hạn…`.
func (e *TextError) Message(lang language.Tag) string {
	return msg.Quote(e.Value) + " " + sentinelText(e.Err, lang)
}
