package pgstore_test

import (
	"strings"
	"testing"
	"time"

	"github.com/motcua-go/motcua/pgstore"
)

// TestQueriesUseIndexes checks, on 20,000 dossiers of which 1 % are watched, that the sweep's
// query reads the watched ones by the index dossiers_watch (never the other 99 %), and that
// the work queue and the lookup by code read by their indexes too.
func TestQueriesUseIndexes(t *testing.T) {
	pool, _ := migrated(t)
	ctx := t.Context()
	if _, err := pool.Exec(ctx, `INSERT INTO dossiers (code, version, seq, desk, holder, state, due, watch, received, record)
	    SELECT 'X-' || i, 1, 2, 'd', 'h' || (i % 50), 2, i, CASE WHEN i % 100 = 0 THEN timestamptz '2026-03-01' ELSE timestamptz '2030-01-01' END,
	           timestamptz '2026-03-01', '{}'
	    FROM generate_series(1, 20000) i`); err != nil {
		t.Fatal(err)
	}
	if _, err := pool.Exec(ctx, `ANALYZE dossiers`); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		query string
		args  []any
		index string
	}{
		{pgstore.SelectWatched, []any{time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)}, "dossiers_watch"},
		{`SELECT code FROM dossiers d WHERE d.holder = $1 AND d.holder <> '' AND ($2::smallint[] IS NULL OR d.state = ANY($2))
		  AND ($3::boolean OR (d.due, d.code) > ($4, $5)) ORDER BY d.due, d.code LIMIT $6`,
			[]any{"h7", nil, true, int64(0), "", int64(100)}, "dossiers_queue"},
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
