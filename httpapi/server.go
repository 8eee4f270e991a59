package httpapi

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"golang.org/x/text/language"

	"github.com/motcua-go/motcua/calendar"
	"github.com/motcua-go/motcua/dossier"
	"github.com/motcua-go/motcua/internal/msg"
	"github.com/motcua-go/motcua/onestop"
)

// Config configures a Server. Office is required; every other field has the default its
// comment gives.
type Config struct {
	// Office is the one-stop office served.
	Office *onestop.Office
	// Calendar answers the calendar questions; nil: calendar.Default(). Give the Office's.
	Calendar *calendar.Calendar
	// Keys are the clients allowed to issue commands (ParseKeys); none: every command is 401.
	Keys []Key
	// LookupRate limits the public lookups (JSON, SMS and page) of each client address;
	// zero: DefaultLookupPerSecond in bursts of DefaultLookupBurst. NoLookupLimit turns the limit off (behind a proxy that limits,
	// or for a load test).
	LookupRate    Rate
	NoLookupLimit bool
	// MaxClients is how many client addresses the limiter remembers; 0: DefaultMaxClients.
	MaxClients int
	// ClientAddr tells the client's address for the lookup limit; nil: the address of the
	// connection. Behind a reverse proxy every citizen comes from the proxy's address: give
	// a function that reads the header the proxy sets (ClientAddrHeader), never a header a
	// client could write past the proxy.
	ClientAddr func(*http.Request) string
	// MaxBody is the largest request body, in bytes; 0: DefaultMaxBody (1 MiB).
	MaxBody int64
	// Log receives one line per request (method, route pattern, status, duration, bytes;
	// never the path, which holds the dossier code, nor the client's address or key), the
	// causes of 500s (errors, a panic with its stack) and of 503s (warnings: the store's
	// error with the driver's it wraps); nil: nothing is logged.
	Log *slog.Logger
}

// Server is an http.Handler serving an onestop.Office. It is safe for concurrent use.
type Server struct {
	office  *onestop.Office
	cal     *calendar.Calendar
	keys    []Key
	limit   *limiter // nil: no limit
	addr    func(*http.Request) string
	maxBody int64
	log     *slog.Logger
	mux     *http.ServeMux
	page    *pageRenderer
}

// New returns the Server of cfg.
func New(cfg Config) (*Server, error) {
	if cfg.Office == nil {
		return nil, errors.New("httpapi: Config.Office is required")
	}
	s := &Server{office: cfg.Office, cal: cfg.Calendar, keys: slices.Clone(cfg.Keys), maxBody: cfg.MaxBody, log: cfg.Log, addr: cfg.ClientAddr}
	if s.addr == nil {
		s.addr = clientAddr
	}
	if s.cal == nil {
		s.cal = calendar.Default()
	}
	if s.maxBody <= 0 {
		s.maxBody = DefaultMaxBody
	}
	if !cfg.NoLookupLimit {
		rate, max := cfg.LookupRate, cfg.MaxClients
		if rate == (Rate{}) {
			rate = Rate{PerSecond: DefaultLookupPerSecond, Burst: DefaultLookupBurst}
		}
		if rate.PerSecond < 0 || rate.Burst < 1 {
			return nil, errors.New("httpapi: Config.LookupRate needs PerSecond ≥ 0 and Burst ≥ 1")
		}
		if max <= 0 {
			max = DefaultMaxClients
		}
		s.limit = newLimiter(rate, max, time.Now)
	}
	page, err := newPageRenderer()
	if err != nil {
		return nil, err
	}
	s.page = page
	s.routes()
	return s, nil
}

//go:embed openapi.json
var openapiJSON []byte

// OpenAPI returns the OpenAPI 3.0 document of the API (served at /v1/openapi.json).
func OpenAPI() []byte { return bytes.Clone(openapiJSON) }

// route is one operation: its method, path pattern and handler.
type route struct {
	method, path string
	h            http.HandlerFunc
}

func (s *Server) routes() {
	rs := []route{
		{"GET", "/v1/openapi.json", s.openapi},
		{"POST", "/v1/dossiers", s.authed(s.intake)},
		{"GET", "/v1/dossiers/{code}", s.limited(s.lookup)},
		{"GET", "/v1/dossiers/{code}/sms", s.limited(s.sms)},
		{"POST", "/v1/dossiers/{code}/consultations", s.authed(s.consult)},
		{"POST", "/v1/dossiers/{code}/consultations/{id}/answer", s.authed(s.answer)},
		{"GET", "/v1/queue", s.authed(s.queue)},
		{"GET", "/v1/sweep", s.authed(s.sweep)},
		{"GET", "/v1/report", s.authed(s.report)},
		{"GET", "/v1/evaluation", s.authed(s.evaluate)},
		{"POST", "/v1/online-submissions", s.authed(s.receiveOnline)},
		{"POST", "/v1/online-submissions/{reference}/acceptance", s.authed(s.accept)},
		{"POST", "/v1/online-submissions/{reference}/resubmission", s.authed(s.resubmit)},
		{"GET", "/v1/calendar/due", s.calDue},
		{"GET", "/v1/calendar/days-off", s.calDaysOff},
		{"GET", "/v1/calendar/working-days", s.calWorkingDays},
		{"GET", "/tra-cuu", s.lookupPage},
	}
	for _, c := range commandTable() {
		rs = append(rs, route{"POST", "/v1/dossiers/{code}/" + c.name, s.authed(s.command(c))})
	}
	s.mux = http.NewServeMux()
	allow := map[string][]string{}
	var paths []string
	for _, r := range rs {
		s.mux.HandleFunc(r.method+" "+r.path, r.h)
		if _, ok := allow[r.path]; !ok {
			paths = append(paths, r.path)
		}
		allow[r.path] = append(allow[r.path], r.method)
		if r.method == "GET" {
			allow[r.path] = append(allow[r.path], "HEAD")
		}
	}
	// The mux answers a wrong method and an unknown path in plain text (golang/go#65648):
	// each path without a method, and "/", answer in problem+json instead.
	for _, p := range paths {
		methods := strings.Join(allow[p], ", ")
		s.mux.HandleFunc(p, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Allow", methods)
			lang := langOf(r)
			writeProblem(w, problemFor(kindMethod, lang, r,
				msg.Pick(lang, "đường dẫn này nhận ", "this path takes ")+methods, nil))
		})
	}
	s.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		lang := langOf(r)
		writeProblem(w, problemFor(kindNotFound, lang, r,
			msg.Pick(lang, "không có đường dẫn này; xem /v1/openapi.json", "no such path; see /v1/openapi.json"), nil))
	})
}

// ServeHTTP serves the API, and logs one line per request when Config.Log is set.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var start time.Time
	if s.log != nil {
		start = time.Now()
	}
	sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
	s.serve(sw, r)
	if s.log == nil {
		return
	}
	pattern := r.Pattern
	if pattern == "" {
		pattern = "-"
	}
	s.log.Info("request", "method", msg.ClipN(r.Method, 16), "route", pattern, "status", sw.status,
		"duration", time.Since(start).Round(time.Microsecond), "bytes", sw.n)
}

// maxStack is the most bytes of a panic's stack logged.
const maxStack = 16 << 10

// serve serves r; a panic of a handler (or of a Store it calls) is logged once, with its
// stack, and answered with a 500 that says nothing of it. When the response had begun, the
// connection is cut instead (http.ErrAbortHandler), the only way to tell the client that
// what it got is incomplete. net/http itself would only close the connection.
func (s *Server) serve(w *statusWriter, r *http.Request) {
	defer func() {
		v := recover()
		if v == nil {
			return
		}
		if v == http.ErrAbortHandler {
			panic(v)
		}
		if s.log != nil {
			stack := debug.Stack()
			s.log.Error("panic serving a request", "route", r.Pattern, "panic", msg.ClipN(anyText(v), maxCause),
				"stack", string(stack[:min(len(stack), maxStack)]))
		}
		if w.wrote {
			panic(http.ErrAbortHandler)
		}
		clear(w.Header())
		writeProblem(w, problemFor(kindInternal, langOf(r), r, "", nil))
	}()
	s.mux.ServeHTTP(w, r)
}

func anyText(v any) string {
	switch v := v.(type) {
	case error:
		return v.Error()
	case string:
		return v
	}
	return fmt.Sprintf("%T: %v", v, v)
}

// statusWriter remembers the status and the size of a response, for the log.
type statusWriter struct {
	http.ResponseWriter
	status int
	n      int
	wrote  bool
}

func (w *statusWriter) WriteHeader(code int) {
	if !w.wrote {
		w.status, w.wrote = code, true
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	w.wrote = true
	n, err := w.ResponseWriter.Write(b)
	w.n += n
	return n, err
}

// Unwrap lets http.ResponseController reach the connection.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// langOf is the language of the response: the first of Vietnamese and English that
// Accept-Language asks for, by its q-values; Vietnamese when it asks for neither.
func langOf(r *http.Request) language.Tag {
	h := r.Header.Get("Accept-Language")
	if h == "" {
		return language.Vietnamese
	}
	tags, _, err := language.ParseAcceptLanguage(msg.ClipN(h, 256))
	if err != nil {
		return language.Vietnamese
	}
	for _, t := range tags {
		base, _ := t.Base()
		switch base.String() {
		case "vi":
			return language.Vietnamese
		case "en":
			return language.English
		}
	}
	return language.Vietnamese
}

// writeJSON writes v as JSON with status, HTML escaping off.
func writeJSON(w http.ResponseWriter, r *http.Request, status int, v any) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		writeProblem(w, problemFor(kindInternal, langOf(r), r, "", nil))
		return
	}
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	w.Write(b.Bytes())
}

// fail writes the problem of err: its kind, its message in the language asked and its fields.
// An error this package does not know is a 500 that says nothing; its cause is logged.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	lang := langOf(r)
	var bi *badInput
	k := classify(err)
	if errors.As(err, &bi) {
		k = bi.kind
	}
	switch k {
	case kindInternal:
		s.logCause(r, k, err)
		writeProblem(w, problemFor(k, lang, r, "", nil))
		return
	case kindUnavailable, kindInDoubt:
		s.logCause(r, k, err)
		w.Header().Set("Retry-After", itoa(RetryAfter))
		p := problemFor(k, lang, r, storeDetail(k, lang), nil)
		var ce *dossier.CodeError
		if k == kindInDoubt && errors.As(err, &ce) {
			p.Code = ce.Code // an intake's: the request did not name it
		}
		writeProblem(w, p)
		return
	}
	if k == kindUnauth {
		w.Header().Set("WWW-Authenticate", `Bearer realm="motcua"`)
	}
	writeProblem(w, problemFor(k, lang, r, onestop.Message(err, lang), fields(err, lang)))
}

// logCause logs the cause of a 500 (an error) or a 503 (a warning), which the response
// does not tell.
func (s *Server) logCause(r *http.Request, k kind, err error) {
	switch {
	case s.log == nil:
	case k == kindInternal:
		s.log.Error("request failed", "route", r.Pattern, "error", causeText(err))
	case k == kindUnavailable || k == kindInDoubt:
		s.log.Warn("store unavailable", "route", r.Pattern, "problem", k.slug, "error", causeText(err))
	}
}

// maxCause is the most characters of a cause logged.
const maxCause = 1024

// causeText is the text of err for the log, with the text of every error it wraps that its
// own text leaves out (a store's error keeps the driver's apart: pgstore.Error.Cause).
func causeText(err error) string {
	s := err.Error()
	var walk func(error, int)
	walk = func(e error, depth int) {
		if e == nil || depth > 8 || len(s) > maxCause {
			return
		}
		if t := e.Error(); !strings.Contains(s, t) {
			s += ": " + t
		}
		switch u := e.(type) {
		case interface{ Unwrap() error }:
			walk(u.Unwrap(), depth+1)
		case interface{ Unwrap() []error }:
			for _, c := range u.Unwrap() {
				walk(c, depth+1)
			}
		}
	}
	walk(err, 0)
	return msg.ClipN(s, maxCause)
}

// authed runs h with the actor of the request's API key; without a valid key it is 401.
func (s *Server) authed(h func(w http.ResponseWriter, r *http.Request, k Key)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		k, ok := s.authenticate(r)
		if !ok {
			s.fail(w, r, &badInput{kind: kindUnauth,
				vi: "cần tiêu đề Authorization: Bearer với một khóa API hợp lệ",
				en: "an Authorization: Bearer header with a valid API key is required"})
			return
		}
		h(w, r, k)
	}
}

// limited runs h within the lookup rate of the client's address.
func (s *Server) limited(h http.HandlerFunc) http.HandlerFunc {
	if s.limit == nil {
		return h
	}
	return func(w http.ResponseWriter, r *http.Request) {
		if ok, wait := s.limit.allow(s.addr(r)); !ok {
			secs := max(1, int(wait.Seconds()+0.999))
			w.Header().Set("Retry-After", itoa(secs))
			s.fail(w, r, &badInput{kind: kindTooMany,
				vi: "tra cứu quá nhanh; hãy thử lại sau " + itoa(secs) + " giây",
				en: "too many lookups; try again in " + itoa(secs) + " s"})
			return
		}
		h(w, r)
	}
}

// params returns the query parameters, refusing any not in allowed and any given twice.
func params(r *http.Request, allowed ...string) (url.Values, error) {
	q, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return nil, &badInput{kind: kindBadRequest, vi: "chuỗi truy vấn không đọc được", en: "the query string cannot be read"}
	}
	for k, v := range q {
		if !slices.Contains(allowed, k) {
			return nil, &badInput{kind: kindBadRequest, field: msg.Clip(k),
				vi: "không có tham số " + msg.Quote(k), en: "unknown parameter " + msg.Quote(k)}
		}
		if len(v) > 1 && k != "state" {
			return nil, &badInput{kind: kindBadRequest, field: k,
				vi: "tham số " + msg.Quote(k) + " chỉ được cho một lần", en: "parameter " + msg.Quote(k) + " is given more than once"}
		}
	}
	return q, nil
}

func (s *Server) openapi(w http.ResponseWriter, r *http.Request) {
	if _, err := params(r); err != nil {
		s.fail(w, r, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("Cache-Control", "public, max-age=3600")
	w.Write(openapiJSON)
}

// requireRole refuses a key whose actor has none of roles (403).
func requireRole(k Key, roles ...dossier.Role) error {
	if slices.Contains(roles, k.Actor.Role) {
		return nil
	}
	return &forbidden{vi: "vai trò " + k.Actor.Role.Name(language.Vietnamese) + " không được xem nội dung này",
		en: "the role " + k.Actor.Role.String() + " may not see this"}
}
