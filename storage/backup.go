package storage

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"corepath/atomicfile"
	"corepath/tracker"
)

// How many automatic backups to keep, and of the backups taken before a risky step.
const (
	keepDaily  = 7
	keepWeekly = 4
	keepBefore = 10
	keepRecent = 24
	// RecentBackupAge is how old the newest backup may grow while the store has changed since
	// it, before another is taken: a restore then loses at most about that much.
	RecentBackupAge = time.Hour
)

// BackupDir is the folder beside the store that holds its backups.
func (db *DB) BackupDir() string { return backupDir(db.dir) }

func backupDir(dir string) string { return filepath.Join(dir, "backups") }

// Backup writes a consistent copy of the store to path (0600) from a read transaction, so it
// can run while others use the store. The copy is written under a temporary name, synced and
// renamed, so a crash never leaves a half-written backup under the final name. A damaged store
// is not copied: its copy would not restore, and would push a good backup out of those kept.
func (db *DB) Backup(path string) error {
	db.cleanBackupDebris()
	err := db.view(func(tx *bolt.Tx) error {
		if _, why := db.checkIn(tx); why != "" {
			return db.damaged(why+"; so no backup was written, and the backups there are kept as they are", nil)
		}
		return writeAtomically(path, "", func(f *os.File) error { _, err := tx.WriteTo(f); return err })
	})
	if err == nil {
		db.noteNewestBackup(path)
	}
	if err != nil && tracker.ErrorCode(err) == tracker.Internal {
		if info, statErr := os.Stat(path); statErr == nil && info.IsDir() {
			return tracker.Errorf(tracker.Invalid, "%s is a folder: give the backup's file name, like %s", path, filepath.Join(path, "corepath-backup.db"))
		}
		return tracker.Errorf(tracker.Internal, "backup to %s failed: %v", path, err)
	}
	return err
}

// writeAtomically writes a file of the store's (0600) through a temporary file, marked as
// being written so that the clean-up of abandoned partial files leaves it alone: temp, or with
// temp "" one of its own beside path (".NAME.*.partial"), so that two processes taking the
// day's backup at once never write into one partial file.
func writeAtomically(path, temp string, write func(*os.File) error) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	return atomicfile.Write(path, temp, 0o600, func(f *os.File) error {
		holdPartial(f)
		return write(f)
	})
}

// ManualBackup takes the backup a person asked for, into the backups folder, named for the
// moment (corepath-manual-20261201-190456.db, then -2 for another in the same second), alike
// from the app and the command line. None is ever pruned.
func (db *DB) ManualBackup() (string, error) {
	path := unusedName(filepath.Join(db.BackupDir(), "corepath-manual-"+db.opt.Now().Format(backupStamp)), ".db")
	return path, db.Backup(path)
}

// BackupBefore takes a backup before a risky step (an import, a restore), named after it.
func (db *DB) BackupBefore(step string) (string, error) {
	path := unusedName(filepath.Join(db.BackupDir(), fmt.Sprintf("corepath-before-%s-%s", step, db.opt.Now().Format(backupStamp))), ".db")
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
		if db.asCreated() {
			// Nothing of the person's to keep yet: a backup of the seed plan alone would only
			// be offered, later, as the newest good one to restore. The first write takes it.
			db.backupPending = true
			return nil, nil
		}
		if err := db.Backup(path); err != nil {
			return written, err
		}
		written = append(written, path)
	}
	if recent, err := db.BackupIfChanged(RecentBackupAge); err != nil {
		return written, err
	} else if recent != "" {
		written = append(written, recent)
	}
	db.backupPending = false
	if len(written) == 0 {
		return nil, nil // nothing new, nothing to prune
	}
	if err := prune(db.BackupDir(), "corepath-daily-", keepDaily); err != nil {
		return written, err
	}
	return written, prune(db.BackupDir(), "corepath-weekly-", keepWeekly)
}

// BackupPending reports whether AutoBackup found the store as it was created, and so took no
// backup yet: the caller runs it again after its first write.
func (db *DB) BackupPending() bool { return db.backupPending }

// asCreated reports whether nothing was written to the store since it was created: its last
// commit is still the one that created it. A store made before that was recorded never is.
func (db *DB) asCreated() bool {
	created := false
	_ = db.view(func(tx *bolt.Tx) error {
		created = unwrittenSinceCreated(tx)
		return nil
	})
	return created
}

// unwrittenSinceCreated says whether tx reads the store as the commit that created it left it.
func unwrittenSinceCreated(tx *bolt.Tx) bool {
	meta := tx.Bucket(bucketMeta)
	return meta != nil && string(meta.Get(keyCreatedTx)) == strconv.Itoa(tx.ID())
}

// RemoveIfUnwritten removes the store's file if nothing was written to it since it was created:
// for a command that created the store in a folder named by mistake and then wrote nothing (it
// failed, or was a dry run). It looks under the store's lock, which a write from another
// process waits for, and removes the file once it has let the file go (Windows removes no file
// that is open); it says whether it removed it.
func (db *DB) RemoveIfUnwritten() (bool, error) {
	b, err := db.open(false)
	if err != nil {
		return false, err
	}
	created := false
	err = b.View(func(tx *bolt.Tx) error {
		created = unwrittenSinceCreated(tx)
		return nil
	})
	if cerr := b.Close(); err == nil {
		err = cerr
	}
	if err != nil || !created {
		return false, err
	}
	return true, os.Remove(db.path)
}

// BackupIfChanged takes a backup when the store has changed since its newest backup and that
// backup is at least maxAge old (with maxAge 0, whenever it has changed: the app does that when
// it closes). It returns the backup's path, or "" when none was needed. Whether the store
// changed is read from bbolt's transaction id, which a backup keeps in its header.
func (db *DB) BackupIfChanged(maxAge time.Duration) (string, error) {
	stamp := "" // the store's transaction id, read once
	readStamp := func() (err error) {
		if stamp == "" {
			stamp, err = db.Stamp()
		}
		return err
	}
	holdsStore := func(backup string) bool { return stamp == strconv.FormatUint(headerTxid(backup), 10) }
	if noted, taken, ok := db.notedBackup(); ok {
		if db.opt.Now().Sub(taken) < maxAge {
			return "", nil // the newest backup is at least that young
		}
		if err := readStamp(); err != nil {
			return "", err
		}
		if holdsStore(noted) {
			return "", nil // nothing changed since it was taken, nor since any taken after it
		}
	}
	newest, taken := "", time.Time{}
	for _, n := range filesNamed(db.BackupDir(), "corepath-", ".db") {
		if info, err := os.Stat(n); err == nil && info.ModTime().After(taken) {
			newest, taken = n, info.ModTime()
		}
	}
	if newest != "" && db.opt.Now().Sub(taken) < maxAge {
		return "", nil
	}
	if newest == "" && db.asCreated() {
		return "", nil // nothing of the person's to keep yet, as AutoBackup says
	}
	if err := readStamp(); err != nil {
		return "", err
	}
	if newest != "" && holdsStore(newest) {
		return "", nil
	}
	path := unusedName(filepath.Join(db.BackupDir(), "corepath-recent-"+db.opt.Now().Format(backupStamp)), ".db")
	if err := db.Backup(path); err != nil {
		return "", err
	}
	return path, prune(db.BackupDir(), "corepath-recent-", keepRecent)
}

// newestBackupNote is the file in the backups folder that names the backup written there last,
// so that BackupIfChanged, which a command runs twice, looks at that backup alone rather than
// at each of the forty or more a folder holds after a few weeks (BenchmarkBackupIfChanged36).
// It is only a hint: when it is missing or names no backup, or names one that is older than the
// check's age and that the store has changed since, every backup is looked at as before.
const newestBackupNote = ".newest"

// noteNewestBackup names path, a backup just written, in the backups folder's note. A failure
// is ignored: the note only saves time.
func (db *DB) noteNewestBackup(path string) {
	if filepath.Dir(path) != db.BackupDir() {
		return // a copy the person put elsewhere (corepath backup FILE)
	}
	_ = atomicfile.Write(filepath.Join(db.BackupDir(), newestBackupNote), "", 0o600, func(f *os.File) error {
		_, err := f.WriteString(filepath.Base(path))
		return err
	})
}

// notedBackup is the backup the note names, and when it was taken, if it is one.
func (db *DB) notedBackup() (path string, taken time.Time, ok bool) {
	name, err := os.ReadFile(filepath.Join(db.BackupDir(), newestBackupNote))
	base := string(name)
	if err != nil || base != filepath.Base(base) || !strings.HasPrefix(base, "corepath-") || !strings.HasSuffix(base, ".db") {
		return "", taken, false
	}
	path = filepath.Join(db.BackupDir(), base)
	info, err := os.Stat(path)
	if err != nil || !info.Mode().IsRegular() {
		return "", taken, false
	}
	return path, info.ModTime(), true
}

// prune keeps the newest keep backups whose names start with prefix.
func prune(dir, prefix string, keep int) error {
	names := filesNamed(dir, prefix, ".db")
	slices.SortFunc(names, func(a, b string) int { return compareBackups(b, a, prefix) })
	for _, old := range names[min(keep, len(names)):] {
		if err := os.Remove(old); err != nil {
			return err
		}
	}
	return nil
}

// backupStamp dates the names of the backups taken before a step and of the recent ones. A
// second backup in the same second is named with "-2", "-3"… after the date (see unusedName).
const backupStamp = "20060102-150405"

// compareBackups orders two backup names that start with prefix by date, then by the counter
// unusedName added: plain string order would put "…-111102-2.db" before "…-111102.db", and
// "-10" before "-2".
func compareBackups(a, b, prefix string) int {
	dateA, countA := backupNameOrder(a, prefix)
	dateB, countB := backupNameOrder(b, prefix)
	return cmp.Or(strings.Compare(dateA, dateB), cmp.Compare(countA, countB))
}

// backupNameOrder splits a backup's name into its date and its counter (1 when it has none).
// Only names dated with backupStamp can carry a counter; daily and weekly names never do.
func backupNameOrder(name, prefix string) (string, int) {
	rest := strings.TrimSuffix(strings.TrimPrefix(filepath.Base(name), prefix), ".db")
	if len(rest) > len(backupStamp) && rest[len(backupStamp)] == '-' {
		if n, err := strconv.Atoi(rest[len(backupStamp)+1:]); err == nil {
			return rest[:len(backupStamp)], n
		}
	}
	return rest, 1
}

// Verify checks that a file is a Corepath store this version can read, and that every record
// in it is sound (see Check). It only reads the file.
func Verify(path string) error {
	_, err := verify(path)
	return err
}

// verify is Verify that also counts the file's sessions.
func verify(path string) (int, error) {
	info, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return 0, tracker.Errorf(tracker.NotFound, "there is no file %s", path)
	case err != nil:
		return 0, tracker.Errorf(tracker.NotFound, "cannot read %s: %v", path, err)
	case info.IsDir():
		return 0, tracker.Errorf(tracker.Invalid, "%s is a folder, not a Corepath data file", path)
	case info.Size() == 0:
		return 0, tracker.Errorf(tracker.Damaged, "%s is empty", path)
	}
	probe := &DB{dir: filepath.Dir(path), path: path, opt: Options{}.withDefaults()}
	version, fresh, err := probe.schema()
	switch {
	case err != nil:
		return 0, err
	case fresh:
		return 0, tracker.Errorf(tracker.Damaged, "%s holds no Corepath data", path)
	case version > schemaVersion:
		return 0, &tracker.Error{Code: tracker.TooNew, Message: fmt.Sprintf("%s was written by a newer version of Corepath (data format %d)", path, version)}
	}
	return probe.Check()
}

// BackupInfo describes a backup that passed Verify.
type BackupInfo = tracker.Backup

// InspectBackup verifies the backup at path (Verify) and says when it was taken and how many
// sessions it holds, so that a restore can say what it would bring back before it is made.
func (db *DB) InspectBackup(path string) (BackupInfo, error) {
	n, err := verify(path)
	if err != nil {
		return BackupInfo{}, err
	}
	info, err := os.Stat(path)
	if err != nil {
		return BackupInfo{}, tracker.Errorf(tracker.NotFound, "cannot read %s: %v", path, err)
	}
	return BackupInfo{Path: path, Taken: info.ModTime(), Sessions: n}, nil
}

// NewestGoodBackup returns the newest backup in the data folder dir that passes Verify.
func NewestGoodBackup(dir string) (string, bool) {
	b, ok := NewestGoodBackupInfo(dir)
	return b.Path, ok
}

// NewestGoodBackupInfo is NewestGoodBackup with the backup's date and how many sessions it holds.
func NewestGoodBackupInfo(dir string) (BackupInfo, bool) {
	names := filesNamed(backupDir(dir), "", ".db")
	var cands []BackupInfo
	for _, n := range names {
		if info, err := os.Stat(n); err == nil && info.Mode().IsRegular() {
			cands = append(cands, BackupInfo{Path: n, Taken: info.ModTime()})
		}
	}
	sort.Slice(cands, func(i, j int) bool { return cands[i].Taken.After(cands[j].Taken) })
	for _, c := range cands {
		if n, err := verify(c.Path); err == nil {
			c.Sessions = n
			return c, true
		}
	}
	return BackupInfo{}, false
}

// NewestGoodBackup is the package function for this store's folder.
func (db *DB) NewestGoodBackup() (string, bool) { return NewestGoodBackup(db.dir) }

// RestoreResult says what Restore did.
type RestoreResult struct {
	Backup     string // the current store's backup, taken before it was replaced
	DamagedAs  string // where a damaged current store was moved, kept as it was
	RestoredTo string
	// StoppedTimer is the timer that ran in the store replaced and not in the backup, which
	// therefore ends without a session (it is in Backup); StoppedTopic is its topic's path.
	StoppedTimer *tracker.Session
	StoppedTopic string
	// Replaced and Restored are the sessions in the store replaced (-1 when it could not be
	// read) and in the one restored, so that a restore says what it took away.
	Replaced, Restored int
	// NotInBackup are, for a damaged store replaced, the days its totals count more study on
	// than the backup's do: what the restore takes away, to log again (the damaged file is kept
	// aside). Nil when either's totals cannot be read.
	NotInBackup []DayStudy
}

// DayStudy is a day's study in the store a restore replaces and in the backup restored.
type DayStudy struct {
	Day           tracker.Date
	Store, Backup time.Duration
}

// studyNotIn compares the totals of the store at path with those of the backup at from, day by
// day, for a restore over a damaged store, whose sessions may not be readable while its totals
// (derived from them on every write) are: the days the store holds more study on.
func studyNotIn(dir, path, from string, opt Options) []DayStudy {
	store, storeZone, ok := dayTotals(&DB{dir: dir, path: path, opt: opt})
	if !ok {
		return nil
	}
	backup, backupZone, ok := dayTotals(&DB{dir: filepath.Dir(from), path: from, opt: opt})
	if !ok || !bytes.Equal(storeZone, backupZone) { // days of other zones do not compare
		return nil
	}
	var out []DayStudy
	for day, secs := range store {
		if secs > backup[day] {
			out = append(out, DayStudy{Day: tracker.Date(day), Store: time.Duration(secs) * time.Second, Backup: time.Duration(backup[day]) * time.Second})
		}
	}
	slices.SortFunc(out, func(a, b DayStudy) int { return strings.Compare(string(a.Day), string(b.Day)) })
	return out
}

// dayTotals reads the seconds of each local day from a store's totals, and the zone they were
// counted in; ok is false when they cannot be read whole.
func dayTotals(db *DB) (days map[string]int64, zone []byte, ok bool) {
	days = map[string]int64{}
	err := db.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketTotals)
		if b == nil {
			return errBadTotals
		}
		zone = bytes.Clone(b.Get(totalsZoneKey))
		c := b.Cursor()
		for k, v := c.Seek([]byte{dayPrefix}); len(k) > 0 && k[0] == dayPrefix; k, v = c.Next() {
			secs, n := binary.Varint(v)
			if n <= 0 {
				return errBadTotals
			}
			days[string(k[1:])] = secs
		}
		return nil
	})
	return days, zone, err == nil && zone != nil
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
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return res, err
	}
	path, err := storePath(dir)
	if err != nil {
		return res, err
	}
	res.RestoredTo = path
	if sameFile(from, path) {
		return res, tracker.Errorf(tracker.Invalid, "%s is the store itself: give a backup to restore from, like the newest in %s", from, backupDir(dir))
	}
	stamp := opt.Now().Format("20060102-150405")
	var before storeSummary
	res.Replaced = -1
	if _, err := os.Stat(path); err == nil {
		if Verify(path) == nil {
			current := &DB{dir: dir, path: path, opt: opt}
			if before, err = current.summary(); err == nil {
				res.Replaced = before.sessions
			}
			backup, err := current.BackupBefore("restore")
			if err != nil {
				return res, err
			}
			res.Backup = backup
		} else {
			res.NotInBackup = studyNotIn(dir, path, from, opt)
			// A second name for the damaged file, so that the store is never missing: the
			// rename below replaces the name, and the file lives on under this one.
			res.DamagedAs = unusedName(path+".damaged-"+stamp, "")
			if err := os.Link(path, res.DamagedAs); err != nil {
				if err := os.Rename(path, res.DamagedAs); err != nil {
					return res, err
				}
			}
		}
	}
	// The store's own partial file has a name of its own: one left by a restore cut short is
	// found at the next open (files.go).
	err = writeAtomically(path, path+".partial", func(f *os.File) error {
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
	(&DB{path: path, hints: true}).forgetDamage()
	after, err := (&DB{dir: dir, path: path, opt: opt}).summary()
	res.Restored = after.sessions
	if before.running && (err != nil || !after.running || after.timer.ID != before.timer.ID) {
		res.StoppedTimer, res.StoppedTopic = &before.timer, before.timerTopic
	}
	return res, os.Chmod(path, 0o600)
}

// storeSummary is what a restore tells of the store it replaces and of the one it restores.
type storeSummary struct {
	sessions   int
	timer      tracker.Session
	running    bool
	timerTopic string // the running timer's topic path
}

// summary reads a store's summary in one transaction.
func (db *DB) summary() (s storeSummary, err error) {
	err = db.view(func(tx *bolt.Tx) error {
		s.sessions = sessionCountIn(tx)
		if s.timer, s.running, err = db.timerIn(tx); err != nil || !s.running {
			return err
		}
		refs, err := db.refsIn(tx, 0)
		s.timerTopic = refs.TopicPath(s.timer.TopicID)
		return err
	})
	return s, err
}

// sameFile reports whether a and b are one file (through a link, or another spelling of its path).
func sameFile(a, b string) bool {
	ia, err := os.Stat(a)
	if err != nil {
		return false
	}
	ib, err := os.Stat(b)
	return err == nil && os.SameFile(ia, ib)
}

// unusedName is name+ext or, when that or a numbered one is taken, name-N+ext numbered one
// past the highest taken: a file set aside or a backup never replaces one written before, and
// a name freed by pruning is not taken again, so the numbers keep the order the files were
// written in.
func unusedName(name, ext string) string {
	dir, base := filepath.Split(name)
	if dir == "" {
		dir = "."
	}
	entries, _ := os.ReadDir(dir)
	highest := 0
	for _, e := range entries {
		if e.Name() == base+ext {
			highest = max(highest, 1)
		} else if rest, ok := strings.CutPrefix(e.Name(), base+"-"); ok {
			if count, ok := strings.CutSuffix(rest, ext); ok {
				if n, err := strconv.Atoi(count); err == nil && n >= 2 {
					highest = max(highest, n)
				}
			}
		}
	}
	if highest == 0 {
		return name + ext
	}
	return name + "-" + strconv.Itoa(highest+1) + ext
}

// damageIn is the error for damage to the store of the data folder dir: what is wrong and the
// newest good backup there, which the command line and the app each offer to restore.
func damageIn(dir, what string, cause error) error {
	d := &tracker.DamageError{What: what, BackupDir: backupDir(dir), Err: cause}
	if b, ok := NewestGoodBackupInfo(dir); ok {
		d.Restore = b
	}
	return tracker.Detailed(tracker.Damaged, d)
}

// migrations[v] turns a file of schema v into schema v+1, inside one write transaction, with
// the store's options: opt.Loc is the zone it keeps its days in, opt.Seed the plan it would
// start with now.
var migrations = map[int]func(tx *bolt.Tx, opt *Options) error{
	1: func(tx *bolt.Tx, _ *Options) error { return checksumRecords(tx) },
	// The report's totals (totals.go).
	2: func(tx *bolt.Tx, opt *Options) error { return rebuildTotals(tx, opt.Loc) },
	// The CCDE written and the recertification it counts for (exams.go).
	3: addBuiltinCatalog,
}

// checksumRecords rewrites every session record and the running timer in version 2 of the
// record format, and seals every plan record, so that both carry a checksum (schema 1 to 2).
func checksumRecords(tx *bolt.Tx) error {
	if err := sealPlanRecords(tx); err != nil {
		return err
	}
	d := newDecoder()
	var s tracker.Session
	b := tx.Bucket(bucketSessions)
	type record struct{ key, val []byte }
	var rewritten []record
	err := b.ForEach(func(k, v []byte) error {
		if err := d.decode(k, v, &s); err != nil {
			return fmt.Errorf("session at key %x: %w", k, err)
		}
		rewritten = append(rewritten, record{k, encodeSession(k, &s)})
		return nil
	})
	if err != nil {
		return err
	}
	// Put after the walk: bbolt forbids changing a bucket while iterating over it.
	for _, r := range rewritten {
		if err := b.Put(r.key, r.val); err != nil {
			return err
		}
	}
	if v := tx.Bucket(bucketTimer).Get(timerKey); len(v) > keyLen {
		key := append([]byte(nil), v[:keyLen]...)
		if err := d.decode(key, v[keyLen:], &s); err != nil {
			return fmt.Errorf("the running timer: %w", err)
		}
		return tx.Bucket(bucketTimer).Put(timerKey, append(key, encodeSession(key, &s)...))
	}
	return nil
}

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
			if err := step(tx, &db.opt); err != nil {
				return tracker.Errorf(tracker.Internal, "migrating %s from data format %d failed, nothing was changed (a backup is in %s): %v", db.path, v, backup, err)
			}
		}
		meta := tx.Bucket(bucketMeta)
		return meta.Put(keySchema, schemaBytes(schemaVersion))
	})
}

// Counts says how many sessions the restored store holds, against the store it replaced.
func (r RestoreResult) Counts() string {
	held := tracker.CountOf(r.Restored, "session", "sessions")
	if r.Replaced < 0 {
		return "which holds " + held
	}
	return fmt.Sprintf("which holds %s where the store it replaced held %d", held, r.Replaced)
}

// Restore replaces this store with a checked copy of the backup at from; see the package
// function Restore. It returns a sentence saying what was done.
func (db *DB) Restore(from string) (string, error) {
	res, err := Restore(db.dir, from, db.opt)
	if err != nil {
		return "", err
	}
	msg := "Restored " + from + ", " + res.Counts() + "."
	if res.Backup != "" {
		msg += " The store it replaced is backed up in " + res.Backup + "."
	}
	if t := res.StoppedTimer; t != nil {
		msg += fmt.Sprintf(" The timer for %s, running since %s, is not in the backup, so it stopped without a session: if you studied then, log the time on the Log screen.",
			res.StoppedTopic, t.Start.In(db.opt.Loc).Format("Mon 2006-01-02 15:04"))
	}
	return msg, nil
}
