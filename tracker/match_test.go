package tracker

import (
	"errors"
	"strings"
	"testing"
)

// A store may give MatchTopic only the topics whose names start with NamePrefix's prefix (and
// their parents): every topic MatchTopic finds in that smaller plan, when SettledByNamePrefix
// says it is settled there, must be the one it finds in the whole plan, for every start of
// every name, in any case, and for words that begin no name.
func TestNamePrefixKeepsWhatMatchTopicFinds(t *testing.T) {
	p := testPlan()
	p.Topics = append(p.Topics,
		Topic{ID: "bgp-lab", ParentID: "lab", Name: "BGP", Order: 8},
		Topic{ID: "bgp-sec", ParentID: "bgp", Name: "BGP security", Order: 9},
		Topic{ID: "python", Name: "Python & Network Automation", Order: 10},
		Topic{ID: "python/ne", ParentID: "python", Name: "Python for network engineers", Order: 11},
		Topic{ID: "dotted-i", Name: "İS-IS", Order: 12}, // ToLower makes it longer
		Topic{ID: "arrow", Name: "WAN › LAN design", Order: 13},
		Topic{ID: "mpls-te", ParentID: "mpls", Name: "MPLS-TE", Order: 14},
		Topic{ID: "wan", Name: "WAN", Order: 15},
		Topic{ID: "wan/lan", ParentID: "wan", Name: "LAN switching", Order: 16},        // a path "WAN › LAN…" too
		Topic{ID: "mpls/label", ParentID: "mpls", Name: "Label operations", Order: 17}, // "lab" is a word of another
		Topic{ID: "ospf/mt", ParentID: "ospf", Name: "OSPF multi-topology", Order: 18}, // "multi" is no word of it
	)
	queries := []string{"", "  ", "x", "zzz", "route reflectors", "network", "i̇s", "wan › lan", "WAN > LAN", "bgp > route", "lab > bgp", "ccie lab preparation › os"}
	for _, topic := range p.Topics {
		for i := range topic.Name {
			start := topic.Name[:i+1]
			queries = append(queries, start, strings.ToUpper(start), strings.ToLower(start), " "+start+" ")
		}
	}
	found, partial := 0, 0
	for _, q := range queries {
		prefix, ok := NamePrefix(q)
		if !ok {
			if TopicKey(q) != "" && !strings.Contains(TopicKey(q), " › ") {
				t.Errorf("NamePrefix(%q) refused a query that names no parent", q)
			}
			continue
		}
		partial++
		var some Plan
		for _, topic := range p.Topics {
			if strings.HasPrefix(strings.ToLower(topic.Name), prefix) {
				some.Topics = append(some.Topics, topic)
			}
		}
		for _, topic := range some.Topics {
			if parent, ok := p.Topic(topic.ParentID); ok {
				if _, have := some.Topic(parent.ID); !have {
					some.Topics = append(some.Topics, *parent)
				}
			}
		}
		wordElsewhere := false
		for _, topic := range p.Topics {
			name := strings.ToLower(topic.Name)
			wordElsewhere = wordElsewhere || !strings.HasPrefix(name, prefix) && HoldsWord(name, prefix)
		}
		if !SettledByNamePrefix(&some, q, wordElsewhere) {
			continue // looked up again in the whole plan
		}
		got, err := MatchTopic(&some, q)
		if err != nil {
			t.Fatalf("%q is settled, but MatchTopic finds nothing there: %v", q, err)
		}
		found++
		want, werr := MatchTopic(p, q)
		if werr != nil || want.ID != got.ID {
			t.Errorf("query %q (prefix %q): the topics so named give %s, the whole plan %v, %v", q, prefix, got.ID, want, werr)
		}
	}
	if found < 100 || partial == len(queries) {
		t.Fatalf("only %d of %d queries found a topic in the smaller plan, %d had a prefix: the test checks too little", found, len(queries), partial)
	}
}

// FindTopic's search by words: a word that a topic's name holds is the topic's, though its
// subtopics' paths hold it too; a word two topics hold is ambiguous, and the error lists both.
func TestFindTopicByAWord(t *testing.T) {
	p := testPlan()
	p.Topics = append(p.Topics,
		Topic{ID: "kz", Name: "Kappa Zed", Order: 20},
		Topic{ID: "kz/1", ParentID: "kz", Name: "Sub one", Order: 21},
		Topic{ID: "kz/2", ParentID: "kz", Name: "Sub two", Order: 22},
		Topic{ID: "ly", Name: "Lambda Yak", Order: 23},
		Topic{ID: "my", Name: "Mu Yak", Order: 24},
	)
	if got, err := FindTopic(p, "zed"); err != nil || got.ID != "kz" {
		t.Errorf("zed: %v, %v; want Kappa Zed", got, err)
	}
	if got, err := FindTopic(p, "zed two"); err != nil || got.ID != "kz/2" {
		t.Errorf("zed two: %v, %v; want Kappa Zed › Sub two", got, err)
	}
	_, err := FindTopic(p, "yak")
	var me *TopicMatchError
	if ErrorCode(err) != Conflict || !errors.As(err, &me) || !me.Ambiguous || strings.Join(me.Candidates, ", ") != "Lambda Yak, Mu Yak" {
		t.Errorf("yak: %v; want it ambiguous between Lambda Yak and Mu Yak", err)
	}
}

// A start of a name that stops inside a word is not taken when another topic holds it as a
// whole word: "lab" may be Label operations or CCIE lab preparation, and the person is asked.
func TestAPrefixInsideAWordDoesNotBeatAWholeWord(t *testing.T) {
	p := testPlan()
	p.Topics = append(p.Topics,
		Topic{ID: "mpls/label", ParentID: "mpls", Name: "Label operations", Order: 17},
		Topic{ID: "ospf/mt", ParentID: "ospf", Name: "OSPF multi-topology", Order: 18},
	)
	for query, want := range map[string]string{
		"label": "mpls/label", "Label op": "mpls/label", "ccie lab": "lab", "ccie": "lab",
		"multi": "multicast", // a word of "multi-topology" only with its hyphen
		"mult":  "multicast", "ro": "bgp/rr",
	} {
		if got, err := MatchTopic(p, query); err != nil || got.ID != want {
			t.Errorf("MatchTopic(%q) = %v, %v; want %s", query, got, err, want)
		}
	}
	for _, query := range []string{"lab", "LAB", " lab "} {
		_, err := MatchTopic(p, query)
		var me *TopicMatchError
		if !errors.As(err, &me) || !me.Ambiguous || strings.Join(me.Candidates, "; ") != "CCIE lab preparation; MPLS › Label operations" {
			t.Errorf("MatchTopic(%q): %v; want it ambiguous between the lab and Label operations", query, err)
		}
	}
}

func TestHoldsWord(t *testing.T) {
	for _, c := range []struct {
		name, want string
		holds      bool
	}{
		{"ccie lab preparation", "lab", true}, {"lab", "lab", true}, {"topic labs", "lab", false},
		{"is-is multi-topology", "multi", false}, {"bgp pic (core/edge)", "bgp", true}, {"bgp-lu and bgp-ls", "bgp", false},
		{"collab lab", "lab", true}, {"ipv6 (nd)", "nd", true}, {"", "lab", false}, {"a › lab", "lab", true},
	} {
		if got := HoldsWord(c.name, c.want); got != c.holds {
			t.Errorf("HoldsWord(%q, %q) = %v", c.name, c.want, got)
		}
	}
}
