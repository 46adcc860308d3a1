package storage

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"unicode/utf8"

	bolt "go.etcd.io/bbolt"
)

// Plan records (topics, milestones, courses, exams, attempts, credits, and the program, goals,
// settings and rules in meta) are JSON, sealed with a line holding the CRC-32C of their key and
// text: a flipped letter in a topic's name or a digit of a blueprint weight is still valid JSON
// and would otherwise be read as the truth. encoding/json never writes a raw newline, so the
// seal cannot be confused with the record. Records written before seals existed have none; they
// are read as they are and sealed when schema 2 rewrites them.
const sealLen = 1 + 8 // "\n" and eight hex digits

func sealJSON(key, data []byte) []byte {
	out := make([]byte, 0, len(data)+sealLen)
	out = append(out, data...)
	out = append(out, '\n')
	return hex.AppendEncode(out, recordChecksumBytes(key, data))
}

func recordChecksumBytes(key, data []byte) []byte {
	sum := recordChecksum(key, data)
	return []byte{byte(sum >> 24), byte(sum >> 16), byte(sum >> 8), byte(sum)}
}

// unsealJSON returns a record's JSON text, checking its seal when it has one.
func unsealJSON(key, raw []byte) ([]byte, error) {
	if !utf8.Valid(raw) {
		return nil, fmt.Errorf("record %q holds bytes that are not text", key)
	}
	at := len(raw) - sealLen
	if at < 0 || raw[at] != '\n' {
		if bytes.IndexByte(raw, '\n') >= 0 {
			return nil, fmt.Errorf("record %q fails its checksum: its seal is damaged", key)
		}
		return raw, nil // written before seals
	}
	data := raw[:at]
	if !bytes.Equal(hex.AppendEncode(nil, recordChecksumBytes(key, data)), raw[at+1:]) {
		return nil, fmt.Errorf("record %q fails its checksum: some of its bytes changed since it was written", key)
	}
	return data, nil
}

func putJSON(b *bolt.Bucket, key string, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return b.Put([]byte(key), sealJSON([]byte(key), data))
}

// getJSON decodes a sealed (or older, unsealed) record into v.
func getJSON(key, raw []byte, v any) error {
	data, err := unsealJSON(key, raw)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("record %q: %w", key, err)
	}
	return nil
}

// readAll decodes a bucket of plan records.
func readAll[T any](b *bolt.Bucket) ([]T, error) {
	var out []T
	err := b.ForEach(func(k, v []byte) error {
		var x T
		if err := getJSON(k, v, &x); err != nil {
			return err
		}
		out = append(out, x)
		return nil
	})
	return out, err
}

// planRecordBuckets and planMetaKeys are where sealed records live, for the schema 2 migration.
var planMetaKeys = [][]byte{keyProgram, keyGoals, keySettings, keyCertRules}

func planRecordBuckets() [][]byte {
	return [][]byte{bucketTopics, bucketMilestones, bucketCourses, bucketExams, bucketAttempts, bucketCredits}
}

// sealPlanRecords seals every plan record written before seals existed.
func sealPlanRecords(tx *bolt.Tx) error {
	reseal := func(b *bolt.Bucket, keys [][]byte) error {
		type record struct{ key, val []byte }
		var sealed []record
		visit := func(k, v []byte) error {
			if v == nil {
				return nil
			}
			data, err := unsealJSON(k, v)
			if err != nil {
				return err
			}
			if len(data) != len(v) {
				return nil // already sealed
			}
			sealed = append(sealed, record{append([]byte(nil), k...), sealJSON(k, data)})
			return nil
		}
		if keys == nil {
			if err := b.ForEach(visit); err != nil {
				return err
			}
		}
		for _, k := range keys {
			if err := visit(k, b.Get(k)); err != nil {
				return err
			}
		}
		for _, r := range sealed {
			if err := b.Put(r.key, r.val); err != nil {
				return err
			}
		}
		return nil
	}
	for _, name := range planRecordBuckets() {
		if b := tx.Bucket(name); b != nil {
			if err := reseal(b, nil); err != nil {
				return err
			}
		}
	}
	return reseal(tx.Bucket(bucketMeta), planMetaKeys)
}
