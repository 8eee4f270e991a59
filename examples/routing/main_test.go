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
		"received Wed 11/02 09:00, limit 8 working_days → due Mon 02/03 09:00",
		"Tue 17/02 holiday  Tết Âm lịch – Mùng 1 Bính Ngọ",
		"verify   verify   Văn phòng Đăng ký đất đai tỉnh Quảng Ninh          Wed 11/02 14:30 → Mon 23/02 14:30  (24h0m0s)",
		"verify   000.00.02.H49 Văn phòng Đăng ký đất đai tỉnh Quảng Ninh, over by 22h0m0s (finished: true)",
		"tax      pay      Thuế tỉnh Quảng Ninh                               Thu 26/02 10:00 → Tue 03/03 10:00  (24h0m0s)",
		"set one new date by Fri 27/02 17:00",
		// Handed over after the promised date, the return gets its own 4 hours.
		"return   return   Trung tâm Phục vụ hành chính công tỉnh Quảng Ninh  Wed 04/03 10:00 → Wed 04/03 15:30  (4h0m0s)",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	if t.Failed() {
		t.Log(out)
	}
}
