package storage

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"corepath/tracker"
)

// How many automatic backups to keep, and of the backups taken before a risky step.
const (
	keepDaily  = 7
	keepWeekly = 4
	keepBefore = 10
)

// BackupDir is the folder beside the store that holds its backups.
func (db *DB) BackupDir() string { return backupDir(db.dir) }

func backupDir(dir string) string { return filepath.Join(dir, "backups") }

// Backup writes a consistent copy of the store to path (0600) from a read transaction, so it
// can run while others use the store. The copy is written under a temporary name, synced and
// renamed, so a crash never leaves a half-written backup under the final name.
func (db *DB) Backup(path string) error {
	err := db.view(func(tx *bolt.Tx) error {
		return writeAtomically(path, func(f *os.File) error { _, err := tx.WriteTo(f); return err })
	})
	if err != nil && tracker.ErrorCode(err) == tracker.Internal {
		return tracker.Errorf(tracker.Internal, "backup to %s failed: %v", path, err)
	}
	return err
}

// writeAtomically writes a file through a synced temporary file and a rename.
func writeAtomically(path string, write func(*os.File) error) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	tmp := path + ".partial"
	f, err := os.OpenFile(tmp, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	err = write(f)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return err
	}
	return syncDir(filepath.Dir(path))
}

// BackupBefore takes a backup before a risky step (an import, a restore), named after it.
func (db *DB) BackupBefore(step string) (string, error) {
	path := filepath.Join(db.BackupDir(), fmt.Sprintf("corepath-before-%s-%s.db", step, db.opt.Now().Format("20060102-150405")))
	if err := db.Backup(path); err != nil {
		return "", err
	}
	return path, prune(db.BackupDir(), "corepath-before-"+step+"-", keepBefore)
}

// AutoBackup takes the day's backup and the week's, if they are not there yet, and keeps the
// last seven daily and four weekly copies. The app and the command line call it whenever they
// open the store; it costs a stat when there is nothing to do.
func (db *DB) AutoBackup() ([]string, error) {
	now := db.opt.Now().In(db.opt.Loc)
	year, week := now.ISOWeek()
	daily := filepath.Join(db.BackupDir(), "corepath-daily-"+now.Format("2006-01-02")+".db")
	weekly := filepath.Join(db.BackupDir(), fmt.Sprintf("corepath-weekly-%d-W%02d.db", year, week))
	var written []string
	for _, path := range []string{daily, weekly} {
		if _, err := os.Stat(path); err == nil {
			continue
		}
		if err := db.Backup(path); err != nil {
			return written, err
		}
		written = append(written, path)
	}
	if len(written) == 0 {
		return nil, nil // nothing new, nothing to prune: a command pays two stats
	}
	if err := prune(db.BackupDir(), "corepath-daily-", keepDaily); err != nil {
		return written, err
	}
	return written, prune(db.BackupDir(), "corepath-weekly-", keepWeekly)
}

// prune keeps the newest keep backups whose names start with prefix (their names sort by date).
func prune(dir, prefix string, keep int) error {
	names, err := filepath.Glob(filepath.Join(dir, prefix+"*.db"))
	if err != nil {
		return err
	}
	sort.Sort(sort.Reverse(sort.StringSlice(names)))
	for _, old := range names[min(keep, len(names)):] {
		if err := os.Remove(old); err != nil {
			return err
		}
	}
	return nil
}

// Verify checks that a file is a Corepath store this version can read, and that bbolt finds
// it consistent. It only reads the file.
func Verify(path string) error {
	info, err := os.Stat(path)
	switch {
	case err != nil:
		return tracker.Errorf(tracker.NotFound, "cannot read %s: %v", path, err)
	case info.IsDir():
		return tracker.Errorf(tracker.Invalid, "%s is a folder, not a Corepath data file", path)
	case info.Size() == 0:
		return tracker.Errorf(tracker.Damaged, "%s is empty", path)
	}
	probe := &DB{dir: filepath.Dir(path), path: path, opt: Options{}.withDefaults()}
	version, fresh, err := probe.schema()
	switch {
	case err != nil:
		return err
	case fresh:
		return tracker.Errorf(tracker.Damaged, "%s holds no Corepath data", path)
	case version > schemaVersion:
		return &tracker.Error{Code: tracker.TooNew, Message: fmt.Sprintf("%s was written by a newer version of Corepath (data format %d)", path, version)}
	}
	return probe.view(func(tx *bolt.Tx) error {
		var problems []string
		for e := range tx.Check() {
			problems = append(problems, e.Error())
		}
		if len(problems) > 0 {
			return probe.damaged("bbolt's check found "+strings.Join(problems[:min(3, len(problems))], "; "), nil)
		}
		if _, err := readPlan(tx); err != nil {
			return probe.damaged(err.Error(), err)
		}
		return walkSessions(tx, tracker.Query{TotalsOnly: true}, func(*tracker.Session) error { return nil }, probe.damaged)
	})
}

// NewestGoodBackup returns the newest backup in the data folder dir that passes Verify.
func NewestGoodBackup(dir string) (string, bool) {
	names, _ := filepath.Glob(filepath.Join(backupDir(dir), "*.db"))
	type cand struct {
		path string
		mod  time.Time
	}
	var cands []cand
	for _, n := range names {
		if info, err := os.Stat(n); err == nil {
			cands = append(cands, cand{n, info.ModTime()})
		}
	}
	sort.Slice(cands, func(i, j int) bool { return cands[i].mod.After(cands[j].mod) })
	for _, c := range cands {
		if Verify(c.path) == nil {
			return c.path, true
		}
	}
	return "", false
}

// RestoreResult says what Restore did.
type RestoreResult struct {
	Backup     string // the current store's backup, taken before it was replaced
	DamagedAs  string // where a damaged current store was moved, kept as it was
	RestoredTo string
}

// Restore replaces the store in the data folder dir with a copy of the file at from, after
// checking it. A readable current store is backed up first; a damaged one is moved aside under
// a new name, never overwritten. The copy replaces the store with an atomic rename.
func Restore(dir, from string, opt Options) (RestoreResult, error) {
	var res RestoreResult
	opt = opt.withDefaults()
	if err := Verify(from); err != nil {
		return res, fmt.Errorf("%s cannot be restored: %w", from, err)
	}
	path := filepath.Join(dir, FileName)
	res.RestoredTo = path
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return res, err
	}
	stamp := opt.Now().Format("20060102-150405")
	if _, err := os.Stat(path); err == nil {
		if Verify(path) == nil {
			current := &DB{dir: dir, path: path, opt: opt}
			backup, err := current.BackupBefore("restore")
			if err != nil {
				return res, err
			}
			res.Backup = backup
		} else {
			res.DamagedAs = path + ".damaged-" + stamp
			if err := os.Rename(path, res.DamagedAs); err != nil {
				return res, err
			}
		}
	}
	err := writeAtomically(path, func(f *os.File) error {
		src, err := os.Open(from)
		if err != nil {
			return err
		}
		defer src.Close()
		_, err = io.Copy(f, src)
		return err
	})
	if err != nil {
		return res, tracker.Errorf(tracker.Internal, "restoring %s to %s failed: %v", from, path, err)
	}
	return res, os.Chmod(path, 0o600)
}

// recoveryHint adds the newest good backup and the command that restores it to a message
// about a damaged store.
func recoveryHint(dir string, err error) error {
	var e *tracker.Error
	if !errors.As(err, &e) || e.Code != tracker.Damaged {
		return err
	}
	backup, ok := NewestGoodBackup(dir)
	if !ok {
		return err
	}
	info, _ := os.Stat(backup)
	return &tracker.Error{Code: e.Code, Err: e.Err, Message: fmt.Sprintf("%s The newest good backup is %s (%s); restore it with: corepath restore %s",
		e.Message, backup, info.ModTime().Format("2006-01-02 15:04"), backup)}
}

// migrations[v] turns a file of schema v into schema v+1, inside one write transaction.
var migrations = map[int]func(tx *bolt.Tx) error{}

// migrate backs the file up, then runs every step from version to schemaVersion in a single
// transaction: a failure leaves the file exactly as it was.
func (db *DB) migrate(version int) error {
	backup, err := db.BackupBefore(fmt.Sprintf("schema%d", version))
	if err != nil {
		return err
	}
	return db.update(func(tx *bolt.Tx) error {
		for v := version; v < schemaVersion; v++ {
			step, ok := migrations[v]
			if !ok {
				return tracker.Errorf(tracker.Internal, "no migration from data format %d", v)
			}
			if err := step(tx); err != nil {
				return tracker.Errorf(tracker.Internal, "migrating %s from data format %d failed, nothing was changed (a backup is in %s): %v", db.path, v, backup, err)
			}
		}
		meta := tx.Bucket(bucketMeta)
		return meta.Put(keySchema, schemaBytes(schemaVersion))
	})
}

// Restore replaces this store with a checked copy of the backup at from; see the package
// function Restore. It returns a sentence saying what was done.
func (db *DB) Restore(from string) (string, error) {
	res, err := Restore(db.dir, from, db.opt)
	if err != nil {
		return "", err
	}
	msg := "Restored " + from + "."
	if res.Backup != "" {
		msg += " The store it replaced is backed up in " + res.Backup + "."
	}
	return msg, nil
}
