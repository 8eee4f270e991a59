package onestop_test

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/motcua-go/motcua/dossier"
	"github.com/motcua-go/motcua/onestop"
)

// Many goroutines drive the same inter-agency dossier at once, each trying every command in
// order. Every command accepted is in the log exactly once: the number of successful calls of
// each kind equals its number of events.
func TestConcurrentCommandsOnOneDossier(t *testing.T) {
	f := newFixture(t, at(10, 9, 0))
	sub := birth()
	sub.Case = "lien-thong-khai-sinh-thuong-tru-bhyt-2015"
	sub.Documents = append(sub.Documents, "Tờ khai thay đổi thông tin cư trú", "Tờ khai tham gia bảo hiểm y tế")
	code := mustIntake(t, f, sub).Code

	var transfers, starts, handoffs, resolves, returns, ratings atomic.Int64
	count := func(c *atomic.Int64, err error) {
		switch {
		case err == nil:
			c.Add(1)
		case errors.Is(err, onestop.ErrConflict):
			t.Errorf("conflict escaped the retries: %v", err)
		}
	}
	officers := []dossier.Actor{civil, policeman, insurer}
	var wg sync.WaitGroup
	for g := range 12 {
		wg.Go(func() {
			_, err := f.office.Transfer(ctx, clerk, code)
			count(&transfers, err)
			_, err = f.office.Start(ctx, civil, code)
			count(&starts, err)
			for range 6 {
				for i := range officers {
					_, err := f.office.Handoff(ctx, officers[(i+g)%len(officers)], code)
					count(&handoffs, err)
				}
			}
			_, err = f.office.Resolve(ctx, civil, code, "KS")
			count(&resolves, err)
			_, err = f.office.Return(ctx, clerk, code)
			count(&returns, err)
			count(&ratings, f.office.Rate(ctx, citizen, code, onestop.Satisfied, false))
		})
	}
	wg.Wait()

	kinds := map[string]int64{}
	for _, e := range events(t, f, code) {
		kinds[e]++
	}
	for name, c := range map[string]*atomic.Int64{"transfer": &transfers, "start": &starts, "handoff": &handoffs, "resolve": &resolves, "return": &returns} {
		if c.Load() != kinds[name] {
			t.Errorf("%s: %d calls succeeded, %d events logged", name, c.Load(), kinds[name])
		}
	}
	if kinds["handoff"] != 4 || kinds["return"] != 1 {
		t.Errorf("log %v", kinds)
	}
	if ratings.Load() == 0 {
		t.Error("no rating was accepted")
	}
	rec, err := f.store.Get(ctx, code)
	if err != nil {
		t.Fatal(err)
	}
	// One version per stored command: intake created version 1.
	if want := uint64(1) + uint64(transfers.Load()+starts.Load()+handoffs.Load()+resolves.Load()+returns.Load()+ratings.Load()); rec.Version != want {
		t.Errorf("version %d, want %d", rec.Version, want)
	}
}

// Many goroutines receiving at once get distinct codes from the daily sequence.
func TestConcurrentIntake(t *testing.T) {
	f := newFixture(t, at(10, 9, 0))
	const n = 50
	codes := make([]string, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			res, err := f.office.Intake(ctx, clerk, birth())
			if err != nil {
				t.Error(err)
				return
			}
			codes[i] = res.Code
		})
	}
	wg.Wait()
	seen := map[string]bool{}
	for _, c := range codes {
		if seen[c] {
			t.Fatalf("code %s issued twice", c)
		}
		seen[c] = true
	}
}

// stale is a store whose updates always meet a newer version.
type stale struct{ onestop.Store }

func (s stale) Update(_ context.Context, rec onestop.Record, _ []onestop.Envelope) (onestop.Record, error) {
	return onestop.Record{}, &onestop.ConflictError{Code: rec.Code, Expected: rec.Version, Actual: rec.Version + 1}
}

// When the retries run out the Office returns the *ConflictError and nothing changes.
func TestConflictAfterRetries(t *testing.T) {
	mem := onestop.NewMemStore()
	clock := onestop.NewFakeClock(at(10, 9, 0))
	good, err := onestop.New(onestop.Config{Desk: desk, Catalog: testCatalog(t), Clock: clock, Store: mem})
	if err != nil {
		t.Fatal(err)
	}
	res, err := good.Intake(ctx, clerk, birth())
	if err != nil {
		t.Fatal(err)
	}
	bad, err := onestop.New(onestop.Config{Desk: desk, Catalog: testCatalog(t), Clock: clock, Store: stale{mem}, Retries: 3})
	if err != nil {
		t.Fatal(err)
	}
	_, err = bad.Transfer(ctx, clerk, res.Code)
	var ce *onestop.ConflictError
	if !errors.As(err, &ce) || ce.Code != res.Code {
		t.Fatalf("got %v, want a *ConflictError", err)
	}
	if st, _ := good.Lookup(ctx, res.Code); st.State != dossier.Received {
		t.Errorf("state %v after a refused write", st.State)
	}
}
