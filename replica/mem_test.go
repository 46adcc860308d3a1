package replica

import (
	"bytes"
	"errors"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"
)

// memStore is a store in memory: a transaction works on copies and keeps them only if it
// returns no error, as bbolt does. Tests change records directly, as the app and the command
// line would: such a change counts as a commit of its own, as it would in bbolt.
type memStore struct {
	seeds     []string // the keys of its seeded records (SeedKeys)
	records   map[string][]byte
	local     map[string][]byte
	commits   int64
	committed map[string][]byte // the records as the last transaction left them
}

func newMemStore() *memStore {
	return &memStore{records: map[string][]byte{}, local: map[string][]byte{}}
}

func (m *memStore) Exchange(fn func(Tx) error) error {
	if !maps.EqualFunc(m.records, m.committed, bytes.Equal) {
		m.commits++ // written to since the last transaction
	}
	tx := &memTx{seeds: m.seeds, records: maps.Clone(m.records), local: memKV(maps.Clone(m.local)), commit: m.commits + 1}
	if err := fn(tx); err != nil {
		return err
	}
	m.records, m.local = tx.records, map[string][]byte(tx.local)
	m.commits++
	m.committed = maps.Clone(m.records)
	return nil
}

func (m *memStore) View(fn func(Tx) error) error {
	return fn(&memTx{seeds: m.seeds, records: m.records, local: memKV(m.local), readOnly: true, commit: m.commits})
}

type memTx struct {
	seeds    []string
	records  map[string][]byte
	local    memKV
	readOnly bool
	commit   int64
}

// SetIDTag keeps the tag among the local bookkeeping, as the real store does.
func (t *memTx) SetIDTag(tag string) error { return t.local.Put("id_tag", []byte(tag)) }

func (t *memTx) Commit() int64 { return t.commit }

var errReadOnly = errors.New("read-only transaction")

func (t *memTx) Records(fn func(string, []byte) error) error {
	for _, k := range slices.Sorted(maps.Keys(t.records)) {
		if err := fn(k, t.records[k]); err != nil {
			return err
		}
	}
	return nil
}

func (t *memTx) Get(key string) ([]byte, bool) { v, ok := t.records[key]; return v, ok }

func (t *memTx) Put(key string, value []byte) error {
	if t.readOnly {
		return errReadOnly
	}
	t.records[key] = append([]byte(nil), value...)
	return nil
}

func (t *memTx) Delete(key string) error {
	if t.readOnly {
		return errReadOnly
	}
	delete(t.records, key)
	return nil
}

// Twin: in memory, a value "same:X" is the same record as any other "same:X".
func (t *memTx) Twin(key string, value []byte) (string, bool) {
	if !strings.HasPrefix(string(value), "same:") {
		return "", false
	}
	for k, v := range t.records {
		if k != key && string(v) == string(value) {
			return k, true
		}
	}
	return "", false
}

// Absorb: twins in memory are equal values, so the kept one lacks nothing.
func (t *memTx) Absorb(string, string) ([]byte, bool, error) { return nil, false, nil }

// Modified reads a value "...@UNIXSECONDS" as changed then; other values do not say.
func (t *memTx) Modified(_ string, value []byte) (time.Time, bool) {
	_, at, ok := strings.Cut(string(value), "@")
	if !ok {
		return time.Time{}, false
	}
	sec, err := strconv.ParseInt(at, 10, 64)
	return time.Unix(sec, 0), err == nil
}

// Seeded: in memory, a value "seed:…" is as a new store is seeded with.
func (t *memTx) Seeded(_ string, value []byte) bool { return strings.HasPrefix(string(value), "seed:") }

// SeedKeys: in memory, the keys the test gave the store as seeded.
func (t *memTx) SeedKeys() []string { return t.seeds }

func (t *memTx) Timer(string, []byte) (string, time.Time, bool) { return "", time.Time{}, false }

func (t *memTx) Describe(key string, value []byte) string {
	if value == nil {
		return key
	}
	return key + "=" + string(value)
}

func (t *memTx) Local() KV { return t.local }

type memKV map[string][]byte

func (kv memKV) Get(key string) []byte { return kv[key] }
func (kv memKV) Put(key string, value []byte) error {
	kv[key] = append([]byte(nil), value...)
	return nil
}
func (kv memKV) Delete(key string) error { delete(kv, key); return nil }
func (kv memKV) ForEach(prefix string, fn func(string, []byte) error) error {
	for _, k := range slices.Sorted(maps.Keys(kv)) {
		if strings.HasPrefix(k, prefix) {
			if err := fn(k, kv[k]); err != nil {
				return err
			}
		}
	}
	return nil
}
