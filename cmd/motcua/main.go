package main

import (
	"context"
	"os"

	"github.com/motcua-go/motcua/cmd/motcua/internal/cli"
)

func main() {
	os.Exit(cli.Main(context.Background(), os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
