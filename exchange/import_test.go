package exchange

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"corepath/tracker"
)

// timewQuote quotes a tag as Timewarrior's quoteIfNeeded does (src/util.cpp).
func timewQuote(s string) string {
	if !strings.ContainsAny(s, "\" +/()<^!=~_%") {
		return s
	}
	return `"` + strings.ReplaceAll(s, `"`, `\"`) + `"`
}

// timewLine serializes an interval as Timewarrior 1.4 and later write it (src/Interval.cpp).
func timewLine(iv timewInterval) string {
	line := "inc " + iv.Start
	if iv.End != "" {
		line += " - " + iv.End
	}
	tags := append([]string(nil), iv.Tags...)
	sort.Strings(tags)
	if len(tags) > 0 {
		line += " #"
		for _, t := range tags {
			line += " " + timewQuote(t)
		}
	}
	if iv.Annotation != "" {
		if len(tags) == 0 {
			line += " #"
		}
		line += ` # "` + strings.ReplaceAll(iv.Annotation, `"`, `\"`) + `"`
	}
	return line
}

// sampleIntervals makes n finished intervals of whole minutes over two months, with tags that
// name topics, tags that do not, tags with spaces and quotes, and annotations.
func sampleIntervals(n int) []timewInterval {
	rng := rand.New(rand.NewPCG(4, 2))
	tags := []string{"BGP", "OSPF", "lab", "rfc reading", `night "owl"`, "client_x", "MPLS", "flashcards"}
	var ivs []timewInterval
	at := time.Date(2026, 3, 1, 6, 0, 0, 0, time.UTC)
	for i := 0; i < n; i++ {
		at = at.Add(time.Duration(3+rng.IntN(20)) * time.Hour)
		d := time.Duration(5+rng.IntN(180)) * time.Minute
		iv := timewInterval{Start: at.Format(timewTime), End: at.Add(d).Format(timewTime)}
		for _, k := range rng.Perm(len(tags))[:rng.IntN(4)] {
			iv.Tags = append(iv.Tags, tags[k])
		}
		sort.Strings(iv.Tags)
		if rng.IntN(3) == 0 {
			iv.Annotation = fmt.Sprintf("note %d, with \"quotes\"", i)
		}
		ivs = append(ivs, iv)
	}
	return ivs
}

// summaryMinutes totals the intervals by tag as `timew summary` does: each tag of an interval
// gets the interval's whole length.
func summaryMinutes(t *testing.T, ivs []timewInterval) map[string]int {
	secs := map[string]int64{}
	for _, iv := range ivs {
		start, _ := time.Parse(timewTime, iv.Start)
		end, _ := time.Parse(timewTime, iv.End)
		for _, tag := range iv.Tags {
			secs[tag] += int64(end.Sub(start) / time.Second)
		}
	}
	out := map[string]int{}
	for tag, s := range secs {
		if s%60 != 0 {
			t.Fatalf("sample intervals must be whole minutes")
		}
		out[tag] = int(s / 60)
	}
	return out
}

func reportByTag(t *testing.T, st tracker.Store) map[string]int {
	p, _ := st.Plan()
	sum := tracker.NewSummarizer(&p, time.UTC, time.Time{}, time.Time{}, testNow)
	for _, s := range allSessions(t, st) {
		sum.Add(&s)
	}
	out := map[string]int{}
	for _, tt := range sum.Report().ByTag {
		out[tt.Tag] = tt.Minutes
	}
	return out
}

func TestTimewarriorImportKeepsTheTotalsPerTag(t *testing.T) {
	ivs := sampleIntervals(300)
	want := summaryMinutes(t, ivs)

	export, _ := json.Marshal(ivs)
	viaJSON := openStore(t)
	res, err := importString(t, viaJSON, string(export), importOpts())
	if err != nil {
		t.Fatal(err)
	}
	if res.Added != len(ivs) {
		t.Errorf("added %d of %d", res.Added, len(ivs))
	}
	if got := reportByTag(t, viaJSON); !reflect.DeepEqual(got, want) {
		t.Errorf("by tag from timew export:\n got %v\nwant %v", got, want)
	}

	// The same intervals as a data folder, split into monthly files as Timewarrior keeps them.
	dir := filepath.Join(t.TempDir(), "timewarrior")
	os.MkdirAll(filepath.Join(dir, "data"), 0o700)
	files := map[string][]string{}
	for _, iv := range ivs {
		month := iv.Start[:4] + "-" + iv.Start[4:6] + ".data"
		files[month] = append(files[month], timewLine(iv))
	}
	for name, lines := range files {
		os.WriteFile(filepath.Join(dir, "data", name), []byte(strings.Join(lines, "\n")+"\n"), 0o600)
	}
	os.WriteFile(filepath.Join(dir, "data", "tags.data"), []byte(`{"BGP":{"count":3}}`), 0o600)
	viaData := openStore(t)
	im, err := PrepareFile(dir, viaData, importOpts())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := im.Apply(viaData); err != nil {
		t.Fatal(err)
	}
	if got := reportByTag(t, viaData); !reflect.DeepEqual(got, want) {
		t.Errorf("by tag from the data folder:\n got %v\nwant %v", got, want)
	}
	if a, b := allSessions(t, viaJSON), allSessions(t, viaData); len(a) != len(b) || a[0].Note != b[0].Note || strings.Join(a[0].Tags, ",") != strings.Join(b[0].Tags, ",") {
		t.Errorf("the two ways in differ: %+v %+v", a[0], b[0])
	}

	// Topics: the first tag that names one, else the first tag becomes one.
	p, _ := viaData.Plan()
	for _, s := range allSessions(t, viaData) {
		path := p.TopicPath(s.TopicID)
		named := ""
		for _, tag := range s.Tags {
			if tag == "BGP" || tag == "OSPF" || tag == "MPLS" {
				named = tag
				break
			}
		}
		switch {
		case named != "" && path != named:
			t.Errorf("tags %q went to %s, want %s", s.Tags, path, named)
		case named == "" && len(s.Tags) > 0 && path != s.Tags[0]:
			t.Errorf("tags %q went to %s, want a new topic %s", s.Tags, path, s.Tags[0])
		case len(s.Tags) == 0 && path != "Untagged":
			t.Errorf("an untagged interval went to %s", path)
		}
	}

	// Again: nothing new, from either form.
	again, err := PrepareFile(dir, viaData, importOpts())
	if err != nil || len(again.Sessions) != 0 || again.Skipped != len(ivs) || len(again.NewTopics) != 0 {
		t.Errorf("second import: %d sessions, %d skipped, %v", len(again.Sessions), again.Skipped, err)
	}
}

func TestTimewarriorLines(t *testing.T) {
	cases := []struct {
		line  string
		tags  []string
		note  string
		open  bool
		start string
		mins  int
	}{
		{`inc 20261120T180000Z - 20261120T184500Z # BGP lab # "read RFC 4456"`, []string{"BGP", "lab"}, "read RFC 4456", false, "2026-11-20T18:00:00Z", 45},
		{`inc 20261120T180000Z - 20261120T190000Z # "route reflectors" "say \"hi\"" tag-with-dash # bare words   as old versions wrote`,
			[]string{"route reflectors", `say "hi"`, "tag-with-dash"}, "bare words as old versions wrote", false, "2026-11-20T18:00:00Z", 60},
		{`inc 20261120T180000Z # # "only an annotation"`, nil, "only an annotation", true, "2026-11-20T18:00:00Z", 0},
		{`inc 20261120T180000Z`, nil, "", true, "2026-11-20T18:00:00Z", 0},
		{`inc 20261120T180000Z - 20261120T181000Z # "\u00e9t\u00e9" 'single quoted' U+0041 "#"`, []string{"été", "single quoted", "U+0041", "#"}, "", false, "2026-11-20T18:00:00Z", 10},
		{"inc\t20261120T180000Z\u00a0-\u200920261120T181000Z", nil, "", false, "2026-11-20T18:00:00Z", 10},
	}
	for _, c := range cases {
		rec, err := parseTimewLine(c.line)
		if err != nil {
			t.Errorf("%s: %v", c.line, err)
			continue
		}
		if !reflect.DeepEqual(rec.s.Tags, c.tags) || rec.s.Note != c.note || rec.open != c.open ||
			rec.s.Start.Format(time.RFC3339) != c.start || rec.s.Duration != time.Duration(c.mins)*time.Minute {
			t.Errorf("%s:\n got %q %q open=%v %v %v", c.line, rec.s.Tags, rec.s.Note, rec.open, rec.s.Start, rec.s.Duration)
		}
	}
	bad := map[string]string{
		"exc 20261120T180000Z":   `starts with "inc"`,
		"inc":                    "no start time",
		"inc # BGP":              "no start time",
		"inc 2026-11-20T18:00Z":  "no start time",
		"inc 20261320T180000Z":   "is not a Timewarrior time",
		"inc 20261120T180000Z -": "no end time",
		"inc 20261120T180000Z - 20261120T170000Z":     "end 2026-11-20 17:00 UTC is before start 18:00",
		`inc 20261120T180000Z # "unterminated`:        "not closed",
		"inc 20261120T180000Z BGP":                    `tags follow a "#"`,
		`inc 20261120T180000Z - 20261121T170000Z # x`: "", // ends a day later: fine here, the store refuses it later
	}
	for line, want := range bad {
		_, err := parseTimewLine(line)
		if want == "" {
			if err != nil {
				t.Errorf("%s: %v", line, err)
			}
			continue
		}
		wantError(t, err, want)
	}
}

func TestTimewarriorOpenIntervalBecomesTheTimer(t *testing.T) {
	st := openStore(t)
	data := "inc 20261125T180000Z - 20261125T183000Z # OSPF\ninc 20261125T190000Z # MPLS ldp # \"sync\"\n"
	res, err := importString(t, st, data, importOpts())
	if err != nil || res.Added != 1 || !res.TimerStarted {
		t.Fatalf("%+v %v", res, err)
	}
	timer, ok, _ := st.Timer()
	if !ok || timer.TopicID != topicID(t, st, "MPLS") || !timer.Start.Equal(testNow.Add(-time.Hour)) || timer.Note != "sync" {
		t.Errorf("timer %+v", timer)
	}
	// Again: the timer is the one from the file, so nothing happens.
	res, err = importString(t, st, data, importOpts())
	if err != nil || res.Added != 0 || res.Skipped != 2 || res.TimerStarted || len(res.Notes) != 0 {
		t.Errorf("again: %+v %v", res, err)
	}
	// Another open interval while a timer runs is reported and skipped.
	res, err = importString(t, st, "inc 20261125T195000Z # BGP\n", importOpts())
	if err != nil || res.TimerStarted || len(res.LeftOut) != 1 || !strings.Contains(res.LeftOut[0].Reason, "a timer is already running for MPLS") || res.LeftOut[0].Fix != FixStopTimer {
		t.Errorf("with a timer running: %+v %v", res, err)
	}
	_, err = Prepare(strings.NewReader("inc 20261125T180000Z # OSPF\ninc 20261125T190000Z # MPLS\n"), st, importOpts())
	wantError(t, err, "line 2: a second open interval (the first is at line 1)")
}

func TestCorepathTimerIsRestoredOnlyWhenNoneRuns(t *testing.T) {
	from := openStore(t)
	fillStore(t, from)
	out := exportString(t, from, ExportOptions{Format: JSON})
	to := openStore(t)
	running, err := to.StartTimer(tracker.Session{TopicID: topicID(t, to, "BGP"), Start: testNow.Add(-5 * time.Minute)})
	if err != nil {
		t.Fatal(err)
	}
	res, err := importString(t, to, out, importOpts())
	if err != nil || res.TimerStarted || res.Added != 4 || len(res.LeftOut) != 1 || !strings.Contains(res.LeftOut[0].Reason, "a timer is already running for BGP") {
		t.Fatalf("%+v %v", res, err)
	}
	if now, _, _ := to.Timer(); now.ID != running.ID {
		t.Error("the running timer was replaced")
	}
}

const togglHeader = "User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,Duration,Tags,Amount ()\n"
const clockifyHeader = "Project,Client,Description,Task,User,Group,Email,Tags,Billable,Start Date,Start Time,End Date,End Time,Duration (h),Duration (decimal),Billable Rate (USD),Billable Amount (USD)\n"

// A report whose dates all read either way, read month first as its English header suggests,
// with a row that only read day first is not in the future: the refusal says the other order,
// with the typed error the interfaces word the --dates for.
func TestARowInTheFutureOnlyAsTheDatesWereGuessedSaysTheOtherOrder(t *testing.T) {
	file := togglHeader +
		"A,a@x,,BGP,,,No,03/11/2026,09:00:00,03/11/2026,10:00:00,01:00:00,,\n" +
		"A,a@x,,BGP,,,No,12/11/2026,06:05:00,12/11/2026,07:05:00,01:00:00,,\n"
	_, err := Prepare(strings.NewReader(file), openStore(t), importOpts())
	wantError(t, err, "line 3: starts in the future (2026-12-11 06:05) with its date read month first, which every date of the file allows; read day first, as 2026-11-12 06:05, it is in the past")
	var e *DatesOtherWayError
	if !errors.As(err, &e) || e.Order != DatesDayFirst {
		t.Errorf("error %v: want a DatesOtherWayError for day first", err)
	}
	opt := importOpts()
	opt.Dates = DatesMonthFirst // said, not guessed: the plain refusal
	_, err = Prepare(strings.NewReader(file), openStore(t), opt)
	if wantError(t, err, "line 3: starts in the future (2026-12-11 06:05)"); errors.As(err, &e) {
		t.Errorf("with --dates given: %v", err)
	}
}

// A Toggl entry still running when the report was made (no end, no duration) is an open
// interval, as Timewarrior's: it starts the timer, and the next report, with it stopped, ends
// the timer where the report does.
func TestATogglEntryStillRunningIsTheTimer(t *testing.T) {
	st := openStore(t)
	running := togglHeader + "A,a@x,,BGP,,live,No,2026-11-25,19:00:00,,,,,\n"
	res, err := importString(t, st, running, importOpts())
	if err != nil || !res.TimerStarted || res.Added != 0 {
		t.Fatalf("the running entry: %+v %v", res, err)
	}
	if timer, ok, _ := st.Timer(); !ok || !timer.Start.Equal(time.Date(2026, 11, 25, 19, 0, 0, 0, time.UTC)) || timer.TopicID != topicID(t, st, "BGP") {
		t.Fatalf("timer %+v %v", timer, ok)
	}
	stopped := togglHeader + "A,a@x,,BGP,,live,No,2026-11-25,19:00:00,2026-11-25,19:25:00,00:25:00,,\n"
	if res, err := importString(t, st, stopped, importOpts()); err != nil || !res.TimerEnded || res.Added != 0 {
		t.Fatalf("the entry stopped: %+v %v", res, err)
	}
	if got := allSessions(t, st); len(got) != 1 || got[0].Duration != 25*time.Minute || got[0].Note != "live" {
		t.Errorf("sessions: %+v", got)
	}
}

// A Toggl row whose times fall in the hour the clocks go back over takes the readings its
// Duration agrees with; one with a time the clocks skip is refused with its line.
func TestTogglTimesAroundAChangeOfClocks(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	opt := ImportOptions{Loc: ny, Now: testNow}
	im, err := Prepare(strings.NewReader(togglHeader+
		"A,a@x,,OSPF,,a,No,2026-11-01,01:20:00,2026-11-01,02:30:00,01:10:00,,\n"+
		"A,a@x,,MPLS,,b,No,2026-11-01,01:10:00,2026-11-01,01:40:00,01:30:00,,\n"), openStore(t), opt)
	if err != nil {
		t.Fatal(err)
	}
	// 01:20 EST (-5) is 06:20 UTC, to 02:30 EST; 01:10 EDT (-4) is 05:10 UTC, to 01:40 EST.
	want := []string{"2026-11-01T06:20:00Z 1h10m0s", "2026-11-01T05:10:00Z 1h30m0s"}
	for i, s := range im.Sessions {
		if got := s.Start.UTC().Format(time.RFC3339) + " " + s.Duration.String(); i >= len(want) || got != want[i] {
			t.Errorf("session %d: %s, want %v", i, got, want)
		}
	}
	if len(im.Sessions) != 2 || strings.Contains(im.Summary(false, testWording), "show twice") {
		t.Errorf("%d sessions; summary:\n%s", len(im.Sessions), im.Summary(false, testWording))
	}
	_, err = Prepare(strings.NewReader(togglHeader+"A,a@x,,BGP,,gap,No,2026-03-08,02:30:00,2026-03-08,03:30:00,01:00:00,,\n"), openStore(t), opt)
	wantError(t, err, "line 2: the start time 2026-03-08 02:30 does not exist in America/New_York")
}

func TestTogglAndClockify(t *testing.T) {
	ny, _ := time.LoadLocation("America/New_York")
	cases := []struct {
		name, file string
		opt        func(*ImportOptions)
		want       []string // start (UTC), minutes, topic, tags, note
		notes      string
	}{
		{"toggl with a BOM", "\ufeff" + togglHeader +
			"Ada,ada@example.com,,BGP,,\"Route reflectors, clusters\",No,2026-11-20,18:00:00,2026-11-20,19:30:00,01:30:00,\"lab, rr\",\n" +
			"Ada,ada@example.com,,,,No project,No,2026-11-21,23:30:00,2026-11-22,00:15:00,00:45:00,,\n" +
			"Ada,ada@example.com,,Homelab,,Rack,No,2026-11-22,09:00:00,2026-11-22,10:00:00,01:00:00,,\n",
			func(o *ImportOptions) { o.Loc = ny; o.Track = tracker.TrackCertification },
			[]string{"2026-11-20T23:00:00Z 90 BGP lab,rr Route reflectors, clusters",
				"2026-11-22T04:30:00Z 45 Without project  No project",
				"2026-11-22T14:00:00Z 60 Homelab  Rack"}, ""},
		{"clockify, US dates and 12-hour times", clockifyHeader +
			"OSPF,,LSAs,,Ada,,a@x,,No,11/20/2026,06:00:00 PM,11/20/2026,07:00:00 PM,01:00:00,1.00,0,0\n" +
			"ospf,,,,Ada,,a@x,\"x, y\",No,11/03/2026,09:00 AM,11/03/2026,10:15 AM,01:15:00,1.25,0,0\n",
			nil, []string{"2026-11-20T18:00:00Z 60 OSPF  LSAs", "2026-11-03T09:00:00Z 75 OSPF x,y "}, ""},
		{"clockify, day first", clockifyHeader +
			"BGP,,,,Ada,,a@x,,No,03/11/2026,09:00,03/11/2026,10:00,01:00:00,1.00,0,0\n" +
			"BGP,,,,Ada,,a@x,,No,13/11/2026,09:00,13/11/2026,10:00,01:00:00,1.00,0,0\n",
			nil, []string{"2026-11-03T09:00:00Z 60 BGP  ", "2026-11-13T09:00:00Z 60 BGP  "}, ""},
		{"dots read either way: day first", clockifyHeader +
			"BGP,,,,Ada,,a@x,,No,03.11.2026,09:00,03.11.2026,10:00,01:00:00,1.00,0,0\n",
			nil, []string{"2026-11-03T09:00:00Z 60 BGP  "}, "read day first"},
		{"slashes read either way: month first", clockifyHeader +
			"BGP,,,,Ada,,a@x,,No,03/11/2026,09:00,03/11/2026,10:00,01:00:00,1.00,0,0\n",
			nil, []string{"2026-03-11T09:00:00Z 60 BGP  "}, "read month first"},
		{"a French report read either way: day first", "Utilisateur;E-mail;Client;Projet;Tâche;Description;Facturable;Date de début;Heure de début;Date de fin;Heure de fin;Durée;Étiquettes\n" +
			"Camille;c@x;;MPLS;;Révision;Non;02/11/2026;09:00:00;02/11/2026;10:30:00;01:30:00;labo\n" +
			"Camille;c@x;;BGP;;Lab;Non;05/11/2026;20:00:00;05/11/2026;20:50:00;00:50:00;labo\n",
			nil, []string{"2026-11-02T09:00:00Z 90 MPLS labo Révision", "2026-11-05T20:00:00Z 50 BGP labo Lab"}, "read day first (DD/MM/YYYY), as reports in the language of its header"},
		{"semicolons, no end: the duration", "Project;Description;Start date;Start time;Duration;User\nbgp > route reflectors and confederations;x;2026-11-20;18:00;1:30:00;Ada\n",
			func(o *ImportOptions) { o.Format = Toggl }, []string{"2026-11-20T18:00:00Z 90 BGP › Route reflectors and confederations  x"}, ""},
		{"--map", togglHeader + "Ada,a@x,,RR study,,,No,2026-11-20,18:00:00,2026-11-20,18:30:00,00:30:00,,\n",
			func(o *ImportOptions) { o.Map = map[string]string{"rr study": "bgp > route refl"} }, []string{"2026-11-20T18:00:00Z 30 BGP › Route reflectors and confederations  "}, ""},
		{"shorter than a minute is left out", togglHeader +
			"Ada,a@x,,BGP,,,No,2026-11-20,18:00:00,2026-11-20,18:00:40,00:00:40,,\n" +
			"Ada,a@x,,BGP,,,No,2026-11-20,19:00:00,2026-11-20,19:01:00,00:01:00,,\n",
			nil, []string{"2026-11-20T19:00:00Z 1 BGP  "}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			st := openStore(t)
			opt := importOpts()
			if c.opt != nil {
				c.opt(&opt)
			}
			im, err := Prepare(strings.NewReader(c.file), st, opt)
			if err != nil {
				t.Fatal(err)
			}
			if c.notes != "" && (len(im.Notes) != 1 || !strings.Contains(im.Notes[0], c.notes)) {
				t.Errorf("notes %q, want %q", im.Notes, c.notes)
			}
			if _, err := im.Apply(st); err != nil {
				t.Fatal(err)
			}
			p, _ := st.Plan()
			var got []string
			for _, s := range allSessions(t, st) {
				got = append(got, fmt.Sprintf("%s %g %s %s %s", s.Start.Format(time.RFC3339), s.Duration.Minutes(), p.TopicPath(s.TopicID), strings.Join(s.Tags, ","), s.Note))
			}
			sort.Strings(got)
			want := append([]string(nil), c.want...)
			sort.Strings(want)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("sessions:\n got %q\nwant %q", got, want)
			}
			if c.opt != nil && opt.Track == tracker.TrackCertification {
				home, err := tracker.MatchTopic(&p, "Homelab")
				if err != nil || home.Track != tracker.TrackCertification || home.ParentID != "" {
					t.Errorf("new topic %+v %v", home, err)
				}
			}
			again, err := Prepare(strings.NewReader(c.file), st, opt)
			if err != nil || len(again.Sessions) != 0 || len(again.NewTopics) != 0 {
				t.Errorf("second import would add %d sessions, %d topics (%v)", len(again.Sessions), len(again.NewTopics), err)
			}
		})
	}
}

func TestABadRecordImportsNothing(t *testing.T) {
	var b strings.Builder
	b.WriteString(togglHeader)
	for i := 0; i < 12; i++ {
		fmt.Fprintf(&b, "Ada,a@x,,New topic %d,,,No,2026-11-%02d,18:00:00,2026-11-%02d,19:00:00,01:00:00,lab,\n", i, i+1, i+1)
	}
	b.WriteString("Ada,a@x,,BGP,,,No,2026-11-20,18:00:00,2026-11-20,17:00:00,01:00:00,,\n") // line 14
	cases := map[string][]string{
		b.String(): {"line 14: end 2026-11-20 17:00 is before start 18:00"},
		togglHeader + "Ada,a@x,,BGP,,,No,2026-11-25,19:30:00,2026-11-25,20:30:00,01:00:00,,\n": {"line 2: ends in the future (2026-11-25 20:30): correct the row or leave it out"},
		togglHeader + "Ada,a@x,,BGP,,,No,2026-02-30,19:30:00,2026-02-30,20:30:00,01:00:00,,\n": {"line 2:", `"2026-02-30" is not a date in the calendar`},
		togglHeader + "Ada,a@x,,BGP,,,No,2026-11-20,7pm,2026-11-20,20:30:00,01:00:00,,\n":      {"line 2:", `"7pm" is not a time of day`},
		togglHeader + "Ada,a@x,,BGP,,,No,2026-11-20,18:00:00\n":                                {"line 2: the line has 9 columns and the first line 14"},
		// A file not saved whole ends in an entry cut short, before its dates: no totals row. (Rows
		// of commas only, which a spreadsheet leaves, are blank lines: see TestRowsOfSeparatorsAreBlank.)
		togglHeader + "Ada,a@x,,BGP,,,No,2026-11-20,18:00:00,2026-11-20,19:00:00,01:00:00,,\nAda,a@x,,BGP,,short row\n":                                         {"line 3: the line has 6 columns and the first line 14"},
		togglHeader + "Ada,a@x,,BGP,,,No,2026-11-20,18:00:00,2026-11-20,19:00:00,01:00:00,,\nAda,a@x,,OSPF\n":                                                   {"line 3: the line has 4 columns and the first line 14"},
		togglHeader + "Ada,a@x,,BGP,\"oops,No,2026-11-20,18:00:00,2026-11-20,19:00:00,01:00:00,,\n":                                                             {"is not valid CSV"},
		togglHeader + "Ada,a@x,,\"" + strings.Repeat("x", 130) + "\",,,No,2026-11-20,18:00,2026-11-20,19:00,1:00,,\n":                                           {"line 2: cannot create topic", "longer than 120 characters"},
		clockifyHeader + "BGP,,,,Ada,,a@x,,No,13/11/2026,09:00,13/11/2026,10:00,1:00,1,0,0\nBGP,,,,Ada,,a@x,,No,11/14/2026,09:00,11/14/2026,10:00,1:00,1,0,0\n": {"mix day-first (line 2) and month-first (line 3)"},
		togglHeader + "Ada,a@x,,Token Ring > MAU > Nothing,,,No,2026-11-20,18:00,2026-11-20,19:00,1:00,,\n":                                                     {`line 2: "Token Ring > MAU > Nothing" names no topic`, `cannot hold ">"`},
		`{"format": "corepath", "version": 2, "plan": {}, "sessions": []}`:                                                                                      {"written by a newer Corepath (file version 2"},
		`{"format": "corepath", "version": 1, "plan": {}, "sessions": [{"id": "x"}]}`:                                                                           {"session 1:", `"x" is not a session id`},
		`{"format": "other", "version": 1}`:                                        {`a "other" file, not a Corepath export`},
		`{"version": 1, "format": "corepath"}`:                                     {"does not begin with \"format\" and \"version\""},
		`[{"start": "20261120T180000Z", "end": "20261120T190000Z"}, {"start": 5}]`: {"interval 2 at line 1:", `"start" holds a number where a string belongs`},
		`[{"start": "20261120T180000Z", "end": "20261120T190000Z"}`:                {"the file ends before a Timewarrior export is complete"},
		"Project,Start date\nBGP,2026-11-20\n":                                     {"Corepath cannot tell what this file is"},
		"   \n\t":                                                                  {"the file is empty"},
	}
	for text, want := range cases {
		st := openStore(t)
		before := fileBytes(t, st)
		plan, _ := st.Plan()
		_, err := importString(t, st, text, importOpts())
		wantError(t, err, want...)
		unchanged(t, st, before)
		if after, _ := st.Plan(); !reflect.DeepEqual(plan, after) {
			t.Errorf("%q: the plan changed", want)
		}
	}
}

// The bad records are listed in the file's order, though reading the file finds some (a date
// that is not one, a row of the wrong width) and checking its records others (an entry in the
// future, a topic that cannot be made); and, past the 50 listed, the first 50 of the file.
func TestBadRecordsAreListedByLine(t *testing.T) {
	future := "Ada,a@x,,BGP,,,No,2026-11-25,19:30:00,2026-11-25,20:30:00,01:00:00,,\n"
	badDate := "Ada,a@x,,BGP,,,No,2026-02-30,19:30:00,2026-02-30,20:30:00,01:00:00,,\n"
	narrow := "Ada,a@x,,BGP,,,No,2026-11-20,18:00:00\n"
	file := togglHeader + future + badDate + future + narrow + future
	_, err := importString(t, openStore(t), file, importOpts())
	var ps *ProblemsError
	if !errors.As(err, &ps) || ps.Count != 5 {
		t.Fatalf("got %v", err)
	}
	for i, p := range ps.List {
		if want := fmt.Sprintf("line %d:", i+2); !strings.HasPrefix(p.Error(), want) {
			t.Errorf("problem %d is %q, not at %s", i+1, p, want)
		}
	}
	var b strings.Builder
	b.WriteString(togglHeader)
	for range 60 {
		b.WriteString(future)
	}
	for range 60 {
		b.WriteString(badDate)
	}
	_, err = importString(t, openStore(t), b.String(), importOpts())
	if !errors.As(err, &ps) || ps.Count != 120 || len(ps.List) != maxProblems {
		t.Fatalf("got %v", err)
	}
	for i, p := range ps.List {
		if want := fmt.Sprintf("line %d: ends in the future", i+2); !strings.HasPrefix(p.Error(), want) {
			t.Fatalf("problem %d is %q, not %q", i+1, p, want)
		}
	}
}

func TestMapAndNamesThatNameSeveralTopics(t *testing.T) {
	st := openStore(t)
	for _, parent := range []string{"BGP", "OSPF"} {
		if _, err := st.PutTopic(tracker.Topic{Name: "Labs", ParentID: topicID(t, st, parent), Track: tracker.TrackSkills}); err != nil {
			t.Fatal(err)
		}
	}
	file := togglHeader + "Ada,a@x,,Labs,,,No,2026-11-20,18:00:00,2026-11-20,19:00:00,01:00:00,,\n"
	_, err := Prepare(strings.NewReader(file), st, importOpts())
	wantError(t, err, `line 2: "Labs" names more than one topic (BGP › Labs, OSPF › Labs)`)
	var unmapped *UnmappedNameError
	if !errors.As(err, &unmapped) || unmapped.Name != "Labs" || !reflect.DeepEqual(unmapped.Candidates, []string{"BGP › Labs", "OSPF › Labs"}) {
		t.Errorf("the error carries %+v, want the name Labs and its two topics", unmapped)
	}
	opt := importOpts()
	opt.Map = map[string]string{"Labs": "OSPF > Labs"}
	if _, err := importString(t, st, file, opt); err != nil {
		t.Fatal(err)
	}
	opt.Map = map[string]string{"Labs": "Token Ring"}
	_, err = Prepare(strings.NewReader(file), st, opt)
	wantError(t, err, `Labs=Token Ring: no topic matches "Token Ring"`)
	var mapping *MapTargetError
	var match *tracker.TopicMatchError
	if !errors.As(err, &mapping) || mapping.Name != "Labs" || mapping.Target != "Token Ring" || !errors.As(err, &match) || match.Ambiguous {
		t.Errorf("the error carries %+v, want the mapping Labs=Token Ring and the topic that matches nothing", mapping)
	}
}

// A file with several bad records lets errors.As find the kind of problem in any of them.
func TestProblemsCarryEachRecordsError(t *testing.T) {
	st := openStore(t)
	file := togglHeader + "Ada,a@x,,BGP,,,No,2026-11-20,18:00,2026-11-20,17:00,1:00,,\n" +
		"Ada,a@x,,Token Ring > MAU > Nothing,,,No,2026-11-20,18:00,2026-11-20,19:00,1:00,,\n"
	_, err := Prepare(strings.NewReader(file), st, importOpts())
	var problems *ProblemsError
	var unmapped *UnmappedNameError
	if !errors.As(err, &problems) || problems.Count != 2 || !errors.As(err, &unmapped) || unmapped.Name != "Token Ring > MAU > Nothing" {
		t.Fatalf("%v: want 2 problems, the second about the name Token Ring > MAU > Nothing", err)
	}
}

// brokenStore refuses to add sessions, as a store that changed between the check and the write
// (or a full disk) would.
type brokenStore struct {
	tracker.Store
}

func (brokenStore) AddSessions([]tracker.Session) ([]tracker.Session, error) {
	return nil, tracker.Errorf(tracker.Internal, "disk full")
}

// Batch hands fn the broken store over the real store's transaction.
func (b brokenStore) Batch(fn func(tracker.Store) error) error {
	return b.Store.Batch(func(tx tracker.Store) error { return fn(brokenStore{tx}) })
}

// TestAFailedWriteUndoesThePlanChanges: the plan changes and new topics are written in the
// same transaction as the sessions, so a failure of the last write leaves none of them.
func TestAFailedWriteUndoesThePlanChanges(t *testing.T) {
	from := openStore(t)
	fillStore(t, from)
	out := exportString(t, from, ExportOptions{Format: JSON})
	toggl := togglHeader + "Ada,a@x,,Brand new,,,No,2026-11-20,18:00:00,2026-11-20,19:00:00,01:00:00,,\n"
	for _, text := range []string{out, toggl} {
		st := openStore(t)
		before, _ := st.Plan()
		im, err := Prepare(strings.NewReader(text), st, importOpts())
		if err != nil {
			t.Fatal(err)
		}
		if len(im.PlanChanges)+len(im.NewTopics) == 0 {
			t.Fatal("the import should change the plan")
		}
		_, err = im.Apply(brokenStore{st})
		wantError(t, err, "disk full")
		if after, _ := st.Plan(); !reflect.DeepEqual(before, after) {
			t.Errorf("the plan was not restored:\n%+v\n%+v", before, after)
		}
		if n := len(allSessions(t, st)); n != 0 {
			t.Errorf("%d sessions stored", n)
		}
	}
}

func TestPrepareWritesNothingAndApplyChecksAgain(t *testing.T) {
	st := openStore(t)
	file := togglHeader + "Ada,a@x,,Brand new,,,No,2026-11-20,18:00:00,2026-11-20,19:00:00,01:00:00,,\n" +
		"Ada,a@x,,BGP,,,No,2026-11-21,18:00:00,2026-11-21,19:00:00,01:00:00,,\n"
	before := fileBytes(t, st)
	first, err := Prepare(strings.NewReader(file), st, importOpts())
	if err != nil {
		t.Fatal(err)
	}
	second, err := Prepare(strings.NewReader(file), st, importOpts())
	if err != nil {
		t.Fatal(err)
	}
	unchanged(t, st, before)
	if len(first.Sessions) != 2 || len(first.NewTopics) != 1 || first.TopicPath(first.Sessions[0].TopicID) != "Brand new" {
		t.Errorf("preview: %+v", first)
	}
	if res, err := first.Apply(st); err != nil || res.Added != 2 || len(res.NewTopics) != 1 {
		t.Fatalf("%+v %v", res, err)
	}
	// The second preview is out of date: applying it checks again and adds nothing.
	if res, err := second.Apply(st); err != nil || res.Added != 0 || res.Skipped != 2 || len(res.NewTopics) != 0 {
		t.Errorf("stale preview: %+v %v", res, err)
	}
}

func TestFormatIsGuessedFromTheContent(t *testing.T) {
	st := openStore(t)
	export := exportString(t, st, ExportOptions{Format: JSON})
	cases := map[string]Format{
		export: Corepath,
		`[{"start":"20261120T180000Z","end":"20261120T190000Z","tags":["BGP"]}]`:              Timewarrior,
		"\n inc 20261120T180000Z - 20261120T190000Z # BGP\n":                                  Timewarrior,
		togglHeader + "Ada,a@x,,BGP,,,No,2026-11-20,18:00,2026-11-20,19:00,1:00,,\n":          Toggl,
		clockifyHeader + "BGP,,,,Ada,,a@x,,No,2026-11-20,18:00,2026-11-20,19:00,1:00,1,0,0\n": Clockify,
	}
	for text, want := range cases {
		im, err := Prepare(strings.NewReader(text), st, importOpts())
		if err != nil || im.Format != want {
			t.Errorf("%.40q: %v %v, want %s", text, im, err, want)
		}
	}
	_, err := PrepareFile(t.TempDir(), st, ImportOptions{Format: Toggl})
	wantError(t, err, "is a folder; only a Timewarrior data folder")
	_, err = PrepareFile(t.TempDir(), st, importOpts())
	wantError(t, err, "holds no Timewarrior data files")
	_, err = PrepareFile(filepath.Join(t.TempDir(), "nope.csv"), st, importOpts())
	wantError(t, err, "cannot read", "nope.csv")
}

func TestPlanItemsMayComeInAnyOrder(t *testing.T) {
	st := openStore(t)
	p, _ := st.Plan()
	// A subtopic before its new parent, and a milestone before the new one it depends on.
	p.Topics = append([]tracker.Topic{
		{ID: "x2", ParentID: "x1", Name: "Peering", Track: tracker.TrackSkills, Order: 1001},
		{ID: "x1", Name: "Internet exchange", Track: tracker.TrackSkills, Order: 1000},
	}, p.Topics...)
	p.Milestones = append([]tracker.Milestone{
		{ID: "X2", Title: "Run a route server", Track: tracker.TrackSkills, Order: 101, Status: tracker.Planned, DependsOn: []string{"X1"}},
		{ID: "X1", Title: "Join an IXP lab", Track: tracker.TrackSkills, Order: 100, Status: tracker.Planned},
	}, p.Milestones...)
	plan, _ := json.Marshal(p)
	file := `{"format": "corepath", "version": 1, "plan": ` + string(plan) + `, "sessions": [{"id": "01900000-0000-7000-8000-000000000001", "start": "2026-11-20T18:00:00Z", "end": "2026-11-20T19:00:00Z", "topic_id": "x2", "kind": "lab", "created": "2026-11-20T19:00:00Z", "updated": "2026-11-20T19:00:00Z"}]}`
	im, err := Prepare(strings.NewReader(file), st, importOpts())
	if err != nil {
		t.Fatal(err)
	}
	if len(im.PlanChanges) != 4 || im.TopicPath("x2") != "Internet exchange › Peering" {
		t.Errorf("changes %q", im.PlanChanges)
	}
	if _, err := im.Apply(st); err != nil {
		t.Fatal(err)
	}
	after, _ := st.Plan()
	if m, ok := after.Milestone("X2"); !ok || m.DependsOn[0] != "X1" || after.TopicPath("x2") != "Internet exchange › Peering" {
		t.Errorf("plan after the import: %+v", after.Milestones)
	}
	// A dependency that is nowhere is refused, naming the milestone.
	p.Milestones[0].DependsOn = []string{"X9"}
	plan, _ = json.Marshal(p)
	_, err = Prepare(strings.NewReader(`{"format": "corepath", "version": 1, "plan": `+string(plan)+`, "sessions": []}`), openStore(t), importOpts())
	wantError(t, err, `milestone X2 (Run a route server): "Run a route server" depends on milestone "X9", which does not exist`)
}

// The preview must show what the store keeps: a creation time with a zone and a fraction of a
// second comes back in UTC to the second, in the preview as in the store.
func TestImportPreviewsTheCreationTimeTheStoreKeeps(t *testing.T) {
	from := openStore(t)
	if _, err := from.AddSession(tracker.Session{TopicID: topicID(t, from, "BGP"), Start: testNow.Add(-2 * time.Hour), Duration: 45 * time.Minute}); err != nil {
		t.Fatal(err)
	}
	out := exportString(t, from, ExportOptions{Format: JSON})
	stored := `"created":"` + testNow.Format(time.RFC3339) + `"`
	if !strings.Contains(out, stored) {
		t.Fatalf("the export has no %s:\n%s", stored, out)
	}
	// 21:30:00.75 at UTC+1 is 20:30:00.75 UTC, kept as 20:30:00 UTC.
	out = strings.Replace(out, stored, `"created":"2026-11-25T21:30:00.75+01:00"`, 1)
	want := time.Date(2026, 11, 25, 20, 30, 0, 0, time.UTC)

	to := openStore(t)
	im, err := Prepare(strings.NewReader(out), to, importOpts())
	if err != nil {
		t.Fatal(err)
	}
	if len(im.Sessions) != 1 || !im.Sessions[0].Created.Equal(want) || im.Sessions[0].Created.Location() != time.UTC || im.Sessions[0].Created.Nanosecond() != 0 {
		t.Fatalf("the preview's sessions: %+v; want one created at %s", im.Sessions, want)
	}
	if _, err := im.Apply(to); err != nil {
		t.Fatal(err)
	}
	got := allSessions(t, to)
	if len(got) != 1 || got[0].Created != im.Sessions[0].Created {
		t.Errorf("stored %+v; the preview said created %s", got, im.Sessions[0].Created)
	}
}

// Each kind of plan record is added or (with ReplacePlan) replaced by id, listed as such, keeps
// its place in the timeline when the file says 0, and is refused by name when it has no id.
func TestPlanRecordsAreAddedOrReplacedByID(t *testing.T) {
	st := openStore(t)
	p, _ := st.Plan()
	bgp, m1 := p.Topics[0], p.Milestones[0]
	bgpOrder, m1Order := bgp.Order, m1.Order
	if bgpOrder == 0 || m1Order == 0 {
		t.Fatalf("the built-in plan's first topic and milestone have no place: %d, %d", bgpOrder, m1Order)
	}
	bgp.Confidence, bgp.Order = 4, 0
	m1.Note, m1.Order = "booked", 0
	p.Topics = []tracker.Topic{bgp, {ID: "x1", Name: "Internet exchange", Track: tracker.TrackSkills, Order: 1000}}
	p.Milestones = []tracker.Milestone{m1}
	p.Courses = []tracker.Course{{ID: "c1", Code: "CS101", Title: "Networks", Credits: 3, Status: tracker.CoursePlanned}}
	plan, _ := json.Marshal(p)
	opt := importOpts()
	opt.ReplacePlan = true
	im, err := Prepare(strings.NewReader(`{"format": "corepath", "version": 1, "plan": `+string(plan)+`, "sessions": []}`), st, opt)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"topic " + bgp.ID + " " + bgp.Name + " (replaced)",
		"topic x1 Internet exchange (added)",
		"milestone " + m1.ID + " " + m1.Title + " (replaced)",
		"course c1 CS101 Networks (added)",
	}
	if !reflect.DeepEqual(im.PlanChanges, want) {
		t.Errorf("changes\n%q\nwant\n%q", im.PlanChanges, want)
	}
	if _, err := im.Apply(st); err != nil {
		t.Fatal(err)
	}
	after, _ := st.Plan()
	if got, _ := after.Topic(bgp.ID); got.Confidence != 4 || got.Order != bgpOrder {
		t.Errorf("%s after the import: %+v; want confidence 4 and order %d", bgp.Name, got, bgpOrder)
	}
	if got, _ := after.Milestone(m1.ID); got.Note != "booked" || got.Order != m1Order {
		t.Errorf("%s after the import: %+v; want the note and order %d", m1.ID, got, m1Order)
	}

	for kind, edit := range map[string]func(*tracker.Plan){
		`topic "Nameless topic" has no id`: func(p *tracker.Plan) {
			p.Topics = []tracker.Topic{{Name: "Nameless topic", Track: tracker.TrackSkills}}
		},
		`milestone "Nameless milestone" has no id`: func(p *tracker.Plan) {
			p.Milestones = []tracker.Milestone{{Title: "Nameless milestone", Track: tracker.TrackSkills}}
		},
		`course "CS999" has no id`: func(p *tracker.Plan) { p.Courses = []tracker.Course{{Code: "CS999", Credits: 3}} },
	} {
		q, _ := st.Plan()
		edit(&q)
		plan, _ := json.Marshal(q)
		_, err := Prepare(strings.NewReader(`{"format": "corepath", "version": 1, "plan": `+string(plan)+`, "sessions": []}`), st, importOpts())
		wantError(t, err, kind)
	}
}

// By default an import keeps every plan record the store has otherwise, of each kind, so that
// an export taken before an edit never undoes it; it adds those the store lacks, and the
// summary names what it kept and the flag that takes the file's.
func TestAnOlderExportKeepsThePlanRecordsTheStoreHasOtherwise(t *testing.T) {
	st := openStore(t)
	attempt, err := st.PutAttempt(tracker.Attempt{Exam: "350-501", Kind: tracker.AttemptExam, Date: "2026-11-15", Result: tracker.Fail, Score: 650, ScoreMax: 1000})
	if err != nil {
		t.Fatal(err)
	}
	credit, err := st.PutCredit(tracker.Credit{Activity: "Cisco Live session", Credits: 4, Date: "2026-11-20", State: tracker.CreditCompleted})
	if err != nil {
		t.Fatal(err)
	}
	before, _ := st.Plan() // as an export taken now would hold it

	// The edits made after the export, one of each kind of plan record.
	edited := before.Clone()
	edited.Topics[0].Confidence = 4
	edited.Milestones[0].Note = "booked"
	edited.Goals.WeeklyHours++
	edited.Settings.StreakMinutes = 45
	edited.Program.Name = "BSc Network Engineering"
	attempt.Score = 700
	credit.Credits = 6
	for _, err := range []error{
		put(st.PutTopic(edited.Topics[0])), put(st.PutMilestone(edited.Milestones[0])), st.PutGoals(edited.Goals),
		st.PutSettings(edited.Settings), st.PutProgram(edited.Program), put(st.PutAttempt(attempt)), put(st.PutCredit(credit)),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	// The export, with one record the store lacks, which the import adds.
	plan := before.Clone()
	plan.Courses = append(plan.Courses, tracker.Course{ID: "c1", Code: "CS101", Title: "Networks", Credits: 3, Status: tracker.CoursePlanned})
	planJSON, _ := json.Marshal(plan)
	text := `{"format": "corepath", "version": 1, "plan": ` + string(planJSON) + `, "sessions": []}`

	kept := []string{
		"topic " + before.Topics[0].ID + " " + before.Topics[0].Name,
		"milestone " + before.Milestones[0].ID + " " + before.Milestones[0].Title,
		"the degree program", "the weekly goals", "the study settings",
		"exam attempt " + attempt.ID + " 350-501 exam on 2026-11-15",
		"CE activity " + credit.ID + " Cisco Live session",
	}
	im, err := Prepare(strings.NewReader(text), st, importOpts())
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(im.KeptPlan, kept) || !reflect.DeepEqual(im.PlanChanges, []string{"course c1 CS101 Networks (added)"}) {
		t.Errorf("kept %q\nwant %q\nchanges %q", im.KeptPlan, kept, im.PlanChanges)
	}
	line := "Plan: would keep 7 plan records as they are here; the file's differ: " + strings.Join(kept, ", ") + "; a replace"
	if sum := im.Summary(false, testWording); !strings.Contains(sum, line) {
		t.Errorf("the preview does not say what it keeps:\n%s\nwant the line\n%s", sum, line)
	}
	if _, err := im.Apply(st); err != nil {
		t.Fatal(err)
	}
	if sum := im.Summary(true, testWording); !strings.Contains(sum, "Plan: kept 7 plan records as they are here") {
		t.Errorf("the summary does not say what it kept:\n%s", sum)
	}
	after, _ := st.Plan()
	if _, ok := after.Course("c1"); !ok {
		t.Error("the course the store lacked was not added")
	}
	after.Courses = edited.Courses
	edited.Attempts, edited.Credits = after.Attempts, after.Credits // compared below
	if !reflect.DeepEqual(after, edited) {
		t.Errorf("the import changed the edited plan:\n%+v\nwant\n%+v", after, edited)
	}
	if a, _ := after.Attempt(attempt.ID); a.Score != 700 {
		t.Errorf("the attempt after the import: %+v", a)
	}
	if c, _ := after.Credit(credit.ID); c.Credits != 6 {
		t.Errorf("the CE activity after the import: %+v", c)
	}

	opt := importOpts()
	opt.ReplacePlan = true
	if _, err := importString(t, st, text, opt); err != nil {
		t.Fatal(err)
	}
	if replaced, _ := st.Plan(); !reflect.DeepEqual(replaced, plan) {
		t.Errorf("--replace-plan did not take the file's plan:\n%+v\nwant\n%+v", replaced, plan)
	}
}

func put[T any](_ T, err error) error { return err }

// Every problem of a file is reported in one pass, those found reading it with those found
// checking it against the store, so that one round of corrections is enough; a record in the
// future is described for a file, not for a session being typed.
func TestAllProblemsOfAFileAreReportedAtOnce(t *testing.T) {
	toggl := togglHeader +
		"Ada,a@x,,BGP,,,No,2026-12-05,09:00:00,2026-12-05,10:00:00,01:00:00,,\n" +
		"Ada,a@x,,BGP,,,No,2026-11-25,19:30:00,2026-11-25,20:30:00,01:00:00,,\n" +
		"Ada,a@x,,BGP,,,No,2026-13-16,09:00:00,2026-13-16,10:00:00,01:00:00,,\n"
	st := openStore(t)
	before := fileBytes(t, st)
	_, err := importString(t, st, toggl, importOpts())
	wantError(t, err, "3 records cannot be imported:",
		`line 4: "2026-13-16" is not a date`,
		"line 2: starts in the future (2026-12-05 09:00): correct the row or leave it out",
		"line 3: ends in the future (2026-11-25 20:30): correct the row or leave it out")
	unchanged(t, st, before)

	corepath := `{"format": "corepath", "version": 1, "plan": {"topics": [{"name": "Nameless topic", "track": "skills"}]}, "sessions": [{"id": "x"}]}`
	_, err = importString(t, st, corepath, importOpts())
	wantError(t, err, "2 records cannot be imported:", `session 1: "x" is not a session id`, `topic "Nameless topic" has no id`)
	unchanged(t, st, before)
}

// A file imported again creates no topic: the one its records would go to was made the first
// time, and a topic made now for records all present would stay empty.
func TestAFileImportedAgainCreatesNoTopic(t *testing.T) {
	db := openStore(t)
	file := togglHeader + "Ada,a@x,,Kubernetes,,pods,No,2026-11-20,18:00:00,2026-11-20,19:30:00,01:30:00,,\n"
	first, err := importString(t, db, file, importOpts())
	if err != nil || first.Added != 1 || len(first.NewTopics) != 1 {
		t.Fatalf("first import: added %d, new topics %v, %v", first.Added, first.NewTopics, err)
	}
	// The topic renamed since: its records are still found, and the file names a topic that no
	// longer exists by that name.
	topic := first.NewTopics[0]
	topic.Name = "Kubernetes for SP"
	if _, err := db.PutTopic(topic); err != nil {
		t.Fatal(err)
	}
	again, err := importString(t, db, file, importOpts())
	if err != nil || again.Added != 0 || again.Skipped != 1 || len(again.NewTopics) != 0 {
		t.Errorf("again: added %d, skipped %d, new topics %v, %v", again.Added, again.Skipped, again.NewTopics, err)
	}
	p, _ := db.Plan()
	for _, tp := range p.Topics {
		if tp.Name == "Kubernetes" {
			t.Errorf("an empty topic %q was made by the second import", tp.Name)
		}
	}
}

// Sessions of a Corepath file whose times cannot be read are listed together with their
// numbers, in words, and nothing is imported.
func TestUnreadableTimesOfACorepathFileAreAllListed(t *testing.T) {
	db := openStore(t)
	before := fileBytes(t, db)
	session := func(id, start, end string) string {
		return `{"id":"` + id + `","start":"` + start + `","end":"` + end + `","topic_id":"t1","kind":"lab","created":"2026-11-20T19:00:00Z","updated":"2026-11-20T19:00:00Z"}`
	}
	file := `{"format":"corepath","version":1,"plan":{},"sessions":[` +
		session("01900000-0000-7000-8000-000000000001", "2026-11-20T18:00:00Z", "2026-11-20T19:00:00Z") + "," +
		session("01900000-0000-7000-8000-000000000002", "garbage", "2026-11-20T19:00:00Z") + "," +
		session("01900000-0000-7000-8000-000000000003", "2026-11-21T18:00:00Z", "2026-13-45T00:00:00Z") + `]}`
	_, err := importString(t, db, file, importOpts())
	wantError(t, err, "2 records cannot be imported", `session 2: "garbage" is not a time like 2026-11-20T18:00:00Z`,
		`session 3: "2026-13-45T00:00:00Z" is not a time: a year has no month 13`)
	unchanged(t, db, before)
}

// A tag written without its topic's punctuation goes to that topic: "isis" is IS-IS, not a
// new topic beside it. A name that so names no one topic is a new topic still.
func TestATagWithoutItsPunctuationNamesTheTopic(t *testing.T) {
	db := openStore(t)
	res, err := importString(t, db, "inc 20261120T180000Z - 20261120T190000Z # isis\ninc 20261121T180000Z - 20261121T190000Z # kubernetes\n", importOpts())
	if err != nil {
		t.Fatal(err)
	}
	if len(res.NewTopics) != 1 || res.NewTopics[0].Name != "kubernetes" {
		t.Errorf("new topics %v, want kubernetes alone", res.NewTopics)
	}
	got := allSessions(t, db)
	if len(got) != 2 || got[0].TopicID != topicID(t, db, "IS-IS") {
		t.Errorf("the isis interval went to %q, not IS-IS", got[0].TopicID)
	}
}

// A Toggl entry whose Duration is not its start to its end (3:05:00 for 18:00 to 19:05) is
// counted by its times, and the summary says the file gave another length.
func TestADurationOtherThanTheTimesIsSaid(t *testing.T) {
	st := openStore(t)
	file := togglHeader + "Ada,a@x,,BGP,,,No,2026-11-20,18:00:00,2026-11-20,19:05:00,03:05:00,,\n" +
		"Ada,a@x,,BGP,,,No,2026-11-21,18:00:00,2026-11-21,19:00:00,01:00:00,,\n"
	im, err := Prepare(strings.NewReader(file), st, importOpts())
	if err != nil {
		t.Fatal(err)
	}
	summary := im.Summary(false, Wording{})
	if want := "1 entry gives a Duration other than the time from start to end, which was counted, as the entry's times say (line 2: 3h5m in the file, 1h5m from 2026-11-20 18:00 to 19:05)"; !strings.Contains(summary, want) {
		t.Errorf("summary:\n%s\nwant %q", summary, want)
	}
	if len(im.Sessions) != 2 || im.Sessions[0].Duration != 65*time.Minute {
		t.Errorf("sessions %+v", im.Sessions)
	}
}

// A forgotten Timewarrior timer, worked by hand: the interval open since 19:00 becomes the
// timer, which is stopped here at 19:40 (40m). The next export, with the interval closed at
// 19:50 in Timewarrior, adds nothing: the session stays 40m, once, and the summary says why.
// Closed at import time (--close-open), the same holds.
func TestAnIntervalImportedOpenAndStoppedHereIsNotAddedAgain(t *testing.T) {
	st := openStore(t)
	open := "inc 20261125T180000Z - 20261125T183000Z # OSPF\ninc 20261125T190000Z # IS-IS # \"forgot to stop\"\n"
	closed := "inc 20261125T180000Z - 20261125T183000Z # OSPF\ninc 20261125T190000Z - 20261125T195000Z # IS-IS # \"forgot to stop\"\n"
	if res, err := importString(t, st, open, importOpts()); err != nil || !res.TimerStarted {
		t.Fatalf("%+v %v", res, err)
	}
	if _, err := st.StopTimer(testNow.Add(-20*time.Minute), nil); err != nil {
		t.Fatal(err)
	}
	im, err := Prepare(strings.NewReader(closed), st, importOpts())
	if err != nil {
		t.Fatal(err)
	}
	if len(im.Sessions) != 0 || im.Skipped != 1 || len(im.KeptStopped) != 1 || im.Writes() {
		t.Fatalf("the closed interval again: %d to add, %d skipped, kept %v", len(im.Sessions), im.Skipped, im.KeptStopped)
	}
	if sum := im.Summary(false, testWording); !strings.Contains(sum, "Would keep 1 session as it is here: an earlier import took the interval while it was still open, and it was ended here: IS-IS from 2026-11-25 19:00 (the file ends it at 19:50).") {
		t.Errorf("summary:\n%s", sum)
	}
	var total time.Duration
	for _, s := range allSessions(t, st) {
		total += s.Duration
	}
	if total != 30*time.Minute+40*time.Minute {
		t.Errorf("%v in the store, want 1h10m", total)
	}

	closedAtImport := openStore(t)
	old := importOpts()
	old.Now = testNow.Add(48 * time.Hour) // the interval is stale: closed at a time given
	old.CloseOpenAt = testNow.Add(-30 * time.Minute)
	if res, err := importString(t, closedAtImport, open, old); err != nil || res.Added != 2 {
		t.Fatalf("closing at import: %+v %v", res, err)
	}
	later := importOpts()
	later.Now = old.Now
	if res, err := importString(t, closedAtImport, closed, later); err != nil || res.Added != 0 {
		t.Errorf("the closed interval after it was closed at import: %+v %v", res, err)
	}
}

// A Toggl report imported as Clockify (or the other way) is refused: read as the other app's,
// its records got that app's identities, and a file imported before was added a second time.
func TestACSVOfOneAppIsRefusedAsTheOthers(t *testing.T) {
	st := openStore(t)
	toggl := togglHeader + "Ada,a@x,,BGP,,,No,2026-11-20,18:00:00,2026-11-20,19:00:00,01:00:00,,\n"
	clockify := clockifyHeader + "BGP,,,,Ada,,a@x,,No,2026-11-21,18:00:00,2026-11-21,19:00:00,01:00:00,1.00,0,0\n"
	if res, err := importString(t, st, toggl, importOpts()); err != nil || res.Added != 1 {
		t.Fatalf("%+v %v", res, err)
	}
	before := fileBytes(t, st)
	opt := importOpts()
	opt.Format = Clockify
	_, err := importString(t, st, toggl, opt)
	wantError(t, err, "this file is a Toggl Track detailed report, not a Clockify one (its header says so): import it with --format toggl, or without --format")
	opt.Format = Toggl
	_, err = importString(t, st, clockify, opt)
	wantError(t, err, "this file is a Clockify detailed report, not a Toggl Track one")
	opt.Format = Corepath
	_, err = importString(t, st, toggl, opt)
	wantError(t, err, "this is not a Corepath export, which is a JSON object ({ … }): import it without --format")
	unchanged(t, st, before)
}

// A file Corepath knows and does not read is named: an iCalendar export, a Toggl summary
// report (totals, no dates); and a cut-short export says which part was cut.
func TestFilesNotReadAreNamed(t *testing.T) {
	st := openStore(t)
	for text, want := range map[string]string{
		"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nDTSTART:20261102T180000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n": "this is an iCalendar file: Corepath writes them for calendars and does not read them back",
		"Project,Client,Duration,Amount ()\nBGP,,02:45:00,\n":                                                           "this looks like a Toggl Track or Clockify summary report, which gives totals per project and no dates",
		`{"format": "corepath", "version": 1, "plan": {"topics": [`:                                                     `the file's "plan": the file ends before JSON is complete; it may have been cut short`,
	} {
		_, err := Prepare(strings.NewReader(text), st, importOpts())
		wantError(t, err, want)
	}
}

// A session deleted here does not come back from a file that still has it: the same
// Timewarrior data again, its next export with the interval as it was, or an older Corepath
// export. The summary says they were left out and when they were deleted. Put back by undo
// (the same id stored again), it is simply present again.
func TestADeletedSessionIsNotImportedAgain(t *testing.T) {
	st := openStore(t)
	data := "inc 20261125T180000Z - 20261125T183000Z # OSPF\ninc 20261125T190000Z - 20261125T194000Z # IS-IS\n"
	if res, err := importString(t, st, data, importOpts()); err != nil || res.Added != 2 {
		t.Fatalf("%+v %v", res, err)
	}
	backup := exportString(t, st, ExportOptions{Format: JSON})
	var isis tracker.Session
	for _, s := range allSessions(t, st) {
		if s.TopicID == topicID(t, st, "IS-IS") {
			isis = s
		}
	}
	gone, err := st.DeleteSession(isis.ID)
	if err != nil {
		t.Fatal(err)
	}
	for name, file := range map[string]string{"the Timewarrior data": data, "the older Corepath export": backup} {
		res, err := importString(t, st, file, importOpts())
		if err != nil || res.Added != 0 || len(res.LeftOut) != 1 || !strings.Contains(res.LeftOut[0].Reason, "deleted here on 2026-11-25, so not brought back") || res.LeftOut[0].Count != 1 {
			t.Errorf("%s again: %+v %v", name, res, err)
		}
	}
	if n := len(allSessions(t, st)); n != 1 {
		t.Errorf("%d sessions after the imports, want 1", n)
	}
	if _, err := st.AddSession(gone); err != nil { // what Undo does
		t.Fatal(err)
	}
	if res, err := importString(t, st, data, importOpts()); err != nil || res.Added != 0 || res.Skipped != 2 || len(res.LeftOut) != 0 {
		t.Errorf("after the undo: %+v %v", res, err)
	}
}

// The interval whose timer still runs here, closed in the file since, ends the timer where
// the file ends it, not when someone thinks to stop it here: one session, of the file's
// length, which the file read again finds.
func TestAnIntervalWhoseTimerRunsHereEndsItAtTheFilesEnd(t *testing.T) {
	st := openStore(t)
	open := "inc 20261125T190000Z # IS-IS\n"
	closed := "inc 20261125T190000Z - 20261125T194000Z # IS-IS\n"
	if res, err := importString(t, st, open, importOpts()); err != nil || !res.TimerStarted {
		t.Fatalf("%+v %v", res, err)
	}
	timer, _, _ := st.Timer()
	im, err := Prepare(strings.NewReader(closed), st, importOpts())
	if err != nil || im.EndTimer == nil || len(im.Sessions) != 0 || len(im.LeftOut) != 0 {
		t.Fatalf("the closed interval with its timer running: %+v %v", im, err)
	}
	if sum := im.Summary(false, testWording); !strings.Contains(sum, "Would end the running timer for IS-IS at 2026-11-25 19:40, where the file has it stopped: it is the session of 40m from 19:00") {
		t.Errorf("summary:\n%s", sum)
	}
	res, err := im.Apply(st)
	if err != nil || !res.TimerEnded || res.Added != 0 {
		t.Fatalf("%+v %v", res, err)
	}
	if _, ok, _ := st.Timer(); ok {
		t.Error("the timer still runs")
	}
	got := allSessions(t, st)
	if len(got) != 1 || got[0].ID != timer.ID || got[0].Duration != 40*time.Minute || !got[0].Start.Equal(timer.Start) {
		t.Fatalf("sessions: %+v", got)
	}
	if res, err := importString(t, st, closed, importOpts()); err != nil || res.Added != 0 || res.Skipped != 1 || res.TimerEnded {
		t.Errorf("the file again: %+v %v", res, err)
	}
}

// A Corepath file's session with the id of the timer running here (started from that
// machine's export, stopped there since) ends the timer with the file's session, its end and
// its note: the timer left running would replace that session when stopped.
func TestACorepathSessionOfTheRunningTimerEndsIt(t *testing.T) {
	a, b := openStore(t), openStore(t)
	started, err := a.StartTimer(tracker.Session{TopicID: topicID(t, a, "MPLS"), Start: testNow.Add(-90 * time.Minute)})
	if err != nil {
		t.Fatal(err)
	}
	if res, err := importString(t, b, exportString(t, a, ExportOptions{Format: JSON}), importOpts()); err != nil || !res.TimerStarted {
		t.Fatalf("the running timer: %+v %v", res, err)
	}
	if _, err := a.StopTimer(testNow.Add(-75*time.Minute), func(s *tracker.Session) { s.Note = "stopped on A" }); err != nil {
		t.Fatal(err)
	}
	res, err := importString(t, b, exportString(t, a, ExportOptions{Format: JSON}), importOpts())
	if err != nil || !res.TimerEnded || res.Added != 0 {
		t.Fatalf("the stopped session: %+v %v", res, err)
	}
	if _, ok, _ := b.Timer(); ok {
		t.Error("the timer still runs")
	}
	got := allSessions(t, b)
	if len(got) != 1 || got[0].ID != started.ID || got[0].Duration != 15*time.Minute || got[0].Note != "stopped on A" {
		t.Errorf("sessions: %+v", got)
	}
}

// A French report imported before Corepath read its dates day first is not added again on the
// right days beside the sessions on the wrong ones: the summary says which, and how to mend
// them. Deleted, they come back on the right days.
func TestAReportImportedMonthFirstBeforeIsNotAddedAgain(t *testing.T) {
	st := openStore(t)
	report := "Utilisateur;E-mail;Client;Projet;Tâche;Description;Facturable;Date de début;Heure de début;Date de fin;Heure de fin;Durée;Étiquettes\n" +
		"Camille;c@x;;MPLS;;Révision;Non;02/11/2026;09:00:00;02/11/2026;10:30:00;01:30:00;labo\n"
	// As the import before the rule read it: the same row with its date month first, which
	// gives it the identity of 11 February (the 02/11 read as MM/DD).
	english := "User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,Duration,Tags\n"
	src, err := read(strings.NewReader(english+"Camille,c@x,,MPLS,,Révision,Non,02/11/2026,09:00:00,02/11/2026,10:30:00,01:30:00,labo\n"), Toggl, time.UTC, "")
	if err != nil {
		t.Fatal(err)
	}
	old := src.records.at(0).s
	old.TopicID = topicID(t, st, "MPLS")
	if _, err := st.AddSession(old); err != nil {
		t.Fatal(err)
	}
	res, err := importString(t, st, report, importOpts())
	if err != nil || res.Added != 0 || len(res.LeftOut) != 1 || !strings.Contains(res.LeftOut[0].Reason, "imported before with the day and month of their dates read the other way round, so on other days (2026-02-11 for 2026-11-02)") || res.LeftOut[0].Where != "line 2" {
		t.Fatalf("the report again: %+v %v", res, err)
	}
	for _, s := range allSessions(t, st) {
		if _, err := st.DeleteSession(s.ID); err != nil {
			t.Fatal(err)
		}
	}
	if res, err := importString(t, st, report, importOpts()); err != nil || res.Added != 1 {
		t.Errorf("after the delete: %+v %v", res, err)
	}
}

// An entry edited in the other app after its import (a new description) is another record, and
// is added; the summary says that it is over the time of a session already here, which may be
// the same study counted twice. An entry elsewhere gets no such note.
func TestAnImportedSessionOverAnotherIsSaid(t *testing.T) {
	st := openStore(t)
	row := func(desc, day string) string {
		return "Ada,a@x,,OSPF,," + desc + ",No," + day + ",18:00:00," + day + ",18:45:00,00:45:00,,\n"
	}
	opt := ImportOptions{Loc: time.UTC, Now: testNow, Format: Toggl}
	if _, err := importString(t, st, togglHeader+row("LSA types", "2026-11-20"), opt); err != nil {
		t.Fatal(err)
	}
	im, err := Prepare(strings.NewReader(togglHeader+row("LSA types 1-7", "2026-11-20")+row("areas", "2026-11-22")), st, opt)
	if err != nil {
		t.Fatal(err)
	}
	sum := im.Summary(false, testWording)
	if len(im.Sessions) != 2 || !strings.Contains(sum, "1 session is over the time of sessions already here (line 2, 45m from 2026-11-20 18:00): if it is the same study, its time is counted twice") {
		t.Errorf("summary:\n%s", sum)
	}
}

// Two exports of one English Toggl account: the first's dates read either way and were read
// month first; the second has a 25/11 and is read day first. The rows of both are not added a
// second time on other days: the summary names them, and how to have them on the right days.
func TestTheSameRowsReadTheOtherWayRoundAreNotAddedTwice(t *testing.T) {
	st := openStore(t)
	a := "Ada,a@x,,BGP,,a,No,02/11/2026,09:00:00,02/11/2026,10:00:00,01:00:00,,\n"
	b := "Ada,a@x,,BGP,,b,No,03/11/2026,09:00:00,03/11/2026,10:00:00,01:00:00,,\n"
	c := "Ada,a@x,,BGP,,c,No,25/11/2026,09:00:00,25/11/2026,10:00:00,01:00:00,,\n"
	opt := ImportOptions{Loc: time.UTC, Now: testNow, Format: Toggl}
	if res, err := importString(t, st, togglHeader+a+b, opt); err != nil || res.Added != 2 {
		t.Fatalf("%+v %v", res, err)
	}
	res, err := importString(t, st, togglHeader+a+b+c, opt)
	if err != nil || res.Added != 1 || len(res.LeftOut) != 1 || res.LeftOut[0].Count != 2 ||
		!strings.Contains(res.LeftOut[0].Reason, "(2026-02-11 for 2026-11-02, 2026-03-11 for 2026-11-03)") {
		t.Errorf("the second export: %+v %v", res, err)
	}
	if n := len(allSessions(t, st)); n != 3 {
		t.Errorf("%d sessions, want 3", n)
	}
}

// corepathFile is a Corepath export of plan with the sessions given, as JSON objects.
func corepathFile(t *testing.T, plan tracker.Plan, sessions ...string) string {
	t.Helper()
	planJSON, err := json.Marshal(plan)
	if err != nil {
		t.Fatal(err)
	}
	return `{"format": "corepath", "version": 1, "plan": ` + string(planJSON) + `, "sessions": [` + strings.Join(sessions, ", ") + `]}`
}

func fileSessionJSON(id, topic, start, end string) string {
	return `{"id": "` + id + `", "topic_id": "` + topic + `", "start": "` + start + `", "end": "` + end + `", "kind": "study", "created": "` + end + `", "updated": "` + end + `"}`
}

// Another store's export whose topic id is another topic here (each store numbers its own):
// the id does not decide, its sessions go by the topic's name as a CSV's do, and
// --replace-plan does not rename this store's topic to the file's.
func TestAnotherStoresTopicOfTheSameIDGoesByName(t *testing.T) {
	st := openStore(t)
	foo, err := st.PutTopic(tracker.Topic{Name: "Foo", Track: tracker.TrackSkills})
	if err != nil {
		t.Fatal(err)
	}
	p, _ := st.Plan()
	theirs := p.Clone()
	bar, _ := theirs.Topic(foo.ID)
	bar.Name = "Bar" // the other store's topic of that id
	theirs.Topics = append(theirs.Topics, tracker.Topic{ID: "t9001", ParentID: foo.ID, Name: "Baz", Track: tracker.TrackSkills, Order: 9001})
	text := corepathFile(t, theirs,
		fileSessionJSON("01a231f5-adf3-717e-8828-83ef9884aa90", foo.ID, "2026-11-20T18:00:00Z", "2026-11-20T19:00:00Z"),
		fileSessionJSON("01a231f5-adf3-717e-8828-83ef9884aa91", "t9001", "2026-11-21T18:00:00Z", "2026-11-21T18:30:00Z"))
	for _, replace := range []bool{false, true} {
		opt := importOpts()
		opt.ReplacePlan = replace
		im, err := Prepare(strings.NewReader(text), st, opt)
		if err != nil {
			t.Fatal(err)
		}
		if sum := im.Summary(false, testWording); !strings.Contains(sum, `Note: the file's topic ("Bar", whose id `+foo.ID+` is "Foo" here) is taken for another store's`) ||
			!strings.Contains(sum, "Bar (new topic): 1 session, 1h") || !strings.Contains(sum, "Bar › Baz (new topic): 1 session, 30m") || strings.Contains(sum, "Plan: topic "+foo.ID) {
			t.Errorf("--replace-plan %v: summary:\n%s", replace, sum)
		}
	}
	if _, err := importString(t, st, text, importOpts()); err != nil {
		t.Fatal(err)
	}
	after, _ := st.Plan()
	if got, _ := after.Topic(foo.ID); got.Name != "Foo" {
		t.Errorf("this store's topic %s is now %q", foo.ID, got.Name)
	}
	for _, s := range allSessions(t, st) {
		if path := after.TopicPath(s.TopicID); s.TopicID == foo.ID || path != map[time.Duration]string{time.Hour: "Bar", 30 * time.Minute: "Bar › Baz"}[s.Duration] {
			t.Errorf("the %s session went to %s (%s)", s.Duration, s.TopicID, path)
		}
	}
	if res, err := importString(t, st, text, importOpts()); err != nil || res.Added != 0 || res.Skipped != 2 || len(res.NewTopics) != 0 {
		t.Errorf("the file again: %+v %v", res, err)
	}
}

// The same store's export with a topic renamed on one side keeps the id's meaning: a session
// both have is on it in both, so the file's new sessions on it count under it, and the summary
// says why.
func TestATopicRenamedOnOneSideKeepsItsSessions(t *testing.T) {
	st := openStore(t)
	foo, err := st.PutTopic(tracker.Topic{Name: "Foo", Track: tracker.TrackSkills})
	if err != nil {
		t.Fatal(err)
	}
	both := fileSessionJSON("01a231f5-adf3-717e-8828-83ef9884aa90", foo.ID, "2026-11-20T18:00:00Z", "2026-11-20T19:00:00Z")
	p, _ := st.Plan()
	if res, err := importString(t, st, corepathFile(t, p, both), importOpts()); err != nil || res.Added != 1 {
		t.Fatalf("%+v %v", res, err)
	}
	renamed := p.Clone()
	topic, _ := renamed.Topic(foo.ID)
	topic.Name = "Foo renamed"
	text := corepathFile(t, renamed, both, fileSessionJSON("01a231f5-adf3-717e-8828-83ef9884aa92", foo.ID, "2026-11-22T18:00:00Z", "2026-11-22T18:15:00Z"))
	im, err := Prepare(strings.NewReader(text), st, importOpts())
	if err != nil {
		t.Fatal(err)
	}
	if len(im.Sessions) != 1 || im.Sessions[0].TopicID != foo.ID || len(im.NewTopics) != 0 {
		t.Errorf("sessions %+v, new topics %+v", im.Sessions, im.NewTopics)
	}
	if sum := im.Summary(false, testWording); !strings.Contains(sum, `Note: a topic has another name (`+foo.ID+` is "Foo" here and "Foo renamed" in the file), with sessions that both have on it: taken for the same topic renamed on one side`) {
		t.Errorf("summary:\n%s", sum)
	}
}

// The timer of an interval imported while open, discarded here, is not brought back by the
// next export with the interval closed: it is left out as deleted, and --with-deleted takes it.
func TestADiscardedImportedTimerIsNotImportedClosed(t *testing.T) {
	st := openStore(t)
	if res, err := importString(t, st, "inc 20261125T190000Z # IS-IS\n", importOpts()); err != nil || !res.TimerStarted {
		t.Fatalf("%+v %v", res, err)
	}
	if _, err := st.CancelTimer(); err != nil {
		t.Fatal(err)
	}
	closed := "inc 20261125T190000Z - 20261125T194000Z # IS-IS\n"
	res, err := importString(t, st, closed, importOpts())
	if err != nil || res.Added != 0 || len(res.LeftOut) != 1 || res.LeftOut[0].Fix != FixWithDeleted {
		t.Errorf("the closed interval after the discard: %+v %v", res, err)
	}
	opt := importOpts()
	opt.WithDeleted = true
	if res, err := importString(t, st, closed, opt); err != nil || res.Added != 1 {
		t.Errorf("--with-deleted: %+v %v", res, err)
	}
}

// Rows of separators only, which a spreadsheet leaves after formatted cells, are blank lines, in
// the middle of a file or at its end, as a totals row was taken to be.
func TestRowsOfSeparatorsAreBlank(t *testing.T) {
	row := "Ada,a@x,,BGP,,,No,2026-11-20,18:00:00,2026-11-20,19:00:00,01:00:00,,\n"
	file := togglHeader + row + ",,,,,,,,,,,,,\n" + strings.Replace(row, "18:00:00,2026-11-20,19:00:00", "20:00:00,2026-11-20,21:00:00", 1) + ",,,,,,,,,,,,,\n \n"
	res, err := importString(t, openStore(t), file, importOpts())
	if err != nil || res.Added != 2 || len(res.LeftOut) != 0 {
		t.Fatalf("got %+v, %v", res, err)
	}
}

// corepath sessions --json's list is told from a Timewarrior export by its "topic_id" key; a
// Timewarrior tag of that name is not one.
func TestSessionsListingIsToldFromTimewarrior(t *testing.T) {
	cases := []struct {
		head string
		want bool
	}{
		{`[{"id":"01a2","start":"2026-11-20T18:00:00Z","minutes":45,"topic":"BGP","topic_id":"t5","tags":[]}]`, true},
		{"[\n  {\n    \"id\": \"01a2\",\n    \"topic_id\" : \"t5\"\n  }\n]", true},
		{`[{"id":1,"start":"20261120T180000Z","end":"20261120T184500Z","tags":["topic_id","BGP"]}]`, false},
		{`[{"id":1,"start":"20261120T180000Z","tags":["BGP"],"annotation":"see \"topic_id\" later"}]`, false},
		{`[]`, false},
		{`[`, false},
	}
	for _, c := range cases {
		if got := sessionsListing([]byte(c.head)); got != c.want {
			t.Errorf("sessionsListing(%s) = %v", c.head, got)
		}
	}
}

// A session edited by hand with a field the export does not have is refused with the fields it
// does have, not with encoding/json's words; one with a day its month has not, with the month's days.
func TestAHandEditedSessionIsRefusedWithWhatToMend(t *testing.T) {
	from := openStore(t)
	if _, err := from.AddSession(tracker.Session{TopicID: topicID(t, from, "BGP"), Start: testNow.Add(-2 * time.Hour), Duration: 45 * time.Minute}); err != nil {
		t.Fatal(err)
	}
	out := exportString(t, from, ExportOptions{Format: JSON})
	if !strings.Contains(out, `"topic_id":`) {
		t.Fatalf("the export names no topic_id:\n%s", out)
	}
	out = strings.Replace(out, `"topic_id":`, `"topic":`, 1)
	_, err := importString(t, openStore(t), out, importOpts())
	wantError(t, err, `session 1: "topic" is not a field that Corepath's export has here; its fields are id, start, end, planned_seconds, topic_id, milestone_id,`)

	// A day the month has not: what to mend, not the format, which was right.
	out = exportString(t, from, ExportOptions{Format: JSON})
	start := `"start":"` + testNow.Add(-2*time.Hour).UTC().Format(time.RFC3339) + `"`
	if !strings.Contains(out, start) {
		t.Fatalf("the export has no %s:\n%s", start, out)
	}
	out = strings.Replace(out, start, `"start":"2026-02-30T10:00:00Z"`, 1)
	_, err = importString(t, openStore(t), out, importOpts())
	wantError(t, err, `session 1: "2026-02-30T10:00:00Z" is not a time: February 2026 has 28 days`)
}

// A Timewarrior interval tagged with two of the plan's topics goes to the first, and the
// import says how many did so and how to send them to the other; a --map for the other takes
// them there, and an import again, which adds nothing, says nothing.
func TestARecordNamingTwoTopicsIsNoted(t *testing.T) {
	db := openStore(t)
	file := `[{"id":3,"start":"20261120T180000Z","end":"20261120T190000Z","tags":["BGP","Multicast"]},
{"id":2,"start":"20261121T180000Z","end":"20261121T190000Z","tags":["BGP","lab","Multicast"]},
{"id":1,"start":"20261122T180000Z","end":"20261122T190000Z","tags":["BGP","lab"]}]`
	im, err := Prepare(strings.NewReader(file), db, importOpts())
	if err != nil {
		t.Fatal(err)
	}
	want := "2 records name more than one of your topics (the first, BGP and Multicast): each went to the topic of its first such name, there BGP; an import that maps Multicast to its topic (--map) sends those that name it there instead, once the backup taken before this import is restored if it was made"
	if !slices.Contains(im.Notes, want) {
		t.Errorf("notes %q", im.Notes)
	}
	opt := importOpts()
	opt.Map = map[string]string{"Multicast": "Multicast"}
	mapped, err := Prepare(strings.NewReader(file), db, opt)
	if err != nil {
		t.Fatal(err)
	}
	if len(mapped.Notes) != 0 || mapped.TopicPath(mapped.Sessions[0].TopicID) != "Multicast" || mapped.TopicPath(mapped.Sessions[2].TopicID) != "BGP" {
		t.Errorf("with the map: notes %q, topics %s, %s", mapped.Notes, mapped.TopicPath(mapped.Sessions[0].TopicID), mapped.TopicPath(mapped.Sessions[2].TopicID))
	}
	if _, err := im.Apply(db); err != nil {
		t.Fatal(err)
	}
	again, err := Prepare(strings.NewReader(file), db, importOpts())
	if err != nil || len(again.Sessions) != 0 || len(again.Notes) != 0 {
		t.Errorf("again: %d sessions, notes %q, %v", len(again.Sessions), again.Notes, err)
	}
}

// A Corepath file's session that cannot be decoded (a start that is not a time) takes its place
// in the file's order among those that decode but are wrong, not after them.
func TestUndecodableSessionsAreListedInTheirPlace(t *testing.T) {
	session := func(id, start, end string) string {
		return fmt.Sprintf(`{"id":"%s","start":"%s","end":"%s","topic_id":"t5","kind":"study"}`, id, start, end)
	}
	file := `{"format":"corepath","version":1,"plan":{},"sessions":[` + strings.Join([]string{
		session("01a24259-573e-77b9-ade7-bbd6400ab2fc", "2026-11-20T10:00:00Z", "2026-11-20T10:00:00Z"), // no length
		session("01a24259-575a-7a4b-8977-9966ae2b000e", "garbage", "2026-11-20T10:50:00Z"),
		session("01a24258-93bf-7969-bdca-a84fdf5bbabc", "2026-11-21T10:00:00Z", "2026-11-21T09:00:00Z"), // ends first
		session("01a24258-93fa-7ce7-897c-ba9030665654", "2026-11-22T10:00:00Z", "later"),
	}, ",") + `]}`
	_, err := importString(t, openStore(t), file, importOpts())
	var ps *ProblemsError
	if !errors.As(err, &ps) || ps.Count != 4 {
		t.Fatalf("got %v", err)
	}
	for i, p := range ps.List {
		if want := fmt.Sprintf("session %d:", i+1); !strings.HasPrefix(p.Error(), want) || strings.Contains(p.Error(), want+" "+want) {
			t.Errorf("problem %d is %q, not at %s once", i+1, p, want)
		}
	}
}

// The file's topic of an id new here whose path names a topic here (a store's topic that the
// other store made by name from this store's file) is that topic: its sessions go to it, and
// the import is not refused for a second topic of one name.
func TestAnUnknownIDWhosePathIsATopicHereGoesToIt(t *testing.T) {
	st := openStore(t)
	beta, err := st.PutTopic(tracker.Topic{Name: "Beta There", Track: tracker.TrackSkills})
	if err != nil {
		t.Fatal(err)
	}
	p, _ := st.Plan()
	theirs := p.Clone()
	for i := range theirs.Topics { // the other store's topic of beta's id is another
		if theirs.Topics[i].ID == beta.ID {
			theirs.Topics[i].Name = "Alpha Here"
		}
	}
	theirs.Topics = append(theirs.Topics, tracker.Topic{ID: "t9002", Name: "Beta There", Track: tracker.TrackSkills, Order: 9002})
	text := corepathFile(t, theirs, fileSessionJSON("01a231f5-adf3-717e-8828-83ef9884aa93", "t9002", "2026-11-20T18:00:00Z", "2026-11-20T18:30:00Z"))
	res, err := importString(t, st, text, importOpts())
	if err != nil || res.Added != 1 {
		t.Fatalf("%+v %v", res, err)
	}
	if got := allSessions(t, st); len(got) != 1 || got[0].TopicID != beta.ID {
		t.Errorf("the session went to %+v, not %s", got, beta.ID)
	}
}

// A subtopic whose parent was renamed on one side is the same subtopic: the file's sessions on
// it count under it here, not under a new parent made from the file's name.
func TestASubtopicOfARenamedParentKeepsItsSessions(t *testing.T) {
	st := openStore(t)
	alpha, err := st.PutTopic(tracker.Topic{Name: "Alpha", Track: tracker.TrackSkills})
	if err != nil {
		t.Fatal(err)
	}
	sub, err := st.PutTopic(tracker.Topic{Name: "Sub", ParentID: alpha.ID, Track: tracker.TrackSkills})
	if err != nil {
		t.Fatal(err)
	}
	both := fileSessionJSON("01a231f5-adf3-717e-8828-83ef9884aa94", alpha.ID, "2026-11-20T18:00:00Z", "2026-11-20T19:00:00Z")
	p, _ := st.Plan()
	if res, err := importString(t, st, corepathFile(t, p, both), importOpts()); err != nil || res.Added != 1 {
		t.Fatalf("%+v %v", res, err)
	}
	renamed := p.Clone()
	for i := range renamed.Topics {
		if renamed.Topics[i].ID == alpha.ID {
			renamed.Topics[i].Name = "Gamma"
		}
	}
	text := corepathFile(t, renamed, both, fileSessionJSON("01a231f5-adf3-717e-8828-83ef9884aa95", sub.ID, "2026-11-21T18:00:00Z", "2026-11-21T18:30:00Z"))
	res, err := importString(t, st, text, importOpts())
	if err != nil || res.Added != 1 || len(res.NewTopics) != 0 {
		t.Fatalf("%+v %v", res, err)
	}
	for _, s := range allSessions(t, st) {
		if s.Duration == 30*time.Minute && s.TopicID != sub.ID {
			t.Errorf("the subtopic's session went to %s, not %s", s.TopicID, sub.ID)
		}
	}
}

// The timer's session as the other machine edited it, moved to end before the timer's start
// here, still ends the timer with the file's session, rather than failing the import the
// preview said would work.
func TestATimersSessionEditedToEndBeforeItsStartHereEndsIt(t *testing.T) {
	st := openStore(t)
	p, _ := st.Plan()
	bgp, _ := tracker.MatchTopic(&p, "BGP")
	timer, err := st.StartTimer(tracker.Session{TopicID: bgp.ID, Start: testNow.Add(-40 * time.Minute)})
	if err != nil {
		t.Fatal(err)
	}
	from := testNow.Add(-3 * time.Hour).UTC()
	text := corepathFile(t, p, fileSessionJSON(timer.ID, bgp.ID, from.Format(time.RFC3339), from.Add(30*time.Minute).Format(time.RFC3339)))
	res, err := importString(t, st, text, importOpts())
	if err != nil || !res.TimerEnded {
		t.Fatalf("%+v %v", res, err)
	}
	got := allSessions(t, st)
	if len(got) != 1 || !got[0].Start.Equal(from) || got[0].Duration != 30*time.Minute {
		t.Errorf("sessions: %+v", got)
	}
}
