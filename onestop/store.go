package onestop

import (
	"context"
	"time"

	"github.com/motcua-go/motcua/dossier"
	"github.com/motcua-go/motcua/routing"
)

// Record is what a Store keeps for one dossier: the dossier with its event log, a version for
// optimistic concurrency, the summary used by reports, the public view served to lookups, and
// the keys of the store's queries.
//
// # Version and log
//
// Version counts the writes of the record: the store sets 1 on Create and adds 1 on every
// Update. Seq is the length of the dossier's event log at that version, the Seq of its last
// event (dossier.Event.Seq numbers the log 1, 2, 3, …). A write appends zero or more events
// (a rating, a consultation or its answer change the record without an event), so Seq never
// decreases from one version to the next and is at most Version plus the events of intake
// (every record has at least the events Open and Receive). The Office sets Seq on every write
// and checks on every read that the log holds exactly the events 1..Seq: a record whose log is
// empty, shorter or longer than Seq, or numbered out of order is a *RecordError wrapping
// ErrCorruptRecord, never a panic. A store keeps Seq as it keeps Version (a database keeps it
// in the record's row, apart from the log's table), so that a lost or duplicated event shows.
//
// # Rules
//
// dossier.Dossier.Rules are not encoded: a store need not keep them. The Office attaches its
// own rules (Config.Rules) to every dossier it reads, so a record read back from JSON works
// with every command.
//
// # Sharing
//
// Records are handed over, not shared for writing: after Create or Update the caller must not
// modify the Dossier, and a Dossier returned by Get, Scan or a query must not be modified (the
// Office works on a copy).
type Record struct {
	Code    string           `json:"code"`             // dossier code in its stored form (dossier.Code.String), the key; PendingKey(reference) for an online dossier received by the system and not yet accepted (no code yet, Decree 118/2025 Art. 28(1))
	Version uint64           `json:"version"`          // 0 before Create; the store sets 1 on Create and adds 1 on each Update
	Seq     int              `json:"seq"`              // length of the dossier's event log (the Seq of its last event); set by the Office
	Dossier *dossier.Dossier `json:"dossier"`          // the dossier with its event log
	Summary Summary          `json:"summary"`          // compact record for reports
	Public  *PublicView      `json:"public,omitempty"` // the public lookup view; nil means "derive it from the dossier"

	// Holders are the QCVN 102 codes of the agencies whose work queues hold the dossier, each
	// once, in the route's order: the agencies of the steps in hand (in process, waiting for
	// a supplement or an obligation), several at once while parallel steps are (electronic
	// liên thông, Decree 118/2025 Art. 20(2)(b); dossier.Dossier.InHand); the first agency
	// of the route once transferred; else the desk (received, result ready). Empty for a
	// closed dossier (returned, withdrawn, not accepted, closed). The Office sets them on
	// every write; Store.Queue selects by them.
	Holders []string `json:"holders,omitempty"`
	// Watch is the earliest instant at which the escalation sweep may report the dossier
	// (at risk, apology due or overdue), computed by the Office on every write from its rules;
	// zero when the sweep never reports it (processing ended). Store.Watch selects by it, so a
	// sweep reads only the dossiers due soon or overdue.
	Watch time.Time `json:"watch,omitzero"`

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
	// Assessment is the applicant's evaluation on the nine items of Decree 118/2025 Art.
	// 33(1) (Office.Assess); nil when none was given.
	Assessment *Assessment `json:"assessment,omitempty"`
}

// Store keeps dossiers, answers the queries of a desk and its supervisors, and keeps the
// outbox of the messages of every command. Implementations must be safe for concurrent use.
// MemStore is the in-memory implementation; package pgstore keeps them in PostgreSQL. Run
// the conformance suite of package storetest against an implementation.
//
// # Writes
//
// Create and Update write one record and the messages of the command that made it (its
// notices) in one atomic step: both or neither. Update implements optimistic concurrency: it
// succeeds only if the stored version equals rec.Version, and otherwise returns a
// *ConflictError and writes nothing (neither the record nor its messages).
//
// # Queries
//
// The queries call fn for each record or summary selected, until fn returns false; fn must not
// call the store (a database adapter may hold a connection while it runs). Their selections are
// defined by fields of the record that a database keeps in indexed columns: Holders and
// Dossier.State (Queue), Watch (Watch), Summary.Received and Summary.End (Summaries), and Code
// (Get).
//
// # Failures
//
// An error that is a fact about a dossier wraps its sentinel (ErrNotFound, ErrExists, a
// *ConflictError). A failure of the store itself should match, with errors.Is, ErrUnavailable
// when nothing was written and the call may succeed later (a database that cannot be reached,
// a connection lost before the commit, a write that stayed too busy), or ErrInDoubt when a
// write's outcome is unknown (the connection lost during the commit). A cancelled or expired
// ctx comes back as ctx's error. Callers such as package httpapi tell these apart without
// knowing the store (a 503 the client may retry, or a 503 that asks it to look first).
type Store interface {
	// Next returns the next number of a receiving unit's daily sequence: the n-th call for
	// (unit, day) returns n, never the same number twice.
	dossier.SequenceSource

	// Create stores a new record (rec.Version must be 0) and returns it with version 1,
	// together with the messages of out in the outbox (see Outbox). A code already stored
	// gives a *dossier.CodeError wrapping ErrExists, an empty code a *FieldError wrapping
	// ErrRequired. Nothing is written on error.
	Create(ctx context.Context, rec Record, out []Envelope) (Record, error)
	// Get returns the record of code (lookup by code); an unknown code gives a
	// *dossier.CodeError wrapping ErrNotFound.
	Get(ctx context.Context, code string) (Record, error)
	// Update replaces the record of rec.Code if its stored version is rec.Version, and
	// returns it with the version incremented, writing the messages of out in the outbox in
	// the same step. A stale version gives a *ConflictError; an unknown code a
	// *dossier.CodeError wrapping ErrNotFound. Nothing is written on error.
	Update(ctx context.Context, rec Record, out []Envelope) (Record, error)

	// Queue calls fn for the records of an agency's work queue (QueueQuery): Holders contains
	// q.Agency and Dossier.State is one of q.States, ordered by Summary.Due then Code, starting
	// after q.After, at most q.Limit of them (no limit when Limit ≤ 0). A record with several
	// holders is in the queue of each, once.
	Queue(ctx context.Context, q QueueQuery, fn func(Record) bool) error
	// Watch calls fn, in no particular order, for every record whose Watch is not zero and not
	// after until: the dossiers the escalation sweep must look at, at until. The records need
	// hold only what the sweep reads: Code, Version, Seq, the Dossier with its whole log,
	// Watch, Schedule, Route and Locality. A store may leave out the rest (Summary, Public,
	// Plan, Consultations, Holders), so that a database can keep what the sweep reads in a
	// compact form apart from the record (package pgstore does).
	Watch(ctx context.Context, until time.Time, fn func(Record) bool) error
	// Summaries calls fn, in no particular order, for the Summary of every record that
	// belongs to a report of the period [from, to) in Unix seconds: received before to
	// (Summary.Received not 0 and before to) and not ended before from (Summary.End 0, or
	// not before from). These are the dossiers received in the period, open at its start, or
	// ended in it, the rows of Biểu 06.
	Summaries(ctx context.Context, from, to int64, fn func(Summary) bool) error
	// Scan calls fn for every record, in no particular order, until fn returns false (for
	// exports and migrations; the Office's own work uses the queries above).
	Scan(ctx context.Context, fn func(Record) bool) error

	Outbox
}

// QueueQuery selects a page of an agency's work queue (Store.Queue, Office.Queue).
type QueueQuery struct {
	// Agency is the QCVN 102 code of the agency (or desk) whose queue is asked: the records
	// whose Holders include it.
	Agency string `json:"agency"`
	// States are the states asked; empty: every state of a dossier not closed (from received
	// to result ready).
	States []dossier.State `json:"states,omitempty"`
	// After is where the page starts: after the record with this due time and code in the
	// queue's order (by Summary.Due, then Code). The zero cursor starts at the beginning.
	After QueueCursor `json:"after,omitzero"`
	// Limit is the most records in the page. For Store.Queue, 0 or less means no limit; for
	// Office.Queue it means DefaultQueueLimit, and it is at most MaxQueueLimit.
	Limit int `json:"limit,omitempty"`
}

// QueueCursor is a position in a work queue: the due time (Summary.Due, Unix seconds) and
// the code (stored form) of the last record of the previous page.
type QueueCursor struct {
	Due  int64  `json:"due"`
	Code string `json:"code"`
}

// Before reports whether a record with this due time and code comes before c in a work
// queue's order: by due time, then by code. The zero cursor comes before every record.
func (c QueueCursor) Before(due int64, code string) bool {
	if c == (QueueCursor{}) {
		return true
	}
	return c.Due < due || c.Due == due && c.Code < code
}

// Envelope is an outbound message of a command, kept in the store's outbox until delivered:
// a Notice, or a message of another kind written by Config.Publisher (e.g. the records of
// package portal for the National Public Service Portal). Exactly one payload is set: Notice,
// or Kind with Payload.
type Envelope struct {
	// ID is the store's number for the message, set when it is written (Create, Update, Post):
	// unique in the store and increasing in the order of writing. 0 before.
	ID uint64 `json:"id,omitempty"`
	// Code is the stored form of the code of the dossier the message is about; empty for the
	// notice of a submission refused or found incomplete at intake, which has no dossier.
	Code   string  `json:"code,omitempty"`
	Notice *Notice `json:"notice,omitempty"`
	// Kind names a message that is not a notice (e.g. "portal"), and Payload holds its bytes,
	// which the store keeps as they are and the Office never reads: Config.Publisher writes
	// them and delivers them (Publisher.Send). Empty for a notice.
	Kind    string `json:"kind,omitempty"`
	Payload []byte `json:"payload,omitempty"`

	// The delivery state, kept by the store.
	Attempts  int       `json:"attempts,omitempty"`   // how many times Fetch handed it out
	NotBefore time.Time `json:"not_before,omitzero"`  // not handed out by Fetch before this instant; zero: at once
	LastError string    `json:"last_error,omitempty"` // why the last attempt failed (Retry), cut at 256 bytes by the store if longer
}

// Outbox is the part of a Store that keeps the outbound messages of commands until they are
// delivered: "no command without its notice, no notice without its command". The messages of
// a command are written by the same Create or Update that writes its events, so they exist
// exactly when the command does; a deliverer (Office.Deliver, or the embedder's own loop) then
// fetches them, hands them to the sender, and acknowledges each one delivered. A message is
// delivered at least once: one handed out and neither acknowledged nor retried before its
// lease ends is handed out again, so a sender must tolerate (and may detect, by Envelope.ID)
// a message it has seen.
type Outbox interface {
	// Post writes messages that no record write carries (the notice of a submission refused
	// or found incomplete at intake, which stores no dossier), setting the ID of each element
	// of msgs. Nothing is written on error.
	Post(ctx context.Context, msgs []Envelope) error
	// Fetch hands out, lowest ID first, at most limit messages not yet acknowledged whose
	// NotBefore is not after now, and leases them: in the same atomic step it adds 1 to their
	// Attempts and sets their NotBefore to now+lease, so that another Fetch does not hand them
	// out again before the lease ends. It returns them as leased. limit ≤ 0 means 100.
	Fetch(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]Envelope, error)
	// Ack acknowledges delivered messages: they are never handed out again. Unknown or
	// already acknowledged IDs are ignored (Ack is idempotent).
	Ack(ctx context.Context, ids ...uint64) error
	// Retry records a failed delivery of the message id: it is handed out again from at (its
	// NotBefore), with reason as LastError. An unknown or acknowledged ID is ignored.
	Retry(ctx context.Context, id uint64, at time.Time, reason string) error
}

// Queue limits of Office.Queue.
const (
	DefaultQueueLimit = 100  // the page size when QueueQuery.Limit is 0
	MaxQueueLimit     = 1000 // the largest page Office.Queue returns
)

// maxLastError is how much of a delivery failure the outbox keeps.
const maxLastError = 256
