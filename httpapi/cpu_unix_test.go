//go:build unix

package httpapi_test

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time (user and system) this process has used: the load test's server
// and clients together.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
