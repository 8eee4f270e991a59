package httpapi

import (
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/rickb777/date/v2"

	"github.com/motcua-go/motcua/calendar"
	"github.com/motcua-go/motcua/internal/msg"
)

// MaxLimitN is the largest number of units a limit asked of GET /v1/calendar/due may have.
const MaxLimitN = 100000

// Calendar years the API answers for: those of the calendar package.
const (
	minYear = 1
	maxYear = 9999
)

// instantParam reads an instant from the query: RFC 3339 ("2026-03-10T09:00:00+07:00"), or
// a date YYYY-MM-DD meaning its midnight in Vietnam.
func instantParam(q url.Values, name string, required bool) (time.Time, error) {
	v := q.Get(name)
	if v == "" {
		if !required {
			return time.Time{}, nil
		}
		return time.Time{}, &badInput{kind: kindBadRequest, field: name,
			vi: "thiếu tham số " + name, en: "parameter " + name + " is required"}
	}
	t, err := time.Parse(time.RFC3339, v)
	if err != nil {
		t, err = time.ParseInLocation(time.DateOnly, v, calendar.Zone())
	}
	if err != nil || t.Year() < minYear+1 || t.Year() > maxYear-1 {
		return time.Time{}, &badInput{kind: kindBadRequest, field: name,
			vi: name + " " + msg.Quote(v) + " không phải thời điểm RFC 3339 (2026-03-10T09:00:00+07:00) hay ngày YYYY-MM-DD từ năm 2 đến 9998",
			en: name + " " + msg.Quote(v) + " is not an RFC 3339 instant (2026-03-10T09:00:00+07:00) or a date YYYY-MM-DD from year 2 to 9998"}
	}
	return t.In(calendar.Zone()), nil
}

// dayParam reads a required date YYYY-MM-DD from the query.
func dayParam(q url.Values, name string) (date.Date, error) {
	v := q.Get(name)
	t, err := time.Parse(time.DateOnly, v)
	if err != nil || t.Year() < minYear || t.Year() > maxYear {
		return 0, &badInput{kind: kindBadRequest, field: name,
			vi: name + " " + msg.Quote(v) + " không phải ngày YYYY-MM-DD", en: name + " " + msg.Quote(v) + " is not a date YYYY-MM-DD"}
	}
	return date.NewAt(t), nil
}

// dueAnswer is the answer to GET /v1/calendar/due.
type dueAnswer struct {
	Received time.Time      `json:"received"`
	Limit    calendar.Limit `json:"limit"`
	Due      time.Time      `json:"due"`
}

func (s *Server) calDue(w http.ResponseWriter, r *http.Request) {
	q, err := params(r, "received", "limit")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	received, err := instantParam(q, "received", true)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	l, err := calendar.ParseLimit(q.Get("limit"))
	if err != nil {
		s.fail(w, r, &badInput{kind: kindBadRequest, field: "limit",
			vi: "limit " + msg.Quote(q.Get("limit")) + " không phải thời hạn (ví dụ 3wd, \"5 ngày làm việc\", 20d)",
			en: "limit " + msg.Quote(q.Get("limit")) + " is not a time limit (e.g. 3wd, \"5 working days\", 20d)"})
		return
	}
	if l.N > MaxLimitN {
		s.fail(w, r, &badInput{kind: kindBadRequest, field: "limit",
			vi: "limit lớn hơn " + strconv.Itoa(MaxLimitN) + " đơn vị", en: "limit is more than " + strconv.Itoa(MaxLimitN) + " units"})
		return
	}
	writeJSON(w, r, http.StatusOK, dueAnswer{Received: received, Limit: l, Due: s.cal.Due(received, l)})
}

// daysOffAnswer is the answer to GET /v1/calendar/days-off.
type daysOffAnswer struct {
	Year   int            `json:"year"`
	Status string         `json:"status"` // announced, or provisional (inferred from the rules)
	Days   []calendar.Day `json:"days"`
}

func (s *Server) calDaysOff(w http.ResponseWriter, r *http.Request) {
	q, err := params(r, "year")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	year, err := strconv.Atoi(q.Get("year"))
	if err != nil || year < minYear || year > maxYear {
		s.fail(w, r, &badInput{kind: kindBadRequest, field: "year",
			vi: "year " + msg.Quote(q.Get("year")) + " phải là số từ 1 đến 9999", en: "year " + msg.Quote(q.Get("year")) + " must be a number from 1 to 9999"})
		return
	}
	days := s.cal.DaysOff(year)
	if days == nil {
		days = []calendar.Day{}
	}
	writeJSON(w, r, http.StatusOK, daysOffAnswer{Year: year, Status: s.cal.Status(year).String(), Days: days})
}

// workingDaysAnswer is the answer to GET /v1/calendar/working-days.
type workingDaysAnswer struct {
	From        date.Date `json:"from"`
	To          date.Date `json:"to"`
	WorkingDays int       `json:"working_days"` // working days in (from, to]; negative when to is before from
}

func (s *Server) calWorkingDays(w http.ResponseWriter, r *http.Request) {
	q, err := params(r, "from", "to")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	from, err := dayParam(q, "from")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	to, err := dayParam(q, "to")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, r, http.StatusOK, workingDaysAnswer{From: from, To: to, WorkingDays: s.cal.WorkingDaysBetween(from, to)})
}
