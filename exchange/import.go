package exchange

import (
	"bufio"
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unsafe"

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
	// Dates is the order of a CSV's dates where they all read either way round (02/11/2026);
	// "" chooses as dateOrderOf says. A date that fits only the other order is refused.
	Dates DateOrder
	// Now is the clock sessions are checked against (none may end in the future); time.Now
	// when zero.
	Now time.Time
	// SplitLong cuts entries longer than tracker.MaxSession into consecutive sessions of at
	// most that length; by default they are imported whole, as the source counts them.
	SplitLong bool
	// WithDeleted imports the records of sessions deleted here too; by default they are left
	// out, so that a file that still has them does not bring them back.
	WithDeleted bool
	// CloseOpenAt imports an interval still open after more than a day (a forgotten timer) as
	// a session that ended at this time; when zero such an interval is left out.
	CloseOpenAt time.Time
	// ReplacePlan lets a Corepath file's plan records replace those of the store with the same
	// id. By default a record the store has is kept as it is, so that an older export never
	// undoes later edits; records the store lacks are added either way.
	ReplacePlan bool
	// Seed is the plan a new store starts with. A store record still as seeded was never
	// edited, so the file's replaces it: a backup imported on a new machine brings its plan.
	Seed *tracker.Plan
}

// staleOpen is how long an open interval may have run and still be taken for a running timer.
const staleOpen = 24 * time.Hour

// record is one session or open interval read from a file, before its topic is known.
type record struct {
	at    pos
	s     tracker.Session
	names []string // names that may give the topic, in order; nil when s.TopicID is set
	open  bool     // no end yet: a running timer
	// key is the record's start and end as the file writes them, the part of its identity
	// that the parser knows best; see source.identify. openKey is the key the record had while
	// its interval was open (Timewarrior's, whose intervals may be), and openSource the Source
	// identity that gave: an earlier import of the open interval started the timer with it.
	key, openKey, openSource string
	// otherKey is the key of a Toggl or Clockify row with its day and month read the other way
	// round, when they read either way, and otherSource the identity that gives.
	otherKey, otherSource string
	otherStart            time.Time
	// fileLength is the length the file also gives (a Duration column), when it is not the
	// length from its start to its end, which the session takes.
	fileLength time.Duration
	// firstReading: a time of the record shows twice (the clocks went back over it) and
	// nothing in the record tells which is meant, so the first was taken.
	firstReading bool
}

// source is a whole file read and parsed, still independent of the store.
type source struct {
	format  Format
	records blocks[record]
	plan    *tracker.Plan // Corepath files only
	byID    bool          // records carry session ids; otherwise each gets its Source identity
	leftOut []leftOut     // records left out as the file was read
	notes   []string
	// guessedDates is the order a CSV's dates were read in when they read either way round.
	guessedDates DateOrder
	bad          problems
	ordinals     map[uint64]int32 // how many records said exactly the same so far, by digest
	held         int64            // bytes the records hold, estimated, for maxHeldBytes
	total        int              // records read, left out ones included
	// looseRefs: the records name milestones and courses by id without the plan that holds
	// them (Corepath's CSV), so an id the store's plan lacks is dropped, not refused.
	looseRefs bool
}

// leftOut is a group of records left out for one reason.
type leftOut struct {
	reason string
	at     []pos
}

// add keeps a record, refusing a file with more records than MaxRecords, or records that take more
// memory than maxHeldBytes, as soon as it passes.
func (src *source) add(r record) error {
	if src.total >= MaxRecords {
		return tracker.Errorf(tracker.Invalid, "%s: the file has more than %d records, more than Corepath imports at once: split it (for example by year) and import the parts",
			r.at, MaxRecords)
	}
	if src.held += recordCost(&r); src.held > maxHeldBytes {
		return tracker.Errorf(tracker.Invalid, "%s: the file's records take more than %d MiB of memory, more than Corepath imports at once: split it (for example by year) and import the parts",
			r.at, maxHeldBytes>>20)
	}
	src.total++
	if !src.byID {
		src.identify(&r)
	}
	if !src.byID && !r.open && r.s.Duration < tracker.MinSession {
		src.leave(r.at, "shorter than a minute, Corepath's shortest session")
		return nil
	}
	src.records.add(r)
	return nil
}

// recordCost estimates the heap a record holds: the struct, its strings and its tags.
func recordCost(r *record) int64 {
	n := int64(unsafe.Sizeof(*r)) + int64(len(r.s.Note)+len(r.key)) + 64 // 64: the source identity
	for _, t := range r.s.Tags {
		n += int64(len(t)) + 16
	}
	if len(r.names) > 0 && (len(r.s.Tags) == 0 || &r.names[0] != &r.s.Tags[0]) {
		for _, name := range r.names {
			n += int64(len(name)) + 16
		}
	}
	return n
}

// leave records that the record at p was left out, grouped by reason.
func (src *source) leave(p pos, reason string) {
	for i := range src.leftOut {
		if src.leftOut[i].reason == reason {
			src.leftOut[i].at = append(src.leftOut[i].at, p)
			return
		}
	}
	src.leftOut = append(src.leftOut, leftOut{reason: reason, at: []pos{p}})
}

// identify gives a record of another tracker's file its Source: a digest of everything the
// record says (the format, its start and end as written, its names, tags and note) and of its
// ordinal among the records before it that say exactly the same. The same file read again,
// or the same Timewarrior database read from its JSON export or its data folder, gives the
// same identities, and two identical rows of one file stay two sessions.
func (src *source) identify(r *record) {
	digest := src.digest(r, r.key)
	if !r.open && r.openKey != "" {
		r.openSource = fmt.Sprintf("%s:%x", src.format, src.digest(r, r.openKey))
	}
	if r.otherKey != "" {
		r.otherSource = fmt.Sprintf("%s:%x", src.format, src.digest(r, r.otherKey))
	}
	if src.ordinals == nil {
		src.ordinals = map[uint64]int32{}
	}
	// Counting by 64 bits of the digest is enough: were two different records to share them,
	// the second would get "#2", still an identity of its own, and the same on every read.
	k := binary.BigEndian.Uint64(digest)
	n := src.ordinals[k]
	src.ordinals[k] = n + 1
	r.s.Source = fmt.Sprintf("%s:%x", src.format, digest)
	if n > 0 {
		r.s.Source += fmt.Sprintf("#%d", n+1)
	}
	r.key, r.openKey, r.otherKey = "", "", "" // in the identity now
}

// digest is the 16 bytes of a record's identity, with key for its times.
func (src *source) digest(r *record, key string) []byte {
	h := sha256.New()
	field := func(s string) {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	field(string(src.format))
	field(key)
	for _, list := range [][]string{r.names, r.s.Tags} {
		field(strconv.Itoa(len(list)))
		for _, s := range list {
			field(s)
		}
	}
	field(r.s.Note)
	return h.Sum(nil)[:16]
}

// maxProblems is how many bad records an import lists before it only counts the rest.
const maxProblems = 50

// problems are the records that cannot be imported, each with where it is: the first
// maxProblems in the file's order, however many passes over the records found them (a date
// that cannot be read is found as the file is read, an id given twice after it).
type problems struct {
	list  []problem
	count int
}

type problem struct {
	at  pos
	err error
	// placed: err already says where it is (a record that could not be decoded); at only
	// orders it among the others.
	placed bool
}

func (ps *problems) add(p pos, err error) { ps.keep(problem{at: p, err: err}) }

// addPlaced adds a problem whose error already names its position p.
func (ps *problems) addPlaced(p pos, err error) { ps.keep(problem{at: p, err: err, placed: true}) }

func (ps *problems) keep(pr problem) {
	ps.count++
	p := pr.at
	if len(ps.list) < maxProblems {
		ps.list = append(ps.list, pr)
		return
	}
	// Full: p takes the place of the last kept, when it comes before it in the file.
	last := 0
	for i := range ps.list {
		if ps.list[last].at.compare(ps.list[i].at) < 0 {
			last = i
		}
	}
	if p.compare(ps.list[last].at) < 0 {
		ps.list[last] = pr
	}
}

// compare orders records by where they are in the file (or files): negative when p comes
// before q. A problem of no one record, with no position, comes after every record's.
func (p pos) compare(q pos) int {
	switch none, qNone := p == (pos{}), q == (pos{}); {
	case none && qNone:
		return 0
	case none:
		return 1
	case qNone:
		return -1
	}
	return cmp.Or(cmp.Compare(p.file, q.file), cmp.Compare(p.line, q.line), cmp.Compare(p.index, q.index))
}

// err is the refusal of a file with bad records, listing all of them (up to maxProblems) in
// the file's order, so that one pass over the file fixes everything; fatal, when not nil, is
// what stopped the reading early.
func (ps *problems) err(fatal error) error {
	if ps.count == 0 {
		return fatal
	}
	slices.SortStableFunc(ps.list, func(a, b problem) int { return a.at.compare(b.at) })
	list := make([]error, len(ps.list))
	for i, p := range ps.list {
		list[i] = p.err
		if p.at != (pos{}) && !p.placed {
			list[i] = at(p.at, p.err)
		}
	}
	if ps.count == 1 && fatal == nil {
		return list[0]
	}
	return tracker.Detailed(tracker.ErrorCode(list[0]), &ProblemsError{Count: ps.count, List: list, Fatal: fatal})
}

// ProblemsError is a file refused for its bad records: each one with where it is (the first
// maxProblems of Count), and Fatal, when not nil, what stopped the reading early.
type ProblemsError struct {
	Count int
	List  []error
	Fatal error
}

func (e *ProblemsError) Error() string {
	lines := []string{fmt.Sprintf("%s cannot be imported:", tracker.CountOf(e.Count, "record", "records"))}
	for _, p := range e.List {
		lines = append(lines, "  "+p.Error())
	}
	if rest := e.Count - len(e.List); rest > 0 {
		lines = append(lines, fmt.Sprintf("  and %d more", rest))
	}
	if e.Fatal != nil {
		lines = append(lines, "  then the reading stopped: "+e.Fatal.Error())
	}
	return strings.Join(lines, "\n")
}

// Unwrap gives the records' errors, so that errors.As finds a kind of problem in any of them.
func (e *ProblemsError) Unwrap() []error {
	if e.Fatal != nil {
		return append(append([]error(nil), e.List...), e.Fatal)
	}
	return e.List
}

// Import is a file read and checked against a store: what Apply would write. Nothing has been
// written yet; the desktop app shows it as a preview.
type Import struct {
	Format Format
	// Records counts the file's records. Each is added (as one session, or several when
	// SplitLong cuts it), already present (Skipped), an edit of a session the store has
	// (Updates, or KeptSessions), left out (LeftOut) or the Timer.
	Records int
	// Sessions would be added, in the file's order. A session on a topic that the import
	// creates carries the topic's provisional id from NewTopics.
	Sessions []tracker.Session
	// Split counts the sessions added beyond one per record, by SplitLong.
	Split int
	// Skipped counts the records already in the store; Legacy of them were recognized by
	// their start, length, tags and note alone, in sessions saved before imports kept their
	// Source.
	Skipped, Legacy int
	// Updates are sessions the store has by id (a Corepath file's), as the file has them edited
	// after the store's copy was last changed: they replace the store's.
	Updates []tracker.Session
	// KeptSessions name the sessions the store has by id and changed after the file's copy,
	// which differs: they are kept as they are here. KeptUndated name those whose copy in the
	// file differs and does not say when it was changed (a CSV's rows): kept too.
	KeptSessions, KeptUndated []string
	// KeptFuture name the sessions the store has by id whose copy in the file differs and was
	// edited, it says, more than clockAhead after now (by a machine whose clock is ahead): kept
	// as they are here.
	KeptFuture []string
	// KeptStopped name the intervals an earlier import took while they were open, as the
	// running timer, which was stopped here since: the sessions stay as stopped.
	KeptStopped []string
	// NewTopics would be created (their ids are provisional until Apply); NewTopicNames gives
	// each, by its provisional id, the name the file calls it, which ImportOptions.Map takes:
	// the topic's own name, or a subtopic's path as written ("BGP > Route servers").
	NewTopics     []tracker.Topic
	NewTopicNames map[string]string
	// GuessedDates is the order a CSV's dates were read in, chosen by Corepath because every
	// one of them reads either way round (a note says so); "" when the file or
	// ImportOptions.Dates settled it. ImportOptions.Dates reads them the other way.
	GuessedDates DateOrder
	// PlanChanges describes the plan items a Corepath file adds or replaces.
	PlanChanges []string
	// KeptPlan names the plan records the store has and the file has otherwise, kept as they
	// are in the store (without ReplacePlan).
	KeptPlan []string
	// Timer would be started (a running timer in the file, when none is running).
	Timer *tracker.Session
	// EndTimer is the session the running timer here would become, as the file has it
	// finished: a Corepath file's session with the timer's id (stopped on the machine the timer
	// came from), or the Timewarrior interval an import started the timer from while it was
	// open, closed since. The file's end and what it says of the session win over the copy
	// here, which was never stopped.
	EndTimer *tracker.Session
	// LeftOut are the records not imported, grouped by the reason.
	LeftOut []LeftOut
	// Notes are what a person should know: assumptions made, plan items left as they were.
	// The summary adds what was changed so that records fit, with where to see them.
	Notes []string

	src     *source
	fit     *fitting // what was changed so that records fit, for the summary's notes
	opt     ImportOptions
	plan    tracker.Plan // as it would be after the import
	ops     []planOp
	certOps []planOp // attempts, CE credits and rules: see corepath_cert.go
}

// LeftOut is a group of records an import leaves out for one reason.
type LeftOut struct {
	Count  int
	Reason string
	Where  string // the first few records: "line 4, line 9 and 3 more"
	Fix    Fix    // what would import them, if anything
}

// Fix is what a person can do to import records an import left out; a Wording says it in the
// terms of one interface.
type Fix int

const (
	NoFix          Fix = iota
	FixCloseOpen       // import the open interval closed at a given time
	FixStopTimer       // stop the running timer, then import again
	FixWithDeleted     // import them although they were deleted here
)

// LongEntries counts the records longer than tracker.MaxSession, imported whole or (with
// SplitLong) cut into sessions.
func (im *Import) LongEntries() int {
	if im.fit == nil {
		return 0
	}
	return len(im.fit.long)
}

// TopicPath names a topic of the plan as it would be after the import (new topics included).
func (im *Import) TopicPath(id string) string { return im.plan.TopicPath(id) }

// LikelyTopic is the store's own topic that the name a new topic of the import comes from may
// mean, as tracker.FindTopic reads a name typed ("QoS" for Quality of Service, by its
// initials), for a hint to map it there; ok is false when none stands out.
func (im *Import) LikelyTopic(newID string) (path string, ok bool) {
	existing := tracker.Plan{Topics: slices.DeleteFunc(slices.Clone(im.plan.Topics), func(t tracker.Topic) bool {
		return slices.ContainsFunc(im.NewTopics, func(n tracker.Topic) bool { return n.ID == t.ID })
	})}
	t, err := tracker.FindTopic(&existing, im.NewTopicNames[newID])
	if err != nil {
		return "", false
	}
	return existing.TopicPath(t.ID), true
}

// Prepare reads a file from r and checks it against the store without writing anything. A file
// with any bad record is refused whole, with the line or record and the reason.
func Prepare(r io.Reader, st tracker.Store, opt ImportOptions) (*Import, error) {
	if err := checkMap(st, opt); err != nil {
		return nil, err
	}
	src, err := read(r, opt.Format, opt.loc(), opt.Dates)
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
func read(r io.Reader, format Format, loc *time.Location, dates DateOrder) (*source, error) {
	g := newGuard(r)
	br := bufio.NewReaderSize(g, 64<<10)
	head, err := br.Peek(4096)
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
	src := &source{}
	linesBefore := 0
	if format == "" || format == Timewarrior {
		if notices := timewNotices(trimmed); len(notices) > 0 {
			skipped := len(head) - len(trimmed) + len(notices)
			linesBefore = bytes.Count(head[:skipped], []byte{'\n'})
			br.Discard(skipped)
			trimmed = trimmed[len(notices):]
			src.notes = append(src.notes, fmt.Sprintf("the lines before the JSON are a message from timew, not intervals, and were skipped: %q",
				strings.TrimSpace(string(notices))))
		}
	}
	if format == "" {
		format = sniff(trimmed)
	}
	src.format = format
	switch format {
	case Corepath:
		src.byID = true
		if seen := sniff(trimmed); seen != Corepath {
			err = tracker.Errorf(tracker.Invalid, "this is not a Corepath export, which is a JSON object ({ … }): import it without --format, which tells the formats apart")
			break
		}
		err = parseCorepath(br, g, src)
	case Timewarrior:
		switch {
		case trimmed[0] == '[' && sessionsListing(trimmed):
			err = tracker.Errorf(tracker.Invalid, "this is the list that corepath sessions --json prints, which is for reading, not for import: "+
				"to move sessions to another store, export them with corepath export --format json (or File > Export… in the app) and import that file")
		case trimmed[0] == '[':
			err = parseTimewJSON(br, g, linesBefore, src)
		case trimmed[0] == '{':
			err = tracker.Errorf(tracker.Invalid, "this JSON is an object, not a Timewarrior export, which is a list ([ … ]) of intervals: if it is a Corepath export, import it without --format")
		case !bytes.HasPrefix(trimmed, []byte("inc")):
			err = tracker.Errorf(tracker.Invalid, "this is not a Timewarrior file: `timew export` writes JSON that starts with \"[\", and a data file (YYYY-MM.data) has lines that start with \"inc\"")
		default:
			err = parseTimewData(br, g, "", src)
		}
	default:
		err = parseCSV(br, g, format, loc, dates, src)
	}
	if err != nil {
		return nil, src.bad.err(err)
	}
	return src, nil // check reports the records that could not be read with the others
}

// sessionsListing says whether a JSON list is corepath sessions --json's, whose first session
// names its topic by "topic_id", a key no Timewarrior interval has (a tag of that name is
// followed by a comma or "]", not a colon).
func sessionsListing(head []byte) bool {
	next := bytes.TrimLeft(head[1:], " \t\r\n")
	if len(next) == 0 || next[0] != '{' {
		return false
	}
	end := bytes.IndexByte(next, '}')
	if end < 0 {
		end = len(next)
	}
	_, after, found := bytes.Cut(next[:end], []byte(`"topic_id"`))
	return found && bytes.HasPrefix(bytes.TrimLeft(after, " \t\r\n"), []byte(":"))
}

// timewNotices are the lines `timew export` may print before its JSON (a notice that it
// created a missing tags.data, for one): every line before the first that opens a JSON list of
// intervals ("[" then "{" or "]"), when one does within the start of the file.
func timewNotices(head []byte) []byte {
	if head[0] == '[' || head[0] == '{' || bytes.HasPrefix(head, []byte("inc")) {
		return nil
	}
	for i := 0; ; {
		end := bytes.IndexByte(head[i:], '\n')
		if end < 0 {
			return nil
		}
		i += end + 1
		line := bytes.TrimLeft(head[i:], " \t\r")
		if len(line) == 0 || line[0] != '[' {
			continue
		}
		if next := bytes.TrimLeft(line[1:], " \t\r\n"); len(next) == 0 || next[0] == '{' || next[0] == ']' {
			return head[:i]
		}
		return nil
	}
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

// clockAhead is how far past now an edit in a file may be stamped and still be taken as later
// than the store's: clocks kept by the network differ by less.
const clockAhead = 2 * time.Minute

// check resolves the source's names to topics and checks every record against the store's
// plan as the import would leave it, without writing. Every bad record is reported at once.
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
	im := &Import{Format: src.format, Records: src.total, src: src, opt: opt, Notes: append([]string(nil), src.notes...), GuessedDates: src.guessedDates}
	for _, l := range src.leftOut {
		im.LeftOut = append(im.LeftOut, LeftOut{Count: len(l.at), Reason: l.reason, Where: positions(l.at)})
	}
	im.plan = cur.Clone()
	present, err := presentSessions(st, &src.records, src.byID)
	if err != nil {
		return nil, err
	}
	var foreign map[string]string // the file's topics taken for another store's, by id: their paths
	if src.plan != nil {
		var filePlan *tracker.Plan
		filePlan, foreign = im.foreignTopics(&cur, src.plan, &src.records, &present)
		if err := im.planChanges(&cur, filePlan); err != nil {
			if src.bad.count == 0 {
				return nil, err
			}
			all := problems{list: slices.Clone(src.bad.list), count: src.bad.count}
			all.add(pos{}, err) // with the sessions that cannot be read, in one list
			return nil, all.err(nil)
		}
		if len(opt.Map) > 0 {
			im.Notes = append(im.Notes, "--map applies to Timewarrior, Toggl and Clockify files; a Corepath file names its topics by id")
		}
	}
	res, err := newResolver(im, opt)
	if err != nil {
		return nil, err
	}
	bad := problems{list: slices.Clone(src.bad.list), count: src.bad.count}
	var fit fitting
	seenIDs := map[string]pos{}
	var open *record
	var timer tracker.Session
	var stale []pos
	deleted := map[string][]pos{} // the records of sessions deleted here, by the day deleted
	running, timing, err := st.Timer()
	if err != nil {
		return nil, err
	}
	twoTopics, twoTopicsFirst := 0, [2]string{} // records added that name more than one topic
	var misread []string                        // records imported before with day and month the other way: "2026-02-11 for 2026-11-02"
	var misreadAt []pos                         // and where they are in the file
	for i := 0; i < src.records.len(); i++ {
		r := src.records.at(i)
		s := r.s
		var otherTopic string // another topic the record names, for twoTopicsNote
		names := r.names
		if path, ok := foreign[s.TopicID]; ok {
			names = []string{path}
		}
		if names != nil {
			if s.TopicID, otherTopic, err = res.topicAndOther(names); err != nil {
				bad.add(r.at, err)
				continue
			}
		}
		var dropped []string
		if src.looseRefs {
			dropped = dropUnknownRefs(&s, &im.plan)
		}
		retagged := !src.byID && fitTags(&s)
		spelled := s.Tags // before normalizing merges those that differ only in case
		tracker.NormalizeSession(&s)
		closed := false
		if r.open {
			switch {
			case src.byID || opt.Now.Sub(s.Start) <= staleOpen:
				if open != nil {
					bad.add(r.at, tracker.Errorf(tracker.Invalid, "a second open interval (the first is at %s); only the latest interval can still be running", open.at))
					continue
				}
				open, timer = r, s
				continue
			case present.has(&s, &s): // closed by an earlier import at ImportOptions.CloseOpenAt
				im.Skipped++
				continue
			case opt.CloseOpenAt.IsZero():
				where := r.at
				where.detail = "open since " + s.Start.In(opt.loc()).Format("2006-01-02 15:04")
				stale = append(stale, where)
				continue
			case !opt.CloseOpenAt.After(s.Start):
				bad.add(r.at, tracker.Errorf(tracker.Invalid, "the interval, open since %s, would close before it started: give a later time to close it at",
					s.Start.In(opt.loc()).Format("2006-01-02 15:04")))
				continue
			}
			s.Duration, closed = opt.CloseOpenAt.Sub(s.Start), true
		}
		pieces := []tracker.Session{s}
		long := s.Duration > tracker.MaxSession && !src.byID
		if long && opt.SplitLong {
			pieces = splitSession(s)
		}
		if err := notInTheFuture(&s, src.format, opt); err != nil {
			if other := r.otherStart.Add(s.Duration); src.guessedDates != "" && !r.otherStart.IsZero() && !other.After(opt.Now) {
				when, at, otherAt := "starts", s.Start, r.otherStart
				if !s.Start.After(opt.Now) {
					when, at, otherAt = "ends", s.End(), other
				}
				order := map[DateOrder]DateOrder{DatesDayFirst: DatesMonthFirst, DatesMonthFirst: DatesDayFirst}[src.guessedDates]
				err = tracker.Detailed(tracker.Invalid, &DatesOtherWayError{When: when, Future: at.In(opt.loc()), Other: otherAt.In(opt.loc()), Order: order})
			}
			bad.add(r.at, err)
			continue
		}
		valid := true
		for k := range pieces {
			if err := tracker.ValidateSession(&pieces[k], &im.plan, opt.Now); err != nil {
				var length *tracker.SessionLengthError
				if errors.As(err, &length) && !length.TooShort() && src.byID {
					// --split-long leaves a Corepath file's sessions whole: each is its id.
					err = tracker.Errorf(tracker.Invalid, "%s; a session of a Corepath file keeps its id, so --split-long does not cut it: "+
						"shorten it in the file and log the rest with corepath log, or leave it out", length.Limit())
				}
				bad.add(r.at, err)
				valid = false
				break
			}
		}
		if !valid {
			continue
		}
		if at, ok := present.deletedAt(&s, r, src.byID); ok && !present.ids[s.ID] && !opt.WithDeleted {
			day := at.In(opt.loc()).Format("2006-01-02")
			deleted[day] = append(deleted[day], r.at)
			continue
		}
		if src.byID {
			if first, ok := seenIDs[s.ID]; ok {
				bad.add(r.at, tracker.Errorf(tracker.Conflict, "session id %s appears twice in the file (first at %s)", s.ID, first))
				continue
			}
			seenIDs[s.ID] = r.at
			if timing && s.ID == running.ID && !present.ids[s.ID] {
				im.EndTimer = &s
				continue
			}
			if present.ids[s.ID] {
				switch here := present.edits[s.ID]; {
				case here.print == printOf(&s):
					im.Skipped++
				case s.Updated.After(opt.Now.Add(clockAhead)):
					// Taken as later, an edit stamped by a clock that runs ahead would undo
					// the edits made here until that clock's time comes.
					im.KeptFuture = append(im.KeptFuture, fmt.Sprintf("%s of %s on %s, edited there at %s", tracker.FormatDuration(s.Duration),
						im.plan.TopicPath(s.TopicID), s.Start.In(opt.loc()).Format("2006-01-02 15:04"), s.Updated.In(opt.loc()).Format("2006-01-02 15:04")))
				case s.Updated.After(here.updated): // edited in the file after the store's copy
					s.Planned = here.planned
					im.Updates = append(im.Updates, s)
				default:
					kept := &im.KeptSessions
					if s.Updated.IsZero() {
						kept = &im.KeptUndated
					}
					*kept = append(*kept, fmt.Sprintf("%s of %s on %s", tracker.FormatDuration(s.Duration),
						im.plan.TopicPath(s.TopicID), s.Start.In(opt.loc()).Format("2006-01-02 15:04")))
				}
				continue
			}
			if s.Source != "" && present.sources[s.Source] {
				// Another store's session of a Toggl or Timewarrior record imported here
				// too: the same record, under another id.
				im.Skipped++
				continue
			}
		} else if r.otherSource != "" && present.sources[r.otherSource] {
			misread = append(misread, fmt.Sprintf("%s for %s", r.otherStart.Format("2006-01-02"), s.Start.In(opt.loc()).Format("2006-01-02")))
			misreadAt = append(misreadAt, r.at)
			continue
		} else if r.openSource != "" && timing && running.Source == r.openSource {
			if len(pieces) > 1 || s.Duration > tracker.MaxSession {
				bad.add(r.at, tracker.Errorf(tracker.Invalid, "the file ends the interval that the timer running here was started from after %s, longer than a timer can run: stop or discard the timer here, then import again",
					tracker.FormatDuration(s.Duration)))
				continue
			}
			im.EndTimer = &s
			continue
		} else if r.openSource != "" && present.sources[r.openSource] {
			// The timer an import of this interval, then open, started: stopped here since,
			// it ends where the person stopped it, not where the file now does.
			im.KeptStopped = append(im.KeptStopped, fmt.Sprintf("%s from %s (the file ends it at %s)",
				im.plan.TopicPath(s.TopicID), s.Start.In(opt.loc()).Format("2006-01-02 15:04"), s.End().In(opt.loc()).Format("15:04")))
			continue
		} else if present.has(&s, &pieces[0]) {
			im.Skipped++
			continue
		}
		im.Split += len(pieces) - 1
		im.Sessions = append(im.Sessions, pieces...)
		if otherTopic != "" {
			if twoTopics++; twoTopics == 1 {
				twoTopicsFirst = [2]string{im.plan.TopicPath(s.TopicID), otherTopic}
			}
		}
		// The notes speak of what is added only.
		here := span{r.at, s.Start, s.End()}
		if retagged {
			fit.retagged = append(fit.retagged, here)
		}
		if closed {
			fit.closed = append(fit.closed, here)
		}
		if long {
			fit.long = append(fit.long, here)
		}
		if r.fileLength != 0 {
			fit.lengthDiffers = append(fit.lengthDiffers, lengthDiff{here, r.fileLength})
		}
		if present.overlaps(s.Start, s.End()) {
			fit.overlapping = append(fit.overlapping, here)
		}
		fit.spell(spelled)
		fit.countDropped(dropped)
	}
	im.Legacy = present.legacyHits
	if len(misread) > 0 {
		im.LeftOut = append(im.LeftOut, LeftOut{Count: len(misread), Reason: "imported before with the day and month of their dates read the other way round, so on other days (" + firstFew(misread) +
			"): delete those sessions, then import the file again as now (with the same --dates, if given) to have them on the days read now", Where: positions(misreadAt)})
	}
	for _, day := range slices.Sorted(maps.Keys(deleted)) {
		im.LeftOut = append(im.LeftOut, LeftOut{Count: len(deleted[day]), Reason: "deleted here on " + day + ", so not brought back",
			Where: positions(deleted[day]), Fix: FixWithDeleted})
	}
	if len(stale) > 0 {
		im.LeftOut = append(im.LeftOut, LeftOut{Count: len(stale), Reason: "still open after more than a day (a forgotten timer?), so not taken for the running timer",
			Where: positions(stale), Fix: FixCloseOpen})
	}
	if bad.count > 0 {
		return nil, bad.err(nil)
	}
	if open != nil {
		if err := im.checkTimer(st, open, timer, present); err != nil {
			return nil, err
		}
	}
	if twoTopics > 0 {
		im.Notes = append(im.Notes, twoTopicsNote(twoTopics, twoTopicsFirst[0], twoTopicsFirst[1]))
	}
	im.dropUnusedTopics()
	fit.topicSpelling = res.spelling
	im.fit = &fit
	return im, nil
}

// dropUnusedTopics leaves out the topics the import would create only for records that are
// already present or left out: a file imported again creates nothing.
func (im *Import) dropUnusedTopics() {
	used := map[string]bool{}
	for i := range im.Sessions {
		used[im.Sessions[i].TopicID] = true
	}
	for _, timer := range []*tracker.Session{im.Timer, im.EndTimer} {
		if timer != nil {
			used[timer.TopicID] = true
		}
	}
	for _, t := range im.NewTopics { // the new parent of a new subtopic in use
		if used[t.ID] && t.ParentID != "" {
			used[t.ParentID] = true
		}
	}
	unused := func(t tracker.Topic) bool { return strings.HasPrefix(t.ID, "new:") && !used[t.ID] }
	im.NewTopics = slices.DeleteFunc(im.NewTopics, unused)
	im.plan.Topics = slices.DeleteFunc(im.plan.Topics, unused)
}

// notInTheFuture refuses a session of the file that starts or ends after now, in words for a
// file: what ValidateSession says of it is meant for a session being typed.
func notInTheFuture(s *tracker.Session, format Format, opt ImportOptions) error {
	row := map[Format]string{Corepath: "session", Timewarrior: "interval"}[format]
	if row == "" {
		row = "row"
	}
	when, at := "starts", s.Start
	if !s.Start.After(opt.Now) {
		when, at = "ends", s.End()
	}
	if !at.After(opt.Now) {
		return nil
	}
	return tracker.Errorf(tracker.Invalid, "%s in the future (%s): correct the %s or leave it out", when, at.In(opt.loc()).Format("2006-01-02 15:04"), row)
}

// splitSession cuts a session longer than tracker.MaxSession into the fewest consecutive
// sessions of equal length (to the second) that fit, each with a Source of its own.
func splitSession(s tracker.Session) []tracker.Session {
	n := int((s.Duration + tracker.MaxSession - 1) / tracker.MaxSession)
	each := (s.Duration / time.Duration(n)).Truncate(time.Second)
	out := make([]tracker.Session, n)
	for i := range out {
		p := s
		p.Start = s.Start.Add(time.Duration(i) * each)
		p.Duration = each
		if i == n-1 {
			p.Duration = s.End().Sub(p.Start)
		}
		p.Tags = append([]string(nil), s.Tags...)
		p.Source = fmt.Sprintf("%s/%d", s.Source, i+1)
		out[i] = p
	}
	return out
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
	switch {
	case ok && sameTimer(&running, &s):
		im.Skipped++
	case present.ids[s.ID] || s.Source != "" && present.sources[s.Source] || s.Source == "" && present.starts[startKey{s.Start.Unix(), s.TopicID}]:
		im.Skipped++ // the timer was stopped since: its session is there
	case ok && im.EndTimer == nil:
		im.LeftOut = append(im.LeftOut, LeftOut{Count: 1, Reason: fmt.Sprintf("the running timer for %s since %s: a timer is already running for %s",
			im.plan.TopicPath(s.TopicID), s.Start.In(im.opt.loc()).Format("2006-01-02 15:04"), im.plan.TopicPath(running.TopicID)),
			Where: r.at.String(), Fix: FixStopTimer})
	default:
		at, discarded, err := st.DiscardedTimer(s)
		if err != nil {
			return err
		}
		if !discarded {
			im.Timer = &s
			return nil
		}
		loc := im.opt.loc()
		im.LeftOut = append(im.LeftOut, LeftOut{Count: 1, Reason: fmt.Sprintf("the running timer for %s since %s: it was discarded here on %s, so it is not started again (start a timer for it to time it anew)",
			im.plan.TopicPath(s.TopicID), s.Start.In(loc).Format("2006-01-02 15:04"), at.In(loc).Format("2006-01-02 15:04")),
			Where: r.at.String()})
	}
	return nil
}

func sameTimer(a, b *tracker.Session) bool {
	switch {
	case a.ID != "" && a.ID == b.ID:
		return true
	case a.Source != "" || b.Source != "":
		return a.Source == b.Source
	}
	return a.Start.Equal(b.Start) && a.TopicID == b.TopicID
}

type startKey struct {
	start int64
	topic string
}

// legacyKey matches a record to a session imported before sessions kept their Source: the
// same start, length, tags and note.
type legacyKey struct {
	start, secs int64
	tags, note  string
}

func legacyKeyOf(s *tracker.Session) legacyKey {
	return legacyKey{s.Start.Unix(), int64(s.Duration / time.Second), strings.Join(s.Tags, "\x00"), s.Note}
}

// sessionPrint is what a person can change of a session and an export carries, to tell an
// edited copy from the same. (A timer's planned length is not exported for its session.)
type sessionPrint struct {
	start, secs                    int64
	topic, milestone, course, kind string
	note, tags                     string
	focus                          int
}

func printOf(s *tracker.Session) sessionPrint {
	return sessionPrint{s.Start.Unix(), int64(s.Duration / time.Second), s.TopicID, s.MilestoneID,
		s.CourseID, string(s.Kind), s.Note, strings.Join(s.Tags, "\x00"), s.Focus}
}

// sessionEdit is a stored session as last changed, for records that carry its id.
type sessionEdit struct {
	print   sessionPrint
	updated time.Time
	planned time.Duration // kept by an update, since the file does not carry it
}

// presence is what the store already holds in the time span of a file's records.
type presence struct {
	ids     map[string]bool
	edits   map[string]sessionEdit // by id, when the file's records carry ids
	sources map[string]bool
	starts  map[startKey]bool
	legacy  map[legacyKey]int // sessions without a Source, each matching one record at most
	// deleted are the sessions deleted here, by id and by Source, with when.
	deletedIDs, deletedSources map[string]time.Time
	// spans are the stored sessions' times (Unix seconds), by start, and longest the longest
	// of them, for overlaps.
	spans   [][2]int64
	longest int64
	// legacyHits counts the records found by legacyKey, which the summary tells apart.
	legacyHits int
}

// has reports whether the store holds the record that became s (whose first piece, when
// split, is first): the same Source, or a session imported before sources were kept.
func (p *presence) has(s, first *tracker.Session) bool {
	if p.sources[s.Source] || p.sources[first.Source] {
		return true
	}
	if k := legacyKeyOf(s); p.legacy[k] > 0 {
		p.legacy[k]--
		p.legacyHits++
		return true
	}
	return false
}

// presentSessions reads the store's sessions that start near the span of the records, in one
// scan however many records there are. Records with ids are looked for among all sessions: a
// session may have been moved to another time since the file was written.
func presentSessions(st tracker.Store, records *blocks[record], byID bool) (presence, error) {
	p := presence{ids: map[string]bool{}, edits: map[string]sessionEdit{}, sources: map[string]bool{}, starts: map[startKey]bool{}, legacy: map[legacyKey]int{}}
	if records.len() == 0 {
		return p, nil
	}
	var q tracker.Query
	if !byID {
		lo, hi := records.at(0).s.Start, records.at(0).s.Start
		for i := 0; i < records.len(); i++ {
			r := records.at(i)
			for _, start := range []time.Time{r.s.Start, r.otherStart} {
				if start.IsZero() {
					continue // no other reading of its dates
				}
				if start.Before(lo) {
					lo = start
				}
				if start.After(hi) {
					hi = start
				}
			}
		}
		// A day either side: the same Toggl or Clockify file read in another time zone puts
		// its records up to 14 hours from where they were stored, and they must still be found.
		q = tracker.Query{From: lo.Add(-26 * time.Hour), To: hi.Add(26 * time.Hour)}
	}
	err := st.Sessions(q, func(s *tracker.Session) error {
		p.ids[s.ID] = true
		if byID {
			p.edits[s.ID] = sessionEdit{printOf(s), s.Updated, s.Planned}
		}
		p.starts[startKey{s.Start.Unix(), s.TopicID}] = true
		p.spans = append(p.spans, [2]int64{s.Start.Unix(), s.End().Unix()})
		p.longest = max(p.longest, s.End().Unix()-s.Start.Unix())
		if s.Source != "" {
			p.sources[strings.TrimSuffix(s.Source, pieceSuffix(s.Source))] = true
			p.sources[s.Source] = true
		} else if !byID {
			p.legacy[legacyKeyOf(s)]++
		}
		return nil
	})
	if err != nil {
		return p, err
	}
	slices.SortFunc(p.spans, func(a, b [2]int64) int { return cmp.Compare(a[0], b[0]) })
	p.deletedIDs, p.deletedSources = map[string]time.Time{}, map[string]time.Time{}
	err = st.DeletedSessions(func(id, source string, at time.Time) error {
		p.deletedIDs[id] = at
		if source != "" {
			p.deletedSources[strings.TrimSuffix(source, pieceSuffix(source))] = at
			p.deletedSources[source] = at
		}
		return nil
	})
	return p, err
}

// overlaps reports whether a stored session overlaps the time from start to end.
func (p *presence) overlaps(start, end time.Time) bool {
	s, e := start.Unix(), end.Unix()
	i, _ := slices.BinarySearchFunc(p.spans, e, func(sp [2]int64, t int64) int { return cmp.Compare(sp[0], t) })
	for j := i - 1; j >= 0 && p.spans[j][0] >= s-p.longest; j-- {
		if p.spans[j][1] > s {
			return true
		}
	}
	return false
}

// deletedAt is when the session a record would make was deleted here, if it was: by its id in
// a Corepath file, else by its Source (or the one it had while open).
func (p *presence) deletedAt(s *tracker.Session, r *record, byID bool) (time.Time, bool) {
	if byID {
		at, ok := p.deletedIDs[s.ID]
		return at, ok
	}
	if at, ok := p.deletedSources[s.Source]; ok {
		return at, true
	}
	at, ok := p.deletedSources[r.openSource]
	return at, ok && r.openSource != ""
}

// pieceSuffix is the "/2" that splitSession adds to a Source, or "".
func pieceSuffix(source string) string {
	if i := strings.LastIndexByte(source, '/'); i > 0 && strings.IndexByte(source[i:], ':') < 0 {
		return source[i:]
	}
	return ""
}

// resolver finds the topic a record's names give, creating topics (in the would-be plan) for
// names that match none. The topic of a record depends on its own names, the --map and the
// plan as it was before the import, never on what earlier records of the file created.
type resolver struct {
	im       *Import
	base     tracker.Plan      // the plan before this import creates any topic
	mapped   map[string]string // name (tracker.TopicKey) to topic id
	made     map[string]string // name (tracker.TopicKey) to the id of a topic this import creates
	spelling map[string]map[string]bool
	next     int
	// What each name as written resolves to, found once: a file of 100,000 records names a few
	// hundred topics and tags, and finding one walks every topic's name and path.
	keys  map[string]string
	exact map[string]exactFound
}

// exactFound is exactTopic's answer for a name.
type exactFound struct {
	t   *tracker.Topic
	err error
}

// key is tracker.TopicKey of name, made once per name.
func (res *resolver) key(name string) string {
	k, ok := res.keys[name]
	if !ok {
		k = tracker.TopicKey(name)
		res.keys[name] = k
	}
	return k
}

// exactTopic is exactTopic in the plan before the import, found once per name.
func (res *resolver) exactTopic(name string) (*tracker.Topic, error) {
	f, ok := res.exact[name]
	if !ok {
		f.t, f.err = exactTopic(&res.base, name)
		res.exact[name] = f
	}
	return f.t, f.err
}

func newResolver(im *Import, opt ImportOptions) (*resolver, error) {
	res := &resolver{im: im, base: im.plan.Clone(), mapped: map[string]string{}, made: map[string]string{}, spelling: map[string]map[string]bool{},
		keys: map[string]string{}, exact: map[string]exactFound{}}
	for name, target := range opt.Map {
		t, err := mapTarget(&im.plan, name, target)
		if err != nil {
			return nil, err
		}
		res.mapped[tracker.TopicKey(name)] = t.ID
	}
	return res, nil
}

func mapTarget(p *tracker.Plan, name, target string) (*tracker.Topic, error) {
	t, err := tracker.MatchTopic(p, target)
	if err != nil {
		return nil, tracker.Detailed(tracker.ErrorCode(err), &MapTargetError{Name: name, Target: target, Err: err})
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

// topic returns the topic for the first name that is mapped; else for the first name that
// names a topic of the plan as it was before the import; else the first name becomes a new
// topic (one topic however many records name it).
func (res *resolver) topic(names []string) (string, error) {
	id, _, err := res.topicAndOther(names)
	return id, err
}

// topicAndOther is topic, with the name of another of the plan's topics that a later name
// gives (a Timewarrior interval tagged BGP and Multicast goes to BGP; Multicast is the other),
// or "", for the import's note.
func (res *resolver) topicAndOther(names []string) (id, other string, err error) {
	for _, name := range names {
		if id, ok := res.mapped[res.key(name)]; ok {
			return id, "", nil
		}
	}
	for i, name := range names {
		t, err := res.exactTopic(name)
		if err != nil {
			return "", "", err
		}
		if t == nil {
			continue
		}
		for _, later := range names[i+1:] {
			if u, err := res.exactTopic(later); err == nil && u != nil && u.ID != t.ID {
				return t.ID, strings.TrimSpace(later), nil
			}
		}
		return t.ID, "", nil
	}
	id, err = res.newTopic(strings.TrimSpace(names[0]))
	return id, "", err
}

// twoTopicsNote says how many records added name more than one topic, and where they went:
// first is the topic of the first of them and other the other it named.
func twoTopicsNote(n int, first, other string) string {
	return fmt.Sprintf("%s more than one of your topics (the first, %s and %s): each went to the topic of its first such name, there %s; an import that maps %s to its topic (--map) sends those that name it there instead, once the backup taken before this import is restored if it was made",
		tracker.CountOf(n, "record names", "records name"), first, other, first, other)
}

// newTopic is the topic this import creates for name, made at its first record. "BGP › Route
// servers", as Corepath's own CSV names a subtopic, is a subtopic of the plan's BGP, or of a
// BGP the import creates too (a store rebuilt from the CSV lacks the topics the person made).
func (res *resolver) newTopic(name string) (string, error) {
	key := res.key(name)
	if res.spelling[key] == nil {
		res.spelling[key] = map[string]bool{}
	}
	res.spelling[key][name] = true
	if id, ok := res.made[key]; ok {
		return id, nil
	}
	t := tracker.Topic{Name: name, Track: res.im.opt.Track}
	if strings.ContainsAny(name, ">›") {
		parent, child, _ := strings.Cut(strings.ReplaceAll(name, "›", ">"), ">")
		parent, child = strings.TrimSpace(parent), strings.TrimSpace(child)
		top, err := res.exactTopic(parent)
		if parent == "" || child == "" || strings.Contains(child, ">") || err != nil || top != nil && top.ParentID != "" {
			return "", tracker.Detailed(tracker.NotFound, &UnmappedNameError{Name: name})
		}
		if top == nil {
			id, err := res.newTopic(parent)
			if err != nil {
				return "", err
			}
			top, _ = res.im.plan.Topic(id)
		}
		t = tracker.Topic{Name: child, ParentID: top.ID, Track: top.Track}
	}
	for ok := true; ok; _, ok = res.im.plan.Topic(t.ID) {
		res.next++
		t.ID = fmt.Sprintf("new:%d", res.next)
	}
	for _, o := range res.im.plan.Topics {
		t.Order = max(t.Order, o.Order+1)
	}
	if err := tracker.ValidateTopic(&t, &res.im.plan); err != nil {
		return "", tracker.Detailed(tracker.ErrorCode(err), &UnmappedNameError{Name: name, Err: err})
	}
	res.im.plan.Topics = append(res.im.plan.Topics, t)
	res.im.NewTopics = append(res.im.NewTopics, t)
	if res.im.NewTopicNames == nil {
		res.im.NewTopicNames = map[string]string{}
	}
	res.im.NewTopicNames[t.ID] = name
	res.made[key] = t.ID
	return t.ID, nil
}

// topicsWhere lists the plan's topics that match, and those of them at the top level: of
// several, the one top-level topic is meant.
func topicsWhere(p *tracker.Plan, match func(*tracker.Topic) bool) (found, top []*tracker.Topic) {
	for i := range p.Topics {
		if t := &p.Topics[i]; match(t) {
			found = append(found, t)
			if t.ParentID == "" {
				top = append(top, t)
			}
		}
	}
	return found, top
}

// exactTopic is the topic whose name or path ("BGP > Route reflectors") is name, ignoring case,
// as MatchTopic's exact step finds it; else the one topic whose name is name written without
// its punctuation or spaces, as a tag often is ("isis" for IS-IS); nil when there is none. A
// prefix does not count: an imported name that merely starts a topic's name is a different
// subject, and so is one that names several topics without its punctuation.
func exactTopic(p *tracker.Plan, name string) (*tracker.Topic, error) {
	want := tracker.TopicKey(name)
	if want == "" {
		return nil, nil
	}
	found, top := topicsWhere(p, func(t *tracker.Topic) bool {
		return tracker.TopicKey(t.Name) == want || tracker.TopicKey(p.TopicPath(t.ID)) == want
	})
	written := len(found) == 0
	if written {
		found, top = topicsWhere(p, func(t *tracker.Topic) bool { return tracker.SameTopicName(name, t.Name) })
	}
	switch {
	case len(found) == 1:
		return found[0], nil
	case len(top) == 1:
		return top[0], nil
	case len(found) > 1 && !written:
		var paths []string
		for _, t := range found {
			paths = append(paths, p.TopicPath(t.ID))
		}
		sort.Strings(paths)
		return nil, tracker.Detailed(tracker.Conflict, &UnmappedNameError{Name: strings.TrimSpace(name), Candidates: paths})
	}
	return nil, nil
}

// positions lists the first few positions and counts the rest.
func positions(ps []pos) string {
	var out []string
	for i, p := range ps {
		if i == 5 {
			out = append(out, fmt.Sprintf("and %d more", len(ps)-i))
			break
		}
		if p.detail != "" {
			out = append(out, p.String()+", "+p.detail)
			continue
		}
		out = append(out, p.String())
	}
	return strings.Join(out, ", ")
}

// Result is what Apply wrote.
type Result struct {
	Added        int
	Updated      int // sessions the file had edited later than the store
	Skipped      int
	NewTopics    []tracker.Topic // as stored, with their ids
	PlanChanges  []string
	TimerStarted bool
	TimerEnded   bool // the running timer here became the file's session (Import.EndTimer)
	LeftOut      []LeftOut
	Notes        []string
}

// Writes reports whether Apply would write anything: an import with nothing new writes nothing.
func (im *Import) Writes() bool {
	return len(im.ops) > 0 || len(im.certOps) > 0 || len(im.NewTopics) > 0 || len(im.Sessions) > 0 || len(im.Updates) > 0 || im.Timer != nil || im.EndTimer != nil
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
	res := Result{Skipped: im.Skipped, PlanChanges: im.PlanChanges, LeftOut: im.LeftOut, Notes: im.Notes}
	if !im.Writes() {
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
		for _, t := range im.NewTopics { // a new subtopic's new parent comes before it
			provisional := t.ID
			t.ID = ""
			if id, ok := ids[t.ParentID]; ok {
				t.ParentID = id
			}
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
		for _, s := range im.Updates {
			if id, ok := ids[s.TopicID]; ok {
				s.TopicID = id
			}
			if _, err := st.UpdateSession(s); err != nil {
				return err
			}
		}
		res.Updated = len(im.Updates)
		if err := im.applyCert(st); err != nil {
			return err
		}
		if im.EndTimer != nil {
			end := *im.EndTimer
			if id, ok := ids[end.TopicID]; ok {
				end.TopicID = id
			}
			// The timer's own id and planned length (which a file does not carry) stay.
			if _, err := st.StopTimer(end.End(), func(s *tracker.Session) {
				end.ID, end.Planned, end.Running = s.ID, s.Planned, false
				if end.Created.IsZero() {
					end.Created = s.Created
				}
				*s = end
			}); err != nil {
				return err
			}
			res.TimerEnded = true
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
