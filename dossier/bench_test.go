package dossier

import (
	"encoding/json"
	"runtime"
	"testing"
	"time"
	"unsafe"

	"github.com/motcua-go/motcua/calendar"
	"github.com/motcua-go/motcua/procedure"
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

// footprint is the memory a dossier holds without its events: the struct, the backing
// arrays of its own slices, and the bytes of the strings it refers to, each backing array
// counted once; strs counts them all, owned only those its event log does not hold too.
func footprint(d *Dossier) (structBytes, slices, strs, owned int) {
	structBytes = int(unsafe.Sizeof(*d))
	slices = cap(d.Steps)*int(unsafe.Sizeof(StepRecord{})) +
		cap(d.Deadline.History)*int(unsafe.Sizeof(DueChange{})) +
		cap(d.Supplements)*int(unsafe.Sizeof(SupplementRequest{})) +
		cap(d.Documents)*int(unsafe.Sizeof(""))
	if len(d.Documents) > 0 && len(d.Events) > 0 && d.Events[0].Intake != nil &&
		len(d.Events[0].Intake.Documents) > 0 && &d.Documents[0] == &d.Events[0].Intake.Documents[0] {
		slices -= cap(d.Documents) * int(unsafe.Sizeof("")) // the intake's list, shared with the log
	}
	logged := map[*byte]bool{}
	for _, ev := range d.Events {
		for _, s := range logStrings(&ev) {
			logged[unsafe.StringData(s)] = true
		}
	}
	seen := map[*byte]int{}
	for _, s := range dossierStrings(d) {
		if p := unsafe.StringData(s); p != nil && len(s) > seen[p] {
			seen[p] = len(s)
		}
	}
	for p, n := range seen {
		strs += n
		if !logged[p] {
			owned += n
		}
	}
	return structBytes, slices, strs, owned
}

func dossierStrings(d *Dossier) []string {
	p := d.Procedure
	ss := []string{d.Code.Unit, d.Desk, d.Agency, d.Resolution.Reference, p.Code, p.Version, p.Case, p.Name}
	if a := d.Applicant; a != nil {
		ss = append(ss, a.Name, a.CitizenID, a.TaxCode, a.Phone, a.Email, a.Address.Line, a.Address.UnitCode, a.Address.UnitName)
	}
	for _, s := range d.Steps {
		ss = append(ss, s.ID, s.Agency, s.Task)
	}
	for _, s := range d.Supplements {
		ss = append(ss, s.Agency)
	}
	return append(ss, d.Documents...)
}

func logStrings(ev *Event) []string {
	ss := []string{ev.Actor.ID, ev.Actor.Agency, ev.Reason, ev.Code.Unit, ev.Reference}
	ss = append(ss, ev.Attachments...)
	for _, s := range ev.Steps {
		ss = append(ss, s.ID, s.Agency, s.Task)
	}
	if in := ev.Intake; in != nil {
		p, a := in.Procedure, in.Applicant
		ss = append(ss, in.Desk, in.Agency, p.Code, p.Version, p.Case, p.Name, a.Name, a.CitizenID, a.TaxCode,
			a.Phone, a.Email, a.Address.Line, a.Address.UnitCode, a.Address.UnitName)
		ss = append(ss, in.Documents...)
	}
	return ss
}

const agencyC = "000.00.20.H49"

// worst is the largest realistic dossier: a route through three agencies, a supplement, an
// apology with its new appointment, and the result returned.
func worst(tb testing.TB) *Dossier {
	r := testRules()
	in := testIntake(procedure.Counter, calendar.Limit{N: 15, Unit: calendar.WorkingDays})
	in.Procedure = ProcedureRef{Code: "1.012787", Version: "2025-07", Case: "Chuyển nhượng toàn bộ thửa đất",
		Name: "Đăng ký biến động quyền sử dụng đất, tài sản gắn liền với đất"}
	in.Documents = []string{"Đơn đăng ký biến động đất đai", "Hợp đồng chuyển nhượng", "Giấy chứng nhận quyền sử dụng đất"}
	d, err := r.Open(in, clerk, at("2025-03-04 09:00"))
	if err != nil {
		tb.Fatal(err)
	}
	mustApply(tb, d, Command{Kind: Receive, Actor: clerk, Code: codeAt(at("2025-03-04 09:10"), 1)}, at("2025-03-04 09:10"))
	officerC := Actor{ID: "officer-c", Role: RoleOfficer, Agency: agencyC}
	steps := []StepRecord{
		{ID: "verify", Agency: agencyA, Task: "Thẩm định hồ sơ, đo đạc", Due: at("2025-03-11 09:10")},
		{ID: "tax", Agency: agencyB, Task: "Xác định nghĩa vụ tài chính", Due: at("2025-03-14 09:10")},
		{ID: "sign", Agency: agencyC, Task: "Ký cấp giấy chứng nhận", Due: at("2025-03-25 09:10")},
	}
	mustApply(tb, d, Command{Kind: Transfer, Actor: clerk, Steps: steps}, at("2025-03-04 10:00"))
	mustApply(tb, d, Command{Kind: Start, Actor: officerA}, at("2025-03-04 13:00"))
	mustApply(tb, d, Command{Kind: RequestSupplement, Actor: officerA, Reason: "Thiếu trích lục bản đồ"}, at("2025-03-05 09:00"))
	mustApply(tb, d, Command{Kind: Supplement, Actor: citizen}, at("2025-03-06 09:00"))
	mustApply(tb, d, Command{Kind: Handoff, Actor: officerA}, at("2025-03-10 09:00"))
	mustApply(tb, d, Command{Kind: Handoff, Actor: officerB}, at("2025-03-14 09:00"))
	mustApply(tb, d, Command{Kind: Apologise, Actor: officerC, Reason: "Chờ ý kiến cơ quan thuế", Due: at("2025-04-04 17:00")}, at("2025-03-20 09:00"))
	mustApply(tb, d, Command{Kind: Resolve, Actor: officerC, Reference: "CS 123456/2025"}, at("2025-04-01 09:00"))
	mustApply(tb, d, Command{Kind: Return, Actor: clerk}, at("2025-04-01 14:00"))
	return d
}

// decodedHeap returns the heap held by a dossier decoded from b, with its log and without it
// (the log alone), averaged over many copies.
func decodedHeap(tb testing.TB, b []byte) (whole, log int) {
	const n = 2000
	measure := func(keepLog bool) int {
		keep := make([]any, n)
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		for i := range keep {
			x := new(Dossier)
			if err := json.Unmarshal(b, x); err != nil {
				tb.Fatal(err)
			}
			keep[i] = x
			if keepLog {
				keep[i] = x.Events
			}
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		runtime.KeepAlive(keep)
		return int(after.HeapAlloc-before.HeapAlloc) / n
	}
	return measure(false), measure(true)
}

// A dossier holds at most 1.125 KB beside its event log, up to the largest realistic shape,
// live and decoded from storage: its struct and lists fit, and it keeps no second copy of
// a string of its log (the intake's texts, agency codes, step tasks, references). (It was
// 1 KB until each step named the steps it waits for, 24 B a step, so that parallel steps
// are held at once: Decree 118/2025 Art. 20(2)(b).)
func TestMemoryPerDossier(t *testing.T) {
	const budget = 1152
	single := func() *Dossier {
		d := receivedAt(t, testRules(), procedure.Counter, calendar.Limit{N: 5, Unit: calendar.WorkingDays}, at("2025-03-04 09:10"))
		mustApply(t, d, Command{Kind: Transfer, Actor: clerk}, at("2025-03-04 10:00"))
		mustApply(t, d, Command{Kind: Start, Actor: officerA}, at("2025-03-04 10:30"))
		mustApply(t, d, Command{Kind: RequestSupplement, Actor: officerA, Reason: "Bổ sung"}, at("2025-03-05 09:00"))
		mustApply(t, d, Command{Kind: Supplement, Actor: citizen}, at("2025-03-06 09:00"))
		mustApply(t, d, Command{Kind: Apologise, Actor: officerA, Reason: "Xác minh", Due: at("2025-03-20 17:00")}, at("2025-03-10 09:00"))
		mustApply(t, d, Command{Kind: Resolve, Actor: officerA}, at("2025-03-19 09:00"))
		return d
	}()
	shapes := []struct {
		name string
		d    *Dossier
	}{
		{"one agency, supplement, apology", single},
		{"two agencies, supplement, apology", typical(t)},
		{"three agencies, supplement, apology, result", worst(t)},
	}
	for _, s := range shapes {
		b, err := json.Marshal(s.d)
		if err != nil {
			t.Fatal(err)
		}
		decoded := new(Dossier)
		if err := json.Unmarshal(b, decoded); err != nil {
			t.Fatal(err)
		}
		for how, d := range map[string]*Dossier{"live": s.d, "decoded": decoded} {
			st, sl, str, owned := footprint(d)
			t.Logf("%s, %s: struct %d B + lists %d B + strings %d B (%d B not in the log)", s.name, how, st, sl, str, owned)
			if owned != 0 {
				t.Errorf("%s, %s: %d B of strings held twice", s.name, how, owned)
			}
			if st+sl > budget {
				t.Errorf("%s, %s: struct and lists take %d B, want ≤ %d", s.name, how, st+sl, budget)
			}
		}
		whole, log := decodedHeap(t, b)
		t.Logf("%s: decoded, %d B of heap, %d B beside its log", s.name, whole, whole-log)
		if whole-log > budget+budget/16 { // the allocator's size classes, and noise
			t.Errorf("%s: decoded dossier holds %d B of heap beside its log, want ≤ %d", s.name, whole-log, budget+budget/16)
		}
	}
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
			d.Events, d.Supplements, d.Deadline.History = d.Events[:base], nil, d.Deadline.History[:1]
		}
	}
}

// log20 is a 20-event log: intake, receipt, a two-agency route, a supplement, hand-offs,
// an apology, the result and its return.
func log20(tb testing.TB) []Event {
	r := testRules()
	d, err := r.Open(testIntake(procedure.Counter, calendar.Limit{N: 10, Unit: calendar.WorkingDays}), clerk, at("2025-03-04 09:00"))
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

// BenchmarkValidateDocuments validates an intake of many blank documents: the cost grows
// linearly with the list (8× the documents, about 8× the time) and the error lists 100.
func BenchmarkValidateDocuments(b *testing.B) {
	for _, n := range []int{10_000, 80_000} {
		b.Run(itoa(n), func(b *testing.B) {
			in := testIntake(procedure.Counter, calendar.Limit{N: 5, Unit: calendar.WorkingDays})
			in.Documents = make([]string, n)
			b.ReportAllocs()
			for b.Loop() {
				if in.Validate() == nil {
					b.Fatal("no error")
				}
			}
		})
	}
}

// BenchmarkDecode decodes a dossier of 11 events (worst) from its JSON and its binary
// encoding, as a store reading it back does.
func BenchmarkDecode(b *testing.B) {
	d := worst(b)
	js, err := json.Marshal(d)
	if err != nil {
		b.Fatal(err)
	}
	bin, err := d.MarshalBinary()
	if err != nil {
		b.Fatal(err)
	}
	b.Run("JSON", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(js)))
		for b.Loop() {
			var x Dossier
			if err := json.Unmarshal(js, &x); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Binary", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(bin)))
		for b.Loop() {
			var x Dossier
			if err := x.UnmarshalBinary(bin); err != nil {
				b.Fatal(err)
			}
		}
	})
}
