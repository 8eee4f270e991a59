package procedure

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"math"
	"path"
	"reflect"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/rickb777/date/v2"

	"github.com/motcua-go/motcua/calendar"
	"github.com/motcua-go/motcua/internal/msg"
)

// Key returns the code a procedure is looked up by: the national code, or for a local instance
// the national code and the unit, e.g. "1.001193.000.00.00.H49". It is empty for a nil p.
func (p *Procedure) Key() NationalCode {
	if p == nil {
		return ""
	}
	if p.Unit.IsZero() {
		return p.Code
	}
	return p.Code + "." + NationalCode(p.Unit.String())
}

// InForce reports whether the version is in force on day d; a nil p is never in force.
func (p *Procedure) InForce(d date.Date) bool {
	return p != nil && d >= date.Date(p.EffectiveFrom) && (p.EffectiveTo == 0 || d <= date.Date(p.EffectiveTo))
}

// Catalog is a validated, indexed set of procedures with all their versions, and the
// inter-agency groups. It is immutable and safe for concurrent use; the procedures it returns
// must not be modified. A nil *Catalog is empty: Lookup fails with ErrNilCatalog, the other
// methods return no procedures and no groups.
type Catalog struct {
	procs    []Procedure
	groups   []Group
	versions map[NationalCode][]version
	names    []string // folded names, parallel to procs
	bySector map[Sector][]int
	byField  map[string][]int
	byAgency map[string][]int
	byLevel  map[Level][]int
	groupIDs map[string]int
}

// version is one entry of a key's version list, sorted by from.
type version struct {
	from, to date.Date // to is the last day in force; math.MaxInt64 when open-ended
	p        *Procedure
}

// Load reads one catalog document ({"procedures": [...], "groups": [...]}) from r and validates
// it with the options opts (the zero LoadOptions for the default rules). On any problem it
// returns no catalog and a *ValidationError listing the first 100, each with its JSON path and
// a message in Vietnamese and English, and counting the rest. A UTF-8 byte-order mark at the
// start is skipped. A key given twice in one object (rule duplicate_key) or naming a field in
// another case, "CODE" for "code" (rule key_case), is a problem, not read as encoding/json
// would (the last one winning, case ignored).
func Load(r io.Reader, opts LoadOptions) (*Catalog, error) {
	data, err := readAll(r)
	if err != nil {
		return nil, err
	}
	var l loader
	l.add("", data)
	return l.finish(opts)
}

// normalize makes an empty list the same as an absent one, so that a catalog exports and
// reloads unchanged.
func normalize(p *Procedure) {
	p.Cases = nilIfEmpty(p.Cases)
	p.Fees = nilIfEmpty(p.Fees)
	for i := range p.Cases {
		c := &p.Cases[i]
		c.Fees = nilIfEmpty(c.Fees)
		c.Documents = nilIfEmpty(c.Documents)
		normalizeFees(c.Fees)
		normalizeClock(c.Clock)
	}
	normalizeFees(p.Fees)
	normalizeClock(p.Clock)
}

func normalizeFees(fees []Fee) {
	for j := range fees {
		fees[j].Exemptions = nilIfEmpty(fees[j].Exemptions)
		fees[j].Tiers = nilIfEmpty(fees[j].Tiers)
		fees[j].Channels = nilIfEmpty(fees[j].Channels)
	}
}

func normalizeClock(c *Clock) {
	if c != nil {
		c.Pauses = nilIfEmpty(c.Pauses)
	}
}

func nilIfEmpty[S ~[]E, E any](s S) S {
	if len(s) == 0 {
		return nil
	}
	return s
}

// readAll reads r whole, sizing the buffer at once when r knows its length.
func readAll(r io.Reader) ([]byte, error) {
	if lr, ok := r.(interface{ Len() int }); ok {
		buf := bytes.NewBuffer(make([]byte, 0, lr.Len()+bytes.MinRead))
		_, err := buf.ReadFrom(r)
		return buf.Bytes(), err
	}
	return io.ReadAll(r)
}

// LoadFS reads every "*.json" file in the root of fsys (in name order) as one catalog and
// validates it as Load does; problems name their file. Use fs.Sub to load a folder.
func LoadFS(fsys fs.FS, opts LoadOptions) (*Catalog, error) {
	names, err := fs.Glob(fsys, "*.json")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	var l loader
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		l.add(path.Base(name), data)
	}
	return l.finish(opts)
}

// loader accumulates the documents of a catalog and the problems found reading them.
type loader struct {
	docs     []doc
	problems []Problem
}

// doc is one catalog document and where its items are.
type doc struct {
	file          string
	data          []byte
	procs, groups itemList
	// split is set when the items were found without decoding the document: if one turns
	// out to be malformed JSON, the document is decoded again to report the problem where it
	// is.
	split bool
}

// utf8BOM is the byte-order mark some editors write at the start of a UTF-8 file.
const utf8BOM = "\uFEFF"

func (l *loader) add(file string, data []byte) {
	// A byte-order mark at the start says the file is UTF-8; it is not part of the JSON.
	if bytes.HasPrefix(data, []byte(utf8BOM)) {
		data = data[len(utf8BOM):]
	}
	if procs, groups, ok := splitDocument(data); ok {
		l.docs = append(l.docs, doc{file: file, data: data, procs: procs, groups: groups, split: true})
		return
	}
	var raw struct {
		Procedures []json.RawMessage `json:"procedures"`
		Groups     []json.RawMessage `json:"groups"`
	}
	if err := decodeStrict(data, &raw); err != nil {
		l.problems = append(l.problems, jsonProblem(file, "", data, err))
		return
	}
	l.problems = append(l.problems, documentKeyProblems(file, data)...)
	d := doc{file: file, data: data}
	for _, m := range raw.Procedures {
		d.procs.raw = append(d.procs.raw, m)
	}
	for _, m := range raw.Groups {
		d.groups.raw = append(d.groups.raw, m)
	}
	d.procs.n, d.groups.n = len(d.procs.raw), len(d.groups.raw)
	l.docs = append(l.docs, d)
}

// chunk is the procedures [lo, hi) of a document that one goroutine decodes and checks; seq is
// the position of the first in the whole catalog.
type chunk struct{ doc, lo, hi, seq int }

// chunks cuts the procedures of every document into chunks of at most chunkSize items.
func (l *loader) chunks() []chunk {
	var out []chunk
	seq := 0
	for d := range l.docs {
		n := l.docs[d].procs.n
		for lo := 0; lo < n; lo += chunkSize {
			out = append(out, chunk{d, lo, min(lo+chunkSize, n), seq + lo})
		}
		seq += n
	}
	return out
}

// decodeItem decodes one procedure or group into v (a pointer to its zero value) at path at.
// A strict decode that fails on a value that does not fit is redone value by value: it returns
// the problems found and the paths of the values left zero. Malformed JSON, which cannot be
// decoded in part, is returned as err and nothing of the item is kept.
func decodeItem(data []byte, file string, v any, at string) (probs []Problem, bad []string, err error) {
	// A decimal written with more characters than any valid one is refused before
	// encoding/json parses it, which would take time and memory out of proportion.
	long := hasLongDecimal(data)
	if !long {
		err = decodeStrict(data, v)
		if err == nil {
			return nil, nil, nil
		}
		if fatal(err) || errors.Is(err, errTrailing) {
			return nil, nil, err
		}
	} else {
		var raw json.RawMessage // the syntax only
		if err := json.Unmarshal(data, &raw); err != nil {
			return nil, nil, err
		}
	}
	reflect.ValueOf(v).Elem().SetZero()
	l := lenient{file: file}
	l.decode(data, v, at)
	if len(l.probs) == 0 {
		if long { // a long text under a key that is not a decimal field
			reflect.ValueOf(v).Elem().SetZero()
			return nil, nil, decodeStrict(data, v)
		}
		return nil, nil, err // never load an item the strict decoder refused
	}
	return l.probs, l.bad, nil
}

// fatal reports whether a decoder error leaves the decoder unusable (malformed JSON), as
// opposed to a value that was read whole but did not fit.
func fatal(err error) bool {
	var syn *json.SyntaxError
	return errors.As(err, &syn) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF)
}

// parallel calls f(i) for i in [0, n) on up to GOMAXPROCS goroutines, each taking the next
// index as it finishes one, so that a descheduled goroutine does not hold up the others.
func parallel(n int, f func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	if workers <= 1 {
		for i := range n {
			f(i)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				f(i)
			}
		})
	}
	wg.Wait()
}

var errTrailing = errors.New("unexpected data after the catalog document")

func decodeStrict(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return errTrailing
	}
	if _, err := dec.Token(); err != io.EOF {
		return errTrailing
	}
	return nil
}

// jsonProblem turns a decoding error into a problem.
func jsonProblem(file, at string, data []byte, err error) Problem {
	p := Problem{File: file, Path: at, Rule: "json"}
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	var fe *FieldError
	var te *calendar.TextError
	// locate finds the path of a value of the item when the error does not give it.
	locate := func(text string) {
		if text == "" {
			return
		}
		if i := bytes.Index(data, []byte(`"`+text+`"`)); i >= 0 {
			p.Path = at + pathAt(data, i)
		} else if i := bytes.Index(data, []byte(`: `+text)); i >= 0 {
			p.Path = at + pathAt(data, i+2)
		}
	}
	switch {
	case errors.As(err, &fe):
		locate(fe.Value)
		switch fe.Field {
		case "date":
			if errors.Is(fe.Err, ErrNoSuchDate) {
				p.Rule = "no_such_date"
			}
			p.En = msg.Quote(fe.Value) + " " + fe.Err.Error()
			p.Vi = msg.Quote(fe.Value) + " " + viText(fe.Err)
			if p.Path != "" {
				p.En, p.Vi = nameEn(p.Path)+" "+p.En, nameVi(p.Path)+" "+p.Vi
			}
			return p
		case "agency code":
			p.Rule = "agencycode"
		default:
			p.Rule = "level"
		}
		p.En, p.Vi = ruleText(p.Rule, "", p.Path, fe.Value)
	case errors.As(err, &te):
		p.Rule = "unit"
		if errors.Is(te.Err, calendar.ErrBadTimeOfDay) {
			p.Rule = "clock"
		}
		p.En, p.Vi = ruleText(p.Rule, "", p.Path, te.Value)
	case errors.As(err, &syn):
		line, col := position(data, syn.Offset-1)
		where := "line " + strconv.Itoa(line) + ", column " + strconv.Itoa(col)
		p.En = "malformed JSON at " + where + ": " + strings.TrimPrefix(syn.Error(), "json: ")
		p.Vi = "JSON sai cú pháp tại dòng " + strconv.Itoa(line) + ", cột " + strconv.Itoa(col) + ": " +
			syntaxVi(strings.TrimPrefix(syn.Error(), "json: "))
	case errors.As(err, &typ):
		p.Path = at + pathAt(data, int(typ.Offset)-1)
		if num, ok := strings.CutPrefix(typ.Value, "number "); ok {
			p.En = "the number " + msg.Clip(num) + " is out of range"
			p.Vi = "số " + msg.Clip(num) + " vượt quá giới hạn"
			if p.Path != "" {
				p.En = nameEn(p.Path) + ": " + p.En
				p.Vi = nameVi(p.Path) + ": " + p.Vi
			}
			break
		}
		wantEn, wantVi := jsonKind(typ.Type.String(), typ.Type.Kind().String())
		gotEn, gotVi := jsonKind("", typ.Value)
		p.En = "must be a JSON " + wantEn + ", not " + gotEn
		p.Vi = "phải là " + wantVi + ", không phải " + gotVi
		if p.Path != "" {
			p.En, p.Vi = nameEn(p.Path)+" "+p.En, nameVi(p.Path)+" "+p.Vi
		}
	case strings.HasPrefix(err.Error(), "error decoding string '"):
		// shopspring/decimal: "error decoding string 'abc': can't convert abc to decimal"
		text, _, _ := strings.Cut(strings.TrimPrefix(err.Error(), "error decoding string '"), "'")
		locate(text)
		p.En = msg.Quote(text) + " is not a decimal number"
		p.Vi = msg.Quote(text) + " không phải là số thập phân"
		if p.Path != "" {
			p.En, p.Vi = nameEn(p.Path)+" "+p.En, nameVi(p.Path)+" "+p.Vi
		}
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		p.En = "the JSON document is empty or cut short"
		p.Vi = "tài liệu JSON rỗng hoặc bị cắt cụt"
	case errors.Is(err, errTrailing):
		p.En = err.Error()
		p.Vi = "có dữ liệu thừa sau tài liệu danh mục"
	case strings.HasPrefix(err.Error(), `json: unknown field "`):
		name := strings.TrimSuffix(strings.TrimPrefix(err.Error(), `json: unknown field "`), `"`)
		if s, err := strconv.Unquote(`"` + name + `"`); err == nil {
			name = s
		}
		return unknownKey(file, at, name)
	default:
		// Not expected from the decoders used; the text of another package is not repeated.
		p.En = "invalid value"
		p.Vi = "giá trị không hợp lệ"
	}
	return p
}

// requiredProblem reports a key that must be given, at path at.
func requiredProblem(file, at string) Problem {
	en, vi := ruleText("required", "", at, "")
	return Problem{File: file, Path: at, Rule: "required", En: en, Vi: vi}
}

// unknownKey reports a key that names no field of the object at path at.
func unknownKey(file, at, name string) Problem { return problem(file, at, "unknown_key", name) }

// limitsWithoutUnit returns the paths of the limits of a procedure (data, well-formed JSON)
// that have no "unit" key, e.g. ".limits.counter", ".cases[2].limits.online", as the
// lenient decoder names them. Values of the wrong kind are left to the decoder to report.
func limitsWithoutUnit(data []byte) []string {
	type clock struct {
		Pauses []struct {
			Length json.RawMessage `json:"length"`
		} `json:"pauses"`
	}
	var item struct {
		Limits map[string]json.RawMessage `json:"limits"`
		Clock  *clock                     `json:"clock"`
		Cases  []struct {
			Limits map[string]json.RawMessage `json:"limits"`
			Clock  *clock                     `json:"clock"`
		} `json:"cases"`
	}
	_ = json.Unmarshal(data, &item) // a value of the wrong kind is reported by the decoder
	var out []string
	// noUnit reports whether raw is an object without a "unit" key, and not marked
	// unpublished where that is allowed.
	noUnit := func(raw json.RawMessage, unpublishedOK bool) bool {
		if len(raw) == 0 || raw[0] != '{' {
			return false
		}
		var keys map[string]json.RawMessage
		if json.Unmarshal(raw, &keys) != nil {
			return false
		}
		for k, v := range keys {
			if strings.EqualFold(k, "unit") || (unpublishedOK && strings.EqualFold(k, "unpublished") && string(v) == "true") {
				return false
			}
		}
		return true
	}
	check := func(at string, ls map[string]json.RawMessage, c *clock) {
		for _, ch := range channels {
			for k, raw := range ls {
				if strings.EqualFold(k, ch.String()) && noUnit(raw, true) {
					out = append(out, at+".limits."+ch.String())
				}
			}
		}
		if c == nil {
			return
		}
		for k, ps := range c.Pauses {
			if noUnit(ps.Length, false) {
				out = append(out, at+".clock.pauses["+strconv.Itoa(k)+"].length")
			}
		}
	}
	check("", item.Limits, item.Clock)
	for j, c := range item.Cases {
		check(".cases["+strconv.Itoa(j)+"]", c.Limits, c.Clock)
	}
	return out
}

// jsonKind names a JSON kind, from a Go type or a JSON value kind, in English and Vietnamese.
func jsonKind(typeName, kind string) (en, vi string) {
	switch typeName {
	case "procedure.Date":
		return "date string (YYYY-MM-DD)", "chuỗi ngày dạng YYYY-MM-DD"
	case "decimal.Decimal":
		return "decimal number", "số thập phân"
	case "procedure.Level", "procedure.AgencyCode", "procedure.Channel", "calendar.Unit", "calendar.TimeOfDay":
		return "string", "chuỗi"
	}
	switch kind {
	case "string":
		return "string", "chuỗi"
	case "number", "int", "int64", "int32", "uint8", "uint16", "float64":
		return "number", "số"
	case "bool":
		return "boolean", "giá trị true/false"
	case "array", "slice":
		return "array", "mảng"
	case "object", "struct", "ptr", "map":
		return "object", "đối tượng"
	}
	return kind, "giá trị kiểu khác"
}

// position returns the 1-based line and column of byte offset off.
func position(data []byte, off int64) (int, int) {
	off = max(0, min(off, int64(len(data))))
	before := data[:off]
	line := bytes.Count(before, []byte{'\n'}) + 1
	col := int(off) - bytes.LastIndexByte(before, '\n')
	return line, col
}

// chunkOut is what the checks of one chunk of procedures leave for the checks across items.
// Nothing of a procedure with problems is kept but its key and version span: a long hostile
// list costs memory in proportion to its problem-free items only.
type chunkOut struct {
	// probs are the first problems in input order when kept (until they fill a list); count
	// is the number of all, kinds the bits of their sentinels (see kindOf).
	probs []Problem
	kept  bool
	count int
	kinds uint8
	// fatal is set when an item holds malformed JSON: its document's syntax error is reported
	// instead of the problems of its items.
	fatal bool
	// keyLost is set when the code or unit of an item could not be read, so that the members
	// of groups cannot be checked.
	keyLost bool
	// procs are the procedures without problems, with their folded names, while the catalog
	// may still be valid.
	procs []Procedure
	folds []folded
	// keys are the valid keys of the items (only when the catalog has groups); entries the
	// versions that take part in the checks across versions.
	keys    []NationalCode
	entries []entry
}

// itemChecker decodes and checks procedures one at a time, reusing its buffers.
type itemChecker struct {
	pol    LoadOptions
	keys   bool         // keep the keys of the items (the catalog has groups)
	failed *atomic.Bool // some item has a problem: the catalog will not be built
	p      Procedure
	fields fieldChecker
	dprobs []Problem
	probs  []Problem
}

// chunk decodes and checks the procedures of ch; keep says whether to keep their problems
// with their messages, or only their number and kinds.
func (w *itemChecker) chunk(d *doc, ch chunk, keep bool) chunkOut {
	out := chunkOut{kept: keep}
	d.procs.each(d.data, ch.lo, ch.hi, func(i int, data []byte) {
		// Once the chunk holds a full list, the problems of its later items are past the
		// first 100 whatever comes before it: they are only counted.
		w.item(&out, d, data, i, ch.seq+i-ch.lo, keep && len(out.probs) < msg.MaxProblems)
	})
	return out
}

// item decodes and checks procedure i of document d (seq in the catalog), adding what it finds
// to out.
func (w *itemChecker) item(out *chunkOut, d *doc, data []byte, i, seq int, keep bool) {
	o := origin{file: d.file, index: i}
	valid := utf8.Valid(data)
	w.p = Procedure{}
	ok, noUnit := decodeProcedureFast(data, &w.p)
	// Past the first 100 problems, an item read by the fast decoder has its problems counted
	// without their paths and messages (its paths are written relative to the item, which
	// costs nothing for most of them).
	countOnly := !keep && valid && ok && len(noUnit) == 0
	at := ""
	if !countOnly {
		at = o.path("procedures")
	}
	dprobs := w.dprobs[:0]
	if !valid {
		dprobs = append(dprobs, problem(d.file, at+pathAt(data, invalidUTF8(data)), "encoding"))
	}
	var bad []string
	if !ok {
		w.p = Procedure{}
		lp, b, err := decodeItem(data, d.file, &w.p, at)
		if err != nil {
			w.failed.Store(true)
			out.count++
			out.keyLost = true
			if fatal(err) && d.split {
				out.fatal = true
			} else if keep {
				out.probs = append(out.probs, jsonProblem(d.file, at, data, err))
			}
			return
		}
		bad = b
		dprobs = append(dprobs, lp...)
		dprobs = append(dprobs, keyProblems(d.file, at, data, reflect.TypeFor[Procedure]())...)
		noUnit = limitsWithoutUnit(data)
	}
	// A limit without a unit would read as working days (the zero calendar.Unit): the key
	// is required, and the checks that read the limit are left out.
	for _, l := range noUnit {
		dprobs = append(dprobs, requiredProblem(d.file, at+l+".unit"))
		bad = append(bad, at+l)
	}
	w.dprobs = dprobs
	p := &w.p
	normalize(p)
	mode := renderFields
	switch {
	case countOnly || (!keep && len(bad) == 0):
		mode = countFields // nothing to leave out: no need of paths
	case !keep:
		mode = pathFields
	}
	w.fields = fieldChecker{file: d.file, mode: mode, path: append(w.fields.path[:0], at...), out: w.probs[:0]}
	// An item with nothing to leave out keeps no more problems than a list holds: the others
	// come after a full list and are counted.
	room := 0
	if len(bad) == 0 {
		room = max(1, msg.MaxProblems-len(dprobs))
		w.fields.room = room
	}
	w.fields.procedure(p)
	ps := checkProcedure(p, d.file, at, w.pol, w.fields.out)
	ps = checkTexts(p, d.file, at, ps)
	ps = drop(ps, bad, at)
	w.probs = ps
	n := len(dprobs) + len(ps) + w.fields.n
	if n > 0 {
		w.failed.Store(true)
		out.count += n
		out.kinds |= kindsOf(dprobs) | kindsOf(ps)
		if keep {
			if room > 0 && len(ps) > room {
				ps = ps[:room]
			}
			out.probs = append(append(out.probs, dprobs...), ps...)
		}
	} else if !w.failed.Load() {
		out.procs = append(out.procs, *p)
		out.folds = append(out.folds, foldsOf(p))
	}
	// What the checks across items read: the key, and the version and its days.
	if len(bad) > 0 && anyUnder(bad, at+".code", at+".unit") {
		out.keyLost = true
		return
	}
	key := p.Key()
	if w.keys && isKey(string(key)) {
		out.keys = append(out.keys, key)
	}
	// A version without a valid code, number or first day is already reported; it takes no
	// part in the checks across versions.
	if !isNationalCode(string(p.Code)) || p.Version < 1 || p.EffectiveFrom == 0 {
		return
	}
	if len(bad) == 0 || !anyUnder(bad, at+".version", at+".effective_from", at+".effective_to") {
		out.entries = append(out.entries, entry{key: key, version: p.Version, from: p.EffectiveFrom,
			to: p.EffectiveTo, o: o, seq: seq})
	}
}

func (l *loader) finish(pol LoadOptions) (*Catalog, error) {
	// Decode and check the procedures chunk by chunk, in parallel. An item that does not
	// decode strictly is decoded value by value (lenient): its decode problems come first, then
	// the problems of the values that did decode. Once the chunks before it hold more problems
	// than a ValidationError lists, a chunk only counts its problems.
	hasGroups := false
	for d := range l.docs {
		hasGroups = hasGroups || l.docs[d].groups.n > 0
	}
	var failed atomic.Bool
	failed.Store(len(l.problems) > 0)
	chunks := l.chunks()
	outs := make([]chunkOut, len(chunks))
	front := newFrontier(len(chunks), len(l.problems))
	workers := make(chan *itemChecker, runtime.GOMAXPROCS(0))
	checker := func() *itemChecker {
		select {
		case w := <-workers:
			return w
		default:
			return &itemChecker{pol: pol, keys: hasGroups, failed: &failed}
		}
	}
	release := func(w *itemChecker) {
		select {
		case workers <- w:
		default:
		}
	}
	parallel(len(chunks), func(k int) {
		w := checker()
		outs[k] = w.chunk(&l.docs[chunks[k].doc], chunks[k], !front.full(k))
		release(w)
		front.done(k, outs[k].count)
	})
	// An item split out of a document without decoding may hold malformed JSON: then the
	// document's own syntax error is reported, as for a document decoded whole, and nothing
	// else from that file.
	var probs collector
	probs.add(l.problems...)
	bad := make([]bool, len(l.docs))
	anyBad := false
	markBad := func(d int) {
		if bad[d] {
			return
		}
		bad[d], anyBad = true, true
		var doc struct {
			Procedures []json.RawMessage `json:"procedures"`
			Groups     []json.RawMessage `json:"groups"`
		}
		dc := &l.docs[d]
		probs.add(jsonProblem(dc.file, "", dc.data, decodeStrict(dc.data, &doc)))
	}
	for k := range chunks {
		if outs[k].fatal {
			markBad(chunks[k].doc)
		}
	}
	for d := range l.docs {
		// A group split out without decoding is malformed JSON exactly when it is not valid
		// JSON: its document is checked before any group is decoded.
		if dc := &l.docs[d]; dc.split && !bad[d] {
			dc.groups.each(dc.data, 0, dc.groups.n, func(_ int, data []byte) {
				if !bad[d] && !json.Valid(data) {
					markBad(d)
				}
			})
		}
	}

	// The checks across items take the items whose fields they read were decoded. Group
	// members are checked only when every procedure key is known.
	var entries []entry
	keys := make(map[NationalCode]bool)
	allKeys := !anyBad
	nProcs := 0
	for k, ch := range chunks {
		o := &outs[k]
		if bad[ch.doc] {
			*o = chunkOut{}
			continue
		}
		if !o.kept && o.count > 0 && probs.total() < msg.MaxProblems {
			// Counted only, as the chunks before it seemed to fill the list, but some of
			// their problems were left out (a file with malformed JSON): write them now.
			w := checker()
			*o = w.chunk(&l.docs[ch.doc], ch, true)
			release(w)
		}
		if o.kept {
			probs.add(o.probs...)
		}
		probs.count(o.count-len(o.probs), o.kinds)
		o.probs = nil
		allKeys = allKeys && !o.keyLost
		for _, key := range o.keys {
			keys[key] = true
		}
		o.keys = nil
		entries = append(entries, o.entries...)
		o.entries = nil
		nProcs += len(o.procs)
	}
	checkVersions(entries, &probs)
	entries = nil
	// The groups are decoded and checked one at a time; only while the catalog has no
	// problem is a group kept.
	var groups []Group
	gids := make(map[string]bool)
	var fields fieldChecker
	var g Group
	for d := range l.docs {
		dc := &l.docs[d]
		if bad[d] {
			continue
		}
		dc.groups.each(dc.data, 0, dc.groups.n, func(i int, data []byte) {
			if checkGroup(dc.file, i, data, &g, &fields, &probs, gids, keys, allKeys) && probs.total() == 0 {
				groups = append(groups, g)
			}
		})
	}
	if len(chunks) == 0 && probs.total() == 0 {
		probs.add(problem("", "", "empty"))
	}
	if probs.total() > 0 {
		return nil, probs.err()
	}
	procs := make([]Procedure, 0, nProcs)
	folds := make([]folded, 0, nProcs)
	for k := range outs {
		procs = append(procs, outs[k].procs...)
		folds = append(folds, outs[k].folds...)
		outs[k] = chunkOut{}
	}
	return build(procs, folds, groups), nil
}

// checkGroup decodes group i of a file into g and checks it, adding its problems to probs; gids
// holds the IDs of the groups before it, keys the keys of the procedures (allKeys: all of
// them). Once the list of problems is full, the problems of a group read by the fast decoder
// are counted without their paths and messages. It reports whether g could be decoded.
func checkGroup(file string, i int, data []byte, g *Group, fields *fieldChecker, probs *collector,
	gids map[string]bool, keys map[NationalCode]bool, allKeys bool) bool {
	*g = Group{}
	valid := utf8.Valid(data)
	fast := decodeGroupFast(data, g)
	countOnly := fast && valid && probs.full()
	at := ""
	if !countOnly {
		at = origin{file, i}.path("groups")
	}
	var gprobs []Problem
	var gbad []string
	if !fast {
		*g = Group{}
		var err error
		if gprobs, gbad, err = decodeItem(data, file, g, at); err != nil {
			probs.add(jsonProblem(file, at, data, err))
			return false
		}
		gprobs = append(gprobs, keyProblems(file, at, data, reflect.TypeFor[Group]())...)
	}
	g.LegalBasis = nilIfEmpty(g.LegalBasis)
	if !valid {
		probs.add(problem(file, at+pathAt(data, invalidUTF8(data)), "encoding"))
	}
	probs.add(gprobs...)
	*fields = fieldChecker{file: file, path: append(fields.path[:0], at...)}
	if countOnly {
		fields.mode = countFields
	}
	fields.group(g)
	gp := checkGroupTexts(g, file, at, fields.out)
	if g.ID != "" && !anyUnder(gbad, at+".id") {
		if gids[g.ID] {
			gp = append(gp, problem(file, at+".id", "duplicate", g.ID))
		}
		gids[g.ID] = true
	}
	counted := fields.n
	for m, code := range g.Members {
		if allKeys && isKey(string(code)) && !keys[code] {
			// Past the first 100, the problem is counted without its message.
			if countOnly || (len(gbad) == 0 && probs.total()+len(gp) >= msg.MaxProblems) {
				counted++
				continue
			}
			gp = append(gp, problem(file, at+".members["+strconv.Itoa(m)+"]", "unknown_member", string(code)))
		}
	}
	probs.add(drop(gp, gbad, at)...)
	probs.count(counted, 0)
	return true
}

// invalidUTF8 returns the offset of the first byte of data that is not valid UTF-8.
func invalidUTF8(data []byte) int {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return len(data)
}

// folded holds the folded names a procedure is indexed and searched by.
type folded struct{ name, field, competent, receiving string }

func foldsOf(p *Procedure) folded {
	f := folded{name: searchFold(p.Name), field: Fold(p.Field), competent: Fold(p.CompetentAgency.Name)}
	if p.ReceivingAgency != nil {
		f.receiving = Fold(p.ReceivingAgency.Name)
	}
	return f
}

// build indexes validated procedures.
func build(procs []Procedure, folds []folded, groups []Group) *Catalog {
	c := &Catalog{
		procs:    procs,
		groups:   groups,
		versions: make(map[NationalCode][]version, len(procs)),
		names:    make([]string, len(procs)),
		bySector: make(map[Sector][]int),
		byField:  make(map[string][]int),
		byAgency: make(map[string][]int),
		byLevel:  make(map[Level][]int),
		groupIDs: make(map[string]int, len(groups)),
	}
	for i := range procs {
		p := &procs[i]
		to := date.Date(p.EffectiveTo)
		if to == 0 {
			to = math.MaxInt64
		}
		k := p.Key()
		c.versions[k] = append(c.versions[k], version{from: date.Date(p.EffectiveFrom), to: to, p: p})
		f := &folds[i]
		c.names[i] = f.name
		c.bySector[p.Sector] = append(c.bySector[p.Sector], i)
		c.byField[f.field] = append(c.byField[f.field], i)
		for _, l := range p.Levels {
			c.byLevel[l] = append(c.byLevel[l], i)
		}
		var recv AgencyCode
		if p.ReceivingAgency != nil {
			recv = p.ReceivingAgency.Code
		}
		for _, key := range [...]string{p.CompetentAgency.Code.String(), f.competent, recv.String(), f.receiving} {
			if key == "" {
				continue
			}
			if ids := c.byAgency[key]; len(ids) == 0 || ids[len(ids)-1] != i {
				c.byAgency[key] = append(ids, i)
			}
		}
	}
	for _, vs := range c.versions {
		sort.Slice(vs, func(i, j int) bool { return vs[i].from < vs[j].from })
	}
	for i := range groups {
		c.groupIDs[groups[i].ID] = i
	}
	return c
}

// day returns the calendar date of t in Vietnam (UTC+7) without allocating.
func day(t time.Time) date.Date {
	s := t.Unix() + 7*3600
	d := s / 86400
	if s%86400 < 0 {
		d--
	}
	return date.Date(d + date.ZeroOffset)
}

// Lookup returns the version of the procedure with key code (national code, or local instance
// code) in force at time at (its date in Vietnam). The error is a *LookupError wrapping
// ErrUnknownCode or ErrNotInForce, or ErrNilCatalog for a nil c.
func (c *Catalog) Lookup(code NationalCode, at time.Time) (*Procedure, error) {
	if c == nil {
		return nil, &LookupError{Code: code, At: at, Err: ErrNilCatalog}
	}
	vs, ok := c.versions[code]
	if !ok {
		return nil, &LookupError{Code: code, At: at, Err: ErrUnknownCode}
	}
	d := day(at)
	lo, hi := 0, len(vs)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if vs[m].from <= d {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo == 0 || vs[lo-1].to < d {
		return nil, &LookupError{Code: code, At: at, Err: ErrNotInForce}
	}
	return vs[lo-1].p, nil
}

// Versions returns every version of the procedure with key code, oldest first.
func (c *Catalog) Versions(code NationalCode) []*Procedure {
	if c == nil {
		return nil
	}
	vs := c.versions[code]
	out := make([]*Procedure, len(vs))
	for i, v := range vs {
		out[i] = v.p
	}
	return out
}

// Len returns the number of procedure versions in the catalog.
func (c *Catalog) Len() int {
	if c == nil {
		return 0
	}
	return len(c.procs)
}

// Procedures returns every procedure version in the order loaded.
func (c *Catalog) Procedures() []*Procedure { return c.pick(nil, time.Time{}, true) }

// BySector returns the procedures of sector s in force at at (every version when at is zero).
func (c *Catalog) BySector(s Sector, at time.Time) []*Procedure {
	if c == nil {
		return nil
	}
	return c.pick(c.bySector[s], at, false)
}

// ByField returns the procedures of a field (lĩnh vực), matched without regard to case and
// diacritics, in force at at (every version when at is zero).
func (c *Catalog) ByField(field string, at time.Time) []*Procedure {
	if c == nil {
		return nil
	}
	return c.pick(c.byField[Fold(field)], at, false)
}

// ByAgency returns the procedures whose competent or receiving agency has the code, or the name
// (matched without regard to case and diacritics), in force at at (every version when at is zero).
func (c *Catalog) ByAgency(codeOrName string, at time.Time) []*Procedure {
	if c == nil {
		return nil
	}
	ids, ok := c.byAgency[codeOrName]
	if !ok {
		ids = c.byAgency[Fold(codeOrName)]
	}
	return c.pick(ids, at, false)
}

// ByLevel returns the procedures carried out at level l, in force at at (every version when at
// is zero).
func (c *Catalog) ByLevel(l Level, at time.Time) []*Procedure {
	if c == nil {
		return nil
	}
	return c.pick(c.byLevel[l], at, false)
}

// Search returns the procedures whose name contains query as a phrase starting at a word,
// compared without regard to case, spacing, punctuation and Vietnamese diacritics ("khai sinh"
// finds "Đăng ký khai sinh"; "nhan cha me con" finds "nhận cha, mẹ, con"; "khai tu" finds
// "khai tử" but not "thủ tục ... khai sinh"), in force at at
// (every version when at is zero), in catalog order.
func (c *Catalog) Search(query string, at time.Time) []*Procedure {
	if c == nil {
		return nil
	}
	q := searchFold(query)
	if q == "" {
		return nil
	}
	var out []*Procedure
	d := day(at)
	for i, name := range c.names {
		if !at.IsZero() && !c.procs[i].InForce(d) {
			continue
		}
		if containsPhrase(name, q) {
			out = append(out, &c.procs[i])
		}
	}
	return out
}

// containsPhrase reports whether q occurs in name at the start of a word.
func containsPhrase(name, q string) bool {
	for off := 0; ; {
		i := strings.Index(name[off:], q)
		if i < 0 {
			return false
		}
		i += off
		if i == 0 || name[i-1] == ' ' {
			return true
		}
		off = i + 1
	}
}

func (c *Catalog) pick(ids []int, at time.Time, all bool) []*Procedure {
	if c == nil {
		return nil
	}
	n := len(ids)
	if all {
		n = len(c.procs)
	}
	out := make([]*Procedure, 0, n)
	d := day(at)
	for k := 0; k < n; k++ {
		i := k
		if !all {
			i = ids[k]
		}
		if !at.IsZero() && !c.procs[i].InForce(d) {
			continue
		}
		out = append(out, &c.procs[i])
	}
	return out
}

// Groups returns the inter-agency groups in the order loaded.
func (c *Catalog) Groups() []*Group {
	if c == nil {
		return nil
	}
	out := make([]*Group, len(c.groups))
	for i := range c.groups {
		out[i] = &c.groups[i]
	}
	return out
}

// Group returns the inter-agency group with the ID.
func (c *Catalog) Group(id string) (*Group, bool) {
	if c == nil {
		return nil, false
	}
	i, ok := c.groupIDs[id]
	if !ok {
		return nil, false
	}
	return &c.groups[i], true
}

// GroupsOf returns the groups the procedure with key code is a member of.
func (c *Catalog) GroupsOf(code NationalCode) []*Group {
	if c == nil {
		return nil
	}
	var out []*Group
	for i := range c.groups {
		for _, m := range c.groups[i].Members {
			if m == code {
				out = append(out, &c.groups[i])
				break
			}
		}
	}
	return out
}

// MarshalJSON exports the catalog as one catalog document that Load reads back unchanged. A nil
// c gives null, as json.Marshal gives for a nil *Catalog.
func (c *Catalog) MarshalJSON() ([]byte, error) {
	if c == nil {
		return []byte("null"), nil
	}
	return json.Marshal(document{Procedures: c.procs, Groups: c.groups})
}

// WriteJSON writes the catalog as one indented catalog document; a nil c writes null.
func (c *Catalog) WriteJSON(w io.Writer) error {
	if c == nil {
		_, err := io.WriteString(w, "null\n")
		return err
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(document{Procedures: c.procs, Groups: c.groups})
}
