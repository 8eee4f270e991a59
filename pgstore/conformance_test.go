package pgstore_test

import (
	"testing"

	"github.com/motcua-go/motcua/onestop"
	"github.com/motcua-go/motcua/onestop/storetest"
	"github.com/motcua-go/motcua/pgstore"
)

// TestConformance runs the Store conformance suite on PostgreSQL, each check in a schema of
// its own, with the cache of decoded records (Watch then reads by version what the cache does
// not hold, or everything in one read while the cache is empty) and without it (Watch always
// reads everything in one read).
func TestConformance(t *testing.T) {
	for _, tc := range []struct {
		name  string
		cache int
	}{{"Cached", 0}, {"Uncached", -1}} {
		t.Run(tc.name, func(t *testing.T) {
			storetest.Run(t, func(t *testing.T) onestop.Store {
				pool, _ := migrated(t)
				return pgstore.New(pool, pgstore.Options{CacheSize: tc.cache})
			})
		})
	}
}
