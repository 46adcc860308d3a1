package storage

import (
	"encoding/json"
	"fmt"
	"strconv"
	"unicode/utf8"
	"unsafe"

	bolt "go.etcd.io/bbolt"

	"corepath/tracker"
)

// readTopics decodes the topics' bucket, as readAll does, through decodeTopic where it can.
// A log reads all the topics when the topic names cache cannot settle its name, and in a command
// that lives for milliseconds each fresh page of memory is a fault (about 2 µs): so the records
// are unsealed and copied into one buffer first, the topics' strings share it, and the topics
// fill one slice of the right size.
func readTopics(b *bolt.Bucket) ([]tracker.Topic, error) {
	var keys [][]byte // only for a record that needs encoding/json's message
	var ends []int
	buf := make([]byte, 0, 64<<10) // the default plan's 126 records take 21 KB; the rest is not touched
	err := b.ForEach(func(k, v []byte) error {
		data, err := unsealJSON(k, v)
		if err != nil {
			return err
		}
		buf = append(buf, data...)
		ends = append(ends, len(buf))
		keys = append(keys, k)
		return nil
	})
	if err != nil || len(ends) == 0 {
		return nil, err
	}
	all := unsafe.String(unsafe.SliceData(buf), len(buf)) // buf is not changed after this
	out := make([]tracker.Topic, len(ends))
	for i, end := range ends {
		start := 0
		if i > 0 {
			start = ends[i-1]
		}
		if err := decodeTopicRecord(keys[i], all[start:end], &out[i]); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// decodeTopicRecord decodes the JSON of the topic record of key, through decodeTopic where it
// can, else with encoding/json.
func decodeTopicRecord(key []byte, data string, t *tracker.Topic) error {
	if decodeTopic(data, t) {
		return nil
	}
	*t = tracker.Topic{}
	if err := json.Unmarshal([]byte(data), t); err != nil {
		return fmt.Errorf("record %q: %w", key, err)
	}
	return nil
}

// decodeTopic decodes a topic record as json.Unmarshal does, for the records Corepath writes: an
// object of the Topic's own keys, spelled as its tags spell them. Anything else (another key or
// spelling, a null, a number out of range, a surrogate escape) returns false, and the caller
// decodes the record with json.Unmarshal. A log once read all the topics to find the one it
// names, and json.Unmarshal spent 0.4 ms a log on them through reflection; the strings here share
// the record's bytes. data must be valid UTF-8 (unsealJSON checks it).
func decodeTopic(data string, t *tracker.Topic) bool {
	d := topicDecoder{src: data}
	*t = tracker.Topic{}
	return d.object(func(key string) bool {
		switch key {
		case "id":
			return d.str(&t.ID)
		case "parent_id":
			return d.str(&t.ParentID)
		case "name":
			return d.str(&t.Name)
		case "track":
			var s string
			ok := d.str(&s)
			t.Track = tracker.Track(s)
			return ok
		case "note":
			return d.str(&t.Note)
		case "target_hours":
			return d.float(&t.TargetHours)
		case "confidence":
			return d.int(&t.Confidence)
		case "order":
			return d.int(&t.Order)
		case "estimate":
			return d.bool(&t.Estimate)
		case "blueprint":
			return d.blueprint(&t.Blueprint)
		}
		return false
	}) && d.end()
}

type topicDecoder struct {
	src string
	i   int
}

func (d *topicDecoder) space() {
	for d.i < len(d.src) {
		switch d.src[d.i] {
		case ' ', '\t', '\n', '\r':
			d.i++
		default:
			return
		}
	}
}

func (d *topicDecoder) byte(c byte) bool {
	d.space()
	if d.i < len(d.src) && d.src[d.i] == c {
		d.i++
		return true
	}
	return false
}

func (d *topicDecoder) end() bool {
	d.space()
	return d.i == len(d.src)
}

// object reads {"key": value, ...}, calling field to read each value.
func (d *topicDecoder) object(field func(key string) bool) bool {
	if !d.byte('{') {
		return false
	}
	if d.byte('}') {
		return true
	}
	for {
		var key string
		if !d.str(&key) || !d.byte(':') || !field(key) {
			return false
		}
		if d.byte('}') {
			return true
		}
		if !d.byte(',') {
			return false
		}
	}
}

// str reads a string into *s: a slice of the record's copy, or a new string where it has escapes.
func (d *topicDecoder) str(s *string) bool {
	if !d.byte('"') {
		return false
	}
	start := d.i
	for d.i < len(d.src) {
		switch c := d.src[d.i]; {
		case c == '"':
			*s = d.src[start:d.i]
			d.i++
			return true
		case c == '\\':
			return d.escaped(start, s)
		case c < 0x20:
			return false
		default:
			d.i++
		}
	}
	return false
}

// escaped reads the rest of a string from its first backslash.
func (d *topicDecoder) escaped(start int, s *string) bool {
	b := []byte(d.src[start:d.i])
	for d.i < len(d.src) {
		c := d.src[d.i]
		switch {
		case c == '"':
			*s = string(b)
			d.i++
			return true
		case c < 0x20:
			return false
		case c != '\\':
			b = append(b, c)
			d.i++
			continue
		}
		if d.i+1 >= len(d.src) {
			return false
		}
		switch e := d.src[d.i+1]; e {
		case '"', '\\', '/':
			b = append(b, e)
		case 'b':
			b = append(b, '\b')
		case 'f':
			b = append(b, '\f')
		case 'n':
			b = append(b, '\n')
		case 'r':
			b = append(b, '\r')
		case 't':
			b = append(b, '\t')
		case 'u':
			if d.i+6 > len(d.src) {
				return false
			}
			r, err := strconv.ParseUint(d.src[d.i+2:d.i+6], 16, 16)
			if err != nil || r >= 0xd800 && r < 0xe000 { // surrogates: encoding/json pairs them
				return false
			}
			b = utf8.AppendRune(b, rune(r))
			d.i += 4
		default:
			return false
		}
		d.i += 2
	}
	return false
}

// number reads a JSON number's text.
func (d *topicDecoder) number() (string, bool) {
	d.space()
	start := d.i
	digits := func() int {
		n := 0
		for d.i < len(d.src) && d.src[d.i] >= '0' && d.src[d.i] <= '9' {
			d.i++
			n++
		}
		return n
	}
	if d.i < len(d.src) && d.src[d.i] == '-' {
		d.i++
	}
	if n := digits(); n == 0 || n > 1 && d.src[d.i-n] == '0' {
		return "", false
	}
	if d.i < len(d.src) && d.src[d.i] == '.' {
		d.i++
		if digits() == 0 {
			return "", false
		}
	}
	if d.i < len(d.src) && (d.src[d.i] == 'e' || d.src[d.i] == 'E') {
		d.i++
		if d.i < len(d.src) && (d.src[d.i] == '+' || d.src[d.i] == '-') {
			d.i++
		}
		if digits() == 0 {
			return "", false
		}
	}
	return d.src[start:d.i], true
}

func (d *topicDecoder) float(f *float64) bool {
	text, ok := d.number()
	if !ok {
		return false
	}
	v, err := strconv.ParseFloat(text, 64)
	*f = v
	return err == nil
}

// int reads an integer as encoding/json does into an int: no fraction, no exponent.
func (d *topicDecoder) int(n *int) bool {
	text, ok := d.number()
	if !ok {
		return false
	}
	v, err := strconv.ParseInt(text, 10, strconv.IntSize)
	*n = int(v)
	return err == nil
}

func (d *topicDecoder) bool(b *bool) bool {
	d.space()
	switch {
	case len(d.src)-d.i >= 4 && d.src[d.i:d.i+4] == "true":
		*b, d.i = true, d.i+4
	case len(d.src)-d.i >= 5 && d.src[d.i:d.i+5] == "false":
		*b, d.i = false, d.i+5
	default:
		return false
	}
	return true
}

// blueprint reads an array of {"exam": ..., "domain": ...}; like encoding/json, an empty array
// gives an empty slice, not nil.
func (d *topicDecoder) blueprint(refs *[]tracker.BlueprintRef) bool {
	if *refs != nil || !d.byte('[') { // a second "blueprint": encoding/json merges into the first
		return false
	}
	out := []tracker.BlueprintRef{}
	if !d.byte(']') {
		for {
			var r tracker.BlueprintRef
			if !d.object(func(key string) bool {
				switch key {
				case "exam":
					return d.str(&r.Exam)
				case "domain":
					return d.str(&r.Domain)
				}
				return false
			}) {
				return false
			}
			out = append(out, r)
			if d.byte(']') {
				break
			}
			if !d.byte(',') {
				return false
			}
		}
	}
	*refs = out
	return true
}
