package main

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"

	"github.com/motcua-go/motcua/pgstore/pgstoretest"
)

var pg *pgstoretest.Cluster

func TestMain(m *testing.M) {
	pg = pgstoretest.Start()
	code := m.Run()
	pg.Stop()
	os.Exit(code)
}

// TestRun runs the day on a throwaway PostgreSQL, as `go run` would with MOTCUA_DATABASE_URL,
// and checks its key lines, including those of the second process.
func TestRun(t *testing.T) {
	url := pg.Schema(t)
	var buf bytes.Buffer
	if err := run(context.Background(), url, &buf); err != nil {
		t.Fatalf("run: %v\n%s", err, buf.String())
	}
	out := buf.String()
	for _, want := range []string{
		"000.00.31.H49-260310-0001 received at Tue 10/03 07:30 (the next working session)",
		"apology due: 000.00.31.H49-260306-0001 due Wed 11/03 10:00, held by UBND đặc khu Vân Đồn",
		"000.00.31.H49-260310-0002, due Tue 10/03 17:00",
		"000.00.31.H49-260310-0003 accepted, due Thu 19/03 08:30, transferred along 5 steps",
		"nothing at risk, nothing overdue",
		"notices delivered, 0 to retry",
		"Biểu 06 of the day: 4 received",
		"a new process opens the database",
		"000.00.31.H49-260310-0003 — Đang xử lý (national status 4), held by UBND đặc khu Vân Đồn",
		"the desk's work queue holds 3 dossiers",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	if t.Failed() {
		t.Log(out)
	}
}
