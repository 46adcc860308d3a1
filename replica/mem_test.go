package replica

import (
	"errors"
	"maps"
	"slices"
	"strings"
)

// memStore is a store in memory: a transaction works on copies and keeps them only if it
// returns no error, as bbolt does.
type memStore struct {
	records map[string][]byte
	local   map[string][]byte
}

func newMemStore() *memStore {
	return &memStore{records: map[string][]byte{}, local: map[string][]byte{}}
}

func (m *memStore) Exchange(fn func(Tx) error) error {
	tx := &memTx{records: maps.Clone(m.records), local: memKV(maps.Clone(m.local))}
	if err := fn(tx); err != nil {
		return err
	}
	m.records, m.local = tx.records, map[string][]byte(tx.local)
	return nil
}

func (m *memStore) View(fn func(Tx) error) error {
	return fn(&memTx{records: m.records, local: memKV(m.local), readOnly: true})
}

type memTx struct {
	records  map[string][]byte
	local    memKV
	readOnly bool
}

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
