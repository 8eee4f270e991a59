// Package calendar is the working calendar of Vietnamese public administration:
// which days processing time runs on (ngày làm việc), the office hours of those
// days (giờ hành chính), and the promised return time (ngày hẹn trả kết quả) of a
// dossier received at a one-stop desk.
//
// # Dates and times
//
// Days are date.Date values of github.com/rickb777/date/v2 (a day number, cheap to compare
// and add). From a time.Time, take the date in Vietnam's time zone:
//
//	d := date.NewAt(t.In(calendar.Zone()))
//
// and date.New(2026, time.March, 10) builds one from its parts. Instants (receipt and due
// times) are time.Time, read in Zone (UTC+7) whatever their location.
//
// # Days off and their sources
//
// A working day is a Monday–Friday (the 40-hour week of Decision 188/1999/QĐ-TTg;
// before HolidayRules.FiveDayWeekFrom, default 1999-10-02, Saturday is a working day too)
// that is not a holiday (Holiday), a compensatory day (Compensatory, nghỉ bù), a
// weekday swapped off (SwappedOff, nghỉ hoán đổi) or a closure (Closure), plus the
// Saturdays worked in exchange (MakeupWorkday, làm bù). Days come from three sources;
// a higher one wins:
//
//  1. Overrides given by the embedder (WithOverrides): one-off days in either
//     direction, e.g. a province's closure or a notice published after the release.
//  2. Official schedules: the embedded file data/vn_days_off_2019_2027.csv (every
//     Tết block, National Day choice, swap and make-up day of 2019–2026 as announced,
//     with the document: CV …/VPCP-KGVX, TB …/TB-LĐTBXH, TB …/TB-BNV; 2027 inferred)
//     and files given with WithSchedule, which rank above it in the order given.
//     A file covers a year when it lists a holiday in it: it then replaces the
//     lower sources for that year, and must list all of the year's days. Its rows in
//     years it does not cover patch single days.
//  3. The statutory rules of the year's legal regime, below.
//
// # Statutory rules
//
//   - Labor Code 1994 Art. 73 (before 2013-05-01): 1 January, Tết 4 days, 30 April,
//     1 May, 2 September; Giỗ Tổ Hùng Vương (10/3 lunar) since 2007 (Law
//     84/2007/QH11). Earlier years are reckoned with the same rules.
//   - Labor Code 2012 Art. 115 (2013-05-01 to 2020): Tết 5 days (from Tết 2014),
//     10 days in all.
//   - Labor Code 2019 Art. 112 (from 2021): National Day 2 days, 11 days in all.
//   - The compensatory rule (Labor Code 2019 Art. 111(3), 2012 Art. 115(3), 1994
//     Art. 73): a holiday on a weekly rest day gives the next working day that is
//     not itself off (30/4/2022 Sat and 1/5 Sun give 2/5 and 3/5; in 2023 Giỗ Tổ on
//     Sat 29/4 and 30/4 on Sun give 2/5 and 3/5, after the 1/5 holiday).
//   - Lunar dates come from package calendar/lunar (Vietnam's reckoning, UTC+7).
//   - Holidays the embedder adds with the year they start (WithStatutoryHoliday,
//     e.g. 24 November, Ngày Văn hóa Việt Nam) are treated like any holiday, also in
//     years a schedule covers unless it already lists the date.
//
// Which days form the Tết block and which neighbour of 2 September is off are the
// Prime Minister's choice each year, not law: the rules follow the practice of
// 2019–2027 (HolidayRules, DefaultHolidayRules; e.g. mùng 1 on a Tuesday: 1 day before and 4
// after; on a Wednesday, Friday, Saturday or Sunday: 2 before and 3 after, with
// compensatory days for those on a weekend) and such days are provisional. With the defaults the rules
// reproduce every official day of 2019–2027 except the swaps and make-up Saturdays.
//
// A year covered by a schedule with no provisional row is Announced; any other
// year is Provisional (Calendar.Status). Day.Provisional is set on rows marked
// provisional (a provisional column, or "PROVISIONAL"/"UNANNOUNCED" in the name or
// source) and on every day of a provisional year except the embedder's overrides.
// DaysOff lists the days of a year that differ from the plain Monday–Friday week.
//
// # Schedule files
//
// CSV with the header date,kind,name,source (and an optional provisional column),
// or a JSON array of {"date", "kind", "name", "source", "provisional"} objects; see
// ParseSchedule. Bad data is reported as a *ScheduleError naming the line, the field
// and the value, and New then returns no calendar: nothing is half-applied.
//
// # Office hours
//
// A working day has one or more sessions (default 07:30–11:30 and 13:00–17:00,
// WithOfficeHours), optionally changing with the season (WithSeasons: each season
// starts on a month and day). A make-up Saturday has the sessions of a working day.
// Reception hours on weekly rest days (WithReception, e.g. Saturday 07:30–11:30)
// let a desk receive dossiers without making the day a working day. Times are read
// in Vietnam's time zone (Zone, UTC+7) whatever the location of the time.Time.
//
// # Time limits
//
// A Limit is N units: Limit{N: 3, Unit: WorkingDays}. The zero Unit is WorkingDays, the unit
// of most published limits, so Limit{N: 3} is 3 working days. Limits are written (String,
// MarshalText, JSON) with the spellings of catalog files — "3 working_days", "12
// working_hours", "30 days", "2 months" ("1 working_day" for one) — and read (ParseLimit,
// ParseUnit, UnmarshalText) in any of: the singular; '-' or ' ' for '_' ("3 working-days",
// "3 Working Days"); the short forms wd, wh, d and m ("3wd", "2mo" too); and Vietnamese ngày
// làm việc, giờ làm việc, ngày, tháng ("15 ngày làm việc"). Limit.Text gives the words for a
// person: "3 ngày làm việc", "3 working days". A time of day, such as a procedure's same-day
// cut-off, is a TimeOfDay written "HH:MM" ("15:00").
//
// # Due dates
//
// Due follows the default policy (WorkingTime), counting working time from receipt:
//   - a receipt outside office hours (before opening, at lunch, after closing, on a
//     weekend, a holiday or during Saturday reception) starts at the next session
//     start; a receipt on a day off thus starts at the next working day's opening;
//   - WorkingDays(n): the same working-time position (session time elapsed since
//     the day's opening) n working days later: received Tue 09:10 with 3 working
//     days is due Fri 09:10. A position past the end of a shorter day (seasons with
//     different session lengths) is that day's close;
//   - WorkingHours(n): n hours of session time (8 working hours are one working day);
//   - a result exactly on a session boundary is the close of the earlier session:
//     counting from an opening (position 0), n working days end at the close of the
//     n-th working day (17:00, not 07:30 the next day), and 4 hours from 07:30 end
//     at 11:30, not 13:00;
//   - Days(n): the n-th calendar day after the receipt date, at closing time; if it
//     is not a working day, the close of the next working day (Civil Code 2015
//     Art. 148(5));
//   - Months(n): the same day of the month n months later, or the last day of that
//     month when it is shorter (31 January + 1 month is 28 or 29 February; Civil Code
//     2015 Art. 148(3)), then as for days. (Art. 148(6) ends a period at midnight;
//     the promise to an applicant is the closing time.)
//   - Hours(n): n clock hours of elapsed time from the instant of receipt, nights,
//     weekends and holidays included (Civil Code 2015 Art. 147(1)), for the few
//     procedures that publish "Giờ" rather than working hours.
//
// The CivilCode policy (WithDuePolicy) reads the Civil Code 2015 Art. 144–148
// literally: a period in days starts the day after the event (Art. 147), so
// WorkingDays(n) is due at the close of the n-th working day after the receipt date,
// whatever the time of receipt. Hour limits start at the moment of receipt under
// either policy.
//
// SameDayDue is the same-day rule many procedures publish ("nếu tiếp nhận hồ sơ sau 15 giờ
// thì trả kết quả trong ngày làm việc tiếp theo"): received on a working day up to the cut-off
// (a TimeOfDay, usually 15:00), due at that day's close; later, at the next working day's close.
// Package procedure applies it with each procedure's cut-off.
//
// # Errors and messages
//
// Bad options make New return an *OptionError, bad schedule files a *ScheduleError (with the
// line), and unreadable texts a *TextError; each wraps a sentinel (ErrBadDate, ErrBadLimit, …)
// for errors.Is, and its Message method gives the text in Vietnamese
// (language.Vietnamese, or any tag whose base is vi) or English (any other tag, from
// golang.org/x/text/language). A message repeats at most 64 characters of a bad value.
// Names and sources of days hold at most MaxText (200) characters of valid UTF-8 without
// control characters.
//
// # Performance and range
//
// New compiles years 1900–2199 into a per-day table (a kind byte per day, prefix
// sums of working days and the inverse map from working-day ordinal to day):
// IsWorkingDay, AddWorkingDays and WorkingDaysBetween there are one or two array
// look-ups, independent of n, and do not allocate; Due takes a few tens of
// nanoseconds. Outside the table the same rules are applied year by year (lunar
// holidays only within 1900–2199, where the lunar tables are exact); beyond years
// 1–9999 the plain week applies. Arithmetic never panics; results beyond the date
// package's range are clamped to it. A Calendar is immutable after New and safe for
// concurrent use; Default is built once, on first use.
package calendar
