package routing

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// This file reads the JSON documents of the package (directory, routes, rules) one list
// element at a time, so that a long list costs memory in proportion to the input and its
// problems are capped (msg.MaxProblems listed, the rest counted).

// newDecoder returns a decoder over data that refuses unknown fields.
func newDecoder(data []byte) *json.Decoder {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	return dec
}

// listJSON is a JSON array read one element at a time: the field of a document struct
// that holds a long list. Each element is handed to elem with a decoder positioned on it,
// which must read it (Decode); null is an empty list. A value that is not an array is
// noted in bad (its JSON type); a list given twice in one document, in twice.
type listJSON struct {
	elem  func(dec *json.Decoder, i int)
	n     int
	seen  bool
	twice bool
	bad   string
}

// UnmarshalJSON reads the array b (one JSON value, already checked by the outer decoder).
func (l *listJSON) UnmarshalJSON(b []byte) error {
	if l.seen {
		l.twice = true
		return nil
	}
	l.seen = true
	dec := newDecoder(b)
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	switch tok {
	case nil:
		return nil
	case json.Delim('['):
	default:
		l.bad = jsonType(tok)
		return nil
	}
	for dec.More() {
		l.elem(dec, l.n)
		l.n++
	}
	return nil
}

// check records the problems of the list itself at path.
func (l *listJSON) check(ps *problems, path string) {
	if l.bad != "" {
		ps.add(path, "", typeError{got: l.bad})
	}
	if l.twice {
		ps.add(path, "", ErrDuplicate)
	}
}

// jsonType names the JSON type of a first token.
func jsonType(tok json.Token) string {
	switch tok.(type) {
	case string:
		return "string"
	case float64, json.Number:
		return "number"
	case bool:
		return "bool"
	case json.Delim:
		if tok == json.Delim('{') {
			return "object"
		}
		return "array"
	}
	return "value"
}

// skipper reads and forgets JSON values, reusing one buffer.
type skipper struct{ raw json.RawMessage }

func (s *skipper) skip(dec *json.Decoder) {
	_ = dec.Decode(&s.raw)
	s.raw = s.raw[:0]
}

// decodeDoc decodes a whole document into v (whose long lists are listJSON fields) and
// reports whether it could be read at all: a syntax error is the only problem recorded and
// ends the reading; an unknown field or a value of the wrong type at the top is recorded
// beside the problems of the elements.
func decodeDoc(data []byte, v any, ps *problems) bool {
	dec := newDecoder(data)
	if err := dec.Decode(v); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
			*ps = problems{}
		}
		ps.addJSON("", -1, err)
		if len(ps.list) == 1 && errors.Is(ps.list[0].Err, ErrSyntax) {
			return false
		}
		return true
	}
	if _, err := dec.Token(); err != io.EOF {
		*ps = problems{}
		ps.add("$", "", jsonError{kind: jsonTrailing})
		return false
	}
	return true
}

// addJSON records a decoding error of list[i] (of the document for i < 0).
func (ps *problems) addJSON(list string, i int, err error) {
	if ps.full() {
		ps.more++
		return
	}
	path := itemPath(list, i, "")
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		ps.add(orRoot(path), "", jsonError{kind: jsonEOF})
		return
	case errors.As(err, &se):
		ps.add(orRoot(path), "", jsonError{kind: jsonAt, offset: se.Offset})
		return
	case errors.As(err, &te):
		p := path
		if te.Field != "" {
			if p != "" {
				p += "."
			}
			p += te.Field
		}
		got, _, _ := strings.Cut(te.Value, " ")
		ps.add(orRoot(p), "", typeError{got: got})
		return
	}
	if f, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		if u, uerr := strconv.Unquote(f); uerr == nil {
			f = u
		}
		if f == "" {
			ps.add(orRoot(path), `""`, ErrUnknownField)
			return
		}
		p := f
		if path != "" {
			p = path + "." + f
		}
		ps.add(p, "", ErrUnknownField)
		return
	}
	ps.add(orRoot(path), "", ErrSyntax)
}

func orRoot(p string) string {
	if p == "" {
		return "$"
	}
	return p
}

// checkText checks a name (free false) or a free text (free true) of at most max
// characters: UTF-8, and no NUL or other control character (a free text may hold line breaks
// and tabs). It returns nil, ErrEncoding, ErrControl or a tooLong wrapping ErrTooLong.
func checkText(s string, max int, free bool) error {
	n := 0
	for i := 0; i < len(s); n++ {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == 0x7f {
				if !free || (c != '\n' && c != '\t' && c != '\r') {
					return ErrControl
				}
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			return ErrEncoding
		}
		if r >= 0x80 && r < 0xa0 {
			return ErrControl
		}
		i += size
	}
	if n > max {
		return tooLong{max: max}
	}
	return nil
}
