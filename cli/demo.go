package cli

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"sync"
	"time"

	"corepath/tracker"
)

var cmdDemo = &command{
	name: "demo", args: "--data DIR [--seed N]",
	summary: "Fill an empty store with a year of realistic sample study, to see a lived-in Corepath.",
	options: func() commandOptions { return &demoOptions{} },
}

// demoOptions are the flags of corepath demo.
type demoOptions struct {
	seed uint64
}

func (o *demoOptions) addFlags(fs *flag.FlagSet) {
	fs.Uint64Var(&o.seed, "seed", 1, "the random `SEED`; the same seed gives the same year")
	fs.Lookup("data").Usage = "the data `DIR` to fill, required (or $COREPATH_DATA), so that sample data never lands in your own store"
}

func (o *demoOptions) run(c *ctx) error {
	if err := c.needArgs(0, ""); err != nil {
		return err
	}
	if c.data == "" && c.Getenv("COREPATH_DATA") == "" {
		return usagef("--data DIR is required, so that sample data never lands in your own store")
	}
	db, p, err := c.plan()
	if err != nil {
		return err
	}
	existing := 0
	if err := db.Sessions(tracker.Query{TotalsOnly: true}, func(*tracker.Session) error { existing++; return errStop }); err != nil && err != errStop {
		return err
	}
	if existing > 0 {
		return tracker.Errorf(tracker.Conflict, "%s already holds sessions; demo fills only an empty store", db.Path())
	}
	d := demo{plan: &p, rng: rand.New(rand.NewPCG(o.seed, 7)), loc: c.Loc, end: c.Now()}
	sessions := d.sessions()
	saved, err := db.AddSessions(sessions)
	if err != nil {
		return err
	}
	if err := d.shapePlan(db); err != nil {
		return err
	}
	if err := d.certRecord(db, saved); err != nil {
		return err
	}
	c.out("Filled %s with %d sessions over the year to %s, a few courses and milestones.\n",
		db.Path(), len(sessions), c.Now().In(c.Loc).Format("2006-01-02"))
	return nil
}

// demo makes a believable year of study: evenings on weekdays, longer weekend blocks, a summer
// and a winter break, and a focus that moves from fundamentals to SPCOR and then the lab.
type demo struct {
	plan *tracker.Plan
	rng  *rand.Rand
	loc  *time.Location
	end  time.Time
}

type phase struct {
	weeks  int      // how long the phase lasts
	topics []string // top-level topic names, weighted by repetition
}

var demoPhases = []phase{
	{10, []string{"TCP/IP Fundamentals", "TCP/IP Fundamentals", "LAN Switching & Carrier Ethernet", "OSPF", "Python & Network Automation", "Coursework"}},
	{12, []string{"OSPF", "IS-IS", "BGP", "BGP", "Security: Firewalls, VPNs & ACLs", "Troubleshooting & Log Analysis", "Coursework"}},
	{16, []string{"BGP", "MPLS", "MPLS", "Segment Routing", "VPN Services: L3VPN, L2VPN, EVPN", "Quality of Service", "SPCOR exam preparation", "SPCOR exam preparation", "Coursework"}},
	{14, []string{"SPCOR exam preparation", "SPCOR exam preparation", "CCIE lab preparation", "Python & Network Automation", "Multicast", "High Availability & Fast Convergence", "Segment Routing", "BGP", "Coursework"}},
}

// demoNotes are the notes a demo session of a topic may carry: made for the demo command, not at
// the start of every command.
var demoNotes = sync.OnceValue(func() map[string][]string {
	return map[string][]string{
		"TCP/IP Fundamentals":              {"Subnetting drills: /27 to /30 without a calculator", "Read up on PMTUD and why MSS clamping exists", "Wireshark: followed a TCP handshake and window scaling"},
		"OSPF":                             {"LSA types 1-5 on a multi-area lab", "Why the DR election surprised me on the broadcast segment", "Stub vs totally stubby vs NSSA, with a lab to prove it"},
		"IS-IS":                            {"L1/L2 routers and route leaking", "Wide metrics and why narrow ones bite"},
		"BGP":                              {"Best-path: walked all 13 steps on a lab", "Route reflectors with two clusters and a loop to find", "Communities and local-pref policy for a dual-homed customer", "RPL vs route-maps side by side on XR and XE"},
		"MPLS":                             {"LDP-IGP sync and why it matters on link up", "LSP ping/trace through a broken LFIB", "RSVP-TE tunnel with explicit path"},
		"Segment Routing":                  {"Prefix SIDs and SRGB on XRd", "TI-LFA: watched the backup path in CEF", "SR-TE policy with color and on-demand next hop"},
		"VPN Services: L3VPN, L2VPN, EVPN": {"L3VPN with OSPF PE-CE and the down bit", "Inter-AS option B, end to end", "EVPN multi-homing: DF election"},
		"CCIE lab preparation":             {"Full mock lab: design module, 3h", "Timed core routing section, 2h30", "Topic lab: multicast VPN profile 14", "NSO service package from the YANG model"},
		"Python & Network Automation":      {"Netmiko script to collect show commands", "ncclient: NETCONF get-config on XR", "Jinja2 templates for PE configs"},
		"SPCOR exam preparation":           {"Practice exam, 78%: weak on QoS and multicast", "Blueprint review: 4.0 Services", "Flashcards: NAT64, MAP-T, DS-Lite"},
		"Coursework":                       {"Data structures assignment", "Discrete math problem set", "Networks lab report"},
	}
})

var demoTags = []string{"lab", "theory", "review", "flashcards", "rfc", "video", "book", "xr", "xe", "ine"}

func (d *demo) topic(name string) *tracker.Topic {
	t, err := tracker.MatchTopic(d.plan, name)
	if err != nil {
		return nil
	}
	return t
}

// sessions makes the year's sessions, oldest first, all ending before d.end.
func (d *demo) sessions() []tracker.Session {
	end := d.end.In(d.loc)
	start := tracker.StartOfDay(end.AddDate(-1, 0, 0), d.loc)
	var out []tracker.Session
	week := 0
	for day := start; day.Before(end); day = tracker.NextDay(day) {
		week = int(day.Sub(start).Hours() / 24 / 7)
		ph, acc := demoPhases[len(demoPhases)-1], 0
		for _, p := range demoPhases {
			if acc += p.weeks; week < acc {
				ph = p
				break
			}
		}
		if d.onBreak(day) {
			continue
		}
		weekend := day.Weekday() == time.Saturday || day.Weekday() == time.Sunday
		count := 0
		switch {
		case weekend && d.rng.Float64() < 0.75:
			count = 1 + d.rng.IntN(2)
		case !weekend && d.rng.Float64() < 0.62:
			count = 1
		}
		clock := 19*60 + d.rng.IntN(90) - 30
		if weekend {
			clock = 9*60 + d.rng.IntN(120)
		}
		for i := 0; i < count; i++ {
			name := ph.topics[d.rng.IntN(len(ph.topics))]
			t := d.topic(name)
			if t == nil {
				continue
			}
			minutes := 30 + d.rng.IntN(61)
			if weekend {
				minutes = 60 + d.rng.IntN(121)
			}
			s := tracker.Session{
				TopicID:  t.ID,
				Start:    time.Date(day.Year(), day.Month(), day.Day(), clock/60, clock%60, 0, 0, d.loc),
				Duration: time.Duration(minutes) * time.Minute,
				Kind:     d.kind(name),
			}
			if kids := d.plan.Children(t.ID); len(kids) > 0 && d.rng.Float64() < 0.45 {
				s.TopicID = kids[d.rng.IntN(len(kids))].ID
			}
			for _, tag := range d.rng.Perm(len(demoTags))[:d.rng.IntN(3)] {
				s.Tags = append(s.Tags, demoTags[tag])
			}
			if notes := demoNotes()[name]; len(notes) > 0 && d.rng.Float64() < 0.45 {
				s.Note = notes[d.rng.IntN(len(notes))]
			}
			if d.rng.Float64() < 0.5 {
				s.Focus = 2 + d.rng.IntN(4)
			}
			if s.End().After(d.end) {
				continue
			}
			out = append(out, s)
			clock += minutes + 20 + d.rng.IntN(60)
		}
	}
	return out
}

// onBreak is two weeks in August and the days around the new year.
func (d *demo) onBreak(day time.Time) bool {
	m, dd := day.Month(), day.Day()
	return m == time.August && dd >= 4 && dd <= 17 || m == time.December && dd >= 24 || m == time.January && dd <= 2
}

func (d *demo) kind(topic string) tracker.Kind {
	switch {
	case topic == "CCIE lab preparation":
		return tracker.KindLab
	case topic == "SPCOR exam preparation" && d.rng.Float64() < 0.3:
		return tracker.KindPracticeExam
	case topic == "Coursework":
		return tracker.KindStudy
	}
	return []tracker.Kind{tracker.KindStudy, tracker.KindStudy, tracker.KindLab, tracker.KindLab, tracker.KindReading, tracker.KindVideo}[d.rng.IntN(6)]
}

// demoStore is what shapePlan needs of the store.
type demoStore interface {
	PutMilestone(tracker.Milestone) (tracker.Milestone, error)
	PutCourse(tracker.Course) (tracker.Course, error)
	PutTopic(tracker.Topic) (tracker.Topic, error)
	PutGoals(tracker.Goals) error
	PutProgram(tracker.Program) error
}

// shapePlan records what a year of such study would have achieved: foundations and CCNA done,
// SPCOR in progress with a target date, a degree under way, and confidence on the topics.
func (d *demo) shapePlan(db demoStore) error {
	day := func(monthsAgo int) tracker.Date {
		return tracker.DateOf(d.end.In(d.loc).AddDate(0, -monthsAgo, 0))
	}
	updates := map[string]func(*tracker.Milestone){
		"M01": func(m *tracker.Milestone) { m.Status = tracker.InProgress },
		"M02": func(m *tracker.Milestone) { m.Status, m.DoneOn = tracker.Done, day(9) },
		"M03": func(m *tracker.Milestone) { m.Status, m.DoneOn = tracker.Done, day(5) },
		"M04": func(m *tracker.Milestone) { m.Status, m.DoneOn = tracker.Done, day(4) },
		"M05": func(m *tracker.Milestone) { m.Status, m.Target = tracker.InProgress, day(-2) },
		"M07": func(m *tracker.Milestone) { m.Status = tracker.InProgress },
	}
	for _, m := range d.plan.Milestones {
		if f, ok := updates[m.ID]; ok {
			f(&m)
			if _, err := db.PutMilestone(m); err != nil {
				return err
			}
		}
	}
	courses := []tracker.Course{
		{Code: "CS101", Title: "Programming I", Credits: 3, Term: "Fall 2025", Status: tracker.CourseCompleted, Grade: "A"},
		{Code: "MATH150", Title: "Discrete Mathematics", Credits: 3, Term: "Fall 2025", Status: tracker.CourseCompleted, Grade: "B+"},
		{Code: "ENG101", Title: "English Composition", Credits: 3, Term: "Fall 2025", Status: tracker.CourseCompleted, Grade: "A-"},
		{Code: "NET201", Title: "Data Communications", Credits: 3, Term: "Spring 2026", Status: tracker.CourseCompleted, Grade: "A"},
		{Code: "CS210", Title: "Data Structures & Algorithms", Credits: 3, Term: "Spring 2026", Status: tracker.CourseCompleted, Grade: "B"},
		{Code: "TRF100", Title: "Transfer credit (community college)", Credits: 30, Term: "2024", Status: tracker.CourseTransfer},
		{Code: "NET310", Title: "Computer Networks", Credits: 3, Term: "Fall 2026", Status: tracker.CourseInProgress},
		{Code: "SEC320", Title: "Network Security", Credits: 3, Term: "Fall 2026", Status: tracker.CourseInProgress},
		{Code: "CS330", Title: "Operating Systems", Credits: 3, Term: "Spring 2027", Status: tracker.CoursePlanned},
	}
	for _, c := range courses {
		if _, err := db.PutCourse(c); err != nil {
			return err
		}
	}
	if err := db.PutProgram(tracker.Program{Name: "BS Information Technology", Field: "Information Technology", CreditsRequired: 120}); err != nil {
		return err
	}
	confidence := map[string]int{"TCP/IP Fundamentals": 4, "LAN Switching & Carrier Ethernet": 3, "OSPF": 4, "IS-IS": 2, "BGP": 3,
		"MPLS": 3, "Segment Routing": 2, "VPN Services: L3VPN, L2VPN, EVPN": 2, "Quality of Service": 2, "Multicast": 1,
		"Python & Network Automation": 3, "Security: Firewalls, VPNs & ACLs": 3, "Troubleshooting & Log Analysis": 3}
	for name, c := range confidence {
		if t := d.topic(name); t != nil {
			nt := *t
			nt.Confidence = c
			if _, err := db.PutTopic(nt); err != nil {
				return fmt.Errorf("topic %s: %w", name, err)
			}
		}
	}
	return db.PutGoals(tracker.Goals{WeeklyHours: 10, TrackHours: map[tracker.Track]float64{tracker.TrackDegree: 3}})
}
