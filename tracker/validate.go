package tracker

import (
	"fmt"
	"math"
	"strings"
	"time"
	"unicode/utf8"
)

// MaxTags and the length limits keep one session's record small and its display sane.
const (
	MaxTags    = 20
	MaxTagLen  = 40
	MaxNoteLen = 10000
	MaxNameLen = 120
	maxFocus   = 5
	maxConfid  = 5
	maxCredits = 30
	maxCost    = 1e6
	maxTarget  = 100000
	// MaxWeekGoal is the most hours a week a goal can ask: the hours a week has.
	MaxWeekGoal = 7 * 24
)

// LeftRunning reports whether a timer that ran for elapsed, planned for planned (0: no plan),
// looks left running after the study ended: longer than a session can be, twice its plan and
// half an hour more, or 8 hours without one.
func LeftRunning(elapsed, planned time.Duration) bool {
	if elapsed > MaxSession {
		return true
	}
	if planned > 0 {
		return elapsed > 2*planned && elapsed > planned+30*time.Minute
	}
	return elapsed >= 8*time.Hour
}

// MaxImportedSession is the longest session an import keeps whole. Other trackers count a
// forgotten timer's full length (24 to 97 hours in real Clockify and Timewarrior data), and an
// import keeps the totals its source shows, so an imported session (one with a Source) may pass
// MaxSession up to this.
const MaxImportedSession = 31 * 24 * time.Hour

// NormalizeTags trims tags, drops empty ones and repeats (ignoring case), and keeps the order.
func NormalizeTags(tags []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, t := range tags {
		t = strings.TrimSpace(t)
		key := strings.ToLower(t)
		if t == "" || seen[key] {
			continue
		}
		seen[key] = true
		out = append(out, t)
	}
	return out
}

// ValidateSession checks a finished session against the plan at the instant now.
func ValidateSession(s *Session, p *Plan, now time.Time) error {
	if s.Running {
		return Errorf(Invalid, "a running timer is not a finished session: stop it first")
	}
	if s.Start.IsZero() {
		return Errorf(Invalid, "the session has no start time")
	}
	// The length first: a log of 2562047h without --at starts 292 years ago, and the start's
	// complaint (before 1970) would hide the length that is wrong.
	if s.Duration < MinSession || s.Duration > MaxSession && s.Source == "" {
		return Detailed(Invalid, &SessionLengthError{Got: s.Duration, Max: MaxSession})
	}
	if s.Duration > MaxImportedSession {
		return Detailed(Invalid, &SessionLengthError{Got: s.Duration, Max: MaxImportedSession, Imported: true})
	}
	if err := validStart(s.Start); err != nil {
		return err
	}
	if s.End().After(now) {
		return Errorf(Invalid, "the session would end at %s, which is in the future: give an earlier start time",
			s.End().In(now.Location()).Format("2006-01-02 15:04"))
	}
	return validateSessionFields(s, p)
}

// ValidateTimer checks a timer that is about to start.
func ValidateTimer(s *Session, p *Plan, now time.Time) error {
	if s.Start.After(now) {
		return Errorf(Invalid, "a timer cannot start in the future")
	}
	if err := validStart(s.Start); err != nil {
		return err
	}
	if s.Planned < 0 || s.Planned > MaxSession {
		return Errorf(Invalid, "the planned length must be between 1 minute and 24 hours")
	}
	return validateSessionFields(s, p)
}

func validateSessionFields(s *Session, p *Plan) error {
	if s.TopicID == "" {
		return Errorf(Invalid, "the session needs a topic")
	}
	if _, ok := p.Topic(s.TopicID); !ok {
		return NotFoundRecord(RecordTopic, s.TopicID)
	}
	if s.MilestoneID != "" {
		if _, ok := p.Milestone(s.MilestoneID); !ok {
			return NotFoundRecord(RecordMilestone, s.MilestoneID)
		}
	}
	if s.CourseID != "" {
		if _, ok := p.Course(s.CourseID); !ok {
			return NotFoundRecord(RecordCourse, s.CourseID)
		}
	}
	if _, err := ParseKind(string(s.Kind)); err != nil {
		return err
	}
	if s.Focus < 0 || s.Focus > maxFocus {
		return Errorf(Invalid, "focus is rated from 1 to 5 (got %d)", s.Focus)
	}
	if len(s.Tags) > MaxTags {
		return Errorf(Invalid, "a session can have at most %d tags (got %d)", MaxTags, len(s.Tags))
	}
	for _, t := range s.Tags {
		if err := CheckTag(t); err != nil {
			return err
		}
	}
	if len(s.Note) > MaxNoteLen {
		return Errorf(Invalid, "the note is %d characters long; the limit is %d", len(s.Note), MaxNoteLen)
	}
	if err := validText("note", s.Note, true); err != nil {
		return err
	}
	return nil
}

func validStart(start time.Time) error {
	if start.Before(EarliestTime) {
		return Errorf(Invalid, "the session starts on %s, before 1970: Corepath keeps sessions from 1970-01-01 on; check the year",
			start.UTC().Format("2006-01-02"))
	}
	return nil
}

func describeDuration(d time.Duration) string {
	if d < time.Minute {
		return d.Round(time.Second).String()
	}
	return FormatDuration(d)
}

func validName(what, name string) error {
	if strings.TrimSpace(name) == "" {
		return Errorf(Invalid, "the %s needs a name", what)
	}
	if len(name) > MaxNameLen {
		return Errorf(Invalid, "the %s name is longer than %d characters", what, MaxNameLen)
	}
	return validText(what+" name", name, false)
}

func validTrack(t Track) error {
	for _, x := range Tracks {
		if t == x {
			return nil
		}
	}
	return Errorf(Invalid, "track %q is not degree, skills or certification", t)
}

func finite(f float64) bool { return !math.IsNaN(f) && !math.IsInf(f, 0) }

// ValidateTopic checks a topic that is about to be added to or replaced in the plan.
func ValidateTopic(t *Topic, p *Plan) error {
	if err := validName("topic", t.Name); err != nil {
		return err
	}
	// "BGP > Route reflectors" names a subtopic by its path, so a name with the separator in it
	// could never be typed to mean the topic itself.
	if strings.ContainsAny(t.Name, ">›") {
		return Errorf(Invalid, "a topic's name cannot hold > or ›, which separate a topic from its subtopic in a path (%q)", t.Name)
	}
	if err := validTrack(t.Track); err != nil {
		return err
	}
	if err := validText("topic's note", t.Note, true); err != nil {
		return err
	}
	if !finite(t.TargetHours) || t.TargetHours < 0 || t.TargetHours > maxTarget {
		return Errorf(Invalid, "the target must be between 0 and %d hours", maxTarget)
	}
	if t.Confidence < 0 || t.Confidence > maxConfid {
		return Errorf(Invalid, "confidence is rated from 0 to 5 (got %d)", t.Confidence)
	}
	if t.ParentID != "" {
		if t.ParentID == t.ID {
			return Errorf(Invalid, "a topic cannot be its own parent")
		}
		parent, ok := p.Topic(t.ParentID)
		if !ok {
			return Errorf(NotFound, "parent topic %q does not exist", t.ParentID)
		}
		if parent.ParentID != "" {
			return Errorf(Invalid, "topics have two levels: %q is already a subtopic, so it cannot hold %q", parent.Name, t.Name)
		}
		if t.ID != "" && len(p.Children(t.ID)) > 0 { // a new topic (no id yet) has no subtopics
			return Errorf(Invalid, "%q has subtopics of its own, so it cannot become a subtopic", t.Name)
		}
		if parent.Track != t.Track {
			return Errorf(Invalid, "a subtopic belongs to its parent's track (%s)", parent.Track.Label())
		}
	}
	for _, other := range p.Topics {
		if other.ID != t.ID && other.ParentID == t.ParentID && strings.EqualFold(strings.TrimSpace(other.Name), strings.TrimSpace(t.Name)) {
			return Errorf(Conflict, "there is already a topic named %q there", other.Name)
		}
	}
	for _, ref := range t.Blueprint {
		if _, d, ok := p.Domain(ref); !ok || d == nil {
			return Errorf(NotFound, "blueprint domain %s %s does not exist", ref.Exam, ref.Domain)
		}
	}
	return nil
}

// ValidateMilestone checks a milestone against the plan it is about to join, including that its
// dependencies exist and form no cycle.
func ValidateMilestone(m *Milestone, p *Plan) error {
	if err := validName("milestone", m.Title); err != nil {
		return err
	}
	if err := validTrack(m.Track); err != nil {
		return err
	}
	if err := validText("milestone's note", m.Note, true); err != nil {
		return err
	}
	if _, err := ParseStatus(string(m.Status)); err != nil {
		return err
	}
	if _, err := ParseDate(string(m.Target)); err != nil {
		return err
	}
	if _, err := ParseDate(string(m.DoneOn)); err != nil {
		return err
	}
	if m.Status == Done && m.DoneOn == "" {
		return Errorf(Invalid, "a milestone marked done needs the date it was done")
	}
	if m.Status != Done && m.DoneOn != "" {
		return Errorf(Invalid, "a %s milestone is not done on any day: mark it done with that date, or leave the date out", m.Status)
	}
	if !finite(m.CostUSD) || m.CostUSD < 0 || m.CostUSD > maxCost {
		return Errorf(Invalid, "the cost must be between 0 and %.0f", float64(maxCost))
	}
	if m.Topic != "" {
		if _, ok := p.Topic(m.Topic); !ok {
			return Errorf(NotFound, "%q is prepared by topic %q, which does not exist", m.Title, m.Topic)
		}
	}
	if m.Opens != nil && (m.Opens.Years < 1 || m.Opens.Years > 20 || strings.TrimSpace(m.Opens.Name) == "") {
		return Errorf(Invalid, "a validity window needs a name and 1 to 20 years")
	}
	deps := map[string][]string{}
	for _, other := range p.Milestones {
		deps[other.ID] = other.DependsOn
	}
	deps[m.ID] = m.DependsOn
	for _, d := range m.DependsOn {
		if d == m.ID {
			return Errorf(Invalid, "%q cannot depend on itself", m.Title)
		}
		if _, ok := deps[d]; !ok {
			return Errorf(NotFound, "%q depends on milestone %q, which does not exist", m.Title, d)
		}
	}
	if cycle := findCycle(m.ID, deps); cycle != nil {
		names := make([]string, len(cycle))
		for i, id := range cycle {
			names[i] = id
			if other, ok := p.Milestone(id); ok && id != m.ID {
				names[i] = other.Title
			} else if id == m.ID {
				names[i] = m.Title
			}
		}
		return Errorf(Invalid, "these dependencies form a cycle: %s", strings.Join(names, " → "))
	}
	return nil
}

// findCycle returns a path from start back to start through deps, or nil.
func findCycle(start string, deps map[string][]string) []string {
	visited := map[string]bool{}
	var path []string
	var walk func(id string) bool
	walk = func(id string) bool {
		path = append(path, id)
		for _, d := range deps[id] {
			if d == start {
				path = append(path, d)
				return true
			}
			if !visited[d] {
				visited[d] = true
				if walk(d) {
					return true
				}
			}
		}
		path = path[:len(path)-1]
		return false
	}
	if walk(start) {
		return path
	}
	return nil
}

// ValidateCourse checks a degree course.
func ValidateCourse(c *Course, p *Plan) error {
	if strings.TrimSpace(c.Code) == "" && strings.TrimSpace(c.Title) == "" {
		return Errorf(Invalid, "the course needs a code or a title")
	}
	if len(c.Code) > MaxNameLen || len(c.Title) > MaxNameLen {
		return Errorf(Invalid, "the course code and title are limited to %d characters", MaxNameLen)
	}
	for what, text := range map[string]string{"course code": c.Code, "course title": c.Title, "course term": c.Term} {
		if err := validText(what, text, false); err != nil {
			return err
		}
	}
	if !finite(c.Credits) || c.Credits <= 0 || c.Credits > maxCredits {
		return Errorf(Invalid, "credits must be above 0 and at most %d (got %g)", maxCredits, c.Credits)
	}
	// A course retaken has a code twice, once per term; twice in one term, or twice with no
	// term, no code could tell them apart.
	for _, o := range p.Courses {
		if o.ID != c.ID && c.Code != "" && strings.EqualFold(o.Code, c.Code) && strings.EqualFold(strings.TrimSpace(o.Term), strings.TrimSpace(c.Term)) {
			term := "with no term"
			if c.Term != "" {
				term = "in " + c.Term
			}
			return Errorf(Conflict, "there is a course %s %s already: give this one its term, or edit that one", c.Code, term)
		}
	}
	valid := false
	for _, s := range CourseStatuses {
		valid = valid || c.Status == s
	}
	if !valid {
		return Errorf(Invalid, "course status %q is not one of planned, in-progress, completed, transfer, withdrawn", c.Status)
	}
	if c.Grade != "" {
		if _, _, err := GradeValue(c.Grade); err != nil {
			return err
		}
		switch {
		case c.Status == CoursePlanned:
			return Errorf(Invalid, "a planned course has no grade yet: give its status as completed (withdrawn for a W, in-progress for an I), or leave the grade out")
		case strings.EqualFold(c.Grade, "W") && c.Status != CourseWithdrawn:
			return Errorf(Invalid, "grade W means the course was withdrawn: give its status as withdrawn")
		}
	}
	if c.Code != "" {
		for _, other := range p.Courses {
			if other.ID != c.ID && strings.EqualFold(other.Code, c.Code) && strings.EqualFold(other.Term, c.Term) {
				return Errorf(Conflict, "course %s is already in the plan for %q", other.Code, other.Term)
			}
		}
	}
	return nil
}

// DegreeFields are the bachelor's fields that lead to the role.
var DegreeFields = []string{"Computer Science", "Information Technology", "Computer Engineering"}

// ParseDegreeField reads a field as typed: its name in any case, or its initials (CS, IT, CE).
func ParseDegreeField(s string) (string, error) {
	s = strings.TrimSpace(s)
	for _, f := range DegreeFields {
		initials := ""
		for _, w := range strings.Fields(f) {
			initials += w[:1]
		}
		if strings.EqualFold(s, f) || strings.EqualFold(s, initials) {
			return f, nil
		}
	}
	if s == "" {
		return "", nil
	}
	return "", Errorf(Invalid, "%q is not one of the fields: Computer Science (CS), Information Technology (IT) or Computer Engineering (CE)", s)
}

// ValidateProgram checks the degree program.
func ValidateProgram(pr *Program) error {
	if f, err := ParseDegreeField(pr.Field); err != nil || f != pr.Field {
		return Errorf(Invalid, "%q is not one of the fields: Computer Science (CS), Information Technology (IT) or Computer Engineering (CE)", pr.Field)
	}
	if len(pr.Name) > MaxNameLen {
		return Errorf(Invalid, "the program name is longer than %d characters", MaxNameLen)
	}
	if err := validText("program name", pr.Name, false); err != nil {
		return err
	}
	if !finite(pr.CreditsRequired) || pr.CreditsRequired <= 0 || pr.CreditsRequired > 400 {
		return Errorf(Invalid, "credits required must be above 0 and at most 400 (got %g)", pr.CreditsRequired)
	}
	return nil
}

// ValidateGoals checks the weekly goals.
func ValidateGoals(g *Goals) error {
	check := func(what string, h float64) error {
		if !finite(h) || h < 0 || h > MaxWeekGoal {
			return Errorf(Invalid, "the %s goal must be between 0 and %d hours a week (got %g)", what, MaxWeekGoal, h)
		}
		return nil
	}
	if err := check("weekly", g.WeeklyHours); err != nil {
		return err
	}
	for tr, h := range g.TrackHours {
		if err := validTrack(tr); err != nil {
			return err
		}
		if err := check(tr.Label(), h); err != nil {
			return err
		}
	}
	return nil
}

// CheckGoalsFit checks goals the person sets against each other: the tracks' goals are parts of
// the week's, and together cannot ask for more. Goals kept from before the rule (in a store, an
// export) are not refused for it; ValidateGoals checks those.
func CheckGoalsFit(g *Goals) error {
	sum := 0.0
	for _, h := range g.TrackHours {
		sum += h
	}
	if g.WeeklyHours > 0 && sum > g.WeeklyHours+1e-9 {
		var parts []string
		for _, tr := range Tracks {
			if h := g.TrackHours[tr]; h > 0 {
				parts = append(parts, fmt.Sprintf("%s %gh", tr.Label(), h))
			}
		}
		return Errorf(Invalid, "the tracks' goals (%s) add up to %gh a week, more than the weekly goal of %gh: raise the weekly goal or lower a track's",
			strings.Join(parts, ", "), sum, g.WeeklyHours)
	}
	return nil
}

// ValidateSettings checks the study settings.
func ValidateSettings(s *Settings) error {
	if s.WeekStart != time.Monday && s.WeekStart != time.Sunday {
		return Errorf(Invalid, "a week starts on Monday or Sunday")
	}
	if s.StreakMinutes < 0 || s.StreakMinutes > 24*60 {
		return Errorf(Invalid, "the streak's daily minimum must be between 1 minute and 24 hours")
	}
	if len(s.RestDays) > 6 {
		return Errorf(Invalid, "at most six rest days a week: a streak needs one day of study")
	}
	for _, d := range s.RestDays {
		if d < time.Sunday || d > time.Saturday {
			return Errorf(Invalid, "%d is not a weekday", d)
		}
	}
	for _, v := range s.Vacations {
		from, err1 := ParseDate(string(v.From))
		to, err2 := ParseDate(string(v.To))
		if err1 != nil || err2 != nil || from == "" || to == "" {
			return Errorf(Invalid, "a vacation needs a first and a last day as YYYY-MM-DD")
		}
		if to < from {
			return Errorf(Invalid, "the vacation %s to %s ends before it starts", from, to)
		}
	}
	return nil
}

// CheckTag checks one tag. The limit is in bytes, as a tag is kept, which a message in
// characters would misstate for letters such as é (two bytes).
func CheckTag(t string) error {
	if err := validText("tag", t, false); err != nil {
		return err
	}
	if len(t) > MaxTagLen {
		long := fmt.Sprintf("the tag %q", t)
		if utf8.RuneCountInString(t) > 30 {
			long = fmt.Sprintf("the tag %q…", cut(t, 30))
		}
		return Errorf(Invalid, "%s is too long: %d bytes, where a tag holds at most %d (a letter such as é takes 2)", long, len(t), MaxTagLen)
	}
	if t == "" || strings.ContainsAny(t, ",\n\t") {
		return Errorf(Invalid, "tag %q must be 1 to %d bytes with no comma, tab or line break", t, MaxTagLen)
	}
	return nil
}

// cut is the first n characters of s, for a message that names a long value without echoing it.
func cut(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n])
	}
	return s
}

// CheckCourseGrade checks a course the person enters against its grade, beyond ValidateCourse:
// a planned course has no grade and one in progress no final grade yet (A+ to F, or P), a
// withdrawn course has no grade but W, and an incomplete one (I) is not completed. Courses kept
// from before (in a store, an export) are not refused for it.
func CheckCourseGrade(c *Course) error {
	_, _, offScale := GradeValue(c.Grade)
	switch {
	case c.Grade == "" || offScale != nil: // ValidateCourse says what the scale is
	case c.Status == CoursePlanned, c.Status == CourseInProgress && FinalGrade(c.Grade):
		return Detailed(Invalid, &CourseGradeError{Grade: c.Grade, Status: c.Status, Want: GradedStatus(CoursePlanned, c.Grade)})
	case c.Status == CourseWithdrawn && !strings.EqualFold(c.Grade, "W"):
		return Errorf(Invalid, "a withdrawn course has the grade W or none, not %s: give its status as completed, or the grade W", c.Grade)
	case strings.EqualFold(c.Grade, "I") && c.Status == CourseCompleted:
		return Errorf(Invalid, "grade I means the course is incomplete: give its status as in-progress, and its grade once it is finished")
	}
	return nil
}
