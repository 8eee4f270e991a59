package routing

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/motcua-go/motcua/calendar"
	"github.com/motcua-go/motcua/procedure"
	"golang.org/x/text/language"
)

// Regression: Plan with a nil calendar said "time limit 8wd is required". A nil calendar is
// the default civil-service calendar, as in the dossier and onestop configurations.
func TestPlanNilCalendarIsDefault(t *testing.T) {
	r := sample(t, "land-transfer")
	received := at(2026, 3, 2, 8, 0)
	got, err := Plan(r, received, limit(8, calendar.WorkingDays), nil)
	if err != nil {
		t.Fatal(err)
	}
	want, err := Plan(r, received, limit(8, calendar.WorkingDays), calendar.Default())
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("nil calendar (-default +nil):\n%s", diff)
	}
}

// Regression: Plan(nil, …) blamed the time limit. It names the route; Replan(nil, …) names
// the schedule.
func TestPlanNilRouteNamesTheRoute(t *testing.T) {
	_, err := Plan(nil, at(2026, 3, 2, 8, 0), limit(8, calendar.WorkingDays), calendar.Default())
	var pe *PlanError
	if !errors.As(err, &pe) || !errors.Is(err, ErrRequired) {
		t.Fatalf("Plan(nil) = %v", err)
	}
	if en, vi := pe.Message(language.English), pe.Message(language.Vietnamese); en != "route is required" || vi != "quy trình là bắt buộc" {
		t.Errorf("messages %q, %q", en, vi)
	}
	_, err = Replan(nil, Progress{}, at(2026, 3, 2, 8, 0))
	if !errors.As(err, &pe) || !errors.Is(err, ErrRequired) {
		t.Fatalf("Replan(nil) = %v", err)
	}
	if en, vi := pe.Message(language.English), pe.Message(language.Vietnamese); en != "schedule is required" || vi != "kế hoạch xử lý là bắt buộc" {
		t.Errorf("messages %q, %q", en, vi)
	}
}

// Regression: Replan accepted a step finished before the dossier was received (when a step
// before it was not recorded), and a step finished while a step before it was not.
func TestReplanRejectsImpossibleProgress(t *testing.T) {
	s, err := Plan(sample(t, "birth-u6-paper"), at(2026, 2, 12, 9, 10), limit(3, calendar.WorkingDays), calendar.Default())
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		finished map[int]time.Time
		is       error
		en, vi   []string
	}{
		{"start step before receipt", map[int]time.Time{0: at(2026, 2, 11, 16, 0)}, ErrBeforeReceipt,
			[]string{`progress: steps[0].finished "2026-02-11T16:00:00+07:00" is before the dossier was received`},
			[]string{`tiến độ xử lý: thời điểm hoàn thành của bước thứ 1 "2026-02-11T16:00:00+07:00" trước thời điểm tiếp nhận hồ sơ`}},
		{"later step before receipt, its predecessor open", map[int]time.Time{2: at(2026, 2, 12, 8, 0)}, ErrBeforeReceipt,
			[]string{`progress: steps[2].finished "2026-02-12T08:00:00+07:00" is before the dossier was received`},
			[]string{`tiến độ xử lý: thời điểm hoàn thành của bước thứ 3 "2026-02-12T08:00:00+07:00" trước thời điểm tiếp nhận hồ sơ`}},
		{"later step finished, its predecessor open", map[int]time.Time{0: at(2026, 2, 12, 10, 0), 2: at(2026, 2, 13, 10, 0)}, ErrPredecessor,
			[]string{`progress: steps[2].finished "2026-02-13T10:00:00+07:00" is recorded while a step before it is not finished`},
			[]string{`tiến độ xử lý: thời điểm hoàn thành của bước thứ 3 "2026-02-13T10:00:00+07:00" được ghi nhận khi một bước trước nó chưa hoàn thành`}},
		{"both at once", map[int]time.Time{0: at(2026, 2, 11, 16, 0), 3: at(2026, 2, 13, 10, 0)}, ErrPredecessor,
			[]string{`progress: steps[0].finished "2026-02-11T16:00:00+07:00" is before the dossier was received`,
				`progress: steps[3].finished "2026-02-13T10:00:00+07:00" is recorded while a step before it is not finished`},
			[]string{`tiến độ xử lý: thời điểm hoàn thành của bước thứ 1 "2026-02-11T16:00:00+07:00" trước thời điểm tiếp nhận hồ sơ`,
				`tiến độ xử lý: thời điểm hoàn thành của bước thứ 4 "2026-02-13T10:00:00+07:00" được ghi nhận khi một bước trước nó chưa hoàn thành`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := s.Progress()
			for k, f := range tt.finished {
				p.Steps[k].Finished = f
			}
			re, err := Replan(s, p, at(2026, 2, 16, 9, 0))
			var ve *ValidationError
			if re != nil || !errors.As(err, &ve) || !errors.Is(err, tt.is) {
				t.Fatalf("Replan = %v, %v; want %v", re, err, tt.is)
			}
			if diff := cmp.Diff(tt.en, ve.Messages(language.English)); diff != "" {
				t.Errorf("English (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.vi, ve.Messages(language.Vietnamese)); diff != "" {
				t.Errorf("Vietnamese (-want +got):\n%s", diff)
			}
		})
	}
}

// Regression: messages repeated input of any length. They repeat at most 64 runes of a value
// or name, then "…".
func TestMessagesClipLongInput(t *testing.T) {
	long := strings.Repeat("ệ", 100<<10)
	errs := []interface{ Message(language.Tag) string }{
		&FieldError{Field: "steps[0].agency", Value: long, Err: ErrInvalid},
		&FieldError{Field: strings.Repeat("p", 100<<10), Value: long, Err: ErrInvalid},
		joined{&ValidationError{Name: long, Problems: []*FieldError{{Field: "name", Value: long, Err: ErrInvalid}}}},
		&PlanError{Route: long, Limit: "3wd", Err: ErrLimit},
		&SelectError{Query: Query{Procedure: long, Case: long, Channel: procedure.Online}, Err: ErrNoRoute},
		&AgencyError{Role: Function(long), Err: ErrUnknownRole},
	}
	for _, e := range errs {
		for _, lang := range []language.Tag{language.English, language.Vietnamese} {
			m := e.Message(lang)
			if len([]rune(m)) > 600 || !strings.Contains(m, strings.Repeat("ệ", 64)+"…") || strings.Contains(m, strings.Repeat("ệ", 65)) {
				t.Errorf("%T in %d: %d runes: %.120q…", e, lang, len([]rune(m)), m)
			}
		}
	}
	// A path is cut at 128 runes.
	if m := (&FieldError{Field: strings.Repeat("p", 100<<10), Err: ErrInvalid}).Error(); m != strings.Repeat("p", 128)+"… is not valid" {
		t.Errorf("long path: %.200q", m)
	}
	// Short values are not touched.
	if got := (&FieldError{Field: "limit", Value: "3wd", Err: ErrLimit}).Error(); got != `limit "3wd" is not a usable time limit` {
		t.Errorf("short value: %q", got)
	}
}

// joined gives a ValidationError the Message method of the other errors.
type joined struct{ *ValidationError }

func (j joined) Message(lang language.Tag) string { return strings.Join(j.Messages(lang), "; ") }
