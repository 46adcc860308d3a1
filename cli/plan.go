package cli

import (
	"flag"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"

	"corepath/tracker"
)

// matchMilestone finds a milestone by id, or by a word or phrase found in only one title,
// ignoring case: "spcor" finds "Pass 350-501 SPCOR".
func matchMilestone(p *tracker.Plan, ref string) (*tracker.Milestone, error) {
	want := strings.ToLower(strings.TrimSpace(ref))
	var found []*tracker.Milestone
	for i := range p.Milestones {
		m := &p.Milestones[i]
		if strings.ToLower(m.ID) == want {
			return m, nil
		}
		if want != "" && strings.Contains(strings.ToLower(m.Title), want) {
			found = append(found, m)
		}
	}
	if len(found) == 1 {
		return found[0], nil
	}
	if len(found) > 1 {
		return nil, tracker.Errorf(tracker.Conflict, "milestone %q is ambiguous; use the id of one of these:\n  %s", ref, milestoneLines(found))
	}
	all := make([]*tracker.Milestone, len(p.Milestones))
	for i := range p.Milestones {
		all[i] = &p.Milestones[i]
	}
	return nil, tracker.Errorf(tracker.NotFound, "no milestone matches %q; the milestones are:\n  %s", ref, milestoneLines(all))
}

// milestoneLines lists milestones one a line, "M05  Pass 350-501 SPCOR".
func milestoneLines(ms []*tracker.Milestone) string {
	names := make([]string, len(ms))
	for i, m := range ms {
		names[i] = m.ID + "  " + m.Title
	}
	return strings.Join(names, "\n  ")
}

// matchCourse finds a course by code (or id), ignoring case.
func matchCourse(p *tracker.Plan, ref string) (*tracker.Course, error) {
	var found []*tracker.Course
	for i := range p.Courses {
		c := &p.Courses[i]
		if c.ID == ref || strings.EqualFold(c.Code, strings.TrimSpace(ref)) {
			found = append(found, c)
		}
	}
	switch len(found) {
	case 1:
		return found[0], nil
	case 0:
		return nil, tracker.NotFoundRecord(tracker.RecordCourse, ref)
	}
	var which []string
	for _, c := range found {
		term := c.Term
		if term == "" {
			term = "no term"
		}
		if c.Title != "" {
			term += ", " + c.Title
		}
		which = append(which, fmt.Sprintf("%s (%s)", c.ID, term))
	}
	return nil, tracker.Errorf(tracker.Conflict, "%d courses have code %q, one per term: %s; give the id of the one you mean, like %s",
		len(found), ref, strings.Join(which, ", "), found[0].ID)
}

var cmdPlan = &command{
	name: "plan", args: "[--json]", summary: "Show the tracks, topics, milestones and degree courses with their progress.",
	options: func() commandOptions { return &planOptions{} },
}

// planOptions are the flags of corepath plan.
type planOptions struct {
	json bool
}

func (o *planOptions) addFlags(fs *flag.FlagSet) {
	fs.BoolVar(&o.json, "json", false, "print JSON")
}

func (o *planOptions) run(c *ctx) error {
	if err := c.needArgs(0, ""); err != nil {
		return err
	}
	db, p, err := c.plan()
	if err != nil {
		return err
	}
	now := c.Now()
	sum := tracker.NewSummarizer(&p, c.Loc, time.Time{}, time.Time{}, now)
	if err := db.Summarize(&p, c.Loc, now, sum, nil); err != nil {
		return err
	}
	r, minutes := sum.Report(), sum.TopicSeconds()
	if o.json {
		return writeJSON(c, planToJSON(&p, &r, minutes, now))
	}
	printPlan(c, &p, &r, minutes, now)
	return nil
}

type topicJSON struct {
	tracker.Topic
	Path    string `json:"path"`
	Minutes int    `json:"minutes"` // logged against this topic itself
}

type milestoneJSON struct {
	tracker.Milestone
	WindowEnds string `json:"window_ends,omitempty"`
	DaysLeft   *int   `json:"days_left,omitempty"`
}

type planJSON struct {
	Tracks     []tracker.TrackTotal    `json:"tracks"`
	Exams      []tracker.Exam          `json:"exams"`
	Topics     []topicJSON             `json:"topics"`
	Progress   []tracker.TopicProgress `json:"topic_progress"`
	Milestones []milestoneJSON         `json:"milestones"`
	Degree     struct {
		Program  tracker.Program        `json:"program"`
		Courses  []tracker.Course       `json:"courses"`
		Progress tracker.DegreeProgress `json:"progress"`
	} `json:"degree"`
	Goals         tracker.Goals     `json:"goals"`
	Settings      tracker.Settings  `json:"settings"`
	Certification tracker.CertState `json:"certification"`
	Costs         tracker.Costs     `json:"costs"`
}

// milestoneWindow is the window shown beside a milestone, by the certification rules.
func milestoneWindow(p *tracker.Plan, m *tracker.Milestone, now time.Time) (tracker.WindowStatus, bool) {
	rules, state := p.Rules(), p.Cert(now)
	return tracker.MilestoneWindow(m, &state, &rules)
}

// windowText is a window as text output shows it: "Lab eligibility ends 2029-02-28 (820 days
// left, reported 2026-11)".
func windowText(w tracker.WindowStatus) string {
	s := fmt.Sprintf("%s ends %s (%s left", w.Name, w.Ends, tracker.CountOf(w.DaysLeft, "day", "days"))
	if w.DaysLeft < 0 {
		s = fmt.Sprintf("%s ended %s (%s ago", w.Name, w.Ends, tracker.CountOf(-w.DaysLeft, "day", "days"))
	}
	if w.Reported != "" {
		s += ", reported " + w.Reported
	}
	return s + ")"
}

func planToJSON(p *tracker.Plan, r *tracker.Report, minutes map[string]int64, now time.Time) planJSON {
	out := planJSON{Tracks: r.ByTrack, Exams: p.Exams, Progress: r.Progress.Topics, Goals: p.Goals, Settings: p.Settings, Certification: p.Cert(now)}
	out.Costs = p.Costs(&out.Certification)
	for _, t := range p.Topics {
		out.Topics = append(out.Topics, topicJSON{Topic: t, Path: p.TopicPath(t.ID), Minutes: int((minutes[t.ID] + 30) / 60)})
	}
	for i := range p.Milestones {
		mj := milestoneJSON{Milestone: p.Milestones[i]}
		if w, ok := milestoneWindow(p, &p.Milestones[i], now); ok {
			mj.WindowEnds, mj.DaysLeft = string(w.Ends), &w.DaysLeft
		}
		out.Milestones = append(out.Milestones, mj)
	}
	out.Degree.Program, out.Degree.Courses, out.Degree.Progress = p.Program, p.Courses, r.Progress.Degree
	if out.Degree.Courses == nil {
		out.Degree.Courses = []tracker.Course{}
	}
	return out
}

func printPlan(c *ctx, p *tracker.Plan, r *tracker.Report, minutes map[string]int64, now time.Time) {
	progress := map[string]tracker.TopicProgress{}
	for _, tp := range r.Progress.Topics {
		progress[tp.TopicID] = tp
	}
	for _, track := range tracker.Tracks {
		c.out("%s\n", strings.ToUpper(track.Label()))
		for _, t := range p.Topics {
			if t.Track != track || t.ParentID != "" {
				continue
			}
			tp := progress[t.ID]
			target := ""
			if tp.TargetMinutes > 0 {
				target = fmt.Sprintf(" of %s", hm(tp.TargetMinutes))
				if t.Estimate {
					target += " (estimate)"
				}
			}
			c.out("  %-44s %8s%s  confidence %s\n", trim(t.Name, 44), hm(tp.Minutes), target, tracker.ConfidenceLabel(t.Confidence))
		}
		if track == tracker.TrackCertification {
			c.out("  Milestones:\n")
			printMilestones(c, p, now)
		}
		if track == tracker.TrackDegree {
			printDegree(c, p, r.Progress.Degree)
		}
		c.out("\n")
	}
	c.out("%s\n", goalsLine(&p.Goals, &p.Settings))
}

// goalsLine says the goals and the study settings in one line: the weekly hours (and each
// track's), the week's first day, the streak's day, and the planned breaks.
func goalsLine(g *tracker.Goals, s *tracker.Settings) string {
	line := fmt.Sprintf("Weekly goal: %gh", g.WeeklyHours)
	if g.WeeklyHours == 0 { // 0 sets none: the report then shows no goal over all tracks
		line = "Weekly goal: none over all tracks"
	}
	for _, tr := range tracker.Tracks {
		if h := g.TrackHours[tr]; h > 0 {
			line += fmt.Sprintf(", %s %gh", tr.Label(), h)
		}
	}
	line += fmt.Sprintf("; weeks start on %s; a streak day needs %dm", s.WeekStart, s.StreakMin())
	if len(s.RestDays) > 0 {
		var days []string
		for _, d := range s.RestDays {
			days = append(days, d.String()[:3])
		}
		line += "; rest days " + strings.Join(days, ", ")
	}
	if len(s.Vacations) > 0 {
		var spans []string
		for _, v := range s.Vacations {
			spans = append(spans, string(v.From)+".."+string(v.To))
		}
		line += "; vacations " + strings.Join(spans, ", ")
	}
	return line
}

// printCosts writes the fees spent and still planned, and the lab's date against its window.
func printCosts(c *ctx, costs tracker.Costs, windowEnds tracker.Date) {
	for _, line := range costs.Lines(windowEnds) {
		c.out("    %s\n", line)
	}
}

// printMilestones lists the milestones, each with its dates, costs and window, then the notes
// on the certification and the costs in total: in corepath plan and corepath milestone list.
func printMilestones(c *ctx, p *tracker.Plan, now time.Time) {
	state := p.Cert(now)
	costs := p.Costs(&state)
	for i := range p.Milestones {
		m := &p.Milestones[i]
		line := fmt.Sprintf("    %-4s %-11s %s", m.ID, m.Status, m.Title)
		if m.Target != "" {
			line += "  target " + string(m.Target)
		}
		if m.DoneOn != "" {
			line += "  done " + string(m.DoneOn)
		}
		if mc, ok := costs.Milestone(m.ID); ok {
			line += "  " + mc.Text()
		}
		if w, ok := milestoneWindow(p, m, now); ok {
			line += "  " + windowText(w)
		}
		c.out("%s\n", line)
	}
	for _, n := range state.Notes {
		c.out("    Check: %s\n", n)
	}
	printCosts(c, costs, state.EligibleUntil)
}

// programTitle is the program's name with its field, unless the name says it already, in full
// or by its initials: "BS in Computer Science", "BS Computer Science", "BSc IT".
func programTitle(pr tracker.Program) string {
	name, field := pr.Name, strings.TrimSpace(pr.Field)
	if field == "" || strings.Contains(strings.ToLower(name), strings.ToLower(field)) {
		return name
	}
	initials := ""
	for _, w := range strings.Fields(field) {
		if r := []rune(w)[0]; unicode.IsUpper(r) {
			initials += string(r)
		}
	}
	if len(initials) > 1 && slices.Contains(strings.Fields(name), initials) {
		return name
	}
	return name + " in " + field
}

// printDegree gives the program's credits and GPA, then the courses by term and code: in
// corepath plan and corepath course list.
func printDegree(c *ctx, p *tracker.Plan, d tracker.DegreeProgress) {
	c.out("  %s: %s", programTitle(p.Program), d.Earned())
	if d.Graded {
		c.out(", GPA %.2f", d.GPA)
	}
	c.out("\n")
	for _, i := range tracker.CourseOrder(p.Courses) {
		co := &p.Courses[i]
		c.out("    %-4s %-10s %-36s %4g cr  %-12s %-11s %s\n", co.ID, co.Code, trim(co.Title, 36), co.Credits, co.Term, co.Status, co.Grade)
	}
	if len(p.Courses) == 0 {
		c.out("    No courses yet: %s course add CODE --title TITLE --credits 3\n", c.corepath())
	}
	if note := p.RetakeNote(); note != "" {
		c.out("    Note: %s\n", note)
	}
}
