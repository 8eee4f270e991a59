package portal

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"

	"github.com/motcua-go/motcua/internal/msg"
	"github.com/motcua-go/motcua/onestop"
)

// Held is what the portal holds of one dossier, as its list for a desk gives it: the code
// (MaHoSo) and the national status code (TrangThaiHoSo).
type Held struct {
	Code   string `json:"code"`
	Status int    `json:"status"`
}

// Drift is a dossier the portal does not hold as the store does.
type Drift struct {
	Code   string `json:"code"`             // the code as printed (MaHoSo)
	Key    string `json:"key"`              // the code in its stored form (onestop.Record.Code)
	Status int    `json:"status"`           // the national status in the store
	Portal int    `json:"portal,omitempty"` // the national status the portal holds; 0 when it holds none
}

// Reconciliation is the difference between a desk's dossiers in the store and the portal's
// list of them.
type Reconciliation struct {
	Missing   []Drift `json:"missing"`     // in the store, not on the portal
	OutOfDate []Drift `json:"out_of_date"` // on the portal with another status
	// Unknown are codes the portal lists that the store does not hold for the desk, cut to
	// msg.MaxEcho characters each; at most MaxUnknown of them are listed.
	Unknown []string `json:"unknown,omitempty"`
	// Matched counts the dossiers the portal holds with the store's status.
	Matched int `json:"matched"`
}

// MaxUnknown is how many unknown codes a Reconciliation lists.
const MaxUnknown = 1000

// Reconcile compares the dossiers of a desk (dossier.Dossier.Desk, the QCVN 102 code of the
// receiving desk) in the store with the portal's list for that desk, and lists those the
// portal is missing or holds with another national status. It reads every record of the
// store once (onestop.Store.Scan): run it daily, not after every command. The lists are in
// code order. Resync then writes their records to the outbox.
func Reconcile(ctx context.Context, store onestop.Store, desk string, held []Held) (Reconciliation, error) {
	portal := make(map[string]int, len(held))
	for _, h := range held {
		portal[strings.TrimSpace(h.Code)] = h.Status
	}
	var r Reconciliation
	seen := make(map[string]bool, len(held))
	err := store.Scan(ctx, func(rec onestop.Record) bool {
		d := rec.Dossier
		if !coded(rec) || d.Desk != desk {
			return true
		}
		code := rec.Code
		if rec.Public != nil && rec.Public.Code != "" {
			code = rec.Public.Code
		}
		st := int(d.State.Status())
		dr := Drift{Code: code, Key: rec.Code, Status: st}
		got, ok := portal[code]
		if !ok && code != rec.Code {
			got, ok = portal[rec.Code]
			seen[rec.Code] = ok
		}
		seen[code] = ok || seen[code]
		switch {
		case !ok:
			r.Missing = append(r.Missing, dr)
		case got != st:
			dr.Portal = got
			r.OutOfDate = append(r.OutOfDate, dr)
		default:
			r.Matched++
		}
		return true
	})
	if err != nil {
		return Reconciliation{}, err
	}
	for code := range portal {
		if !seen[code] {
			r.Unknown = append(r.Unknown, msg.Clip(code))
		}
	}
	slices.Sort(r.Unknown)
	if len(r.Unknown) > MaxUnknown {
		r.Unknown = r.Unknown[:MaxUnknown]
	}
	byCode := func(a, b Drift) int { return strings.Compare(a.Code, b.Code) }
	slices.SortFunc(r.Missing, byCode)
	slices.SortFunc(r.OutOfDate, byCode)
	return r, nil
}

// Resync writes to the store's outbox (onestop.Outbox.Post) the records of every dossier of
// the reconciliation, rebuilt from the store (Rebuild): a missing dossier as new
// (Updating false), one out of date as an update; the Office's Deliver then sends them. It
// returns how many messages it wrote. A dossier no longer in the store is skipped. The records
// keep their keys (Message.Key), so a portal that already applied one recognises it.
func (p *Publisher) Resync(ctx context.Context, store onestop.Store, r Reconciliation) (int, error) {
	n := 0
	write := func(drifts []Drift, updating bool) error {
		for _, dr := range drifts {
			rec, err := store.Get(ctx, dr.Key)
			if err != nil {
				if errors.Is(err, onestop.ErrNotFound) {
					continue
				}
				return err
			}
			env := p.envelopes(rec.Code, p.Rebuild(rec, updating))
			if err := store.Post(ctx, env); err != nil {
				return err
			}
			n += len(env)
		}
		return nil
	}
	if err := write(r.Missing, false); err != nil {
		return n, err
	}
	return n, write(r.OutOfDate, true)
}

// SyncRate is Decision 766's share of dossiers synchronised with the portal, from the outbox's
// acknowledgements: of the dossiers received in a period, those every record of which the
// portal has accepted.
type SyncRate struct {
	Dossiers     int `json:"dossiers"`     // dossiers received in the period
	Synchronised int `json:"synchronised"` // of them, with at least one record and every record acknowledged
}

// Percent is Synchronised as a percentage of Dossiers; 100 when there are none.
func (s SyncRate) Percent() float64 {
	if s.Dossiers == 0 {
		return 100
	}
	return 100 * float64(s.Synchronised) / float64(s.Dossiers)
}

// String writes the rate as "97.5% (39 of 40)".
func (s SyncRate) String() string {
	return strconv.FormatFloat(s.Percent(), 'f', 1, 64) + "% (" + strconv.Itoa(s.Synchronised) + " of " + strconv.Itoa(s.Dossiers) + ")"
}

// Synchronised computes the SyncRate of the dossiers received in [from, to) (Unix seconds, as
// onestop.Summary keeps them): a dossier counts as synchronised when the outbox holds at
// least one portal message for it and the portal accepted all of them (onestop.OutboxTally).
// Messages removed from the outbox once acknowledged (pgstore.Store.PurgeAcked) are no longer
// counted: compute the rate of a period before purging it. A store that does not implement
// onestop.OutboxTally is a *Error wrapping ErrNoTally.
func Synchronised(ctx context.Context, store onestop.Store, from, to int64) (SyncRate, error) {
	tally, ok := store.(onestop.OutboxTally)
	if !ok {
		return SyncRate{}, &Error{Field: "Store", Err: ErrNoTally}
	}
	type count struct{ written, acked int }
	counts := make(map[string]count)
	if err := tally.Tally(ctx, Kind, func(code string, written, acked int) bool {
		counts[code] = count{written, acked}
		return true
	}); err != nil {
		return SyncRate{}, err
	}
	var r SyncRate
	err := store.Summaries(ctx, from, to, func(s onestop.Summary) bool {
		if s.Received < from || s.Received >= to {
			return true
		}
		r.Dossiers++
		if c := counts[s.Code]; c.written > 0 && c.acked == c.written {
			r.Synchronised++
		}
		return true
	})
	return r, err
}
