// Command gen writes the lunar package's table of lunar years (table_gen.go) from the astronomy of
// package astro and the calendar rules of package reckon. Run it with go generate in calendar/lunar.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/motcua-go/motcua/calendar/lunar/internal/reckon"
)

func main() {
	out := flag.String("o", "table_gen.go", "output file")
	from := flag.Int("from", reckon.TableFirst, "first lunar year")
	to := flag.Int("to", reckon.TableLast, "last lunar year")
	flag.Parse()
	src, err := reckon.Table("lunar", *from, *to)
	if err == nil {
		err = os.WriteFile(*out, src, 0o644)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}
