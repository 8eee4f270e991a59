package cli

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/language"
)

// resultLine is one line of `due --jsonl` output.
type resultLine struct {
	ID       any    `json:"id"`
	Line     int    `json:"line"`
	Received string `json:"received"`
	Limit    string `json:"limit"`
	SameDay  string `json:"same_day"`
	Policy   string `json:"policy"`
	Due      string `json:"due"`
	Error    string `json:"error"`
}

func decodeLines(t *testing.T, out string) []resultLine {
	t.Helper()
	var res []resultLine
	for i, l := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		if l == "" {
			continue
		}
		var r resultLine
		dec := json.NewDecoder(strings.NewReader(l))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&r); err != nil {
			t.Fatalf("output line %d is not a result line: %v: %q", i+1, err, l)
		}
		res = append(res, r)
	}
	return res
}

// TestJSONLDueVectors checks `due --jsonl` against the calendar package's own deadline
// vectors (calendar/testdata/due_vectors.csv): every vector, its policy given per line.
func TestJSONLDueVectors(t *testing.T) {
	f, err := os.Open("../../../../calendar/testdata/due_vectors.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) < 20 || strings.Join(rows[0], ",") != "received,limit,policy,expected,comment" {
		t.Fatalf("unexpected vector file: %d rows, header %v", len(rows), rows[0])
	}
	var in strings.Builder
	var want []resultLine
	for i, r := range rows[1:] {
		line := map[string]any{"id": i, "received": r[0], "limit": r[1], "policy": r[2]}
		b, _ := json.Marshal(line)
		in.Write(b)
		in.WriteByte('\n')
		w := resultLine{ID: float64(i), Line: i + 1, Received: r[0], Due: r[3]}
		if r[2] == "civil_code" {
			w.Policy = "civil_code"
		}
		want = append(want, w)
	}
	stdout, stderr, code := run(t, in.String(), "due", "--jsonl")
	if code != ExitOK || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	got := decodeLines(t, stdout)
	for i := range got {
		got[i].Limit = "" // the limit is written back in its canonical form, checked below
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("due --jsonl differs from calendar/testdata/due_vectors.csv (-want +got):\n%s", diff)
	}
	// The same vectors, the policy given as a flag for a whole run.
	for _, pol := range []string{"working_time", "civil-code"} {
		var in strings.Builder
		var wantDue []string
		for _, r := range rows[1:] {
			if r[2] != pol {
				continue
			}
			fmt.Fprintf(&in, "{\"received\":%q,\"limit\":%q}\n", r[0], r[1])
			wantDue = append(wantDue, r[3])
		}
		stdout, _, code := run(t, in.String(), "due", "--jsonl", "--policy", pol)
		if code != ExitOK {
			t.Fatalf("--policy %s: exit %d", pol, code)
		}
		var gotDue []string
		for _, r := range decodeLines(t, stdout) {
			gotDue = append(gotDue, r.Due)
		}
		if diff := cmp.Diff(wantDue, gotDue); diff != "" {
			t.Errorf("--policy %s (-want +got):\n%s", pol, diff)
		}
	}
}

// TestJSONLBadLines: each bad line gets its own error, in order, and the run goes on.
func TestJSONLBadLines(t *testing.T) {
	huge := `{"id":"huge","received":"` + strings.Repeat("x", MaxLine) + `"}`
	fitsHead, fitsTail := `{"id":"fits","received":"2026-03-10T09:00:00+07:00","limit":"1wd","pad":"`, `"}`
	justFits := fitsHead + strings.Repeat("p", MaxLine-len(fitsHead)-len(fitsTail)) + fitsTail
	if len(justFits) != MaxLine {
		t.Fatalf("test line is %d bytes, want %d", len(justFits), MaxLine)
	}
	in := strings.Join([]string{
		`{"id":"a","received":"2026-03-10T09:00:00+07:00","limit":"1wd"}`,
		`{"id":"b","received":"2026-03-10T09:00:00+07:00","limit":"1wd"`, // cut short
		huge,
		`{"id":"c","received":"2026-03-10T09:00:00+07:00","limit":"1wd"}` + "\r", // CRLF
		justFits,
		`{"id":{"x":1},"received":"2026-03-10T09:00:00+07:00","limit":"1wd"}`,
		`{"id":"d","received":20260310,"limit":"1wd"}`,
		`{"id":"e","received":"2026-03-10T09:00:00+07:00","limit":5}`,
		`{"id":"f","received":"2026-03-10T09:00:00+07:00","limit":"1wd","same_day":"15:00"}`,
		`{"id":"g","received":"2026-03-10T09:00:00+07:00","limit":"1wd","policy":"lenient"}`,
		`{"id":"h","received":"2026-03-10T09:00:00+07:00","same_day":"25:00"}`,
		`{"id":"i","received":"2026-02-30T09:00:00+07:00","limit":"1wd"}`,
		`{"id":"j","received":"2026-03-10T09:00:00+07:00","limit":"-1wd"}`,
		`{"id":"k"} trailing`,
		`"just a string"`,
		`{"id":"last","received":"2026-03-10T09:00:00","limit":"1wd"}`, // no newline at the end
	}, "\n")
	stdout, stderr, code := run(t, in, "--lang", "en", "due", "--jsonl")
	if code != ExitFailure {
		t.Errorf("exit %d, want %d", code, ExitFailure)
	}
	if want := "motcua: 12 of 16 lines failed (see \"error\" in the result lines)\n"; stderr != want {
		t.Errorf("stderr %q, want %q", stderr, want)
	}
	got := decodeLines(t, stdout)
	type brief struct {
		ID    any
		Line  int
		OK    bool
		Error string
	}
	var gotBrief []brief
	for _, r := range got {
		gotBrief = append(gotBrief, brief{r.ID, r.Line, r.Due != "", r.Error})
	}
	want := []brief{
		{"a", 1, true, ""},
		{nil, 2, false, "the JSON line is cut short (it ends before it is closed)"},
		{nil, 3, false, "the line is longer than 1 MiB (1048576 bytes) and was skipped"},
		{"c", 4, true, ""},
		{"fits", 5, true, ""},
		{nil, 6, false, `"id" must be a string or a number`},
		{"d", 7, false, `"received" must be a string, an RFC 3339 instant`},
		{"e", 8, false, `"limit" must be a string, e.g. "5 working_days"`},
		{"f", 9, false, `give "limit" or "same_day", not both`},
		{"g", 10, false, `"policy" is either "working_time" or "civil_code"`},
		{"h", 11, false, `"same_day": "25:00" is not a time of day of the form HH:MM (00:00 to 23:59)`},
		{"i", 12, false, `"received" "2026-02-30T09:00:00+07:00" is not an instant in RFC 3339 form (e.g. 2026-02-13T16:20:00+07:00)`},
		{"j", 13, false, `"limit": "-1wd" is not a time limit of the form "N unit" (units: working_days, working_hours, days, months)`},
		{nil, 14, false, "the line is not valid JSON (error at byte 12)"},
		{nil, 15, false, "the line is not a JSON object {…}"},
		{"last", 16, true, ""},
	}
	if diff := cmp.Diff(want, gotBrief); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// endlessLine is a reader of one line of n bytes of 'x' (made as it is read, never held),
// then a good line.
type endlessLine struct {
	n    int
	tail *strings.Reader
}

func (r *endlessLine) Read(p []byte) (int, error) {
	if r.n > 0 {
		k := min(len(p), r.n)
		for i := range k {
			p[i] = 'x'
		}
		r.n -= k
		return k, nil
	}
	return r.tail.Read(p)
}

// TestJSONLHugeLineBoundedMemory: a 64 MiB line costs about the cap of one line, not its size.
func TestJSONLHugeLineBoundedMemory(t *testing.T) {
	in := &endlessLine{n: 64 << 20, tail: strings.NewReader("\n" + `{"id":"after","received":"2026-03-10T09:00:00+07:00","limit":"1wd"}` + "\n")}
	var out bytes.Buffer
	e := &env{ctx: context.Background(), stdin: in, stdout: &out, stderr: io.Discard, lang: language.English}
	j, err := newDueJob(e, "", 0, 0, false)
	if err != nil {
		t.Fatal(err)
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	err = j.run(in, &out)
	runtime.ReadMemStats(&after)
	if err == nil {
		t.Error("a run with a line too long succeeded")
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 8<<20 {
		t.Errorf("reading a 64 MiB line allocated %d bytes; want at most 8 MiB", alloc)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 2 || !strings.Contains(lines[0], "longer than 1 MiB") || !strings.Contains(lines[1], `"id":"after","line":2`) {
		t.Errorf("output %q", out.String())
	}
}

// TestJSONLInteractive: a caller writes a line and waits for its answer before writing the
// next; the answer comes without the input being closed.
func TestJSONLInteractive(t *testing.T) {
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	done := make(chan int)
	go func() {
		done <- Main(context.Background(), []string{"due", "--jsonl"}, inR, outW, io.Discard)
		outW.Close()
	}()
	answers := bufio.NewReader(outR)
	for i, want := range []string{"2026-03-11T09:00:00+07:00", "2026-03-12T09:00:00+07:00"} {
		fmt.Fprintf(inW, "{\"received\":\"2026-03-1%dT09:00:00+07:00\",\"limit\":\"1wd\"}\n", i)
		got := make(chan string, 1)
		go func() {
			l, _ := answers.ReadString('\n')
			got <- l
		}()
		select {
		case l := <-got:
			if !strings.Contains(l, want) {
				t.Errorf("answer %d: %q, want due %s", i+1, l, want)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("no answer to line %d before the input is closed", i+1)
		}
	}
	inW.Close()
	if code := <-done; code != ExitOK {
		t.Errorf("exit %d", code)
	}
}

// TestHostZone: the results are at UTC+7 whatever the host's zone, and a time without an
// offset is read in Vietnam.
func TestHostZone(t *testing.T) {
	saved := time.Local
	t.Cleanup(func() { time.Local = saved })
	time.Local = time.FixedZone("EST", -5*3600)
	stdout, _, code := run(t, `{"received":"2026-02-13T15:00","limit":"3wd"}`+"\n", "due", "--jsonl")
	if code != ExitOK || !strings.Contains(stdout, `"received":"2026-02-13T15:00:00+07:00","limit":"3 working_days","due":"2026-02-25T15:00:00+07:00"`) {
		t.Errorf("exit %d, output %q", code, stdout)
	}
}

// TestJSONLBOMAndBlank: a byte-order mark at the start and blank lines are not inputs.
func TestJSONLBOMAndBlank(t *testing.T) {
	stdout, _, code := run(t, "\xef\xbb\xbf"+`{"id":1,"received":"2026-03-10T09:00:00+07:00","limit":"1wd"}`+"\r\n\r\n  \n", "due", "--jsonl")
	if code != ExitOK || stdout != `{"id":1,"line":1,"received":"2026-03-10T09:00:00+07:00","limit":"1 working_day","due":"2026-03-11T09:00:00+07:00"}`+"\n" {
		t.Errorf("exit %d, output %q", code, stdout)
	}
	stdout, _, code = run(t, "", "due", "--jsonl")
	if code != ExitOK || stdout != "" {
		t.Errorf("empty input: exit %d, output %q", code, stdout)
	}
}

// checkParse holds the line parser to encoding/json for one input.
func checkParse(t *testing.T, p *lineParser, in []byte) {
	t.Helper()
	f, ok := p.parse(in)
	var m map[string]any
	dec := json.NewDecoder(bytes.NewReader(in))
	dec.UseNumber()
	jerr := dec.Decode(&m)
	// encoding/json: valid only when the whole input is one document.
	valid := json.Valid(in)
	isObject := valid && jerr == nil && m != nil // "null" decodes into a nil map: not an object
	if ok != isObject {
		t.Fatalf("parse(%q) ok=%v; encoding/json valid=%v object=%v (%v)", in, ok, valid, isObject, jerr)
	}
	if !ok {
		if p.notObject() != valid {
			t.Fatalf("parse(%q): notObject=%v, but json.Valid=%v", in, p.notObject(), valid)
		}
		return
	}
	for key, fl := range map[string]field{"id": f.id, "received": f.received, "limit": f.limit, "same_day": f.sameDay, "policy": f.policy} {
		v, present := m[key]
		switch v := v.(type) {
		case nil:
			if present != (fl.kind == kindOther) || (!present && fl.kind != absent) {
				t.Fatalf("parse(%q) %s: kind %d, encoding/json %v (present %v)", in, key, fl.kind, v, present)
			}
		case string:
			if fl.kind != kindString || string(fl.text) != v {
				t.Fatalf("parse(%q) %s: %q (kind %d), encoding/json %q", in, key, fl.text, fl.kind, v)
			}
		case json.Number:
			if fl.kind != kindNumber || string(fl.text) != v.String() {
				t.Fatalf("parse(%q) %s: %q (kind %d), encoding/json %s", in, key, fl.text, fl.kind, v)
			}
		default:
			if fl.kind != kindOther {
				t.Fatalf("parse(%q) %s: kind %d, encoding/json %T", in, key, fl.kind, v)
			}
		}
	}
}

var parseSeeds = []string{
	`{"id":"a","received":"2026-02-13T15:00:00+07:00","limit":"3wd"}`,
	`{"id":12.5e-3,"received":"x","limit":null,"same_day":"15:00","policy":"civil-code"}`,
	` { "id" : "\u0041\n\t\"\\\/\b\f\r" , "limit" : "\ud83d\ude00 \ud83d x \udc00 \ud83d\u0041" } `,
	`{"received":"é\xff\xfe","x":[1,[2,{"y":{}}],[],{}],"limit":"a","limit":"b"}`,
	`{"\u0069d":"escaped key","id":true}`,
	`{"id":-0,"x":-01}`, `{"id":01}`, `{"id":1.}`, `{"id":1e}`, `{"id":.5}`, `{"id":+1}`,
	`{"a":"\u12"}`, `{"a":"\x"}`, "{\"a\":\"\x01\"}", `{"a" "b"}`, `{"a":1,}`, `{,}`, `{}`, `[]`, `"s"`, `nul`,
	`{"a":[1,2}`, `{"a":{"b":1]}`, `{"a":tru}`, `{"a":falsey}`, "{\"a\":1}\x00", ``, ` `, `{"a":1} {"b":2}`,
	`{"id":"\ud800\udc00"}`, `{"id":"\udbff\udfff"}`, `{"id":"\ud800\ud800\udc00"}`, "{\"id\":\"\xed\xa0\x80\"}",
	`{"a":[` + strings.Repeat("[", 10) + strings.Repeat("]", 10) + `]}`,
}

func TestParseLineSeeds(t *testing.T) {
	var p lineParser
	for _, s := range parseSeeds {
		checkParse(t, &p, []byte(s))
	}
	// Nesting: encoding/json allows 10000 levels, not 10001.
	for _, depth := range []int{maxDepth - 1, maxDepth, maxDepth + 1} {
		s := `{"a":` + strings.Repeat("[", depth-1) + strings.Repeat("]", depth-1) + `}`
		checkParse(t, &p, []byte(s))
		s = strings.Repeat("[", depth) + strings.Repeat("]", depth)
		checkParse(t, &p, []byte(s))
	}
}

// FuzzParseLine holds the line parser to encoding/json: the same inputs are valid objects,
// and the known keys have the same values.
func FuzzParseLine(f *testing.F) {
	for _, s := range parseSeeds {
		f.Add([]byte(s))
	}
	var p lineParser
	f.Fuzz(func(t *testing.T, in []byte) {
		checkParse(t, &p, in)
	})
}

// FuzzAppendString: what appendString writes reads back with encoding/json as the text
// (invalid UTF-8 as U+FFFD), and is what encoding/json writes with HTML escaping off.
func FuzzAppendString(f *testing.F) {
	for _, s := range []string{"", "plain", "é\"\\\n\r\t\b\f\x00\x1f\x7f", "\u2028\u2029<>&", "\xff\xfe ok \xed\xa0\x80", "Tết 2026"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := appendString(nil, []byte(s))
		var back string
		if err := json.Unmarshal(got, &back); err != nil {
			t.Fatalf("appendString(%q) = %s, not JSON: %v", s, got, err)
		}
		want := strings.ToValidUTF8(s, "\uFFFD")
		// strings.ToValidUTF8 folds a run of bad bytes into one U+FFFD; encoding/json writes
		// one per byte. Compare with encoding/json's own encoding instead.
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		enc.Encode(s)
		if wantJSON := strings.TrimSuffix(b.String(), "\n"); string(got) != wantJSON {
			t.Fatalf("appendString(%q) = %s, encoding/json writes %s", s, got, wantJSON)
		}
		var fromJSON string
		json.Unmarshal(b.Bytes(), &fromJSON)
		if back != fromJSON {
			t.Fatalf("appendString(%q) reads back as %q, want %q (%q)", s, back, fromJSON, want)
		}
	})
}

// benchInput is n lines of varied cases: working days across Tết, hours, calendar days,
// months, same-day, the Civil Code policy and one bad line in 64.
func benchInput(n int) []byte {
	cases := []string{
		`{"id":"%d","received":"2026-02-13T15:00:00+07:00","limit":"3wd"}`,
		`{"id":%d,"received":"2026-03-10T12:15:00+07:00","limit":"5 ngày làm việc"}`,
		`{"id":"%d","received":"2026-03-10T09:00:00+07:00","limit":"12 working_hours"}`,
		`{"id":"%d","received":"2026-04-15T10:00:00+07:00","limit":"15d"}`,
		`{"id":"%d","received":"2026-01-31T10:00:00+07:00","limit":"1 tháng"}`,
		`{"id":"%d","received":"2026-03-10T15:01:00+07:00","same_day":"15:00"}`,
		`{"id":"%d","received":"2026-03-10T09:10:00+07:00","limit":"3 working_days","policy":"civil-code"}`,
		`{"id":"case-%d","received":"2026-12-31T10:00:00Z","limit":"20wd","expected":"2027-02-01T17:00:00+07:00"}`,
	}
	var b bytes.Buffer
	for i := range n {
		if i%64 == 63 {
			fmt.Fprintf(&b, `{"id":"%d","received":"not a time","limit":"3wd"}`+"\n", i)
			continue
		}
		fmt.Fprintf(&b, cases[i%len(cases)]+"\n", i)
	}
	return b.Bytes()
}

// BenchmarkDueJSONL measures `due --jsonl` end to end (read, parse, compute, write) on one
// goroutine; it reports lines/s, and bytes/s of input.
func BenchmarkDueJSONL(b *testing.B) {
	const lines = 100_000
	in := benchInput(lines)
	e := &env{ctx: context.Background(), stdout: io.Discard, stderr: io.Discard, lang: language.Vietnamese}
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		j, err := newDueJob(e, "", 0, 0, false)
		if err != nil {
			b.Fatal(err)
		}
		j.run(bytes.NewReader(in), io.Discard)
	}
	b.ReportMetric(float64(lines)*float64(b.N)/b.Elapsed().Seconds(), "lines/s")
}

// BenchmarkParseLine measures the line parser alone.
func BenchmarkParseLine(b *testing.B) {
	line := []byte(`{"id":"12345","received":"2026-02-13T15:00:00+07:00","limit":"5 ngày làm việc","extra":[1,{"a":null}]}`)
	var p lineParser
	b.SetBytes(int64(len(line)))
	for range b.N {
		if _, ok := p.parse(line); !ok {
			b.Fatal("parse failed")
		}
	}
}

// FuzzAnswer: any line gets exactly one result line, valid JSON with its line number and
// either a due time or an error, never a panic.
func FuzzAnswer(f *testing.F) {
	for _, s := range parseSeeds {
		f.Add([]byte(s))
	}
	f.Add([]byte(`{"id":"a","received":"2026-02-13T15:00:00+07:00","limit":"3wd","policy":"civil-code"}`))
	f.Add([]byte(`{"received":"9999-12-31T23:59:59+07:00","limit":"10000 tháng"}`))
	f.Add([]byte(`{"received":"0001-01-01T00:00:00Z","same_day":"23:59:59"}`))
	e := &env{ctx: context.Background(), stdout: io.Discard, stderr: io.Discard, lang: language.English}
	j, err := newDueJob(e, "", 0, 0, false)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		if bytes.ContainsAny(in, "\n") {
			return
		}
		out, ok := j.answer(nil, in, 7)
		if len(out) == 0 || out[len(out)-1] != '\n' || bytes.Count(out, []byte{'\n'}) != 1 {
			t.Fatalf("answer(%q) = %q: not one line", in, out)
		}
		var r resultLine
		if err := json.Unmarshal(out, &r); err != nil {
			t.Fatalf("answer(%q) = %q: not JSON: %v", in, out, err)
		}
		if r.Line != 7 || ok != (r.Due != "") || ok == (r.Error != "") {
			t.Fatalf("answer(%q) = %q (ok %v)", in, out, ok)
		}
		if ok {
			if _, err := time.Parse(time.RFC3339, r.Due); err != nil || !strings.HasSuffix(r.Due, "+07:00") {
				t.Fatalf("answer(%q): due %q is not RFC 3339 at +07:00", in, r.Due)
			}
		}
	})
}

type failingReader struct{ data io.Reader }

func (r *failingReader) Read(p []byte) (int, error) {
	n, err := r.data.Read(p)
	if err == io.EOF {
		return n, fmt.Errorf("disk on fire")
	}
	return n, err
}

type failingWriter struct{}

func (failingWriter) Write(p []byte) (int, error) { return 0, fmt.Errorf("pipe closed") }

// TestJSONLFaults: a failing standard input or output ends the run with one line and exit
// status 1, after the lines already answered.
func TestJSONLFaults(t *testing.T) {
	good := `{"received":"2026-03-10T09:00:00+07:00","limit":"1wd"}` + "\n"
	var out, errb bytes.Buffer
	code := Main(context.Background(), []string{"--lang", "en", "due", "--jsonl"}, &failingReader{strings.NewReader(good + good)}, &out, &errb)
	if code != ExitFailure || errb.String() != "motcua: cannot read stdin after line 2\n" || strings.Count(out.String(), "\n") != 2 {
		t.Errorf("failing stdin: exit %d, stderr %q, stdout %q", code, errb.String(), out.String())
	}
	errb.Reset()
	code = Main(context.Background(), []string{"--lang", "en", "due", "--jsonl"}, strings.NewReader(good), failingWriter{}, &errb)
	if code != ExitFailure || errb.String() != "motcua: cannot write to stdout\n" {
		t.Errorf("failing stdout: exit %d, stderr %q", code, errb.String())
	}
	errb.Reset()
	code = Main(context.Background(), []string{"--lang", "en", "days-off", "2026"}, strings.NewReader(""), failingWriter{}, &errb)
	if code != ExitFailure || errb.String() != "motcua: cannot write to stdout\n" {
		t.Errorf("days-off, failing stdout: exit %d, stderr %q", code, errb.String())
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	errb.Reset()
	code = Main(ctx, []string{"--lang", "en", "due", "--jsonl"}, strings.NewReader(good), io.Discard, &errb)
	if code != ExitFailure || errb.String() != "motcua: stopped on request\n" {
		t.Errorf("cancelled: exit %d, stderr %q", code, errb.String())
	}
}
