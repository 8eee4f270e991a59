package cli

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/motcua-go/motcua/calendar"
	"github.com/motcua-go/motcua/dossier"
	"github.com/motcua-go/motcua/httpapi"
	"github.com/motcua-go/motcua/internal/msg"
	"github.com/motcua-go/motcua/onestop"
	"github.com/motcua-go/motcua/pgstore"
	"github.com/motcua-go/motcua/routing"
)

// timeouts are the server's limits in time (http.Server's fields of the same names).
type timeouts struct {
	readHeader, read, write, idle, shutdown time.Duration
}

// serveTimeouts are the timeouts of motcua serve: a client gets 10 s to send its headers
// (a client that dribbles them is cut off: slowloris), 30 s for the whole request and 60 s
// for the response; an idle keep-alive connection is closed after 2 minutes; a stopping
// server lets the requests under way finish for 15 s.
func serveTimeouts() timeouts {
	return timeouts{readHeader: 10 * time.Second, read: 30 * time.Second, write: 60 * time.Second,
		idle: 2 * time.Minute, shutdown: 15 * time.Second}
}

// maxHeaderBytes is the largest request header the server reads.
const maxHeaderBytes = 64 << 10

// sampleDesk is the desk of the sample data: the public administration service centre of
// the Vân Đồn special zone (Quảng Ninh).
const sampleDesk = "000.00.31.H49"

func runServe(e *env, args []string) error { return serve(e, args, serveTimeouts()) }

// serve is runServe with the timeouts to, which tests shorten.
func serve(e *env, args []string, to timeouts) error {
	f := newFlags(e, "serve", "",
		e.t("Phục vụ một văn phòng một cửa qua HTTP: các lệnh của bộ phận một cửa và cơ quan dưới /v1/ (cần khóa API,\n"+
			"--keys), tra cứu công khai (JSON, SMS và trang /tra-cuu) và lịch làm việc; tài liệu OpenAPI ở\n"+
			"/v1/openapi.json. Dừng gọn khi nhận SIGTERM hoặc Ctrl-C. Mỗi yêu cầu một dòng nhật ký trên stderr\n"+
			"(phương thức, mẫu đường dẫn, mã trạng thái, thời gian), không có dữ liệu cá nhân.\n"+
			"Tệp --keys: {\"clients\": [{\"client\": \"quay-1\", \"sha256\": \"<sha256 của khóa>\", \"actor\": {\"id\": \"…\",\n"+
			"\"role\": \"clerk\", \"agency\": \"000.00.31.H49\"}}]} (sha256 của khóa: printf %s \"$KHOA\" | sha256sum).\n"+
			"Với --store postgres://…, máy chủ giữ các hồ sơ đã đọc và trả lời tra cứu từ bộ nhớ, không hỏi cơ sở dữ liệu,\n"+
			"trong khi một kết nối riêng nghe thông báo của mọi lần ghi (LISTEN motcua_dossiers, pgstore.Options.Listen);\n"+
			"mất kết nối đó thì hỏi lại cơ sở dữ liệu mỗi lần cho đến khi nghe lại được. --listen=false: luôn hỏi.",
			"Serve a one-stop office over HTTP: the desk's and the agencies' commands under /v1/ (an API key is\n"+
				"needed, --keys), the public lookup (JSON, SMS and the /tra-cuu page) and the working calendar;\n"+
				"the OpenAPI document is at /v1/openapi.json. Stops cleanly on SIGTERM or Ctrl-C. One log line per\n"+
				"request on stderr (method, route pattern, status, duration), nothing personal.\n"+
				"A --keys file: {\"clients\": [{\"client\": \"desk-1\", \"sha256\": \"<the key's sha256>\", \"actor\": {\"id\": \"…\",\n"+
				"\"role\": \"clerk\", \"agency\": \"000.00.31.H49\"}}]} (the key's sha256: printf %s \"$KEY\" | sha256sum).\n"+
				"With --store postgres://…, the server keeps the dossiers it has read and answers lookups from memory,\n"+
				"without asking the database, while a connection of its own listens for the notice of every write\n"+
				"(LISTEN motcua_dossiers, pgstore.Options.Listen); while that connection is lost it asks the database\n"+
				"every time, until it listens again. --listen=false: always ask."),
		"  motcua serve --addr 127.0.0.1:8080 --keys keys.json\n"+
			"  motcua serve --store postgres://motcua@localhost/motcua --desk 000.00.31.H49 --keys keys.json\n"+
			"  motcua serve --clock 2026-03-10T09:00:00+07:00   # "+e.t("đồng hồ giả, đứng yên, để thử", "a fake clock, standing still, for trials"))
	addr := f.String("addr", "127.0.0.1:8080", e.t("địa chỉ lắng nghe (host:port; :0 chọn cổng trống)", "address to listen on (host:port; :0 picks a free port)"))
	store := f.String("store", "memory", e.t("nơi lưu hồ sơ: memory (trong bộ nhớ, mất khi dừng) hoặc postgres://… (PostgreSQL)", "where dossiers are kept: memory (lost when the server stops) or postgres://… (PostgreSQL)"))
	desk := f.String("desk", sampleDesk, e.t("mã QCVN 102 của bộ phận một cửa", "QCVN 102 code of the one-stop desk"))
	keysPath := f.String("keys", "", e.t("tệp khóa API của các máy khách (không có: mọi lệnh bị từ chối 401)", "file of the clients' API keys (none: every command is refused with 401)"))
	catPath := f.String("catalog", "", e.t("tệp hoặc thư mục danh mục (mặc định: danh mục mẫu)", "catalog file or folder (default: the sample catalog)"))
	calPath := f.String("calendar", "", e.t("tệp lịch nghỉ (CSV hoặc JSON) thêm vào lịch mặc định", "schedule file of days off (CSV or JSON) added to the default calendar"))
	ipHeader := f.String("client-ip-header", "", e.t("sau một proxy ngược: tiêu đề proxy đặt địa chỉ người dùng (ví dụ X-Real-IP), để giới hạn tra cứu theo từng người", "behind a reverse proxy: the header in which it sets the client's address (e.g. X-Real-IP), to limit lookups per client"))
	listen := f.Bool("listen", true, e.t("với PostgreSQL: trả lời tra cứu từ bộ nhớ trong khi nghe thông báo ghi (false: luôn hỏi cơ sở dữ liệu)", "with PostgreSQL: answer lookups from memory while listening for the notices of writes (false: always ask the database)"))
	clock := f.String("clock", "real", e.t("real (giờ thật) hoặc một thời điểm RFC 3339: đồng hồ giả đứng yên ở đó", "real (the real time) or an RFC 3339 instant: a fake clock standing still there"))
	if err := f.parse(args); err != nil {
		return err
	}
	if err := f.noArgs(); err != nil {
		return err
	}
	if !dossier.ValidUnitCode(*desk) {
		return usagef("--desk %s không phải mã QCVN 102 (ví dụ 000.00.31.H49)", "--desk %s is not a QCVN 102 code (e.g. 000.00.31.H49)", msg.Quote(*desk))
	}
	var clk onestop.Clock = onestop.ClockFunc(time.Now)
	if *clock != "real" {
		t, err := instantFlag("clock", *clock)
		if err != nil {
			return err
		}
		clk = onestop.NewFakeClock(t)
	}
	if *store != "memory" && !strings.HasPrefix(*store, "postgres://") && !strings.HasPrefix(*store, "postgresql://") {
		return usagef("--store chỉ nhận memory hoặc postgres://…", "--store takes only memory or postgres://…")
	}
	var keys []httpapi.Key
	if *keysPath != "" {
		data, err := readData("keys", *keysPath)
		if err != nil {
			return err
		}
		if keys, err = httpapi.ParseKeys(data); err != nil {
			return failf("tệp khóa %s không hợp lệ: %s", "key file %s is not valid: %s", msg.Quote(*keysPath), err.Error())
		}
	}
	cal, err := calendarFor(*calPath, calendar.WorkingTime)
	if err != nil {
		return err
	}
	cat, err := catalogFor(*catPath)
	if err != nil {
		return err
	}

	ctx, stop := signal.NotifyContext(e.ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	cfg := onestop.Config{Desk: *desk, Catalog: cat, Calendar: cal, Clock: clk,
		Routes: routing.SampleSet(), Directory: routing.SampleDirectory()}
	if *store != "memory" {
		pool, err := pgxpool.New(ctx, *store)
		if err != nil {
			return failf("--store: địa chỉ PostgreSQL không đọc được", "--store: the PostgreSQL address cannot be read")
		}
		defer pool.Close()
		if err := pool.Ping(ctx); err != nil {
			return failf("không kết nối được PostgreSQL (--store)", "cannot connect to PostgreSQL (--store)")
		}
		if err := pgstore.Migrate(ctx, pool); err != nil {
			return fail(err, "cập nhật lược đồ PostgreSQL", "migrating the PostgreSQL schema")
		}
		st := pgstore.New(pool, pgstore.Options{Listen: *listen})
		defer st.Close() // before the pool closes
		cfg.Store = st
	}
	office, err := onestop.New(cfg)
	if err != nil {
		return fail(err, "", "")
	}
	log := slog.New(slog.NewTextHandler(e.stderr, nil))
	apiCfg := httpapi.Config{Office: office, Calendar: cal, Keys: keys, Log: log}
	if *ipHeader != "" {
		apiCfg.ClientAddr = httpapi.ClientAddrHeader(*ipHeader)
	}
	api, err := httpapi.New(apiCfg)
	if err != nil {
		return fail(err, "", "")
	}

	ln, err := (&net.ListenConfig{}).Listen(ctx, "tcp", *addr)
	if err != nil {
		return failf("không lắng nghe được ở %s", "cannot listen on %s", msg.Quote(*addr))
	}
	srv := &http.Server{Handler: api, ReadHeaderTimeout: to.readHeader, ReadTimeout: to.read,
		WriteTimeout: to.write, IdleTimeout: to.idle, MaxHeaderBytes: maxHeaderBytes,
		ErrorLog: slog.NewLogLogger(log.Handler(), slog.LevelWarn)}
	storeName := "memory"
	if *store != "memory" {
		storeName = "postgres"
		if *listen {
			storeName = "postgres+listen"
		}
	}
	log.Info("listening", "url", "http://"+ln.Addr().String(), "desk", *desk, "store", storeName, "clients", len(keys))
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return failf("máy chủ dừng: %s", "the server stopped: %s", msg.Clip(err.Error()))
	case <-ctx.Done():
	}
	log.Info("stopping: finishing the requests under way")
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), to.shutdown)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		srv.Close()
		return failf("các yêu cầu chưa xong sau %s; đã đóng kết nối", "requests still under way after %s; connections closed", to.shutdown)
	}
	if err := <-done; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return failf("máy chủ dừng: %s", "the server stopped: %s", msg.Clip(err.Error()))
	}
	log.Info("stopped")
	return nil
}
