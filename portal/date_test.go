package portal_test

import (
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/motcua-go/motcua/portal"
)

// Dates are written at UTC+7 whatever the zone of the instant: the same instant in any
// zone gives the same text.
func TestDateIsVietnamTime(t *testing.T) {
	instant := time.Date(2026, time.March, 10, 16, 59, 30, 999_000_000, time.UTC) // 23:59:30 in Hà Nội
	zones := []*time.Location{time.UTC, time.FixedZone("UTC-10", -10*3600), time.FixedZone("UTC+14", 14*3600),
		time.FixedZone("UTC+7", 7*3600), time.FixedZone("UTC+5:45", 5*3600+45*60)}
	for _, name := range []string{"America/New_York", "Asia/Tokyo", "Asia/Ho_Chi_Minh"} {
		if loc, err := time.LoadLocation(name); err == nil {
			zones = append(zones, loc)
		}
	}
	for _, z := range zones {
		if got := portal.Date(instant.In(z)); got != "20260310235930" {
			t.Errorf("Date in %s = %q, want 20260310235930", z, got)
		}
	}
	// The day changes at midnight in Vietnam, not in UTC.
	if got := portal.Date(time.Date(2026, time.December, 31, 17, 0, 0, 0, time.UTC)); got != "20270101000000" {
		t.Errorf("new year in Vietnam: %q", got)
	}
	if got := portal.Date(time.Time{}); got != "" {
		t.Errorf("the zero time: %q, want empty", got)
	}
}

// TestGoldenInOtherZones runs the golden test again in subprocesses whose host zone is not
// Vietnam's (TZ set to zones west and east of it, and UTC): the records must not change.
func TestGoldenInOtherZones(t *testing.T) {
	if os.Getenv("MOTCUA_PORTAL_CHILD") != "" {
		t.Skip("in the subprocess")
	}
	if testing.Short() || *update {
		t.Skip("subprocesses (and nothing to compare while the golden files are rewritten)")
	}
	for _, tz := range []string{"America/Los_Angeles", "Pacific/Kiritimati", "UTC"} {
		cmd := exec.Command(os.Args[0], "-test.run=^(TestGoldenQuickstart|TestHostZone)$", "-test.count=1", "-test.v")
		cmd.Env = append(os.Environ(), "TZ="+tz, "MOTCUA_PORTAL_CHILD="+tz)
		out, err := cmd.CombinedOutput()
		if err != nil || !strings.Contains(string(out), "--- PASS: TestGoldenQuickstart") {
			t.Errorf("TZ=%s: %v\n%s", tz, err, out)
		}
	}
}

// TestHostZone checks, in the subprocesses of TestGoldenInOtherZones, that the host's zone
// really is the one asked, so that the golden test ran under it.
func TestHostZone(t *testing.T) {
	tz := os.Getenv("MOTCUA_PORTAL_CHILD")
	if tz == "" {
		t.Skip("only in the subprocesses")
	}
	_, off := time.Date(2026, time.March, 10, 12, 0, 0, 0, time.Local).Zone()
	want := map[string]int{"America/Los_Angeles": -7 * 3600, "Pacific/Kiritimati": 14 * 3600, "UTC": 0}[tz]
	if _, err := time.LoadLocation(tz); err != nil {
		t.Skipf("the host has no zone data for %s: %v", tz, err)
	}
	if off != want {
		t.Fatalf("TZ=%s gives the offset %d s, want %d s", tz, off, want)
	}
}
