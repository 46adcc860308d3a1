package tracker

import "testing"

func TestNextMilestoneSkipsDoneSkippedAndOptional(t *testing.T) {
	path := func(status map[string]Status) *Plan {
		p := &Plan{}
		for i, m := range []struct {
			id       string
			optional bool
		}{{"degree", false}, {"ccna", true}, {"spcor", false}, {"lab", false}, {"ccie", false}, {"recert", false}} {
			st := status[m.id]
			if st == "" {
				st = Planned
			}
			p.Milestones = append(p.Milestones, Milestone{ID: m.id, Order: 6 - i, Status: st, Optional: m.optional})
		}
		// Stored out of order: the rule goes by Order, here the reverse of the list.
		return p
	}
	cases := []struct {
		name   string
		status map[string]Status
		want   string // "" for none
	}{
		{"nothing done: the lowest order", nil, "recert"},
		{"recertification done", map[string]Status{"recert": Done}, "ccie"},
		{"skipped counts as out of the way", map[string]Status{"recert": Done, "ccie": Skipped}, "lab"},
		{"in progress is still next", map[string]Status{"recert": Done, "ccie": Done, "lab": InProgress}, "lab"},
		{"all but the optional CCNA and the degree done", map[string]Status{"recert": Done, "ccie": Done, "lab": Done, "spcor": Done}, "degree"},
		{"only the optional CCNA left: none", map[string]Status{"recert": Done, "ccie": Done, "lab": Done, "spcor": Done, "degree": Done}, ""},
	}
	for _, c := range cases {
		m, ok := path(c.status).NextMilestone()
		got := ""
		if ok {
			got = m.ID
		}
		if got != c.want {
			t.Errorf("%s: next is %q, want %q", c.name, got, c.want)
		}
	}
}
