package routing

import (
	"strconv"
	"strings"

	"github.com/motcua-go/motcua/calendar"
	"github.com/motcua-go/motcua/internal/msg"
	"github.com/motcua-go/motcua/procedure"
	"github.com/rickb777/date/v2"
	"golang.org/x/text/language"
)

// fieldParser parses the text fields of one JSON object, item i of list (the document
// itself for i < 0), recording its problems.
type fieldParser struct {
	ps   *problems
	list string
	i    int
}

func (p *fieldParser) fail(field, value string, err error) {
	p.ps.addAt(p.list, p.i, field, value, err)
}

func (p *fieldParser) code(field, s string) procedure.AgencyCode {
	if s == "" {
		return procedure.AgencyCode{}
	}
	c, err := procedure.ParseAgencyCode(s)
	if err != nil || c.Short() {
		p.fail(field, s, ErrInvalid)
	}
	return c
}

func (p *fieldParser) date(field, s string) date.Date {
	if s == "" {
		return date.Zero
	}
	// Only real calendar dates of years 1900–2200, written YYYY-MM-DD.
	d, err := date.ParseISO(s)
	if err != nil || d.String() != s || d.Year() < 1900 || d.Year() > 2200 {
		p.fail(field, s, ErrInvalid)
		return date.Zero
	}
	return d
}

func dateText(d date.Date) string {
	if d == date.Zero {
		return ""
	}
	return d.String()
}

// unitSuffix is a lookup table, built on each call so that it cannot be changed.
func unitSuffix() [calendar.Hours + 1]string {
	return [calendar.Hours + 1]string{calendar.WorkingDays: "wd", calendar.WorkingHours: "wh", calendar.Days: "d", calendar.Months: "mo", calendar.Hours: "h"}
}

// compactLimit writes a limit in the compact form of route files: "3wd" (working days),
// "12wh" (working hours), "20d" (calendar days), "2mo" (months) or "4h" (clock hours).
// calendar.ParseLimit reads it back.
func compactLimit(l calendar.Limit) string {
	if suf := unitSuffix(); int(l.Unit) < len(suf) && suf[l.Unit] != "" {
		return strconv.Itoa(l.N) + suf[l.Unit]
	}
	return strconv.Itoa(l.N) + "?"
}

// parseLimit reads a route's limit in any form calendar.ParseLimit accepts ("3wd",
// "3 working-days", "3 working_days", "3 ngày làm việc"); N must be positive and below a
// million.
func parseLimit(s string) (calendar.Limit, error) {
	l, err := calendar.ParseLimit(s)
	if err != nil || l.N <= 0 || l.N > 999999 {
		return calendar.Limit{}, &FieldError{Field: "limit", Value: s, Err: ErrLimit}
	}
	return l, nil
}

// String writes the share as in JSON: "1/4", "4wh", "1wd" or "rest".
func (s Share) String() string {
	switch {
	case s.Rest:
		return "rest"
	case s.Limit != (calendar.Limit{}):
		return compactLimit(s.Limit)
	case s.Den != 0:
		return strconv.Itoa(s.Num) + "/" + strconv.Itoa(s.Den)
	}
	return ""
}

// ParseShare reads a share: "p/q" (0 < p ≤ q ≤ 10000), "<n>wh" or "<n>wd" (0 < n ≤ 10000),
// or "rest".
func ParseShare(s string) (Share, error) {
	if s == "rest" {
		return Share{Rest: true}, nil
	}
	if num, den, ok := strings.Cut(s, "/"); ok {
		p, err1 := strconv.Atoi(num)
		q, err2 := strconv.Atoi(den)
		if err1 == nil && err2 == nil && p > 0 && p <= q && q <= 10000 && digits(num) && digits(den) {
			return Share{Num: p, Den: q}, nil
		}
		return Share{}, &FieldError{Field: "share", Value: s, Err: ErrInvalid}
	}
	l, err := parseLimit(s)
	if err != nil || compactLimit(l) != s || l.N > maxFixed || (l.Unit != calendar.WorkingDays && l.Unit != calendar.WorkingHours) {
		return Share{}, &FieldError{Field: "share", Value: s, Err: ErrInvalid}
	}
	return Share{Limit: l}, nil
}

// taskNames is a lookup table, built on each call so that it cannot be changed.
func taskNames() [Consult + 1]string {
	return [Consult + 1]string{Receive: "receive", Verify: "verify", Decide: "decide", Issue: "issue",
		Register: "register", Pay: "pay", Return: "return", Consult: "consult"}
}

// String returns the task's JSON name: "receive", "verify", "decide", "issue", "register",
// "pay", "return" or "consult".
func (t Task) String() string {
	if names := taskNames(); int(t) < len(names) && names[t] != "" {
		return names[t]
	}
	return "task(" + strconv.Itoa(int(t)) + ")"
}

// Name returns the task's name in lang: in Vietnamese as written on slips ("tiếp nhận",
// "thẩm định", "quyết định", "cấp", "đăng ký", "thu" (a fee, tax or financial obligation),
// "trả kết quả", "lấy ý kiến"), in English its JSON name (String).
func (t Task) Name(lang language.Tag) string {
	if !msg.Vietnamese(lang) {
		return t.String()
	}
	names := [Consult + 1]string{Receive: "tiếp nhận", Verify: "thẩm định", Decide: "quyết định", Issue: "cấp",
		Register: "đăng ký", Pay: "thu", Return: "trả kết quả", Consult: "lấy ý kiến"}
	if int(t) < len(names) && names[t] != "" {
		return names[t]
	}
	return "nhiệm vụ " + strconv.Itoa(int(t))
}

// MarshalText writes the task's JSON name (String).
func (t Task) MarshalText() ([]byte, error) {
	if names := taskNames(); int(t) >= len(names) || names[t] == "" {
		return nil, &FieldError{Field: "task", Value: strconv.Itoa(int(t)), Err: ErrInvalid}
	}
	return []byte(t.String()), nil
}

// UnmarshalText reads a task's JSON name, e.g. "register" as written on a dossier's steps.
func (t *Task) UnmarshalText(b []byte) error {
	v, ok := parseTask(string(b))
	if !ok {
		return &FieldError{Field: "task", Value: string(b), Err: ErrInvalid}
	}
	*t = v
	return nil
}

func parseTask(s string) (Task, bool) {
	for t, n := range taskNames() {
		if n != "" && n == s {
			return Task(t), true
		}
	}
	return 0, false
}

// kindNames is a lookup table, built on each call so that it cannot be changed.
func kindNames() [Vertical + 1]string {
	return [Vertical + 1]string{Horizontal: "horizontal", Vertical: "vertical"}
}

// Name returns the kind's name in lang: "liên thông ngang" or "liên thông dọc" in
// Vietnamese, String in English.
func (k Kind) Name(lang language.Tag) string {
	if !msg.Vietnamese(lang) {
		return k.String()
	}
	switch k {
	case Horizontal:
		return "liên thông ngang"
	case Vertical:
		return "liên thông dọc"
	}
	return "loại liên thông " + strconv.Itoa(int(k))
}

// String returns "horizontal" or "vertical".
func (k Kind) String() string {
	if names := kindNames(); int(k) < len(names) && names[k] != "" {
		return names[k]
	}
	return "kind(" + strconv.Itoa(int(k)) + ")"
}

func parseKind(s string) (Kind, bool) {
	for k, n := range kindNames() {
		if n != "" && n == s {
			return Kind(k), true
		}
	}
	return 0, false
}
