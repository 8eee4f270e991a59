package calendar

import (
	"strconv"
	"time"
)

// Option configures New. Options are values; New applies them in order.
type Option interface{ apply(*config) error }

type optionFunc func(*config) error

func (f optionFunc) apply(c *config) error { return f(c) }

// DuePolicy selects how Due counts working days.
type DuePolicy uint8

// Due-date policies.
const (
	// WorkingTime (default): counting starts at the moment of receipt (or the next
	// session start); n working days later at the same working-time position.
	WorkingTime DuePolicy = iota
	// CivilCode: counting starts the next working day; due at the close of the n-th
	// working day (Civil Code 2015 Art. 147–148).
	CivilCode
)

// String returns "working_time" or "civil_code", the names the command line and JSON use.
func (p DuePolicy) String() string {
	if p == CivilCode {
		return "civil_code"
	}
	return "working_time"
}

type config struct {
	rules     HolidayRules
	extras    []StatutoryHoliday
	schedules [][]Day
	overrides []Day
	seasons   []Season
	reception [7][]Session
	policy    DuePolicy
}

func defaultConfig() config {
	return config{
		rules:   DefaultHolidayRules(),
		seasons: []Season{{Month: time.January, Day: 1, Sessions: DefaultSessions()}},
	}
}

// DefaultSessions returns the default office hours: 07:30–11:30 and 13:00–17:00.
func DefaultSessions() []Session {
	return []Session{
		{Start: 7*time.Hour + 30*time.Minute, End: 11*time.Hour + 30*time.Minute},
		{Start: 13 * time.Hour, End: 17 * time.Hour},
	}
}

// WithOfficeHours sets the sessions of every working day, the same all year (default
// DefaultSessions: 07:30–11:30 and 13:00–17:00). Sessions are times of day in Zone, in order,
// each starting before it ends; a bad list makes New fail with an *OptionError (ErrBadHours).
func WithOfficeHours(sessions ...Session) Option {
	s := append([]Session(nil), sessions...)
	return optionFunc(func(c *config) error {
		if err := checkSessions("WithOfficeHours", s); err != nil {
			return err
		}
		c.seasons = []Season{{Month: time.January, Day: 1, Sessions: s}}
		return nil
	})
}

// WithSeasons sets office hours that change with the season. Each season starts on
// its Month and Day every year and lasts until the next one starts (the last one
// runs on into the next year until the first one starts).
func WithSeasons(seasons ...Season) Option {
	s := make([]Season, len(seasons))
	for i, x := range seasons {
		s[i] = Season{Month: x.Month, Day: x.Day, Sessions: append([]Session(nil), x.Sessions...)}
	}
	return optionFunc(func(c *config) error {
		if len(s) == 0 {
			return &OptionError{Option: "WithSeasons", Field: "seasons", Value: "", Err: ErrFieldRequired}
		}
		seen := map[int]bool{}
		for _, x := range s {
			if x.Month < time.January || x.Month > time.December || x.Day < 1 || x.Day > daysIn(2000, x.Month) {
				return &OptionError{Option: "WithSeasons", Field: "Month/Day", Value: strconv.Itoa(x.Day) + "/" + strconv.Itoa(int(x.Month)), Err: ErrBadValue}
			}
			md := int(x.Month)*32 + x.Day
			if seen[md] {
				return &OptionError{Option: "WithSeasons", Field: "Month/Day", Value: strconv.Itoa(x.Day) + "/" + strconv.Itoa(int(x.Month)), Err: ErrDuplicateDate}
			}
			seen[md] = true
			if err := checkSessions("WithSeasons", x.Sessions); err != nil {
				return err
			}
		}
		c.seasons = s
		return nil
	})
}

// WithReception sets reception hours on weekday w when it is a weekly rest day
// (for example Saturday 07:30–11:30). Receiving a dossier then is possible, but the
// day does not become a working day: counting starts at the next working session.
// On holidays and other days off the desk is closed.
func WithReception(w time.Weekday, sessions ...Session) Option {
	s := append([]Session(nil), sessions...)
	return optionFunc(func(c *config) error {
		if w < time.Sunday || w > time.Saturday {
			return &OptionError{Option: "WithReception", Field: "weekday", Value: strconv.Itoa(int(w)), Err: ErrBadValue}
		}
		if err := checkSessions("WithReception", s); err != nil {
			return err
		}
		c.reception[w] = s
		return nil
	})
}

// WithOverrides adds one-off days decided by the embedder (a closure, a notice
// published after the release): they take precedence over every other source.
// A day can be made off (holiday, compensatory, swapped_off, closure) or working
// (makeup_workday on a weekend day, workday to cancel a day off). Name is required and
// Source optional, each at most MaxText characters of text without control characters. A date
// given twice in one call is an error; given again in a later WithOverrides, the later one
// wins. A bad day makes New fail with an *OptionError naming its date.
func WithOverrides(days ...Day) Option {
	d := append([]Day(nil), days...)
	return optionFunc(func(c *config) error {
		seen := map[int64]bool{}
		for _, x := range d {
			v := x.Date.String()
			if y := yearOf(x.Date); y < minYear || y > maxYear {
				return &OptionError{Option: "WithOverrides", Field: "Date", Value: v, Err: ErrOutOfRange}
			}
			if int(x.Kind) >= len(kindNames) {
				return &OptionError{Option: "WithOverrides (" + v + ")", Field: "Kind", Value: strconv.Itoa(int(x.Kind)), Err: ErrUnknownKind}
			}
			if err := checkKind(x.Date, x.Kind); err != nil {
				return &OptionError{Option: "WithOverrides (" + v + ")", Field: "Kind", Value: x.Kind.String(), Err: err}
			}
			if x.Name == "" {
				return &OptionError{Option: "WithOverrides (" + v + ")", Field: "Name", Err: ErrFieldRequired}
			}
			if err := checkText(x.Name); err != nil {
				return &OptionError{Option: "WithOverrides (" + v + ")", Field: "Name", Err: err}
			}
			if err := checkText(x.Source); err != nil {
				return &OptionError{Option: "WithOverrides (" + v + ")", Field: "Source", Err: err}
			}
			if seen[int64(x.Date)] {
				return &OptionError{Option: "WithOverrides", Field: "Date", Value: v, Err: ErrDuplicateDate}
			}
			seen[int64(x.Date)] = true
		}
		for i := range d {
			d[i].Provisional = false
		}
		kept := c.overrides[:0:0]
		for _, o := range c.overrides {
			if !seen[int64(o.Date)] {
				kept = append(kept, o)
			}
		}
		c.overrides = append(kept, d...)
		return nil
	})
}

// WithSchedule adds an official schedule file (CSV or JSON, see ParseSchedule),
// read by New. It takes precedence over the embedded schedules and over files given
// before it: a file covers a year when it lists a holiday in it, and then replaces
// the lower sources for that year; its rows in years it does not cover patch single
// days. A bad file makes New fail with a *ScheduleError.
func WithSchedule(data []byte) Option {
	b := append([]byte(nil), data...)
	return optionFunc(func(c *config) error {
		days, err := ParseSchedule(b)
		if err != nil {
			return err
		}
		c.schedules = append(c.schedules, days)
		return nil
	})
}

// WithStatutoryHoliday adds fixed-date statutory holidays with the year they start.
// They are applied in every year they are active, in years covered by a schedule
// too (unless the schedule already lists the date), with their compensatory days.
func WithStatutoryHoliday(hs ...StatutoryHoliday) Option {
	h := append([]StatutoryHoliday(nil), hs...)
	return optionFunc(func(c *config) error {
		for _, x := range h {
			const opt = "WithStatutoryHoliday"
			if x.Month < time.January || x.Month > time.December || x.Day < 1 || x.Day > daysIn(2000, x.Month) {
				return &OptionError{Option: opt, Field: "Month/Day", Value: strconv.Itoa(x.Day) + "/" + strconv.Itoa(int(x.Month)), Err: ErrBadValue}
			}
			if x.From < minYear || x.From > maxYear || (x.Until != 0 && x.Until < x.From) {
				return &OptionError{Option: opt, Field: "From/Until", Value: strconv.Itoa(x.From) + "–" + strconv.Itoa(x.Until), Err: ErrOutOfRange}
			}
			if x.Name == "" {
				return &OptionError{Option: opt, Field: "Name", Value: "", Err: ErrFieldRequired}
			}
			if err := checkText(x.Name); err != nil {
				return &OptionError{Option: opt, Field: "Name", Err: err}
			}
			if err := checkText(x.Source); err != nil {
				return &OptionError{Option: opt, Field: "Source", Err: err}
			}
		}
		c.extras = append(c.extras, h...)
		return nil
	})
}

// WithHolidayRules replaces the rule policy (Tết placement, National Day second day,
// start of the five-day week) used for years no schedule covers.
func WithHolidayRules(r HolidayRules) Option {
	return optionFunc(func(c *config) error {
		for w, v := range r.TetBefore {
			if v < 0 || v > 4 {
				return &OptionError{Option: "WithHolidayRules", Field: "TetBefore[" + time.Weekday(w).String() + "]", Value: strconv.Itoa(v), Err: ErrOutOfRange}
			}
		}
		if r.TetBeforeShort < 0 || r.TetBeforeShort > 3 {
			return &OptionError{Option: "WithHolidayRules", Field: "TetBeforeShort", Value: strconv.Itoa(r.TetBeforeShort), Err: ErrOutOfRange}
		}
		for w, v := range r.NationalDaySecond {
			if v != -1 && v != 1 {
				return &OptionError{Option: "WithHolidayRules", Field: "NationalDaySecond[" + time.Weekday(w).String() + "]", Value: strconv.Itoa(v), Err: ErrBadValue}
			}
		}
		if y := yearOf(r.FiveDayWeekFrom); y < minYear || y > maxYear {
			return &OptionError{Option: "WithHolidayRules", Field: "FiveDayWeekFrom", Value: r.FiveDayWeekFrom.String(), Err: ErrOutOfRange}
		}
		c.rules = r
		return nil
	})
}

// WithDuePolicy selects the due-date policy of Due: WorkingTime (the default, counting from
// the moment of receipt) or CivilCode (counting from the next working day, Civil Code 2015
// Art. 147–148).
func WithDuePolicy(p DuePolicy) Option {
	return optionFunc(func(c *config) error {
		if p != WorkingTime && p != CivilCode {
			return &OptionError{Option: "WithDuePolicy", Field: "policy", Value: strconv.Itoa(int(p)), Err: ErrBadValue}
		}
		c.policy = p
		return nil
	})
}
