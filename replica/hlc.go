package replica

import (
	"encoding/binary"
	"fmt"
	"time"
)

// Stamp orders versions of a record: a hybrid logical clock (wall milliseconds, then a counter
// for events in the same millisecond or after a clock that went back), then the id of the device
// that wrote it, so that two versions never tie and every device picks the same winner.
type Stamp struct {
	Wall    int64  `json:"w"`
	Counter uint32 `json:"c"`
	Device  string `json:"d"`
}

// Less is the total order of stamps.
func (s Stamp) Less(o Stamp) bool {
	if s.Wall != o.Wall {
		return s.Wall < o.Wall
	}
	if s.Counter != o.Counter {
		return s.Counter < o.Counter
	}
	return s.Device < o.Device
}

// IsZero is true for the stamp of a record that had no version yet.
func (s Stamp) IsZero() bool { return s.Wall == 0 && s.Counter == 0 && s.Device == "" }

// Time is the stamp's wall clock part.
func (s Stamp) Time() time.Time { return time.UnixMilli(s.Wall) }

func (s Stamp) String() string { return fmt.Sprintf("%d.%d@%s", s.Wall, s.Counter, s.Device) }

// clock is a device's hybrid logical clock. A local event gets a stamp greater than every stamp
// the device has seen, whatever its wall clock says, so an edit made after a merge always beats
// what the merge brought in, even on a machine whose clock is hours behind.
type clock struct {
	wall    int64
	counter uint32
}

func (c *clock) tick(now time.Time, device string) Stamp {
	ms := now.UnixMilli()
	if ms > c.wall {
		c.wall, c.counter = ms, 0
	} else {
		c.counter++
	}
	return Stamp{Wall: c.wall, Counter: c.counter, Device: device}
}

// see moves the clock past a stamp read from another device.
func (c *clock) see(s Stamp) {
	if s.Wall > c.wall || s.Wall == c.wall && s.Counter > c.counter {
		c.wall, c.counter = s.Wall, s.Counter
	}
}

func (c *clock) encode() []byte {
	b := binary.BigEndian.AppendUint64(nil, uint64(c.wall))
	return binary.BigEndian.AppendUint32(b, c.counter)
}

func decodeClock(b []byte) clock {
	if len(b) != 12 {
		return clock{}
	}
	return clock{wall: int64(binary.BigEndian.Uint64(b)), counter: binary.BigEndian.Uint32(b[8:])}
}
