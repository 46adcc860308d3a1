package app

import (
	"sort"
	"strings"
	"time"

	"corepath/tracker"
)

// reload reads everything from the store and refreshes every screen.
func (u *UI) reload() {
	snap, err := u.load()
	if err != nil {
		u.showError(err)
		return
	}
	u.apply(snap)
}

// snapshot is everything the screens show, read from the store in one go. load builds it
// without touching a widget, so that the app can read 100,000 sessions while its window is
// already on the screen.
type snapshot struct {
	stamp    string
	plan     tracker.Plan
	timer    *tracker.Session
	sessions []sessionRow
	report   tracker.Report
	dash     tracker.Dashboard
	tags     []string
	tagCount map[string]int // the sessions of each tag
	longest  int32          // the longest session's seconds
	counts   *settledCounts
}

// countBatch is how many rows load makes before it hands them to be counted.
const countBatch = 2048

func (u *UI) load() (*snapshot, error) {
	snap := &snapshot{}
	var err error
	snap.stamp, _ = u.db.Stamp()
	if snap.plan, err = u.db.Plan(); err != nil {
		return nil, err
	}
	if t, ok, err := u.db.Timer(); err != nil {
		return nil, err
	} else if ok {
		snap.timer = &t
	}
	// One pass over the sessions gives the list's rows, the tags in use, and the counts of the
	// settled sessions; the figures then add the recent ones.
	now := u.opt.Now()
	snap.counts = newSettledCounts(&snap.plan, u.opt.Loc, now)
	// Sized beforehand, the list is allocated once: grown by append, its 10 MB at 100,000
	// sessions would leave three times that in garbage to collect.
	n, err := u.db.SessionCount()
	if err != nil {
		return nil, err
	}
	snap.sessions = make([]sessionRow, 0, n+1)
	snap.tagCount = map[string]int{}
	// Two cores share the pass: this goroutine decodes the sessions into rows, and another
	// counts the rows made so far, a batch at a time (BenchmarkLoad100k: 38 ms in one
	// goroutine, 30 ms so).
	made := make(chan []sessionRow, 8)
	counted := make(chan struct{})
	go func() {
		defer close(counted)
		var s tracker.Session
		done := 0
		for rows := range made {
			for i := done; i < len(rows); i++ {
				r := &rows[i]
				r.totals(&s)
				snap.counts.addIfSettled(&s)
				snap.longest = max(snap.longest, r.secs)
				for _, t := range r.tags {
					snap.tagCount[t]++
				}
			}
			done = len(rows)
		}
	}()
	tagSets := map[string][]string{}
	err = u.db.Sessions(tracker.Query{Reverse: true}, func(s *tracker.Session) error {
		snap.sessions = append(snap.sessions, newSessionRow(s, tagSets))
		if len(snap.sessions)%countBatch == 0 {
			made <- snap.sessions // the rows before its length are not written again
		}
		return nil
	})
	made <- snap.sessions
	close(made)
	<-counted
	if err != nil {
		return nil, err
	}
	// Counted as of now, the counts always rebase to now.
	snap.report, snap.dash, _ = snap.counts.figures(&snap.plan, snap.sessions, snap.longest, now)
	snap.tags = byCount(snap.tagCount)
	return snap, nil
}

// apply shows a snapshot on every screen.
func (u *UI) apply(snap *snapshot) {
	u.plan, u.timer, u.sessions, u.rowArray, u.stamp = snap.plan, snap.timer, snap.sessions, snap.sessions, snap.stamp
	u.report, u.dash, u.tags = snap.report, snap.dash, snap.tags
	u.tagCount, u.longest, u.counts = snap.tagCount, snap.longest, snap.counts
	u.refreshScreens()
}

// refreshScreens shows the data held on every screen: now on the one shown and on the Log
// screen, whose list and timer the menus and keys work on, the others as they are next shown.
func (u *UI) refreshScreens() {
	u.staleScreens = nil
	u.refreshWhenShown(screenToday, u.today.refresh)
	u.log.refresh()
	u.refreshWhenShown(screenPlan, u.planner.refresh)
	u.refreshWhenShown(screenReference, u.reference.refresh)
	u.refreshWhenShown(screenSettings, u.settings.refresh)
	u.tray.update()
}

// sessionRow is a session as the app keeps it in memory: what the list shows and filters on,
// in a small record that shares its strings with the other rows (topics, kinds and tag sets),
// so that 100,000 sessions cost little memory and little garbage collection. Editing reads the
// whole session from the store.
type sessionRow struct {
	// id is the session's UUID as the store writes it, lowercase: the store's scan writes it in
	// the chunks that also hold the notes kept here, so that keeping it costs no allocation, and
	// it sorts as its bytes do.
	id    string
	start int64 // Unix seconds
	secs  int32
	focus int8
	kind  tracker.Kind
	topic string
	tags  []string // shared by the rows with the same tags
	note  string
}

func newSessionRow(s *tracker.Session, tagSets map[string][]string) sessionRow {
	return sessionRow{id: s.ID, start: s.Start.Unix(), secs: int32(s.Duration / time.Second), focus: int8(s.Focus),
		kind: s.Kind, topic: s.TopicID, tags: sharedTags(s.Tags, tagSets), note: s.Note}
}

// sharedTags returns one slice per distinct list of tags.
func sharedTags(tags []string, sets map[string][]string) []string {
	if len(tags) == 0 {
		return nil
	}
	key := tags[0]
	if len(tags) > 1 {
		key = strings.Join(tags, "\x00")
	}
	if set, ok := sets[key]; ok {
		return set
	}
	set := append([]string(nil), tags...)
	sets[key] = set
	return set
}

func (r *sessionRow) startTime() time.Time { return time.Unix(r.start, 0) }

func (r *sessionRow) duration() time.Duration { return time.Duration(r.secs) * time.Second }

// byCount lists the tags, most used first.
func byCount(count map[string]int) []string {
	tags := make([]string, 0, len(count))
	for t := range count {
		tags = append(tags, t)
	}
	sort.Slice(tags, func(i, j int) bool {
		return count[tags[i]] > count[tags[j]] || count[tags[i]] == count[tags[j]] && tags[i] < tags[j]
	})
	return tags
}
