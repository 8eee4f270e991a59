package main

import (
	"bytes"
	"strings"
	"testing"
)

// TestRun runs the script as `go run` would and checks its key lines.
func TestRun(t *testing.T) {
	var buf bytes.Buffer
	if err := run(&buf); err != nil {
		t.Fatalf("run: %v\n%s", err, buf.String())
	}
	out := buf.String()
	for _, want := range []string{
		"accepted 000.00.00.H33-20260811-000001, due Wed 12/08 17:00 (provisional: true)",
		"│ Mã hồ sơ: 000.00.00.H33-20260811-000001",
		"│ Hẹn trả kết quả lúc (dự kiến): 17 giờ 00 phút, ngày 12/08/2026",
		"│ Hẹn trả kết quả: 17 giờ 00 phút, ngày 11/08/2026",
		"│ 1. UBND tỉnh Hưng Yên (000.00.00.H33) — quyết định — hạn 17 giờ 00 phút, ngày 11/08/2026",
		"lookup 000.00.00.H33-20260811-000001: Được tiếp nhận, due Tue 11/08 17:00 (provisional: false; first given Wed 12/08 17:00)",
		`lookup of a mistyped code: mã hồ sơ "000.00.31.H49-20261311-000001": ngày "20261311"`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	if t.Failed() {
		t.Log(out)
	}
}
