package calendar_test

import (
	"fmt"
	"time"

	"github.com/motcua-go/motcua/calendar"
	"github.com/rickb777/date/v2"
	"golang.org/x/text/language"
)

// The promised return time of a dossier received on a Tuesday morning with a
// three-working-day limit, and of one received on the Friday before Tết.
func ExampleCalendar_Due() {
	cal := calendar.Default()
	tue := time.Date(2026, 3, 10, 9, 10, 0, 0, calendar.Zone())
	fmt.Println(cal.Due(tue, calendar.Limit{N: 3, Unit: calendar.WorkingDays}).Format("Mon 02/01/2006 15:04"))

	beforeTet := time.Date(2026, 2, 13, 16, 45, 0, 0, calendar.Zone())
	fmt.Println(cal.Due(beforeTet, calendar.Limit{N: 3, Unit: calendar.WorkingDays}).Format("Mon 02/01/2006 15:04"))

	// 1.5 working days is published as 12 working hours.
	fmt.Println(cal.Due(tue, calendar.Limit{N: 12, Unit: calendar.WorkingHours}).Format("Mon 02/01/2006 15:04"))
	// Output:
	// Fri 13/03/2026 09:10
	// Wed 25/02/2026 16:45
	// Wed 11/03/2026 14:40
}

// The Civil Code policy: counting starts the next working day and ends at the close of the n-th.
func ExampleWithDuePolicy() {
	cal, err := calendar.New(calendar.WithDuePolicy(calendar.CivilCode))
	if err != nil {
		panic(err)
	}
	tue := time.Date(2026, 3, 10, 9, 10, 0, 0, calendar.Zone())
	fmt.Println(cal.Due(tue, calendar.Limit{N: 3, Unit: calendar.WorkingDays}).Format("Mon 02/01/2006 15:04"))
	// Output:
	// Fri 13/03/2026 17:00
}

func ExampleCalendar_DaysOff() {
	cal := calendar.Default()
	fmt.Println(2026, cal.Status(2026))
	for _, d := range cal.DaysOff(2026)[:3] {
		fmt.Println(d.Date, d.Kind, d.Name)
	}
	fmt.Println(2028, cal.Status(2028))
	// Output:
	// 2026 announced
	// 2026-01-01 holiday Tết Dương lịch
	// 2026-01-02 swapped_off Nghỉ hoán đổi dịp Tết Dương lịch (làm bù Thứ Bảy 10/01/2026)
	// 2026-01-10 makeup_workday Làm bù (Thứ Bảy) cho ngày nghỉ 02/01/2026
	// 2028 provisional
}

func ExampleCalendar_AddWorkingDays() {
	cal := calendar.Default()
	d := date.New(2025, 4, 29)
	fmt.Println(cal.AddWorkingDays(d, 1), cal.WorkingDaysBetween(d, date.New(2025, 5, 9)))
	// Output:
	// 2025-05-05 5
}

// A province closes for a storm, a new holiday starts in 2026, and the desk receives on Saturday mornings.
func ExampleNew() {
	cal, err := calendar.New(
		calendar.WithOverrides(calendar.Day{Date: date.New(2026, 10, 27), Kind: calendar.Closure, Name: "Nghỉ phòng chống bão", Source: "CĐ 12/CĐ-UBND"}),
		calendar.WithStatutoryHoliday(calendar.StatutoryHoliday{Month: time.November, Day: 24, Name: "Ngày Văn hóa Việt Nam", Source: "Nghị quyết (giả định)", From: 2026}),
		calendar.WithReception(time.Saturday, calendar.Session{Start: 7*time.Hour + 30*time.Minute, End: 11*time.Hour + 30*time.Minute}),
	)
	if err != nil {
		panic(err)
	}
	fmt.Println(cal.Day(date.New(2026, 10, 27)).Kind, cal.Day(date.New(2026, 11, 24)).Kind)
	sat := time.Date(2026, 10, 31, 9, 0, 0, 0, calendar.Zone())
	fmt.Println(cal.IsReceptionHours(sat), cal.IsOfficeHours(sat))
	// Output:
	// closure holiday
	// true false
}

func ExampleParseLimit() {
	l, err := calendar.ParseLimit("15 ngày làm việc")
	fmt.Println(l, err)
	fmt.Println(l.Text(language.Vietnamese), "/", l.Text(language.English))
	// Output:
	// 15 working_days <nil>
	// 15 ngày làm việc / 15 working days
}

// A limit with no unit is in working days: the zero Unit is WorkingDays.
func ExampleLimit_zeroUnit() {
	cal := calendar.Default()
	tue := time.Date(2026, 3, 10, 9, 10, 0, 0, calendar.Zone())
	fmt.Println(cal.Due(tue, calendar.Limit{N: 3}).Format("Mon 02/01/2006 15:04"))
	// Output:
	// Fri 13/03/2026 09:10
}

// The same-day rule with the usual 15:00 cut-off: received at 14:30, due at the close of the
// same day; at 15:30, at the close of the next working day.
func ExampleCalendar_SameDayDue() {
	cal := calendar.Default()
	cutoff, err := calendar.ParseTimeOfDay("15:00")
	if err != nil {
		panic(err)
	}
	for _, hm := range [][2]int{{14, 30}, {15, 30}} {
		at := time.Date(2026, 3, 10, hm[0], hm[1], 0, 0, calendar.Zone())
		fmt.Println(cal.SameDayDue(at, cutoff).Format("Mon 02/01 15:04"))
	}
	// Output:
	// Tue 10/03 17:00
	// Wed 11/03 17:00
}

// A date.Date from a time.Time: take the time in Vietnam's zone first.
func ExampleZone() {
	t := time.Date(2026, 3, 10, 20, 0, 0, 0, time.UTC) // 03:00 on 11 March in Vietnam
	d := date.NewAt(t.In(calendar.Zone()))
	fmt.Println(d, calendar.Default().IsWorkingDay(d))
	// Output:
	// 2026-03-11 true
}
