package cli

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/language"
)

var update = flag.Bool("update", false, "rewrite the golden files of testdata/ with the output of the commands")

// run calls Main in-process and returns what it wrote and its exit status.
func run(t *testing.T, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	code = Main(context.Background(), args, strings.NewReader(stdin), &out, &errb)
	return out.String(), errb.String(), code
}

// TestGolden runs each command and compares its standard output, standard error and exit
// status with testdata/<name>.golden (go test -update rewrites them).
func TestGolden(t *testing.T) {
	jsonlIn := `{"id":"tet","received":"2026-02-13T15:00:00+07:00","limit":"3wd"}
{"id":2,"received":"2026-03-10T12:15:00+07:00","limit":"1 ngày làm việc"}
{"id":"same-day","received":"2026-03-10T15:01:00+07:00","same_day":"15:00"}
{"id":"civil","received":"2026-03-10T09:10:00+07:00","limit":"3 working_days","policy":"civil_code"}

{"id":"bad-limit","received":"2026-03-10T09:10:00+07:00","limit":"3 tuần"}
{"id":"bad-time","received":"10/03/2026","limit":"3wd"}
not json
[1,2]
{"id":"no-limit","received":"2026-03-10T09:10:00+07:00"}
{"id":"esc\"ape\u00e9","received":"2026-03-10T09:10:00Z","limit":"12wh","extra":{"a":[1,true,null]}}
`
	tests := []struct {
		name  string
		stdin string
		args  []string
	}{
		// due
		{"due", "", []string{"due", "--received", "2026-02-13T16:20:00+07:00", "--limit", "5 ngày làm việc"}},
		{"due_en", "", []string{"--lang", "en", "due", "--received", "2026-02-13T16:20:00+07:00", "--limit", "5wd"}},
		{"due_utc_input", "", []string{"due", "--received", "2026-02-13T09:20:00Z", "--limit", "12 giờ làm việc"}},
		{"due_days", "", []string{"due", "--received", "2026-04-15T10:00:00+07:00", "--limit", "15d"}},
		{"due_months", "", []string{"due", "--received", "2026-01-31T10:00:00+07:00", "--limit", "1 tháng"}},
		{"due_same_day", "", []string{"due", "--received", "2026-03-10T15:30:00+07:00", "--same-day", "15:00"}},
		{"due_civil_code", "", []string{"due", "--received", "2026-03-10T09:10:00+07:00", "--limit", "3wd", "--policy", "civil_code"}},
		{"due_calendar_file", "", []string{"due", "--received", "2026-03-10T09:10:00+07:00", "--limit", "1wd", "--calendar", "testdata/closure.csv"}},
		{"due_jsonl", jsonlIn, []string{"due", "--jsonl"}},
		{"due_jsonl_en", jsonlIn, []string{"due", "--jsonl", "--lang", "en"}},
		{"due_jsonl_same_day_flag", `{"received":"2026-03-10T14:59:00+07:00"}` + "\n", []string{"due", "--jsonl", "--same-day", "15:00"}},
		{"due_beyond_9999", "", []string{"due", "--received", "9999-12-31T23:59:59+07:00", "--limit", "1 tháng", "--lang", "en"}},
		{"due_help", "", []string{"due", "--help"}},
		{"due_help_en", "", []string{"due", "--help", "--lang", "en"}},
		// calendar
		{"days_off", "", []string{"days-off", "2026"}},
		{"days_off_csv", "", []string{"days-off", "2026", "--format", "csv"}},
		{"days_off_calendar_file", "", []string{"days-off", "--calendar", "testdata/closure.csv", "--format", "csv", "2026"}},
		{"working_days", "", []string{"working-days", "--from", "2026-02-13", "--to", "2026-02-25"}},
		{"lunar", "", []string{"lunar", "2026-02-17"}},
		{"solar", "", []string{"solar", "--lunar", "2026-01-01"}},
		{"solar_leap", "", []string{"solar", "--lunar", "2025-06-15", "--leap"}},
		{"solar_no_leap_month", "", []string{"--lang", "en", "solar", "--lunar", "2026-06-15", "--leap"}},
		// catalog
		{"catalog_validate_bad", "", []string{"catalog", "validate", "testdata/bad-catalog.json"}},
		{"catalog_validate_bad_en", "", []string{"--lang", "en", "catalog", "validate", "testdata/bad-catalog.json"}},
		{"catalog_validate_malformed", "", []string{"catalog", "validate", "testdata/malformed-catalog.json", "--lang", "en"}},
		{"catalog_validate_good", "", []string{"catalog", "validate", "testdata/good-catalog.json"}},
		{"catalog_show", "", []string{"catalog", "show", "1.001193", "--at", "2026-03-10"}},
		{"catalog_show_unknown", "", []string{"catalog", "show", "9.999999", "--lang", "en"}},
		{"catalog_search", "", []string{"catalog", "search", "khai sinh", "--at", "2026-03-10"}},
		{"catalog_import", "", []string{"catalog", "import", "../../../../procedure/testdata/records/1.013097.json", "--from", "2025-07-01"}},
		{"catalog_import_en", "", []string{"--lang", "en", "catalog", "import", "../../../../procedure/testdata/records/1.010736.json"}},
		{"catalog_import_not_records", "", []string{"catalog", "import", "testdata/closure.csv", "--lang", "en"}},
		{"catalog_import_bad_from", "", []string{"catalog", "import", "../../../../procedure/testdata/records/1.010736.json", "--from", "2025-02-30"}},
		{"catalog_search_none", "", []string{"catalog", "search", "không có thủ tục này"}},
		{"catalog_help", "", []string{"catalog", "--help"}},
		{"catalog_lang_first", "", []string{"catalog", "--lang", "en", "show", "1.001193", "--at", "2026-03-10T10:00:00+07:00"}},
		{"catalog_no_subcommand", "", []string{"catalog", "--lang", "en"}},
		{"catalog_validate_folder", "", []string{"catalog", "validate", "../../../../procedure/testdata/catalog"}},
		// plan
		{"plan_route", "", []string{"plan", "--procedure", "1.012787", "--received", "2026-02-11T09:00:00+07:00", "--channel", "online"}},
		{"plan_single", "", []string{"plan", "--procedure", "1.001193", "--received", "2026-03-10T15:30:00+07:00", "--lang", "en"}},
		{"plan_routes_file", "", []string{"plan", "--procedure", "1.001193", "--received", "2026-03-10T09:00:00+07:00", "--routes", "testdata/routes.json"}},
		{"plan_own_data", "", []string{"plan", "--procedure", "1.001193", "--received", "2026-03-09T10:00:00+07:00", "--channel", "online",
			"--catalog", "testdata/good-catalog.json", "--routes", "testdata/role-routes.json", "--directory", "testdata/directory.json",
			"--locality", "000.00.31.H49", "--calendar", "testdata/closure.csv"}},
		{"plan_own_directory_no_locality", "", []string{"plan", "--procedure", "1.001193", "--received", "2026-03-09T10:00:00+07:00",
			"--routes", "testdata/role-routes.json", "--directory", "testdata/directory.json", "--lang", "en"}},
		{"plan_locality_abolished", "", []string{"plan", "--procedure", "1.012787", "--received", "2026-03-09T10:00:00+07:00", "--locality", "000.10.21.H49", "--lang", "en"}},
		{"plan_bad_routes_file", "", []string{"plan", "--procedure", "1.001193", "--received", "2026-03-10T09:00:00+07:00", "--routes", "testdata/bad-routes.json", "--lang", "en"}},
		{"plan_unknown_case", "", []string{"plan", "--procedure", "1.001193", "--received", "2026-03-10T09:00:00+07:00", "--case", "nope"}},
		{"plan_unknown_procedure", "", []string{"plan", "--procedure", "1.001193", "--received", "2019-03-10T09:00:00+07:00", "--lang", "en"}},
		{"plan_bad_channel", "", []string{"plan", "--procedure", "1.001193", "--received", "2026-03-10T09:00:00+07:00", "--channel", "fax"}},
		// usage
		{"help", "", []string{"--help"}},
		{"help_en", "", []string{"help", "--lang", "en"}},
		{"help_due_en", "", []string{"help", "--lang", "en", "due"}},
		{"no_command", "", nil},
		{"unknown_command", "", []string{"dew"}},
		{"unknown_flag", "", []string{"due", "--recieved", "2026-02-13T16:20:00+07:00"}},
		{"unknown_flag_en", "", []string{"due", "--recieved", "2026-02-13T16:20:00+07:00", "--lang", "en"}},
		{"bad_lang", "", []string{"--lang", "fr", "due"}},
		{"missing_value", "", []string{"due", "--received"}},
		{"bad_limit", "", []string{"due", "--received", "2026-02-13T16:20:00+07:00", "--limit", "3 tuần"}},
		{"bad_limit_en", "", []string{"due", "--received", "2026-02-13T16:20:00+07:00", "--limit", "3 weeks", "--lang", "en"}},
		{"limit_and_same_day", "", []string{"due", "--received", "2026-02-13T16:20:00+07:00", "--limit", "3wd", "--same-day", "15:00"}},
		{"bad_policy", "", []string{"due", "--received", "2026-02-13T16:20:00+07:00", "--limit", "3wd", "--policy", "lenient"}},
		{"bad_year", "", []string{"days-off", "năm"}},
		{"bad_format", "", []string{"days-off", "2026", "--format", "xml"}},
		{"bad_date", "", []string{"working-days", "--from", "2026-02-30", "--to", "2026-03-01", "--lang", "en"}},
		{"missing_file", "", []string{"due", "--received", "2026-02-13T16:20:00+07:00", "--limit", "3wd", "--calendar", "testdata/no-such-file.csv"}},
		{"bad_calendar_file", "", []string{"days-off", "2026", "--calendar", "testdata/bad-catalog.json", "--lang", "en"}},
		{"extra_argument", "", []string{"lunar", "2026-02-17", "2026-02-18"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			stdout, stderr, code := run(t, tc.stdin, tc.args...)
			got := stdout + "--- stderr\n" + stderr + "--- exit " + itoa(code) + "\n"
			path := filepath.Join("testdata", tc.name+".golden")
			if *update {
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if diff := cmp.Diff(string(want), got); diff != "" {
				t.Errorf("motcua %s: output differs from %s (-want +got):\n%s", strings.Join(tc.args, " "), path, diff)
			}
		})
	}
}

// TestProtect: a panic in a command is one line of error, exit status 1.
func TestProtect(t *testing.T) {
	err := protect(func() error { panic("index out of range [0] with length 0") })
	var out bytes.Buffer
	e := &env{stderr: &out, lang: language.Vietnamese}
	if code := report(e, err); code != ExitFailure {
		t.Errorf("exit %d, want %d", code, ExitFailure)
	}
	if want := "motcua: lỗi nội bộ của motcua (index out of range [0] with length 0); xin báo lỗi này kèm dòng lệnh đã dùng\n"; out.String() != want {
		t.Errorf("stderr %q, want %q", out.String(), want)
	}
	if err := protect(func() error { return nil }); err != nil {
		t.Errorf("protect(ok) = %v", err)
	}
}

// TestDaysOffRoundTrip: what days-off writes, in JSON and in CSV, --calendar reads back, and
// the days off are the same.
func TestDaysOffRoundTrip(t *testing.T) {
	for _, format := range []string{"json", "csv"} {
		first, _, code := run(t, "", "days-off", "2026", "--format", format)
		if code != ExitOK {
			t.Fatalf("%s: exit %d", format, code)
		}
		path := filepath.Join(t.TempDir(), "2026."+format)
		if err := os.WriteFile(path, []byte(first), 0o644); err != nil {
			t.Fatal(err)
		}
		again, stderr, code := run(t, "", "days-off", "2026", "--format", format, "--calendar", path)
		if code != ExitOK {
			t.Fatalf("%s: --calendar %s: exit %d: %s", format, path, code, stderr)
		}
		if diff := cmp.Diff(first, again); diff != "" {
			t.Errorf("%s: days off read back differ (-first +again):\n%s", format, diff)
		}
	}
}

// FuzzArgs: whatever the command line, Main returns 0, 1 or 2, never panics (protect would
// say "internal error"), and a usage error is one line.
func FuzzArgs(f *testing.F) {
	f.Add(uint8(0), "--received\x002026-02-13T16:20:00+07:00\x00--limit\x005wd")
	f.Add(uint8(1), "2026\x00--format\x00csv")
	f.Add(uint8(2), "--from\x002026-02-13\x00--to\x00-")
	f.Add(uint8(3), "2026-02-30")
	f.Add(uint8(4), "--lunar\x002026-12-30\x00--leap=true")
	f.Add(uint8(5), "show\x001.001193\x00--at\x002026-03-10")
	f.Add(uint8(6), "--procedure\x001.012787\x00--received\x002026-02-11T09:00\x00--channel\x00online")
	f.Add(uint8(5), "search\x00\xff\xfe")
	names := []string{"due", "days-off", "working-days", "lunar", "solar", "catalog", "plan", "--lang", "help"}
	f.Fuzz(func(t *testing.T, cmd uint8, rest string) {
		args := []string{names[int(cmd)%len(names)]}
		if rest != "" {
			args = append(args, strings.Split(rest, "\x00")...)
		}
		for _, a := range args {
			// Data files are the user's to name; the fuzzer must not read the machine's.
			if strings.Contains(a, "/") || strings.Contains(a, "..") {
				return
			}
		}
		var out, errb bytes.Buffer
		code := Main(context.Background(), args, strings.NewReader(""), &out, &errb)
		if code < 0 || code > 2 {
			t.Fatalf("motcua %q: exit %d", args, code)
		}
		if strings.Contains(errb.String(), "internal error") || strings.Contains(errb.String(), "lỗi nội bộ") || strings.Contains(errb.String(), "goroutine") {
			t.Fatalf("motcua %q: %s", args, errb.String())
		}
		if code == ExitUsage && args[0] != "catalog" && len(args) > 1 && strings.Count(errb.String(), "\n") != 1 {
			t.Fatalf("motcua %q: usage error on %d lines: %q", args, strings.Count(errb.String(), "\n"), errb.String())
		}
	})
}

// TestCatalogImportOut: --out writes a catalog that catalog validate reads; a record imported
// without gaps loads as it is.
func TestCatalogImportOut(t *testing.T) {
	out := filepath.Join(t.TempDir(), "draft.json")
	stdout, stderr, code := run(t, "", "catalog", "import", "../../../../procedure/testdata/records/1.010736.json", "--from", "2025-07-01", "--out", out)
	if code != ExitOK || stderr != "" || !strings.Contains(stdout, `"without_gaps": 1`) {
		t.Fatalf("import: %d %q %q", code, stdout, stderr)
	}
	stdout, _, code = run(t, "", "catalog", "validate", out)
	if code != ExitOK || !strings.Contains(stdout, `"valid": true`) {
		t.Fatalf("validate: %d %s", code, stdout)
	}
	// A folder that does not exist cannot be written.
	_, stderr, code = run(t, "", "catalog", "import", "../../../../procedure/testdata/records/1.010736.json", "--out", filepath.Join(out, "x", "y.json"))
	if code != ExitFailure || stderr == "" {
		t.Errorf("unwritable --out: %d %q", code, stderr)
	}
}
