package pgstore

import (
	"context"
	"errors"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgconn/ctxwatch"
	"github.com/motcua-go/motcua/onestop"
)

// notifyDossier sends, at the commit of the write it is part of, the code of the dossier
// written, after the schema's name and a dot, on the channel the listeners of Options.Listen
// listen on. Notices of other schemas of the database only cost their listeners a lookup.
const notifyDossier = `SELECT pg_notify('motcua_dossiers', current_schema() || '.' || $1)`

// listenDossiers starts listening on notifyDossier's channel.
const listenDossiers = `LISTEN motcua_dossiers`

// The listener's timings: the first wait before reconnecting, the longest, and how long it
// waits for a notice before checking that the connection still answers.
const (
	firstBackoff = 50 * time.Millisecond
	maxBackoff   = 5 * time.Second
	heartbeat    = 10 * time.Second
)

// marks is how many slots recordCache.marks has (a power of two).
const marks = 1024

// recordCache keeps decoded records by code. Records are shared by the callers of Get, which
// must not modify them (onestop.Record).
//
// With a listener, an entry is trusted (served without asking the database) when it was read
// while the listener was listening and the listener has listened since: its epoch is the
// cache's, which changes whenever the listener connects or loses its connection. A read puts
// its record as trusted only if no invalidation of a code of the record's slot of marks came
// between the moment Get took its snapshot, before asking the database, and the put: a notice
// that arrived during the read may be the notice of a write the read did not see.
type recordCache struct {
	mu    sync.Mutex
	max   int
	m     map[string]cached
	up    bool   // the listener is listening
	epoch uint64 // changes when the listener connects or disconnects
	count uint64 // invalidations so far
	marks [marks]uint64
}

// cached is a record kept, trusted while its epoch is the cache's (0: never).
type cached struct {
	rec   onestop.Record
	epoch uint64
}

// snapshot is the state of the cache when Get asked the database for a record.
type snapshot struct {
	epoch uint64 // 0: the listener was not listening
	count uint64
}

func slot(code string) int {
	h := uint32(2166136261) // FNV-1a
	for i := 0; i < len(code); i++ {
		h = (h ^ uint32(code[i])) * 16777619
	}
	return int(h & (marks - 1))
}

// get returns the record kept for code, if any, whether it may be served as it is, and the
// snapshot to put what the database answers with.
func (c *recordCache) get(code string) (rec onestop.Record, ok, trusted bool, snap snapshot) {
	if c == nil {
		return onestop.Record{}, false, false, snapshot{}
	}
	c.mu.Lock()
	e, ok := c.m[code]
	if c.up {
		snap = snapshot{epoch: c.epoch, count: c.count}
	}
	c.mu.Unlock()
	return e.rec, ok, ok && e.epoch != 0 && e.epoch == snap.epoch, snap
}

// put keeps rec, read by a Get that took snap, dropping an arbitrary record when the cache is
// full. It keeps a record of a later version if it holds one.
func (c *recordCache) put(rec onestop.Record, snap snapshot) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	e := cached{rec: rec}
	if snap.epoch != 0 && snap.epoch == c.epoch && c.up && c.marks[slot(rec.Code)] <= snap.count {
		e.epoch = snap.epoch
	}
	old, ok := c.m[rec.Code]
	if ok && old.rec.Version > rec.Version {
		return
	}
	if !ok && len(c.m) >= c.max {
		for k := range c.m {
			delete(c.m, k)
			break
		}
	}
	c.m[rec.Code] = e
}

// invalidate drops the record of code: a write of it committed, or may have.
func (c *recordCache) invalidate(code string) {
	if c == nil {
		return
	}
	c.mu.Lock()
	c.count++
	c.marks[slot(code)] = c.count
	delete(c.m, code)
	c.mu.Unlock()
}

// setUp records that the listener started (true) or stopped (false) listening: every entry
// kept until then is no longer trusted.
func (c *recordCache) setUp(up bool) {
	c.mu.Lock()
	c.up = up
	c.epoch++
	c.mu.Unlock()
}

func (c *recordCache) listening() bool {
	if c == nil {
		return false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.up
}

// listener is the goroutine of Options.Listen and what stops it.
type listener struct {
	cancel context.CancelFunc
	done   chan struct{}
	once   sync.Once

	mu  sync.Mutex
	pid uint32 // the backend of the connection listening; 0: none
	// dial, when set (tests only), runs before each connection; an error counts as a
	// failed connection.
	dial func(ctx context.Context) error
	// notice, when set (tests only), runs before the code of each notice is invalidated.
	notice func(code string)
	// heartbeat is how long the listener waits for a notice before it pings the server.
	heartbeat time.Duration
}

func startListener(s *Store) *listener {
	ctx, cancel := context.WithCancel(context.Background())
	l := &listener{cancel: cancel, done: make(chan struct{}), heartbeat: heartbeat}
	go func() {
		defer close(l.done)
		l.run(ctx, s)
	}()
	return l
}

// stop ends the goroutine and waits for it.
func (l *listener) stop() {
	l.once.Do(l.cancel)
	<-l.done
}

// run listens until ctx ends, reconnecting with backoff.
func (l *listener) run(ctx context.Context, s *Store) {
	wait := firstBackoff
	for {
		listened := l.listen(ctx, s)
		if ctx.Err() != nil {
			return
		}
		if listened {
			wait = firstBackoff
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return
		case <-t.C:
		}
		wait = min(2*wait, maxBackoff)
	}
}

// listen connects, listens and invalidates the codes of the notices until the connection
// fails or ctx ends; it reports whether it got as far as listening.
func (l *listener) listen(ctx context.Context, s *Store) bool {
	l.mu.Lock()
	dial := l.dial
	l.mu.Unlock()
	if dial != nil {
		if err := dial(ctx); err != nil {
			return false
		}
	}
	// The schema the pool's connections write in: the prefix of the notices of this Store's
	// dossiers.
	var schema *string
	if err := s.pool.QueryRow(ctx, `SELECT current_schema()`).Scan(&schema); err != nil || schema == nil {
		return false
	}
	prefix := *schema + "."
	cfg := s.pool.Config().ConnConfig
	// A context ending while the connection waits sets a deadline on the socket rather than
	// sending the server a cancel request, which could cancel the next statement instead:
	// the connection stays usable after a wait that timed out.
	cfg.BuildContextWatcherHandler = func(c *pgconn.PgConn) ctxwatch.Handler {
		return &pgconn.DeadlineContextWatcherHandler{Conn: c.Conn()}
	}
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return false
	}
	defer func() {
		cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Second)
		conn.Close(cctx)
		cancel()
	}()
	if _, err := conn.Exec(ctx, listenDossiers); err != nil {
		return false
	}
	l.mu.Lock()
	l.pid = conn.PgConn().PID()
	l.mu.Unlock()
	s.cache.setUp(true)
	defer func() {
		s.cache.setUp(false)
		l.mu.Lock()
		l.pid = 0
		l.mu.Unlock()
	}()
	for {
		l.mu.Lock()
		beat := l.heartbeat
		l.mu.Unlock()
		wctx, cancel := context.WithTimeout(ctx, beat)
		n, err := conn.WaitForNotification(wctx)
		cancel()
		if err != nil {
			if ctx.Err() != nil || conn.IsClosed() || !errors.Is(err, context.DeadlineExceeded) {
				return true
			}
			// No notice for a while: check that the server still answers.
			pctx, cancel := context.WithTimeout(ctx, heartbeat)
			err := conn.Ping(pctx)
			cancel()
			if err != nil {
				return true
			}
			continue
		}
		if code, ok := strings.CutPrefix(n.Payload, prefix); ok {
			l.mu.Lock()
			notice := l.notice
			l.mu.Unlock()
			if notice != nil {
				notice(code)
			}
			s.cache.invalidate(code)
		}
	}
}

// backend returns the process ID of the listener's connection; 0 while it has none.
func (l *listener) backend() uint32 {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.pid
}
