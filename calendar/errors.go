package calendar

import (
	"errors"
	"fmt"
	"strconv"
)

// problem is a sentinel error with a Vietnamese wording.
type problem struct{ en, vi string }

func (p *problem) Error() string { return p.en }

// Sentinel errors, phrased as predicates; test with errors.Is.
var (
	ErrBadHeader     error = &problem{"is not the header date,kind,name,source[,provisional]", "không phải dòng tiêu đề date,kind,name,source[,provisional]"}
	ErrSyntax        error = &problem{"is not well-formed", "sai cú pháp"}
	ErrBadDate       error = &problem{"is not a date of the form YYYY-MM-DD", "không phải ngày dạng YYYY-MM-DD"}
	ErrUnknownKind   error = &problem{"is not a kind of day (holiday, compensatory, swapped_off, makeup_workday, closure, workday, weekend)", "không phải loại ngày hợp lệ (holiday, compensatory, swapped_off, makeup_workday, closure, workday, weekend)"}
	ErrFieldRequired error = &problem{"is required", "là bắt buộc"}
	ErrDuplicateDate error = &problem{"is listed twice", "bị khai báo hai lần"}
	ErrOutOfRange    error = &problem{"is outside the supported range", "nằm ngoài phạm vi hỗ trợ"}
	ErrKindMismatch  error = &problem{"does not fit the day of the week", "không phù hợp với thứ trong tuần"}
	ErrBadValue      error = &problem{"is not a valid value", "không phải giá trị hợp lệ"}
	ErrBadHours      error = &problem{"is not a valid list of sessions (each start before its end, in order, within the day)", "không phải danh sách buổi làm việc hợp lệ (giờ bắt đầu trước giờ kết thúc, theo thứ tự, trong ngày)"}
	ErrBadLimit      error = &problem{"is not a time limit of the form \"N unit\" (working-days, working-hours, days, months)", "không phải thời hạn dạng \"N đơn vị\" (ngày làm việc, giờ làm việc, ngày, tháng)"}
)

func vi(err error) string {
	var p *problem
	if errors.As(err, &p) {
		return p.vi
	}
	if err == nil {
		return ""
	}
	return err.Error()
}

// ScheduleError reports a bad row in a schedule file: the line (1-based), the field and its value.
type ScheduleError struct {
	Line  int
	Field string
	Value string
	Err   error
}

// Error returns the message in English.
func (e *ScheduleError) Error() string {
	if e.Field == "" {
		return fmt.Sprintf("calendar: schedule line %d: %v", e.Line, e.Err)
	}
	return fmt.Sprintf("calendar: schedule line %d: %s %q %v", e.Line, e.Field, e.Value, e.Err)
}

// Vietnamese returns the message in Vietnamese.
func (e *ScheduleError) Vietnamese() string {
	if e.Field == "" {
		return "lịch nghỉ, dòng " + strconv.Itoa(e.Line) + ": " + vi(e.Err)
	}
	return fmt.Sprintf("lịch nghỉ, dòng %d: trường %s %q %s", e.Line, e.Field, e.Value, vi(e.Err))
}

// Unwrap returns the sentinel error.
func (e *ScheduleError) Unwrap() error { return e.Err }

// OptionError reports a bad option given to New: the option, the field and its value.
type OptionError struct {
	Option string
	Field  string
	Value  string
	Err    error
}

// Error returns the message in English.
func (e *OptionError) Error() string {
	if e.Value == "" {
		return fmt.Sprintf("calendar: %s: %s %v", e.Option, e.Field, e.Err)
	}
	return fmt.Sprintf("calendar: %s: %s %q %v", e.Option, e.Field, e.Value, e.Err)
}

// Vietnamese returns the message in Vietnamese.
func (e *OptionError) Vietnamese() string {
	if e.Value == "" {
		return fmt.Sprintf("lịch: %s: trường %s %s", e.Option, e.Field, vi(e.Err))
	}
	return fmt.Sprintf("lịch: %s: trường %s %q %s", e.Option, e.Field, e.Value, vi(e.Err))
}

// Unwrap returns the sentinel error.
func (e *OptionError) Unwrap() error { return e.Err }

// LimitError reports a time limit that cannot be read or written.
type LimitError struct {
	Value string
	Err   error
}

// Error returns the message in English.
func (e *LimitError) Error() string { return fmt.Sprintf("calendar: limit %q %v", e.Value, e.Err) }

// Vietnamese returns the message in Vietnamese.
func (e *LimitError) Vietnamese() string {
	return fmt.Sprintf("thời hạn %q %s", e.Value, vi(e.Err))
}

// Unwrap returns the sentinel error.
func (e *LimitError) Unwrap() error { return e.Err }
