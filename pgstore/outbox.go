package pgstore

import (
	"context"
	"encoding/json"
	"slices"
	"time"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"
	"github.com/motcua-go/motcua/onestop"
)

// post is an envelope in the form of its row.
type post struct {
	code      string
	payload   []byte
	kind      string
	body      []byte // nil for a notice
	notBefore time.Time
}

// payload is what the outbox's payload column holds: the message of an Envelope.
type payload struct {
	Notice *onestop.Notice `json:"notice,omitempty"`
}

func encodeOut(out []onestop.Envelope) ([]post, error) {
	posts := make([]post, len(out))
	for i, e := range out {
		if e.Kind != "" {
			// A message of a kind: its bytes as they are (never nil, so never read as a notice).
			posts[i] = post{code: e.Code, payload: []byte("{}"), kind: e.Kind, body: append([]byte{}, e.Payload...), notBefore: e.NotBefore}
			continue
		}
		b, err := json.Marshal(payload{Notice: e.Notice})
		if err != nil {
			return nil, err
		}
		posts[i] = post{code: e.Code, payload: b, notBefore: e.NotBefore}
	}
	return posts, nil
}

// insertPost writes one message; a zero NotBefore is "at once" (the earliest instant).
const insertPost = `INSERT INTO outbox (code, payload, not_before, kind, body) VALUES ($1, $2, COALESCE($3, '-infinity'::timestamptz), $4, $5)
RETURNING id`

// queuePosts adds the messages to the batch; each one's ID lands in ids when the batch runs.
func queuePosts(b *pgx.Batch, posts []post, ids []uint64) {
	for i := range posts {
		p := &posts[i]
		b.Queue(insertPost, p.code, p.payload, timePtr(p.notBefore), p.kind, p.body).QueryRow(func(r pgx.Row) error {
			var id int64
			if err := r.Scan(&id); err != nil {
				return err
			}
			ids[i] = uint64(id)
			return nil
		})
	}
}

func setIDs(out []onestop.Envelope, ids []uint64) {
	for i := range out {
		out[i].ID = ids[i]
	}
}

// Post implements onestop.Outbox: the messages in one transaction, each one's ID set.
func (s *Store) Post(ctx context.Context, msgs []onestop.Envelope) error {
	if len(msgs) == 0 {
		return ctx.Err()
	}
	posts, err := encodeOut(msgs)
	if err != nil {
		return err
	}
	ids := make([]uint64, len(msgs))
	err = s.inTx(ctx, "post", func(tx pgx.Tx) error {
		b := &pgx.Batch{}
		queuePosts(b, posts, ids)
		return tx.SendBatch(ctx, b).Close()
	})
	if err != nil {
		return err
	}
	setIDs(msgs, ids)
	return nil
}

// fetchPosts leases the first messages due: rows another deliverer holds locked are skipped,
// not waited for, so deliverers in several processes share the outbox without blocking.
const fetchPosts = `WITH due AS (
    SELECT id FROM outbox WHERE acked IS NULL AND not_before <= $1
    ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED)
UPDATE outbox o SET attempts = o.attempts + 1, not_before = $2
FROM due WHERE o.id = due.id
RETURNING o.id, o.code, o.payload, o.attempts, o.not_before, o.last_error, o.kind, o.body`

// Fetch implements onestop.Outbox. The lease is taken in the statement that reads the
// messages, so two deliverers never hold one message at once; one that stops before Ack or
// Retry leaves it to be handed out again at the end of its lease (at-least-once delivery).
func (s *Store) Fetch(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]onestop.Envelope, error) {
	if limit <= 0 {
		limit = 100
	}
	var got []onestop.Envelope
	err := s.inTx(ctx, "fetch", func(tx pgx.Tx) error {
		got = got[:0]
		rows, err := tx.Query(ctx, fetchPosts, now, now.Add(lease), limit)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var (
				e    onestop.Envelope
				id   int64
				body []byte
			)
			if err := rows.Scan(&id, &e.Code, &body, &e.Attempts, &e.NotBefore, &e.LastError, &e.Kind, &e.Payload); err != nil {
				return err
			}
			if e.Kind != "" {
				e.ID = uint64(id)
				got = append(got, e)
				continue
			}
			var p payload
			if err := json.Unmarshal(body, &p); err != nil {
				return err
			}
			e.ID, e.Notice = uint64(id), p.Notice
			got = append(got, e)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, err
	}
	slices.SortFunc(got, func(a, b onestop.Envelope) int {
		switch {
		case a.ID < b.ID:
			return -1
		case a.ID > b.ID:
			return 1
		}
		return 0
	})
	return got, nil
}

// Ack implements onestop.Outbox: the messages are marked delivered (and kept, with the time,
// until PurgeAcked removes them).
func (s *Store) Ack(ctx context.Context, ids ...uint64) error {
	if len(ids) == 0 {
		return ctx.Err()
	}
	keys := make([]int64, len(ids))
	for i, id := range ids {
		keys[i] = int64(id)
	}
	_, err := s.pool.Exec(ctx, `UPDATE outbox SET acked = now() WHERE id = ANY($1) AND acked IS NULL`, keys)
	return classify("ack", err, false)
}

// maxLastError is how much of a delivery failure the outbox keeps, in bytes.
const maxLastError = 256

// Retry implements onestop.Outbox.
func (s *Store) Retry(ctx context.Context, id uint64, at time.Time, reason string) error {
	if len(reason) > maxLastError {
		cut := maxLastError
		for cut > 0 && !utf8.RuneStart(reason[cut]) {
			cut--
		}
		reason = reason[:cut]
	}
	_, err := s.pool.Exec(ctx, `UPDATE outbox SET not_before = $2, last_error = $3 WHERE id = $1 AND acked IS NULL`,
		int64(id), at, reason)
	return classify("retry", err, false)
}

// PurgeAcked deletes the messages acknowledged before the instant given, and returns how many.
// The outbox keeps delivered messages (with the time of their acknowledgement) for audit until
// then; run it daily, e.g. with time.Now().AddDate(0, 0, -30).
func (s *Store) PurgeAcked(ctx context.Context, before time.Time) (int64, error) {
	tag, err := s.pool.Exec(ctx, `DELETE FROM outbox WHERE acked IS NOT NULL AND acked < $1`, before)
	return tag.RowsAffected(), classify("purge", err, false)
}

// Pending returns the number of messages not yet acknowledged.
func (s *Store) Pending(ctx context.Context) (int, error) {
	var n int
	err := s.pool.QueryRow(ctx, `SELECT count(*) FROM outbox WHERE acked IS NULL`).Scan(&n)
	return n, classify("pending", err, false)
}

// tallyKind counts a kind's messages, written and acknowledged, by dossier.
const tallyKind = `SELECT code, count(*), count(acked) FROM outbox WHERE kind = $1 AND kind <> '' GROUP BY code`

// Tally implements onestop.OutboxTally over the messages the outbox keeps: those acknowledged
// and removed by PurgeAcked are no longer counted.
func (s *Store) Tally(ctx context.Context, kind string, fn func(code string, written, acked int) bool) error {
	rows, err := s.pool.Query(ctx, tallyKind, kind)
	if err != nil {
		return classify("tally", err, false)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			code           string
			written, acked int64
		)
		if err := rows.Scan(&code, &written, &acked); err != nil {
			return classify("tally", err, false)
		}
		if !fn(code, int(written), int(acked)) {
			break
		}
	}
	return classify("tally", rows.Err(), false)
}
