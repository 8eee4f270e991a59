package httpapi_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/motcua-go/motcua/calendar"
	"github.com/motcua-go/motcua/httpapi"
	"github.com/motcua-go/motcua/onestop"
	"github.com/motcua-go/motcua/pgstore"
	"github.com/motcua-go/motcua/pgstore/pgstoretest"
	"github.com/motcua-go/motcua/procedure"
	"github.com/motcua-go/motcua/routing"
	"github.com/rickb777/date/v2"
)

// The load test: public lookups and intakes through the API, over TCP on 127.0.0.1, from
// loadWorkers (8) clients with keep-alive connections, against the memory store and PostgreSQL
// (pgstoretest's throwaway cluster, the store listening for the notices of writes as motcua
// serve has it). BenchmarkLoad reports requests per second and the 50th
// and 99th percentiles of latency; TestLoad runs a bounded number of requests and, with
// MOTCUA_LOAD=1, fails below the targets of issue 13 (10,000 lookups/s with p99 ≤ 10 ms,
// 1,000 intakes/s), which depend on the machine.

const loadWorkers = 8

// pg is the PostgreSQL of the load tests, started on first use.
var (
	pgOnce sync.Once
	pg     *pgstoretest.Cluster
)

func postgres() *pgstoretest.Cluster {
	pgOnce.Do(func() { pg = pgstoretest.Start() })
	return pg
}

func init() {
	// TestMain (page_test.go) stops the browser; the cluster is stopped here, by the same
	// hook, when it was started.
	stopAfterTests = append(stopAfterTests, func() {
		if pg != nil {
			pg.Stop()
		}
	})
}

// dayClock is the load test's clock: 09:00 on a working day of 2026, one day further every
// 9,000 intakes (a desk numbers at most 9,999 dossiers a day).
type dayClock struct {
	days []time.Time
	n    *atomic.Int64
}

func newDayClock() dayClock {
	cal := calendar.Default()
	var days []time.Time
	for d := date.New(2026, time.March, 2); len(days) < 300; d = d.AddDate(0, 0, 1) {
		if cal.IsWorkingDay(d) {
			days = append(days, time.Date(d.Year(), d.Month(), d.Day(), 9, 0, 0, 0, calendar.Zone()))
		}
	}
	return dayClock{days: days, n: new(atomic.Int64)}
}

func (c dayClock) Now() time.Time {
	i := int(c.n.Load() / 9000)
	return c.days[min(i, len(c.days)-1)]
}

// loadServer is a server of the sample office on 127.0.0.1 without the lookup limit.
type loadServer struct {
	url   string
	clock dayClock
	codes []string
	body  string
}

func newLoadServer(tb testing.TB, store string, dossiers int) *loadServer {
	tb.Helper()
	cat, err := procedure.Sample()
	if err != nil {
		tb.Fatal(err)
	}
	clock := newDayClock()
	cfg := onestop.Config{Desk: desk, Catalog: cat, Routes: routing.SampleSet(), Directory: routing.SampleDirectory(), Clock: clock}
	if store == "postgres" {
		// A pool of one connection per client (pgxpool's default is 4 on this machine).
		pool, err := pgxpool.New(context.Background(), postgres().Schema(tb)+"&pool_max_conns="+strconv.Itoa(loadWorkers))
		if err != nil {
			tb.Fatal(err)
		}
		tb.Cleanup(pool.Close)
		if err := pgstore.Migrate(context.Background(), pool); err != nil {
			tb.Fatal(err)
		}
		// As motcua serve has it: lookups answered from the store's cache while it listens
		// for the notices of writes.
		st := pgstore.New(pool, pgstore.Options{Listen: true})
		tb.Cleanup(st.Close) // before the pool closes
		for deadline := time.Now().Add(10 * time.Second); !st.Listening(); time.Sleep(time.Millisecond) {
			if time.Now().After(deadline) {
				tb.Fatal("the store does not listen after 10 s")
			}
		}
		cfg.Store = st
	}
	office, err := onestop.New(cfg)
	if err != nil {
		tb.Fatal(err)
	}
	srv, err := httpapi.New(httpapi.Config{Office: office, Keys: keys(), NoLookupLimit: true})
	if err != nil {
		tb.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	tb.Cleanup(ts.Close)
	f := &fixture{t: tb, cat: cat, clock: onestop.NewFakeClock(clock.Now())}
	ls := &loadServer{url: ts.URL, clock: clock, body: f.submission("1.001193")}
	res := runLoad(tb, loadWorkers, dossiers, ls.intake)
	if res.failed > 0 {
		tb.Fatalf("%d of %d intakes failed: %s", res.failed, dossiers, res.firstErr)
	}
	ls.codes = res.codes
	return ls
}

// intake sends one intake; it returns the code.
func (ls *loadServer) intake(c *http.Client, _ int) (string, error) {
	ls.clock.n.Add(1)
	req, _ := http.NewRequest("POST", ls.url+"/v1/dossiers", strings.NewReader(ls.body))
	req.Header.Set("Authorization", "Bearer "+keyClerk)
	req.Header.Set("Content-Type", "application/json")
	res, err := c.Do(req)
	if err != nil {
		return "", err
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusCreated {
		return "", fmt.Errorf("intake: %s %s", res.Status, b)
	}
	return strings.TrimPrefix(res.Header.Get("Location"), "/v1/dossiers/"), nil
}

// lookup looks one of the dossiers up.
func (ls *loadServer) lookup(c *http.Client, i int) (string, error) {
	res, err := c.Get(ls.url + "/v1/dossiers/" + ls.codes[i%len(ls.codes)])
	if err != nil {
		return "", err
	}
	defer res.Body.Close()
	io.Copy(io.Discard, res.Body)
	if res.StatusCode != http.StatusOK {
		return "", fmt.Errorf("lookup: %s", res.Status)
	}
	return "", nil
}

// loadResult is what a run measured.
type loadResult struct {
	n             int
	elapsed       time.Duration
	p50, p99, max time.Duration
	cpu           time.Duration // CPU time of this process (server and clients) during the run
	failed        int
	firstErr      error
	codes         []string
}

func (r loadResult) perSecond() float64 { return float64(r.n) / r.elapsed.Seconds() }

func (r loadResult) String() string {
	return fmt.Sprintf("%d requests in %v: %.0f/s, p50 %v, p99 %v, max %v, %v CPU a request (server and client), %d failed",
		r.n, r.elapsed.Round(time.Millisecond), r.perSecond(), r.p50, r.p99, r.max, r.cpu/time.Duration(max(r.n, 1)), r.failed)
}

// runLoad sends n requests from workers clients, each with its own keep-alive connection,
// and measures each one.
func runLoad(tb testing.TB, workers, n int, do func(c *http.Client, i int) (string, error)) loadResult {
	tb.Helper()
	tr := &http.Transport{MaxIdleConnsPerHost: workers, MaxConnsPerHost: workers, DisableCompression: true}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, Timeout: 30 * time.Second}
	var next atomic.Int64
	lat := make([][]time.Duration, workers)
	codes := make([][]string, workers)
	var failed atomic.Int64
	var firstErr atomic.Value
	var wg sync.WaitGroup
	cpu0 := cpuTime()
	start := time.Now()
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				t0 := time.Now()
				code, err := do(client, i)
				lat[w] = append(lat[w], time.Since(t0))
				if err != nil {
					failed.Add(1)
					firstErr.CompareAndSwap(nil, err)
					continue
				}
				if code != "" {
					codes[w] = append(codes[w], code)
				}
			}
		}()
	}
	wg.Wait()
	res := loadResult{n: n, elapsed: time.Since(start), cpu: cpuTime() - cpu0, failed: int(failed.Load())}
	if e, ok := firstErr.Load().(error); ok {
		res.firstErr = e
	}
	all := slices.Concat(lat...)
	slices.Sort(all)
	if len(all) > 0 {
		res.p50, res.p99, res.max = all[len(all)*50/100], all[min(len(all)-1, len(all)*99/100)], all[len(all)-1]
	}
	res.codes = slices.Concat(codes...)
	return res
}

// BenchmarkLoad measures lookups and intakes through the API with each store; run it with
// -benchtime as a count (e.g. -benchtime 20000x).
func BenchmarkLoad(b *testing.B) {
	for _, store := range []string{"memory", "postgres"} {
		b.Run("lookup/"+store, func(b *testing.B) {
			ls := newLoadServer(b, store, 1000)
			b.ResetTimer()
			res := runLoad(b, loadWorkers, b.N, ls.lookup)
			report(b, res)
		})
		b.Run("intake/"+store, func(b *testing.B) {
			ls := newLoadServer(b, store, 1)
			b.ResetTimer()
			res := runLoad(b, loadWorkers, b.N, ls.intake)
			report(b, res)
		})
	}
}

func report(b *testing.B, res loadResult) {
	b.Helper()
	if res.failed > 0 {
		b.Fatalf("%d failed: %v", res.failed, res.firstErr)
	}
	b.ReportMetric(res.perSecond(), "req/s")
	b.ReportMetric(float64(res.p50.Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(res.p99.Microseconds())/1000, "p99-ms")
	b.ReportMetric(float64(res.cpu.Microseconds())/float64(max(res.n, 1)), "cpu-µs/req")
}

// TestLoad sends a bounded load through the API with each store: every request succeeds,
// and with MOTCUA_LOAD=1 the rates and latency meet issue 13's targets.
func TestLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	strict := os.Getenv("MOTCUA_LOAD") == "1"
	lookups, intakes := 2000, 500
	if strict {
		lookups, intakes = 30000, 5000
	}
	for _, store := range []string{"memory", "postgres"} {
		t.Run(store, func(t *testing.T) {
			ls := newLoadServer(t, store, 200)
			res := runLoad(t, loadWorkers, lookups, ls.lookup)
			t.Logf("lookups, %s: %v", store, res)
			if res.failed > 0 {
				t.Fatalf("%d lookups failed: %v", res.failed, res.firstErr)
			}
			if strict && (res.perSecond() < 10000 || res.p99 > 10*time.Millisecond) {
				t.Errorf("lookups: %.0f/s, p99 %v; want ≥ 10,000/s and ≤ 10 ms", res.perSecond(), res.p99)
			}
			res = runLoad(t, loadWorkers, intakes, ls.intake)
			t.Logf("intakes, %s: %v", store, res)
			if res.failed > 0 {
				t.Fatalf("%d intakes failed: %v", res.failed, res.firstErr)
			}
			if strict && res.perSecond() < 1000 {
				t.Errorf("intakes: %.0f/s; want ≥ 1,000/s", res.perSecond())
			}
		})
	}
}
