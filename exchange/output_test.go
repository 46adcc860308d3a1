package exchange

import (
	"bytes"
	"testing"

	"corepath/storage"
	"corepath/tracker"
)

// visibleRecorder is a VisibleWriter that fails the test when WriteVisible is given anything
// tracker.Visible would change.
type visibleRecorder struct {
	t       *testing.T
	all     bytes.Buffer
	visible int // bytes given to WriteVisible
}

func (r *visibleRecorder) Write(p []byte) (int, error) { return r.all.Write(p) }

func (r *visibleRecorder) WriteVisible(p []byte) (int, error) {
	if s := string(p); tracker.Visible(s) != s {
		r.t.Errorf("WriteVisible was given %q", s)
	}
	r.visible += len(p)
	return r.all.Write(p)
}

// hostileStore is a store written before input was checked: its notes, tags and topic names
// hold control characters, DEL, C1 controls and bytes that are not UTF-8.
type hostileStore struct{ tracker.Store }

const hostile = "\x1b[2J\x7f\u0085\xff\u2028"

func (h hostileStore) Plan() (tracker.Plan, error) {
	p, err := h.Store.Plan()
	for i := range p.Topics {
		if i%2 == 0 {
			p.Topics[i].Name += hostile
		}
	}
	return p, err
}

func (h hostileStore) Sessions(q tracker.Query, fn func(*tracker.Session) error) error {
	return h.Store.Sessions(q, func(s *tracker.Session) error {
		s.Note += hostile
		s.Tags = append(s.Tags, "tag"+hostile)
		return fn(s)
	})
}

// TestExportTellsWhatIsVisible: through a VisibleWriter, every format writes what it writes
// elsewhere, gives WriteVisible only visible output, and gives it most of a store that holds
// nothing to make visible.
func TestExportTellsWhatIsVisible(t *testing.T) {
	st := openStore(t)
	fillStore(t, st)
	addManySessions(t, st, 1000) // beyond the first buffer, which the plan makes checked
	for _, format := range []ExportFormat{JSON, CSV, ICal} {
		for _, from := range []tracker.Store{st, hostileStore{st}} {
			r := &visibleRecorder{t: t}
			if _, err := Export(r, from, ExportOptions{Format: format, Now: testNow}); err != nil {
				t.Fatal(err)
			}
			if want := exportString(t, from, ExportOptions{Format: format}); r.all.String() != want {
				t.Fatalf("%s: through a VisibleWriter:\n%s\nelsewhere:\n%s", format, r.all.String(), want)
			}
			if _, plain := from.(*storage.DB); plain && r.visible < r.all.Len()/2 {
				t.Errorf("%s: %d of %d bytes went to WriteVisible", format, r.visible, r.all.Len())
			}
		}
	}
}
