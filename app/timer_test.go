package app

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"corepath/tracker"
)

func TestTimerPastItsPlanSaysSo(t *testing.T) {
	h := newHarness(t)
	if _, err := h.db.StartTimer(tracker.Session{TopicID: h.topicID("MPLS"), Start: h.now, Planned: 50 * time.Minute}); err != nil {
		t.Fatal(err)
	}
	h.u.reload()
	c := h.u.log.timer
	h.now = h.now.Add(49 * time.Minute)
	h.u.everySecond()
	if strings.Contains(c.info.Text, "past") || c.elapsed.Color != theme.Color(theme.ColorNameForeground) {
		t.Errorf("before the plan ends: %q", c.info.Text)
	}
	h.now = h.now.Add(3 * time.Minute)
	h.u.everySecond()
	if !strings.HasSuffix(c.info.Text, "planned 50m: 2m past it") || c.elapsed.Color != theme.Color(theme.ColorNameWarning) {
		t.Errorf("past the plan, the timer card says %q", c.info.Text)
	}
	if !strings.Contains(h.u.today.timer.Text, "2m past the planned 50m") {
		t.Errorf("Today's timer: %q", h.u.today.timer.Text)
	}
	if h.u.overPlan() != 2*time.Minute {
		t.Errorf("overPlan = %v", h.u.overPlan())
	}
}

// The stop dialog shows the time at which Stop was pressed, and saves that, however long the
// note takes to write.
func TestStopSavesWhatTheDialogShows(t *testing.T) {
	h := newHarness(t)
	if _, err := h.db.StartTimer(tracker.Session{TopicID: h.topicID("BGP"), Start: h.now}); err != nil {
		t.Fatal(err)
	}
	h.u.reload()
	h.now = h.now.Add(100 * time.Second)
	h.u.toggleTimer()
	c := h.u.log.timer
	h.now = h.now.Add(3 * time.Minute)
	typeInto(c.stopNote, "a long note")
	test.Tap(c.stopSave)
	s, err := h.db.GetSession(h.u.sessions[0].id.String())
	if err != nil || s.Duration != 100*time.Second {
		t.Errorf("saved %v (%v); the dialog showed %s", s.Duration, err, tracker.FormatDuration(100*time.Second))
	}
}
