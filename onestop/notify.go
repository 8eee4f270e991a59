package onestop

import (
	"context"
	"sync"
	"time"
)

// Notice is what the Office tells a Notifier on every status change of a dossier. It carries
// the minimum the 2026 digital-transformation decree asks an information system to show the
// applicant (Decree 224/2026/NĐ-CP, as read in a third-party crawl): the agency and the handler,
// and the times of reception, processing and return. It holds no personal data beyond the code.
type Notice struct {
	Code           string    // dossier code
	Procedure      string    // procedure code, e.g. 1.001193
	Event          string    // what happened, e.g. "accepted", "apology", "returned"
	Status         string    // status after the event, in English
	NationalStatus int       // national status code 1–10 after the event
	Agency         string    // agency holding the dossier after the event (QCVN 102 code)
	Handler        string    // person or role who acted
	At             time.Time // when the event happened
	ReceivedAt     time.Time // official reception time
	ProcessedAt    time.Time // when the result was ready (zero until then)
	DueAt          time.Time // the appointment for the return of the result (current)
	ReturnedAt     time.Time // when the result was returned (zero until then)
}

// Notifier delivers notices to applicants and supervisors (SMS, e-mail, portal, kiosk). The
// library ships no transport: embedders implement Notifier. Notify is called after the change
// is stored; an error does not undo the change (the Office reports it as a *NotifyError).
type Notifier interface {
	Notify(ctx context.Context, n Notice) error
}

// NotifierFunc adapts a function to Notifier.
type NotifierFunc func(ctx context.Context, n Notice) error

// Notify calls f.
func (f NotifierFunc) Notify(ctx context.Context, n Notice) error { return f(ctx, n) }

// Recorder is a Notifier that keeps every notice in memory, for tests and examples.
// It is safe for concurrent use; the zero value is ready.
type Recorder struct {
	mu      sync.Mutex
	notices []Notice
}

// Notify records n.
func (r *Recorder) Notify(_ context.Context, n Notice) error {
	r.mu.Lock()
	r.notices = append(r.notices, n)
	r.mu.Unlock()
	return nil
}

// Notices returns a copy of the notices recorded so far, in order.
func (r *Recorder) Notices() []Notice {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]Notice(nil), r.notices...)
}

// For returns the notices recorded for one dossier code, in order.
func (r *Recorder) For(code string) []Notice {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []Notice
	for _, n := range r.notices {
		if n.Code == code {
			out = append(out, n)
		}
	}
	return out
}
