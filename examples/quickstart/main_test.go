package main

import (
	"bytes"
	"strings"
	"testing"
)

// TestRun runs the day as `go run` would and checks its key lines.
func TestRun(t *testing.T) {
	var buf bytes.Buffer
	if err := run(&buf); err != nil {
		t.Fatalf("run: %v\n%s", err, buf.String())
	}
	out := buf.String()
	for _, want := range []string{
		"000.00.31.H49-260310-0001 received at Tue 10/03 07:30 (the next working session), due Tue 10/03 17:00",
		"apology due  000.00.31.H49-260306-0001 due Wed 11/03 10:00, held by 000.00.31.H49, apologise by Tue 10/03 17:00",
		"│ VĂN BẢN XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ",
		"│ Ngày hẹn mới: 10 giờ 00 phút, ngày 13/03/2026",
		"│ Mã hồ sơ: 000.00.31.H49-260310-0002",
		"│ Hẹn trả kết quả lúc: 17 giờ 00 phút, ngày 10/03/2026",
		"000.00.31.H49-260310-0003 accepted, due Thu 19/03 08:30",
		"│ 1. UBND đặc khu Vân Đồn (000.00.31.H49) — tiếp nhận — hạn 14 giờ 40 phút, ngày 10/03/2026",
		"│ 3. Công an đặc khu Vân Đồn (001.00.31.H49) — đăng ký",
		"│ 4. Bảo hiểm xã hội tỉnh Quảng Ninh (000.00.04.H49) — cấp",
		"│ 5. UBND đặc khu Vân Đồn (000.00.31.H49) — trả kết quả",
		"│ 3. Thuế tỉnh Quảng Ninh (000.00.03.H49) — cấp",
		"supplement needed: no code is issued",
		"│ PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
		"accepted 000.00.31.H49-260310-0005, due Tue 10/03 17:00",
		"status: Đang xử lý (national code 4), held by 000.00.04.H49",
		"register-residence     register 001.00.31.H49  due 16/03 15:20  done 10/03 15:20",
		"không đúng cấu trúc mã hồ sơ",
		"nothing at risk, nothing overdue",
		"  total                                       6      1       4       1 |    3     0      3    0 |    3      3    0",
		"identities: hold",
		"Decision 766 on-time rate: 100.0% (6 of 6)",
		"2 rated (1 satisfied, 1 acceptable, 0 dissatisfied)",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	// The transfer slips are Vietnamese: no English task word after an agency.
	for _, word := range []string{"— receive", "— register", "— issue", "— return", "— verify", "— decide", "— pay"} {
		if strings.Contains(out, word) {
			t.Errorf("a transfer slip prints the English task %q", word)
		}
	}
	if strings.Contains(out, "error:") {
		t.Errorf("the script met an error:\n%s", out)
	}
	if t.Failed() {
		t.Log(out)
	}
}
