package cli

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"strings"
	"time"

	"github.com/rickb777/date/v2"

	"github.com/motcua-go/motcua/calendar"
	"github.com/motcua-go/motcua/internal/msg"
)

// parseInstant reads an instant: RFC 3339 ("2026-02-13T16:20:00+07:00", "…Z"), or a time
// without an offset, read in Vietnam (UTC+7). The result is in calendar.Zone().
func parseInstant(s string) (time.Time, bool) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.In(calendar.Zone()), true
	}
	for _, l := range [...]string{"2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02 15:04:05", "2006-01-02 15:04"} {
		if t, err := time.ParseInLocation(l, s, calendar.Zone()); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// instantFlag reads the value of a flag that holds an instant.
func instantFlag(name, s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, usagef("thiếu --%s (thời điểm, ví dụ 2026-02-13T16:20:00+07:00)", "--%s is required (an instant, e.g. 2026-02-13T16:20:00+07:00)", name)
	}
	t, ok := parseInstant(s)
	if !ok {
		return time.Time{}, usagef("--%s %s không phải thời điểm dạng RFC 3339 (ví dụ 2026-02-13T16:20:00+07:00)", "--%s %s is not an instant in RFC 3339 form (e.g. 2026-02-13T16:20:00+07:00)", name, msg.Quote(s))
	}
	return t, nil
}

// parseDay reads a date YYYY-MM-DD that the calendar has.
func parseDay(s string) (date.Date, bool) {
	if len(s) != len("2006-01-02") {
		return 0, false
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return 0, false
	}
	return date.NewAt(t), true
}

// dayFlag reads the value of a flag (or argument) that holds a date.
func dayFlag(name, s string) (date.Date, error) {
	if s == "" {
		return 0, usagef("thiếu %s (ngày dạng YYYY-MM-DD)", "%s is required (a date YYYY-MM-DD)", name)
	}
	d, ok := parseDay(s)
	if !ok {
		return 0, usagef("%s %s không phải ngày dạng YYYY-MM-DD có trên lịch", "%s %s is not a date YYYY-MM-DD the calendar has", name, msg.Quote(s))
	}
	return d, nil
}

// parsePolicy reads a due-date policy: working_time or civil_code ("-" or " " may stand for
// "_").
func parsePolicy(s string) (calendar.DuePolicy, bool) {
	switch strings.NewReplacer("-", "_", " ", "_").Replace(strings.ToLower(strings.TrimSpace(s))) {
	case "", "working_time":
		return calendar.WorkingTime, true
	case "civil_code":
		return calendar.CivilCode, true
	}
	return 0, false
}

func policyFlag(s string) (calendar.DuePolicy, error) {
	p, ok := parsePolicy(s)
	if !ok {
		return 0, usagef("--policy %s: chỉ nhận working_time (mặc định) hoặc civil_code (Bộ luật Dân sự 2015 Điều 147–148)", "--policy %s: only working_time (the default) or civil_code (Civil Code 2015 Art. 147–148)", msg.Quote(s))
	}
	return p, nil
}

// maxDataFile is the largest data file (schedule, catalog, routes, directory) motcua reads.
const maxDataFile = 64 << 20

// readData reads a data file named by flag --name, at most maxDataFile bytes.
func readData(name, path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, failf("không đọc được tệp %s (--%s)", "cannot read file %s (--%s)", msg.Quote(path), name)
	}
	defer f.Close()
	var b bytes.Buffer
	n, err := b.ReadFrom(io.LimitReader(f, maxDataFile+1))
	if err != nil {
		return nil, failf("không đọc được tệp %s (--%s)", "cannot read file %s (--%s)", msg.Quote(path), name)
	}
	if n > maxDataFile {
		return nil, failf("tệp %s (--%s) lớn hơn 64 MiB", "file %s (--%s) is larger than 64 MiB", msg.Quote(path), name)
	}
	return b.Bytes(), nil
}

// calendarFor builds the working calendar: the civil-service calendar, with the schedule file
// given with --calendar and the due-date policy.
func calendarFor(path string, policy calendar.DuePolicy) (*calendar.Calendar, error) {
	if path == "" && policy == calendar.WorkingTime {
		return calendar.Default(), nil
	}
	var opts []calendar.Option
	if path != "" {
		data, err := readData("calendar", path)
		if err != nil {
			return nil, err
		}
		opts = append(opts, calendar.WithSchedule(data))
	}
	opts = append(opts, calendar.WithDuePolicy(policy))
	cal, err := calendar.New(opts...)
	if err != nil {
		return nil, fail(err, "tệp lịch nghỉ "+msg.Quote(path), "schedule file "+msg.Quote(path))
	}
	return cal, nil
}

// stamp writes an instant in RFC 3339 at UTC+7.
func stamp(t time.Time) string { return t.In(calendar.Zone()).Format(time.RFC3339) }

// writeJSON writes v as indented JSON with HTML escaping off (so "&" stays "&").
func writeJSON(e *env, v any) error {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return failf("không ghi được kết quả JSON", "cannot write the JSON result")
	}
	if _, err := e.stdout.Write(b.Bytes()); err != nil {
		return failf("không ghi được ra stdout", "cannot write to stdout")
	}
	return nil
}
