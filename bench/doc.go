// Package bench compares motcua's calendar with peer libraries.
//
// It is a separate module so that the peers' dependencies never enter the
// library's go.mod. It holds no code of its own beyond the benchmarks and
// the tests that check both libraries answer the same question the same way.
package bench
