package onestop

import (
	"context"
	"slices"
	"sync"

	"github.com/motcua-go/motcua/dossier"
	"github.com/motcua-go/motcua/routing"
	"github.com/rickb777/date/v2"
)

// Record is what a Store keeps for one dossier: the dossier itself, a version for optimistic
// concurrency, the summary used by reports, and the public view served to lookups.
//
// Records are handed over, not shared for writing: after Create or Update the caller must not
// modify the Dossier, and a Dossier returned by Get or Scan must not be modified (the Office
// works on a copy).
type Record struct {
	Code    string           `json:"code"`             // dossier code in its stored form (dossier.Code.String), the key
	Version uint64           `json:"version"`          // 0 before Create; the store sets 1 on Create and adds 1 on each Update
	Dossier *dossier.Dossier `json:"dossier"`          // the dossier with its event log
	Summary Summary          `json:"summary"`          // compact record for reports
	Public  *PublicView      `json:"public,omitempty"` // the public lookup view; nil means "derive it from the dossier"

	// Plan holds the route's steps with their deadlines, computed at acceptance and used by
	// the transfer (nil: one step, the competent agency). Schedule is the route plan behind
	// them: a database store keeps it in its JSON form (routing.Schedule.MarshalJSON and
	// UnmarshalJSON), and the Office uses the schedule kept. A store that drops it keeps Route
	// and Locality, from which the Office plans it again (with the routes and directory of
	// the day, which may have changed). All are empty for a dossier with a single step.
	Plan     []dossier.StepRecord `json:"plan,omitempty"`
	Schedule *routing.Schedule    `json:"schedule,omitempty"`
	Route    string               `json:"route,omitempty"`    // name of the route in the Office's routing.Set
	Locality string               `json:"locality,omitempty"` // QCVN 102 code the route's roles were resolved against
	// Consultations are the opinions asked of other agencies (Decree 61/2018 Art. 19(5)).
	Consultations []Consultation `json:"consultations,omitempty"`
}

// Store keeps dossiers. Implementations must be safe for concurrent use and implement
// optimistic concurrency: Update succeeds only if the stored version equals rec.Version, and
// otherwise returns a *ConflictError and changes nothing. Run the conformance suite in package
// storetest against an implementation.
type Store interface {
	// Next returns the next number of a receiving unit's daily sequence: the n-th call for
	// (unit, day) returns n, never the same number twice.
	dossier.SequenceSource
	// Create stores a new record (rec.Version must be 0) and returns it with version 1. A code
	// already stored gives a *dossier.CodeError wrapping ErrExists.
	Create(ctx context.Context, rec Record) (Record, error)
	// Get returns the record of code; an unknown code gives a *dossier.CodeError wrapping ErrNotFound.
	Get(ctx context.Context, code string) (Record, error)
	// Update replaces the record of rec.Code if its stored version is rec.Version, and
	// returns it with the version incremented. A stale version gives a *ConflictError; an
	// unknown code a *dossier.CodeError wrapping ErrNotFound. Nothing is written on error.
	Update(ctx context.Context, rec Record) (Record, error)
	// Scan calls fn for every record, in no particular order, until fn returns false.
	Scan(ctx context.Context, fn func(Record) bool) error
}

// SummaryStore is a Store that hands out the report summaries of its records without the
// rest of them. Office.Report uses it when the store implements it (MemStore does); a
// database adapter may implement it with a query on the summary columns.
type SummaryStore interface {
	Store
	// AppendSummaries appends the Summary of every record to dst, in no particular order,
	// and returns the extended slice.
	AppendSummaries(ctx context.Context, dst []Summary) ([]Summary, error)
}

// MemStore is the in-memory Store, the Office's default. The zero value is ready to use.
type MemStore struct {
	mu   sync.RWMutex
	recs map[string]*Record
	seq  map[seqKey]int
}

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
func (m *MemStore) Create(ctx context.Context, rec Record) (Record, error) {
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
		m.recs = make(map[string]*Record)
	}
	if _, ok := m.recs[rec.Code]; ok {
		return Record{}, codeError(rec.Code, ErrExists)
	}
	rec.Version = 1
	r := rec
	m.recs[rec.Code] = &r
	return rec, nil
}

// Get implements Store.
func (m *MemStore) Get(ctx context.Context, code string) (Record, error) {
	if err := ctx.Err(); err != nil {
		return Record{}, err
	}
	m.mu.RLock()
	r, ok := m.recs[code]
	var out Record
	if ok {
		out = *r
	}
	m.mu.RUnlock()
	if !ok {
		return Record{}, codeError(code, ErrNotFound)
	}
	return out, nil
}

// Update implements Store.
func (m *MemStore) Update(ctx context.Context, rec Record) (Record, error) {
	if err := ctx.Err(); err != nil {
		return Record{}, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	r, ok := m.recs[rec.Code]
	if !ok {
		return Record{}, codeError(rec.Code, ErrNotFound)
	}
	if r.Version != rec.Version {
		return Record{}, &ConflictError{Code: rec.Code, Expected: rec.Version, Actual: r.Version}
	}
	rec.Version++
	*r = rec
	return rec, nil
}

// Scan implements Store. fn runs on a snapshot, so it may call the store.
func (m *MemStore) Scan(ctx context.Context, fn func(Record) bool) error {
	m.mu.RLock()
	snap := make([]Record, 0, len(m.recs))
	for _, r := range m.recs {
		snap = append(snap, *r)
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

// AppendSummaries implements SummaryStore.
func (m *MemStore) AppendSummaries(ctx context.Context, dst []Summary) ([]Summary, error) {
	if err := ctx.Err(); err != nil {
		return dst, err
	}
	m.mu.RLock()
	defer m.mu.RUnlock()
	dst = slices.Grow(dst, len(m.recs))
	for _, r := range m.recs {
		dst = append(dst, r.Summary)
	}
	return dst, nil
}
