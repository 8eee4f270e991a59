package procedure_test

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/motcua-go/motcua/calendar"
	"github.com/motcua-go/motcua/procedure"
	"github.com/shopspring/decimal"
	"golang.org/x/text/language"
)

// A small catalog with illustrative values.
const catalogJSON = `{
  "procedures": [
    {
      "code": "1.001193", "version": 1, "effective_from": "2020-07-01",
      "name": "Thủ tục đăng ký khai sinh", "sector": "justice", "field": "Hộ tịch",
      "levels": ["commune"], "competent_agency": {"name": "Ủy ban nhân dân cấp xã"},
      "limits": {"counter": {"value": "1", "unit": "working_days"}, "online": {"value": "1", "unit": "working_days"}},
      "same_day": {"cutoff": "15:00"},
      "documents": [{"name": "Tờ khai đăng ký khai sinh", "originals": 1, "copies": 0, "requirement": "required"}],
      "results": [{"name": "Giấy khai sinh"}], "online": "full",
      "legal_basis": ["Luật Hộ tịch số 60/2014/QH13"]
    },
    {
      "code": "1.012787", "version": 1, "effective_from": "2024-08-01",
      "name": "Đăng ký biến động quyền sử dụng đất", "sector": "land", "field": "Đất đai",
      "levels": ["province"], "competent_agency": {"code": "000.00.15.H49", "name": "Văn phòng đăng ký đất đai"},
      "limits": {"counter": {"value": "10", "unit": "working_days"}, "online": {"value": "1.5", "unit": "working_days"}},
      "documents": [{"name": "Đơn đăng ký biến động", "originals": 1, "copies": 0, "requirement": "required"}],
      "fees": [{"id": "tham-dinh", "name": "Phí thẩm định hồ sơ", "kind": "percent", "rate": "0.15",
                "min": "100000", "max": "5000000", "exemptions": ["poor_household"],
                "online_reduction": {"percent": "50", "from": "2024-01-01", "to": "2026-12-31"}}],
      "results": [{"name": "Giấy chứng nhận quyền sử dụng đất"}], "online": "partial",
      "legal_basis": ["Luật Đất đai số 31/2024/QH15"]
    }
  ]
}`

func Example() {
	cat, err := procedure.Load(strings.NewReader(catalogJSON), procedure.LoadOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	vn := calendar.Zone()
	received := time.Date(2025, 3, 4, 15, 20, 0, 0, vn) // Tuesday, after the 15:00 cut-off

	p, err := cat.Lookup("1.001193", received)
	if err != nil {
		fmt.Println(err)
		return
	}
	due, _ := p.Due(calendar.Default(), received, procedure.Counter, "")
	fmt.Println(p.Name, "v", p.Version)
	fmt.Println("due", due.Format("Mon 2006-01-02 15:04"))

	land, _ := cat.Lookup("1.012787", received)
	l, _ := land.Limit(procedure.Online, "")
	fmt.Println("online limit", l.N, "working hours")
	due, _ = land.Due(calendar.Default(), time.Date(2025, 3, 4, 9, 10, 0, 0, vn), procedure.Online, "")
	fmt.Println("due", due.Format("Mon 2006-01-02 15:04"))
	// Output:
	// Thủ tục đăng ký khai sinh v 1
	// due Wed 2025-03-05 17:00
	// online limit 12 working hours
	// due Wed 2025-03-05 14:40
}

func ExampleCatalog_Search() {
	cat, _ := procedure.Load(strings.NewReader(catalogJSON), procedure.LoadOptions{})
	for _, p := range cat.Search("khai sinh", time.Time{}) {
		fmt.Println(p.Code, p.Name)
	}
	for _, p := range cat.Search("QUYEN SU DUNG DAT", time.Time{}) {
		fmt.Println(p.Code, p.Name)
	}
	// Output:
	// 1.001193 Thủ tục đăng ký khai sinh
	// 1.012787 Đăng ký biến động quyền sử dụng đất
}

func ExampleProcedure_AmountDue() {
	cat, _ := procedure.Load(strings.NewReader(catalogJSON), procedure.LoadOptions{})
	p, _ := cat.Lookup("1.012787", time.Date(2025, 3, 4, 9, 0, 0, 0, calendar.Zone()))
	bill, err := p.AmountDue(procedure.FeeQuery{
		Channel:       procedure.Online,
		At:            time.Date(2025, 3, 4, 9, 0, 0, 0, calendar.Zone()),
		DeclaredValue: decimal.RequireFromString("1234567890"),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, l := range bill.Lines {
		fmt.Printf("%s: base %s, online reduction %s, due %s đồng\n", l.Name, l.Base, l.Reduction, l.Amount)
	}
	fmt.Println("total", bill.Total, "đồng")
	// Output:
	// Phí thẩm định hồ sơ: base 1851851.835, online reduction 925925.9175, due 925926 đồng
	// total 925926 đồng
}

func ExampleLoad_invalid() {
	bad := strings.Replace(catalogJSON, `"1.012787"`, `"1.01278"`, 1)
	bad = strings.Replace(bad, `"value": "1.5"`, `"value": "1.3"`, 1)
	_, err := procedure.Load(strings.NewReader(bad), procedure.LoadOptions{})
	var ve *procedure.ValidationError
	if errors.As(err, &ve) {
		fmt.Println(ve.Message(language.English))
		fmt.Println(ve.Message(language.Vietnamese))
	}
	fmt.Println(errors.Is(err, procedure.ErrInvalidCatalog))
	// Output:
	// the procedure catalog is not valid (2 problems):
	// procedures[1].code: code "1.01278" must be a national procedure code such as 1.001193
	// procedures[1].limits.online.value: 1.3 working_days is not a whole number of working hours (1 working day = 8 hours)
	// danh mục thủ tục không hợp lệ (2 lỗi):
	// procedures[1].code: mã thủ tục "1.01278" phải là mã thủ tục hành chính quốc gia dạng 1.001193
	// procedures[1].limits.online.value: 1.3 ngày làm việc không quy đổi được thành số giờ làm việc nguyên (1 ngày làm việc = 8 giờ)
	// true
}
