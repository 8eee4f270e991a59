package httpapi

import (
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/motcua-go/motcua/internal/msg"
)

// Rate is a token bucket: Burst requests at once, then PerSecond a second.
type Rate struct {
	PerSecond float64
	Burst     int
}

// The default rate of public lookups each client address is allowed (Config.LookupRate): 5
// a second, in bursts of 20; a kiosk serving a queue of citizens stays well below it.
const (
	DefaultLookupPerSecond = 5
	DefaultLookupBurst     = 20
)

// DefaultMaxClients is how many client addresses the lookup limiter remembers at once.
const DefaultMaxClients = 10000

// limiter keeps one token bucket per client address, in a map of at most max entries; it
// runs no goroutine. When the map is full it first forgets the buckets that have filled up
// again (their clients are idle, so forgetting them changes nothing); when none has, the
// new addresses share one overflow bucket until room is made.
type limiter struct {
	rate     Rate
	max      int
	now      func() time.Time
	mu       sync.Mutex
	buckets  map[string]*bucket
	overflow bucket
	pruned   time.Time // last prune: at most one a second, so a flood of addresses costs O(1) each
}

type bucket struct {
	tokens float64
	last   time.Time
}

func newLimiter(rate Rate, max int, now func() time.Time) *limiter {
	return &limiter{rate: rate, max: max, now: now, buckets: make(map[string]*bucket)}
}

// allow takes a token from the bucket of addr; it reports false when the bucket is empty,
// with the time until the next token.
func (l *limiter) allow(addr string) (bool, time.Duration) {
	now := l.now()
	l.mu.Lock()
	defer l.mu.Unlock()
	b, ok := l.buckets[addr]
	if !ok {
		if len(l.buckets) >= l.max && now.Sub(l.pruned) >= time.Second {
			l.pruned = now
			l.prune(now)
		}
		if len(l.buckets) >= l.max {
			b = &l.overflow
		} else {
			b = &bucket{tokens: float64(l.rate.Burst), last: now}
			l.buckets[addr] = b
		}
	}
	l.refill(b, now)
	if b.tokens >= 1 {
		b.tokens--
		return true, 0
	}
	wait := time.Second
	if l.rate.PerSecond > 0 {
		wait = time.Duration((1 - b.tokens) / l.rate.PerSecond * float64(time.Second))
	}
	return false, wait
}

func (l *limiter) refill(b *bucket, now time.Time) {
	if el := now.Sub(b.last); el > 0 {
		b.tokens += el.Seconds() * l.rate.PerSecond
		if b.tokens > float64(l.rate.Burst) {
			b.tokens = float64(l.rate.Burst)
		}
	}
	b.last = now
}

// prune forgets the buckets that are full again.
func (l *limiter) prune(now time.Time) {
	for a, b := range l.buckets {
		l.refill(b, now)
		if b.tokens >= float64(l.rate.Burst) {
			delete(l.buckets, a)
		}
	}
}

// clientAddr is the address of the connection (never a header, which the client writes).
func clientAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// ClientAddrHeader returns a Config.ClientAddr that reads the client's address from the
// header name (e.g. "X-Real-IP") that a reverse proxy in front of the server sets, and
// overwrites, on every request; a request without it counts as coming from the connection's
// address. Use it only behind such a proxy: a client reaching the server directly could
// write any address there.
func ClientAddrHeader(name string) func(*http.Request) string {
	return func(r *http.Request) string {
		if v := strings.TrimSpace(r.Header.Get(name)); v != "" {
			return msg.ClipN(v, 64)
		}
		return clientAddr(r)
	}
}
