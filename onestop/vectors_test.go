package onestop_test

import (
	"encoding/json"
	"os"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/motcua-go/motcua/procedure"
)

type intakeVector struct {
	Name       string    `json:"name"`
	Rule       string    `json:"rule"`
	Procedure  string    `json:"procedure"`
	Case       string    `json:"case"`
	Channel    string    `json:"channel"`
	Now        time.Time `json:"now"`
	Submitted  time.Time `json:"submitted"`
	Competent  string    `json:"competent"`
	Documents  *[]string `json:"documents"` // absent: every required document
	Decision   string    `json:"decision"`
	Received   time.Time `json:"received"`
	Due        time.Time `json:"due"`
	DispatchBy time.Time `json:"dispatch_by"`
	Missing    []string  `json:"missing"`
}

// TestIntakeVectors runs the decree-derived intake cases of testdata/intake_vectors.json.
func TestIntakeVectors(t *testing.T) {
	data, err := os.ReadFile("testdata/intake_vectors.json")
	if err != nil {
		t.Fatal(err)
	}
	var vs []intakeVector
	if err := json.Unmarshal(data, &vs); err != nil {
		t.Fatal(err)
	}
	if len(vs) < 10 {
		t.Fatalf("only %d vectors", len(vs))
	}
	cat := testCatalog(t)
	for _, v := range vs {
		t.Run(v.Name, func(t *testing.T) {
			f := newFixture(t, v.Now)
			var ch procedure.Channel
			if err := ch.UnmarshalText([]byte(v.Channel)); err != nil {
				t.Fatal(err)
			}
			sub := birth()
			sub.Procedure, sub.Case, sub.Channel, sub.Submitted = v.Procedure, v.Case, ch, v.Submitted
			if v.Competent != "" {
				sub.Competent = v.Competent
			}
			if v.Documents != nil {
				sub.Documents = *v.Documents
			} else if p, err := cat.Lookup(procedure.NationalCode(v.Procedure), v.Now); err == nil {
				sub.Documents = nil
				for _, d := range p.Documents {
					if d.Requirement == procedure.Required {
						sub.Documents = append(sub.Documents, d.Name)
					}
				}
			}
			res, err := f.office.Intake(ctx, clerk, sub)
			if err != nil {
				t.Fatalf("%s: %v", v.Rule, err)
			}
			if res.Decision.String() != v.Decision {
				t.Fatalf("%s: decision %v, want %s", v.Rule, res.Decision, v.Decision)
			}
			if diff := cmp.Diff(v.Missing, res.Missing); diff != "" {
				t.Errorf("%s: missing (-want +got):\n%s", v.Rule, diff)
			}
			if v.Decision != "accepted" {
				return
			}
			h, err := f.office.Transfer(ctx, clerk, res.Code)
			if err != nil {
				t.Fatal(err)
			}
			got := [3]time.Time{res.Received, res.Due, h.DispatchBy}
			want := [3]time.Time{v.Received, v.Due, v.DispatchBy}
			for i, name := range []string{"received", "due", "dispatch by"} {
				if !got[i].Equal(want[i]) {
					t.Errorf("%s: %s %v, want %v", v.Rule, name, got[i], want[i])
				}
			}
		})
	}
}
