package cli

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// TestPythonSuite runs test_deadlines.py against a motcua built from this tree.
func TestPythonSuite(t *testing.T) {
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 is not installed: the Python suite of examples/cli is not run here (.ci/run runs it)")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		goTool = "/usr/local/go/bin/go"
		if _, err := os.Stat(goTool); err != nil {
			t.Skip("the go command is not found: cannot build motcua for the Python suite")
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	bin := filepath.Join(t.TempDir(), "motcua")
	build := exec.CommandContext(ctx, goTool, "build", "-o", bin, "../../cmd/motcua")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build ./cmd/motcua: %v\n%s", err, out)
	}
	cmd := exec.CommandContext(ctx, python, "-m", "unittest", "discover", "-s", ".", "-p", "test_*.py", "-v")
	cmd.Env = append(os.Environ(), "MOTCUA="+bin)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("the Python suite failed: %v\n%s", err, out)
	}
	t.Logf("%s", out)
}
