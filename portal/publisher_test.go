package portal_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/motcua-go/motcua/onestop"
	"github.com/motcua-go/motcua/portal"
	"golang.org/x/text/language"
)

func TestNewRefusesBadConfig(t *testing.T) {
	ok := portal.SenderFunc(func(context.Context, portal.Message) error { return nil })
	tests := []struct {
		name string
		cfg  portal.Config
		want error
		vi   string
	}{
		{"no sender", portal.Config{}, portal.ErrRequired, "Config.Sender"},
		{"unknown format", portal.Config{Sender: ok, Format: "dvcqg/2"}, portal.ErrUnknownFormat, `Config.Format "dvcqg/2" không phải định dạng bản ghi mà phiên bản này biết`},
	}
	for _, tt := range tests {
		_, err := portal.New(tt.cfg)
		var pe *portal.Error
		if !errors.Is(err, tt.want) || !errors.As(err, &pe) || !contains(pe.Message(language.Vietnamese), tt.vi) {
			t.Errorf("%s: %v", tt.name, err)
		}
	}
	if p, err := portal.New(portal.Config{Sender: ok, Format: portal.DVCQG1}); err != nil || p == nil {
		t.Fatalf("DVCQG1: %v", err)
	}
}

// Decode refuses what is not a portal message of a known format, without echoing more than
// a clipped value.
func TestDecodeRefusesMalformed(t *testing.T) {
	good := `{"format":"dvcqg/1","service":"DongBoHoSoMC","code":"A","seq":2,"dossier":{"MaHoSo":"A"}}`
	tests := map[string]onestop.Envelope{
		"other kind":    {Kind: "sms", Payload: []byte(good)},
		"not json":      {Kind: portal.Kind, Payload: []byte("{")},
		"empty":         {Kind: portal.Kind},
		"other format":  {Kind: portal.Kind, Payload: []byte(`{"format":"dvcqg/9","service":"DongBoHoSoMC","code":"A","seq":2,"dossier":{}}`)},
		"two records":   {Kind: portal.Kind, Payload: []byte(`{"format":"dvcqg/1","service":"DongBoHoSoMC","code":"A","seq":2,"dossier":{},"progress":{}}`)},
		"wrong service": {Kind: portal.Kind, Payload: []byte(`{"format":"dvcqg/1","service":"CapNhatTienDoHoSoMC","code":"A","seq":2,"dossier":{}}`)},
		"no sequence":   {Kind: portal.Kind, Payload: []byte(`{"format":"dvcqg/1","service":"DongBoHoSoMC","code":"A","dossier":{}}`)},
		"no code":       {Kind: portal.Kind, Payload: []byte(`{"format":"dvcqg/1","service":"DongBoHoSoMC","seq":2,"dossier":{}}`)},
	}
	for name, e := range tests {
		if _, err := portal.Decode(e); !errors.Is(err, portal.ErrMalformed) {
			t.Errorf("%s: %v", name, err)
		}
	}
	m, err := portal.Decode(onestop.Envelope{Kind: portal.Kind, Payload: []byte(good)})
	if err != nil || m.Key() != "A/2/DongBoHoSoMC" || m.Request().IsUpdating != "False" {
		t.Fatalf("a good message: %+v, %v", m, err)
	}
}

// Send holds a dossier's later messages behind one the portal refused, and drops a dossier
// record that a later one sent supersedes.
func TestSendKeepsTheOrder(t *testing.T) {
	var sent []string
	refuse := map[string]bool{}
	pub, err := portal.New(portal.Config{Sender: portal.SenderFunc(func(_ context.Context, m portal.Message) error {
		if refuse[m.Key()] {
			return errors.New("refused")
		}
		sent = append(sent, m.Key())
		return nil
	})})
	if err != nil {
		t.Fatal(err)
	}
	env := func(id uint64, code string, seq int) onestop.Envelope {
		m := portal.Message{Format: portal.DVCQG1, Service: portal.ServiceDossier, Code: code, Seq: seq, Dossier: &portal.DossierRecord{MaHoSo: code}}
		return onestop.Envelope{ID: id, Code: code, Kind: portal.Kind, Payload: mustJSON(t, m)}
	}
	refuse["A/2/DongBoHoSoMC"] = true
	if err := pub.Send(ctx, env(1, "A", 2)); err == nil {
		t.Fatal("a refused message sent")
	}
	if err := pub.Send(ctx, env(2, "A", 3)); !errors.Is(err, portal.ErrHeld) {
		t.Fatalf("a later message of the dossier: %v, want ErrHeld", err)
	}
	if err := pub.Send(ctx, env(3, "B", 2)); err != nil {
		t.Fatalf("another dossier's message: %v", err)
	}
	delete(refuse, "A/2/DongBoHoSoMC")
	for _, e := range []onestop.Envelope{env(1, "A", 2), env(2, "A", 3), env(2, "A", 3), env(4, "A", 2)} {
		if err := pub.Send(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	// The resend of seq 3 goes (the portal de-duplicates by key); the late seq 2 is dropped.
	want := []string{"B/2/DongBoHoSoMC", "A/2/DongBoHoSoMC", "A/3/DongBoHoSoMC", "A/3/DongBoHoSoMC"}
	if diff := cmp.Diff(want, sent); diff != "" {
		t.Fatalf("sent (-want +got):\n%s", diff)
	}

	// A refused message not seen again (another deliverer sent it) holds the others for
	// MaxHold, not for ever.
	refuse["C/2/DongBoHoSoMC"] = true
	lease := at(10, 9, 0)
	refused := env(10, "C", 2)
	refused.NotBefore = lease
	if err := pub.Send(ctx, refused); err == nil {
		t.Fatal("a refused message sent")
	}
	later := env(11, "C", 3)
	later.NotBefore = lease.Add(portal.MaxHold)
	if err := pub.Send(ctx, later); !errors.Is(err, portal.ErrHeld) {
		t.Fatalf("within MaxHold: %v, want ErrHeld", err)
	}
	later.NotBefore = lease.Add(portal.MaxHold + time.Minute)
	if err := pub.Send(ctx, later); err != nil {
		t.Fatalf("past MaxHold: %v", err)
	}
	// A refused dossier record that turns out superseded releases the others too.
	refuse["D/2/DongBoHoSoMC"] = true
	if err := pub.Send(ctx, env(20, "D", 2)); err == nil {
		t.Fatal("a refused message sent")
	}
	delete(refuse, "D/2/DongBoHoSoMC")
	if err := pub.Send(ctx, env(19, "D", 5)); err != nil { // written before, fetched late
		t.Fatal(err)
	}
	for _, e := range []onestop.Envelope{env(20, "D", 2), env(21, "D", 6)} {
		if err := pub.Send(ctx, e); err != nil {
			t.Fatalf("%d: %v", e.ID, err)
		}
	}
	if got := sent[len(sent)-1]; got != "D/6/DongBoHoSoMC" {
		t.Fatalf("last sent %s", got)
	}
}

// Every record of a day has its own key: a resend is recognisable, two records never collide.
func TestKeysAreUnique(t *testing.T) {
	w := newWorld(t, portal.SenderFunc(func(context.Context, portal.Message) error { return nil }))
	w.quickstart()
	seen := map[string]bool{}
	for {
		got, err := w.store.Fetch(ctx, w.clock.Now(), time.Hour, 1000)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) == 0 {
			break
		}
		for _, e := range got {
			if e.Kind != portal.Kind {
				_ = w.store.Ack(ctx, e.ID)
				continue
			}
			m, err := portal.Decode(e)
			if err != nil {
				t.Fatal(err)
			}
			if seen[m.Key()] {
				t.Fatalf("key %s twice", m.Key())
			}
			seen[m.Key()] = true
			_ = w.store.Ack(ctx, e.ID)
		}
	}
	if len(seen) < 40 {
		t.Fatalf("%d records for the day", len(seen))
	}
}

func mustJSON(t testing.TB, v any) []byte {
	t.Helper()
	b, err := jsonMarshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
