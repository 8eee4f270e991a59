package calendar

import "errors"

// subError is a sentinel that refines another: errors.Is matches both.
type subError struct {
	text   string
	parent error
}

func (e *subError) Error() string { return e.text }
func (e *subError) Unwrap() error { return e.parent }

// Sentinel errors, phrased as predicates; test with errors.Is. Each is wrapped in a
// *ScheduleError, an *OptionError or a *TextError, which name the line, field or value at
// fault; their Message method gives the text in Vietnamese or English.
var (
	// ErrBadHeader: the first line of a CSV schedule is not its header.
	ErrBadHeader = errors.New("is not the header date,kind,name,source[,provisional]")
	// ErrSyntax: a schedule file is not well-formed CSV or JSON.
	ErrSyntax = errors.New("is not well-formed")
	// ErrBadDate: a date is not written YYYY-MM-DD with a year from 1 to 9999.
	ErrBadDate = errors.New("is not a date of the form YYYY-MM-DD")
	// ErrUnknownKind: a kind of day that is none of DayKind's text forms.
	ErrUnknownKind = errors.New("is not a kind of day (holiday, compensatory, swapped_off, makeup_workday, closure, workday, weekend)")
	// ErrFieldRequired: a name, a source or a list that must be given is empty.
	ErrFieldRequired = errors.New("is required")
	// ErrDuplicateDate: a date listed twice in one schedule file or one option.
	ErrDuplicateDate = errors.New("is listed twice")
	// ErrOutOfRange: a year or a number outside what the calendar supports.
	ErrOutOfRange = errors.New("is outside the supported range")
	// ErrKindMismatch: a kind of day that cannot fall on that day of the week (a make-up
	// working day on a Wednesday, a swapped-off day on a Sunday).
	ErrKindMismatch = errors.New("does not fit the day of the week")
	// ErrBadValue: a value outside its field's choices.
	ErrBadValue = errors.New("is not a valid value")
	// ErrBadHours: office or reception hours that are not sessions in order within the day.
	ErrBadHours = errors.New("is not a valid list of sessions (each start before its end, in order, within the day)")
	// ErrBadLimit: a text ParseLimit cannot read, or a Limit with no text form.
	ErrBadLimit = errors.New(`is not a time limit of the form "N unit" (units: working_days, working_hours, days, months)`)
	// ErrBadUnit: a text ParseUnit cannot read, or a Unit with no text form.
	ErrBadUnit = errors.New("is not a unit of a time limit (working_days, working_hours, days, months)")
	// ErrBadTimeOfDay: a text ParseTimeOfDay cannot read, or a TimeOfDay with no text form.
	ErrBadTimeOfDay = errors.New("is not a time of day of the form HH:MM (00:00 to 23:59)")
	// ErrControl: a name or source holding a NUL, a line break or another control character.
	ErrControl = errors.New("contains a NUL or another control character")
	// ErrEncoding: a schedule file, a name or a source that is not valid UTF-8.
	ErrEncoding = errors.New("is not valid UTF-8 text")
	// ErrTooLong: a name or source longer than MaxText characters.
	ErrTooLong = errors.New("is longer than 200 characters")
	// ErrUnknownField: a JSON schedule row with a field it does not have.
	ErrUnknownField = errors.New("is not a field of a schedule row (date, kind, name, source, provisional)")

	// ErrNoSuchDate: a date well written that the calendar does not have (2026-02-30). It
	// refines ErrBadDate: errors.Is(err, ErrBadDate) holds too.
	ErrNoSuchDate error = &subError{"is not a day of the calendar (the month is shorter)", ErrBadDate}
	// ErrWrongType: a JSON value of the wrong type (a number where text is expected). It
	// refines ErrSyntax: errors.Is(err, ErrSyntax) holds too.
	ErrWrongType error = &subError{"has the wrong JSON type", ErrSyntax}
)

// MaxText is the longest name or source (in characters) a schedule row, an override or a
// statutory holiday may have.
const MaxText = 200

// ScheduleError reports a bad row in a schedule file (ParseSchedule, WithSchedule): the line
// (1-based), the field ("date", "kind", "name", "source", "provisional", "header" or "row";
// empty when the line as a whole is at fault) and its value, cut to its first 64 characters.
type ScheduleError struct {
	Line  int
	Field string
	Value string
	Err   error
}

// Error returns the message in English, e.g. `calendar: schedule line 3: date "2026-02-30" is
// not a day of the calendar (the month is shorter)`.
func (e *ScheduleError) Error() string { return "calendar: " + e.Message(englishTag) }

// Unwrap returns the sentinel error.
func (e *ScheduleError) Unwrap() error { return e.Err }

// OptionError reports a bad option given to New: the option (with the date at fault for
// WithOverrides), the field and its value, cut to its first 64 characters.
type OptionError struct {
	Option string
	Field  string
	Value  string
	Err    error
}

// Error returns the message in English, e.g. `calendar: WithOverrides (2026-03-11): Name is
// required`.
func (e *OptionError) Error() string { return "calendar: " + e.Message(englishTag) }

// Unwrap returns the sentinel error.
func (e *OptionError) Unwrap() error { return e.Err }

// TextError reports a text that cannot be read as a time limit, a unit, a time of day or a
// kind of day (ParseLimit, ParseUnit, ParseTimeOfDay and the UnmarshalText methods), or a
// value whose MarshalText has no text form. Value is the text, cut to its first 64
// characters; Err is ErrBadLimit, ErrBadUnit, ErrBadTimeOfDay or ErrUnknownKind.
type TextError struct {
	Value string
	Err   error
}

// Error returns the message in English, e.g. `calendar: "3 weeks" is not a time limit…`.
func (e *TextError) Error() string { return "calendar: " + e.Message(englishTag) }

// Unwrap returns the sentinel error.
func (e *TextError) Unwrap() error { return e.Err }
