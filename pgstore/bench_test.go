package pgstore_test

import (
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/motcua-go/motcua/calendar"
	"github.com/motcua-go/motcua/dossier"
	"github.com/motcua-go/motcua/onestop"
	"github.com/motcua-go/motcua/pgstore"
)

// BenchmarkIntake receives dossiers at the counter with 8 concurrent clerks: each intake takes
// a number of the day's sequence and writes the record, its log, its summary and its notice.
// The metric dossiers/s is the throughput (issue 10: ≥ 1,000 on 2 cores, server local).
func BenchmarkIntake(b *testing.B) {
	_, s := migrated(b)
	clock := onestop.NewFakeClock(at(10, 8, 0))
	o := newOffice(b, s, clock, nil)
	sub := birth(b, "Nguyễn Văn An")
	cal := calendar.Default()
	var n atomic.Int64
	day := dateOf(at(10, 8, 0))
	b.SetParallelism(8 / max(1, runtimeProcs()))
	start := time.Now()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			// A unit numbers at most 9,999 dossiers a day: move to the next working day
			// every 5,000.
			if i := n.Add(1); i%5000 == 0 {
				day = cal.AddWorkingDays(dateOf(clock.Now()), 1)
				clock.Set(time.Date(day.Year(), day.Month(), day.Day(), 8, 0, 0, 0, calendar.Zone()))
			}
			res, err := o.Intake(b.Context(), clerk, sub)
			if err != nil {
				b.Error(err)
				return
			}
			if res.Decision != onestop.DecisionReceive {
				b.Errorf("decision %v", res.Decision)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "dossiers/s")
}

// BenchmarkLookup looks 1,000 dossiers up by code from parallel clients (the public lookup:
// one query by primary key), with the store's cache of decoded records, without it, and with
// the cache trusted while the store listens for the notices of writes (Listening: no query).
// The metric lookups/s is the throughput (issue 10: ≥ 10,000).
func BenchmarkLookup(b *testing.B) {
	pool, s := migrated(b)
	clock := onestop.NewFakeClock(at(10, 8, 0))
	o := newOffice(b, s, clock, nil)
	var codes []string
	for i := range 1000 {
		res, err := o.Intake(b.Context(), clerk, birth(b, fmt.Sprintf("Người nộp %d", i)))
		if err != nil {
			b.Fatal(err)
		}
		codes = append(codes, res.Code)
	}
	for _, bc := range []struct {
		name string
		opts pgstore.Options
	}{{"Cached", pgstore.Options{}}, {"Uncached", pgstore.Options{CacheSize: -1}}, {"Listening", pgstore.Options{Listen: true}}} {
		b.Run(bc.name, func(b *testing.B) {
			s := pgstore.New(pool, bc.opts)
			defer s.Close()
			for deadline := time.Now().Add(10 * time.Second); bc.opts.Listen && !s.Listening(); time.Sleep(time.Millisecond) {
				if time.Now().After(deadline) {
					b.Fatal("the store does not listen after 10 s")
				}
			}
			o := newOffice(b, s, clock, nil)
			var n atomic.Int64
			b.SetParallelism(8 / max(1, runtimeProcs()))
			start := time.Now()
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					c := codes[int(n.Add(1))%len(codes)]
					if _, err := o.Lookup(b.Context(), c); err != nil {
						b.Error(err)
						return
					}
				}
			})
			b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "lookups/s")
		})
	}
}

// BenchmarkMillion stores 1,000,000 dossiers (generated in SQL) and measures, on them, the
// report of a period that holds them all (Biểu 06, issue 10: ≤ 1 s) and the sweep at an instant
// when 1 % of them (10,000) are overdue (≤ 100 ms; it reads only those, by the watch index).
// The 10,000 are copies of a dossier received through the Office, with its log; the other
// 990,000 are rows the sweep must not read, with a summary each for the report. It also reads
// pages of the work queues: the desk holds every dossier, the police one in ten.
func BenchmarkMillion(b *testing.B) {
	const total, watched = 1_000_000, 10_000
	pool, s := migrated(b)
	ctx := b.Context()
	clock := onestop.NewFakeClock(at(10, 8, 0))
	o := newOffice(b, s, clock, nil)
	res, err := o.Intake(ctx, clerk, birth(b, "Mẫu"))
	if err != nil {
		b.Fatal(err)
	}
	if _, err := o.Transfer(ctx, clerk, res.Code); err != nil {
		b.Fatal(err)
	}
	started := time.Now()
	type step struct {
		q    string
		args []any
	}
	for _, st := range []step{
		// The code of the i-th dossier: 9,000 a day from 1 January 2020.
		{`CREATE FUNCTION pg_temp.code(i integer) RETURNS text LANGUAGE sql IMMUTABLE AS
		 $$ SELECT '000.00.31.H49-' || to_char(date '2020-01-01' + i / 9000, 'YYMMDD') || '-' || lpad((i % 9000 + 1)::text, 4, '0') $$`, nil},
		{`ALTER TABLE dossier_events DROP CONSTRAINT dossier_events_code_fkey`, nil},
		{`ALTER TABLE summaries DROP CONSTRAINT summaries_code_fkey`, nil},
		// 10,000 copies of the template, watched since its own watch instant.
		{`INSERT INTO dossiers (code, version, seq, desk, state, due, watch, received, ended, record, public)
		 SELECT pg_temp.code(i), t.version, t.seq, t.desk, t.state, t.due, t.watch, t.received, t.ended,
		        jsonb_set(jsonb_set(t.record::jsonb, '{code}', to_jsonb(pg_temp.code(i))), '{dossier,code}', to_jsonb(pg_temp.code(i)))::json,
		        t.public
		 FROM dossiers t, generate_series(1, $1) i WHERE t.code = $2`, []any{watched, res.Code}},
		{`INSERT INTO dossier_events (code, seq, event)
		 SELECT pg_temp.code(i), e.seq, e.event FROM dossier_events e, generate_series(1, $1) i WHERE e.code = $2`, []any{watched, res.Code}},
		// 990,000 dossiers not watched before 2030.
		{`INSERT INTO dossiers (code, version, seq, desk, state, due, watch, received, ended, record)
		 SELECT pg_temp.code(i), 1, 2, '000.00.31.H49', 2, 1900000000, timestamptz '2030-01-01',
		        timestamptz '2026-03-02' + (i % 1000) * interval '1 hour', NULL, '{}'
		 FROM generate_series($1 + 1, $2) i`, []any{watched, total}},
		// A summary each, spread over 20 fields, 10 agencies and every outcome.
		{`INSERT INTO summaries (code, level, field, agency, received, original_due, due, ended, returned,
		     waiting_since, applicant_time, online, outcome, supplements, contacts, step_score, rating, complaint)
		 SELECT pg_temp.code(i), 'commune', 'field-' || (i % 20), '00' || (i % 10) || '.00.31.H49',
		        r, r + 259200, r + 259200 + (i % 3) * 86400,
		        CASE WHEN i % 4 = 0 THEN 0 ELSE r + (i % 7) * 86400 END,
		        CASE WHEN i % 8 = 1 THEN r + 8 * 86400 ELSE 0 END,
		        0, 0, i % 3 = 0, CASE WHEN i % 4 = 0 THEN 0 ELSE 1 + i % 3 END, 0, 0, -1, i % 4, false
		 FROM generate_series(1, $1) i, LATERAL (SELECT 1772409600 + (i % 2500000)::bigint AS r) x`, []any{total}},
		// The work queues (migration 006): every dossier held by the desk, one in ten by the
		// police too, as on parallel steps.
		{`INSERT INTO dossier_holders (code, agency, state, due)
		 SELECT code, '000.00.31.H49', state, due FROM dossiers WHERE code <> $1`, []any{res.Code}},
		{`INSERT INTO dossier_holders (code, agency, state, due)
		 SELECT code, '001.00.31.H49', state, due FROM dossiers WHERE right(code, 1) = '0'`, nil},
		{`ANALYZE dossiers`, nil}, {`ANALYZE summaries`, nil}, {`ANALYZE dossier_events`, nil}, {`ANALYZE dossier_holders`, nil},
	} {
		if _, err := pool.Exec(ctx, st.q, st.args...); err != nil {
			b.Fatalf("%v\n%s", err, st.q)
		}
	}
	// The sweep's column of the 10,000 copies, each with its own code (built here: it is
	// binary).
	tmpl, err := s.Get(ctx, res.Code)
	if err != nil {
		b.Fatal(err)
	}
	sweepRows := make([][]any, 0, watched)
	for i := 1; i <= watched; i++ {
		d := *tmpl.Dossier
		code, err := dossier.ParseCode(fmt.Sprintf("000.00.31.H49-%s-%04d", time.Date(2020, 1, 1+i/9000, 0, 0, 0, 0, time.UTC).Format("060102"), i%9000+1))
		if err != nil {
			b.Fatal(err)
		}
		d.Code = code
		r := tmpl
		r.Code, r.Dossier = code.String(), &d
		bin, err := pgstore.AppendSweep(nil, &r)
		if err != nil {
			b.Fatal(err)
		}
		sweepRows = append(sweepRows, []any{r.Code, bin})
	}
	conn, err := pool.Acquire(ctx)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := conn.Exec(ctx, `CREATE TEMPORARY TABLE sweeps (code text PRIMARY KEY, sweep bytea NOT NULL)`); err != nil {
		b.Fatal(err)
	}
	if _, err := conn.CopyFrom(ctx, pgx.Identifier{"sweeps"}, []string{"code", "sweep"}, pgx.CopyFromRows(sweepRows)); err != nil {
		b.Fatal(err)
	}
	if tag, err := conn.Exec(ctx, `UPDATE dossiers d SET sweep = s.sweep FROM sweeps s WHERE d.code = s.code`); err != nil || tag.RowsAffected() != watched {
		b.Fatalf("%v, %v", tag, err)
	}
	if _, err := conn.Exec(ctx, `VACUUM ANALYZE dossiers`); err != nil {
		b.Fatal(err)
	}
	conn.Release()
	b.Logf("1,000,000 dossiers loaded in %v", time.Since(started).Round(time.Millisecond))

	b.Run("Report", func(b *testing.B) {
		for b.Loop() {
			r, err := o.Report(ctx, time.Date(2026, 1, 1, 0, 0, 0, 0, calendar.Zone()), time.Date(2027, 1, 1, 0, 0, 0, 0, calendar.Zone()), onestop.ReportOptions{})
			if err != nil {
				b.Fatal(err)
			}
			if got := r.Total.Received + r.Total.Withdrawn; got < total {
				b.Fatalf("the report counts %d dossiers received and %d withdrawn, want %d in all", r.Total.Received, r.Total.Withdrawn, total)
			}
		}
	})
	// Where the report's time goes: the server's scan alone, then the rows read and decoded
	// without the report's arithmetic.
	from, to := time.Date(2026, 1, 1, 0, 0, 0, 0, calendar.Zone()).Unix(), time.Date(2027, 1, 1, 0, 0, 0, 0, calendar.Zone()).Unix()
	b.Run("ReportServerScan", func(b *testing.B) {
		for b.Loop() {
			var n int
			if err := pool.QueryRow(ctx, `SELECT count(*) FROM summaries WHERE received <> 0 AND received < $2 AND (ended = 0 OR ended >= $1)`, from, to).Scan(&n); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("ReportRowsOnly", func(b *testing.B) {
		for b.Loop() {
			n := 0
			if err := s.Summaries(ctx, from, to, func(onestop.Summary) bool { n++; return true }); err != nil {
				b.Fatal(err)
			}
			if n < total {
				b.Fatalf("%d summaries", n)
			}
		}
	})
	// A page of 100 of a work queue of a million (the desk's) and of 100,000 (the police's,
	// a second holder of one dossier in ten), first and deep in the queue (the store alone:
	// the rows past the 10,000 copies have no dossier).
	for _, qc := range []struct {
		name   string
		agency string
		after  onestop.QueueCursor
	}{
		{"QueueFirstPage", desk, onestop.QueueCursor{}},
		{"QueueSecondHolderFirstPage", police, onestop.QueueCursor{}},
		{"QueueStoreDeepPage", desk, onestop.QueueCursor{Due: 1900000000, Code: "000.00.31.H49-200220-0001"}},
	} {
		b.Run(qc.name, func(b *testing.B) {
			for b.Loop() {
				n := 0
				q := onestop.QueueQuery{Agency: qc.agency, After: qc.after, Limit: 100}
				if qc.after == (onestop.QueueCursor{}) {
					page, _, err := o.Queue(ctx, q)
					if err != nil {
						b.Fatal(err)
					}
					n = len(page)
				} else if err := s.Queue(ctx, q, func(onestop.Record) bool { n++; return true }); err != nil {
					b.Fatal(err)
				}
				if n != 100 {
					b.Fatalf("a page of %d, want 100", n)
				}
			}
		})
	}
	// The sweep, cold: a store without a cache (Watch uses none: it decodes every record it
	// reads, from the column sweep).
	clock.Set(at(27, 9, 0))
	sweep := func(b *testing.B, o *onestop.Office) {
		alerts, err := o.Sweep(ctx)
		if err != nil {
			b.Fatal(err)
		}
		if len(alerts) != watched+1 {
			b.Fatalf("%d alerts, want %d", len(alerts), watched+1)
		}
	}
	b.Run("SweepCold", func(b *testing.B) {
		cold := newOffice(b, pgstore.New(pool, pgstore.Options{CacheSize: -1}), clock, nil)
		for b.Loop() {
			sweep(b, cold)
		}
	})
	// Where the sweep's time goes: the store's Watch alone (read and decode the 10,000
	// records), without the Office's checks and alerts; then the server's side alone.
	b.Run("SweepColdStoreOnly", func(b *testing.B) {
		cold := pgstore.New(pool, pgstore.Options{CacheSize: -1})
		for b.Loop() {
			n := 0
			if err := cold.Watch(ctx, clock.Now(), func(onestop.Record) bool { n++; return true }); err != nil {
				b.Fatal(err)
			}
			if n != watched+1 {
				b.Fatalf("%d records watched, want %d", n, watched+1)
			}
		}
	})
	b.Run("SweepRowsOnly", func(b *testing.B) {
		for b.Loop() {
			rows, err := pool.Query(ctx, pgstore.SelectWatched, clock.Now())
			if err != nil {
				b.Fatal(err)
			}
			n, size := 0, 0
			for rows.Next() {
				n, size = n+1, size+len(rows.RawValues()[4])
			}
			if err := rows.Err(); err != nil || n != watched+1 {
				b.Fatalf("%d rows watched, want %d (%v)", n, watched+1, err)
			}
			b.ReportMetric(float64(size)/float64(n), "bytes/dossier")
		}
	})
	rows, err := pool.Query(ctx, "EXPLAIN (ANALYZE, BUFFERS) "+pgstore.SelectWatched, clock.Now())
	if err != nil {
		b.Fatal(err)
	}
	plan, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("the sweep's query:\n%s", strings.Join(plan, "\n"))
}
