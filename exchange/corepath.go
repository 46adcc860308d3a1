package exchange

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"reflect"
	"slices"
	"sort"
	"strings"
	"time"

	"corepath/tracker"
)

// FileVersion is the version of Corepath's JSON export that this build writes and the newest it
// reads.
const FileVersion = 1

// maxPlanItems bounds each list of a Corepath file's plan; the default plan has about 140
// topics.
const maxPlanItems = 5_000

// fileSession is a session (or the running timer, which has no end) as Corepath's JSON export
// writes it. Times are UTC and whole seconds, as the store keeps them.
type fileSession struct {
	ID             string       `json:"id"`
	Start          time.Time    `json:"start"`
	End            *time.Time   `json:"end,omitempty"`
	PlannedSeconds int64        `json:"planned_seconds,omitempty"`
	TopicID        string       `json:"topic_id"`
	MilestoneID    string       `json:"milestone_id,omitempty"`
	CourseID       string       `json:"course_id,omitempty"`
	Kind           tracker.Kind `json:"kind"`
	Tags           []string     `json:"tags,omitempty"`
	Note           string       `json:"note,omitempty"`
	Focus          int          `json:"focus,omitempty"`
	Source         string       `json:"source,omitempty"` // the record of another tracker it was imported from
	Created        time.Time    `json:"created"`
	Updated        time.Time    `json:"updated"`
}

func toFile(s *tracker.Session) fileSession {
	var f fileSession
	fillFile(&f, new(time.Time), s)
	return f
}

// fillFile sets f to s as the file holds it, with end for its end: an export reuses both for
// every session rather than allocating an end each time.
func fillFile(f *fileSession, end *time.Time, s *tracker.Session) {
	*f = fileSession{ID: s.ID, Start: s.Start.UTC(), TopicID: s.TopicID, MilestoneID: s.MilestoneID, CourseID: s.CourseID,
		Kind: s.Kind, Tags: s.Tags, Note: s.Note, Focus: s.Focus, Source: s.Source, Created: s.Created.UTC(), Updated: s.Updated.UTC()}
	if s.Running {
		f.PlannedSeconds = int64(s.Planned / time.Second)
	} else {
		*end = s.End().UTC()
		f.End = end
	}
}

func (f *fileSession) session() tracker.Session {
	s := tracker.Session{ID: f.ID, Start: f.Start, Planned: time.Duration(f.PlannedSeconds) * time.Second, TopicID: f.TopicID,
		MilestoneID: f.MilestoneID, CourseID: f.CourseID, Kind: f.Kind, Tags: f.Tags, Note: f.Note, Focus: f.Focus,
		Source: f.Source, Created: f.Created, Updated: f.Updated}
	if f.End != nil {
		s.Duration = f.End.Sub(f.Start)
	}
	return s
}

// parseCorepath reads Corepath's JSON export: an object whose first fields are "format" and
// "version", then the plan, the running timer if any, and the sessions, which are decoded one
// at a time.
func parseCorepath(br *bufio.Reader, g *guard, src *source) error {
	dec := json.NewDecoder(br)
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return notJSON("a Corepath export", err)
	}
	seen := map[string]bool{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return notJSON("a Corepath export", err)
		}
		key, _ := tok.(string)
		if seen[key] {
			return tracker.Errorf(tracker.Invalid, "the field %q appears twice; the file has been edited or damaged", key)
		}
		seen[key] = true
		if len(seen) == 1 && key != "format" || len(seen) == 2 && key != "version" {
			return tracker.Errorf(tracker.Invalid, "this JSON is not a Corepath export: it does not begin with \"format\" and \"version\"")
		}
		w := pos{what: fmt.Sprintf("the file's %q", key)}
		switch key {
		case "format":
			var f string
			if err := decodeValue(dec, g, w, &f, false); err != nil {
				return err
			}
			if f != string(Corepath) {
				return tracker.Errorf(tracker.Invalid, "this JSON is a %q file, not a Corepath export", f)
			}
		case "version":
			var v int
			if err := decodeValue(dec, g, w, &v, false); err != nil {
				return err
			}
			if v > FileVersion {
				return tracker.Errorf(tracker.TooNew, "this export was written by a newer Corepath (file version %d; this one reads up to %d): install the newer Corepath to import it", v, FileVersion)
			}
			if v < 1 {
				return tracker.Errorf(tracker.Invalid, "version %d is not a Corepath export version", v)
			}
		case "exported":
			var t time.Time
			if err := decodeValue(dec, g, w, &t, false); err != nil {
				return err
			}
		case "plan":
			var p tracker.Plan
			if err := decodeValue(dec, g, w, &p, true); err != nil {
				return err
			}
			if n := max(len(p.Exams), len(p.Topics), len(p.Milestones), len(p.Courses)); n > maxPlanItems {
				return tracker.Errorf(tracker.Invalid, "the plan has %d items in one list, more than the %d Corepath imports", n, maxPlanItems)
			}
			src.plan = &p
		case "timer":
			var f *fileSession
			if err := decodeValue(dec, g, w, &f, true); err != nil {
				return err
			}
			if f != nil {
				if err := addFileSession(src, f, pos{what: "timer"}, true); err != nil {
					return err
				}
			}
		case "sessions":
			if err := parseFileSessions(dec, g, src); err != nil {
				return err
			}
		default:
			return tracker.Errorf(tracker.Invalid, "unknown field %q: this export was not written by this version of Corepath", key)
		}
		g.mark(dec.InputOffset())
	}
	if _, err := dec.Token(); err != nil {
		return notJSON("a Corepath export", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return tracker.Errorf(tracker.Invalid, "there is more after the end of the export; the file has been edited or damaged")
	}
	for _, need := range []string{"format", "plan", "sessions"} {
		if !seen[need] {
			return tracker.Errorf(tracker.Invalid, "this Corepath export has no %q: it is incomplete", need)
		}
	}
	return nil
}

func parseFileSessions(dec *json.Decoder, g *guard, src *source) error {
	if tok, err := dec.Token(); err != nil || tok != json.Delim('[') {
		return notJSON("a list of sessions", err)
	}
	for i := 1; dec.More(); i++ {
		w := pos{what: "session", index: i}
		raw, err := readValue(dec, w)
		if err != nil {
			return err
		}
		var f fileSession
		if err := decodeRaw(raw, w, &f, true); err != nil {
			// One session that cannot be read is listed with the others, not alone.
			src.total++
			src.bad.addPlaced(w, err) // decodeRaw says where; w puts it in the file's order
		} else if err := addFileSession(src, &f, w, false); err != nil {
			return err
		}
		g.mark(dec.InputOffset())
	}
	if _, err := dec.Token(); err != nil {
		return notJSON("a list of sessions", err)
	}
	return nil
}

// addFileSession keeps a session of a Corepath file, or notes why it cannot be imported.
func addFileSession(src *source, f *fileSession, w pos, timer bool) error {
	var bad error
	switch {
	case validID(f.ID) != nil:
		bad = validID(f.ID)
	case f.Start.IsZero():
		bad = tracker.Errorf(tracker.Invalid, "the session has no start time")
	case !timer && f.End == nil:
		bad = tracker.Errorf(tracker.Invalid, "the session has no end; only the timer can be running")
	case f.End != nil && f.End.Before(f.Start):
		bad = tracker.Errorf(tracker.Invalid, "end %s is before start %s", f.End.Format(time.RFC3339), f.Start.Format(time.RFC3339))
	}
	if bad != nil {
		src.total++
		src.bad.add(w, bad)
		return nil
	}
	return src.add(record{at: w, s: f.session(), open: timer})
}

// decodeValue decodes the next JSON value into v, refusing one nested deeper than maxDepth
// before any of it is decoded, and with strict set, any field Corepath does not write (a
// field this build would drop is data lost).
func decodeValue(dec *json.Decoder, g *guard, w pos, v any, strict bool) error {
	raw, err := readValue(dec, w)
	if err != nil {
		return err
	}
	return decodeRaw(raw, w, v, strict)
}

// readValue reads the next JSON value whole; an error here leaves the stream unreadable.
func readValue(dec *json.Decoder, w pos) (json.RawMessage, error) {
	var raw json.RawMessage
	if err := dec.Decode(&raw); err != nil {
		return nil, at(w, notJSON("JSON", err))
	}
	if jsonDepth(raw, maxDepth) > maxDepth {
		return nil, at(w, tracker.Errorf(tracker.Invalid, "the value is nested more than %d levels deep; this is not a file Corepath wrote", maxDepth))
	}
	return raw, nil
}

// decodeRaw decodes a value read whole into v; an error here concerns that value alone.
func decodeRaw(raw json.RawMessage, w pos, v any, strict bool) error {
	inner := json.NewDecoder(bytes.NewReader(raw))
	if strict {
		inner.DisallowUnknownFields()
	}
	if err := inner.Decode(v); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return at(w, tracker.Errorf(tracker.Invalid, "%q holds a %s where a %s belongs", te.Field, te.Value, te.Type))
		}
		var pe *time.ParseError
		if errors.As(err, &pe) {
			if why := tracker.OutOfRange(pe.Value); why != "" {
				return at(w, tracker.Errorf(tracker.Invalid, "%q is not a time: %s", pe.Value, why))
			}
			return at(w, tracker.Errorf(tracker.Invalid, "%q is not a time like 2026-11-20T18:00:00Z", pe.Value))
		}
		if field, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
			if fields := jsonFields(v); len(fields) > 0 {
				return at(w, tracker.Errorf(tracker.Invalid, "%s is not a field that Corepath's export has here; its fields are %s",
					field, strings.Join(fields, ", ")))
			}
		}
		return at(w, tracker.Errorf(tracker.Invalid, "%v", err))
	}
	return nil
}

// jsonFields are the JSON names of the fields of the struct v points to.
func jsonFields(v any) []string {
	t := reflect.TypeOf(v)
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct {
		return nil
	}
	var names []string
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		if name != "-" && t.Field(i).IsExported() {
			names = append(names, cmp.Or(name, t.Field(i).Name))
		}
	}
	return names
}

// notJSON describes a JSON syntax error, or passes the guard's error through.
func notJSON(what string, err error) error {
	var te *tracker.Error
	var se *json.SyntaxError
	switch {
	case err == nil:
		return tracker.Errorf(tracker.Invalid, "the file is not %s: it has the wrong shape", what)
	case errors.As(err, &te):
		return te
	case errors.As(err, &se) && strings.Contains(se.Error(), "exceeded max depth"):
		return tracker.Errorf(tracker.Invalid, "the JSON is nested more than %d levels deep; this is not a file Corepath can import", maxDepth)
	case errors.As(err, &se):
		return tracker.Errorf(tracker.Invalid, "the file is not valid JSON near byte %d: %v", se.Offset, err)
	case errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF):
		return tracker.Errorf(tracker.Invalid, "the file ends before %s is complete; it may have been cut short", what)
	}
	return tracker.Errorf(tracker.Invalid, "the file is not %s: %v", what, err)
}

// planChanges works out how the file's plan items (upserted by id) would change the store's
// plan, checking each change against the plan as it would be at that point. Items are tried in
// rounds until all fit, so that a subtopic may come before its parent, or a milestone before
// the one it depends on.
func (im *Import) planChanges(cur, file *tracker.Plan) error {
	sim := &im.plan
	for _, e := range file.Exams {
		have, ok := cur.Exam(e.Code)
		switch {
		case !ok:
			im.Notes = append(im.Notes, fmt.Sprintf("exam %s is not in this store's built-in plan and was left out (exams cannot be added)", e.Code))
		case reflect.DeepEqual(*have, e):
		case e.Edited == "":
			// The file has the figures as reported where this store's differ: edited here, or
			// a version's newer reported ones. Those of the store are kept.
			im.Notes = append(im.Notes, fmt.Sprintf("exam %s has other figures in the file (as reported %s); this store's were kept", e.Code, e.Gathered))
		case have.Edited != "" && im.keep(fmt.Sprintf("exam %s's fee and weights (edited here on %s; the file's on %s)", e.Code, have.Edited, e.Edited)):
		default:
			// Figures the person changed (corepath rules --exam) travel with the export, as every
			// other record of the plan does.
			probe := *have
			if err := tracker.EditExam(&probe, &e.PriceUSD, e.Weights(), e.Edited); err != nil {
				im.Notes = append(im.Notes, fmt.Sprintf("exam %s's fee and weights, edited on %s, do not fit this store's blueprint (%v), so this store's were kept", e.Code, e.Edited, err))
				continue
			}
			if simulated, ok := sim.Exam(e.Code); ok {
				*simulated = probe
			}
			im.addOp(planOp{desc: fmt.Sprintf("exam %s: the fee and weights edited on %s (%s)", e.Code, e.Edited, tracker.Dollars(e.PriceUSD)),
				do: func(st tracker.Store) error {
					ex, ok := st.(interface{ PutExam(tracker.Exam) error })
					if !ok {
						return tracker.Errorf(tracker.Internal, "this store keeps no exams' figures")
					}
					return ex.PutExam(probe)
				}})
		}
	}

	// Parents first, so that a subtopic finds its parent in the first round.
	topics := slices.Clone(file.Topics)
	sort.SliceStable(topics, func(i, j int) bool { return topics[i].ParentID == "" && topics[j].ParentID != "" })
	err := addOrReplace(im, cur, topics, planRecords[tracker.Topic]{
		kind:     "topic",
		id:       func(t *tracker.Topic) string { return t.ID },
		name:     func(t *tracker.Topic) string { return t.Name },
		listed:   func(t *tracker.Topic) string { return t.Name },
		order:    func(t *tracker.Topic) *int { return &t.Order },
		find:     (*tracker.Plan).Topic,
		list:     func(p *tracker.Plan) *[]tracker.Topic { return &p.Topics },
		validate: tracker.ValidateTopic,
		put:      func(st tracker.Store, t tracker.Topic) error { _, err := st.PutTopic(t); return err },
	})
	if err != nil {
		return err
	}
	err = addOrReplace(im, cur, file.Milestones, planRecords[tracker.Milestone]{
		kind:     "milestone",
		id:       func(m *tracker.Milestone) string { return m.ID },
		name:     func(m *tracker.Milestone) string { return m.Title },
		listed:   func(m *tracker.Milestone) string { return m.Title },
		order:    func(m *tracker.Milestone) *int { return &m.Order },
		find:     (*tracker.Plan).Milestone,
		list:     func(p *tracker.Plan) *[]tracker.Milestone { return &p.Milestones },
		validate: tracker.ValidateMilestone,
		put:      func(st tracker.Store, m tracker.Milestone) error { _, err := st.PutMilestone(m); return err },
	})
	if err != nil {
		return err
	}
	err = addOrReplace(im, cur, file.Courses, planRecords[tracker.Course]{
		kind:     "course",
		id:       func(c *tracker.Course) string { return c.ID },
		name:     func(c *tracker.Course) string { return c.Code },
		listed:   func(c *tracker.Course) string { return c.Code + " " + c.Title },
		find:     (*tracker.Plan).Course,
		list:     func(p *tracker.Plan) *[]tracker.Course { return &p.Courses },
		validate: tracker.ValidateCourse,
		put:      func(st tracker.Store, c tracker.Course) error { _, err := st.PutCourse(c); return err },
	})
	if err != nil {
		return err
	}

	var zero tracker.Plan
	if pr := file.Program; !reflect.DeepEqual(pr, cur.Program) {
		err := im.addOrKeep("the degree program", !reflect.DeepEqual(cur.Program, zero.Program) && !im.asSeeded(func(seed *tracker.Plan) bool { return reflect.DeepEqual(cur.Program, seed.Program) }),
			func() error { return tracker.ValidateProgram(&pr) }, func() { sim.Program = pr },
			func(st tracker.Store) error { return st.PutProgram(pr) })
		if err != nil {
			return err
		}
	}
	if g := file.Goals; !reflect.DeepEqual(g, cur.Goals) {
		err := im.addOrKeep("the weekly goals", !reflect.DeepEqual(cur.Goals, zero.Goals) && !im.asSeeded(func(seed *tracker.Plan) bool { return reflect.DeepEqual(cur.Goals, seed.Goals) }),
			func() error { return tracker.ValidateGoals(&g) }, func() { sim.Goals = g },
			func(st tracker.Store) error { return st.PutGoals(g) })
		if err != nil {
			return err
		}
	}
	if s := file.Settings; !reflect.DeepEqual(s, cur.Settings) {
		err := im.addOrKeep("the study settings", !reflect.DeepEqual(cur.Settings, zero.Settings) && !im.asSeeded(func(seed *tracker.Plan) bool { return reflect.DeepEqual(cur.Settings, seed.Settings) }),
			func() error { return tracker.ValidateSettings(&s) }, func() { sim.Settings = s },
			func(st tracker.Store) error { return st.PutSettings(s) })
		if err != nil {
			return err
		}
	}
	sort.SliceStable(sim.Topics, func(i, j int) bool { return sim.Topics[i].Order < sim.Topics[j].Order })
	return im.certChanges(cur, file)
}

// foreignTopics finds the file's topics that are another store's: topics whose id this store
// gives a topic of another name or path, unless a session both have is on it in both (the same
// topic, renamed on one side) or this store's is as seeded (never edited here, so the file's
// replaces it). Ids are given in each store's own sequence, so another store's "t22" is
// anything here. Those topics, and their subtopics, are left out of the plan the file brings,
// and their sessions go by the topic's path, as a CSV's do: to the topic of that name here, or
// to a new one. It returns the plan to take the file's records from, and those topics' paths.
func (im *Import) foreignTopics(cur, file *tracker.Plan, records *blocks[record], present *presence) (*tracker.Plan, map[string]string) {
	shared := map[string]bool{} // topics a session both have is on, here and in the file
	for i := 0; i < records.len(); i++ {
		if s := &records.at(i).s; present.ids[s.ID] && present.edits[s.ID].print.topic == s.TopicID {
			shared[s.TopicID] = true
		}
	}
	foreign := map[string]string{}
	var renamed []string
	for _, t := range file.Topics {
		here, ok := cur.Topic(t.ID)
		if !ok {
			// An id new here whose path names a topic here (made by name from this store's
			// file on the other side, or made on both): the topic here, by name, not a second
			// topic of that name, which the import would refuse.
			if topicWithPath(cur, file.TopicPath(t.ID)) {
				foreign[t.ID] = file.TopicPath(t.ID)
			}
			continue
		}
		// The same name under the same parent is the same topic, though the parent was renamed.
		if tracker.TopicKey(here.Name) == tracker.TopicKey(t.Name) && here.ParentID == t.ParentID {
			continue
		}
		switch {
		case shared[t.ID]:
			renamed = append(renamed, fmt.Sprintf("%s is %q here and %q in the file", t.ID, cur.TopicPath(t.ID), file.TopicPath(t.ID)))
		case !im.asSeeded(func(seed *tracker.Plan) bool { s, ok := seed.Topic(t.ID); return ok && reflect.DeepEqual(*s, *here) }):
			foreign[t.ID] = file.TopicPath(t.ID)
		}
	}
	if len(renamed) > 0 {
		im.Notes = append(im.Notes, fmt.Sprintf("%s (%s), with sessions that both have on %s: taken for the same %s renamed on one side, so the file's sessions on %s count under %s whichever name %s (see Plan)",
			plural(len(renamed), "a topic has another name", "topics have other names"), firstFew(renamed), plural(len(renamed), "it", "them"),
			plural(len(renamed), "topic", "topics"), plural(len(renamed), "it", "them"), plural(len(renamed), "it", "them"), plural(len(renamed), "it keeps", "they keep")))
	}
	if len(foreign) == 0 {
		return file, nil
	}
	for _, t := range file.Topics { // a subtopic of another store's topic is that store's
		if _, ok := foreign[t.ParentID]; ok {
			foreign[t.ID] = file.TopicPath(t.ID)
		}
	}
	var said []string
	for _, id := range slices.Sorted(maps.Keys(foreign)) {
		if _, ok := cur.Topic(id); ok {
			said = append(said, fmt.Sprintf("%q, whose id %s is %q here", foreign[id], id, cur.TopicPath(id)))
		}
	}
	n := len(said)
	im.Notes = append(im.Notes, fmt.Sprintf("the file's %s (%s) %s another store's, as no session that both have is on %s: %s left out, and %s sessions go by name, as a CSV's do, to the topic of that name here or to a new one",
		plural(n, "topic", "topics"), firstFew(said), plural(n, "is taken for", "are taken for"), plural(n, "it", "them"), plural(n, "its record is", "their records are"), plural(n, "its", "their")))
	kept := *file
	kept.Topics = slices.DeleteFunc(slices.Clone(file.Topics), func(t tracker.Topic) bool { _, ok := foreign[t.ID]; return ok })
	return &kept, foreign
}

// topicWithPath reports whether a topic of the plan has that name or path ("BGP › Sub"),
// ignoring case.
func topicWithPath(p *tracker.Plan, path string) bool {
	want := tracker.TopicKey(path)
	return slices.ContainsFunc(p.Topics, func(t tracker.Topic) bool { return tracker.TopicKey(p.TopicPath(t.ID)) == want })
}

// planRecords is how planChanges reads one kind of plan record: topics, milestones or courses.
type planRecords[T any] struct {
	kind     string // as the list of changes names it: "topic"
	id, name func(*T) string
	listed   func(*T) string // the record in the list of changes
	order    func(*T) *int   // its place in the timeline, kept when the file says 0; nil if none
	find     func(*tracker.Plan, string) (*T, bool)
	list     func(*tracker.Plan) *[]T
	validate func(*T, *tracker.Plan) error
	put      func(tracker.Store, T) error
}

// addOrReplace adds the file's records of one kind to the import's plan, leaving out those
// that are already the same; one the store has otherwise is kept as the store has it, or with
// ReplacePlan replaced. Each one is checked against the plan as it is at that point, in rounds
// (see settle).
func addOrReplace[T any](im *Import, cur *tracker.Plan, file []T, r planRecords[T]) error {
	var changed []T
	for _, rec := range file {
		if old, ok := r.find(cur, r.id(&rec)); ok {
			if r.order != nil && *r.order(&rec) == 0 {
				*r.order(&rec) = *r.order(old)
			}
			if reflect.DeepEqual(*old, rec) {
				continue
			}
			if !im.asSeeded(func(seed *tracker.Plan) bool {
				s, ok := r.find(seed, r.id(&rec))
				return ok && reflect.DeepEqual(*s, *old)
			}) && im.keep(r.kind+" "+r.id(&rec)+" "+r.listed(old)) {
				continue
			}
		}
		changed = append(changed, rec)
	}
	sim := &im.plan
	return settle(changed, func(in *T) error {
		rec := *in
		id := r.id(&rec)
		if id == "" {
			return tracker.Errorf(tracker.Invalid, "%s %q has no id", r.kind, r.name(&rec))
		}
		if err := r.validate(&rec, sim); err != nil {
			return tracker.Errorf(tracker.ErrorCode(err), "%s %s (%s): %v", r.kind, id, r.name(&rec), err)
		}
		old, existed := r.find(sim, id)
		if existed {
			*old = rec
		} else {
			*r.list(sim) = append(*r.list(sim), rec)
		}
		im.addOp(planOp{desc: describeChange(r.kind, id, r.listed(&rec), existed),
			do: func(st tracker.Store) error { return r.put(st, rec) }})
		return nil
	})
}

// asSeeded reports whether the store's record is as the store was seeded with it (same tells),
// so never edited: the file's then replaces it without ReplacePlan.
func (im *Import) asSeeded(same func(seed *tracker.Plan) bool) bool {
	return im.opt.Seed != nil && same(im.opt.Seed)
}

// keep notes that the store's plan record, which the file has otherwise, stays as it is, and
// reports whether it does: without ReplacePlan an older export never undoes later edits.
func (im *Import) keep(record string) bool {
	if im.opt.ReplacePlan {
		return false
	}
	im.KeptPlan = append(im.KeptPlan, record)
	return true
}

// addOrKeep handles a plan record the store holds one of (the program, the goals, the
// settings), which the file has otherwise: it is added when the store has none yet (had is
// false), kept as it is, or with ReplacePlan replaced, once validate accepts it; apply changes
// the import's plan to it.
func (im *Import) addOrKeep(record string, had bool, validate func() error, apply func(), put func(tracker.Store) error) error {
	if had && im.keep(record) {
		return nil
	}
	if err := validate(); err != nil {
		return tracker.Errorf(tracker.ErrorCode(err), "%s: %v", record, err)
	}
	apply()
	im.addOp(planOp{desc: describeRecord(record, had), do: put})
	return nil
}

func (im *Import) addOp(op planOp) {
	im.ops = append(im.ops, op)
	im.PlanChanges = append(im.PlanChanges, op.desc)
}

func describeChange(kind, id, name string, existed bool) string {
	return describeRecord(kind+" "+id+" "+name, existed)
}

func describeRecord(record string, existed bool) string {
	if existed {
		return record + " (replaced)"
	}
	return record + " (added)"
}

// settle tries each item until every one has been accepted; try changes nothing when it refuses
// an item. When a round accepts none, the first refusal is the error. A file Corepath wrote
// settles in two or three rounds; the limit keeps a contrived one from taking minutes.
func settle[T any](items []T, try func(*T) error) error {
	const rounds = 8
	for round := 1; len(items) > 0; round++ {
		var left []T
		var first error
		for i := range items {
			if err := try(&items[i]); err != nil {
				if first == nil {
					first = err
				}
				left = append(left, items[i])
			}
		}
		if len(left) == len(items) || len(left) > 0 && round == rounds {
			return first
		}
		items = left
	}
	return nil
}
