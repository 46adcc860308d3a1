package exchange

import (
	"errors"
	"runtime"
	"sync/atomic"
	"time"

	"corepath/tracker"
)

// pipeBatch is how many sessions go from the store's walk to the writer at a time.
const pipeBatch = 512

var errPipeStopped = errors.New("the export's writer stopped")

// batchStore is a store that reads sessions straight into batches it is lent and given back
// (storage.DB): an export then neither copies nor allocates anything per session.
type batchStore interface {
	SessionBatches(q tracker.Query, batch *tracker.SessionBatch, next func(*tracker.SessionBatch) (*tracker.SessionBatch, error)) error
}

// eachSession calls head, unless nil, then write for every session of q in order, like
// st.Sessions. From a store that reads in batches, on a machine of more than one core, it hands
// them over to a goroutine of their own, which runs head first: the walk decodes the next batch
// while write formats and writes this one. head and write run on one goroutine at a time; their
// error stops the walk. A session that ends by from is not written: q.From reaches back before
// from for the sessions that began earlier and cross into it.
func eachSession(st tracker.Store, q tracker.Query, from time.Time, head func() error, write func(*tracker.Session) error) error {
	if !from.IsZero() {
		inner := write
		write = func(s *tracker.Session) error {
			if !s.End().After(from) {
				return nil
			}
			return inner(s)
		}
	}
	bs, ok := st.(batchStore)
	if !ok || runtime.GOMAXPROCS(0) < 2 {
		if head != nil {
			if err := head(); err != nil {
				return err
			}
		}
	}
	if !ok {
		return st.Sessions(q, write)
	}
	writeAll := func(b *tracker.SessionBatch) error {
		if b.Finish != nil {
			b.Finish(b)
		}
		for i := range b.Sessions {
			if err := write(&b.Sessions[i]); err != nil {
				return err
			}
		}
		return nil
	}
	newBatch := func() *tracker.SessionBatch {
		return &tracker.SessionBatch{Sessions: make([]tracker.Session, 0, pipeBatch)}
	}
	if runtime.GOMAXPROCS(0) < 2 {
		return bs.SessionBatches(q, newBatch(), func(b *tracker.SessionBatch) (*tracker.SessionBatch, error) {
			return b, writeAll(b)
		})
	}
	// Three batches: one being decoded, one being written, one waiting between the two.
	free, full := make(chan *tracker.SessionBatch, 3), make(chan *tracker.SessionBatch, 3)
	for range cap(free) {
		free <- newBatch()
	}
	done := make(chan error, 1)
	var failed atomic.Bool
	go func() {
		var err error
		if head != nil {
			err = head()
			failed.Store(err != nil)
		}
		for b := range full {
			if err == nil {
				err = writeAll(b)
			}
			if err != nil {
				failed.Store(true)
			}
			free <- b
		}
		done <- err
	}()
	walkErr := bs.SessionBatches(q, <-free, func(b *tracker.SessionBatch) (*tracker.SessionBatch, error) {
		if failed.Load() {
			return nil, errPipeStopped
		}
		full <- b
		return <-free, nil
	})
	close(full)
	if err := <-done; err != nil {
		return err
	}
	return walkErr
}
