package dossier

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/motcua-go/motcua/calendar"
	"github.com/motcua-go/motcua/procedure"
	"github.com/rickb777/date/v2"
)

const (
	desk    = "000.00.00.H49" // Quảng Ninh provincial public administration centre (as a desk code)
	agencyA = "000.00.12.H49"
	agencyB = "000.00.15.H49"
)

var (
	clerk    = Actor{ID: "clerk-1", Role: RoleClerk, Agency: desk}
	officerA = Actor{ID: "officer-a", Role: RoleOfficer, Agency: agencyA}
	officerB = Actor{ID: "officer-b", Role: RoleOfficer, Agency: agencyB}
	citizen  = Actor{ID: "001090012345", Role: RoleApplicant}
)

// at parses "2006-01-02 15:04" in Vietnam's zone.
func at(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, calendar.Zone())
	if err != nil {
		panic(err)
	}
	return t
}

func testIntake(ch procedure.Channel, limit calendar.Limit) Intake {
	return Intake{
		Procedure: ProcedureRef{Code: "1.001193", Version: "2025-01", Name: "Đăng ký khai sinh"},
		Applicant: Applicant{Kind: Person, Name: "Nguyễn Văn An", CitizenID: "001090012345",
			Phone: "0912345678", Email: "an.nguyen@example.vn",
			Address: Address{Line: "12 Lê Thánh Tông", UnitCode: "06655", UnitName: "Phường Hồng Gai, Quảng Ninh"}},
		Channel:   ch,
		Desk:      desk,
		Agency:    agencyA,
		Limit:     limit,
		Documents: []string{"Tờ khai đăng ký khai sinh", "Giấy chứng sinh"},
	}
}

var testRulesOnce = sync.OnceValue(func() *Rules {
	r, err := NewRules(RulesConfig{})
	if err != nil {
		panic(err)
	}
	return r
})

func testRules() *Rules { return testRulesOnce() }

// memSeq is an in-memory SequenceSource.
type memSeq struct {
	mu sync.Mutex
	n  map[string]int
}

func (m *memSeq) Next(_ context.Context, unit string, day date.Date) (int, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.n == nil {
		m.n = map[string]int{}
	}
	k := unit + day.String()
	m.n[k]++
	return m.n[k], nil
}

func mustApply(t testing.TB, d *Dossier, cmd Command, now time.Time) {
	t.Helper()
	if _, err := d.Apply(cmd, now); err != nil {
		t.Fatalf("%v at %v: %v", cmd.Kind, now, err)
	}
}

func codeAt(t time.Time, seq int) Code {
	return Code{Unit: desk, Date: date.NewAt(t.In(calendar.Zone())), Seq: seq}
}

// receivedAt opens a dossier and receives it at t.
func receivedAt(t testing.TB, r *Rules, ch procedure.Channel, limit calendar.Limit, when time.Time) *Dossier {
	t.Helper()
	d, err := r.Open(testIntake(ch, limit), clerk, when)
	if err != nil {
		t.Fatal(err)
	}
	code := codeAt(when, 1)
	code.Unit = d.CodeUnit(when) // the desk's, or the competent agency's under Decree 118 Art. 28
	mustApply(t, d, Command{Kind: Receive, Actor: clerk, Code: code}, when)
	return d
}

var twoSteps = func(due1, due2 time.Time) []StepRecord {
	return []StepRecord{{ID: "verify", Agency: agencyA, Task: "Thẩm định", Due: due1}, {ID: "decide", Agency: agencyB, Task: "Quyết định", Due: due2}}
}

// inProcess receives at t, transfers along two steps and starts the first.
func inProcess(t testing.TB, r *Rules, when time.Time) *Dossier {
	t.Helper()
	d := receivedAt(t, r, procedure.Online, calendar.Limit{N: 5, Unit: calendar.WorkingDays}, when)
	due := d.Deadline.Due
	mustApply(t, d, Command{Kind: Transfer, Actor: clerk, Steps: twoSteps(r.cal.Due(when, calendar.Limit{N: 3, Unit: calendar.WorkingDays}), due)}, when)
	mustApply(t, d, Command{Kind: Start, Actor: officerA}, when.Add(time.Minute))
	return d
}
