package storage

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"corepath/tracker"
)

// storePath is the store's file in the data folder dir. A corepath.db that is a symbolic link
// is followed, so that a restore replaces the file it points to, not the link; a link to nothing
// is refused, since there is no file to speak of.
func storePath(dir string) (string, error) {
	path := filepath.Join(dir, FileName)
	info, err := os.Lstat(path)
	if err != nil || info.Mode()&os.ModeSymlink == 0 {
		return path, nil
	}
	target, err := filepath.EvalSymlinks(path)
	if err != nil {
		dest, _ := os.Readlink(path)
		return "", tracker.Errorf(tracker.NotFound, "%s is a link to %s, which does not exist. Nothing was changed: "+
			"point the link at your Corepath data file, or remove the link to start a new store.", path, dest)
	}
	return target, nil
}

// filesNamed lists the files in dir whose names start with prefix and end with suffix, in the
// order of their names. Unlike filepath.Glob, it reads no character of dir as a pattern: a data
// folder may well be called "Study [2026]", and Glob then matched none of its backups.
func filesNamed(dir, prefix, suffix string) []string {
	entries, _ := os.ReadDir(dir)
	var out []string
	for _, e := range entries {
		if n := e.Name(); len(n) >= len(prefix)+len(suffix) && strings.HasPrefix(n, prefix) && strings.HasSuffix(n, suffix) {
			out = append(out, filepath.Join(dir, n))
		}
	}
	return out
}

// interruptedRestore says why a missing store must not be created afresh: a damaged store set
// aside, or a copy left half-written, beside it means a restore was cut short, and an empty
// store in its place would hide the way back. It returns nil when nothing is there.
func (db *DB) interruptedRestore() error {
	left := filesNamed(filepath.Dir(db.path), filepath.Base(db.path)+".damaged-", "")
	if _, err := os.Stat(db.path + ".partial"); err == nil {
		left = append(left, db.path+".partial")
	}
	if len(left) == 0 {
		return nil
	}
	return damageIn(db.dir, fmt.Sprintf(
		"%s is missing, but %s is beside it: a restore or a move was cut short. No new, empty store was created in its place; "+
			"to start a new, empty store instead, move %s to another folder.",
		db.path, strings.Join(left, " and "), strings.Join(left, " and ")), nil)
}

// cleanDebris removes the temporary file of a restore that was cut short, once no process is
// writing it. Those of backups are removed before the next backup (cleanBackupDebris): finding
// them means reading the backups folder, which holds tens of files, and every command opens
// the store.
func (db *DB) cleanDebris() { removeAbandoned(db.path + ".partial") }

// cleanBackupDebris removes the temporary files of backups that were cut short. One written in
// the last minute is left: another backup may have made it a moment ago and not locked it yet.
func (db *DB) cleanBackupDebris() {
	for _, p := range filesNamed(db.BackupDir(), "", ".partial") {
		if info, err := os.Stat(p); err == nil && time.Since(info.ModTime()) > time.Minute {
			removeAbandoned(p)
		}
	}
}

// removeAbandoned removes the partial file p once no process is writing it.
func removeAbandoned(p string) {
	if partialAbandoned(p) {
		os.Remove(p)
	}
}

// tighten brings a store made with looser modes (a folder of 0755, a file of 0644) to the
// modes a new store gets: the sessions are private. The data folder is tightened only when it
// holds nothing but Corepath's files, since it may be a folder the person chose for more.
func (db *DB) tighten() {
	for _, path := range []string{db.path, db.BackupDir()} {
		if info, err := os.Stat(path); err == nil {
			tightenMode(path, info)
		}
	}
	info, err := os.Stat(db.dir)
	if err != nil || info.Mode().Perm()&^0o700 == 0 {
		return // tight already: the folder is not listed on every open
	}
	entries, err := os.ReadDir(db.dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), "corepath") && e.Name() != "backups" && !strings.HasPrefix(e.Name(), ".") {
			return
		}
	}
	tightenMode(db.dir, info)
}

func tightenMode(path string, info os.FileInfo) {
	want := os.FileMode(0o600)
	if info.IsDir() {
		want = 0o700
	}
	if info.Mode().Perm()&^want != 0 {
		_ = os.Chmod(path, info.Mode().Perm()&want)
	}
}
