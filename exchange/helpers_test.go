package exchange

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"corepath/resources"
	"corepath/storage"
	"corepath/tracker"
)

var testNow = time.Date(2026, 11, 25, 20, 0, 0, 0, time.UTC)

// testWording words an import's suggestions plainly, so that a test sees what the summary asks
// of the interface's wording.
var testWording = Wording{
	ShowDays:    func(from, to string) string { return "the sessions from " + from + " to " + to },
	ShowNamed:   func(what, name string) string { return "the sessions of the " + what + " " + name },
	Edit:        "an edit",
	SplitLong:   "a split",
	Fixes:       map[Fix]string{FixCloseOpen: "a close", FixStopTimer: "a stop"},
	ReplacePlan: "a replace",
}

func openStore(t testing.TB) *storage.DB {
	t.Helper()
	db, err := storage.Open(filepath.Join(t.TempDir(), "data"), storage.Options{Seed: resources.DefaultPlan, Now: func() time.Time { return testNow }})
	if err != nil {
		t.Fatal(err)
	}
	return db
}

func topicID(t testing.TB, st tracker.Store, name string) string {
	t.Helper()
	p, err := st.Plan()
	if err != nil {
		t.Fatal(err)
	}
	topic, err := tracker.MatchTopic(&p, name)
	if err != nil {
		t.Fatal(err)
	}
	return topic.ID
}

func allSessions(t testing.TB, st tracker.Store) []tracker.Session {
	t.Helper()
	var out []tracker.Session
	err := st.Sessions(tracker.Query{}, func(s *tracker.Session) error {
		c := *s // the store reuses *s and its tags between calls
		c.Tags = append([]string(nil), s.Tags...)
		out = append(out, c)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func importOpts() ImportOptions {
	return ImportOptions{Loc: time.UTC, Now: testNow}
}

// importString prepares and applies an import of text.
func importString(t testing.TB, st tracker.Store, text string, opt ImportOptions) (Result, error) {
	t.Helper()
	im, err := Prepare(strings.NewReader(text), st, opt)
	if err != nil {
		return Result{}, err
	}
	return im.Apply(st)
}

// unchanged fails the test if the store's file differs from before.
func unchanged(t testing.TB, db *storage.DB, before []byte) {
	t.Helper()
	after, err := os.ReadFile(db.Path())
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before, after) {
		t.Error("the store's file changed")
	}
}

func fileBytes(t testing.TB, db *storage.DB) []byte {
	t.Helper()
	b, err := os.ReadFile(db.Path())
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// wantError fails the test unless err is a *tracker.Error whose message holds each of want.
func wantError(t testing.TB, err error, want ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error; want one with %q", want)
	}
	if _, ok := err.(*tracker.Error); !ok {
		t.Errorf("error %T is not a *tracker.Error: %v", err, err)
	}
	for _, w := range want {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error %q does not say %q", err, w)
		}
	}
}
