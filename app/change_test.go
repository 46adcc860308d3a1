package app

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"corepath/resources"
	"corepath/storage"
	"corepath/tracker"
)

// scanCounter is the store with a count of the full reads of the sessions.
type scanCounter struct {
	*storage.DB
	scans int
}

func (s *scanCounter) Sessions(q tracker.Query, fn func(*tracker.Session) error) error {
	s.scans++
	return s.DB.Sessions(q, fn)
}

// countingUI is a second UI over the harness's store that counts its full reads.
func countingUI(h *harness) (*UI, *scanCounter) {
	st := &scanCounter{DB: h.db}
	u := New(test.NewTempApp(h.t), st, Options{Now: func() time.Time { return h.now }, Loc: h.u.opt.Loc})
	h.t.Cleanup(func() { u.Window().Close() })
	return u, st
}

// sameAsAFullRead fails unless what u holds is what reading the whole store gives.
func sameAsAFullRead(t *testing.T, u *UI, st *scanCounter, after string) {
	t.Helper()
	scans := st.scans
	defer func() { st.scans = scans }() // this read is the test's, not the app's
	snap, err := u.load()
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(u.sessions, snap.sessions) {
		t.Errorf("after %s the sessions held differ from the store's:\n held %+v\nstore %+v", after, u.sessions, snap.sessions)
	}
	if !reflect.DeepEqual(u.plan, snap.plan) || !reflect.DeepEqual(u.timer, snap.timer) {
		t.Errorf("after %s the plan or the timer held differ from the store's", after)
	}
	if !reflect.DeepEqual(u.report, snap.report) || !reflect.DeepEqual(u.dash, snap.dash) || !reflect.DeepEqual(u.tags, snap.tags) {
		t.Errorf("after %s the figures differ from a full read:\n held %+v %v\nstore %+v %v", after, u.report, u.tags, snap.report, snap.tags)
	}
	if u.stamp != snap.stamp {
		t.Errorf("after %s the stamp held is %s, the store's %s", after, u.stamp, snap.stamp)
	}
}

// Every kind of change, and its undo, leaves the screens' data as a full read would, without
// one.
func TestChangesFollowTheStoreWithoutReadingEverySession(t *testing.T) {
	h := newHarness(t)
	bgp, ospf := h.topicID("BGP"), h.topicID("OSPF")
	for i := range 5 {
		if _, err := h.db.AddSession(tracker.Session{TopicID: ospf, Start: h.now.AddDate(0, 0, -i).Add(-3 * time.Hour),
			Duration: 40 * time.Minute, Tags: []string{"lab"}}); err != nil {
			t.Fatal(err)
		}
	}
	u, st := countingUI(h)
	st.scans = 0
	at := h.now.Add(-2 * time.Hour)
	var logged []tracker.Session
	logOne := func(s tracker.Session) {
		t.Helper()
		if !u.change("log session", func(st tracker.Store) (string, error) {
			saved, err := st.AddSession(s)
			logged = append(logged, saved)
			return "", err
		}, func(st tracker.Store) error {
			_, err := st.DeleteSession(logged[len(logged)-1].ID)
			logged = logged[:len(logged)-1]
			return err
		}) {
			t.Fatal(u.status.Text)
		}
	}
	// Two in the same second: their order is the store's, by id.
	logOne(tracker.Session{TopicID: bgp, Start: at, Duration: 30 * time.Minute, Tags: []string{"review", "lab"}})
	logOne(tracker.Session{TopicID: ospf, Start: at, Duration: 20 * time.Minute})
	logOne(tracker.Session{TopicID: bgp, Start: h.now.AddDate(0, 0, -9), Duration: time.Hour, Note: "older than the rest"})
	sameAsAFullRead(t, u, st, "three logs")
	// Long ago, before anything that depends on the time: into the settled counts, then out.
	h.now = h.now.Add(5 * time.Hour)
	logOne(tracker.Session{TopicID: ospf, Start: h.now.AddDate(0, -5, 0), Duration: 2 * time.Hour, Tags: []string{"lab"}})
	sameAsAFullRead(t, u, st, "a log of five months ago, hours later")
	u.Undo()
	sameAsAFullRead(t, u, st, "its undo")

	edited := logged[0]
	old := edited
	edited.Start, edited.Duration, edited.Tags = h.now.AddDate(0, 0, -3), 90*time.Minute, nil
	u.change("edit session", func(st tracker.Store) (string, error) { _, err := st.UpdateSession(edited); return "", err },
		func(st tracker.Store) error { _, err := st.UpdateSession(old); return err })
	sameAsAFullRead(t, u, st, "an edit that moves a session")
	u.Undo()
	sameAsAFullRead(t, u, st, "the edit's undo")
	u.Undo()
	sameAsAFullRead(t, u, st, "a log's undo")

	topic, _ := u.plan.Topic(bgp)
	before := *topic
	changed := before
	changed.Confidence = 4
	u.change("confidence", func(st tracker.Store) (string, error) { _, err := st.PutTopic(changed); return "", err },
		func(st tracker.Store) error { _, err := st.PutTopic(before); return err })
	settings := u.plan.Settings
	settings.WeekStart = time.Sunday
	u.change("first day of the week", func(st tracker.Store) (string, error) { return "", st.PutSettings(settings) }, nil)
	sameAsAFullRead(t, u, st, "plan changes")

	h.now = h.now.AddDate(0, 0, 8) // a week on: the counts are made again
	logOne(tracker.Session{TopicID: bgp, Start: h.now.Add(-time.Hour), Duration: 30 * time.Minute})
	sameAsAFullRead(t, u, st, "a log eight days later")
	u.change("start timer", func(st tracker.Store) (string, error) {
		_, err := st.StartTimer(tracker.Session{TopicID: bgp, Start: h.now.Add(-time.Hour)})
		return "", err
	}, nil)
	sameAsAFullRead(t, u, st, "a timer's start")
	u.change("stop timer", func(st tracker.Store) (string, error) {
		_, err := st.StopTimer(h.now, func(s *tracker.Session) { s.Tags = []string{"lab"} })
		return "", err
	}, nil)
	sameAsAFullRead(t, u, st, "a timer's stop")

	if st.scans != 0 {
		t.Errorf("the changes read every session %d times; want none", st.scans)
	}
}

// A change made while another process had written since the screens were filled reads
// everything again, so that the other's write shows too.
func TestAChangeAfterAnotherProcessWroteReadsEverything(t *testing.T) {
	h := newHarness(t)
	u, st := countingUI(h)
	other, err := storage.Open(h.db.Dir(), storage.Options{Seed: resources.DefaultPlan, Now: func() time.Time { return h.now }})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := other.AddSession(tracker.Session{TopicID: h.topicID("BGP"), Start: h.now.Add(-3 * time.Hour), Duration: time.Hour}); err != nil {
		t.Fatal(err)
	}
	ospf := h.topicID("OSPF")
	st.scans = 0
	u.change("log session", func(st tracker.Store) (string, error) {
		_, err := st.AddSession(tracker.Session{TopicID: ospf, Start: h.now.Add(-time.Hour), Duration: time.Hour})
		return "", err
	}, nil)
	if st.scans != 1 || len(u.sessions) != 2 {
		t.Errorf("after another process's write a change read the sessions %d times and holds %d; want 1 and 2", st.scans, len(u.sessions))
	}
	sameAsAFullRead(t, u, st, "a change after another process's")
}

// A fault in Corepath's own code inside a transaction (a nil dereference, as the app once had in
// its stop dialog) is an internal error that says the file was not changed, not damage that
// sends the person to restore a backup.
func TestAPanicInTheAppsCodeIsNotDamage(t *testing.T) {
	h := newHarness(t)
	var s *tracker.Session
	err := h.db.Batch(func(st tracker.Store) error {
		_ = s.Note
		return nil
	})
	if tracker.ErrorCode(err) != tracker.Internal || !strings.Contains(err.Error(), "an internal error in Corepath") || !strings.Contains(err.Error(), "was not changed") {
		t.Errorf("a nil dereference in the app's code: %v", err)
	}
	if _, err := h.db.Check(); err != nil {
		t.Errorf("the store after it: %v", err)
	}
}

// TestRowsInsertedAndDeletedAsASlice: the sessions after random insertions and deletions, near
// the front as logs are and anywhere, are what slices.Insert and slices.Delete would give.
func TestRowsInsertedAndDeletedAsASlice(t *testing.T) {
	var d appData
	var want []sessionRow
	rng := rand.New(rand.NewPCG(5, 9))
	for step := range 3000 {
		if len(want) > 0 && rng.IntN(3) == 0 {
			i := rng.IntN(len(want))
			d.deleteRow(i)
			want = slices.Delete(want, i, i+1)
		} else {
			i := rng.IntN(len(want) + 1)
			if rng.IntN(2) == 0 {
				i = min(i, 2) // mostly near the front, where new sessions go
			}
			r := sessionRow{start: int64(step), note: fmt.Sprint(step)}
			d.insertRow(i, r)
			want = slices.Insert(want, i, r)
		}
		if !slices.EqualFunc(d.sessions, want, func(a, b sessionRow) bool { return a.start == b.start && a.note == b.note }) {
			t.Fatalf("step %d: %d rows, want %d", step, len(d.sessions), len(want))
		}
	}
	d.sessions = slices.Clone(want) // as a reload leaves them, in an array of their own
	d.insertRow(0, sessionRow{note: "new"})
	if len(d.sessions) != len(want)+1 || d.sessions[0].note != "new" || d.sessions[1].note != want[0].note {
		t.Errorf("after a reload, inserting gave %d rows starting %q, %q", len(d.sessions), d.sessions[0].note, d.sessions[1].note)
	}
}

// The first read counts the rows on a second goroutine, a batch at a time: over several batches,
// with sessions still running into this week and a last batch that is not full, it must give
// what counting each whole session in turn gives.
func TestLoadCountsEveryBatch(t *testing.T) {
	h := newHarness(t)
	p, _ := h.db.Plan()
	rng := rand.New(rand.NewPCG(5, 6))
	sessions := make([]tracker.Session, 3*countBatch+123)
	for i := range sessions {
		length := time.Duration(5+rng.IntN(300)) * time.Minute
		sessions[i] = tracker.Session{TopicID: p.Topics[rng.IntN(len(p.Topics))].ID,
			Start:    h.now.Add(-length - time.Duration(i)*97*time.Minute - time.Duration(rng.IntN(90))*time.Minute),
			Duration: length, Tags: [][]string{nil, {"lab"}, {"lab", "review"}, {"exam"}}[rng.IntN(4)]}
	}
	if _, err := h.db.AddSessions(sessions); err != nil {
		t.Fatal(err)
	}
	snap, err := h.u.load()
	if err != nil {
		t.Fatal(err)
	}
	counts := newSettledCounts(&snap.plan, h.u.opt.Loc, h.now)
	tags := map[string]int{}
	var rows []sessionRow
	var longest int32
	err = h.db.Sessions(tracker.Query{Reverse: true}, func(s *tracker.Session) error {
		counts.addIfSettled(s)
		rows = append(rows, newSessionRow(s, map[string][]string{}))
		longest = max(longest, int32(s.Duration/time.Second))
		for _, tag := range s.Tags {
			tags[tag]++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	report, dash, _ := counts.figures(&snap.plan, rows, longest, h.now)
	if len(snap.sessions) != len(sessions) || snap.longest != longest || !reflect.DeepEqual(snap.tagCount, tags) {
		t.Errorf("the read gave %d rows, the longest %d s, tags %v; counted one by one: %d, %d s, %v",
			len(snap.sessions), snap.longest, snap.tagCount, len(sessions), longest, tags)
	}
	if !reflect.DeepEqual(snap.report, report) || !reflect.DeepEqual(snap.dash, dash) {
		t.Errorf("the read's figures differ from those of the sessions counted one by one:\n read %+v\n each %+v", snap.report, report)
	}
	if report.TotalMinutes == 0 {
		t.Fatal("the week counted nothing: the test's sessions miss the week")
	}
}
