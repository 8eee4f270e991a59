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
// a message in Vietnamese and English, and counting the rest.
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
		for j := range c.Fees {
			c.Fees[j].Exemptions = nilIfEmpty(c.Fees[j].Exemptions)
		}
	}
	for j := range p.Fees {
		p.Fees[j].Exemptions = nilIfEmpty(p.Fees[j].Exemptions)
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

// loader accumulates the raw items of every document and the problems found so far.
type loader struct {
	procs    []rawItem
	groups   []rawItem
	problems []Problem
}

// rawItem is one undecoded procedure or group and where it comes from.
type rawItem struct {
	data json.RawMessage
	o    origin
	// whole is the document of an item split without decoding; if the item turns out to be
	// malformed JSON, the document is decoded again to report the problem where it is.
	whole []byte
}

func (l *loader) add(file string, data []byte) {
	if procs, groups, ok := splitDocument(data); ok {
		for i, m := range procs {
			l.procs = append(l.procs, rawItem{data: m, o: origin{file: file, index: i}, whole: data})
		}
		for i, m := range groups {
			l.groups = append(l.groups, rawItem{data: m, o: origin{file: file, index: i}, whole: data})
		}
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
	for i, m := range raw.Procedures {
		l.procs = append(l.procs, rawItem{data: m, o: origin{file: file, index: i}})
	}
	for i, m := range raw.Groups {
		l.groups = append(l.groups, rawItem{data: m, o: origin{file: file, index: i}})
	}
}

// chunk is a range [lo, hi) of l.procs that one goroutine decodes and checks.
type chunk struct{ lo, hi int }

// chunks cuts the procedures into chunks of at most 128 items.
func (l *loader) chunks() []chunk {
	var out []chunk
	const per = 128
	for lo := 0; lo < len(l.procs); lo += per {
		out = append(out, chunk{lo, min(lo+per, len(l.procs))})
	}
	return out
}

// decodeItem decodes one procedure or group into v (a pointer to its zero value) at path at.
// A strict decode that fails on a value that does not fit is redone value by value: it returns
// the problems found and the paths of the values left zero. Malformed JSON, which cannot be
// decoded in part, is returned as err and nothing of the item is kept.
func decodeItem(it *rawItem, v any, at string) (probs []Problem, bad []string, err error) {
	// A decimal written with more characters than any valid one is refused before
	// encoding/json parses it, which would take time and memory out of proportion.
	long := hasLongDecimal(it.data)
	if !long {
		err = decodeStrict(it.data, v)
		if err == nil {
			return nil, nil, nil
		}
		if fatal(err) || errors.Is(err, errTrailing) {
			return nil, nil, err
		}
	} else {
		var raw json.RawMessage // the syntax only
		if err := json.Unmarshal(it.data, &raw); err != nil {
			return nil, nil, err
		}
	}
	reflect.ValueOf(v).Elem().SetZero()
	l := lenient{file: it.o.file}
	l.decode(it.data, v, at)
	if len(l.probs) == 0 {
		if long { // a long text under a key that is not a decimal field
			reflect.ValueOf(v).Elem().SetZero()
			return nil, nil, decodeStrict(it.data, v)
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
	var item struct {
		Limits map[string]json.RawMessage `json:"limits"`
		Cases  []struct {
			Limits map[string]json.RawMessage `json:"limits"`
		} `json:"cases"`
	}
	_ = json.Unmarshal(data, &item) // a value of the wrong kind is reported by the decoder
	var out []string
	check := func(at string, ls map[string]json.RawMessage) {
		for _, ch := range channels {
			for k, raw := range ls {
				if !strings.EqualFold(k, ch.String()) || len(raw) == 0 || raw[0] != '{' {
					continue
				}
				var keys map[string]json.RawMessage
				if json.Unmarshal(raw, &keys) != nil {
					continue
				}
				unit := false
				for k := range keys {
					unit = unit || strings.EqualFold(k, "unit")
				}
				if !unit {
					out = append(out, at+".limits."+ch.String())
				}
			}
		}
	}
	check("", item.Limits)
	for j, c := range item.Cases {
		check(".cases["+strconv.Itoa(j)+"]", c.Limits)
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

func (l *loader) finish(pol LoadOptions) (*Catalog, error) {
	chk, err := theChecker()
	if err != nil {
		return nil, err
	}
	// Decode and check each procedure on its own, in parallel. An item that does not decode
	// strictly is decoded value by value (lenient): its decode problems come first, then the
	// problems of the values that did decode. Once the chunks before it hold more problems
	// than a ValidationError lists, a chunk only counts its problems.
	procs := make([]Procedure, len(l.procs))
	perr := make([]error, len(l.procs))
	pprobs := make([][]Problem, len(l.procs))
	pcount := make([]int32, len(l.procs))
	pkinds := make([]uint8, len(l.procs))
	pbad := make([][]string, len(l.procs))
	folds := make([]folded, len(l.procs))
	chunks := l.chunks()
	front := newFrontier(len(chunks), len(l.problems))
	// checkItem decodes and checks procedure i; keep says whether to keep its problems with
	// their messages, or only their number and kinds. It returns the number of problems.
	checkItem := func(i int, keep bool) int {
		it := &l.procs[i]
		at := it.o.path("procedures")
		var dprobs []Problem
		if !utf8.Valid(it.data) {
			dprobs = append(dprobs, problem(it.o.file, at+pathAt(it.data, invalidUTF8(it.data)), "encoding"))
		}
		ok, noUnit := decodeProcedureFast(it.data, &procs[i])
		if !ok {
			procs[i] = Procedure{}
			var lp []Problem
			lp, pbad[i], perr[i] = decodeItem(it, &procs[i], at)
			if perr[i] != nil {
				return 1
			}
			dprobs = append(dprobs, lp...)
			noUnit = limitsWithoutUnit(it.data)
		}
		// A limit without a unit would read as working days (the zero calendar.Unit): the key
		// is required, and the checks that read the limit are left out.
		for _, l := range noUnit {
			dprobs = append(dprobs, requiredProblem(it.o.file, at+l+".unit"))
			pbad[i] = append(pbad[i], at+l)
		}
		p := &procs[i]
		normalize(p)
		folds[i] = foldsOf(p)
		ps := chk.checkAs(p, it.o.file, at, nil, keep)
		ps = checkProcedure(p, it.o, pol, ps)
		ps = checkTexts(p, it.o.file, at, ps)
		all := append(dprobs, drop(ps, pbad[i], at)...)
		pcount[i], pkinds[i] = int32(len(all)), kindsOf(all)
		if keep {
			pprobs[i] = all
		}
		return len(all)
	}
	parallel(len(chunks), func(k int) {
		keep := !front.full(k)
		n := 0
		for i := chunks[k].lo; i < chunks[k].hi; i++ {
			n += checkItem(i, keep)
		}
		front.done(k, n)
	})
	groups := make([]Group, len(l.groups))
	gerr := make([]error, len(l.groups))
	gprobs := make([][]Problem, len(l.groups))
	gbad := make([][]string, len(l.groups))
	for i := range l.groups {
		gprobs[i], gbad[i], gerr[i] = decodeItem(&l.groups[i], &groups[i], l.groups[i].o.path("groups"))
		groups[i].LegalBasis = nilIfEmpty(groups[i].LegalBasis)
	}

	// An item split out of a document without decoding may hold malformed JSON: then the
	// document's own syntax error is reported, as for a document decoded whole, and nothing
	// else from that file.
	var probs collector
	probs.add(l.problems...)
	bad := map[string]bool{}
	markBad := func(it *rawItem, err error) {
		if it.whole == nil || bad[it.o.file] || !fatal(err) {
			return
		}
		bad[it.o.file] = true
		var doc struct {
			Procedures []json.RawMessage `json:"procedures"`
			Groups     []json.RawMessage `json:"groups"`
		}
		probs.add(jsonProblem(it.o.file, "", it.whole, decodeStrict(it.whole, &doc)))
	}
	for i := range l.procs {
		markBad(&l.procs[i], perr[i])
	}
	for i := range l.groups {
		markBad(&l.groups[i], gerr[i])
	}

	// The checks across items take the items whose fields they read were decoded. Group
	// members are checked only when every procedure key is known.
	entries := make([]entry, 0, len(procs))
	keys := make(map[NationalCode]bool, len(procs))
	allKeys := len(bad) == 0
	for i := range procs {
		it := &l.procs[i]
		switch {
		case bad[it.o.file]:
		case perr[i] != nil:
			probs.add(jsonProblem(it.o.file, it.o.path("procedures"), it.data, perr[i]))
			allKeys = false
		default:
			if pprobs[i] == nil && pcount[i] > 0 && probs.total() < msg.MaxProblems {
				// Counted only, as the chunks before it seemed to fill the list, but some of
				// their problems were left out (a file with malformed JSON): write them now.
				checkItem(i, true)
			}
			if pprobs[i] != nil || pcount[i] == 0 {
				probs.add(pprobs[i]...)
			} else {
				probs.count(int(pcount[i]), pkinds[i])
			}
			pprobs[i] = nil
			var at string
			if len(pbad[i]) > 0 {
				at = it.o.path("procedures")
			}
			if len(pbad[i]) > 0 && anyUnder(pbad[i], at+".code", at+".unit") {
				allKeys = false
				continue
			}
			p := &procs[i]
			keys[p.Key()] = true
			// A version without a valid code, number or first day is already reported; it
			// takes no part in the checks across versions.
			if !isNationalCode(string(p.Code)) || p.Version < 1 || p.EffectiveFrom == 0 {
				continue
			}
			if len(pbad[i]) == 0 || !anyUnder(pbad[i], at+".version", at+".effective_from", at+".effective_to") {
				entries = append(entries, entry{p: p, o: it.o, seq: i})
			}
		}
	}
	checkVersions(entries, &probs)
	gids := make(map[string]bool, len(l.groups))
	for i := range groups {
		it, g := &l.groups[i], &groups[i]
		at := it.o.path("groups")
		if bad[it.o.file] {
			continue
		}
		if gerr[i] != nil {
			probs.add(jsonProblem(it.o.file, at, it.data, gerr[i]))
			continue
		}
		if !utf8.Valid(it.data) {
			probs.add(problem(it.o.file, at+pathAt(it.data, invalidUTF8(it.data)), "encoding"))
		}
		probs.add(gprobs[i]...)
		gp := chk.check(g, it.o.file, at, nil)
		gp = checkGroupTexts(g, it.o.file, at, gp)
		if g.ID != "" && !anyUnder(gbad[i], at+".id") {
			if gids[g.ID] {
				gp = append(gp, problem(it.o.file, at+".id", "duplicate", g.ID))
			}
			gids[g.ID] = true
		}
		for m, code := range g.Members {
			if allKeys && isKey(string(code)) && !keys[code] {
				gp = append(gp, problem(it.o.file, at+".members["+strconv.Itoa(m)+"]", "unknown_member", string(code)))
			}
		}
		probs.add(drop(gp, gbad[i], at)...)
	}
	if len(l.procs) == 0 && probs.total() == 0 {
		probs.add(problem("", "", "empty"))
	}
	if probs.total() > 0 {
		return nil, probs.err()
	}
	return build(procs, folds, groups), nil
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
	f := folded{name: Fold(p.Name), field: Fold(p.Field), competent: Fold(p.CompetentAgency.Name)}
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
// compared without regard to case, spacing and Vietnamese diacritics ("khai sinh" finds "Đăng
// ký khai sinh"; "khai tu" finds "khai tử" but not "thủ tục ... khai sinh"), in force at at
// (every version when at is zero), in catalog order.
func (c *Catalog) Search(query string, at time.Time) []*Procedure {
	if c == nil {
		return nil
	}
	q := Fold(query)
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
