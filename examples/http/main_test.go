package main

import (
	"bytes"
	"strings"
	"testing"
)

// TestRun runs the program and checks what the server answered at each step.
func TestRun(t *testing.T) {
	var b bytes.Buffer
	if err := run(&b); err != nil {
		t.Fatalf("%v\n%s", err, b.String())
	}
	out := b.String()
	for _, want := range []string{
		"POST /v1/dossiers → 201 Created (application/json)",
		`"code":"000.00.31.H49-260310-0001"`,
		"POST /v1/dossiers/000.00.31.H49-260310-0001/transfer → 200 OK",
		"GET /v1/dossiers/000.00.31.h49-260310-0001 → 200 OK (application/json)",
		`{"text":"HS 000.00.31.H49-260310-0001: da chuyen xu ly. Dang o: UBND dac khu Van Don. Hen tra: 17:00 10/03/2026."}`,
		`the page shows "000.00.31.H49-260310-0001" and "đã chuyển xử lý"`,
		"→ 401 Unauthorized (application/problem+json)",
		`GET /v1/dossiers/xyz → 400 Bad Request (application/problem+json)`,
		`"due":"2026-02-27T16:20:00+07:00"`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	// The public lookup shows no personal data.
	for _, personal := range []string{"Nguyễn Văn An", "022090012345", "Thôn 3"} {
		if strings.Contains(out, personal) {
			t.Errorf("the output shows %q", personal)
		}
	}
}
