package routing

import (
	"testing"
	"time"

	"github.com/motcua-go/motcua/calendar"
)

// route6 is a six-step route with a parallel branch and a join.
const route6 = `{"name": "six", "kind": "horizontal", "steps": [
	{"id": "receive", "role": "commune-desk", "task": "receive", "share": "1/12"},
	{"id": "verify", "role": "civil-status", "task": "verify", "share": "1/6", "after": ["receive"]},
	{"id": "decide", "role": "civil-status", "task": "decide", "share": "1/6", "after": ["verify"]},
	{"id": "police", "role": "commune-police", "task": "register", "share": "1/2", "after": ["decide"]},
	{"id": "insurance", "role": "social-insurance", "task": "issue", "share": "1/2", "after": ["decide"]},
	{"id": "return", "role": "commune-desk", "task": "return", "share": "1/12", "after": ["police", "insurance"]}]}`

func BenchmarkPlan6(b *testing.B) {
	r := mustRoute(b, route6)
	cal := calendar.Default()
	received := at(2026, 2, 12, 9, 10)
	l := limit(5, calendar.WorkingDays)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Plan(r, received, l, cal); err != nil {
			b.Fatal(err)
		}
	}
}

// lateFixture plans the 6-step route and records progress with three steps done, verify one
// hour late, and both parallel branches running, one of them over its allotment.
func lateFixture(b *testing.B) (*Schedule, Progress, time.Time) {
	b.Helper()
	r := mustRoute(b, route6)
	cal := calendar.Default()
	s, err := Plan(r, at(2026, 2, 12, 9, 10), limit(5, calendar.WorkingDays), cal)
	if err != nil {
		b.Fatal(err)
	}
	p := s.Progress()
	p.Steps[0].Finished = s.Steps[0].Due
	p.Steps[1].Finished = cal.AddWorkingTime(s.Steps[1].Due, time.Hour)
	p.Steps[2].Finished = cal.AddWorkingTime(p.Steps[1].Finished, s.Steps[2].Allotted)
	return s, p, cal.AddWorkingTime(s.Steps[3].Due, 3*time.Hour)
}

func BenchmarkResponsible(b *testing.B) {
	s, p, now := lateFixture(b)
	if got := Responsible(s, p, now); len(got) != 3 {
		b.Fatalf("Responsible = %+v", got)
	}
	b.ReportAllocs()
	for b.Loop() {
		Responsible(s, p, now)
	}
}

func BenchmarkAppendResponsible(b *testing.B) {
	s, p, now := lateFixture(b)
	var buf []Late
	b.ReportAllocs()
	for b.Loop() {
		buf = AppendResponsible(buf[:0], s, p, now)
	}
	if len(buf) != 3 {
		b.Fatalf("AppendResponsible = %+v", buf)
	}
}

func BenchmarkReplan6(b *testing.B) {
	r := mustRoute(b, route6)
	cal := calendar.Default()
	s, err := Plan(r, at(2026, 2, 12, 9, 10), limit(5, calendar.WorkingDays), cal)
	if err != nil {
		b.Fatal(err)
	}
	p := s.Progress()
	p.Steps[0].Finished = s.Steps[0].Due.Add(-time.Hour)
	now := p.Steps[0].Finished
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Replan(s, p, now); err != nil {
			b.Fatal(err)
		}
	}
}

// A store reads a schedule back on every command: decode and validate one of six steps.
func BenchmarkScheduleJSON6(b *testing.B) {
	r := mustRoute(b, route6)
	s, err := Plan(r, at(2026, 2, 12, 9, 10), limit(5, calendar.WorkingDays), calendar.Default())
	if err != nil {
		b.Fatal(err)
	}
	data, err := s.MarshalJSON()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		var back Schedule
		if err := back.UnmarshalJSON(data); err != nil {
			b.Fatal(err)
		}
	}
}
