package cli

import (
	"bufio"
	"context"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/language"
)

// TestServeTimeouts: the server cuts off a client that sends its headers too slowly
// (slowloris) or its body too slowly, and closes a keep-alive connection left idle, while a
// client within the limits is served. The limits are shortened for the test; serveTimeouts
// gives the real ones.
func TestServeTimeouts(t *testing.T) {
	// ReadTimeout is longer than the others, which would fall back to it if they were not set.
	to := timeouts{readHeader: 300 * time.Millisecond, read: 2500 * time.Millisecond, write: 5 * time.Second,
		idle: 400 * time.Millisecond, shutdown: 2 * time.Second}
	// The server's timers start when it accepts or answers, which the client sees a little
	// later: the lower bounds are loose (they only show the connection was not cut at once),
	// the upper ones tell each timeout from the fallback to ReadTimeout.
	const slack = 1200 * time.Millisecond // for a loaded machine; less than read - readHeader
	ctx, cancel := context.WithCancel(context.Background())
	var stderr syncBuffer
	done := make(chan error, 1)
	go func() {
		e := &env{ctx: ctx, stdin: strings.NewReader(""), stdout: io.Discard, stderr: &stderr, lang: language.English}
		done <- serve(e, []string{"--addr", "127.0.0.1:0", "--clock", serveClock}, to)
	}()
	defer func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("serve: %v", err)
			}
		case <-time.After(10 * time.Second):
			t.Error("the server did not stop")
		}
	}()
	addr := strings.TrimPrefix(waitURL(t, stderr.String), "http://")

	// cutOff sends start, then dribbles one byte of more every 50 ms, and returns how long the
	// server took to close the connection (or fails after 6 s).
	cutOff := func(start, more string) time.Duration {
		t.Helper()
		conn, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		begin := time.Now()
		io.WriteString(conn, start)
		stop := make(chan struct{})
		defer close(stop)
		go func() {
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				case <-time.After(50 * time.Millisecond):
				}
				if _, err := conn.Write([]byte{more[i%len(more)]}); err != nil {
					return
				}
			}
		}()
		conn.SetReadDeadline(time.Now().Add(6 * time.Second))
		_, err = io.Copy(io.Discard, conn) // until the server closes (EOF, or a reset)
		if ne, ok := err.(net.Error); ok && ne.Timeout() {
			t.Fatalf("the server still holds the connection after 6 s")
		}
		return time.Since(begin)
	}
	if d := cutOff("GET /v1/openapi.json HTTP/1.1\r\nHost: motcua\r\n", "X-Slow: aaaaaaaaaa"); d < to.readHeader/2 || d > to.readHeader+slack {
		t.Errorf("a client dribbling its headers was cut off after %s, want about %s", d, to.readHeader)
	}
	if d := cutOff("POST /v1/dossiers HTTP/1.1\r\nHost: motcua\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{", " "); d < to.read*3/4 || d > to.read+slack {
		t.Errorf("a client dribbling its body was cut off after %s, want about %s", d, to.read)
	}

	// A client within the limits is served; its connection, left idle, is closed.
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	io.WriteString(conn, "GET /v1/openapi.json HTTP/1.1\r\nHost: motcua\r\n\r\n")
	r := bufio.NewReader(conn)
	res, err := http.ReadResponse(r, nil)
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("a client within the limits: %v %v", res, err)
	}
	io.Copy(io.Discard, res.Body)
	res.Body.Close()
	begin := time.Now()
	conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	if _, err := r.ReadByte(); err != io.EOF {
		t.Errorf("an idle connection: %v, want EOF", err)
	}
	if d := time.Since(begin); d < to.idle/2 || d > to.idle+slack {
		t.Errorf("an idle connection was closed after %s, want about %s", d, to.idle)
	}
}
