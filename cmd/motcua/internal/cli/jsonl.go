package cli

// A reader and a writer of JSON for the fixed shape of the lines of `motcua due --jsonl`,
// without reflection: the hot path of a run that checks hundreds of thousands of cases.
// They follow encoding/json exactly (FuzzParseLine and FuzzAppendString hold them to it):
// the same documents are valid, strings decode to the same text (an invalid UTF-8 byte or a
// lone surrogate becomes U+FFFD), and a duplicate key keeps its last value.

import (
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// maxDepth is the deepest nesting a line may have, as in encoding/json.
const maxDepth = 10000

// valueKind is the JSON type of a field's value.
type valueKind uint8

const (
	absent valueKind = iota
	kindString
	kindNumber
	kindOther // true, false, null, an object or an array
)

// field is one known key's last value: its kind and, for a string, its decoded text (for a
// number, the number as written).
type field struct {
	kind valueKind
	text []byte
}

// lineFields are the keys of a --jsonl line that motcua reads; other keys are skipped.
type lineFields struct {
	id, received, limit, sameDay, policy field
}

// syntaxError is a line that is not a JSON document: the byte offset (0-based) where it goes
// wrong.
type syntaxError struct {
	offset int
	depth  bool // nesting deeper than maxDepth
}

// lineParser parses lines; it keeps its scratch buffer from line to line. The texts of a
// parse stay valid until the next one.
type lineParser struct {
	buf     []byte // the line
	pos     int    // read position
	scratch []byte // decoded strings with escapes
	stack   []byte // open objects and arrays of a skipped value
	f       lineFields
	err     syntaxError
	failed  bool
}

// parse reads one line, which must be a JSON object. It returns false for a line that is not
// a JSON document or whose top-level value is not an object (p.objectErr tells which).
func (p *lineParser) parse(line []byte) (lineFields, bool) {
	p.buf, p.pos, p.scratch, p.failed, p.f = line, 0, p.scratch[:0], false, lineFields{}
	p.space()
	if p.pos >= len(p.buf) {
		return p.fail()
	}
	if p.buf[p.pos] != '{' {
		// A valid document that is not an object is refused after it is checked, so that
		// the message can tell "not JSON" from "not an object".
		if !p.skipValue(0) {
			return lineFields{}, false
		}
		p.space()
		if p.pos != len(p.buf) {
			return p.fail()
		}
		p.err = syntaxError{offset: -1}
		return lineFields{}, false
	}
	p.pos++
	p.space()
	if p.peek() == '}' {
		p.pos++
		return p.end()
	}
	for {
		p.space()
		if p.peek() != '"' {
			return p.fail()
		}
		key, ok := p.str()
		if !ok {
			return lineFields{}, false
		}
		p.space()
		if p.peek() != ':' {
			return p.fail()
		}
		p.pos++
		p.space()
		var dst *field
		switch string(key) {
		case "id":
			dst = &p.f.id
		case "received":
			dst = &p.f.received
		case "limit":
			dst = &p.f.limit
		case "same_day":
			dst = &p.f.sameDay
		case "policy":
			dst = &p.f.policy
		}
		if dst == nil {
			if !p.skipValue(1) {
				return lineFields{}, false
			}
		} else if !p.value(dst) {
			return lineFields{}, false
		}
		p.space()
		switch p.peek() {
		case ',':
			p.pos++
		case '}':
			p.pos++
			return p.end()
		default:
			return p.fail()
		}
	}
}

// notObject reports whether the last failed parse was a valid document other than an object.
func (p *lineParser) notObject() bool { return p.err.offset < 0 }

func (p *lineParser) end() (lineFields, bool) {
	p.space()
	if p.pos != len(p.buf) {
		return p.fail()
	}
	return p.f, true
}

func (p *lineParser) fail() (lineFields, bool) {
	if !p.failed {
		p.failed = true
		p.err = syntaxError{offset: p.pos}
	}
	return lineFields{}, false
}

func (p *lineParser) failBool() bool { p.fail(); return false }

func (p *lineParser) peek() byte {
	if p.pos < len(p.buf) {
		return p.buf[p.pos]
	}
	return 0
}

func (p *lineParser) space() {
	for p.pos < len(p.buf) {
		switch p.buf[p.pos] {
		case ' ', '\t', '\n', '\r':
			p.pos++
		default:
			return
		}
	}
}

// value reads a value into dst: a string decoded, a number as written, anything else
// checked and marked kindOther.
func (p *lineParser) value(dst *field) bool {
	switch c := p.peek(); {
	case c == '"':
		s, ok := p.str()
		if !ok {
			return false
		}
		*dst = field{kind: kindString, text: s}
	case c == '-' || (c >= '0' && c <= '9'):
		start := p.pos
		if !p.number() {
			return false
		}
		*dst = field{kind: kindNumber, text: p.buf[start:p.pos]}
	default:
		if !p.skipValue(1) {
			return false
		}
		*dst = field{kind: kindOther}
	}
	return true
}

// str reads a string at p.pos (which holds '"') and returns its decoded text: a slice of the
// line when it has no escape and is valid UTF-8, else of the scratch buffer.
func (p *lineParser) str() ([]byte, bool) {
	p.pos++
	start := p.pos
	// Fast path: plain ASCII or valid UTF-8 up to the closing quote.
	for p.pos < len(p.buf) {
		c := p.buf[p.pos]
		switch {
		case c == '"':
			s := p.buf[start:p.pos]
			p.pos++
			return s, true
		case c == '\\':
			return p.strSlow(start)
		case c < 0x20:
			return nil, p.failBool()
		case c < utf8.RuneSelf:
			p.pos++
		default:
			r, size := utf8.DecodeRune(p.buf[p.pos:])
			if r == utf8.RuneError && size == 1 {
				return p.strSlow(start)
			}
			p.pos += size
		}
	}
	return nil, p.failBool()
}

// strSlow decodes a string with escapes or invalid UTF-8 into the scratch buffer, from start
// (the byte after the opening quote); p.pos is where the fast path stopped.
func (p *lineParser) strSlow(start int) ([]byte, bool) {
	from := len(p.scratch)
	p.scratch = append(p.scratch, p.buf[start:p.pos]...)
	for p.pos < len(p.buf) {
		c := p.buf[p.pos]
		switch {
		case c == '"':
			p.pos++
			return p.scratch[from:], true
		case c == '\\':
			p.pos++
			if p.pos >= len(p.buf) {
				return nil, p.failBool()
			}
			e := p.buf[p.pos]
			switch e {
			case '"', '\\', '/':
				p.scratch = append(p.scratch, e)
				p.pos++
			case 'b':
				p.scratch = append(p.scratch, '\b')
				p.pos++
			case 'f':
				p.scratch = append(p.scratch, '\f')
				p.pos++
			case 'n':
				p.scratch = append(p.scratch, '\n')
				p.pos++
			case 'r':
				p.scratch = append(p.scratch, '\r')
				p.pos++
			case 't':
				p.scratch = append(p.scratch, '\t')
				p.pos++
			case 'u':
				p.pos++
				r, ok := p.hex4(p.pos)
				if !ok {
					return nil, p.failBool()
				}
				p.pos += 4
				if utf16.IsSurrogate(r) {
					// A pair \uD83D\uDE00 is one rune; a lone surrogate is U+FFFD, and what
					// follows it is read on its own, as encoding/json does.
					if p.pos+1 < len(p.buf) && p.buf[p.pos] == '\\' && p.buf[p.pos+1] == 'u' {
						if r2, ok := p.hex4(p.pos + 2); ok {
							if dec := utf16.DecodeRune(r, r2); dec != utf8.RuneError {
								p.pos += 6
								p.scratch = utf8.AppendRune(p.scratch, dec)
								continue
							}
						}
					}
					r = utf8.RuneError
				}
				p.scratch = utf8.AppendRune(p.scratch, r)
			default:
				return nil, p.failBool()
			}
		case c < 0x20:
			return nil, p.failBool()
		case c < utf8.RuneSelf:
			p.scratch = append(p.scratch, c)
			p.pos++
		default:
			r, size := utf8.DecodeRune(p.buf[p.pos:])
			if r == utf8.RuneError && size == 1 {
				p.scratch = utf8.AppendRune(p.scratch, utf8.RuneError)
			} else {
				p.scratch = append(p.scratch, p.buf[p.pos:p.pos+size]...)
			}
			p.pos += size
		}
	}
	return nil, p.failBool()
}

// hex4 reads four hexadecimal digits at i.
func (p *lineParser) hex4(i int) (rune, bool) {
	if i+4 > len(p.buf) {
		p.pos = len(p.buf)
		return 0, false
	}
	var r rune
	for _, c := range p.buf[i : i+4] {
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			c = c - 'A' + 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	return r, true
}

// number reads a JSON number: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func (p *lineParser) number() bool {
	if p.peek() == '-' {
		p.pos++
	}
	switch c := p.peek(); {
	case c == '0':
		p.pos++
	case c >= '1' && c <= '9':
		p.digits()
	default:
		return p.failBool()
	}
	if p.peek() == '.' {
		p.pos++
		if !isDigit(p.peek()) {
			return p.failBool()
		}
		p.digits()
	}
	if c := p.peek(); c == 'e' || c == 'E' {
		p.pos++
		if c := p.peek(); c == '+' || c == '-' {
			p.pos++
		}
		if !isDigit(p.peek()) {
			return p.failBool()
		}
		p.digits()
	}
	return true
}

func (p *lineParser) digits() {
	for p.pos < len(p.buf) && isDigit(p.buf[p.pos]) {
		p.pos++
	}
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// skipValue checks and skips any value, nested ones included, without recursion: the open
// objects and arrays are kept in p.stack ('{' or '['), at most maxDepth of them with the base
// levels already open.
func (p *lineParser) skipValue(base int) bool {
	p.stack = p.stack[:0]
	for {
		p.space()
		// A value.
		switch c := p.peek(); {
		case c == '"':
			if _, ok := p.str(); !ok {
				return false
			}
		case c == '-' || isDigit(c):
			if !p.number() {
				return false
			}
		case c == 't':
			if !p.literal("true") {
				return false
			}
		case c == 'f':
			if !p.literal("false") {
				return false
			}
		case c == 'n':
			if !p.literal("null") {
				return false
			}
		case c == '{' || c == '[':
			if base+len(p.stack) >= maxDepth {
				p.fail()
				p.err.depth = true
				return false
			}
			p.pos++
			p.space()
			if (c == '{' && p.peek() == '}') || (c == '[' && p.peek() == ']') {
				p.pos++
				break
			}
			p.stack = append(p.stack, c)
			if c == '{' && !p.objectKey() {
				return false
			}
			continue
		default:
			return p.failBool()
		}
		// After a value: close what ends here, or go on to the next element.
		for {
			if len(p.stack) == 0 {
				return true
			}
			p.space()
			open := p.stack[len(p.stack)-1]
			c := p.peek()
			if c == ',' {
				p.pos++
				if open == '{' && !p.objectKey() {
					return false
				}
				break
			}
			if (open == '{' && c == '}') || (open == '[' && c == ']') {
				p.pos++
				p.stack = p.stack[:len(p.stack)-1]
				continue
			}
			return p.failBool()
		}
	}
}

// objectKey reads `"key" :` inside an object being skipped.
func (p *lineParser) objectKey() bool {
	p.space()
	if p.peek() != '"' {
		return p.failBool()
	}
	if _, ok := p.str(); !ok {
		return false
	}
	p.space()
	if p.peek() != ':' {
		return p.failBool()
	}
	p.pos++
	return true
}

func (p *lineParser) literal(lit string) bool {
	if len(p.buf)-p.pos >= len(lit) && string(p.buf[p.pos:p.pos+len(lit)]) == lit {
		p.pos += len(lit)
		return true
	}
	// Point at the first byte that differs, as a decoder would.
	for i := 0; i < len(lit) && p.pos < len(p.buf) && p.buf[p.pos] == lit[i]; i++ {
		p.pos++
	}
	return p.failBool()
}

// appendString appends s as a JSON string, as encoding/json writes it with HTML escaping
// off: '"', '\\' and control characters escaped (\n, \r, \t, \b, \f short), U+2028 and U+2029
// escaped, and each invalid UTF-8 byte written as \ufffd.
func appendString(dst []byte, s []byte) []byte {
	const hex = "0123456789abcdef"
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch c {
			case '"', '\\':
				dst = append(dst, '\\', c)
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRune(s[i:])
		if r == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i++
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hex[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// appendKey appends ,"key": (without the comma for the first key of an object).
func appendKey(dst []byte, key string, first bool) []byte {
	if !first {
		dst = append(dst, ',')
	}
	dst = append(dst, '"')
	dst = append(dst, key...)
	return append(dst, '"', ':')
}

func appendInt(dst []byte, n int) []byte { return strconv.AppendInt(dst, int64(n), 10) }
