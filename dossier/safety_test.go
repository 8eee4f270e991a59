package dossier

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/motcua-go/motcua/calendar"
	"github.com/motcua-go/motcua/procedure"
	"github.com/motcua-go/motcua/routing"
	"golang.org/x/text/language"
)

// noPanic runs f and reports a panic as a test failure.
func noPanic(t *testing.T, name string, f func()) {
	t.Helper()
	defer func() {
		if p := recover(); p != nil {
			t.Errorf("%s panicked: %v", name, p)
		}
	}()
	f()
}

// The public API given nil pointers and zero values reports typed errors or zero results and
// never panics.
func TestNilAndZeroInput(t *testing.T) {
	var nilRules *Rules
	var nilDossier *Dossier
	now := at("2025-03-05 09:00")
	live := dossierIn(t, InProcess)

	errCases := []struct {
		name  string
		call  func() error
		field string
		want  error
	}{
		{"IssueCode with a nil source", func() error {
			_, err := IssueCode(context.Background(), nil, desk, now)
			return err
		}, "sequence_source", ErrRequired},
		{"nil Rules: Open", func() error {
			_, err := nilRules.Open(testIntake(procedure.Counter, calendar.Limit{N: 5, Unit: calendar.WorkingDays}), clerk, now)
			return err
		}, "dossier", ErrUnbound},
		{"nil Rules: Replay", func() error {
			_, err := nilRules.Replay(live.Events)
			return err
		}, "dossier", ErrUnbound},
		{"nil Dossier: Apply", func() error {
			_, err := nilDossier.Apply(Command{Kind: Handoff, Actor: officerA}, now)
			return err
		}, "dossier", ErrRequired},
		{"nil Dossier: UnmarshalJSON", func() error { return nilDossier.UnmarshalJSON([]byte(`{}`)) }, "dossier", ErrRequired},
		{"nil Dossier: ReceiptSlip", func() error { _, err := nilDossier.ReceiptSlip(); return err }, "dossier", ErrRequired},
		{"nil Dossier: SupplementSlip", func() error { _, err := nilDossier.SupplementSlip(); return err }, "dossier", ErrRequired},
		{"nil Dossier: RefusalSlip", func() error { _, err := nilDossier.RefusalSlip(); return err }, "dossier", ErrRequired},
		{"nil Dossier: ApologySlip", func() error { _, err := nilDossier.ApologySlip(); return err }, "dossier", ErrRequired},
		{"nil Dossier: TransferSlip", func() error { _, err := nilDossier.TransferSlip(); return err }, "dossier", ErrRequired},
		{"nil Dossier: ControlSlip", func() error { _, err := nilDossier.ControlSlip(now); return err }, "dossier", ErrRequired},
		{"zero Dossier: Apply", func() error {
			_, err := (&Dossier{}).Apply(Command{Kind: Receive, Actor: clerk}, now)
			return err
		}, "dossier", ErrUnbound},
		{"Policy: zero", func() error { return Policy{}.Validate() }, "policy.after_supplement", ErrInvalid},
		{"NewRules: zero policy", func() error {
			_, err := NewRules(RulesConfig{Decree61: &Policy{}})
			return err
		}, "policy.after_supplement", ErrInvalid},
		{"Intake: zero", func() error { return Intake{}.Validate() }, "", ErrRequired},
		{"Applicant: zero", func() error { return Applicant{}.Validate() }, "", ErrRequired},
	}
	for _, c := range errCases {
		var err error
		noPanic(t, c.name, func() { err = c.call() })
		if !errors.Is(err, c.want) {
			t.Errorf("%s: err = %v, want %v", c.name, err, c.want)
			continue
		}
		var fe *FieldError
		if !errors.As(err, &fe) || c.field != "" && fe.Field != c.field {
			t.Errorf("%s: err = %#v, want a *FieldError on %q", c.name, err, c.field)
		}
		if err.Error() == "" {
			t.Errorf("%s: empty message", c.name)
		}
	}

	// A zero Command is refused in every state and changes nothing.
	for _, s := range States() {
		d := dossierIn(t, s)
		noPanic(t, "zero command in "+s.String(), func() {
			if err := applyChecked(t, d, Command{}, now); !errors.Is(err, ErrNotAllowed) {
				t.Errorf("zero command in %v: err = %v, want ErrNotAllowed", s, err)
			}
		})
	}

	// A nil source with a nil context is still reported, and a nil context alone is allowed.
	noPanic(t, "IssueCode with a nil context", func() {
		var ctx context.Context
		if _, err := IssueCode(ctx, nil, desk, now); !errors.Is(err, ErrRequired) {
			t.Errorf("nil source and context: %v", err)
		}
		if c, err := IssueCode(ctx, &memSeq{}, desk, now); err != nil || c.Seq != 1 {
			t.Errorf("nil context: %v, %v", c, err)
		}
	})

	// Queries on a nil dossier, a zero one and a zero one with rules answer zero values.
	for name, d := range map[string]*Dossier{"nil": nilDossier, "zero": {}, "zero with rules": {Rules: testRules()}} {
		noPanic(t, name+" dossier queries", func() {
			got := []any{d.Overdue(now), d.Remaining(now), d.Used(now), d.AtRisk(now), d.PausedAt(),
				d.TransferDue(), d.TransferLate(now), d.Late766(now), len(d.Progress().Steps)}
			want := []any{false, time.Duration(0), 0.0, false, time.Time{}, time.Time{}, false, false, 0}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("%s dossier queries (-want +got):\n%s", name, diff)
			}
			if _, ok := d.Holder(); ok {
				t.Errorf("%s dossier has a holder", name)
			}
			for _, slip := range []func() error{
				func() error { _, err := d.ReceiptSlip(); return err },
				func() error { _, err := d.SupplementSlip(); return err },
				func() error { _, err := d.RefusalSlip(); return err },
				func() error { _, err := d.ApologySlip(); return err },
				func() error { _, err := d.TransferSlip(); return err },
				func() error { _, err := d.ControlSlip(now); return err },
			} {
				if err := slip(); err == nil {
					t.Errorf("%s dossier gave a slip", name)
				}
			}
		})
	}

	// Nil Rules answer the defaults.
	noPanic(t, "nil Rules queries", func() {
		if nilRules.Calendar() == nil {
			t.Error("nil Rules: no calendar")
		}
		if diff := cmp.Diff(DefaultPolicy(Decree61), nilRules.Policy(Decree61)); diff != "" {
			t.Errorf("nil Rules policy:\n%s", diff)
		}
	})

	// Zero and nil errors render and unwrap without panicking.
	var nilField *FieldError
	var nilCode *CodeError
	var nilRule *RuleError
	var nilTrans *TransitionError
	var nilLog *LogError
	var nilValid *ValidationError
	for i, e := range []interface {
		error
	}{&FieldError{}, &CodeError{Part: 200}, &RuleError{}, &TransitionError{}, &LogError{},
		&ValidationError{Problems: []*FieldError{nil, {Field: "x"}}},
		nilField, nilCode, nilRule, nilTrans, nilLog, nilValid} {
		noPanic(t, "error "+itoa(i), func() {
			_ = e.Error()
			_ = errors.Is(e, ErrInvalid)
			if m, ok := e.(interface{ Message(language.Tag) string }); ok {
				_ = m.Message(language.Vietnamese)
			}
		})
	}
	if got := (&ValidationError{Problems: []*FieldError{nil, {Field: "x", Err: ErrRequired}}}).Error(); got != "x is required" {
		t.Errorf("validation error with a nil problem: %q", got)
	}
	if got := (&CodeError{Part: 200, Value: "x", Err: ErrCodeFormat}).Message(language.Vietnamese); !strings.HasPrefix(got, `mã hồ sơ "x"`) {
		t.Errorf("code error with an unknown part: %q", got)
	}

	// Zero values of the other types.
	noPanic(t, "zero values", func() {
		for _, s := range []interface{ Text() string }{ReceiptSlip{}, SupplementSlip{}, RefusalSlip{}, ApologySlip{}, TransferSlip{}, ControlSlip{}} {
			if s.Text() == "" {
				t.Error("empty slip text")
			}
		}
		if StepsFrom(nil) != nil || len(StepsFrom(&routing.Schedule{})) != 0 {
			t.Error("StepsFrom of nothing gave steps")
		}
		_ = Code{Seq: -1}.String()
		if err := (Code{}).Validate(); !errors.Is(err, ErrCodeUnit) {
			t.Errorf("zero code validates: %v", err)
		}
		var c Code
		if err := c.UnmarshalText(nil); err != nil || !c.IsZero() {
			t.Errorf("empty code text: %v %v", c, err)
		}
		_ = Judge(time.Time{}, time.Time{}, time.Time{})
	})
}

// The log cannot be changed from outside: not through the events Apply returns, nor through
// the command's attachments after Apply.
func TestApplyDetachesTheLog(t *testing.T) {
	build := func() (*Dossier, []string, []Event) {
		d := inProcess(t, testRules(), at("2025-03-04 09:10"))
		att := []string{"Giấy chứng sinh", "Tờ khai"}
		evs, err := d.Apply(Command{Kind: RequestSupplement, Actor: officerA, Reason: "Bổ sung", Attachments: att}, at("2025-03-05 09:00"))
		if err != nil {
			t.Fatal(err)
		}
		return d, att, evs
	}
	twin, _, _ := build()
	d, att, evs := build()

	att[0] = "changed"
	att = append(att[:1], "appended")
	_ = att
	evs[0].Reason = "changed"
	evs[0].Attachments[1] = "changed"
	evs[0].Seq = 99
	grown := append(evs, Event{Seq: 100, Reason: "the caller's"})

	mustApply(t, d, Command{Kind: Supplement, Actor: citizen}, at("2025-03-06 09:00"))
	mustApply(t, twin, Command{Kind: Supplement, Actor: citizen}, at("2025-03-06 09:00"))
	if diff := cmp.Diff(twin, d); diff != "" {
		t.Fatalf("the dossier changed from outside (-want +got):\n%s", diff)
	}
	replayed, err := d.Rules.Replay(d.Events)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(replayed, d); diff != "" {
		t.Fatalf("replay differs (-replay +live):\n%s", diff)
	}
	if grown[1].Seq != 100 || grown[1].Reason != "the caller's" {
		t.Fatalf("the next event wrote into the caller's slice: %+v", grown[1])
	}
	slip, err := d.SupplementSlip()
	if err != nil {
		t.Fatal(err)
	}
	slip.Documents[0] = "changed"
	if got := d.Events[len(d.Events)-2].Attachments[0]; got != "Giấy chứng sinh" {
		t.Fatalf("the slip's list is the log's: %q", got)
	}
	receipt, _ := d.ReceiptSlip()
	receipt.Documents[0] = "changed"
	if d.Documents[0] == "changed" {
		t.Fatal("the receipt's list is the dossier's")
	}
}

// Messages repeat at most 64 characters of an input value.
func TestMessagesDoNotEchoLongInput(t *testing.T) {
	long := strings.Repeat("0", 100_000)
	_, err := ParseCode(long)
	var ce *CodeError
	if !errors.As(err, &ce) || !errors.Is(err, ErrCodeFormat) {
		t.Fatalf("err = %v", err)
	}
	for _, lang := range []language.Tag{language.English, language.Vietnamese} {
		m := ce.Message(lang)
		if utf8.RuneCountInString(m) > 200 || !strings.Contains(m, `"`+strings.Repeat("0", 64)+`…"`) {
			t.Errorf("message of %d characters: %.120q", utf8.RuneCountInString(m), m)
		}
	}
	if want := strings.Repeat("0", 64) + "…"; ce.Code != want {
		t.Errorf("the error keeps %d bytes of the code, want it cut to 64 characters", len(ce.Code))
	}

	// Cut on characters, not bytes.
	vi := strings.Repeat("ệ", 65)
	got := (&FieldError{Field: "reason", Value: vi, Err: ErrInvalid}).Error()
	if want := `reason "` + strings.Repeat("ệ", 64) + `…" is not valid`; got != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
	exact := strings.Repeat("ệ", 64)
	if got := (&FieldError{Field: "reason", Value: exact, Err: ErrInvalid}).Error(); got != `reason "`+exact+`" is not valid` {
		t.Errorf("64 characters were cut: %q", got)
	}

	// Every decoder that echoes its input.
	var r Regime
	var s State
	var k CommandKind
	var c procedure.Channel
	for _, e := range []error{r.UnmarshalText([]byte(long)), s.UnmarshalText([]byte(long)),
		k.UnmarshalText([]byte(long)), c.UnmarshalText([]byte(long)), new(Code).UnmarshalText([]byte(long)),
		json.Unmarshal([]byte(`"`+long+`"`), new(Role))} {
		if e == nil || len(e.Error()) > 200 {
			t.Errorf("echoes %d bytes: %.80q", len(e.Error()), e.Error())
		}
	}
}

// FuzzApply drives Apply with arbitrary commands on dossiers in every state: it never panics,
// a refused command changes nothing, and an accepted one is replayed to the same dossier.
func FuzzApply(f *testing.F) {
	f.Add(uint8(InProcess), uint8(Handoff), uint8(RoleOfficer), uint8(0), int64(60), "", "", uint8(0), int64(0))
	f.Add(uint8(Received), uint8(Transfer), uint8(RoleClerk), uint8(0), int64(0), "", "a", uint8(2), int64(-1))
	f.Add(uint8(InProcess), uint8(Apologise), uint8(RoleOfficer), uint8(0), int64(600), "Lý do", "", uint8(0), int64(1<<20))
	f.Add(uint8(Submitted), uint8(Receive), uint8(RoleClerk), uint8(2), int64(5), "", "", uint8(1), int64(0))
	f.Add(uint8(InProcess), uint8(Refuse), uint8(RoleOfficer), uint8(0), int64(1<<16), "Không đủ điều kiện", "x", uint8(0), int64(0))
	f.Add(uint8(0), uint8(0), uint8(0), uint8(0), int64(0), "", "", uint8(0), int64(0))
	f.Fuzz(func(t *testing.T, state, kind, role, agency uint8, minutes int64, reason, attach string, nsteps uint8, dueMinutes int64) {
		states := States()
		d := dossierIn(t, states[int(state)%len(states)])
		agencies := []string{agencyA, agencyB, desk, ""}
		last := d.Events[len(d.Events)-1].At
		now := last.Add(time.Duration(minutes%(1<<22)) * time.Minute)
		due := now.Add(time.Duration(dueMinutes%(1<<22)) * time.Minute)
		cmd := Command{Kind: CommandKind(kind), Actor: Actor{ID: "x", Role: Role(role % 5), Agency: agencies[int(agency)%len(agencies)]},
			Reason: reason, Due: due, Reference: reason}
		if attach != "" {
			cmd.Attachments = []string{attach}
		}
		if kind&1 == 1 {
			cmd.Code = codeAt(now, int(agency)+1)
		}
		for i := range int(nsteps % 4) {
			cmd.Steps = append(cmd.Steps, StepRecord{ID: string(rune('a' + i%3)), Agency: agencies[(int(agency)+i)%len(agencies)], Due: due.Add(time.Duration(i) * time.Hour)})
		}
		if err := applyChecked(t, d, cmd, now); err != nil {
			if err.Error() == "" {
				t.Fatal("empty message")
			}
			return
		}
		replayed, err := d.Rules.Replay(d.Events)
		if err != nil {
			t.Fatalf("replay of an accepted %v: %v", cmd.Kind, err)
		}
		if diff := cmp.Diff(replayed, d); diff != "" {
			t.Fatalf("replay differs after %v (-replay +live):\n%s", cmd.Kind, diff)
		}
	})
}
