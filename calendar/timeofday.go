package calendar

import (
	"strconv"
	"strings"
	"time"

	"github.com/motcua-go/motcua/internal/msg"
)

// TimeOfDay is a time of day in Vietnam's time zone (Zone), as the time since midnight:
// 15:00 is TimeOfDay(15 * time.Hour). It is the type of the same-day cut-off (SameDayDue).
//
// Text form (String, MarshalText, ParseTimeOfDay): "HH:MM" on the 24-hour clock, e.g. "15:00",
// or "HH:MM:SS" when the seconds are not zero. A valid TimeOfDay lies in 00:00–23:59:59 and
// holds whole seconds.
type TimeOfDay time.Duration

// Valid reports whether t lies in 00:00–23:59:59 and holds whole seconds.
func (t TimeOfDay) Valid() bool {
	return t >= 0 && time.Duration(t) < 24*time.Hour && time.Duration(t)%time.Second == 0
}

// String returns "HH:MM" (or "HH:MM:SS" when the seconds are not zero); a value that is not
// Valid is written as a duration, e.g. "TimeOfDay(25h0m0s)".
func (t TimeOfDay) String() string {
	if !t.Valid() {
		return "TimeOfDay(" + time.Duration(t).String() + ")"
	}
	s := int(time.Duration(t) / time.Second)
	b := make([]byte, 0, 8)
	b = appendTwo(b, s/3600)
	b = append(b, ':')
	b = appendTwo(b, s/60%60)
	if s%60 != 0 {
		b = append(b, ':')
		b = appendTwo(b, s%60)
	}
	return string(b)
}

func appendTwo(b []byte, n int) []byte { return append(b, byte('0'+n/10), byte('0'+n%10)) }

// MarshalText encodes t as String does; a TimeOfDay that is not Valid is a *TextError
// wrapping ErrBadTimeOfDay.
func (t TimeOfDay) MarshalText() ([]byte, error) {
	if !t.Valid() {
		return nil, &TextError{Value: t.String(), Err: ErrBadTimeOfDay}
	}
	return []byte(t.String()), nil
}

// UnmarshalText decodes the forms ParseTimeOfDay reads.
func (t *TimeOfDay) UnmarshalText(b []byte) error {
	v, err := ParseTimeOfDay(string(b))
	if err != nil {
		return err
	}
	*t = v
	return nil
}

// ParseTimeOfDay reads a time of day on the 24-hour clock: "HH:MM" ("15:00", "07:30"; the hour
// may have one digit, "7:30") or "HH:MM:SS", from 00:00 to 23:59:59; surrounding spaces are
// ignored. The error is a *TextError wrapping ErrBadTimeOfDay; it repeats at most the first 64
// characters of s.
func ParseTimeOfDay(s string) (TimeOfDay, error) {
	bad := func() (TimeOfDay, error) { return 0, &TextError{Value: msg.Clip(s), Err: ErrBadTimeOfDay} }
	t := strings.TrimSpace(s)
	h, rest, ok := strings.Cut(t, ":")
	if !ok || len(h) < 1 || len(h) > 2 {
		return bad()
	}
	m, sec, hasSec := strings.Cut(rest, ":")
	if len(m) != 2 || (hasSec && len(sec) != 2) {
		return bad()
	}
	hh, err1 := strconv.ParseUint(h, 10, 8)
	mm, err2 := strconv.ParseUint(m, 10, 8)
	ss := uint64(0)
	var err3 error
	if hasSec {
		ss, err3 = strconv.ParseUint(sec, 10, 8)
	}
	if err1 != nil || err2 != nil || err3 != nil || hh > 23 || mm > 59 || ss > 59 {
		return bad()
	}
	return TimeOfDay(time.Duration(hh)*time.Hour + time.Duration(mm)*time.Minute + time.Duration(ss)*time.Second), nil
}
