package dossier

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/motcua-go/motcua/calendar"
	"github.com/motcua-go/motcua/procedure"
	"golang.org/x/text/language"
)

var update = flag.Bool("update", false, "rewrite lifecycle.md from the definition")

const diagramFile = "lifecycle.md"

func diagramDoc() string {
	var b strings.Builder
	b.WriteString("# Dossier lifecycle\n\nGenerated from the lifecycle definition by `go test ./dossier -update`; " +
		"a test fails when it is stale.\n\n```mermaid\n" + Diagram() + "```\n")
	b.WriteString("\n## States and national status codes\n\n| State | JSON | Vietnamese | Code | Label |\n|---|---|---|---|---|\n")
	for _, s := range States() {
		j, _ := s.MarshalText()
		fmt.Fprintf(&b, "| %v | %s | %s | %d | %v |\n", s, j, s.Name(language.Vietnamese), s.Status(), s.Status())
	}
	b.WriteString("\n## Commands\n\n| Command | JSON | Vietnamese | From | To | Roles |\n|---|---|---|---|---|---|\n")
	for _, c := range Commands() {
		var from, roles []string
		to := "(same)"
		for _, s := range States() {
			if n, ok := Next(s, c); ok {
				from = append(from, s.String())
				if n != s {
					to = n.String()
				}
			}
		}
		for r := RoleApplicant; r < numRoles; r++ {
			if MayIssue(r, c) {
				roles = append(roles, r.String())
			}
		}
		j, _ := c.MarshalText()
		fmt.Fprintf(&b, "| %v | %s | %s | %s | %s | %s |\n", c, j, c.Name(language.Vietnamese), strings.Join(from, ", "), to, strings.Join(roles, ", "))
	}
	b.WriteString(regimeNotes)
	return b.String()
}

// regimeNotes says where the rules of Decree 118/2025 sit on the lifecycle.
const regimeNotes = `
## Decree 118/2025 on the lifecycle

- **Online reception (Art. 17(2)–(3))**: three instants. The portal's acknowledgement is
  ` + "`Intake.Submitted`" + `; the province system's receipt is ` + "`open`" + ` (state Submitted, "chờ
  tiếp nhận"; onestop ` + "`Office.ReceiveOnline`" + `, kept under ` + "`onestop.PendingKey`" + `); the desk's
  answer within 8 working hours (` + "`Dossier.AcceptanceDue`" + `) is ` + "`receive`" + ` (official acceptance:
  the code, Art. 28(1), and the time limit, Art. 17(3)), ` + "`requestIntakeSupplement`" + ` (then
  ` + "`resubmit`" + `, and the 8 hours run again) or ` + "`refuseIntake`" + ` with a redirect (not within its
  competence); onestop ` + "`Office.Accept`" + `, ` + "`Office.Resubmit`" + `.
- **Stop (Art. 21)**: ` + "`withdraw`" + ` is the regulated stop ("dừng thực hiện thủ tục hành chính"),
  from the receipt (online: from the system's receipt) until the decision, on every channel;
  ` + "`amend`" + ` is the online applicant's amendment in the same window (Art. 21(2); not under
  Decree 61).
- **Supplement during processing (Art. 19(5))**: ` + "`close`" + ` from 15 days after the notice.
- **Wrong result (Art. 23(1))**: ` + "`sendForCorrection`" + `, then ` + "`correct`" + ` within 3 working days
  (counted in reports beside Biểu 06: Corrected, CorrectedLate).
- **Liên thông (Art. 20(2))**: the route's steps may wait for several steps (` + "`StepRecord.After`" + `);
  ` + "`handoff`" + ` starts every step then ready, so parallel steps are in hand at once (electronic
  liên thông, Art. 20(2)(b)), each agency acting on its own step.
- **Another administrative level (Art. 20(1))**: ` + "`transfer`" + ` of the paper dossier is due within
  1 working day of ` + "`receive`" + ` (` + "`Intake.OtherLevel`" + `), and ` + "`return`" + ` stays with the receiving desk.
`

func TestDiagramCommitted(t *testing.T) {
	want := diagramDoc()
	if *update {
		if err := os.WriteFile(diagramFile, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(diagramFile)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, string(got)); diff != "" {
		t.Fatalf("%s is stale; run go test ./dossier -update (-want +got):\n%s", diagramFile, diff)
	}
}

// The compiled table and the looplab/fsm machine built from the same definition agree on
// every (state, command) pair.
func TestTableAgreesWithFSM(t *testing.T) {
	for _, s := range States() {
		f := machine(s)
		for _, c := range Commands() {
			if got, want := Allowed(s, c), f.Can(c.String()); got != want {
				t.Errorf("(%v, %v): table %v, fsm %v", s, c, got, want)
			}
		}
		var avail []string
		for _, c := range Commands() {
			if Allowed(s, c) {
				avail = append(avail, c.String())
			}
		}
		got := f.AvailableTransitions()
		slices.Sort(got)
		slices.Sort(avail)
		if !slices.Equal(got, avail) {
			t.Errorf("%v: fsm %v, table %v", s, got, avail)
		}
	}
}

// Every state is reachable from Submitted; terminal states have no exit and the others have one.
func TestDefinitionShape(t *testing.T) {
	seen := map[State]bool{Submitted: true}
	queue := []State{Submitted}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		for _, c := range Commands() {
			if n, ok := Next(s, c); ok && !seen[n] {
				seen[n] = true
				queue = append(queue, n)
			}
		}
	}
	for _, s := range States() {
		if !seen[s] {
			t.Errorf("%v is unreachable", s)
		}
		exits := 0
		for _, c := range Commands() {
			if Allowed(s, c) {
				exits++
			}
		}
		if s.Terminal() != (exits == 0) {
			t.Errorf("%v: terminal %v with %d exits", s, s.Terminal(), exits)
		}
		if s.Status() < 1 || s.Status() > 10 {
			t.Errorf("%v has no national status", s)
		}
	}
	for _, c := range Commands() {
		roles := 0
		for r := RoleApplicant; r < numRoles; r++ {
			if MayIssue(r, c) {
				roles++
			}
		}
		if roles == 0 {
			t.Errorf("%v: no role may issue it", c)
		}
	}
}

func TestStatusCodes(t *testing.T) {
	want := map[State]Status{Submitted: 1, IntakeSupplement: 5, NotAccepted: 3, Received: 2, Transferred: 2,
		InProcess: 4, SupplementRequested: 5, AwaitingObligation: 6, Refused: 8, Resolved: 9, Returned: 10, Withdrawn: 7,
		Closed: 8, Correction: 4}
	got := map[State]Status{}
	for _, s := range States() {
		got[s] = s.Status()
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatal(diff)
	}
	if StatusDone.String() != "Đã xử lý xong" || StatusReturned.String() != "Đã trả kết quả" {
		t.Fatal(StatusDone, StatusReturned)
	}
}

// dossierIn builds a dossier in state s, received Tue 4 March 2025 09:10 with 5 working days.
func dossierIn(t *testing.T, s State) *Dossier {
	t.Helper()
	r := testRules()
	t0 := at("2025-03-04 09:10")
	open := func() *Dossier {
		d, err := r.Open(testIntake(procedure.Online, calendar.Limit{N: 5, Unit: calendar.WorkingDays}), citizen, t0.Add(-time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	var d *Dossier
	switch s {
	case Submitted:
		d = open()
	case IntakeSupplement:
		d = open()
		mustApply(t, d, Command{Kind: RequestIntakeSupplement, Actor: clerk, Reason: "Thiếu giấy chứng sinh"}, t0)
	case NotAccepted:
		d = open()
		mustApply(t, d, Command{Kind: RefuseIntake, Actor: clerk, Reason: "Không thuộc thẩm quyền"}, t0)
	case Withdrawn:
		d = open()
		mustApply(t, d, Command{Kind: Withdraw, Actor: citizen}, t0)
	case Received:
		d = receivedAt(t, r, procedure.Online, calendar.Limit{N: 5, Unit: calendar.WorkingDays}, t0)
	case Transferred:
		d = receivedAt(t, r, procedure.Online, calendar.Limit{N: 5, Unit: calendar.WorkingDays}, t0)
		mustApply(t, d, Command{Kind: Transfer, Actor: clerk, Steps: twoSteps(at("2025-03-07 09:10"), at("2025-03-11 09:10"))}, t0)
	case Closed:
		// Decree 118/2025 Art. 19(5): only a dossier of that regime is closed.
		d = inProcess(t, r, at("2025-07-01 09:10"))
		mustApply(t, d, Command{Kind: RequestSupplement, Actor: officerA, Reason: "Bổ sung"}, at("2025-07-01 10:00"))
		mustApply(t, d, Command{Kind: Close, Actor: clerk}, at("2025-07-17 09:00"))
	default:
		d = inProcess(t, r, t0)
		switch s {
		case SupplementRequested:
			mustApply(t, d, Command{Kind: RequestSupplement, Actor: officerA, Reason: "Bổ sung"}, t0.Add(time.Hour))
		case AwaitingObligation:
			mustApply(t, d, Command{Kind: RequestObligation, Actor: officerA}, t0.Add(time.Hour))
		case Refused:
			mustApply(t, d, Command{Kind: Refuse, Actor: officerA, Reason: "Không đủ điều kiện"}, t0.Add(time.Hour))
		case Resolved, Returned, Correction:
			mustApply(t, d, Command{Kind: Handoff, Actor: officerA}, t0.Add(time.Hour))
			mustApply(t, d, Command{Kind: Resolve, Actor: officerB}, t0.Add(2*time.Hour))
			switch s {
			case Returned:
				mustApply(t, d, Command{Kind: Return, Actor: clerk}, t0.Add(3*time.Hour))
			case Correction:
				mustApply(t, d, Command{Kind: SendForCorrection, Actor: clerk, Reason: "Sai ngày sinh"}, t0.Add(3*time.Hour))
			}
		}
	}
	if d.State != s {
		t.Fatalf("built %v, want %v", d.State, s)
	}
	return d
}

// goodCommand is a command of kind k that passes every guard where the lifecycle allows it.
func goodCommand(d *Dossier, k CommandKind, now time.Time) Command {
	c := Command{Kind: k, Reason: "Lý do", Actor: officerA}
	if h, ok := d.Holder(); ok && h.Agency == agencyB {
		c.Actor = officerB
	}
	switch k {
	case Receive:
		c.Actor, c.Code = clerk, codeAt(now, 1)
		c.Code.Unit = d.CodeUnit(now)
	case RequestIntakeSupplement, RefuseIntake, Transfer, Return, Close, SendForCorrection, Correct:
		c.Actor = clerk
	case Resubmit, Supplement, Withdraw, Amend:
		c.Actor = citizen
	case Apologise:
		c.Due = d.Deadline.Due.Add(48 * time.Hour)
	case Recall:
		c.Actor = clerk
	case Resolve:
		if d.State == Received {
			c.Actor = clerk
		}
	}
	return c
}

// Every (state, command) pair is either allowed by the definition or refused with
// ErrNotAllowed, and a refused command changes nothing. Every role the table does not list
// is refused with ErrForbidden.
func TestEveryStateCommandPair(t *testing.T) {
	now := at("2025-03-04 13:30")
	// ErrNotProvided: closing and amending are Decree 118's, and dossierIn's dossiers are
	// Decree 61's.
	guards := []error{ErrNoNextStep, ErrNoPrevStep, ErrStepsPending, ErrNotProvided}
	for _, s := range States() {
		for _, k := range Commands() {
			d := dossierIn(t, s)
			cmd := goodCommand(d, k, now)
			err := applyChecked(t, d, cmd, now)
			switch {
			case !Allowed(s, k):
				var te *TransitionError
				if !errors.As(err, &te) || !errors.Is(err, ErrNotAllowed) || te.State != s || te.Command != k {
					t.Errorf("(%v, %v): err = %v, want ErrNotAllowed", s, k, err)
				}
			case err != nil:
				if !slices.ContainsFunc(guards, func(g error) bool { return errors.Is(err, g) }) {
					t.Errorf("(%v, %v): %v", s, k, err)
				}
			default:
				want, _ := Next(s, k)
				if d.State != want || d.Events[len(d.Events)-1].To != want {
					t.Errorf("(%v, %v): state %v, want %v", s, k, d.State, want)
				}
			}
			if !Allowed(s, k) {
				continue
			}
			for r := RoleApplicant; r < numRoles; r++ {
				if MayIssue(r, k) {
					continue
				}
				d := dossierIn(t, s)
				cmd := goodCommand(d, k, now)
				cmd.Actor.Role = r
				if err := applyChecked(t, d, cmd, now); !errors.Is(err, ErrForbidden) {
					t.Errorf("(%v, %v) by %v: err = %v, want ErrForbidden", s, k, r, err)
				}
			}
		}
	}
}

func TestOpenValidates(t *testing.T) {
	in := testIntake(procedure.Counter, calendar.Limit{N: 5, Unit: calendar.WorkingDays})
	in.Applicant.CitizenID = "12345"
	in.Procedure.Code = "1001193"
	_, err := testRules().Open(in, clerk, at("2025-03-04 09:00"))
	var ve *ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("err = %v", err)
	}
	want := []string{`procedure.code "1001193" is not valid`, `applicant.citizen_id is not valid`}
	if diff := cmp.Diff(want, ve.Messages(language.English)); diff != "" {
		t.Fatal(diff)
	}
	wantVi := []string{`mã thủ tục "1001193" không hợp lệ`, `số định danh cá nhân không hợp lệ`}
	if diff := cmp.Diff(wantVi, ve.Messages(language.Vietnamese)); diff != "" {
		t.Fatal(diff)
	}
	if _, err := testRules().Open(testIntake(procedure.Counter, calendar.Limit{N: 5, Unit: calendar.WorkingDays}), officerA, at("2025-03-04 09:00")); !errors.Is(err, ErrForbidden) {
		t.Fatalf("open by an officer: %v", err)
	}
}

func TestApplyRefusesTimeGoingBack(t *testing.T) {
	d := inProcess(t, testRules(), at("2025-03-04 09:10"))
	if err := applyChecked(t, d, Command{Kind: Handoff, Actor: officerA}, at("2025-03-04 09:00")); !errors.Is(err, ErrInvalid) {
		t.Fatalf("err = %v", err)
	}
	var unbound Dossier
	if _, err := unbound.Apply(Command{Kind: Receive}, at("2025-03-04 09:00")); !errors.Is(err, ErrUnbound) {
		t.Fatalf("err = %v", err)
	}
}
