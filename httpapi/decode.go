package httpapi

import (
	"encoding"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"reflect"
	"strconv"
	"strings"

	"golang.org/x/text/language"

	"github.com/motcua-go/motcua/internal/msg"
)

// DefaultMaxBody is the largest request body read, 1 MiB.
const DefaultMaxBody = 1 << 20

// decode reads the request body, a JSON object, into a T: at most max bytes, no unknown
// field, nothing after the object. An empty body reads as the zero T when empty is true.
// Its errors are *badInput (400), or the 413 and 415 kinds.
func decode[T any](w http.ResponseWriter, r *http.Request, max int64, empty bool) (T, error) {
	var v T
	if ct := r.Header.Get("Content-Type"); ct != "" {
		mt, _, err := mime.ParseMediaType(ct)
		if err != nil || (mt != "application/json" && !strings.HasSuffix(mt, "+json")) {
			return v, &badInput{kind: kindMedia, vi: "nội dung phải là JSON (Content-Type: application/json)", en: "the body must be JSON (Content-Type: application/json)"}
		}
	}
	body := http.MaxBytesReader(w, r.Body, max)
	dec := json.NewDecoder(body)
	dec.DisallowUnknownFields()
	err := dec.Decode(&v)
	if errors.Is(err, io.EOF) && empty {
		return v, nil
	}
	if err != nil {
		return v, decodeError(err, max)
	}
	// A second value, or trailing garbage, is an error (golang/go#36225).
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return v, decodeError(err, max)
		}
		return v, &badInput{kind: kindBadRequest, vi: "có dữ liệu sau đối tượng JSON", en: "data after the JSON object"}
	}
	return v, nil
}

// decodeError says what is wrong with a body, in both languages, without repeating it.
func decodeError(err error, max int64) error {
	var (
		mbe *http.MaxBytesError
		se  *json.SyntaxError
		ute *json.UnmarshalTypeError
	)
	switch {
	case errors.As(err, &mbe):
		n := strconv.FormatInt(max, 10)
		return &badInput{kind: kindTooLarge, vi: "nội dung lớn hơn " + n + " byte", en: "the body is larger than " + n + " bytes"}
	case errors.Is(err, io.EOF):
		return &badInput{kind: kindBadRequest, vi: "thiếu nội dung JSON", en: "the JSON body is missing"}
	case errors.Is(err, io.ErrUnexpectedEOF):
		return &badInput{kind: kindBadRequest, vi: "nội dung JSON bị cắt cụt", en: "the JSON body is cut short"}
	case errors.As(err, &se):
		at := strconv.FormatInt(se.Offset, 10)
		return &badInput{kind: kindBadRequest, vi: "JSON sai cú pháp ở byte " + at, en: "malformed JSON at byte " + at}
	case errors.As(err, &ute):
		field := ute.Field
		if field == "" {
			return &badInput{kind: kindBadRequest, vi: "nội dung phải là một đối tượng JSON", en: "the body must be a JSON object"}
		}
		return &badInput{kind: kindBadRequest, field: field,
			vi: "trường " + msg.Quote(field) + " phải là " + jsonKind(ute.Type, true) + ", không phải " + ute.Value,
			en: "field " + msg.Quote(field) + " must be " + jsonKind(ute.Type, false) + ", not " + ute.Value}
	}
	s := err.Error()
	if f, ok := strings.CutPrefix(s, "json: unknown field "); ok {
		f, _ = strconv.Unquote(f)
		return &badInput{kind: kindBadRequest, field: f,
			vi: "trường " + msg.Quote(f) + " không có trong yêu cầu này", en: "unknown field " + msg.Quote(f)}
	}
	// A value its type's UnmarshalText or UnmarshalJSON refused (a role, a channel, a time).
	var m interface{ Message(language.Tag) string }
	if errors.As(err, &m) {
		return &badInput{kind: kindBadRequest, vi: m.Message(language.Vietnamese), en: m.Message(language.English)}
	}
	return &badInput{kind: kindBadRequest, vi: "giá trị không đọc được: " + msg.Clip(s), en: "a value cannot be read: " + msg.Clip(s)}
}

// jsonKind names the JSON type a Go type is read from.
func jsonKind(t reflect.Type, vi bool) string {
	if t == nil {
		return msg.Pick(pickLang(vi), "giá trị khác", "another value")
	}
	if t.Implements(textUnmarshaler) || reflect.PointerTo(t).Implements(textUnmarshaler) {
		return msg.Pick(pickLang(vi), "chuỗi", "a string")
	}
	switch t.Kind() {
	case reflect.String:
		return msg.Pick(pickLang(vi), "chuỗi", "a string")
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return msg.Pick(pickLang(vi), "số nguyên", "an integer")
	case reflect.Float32, reflect.Float64:
		return msg.Pick(pickLang(vi), "số", "a number")
	case reflect.Bool:
		return msg.Pick(pickLang(vi), "true hoặc false", "true or false")
	case reflect.Slice, reflect.Array:
		return msg.Pick(pickLang(vi), "mảng", "an array")
	case reflect.Struct, reflect.Map:
		return msg.Pick(pickLang(vi), "đối tượng", "an object")
	}
	return msg.Pick(pickLang(vi), "giá trị khác", "another value")
}

var textUnmarshaler = reflect.TypeFor[encoding.TextUnmarshaler]()

func pickLang(vi bool) language.Tag {
	if vi {
		return language.Vietnamese
	}
	return language.English
}
