package calendar

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/motcua-go/motcua/internal/msg"
	"github.com/rickb777/date/v2"
)

// Years a schedule row or an override may fall in.
const (
	minYear = 1
	maxYear = 9999
)

// ParseSchedule reads a schedule of days off, in CSV or in JSON (the first
// non-blank byte '[' selects JSON). Rows are returned sorted by date.
//
// CSV: a header line "date,kind,name,source" (an optional fifth column
// "provisional" holds true or false), then one row per day that differs from the
// plain Monday–Friday week:
//
//	date,kind,name,source
//	2026-01-02,swapped_off,"Nghỉ hoán đổi dịp Tết Dương lịch","CV 12729/VPCP-KGVX"
//
// JSON: an array of objects with the same fields:
//
//	[{"date": "2026-01-02", "kind": "swapped_off", "name": "…", "source": "…", "provisional": false}]
//
// date is YYYY-MM-DD (years 1–9999); kind is holiday, compensatory, swapped_off,
// makeup_workday, closure, workday or weekend; name and source are required.
// compensatory, swapped_off and workday fall on Monday–Friday, makeup_workday and
// weekend on Saturday or Sunday. A row is provisional when its provisional field
// is true or its name or source contains "PROVISIONAL" or "UNANNOUNCED". The file is
// UTF-8 (a byte-order mark is skipped); name and source hold at most MaxText characters and
// no control characters.
//
// The error is a *ScheduleError for the first problem found, naming the line, the field and
// the value (cut to 64 characters); a date listed twice is an error. Time and memory grow
// linearly with the size of data.
func ParseSchedule(data []byte) ([]Day, error) {
	if !utf8.Valid(data) {
		return nil, &ScheduleError{Line: lineAt(data, int64(firstInvalid(data))), Err: ErrEncoding}
	}
	trimmed := bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), " \t\r\n")
	var days []Day
	var lines []int
	var err error
	if len(trimmed) > 0 && trimmed[0] == '[' {
		days, lines, err = parseJSON(data)
	} else {
		days, lines, err = parseCSV(data)
	}
	if err != nil {
		return nil, err
	}
	idx := make([]int, len(days))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return days[idx[a]].Date < days[idx[b]].Date })
	out := make([]Day, len(days))
	for i, j := range idx {
		out[i] = days[j]
		if i > 0 && out[i].Date == out[i-1].Date {
			return nil, schedErr(lines[j], "date", out[i].Date.String(), ErrDuplicateDate)
		}
	}
	return out, nil
}

func parseCSV(data []byte) ([]Day, []int, error) {
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))))
	r.FieldsPerRecord = -1
	head, err := r.Read()
	if err != nil {
		return nil, nil, &ScheduleError{Line: 1, Err: ErrBadHeader}
	}
	for i := range head {
		head[i] = strings.TrimSpace(head[i])
	}
	want := []string{"date", "kind", "name", "source", "provisional"}
	if len(head) < 4 || len(head) > 5 || !equalStrings(head, want[:len(head)]) {
		return nil, nil, schedErr(1, "header", strings.Join(head, ","), ErrBadHeader)
	}
	var days []Day
	var lines []int
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			line := 1
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				line = pe.Line
			}
			return nil, nil, &ScheduleError{Line: line, Err: ErrSyntax}
		}
		line, _ := r.FieldPos(0)
		if len(rec) != len(head) {
			return nil, nil, schedErr(line, "row", strings.Join(rec, ","), ErrSyntax)
		}
		var prov *bool
		if len(rec) == 5 {
			switch strings.TrimSpace(rec[4]) {
			case "true":
				t := true
				prov = &t
			case "false", "":
				f := false
				prov = &f
			default:
				return nil, nil, schedErr(line, "provisional", rec[4], ErrBadValue)
			}
		}
		d, err := makeRow(line, rec[0], rec[1], rec[2], rec[3], prov)
		if err != nil {
			return nil, nil, err
		}
		days = append(days, d)
		lines = append(lines, line)
	}
	return days, lines, nil
}

type jsonRow struct {
	Date        *string `json:"date"`
	Kind        *string `json:"kind"`
	Name        *string `json:"name"`
	Source      *string `json:"source"`
	Provisional *bool   `json:"provisional"`
}

// lineAt returns the line (1-based) of byte offset off in data.
func lineAt(data []byte, off int64) int {
	off = min(max(off, 0), int64(len(data)))
	return 1 + bytes.Count(data[:off], []byte("\n"))
}

// firstInvalid returns the offset of the first byte of data that is not valid UTF-8.
func firstInvalid(data []byte) int {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return len(data)
}

// lineCounter returns the lines of increasing offsets in data, counting each byte once.
type lineCounter struct {
	data []byte
	off  int64
	line int
}

func (c *lineCounter) at(off int64) int {
	off = min(max(off, c.off), int64(len(c.data)))
	c.line += bytes.Count(c.data[c.off:off], []byte("\n"))
	c.off = off
	return c.line
}

// schedErr returns a *ScheduleError with the value cut to its first 64 characters.
func schedErr(line int, field, value string, err error) *ScheduleError {
	return &ScheduleError{Line: line, Field: field, Value: msg.Clip(value), Err: err}
}

func parseJSON(data []byte) ([]Day, []int, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	syntax := func(err error, at int64) error {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			at = se.Offset
		}
		return &ScheduleError{Line: lineAt(data, at), Err: ErrSyntax}
	}
	if tok, err := dec.Token(); err != nil || tok != json.Delim('[') {
		return nil, nil, syntax(err, dec.InputOffset())
	}
	var days []Day
	var lines []int
	lc := lineCounter{data: data, line: 1}
	for dec.More() {
		off := dec.InputOffset()
		for off < int64(len(data)) && strings.IndexByte(" \t\r\n,", data[off]) >= 0 {
			off++
		}
		line := lc.at(off)
		var row jsonRow
		if err := dec.Decode(&row); err != nil {
			// The decoder's only error of this kind: json: unknown field "x".
			if _, name, ok := strings.Cut(err.Error(), "unknown field "); ok {
				if n, uerr := strconv.Unquote(name); uerr == nil {
					name = n
				}
				return nil, nil, schedErr(line, "", name, ErrUnknownField)
			}
			var te *json.UnmarshalTypeError
			if errors.As(err, &te) { // its offset counts from the row, not the file
				return nil, nil, schedErr(line, te.Field, te.Value, ErrWrongType)
			}
			return nil, nil, syntax(err, dec.InputOffset())
		}
		get := func(p *string) string {
			if p == nil {
				return ""
			}
			return *p
		}
		d, err := makeRow(line, get(row.Date), get(row.Kind), get(row.Name), get(row.Source), row.Provisional)
		if err != nil {
			return nil, nil, err
		}
		days = append(days, d)
		lines = append(lines, line)
	}
	if _, err := dec.Token(); err != nil {
		return nil, nil, syntax(err, dec.InputOffset())
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, nil, &ScheduleError{Line: lineAt(data, dec.InputOffset()), Err: ErrSyntax}
	}
	return days, lines, nil
}

func makeRow(line int, ds, ks, name, source string, prov *bool) (Day, error) {
	d, err := parseDate(strings.TrimSpace(ds))
	if err != nil {
		return Day{}, schedErr(line, "date", ds, err)
	}
	k, ok := parseKind(strings.TrimSpace(ks))
	if !ok {
		return Day{}, schedErr(line, "kind", ks, ErrUnknownKind)
	}
	if err := checkKind(d, k); err != nil {
		return Day{}, schedErr(line, "kind", ks, err)
	}
	name, source = strings.TrimSpace(name), strings.TrimSpace(source)
	for _, f := range [...]struct{ field, v string }{{"name", name}, {"source", source}} {
		if f.v == "" {
			return Day{}, schedErr(line, f.field, "", ErrFieldRequired)
		}
		if err := checkText(f.v); err != nil {
			return Day{}, schedErr(line, f.field, "", err)
		}
	}
	p := strings.Contains(name, "PROVISIONAL") || strings.Contains(source, "PROVISIONAL") || strings.Contains(source, "UNANNOUNCED")
	if prov != nil {
		p = p || *prov
	}
	return Day{Date: d, Kind: k, Name: name, Source: source, Provisional: p}, nil
}

// checkText checks a name or a source: valid UTF-8, no NUL or other control character, at
// most MaxText characters. The error is ErrEncoding, ErrControl or ErrTooLong.
func checkText(s string) error {
	n := 0
	for _, r := range s {
		switch {
		case r == utf8.RuneError:
			if !utf8.ValidString(s) {
				return ErrEncoding
			}
		case r < 0x20 || (r >= 0x7f && r < 0xa0):
			return ErrControl
		}
		if n++; n > MaxText {
			return ErrTooLong
		}
	}
	return nil
}

// checkKind verifies that kind k can fall on d in the Monday–Friday week.
func checkKind(d date.Date, k DayKind) error {
	if int(k) >= len(kindNames) {
		return ErrUnknownKind
	}
	weekendDay := weekday(d) >= 5
	switch k {
	case Compensatory, SwappedOff, Workday:
		if weekendDay {
			return ErrKindMismatch
		}
	case MakeupWorkday, Weekend:
		if !weekendDay {
			return ErrKindMismatch
		}
	}
	return nil
}

// parseDate reads exactly YYYY-MM-DD with a year in 1–9999: ErrBadDate for another form,
// ErrNoSuchDate for a day the month does not have (2026-02-30).
func parseDate(s string) (date.Date, error) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return 0, ErrBadDate
	}
	num := func(b string) (int, bool) {
		n := 0
		for i := 0; i < len(b); i++ {
			if b[i] < '0' || b[i] > '9' {
				return 0, false
			}
			n = n*10 + int(b[i]-'0')
		}
		return n, true
	}
	y, ok1 := num(s[:4])
	m, ok2 := num(s[5:7])
	d, ok3 := num(s[8:])
	if !ok1 || !ok2 || !ok3 || y < minYear || m < 1 || m > 12 || d < 1 || d > 31 {
		return 0, ErrBadDate
	}
	if d > daysIn(y, time.Month(m)) {
		return 0, ErrNoSuchDate
	}
	return mkDate(y, time.Month(m), d), nil
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
