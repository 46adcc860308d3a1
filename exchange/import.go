package exchange

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/google/uuid"

	"corepath/tracker"
)

// ImportOptions say how to read a file and where its names go.
type ImportOptions struct {
	// Format of the file; "" guesses it from the content.
	Format Format
	// Map sends names from the file (a Timewarrior tag, a Toggl or Clockify project) to topics
	// of the plan, named as MatchTopic reads them: {"rr": "BGP > Route reflectors"}.
	Map map[string]string
	// Track holds the topics created for names that match no topic; Skills when empty.
	Track tracker.Track
	// Loc is the zone of times written without one (Toggl and Clockify write local times).
	Loc *time.Location
	// Now is the clock sessions are checked against (none may end in the future); time.Now
	// when zero.
	Now time.Time
}

// record is one session or open interval read from a file, before its topic is known.
type record struct {
	at    pos
	s     tracker.Session
	names []string // names that may give the topic, in order; nil when s.TopicID is set
	open  bool     // no end yet: a running timer
}

// source is a whole file read and parsed, still independent of the store.
type source struct {
	format  Format
	records []record
	plan    *tracker.Plan // Corepath files only
	byID    bool          // records carry stable ids; otherwise they are matched by start, length and topic
	short   []pos         // entries under Corepath's one-minute minimum, left out
	notes   []string
}

// add keeps a record, refusing a file with more records than MaxRecords as soon as it passes.
func (src *source) add(r record) error {
	if len(src.records)+len(src.short) >= MaxRecords {
		return tracker.Errorf(tracker.Invalid, "%s: the file has more than %d records, more than Corepath imports at once: split it (for example by year) and import the parts",
			r.at, MaxRecords)
	}
	if !src.byID && !r.open && r.s.Duration < tracker.MinSession {
		src.short = append(src.short, r.at)
		return nil
	}
	src.records = append(src.records, r)
	return nil
}

// Import is a file read and checked against a store: what Apply would write. Nothing has been
// written yet; the desktop app shows it as a preview.
type Import struct {
	Format Format
	// Sessions would be added, in the file's order. A session on a topic that the import
	// creates carries the topic's provisional id from NewTopics.
	Sessions []tracker.Session
	// Skipped counts the sessions already in the store (or repeated in the file).
	Skipped int
	// NewTopics would be created (their ids are provisional until Apply).
	NewTopics []tracker.Topic
	// PlanChanges describes the plan items a Corepath file adds or replaces.
	PlanChanges []string
	// Timer would be started (a running timer in the file, when none is running).
	Timer *tracker.Session
	// Notes are what a person should know: what was left out and why, assumptions made.
	Notes []string

	src     *source
	opt     ImportOptions
	plan    tracker.Plan // as it would be after the import
	ops     []planOp
	certOps []planOp // attempts, CE credits and rules: see corepath_cert.go
}

// TopicPath names a topic of the plan as it would be after the import (new topics included).
func (im *Import) TopicPath(id string) string { return im.plan.TopicPath(id) }

// Prepare reads a file from r and checks it against the store without writing anything. A file
// with any bad record is refused whole, with the line or record and the reason.
func Prepare(r io.Reader, st tracker.Store, opt ImportOptions) (*Import, error) {
	if err := checkMap(st, opt); err != nil {
		return nil, err
	}
	src, err := read(r, opt.Format, opt.loc())
	if err != nil {
		return nil, err
	}
	return check(st, src, opt)
}

// PrepareFile is Prepare for a file, or for a Timewarrior data folder.
func PrepareFile(path string, st tracker.Store, opt ImportOptions) (*Import, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, cannotRead(path, err)
	}
	if info.IsDir() {
		if err := checkMap(st, opt); err != nil {
			return nil, err
		}
		if opt.Format != "" && opt.Format != Timewarrior {
			return nil, tracker.Errorf(tracker.Invalid, "%s is a folder; only a Timewarrior data folder can be imported as a whole", path)
		}
		src, err := readTimewFolder(path)
		if err != nil {
			return nil, err
		}
		return check(st, src, opt)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, cannotRead(path, err)
	}
	defer f.Close()
	return Prepare(f, st, opt)
}

// cannotRead describes a file or folder that cannot be opened.
func cannotRead(path string, err error) error {
	code := tracker.Internal
	if errors.Is(err, os.ErrNotExist) {
		code = tracker.NotFound
	}
	var pe *os.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return &tracker.Error{Code: code, Err: err, Message: fmt.Sprintf("cannot read %s: %v", path, err)}
}

func (opt ImportOptions) loc() *time.Location {
	if opt.Loc == nil {
		return time.Local
	}
	return opt.Loc
}

var bom = []byte("\xef\xbb\xbf")

// read guesses the format from the first bytes when it is not given, and parses the file.
func read(r io.Reader, format Format, loc *time.Location) (*source, error) {
	g := newGuard(r)
	br := bufio.NewReaderSize(g, 64<<10)
	head, err := br.Peek(512)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return nil, inputError("the start of the file", err)
	}
	if bytes.HasPrefix(head, bom) {
		br.Discard(len(bom))
		head = head[len(bom):]
	}
	trimmed := bytes.TrimLeft(head, " \t\r\n")
	if len(trimmed) == 0 {
		return nil, tracker.Errorf(tracker.Invalid, "the file is empty")
	}
	if format == "" {
		format = sniff(trimmed)
	}
	src := &source{format: format}
	switch format {
	case Corepath:
		src.byID = true
		err = parseCorepath(br, g, src)
	case Timewarrior:
		if trimmed[0] == '[' {
			err = parseTimewJSON(br, g, src)
		} else {
			err = parseTimewData(br, g, "", src)
		}
	default:
		err = parseCSV(br, g, format, loc, src)
	}
	return src, err
}

// sniff guesses a file's format from its first bytes; CSV files are told apart by their header
// row, which parseCSV reads.
func sniff(head []byte) Format {
	switch {
	case head[0] == '{':
		return Corepath
	case head[0] == '[':
		return Timewarrior
	case bytes.HasPrefix(head, []byte("inc ")) || bytes.HasPrefix(head, []byte("inc\n")):
		return Timewarrior
	}
	return ""
}

// planOp is one write of a plan item.
type planOp struct {
	desc string
	do   func(st tracker.Store) error
}

// check resolves the source's names to topics and checks every record against the store's
// plan as the import would leave it, without writing.
func check(st tracker.Store, src *source, opt ImportOptions) (*Import, error) {
	if opt.Track == "" {
		opt.Track = tracker.TrackSkills
	}
	if opt.Now.IsZero() {
		opt.Now = time.Now()
	}
	cur, err := st.Plan()
	if err != nil {
		return nil, err
	}
	im := &Import{Format: src.format, src: src, opt: opt, Notes: append([]string(nil), src.notes...)}
	im.plan = clonePlan(&cur)
	if src.plan != nil {
		if err := im.planChanges(&cur, src.plan); err != nil {
			return nil, err
		}
		if len(opt.Map) > 0 {
			im.Notes = append(im.Notes, "--map applies to Timewarrior, Toggl and Clockify files; a Corepath file names its topics by id")
		}
	}
	res, err := newResolver(im, opt)
	if err != nil {
		return nil, err
	}
	if len(src.short) > 0 {
		im.Notes = append(im.Notes, fmt.Sprintf("left out %s shorter than a minute, Corepath's shortest session (%s)",
			tracker.CountOf(len(src.short), "entry", "entries"), positions(src.short)))
	}
	present, err := presentSessions(st, src.records, src.byID)
	if err != nil {
		return nil, err
	}
	seenIDs := map[string]pos{}
	seenKeys := map[sessionKey]bool{}
	var open *record
	for i := range src.records {
		r := &src.records[i]
		s := r.s // normalize gives it tags of its own
		if r.names != nil {
			if s.TopicID, err = res.topic(r.names); err != nil {
				return nil, at(r.at, err)
			}
		}
		normalize(&s)
		if r.open {
			if open != nil {
				return nil, at(r.at, tracker.Errorf(tracker.Invalid, "a second open interval (the first is at %s); only the latest interval can still be running", open.at))
			}
			open = r
			if err := im.checkTimer(st, r, s, present); err != nil {
				return nil, err
			}
			continue
		}
		if err := tracker.ValidateSession(&s, &im.plan, opt.Now); err != nil {
			return nil, at(r.at, err)
		}
		if src.byID {
			if first, ok := seenIDs[s.ID]; ok {
				return nil, at(r.at, tracker.Errorf(tracker.Conflict, "session id %s appears twice in the file (first at %s)", s.ID, first))
			}
			seenIDs[s.ID] = r.at
			if present.ids[s.ID] {
				im.Skipped++
				continue
			}
		} else {
			k := keyOf(&s)
			if present.keys[k] || seenKeys[k] {
				im.Skipped++
				continue
			}
			seenKeys[k] = true
		}
		im.Sessions = append(im.Sessions, s)
	}
	return im, nil
}

// normalize cleans a session the way the store will, so that what is checked and previewed is
// what is saved.
func normalize(s *tracker.Session) {
	s.Start = s.Start.UTC().Truncate(time.Second)
	s.Duration = s.Duration.Truncate(time.Second)
	s.Tags = tracker.NormalizeTags(s.Tags)
	s.Note = strings.TrimSpace(s.Note)
	if s.Kind == "" {
		s.Kind = tracker.KindStudy
	}
}

// checkTimer decides what becomes of an open interval or the file's running timer.
func (im *Import) checkTimer(st tracker.Store, r *record, s tracker.Session, present presence) error {
	s.Running, s.Duration = true, 0
	if err := tracker.ValidateTimer(&s, &im.plan, im.opt.Now); err != nil {
		return at(r.at, err)
	}
	running, ok, err := st.Timer()
	if err != nil {
		return err
	}
	since := s.Start.In(im.opt.loc()).Format("2006-01-02 15:04")
	switch {
	case ok && sameTimer(&running, &s):
		im.Skipped++
	case present.ids[s.ID] || present.starts[startKey{s.Start.Unix(), s.TopicID}]:
		im.Skipped++ // the timer was stopped since: its session is there
	case ok:
		im.Notes = append(im.Notes, fmt.Sprintf("the running timer for %s since %s was not started: a timer is already running for %s",
			im.plan.TopicPath(s.TopicID), since, im.plan.TopicPath(running.TopicID)))
	default:
		im.Timer = &s
	}
	return nil
}

func sameTimer(a, b *tracker.Session) bool {
	return a.ID != "" && a.ID == b.ID || a.Start.Equal(b.Start) && a.TopicID == b.TopicID
}

// sessionKey identifies a session in a file without ids: the same start, length and topic is
// the same session.
type sessionKey struct {
	start, secs int64
	topic       string
}

type startKey struct {
	start int64
	topic string
}

func keyOf(s *tracker.Session) sessionKey {
	return sessionKey{s.Start.Unix(), int64(s.Duration / time.Second), s.TopicID}
}

// presence is what the store already holds in the time span of a file's records.
type presence struct {
	ids    map[string]bool
	keys   map[sessionKey]bool
	starts map[startKey]bool
}

// presentSessions reads the store's sessions that start within the span of the records, in one
// scan however many records there are. Records with ids are looked for among all sessions: a
// session may have been moved to another time since the file was written.
func presentSessions(st tracker.Store, records []record, byID bool) (presence, error) {
	p := presence{ids: map[string]bool{}, keys: map[sessionKey]bool{}, starts: map[startKey]bool{}}
	if len(records) == 0 {
		return p, nil
	}
	var q tracker.Query
	if !byID {
		lo, hi := records[0].s.Start, records[0].s.Start
		for _, r := range records {
			if r.s.Start.Before(lo) {
				lo = r.s.Start
			}
			if r.s.Start.After(hi) {
				hi = r.s.Start
			}
		}
		q = tracker.Query{From: lo.Add(-time.Second), To: hi.Add(time.Second)}
	}
	err := st.Sessions(q, func(s *tracker.Session) error {
		p.ids[s.ID] = true
		p.keys[keyOf(s)] = true
		p.starts[startKey{s.Start.Unix(), s.TopicID}] = true
		return nil
	})
	return p, err
}

// resolver finds the topic a record's names give, creating topics (in the would-be plan) for
// names that match none.
type resolver struct {
	im     *Import
	mapped map[string]string // lower-case name to topic id
	made   map[string]string // lower-case name to the id of a topic this import creates
	next   int
}

func newResolver(im *Import, opt ImportOptions) (*resolver, error) {
	res := &resolver{im: im, mapped: map[string]string{}, made: map[string]string{}}
	for name, target := range opt.Map {
		t, err := mapTarget(&im.plan, name, target)
		if err != nil {
			return nil, err
		}
		res.mapped[strings.ToLower(strings.TrimSpace(name))] = t.ID
	}
	return res, nil
}

func mapTarget(p *tracker.Plan, name, target string) (*tracker.Topic, error) {
	t, err := tracker.MatchTopic(p, target)
	if err != nil {
		return nil, &tracker.Error{Code: tracker.ErrorCode(err), Err: err, Message: fmt.Sprintf("--map %s=%s: %v", name, target, err)}
	}
	return t, nil
}

// checkMap refuses a --map to no topic before the file is read: a mistyped option is reported
// before anything about the file.
func checkMap(st tracker.Store, opt ImportOptions) error {
	if len(opt.Map) == 0 {
		return nil
	}
	p, err := st.Plan()
	if err != nil {
		return err
	}
	for name, target := range opt.Map {
		if _, err := mapTarget(&p, name, target); err != nil {
			return err
		}
	}
	return nil
}

// topic returns the topic for the first name that is mapped or names a topic exactly; when
// none does, the first name becomes a new topic.
func (res *resolver) topic(names []string) (string, error) {
	for _, name := range names {
		key := strings.ToLower(strings.TrimSpace(name))
		if id, ok := res.mapped[key]; ok {
			return id, nil
		}
		if id, ok := res.made[key]; ok {
			return id, nil
		}
		t, err := exactTopic(&res.im.plan, name)
		if err != nil {
			return "", err
		}
		if t != nil {
			return t.ID, nil
		}
	}
	name := strings.TrimSpace(names[0])
	if strings.ContainsAny(name, ">›") {
		return "", tracker.Errorf(tracker.NotFound, "%q names no topic, and a new topic's name cannot hold \">\", which reads as \"Parent > Subtopic\": send it to a topic with --map %q=TOPIC", name, name)
	}
	t := tracker.Topic{Name: name, Track: res.im.opt.Track}
	for ok := true; ok; _, ok = res.im.plan.Topic(t.ID) {
		res.next++
		t.ID = fmt.Sprintf("new:%d", res.next)
	}
	for _, o := range res.im.plan.Topics {
		t.Order = max(t.Order, o.Order+1)
	}
	if err := tracker.ValidateTopic(&t, &res.im.plan); err != nil {
		return "", &tracker.Error{Code: tracker.ErrorCode(err), Err: err, Message: fmt.Sprintf("cannot create topic %q: %v", name, err)}
	}
	res.im.plan.Topics = append(res.im.plan.Topics, t)
	res.im.NewTopics = append(res.im.NewTopics, t)
	res.made[strings.ToLower(name)] = t.ID
	return t.ID, nil
}

// exactTopic is the topic whose name or path ("BGP > Route reflectors") is name, ignoring case,
// as MatchTopic's exact step finds it; nil when there is none. A prefix does not count: an
// imported name that merely starts a topic's name is a different subject.
func exactTopic(p *tracker.Plan, name string) (*tracker.Topic, error) {
	want := normalizeName(name)
	if want == "" {
		return nil, nil
	}
	var found, top []*tracker.Topic
	for i := range p.Topics {
		t := &p.Topics[i]
		if normalizeName(t.Name) == want || normalizeName(p.TopicPath(t.ID)) == want {
			found = append(found, t)
			if t.ParentID == "" {
				top = append(top, t)
			}
		}
	}
	switch {
	case len(found) == 1:
		return found[0], nil
	case len(top) == 1:
		return top[0], nil
	case len(found) > 1:
		var paths []string
		for _, t := range found {
			paths = append(paths, p.TopicPath(t.ID))
		}
		sort.Strings(paths)
		return nil, tracker.Errorf(tracker.Conflict, "%q names more than one topic (%s): choose one with --map %q=TOPIC",
			name, strings.Join(paths, ", "), strings.TrimSpace(name))
	}
	return nil, nil
}

// normalizeName lower-cases a name and writes "Parent > Child" as TopicPath does.
func normalizeName(s string) string {
	parts := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return r == '>' || r == '›' })
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	return strings.Join(parts, " › ")
}

func clonePlan(p *tracker.Plan) tracker.Plan {
	c := *p
	c.Exams = append([]tracker.Exam(nil), p.Exams...)
	c.Topics = append([]tracker.Topic(nil), p.Topics...)
	c.Milestones = append([]tracker.Milestone(nil), p.Milestones...)
	c.Courses = append([]tracker.Course(nil), p.Courses...)
	return c
}

// positions lists the first few positions and counts the rest.
func positions(ps []pos) string {
	var out []string
	for i, p := range ps {
		if i == 5 {
			out = append(out, fmt.Sprintf("and %d more", len(ps)-i))
			break
		}
		out = append(out, p.String())
	}
	return strings.Join(out, ", ")
}

// Result is what Apply wrote.
type Result struct {
	Added        int
	Skipped      int
	NewTopics    []tracker.Topic // as stored, with their ids
	PlanChanges  []string
	TimerStarted bool
	Notes        []string
}

// Apply writes the import. It checks the file against the store again first, since the store
// may have changed since Prepare (the app shows a preview in between). Plan changes, new
// topics, sessions and the timer are written in one transaction (Store.Batch): all of them or
// none. An import with nothing new writes nothing at all.
func (im *Import) Apply(st tracker.Store) (Result, error) {
	fresh, err := check(st, im.src, im.opt)
	if err != nil {
		return Result{}, err
	}
	*im = *fresh
	res := Result{Skipped: im.Skipped, PlanChanges: im.PlanChanges, Notes: im.Notes}
	if len(im.ops) == 0 && len(im.certOps) == 0 && len(im.NewTopics) == 0 && len(im.Sessions) == 0 && im.Timer == nil {
		return res, nil
	}
	// Plan items, new topics, sessions and the timer go in one transaction: all of them, or
	// none, even if the process dies half way.
	err = st.Batch(func(st tracker.Store) error {
		for _, op := range im.ops {
			if err := op.do(st); err != nil {
				return err
			}
		}
		ids := map[string]string{}
		for _, t := range im.NewTopics {
			provisional := t.ID
			t.ID = ""
			saved, err := st.PutTopic(t)
			if err != nil {
				return err
			}
			ids[provisional] = saved.ID
			res.NewTopics = append(res.NewTopics, saved)
		}
		sessions := im.Sessions
		if len(ids) > 0 {
			sessions = make([]tracker.Session, len(im.Sessions))
			for i, s := range im.Sessions {
				if id, ok := ids[s.TopicID]; ok {
					s.TopicID = id
				}
				sessions[i] = s
			}
		}
		if len(sessions) > 0 {
			if _, err := st.AddSessions(sessions); err != nil {
				return err
			}
		}
		res.Added = len(sessions)
		if err := im.applyCert(st); err != nil {
			return err
		}
		if im.Timer != nil {
			t := *im.Timer
			if id, ok := ids[t.TopicID]; ok {
				t.TopicID = id
			}
			// StartTimer checks before it writes, so a refusal here leaves the rest intact.
			if _, err := st.StartTimer(t); err != nil {
				res.Notes = append(res.Notes, fmt.Sprintf("the running timer was not started: %v", err))
			} else {
				res.TimerStarted = true
			}
		}
		return nil
	})
	if err != nil {
		return Result{}, err
	}
	return res, nil
}

// validID checks a session id from a file as the store will.
func validID(id string) error {
	if _, err := uuid.Parse(id); err != nil {
		return tracker.Errorf(tracker.Invalid, "%q is not a session id", id)
	}
	return nil
}
