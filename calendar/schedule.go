package calendar

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"io"
	"sort"
	"strings"
	"time"

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
// is true or its name or source contains "PROVISIONAL" or "UNANNOUNCED".
// Errors are *ScheduleError naming the line and field; a date listed twice is an error.
func ParseSchedule(data []byte) ([]Day, error) {
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
			return nil, &ScheduleError{Line: lines[j], Field: "date", Value: out[i].Date.String(), Err: ErrDuplicateDate}
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
		return nil, nil, &ScheduleError{Line: 1, Field: "header", Value: strings.Join(head, ","), Err: ErrBadHeader}
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
			return nil, nil, &ScheduleError{Line: line, Field: "row", Value: strings.Join(rec, ","), Err: ErrSyntax}
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
				return nil, nil, &ScheduleError{Line: line, Field: "provisional", Value: rec[4], Err: ErrBadValue}
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

func lineAt(data []byte, off int64) int {
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	if off < 0 {
		off = 0
	}
	return 1 + bytes.Count(data[:off], []byte("\n"))
}

func parseJSON(data []byte) ([]Day, []int, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	syntax := func(err error, at int64) error {
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &se):
			at = se.Offset
		case errors.As(err, &te):
			return &ScheduleError{Line: lineAt(data, te.Offset), Field: te.Field, Value: te.Value, Err: ErrSyntax}
		}
		return &ScheduleError{Line: lineAt(data, at), Err: ErrSyntax}
	}
	if tok, err := dec.Token(); err != nil || tok != json.Delim('[') {
		return nil, nil, syntax(err, dec.InputOffset())
	}
	var days []Day
	var lines []int
	for dec.More() {
		off := dec.InputOffset()
		for off < int64(len(data)) && strings.IndexByte(" \t\r\n,", data[off]) >= 0 {
			off++
		}
		line := lineAt(data, off)
		var row jsonRow
		if err := dec.Decode(&row); err != nil {
			if strings.Contains(err.Error(), "unknown field") {
				return nil, nil, &ScheduleError{Line: line, Field: "object", Value: strings.TrimPrefix(err.Error(), "json: "), Err: ErrBadValue}
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
	d, ok := parseISO(strings.TrimSpace(ds))
	if !ok {
		return Day{}, &ScheduleError{Line: line, Field: "date", Value: ds, Err: ErrBadDate}
	}
	k, ok := parseKind(strings.TrimSpace(ks))
	if !ok {
		return Day{}, &ScheduleError{Line: line, Field: "kind", Value: ks, Err: ErrUnknownKind}
	}
	if err := checkKind(d, k); err != nil {
		return Day{}, &ScheduleError{Line: line, Field: "kind", Value: ks, Err: err}
	}
	name, source = strings.TrimSpace(name), strings.TrimSpace(source)
	if name == "" {
		return Day{}, &ScheduleError{Line: line, Field: "name", Value: name, Err: ErrFieldRequired}
	}
	if source == "" {
		return Day{}, &ScheduleError{Line: line, Field: "source", Value: source, Err: ErrFieldRequired}
	}
	p := strings.Contains(name, "PROVISIONAL") || strings.Contains(source, "PROVISIONAL") || strings.Contains(source, "UNANNOUNCED")
	if prov != nil {
		p = p || *prov
	}
	return Day{Date: d, Kind: k, Name: name, Source: source, Provisional: p}, nil
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

// parseISO reads exactly YYYY-MM-DD with a year in 1–9999.
func parseISO(s string) (date.Date, bool) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return 0, false
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
	if !ok1 || !ok2 || !ok3 || y < minYear || m < 1 || m > 12 || d < 1 || d > daysIn(y, time.Month(m)) {
		return 0, false
	}
	return mkDate(y, time.Month(m), d), true
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
