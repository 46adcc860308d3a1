// Package storage keeps Corepath's data in one bbolt file and implements tracker.Store.
//
// Concurrency design: the desktop app and the command line must both be usable at once, and
// bbolt allows one writer process per file (it holds an exclusive flock while open). Corepath
// therefore never keeps the file open: every operation opens it, runs one transaction and closes
// it, which costs well under a millisecond. A command-line write waits at most for one such
// transaction, not for the app to quit, and needs no running app, socket or protocol. The app
// notices writes from elsewhere by watching the file's modification stamp (Stamp), which is
// cheap enough to poll every half second. Reads take a shared lock, so readers never wait for
// each other.
package storage

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"

	"corepath/tracker"
)

// FileName is the store's file inside the data folder.
const FileName = "corepath.db"

// schemaVersion is the layout this build writes. Older files are migrated on open; newer ones
// are refused and left untouched. A variable only so that tests can exercise a migration.
var schemaVersion = 4

var (
	bucketMeta       = []byte("meta")
	bucketSessions   = []byte("sessions")
	bucketSessionIDs = []byte("session_ids")
	bucketTimer      = []byte("timer")
	bucketTopics     = []byte("topics")
	bucketMilestones = []byte("milestones")
	bucketCourses    = []byte("courses")
	bucketExams      = []byte("exams")
	bucketAttempts   = []byte("exam_attempts") // see exams.go
	bucketCredits    = []byte("ce_credits")

	allBuckets = [][]byte{bucketMeta, bucketSessions, bucketSessionIDs, bucketTimer,
		bucketTopics, bucketMilestones, bucketCourses, bucketExams, bucketAttempts, bucketCredits, bucketTotals}

	keySchema    = []byte("schema")
	keyProgram   = []byte("program")
	keyGoals     = []byte("goals")
	keySettings  = []byte("settings")
	keyCreated   = []byte("created")
	keyCreatedTx = []byte("created_tx") // the id of the transaction that created the store
	keyLastIDs   = []byte("last_ids")   // the number of the last id newRecordID gave, by prefix: this file's, never synced
)

// Options tune a DB; the zero value is usable apart from Seed.
type Options struct {
	// Seed supplies the plan a new store starts with. It runs once, when the file is created.
	Seed func() (tracker.Plan, error)
	// Now is the clock used to validate and stamp changes; time.Now when nil.
	Now func() time.Time
	// Loc is the time zone that names the daily and weekly backups; time.Local when nil.
	Loc *time.Location
	// AfterWrite runs after every committed write, outside the transaction: sync puts the change
	// in the sync folder there.
	AfterWrite func()
	// LockTimeout is how long to wait for another process's transaction; 1.5 s when zero, so
	// that a file held by something else is reported within 2 seconds.
	LockTimeout time.Duration
	// Waiting, when set, is told who holds the file once an open has waited WaitNotice for it,
	// so that a command that waits longer can say why it has not finished.
	Waiting func(holder string)
	// CheckOnFirstUse makes Open leave an existing file unread: the first transaction checks
	// the data format inside itself (and migrates, or refuses, as Open would), which spares a
	// command that makes one change, such as a log, an open of the file of its own.
	CheckOnFirstUse bool
}

// WaitNotice is how long an open waits for the file before it calls Options.Waiting.
const WaitNotice = time.Second

func (opt Options) withDefaults() Options {
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.LockTimeout == 0 {
		opt.LockTimeout = 1500 * time.Millisecond
	}
	if opt.Loc == nil {
		opt.Loc = time.Local
	}
	return opt
}

// DB is a Corepath store in a data folder. It holds no open file between calls.
type DB struct {
	dir  string
	path string
	opt  Options
	tx   *bolt.Tx // inside Batch: every operation runs in this transaction
	// hints makes damage messages name the newest good backup: on for the store, off for a
	// file that is only being checked (a backup).
	hints bool
	// txPlan is the plan as read inside Batch's transaction, so that several operations of one
	// batch (a log reads the plan, then validates against it) decode it once; a write drops it.
	txPlan *tracker.Plan
	txRefs *tracker.Plan // the same for refsIn, when the whole plan was not read
	txHas  Refs          // the records beside the topics that txRefs holds
	// txSome: txRefs holds only some topics (SessionRefsFor), enough for the sessions of those.
	txSome bool
	// unchecked: Options.CheckOnFirstUse, and no transaction has checked the format yet.
	unchecked bool
	// backupPending: AutoBackup found the store as created and took no backup (BackupPending).
	backupPending bool
}

var _ tracker.Store = (*DB)(nil)

// Open checks the store in dir, creating the folder (0700) and the file (0600) with the seed
// plan when they do not exist, and migrating an older file after backing it up.
func Open(dir string, opt Options) (*DB, error) {
	opt = opt.withDefaults()
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, tracker.Errorf(tracker.Invalid, "cannot use %q as the data folder: %v", dir, err)
	}
	if info, err := os.Stat(abs); err == nil && !info.IsDir() {
		return nil, notAFolder(abs)
	}
	if err := os.MkdirAll(abs, 0o700); err != nil {
		return nil, tracker.Errorf(tracker.Internal, "cannot create the data folder %s: %v", abs, err)
	}
	path, err := storePath(abs)
	if err != nil {
		return nil, err
	}
	db := &DB{dir: abs, path: path, opt: opt, hints: true}
	info, err := os.Stat(db.path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		if err := db.interruptedRestore(); err != nil {
			return nil, err
		}
		db.cleanDebris()
		return db, db.create()
	case err != nil:
		return nil, tracker.Errorf(tracker.Internal, "cannot read %s: %v", db.path, err)
	case info.IsDir():
		return nil, db.unsalvageable("it is a folder, not a file", nil)
	case info.Size() == 0:
		return nil, db.unsalvageable("it is empty", nil)
	}
	db.cleanDebris()
	db.tighten()
	if opt.CheckOnFirstUse {
		db.unchecked = true
		return db, nil
	}
	if err := db.settle(); err != nil {
		return nil, err
	}
	return db, nil
}

// notAFolder is the error for a data folder that is a file: most often the store's own file,
// given where its folder belongs.
func notAFolder(path string) error {
	if filepath.Base(path) == FileName {
		return tracker.Errorf(tracker.Invalid, "%s is the store's file, not its folder: give the folder that holds it, %s",
			path, filepath.Dir(path))
	}
	return tracker.Errorf(tracker.Invalid, "%s is a file, not a folder: the data folder is the folder that holds %s (or an empty or new folder, for a new store)",
		path, FileName)
}

// settle reads the data format of an existing file and creates, migrates or refuses it.
func (db *DB) settle() error {
	version, fresh, err := db.schema()
	if err != nil {
		return err
	}
	switch {
	case fresh:
		return db.create()
	case version > schemaVersion:
		return &tracker.Error{Code: tracker.TooNew, Message: fmt.Sprintf(
			"%s was written by a newer version of Corepath (data format %d; this version reads up to %d). "+
				"Install the newer Corepath to use it; the file was not changed.", db.path, version, schemaVersion)}
	case version < schemaVersion:
		return db.migrate(version)
	}
	return nil
}

// errNotCurrent stops a first transaction (Options.CheckOnFirstUse) on a file of another data
// format, before it reads or writes anything; settle then deals with the file, and the
// transaction runs again.
var errNotCurrent = errors.New("the data format is not this version's")

func (db *DB) checkedFirst(write bool, fn func(*bolt.Tx) error) error {
	err := db.run(write, func(tx *bolt.Tx) error {
		if meta := tx.Bucket(bucketMeta); meta == nil || !bytes.Equal(meta.Get(keySchema), schemaBytes(schemaVersion)) {
			return errNotCurrent
		}
		return fn(tx)
	})
	if errors.Is(err, errNotCurrent) {
		if err = db.settle(); err == nil {
			err = db.run(write, fn)
		}
	}
	return err
}

// Batch runs fn with a store whose every read and write happens in one transaction, so that
// several changes (an import's topics, plan items and sessions) are written together or not at
// all, even if the process dies half way. An error from fn undoes everything it did.
func (db *DB) Batch(fn func(tracker.Store) error) error {
	if db.tx != nil {
		return fn(db)
	}
	return db.update(func(tx *bolt.Tx) error {
		inner := *db
		inner.tx = tx
		return fn(&inner)
	})
}

// Snapshot runs fn with a store whose every read happens in one read-only transaction, so that
// a command that reads several things (a report: the plan, then the totals) opens the file once
// and sees one state of it. fn must not write: a write fails.
func (db *DB) Snapshot(fn func(tracker.Store) error) error {
	if db.tx != nil {
		return fn(db)
	}
	return db.view(func(tx *bolt.Tx) error {
		inner := *db
		inner.tx = tx
		return fn(&inner)
	})
}

// Dir is the data folder; Path the store's file.
func (db *DB) Dir() string  { return db.dir }
func (db *DB) Path() string { return db.path }

// Stamp identifies the file's current content: bbolt's transaction id, which every commit
// raises, from this process or another (a file's modification time can miss two writes in the
// same clock tick). Reading it costs one open, well under a millisecond; the app polls it to
// pick up changes made from a terminal.
func (db *DB) Stamp() (string, error) {
	var id int
	err := db.view(func(tx *bolt.Tx) error { id = tx.ID(); return nil })
	return strconv.Itoa(id), err
}

// damaged is the error for a store that cannot be read: what is wrong, that nothing was
// changed, and (for the store, not a backup being checked) the newest good backup.
func (db *DB) damaged(why string, cause error) error {
	msg := fmt.Sprintf("%s cannot be read as Corepath data: %s. The file was left as it is", db.path, why)
	if db.hints {
		err := damageIn(db.dir, msg+"; restore it from a backup or move it aside to start afresh.", cause)
		var d *tracker.DamageError
		if errors.As(err, &d) {
			d.Why = why
		}
		return err
	}
	return &tracker.Error{Code: tracker.Damaged, Err: cause, Message: msg + "."}
}

// open opens the file for one operation, translating bbolt's failures into errors a person can
// act on. A restore replaces the file by renaming another over it: if that happened while this
// open waited for the lock, it holds the old file, so it opens again.
func (db *DB) open(readOnly bool) (*bolt.DB, error) {
	for attempt := 0; ; attempt++ {
		before, _ := os.Stat(db.path)
		b, err := db.openOnce(readOnly)
		if err != nil {
			return nil, err
		}
		after, _ := os.Stat(db.path)
		if before == nil || after == nil || os.SameFile(before, after) || attempt == 2 {
			return b, nil
		}
		b.Close()
	}
}

func (db *DB) openOnce(readOnly bool) (*bolt.DB, error) {
	first := db.opt.LockTimeout
	if db.opt.Waiting != nil && first > WaitNotice {
		first = WaitNotice
	}
	if !readOnly {
		why := db.brokenOpen()
		if why == "" {
			why = checkFreelist(db.path) // which bbolt's Open reads for a write, and panics on
		}
		if why != "" {
			return nil, db.unsalvageable(why, nil)
		}
	}
	b, err := db.boltOpen(&bolt.Options{Timeout: first, ReadOnly: readOnly})
	if errors.Is(err, bolterrors.ErrTimeout) && first < db.opt.LockTimeout {
		db.opt.Waiting(lockHolder(db.path))
		b, err = db.boltOpen(&bolt.Options{Timeout: db.opt.LockTimeout - first, ReadOnly: readOnly})
	}
	var broken *openPanic
	if errors.As(err, &broken) {
		return nil, db.unsalvageable(broken.why, nil)
	}
	if err == nil {
		// Checked under bbolt's lock, so that no writer is halfway through a header page.
		if why := checkHeader(db.path); why != "" {
			b.Close()
			return nil, db.unsalvageable(why, nil)
		}
		return b, nil
	}
	switch {
	case errors.Is(err, bolterrors.ErrTimeout):
		return nil, &tracker.Error{Code: tracker.InUse, Err: err, Message: fmt.Sprintf(
			"Corepath's data in %s is in use by %s; wait for it to finish or close it, then try again.",
			db.dir, lockHolder(db.path))}
	case errors.Is(err, os.ErrPermission):
		return nil, tracker.Errorf(tracker.Internal, "no permission to open %s: %v", db.path, err)
	case errors.Is(err, bolterrors.ErrVersionMismatch):
		// bbolt has written one version only: a header page naming another is damaged, both
		// of them when bbolt gives up.
		return nil, db.unsalvageable("both of its header pages are damaged (neither names the format bbolt writes)", err)
	case strings.HasPrefix(err.Error(), "file size too small"):
		return nil, db.unsalvageable("it is too small to be a Corepath data file", err)
	case strings.Contains(err.Error(), "invalid database") || strings.Contains(err.Error(), "checksum error"):
		return nil, db.unsalvageable("it is not a Corepath data file, or its first pages are damaged", err)
	default: // an error of the disk or the system, perhaps passing: no verdict on what mends it
		return nil, db.damaged(err.Error(), err)
	}
}

// openPanic is a panic of bbolt's Open over a damaged file (a freelist page that is not one).
type openPanic struct{ why string }

func (e *openPanic) Error() string { return e.why }

// brokenOpens remembers, per file, the state of a file whose open for writing panicked, so that
// it is not opened so again until it changes: each such open leaves bbolt's mapping of the file
// behind. (An open for reading loads no freelist, and reads what it can.)
var brokenOpens sync.Map // path -> brokenFile

type brokenFile struct {
	size    int64
	modTime time.Time
	why     string
}

// brokenOpen is why the file, as it is now, could not be opened before, or "".
func (db *DB) brokenOpen() string {
	v, ok := brokenOpens.Load(db.path)
	if !ok {
		return ""
	}
	b := v.(brokenFile)
	if info, err := os.Stat(db.path); err == nil && info.Size() == b.size && info.ModTime().Equal(b.modTime) {
		return b.why
	}
	brokenOpens.Delete(db.path)
	return ""
}

// boltOpen is bolt.Open, which panics on some damage to the file (a freelist page that is not
// one, read as it opens) rather than returning an error. The panic becomes an openPanic, and the
// file it opened is closed; the mapping it made stays, and holds the file's lock with it, which
// is why checkFreelist looks first and brokenOpens keeps such a file from a second attempt.
func (db *DB) boltOpen(opt *bolt.Options) (b *bolt.DB, err error) {
	var file *os.File
	opt.OpenFile = func(name string, flag int, perm os.FileMode) (*os.File, error) {
		f, err := os.OpenFile(name, flag, perm)
		file = f
		return f, err
	}
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			if file != nil {
				file.Close()
			}
			why := "part of it cannot be read (" + unreadable(r) + ")"
			if info, serr := os.Stat(db.path); serr == nil {
				brokenOpens.Store(db.path, brokenFile{size: info.Size(), modTime: info.ModTime(), why: why})
			}
			b, err = nil, &openPanic{why: why}
		}
	}()
	return bolt.Open(db.path, 0o600, opt)
}

// run runs fn in one transaction (transact); damage it met in a store with a backup says too
// what removing the damaged sessions would lose instead (weighDroppable).
func (db *DB) run(write bool, fn func(*bolt.Tx) error) error {
	err := db.transact(write, fn)
	if db.tx == nil {
		db.weighDroppable(err)
	}
	return err
}

// transact opens the file, runs fn in one transaction and closes the file. bbolt panics on some
// kinds of damage, and a damaged page can make it read outside the file's mapping; both become a
// Damaged error instead of a crash (SetPanicOnFault turns the memory fault into a panic).
func (db *DB) transact(write bool, fn func(*bolt.Tx) error) (err error) {
	if db.unchecked && db.tx == nil {
		db.unchecked = false
		return db.checkedFirst(write, fn)
	}
	if db.tx != nil {
		err := fn(db.tx)
		if write {
			db.txPlan, db.txRefs, db.txHas, db.txSome = nil, nil, 0, false
		}
		return err
	}
	b, err := db.open(!write)
	if err != nil {
		return err
	}
	if write {
		if why := db.knownDamage(); why != "" {
			b.Close()
			return db.damaged(why, nil)
		}
	}
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	txid := 0 // of the read, once it began
	defer func() {
		panicked := false
		if r := recover(); r != nil {
			err, panicked = db.fromPanic(r), true
		}
		// Damage a read met in the records stops the writes, as the check's verdict does: a log
		// that does not touch the damaged record would still be written into a file headed for
		// a restore. (Not a panic, which may be a fault of the code rather than of the file; nor
		// over a verdict already kept, which the check words best.)
		var d *tracker.DamageError
		if txid != 0 && !panicked && errors.As(err, &d) && d.Why != "" && db.knownDamage() == "" {
			db.rememberDamage(txid, "a read found that "+d.Why)
		}
		if cerr := b.Close(); err == nil && cerr != nil {
			err = tracker.Errorf(tracker.Internal, "closing %s: %v", db.path, cerr)
		}
	}()
	if write {
		return b.Update(func(tx *bolt.Tx) error {
			fillBeforeSplit(tx)
			return fn(tx)
		})
	}
	return b.View(func(tx *bolt.Tx) error { txid = tx.ID(); return fn(tx) })
}

// fromPanic is the error for a panic recovered from a transaction, called in the deferred
// function while the panic's frames are still on the stack. A memory fault (SetPanicOnFault: a
// page that points outside the file), or a panic raised in bbolt or in this package's reading of
// its bytes, is damage to the file; any other is a fault in Corepath's own code, which must not
// be taken for damage and send the person to restore a backup.
func (db *DB) fromPanic(r any) error {
	site := panicSite()
	internal := func() error {
		return tracker.Errorf(tracker.Internal, "an internal error in Corepath (%v, in %s); %s was not changed. Please report it.", r, site, db.path)
	}
	var fault interface{ Addr() uintptr }
	if e, ok := r.(error); ok && errors.As(e, &fault) {
		return db.damaged("part of it cannot be read (a page points outside the file)", nil)
	}
	// In bbolt, even a nil pointer is the file's doing: a bucket whose name lost a byte is not
	// found, and bbolt dereferences it.
	if site == "" || strings.HasPrefix(site, "go.etcd.io/bbolt") || strings.HasPrefix(site, "corepath/storage.") {
		return db.damaged("part of it cannot be read ("+unreadable(r)+")", nil)
	}
	return internal()
}

// panicSite is the function that raised the panic being recovered: the first frame past the
// runtime's own, below runtime.gopanic.
func panicSite() string {
	pcs := make([]uintptr, 64)
	frames := runtime.CallersFrames(pcs[:runtime.Callers(0, pcs)])
	panicking := false
	for {
		f, more := frames.Next()
		switch {
		case f.Function == "runtime.gopanic":
			panicking = true
		case panicking && !strings.HasPrefix(f.Function, "runtime."):
			return f.Function
		}
		if !more {
			return ""
		}
	}
}

// unreadable says in words what bbolt's panic over a damaged page was.
func unreadable(r any) string {
	msg := fmt.Sprint(r)
	var want, got uint64
	if _, err := fmt.Sscanf(msg, "assertion failed: Page expected to be: %d, but self identifies as %d", &want, &got); err == nil {
		return fmt.Sprintf("page %d says it is page %d", want, got)
	}
	// A runtime error reading the file's bytes is said as what it means of the file, not in
	// the words of Go ("slice bounds out of range [::5558192970]").
	if _, ok := r.(runtime.Error); ok || strings.HasPrefix(msg, "runtime error: ") { // or its message (checkFinding)
		switch {
		case strings.Contains(msg, "out of range"):
			return "a page gives lengths or places past its own end"
		case strings.Contains(msg, "nil pointer"), strings.Contains(msg, "invalid memory address"):
			return "a page points to a part of the file that is not there"
		}
		return "a page is not as bbolt writes one"
	}
	return strings.TrimPrefix(msg, "assertion failed: ")
}

// appendFill is how full the sessions' pages are filled before they split. Sessions are keyed
// by their start and their ids are UUID v7, so both buckets nearly always grow at their end;
// bbolt's default of half full would leave every page behind half empty: twice the file to
// read, and a level more of the tree to write on every log.
const appendFill = 0.95

// fillBeforeSplit sets appendFill on the sessions' buckets of a write transaction (bbolt keeps
// it per transaction, on the bucket the transaction hands out each time).
func fillBeforeSplit(tx *bolt.Tx) {
	for _, name := range [][]byte{bucketSessions, bucketSessionIDs} {
		if b := tx.Bucket(name); b != nil {
			b.FillPercent = appendFill
		}
	}
}

func (db *DB) view(fn func(*bolt.Tx) error) error { return db.run(false, fn) }

// update runs a write transaction, then Options.AfterWrite once it is committed (a Batch's
// operations: once, when the batch commits).
func (db *DB) update(fn func(*bolt.Tx) error) error {
	err := db.run(true, fn)
	if err == nil && db.tx == nil && db.opt.AfterWrite != nil {
		db.opt.AfterWrite()
	}
	return err
}

// schema reads the data format version; fresh is true for a bbolt file with no buckets (one
// whose creation was interrupted). A bbolt file of another program is refused.
func (db *DB) schema() (version int, fresh bool, err error) {
	err = db.view(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		if meta == nil {
			empty := true
			_ = tx.ForEach(func([]byte, *bolt.Bucket) error { empty = false; return nil })
			if empty {
				fresh = true
				return nil
			}
			return db.damaged("it is a database of another program", nil)
		}
		v := meta.Get(keySchema)
		if len(v) != 4 {
			return db.damaged("its format version is missing", nil)
		}
		version = int(binary.BigEndian.Uint32(v))
		return nil
	})
	return version, fresh, err
}

// create lays out a new store and seeds the plan, in one transaction.
func (db *DB) create() error {
	if db.opt.Seed == nil {
		return tracker.Errorf(tracker.Internal, "no seed plan to start a new store with")
	}
	plan, err := db.opt.Seed()
	if err != nil {
		return err
	}
	err = db.update(func(tx *bolt.Tx) error {
		for _, name := range allBuckets {
			if _, err := tx.CreateBucketIfNotExists(name); err != nil {
				return err
			}
		}
		meta := tx.Bucket(bucketMeta)
		if meta.Get(keySchema) != nil {
			return nil // another process created it first
		}
		if err := putPlan(tx, &plan); err != nil {
			return err
		}
		if err := meta.Put(keyCreated, []byte(db.opt.Now().UTC().Format(time.RFC3339))); err != nil {
			return err
		}
		if err := meta.Put(keyCreatedTx, []byte(strconv.Itoa(tx.ID()))); err != nil {
			return err
		}
		if err := rebuildTotals(tx, db.opt.Loc); err != nil {
			return err
		}
		return meta.Put(keySchema, schemaBytes(schemaVersion))
	})
	if err != nil {
		return err
	}
	return os.Chmod(db.path, 0o600)
}

func putPlan(tx *bolt.Tx, p *tracker.Plan) error {
	for _, r := range planRecords(p) {
		if err := putJSON(tx.Bucket(r.bucket), r.key, r.value); err != nil {
			return err
		}
	}
	return nil
}

// planRecord is one record of a plan as the store keeps it: a bucket, a key and what is
// encoded under it.
type planRecord struct {
	bucket []byte
	key    string
	value  any
}

// planRecords are the records putPlan writes for p.
func planRecords(p *tracker.Plan) []planRecord {
	var out []planRecord
	for _, e := range p.Exams {
		out = append(out, planRecord{bucketExams, e.Code, e})
	}
	for _, t := range p.Topics {
		out = append(out, planRecord{bucketTopics, t.ID, t})
	}
	for _, m := range p.Milestones {
		out = append(out, planRecord{bucketMilestones, m.ID, m})
	}
	for _, c := range p.Courses {
		out = append(out, planRecord{bucketCourses, c.ID, c})
	}
	return append(out, planRecord{bucketMeta, string(keyProgram), p.Program},
		planRecord{bucketMeta, string(keyGoals), p.Goals}, planRecord{bucketMeta, string(keySettings), p.Settings})
}

func readPlan(tx *bolt.Tx) (tracker.Plan, error) {
	p, err := readRefs(tx, RefMilestones|RefCourses)
	if err != nil {
		return p, err
	}
	if p.Exams, err = readAll[tracker.Exam](tx.Bucket(bucketExams)); err != nil {
		return p, err
	}
	if err = readCert(tx, &p); err != nil {
		return p, err
	}
	meta := tx.Bucket(bucketMeta)
	for key, v := range map[string]any{string(keyProgram): &p.Program, string(keyGoals): &p.Goals, string(keySettings): &p.Settings} {
		if raw := meta.Get([]byte(key)); raw != nil {
			if err := getJSON([]byte(key), raw, v); err != nil {
				return p, err
			}
		}
	}
	return p, nil
}

// readRefs reads the part of the plan sessions refer to, in their order: the topics, and the
// milestones and courses that need names.
func readRefs(tx *bolt.Tx, need Refs) (tracker.Plan, error) {
	topics, err := readTopics(tx.Bucket(bucketTopics))
	if err != nil {
		return tracker.Plan{}, err
	}
	return refsWith(tx, need, topics)
}

// refsWith is readRefs with the topics already read.
func refsWith(tx *bolt.Tx, need Refs, topics []tracker.Topic) (tracker.Plan, error) {
	p := tracker.Plan{Topics: topics}
	var err error
	if need&RefMilestones != 0 {
		if p.Milestones, err = readAll[tracker.Milestone](tx.Bucket(bucketMilestones)); err != nil {
			return p, err
		}
	}
	if need&RefCourses != 0 {
		if p.Courses, err = readAll[tracker.Course](tx.Bucket(bucketCourses)); err != nil {
			return p, err
		}
	}
	sort.SliceStable(p.Topics, func(i, j int) bool { return p.Topics[i].Order < p.Topics[j].Order })
	sort.SliceStable(p.Milestones, func(i, j int) bool { return p.Milestones[i].Order < p.Milestones[j].Order })
	return p, nil
}

// planIn reads the plan inside a transaction, reporting a malformed record as damage.
func (db *DB) planIn(tx *bolt.Tx) (tracker.Plan, error) {
	if db.tx != nil && db.txPlan != nil {
		return db.txPlan.Clone(), nil
	}
	p, err := readPlan(tx)
	if err != nil {
		return p, db.damaged(err.Error(), err)
	}
	if db.tx != nil {
		cached := p
		db.txPlan = &cached
		return db.planIn(tx) // a copy, so that the caller cannot change the cached plan
	}
	return p, nil
}

// Refs are the records beside the topics that sessions refer to, for SessionRefs: the
// milestones, the courses. A session that names neither needs only the topics, and a log then
// decodes no milestone (encoding/json's first use of a type costs a command more than the
// records themselves).
type Refs uint8

const (
	RefMilestones Refs = 1 << iota
	RefCourses
)

// RefsOf are the records beside their topics that the sessions refer to.
func RefsOf(sessions ...tracker.Session) Refs {
	var need Refs
	for i := range sessions {
		if sessions[i].MilestoneID != "" {
			need |= RefMilestones
		}
		if sessions[i].CourseID != "" {
			need |= RefCourses
		}
	}
	return need
}

// refsIn reads, inside a transaction, the part of the plan sessions refer to (readRefs): the
// topics, and the milestones and courses in need, which is all that validating and describing a
// session takes. Inside Batch, the plan or the part already read is used again, and what refsIn
// returns shares its slices with that cache: its callers here only read it. A cache of only some
// topics (SessionRefsFor) serves a caller that gives the sessions it is for and has their topics.
func (db *DB) refsIn(tx *bolt.Tx, need Refs, sessions ...tracker.Session) (tracker.Plan, error) {
	switch {
	case db.tx != nil && db.txPlan != nil:
		return *db.txPlan, nil
	case db.tx != nil && db.txRefs != nil && db.txHas&need == need && (!db.txSome || holdsTopics(db.txRefs, sessions)):
		return *db.txRefs, nil
	}
	need |= db.txHas
	p, err := readRefs(tx, need)
	if err != nil {
		return p, db.damaged(err.Error(), err)
	}
	if db.tx != nil {
		db.txRefs, db.txHas, db.txSome = &p, need, false
	}
	return p, nil
}

// holdsTopics reports whether p has the topic of every session, and there is one at least.
func holdsTopics(p *tracker.Plan, sessions []tracker.Session) bool {
	for i := range sessions {
		if _, ok := p.Topic(sessions[i].TopicID); !ok {
			return false
		}
	}
	return len(sessions) > 0
}

// SessionRefs returns the part of the plan sessions refer to: the topics, with the milestones
// and the courses when need says so, and nothing else (no exams, goals or settings).
func (db *DB) SessionRefs(need Refs) (tracker.Plan, error) {
	var p tracker.Plan
	err := db.view(func(tx *bolt.Tx) (err error) {
		if p, err = db.refsIn(tx, need); err == nil && db.tx != nil {
			p = p.Clone() // the caller may change it; the batch's cache stays as read
		}
		return err
	})
	return p, err
}

// SessionRefsFor is SessionRefs for a session whose topic is then found by the name typed,
// topic (tracker.FindTopic). When tracker.MatchTopic finds the name among the topics whose names
// start as it does (tracker.NamePrefix), read through the topic names cache, the plan holds only
// those and their parents, and some is true: FindTopic then finds there the topic it finds in the
// whole plan. Otherwise (a name with its parent, one that matches no topic or several, which
// FindTopic searches for in every topic and whose message lists them), or while the cache was
// built from other topics, it is SessionRefs's plan, and inside Batch a stale cache is built
// again for the next log.
func (db *DB) SessionRefsFor(topic string, need Refs) (p tracker.Plan, some bool, err error) {
	prefix, byName := tracker.NamePrefix(topic)
	err = db.view(func(tx *bolt.Tx) (err error) {
		rebuild := false
		if byName && (db.tx == nil || db.txPlan == nil && db.txRefs == nil) {
			topics, wordElsewhere, ok := topicsNamed(tx, prefix)
			if ok && tracker.SettledByNamePrefix(&tracker.Plan{Topics: topics}, topic, wordElsewhere) {
				named, err := refsWith(tx, need, topics)
				if err != nil {
					return db.damaged(err.Error(), err)
				}
				p, some = named, true
				if db.tx != nil {
					db.txRefs, db.txHas, db.txSome = &named, need, true
					p = named.Clone() // the caller may change it; the batch's cache stays as read
				}
				return nil
			}
			rebuild = !ok && tx.Writable()
		}
		if p, err = db.refsIn(tx, need); err != nil {
			return err
		}
		if rebuild {
			if err := writeTopicNames(tx, p.Topics); err != nil {
				return err
			}
		}
		if db.tx != nil {
			p = p.Clone() // the caller may change it; the batch's cache stays as read
		}
		return nil
	})
	return p, some, err
}

// Plan returns the whole plan.
func (db *DB) Plan() (tracker.Plan, error) {
	var p tracker.Plan
	err := db.view(func(tx *bolt.Tx) (err error) {
		p, err = db.planIn(tx)
		return err
	})
	return p, err
}

func newID() string {
	return uuid.Must(uuid.NewV7FromReader(idRandom{})).String()
}

// idRandom gives a new id its random bits (62 of them, beside the time) from math/rand/v2, whose
// generator (ChaCha8) the Go runtime seeds from the kernel's randomness as it starts: ids are as
// unlikely to collide, on one machine or across synced ones, as with crypto/rand, and an id is no
// secret. crypto/rand's first read in a process sets up the kernel's getrandom state, 30 to 100
// µs of a log's 2.5 ms.
type idRandom struct{}

func (idRandom) Read(b []byte) (int, error) {
	var v uint64
	for i := range b {
		if i%8 == 0 {
			v = rand.Uint64()
		}
		b[i], v = byte(v), v>>8
	}
	return len(b), nil
}

func parseID(id string) (uuid.UUID, error) {
	u, err := uuid.Parse(id)
	if err != nil {
		return u, tracker.Errorf(tracker.Invalid, "%q is not a session id", id)
	}
	return u, nil
}

func schemaBytes(v int) []byte { return binary.BigEndian.AppendUint32(nil, uint32(v)) }

// stamp is an instant as records keep it: UTC, to the second.
func stamp(t time.Time) time.Time { return t.UTC().Truncate(time.Second) }
