package app

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"corepath/cli"
	"corepath/replica"
	"corepath/resources"
	"corepath/storage"
	"corepath/tracker"
)

// eventually waits up to five seconds for cond, which reads the section under its lock: the
// syncer shows its results from its own goroutine under Fyne's test driver.
func eventually(t *testing.T, s *syncSection, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		s.shown.Lock()
		ok := cond()
		s.shown.Unlock()
		if ok {
			return
		}
	}
	t.Fatalf("after 5 s: %s", what)
}

// onSection runs f with the section's widgets to itself.
func onSection(s *syncSection, f func()) {
	s.shown.Lock()
	defer s.shown.Unlock()
	f()
}

func countIn(db *storage.DB) int {
	n := 0
	db.Sessions(tracker.Query{}, func(*tracker.Session) error { n++; return nil })
	return n
}

func TestSettingsSyncMergesAtStartOnFolderChangesAndAfterLocalChanges(t *testing.T) {
	folder := t.TempDir()
	now := time.Date(2026, 11, 25, 20, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	open := func() *storage.DB {
		db, err := storage.Open(t.TempDir(), storage.Options{Seed: resources.DefaultPlan, Now: clock})
		if err != nil {
			t.Fatal(err)
		}
		return db
	}
	// The other machine: a session, and sync on.
	other := open()
	otherSync, otherOpt := cli.SyncStore(other), cli.SyncOptions(other.Dir(), clock)
	if _, err := other.AddSession(tracker.Session{TopicID: "t1", Start: now.Add(-5 * time.Hour), Duration: time.Hour}); err != nil {
		t.Fatal(err)
	}
	if _, err := replica.Enable(otherSync, folder, "desktop", otherOpt); err != nil {
		t.Fatal(err)
	}

	db := open()
	u := New(test.NewTempApp(t), db, Options{Now: clock, Loc: time.UTC, Sync: cli.SyncStore(db), SyncOptions: cli.SyncOptions(db.Dir(), clock)})
	s := u.settings.sync
	onSection(s, u.Window().Show)
	t.Cleanup(func() {
		onSection(s, u.Window().Close)
		<-s.stopped
	})
	eventually(t, s, "the section says sync is off", func() bool { return strings.Contains(s.folder.Text, "Sync is off") })
	onSection(s, func() {
		s.name.SetText("laptop")
		s.enable(folder) // what choosing the folder in the dialog does
	})
	eventually(t, s, "the first merge brings the desktop's session", func() bool {
		return countIn(db) == 1 && strings.Contains(s.devices.Text, "desktop: last wrote") && strings.Contains(s.merged.Text, "sessions: 1 changed")
	})
	onSection(s, func() {
		if !strings.Contains(s.folder.Text, folder) || s.name.Text != "laptop" {
			t.Errorf("the section shows %q, name %q", s.folder.Text, s.name.Text)
		}
	})
	// The other machine writes again: the app notices the folder change and merges.
	other.AddSession(tracker.Session{TopicID: "t1", Start: now.Add(-3 * time.Hour), Duration: time.Hour})
	if _, err := replica.Sync(otherSync, otherOpt); err != nil {
		t.Fatal(err)
	}
	eventually(t, s, "the app merges the desktop's second session", func() bool { return countIn(db) == 2 })
	// A change made here goes to the folder without anyone asking.
	db.AddSession(tracker.Session{TopicID: "t2", Start: now.Add(-2 * time.Hour), Duration: time.Hour})
	eventually(t, s, "the desktop gets the laptop's session", func() bool {
		replica.Sync(otherSync, otherOpt)
		return countIn(other) == 3
	})
	onSection(s, s.off.OnTapped)
	eventually(t, s, "sync is off", func() bool { return strings.Contains(s.folder.Text, "Sync is off") })
	if countIn(db) != 3 || countIn(other) != 3 {
		t.Fatalf("after sync off: %d and %d sessions, want both stores whole", countIn(db), countIn(other))
	}
}
