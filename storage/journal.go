package storage

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"

	"corepath/tracker"
)

// Sync's view of the store (package replica merges through it). Every record of a synced
// bucket is a key "bucket/key" and its value bytes, which sync carries without decoding, so a
// bucket added to syncedBuckets syncs with nothing else to write. Sessions are the exception:
// their bucket key holds the start time, which an edit can change, so they sync by id
// ("sessions/<uuid>", value = bucket key + record) and the id index is kept here.

// syncedBuckets are the buckets whose every record syncs between a person's machines. The
// record kinds a person owns go here; a new bucket of them is added to this list.
var syncedBuckets = [][]byte{bucketTopics, bucketMilestones, bucketCourses, bucketExams, bucketTimer,
	bucketAttempts, bucketCredits}

// syncedMetaKeys are the plan's parts kept in the meta bucket. The meta bucket's other keys
// (the format version, the creation time) belong to this file, and window positions are not in
// the store at all: none of them sync.
var syncedMetaKeys = [][]byte{keyProgram, keyGoals, keySettings, keyCertRules}

// bucketSync is sync's bookkeeping on this machine (device id, versions, files read): never synced.
var bucketSync = []byte("sync")

const sessionsKind = "sessions"

// SyncTx is one transaction of sync over the store.
type SyncTx struct {
	tx  *bolt.Tx
	buf []byte
	dec *decoder
	// ids are the session id index's changes, written in id order when the transaction ends
	// (nil: deleted): a merge of many sessions then appends to the index instead of inserting
	// at random places, which in one bbolt transaction costs time quadratic in their number.
	ids map[uuid.UUID][]byte
	// loc is the zone of the report's totals, which every session written or deleted changes
	// (totals.go); totals collects those changes from the first, and is written at the end.
	loc    *time.Location
	totals *totalsDelta
	// seed gives the plan a new store starts with, and seeded holds its records as stored
	// ("bucket/key" to the bytes), read at the first need.
	seed   func() (tracker.Plan, error)
	seeded map[string][]byte
}

// SyncExchange runs fn in one write transaction (View: a read-only one). It does not call
// Options.AfterWrite: it is sync's own write.
func (db *DB) SyncExchange(fn func(*SyncTx) error) error {
	return db.run(true, func(tx *bolt.Tx) error {
		// An older store lacks the buckets added since (the certification record): a merge may
		// bring their first records.
		for _, name := range append([][]byte{bucketSync}, syncedBuckets...) {
			if _, err := tx.CreateBucketIfNotExists(name); err != nil {
				return err
			}
		}
		t := &SyncTx{tx: tx, dec: newDecoder(), ids: map[uuid.UUID][]byte{}, loc: db.opt.Loc, seed: db.opt.Seed}
		if err := fn(t); err != nil {
			return err
		}
		if t.totals != nil {
			if err := t.totals.flush(tx); err != nil {
				return err
			}
		}
		return t.flushIDs()
	})
}

func (t *SyncTx) flushIDs() error {
	ids := t.tx.Bucket(bucketSessionIDs)
	for _, id := range slices.SortedFunc(maps.Keys(t.ids), func(a, b uuid.UUID) int { return bytes.Compare(a[:], b[:]) }) {
		var err error
		if k := t.ids[id]; k == nil {
			err = ids.Delete(id[:])
		} else {
			err = ids.Put(id[:], k)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// sessionKeyOf looks a session's bucket key up by id, with this transaction's changes.
func (t *SyncTx) sessionKeyOf(id uuid.UUID) []byte {
	if k, changed := t.ids[id]; changed {
		return k
	}
	return t.tx.Bucket(bucketSessionIDs).Get(id[:])
}

// SyncView runs fn in a read-only transaction.
func (db *DB) SyncView(fn func(*SyncTx) error) error {
	return db.view(func(tx *bolt.Tx) error { return fn(&SyncTx{tx: tx, dec: newDecoder(), seed: db.opt.Seed}) })
}

// Records calls fn for every synced record. The value is only valid during the call.
func (t *SyncTx) Records(fn func(key string, value []byte) error) error {
	for _, name := range syncedBuckets {
		b := t.tx.Bucket(name)
		if b == nil {
			continue
		}
		prefix := string(name) + "/"
		if err := b.ForEach(func(k, v []byte) error { return fn(prefix+string(k), v) }); err != nil {
			return err
		}
	}
	meta := t.tx.Bucket(bucketMeta)
	for _, k := range syncedMetaKeys {
		if v := meta.Get(k); v != nil {
			if err := fn("meta/"+string(k), v); err != nil {
				return err
			}
		}
	}
	return t.tx.Bucket(bucketSessions).ForEach(func(k, v []byte) error {
		if len(k) != keyLen {
			return nil
		}
		id, _ := uuid.FromBytes(k[8:])
		t.buf = append(append(t.buf[:0], k...), v...)
		return fn(sessionsKind+"/"+id.String(), t.buf)
	})
}

// target is where a sync key lives: a bucket and a key in it, or a session id.
type target struct {
	bucket  *bolt.Bucket
	key     []byte
	session *uuid.UUID
}

func (t *SyncTx) locate(key string) (target, error) {
	kind, rest, _ := strings.Cut(key, "/")
	if kind == sessionsKind {
		id, err := uuid.Parse(rest)
		if err != nil {
			return target{}, tracker.Errorf(tracker.Invalid, "%q is not a session id", rest)
		}
		return target{session: &id}, nil
	}
	if kind == string(bucketMeta) {
		for _, k := range syncedMetaKeys {
			if rest == string(k) {
				return target{bucket: t.tx.Bucket(bucketMeta), key: k}, nil
			}
		}
	}
	for _, name := range syncedBuckets {
		if kind == string(name) && rest != "" {
			return target{bucket: t.tx.Bucket(name), key: []byte(rest)}, nil
		}
	}
	return target{}, tracker.Errorf(tracker.Invalid, "a kind of record this version of Corepath does not know (%s): update Corepath on this machine", kind)
}

// Get returns a synced record's value.
func (t *SyncTx) Get(key string) ([]byte, bool) {
	at, err := t.locate(key)
	if err != nil {
		return nil, false
	}
	if at.session != nil {
		k := t.sessionKeyOf(*at.session)
		if k == nil {
			return nil, false
		}
		return append(bytes.Clone(k), t.tx.Bucket(bucketSessions).Get(k)...), true
	}
	v := at.bucket.Get(at.key)
	return v, v != nil
}

// Put stores a record from another device. A session's value must decode, so that a damaged
// record is refused whole rather than stored; a refusal is an Invalid error.
func (t *SyncTx) Put(key string, value []byte) error {
	at, err := t.locate(key)
	if err != nil {
		return err
	}
	if at.session == nil {
		return at.bucket.Put(at.key, bytes.Clone(value))
	}
	var s tracker.Session
	if len(value) < keyLen || !bytes.Equal(value[8:keyLen], at.session[:]) || t.dec.decode(value[:keyLen], value[keyLen:], &s) != nil {
		return tracker.Errorf(tracker.Invalid, "the record of session %s is malformed", at.session)
	}
	if err := t.deleteSession(*at.session); err != nil {
		return err
	}
	k := bytes.Clone(value[:keyLen])
	if err := t.tx.Bucket(bucketSessions).Put(k, bytes.Clone(value[keyLen:])); err != nil {
		return err
	}
	t.totals.add(k, &s)
	t.ids[*at.session] = k
	return nil
}

// keepTotals readies the totals for the transaction's first change of a session.
func (t *SyncTx) keepTotals() error {
	if t.totals != nil {
		return nil
	}
	var err error
	t.totals, err = keptTotals(t.tx, t.loc)
	return err
}

// Delete removes a record another device deleted.
func (t *SyncTx) Delete(key string) error {
	at, err := t.locate(key)
	if err != nil {
		return err
	}
	if at.session != nil {
		return t.deleteSession(*at.session)
	}
	return at.bucket.Delete(at.key)
}

// deleteSession removes a session, uncounting it from the totals; it readies them first, so
// that Put can count the session it stores next.
func (t *SyncTx) deleteSession(id uuid.UUID) error {
	if err := t.keepTotals(); err != nil {
		return err
	}
	k := bytes.Clone(t.sessionKeyOf(id))
	if k == nil {
		return nil
	}
	b := t.tx.Bucket(bucketSessions)
	var old tracker.Session
	v := b.Get(k)
	if v != nil {
		if err := t.dec.decodeFields(k, v, &old, true); err != nil {
			return tracker.Errorf(tracker.Damaged, "the stored record of session %s is malformed", id)
		}
	}
	if err := b.Delete(k); err != nil {
		return err
	}
	if v != nil {
		t.totals.remove(k, &old)
	}
	t.ids[id] = nil
	return nil
}

// Twin finds another session that is the same as a session's value: the same start, length and
// topic (the import rule for sessions already present), so that a session logged or imported on
// two machines is kept once.
func (t *SyncTx) Twin(key string, value []byte) (string, bool) {
	if !strings.HasPrefix(key, sessionsKind+"/") || len(value) < keyLen {
		return "", false
	}
	var s, other tracker.Session
	d := t.dec
	if d.decode(value[:keyLen], value[keyLen:], &s) != nil {
		return "", false
	}
	prefix := value[:8]
	c := t.tx.Bucket(bucketSessions).Cursor()
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		if bytes.Equal(k, value[:keyLen]) || d.decode(k, v, &other) != nil {
			continue
		}
		if other.Duration == s.Duration && other.TopicID == s.TopicID && other.Kind == s.Kind {
			return sessionsKind + "/" + other.ID, true
		}
	}
	return "", false
}

// Absorb folds into the session under keep what its twin under drop holds that it lacks (a
// note, tags, a focus rating: tracker.FoldTwin), before sync drops the twin, so that nothing
// written on either machine is lost. It returns keep's new value, and false when keep already
// held everything (or either is not a session).
func (t *SyncTx) Absorb(keep, drop string) ([]byte, bool, error) {
	kept, ok1 := t.Get(keep)
	dropped, ok2 := t.Get(drop)
	if !ok1 || !ok2 || !strings.HasPrefix(keep, sessionsKind+"/") || len(kept) < keyLen || len(dropped) < keyLen {
		return nil, false, nil
	}
	var s, twin tracker.Session
	if t.dec.decode(kept[:keyLen], kept[keyLen:], &s) != nil || t.dec.decode(dropped[:keyLen], dropped[keyLen:], &twin) != nil {
		return nil, false, nil
	}
	if !tracker.FoldTwin(&s, &twin) {
		return nil, false, nil
	}
	key := kept[:keyLen:keyLen]
	value := append(bytes.Clone(key), encodeSession(key, &s)...)
	return value, true, t.Put(keep, value)
}

// Modified is a session's (or the timer's) Updated time; other records do not keep one.
func (t *SyncTx) Modified(key string, value []byte) (time.Time, bool) {
	kind, _, _ := strings.Cut(key, "/")
	if kind != sessionsKind && kind != string(bucketTimer) || len(value) < keyLen {
		return time.Time{}, false
	}
	var s tracker.Session
	if t.dec.decode(value[:keyLen], value[keyLen:], &s) != nil {
		return time.Time{}, false
	}
	if !s.Updated.IsZero() {
		return s.Updated, true
	}
	return s.Created, !s.Created.IsZero()
}

// Seeded reports whether a plan record is as a new store is seeded with: a machine that joins
// sync must not undo, with the plan it was born with, what the person changed on another.
func (t *SyncTx) Seeded(key string, value []byte) bool {
	seeded, ok := t.seedRecords()[key]
	return ok && bytes.Equal(seeded, value)
}

// SeedKeys are the sync keys of the seed plan's records.
func (t *SyncTx) SeedKeys() []string { return slices.Collect(maps.Keys(t.seedRecords())) }

// seedRecords are the records of the seed plan as a new store holds them, by sync key; none
// when there is no seed to read.
func (t *SyncTx) seedRecords() map[string][]byte {
	if t.seeded != nil || t.seed == nil {
		return t.seeded
	}
	t.seeded = map[string][]byte{}
	p, err := t.seed()
	if err != nil {
		return t.seeded
	}
	for _, r := range planRecords(&p) {
		if data, err := json.Marshal(r.value); err == nil {
			t.seeded[string(r.bucket)+"/"+r.key] = sealJSON([]byte(r.key), data)
		}
	}
	return t.seeded
}

// Timer gives the topic (its path) and the start of a running timer's record, so that a timer
// that lost a conflict can still be logged; ok is false for any other record.
func (t *SyncTx) Timer(key string, value []byte) (topic string, start time.Time, ok bool) {
	kind, _, _ := strings.Cut(key, "/")
	var s tracker.Session
	if kind != string(bucketTimer) || len(value) < keyLen || t.dec.decode(value[:keyLen], value[keyLen:], &s) != nil {
		return "", time.Time{}, false
	}
	plan, _ := readPlan(t.tx)
	return plan.TopicPath(s.TopicID), s.Start, true
}

// Describe names a record for the conflict log.
func (t *SyncTx) Describe(key string, value []byte) string {
	kind, id, _ := strings.Cut(key, "/")
	plan, _ := readPlan(t.tx)
	switch {
	case kind == sessionsKind && len(value) >= keyLen || kind == string(bucketTimer) && len(value) >= keyLen:
		var s tracker.Session
		if t.dec.decode(value[:keyLen], value[keyLen:], &s) != nil {
			break
		}
		start := s.Start.In(time.Local).Format("2006-01-02 15:04")
		if kind == string(bucketTimer) {
			return fmt.Sprintf("the timer for %s started %s", plan.TopicPath(s.TopicID), start)
		}
		note := ""
		if s.Note != "" {
			note = fmt.Sprintf(", %q", s.Note)
		}
		return fmt.Sprintf("the session of %s, %s of %s%s", start, tracker.FormatDuration(s.Duration), plan.TopicPath(s.TopicID), note)
	case kind == sessionsKind:
		return "session " + id
	case kind == string(bucketTimer):
		return "the running timer"
	}
	var named struct{ Name, Title, Code string }
	if getJSON([]byte(id), value, &named) == nil {
		for _, n := range []string{named.Name, named.Title, named.Code} {
			if n != "" {
				return fmt.Sprintf("%s %s (%s)", strings.TrimSuffix(kind, "s"), id, n)
			}
		}
	}
	return fmt.Sprintf("%s %s", strings.TrimSuffix(kind, "s"), id)
}

// Commit is bbolt's id of this transaction: a write transaction's is one more than the last
// commit's, so sync can tell that no one wrote since its own last transaction.
func (t *SyncTx) Commit() int64 { return int64(t.tx.ID()) }

// Local is sync's bookkeeping bucket.
func (t *SyncTx) Local() *SyncKV { return &SyncKV{b: t.tx.Bucket(bucketSync)} }

// keyIDTag is where SetIDTag keeps the device's tag, among sync's bookkeeping.
const keyIDTag = "id_tag"

// SetIDTag keeps the tag that follows the number in the id of every plan record this store
// creates from now on (newRecordID), so that no other device gives the same id to another record.
func (t *SyncTx) SetIDTag(tag string) error {
	return t.tx.Bucket(bucketSync).Put([]byte(keyIDTag), []byte(tag))
}

// SyncKV is a bucket of sync's bookkeeping; in a read-only transaction of a store that never
// synced it is empty.
type SyncKV struct{ b *bolt.Bucket }

func (kv *SyncKV) Get(key string) []byte {
	if kv.b == nil {
		return nil
	}
	return kv.b.Get([]byte(key))
}

func (kv *SyncKV) Put(key string, value []byte) error {
	if kv.b == nil {
		return tracker.Errorf(tracker.Internal, "sync's bookkeeping is read-only here")
	}
	return kv.b.Put([]byte(key), value)
}

func (kv *SyncKV) Delete(key string) error {
	if kv.b == nil {
		return nil
	}
	return kv.b.Delete([]byte(key))
}

// ForEach calls fn for every key that starts with prefix, in key order.
func (kv *SyncKV) ForEach(prefix string, fn func(key string, value []byte) error) error {
	if kv.b == nil {
		return nil
	}
	c := kv.b.Cursor()
	p := []byte(prefix)
	for k, v := c.Seek(p); k != nil && bytes.HasPrefix(k, p); k, v = c.Next() {
		if err := fn(string(k), v); err != nil {
			return err
		}
	}
	return nil
}

// SchemaVersion is the data format this build writes, which sync records in its files.
func SchemaVersion() int { return schemaVersion }
