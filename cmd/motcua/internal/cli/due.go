package cli

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"time"

	"github.com/motcua-go/motcua/calendar"
	"github.com/motcua-go/motcua/internal/msg"
	"golang.org/x/text/language"
)

// MaxLine is the longest line `motcua due --jsonl` reads, in bytes (the line break not
// counted): a longer line gets an error of its own and is skipped, so memory stays bounded.
const MaxLine = 1 << 20

func runDue(e *env, args []string) error {
	f := newFlags(e, "due", "",
		e.t("Hạn trả kết quả (RFC 3339, UTC+7) của hồ sơ tiếp nhận lúc --received với thời hạn --limit,\n"+
			"hoặc theo quy tắc trong ngày (--same-day). Với --jsonl: đọc từng dòng JSON\n"+
			"{\"id\": …, \"received\": \"…\", \"limit\": \"…\"} từ stdin (có thể có \"same_day\": \"15:00\" và\n"+
			"\"policy\": \"civil_code\"), ghi một dòng cho mỗi dòng vào, theo thứ tự, có \"due\" hoặc \"error\";\n"+
			"mã thoát 1 nếu có dòng lỗi. Thời hạn: \"5wd\", \"12wh\", \"3d\", \"1m\", \"5 ngày làm việc\", \"12 giờ làm việc\",\n"+
			"\"3 ngày\", \"1 tháng\", \"3 working_days\"…",
			"The promised return time (RFC 3339, UTC+7) of a dossier received at --received with the time\n"+
				"limit --limit, or by the same-day rule (--same-day). With --jsonl: reads JSON lines\n"+
				"{\"id\": …, \"received\": \"…\", \"limit\": \"…\"} from stdin (optionally \"same_day\": \"15:00\" and\n"+
				"\"policy\": \"civil_code\") and writes one line per input line, in order, with \"due\" or \"error\";\n"+
				"exit status 1 if a line failed. Limits: \"5wd\", \"12wh\", \"3d\", \"1m\", \"5 ngày làm việc\", \"12 giờ làm việc\",\n"+
				"\"3 ngày\", \"1 tháng\", \"3 working_days\"…"),
		`  motcua due --received 2026-02-13T16:20:00+07:00 --limit "5 ngày làm việc"
  motcua due --received 2026-03-10T15:30:00+07:00 --same-day 15:00
  printf '{"id":"a","received":"2026-02-13T15:00:00+07:00","limit":"3wd"}\n' | motcua due --jsonl`)
	received := f.String("received", "", e.t("thời điểm tiếp nhận, RFC 3339 (không có múi giờ: giờ Việt Nam)", "receipt instant, RFC 3339 (without an offset: Vietnam time)"))
	limit := f.String("limit", "", e.t("thời hạn giải quyết, ví dụ \"5wd\" hoặc \"5 ngày làm việc\"", "time limit, e.g. \"5wd\" or \"5 ngày làm việc\""))
	sameDay := f.String("same-day", "", e.t("giờ chốt của thủ tục trả trong ngày, HH:MM (thường 15:00); thay cho --limit", "cut-off of a same-day procedure, HH:MM (usually 15:00); instead of --limit"))
	policy := f.String("policy", "working_time", e.t("cách tính: working_time (tính từ lúc tiếp nhận) hoặc civil_code (từ ngày làm việc tiếp theo, BLDS 2015 Điều 147)", "counting: working_time (from the moment of receipt) or civil_code (from the next working day, Civil Code 2015 Art. 147)"))
	calPath := f.String("calendar", "", e.t("tệp lịch nghỉ (CSV hoặc JSON, như days-off xuất ra) thêm vào lịch mặc định", "schedule file of days off (CSV or JSON, as days-off writes) added to the default calendar"))
	jsonl := f.Bool("jsonl", false, e.t("đọc dòng JSON từ stdin, ghi một dòng kết quả cho mỗi dòng", "read JSON lines from stdin, write one result line per line"))
	if err := f.parse(args); err != nil {
		return err
	}
	if err := f.noArgs(); err != nil {
		return err
	}
	pol, err := policyFlag(*policy)
	if err != nil {
		return err
	}
	var cutoff calendar.TimeOfDay
	hasCutoff := *sameDay != ""
	if hasCutoff {
		if cutoff, err = calendar.ParseTimeOfDay(*sameDay); err != nil {
			return usagef("--same-day %s không phải giờ dạng HH:MM (ví dụ 15:00)", "--same-day %s is not a time of day HH:MM (e.g. 15:00)", msg.Quote(*sameDay))
		}
	}
	if *jsonl {
		if *received != "" || *limit != "" {
			return usagef("--jsonl đọc thời điểm và thời hạn từ stdin; không dùng cùng --received, --limit", "--jsonl reads the instants and limits from stdin; do not give --received or --limit with it")
		}
		j, err := newDueJob(e, *calPath, pol, cutoff, hasCutoff)
		if err != nil {
			return err
		}
		return j.run(e.stdin, e.stdout)
	}
	at, err := instantFlag("received", *received)
	if err != nil {
		return err
	}
	switch {
	case hasCutoff && *limit != "":
		return usagef("cho --limit hoặc --same-day, không cho cả hai", "give --limit or --same-day, not both")
	case !hasCutoff && *limit == "":
		return usagef("thiếu --limit (ví dụ \"5 ngày làm việc\") hoặc --same-day (ví dụ 15:00)", "--limit (e.g. \"5 ngày làm việc\") or --same-day (e.g. 15:00) is required")
	}
	cal, err := calendarFor(*calPath, pol)
	if err != nil {
		return err
	}
	type result struct {
		Received  string `json:"received"`
		Limit     string `json:"limit,omitempty"`
		LimitText string `json:"limit_text,omitempty"`
		SameDay   string `json:"same_day,omitempty"`
		Policy    string `json:"policy"`
		Due       string `json:"due"`
	}
	out := result{Received: stamp(at), Policy: pol.String()}
	var due time.Time
	if hasCutoff {
		out.SameDay = cutoff.String()
		due = cal.SameDayDue(at, cutoff)
	} else {
		l, err := calendar.ParseLimit(*limit)
		if err != nil {
			return &cliError{code: ExitUsage, vi: "--limit: " + message(err, e.lang), en: "--limit: " + message(err, e.lang)}
		}
		out.Limit, out.LimitText, due = l.String(), l.Text(e.lang), cal.Due(at, l)
	}
	if due.Year() > 9999 {
		return beyond9999()
	}
	out.Due = stamp(due)
	return writeJSON(e, out)
}

// beyond9999 is the failure of a due time RFC 3339 cannot write (its years have four digits).
func beyond9999() *cliError {
	return &cliError{code: ExitFailure,
		vi: "hạn trả kết quả rơi vào sau năm 9999, không viết được theo RFC 3339",
		en: "the due time falls after the year 9999 and cannot be written in RFC 3339"}
}

// dueJob answers the lines of `due --jsonl`.
type dueJob struct {
	e         *env
	calPath   string
	cals      [2]*calendar.Calendar // by policy, built when first needed
	calErr    [2]error
	policy    calendar.DuePolicy
	cutoff    calendar.TimeOfDay
	hasCutoff bool
	limits    map[string]calendar.Limit // limits already read
	cutoffs   map[string]calendar.TimeOfDay
	parser    lineParser
	out       []byte
}

// maxCached bounds the cache of limits and cut-offs read (a run with a million distinct
// spellings keeps only the first ones).
const maxCached = 1024

func newDueJob(e *env, calPath string, pol calendar.DuePolicy, cutoff calendar.TimeOfDay, hasCutoff bool) (*dueJob, error) {
	j := &dueJob{e: e, calPath: calPath, policy: pol, cutoff: cutoff, hasCutoff: hasCutoff,
		limits: make(map[string]calendar.Limit), cutoffs: make(map[string]calendar.TimeOfDay)}
	// The calendar of the run's policy is built now, so that a bad --calendar file is one
	// error before any line is read.
	if _, err := j.calendar(pol); err != nil {
		return nil, err
	}
	return j, nil
}

func (j *dueJob) calendar(p calendar.DuePolicy) (*calendar.Calendar, error) {
	if j.cals[p] == nil && j.calErr[p] == nil {
		j.cals[p], j.calErr[p] = calendarFor(j.calPath, p)
	}
	return j.cals[p], j.calErr[p]
}

// run reads the lines of r and writes one result line each to w. Output is flushed whenever
// the input has nothing more buffered, so a caller may write a line and wait for its answer.
func (j *dueJob) run(r io.Reader, w io.Writer) error {
	br := bufio.NewReaderSize(r, 64<<10)
	bw := bufio.NewWriterSize(w, 64<<10)
	var acc []byte
	tooLong := false
	lineNo, failed, answered := 0, 0, 0
	first := true
	for {
		if br.Buffered() == 0 {
			if err := bw.Flush(); err != nil {
				return failf("không ghi được ra stdout", "cannot write to stdout")
			}
			if err := j.e.ctx.Err(); err != nil {
				return failf("đã dừng theo yêu cầu", "stopped on request")
			}
		}
		frag, err := br.ReadSlice('\n')
		if errors.Is(err, bufio.ErrBufferFull) {
			if !tooLong {
				if len(acc)+len(frag) > MaxLine+2 {
					tooLong, acc = true, acc[:0]
				} else {
					acc = append(acc, frag...)
				}
			}
			continue
		}
		if err != nil && !errors.Is(err, io.EOF) {
			bw.Flush()
			return failf("không đọc được stdin sau dòng %d", "cannot read stdin after line %d", lineNo)
		}
		line := frag
		if len(acc) > 0 && !tooLong {
			acc = append(acc, frag...)
			line = acc
		}
		if len(line) == 0 && !tooLong && errors.Is(err, io.EOF) {
			break
		}
		lineNo++
		line = bytes.TrimSuffix(line, []byte{'\n'})
		line = bytes.TrimSuffix(line, []byte{'\r'})
		if first {
			line = bytes.TrimPrefix(line, []byte("\xef\xbb\xbf")) // a byte-order mark
			first = false
		}
		if tooLong || len(line) > MaxLine {
			j.out = j.tooLong(j.out[:0], lineNo)
			failed++
			answered++
			bw.Write(j.out)
		} else if !blank(line) {
			var ok bool
			j.out, ok = j.answer(j.out[:0], line, lineNo)
			if !ok {
				failed++
			}
			answered++
			bw.Write(j.out)
		}
		acc, tooLong = acc[:0], false
		if cap(acc) > 4<<20 {
			acc = nil
		}
		if errors.Is(err, io.EOF) {
			break
		}
	}
	if err := bw.Flush(); err != nil {
		return failf("không ghi được ra stdout", "cannot write to stdout")
	}
	if failed > 0 {
		return failf("%d trên %d dòng bị lỗi (xem \"error\" trong các dòng kết quả)", "%d of %d lines failed (see \"error\" in the result lines)", failed, answered)
	}
	return nil
}

func blank(b []byte) bool {
	for _, c := range b {
		if c != ' ' && c != '\t' && c != '\r' && c != '\n' {
			return false
		}
	}
	return true
}

// answer appends the result line of one input line, and reports whether it has a due time.
func (j *dueJob) answer(dst, line []byte, lineNo int) ([]byte, bool) {
	f, ok := j.parser.parse(line)
	if !ok {
		if j.parser.notObject() {
			return j.errLine(dst, field{}, lineNo, "dòng không phải một đối tượng JSON {…}", "the line is not a JSON object {…}"), false
		}
		if j.parser.err.depth {
			return j.errLine(dst, field{}, lineNo, "dòng JSON lồng nhau quá 10000 mức", "the JSON line nests deeper than 10000 levels"), false
		}
		if j.parser.err.offset >= len(line) {
			return j.errLine(dst, field{}, lineNo, "dòng JSON bị cắt cụt (hết dòng trước khi đóng)", "the JSON line is cut short (it ends before it is closed)"), false
		}
		off := j.parser.err.offset + 1
		return j.errLine(dst, field{}, lineNo,
			"dòng không phải JSON hợp lệ (lỗi ở byte "+itoa(off)+")",
			"the line is not valid JSON (error at byte "+itoa(off)+")"), false
	}
	if f.id.kind == kindOther {
		return j.errLine(dst, field{}, lineNo, "\"id\" phải là chuỗi hoặc số", "\"id\" must be a string or a number"), false
	}
	// received
	if f.received.kind == absent {
		return j.errLine(dst, f.id, lineNo, "thiếu \"received\" (thời điểm tiếp nhận, RFC 3339)", "\"received\" is required (the receipt instant, RFC 3339)"), false
	}
	if f.received.kind != kindString {
		return j.errLine(dst, f.id, lineNo, "\"received\" phải là chuỗi thời điểm RFC 3339", "\"received\" must be a string, an RFC 3339 instant"), false
	}
	at, ok := parseInstant(string(f.received.text))
	if !ok {
		q := msg.Quote(string(f.received.text))
		return j.errLine(dst, f.id, lineNo,
			"\"received\" "+q+" không phải thời điểm dạng RFC 3339 (ví dụ 2026-02-13T16:20:00+07:00)",
			"\"received\" "+q+" is not an instant in RFC 3339 form (e.g. 2026-02-13T16:20:00+07:00)"), false
	}
	// policy
	pol := j.policy
	if f.policy.kind != absent {
		p, ok := parsePolicy(string(f.policy.text))
		if f.policy.kind != kindString || !ok {
			return j.errLine(dst, f.id, lineNo, "\"policy\" chỉ nhận \"working_time\" hoặc \"civil_code\"", "\"policy\" is either \"working_time\" or \"civil_code\""), false
		}
		pol = p
	}
	cal, err := j.calendar(pol)
	if err != nil {
		return j.errLine(dst, f.id, lineNo, message(err, language.Vietnamese), message(err, language.English)), false
	}
	// same_day or limit
	cutoff, hasCutoff := j.cutoff, j.hasCutoff
	if f.sameDay.kind != absent {
		if f.sameDay.kind != kindString {
			return j.errLine(dst, f.id, lineNo, "\"same_day\" phải là chuỗi giờ HH:MM", "\"same_day\" must be a string, a time of day HH:MM"), false
		}
		c, ok := j.cutoffs[string(f.sameDay.text)]
		if !ok {
			var err error
			if c, err = calendar.ParseTimeOfDay(string(f.sameDay.text)); err != nil {
				return j.errLine(dst, f.id, lineNo, "\"same_day\": "+message(err, language.Vietnamese), "\"same_day\": "+message(err, language.English)), false
			}
			if len(j.cutoffs) < maxCached {
				j.cutoffs[string(f.sameDay.text)] = c
			}
		}
		cutoff, hasCutoff = c, true
	}
	var due time.Time
	var limit calendar.Limit
	hasLimit := false
	switch {
	case f.limit.kind != absent && f.sameDay.kind != absent:
		return j.errLine(dst, f.id, lineNo, "cho \"limit\" hoặc \"same_day\", không cho cả hai", "give \"limit\" or \"same_day\", not both"), false
	case f.limit.kind != absent:
		if f.limit.kind != kindString {
			return j.errLine(dst, f.id, lineNo, "\"limit\" phải là chuỗi, ví dụ \"5 ngày làm việc\"", "\"limit\" must be a string, e.g. \"5 working_days\""), false
		}
		l, ok := j.limits[string(f.limit.text)]
		if !ok {
			var err error
			if l, err = calendar.ParseLimit(string(f.limit.text)); err != nil {
				return j.errLine(dst, f.id, lineNo, "\"limit\": "+message(err, language.Vietnamese), "\"limit\": "+message(err, language.English)), false
			}
			if len(j.limits) < maxCached {
				j.limits[string(f.limit.text)] = l
			}
		}
		limit, hasLimit = l, true
		due = cal.Due(at, l)
	case hasCutoff:
		due = cal.SameDayDue(at, cutoff)
	default:
		return j.errLine(dst, f.id, lineNo, "thiếu \"limit\" (ví dụ \"5 ngày làm việc\")", "\"limit\" is required (e.g. \"5 working_days\")"), false
	}
	if due.Year() > 9999 {
		b := beyond9999()
		return j.errLine(dst, f.id, lineNo, b.vi, b.en), false
	}
	dst = j.head(dst, f.id, lineNo)
	dst = appendKey(dst, "received", false)
	dst = j.appendTime(dst, at)
	if hasLimit {
		dst = appendKey(dst, "limit", false)
		dst = append(dst, '"')
		dst = appendLimit(dst, limit)
		dst = append(dst, '"')
	} else {
		dst = appendKey(dst, "same_day", false)
		dst = append(dst, '"')
		dst = append(dst, cutoff.String()...)
		dst = append(dst, '"')
	}
	if pol != calendar.WorkingTime {
		dst = appendKey(dst, "policy", false)
		dst = append(dst, `"civil_code"`...)
	}
	dst = appendKey(dst, "due", false)
	dst = j.appendTime(dst, due)
	return append(dst, '}', '\n'), true
}

// appendLimit writes a limit as Limit.String does ("3 working_days", "1 working_day").
func appendLimit(dst []byte, l calendar.Limit) []byte {
	return append(dst, l.String()...)
}

func (j *dueJob) appendTime(dst []byte, t time.Time) []byte {
	dst = append(dst, '"')
	dst = t.In(calendar.Zone()).AppendFormat(dst, time.RFC3339)
	return append(dst, '"')
}

// head opens a result line: {"id":…,"line":n
func (j *dueJob) head(dst []byte, id field, lineNo int) []byte {
	dst = append(dst, '{')
	first := true
	switch id.kind {
	case kindString:
		dst = appendKey(dst, "id", true)
		dst = appendString(dst, id.text)
		first = false
	case kindNumber:
		dst = appendKey(dst, "id", true)
		dst = append(dst, id.text...)
		first = false
	}
	dst = appendKey(dst, "line", first)
	return appendInt(dst, lineNo)
}

// errLine appends the result line of a line that failed.
func (j *dueJob) errLine(dst []byte, id field, lineNo int, vi, en string) []byte {
	dst = j.head(dst, id, lineNo)
	dst = appendKey(dst, "error", false)
	dst = appendString(dst, []byte(msg.Pick(j.e.lang, vi, en)))
	return append(dst, '}', '\n')
}

func (j *dueJob) tooLong(dst []byte, lineNo int) []byte {
	return j.errLine(dst, field{}, lineNo, "dòng dài hơn 1 MiB (1048576 byte), bỏ qua", "the line is longer than 1 MiB (1048576 bytes) and was skipped")
}

func itoa(n int) string { return string(appendInt(nil, n)) }
