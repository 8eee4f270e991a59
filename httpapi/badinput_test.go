package httpapi_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/motcua-go/motcua/dossier"
	"github.com/motcua-go/motcua/httpapi"
	"github.com/motcua-go/motcua/onestop"
)

// endpoint is an operation of the OpenAPI document with its path filled in.
type endpoint struct {
	method, pattern, path string
	body                  bool // takes a JSON body
}

// endpoints lists every operation of the OpenAPI document, {code} being code.
func endpoints(t *testing.T, f *fixture, code string) []endpoint {
	t.Helper()
	var out []endpoint
	for _, pattern := range f.doc.Paths.InMatchingOrder() {
		item := f.doc.Paths.Value(pattern)
		path := strings.NewReplacer("{code}", code, "{id}", "1", "{reference}", "CDV-0001").Replace(pattern)
		for method, op := range item.Operations() {
			out = append(out, endpoint{method: method, pattern: pattern, path: path, body: op.RequestBody != nil})
		}
	}
	slices.SortFunc(out, func(a, b endpoint) int { return strings.Compare(a.method+a.path, b.method+b.path) })
	if len(out) < 25 {
		t.Fatalf("only %d operations in the document", len(out))
	}
	return out
}

// state is everything a request could change: the dossier, and whether another was stored.
func (f *fixture) state(code string) onestop.PublicView { return f.snapshot(code) }

// TestBadInputEverywhere sends bad input to every endpoint of the document: a wrong method,
// malformed JSON, a body of the wrong type, an unknown field, trailing data, a huge body,
// another content type, an unknown query parameter and a malformed dossier code. Each gets a
// problem (or, for the HTML page, a page with its 4xx status) and changes nothing.
func TestBadInputEverywhere(t *testing.T) {
	f := newFixture(t, func(c *httpapi.Config) { c.NoLookupLimit = true })
	code := f.intake("1.001193")
	before := f.state(code)
	huge := `{"reason":"` + strings.Repeat("a", httpapi.DefaultMaxBody) + `"}`
	type bad struct {
		name        string
		method      string
		path        string
		body        string
		contentType string
		want        []int
	}
	for _, e := range endpoints(t, f, code) {
		var cases []bad
		cases = append(cases,
			bad{name: "wrong method", method: "DELETE", path: e.path, want: []int{405}},
			bad{name: "unknown parameter", method: e.method, path: e.path + "?zzz=1", want: []int{400}},
		)
		if strings.Contains(e.pattern, "{code}") {
			malformed := strings.Replace(e.path, code, "000.00.31.H49-261399-0001", 1)
			cases = append(cases, bad{name: "malformed code", method: e.method, path: malformed, body: "{}", want: []int{400, 422}})
		}
		if e.body {
			for _, b := range []struct{ name, body string }{
				{"malformed JSON", `{"reason":`},
				{"not an object", `[1,2]`},
				{"unknown field", `{"zzz":1}`},
				{"wrong type", `{"reason":42,"documents":"x","rating":7,"agree":"yes","channel":9}`},
				{"trailing data", `{} {}`},
				{"null byte garbage", "\x00\x01"},
			} {
				cases = append(cases, bad{name: b.name, method: e.method, path: e.path, body: b.body, want: []int{400}})
			}
			cases = append(cases,
				bad{name: "huge body", method: e.method, path: e.path, body: huge, want: []int{413}},
				bad{name: "form body", method: e.method, path: e.path, body: "reason=x", contentType: "application/x-www-form-urlencoded", want: []int{415}},
			)
		}
		for _, c := range cases {
			t.Run(e.method+" "+e.pattern+" "+c.name, func(t *testing.T) {
				var body *bytes.Reader
				if c.body != "" {
					body = bytes.NewReader([]byte(c.body))
				} else {
					body = bytes.NewReader(nil)
				}
				r := httptest.NewRequest(c.method, c.path, body)
				r.RemoteAddr = "192.0.2.10:4321"
				if c.body != "" {
					ct := c.contentType
					if ct == "" {
						ct = "application/json"
					}
					r.Header.Set("Content-Type", ct)
				}
				// Every key may act: a rejection must come from the input, not from auth,
				// except for the malformed code, where 401/403 precede reading it.
				r.Header.Set("Authorization", "Bearer "+keyForPath(e.pattern))
				w := httptest.NewRecorder()
				f.srv.ServeHTTP(w, r)
				res := response{status: w.Code, header: w.Header(), body: w.Body.Bytes()}
				f.check(r, res)
				if !slices.Contains(c.want, res.status) && !(c.name == "malformed code" && res.status == 403) {
					t.Fatalf("%d, want %v\n%s", res.status, c.want, clip(res.body))
				}
				if e.pattern == "/tra-cuu" {
					if !strings.HasPrefix(res.header.Get("Content-Type"), "text/html") && res.status != 405 {
						t.Fatalf("the page answered %s", res.header.Get("Content-Type"))
					}
				} else {
					p := res.problem(t)
					if p.Detail == "" {
						t.Errorf("a problem without detail: %+v", p)
					}
					if c.name == "wrong method" && res.header.Get("Allow") == "" {
						t.Error("405 without Allow")
					}
				}
				if diff := cmp.Diff(before, f.state(code)); diff != "" {
					t.Fatalf("the dossier changed (-before +after):\n%s", diff)
				}
				if _, err := f.office.Lookup(t.Context(), strings.Replace(code, "-0001", "-0002", 1)); err == nil {
					t.Fatal("a dossier was created")
				}
			})
		}
	}
}

// keyForPath is a key whose actor may, by role, use the endpoint (so that a rejection is
// the input's): the officer's for the agencies' commands and the answer, the clerk's
// otherwise.
func keyForPath(pattern string) string {
	for _, s := range []string{"start", "handoff", "supplement-request", "verification-request", "refusal", "apology", "result", "consultations", "correction"} {
		if strings.Contains(pattern, s) && !strings.Contains(pattern, "correction-request") {
			return keyCivil
		}
	}
	return keyClerk
}

// TestCodesInAnyCase: every endpoint that takes a code reads it in any case and with spaces
// around it, as a citizen types it.
func TestCodesInAnyCase(t *testing.T) {
	f := newFixture(t, nil)
	code := f.intake("1.001193")
	for _, typed := range []string{strings.ToLower(code), " " + code + " ", strings.ToUpper(code)} {
		for _, path := range []string{"/v1/dossiers/", "/v1/dossiers/%s/sms"} {
			p := strings.Replace(path, "%s", escape(typed), 1)
			if !strings.Contains(path, "%s") {
				p = path + escape(typed)
			}
			res := f.do(request{method: "GET", path: p})
			if res.status != 200 {
				t.Errorf("GET %s: %d %s", p, res.status, res.body)
			}
		}
		res := f.do(request{method: "GET", path: "/tra-cuu?ma=" + escape(typed)})
		if res.status != 200 {
			t.Errorf("page %q: %d", typed, res.status)
		}
	}
	lower := strings.ToLower(code)
	for _, c := range []struct{ path, key, body string }{
		{"transfer", keyClerk, ""},
		{"start", keyCivil, "{}"},
		// A body is read once and given again to the try in capitals.
		{"refusal", keyCivil, `{"reason":"không đủ điều kiện"}`},
	} {
		res := f.do(request{method: "POST", path: "/v1/dossiers/" + lower + "/" + c.path, key: c.key, body: c.body})
		if res.status != 200 {
			t.Fatalf("%s with a code in small letters: %d %s", c.path, res.status, res.body)
		}
	}
	if v := f.snapshot(code); v.State != dossier.Refused {
		t.Fatalf("state %v, want Refused", v.State)
	}
}

func escape(s string) string { return strings.ReplaceAll(s, " ", "%20") }

// FuzzDecode sends any body to the intake and to a command: the answer is a problem or a
// result, never a 500 or a panic, and a refused body changes nothing.
func FuzzDecode(f *testing.F) {
	for _, s := range []string{`{}`, `{"reason":"x"}`, `{"documents":["a"]}`, `{`, `[]`, `null`, `{"zzz":1}`, `{} {}`,
		`{"channel":"counter","applicant":{"kind":1,"name":"A"},"documents":[]}`, `"x"`, `{"reason":"\u0000"}`, `{"new_due":"2026-13-01"}`} {
		f.Add(s, uint8(0))
		f.Add(s, uint8(1))
		f.Add(s, uint8(2))
	}
	fx := newFixture(f, func(c *httpapi.Config) { c.NoLookupLimit = true })
	code := fx.intake("1.001193")
	paths := []struct{ path, key string }{
		{"/v1/dossiers", keyClerk},
		{"/v1/dossiers/" + code + "/refusal", keyCivil},
		{"/v1/dossiers/" + code + "/apology", keyCivil},
	}
	f.Fuzz(func(t *testing.T, body string, which uint8) {
		p := paths[int(which)%len(paths)]
		before, err := fx.office.Lookup(t.Context(), code)
		if err != nil {
			t.Fatal(err)
		}
		r := httptest.NewRequest("POST", p.path, strings.NewReader(body))
		r.Header.Set("Content-Type", "application/json")
		r.Header.Set("Authorization", "Bearer "+p.key)
		w := httptest.NewRecorder()
		fx.srv.ServeHTTP(w, r)
		if w.Code >= 500 {
			t.Fatalf("%d for %q: %s", w.Code, body, w.Body)
		}
		if w.Code >= 400 {
			var pr httpapi.Problem
			if err := json.Unmarshal(w.Body.Bytes(), &pr); err != nil || pr.Status != w.Code || pr.Detail == "" {
				t.Fatalf("%d for %q is not a problem: %s", w.Code, body, w.Body)
			}
			after, err := fx.office.Lookup(t.Context(), code)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(before, after); diff != "" {
				t.Fatalf("a refused body changed the dossier:\n%s", diff)
			}
		}
	})
}

var _ = http.StatusOK
