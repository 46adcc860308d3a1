package exchange

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"corepath/tracker"
)

// span is where a record is in the file and when its session is, for a note that lists them.
type span struct {
	at         pos
	start, end time.Time
}

// lengthDiff is a record whose file gives a length other than its start to its end.
type lengthDiff struct {
	span
	file time.Duration
}

// fitting collects what an import changed so that a record fits Corepath, for the notes.
type fitting struct {
	retagged      []span                     // tags shortened, or past tracker.MaxTags, kept whole in the note
	long          []span                     // longer than tracker.MaxSession
	closed        []span                     // open intervals closed at ImportOptions.CloseOpenAt
	lengthDiffers []lengthDiff               // a Duration column that is not the start to the end
	overlapping   []span                     // over the time of sessions already here
	spelling      map[string]map[string]bool // of tags
	topicSpelling map[string]map[string]bool // of the names that became topics
	unknownRefs   map[string]int             // "milestone M09", "course CS101": sessions that named one the plan lacks
}

// dropUnknownRefs takes from s a milestone or course that the plan p does not have (or a course
// code that several of its courses have), and says
// which it took: "milestone M09", "course CS101". A course is named by its code, as Corepath's
// CSV writes it (or by its id, as older exports did), and taken when one course has that code.
func dropUnknownRefs(s *tracker.Session, p *tracker.Plan) []string {
	var dropped []string
	if _, ok := p.Milestone(s.MilestoneID); s.MilestoneID != "" && !ok {
		dropped, s.MilestoneID = append(dropped, "milestone "+s.MilestoneID), ""
	}
	if _, ok := p.Course(s.CourseID); s.CourseID != "" && !ok {
		switch found := p.CoursesCoded(s.CourseID); len(found) {
		case 1:
			s.CourseID = found[0].ID
		case 0:
			dropped, s.CourseID = append(dropped, "course "+s.CourseID), ""
		default:
			dropped, s.CourseID = append(dropped, fmt.Sprintf("course %s (the code of %d courses here: link the session to one)", s.CourseID, len(found))), ""
		}
	}
	return dropped
}

// countDropped counts the references dropUnknownRefs took from a session that is imported.
func (f *fitting) countDropped(refs []string) {
	for _, ref := range refs {
		if f.unknownRefs == nil {
			f.unknownRefs = map[string]int{}
		}
		f.unknownRefs[ref]++
	}
}

// Wording says what the summary of an import suggests doing, in the terms of the interface that
// shows it: the command line names commands and flags, the app its screens and fields. An empty
// suggestion is left out, for a choice the interface does not offer.
type Wording struct {
	// ShowDays is where to see the sessions of the days from to to (YYYY-MM-DD).
	ShowDays func(from, to string) string
	// ShowNamed is where to see the sessions of the topic or the tag (what) spelled name.
	ShowNamed func(what, name string) string
	// Edit is how to shorten a session; SplitLong how to import long entries cut into sessions.
	Edit, SplitLong string
	// Fixes say how to import left-out records, by Fix.
	Fixes map[Fix]string
	// ReplacePlan is how to take a Corepath file's plan records over the store's.
	ReplacePlan string
}

// fitTags keeps every tag of an imported record whole, and reports whether it had to. A tag
// Corepath cannot keep as typed (longer than tracker.MaxTagLen, or holding a comma, tab or line
// break), or one past tracker.MaxTags, is written in full in the note, and a shortened form
// stays as the tag.
func fitTags(s *tracker.Session) bool {
	var full, tags []string
	for _, t := range s.Tags {
		t = strings.TrimSpace(t)
		if t == "" {
			continue
		}
		short := shortTag(t)
		if short != t || len(tags) >= tracker.MaxTags {
			full = append(full, t)
		}
		if len(tags) < tracker.MaxTags {
			tags = append(tags, short)
		}
	}
	s.Tags = tags
	if len(full) == 0 {
		return false
	}
	lines := []string{strings.TrimSpace(s.Note)}
	if lines[0] == "" {
		lines = nil
	}
	for _, t := range full {
		lines = append(lines, "Tag in full: "+t)
	}
	s.Note = strings.Join(lines, "\n")
	return true
}

// spell records how an added session spells its tags, to tell which differ only in case.
func (f *fitting) spell(tags []string) {
	if f.spelling == nil {
		f.spelling = map[string]map[string]bool{}
	}
	for _, t := range tags {
		key := strings.ToLower(t)
		if f.spelling[key] == nil {
			f.spelling[key] = map[string]bool{}
		}
		f.spelling[key][t] = true
	}
}

// shortTag is t as a Corepath tag can hold it: commas, tabs and line breaks become spaces, and
// a tag over tracker.MaxTagLen bytes is cut at a character and ends with "…".
func shortTag(t string) string {
	t = strings.Join(strings.FieldsFunc(t, func(r rune) bool { return r == ',' || r == '\t' || r == '\n' || r == '\r' }), " ")
	t = strings.Join(strings.Fields(t), " ")
	if len(t) <= tracker.MaxTagLen {
		return t
	}
	cut := tracker.MaxTagLen - len("…")
	for cut > 0 && !utf8.RuneStart(t[cut]) {
		cut--
	}
	return strings.TrimSpace(t[:cut]) + "…"
}

// notes say what was changed to fit (or, before the import is done, what would be), each with
// where w says to see the sessions concerned.
func (f *fitting) notes(im *Import, w Wording, done bool) []string {
	loc := im.opt.loc()
	// passive says what the import did ("were merged"), or, before it is done, would do ("would
	// be merged"); were is the verb the done form has, "" for none ("and closed at").
	passive := func(were, participle string) string {
		switch {
		case !done:
			return "would be " + participle
		case were == "":
			return participle
		}
		return were + " " + participle
	}
	var out []string
	if n := len(f.long); n > 0 {
		what := fmt.Sprintf("%s %s, as %s counts %s; shorten %s with %s",
			plural(n, "it", "they"), passive(plural(n, "was", "were"), "imported whole"), counter(im.Format), plural(n, "it", "them"), plural(n, "it", "them"), w.Edit)
		if w.SplitLong != "" {
			what += fmt.Sprintf(", or %s to cut %s into sessions of at most %s", w.SplitLong, plural(n, "it", "them"), tracker.FormatDuration(tracker.MaxSession))
		}
		if im.opt.SplitLong {
			what = fmt.Sprintf("%s %s into sessions of at most %s each", plural(n, "it", "they"), passive(plural(n, "was", "were"), "split"),
				tracker.FormatDuration(tracker.MaxSession))
		}
		out = append(out, fmt.Sprintf("%s longer than %s (%s): %s; see %s with %s",
			tracker.CountOf(n, "entry is", "entries are"), tracker.FormatDuration(tracker.MaxSession),
			spanList(f.long, loc), what, plural(n, "it", "them"), showDays(f.long, loc, w)))
	}
	if n := len(f.closed); n > 0 {
		out = append(out, fmt.Sprintf("%s still open after more than a day, and %s at %s, the time given: %s; see %s with %s",
			tracker.CountOf(n, "interval was", "intervals were"), passive("", "closed"), im.opt.CloseOpenAt.In(loc).Format("2006-01-02 15:04"),
			spanList(f.closed, loc), plural(n, "it", "them"), showDays(f.closed, loc, w)))
	}
	if n := len(f.lengthDiffers); n > 0 {
		first := f.lengthDiffers[0]
		out = append(out, fmt.Sprintf("%s a Duration other than the time from start to end, which was counted, as the entry's times say (%s: %s in the file, %s from %s to %s%s)",
			tracker.CountOf(n, "entry gives", "entries give"), first.at, tracker.FormatDuration(first.file), tracker.FormatDuration(first.end.Sub(first.start)),
			first.start.In(loc).Format("2006-01-02 15:04"), first.end.In(loc).Format("15:04"), map[bool]string{true: ", and more", false: ""}[n > 1]))
	}
	if n := len(f.overlapping); n > 0 {
		out = append(out, fmt.Sprintf("%s over the time of sessions already here (%s): if %s the same study, %s time is counted twice; see %s with %s",
			tracker.CountOf(n, "session is", "sessions are"), spanList(f.overlapping, loc), plural(n, "it is", "they are"), plural(n, "its", "their"), plural(n, "it", "them"), showDays(f.overlapping, loc, w)))
	}
	if len(f.retagged) > 0 {
		out = append(out, fmt.Sprintf("%s tags a Corepath tag cannot hold whole (over %d characters, a comma or a line break, or more than %d tags) (%s): each keeps a shortened tag, and the full text in its note (\"Tag in full: …\"); see them with %s",
			tracker.CountOf(len(f.retagged), "entry has", "entries have"), tracker.MaxTagLen, tracker.MaxTags,
			positions(spanPositions(f.retagged)), showDays(f.retagged, loc, w)))
	}
	if len(f.unknownRefs) > 0 {
		var refs []string
		for _, ref := range slices.Sorted(maps.Keys(f.unknownRefs)) {
			refs = append(refs, fmt.Sprintf("%s (%s)", ref, tracker.CountOf(f.unknownRefs[ref], "session", "sessions")))
		}
		out = append(out, fmt.Sprintf("the file names milestones or courses this plan does not have (or cannot tell apart), so those sessions %s without them: %s",
			passive("were", "imported"), firstFew(refs)))
	}
	merges := []struct {
		what string
		list []string
	}{{"topic", caseMerges(f.topicSpelling)}, {"tag", caseMerges(f.spelling)}}
	for _, m := range merges {
		if len(m.list) == 0 {
			continue
		}
		first, _, _ := strings.Cut(m.list[0], " = ")
		out = append(out, fmt.Sprintf("names that differ only in case %s into one %s each, as Corepath counts them (%s keeps them apart): %s; see them with %s",
			passive("were", "merged"), m.what, counter(im.Format), strings.Join(m.list, "; "), w.ShowNamed(m.what, first)))
	}
	return out
}

// caseMerges lists the spellings of names that differ only in case: "hdi = HDI".
func caseMerges(spelling map[string]map[string]bool) []string {
	var out []string
	for _, set := range spelling {
		if len(set) < 2 {
			continue
		}
		out = append(out, strings.Join(slices.Sorted(maps.Keys(set)), " = "))
	}
	sort.Strings(out)
	return out
}

func spanPositions(spans []span) []pos {
	ps := make([]pos, len(spans))
	for i, s := range spans {
		ps[i] = s.at
	}
	return ps
}

// spanList lists the first few spans with their length and start: "line 4, 51h10m from
// 2026-03-02 08:00; line 9, …".
func spanList(spans []span, loc *time.Location) string {
	var out []string
	for i, s := range spans {
		if i == 5 {
			out = append(out, fmt.Sprintf("and %d more", len(spans)-i))
			break
		}
		out = append(out, fmt.Sprintf("%s, %s from %s", s.at, tracker.FormatDuration(s.end.Sub(s.start)), s.start.In(loc).Format("2006-01-02 15:04")))
	}
	return strings.Join(out, "; ")
}

// firstFew lists the first few items of a long list, and how many more there are.
func firstFew(items []string) string {
	const shown = 10
	if len(items) <= shown {
		return strings.Join(items, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(items[:shown], ", "), len(items)-shown)
}

// plural picks the form for n things.
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// showDays is where w says to see the sessions of the spans: those of the days they cover.
func showDays(spans []span, loc *time.Location, w Wording) string {
	lo, hi := spans[0].start, spans[0].end
	for _, s := range spans {
		if s.start.Before(lo) {
			lo = s.start
		}
		if s.end.After(hi) {
			hi = s.end
		}
	}
	return w.ShowDays(lo.In(loc).Format("2006-01-02"), hi.In(loc).Format("2006-01-02"))
}

// Summary is what a person reads about an import, before it (done false: "would add") and after
// it (done true): what it adds, in sessions and hours per topic; what was already there; what
// it leaves out and why; and the notes, each with where to see the sessions concerned, as w
// words it. Every record of the file is in one of those counts.
func (im *Import) Summary(done bool, w Wording) string {
	verb := map[bool]string{false: "Would add", true: "Added"}[done]
	var b strings.Builder
	fmt.Fprintf(&b, "%s file with %s.\n", article(Label(im.Format)), tracker.CountOf(im.Records, "record", "records"))
	var total time.Duration
	type group struct {
		name  string
		n     int
		total time.Duration
	}
	groups := map[string]*group{}
	made := map[string]bool{}
	for _, t := range im.NewTopics {
		made[t.ID] = true
	}
	for i := range im.Sessions {
		s := &im.Sessions[i]
		total += s.Duration
		g := groups[s.TopicID]
		if g == nil {
			g = &group{name: im.TopicPath(s.TopicID)}
			if made[s.TopicID] {
				g.name += " (new topic)"
			}
			groups[s.TopicID] = g
		}
		g.n++
		g.total += s.Duration
	}
	fmt.Fprintf(&b, "%s %s, %s", verb, tracker.CountOf(len(im.Sessions), "session", "sessions"), tracker.FormatDuration(total))
	if im.Split > 0 {
		fmt.Fprintf(&b, " (%s more than records: long entries split)", tracker.CountOf(im.Split, "session", "sessions"))
	}
	if len(groups) > 0 {
		b.WriteString(":")
	}
	b.WriteString("\n")
	list := make([]*group, 0, len(groups))
	for _, g := range groups {
		list = append(list, g)
	}
	sort.Slice(list, func(i, j int) bool {
		if list[i].total != list[j].total {
			return list[i].total > list[j].total
		}
		return list[i].name < list[j].name
	})
	for _, g := range list {
		fmt.Fprintf(&b, "  %s: %s, %s\n", g.name, tracker.CountOf(g.n, "session", "sessions"), tracker.FormatDuration(g.total))
	}
	if im.Timer != nil {
		fmt.Fprintf(&b, "%s the running timer for %s, running since %s.\n", map[bool]string{false: "Would start", true: "Started"}[done],
			im.TopicPath(im.Timer.TopicID), im.Timer.Start.In(im.opt.loc()).Format("2006-01-02 15:04"))
	}
	if e := im.EndTimer; e != nil {
		loc := im.opt.loc()
		fmt.Fprintf(&b, "%s the running timer for %s at %s, where the file has it stopped: it is the session of %s from %s in the file, which replaces the timer here.\n",
			map[bool]string{false: "Would end", true: "Ended"}[done], im.TopicPath(e.TopicID), e.End().In(loc).Format("2006-01-02 15:04"),
			tracker.FormatDuration(e.Duration), e.Start.In(loc).Format("15:04"))
	}
	if n := len(im.Updates); n > 0 {
		fmt.Fprintf(&b, "%s %s that this store has, as the file has %s, edited there later.\n",
			map[bool]string{false: "Would update", true: "Updated"}[done], tracker.CountOf(n, "session", "sessions"), plural(n, "it", "them"))
	}
	keep := map[bool]string{false: "Would keep", true: "Kept"}[done]
	if n := len(im.KeptSessions); n > 0 {
		fmt.Fprintf(&b, "%s %s as %s here, changed here after the file's copy, which %s: %s.\n",
			keep, tracker.CountOf(n, "session", "sessions"), plural(n, "it is", "they are"), plural(n, "differs", "differ"), firstFew(im.KeptSessions))
	}
	if n := len(im.KeptUndated); n > 0 {
		fmt.Fprintf(&b, "%s %s as %s here; the file's %s, and it does not say when %s changed, so edit %s here to take the file's: %s.\n",
			keep, tracker.CountOf(n, "session", "sessions"), plural(n, "it is", "they are"), plural(n, "differs", "differ"),
			plural(n, "it was", "they were"), plural(n, "it", "them"), firstFew(im.KeptUndated))
	}
	if n := len(im.KeptFuture); n > 0 {
		fmt.Fprintf(&b, "%s %s as %s here: the file's %s, edited there at a time still to come, so that machine's clock is ahead; "+
			"set it right and export again, or edit %s here: %s.\n",
			keep, tracker.CountOf(n, "session", "sessions"), plural(n, "it is", "they are"), plural(n, "differs", "differ"),
			plural(n, "it", "them"), firstFew(im.KeptFuture))
	}
	if n := len(im.KeptStopped); n > 0 {
		fmt.Fprintf(&b, "%s %s as %s here: an earlier import took %s while %s still open, and %s ended here: %s.\n",
			keep, tracker.CountOf(n, "session", "sessions"), plural(n, "it is", "they are"), plural(n, "the interval", "the intervals"), plural(n, "it was", "they were"), plural(n, "it was", "they were"), firstFew(im.KeptStopped))
	}
	fmt.Fprintf(&b, "Already present: %s (the same records, imported before)", tracker.CountOf(im.Skipped, "record", "records"))
	if im.Legacy > 0 {
		fmt.Fprintf(&b, "; %d of them found by start, length, tags and note in sessions saved before Corepath kept where imports come from", im.Legacy)
	}
	b.WriteString(".\n")
	left := 0
	for _, l := range im.LeftOut {
		left += l.Count
	}
	if left > 0 {
		fmt.Fprintf(&b, "Left out: %s:\n", tracker.CountOf(left, "record", "records"))
		for _, l := range im.LeftOut {
			fmt.Fprintf(&b, "  %d %s (%s)", l.Count, l.Reason, l.Where)
			if fix := w.Fixes[l.Fix]; fix != "" {
				b.WriteString(": " + fix)
			}
			b.WriteString("\n")
		}
	}
	for _, c := range im.PlanChanges {
		fmt.Fprintf(&b, "Plan: %s\n", c)
	}
	if n := len(im.KeptPlan); n > 0 {
		fmt.Fprintf(&b, "Plan: %s %s as %s here; the file's %s: %s",
			map[bool]string{false: "would keep", true: "kept"}[done], tracker.CountOf(n, "plan record", "plan records"),
			plural(n, "it is", "they are"), plural(n, "differs", "differ"), firstFew(im.KeptPlan))
		if w.ReplacePlan != "" {
			b.WriteString("; " + w.ReplacePlan)
		}
		b.WriteString("\n")
	}
	for _, n := range im.Notes {
		fmt.Fprintf(&b, "Note: %s\n", n)
	}
	if im.fit != nil {
		for _, n := range im.fit.notes(im, w, done) {
			fmt.Fprintf(&b, "Note: %s\n", n)
		}
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// counter names what counts a file's records, as a sentence's subject: "Toggl Track", "the
// spreadsheet".
func counter(f Format) string {
	if f == Spreadsheet {
		return "the spreadsheet"
	}
	return Label(f)
}

func article(s string) string {
	if strings.ContainsRune("AEIOU", rune(s[0])) {
		return "An " + s
	}
	return "A " + s
}
