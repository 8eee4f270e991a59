package httpapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"

	"github.com/motcua-go/motcua/calendar"
	"github.com/motcua-go/motcua/dossier"
	"github.com/motcua-go/motcua/httpapi"
	"github.com/motcua-go/motcua/onestop"
	"github.com/motcua-go/motcua/procedure"
	"github.com/motcua-go/motcua/routing"
)

const (
	desk   = "000.00.31.H49" // UBND đặc khu Vân Đồn: the desk, civil status
	police = "001.00.31.H49" // Công an đặc khu Vân Đồn
	other  = "000.00.32.H49" // another commune's desk
)

// The API keys of the fixture's clients.
const (
	keyClerk      = "khoa-quay-1-0123456789"
	keyCivil      = "khoa-tu-phap-0123456789"
	keyPolice     = "khoa-cong-an-0123456789"
	keyCitizen    = "khoa-cong-dan-0123456789"
	keyOtherClerk = "khoa-quay-xa-khac-0123456789"
)

func at(day, hour, min int) time.Time {
	return time.Date(2026, time.March, day, hour, min, 0, 0, calendar.Zone())
}

// fixture is an office of the sample catalog behind a Server, with a fake clock and the
// OpenAPI document to check every response against.
type fixture struct {
	t      testing.TB
	office *onestop.Office
	clock  *onestop.FakeClock
	cat    *procedure.Catalog
	srv    *httpapi.Server
	router routers.Router
	doc    *openapi3.T
}

func keys() []httpapi.Key {
	return []httpapi.Key{
		httpapi.NewKey("quay-1", keyClerk, dossier.Actor{ID: "cb-tiep-nhan-01", Role: dossier.RoleClerk, Agency: desk}),
		httpapi.NewKey("tu-phap", keyCivil, dossier.Actor{ID: "cong-chuc-tu-phap-01", Role: dossier.RoleOfficer, Agency: desk}),
		httpapi.NewKey("cong-an", keyPolice, dossier.Actor{ID: "can-bo-cong-an-01", Role: dossier.RoleOfficer, Agency: police}),
		httpapi.NewKey("cong-thong-tin", keyCitizen, dossier.Actor{ID: "cong-dan", Role: dossier.RoleApplicant}),
		httpapi.NewKey("xa-khac", keyOtherClerk, dossier.Actor{ID: "cb-xa-khac", Role: dossier.RoleClerk, Agency: other}),
	}
}

var contract = sync.OnceValues(func() (*openapi3.T, error) {
	// The lookup page is HTML: its body is checked as a string.
	openapi3filter.RegisterBodyDecoder("text/html", openapi3filter.PlainBodyDecoder)
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(httpapi.OpenAPI())
	if err != nil {
		return nil, err
	}
	return doc, doc.Validate(context.Background())
})

func newFixture(t testing.TB, mod func(*httpapi.Config)) *fixture {
	t.Helper()
	cat, err := procedure.Sample()
	if err != nil {
		t.Fatal(err)
	}
	clock := onestop.NewFakeClock(at(10, 9, 0))
	office, err := onestop.New(onestop.Config{Desk: desk, Catalog: cat, Routes: routing.SampleSet(),
		Directory: routing.SampleDirectory(), Clock: clock})
	if err != nil {
		t.Fatal(err)
	}
	cfg := httpapi.Config{Office: office, Keys: keys()}
	if mod != nil {
		mod(&cfg)
	}
	srv, err := httpapi.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := contract()
	if err != nil {
		t.Fatalf("the OpenAPI document is not valid: %v", err)
	}
	router, err := legacy.NewRouter(doc)
	if err != nil {
		t.Fatal(err)
	}
	return &fixture{t: t, office: office, clock: clock, cat: cat, srv: srv, router: router, doc: doc}
}

// response is a response read whole.
type response struct {
	status int
	header http.Header
	body   []byte
}

func (r response) json(t testing.TB, v any) {
	t.Helper()
	if err := json.Unmarshal(r.body, v); err != nil {
		t.Fatalf("response %d is not JSON: %v\n%s", r.status, err, r.body)
	}
}

func (r response) problem(t testing.TB) httpapi.Problem {
	t.Helper()
	if ct := r.header.Get("Content-Type"); ct != "application/problem+json" {
		t.Fatalf("status %d, Content-Type %q, want application/problem+json:\n%s", r.status, ct, r.body)
	}
	var p httpapi.Problem
	r.json(t, &p)
	if p.Status != r.status || !strings.HasPrefix(p.Type, "urn:motcua:problem:") || p.Title == "" {
		t.Fatalf("problem %+v does not match its status %d", p, r.status)
	}
	return p
}

// request is one request of a test.
type request struct {
	method, path string
	key          string // API key; "" sends none
	body         string // JSON; "" sends none
	header       map[string]string
}

// do serves req and checks the response against the OpenAPI document: the operation's
// response for the status (an undocumented status fails), or, for a path or method the
// document does not have, the Problem schema.
func (f *fixture) do(req request) response {
	f.t.Helper()
	var body io.Reader
	if req.body != "" {
		body = strings.NewReader(req.body)
	}
	r := httptest.NewRequest(req.method, req.path, body)
	r.RemoteAddr = "192.0.2.10:4321"
	if req.body != "" {
		r.Header.Set("Content-Type", "application/json")
	}
	if req.key != "" {
		r.Header.Set("Authorization", "Bearer "+req.key)
	}
	for k, v := range req.header {
		r.Header.Set(k, v)
	}
	w := httptest.NewRecorder()
	f.srv.ServeHTTP(w, r)
	res := response{status: w.Code, header: w.Header(), body: w.Body.Bytes()}
	f.check(r, res)
	return res
}

// check validates a response against the OpenAPI document.
func (f *fixture) check(r *http.Request, res response) {
	f.t.Helper()
	// The validator reads the request again: give it a fresh one without the body.
	vr := httptest.NewRequest(r.Method, r.URL.String(), nil)
	vr.Header = r.Header.Clone()
	route, params, err := f.router.FindRoute(vr)
	if err != nil {
		// Not an operation of the document (an unknown path, a wrong method): a problem.
		var v any
		if err := json.Unmarshal(res.body, &v); err != nil {
			f.t.Fatalf("%s %s: %d is not JSON: %v", r.Method, r.URL, res.status, err)
		}
		if res.header.Get("Content-Type") != "application/problem+json" {
			f.t.Fatalf("%s %s: %d is not a problem", r.Method, r.URL, res.status)
		}
		if err := f.doc.Components.Schemas["Problem"].Value.VisitJSON(v); err != nil {
			f.t.Fatalf("%s %s: the problem does not match the schema: %v", r.Method, r.URL, err)
		}
		return
	}
	in := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{Request: vr, PathParams: params, Route: route,
			Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc}},
		Status:  res.status,
		Header:  res.header,
		Body:    io.NopCloser(bytes.NewReader(res.body)),
		Options: &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true},
	}
	if err := openapi3filter.ValidateResponse(context.Background(), in); err != nil {
		f.t.Fatalf("%s %s: response %d does not match the OpenAPI document: %v\n%s", r.Method, r.URL, res.status, err, clip(res.body))
	}
}

func clip(b []byte) string {
	if len(b) > 2000 {
		return string(b[:2000]) + "…"
	}
	return string(b)
}

// required lists the required documents of a procedure as published.
func (f *fixture) required(code string) []string {
	f.t.Helper()
	p, err := f.cat.Lookup(procedure.NationalCode(code), f.clock.Now())
	if err != nil {
		f.t.Fatal(err)
	}
	var out []string
	for _, d := range p.Documents {
		if d.Requirement == procedure.Required {
			out = append(out, d.Name)
		}
	}
	return out
}

// submission is the JSON of a counter submission of procedure with its required documents.
func (f *fixture) submission(proc string) string {
	f.t.Helper()
	sub := onestop.Submission{Procedure: proc, Channel: procedure.Counter, Competent: desk,
		Applicant: dossier.Applicant{Kind: dossier.Person, Name: "Nguyễn Văn An", CitizenID: "022090012345", Phone: "0912345678",
			Address: dossier.Address{Line: "Thôn 3", UnitCode: "22300", UnitName: "Đặc khu Vân Đồn, Quảng Ninh"}},
		Documents: f.required(proc)}
	b, err := json.Marshal(sub)
	if err != nil {
		f.t.Fatal(err)
	}
	return string(b)
}

// intake receives a dossier of procedure through the API and returns its code.
func (f *fixture) intake(proc string) string {
	f.t.Helper()
	res := f.do(request{method: "POST", path: "/v1/dossiers", key: keyClerk, body: f.submission(proc)})
	if res.status != http.StatusCreated {
		f.t.Fatalf("intake: %d\n%s", res.status, res.body)
	}
	var ir onestop.IntakeResult
	res.json(f.t, &ir)
	return ir.Code
}

// snapshot is the public view of a dossier read directly from the office, to show that a
// refused request changed nothing.
func (f *fixture) snapshot(code string) onestop.PublicView {
	f.t.Helper()
	v, err := f.office.Lookup(context.Background(), code)
	if err != nil {
		f.t.Fatal(err)
	}
	return v
}
