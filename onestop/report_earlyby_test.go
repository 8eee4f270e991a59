package onestop

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// Regression: a dossier counted early only when it ended on an earlier calendar day than
// its appointment, a boundary nowhere documented. The boundary is ReportOptions.EarlyBy:
// the calendar day by default, any time before the appointment on request.
func TestReportEarlyBy(t *testing.T) {
	from, to := at(2, 0, 0), at(9, 0, 0)
	end := func(day, hour, min int) Summary {
		return Summary{Level: "commune", Field: "civil-status", Agency: "A", Outcome: OutcomeResolved,
			Received: Unix(at(2, 9, 0)), Due: Unix(at(5, 9, 0)), End: Unix(at(day, hour, min))}
	}
	tests := []struct {
		name   string
		s      Summary
		by     EarlyBy
		early  bool
		onTime bool
	}{
		{"day: an hour before, on the due day", end(5, 8, 0), EarlyByDay, false, true},
		{"day: at the appointed time", end(5, 9, 0), EarlyByDay, false, true},
		{"day: the evening before", end(4, 17, 0), EarlyByDay, true, false},
		{"day: just before midnight in Vietnam", end(4, 23, 59), EarlyByDay, true, false},
		{"instant: an hour before, on the due day", end(5, 8, 0), EarlyByInstant, true, false},
		{"instant: a minute before", end(5, 8, 59), EarlyByInstant, true, false},
		{"instant: at the appointed time", end(5, 9, 0), EarlyByInstant, false, true},
		{"instant: the day before", end(4, 17, 0), EarlyByInstant, true, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rep, err := BuildReport(from, to, []Summary{tc.s}, ReportOptions{EarlyBy: tc.by})
			if err != nil {
				t.Fatal(err)
			}
			want := Counts{Received: 1, ReceivedCounter: 1, Resolved: 1}
			if tc.early {
				want.Early = 1
			}
			if tc.onTime {
				want.OnTime = 1
			}
			if diff := cmp.Diff(want, rep.Total); diff != "" {
				t.Errorf("counts (-want +got):\n%s", diff)
			}
		})
	}
	// The zero value of the options is the calendar-day boundary.
	if (ReportOptions{}).EarlyBy != EarlyByDay {
		t.Error("the default boundary is not EarlyByDay")
	}
}
