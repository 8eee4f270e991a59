package httpapi_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/motcua-go/motcua/httpapi"
)

// The browser of the page tests: Debian's Chromium (MOTCUA_CHROMIUM, else /usr/bin/chromium),
// started once per test binary on first use and stopped by TestMain (chromedp's own tests
// share one browser the same way, chromedp_test.go).
var (
	browserOnce   sync.Once
	browserCtx    context.Context
	browserErr    error
	browserCancel = func() {}
)

// stopAfterTests are run after the tests: they stop what the tests started on first use
// (the browser, the PostgreSQL cluster of the load tests).
var stopAfterTests = []func(){func() { browserCancel() }}

func TestMain(m *testing.M) {
	code := m.Run()
	for _, stop := range stopAfterTests {
		stop()
	}
	os.Exit(code)
}

// browser returns the shared browser, or skips the test (fails it when
// MOTCUA_REQUIRE_BROWSER=1) when there is none.
func browser(t *testing.T) context.Context {
	t.Helper()
	browserOnce.Do(func() {
		path := os.Getenv("MOTCUA_CHROMIUM")
		if path == "" {
			path = "/usr/bin/chromium"
		}
		if _, err := os.Stat(path); err != nil {
			browserErr = err
			return
		}
		// Append to the defaults (headless among them); no sandbox, as CI runs as root.
		opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(path), chromedp.NoSandbox,
			chromedp.Flag("disable-dev-shm-usage", true))
		alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
		ctx, cancelCtx := chromedp.NewContext(alloc)
		// Start the browser on ctx itself: a browser started on a context with a deadline
		// ends with that context.
		if err := chromedp.Do(ctx); err != nil {
			browserErr = err
			cancelCtx()
			cancelAlloc()
			return
		}
		browserCtx, browserCancel = ctx, func() { cancelCtx(); cancelAlloc() }
	})
	if browserErr != nil {
		if os.Getenv("MOTCUA_REQUIRE_BROWSER") == "1" {
			t.Fatalf("MOTCUA_REQUIRE_BROWSER=1 but no browser: %v (apt-get install -y chromium, or set MOTCUA_CHROMIUM)", browserErr)
		}
		t.Skipf("no browser (%v): install Debian's chromium (apt-get install -y chromium) or set MOTCUA_CHROMIUM to run the page tests", browserErr)
	}
	return browserCtx
}

// tab opens a tab of the shared browser with a deadline: chromedp's queries wait for a
// match forever (chromedp#593).
func tab(t *testing.T, noScript bool) context.Context {
	t.Helper()
	ctx, cancel := chromedp.NewContext(browser(t))
	t.Cleanup(cancel)
	ctx, cancelT := context.WithTimeout(ctx, 30*time.Second)
	t.Cleanup(cancelT)
	if err := chromedp.Do(ctx); err != nil { // opens the tab
		t.Fatal(err)
	}
	if noScript {
		if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
			t.Fatal(err)
		}
	}
	return ctx
}

// TestLookupPageInBrowser types a code into the page in a browser with JavaScript off,
// submits it and reads the answer; then a malformed and an unknown code.
func TestLookupPageInBrowser(t *testing.T) {
	f := newFixture(t, func(c *httpapi.Config) { c.NoLookupLimit = true })
	code := f.intake("1.004873") // certificate of marital status, 3 working days
	f.clock.Set(at(10, 9, 5))
	for _, step := range []struct{ path, key, body string }{
		{"transfer", keyClerk, ""},
		{"start", keyCivil, ""},
		{"apology", keyCivil, `{"reason":"cần xác minh nơi cư trú trước đây","new_due":"2026-03-17T10:00:00+07:00"}`},
	} {
		if res := f.do(request{method: "POST", path: "/v1/dossiers/" + code + "/" + step.path, key: step.key, body: step.body}); res.status != 200 {
			t.Fatalf("%s: %d %s", step.path, res.status, res.body)
		}
	}
	// Mounted under a prefix, as an embedder may: the form posts back to the page it is on.
	ts := httptest.NewServer(http.StripPrefix("/mot-cua", f.srv))
	defer ts.Close()
	page := ts.URL + "/mot-cua/tra-cuu"
	ctx := tab(t, true)

	if err := chromedp.Do(ctx,
		chromedp.Navigate(page),
		chromedp.WaitVisible(chromedp.ID("ma")),
		chromedp.SendKeys(chromedp.ID("ma"), "  "+strings.ToLower(code)+" "),
		chromedp.Click(chromedp.ID("tra-cuu")),
		chromedp.WaitVisible(chromedp.ID("ket-qua")),
	); err != nil {
		t.Fatal(err)
	}
	text := func(id string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Text(chromedp.ID(id)))
		if err != nil {
			t.Fatalf("#%s: %v", id, err)
		}
		return s
	}
	number, procedure, state, holder := text("ma-ho-so"), text("thu-tuc"), text("trang-thai"), text("noi-giu")
	due, firstDue, steps := text("hen-tra"), text("hen-dau"), text("cac-buoc")
	for _, c := range []struct{ name, got, want string }{
		{"code", number, code},
		{"procedure", procedure, "1.004873"},
		{"state", state, "xử lý"},
		{"holder", holder, "000.00.31.H49"},
		{"new appointment", due, "10:00, ngày 17/03/2026"},
		{"re-appointment said plainly", due, "hẹn lại"},
		{"first appointment", firstDue, "/03/2026"},
		{"steps with deadlines", steps, "Hạn: "},
	} {
		if !strings.Contains(c.got, c.want) {
			t.Errorf("%s: %q does not hold %q", c.name, c.got, c.want)
		}
	}

	for _, c := range []struct{ typed, want string }{
		{"không phải mã", "Mã hồ sơ không đúng dạng"},
		{"000.00.31.H49-260310-0099", "Không tìm thấy hồ sơ"},
	} {
		if err := chromedp.Do(ctx,
			chromedp.Navigate(page),
			chromedp.WaitVisible(chromedp.ID("ma")),
			chromedp.SendKeys(chromedp.ID("ma"), c.typed),
			chromedp.Submit(chromedp.ID("ma")),
			chromedp.WaitVisible(chromedp.ID("loi")),
		); err != nil {
			t.Fatalf("%q: %v", c.typed, err)
		}
		msg := text("loi")
		results, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("main")))
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(results, "Hẹn trả") {
			t.Errorf("%q: the page shows a dossier: %q", c.typed, results)
		}
		if !strings.Contains(msg, c.want) {
			t.Errorf("%q: message %q, want %q", c.typed, msg, c.want)
		}
	}
}

// TestLookupPageOnAPhone: on a phone's screen the page does not scroll sideways and its
// field and button are large enough to touch (at least 48 CSS pixels high).
func TestLookupPageOnAPhone(t *testing.T) {
	f := newFixture(t, func(c *httpapi.Config) { c.NoLookupLimit = true })
	code := f.intake("1.001193")
	ts := httptest.NewServer(f.srv)
	defer ts.Close()
	for _, screen := range []struct {
		name          string
		width, height int64
		mobile        bool
	}{
		{"phone", 360, 740, true},
		{"kiosk", 1080, 1920, false},
	} {
		t.Run(screen.name, func(t *testing.T) {
			ctx := tab(t, false)
			opts := []chromedp.EmulateViewportOption{}
			if screen.mobile {
				opts = append(opts, chromedp.EmulateMobile, chromedp.EmulateTouch)
			}
			if err := chromedp.Do(ctx,
				chromedp.EmulateViewport(screen.width, screen.height, opts...),
				chromedp.Navigate(ts.URL+"/tra-cuu?ma="+code),
				chromedp.WaitVisible(chromedp.ID("ket-qua")),
			); err != nil {
				t.Fatal(err)
			}
			overflow, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > document.documentElement.clientWidth`))
			if err != nil {
				t.Fatal(err)
			}
			button, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`document.getElementById("tra-cuu").getBoundingClientRect().height`))
			if err != nil {
				t.Fatal(err)
			}
			field, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`document.getElementById("ma").getBoundingClientRect().height`))
			if err != nil {
				t.Fatal(err)
			}
			if overflow || button < 48 || field < 48 {
				t.Errorf("sideways scroll %v, button %.0f px, field %.0f px high; want no scroll and ≥ 48 px", overflow, button, field)
			}
		})
	}
}
