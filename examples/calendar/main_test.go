package main

import (
	"bytes"
	"io"
	"os"
	"strings"
	"testing"
)

// TestMain runs the program as `go run` would and checks its key lines.
func TestMainOutput(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout := os.Stdout
	os.Stdout = w
	done := make(chan []byte)
	go func() {
		b, _ := io.ReadAll(r)
		done <- b
	}()
	main()
	os.Stdout = stdout
	w.Close()
	out := string(<-done)

	for _, want := range []string{
		"Days off 2026 (announced):",
		"2026-01-02 Fri swapped_off    Nghỉ hoán đổi dịp Tết Dương lịch",
		"2026-02-17 Tue holiday        Tết Âm lịch – Mùng 1 Bính Ngọ — TB 9441/TB-BNV",
		"2026-08-22 Sat makeup_workday",
		"Days off 2027 (provisional)",
		"Tue 10/03 09:10 + 3 working_days    → Fri 13/03/2026 09:10",
		"Tue 10/03 12:15 + 1 working_day     → Wed 11/03/2026 11:30",
		"Fri 13/02 15:00 + 3 working_days    → Wed 25/02/2026 15:00",
		"Wed 29/04 10:00 + 12 working_hours  → Mon 04/05/2026 15:30",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if n := strings.Count(out, "\n  2026-"); n != 16 {
		t.Errorf("%d days off printed for 2026, want 16", n)
	}
	var buf bytes.Buffer
	if err := run(&buf); err != nil || buf.String() != out {
		t.Errorf("run and main differ (err %v)", err)
	}
}
