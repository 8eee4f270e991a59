package lunar_test

import (
	"errors"
	"fmt"

	"github.com/rickb777/date/v2"
	"golang.org/x/text/language"

	"github.com/motcua-go/motcua/calendar/lunar"
)

func Example() {
	// Giỗ Tổ Hùng Vương is 10/3 of the lunar calendar (the regular month 3).
	for _, year := range []int{2025, 2026} {
		d, err := lunar.ToSolar(lunar.Date{Year: year, Month: 3, Day: 10})
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(lunar.YearName(year), "Tết", lunar.NewYear(year), "Giỗ Tổ", d, d.Weekday())
	}
	// Output:
	// Ất Tỵ Tết 2025-01-29 Giỗ Tổ 2025-04-07 Monday
	// Bính Ngọ Tết 2026-02-17 Giỗ Tổ 2026-04-26 Sunday
}

func ExampleFromSolar() {
	fmt.Println(lunar.FromSolar(date.New(2026, 4, 26)))
	fmt.Println(lunar.FromSolar(date.New(2025, 7, 25))) // in the leap month 6 of 2025
	// Output:
	// 10/3 năm Bính Ngọ
	// 1/6 nhuận năm Ất Tỵ
}

func ExampleToSolar_errors() {
	_, err := lunar.ToSolar(lunar.Date{Year: 2026, Month: 12, Day: 30})
	var de *lunar.DateError
	if errors.As(err, &de) {
		fmt.Println(errors.Is(err, lunar.ErrNoSuchDate), de.Field)
		fmt.Println(de.Error())
		fmt.Println(de.Message(language.Vietnamese))
	}
	// Output:
	// true Day
	// lunar date 30/12 năm Bính Ngọ does not exist: Day 30, the month has 29 days
	// không có ngày âm lịch 30/12 năm Bính Ngọ: tháng này chỉ có 29 ngày
}

func ExampleLeapMonth() {
	for _, y := range []int{2023, 2025, 2026, 2033} {
		fmt.Println(y, lunar.LeapMonth(y))
	}
	// Output:
	// 2023 2
	// 2025 6
	// 2026 0
	// 2033 11
}
