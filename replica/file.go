package replica

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash/crc32"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"corepath/atomicfile"
)

// formatVersion is the layout of the files in the sync folder. A file of a newer layout is
// reported and skipped, never guessed at.
const formatVersion = 1

const (
	kindJournal  = "journal"
	kindSnapshot = "snapshot"
)

// Change is one version of one record: its value, or a tombstone when it was deleted. Base is
// the version the writer had when it made this one, so that a merge can tell an edit made on top
// of another from two edits made without seeing each other (a conflict).
type Change struct {
	Key     string `json:"k"`
	Value   []byte `json:"v,omitempty"`
	Deleted bool   `json:"x,omitempty"`
	Stamp   Stamp  `json:"s"`
	Base    *Stamp `json:"b,omitempty"`
}

// header is a file's first line.
type header struct {
	Format     int    `json:"corepath_sync"`
	Kind       string `json:"kind"`
	Device     string `json:"device"`
	Name       string `json:"name"`
	Instance   string `json:"instance"`
	Generation int64  `json:"generation"`
	Schema     int    `json:"schema"`
	Written    int64  `json:"written"` // Unix milliseconds
}

// batch is one line after the header: the changes of one sync, applied whole or not at all.
type batch struct {
	Seq      int64    `json:"seq,omitempty"`
	Instance string   `json:"i,omitempty"`
	Changes  []Change `json:"ch,omitempty"`
	End      int      `json:"end,omitempty"` // a snapshot's last line: how many changes it holds
}

// A line is the CRC-32C of its JSON in hex, a space, the JSON and a newline: a line cut off or
// changed in transit fails its checksum instead of being read as something else.
// castagnoli is CRC-32C's table, made on first use rather than at start: building it costs
// 0.15 ms, which every command would otherwise pay, sync or not.
func castagnoli() *crc32.Table { return crc32.MakeTable(crc32.Castagnoli) }

func appendLine(b []byte, v any) ([]byte, error) {
	data, err := json.Marshal(v)
	if err != nil {
		return b, err
	}
	b = fmt.Appendf(b, "%08x ", crc32.Checksum(data, castagnoli()))
	b = append(b, data...)
	return append(b, '\n'), nil
}

// parsed is what could be read of a file.
type parsed struct {
	hdr     header
	batches []batch
	end     int64  // the offset just past the last good line
	cut     bool   // the last line has no newline yet: the rest of the file has not arrived
	damage  string // why reading stopped before the end, if it did
	ended   bool   // a snapshot's closing line was read
}

// parseFile reads a file's header and its lines from offset from on (0: all of them). It stops
// at the first line that fails its checksum.
func parseFile(data []byte, from int64) (parsed, error) {
	var p parsed
	nl := bytes.IndexByte(data, '\n')
	if nl < 0 {
		return p, fmt.Errorf("it has no complete first line")
	}
	if err := decodeLine(data[:nl], &p.hdr); err != nil {
		return p, fmt.Errorf("its first line is not a Corepath sync header (%v)", err)
	}
	switch {
	case p.hdr.Format > formatVersion:
		return p, fmt.Errorf("it was written by a newer Corepath (sync format %d; this one reads %d): update Corepath on this machine", p.hdr.Format, formatVersion)
	case p.hdr.Format < 1 || p.hdr.Kind != kindJournal && p.hdr.Kind != kindSnapshot || !validDevice(p.hdr.Device):
		return p, fmt.Errorf("its header is not a Corepath sync header")
	}
	pos := int64(nl + 1)
	if from > pos {
		pos = from
	}
	if pos > int64(len(data)) {
		return p, fmt.Errorf("it is shorter than what was already read")
	}
	p.end = pos
	for rest := data[pos:]; len(rest) > 0; {
		nl := bytes.IndexByte(rest, '\n')
		if nl < 0 {
			p.cut = true
			break
		}
		var b batch
		if err := decodeLine(rest[:nl], &b); err != nil {
			p.damage = fmt.Sprintf("the line at byte %d is damaged (%v)", p.end, err)
			break
		}
		if p.ended {
			p.damage = fmt.Sprintf("it goes on after its closing line, at byte %d", p.end)
			break
		}
		if b.End > 0 || len(b.Changes) == 0 && p.hdr.Kind == kindSnapshot {
			p.ended = true
		} else {
			p.batches = append(p.batches, b)
		}
		rest = rest[nl+1:]
		p.end += int64(nl + 1)
	}
	return p, nil
}

func decodeLine(line []byte, v any) error {
	if len(line) < 10 || line[8] != ' ' {
		return fmt.Errorf("no checksum")
	}
	sum, err := strconv.ParseUint(string(line[:8]), 16, 32)
	if err != nil {
		return fmt.Errorf("no checksum")
	}
	if crc32.Checksum(line[9:], castagnoli()) != uint32(sum) {
		return fmt.Errorf("checksum mismatch")
	}
	return json.Unmarshal(line[9:], v)
}

// A device id is 16 hex digits, chosen at random when sync is first turned on.
func validDevice(id string) bool { return len(id) == 16 && strings.Trim(id, "0123456789abcdef") == "" }

func fileName(device, kind string) string { return device + "." + kind }

// fileClass is what a name in the sync folder is to Corepath.
type fileClass int

const (
	classOther    fileClass = iota // not Corepath's, or a sync tool's temporary file: ignored
	classFile                      // a device's journal or snapshot
	classConflict                  // a sync tool's conflict copy of one: read whole, and reported
	classForeign                   // named like Corepath's but not one of its names: reported
)

// classify sorts a folder entry's name. Temporary files of sync tools (.syncthing.*.tmp, ~*,
// *.tmp, *.part, dot files) are ignored; conflict copies ("sync-conflict", "conflicted copy",
// "(conflict …)") are recognised by the word conflict between the device id and the extension.
func classify(name string) (device, kind string, class fileClass) {
	lower := strings.ToLower(name)
	if strings.HasPrefix(name, ".") || strings.HasPrefix(name, "~") || strings.HasSuffix(lower, ".tmp") || strings.HasSuffix(lower, ".part") {
		return "", "", classOther
	}
	ext := filepath.Ext(lower)
	kind = strings.TrimPrefix(ext, ".")
	if kind != kindJournal && kind != kindSnapshot {
		return "", "", classOther
	}
	stem := strings.TrimSuffix(name, filepath.Ext(name))
	if len(stem) < 16 || !validDevice(stem[:16]) {
		return "", kind, classForeign
	}
	device = stem[:16]
	switch {
	case len(stem) == 16:
		return device, kind, classFile
	case strings.Contains(strings.ToLower(stem[16:]), "conflict"):
		return device, kind, classConflict
	}
	return device, kind, classForeign
}

// IsSyncFile reports whether a name in the sync folder is one sync reads: a device's journal or
// snapshot, a conflict copy of one, or a file named like one. A watcher of the folder syncs when
// one of them changes and ignores the rest (temporary files, other programs' files).
func IsSyncFile(name string) bool {
	_, _, class := classify(filepath.Base(name))
	return class != classOther
}

// writeAtomically replaces a file by renaming a complete temporary file over it, so that a sync
// tool never sees it half written. The temporary name starts with a dot: other devices ignore it.
// The files hold the sessions, private as the store is (0600): the sync tool runs as the person.
func writeAtomically(path string, data []byte) error {
	return atomicfile.WriteBytes(path, "", 0o600, data)
}

// appendFile adds lines to the end of a journal and flushes them to disk.
func appendFile(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// idTag is the part of a device id that the ids of the records it creates carry: four hex
// digits, which two devices of one person share once in 65,536 pairs.
func idTag(device string) string { return device[:min(4, len(device))] }

func newDeviceID(random func([]byte)) string {
	b := make([]byte, 8)
	random(b)
	return hex.EncodeToString(b)
}
