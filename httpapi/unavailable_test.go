package httpapi_test

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/motcua-go/motcua/httpapi"
	"github.com/motcua-go/motcua/onestop"
	"github.com/motcua-go/motcua/pgstore"
	"github.com/motcua-go/motcua/routing"
)

// faultStore is a MemStore whose reads (Get, Queue) and writes (Create, Update) run the hooks
// the test sets: a hook may fail, panic or block. Next always works.
type faultStore struct {
	*onestop.MemStore
	mu          sync.Mutex
	read, write func(ctx context.Context) error
}

func (s *faultStore) set(read, write func(ctx context.Context) error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.read, s.write = read, write
}

func (s *faultStore) hook(write bool) func(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if write {
		return s.write
	}
	return s.read
}

func (s *faultStore) Get(ctx context.Context, code string) (onestop.Record, error) {
	if h := s.hook(false); h != nil {
		if err := h(ctx); err != nil {
			return onestop.Record{}, err
		}
	}
	return s.MemStore.Get(ctx, code)
}

func (s *faultStore) Queue(ctx context.Context, q onestop.QueueQuery, fn func(onestop.Record) bool) error {
	if h := s.hook(false); h != nil {
		if err := h(ctx); err != nil {
			return err
		}
	}
	return s.MemStore.Queue(ctx, q, fn)
}

func (s *faultStore) Create(ctx context.Context, rec onestop.Record, out []onestop.Envelope) (onestop.Record, error) {
	if h := s.hook(true); h != nil {
		if err := h(ctx); err != nil {
			return onestop.Record{}, err
		}
	}
	return s.MemStore.Create(ctx, rec, out)
}

func (s *faultStore) Update(ctx context.Context, rec onestop.Record, out []onestop.Envelope) (onestop.Record, error) {
	if h := s.hook(true); h != nil {
		if err := h(ctx); err != nil {
			return onestop.Record{}, err
		}
	}
	return s.MemStore.Update(ctx, rec, out)
}

func fails(err error) func(context.Context) error { return func(context.Context) error { return err } }

// syncBuffer is a log the server writes while the test reads it.
type syncBuffer = httpapi.SyncBuffer

func newFaultFixture(t *testing.T, log *syncBuffer) (*fixture, *faultStore) {
	t.Helper()
	f := newFixture(t, nil)
	store := &faultStore{MemStore: onestop.NewMemStore()}
	office, err := onestop.New(onestop.Config{Desk: desk, Catalog: f.cat, Routes: routing.SampleSet(),
		Directory: routing.SampleDirectory(), Clock: f.clock, Store: store})
	if err != nil {
		t.Fatal(err)
	}
	f.office = office
	f.srv, err = httpapi.New(httpapi.Config{Office: office, Keys: keys(), Log: slog.New(slog.NewTextHandler(log, nil))})
	if err != nil {
		t.Fatal(err)
	}
	return f, store
}

// secret stands for what a driver's error may hold (an address, a password) and the
// response must never show.
const secret = "password=hunter2"

// TestStoreUnavailable: a store that cannot answer now (onestop.ErrUnavailable, which
// pgstore's ErrUnavailable and ErrBusy match, or an expired context) is a 503 with
// Retry-After that says nothing of the cause; a commit in doubt (pgstore's ErrInDoubt) is a
// 503 of its own type, outcome-unknown, that asks the client to look the dossier up before
// repeating the command; another failure of the database is a 500. The cause goes to the log,
// once; nothing changes; every response matches the OpenAPI document.
func TestStoreUnavailable(t *testing.T) {
	cause := errors.New("dial tcp 10.0.0.5:5432: " + secret + ": connection refused")
	pgErr := func(op string, sentinel error) error {
		return &pgstore.Error{Op: op, Err: sentinel, Cause: cause}
	}
	type outcome struct {
		Status     int
		Type       string
		RetryAfter string
		Code       string // Problem.Code
	}
	unavailable := outcome{503, "urn:motcua:problem:unavailable", "5", ""}
	inDoubt := outcome{503, "urn:motcua:problem:outcome-unknown", "5", ""}
	internal := outcome{500, "urn:motcua:problem:internal", "", ""}
	ok := func(status int) outcome { return outcome{Status: status} }
	// The intake in doubt names the code it gave, the second of the day (the fixture's
	// dossier has the first).
	intakeInDoubt := inDoubt
	intakeInDoubt.Code = "000.00.31.H49-260310-0002"
	for _, c := range []struct {
		name        string
		read, write error
		// what a lookup, the queue, a command and an intake get
		lookup, queue, command, intake outcome
	}{
		{"onestop.ErrUnavailable", fmt.Errorf("%s: %w", cause, onestop.ErrUnavailable), nil,
			unavailable, unavailable, unavailable, ok(201)},
		{"pgstore.ErrUnavailable", pgErr("get", pgstore.ErrUnavailable), pgErr("update", pgstore.ErrUnavailable),
			unavailable, unavailable, unavailable, unavailable},
		{"pgstore.ErrBusy on writes", nil, pgErr("update", pgstore.ErrBusy),
			ok(200), ok(200), unavailable, unavailable},
		{"pgstore.ErrInDoubt on writes", nil, pgErr("update", pgstore.ErrInDoubt),
			ok(200), ok(200), inDoubt, intakeInDoubt},
		{"deadline", fmt.Errorf("%s: %w", cause, context.DeadlineExceeded), nil,
			unavailable, unavailable, unavailable, ok(201)},
		{"pgstore.ErrDatabase", pgErr("get", pgstore.ErrDatabase), nil,
			internal, internal, internal, ok(201)},
	} {
		t.Run(c.name, func(t *testing.T) {
			var log syncBuffer
			f, store := newFaultFixture(t, &log)
			code := f.intake("1.001193")
			before := f.snapshot(code)
			var read, write func(context.Context) error
			if c.read != nil {
				read = fails(c.read)
			}
			if c.write != nil {
				write = fails(c.write)
			}
			store.set(read, write)
			failures := 0
			for _, step := range []struct {
				what string
				req  request
				want outcome
			}{
				{"lookup", request{method: "GET", path: "/v1/dossiers/" + code}, c.lookup},
				{"lookup in English", request{method: "GET", path: "/v1/dossiers/" + code, header: map[string]string{"Accept-Language": "en"}}, c.lookup},
				{"queue", request{method: "GET", path: "/v1/queue?agency=" + desk, key: keyClerk}, c.queue},
				{"command", request{method: "POST", path: "/v1/dossiers/" + code + "/transfer", key: keyClerk}, c.command},
				{"intake", request{method: "POST", path: "/v1/dossiers", key: keyClerk, body: f.submission("1.001193")}, c.intake},
			} {
				res := f.do(step.req)
				got := outcome{Status: res.status, RetryAfter: res.header.Get("Retry-After")}
				if res.status >= 400 {
					p := res.problem(t)
					got.Type, got.Code = p.Type, p.Code
					failures++
					en := step.req.header["Accept-Language"] == "en"
					var want string
					switch {
					case p.Status == 500:
						want = ""
					case p.Type == inDoubt.Type && en:
						want = "look the dossier up"
					case p.Type == inDoubt.Type:
						want = "hãy tra cứu hồ sơ"
					case en:
						want = "nothing changed, try again in 5 s"
					default:
						want = "chưa có gì thay đổi, hãy thử lại sau 5 giây"
					}
					if !strings.Contains(p.Detail, want) || want == "" && p.Detail != "" {
						t.Errorf("%s: detail %q, want %q", step.what, p.Detail, want)
					}
				}
				if diff := cmp.Diff(step.want, got); diff != "" {
					t.Errorf("%s (-want +got):\n%s", step.what, diff)
				}
				if strings.Contains(string(res.body), "hunter2") || strings.Contains(string(res.body), "10.0.0.5") {
					t.Errorf("%s: the response tells the cause:\n%s", step.what, res.body)
				}
			}
			store.set(nil, nil)
			if c.intake.Code != "" {
				// The client looks the code up, as told: the store wrote nothing, so it is unknown.
				if res := f.do(request{method: "GET", path: "/v1/dossiers/" + c.intake.Code}); res.status != 404 {
					t.Errorf("lookup of the intake's code: %d", res.status)
				}
			}
			if diff := cmp.Diff(before, f.snapshot(code)); diff != "" {
				t.Errorf("the dossier changed (-before +after):\n%s", diff)
			}
			// The cause of each failure is logged once, with the route, and never the code.
			if n := strings.Count(log.String(), "hunter2"); n != failures {
				t.Errorf("the cause is logged %d times for %d failures:\n%s", n, failures, log.String())
			}
			if strings.Contains(log.String(), code) {
				t.Errorf("the log holds the dossier code:\n%s", log.String())
			}
		})
	}
}

// TestStoreUnavailableLookups: the SMS reply and the lookup page of a store that cannot
// answer say so, with Retry-After, and nothing of the cause.
func TestStoreUnavailableLookups(t *testing.T) {
	var log syncBuffer
	f, store := newFaultFixture(t, &log)
	code := f.intake("1.001193")
	store.set(fails(&pgstore.Error{Op: "get", Err: pgstore.ErrUnavailable, Cause: errors.New(secret)}), nil)
	res := f.do(request{method: "GET", path: "/v1/dossiers/" + code + "/sms"})
	if p := res.problem(t); res.status != 503 || p.Type != "urn:motcua:problem:unavailable" || !strings.Contains(p.Text, "tam thoi") || res.header.Get("Retry-After") != "5" {
		t.Errorf("SMS: %d %q %+v", res.status, res.header.Get("Retry-After"), p)
	}
	res = f.do(request{method: "GET", path: "/tra-cuu?ma=" + code})
	if res.status != 503 || !strings.Contains(string(res.body), "Chưa tra cứu được") || res.header.Get("Retry-After") != "5" {
		t.Errorf("page: %d %q", res.status, res.header.Get("Retry-After"))
	}
	for _, what := range []string{"SMS", "page"} {
		if strings.Contains(string(res.body), "hunter2") {
			t.Errorf("%s tells the cause", what)
		}
	}
	if n := strings.Count(log.String(), "hunter2"); n != 2 {
		t.Errorf("the cause is logged %d times for 2 failures:\n%s", n, log.String())
	}
}

// TestUnavailableDocumented: every operation that reads or writes the store documents its 503
// with Retry-After, and the Problem schema names both kinds of 503.
func TestUnavailableDocumented(t *testing.T) {
	f := newFixture(t, nil)
	enum := f.doc.Components.Schemas["Problem"].Value.Properties["type"].Value.Enum
	for _, typ := range []string{"urn:motcua:problem:unavailable", "urn:motcua:problem:outcome-unknown"} {
		found := false
		for _, e := range enum {
			found = found || e == typ
		}
		if !found {
			t.Errorf("the Problem schema does not name %s", typ)
		}
	}
	for path, item := range f.doc.Paths.Map() {
		if strings.HasPrefix(path, "/v1/calendar/") || path == "/v1/openapi.json" {
			continue // no store behind them
		}
		for method, op := range item.Operations() {
			r := op.Responses.Value("503")
			if r == nil {
				t.Errorf("%s %s: no 503", method, path)
				continue
			}
			if h := r.Value.Headers["Retry-After"]; h == nil || !h.Value.Required {
				t.Errorf("%s %s: the 503 has no required Retry-After", method, path)
			}
			if method == http.MethodPost && !strings.Contains(*r.Value.Description, "outcome-unknown") {
				t.Errorf("%s %s: the 503 does not tell of outcome-unknown", method, path)
			}
		}
	}
}
