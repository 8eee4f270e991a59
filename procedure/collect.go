package procedure

import (
	"sync"
	"sync/atomic"

	"github.com/motcua-go/motcua/internal/msg"
)

// collector gathers the problems of a catalog in input order: the first msg.MaxProblems are
// kept, the others only counted, so that a hostile file cannot make a huge error.
type collector struct {
	list  []Problem
	more  int
	kinds uint8 // bits of the sentinels met, see kindOf
}

// add takes problems in input order.
func (c *collector) add(ps ...Problem) {
	for i := range ps {
		c.kinds |= kindOf(ps[i].Rule)
		if len(c.list) < msg.MaxProblems {
			c.list = append(c.list, ps[i])
		} else {
			c.more++
		}
	}
}

// count takes n problems whose texts were not kept, with the bits of their kinds.
func (c *collector) count(n int, kinds uint8) {
	c.more += n
	c.kinds |= kinds
}

func (c *collector) total() int { return len(c.list) + c.more }

// full reports whether the list is full: a problem added now is only counted, so that its
// message need not be built.
func (c *collector) full() bool { return len(c.list) >= msg.MaxProblems }

// err returns the ValidationError of the problems gathered.
func (c *collector) err() *ValidationError {
	e := &ValidationError{Problems: c.list, More: c.more}
	for i, s := range kindSentinels {
		if c.kinds&(1<<i) != 0 {
			e.kinds = append(e.kinds, s)
		}
	}
	return e
}

// kindSentinels are the sentinels a ValidationError wraps for its kinds of problem.
var kindSentinels = [...]error{ErrControl, ErrEncoding, ErrTooLong, ErrNoSuchDate}

// kindOf returns the bit of the sentinel of a rule, or 0.
func kindOf(rule string) uint8 {
	switch rule {
	case "control":
		return 1 << 0
	case "encoding":
		return 1 << 1
	case "too_long":
		return 1 << 2
	case "no_such_date":
		return 1 << 3
	}
	return 0
}

// kindsOf returns the bits of the sentinels of problems.
func kindsOf(ps []Problem) uint8 {
	var k uint8
	for i := range ps {
		k |= kindOf(ps[i].Rule)
	}
	return k
}

// frontier tells the workers that decode chunks of a catalog in parallel when the chunks
// before one already hold more problems than are listed: that chunk need not keep the texts
// of its problems, only their number. Chunks are taken in order, so the chunks kept are those
// up to the first that completes the list, and the few that run beside them.
type frontier struct {
	mu     sync.Mutex
	n      []int // problems per chunk; -1 while running
	next   int   // first chunk not yet done, in order
	before int   // problems in the chunks before next
	at     atomic.Int64
}

// newFrontier tracks chunks chunks, with already problems found before the first.
func newFrontier(chunks, already int) *frontier {
	f := &frontier{n: make([]int, chunks), before: already}
	for i := range f.n {
		f.n[i] = -1
	}
	f.at.Store(-1)
	if already >= msg.MaxProblems {
		f.at.Store(0)
	}
	return f
}

// full reports whether chunk k comes after the chunks that fill the list.
func (f *frontier) full(k int) bool {
	at := f.at.Load()
	return at >= 0 && int64(k) >= at
}

// done records that chunk k found n problems.
func (f *frontier) done(k, n int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.n[k] = n
	for f.next < len(f.n) && f.n[f.next] >= 0 {
		f.before += f.n[f.next]
		f.next++
		if f.before >= msg.MaxProblems && f.at.Load() < 0 {
			f.at.Store(int64(f.next))
		}
	}
}
