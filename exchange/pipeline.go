package exchange

import (
	"errors"
	"runtime"
	"sync/atomic"
	"unsafe"

	"corepath/tracker"
)

// pipeBatch is how many sessions go from the store's walk to the writer at a time.
const pipeBatch = 512

var errPipeStopped = errors.New("the export's writer stopped")

// eachSession calls write for every session of q in order, like st.Sessions, but on a machine
// of more than one core it hands them over in batches to a goroutine of their own: the walk
// decodes the next batch while write formats and writes this one. write runs on one goroutine
// at a time; its error stops the walk. The store lends each session's strings (Query.Borrowed):
// write sees them until it returns.
func eachSession(st tracker.Store, q tracker.Query, write func(*tracker.Session) error) error {
	q.Borrowed = true
	if runtime.GOMAXPROCS(0) < 2 {
		return st.Sessions(q, write)
	}
	free, full := make(chan *sessionBatch, 3), make(chan *sessionBatch, 2)
	for range cap(free) {
		free <- &sessionBatch{sessions: make([]tracker.Session, 0, pipeBatch)}
	}
	done := make(chan error, 1)
	var failed atomic.Bool
	go func() {
		var err error
		for batch := range full {
			for i := 0; i < len(batch.sessions) && err == nil; i++ {
				err = write(&batch.sessions[i])
			}
			if err != nil {
				failed.Store(true)
			}
			free <- batch
		}
		done <- err
	}()
	batch := <-free
	walkErr := st.Sessions(q, func(s *tracker.Session) error {
		if failed.Load() {
			return errPipeStopped
		}
		batch.add(s)
		if len(batch.sessions) == pipeBatch {
			full <- batch
			batch = <-free
			batch.reset()
		}
		return nil
	})
	if walkErr == nil && len(batch.sessions) > 0 {
		full <- batch
	}
	close(full)
	if err := <-done; err != nil {
		return err
	}
	return walkErr
}

// sessionBatch is sessions on their way to the writer, with the bytes of the strings the walk
// only lent: both are reused once the writer is done with them, so that an export allocates
// nothing per session and collects no garbage.
type sessionBatch struct {
	sessions []tracker.Session
	text     []byte
}

func (b *sessionBatch) add(s *tracker.Session) {
	n := len(b.sessions)
	b.sessions = b.sessions[:n+1]
	dst := &b.sessions[n]
	tags := dst.Tags[:0]
	*dst = *s
	dst.Tags = append(tags, s.Tags...) // the walk reuses s.Tags
	dst.ID, dst.Note, dst.Source = b.keep(s.ID), b.keep(s.Note), b.keep(s.Source)
}

// keep copies s into b.text. Growing b.text leaves the strings already made in the old array,
// which nothing writes to again.
func (b *sessionBatch) keep(s string) string {
	if s == "" {
		return ""
	}
	start := len(b.text)
	b.text = append(b.text, s...)
	return unsafe.String(&b.text[start], len(s))
}

// reset makes b empty for reuse, once the writer no longer reads its sessions.
func (b *sessionBatch) reset() {
	b.sessions, b.text = b.sessions[:0], b.text[:0]
}
