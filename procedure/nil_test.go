package procedure

import (
	"bytes"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/motcua-go/motcua/calendar"
	"github.com/rickb777/date/v2"
	"golang.org/x/text/language"
)

// TestDueWithNilCalendar: Due with a nil calendar uses calendar.Default() instead of panicking.
func TestDueWithNilCalendar(t *testing.T) {
	p := validProcedure()
	received := time.Date(2025, 3, 4, 15, 20, 0, 0, calendar.Zone())
	for _, ch := range []Channel{Counter, Online} {
		want, err := p.Due(calendar.Default(), received, ch, "")
		if err != nil {
			t.Fatal(err)
		}
		got, err := p.Due(nil, received, ch, "")
		if err != nil {
			t.Fatal(err)
		}
		if !got.Equal(want) {
			t.Errorf("%s: due %v with a nil calendar, want %v", ch, got, want)
		}
	}
}

// TestNilProcedureDoesNotPanic: every method of a nil *Procedure returns an error or an empty
// result.
func TestNilProcedureDoesNotPanic(t *testing.T) {
	var p *Procedure
	received := time.Date(2025, 3, 4, 9, 0, 0, 0, calendar.Zone())
	var errs []error
	_, err := p.Limit(Online, "")
	errs = append(errs, err)
	_, err = p.Due(nil, received, Counter, "")
	errs = append(errs, err)
	_, err = p.AmountDue(FeeQuery{})
	errs = append(errs, err)
	for i, err := range errs {
		var ue *UseError
		if !errors.As(err, &ue) || !errors.Is(err, ErrNilProcedure) {
			t.Errorf("call %d: error %v, want a *UseError wrapping ErrNilProcedure", i, err)
		}
	}
	_, err = p.Limit(Online, "")
	msgs := []string{err.Error(), err.(*UseError).Message(language.Vietnamese)}
	want := []string{`procedure: "online" cannot be answered: the procedure is nil`,
		`thủ tục: "trực tuyến" không trả lời được: chưa tra cứu thủ tục`}
	if diff := cmp.Diff(want, msgs); diff != "" {
		t.Errorf("messages (-want +got):\n%s", diff)
	}
	cut, ok := p.Cutoff()
	c, okCase := p.Case("x")
	type empty struct {
		Key      NationalCode
		InForce  bool
		Channels []Channel
		Cutoff   calendar.TimeOfDay
		HasCut   bool
		Case     *Case
		HasCase  bool
	}
	got := empty{p.Key(), p.InForce(date20250304), p.Channels(), cut, ok, c, okCase}
	if diff := cmp.Diff(empty{}, got); diff != "" {
		t.Errorf("nil procedure (-want +got):\n%s", diff)
	}
}

var date20250304 = date.Date(ymd(2025, 3, 4))

// TestNilCatalogDoesNotPanic: Lookup on a nil *Catalog returns a *LookupError wrapping
// ErrNilCatalog; the other methods return empty results.
func TestNilCatalogDoesNotPanic(t *testing.T) {
	var c *Catalog
	at := time.Date(2025, 3, 4, 9, 0, 0, 0, calendar.Zone())
	p, err := c.Lookup("1.001193", at)
	var le *LookupError
	if p != nil || !errors.As(err, &le) || !errors.Is(err, ErrNilCatalog) {
		t.Fatalf("Lookup: %v, %v; want a *LookupError wrapping ErrNilCatalog", p, err)
	}
	msgs := []string{err.Error(), le.Message(language.Vietnamese)}
	want := []string{"procedure 1.001193 cannot be looked up: the catalog is nil",
		"thủ tục 1.001193 không tra cứu được: chưa nạp danh mục"}
	if diff := cmp.Diff(want, msgs); diff != "" {
		t.Errorf("messages (-want +got):\n%s", diff)
	}
	g, ok := c.Group("g")
	lists := [][]*Procedure{c.Versions("1.001193"), c.Procedures(), c.BySector(Justice, at), c.ByField("Hộ tịch", at),
		c.ByAgency("H49", at), c.ByLevel(Commune, at), c.Search("khai sinh", at)}
	for i, l := range lists {
		if len(l) != 0 {
			t.Errorf("list %d: %v, want none", i, l)
		}
	}
	if c.Len() != 0 || len(c.Groups()) != 0 || len(c.GroupsOf("1.001193")) != 0 || g != nil || ok {
		t.Error("a nil catalog has procedures or groups")
	}
	b, err := c.MarshalJSON()
	if err != nil || string(b) != "null" {
		t.Errorf("MarshalJSON: %s, %v", b, err)
	}
	if std, _ := json.Marshal(c); !bytes.Equal(std, b) {
		t.Errorf("json.Marshal gives %s, MarshalJSON %s", std, b)
	}
	var buf bytes.Buffer
	if err := c.WriteJSON(&buf); err != nil || buf.String() != "null\n" {
		t.Errorf("WriteJSON: %q, %v", buf.String(), err)
	}
}
