package cli

import (
	"path/filepath"

	"corepath/storage"
	"corepath/tracker"
)

var cmdBackup = &command{
	name: "backup", args: "[-o FILE]",
	summary: "Write a consistent copy of the store, even while the app is open (default: the backups folder).",
	setup: func(c *ctx) func() error {
		out := c.fs.String("o", "", "write the backup to `FILE`")
		return func() error {
			if err := c.needArgs(0, ""); err != nil {
				return err
			}
			db, err := c.store()
			if err != nil {
				return err
			}
			path := *out
			if path == "" {
				path = filepath.Join(db.BackupDir(), "corepath-manual-"+c.Now().Format("20060102-150405")+".db")
			}
			if err := db.Backup(path); err != nil {
				return err
			}
			c.out("Backed up %s to %s\n", db.Path(), path)
			return nil
		}
	},
}

var cmdRestore = &command{
	name: "restore", args: "FILE",
	summary: "Replace the store with a backup, after checking it; the current store is backed up (or, if damaged, kept aside) first.",
	setup: func(c *ctx) func() error {
		return func() error {
			if err := c.needArgs(1, "the backup FILE to restore"); err != nil {
				return err
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
			c.out("Restored %s from %s\n", res.RestoredTo, c.args[0])
			return nil
		}
	},
}

var cmdCheck = &command{
	name: "check", args: "",
	summary: "Read every record of the store and say whether it is sound; if not, what is damaged and the backup to restore.",
	setup: func(c *ctx) func() error {
		return func() error {
			if err := c.needArgs(0, ""); err != nil {
				return err
			}
			db, err := c.store()
			if err != nil {
				return err
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
	},
}
