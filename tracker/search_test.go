package tracker

import "testing"

func searchPlan() *Plan {
	return &Plan{Topics: []Topic{
		{ID: "bgp", Name: "BGP"},
		{ID: "rr", Name: "Route reflectors and confederations", ParentID: "bgp"},
		{ID: "pol", Name: "Routing policy", ParentID: "bgp"},
		{ID: "mpls", Name: "MPLS"},
		{ID: "te", Name: "RSVP-TE", ParentID: "mpls"},
		{ID: "err", Name: "Error handling"},
	}}
}

func TestSearchTopicsFindsPrefixesWordsAndInitials(t *testing.T) {
	p := searchPlan()
	cases := []struct {
		query string
		first string // the best match's id
		find  string // what FindTopic resolves it to; "" for nothing
	}{
		{"rr", "rr", "rr"},          // initials, before "Error" which only contains it
		{"route refl", "rr", "rr"},  // the name's prefix
		{"bgp refl", "rr", "rr"},    // words of the path, in order
		{"bgp > route", "rr", "rr"}, // a path
		{"rout", "rr", ""},          // two names start so: ambiguous
		{"rsvp", "te", "te"},        // a prefix
		{"mpls", "mpls", "mpls"},    // exact
		{"flect", "rr", ""},         // only inside a word: listed, not resolved
		{"qos", "", ""},             // nothing
	}
	for _, c := range cases {
		got := SearchTopics(p, c.query)
		first := ""
		if len(got) > 0 {
			first = got[0].ID
		}
		if first != c.first {
			t.Errorf("SearchTopics(%q) starts with %q, want %q", c.query, first, c.first)
		}
		found := ""
		if tp, err := FindTopic(p, c.query); err == nil {
			found = tp.ID
		}
		if found != c.find {
			t.Errorf("FindTopic(%q) = %q, want %q", c.query, found, c.find)
		}
	}
	if n := len(SearchTopics(p, "")); n != len(p.Topics) {
		t.Errorf("an empty search lists %d topics", n)
	}
}
