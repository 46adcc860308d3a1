package tracker

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// Hints finds typed errors however they are wrapped: in an *Error, with %w, or joined.
func TestHintsWalkWrappedAndJoinedErrors(t *testing.T) {
	missing := NotFoundRecord(RecordAttempt, "x1")
	ambiguous := Detailed(Conflict, &TopicMatchError{Name: "rout", Ambiguous: true, Candidates: []string{"a", "b"}})
	err := fmt.Errorf("import: %w", errors.Join(missing, ambiguous, missing))
	got := Hints(err, func(e error) string {
		switch e := e.(type) {
		case *NotFoundError:
			return "list the " + e.Kind + "s"
		case *TopicMatchError:
			return "be more precise than " + e.Name
		}
		return ""
	})
	want := []string{"list the attempts", "be more precise than rout"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Hints = %q, want %q (each once, in order)", got, want)
	}
	if ErrorCode(ambiguous) != Conflict || ambiguous.Error() != "topic \"rout\" is ambiguous; it could be:\n  a\n  b" {
		t.Errorf("the *Error around a detail: code %s, message %q", ErrorCode(ambiguous), ambiguous.Error())
	}
}

func TestMatchTopicCarriesTheNameAndItsCandidates(t *testing.T) {
	p := searchPlan()
	cases := []struct {
		name      string
		code      Code
		ambiguous bool
		want      []string
	}{
		{"rout", Conflict, true, []string{"BGP › Route reflectors and confederations", "BGP › Routing policy"}},
		{"qos", NotFound, false, []string{"BGP", "Error handling", "MPLS"}},
		{"", Invalid, false, []string{"BGP", "Error handling", "MPLS"}},
	}
	for _, c := range cases {
		_, err := MatchTopic(p, c.name)
		var m *TopicMatchError
		if !errors.As(err, &m) || ErrorCode(err) != c.code || m.Name != c.name || m.Ambiguous != c.ambiguous || !reflect.DeepEqual(m.Candidates, c.want) {
			t.Errorf("MatchTopic(%q): %v (code %s), detail %+v", c.name, err, ErrorCode(err), m)
		}
	}
}

// A path whose parent is a topic but whose last part matches none of its subtopics lists that
// topic's subtopics, not the top-level topics.
func TestAPathMatchingNoSubtopicListsTheParentsSubtopics(t *testing.T) {
	p := Plan{Topics: []Topic{{ID: "b", Name: "BGP"}, {ID: "rr", Name: "Route reflectors", ParentID: "b"}, {ID: "o", Name: "OSPF"}}}
	_, err := MatchTopic(&p, "bgp > nothing")
	var m *TopicMatchError
	if !errors.As(err, &m) || m.Parent != "BGP" || len(m.Candidates) != 1 || m.Candidates[0] != "BGP › Route reflectors" ||
		!strings.Contains(err.Error(), "the subtopics of BGP are:\n  BGP › Route reflectors") {
		t.Errorf("BGP > nothing: %v (%+v)", err, m)
	}
	if _, err := MatchTopic(&p, "OSPF > Areas"); err == nil || !strings.Contains(err.Error(), "OSPF has no subtopics") {
		t.Errorf("OSPF > Areas: %v", err)
	}
	if _, err := MatchTopic(&p, "IS-IS > Levels"); err == nil || !strings.Contains(err.Error(), "the top-level topics are:") {
		t.Errorf("IS-IS > Levels: %v", err)
	}
}
