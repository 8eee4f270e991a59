package httpapi_test

import (
	"context"
	"io"
	"log/slog"
	"net"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/motcua-go/motcua/httpapi"
	"github.com/motcua-go/motcua/onestop"
	"github.com/motcua-go/motcua/pgstore"
	"github.com/motcua-go/motcua/routing"
)

// gate is a TCP proxy on 127.0.0.1 in front of the database. Closing it cuts every
// connection through it and refuses new ones (the port is closed); opening it again listens
// on the same port.
type gate struct {
	t      *testing.T
	addr   string // the proxy's address
	target string // the database's
	mu     sync.Mutex
	ln     net.Listener
	conns  map[net.Conn]bool
	wg     sync.WaitGroup
}

func newGate(t *testing.T, target string) *gate {
	g := &gate{t: t, addr: "127.0.0.1:0", target: target, conns: map[net.Conn]bool{}}
	g.open()
	t.Cleanup(func() { g.close(); g.wg.Wait() })
	return g
}

func (g *gate) open() {
	g.t.Helper()
	ln, err := net.Listen("tcp", g.addr)
	if err != nil {
		g.t.Fatal(err)
	}
	g.mu.Lock()
	g.ln, g.addr = ln, ln.Addr().String()
	g.mu.Unlock()
	g.wg.Go(func() {
		for {
			client, err := ln.Accept()
			if err != nil {
				return
			}
			server, err := net.Dial("tcp", g.target)
			if err != nil {
				client.Close()
				continue
			}
			if !g.track(client, server) {
				continue
			}
			g.wg.Go(func() { io.Copy(server, client); server.Close() })
			g.wg.Go(func() { io.Copy(client, server); client.Close() })
		}
	})
}

// track remembers a pair of connections, unless the gate closed meanwhile.
func (g *gate) track(a, b net.Conn) bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.ln == nil {
		a.Close()
		b.Close()
		return false
	}
	g.conns[a], g.conns[b] = true, true
	return true
}

func (g *gate) close() {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.ln != nil {
		g.ln.Close()
		g.ln = nil
	}
	for c := range g.conns {
		c.Close()
	}
	clear(g.conns)
}

// TestPostgresUnavailable: with pgstore on a real PostgreSQL whose connection is lost and
// then refused, every request that needs the database is, within a few seconds, a 503
// unavailable with Retry-After that tells nothing of the database; once the database is back
// the server serves again, with nothing to restart.
func TestPostgresUnavailable(t *testing.T) {
	url := postgres().Schema(t)
	direct, err := pgxpool.New(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	defer direct.Close()
	if err := pgstore.Migrate(context.Background(), direct); err != nil {
		t.Fatal(err)
	}
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		t.Fatal(err)
	}
	g := newGate(t, net.JoinHostPort(cfg.ConnConfig.Host, strconv.Itoa(int(cfg.ConnConfig.Port))))
	host, port, _ := net.SplitHostPort(g.addr)
	p, _ := strconv.Atoi(port)
	cfg.ConnConfig.Host, cfg.ConnConfig.Port = host, uint16(p)
	cfg.ConnConfig.ConnectTimeout = 2 * time.Second
	pool, err := pgxpool.NewWithConfig(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()

	f := newFixture(t, nil)
	office, err := onestop.New(onestop.Config{Desk: desk, Catalog: f.cat, Routes: routing.SampleSet(),
		Directory: routing.SampleDirectory(), Clock: f.clock, Store: pgstore.New(pool, pgstore.Options{})})
	if err != nil {
		t.Fatal(err)
	}
	var logs syncBuffer
	f.office = office
	if f.srv, err = httpapi.New(httpapi.Config{Office: office, Keys: keys(), Log: slog.New(slog.NewTextHandler(&logs, nil))}); err != nil {
		t.Fatal(err)
	}
	code := f.intake("1.001193")
	if res := f.do(request{method: "GET", path: "/v1/dossiers/" + code}); res.status != 200 {
		t.Fatalf("lookup: %d %s", res.status, res.body)
	}

	g.close()
	for _, req := range []request{
		// A code never read (a cache could not answer for it).
		{method: "GET", path: "/v1/dossiers/000.00.31.H49-260310-0999"},
		{method: "GET", path: "/v1/queue?agency=" + desk, key: keyClerk},
		{method: "POST", path: "/v1/dossiers/" + code + "/transfer", key: keyClerk},
		{method: "POST", path: "/v1/dossiers", key: keyClerk, body: f.submission("1.001193")},
	} {
		start := time.Now()
		res := f.do(req)
		took := time.Since(start)
		p := res.problem(t)
		if res.status != 503 || p.Type != "urn:motcua:problem:unavailable" || res.header.Get("Retry-After") != "5" {
			t.Errorf("%s %s: %d %q %s", req.method, req.path, res.status, res.header.Get("Retry-After"), res.body)
		}
		if took > 10*time.Second {
			t.Errorf("%s %s: answered after %s", req.method, req.path, took)
		}
		for _, leak := range []string{g.addr, g.target, "dial", "refused", "SQLSTATE", "EOF"} {
			if strings.Contains(string(res.body), leak) {
				t.Errorf("%s %s: the response tells %q:\n%s", req.method, req.path, leak, res.body)
			}
		}
	}
	if n := strings.Count(logs.String(), `msg="store unavailable"`); n != 4 {
		t.Errorf("%d causes logged for 4 failures:\n%s", n, logs.String())
	}

	g.open()
	deadline := time.Now().Add(10 * time.Second)
	for {
		res := f.do(request{method: "POST", path: "/v1/dossiers/" + code + "/transfer", key: keyClerk})
		if res.status == 200 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the database is back, the server is not: %d %s", res.status, res.body)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
