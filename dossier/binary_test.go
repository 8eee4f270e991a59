package dossier

import (
	"encoding/json"
	"errors"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/motcua-go/motcua/calendar"
	"github.com/motcua-go/motcua/procedure"
)

// binaryBack encodes d in binary and decodes it, failing t on error.
func binaryBack(t testing.TB, d *Dossier) *Dossier {
	t.Helper()
	b, err := d.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	back := &Dossier{Rules: d.Rules}
	if err := back.UnmarshalBinary(b); err != nil {
		t.Fatal(err)
	}
	return back
}

// jsonBack encodes d in JSON and decodes it, failing t on error.
func jsonBack(t testing.TB, d *Dossier) *Dossier {
	t.Helper()
	b, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	back := &Dossier{Rules: d.Rules}
	if err := json.Unmarshal(b, back); err != nil {
		t.Fatal(err)
	}
	return back
}

// A dossier after any sequence of commands reads back from its binary encoding as it was, and
// as its JSON encoding gives it back.
func TestBinaryProperty(t *testing.T) {
	r := testRules()
	for seed := range uint64(200) {
		rng := rand.New(rand.NewPCG(seed, 11))
		now := at("2025-06-27 08:00").Add(time.Duration(rng.IntN(72)) * time.Hour)
		ch := procedure.Channel(1 + rng.IntN(3))
		d, err := r.Open(testIntake(ch, calendar.Limit{N: 1 + rng.IntN(10), Unit: calendar.WorkingDays}), citizen, now)
		if err != nil {
			t.Fatal(err)
		}
		for range 40 {
			now = now.Add(time.Duration(rng.IntN(20*60)) * time.Minute)
			_, _ = d.Apply(randomCommand(rng, d, now), now)
		}
		got := binaryBack(t, d)
		if diff := cmp.Diff(d, got); diff != "" {
			t.Fatalf("seed %d: binary round trip differs (-live +read):\n%s", seed, diff)
		}
		if diff := cmp.Diff(jsonBack(t, d), got); diff != "" {
			t.Fatalf("seed %d: binary and JSON decode differ (-json +binary):\n%s", seed, diff)
		}
	}
	d := worst(t)
	if diff := cmp.Diff(d, binaryBack(t, d)); diff != "" {
		t.Fatalf("binary round trip differs (-live +read):\n%s", diff)
	}
}

// fill sets every field reachable from v (but Rules) to a value that is not zero and that the
// JSON encoding writes: lists of two, pointers set, enumerations valid.
func fill(v reflect.Value, n *int) {
	*n++
	switch v.Interface().(type) {
	case time.Time:
		v.Set(reflect.ValueOf(time.Date(2025, 3, 4, 9, 10, *n, *n*1000, calendar.Zone())))
		return
	case Code:
		v.Set(reflect.ValueOf(codeAt(at("2025-03-04 09:10"), *n)))
		return
	case State:
		v.Set(reflect.ValueOf(InProcess))
		return
	case CommandKind:
		v.Set(reflect.ValueOf(Transfer))
		return
	case Role:
		v.Set(reflect.ValueOf(RoleOfficer))
		return
	case Regime:
		v.Set(reflect.ValueOf(Decree118))
		return
	case procedure.Channel:
		v.Set(reflect.ValueOf(procedure.Online))
		return
	case calendar.Unit:
		v.Set(reflect.ValueOf(calendar.WorkingDays))
		return
	case *Rules:
		return
	}
	switch v.Kind() {
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				fill(v.Field(i), n)
			}
		}
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fill(v.Elem(), n)
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 2, 2))
		for i := range 2 {
			fill(v.Index(i), n)
		}
	case reflect.String:
		v.SetString("s" + string(rune('a'+*n%26)) + string(rune('a'+*n/26%26)))
	case reflect.Int, reflect.Int64, reflect.Int32:
		v.SetInt(int64(*n))
	case reflect.Uint8, reflect.Uint16:
		v.SetUint(1)
	case reflect.Bool:
		v.SetBool(true)
	default:
		panic("fill: no value for " + v.Type().String())
	}
}

// The binary encoding holds every field the JSON encoding holds: a field added to the dossier,
// an event, an intake or a step without its place in the binary encoding fails this test.
func TestBinaryEveryField(t *testing.T) {
	var d Dossier
	n := 0
	fill(reflect.ValueOf(&d).Elem(), &n)
	want, got := jsonBack(t, &d), binaryBack(t, &d)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("binary and JSON decode differ (-json +binary):\n%s", diff)
	}
	if diff := cmp.Diff(&d, got); diff != "" {
		t.Fatalf("binary round trip differs (-written +read):\n%s", diff)
	}
}

// Bytes that are not an encoding are refused with a *FieldError wrapping ErrInvalid, and the
// dossier is left as it was.
func TestBinaryRefuses(t *testing.T) {
	good, err := worst(t).MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	bad := map[string][]byte{
		"empty":           nil,
		"unknown version": append([]byte{2}, good[1:]...),
		"trailing byte":   append(good[:len(good):len(good)], 0),
	}
	for i := 1; i < len(good); i += 7 {
		bad["truncated at "+string(rune('0'+i%10))+"/"+time.Duration(i).String()] = good[:i]
	}
	for name, b := range bad {
		before := worst(t)
		d := *before
		err := d.UnmarshalBinary(b)
		var fe *FieldError
		if !errors.As(err, &fe) || !errors.Is(err, ErrInvalid) {
			t.Errorf("%s: got %v, want a *FieldError wrapping ErrInvalid", name, err)
		}
		if diff := cmp.Diff(before, &d); diff != "" {
			t.Errorf("%s: a failed decode changed the dossier:\n%s", name, diff)
		}
	}
}

// Decoding any bytes never panics, and what decodes re-encodes to the same bytes.
func FuzzDossierBinary(f *testing.F) {
	b, err := worst(f).MarshalBinary()
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b)
	f.Add([]byte{1})
	f.Fuzz(func(t *testing.T, data []byte) {
		var d Dossier
		if d.UnmarshalBinary(data) != nil {
			return
		}
		again, err := d.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		var back Dossier
		if err := back.UnmarshalBinary(again); err != nil {
			t.Fatalf("re-decoding: %v", err)
		}
		if diff := cmp.Diff(&d, &back); diff != "" {
			t.Fatalf("round trip differs:\n%s", diff)
		}
	})
}
