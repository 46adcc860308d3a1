package storage

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"slices"
	"strings"
	"unicode"

	bolt "go.etcd.io/bbolt"

	"corepath/tracker"
)

// The topic names cache lets a log find its topic by name (tracker.NamePrefix) without decoding
// every topic: one record holds each topic's name in lower case and its id, so that a log decodes
// the two or three topic records its name can match instead of a hundred. It is derived data like
// the totals: never synced, and believed only while it was built from the topics as they are now.
// Its record, "names":
//
//	the SHA-256 of the rest of the record
//	the topics' stamp (topicsStamp) when it was built
//	for each topic: its lower-case name and its id, each a uvarint length and the bytes
var (
	bucketTopicNames = []byte("topic_names")
	topicNamesKey    = []byte("names")
)

// topicsStamp hashes the topics' bucket as stored, every key and value: whatever writes a topic
// (the app, the command line, a sync merge, an import, a migration, a restored backup), the stamp
// changes, so a names cache built from other topics is never believed, and no write needs to
// remember to update it.
func topicsStamp(b *bolt.Bucket) [sha256.Size]byte {
	h := sha256.New()
	// The names are lower-cased by this version of Unicode's rules: another's may differ.
	h.Write([]byte("corepath topic names 1, Unicode " + unicode.Version + "\n"))
	var n []byte
	_ = b.ForEach(func(k, v []byte) error {
		n = binary.AppendUvarint(binary.AppendUvarint(n[:0], uint64(len(k))), uint64(len(v)))
		h.Write(n)
		h.Write(k)
		h.Write(v)
		return nil
	})
	var sum [sha256.Size]byte
	h.Sum(sum[:0])
	return sum
}

// writeTopicNames stores the names cache for topics, as read from the bucket now.
func writeTopicNames(tx *bolt.Tx, topics []tracker.Topic) error {
	b, err := tx.CreateBucketIfNotExists(bucketTopicNames)
	if err != nil {
		return err
	}
	stamp := topicsStamp(tx.Bucket(bucketTopics))
	rec := make([]byte, sha256.Size, 2*sha256.Size+len(topics)*48)
	rec = append(rec, stamp[:]...)
	for i := range topics {
		rec = appendField(rec, strings.ToLower(topics[i].Name))
		rec = appendField(rec, topics[i].ID)
	}
	sum := sha256.Sum256(rec[sha256.Size:])
	copy(rec, sum[:])
	return b.Put(topicNamesKey, rec)
}

func appendField(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

// topicsNamed returns the topics whose lower-case names start with prefix, and their parents,
// through the names cache, in their order, and whether another topic's name holds prefix as a
// word (for tracker.SettledByNamePrefix). ok is false when there is no cache, when it was built
// from other topics, or when anything in it or in the records it names is not as it should be:
// the caller then reads every topic, which also reports any damage.
func topicsNamed(tx *bolt.Tx, prefix string) (topics []tracker.Topic, wordElsewhere, ok bool) {
	names, all := tx.Bucket(bucketTopicNames), tx.Bucket(bucketTopics)
	if names == nil || all == nil {
		return nil, false, false
	}
	rec := names.Get(topicNamesKey)
	if len(rec) < 2*sha256.Size || sha256.Sum256(rec[sha256.Size:]) != [sha256.Size]byte(rec[:sha256.Size]) ||
		topicsStamp(all) != [sha256.Size]byte(rec[sha256.Size:2*sha256.Size]) {
		return nil, false, false
	}
	var parents []string
	for rest := rec[2*sha256.Size:]; len(rest) > 0; {
		var name, id []byte
		if name, rest, ok = nextField(rest); ok {
			id, rest, ok = nextField(rest)
		}
		if !ok {
			return nil, false, false
		}
		if len(name) < len(prefix) || string(name[:len(prefix)]) != prefix {
			wordElsewhere = wordElsewhere || tracker.HoldsWord(string(name), prefix)
			continue
		}
		t, err := getTopic(all, id)
		if err != nil || strings.ToLower(t.Name) != string(name) {
			return nil, false, false
		}
		topics = append(topics, t)
		if t.ParentID != "" {
			parents = append(parents, t.ParentID)
		}
	}
	for _, id := range parents {
		if slices.ContainsFunc(topics, func(t tracker.Topic) bool { return t.ID == id }) {
			continue
		}
		t, err := getTopic(all, []byte(id))
		if err != nil {
			return nil, false, false
		}
		topics = append(topics, t)
	}
	slices.SortStableFunc(topics, func(a, b tracker.Topic) int { return a.Order - b.Order })
	return topics, wordElsewhere, true
}

// nextField reads one of appendField's fields.
func nextField(b []byte) (field, rest []byte, ok bool) {
	n, size := binary.Uvarint(b)
	if size <= 0 || n > uint64(len(b)-size) {
		return nil, nil, false
	}
	return b[size : size+int(n)], b[size+int(n):], true
}

// getTopic decodes the topic record of id, as readTopics does.
func getTopic(b *bolt.Bucket, id []byte) (t tracker.Topic, err error) {
	raw := b.Get(id)
	if raw == nil {
		return t, fmt.Errorf("no topic %q", id)
	}
	data, err := unsealJSON(id, raw)
	if err != nil {
		return t, err
	}
	// string(data) is a copy: the topic's strings outlive the transaction's memory.
	return t, decodeTopicRecord(id, string(data), &t)
}
