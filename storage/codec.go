package storage

import (
	"encoding/binary"
	"errors"
	"time"

	"github.com/google/uuid"

	"corepath/tracker"
)

// A session's key is its start instant (8 bytes, big-endian, sign bit flipped so that order is
// time order) followed by its UUID (16 bytes). A date range is then one cursor seek and a walk,
// and two sessions that start in the same second never collide.
const keyLen = 8 + 16

func timeKey(t time.Time) []byte {
	k := make([]byte, 8, keyLen)
	binary.BigEndian.PutUint64(k, uint64(t.Unix())^(1<<63))
	return k
}

func sessionKey(start time.Time, id uuid.UUID) []byte {
	return append(timeKey(start), id[:]...)
}

func keyStart(k []byte) time.Time {
	return time.Unix(int64(binary.BigEndian.Uint64(k)^(1<<63)), 0).UTC()
}

// Session values are a compact binary record rather than JSON: reading 100,000 of them for a
// report must take milliseconds, and JSON decoding alone would take longer than the whole
// budget. The first byte is the record's version so that the format can evolve.
const recordV1 = 1

var errBadRecord = errors.New("a session record is malformed")

// A record: version, flags (bit 0: running), kind (its index in tracker.Kinds), then varints:
// duration and planned length in seconds, created and updated in Unix seconds, focus; then the
// topic, milestone and course ids, the tags and the note, each as a length and its bytes; then,
// for an imported session only, its source. Records written before sources existed end after
// the note and still decode.
func encodeSession(s *tracker.Session) []byte {
	b := make([]byte, 0, 48+len(s.Note))
	b = append(b, recordV1)
	var flags byte
	if s.Running {
		flags |= 1
	}
	b = append(b, flags, kindCode(s.Kind))
	b = binary.AppendUvarint(b, uint64(s.Duration/time.Second))
	b = binary.AppendUvarint(b, uint64(s.Planned/time.Second))
	b = binary.AppendVarint(b, s.Created.Unix())
	b = binary.AppendVarint(b, s.Updated.Unix())
	b = binary.AppendUvarint(b, uint64(s.Focus))
	for _, str := range []string{s.TopicID, s.MilestoneID, s.CourseID} {
		b = appendString(b, str)
	}
	b = binary.AppendUvarint(b, uint64(len(s.Tags)))
	for _, t := range s.Tags {
		b = appendString(b, t)
	}
	b = appendString(b, s.Note)
	if s.Source != "" {
		b = appendString(b, s.Source)
	}
	return b
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// decoder turns records into sessions, sharing one copy of each repeated string (topics, kinds,
// tags) so that a scan of many sessions allocates little.
type decoder struct {
	strings   map[string]string
	recent    [256]string // a direct-mapped cache in front of the map: no hashing for the common strings
	lastTopic string      // consecutive sessions often share a topic
}

func newDecoder() *decoder { return &decoder{strings: map[string]string{}} }

func (d *decoder) intern(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	slot := &d.recent[slotOf(b)]
	if *slot == string(b) {
		return *slot
	}
	s, ok := d.strings[string(b)]
	if !ok {
		s = string(b)
		if len(d.strings) < 4096 {
			d.strings[s] = s
		}
	}
	*slot = s
	return s
}

// slotOf picks a cache slot from a string's length and a few of its bytes: cheap, and varied
// enough for topic ids that share a prefix.
func slotOf[T string | []byte](b T) int {
	n := len(b)
	return (n*31 + int(b[0])*7 + int(b[n-1])*13 + int(b[n/2])*17 + int(b[n*3/4])*5) & 255
}

type reader struct {
	b   []byte
	err error
}

func (r *reader) uvarint() uint64 {
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.err, r.b = errBadRecord, nil
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *reader) varint() int64 {
	v, n := binary.Varint(r.b)
	if n <= 0 {
		r.err, r.b = errBadRecord, nil
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *reader) bytes() []byte {
	n := r.uvarint()
	if r.err != nil || n > uint64(len(r.b)) {
		r.err, r.b = errBadRecord, nil
		return nil
	}
	out := r.b[:n]
	r.b = r.b[n:]
	return out
}

// kindCode is a kind's index in tracker.Kinds; validation lets no other kind be stored.
func kindCode(k tracker.Kind) byte {
	for i, x := range tracker.Kinds {
		if x == k {
			return byte(i)
		}
	}
	return 0
}

// decode fills s from a key and its value; s's tag slice is reused. With totalsOnly the ID, the
// note and the created and updated times are left empty.
func (d *decoder) decode(key, val []byte, s *tracker.Session) error {
	return d.decodeFields(key, val, s, false)
}

func (d *decoder) decodeFields(key, val []byte, s *tracker.Session, totalsOnly bool) error {
	if len(key) != keyLen || len(val) < 3 || val[0] != recordV1 || int(val[2]) >= len(tracker.Kinds) {
		return errBadRecord
	}
	if totalsOnly {
		s.ID = ""
	} else {
		id, _ := uuid.FromBytes(key[8:])
		s.ID = id.String()
	}
	s.Start = keyStart(key)
	s.Running = val[1]&1 != 0
	s.Kind = tracker.Kinds[val[2]]
	r := reader{b: val[3:]}
	s.Duration = time.Duration(r.uvarint()) * time.Second
	s.Planned = time.Duration(r.uvarint()) * time.Second
	created, updated := r.varint(), r.varint()
	if totalsOnly {
		s.Created, s.Updated = time.Time{}, time.Time{}
	} else {
		s.Created, s.Updated = time.Unix(created, 0).UTC(), time.Unix(updated, 0).UTC()
	}
	s.Focus = int(r.uvarint())
	if topic := r.bytes(); string(topic) != d.lastTopic {
		d.lastTopic = d.intern(topic)
	}
	s.TopicID = d.lastTopic
	s.MilestoneID = d.intern(r.bytes())
	s.CourseID = d.intern(r.bytes())
	n := r.uvarint()
	if n > tracker.MaxTags {
		return errBadRecord
	}
	s.Tags = s.Tags[:0]
	for i := uint64(0); i < n; i++ {
		s.Tags = append(s.Tags, d.intern(r.bytes()))
	}
	if len(s.Tags) == 0 {
		s.Tags = nil
	}
	if note := r.bytes(); totalsOnly {
		s.Note = ""
	} else {
		s.Note = string(note)
	}
	s.Source = ""
	if len(r.b) > 0 {
		// An empty source is never written, so one here is damage, not a record.
		source := r.bytes()
		if len(source) == 0 && r.err == nil {
			return errBadRecord
		}
		if !totalsOnly {
			s.Source = string(source)
		}
	}
	if r.err != nil || len(r.b) != 0 {
		return errBadRecord
	}
	return nil
}
