package calendar

import (
	"fmt"
	"sort"
	"time"

	"github.com/motcua-go/motcua/internal/msg"
	"github.com/rickb777/date/v2"
)

// Session is a span of office hours within a day, [Start, End) as times of day
// (durations since midnight, local time).
type Session struct {
	Start, End time.Duration
}

// String returns the session as "07:30–11:30".
func (s Session) String() string { return clockString(s.Start) + "–" + clockString(s.End) }

func clockString(d time.Duration) string {
	m := int(d / time.Minute)
	return fmt.Sprintf("%02d:%02d", m/60, m%60)
}

// Season is a set of office hours starting on Month/Day every year.
type Season struct {
	Month    time.Month
	Day      int
	Sessions []Session
}

func checkSessions(opt string, s []Session) error {
	if len(s) == 0 {
		return &OptionError{Option: opt, Field: "sessions", Value: "", Err: ErrBadHours}
	}
	prev := time.Duration(0)
	for i, x := range s {
		if x.Start < prev || x.End <= x.Start || x.End > 24*time.Hour || (i > 0 && x.Start < s[i-1].End) {
			return &OptionError{Option: opt, Field: "sessions", Value: msg.Clip(fmt.Sprint(s)), Err: ErrBadHours}
		}
		prev = x.End
	}
	return nil
}

// season is a compiled Season.
type season struct {
	md       int
	sessions []Session
	total    time.Duration
}

func compileSeasons(in []Season) []season {
	out := make([]season, len(in))
	for i, s := range in {
		out[i] = season{md: int(s.Month)*32 + s.Day, sessions: s.Sessions}
		for _, x := range s.Sessions {
			out[i].total += x.End - x.Start
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].md < out[j].md })
	return out
}

// seasonFor returns the index of the season in force on d.
func (c *Calendar) seasonFor(d date.Date) *season {
	if len(c.seasons) == 1 {
		return &c.seasons[0]
	}
	if i := int64(d) - int64(c.lo); i >= 0 && i < int64(len(c.seasonOf)) {
		return &c.seasons[c.seasonOf[i]]
	}
	return &c.seasons[c.seasonIndex(d)]
}

func (c *Calendar) seasonIndex(d date.Date) uint8 {
	_, m, day := ymd(d)
	md := int(m)*32 + day
	idx := len(c.seasons) - 1
	for i, s := range c.seasons {
		if s.md <= md {
			idx = i
		}
	}
	return uint8(idx)
}

// elapsed returns the session time from the day's opening to tod.
func (s *season) elapsed(tod time.Duration) time.Duration {
	var p time.Duration
	for _, x := range s.sessions {
		if tod <= x.Start {
			break
		}
		if tod < x.End {
			return p + tod - x.Start
		}
		p += x.End - x.Start
	}
	return p
}

// at returns the time of day at session time p in (0, total]; a position on a
// session boundary is the earlier session's close.
func (s *season) at(p time.Duration) time.Duration {
	for _, x := range s.sessions {
		if l := x.End - x.Start; p <= l {
			return x.Start + p
		} else {
			p -= l
		}
	}
	return s.sessions[len(s.sessions)-1].End
}

// atBack returns the time of day at session time r in [0, total); a position on a
// session boundary is the later session's start.
func (s *season) atBack(r time.Duration) time.Duration {
	for _, x := range s.sessions {
		if l := x.End - x.Start; r < l {
			return x.Start + r
		} else {
			r -= l
		}
	}
	return s.sessions[len(s.sessions)-1].End
}

func (s *season) open() time.Duration  { return s.sessions[0].Start }
func (s *season) close() time.Duration { return s.sessions[len(s.sessions)-1].End }

func inSessions(ss []Session, tod time.Duration) bool {
	for _, x := range ss {
		if tod >= x.Start && tod < x.End {
			return true
		}
	}
	return false
}

// IsOfficeHours reports whether t falls inside a working session of a working day.
func (c *Calendar) IsOfficeHours(t time.Time) bool {
	d, tod := split(t)
	return c.IsWorkingDay(d) && inSessions(c.seasonFor(d).sessions, tod)
}

// IsReceptionHours reports whether the desk receives dossiers at t: office hours,
// or the reception hours of a weekly rest day (not on holidays or other days off).
func (c *Calendar) IsReceptionHours(t time.Time) bool {
	d, tod := split(t)
	if c.IsWorkingDay(d) {
		return inSessions(c.seasonFor(d).sessions, tod)
	}
	return c.kind(d) == Weekend && inSessions(c.reception[stdWeekday(d)], tod)
}

// NextWorkingStart returns t (in Zone()) if t is within office hours, else the start
// of the next session.
func (c *Calendar) NextWorkingStart(t time.Time) time.Time {
	d, tod := split(t)
	if c.IsWorkingDay(d) {
		for _, x := range c.seasonFor(d).sessions {
			if tod < x.End {
				if tod >= x.Start {
					return t.In(zone)
				}
				return instant(d, x.Start)
			}
		}
	}
	n := c.AddWorkingDays(d, 1)
	return instant(n, c.seasonFor(n).open())
}

// CloseOfDay returns the end of the last session of d (the closing time of its
// season's hours, also when d is not a working day).
func (c *Calendar) CloseOfDay(d date.Date) time.Time {
	return instant(d, c.seasonFor(d).close())
}

// closeOnOrAfter returns the close of d if it is a working day, else of the next working day.
func (c *Calendar) closeOnOrAfter(d date.Date) time.Time {
	if !c.IsWorkingDay(d) {
		d = c.AddWorkingDays(d, 1)
	}
	return c.CloseOfDay(d)
}
