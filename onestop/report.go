package onestop

import (
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/motcua-go/motcua/internal/msg"
	"golang.org/x/text/language"
)

// Appointment selects the appointment a dossier's timeliness is judged against in reports.
type Appointment uint8

// Appointment bases.
const (
	// CurrentAppointment judges against the appointment in force (after the one re-appointment
	// allowed by Decree 61 Art. 19(9)), as national systems sync it (NgayHenTra). Default.
	CurrentAppointment Appointment = iota
	// OriginalAppointment judges against the first appointment (Mẫu 01): an apology does not
	// turn a late dossier into an on-time one.
	OriginalAppointment
)

// WithdrawnPolicy says where withdrawn and stopped dossiers go in Biểu 06, which has no column
// for them. Set it in ReportOptions.Withdrawn; the default is WithdrawnAsResolved.
type WithdrawnPolicy uint8

// Withdrawn policies.
const (
	// WithdrawnAsResolved counts a withdrawn dossier as resolved when it ends (early, on time or
	// late by its end time), as the Decision 766 formulas treat withdrawal as an end of
	// processing. It is also counted in the informative Withdrawn column. Default.
	WithdrawnAsResolved WithdrawnPolicy = iota
	// WithdrawnExcluded leaves withdrawn dossiers out of every column but Withdrawn.
	WithdrawnExcluded
)

// EarlyBy says when a resolved dossier is counted early (trước hạn) rather than on time
// (đúng hạn) in Biểu 06. Circular 01/2020 does not define the boundary between the two
// columns; set it in ReportOptions.EarlyBy; the default is EarlyByDay.
type EarlyBy uint8

// Early/on-time boundaries.
const (
	// EarlyByDay counts a dossier early when it ended on an earlier calendar day (in Vietnam)
	// than its appointment; ended on the appointment's day, at or before the appointed time,
	// it is on time. This matches the appointment slip, which gives the applicant a day to
	// come back. Default.
	EarlyByDay EarlyBy = iota
	// EarlyByInstant counts a dossier early when it ended at any instant before its
	// appointment; only a dossier that ended exactly at the appointed time is on time.
	EarlyByInstant
)

// ReportOptions are the policy choices of a report. The zero value is the default:
// CurrentAppointment, WithdrawnAsResolved, EarlyByDay.
type ReportOptions struct {
	Appointment Appointment
	Withdrawn   WithdrawnPolicy
	EarlyBy     EarlyBy
}

// early reports whether a dossier that ended at end, no later than due, counts as early.
func (b EarlyBy) early(end, due int64) bool {
	if b == EarlyByInstant {
		return end < due
	}
	return vnDay(end) < vnDay(due)
}

// Counts are the columns of Biểu số 06/VPCP/KSTT (Circular 01/2020/TT-VPCP) for one row, plus
// the dossiers withdrawn or stopped in the period. Totals are counted independently of their
// parts, so Check verifies the form's identities.
type Counts struct {
	Received        int `json:"received"`         // số hồ sơ nhận giải quyết: tổng số
	ReceivedOnline  int `json:"received_online"`  // mới tiếp nhận trực tuyến
	ReceivedCounter int `json:"received_counter"` // mới tiếp nhận trực tiếp, dịch vụ bưu chính
	CarriedOver     int `json:"carried_over"`     // từ kỳ trước chuyển sang

	Resolved int `json:"resolved"` // đã giải quyết: tổng số
	Early    int `json:"early"`    // trước hạn
	OnTime   int `json:"on_time"`  // đúng hạn
	Late     int `json:"late"`     // quá hạn

	InProgress int `json:"in_progress"` // đang giải quyết: tổng số
	Within     int `json:"within"`      // trong hạn
	Over       int `json:"over"`        // quá hạn

	Withdrawn int `json:"withdrawn"` // withdrawn or stopped in the period (informative; see WithdrawnPolicy)
	// Closed counts, among Withdrawn, the dossiers the desk closed because the supplement did
	// not come (Decree 118/2025 Art. 19(5); OutcomeClosed), informative.
	Closed int `json:"closed"`
	// Corrected counts the dossiers of the row whose result the desk sent back to the agency
	// for correction (Decree 118/2025 Art. 23(1): an error found by the applicant), and
	// CorrectedLate those of them with a correction returned after the agency's 3 working
	// days. Informative columns beside Biểu 06, which has none for them: the dossier stays
	// counted once, resolved and judged at its first result (the correction does not move
	// its end). A dossier is counted in every report that includes it, with the corrections
	// recorded when the report is made.
	Corrected     int `json:"corrected"`
	CorrectedLate int `json:"corrected_late"`
}

// ErrIdentity: the figures of a report do not add up (see IdentityError).
var ErrIdentity = newProblem("violates a report identity")

// Check verifies that the figures of the row add up as the form requires: received = online
// + counter/postal + carried over = resolved + in progress; resolved = early + on time + late;
// in progress = within + over. A row that does not is an *IdentityError.
func (c Counts) Check() error {
	for id := IdentityReceived; id <= IdentityInProgress; id++ {
		if sum, parts := id.figures(c); sum != total(parts) {
			return &IdentityError{Identity: id, Counts: c}
		}
	}
	return nil
}

// Identity is one of the rules by which the figures of Biểu 06 add up.
type Identity uint8

// The identities of the form.
const (
	IdentityReceived   Identity = iota + 1 // received = new online + new at the counter or by post + carried over
	IdentityHandled                        // received = resolved + in progress
	IdentityResolved                       // resolved = early + on time + late
	IdentityInProgress                     // in progress = within the time limit + over it
	IdentityRows                           // the rows add up to the total
)

// figures returns the total an identity checks and the parts that must make it.
func (id Identity) figures(c Counts) (int, []int) {
	switch id {
	case IdentityReceived:
		return c.Received, []int{c.ReceivedOnline, c.ReceivedCounter, c.CarriedOver}
	case IdentityHandled:
		return c.Received, []int{c.Resolved, c.InProgress}
	case IdentityResolved:
		return c.Resolved, []int{c.Early, c.OnTime, c.Late}
	case IdentityInProgress:
		return c.InProgress, []int{c.Within, c.Over}
	}
	return 0, nil
}

func total(parts []int) int {
	n := 0
	for _, p := range parts {
		n += p
	}
	return n
}

// The names of the figures of each identity, total first, in English and in the form's
// Vietnamese.
var (
	identityEn = [...][]string{
		IdentityReceived:   {"received", "online", "counter or postal", "carried over"},
		IdentityHandled:    {"received", "resolved", "in progress"},
		IdentityResolved:   {"resolved", "early", "on time", "late"},
		IdentityInProgress: {"in progress", "within the time limit", "over the time limit"},
	}
	identityVi = [...][]string{
		IdentityReceived:   {"số hồ sơ nhận giải quyết", "trực tuyến", "trực tiếp, dịch vụ bưu chính", "từ kỳ trước chuyển sang"},
		IdentityHandled:    {"số hồ sơ nhận giải quyết", "đã giải quyết", "đang giải quyết"},
		IdentityResolved:   {"đã giải quyết", "trước hạn", "đúng hạn", "quá hạn"},
		IdentityInProgress: {"đang giải quyết", "trong hạn", "quá hạn"},
	}
)

// IdentityError reports figures of a report that do not add up.
type IdentityError struct {
	// Row names the row: empty for the total, else its level and field, or its agency.
	Row      string
	Identity Identity
	Counts   Counts // the figures of the row (of the sum of the rows, for IdentityRows)
}

// Error returns the message in English.
func (e *IdentityError) Error() string { return e.Message(language.English) }

// Message returns the message in lang, with the figures, e.g. "received 6 ≠ online 1 +
// counter or postal 4 + carried over 0".
func (e *IdentityError) Message(lang language.Tag) string {
	vi := msg.Vietnamese(lang)
	var b strings.Builder
	switch {
	case e.Row == "":
		b.WriteString(msg.Pick(lang, "tổng cộng: ", "total: "))
	default:
		b.WriteString(msg.Pick(lang, "dòng ", "row ") + msg.Clip(e.Row) + ": ")
	}
	if e.Identity == IdentityRows || int(e.Identity) >= len(identityEn) || e.Identity == 0 {
		b.WriteString(msg.Pick(lang, "các dòng cộng lại không bằng tổng cộng", "the rows do not add up to the total"))
		return b.String()
	}
	names := identityEn[e.Identity]
	if vi {
		names = identityVi[e.Identity]
	}
	sum, parts := e.Identity.figures(e.Counts)
	b.WriteString(names[0] + " " + strconv.Itoa(sum) + " ≠ ")
	for i, p := range parts {
		if i > 0 {
			b.WriteString(" + ")
		}
		b.WriteString(names[i+1] + " " + strconv.Itoa(p))
	}
	return b.String()
}

// Unwrap returns ErrIdentity.
func (e *IdentityError) Unwrap() error { return ErrIdentity }

func (c *Counts) add(o *Counts) {
	c.Received += o.Received
	c.ReceivedOnline += o.ReceivedOnline
	c.ReceivedCounter += o.ReceivedCounter
	c.CarriedOver += o.CarriedOver
	c.Resolved += o.Resolved
	c.Early += o.Early
	c.OnTime += o.OnTime
	c.Late += o.Late
	c.InProgress += o.InProgress
	c.Within += o.Within
	c.Over += o.Over
	c.Withdrawn += o.Withdrawn
	c.Closed += o.Closed
	c.Corrected += o.Corrected
	c.CorrectedLate += o.CorrectedLate
}

// Row is one line of the report: a (level, field) pair, or an agency.
type Row struct {
	Level  string `json:"level,omitempty"`
	Field  string `json:"field,omitempty"`
	Agency string `json:"agency,omitempty"`
	Counts
}

// OnTimeRate is the Decision 766/QĐ-TTg progress indicator "dossiers handled early or on
// time": a dossier is on time if it ended (or, still open, the period ended) no later than its
// appointment; a dossier waiting for a supplement ends at the request; a dossier with more than
// one supplement request after acceptance is late.
type OnTimeRate struct {
	OnTime int `json:"on_time"`
	Total  int `json:"total"`
}

// Percent returns the rate in percent (100 when there is no dossier).
func (r OnTimeRate) Percent() float64 {
	if r.Total == 0 {
		return 100
	}
	return 100 * float64(r.OnTime) / float64(r.Total)
}

// Satisfaction aggregates the ratings of the dossiers in a report and the Decision 766
// satisfaction indicator: 100% − (% overdue + % rated dissatisfied or complained about).
type Satisfaction struct {
	Total        int `json:"total"` // dossiers in the report
	Rated        int `json:"rated"`
	Satisfied    int `json:"satisfied"`
	Acceptable   int `json:"acceptable"`
	Dissatisfied int `json:"dissatisfied"`
	Complaints   int `json:"complaints"`
	Overdue      int `json:"overdue"` // resolved late or in progress over time
	Unhappy      int `json:"unhappy"` // dissatisfied or complained about (each dossier once)
}

// Percent returns the Decision 766 satisfaction indicator in percent, never below 0.
func (s Satisfaction) Percent() float64 {
	if s.Total == 0 {
		return 100
	}
	p := 100 - 100*float64(s.Overdue+s.Unhappy)/float64(s.Total)
	if p < 0 {
		return 0
	}
	return p
}

// Report is the periodic report on dossier handling for the half-open period [From, To).
type Report struct {
	From         time.Time    `json:"from"`
	To           time.Time    `json:"to"`
	Total        Counts       `json:"total"`
	ByField      []Row        `json:"by_field"`  // by level, then field (Level and Field set)
	ByAgency     []Row        `json:"by_agency"` // by competent agency (Agency set)
	OnTime       OnTimeRate   `json:"on_time"`
	Satisfaction Satisfaction `json:"satisfaction"`
}

// Check verifies the identities of every row and that rows add up to the total.
func (r Report) Check() error {
	if err := r.Total.Check(); err != nil {
		return err
	}
	for _, rows := range [][]Row{r.ByField, r.ByAgency} {
		var sum Counts
		for _, row := range rows {
			if err := row.Check(); err != nil {
				ie := err.(*IdentityError)
				ie.Row = strings.TrimSpace(strings.Join([]string{row.Level, row.Field, row.Agency}, " "))
				return ie
			}
			sum.add(&row.Counts)
		}
		if sum != r.Total {
			return &IdentityError{Identity: IdentityRows, Counts: sum}
		}
	}
	return nil
}

type fieldKey struct{ level, field string }

// BuildReport computes the report for [from, to) from per-dossier summaries in one pass.
// A dossier is in the report if it was received before to and had not ended before from.
func BuildReport(from, to time.Time, summaries []Summary, opts ReportOptions) (Report, error) {
	if !from.Before(to) {
		return Report{}, periodError(from, to)
	}
	b := newReportBuilder(from, to, opts)
	for i := range summaries {
		b.add(&summaries[i])
	}
	return b.report(), nil
}

// periodError refuses a report period that does not end after it starts.
func periodError(from, to time.Time) error {
	return &FieldError{Field: "Period", Value: from.Format(time.DateTime) + " – " + to.Format(time.DateTime), Err: ErrInvalid}
}

// reportBuilder adds the dossiers up, one summary at a time, into the rows of the report.
type reportBuilder struct {
	rep  Report
	f, t int64 // the period in Unix seconds
	opts ReportOptions

	fieldIdx   map[fieldKey]int
	agencyIdx  map[string]int
	byField    []Counts
	byAgency   []Counts
	fieldKeys  []fieldKey
	agencyKeys []string
	lastF      fieldKey // the row of the last summary, most often the next one's too
	lastA      string
	fi, ai     int
}

func newReportBuilder(from, to time.Time, opts ReportOptions) *reportBuilder {
	b := &reportBuilder{rep: Report{From: from, To: to}, f: from.Unix(), t: to.Unix(), opts: opts,
		fieldIdx: make(map[fieldKey]int), agencyIdx: make(map[string]int),
		lastF: fieldKey{"\x00", "\x00"}, lastA: "\x00", fi: -1, ai: -1}
	// Summaries hold whole seconds: a period bound inside a second rounds up.
	if from.Nanosecond() != 0 {
		b.f++
	}
	if to.Nanosecond() != 0 {
		b.t++
	}
	return b
}

// add counts one dossier, if it belongs to the period.
func (b *reportBuilder) add(s *Summary) {
	if s.Received >= b.t || (s.End != 0 && s.End < b.f) || s.Received == 0 {
		return
	}
	if stopped(s.Outcome) && b.opts.Withdrawn == WithdrawnExcluded {
		if s.End != 0 && s.End < b.t {
			c := Counts{Withdrawn: 1}
			if s.Outcome == OutcomeClosed {
				c.Closed = 1
			}
			b.rep.Total.add(&c)
			field, agency := b.rows(s)
			field.add(&c)
			agency.add(&c)
		}
		return
	}
	c, overdue := b.counts(s)
	if s.Corrections > 0 {
		c.Corrected = 1
		if s.CorrectionsLate > 0 {
			c.CorrectedLate = 1
		}
	}
	b.rep.Total.add(&c)
	field, agency := b.rows(s)
	field.add(&c)
	agency.add(&c)
	b.indicators(s, &c, overdue)
}

// counts classifies one dossier in the columns of the form, and tells whether it is overdue.
func (b *reportBuilder) counts(s *Summary) (c Counts, overdue bool) {
	c.Received = 1
	switch {
	case s.Received < b.f:
		c.CarriedOver = 1
	case s.Online:
		c.ReceivedOnline = 1
	default:
		c.ReceivedCounter = 1
	}
	due := s.Due
	if b.opts.Appointment == OriginalAppointment && s.OriginalDue != 0 {
		due = s.OriginalDue
	}
	if s.End != 0 && s.End < b.t && s.Outcome != OutcomeOpen {
		c.Resolved = 1
		judged := s.End
		if s.Outcome == OutcomeClosed && s.WaitingSince != 0 && s.WaitingSince < judged {
			judged = s.WaitingSince // the clock stopped at the supplement notice
		}
		switch {
		case judged > due:
			c.Late = 1
			overdue = true
		case b.opts.EarlyBy.early(judged, due):
			c.Early = 1
		default:
			c.OnTime = 1
		}
		if stopped(s.Outcome) {
			c.Withdrawn = 1
		}
		if s.Outcome == OutcomeClosed {
			c.Closed = 1
		}
		return c, overdue
	}
	c.InProgress = 1
	// A dossier waiting for the applicant's supplement is judged when the wait began, as
	// dossier.Dossier.Overdue, the sweep and the Decision 766 rate judge it: the time the
	// applicant takes is not the agency's delay.
	at := b.t
	if s.WaitingSince != 0 && s.WaitingSince < at {
		at = s.WaitingSince
	}
	if due < at {
		c.Over = 1
		return c, true
	}
	c.Within = 1
	return c, false
}

// stopped reports whether the outcome is a dossier stopped before a decision: withdrawn at
// the applicant's request or closed by the desk for want of the supplement. Biểu 06 has no
// column for them (one-stop.md, report section; the Decision 766 formulas treat "Dừng xử
// lý" as an end of processing): ReportOptions.Withdrawn places both.
func stopped(o Outcome) bool { return o == OutcomeWithdrawn || o == OutcomeClosed }

// rows returns the counts of the dossier's (level, field) row and of its agency's row.
func (b *reportBuilder) rows(s *Summary) (field, agency *Counts) {
	if k := (fieldKey{s.Level, s.Field}); k != b.lastF {
		b.fi, b.lastF = indexOf(b.fieldIdx, &b.fieldKeys, &b.byField, k), k
	}
	if s.Agency != b.lastA {
		b.ai, b.lastA = indexOf(b.agencyIdx, &b.agencyKeys, &b.byAgency, s.Agency), s.Agency
	}
	return &b.byField[b.fi], &b.byAgency[b.ai]
}

// indicators adds the dossier to the Decision 766 on-time rate, judged against the current
// appointment (NgayHenTra), and to the satisfaction indicator.
func (b *reportBuilder) indicators(s *Summary, c *Counts, overdue bool) {
	b.rep.OnTime.Total++
	end := b.t
	switch {
	case c.Resolved == 1 && s.Outcome == OutcomeClosed && s.WaitingSince != 0 && s.WaitingSince < s.End:
		end = s.WaitingSince // closed: the clock stopped at the supplement notice
	case c.Resolved == 1:
		end = s.End
	case s.WaitingSince != 0 && s.WaitingSince < b.t:
		end = s.WaitingSince
	}
	if s.Supplements <= 1 && end <= s.Due {
		b.rep.OnTime.OnTime++
	}

	sat := &b.rep.Satisfaction
	sat.Total++
	if overdue {
		sat.Overdue++
	}
	switch s.Rating {
	case Satisfied:
		sat.Rated++
		sat.Satisfied++
	case Acceptable:
		sat.Rated++
		sat.Acceptable++
	case Dissatisfied:
		sat.Rated++
		sat.Dissatisfied++
	}
	if s.Complaint {
		sat.Complaints++
	}
	if s.Complaint || s.Rating == Dissatisfied {
		sat.Unhappy++
	}
}

// report returns the report with its rows sorted: by level, then field; by agency.
func (b *reportBuilder) report() Report {
	rep := b.rep
	rep.ByField = make([]Row, len(b.fieldKeys))
	for i, k := range b.fieldKeys {
		rep.ByField[i] = Row{Level: k.level, Field: k.field, Counts: b.byField[i]}
	}
	sort.Slice(rep.ByField, func(i, j int) bool {
		a, b := rep.ByField[i], rep.ByField[j]
		if a.Level != b.Level {
			return a.Level < b.Level
		}
		return a.Field < b.Field
	})
	rep.ByAgency = make([]Row, len(b.agencyKeys))
	for i, k := range b.agencyKeys {
		rep.ByAgency[i] = Row{Agency: k, Counts: b.byAgency[i]}
	}
	sort.Slice(rep.ByAgency, func(i, j int) bool { return rep.ByAgency[i].Agency < rep.ByAgency[j].Agency })
	return rep
}

func indexOf[K comparable](m map[K]int, keys *[]K, rows *[]Counts, k K) int {
	i, ok := m[k]
	if !ok {
		i = len(*keys)
		m[k] = i
		*keys = append(*keys, k)
		*rows = append(*rows, Counts{})
	}
	return i
}

// Score is a Circular 01/2018 evaluation score: 2, 1 or 0 points, or NotScored.
type Score int8

// NotScored marks an index that does not apply (yet) to a dossier.
const NotScored Score = -1

// Indices are the per-dossier evaluation indices 1–4 of Circular 01/2018/TT-VPCP Art. 13.
type Indices struct {
	TotalTime Score `json:"total_time"` // 1: total time against the legal time limit (first appointment)
	StepTime  Score `json:"step_time"`  // 2: each agency's time against its allotment (the worst step)
	Contacts  Score `json:"contacts"`   // 3: supplement requests needed to complete the dossier: 0 → 2, 1 → 1, more → 0
	Agencies  Score `json:"agencies"`   // 4: other agencies the applicant had to contact: 0 → 2, 1 → 1, more → 0
}

// Indices computes the per-dossier indices 1–4. Index 1 is scored once processing has ended
// with a result or refusal: early (an earlier day than the first appointment) 2, on time 1,
// late 0.
func (s Summary) Indices() Indices {
	ix := Indices{TotalTime: NotScored, StepTime: Score(s.StepScore), Contacts: countScore(s.Supplements), Agencies: countScore(s.Contacts)}
	if s.StepScore < 0 || s.StepScore > 2 {
		ix.StepTime = NotScored
	}
	due := s.OriginalDue
	if due == 0 {
		due = s.Due
	}
	if s.End != 0 && (s.Outcome == OutcomeResolved || s.Outcome == OutcomeRefused) && due != 0 {
		switch {
		case s.End > due:
			ix.TotalTime = 0
		case vnDay(s.End) < vnDay(due):
			ix.TotalTime = 2
		default:
			ix.TotalTime = 1
		}
	}
	return ix
}

func countScore(n uint8) Score {
	switch n {
	case 0:
		return 2
	case 1:
		return 1
	}
	return 0
}
