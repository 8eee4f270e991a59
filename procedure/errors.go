package procedure

import (
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"
	"golang.org/x/text/language"

	"github.com/motcua-go/motcua/internal/msg"
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
	// ErrNegativeInput: a fee quantity or declared value is negative.
	ErrNegativeInput = errors.New("must not be negative")
	// ErrInputRange: a fee quantity or declared value is beyond any amount in đồng.
	ErrInputRange = errors.New("is out of range")
	// ErrNilCatalog: Lookup was called on a nil *Catalog.
	ErrNilCatalog = errors.New("cannot be looked up: the catalog is nil")
	// ErrNilProcedure: a method that answers a request was called on a nil *Procedure.
	ErrNilProcedure = errors.New("cannot be answered: the procedure is nil")
	// ErrInvalid: a channel, level or agency code is not one (see FieldError).
	ErrInvalid = errors.New("is not valid")
)

// FieldError reports a value that does not fit its field: a channel, level or agency code
// that is not one. It wraps a sentinel (ErrInvalid).
type FieldError struct {
	// Field names the field, e.g. "channel", "level", "agency code".
	Field string
	// Value is the text given.
	Value string
	Err   error
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

// viText returns the Vietnamese text of a sentinel.
func viText(err error) string {
	switch err {
	case ErrInvalidCatalog:
		return "không hợp lệ"
	case ErrUnknownCode:
		return "không có trong danh mục thủ tục"
	case ErrNotInForce:
		return "không có phiên bản còn hiệu lực vào thời điểm đó"
	case ErrUnknownCase:
		return "không phải là trường hợp của thủ tục"
	case ErrChannelNotOffered:
		return "không phải là hình thức nộp hồ sơ của thủ tục"
	case ErrMissingInput:
		return "cần một giá trị đầu vào chưa được cung cấp"
	case ErrNegativeInput:
		return "không được âm"
	case ErrInputRange:
		return "vượt quá giới hạn cho phép"
	case ErrNilCatalog:
		return "không tra cứu được: danh mục là nil (chưa được nạp)"
	case ErrNilProcedure:
		return "không trả lời được: thủ tục là nil (chưa được tra cứu)"
	case ErrInvalid:
		return "không hợp lệ"
	}
	return err.Error()
}

// fieldVi names a field of FieldError in Vietnamese.
func fieldVi(field string) string {
	switch field {
	case "channel":
		return "kênh nộp hồ sơ"
	case "level":
		return "cấp thực hiện"
	case "agency code":
		return "mã cơ quan"
	}
	return field
}

// maxEcho is the number of runes of an input value repeated in a message.
const maxEcho = 64

// clip shortens an input value repeated in a message to maxEcho runes, marking the cut with "…",
// so that a long value cannot make a long message.
func clip(s string) string { return clipRunes(s, maxEcho) }

// clipMessage shortens a message from another package that may repeat an input value.
func clipMessage(s string) string { return clipRunes(s, 4*maxEcho) }

func clipRunes(s string, max int) string {
	if len(s) <= max {
		return s
	}
	n := 0
	for i := range s {
		if n == max {
			return s[:i] + "…"
		}
		n++
	}
	return s
}

// decText writes a decimal from the input for a message: as written when its exponent is small,
// else as coefficient and exponent ("1e-100000"), so that a tiny exponent cannot spell out a
// long string of zeros; then clipped.
func decText(d decimal.Decimal) string {
	if e := d.Exponent(); e < -maxEcho || e > maxEcho {
		return clip(d.Coefficient().String() + "e" + strconv.Itoa(int(e)))
	}
	return clip(d.String())
}

// limitText writes a published limit for a message, e.g. "1.5 working_days".
func limitText(l *PublishedLimit) string { return decText(l.Value) + " " + l.Unit.String() }

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
	Code NationalCode
	At   time.Time
	Err  error // ErrUnknownCode, ErrNotInForce or ErrNilCatalog
}

// Error reads e.g. "procedure 1.001193 has no version in force at that time (2019-01-01)".
// A code longer than 64 characters is shortened, marked "…".
func (e *LookupError) Error() string { return e.Message("en") }

// Message returns the message in the language lang ("vi" or "en"; anything else gives English).
func (e *LookupError) Message(lang string) string {
	s := "procedure " + clip(string(e.Code)) + " " + e.Err.Error()
	if lang == "vi" {
		s = "thủ tục " + clip(string(e.Code)) + " " + viText(e.Err)
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
	Code NationalCode
	// What names the case, channel or fee concerned; for a fee input, the fee ID followed by
	// " (quantity)" or " (declared value)".
	What string
	Err  error
}

// Error reads e.g. `procedure 1.001193: "postal" is not a channel the procedure is offered on`.
// A code or value longer than 64 characters is shortened, marked "…".
func (e *UseError) Error() string { return e.Message("en") }

// Message returns the message in the language lang ("vi" or "en"; anything else gives English).
func (e *UseError) Message(lang string) string {
	what, input := e.What, ""
	for _, suffix := range [...]string{quantityInput, declaredValueInput} {
		if s, ok := strings.CutSuffix(what, suffix); ok {
			what, input = s, suffix
			break
		}
	}
	head, text := "procedure", e.Err.Error()
	if lang == "vi" {
		head, text = "thủ tục", viText(e.Err)
		switch input {
		case quantityInput:
			input = " (số lượng)"
		case declaredValueInput:
			input = " (giá trị kê khai)"
		}
	}
	if e.Code != "" {
		head += " " + clip(string(e.Code))
	}
	return head + `: "` + clip(what) + input + `" ` + text
}

// The fee inputs named in UseError.What.
const (
	quantityInput      = " (quantity)"
	declaredValueInput = " (declared value)"
)

// Unwrap returns the sentinel.
func (e *UseError) Unwrap() error { return e.Err }
