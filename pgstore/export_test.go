package pgstore

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/motcua-go/motcua/onestop"
)

// SummariesBothWays reads the summaries of [from, to) twice: by Store.Summaries, which decodes
// the packed column, and from the typed columns through the driver's Scan; it also reports
// whether the packed values came in the binary form Summaries reads without the driver.
func SummariesBothWays(ctx context.Context, s *Store, from, to int64) (fast, scanned []onestop.Summary, binaryRows bool, err error) {
	if err := s.Summaries(ctx, from, to, func(x onestop.Summary) bool { fast = append(fast, x); return true }); err != nil {
		return nil, nil, false, err
	}
	rows, err := s.pool.Query(ctx, selectSummaries, from, to)
	if err != nil {
		return nil, nil, false, err
	}
	fd := rows.FieldDescriptions()
	binaryRows = len(fd) == 1 && fd[0].DataTypeOID == byteaOID && fd[0].Format == pgx.BinaryFormatCode
	rows.Close()
	rows, err = s.pool.Query(ctx, `SELECT code, level, field, agency, received, original_due, due, ended, returned,
    waiting_since, applicant_time, online, outcome, supplements, contacts, step_score, rating, complaint,
    corrections, corrections_late
FROM summaries WHERE received <> 0 AND received < $2 AND (ended = 0 OR ended >= $1)`, from, to)
	if err != nil {
		return nil, nil, false, err
	}
	defer rows.Close()
	for rows.Next() {
		var (
			x                                        onestop.Summary
			outcome, supplements, contacts, score, r int16
			corrections, late                        int16
		)
		if err := rows.Scan(&x.Code, &x.Level, &x.Field, &x.Agency, &x.Received, &x.OriginalDue, &x.Due, &x.End,
			&x.Returned, &x.WaitingSince, &x.ApplicantTime, &x.Online, &outcome, &supplements, &contacts,
			&score, &r, &x.Complaint, &corrections, &late); err != nil {
			return nil, nil, false, err
		}
		x.Corrections, x.CorrectionsLate = uint8(corrections), uint8(late)
		x.Outcome, x.Supplements, x.Contacts = onestop.Outcome(outcome), uint8(supplements), uint8(contacts)
		x.StepScore, x.Rating = int8(score), onestop.Rating(r)
		scanned = append(scanned, x)
	}
	return fast, scanned, binaryRows, rows.Err()
}

// DecodeSummary is decodeSummary.
func DecodeSummary(b []byte) (onestop.Summary, error) {
	var x onestop.Summary
	err := decodeSummary(b, &x, func(b []byte) string { return string(b) })
	return x, err
}

// AppendSweep is appendSweep.
func AppendSweep(b []byte, rec *onestop.Record) ([]byte, error) {
	return appendSweep(b, rec.Dossier, rec)
}

// SelectWatched is selectWatched.
const SelectWatched = selectWatched

// SetAfterRead sets the function Get runs between the database's answer and the cache's
// update. Set it before the Store's first Get.
func SetAfterRead(s *Store, fn func(code string)) { s.afterRead = fn }

// SetDial sets the function the listener runs before each connection (an error fails it);
// it applies from the next connection.
func SetDial(s *Store, fn func(ctx context.Context) error) {
	s.lis.mu.Lock()
	s.lis.dial = fn
	s.lis.mu.Unlock()
}

// SetNotice sets the function the listener runs before it invalidates the code of a notice.
func SetNotice(s *Store, fn func(code string)) {
	s.lis.mu.Lock()
	s.lis.notice = fn
	s.lis.mu.Unlock()
}

// ListenerBackend returns the process ID of the listener's connection (0: none).
func ListenerBackend(s *Store) uint32 { return s.lis.backend() }

// Invalidations returns how many invalidations the cache has had (notices and own writes).
func Invalidations(s *Store) uint64 {
	s.cache.mu.Lock()
	defer s.cache.mu.Unlock()
	return s.cache.count
}

// SelectQueue is selectQueue.
const SelectQueue = selectQueue

// MigrateTo applies the migrations up to version.
func MigrateTo(ctx context.Context, pool *pgxpool.Pool, version int) error {
	return migrate(ctx, pool, version)
}

// SetHeartbeat sets how long the listener waits for a notice before it pings the server.
func SetHeartbeat(s *Store, d time.Duration) {
	s.lis.mu.Lock()
	s.lis.heartbeat = d
	s.lis.mu.Unlock()
}
