package storage

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"slices"

	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"

	"corepath/tracker"
)

// beyondSessions says what damage the file has that removing sessions cannot mend: in the page
// tree, the plan or the timer; "" when there is none.
func beyondSessions(path string, tx *bolt.Tx) (string, error) {
	if why := walkPages(path); why != "" {
		return why, nil
	}
	var structure error
	for e := range tx.Check() { // read to the end, so that the check's goroutine ends
		structure = cmp.Or(structure, e)
	}
	if structure != nil {
		return checkFinding(structure), nil
	}
	if _, err := readPlan(tx); err != nil {
		return "the plan: " + err.Error(), err
	}
	if _, _, err := readTimer(tx); err != nil {
		return "the running timer's record is malformed", err
	}
	return "", nil
}

// Salvageable reports whether DropDamagedSessions can mend the store: a session record fails to
// decode, and nothing is wrong beyond the sessions. (The check also finds damage that no removal
// mends, such as a meta record whose name changed.)
func (db *DB) Salvageable() bool {
	ok := false // also when the view cannot even open the file
	_ = db.view(func(tx *bolt.Tx) error {
		if why, _ := beyondSessions(db.path, tx); why != "" {
			return nil
		}
		damaged, _, _ := decodableSessions(tx)
		ok = damaged > 0
		return nil
	})
	return ok
}

// unsalvageable is the damage error for a store that only a backup can mend.
func (db *DB) unsalvageable(why string, cause error) error {
	err := db.damaged(why, cause)
	var d *tracker.DamageError
	if errors.As(err, &d) {
		d.BeyondSessions = true
	}
	return err
}

// DropDamagedSessions is the way out of a store whose sessions are damaged when no good backup
// is left: it keeps the damaged file as it is under a new name, then removes from the store the
// session records that fail their checksum or do not decode (and their entries in the index of
// ids), and sums the totals again. Damage anywhere else (the page tree, the plan, the timer) is
// refused: the sessions refer to the plan, so only a backup can put that right. So is a store
// that syncs: the removals would reach the other devices, which hold the sessions whole.
func (db *DB) DropDamagedSessions() (tracker.DroppedSessions, error) {
	var res tracker.DroppedSessions
	damaged, synced := false, false
	err := db.view(func(tx *bolt.Tx) error {
		if why, cause := beyondSessions(db.path, tx); why != "" {
			return db.unsalvageable(why+", which only a backup can put right", cause)
		}
		synced = syncs(tx)
		// Whether any session is damaged; which ones, the write below finds in its own
		// transaction, so that a write in between cannot make the list stale.
		n, _, err := decodableSessions(tx)
		damaged = n > 0
		return err
	})
	if err != nil {
		return res, err
	}
	if !damaged {
		if _, err := db.Check(); err != nil {
			var d *tracker.DamageError
			if errors.As(err, &d) {
				d.BeyondSessions = true // damage of another kind, which the check names: no removal mends it
			}
			return res, err
		}
		return res, tracker.Errorf(tracker.Invalid, "%s is sound: no session is damaged, so none was removed", db.path)
	}
	if synced {
		// Sync would send the removals to the other devices, which hold those sessions whole.
		return res, tracker.Errorf(tracker.Conflict, "%s syncs with other devices, which would remove the damaged sessions there too: copy a sound store from another device's data folder instead, or restore a backup", db.path)
	}
	if res.Original, err = db.keepCopy(); err != nil {
		return res, err
	}
	// The store is known to be damaged, so the ordinary write path refuses it: this is the one
	// write that may go ahead, into the page tree found sound above.
	b, err := db.openOnce(false)
	if err != nil {
		return res, err
	}
	err = func() (err error) {
		defer func() {
			if cerr := b.Close(); err == nil && cerr != nil {
				err = tracker.Errorf(tracker.Internal, "closing %s: %v", db.path, cerr)
			}
		}()
		defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
		defer func() {
			if r := recover(); r != nil {
				err = db.fromPanic(r)
			}
		}()
		return b.Update(func(tx *bolt.Tx) error {
			fillBeforeSplit(tx)
			sessions := tx.Bucket(bucketSessions)
			// One pass finds the damaged records and the index of ids the others make.
			var bad [][]byte
			var index []indexEntry
			dec := newDecoder()
			var s tracker.Session
			err := sessions.ForEach(func(k, v []byte) error {
				if dec.decode(k, v, &s) != nil {
					bad = append(bad, bytes.Clone(k))
					return nil
				}
				id, err := uuid.Parse(s.ID)
				index = append(index, indexEntry{id, bytes.Clone(k)})
				return err
			})
			if err != nil {
				return err
			}
			slices.SortFunc(index, func(a, b indexEntry) int { return bytes.Compare(a.id[:], b.id[:]) })
			for _, k := range bad {
				if err := sessions.Delete(k); err != nil {
					return err
				}
			}
			// The index of ids is made again from the sessions left: a removed record's id
			// cannot be read from it, and the damage may have reached the index too.
			if err := tx.DeleteBucket(bucketSessionIDs); err != nil {
				return err
			}
			ids, err := tx.CreateBucket(bucketSessionIDs)
			if err != nil {
				return err
			}
			ids.FillPercent = appendFill
			for _, e := range index { // in id order: appended, not inserted at random places
				if err := ids.Put(e.id[:], e.key); err != nil {
					return err
				}
			}
			res.Dropped, res.Kept = len(bad), len(index)
			return rebuildTotals(tx, db.opt.Loc)
		})
	}()
	if err != nil {
		return res, err
	}
	db.forgetDamage()
	if _, err := db.Check(); err != nil {
		return res, fmt.Errorf("the damaged sessions were removed, but the store is still not sound (the damaged file is kept as %s): %w", res.Original, err)
	}
	return res, nil
}

// keepCopy copies the store, byte for byte, to a name of its own beside it, and returns that name.
func (db *DB) keepCopy() (string, error) {
	name := unusedName(db.path+".damaged-"+db.opt.Now().Format("20060102-150405"), "")
	src, err := os.Open(db.path)
	if err != nil {
		return "", err
	}
	defer src.Close()
	err = writeAtomically(name, "", func(f *os.File) error {
		_, err := io.Copy(f, src)
		return err
	})
	if err != nil {
		return "", errors.Join(tracker.Errorf(tracker.Internal, "could not keep a copy of the damaged file, so nothing was removed"), err)
	}
	return name, nil
}

// syncs reports whether the store syncs with other devices.
func syncs(tx *bolt.Tx) bool {
	return tx.Bucket(bucketSync) != nil && tx.Bucket(bucketSync).Stats().KeyN > 0
}

// decodableSessions counts the session records that fail to decode, and those that decode.
func decodableSessions(tx *bolt.Tx) (damaged, sound int, err error) {
	dec := newDecoder()
	var s tracker.Session
	err = tx.Bucket(bucketSessions).ForEach(func(k, v []byte) error {
		if dec.decode(k, v, &s) != nil {
			damaged++
		} else {
			sound++
		}
		return nil
	})
	return damaged, sound, err
}

// weighDroppable completes the damage error err, of a store with a backup to restore, with what
// removing the damaged sessions would lose instead (DamagedSessions, SoundSessions), when the
// damage is in session records alone and the store does not sync (DropDamagedSessions' terms).
// It reads the store in a transaction of its own, after the one that met the damage.
func (db *DB) weighDroppable(err error) {
	var d *tracker.DamageError
	if !errors.As(err, &d) || d.Restore.Path == "" || d.BeyondSessions || d.DamagedSessions > 0 {
		return
	}
	_ = db.transact(false, func(tx *bolt.Tx) error {
		if why, _ := beyondSessions(db.path, tx); why != "" || syncs(tx) {
			return nil
		}
		damaged, sound, err := decodableSessions(tx)
		if err == nil {
			d.DamagedSessions, d.SoundSessions = damaged, sound
		}
		return nil
	})
}

// indexEntry is one entry of the index of ids: a session's id and its key in the sessions.
type indexEntry struct {
	id  uuid.UUID
	key []byte
}
