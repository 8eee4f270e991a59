package dossier

import (
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/motcua-go/motcua/internal/msg"
	"golang.org/x/text/language"
)

// Problems reported by this package. Test with errors.Is; the typed errors below wrap them.
// Their Error texts are English predicates; the typed errors' Message(lang) gives them in
// Vietnamese too.
var (
	// Validation of fields and codes.
	ErrRequired = errors.New("is required")
	ErrInvalid  = errors.New("is not valid")
	// ErrTooLong: a name or a free text is longer than its documented maximum (MaxNameLen,
	// MaxReasonLen, …). The message names the maximum.
	ErrTooLong = errors.New("is too long")
	// ErrControl: a text holds a NUL byte or another control character (a line break in a
	// name, for instance).
	ErrControl = errors.New("contains a control character")
	// ErrEncoding: a text is not valid UTF-8.
	ErrEncoding = errors.New("is not valid UTF-8 text")

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
	// ErrNotProvided: the regime's policy has no such rule (closing a dossier, amending it)
	// — for instance under Decree 61/2018.
	ErrNotProvided = errors.New("is not provided for by the policy of the dossier's regime")
	// ErrCloseEarly: the dossier is closed before the period after the supplement notice has
	// passed (Policy.CloseAfter; RuleError.Deadline is the closing date).
	ErrCloseEarly = errors.New("is before the end of the period given for the supplement")
	// ErrNotOnline: an amendment of a dossier not submitted online (Decree 118/2025 Art.
	// 21(2) gives it to online applicants).
	ErrNotOnline = errors.New("is only for dossiers submitted online")
	// ErrOnceOnly: a supplement request for a document the applicant's data already hold,
	// not marked as for verification (Decree 118/2025 Art. 5(1)(i); Policy.OnceOnly).
	ErrOnceOnly = errors.New("is held electronically and may be asked for again only to verify it")
)

// Why an event log cannot be replayed (LogError.Err); each also reads as ErrLog.
var (
	errLogStart      = errors.New("does not start with open as event 1, leading to Submitted")
	errLogSequence   = errors.New("has a sequence number out of order")
	errLogTime       = errors.New("goes back in time")
	errLogTransition = errors.New("records a transition the lifecycle does not allow")
)

// tooLong is ErrTooLong with the maximum, so that the message names it.
type tooLong struct{ max int }

func (e tooLong) Error() string {
	return "is longer than " + msg.Plural(e.max, "character", "characters")
}
func (e tooLong) Unwrap() error { return ErrTooLong }
func (e tooLong) Message(lang language.Tag) string {
	if msg.Vietnamese(lang) {
		return "dài quá " + strconv.Itoa(e.max) + " ký tự"
	}
	return e.Error()
}

// FieldError is a problem with one field: its name (the JSON path, e.g.
// "applicant.address.unit_code"), the offending value and the problem, e.g.
// `procedure.code "1001193" is not valid`. Value is empty when the value is personal data
// (citizen ID, tax code, phone, e-mail, name, address) or a text too long to repeat: those
// are named by their field only. A message repeats at most 64 characters of Value.
type FieldError struct {
	Field string
	Value string
	Err   error
}

// Error returns the English message.
func (e *FieldError) Error() string { return e.Message(language.English) }

// Message returns the message in lang: Vietnamese for a tag of base vi, English otherwise.
// The field's name is translated too.
func (e *FieldError) Message(lang language.Tag) string {
	if e == nil {
		return ""
	}
	var b strings.Builder
	b.WriteString(fieldName(e.Field, lang))
	if e.Value != "" {
		b.WriteByte(' ')
		b.WriteString(msg.Quote(e.Value))
	}
	b.WriteByte(' ')
	b.WriteString(text(e.Err, lang))
	return b.String()
}

// Unwrap returns the sentinel.
func (e *FieldError) Unwrap() error {
	if e == nil {
		return nil
	}
	return e.Err
}

// ValidationError lists the problems found in one input: the first msg.MaxProblems (100)
// of them, and in More how many were found beyond those.
type ValidationError struct {
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
	m := make([]string, 0, len(e.Problems)+1)
	for _, p := range e.Problems {
		if p != nil {
			m = append(m, p.Message(lang))
		}
	}
	if e.More > 0 {
		m = append(m, moreProblems(e.More, lang))
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

// problems collects the problems of one input, keeping the first msg.MaxProblems and
// counting the rest.
type problems struct {
	list []*FieldError
	more int
}

func (p *problems) add(field, value string, err error) {
	if len(p.list) >= msg.MaxProblems {
		p.more++
		return
	}
	p.list = append(p.list, &FieldError{Field: field, Value: value, Err: err})
}

// addAt adds a problem of element i of the list field, with no value; past the cap it
// only counts it, without building the field's name.
func (p *problems) addAt(field string, i int, err error) {
	if len(p.list) >= msg.MaxProblems {
		p.more++
		return
	}
	p.add(field+"["+strconv.Itoa(i)+"]", "", err)
}

// err returns the problems as a *ValidationError, or nil.
func (p *problems) err() error {
	if len(p.list) == 0 {
		return nil
	}
	return &ValidationError{Problems: p.list, More: p.more}
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

// CodeError is a problem with a dossier code: a malformed code (which part is wrong, its
// text, the sentinel ErrCodeFormat, ErrCodeUnit, ErrCodeDate, ErrCodeSequence or a code
// format's own), a code that cannot be issued (ErrCodeExhausted), or a code another layer
// refuses (an office's "not found", for example: any error, whose Message(language.Tag) is
// used when it has one). It is the one error about dossier codes in the module.
type CodeError struct {
	// Code is the code as given, cut to its first 64 characters (and "…"); empty when the
	// error is about the parts of a Code value rather than a text.
	Code string
	// Part is the part at fault; WholeCode when the whole text is.
	Part CodePart
	// Value is the text of the part at fault (the unit, the date, the sequence number);
	// with WholeCode it may repeat the code, or be empty. Messages cut it at 64 characters.
	Value string
	Err   error
}

// newCodeError returns a *CodeError about the text s as a whole.
func newCodeError(s string, err error) *CodeError {
	return &CodeError{Code: msg.Clip(s), Part: WholeCode, Err: err}
}

// Error returns the English message.
func (e *CodeError) Error() string { return e.Message(language.English) }

// Message returns the message in lang, e.g. `dossier code "000.00.00.H49-250230-0001": date
// "250230" is not a valid YYMMDD date`; a long code or value is cut to its first 64
// characters and "…".
func (e *CodeError) Message(lang language.Tag) string {
	if e == nil {
		return ""
	}
	part := e.Part
	if int(part) >= len(codePartNames) {
		part = WholeCode
	}
	var b strings.Builder
	if e.Code != "" {
		b.WriteString(codePartName(WholeCode, lang))
		b.WriteByte(' ')
		b.WriteString(msg.Quote(e.Code))
	}
	if e.Code == "" || part != WholeCode && e.Value != "" {
		if e.Code != "" {
			b.WriteString(": ")
		}
		b.WriteString(codePartName(part, lang))
		b.WriteByte(' ')
		b.WriteString(msg.Quote(e.Value))
	}
	b.WriteByte(' ')
	b.WriteString(text(e.Err, lang))
	return b.String()
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
	Err     error // ErrNotAllowed, ErrForbidden, ErrWrongAgency, ErrNoNextStep, ErrNoPrevStep or ErrStepsPending
}

// Error returns the English message.
func (e *TransitionError) Error() string { return e.Message(language.English) }

// Message returns the message in lang, e.g. "return is not allowed in this state
// (Received)", "trả kết quả không được phép ở trạng thái này (được tiếp nhận)".
func (e *TransitionError) Message(lang language.Tag) string {
	if e == nil {
		return ""
	}
	switch e.Err {
	case ErrForbidden, ErrWrongAgency:
		return e.Command.Name(lang) + " (" + e.Role.Name(lang) + ") " + text(e.Err, lang)
	}
	return e.Command.Name(lang) + " " + text(e.Err, lang) + " (" + e.State.Name(lang) + ")"
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
func (e *RuleError) Error() string { return e.Message(language.English) }

// Message returns the message in lang; the legal source is translated too ("Nghị định
// 61/2018, Điều 19(4)").
func (e *RuleError) Message(lang language.Tag) string {
	if e == nil {
		return ""
	}
	var b strings.Builder
	b.WriteString(e.Command.Name(lang))
	b.WriteByte(' ')
	b.WriteString(text(e.Err, lang))
	if !e.Deadline.IsZero() {
		b.WriteString(msg.Pick(lang, " (hạn ", " (limit "))
		b.WriteString(e.Deadline.In(zone()).Format("15:04 02/01/2006"))
		b.WriteByte(')')
	}
	if e.Rule != "" {
		b.WriteString(" [")
		b.WriteString(ruleName(e.Rule, lang))
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
// errors.Is(err, ErrLog) holds for every LogError; Err is the reason (a lifecycle sentinel
// such as ErrNoNextStep when the event cannot be applied, or a problem of the log's order).
type LogError struct {
	Seq int
	Err error
}

// Error returns the English message.
func (e *LogError) Error() string { return e.Message(language.English) }

// Message returns the message in lang, e.g. "event log: event 3 goes back in time".
func (e *LogError) Message(lang language.Tag) string {
	if e == nil {
		return ""
	}
	return msg.Pick(lang, "nhật ký sự kiện: sự kiện ", "event log: event ") + strconv.Itoa(e.Seq) +
		" " + text(e.Err, lang)
}

// Unwrap returns ErrLog and the reason.
func (e *LogError) Unwrap() []error {
	if e == nil || e.Err == nil {
		return []error{ErrLog}
	}
	return []error{ErrLog, e.Err}
}
