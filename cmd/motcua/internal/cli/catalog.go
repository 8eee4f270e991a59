package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/motcua-go/motcua/calendar"
	"github.com/motcua-go/motcua/internal/msg"
	"github.com/motcua-go/motcua/procedure"
)

func runCatalog(e *env, args []string) error {
	subs := []struct {
		name, vi, en string
		run          func(*env, []string) error
	}{
		{"validate", "kiểm tra một tệp (hoặc thư mục) danh mục, liệt kê mọi lỗi với đường dẫn JSON", "check a catalog file (or folder), listing every problem with its JSON path", runCatalogValidate},
		{"show", "một thủ tục theo mã, phiên bản có hiệu lực vào một ngày", "one procedure by its code, the version in force on a day", runCatalogShow},
		{"search", "tìm thủ tục theo tên, không phân biệt hoa thường và dấu", "find procedures by name, regardless of case and diacritics", runCatalogSearch},
		{"import", "dựng danh mục từ bản ghi của Cơ sở dữ liệu quốc gia về thủ tục hành chính, liệt kê phần cần người nhập", "build catalog entries from records of the national procedure database, listing what a person must finish", runCatalogImport},
	}
	if sub := withoutLang(args); len(sub) == 0 || isHelp(sub[0]) {
		args = sub
		var b bytes.Buffer
		fmt.Fprintf(&b, "%s\n  motcua catalog <validate|show|search|import> [%s]\n\n", e.t("Cách dùng:", "Usage:"), e.t("tùy chọn", "flags"))
		for _, s := range subs {
			fmt.Fprintf(&b, "  %-9s %s\n", s.name, e.t(s.vi, s.en))
		}
		fmt.Fprintf(&b, "\n%s\n  motcua catalog validate my-catalog.json\n  motcua catalog show 1.001193 --at 2026-03-10\n  motcua catalog search \"khai sinh\"\n", e.t("Ví dụ:", "Examples:"))
		if len(args) == 0 {
			e.stderr.Write(b.Bytes())
			return usagef("lệnh catalog cần validate, show, search hoặc import", "catalog needs validate, show, search or import")
		}
		e.stdout.Write(b.Bytes())
		return errHelpShown
	}
	// The subcommand is the first argument that is not --lang and its value.
	name := withoutLang(args)[0]
	for i, a := range args {
		if a == name {
			args = append(args[:i:i], args[i+1:]...)
			break
		}
	}
	for _, s := range subs {
		if s.name == name {
			return s.run(e, args)
		}
	}
	return usagef("lệnh catalog không có %s; chọn validate, show, search hoặc import", "catalog has no subcommand %s; choose validate, show, search or import", msg.Quote(name))
}

// loadCatalog reads the catalog of --catalog: a JSON file, or a folder whose *.json files
// form one catalog; the embedded sample when path is empty.
func loadCatalog(path string) (*procedure.Catalog, error) {
	if path == "" {
		return procedure.Sample()
	}
	st, err := os.Stat(path)
	if err != nil {
		return nil, failf("không đọc được tệp %s (--catalog)", "cannot read file %s (--catalog)", msg.Quote(path))
	}
	if st.IsDir() {
		return procedure.LoadFS(os.DirFS(path), procedure.LoadOptions{})
	}
	data, err := readData("catalog", path)
	if err != nil {
		return nil, err
	}
	return procedure.Load(bytes.NewReader(data), procedure.LoadOptions{})
}

// catalogFor loads the catalog for show, search and plan: an invalid one is one line that
// points to catalog validate.
func catalogFor(path string) (*procedure.Catalog, error) {
	c, err := loadCatalog(path)
	var ve *procedure.ValidationError
	if errors.As(err, &ve) {
		n := len(ve.Problems) + ve.More
		return nil, failf("danh mục %s không hợp lệ (%d lỗi); xem motcua catalog validate %s", "catalog %s is not valid (%d problems); see motcua catalog validate %s", msg.Quote(path), n, path)
	}
	if err != nil {
		var ce *cliError
		if errors.As(err, &ce) {
			return nil, err
		}
		return nil, fail(err, "danh mục "+msg.Quote(path), "catalog "+msg.Quote(path))
	}
	return c, nil
}

func runCatalogValidate(e *env, args []string) error {
	f := newFlags(e, "catalog validate", e.t("TỆP", "FILE"),
		e.t("Kiểm tra một tệp danh mục thủ tục (JSON, như procedure.Load đọc) hoặc một thư mục các tệp *.json.\n"+
			"Ghi {\"valid\": true, \"procedures\": n} hoặc mọi lỗi với tệp, đường dẫn JSON, quy tắc và thông báo\n"+
			"(100 lỗi đầu, \"more\" đếm phần còn lại); mã thoát 1 khi danh mục không hợp lệ.",
			"Check a procedure catalog file (JSON, as procedure.Load reads it) or a folder of *.json files.\n"+
				"Writes {\"valid\": true, \"procedures\": n}, or every problem with its file, JSON path, rule and\n"+
				"message (the first 100; \"more\" counts the rest); exit status 1 when the catalog is not valid."),
		"  motcua catalog validate my-catalog.json\n  motcua --lang en catalog validate ./catalog/")
	if err := f.parse(args); err != nil {
		return err
	}
	path, err := f.oneArg("một tệp hoặc thư mục danh mục", "a catalog file or folder")
	if err != nil {
		return err
	}
	c, err := loadCatalog(path)
	type problem struct {
		File    string `json:"file,omitempty"`
		Path    string `json:"path"`
		Rule    string `json:"rule"`
		Message string `json:"message"`
	}
	type result struct {
		File       string    `json:"file"`
		Valid      bool      `json:"valid"`
		Procedures int       `json:"procedures,omitempty"`
		Groups     int       `json:"groups,omitempty"`
		Problems   []problem `json:"problems,omitempty"`
		More       int       `json:"more,omitempty"`
	}
	var ve *procedure.ValidationError
	switch {
	case err == nil:
		return writeJSON(e, result{File: path, Valid: true, Procedures: c.Len(), Groups: len(c.Groups())})
	case errors.As(err, &ve):
		out := result{File: path, More: ve.More, Problems: make([]problem, 0, len(ve.Problems))}
		for _, p := range ve.Problems {
			out.Problems = append(out.Problems, problem{File: p.File, Path: p.Path, Rule: p.Rule, Message: p.Message(e.lang)})
		}
		if err := writeJSON(e, out); err != nil {
			return err
		}
		n := len(ve.Problems) + ve.More
		return &cliError{code: ExitFailure,
			vi: fmt.Sprintf("danh mục %s không hợp lệ: %d lỗi", msg.Quote(path), n),
			en: fmt.Sprintf("catalog %s is not valid: %s", msg.Quote(path), msg.Plural(n, "problem", "problems"))}
	default:
		return err
	}
}

// atFlag reads --at: a date (the look-up is at the start of that day in Vietnam) or an instant.
func atFlag(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	if d, ok := parseDay(s); ok {
		return d.MidnightIn(calendar.Zone()), nil
	}
	if t, ok := parseInstant(s); ok {
		return t, nil
	}
	return time.Time{}, usagef("--at %s không phải ngày YYYY-MM-DD có trên lịch", "--at %s is not a date YYYY-MM-DD the calendar has", msg.Quote(s))
}

func runCatalogShow(e *env, args []string) error {
	f := newFlags(e, "catalog show", e.t("MÃ", "CODE"),
		e.t("Một thủ tục theo mã quốc gia (1.001193) hoặc mã thủ tục địa phương (1.001193.000.00.00.H49):\n"+
			"phiên bản có hiệu lực vào ngày --at, hoặc phiên bản mới nhất khi không có --at.",
			"One procedure by its national code (1.001193) or local instance code (1.001193.000.00.00.H49):\n"+
				"the version in force on the day --at, or the latest version without --at."),
		"  motcua catalog show 1.001193 --at 2026-03-10\n  motcua catalog show 1.001193 --catalog my-catalog.json")
	at := f.String("at", "", e.t("ngày YYYY-MM-DD: phiên bản có hiệu lực ngày đó", "date YYYY-MM-DD: the version in force that day"))
	catPath := f.String("catalog", "", e.t("tệp hoặc thư mục danh mục (mặc định: danh mục mẫu)", "catalog file or folder (default: the sample catalog)"))
	code, when, c, err := catalogQuery(f, args, at, catPath, "một mã thủ tục, ví dụ 1.001193", "a procedure code, e.g. 1.001193")
	if err != nil {
		return err
	}
	key := procedure.NationalCode(code)
	var p *procedure.Procedure
	if when.IsZero() {
		vs := c.Versions(key)
		if len(vs) == 0 {
			return failf("không có thủ tục mã %s trong danh mục", "no procedure of the catalog has the code %s", msg.Quote(code))
		}
		p = vs[len(vs)-1]
	} else if p, err = c.Lookup(key, when); err != nil {
		return fail(err, "", "")
	}
	return writeJSON(e, p)
}

func runCatalogSearch(e *env, args []string) error {
	f := newFlags(e, "catalog search", e.t("TỪ_KHÓA", "TEXT"),
		e.t("Tìm thủ tục có tên chứa cụm từ (không phân biệt hoa thường, dấu, khoảng trắng: \"khai sinh\"\n"+
			"tìm thấy \"Đăng ký khai sinh\"); với --at chỉ các phiên bản có hiệu lực ngày đó.",
			"Find procedures whose name holds the phrase (regardless of case, diacritics and spacing:\n"+
				"\"khai sinh\" finds \"Đăng ký khai sinh\"); with --at only the versions in force that day."),
		"  motcua catalog search \"khai sinh\"\n  motcua catalog search \"dat dai\" --at 2026-03-10")
	at := f.String("at", "", e.t("ngày YYYY-MM-DD: chỉ phiên bản có hiệu lực ngày đó", "date YYYY-MM-DD: only the versions in force that day"))
	catPath := f.String("catalog", "", e.t("tệp hoặc thư mục danh mục (mặc định: danh mục mẫu)", "catalog file or folder (default: the sample catalog)"))
	text, when, c, err := catalogQuery(f, args, at, catPath, "một cụm từ cần tìm", "a phrase to find")
	if err != nil {
		return err
	}
	type hit struct {
		Code          procedure.NationalCode `json:"code"`
		Version       int                    `json:"version"`
		Name          string                 `json:"name"`
		Sector        procedure.Sector       `json:"sector"`
		Field         string                 `json:"field"`
		EffectiveFrom procedure.Date         `json:"effective_from"`
		EffectiveTo   *procedure.Date        `json:"effective_to,omitempty"`
	}
	out := []hit{}
	for _, p := range c.Search(text, when) {
		h := hit{Code: p.Key(), Version: p.Version, Name: p.Name, Sector: p.Sector, Field: p.Field, EffectiveFrom: p.EffectiveFrom}
		if p.EffectiveTo != 0 {
			to := p.EffectiveTo
			h.EffectiveTo = &to
		}
		out = append(out, h)
	}
	return writeJSON(e, out)
}

// catalogQuery reads what catalog show and search share: the flags, the one argument
// (described by vi and en in a usage error), the day of --at and the catalog of --catalog.
// at and catPath are read after the flags are parsed.
func catalogQuery(f *flags, args []string, at, catPath *string, vi, en string) (string, time.Time, *procedure.Catalog, error) {
	if err := f.parse(args); err != nil {
		return "", time.Time{}, nil, err
	}
	arg, err := f.oneArg(vi, en)
	if err != nil {
		return "", time.Time{}, nil, err
	}
	when, err := atFlag(*at)
	if err != nil {
		return "", time.Time{}, nil, err
	}
	c, err := catalogFor(*catPath)
	if err != nil {
		return "", time.Time{}, nil, err
	}
	return arg, when, c, nil
}

func runCatalogImport(e *env, args []string) error {
	f := newFlags(e, "catalog import", e.t("TỆP", "FILE"),
		e.t("Đọc bản ghi thủ tục của Cơ sở dữ liệu quốc gia về thủ tục hành chính (một đối tượng JSON, một mảng,\n"+
			"hoặc mỗi dòng một đối tượng, với các khóa ma_thu_tuc, cach_thuc_thuc_hien, thanh_phan_ho_so…) và dựng\n"+
			"thủ tục cho danh mục (procedure.Import). Ghi báo cáo JSON: số bản ghi, số bản ghi không cần người\n"+
			"nhập thêm, và với mỗi bản ghi những phần không đọc được. Với --out, ghi danh mục vào tệp đó để\n"+
			"người nhập hoàn thiện rồi kiểm tra bằng motcua catalog validate.",
			"Reads procedure records of the national procedure database (one JSON object, an array, or one\n"+
				"object a line, with the keys ma_thu_tuc, cach_thuc_thuc_hien, thanh_phan_ho_so, …) and builds\n"+
				"catalog procedures (procedure.Import). Writes a JSON report: the number of records, the number\n"+
				"needing no person, and for each record what could not be read. With --out, writes the catalog\n"+
				"to that file, for a person to finish and check with motcua catalog validate."),
		"  motcua catalog import records.json --from 2025-07-01 --out draft-catalog.json")
	from := f.String("from", "", e.t("ngày YYYY-MM-DD bắt đầu hiệu lực của các phiên bản (bản ghi không có ngày này)",
		"date YYYY-MM-DD the imported versions are in force from (the records do not give it)"))
	out := f.String("out", "", e.t("tệp để ghi danh mục đã dựng", "file to write the catalog built"))
	if err := f.parse(args); err != nil {
		return err
	}
	path, err := f.oneArg("một tệp bản ghi", "a file of records")
	if err != nil {
		return err
	}
	var opts procedure.ImportOptions
	if *from != "" {
		d, err := dayFlag("--from", *from)
		if err != nil {
			return err
		}
		opts.EffectiveFrom = procedure.Date(d)
	}
	data, err := readData("records", path)
	if err != nil {
		return err
	}
	ims, err := procedure.ImportRecords(bytes.NewReader(data), opts)
	if err != nil {
		return failf("tệp %s không phải bản ghi JSON", "file %s does not hold JSON records", msg.Quote(path))
	}
	type gap struct {
		Path    string `json:"path"`
		Source  string `json:"source,omitempty"`
		Reason  string `json:"reason"`
		Text    string `json:"text,omitempty"`
		Message string `json:"message"`
	}
	type record struct {
		Code string `json:"code"`
		Gaps []gap  `json:"gaps"`
	}
	type report struct {
		File        string   `json:"file"`
		Records     int      `json:"records"`
		WithoutGaps int      `json:"without_gaps"`
		Out         string   `json:"out,omitempty"`
		Gaps        []record `json:"gaps"`
	}
	rep := report{File: path, Records: len(ims), Out: *out, Gaps: []record{}}
	procs := make([]procedure.Procedure, 0, len(ims))
	for _, im := range ims {
		procs = append(procs, im.Procedure)
		if len(im.Gaps) == 0 {
			rep.WithoutGaps++
			continue
		}
		r := record{Code: string(im.Procedure.Code)}
		for _, g := range im.Gaps {
			r.Gaps = append(r.Gaps, gap{Path: g.Path, Source: g.Source, Reason: g.Reason, Text: g.Text, Message: g.Message(e.lang)})
		}
		rep.Gaps = append(rep.Gaps, r)
	}
	if *out != "" {
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(struct {
			Procedures []procedure.Procedure `json:"procedures"`
		}{procs}); err != nil {
			return failf("không ghi được danh mục", "cannot write the catalog")
		}
		if err := os.WriteFile(*out, b.Bytes(), 0o644); err != nil {
			return failf("không ghi được tệp %s (--out)", "cannot write file %s (--out)", msg.Quote(*out))
		}
	}
	return writeJSON(e, rep)
}
