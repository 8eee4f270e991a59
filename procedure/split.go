package procedure

import (
	"bytes"
	"strconv"
	"strings"
)

// splitDocument finds the items of a catalog document {"procedures": [...], "groups": [...]}
// in one pass, without decoding them, and keeps only where every chunkSize-th item starts. It
// reports false for anything unusual (other keys, repeated keys, null, malformed text), in
// which case the caller decodes the document with encoding/json to report the exact problem.
func splitDocument(data []byte) (procs, groups itemList, ok bool) {
	i := skipSpace(data, 0)
	if i >= len(data) || data[i] != '{' {
		return procs, groups, false
	}
	i = skipSpace(data, i+1)
	if i < len(data) && data[i] == '}' {
		return procs, groups, skipSpace(data, i+1) == len(data)
	}
	seenP, seenG := false, false
	for {
		key, j, ok := scanString(data, i)
		if !ok {
			return procs, groups, false
		}
		j = skipSpace(data, j)
		if j >= len(data) || data[j] != ':' {
			return procs, groups, false
		}
		j = skipSpace(data, j+1)
		var items itemList
		items, j, ok = scanArray(data, j)
		if !ok {
			return procs, groups, false
		}
		switch {
		case bytes.Equal(key, []byte(`"procedures"`)) && !seenP:
			procs, seenP = items, true
		case bytes.Equal(key, []byte(`"groups"`)) && !seenG:
			groups, seenG = items, true
		default:
			return procs, groups, false
		}
		j = skipSpace(data, j)
		if j >= len(data) {
			return procs, groups, false
		}
		if data[j] == '}' {
			return procs, groups, skipSpace(data, j+1) == len(data)
		}
		if data[j] != ',' {
			return procs, groups, false
		}
		i = skipSpace(data, j+1)
	}
}

func skipSpace(data []byte, i int) int {
	for i < len(data) {
		switch data[i] {
		case ' ', '\t', '\n', '\r':
			i++
		default:
			return i
		}
	}
	return i
}

// scanString returns the string token starting at i (quotes included) and the index after it.
func scanString(data []byte, i int) ([]byte, int, bool) {
	if i >= len(data) || data[i] != '"' {
		return nil, i, false
	}
	for j := i + 1; j < len(data); j++ {
		switch data[j] {
		case '\\':
			j++
		case '"':
			return data[i : j+1], j + 1, true
		}
	}
	return nil, i, false
}

// chunkSize is the number of procedures one goroutine decodes and checks at a time, and the
// step between the item offsets an itemList keeps.
const chunkSize = 128

// itemList locates the items of one array of a document: n items, found either at the offsets
// of the document that start lists (every chunkSize-th item, the others following it), or in
// raw (a document decoded by encoding/json).
type itemList struct {
	n      int
	starts []int
	raw    [][]byte
}

// each calls f with the index and the text of the items [lo, hi) of l, read from data; lo is a
// multiple of chunkSize.
func (l *itemList) each(data []byte, lo, hi int, f func(i int, item []byte)) {
	if lo >= hi {
		return
	}
	if l.raw != nil {
		for i := lo; i < hi; i++ {
			f(i, l.raw[i])
		}
		return
	}
	pos := l.starts[lo/chunkSize]
	for i := lo; i < hi; i++ {
		end, _ := skipObject(data, pos) // checked by scanArray
		f(i, data[pos:end])
		pos = skipSpace(data, end)
		if pos < len(data) && data[pos] == ',' {
			pos = skipSpace(data, pos+1)
		}
	}
}

// scanArray checks that the array starting at i holds objects only, and returns their number
// with the offsets of every chunkSize-th one.
func scanArray(data []byte, i int) (itemList, int, bool) {
	var items itemList
	if i >= len(data) || data[i] != '[' {
		return items, i, false
	}
	i = skipSpace(data, i+1)
	if i < len(data) && data[i] == ']' {
		return items, i + 1, true
	}
	for {
		end, ok := skipObject(data, i)
		if !ok {
			return items, i, false
		}
		if items.n%chunkSize == 0 {
			items.starts = append(items.starts, i)
		}
		items.n++
		i = skipSpace(data, end)
		if i >= len(data) {
			return items, i, false
		}
		switch data[i] {
		case ']':
			return items, i + 1, true
		case ',':
			i = skipSpace(data, i+1)
		default:
			return items, i, false
		}
	}
}

// skipObject returns the index after the object starting at i, matching brackets outside strings.
func skipObject(data []byte, i int) (int, bool) {
	if i >= len(data) || data[i] != '{' {
		return i, false
	}
	depth := 0
	for j := i; j < len(data); j++ {
		switch data[j] {
		case '"':
			_, end, ok := scanString(data, j)
			if !ok {
				return i, false
			}
			j = end - 1
		case '{', '[':
			depth++
		case '}', ']':
			depth--
			if depth == 0 {
				return j + 1, true
			}
		}
	}
	return i, false
}

// pathAt returns the JSON path (".documents[1].originals") of the innermost value of data that
// holds byte offset target, or "" for the whole document.
func pathAt(data []byte, target int) string {
	f := pathFinder{data: data, target: target}
	f.value(skipSpace(data, 0))
	return f.found
}

type pathFinder struct {
	data   []byte
	target int
	stack  []string
	found  string
	done   bool
}

func (f *pathFinder) here() string { return strings.Join(f.stack, "") }

// value walks the value starting at i and returns the index after it.
func (f *pathFinder) value(i int) int {
	d := f.data
	if f.done || i >= len(d) {
		return len(d)
	}
	switch d[i] {
	case '{', '[':
		open, closing := d[i], byte('}')
		if open == '[' {
			closing = ']'
		}
		i = skipSpace(d, i+1)
		for n := 0; i < len(d) && d[i] != closing; n++ {
			if open == '{' {
				key, j, ok := scanString(d, i)
				if !ok {
					return len(d)
				}
				name, err := strconv.Unquote(string(key))
				if err != nil {
					name = string(key[1 : len(key)-1])
				}
				f.stack = append(f.stack, "."+name)
				j = skipSpace(d, j)
				if j < len(d) && d[j] == ':' {
					j++
				}
				i = skipSpace(d, j)
			} else {
				f.stack = append(f.stack, "["+strconv.Itoa(n)+"]")
			}
			next := skipSpace(d, f.value(i))
			f.stack = f.stack[:len(f.stack)-1]
			if f.done {
				return len(d)
			}
			switch {
			case next < len(d) && d[next] == ',':
				next = skipSpace(d, next+1)
			case next <= i:
				return len(d) // not well-formed: give up
			}
			i = next
		}
		if i >= f.target {
			f.found, f.done = f.here(), true
		}
		return i + 1
	case '"':
		_, end, ok := scanString(d, i)
		if !ok {
			end = len(d)
		}
		if f.target < end {
			f.found, f.done = f.here(), true
		}
		return end
	}
	end := i
	for end < len(d) && !bytes.ContainsRune([]byte(",}] \t\r\n"), rune(d[end])) {
		end++
	}
	if f.target < end {
		f.found, f.done = f.here(), true
	}
	return end
}
