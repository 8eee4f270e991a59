package procedure

import (
	"errors"
	"strings"
	"time"

	"golang.org/x/text/language"

	"github.com/motcua-go/motcua/internal/msg"
)

// Sentinel errors, testable with errors.Is. The Vietnamese texts are in messages.go.
var (
	// ErrInvalidCatalog: the catalog data has problems (see ValidationError).
	ErrInvalidCatalog = errors.New("is not valid")
	// ErrUnknownCode: no procedure has the code (LookupError).
	ErrUnknownCode = errors.New("is not a procedure code in the catalog")
	// ErrNotInForce: the procedure has no version in force at the time (LookupError).
	ErrNotInForce = errors.New("has no version in force at that time")
	// ErrUnknownCase: the procedure has no case with the ID (UseError).
	ErrUnknownCase = errors.New("is not a case of the procedure")
	// ErrChannelNotOffered: the procedure has no time limit for the channel (UseError).
	ErrChannelNotOffered = errors.New("is not a channel the procedure is offered on")
	// ErrMissingInput: a fee needs a quantity or declared value that was not given (UseError).
	ErrMissingInput = errors.New("needs an input that was not given")
	// ErrNegativeInput: a fee quantity or declared value is negative (UseError).
	ErrNegativeInput = errors.New("must not be negative")
	// ErrInputRange: a fee quantity or declared value is beyond any amount in đồng (UseError).
	ErrInputRange = errors.New("is out of range")
	// ErrLimitNotPublished: the channel is offered but the record publishes no time limit for
	// it (UseError); the desk sets the appointment.
	ErrLimitNotPublished = errors.New("has no published time limit")
	// ErrNilCatalog: Lookup was called on a nil *Catalog (LookupError).
	ErrNilCatalog = errors.New("cannot be looked up: the catalog is nil")
	// ErrNilProcedure: a method that answers a request was called on a nil *Procedure
	// (UseError).
	ErrNilProcedure = errors.New("cannot be answered: the procedure is nil")
	// ErrInvalid: a channel, level or agency code is not one (FieldError).
	ErrInvalid = errors.New("is not valid")
	// ErrDateFormat: a date is not written YYYY-MM-DD (FieldError; rule "json" of a catalog).
	ErrDateFormat = errors.New("is not a date written YYYY-MM-DD")
	// ErrNoSuchDate: a date written YYYY-MM-DD names a day the calendar does not have, such
	// as 2025-02-30 (FieldError; rule "no_such_date" of a catalog).
	ErrNoSuchDate = errors.New("is not a day of the calendar")
	// ErrControl: a text of the catalog holds a NUL byte or another control character (rule
	// "control"; line breaks and tabs are allowed in free text).
	ErrControl = errors.New("contains a NUL byte or another control character")
	// ErrEncoding: a catalog file is not valid UTF-8 (rule "encoding").
	ErrEncoding = errors.New("is not valid UTF-8 text")
	// ErrTooLong: a name, an identifier or a free text of the catalog is longer than its
	// maximum (MaxIDLen, MaxNameLen, MaxTextLen; rule "too_long").
	ErrTooLong = errors.New("is too long")
)

// FieldError reports a value that does not fit its field: a channel, level or agency code that
// is not one, or a date that is not written YYYY-MM-DD or does not exist. It wraps a sentinel
// (ErrInvalid, ErrDateFormat, ErrNoSuchDate).
type FieldError struct {
	// Field names the field, e.g. "channel", "level", "agency code", "date".
	Field string
	// Value is the text given.
	Value string
	// Err is the sentinel: ErrInvalid, ErrDateFormat or ErrNoSuchDate.
	Err error
}

// Error reads e.g. `channel "fax" is not valid`; a value longer than 64 characters is cut,
// marked "…".
func (e *FieldError) Error() string { return e.Message(language.English) }

// Message returns the message in the language lang (Vietnamese for any tag whose base is vi,
// English otherwise), e.g. `kênh nộp hồ sơ "fax" không hợp lệ`.
func (e *FieldError) Message(lang language.Tag) string {
	if msg.Vietnamese(lang) {
		return fieldVi(e.Field) + " " + msg.Quote(e.Value) + " " + viText(e.Err)
	}
	return e.Field + " " + msg.Quote(e.Value) + " " + e.Err.Error()
}

// Unwrap returns the sentinel.
func (e *FieldError) Unwrap() error { return e.Err }

// Problem is one problem found in catalog data.
type Problem struct {
	// File is the file the problem is in (LoadFS); empty for Load.
	File string
	// Path is the JSON path of the offending value, e.g. "procedures[3].limits.online.value".
	Path string
	// Rule names the rule broken, e.g. "required", "ttcode", "version_overlap", "json".
	Rule string
	// En and Vi are the message in English and Vietnamese.
	En, Vi string
}

// Message returns the message in the language lang (Vietnamese for any tag whose base is vi,
// English otherwise), without the file and path.
func (p Problem) Message(lang language.Tag) string { return msg.Pick(lang, p.Vi, p.En) }

// String returns "file: path: message" in English.
func (p Problem) String() string { return p.where() + p.En }

func (p Problem) where() string {
	var b strings.Builder
	if p.File != "" {
		b.WriteString(p.File)
		b.WriteString(": ")
	}
	if p.Path != "" {
		b.WriteString(p.Path)
		b.WriteString(": ")
	}
	return b.String()
}

// ValidationError lists the problems found in catalog data: the first msg.MaxProblems (100)
// in the order of the input, and how many more there are. It wraps ErrInvalidCatalog, and
// ErrControl, ErrEncoding, ErrTooLong and ErrNoSuchDate when a problem of that kind was found.
type ValidationError struct {
	// Problems are the first 100 problems.
	Problems []Problem
	// More counts the problems found beyond Problems.
	More int

	kinds []error // the sentinels of the problems found, in the order first seen
}

// Error lists the problems in English, one per line.
func (e *ValidationError) Error() string { return e.Message(language.English) }

// Message returns a heading and the problems, one per line, in the language lang (Vietnamese
// for any tag whose base is vi, English otherwise), e.g. "the procedure catalog is not valid
// (2 problems):" followed by "procedures[0].name: name is a required field".
func (e *ValidationError) Message(lang language.Tag) string {
	var b strings.Builder
	b.WriteString(validationHeading(lang, len(e.Problems)+e.More, len(e.Problems)))
	for _, line := range e.Messages(lang) {
		b.WriteString("\n")
		b.WriteString(line)
	}
	return b.String()
}

// Messages returns one line per problem listed, "file: path: message", in the language lang,
// and a last line that counts the problems not listed, if any.
func (e *ValidationError) Messages(lang language.Tag) []string {
	out := make([]string, 0, len(e.Problems)+1)
	for _, p := range e.Problems {
		out = append(out, p.where()+p.Message(lang))
	}
	if e.More > 0 {
		out = append(out, moreProblems(lang, e.More))
	}
	return out
}

// Unwrap returns ErrInvalidCatalog and the sentinels of the kinds of problem found.
func (e *ValidationError) Unwrap() []error { return append([]error{ErrInvalidCatalog}, e.kinds...) }

// LookupError reports a failed Lookup.
type LookupError struct {
	// Code is the code looked up.
	Code NationalCode
	// At is the time of the look-up.
	At time.Time
	// Err is ErrUnknownCode, ErrNotInForce or ErrNilCatalog.
	Err error
}

// Error reads e.g. "procedure 1.001193 has no version in force at that time (2019-01-01)".
// A code longer than 64 characters is shortened, marked "…".
func (e *LookupError) Error() string { return e.Message(language.English) }

// Message returns the message in the language lang (Vietnamese for any tag whose base is vi,
// English otherwise).
func (e *LookupError) Message(lang language.Tag) string {
	s := "procedure " + msg.Clip(string(e.Code)) + " " + e.Err.Error()
	if msg.Vietnamese(lang) {
		s = "thủ tục " + msg.Clip(string(e.Code)) + " " + viText(e.Err)
	}
	if errors.Is(e.Err, ErrNotInForce) {
		s += " (" + e.At.In(zone()).Format("2006-01-02") + ")"
	}
	return s
}

// Unwrap returns the sentinel.
func (e *LookupError) Unwrap() error { return e.Err }

// UseError reports a request a procedure cannot answer: an unknown case, a channel not offered,
// missing or negative fee input, or a nil procedure (Code is then empty).
type UseError struct {
	// Code is the procedure's code; empty for a nil procedure.
	Code NationalCode
	// What names the case, channel or fee concerned; for a fee input, the fee ID followed by
	// " (quantity)", " (declared value)", " (submission time)", " (copies)" or " (channel)".
	What string
	// Err is ErrUnknownCase, ErrChannelNotOffered, ErrMissingInput, ErrNegativeInput,
	// ErrInputRange or ErrNilProcedure.
	Err error
}

// Error reads e.g. `procedure 1.001193: "postal" is not a channel the procedure is offered on`.
// A code or value longer than 64 characters is shortened, marked "…".
func (e *UseError) Error() string { return e.Message(language.English) }

// Message returns the message in the language lang (Vietnamese for any tag whose base is vi,
// English otherwise).
func (e *UseError) Message(lang language.Tag) string {
	what, input := e.What, ""
	for _, suffix := range [...]string{quantityInput, declaredValueInput, submissionTimeInput, copiesInput, channelInput} {
		if s, ok := strings.CutSuffix(what, suffix); ok {
			what, input = s, suffix
			break
		}
	}
	head, text := "procedure", e.Err.Error()
	if msg.Vietnamese(lang) {
		head, text = "thủ tục", viText(e.Err)
		input = inputVi(input)
		if errors.Is(e.Err, ErrChannelNotOffered) || errors.Is(e.Err, ErrLimitNotPublished) || (errors.Is(e.Err, ErrNilProcedure) && channelVi(what) != "") {
			if vi := channelVi(what); vi != "" {
				what = vi
			}
		}
	}
	if e.Code != "" {
		head += " " + msg.Clip(string(e.Code))
	}
	return head + `: "` + msg.Clip(what) + input + `" ` + text
}

// The fee inputs named in UseError.What.
const (
	quantityInput       = " (quantity)"
	declaredValueInput  = " (declared value)"
	submissionTimeInput = " (submission time)"
	copiesInput         = " (copies)"
	channelInput        = " (channel)"
)

// Unwrap returns the sentinel.
func (e *UseError) Unwrap() error { return e.Err }
