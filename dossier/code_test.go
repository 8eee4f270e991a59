package dossier

import (
	"context"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/rickb777/date/v2"
	"golang.org/x/text/language"
)

func TestParseCode(t *testing.T) {
	cases := []struct {
		in   string
		want Code
		part CodePart
		err  error
	}{
		{"000.00.00.H49-250701-0001", Code{Unit: "000.00.00.H49", Date: date.New(2025, 7, 1), Seq: 1}, 0, nil},
		{"000.00.04.G14-240229-9999", Code{Unit: "000.00.04.G14", Date: date.New(2024, 2, 29), Seq: 9999}, 0, nil},
		{"", Code{}, WholeCode, ErrCodeFormat},
		{"000.00.00.H49-250701-001", Code{}, WholeCode, ErrCodeFormat},
		{"000.00.00.H49_250701-0001", Code{}, WholeCode, ErrCodeFormat},
		{"000.00.00.H4X-250701-0001", Code{}, UnitPart, ErrCodeUnit},
		{"000.00.00.h49-250701-0001", Code{}, UnitPart, ErrCodeUnit},
		{"000-00.00.H49-250701-0001", Code{}, UnitPart, ErrCodeUnit},
		{"000.00.00.H49-250230-0001", Code{}, DatePart, ErrCodeDate},
		{"000.00.00.H49-230229-0001", Code{}, DatePart, ErrCodeDate},
		{"000.00.00.H49-251301-0001", Code{}, DatePart, ErrCodeDate},
		{"000.00.00.H49-25O701-0001", Code{}, DatePart, ErrCodeDate},
		{"000.00.00.H49-250701-0000", Code{}, SequencePart, ErrCodeSequence},
		{"000.00.00.H49-250701-00a1", Code{}, SequencePart, ErrCodeSequence},
	}
	for _, c := range cases {
		got, err := ParseCode(c.in)
		if c.err == nil {
			if err != nil || got != c.want || got.String() != c.in {
				t.Errorf("%q: %v, %v", c.in, got, err)
			}
			continue
		}
		var ce *CodeError
		if !errors.As(err, &ce) || ce.Part != c.part || !errors.Is(err, c.err) {
			t.Errorf("%q: err = %v, want part %d %v", c.in, err, c.part, c.err)
		}
	}
	_, err := ParseCode("000.00.00.H49-250230-0001")
	var ce *CodeError
	errors.As(err, &ce)
	if got := ce.Message(language.Vietnamese); got != `mã hồ sơ "000.00.00.H49-250230-0001": ngày "250230" không phải ngày YYMMDD hợp lệ` {
		t.Error(got)
	}
}

func TestIssueCode(t *testing.T) {
	src := &memSeq{}
	ctx := context.Background()
	// 23:30 UTC on 30 June is 06:30 on 1 July in Vietnam.
	utc := time.Date(2025, 6, 30, 23, 30, 0, 0, time.UTC)
	var got []string
	for range 3 {
		c, err := IssueCode(ctx, src, desk, utc)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, c.String())
	}
	want := []string{"000.00.00.H49-250701-0001", "000.00.00.H49-250701-0002", "000.00.00.H49-250701-0003"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatal(diff)
	}
	src.n[desk+date.New(2025, 7, 1).String()] = 9999
	if _, err := IssueCode(ctx, src, desk, utc); !errors.Is(err, ErrCodeExhausted) {
		t.Fatalf("err = %v", err)
	}
	if _, err := IssueCode(ctx, src, "H49", utc); !errors.Is(err, ErrCodeUnit) {
		t.Fatalf("err = %v", err)
	}
	boom := errors.New("store down")
	if _, err := IssueCode(ctx, failSeq{boom}, desk, utc); !errors.Is(err, boom) {
		t.Fatalf("err = %v", err)
	}
}

type failSeq struct{ err error }

func (f failSeq) Next(context.Context, string, date.Date) (int, error) { return 0, f.err }

func TestCodeJSON(t *testing.T) {
	type wrap struct {
		C Code `json:"c,omitzero"`
	}
	c := Code{Unit: desk, Date: date.New(2025, 7, 1), Seq: 42}
	b, _ := json.Marshal(wrap{c})
	if string(b) != `{"c":"000.00.00.H49-250701-0042"}` {
		t.Fatal(string(b))
	}
	var w wrap
	if err := json.Unmarshal(b, &w); err != nil || w.C != c {
		t.Fatal(w, err)
	}
	if b, _ := json.Marshal(wrap{}); string(b) != `{}` {
		t.Fatal(string(b))
	}
	if err := json.Unmarshal([]byte(`{"c":"x"}`), &w); !errors.Is(err, ErrCodeFormat) {
		t.Fatal(err)
	}
}

func FuzzParseCode(f *testing.F) {
	for _, s := range []string{"000.00.00.H49-250701-0001", "000.00.04.G14-240229-9999", "000.00.00.H49-250230-0001",
		"", "-", "000.00.00.H49-250701-", "999.99.99.Z99-991231-9999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := ParseCode(s)
		if err != nil {
			var ce *CodeError
			if !errors.As(err, &ce) || c != (Code{}) {
				t.Fatalf("%q: %v", s, err)
			}
			if ce.Message(language.Vietnamese) == "" || err.Error() == "" {
				t.Fatal("empty message")
			}
			return
		}
		if c.String() != s {
			t.Fatalf("%q formats as %q", s, c.String())
		}
		if err := c.Validate(); err != nil {
			t.Fatalf("%q parses but does not validate: %v", s, err)
		}
	})
}

// TestCodeAppendText checks that AppendText appends what MarshalText gives (and String, when
// there is no error), leaves the buffer as it was on error, and prints a code into a buffer
// of the caller's without allocating.
func TestCodeAppendText(t *testing.T) {
	codes := []Code{
		{},
		{Unit: "000.00.00.H49", Date: date.New(2025, 7, 1), Seq: 1},
		{Unit: "000.00.04.G14", Date: date.New(2024, 2, 29), Seq: 9999},
		{Unit: "000.00.00.H49", Date: date.New(2026, 9, 1), Seq: 12345}, // stored form: sequence too long
		{Unit: "H49.12", Date: date.New(2026, 9, 1), Seq: 7},            // stored form: another unit code
		{Unit: "000.00.00.H49", Date: date.New(2026, 9, 1), Seq: 0},     // not storable
		{Unit: "bad\nunit", Date: date.New(2026, 9, 1), Seq: 3},         // not storable
		{Unit: "000.00.00.H49", Date: date.New(1999, 12, 31), Seq: 1},   // stored form: year out of Circular 01's range
		{Unit: "000.00.00.H49", Date: date.New(2099, 12, 31), Seq: 1},   // last printable day
	}
	for _, c := range codes {
		want, wantErr := c.MarshalText()
		got, err := c.AppendText([]byte("x:"))
		if (err == nil) != (wantErr == nil) {
			t.Errorf("%#v: AppendText error %v, MarshalText error %v", c, err, wantErr)
			continue
		}
		if err != nil {
			if string(got) != "x:" {
				t.Errorf("%#v: AppendText on error = %q, want the buffer unchanged", c, got)
			}
			continue
		}
		if diff := cmp.Diff("x:"+string(want), string(got)); diff != "" {
			t.Errorf("%#v: AppendText (-MarshalText +got):\n%s", c, diff)
		}
		if s := c.String(); s != string(want) {
			t.Errorf("%#v: String = %q, MarshalText = %q", c, s, want)
		}
	}
	c := codes[1]
	if n := testing.AllocsPerRun(100, func() {
		var buf [48]byte
		b, _ := c.AppendText(buf[:0])
		if string(b) != "000.00.00.H49-250701-0001" {
			panic("AppendText")
		}
	}); n != 0 {
		t.Errorf("AppendText into a stack buffer allocates %v times, want 0", n)
	}
}
