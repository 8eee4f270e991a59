package onestop

import (
	"strconv"
	"strings"

	"github.com/motcua-go/motcua/dossier"
	"github.com/motcua-go/motcua/internal/msg"
	"golang.org/x/text/language"
)

// The Vietnamese texts of this package's messages.

// viProblems are the predicate sentinels in Vietnamese.
var viProblems = map[error]string{
	ErrNotFound:            "không phải là mã hồ sơ đã tiếp nhận",
	ErrMalformedCode:       "không đúng cấu trúc mã hồ sơ",
	ErrConflict:            "đã được thay đổi bởi thao tác khác; hãy tải lại và thực hiện lại",
	ErrExists:              "đã tồn tại",
	ErrUnknownProcedure:    "không có trong danh mục thủ tục hành chính",
	ErrNotInForce:          "không có phiên bản có hiệu lực tại thời điểm tiếp nhận",
	ErrNotReceivable:       "không thuộc phạm vi tiếp nhận của bộ phận một cửa này",
	ErrSequenceExhausted:   "đã dùng hết 9.999 số hồ sơ trong ngày",
	ErrNotDelivered:        "không gửi được thông báo; thao tác vẫn có hiệu lực",
	ErrNoRoute:             "không có quy trình liên thông phù hợp",
	ErrWrongActor:          "không có quyền thực hiện thao tác này",
	ErrOutsideHours:        "ngoài giờ tiếp nhận hồ sơ của bộ phận một cửa",
	ErrConsultationPending: "đang chờ ý kiến của cơ quan được lấy ý kiến",
	ErrUnknownConsultation: "không phải là lần lấy ý kiến của hồ sơ",
	ErrAnswered:            "đã được trả lời",
	ErrClosed:              "đã kết thúc xử lý (đã trả kết quả, bị từ chối, đã rút, đã đóng hoặc không được tiếp nhận)",
	ErrNoResult:            "chưa có kết quả giải quyết",
	ErrIdentity:            "làm số liệu của biểu báo cáo không khớp",
	ErrCorruptRecord:       "không nhất quán trong kho lưu trữ",
	ErrUnavailable:         "kho lưu trữ hồ sơ tạm thời không trả lời được; chưa lưu gì, hãy thử lại sau",
	ErrInDoubt:             "kho lưu trữ hồ sơ mất kết nối khi đang lưu; thao tác có thể đã hoặc chưa có hiệu lực: hãy tra cứu hồ sơ trước khi thử lại",
}

// viFields names the fields of the Office's inputs in Vietnamese.
var viFields = map[string]string{
	"Submission.Procedure":   "Mã thủ tục",
	"Submission.Applicant":   "Người nộp hồ sơ",
	"Submission.Channel":     "Kênh nộp hồ sơ",
	"Submission.Documents":   "Thành phần hồ sơ",
	"Submission.Competent":   "Cơ quan có thẩm quyền",
	"Submission.SubmittedAt": "Thời điểm nộp",
	"Submission.Group":       "Nhóm thủ tục liên thông",
	"Submission.Case":        "Trường hợp",
	"Submission.Locality":    "Địa bàn",
	"Actor":                  "Người thực hiện",
	"Actor.Role":             "Vai trò của người thực hiện",
	"Actor.Agency":           "Cơ quan của người thực hiện",
	"Reason":                 "Lý do",
	"Code":                   "Mã hồ sơ",
	"Rating":                 "Mức độ hài lòng",
	"NewDue":                 "Ngày hẹn trả mới",
	"Period":                 "Kỳ báo cáo",
	"Documents":              "Giấy tờ cần bổ sung",
	"Consultation":           "Lần lấy ý kiến",
	"ConsultRequest.Agency":  "Cơ quan được lấy ý kiến",
	"ConsultRequest.Limit":   "Thời hạn trả lời",
	"ConsultRequest.Subject": "Nội dung lấy ý kiến",
	"Note":                   "Ý kiến trả lời",
	"Submission.Reference":   "Số tham chiếu của hồ sơ nộp",
	"Config.Desk":            "Mã bộ phận một cửa",
	"Config.Catalog":         "Danh mục thủ tục",
	"Config.Clock":           "Đồng hồ",
	"Lookup.Code":            "Mã hồ sơ",
	"outcome":                "Kết quả xử lý",
	"rating":                 "Mức độ hài lòng",
	"kind":                   "Loại cảnh báo",
	"decision":               "Quyết định tiếp nhận",
}

// viApplicant names the applicant's fields (package dossier's JSON names) in Vietnamese.
var viApplicant = map[string]string{
	"kind": "loại", "name": "họ tên", "citizen_id": "số định danh cá nhân", "tax_code": "mã số thuế",
	"phone": "số điện thoại", "email": "thư điện tử", "address": "địa chỉ", "address.line": "địa chỉ",
	"address.unit_code": "mã đơn vị hành chính", "address.unit_name": "tên đơn vị hành chính",
	"representative": "người đại diện",
}

// fieldName names a field in lang: in English as the program spells it, in Vietnamese in
// words.
func fieldName(f string, lang language.Tag) string {
	if !msg.Vietnamese(lang) {
		return f
	}
	if sub, ok := strings.CutPrefix(f, "Submission.Applicant."); ok {
		if v, ok := viApplicant[sub]; ok {
			sub = v
		}
		return "Người nộp hồ sơ (" + sub + ")"
	}
	if i, ok := strings.CutPrefix(f, "Submission.Documents["); ok {
		return "Thành phần hồ sơ [" + i
	}
	if v, ok := viFields[f]; ok {
		return v
	}
	return f
}

// valueIn returns the value of a field as a message in lang repeats it: a role by its name in
// lang, anything else as it is.
func valueIn(field, value string, lang language.Tag) string {
	if field == "Actor.Role" && msg.Vietnamese(lang) {
		var r dossier.Role
		if r.UnmarshalText([]byte(value)) == nil {
			return r.Name(lang)
		}
	}
	return value
}

// moreProblems counts the problems left out of a list.
func moreProblems(n int, lang language.Tag) string {
	if msg.Vietnamese(lang) {
		return "và " + strconv.Itoa(n) + " lỗi khác"
	}
	return "and " + msg.Plural(n, "more problem", "more problems")
}
