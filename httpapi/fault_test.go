package httpapi_test

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"github.com/motcua-go/motcua/httpapi"
	"github.com/motcua-go/motcua/onestop"
	"github.com/motcua-go/motcua/procedure"
)

// failingStore is a MemStore whose reads fail with an error httpapi does not know.
type failingStore struct {
	*onestop.MemStore
	err error
}

func (s failingStore) Get(ctx context.Context, code string) (onestop.Record, error) {
	return onestop.Record{}, s.err
}

// TestStoreFailure: a failure of the store is a 500 that says nothing of its cause (nor of
// the secret the cause might hold), while the log gets the cause; a cancelled or timed-out
// read is a 503. The SMS reply and the page say the lookup is unavailable.
func TestStoreFailure(t *testing.T) {
	for _, c := range []struct {
		name string
		err  error
		want int
	}{
		{"unknown failure", errors.New("dial tcp 10.0.0.5:5432: password=hunter2 refused"), http.StatusInternalServerError},
		{"deadline", context.DeadlineExceeded, http.StatusServiceUnavailable},
	} {
		t.Run(c.name, func(t *testing.T) {
			var log bytes.Buffer
			cat, err := procedure.Sample()
			if err != nil {
				t.Fatal(err)
			}
			office, err := onestop.New(onestop.Config{Desk: desk, Catalog: cat, Clock: onestop.NewFakeClock(at(10, 9, 0)),
				Store: failingStore{MemStore: onestop.NewMemStore(), err: c.err}})
			if err != nil {
				t.Fatal(err)
			}
			f := newFixture(t, nil)
			f.srv, err = httpapi.New(httpapi.Config{Office: office, Keys: keys(), Log: slog.New(slog.NewTextHandler(&log, nil))})
			if err != nil {
				t.Fatal(err)
			}
			code := "000.00.31.H49-260310-0001"
			res := f.do(request{method: "GET", path: "/v1/dossiers/" + code})
			p := res.problem(t)
			if res.status != c.want || strings.Contains(string(res.body), "hunter2") {
				t.Fatalf("%d %+v", res.status, p)
			}
			if c.want == 500 && (p.Detail != "" || !strings.Contains(log.String(), "hunter2")) {
				t.Errorf("detail %q; log %q", p.Detail, log.String())
			}
			res = f.do(request{method: "POST", path: "/v1/dossiers/" + code + "/transfer", key: keyClerk})
			if res.problem(t); res.status != c.want {
				t.Errorf("transfer: %d", res.status)
			}
			res = f.do(request{method: "GET", path: "/v1/dossiers/" + code + "/sms"})
			if p := res.problem(t); !strings.Contains(p.Text, "tam thoi") {
				t.Errorf("SMS reply %q", p.Text)
			}
			res = f.do(request{method: "GET", path: "/tra-cuu?ma=" + code})
			if res.status != http.StatusServiceUnavailable || !strings.Contains(string(res.body), "Chưa tra cứu được") || strings.Contains(string(res.body), "hunter2") {
				t.Errorf("page: %d", res.status)
			}
		})
	}
}
