package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"corepath/replica"
	"corepath/storage"
	"corepath/tracker"
)

// SyncStore is the store as sync sees it (package replica), for the app, which never imports
// storage itself.
func SyncStore(db *storage.DB) replica.Store { return syncStore{db} }

type syncStore struct{ db *storage.DB }

func (s syncStore) Exchange(fn func(replica.Tx) error) error {
	return s.db.SyncExchange(func(tx *storage.SyncTx) error { return fn(syncTx{tx}) })
}

func (s syncStore) View(fn func(replica.Tx) error) error {
	return s.db.SyncView(func(tx *storage.SyncTx) error { return fn(syncTx{tx}) })
}

type syncTx struct{ *storage.SyncTx }

func (t syncTx) Local() replica.KV { return t.SyncTx.Local() }

// SyncOptions are this machine's side of sync for the store in dataDir: the instance is the
// host name and the data folder, so that a copied data folder is told apart.
func SyncOptions(dataDir string, now func() time.Time) replica.Options {
	host, _ := os.Hostname()
	abs, err := filepath.Abs(dataDir)
	if err != nil {
		abs = dataDir
	}
	return replica.Options{Now: now, Instance: host + ":" + abs, Schema: storage.SchemaVersion(), DataDir: abs}
}

// syncing runs a sync for the command that opened the store: merge first, when it opens it, and
// put the change in the folder after each write. A command works on its own store whatever the
// folder does: what goes wrong is a warning.
func (c *ctx) syncing(when string) {
	if c.db == nil || !c.syncOn || c.cmd.name == "sync" { // the sync command syncs itself
		return
	}
	rep, err := replica.Sync(SyncStore(c.db), SyncOptions(c.db.Dir(), c.Now))
	if err != nil {
		fmt.Fprintf(c.Stderr, "corepath: warning: sync %s failed: %v\n", when, err)
		return
	}
	c.warnSync(&rep)
}

// errSyncFirst stops a transaction of synced that finds sync on, before it does anything.
var errSyncFirst = errors.New("sync first")

// synced runs fn in one transaction of in (db.Batch for a write, db.Snapshot for reads) that
// first asks whether sync is on: when it is not (the common case), the command opens the store
// once; when it is, the transaction stops before fn, the store syncs as every command's does,
// and fn runs in a transaction of its own. The command must have set syncInBatch before
// opening the store.
func (c *ctx) synced(in func(func(tracker.Store) error) error, fn func(tracker.Store) error) error {
	err := in(func(st tracker.Store) error {
		if on, err := replica.Enabled(SyncStore(st.(*storage.DB))); err == nil && on {
			return errSyncFirst
		}
		return fn(st)
	})
	if !errors.Is(err, errSyncFirst) {
		return err
	}
	c.syncOn = true
	c.syncing("before the command")
	return in(fn)
}

func (c *ctx) warnSync(rep *replica.Report) {
	for _, note := range rep.Notes {
		fmt.Fprintf(c.Stderr, "corepath: sync: %s\n", note)
	}
	for _, k := range rep.Conflicts {
		fmt.Fprintf(c.Stderr, "corepath: sync conflict: %s\n", conflictLine(&k, c.Loc))
	}
	if rep.Pending > 0 {
		fmt.Fprintf(c.Stderr, "corepath: sync: %s wait for the sync folder (corepath sync status says why)\n", tracker.CountOf(rep.Pending, "change", "changes"))
	}
}

func conflictLine(k *replica.Conflict, loc *time.Location) string {
	return fmt.Sprintf("%s, edited on %s at %s, lost to %s, edited on %s at %s",
		k.Lost, k.LostBy, k.LostAt.In(loc).Format("2006-01-02 15:04"), k.Kept, k.KeptBy, k.KeptAt.In(loc).Format("2006-01-02 15:04"))
}

var cmdSync = &command{
	name: "sync", args: "set DIR | off | status | now",
	summary: "Keep this store the same as on your other machines, through a folder that Syncthing, Nextcloud or Dropbox keeps in step: " +
		"\"set DIR\" turns it on, \"off\" turns it off, \"status\" shows the devices, the last merge and the conflicts, \"now\" syncs.",
	setup: func(c *ctx) func() error {
		name := c.fs.String("name", "", "with set: this device's `NAME` as the other devices show it (default: the host name)")
		asJSON := c.fs.Bool("json", false, "with status: print it as JSON")
		return func() error {
			if len(c.args) == 0 {
				return usagef("missing what to do: set DIR, off, status or now")
			}
			what := c.args[0]
			c.args = c.args[1:]
			want := 0
			if what == "set" {
				want = 1
			}
			if err := c.needArgs(want, "the sync folder DIR"); err != nil {
				return err
			}
			db, err := c.store()
			if err != nil {
				return err
			}
			st, opt := SyncStore(db), SyncOptions(db.Dir(), c.Now)
			switch what {
			case "set":
				return c.syncSet(st, opt, c.args[0], *name)
			case "off":
				if err := replica.Disable(st); err != nil {
					return err
				}
				c.out("Sync is off. This store and the sync folder are both whole; \"corepath sync set DIR\" turns it on again and merges what changed meanwhile.\n")
				return nil
			case "status":
				status, err := replica.ReadStatus(st)
				if err != nil {
					return err
				}
				if *asJSON {
					enc := json.NewEncoder(c.Stdout)
					enc.SetIndent("", "  ")
					return enc.Encode(status)
				}
				c.printSyncStatus(&status)
				return nil
			case "now":
				rep, err := replica.Sync(st, opt)
				if err != nil {
					return err
				}
				if rep.Off {
					return tracker.Errorf(tracker.NotFound, "sync is off for this store: turn it on with corepath sync set DIR")
				}
				c.printReport(&rep)
				return nil
			}
			return usagef("unknown sync action %q: set DIR, off, status or now", what)
		}
	},
}

func (c *ctx) syncSet(st replica.Store, opt replica.Options, dir, name string) error {
	if name == "" {
		if status, err := replica.ReadStatus(st); err == nil && status.Name == "" {
			name, _ = os.Hostname()
		}
	}
	rep, err := replica.Enable(st, dir, name, opt)
	if err != nil {
		return err
	}
	status, err := replica.ReadStatus(st)
	if err != nil {
		return err
	}
	c.out("Sync is on: this device, %s (id %s), writes its changes to %s and merges the other devices' files there.\n", status.Name, status.Device, status.Folder)
	c.printReport(&rep)
	return nil
}

func (c *ctx) printReport(rep *replica.Report) {
	c.out("Merged: %s. Sent: %s.\n", rep.Summary(), tracker.CountOf(rep.Sent, "change", "changes"))
	for _, note := range rep.Notes {
		c.out("Note: %s\n", note)
	}
	for _, k := range rep.Conflicts {
		c.out("Conflict: %s\n", conflictLine(&k, c.Loc))
	}
	for _, p := range rep.Problems {
		c.out("Problem: %s\n", p)
	}
}

func (c *ctx) printSyncStatus(s *replica.Status) {
	when := func(t time.Time) string { return t.In(c.Loc).Format("2006-01-02 15:04") }
	if !s.On {
		c.out("Sync is off.")
		if s.Device != "" {
			c.out(" This store synced as %s (id %s).", s.Name, s.Device)
		}
		c.out(" Turn it on with corepath sync set DIR.\n")
		return
	}
	c.out("Sync is on, through %s.\nThis device: %s (id %s)\n", s.Folder, s.Name, s.Device)
	if len(s.Devices) == 0 {
		c.out("Other devices: none yet (their files appear once the sync tool brings them)\n")
	} else {
		c.out("Other devices:\n")
		for _, d := range s.Devices {
			c.out("  %s (id %s): last wrote %s, merged %s\n", d.Name, d.ID, when(d.LastWrite), when(d.LastRead))
		}
	}
	if s.Last != nil {
		c.out("Last sync: %s: %s.\n", when(s.Last.At), s.Last.Summary())
	}
	if s.LastMerge != nil {
		from := ""
		if len(s.LastMerge.From) > 0 {
			from = " from " + strings.Join(deviceNames(s, s.LastMerge.From), ", ")
		}
		c.out("Last merge: %s%s: %s.\n", when(s.LastMerge.At), from, s.LastMerge.Summary())
	}
	if s.Pending > 0 {
		c.out("Waiting for the folder: %s.\n", tracker.CountOf(s.Pending, "change", "changes"))
	}
	if len(s.Conflicts) > 0 {
		c.out("Conflicts, newest first (the later edit was kept):\n")
		for _, k := range s.Conflicts {
			c.out("  %s: %s\n", when(k.At), conflictLine(&k, c.Loc))
		}
	}
	if s.Last != nil && len(s.Last.Problems) > 0 {
		c.out("Problems:\n")
		for _, p := range s.Last.Problems {
			c.out("  %s\n", p)
		}
	}
}

func deviceNames(s *replica.Status, ids []string) []string {
	var out []string
	for _, id := range ids {
		name := id
		for _, d := range s.Devices {
			if d.ID == id {
				name = d.Name
			}
		}
		out = append(out, name)
	}
	return out
}
