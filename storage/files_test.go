package storage

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"corepath/resources"
	"corepath/tracker"
)

// A restore killed once the damaged store was set aside left no corepath.db, and the next
// command made a fresh, empty store over the way back.
func TestMissingStoreBesideASetAsideOneIsNotReplaced(t *testing.T) {
	for _, left := range []string{".damaged-20261125-120000", ".partial"} {
		db, _ := storeWith20(t)
		if err := os.Rename(db.Path(), db.Path()+left); err != nil {
			t.Fatal(err)
		}
		_, err := Open(db.Dir(), Options{Seed: resources.DefaultPlan})
		var damage *tracker.DamageError
		if tracker.ErrorCode(err) != tracker.Damaged || !strings.Contains(err.Error(), "is missing, but "+db.Path()+left) ||
			!strings.Contains(err.Error(), "with 20 sessions") || !errors.As(err, &damage) || damage.Restore.Sessions != 20 {
			t.Errorf("the message does not name what is left: %v", err)
		}
		if _, err := os.Stat(db.Path()); !os.IsNotExist(err) {
			t.Errorf("a store was created over %s", left)
		}
		if _, err := os.Stat(db.Path() + left); err != nil {
			t.Errorf("%s was removed", left)
		}
	}
}

// The temporary files of copies cut short are removed: a restore's on the next open, a backup's
// before the next backup, unless it was written in the last minute (another backup's, not yet
// locked).
func TestDebrisOfCutCopiesIsCleaned(t *testing.T) {
	db, _ := storeWith20(t)
	restore, backup := db.Path()+".partial", filepath.Join(db.BackupDir(), ".corepath-daily-2026-11-25.db.123.partial")
	crashed := time.Now().Add(-time.Hour)
	for _, p := range []string{restore, backup} {
		if err := os.WriteFile(p, []byte("half a copy"), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, crashed, crashed); err != nil {
			t.Fatal(err)
		}
	}
	db = openTest(t, db.Dir())
	if _, err := os.Stat(restore); !os.IsNotExist(err) {
		t.Errorf("%s is still there after an open", restore)
	}
	starting := filepath.Join(db.BackupDir(), ".corepath-weekly-2026-W48.db.456.partial")
	if err := os.WriteFile(starting, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := db.ManualBackup(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(backup); !os.IsNotExist(err) {
		t.Errorf("%s is still there after a backup", backup)
	}
	if _, err := os.Stat(starting); err != nil {
		t.Errorf("a partial file of a backup just begun was removed: %v", err)
	}
}

// A restore over a damaged store never leaves the folder without a store: the damaged file is
// kept under a second name and the copy is renamed over the first.
func TestRestoreOverADamagedStoreKeepsTheNameFilled(t *testing.T) {
	db, _ := storeWith20(t)
	backup, _ := NewestGoodBackup(db.Dir())
	os.WriteFile(db.Path(), []byte("junk"), 0o600)
	res, err := Restore(db.Dir(), backup, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if kept, _ := os.ReadFile(res.DamagedAs); string(kept) != "junk" {
		t.Errorf("the damaged store was not kept: %q", kept)
	}
	if n := count(t, openTest(t, db.Dir())); n != 20 {
		t.Errorf("restored %d sessions", n)
	}
}

// A corepath.db that is a link: the store is the file it points to, and a restore replaces that
// file, leaving the link; a link to nothing is reported as such.
func TestSymlinkedStore(t *testing.T) {
	db, _ := storeWith20(t)
	elsewhere := filepath.Join(t.TempDir(), "real.db")
	if err := os.Rename(db.Path(), elsewhere); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(elsewhere, db.Path()); err != nil {
		t.Fatal(err)
	}
	if n := count(t, openTest(t, db.Dir())); n != 20 {
		t.Fatalf("through the link: %d sessions", n)
	}
	backup, _ := NewestGoodBackup(db.Dir())
	logSession(t, openTest(t, db.Dir()), "BGP", testNow.Add(-50*time.Hour), time.Hour)
	if _, err := Restore(db.Dir(), backup, Options{}); err != nil {
		t.Fatal(err)
	}
	if info, err := os.Lstat(db.Path()); err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Fatal("the link was replaced")
	}
	target := &DB{dir: filepath.Dir(elsewhere), path: elsewhere, opt: Options{}.withDefaults()}
	if n := count(t, target); n != 20 {
		t.Errorf("the link's target holds %d sessions after the restore, want 20", n)
	}

	os.Remove(elsewhere)
	_, err := Open(db.Dir(), Options{Seed: resources.DefaultPlan})
	if tracker.ErrorCode(err) != tracker.NotFound || !strings.Contains(err.Error(), "is a link to "+elsewhere+", which does not exist") ||
		strings.Contains(err.Error(), "The file was left as it is") {
		t.Errorf("a dangling link: %v", err)
	}
	if _, err := os.Stat(elsewhere); !os.IsNotExist(err) {
		t.Error("a store was created at the link's target")
	}
}

// A store made with looser modes is brought to 0700 and 0600.
func TestLooseModesAreTightened(t *testing.T) {
	db, _ := storeWith20(t)
	os.Chmod(db.Dir(), 0o755)
	os.Chmod(db.Path(), 0o644)
	openTest(t, db.Dir())
	for path, want := range map[string]os.FileMode{db.Dir(): 0o700, db.Path(): 0o600, db.BackupDir(): 0o700} {
		if info, _ := os.Stat(path); info.Mode().Perm() != want {
			t.Errorf("%s is %v, want %v", path, info.Mode().Perm(), want)
		}
	}
	// A folder that holds other things is the person's: it is left as it is.
	shared := t.TempDir()
	os.WriteFile(filepath.Join(shared, "notes.txt"), nil, 0o644)
	os.Chmod(shared, 0o755)
	openTest(t, shared)
	if info, _ := os.Stat(shared); info.Mode().Perm() != 0o755 {
		t.Errorf("a shared folder was changed to %v", info.Mode().Perm())
	}
}

// A restore over a damaged store whose totals can still be read says the days on which the
// store held more study than the backup: the sessions logged after it, which the restore takes
// away, to be logged again.
func TestRestoreOverADamagedStoreSaysTheStudyItTakesAway(t *testing.T) {
	db, _ := storeWith20(t) // backed up with its 20 sessions, the latest ending at testNow-1h
	backup, _ := NewestGoodBackup(db.Dir())
	late := logSession(t, db, "BGP", testNow.Add(-time.Hour), 50*time.Minute)
	logSession(t, db, "MPLS", testNow.Add(-10*time.Minute), 10*time.Minute)
	// A session's record damaged (its checksum no longer holds): the totals are whole.
	b, err := bolt.Open(db.Path(), 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	err = b.Update(func(tx *bolt.Tx) error {
		k, v := tx.Bucket(bucketSessions).Cursor().First()
		return tx.Bucket(bucketSessions).Put(bytes.Clone(k), append(bytes.Clone(v[:len(v)-1]), v[len(v)-1]^0xff))
	})
	b.Close()
	if err != nil || Verify(db.Path()) == nil {
		t.Fatalf("the store was not damaged: %v", err)
	}
	res, err := Restore(db.Dir(), backup, Options{Now: func() time.Time { return testNow }})
	if err != nil || res.DamagedAs == "" {
		t.Fatalf("restore: %+v, %v", res, err)
	}
	day := tracker.DateOf(late.Start.In(time.Local))
	if len(res.NotInBackup) != 1 || res.NotInBackup[0].Day != day || res.NotInBackup[0].Store-res.NotInBackup[0].Backup != time.Hour {
		t.Errorf("not in the backup: %+v, want an hour more on %s", res.NotInBackup, day)
	}
}
