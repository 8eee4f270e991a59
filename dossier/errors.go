package dossier

import (
	"errors"
	"strconv"
	"strings"
	"time"
)

// Problems reported by this package. Test with errors.Is; the typed errors below wrap them.
var (
	// Validation of fields and codes.
	ErrRequired = errors.New("is required")
	ErrInvalid  = errors.New("is not valid")

	// Dossier codes.
	ErrCodeFormat    = errors.New("is not of the form <unit>-YYMMDD-NNNN")
	ErrCodeUnit      = errors.New("is not a QCVN 102 unit code (V1V2V3.Z1Z2.Y1Y2.MX1X2)")
	ErrCodeDate      = errors.New("is not a valid YYMMDD date")
	ErrCodeSequence  = errors.New("is not a sequence number from 0001 to 9999")
	ErrCodeExhausted = errors.New("has no sequence number left for the day")

	// Lifecycle.
	ErrNotAllowed   = errors.New("is not allowed in this state")
	ErrForbidden    = errors.New("may not be done by this role")
	ErrWrongAgency  = errors.New("may only be done by the agency holding the step")
	ErrNoNextStep   = errors.New("has no next step on the route")
	ErrNoPrevStep   = errors.New("has no previous step on the route")
	ErrStepsPending = errors.New("leaves steps of the route unfinished")
	ErrUnbound      = errors.New("has no rules attached")
	ErrLog          = errors.New("is not a valid event log")

	// Decree rules.
	ErrSupplementWindow   = errors.New("is past the window for a supplement request during processing")
	ErrSupplementRepeated = errors.New("was already made once by this agency")
	ErrGuidanceRepeated   = errors.New("was already given: guidance to supplement at intake is given once, completely")
	ErrRefusalLate        = errors.New("is past the time limit")
	ErrApologyLate        = errors.New("is later than the apology lead time before the due date")
	ErrReappointed        = errors.New("was already made: a new appointment is allowed only once")
	ErrWithdrawalClosed   = errors.New("is not allowed by the policy")
	ErrNotLater           = errors.New("is not later than the current appointment")
)

// Lang selects the language of a message.
type Lang uint8

// Languages.
const (
	English Lang = iota
	Vietnamese
)

func viText(err error) (string, bool) {
	switch err {
	case ErrRequired:
		return "là bắt buộc", true
	case ErrInvalid:
		return "không hợp lệ", true
	case ErrCodeFormat:
		return "không có dạng <mã đơn vị>-YYMMDD-NNNN", true
	case ErrCodeUnit:
		return "không phải mã đơn vị theo QCVN 102 (V1V2V3.Z1Z2.Y1Y2.MX1X2)", true
	case ErrCodeDate:
		return "không phải ngày YYMMDD hợp lệ", true
	case ErrCodeSequence:
		return "không phải số thứ tự từ 0001 đến 9999", true
	case ErrCodeExhausted:
		return "đã hết số thứ tự trong ngày", true
	case ErrNotAllowed:
		return "không được phép ở trạng thái này", true
	case ErrForbidden:
		return "không được thực hiện bởi vai trò này", true
	case ErrWrongAgency:
		return "chỉ cơ quan đang giữ bước xử lý được thực hiện", true
	case ErrNoNextStep:
		return "không còn bước tiếp theo trong quy trình", true
	case ErrNoPrevStep:
		return "không có bước trước trong quy trình", true
	case ErrStepsPending:
		return "còn bước xử lý chưa hoàn thành", true
	case ErrUnbound:
		return "chưa gắn bộ quy tắc", true
	case ErrLog:
		return "không phải nhật ký sự kiện hợp lệ", true
	case ErrSupplementWindow:
		return "đã quá thời hạn yêu cầu bổ sung trong quá trình giải quyết", true
	case ErrSupplementRepeated:
		return "đã được cơ quan này yêu cầu một lần", true
	case ErrGuidanceRepeated:
		return "đã được hướng dẫn: việc hướng dẫn bổ sung khi tiếp nhận chỉ thực hiện một lần, đầy đủ", true
	case ErrRefusalLate:
		return "đã quá thời hạn giải quyết", true
	case ErrApologyLate:
		return "muộn hơn thời hạn gửi văn bản xin lỗi trước ngày hẹn trả", true
	case ErrReappointed:
		return "đã hẹn lại: chỉ được hẹn lại một lần", true
	case ErrWithdrawalClosed:
		return "không được chính sách cho phép", true
	case ErrNoSlip:
		return "không có đối với hồ sơ này", true
	case ErrNotLater:
		return "không muộn hơn ngày hẹn hiện tại", true
	}
	return "", false
}

func message(lang Lang, err error) string {
	if err == nil {
		err = ErrInvalid
	}
	if lang == Vietnamese {
		if s, ok := viText(err); ok {
			return s
		}
	}
	return err.Error()
}

// FieldError is a problem with one field: its name, the offending value and the problem,
// e.g. `applicant.citizenID "12345" is not valid`.
type FieldError struct {
	Field string
	Value string
	Err   error
}

// Error returns the English message.
func (e *FieldError) Error() string { return e.Message(English) }

// Message returns the message in lang. A long value is cut to its first 64 characters and
// "…".
func (e *FieldError) Message(lang Lang) string {
	if e == nil {
		return ""
	}
	var b strings.Builder
	b.WriteString(e.Field)
	if e.Value != "" {
		b.WriteByte(' ')
		b.WriteString(quote(e.Value))
	}
	b.WriteByte(' ')
	b.WriteString(message(lang, e.Err))
	return b.String()
}

// Unwrap returns the sentinel.
func (e *FieldError) Unwrap() error {
	if e == nil {
		return nil
	}
	return e.Err
}

// maxEcho is how many characters of an input value a message repeats.
const maxEcho = 64

// quote returns s quoted, cut to its first maxEcho characters and "…" when longer, so that
// a message never repeats an unbounded input.
func quote(s string) string {
	n := 0
	for i := range s {
		if n == maxEcho {
			return strconv.Quote(s[:i]) + "…"
		}
		n++
	}
	return strconv.Quote(s)
}

// ValidationError lists every problem found in one input.
type ValidationError struct {
	Problems []*FieldError
}

// Error returns the English messages joined by "; ".
func (e *ValidationError) Error() string { return strings.Join(e.Messages(English), "; ") }

// Messages returns one message per problem in lang.
func (e *ValidationError) Messages(lang Lang) []string {
	if e == nil {
		return nil
	}
	m := make([]string, 0, len(e.Problems))
	for _, p := range e.Problems {
		if p != nil {
			m = append(m, p.Message(lang))
		}
	}
	return m
}

// Unwrap returns the problems, so errors.Is and errors.As find each of them.
func (e *ValidationError) Unwrap() []error {
	if e == nil {
		return nil
	}
	errs := make([]error, 0, len(e.Problems))
	for _, p := range e.Problems {
		if p != nil {
			errs = append(errs, p)
		}
	}
	return errs
}

// CodePart names a part of a dossier code.
type CodePart uint8

// Parts of a dossier code.
const (
	WholeCode CodePart = iota
	UnitPart
	DatePart
	SequencePart
)

var codePartNames = [...]string{"dossier code", "unit code", "date", "sequence number"}
var codePartVi = [...]string{"mã hồ sơ", "mã đơn vị", "ngày", "số thứ tự"}

// CodeError is a malformed dossier code: which part is wrong, its text, and the problem.
type CodeError struct {
	Part  CodePart
	Value string
	Err   error
}

// Error returns the English message.
func (e *CodeError) Error() string { return e.Message(English) }

// Message returns the message in lang. A long value is cut to its first 64 characters and
// "…".
func (e *CodeError) Message(lang Lang) string {
	if e == nil {
		return ""
	}
	part := e.Part
	if int(part) >= len(codePartNames) {
		part = WholeCode
	}
	name := codePartNames[part]
	if lang == Vietnamese {
		name = codePartVi[part]
	}
	return name + " " + quote(e.Value) + " " + message(lang, e.Err)
}

// Unwrap returns the sentinel.
func (e *CodeError) Unwrap() error {
	if e == nil {
		return nil
	}
	return e.Err
}

// TransitionError is a command the lifecycle or the role table does not allow.
type TransitionError struct {
	Command CommandKind
	State   State
	Role    Role
	Err     error // ErrNotAllowed, ErrForbidden or ErrWrongAgency
}

// Error returns the English message.
func (e *TransitionError) Error() string { return e.Message(English) }

// Message returns the message in lang.
func (e *TransitionError) Message(lang Lang) string {
	if e == nil {
		return ""
	}
	switch e.Err {
	case ErrForbidden, ErrWrongAgency:
		return e.Command.String() + " (" + e.Role.String() + ") " + message(lang, e.Err)
	}
	return e.Command.String() + " " + message(lang, e.Err) + " (" + e.State.String() + ")"
}

// Unwrap returns the sentinel.
func (e *TransitionError) Unwrap() error {
	if e == nil {
		return nil
	}
	return e.Err
}

// RuleError is a command refused by a decree rule: the rule's legal source, the limit that
// was passed (if the rule has one) and the sentinel.
type RuleError struct {
	Command  CommandKind
	Rule     string    // legal source, e.g. "Decree 61/2018 Art. 19(4)"
	Deadline time.Time // the limit that was passed; zero if the rule has none
	Err      error
}

// Error returns the English message.
func (e *RuleError) Error() string { return e.Message(English) }

// Message returns the message in lang.
func (e *RuleError) Message(lang Lang) string {
	if e == nil {
		return ""
	}
	var b strings.Builder
	b.WriteString(e.Command.String())
	b.WriteByte(' ')
	b.WriteString(message(lang, e.Err))
	if !e.Deadline.IsZero() {
		if lang == Vietnamese {
			b.WriteString(" (hạn ")
		} else {
			b.WriteString(" (limit ")
		}
		b.WriteString(e.Deadline.Format("15:04 02/01/2006"))
		b.WriteByte(')')
	}
	if e.Rule != "" {
		b.WriteString(" [")
		b.WriteString(e.Rule)
		b.WriteByte(']')
	}
	return b.String()
}

// Unwrap returns the sentinel.
func (e *RuleError) Unwrap() error {
	if e == nil {
		return nil
	}
	return e.Err
}

// LogError is an event log that cannot be replayed: the position of the bad event and why.
type LogError struct {
	Seq    int
	Reason string
}

// Error returns the English message.
func (e *LogError) Error() string {
	if e == nil {
		return ""
	}
	return "event " + strconv.Itoa(e.Seq) + ": " + e.Reason + ": " + ErrLog.Error()
}

// Unwrap returns ErrLog.
func (e *LogError) Unwrap() error { return ErrLog }
