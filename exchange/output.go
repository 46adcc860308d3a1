package exchange

import "io"

// VisibleWriter is a writer that makes control characters visible, as the command line's
// output does (tracker.VisibleRune), checking every byte; WriteVisible passes on output known
// to need nothing of it (tracker.Visible would leave it as it is) without that check. Export
// tells which of its output is known so when it writes to one.
type VisibleWriter interface {
	io.Writer
	WriteVisible(p []byte) (int, error)
}

// exportWriter buffers an export's output, and keeps track of whether the buffer holds only
// output known to be visible, which goes to a VisibleWriter unchecked: checking every byte was
// a sixth of the JSON export's time and a quarter of the iCalendar one's. What is not known
// visible (the plan as encoding/json writes it, a note with a control character) is checked as
// before. Buffers end where a write ends, so no character is cut between two.
type exportWriter struct {
	w       io.Writer
	vw      VisibleWriter // w, when it is one
	buf     []byte
	unknown bool // buf holds output not known to be visible
	err     error
}

func newExportWriter(w io.Writer) *exportWriter {
	e := &exportWriter{w: w, buf: make([]byte, 0, 64<<10)}
	e.vw, _ = w.(VisibleWriter)
	return e
}

// write buffers p; visible says that tracker.Visible would leave it as it is.
func (e *exportWriter) write(p []byte, visible bool) error {
	if len(e.buf)+len(p) > cap(e.buf) {
		e.flush()
	}
	if len(p) > cap(e.buf) {
		e.send(p, visible)
		return e.err
	}
	e.buf = append(e.buf, p...)
	e.unknown = e.unknown || !visible
	return e.err
}

func (e *exportWriter) writeString(s string, visible bool) error {
	if len(e.buf)+len(s) > cap(e.buf) {
		return e.write([]byte(s), visible)
	}
	e.buf = append(e.buf, s...)
	e.unknown = e.unknown || !visible
	return e.err
}

func (e *exportWriter) flush() error {
	if len(e.buf) > 0 {
		e.send(e.buf, !e.unknown)
		e.buf, e.unknown = e.buf[:0], false
	}
	return e.err
}

func (e *exportWriter) send(p []byte, visible bool) {
	if e.err != nil {
		return
	}
	if visible && e.vw != nil {
		_, e.err = e.vw.WriteVisible(p)
	} else {
		_, e.err = e.w.Write(p)
	}
}
