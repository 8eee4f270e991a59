package cli

import (
	"bytes"
	"encoding/csv"
	"strconv"
	"strings"

	"github.com/motcua-go/motcua/calendar"
	"github.com/motcua-go/motcua/calendar/lunar"
	"github.com/motcua-go/motcua/internal/msg"
)

func runDaysOff(e *env, args []string) error {
	f := newFlags(e, "days-off", e.t("NĂM", "YEAR"),
		e.t("Mọi ngày khác tuần làm việc thứ Hai–thứ Sáu của một năm (ngày lễ, nghỉ bù, nghỉ hoán đổi, làm bù…),\n"+
			"với loại ngày, tên và văn bản. Kết quả là một tệp lịch nghỉ mà --calendar đọc lại được.",
			"Every day of a year that differs from the Monday–Friday week (holidays, compensatory and swapped\n"+
				"days, make-up Saturdays…), with its kind, name and document. The output is a schedule file that\n"+
				"--calendar reads back."),
		"  motcua days-off 2026\n  motcua days-off 2026 --format csv > 2026.csv")
	format := f.String("format", "json", e.t("định dạng: json hoặc csv", "format: json or csv"))
	calPath := f.String("calendar", "", e.t("tệp lịch nghỉ (CSV hoặc JSON) thêm vào lịch mặc định", "schedule file of days off (CSV or JSON) added to the default calendar"))
	if err := f.parse(args); err != nil {
		return err
	}
	arg, err := f.oneArg("một năm, ví dụ 2026", "a year, e.g. 2026")
	if err != nil {
		return err
	}
	year, err := strconv.Atoi(arg)
	if err != nil || year < 1 || year > 9999 {
		return usagef("năm %s phải là số từ 1 đến 9999", "year %s must be a number from 1 to 9999", msg.Quote(arg))
	}
	if *format != "json" && *format != "csv" {
		return usagef("--format %s: chỉ nhận json hoặc csv", "--format %s: only json or csv", msg.Quote(*format))
	}
	cal, err := calendarFor(*calPath, calendar.WorkingTime)
	if err != nil {
		return err
	}
	days := cal.DaysOff(year)
	if *format == "json" {
		if days == nil {
			days = []calendar.Day{}
		}
		return writeJSON(e, days)
	}
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write([]string{"date", "kind", "name", "source", "provisional"})
	for _, d := range days {
		w.Write([]string{d.Date.String(), d.Kind.String(), d.Name, d.Source, strconv.FormatBool(d.Provisional)})
	}
	w.Flush()
	if _, err := e.stdout.Write(b.Bytes()); err != nil {
		return failf("không ghi được ra stdout", "cannot write to stdout")
	}
	return nil
}

func runWorkingDays(e *env, args []string) error {
	f := newFlags(e, "working-days", "",
		e.t("Số ngày làm việc trong khoảng (--from, --to]: không tính ngày --from, tính ngày --to;\n"+
			"âm khi --to trước --from.",
			"The number of working days in (--from, --to]: --from not counted, --to counted; negative when\n"+
				"--to is before --from."),
		"  motcua working-days --from 2026-02-13 --to 2026-02-25")
	from := f.String("from", "", e.t("ngày đầu (không tính), YYYY-MM-DD", "first date (not counted), YYYY-MM-DD"))
	to := f.String("to", "", e.t("ngày cuối (có tính), YYYY-MM-DD", "last date (counted), YYYY-MM-DD"))
	calPath := f.String("calendar", "", e.t("tệp lịch nghỉ (CSV hoặc JSON) thêm vào lịch mặc định", "schedule file of days off (CSV or JSON) added to the default calendar"))
	if err := f.parse(args); err != nil {
		return err
	}
	if err := f.noArgs(); err != nil {
		return err
	}
	d1, err := dayFlag("--from", *from)
	if err != nil {
		return err
	}
	d2, err := dayFlag("--to", *to)
	if err != nil {
		return err
	}
	cal, err := calendarFor(*calPath, calendar.WorkingTime)
	if err != nil {
		return err
	}
	return writeJSON(e, struct {
		From        string `json:"from"`
		To          string `json:"to"`
		WorkingDays int    `json:"working_days"`
	}{d1.String(), d2.String(), cal.WorkingDaysBetween(d1, d2)})
}

// lunarJSON is a lunar date in the output.
type lunarJSON struct {
	Year     int    `json:"year"`
	Month    int    `json:"month"`
	Day      int    `json:"day"`
	Leap     bool   `json:"leap"`
	YearName string `json:"year_name"`
	Text     string `json:"text"`
}

func lunarOut(l lunar.Date) lunarJSON {
	return lunarJSON{Year: l.Year, Month: l.Month, Day: l.Day, Leap: l.Leap, YearName: lunar.YearName(l.Year), Text: l.String()}
}

func runLunar(e *env, args []string) error {
	f := newFlags(e, "lunar", e.t("NGÀY", "DATE"),
		e.t("Ngày âm lịch (lịch Việt Nam, UTC+7) của một ngày dương lịch YYYY-MM-DD.",
			"The lunar date (Vietnam's calendar, UTC+7) of a solar date YYYY-MM-DD."),
		"  motcua lunar 2026-02-17")
	if err := f.parse(args); err != nil {
		return err
	}
	arg, err := f.oneArg("một ngày dương lịch YYYY-MM-DD", "a solar date YYYY-MM-DD")
	if err != nil {
		return err
	}
	d, err := dayFlag(e.t("ngày", "date"), arg)
	if err != nil {
		return err
	}
	l := lunar.FromSolar(d)
	if l == (lunar.Date{}) {
		return failf("ngày %s nằm ngoài phạm vi của âm lịch (năm âm lịch 1000–3000)", "date %s is outside the range of the lunar calendar (lunar years 1000–3000)", d.String())
	}
	return writeJSON(e, struct {
		Solar string    `json:"solar"`
		Lunar lunarJSON `json:"lunar"`
	}{d.String(), lunarOut(l)})
}

func runSolar(e *env, args []string) error {
	f := newFlags(e, "solar", "",
		e.t("Ngày dương lịch của một ngày âm lịch --lunar YYYY-MM-DD (năm âm lịch, tháng, ngày);\n"+
			"--leap cho tháng nhuận.",
			"The solar date of a lunar date --lunar YYYY-MM-DD (lunar year, month, day); --leap for a leap\n"+
				"month."),
		"  motcua solar --lunar 2026-01-01\n  motcua solar --lunar 2025-06-15 --leap")
	lun := f.String("lunar", "", e.t("ngày âm lịch YYYY-MM-DD", "lunar date YYYY-MM-DD"))
	leap := f.Bool("leap", false, e.t("tháng nhuận", "a leap month"))
	if err := f.parse(args); err != nil {
		return err
	}
	if err := f.noArgs(); err != nil {
		return err
	}
	l, ok := parseLunar(*lun)
	if !ok {
		if *lun == "" {
			return usagef("thiếu --lunar (ngày âm lịch YYYY-MM-DD)", "--lunar is required (a lunar date YYYY-MM-DD)")
		}
		return usagef("--lunar %s không phải ngày dạng YYYY-MM-DD", "--lunar %s is not a date YYYY-MM-DD", msg.Quote(*lun))
	}
	l.Leap = *leap
	d, err := lunar.ToSolar(l)
	if err != nil {
		return fail(err, "", "")
	}
	return writeJSON(e, struct {
		Lunar lunarJSON `json:"lunar"`
		Solar string    `json:"solar"`
	}{lunarOut(l), d.String()})
}

// parseLunar reads YYYY-MM-DD as the parts of a lunar date (not checked against the calendar).
func parseLunar(s string) (lunar.Date, bool) {
	parts := strings.Split(s, "-")
	if len(parts) != 3 || len(parts[0]) != 4 || len(parts[1]) != 2 || len(parts[2]) != 2 {
		return lunar.Date{}, false
	}
	var n [3]int
	for i, p := range parts {
		v, err := strconv.Atoi(p)
		if err != nil || v < 0 || p[0] == '+' {
			return lunar.Date{}, false
		}
		n[i] = v
	}
	return lunar.Date{Year: n[0], Month: n[1], Day: n[2]}, true
}
