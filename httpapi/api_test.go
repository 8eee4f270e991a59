package httpapi_test

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/motcua-go/motcua/dossier"
	"github.com/motcua-go/motcua/httpapi"
	"github.com/motcua-go/motcua/onestop"
)

// TestDossierOverHTTP takes a birth registration through the API, from intake to rating,
// and looks it up on the way without a key.
func TestDossierOverHTTP(t *testing.T) {
	f := newFixture(t, nil)
	res := f.do(request{method: "POST", path: "/v1/dossiers", key: keyClerk, body: f.submission("1.001193")})
	if res.status != http.StatusCreated {
		t.Fatalf("intake: %d %s", res.status, res.body)
	}
	var ir onestop.IntakeResult
	res.json(t, &ir)
	if ir.Decision != onestop.DecisionReceive || ir.Code == "" || ir.Receipt == nil {
		t.Fatalf("intake result %+v", ir)
	}
	if got, want := res.header.Get("Location"), "/v1/dossiers/"+ir.Code; got != want {
		t.Errorf("Location %q, want %q", got, want)
	}

	// The public lookup, with the code as a citizen types it.
	res = f.do(request{method: "GET", path: "/v1/dossiers/" + strings.ToLower(ir.Code)})
	if res.status != http.StatusOK {
		t.Fatalf("lookup: %d %s", res.status, res.body)
	}
	// Neither the JSON, the SMS reply nor the page shows personal data.
	public := string(res.body)
	for _, path := range []string{"/v1/dossiers/" + ir.Code + "/sms", "/tra-cuu?ma=" + ir.Code} {
		r := f.do(request{method: "GET", path: path})
		if r.status != http.StatusOK {
			t.Fatalf("GET %s: %d", path, r.status)
		}
		public += string(r.body)
	}
	for _, personal := range []string{"Nguyễn Văn An", "022090012345", "0912345678", "Thôn 3", "cb-tiep-nhan-01"} {
		if strings.Contains(public, personal) {
			t.Errorf("the public lookup shows personal data %q:\n%s", personal, public)
		}
	}
	var v onestop.PublicView
	res.json(t, &v)
	if v.Code != ir.Code || v.State != dossier.Received {
		t.Fatalf("lookup: %+v", v)
	}

	steps := []struct {
		at   int // minutes after 09:00
		path string
		key  string
		body string
		want int
	}{
		{5, "transfer", keyClerk, "", 200},
		{10, "start", keyCivil, "{}", 200},
		{20, "result", keyCivil, `{"reference":"123/QĐ-UBND"}`, 200},
		{30, "return", keyClerk, "", 200},
		{31, "rating", keyCitizen, `{"rating":"satisfied","complaint":false}`, 204},
	}
	for _, s := range steps {
		f.clock.Set(at(10, 9, s.at))
		res := f.do(request{method: "POST", path: "/v1/dossiers/" + ir.Code + "/" + s.path, key: s.key, body: s.body})
		if res.status != s.want {
			t.Fatalf("%s: %d, want %d\n%s", s.path, res.status, s.want, res.body)
		}
	}
	if res := f.do(request{method: "GET", path: "/v1/openapi.json"}); res.status != 200 || !bytes.Equal(res.body, httpapi.OpenAPI()) {
		t.Errorf("/v1/openapi.json: %d, not the embedded document", res.status)
	}
	if got := f.snapshot(ir.Code).State; got != dossier.Returned {
		t.Fatalf("state %v, want Returned", got)
	}
	// A closed dossier refuses the next command: 409 with the state in the message.
	res = f.do(request{method: "POST", path: "/v1/dossiers/" + ir.Code + "/return", key: keyClerk})
	if p := res.problem(t); res.status != http.StatusConflict || p.Detail == "" {
		t.Fatalf("return twice: %d %+v", res.status, p)
	}
}

// TestWhoMayDoWhat: a wrong key is 401, a right key whose actor may not act is 403, and
// neither changes the dossier.
func TestWhoMayDoWhat(t *testing.T) {
	f := newFixture(t, nil)
	code := f.intake("1.001193")
	f.clock.Set(at(10, 9, 5))
	if res := f.do(request{method: "POST", path: "/v1/dossiers/" + code + "/transfer", key: keyClerk}); res.status != 200 {
		t.Fatalf("transfer: %d %s", res.status, res.body)
	}
	before := f.snapshot(code)
	cases := []struct {
		name, path, key, header string
		want                    int
	}{
		{"no key", "transfer", "", "", 401},
		{"wrong key", "transfer", "khoa-sai", "", 401},
		{"a key one character short", "transfer", keyClerk[:len(keyClerk)-1], "", 401},
		{"other scheme", "transfer", "", "Basic " + keyClerk, 401},
		{"applicant returns", "return", keyCitizen, "", 403},
		{"clerk of another desk", "return", keyOtherClerk, "", 403},
		{"officer returns", "return", keyCivil, "", 403},
		{"police starts the desk's step", "start", keyPolice, "", 403},
		{"applicant refuses", "refusal", keyCitizen, "", 403},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			req := request{method: "POST", path: "/v1/dossiers/" + code + "/" + c.path, key: c.key}
			if c.header != "" {
				req.header = map[string]string{"Authorization": c.header}
			}
			if c.path == "refusal" {
				req.body = `{"reason":"x"}`
			}
			res := f.do(req)
			p := res.problem(t)
			if res.status != c.want {
				t.Fatalf("%d, want %d: %+v", res.status, c.want, p)
			}
			if c.want == 401 && res.header.Get("WWW-Authenticate") == "" {
				t.Error("401 without WWW-Authenticate")
			}
			if diff := cmp.Diff(before, f.snapshot(code)); diff != "" {
				t.Fatalf("the dossier changed (-before +after):\n%s", diff)
			}
		})
	}
	// The queue, the sweep and the report are not for applicants; an agency's queue is its own.
	for _, c := range []struct {
		path, key string
		want      int
	}{
		{"/v1/queue", keyCitizen, 403},
		{"/v1/sweep", keyCitizen, 403},
		{"/v1/report?from=2026-03-01&to=2026-04-01", keyCitizen, 403},
		{"/v1/queue?agency=" + desk, keyPolice, 403},
		{"/v1/queue", "", 401},
		{"/v1/queue", keyCivil, 200},
		{"/v1/sweep", keyPolice, 200},
		{"/v1/report?from=2026-03-01&to=2026-04-01", keyClerk, 200},
	} {
		res := f.do(request{method: "GET", path: c.path, key: c.key})
		if res.status != c.want {
			t.Errorf("GET %s: %d, want %d\n%s", c.path, res.status, c.want, res.body)
		}
	}
}

// TestProblemLanguage: the detail of a problem is in the language of Accept-Language,
// Vietnamese by default, and names the field of the typed error.
func TestProblemLanguage(t *testing.T) {
	f := newFixture(t, nil)
	body := `{"channel":"counter","applicant":{"kind":1,"name":"A","address":{}},"documents":[],"procedure":"9.999999"}`
	for _, c := range []struct {
		accept, want string
	}{
		{"", "không"},
		{"vi-VN,vi;q=0.9", "không"},
		{"en-US,en;q=0.9", "not"},
		{"fr, en;q=0.5", "not"},
		{"de", "không"},
	} {
		res := f.do(request{method: "POST", path: "/v1/dossiers", key: keyClerk, body: body, header: map[string]string{"Accept-Language": c.accept}})
		p := res.problem(t)
		if res.status != http.StatusUnprocessableEntity || !strings.Contains(p.Detail, c.want) || len(p.Errors) == 0 || p.Errors[0].Field == "" {
			t.Errorf("Accept-Language %q: %d %+v, want 422 with %q and the field", c.accept, res.status, p, c.want)
		}
	}
	res := f.do(request{method: "GET", path: "/v1/dossiers/000.00.31.H49-260310-9999", header: map[string]string{"Accept-Language": "en"}})
	if p := res.problem(t); res.status != 404 || p.Type != "urn:motcua:problem:not-found" || !strings.Contains(p.Detail, "not a known dossier code") {
		t.Errorf("unknown code: %d %+v", res.status, p)
	}
	res = f.do(request{method: "GET", path: "/v1/dossiers/xyz"})
	if p := res.problem(t); res.status != 400 || p.Type != "urn:motcua:problem:malformed-code" {
		t.Errorf("malformed code: %d %+v", res.status, p)
	}
}

// TestLookupRateLimit: a client address gets its burst, then 429 with Retry-After; another
// address is not affected.
func TestLookupRateLimit(t *testing.T) {
	f := newFixture(t, func(c *httpapi.Config) { c.LookupRate = httpapi.Rate{PerSecond: 0.001, Burst: 2} })
	code := f.intake("1.001193")
	for i, want := range []int{200, 200, 429} {
		res := f.do(request{method: "GET", path: "/v1/dossiers/" + code})
		if res.status != want {
			t.Fatalf("lookup %d: %d, want %d", i+1, res.status, want)
		}
		if want == 429 && res.header.Get("Retry-After") == "" {
			t.Error("429 without Retry-After")
		}
	}
	// The calendar is not limited.
	if res := f.do(request{method: "GET", path: "/v1/calendar/days-off?year=2026"}); res.status != 200 {
		t.Errorf("calendar after the limit: %d", res.status)
	}
}

// TestCalendar answers the three calendar questions.
func TestCalendar(t *testing.T) {
	f := newFixture(t, nil)
	var due struct {
		Due string `json:"due"`
	}
	res := f.do(request{method: "GET", path: "/v1/calendar/due?received=2026-02-13T16:20:00%2B07:00&limit=3wd"})
	res.json(t, &due)
	if res.status != 200 || due.Due == "" {
		t.Fatalf("due: %d %s", res.status, res.body)
	}
	var wd struct {
		WorkingDays int `json:"working_days"`
	}
	res = f.do(request{method: "GET", path: "/v1/calendar/working-days?from=2026-03-02&to=2026-03-09"})
	res.json(t, &wd)
	if res.status != 200 || wd.WorkingDays != 5 {
		t.Fatalf("working days: %d %s", res.status, res.body)
	}
	res = f.do(request{method: "GET", path: "/v1/calendar/days-off?year=2026"})
	if res.status != 200 || !strings.Contains(string(res.body), "2026-01-01") {
		t.Fatalf("days off: %d %s", res.status, clip(res.body))
	}
}

// TestLookupLimiterBounded: the limiter remembers at most MaxClients addresses; beyond them,
// new addresses share one overflow bucket, so a flood of addresses neither grows the map nor
// escapes the limit.
func TestLookupLimiterBounded(t *testing.T) {
	f := newFixture(t, func(c *httpapi.Config) {
		c.LookupRate, c.MaxClients = httpapi.Rate{PerSecond: 0.001, Burst: 1}, 2
	})
	code := f.intake("1.001193")
	lookup := func(addr string) int {
		r := httptest.NewRequest("GET", "/v1/dossiers/"+code, nil)
		r.RemoteAddr = addr + ":1234"
		w := httptest.NewRecorder()
		f.srv.ServeHTTP(w, r)
		f.check(r, response{status: w.Code, header: w.Header(), body: w.Body.Bytes()})
		return w.Code
	}
	for _, c := range []struct {
		addr string
		want int
	}{
		{"192.0.2.1", 200}, // remembered
		{"192.0.2.2", 200}, // remembered: the map is full
		{"192.0.2.1", 429}, // its bucket is empty
		{"192.0.2.3", 200}, // the overflow bucket's token
		{"192.0.2.4", 429}, // the overflow bucket is empty
		{"192.0.2.2", 429},
	} {
		if got := lookup(c.addr); got != c.want {
			t.Errorf("%s: %d, want %d", c.addr, got, c.want)
		}
	}
}

// TestCommandsOverHTTP runs the other commands through the API: a consultation and its
// answer, a supplement asked and handed in, an apology, a refusal, a withdrawal, and the
// sweep, queue and report that see them.
func TestCommandsOverHTTP(t *testing.T) {
	f := newFixture(t, nil)
	post := func(code, path, key, body string, want int) response {
		t.Helper()
		res := f.do(request{method: "POST", path: "/v1/dossiers/" + code + "/" + path, key: key, body: body})
		if res.status != want {
			t.Fatalf("%s %s: %d, want %d\n%s", code, path, res.status, want, res.body)
		}
		return res
	}
	a, b, c := f.intake("1.004873"), f.intake("1.004873"), f.intake("1.004873")
	f.clock.Set(at(10, 9, 5))
	for _, code := range []string{a, b, c} {
		post(code, "transfer", keyClerk, "", 200)
		post(code, "start", keyCivil, "", 200)
	}
	// a: the police's opinion, then the result.
	res := post(a, "consultations", keyCivil, `{"agency":"`+police+`","subject":"xác minh nơi cư trú","limit":"2 working_days"}`, 201)
	var cons onestop.Consultation
	res.json(t, &cons)
	if cons.ID != 1 || cons.Agency != police || cons.Deadline.IsZero() {
		t.Fatalf("consultation %+v", cons)
	}
	post(a, "result", keyCivil, "", 409) // waits for the opinion
	post(a, "consultations/1/answer", keyCivil, `{"agree":true}`, 403)
	post(a, "consultations/2/answer", keyPolice, `{"agree":true}`, 404)
	post(a, "consultations/1/answer", keyPolice, `{"agree":true,"note":"đúng"}`, 200)
	post(a, "result", keyCivil, `{"reference":"12/GXN"}`, 200)
	// b: a supplement, an apology, then the applicant withdraws.
	post(b, "supplement-request", keyCivil, `{"reason":"thiếu bản sao","documents":["Bản sao giấy tờ tùy thân"]}`, 200)
	post(b, "supplement", keyClerk, `{"documents":["Bản sao giấy tờ tùy thân"]}`, 200)
	post(b, "apology", keyCivil, `{"reason":"cần xác minh thêm","new_due":"2026-03-18T10:00:00+07:00"}`, 200)
	post(b, "withdrawal", keyCitizen, `{"reason":"không cần nữa"}`, 200)
	if v := f.snapshot(b); v.State != dossier.Withdrawn || !v.Reappointed {
		t.Fatalf("b: %+v", v)
	}
	// c: refused, with reasons.
	post(c, "refusal", keyCivil, `{"reason":"không đủ điều kiện"}`, 200)

	// The desk's queue, the sweep and the report see them.
	var page struct {
		Dossiers []onestop.PublicView `json:"dossiers"`
	}
	res = f.do(request{method: "GET", path: "/v1/queue?state=resolved&limit=10", key: keyClerk})
	res.json(t, &page)
	if res.status != 200 || len(page.Dossiers) != 1 || page.Dossiers[0].Code != a {
		t.Fatalf("queue: %d %s", res.status, clip(res.body))
	}
	f.clock.Set(at(20, 9, 0))
	res = f.do(request{method: "GET", path: "/v1/sweep", key: keyClerk})
	if res.status != 200 {
		t.Fatalf("sweep: %d %s", res.status, res.body)
	}
	var rep onestop.Report
	res = f.do(request{method: "GET", path: "/v1/report?from=2026-03-01&to=2026-04-01&withdrawn=excluded", key: keyCivil})
	res.json(t, &rep)
	if res.status != 200 || rep.Total.Received == 0 {
		t.Fatalf("report: %d %s", res.status, clip(res.body))
	}
	res = f.do(request{method: "GET", path: "/v1/report?from=2026-04-01&to=2026-03-01", key: keyCivil})
	if p := res.problem(t); res.status != 422 || len(p.Errors) == 0 {
		t.Fatalf("a period backwards: %d %+v", res.status, p)
	}
}

// TestLookupLimitBehindAProxy: with ClientAddrHeader, citizens behind one proxy address each
// get their own bucket, by the header the proxy sets.
func TestLookupLimitBehindAProxy(t *testing.T) {
	f := newFixture(t, func(c *httpapi.Config) {
		c.LookupRate, c.ClientAddr = httpapi.Rate{PerSecond: 0.001, Burst: 1}, httpapi.ClientAddrHeader("X-Real-IP")
	})
	code := f.intake("1.001193")
	for _, c := range []struct {
		realIP string
		want   int
	}{
		{"203.0.113.1", 200},
		{"203.0.113.2", 200},
		{"203.0.113.1", 429},
		{"", 200}, // no header: the connection's address, a bucket of its own
		{"", 429},
	} {
		req := request{method: "GET", path: "/v1/dossiers/" + code}
		if c.realIP != "" {
			req.header = map[string]string{"X-Real-IP": c.realIP}
		}
		if res := f.do(req); res.status != c.want {
			t.Errorf("X-Real-IP %q: %d, want %d", c.realIP, res.status, c.want)
		}
	}
}
