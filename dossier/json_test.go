package dossier

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/motcua-go/motcua/calendar"
)

func FuzzEventJSON(f *testing.F) {
	d := inProcess(f, testRules(), at("2025-03-04 09:10"))
	mustApply(f, d, Command{Kind: RequestSupplement, Actor: officerA, Reason: "Thiếu giấy tờ", Attachments: []string{"Giấy chứng sinh"}}, at("2025-03-05 09:00"))
	mustApply(f, d, Command{Kind: Supplement, Actor: citizen}, at("2025-03-06 09:00"))
	mustApply(f, d, Command{Kind: Apologise, Actor: officerA, Reason: "Xác minh", Due: at("2025-03-20 17:00")}, at("2025-03-07 09:00"))
	for _, ev := range d.Events {
		b, err := json.Marshal(ev)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`{"seq":1,"at":"2025-03-04T09:10:00+07:00","actor":{"id":"x","role":"clerk"},"command":"open","to":"Submitted"}`))
	f.Add([]byte(`{"to":"Nowhere"}`))
	f.Add([]byte(`{"code":"000.00.00.H49-250230-0001"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var ev Event
		if err := json.Unmarshal(data, &ev); err != nil {
			return
		}
		b, err := json.Marshal(ev)
		if err != nil {
			return // e.g. a missing state: decodes to the zero State, which does not encode
		}
		var back Event
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatalf("re-decoding %s: %v", b, err)
		}
		// An empty list and no list encode alike (omitempty).
		if diff := cmp.Diff(ev, back, cmpopts.EquateEmpty()); diff != "" {
			t.Fatalf("round trip differs:\n%s", diff)
		}
		b2, err := json.Marshal(back)
		if err != nil || string(b2) != string(b) {
			t.Fatalf("not stable: %s vs %s (%v)", b, b2, err)
		}
	})
}

func TestEventJSONShape(t *testing.T) {
	ev := Event{Seq: 3, At: at("2025-03-04 09:10"), Actor: clerk, Command: Transfer, From: Received, To: Transferred,
		StepDue: at("2025-03-07 09:10"), Steps: []StepRecord{{ID: "verify", Agency: agencyA, Due: at("2025-03-07 09:10")}}}
	b, err := json.Marshal(ev)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"seq":3,"at":"2025-03-04T09:10:00+07:00","actor":{"id":"clerk-1","role":"clerk","agency":"000.00.00.H49"},` +
		`"command":"transfer","from":"received","to":"transferred","step_due":"2025-03-07T09:10:00+07:00",` +
		`"steps":[{"id":"verify","agency":"000.00.12.H49","due":"2025-03-07T09:10:00+07:00"}]}`
	if string(b) != want {
		t.Fatalf("got  %s\nwant %s", b, want)
	}
	var back Event
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(ev, back); diff != "" {
		t.Fatal(diff)
	}
}

// Replay of any decoded log either fails with ErrLog or rebuilds a dossier whose replay is
// itself; it never panics, and Apply on the result never panics either.
func FuzzReplayJSON(f *testing.F) {
	d := inProcess(f, testRules(), at("2025-03-04 09:10"))
	mustApply(f, d, Command{Kind: Handoff, Actor: officerA}, at("2025-03-05 09:00"))
	mustApply(f, d, Command{Kind: SendBack, Actor: officerB, Reason: "Sai"}, at("2025-03-05 10:00"))
	b, err := json.Marshal(d.Events)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b)
	f.Add([]byte(`[{"seq":1,"at":"2025-03-04T09:10:00+07:00","actor":{"id":"x","role":"clerk"},"command":"open","to":"Submitted","intake":{}}]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var evs []Event
		if json.Unmarshal(data, &evs) != nil {
			return
		}
		r := testRules()
		got, err := r.Replay(evs)
		if err != nil {
			if !errors.Is(err, ErrLog) {
				t.Fatalf("err = %v", err)
			}
			return
		}
		again, err := r.Replay(got.Events)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(got, again); diff != "" {
			t.Fatal(diff)
		}
		now := got.Events[len(got.Events)-1].At
		for _, k := range Commands() {
			for _, a := range actors {
				got.Apply(Command{Kind: k, Actor: a, Reason: "x", Code: codeAt(now, 1), Due: now.Add(time.Hour)}, now)
			}
		}
	})
}

// A dossier damaged in storage is refused, not a panic.
func TestApplyRefusesDamagedDossier(t *testing.T) {
	for name, damage := range map[string]func(*Dossier){
		"current past the steps": func(d *Dossier) { d.Current = 5 },
		"no steps in process":    func(d *Dossier) { d.Steps = nil },
		"no supplement record":   func(d *Dossier) { d.State = SupplementRequested; d.Supplements = nil },
	} {
		d := inProcess(t, testRules(), at("2025-03-04 09:10"))
		damage(d)
		for _, k := range Commands() {
			if _, err := d.Apply(Command{Kind: k, Actor: officerA, Reason: "x"}, at("2025-03-05 09:00")); err == nil {
				t.Errorf("%s: %v applied", name, k)
			}
		}
	}
}

// A decoded dossier equals the stored one, encodes to the same bytes, reads its times in
// Vietnam's zone whatever offset the store wrote, and a failed decode changes nothing.
func TestDossierDecode(t *testing.T) {
	d := worst(t)
	b, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	back := &Dossier{Rules: d.Rules}
	if err := json.Unmarshal(b, back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(d, back); diff != "" {
		t.Fatalf("round trip differs:\n%s", diff)
	}
	b2, err := json.Marshal(back)
	if err != nil || string(b2) != string(b) {
		t.Fatalf("not stable (%v):\n%s\n%s", err, b, b2)
	}
	if cap(back.Steps) != len(back.Steps) || cap(back.Events) != len(back.Events) || cap(back.Deadline.History) != len(back.Deadline.History) {
		t.Fatalf("spare capacity: steps %d/%d, events %d/%d", len(back.Steps), cap(back.Steps), len(back.Events), cap(back.Events))
	}

	// Some instants written in UTC by another system.
	inUTC := *d
	inUTC.Received = d.Received.UTC()
	inUTC.Steps = append([]StepRecord(nil), d.Steps...)
	inUTC.Steps[1].Done = d.Steps[1].Done.UTC()
	b3, err := json.Marshal(&inUTC)
	if err != nil {
		t.Fatal(err)
	}
	var z Dossier
	if err := json.Unmarshal(b3, &z); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name      string
		got, want time.Time
	}{{"received", z.Received, d.Received}, {"step done", z.Steps[1].Done, d.Steps[1].Done}, {"event", z.Events[3].At, d.Events[3].At}} {
		if c.got.Location() != calendar.Zone() || !c.got.Equal(c.want) {
			t.Errorf("%s decoded as %v (%v)", c.name, c.got, c.got.Location())
		}
	}

	// The clock of earlier versions stored its start, pause and paused time: read from the
	// log now, they are ignored.
	legacy := strings.Replace(string(b), `"deadline":{`, `"deadline":{"start":"2025-03-04T09:10:00+07:00","paused_at":"2025-03-05T09:00:00+07:00","paused":3600000000000,`, 1)
	if legacy == string(b) {
		t.Fatal("no deadline in the encoding")
	}
	var old Dossier
	if err := json.Unmarshal([]byte(legacy), &old); err != nil {
		t.Fatal(err)
	}
	old.Rules = d.Rules
	if diff := cmp.Diff(d, &old); diff != "" {
		t.Fatalf("earlier encoding differs:\n%s", diff)
	}

	before := *back
	for _, bad := range []string{`{"state":"Nowhere"}`, `{"code":"x"}`, `{"steps":[{"due":1}]}`, `[`} {
		if err := json.Unmarshal([]byte(bad), back); err == nil {
			t.Fatalf("%s decoded", bad)
		}
		if diff := cmp.Diff(&before, back); diff != "" {
			t.Fatalf("failed decode of %s changed the dossier:\n%s", bad, diff)
		}
	}
}

// Decoding any stored dossier never panics, and what decodes re-encodes to itself.
func FuzzDossierJSON(f *testing.F) {
	b, err := json.Marshal(worst(f))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b)
	f.Add([]byte(`{"steps":[{"id":"a","agency":"x","due":"2025-03-04T09:10:00Z"}],"events":[{"seq":1,"command":"transfer","to":"Transferred","steps":[]}]}`))
	f.Add([]byte(`{"documents":["a"],"events":[{"seq":1,"at":"2025-03-04T09:10:00+07:00","command":"open","to":"Submitted","intake":{"documents":["a","b"]}}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var d Dossier
		if json.Unmarshal(data, &d) != nil {
			return
		}
		b, err := json.Marshal(&d)
		if err != nil {
			return // e.g. a zero state or command, which does not encode
		}
		var back Dossier
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatalf("re-decoding %s: %v", b, err)
		}
		if diff := cmp.Diff(&d, &back, cmpopts.EquateEmpty()); diff != "" {
			t.Fatalf("round trip differs:\n%s", diff)
		}
	})
}

// The late flag of the result survives a JSON round trip, and an encoding without it (before
// the flag existed) is given it from the log.
func TestLateResultJSON(t *testing.T) {
	d := inProcess(t, testRules(), at("2025-03-04 09:10"))
	mustApply(t, d, Command{Kind: Refuse, Actor: officerA, Reason: "Không đủ điều kiện"}, at("2025-03-12 09:00"))
	mustApply(t, d, Command{Kind: Return, Actor: clerk}, at("2025-03-12 10:00"))
	if !d.Resolution.Late {
		t.Fatal("late refusal not counted late")
	}
	b, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	old := bytes.Replace(b, []byte(`,"late":true`), nil, 1)
	if bytes.Equal(old, b) {
		t.Fatal("no late flag in the encoding")
	}
	for _, enc := range [][]byte{b, old} {
		back := &Dossier{Rules: d.Rules}
		if err := json.Unmarshal(enc, back); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(d, back); diff != "" {
			t.Errorf("decoded dossier differs:\n%s", diff)
		}
	}
}
