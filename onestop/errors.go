package onestop

import (
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"

	"github.com/motcua-go/motcua/dossier"
)

// Predicate sentinels. Each is wrapped in a typed error that names the dossier code or field,
// so messages read "dossier code 000.00.31.H49-260302-0001 is not a known dossier code".
var (
	// ErrNotFound: the code names no dossier in the store.
	ErrNotFound = errors.New("is not a known dossier code")
	// ErrMalformedCode: the text is not a dossier code of the form <unit>-YYMMDD-NNNN.
	ErrMalformedCode = errors.New("is not a well-formed dossier code")
	// ErrConflict: the dossier changed since it was read (optimistic concurrency).
	ErrConflict = errors.New("was changed by another command; reload it and try again")
	// ErrExists: a dossier with this code is already stored.
	ErrExists = errors.New("already exists")
	// ErrRequired: a required value is missing.
	ErrRequired = errors.New("is required")
	// ErrInvalid: a value is present but not acceptable.
	ErrInvalid = errors.New("is not valid")
	// ErrUnknownProcedure: the procedure code is not in the catalog.
	ErrUnknownProcedure = errors.New("is not a procedure in the catalog")
	// ErrNotInForce: the procedure has no version in force at the time of receipt.
	ErrNotInForce = errors.New("has no version in force at the time of receipt")
	// ErrNotReceivable: the desk may not receive this procedure.
	ErrNotReceivable = errors.New("may not be received at this desk")
	// ErrSequenceExhausted: the unit has used every dossier number of the day (9,999).
	ErrSequenceExhausted = errors.New("has used all 9,999 dossier numbers of the day")
	// ErrNotDelivered: a notification could not be delivered; the command itself took effect.
	ErrNotDelivered = errors.New("could not be notified; the command took effect")
	// ErrNoRoute: no route rule matches the dossier.
	ErrNoRoute = errors.New("has no route for this procedure and level")
	// ErrWrongActor: the actor may not issue the command (role, or a clerk of another desk).
	ErrWrongActor = errors.New("may not issue this command")
	// ErrOutsideHours: the desk does not receive at this time.
	ErrOutsideHours = errors.New("is outside the desk's reception hours")
	// ErrConsultationPending: an agency consulted has neither answered nor passed its deadline.
	ErrConsultationPending = errors.New("waits for the opinion of a consulted agency")
	// ErrUnknownConsultation: no consultation of the dossier has this number.
	ErrUnknownConsultation = errors.New("is not a consultation of the dossier")
	// ErrAnswered: the consultation was already answered.
	ErrAnswered = errors.New("was already answered")
	// ErrClosed: the dossier was returned, withdrawn or not accepted; no command changes it.
	ErrClosed = errors.New("is closed: it was returned, withdrawn or not accepted")
	// ErrNoResult: the command needs a result that is ready or returned.
	ErrNoResult = errors.New("has no result yet")
)

func viSentinel(err error) string {
	switch {
	case errors.Is(err, ErrNotFound):
		return "không phải là mã hồ sơ đã tiếp nhận"
	case errors.Is(err, ErrMalformedCode):
		return "không đúng cấu trúc mã hồ sơ"
	case errors.Is(err, ErrConflict):
		return "đã được thay đổi bởi thao tác khác; hãy tải lại và thực hiện lại"
	case errors.Is(err, ErrExists):
		return "đã tồn tại"
	case errors.Is(err, ErrRequired):
		return "là bắt buộc"
	case errors.Is(err, ErrInvalid):
		return "không hợp lệ"
	case errors.Is(err, ErrUnknownProcedure):
		return "không có trong danh mục thủ tục hành chính"
	case errors.Is(err, ErrNotInForce):
		return "không có phiên bản có hiệu lực tại thời điểm tiếp nhận"
	case errors.Is(err, ErrNotReceivable):
		return "không thuộc phạm vi tiếp nhận của bộ phận một cửa này"
	case errors.Is(err, ErrSequenceExhausted):
		return "đã dùng hết 9.999 số hồ sơ trong ngày"
	case errors.Is(err, ErrNotDelivered):
		return "không gửi được thông báo; thao tác vẫn có hiệu lực"
	case errors.Is(err, ErrNoRoute):
		return "không có quy trình liên thông phù hợp"
	case errors.Is(err, ErrWrongActor):
		return "không có quyền thực hiện thao tác này"
	case errors.Is(err, ErrOutsideHours):
		return "ngoài giờ tiếp nhận hồ sơ của bộ phận một cửa"
	case errors.Is(err, ErrConsultationPending):
		return "đang chờ ý kiến của cơ quan được lấy ý kiến"
	case errors.Is(err, ErrUnknownConsultation):
		return "không phải là lần lấy ý kiến của hồ sơ"
	case errors.Is(err, ErrAnswered):
		return "đã được trả lời"
	case errors.Is(err, ErrClosed):
		return "đã kết thúc (đã trả kết quả, đã rút hoặc không được tiếp nhận)"
	case errors.Is(err, ErrNoResult):
		return "chưa có kết quả giải quyết"
	}
	return ""
}

// maxEcho is how many runes of an input value a message repeats; longer values are cut and
// end with "…", so a message stays readable whatever the input. The typed errors keep the
// whole value.
const maxEcho = 64

// clip returns s cut to maxEcho runes, with "…" when it was longer.
func clip(s string) string {
	if len(s) <= maxEcho {
		return s
	}
	i := 0
	for k := range s {
		if i == maxEcho {
			return s[:k] + "…"
		}
		i++
	}
	return s
}

// quote quotes s cut to maxEcho runes.
func quote(s string) string { return strconv.Quote(clip(s)) }

// Lang selects the language of a message.
type Lang uint8

// Languages. Message also translates the errors of the packages below, whose language
// types have the same values.
const (
	English Lang = iota
	Vietnamese
)

// Message returns the message of an error from this package or a package below it in lang,
// or err.Error() when no translation is known.
func Message(err error, lang Lang) string {
	if err == nil {
		return ""
	}
	if lang == English {
		return err.Error()
	}
	if s, ok := localized(err, lang); ok {
		return s
	}
	if s := viSentinel(err); s != "" {
		return s
	}
	return err.Error()
}

// localized finds, depth first along the error tree, an error with a method Message(L) string
// where L is a language type of this module (each package has its own, with English = 0 and
// Vietnamese = 1) and calls it.
func localized(err error, lang Lang) (string, bool) {
	if err == nil {
		return "", false
	}
	if m, ok := err.(interface{ Message(Lang) string }); ok {
		return m.Message(lang), true
	}
	if mv := reflect.ValueOf(err).MethodByName("Message"); mv.IsValid() {
		mt := mv.Type()
		if mt.NumIn() == 1 && mt.NumOut() == 1 && mt.In(0).Kind() == reflect.Uint8 && mt.Out(0).Kind() == reflect.String {
			out := mv.Call([]reflect.Value{reflect.ValueOf(uint8(lang)).Convert(mt.In(0))})
			return out[0].String(), true
		}
	}
	switch u := err.(type) {
	case interface{ Unwrap() error }:
		return localized(u.Unwrap(), lang)
	case interface{ Unwrap() []error }:
		for _, e := range u.Unwrap() {
			if s, ok := localized(e, lang); ok {
				return s, true
			}
		}
	}
	return "", false
}

// CodeError reports a problem with a dossier code: malformed, unknown or already used.
// Cause, when set, says which part of a malformed code is wrong. Messages repeat the code
// once, cut at 64 runes.
type CodeError struct {
	Code  string
	Err   error
	Cause error
}

// Error returns the message in English.
func (e *CodeError) Error() string { return e.Message(English) }

// Message returns the message in lang.
func (e *CodeError) Message(lang Lang) string {
	var s string
	if lang == Vietnamese {
		s = "mã hồ sơ " + quote(e.Code) + " " + viOr(e.Err)
	} else {
		s = "dossier code " + quote(e.Code) + " " + e.Err.Error()
	}
	if e.Cause != nil {
		s += " (" + causeMessage(e.Cause, e.Code, lang) + ")"
	}
	return s
}

// causeMessage renders the cause of a malformed code: the part that is wrong, without
// repeating the whole code a second time.
func causeMessage(cause error, code string, lang Lang) string {
	var ce *dossier.CodeError
	if !errors.As(cause, &ce) {
		return Message(cause, lang)
	}
	c := *ce
	if c.Value == code {
		// The whole code again: the problem alone says enough.
		return dossierText(c.Err, lang)
	}
	c.Value = clip(c.Value)
	return c.Message(dossier.Lang(lang))
}

// dossierText returns the text of a sentinel of package dossier in lang.
func dossierText(err error, lang Lang) string {
	return strings.TrimSpace((&dossier.FieldError{Err: err}).Message(dossier.Lang(lang)))
}

// Unwrap returns the predicate sentinel and the cause, if any.
func (e *CodeError) Unwrap() []error {
	if e.Cause == nil {
		return []error{e.Err}
	}
	return []error{e.Err, e.Cause}
}

// ConflictError reports a stale write: the caller read version Expected, the store holds Actual.
// Nothing was written.
type ConflictError struct {
	Code     string
	Expected uint64
	Actual   uint64
}

// Error returns the message in English.
func (e *ConflictError) Error() string {
	return fmt.Sprintf("dossier %s %v (read version %d, stored version %d)", clip(e.Code), ErrConflict, e.Expected, e.Actual)
}

// Message returns the message in lang.
func (e *ConflictError) Message(lang Lang) string {
	if lang != Vietnamese {
		return e.Error()
	}
	return fmt.Sprintf("hồ sơ %s %s (phiên bản đã đọc %d, phiên bản lưu %d)", clip(e.Code), viSentinel(ErrConflict), e.Expected, e.Actual)
}

// Unwrap returns ErrConflict.
func (e *ConflictError) Unwrap() error { return ErrConflict }

// FieldError reports an unacceptable input value, naming the field. Messages repeat at most
// 64 runes of the value, then "…"; Value keeps it whole. Err is a sentinel of this package,
// or of package dossier for the applicant's fields (e.g. dossier.ErrRequired).
type FieldError struct {
	Field string // e.g. "Submission.Procedure", "Submission.Applicant.citizenID"
	Value string
	Err   error
}

// Error returns the message in English.
func (e *FieldError) Error() string {
	if e.Value == "" {
		return e.Field + " " + e.Err.Error()
	}
	return e.Field + " " + quote(e.Value) + " " + e.Err.Error()
}

// Message returns the message in lang.
func (e *FieldError) Message(lang Lang) string {
	if lang != Vietnamese {
		return e.Error()
	}
	name := viField(e.Field)
	if e.Value == "" {
		return name + " " + viOr(e.Err)
	}
	return name + " " + quote(e.Value) + " " + viOr(e.Err)
}

// Unwrap returns the predicate sentinel.
func (e *FieldError) Unwrap() error { return e.Err }

// IntakeError lists every problem of a submission at once, each a *FieldError naming its
// field, so the clerk can have everything corrected in one go.
type IntakeError struct {
	Problems []*FieldError
}

// Error returns the English messages joined by "; ".
func (e *IntakeError) Error() string { return e.Message(English) }

// Message returns the messages in lang joined by "; ".
func (e *IntakeError) Message(lang Lang) string { return strings.Join(e.Messages(lang), "; ") }

// Messages returns one message per problem in lang.
func (e *IntakeError) Messages(lang Lang) []string {
	out := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		out[i] = p.Message(lang)
	}
	return out
}

// Unwrap returns the problems, so errors.Is and errors.As see each one.
func (e *IntakeError) Unwrap() []error {
	out := make([]error, len(e.Problems))
	for i, p := range e.Problems {
		out[i] = p
	}
	return out
}

// NotifyError reports that the notifier failed after a command was stored.
// The command took effect; only the notification is missing. Code is empty for the notice of
// a submission refused or found incomplete at intake.
type NotifyError struct {
	Code string
	Err  error
}

// Error returns the message in English.
func (e *NotifyError) Error() string {
	subject := "the notice of the submission "
	if e.Code != "" {
		subject = "dossier " + clip(e.Code) + " "
	}
	return subject + ErrNotDelivered.Error() + ": " + e.Err.Error()
}

// Message returns the message in lang.
func (e *NotifyError) Message(lang Lang) string {
	if lang != Vietnamese {
		return e.Error()
	}
	subject := "thông báo về hồ sơ nộp "
	if e.Code != "" {
		subject = "hồ sơ " + clip(e.Code) + " "
	}
	return subject + viSentinel(ErrNotDelivered) + ": " + e.Err.Error()
}

// Unwrap returns ErrNotDelivered and the notifier's error.
func (e *NotifyError) Unwrap() []error { return []error{ErrNotDelivered, e.Err} }

func viOr(err error) string {
	if s := viSentinel(err); s != "" {
		return s
	}
	if s, ok := localized(err, Vietnamese); ok {
		return s
	}
	// A sentinel of package dossier (the applicant's fields) has its text there.
	return dossierText(err, Vietnamese)
}

var viApplicant = map[string]string{
	"kind": "loại", "name": "họ tên", "citizenID": "số định danh cá nhân", "taxCode": "mã số thuế",
	"phone": "số điện thoại", "email": "thư điện tử", "address.line": "địa chỉ",
	"address.unitCode": "mã đơn vị hành chính",
}

func viField(f string) string {
	if sub, ok := strings.CutPrefix(f, "Submission.Applicant."); ok {
		if v, ok := viApplicant[sub]; ok {
			sub = v
		}
		return "Người nộp hồ sơ (" + sub + ")"
	}
	if i, ok := strings.CutPrefix(f, "Submission.Documents["); ok {
		return "Thành phần hồ sơ [" + i
	}
	switch f {
	case "Submission.Procedure":
		return "Mã thủ tục"
	case "Submission.Applicant":
		return "Người nộp hồ sơ"
	case "Submission.Channel":
		return "Kênh nộp hồ sơ"
	case "Submission.Documents":
		return "Thành phần hồ sơ"
	case "Submission.Competent":
		return "Cơ quan có thẩm quyền"
	case "Submission.SubmittedAt":
		return "Thời điểm nộp"
	case "Submission.Group":
		return "Nhóm thủ tục liên thông"
	case "Submission.Case":
		return "Trường hợp"
	case "Submission.Locality":
		return "Địa bàn"
	case "Actor":
		return "Người thực hiện"
	case "Reason":
		return "Lý do"
	case "Code":
		return "Mã hồ sơ"
	case "Rating":
		return "Mức độ hài lòng"
	case "NewDue":
		return "Ngày hẹn trả mới"
	case "Period":
		return "Kỳ báo cáo"
	}
	return f
}
