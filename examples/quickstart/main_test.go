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
		"apology due: 000.00.31.H49-260306-0001 due Wed 11/03 10:00, held by UBND đặc khu Vân Đồn (000.00.31.H49), apologise by Tue 10/03 17:00",
		"│ VĂN BẢN XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ",
		"│ Bộ phận tiếp nhận: UBND đặc khu Vân Đồn (000.00.31.H49)",
		"│ Cơ quan: UBND đặc khu Vân Đồn (000.00.31.H49)",
		"│ Ngày hẹn mới: 10 giờ 00 phút, ngày 13/03/2026",
		"│ Mã hồ sơ: 000.00.31.H49-260310-0002",
		"│ Hẹn trả kết quả lúc: 17 giờ 00 phút, ngày 10/03/2026",
		"000.00.31.H49-260310-0003 accepted, due Thu 19/03 08:30",
		// A group dossier's slip shows the group, not its lead procedure.
		"│ Nhóm thủ tục liên thông: Liên thông thủ tục hành chính về đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi (lien-thong-khai-sinh-thuong-tru-bhyt-2015)",
		"│ 1. UBND đặc khu Vân Đồn (000.00.31.H49) — tiếp nhận — hạn 14 giờ 40 phút, ngày 10/03/2026",
		"│ 3. Công an đặc khu Vân Đồn (001.00.31.H49) — đăng ký",
		"│ 4. Bảo hiểm xã hội tỉnh Quảng Ninh (000.00.04.H49) — cấp",
		"│ 5. UBND đặc khu Vân Đồn (000.00.31.H49) — trả kết quả",
		"│ 3. Thuế tỉnh Quảng Ninh (000.00.03.H49) — cấp",
		"supplement needed: no code is issued",
		"│ PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
		"│ Cơ quan yêu cầu: UBND đặc khu Vân Đồn (000.00.31.H49)",
		"accepted 000.00.31.H49-260310-0005, due Tue 10/03 17:00",
		// The lookup reads a code typed in small letters, and names the agencies.
		"Đang xử lý (national status 4), held by Bảo hiểm xã hội tỉnh Quảng Ninh (000.00.04.H49)",
		"received 10/03/2026 08:30 at UBND đặc khu Vân Đồn (000.00.31.H49), due 19/03/2026 08:30",
		"3. đăng ký — Công an đặc khu Vân Đồn (001.00.31.H49) — due 16/03 15:20, done 10/03 15:20",
		`a mistyped code: mã hồ sơ "000.00.31.H49-260310-00A1": số thứ tự "00A1"`,
		"nothing at risk, nothing overdue",
		// The report has the form's headings and nothing cut in the middle of a word.
		"Biểu số 06/VPCP/KSTT — Tình hình, kết quả giải quyết thủ tục hành chính, ngày 10/03/2026",
		"STT Lĩnh vực, công việc giải quyết    (1)  (2)  (3)  (4) |  (5)  (6)  (7)  (8) |  (9) (10) (11)",
		"1.  Cấp xã: Hộ tịch                     5    1    3    1 |    3    0    3    0 |    2    2    0",
		"2.  Cấp xã: Thành lập và hoạt động      1    0    1    0 |    0    0    0    0 |    1    1    0\n      doanh nghiệp (hộ kinh doanh)\n",
		"    Tổng cộng                           6    1    4    1 |    3    0    3    0 |    3    3    0",
		"Số hồ sơ nhận giải quyết: (1) tổng số; trong đó mới tiếp nhận (2) trực tuyến,",
		"Đã giải quyết: (5) tổng số, (6) trước hạn, (7) đúng hạn, (8) quá hạn.",
		"Đang giải quyết: (9) tổng số, (10) trong hạn, (11) quá hạn.",
		"The figures add up: (1) = (2) + (3) + (4) = (5) + (9), (5) = (6) + (7) + (8), (9) = (10) + (11),",
		"Dossiers handled early or on time (Decision 766/QĐ-TTg): 100.0% (6 of 6)",
		"2 rated (1 satisfied, 1 acceptable, 0 dissatisfied)",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	// Words for developers have no place in what a desk officer reads; nothing is cut with "…".
	for _, word := range []string{"identities", "embedder", "adapter", "…", "national code"} {
		if strings.Contains(out, word) {
			t.Errorf("the output says %q", word)
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
