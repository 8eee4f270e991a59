package pgstore_test

import (
	"runtime"
	"time"

	"github.com/motcua-go/motcua/calendar"
	"github.com/rickb777/date/v2"
)

func dateOf(t time.Time) date.Date { return date.NewAt(t.In(calendar.Zone())) }

func runtimeProcs() int { return runtime.GOMAXPROCS(0) }
