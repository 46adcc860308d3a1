package cli

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"corepath/exchange"
	"corepath/storage"
	"corepath/tracker"
)

var cmdBackup = &command{
	name: "backup", args: "[-o FILE]",
	summary: "Write a consistent copy of the store, even while the app is open (default: the backups folder).",
	options: func() commandOptions { return &backupOptions{} },
}

// backupOptions are the flags of corepath backup.
type backupOptions struct {
	out string
}

func (o *backupOptions) addFlags(fs *flag.FlagSet) {
	fs.Func("o", "write the backup to `FILE`", nonEmpty(&o.out, "it is empty: give a file name, or leave -o out for the backups folder"))
}

func (o *backupOptions) run(c *ctx) error {
	if err := c.needArgs(0, ""); err != nil {
		return err
	}
	if o.out == "-" { // as export -o - means; a file named "-" is not what was asked for
		return usagef("-o - would write the backup to the standard output, but a backup is a file that restore checks and opens: give its name, like corepath-backup.db (%s export -o - writes your data to the standard output)", c.corepath())
	}
	db, err := c.store()
	if err != nil {
		return err
	}
	path := o.out
	if path == "" {
		path, err = db.ManualBackup()
	} else if err = newFileIn(path); err == nil {
		err = db.Backup(path)
	}
	if err != nil {
		return err
	}
	c.out("Backed up %s to %s\n", db.Path(), path)
	return nil
}

var cmdRestore = &command{
	name: "restore", args: "FILE",
	summary: "Replace the store with a backup, after checking it; the current store is backed up (or, if damaged, kept aside) first.",
	options: func() commandOptions { return &restoreOptions{} },
}

// restoreOptions: corepath restore has no flags of its own.
type restoreOptions struct{}

func (*restoreOptions) addFlags(*flag.FlagSet) {}

func (*restoreOptions) run(c *ctx) error {
	if err := c.needArgs(1, "the backup FILE to restore"); err != nil {
		return err
	}
	if format := exchange.Identify(c.args[0]); format != "" {
		what := "a " + exchange.Label(format) + " file"
		if format == exchange.Corepath {
			what = "a Corepath export"
		}
		return tracker.Errorf(tracker.Invalid, "%s is %s, not a backup: add what it holds to this store with %s import %s (a backup is a .db file, like those corepath backup writes)",
			c.args[0], what, c.corepath(), shellQuote(c.args[0]))
	}
	// The current store may be damaged, so restore works on the folder, not on an
	// opened store.
	dir, err := DataDir(c.data, c.Getenv)
	if err != nil {
		return err
	}
	res, err := storage.Restore(dir, c.args[0], storage.Options{Now: c.Now})
	if err != nil {
		return err
	}
	if res.Backup != "" {
		c.out("Backed up the store it replaced to %s\n", res.Backup)
	}
	if res.DamagedAs != "" {
		c.out("Moved the damaged store aside, unchanged, to %s\n", res.DamagedAs)
	}
	c.out("Restored %s from %s, %s\n", res.RestoredTo, c.args[0], res.Counts())
	if len(res.NotInBackup) > 0 {
		var days []string
		for _, d := range res.NotInBackup {
			days = append(days, fmt.Sprintf("%s %s (the backup %s)", d.Day, tracker.FormatDuration(d.Store), tracker.FormatDuration(d.Backup)))
		}
		c.out("Note: the damaged store counted more study than the backup on %s: %s; log those sessions again (%s sessions --from DAY lists what the backup has)\n",
			tracker.CountOf(len(days), "day", "days"), strings.Join(days, ", "), c.corepath())
	}
	if res.Backup != "" {
		c.out("To undo it: %s restore %s\n", c.corepath(), shellQuote(res.Backup))
	}
	if t := res.StoppedTimer; t != nil {
		start := t.Start.In(c.Loc).Format("2006-01-02 15:04")
		c.out("Note: the timer for %s, running since %s, is not in the backup, so it stopped without a session (the store backed up above still holds it); if you studied then, log it: %s log DURATION --at %q --topic %q\n",
			res.StoppedTopic, start, c.corepath(), start, res.StoppedTopic)
	}
	return nil
}

var cmdCheck = &command{
	name: "check", args: "[--drop-damaged]",
	summary: "Read every record of the store and say whether it is sound; if not, what is damaged and the backup to restore.",
	options: func() commandOptions { return &checkOptions{} },
}

// checkOptions are the flags of corepath check.
type checkOptions struct {
	dropDamaged bool
}

func (o *checkOptions) addFlags(fs *flag.FlagSet) {
	fs.BoolVar(&o.dropDamaged, "drop-damaged", false, "when only sessions are damaged: keep the damaged file aside and remove only the sessions that cannot be read (restoring a backup loses what it lacks instead)")
}

func (o *checkOptions) run(c *ctx) error {
	if err := c.needArgs(0, ""); err != nil {
		return err
	}
	db, err := c.store()
	if err != nil {
		return err
	}
	if o.dropDamaged {
		res, err := db.DropDamagedSessions()
		if err != nil {
			return err
		}
		c.out("Kept the damaged file, unchanged, as %s\n", res.Original)
		c.out("Removed %s that could not be read; %s are left, and the store is sound.\n",
			tracker.CountOf(res.Dropped, "damaged session", "damaged sessions"), tracker.CountOf(res.Kept, "session", "sessions"))
		return nil
	}
	n, err := db.Check()
	if err != nil {
		return err
	}
	c.out("%s is sound: %s, the plan and the timer read back whole.\n", db.Path(), tracker.CountOf(n, "session", "sessions"))
	rebuilt, err := db.CheckTotals()
	if err != nil {
		return err
	}
	if rebuilt {
		c.out("The report's totals did not match the sessions (or were kept in another time zone); they were rebuilt from them.\n")
	}
	return nil
}

// newFileIn refuses a backup's -o that names a file already there (perhaps the one good
// backup) or a folder that does not exist (a mistyped path would make one).
func newFileIn(path string) error {
	if info, err := os.Stat(path); err == nil && !info.IsDir() {
		return tracker.Errorf(tracker.Conflict, "%s already exists, and corepath backup does not replace a file: give a new name, or remove that file first", path)
	}
	if info, err := os.Stat(filepath.Dir(path)); err != nil || !info.IsDir() {
		return tracker.Errorf(tracker.NotFound, "there is no folder %s to write %s in: create it first, or give another place", filepath.Dir(path), filepath.Base(path))
	}
	return nil
}
