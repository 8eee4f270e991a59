package pgstore

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"runtime"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/motcua-go/motcua/calendar"
	"github.com/motcua-go/motcua/dossier"
	"github.com/motcua-go/motcua/onestop"
	"github.com/motcua-go/motcua/routing"
)

// appendSweep appends the column sweep of a record (migration 004): the dossier d with its log
// in its binary encoding, then the route plan as JSON (empty: none), the route's name and the
// locality, each after its length (uvarint).
func appendSweep(b []byte, d *dossier.Dossier, rec *onestop.Record) ([]byte, error) {
	bin, err := d.MarshalBinary()
	if err != nil {
		return nil, err
	}
	var sched []byte
	if rec.Schedule != nil {
		if sched, err = json.Marshal(rec.Schedule); err != nil {
			return nil, err
		}
	}
	for _, part := range [][]byte{bin, sched, []byte(rec.Route), []byte(rec.Locality)} {
		b = binary.AppendUvarint(b, uint64(len(part)))
		b = append(b, part...)
	}
	return b, nil
}

var errSweep = errors.New("pgstore: the column sweep is not valid")

// decodeSweep fills the dossier, schedule, route and locality of rec from its column sweep.
func decodeSweep(b []byte, rec *onestop.Record) error {
	var parts [4][]byte
	for i := range parts {
		n, k := binary.Uvarint(b)
		if k <= 0 || n > uint64(len(b)-k) {
			return errSweep
		}
		parts[i], b = b[k:k+int(n)], b[k+int(n):]
	}
	if len(b) != 0 {
		return errSweep
	}
	d := new(dossier.Dossier)
	if err := d.UnmarshalBinary(parts[0]); err != nil {
		return err
	}
	rec.Dossier = d
	if len(parts[1]) > 0 {
		rec.Schedule = new(routing.Schedule)
		if err := json.Unmarshal(parts[1], rec.Schedule); err != nil {
			return err
		}
	}
	rec.Route, rec.Locality = string(parts[2]), string(parts[3])
	return nil
}

// selectWatched selects the records watched until $1 by the index dossiers_watch, of each its
// column sweep (NULL for a row written before migration 004).
const selectWatched = `SELECT code, version, seq, watch, sweep
FROM dossiers WHERE watch IS NOT NULL AND watch <= $1`

// selectUnswept reads, for the rows of $1 written before migration 004, the record and its log.
const selectUnswept = `SELECT d.code, d.version, d.seq, d.record, NULL::json,
    (SELECT json_agg(e.event ORDER BY e.seq) FROM dossier_events e WHERE e.code = d.code)
FROM dossiers d WHERE d.code = ANY($1)`

// Watch implements onestop.Store with the index dossiers_watch: it reads only the rows whose
// watch instant has come, and of each only the column sweep (migration 004), which holds what
// the sweep reads: the dossier and its log in their binary encoding, the route plan, route
// and locality. The records it gives hold those, with the code, version, Seq and watch time;
// not the summary, public view, plan, consultations or holders, which the sweep does not read
// (onestop.Store.Watch). The rows are decoded on GOMAXPROCS goroutines while the next ones
// arrive; fn is then called from the caller's goroutine. A row written before migration 004
// is read from its record and log, in the same snapshot (a read-only repeatable-read
// transaction).
func (s *Store) Watch(ctx context.Context, until time.Time, fn func(onestop.Record) bool) error {
	var recs []onestop.Record
	err := s.inTx(ctx, "watch", func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY`); err != nil {
			return err
		}
		var err error
		recs, err = s.watched(ctx, tx, until)
		return err
	})
	if err != nil {
		return err
	}
	for _, r := range recs {
		if !fn(r) {
			break
		}
	}
	return nil
}

// watched reads and decodes the records watched until until (Watch).
func (s *Store) watched(ctx context.Context, tx pgx.Tx, until time.Time) ([]onestop.Record, error) {
	type raw struct {
		i       int
		code    string
		version int64
		seq     int32
		watch   *time.Time
		sweep   []byte
	}
	var (
		recs    []onestop.Record
		unswept = map[string]int{} // index in recs of the rows without a column sweep
		mu      sync.Mutex
		failed  error
		errOnce sync.Once
		wg      sync.WaitGroup
		jobs    = make(chan []raw, 4)
	)
	fail := func(err error) { errOnce.Do(func() { failed = err }) }
	for range max(1, runtime.GOMAXPROCS(0)) {
		wg.Go(func() {
			for batch := range jobs {
				out := make([]onestop.Record, len(batch))
				for k := range batch {
					j := &batch[k]
					out[k] = onestop.Record{Code: j.code, Version: uint64(j.version), Seq: int(j.seq)}
					if j.watch != nil {
						out[k].Watch = j.watch.In(calendar.Zone())
					}
					if err := decodeSweep(j.sweep, &out[k]); err != nil {
						fail(err)
					}
				}
				mu.Lock()
				for k := range batch {
					recs[batch[k].i] = out[k]
				}
				mu.Unlock()
			}
		})
	}
	err := func() error {
		rows, err := tx.Query(ctx, selectWatched, until)
		if err != nil {
			return err
		}
		var (
			j     raw
			batch []raw
		)
		_, err = pgx.ForEachRow(rows, []any{&j.code, &j.version, &j.seq, &j.watch, &j.sweep}, func() error {
			mu.Lock()
			j.i = len(recs)
			recs = append(recs, onestop.Record{})
			mu.Unlock()
			if j.sweep == nil {
				unswept[j.code] = j.i
				return nil
			}
			batch = append(batch, j) // Scan gave each []byte its own copy
			if len(batch) == 64 {
				jobs <- batch
				batch = nil
			}
			return nil
		})
		if len(batch) > 0 {
			jobs <- batch
		}
		return err
	}()
	close(jobs)
	wg.Wait()
	if err == nil {
		err = failed
	}
	if err != nil || len(unswept) == 0 {
		return recs, err
	}
	codes := make([]string, 0, len(unswept))
	for c := range unswept {
		codes = append(codes, c)
	}
	rows, err := tx.Query(ctx, selectUnswept, codes)
	if err != nil {
		return nil, err
	}
	var (
		code                   string
		version                int64
		seq                    int32
		record, public, events []byte
	)
	_, err = pgx.ForEachRow(rows, []any{&code, &version, &seq, &record, &public, &events}, func() error {
		r, err := decodeRecord(version, seq, record, nil, nil, events)
		if err != nil {
			return err
		}
		r.Code = code
		recs[unswept[code]] = r
		return nil
	})
	return recs, err
}
