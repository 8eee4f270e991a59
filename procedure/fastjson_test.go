package procedure

import (
	"encoding/json"
	"io/fs"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// itemsOf returns the raw procedures of a document.
func itemsOf(t testing.TB, data []byte) [][]byte {
	t.Helper()
	var doc struct{ Procedures []json.RawMessage }
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	out := make([][]byte, len(doc.Procedures))
	for i, m := range doc.Procedures {
		out[i] = m
	}
	return out
}

// sampleItems returns the raw procedures of the embedded sample catalog.
func sampleItems(t testing.TB) [][]byte {
	sub, err := fs.Sub(sampleFiles, "testdata/catalog")
	if err != nil {
		t.Fatal(err)
	}
	names, _ := fs.Glob(sub, "*.json")
	var out [][]byte
	for _, n := range names {
		data, _ := fs.ReadFile(sub, n)
		out = append(out, itemsOf(t, data)...)
	}
	return out
}

// TestFastDecodeMatches: the generated and the sample procedures all take the fast path, and it
// decodes them exactly as encoding/json does.
func TestFastDecodeMatches(t *testing.T) {
	items := append(itemsOf(t, catalogJSON(t, generate(600, 5), nil)), sampleItems(t)...)
	for i, it := range items {
		var fast, slow Procedure
		if ok, _ := decodeProcedureFast(it, &fast); !ok {
			t.Fatalf("item %d does not take the fast path:\n%s", i, it)
		}
		if err := decodeStrict(it, &slow); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(slow, fast); diff != "" {
			t.Fatalf("item %d (-encoding/json +fast):\n%s", i, diff)
		}
	}
}

// FuzzFastDecode: whenever the fast decoder accepts an input, encoding/json accepts it too and
// gives the same procedure.
func FuzzFastDecode(f *testing.F) {
	for _, it := range itemsOf(f, catalogJSON(f, generate(20, 6), nil)) {
		f.Add(it)
	}
	for _, s := range []string{
		`{"code": "1.001193", "name": "Khai sinh \u0111", "version": -0}`,
		`{"limits": {"counter": {"value": 1.50, "unit": "days"}}}`,
		`{"limits": {"counter": {"value": "1e3", "unit": "days"}}}`,
		`{"fees": [{"amount": "\u0031"}]}`, `{"Code": "1.001193"}`, `{"code": "a", "code": "b"}`,
		`{"note": "\ud800"}`, `{"levels": ["commune", null]}`, `{"version": 01}`, `{"version": 1.0}`,
		`{"same_day": {}}`, `{"cases": [{"limits": {}}]}`, `{"effective_from": "2020-02-29"}`,
		`{"inter_agency": true, "route": "x"}`, "{\"name\": \"a\tb\"}", `{"name": "` + "\xff" + `"}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var fast Procedure
		if ok, _ := decodeProcedureFast(data, &fast); !ok {
			return
		}
		var slow Procedure
		if err := decodeStrict(data, &slow); err != nil {
			t.Fatalf("fast path accepted what encoding/json rejects (%v): %q", err, data)
		}
		if diff := cmp.Diff(slow, fast); diff != "" {
			t.Fatalf("%q (-encoding/json +fast):\n%s", data, diff)
		}
	})
}

// FuzzFastDecodeGroup: whenever the fast decoder accepts a group, encoding/json accepts it too
// and gives the same group.
func FuzzFastDecodeGroup(f *testing.F) {
	for _, s := range []string{
		`{"id": "g", "name": "Nhóm", "lead_sector": "justice", "members": ["1.001193", "1.000001"], "legal_basis": ["NĐ 63"]}`,
		`{}`, `{"members": []}`, `{"members": [null]}`, `{"Members": ["a"]}`, `{"id": "a", "id": "b"}`,
		`{"note": "\u0111", "route": "r"}`, `{"legal_basis": []}`, `{"name": "` + "\xff" + `"}`, `{"members": "x"}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var fast Group
		if !decodeGroupFast(data, &fast) {
			return
		}
		var slow Group
		if err := decodeStrict(data, &slow); err != nil {
			t.Fatalf("fast decoder accepted %q, encoding/json refuses it: %v", data, err)
		}
		if diff := cmp.Diff(slow, fast); diff != "" {
			t.Fatalf("%q (-encoding/json +fast):\n%s", data, diff)
		}
	})
}
