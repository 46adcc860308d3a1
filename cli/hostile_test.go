package cli

import (
	"encoding/binary"
	"os"
	"path/filepath"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"
)

const evil = "Evil\x1b]0;pwned\x07\x1b[2J\x7f\u0085" // DEL and a C1 control too, which JSON leaves as they are

// rawControl reports output that would reach a terminal with a control character in it.
func rawControl(s string) bool {
	for _, r := range s {
		if r != '\n' && r != '\t' && r != '\r' && (r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0) {
			return true
		}
	}
	return false
}

// Control characters and bytes that are not UTF-8 are refused at every input, with a message
// that says so; nothing is saved.
func TestHostileTextIsRefusedAtInput(t *testing.T) {
	h := newHarness(t)
	toggl := filepath.Join(t.TempDir(), "toggl.csv")
	os.WriteFile(toggl, []byte("User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,Duration,Tags,Amount ()\n"+
		"Ada,a@b.c,,"+evil+",,x,No,2026-11-20,18:00:00,2026-11-20,19:00:00,01:00:00,,\n"), 0o600)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"log", "30m", "--topic", "BGP", "--note", evil}, "control character (ESC"},
		{[]string{"log", "30m", "--topic", "BGP", "--note", "g\xffod17"}, "not UTF-8"},
		{[]string{"log", "30m", "--topic", "BGP", "--tag", "lab\u009b31m"}, "control character"},
		{[]string{"topic", "add", evil}, "control character"},
		{[]string{"topic", "add", "Two\nlines"}, "control character (a line break"},
		{[]string{"milestone", "add", "Lab\x1b[2J"}, "control character"},
		{[]string{"import", toggl}, "control character"},
		{[]string{"log", "30m", "--topic", "BGP", "--at", "0001-01-01 10:00"}, "before 1970"},
		{[]string{"log", "30m", "--topic", "BGP", "--at", "0000-06-01 10:00"}, "before 1970"},
		// Without --at, so long a log would start before 1970: the length is what is wrong.
		{[]string{"log", "2562047h", "--topic", "BGP"}, "a session can last at most 24 hours (got 2562047h)"},
	} {
		code, out, errOut := h.run(c.args...)
		if code == 0 || !strings.Contains(errOut, c.want) {
			t.Errorf("%q: exit %d, %q, want a message with %q", c.args, code, errOut, c.want)
		}
		if rawControl(out + errOut) {
			t.Errorf("%q printed a control character raw: %q", c.args, out+errOut)
		}
	}
	var list []sessionJSON
	h.json(&list, "sessions", "--json")
	if len(list) != 0 {
		t.Errorf("%d sessions were saved", len(list))
	}
	h.ok("log", "30m", "--topic", "BGP", "--note", "line one\n\tline two") // line breaks and tabs are fine
}

// A store written before input was checked may hold such text: no command prints it raw, and
// the CSV export writes it visible.
func TestHostileTextInAStoreIsNeverPrintedRaw(t *testing.T) {
	h := newHarness(t)
	h.ok("log", "30m", "--topic", "BGP", "--tag", "lab", "--note", "placeholder-note")
	h.ok("topic", "add", "Placeholder-topic")
	path := filepath.Join(h.dir, "corepath.db")
	b, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = b.Update(func(tx *bolt.Tx) error {
		for _, name := range []string{"sessions", "topics"} {
			bk := tx.Bucket([]byte(name))
			c := bk.Cursor()
			for k, v := c.First(); k != nil; k, v = c.Next() {
				var nv []byte
				// Such a store predates checksums too: the records are written as they were then,
				// a session without its trailing checksum (format 1), a topic without its seal line.
				switch {
				case strings.Contains(string(v), "placeholder-note"): // a length-prefixed string in the record
					at := strings.Index(string(v), "placeholder-note")
					nv = append(append(append([]byte{1}, v[1:at-1]...), binary.AppendUvarint(nil, uint64(len(evil)))...), evil...)
				case strings.Contains(string(v), "Placeholder-topic"):
					unsealed := string(v[:strings.LastIndexByte(string(v), '\n')])
					nv = []byte(strings.Replace(unsealed, "Placeholder-topic", `Evil\u001b]0;pwned\u0007\u001b[2J`, 1))
				default:
					continue
				}
				if err := bk.Put(append([]byte(nil), k...), nv); err != nil {
					return err
				}
			}
		}
		return nil
	})
	b.Close()
	if err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"sessions"}, {"plan"}, {"report", "--all"}, {"export", "--format", "csv"}, {"export", "--format", "ical"}, {"export"}} {
		code, out, errOut := h.run(args...)
		if code != 0 {
			t.Fatalf("%v: exit %d %s", args, code, errOut)
		}
		if rawControl(out + errOut) {
			t.Errorf("%v printed a control character raw: %q", args, out+errOut)
		}
	}
	if out := h.ok("plan"); !strings.Contains(out, "Evil␛]0;pwned␇␛[2J") {
		t.Errorf("the topic is not shown visibly: %q", out)
	}
	csv := filepath.Join(t.TempDir(), "out.csv")
	h.ok("export", "--format", "csv", "-o", csv)
	if data, _ := os.ReadFile(csv); rawControl(string(data)) || !strings.Contains(string(data), "Evil␛]0;pwned") {
		t.Errorf("the CSV file: %q", data)
	}
}

func TestNegativeDurationIsSaid(t *testing.T) {
	h := newHarness(t)
	code, _, errOut := h.run("log", "-5m", "--topic", "BGP")
	if code != 2 || !strings.Contains(errOut, "-5m is negative") || strings.Contains(errOut, "flag provided but not defined") {
		t.Errorf("exit %d, %s", code, errOut)
	}
}
