package storage

import (
	"fmt"
	"os"
	"path/filepath"

	bolt "go.etcd.io/bbolt"

	"corepath/tracker"
)

// BackupDir is the folder beside the store that holds its backups.
func (db *DB) BackupDir() string { return filepath.Join(db.dir, "backups") }

// Backup writes a consistent copy of the store to path (0600) from a read transaction, so it
// can run while others use the store. The copy is written under a temporary name, synced and
// renamed, so a crash never leaves a half-written backup under the final name.
func (db *DB) Backup(path string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return tracker.Errorf(tracker.Internal, "cannot create %s: %v", filepath.Dir(path), err)
	}
	tmp := path + ".partial"
	err := db.view(func(tx *bolt.Tx) error {
		f, err := os.OpenFile(tmp, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
		if err != nil {
			return err
		}
		if _, err := tx.WriteTo(f); err != nil {
			f.Close()
			return err
		}
		if err := f.Sync(); err != nil {
			f.Close()
			return err
		}
		return f.Close()
	})
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		if tracker.ErrorCode(err) != tracker.Internal {
			return err
		}
		return tracker.Errorf(tracker.Internal, "backup to %s failed: %v", path, err)
	}
	return nil
}

// migrations[v] turns a file of schema v into schema v+1, inside one write transaction.
var migrations = map[int]func(tx *bolt.Tx) error{}

// migrate backs the file up, then runs every step from version to schemaVersion in a single
// transaction: a failure leaves the file exactly as it was.
func (db *DB) migrate(version int) error {
	backup := filepath.Join(db.BackupDir(), fmt.Sprintf("corepath-schema%d-%s.db", version, db.opt.Now().UTC().Format("20060102T150405Z")))
	if err := db.Backup(backup); err != nil {
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
