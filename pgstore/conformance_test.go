package pgstore_test

import (
	"testing"

	"github.com/motcua-go/motcua/onestop"
	"github.com/motcua-go/motcua/onestop/storetest"
)

// TestConformance runs the Store conformance suite on PostgreSQL, each check in a schema of
// its own.
func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) onestop.Store {
		_, s := migrated(t)
		return s
	})
}
