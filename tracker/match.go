package tracker

import (
	"sort"
	"strings"
)

// MatchTopic finds the topic a person means by name, ignoring case: an exact name first (a
// top-level topic before a subtopic of the same name), then a unique prefix. A subtopic can also
// be named with its parent, "BGP > Route reflectors". An unknown or ambiguous name is an error
// that lists the candidates.
func MatchTopic(p *Plan, name string) (*Topic, error) {
	want := TopicKey(name)
	byPath := strings.Contains(want, " › ")
	if want == "" { // nothing typed, or only separators: ">"
		return nil, Detailed(Invalid, &TopicMatchError{Name: name, Candidates: candidates(p, topLevel(p))})
	}
	var exact, prefix []*Topic
	for i := range p.Topics {
		t := &p.Topics[i]
		n := strings.ToLower(t.Name)
		// A name typed without " › " can only be a topic's name, or the path of a topic with
		// no parent, which is its name: the paths are built only for a path typed.
		path := n
		if byPath {
			path = strings.ToLower(p.TopicPath(t.ID))
		}
		switch {
		case n == want || path == want:
			exact = append(exact, t)
		case strings.HasPrefix(n, want) || strings.HasPrefix(path, want):
			prefix = append(prefix, t)
		}
	}
	if len(exact) > 1 {
		var top []*Topic
		for _, t := range exact {
			if t.ParentID == "" {
				top = append(top, t)
			}
		}
		if len(top) == 1 {
			return top[0], nil
		}
	}
	switch {
	case len(exact) == 1:
		return exact[0], nil
	case len(exact) > 1:
		return nil, Detailed(Conflict, &TopicMatchError{Name: name, Ambiguous: true, Candidates: candidates(p, exact)})
	case len(prefix) == 1:
		return prefix[0], nil
	case len(prefix) > 1 && umbrella(prefix) != nil:
		return umbrella(prefix), nil
	case len(prefix) > 1:
		return nil, Detailed(Conflict, &TopicMatchError{Name: name, Ambiguous: true, Candidates: candidates(p, prefix)})
	}
	if i := strings.LastIndex(want, " › "); byPath && i > 0 {
		if parent, err := MatchTopic(p, want[:i]); err == nil {
			return nil, Detailed(NotFound, &TopicMatchError{Name: name, Parent: p.TopicPath(parent.ID), Candidates: candidates(p, subtopics(p, parent.ID))})
		}
	}
	return nil, Detailed(NotFound, &TopicMatchError{Name: name, Candidates: candidates(p, topLevel(p))})
}

// NamePrefix is, for a query that names a topic without its parent, the start that the
// lower-case name of every topic MatchTopic weighs for it shares: in a plan of only the topics
// whose names (strings.ToLower) start so, with their parents, MatchTopic finds the topic it finds
// in the whole plan, so a store can decode just those. A query it does not find there (nothing
// matches, or several do) must be looked up in the whole plan, for FindTopic's search and for the
// candidates its error lists. ok is false for an empty query, or one with a parent ("BGP > RR"),
// which compares every topic's path.
func NamePrefix(query string) (prefix string, ok bool) {
	want := TopicKey(query)
	return want, want != "" && !strings.Contains(want, " › ")
}

// subtopics are the topics whose parent is id.
func subtopics(p *Plan, id string) []*Topic {
	var subs []*Topic
	for i := range p.Topics {
		if p.Topics[i].ParentID == id {
			subs = append(subs, &p.Topics[i])
		}
	}
	return subs
}

// umbrella is the one topic of ts that holds all the others as its subtopics ("python" starts
// both Python & Network Automation and its subtopic Python for network engineers: the name
// typed is the topic's), or nil.
func umbrella(ts []*Topic) *Topic {
	for _, top := range ts {
		holdsAll := true
		for _, t := range ts {
			holdsAll = holdsAll && (t == top || t.ParentID == top.ID)
		}
		if holdsAll {
			return top
		}
	}
	return nil
}

// topLevel are the topics with no parent.
func topLevel(p *Plan) []*Topic {
	var top []*Topic
	for i := range p.Topics {
		if p.Topics[i].ParentID == "" {
			top = append(top, &p.Topics[i])
		}
	}
	return top
}

// candidates are the paths of ts, sorted.
func candidates(p *Plan, ts []*Topic) []string {
	names := make([]string, len(ts))
	for i, t := range ts {
		names[i] = p.TopicPath(t.ID)
	}
	sort.Strings(names)
	return names
}

// TopicKey is a topic's name or path as typed, in the form that compares equal however it was
// typed: lower case, and "Parent > Child" written as TopicPath writes it.
func TopicKey(s string) string {
	parts := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return r == '>' || r == '›' })
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	return strings.Join(parts, " › ")
}
