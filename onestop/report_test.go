package onestop

import (
	"errors"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/language"
)

var vn = time.FixedZone("+07", 7*3600)

func at(day, hour, min int) time.Time { return time.Date(2026, 3, day, hour, min, 0, 0, vn) }

func TestBuildReportForm06(t *testing.T) {
	from, to := at(2, 0, 0), at(9, 0, 0) // the week of Mon 2 March 2026
	base := Summary{Level: "commune", Field: "civil-status", Agency: "A"}
	mk := func(f func(*Summary)) Summary { s := base; f(&s); return s }
	tests := []struct {
		name string
		s    Summary
		opts ReportOptions
		want Counts
	}{
		{"new online, resolved a day early", mk(func(s *Summary) {
			s.Online, s.Received, s.Due, s.End, s.Outcome = true, Unix(at(2, 9, 0)), Unix(at(5, 9, 0)), Unix(at(4, 10, 0)), OutcomeResolved
		}), ReportOptions{}, Counts{Received: 1, ReceivedOnline: 1, Resolved: 1, Early: 1}},
		{"new at the counter, resolved on the due day", mk(func(s *Summary) {
			s.Received, s.Due, s.End, s.Outcome = Unix(at(2, 9, 0)), Unix(at(5, 9, 0)), Unix(at(5, 8, 0)), OutcomeResolved
		}), ReportOptions{}, Counts{Received: 1, ReceivedCounter: 1, Resolved: 1, OnTime: 1}},
		{"carried over, resolved late", mk(func(s *Summary) {
			s.Received, s.Due, s.End, s.Outcome = Unix(at(1, 9, 0)), Unix(at(3, 9, 0)), Unix(at(3, 9, 1)), OutcomeRefused
		}), ReportOptions{}, Counts{Received: 1, CarriedOver: 1, Resolved: 1, Late: 1}},
		{"in progress within time", mk(func(s *Summary) {
			s.Received, s.Due = Unix(at(6, 9, 0)), Unix(at(11, 9, 0))
		}), ReportOptions{}, Counts{Received: 1, ReceivedCounter: 1, InProgress: 1, Within: 1}},
		{"in progress over time", mk(func(s *Summary) {
			s.Received, s.Due = Unix(at(2, 9, 0)), Unix(at(6, 17, 0))
		}), ReportOptions{}, Counts{Received: 1, ReceivedCounter: 1, InProgress: 1, Over: 1}},
		{"ended after the period is still in progress", mk(func(s *Summary) {
			s.Received, s.Due, s.End, s.Outcome = Unix(at(2, 9, 0)), Unix(at(12, 9, 0)), Unix(at(10, 9, 0)), OutcomeResolved
		}), ReportOptions{}, Counts{Received: 1, ReceivedCounter: 1, InProgress: 1, Within: 1}},
		{"ended before the period is not reported", mk(func(s *Summary) {
			s.Received, s.Due, s.End, s.Outcome = Unix(at(1, 9, 0)), Unix(at(1, 17, 0)), Unix(at(1, 10, 0)), OutcomeResolved
		}), ReportOptions{}, Counts{}},
		{"received after the period is not reported", mk(func(s *Summary) {
			s.Received, s.Due = Unix(at(9, 0, 0)), Unix(at(10, 9, 0))
		}), ReportOptions{}, Counts{}},
		{"late against the first appointment despite the apology", mk(func(s *Summary) {
			s.Received, s.OriginalDue, s.Due, s.End, s.Outcome = Unix(at(2, 9, 0)), Unix(at(3, 9, 0)), Unix(at(6, 9, 0)), Unix(at(5, 9, 0)), OutcomeResolved
		}), ReportOptions{Appointment: OriginalAppointment}, Counts{Received: 1, ReceivedCounter: 1, Resolved: 1, Late: 1}},
		{"early against the new appointment", mk(func(s *Summary) {
			s.Received, s.OriginalDue, s.Due, s.End, s.Outcome = Unix(at(2, 9, 0)), Unix(at(3, 9, 0)), Unix(at(6, 9, 0)), Unix(at(5, 9, 0)), OutcomeResolved
		}), ReportOptions{}, Counts{Received: 1, ReceivedCounter: 1, Resolved: 1, Early: 1}},
		{"withdrawn counts as resolved by default", mk(func(s *Summary) {
			s.Received, s.Due, s.End, s.Outcome = Unix(at(2, 9, 0)), Unix(at(5, 9, 0)), Unix(at(3, 9, 0)), OutcomeWithdrawn
		}), ReportOptions{}, Counts{Received: 1, ReceivedCounter: 1, Resolved: 1, Early: 1, Withdrawn: 1}},
		{"withdrawn excluded on request", mk(func(s *Summary) {
			s.Received, s.Due, s.End, s.Outcome = Unix(at(2, 9, 0)), Unix(at(5, 9, 0)), Unix(at(3, 9, 0)), OutcomeWithdrawn
		}), ReportOptions{Withdrawn: WithdrawnExcluded}, Counts{Withdrawn: 1}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rep, err := BuildReport(from, to, []Summary{tc.s}, tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, rep.Total); diff != "" {
				t.Errorf("counts (-want +got):\n%s", diff)
			}
			if err := rep.Check(); err != nil {
				t.Error(err)
			}
		})
	}
}

func TestBuildReportRejectsEmptyPeriod(t *testing.T) {
	_, err := BuildReport(at(3, 0, 0), at(3, 0, 0), nil, ReportOptions{})
	var fe *FieldError
	if !errors.As(err, &fe) || fe.Field != "Period" || !errors.Is(err, ErrInvalid) {
		t.Fatalf("got %v, want a Period FieldError", err)
	}
	if Message(err, language.Vietnamese) == err.Error() {
		t.Errorf("no Vietnamese message: %q", Message(err, language.Vietnamese))
	}
}

func TestReportRowsAndRates(t *testing.T) {
	from, to := at(2, 0, 0), at(9, 0, 0)
	ss := []Summary{
		{Level: "commune", Field: "civil-status", Agency: "A", Received: Unix(at(2, 9, 0)), Due: Unix(at(2, 17, 0)), End: Unix(at(2, 11, 0)), Outcome: OutcomeResolved, Rating: Satisfied},
		{Level: "commune", Field: "business", Agency: "B", Online: true, Received: Unix(at(2, 9, 0)), Due: Unix(at(5, 9, 0)), End: Unix(at(6, 9, 0)), Outcome: OutcomeResolved, Rating: Dissatisfied, Complaint: true},
		{Level: "commune", Field: "civil-status", Agency: "A", Received: Unix(at(3, 9, 0)), Due: Unix(at(20, 9, 0)), Supplements: 2},
		{Level: "province", Field: "land", Agency: "B", Received: Unix(at(3, 9, 0)), Due: Unix(at(20, 9, 0)), WaitingSince: Unix(at(4, 9, 0))},
	}
	rep, err := BuildReport(from, to, ss, ReportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if err := rep.Check(); err != nil {
		t.Fatal(err)
	}
	var keys [][3]string
	for _, r := range rep.ByField {
		keys = append(keys, [3]string{r.Level, r.Field, ""})
	}
	for _, r := range rep.ByAgency {
		keys = append(keys, [3]string{"", "", r.Agency})
	}
	want := [][3]string{{"commune", "business", ""}, {"commune", "civil-status", ""}, {"province", "land", ""}, {"", "", "A"}, {"", "", "B"}}
	if diff := cmp.Diff(want, keys); diff != "" {
		t.Errorf("row order (-want +got):\n%s", diff)
	}
	// On time: the first and the last (waiting since before its due); late: the second (ended
	// after due) and the third (two supplement requests).
	if diff := cmp.Diff(OnTimeRate{OnTime: 2, Total: 4}, rep.OnTime); diff != "" {
		t.Errorf("766 rate (-want +got):\n%s", diff)
	}
	wantSat := Satisfaction{Total: 4, Rated: 2, Satisfied: 1, Dissatisfied: 1, Complaints: 1, Overdue: 1, Unhappy: 1}
	if diff := cmp.Diff(wantSat, rep.Satisfaction); diff != "" {
		t.Errorf("satisfaction (-want +got):\n%s", diff)
	}
	if got := rep.Satisfaction.Percent(); got != 50 {
		t.Errorf("satisfaction percent = %v, want 50", got)
	}
	if got := rep.OnTime.Percent(); got != 50 {
		t.Errorf("on-time percent = %v, want 50", got)
	}
}

func TestIndices(t *testing.T) {
	due := Unix(at(5, 9, 0))
	tests := []struct {
		name string
		s    Summary
		want Indices
	}{
		{"open", Summary{OriginalDue: due, Due: due, StepScore: -1}, Indices{NotScored, NotScored, 2, 2}},
		{"early", Summary{OriginalDue: due, Due: due, End: Unix(at(4, 9, 0)), Outcome: OutcomeResolved, StepScore: 2}, Indices{2, 2, 2, 2}},
		{"on the day", Summary{OriginalDue: due, Due: due, End: Unix(at(5, 8, 0)), Outcome: OutcomeResolved, StepScore: 1, Supplements: 1}, Indices{1, 1, 1, 2}},
		{"late after an apology", Summary{OriginalDue: due, Due: Unix(at(9, 9, 0)), End: Unix(at(6, 9, 0)), Outcome: OutcomeResolved, StepScore: 0, Supplements: 3, Contacts: 1}, Indices{0, 0, 0, 1}},
		{"refusal scored", Summary{OriginalDue: due, Due: due, End: Unix(at(5, 10, 0)), Outcome: OutcomeRefused, Contacts: 4}, Indices{0, 0, 2, 0}},
		{"withdrawn not scored", Summary{OriginalDue: due, Due: due, End: Unix(at(3, 10, 0)), Outcome: OutcomeWithdrawn, StepScore: 9}, Indices{NotScored, NotScored, 2, 2}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, tc.s.Indices()); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// randomHistory builds n summaries received over about 60 days from 2026-01-05.
func randomHistory(r *rand.Rand, n int) []Summary {
	start := time.Date(2026, 1, 5, 7, 30, 0, 0, vn)
	levels := []string{"province", "commune"}
	fields := []string{"civil-status", "business", "land", "construction"}
	agencies := []string{"000.00.31.H49", "000.00.32.H49", "000.00.00.H49", "000.00.04.G14"}
	out := make([]Summary, n)
	for i := range out {
		rec := start.Add(time.Duration(r.Int64N(int64(60 * 24 * time.Hour))))
		due := rec.Add(time.Duration(r.Int64N(int64(15 * 24 * time.Hour))))
		s := Summary{
			Level: levels[r.IntN(len(levels))], Field: fields[r.IntN(len(fields))], Agency: agencies[r.IntN(len(agencies))],
			Online: r.IntN(2) == 0, Received: Unix(rec), OriginalDue: Unix(due), Due: Unix(due),
			Supplements: uint8(r.IntN(3)), Rating: Rating(r.IntN(4)), Complaint: r.IntN(10) == 0, StepScore: int8(r.IntN(4) - 1),
		}
		if r.IntN(10) == 0 {
			s.Due = Unix(due.Add(72 * time.Hour))
		}
		if r.IntN(5) != 0 {
			s.End = Unix(rec.Add(time.Duration(r.Int64N(int64(20 * 24 * time.Hour)))))
			s.Outcome = []Outcome{OutcomeResolved, OutcomeResolved, OutcomeResolved, OutcomeRefused, OutcomeWithdrawn, OutcomeClosed}[r.IntN(6)]
			if s.Outcome == OutcomeClosed {
				// Closed 15 days after a supplement notice left unanswered (Decree 118/2025 Art. 19(5)).
				s.WaitingSince = s.End - 15*86400
				if s.WaitingSince <= s.Received {
					s.WaitingSince = s.Received + 1
				}
			}
		} else if r.IntN(3) == 0 {
			s.WaitingSince = Unix(rec.Add(48 * time.Hour))
		}
		out[i] = s
	}
	return out
}

// reference classifies one dossier for [from, to) the slow, obvious way.
func reference(s Summary, from, to time.Time, opts ReportOptions) (c Counts) {
	rec := time.Unix(s.Received, 0)
	if !rec.Before(to) {
		return
	}
	ended := s.End != 0
	end := time.Unix(s.End, 0)
	if ended && end.Before(from) {
		return
	}
	stopped := s.Outcome == OutcomeWithdrawn || s.Outcome == OutcomeClosed
	closed := 0
	if s.Outcome == OutcomeClosed {
		closed = 1
	}
	if stopped && opts.Withdrawn == WithdrawnExcluded {
		if ended && end.Before(to) {
			c.Withdrawn, c.Closed = 1, closed
		}
		return
	}
	c.Received = 1
	if rec.Before(from) {
		c.CarriedOver = 1
	} else if s.Online {
		c.ReceivedOnline = 1
	} else {
		c.ReceivedCounter = 1
	}
	due := time.Unix(s.Due, 0)
	if opts.Appointment == OriginalAppointment {
		due = time.Unix(s.OriginalDue, 0)
	}
	if ended && end.Before(to) {
		c.Resolved = 1
		if closed == 1 {
			end = time.Unix(s.WaitingSince, 0) // judged when the clock stopped
		}
		ey, em, ed := end.In(vn).Date()
		dy, dm, dd := due.In(vn).Date()
		switch {
		case end.After(due):
			c.Late = 1
		case opts.EarlyBy == EarlyByInstant && end.Before(due),
			opts.EarlyBy == EarlyByDay && time.Date(ey, em, ed, 0, 0, 0, 0, time.UTC).Before(time.Date(dy, dm, dd, 0, 0, 0, 0, time.UTC)):
			c.Early = 1
		default:
			c.OnTime = 1
		}
		if stopped {
			c.Withdrawn, c.Closed = 1, closed
		}
		return
	}
	c.InProgress = 1
	// Waiting for the applicant since before the end of the period, it is judged when the
	// wait began (dossier.Dossier.Overdue).
	judged := to
	if s.WaitingSince != 0 && time.Unix(s.WaitingSince, 0).Before(to) {
		judged = time.Unix(s.WaitingSince, 0)
	}
	if due.Before(judged) {
		c.Over = 1
	} else {
		c.Within = 1
	}
	return
}

// TestReportProperties checks, on randomised histories, the form's identities, that rows add
// up, agreement with the reference classification, and that what is in progress at the end
// of one period is exactly what the next period carries over.
func TestReportProperties(t *testing.T) {
	closed := 0 // closed dossiers counted over every seed: the histories must hold some
	for seed := uint64(1); seed <= 40; seed++ {
		r := rand.New(rand.NewPCG(seed, 7))
		ss := randomHistory(r, 500)
		opts := ReportOptions{Appointment: Appointment(r.IntN(2)), Withdrawn: WithdrawnPolicy(r.IntN(2)), EarlyBy: EarlyBy(r.IntN(2))}
		a := time.Date(2026, 1, 5, 0, 0, 0, 0, vn).Add(time.Duration(r.Int64N(int64(50 * 24 * time.Hour))))
		b := a.Add(time.Duration(1+r.Int64N(int64(20*24*time.Hour))) / time.Second * time.Second)
		c := b.Add(time.Duration(1+r.Int64N(int64(20*24*time.Hour))) / time.Second * time.Second)
		first, err := BuildReport(a, b, ss, opts)
		if err != nil {
			t.Fatal(err)
		}
		second, err := BuildReport(b, c, ss, opts)
		if err != nil {
			t.Fatal(err)
		}
		for _, rep := range []Report{first, second} {
			if err := rep.Check(); err != nil {
				t.Fatalf("seed %d: %v", seed, err)
			}
			var want Counts
			for _, s := range ss {
				ref := reference(s, rep.From, rep.To, opts)
				want.add(&ref)
			}
			if diff := cmp.Diff(want, rep.Total); diff != "" {
				t.Fatalf("seed %d: total differs from the reference (-want +got):\n%s", seed, diff)
			}
			closed += rep.Total.Closed
			if rep.OnTime.OnTime > rep.OnTime.Total || rep.OnTime.Total != rep.Total.Received {
				t.Fatalf("seed %d: on-time rate %+v out of range for %d received", seed, rep.OnTime, rep.Total.Received)
			}
		}
		if first.Total.InProgress != second.Total.CarriedOver {
			t.Fatalf("seed %d: in progress at the end of the first period %d ≠ carried over into the next %d", seed, first.Total.InProgress, second.Total.CarriedOver)
		}
	}
	if closed == 0 {
		t.Error("no closed dossier in any report: the random histories do not test them")
	}
}

func BenchmarkReport1M(b *testing.B) {
	ss := randomHistory(rand.New(rand.NewPCG(1, 2)), 1_000_000)
	from, to := time.Date(2026, 2, 1, 0, 0, 0, 0, vn), time.Date(2026, 3, 1, 0, 0, 0, 0, vn)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := BuildReport(from, to, ss, ReportOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}
