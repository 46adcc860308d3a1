// Command corepath is the Corepath study tracker: with no command it opens the desktop app,
// otherwise it runs the command line. Both use the same store.
package main

import (
	"fmt"
	"os"

	fyneapp "fyne.io/fyne/v2/app"

	"corepath/app"
	"corepath/cli"
	"corepath/resources"
	"corepath/storage"
)

// version is stamped by the release build (-ldflags "-X main.version=...").
var version = "dev"

func main() {
	env := cli.DefaultEnv(version)
	env.GUI = runGUI
	os.Exit(cli.Run(os.Args[1:], env))
}

// runGUI opens the desktop app over the store in dir.
func runGUI(dir string) int {
	a := fyneapp.NewWithID(cli.AppID)
	db, err := storage.Open(dir, storage.Options{Seed: resources.DefaultPlan})
	if err != nil {
		fmt.Fprintf(os.Stderr, "corepath: %v\n", err)
		app.ShowFatal(a, err)
		return 1
	}
	app.New(a, db, app.Options{}).ShowAndRun()
	return 0
}
