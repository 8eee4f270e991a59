package onestop

import (
	"context"
	"time"

	"github.com/motcua-go/motcua/dossier"
)

// Change is what one command did to a dossier, as Config.Publisher sees it before the
// command is written.
type Change struct {
	// Before is the dossier before the command; nil for the reception, which creates it.
	Before *dossier.Dossier
	// Record is the record about to be written: its dossier after the command, its summary
	// and its public view (Record.Public) derived, Record.Seq the length of its log. Its
	// Version is the one being replaced (0 at the reception).
	Record Record
	// Events are the events the command appended to the log, oldest first: at the
	// reception the whole log (Open, Receive, and for a result given on the spot Resolve and
	// Return); none for a command that changes the record without an event (a rating, a
	// consultation or its answer).
	Events []dossier.Event
	Actor  dossier.Actor // who acted
	At     time.Time     // when the command took effect
}

// Publisher writes the messages of a kind of its own with every command, and delivers them.
// Package portal implements it for the National Public Service Portal.
//
// The Office calls Publish for every command it writes (the reception included, every
// retry of a command that met a newer version included) and writes the envelopes returned
// in the same Store.Create or Store.Update as the command's events: they exist exactly when
// the command does. Each envelope must have Kind and Payload set and Notice nil; the Office
// sets nothing else but the ID (by the store). Publish must be pure and fast: no I/O, no
// clock; it must not keep or modify the Change.
//
// The Office never sends these messages itself after a command: Office.Deliver hands them,
// lowest ID first, to Send, and acknowledges each one Send accepts; one Send refuses is
// handed out again later (see Office.Deliver), so delivery is at least once and Send must
// tolerate a message it has seen.
type Publisher interface {
	Publish(c Change) []Envelope
	Send(ctx context.Context, e Envelope) error
}

// publish appends to msgs the messages of Config.Publisher for a command that turned before
// (nil at the reception) into rec, done by actor at at.
func (o *Office) publish(msgs []Envelope, before *dossier.Dossier, rec Record, actor dossier.Actor, at time.Time) []Envelope {
	if o.publisher == nil {
		return msgs
	}
	events := rec.Dossier.Events
	if before != nil {
		events = events[min(len(before.Events), len(events)):]
	}
	return append(msgs, o.publisher.Publish(Change{Before: before, Record: rec, Events: events, Actor: actor, At: at})...)
}
