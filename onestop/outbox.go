package onestop

import (
	"context"
	"errors"
	"time"

	"github.com/motcua-go/motcua/dossier"
)

// DefaultDeliveryLease is how long a message handed out for delivery is reserved for its
// deliverer when Config.DeliveryLease is 0.
const DefaultDeliveryLease = time.Minute

// queues reports whether the Office writes the notices of its commands to the outbox: when
// it has a notifier to deliver them, or when the embedder delivers them itself.
func (o *Office) queues() bool { return o.notifier != nil || o.deferDelivery }

// notices returns the messages of a command that made event on rec (whose summary and public
// view are derived: Office.derive): its notice, and for a result ready before the
// appointment the advance notice (Decree 61/2018 Art. 20(4)).
func (o *Office) notices(rec Record, event string, actor dossier.Actor, now time.Time) []Envelope {
	d := rec.Dossier
	// The code as printed: the public view derived with the record has it.
	printed := rec.Public.Code
	msgs := make([]Envelope, 1, 2)
	msgs[0] = Envelope{Code: rec.Code, Notice: o.notice(d, printed, event, actor, now)}
	if pendingKey(rec.Code) {
		msgs[0].Notice.Reference = portalRef(d) // no code before the acceptance
	}
	if event == eventNames[dossier.Handoff] || event == eventNames[dossier.Start] {
		// Parallel steps started by the hand-over (Decree 118/2025 Art. 20(2)(b)): each
		// agency that now holds one is told, not only the first (Notice.Agency).
		first := msgs[0].Notice.Agency
		for _, st := range d.InHand() {
			if st.Agency != first && st.Start.Equal(now) {
				n := o.notice(d, printed, event, actor, now)
				n.Agency = st.Agency
				msgs = append(msgs, Envelope{Code: rec.Code, Notice: n})
			}
		}
	}
	if event == eventNames[dossier.Receive] && informCompetent(d) {
		// Decree 118/2025 Art. 20(1)(a): the competent agency's own desk is told of a
		// dossier received for it at another administrative level, to follow it.
		n := o.notice(d, printed, EventInformCompetent, actor, now)
		n.Agency = d.Agency
		msgs = append(msgs, Envelope{Code: rec.Code, Notice: n})
	}
	if event == eventNames[dossier.Resolve] && earlyResult(d) {
		msgs = append(msgs, Envelope{Code: rec.Code, Notice: o.notice(d, printed, "early_return", actor, d.Resolution.At)})
	}
	o.reserve(msgs)
	return msgs
}

// EventInformCompetent is the event of the notice by which the competent agency's own
// one-stop desk (Notice.Agency: the competent agency) is told, at the reception, of a dossier
// received for it by a desk at another administrative level, so that it follows it (Decree
// 118/2025 Art. 20(1)(a)). The result still comes back to the receiving desk, which returns it.
const EventInformCompetent = "inform_competent"

// informCompetent reports whether the competent agency's desk is told of d's reception:
// received under Decree 118/2025 for an agency at another administrative level.
func informCompetent(d *dossier.Dossier) bool {
	if d.Regime != dossier.Decree118 || len(d.Events) == 0 || d.Events[0].Intake == nil {
		return false
	}
	return d.Events[0].Intake.OtherLevel
}

// earlyResult reports whether d's result was ready before its appointment.
func earlyResult(d *dossier.Dossier) bool {
	return dossier.Judge(d.Deadline.Due, d.Resolution.At, d.Resolution.At) == dossier.Early
}

// reserve makes the messages the Office is about to deliver itself wait a lease in the
// outbox, so that Deliver does not hand them out meanwhile.
func (o *Office) reserve(msgs []Envelope) {
	if o.notifier == nil || o.deferDelivery {
		return
	}
	until := o.clock.Now().Add(o.lease)
	for i := range msgs {
		msgs[i].NotBefore = until
	}
}

// deliver hands the messages a command just wrote to the notifier at once, unless delivery is
// deferred, and acknowledges those delivered. A message the notifier refuses stays in the
// outbox for Deliver, and the first refusal is returned as a *NotifyError: the command took
// effect.
func (o *Office) deliver(ctx context.Context, msgs []Envelope) error {
	if len(msgs) == 0 || o.notifier == nil || o.deferDelivery {
		return nil
	}
	var first error
	var done [2]uint64
	ids := done[:0]
	for i := range msgs {
		m := &msgs[i]
		if m.Notice == nil {
			continue // a Publisher's message: Deliver hands it out
		}
		if err := o.notifier.Notify(ctx, *m.Notice); err != nil {
			if first == nil {
				first = &NotifyError{Code: m.Notice.Code, Err: err}
			}
			// Best effort: if the store cannot record the failure, the lease ends and
			// Deliver hands the message out anyway.
			_ = o.store.Retry(ctx, m.ID, o.clock.Now().Add(retryDelay(1)), err.Error())
			continue
		}
		ids = append(ids, m.ID)
	}
	if len(ids) > 0 {
		// An acknowledgement lost is a notice delivered twice, which at-least-once allows.
		_ = o.store.Ack(ctx, ids...)
	}
	return first
}

// Delivery counts what one call of Office.Deliver did.
type Delivery struct {
	Delivered int `json:"delivered"` // messages handed to the notifier or the publisher and acknowledged
	Failed    int `json:"failed"`    // messages refused (or held behind a refused one), to be retried later
}

// Deliver hands the messages due in the store's outbox to Config.Notifier (notices) and
// Config.Publisher (its own messages, Publisher.Send), at most limit of them (0: 100), lowest
// ID first, and acknowledges each one delivered. A message refused is handed out again after
// a delay that doubles with each attempt (30 s, 1 min, 2 min, … at most 1 hour); one whose
// deliverer stopped before acknowledging it (a crash) is handed out again when its lease ends
// (Config.DeliveryLease). Delivery is therefore at least once: the notifier may see a notice
// twice, and may recognise it by Envelope.ID. When the publisher refuses a message of a
// dossier, its later messages in the same call are not sent but retried with it, so that
// they are not sent out of order.
//
// The Office itself delivers the notices of its commands right after writing them, unless
// Config.DeferDelivery is set; Deliver is for the rest: notices refused by the notifier, those
// of a process that stopped between the write and the delivery, and all of them when delivery
// is deferred. Call it periodically (every few seconds, from one or several processes) for as
// long as Delivery.Delivered+Failed equals the limit. It returns the first error of the
// store; the refusals are counted, not returned. Without a notifier or a publisher it is a
// *FieldError on Config.Notifier wrapping ErrRequired.
func (o *Office) Deliver(ctx context.Context, limit int) (Delivery, error) {
	var dl Delivery
	if o.notifier == nil && o.publisher == nil {
		return dl, &FieldError{Field: "Config.Notifier", Err: ErrRequired}
	}
	if limit <= 0 {
		limit = 100
	}
	msgs, err := o.store.Fetch(ctx, o.clock.Now(), o.lease, limit)
	if err != nil {
		return dl, err
	}
	var ids []uint64
	var held map[string]time.Time // dossiers whose publisher message was refused, and its retry
	for i := range msgs {
		m := &msgs[i]
		var err error
		at := o.clock.Now().Add(retryDelay(m.Attempts))
		switch {
		case m.Notice != nil && o.notifier != nil:
			err = o.notifier.Notify(ctx, *m.Notice)
		case m.Notice == nil && m.Kind != "" && o.publisher != nil:
			if t, ok := held[m.Code]; ok {
				at, err = t, errHeld
			} else if err = o.publisher.Send(ctx, *m); err != nil {
				if held == nil {
					held = make(map[string]time.Time)
				}
				held[m.Code] = at
			}
		default:
			// A kind of message this Office does not deliver: leave it to a deliverer that does.
			continue
		}
		if err != nil {
			dl.Failed++
			if rerr := o.store.Retry(ctx, m.ID, at, err.Error()); rerr != nil {
				return dl, rerr
			}
			continue
		}
		ids = append(ids, m.ID)
		dl.Delivered++
	}
	if len(ids) > 0 {
		if err := o.store.Ack(ctx, ids...); err != nil {
			return dl, err
		}
	}
	return dl, nil
}

// retryDelay is the wait before the next attempt after the n-th failed one: 30 s doubled at
// each attempt, at most an hour.
func retryDelay(n int) time.Duration {
	d := 30 * time.Second
	for i := 1; i < n && d < time.Hour; i++ {
		d *= 2
	}
	return min(d, time.Hour)
}

// errHeld is the reason a publisher message waits: an earlier message of its dossier was
// refused in the same delivery.
var errHeld = errors.New("held behind an earlier message of the same dossier")

// OutboxTally is implemented by the stores that count, for each dossier, the messages of a
// kind (Envelope.Kind) written to their outbox and those acknowledged: MemStore and
// pgstore.Store. Package portal computes from it Decision 766's share of dossiers
// synchronised with the National Public Service Portal.
type OutboxTally interface {
	// Tally calls fn, in no particular order, for each dossier code with messages of kind:
	// how many were written and how many of them were acknowledged, until fn returns false.
	// A store that purges acknowledged messages (pgstore.Store.PurgeAcked) counts only those
	// it still keeps.
	Tally(ctx context.Context, kind string, fn func(code string, written, acked int) bool) error
}
