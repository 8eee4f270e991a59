package procedure

import (
	"bytes"
	"encoding"
	"encoding/json"
	"errors"
	"reflect"
	"strconv"
	"strings"
	"sync"

	"github.com/shopspring/decimal"

	"github.com/motcua-go/motcua/internal/msg"
)

// lenient decodes an item that does not decode strictly, value by value, so that one bad value
// does not hide the item's other problems: a value that does not fit is reported at its path
// and left zero, an unknown key is reported at its object, and the rest is decoded. The input
// must be well-formed JSON.
type lenient struct {
	file  string
	probs []Problem
	// bad holds the paths of the values left zero.
	bad []string
}

var (
	unmarshalerType     = reflect.TypeFor[json.Unmarshaler]()
	textUnmarshalerType = reflect.TypeFor[encoding.TextUnmarshaler]()
	decimalType         = reflect.TypeFor[decimal.Decimal]()
)

// maxDecimalText bounds the text of a decimal of a catalog: 64 digits before the point, 64
// after, a sign, a point, quotes and an exponent fit with room to spare. A longer text is
// refused without being parsed (rule decimal_range).
const maxDecimalText = 160

// decimalKeys are the keys of the catalog whose values are decimals.
var decimalKeys = [...]string{"value", "amount", "rate", "min", "max", "percent"}

// hasLongDecimal reports whether data (well-formed or not) holds a value longer than
// maxDecimalText under a key that names a decimal field (in any case, as encoding/json
// matches keys). It reads data once.
func hasLongDecimal(data []byte) bool {
	for i := 0; i < len(data); i++ {
		if data[i] != '"' {
			continue
		}
		key, end, ok := scanString(data, i)
		if !ok {
			return false
		}
		i = end - 1
		j := skipSpace(data, end)
		if j >= len(data) || data[j] != ':' {
			continue
		}
		k := skipSpace(data, j+1)
		isDecimal := false
		for _, d := range decimalKeys {
			if len(key) == len(d)+2 && strings.EqualFold(string(key[1:len(key)-1]), d) {
				isDecimal = true
			}
		}
		if !isDecimal || k >= len(data) {
			continue
		}
		var n int
		if data[k] == '"' {
			_, e, ok := scanString(data, k)
			if !ok {
				return false
			}
			n = e - k
		} else {
			e := k
			for e < len(data) && !bytes.ContainsRune([]byte(",}] \t\r\n"), rune(data[e])) {
				e++
			}
			n = e - k
		}
		if n > maxDecimalText {
			return true
		}
	}
	return false
}

// decode decodes data into v (a pointer) with the item at path at.
func (l *lenient) decode(data []byte, v any, at string) {
	l.value(data, reflect.ValueOf(v).Elem(), at)
}

// value decodes data into v and reports whether it fitted.
func (l *lenient) value(data []byte, v reflect.Value, at string) bool {
	data = bytes.TrimSpace(data)
	t := v.Type()
	pt := reflect.PointerTo(t)
	leaf := pt.Implements(unmarshalerType) || pt.Implements(textUnmarshalerType)
	if len(data) == 0 || (!leaf && string(data) == "null") {
		// null clears a pointer or a slice and leaves any other value as it is, as
		// encoding/json does.
		if k := t.Kind(); k == reflect.Pointer || k == reflect.Slice {
			v.SetZero()
		}
		return true
	}
	if t == decimalType && len(data) > maxDecimalText {
		v.SetZero()
		text := string(bytes.Trim(data[:min(len(data), 4*msg.MaxEcho)], `"`))
		l.probs = append(l.probs, problem(l.file, at, "decimal_range", text))
		l.bad = append(l.bad, at)
		return false
	}
	switch {
	case leaf:
	case t.Kind() == reflect.Pointer:
		if v.IsNil() {
			v.Set(reflect.New(t.Elem()))
		}
		if !l.value(data, v.Elem(), at) {
			v.SetZero()
			return false
		}
		return true
	case t.Kind() == reflect.Struct && data[0] == '{':
		return l.object(data, v, at)
	case t.Kind() == reflect.Slice && data[0] == '[':
		var elems []json.RawMessage
		if err := json.Unmarshal(data, &elems); err != nil {
			return l.fail(data, v, at, err)
		}
		s := reflect.MakeSlice(t, len(elems), len(elems))
		for i, e := range elems {
			l.value(e, s.Index(i), at+"["+strconv.Itoa(i)+"]")
		}
		v.Set(s)
		return true
	}
	// A leaf, or a value of the wrong kind: encoding/json reports the problem as it would for
	// the whole item.
	nv := reflect.New(t)
	if err := json.Unmarshal(data, nv.Interface()); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) && te.Type == pt {
			te.Type = t // name the value's type, not the pointer's
		}
		return l.fail(data, v, at, err)
	}
	v.Set(nv.Elem())
	return true
}

// object decodes a JSON object into the struct v, key by key in input order.
func (l *lenient) object(data []byte, v reflect.Value, at string) bool {
	dec := json.NewDecoder(bytes.NewReader(data))
	if _, err := dec.Token(); err != nil {
		return l.fail(data, v, at, err)
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return l.fail(data, v, at, err)
		}
		key, _ := tok.(string)
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return l.fail(data, v, at, err)
		}
		i, name, ok := fieldOf(v.Type(), key)
		if !ok {
			l.probs = append(l.probs, unknownKey(l.file, at, key))
			continue
		}
		l.value(raw, v.Field(i), at+"."+name)
	}
	return true
}

// fail records err for the value at path at and leaves the value zero.
func (l *lenient) fail(data []byte, v reflect.Value, at string, err error) bool {
	v.SetZero()
	p := jsonProblem(l.file, at, data, err)
	p.Path = at // data is this value alone: no path inside it
	l.probs = append(l.probs, p)
	l.bad = append(l.bad, at)
	return false
}

// fieldOf finds the field of struct type t that a JSON key names, as encoding/json does: the
// exact name first, then without regard to case.
func fieldOf(t reflect.Type, key string) (int, string, bool) {
	names, ok := catalogFieldNames()[t]
	if !ok {
		names = jsonNames(t)
	}
	fold := -1
	for i, name := range names {
		if name == "" {
			continue
		}
		if name == key {
			return i, name, true
		}
		if fold < 0 && strings.EqualFold(name, key) {
			fold = i
		}
	}
	if fold < 0 {
		return -1, "", false
	}
	return fold, names[fold], true
}

// jsonNames returns the JSON names of the fields of struct type t, "" for a field that has
// none (unexported, or tagged "-").
func jsonNames(t reflect.Type) []string {
	names := make([]string, t.NumField())
	for i := range names {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		switch name {
		case "-":
			continue
		case "":
			name = f.Name
		}
		names[i] = name
	}
	return names
}

// catalogFieldNames holds the JSON names of the fields of the catalog's types, read once so
// that a long list of items with unknown keys does not read the struct tags again for each.
// It is never changed after it is built.
var catalogFieldNames = sync.OnceValue(func() map[reflect.Type][]string {
	m := map[reflect.Type][]string{}
	for _, v := range []any{Procedure{}, Agency{}, Limits{}, PublishedLimit{}, SameDay{}, Case{},
		Document{}, Fee{}, Reduction{}, Result{}, Group{}} {
		t := reflect.TypeOf(v)
		m[t] = jsonNames(t)
	}
	return m
})

// under reports whether path p is the path q or inside it.
func under(p, q string) bool {
	return strings.HasPrefix(p, q) && (len(p) == len(q) || p[len(q)] == '.' || p[len(q)] == '[')
}

// relies lists the paths, other than its own and those inside or around it, that a rule
// across fields reads: a problem found while one of them was left zero may be false.
func relies(p Problem, item string) []string {
	switch p.Rule {
	case "district_abolished":
		return []string{item + ".effective_to"}
	case "case_channel":
		// item.cases[j].limits.<channel> reads item.limits.<channel>.
		return []string{item + ".limits" + p.Path[strings.LastIndexByte(p.Path, '.'):]}
	case "same_day_limit":
		return []string{item + ".limits"}
	}
	return nil
}

// drop removes the problems of an item that a value left zero may have caused: those at, inside
// or around a bad path, and those of rules that read a bad path.
func drop(probs []Problem, bad []string, item string) []Problem {
	if len(bad) == 0 {
		return probs
	}
	if len(bad) > 8 {
		return dropMany(probs, bad, item)
	}
	out := probs[:0]
next:
	for _, p := range probs {
		for _, b := range bad {
			if under(p.Path, b) || under(b, p.Path) {
				continue next
			}
			for _, r := range relies(p, item) {
				if under(r, b) || under(b, r) {
					continue next
				}
			}
		}
		out = append(out, p)
	}
	return out
}

// dropMany is drop for many bad paths, in time linear in the lengths of the paths: a path is
// under a bad one when one of its ancestors is bad, and around one when it is the ancestor of
// a bad one.
func dropMany(probs []Problem, bad []string, item string) []Problem {
	isBad := make(map[string]bool, len(bad))
	around := make(map[string]bool, 2*len(bad))
	for _, b := range bad {
		isBad[b] = true
		for _, a := range ancestors(b) {
			around[a] = true
		}
	}
	hit := func(p string) bool {
		if around[p] {
			return true
		}
		for _, a := range ancestors(p) {
			if isBad[a] {
				return true
			}
		}
		return false
	}
	out := probs[:0]
next:
	for _, p := range probs {
		if hit(p.Path) {
			continue
		}
		for _, r := range relies(p, item) {
			if hit(r) {
				continue next
			}
		}
		out = append(out, p)
	}
	return out
}

// ancestors returns path and the paths that hold it: "a.b[2].c", "a.b[2]", "a.b", "a".
func ancestors(path string) []string {
	out := []string{path}
	for i := len(path) - 1; i > 0; i-- {
		if path[i] == '.' || path[i] == '[' {
			out = append(out, path[:i])
		}
	}
	return out
}

// anyUnder reports whether a path of bad is one of paths or inside one of them, or around one.
func anyUnder(bad []string, paths ...string) bool {
	for _, b := range bad {
		for _, p := range paths {
			if under(b, p) || under(p, b) {
				return true
			}
		}
	}
	return false
}
