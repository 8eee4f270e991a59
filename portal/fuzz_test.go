package portal_test

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/motcua-go/motcua/onestop"
	"github.com/motcua-go/motcua/portal"
)

// FuzzDecode: any payload is decoded or refused with ErrMalformed, never a panic; a message
// decoded encodes and decodes again to itself, and its key names its dossier and sequence.
func FuzzDecode(f *testing.F) {
	f.Add([]byte(`{"format":"dvcqg/1","service":"DongBoHoSoMC","code":"A","seq":2,"updating":true,"dossier":{"MaHoSo":"A","TaiLieuNop":[{"TenTepDinhKem":"x"}]}}`))
	f.Add([]byte(`{"format":"dvcqg/1","service":"CapNhatTienDoHoSoMC","code":"A","seq":4,"part":"step-1/done","progress":{"MaHoSo":"A"}}`))
	f.Add([]byte(`{"format":"dvcqg/1","service":"DongBoHoSoMC","code":"A","seq":-1,"dossier":null}`))
	f.Add([]byte(`null`))
	f.Add([]byte("\xff"))
	f.Fuzz(func(t *testing.T, payload []byte) {
		m, err := portal.Decode(onestop.Envelope{Kind: portal.Kind, Payload: payload})
		if err != nil {
			if !errors.Is(err, portal.ErrMalformed) {
				t.Fatalf("error %v is not ErrMalformed", err)
			}
			return
		}
		b, err := json.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		again, err := portal.Decode(onestop.Envelope{Kind: portal.Kind, Payload: b})
		if err != nil {
			t.Fatalf("a decoded message does not decode again: %v", err)
		}
		if diff := cmp.Diff(m, again); diff != "" {
			t.Fatalf("round trip (-first +second):\n%s", diff)
		}
		if code, seq, err := splitKey(m.Key()); err != nil || seq != m.Seq || code != m.Code && !contains(m.Code, "/") {
			t.Fatalf("key %q of %s/%d: %v", m.Key(), m.Code, m.Seq, err)
		}
		if len(m.Request().Data) != 1 {
			t.Fatalf("request of %+v has %d records", m, len(m.Request().Data))
		}
	})
}
