package storage

import (
	"errors"
	"fmt"
	"hash/crc32"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"corepath/tracker"
)

func TestCodecRoundTrip(t *testing.T) {
	in := tracker.Session{ID: uuid.Must(uuid.NewV7()).String(), Start: time.Date(1969, 7, 20, 20, 17, 0, 0, time.UTC),
		Duration: 90 * time.Minute, Planned: time.Hour, TopicID: "bgp", MilestoneID: "M05", CourseID: "c1",
		Kind: tracker.KindLab, Tags: []string{"lab", "rr"}, Note: "multi\nline ✓", Focus: 5,
		Created: time.Unix(1, 0).UTC(), Updated: time.Unix(3, 0).UTC(), Running: true}
	id, _ := uuid.Parse(in.ID)
	var out tracker.Session
	key := sessionKey(in.Start, id)
	if err := newDecoder().decode(key, encodeSession(key, &in), &out); err != nil {
		t.Fatal(err)
	}
	if out.ID != in.ID || !out.Start.Equal(in.Start) || out.Duration != in.Duration || out.Planned != in.Planned ||
		out.TopicID != in.TopicID || out.MilestoneID != in.MilestoneID || out.CourseID != in.CourseID || out.Kind != in.Kind ||
		len(out.Tags) != 2 || out.Tags[1] != "rr" || out.Note != in.Note || out.Focus != 5 || !out.Running ||
		!out.Created.Equal(in.Created) || !out.Updated.Equal(in.Updated) {
		t.Errorf("round trip:\n in %+v\nout %+v", in, out)
	}
	// Keys sort in time order, before 1970 included.
	a, b := timeKey(time.Unix(-10, 0)), timeKey(time.Unix(5, 0))
	if string(a) >= string(b) {
		t.Error("keys do not sort by time")
	}
}

// FuzzDecodeSession feeds arbitrary bytes to the record decoder, which reads what is on disk:
// a damaged record must give an error, never a panic.
func FuzzDecodeSession(f *testing.F) {
	key := sessionKey(time.Unix(1700000000, 0), uuid.UUID{})
	s := tracker.Session{Start: time.Unix(1700000000, 0), Duration: time.Hour, TopicID: "bgp", Kind: "lab", Tags: []string{"x"}, Note: "n"}
	f.Add(encodeSession(key, &s))
	imported := s
	imported.Source = "toggl:0123456789abcdef"
	f.Add(encodeSession(key, &imported))
	f.Add([]byte{recordV1, 0, 0})
	f.Add([]byte{recordV1, 0, 9})
	f.Add([]byte{recordV1, 0, 1, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01})
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, val []byte) {
		var out tracker.Session
		if err := newDecoder().decode(key, val, &out); err != nil {
			return
		}
		// What decodes must survive another trip unchanged.
		first := encodeSession(key, &out)
		var again tracker.Session
		if err := newDecoder().decode(key, first, &again); err != nil {
			t.Fatalf("re-encoded record does not decode: %v", err)
		}
		if second := encodeSession(key, &again); string(first) != string(second) {
			t.Fatalf("round trip changed the record:\n%x\n%x", first, second)
		}
	})
}

// Records written before sessions had a source end after the note; they must still decode, and
// a session with a source keeps it.
func TestCodecSourceIsOptional(t *testing.T) {
	// version 1, not running, kind study, 3600 s, no plan, created and updated at 1 s (zigzag
	// 2), focus 0, topic "bgp", no milestone or course, no tags, no note.
	old := []byte{recordV1, 0, 0, 0x90, 0x1c, 0, 2, 2, 0, 3, 'b', 'g', 'p', 0, 0, 0, 0}
	key := sessionKey(time.Unix(1700000000, 0), uuid.UUID{})
	var out tracker.Session
	out.Source = "left over from a previous decode"
	if err := newDecoder().decode(key, old, &out); err != nil {
		t.Fatalf("a record without a source: %v", err)
	}
	if out.Duration != time.Hour || out.TopicID != "bgp" || out.Source != "" {
		t.Errorf("old record decoded as %+v", out)
	}
	if rewritten := encodeSession(key, &out); rewritten[0] != recordV2 || string(rewritten[1:len(rewritten)-crcLen]) != string(old[1:]) {
		t.Errorf("a session without a source is not written as before, with a checksum: %x", rewritten)
	}
	out.Source = "timewarrior:0123456789abcdef"
	var again tracker.Session
	if err := newDecoder().decode(key, encodeSession(key, &out), &again); err != nil || again.Source != out.Source {
		t.Errorf("source %q came back as %q (%v)", out.Source, again.Source, err)
	}
	if err := newDecoder().decode(key, append(old, 0), &again); err == nil {
		t.Error("an empty source, never written, was accepted")
	}
}

// Every byte of a record and of its key is covered by the checksum: a flipped byte anywhere,
// even one that would still parse (a start, a duration, a letter of the topic), is refused.
func TestCodecChecksumFindsEveryFlippedByte(t *testing.T) {
	id := uuid.Must(uuid.NewV7())
	s := tracker.Session{Start: time.Unix(1700000000, 0), Duration: 95 * time.Minute, TopicID: "bgp", Kind: "lab",
		Tags: []string{"rr"}, Note: "good17", Created: time.Unix(1700000100, 0), Updated: time.Unix(1700000200, 0)}
	key := sessionKey(s.Start, id)
	val := encodeSession(key, &s)
	var out tracker.Session
	if err := newDecoder().decode(key, val, &out); err != nil {
		t.Fatal(err)
	}
	for _, flip := range []byte{0x01, 0x10, 0x80, 0xff} {
		for i := range key {
			k := append([]byte(nil), key...)
			k[i] ^= flip
			if err := newDecoder().decode(k, val, &out); err == nil {
				t.Errorf("key byte %d ^ %#x went unnoticed: %+v", i, flip, out)
			}
		}
		for i := range val {
			v := append([]byte(nil), val...)
			v[i] ^= flip
			if err := newDecoder().decode(key, v, &out); err == nil {
				t.Errorf("record byte %d ^ %#x went unnoticed: %+v", i, flip, out)
			}
		}
	}
}

// TestCRC32CByTableIsHashCRC32s: the small-record checksum agrees with hash/crc32's Castagnoli,
// on every length up to a few blocks, whether or not the process has switched to hash/crc32.
func TestCRC32CByTableIsHashCRC32s(t *testing.T) {
	table := crc32.MakeTable(crc32.Castagnoli)
	data := make([]byte, 300)
	for i := range data {
		data[i] = byte(i*7 + i>>3)
	}
	for n := 0; n <= len(data); n++ {
		if got, want := crc32c(0, data[:n]), crc32.Checksum(data[:n], table); got != want {
			t.Fatalf("crc32c of %d bytes = %08x, hash/crc32 %08x", n, got, want)
		}
		if got, want := crc32c(crc32c(0, data[:n/2]), data[n/2:n]), crc32.Checksum(data[:n], table); got != want {
			t.Fatalf("crc32c of %d bytes in two parts = %08x, hash/crc32 %08x", n, got, want)
		}
		if got, want := crc32cBySlices(crc32cBySlices(0, data[:n/3]), data[n/3:n]), crc32.Checksum(data[:n], table); got != want {
			t.Fatalf("crc32cBySlices of %d bytes in two parts = %08x, hash/crc32 %08x", n, got, want)
		}
	}
	if got, want := crc32c(0, []byte("123456789")), uint32(0xe3069283); got != want { // RFC 3720's check value
		t.Errorf("crc32c(123456789) = %08x, want %08x", got, want)
	}
}

// TestDecodedStringsStay: a scan's ids, notes and sources share the decoder's text
// allocations; those kept from a scan stay as they were while the scan goes on past many
// allocations, and SessionBatches gives the same sessions once each batch is finished, each
// staying as it is until it is filled again.
func TestDecodedStringsStay(t *testing.T) {
	db := openTest(t, t.TempDir())
	p, _ := db.Plan()
	in := make([]tracker.Session, 2000) // ids and notes of some 200 KB: many chunks of text
	for i := range in {
		in[i] = tracker.Session{TopicID: p.Topics[i%7].ID, Start: testNow.Add(-time.Duration(i+1) * time.Hour), Duration: 30 * time.Minute,
			Kind: tracker.KindLab, Note: fmt.Sprintf("note %s %d", strings.Repeat("✓", i%50), i)}
		if i%3 == 0 {
			in[i].Source = fmt.Sprintf("toggl:%032x#%d", i, i)
		}
	}
	if _, err := db.AddSessions(in); err != nil {
		t.Fatal(err)
	}
	var kept []tracker.Session
	if err := db.Sessions(tracker.Query{}, func(s *tracker.Session) error { kept = append(kept, *s); return nil }); err != nil {
		t.Fatal(err)
	}
	for j := range in { // newest first in, oldest first out
		if k := &kept[len(kept)-1-j]; k.Note != in[j].Note || k.Source != in[j].Source || k.ID != uuid.MustParse(k.ID).String() {
			t.Fatalf("session %d kept %q %q %q, stored %q %q", j, k.ID, k.Note, k.Source, in[j].Note, in[j].Source)
		}
	}
	check := func(got []tracker.Session, from int) {
		for i := range got {
			if g, k := &got[i], &kept[from+i]; g.ID != k.ID || g.Note != k.Note || g.Source != k.Source || g.TopicID != k.TopicID {
				t.Fatalf("session %d in a batch: %q %q %q, read alone %q %q %q", from+i, g.ID, g.Note, g.Source, k.ID, k.Note, k.Source)
			}
		}
	}
	batches := make([]*tracker.SessionBatch, 3)
	for i := range batches {
		batches[i] = &tracker.SessionBatch{Sessions: make([]tracker.Session, 0, 150)}
	}
	done, turn := 0, 0
	var previous []tracker.Session // the last batch, not filled again yet
	err := db.SessionBatches(tracker.Query{}, batches[0], func(b *tracker.SessionBatch) (*tracker.SessionBatch, error) {
		b.Finish(b)
		check(b.Sessions, done)
		check(previous, done-len(previous))
		previous = b.Sessions
		done += len(b.Sessions)
		turn++
		return batches[turn%3], nil
	})
	if err != nil || done != len(in) {
		t.Fatal(done, err)
	}
	// An error of next stops the walk, and is what it returns.
	stop, calls := errors.New("stop"), 0
	err = db.SessionBatches(tracker.Query{}, batches[0], func(b *tracker.SessionBatch) (*tracker.SessionBatch, error) {
		if calls++; calls == 3 {
			return nil, stop
		}
		return b, nil
	})
	if err != stop || calls != 3 {
		t.Fatalf("next's error: %v after %d calls", err, calls)
	}
}
