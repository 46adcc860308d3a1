// Command corepath is the Corepath study tracker: the command line, and (with no arguments)
// the desktop app.
package main

import (
	"os"

	"corepath/cli"
)

// version is stamped by the release build (-ldflags "-X main.version=...").
var version = "dev"

func main() {
	os.Exit(cli.Run(os.Args[1:], cli.DefaultEnv(version)))
}
