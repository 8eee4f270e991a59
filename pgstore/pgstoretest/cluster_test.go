package pgstoretest

import (
	"os"
	"testing"
)

var pg *Cluster

func TestMain(m *testing.M) {
	pg = Start()
	code := m.Run()
	pg.Stop()
	os.Exit(code)
}

// TestSchema checks that each test gets its own schema, and only it, on the search path.
func TestSchema(t *testing.T) {
	pool := pg.Pool(t)
	ctx := t.Context()
	if _, err := pool.Exec(ctx, "CREATE TABLE t (x int)"); err != nil {
		t.Fatal(err)
	}
	other := pg.Pool(t)
	var n int
	if err := other.QueryRow(ctx, "SELECT count(*) FROM pg_tables WHERE tablename = 't' AND schemaname = current_schema()").Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 0 {
		t.Fatalf("a second schema sees the first one's table")
	}
}

// TestRestart checks that a restarted cluster serves again on the same address.
func TestRestart(t *testing.T) {
	c, err := StartCluster()
	if err != nil {
		pg.Require(t)
		t.Fatal(err)
	}
	defer c.Stop()
	pool := c.Pool(t)
	if _, err := pool.Exec(t.Context(), "CREATE TABLE t (x int)"); err != nil {
		t.Fatal(err)
	}
	if err := c.Restart(); err != nil {
		t.Fatal(err)
	}
	if _, err := pool.Exec(t.Context(), "INSERT INTO t VALUES (1)"); err != nil {
		// the pool's connection was cut by the restart; the next try gets a new one
		if _, err := pool.Exec(t.Context(), "INSERT INTO t VALUES (1)"); err != nil {
			t.Fatal(err)
		}
	}
}

// TestUnavailable checks the skip message names the way to get a database.
func TestUnavailable(t *testing.T) {
	c := &Cluster{reason: "no initdb"}
	if ok, why := c.Available(); ok || why != "no initdb" {
		t.Fatalf("Available() = %v, %q", ok, why)
	}
	var nilc *Cluster
	if ok, _ := nilc.Available(); ok {
		t.Fatal("a nil cluster is available")
	}
}
