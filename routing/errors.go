package routing

import (
	"errors"
	"strconv"
	"strings"

	"github.com/motcua-go/motcua/internal/msg"
	"github.com/motcua-go/motcua/procedure"
	"github.com/rickb777/date/v2"
	"golang.org/x/text/language"
)

// Problems found by validation, planning and selection. Test with errors.Is; the typed errors
// below wrap them. Their Error texts are English predicates; the typed errors' Message(lang)
// gives them in Vietnamese too (messages.go).
var (
	ErrSyntax       = errors.New("is not valid JSON")
	ErrRequired     = errors.New("is required")
	ErrInvalid      = errors.New("is not valid")
	ErrUnknownField = errors.New("is not a known field")
	ErrDuplicate    = errors.New("is used more than once")
	// ErrTooLong: a name or a free text is longer than its documented maximum (MaxNameLen,
	// MaxTextLen), or a list longer than its maximum. The message names the maximum.
	ErrTooLong = errors.New("is too long")
	// ErrControl: a text holds a NUL byte or another control character (a line break in a
	// name, for instance).
	ErrControl = errors.New("contains a control character")
	// ErrEncoding: a text is not valid UTF-8.
	ErrEncoding = errors.New("is not valid UTF-8 text")

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

// Maximum lengths of the texts of a route, a directory and selection rules, in characters.
// A longer text is ErrTooLong; a text with a NUL byte or another control character is
// ErrControl (a line break is allowed in a free text), and one that is not UTF-8 is
// ErrEncoding.
const (
	// MaxNameLen bounds a name or identifier: a route's name and title, a step ID, a role, a
	// directory entry's name, a rule's procedure, case and route.
	MaxNameLen = 256
	// MaxTextLen bounds a free text: a note, a legal basis.
	MaxTextLen = 4096
)

// text returns the text of the problem err in lang: the error's own Message(lang) (a typed
// problem of this package or of another), the sentinel's Vietnamese text, or its Error text.
func text(err error, lang language.Tag) string {
	return msg.Text(err, lang, viSentinels, ErrInvalid)
}

// FieldError is one problem of a route, directory, rule or schedule document: the JSON path
// of the field, the offending value (if any) and the problem, e.g. `steps[2].after[0] "verfy"
// names no step of the route`. Messages repeat at most 64 characters of the value (128 of
// the path), then "…"; in Vietnamese the path is named in words ("bước trước thứ 1 của bước
// thứ 3").
type FieldError struct {
	Field string // JSON path, e.g. "steps[2].after[0]"; "$" for the document itself
	Value string
	Err   error
}

// Error returns the English message.
func (e *FieldError) Error() string { return e.Message(language.English) }

// Message returns the message in lang (Vietnamese for any tag whose base is vi, English
// otherwise).
func (e *FieldError) Message(lang language.Tag) string {
	var b strings.Builder
	if msg.Vietnamese(lang) {
		b.WriteString(fieldVi(e.Field))
	} else {
		b.WriteString(msg.ClipN(e.Field, 2*msg.MaxEcho))
	}
	if e.Value != "" {
		b.WriteByte(' ')
		b.WriteString(msg.Quote(e.Value))
	}
	b.WriteByte(' ')
	b.WriteString(text(e.Err, lang))
	return b.String()
}

// Unwrap returns the problem, a sentinel or a typed error that wraps one.
func (e *FieldError) Unwrap() error { return e.Err }

// ValidationError lists the problems found in one document: the first msg.MaxProblems (100)
// of them, and in More how many were found beyond those.
type ValidationError struct {
	// Name is the route's name, or the document's: "directory", "rules", "set", "schedule",
	// "progress".
	Name     string
	Problems []*FieldError
	More     int // problems found but not listed
}

// Error returns the English messages joined by "; ".
func (e *ValidationError) Error() string { return e.Message(language.English) }

// Message returns the messages in lang joined by "; ".
func (e *ValidationError) Message(lang language.Tag) string {
	return strings.Join(e.Messages(lang), "; ")
}

// Messages returns one message per problem listed in lang, then, when problems were left
// out, one that counts them.
func (e *ValidationError) Messages(lang language.Tag) []string {
	if e == nil {
		return nil
	}
	prefix := docName(e.Name, lang)
	if prefix != "" {
		prefix += ": "
	}
	out := make([]string, 0, len(e.Problems)+1)
	for _, p := range e.Problems {
		if p != nil {
			out = append(out, prefix+p.Message(lang))
		}
	}
	if e.More > 0 {
		out = append(out, prefix+moreProblems(e.More, lang))
	}
	return out
}

// Unwrap returns the problems listed, so errors.Is and errors.As see each one.
func (e *ValidationError) Unwrap() []error {
	if e == nil {
		return nil
	}
	out := make([]error, 0, len(e.Problems))
	for _, p := range e.Problems {
		if p != nil {
			out = append(out, p)
		}
	}
	return out
}

// problems collects the problems of one document: the first msg.MaxProblems in full, the rest
// only counted, with nothing allocated for them.
type problems struct {
	list []*FieldError
	more int
}

func (ps *problems) full() bool { return len(ps.list) >= msg.MaxProblems }

// add records a problem at path.
func (ps *problems) add(path, value string, err error) {
	if ps.full() {
		ps.more++
		return
	}
	ps.list = append(ps.list, &FieldError{Field: path, Value: value, Err: err})
}

// addAt records a problem at list[i].field (field may be empty), building the path only for
// a problem that is listed.
func (ps *problems) addAt(list string, i int, field, value string, err error) {
	if ps.full() {
		ps.more++
		return
	}
	ps.add(itemPath(list, i, field), value, err)
}

// addSub records a problem at list[i].field[j].
func (ps *problems) addSub(list string, i int, field string, j int, value string, err error) {
	if ps.full() {
		ps.more++
		return
	}
	ps.add(itemPath(list, i, field+"["+strconv.Itoa(j)+"]"), value, err)
}

// merge records the problems of o after those of ps.
func (ps *problems) merge(o *problems) {
	for _, p := range o.list {
		if ps.full() {
			ps.more++
			continue
		}
		ps.list = append(ps.list, p)
	}
	ps.more += o.more
}

// len returns how many problems were found, listed or counted.
func (ps *problems) len() int { return len(ps.list) + ps.more }

func (ps *problems) none() bool { return len(ps.list) == 0 && ps.more == 0 }

// err returns the problems as a *ValidationError named name, or nil.
func (ps *problems) err(name string) error {
	if ps.none() {
		return nil
	}
	return &ValidationError{Name: name, Problems: ps.list, More: ps.more}
}

// itemPath returns "list[i].field", "list[i]" or, for i < 0, "field".
func itemPath(list string, i int, field string) string {
	if i < 0 {
		return field
	}
	p := list + "[" + strconv.Itoa(i) + "]"
	if field != "" {
		p += "." + field
	}
	return p
}

// tooLong is ErrTooLong with the maximum, so that the message names it.
type tooLong struct {
	max  int
	unit string // "character", "step", …; "" for characters
}

func (e tooLong) Error() string {
	if e.unit == "step" {
		return "has more than " + msg.Plural(e.max, "step", "steps")
	}
	return "is longer than " + msg.Plural(e.max, "character", "characters")
}
func (e tooLong) Unwrap() error { return ErrTooLong }
func (e tooLong) Message(lang language.Tag) string {
	if msg.Vietnamese(lang) {
		if e.unit == "step" {
			return "có nhiều hơn " + strconv.Itoa(e.max) + " bước"
		}
		return "dài quá " + strconv.Itoa(e.max) + " ký tự"
	}
	return e.Error()
}

// jsonError is ErrSyntax with where the document breaks: at a byte offset, at its end, or
// with data after it.
type jsonError struct {
	kind   int // jsonAt, jsonEOF, jsonTrailing
	offset int64
}

const (
	jsonAt = iota
	jsonEOF
	jsonTrailing
)

func (e jsonError) Error() string { return e.Message(language.English) }
func (e jsonError) Unwrap() error { return ErrSyntax }
func (e jsonError) Message(lang language.Tag) string {
	vi := msg.Vietnamese(lang)
	switch e.kind {
	case jsonEOF:
		return msg.Pick(lang, "không phải JSON hợp lệ: kết thúc quá sớm", "is not valid JSON: it ends too early")
	case jsonTrailing:
		return msg.Pick(lang, "không phải JSON hợp lệ: có dữ liệu sau khi kết thúc", "is not valid JSON: data follows its end")
	}
	if vi {
		return "không phải JSON hợp lệ (lỗi tại byte thứ " + strconv.FormatInt(e.offset, 10) + ")"
	}
	return "is not valid JSON (error at byte " + strconv.FormatInt(e.offset, 10) + ")"
}

// typeError is ErrInvalid for a JSON value of the wrong type, e.g. a number where a text is
// expected.
type typeError struct{ got string } // JSON type found: "number", "string", "bool", "array", "object"

func (e typeError) Error() string { return "is a JSON " + e.got + ", not of the expected type" }
func (e typeError) Unwrap() error { return ErrInvalid }
func (e typeError) Message(lang language.Tag) string {
	if msg.Vietnamese(lang) {
		return "là " + jsonTypeVi(e.got) + " trong JSON, không đúng kiểu"
	}
	return e.Error()
}

// allotment is ErrAllotment with the fraction of the limit the longest path takes.
type allotment struct {
	sum  string // e.g. "3/4"
	rest bool   // the route has a rest step, which the fractions leave nothing for
}

func (e allotment) Error() string { return e.Message(language.English) }
func (e allotment) Unwrap() error { return ErrAllotment }
func (e allotment) Message(lang language.Tag) string {
	if msg.Vietnamese(lang) {
		if e.rest {
			return "không cộng lại bằng thời hạn giải quyết: đường dài nhất chiếm " + e.sum +
				" thời hạn trước bước nhận phần còn lại"
		}
		return "không cộng lại bằng thời hạn giải quyết: đường dài nhất chiếm " + e.sum + " thời hạn"
	}
	if e.rest {
		return "do not add up to the time limit: the longest path takes " + e.sum + " of it before the rest step"
	}
	return "do not add up to the time limit: the longest path takes " + e.sum + " of it"
}

// fixedTooLong is ErrInvalid for fixed allotments longer than a route may hold.
type fixedTooLong struct{ hours int }

func (e fixedTooLong) Error() string { return e.Message(language.English) }
func (e fixedTooLong) Unwrap() error { return ErrInvalid }
func (e fixedTooLong) Message(lang language.Tag) string {
	if msg.Vietnamese(lang) {
		return "có thời gian cố định " + strconv.Itoa(e.hours) + " giờ trên một đường, quá " +
			strconv.Itoa(maxPathHours) + " giờ"
	}
	return "have " + msg.Plural(e.hours, "hour", "hours") + " of fixed times on one path, more than " +
		strconv.Itoa(maxPathHours)
}

// notConsult is ErrNotConsult naming the step's task.
type notConsult struct{ task Task }

func (e notConsult) Error() string { return e.Message(language.English) }
func (e notConsult) Unwrap() error { return ErrNotConsult }
func (e notConsult) Message(lang language.Tag) string {
	if msg.Vietnamese(lang) {
		return "được khai báo cho bước có nhiệm vụ " + e.task.Name(lang) + ", không phải lấy ý kiến"
	}
	return "is declared on a step whose task is " + e.task.String() + ", not consult"
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
func (e *AgencyError) Error() string { return e.Message(language.English) }

// Message returns the message in lang, e.g. "agency 000.00.21.H49 was abolished after
// 2025-06-30 (date used: 2025-07-01); succeeded by 000.00.31.H49".
func (e *AgencyError) Message(lang language.Tag) string {
	var b strings.Builder
	if e.Role != "" {
		// "role district-desk for 000.00.31.H49 has no agency on 2025-07-01"
		b.WriteString(msg.Pick(lang, "vai trò ", "role "))
		b.WriteString(echoID(string(e.Role)))
		b.WriteString(msg.Pick(lang, " tại ", " for "))
	} else {
		b.WriteString(msg.Pick(lang, "cơ quan ", "agency "))
	}
	b.WriteString(e.Code.String())
	b.WriteByte(' ')
	b.WriteString(text(e.Err, lang))
	switch {
	case e.Err == ErrAbolished && e.Until != date.Zero:
		b.WriteString(msg.Pick(lang, " sau ngày ", " after "))
		b.WriteString(e.Until.String())
		b.WriteString(msg.Pick(lang, " (ngày sử dụng: ", " (date used: "))
		b.WriteString(e.On.String())
		b.WriteByte(')')
	case e.Err == ErrNotYet && e.From != date.Zero:
		b.WriteString(msg.Pick(lang, " vào ngày ", " on "))
		b.WriteString(e.On.String())
		b.WriteString(msg.Pick(lang, " (hiệu lực từ ", " (in force from "))
		b.WriteString(e.From.String())
		b.WriteByte(')')
	case e.On != date.Zero:
		b.WriteString(msg.Pick(lang, " vào ngày ", " on "))
		b.WriteString(e.On.String())
	}
	if !e.Successor.IsZero() {
		b.WriteString(msg.Pick(lang, "; đơn vị kế thừa: ", "; succeeded by "))
		b.WriteString(e.Successor.String())
	}
	return b.String()
}

// Unwrap returns the sentinel.
func (e *AgencyError) Unwrap() error { return e.Err }

// PlanError reports why a route could not be planned or re-planned: the route (or schedule)
// missing, or a time limit that cannot be used. Messages repeat at most 64 characters of the
// route name, then "…".
type PlanError struct {
	Route string
	Limit string // the limit in the compact form of route files, e.g. "3wd"
	// Input names what is wrong when it is not the time limit: "route" for a nil route,
	// "schedule" for a nil schedule; empty for the time limit.
	Input string
	Err   error
}

// Error returns the English message.
func (e *PlanError) Error() string { return e.Message(language.English) }

// Message returns the message in lang, e.g. "route land-transfer: time limit 5 working days
// is shorter than the fixed allotments" or "route is required".
func (e *PlanError) Message(lang language.Tag) string {
	switch e.Input {
	case "route":
		return msg.Pick(lang, "quy trình ", "route ") + text(e.Err, lang)
	case "schedule":
		return msg.Pick(lang, "kế hoạch xử lý ", "schedule ") + text(e.Err, lang)
	}
	return msg.Pick(lang, "quy trình ", "route ") + echoID(e.Route) + msg.Pick(lang, ": thời hạn ", ": time limit ") +
		limitText(e.Limit, lang) + " " + text(e.Err, lang)
}

// Unwrap returns the sentinel.
func (e *PlanError) Unwrap() error { return e.Err }

// SelectError reports that no rule and no default matched a query.
type SelectError struct {
	Query Query
	Err   error
}

// Error returns the English message.
func (e *SelectError) Error() string { return e.Message(language.English) }

// Message returns the message in lang, naming the parts of the query that are set, e.g.
// "procedure 2.001610 at 000.00.31.H49 on 2026-03-02 matches no route".
func (e *SelectError) Message(lang language.Tag) string {
	q := e.Query
	var parts []string
	if q.Procedure != "" {
		parts = append(parts, msg.Pick(lang, "thủ tục ", "procedure ")+echoID(q.Procedure))
	}
	if q.Case != "" {
		parts = append(parts, msg.Pick(lang, "trường hợp ", "case ")+msg.Quote(q.Case))
	}
	if q.Channel != 0 {
		parts = append(parts, msg.Pick(lang, "kênh ", "channel ")+channelText(q.Channel, lang))
	}
	if !q.Locality.IsZero() {
		parts = append(parts, msg.Pick(lang, "tại ", "at ")+q.Locality.String())
	}
	if q.On != date.Zero {
		parts = append(parts, msg.Pick(lang, "ngày ", "on ")+q.On.String())
	}
	if len(parts) == 0 {
		parts = append(parts, msg.Pick(lang, "yêu cầu chọn quy trình", "the query"))
	}
	return strings.Join(parts, " ") + " " + text(e.Err, lang)
}

// Unwrap returns the sentinel.
func (e *SelectError) Unwrap() error { return e.Err }
