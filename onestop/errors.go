package onestop

import (
	"errors"
	"strconv"
	"strings"

	"github.com/motcua-go/motcua/dossier"
	"github.com/motcua-go/motcua/internal/msg"
	"golang.org/x/text/language"
)

// problem is a predicate sentinel of this package: its Error is the English predicate, its
// Message the predicate in the language asked (messages.go holds the Vietnamese).
type problem struct{ en string }

func (p *problem) Error() string { return p.en }

// Message returns the predicate in lang.
func (p *problem) Message(lang language.Tag) string {
	if vi, ok := viProblems[p]; ok && msg.Vietnamese(lang) {
		return vi
	}
	return p.en
}

func newProblem(en string) error { return &problem{en: en} }

// Predicate sentinels. Each is wrapped in a typed error that names the dossier code or field,
// so messages read `dossier code "000.00.31.H49-260302-0001" is not a known dossier code`.
// Test them with errors.Is.
var (
	// ErrNotFound: the code names no dossier in the store.
	ErrNotFound = newProblem("is not a known dossier code")
	// ErrMalformedCode: the text is not a dossier code in any code format of the rules
	// (<unit>-YYMMDD-NNNN by default).
	ErrMalformedCode = newProblem("is not a well-formed dossier code")
	// ErrConflict: the dossier changed since it was read (optimistic concurrency).
	ErrConflict = newProblem("was changed by another command; reload it and try again")
	// ErrExists: a dossier with this code is already stored.
	ErrExists = newProblem("already exists")
	// ErrRequired: a required value is missing (a reason of only spaces is missing too). It
	// is dossier.ErrRequired: one sentinel for the module.
	ErrRequired = dossier.ErrRequired
	// ErrInvalid: a value is present but not acceptable. It is dossier.ErrInvalid.
	ErrInvalid = dossier.ErrInvalid
	// ErrUnknownProcedure: the procedure code is not in the catalog.
	ErrUnknownProcedure = newProblem("is not a procedure in the catalog")
	// ErrNotInForce: the procedure has no version in force at the time of receipt.
	ErrNotInForce = newProblem("has no version in force at the time of receipt")
	// ErrNotReceivable: the desk may not receive this procedure.
	ErrNotReceivable = newProblem("may not be received at this desk")
	// ErrSequenceExhausted: the unit has used every dossier number of the day (9,999).
	ErrSequenceExhausted = newProblem("has used all 9,999 dossier numbers of the day")
	// ErrNotDelivered: a notification could not be delivered; the command itself took effect.
	ErrNotDelivered = newProblem("could not be notified; the command took effect")
	// ErrNoRoute: no route rule matches the dossier.
	ErrNoRoute = newProblem("has no route for this procedure and level")
	// ErrWrongActor: the actor may not issue the command (role, or a clerk of another desk).
	ErrWrongActor = newProblem("may not issue this command")
	// ErrOutsideHours: the desk does not receive at this time.
	ErrOutsideHours = newProblem("is outside the desk's reception hours")
	// ErrConsultationPending: an agency consulted has neither answered nor passed its deadline.
	ErrConsultationPending = newProblem("waits for the opinion of a consulted agency")
	// ErrUnknownConsultation: no consultation of the dossier has this number.
	ErrUnknownConsultation = newProblem("is not a consultation of the dossier")
	// ErrAnswered: the consultation was already answered.
	ErrAnswered = newProblem("was already answered")
	// ErrClosed: processing has ended (returned, refused, withdrawn, closed or not accepted);
	// no command changes it.
	ErrClosed = newProblem("is closed: its processing has ended (returned, refused, withdrawn, closed or not accepted)")
	// ErrNoResult: the command needs a result that is ready or returned.
	ErrNoResult = newProblem("has no result yet")
)

// Failures of a Store that are not facts about a dossier (see Store, "Failures"). Unlike the
// predicates above they read as whole sentences. A store's own errors match them with
// errors.Is (package pgstore's ErrUnavailable and ErrBusy are ErrUnavailable, its ErrInDoubt
// is ErrInDoubt), so that a caller such as package httpapi needs to know no store.
var (
	// ErrUnavailable: the store cannot answer now (its database cannot be reached, the
	// connection was lost before a write was committed, or it stayed too busy to finish the
	// write). Nothing was written; trying again later may succeed.
	ErrUnavailable = newProblem("the dossier store cannot answer now; nothing was saved, try again later")
	// ErrInDoubt: the store lost its connection while committing a write, which may or may
	// not have taken effect. Look the dossier up (its log tells) before trying the command
	// again: repeated blindly, an intake would receive the dossier twice. Office.Intake wraps
	// it in a *dossier.CodeError naming the code the dossier has if it was received.
	ErrInDoubt = newProblem("the dossier store lost its connection while saving; the command may or may not have taken effect: look the dossier up before trying again")
)

// Message returns the message of any error of this module in lang: Vietnamese for a tag
// whose base language is vi (language.Vietnamese, vi-VN, …), English otherwise. It finds, depth
// first along the error tree, the first error with a method Message(language.Tag) string and
// calls it; an error without one reads as err.Error(). It returns "" for a nil error.
func Message(err error, lang language.Tag) string {
	if err == nil {
		return ""
	}
	if !msg.Vietnamese(lang) {
		return err.Error()
	}
	if s, ok := localized(err, lang); ok {
		return s
	}
	return err.Error()
}

// translator is an error that reads in a language of its caller's choice.
type translator interface {
	Message(language.Tag) string
}

// localized calls the Message method of the first error of the tree that has one.
func localized(err error, lang language.Tag) (string, bool) {
	if err == nil {
		return "", false
	}
	if m, ok := err.(translator); ok {
		return m.Message(lang), true
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

// predicate is the text of a sentinel in lang: this package's, package dossier's (the
// applicant's fields), or any error's own message.
func predicate(err error, lang language.Tag) string {
	if err == nil {
		return ""
	}
	if s, ok := localized(err, lang); ok {
		return s
	}
	if msg.Vietnamese(lang) {
		// A plain sentinel of package dossier: its translation is dossier's.
		return strings.TrimSpace(Message(&dossier.FieldError{Err: err}, lang))
	}
	return err.Error()
}

// codeError is the *dossier.CodeError about a code as it was given.
func codeError(code string, err error) *dossier.CodeError {
	return &dossier.CodeError{Code: msg.Clip(code), Part: dossier.WholeCode, Err: err}
}

// malformed is the problem of a dossier code no code format reads: ErrMalformedCode, and the
// format's own problem (dossier.ErrCodeDate, …), whose text the message gives.
type malformed struct{ cause error }

func (m malformed) Error() string { return m.Message(language.English) }

// Message returns the format's problem in lang.
func (m malformed) Message(lang language.Tag) string { return predicate(m.cause, lang) }

// Unwrap returns ErrMalformedCode and the format's problem.
func (m malformed) Unwrap() []error { return []error{ErrMalformedCode, m.cause} }

// malformedCode returns the *dossier.CodeError of a code the format rejected with err,
// naming the part at fault when the format says which.
func malformedCode(code string, err error) *dossier.CodeError {
	ce := codeError(code, ErrMalformedCode)
	var pe *dossier.CodeError
	if errors.As(err, &pe) {
		ce.Part, ce.Value, ce.Err = pe.Part, pe.Value, malformed{pe.Err}
		if pe.Part == dossier.WholeCode {
			ce.Value = ""
		}
		return ce
	}
	if err != nil {
		ce.Err = malformed{err}
	}
	return ce
}

// ConflictError reports a stale write: the caller read version Expected, the store holds Actual.
// Nothing was written.
type ConflictError struct {
	Code     string
	Expected uint64
	Actual   uint64
}

// Error returns the message in English.
func (e *ConflictError) Error() string { return e.Message(language.English) }

// Message returns the message in lang.
func (e *ConflictError) Message(lang language.Tag) string {
	read, stored := strconv.FormatUint(e.Expected, 10), strconv.FormatUint(e.Actual, 10)
	if msg.Vietnamese(lang) {
		return "hồ sơ " + msg.Clip(e.Code) + " " + predicate(ErrConflict, lang) + " (phiên bản đã đọc " + read + ", phiên bản lưu " + stored + ")"
	}
	return "dossier " + msg.Clip(e.Code) + " " + ErrConflict.Error() + " (read version " + read + ", stored version " + stored + ")"
}

// Unwrap returns ErrConflict.
func (e *ConflictError) Unwrap() error { return ErrConflict }

// FieldError reports an unacceptable input value, naming the field. Messages repeat at most
// 64 characters of the value, then "…"; Value keeps it whole. Value is empty when the value
// is personal data (the applicant's name, citizen ID, tax code, phone, e-mail, address): the
// field alone is named. Err is a sentinel of this package, or of package dossier for the
// applicant's fields (e.g. dossier.ErrRequired).
type FieldError struct {
	Field string // e.g. "Submission.Procedure", "Submission.Applicant.citizen_id"
	Value string
	Err   error
}

// Error returns the message in English.
func (e *FieldError) Error() string { return e.Message(language.English) }

// Message returns the message in lang.
func (e *FieldError) Message(lang language.Tag) string {
	var b strings.Builder
	b.WriteString(fieldName(e.Field, lang))
	if e.Value != "" {
		b.WriteByte(' ')
		b.WriteString(msg.Quote(valueIn(e.Field, e.Value, lang)))
	}
	b.WriteByte(' ')
	b.WriteString(predicate(e.Err, lang))
	return b.String()
}

// Unwrap returns the predicate sentinel.
func (e *FieldError) Unwrap() error { return e.Err }

// IntakeError lists every problem of a submission at once, each a *FieldError naming its
// field, so the clerk can have everything corrected in one go: the first msg.MaxProblems
// (100), and in More how many more were found.
type IntakeError struct {
	Problems []*FieldError
	More     int // problems found beyond those listed
}

// Error returns the English messages joined by "; ".
func (e *IntakeError) Error() string { return e.Message(language.English) }

// Message returns the messages in lang joined by "; ".
func (e *IntakeError) Message(lang language.Tag) string { return strings.Join(e.Messages(lang), "; ") }

// Messages returns one message per problem in lang, then, when problems were left out, one
// that counts them.
func (e *IntakeError) Messages(lang language.Tag) []string {
	out := make([]string, 0, len(e.Problems)+1)
	for _, p := range e.Problems {
		out = append(out, p.Message(lang))
	}
	if e.More > 0 {
		out = append(out, moreProblems(e.More, lang))
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
func (e *NotifyError) Error() string { return e.Message(language.English) }

// Message returns the message in lang. The notifier's own error is given as it reads.
func (e *NotifyError) Message(lang language.Tag) string {
	subject := msg.Pick(lang, "thông báo về hồ sơ nộp ", "the notice of the submission ")
	if e.Code != "" {
		subject = msg.Pick(lang, "hồ sơ ", "dossier ") + msg.Clip(e.Code) + " "
	}
	return subject + predicate(ErrNotDelivered, lang) + ": " + Message(e.Err, lang)
}

// Unwrap returns ErrNotDelivered and the notifier's error.
func (e *NotifyError) Unwrap() []error { return []error{ErrNotDelivered, e.Err} }

// ErrCorruptRecord: a record read from the store is inconsistent (see RecordError).
var ErrCorruptRecord = newProblem("is inconsistent in the store")

// RecordProblem says what is inconsistent in a stored record.
type RecordProblem uint8

// Problems of a stored record.
const (
	// NoDossier: the record holds no dossier.
	NoDossier RecordProblem = iota + 1
	// EmptyLog: the dossier's event log is empty.
	EmptyLog
	// LogNotAtSeq: the log does not end at the record's Seq (an event lost or added).
	LogNotAtSeq
	// LogOutOfOrder: an event's Seq is not its place in the log (1, 2, 3, …).
	LogOutOfOrder
	// OtherCode: the dossier's code is not the record's.
	OtherCode
	// StateNotLogged: the dossier's state is not the state its log ends in.
	StateNotLogged
)

// RecordError reports a record read from the store that the Office cannot work with: its
// dossier is missing, or its event log does not hold exactly the events 1..Record.Seq, or
// disagrees with the dossier. The store lost or mangled a write; nothing was changed.
type RecordError struct {
	Code    string        // the record's code, as stored (cut at 64 characters)
	Problem RecordProblem // what is wrong
	Seq     int           // the log's length the record claims (Record.Seq)
	Events  int           // the events the log holds
}

// Error returns the message in English.
func (e *RecordError) Error() string { return e.Message(language.English) }

// Message returns the message in lang, e.g. `dossier 000.00.31.H49-260302-0001 is
// inconsistent in the store: its event log holds 2 events, the record claims 3`.
func (e *RecordError) Message(lang language.Tag) string {
	n, seq := strconv.Itoa(e.Events), strconv.Itoa(e.Seq)
	var what string
	switch e.Problem {
	case NoDossier:
		what = msg.Pick(lang, "bản ghi không có hồ sơ", "the record holds no dossier")
	case EmptyLog:
		what = msg.Pick(lang, "nhật ký sự kiện trống", "its event log is empty")
	case LogNotAtSeq:
		what = msg.Pick(lang, "nhật ký có "+n+" sự kiện, bản ghi ghi nhận "+seq,
			"its event log holds "+n+" events, the record claims "+seq)
	case LogOutOfOrder:
		what = msg.Pick(lang, "sự kiện thứ "+n+" của nhật ký mang số thứ tự khác", "event "+n+" of its log bears another number")
	case OtherCode:
		what = msg.Pick(lang, "bản ghi chứa hồ sơ mang mã khác", "the record holds a dossier of another code")
	case StateNotLogged:
		what = msg.Pick(lang, "trạng thái hồ sơ khác trạng thái cuối của nhật ký", "its state is not the one its log ends in")
	default:
		what = msg.Pick(lang, "lỗi không xác định", "unknown problem")
	}
	return msg.Pick(lang, "hồ sơ ", "dossier ") + msg.Clip(e.Code) + " " + predicate(ErrCorruptRecord, lang) + ": " + what
}

// Unwrap returns ErrCorruptRecord.
func (e *RecordError) Unwrap() error { return ErrCorruptRecord }
