package dossier

import (
	"strconv"
	"strings"

	"github.com/motcua-go/motcua/internal/msg"
	"golang.org/x/text/language"
)

// This file holds the Vietnamese texts of the package's messages: the sentinels, the names
// of states, commands, roles, fields and code parts, and the legal sources.

// viSentinels are the Vietnamese texts of the sentinels.
var viSentinels = map[error]string{
	ErrRequired:           "là bắt buộc",
	ErrInvalid:            "không hợp lệ",
	ErrTooLong:            "quá dài",
	ErrControl:            "chứa ký tự điều khiển",
	ErrEncoding:           "không phải văn bản UTF-8 hợp lệ",
	ErrCodeFormat:         "không có dạng <mã đơn vị>-YYMMDD-NNNN",
	ErrCodeUnit:           "không phải mã đơn vị theo QCVN 102 (V1V2V3.Z1Z2.Y1Y2.MX1X2)",
	ErrCodeDate:           "không phải ngày YYMMDD hợp lệ",
	ErrCodeSequence:       "không phải số thứ tự từ 0001 đến 9999",
	ErrCodeExhausted:      "đã hết số thứ tự trong ngày",
	ErrNotAllowed:         "không được phép ở trạng thái này",
	ErrForbidden:          "không được thực hiện bởi vai trò này",
	ErrWrongAgency:        "chỉ cơ quan đang giữ bước xử lý được thực hiện",
	ErrNoNextStep:         "không còn bước tiếp theo trong quy trình",
	ErrNoPrevStep:         "không có bước trước trong quy trình",
	ErrStepsPending:       "còn bước xử lý chưa hoàn thành",
	ErrUnbound:            "chưa gắn bộ quy tắc",
	ErrLog:                "không phải nhật ký sự kiện hợp lệ",
	ErrSupplementWindow:   "đã quá thời hạn yêu cầu bổ sung trong quá trình giải quyết",
	ErrSupplementRepeated: "đã được cơ quan này yêu cầu một lần",
	ErrGuidanceRepeated:   "đã được hướng dẫn: việc hướng dẫn bổ sung khi tiếp nhận chỉ thực hiện một lần, đầy đủ",
	ErrRefusalLate:        "đã quá thời hạn giải quyết",
	ErrApologyLate:        "muộn hơn thời hạn gửi văn bản xin lỗi trước ngày hẹn trả",
	ErrReappointed:        "đã hẹn lại: chỉ được hẹn lại một lần",
	ErrWithdrawalClosed:   "không được chính sách cho phép",
	ErrNoSlip:             "không có đối với hồ sơ này",
	ErrNotLater:           "không muộn hơn ngày hẹn hiện tại",
	ErrNotProvided:        "không được quy định trong chính sách của chế độ pháp lý áp dụng cho hồ sơ",
	ErrCloseEarly:         "chưa hết thời hạn dành cho việc bổ sung hồ sơ",
	ErrNotOnline:          "chỉ áp dụng cho hồ sơ nộp trực tuyến",
	ErrOnceOnly:           "đã có dữ liệu điện tử, chỉ được yêu cầu cung cấp lại để xác minh",
	errLogStart:           "không phải là sự kiện nộp hồ sơ thứ 1, dẫn đến trạng thái mới đăng ký",
	errLogSequence:        "có số thứ tự sai",
	errLogTime:            "có thời điểm trước sự kiện liền trước",
	errLogTransition:      "ghi một bước chuyển mà vòng đời hồ sơ không cho phép",
}

// text returns the text of the problem err in lang: the sentinel's, or the error's own
// Message(lang) (an error of another package or of a code format), or its Error text.
func text(err error, lang language.Tag) string {
	return msg.Text(err, lang, viSentinels, ErrInvalid)
}

// moreProblems counts the problems a ValidationError leaves out.
func moreProblems(n int, lang language.Tag) string { return msg.More(n, lang) }

var stateVi = [numStates]string{"", "mới đăng ký", "chờ bổ sung khi tiếp nhận", "không được tiếp nhận",
	"được tiếp nhận", "đã chuyển xử lý", "đang xử lý", "yêu cầu bổ sung", "chờ thực hiện nghĩa vụ tài chính",
	"từ chối giải quyết", "đã xử lý xong", "đã trả kết quả", "đã rút hồ sơ", "đã đóng hồ sơ",
	"đang đính chính kết quả"}

var stateEn = [numStates]string{"", "submitted", "waiting for a supplement at intake", "not accepted",
	"received", "transferred", "in process", "supplement requested", "waiting for a tax or fee payment",
	"refused", "resolved", "returned", "withdrawn", "closed", "result in correction"}

// Name returns the state's name in lang, in words: in Vietnamese the name the one-stop rules
// use ("đang xử lý"), in English "in process".
func (s State) Name(lang language.Tag) string {
	if !s.Valid() {
		return msg.Pick(lang, "trạng thái ", "state ") + strconv.Itoa(int(s))
	}
	if msg.Vietnamese(lang) {
		return stateVi[s]
	}
	return stateEn[s]
}

var commandVi = [numCommands]string{"", "nộp hồ sơ", "tiếp nhận", "yêu cầu bổ sung khi tiếp nhận",
	"nộp bổ sung khi tiếp nhận", "từ chối tiếp nhận", "chuyển xử lý", "bắt đầu xử lý",
	"chuyển bước tiếp theo", "thu hồi về bước trước", "trả lại bước trước", "yêu cầu bổ sung",
	"nộp bổ sung", "yêu cầu thực hiện nghĩa vụ tài chính", "hoàn thành nghĩa vụ tài chính",
	"xin lỗi và hẹn lại", "có kết quả giải quyết", "từ chối giải quyết", "trả kết quả",
	"rút hồ sơ", "đóng hồ sơ", "điều chỉnh nội dung hồ sơ", "chuyển lại kết quả để đính chính",
	"đính chính kết quả"}

var commandEn = [numCommands]string{"", "submission", "reception", "supplement request at intake",
	"supplement at intake", "refusal at intake", "transfer", "start of processing", "hand-off",
	"recall", "send-back", "supplement request", "supplement", "payment request", "payment",
	"apology and new appointment", "result", "refusal", "return of the result", "withdrawal",
	"closing", "amendment", "return of the result for correction", "correction of the result"}

// Name returns the command's name in lang, in words: in Vietnamese the act of the one-stop
// rules ("từ chối tiếp nhận"), in English "refusal at intake".
func (k CommandKind) Name(lang language.Tag) string {
	if k == 0 || k >= numCommands {
		return msg.Pick(lang, "thao tác ", "command ") + strconv.Itoa(int(k))
	}
	if msg.Vietnamese(lang) {
		return commandVi[k]
	}
	return commandEn[k]
}

var roleVi = [numRoles]string{"", "người nộp hồ sơ", "cán bộ Bộ phận Một cửa", "cán bộ xử lý"}

// Name returns the role's name in lang.
func (r Role) Name(lang language.Tag) string {
	if msg.Vietnamese(lang) {
		if r > 0 && r < numRoles {
			return roleVi[r]
		}
		return "vai trò " + strconv.Itoa(int(r))
	}
	return r.String()
}

var codePartNames = [...]string{"dossier code", "unit code", "date", "sequence number"}
var codePartVi = [...]string{"mã hồ sơ", "mã đơn vị", "ngày", "số thứ tự"}

func codePartName(p CodePart, lang language.Tag) string {
	if int(p) >= len(codePartNames) {
		p = WholeCode
	}
	if msg.Vietnamese(lang) {
		return codePartVi[p]
	}
	return codePartNames[p]
}

// fieldVi names the fields of FieldError in Vietnamese, by their path with the indexes
// left out ("documents[]").
var fieldVi = map[string]string{
	"applicant":                   "người nộp hồ sơ",
	"applicant.kind":              "loại người nộp hồ sơ",
	"applicant.name":              "họ tên người nộp hồ sơ",
	"applicant.citizen_id":        "số định danh cá nhân",
	"applicant.tax_code":          "mã số thuế",
	"applicant.phone":             "số điện thoại",
	"applicant.email":             "thư điện tử",
	"applicant.address.line":      "địa chỉ",
	"applicant.address.unit_code": "mã đơn vị hành chính",
	"applicant.address.unit_name": "tên đơn vị hành chính",
	"procedure.code":              "mã thủ tục",
	"procedure.version":           "phiên bản thủ tục",
	"procedure.case":              "trường hợp",
	"procedure.name":              "tên thủ tục",
	"channel":                     "kênh nộp hồ sơ",
	"desk":                        "mã Bộ phận Một cửa",
	"agency":                      "mã cơ quan có thẩm quyền",
	"limit":                       "thời hạn giải quyết",
	"documents[]":                 "giấy tờ",
	"attachments[]":               "giấy tờ kèm theo",
	"reason":                      "lý do",
	"reference":                   "số văn bản kết quả",
	"redirect":                    "cơ quan có thẩm quyền cần gửi hồ sơ đến",
	"electronic[]":                "giấy tờ đã có dữ liệu điện tử",
	"group":                       "nhóm thủ tục liên thông",
	"code":                        "mã hồ sơ",
	"due":                         "ngày hẹn trả",
	"now":                         "thời điểm thực hiện",
	"actor.id":                    "mã người thực hiện",
	"actor.agency":                "mã cơ quan của người thực hiện",
	"steps":                       "các bước xử lý",
	"steps[].id":                  "mã bước xử lý",
	"steps[].agency":              "cơ quan của bước xử lý",
	"steps[].task":                "nội dung công việc của bước xử lý",
	"steps[].due":                 "hạn của bước xử lý",
	"dossier":                     "hồ sơ",
	"dossier.current":             "bước đang xử lý của hồ sơ",
	"dossier.steps":               "các bước xử lý của hồ sơ",
	"dossier.supplements":         "các yêu cầu bổ sung của hồ sơ",
	"state":                       "trạng thái",
	"command":                     "thao tác",
	"role":                        "vai trò",
	"regime":                      "chế độ pháp lý",
	"sequence_source":             "nguồn số thứ tự",
	"slip.receipt":                "giấy tiếp nhận hồ sơ và hẹn trả kết quả",
	"slip.supplement":             "phiếu yêu cầu bổ sung, hoàn thiện hồ sơ",
	"slip.refusal":                "phiếu từ chối tiếp nhận, giải quyết hồ sơ",
	"slip.apology":                "văn bản xin lỗi và hẹn lại ngày trả kết quả",
	"slip.transfer":               "phiếu chuyển hồ sơ",
	"slip.control":                "phiếu kiểm soát quá trình giải quyết hồ sơ",
	"slip.stop":                   "thông báo dừng thực hiện thủ tục hành chính",
	"policy.supplement_window":    "chính sách: thời hạn yêu cầu bổ sung",
	"policy.after_supplement":     "chính sách: quy tắc tính thời hạn sau khi bổ sung",
	"policy.during_obligation":    "chính sách: quy tắc tính thời hạn khi chờ nghĩa vụ tài chính",
	"policy.apology_lead":         "chính sách: thời hạn xin lỗi trước ngày hẹn",
	"policy.max_reappointments":   "chính sách: số lần hẹn lại",
	"policy.transfer_cutoff":      "chính sách: giờ chuyển hồ sơ trong ngày",
	"policy.at_risk_share":        "chính sách: tỷ lệ thời hạn báo sắp quá hạn",
	"policy.after_amendment":      "chính sách: quy tắc tính thời hạn sau khi điều chỉnh hồ sơ",
	"policy.acceptance_limit":     "chính sách: thời hạn tiếp nhận chính thức hồ sơ trực tuyến",
	"policy.close_after":          "chính sách: thời hạn đóng hồ sơ không được bổ sung",
	"policy.correction_limit":     "chính sách: thời hạn đính chính kết quả",
	"policy.code_unit":            "chính sách: mã định danh trong mã số hồ sơ",
	"policy.portal_unit":          "chính sách: mã định danh của Cổng Dịch vụ công quốc gia",
}

// fieldName returns the name of a field path in lang: in English the path itself
// ("documents[2]"), in Vietnamese its name with the position counted from 1 ("giấy tờ thứ
// 3"). An unknown path is returned as it is.
func fieldName(field string, lang language.Tag) string {
	if !msg.Vietnamese(lang) || field == "" {
		return field
	}
	// Take the indexes out: "steps[2].id" → "steps[].id", keeping the last index.
	var key strings.Builder
	index := -1
	for i := 0; i < len(field); i++ {
		c := field[i]
		key.WriteByte(c)
		if c != '[' {
			continue
		}
		j := strings.IndexByte(field[i:], ']')
		if j < 0 {
			return field
		}
		n, err := strconv.Atoi(field[i+1 : i+j])
		if err != nil {
			return field
		}
		index = n
		i += j - 1
	}
	name, ok := fieldVi[key.String()]
	if !ok {
		return field
	}
	if index >= 0 {
		name += " thứ " + strconv.Itoa(index+1)
	}
	return name
}

// ruleName returns a legal source in lang: "Decree 61/2018 Art. 19(4)" is "Nghị định
// 61/2018, Điều 19(4)" in Vietnamese.
func ruleName(rule string, lang language.Tag) string {
	if !msg.Vietnamese(lang) {
		return rule
	}
	return ruleVi.Replace(rule)
}

var ruleVi = strings.NewReplacer("Decree ", "Nghị định ", "Circular ", "Thông tư ", " Art. ", ", Điều ",
	" form ", ", mẫu ", "Decision ", "Quyết định ")
