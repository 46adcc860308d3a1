package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"corepath/resources"
	"corepath/storage"
	"corepath/tracker"
)

// The data set: sessions spread evenly over ten years (fifty for more than fit in ten), on the
// plan's first 60 topics, with one to three tags each and a note on every third, the same from
// one run to the next.
const topicsMax = 60

// span is how many years n sessions spread over and how long they last at most: 15 to 50
// minutes over ten years while they fit without overlapping (Timewarrior never stores
// overlapping intervals, and 100,000 sessions in ten years start 52 minutes apart); beyond
// that, fifty years (sessions may not start before 1970) and sessions as long as fit.
func span(n int) (years, maxMinutes int) {
	const day = 24 * time.Hour
	for _, years := range []int{10, 50} {
		step := time.Duration(years) * 365 * day / time.Duration(n)
		if m := int(step/time.Minute) - 1; m >= 16 {
			return years, min(m, 50)
		}
	}
	return 50, 0
}

var benchTags = []string{"lab", "theory", "review", "mock", "flashcards", "video", "book", "rfc", "xr", "xe",
	"ine", "cbt", "notes", "config", "troubleshoot", "design", "python", "ansible", "nso", "weekend"}

// session is one generated study session as both programs store it.
type session struct {
	start    time.Time // UTC, whole seconds
	duration time.Duration
	topic    string // the topic's id
	path     string // the topic as Corepath names it in reports, and Timewarrior's tag for it
	kind     tracker.Kind
	tags     []string
	note     string
}

// generate makes n sessions that end before end, none overlapping another (span).
func generate(p *tracker.Plan, n int, end time.Time) ([]session, error) {
	rng := rand.New(rand.NewPCG(1, 2))
	var topics []tracker.Topic
	for _, t := range p.Topics {
		if len(topics) < topicsMax {
			topics = append(topics, t)
		}
	}
	years, maxMinutes := span(n)
	from := end.AddDate(-years, 0, 0)
	step := end.Sub(from) / time.Duration(n)
	if maxMinutes == 0 || step < time.Duration(maxMinutes+1)*time.Minute {
		return nil, fmt.Errorf("%d sessions do not fit in %d years without overlapping", n, years)
	}
	out := make([]session, n)
	for i := range out {
		t := topics[rng.IntN(len(topics))]
		s := session{
			start:    from.Add(time.Duration(i) * step).UTC().Truncate(time.Second),
			duration: time.Duration(15+rng.IntN(maxMinutes-15+1)) * time.Minute,
			topic:    t.ID,
			path:     p.TopicPath(t.ID),
			kind:     tracker.Kinds[rng.IntN(len(tracker.Kinds))],
		}
		var tags []string
		for k := 0; k <= rng.IntN(3); k++ {
			tags = append(tags, benchTags[rng.IntN(len(benchTags))])
		}
		// Corepath drops a repeated tag; Timewarrior keeps a set. Both then hold the same tags.
		s.tags = tracker.NormalizeTags(tags)
		if i%3 == 0 {
			s.note = fmt.Sprintf("Session %d: worked through the lab guide and wrote up what broke.", i)
		}
		out[i] = s
	}
	return out, checkNames(topics, p)
}

// checkNames makes sure no topic is spelled like a tag: in Timewarrior both are tags, and the
// per-tag totals could not be told apart.
func checkNames(topics []tracker.Topic, p *tracker.Plan) error {
	tags := map[string]bool{}
	for _, t := range benchTags {
		tags[t] = true
	}
	for _, t := range topics {
		if path := p.TopicPath(t.ID); tags[path] {
			return fmt.Errorf("the topic %q has the name of a tag", path)
		}
	}
	return nil
}

// writeCorepath stores the sessions in a new Corepath store in dir, in one transaction.
func writeCorepath(dir string, sessions []session, now time.Time) error {
	db, err := storage.Open(dir, storage.Options{Seed: resources.DefaultPlan, Now: func() time.Time { return now }})
	if err != nil {
		return err
	}
	in := make([]tracker.Session, len(sessions))
	for i, s := range sessions {
		in[i] = tracker.Session{Start: s.start, Duration: s.duration, TopicID: s.topic, Kind: s.kind, Tags: s.tags, Note: s.note}
	}
	// In chunks, so that a million sessions do not make one transaction of gigabytes.
	for len(in) > 0 {
		chunk := in[:min(len(in), 100_000)]
		if _, err := db.AddSessions(chunk); err != nil {
			return err
		}
		in = in[len(chunk):]
	}
	return nil
}

// writeTimewarrior writes a Timewarrior database in dir as timew 1.4 itself would: an empty
// timewarrior.cfg, data/YYYY-MM.data files by the month (local time) each interval starts in,
// and data/tags.data with each tag's count (timew rebuilds it, noisily, when it is missing).
func writeTimewarrior(dir string, sessions []session) error {
	data := filepath.Join(dir, "data")
	if err := os.MkdirAll(data, 0o700); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "timewarrior.cfg"), nil, 0o600); err != nil {
		return err
	}
	counts := map[string]int{}
	var (
		month string
		f     *os.File
		w     *bufio.Writer
	)
	closeMonth := func() error {
		if f == nil {
			return nil
		}
		if err := w.Flush(); err != nil {
			return err
		}
		return f.Close()
	}
	for i := range sessions {
		s := &sessions[i]
		if m := s.start.Local().Format("2006-01"); m != month {
			if err := closeMonth(); err != nil {
				return err
			}
			var err error
			if f, err = os.Create(filepath.Join(data, m+".data")); err != nil {
				return err
			}
			w, month = bufio.NewWriter(f), m
		}
		w.WriteString(timewLine(s))
		w.WriteByte('\n')
		for _, t := range timewTags(s) {
			counts[t]++
		}
	}
	if err := closeMonth(); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(data, "tags.data"), tagsJSON(counts), 0o600)
}

// timewTags are the session's tags in Timewarrior: the topic is one more tag. Timewarrior keeps
// an interval's tags as a sorted set and writes them in that order.
func timewTags(s *session) []string {
	tags := append([]string{s.path}, s.tags...)
	sort.Strings(tags)
	return tags
}

// timewLine is the session as a line of a Timewarrior data file:
//
//	inc 20261120T180000Z - 20261120T184500Z # BGP lab "a tag with spaces" # "the note"
func timewLine(s *session) string {
	var b strings.Builder
	b.WriteString("inc ")
	b.WriteString(s.start.Format("20060102T150405Z"))
	b.WriteString(" - ")
	b.WriteString(s.start.Add(s.duration).Format("20060102T150405Z"))
	b.WriteString(" #")
	for _, t := range timewTags(s) {
		b.WriteByte(' ')
		b.WriteString(timewQuote(t))
	}
	if s.note != "" {
		b.WriteString(` # "`)
		b.WriteString(strings.ReplaceAll(s.note, `"`, `\"`))
		b.WriteByte('"')
	}
	return b.String()
}

// timewQuote quotes a tag as timew 1.4's quoteIfNeeded does: when it holds a double quote, a
// space or one of -+/()<^!=~_% (which its command line would read as an operator).
func timewQuote(tag string) string {
	if !strings.ContainsAny(tag, "\" -+/()<^!=~_%") {
		return tag
	}
	return `"` + strings.ReplaceAll(tag, `"`, `\"`) + `"`
}

// tagsJSON is tags.data: {"tag":{"count":N},...}.
func tagsJSON(counts map[string]int) []byte {
	names := make([]string, 0, len(counts))
	for t := range counts {
		names = append(names, t)
	}
	sort.Strings(names)
	var b bytes.Buffer
	b.WriteString("{\n")
	for i, t := range names {
		key, _ := json.Marshal(t)
		fmt.Fprintf(&b, "  %s:{\"count\":%d}", key, counts[t])
		if i < len(names)-1 {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
	}
	b.WriteString("}")
	return b.Bytes()
}
