package procedure

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strconv"
)

// keyChecker finds the keys encoding/json would read without a word: a key given twice in one
// object (the last would win) and a key that names a field only in another case ("CODE" for
// "code", which encoding/json matches without regard to case). Both are reported, with the path
// of the field, so that a catalog means what it says. It reads well-formed JSON only; it stops
// quietly at anything else, which the decoder reports.
type keyChecker struct {
	file  string
	probs []Problem
}

// keyProblems returns the problems of the keys of data, an item of type t at path at.
func keyProblems(file, at string, data []byte, t reflect.Type) []Problem {
	k := keyChecker{file: file}
	k.value(data, t, at, -1)
	return k.probs
}

// documentKeyProblems returns the problems of the top-level keys of a catalog document.
func documentKeyProblems(file string, data []byte) []Problem {
	k := keyChecker{file: file}
	k.value(data, reflect.TypeFor[document](), "", 1)
	return k.probs
}

// value checks the value data of type t at path at, down depth levels of objects (-1: all).
func (k *keyChecker) value(data []byte, t reflect.Type, at string, depth int) {
	data = bytes.TrimSpace(data)
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if depth == 0 || len(data) == 0 {
		return
	}
	pt := reflect.PointerTo(t)
	if pt.Implements(unmarshalerType) || pt.Implements(textUnmarshalerType) {
		return
	}
	switch {
	case t.Kind() == reflect.Struct && data[0] == '{':
		k.object(data, t, at, depth)
	case t.Kind() == reflect.Slice && data[0] == '[':
		var elems []json.RawMessage
		if json.Unmarshal(data, &elems) != nil {
			return
		}
		for i, e := range elems {
			k.value(e, t.Elem(), at+"["+strconv.Itoa(i)+"]", depth)
		}
	}
}

func (k *keyChecker) object(data []byte, t reflect.Type, at string, depth int) {
	dec := json.NewDecoder(bytes.NewReader(data))
	if _, err := dec.Token(); err != nil {
		return
	}
	seen := make(map[int]string) // field index → the first key that named it
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return
		}
		key, _ := tok.(string)
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return
		}
		i, name, ok := fieldOf(t, key)
		if !ok {
			continue // an unknown key, reported by the decoder
		}
		path := name
		if at != "" {
			path = at + "." + name
		}
		if key != name {
			k.probs = append(k.probs, problem(k.file, path, "key_case", key, name))
		}
		if first, dup := seen[i]; dup {
			k.probs = append(k.probs, problem(k.file, path, "duplicate_key", key, first))
		} else {
			seen[i] = key
		}
		k.value(raw, t.Field(i).Type, path, depth-1)
	}
}
