// Package cli is the motcua command: one function, Main, that the program's main calls and
// the tests call in-process. It never touches os.Stdout, os.Stderr or os.Exit.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"golang.org/x/text/language"

	"github.com/motcua-go/motcua/internal/msg"
)

// Exit statuses of Main.
const (
	// ExitOK: the command did what was asked.
	ExitOK = 0
	// ExitFailure: a domain failure (an invalid catalog, a --jsonl line that failed, a data
	// file that cannot be read or is not valid, a date the calendar has no answer for).
	ExitFailure = 1
	// ExitUsage: a bad command line (unknown command or flag, a missing or malformed value).
	ExitUsage = 2
)

// env is what every command runs with.
type env struct {
	ctx    context.Context
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	lang   language.Tag
}

// t picks the Vietnamese or the English text by the chosen language.
func (e *env) t(vi, en string) string { return msg.Pick(e.lang, vi, en) }

// cliError is a failure of the command line itself, with its text in both languages.
type cliError struct {
	code   int
	vi, en string
}

func (e *cliError) Error() string { return e.en }

// Message returns the text in lang.
func (e *cliError) Message(lang language.Tag) string { return msg.Pick(lang, e.vi, e.en) }

// usagef is a usage error (exit status 2).
func usagef(vi, en string, args ...any) error {
	return &cliError{code: ExitUsage, vi: fmt.Sprintf(vi, args...), en: fmt.Sprintf(en, args...)}
}

// failf is a domain failure (exit status 1) with its own text.
func failf(vi, en string, args ...any) error {
	return &cliError{code: ExitFailure, vi: fmt.Sprintf(vi, args...), en: fmt.Sprintf(en, args...)}
}

// failure is a domain failure (exit status 1) whose text is err's, with a lead-in.
type failure struct {
	vi, en string // lead-in, e.g. "catalog file x.json"; may be empty
	err    error
}

func (f *failure) Error() string { return f.Message(language.English) }
func (f *failure) Unwrap() error { return f.err }

// Message returns the lead-in and the message of the wrapped error in lang.
func (f *failure) Message(lang language.Tag) string {
	m := message(f.err, lang)
	if lead := msg.Pick(lang, f.vi, f.en); lead != "" {
		return lead + ": " + m
	}
	return m
}

// fail wraps a library error as a domain failure, after a lead-in in both languages.
func fail(err error, vi, en string) error { return &failure{vi: vi, en: en, err: err} }

// message reads any error of the module in lang: the first error of the tree with a Message
// method; the errors of a join each in turn, joined by "; ".
func message(err error, lang language.Tag) string {
	if err == nil {
		return ""
	}
	if m, ok := err.(interface{ Message(language.Tag) string }); ok {
		return m.Message(lang)
	}
	switch u := err.(type) {
	case interface{ Unwrap() []error }:
		var parts []string
		for _, e := range u.Unwrap() {
			parts = append(parts, message(e, lang))
		}
		return strings.Join(parts, "; ")
	case interface{ Unwrap() error }:
		if inner := u.Unwrap(); inner != nil {
			if _, ok := findMessager(inner); ok {
				return message(inner, lang)
			}
		}
	}
	return err.Error()
}

func findMessager(err error) (error, bool) {
	for err != nil {
		if _, ok := err.(interface{ Message(language.Tag) string }); ok {
			return err, true
		}
		if _, ok := err.(interface{ Unwrap() []error }); ok {
			return err, true
		}
		err = errors.Unwrap(err)
	}
	return nil, false
}

// exitCode is the exit status an error gives.
func exitCode(err error) int {
	var ce *cliError
	if errors.As(err, &ce) {
		return ce.code
	}
	return ExitFailure
}

// command is one subcommand: its name, a one-line summary in both languages, and its run.
type command struct {
	name       string
	vi, en     string
	run        func(e *env, args []string) error
	subcommand bool // has subcommands of its own (catalog)
}

func commands() []command {
	return []command{
		{name: "due", vi: "hạn trả kết quả của một hồ sơ, hoặc của từng dòng JSON (--jsonl)", en: "the promised return time of a dossier, or of each JSON line (--jsonl)", run: runDue},
		{name: "days-off", vi: "các ngày nghỉ của một năm, với loại ngày và văn bản", en: "every day off of a year, with its kind and document", run: runDaysOff},
		{name: "working-days", vi: "số ngày làm việc giữa hai ngày", en: "the number of working days between two dates", run: runWorkingDays},
		{name: "lunar", vi: "ngày âm lịch của một ngày dương lịch", en: "the lunar date of a solar date", run: runLunar},
		{name: "solar", vi: "ngày dương lịch của một ngày âm lịch", en: "the solar date of a lunar date", run: runSolar},
		{name: "catalog", vi: "kiểm tra, xem và tìm thủ tục trong danh mục (validate, show, search)", en: "validate, show and search a procedure catalog (validate, show, search)", run: runCatalog, subcommand: true},
		{name: "plan", vi: "hạn trả kết quả và kế hoạch liên thông với hạn của từng cơ quan", en: "the due time and the route plan with each agency's deadline", run: runPlan},
		{name: "serve", vi: "phục vụ văn phòng một cửa qua HTTP (API, tra cứu, trang /tra-cuu)", en: "serve the one-stop office over HTTP (API, lookup, the /tra-cuu page)", run: runServe},
	}
}

// Main runs the motcua command with args (the arguments after the program name) and returns
// the exit status: ExitOK, ExitFailure or ExitUsage. Results go to stdout, messages (one line
// each, in the language of --lang, Vietnamese by default) to stderr.
func Main(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{ctx: ctx, stdin: stdin, stdout: stdout, stderr: stderr, lang: language.Vietnamese}
	lang, err := scanLang(args)
	if err != nil {
		fmt.Fprintln(stderr, "motcua: "+message(err, e.lang))
		return ExitUsage
	}
	e.lang = lang
	// Global flags before the command: only --lang (and --help).
	for len(args) > 0 && strings.HasPrefix(args[0], "-") {
		a := args[0]
		switch {
		case isHelp(a):
			mainUsage(e, stdout)
			return ExitOK
		case a == "--lang" || a == "-lang":
			args = args[2:] // scanLang has checked the value is there
		case strings.HasPrefix(a, "--lang=") || strings.HasPrefix(a, "-lang="):
			args = args[1:]
		default:
			return report(e, usagef("không có tùy chọn %s trước lệnh; xem motcua --help", "unknown flag %s before the command; see motcua --help", msg.Quote(a)))
		}
	}
	if len(args) == 0 {
		mainUsage(e, stderr)
		return ExitUsage
	}
	if args[0] == "help" {
		if rest := withoutLang(args[1:]); len(rest) > 0 && rest[0] != "help" {
			return Main(ctx, []string{rest[0], "--help", "--lang", e.t("vi", "en")}, stdin, stdout, stderr)
		}
		mainUsage(e, stdout)
		return ExitOK
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return report(e, protect(func() error { return c.run(e, args[1:]) }))
		}
	}
	return report(e, usagef("không có lệnh %s; các lệnh: %s", "unknown command %s; the commands: %s", msg.Quote(args[0]), commandNames()))
}

// protect runs a command and turns a panic (a bug) into one line of error, exit status 1,
// so that a user never sees a stack trace.
func protect(run func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = failf("lỗi nội bộ của motcua (%s); xin báo lỗi này kèm dòng lệnh đã dùng", "internal error in motcua (%s); please report it with the command line used", msg.Clip(fmt.Sprint(r)))
		}
	}()
	return run()
}

func commandNames() string {
	var names []string
	for _, c := range commands() {
		names = append(names, c.name)
	}
	return strings.Join(names, ", ")
}

// report writes err's message as one line on stderr and returns its exit status.
func report(e *env, err error) int {
	if err == nil {
		return ExitOK
	}
	if errors.Is(err, errHelpShown) {
		return ExitOK
	}
	if errors.Is(err, errReported) {
		return ExitFailure
	}
	line := strings.ReplaceAll(message(err, e.lang), "\n", "; ")
	fmt.Fprintln(e.stderr, "motcua: "+line)
	return exitCode(err)
}

var (
	// errHelpShown: --help was asked for and the help written; exit status 0.
	errHelpShown = errors.New("help shown")
	// errReported: a domain failure whose details are already in the output; exit status 1.
	errReported = errors.New("failure reported in the output")
)

// withoutLang returns args without the --lang flags (scanLang has read them).
func withoutLang(args []string) []string {
	var out []string
	for i := 0; i < len(args); i++ {
		switch a := args[i]; {
		case a == "--":
			return append(out, args[i:]...)
		case a == "--lang" || a == "-lang":
			i++
		case strings.HasPrefix(a, "--lang=") || strings.HasPrefix(a, "-lang="):
		default:
			out = append(out, a)
		}
	}
	return out
}

func isHelp(a string) bool { return a == "-h" || a == "--help" || a == "-help" || a == "--h" }

// scanLang finds --lang in args wherever it stands, so that even an error about an earlier
// flag is written in the chosen language. The last one given wins.
func scanLang(args []string) (language.Tag, error) {
	lang := language.Vietnamese
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			break
		}
		var v string
		switch {
		case a == "--lang" || a == "-lang":
			if i+1 >= len(args) {
				return lang, usagef("tùy chọn --lang cần một giá trị: vi hoặc en", "flag --lang needs a value: vi or en")
			}
			v = args[i+1]
			i++
		case strings.HasPrefix(a, "--lang=") || strings.HasPrefix(a, "-lang="):
			v = a[strings.IndexByte(a, '=')+1:]
		default:
			continue
		}
		switch strings.ToLower(v) {
		case "vi", "vi-vn":
			lang = language.Vietnamese
		case "en", "en-us", "en-gb":
			lang = language.English
		default:
			return lang, usagef("--lang %s: chỉ nhận vi hoặc en", "--lang %s: only vi or en", msg.Quote(v))
		}
	}
	return lang, nil
}

func mainUsage(e *env, w io.Writer) {
	var b strings.Builder
	b.WriteString(e.t(
		"motcua: thời hạn, lịch làm việc và danh mục thủ tục hành chính một cửa.\n\nCách dùng:\n  motcua [--lang vi|en] <lệnh> [tùy chọn]\n\nCác lệnh:\n",
		"motcua: time limits, the working calendar and the catalog of one-stop procedures.\n\nUsage:\n  motcua [--lang vi|en] <command> [flags]\n\nCommands:\n"))
	for _, c := range commands() {
		fmt.Fprintf(&b, "  %-13s %s\n", c.name, e.t(c.vi, c.en))
	}
	b.WriteString(e.t(
		"\nVí dụ:\n  motcua due --received 2026-02-13T16:20:00+07:00 --limit \"5 ngày làm việc\"\n  echo '{\"id\":\"1\",\"received\":\"2026-02-13T15:00:00+07:00\",\"limit\":\"3wd\"}' | motcua due --jsonl\n\nKết quả là JSON trên stdout; lỗi một dòng trên stderr. Mã thoát: 0 thành công, 1 lỗi nghiệp vụ, 2 sai cách dùng.\nXem motcua <lệnh> --help.\n",
		"\nExamples:\n  motcua due --received 2026-02-13T16:20:00+07:00 --limit \"5 ngày làm việc\"\n  echo '{\"id\":\"1\",\"received\":\"2026-02-13T15:00:00+07:00\",\"limit\":\"3wd\"}' | motcua due --jsonl\n\nResults are JSON on stdout; errors one line on stderr. Exit status: 0 success, 1 domain failure, 2 usage.\nSee motcua <command> --help.\n"))
	io.WriteString(w, b.String())
}

// flags is one subcommand's flag set, with the texts of its help.
type flags struct {
	*flag.FlagSet
	e       *env
	name    string // e.g. "due", "catalog validate"
	args    string // the positional arguments, e.g. "YEAR"
	summary string
	example string
	pos     []string // the positional arguments, flags taken out
}

// newFlags makes the flag set of a subcommand; every set has --lang.
func newFlags(e *env, name, args, summary, example string) *flags {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.String("lang", "vi", e.t("ngôn ngữ của thông báo: vi hoặc en", "language of the messages: vi or en"))
	return &flags{FlagSet: fs, e: e, name: name, args: args, summary: summary, example: example}
}

// parse parses args; --help writes the help to stdout and gives errHelpShown.
func (f *flags) parse(args []string) error {
	for _, a := range args {
		if a == "--" {
			break
		}
		if isHelp(a) {
			f.help(f.e.stdout)
			return errHelpShown
		}
	}
	// Flags may follow the positional arguments (motcua days-off 2026 --format csv).
	var pos []string
	for {
		if err := f.Parse(args); err != nil {
			return f.translate(err)
		}
		args = f.Args()
		if len(args) == 0 {
			break
		}
		if args[0] == "--" {
			pos = append(pos, args[1:]...)
			break
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
	f.pos = pos
	return nil
}

// translate turns an error of package flag into one line in the chosen language.
func (f *flags) translate(err error) error {
	s := err.Error()
	for _, p := range []struct{ prefix, vi, en string }{
		{"flag provided but not defined: ", "lệnh %s không có tùy chọn %s; xem motcua %s --help", "%s has no flag %s; see motcua %s --help"},
		{"flag needs an argument: ", "lệnh %s: tùy chọn %s cần một giá trị; xem motcua %s --help", "%s: flag %s needs a value; see motcua %s --help"},
		{"bad flag syntax: ", "lệnh %s: cú pháp tùy chọn sai %s; xem motcua %s --help", "%s: bad flag syntax %s; see motcua %s --help"},
	} {
		if rest, ok := strings.CutPrefix(s, p.prefix); ok {
			if p.prefix != "bad flag syntax: " {
				rest = "--" + strings.TrimLeft(rest, "-")
			}
			return usagef(p.vi, p.en, f.name, msg.Quote(rest), f.name)
		}
	}
	if strings.HasPrefix(s, "invalid boolean value") {
		return usagef("lệnh %s: tùy chọn bật/tắt chỉ nhận true hoặc false", "%s: a switch takes only true or false", f.name)
	}
	return usagef("lệnh %s: %s", "%s: %s", f.name, msg.Clip(s))
}

// help writes the subcommand's help: usage, summary, flags and an example.
func (f *flags) help(w io.Writer) {
	var b strings.Builder
	usage := strings.TrimSpace(fmt.Sprintf("motcua %s [%s] %s", f.name, f.e.t("tùy chọn", "flags"), f.args))
	fmt.Fprintf(&b, "%s\n  %s\n\n%s\n\n%s\n", f.e.t("Cách dùng:", "Usage:"), usage, f.summary, f.e.t("Tùy chọn:", "Flags:"))
	f.VisitAll(func(fl *flag.Flag) {
		name := "--" + fl.Name
		if fl.DefValue != "" && fl.DefValue != "false" {
			name += " (" + f.e.t("mặc định", "default") + " " + fl.DefValue + ")"
		}
		fmt.Fprintf(&b, "  %s\n        %s\n", name, fl.Usage)
	})
	fmt.Fprintf(&b, "\n%s\n%s\n", f.e.t("Ví dụ:", "Example:"), f.example)
	io.WriteString(w, b.String())
}

// noArgs refuses positional arguments a command does not take.
func (f *flags) noArgs() error {
	if len(f.pos) > 0 {
		return usagef("lệnh %s không nhận đối số %s", "%s takes no argument %s", f.name, msg.Quote(f.pos[0]))
	}
	return nil
}

// oneArg returns the one positional argument a command takes, named whatVi and whatEn.
func (f *flags) oneArg(whatVi, whatEn string) (string, error) {
	switch len(f.pos) {
	case 0:
		return "", &cliError{code: ExitUsage,
			vi: fmt.Sprintf("lệnh %s cần %s; xem motcua %s --help", f.name, whatVi, f.name),
			en: fmt.Sprintf("%s needs %s; see motcua %s --help", f.name, whatEn, f.name)}
	case 1:
		return f.pos[0], nil
	default:
		return "", &cliError{code: ExitUsage,
			vi: fmt.Sprintf("lệnh %s chỉ nhận một đối số (%s), thừa %s", f.name, whatVi, msg.Quote(f.pos[1])),
			en: fmt.Sprintf("%s takes one argument (%s); %s is one too many", f.name, whatEn, msg.Quote(f.pos[1]))}
	}
}
