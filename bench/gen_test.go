package main

import (
	"bytes"
	"encoding/json"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"corepath/cli"
	"corepath/resources"
	"corepath/tracker"
)

var testEnd = time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)

func sample(t *testing.T, n int) []session {
	t.Helper()
	p, err := resources.DefaultPlan()
	if err != nil {
		t.Fatal(err)
	}
	ss, err := generate(&p, n, testEnd)
	if err != nil {
		t.Fatal(err)
	}
	return ss
}

func TestTimewLineIsWhatTimewWrites(t *testing.T) {
	// As timew 1.4.3 wrote it after "timew track ... IS-IS lab 'BGP › Route reflectors'" and
	// "timew annotate @1 'He said "up"'": tags sorted, quoted where timew quotes them.
	s := session{start: time.Date(2026, 11, 20, 18, 0, 0, 0, time.UTC), duration: 45 * time.Minute,
		path: "BGP › Route reflectors", tags: []string{"lab", "IS-IS"}, note: `He said "up"`}
	want := `inc 20261120T180000Z - 20261120T184500Z # "BGP › Route reflectors" "IS-IS" lab # "He said \"up\""`
	if got := timewLine(&s); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	s.note = ""
	if got := timewLine(&s); !strings.HasSuffix(got, "# \"BGP › Route reflectors\" \"IS-IS\" lab") {
		t.Errorf("without a note: %s", got)
	}
}

func TestTimewQuote(t *testing.T) {
	for in, want := range map[string]string{
		"lab": "lab", "BGP": "BGP", "a_b": `"a_b"`, "x/y": `"x/y"`, "two words": `"two words"`, `a"b`: `"a\"b"`,
	} {
		if got := timewQuote(in); got != want {
			t.Errorf("timewQuote(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestGenerateIsRepeatableAndNeverOverlaps(t *testing.T) {
	a, b := sample(t, 5000), sample(t, 5000)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("two runs generated different sessions")
	}
	topics := map[string]bool{}
	for i, s := range a {
		topics[s.topic] = true
		if len(s.tags) < 1 || len(s.tags) > 3 || !reflect.DeepEqual(s.tags, tracker.NormalizeTags(s.tags)) {
			t.Fatalf("session %d has tags %q", i, s.tags)
		}
		if (s.note != "") != (i%3 == 0) {
			t.Fatalf("session %d: note %q", i, s.note)
		}
		if i > 0 && a[i-1].start.Add(a[i-1].duration).After(s.start) {
			t.Fatalf("session %d overlaps the one before", i)
		}
	}
	if len(topics) != topicsMax {
		t.Errorf("%d topics, want %d", len(topics), topicsMax)
	}
	if years, _ := span(5000); a[0].start.Before(testEnd.AddDate(-years, 0, 0)) {
		t.Errorf("the first session starts at %v", a[0].start)
	}
}

// fakeExport is what timew export prints for the sessions.
func fakeExport(ss []session) []byte {
	type interval struct {
		Start string   `json:"start"`
		End   string   `json:"end"`
		Tags  []string `json:"tags"`
	}
	var out []interval
	for i := range ss {
		out = append(out, interval{ss[i].start.Format("20060102T150405Z"), ss[i].start.Add(ss[i].duration).Format("20060102T150405Z"), timewTags(&ss[i])})
	}
	data, _ := json.Marshal(out)
	return data
}

func corepathReport(t *testing.T, ss []session) []byte {
	t.Helper()
	dir := t.TempDir()
	if err := writeCorepath(dir, ss, testEnd); err != nil {
		t.Fatal(err)
	}
	var out, errs bytes.Buffer
	env := cli.Env{Stdout: &out, Stderr: &errs, Getenv: func(string) string { return "" },
		Now: func() time.Time { return testEnd }, Loc: time.UTC}
	if code := cli.Run([]string{"--data", dir, "report", "--all", "--json"}, env); code != 0 {
		t.Fatalf("corepath report: %d %s", code, errs.Bytes())
	}
	return out.Bytes()
}

func TestCompareTotalsAgreesAndCatchesADifference(t *testing.T) {
	ss := sample(t, 3000)
	report := corepathReport(t, ss)
	names, err := compareTotals(report, fakeExport(ss))
	if err != nil {
		t.Fatal(err)
	}
	if names != topicsMax+len(benchTags) {
		t.Errorf("compared %d names, want %d", names, topicsMax+len(benchTags))
	}
	ss[7].duration += time.Minute
	_, err = compareTotals(report, fakeExport(ss))
	if err == nil || !strings.Contains(err.Error(), ss[7].path) {
		t.Errorf("a minute more on %q went unnoticed: %v", ss[7].path, err)
	}
}

// With Timewarrior installed, timew itself reads the database written for it.
func TestTimewReadsTheDatabase(t *testing.T) {
	timew, err := exec.LookPath("timew")
	if err != nil {
		t.Skip("timew is not installed")
	}
	ss := sample(t, 3000)
	dir := filepath.Join(t.TempDir(), "timewarrior")
	if err := writeTimewarrior(dir, ss); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(timew, "export")
	cmd.Env = append(cmd.Environ(), "TIMEWARRIORDB="+dir)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	export, err := cmd.Output()
	if err != nil || stderr.Len() > 0 {
		t.Fatalf("timew export: %v %s", err, stderr.Bytes())
	}
	if _, err := compareTotals(corepathReport(t, ss), export); err != nil {
		t.Fatal(err)
	}
	var intervals []struct {
		Annotation string `json:"annotation"`
	}
	json.Unmarshal(export, &intervals)
	if len(intervals) != len(ss) || intervals[0].Annotation != ss[0].note {
		t.Errorf("timew exported %d intervals, the first annotated %q; want %d, %q", len(intervals), intervals[0].Annotation, len(ss), ss[0].note)
	}
}
