package tracker

import (
	"errors"
	"fmt"
	"reflect"
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
