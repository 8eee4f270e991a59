package lunar

import (
	"fmt"

	"github.com/motcua-go/motcua/internal/msg"
	"golang.org/x/text/language"
)

// Message describes the problem in the language lang: Vietnamese for any tag whose base is vi
// (language.Vietnamese, vi-VN), English (as Error) otherwise.
func (e *DateError) Message(lang language.Tag) string {
	if !msg.Vietnamese(lang) {
		return e.Error()
	}
	d := e.Date
	switch e.Field {
	case "Year":
		return fmt.Sprintf("năm âm lịch %d nằm ngoài phạm vi hỗ trợ (%d–%d)", d.Year, tableFirst, tableLast)
	case "Month":
		return fmt.Sprintf("không có ngày âm lịch %s: tháng %d không nằm trong khoảng 1 đến 12", d, d.Month)
	case "Leap":
		if e.leapMonth == 0 {
			return fmt.Sprintf("không có ngày âm lịch %s: năm %s (%d) không có tháng nhuận", d, YearName(d.Year), d.Year)
		}
		return fmt.Sprintf("không có ngày âm lịch %s: năm %s (%d) nhuận tháng %d, không phải tháng %d",
			d, YearName(d.Year), d.Year, e.leapMonth, d.Month)
	case "Day":
		return fmt.Sprintf("không có ngày âm lịch %s: tháng này chỉ có %d ngày", d, e.monthLength)
	}
	return fmt.Sprintf("không có ngày âm lịch %s", d)
}
