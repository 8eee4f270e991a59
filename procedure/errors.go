package procedure

import (
	"errors"
	"strconv"
	"strings"
	"time"
)

// Sentinel errors, testable with errors.Is.
var (
	// ErrInvalidCatalog: the catalog data has problems (see ValidationError).
	ErrInvalidCatalog = errors.New("is not valid")
	// ErrUnknownCode: no procedure has the code.
	ErrUnknownCode = errors.New("is not a procedure code in the catalog")
	// ErrNotInForce: the procedure has no version in force at the time.
	ErrNotInForce = errors.New("has no version in force at that time")
	// ErrUnknownCase: the procedure has no case with the ID.
	ErrUnknownCase = errors.New("is not a case of the procedure")
	// ErrChannelNotOffered: the procedure has no time limit for the channel.
	ErrChannelNotOffered = errors.New("is not a channel the procedure is offered on")
	// ErrMissingInput: a fee needs a quantity or declared value that was not given.
	ErrMissingInput = errors.New("needs an input that was not given")
)

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

// Message returns the message in the language lang ("vi" or "en"; anything else gives English).
func (p Problem) Message(lang string) string {
	if lang == "vi" {
		return p.Vi
	}
	return p.En
}

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

// ValidationError lists every problem found in catalog data. It wraps ErrInvalidCatalog.
type ValidationError struct {
	Problems []Problem
}

// Error lists the problems in English, one per line.
func (e *ValidationError) Error() string { return e.Messages("en") }

// Messages lists the problems in the language lang ("vi" or "en"), one per line.
func (e *ValidationError) Messages(lang string) string {
	var b strings.Builder
	n := strconv.Itoa(len(e.Problems))
	if lang == "vi" {
		b.WriteString("danh mục thủ tục không hợp lệ (" + n + " lỗi):")
	} else {
		b.WriteString("the procedure catalog " + ErrInvalidCatalog.Error() + " (" + n + " problems):")
	}
	for _, p := range e.Problems {
		b.WriteString("\n")
		b.WriteString(p.where())
		b.WriteString(p.Message(lang))
	}
	return b.String()
}

// Unwrap returns ErrInvalidCatalog.
func (e *ValidationError) Unwrap() error { return ErrInvalidCatalog }

// LookupError reports a failed Lookup.
type LookupError struct {
	Code Code
	At   time.Time
	Err  error // ErrUnknownCode or ErrNotInForce
}

// Error reads e.g. "procedure 1.001193 has no version in force at that time (2019-01-01)".
func (e *LookupError) Error() string {
	s := "procedure " + string(e.Code) + " " + e.Err.Error()
	if errors.Is(e.Err, ErrNotInForce) {
		s += " (" + e.At.In(zone()).Format("2006-01-02") + ")"
	}
	return s
}

// Unwrap returns the sentinel.
func (e *LookupError) Unwrap() error { return e.Err }

// UseError reports a request a procedure cannot answer: an unknown case, a channel not offered,
// or missing fee input.
type UseError struct {
	Code Code
	// What names the case, channel or fee concerned.
	What string
	Err  error
}

// Error reads e.g. `procedure 1.001193: "postal" is not a channel the procedure is offered on`.
func (e *UseError) Error() string {
	return "procedure " + string(e.Code) + ": " + `"` + e.What + `" ` + e.Err.Error()
}

// Unwrap returns the sentinel.
func (e *UseError) Unwrap() error { return e.Err }
