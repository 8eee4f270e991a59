package calendar

import (
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
)

func TestKindAndStatusText(t *testing.T) {
	for k := Workday; k <= Closure; k++ {
		b, err := k.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		var back DayKind
		if err := back.UnmarshalText(b); err != nil || back != k {
			t.Errorf("%v: %v, %v", k, back, err)
		}
	}
	var k DayKind
	if err := k.UnmarshalText([]byte("festival")); !errors.Is(err, ErrUnknownKind) {
		t.Errorf("unknown kind: %v", err)
	}
	if Announced.String() != "announced" || Provisional.String() != "provisional" || CivilCode.String() != "civil_code" {
		t.Error("String")
	}
}

// A Calendar is shared by goroutines; the lazily built parts are safe (run with -race).
func TestConcurrentUse(t *testing.T) {
	c, err := New()
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 200 {
				d := date.New(2026, 1, 1) + date.Date(i*g)
				c.IsWorkingDay(d)
				c.AddWorkingDays(d+date.Date(200*365*g), 5) // outside the table for g ≥ 1
				c.Due(time.Date(2026, 3, 1+i%28, 9, 0, 0, 0, Zone()), Limit{3, WorkingDays})
				Default().WorkingDaysBetween(d, d+30)
				c.DaysOff(2026 + g)
			}
		}()
	}
	wg.Wait()
}
