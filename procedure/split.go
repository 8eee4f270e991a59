package procedure

import "bytes"

// splitDocument finds the raw items of a catalog document {"procedures": [...], "groups": [...]}
// in one pass, without decoding them. It reports false for anything unusual (other keys,
// repeated keys, null, malformed text), in which case the caller decodes the document with
// encoding/json to report the exact problem.
func splitDocument(data []byte) (procs, groups [][]byte, ok bool) {
	i := skipSpace(data, 0)
	if i >= len(data) || data[i] != '{' {
		return nil, nil, false
	}
	i = skipSpace(data, i+1)
	if i < len(data) && data[i] == '}' {
		return nil, nil, skipSpace(data, i+1) == len(data)
	}
	seenP, seenG := false, false
	for {
		key, j, ok := scanString(data, i)
		if !ok {
			return nil, nil, false
		}
		j = skipSpace(data, j)
		if j >= len(data) || data[j] != ':' {
			return nil, nil, false
		}
		j = skipSpace(data, j+1)
		var items [][]byte
		items, j, ok = scanArray(data, j)
		if !ok {
			return nil, nil, false
		}
		switch {
		case bytes.Equal(key, []byte(`"procedures"`)) && !seenP:
			procs, seenP = items, true
		case bytes.Equal(key, []byte(`"groups"`)) && !seenG:
			groups, seenG = items, true
		default:
			return nil, nil, false
		}
		j = skipSpace(data, j)
		if j >= len(data) {
			return nil, nil, false
		}
		if data[j] == '}' {
			return procs, groups, skipSpace(data, j+1) == len(data)
		}
		if data[j] != ',' {
			return nil, nil, false
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

// scanArray splits the array starting at i into its elements, each an object.
func scanArray(data []byte, i int) ([][]byte, int, bool) {
	if i >= len(data) || data[i] != '[' {
		return nil, i, false
	}
	var items [][]byte
	i = skipSpace(data, i+1)
	if i < len(data) && data[i] == ']' {
		return items, i + 1, true
	}
	for {
		end, ok := skipObject(data, i)
		if !ok {
			return nil, i, false
		}
		items = append(items, data[i:end])
		i = skipSpace(data, end)
		if i >= len(data) {
			return nil, i, false
		}
		switch data[i] {
		case ']':
			return items, i + 1, true
		case ',':
			i = skipSpace(data, i+1)
		default:
			return nil, i, false
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
