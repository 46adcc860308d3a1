package tracker

import (
	"math"
	"strings"
	"time"
)

// SessionFilter picks sessions by dates, topic, track, tag and text in the note: the filters of
// the Log screen and of `corepath sessions`. A zero field lets every session through.
type SessionFilter struct {
	From, To time.Time // the sessions that overlap [From, To), as a report counts them
	TopicID  string    // this topic and its subtopics
	Track    Track
	Tag      string // ignoring case
	Text     string // in the note, ignoring case
}

// SessionMatcher is a SessionFilter prepared for one plan, so that each session costs a few
// comparisons and a map lookup: the app filters 100,000 sessions as a person types.
type SessionMatcher struct {
	lo, hi int64           // Unix seconds, hi excluded
	topics map[string]bool // nil: every topic
	tag    string
	text   string // lower case
}

// Prepare turns the filter's topic and track into the set of topic ids of p they let through.
func (f SessionFilter) Prepare(p *Plan) SessionMatcher {
	m := SessionMatcher{lo: math.MinInt64, hi: math.MaxInt64, tag: f.Tag, text: strings.ToLower(f.Text)}
	if !f.From.IsZero() {
		m.lo = f.From.Unix()
	}
	if !f.To.IsZero() {
		m.hi = f.To.Unix()
	}
	if f.TopicID != "" || f.Track != "" {
		m.topics = map[string]bool{}
		for _, t := range p.Topics {
			if (f.TopicID == "" || t.ID == f.TopicID || t.ParentID == f.TopicID) && (f.Track == "" || t.Track == f.Track) {
				m.topics[t.ID] = true
			}
		}
	}
	return m
}

// Match reports whether a session with these fields passes the filter; start and end are in
// Unix seconds, as the app keeps them. A session that crosses a bound of the dates passes, as the
// report of those dates counts its part in them (Timewarrior's filters take such intervals too);
// one of no length passes when it starts within them.
func (m *SessionMatcher) Match(start, end int64, topicID string, tags []string, note string) bool {
	if start >= m.hi || end <= m.lo && start < m.lo || m.topics != nil && !m.topics[topicID] {
		return false
	}
	if m.tag != "" && !hasTag(tags, m.tag) {
		return false
	}
	return m.text == "" || strings.Contains(strings.ToLower(note), m.text)
}

// MatchSession is Match for a whole session.
func (m *SessionMatcher) MatchSession(s *Session) bool {
	start := s.Start.Unix()
	return m.Match(start, start+int64(s.Duration/time.Second), s.TopicID, s.Tags, s.Note)
}

// Within is the seconds of the session [start, end) inside the filter's dates.
func (m *SessionMatcher) Within(start, end int64) int64 { return overlap(start, end, m.lo, m.hi) }

func hasTag(tags []string, tag string) bool {
	for _, t := range tags {
		if strings.EqualFold(t, tag) {
			return true
		}
	}
	return false
}
