package onestop

import (
	"cmp"
	"context"
	"slices"
	"sync"
	"time"

	"github.com/rickb777/date/v2"
)

// MemStore is the in-memory Store, the Office's default. The zero value is ready to use.
//
// It keeps indexes for its queries, maintained on every write: the work queue of each
// holder (a record with several holders is in the queue of each), the records by day of Watch, the open summaries and the ended ones by day of end.
// A sweep therefore reads the dossiers it must look at and the days they fall on, not the
// rest; a report reads the dossiers open and those ended since the start of its period. The
// outbox keeps the messages not yet acknowledged, in the order written.
type MemStore struct {
	mu     sync.RWMutex
	recs   map[string]*memEntry
	seq    map[seqKey]int
	queues map[string]*memQueue   // by each agency of Record.Holders
	watch  dayIndex               // by day of Record.Watch
	open   map[*memEntry]struct{} // received, Summary.End 0
	ended  dayIndex               // by day of Summary.End
	out    memOutbox
}

// memEntry is one stored record; its address is the key of the indexes.
type memEntry struct{ rec Record }

type seqKey struct {
	unit string
	day  date.Date
}

// NewMemStore returns an empty in-memory store.
func NewMemStore() *MemStore { return &MemStore{} }

// Next implements dossier.SequenceSource.
func (m *MemStore) Next(ctx context.Context, unit string, day date.Date) (int, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.seq == nil {
		m.seq = make(map[seqKey]int)
	}
	k := seqKey{unit, day}
	m.seq[k]++
	return m.seq[k], nil
}

// Create implements Store.
func (m *MemStore) Create(ctx context.Context, rec Record, out []Envelope) (Record, error) {
	if err := ctx.Err(); err != nil {
		return Record{}, err
	}
	if rec.Code == "" {
		return Record{}, &FieldError{Field: "Code", Err: ErrRequired}
	}
	if rec.Version != 0 {
		return Record{}, &ConflictError{Code: rec.Code, Expected: rec.Version, Actual: 0}
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.recs == nil {
		m.recs = make(map[string]*memEntry)
	}
	if _, ok := m.recs[rec.Code]; ok {
		return Record{}, codeError(rec.Code, ErrExists)
	}
	rec.Version = 1
	e := &memEntry{rec: rec}
	m.recs[rec.Code] = e
	m.index(e)
	m.out.post(out)
	return rec, nil
}

// Get implements Store.
func (m *MemStore) Get(ctx context.Context, code string) (Record, error) {
	if err := ctx.Err(); err != nil {
		return Record{}, err
	}
	m.mu.RLock()
	e, ok := m.recs[code]
	var out Record
	if ok {
		out = e.rec
	}
	m.mu.RUnlock()
	if !ok {
		return Record{}, codeError(code, ErrNotFound)
	}
	return out, nil
}

// Update implements Store.
func (m *MemStore) Update(ctx context.Context, rec Record, out []Envelope) (Record, error) {
	if err := ctx.Err(); err != nil {
		return Record{}, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	e, ok := m.recs[rec.Code]
	if !ok {
		return Record{}, codeError(rec.Code, ErrNotFound)
	}
	if e.rec.Version != rec.Version {
		return Record{}, &ConflictError{Code: rec.Code, Expected: rec.Version, Actual: e.rec.Version}
	}
	rec.Version++
	m.unindex(e)
	e.rec = rec
	m.index(e)
	m.out.post(out)
	return rec, nil
}

// index files e under the keys of its record.
func (m *MemStore) index(e *memEntry) {
	r := &e.rec
	for _, h := range r.Holders {
		if h == "" {
			continue
		}
		if m.queues == nil {
			m.queues = make(map[string]*memQueue)
		}
		q := m.queues[h]
		if q == nil {
			q = &memQueue{set: make(map[*memEntry]struct{})}
			m.queues[h] = q
		}
		q.set[e], q.dirty = struct{}{}, true
	}
	if !r.Watch.IsZero() {
		m.watch.add(unixDay(r.Watch.Unix()), e)
	}
	switch s := &r.Summary; {
	case s.Received == 0:
	case s.End == 0:
		if m.open == nil {
			m.open = make(map[*memEntry]struct{})
		}
		m.open[e] = struct{}{}
	default:
		m.ended.add(unixDay(s.End), e)
	}
}

// unindex removes e from the indexes, under the keys of its record.
func (m *MemStore) unindex(e *memEntry) {
	r := &e.rec
	for _, h := range r.Holders {
		if q := m.queues[h]; q != nil {
			delete(q.set, e)
			q.dirty = true
			if len(q.set) == 0 {
				delete(m.queues, h)
			}
		}
	}
	if !r.Watch.IsZero() {
		m.watch.remove(unixDay(r.Watch.Unix()), e)
	}
	switch s := &r.Summary; {
	case s.Received == 0:
	case s.End == 0:
		delete(m.open, e)
	default:
		m.ended.remove(unixDay(s.End), e)
	}
}

// Queue implements Store. Each holder's queue is kept in its order, sorted again at the
// first page read after a write, so that paging through a queue costs the pages read.
func (m *MemStore) Queue(ctx context.Context, q QueueQuery, fn func(Record) bool) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	var recs []Record
	m.mu.RLock()
	if mq := m.queues[q.Agency]; mq != nil && mq.dirty {
		m.mu.RUnlock()
		m.mu.Lock()
		mq = m.queues[q.Agency]
		if mq != nil && mq.dirty {
			mq.sort()
		}
		recs = mq.page(q)
		m.mu.Unlock()
	} else {
		recs = mq.page(q)
		m.mu.RUnlock()
	}
	for _, r := range recs {
		if !fn(r) {
			break
		}
	}
	return nil
}

// memQueue is the work queue of a holder: its entries, and the same in the queue's order
// (by Summary.Due, then Code) when not dirty.
type memQueue struct {
	set    map[*memEntry]struct{}
	sorted []*memEntry
	dirty  bool
}

func (mq *memQueue) sort() {
	mq.sorted = mq.sorted[:0]
	for e := range mq.set {
		mq.sorted = append(mq.sorted, e)
	}
	slices.SortFunc(mq.sorted, func(a, b *memEntry) int {
		if c := cmp.Compare(a.rec.Summary.Due, b.rec.Summary.Due); c != 0 {
			return c
		}
		return cmp.Compare(a.rec.Code, b.rec.Code)
	})
	mq.dirty = false
}

// page returns the records of q's page from a sorted queue (nil: an empty queue).
func (mq *memQueue) page(q QueueQuery) []Record {
	if mq == nil {
		return nil
	}
	i, _ := slices.BinarySearchFunc(mq.sorted, q.After, func(e *memEntry, c QueueCursor) int {
		if c.Before(e.rec.Summary.Due, e.rec.Code) {
			return 1
		}
		return -1
	})
	var recs []Record
	for _, e := range mq.sorted[i:] {
		if q.Limit > 0 && len(recs) == q.Limit {
			break
		}
		if len(q.States) == 0 || slices.Contains(q.States, e.rec.Dossier.State) {
			recs = append(recs, e.rec)
		}
	}
	return recs
}

// Watch implements Store.
func (m *MemStore) Watch(ctx context.Context, until time.Time, fn func(Record) bool) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	m.mu.RLock()
	var recs []Record
	last := unixDay(until.Unix())
	for _, day := range m.watch.keys {
		if day > last {
			break
		}
		for e := range m.watch.days[day] {
			if !e.rec.Watch.After(until) {
				recs = append(recs, e.rec)
			}
		}
	}
	m.mu.RUnlock()
	for _, r := range recs {
		if !fn(r) {
			break
		}
	}
	return nil
}

// Summaries implements Store. fn runs while the store is locked for reading: it must not
// call the store.
func (m *MemStore) Summaries(ctx context.Context, from, to int64, fn func(Summary) bool) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	m.mu.RLock()
	defer m.mu.RUnlock()
	n := 0
	for e := range m.open {
		if s := &e.rec.Summary; s.Received < to {
			if n++; n%4096 == 0 && ctx.Err() != nil {
				return ctx.Err()
			}
			if !fn(*s) {
				return nil
			}
		}
	}
	first := unixDay(from)
	i, _ := slices.BinarySearch(m.ended.keys, first)
	for _, day := range m.ended.keys[i:] {
		for e := range m.ended.days[day] {
			if s := &e.rec.Summary; s.End >= from && s.Received < to {
				if n++; n%4096 == 0 && ctx.Err() != nil {
					return ctx.Err()
				}
				if !fn(*s) {
					return nil
				}
			}
		}
	}
	return nil
}

// Scan implements Store. fn runs on a snapshot, so it may call the store.
func (m *MemStore) Scan(ctx context.Context, fn func(Record) bool) error {
	m.mu.RLock()
	snap := make([]Record, 0, len(m.recs))
	for _, e := range m.recs {
		snap = append(snap, e.rec)
	}
	m.mu.RUnlock()
	for i := range snap {
		if i%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if !fn(snap[i]) {
			break
		}
	}
	return nil
}

// Post implements Outbox.
func (m *MemStore) Post(ctx context.Context, msgs []Envelope) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	m.mu.Lock()
	m.out.post(msgs)
	m.mu.Unlock()
	return nil
}

// Fetch implements Outbox.
func (m *MemStore) Fetch(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]Envelope, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if limit <= 0 {
		limit = 100
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	var got []Envelope
	for i := range m.out.msgs {
		msg := &m.out.msgs[i]
		if msg.NotBefore.After(now) {
			continue
		}
		msg.Attempts++
		msg.NotBefore = now.Add(lease)
		got = append(got, *msg)
		if len(got) == limit {
			break
		}
	}
	return got, nil
}

// Ack implements Outbox.
func (m *MemStore) Ack(ctx context.Context, ids ...uint64) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, id := range ids {
		if i, ok := m.out.find(id); ok {
			if m.out.msgs[i].Kind != "" {
				m.out.count(m.out.msgs[i], 1)
			}
			m.out.msgs = slices.Delete(m.out.msgs, i, i+1)
		}
	}
	return nil
}

// Retry implements Outbox.
func (m *MemStore) Retry(ctx context.Context, id uint64, at time.Time, reason string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if len(reason) > maxLastError {
		reason = reason[:maxLastError]
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if i, ok := m.out.find(id); ok {
		m.out.msgs[i].NotBefore, m.out.msgs[i].LastError = at, reason
	}
	return nil
}

// Pending returns the number of messages in the outbox not yet acknowledged.
func (m *MemStore) Pending() int {
	m.mu.RLock()
	defer m.mu.RUnlock()
	return len(m.out.msgs)
}

// memOutbox holds the messages not acknowledged, by increasing ID, and the counts of the
// messages of a kind (not notices) written and acknowledged for each dossier (Tally).
type memOutbox struct {
	last  uint64
	msgs  []Envelope
	tally map[tallyKey]*[2]int // written, acknowledged
}

type tallyKey struct{ kind, code string }

// post appends msgs, numbering each (in the caller's slice too).
func (o *memOutbox) post(msgs []Envelope) {
	for i := range msgs {
		o.last++
		msgs[i].ID = o.last
		o.msgs = append(o.msgs, msgs[i])
		if msgs[i].Kind != "" {
			o.count(msgs[i], 0)
		}
	}
}

// count adds one to the written (n = 0) or acknowledged (n = 1) messages of m's kind and code.
func (o *memOutbox) count(m Envelope, n int) {
	if o.tally == nil {
		o.tally = make(map[tallyKey]*[2]int)
	}
	k := tallyKey{m.Kind, m.Code}
	c := o.tally[k]
	if c == nil {
		c = new([2]int)
		o.tally[k] = c
	}
	c[n]++
}

// Tally implements OutboxTally.
func (m *MemStore) Tally(ctx context.Context, kind string, fn func(code string, written, acked int) bool) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	type row struct {
		code           string
		written, acked int
	}
	m.mu.RLock()
	var rows []row
	for k, c := range m.out.tally {
		if k.kind == kind {
			rows = append(rows, row{k.code, c[0], c[1]})
		}
	}
	m.mu.RUnlock()
	for _, r := range rows {
		if !fn(r.code, r.written, r.acked) {
			break
		}
	}
	return nil
}

func (o *memOutbox) find(id uint64) (int, bool) {
	return slices.BinarySearchFunc(o.msgs, id, func(m Envelope, id uint64) int { return cmp.Compare(m.ID, id) })
}

// dayIndex files entries by a day number, and keeps the days in order.
type dayIndex struct {
	days map[int64]map[*memEntry]struct{}
	keys []int64 // the days with entries, in increasing order
}

func (x *dayIndex) add(day int64, e *memEntry) {
	if x.days == nil {
		x.days = make(map[int64]map[*memEntry]struct{})
	}
	set := x.days[day]
	if set == nil {
		set = make(map[*memEntry]struct{})
		x.days[day] = set
		i, _ := slices.BinarySearch(x.keys, day)
		x.keys = slices.Insert(x.keys, i, day)
	}
	set[e] = struct{}{}
}

func (x *dayIndex) remove(day int64, e *memEntry) {
	set := x.days[day]
	if set == nil {
		return
	}
	delete(set, e)
	if len(set) == 0 {
		delete(x.days, day)
		if i, ok := slices.BinarySearch(x.keys, day); ok {
			x.keys = slices.Delete(x.keys, i, i+1)
		}
	}
}

// unixDay is the number of the day (in Vietnam) of a Unix time.
func unixDay(sec int64) int64 { return vnDay(sec) }
