package dossier

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/motcua-go/motcua/calendar"
	"github.com/motcua-go/motcua/procedure"
	"github.com/rickb777/date/v2"
)

// errSlashCode is the problem slashFormat reports for a text of the wrong shape.
var errSlashCode = errors.New("is not of the form <unit>/YYYYMMDD/NNNNNN")

// slashFormat is a code format such as a new rule might set: <unit>/YYYYMMDD/NNNNNN, with
// six-digit sequence numbers. It reads the codes printed before it (ParseCode).
type slashFormat struct{}

func (slashFormat) Format(c Code) (string, error) {
	if !ValidUnitCode(c.Unit) {
		return "", &CodeError{Part: UnitPart, Value: c.Unit, Err: ErrCodeUnit}
	}
	if c.Seq < 1 || c.Seq > 999999 {
		return "", &CodeError{Part: SequencePart, Value: fmt.Sprint(c.Seq), Err: ErrCodeSequence}
	}
	y, m, d := c.Date.Date()
	return fmt.Sprintf("%s/%04d%02d%02d/%06d", c.Unit, y, m, d, c.Seq), nil
}

func (slashFormat) Parse(s string) (Code, error) {
	parts := strings.Split(s, "/")
	if len(parts) != 3 {
		if c, err := ParseCode(s); err == nil {
			return c, nil
		}
		return Code{}, &CodeError{Part: WholeCode, Value: s, Err: errSlashCode}
	}
	if !ValidUnitCode(parts[0]) {
		return Code{}, &CodeError{Part: UnitPart, Value: parts[0], Err: ErrCodeUnit}
	}
	day, err := time.Parse("20060102", parts[1])
	if err != nil || len(parts[1]) != 8 {
		return Code{}, &CodeError{Part: DatePart, Value: parts[1], Err: ErrCodeDate}
	}
	seq, ok := digits(parts[2])
	if !ok || len(parts[2]) != 6 || seq < 1 {
		return Code{}, &CodeError{Part: SequencePart, Value: parts[2], Err: ErrCodeSequence}
	}
	return Code{Unit: parts[0], Date: date.NewAt(day), Seq: seq}, nil
}

func slashRules(t testing.TB) *Rules {
	p := DefaultPolicy(Decree118)
	p.CodeFormat = slashFormat{}
	r, err := NewRules(RulesConfig{Decree118: &p})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestCustomCodeFormatIssuesAndParses(t *testing.T) {
	r := slashRules(t)
	ctx := context.Background()
	when := at("2026-09-01 09:00")
	src := &memSeq{n: map[string]int{desk + date.New(2026, 9, 1).String(): 12344}}
	c, err := r.IssueCode(ctx, src, desk, when)
	if err != nil {
		t.Fatal(err)
	}
	want := Code{Unit: desk, Date: date.New(2026, 9, 1), Seq: 12345}
	if diff := cmp.Diff(want, c); diff != "" {
		t.Fatal(diff)
	}
	text, err := r.FormatCode(c)
	if err != nil || text != "000.00.00.H49/20260901/012345" {
		t.Fatalf("FormatCode = %q, %v", text, err)
	}
	got, err := r.ParseCode(text)
	if err != nil || got != c {
		t.Fatalf("ParseCode(%q) = %v, %v", text, got, err)
	}
	// A code printed before the format came into force still reads.
	old := "000.00.00.H49-250701-0042"
	if got, err := r.ParseCode(old); err != nil || got.String() != old {
		t.Fatalf("ParseCode(%q) = %v, %v", old, got, err)
	}
	// Under Decree 61 (received before 2025-07-01) codes keep the Circular 01/2018 form.
	c61, err := r.IssueCode(ctx, src, desk, at("2025-06-30 09:00"))
	if err != nil || c61.String() != "000.00.00.H49-250630-0001" {
		t.Fatalf("Decree 61 code = %v, %v", c61, err)
	}
	if text, _ := r.FormatCode(c61); text != "000.00.00.H49-250630-0001" {
		t.Fatal(text)
	}
	// The number the format cannot print.
	src.n[desk+date.New(2026, 9, 1).String()] = 999999
	if _, err := r.IssueCode(ctx, src, desk, when); !errors.Is(err, ErrCodeExhausted) {
		t.Fatalf("err = %v", err)
	}
}

func TestCustomCodeFormatMalformed(t *testing.T) {
	r := slashRules(t)
	cases := []struct {
		in   string
		part CodePart
		err  error
	}{
		{"", WholeCode, errSlashCode},
		{"000.00.00.H49-20260901-012345", WholeCode, errSlashCode},
		{"H49/20260901/012345", UnitPart, ErrCodeUnit},
		{"000.00.00.H49/20260231/012345", DatePart, ErrCodeDate},
		{"000.00.00.H49/20260901/12345", SequencePart, ErrCodeSequence},
		{"000.00.00.H49/20260901/000000", SequencePart, ErrCodeSequence},
	}
	for _, c := range cases {
		got, err := r.ParseCode(c.in)
		var ce *CodeError
		if !errors.As(err, &ce) || ce.Part != c.part || !errors.Is(err, c.err) || got != (Code{}) {
			t.Errorf("%q: %v, %v; want part %d %v", c.in, got, err, c.part, c.err)
		}
	}
	if _, err := r.IssueCode(context.Background(), &memSeq{}, "H49", at("2026-09-01 09:00")); !errors.Is(err, ErrCodeUnit) {
		t.Fatalf("err = %v", err)
	}
	if _, err := r.IssueCode(context.Background(), nil, desk, at("2026-09-01 09:00")); !errors.Is(err, ErrRequired) {
		t.Fatalf("err = %v", err)
	}
}

// plainErrFormat is a format whose errors are not *CodeError: Rules reports them as one.
type plainErrFormat struct{}

func (plainErrFormat) Format(Code) (string, error) { return "", errors.New("no") }
func (plainErrFormat) Parse(string) (Code, error)  { return Code{}, errors.New("no") }

func TestCodeFormatPlainErrorsAreTyped(t *testing.T) {
	p := DefaultPolicy(Decree118)
	p.CodeFormat = plainErrFormat{}
	q := DefaultPolicy(Decree61)
	q.CodeFormat = plainErrFormat{}
	r, err := NewRules(RulesConfig{Decree61: &q, Decree118: &p})
	if err != nil {
		t.Fatal(err)
	}
	var ce *CodeError
	if _, err := r.ParseCode("000.00.00.H49-250701-0001"); !errors.As(err, &ce) || !errors.Is(err, ErrCodeFormat) {
		t.Fatalf("ParseCode err = %v", err)
	}
	if _, err := r.IssueCode(context.Background(), &memSeq{}, desk, at("2026-09-01 09:00")); !errors.As(err, &ce) {
		t.Fatalf("IssueCode err = %v", err)
	}
	if _, err := r.FormatCode(Code{Unit: desk, Date: date.New(2026, 9, 1), Seq: 1}); !errors.As(err, &ce) {
		t.Fatalf("FormatCode err = %v", err)
	}
}

func TestDefaultCodeFormatUnchanged(t *testing.T) {
	if diff := cmp.Diff(CodeFormat(Circular01{}), DefaultPolicy(Decree118).CodeFormat); diff != "" {
		t.Fatal(diff)
	}
	r := testRules()
	for _, s := range []string{"000.00.00.H49-250701-0001", "000.00.04.G14-240229-9999", "",
		"000.00.00.H49-250230-0001", "000.00.00.H49-250701-0000", "000.00.00.H4X-250701-0001", "000.00.00.H49/20260901/000001"} {
		c1, e1 := ParseCode(s)
		c2, e2 := r.ParseCode(s)
		if c1 != c2 || fmt.Sprint(e1) != fmt.Sprint(e2) {
			t.Errorf("%q: ParseCode %v, %v; Rules.ParseCode %v, %v", s, c1, e1, c2, e2)
		}
		if e1 == nil {
			if text, err := r.FormatCode(c1); err != nil || text != s {
				t.Errorf("%q: FormatCode = %q, %v", s, text, err)
			}
		}
	}
	for _, when := range []time.Time{at("2025-06-30 08:00"), at("2026-09-01 09:00")} {
		a, b := &memSeq{}, &memSeq{}
		for range 3 {
			c1, e1 := IssueCode(context.Background(), a, desk, when)
			c2, e2 := r.IssueCode(context.Background(), b, desk, when)
			if c1 != c2 || e1 != nil || e2 != nil {
				t.Fatalf("%v: IssueCode %v, %v; Rules.IssueCode %v, %v", when, c1, e1, c2, e2)
			}
		}
	}
	var nilRules *Rules
	if c, err := nilRules.ParseCode("000.00.00.H49-250701-0001"); err != nil || c.Seq != 1 {
		t.Fatal(c, err)
	}
}

// A dossier whose code only the custom format can print is received, stored as JSON, read
// back and shows the printed code on its slips.
func TestCustomCodeFormatDossier(t *testing.T) {
	r := slashRules(t)
	when := at("2026-09-01 09:00")
	d, err := r.Open(testIntake(procedure.Counter, calendar.Limit{N: 3, Unit: calendar.WorkingDays}), clerk, when)
	if err != nil {
		t.Fatal(err)
	}
	c := Code{Unit: agencyA, Date: date.New(2026, 9, 1), Seq: 123456} // Decree 118 Art. 28
	// The default rules refuse the number, the custom format prints it.
	dd, _ := testRules().Open(testIntake(procedure.Counter, calendar.Limit{N: 3, Unit: calendar.WorkingDays}), clerk, when)
	if _, err := dd.Apply(Command{Kind: Receive, Actor: clerk, Code: c}, when); !errors.Is(err, ErrCodeSequence) {
		t.Fatalf("default rules: err = %v", err)
	}
	mustApply(t, d, Command{Kind: Receive, Actor: clerk, Code: c}, when)
	slip, err := d.ReceiptSlip()
	if err != nil {
		t.Fatal(err)
	}
	if slip.CodeText != "000.00.12.H49/20260901/123456" || !strings.Contains(slip.Text(), "Mã hồ sơ: 000.00.12.H49/20260901/123456\n") {
		t.Fatalf("slip code %q\n%s", slip.CodeText, slip.Text())
	}
	b, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"code":"000.00.12.H49-20260901-123456"`) {
		t.Fatalf("stored form missing: %s", b)
	}
	back := &Dossier{Rules: r}
	if err := json.Unmarshal(b, back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(d, back); diff != "" {
		t.Fatal(diff)
	}
	again, err := r.Replay(back.Events)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(d, again); diff != "" {
		t.Fatal(diff)
	}
}

// FuzzCodeText checks that every code the text decoder accepts encodes and decodes back to
// itself, in either stored form.
func FuzzCodeText(f *testing.F) {
	for _, s := range []string{"000.00.00.H49-250701-0001", "000.00.00.H49-20260901-123456", "X-00010101-1",
		"a-b-20260229-1", "-20260901-1", "u-20261301-1", "u-20260901-", "u-20260901-0", "u-99991231-999999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var c Code
		if err := c.UnmarshalText([]byte(s)); err != nil {
			var ce *CodeError
			if !errors.As(err, &ce) {
				t.Fatalf("%q: %v", s, err)
			}
			return
		}
		b, err := c.MarshalText()
		if err != nil {
			t.Fatalf("%q decodes to %#v that does not encode: %v", s, c, err)
		}
		var back Code
		if err := back.UnmarshalText(b); err != nil || back != c {
			t.Fatalf("%q: %#v encodes as %q, decodes as %#v, %v", s, c, b, back, err)
		}
		if c.String() != string(b) {
			t.Fatalf("String %q, MarshalText %q", c.String(), b)
		}
	})
}

func BenchmarkCodeFormat(b *testing.B) {
	c := Code{Unit: desk, Date: date.New(2026, 10, 6), Seq: 42}
	text := c.String()
	for _, bc := range []struct {
		name  string
		rules *Rules
	}{{"default", testRules()}, {"custom", slashRules(b)}} {
		printed, _ := bc.rules.FormatCode(c)
		b.Run(bc.name+"/format", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := bc.rules.FormatCode(c); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(bc.name+"/parse", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := bc.rules.ParseCode(printed); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	b.Run("String", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if c.String() != text {
				b.Fatal("changed")
			}
		}
	})
}

// regimeOn agrees with RegimeAt on the days around the change of regime.
func TestRegimeOn(t *testing.T) {
	for d := date.New(2025, 6, 25); d < date.New(2025, 7, 5); d++ {
		y, m, dd := d.Date()
		for _, h := range []int{0, 12, 23} {
			if got, want := regimeOn(d), RegimeAt(time.Date(y, m, dd, h, 59, 0, 0, calendar.Zone())); got != want {
				t.Errorf("%v %02d:59: %v, want %v", d, h, got, want)
			}
		}
	}
}
