package dossier

import (
	"encoding/json"
	"runtime"
	"testing"
	"time"
	"unsafe"

	"github.com/motcua-go/motcua/calendar"
)

// typical is a two-agency dossier after a supplement and an apology: 13 events.
func typical(tb testing.TB) *Dossier {
	d := inProcess(tb, testRules(), at("2025-03-04 09:10"))
	mustApply(tb, d, Command{Kind: RequestSupplement, Actor: officerA, Reason: "Thiếu bản sao giấy chứng sinh", Attachments: []string{"Giấy chứng sinh"}}, at("2025-03-05 09:00"))
	mustApply(tb, d, Command{Kind: Supplement, Actor: citizen}, at("2025-03-06 09:00"))
	mustApply(tb, d, Command{Kind: Handoff, Actor: officerA}, at("2025-03-07 09:00"))
	mustApply(tb, d, Command{Kind: SendBack, Actor: officerB, Reason: "Thiếu ý kiến thẩm định"}, at("2025-03-07 10:00"))
	mustApply(tb, d, Command{Kind: Handoff, Actor: officerA}, at("2025-03-07 11:00"))
	mustApply(tb, d, Command{Kind: Apologise, Actor: officerB, Reason: "Chờ xác minh", Due: at("2025-03-20 17:00")}, at("2025-03-10 09:00"))
	mustApply(tb, d, Command{Kind: Resolve, Actor: officerB, Reference: "15/QĐ-UBND"}, at("2025-03-12 09:00"))
	mustApply(tb, d, Command{Kind: Return, Actor: clerk}, at("2025-03-12 14:00"))
	return d
}

// owned is the memory a dossier holds without its events: the struct and the backing arrays
// of its own slices (strings are counted apart).
func owned(d *Dossier) int {
	return int(unsafe.Sizeof(*d)) + cap(d.Steps)*int(unsafe.Sizeof(Step{})) +
		cap(d.Clock.History)*int(unsafe.Sizeof(DueChange{})) +
		cap(d.Supplements)*int(unsafe.Sizeof(SupplementRequest{})) +
		cap(d.Documents)*int(unsafe.Sizeof(""))
}

func stringBytes(d *Dossier) int {
	n := len(d.Code.Unit) + len(d.Desk) + len(d.Agency) + len(d.Result.Reference)
	p, a := d.Procedure, d.Applicant
	n += len(p.Code) + len(p.Version) + len(p.Case) + len(p.Name)
	n += len(a.Name) + len(a.CitizenID) + len(a.TaxCode) + len(a.Phone) + len(a.Email) +
		len(a.Address.Line) + len(a.Address.UnitCode) + len(a.Address.UnitName)
	for _, s := range d.Steps {
		n += len(s.ID) + len(s.Agency) + len(s.Task)
	}
	for _, s := range d.Supplements {
		n += len(s.Agency)
	}
	for _, s := range d.Documents {
		n += len(s)
	}
	return n
}

// A dossier holds at most 1 KB without its events and their strings: one agency with a
// supplement and an apology, or two agencies on a plain run.
func TestMemoryPerDossier(t *testing.T) {
	single := func() *Dossier {
		d := receivedAt(t, testRules(), Counter, calendar.Limit{N: 5, Unit: calendar.WorkingDays}, at("2025-03-04 09:10"))
		mustApply(t, d, Command{Kind: Transfer, Actor: clerk}, at("2025-03-04 10:00"))
		mustApply(t, d, Command{Kind: Start, Actor: officerA}, at("2025-03-04 10:30"))
		mustApply(t, d, Command{Kind: RequestSupplement, Actor: officerA, Reason: "Bổ sung"}, at("2025-03-05 09:00"))
		mustApply(t, d, Command{Kind: Supplement, Actor: citizen}, at("2025-03-06 09:00"))
		mustApply(t, d, Command{Kind: Apologise, Actor: officerA, Reason: "Xác minh", Due: at("2025-03-20 17:00")}, at("2025-03-10 09:00"))
		mustApply(t, d, Command{Kind: Resolve, Actor: officerA}, at("2025-03-19 09:00"))
		return d
	}()
	double := func() *Dossier {
		d := inProcess(t, testRules(), at("2025-03-04 09:10"))
		mustApply(t, d, Command{Kind: Handoff, Actor: officerA}, at("2025-03-05 09:00"))
		mustApply(t, d, Command{Kind: Resolve, Actor: officerB}, at("2025-03-06 09:00"))
		mustApply(t, d, Command{Kind: Return, Actor: clerk}, at("2025-03-06 14:00"))
		return d
	}()
	for name, d := range map[string]*Dossier{"one agency, supplement, apology": single, "two agencies": double} {
		got := owned(d)
		t.Logf("%s: struct %d B, with its slices %d B, strings %d B", name, unsafe.Sizeof(*d), got, stringBytes(d))
		if got > 1024 {
			t.Errorf("%s: dossier holds %d B without events, want ≤ 1024", name, got)
		}
	}
	heavy := typical(t)
	t.Logf("two agencies, supplement, apology: %d B, strings %d B", owned(heavy), stringBytes(heavy))

	// The same on the heap, for a dossier decoded from storage (strings included).
	heavy.Events = nil
	b, err := json.Marshal(double)
	if err != nil {
		t.Fatal(err)
	}
	const n = 2000
	keep := make([]*Dossier, n)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	for i := range keep {
		var x Dossier
		if err := json.Unmarshal(b, &x); err != nil {
			t.Fatal(err)
		}
		x.Events = nil
		keep[i] = &x
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	t.Logf("heap per decoded two-agency dossier, strings included: %d B", int(after.HeapAlloc-before.HeapAlloc)/n)
	runtime.KeepAlive(keep)
}

// BenchmarkApply runs hand-offs and send-backs between two agencies: role, state, agency and
// reason checks, one event appended.
func BenchmarkApply(b *testing.B) {
	d := inProcess(b, testRules(), at("2025-03-04 09:10"))
	d.Events = append(make([]Event, 0, 1<<12), d.Events...)
	base := len(d.Events)
	now := at("2025-03-05 09:00")
	hand := Command{Kind: Handoff, Actor: officerA}
	back := Command{Kind: SendBack, Actor: officerB, Reason: "Thiếu ý kiến thẩm định"}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		cmd := hand
		if i&1 == 1 {
			cmd = back
		}
		if _, err := d.Apply(cmd, now); err != nil {
			b.Fatal(err)
		}
		if len(d.Events) == cap(d.Events) {
			d.Events = d.Events[:base]
		}
	}
}

// BenchmarkApplyClock runs supplement requests and supplements: calendar guards, the clock
// restarted and the step due times moved.
func BenchmarkApplyClock(b *testing.B) {
	r := rulesWith(b, func(p *Policy) { p.SupplementOncePerAgency = false; p.SupplementWindow = 2000 })
	d := inProcess(b, r, at("2025-03-04 09:10"))
	d.Events = append(make([]Event, 0, 1<<12), d.Events...)
	base := len(d.Events)
	now := at("2025-03-05 09:00")
	req := Command{Kind: RequestSupplement, Actor: officerA, Reason: "Bổ sung"}
	sup := Command{Kind: Supplement, Actor: citizen}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		cmd := req
		if i&1 == 1 {
			cmd = sup
		}
		if _, err := d.Apply(cmd, now); err != nil {
			b.Fatal(err)
		}
		if i&63 == 63 {
			d.Events, d.Supplements, d.Clock.History = d.Events[:base], nil, d.Clock.History[:1]
		}
	}
}

// log20 is a 20-event log: intake, receipt, a two-agency route, a supplement, hand-offs,
// an apology, the result and its return.
func log20(tb testing.TB) []Event {
	r := testRules()
	d, err := r.Open(testIntake(Counter, calendar.Limit{N: 10, Unit: calendar.WorkingDays}), clerk, at("2025-03-04 09:00"))
	if err != nil {
		tb.Fatal(err)
	}
	mustApply(tb, d, Command{Kind: Receive, Actor: clerk, Code: codeAt(at("2025-03-04 09:10"), 1)}, at("2025-03-04 09:10"))
	mustApply(tb, d, Command{Kind: Transfer, Actor: clerk, Steps: twoSteps(at("2025-03-11 09:10"), at("2025-03-18 09:10"))}, at("2025-03-04 10:00"))
	mustApply(tb, d, Command{Kind: Start, Actor: officerA}, at("2025-03-04 13:00"))
	mustApply(tb, d, Command{Kind: RequestSupplement, Actor: officerA, Reason: "Bổ sung"}, at("2025-03-05 09:00"))
	mustApply(tb, d, Command{Kind: Supplement, Actor: citizen}, at("2025-03-06 09:00"))
	for i := range 5 {
		h := at("2025-03-07 08:00").Add(time.Duration(i) * 2 * time.Hour)
		mustApply(tb, d, Command{Kind: Handoff, Actor: officerA}, h)
		mustApply(tb, d, Command{Kind: SendBack, Actor: officerB, Reason: "Thiếu"}, h.Add(time.Hour))
	}
	mustApply(tb, d, Command{Kind: Handoff, Actor: officerA}, at("2025-03-10 09:00"))
	mustApply(tb, d, Command{Kind: Apologise, Actor: officerB, Reason: "Xác minh", Due: at("2025-03-28 17:00")}, at("2025-03-11 09:00"))
	mustApply(tb, d, Command{Kind: Resolve, Actor: officerB}, at("2025-03-20 09:00"))
	mustApply(tb, d, Command{Kind: Return, Actor: clerk}, at("2025-03-20 14:00"))
	if len(d.Events) != 20 {
		tb.Fatalf("%d events", len(d.Events))
	}
	return d.Events
}

func BenchmarkReplay20(b *testing.B) {
	evs := log20(b)
	r := testRules()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := r.Replay(evs); err != nil {
			b.Fatal(err)
		}
	}
}

// The performance budget, checked as a test with generous margins for a shared machine:
// Apply ≤ 4 allocations; Replay of 20 events without per-event allocations.
func TestAllocationBudget(t *testing.T) {
	d := inProcess(t, testRules(), at("2025-03-04 09:10"))
	d.Events = append(make([]Event, 0, 1024), d.Events...)
	now := at("2025-03-05 09:00")
	i := 0
	allocs := testing.AllocsPerRun(200, func() {
		cmd := Command{Kind: Handoff, Actor: officerA}
		if i&1 == 1 {
			cmd = Command{Kind: SendBack, Actor: officerB, Reason: "Thiếu"}
		}
		i++
		if _, err := d.Apply(cmd, now); err != nil {
			t.Fatal(err)
		}
	})
	if allocs > 4 {
		t.Errorf("Apply: %v allocations, want ≤ 4", allocs)
	}
	evs := log20(t)
	r := testRules()
	allocs = testing.AllocsPerRun(50, func() {
		if _, err := r.Replay(evs); err != nil {
			t.Fatal(err)
		}
	})
	if allocs > 12 {
		t.Errorf("Replay of 20 events: %v allocations, want ≤ 12", allocs)
	}
}
