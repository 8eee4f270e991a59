package onestop_test

import (
	"testing"

	"github.com/motcua-go/motcua/onestop"
	"github.com/motcua-go/motcua/onestop/storetest"
)

func TestMemStoreConformance(t *testing.T) {
	storetest.Run(t, func() onestop.Store { return onestop.NewMemStore() })
}

func TestMemStoreZeroValue(t *testing.T) {
	storetest.Run(t, func() onestop.Store { return new(onestop.MemStore) })
}
