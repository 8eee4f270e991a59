package onestop_test

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/motcua-go/motcua/calendar"
	"github.com/motcua-go/motcua/dossier"
	"github.com/motcua-go/motcua/onestop"
	"github.com/motcua-go/motcua/procedure"
	"github.com/motcua-go/motcua/routing"
	"github.com/rickb777/date/v2"
)

// hungYen is the province committee of Hưng Yên (which Thái Bình joined on 2025-07-01) in the
// sample directory, the competent agency of the cross-province dossiers below, received at
// the Vân Đồn desk in Quảng Ninh. Its code is the sample's placeholder.
const hungYen = "000.00.00.H33"

// crossProvinceRoutes routes household-business registrations through a route whose steps name
// their agencies: the receiving desk in Quảng Ninh, then the competent agency in Hưng Yên.
func crossProvinceRoutes(t testing.TB) (*routing.Set, *routing.Route) {
	t.Helper()
	route, err := routing.ParseRoute([]byte(`{"name": "cross-province", "title": "Hộ kinh doanh – nhận hồ sơ ngoài tỉnh",
 "kind": "vertical", "basis": ["Decree 309/2026/NĐ-CP"], "limit": "3wd", "lead": "register",
 "steps": [
  {"id": "receive", "agency": "`+desk+`", "task": "receive", "share": "1/12"},
  {"id": "register", "agency": "`+hungYen+`", "task": "register", "share": "1/2", "after": ["receive"]},
  {"id": "issue", "agency": "`+hungYen+`", "task": "issue", "share": "1/4", "after": ["register"]},
  {"id": "return", "agency": "`+hungYen+`", "task": "return", "share": "1/6", "after": ["issue"]}]}`), routing.SampleDirectory())
	if err != nil {
		t.Fatal(err)
	}
	set, err := routing.NewSet([]*routing.Route{route}, routing.SelectionRules{Rules: []routing.SelectionRule{{Procedure: "2.000720", Route: "cross-province"}}})
	if err != nil {
		t.Fatal(err)
	}
	return set, route
}

// clockFromReceipt is the office of the Vân Đồn desk receiving nationwide (Decree 309/2026, new
// Art. 14(4) of Decree 118/2025), with the boundary-free clock rule on or off.
func clockFromReceipt(t testing.TB, start time.Time, rule bool) (*fixture, *routing.Route) {
	t.Helper()
	return clockFromReceiptIn(t, start, rule, nil)
}

// clockFromReceiptIn is clockFromReceipt with the store made by wrap from the fixture's
// MemStore (nil: the MemStore).
func clockFromReceiptIn(t testing.TB, start time.Time, rule bool, wrap func(*onestop.MemStore) onestop.Store) (*fixture, *routing.Route) {
	t.Helper()
	p := dossier.DefaultPolicy(dossier.Decree118)
	p.ClockFromCompetentReceipt = rule
	rules, err := dossier.NewRules(dossier.RulesConfig{Decree118: &p})
	if err != nil {
		t.Fatal(err)
	}
	set, route := crossProvinceRoutes(t)
	f := &fixture{clock: onestop.NewFakeClock(start), notes: new(onestop.Recorder), store: onestop.NewMemStore()}
	var store onestop.Store = f.store
	if wrap != nil {
		store = wrap(f.store)
	}
	f.office, err = onestop.New(onestop.Config{Desk: desk, Catalog: testCatalog(t), Rules: rules, Routes: set,
		Directory: routing.SampleDirectory(), Store: store, Clock: f.clock, Notifier: f.notes,
		Receivable: func(string, string, time.Time) bool { return true }})
	if err != nil {
		t.Fatal(err)
	}
	return f, route
}

func householdBusiness() onestop.Submission {
	return onestop.Submission{Procedure: "2.000720", Case: "household-business", Channel: procedure.Counter,
		Applicant: person("Trần Thị Bình"), Competent: hungYen, Documents: []string{"Giấy đề nghị đăng ký hộ kinh doanh"}}
}

// planned is the route planned from an instant, its steps ending at the due time, as the
// transfer sends them.
func planned(t *testing.T, route *routing.Route, from time.Time, received time.Time) []onestop.PublicStep {
	t.Helper()
	loc, _ := procedure.ParseAgencyCode(hungYen)
	bound, err := route.Bind(routing.SampleDirectory(), loc, dayIn(received))
	if err != nil {
		t.Fatal(err)
	}
	limit := calendar.Limit{N: 3, Unit: calendar.WorkingDays}
	sched, err := routing.Plan(bound, from, limit, calendar.Default())
	if err != nil {
		t.Fatal(err)
	}
	due := calendar.Default().Due(from, limit)
	var out []onestop.PublicStep
	for _, st := range dossier.StepsFrom(sched) {
		out = append(out, onestop.PublicStep{ID: st.ID, Agency: st.Agency, Task: st.Task, Due: st.Due})
	}
	if last := out[len(out)-1]; !last.Due.Equal(due) {
		t.Fatalf("the plan ends at %v, not at the due time %v", last.Due, due)
	}
	return out
}

// dayIn is the date of t in Vietnam.
func dayIn(t time.Time) date.Date { return date.NewAt(t.In(calendar.Zone())) }

// A dossier received in Quảng Ninh for an agency of Hưng Yên after Decree 309/2026: its time
// limit runs from the hand-over. The intake gives a provisional appointment counted from the
// latest hand-over allowed (the close of the day of a dossier received before 15:00), shown
// as provisional; the transfer, earlier that day, fixes it from the hand-over, plans the
// route again from there, and the step deadlines end at the fixed due time. With the rule
// off, the count runs from reception as before, and the transfer moves nothing.
func TestBoundaryFreeClockFromCompetentReceipt(t *testing.T) {
	cal := calendar.Default()
	received := time.Date(2026, time.August, 11, 10, 0, 0, 0, calendar.Zone()) // Tuesday
	handover := received.Add(4 * time.Hour)
	limit := calendar.Limit{N: 3, Unit: calendar.WorkingDays}
	provisional := cal.Due(cal.CloseOfDay(dayIn(received)), limit)
	fixed := cal.Due(handover, limit)
	if !fixed.Before(provisional) {
		t.Fatalf("test setup: fixed %v not before provisional %v", fixed, provisional)
	}

	t.Run("rule on", func(t *testing.T) {
		f, route := clockFromReceipt(t, received, true)
		res := mustIntake(t, f, householdBusiness())
		if !res.Provisional || !res.Due.Equal(provisional) {
			t.Fatalf("intake: due %v provisional %v, want %v provisional", res.Due, res.Provisional, provisional)
		}
		if res.Receipt == nil || !res.Receipt.Provisional || !res.Receipt.Due.Equal(provisional) {
			t.Fatalf("receipt slip %+v", res.Receipt)
		}
		if last := res.Transfer[len(res.Transfer)-1]; !last.Due.Equal(provisional) {
			t.Errorf("intake plan ends at %v, want %v", last.Due, provisional)
		}
		if diff := cmp.Diff(planned(t, route, cal.CloseOfDay(dayIn(received)), received), stepsOf(res.Transfer)); diff != "" {
			t.Errorf("intake plan, from the latest hand-over allowed (-want +got):\n%s", diff)
		}
		st, err := f.office.Lookup(ctx, res.Code)
		if err != nil {
			t.Fatal(err)
		}
		if !st.Provisional || !st.Due.Equal(provisional) || !st.FirstDue.Equal(provisional) {
			t.Fatalf("lookup before transfer: due %v first %v provisional %v", st.Due, st.FirstDue, st.Provisional)
		}

		f.clock.Set(handover)
		h, err := f.office.Transfer(ctx, clerk, res.Code)
		if err != nil {
			t.Fatal(err)
		}
		if h.Late {
			t.Error("transfer on the day of reception reported late")
		}
		st, err = f.office.Lookup(ctx, res.Code)
		if err != nil {
			t.Fatal(err)
		}
		if st.Provisional || !st.Due.Equal(fixed) || !st.FirstDue.Equal(provisional) {
			t.Fatalf("lookup after transfer: due %v first %v provisional %v, want due %v", st.Due, st.FirstDue, st.Provisional, fixed)
		}
		want := planned(t, route, handover, received)
		if diff := cmp.Diff(want, stepsOnly(st.Steps)); diff != "" {
			t.Errorf("steps after transfer, planned from the hand-over (-want +got):\n%s", diff)
		}
		if !h.Slip.Due.Equal(fixed) || len(h.Slip.Rows) != len(want) || !h.Slip.Rows[len(want)-1].Due.Equal(fixed) {
			t.Errorf("transfer slip: due %v, rows %+v, want them to end at %v", h.Slip.Due, h.Slip.Rows, fixed)
		}
	})

	t.Run("rule off", func(t *testing.T) {
		f, route := clockFromReceipt(t, received, false)
		res := mustIntake(t, f, householdBusiness())
		asReceived := cal.Due(received, limit)
		if res.Provisional || !res.Due.Equal(asReceived) || res.Receipt.Provisional {
			t.Fatalf("intake: due %v provisional %v, want %v fixed", res.Due, res.Provisional, asReceived)
		}
		want := planned(t, route, received, received)
		if diff := cmp.Diff(want, stepsOf(res.Transfer)); diff != "" {
			t.Errorf("intake plan (-want +got):\n%s", diff)
		}
		f.clock.Set(handover)
		if _, err := f.office.Transfer(ctx, clerk, res.Code); err != nil {
			t.Fatal(err)
		}
		st, err := f.office.Lookup(ctx, res.Code)
		if err != nil {
			t.Fatal(err)
		}
		if st.Provisional || !st.Due.Equal(asReceived) {
			t.Fatalf("lookup after transfer: due %v provisional %v, want %v", st.Due, st.Provisional, asReceived)
		}
		if diff := cmp.Diff(want, stepsOnly(st.Steps)); diff != "" {
			t.Errorf("steps after transfer (-want +got):\n%s", diff)
		}
	})
}

// stepsOf keeps what a plan says of each step.
func stepsOf(steps []dossier.StepRecord) []onestop.PublicStep {
	var out []onestop.PublicStep
	for _, st := range steps {
		out = append(out, onestop.PublicStep{ID: st.ID, Agency: st.Agency, Task: st.Task, Due: st.Due})
	}
	return out
}

// stepsOnly drops the progress of the steps of a lookup.
func stepsOnly(steps []onestop.PublicStep) []onestop.PublicStep {
	out := make([]onestop.PublicStep, len(steps))
	for i, st := range steps {
		out[i] = onestop.PublicStep{ID: st.ID, Agency: st.Agency, Task: st.Task, Due: st.Due}
	}
	return out
}

// A store that drops the route plan makes the office plan it again as it was planned: from the
// latest hand-over allowed while the due time is provisional, from the hand-over once the
// transfer fixed it. The sweep then names the same step, agency and overrun as with the plan
// kept.
func TestBoundaryFreeScheduleReplannedAlike(t *testing.T) {
	received := time.Date(2026, time.August, 11, 10, 0, 0, 0, calendar.Zone())
	handover := received.Add(4 * time.Hour)
	late := time.Date(2026, time.August, 20, 10, 0, 0, 0, calendar.Zone())
	for _, transfer := range []bool{false, true} {
		var got [2][]onestop.Alert
		for i, wrap := range []func(*onestop.MemStore) onestop.Store{nil, func(m *onestop.MemStore) onestop.Store { return forgetful{m} }} {
			f, _ := clockFromReceiptIn(t, received, true, wrap)
			res := mustIntake(t, f, householdBusiness())
			if transfer {
				f.clock.Set(handover)
				if _, err := f.office.Transfer(ctx, clerk, res.Code); err != nil {
					t.Fatal(err)
				}
			}
			f.clock.Set(late)
			alerts, err := f.office.Sweep(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if len(alerts) != 1 || alerts[0].Step == "" || alerts[0].Over <= 0 {
				t.Fatalf("transfer %v, store %d: alerts %+v, want one naming an overrun step", transfer, i, alerts)
			}
			got[i] = alerts
		}
		if diff := cmp.Diff(got[0], got[1]); diff != "" {
			t.Errorf("transfer %v: sweep with the plan kept vs planned again (-kept +again):\n%s", transfer, diff)
		}
	}
}

// A single-agency procedure with the same-day rule, received for an agency of another
// province: the provisional appointment counts from the close of the day of reception (after
// the 15:00 cut-off, so the next working day), the transfer at 14:00 fixes it by the same-day
// rule at the close of that day, and its one step ends there. A result given on the spot is
// not provisional.
func TestBoundaryFreeSameDay(t *testing.T) {
	cal := calendar.Default()
	received := time.Date(2026, time.August, 11, 10, 0, 0, 0, calendar.Zone()) // Tuesday
	handover := received.Add(4 * time.Hour)
	f, _ := clockFromReceipt(t, received, true)
	sub := birth()
	sub.Competent = hungYen
	res := mustIntake(t, f, sub)
	provisional := cal.CloseOfDay(dayIn(received) + 1)
	if !res.Provisional || !res.Due.Equal(provisional) {
		t.Fatalf("intake: due %v provisional %v, want %v provisional", res.Due, res.Provisional, provisional)
	}
	f.clock.Set(handover)
	h, err := f.office.Transfer(ctx, clerk, res.Code)
	if err != nil {
		t.Fatal(err)
	}
	fixed := cal.CloseOfDay(dayIn(received))
	st, err := f.office.Lookup(ctx, res.Code)
	if err != nil {
		t.Fatal(err)
	}
	want := []onestop.PublicStep{{ID: "1", Agency: hungYen, Due: fixed}}
	if st.Provisional || !st.Due.Equal(fixed) || !h.Slip.Due.Equal(fixed) {
		t.Errorf("after transfer: due %v (slip %v) provisional %v, want %v", st.Due, h.Slip.Due, st.Provisional, fixed)
	}
	if diff := cmp.Diff(want, stepsOnly(st.Steps), cmpopts.IgnoreFields(onestop.PublicStep{}, "Task")); diff != "" {
		t.Errorf("steps (-want +got):\n%s", diff)
	}

	sub.Immediate, sub.WantReceipt = true, true
	res = mustIntake(t, f, sub)
	if res.Provisional {
		t.Error("a result given on the spot is shown with a provisional due time")
	}
	if st, err := f.office.Lookup(ctx, res.Code); err != nil || st.Provisional {
		t.Errorf("lookup of a result given on the spot: provisional %v, %v", st.Provisional, err)
	}
}

// Property: for boundary-free dossiers received at random instants after Decree 309/2026, by
// counter or online, and handed over at a random instant no later than the desk is allowed,
// the fixed due time is never later than the provisional one, the steps sent at the transfer
// end exactly at the fixed due time with none after it, and the lookup agrees with both.
func TestBoundaryFreeFixedNeverLater(t *testing.T) {
	r := rand.New(rand.NewPCG(309, 2026))
	cal := calendar.Default()
	first := time.Date(2026, time.August, 10, 0, 0, 0, 0, calendar.Zone())
	for i := range 60 {
		// A reception instant: a random working day of six weeks, in office hours.
		var received time.Time
		for {
			received = first.Add(time.Duration(r.IntN(42*24*60)) * time.Minute)
			if cal.IsReceptionHours(received) {
				break
			}
		}
		f, _ := clockFromReceipt(t, received, true)
		sub := householdBusiness()
		if r.IntN(2) == 0 {
			sub.Channel = procedure.Online
		}
		res := mustIntake(t, f, sub)
		if !res.Provisional {
			t.Fatalf("case %d (%v): due not provisional", i, received)
		}
		st, err := f.office.Lookup(ctx, res.Code)
		if err != nil {
			t.Fatal(err)
		}
		// The latest hand-over allowed, read from the transfer deadline of a dossier at the
		// office's own rules: the close of the day, the next working start, or at once online.
		latest := res.Received
		if sub.Channel == procedure.Counter {
			rec, err := f.store.Get(ctx, st.Code)
			if err != nil {
				t.Fatal(err)
			}
			latest = rec.Dossier.TransferDue()
		}
		handover := res.Received.Add(time.Duration(r.Int64N(int64(latest.Sub(res.Received)) + 1)))
		f.clock.Set(handover)
		h, err := f.office.Transfer(ctx, clerk, res.Code)
		if err != nil {
			t.Fatalf("case %d: %v", i, err)
		}
		if h.Late {
			t.Errorf("case %d: hand-over at %v by %v reported late", i, handover, latest)
		}
		st, err = f.office.Lookup(ctx, res.Code)
		if err != nil {
			t.Fatal(err)
		}
		if st.Provisional || st.Due.After(res.Due) || st.Due.Before(handover) {
			t.Errorf("case %d: received %v, handed over %v: fixed due %v (provisional %v), provisional due %v",
				i, res.Received, handover, st.Due, st.Provisional, res.Due)
		}
		last := st.Steps[len(st.Steps)-1]
		if !last.Due.Equal(st.Due) || !h.Slip.Due.Equal(st.Due) {
			t.Errorf("case %d: last step due %v, slip due %v, dossier due %v", i, last.Due, h.Slip.Due, st.Due)
		}
		for j, s := range st.Steps {
			if s.Due.After(st.Due) || j > 0 && s.Due.Before(st.Steps[j-1].Due) {
				t.Errorf("case %d: step %s due %v out of order or after %v", i, s.ID, s.Due, st.Due)
			}
		}
	}
}

// BenchmarkIntakeBoundaryFree receives cross-province household-business registrations under
// Decree 309/2026 (provisional appointment and route planned from the latest hand-over) and
// transfers each, which plans the route again from the hand-over.
func BenchmarkIntakeBoundaryFree(b *testing.B) {
	start := time.Date(2026, time.August, 11, 9, 0, 0, 0, calendar.Zone())
	f, _ := clockFromReceiptIn(b, start, true, nil)
	cal := calendar.Default()
	day := dayIn(start)
	sub := householdBusiness()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if i++; i%9000 == 0 {
			b.StopTimer()
			day = cal.AddWorkingDays(day, 1)
			f.clock.Set(cal.CloseOfDay(day).Add(-8 * time.Hour))
			b.StartTimer()
		}
		res, err := f.office.Intake(ctx, clerk, sub)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := f.office.Transfer(ctx, clerk, res.Code); err != nil {
			b.Fatal(err)
		}
	}
}

// A group dossier under a policy where no desk is the competent agency's own
// (dossier.RulesConfig.OwnDesk): intake counts the slowest member (7 working days for the
// residence) from the latest hand-over, and the transfer fixes the due time by the same
// member, found again in the catalog, with the group's route planned from the hand-over.
func TestBoundaryFreeGroup(t *testing.T) {
	cal := calendar.Default()
	received := time.Date(2026, time.August, 11, 10, 0, 0, 0, calendar.Zone())
	handover := received.Add(4 * time.Hour)
	p := dossier.DefaultPolicy(dossier.Decree118)
	p.ClockFromCompetentReceipt = true // Decree 309/2026: opt-in
	rules, err := dossier.NewRules(dossier.RulesConfig{Decree118: &p, OwnDesk: func(string, string) bool { return false }})
	if err != nil {
		t.Fatal(err)
	}
	clock := onestop.NewFakeClock(received)
	o, err := onestop.New(onestop.Config{Desk: desk, Catalog: testCatalog(t), Rules: rules, Routes: testRoutes(t),
		Directory: routing.SampleDirectory(), Clock: clock})
	if err != nil {
		t.Fatal(err)
	}
	sub := birth()
	sub.Procedure, sub.Group = "", "khai-sinh-thuong-tru"
	sub.Documents = append(sub.Documents, "Tờ khai thay đổi thông tin cư trú")
	res, err := o.Intake(ctx, clerk, sub)
	if err != nil || res.Decision != onestop.DecisionReceive {
		t.Fatalf("intake: %v %v", res.Decision, err)
	}
	limit := calendar.Limit{N: 7, Unit: calendar.WorkingDays}
	if want := cal.Due(cal.CloseOfDay(dayIn(received)), limit); !res.Provisional || !res.Due.Equal(want) {
		t.Fatalf("intake: due %v provisional %v, want %v provisional", res.Due, res.Provisional, want)
	}
	clock.Set(handover)
	if _, err := o.Transfer(ctx, clerk, res.Code); err != nil {
		t.Fatal(err)
	}
	st, err := o.Lookup(ctx, res.Code)
	if err != nil {
		t.Fatal(err)
	}
	fixed := cal.Due(handover, limit)
	if st.Provisional || !st.Due.Equal(fixed) || len(st.Steps) != len(res.Transfer) || !st.Steps[len(st.Steps)-1].Due.Equal(fixed) {
		t.Errorf("after transfer: due %v provisional %v, steps %+v; want all ending at %v", st.Due, st.Provisional, st.Steps, fixed)
	}
	g, ok := testCatalog(t).Group("khai-sinh-thuong-tru")
	if !ok {
		t.Fatal("no group")
	}
	route, ok := testRoutes(t).Route(g.Route)
	if !ok {
		t.Fatalf("no route %q", g.Route)
	}
	loc, _ := procedure.ParseAgencyCode(desk)
	bound, err := route.Bind(routing.SampleDirectory(), loc, dayIn(received))
	if err != nil {
		t.Fatal(err)
	}
	sched, err := routing.Plan(bound, handover, limit, cal)
	if err != nil {
		t.Fatal(err)
	}
	want := stepsOf(dossier.StepsFrom(sched))
	want[len(want)-1].Due = fixed
	if diff := cmp.Diff(want, stepsOnly(st.Steps)); diff != "" {
		t.Errorf("steps, the group's route planned from the hand-over over 7 working days (-want +got):\n%s", diff)
	}
}
