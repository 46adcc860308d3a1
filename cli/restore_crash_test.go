package cli

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"corepath/resources"
	"corepath/storage"
	"corepath/tracker"
)

// TestKilledRestores kills "corepath restore" over a damaged store at random moments, 30 times:
// afterwards the folder always holds a store (the damaged one, or the restored one whole), the
// next open never makes an empty store, and no half-written copy is left behind.
func TestKilledRestores(t *testing.T) {
	if testing.Short() {
		t.Skip("kills 30 processes")
	}
	dir := t.TempDir()
	db, err := storage.Open(dir, storage.Options{Seed: resources.DefaultPlan})
	if err != nil {
		t.Fatal(err)
	}
	p, _ := db.Plan()
	topic, _ := tracker.MatchTopic(&p, "BGP")
	const n = 20000 // a backup of a few megabytes, so that a kill can land in the copy
	sessions := make([]tracker.Session, n)
	for i := range sessions {
		sessions[i] = tracker.Session{TopicID: topic.ID, Start: crashBase.Add(time.Duration(i) * time.Hour), Duration: time.Hour,
			Note: strings.Repeat("route reflectors ", 8)}
	}
	if _, err := db.AddSessions(sessions); err != nil {
		t.Fatal(err)
	}
	backup := filepath.Join(db.BackupDir(), "corepath-manual-20200101-000000.db")
	if err := db.Backup(backup); err != nil {
		t.Fatal(err)
	}
	store := filepath.Join(dir, storage.FileName)
	rng := rand.New(rand.NewPCG(4, 18))
	outcomes := map[string]int{}
	for run := range 30 {
		if err := os.WriteFile(store, []byte(strings.Repeat("damaged ", 2000)), 0o600); err != nil {
			t.Fatal(err)
		}
		cmd := subprocess(dir, "restore", backup)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(rng.IntN(150)) * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()

		if _, err := os.Stat(store); err != nil {
			t.Fatalf("run %d: no store is left: %v", run, err)
		}
		after, err := storage.Open(dir, storage.Options{Seed: resources.DefaultPlan})
		switch {
		case err == nil:
			got := 0
			after.Sessions(tracker.Query{}, func(*tracker.Session) error { got++; return nil })
			if got != n {
				t.Fatalf("run %d: the store opened with %d sessions, want %d", run, got, n)
			}
			outcomes["restored"]++
		case tracker.ErrorCode(err) == tracker.Damaged && strings.Contains(explain(err, "corepath"), "corepath restore "):
			outcomes["still damaged, with the way back"]++
		default:
			t.Fatalf("run %d: %v", run, err)
		}
		if left, _ := filepath.Glob(filepath.Join(dir, "*.partial")); len(left) > 0 {
			t.Fatalf("run %d: %v left after the next open", run, left)
		}
	}
	t.Logf("30 killed restores: %v", outcomes)
}

// A command that finds the store held by another program waits for it (longer than the app
// would) and says that it is waiting and for whom, then does its work.
func TestCommandWaitsForTheStoreAndSaysSo(t *testing.T) {
	dir := t.TempDir()
	if out, err := subprocess(dir, "where").CombinedOutput(); err != nil {
		t.Fatalf("%v %s", err, out)
	}
	held, err := bolt.Open(filepath.Join(dir, storage.FileName), 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	time.AfterFunc(2500*time.Millisecond, func() { held.Close() })
	out, err := subprocess(dir, "log", "45m", "--topic", "BGP").CombinedOutput()
	want := "corepath: waiting for process " + strconv.Itoa(os.Getpid())
	if err != nil || !strings.Contains(string(out), want) || !strings.Contains(string(out), "Logged 45m of BGP") {
		t.Errorf("%v: %s; want %q and the session logged", err, out, want)
	}
}
