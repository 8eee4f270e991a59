package routing

import (
	"errors"
	"strconv"
	"strings"

	"github.com/rickb777/date/v2"

	"github.com/motcua-go/motcua/procedure"
)

// Problems found by validation, planning and selection. Test with errors.Is; the typed errors
// below wrap them.
var (
	ErrSyntax         = errors.New("is not valid JSON")
	ErrRequired       = errors.New("is required")
	ErrInvalid        = errors.New("is not valid")
	ErrUnknownField   = errors.New("is not a known field")
	ErrDuplicate      = errors.New("is used more than once")
	ErrUnknownStep    = errors.New("names no step of the route")
	ErrCycle          = errors.New("is part of a cycle")
	ErrStart          = errors.New("must be exactly one step with no predecessor")
	ErrEnd            = errors.New("must be exactly one step that no step follows")
	ErrUnreachable    = errors.New("cannot be reached from the start step")
	ErrUnknownAgency  = errors.New("is not a known agency")
	ErrUnknownRole    = errors.New("is not a known role")
	ErrNoAgency       = errors.New("has no agency")
	ErrAllotment      = errors.New("do not add up to the time limit")
	ErrRestBypassed   = errors.New("must lie on every path from the start step to the end step")
	ErrNeedsRest      = errors.New("is a fixed time, so one step must take the rest")
	ErrAbolished      = errors.New("was abolished")
	ErrNotYet         = errors.New("was not yet in force")
	ErrLimit          = errors.New("is not a usable time limit")
	ErrTooShort       = errors.New("is shorter than the fixed allotments")
	ErrNoRoute        = errors.New("matches no route")
	ErrBeforeHandOver = errors.New("is before the step received the dossier")
	ErrUnknownRoute   = errors.New("is not a route of the set")
	ErrNotConsult     = errors.New("is declared on a step whose task is not consult")
	ErrBeforeReceipt  = errors.New("is before the dossier was received")
	ErrPredecessor    = errors.New("is recorded while a step before it is not finished")
)

// maxEcho is how many runes of an input value a message repeats; longer values are cut and
// end with "…", so a message stays readable whatever the input.
const maxEcho = 64

// clip returns s cut to n runes, with "…" when it was longer.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := 0
	for k := range s {
		if i == n {
			return s[:k] + "…"
		}
		i++
	}
	return s
}

// Lang selects the language of a message.
type Lang uint8

// Languages.
const (
	English Lang = iota
	Vietnamese
)

func vi(err error) string {
	switch err {
	case ErrSyntax:
		return "không phải JSON hợp lệ"
	case ErrRequired:
		return "là bắt buộc"
	case ErrInvalid:
		return "không hợp lệ"
	case ErrUnknownField:
		return "không phải là trường đã biết"
	case ErrDuplicate:
		return "bị dùng nhiều lần"
	case ErrUnknownStep:
		return "không phải là bước nào của quy trình"
	case ErrCycle:
		return "nằm trong một vòng lặp"
	case ErrStart:
		return "phải có đúng một bước không có bước trước"
	case ErrEnd:
		return "phải có đúng một bước không có bước sau"
	case ErrUnreachable:
		return "không thể đến được từ bước bắt đầu"
	case ErrUnknownAgency:
		return "không phải là cơ quan đã biết"
	case ErrNoAgency:
		return "không có cơ quan nào"
	case ErrUnknownRole:
		return "không phải là vai trò đã biết"
	case ErrAllotment:
		return "không cộng lại bằng thời hạn giải quyết"
	case ErrRestBypassed:
		return "phải nằm trên mọi đường đi từ bước đầu đến bước cuối"
	case ErrNeedsRest:
		return "là thời gian cố định nên phải có một bước nhận phần còn lại"
	case ErrAbolished:
		return "đã bị bãi bỏ"
	case ErrNotYet:
		return "chưa có hiệu lực"
	case ErrLimit:
		return "không phải là thời hạn dùng được"
	case ErrTooShort:
		return "ngắn hơn tổng thời gian cố định đã phân bổ"
	case ErrUnknownRoute:
		return "không phải là quy trình của bộ"
	case ErrBeforeHandOver:
		return "trước thời điểm bước nhận hồ sơ"
	case ErrNoRoute:
		return "không khớp với quy trình nào"
	case ErrNotConsult:
		return "được khai báo cho bước không phải là bước lấy ý kiến"
	case ErrBeforeReceipt:
		return "trước thời điểm tiếp nhận hồ sơ"
	case ErrPredecessor:
		return "được ghi nhận khi một bước trước nó chưa hoàn thành"
	}
	return err.Error()
}

func message(lang Lang, err error) string {
	if lang == Vietnamese {
		return vi(err)
	}
	return err.Error()
}

// FieldError is one problem of a route or rule document: the JSON path of the field, the
// offending value (if any) and the problem, e.g. `steps[2].after[0] "verfy" names no step of
// the route`. Messages repeat at most 64 runes of the value (128 of the path), then "…".
type FieldError struct {
	Path  string
	Value string
	Err   error
}

// Error returns the English message.
func (e *FieldError) Error() string { return e.Message(English) }

// Message returns the message in lang.
func (e *FieldError) Message(lang Lang) string {
	var b strings.Builder
	b.WriteString(clip(e.Path, 2*maxEcho))
	if e.Value != "" {
		b.WriteByte(' ')
		b.WriteString(strconv.Quote(clip(e.Value, maxEcho)))
	}
	b.WriteByte(' ')
	b.WriteString(message(lang, e.Err))
	return b.String()
}

// Unwrap returns the sentinel.
func (e *FieldError) Unwrap() error { return e.Err }

// ValidationError lists every problem found in one document.
type ValidationError struct {
	Name     string // route name, or the document's name
	Problems []*FieldError
}

// Error returns the English messages, one per problem.
func (e *ValidationError) Error() string { return strings.Join(e.Messages(English), "; ") }

// Messages returns one message per problem in lang.
func (e *ValidationError) Messages(lang Lang) []string {
	out := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		out[i] = p.Message(lang)
		if e.Name != "" {
			out[i] = clip(e.Name, maxEcho) + ": " + out[i]
		}
	}
	return out
}

// Unwrap returns the problems, so errors.Is and errors.As see each one.
func (e *ValidationError) Unwrap() []error {
	out := make([]error, len(e.Problems))
	for i, p := range e.Problems {
		out[i] = p
	}
	return out
}

// AgencyError reports an agency code or role that cannot be used on a date: unknown,
// abolished (with its last day in force and its successor, if any) or not yet in force
// (with its first day).
type AgencyError struct {
	Code      procedure.AgencyCode
	Role      Function
	On        date.Date // the date it was used for
	From      date.Date // first day in force, for ErrNotYet
	Until     date.Date // last day in force, for ErrAbolished
	Successor procedure.AgencyCode
	Err       error
}

// Error returns the English message.
func (e *AgencyError) Error() string { return e.Message(English) }

// Message returns the message in lang, e.g. "agency 000.00.21.H49 was abolished after
// 2025-06-30 (date used: 2025-07-01); succeeded by 000.00.31.H49".
func (e *AgencyError) Message(lang Lang) string {
	viet := lang == Vietnamese
	var b strings.Builder
	if e.Role != "" {
		// "role district-desk for 000.00.31.H49 has no agency on 2025-07-01"
		b.WriteString(pick(viet, "vai trò ", "role "))
		b.WriteString(clip(string(e.Role), maxEcho))
		b.WriteString(pick(viet, " tại ", " for "))
	} else {
		b.WriteString(pick(viet, "cơ quan ", "agency "))
	}
	b.WriteString(e.Code.String())
	b.WriteByte(' ')
	b.WriteString(message(lang, e.Err))
	switch {
	case e.Err == ErrAbolished && e.Until != date.Zero:
		b.WriteString(pick(viet, " sau ngày ", " after "))
		b.WriteString(e.Until.String())
		b.WriteString(pick(viet, " (ngày sử dụng: ", " (date used: "))
		b.WriteString(e.On.String())
		b.WriteByte(')')
	case e.Err == ErrNotYet && e.From != date.Zero:
		b.WriteString(pick(viet, " vào ngày ", " on "))
		b.WriteString(e.On.String())
		b.WriteString(pick(viet, " (hiệu lực từ ", " (in force from "))
		b.WriteString(e.From.String())
		b.WriteByte(')')
	case e.On != date.Zero:
		b.WriteString(pick(viet, " vào ngày ", " on "))
		b.WriteString(e.On.String())
	}
	if !e.Successor.IsZero() {
		b.WriteString(pick(viet, "; đơn vị kế thừa: ", "; succeeded by "))
		b.WriteString(e.Successor.String())
	}
	return b.String()
}

func pick(viet bool, vi, en string) string {
	if viet {
		return vi
	}
	return en
}

// Unwrap returns the sentinel.
func (e *AgencyError) Unwrap() error { return e.Err }

// PlanError reports why a route could not be planned or re-planned: the route (or schedule)
// missing, or a time limit that cannot be used. Messages repeat at most 64 runes of the route
// name, then "…".
type PlanError struct {
	Route string
	Limit string // the limit as written, e.g. "3wd"
	// Input names what is wrong when it is not the time limit: "route" for a nil route,
	// "schedule" for a nil schedule; empty for the time limit.
	Input string
	Err   error
}

// Error returns the English message.
func (e *PlanError) Error() string { return e.Message(English) }

// Message returns the message in lang, e.g. "route land-transfer: time limit 5wd is shorter
// than the fixed allotments" or "route is required".
func (e *PlanError) Message(lang Lang) string {
	viet := lang == Vietnamese
	switch e.Input {
	case "route":
		return pick(viet, "quy trình ", "route ") + message(lang, e.Err)
	case "schedule":
		return pick(viet, "kế hoạch xử lý ", "schedule ") + message(lang, e.Err)
	}
	return pick(viet, "quy trình ", "route ") + clip(e.Route, maxEcho) + pick(viet, ": thời hạn ", ": time limit ") + e.Limit + " " + message(lang, e.Err)
}

// Unwrap returns the sentinel.
func (e *PlanError) Unwrap() error { return e.Err }

// SelectError reports that no rule and no default matched a query.
type SelectError struct {
	Query Query
	Err   error
}

// Error returns the English message.
func (e *SelectError) Error() string { return e.Message(English) }

// Message returns the message in lang.
func (e *SelectError) Message(lang Lang) string {
	q := e.Query
	proc, cas, ch := clip(q.Procedure, maxEcho), strconv.Quote(clip(q.Case, maxEcho)), clip(q.Channel, maxEcho)
	s := "procedure " + proc + " case " + cas + " channel " + ch +
		" at " + q.Locality.String() + " on " + q.On.String()
	if lang == Vietnamese {
		s = "thủ tục " + proc + " trường hợp " + cas + " kênh " + ch +
			" tại " + q.Locality.String() + " ngày " + q.On.String()
	}
	return s + " " + message(lang, e.Err)
}

// Unwrap returns the sentinel.
func (e *SelectError) Unwrap() error { return e.Err }
