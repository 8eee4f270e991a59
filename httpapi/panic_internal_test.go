package httpapi

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/motcua-go/motcua/onestop"
	"github.com/motcua-go/motcua/procedure"
)

// TestPanicAfterResponseBegan: a handler that panics once its response has begun cannot turn
// it into a problem; the connection is cut, so that the client sees the body is incomplete
// (an unexpected EOF, not a short body that looks whole), and the panic is logged once.
func TestPanicAfterResponseBegan(t *testing.T) {
	cat, err := procedure.Sample()
	if err != nil {
		t.Fatal(err)
	}
	office, err := onestop.New(onestop.Config{Desk: "000.00.31.H49", Catalog: cat, Clock: onestop.NewFakeClock(time.Date(2026, time.March, 10, 9, 0, 0, 0, time.UTC))})
	if err != nil {
		t.Fatal(err)
	}
	var logs SyncBuffer
	s, err := New(Config{Office: office, Log: slog.New(slog.NewTextHandler(&logs, nil))})
	if err != nil {
		t.Fatal(err)
	}
	s.mux = http.NewServeMux()
	s.mux.HandleFunc("GET /partial", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"items":[`)
		http.NewResponseController(w).Flush()
		panic("broken after the first byte")
	})
	ts := httptest.NewServer(s)
	defer ts.Close()
	res, err := ts.Client().Get(ts.URL + "/partial")
	if err != nil {
		t.Fatal(err)
	}
	body, err := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || err == nil {
		t.Errorf("status %d, body %q, read error %v: want the connection cut", res.StatusCode, body, err)
	}
	if n := strings.Count(logs.String(), "panic serving a request"); n != 1 {
		t.Errorf("the panic is logged %d times:\n%s", n, logs.String())
	}
}
