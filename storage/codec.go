package storage

import (
	"encoding/binary"
	"errors"
	"hash/crc32"
	"slices"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"

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

// sessionDamage says what is wrong with the session record stored under k, which failed to
// decode with err: named by the start its key holds, as a person knows a session, not by the
// key's bytes.
func sessionDamage(k []byte, err error) string {
	what := "a session record"
	if len(k) == keyLen {
		what = "the session stored as starting " + keyStart(k).Format(time.RFC3339)
	}
	if errors.Is(err, errBadChecksum) {
		return what + " fails its checksum: some of its bytes changed since it was written"
	}
	return what + " is malformed"
}

// Session values are a compact binary record rather than JSON: reading 100,000 of them for a
// report must take milliseconds, and JSON decoding alone would take longer than the whole
// budget. The first byte is the record's version so that the format can evolve. Version 2 is
// version 1's fields followed by a CRC-32C of the key and everything before it, so that a flipped
// byte in a start, a duration or a topic is found by the reader instead of becoming a wrong figure;
// version 1 records, written before, still decode and gain the checksum when they are rewritten.
const (
	recordV1 = 1
	recordV2 = 2
	crcLen   = 4
)

func recordChecksum(key, body []byte) uint32 {
	return crc32c(crc32c(0, key), body)
}

// crc32c is CRC-32C (Castagnoli). hash/crc32's fast version builds its tables on first use,
// 0.15 ms here, which a command that checks a few records (a log: the topics and one session)
// would spend on them alone; those bytes go eight at a time through tables of 8 KB made in a few
// microseconds instead, and the fast version takes over once a process has checksummed 128 KB
// (a report, an export).
func crc32c(crc uint32, p []byte) uint32 {
	if t := castagnoliTable.Load(); t != nil {
		return crc32.Update(crc, t, p)
	}
	if checksummed.Add(int64(len(p))) > 128<<10 { // the tables' cost, in bytes checksummed by table
		castagnoliTable.Store(crc32.MakeTable(crc32.Castagnoli))
	}
	return crc32cBySlices(crc, p)
}

// crc32cBySlices is crc32c through castagnoliSlices.
func crc32cBySlices(crc uint32, p []byte) uint32 {
	t := castagnoliSlices()
	crc = ^crc
	for len(p) >= 8 { // slicing-by-8, as hash/crc32 does without the instruction
		crc ^= binary.LittleEndian.Uint32(p)
		crc = t[0][p[7]] ^ t[1][p[6]] ^ t[2][p[5]] ^ t[3][p[4]] ^
			t[4][crc>>24] ^ t[5][crc>>16&0xff] ^ t[6][crc>>8&0xff] ^ t[7][crc&0xff]
		p = p[8:]
	}
	for _, b := range p {
		crc = t[0][byte(crc)^b] ^ crc>>8
	}
	return ^crc
}

var (
	checksummed     atomic.Int64 // bytes checksummed through castagnoliSlices
	castagnoliTable atomic.Pointer[crc32.Table]
)

// castagnoliSlices are the tables of CRC-32C (the reflected polynomial 0x82f63b78): the first
// for a byte at a time, the k-th for a byte k places further on.
var castagnoliSlices = sync.OnceValue(func() *[8][256]uint32 {
	t := new([8][256]uint32)
	for i := range t[0] {
		c := uint32(i)
		for range 8 {
			if c&1 == 1 {
				c = c>>1 ^ 0x82f63b78
			} else {
				c >>= 1
			}
		}
		t[0][i] = c
	}
	for i := range t[0] {
		for k := 1; k < 8; k++ {
			t[k][i] = t[k-1][i]>>8 ^ t[0][t[k-1][i]&0xff]
		}
	}
	return t
})

var (
	errBadRecord   = errors.New("a session record is malformed")
	errBadChecksum = errors.New("a session record fails its checksum")
)

// A record: version, flags (bit 0: running), kind (its index in tracker.Kinds), then varints:
// duration and planned length in seconds, created and updated in Unix seconds, focus; then the
// topic, milestone and course ids, the tags and the note, each as a length and its bytes; then,
// for an imported session only, its source; then the checksum. Records written before sources
// existed end after the note and still decode.
func encodeSession(key []byte, s *tracker.Session) []byte {
	b := make([]byte, 0, 48+len(s.Note)+crcLen)
	b = append(b, recordV2)
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
	return binary.BigEndian.AppendUint32(b, recordChecksum(key, b))
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// decoder turns records into sessions, sharing one copy of each repeated string (topics, kinds,
// tags) so that a scan of many sessions allocates little.
type decoder struct {
	strings   map[string]string
	recent    [1 << recentBits]string // a direct-mapped cache in front of the map: no hashing for the common strings
	lastTopic string                  // consecutive sessions often share a topic
	// text holds the ids, notes and sources decoded, many to an allocation: one allocation
	// each was half of a scan's allocations and a sixth of its time.
	text []byte
	// growText is set when text is a batch's (SessionBatches), reused once the batch is done
	// with: it grows then to hold a whole batch, rather than by chunks.
	growText bool
	// idLater leaves each session's ID empty, for the batch's Finish to write.
	idLater bool
}

// recentBits sizes the decoder's cache of strings: 512 slots keep a plan's topics and tags
// (some 100) mostly apart.
const recentBits = 9

// textChunk is the size of the decoder's text allocations. A string kept from a scan keeps its
// chunk alive with it.
const textChunk = 8 << 10

// room makes space for n more bytes in d.text. A full one is left to the strings made from it,
// which nothing writes to again.
func (d *decoder) room(n int) {
	if cap(d.text)-len(d.text) < n {
		size := textChunk
		if d.growText {
			size = max(size, 2*cap(d.text))
		}
		d.text = make([]byte, 0, max(n, size))
	}
}

// keep returns b as a string in d.text.
func (d *decoder) keep(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	d.room(len(b))
	start := len(d.text)
	d.text = append(d.text, b...)
	return unsafe.String(&d.text[start], len(b))
}

// idText returns a session key's UUID as text, in d.text.
func (d *decoder) idText(id []byte) string {
	d.room(uuidTextLen)
	start := len(d.text)
	d.text = appendUUIDText(d.text, id)
	return unsafe.String(&d.text[start], uuidTextLen)
}

const uuidTextLen = 36

// appendUUIDText writes a UUID as uuid.UUID.String does.
func appendUUIDText(dst, id []byte) []byte {
	n := len(dst)
	dst = slices.Grow(dst, uuidTextLen)[:n+uuidTextLen]
	out := (*[uuidTextLen]byte)(dst[n:])
	out[8], out[13], out[18], out[23] = '-', '-', '-', '-'
	for i, at := range uuidHex {
		*(*[2]byte)(out[at:]) = hexPairs[id[i]]
	}
	return dst
}

// uuidHex is where each byte of a UUID goes in its text, 8-4-4-4-12 hex digits.
var uuidHex = [16]byte{0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34}

// hexPairs is each byte's two hex digits, written at once.
var hexPairs = func() (pairs [256][2]byte) {
	const digits = "0123456789abcdef"
	for b := range pairs {
		pairs[b] = [2]byte{digits[b>>4], digits[b&15]}
	}
	return pairs
}()

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

// slotOf picks a cache slot from a string's length and five of its bytes (the first two, the
// middle and the last two): cheap, and varied enough for topic ids like t1.4 and t9.4, which
// differ in one byte only.
func slotOf[T string | []byte](b T) int {
	n := len(b)
	h := uint32(n) | uint32(b[0])<<8 | uint32(b[min(1, n-1)])<<16 | uint32(b[n-1])<<24
	h ^= (uint32(b[max(n-2, 0)]) | uint32(b[n/2])<<8) * 0x01000193
	return int(h * 0x9e3779b1 >> (32 - recentBits))
}

type reader struct {
	b   []byte
	err error
}

func (r *reader) uvarint() uint64 {
	if len(r.b) > 0 && r.b[0] < 0x80 { // most of a record's numbers and lengths: one byte
		v := uint64(r.b[0])
		r.b = r.b[1:]
		return v
	}
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
	if len(key) != keyLen || len(val) < 3 || int(val[2]) >= len(tracker.Kinds) {
		return errBadRecord
	}
	switch val[0] {
	case recordV1:
	case recordV2:
		body := len(val) - crcLen
		if body < 3 {
			return errBadRecord
		}
		if binary.BigEndian.Uint32(val[body:]) != recordChecksum(key, val[:body]) {
			return errBadChecksum
		}
		val = val[:body]
	default:
		return errBadRecord
	}
	if totalsOnly || d.idLater {
		s.ID = ""
	} else {
		s.ID = d.idText(key[8:])
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
		s.Note = d.keep(note)
	}
	s.Source = ""
	if len(r.b) > 0 {
		// An empty source is never written, so one here is damage, not a record.
		source := r.bytes()
		if len(source) == 0 && r.err == nil {
			return errBadRecord
		}
		if !totalsOnly {
			s.Source = d.keep(source)
		}
	}
	if r.err != nil || len(r.b) != 0 {
		return errBadRecord
	}
	return nil
}
