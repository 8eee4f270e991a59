package onestop_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/motcua-go/motcua/onestop"
)

// Sweep is pure: the same dossiers read at different times give the alerts of each time,
// most urgent first, and closed dossiers never appear.
func TestSweepPure(t *testing.T) {
	f := newFixture(t, at(10, 9, 0))
	late := startBusiness(t, f)               // due Fri 13 09:00
	sameDay := mustIntake(t, f, birth()).Code // due Tue 10 17:00
	done := mustIntake(t, f, birth()).Code    // returned at once
	if _, err := f.office.Withdraw(ctx, citizen, done, "r"); err != nil {
		t.Fatal(err)
	}
	var ws []onestop.Watch
	for _, c := range []string{late, sameDay, done} {
		rec, err := f.store.Get(ctx, c)
		if err != nil {
			t.Fatal(err)
		}
		ws = append(ws, onestop.Watch{Dossier: rec.Dossier, Schedule: rec.Schedule})
	}
	type row struct {
		Code string
		Kind onestop.AlertKind
	}
	tests := []struct {
		now  time.Time
		want []row
	}{
		{at(10, 9, 30), nil},
		{at(10, 16, 0), []row{{sameDay, onestop.AtRisk}}},
		{at(12, 10, 0), []row{{sameDay, onestop.Overdue}, {late, onestop.ApologyDue}}},
		{at(12, 17, 1), []row{{sameDay, onestop.Overdue}, {late, onestop.AtRisk}}},
		{at(13, 9, 1), []row{{sameDay, onestop.Overdue}, {late, onestop.Overdue}}},
	}
	for _, tc := range tests {
		var got []row
		for _, a := range onestop.Sweep(tc.now, ws) {
			got = append(got, row{a.Code, a.Kind})
			if a.Agency == "" {
				t.Errorf("%v: alert %s without a responsible agency", tc.now, a.Code)
			}
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("sweep at %v (-want +got):\n%s", tc.now, diff)
		}
	}
}
