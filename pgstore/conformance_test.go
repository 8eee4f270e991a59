package pgstore_test

import (
	"testing"

	"github.com/motcua-go/motcua/onestop"
	"github.com/motcua-go/motcua/onestop/storetest"
	"github.com/motcua-go/motcua/pgstore"
)

// TestConformance runs the Store conformance suite on PostgreSQL, each check in a schema of
// its own, with the cache of decoded records, without it, and with the cache trusted while the
// store listens for the notices of writes (Options.Listen).
func TestConformance(t *testing.T) {
	for _, tc := range []struct {
		name string
		opts pgstore.Options
	}{{"Cached", pgstore.Options{}}, {"Uncached", pgstore.Options{CacheSize: -1}}, {"Listening", pgstore.Options{Listen: true}}} {
		t.Run(tc.name, func(t *testing.T) {
			storetest.Run(t, func(t *testing.T) onestop.Store {
				pool, _ := migrated(t)
				s := pgstore.New(pool, tc.opts)
				t.Cleanup(s.Close) // before the pool closes
				return s
			})
		})
	}
}
