package onestop_test

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/motcua-go/motcua/dossier"
	"github.com/motcua-go/motcua/onestop"
	"github.com/motcua-go/motcua/routing"
)

// seqPublisher writes one message per event ("<code> <seq> <command>") and records what Send
// is given; Send refuses the message of the first event while fail is set.
type seqPublisher struct {
	changes []onestop.Change
	sent    []string
	fail    bool
}

func (p *seqPublisher) Publish(c onestop.Change) []onestop.Envelope {
	p.changes = append(p.changes, c)
	var out []onestop.Envelope
	for _, e := range c.Events {
		out = append(out, onestop.Envelope{Code: c.Record.Code, Kind: "test",
			Payload: []byte(c.Record.Code + " " + strconv.Itoa(e.Seq) + " " + e.Command.String())})
	}
	return out
}

func (p *seqPublisher) Send(_ context.Context, e onestop.Envelope) error {
	if p.fail && strings.HasSuffix(string(e.Payload), " 1 open") {
		return errors.New("portal down")
	}
	p.sent = append(p.sent, string(e.Payload))
	return nil
}

// outboxSpy records the messages each write carries.
type outboxSpy struct {
	*onestop.MemStore
	writes [][]onestop.Envelope
}

func (s *outboxSpy) Create(ctx context.Context, rec onestop.Record, out []onestop.Envelope) (onestop.Record, error) {
	s.writes = append(s.writes, out)
	return s.MemStore.Create(ctx, rec, out)
}

func (s *outboxSpy) Update(ctx context.Context, rec onestop.Record, out []onestop.Envelope) (onestop.Record, error) {
	s.writes = append(s.writes, out)
	return s.MemStore.Update(ctx, rec, out)
}

// A Config.Publisher's messages are written by the same Create or Update as the command, with
// the change the command made, and Office.Deliver hands them to Send in the order written.
func TestPublisherWritesWithTheCommand(t *testing.T) {
	ctx := context.Background()
	pub := &seqPublisher{}
	clock := onestop.NewFakeClock(at(10, 8, 0))
	spy := &outboxSpy{MemStore: onestop.NewMemStore()}
	o, err := onestop.New(onestop.Config{Desk: desk, Catalog: testCatalog(t), Routes: routing.SampleSet(),
		Directory: routing.SampleDirectory(), Store: spy, Clock: clock, Publisher: pub})
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{office: o, clock: clock}
	res := mustIntake(t, f, birth())
	code := res.Code
	clock.Set(at(10, 8, 5))
	if _, err := o.Transfer(ctx, clerk, code); err != nil {
		t.Fatal(err)
	}
	if len(spy.writes) != 2 || len(spy.writes[0]) != 2 || len(spy.writes[1]) != 1 {
		t.Fatalf("writes carried %v messages, want 2 (open, receive) then 1 (transfer)", spy.writes)
	}
	if c := pub.changes[0]; c.Before != nil || len(c.Events) != 2 || c.Record.Public == nil || c.Record.Seq != 2 {
		t.Fatalf("the reception's change: before %v, %d events, public %v, seq %d", c.Before, len(c.Events), c.Record.Public, c.Record.Seq)
	}
	if c := pub.changes[1]; c.Before == nil || c.Before.State != dossier.Received || len(c.Events) != 1 ||
		c.Events[0].Command != dossier.Transfer || c.Record.Dossier.State != dossier.Transferred || c.Actor != clerk {
		t.Fatalf("the transfer's change: %+v", c)
	}

	// The portal refuses the first message: the later messages of the dossier are held
	// behind it, never sent before it.
	pub.fail = true
	dl, err := o.Deliver(ctx, 0)
	if err != nil || dl.Failed != 3 || dl.Delivered != 0 {
		t.Fatalf("Deliver with the first message refused: %+v, %v", dl, err)
	}
	pub.fail = false
	clock.Set(at(10, 9, 0))
	if dl, err = o.Deliver(ctx, 0); err != nil || dl.Delivered != 3 {
		t.Fatalf("Deliver after the retry delay: %+v, %v", dl, err)
	}
	key := spy.writes[0][0].Code
	want := []string{key + " 1 open", key + " 2 receive", key + " 3 transfer"}
	if diff := cmp.Diff(want, pub.sent); diff != "" {
		t.Fatalf("sent (-want +got):\n%s", diff)
	}
	counts := map[string][2]int{}
	if err := spy.Tally(ctx, "test", func(code string, w, a int) bool { counts[code] = [2]int{w, a}; return true }); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[string][2]int{key: {3, 3}}, counts); diff != "" {
		t.Fatalf("Tally (-want +got):\n%s", diff)
	}
	if n := spy.Pending(); n != 0 {
		t.Fatalf("%d messages left in the outbox", n)
	}
}
