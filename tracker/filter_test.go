package tracker

import (
	"testing"
	"time"
)

func TestSessionFilterPicksByDatesTopicTrackTagAndNote(t *testing.T) {
	p := &Plan{Topics: []Topic{
		{ID: "bgp", Name: "BGP", Track: TrackCertification},
		{ID: "rr", Name: "Route reflectors", ParentID: "bgp", Track: TrackCertification},
		{ID: "py", Name: "Python", Track: TrackSkills},
	}}
	day := func(d int, h int) time.Time { return time.Date(2026, 11, d, h, 0, 0, 0, time.UTC) }
	sessions := []Session{
		{ID: "a", Start: day(20, 9), TopicID: "bgp", Tags: []string{"Lab"}, Note: "iBGP full mesh"},
		{ID: "b", Start: day(21, 9), TopicID: "rr", Note: "cluster-id"},
		{ID: "c", Start: day(22, 9), TopicID: "py", Tags: []string{"lab"}},
		{ID: "d", Start: day(22, 23), TopicID: "bgp", Duration: 2 * time.Hour},
	}
	cases := []struct {
		name   string
		filter SessionFilter
		want   string
	}{
		{"nothing", SessionFilter{}, "abcd"},
		{"from, included", SessionFilter{From: day(21, 9)}, "bcd"},
		{"to, excluded", SessionFilter{To: day(22, 9)}, "ab"},
		{"a session that crosses from into the day", SessionFilter{From: day(23, 0), To: day(24, 0)}, "d"},
		{"a session that crosses to out of the day", SessionFilter{From: day(22, 0), To: day(23, 0)}, "cd"},
		{"a session that ends at from", SessionFilter{From: day(23, 1)}, ""},
		{"no length, at from", SessionFilter{From: day(22, 9), To: day(22, 10)}, "c"},
		{"a topic takes its subtopics", SessionFilter{TopicID: "bgp"}, "abd"},
		{"a subtopic alone", SessionFilter{TopicID: "rr"}, "b"},
		{"track", SessionFilter{Track: TrackSkills}, "c"},
		{"tag, ignoring case", SessionFilter{Tag: "LAB"}, "ac"},
		{"text in the note, ignoring case", SessionFilter{Text: "MESH"}, "a"},
		{"all at once", SessionFilter{From: day(20, 0), To: day(23, 0), TopicID: "bgp", Tag: "lab", Text: "ibgp"}, "a"},
		{"topic and track that exclude each other", SessionFilter{TopicID: "bgp", Track: TrackSkills}, ""},
	}
	for _, c := range cases {
		m := c.filter.Prepare(p)
		got := ""
		for i := range sessions {
			if m.MatchSession(&sessions[i]) {
				got += sessions[i].ID
			}
		}
		if got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
	}
}
