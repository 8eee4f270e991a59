package portal

import (
	"github.com/motcua-go/motcua/dossier"
	"github.com/motcua-go/motcua/internal/msg"
	"golang.org/x/text/language"
)

// problem is a predicate sentinel: its Error is the English predicate, its Message the
// predicate in the language asked.
type problem struct{ en, vi string }

func (p *problem) Error() string { return p.en }

// Message returns the predicate in lang.
func (p *problem) Message(lang language.Tag) string { return msg.Pick(lang, p.vi, p.en) }

// Predicate sentinels, wrapped in an *Error that names what they are about. Test them with
// errors.Is.
var (
	// ErrRequired: a required value is missing. It is dossier.ErrRequired: one sentinel for
	// the module.
	ErrRequired = dossier.ErrRequired
	// ErrUnknownFormat: the Format is not one this version writes (DVCQG1).
	ErrUnknownFormat error = &problem{en: "is not a record format this version knows", vi: "không phải định dạng bản ghi mà phiên bản này biết"}
	// ErrMalformed: an outbox message is not a portal message this version can read.
	ErrMalformed error = &problem{en: "is not a portal message this version can read", vi: "không phải thông điệp gửi Cổng Dịch vụ công quốc gia mà phiên bản này đọc được"}
	// ErrHeld: a message waits for an earlier message of its dossier that the portal refused.
	ErrHeld error = &problem{en: "is an earlier message of the dossier, not yet accepted by the portal", vi: "là thông điệp trước đó của hồ sơ, Cổng chưa nhận"}
	// ErrNoTally: the store does not count its outbox's messages (onestop.OutboxTally).
	ErrNoTally error = &problem{en: "does not count the messages of its outbox", vi: "không đếm các thông điệp trong hộp thư đi"}
)

// Error is a problem of a field or value: Field names it (e.g. "Config.Format"), Value is
// the value at fault, cut to msg.MaxEcho characters when the message repeats it, and Err the
// sentinel. It never repeats personal data: values are codes and names of the library.
type Error struct {
	Field string
	Value string
	Err   error
}

func (e *Error) Error() string { return e.text(language.English) }

// Unwrap returns the sentinel.
func (e *Error) Unwrap() error { return e.Err }

// Message returns the problem in lang (Vietnamese or English).
func (e *Error) Message(lang language.Tag) string { return e.text(lang) }

func (e *Error) text(lang language.Tag) string {
	s := e.Field
	if e.Value != "" {
		s += " " + msg.Quote(e.Value)
	}
	pred := e.Err.Error()
	if m, ok := e.Err.(interface{ Message(language.Tag) string }); ok {
		pred = m.Message(lang)
	}
	return s + " " + pred
}
