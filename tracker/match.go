package tracker

import (
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MatchTopic finds the topic a person means by name, ignoring case: an exact name first (a
// top-level topic before a subtopic of the same name), then a unique prefix, unless it stops
// inside a word that another topic holds whole ("lab" starts Label operations, and is a word of
// CCIE lab preparation). A subtopic can also be named with its parent, "BGP > Route
// reflectors". An unknown or ambiguous name is an error that lists the candidates.
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
	case len(prefix) == 1 || umbrella(prefix) != nil:
		t := prefix[0]
		if len(prefix) > 1 {
			t = umbrella(prefix)
		}
		if rivals := wordRivals(p, t, want, byPath, prefix); len(rivals) > 0 {
			return nil, Detailed(Conflict, &TopicMatchError{Name: name, Ambiguous: true, Candidates: candidates(p, append(rivals, t))})
		}
		return t, nil
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

// wordRivals are, when want stops inside a word of the one topic t it starts ("lab" of MPLS ›
// Label operations), the other topics that hold want as a whole word ("CCIE lab preparation"):
// the person may mean either, so neither is taken. prefix are the topics want starts, which are
// no rivals.
func wordRivals(p *Plan, t *Topic, want string, byPath bool, prefix []*Topic) []*Topic {
	name := func(t *Topic) string {
		if byPath {
			return strings.ToLower(p.TopicPath(t.ID))
		}
		return strings.ToLower(t.Name)
	}
	if !cutsWord(name(t), want) {
		return nil
	}
	var rivals []*Topic
	for i := range p.Topics {
		if u := &p.Topics[i]; !slices.Contains(prefix, u) && HoldsWord(name(u), want) {
			rivals = append(rivals, u)
		}
	}
	return rivals
}

// inWord reports whether r joins the runes beside it into one word: "multi-topology" and
// "TCP/IP" are one word each, so "multi" is not a word of the first.
func inWord(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("-–/._'", r)
}

// cutsWord reports whether want, which name starts with, stops inside one of name's words.
func cutsWord(name, want string) bool {
	if len(name) == len(want) {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(want)
	next, _ := utf8.DecodeRuneInString(name[len(want):])
	return inWord(last) && inWord(next)
}

// HoldsWord reports whether name holds want with no word running on at either side, as
// MatchTopic weighs a query that stops inside a word against the other topics (both in lower
// case).
func HoldsWord(name, want string) bool {
	for i := 0; ; {
		j := strings.Index(name[i:], want)
		if j < 0 {
			return false
		}
		at := i + j
		before, _ := utf8.DecodeLastRuneInString(name[:at])
		after, _ := utf8.DecodeRuneInString(name[at+len(want):])
		first, _ := utf8.DecodeRuneInString(want)
		last, _ := utf8.DecodeLastRuneInString(want)
		if (at == 0 || !inWord(before) || !inWord(first)) && (at+len(want) == len(name) || !inWord(after) || !inWord(last)) {
			return true
		}
		_, size := utf8.DecodeRuneInString(name[at:])
		i = at + size
	}
}

// NamePrefix is, for a query that names a topic without its parent, the start that the
// lower-case name of every topic MatchTopic weighs for it shares: in a plan of only the topics
// whose names (strings.ToLower) start so, with their parents, MatchTopic finds the topic it finds
// in the whole plan when SettledByNamePrefix says so, and a store can decode just those. Any
// other query (nothing or several match there, or it stops inside a word) must be looked up in
// the whole plan, for FindTopic's search and for the candidates its error lists. ok is false for
// an empty query, or one with a parent ("BGP > RR"), which compares every topic's path.
func NamePrefix(query string) (prefix string, ok bool) {
	want := TopicKey(query)
	return want, want != "" && !strings.Contains(want, " › ")
}

// SettledByNamePrefix reports whether MatchTopic, in p, a plan of only the topics whose names
// start with NamePrefix(query) and their parents, finds a topic that it finds in the whole plan
// too. A query that stops inside a word of it is weighed against the other topics' names
// (wordRivals): wordElsewhere says whether the name of a topic outside p holds the query as a
// word (HoldsWord), and then the whole plan decides.
func SettledByNamePrefix(p *Plan, query string, wordElsewhere bool) bool {
	t, err := MatchTopic(p, query)
	return err == nil && !(wordElsewhere && cutsWord(strings.ToLower(t.Name), TopicKey(query)))
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
