package pgstore_test

import (
	"strings"
	"testing"
	"time"

	"github.com/motcua-go/motcua/pgstore"
)

// TestQueriesUseIndexes checks, on 20,000 dossiers of which 1 % are watched, that the sweep's
// query reads the watched ones by the index dossiers_watch (never the other 99 %), and that
// the work queue (of a holder, or of the second holder of dossiers on parallel steps, in a
// state, after a cursor) and the lookup by code read by their indexes too.
func TestQueriesUseIndexes(t *testing.T) {
	pool, _ := migrated(t)
	ctx := t.Context()
	if _, err := pool.Exec(ctx, `INSERT INTO dossiers (code, version, seq, desk, state, due, watch, received, record)
	    SELECT 'X-' || i, 1, 2, 'd', 2 + i % 5, i, CASE WHEN i % 100 = 0 THEN timestamptz '2026-03-01' ELSE timestamptz '2030-01-01' END,
	           timestamptz '2026-03-01', '{}'
	    FROM generate_series(1, 20000) i`); err != nil {
		t.Fatal(err)
	}
	// Each held by one of 50 agencies, one in ten by a second one too (parallel steps).
	if _, err := pool.Exec(ctx, `INSERT INTO dossier_holders (code, agency, state, due)
	    SELECT code, 'h' || (due % 50), state, due FROM dossiers
	    UNION ALL SELECT code, 'p' || (due % 7), state, due FROM dossiers WHERE due % 10 = 0`); err != nil {
		t.Fatal(err)
	}
	for _, table := range []string{"dossiers", "dossier_holders"} {
		if _, err := pool.Exec(ctx, `ANALYZE `+table); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		query string
		args  []any
		index string
	}{
		{pgstore.SelectWatched, []any{time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)}, "dossiers_watch"},
		{pgstore.SelectQueue, []any{"h7", nil, true, int64(0), "", int64(100)}, "dossier_holders_queue"},
		{pgstore.SelectQueue, []any{"p3", []int16{6}, false, int64(700), "X-700", int64(100)}, "dossier_holders_queue"},
		{`SELECT version FROM dossiers WHERE code = $1`, []any{"X-77"}, "dossiers_pkey"},
	} {
		var plan string
		rows, err := pool.Query(ctx, "EXPLAIN "+tc.query, tc.args...)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var line string
			if err := rows.Scan(&line); err != nil {
				t.Fatal(err)
			}
			plan += line + "\n"
		}
		if !strings.Contains(plan, tc.index) || strings.Contains(plan, "Seq Scan") {
			t.Errorf("the plan of %q does not read by %s:\n%s", tc.query, tc.index, plan)
		}
	}
}
