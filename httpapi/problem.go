package httpapi

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"

	"golang.org/x/text/language"

	"github.com/motcua-go/motcua/dossier"
	"github.com/motcua-go/motcua/internal/msg"
	"github.com/motcua-go/motcua/onestop"
	"github.com/motcua-go/motcua/procedure"
)

// Problem is the body of every error response (RFC 9457, application/problem+json).
type Problem struct {
	// Type identifies the kind of problem: "urn:motcua:problem:" and one of not-found,
	// malformed-code, invalid, bad-request, unauthorized, forbidden, conflict, state,
	// too-large, unsupported-media-type, method-not-allowed, too-many-requests, unavailable
	// (503: nothing changed, try again after Retry-After), outcome-unknown (503: the store
	// lost its connection while saving the command, which may or may not have taken effect;
	// look the dossier up before repeating it), internal.
	Type   string `json:"type"`
	Title  string `json:"title"`  // the kind of problem in words, in the language asked
	Status int    `json:"status"` // the HTTP status
	Detail string `json:"detail,omitempty"`
	// Instance is the path of the request.
	Instance string `json:"instance,omitempty"`
	// Errors lists the fields at fault, each with its message.
	Errors []FieldProblem `json:"errors,omitempty"`
	// Text is, for the SMS endpoint only, the reply to send to the phone.
	Text string `json:"text,omitempty"`
	// Code is, for an intake whose outcome is unknown (outcome-unknown), the code the
	// dossier has if it was received: look it up before sending the submission again.
	Code string `json:"code,omitempty"`
}

// FieldProblem is one field at fault: the typed error's Field (e.g.
// "Submission.Applicant.citizen_id", "code") and its message.
type FieldProblem struct {
	Field   string `json:"field,omitempty"`
	Message string `json:"message"`
}

// kind is a kind of problem: its URN suffix, status and titles.
type kind struct {
	slug   string
	status int
	vi, en string
}

var (
	kindNotFound    = kind{"not-found", http.StatusNotFound, "không tìm thấy", "not found"}
	kindMalformed   = kind{"malformed-code", http.StatusBadRequest, "mã hồ sơ không đúng dạng", "malformed dossier code"}
	kindInvalid     = kind{"invalid", http.StatusUnprocessableEntity, "dữ liệu không hợp lệ", "invalid input"}
	kindBadRequest  = kind{"bad-request", http.StatusBadRequest, "yêu cầu không đúng", "bad request"}
	kindUnauth      = kind{"unauthorized", http.StatusUnauthorized, "cần khóa API hợp lệ", "a valid API key is required"}
	kindForbidden   = kind{"forbidden", http.StatusForbidden, "không có quyền", "forbidden"}
	kindConflict    = kind{"conflict", http.StatusConflict, "hồ sơ vừa thay đổi", "the dossier changed"}
	kindState       = kind{"state", http.StatusConflict, "không thực hiện được ở trạng thái này", "not possible in this state"}
	kindTooLarge    = kind{"too-large", http.StatusRequestEntityTooLarge, "nội dung quá lớn", "body too large"}
	kindMedia       = kind{"unsupported-media-type", http.StatusUnsupportedMediaType, "cần nội dung JSON", "JSON body required"}
	kindMethod      = kind{"method-not-allowed", http.StatusMethodNotAllowed, "phương thức không được hỗ trợ", "method not allowed"}
	kindTooMany     = kind{"too-many-requests", http.StatusTooManyRequests, "quá nhiều yêu cầu", "too many requests"}
	kindUnavailable = kind{"unavailable", http.StatusServiceUnavailable, "tạm thời không phục vụ được", "temporarily unavailable"}
	kindInDoubt     = kind{"outcome-unknown", http.StatusServiceUnavailable, "chưa rõ thao tác đã được lưu hay chưa", "outcome unknown"}
	kindInternal    = kind{"internal", http.StatusInternalServerError, "lỗi nội bộ", "internal error"}
)

// problemFor builds the problem of k with detail and fields.
func problemFor(k kind, lang language.Tag, r *http.Request, detail string, fields []FieldProblem) Problem {
	return Problem{Type: "urn:motcua:problem:" + k.slug, Title: msg.Pick(lang, k.vi, k.en), Status: k.status,
		Detail: detail, Instance: msg.ClipN(r.URL.Path, 200), Errors: fields}
}

// classify tells the kind of problem of an error the Office (or a store) returned.
func classify(err error) kind {
	switch {
	case errors.Is(err, onestop.ErrInDoubt): // before the context's errors it may wrap
		return kindInDoubt
	case errors.Is(err, onestop.ErrUnavailable), errors.Is(err, context.DeadlineExceeded),
		errors.Is(err, context.Canceled):
		return kindUnavailable
	case errors.Is(err, onestop.ErrMalformedCode), errors.Is(err, dossier.ErrCodeFormat),
		errors.Is(err, dossier.ErrCodeUnit), errors.Is(err, dossier.ErrCodeDate),
		errors.Is(err, dossier.ErrCodeSequence):
		return kindMalformed
	case errors.Is(err, onestop.ErrNotFound), errors.Is(err, onestop.ErrUnknownConsultation):
		return kindNotFound
	case errors.Is(err, onestop.ErrWrongActor), errors.Is(err, dossier.ErrForbidden),
		errors.Is(err, dossier.ErrWrongAgency), errors.Is(err, errForbidden):
		return kindForbidden
	case errors.Is(err, onestop.ErrConflict):
		return kindConflict
	case errors.Is(err, onestop.ErrCorruptRecord):
		return kindInternal
	}
	var te *dossier.TransitionError
	var re *dossier.RuleError
	switch {
	case errors.As(err, &te), errors.As(err, &re),
		errors.Is(err, onestop.ErrClosed), errors.Is(err, onestop.ErrNoResult),
		errors.Is(err, onestop.ErrAnswered), errors.Is(err, onestop.ErrConsultationPending),
		errors.Is(err, onestop.ErrSequenceExhausted), errors.Is(err, dossier.ErrNotAllowed),
		errors.Is(err, dossier.ErrNotProvided), errors.Is(err, dossier.ErrNotOnline):
		return kindState
	}
	var (
		fe  *onestop.FieldError
		ie  *onestop.IntakeError
		dfe *dossier.FieldError
		dve *dossier.ValidationError
		pfe *procedure.FieldError
	)
	switch {
	case errors.As(err, &fe), errors.As(err, &ie), errors.As(err, &dfe), errors.As(err, &dve),
		errors.As(err, &pfe), errors.As(err, new(*dossier.CodeError)), errors.As(err, new(*badInput)),
		errors.Is(err, dossier.ErrRequired), errors.Is(err, dossier.ErrInvalid),
		errors.Is(err, dossier.ErrTooLong), errors.Is(err, dossier.ErrControl),
		errors.Is(err, dossier.ErrEncoding):
		return kindInvalid
	}
	return kindInternal
}

// RetryAfter is the Retry-After, in seconds, of a 503: how long a client waits before it
// tries again (unavailable) or looks the dossier up (outcome-unknown).
const RetryAfter = 5

// storeDetail is the detail of a 503, which says nothing of its cause.
func storeDetail(k kind, lang language.Tag) string {
	if k == kindInDoubt {
		return msg.Pick(lang,
			"kho lưu trữ hồ sơ mất kết nối khi đang lưu: thao tác có thể đã hoặc chưa có hiệu lực; hãy tra cứu hồ sơ (nhật ký của hồ sơ cho biết) trước khi thực hiện lại",
			"the dossier store lost its connection while saving: the command may or may not have taken effect; look the dossier up (its log tells) before repeating it")
	}
	return msg.Pick(lang, "hệ thống tạm thời không phục vụ được; chưa có gì thay đổi, hãy thử lại sau "+itoa(RetryAfter)+" giây",
		"the service cannot answer now; nothing changed, try again in "+itoa(RetryAfter)+" s")
}

// fields lists the fields at fault in err, each with its message in lang.
func fields(err error, lang language.Tag) []FieldProblem {
	var (
		ie  *onestop.IntakeError
		fe  *onestop.FieldError
		dve *dossier.ValidationError
		dfe *dossier.FieldError
		ce  *dossier.CodeError
		pfe *procedure.FieldError
		bi  *badInput
	)
	switch {
	case errors.As(err, &ie):
		out := make([]FieldProblem, 0, len(ie.Problems))
		for _, p := range ie.Problems {
			out = append(out, FieldProblem{Field: p.Field, Message: p.Message(lang)})
		}
		return out
	case errors.As(err, &dve):
		out := make([]FieldProblem, 0, len(dve.Problems))
		for _, p := range dve.Problems {
			if p != nil {
				out = append(out, FieldProblem{Field: p.Field, Message: p.Message(lang)})
			}
		}
		return out
	case errors.As(err, &fe):
		return []FieldProblem{{Field: fe.Field, Message: fe.Message(lang)}}
	case errors.As(err, &dfe):
		return []FieldProblem{{Field: dfe.Field, Message: dfe.Message(lang)}}
	case errors.As(err, &ce):
		return []FieldProblem{{Field: "code", Message: ce.Message(lang)}}
	case errors.As(err, &pfe):
		return []FieldProblem{{Field: pfe.Field, Message: pfe.Message(lang)}}
	case errors.As(err, &bi):
		if bi.field != "" {
			return []FieldProblem{{Field: bi.field, Message: bi.Message(lang)}}
		}
	}
	return nil
}

// badInput is a problem with the request itself (its body, a query parameter), with its
// text in both languages and the field or parameter at fault.
type badInput struct {
	kind   kind
	field  string
	vi, en string
}

func (e *badInput) Error() string { return e.en }

// Message returns the text in lang.
func (e *badInput) Message(lang language.Tag) string { return msg.Pick(lang, e.vi, e.en) }

// errForbidden marks a refusal of this package's own rules (the queue of another agency).
var errForbidden = errors.New("forbidden")

// forbidden is a 403 of this package, with its text in both languages.
type forbidden struct{ vi, en string }

func (e *forbidden) Error() string                    { return e.en }
func (e *forbidden) Message(lang language.Tag) string { return msg.Pick(lang, e.vi, e.en) }
func (e *forbidden) Unwrap() error                    { return errForbidden }

// writeProblem writes p as application/problem+json.
func writeProblem(w http.ResponseWriter, p Problem) {
	h := w.Header()
	h.Set("Content-Type", "application/problem+json")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(p); err != nil { // a Problem always encodes; keep the status anyway
		b.Reset()
		b.WriteString(`{"type":"urn:motcua:problem:internal","title":"internal error","status":` + strconv.Itoa(p.Status) + "}\n")
	}
	w.WriteHeader(p.Status)
	w.Write(b.Bytes())
}
