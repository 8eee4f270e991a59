// Command http serves a one-stop office over HTTP (package httpapi) on a free port of
// 127.0.0.1 and talks to it as software in another language would, with plain HTTP and JSON:
// the desk's application receives a birth registration and transfers it with its API key, a
// citizen looks the dossier up without one (JSON, SMS and the /tra-cuu page), and a request
// with a wrong key or a malformed code gets an RFC 9457 problem. The clock is a fake one.
//
//	go run ./examples/http
//
// The same server runs from the command line: motcua serve --keys keys.json.
package main

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/motcua-go/motcua/calendar"
	"github.com/motcua-go/motcua/dossier"
	"github.com/motcua-go/motcua/httpapi"
	"github.com/motcua-go/motcua/onestop"
	"github.com/motcua-go/motcua/procedure"
	"github.com/motcua-go/motcua/routing"
)

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

const (
	desk    = "000.00.31.H49" // UBND đặc khu Vân Đồn
	deskKey = "khoa-cua-quay-1-doi-bang-khoa-that"
)

// birth is what the desk's application sends: the JSON of an onestop.Submission.
const birth = `{"procedure": "1.001193", "channel": "counter", "competent": "000.00.31.H49",
 "applicant": {"kind": 1, "name": "Nguyễn Văn An", "citizen_id": "022090012345",
   "address": {"line": "Thôn 3", "unit_code": "22300", "unit_name": "Đặc khu Vân Đồn, Quảng Ninh"}},
 "documents": ["Giấy chứng sinh; nếu không có thì văn bản của người làm chứng xác nhận về việc sinh, nếu không có người làm chứng thì giấy cam đoan về việc sinh",
   "Giấy tờ tùy thân còn giá trị sử dụng (hộ chiếu, thẻ căn cước công dân, thẻ căn cước, căn cước điện tử, giấy chứng nhận căn cước)"]}`

func run(w io.Writer) error {
	cat, err := procedure.Sample()
	if err != nil {
		return err
	}
	clock := onestop.NewFakeClock(time.Date(2026, 3, 10, 9, 0, 0, 0, calendar.Zone()))
	office, err := onestop.New(onestop.Config{Desk: desk, Catalog: cat, Routes: routing.SampleSet(),
		Directory: routing.SampleDirectory(), Clock: clock})
	if err != nil {
		return err
	}
	api, err := httpapi.New(httpapi.Config{Office: office, Keys: []httpapi.Key{
		httpapi.NewKey("quay-1", deskKey, dossier.Actor{ID: "cb-tiep-nhan-01", Role: dossier.RoleClerk, Agency: desk}),
	}})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: api, ReadHeaderTimeout: 5 * time.Second}
	go srv.Serve(ln)
	defer srv.Close()
	base := "http://" + ln.Addr().String()

	call := func(method, path, key, body string, header ...string) (string, error) {
		var r io.Reader
		if body != "" {
			r = strings.NewReader(body)
		}
		req, err := http.NewRequest(method, base+path, r)
		if err != nil {
			return "", err
		}
		if key != "" {
			req.Header.Set("Authorization", "Bearer "+key)
		}
		if body != "" {
			req.Header.Set("Content-Type", "application/json")
		}
		for i := 0; i+1 < len(header); i += 2 {
			req.Header.Set(header[i], header[i+1])
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			return "", err
		}
		defer res.Body.Close()
		b, err := io.ReadAll(res.Body)
		if err != nil {
			return "", err
		}
		fmt.Fprintf(w, "%s %s → %s (%s)\n", method, path, res.Status, res.Header.Get("Content-Type"))
		return string(b), nil
	}
	show := func(body string, n int) {
		body = strings.TrimSpace(body)
		if len([]rune(body)) > n {
			body = string([]rune(body)[:n]) + "…"
		}
		fmt.Fprintf(w, "    %s\n", body)
	}

	fmt.Fprintln(w, "The desk's application receives a birth registration:")
	body, err := call("POST", "/v1/dossiers", deskKey, birth)
	if err != nil {
		return err
	}
	show(body, 120)
	code := between(body, `"code":"`, `"`)
	if code == "" {
		return fmt.Errorf("the intake gave no code: %s", body)
	}
	clock.Set(time.Date(2026, 3, 10, 9, 5, 0, 0, calendar.Zone()))
	if body, err = call("POST", "/v1/dossiers/"+code+"/transfer", deskKey, ""); err != nil {
		return err
	}
	show(body, 100)

	fmt.Fprintln(w, "\nA citizen looks it up, typing the code in small letters (no key needed):")
	if body, err = call("GET", "/v1/dossiers/"+strings.ToLower(code), "", ""); err != nil {
		return err
	}
	show(body, 160)
	if body, err = call("GET", "/v1/dossiers/"+code+"/sms", "", ""); err != nil {
		return err
	}
	show(body, 200)
	if body, err = call("GET", "/tra-cuu?ma="+code, "", ""); err != nil {
		return err
	}
	fmt.Fprintf(w, "    the page shows %q and %q\n", between(body, `<span id="ma-ho-so">`, "<"), between(body, `class="status">`, "<"))

	fmt.Fprintln(w, "\nMistakes get a problem (RFC 9457), in English when asked:")
	if body, err = call("POST", "/v1/dossiers/"+code+"/return", "a-wrong-key", "", "Accept-Language", "en"); err != nil {
		return err
	}
	show(body, 200)
	if body, err = call("GET", "/v1/dossiers/xyz", "", "", "Accept-Language", "en"); err != nil {
		return err
	}
	show(body, 200)
	if body, err = call("GET", "/v1/calendar/due?received=2026-02-13T16:20:00%2B07:00&limit=5wd", "", ""); err != nil {
		return err
	}
	show(body, 200)
	return nil
}

// between is the text of s after the first start, up to the next end.
func between(s, start, end string) string {
	_, after, ok := strings.Cut(s, start)
	if !ok {
		return ""
	}
	v, _, _ := strings.Cut(after, end)
	return v
}
