package pgstore_test

import (
	"bytes"
	"context"
	"errors"
	"net"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/motcua-go/motcua/dossier"
	"github.com/motcua-go/motcua/onestop"
	"github.com/motcua-go/motcua/pgstore"
)

// cutter is a TCP proxy on 127.0.0.1 in front of the test cluster. Once armed with a marker,
// it forwards the next client message holding the marker to the server, then drops whatever
// the server answers and closes the connection: the server has done the work (a COMMIT, or a
// batch and its Sync), the client never hears of it. That is a commit in doubt.
type cutter struct {
	ln     net.Listener
	target string
	marker atomic.Pointer[[]byte] // nil: not armed
	cuts   atomic.Int32
	wg     sync.WaitGroup
}

func newCutter(t *testing.T, target string) *cutter {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	c := &cutter{ln: ln, target: target}
	c.wg.Go(func() {
		for {
			client, err := ln.Accept()
			if err != nil {
				return
			}
			c.wg.Go(func() { c.serve(client) })
		}
	})
	t.Cleanup(func() { ln.Close(); c.wg.Wait() })
	return c
}

// arm makes the proxy cut the first connection that sends marker.
func (c *cutter) arm(marker string) { b := []byte(marker); c.marker.Store(&b) }

func (c *cutter) serve(client net.Conn) {
	defer client.Close()
	server, err := net.Dial("tcp", c.target)
	if err != nil {
		return
	}
	defer server.Close()
	var cut atomic.Bool
	done := make(chan struct{})
	go func() {
		defer close(done)
		buf := make([]byte, 64<<10)
		for {
			n, err := server.Read(buf)
			if n > 0 && !cut.Load() {
				if _, err := client.Write(buf[:n]); err != nil {
					return
				}
			}
			if cut.Load() {
				// The answer to the message that carried the marker is dropped, and the
				// client's connection closed.
				client.Close()
				return
			}
			if err != nil {
				client.Close()
				return
			}
		}
	}()
	buf := make([]byte, 64<<10)
	for {
		n, err := client.Read(buf)
		if n > 0 {
			if m := c.marker.Load(); m != nil && bytes.Contains(buf[:n], *m) && c.marker.CompareAndSwap(m, nil) {
				cut.Store(true)
				c.cuts.Add(1)
			}
			if _, err := server.Write(buf[:n]); err != nil {
				break
			}
		}
		if err != nil {
			break
		}
	}
	if !cut.Load() {
		server.Close()
	}
	<-done
}

// inDoubtOffice returns an Office whose store reaches the test's schema through a cutter, the
// cutter, and a store on a direct pool of the same schema to look at what was written.
func inDoubtOffice(t *testing.T) (*onestop.Office, *cutter, *pgstore.Store, *pgxpool.Pool) {
	t.Helper()
	url := pg.Schema(t)
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		t.Fatal(err)
	}
	direct, err := pgxpool.NewWithConfig(context.WithoutCancel(t.Context()), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(direct.Close)
	if err := pgstore.Migrate(t.Context(), direct); err != nil {
		t.Fatal(err)
	}
	cut := newCutter(t, net.JoinHostPort(cfg.ConnConfig.Host, strconv.Itoa(int(cfg.ConnConfig.Port))))
	viaProxy := cfg.Copy()
	host, port, _ := net.SplitHostPort(cut.ln.Addr().String())
	p, _ := strconv.Atoi(port)
	viaProxy.ConnConfig.Host, viaProxy.ConnConfig.Port = host, uint16(p)
	viaProxy.ConnConfig.Fallbacks = nil
	viaProxy.MaxConns = 1 // one connection, whose prepared statements the first commands cache
	pool, err := pgxpool.NewWithConfig(context.WithoutCancel(t.Context()), viaProxy)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)
	o := newOffice(t, pgstore.New(pool, pgstore.Options{CacheSize: -1}), onestop.NewFakeClock(at(10, 8, 0)), nil)
	return o, cut, pgstore.New(direct, pgstore.Options{CacheSize: -1}), direct
}

// onceWritten checks that the dossier code holds the command kind once in its log, and that
// the outbox holds its notice (event) once.
func onceWritten(t *testing.T, s *pgstore.Store, pool *pgxpool.Pool, code string, kind dossier.CommandKind) {
	t.Helper()
	ctx := context.WithoutCancel(t.Context())
	rec, err := s.Get(ctx, code)
	if err != nil {
		t.Fatal(err)
	}
	inLog := 0
	for _, e := range rec.Dossier.Events {
		if e.Command == kind {
			inLog++
		}
	}
	name, _ := kind.MarshalText()
	var inOutbox int
	if err := pool.QueryRow(ctx, `SELECT count(*) FROM outbox WHERE code = $1 AND payload->'notice'->>'event' = $2`,
		code, string(name)).Scan(&inOutbox); err != nil {
		t.Fatal(err)
	}
	if inLog != 1 || inOutbox != 1 {
		t.Errorf("%s of %s: %d times in the log, its notice %d times in the outbox; want 1 and 1", name, code, inLog, inOutbox)
	}
}

// A connection lost after COMMIT was sent and before its answer came: the transaction
// committed, the Office cannot know. It returns a *pgstore.Error wrapping ErrInDoubt (not
// ErrUnavailable, which would say that nothing was written); a lookup shows the command done,
// once in the log with its notice once in the outbox; the clerk's retry is refused by the
// dossier's state and writes nothing more.
func TestCommitInDoubt(t *testing.T) {
	o, cut, direct, pool := inDoubtOffice(t)
	ctx := t.Context()
	res, err := o.Intake(ctx, clerk, birth(t, "Nguyễn Văn An"))
	if err != nil {
		t.Fatal(err)
	}
	cut.arm("commit\x00") // the COMMIT of the next command's transaction (Store.Update)
	_, err = o.Transfer(ctx, clerk, res.Code)
	if cut.cuts.Load() != 1 {
		t.Fatalf("the proxy cut %d connections, want 1 (no COMMIT seen?)", cut.cuts.Load())
	}
	var pe *pgstore.Error
	if !errors.Is(err, pgstore.ErrInDoubt) || !errors.As(err, &pe) || errors.Is(err, pgstore.ErrUnavailable) {
		t.Fatalf("Transfer with its commit's answer lost: %v (%T), want a *pgstore.Error wrapping ErrInDoubt", err, err)
	}
	st, err := o.Lookup(ctx, res.Code)
	if err != nil {
		t.Fatal(err)
	}
	if st.State != dossier.Transferred {
		t.Errorf("lookup after the commit in doubt: state %v, want transferred (the commit went through)", st.State)
	}
	onceWritten(t, direct, pool, res.Code, dossier.Transfer)
	var te *dossier.TransitionError
	if _, err := o.Transfer(ctx, clerk, res.Code); !errors.As(err, &te) {
		t.Errorf("retried Transfer: %v, want a *dossier.TransitionError (already transferred)", err)
	}
	onceWritten(t, direct, pool, res.Code, dossier.Transfer)
}

// The same at intake, whose record, log, summary and notice go in one batch (Store.Create):
// the connection is lost after the batch was sent. The dossier exists once with its notice.
func TestCreateInDoubt(t *testing.T) {
	o, cut, direct, pool := inDoubtOffice(t)
	ctx := t.Context()
	first, err := o.Intake(ctx, clerk, birth(t, "Nguyễn Văn An")) // prepares the statements
	if err != nil {
		t.Fatal(err)
	}
	// The batch of the next intake (its statements prepared: Bind, Execute and Sync in one
	// write) carries the applicant's name in the record.
	cut.arm("Trần Thị Bình")
	_, err = o.Intake(ctx, clerk, birth(t, "Trần Thị Bình"))
	if cut.cuts.Load() != 1 {
		t.Fatalf("the proxy cut %d connections, want 1", cut.cuts.Load())
	}
	if !errors.Is(err, pgstore.ErrInDoubt) || errors.Is(err, pgstore.ErrUnavailable) {
		t.Fatalf("Intake with its batch's answer lost: %v (%T), want ErrInDoubt", err, err)
	}
	var codes []string
	rows, err := pool.Query(ctx, `SELECT code FROM dossiers WHERE code <> $1`, first.Code)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			t.Fatal(err)
		}
		codes = append(codes, c)
	}
	if len(codes) != 1 {
		t.Fatalf("%d dossiers stored by the intake in doubt, want 1: %v", len(codes), codes)
	}
	onceWritten(t, direct, pool, codes[0], dossier.Receive)
	if _, err := o.Lookup(ctx, codes[0]); err != nil {
		t.Errorf("lookup of the dossier received in doubt: %v", err)
	}
}
