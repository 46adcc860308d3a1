package exchange

import (
	"fmt"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // Europe/Berlin, for the entries across a change of clocks

	"corepath/tracker"
)

// realFile is a file of testdata/real, shaped like what the other app writes (its headers,
// quoting, date and time formats), with the totals that app itself shows, worked out apart
// from the importer: for Timewarrior what `timew summary` sums per tag (untagged as ""), for
// Toggl and Clockify the sum of the duration column per project. Entries under a minute, which
// Corepath leaves out, are not in the totals.
type realFile struct {
	path    string
	zone    string // of the account, for the local times of Toggl and Clockify
	byTag   bool   // totals per tag (Timewarrior), else per project
	minutes map[string]int
	records int // in the file, a totals row included
	added   int
	leftOut int
	says    []string // in the summary
}

var realFiles = []realFile{
	{path: "timew-export.json", byTag: true, records: 13, added: 12, leftOut: 1,
		minutes: map[string]int{"": 40, "BGP": 90, "HDI": 55, "IS-IS": 80, "Segment Routing: TI-LFA, microloops and SRLG/node protection": 60,
			"deep dive": 105, "hdi": 40, "lab": 3425, "mpls": 60, "ospf": 120, "reading RFC 4271: path attributes, MED/local-pref (part 1)": 90,
			"Études: routage, commutation & QoS — notes de cours": 60, "日本語": 185},
		says: []string{"A Timewarrior file with 13 records.", "Would add 12 sessions, 63h50m:",
			`the lines before the JSON are a message from timew, not intervals, and were skipped: "Notice: the tags.data file was missing and has been created."`,
			"1 shorter than a minute, Corepath's shortest session (interval @4 at line 12)",
			"1 entry is longer than 24h (interval @8 at line 8, 51h10m from 2026-10-12 20:00): it would be imported whole, as Timewarrior counts it",
			"see it with the sessions from 2026-10-12 to 2026-10-14",
			"3 entries have tags a Corepath tag cannot hold whole (over 40 characters, a comma or a line break, or more than 20 tags)", "(interval @13 at line 3, interval @7 at line 9, interval @3 at line 13)",
			"HDI = hdi", "see them with the sessions of the topic HDI"}},
	{path: "timew", byTag: true, records: 13, added: 12, leftOut: 1, says: []string{"1 shorter than a minute, Corepath's shortest session (2026-11.data line 1)"}},
	{path: "timew-stale", byTag: true, records: 4, added: 3, leftOut: 1,
		minutes: map[string]int{"work": 90 + 45 + 120, "meeting": 45},
		says: []string{"1 still open after more than a day (a forgotten timer?), so not taken for the running timer (2021-03.data line 2, open since 2021-03-03 07:18)",
			"open since 2021-03-03 07:18): a close"}},
	{path: "toggl-en-2019.csv", records: 10, added: 9, leftOut: 1,
		minutes: map[string]int{"BGP": 360, "OSPF": 45, "Homelab": 195, "Without project": 25},
		says:    []string{"A Toggl Track file with 10 records.", "Would add 9 sessions, 10h25m:\n  BGP: 6 sessions, 6h\n  Homelab (new topic): 1 session, 3h15m\n", "1 shorter than a minute, Corepath's shortest session (line 10)"}},
	{path: "toggl-en-2024.csv", records: 4, added: 4, minutes: map[string]int{"MPLS": 135, "Segment Routing": 150}},
	{path: "toggl-de.csv", zone: "Europe/Berlin", records: 4, added: 4, minutes: map[string]int{"BGP": 150, "Multicast": 225}},
	{path: "toggl-fr.csv", records: 3, added: 3, minutes: map[string]int{"IS-IS": 70, "Révisions": 75}},
	{path: "toggl-es.csv", records: 2, added: 2, minutes: map[string]int{"QoS": 130}},
	{path: "toggl-pt.csv", records: 2, added: 2, minutes: map[string]int{"EVPN": 145}},
	{path: "toggl-ja.csv", records: 2, added: 2, minutes: map[string]int{"BGP": 90, "ネットワーク基礎": 40}},
	{path: "clockify-team.csv", records: 8, added: 7, leftOut: 1,
		minutes: map[string]int{"NOC handover": 45, "Lab rebuild": 6240, "OSPF": 65},
		says: []string{"A Clockify file with 8 records.", "Lab rebuild (new topic): 3 sessions, 104h\n", "NOC handover (new topic): 3 sessions, 45m\n", "1 a totals row (no start date), not an entry (line 9)",
			"1 entry is longer than 24h (line 7, 97h from 2026-10-09 17:00): it would be imported whole, as Clockify counts it",
			"shorten it with an edit, or a split to cut it into sessions of at most 24h; see it with the sessions from 2026-10-09 to 2026-10-13"}},
	{path: "clockify-de.csv", zone: "Europe/Berlin", records: 3, added: 2, leftOut: 1, minutes: map[string]int{"MPLS": 135},
		says: []string{"1 a totals row (no start date), not an entry (line 5)"}},
	{path: "clockify-decimal.csv", records: 2, added: 2, minutes: map[string]int{"BFD": 105}},
}

func (f *realFile) options(t *testing.T) ImportOptions {
	opt := importOpts()
	if f.zone != "" {
		loc, err := time.LoadLocation(f.zone)
		if err != nil {
			t.Fatal(err)
		}
		opt.Loc = loc
	}
	return opt
}

// fullTags are a session's tags with the text of any that the import shortened, which its
// note keeps on "Tag in full:" lines.
func fullTags(s *tracker.Session) []string {
	var full []string
	for _, line := range strings.Split(s.Note, "\n") {
		if t, ok := strings.CutPrefix(line, "Tag in full: "); ok {
			full = append(full, t)
		}
	}
	out := append([]string(nil), full...)
	for _, tag := range s.Tags {
		shortened := false
		for _, f := range full {
			plain := strings.Join(strings.Fields(strings.ReplaceAll(f, ",", " ")), " ")
			if strings.HasPrefix(plain, strings.TrimSuffix(tag, "…")) {
				shortened = true
			}
		}
		if !shortened {
			out = append(out, tag)
		}
	}
	return out
}

// storeMinutes sums the store's sessions per tag (each session counts for each of its tags,
// "" when it has none) or per topic name.
func storeMinutes(t *testing.T, st tracker.Store, byTag bool) map[string]int {
	p, _ := st.Plan()
	secs := map[string]time.Duration{}
	for _, s := range allSessions(t, st) {
		if !byTag {
			topic, _ := p.Topic(s.TopicID)
			secs[topic.Name] += s.Duration
			continue
		}
		tags := fullTags(&s)
		if len(tags) == 0 {
			tags = []string{""}
		}
		for _, tag := range tags {
			secs[tag] += s.Duration
		}
	}
	out := map[string]int{}
	for k, v := range secs {
		if v%time.Minute != 0 {
			t.Errorf("%q: %v is not whole minutes", k, v)
		}
		out[k] = int(v / time.Minute)
	}
	return out
}

func TestRealFilesImportCompletelyFaithfullyAndOnce(t *testing.T) {
	for _, f := range realFiles {
		t.Run(f.path, func(t *testing.T) {
			path := filepath.Join("testdata", "real", f.path)
			st := openStore(t)
			opt := f.options(t)
			im, err := PrepareFile(path, st, opt)
			if err != nil {
				t.Fatal(err)
			}
			left := 0
			for _, l := range im.LeftOut {
				left += l.Count
			}
			timer := 0
			if im.Timer != nil {
				timer = 1
			}
			if im.Records != f.records || len(im.Sessions) != f.added || left != f.leftOut || im.Skipped != 0 {
				t.Errorf("%d records: %d to add, %d left out, %d present; want %d: %d, %d, 0", im.Records, len(im.Sessions), left, im.Skipped, f.records, f.added, f.leftOut)
			}
			if accounted := len(im.Sessions) - im.Split + im.Skipped + left + timer; accounted != im.Records {
				t.Errorf("%d records, %d accounted for in the summary", im.Records, accounted)
			}
			summary := im.Summary(false, testWording)
			for _, want := range f.says {
				if !strings.Contains(summary, want) {
					t.Errorf("the summary lacks %q:\n%s", want, summary)
				}
			}
			if _, err := im.Apply(st); err != nil {
				t.Fatal(err)
			}
			want := f.minutes
			if want == nil { // the same database as another file
				for _, g := range realFiles {
					if g.byTag == f.byTag && g.minutes != nil && g.records == f.records {
						want = g.minutes
					}
				}
			}
			if got := storeMinutes(t, st, f.byTag); !reflect.DeepEqual(got, want) {
				t.Errorf("minutes per group:\n got %v\nwant %v", got, want)
			}
			again, err := PrepareFile(path, st, opt)
			if err != nil {
				t.Fatal(err)
			}
			if len(again.Sessions) != 0 || len(again.NewTopics) != 0 || again.Skipped != f.added {
				t.Errorf("a second import would add %d sessions and %d topics, with %d present:\n%s", len(again.Sessions), len(again.NewTopics), again.Skipped, again.Summary(false, testWording))
			}
			// Its notes speak of nothing it adds.
			for _, n := range strings.Split(again.Summary(false, testWording), "\n") {
				if strings.HasPrefix(n, "Note: ") && (strings.Contains(n, "longer than") || strings.Contains(n, "merged") || strings.Contains(n, "cannot hold whole")) {
					t.Errorf("a second import notes %q", n)
				}
			}
		})
	}
}

// sessionFacts is what a session says, without its id and times of writing.
func sessionFacts(t *testing.T, st tracker.Store) []string {
	p, _ := st.Plan()
	var out []string
	for _, s := range allSessions(t, st) {
		out = append(out, fmt.Sprintf("%s %v %s %q %q %s", s.Start.Format(time.RFC3339), s.Duration, p.TopicPath(s.TopicID), s.Tags, s.Note, s.Source))
	}
	sort.Strings(out)
	return out
}

func TestTheExportAndTheDataFolderOfOneDatabaseGiveTheSameStore(t *testing.T) {
	fromJSON, fromFolder := openStore(t), openStore(t)
	export, folder := filepath.Join("testdata", "real", "timew-export.json"), filepath.Join("testdata", "real", "timew")
	for _, c := range []struct {
		st   tracker.Store
		path string
	}{{fromJSON, export}, {fromFolder, folder}} {
		im, err := PrepareFile(c.path, c.st, importOpts())
		if err != nil {
			t.Fatal(err)
		}
		if _, err := im.Apply(c.st); err != nil {
			t.Fatal(err)
		}
	}
	a, b := sessionFacts(t, fromJSON), sessionFacts(t, fromFolder)
	if !reflect.DeepEqual(a, b) {
		t.Errorf("the stores differ:\n%s\n---\n%s", strings.Join(a, "\n"), strings.Join(b, "\n"))
	}
	// Each store already holds what the other file says.
	for _, c := range []struct {
		st   tracker.Store
		path string
	}{{fromJSON, folder}, {fromFolder, export}} {
		im, err := PrepareFile(c.path, c.st, importOpts())
		if err != nil || len(im.Sessions) != 0 || im.Skipped != 12 {
			t.Errorf("%s after the other: %v\n%s", c.path, err, im.Summary(false, testWording))
		}
	}
}

// The topic of a record depends on its own tags and the plan before the import, never on the
// topics earlier records of the file created: the interval tagged "deep dive", "lab" and
// "日本語" goes to "deep dive" whether or not an earlier interval created "lab".
func TestTheTopicOfARecordDoesNotDependOnEarlierRecords(t *testing.T) {
	deep := `{"start":"20261006T180000Z","end":"20261006T194500Z","tags":["deep dive","lab","日本語"]}`
	lab := `{"start":"20261007T180000Z","end":"20261007T185000Z","tags":["lab"]}`
	for _, file := range []string{"[" + lab + "," + deep + "]", "[" + deep + "," + lab + "]"} {
		st := openStore(t)
		if _, err := importString(t, st, file, importOpts()); err != nil {
			t.Fatal(err)
		}
		p, _ := st.Plan()
		for _, s := range allSessions(t, st) {
			want := "lab"
			if s.HasTag("deep dive") {
				want = "deep dive"
			}
			if got := p.TopicPath(s.TopicID); got != want {
				t.Errorf("%s: the session tagged %q is on %q, want %q", file, s.Tags, got, want)
			}
		}
		again, err := Prepare(strings.NewReader(file), st, importOpts())
		if err != nil || len(again.Sessions) != 0 || again.Skipped != 2 {
			t.Errorf("second import: %v\n%s", err, again.Summary(false, testWording))
		}
	}
}

func TestAStaleOpenIntervalIsClosedWhenAsked(t *testing.T) {
	st := openStore(t)
	opt := importOpts()
	opt.CloseOpenAt = time.Date(2021, 3, 3, 17, 0, 0, 0, time.UTC)
	im, err := PrepareFile(filepath.Join("testdata", "real", "timew-stale"), st, opt)
	if err != nil {
		t.Fatal(err)
	}
	if len(im.Sessions) != 4 || len(im.LeftOut) != 0 || im.Timer != nil {
		t.Fatalf("%s", im.Summary(false, testWording))
	}
	if last := im.Sessions[3]; last.Duration != 9*time.Hour+42*time.Minute {
		t.Errorf("closed after %v", last.Duration)
	}
	if s := im.Summary(false, testWording); !strings.Contains(s, "1 interval was still open after more than a day, and would be closed at 2021-03-03 17:00, the time given: 2021-03.data line 2, 9h42m from 2021-03-03 07:18") {
		t.Errorf("summary:\n%s", s)
	}
	if _, err := im.Apply(st); err != nil {
		t.Fatal(err)
	}
	// Read again, with or without the option, the file adds nothing.
	for _, close := range []time.Time{opt.CloseOpenAt, {}} {
		o := importOpts()
		o.CloseOpenAt = close
		again, err := PrepareFile(filepath.Join("testdata", "real", "timew-stale"), st, o)
		if err != nil || len(again.Sessions) != 0 || again.Timer != nil || len(again.LeftOut) != 0 || again.Skipped != 4 {
			t.Errorf("again (close at %v): %v\n%s", close, err, again.Summary(false, testWording))
		}
	}
	opt.CloseOpenAt = time.Date(2021, 3, 3, 7, 0, 0, 0, time.UTC)
	_, err = PrepareFile(filepath.Join("testdata", "real", "timew-stale"), openStore(t), opt)
	wantError(t, err, "2021-03.data line 2: the interval, open since 2021-03-03 07:18, would close before it started")
}

func TestLongEntriesAreSplitWhenAsked(t *testing.T) {
	st := openStore(t)
	opt := importOpts()
	opt.SplitLong = true
	path := filepath.Join("testdata", "real", "clockify-team.csv")
	im, err := PrepareFile(path, st, opt)
	if err != nil {
		t.Fatal(err)
	}
	// 97 hours in five sessions of 19h24m.
	if len(im.Sessions) != 11 || im.Split != 4 {
		t.Fatalf("%d sessions, %d from splits:\n%s", len(im.Sessions), im.Split, im.Summary(false, testWording))
	}
	if s := im.Summary(false, testWording); !strings.Contains(s, "it would be split into sessions of at most 24h each") || !strings.Contains(s, "(4 sessions more than records: long entries split)") {
		t.Errorf("summary:\n%s", s)
	}
	if _, err := im.Apply(st); err != nil {
		t.Fatal(err)
	}
	if got := storeMinutes(t, st, false); got["Lab rebuild"] != 6240 {
		t.Errorf("minutes %v", got)
	}
	for _, split := range []bool{true, false} {
		o := importOpts()
		o.SplitLong = split
		again, err := PrepareFile(path, st, o)
		if err != nil || len(again.Sessions) != 0 || again.Skipped != 7 {
			t.Errorf("again (split %v): %v\n%s", split, err, again.Summary(false, testWording))
		}
	}
}

// A file with many bad records lists them all in one pass, each with its line, and the count
// of those past the list.
func TestEveryProblemIsReportedInOnePass(t *testing.T) {
	var b strings.Builder
	b.WriteString(togglHeader)
	for i := 1; i <= maxProblems+7; i++ {
		fmt.Fprintf(&b, "Ada,a@x,,BGP,,,No,2026-11-%02d,18:00:00,2026-11-%02d,17:00:00,01:00:00,,\n", i%28+1, i%28+1)
		b.WriteString("Ada,a@x,,BGP,,fine,No,2026-10-01,18:00:00,2026-10-01,19:00:00,01:00:00,,\n")
	}
	_, err := Prepare(strings.NewReader(b.String()), openStore(t), importOpts())
	wantError(t, err, fmt.Sprintf("%d records cannot be imported:", maxProblems+7), "\n  line 2: end 2026-11-02 17:00 is before start 18:00",
		"\n  line 4: end 2026-11-03 17:00", "\n  and 7 more")
	if n := strings.Count(err.Error(), "is before start"); n != maxProblems {
		t.Errorf("%d problems listed", n)
	}
	_, err = Prepare(strings.NewReader("inc 20261120T180000Z - 20261120T170000Z # a\ninc x\ninc 20261121T180000Z - 20261121T190000Z # ok\ninc 20261122T180000Z - 20261122T170000Z\n"), openStore(t), importOpts())
	wantError(t, err, "3 records cannot be imported:", "line 1: end 2026-11-20 17:00 UTC is before start 18:00", "line 2: the interval has no start time", "line 4:")
	// In `timew export`, each interval is named with the line it starts on.
	export := "Notice: a message from timew.\n[\n{\"start\":\"20261120T180000Z\",\n \"end\":\"20261120T170000Z\"},\n{\"start\":5},\n{\"start\":\"20261121T180000Z\"}\n]\n"
	_, err = Prepare(strings.NewReader(export), openStore(t), importOpts())
	wantError(t, err, "2 records cannot be imported:", "\n  interval 1 at line 3: end 2026-11-20 17:00 UTC is before start 18:00",
		"\n  interval 2 at line 5: \"start\" holds a number where a string belongs")
}

// Tags a Corepath tag cannot hold are kept whole in the note, and never make a file refused.
func TestEveryTagIsKeptWhole(t *testing.T) {
	tags := []string{`"HDI"`, `"hdi"`}
	for i := 1; i <= tracker.MaxTags+2; i++ {
		tags = append(tags, fmt.Sprintf(`"t%02d"`, i))
	}
	tags = append(tags, `"two\nlines"`)
	file := `[{"start":"20261120T180000Z","end":"20261120T190000Z","tags":[` + strings.Join(tags, ",") + `],"annotation":"lab night"}]`
	st := openStore(t)
	im, err := Prepare(strings.NewReader(file), st, importOpts())
	if err != nil {
		t.Fatal(err)
	}
	s := im.Sessions[0]
	// The first 20 tags, less "hdi", which differs from "HDI" only in case.
	if len(s.Tags) != tracker.MaxTags-1 || s.Tags[0] != "HDI" || s.Tags[1] != "t01" || s.Tags[len(s.Tags)-1] != "t18" {
		t.Errorf("tags %q", s.Tags)
	}
	wantNote := "lab night\nTag in full: t19\nTag in full: t20\nTag in full: t21\nTag in full: t22\nTag in full: two\nlines"
	if s.Note != wantNote {
		t.Errorf("note %q, want %q", s.Note, wantNote)
	}
	summary := im.Summary(false, testWording)
	for _, want := range []string{"1 entry has tags a Corepath tag cannot hold whole", "(interval 1 at line 1)", "merged into one tag each", "HDI = hdi"} {
		if !strings.Contains(summary, want) {
			t.Errorf("the summary lacks %q:\n%s", want, summary)
		}
	}
	if _, err := im.Apply(st); err != nil {
		t.Fatal(err)
	}
}

// Sessions imported before sessions kept their source are recognized by their start, length,
// tags and note, one record for each, whatever their topic, and the summary says so.
func TestSessionsImportedBeforeSourcesAreRecognized(t *testing.T) {
	st := openStore(t)
	start := time.Date(2026, 9, 1, 9, 0, 0, 0, time.UTC)
	if _, err := st.AddSessions([]tracker.Session{{Start: start, Duration: time.Hour, TopicID: topicID(t, st, "OSPF"), Note: "Confederations"}}); err != nil {
		t.Fatal(err)
	}
	file := togglHeader + "Ada,a@x,,BGP,,Confederations,No,2026-09-01,09:00:00,2026-09-01,10:00:00,01:00:00,,\n" +
		"Ada,a@x,,BGP,,Confederations,No,2026-09-01,09:00:00,2026-09-01,10:00:00,01:00:00,,\n" +
		"Ada,a@x,,BGP,,Route reflectors,No,2026-09-01,09:00:00,2026-09-01,10:00:00,01:00:00,,\n"
	im, err := Prepare(strings.NewReader(file), st, importOpts())
	if err != nil {
		t.Fatal(err)
	}
	if im.Skipped != 1 || im.Legacy != 1 || len(im.Sessions) != 2 || !strings.Contains(im.Summary(false, testWording), "Already present: 1 record (the same records, imported before); 1 of them found by start, length, tags and note") {
		t.Errorf("%d present, %d to add:\n%s", im.Skipped, len(im.Sessions), im.Summary(false, testWording))
	}
}

// A Toggl file read again in another time zone (the person moved, or changed the computer's
// zone) is still the same records.
func TestTheSameCSVReadInAnotherZoneAddsNothing(t *testing.T) {
	st := openStore(t)
	path := filepath.Join("testdata", "real", "toggl-en-2019.csv")
	opt := importOpts()
	opt.Loc = time.FixedZone("UTC-10", -10*3600)
	im, err := PrepareFile(path, st, opt)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := im.Apply(st); err != nil {
		t.Fatal(err)
	}
	opt.Loc = time.FixedZone("UTC+14", 14*3600)
	again, err := PrepareFile(path, st, opt)
	if err != nil || len(again.Sessions) != 0 || again.Skipped != 9 {
		t.Errorf("%v\n%s", err, again.Summary(false, testWording))
	}
}

func TestOnlyMonthlyFilesAreTimewarriorData(t *testing.T) {
	for name, want := range map[string]bool{
		"2026-11.data": true, "1999-01.data": true,
		"tags.data": false, "2026-1.data": false, "2026-111.data": false, "2026_11.data": false,
		"2026-11.data~": false, "x2026-11.data": false, "2026-1a.data": false, "２０２６-11.data": false, ".data": false,
	} {
		if got := isTimewFile(name); got != want {
			t.Errorf("isTimewFile(%q) = %v, want %v", name, got, want)
		}
	}
}
