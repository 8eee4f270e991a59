package onestop_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/motcua-go/motcua/dossier"
	"github.com/motcua-go/motcua/onestop"
	"github.com/motcua-go/motcua/routing"
)

// inDoubtStore writes a Create (or not) and then reports the commit in doubt, as a database
// whose connection is lost while it commits.
type inDoubtStore struct {
	*onestop.MemStore
	write bool
}

func (s inDoubtStore) Create(ctx context.Context, rec onestop.Record, out []onestop.Envelope) (onestop.Record, error) {
	if s.write {
		if _, err := s.MemStore.Create(ctx, rec, out); err != nil {
			return onestop.Record{}, err
		}
	}
	return onestop.Record{}, fmt.Errorf("create: connection lost at commit: %w", onestop.ErrInDoubt)
}

// TestIntakeInDoubt: an intake whose commit is in doubt names the code the dossier has if it
// was received, so that the desk looks it up before receiving the submission again: found
// when the write took effect, not found when it did not.
func TestIntakeInDoubt(t *testing.T) {
	for _, written := range []bool{true, false} {
		t.Run(fmt.Sprint("written=", written), func(t *testing.T) {
			clock := onestop.NewFakeClock(at(10, 9, 0))
			o, err := onestop.New(onestop.Config{Desk: desk, Catalog: testCatalog(t), Routes: testRoutes(t),
				Directory: routing.SampleDirectory(), Clock: clock, Store: inDoubtStore{onestop.NewMemStore(), written}})
			if err != nil {
				t.Fatal(err)
			}
			_, err = o.Intake(context.Background(), clerk, birth())
			var ce *dossier.CodeError
			if !errors.Is(err, onestop.ErrInDoubt) || !errors.As(err, &ce) {
				t.Fatalf("intake: %v, want a *dossier.CodeError wrapping ErrInDoubt", err)
			}
			if want := "000.00.31.H49-260310-0001"; ce.Code != want {
				t.Errorf("code %q, want %q", ce.Code, want)
			}
			_, err = o.Lookup(context.Background(), ce.Code)
			if found := err == nil; found != written || !written && !errors.Is(err, onestop.ErrNotFound) {
				t.Errorf("lookup of %s: %v", ce.Code, err)
			}
		})
	}
}
