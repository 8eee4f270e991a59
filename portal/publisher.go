package portal

import (
	"context"
	"encoding/json"
	"maps"
	"reflect"
	"strconv"
	"sync"
	"time"

	"github.com/motcua-go/motcua/dossier"
	"github.com/motcua-go/motcua/onestop"
)

// Kind is the onestop.Envelope.Kind of the portal's messages in a store's outbox.
const Kind = "portal"

// Message is one record for the portal as the outbox keeps it and the Sender receives it: the
// record (exactly one of Dossier and Progress), the service it goes to, and what makes a
// resend recognisable. Delivery is at least once, so a Sender may see a Message twice; Key
// names it for de-duplication.
type Message struct {
	Format  Format `json:"format"`  // the shape the record was written in
	Service string `json:"service"` // ServiceDossier or ServiceProgress
	// Code is the dossier code as printed (MaHoSo), Seq the sequence in its log of the event
	// after which the record was written: a DongBoHoSoMC record with a higher Seq supersedes
	// one with a lower.
	Code string `json:"code"`
	Seq  int    `json:"seq"`
	// Part tells apart the progress records of one event (a hand-over finishes a step and
	// starts the next): "step-2/start", "step-2/done", "step-1/again"; empty for a dossier
	// record.
	Part string `json:"part,omitempty"`
	// Updating is false for the first dossier record of a dossier, which the portal does not
	// hold yet (OpenCPS's isUpdating), true after.
	Updating bool            `json:"updating,omitempty"`
	Dossier  *DossierRecord  `json:"dossier,omitempty"`
	Progress *ProgressRecord `json:"progress,omitempty"`
}

// Key identifies the message for de-duplication: the dossier code, the sequence, the service
// and the part, e.g. "000.00.31.H49-260310-0001/5/CapNhatTienDoHoSoMC/step-1/done". The same
// record sent twice has the same key; two different records never do.
func (m Message) Key() string {
	k := m.Code + "/" + strconv.Itoa(m.Seq) + "/" + m.Service
	if m.Part != "" {
		k += "/" + m.Part
	}
	return k
}

// Request is the body OpenCPS would post for the message, without the session and unit
// code the embedder's Sender adds.
func (m Message) Request() Request {
	r := Request{Service: m.Service}
	switch {
	case m.Dossier != nil:
		r.IsUpdating = updatingFalse
		if m.Updating {
			r.IsUpdating = updatingTrue
		}
		r.Data = []any{m.Dossier}
	case m.Progress != nil:
		r.Data = []any{m.Progress}
	}
	return r
}

// Sender delivers a message to the portal: the embedder's code (authentication, the HTTP
// call, reading the portal's answer); the library makes no network call. Send returns nil
// only when the portal accepted the record; any error leaves the message in the outbox, to be
// sent again later (onestop.Office.Deliver).
type Sender interface {
	Send(ctx context.Context, m Message) error
}

// SenderFunc adapts a function to Sender.
type SenderFunc func(ctx context.Context, m Message) error

// Send calls f.
func (f SenderFunc) Send(ctx context.Context, m Message) error { return f(ctx, m) }

// Config configures a Publisher. Sender is required.
type Config struct {
	// Sender delivers the messages to the portal.
	Sender Sender
	// Format is the shape of the records written; "": DVCQG1, the only one known.
	Format Format
	// FieldCodes gives the national field code (MaLinhVuc) of a field name (the catalog's
	// procedure.Procedure.Field, e.g. "Hộ tịch"); a field not in it has an empty MaLinhVuc.
	// The map is copied by New.
	FieldCodes map[string]string
}

// Publisher turns the commands of a onestop.Office into the portal's records and sends them:
// set it as onestop.Config.Publisher. It is safe for concurrent use.
//
// After every command it writes, in the same store write as the command (onestop.Publisher):
//   - a DongBoHoSoMC record when the command changed the dossier record (the reception
//     always; not a hand-over, which changes only the progress);
//   - a CapNhatTienDoHoSoMC record for every step of the route started or finished.
//
// onestop.Office.Deliver then hands them to Config.Sender in the order written. Once the
// Sender refuses a message of a dossier, the dossier's later messages are held (Send returns
// a *Error wrapping ErrHeld, and Deliver retries them) until that one goes through, so the
// portal receives each dossier's records in the order of its log. A dossier record
// superseded by a later one already sent is dropped, not sent: the portal never goes back to
// an older state of the dossier. Both are remembered in memory, by the process that delivers
// (run one deliverer, or accept that a restart or a second deliverer may reorder a dossier's
// records, which Reconcile then finds); a refused message holds the others for at most
// MaxHold when it is not seen again, and the publisher remembers the dossier records sent of
// at most MaxRemembered dossiers. A record the portal refuses for good holds its dossier's
// later records until it is accepted: watch Delivery.Failed and the outbox's LastError.
type Publisher struct {
	sender     Sender
	format     Format
	fieldCodes map[string]string

	mu      sync.Mutex
	sent    map[string]int   // dossier code as printed → Seq of the last dossier record sent
	blocked map[string]block // stored code → the earliest message refused, not yet sent
}

// block is a refused message that holds its dossier's later ones: its ID, and until when (in
// the outbox's time, Envelope.NotBefore) it holds them.
type block struct {
	id    uint64
	until time.Time
}

// MaxHold is how long a refused message holds the later messages of its dossier, past the
// lease it was refused in, when it is not handed out again (another deliverer sent it): a
// little more than onestop's longest retry delay (1 hour).
const MaxHold = 2 * time.Hour

// MaxRemembered is how many dossiers a Publisher remembers the last dossier record sent of,
// to drop a superseded one; past it, it forgets them all and starts again.
const MaxRemembered = 100_000

// New returns a Publisher. A missing Sender is a *Error wrapping ErrRequired; a Format other
// than DVCQG1 a *Error wrapping ErrUnknownFormat.
func New(cfg Config) (*Publisher, error) {
	if cfg.Sender == nil {
		return nil, &Error{Field: "Config.Sender", Err: ErrRequired}
	}
	if cfg.Format == "" {
		cfg.Format = DVCQG1
	}
	if cfg.Format != DVCQG1 {
		return nil, &Error{Field: "Config.Format", Value: string(cfg.Format), Err: ErrUnknownFormat}
	}
	return &Publisher{sender: cfg.Sender, format: cfg.Format, fieldCodes: maps.Clone(cfg.FieldCodes)}, nil
}

// Messages returns the records of one command (see Publisher): the dossier record first,
// then the progress records in the order the steps started or finished.
func (p *Publisher) Messages(c onestop.Change) []Message {
	d := c.Record.Dossier
	if len(c.Events) == 0 || !coded(c.Record) {
		return nil
	}
	n := p.namesOf(c.Record)
	last := c.Events[len(c.Events)-1].Seq
	var out []Message
	rec := dossierRecord(d, n)
	if c.Before == nil || !sameRecord(dossierRecord(c.Before, n), rec) {
		out = append(out, Message{Format: p.format, Service: ServiceDossier, Code: n.code, Seq: last,
			Updating: c.Before != nil, Dossier: &rec})
	}
	return append(out, p.progress(d, c.Events[0].Seq, n)...)
}

// progress returns the progress records of the events of d from seq from on.
func (p *Publisher) progress(d *dossier.Dossier, from int, n names) []Message {
	var out []Message
	for _, pr := range progressOf(d, from) {
		r := progressRecord(pr, n)
		part := "start"
		switch {
		case pr.done:
			part = "done"
		case pr.again:
			part = "again"
		}
		out = append(out, Message{Format: p.format, Service: ServiceProgress, Code: n.code, Seq: pr.ev.Seq,
			Part: "step-" + strconv.Itoa(pr.step+1) + "/" + part, Progress: &r})
	}
	return out
}

// coded reports whether rec is the record of an accepted dossier, filed under its code: the
// portal knows a dossier from its acceptance, when its code is issued. An online dossier
// waiting for the desk's acceptance (onestop.Office.ReceiveOnline, filed under
// onestop.PendingKey) has no record yet, nor has the record it waited in once accepted,
// which only leads to its code.
func coded(rec onestop.Record) bool {
	d := rec.Dossier
	return d != nil && len(d.Events) > 0 && !d.Code.IsZero() && !d.Received.IsZero() && rec.Code == d.Code.String()
}

// Rebuild returns the records of a stored dossier as the portal should hold them: its
// dossier record (Updating as asked: false for a dossier the portal does not hold) and the
// progress record of every step started or finished in its log. Reconcile's drifts are
// rebuilt with it (Resync).
func (p *Publisher) Rebuild(rec onestop.Record, updating bool) []Message {
	d := rec.Dossier
	if !coded(rec) {
		return nil
	}
	n := p.namesOf(rec)
	r := dossierRecord(d, n)
	out := []Message{{Format: p.format, Service: ServiceDossier, Code: n.code, Seq: d.Events[len(d.Events)-1].Seq,
		Updating: updating, Dossier: &r}}
	return append(out, p.progress(d, 1, n)...)
}

// Publish implements onestop.Publisher: the messages of the command, as envelopes of Kind.
func (p *Publisher) Publish(c onestop.Change) []onestop.Envelope {
	return p.envelopes(c.Record.Code, p.Messages(c))
}

func (p *Publisher) envelopes(code string, msgs []Message) []onestop.Envelope {
	if len(msgs) == 0 {
		return nil
	}
	out := make([]onestop.Envelope, 0, len(msgs))
	for i := range msgs {
		// Strings, ints, booleans and slices of them always encode (invalid UTF-8 is
		// replaced, not refused): the error is always nil.
		b, _ := json.Marshal(&msgs[i])
		out = append(out, onestop.Envelope{Code: code, Kind: Kind, Payload: b})
	}
	return out
}

// Send implements onestop.Publisher: it decodes the envelope's message and hands it to
// Config.Sender, unless it is a dossier record superseded by one already sent. An envelope
// of another kind, or whose payload is not a message of a known Format, is a *Error wrapping
// ErrMalformed (it stays in the outbox, and is retried as the rest).
func (p *Publisher) Send(ctx context.Context, e onestop.Envelope) error {
	m, err := Decode(e)
	if err != nil {
		return err
	}
	p.mu.Lock()
	b, blocked := p.blocked[e.Code]
	if blocked && e.NotBefore.After(b.until) {
		// The refused message was not seen again for MaxHold: another deliverer sent it.
		delete(p.blocked, e.Code)
		blocked = false
	}
	last, sent := p.sent[m.Code]
	p.mu.Unlock()
	if blocked && e.ID > b.id {
		// An earlier message of the dossier was refused: this one waits for it.
		return &Error{Field: "Envelope.ID", Value: strconv.FormatUint(b.id, 10), Err: ErrHeld}
	}
	if !(m.Service == ServiceDossier && sent && m.Seq < last) {
		err = p.sender.Send(ctx, m)
	} // else superseded: the portal already has a later state, and the message is dropped
	p.mu.Lock()
	defer p.mu.Unlock()
	if err != nil {
		if p.blocked == nil {
			p.blocked = make(map[string]block)
		}
		if f, ok := p.blocked[e.Code]; !ok || e.ID <= f.id {
			p.blocked[e.Code] = block{id: e.ID, until: e.NotBefore.Add(MaxHold)}
		}
		return err
	}
	if f, ok := p.blocked[e.Code]; ok && e.ID == f.id {
		delete(p.blocked, e.Code)
	}
	if m.Service == ServiceDossier {
		if p.sent == nil || len(p.sent) >= MaxRemembered {
			p.sent = make(map[string]int)
		}
		p.sent[m.Code] = max(p.sent[m.Code], m.Seq)
	}
	return nil
}

// Decode reads the message of an envelope of Kind. Another kind, a payload that is not a
// message, a Format other than DVCQG1 or a message without exactly one record is a *Error
// wrapping ErrMalformed.
func Decode(e onestop.Envelope) (Message, error) {
	var m Message
	if e.Kind != Kind {
		return m, &Error{Field: "Envelope.Kind", Value: e.Kind, Err: ErrMalformed}
	}
	if err := json.Unmarshal(e.Payload, &m); err != nil {
		return Message{}, &Error{Field: "Envelope.Payload", Err: ErrMalformed}
	}
	if m.Format != DVCQG1 {
		return Message{}, &Error{Field: "Message.Format", Value: string(m.Format), Err: ErrMalformed}
	}
	ok := m.Service == ServiceDossier && m.Dossier != nil && m.Progress == nil ||
		m.Service == ServiceProgress && m.Progress != nil && m.Dossier == nil
	if !ok || m.Code == "" || m.Seq < 1 {
		return Message{}, &Error{Field: "Message", Value: m.Service, Err: ErrMalformed}
	}
	return m, nil
}

// sameRecord reports whether two dossier records say the same.
func sameRecord(a, b DossierRecord) bool { return reflect.DeepEqual(a, b) }
