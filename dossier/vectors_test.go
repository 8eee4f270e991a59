package dossier

import (
	"encoding/json"
	"errors"
	"os"
	"testing"
	"time"
)

// vector is one decree-rule case of testdata/rules.json: a dossier received at Received with
// 5 working days, transferred along two agencies and taken up by the first, then the
// commands; the last command's error (or none), the state and the due time after it.
type vector struct {
	Name     string
	Source   string
	Policy   map[string]json.RawMessage
	Received string
	Commands []struct {
		Cmd    CommandKind
		By     string
		At     string
		Reason string
		Due    string
	}
	Error    string
	Deadline string
	State    State
	Due      string
	Late     bool // Resolution.Late after the commands
}

var sentinels = map[string]error{
	"ErrSupplementWindow": ErrSupplementWindow, "ErrSupplementRepeated": ErrSupplementRepeated,
	"ErrRefusalLate": ErrRefusalLate, "ErrApologyLate": ErrApologyLate, "ErrReappointed": ErrReappointed,
	"ErrWithdrawalClosed": ErrWithdrawalClosed, "ErrNotAllowed": ErrNotAllowed, "ErrGuidanceRepeated": ErrGuidanceRepeated,
}

var byName = map[string]Actor{"clerk": clerk, "officerA": officerA, "officerB": officerB, "citizen": citizen}

func (v *vector) rules(t *testing.T) *Rules {
	if len(v.Policy) == 0 {
		return testRules()
	}
	return rulesWith(t, func(p *Policy) {
		for k, raw := range v.Policy {
			var err error
			switch k {
			case "after_supplement":
				var s string
				err = json.Unmarshal(raw, &s)
				p.AfterSupplement = map[string]ClockRule{"restart": Restart, "pause": Pause, "run": Run}[s]
			case "withdrawal":
				err = json.Unmarshal(raw, &p.Withdrawal)
			case "refusal_within_limit":
				err = json.Unmarshal(raw, &p.RefusalWithinLimit)
			default:
				t.Fatalf("unknown policy field %q", k)
			}
			if err != nil {
				t.Fatal(err)
			}
		}
	})
}

func TestRuleVectors(t *testing.T) {
	data, err := os.ReadFile("testdata/rules.json")
	if err != nil {
		t.Fatal(err)
	}
	var vs []vector
	if err := json.Unmarshal(data, &vs); err != nil {
		t.Fatal(err)
	}
	if len(vs) < 10 {
		t.Fatalf("%d vectors", len(vs))
	}
	for _, v := range vs {
		t.Run(v.Name, func(t *testing.T) {
			d := inProcess(t, v.rules(t), at(v.Received))
			var err error
			for i, c := range v.Commands {
				actor, ok := byName[c.By]
				if !ok {
					t.Fatalf("unknown actor %q", c.By)
				}
				cmd := Command{Kind: c.Cmd, Actor: actor, Reason: c.Reason}
				if c.Due != "" {
					cmd.Due = at(c.Due)
				}
				err = applyChecked(t, d, cmd, at(c.At))
				if err != nil && i < len(v.Commands)-1 {
					t.Fatalf("command %d (%v): %v", i, c.Cmd, err)
				}
			}
			want := sentinels[v.Error]
			if v.Error != "" && want == nil {
				t.Fatalf("unknown error %q", v.Error)
			}
			var dl time.Time
			if v.Deadline != "" {
				dl = at(v.Deadline)
			}
			wantErr(t, err, want, dl)
			var re *RuleError
			if errors.As(err, &re) && re.Rule == "" {
				t.Error("rule error without its legal source")
			}
			if v.State != 0 && d.State != v.State {
				t.Errorf("state %v, want %v", d.State, v.State)
			}
			if d.Resolution.Late != v.Late {
				t.Errorf("late %v, want %v", d.Resolution.Late, v.Late)
			}
			if v.Due != "" && !d.Deadline.Due.Equal(at(v.Due)) {
				t.Errorf("due %v, want %v", d.Deadline.Due, v.Due)
			}
		})
	}
}
