package app

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"corepath/tracker"
)

func TestTopicFieldShowsMatchesAsYouType(t *testing.T) {
	h := newHarness(t)
	f := h.u.log.form
	typeInto(f.topic, "rr")
	const rr = "BGP › Route reflectors and confederations"
	if f.topicPick.hint.Text != "Topic: "+rr || !f.topicPick.hint.Visible() {
		t.Errorf("typing rr: the hint says %q", f.topicPick.hint.Text)
	}
	typeInto(f.topic, "route refl")
	if f.topicPick.hint.Text != "Topic: "+rr {
		t.Errorf("typing route refl: the hint says %q", f.topicPick.hint.Text)
	}
	typeInto(f.topic, "rout")
	if hint := f.topicPick.hint.Text; !strings.HasPrefix(hint, "Could be ") {
		t.Errorf("an ambiguous prefix: the hint says %q", hint)
	}
	typeInto(f.topic, "rr")
	typeInto(f.duration, "40m")
	test.Tap(h.u.log.save)
	if h.countSessions() != 1 {
		t.Fatalf("the form with topic rr did not save: %q", f.topicErr.Text)
	}
	s, _ := h.db.GetSession(h.u.sessions[0].id)
	if h.u.plan.TopicPath(s.TopicID) != rr {
		t.Errorf("saved under %q", h.u.plan.TopicPath(s.TopicID))
	}
}

func TestLogTopicFilterIsSearchable(t *testing.T) {
	h := newHarness(t)
	for _, name := range []string{"Route reflectors and confederations", "OSPF"} {
		if _, err := h.db.AddSession(tracker.Session{TopicID: h.topicID(name), Start: h.now.Add(-3 * time.Hour), Duration: time.Hour}); err != nil {
			t.Fatal(err)
		}
	}
	h.u.reload()
	l := h.u.log
	typeInto(l.filter.topic.entry, "route refl")
	if len(l.rows) != 1 || h.u.sessions[l.rows[0]].topic != h.topicID("Route reflectors and confederations") {
		t.Errorf("the filter route refl lets %d sessions through", len(l.rows))
	}
	typeInto(l.filter.topic.entry, "")
	if len(l.rows) != 2 {
		t.Errorf("an empty topic filter shows %d of 2 sessions", len(l.rows))
	}
}
