package pgstore_test

import (
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/motcua-go/motcua/calendar"
	"github.com/rickb777/date/v2"
)

func dateOf(t time.Time) date.Date { return date.NewAt(t.In(calendar.Zone())) }

func runtimeProcs() int { return runtime.GOMAXPROCS(0) }

// containsParam reports whether the SQL text q uses the parameter $n.
func containsParam(q string, n int) bool { return strings.Contains(q, "$"+strconv.Itoa(n)) }
