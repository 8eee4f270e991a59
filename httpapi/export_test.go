package httpapi

import (
	"bytes"
	"sync"
)

// SyncBuffer is a log the server writes while a test reads it; the tests of both packages
// (httpapi and httpapi_test) use it.
type SyncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *SyncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *SyncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
