package procedure

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/shopspring/decimal"

	"github.com/motcua-go/motcua/calendar"
)

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func lim(v string, u calendar.Unit) *PublishedLimit { return &PublishedLimit{Value: dec(v), Unit: u} }

// validProcedure returns a procedure that passes every rule.
func validProcedure() Procedure {
	return Procedure{
		Code:            "1.001193",
		Version:         1,
		EffectiveFrom:   ymd(2020, 7, 1),
		Name:            "Thủ tục đăng ký khai sinh",
		Sector:          Justice,
		Field:           "Hộ tịch",
		Levels:          []Level{Commune},
		CompetentAgency: Agency{Name: "Ủy ban nhân dân cấp xã"},
		Limits: Limits{
			Counter: lim("3", calendar.WorkingDays),
			Online:  lim("1.5", calendar.WorkingDays),
		},
		Cases: []Case{{ID: "xac-minh", Name: "Cần xác minh", Limits: Limits{Counter: lim("2", calendar.WorkingDays)}}},
		Documents: []Document{
			{Name: "Tờ khai", Originals: 1, Requirement: Required, Form: "TP/HT-2020-KS.1"},
		},
		Fees:       []Fee{{ID: "le-phi", Name: "Lệ phí", Kind: FixedFee, Amount: dec("8000")}},
		Results:    []Result{{Name: "Giấy khai sinh", Code: "KQ.G15.000031"}},
		Online:     FullOnline,
		LegalBasis: []string{"Luật Hộ tịch số 60/2014/QH13"},
	}
}

// catalogJSON encodes procedures and groups as one catalog document.
func catalogJSON(t testing.TB, procs []Procedure, groups []Group) []byte {
	t.Helper()
	b, err := json.Marshal(document{Procedures: procs, Groups: groups})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// problemsOf loads data and returns its problems (nil when valid).
func problemsOf(t testing.TB, data []byte, pol LoadOptions) []Problem {
	t.Helper()
	c, err := Load(bytes.NewReader(data), pol)
	if err == nil {
		if c == nil {
			t.Fatal("nil catalog without error")
		}
		return nil
	}
	if c != nil {
		t.Fatal("a catalog came back with an error")
	}
	var ve *ValidationError
	if !errors.As(err, &ve) || !errors.Is(err, ErrInvalidCatalog) {
		t.Fatalf("error %v is not a *ValidationError wrapping ErrInvalidCatalog", err)
	}
	return ve.Problems
}

func mustLoad(t testing.TB, data []byte) *Catalog {
	t.Helper()
	c, err := Load(bytes.NewReader(data), LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func ymd(y int, m time.Month, d int) Date { return Date(date.New(y, m, d)) }

func (d Date) year() int         { return date.Date(d).Year() }
func (d Date) month() time.Month { return date.Date(d).Month() }
func (d Date) day() int          { return date.Date(d).Day() }

func mustCode(t testing.TB, s string) AgencyCode {
	t.Helper()
	c, err := ParseAgencyCode(s)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func agencyCode(s string) AgencyCode {
	c, err := ParseAgencyCode(s)
	if err != nil {
		panic(err)
	}
	return c
}

// dumpProblems appends got to the file named by $PROCEDURE_DUMP (a tool to review and update
// the expected messages of the table tests); it does nothing otherwise.
func dumpProblems(t testing.TB, got []Problem) {
	t.Helper()
	name := os.Getenv("PROCEDURE_DUMP")
	if name == "" {
		return
	}
	f, err := os.OpenFile(name, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	b, _ := json.Marshal(map[string]any{"test": t.Name(), "got": got})
	f.Write(append(b, '\n'))
}
