package onestop_test

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/motcua-go/motcua/dossier"
	"github.com/motcua-go/motcua/onestop"
	"github.com/motcua-go/motcua/routing"
	"github.com/rickb777/date/v2"
)

// errSlashCode is what slashFormat reports for a text of the wrong shape.
var errSlashCode = errors.New("is not of the form <unit>/YYYYMMDD/NNNNNN")

// slashFormat is a code format a new rule might set: <unit>/YYYYMMDD/NNNNNN. It reads only its
// own form, so an office that finds a dossier by it parses with the regime's format.
type slashFormat struct{}

func (slashFormat) Format(c dossier.Code) (string, error) {
	if !dossier.ValidUnitCode(c.Unit) {
		return "", &dossier.CodeError{Part: dossier.UnitPart, Value: c.Unit, Err: dossier.ErrCodeUnit}
	}
	if c.Seq < 1 || c.Seq > 999999 {
		return "", &dossier.CodeError{Part: dossier.SequencePart, Value: strconv.Itoa(c.Seq), Err: dossier.ErrCodeSequence}
	}
	y, m, d := c.Date.Date()
	return fmt.Sprintf("%s/%04d%02d%02d/%06d", c.Unit, y, m, d, c.Seq), nil
}

func (slashFormat) Parse(s string) (dossier.Code, error) {
	parts := strings.Split(s, "/")
	if len(parts) != 3 {
		return dossier.Code{}, &dossier.CodeError{Part: dossier.WholeCode, Value: s, Err: errSlashCode}
	}
	if !dossier.ValidUnitCode(parts[0]) {
		return dossier.Code{}, &dossier.CodeError{Part: dossier.UnitPart, Value: parts[0], Err: dossier.ErrCodeUnit}
	}
	day, err := time.Parse("20060102", parts[1])
	if err != nil || len(parts[1]) != 8 {
		return dossier.Code{}, &dossier.CodeError{Part: dossier.DatePart, Value: parts[1], Err: dossier.ErrCodeDate}
	}
	seq, err := strconv.Atoi(parts[2])
	if err != nil || len(parts[2]) != 6 || seq < 1 || parts[2][0] == '+' || parts[2][0] == '-' {
		return dossier.Code{}, &dossier.CodeError{Part: dossier.SequencePart, Value: parts[2], Err: dossier.ErrCodeSequence}
	}
	return dossier.Code{Unit: parts[0], Date: date.NewAt(day), Seq: seq}, nil
}

// slashFixture is the test office with slashFormat as the code format of both regimes.
func slashFixture(t *testing.T, start time.Time) *fixture {
	t.Helper()
	p61, p118 := dossier.DefaultPolicy(dossier.Decree61), dossier.DefaultPolicy(dossier.Decree118)
	p61.CodeFormat, p118.CodeFormat = slashFormat{}, slashFormat{}
	rules, err := dossier.NewRules(dossier.RulesConfig{Decree61: &p61, Decree118: &p118})
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{clock: onestop.NewFakeClock(start), notes: new(onestop.Recorder), store: onestop.NewMemStore()}
	f.office, err = onestop.New(onestop.Config{Desk: desk, Catalog: testCatalog(t), Rules: rules, Routes: testRoutes(t),
		Directory: routing.SampleDirectory(), Store: f.store, Clock: f.clock, Notifier: f.notes})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// A custom code format works end to end: intake issues the code in it, and the lookup, the
// commands, the notices and the sweep read and print it; text of another shape is a malformed
// code, and a code of the right shape that names no dossier is not found, each error naming
// the code as given.
func TestCustomCodeFormatThroughOffice(t *testing.T) {
	f := slashFixture(t, at(10, 9, 0))
	res := mustIntake(t, f, birth())
	const want = desk + "/20260310/000001"
	if res.Code != want {
		t.Fatalf("intake code %q, want %q", res.Code, want)
	}
	if res.Receipt == nil || res.Receipt.CodeText != want {
		t.Fatalf("receipt slip %+v, want code %q", res.Receipt, want)
	}
	second := mustIntake(t, f, birth())
	if second.Code != desk+"/20260310/000002" {
		t.Fatalf("second code %q", second.Code)
	}

	st, err := f.office.Lookup(ctx, res.Code)
	if err != nil {
		t.Fatal(err)
	}
	if st.Code != want || st.State != dossier.Received {
		t.Fatalf("lookup: code %q, state %v", st.Code, st.State)
	}
	if _, err := f.office.Transfer(ctx, clerk, res.Code); err != nil {
		t.Fatal(err)
	}
	st, err = f.office.Start(ctx, civil, res.Code)
	if err != nil {
		t.Fatal(err)
	}
	if st.Code != want || st.State != dossier.InProcess {
		t.Fatalf("after start: code %q, state %v", st.Code, st.State)
	}
	if _, err := f.office.Indices(ctx, res.Code); err != nil {
		t.Fatal(err)
	}
	var events []string
	for _, n := range f.notes.For(want) {
		events = append(events, n.Event)
	}
	if diff := cmp.Diff([]string{"receive", "transfer", "start"}, events); diff != "" {
		t.Errorf("notices under the printed code (-want +got):\n%s", diff)
	}
	f.clock.Set(at(20, 9, 0))
	alerts, err := f.office.Sweep(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var codes []string
	for _, a := range alerts {
		codes = append(codes, a.Code)
	}
	if diff := cmp.Diff([]string{want, second.Code}, codes); diff != "" {
		t.Errorf("alert codes (-want +got):\n%s", diff)
	}

	for _, tc := range []struct {
		code  string
		want  error
		cause error
	}{
		{"", onestop.ErrMalformedCode, errSlashCode},
		{"x", onestop.ErrMalformedCode, errSlashCode},
		{desk + "/20261310/000001", onestop.ErrMalformedCode, dossier.ErrCodeDate},
		{desk + "/20260310/00001", onestop.ErrMalformedCode, dossier.ErrCodeSequence},
		{desk + "/20260310/000009", onestop.ErrNotFound, nil},
	} {
		for name, call := range map[string]func() error{
			"Lookup":   func() error { _, err := f.office.Lookup(ctx, tc.code); return err },
			"Transfer": func() error { _, err := f.office.Transfer(ctx, clerk, tc.code); return err },
			"Return":   func() error { _, err := f.office.Return(ctx, clerk, tc.code); return err },
			"Indices":  func() error { _, err := f.office.Indices(ctx, tc.code); return err },
		} {
			err := call()
			var ce *dossier.CodeError
			if !errors.Is(err, tc.want) || !errors.As(err, &ce) || ce.Code != tc.code {
				t.Errorf("%s(%q) = %v, want %v naming the code", name, tc.code, err, tc.want)
			}
			if tc.cause != nil && !errors.Is(err, tc.cause) {
				t.Errorf("%s(%q) = %v, want cause %v", name, tc.code, err, tc.cause)
			}
		}
	}
}
