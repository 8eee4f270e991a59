package onestop_test

import (
	"sync"
	"testing"

	"github.com/motcua-go/motcua/onestop"
)

// MemStore's queries run while commands write (run with -race): the work queue is sorted
// again by whichever reader comes first after a write.
func TestMemStoreQueriesWhileWriting(t *testing.T) {
	f := newFixture(t, at(10, 9, 0))
	var codes []string
	for range 20 {
		codes = append(codes, mustIntake(t, f, birth()).Code)
	}
	var wg sync.WaitGroup
	for _, code := range codes[:10] {
		wg.Go(func() {
			if _, err := f.office.Transfer(ctx, clerk, code); err != nil {
				t.Error(err)
			}
		})
	}
	for range 4 {
		wg.Go(func() {
			for range 20 {
				if _, _, err := f.office.Queue(ctx, onestop.QueueQuery{Agency: desk, Limit: 5}); err != nil {
					t.Error(err)
				}
				if _, err := f.office.Sweep(ctx); err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
	page, _, err := f.office.Queue(ctx, onestop.QueueQuery{Agency: desk, Limit: 100})
	if err != nil || len(page) != 20 {
		t.Fatalf("the desk's queue after the transfers: %d dossiers, %v", len(page), err)
	}
}
