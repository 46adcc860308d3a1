package tracker

import (
	"errors"
	"sort"
	"strings"
	"unicode"
)

// How well a topic matches what was typed, best first.
const (
	matchExact    = iota // the name or the path
	matchPrefix          // the name starts with it
	matchInitials        // the initials of the name's words: "rr" for Route reflectors
	matchWords           // each typed word starts a word of the path, in order: "route refl"
	matchContains        // somewhere in the path
	matchNone
)

func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// compact is s's letters and digits alone, in lower case.
func compact(s string) string { return strings.Join(words(s), "") }

// SameTopicName reports whether a name written without its punctuation or spaces names a
// topic's: "isis" and "IS-IS", "Route-Reflectors" and "Route reflectors".
func SameTopicName(written, name string) bool {
	c := compact(written)
	return c != "" && c == compact(name)
}

func topicMatch(p *Plan, t *Topic, query string, queryWords []string) int {
	name, path := strings.ToLower(t.Name), strings.ToLower(p.TopicPath(t.ID))
	switch {
	case name == query || path == query:
		return matchExact
	case strings.HasPrefix(name, query) || strings.HasPrefix(path, query):
		return matchPrefix
	}
	// Written without its punctuation: "isis" for IS-IS, "srte" for SR-TE.
	if q, n := compact(query), compact(t.Name); q != "" && strings.HasPrefix(n, q) {
		if n == q {
			return matchExact
		}
		return matchPrefix
	}
	if len(queryWords) == 1 && len(query) >= 2 {
		var initials strings.Builder
		for _, w := range words(t.Name) {
			initials.WriteByte(w[0])
		}
		if strings.HasPrefix(initials.String(), query) {
			return matchInitials
		}
	}
	pathWords, i := words(path), 0
	for _, w := range pathWords {
		if i < len(queryWords) && strings.HasPrefix(w, queryWords[i]) {
			i++
		}
	}
	if len(queryWords) > 0 && i == len(queryWords) {
		return matchWords
	}
	if strings.Contains(path, query) {
		return matchContains
	}
	return matchNone
}

// SearchTopics lists the topics that match what a person is typing, the best matches first
// (see the match kinds above), in plan order within a kind. An empty query lists them all.
func SearchTopics(p *Plan, query string) []*Topic {
	q := TopicKey(query)
	qw := words(query)
	type hit struct {
		t    *Topic
		rank int
	}
	var hits []hit
	for i := range p.Topics {
		t := &p.Topics[i]
		rank := matchExact
		if q != "" {
			rank = topicMatch(p, t, q, qw)
		}
		if rank != matchNone {
			hits = append(hits, hit{t, rank})
		}
	}
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].rank < hits[j].rank })
	out := make([]*Topic, len(hits))
	for i, h := range hits {
		out[i] = h.t
	}
	return out
}

// FindTopic is the topic what was typed stands for: MatchTopic's (a name, a unique prefix or
// "Parent > Subtopic"), else the one best search match, when no other matches as well. A name
// MatchTopic finds ambiguous stays so: the search would rank the prefix that stops inside a
// word ("lab" of Label operations) over the whole word, and pick what MatchTopic would not.
func FindTopic(p *Plan, query string) (*Topic, error) {
	t, err := MatchTopic(p, query)
	var me *TopicMatchError
	if err == nil || strings.TrimSpace(query) == "" || errors.As(err, &me) && me.Ambiguous {
		return t, err
	}
	q, qw := TopicKey(query), words(query)
	var best []*Topic
	bestRank := matchNone
	for i := range p.Topics {
		r := topicMatch(p, &p.Topics[i], q, qw)
		switch {
		case r < bestRank:
			best, bestRank = []*Topic{&p.Topics[i]}, r
		case r == bestRank && r != matchNone:
			best = append(best, &p.Topics[i])
		}
	}
	switch {
	case bestRank > matchWords:
		return nil, err
	case len(best) == 1:
		return best[0], nil
	case umbrella(best) != nil: // "zed" for Kappa Zed, whose subtopics' paths hold the word too
		return umbrella(best), nil
	}
	return nil, Detailed(Conflict, &TopicMatchError{Name: query, Ambiguous: true, Candidates: candidates(p, best)})
}
