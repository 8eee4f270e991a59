package httpapi_test

import (
	"bufio"
	"context"
	"errors"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httptrace"
	"strings"
	"testing"
	"time"
)

// TestPanicInStore: a Store that panics makes a 500 problem that says nothing of the panic,
// logged once with its stack; the server goes on serving, on the same connection, and net/http
// logs nothing of it.
func TestPanicInStore(t *testing.T) {
	var logs syncBuffer
	f, store := newFaultFixture(t, &logs)
	code := f.intake("1.001193")
	store.set(func(context.Context) error { panic("store broken: " + secret) }, nil)
	for _, req := range []request{
		{method: "GET", path: "/v1/dossiers/" + code},
		{method: "POST", path: "/v1/dossiers/" + code + "/transfer", key: keyClerk},
		{method: "GET", path: "/tra-cuu?ma=" + code},
	} {
		before := strings.Count(logs.String(), "panic serving a request")
		res := f.do(req)
		p := res.problem(t)
		if res.status != 500 || p.Type != "urn:motcua:problem:internal" || p.Detail != "" || strings.Contains(string(res.body), "hunter2") {
			t.Errorf("%s %s: %d %s", req.method, req.path, res.status, res.body)
		}
		l := logs.String()
		if n := strings.Count(l, "panic serving a request") - before; n != 1 {
			t.Errorf("%s %s: the panic is logged %d times", req.method, req.path, n)
		}
		if !strings.Contains(l, "hunter2") || !strings.Contains(l, "faultStore") {
			t.Errorf("the log has neither the panic nor its stack:\n%s", l)
		}
	}

	// Over TCP: the connection stays open and serves the next request.
	var netLog syncBuffer
	ts := httptest.NewUnstartedServer(f.srv)
	ts.Config.ErrorLog = log.New(&netLog, "", 0)
	ts.Start()
	defer ts.Close()
	get := func() (int, bool) {
		t.Helper()
		var reused bool
		ctx := httptrace.WithClientTrace(context.Background(), &httptrace.ClientTrace{
			GotConn: func(i httptrace.GotConnInfo) { reused = i.Reused }})
		req, _ := http.NewRequestWithContext(ctx, "GET", ts.URL+"/v1/dossiers/"+code, nil)
		res, err := ts.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		return res.StatusCode, reused
	}
	if status, _ := get(); status != 500 {
		t.Fatalf("panic over TCP: %d", status)
	}
	store.set(nil, nil)
	if status, reused := get(); status != 200 || !reused {
		t.Errorf("after the panic: %d, connection reused %v", status, reused)
	}
	if netLog.String() != "" {
		t.Errorf("net/http logged: %s", netLog.String())
	}
}

// TestClientGoneCancelsStore: a client that disconnects in the middle of a request cancels
// the context of the store's call, which a store blocked on it sees at once.
func TestClientGoneCancelsStore(t *testing.T) {
	var logs syncBuffer
	f, store := newFaultFixture(t, &logs)
	code := f.intake("1.001193")
	ts := httptest.NewServer(f.srv)
	defer ts.Close()
	release := make(chan struct{}) // frees a store the cancellation did not reach
	defer close(release)
	for _, c := range []struct{ name, request string }{
		{"lookup", "GET /v1/dossiers/" + code + " HTTP/1.1\r\nHost: motcua\r\n\r\n"},
		{"command", "POST /v1/dossiers/" + code + "/transfer HTTP/1.1\r\nHost: motcua\r\nAuthorization: Bearer " + keyClerk +
			"\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"},
	} {
		t.Run(c.name, func(t *testing.T) {
			entered, done := make(chan struct{}, 1), make(chan error, 1)
			store.set(func(ctx context.Context) error {
				entered <- struct{}{}
				select {
				case <-ctx.Done():
					done <- ctx.Err()
					return ctx.Err()
				case <-release:
					done <- errors.New("released, not cancelled")
					return errors.New("released")
				}
			}, nil)
			defer store.set(nil, nil)
			conn, err := net.Dial("tcp", ts.Listener.Addr().String())
			if err != nil {
				t.Fatal(err)
			}
			if _, err := io.WriteString(conn, c.request); err != nil {
				t.Fatal(err)
			}
			select {
			case <-entered:
			case <-time.After(10 * time.Second):
				t.Fatal("the request did not reach the store")
			}
			conn.Close()
			select {
			case err := <-done:
				if !errors.Is(err, context.Canceled) {
					t.Errorf("the store's call ended with %v, want context.Canceled", err)
				}
			case <-time.After(5 * time.Second):
				t.Fatal("the store's call was not cancelled 5 s after the client left")
			}
		})
	}
	// The store answers again once the client stays.
	conn, err := net.Dial("tcp", ts.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	io.WriteString(conn, "GET /v1/dossiers/"+code+" HTTP/1.1\r\nHost: motcua\r\n\r\n")
	res, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("after: %v %v", res, err)
	}
}
