package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"corepath/storage"
	"corepath/tracker"
)

// sessionFlags are the fields shared by log, start and edit.
type sessionFlags struct {
	topic, at, kind, note, milestone, course string
	tags                                     listFlag
	focus                                    int
}

func (f *sessionFlags) addFlags(fs *flag.FlagSet) {
	fs.StringVar(&f.topic, "topic", "", "the topic `NAME`: exact name, a unique prefix, or \"Parent > Subtopic\"")
	fs.Func("at", "the start `TIME`: \"2026-11-20 18:00\", \"yesterday 18:00\", \"18:00\"", nonEmpty(&f.at, "it is empty: give a time, like \"18:00\""))
	fs.StringVar(&f.kind, "kind", "", "the `KIND`: study, lab, practice-exam, reading, video or other (a new session: study)")
	fs.Var(&f.tags, "tag", "a `TAG`; repeat the flag or separate with commas")
	fs.StringVar(&f.note, "note", "", "a note (`TEXT`): what you did, what broke")
	fs.StringVar(&f.milestone, "milestone", "", "link to a milestone by `ID` or a word of its title")
	fs.StringVar(&f.course, "course", "", "link to a degree course by `CODE`")
	fs.Func("focus", "how well you focused, 1-5 (`N`; 0 clears it)", rating(&f.focus, focusScale))
}

// refs are the records beside the topics that the flags name, for storage.SessionRefs.
func (f *sessionFlags) refs() storage.Refs {
	var need storage.Refs
	if f.milestone != "" {
		need |= storage.RefMilestones
	}
	if f.course != "" {
		need |= storage.RefCourses
	}
	return need
}

// apply copies the flags that were given onto s.
func (f *sessionFlags) apply(c *ctx, p *tracker.Plan, s *tracker.Session) error {
	if c.flagSet("topic") {
		t, err := tracker.FindTopic(p, f.topic)
		if err != nil {
			return err
		}
		s.TopicID = t.ID
	}
	if c.flagSet("kind") {
		k, err := tracker.ParseKind(f.kind)
		if err != nil {
			return usageError{err.Error()}
		}
		s.Kind = k
	}
	if c.flagSet("tag") {
		s.Tags = f.tags
	}
	if c.flagSet("note") {
		s.Note = f.note
	}
	if c.flagSet("focus") {
		s.Focus = f.focus
	}
	if c.flagSet("milestone") {
		s.MilestoneID = f.milestone
		if f.milestone != "" {
			m, err := matchMilestone(p, f.milestone)
			if err != nil {
				return err
			}
			s.MilestoneID = m.ID
		}
	}
	if c.flagSet("course") {
		s.CourseID = f.course
		if f.course != "" {
			co, err := matchCourse(p, f.course)
			if err != nil {
				return err
			}
			s.CourseID = co.ID
		}
	}
	return nil
}

// dayRange reads --from and --to: the start of the first day and the end of the last, the day
// of --to included; either is zero when its flag is left out.
func (c *ctx) dayRange(from, to string) (start, end time.Time, err error) {
	if from != "" {
		if start, err = tracker.ParseDay(from, c.Now(), c.Loc); err != nil {
			return start, end, usageError{err.Error()}
		}
	}
	if to != "" {
		if end, err = tracker.ParseDay(to, c.Now(), c.Loc); err != nil {
			return start, end, usageError{err.Error()}
		}
		end = tracker.NextDay(end.In(c.Loc))
	}
	if from != "" && to != "" && !start.Before(end) {
		return start, end, usagef("--from %s is after --to %s", from, to)
	}
	// No session is older than the local day of 1970-01-01, and 0001-01-01 (Go's zero time in
	// UTC) would read as no --from at all.
	e := tracker.EarliestTime.In(c.Loc)
	if first := tracker.DayStart(e.Year(), e.Month(), e.Day(), c.Loc); from != "" && start.Before(first) && (to == "" || end.After(first)) {
		start = first
	}
	return start, end, nil
}

func (c *ctx) parseTime(s string) (time.Time, error) {
	if err := tracker.NeedTimeOfDay(s); err != nil {
		return time.Time{}, usageError{err.Error()}
	}
	t, err := tracker.ParseTime(s, c.Now(), c.Loc)
	if err != nil {
		return t, usageError{err.Error()}
	}
	if t.Before(tracker.EarliestTime) { // 0001-01-01 00:00 would read as no time at all
		return t, usagef("%s is before 1970: Corepath keeps sessions from 1970-01-01 on; check the year", s)
	}
	return t, nil
}

// parseStart reads when a session or a timer started: a time of day alone later than now is
// yesterday's ("23:30" typed at 00:10 is last night's), as stop reads its --at.
func (c *ctx) parseStart(s string) (time.Time, error) {
	t, err := c.parseTime(s)
	if err != nil || !t.After(c.Now()) {
		return t, err
	}
	return tracker.ParsePastTime(s, c.Now(), time.Time{}, c.Loc)
}

// timerStart is when a timer started as its messages say it: the time alone today, with the
// weekday and the date on an earlier day, so that a timer left running for days says so.
func (c *ctx) timerStart(start time.Time) string {
	start = start.In(c.Loc)
	if tracker.DateOf(start) == tracker.DateOf(c.Now().In(c.Loc)) {
		return start.Format("15:04")
	}
	return start.Format("Mon 2006-01-02 15:04")
}

func utcOffset(t time.Time) int { _, offset := t.Zone(); return offset }

// shownTwice says whether t's clock, to the minute, reads so twice in its zone that day (the
// hour the clocks go back over): such a time is written with its offset, or it names two.
func shownTwice(t time.Time) bool {
	wall := time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), 0, 0, time.UTC)
	_, err := tracker.LocalTime(wall, t.Location())
	var twice *tracker.WallClockError
	return errors.As(err, &twice) && len(twice.Instants) > 1
}

// sessionSpan is when a session was: "Mon 2026-11-30 14:00–14:45", with both dates when it ends
// on another day, and the offsets when the clocks changed during it or it starts or ends in the
// hour that the clocks go back over.
func sessionSpan(s *tracker.Session, loc *time.Location) string {
	// The minutes shown add up: the start's minute, plus the length as rounded, is the end shown
	// (a timer stopped at 12:42:31 after starting at 11:00 reads 1h43m, 11:00–12:43).
	start := s.Start.In(loc).Truncate(time.Minute)
	end := start.Add(s.Duration.Round(time.Minute)).In(loc)
	day, clock := "Mon 2006-01-02 15:04", "15:04"
	if utcOffset(start) != utcOffset(end) || shownTwice(start) || shownTwice(end) {
		// The clocks changed during the session: with the offsets, 00:30–00:30 reads right; and
		// in the hour shown twice, they say which of the two it was.
		day, clock = day+" -07:00", clock+" -07:00"
	}
	if tracker.DateOf(start) != tracker.DateOf(end) {
		return start.Format(day) + " – " + end.Format(day)
	}
	return start.Format(day) + "–" + end.Format(clock)
}

// describe says what a session was: its length, topic, span and tags.
func describe(p *tracker.Plan, s *tracker.Session, loc *time.Location) string {
	return describeWith(tracker.FormatDuration, p, s, loc)
}

// describeWith is describe with the length written by length: log and edit, which store the
// length typed, say it with its seconds when it has some (90s is 1m30s, not 2m).
func describeWith(length func(time.Duration) string, p *tracker.Plan, s *tracker.Session, loc *time.Location) string {
	out := fmt.Sprintf("%s of %s, %s", length(s.Duration), p.TopicPath(s.TopicID), sessionSpan(s, loc))
	if len(s.Tags) > 0 {
		out += " [" + strings.Join(s.Tags, ", ") + "]"
	}
	return out
}

var cmdLog = &command{
	name: "log", args: "DURATION --topic NAME [--at TIME] [--kind KIND] [--tag TAG]... [--note TEXT] [--focus N] [--milestone ID] [--course CODE]",
	summary: "Log a finished study session. DURATION is like 45m, 1h30m, 1.5h or 1:30; without --at it ends now; --at with a time alone later than now is yesterday's.",
	options: func() commandOptions { return &logOptions{} },
}

// logOptions are the flags of corepath log: the fields of the session.
type logOptions struct {
	sessionFlags
}

func (o *logOptions) run(c *ctx) error {
	if err := c.needArgs(1, "DURATION (like 45m, 1h30m or 1.5h)"); err != nil {
		return err
	}
	d, err := tracker.ParseDuration(c.args[0])
	if err != nil {
		return usageError{err.Error()}
	}
	if !c.flagSet("topic") {
		return usagef("--topic is required: name the topic you studied")
	}
	start := c.Now().Add(-d)
	if o.at != "" {
		if start, err = c.parseStart(o.at); err != nil {
			return err
		}
	}
	c.syncInBatch = true
	db, err := c.store()
	if err != nil {
		return err
	}
	// Reading the topics and writing the session in one transaction opens the file once.
	var p tracker.Plan
	var overlaps []tracker.Session
	s := tracker.Session{Start: start, Duration: d}
	err = c.synced(db.Batch, func(st tracker.Store) error {
		batch := st.(*storage.DB)
		// Only the topics the name can match are read, unless it matches none or several.
		var some bool
		if p, some, err = batch.SessionRefsFor(o.topic, o.refs()); err != nil {
			return err
		}
		if err := o.apply(c, &p, &s); err != nil {
			return err
		}
		if s, err = st.AddSession(s); err != nil {
			return err
		}
		if overlaps, err = tracker.Overlapping(st, &s, overlapsShown+1); err != nil || len(overlaps) == 0 || !some {
			return err
		}
		p, err = batch.SessionRefs(o.refs()) // to name the topics of the sessions it overlaps
		return err
	})
	if err != nil {
		return err
	}
	c.out("Logged %s (id %s)\n", describeWith(tracker.FormatExactDuration, &p, &s, c.Loc), s.ID)
	sayOverlaps(c, &p, &s, overlaps)
	return nil
}

// overlapsShown is how many of the sessions a new one overlaps are named; one more is looked
// for, to say that there are others.
const overlapsShown = 3

// sayOverlaps warns of the sessions s shares time with (up to overlapsShown+1, as
// tracker.Overlapping found them): both count in every total.
func sayOverlaps(c *ctx, p *tracker.Plan, s *tracker.Session, overlaps []tracker.Session) {
	for i := range overlaps[:min(len(overlaps), overlapsShown)] {
		o := &overlaps[i]
		what := tracker.FormatDuration(o.Duration)
		if _, ok := p.Topic(o.TopicID); ok {
			what += " of " + p.TopicPath(o.TopicID)
		}
		c.out("Note: it overlaps %s, %s (id %s): both count in the totals; if that is the same study, %s delete %s removes one\n",
			what, sessionSpan(o, c.Loc), o.ID, c.corepath(), o.ID)
	}
	if len(overlaps) > overlapsShown {
		from, to := tracker.DateOf(s.Start.Add(-tracker.MaxSession).In(c.Loc)), tracker.DateOf(s.End().In(c.Loc))
		c.out("Note: it overlaps more sessions than these; %s sessions --from %s --to %s lists them all\n", c.corepath(), from, to)
	}
}

var cmdStart = &command{
	name: "start", args: "--topic NAME [--at TIME] [--for DURATION] [--kind KIND] [--tag TAG]... [--note TEXT] [--focus N] [--milestone ID] [--course CODE]",
	summary: "Start the timer. It is saved at once, so it survives a crash or a reboot. --at with a time alone later than now is yesterday's.",
	options: func() commandOptions { return &startOptions{} },
}

// startOptions are the flags of corepath start.
type startOptions struct {
	sessionFlags
	planned string
}

func (o *startOptions) addFlags(fs *flag.FlagSet) {
	o.sessionFlags.addFlags(fs)
	fs.StringVar(&o.planned, "for", "", "how long you plan to study (`DURATION`), like 50m (the app reminds you)")
}

func (o *startOptions) run(c *ctx) error {
	if err := c.needArgs(0, ""); err != nil {
		return err
	}
	if !c.flagSet("topic") {
		return usagef("--topic is required: name the topic you are about to study")
	}
	s := tracker.Session{Start: c.Now()}
	var err error
	if o.at != "" {
		if s.Start, err = c.parseStart(o.at); err != nil {
			return err
		}
		// Refused now rather than at stop, where a timer over the limit cannot be saved.
		if c.Now().Sub(s.Start) > tracker.MaxSession {
			return usagef("--at %s is more than 24 hours ago, and a timer runs for at most 24 hours: log what you studied then with %s log DURATION --at %q",
				o.at, c.corepath(), s.Start.In(c.Loc).Format("2006-01-02 15:04"))
		}
	}
	if o.planned != "" {
		if s.Planned, err = tracker.ParseDuration(o.planned); err != nil {
			return usageError{err.Error()}
		}
		if s.Planned < tracker.MinSession { // 0 would mean no plan at all
			return usageError{"--for " + o.planned + " plans less than a minute: the planned length must be between 1 minute and 24 hours"}
		}
	}
	db, p, err := c.plan()
	if err != nil {
		return err
	}
	if err := o.apply(c, &p, &s); err != nil {
		return err
	}
	if s, err = db.StartTimer(s); err != nil {
		return err
	}
	c.out("Started %s at %s\n", p.TopicPath(s.TopicID), c.timerStart(s.Start))
	return nil
}

var cmdStop = &command{
	name: "stop", args: "[--note TEXT] [--tag TAG]... [--focus N] [--at TIME]",
	summary: "Stop the timer and save the session.",
	options: func() commandOptions { return &stopOptions{} },
}

// stopOptions are the flags of corepath stop.
type stopOptions struct {
	note, at string
	tags     listFlag
	focus    int
}

func (o *stopOptions) addFlags(fs *flag.FlagSet) {
	fs.StringVar(&o.note, "note", "", "a note (`TEXT`) to add, on a line after the one given to start")
	fs.Var(&o.tags, "tag", "a `TAG` to add; repeat the flag or separate with commas")
	fs.Func("focus", "how well you focused, 1-5 (`N`; 0 clears it)", rating(&o.focus, focusScale))
	fs.StringVar(&o.at, "at", "", "when you stopped (`TIME`), if not now; a time alone after now is yesterday's")
}

func (o *stopOptions) run(c *ctx) error {
	if err := c.needArgs(0, ""); err != nil {
		return err
	}
	end := c.Now()
	var err error
	if o.at != "" {
		if end, err = c.parseTime(o.at); err != nil {
			return err
		}
	}
	db, p, err := c.plan()
	if err != nil {
		return err
	}
	if o.at != "" {
		// A time alone later than now is yesterday's, after the timer's start: a timer left
		// running overnight.
		if running, ok, err := db.Timer(); err != nil {
			return err
		} else if ok {
			end, _ = tracker.ParsePastTime(o.at, c.Now(), running.Start, c.Loc)
			if end.After(c.Now()) && tracker.NamesNoDay(o.at) {
				return usagef("--at %s: today's is still to come, and yesterday's is before the timer started (%s): give the day too (it is now %s)",
					o.at, c.timerStart(running.Start), c.Now().In(c.Loc).Format("2006-01-02 15:04"))
			}
		}
	}
	s, err := db.StopTimer(end, func(s *tracker.Session) {
		if c.flagSet("note") && s.Note != "" && o.note != "" {
			s.Note += "\n" + o.note // the note given to start stays
		} else if c.flagSet("note") {
			s.Note = o.note
		}
		s.Tags = append(s.Tags, o.tags...)
		if c.flagSet("focus") {
			s.Focus = o.focus
		}
	})
	if err != nil {
		if short := (*tracker.SessionLengthError)(nil); errors.As(err, &short) && short.TooShort() {
			return fmt.Errorf("%w; to discard the timer, run %s cancel", err, c.corepath())
		}
		return err
	}
	c.out("Logged %s (id %s)\n", describe(&p, &s, c.Loc), s.ID)
	if tracker.LeftRunning(s.Duration, s.Planned) {
		shorter := "DURATION"
		past := fmt.Sprintf("a session of %s", tracker.FormatDuration(s.Duration))
		if s.Planned > 0 {
			shorter = tracker.FormatDuration(s.Planned)
			past = fmt.Sprintf("%s more than the %s planned", tracker.FormatDuration(s.Duration-s.Planned), shorter)
		}
		c.out("Note: that is %s. If the timer ran on after you stopped studying: %s edit %s --duration %s\n", past, c.corepath(), s.ID, shorter)
	}
	overlaps, err := tracker.Overlapping(db, &s, overlapsShown+1)
	if err != nil {
		return err
	}
	sayOverlaps(c, &p, &s, overlaps)
	return nil
}

var cmdCancel = &command{
	name: "cancel", args: "", summary: "Discard the running timer without logging it.",
	options: func() commandOptions { return &cancelOptions{} },
}

// cancelOptions: corepath cancel has no flags of its own.
type cancelOptions struct{}

func (*cancelOptions) addFlags(*flag.FlagSet) {}

func (*cancelOptions) run(c *ctx) error {
	if err := c.needArgs(0, ""); err != nil {
		return err
	}
	db, p, err := c.plan()
	if err != nil {
		return err
	}
	s, err := db.CancelTimer()
	if err != nil {
		return err
	}
	c.out("Discarded the timer for %s started at %s\n", p.TopicPath(s.TopicID), c.timerStart(s.Start))
	return nil
}

var cmdStatus = &command{
	name: "status", args: "[--json]", summary: "Show the running timer, if any.",
	options: func() commandOptions { return &statusOptions{} },
}

// statusOptions are the flags of corepath status.
type statusOptions struct {
	json bool
}

func (o *statusOptions) addFlags(fs *flag.FlagSet) {
	fs.BoolVar(&o.json, "json", false, "print JSON")
}

func (o *statusOptions) run(c *ctx) error {
	if err := c.needArgs(0, ""); err != nil {
		return err
	}
	db, p, err := c.plan()
	if err != nil {
		return err
	}
	s, ok, err := db.Timer()
	if err != nil {
		return err
	}
	elapsed := c.Now().Sub(s.Start)
	if o.json {
		out := map[string]any{"running": ok}
		if ok {
			out["timer"] = sessionToJSON(&p, &s)
			out["elapsed_seconds"] = int64(elapsed / time.Second)
		}
		return writeJSON(c, out)
	}
	if !ok {
		c.out("No timer is running.\n")
		return nil
	}
	c.out("Running: %s for %s, since %s\n", p.TopicPath(s.TopicID), runningFor(elapsed), c.timerStart(s.Start))
	if s.Planned > 0 {
		past := ""
		if elapsed > s.Planned {
			past = fmt.Sprintf(", %s past it", runningFor(elapsed-s.Planned))
		}
		c.out("Planned: %s%s\n", tracker.FormatDuration(s.Planned), past)
	}
	switch {
	case elapsed > tracker.MaxSession:
		c.out("It has run longer than the %s a session can last: %s stop --at TIME logs it up to when you stopped, %s cancel discards it\n", tracker.FormatDuration(tracker.MaxSession), c.corepath(), c.corepath())
	case tracker.LeftRunning(elapsed, s.Planned):
		c.out("Left running? %s stop --at TIME logs it up to when you stopped\n", c.corepath())
	}
	return nil
}

// runningFor is how long a timer has run, as a clock reads it: the seconds under a minute (a
// timer of 32s is too short to log, and must not read as 1m), then whole minutes, never more.
func runningFor(d time.Duration) string {
	if d < time.Minute {
		return fmt.Sprintf("%ds", max(0, int64(d/time.Second)))
	}
	return tracker.FormatDuration(d.Truncate(time.Minute))
}

// sessionJSON is a session as the command line prints it.
type sessionJSON struct {
	ID        string   `json:"id"`
	Start     string   `json:"start"`
	End       string   `json:"end,omitempty"`
	Minutes   float64  `json:"minutes"`
	Topic     string   `json:"topic"`
	TopicID   string   `json:"topic_id"`
	Track     string   `json:"track"`
	Kind      string   `json:"kind"`
	Tags      []string `json:"tags"`
	Note      string   `json:"note,omitempty"`
	Focus     int      `json:"focus,omitempty"`
	Milestone string   `json:"milestone,omitempty"`
	Course    string   `json:"course,omitempty"`
	Running   bool     `json:"running,omitempty"`
}

func sessionToJSON(p *tracker.Plan, s *tracker.Session) sessionJSON {
	out := sessionJSON{ID: s.ID, Start: s.Start.Format(time.RFC3339), Minutes: s.Duration.Minutes(),
		Topic: p.TopicPath(s.TopicID), TopicID: s.TopicID, Kind: string(s.Kind), Tags: append([]string{}, s.Tags...),
		Note: s.Note, Focus: s.Focus, Milestone: s.MilestoneID, Course: s.CourseID, Running: s.Running}
	if !s.Running {
		out.End = s.End().Format(time.RFC3339)
	}
	if t, ok := p.Topic(s.TopicID); ok {
		out.Track = string(t.Track)
	}
	return out
}

// writeJSON prints v as json.Encoder with SetIndent("", "  ") does, HTML escaped, with a line
// break after; it indents encoding/json's output itself (indent.go), which was a fifth of
// report --all --json's time.
func writeJSON(c *ctx, v any) error {
	// &, < and > as written, not \u0026: this is read by people and jq, not put in a web page.
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	data := bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
	out := append(appendIndented(make([]byte, 0, len(data)+len(data)/2), data), '\n')
	_, err := c.Stdout.Write(out)
	return err
}

var cmdSessions = &command{
	name: "sessions", args: "[--from DATE] [--to DATE] [--topic NAME] [--tag TAG] [--limit N] [--json]",
	summary: "List sessions, newest first. The DATE of --from and --to is YYYY-MM-DD, today or yesterday; --to includes its day, and a session that crosses into the days is listed, as report counts its part in them.",
	options: func() commandOptions { return &sessionsOptions{} },
}

// sessionsOptions are the flags of corepath sessions: the filters, and how to print.
type sessionsOptions struct {
	from, to, topic, tag string
	json                 bool
	limit                int
}

func (o *sessionsOptions) addFlags(fs *flag.FlagSet) {
	fs.StringVar(&o.from, "from", "", "the first `DATE`")
	fs.StringVar(&o.to, "to", "", "the last `DATE`, included")
	fs.StringVar(&o.topic, "topic", "", "only this topic `NAME` (and its subtopics)")
	fs.StringVar(&o.tag, "tag", "", "only sessions with this `TAG`")
	fs.BoolVar(&o.json, "json", false, "print JSON")
	fs.IntVar(&o.limit, "limit", 0, "at most `N` sessions (0: all)")
}

func (o *sessionsOptions) run(c *ctx) error {
	if err := c.needArgs(0, ""); err != nil {
		return err
	}
	var q tracker.Query
	var err error
	if q.From, q.To, err = c.dayRange(o.from, o.to); err != nil {
		return err
	}
	if o.limit < 0 {
		return usagef("--limit must be 0 or more")
	}
	if strings.Contains(o.tag, ",") {
		return usagef("--tag %q: a tag holds no comma (log and edit split tags at commas); give one tag", o.tag)
	}
	q.Reverse = true
	db, p, err := c.plan()
	if err != nil {
		return err
	}
	filter := tracker.SessionFilter{From: q.From, To: q.To, Tag: o.tag}
	if !q.From.IsZero() {
		q.From = q.From.Add(-tracker.MaxImportedSession) // the store walks by start: one that began before may cross in
	}
	if o.topic != "" {
		t, err := tracker.FindTopic(&p, o.topic)
		if err != nil {
			return err
		}
		filter.TopicID = t.ID
	}
	match := filter.Prepare(&p)
	var (
		list   []tracker.Session
		lines  []byte // the text, printed whole once the walk has read every session
		paths  = map[string]string{}
		n      int
		total  time.Duration
		within int64 // seconds inside the dates
	)
	err = db.Sessions(q, func(s *tracker.Session) error {
		if !match.MatchSession(s) {
			return nil
		}
		if o.limit > 0 && n >= o.limit {
			return errStop
		}
		n++
		total += s.Duration
		start := s.Start.Unix()
		within += match.Within(start, start+int64(s.Duration/time.Second))
		if !o.json {
			lines = appendSessionLine(lines, &p, paths, s, c.Loc)
			return nil
		}
		kept := *s // the store reuses *s and its tags between calls
		kept.Tags = slices.Clone(s.Tags)
		list = append(list, kept)
		return nil
	})
	if err != nil && err != errStop {
		return err
	}
	if o.json {
		out := make([]sessionJSON, len(list))
		for i := range list {
			out[i] = sessionToJSON(&p, &list[i])
		}
		return writeJSON(c, out)
	}
	if n == 0 {
		c.out("No sessions%s.\n", unusedTag(db, o.tag))
		return nil
	}
	// One write: a line at a time, 100,000 sessions took 100,000 system calls.
	more := "" // the walk stopped at a session past the limit: the totals are the listed ones
	if err == errStop {
		more = fmt.Sprintf(", the newest %d of more that match (--limit 0 lists them all)", o.limit)
	}
	lines = fmt.Appendf(lines, "%s, %s%s%s\n", tracker.CountOf(n, "session", "sessions"), tracker.FormatDuration(total),
		partWithin(total, time.Duration(within)*time.Second), more)
	_, err = c.Stdout.Write(lines)
	return err
}

// partWithin is what a list's total adds when sessions cross the bounds of its dates: how much
// of it falls within them, which is what the report of those dates counts.
func partWithin(total, within time.Duration) string {
	if within == total {
		return ""
	}
	return " (" + tracker.FormatDuration(within) + " of it within the dates, as report counts it)"
}

// unusedTag is what to add to "No sessions" when no session at all has the tag asked for: it
// may be misspelt, and the tags in use are named. "" when the tag is in use, or none was asked.
func unusedTag(db *storage.DB, tag string) string {
	if tag == "" {
		return ""
	}
	seen := map[string]string{} // lower case: the first spelling met
	err := db.Sessions(tracker.Query{TotalsOnly: true}, func(s *tracker.Session) error {
		for _, t := range s.Tags {
			if strings.EqualFold(t, tag) {
				return errStop
			}
			if _, ok := seen[strings.ToLower(t)]; !ok {
				seen[strings.ToLower(t)] = t
			}
		}
		return nil
	})
	if err != nil {
		return ""
	}
	if len(seen) == 0 {
		return fmt.Sprintf(": no session has a tag yet, so none has %q", tag)
	}
	names := slices.Sorted(maps.Values(seen))
	const shown = 20
	more := ""
	if len(names) > shown {
		names, more = names[:shown], fmt.Sprintf(" and %d more", len(names)-shown)
	}
	return fmt.Sprintf(": no session has the tag %q; the tags in use are %s%s", tag, strings.Join(names, ", "), more)
}

// appendSessionLine appends the line of corepath sessions for s; paths holds the topics' paths
// as made, which thousands of lines name again and again.
func appendSessionLine(b []byte, p *tracker.Plan, paths map[string]string, s *tracker.Session, loc *time.Location) []byte {
	path, ok := paths[s.TopicID]
	if !ok {
		path = p.TopicPath(s.TopicID)
		paths[s.TopicID] = path
	}
	b = s.Start.In(loc).AppendFormat(append(append(b, s.ID...), "  "...), "2006-01-02 15:04")
	d := tracker.FormatDuration(s.Duration)
	b = append(b, "  "...)
	for n := utf8.RuneCountInString(d); n < 6; n++ { // right-aligned in six, as %6s
		b = append(b, ' ')
	}
	b = append(append(append(b, d...), "  "...), path...)
	if s.Kind != tracker.KindStudy {
		b = append(append(append(b, "  ("...), s.Kind...), ')')
	}
	for i, tag := range s.Tags {
		if i == 0 {
			b = append(b, "  ["...)
		} else {
			b = append(b, ", "...)
		}
		b = append(b, tag...)
	}
	if len(s.Tags) > 0 {
		b = append(b, ']')
	}
	if s.Note != "" {
		b = strconv.AppendQuote(append(b, "  "...), noteInList(s.Note))
	}
	return append(b, '\n')
}

type stopWalk struct{}

func (stopWalk) Error() string { return "stop" }

var errStop error = stopWalk{}

// noteInList is a note as a list shows it, on the session's line: its first line, cut at
// noteShown characters (a 5,000-character note made a line of its own width), with "…" when
// there is more. sessions --json and export give it whole.
func noteInList(s string) string {
	line, _, more := strings.Cut(s, "\n")
	if cut := trim(line, noteShown); more || cut != line {
		return strings.TrimSuffix(cut, "…") + "…"
	}
	return line
}

const noteShown = 100

var cmdEdit = &command{
	name: "edit", args: "ID [--duration D] [--at TIME] [--topic NAME] [--kind KIND] [--tag TAG]... [--note TEXT] [--focus N] [--milestone ID] [--course CODE]",
	summary: "Change a session. ID is the id, or a unique start or end of it (4 characters or more); only the flags given change (--tag replaces the tags; --tag \"\" clears them; --at with a time alone keeps the session's day, with a day alone its time of day).",
	options: func() commandOptions { return &editOptions{} },
}

// editOptions are the flags of corepath edit: the fields to change.
type editOptions struct {
	sessionFlags
	duration string
}

func (o *editOptions) addFlags(fs *flag.FlagSet) {
	o.sessionFlags.addFlags(fs)
	fs.Func("duration", "the new `DURATION`, like 45m", nonEmpty(&o.duration, "it is empty: give a length, like 45m"))
}

func (o *editOptions) run(c *ctx) error {
	if err := c.needArgs(1, "the session ID"); err != nil {
		return err
	}
	if c.fs.NFlag() == 0 || (c.fs.NFlag() == 1 && c.flagSet("data")) {
		return usagef("nothing to change: give at least one flag, like --duration 45m or --note TEXT")
	}
	db, p, err := c.plan()
	if err != nil {
		return err
	}
	s, err := db.GetSession(c.args[0])
	if err != nil {
		return err
	}
	if o.duration != "" {
		if s.Duration, err = tracker.ParseDuration(o.duration); err != nil {
			return usageError{err.Error()}
		}
	}
	if o.at != "" {
		// A time alone moves the session within its own day, not to today; a day alone moves it
		// to that day at its own time of day.
		on, at := c.Now(), o.at
		if tracker.NamesNoDay(at) {
			on = s.Start
		}
		if tracker.NamesNoTime(at) {
			at = strings.TrimSpace(at) + " " + s.Start.In(c.Loc).Format("15:04:05")
		}
		if s.Start, err = tracker.ParseTime(at, on, c.Loc); err != nil {
			return usageError{err.Error()}
		}
	}
	if err := o.apply(c, &p, &s); err != nil {
		return err
	}
	if s, err = db.UpdateSession(s); err != nil {
		return err
	}
	c.out("Changed %s (id %s)\n", describeWith(tracker.FormatExactDuration, &p, &s, c.Loc), s.ID)
	if o.duration != "" || o.at != "" { // only a new time can make a new overlap
		overlaps, err := tracker.Overlapping(db, &s, overlapsShown+1)
		if err != nil {
			return err
		}
		sayOverlaps(c, &p, &s, overlaps)
	}
	return nil
}

var cmdDelete = &command{
	name: "delete", args: "ID", summary: "Delete a session; it prints the command that logs it again.",
	options: func() commandOptions { return &deleteOptions{} },
}

// deleteOptions: corepath delete has no flags of its own.
type deleteOptions struct{}

func (*deleteOptions) addFlags(*flag.FlagSet) {}

func (*deleteOptions) run(c *ctx) error {
	if err := c.needArgs(1, "the session ID"); err != nil {
		return err
	}
	db, p, err := c.plan()
	if err != nil {
		return err
	}
	s, err := db.DeleteSession(c.args[0])
	if err != nil {
		return err
	}
	c.out("Deleted %s\n", describe(&p, &s, c.Loc))
	if s.Duration > tracker.MaxSession {
		// Only an import keeps a session this long; log would refuse it.
		c.out("It was longer than a session can be logged (%s): to have it back, import the file it came from again with --with-deleted, or restore the backup taken before that import\n",
			tracker.FormatDuration(tracker.MaxSession))
		return nil
	}
	c.out("To log it again: %s\n", relogCommand(c.corepath(), &p, &s, c.Loc))
	return nil
}

// relogCommand writes the command line that logs s again, as an undo for delete; it starts with
// corepath, the program and the data folder (ctx.corepath).
func relogCommand(corepath string, p *tracker.Plan, s *tracker.Session, loc *time.Location) string {
	args := []string{corepath, "log", tracker.FormatExactDuration(s.Duration),
		"--topic", shellQuote(p.TopicPath(s.TopicID)), "--at", shellQuote(atFlag(s.Start.In(loc)))}
	if s.Kind != tracker.KindStudy {
		args = append(args, "--kind", string(s.Kind))
	}
	for _, t := range s.Tags {
		args = append(args, "--tag", shellQuote(t))
	}
	if s.Note != "" {
		args = append(args, "--note", shellQuote(s.Note))
	}
	if s.Focus != 0 {
		args = append(args, "--focus", strconv.Itoa(s.Focus))
	}
	if m, ok := p.Milestone(s.MilestoneID); ok {
		args = append(args, "--milestone", shellQuote(m.ID))
	}
	if co, ok := p.Course(s.CourseID); ok {
		ref := co.Code // as the user wrote it, unless another term's course has the same code
		if found, err := matchCourse(p, co.Code); err != nil || found.ID != co.ID {
			ref = co.ID
		}
		args = append(args, "--course", shellQuote(ref))
	}
	return strings.Join(args, " ")
}

// atFlag is t as --at reads it back: its local time, with the offset when the clocks show that
// time twice.
func atFlag(t time.Time) string {
	if shownTwice(t) {
		return t.Format("2006-01-02T15:04-07:00")
	}
	return t.Format("2006-01-02 15:04")
}

func shellQuote(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_./:", r))
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
