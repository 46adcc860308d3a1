package exchange

import (
	"errors"
	"runtime"
	"sync/atomic"

	"corepath/tracker"
)

// pipeBatch is how many sessions go from the store's walk to the writer at a time.
const pipeBatch = 512

var errPipeStopped = errors.New("the export's writer stopped")

// eachSession calls write for every session of q in order, like st.Sessions, but on a machine
// of more than one core it hands them over in batches to a goroutine of their own: the walk
// decodes the next batch (a third of an export's time) while write formats and writes this one
// (half of it). write runs on one goroutine at a time; its error stops the walk.
func eachSession(st tracker.Store, q tracker.Query, write func(*tracker.Session) error) error {
	if runtime.GOMAXPROCS(0) < 2 {
		return st.Sessions(q, write)
	}
	free, full := make(chan []tracker.Session, 3), make(chan []tracker.Session, 2)
	for range cap(free) {
		free <- make([]tracker.Session, 0, pipeBatch)
	}
	done := make(chan error, 1)
	var failed atomic.Bool
	go func() {
		var err error
		for batch := range full {
			for i := 0; i < len(batch) && err == nil; i++ {
				err = write(&batch[i])
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
		n := len(batch)
		batch = batch[:n+1]
		dst := &batch[n]
		tags := dst.Tags[:0]
		*dst = *s
		dst.Tags = append(tags, s.Tags...) // the walk reuses s.Tags
		if len(batch) == pipeBatch {
			full <- batch
			batch = (<-free)[:0]
		}
		return nil
	})
	if walkErr == nil && len(batch) > 0 {
		full <- batch
	}
	close(full)
	if err := <-done; err != nil {
		return err
	}
	return walkErr
}
