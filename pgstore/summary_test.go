package pgstore_test

import (
	"errors"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/motcua-go/motcua/onestop"
	"github.com/motcua-go/motcua/pgstore"
)

// TestPackedSummaries: the packed column (migrations 002, 005) gives back every field of the
// summaries written in the typed columns, at the limits of their types and with texts in
// Vietnamese, in the binary form and through the simple protocol (text form) alike.
func TestPackedSummaries(t *testing.T) {
	pool, s := migrated(t)
	ctx := t.Context()
	want := []onestop.Summary{
		{Code: "000.00.31.H49-260310-0001", Level: "commune", Field: "Hộ tịch", Agency: "000.00.31.H49",
			Received: 1, OriginalDue: math.MaxInt64, Due: math.MinInt64, End: 0, Returned: -1,
			WaitingSince: 1 << 40, ApplicantTime: 86400, Online: true, Outcome: onestop.Outcome(255),
			Supplements: 255, Contacts: 3, StepScore: -128, Rating: onestop.Rating(255), Complaint: true,
			Corrections: 255, CorrectionsLate: 1},
		{Code: "mã-hồ-sơ-ĐẶC-BIỆT-😀", Level: "", Field: "", Agency: "", Received: math.MaxInt64 - 1,
			StepScore: 127},
	}
	for _, x := range want {
		if _, err := pool.Exec(ctx, `INSERT INTO dossiers (code, version, seq, desk, state, due, record)
			VALUES ($1, 1, 0, '', 0, 0, '{}')`, x.Code); err != nil {
			t.Fatal(err)
		}
		if _, err := pool.Exec(ctx, `INSERT INTO summaries (code, level, field, agency, received, original_due, due,
			ended, returned, waiting_since, applicant_time, online, outcome, supplements, contacts, step_score, rating, complaint,
			corrections, corrections_late)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)`,
			x.Code, x.Level, x.Field, x.Agency, x.Received, x.OriginalDue, x.Due, x.End, x.Returned, x.WaitingSince,
			x.ApplicantTime, x.Online, int16(x.Outcome), int16(x.Supplements), int16(x.Contacts), int16(x.StepScore),
			int16(x.Rating), x.Complaint, int16(x.Corrections), int16(x.CorrectionsLate)); err != nil {
			t.Fatal(err)
		}
	}
	simple, err := pgxpool.ParseConfig(pool.Config().ConnString())
	if err != nil {
		t.Fatal(err)
	}
	simple.ConnConfig.DefaultQueryExecMode = pgx.QueryExecModeSimpleProtocol
	spool, err := pgxpool.NewWithConfig(ctx, simple)
	if err != nil {
		t.Fatal(err)
	}
	defer spool.Close()
	for name, st := range map[string]*pgstore.Store{"binary": s, "simple protocol": pgstore.New(spool, pgstore.Options{})} {
		var got []onestop.Summary
		if err := st.Summaries(ctx, 0, math.MaxInt64, func(x onestop.Summary) bool { got = append(got, x); return true }); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if diff := cmp.Diff(want, got, cmpopts.SortSlices(func(a, b onestop.Summary) bool { return a.Code < b.Code })); diff != "" {
			t.Errorf("%s: Summaries (-written +read):\n%s", name, diff)
		}
	}
	// Stopping early stops.
	n := 0
	if err := s.Summaries(ctx, 0, math.MaxInt64, func(onestop.Summary) bool { n++; return false }); err != nil || n != 1 {
		t.Errorf("Summaries stopped by fn: %d calls, %v; want 1", n, err)
	}
}

// TestDecodeSummaryMalformed: a packed summary cut short, with a length past its end or with
// bytes left over is an error, never a panic nor a summary.
func TestDecodeSummaryMalformed(t *testing.T) {
	fixed := make([]byte, 68)
	text := func(s string) []byte { return append([]byte{0, 0, 0, byte(len(s))}, s...) }
	texts := append(append(append(append(append([]byte{}, fixed...), text("c")...), text("l")...), text("f")...), text("a")...)
	whole := append(append([]byte{}, texts...), 0, 2, 0, 1) // migration 005: corrections 2, 1 late
	if x, err := pgstore.DecodeSummary(whole); err != nil || x.Code != "c" || x.Agency != "a" || x.Corrections != 2 || x.CorrectionsLate != 1 {
		t.Fatalf("DecodeSummary(well formed) = %+v, %v", x, err)
	}
	bad := map[string][]byte{
		"empty":           nil,
		"numbers short":   fixed[:67],
		"no texts":        fixed,
		"text cut":        texts[:len(texts)-1],
		"no corrections":  texts,
		"corrections cut": whole[:len(whole)-1],
		"bytes left":      append(append([]byte{}, whole...), 0),
		"length huge":     append(append([]byte{}, fixed...), 0xff, 0xff, 0xff, 0xff),
		"length past":     append(append([]byte{}, fixed...), 0, 0, 0, 9, 'x'),
	}
	for name, b := range bad {
		if x, err := pgstore.DecodeSummary(b); err == nil {
			t.Errorf("%s: DecodeSummary = %+v, want an error", name, x)
		} else if errors.Is(err, onestop.ErrNotFound) {
			t.Errorf("%s: %v", name, err)
		}
	}
}
