package cli

import (
	"flag"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"corepath/storage"
	"corepath/tracker"
)

// subcommand splits the action and its argument off the positional arguments.
func (c *ctx) subcommand(actions []action) (action, string, error) {
	names := strings.Join(actionNames(actions), ", ")
	if len(c.args) == 0 {
		return action{}, "", usagef("missing the action: one of %s", names)
	}
	i := slices.IndexFunc(actions, func(a action) bool { return a.name == c.args[0] })
	if i < 0 {
		return action{}, "", usagef("unknown action %q: use one of %s", c.args[0], names)
	}
	a, args := actions[i], c.args[1:]
	switch {
	case len(args) == 1 && a.ref != "":
		return a, args[0], nil
	case len(args) == 0 && (a.ref == "" || a.optionalRef):
		return a, "", nil
	case a.ref == "":
		return a, "", usagef("unexpected argument %q: %s takes no argument", args[0], a.name)
	case a.optionalRef:
		return a, "", usagef("%s takes at most one %s", a.name, a.ref)
	}
	if len(args) == 0 {
		return a, "", usagef("%s needs its %s: corepath %s %s %s", a.name, a.ref, c.cmd.name, a.name, a.ref)
	}
	return a, "", usagef("%s takes one %s, not %d words: quote one with spaces, like %q", a.name, a.ref, len(args), strings.Join(args, " "))
}

var cmdTopic = actionCommand("topic", "NAME",
	"List, add, edit (--name renames) or remove a topic. A topic with sessions or subtopics cannot be removed.",
	action{name: "list", summary: "List the topics, and with --all their subtopics, as --topic takes them.",
		options: func() actionOptions { return &topicListOptions{} }},
	action{name: "add", ref: "NAME", summary: "Add a topic, or a subtopic with --parent.",
		options: func() actionOptions { return &topicAddOptions{} }},
	action{name: "edit", ref: "NAME", summary: "Rename or change a topic; only the flags given change.",
		options: func() actionOptions { return &topicEditOptions{} }},
	action{name: "rm", ref: "NAME", summary: "Remove a topic that has no sessions and no subtopics.",
		options: func() actionOptions { return &topicRmOptions{} }},
)

// findRecord opens the store and finds the record that ref names in its plan.
func findRecord[T any](c *ctx, match func(*tracker.Plan, string) (*T, error), ref string) (*storage.DB, tracker.Plan, *T, error) {
	db, p, err := c.plan()
	if err != nil {
		return nil, p, nil, err
	}
	found, err := match(&p, ref)
	return db, p, found, err
}

// topicFields are the flags that topic add and topic edit share.
type topicFields struct {
	parent     string
	target     float64
	confidence int
}

func (o *topicFields) addFlags(fs *flag.FlagSet) {
	fs.StringVar(&o.parent, "parent", "", "the parent topic `NAME`, for a subtopic")
	fs.Float64Var(&o.target, "target", 0, "the target in `HOURS`")
	fs.Func("confidence", "your confidence, 0-5 (`N`)", rating(&o.confidence, "from 0 to 5"))
}

// apply sets the fields whose flags were given.
func (o *topicFields) apply(c *ctx, p *tracker.Plan, t *tracker.Topic) error {
	if c.flagSet("parent") {
		t.ParentID = ""
		if o.parent != "" {
			par, err := tracker.MatchTopic(p, o.parent)
			if err != nil {
				return err
			}
			t.ParentID, t.Track = par.ID, par.Track
		}
	}
	if c.flagSet("target") {
		t.TargetHours, t.Estimate = o.target, false
	}
	if c.flagSet("confidence") {
		t.Confidence = o.confidence
	}
	return nil
}

type topicAddOptions struct {
	topicFields
	track string
}

func (o *topicAddOptions) addFlags(fs *flag.FlagSet) {
	o.topicFields.addFlags(fs)
	fs.StringVar(&o.track, "track", "skills", "the `TRACK`: degree, skills or certification (a subtopic takes its parent's)")
}

func (o *topicAddOptions) run(c *ctx, name string) error {
	db, p, err := c.plan()
	if err != nil {
		return err
	}
	t := tracker.Topic{Name: name}
	if t.Track, err = tracker.ParseTrack(o.track); err != nil {
		return usageError{err.Error()}
	}
	if err := o.apply(c, &p, &t); err != nil {
		return err
	}
	return saveTopic(c, db, &p, t, "Added")
}

type topicEditOptions struct {
	topicFields
	name string
}

func (o *topicEditOptions) addFlags(fs *flag.FlagSet) {
	o.topicFields.addFlags(fs)
	fs.StringVar(&o.name, "name", "", "the new `NAME`")
}

func (o *topicEditOptions) run(c *ctx, ref string) error {
	db, p, found, err := findRecord(c, tracker.MatchTopic, ref)
	if err != nil {
		return err
	}
	t := *found
	if err := o.apply(c, &p, &t); err != nil {
		return err
	}
	if c.flagSet("name") {
		t.Name = o.name
	}
	was := found.Track
	if err := saveTopic(c, db, &p, t, "Changed"); err != nil {
		return err
	}
	// A topic moved under a parent of another track takes its track, and so does its time.
	if saved, ok := p.Topic(t.ID); ok && c.flagSet("parent") && saved.Track != was {
		c.out("Note: it is in %s now, as its parent is: its time counts there, not in %s\n", saved.Track.Label(), was.Label())
	}
	return nil
}

func saveTopic(c *ctx, db *storage.DB, p *tracker.Plan, t tracker.Topic, verb string) error {
	t, err := db.PutTopic(t)
	if err != nil {
		return err
	}
	// So that the path below names a new topic's parent, and a renamed topic by its new name.
	if i := slices.IndexFunc(p.Topics, func(x tracker.Topic) bool { return x.ID == t.ID }); i >= 0 {
		p.Topics[i] = t
	} else {
		p.Topics = append(p.Topics, t)
	}
	c.out("%s topic %s (%s)\n", verb, p.TopicPath(t.ID), t.Track.Label())
	return nil
}

type topicRmOptions struct{}

func (*topicRmOptions) addFlags(*flag.FlagSet) {}

func (*topicRmOptions) run(c *ctx, ref string) error {
	db, p, found, err := findRecord(c, tracker.MatchTopic, ref)
	if err != nil {
		return err
	}
	if err := db.DeleteTopic(found.ID); err != nil {
		return err
	}
	c.out("Removed topic %s\n", p.TopicPath(found.ID))
	return nil
}

var cmdMilestone = actionCommand("milestone", "ID-OR-TITLE",
	"List, add, edit, mark done or remove a milestone. \"done\" records today unless --done-on says otherwise.",
	action{name: "list", summary: "List the milestones with their status, dates, costs and windows.",
		options: func() actionOptions { return &milestoneListOptions{} }},
	action{name: "add", ref: "TITLE", summary: "Add a milestone to the timeline.",
		options: func() actionOptions { return &milestoneAddOptions{} }},
	action{name: "edit", ref: "ID-OR-TITLE", summary: "Change a milestone; only the flags given change.",
		options: func() actionOptions { return &milestoneEditOptions{} }},
	action{name: "done", ref: "ID-OR-TITLE", summary: "Mark a milestone done, today or on the day --done-on says.",
		options: func() actionOptions { return &milestoneDoneOptions{} }},
	action{name: "rm", ref: "ID-OR-TITLE", summary: "Remove a milestone.",
		options: func() actionOptions { return &milestoneRmOptions{} }},
)

// milestoneFields are the flags that milestone add and milestone edit share.
type milestoneFields struct {
	status, target, doneOn string
	cost                   float64
	order                  int
	depends                listFlag
}

func (o *milestoneFields) addFlags(fs *flag.FlagSet) {
	fs.StringVar(&o.status, "status", "", "the `STATUS`: planned, in-progress, done or skipped")
	fs.StringVar(&o.target, "target", "", "the target `DATE`, YYYY-MM-DD (\"\" clears it)")
	addDoneOnFlag(fs, &o.doneOn)
	fs.Func("cost", "the cost in US dollars (`USD`), like 1600 or $1,600", func(v string) (err error) {
		o.cost, err = tracker.ParseDollars(v)
		return err
	})
	fs.IntVar(&o.order, "order", 0, "its place `N` in the timeline")
	fs.Var(&o.depends, "depends", "the `IDS` of milestones it depends on (replaces the list; \"\" clears it)")
}

func addDoneOnFlag(fs *flag.FlagSet, doneOn *string) {
	fs.StringVar(doneOn, "done-on", "", "the `DATE` it was done, YYYY-MM-DD")
}

// apply sets the fields whose flags were given.
func (o *milestoneFields) apply(c *ctx, p *tracker.Plan, m *tracker.Milestone) error {
	var err error
	if c.flagSet("status") {
		status, err := tracker.ParseStatus(o.status)
		if err != nil {
			return usageError{err.Error()}
		}
		m.SetStatus(status, tracker.DateOf(c.Now().In(c.Loc)))
	}
	if c.flagSet("target") {
		if m.Target, err = tracker.ParseDayDate(o.target, c.Now(), c.Loc); err != nil {
			return usageError{err.Error()}
		}
	}
	if err := applyDoneOn(c, o.doneOn, m); err != nil {
		return err
	}
	if c.flagSet("cost") {
		m.CostUSD = o.cost
	}
	if c.flagSet("order") {
		m.Order = o.order
	}
	if c.flagSet("depends") {
		m.DependsOn = nil
		for _, d := range o.depends {
			dep, err := matchMilestone(p, d)
			if err != nil {
				return err
			}
			m.DependsOn = append(m.DependsOn, dep.ID)
		}
	}
	return nil
}

func applyDoneOn(c *ctx, doneOn string, m *tracker.Milestone) (err error) {
	if c.flagSet("done-on") {
		if m.DoneOn, err = tracker.ParseDayDate(doneOn, c.Now(), c.Loc); err != nil {
			return usageError{err.Error()}
		}
	}
	return nil
}

type milestoneAddOptions struct {
	milestoneFields
	track string
}

func (o *milestoneAddOptions) addFlags(fs *flag.FlagSet) {
	o.milestoneFields.addFlags(fs)
	fs.StringVar(&o.track, "track", "certification", "the `TRACK`: degree, skills or certification")
}

func (o *milestoneAddOptions) run(c *ctx, title string) error {
	db, p, err := c.plan()
	if err != nil {
		return err
	}
	m := tracker.Milestone{Title: title}
	if m.Track, err = tracker.ParseTrack(o.track); err != nil {
		return usageError{err.Error()}
	}
	if err := o.apply(c, &p, &m); err != nil {
		return err
	}
	return saveMilestone(c, db, m)
}

type milestoneEditOptions struct {
	milestoneFields
	title string
}

func (o *milestoneEditOptions) addFlags(fs *flag.FlagSet) {
	o.milestoneFields.addFlags(fs)
	fs.StringVar(&o.title, "title", "", "the new `TITLE`")
}

func (o *milestoneEditOptions) run(c *ctx, ref string) error {
	db, p, found, err := findRecord(c, matchMilestone, ref)
	if err != nil {
		return err
	}
	m := *found
	if c.flagSet("title") {
		m.Title = o.title
	}
	if err := o.apply(c, &p, &m); err != nil {
		return err
	}
	return saveMilestone(c, db, m)
}

type milestoneDoneOptions struct{ doneOn string }

func (o *milestoneDoneOptions) addFlags(fs *flag.FlagSet) { addDoneOnFlag(fs, &o.doneOn) }

func (o *milestoneDoneOptions) run(c *ctx, ref string) error {
	db, _, found, err := findRecord(c, matchMilestone, ref)
	if err != nil {
		return err
	}
	m := *found
	m.SetStatus(tracker.Done, tracker.DateOf(c.Now().In(c.Loc)))
	if err := applyDoneOn(c, o.doneOn, &m); err != nil {
		return err
	}
	return saveMilestone(c, db, m)
}

// saveMilestone stores m and says what it is now, with its validity window if it has one.
func saveMilestone(c *ctx, db *storage.DB, m tracker.Milestone) error {
	m, err := db.PutMilestone(m)
	if err != nil {
		return err
	}
	c.out("Saved milestone %s %s (%s", m.ID, m.Title, m.Status)
	if m.Status == tracker.Done {
		c.out(" on %s", m.DoneOn)
	}
	c.out(")\n")
	p, err := db.Plan()
	if err != nil {
		return err
	}
	if w, ok := milestoneWindow(&p, &m, c.Now()); ok {
		c.out("%s\n", windowText(w))
	}
	return nil
}

type milestoneRmOptions struct{}

func (*milestoneRmOptions) addFlags(*flag.FlagSet) {}

func (*milestoneRmOptions) run(c *ctx, ref string) error {
	db, _, found, err := findRecord(c, matchMilestone, ref)
	if err != nil {
		return err
	}
	if err := db.DeleteMilestone(found.ID); err != nil {
		return err
	}
	c.out("Removed milestone %s %s\n", found.ID, found.Title)
	return nil
}

var cmdCourse = actionCommand("course", "CODE",
	"List, add, edit or remove a degree course. Grades: A+ to F on the 4.0 scale, or P, W, I.",
	action{name: "list", summary: "List the courses by term and code, with the credits earned and the GPA.",
		options: func() actionOptions { return &courseListOptions{} }},
	action{name: "add", ref: "CODE", summary: "Add a course; --credits is required, and a --grade alone marks it completed (W withdrawn, I in progress).",
		options: func() actionOptions { return &courseAddOptions{} }},
	action{name: "edit", ref: "CODE", summary: "Change a course; only the flags given change.",
		options: func() actionOptions { return &courseEditOptions{} }},
	action{name: "rm", ref: "CODE", summary: "Remove a course.",
		options: func() actionOptions { return &courseRmOptions{} }},
)

// courseFields are the flags that course add and course edit share.
type courseFields struct {
	title, term, status, grade string
	credits                    float64
}

func (o *courseFields) addFlags(fs *flag.FlagSet) {
	fs.StringVar(&o.title, "title", "", "the course `TITLE`")
	fs.Float64Var(&o.credits, "credits", 0, "the `CREDITS`")
	fs.StringVar(&o.term, "term", "", "the `TERM`, like \"Fall 2026\"")
	fs.StringVar(&o.status, "status", "", "the `STATUS`: planned, in-progress, completed, transfer or withdrawn")
	fs.StringVar(&o.grade, "grade", "", "the letter `GRADE`")
}

// apply sets the fields whose flags were given.
func (o *courseFields) apply(c *ctx, co *tracker.Course) {
	if c.flagSet("title") {
		co.Title = o.title
	}
	if c.flagSet("credits") {
		co.Credits = o.credits
	}
	if c.flagSet("term") {
		co.Term = o.term
	}
	if c.flagSet("status") {
		co.Status = tracker.CourseStatus(strings.ToLower(strings.TrimSpace(o.status)))
	}
	if c.flagSet("grade") {
		co.Grade = o.grade
	}
}

type courseAddOptions struct{ courseFields }

func (o *courseAddOptions) run(c *ctx, code string) error {
	db, err := c.store()
	if err != nil {
		return err
	}
	if !c.flagSet("credits") {
		return usagef("--credits is required for a new course")
	}
	co := tracker.Course{Code: code}
	if c.flagSet("grade") && !c.flagSet("status") {
		co.Status = tracker.GradedStatus(co.Status, o.grade) // a grade means it is finished (W withdrawn, I in progress)
	}
	o.apply(c, &co)
	return saveCourse(c, db, co, true, "")
}

type courseEditOptions struct {
	courseFields
	code string
}

func (o *courseEditOptions) addFlags(fs *flag.FlagSet) {
	o.courseFields.addFlags(fs)
	fs.StringVar(&o.code, "code", "", "a new `CODE`")
}

func (o *courseEditOptions) run(c *ctx, ref string) error {
	db, _, found, err := findRecord(c, matchCourse, ref)
	if err != nil {
		return err
	}
	co := *found
	if c.flagSet("code") {
		co.Code = o.code
	}
	o.apply(c, &co)
	// A grade alone finishes a course planned or in progress, as it does a new one.
	var moved string
	if c.flagSet("grade") && !c.flagSet("status") {
		if s := tracker.GradedStatus(co.Status, co.Grade); s != co.Status {
			moved = strings.TrimSpace(co.Code+" was "+string(co.Status)) + ": the grade " + strings.ToUpper(strings.TrimSpace(co.Grade)) + " marks it " + string(s) + " (give --status to choose another status)\n"
			co.Status = s
		}
	}
	// A course kept from before, whose grade and status are not changed now, can be edited.
	return saveCourse(c, db, co, c.flagSet("grade") || c.flagSet("status"), moved)
}

// saveCourse stores co and says where the degree stands; checkGrade checks its grade against its
// status, which a course kept from before the check need not meet until they change. moved says,
// once the course is saved, how its grade changed its status; "" when it did not.
func saveCourse(c *ctx, db *storage.DB, co tracker.Course, checkGrade bool, moved string) error {
	if checkGrade {
		if err := tracker.CheckCourseGrade(&co); err != nil {
			return err
		}
	}
	co, err := db.PutCourse(co)
	if err != nil {
		return err
	}
	p, err := db.Plan()
	if err != nil {
		return err
	}
	d := tracker.Degree(&p)
	name := strings.TrimSpace(co.Code + " " + co.Title)
	credits := strconv.FormatFloat(co.Credits, 'g', -1, 64) + " credits"
	if co.Credits == 1 {
		credits = "1 credit"
	}
	details := []string{credits, string(co.Status)}
	if co.Grade != "" {
		details = append(details, "grade "+co.Grade)
	}
	c.out("Saved course %s (%s)\n", name, strings.Join(details, ", "))
	c.out("%s", moved)
	c.out("Degree: %s", d.Earned())
	if d.Graded {
		c.out(", GPA %.2f", d.GPA)
	}
	c.out("\n")
	return nil
}

type courseRmOptions struct{}

func (*courseRmOptions) addFlags(*flag.FlagSet) {}

func (*courseRmOptions) run(c *ctx, ref string) error {
	db, _, found, err := findRecord(c, matchCourse, ref)
	if err != nil {
		return err
	}
	if err := db.DeleteCourse(found.ID); err != nil {
		return err
	}
	c.out("Removed course %s\n", found.Code)
	return nil
}

var cmdGoal = &command{
	name:    "goal",
	args:    "[--weekly HOURS] [--track TRACK --hours HOURS] [--week-start monday|sunday] [--streak-min MINUTES] [--rest-days DAYS] [--vacation FROM..TO]... [--clear-vacations] [--degree NAME] [--field FIELD] [--credits N]",
	summary: "Set the weekly study goals, the first day of the week, the streak's rules and the degree program.",
	options: func() commandOptions { return &goalOptions{} },
}

// goalOptions are the flags of corepath goal: the goals, settings and program to change.
type goalOptions struct {
	weekly, hours, credits                    float64
	track, weekStart, degree, field, restDays string
	streakMin                                 int
	vacations                                 listFlag
	clearVacations                            bool
}

func (o *goalOptions) addFlags(fs *flag.FlagSet) {
	fs.Float64Var(&o.weekly, "weekly", 0, "`HOURS` a week over all tracks")
	fs.StringVar(&o.track, "track", "", "a `TRACK` for --hours")
	fs.Float64Var(&o.hours, "hours", 0, "`HOURS` a week for --track")
	fs.StringVar(&o.weekStart, "week-start", "", "`DAY`: monday or sunday")
	fs.StringVar(&o.degree, "degree", "", "the degree program's `NAME`")
	fs.StringVar(&o.field, "field", "", "the `FIELD`: Computer Science, Information Technology or Computer Engineering (or CS, IT, CE)")
	fs.Float64Var(&o.credits, "credits", 0, "`CREDITS` the degree requires")
	fs.IntVar(&o.streakMin, "streak-min", 0, "the least study, in `MINUTES`, that makes a day count for the streak")
	fs.StringVar(&o.restDays, "rest-days", "", "planned rest `DAYS` that do not break the streak, like sat,sun (\"\" clears them)")
	fs.Var(&o.vacations, "vacation", "add a vacation, `FROM..TO` like 2026-12-24..2027-01-02 (repeat for more)")
	fs.BoolVar(&o.clearVacations, "clear-vacations", false, "forget the vacations set before")
}

func (o *goalOptions) run(c *ctx) error {
	if err := c.needArgs(0, ""); err != nil {
		return err
	}
	db, p, err := c.plan()
	if err != nil {
		return err
	}
	goals, settings, program := p.Goals, p.Settings, p.Program
	if c.flagSet("weekly") {
		goals.WeeklyHours = o.weekly
	}
	if c.flagSet("track") != c.flagSet("hours") {
		return usagef("--track and --hours go together")
	}
	if c.flagSet("track") {
		tr, err := tracker.ParseTrack(o.track)
		if err != nil {
			return usageError{err.Error()}
		}
		th := map[tracker.Track]float64{}
		for k, v := range goals.TrackHours {
			th[k] = v
		}
		th[tr] = o.hours
		goals.TrackHours = th
	}
	if c.flagSet("week-start") {
		switch strings.ToLower(o.weekStart) {
		case "monday", "mon":
			settings.WeekStart = 1
		case "sunday", "sun":
			settings.WeekStart = 0
		default:
			return usagef("--week-start is monday or sunday")
		}
	}
	if c.flagSet("streak-min") {
		if o.streakMin < 1 {
			return usagef("--streak-min is a number of minutes, 1 or more")
		}
		settings.StreakMinutes = o.streakMin
	}
	if c.flagSet("rest-days") {
		settings.RestDays = nil
		for _, name := range strings.Split(o.restDays, ",") {
			if name = strings.TrimSpace(name); name == "" {
				continue
			}
			d, ok := parseWeekday(name)
			if !ok {
				return usagef("--rest-days: %q is not a weekday (mon, tue, ... sun)", name)
			}
			settings.RestDays = append(settings.RestDays, d)
		}
	}
	if o.clearVacations {
		settings.Vacations = nil
	}
	for _, v := range o.vacations {
		from, to, ok := strings.Cut(v, "..")
		if !ok {
			return usagef("--vacation %q: write it as FROM..TO, like 2026-12-24..2027-01-02", v)
		}
		r := tracker.DateRange{From: tracker.Date(strings.TrimSpace(from)), To: tracker.Date(strings.TrimSpace(to))}
		if !slices.Contains(settings.Vacations, r) { // given again, it is kept once
			settings.Vacations = append(settings.Vacations, r)
		}
	}
	if c.flagSet("degree") {
		program.Name = o.degree
	}
	if c.flagSet("field") {
		field, err := tracker.ParseDegreeField(o.field)
		if err != nil {
			return usageError{"--field: " + err.Error()}
		}
		program.Field = field
	}
	if c.flagSet("credits") {
		program.CreditsRequired = o.credits
	}
	// Check all three first, so that a bad value changes nothing; goals changed now must fit
	// together, while goals kept from before need not (they are not refused for a rule since).
	fit := func() error { return nil }
	if c.flagSet("weekly") || c.flagSet("track") {
		fit = func() error { return tracker.CheckGoalsFit(&goals) }
	}
	for _, err := range []error{tracker.ValidateGoals(&goals), fit(), tracker.ValidateSettings(&settings), tracker.ValidateProgram(&program)} {
		if err != nil {
			return err
		}
	}
	// What changed is written in one transaction; "corepath goal" alone, to see them, writes
	// nothing (an empty bbolt transaction still commits).
	newGoals, newSettings, newProgram := !reflect.DeepEqual(goals, p.Goals), !reflect.DeepEqual(settings, p.Settings), program != p.Program
	if newGoals || newSettings || newProgram {
		err = db.Batch(func(st tracker.Store) error {
			if newGoals {
				if err := st.PutGoals(goals); err != nil {
					return err
				}
			}
			if newSettings {
				if err := st.PutSettings(settings); err != nil {
					return err
				}
			}
			if newProgram {
				return st.PutProgram(program)
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	c.out("%s; degree: %s (%g credits)\n", goalsLine(&goals, &settings), program.Name, program.CreditsRequired)
	return nil
}

// parseWeekday reads a weekday by its English name or its first three letters.
func parseWeekday(s string) (time.Weekday, bool) {
	s = strings.ToLower(s)
	for d := time.Sunday; d <= time.Saturday; d++ {
		name := strings.ToLower(d.String())
		if s == name || len(s) >= 3 && strings.HasPrefix(name, s) {
			return d, true
		}
	}
	return 0, false
}
