package onestop

import (
	"context"
	"slices"

	"github.com/motcua-go/motcua/dossier"
)

// Queue returns a page of an agency's work queue: the dossiers of which it holds a step in
// hand (Record.Holders; the desk holds a dossier received and not yet transferred, and one
// whose result is ready), in the states asked (q.States; empty: every state before the return of
// the result), most urgent first (by due time, then code). It reads the page only
// (Store.Queue), however long the queue.
//
// A page holds at most q.Limit dossiers (0: DefaultQueueLimit; at most MaxQueueLimit). The
// next page starts after the cursor returned, which is the zero cursor when there is none. A
// cursor's code may be given printed or in its stored form. Overdue is set at the office
// clock's time.
//
// While parallel steps are in hand (electronic liên thông, Decree 118/2025 Art. 20(2)(b)),
// the dossier is in the queue of each of their agencies, and leaves an agency's queue when
// its step is handed on. The view's Holder is the first of them in the route's order, as in
// Lookup; its Steps show each step in hand (started, not done) with its agency and due time.
func (o *Office) Queue(ctx context.Context, q QueueQuery) ([]PublicView, QueueCursor, error) {
	if !dossier.ValidUnitCode(q.Agency) {
		return nil, QueueCursor{}, &FieldError{Field: "QueueQuery.Agency", Value: q.Agency, Err: ErrInvalid}
	}
	switch {
	case q.Limit <= 0:
		q.Limit = DefaultQueueLimit
	case q.Limit > MaxQueueLimit:
		q.Limit = MaxQueueLimit
	}
	if q.After.Code != "" {
		key, err := o.key(q.After.Code)
		if err != nil {
			return nil, QueueCursor{}, err
		}
		q.After.Code = key
	}
	q.States = slices.Clone(q.States)
	now := o.clock.Now()
	var out []PublicView
	var next QueueCursor
	var bad error
	err := o.store.Queue(ctx, q, func(r Record) bool {
		if err := check(&r); err != nil {
			bad = err
			return false
		}
		pub := r.Public
		if pub == nil {
			pub = o.publicView(r.Dossier, o.printed(r.Dossier.Code))
		}
		v := *pub
		// The dossier's own verdict, as in Lookup: a wait for the applicant is not a delay.
		d := r.Dossier
		if d.Rules != o.rules {
			c := *d
			c.Rules = o.rules
			d = &c
		}
		v.Overdue = open(v.State) && d.Overdue(now)
		out = append(out, v)
		next = QueueCursor{Due: r.Summary.Due, Code: r.Code}
		return true
	})
	if err == nil {
		err = bad
	}
	if err != nil {
		return nil, QueueCursor{}, err
	}
	if len(out) < q.Limit {
		next = QueueCursor{}
	}
	return out, next, nil
}
