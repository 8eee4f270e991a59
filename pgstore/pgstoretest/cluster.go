// Package pgstoretest gives tests a throwaway PostgreSQL: one cluster per test binary, started
// from the PostgreSQL binaries of the machine, and a fresh schema for each test.
//
//	var pg *pgstoretest.Cluster
//
//	func TestMain(m *testing.M) {
//		pg = pgstoretest.Start()
//		code := m.Run()
//		pg.Stop()
//		os.Exit(code)
//	}
//
//	func TestSomething(t *testing.T) {
//		pool := pg.Pool(t) // its own schema, dropped when the test ends
//		...
//	}
//
// Start uses, in this order: the database named by MOTCUA_TEST_DATABASE_URL (each test gets a
// schema in it), or a new cluster made with initdb and postgres found on PATH or under
// /usr/lib/postgresql/*/bin, in a temporary directory, listening on a free port of 127.0.0.1.
// initdb refuses to run as root: a test run as root runs the server as the user "postgres".
// When neither is available, Pool skips the test and says how to get one; with
// MOTCUA_REQUIRE_POSTGRES=1 it fails it instead (CI sets it).
//
// The cluster runs without durability (fsync=off): it is for tests, never for data.
package pgstoretest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Environment variables read by Start and Pool.
const (
	// EnvURL names a database to test against instead of a throwaway cluster, e.g.
	// postgres://postgres@127.0.0.1:5432/motcua_test. Tests create and drop schemas in it.
	EnvURL = "MOTCUA_TEST_DATABASE_URL"
	// EnvRequire, set to 1, turns a missing PostgreSQL into a test failure instead of a skip.
	EnvRequire = "MOTCUA_REQUIRE_POSTGRES"
)

const howTo = "install PostgreSQL (Debian: apt-get install postgresql, which puts initdb under " +
	"/usr/lib/postgresql/<version>/bin) or set " + EnvURL + " to a database the tests may create schemas in"

// Cluster is a PostgreSQL for tests: a throwaway cluster this process started, or the database
// of MOTCUA_TEST_DATABASE_URL. A nil or unavailable Cluster skips the tests that ask for it.
type Cluster struct {
	url    string // connection string of the maintenance database
	reason string // why there is no database, when url is empty

	// A cluster this process runs.
	mu   sync.Mutex
	bin  string // directory of initdb and postgres
	dir  string // temporary directory: data/ and the log
	port int
	cred *syscall.Credential
	proc *exec.Cmd
	done chan struct{}
}

// Start returns the database of MOTCUA_TEST_DATABASE_URL, or starts a throwaway cluster. It
// never fails: when no PostgreSQL can be had, the Cluster remembers why and Pool skips.
// Call it from TestMain and Stop the cluster after m.Run.
func Start() *Cluster {
	if u := os.Getenv(EnvURL); u != "" {
		return &Cluster{url: u}
	}
	c, err := StartCluster()
	if err != nil {
		return &Cluster{reason: err.Error()}
	}
	return c
}

// StartCluster starts a new throwaway cluster, ignoring MOTCUA_TEST_DATABASE_URL: for tests
// that stop or restart the server. It fails when no PostgreSQL binaries are found.
func StartCluster() (*Cluster, error) {
	bin, err := findBin()
	if err != nil {
		return nil, err
	}
	c := &Cluster{bin: bin}
	if os.Geteuid() == 0 {
		u, err := user.Lookup("postgres")
		if err != nil {
			return nil, fmt.Errorf("pgstoretest: running as root, and initdb refuses root: no user \"postgres\" to run it as (%v)", err)
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		c.cred = &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}
	}
	c.dir, err = os.MkdirTemp("", "motcua-pg-")
	if err != nil {
		return nil, err
	}
	if c.cred != nil {
		if err := os.Chown(c.dir, int(c.cred.Uid), int(c.cred.Gid)); err != nil {
			os.RemoveAll(c.dir)
			return nil, err
		}
	}
	init := exec.Command(filepath.Join(bin, "initdb"), "-D", c.data(), "-U", "postgres", "--auth=trust",
		"--encoding=UTF8", "--locale=C", "--no-sync", "--no-instructions")
	init.SysProcAttr = sysProcAttr(c.cred)
	if out, err := init.CombinedOutput(); err != nil {
		os.RemoveAll(c.dir)
		return nil, fmt.Errorf("pgstoretest: initdb: %v\n%s", err, out)
	}
	for range 5 { // the free port may be taken between the probe and the start
		if c.port, err = freePort(); err != nil {
			break
		}
		if err = c.run(); err == nil {
			c.url = fmt.Sprintf("postgres://postgres@127.0.0.1:%d/postgres?sslmode=disable", c.port)
			return c, nil
		}
	}
	os.RemoveAll(c.dir)
	return nil, err
}

func (c *Cluster) data() string { return filepath.Join(c.dir, "data") }

// findBin finds the directory holding initdb and postgres.
func findBin() (string, error) {
	if p, err := exec.LookPath("initdb"); err == nil {
		dir := filepath.Dir(p)
		if _, err := os.Stat(filepath.Join(dir, "postgres")); err == nil {
			return dir, nil
		}
		if real, err := filepath.EvalSymlinks(p); err == nil {
			return filepath.Dir(real), nil
		}
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	for i := len(dirs) - 1; i >= 0; i-- { // the newest version last in lexical order (for 1-digit-free majors)
		if _, err := os.Stat(filepath.Join(dirs[i], "initdb")); err == nil {
			return dirs[i], nil
		}
	}
	return "", errors.New("pgstoretest: no initdb on PATH nor under /usr/lib/postgresql/*/bin")
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// run starts the server and waits until it accepts connections.
func (c *Cluster) run() error {
	logf, err := os.OpenFile(filepath.Join(c.dir, "server.log"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return err
	}
	defer logf.Close()
	cmd := exec.Command(filepath.Join(c.bin, "postgres"), "-D", c.data(), "-p", strconv.Itoa(c.port),
		"-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=",
		"-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
		"-c", "shared_buffers=128MB", "-c", "max_connections=100", "-c", "max_wal_size=2GB",
		"-c", "log_min_messages=warning", "-c", "autovacuum=off")
	cmd.Stdout, cmd.Stderr = logf, logf
	cmd.SysProcAttr = sysProcAttr(c.cred)
	if err := cmd.Start(); err != nil {
		return err
	}
	done := make(chan struct{})
	go func() { cmd.Wait(); close(done) }()
	c.mu.Lock()
	c.proc, c.done = cmd, done
	c.mu.Unlock()
	url := fmt.Sprintf("postgres://postgres@127.0.0.1:%d/postgres?sslmode=disable&connect_timeout=1", c.port)
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case <-done:
			b, _ := os.ReadFile(filepath.Join(c.dir, "server.log"))
			return fmt.Errorf("pgstoretest: postgres exited at start: %s", lastLines(string(b), 10))
		default:
		}
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		conn, err := pgx.Connect(ctx, url)
		if err == nil {
			conn.Close(ctx)
			cancel()
			return nil
		}
		cancel()
		time.Sleep(20 * time.Millisecond)
	}
	c.kill()
	return errors.New("pgstoretest: postgres did not accept connections within 30 s")
}

func lastLines(s string, n int) string {
	l := strings.Split(strings.TrimSpace(s), "\n")
	if len(l) > n {
		l = l[len(l)-n:]
	}
	return strings.Join(l, "\n")
}

// kill stops the server with a fast shutdown (SIGINT) and waits for it.
func (c *Cluster) kill() {
	c.mu.Lock()
	p, done := c.proc, c.done
	c.proc = nil
	c.mu.Unlock()
	if p == nil {
		return
	}
	p.Process.Signal(syscall.SIGINT)
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		p.Process.Kill()
		<-done
	}
}

// Restart stops the server (fast shutdown: open connections are cut) and starts it again on
// the same port. Only for a cluster this process started.
func (c *Cluster) Restart() error {
	if c == nil || c.dir == "" {
		return errors.New("pgstoretest: Restart needs a cluster started by this process")
	}
	c.kill()
	return c.run()
}

// Stop stops a cluster this process started and removes its files; it does nothing for the
// database of MOTCUA_TEST_DATABASE_URL. It is safe on a nil Cluster.
func (c *Cluster) Stop() {
	if c == nil || c.dir == "" {
		return
	}
	c.kill()
	os.RemoveAll(c.dir)
}

// URL returns the connection string of the cluster's maintenance database, or "" when there
// is none.
func (c *Cluster) URL() string {
	if c == nil {
		return ""
	}
	return c.url
}

// Available reports whether there is a database, and if not, why.
func (c *Cluster) Available() (bool, string) {
	switch {
	case c == nil:
		return false, "pgstoretest: no cluster (call pgstoretest.Start in TestMain)"
	case c.url == "":
		return false, c.reason
	}
	return true, ""
}

// Require skips t, or fails it when MOTCUA_REQUIRE_POSTGRES=1, when there is no database.
func (c *Cluster) Require(t testing.TB) {
	t.Helper()
	if ok, why := c.Available(); !ok {
		if os.Getenv(EnvRequire) == "1" {
			t.Fatalf("%s=1 but there is no PostgreSQL: %s; %s", EnvRequire, why, howTo)
		}
		t.Skipf("no PostgreSQL (%s); to test against one, %s", why, howTo)
	}
}

// Schema creates a new empty schema for t, dropped when t ends, and returns the connection
// string of the database with search_path set to it (and nothing else: unqualified SQL finds
// only the test's own tables).
func (c *Cluster) Schema(t testing.TB) string {
	t.Helper()
	c.Require(t)
	var b [6]byte
	rand.Read(b[:])
	name := "test_" + hex.EncodeToString(b[:])
	ctx := context.WithoutCancel(t.Context())
	conn, err := pgx.Connect(ctx, c.url)
	if err != nil {
		t.Fatalf("pgstoretest: connect: %v", err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+pgx.Identifier{name}.Sanitize()); err != nil {
		t.Fatalf("pgstoretest: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		conn, err := pgx.Connect(ctx, c.url)
		if err != nil {
			return // the server is gone (a test stopped it): nothing to drop
		}
		defer conn.Close(ctx)
		conn.Exec(ctx, "DROP SCHEMA "+pgx.Identifier{name}.Sanitize()+" CASCADE")
	})
	sep := "?"
	if strings.Contains(c.url, "?") {
		sep = "&"
	}
	return c.url + sep + "search_path=" + name
}

// Pool returns a pool on a new schema of its own for t (see Schema), closed when t ends.
func (c *Cluster) Pool(t testing.TB) *pgxpool.Pool {
	t.Helper()
	url := c.Schema(t)
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		t.Fatal(err)
	}
	pool, err := pgxpool.NewWithConfig(context.WithoutCancel(t.Context()), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)
	return pool
}
