package app

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"corepath/tracker"
)

// shownRows is the Log list's rows on the screen, by the session's note.
func (h *harness) shownRows() map[string]*listRow {
	rows := map[string]*listRow{}
	for _, o := range test.LaidOutObjects(h.u.log.list) {
		if r, ok := o.(*listRow); ok && r.Visible() && r.index < len(h.u.sessions) {
			rows[h.u.sessions[r.index].note] = r
		}
	}
	return rows
}

// A session is one line; its note, when it has one, is on a line of its own beneath, and only
// that row is taller. Logging a session at the top moves every row down: the heights follow.
func TestANoteIsBeneathItsSessionsLine(t *testing.T) {
	h := newHarness(t)
	h.u.showScreen(screenLog)
	for i, note := range []string{"", "LSA types 1 to 7, and\nwhy type 5 floods", ""} {
		if _, err := h.db.AddSession(tracker.Session{TopicID: h.topicID("OSPF"), Start: h.now.Add(-time.Duration(3+i) * time.Hour),
			Duration: time.Hour, Note: note, Tags: []string{"lab"}}); err != nil {
			t.Fatal(err)
		}
	}
	h.u.reload()
	check := func(when string) {
		t.Helper()
		rows := h.shownRows()
		plain, noted := rows[""], rows["LSA types 1 to 7, and\nwhy type 5 floods"]
		if plain == nil || noted == nil {
			t.Fatalf("%s: rows shown: %v", when, rows)
		}
		if plain.note.Visible() || !noted.note.Visible() || noted.note.Text != "LSA types 1 to 7, and why type 5 floods" {
			t.Errorf("%s: notes shown %v and %v (%q)", when, plain.note.Visible(), noted.note.Visible(), noted.note.Text)
		}
		if noted.tags.Text != "[lab]" {
			t.Errorf("%s: the line's tags read %q", when, noted.tags.Text)
		}
		line, two := plain.Size().Height, noted.Size().Height
		if line != plain.MinSize().Height || two <= line || two >= 2*line {
			t.Errorf("%s: a row is %v tall, a row with a note %v", when, line, two)
		}
		if noted.note.Position().Y < noted.topic.Position().Y+noted.topic.MinSize().Height/2 {
			t.Errorf("%s: the note at %v is not beneath the line", when, noted.note.Position())
		}
	}
	check("three sessions")

	typeInto(h.u.log.form.duration, "10m")
	typeInto(h.u.log.form.topic, "BGP")
	h.u.log.saveForm()
	if len(h.u.log.rows) != 4 {
		t.Fatalf("%d rows after logging", len(h.u.log.rows))
	}
	check("after logging one more at the top")
}

// The list keeps its place and the focus when a change of heights gives it a new list.
func TestTheLogListKeepsItsPlaceWhenHeightsChange(t *testing.T) {
	h := newHarness(t)
	h.u.win.Resize(fyne.NewSize(1024, 640))
	h.u.showScreen(screenLog)
	var sessions []tracker.Session
	for i := range 60 {
		sessions = append(sessions, tracker.Session{TopicID: h.topicID("OSPF"), Start: h.now.Add(-time.Duration(2+i) * time.Hour),
			Duration: 30 * time.Minute, Note: []string{"", "a note"}[i%2]})
	}
	if _, err := h.db.AddSessions(sessions); err != nil {
		t.Fatal(err)
	}
	h.u.reload()
	h.u.log.list.ScrollToOffset(400)
	h.u.win.Canvas().Focus(h.u.log.list)
	h.u.log.filter.text.SetText("note") // only the 30 with a note: every height changes
	if got := h.u.log.list.GetScrollOffset(); got != 400 {
		t.Errorf("the list moved to %v from 400", got)
	}
	if h.u.win.Canvas().Focused() != h.u.log.list {
		t.Error("the list lost the focus")
	}
}

// Enter on a Log form that cannot be saved says what is missing, the fields not yet typed in too.
func TestEnterOnAFormThatCannotBeSavedSaysWhy(t *testing.T) {
	h := newHarness(t)
	h.u.newSession()
	f := h.u.log.form
	typeInto(f.duration, "45m")
	if f.topicErr.Visible() && f.topicErr.Text != "" {
		t.Fatalf("the topic's message shows before Enter: %q", f.topicErr.Text)
	}
	h.u.win.Canvas().Focus(f.duration)
	h.press(fyne.KeyReturn)
	if h.countSessions() != 0 || !f.topicErr.Visible() || f.topicErr.Text == "" {
		t.Errorf("after Enter: %d sessions, topic message %q (shown %v)", h.countSessions(), f.topicErr.Text, f.topicErr.Visible())
	}
}

// The topic field's drop-down arrow is no Tab stop: Tab goes from the topic to the next field.
func TestTabFromTheTopicGoesToTheNextField(t *testing.T) {
	h := newHarness(t)
	h.u.newSession()
	f := h.u.log.form
	c := h.u.win.Canvas()
	c.Focus(f.topic)
	c.FocusNext()
	if c.Focused() != fyne.Focusable(f.kind) {
		t.Errorf("Tab from the topic went to %T", c.Focused())
	}
}

// A session logged over another is saved, and the status says which it overlaps.
func TestLoggingOverASessionSaysSo(t *testing.T) {
	h := newHarness(t)
	if _, err := h.db.AddSession(tracker.Session{TopicID: h.topicID("OSPF"), Start: h.now.Add(-time.Hour), Duration: time.Hour}); err != nil {
		t.Fatal(err)
	}
	h.u.reload()
	f := h.u.log.form
	typeInto(f.duration, "30m")
	typeInto(f.topic, "BGP")
	h.u.log.saveForm()
	if h.countSessions() != 2 || !strings.Contains(h.u.status.Text, "It overlaps 1h of OSPF from Wed 19:00: both count") {
		t.Errorf("%d sessions; status %q", h.countSessions(), h.u.status.Text)
	}
	// Over two sessions: both are counted, the first named.
	typeInto(f.duration, "1h")
	typeInto(f.topic, "MPLS")
	h.u.log.saveForm()
	if !strings.Contains(h.u.status.Text, "It overlaps 2 sessions, the first ") {
		t.Errorf("over two sessions, the status says %q", h.u.status.Text)
	}
}

// The Log lists every track's sessions from the start, and only one track's once it is picked.
func TestTheLogFiltersByTrack(t *testing.T) {
	h := newHarness(t)
	for i, topic := range []string{"OSPF", "CCIE lab preparation", "Topic labs"} {
		if _, err := h.db.AddSession(tracker.Session{TopicID: h.topicID(topic), Start: h.now.Add(-time.Duration(3+i) * time.Hour),
			Duration: time.Hour}); err != nil {
			t.Fatal(err)
		}
	}
	h.u.reload()
	h.u.showScreen(screenLog)
	f := h.u.log.filter
	if f.track.Selected != allTracks || len(h.u.log.rows) != 3 || !strings.HasPrefix(h.u.log.count.Text, "3 sessions") {
		t.Fatalf("at the start: %q picked, %d rows listed, %q", f.track.Selected, len(h.u.log.rows), h.u.log.count.Text)
	}
	if len(f.track.Options) != 1+len(tracker.Tracks) || f.track.Options[0] != allTracks {
		t.Errorf("the tracks offered: %q", f.track.Options)
	}
	f.track.SetSelected(tracker.TrackCertification.Label())
	if len(h.u.log.rows) != 2 || !strings.HasPrefix(h.u.log.count.Text, "2 sessions") {
		t.Errorf("Certification picked: %d rows listed, %q", len(h.u.log.rows), h.u.log.count.Text)
	}
	f.track.SetSelected(tracker.TrackSkills.Label())
	h.u.reload() // a refresh keeps the track picked
	if f.track.Selected != tracker.TrackSkills.Label() || len(h.u.log.rows) != 1 {
		t.Errorf("Skills picked, after a reload: %q picked, %d rows listed", f.track.Selected, len(h.u.log.rows))
	}
}

// The Log's dates list the sessions that overlap them, as a report of those dates counts them,
// and the count says how much of their time falls within the dates.
func TestTheLogsDatesTakeASessionThatCrossesThem(t *testing.T) {
	h := newHarness(t)
	night := time.Date(2026, 11, 20, 23, 0, 0, 0, h.u.opt.Loc)
	for _, s := range []tracker.Session{{TopicID: h.topicID("OSPF"), Start: night, Duration: 2 * time.Hour},
		{TopicID: h.topicID("BGP"), Start: night.Add(10 * time.Hour), Duration: 30 * time.Minute}} {
		if _, err := h.db.AddSession(s); err != nil {
			t.Fatal(err)
		}
	}
	h.u.reload()
	h.u.showScreen(screenLog)
	f := h.u.log.filter
	f.from.entry.SetText("2026-11-21")
	f.to.entry.SetText("2026-11-21")
	if want := "2 sessions, 2h30m (1h30m within the dates)"; len(h.u.log.rows) != 2 || h.u.log.count.Text != want {
		t.Errorf("on 2026-11-21: %d rows, %q; want 2 and %q", len(h.u.log.rows), h.u.log.count.Text, want)
	}
	f.from.entry.SetText("2026-11-20")
	if want := "2 sessions, 2h30m"; len(h.u.log.rows) != 2 || h.u.log.count.Text != want {
		t.Errorf("on 2026-11-20 and 21: %d rows, %q; want 2 and %q", len(h.u.log.rows), h.u.log.count.Text, want)
	}
}
