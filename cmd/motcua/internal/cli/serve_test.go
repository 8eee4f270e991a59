package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/motcua-go/motcua/pgstore/pgstoretest"
)

const (
	serveKey   = "khoa-thu-nghiem-quay-1" // its SHA-256 is in testdata/serve_keys.json
	serveClock = "2026-03-10T09:00:00+07:00"
)

// syncBuffer is a buffer a server writes its log into while the test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

var listening = regexp.MustCompile(`msg=listening url=(http://127\.0\.0\.1:\d+)`)

// waitURL waits for the server's "listening" line and returns its URL.
func waitURL(t *testing.T, log func() string) string {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if m := listening.FindStringSubmatch(log()); m != nil {
			return m[1]
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("the server did not say where it listens:\n%s", log())
	return ""
}

// birth is a counter submission of a birth registration with the required documents.
const birth = `{"procedure":"1.001193","channel":"counter","competent":"000.00.31.H49",
 "applicant":{"kind":1,"name":"Nguyễn Văn An","citizen_id":"022090012345","phone":"0912345678","address":{"line":"Thôn 3","unit_code":"22300","unit_name":"Đặc khu Vân Đồn"}},
 "documents":["Giấy chứng sinh; nếu không có thì văn bản của người làm chứng xác nhận về việc sinh, nếu không có người làm chứng thì giấy cam đoan về việc sinh",
   "Giấy tờ tùy thân còn giá trị sử dụng (hộ chiếu, thẻ căn cước công dân, thẻ căn cước, căn cước điện tử, giấy chứng nhận căn cước)"]}`

// exercise receives a dossier and looks it up, and returns its code.
func exercise(t *testing.T, base string) string {
	t.Helper()
	req, _ := http.NewRequest("POST", base+"/v1/dossiers", strings.NewReader(birth))
	req.Header.Set("Authorization", "Bearer "+serveKey)
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var ir struct {
		Code string `json:"code"`
	}
	json.NewDecoder(res.Body).Decode(&ir)
	res.Body.Close()
	if res.StatusCode != 201 || ir.Code == "" {
		t.Fatalf("intake: %s", res.Status)
	}
	for _, path := range []string{"/v1/dossiers/" + ir.Code, "/tra-cuu?ma=" + ir.Code, "/v1/openapi.json"} {
		res, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		if res.StatusCode != 200 {
			t.Fatalf("GET %s: %s", path, res.Status)
		}
	}
	return ir.Code
}

// checkLog: one line per request with its status and duration, and nothing personal (no
// name, citizen ID, phone, key, client address, nor the dossier code).
func checkLog(t *testing.T, log, code string) {
	t.Helper()
	for _, want := range []string{`route="POST /v1/dossiers" status=201`, `route="GET /v1/dossiers/{code}" status=200`, "duration=", `route="GET /tra-cuu" status=200`} {
		if !strings.Contains(log, want) {
			t.Errorf("the log has no %q:\n%s", want, log)
		}
	}
	if n := strings.Count(log, "msg=request "); n != 4 {
		t.Errorf("%d request lines, want 4:\n%s", n, log)
	}
	for _, personal := range []string{"Nguyễn", "022090012345", "0912345678", serveKey, code} {
		if strings.Contains(log, personal) {
			t.Errorf("the log holds %q:\n%s", personal, log)
		}
	}
	// The only address in the log is the server's own, in the line that says where it listens.
	if n := strings.Count(log, "127.0.0.1"); n != 1 {
		t.Errorf("the log names an address %d times, want once (the server's):\n%s", n, log)
	}
}

// TestServe starts the server on a free port, uses it, and stops it by cancelling its
// context: a clean exit, status 0.
func TestServe(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stdout, stderr syncBuffer
	exit := make(chan int, 1)
	go func() {
		exit <- Main(ctx, []string{"serve", "--addr", "127.0.0.1:0", "--keys", "testdata/serve_keys.json", "--clock", serveClock},
			strings.NewReader(""), &stdout, &stderr)
	}()
	base := waitURL(t, stderr.String)
	code := exercise(t, base)
	cancel()
	select {
	case c := <-exit:
		if c != ExitOK {
			t.Fatalf("exit %d:\n%s", c, stderr.String())
		}
	case <-time.After(20 * time.Second):
		t.Fatal("the server did not stop")
	}
	if !strings.Contains(stderr.String(), "msg=stopped") {
		t.Errorf("no stop line:\n%s", stderr.String())
	}
	checkLog(t, stderr.String(), code)
	if _, err := http.Get(base + "/v1/openapi.json"); err == nil {
		t.Error("the server still answers after stopping")
	}
}

// TestServeSIGTERM runs the command in a child process and stops it with SIGTERM.
func TestServeSIGTERM(t *testing.T) {
	if os.Getenv("MOTCUA_SERVE_CHILD") == "1" {
		os.Exit(Main(context.Background(), []string{"serve", "--addr", "127.0.0.1:0", "--keys", "testdata/serve_keys.json", "--clock", serveClock},
			os.Stdin, os.Stdout, os.Stderr))
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestServeSIGTERM$")
	cmd.Env = append(os.Environ(), "MOTCUA_SERVE_CHILD=1")
	var stderr syncBuffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	base := waitURL(t, stderr.String)
	exercise(t, base)
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("after SIGTERM: %v\n%s", err, stderr.String())
		}
	case <-time.After(20 * time.Second):
		t.Fatal("the server did not stop on SIGTERM")
	}
	if !strings.Contains(stderr.String(), "msg=stopped") {
		t.Errorf("no stop line:\n%s", stderr.String())
	}
}

// TestServeUsage: a bad command line is exit status 2, an unusable file 1, before anything
// listens.
func TestServeUsage(t *testing.T) {
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"serve", "--store", "mysql://x"}, ExitUsage, "--store"},
		{[]string{"serve", "--desk", "H49"}, ExitUsage, "--desk"},
		{[]string{"serve", "--clock", "hôm qua"}, ExitUsage, "--clock"},
		{[]string{"serve", "extra"}, ExitUsage, "extra"},
		{[]string{"serve", "--keys", "testdata/no-such-file.json"}, ExitFailure, "no-such-file"},
		{[]string{"serve", "--keys", "testdata/closure.csv"}, ExitFailure, "closure.csv"},
		{[]string{"serve", "--addr", "256.0.0.1:99999", "--lang", "en"}, ExitFailure, "cannot listen"},
	} {
		_, stderr, code := run(t, "", c.args...)
		if code != c.code || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d, want %d; stderr %q", c.args, code, c.code, stderr)
		}
	}
}

// TestServePostgres serves from PostgreSQL (a throwaway cluster, pgstoretest): a dossier
// received by one server is found by the next one on the same database.
func TestServePostgres(t *testing.T) {
	pg := pgstoretest.Start()
	t.Cleanup(pg.Stop)
	url := pg.Schema(t)
	serve := func() (string, func() (int, string)) {
		ctx, cancel := context.WithCancel(context.Background())
		var stderr syncBuffer
		exit := make(chan int, 1)
		go func() {
			exit <- Main(ctx, []string{"serve", "--addr", "127.0.0.1:0", "--store", url, "--keys", "testdata/serve_keys.json", "--clock", serveClock},
				strings.NewReader(""), io.Discard, &stderr)
		}()
		base := waitURL(t, stderr.String)
		return base, func() (int, string) {
			cancel()
			select {
			case c := <-exit:
				return c, stderr.String()
			case <-time.After(30 * time.Second):
				t.Fatal("the server did not stop")
				return 0, ""
			}
		}
	}
	base, stop := serve()
	code := exercise(t, base)
	if c, log := stop(); c != ExitOK || !strings.Contains(log, "store=postgres+listen") || strings.Contains(log, url) {
		t.Fatalf("exit %d:\n%s", c, log)
	}
	base, stop = serve()
	res, err := http.Get(base + "/v1/dossiers/" + code)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 200 {
		t.Errorf("the next server does not find %s: %s", code, res.Status)
	}
	// A second server on the same database, at the same time: it answers lookups from its
	// memory, and a command through the first reaches it by its notice.
	other, stopOther := serve()
	lookup := func(base string) string {
		res, err := http.Get(base + "/v1/dossiers/" + code)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		if res.StatusCode != 200 {
			t.Fatalf("lookup: %s", res.Status)
		}
		return string(b)
	}
	before := lookup(other)
	req, _ := http.NewRequest("POST", base+"/v1/dossiers/"+code+"/transfer", strings.NewReader("{}"))
	req.Header.Set("Authorization", "Bearer "+serveKey)
	req.Header.Set("Content-Type", "application/json")
	res, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 200 {
		t.Fatalf("transfer: %s", res.Status)
	}
	for deadline := time.Now().Add(10 * time.Second); lookup(other) == before; time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the other server still shows the dossier as before the transfer after 10 s")
		}
	}
	for _, stop := range []func() (int, string){stop, stopOther} {
		if c, log := stop(); c != ExitOK {
			t.Fatalf("exit %d:\n%s", c, log)
		}
	}
}
