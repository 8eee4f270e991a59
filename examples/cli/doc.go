// Package cli is an example of a test suite in another language than Go: test_deadlines.py
// (Python, standard library only) checks deadline rules — a receipt on the Friday before Tết
// 2026, receipts out of office hours, the same-day cut-off, the Civil Code policy — through
// `motcua due --jsonl`, one process for many cases.
//
//	python3 -m unittest discover -s examples/cli -v
//
// `go test ./examples/cli` runs the same suite when python3 is installed (and says it skipped
// it otherwise); .ci/run runs it directly.
package cli
