package cli

import (
	"errors"
	"flag"
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
		fmt.Fprintf(c.Stderr, "corepath: sync conflict: %s\n", conflictLine(&k, c.Loc, c.corepath()))
	}
	if rep.Pending > 0 {
		fmt.Fprintf(c.Stderr, "corepath: sync: %s for the sync folder (%s sync status says why)\n", tracker.CountOf(rep.Pending, "change waits", "changes wait"), c.corepath())
	}
}

func conflictLine(k *replica.Conflict, loc *time.Location, corepath string) string {
	lost := k.Lost
	if t := k.LostTimer; t != nil {
		start := t.Start.In(loc).Format("2006-01-02 15:04")
		lost += fmt.Sprintf(" (if you studied then, log it: %s log DURATION --at %q --topic %q)", corepath, start, t.Topic)
	}
	// To the second: two edits of one minute say which was the later.
	const at = "2006-01-02 15:04:05"
	if _, deleted := k.Deleted(); deleted {
		return fmt.Sprintf("%s, edited on %s at %s, lost to its deletion on %s at %s",
			lost, k.LostBy, k.LostAt.In(loc).Format(at), k.KeptBy, k.KeptAt.In(loc).Format(at))
	}
	return fmt.Sprintf("%s, edited on %s at %s, lost to %s, edited on %s at %s",
		lost, k.LostBy, k.LostAt.In(loc).Format(at), k.Kept, k.KeptBy, k.KeptAt.In(loc).Format(at))
}

var cmdSync = actionCommand("sync", "DIR",
	"Keep this store the same as on your other machines, through a folder that Syncthing, Nextcloud or Dropbox keeps in step: "+
		"\"set DIR\" turns it on, \"off\" turns it off, \"status\" shows the devices, the last merge and the conflicts, \"now\" syncs.",
	action{name: "set", ref: "DIR", summary: "Turn sync on through the folder DIR, merging what it holds.",
		options: func() actionOptions { return &syncSetOptions{} }},
	action{name: "off", summary: "Turn sync off; this store and the sync folder both stay whole.",
		options: func() actionOptions { return &syncOffOptions{} }},
	action{name: "status", summary: "Show the devices, the last merge and the conflicts.",
		options: func() actionOptions { return &syncStatusOptions{} }},
	action{name: "now", summary: "Sync now.",
		options: func() actionOptions { return &syncNowOptions{} }},
)

// syncStore opens the store and what sync needs of it.
func (c *ctx) syncStore() (replica.Store, replica.Options, error) {
	db, err := c.store()
	if err != nil {
		return nil, replica.Options{}, err
	}
	return SyncStore(db), SyncOptions(db.Dir(), c.Now), nil
}

// syncSetOptions are the flags of corepath sync set.
type syncSetOptions struct{ name string }

func (o *syncSetOptions) addFlags(fs *flag.FlagSet) {
	fs.StringVar(&o.name, "name", "", "this device's `NAME` as the other devices show it (default: the host name)")
}

func (o *syncSetOptions) run(c *ctx, dir string) error {
	st, opt, err := c.syncStore()
	if err != nil {
		return err
	}
	return c.syncSet(st, opt, dir, o.name)
}

// syncOffOptions: corepath sync off has no flags of its own.
type syncOffOptions struct{}

func (*syncOffOptions) addFlags(*flag.FlagSet) {}

func (*syncOffOptions) run(c *ctx, _ string) error {
	st, _, err := c.syncStore()
	if err != nil {
		return err
	}
	if err := replica.Disable(st); err != nil {
		return err
	}
	c.out("Sync is off. This store and the sync folder are both whole; \"%s sync set DIR\" turns it on again and merges what changed meanwhile.\n", c.corepath())
	return nil
}

// syncStatusOptions are the flags of corepath sync status.
type syncStatusOptions struct{ json bool }

func (o *syncStatusOptions) addFlags(fs *flag.FlagSet) {
	fs.BoolVar(&o.json, "json", false, "print it as JSON")
}

func (o *syncStatusOptions) run(c *ctx, _ string) error {
	st, _, err := c.syncStore()
	if err != nil {
		return err
	}
	status, err := replica.ReadStatus(st)
	if err != nil {
		return err
	}
	if o.json {
		return writeJSON(c, status)
	}
	c.printSyncStatus(&status)
	return nil
}

// syncNowOptions: corepath sync now has no flags of its own.
type syncNowOptions struct{}

func (*syncNowOptions) addFlags(*flag.FlagSet) {}

func (*syncNowOptions) run(c *ctx, _ string) error {
	st, opt, err := c.syncStore()
	if err != nil {
		return err
	}
	rep, err := replica.Sync(st, opt)
	if err != nil {
		return err
	}
	if rep.Off {
		return tracker.Errorf(tracker.NotFound, "sync is off for this store: turn it on with %s sync set DIR", c.corepath())
	}
	c.printReport(&rep)
	return nil
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
		c.out("Conflict: %s\n", conflictLine(&k, c.Loc, c.corepath()))
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
		c.out(" Turn it on with %s sync set DIR.\n", c.corepath())
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
			c.out("  %s: %s\n", when(k.At), conflictLine(&k, c.Loc, c.corepath()))
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
