package replica

import (
	"bytes"
	"crypto/rand"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"corepath/tracker"
)

// Store is what sync needs of the local store: transactions over its synced records and over a
// little bookkeeping that stays on this machine.
type Store interface {
	// Exchange runs fn in one write transaction: everything it changes is kept, or nothing.
	Exchange(fn func(Tx) error) error
	// View runs fn in a read-only transaction.
	View(fn func(Tx) error) error
}

// Tx is one transaction of the local store.
type Tx interface {
	// Records calls fn for every record that syncs, with a key that names its kind before a
	// slash ("sessions/…") and its value. The value is only valid during the call.
	Records(fn func(key string, value []byte) error) error
	Get(key string) ([]byte, bool)
	Put(key string, value []byte) error
	Delete(key string) error
	// Twin returns the key of another record that is the same thing as value under another key
	// (a session logged on two machines, or imported on both), if there is one.
	Twin(key string, value []byte) (string, bool)
	// Absorb puts on the record under keep what its twin under drop holds that it lacks (the
	// note typed on the other machine), before drop is deleted, and returns keep's new value;
	// false when nothing was added. It depends on the two values alone, so that every device
	// that keeps the pair writes the same record.
	Absorb(keep, drop string) ([]byte, bool, error)
	// Describe names a record for a person ("the session of …"); value is nil for a deleted one.
	Describe(key string, value []byte) string
	// Modified is when the record was last changed, as the record itself says (a session's
	// Updated), and false when it does not say.
	Modified(key string, value []byte) (time.Time, bool)
	// Seeded reports whether a record is as a new store is seeded with (the plan's topics,
	// goals and settings before the person changed them): at a device's first sync it then
	// loses to any version of it from another device, and its loss is no conflict.
	Seeded(key string, value []byte) bool
	// SeedKeys are the keys of the records a new store is seeded with: those missing from a
	// store at its first sync were deleted by the person, and go out as deletes.
	SeedKeys() []string
	// Timer gives the topic and start of a record that is a running timer; ok false for others.
	Timer(key string, value []byte) (topic string, start time.Time, ok bool)
	// Local is this machine's bookkeeping, which never syncs.
	Local() KV
	// SetIDTag has the store put the tag after the number of the id of every record it creates
	// from now on, so that two devices never give one id to two different records.
	SetIDTag(tag string) error
	// Commit numbers this transaction among the store's commits: one more than the last commit
	// when nothing else was committed since. Sync skips looking for changes in a store that no
	// one wrote to since its own last sync.
	Commit() int64
}

// KV is a key-value bucket.
type KV interface {
	Get(key string) []byte
	Put(key string, value []byte) error
	Delete(key string) error
	ForEach(prefix string, fn func(key string, value []byte) error) error
}

// Options are a machine's side of sync.
type Options struct {
	// Now is the wall clock; time.Now when nil.
	Now func() time.Time
	// Instance names this machine and data folder (host name and folder path). A store whose
	// recorded instance differs was copied or moved, and takes a new device id.
	Instance string
	// Schema is the store's data format, written in the files' headers: a device refuses the
	// values of a newer format rather than store what it cannot read.
	Schema int
	// RollBytes is the journal size past which it is rolled into a snapshot; 256 KiB when zero.
	RollBytes int64
	// Random fills device ids; crypto/rand when nil.
	Random func([]byte)
	// DataDir is the store's own folder, which the sync folder must neither be nor hold.
	DataDir string
}

func (o Options) withDefaults() Options {
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.RollBytes == 0 {
		o.RollBytes = 256 << 10
	}
	if o.Random == nil {
		o.Random = func(b []byte) { _, _ = rand.Read(b) }
	}
	return o
}

// config is this device's sync settings, in the local bookkeeping.
type config struct {
	Folder     string `json:"folder"`
	Device     string `json:"device"`
	Name       string `json:"name"`
	Instance   string `json:"instance"`
	Generation int64  `json:"generation"` // of this device's files; 0 before the first
	Offset     int64  `json:"offset"`     // the journal's size as this device last wrote it
	Seq        int64  `json:"seq"`
	// Commit is the number of this device's last sync transaction (Tx.Commit).
	Commit int64 `json:"commit,omitempty"`
	// Rewrite asks the next sync to write this device's files afresh (sync was turned on again,
	// or with another folder). Generations only grow, so that readers know the new files are new.
	Rewrite bool `json:"rewrite,omitempty"`
}

// Local bookkeeping keys. Versions are one key per record, under versionPrefix.
const (
	keyConfig     = "config"
	keyClock      = "clock"
	keyOutbox     = "outbox"
	keyConflicts  = "conflicts"
	keyLast       = "last"
	keyLastMerge  = "lastmerge"
	keyProblems   = "problems"
	versionPrefix = "v/"
	readPrefix    = "read/"
	devicePrefix  = "device/"
)

// maxConflicts is how many conflicts the log keeps, the newest.
const maxConflicts = 200

// version is what this device knows of a record's current version.
type version struct {
	stamp   Stamp
	base    Stamp
	hash    uint64
	deleted bool
	seen    bool // during a capture: the record is still in the store
}

func (v *version) encode() []byte {
	b := make([]byte, 0, 48)
	b = binary.BigEndian.AppendUint64(b, v.hash)
	var flags byte
	if v.deleted {
		flags = 1
	}
	b = append(b, flags)
	b = appendStamp(b, v.stamp)
	return appendStamp(b, v.base)
}

func appendStamp(b []byte, s Stamp) []byte {
	b = binary.AppendVarint(b, s.Wall)
	b = binary.AppendUvarint(b, uint64(s.Counter))
	b = append(b, byte(len(s.Device)))
	return append(b, s.Device...)
}

// devices interns device ids while versions are read: a store has 100,000 versions and a few
// devices.
type devices map[string]string

func (d devices) id(b []byte) string {
	if s, ok := d[string(b)]; ok {
		return s
	}
	s := string(b)
	d[s] = s
	return s
}

func readStamp(b []byte, names devices) (Stamp, []byte, error) {
	var s Stamp
	w, n := binary.Varint(b)
	if n <= 0 {
		return s, nil, errBadVersion
	}
	b = b[n:]
	c, n := binary.Uvarint(b)
	if n <= 0 || len(b) <= n || len(b) < n+1+int(b[n]) {
		return s, nil, errBadVersion
	}
	l := int(b[n])
	s = Stamp{Wall: w, Counter: uint32(c), Device: names.id(b[n+1 : n+1+l])}
	return s, b[n+1+l:], nil
}

var errBadVersion = errors.New("a sync version record is malformed")

func decodeVersion(b []byte, names devices) (*version, error) {
	if len(b) < 9 {
		return nil, errBadVersion
	}
	v := &version{hash: binary.BigEndian.Uint64(b), deleted: b[8]&1 != 0}
	var err error
	if v.stamp, b, err = readStamp(b[9:], names); err != nil {
		return nil, err
	}
	v.base, _, err = readStamp(b, names)
	return v, err
}

func hashOf(value []byte, deleted bool) uint64 {
	if deleted {
		return 0
	}
	h := fnv.New64a()
	h.Write(value)
	return h.Sum64() | 1 // never 0, which is a tombstone's
}

// beats is the merge's order: the greater stamp, then (two machines with one id could stamp
// alike) the greater value hash, so that every device picks the same winner.
func beats(s Stamp, h uint64, cur *version) bool {
	if s != cur.stamp {
		return cur.stamp.Less(s)
	}
	return h > cur.hash
}

// Conflict is an edit that lost: two devices changed the same record without seeing each
// other's change, and the later stamp won.
type Conflict struct {
	At     time.Time `json:"at"`
	Key    string    `json:"key"`
	Lost   string    `json:"lost"`    // what the losing version was
	LostBy string    `json:"lost_by"` // the device that wrote it
	LostAt time.Time `json:"lost_at"` // when it was written, by its device's clock
	Kept   string    `json:"kept"`    // what the record is now
	KeptBy string    `json:"kept_by"` // the device that wrote it
	KeptAt time.Time `json:"kept_at"` // when, by that device's clock
	// LostTimer is the timer that lost, when the record is the running timer: its time can
	// still be logged, which each interface says how to do.
	LostTimer *LostTimer `json:"lost_timer,omitempty"`
}

// Deleted reports whether the version kept is the record's deletion, and what was deleted.
func (k *Conflict) Deleted() (what string, ok bool) { return strings.CutPrefix(k.Kept, deletedPrefix) }

// deletedPrefix starts Kept for a deletion: "deleted: session …".
const deletedPrefix = "deleted: "

// LostTimer is a running timer that lost a conflict: its topic's path and its start.
type LostTimer struct {
	Topic string    `json:"topic"`
	Start time.Time `json:"start"`
}

// conflictJSON is a logged conflict with the losing stamp, which makes one found twice one entry.
type conflictJSON struct {
	Conflict
	Seal Stamp `json:"seal"`
}

// Report is what one sync did.
type Report struct {
	At time.Time `json:"at"`
	// Off is true when sync is not turned on for this store.
	Off bool `json:"off,omitempty"`
	// Sent is how many changes of this device were written to the folder; Pending how many are
	// waiting because the folder could not be written.
	Sent    int `json:"sent"`
	Pending int `json:"pending,omitempty"`
	// Captured are the changes this sync found in this store (and the duplicates it removed).
	Captured []Change `json:"-"`
	// Changed and Deleted count, per kind of record, what the merge brought into this store.
	Changed map[string]int `json:"changed,omitempty"`
	Deleted map[string]int `json:"deleted,omitempty"`
	// Twins is how many records were the same as one already here and were kept once.
	Twins     int        `json:"twins,omitempty"`
	Conflicts []Conflict `json:"conflicts,omitempty"`
	// From lists the devices whose files brought something in.
	From []string `json:"from,omitempty"`
	// Notes are things the person should know (a copied store, a conflict copy to delete).
	Notes []string `json:"notes,omitempty"`
	// Problems are files skipped, and a folder that could not be read or written.
	Problems []string `json:"problems,omitempty"`
}

// Brought is how many records the merge changed in this store.
func (r *Report) Brought() int {
	n := r.Twins
	for _, c := range r.Changed {
		n += c
	}
	for _, c := range r.Deleted {
		n += c
	}
	return n
}

// session is one sync's state.
type session struct {
	tx       Tx
	kv       KV
	opt      Options
	cfg      config
	clock    clock
	now      time.Time
	versions map[string]*version // the versions read so far
	// allVersions: versions holds every record's; names interns their device ids.
	allVersions bool
	names       devices
	dirty       map[string]bool
	local       []Change // this device's changes to write to the folder
	rep         *Report
	problems    map[string]string // by file name
	seenLog     map[Stamp]bool
	log         []conflictJSON
	from        map[string]bool
	// warnedClock: devices whose clock was found ahead in this sync, to say it once.
	warnedClock map[string]bool
}

func begin(tx Tx, opt Options, rep *Report) (*session, error) {
	s := &session{tx: tx, kv: tx.Local(), opt: opt, now: opt.Now(), rep: rep, dirty: map[string]bool{}, from: map[string]bool{}, warnedClock: map[string]bool{},
		versions: map[string]*version{}, names: devices{}}
	if err := getJSON(s.kv, keyConfig, &s.cfg); err != nil {
		return nil, err
	}
	s.clock = decodeClock(s.kv.Get(keyClock))
	s.problems = map[string]string{}
	if err := getJSON(s.kv, keyProblems, &s.problems); err != nil {
		return nil, err
	}
	if err := getJSON(s.kv, keyConflicts, &s.log); err != nil {
		return nil, err
	}
	s.seenLog = map[Stamp]bool{}
	for _, c := range s.log {
		s.seenLog[c.Seal] = true
	}
	return s, nil
}

func getJSON(kv KV, key string, v any) error {
	raw := kv.Get(key)
	if raw == nil {
		return nil
	}
	if err := json.Unmarshal(raw, v); err != nil {
		return tracker.Errorf(tracker.Damaged, "the sync bookkeeping %q in the store is malformed (%v): turn sync off and on again", key, err)
	}
	return nil
}

func putJSON(kv KV, key string, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return kv.Put(key, data)
}

// loadVersions reads the version of every record, once per sync and only when it is needed (a
// capture compares every record); a merge of a few changes reads only theirs (version).
func (s *session) loadVersions() error {
	if s.allVersions {
		return nil
	}
	s.allVersions = true
	return s.kv.ForEach(versionPrefix, func(k string, v []byte) error {
		key := k[len(versionPrefix):]
		if _, known := s.versions[key]; known {
			return nil // read already, and perhaps changed by this sync
		}
		ver, err := decodeVersion(v, s.names)
		if err != nil {
			return tracker.Errorf(tracker.Damaged, "%v (%s): turn sync off and on again", err, k)
		}
		s.versions[key] = ver
		return nil
	})
}

// version is what this device knows of one record's version; nil for a record it never had.
func (s *session) version(key string) (*version, error) {
	if v, ok := s.versions[key]; ok || s.allVersions {
		return v, nil
	}
	raw := s.kv.Get(versionPrefix + key)
	if raw == nil {
		return nil, nil
	}
	v, err := decodeVersion(raw, s.names)
	if err != nil {
		return nil, tracker.Errorf(tracker.Damaged, "%v (%s): turn sync off and on again", err, key)
	}
	s.versions[key] = v
	return v, nil
}

func (s *session) set(key string, v *version) {
	s.versions[key] = v
	s.dirty[key] = true
}

func (s *session) save() error {
	// In key order: a B+tree takes many new keys in order at a fraction of the cost of random ones.
	for _, key := range slices.Sorted(maps.Keys(s.dirty)) {
		if err := s.kv.Put(versionPrefix+key, s.versions[key].encode()); err != nil {
			return err
		}
	}
	if err := s.kv.Put(keyClock, s.clock.encode()); err != nil {
		return err
	}
	if err := s.tx.SetIDTag(idTag(s.cfg.Device)); err != nil {
		return err
	}
	if len(s.log) > maxConflicts {
		s.log = s.log[len(s.log)-maxConflicts:]
	}
	for _, kv := range []struct {
		key string
		v   any
	}{{keyConfig, s.cfg}, {keyProblems, s.problems}, {keyConflicts, s.log}, {keyLast, s.rep}} {
		if err := putJSON(s.kv, kv.key, kv.v); err != nil {
			return err
		}
	}
	if s.rep.Brought() > 0 || len(s.rep.Conflicts) > 0 {
		return putJSON(s.kv, keyLastMerge, s.rep)
	}
	return nil
}

// Sync captures this store's changes, merges the other devices' files and writes this device's
// changes to the folder, in one transaction of the store. A folder that cannot be read or
// written is a problem in the report, not an error: the local store stays whole and usable.
func Sync(st Store, opt Options) (Report, error) {
	opt = opt.withDefaults()
	rep := Report{At: opt.Now().UTC().Truncate(time.Millisecond)}
	err := st.Exchange(func(tx Tx) error {
		s, err := begin(tx, opt, &rep)
		if err != nil {
			return err
		}
		if s.cfg.Folder == "" {
			rep.Off = true
			return nil
		}
		s.checkInstance()
		// A store no one wrote to since this device's last sync has nothing to capture: reading
		// the folder's headers is then all a sync costs.
		if commit := tx.Commit(); s.cfg.Commit == 0 || commit != s.cfg.Commit+1 {
			if err := s.capture(); err != nil {
				return err
			}
		}
		s.cfg.Commit = tx.Commit()
		if err := s.merge(); err != nil {
			return err
		}
		if err := s.publish(); err != nil {
			return err
		}
		rep.From = slices.Sorted(maps.Keys(s.from))
		return s.save()
	})
	return rep, err
}

// checkInstance gives a store that was copied or moved a new device id.
func (s *session) checkInstance() {
	if s.cfg.Instance == s.opt.Instance {
		return
	}
	if s.cfg.Instance != "" {
		old := s.cfg.Device
		s.rotate()
		s.rep.Notes = append(s.rep.Notes, fmt.Sprintf(
			"this store was copied or moved from another machine or folder, where it synced as device %s: it now syncs as device %s, so the two never write one file",
			old, s.cfg.Device))
	}
	s.cfg.Instance = s.opt.Instance
}

// rotate takes a new device id; its files start with a snapshot of the whole store.
func (s *session) rotate() {
	s.cfg.Device = newDeviceID(s.opt.Random)
	s.cfg.Generation, s.cfg.Offset, s.cfg.Seq = 0, 0, 0
}

// capture turns what changed in the store since the last sync into stamped changes.
func (s *session) capture() error {
	if err := s.loadVersions(); err != nil {
		return err
	}
	first := len(s.versions) == 0
	err := s.tx.Records(func(key string, value []byte) error {
		h := hashOf(value, false)
		cur := s.versions[key]
		if cur != nil {
			cur.seen = true
			if !cur.deleted && cur.hash == h {
				return nil
			}
		}
		if cur == nil {
			s.firstChange(key, bytes.Clone(value))
		} else {
			s.localChange(key, bytes.Clone(value), false, cur)
		}
		s.versions[key].seen = true
		return nil
	})
	if err != nil {
		return err
	}
	var gone []string
	for key, v := range s.versions {
		if !v.seen && !v.deleted {
			gone = append(gone, key)
		}
		v.seen = false
	}
	sort.Strings(gone)
	for _, key := range gone {
		s.localChange(key, nil, true, s.versions[key])
	}
	if first {
		s.seedDeletes()
	}
	// A record added here that another device's record already is (the same session logged on
	// both) is kept once, by the rule every device applies.
	for _, c := range slices.Clone(s.local) {
		if v, ok := s.tx.Get(c.Key); ok && !c.Deleted {
			if err := s.dedupe(c.Key, v); err != nil {
				return err
			}
		}
	}
	return nil
}

func (s *session) localChange(key string, value []byte, deleted bool, cur *version) {
	c := Change{Key: key, Value: value, Deleted: deleted, Stamp: s.clock.tick(s.now, s.cfg.Device)}
	v := &version{stamp: c.Stamp, hash: hashOf(value, deleted), deleted: deleted}
	if cur != nil {
		base := cur.stamp
		c.Base, v.base = &base, base
	}
	s.set(key, v)
	s.local = append(s.local, c)
}

// seededWall is the stamp's wall time of a record as a new store is seeded with: older than any
// edit, so that the plan a machine was born with never wins over a person's change.
const seededWall = 1

// firstChange stamps a record this device never synced: one logged since the last sync, or any
// record at the first sync of a store that already holds data. Such a record is stamped with
// when it was last changed, as far as it says, not with the time of the sync: a store copied
// (or restored, or imported) from another device before sync was turned on holds that device's
// records as they were then, and the other device's edits made since must win over them.
func (s *session) firstChange(key string, value []byte) {
	c := Change{Key: key, Value: value}
	if s.tx.Seeded(key, value) {
		c.Stamp = Stamp{Wall: seededWall, Device: s.cfg.Device}
	} else if at, ok := s.tx.Modified(key, value); ok && at.UnixMilli() > seededWall && at.Before(s.now) {
		c.Stamp = Stamp{Wall: at.UnixMilli(), Device: s.cfg.Device}
	} else {
		c.Stamp = s.clock.tick(s.now, s.cfg.Device)
	}
	s.set(key, &version{stamp: c.Stamp, hash: hashOf(value, false)})
	s.local = append(s.local, c)
}

// seedDeletes sends, at a device's first sync, the deletes of the records a new store is seeded
// with that this store lacks: the person removed them before sync was on. Each is stamped just
// after a seeded record, so it removes the untouched copy of a machine that joins later, and
// loses to an edit of it made there.
func (s *session) seedDeletes() {
	keys := s.tx.SeedKeys()
	sort.Strings(keys)
	for _, key := range keys {
		if _, present := s.tx.Get(key); present || s.versions[key] != nil {
			continue
		}
		c := Change{Key: key, Deleted: true, Stamp: Stamp{Wall: seededWall + 1, Device: s.cfg.Device}}
		s.set(key, &version{stamp: c.Stamp, hash: hashOf(nil, true), deleted: true})
		s.local = append(s.local, c)
	}
}

// merge reads every device's files in the folder.
func (s *session) merge() error {
	entries, err := os.ReadDir(s.cfg.Folder)
	if err != nil {
		s.rep.Problems = append(s.rep.Problems, fmt.Sprintf("cannot read the sync folder %s (%v): is it mounted? This store is unchanged and will merge when it can", s.cfg.Folder, err))
		return nil
	}
	present := map[string]bool{}
	for _, e := range entries {
		name := e.Name()
		device, kind, class := classify(name)
		if class == classOther || e.IsDir() {
			continue
		}
		present[name] = true
		if class == classForeign {
			s.problems[name] = "its name is not one Corepath writes: skipped (a file of another program, or renamed by hand)"
			continue
		}
		if err := s.readFile(name, device, kind, class); err != nil {
			return err
		}
	}
	for name := range s.problems {
		if !present[name] {
			delete(s.problems, name)
		}
	}
	if err := s.forgetRemoved(present); err != nil {
		return err
	}
	for name, why := range s.problems {
		s.rep.Problems = append(s.rep.Problems, name+": "+why)
	}
	sort.Strings(s.rep.Problems)
	return nil
}

// forgetRemoved notices another device's files that were deleted from the folder (a machine
// retired by hand). What they held is in this store; this device then writes its snapshot
// afresh, so that a machine that joins later still finds it in the folder.
func (s *session) forgetRemoved(present map[string]bool) error {
	var gone []string
	err := s.kv.ForEach(readPrefix, func(k string, _ []byte) error {
		name := strings.TrimPrefix(k, readPrefix)
		if _, _, class := classify(name); class == classFile && !present[name] {
			gone = append(gone, k)
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, k := range gone {
		if err := s.kv.Delete(k); err != nil {
			return err
		}
		s.cfg.Rewrite = true
	}
	return nil
}

// fileRead is what was last read of a file.
type fileRead struct {
	Generation int64 `json:"generation"`
	Offset     int64 `json:"offset"`
	Size       int64 `json:"size"`
}

func (s *session) readFile(name, device, kind string, class fileClass) error {
	path := filepath.Join(s.cfg.Folder, name)
	info, err := os.Stat(path)
	if err != nil {
		return nil // gone since the listing
	}
	var last fileRead
	if err := getJSON(s.kv, readPrefix+name, &last); err != nil {
		return err
	}
	own := device == s.cfg.Device
	if own && class == classFile {
		return nil // checked when this device writes (publish)
	}
	// Within a generation a journal only grows and a snapshot never changes: the same size and
	// generation as last time means nothing new, and costs one short read to find out.
	if h, ok := readHeader(path); ok && h.Generation == last.Generation && info.Size() == last.Size {
		return nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		s.problems[name] = fmt.Sprintf("cannot be read (%v)", err)
		return nil
	}
	delete(s.problems, name)
	from := int64(0)
	whole := class == classConflict || kind == kindSnapshot
	if !whole {
		from = last.Offset
	}
	p, err := parseFile(data, 0)
	if err == nil && !whole && p.hdr.Generation == last.Generation {
		p, err = parseFile(data, from)
	}
	switch {
	case err != nil:
		s.problems[name] = err.Error() + ": skipped"
		return nil
	case p.hdr.Device != device:
		s.problems[name] = fmt.Sprintf("its header names device %s, not the one in its name: skipped", p.hdr.Device)
		return nil
	case p.hdr.Kind != kind:
		s.problems[name] = fmt.Sprintf("it holds a %s, not a %s: skipped", p.hdr.Kind, kind)
		return nil
	case p.hdr.Schema > s.opt.Schema:
		s.problems[name] = fmt.Sprintf("device %s (%s) runs a newer Corepath (data format %d; this one reads %d): update Corepath here; its changes are merged once you do",
			device, p.hdr.Name, p.hdr.Schema, s.opt.Schema)
		return nil
	case class == classFile && p.hdr.Generation < last.Generation:
		s.problems[name] = fmt.Sprintf("it is an older copy (generation %d; generation %d was read already), put back by the sync tool or by hand: nothing in it is new", p.hdr.Generation, last.Generation)
		return nil
	case class == classFile && kind == kindSnapshot && p.hdr.Generation == last.Generation && last.Size > 0:
		return nil // a snapshot is never changed once written: this one was merged already
	}
	if kind == kindSnapshot && !p.ended {
		s.problems[name] = "it has not fully arrived yet (no closing line): it will be merged when it has"
		return nil
	}
	if own {
		s.ownConflictCopy(name, &p)
	} else {
		if err := s.noteDevice(device, &p); err != nil {
			return err
		}
	}
	var refused []string
	for _, b := range p.batches {
		for _, c := range b.Changes {
			if err := s.apply(c, device); tracker.ErrorCode(err) == tracker.Invalid {
				refused = append(refused, err.Error())
			} else if err != nil {
				return err
			}
		}
	}
	switch {
	case len(refused) > 0:
		// Not marked as read: the file is read again at every sync, so that what was refused is
		// merged once this Corepath can take it.
		s.problems[name] = fmt.Sprintf("%s of its changes could not be stored here (%s): the rest was merged",
			fmt.Sprint(len(refused)), refused[0])
		return nil
	case p.damage != "":
		s.problems[name] = p.damage + ": what comes before it was merged; the rest is skipped until the device writes the file again"
	case p.cut:
		s.problems[name] = fmt.Sprintf("its last line is cut off at byte %d (still arriving?): it will be read when it is complete", p.end)
	}
	if class == classConflict {
		s.rep.Notes = append(s.rep.Notes, fmt.Sprintf("%s is a conflict copy made by the sync tool: its changes were merged, and it can be deleted", name))
	}
	return putJSON(s.kv, readPrefix+name, fileRead{Generation: p.hdr.Generation, Offset: p.end, Size: int64(len(data))})
}

// ownConflictCopy looks in a conflict copy of this device's own file for another machine's
// lines: a store copied with its id. This device then takes a new id.
func (s *session) ownConflictCopy(name string, p *parsed) {
	if s.foreignLines(p) {
		old := s.cfg.Device
		s.rotate()
		s.rep.Notes = append(s.rep.Notes, fmt.Sprintf(
			"%s holds lines another machine wrote as this device (%s): a copy of this store runs elsewhere. This machine now syncs as device %s",
			name, old, s.cfg.Device))
	}
}

func (s *session) foreignLines(p *parsed) bool {
	if p.hdr.Instance != s.cfg.Instance {
		return true
	}
	for _, b := range p.batches {
		if b.Instance != "" && b.Instance != s.cfg.Instance || b.Seq > s.cfg.Seq {
			return true // another instance, or a line this device has not written yet
		}
	}
	return false
}

// deviceInfo is what is known of another device.
type deviceInfo struct {
	Name      string `json:"name"`
	LastWrite int64  `json:"last_write"` // Unix milliseconds, by its clock
	Read      int64  `json:"read"`       // when this device last read something new of it
}

func (s *session) noteDevice(device string, p *parsed) error {
	var d deviceInfo
	if err := getJSON(s.kv, devicePrefix+device, &d); err != nil {
		return err
	}
	d.Name = p.hdr.Name
	last := p.hdr.Written
	for _, b := range p.batches {
		for _, c := range b.Changes {
			if c.Stamp.Device == device && c.Stamp.Wall > last {
				last = c.Stamp.Wall
			}
		}
	}
	d.LastWrite = max(d.LastWrite, last)
	d.Read = s.now.UnixMilli()
	if ahead := time.Duration(last-s.now.UnixMilli()) * time.Millisecond; ahead > time.Hour && !s.warnedClock[device] {
		s.warnedClock[device] = true
		s.rep.Notes = append(s.rep.Notes, fmt.Sprintf("device %s (%s) stamps its changes %s ahead of this machine's clock: check the clocks; its edits win until this clock catches up",
			device, p.hdr.Name, ahead.Round(time.Minute)))
	}
	return putJSON(s.kv, devicePrefix+device, d)
}

// apply merges one change from the folder.
func (s *session) apply(c Change, from string) error {
	if c.Key == "" || strings.HasPrefix(c.Key, "/") {
		return nil
	}
	s.clock.see(c.Stamp)
	h := hashOf(c.Value, c.Deleted)
	cur, err := s.version(c.Key)
	if err != nil {
		return err
	}
	if cur != nil && !beats(c.Stamp, h, cur) {
		if c.Stamp != cur.stamp && h != cur.hash && lostUnseen(c.Stamp, cur.stamp, cur.base) {
			s.conflict(c.Key, c.Stamp, c.Value, c.Deleted, cur)
		}
		return nil
	}
	if cur != nil && h != cur.hash && lostUnseen(cur.stamp, c.Stamp, stampOr(c.Base)) {
		old, _ := s.tx.Get(c.Key)
		winner := &version{stamp: c.Stamp, hash: h, deleted: c.Deleted}
		s.conflictLocal(c.Key, cur, bytes.Clone(old), winner, c.Value)
	}
	if cur == nil || h != cur.hash {
		kind, _, _ := strings.Cut(c.Key, "/")
		if c.Deleted {
			if cur != nil && !cur.deleted {
				if err := s.tx.Delete(c.Key); err != nil {
					return err
				}
				count(&s.rep.Deleted, kind)
				s.from[from] = true
			}
		} else {
			if err := s.tx.Put(c.Key, c.Value); err != nil {
				return err
			}
			count(&s.rep.Changed, kind)
			s.from[from] = true
		}
	}
	v := &version{stamp: c.Stamp, hash: h, deleted: c.Deleted}
	if c.Base != nil {
		v.base = *c.Base
	}
	s.set(c.Key, v)
	if !c.Deleted {
		return s.dedupe(c.Key, c.Value)
	}
	return nil
}

func stampOr(s *Stamp) Stamp {
	if s == nil {
		return Stamp{}
	}
	return *s
}

// lostUnseen is true when the winner's writer had not seen the loser: its base is older. Two
// devices' first stamps of one record, as it was when each store was copied, are the same
// instant (its last change) under two device ids: a base at the loser's instant saw it. A
// seeded record that lost is no edit lost.
func lostUnseen(loser, winner, winnerBase Stamp) bool {
	return loser.Device != winner.Device && loser.Wall != seededWall &&
		(winnerBase.Wall < loser.Wall || winnerBase.Wall == loser.Wall && winnerBase.Counter < loser.Counter)
}

func count(m *map[string]int, kind string) {
	if *m == nil {
		*m = map[string]int{}
	}
	(*m)[kind]++
}

// dedupe keeps one of two records that are the same thing (the import rules): the one with the
// smaller key, on every device alike, with what the other held that it lacked.
func (s *session) dedupe(key string, value []byte) error {
	twin, ok := s.tx.Twin(key, value)
	if !ok || twin == key {
		return nil
	}
	keep, drop := min(key, twin), max(key, twin)
	if value, changed, err := s.tx.Absorb(keep, drop); err != nil {
		return err
	} else if changed {
		cur, err := s.version(keep)
		if err != nil {
			return err
		}
		s.foldChange(keep, value, cur)
	}
	if err := s.tx.Delete(drop); err != nil {
		return err
	}
	cur, err := s.version(drop)
	if err != nil {
		return err
	}
	s.localChange(drop, nil, true, cur)
	s.rep.Twins++
	return nil
}

// foldChange records what Absorb put on a kept twin. It is stamped just after the version it
// was made from, not now: an edit or a delete of that record made on another device, and not
// seen here yet, is later and wins over it (the fold lost then goes to the conflict log).
func (s *session) foldChange(key string, value []byte, cur *version) {
	if cur == nil {
		s.localChange(key, value, false, nil)
		return
	}
	base := cur.stamp
	c := Change{Key: key, Value: value, Stamp: Stamp{Wall: base.Wall, Counter: base.Counter + 1, Device: s.cfg.Device}, Base: &base}
	s.set(key, &version{stamp: c.Stamp, base: base, hash: hashOf(value, false)})
	s.local = append(s.local, c)
}

// conflict logs an incoming change that lost to the version here.
func (s *session) conflict(key string, lost Stamp, lostValue []byte, lostDeleted bool, winner *version) {
	var kept []byte
	if !winner.deleted {
		kept, _ = s.tx.Get(key)
	}
	if lostDeleted {
		lostValue = nil
	}
	s.logConflict(key, lost, lostValue, winner.stamp, kept)
}

// conflictLocal logs the version here losing to an incoming one.
func (s *session) conflictLocal(key string, lost *version, lostValue []byte, winner *version, winnerValue []byte) {
	if lost.deleted {
		lostValue = nil
	}
	if winner.deleted {
		winnerValue = nil
	}
	s.logConflict(key, lost.stamp, lostValue, winner.stamp, winnerValue)
}

func (s *session) logConflict(key string, lost Stamp, lostValue []byte, won Stamp, wonValue []byte) {
	if s.seenLog[lost] {
		return
	}
	s.seenLog[lost] = true
	c := Conflict{
		At: s.now.UTC(), Key: key,
		Lost: s.describe(key, lostValue), LostBy: s.deviceName(lost.Device), LostAt: lost.Time().UTC(),
		Kept: s.describe(key, wonValue), KeptBy: s.deviceName(won.Device), KeptAt: won.Time().UTC(),
	}
	if topic, start, ok := s.tx.Timer(key, lostValue); lostValue != nil && ok {
		c.LostTimer = &LostTimer{Topic: topic, Start: start.UTC()}
	}
	s.log = append(s.log, conflictJSON{Conflict: c, Seal: lost})
	s.rep.Conflicts = append(s.rep.Conflicts, c)
}

func (s *session) describe(key string, value []byte) string {
	if value == nil {
		return deletedPrefix + s.tx.Describe(key, nil)
	}
	return s.tx.Describe(key, value)
}

func (s *session) deviceName(id string) string {
	if id == s.cfg.Device {
		return fmt.Sprintf("%s (this device)", s.cfg.Name)
	}
	var d deviceInfo
	_ = getJSON(s.kv, devicePrefix+id, &d)
	if d.Name == "" {
		return id
	}
	return d.Name
}

// publish writes this device's new changes to its journal, or rolls the journal into a
// snapshot when it is new, not as this device left it, or large.
func (s *session) publish() error {
	var pending []Change
	if err := getJSON(s.kv, keyOutbox, &pending); err != nil {
		return err
	}
	pending = append(pending, s.local...)
	journal := filepath.Join(s.cfg.Folder, fileName(s.cfg.Device, kindJournal))
	roll, err := s.mustRoll(journal)
	if err != nil {
		return err
	}
	var line []byte
	if !roll && len(pending) > 0 {
		line, err = appendLine(nil, batch{Seq: s.cfg.Seq + 1, Instance: s.cfg.Instance, Changes: pending})
		if err != nil {
			return err
		}
		roll = s.cfg.Offset+int64(len(line)) > s.opt.RollBytes
	}
	switch {
	case roll:
		err = s.roll()
	case len(pending) > 0:
		if err = appendFile(journal, line); err == nil {
			s.cfg.Seq++
			s.cfg.Offset += int64(len(line))
		}
	}
	if err != nil {
		s.rep.Pending, s.rep.Captured = len(pending), s.local
		s.rep.Problems = append(s.rep.Problems, fmt.Sprintf(
			"cannot write to the sync folder %s (%v): this store has the changes, and the next sync writes them", s.cfg.Folder, err))
		return putJSON(s.kv, keyOutbox, pending)
	}
	s.rep.Sent = len(pending)
	s.rep.Captured = s.local
	return s.kv.Delete(keyOutbox)
}

// mustRoll checks this device's journal in the folder: missing, shorter or longer than this
// device wrote it, or with another machine's lines (a copied store) means writing it afresh.
func (s *session) mustRoll(journal string) (bool, error) {
	if s.cfg.Generation == 0 || s.cfg.Rewrite {
		return true, nil
	}
	if _, err := os.Stat(filepath.Join(s.cfg.Folder, fileName(s.cfg.Device, kindSnapshot))); err != nil {
		return true, nil
	}
	info, err := os.Stat(journal)
	if err != nil {
		return true, nil
	}
	if info.Size() == s.cfg.Offset && s.ownHeader(journal) {
		return false, nil
	}
	data, err := os.ReadFile(journal)
	if err != nil {
		return true, nil
	}
	if p, err := parseFile(data, 0); err == nil && p.hdr.Device == s.cfg.Device && s.foreignLines(&p) {
		old := s.cfg.Device
		s.rotate()
		s.rep.Notes = append(s.rep.Notes, fmt.Sprintf(
			"another machine writes as this device (%s) into %s: a copy of this store runs elsewhere. This machine now syncs as device %s",
			old, filepath.Base(journal), s.cfg.Device))
	}
	return true, nil
}

// ownHeader is true when the journal's first line is the one this device wrote last: an older
// copy of the same size put back by a sync tool has another generation.
func (s *session) ownHeader(journal string) bool {
	h, ok := readHeader(journal)
	return ok && h.Generation == s.cfg.Generation && h.Instance == s.cfg.Instance && h.Device == s.cfg.Device
}

// readHeader reads only a file's first line.
func readHeader(path string) (header, bool) {
	f, err := os.Open(path)
	if err != nil {
		return header{}, false
	}
	defer f.Close()
	buf := make([]byte, 4096)
	n, _ := io.ReadFull(f, buf)
	p, err := parseFile(buf[:n], int64(n))
	return p.hdr, err == nil
}

// roll writes a snapshot of everything this device holds, with every record's stamp, then an
// empty journal, both under the next generation.
func (s *session) roll() error {
	if err := s.loadVersions(); err != nil {
		return err
	}
	gen := s.cfg.Generation + 1
	hdr := header{Format: formatVersion, Device: s.cfg.Device, Name: s.cfg.Name, Instance: s.cfg.Instance,
		Generation: gen, Schema: s.opt.Schema, Written: s.now.UnixMilli()}
	hdr.Kind = kindSnapshot
	buf, err := appendLine(nil, hdr)
	if err != nil {
		return err
	}
	const perLine = 500
	var chunk []Change
	total := 0
	flush := func() error {
		if len(chunk) == 0 {
			return nil
		}
		var err error
		buf, err = appendLine(buf, batch{Instance: s.cfg.Instance, Changes: chunk})
		total += len(chunk)
		chunk = chunk[:0]
		return err
	}
	add := func(c Change) error {
		chunk = append(chunk, c)
		if len(chunk) == perLine {
			return flush()
		}
		return nil
	}
	err = s.tx.Records(func(key string, value []byte) error {
		v := s.versions[key]
		if v == nil {
			return nil
		}
		return add(Change{Key: key, Value: bytes.Clone(value), Stamp: v.stamp, Base: baseOf(v)})
	})
	if err != nil {
		return err
	}
	var tombs []string
	for key, v := range s.versions {
		if v.deleted {
			tombs = append(tombs, key)
		}
	}
	slices.Sort(tombs)
	for _, key := range tombs {
		v := s.versions[key]
		if err := add(Change{Key: key, Deleted: true, Stamp: v.stamp, Base: baseOf(v)}); err != nil {
			return err
		}
	}
	if err := flush(); err != nil {
		return err
	}
	if buf, err = appendLine(buf, batch{End: max(total, 1)}); err != nil {
		return err
	}
	if err := writeAtomically(filepath.Join(s.cfg.Folder, fileName(s.cfg.Device, kindSnapshot)), buf); err != nil {
		return err
	}
	hdr.Kind = kindJournal
	jbuf, err := appendLine(nil, hdr)
	if err != nil {
		return err
	}
	if err := writeAtomically(filepath.Join(s.cfg.Folder, fileName(s.cfg.Device, kindJournal)), jbuf); err != nil {
		return err
	}
	s.cfg.Generation, s.cfg.Offset, s.cfg.Rewrite = gen, int64(len(jbuf)), false
	return nil
}

func baseOf(v *version) *Stamp {
	if v.base.IsZero() {
		return nil
	}
	b := v.base
	return &b
}
