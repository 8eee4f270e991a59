package main

import (
	"bytes"
	"strings"
	"testing"
)

// TestRun runs the program as `go run` would and checks its key lines.
func TestRun(t *testing.T) {
	var buf bytes.Buffer
	if err := run(&buf); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		"Search \"dang ky khai sinh\" (in force on 10/03/2026):\n  1.001193 v1  Thủ tục đăng ký khai sinh\n",
		"received 05/11/2024 → version 1 (2015-04-10–2025-06-30), levels [district commune]",
		"received 10/03/2026 → version 2 (2025-07-01–…), levels [commune]",
		"has no version in force at that time (2010-01-04)",
		"counter  1 working days         → due Tue 10/03/2026 17:00",
		"counter  18 working days        → due Fri 03/04/2026 09:00",
		"online   8 working days         → due Fri 20/03/2026 09:00",
		"counter  15 calendar days       → due Wed 25/03/2026 17:00",
		"counter  12 working hours       → due Wed 11/03/2026 14:30",
		"Đăng ký thường trú, counter: 20000",
		"Đăng ký thường trú, online: 10000",
		"needs an input that was not given",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	if t.Failed() {
		t.Log(out)
	}
}
