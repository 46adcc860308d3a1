package main

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// The bare bbolt log really writes into the copy of the store, once a run, and leaves the
// store itself alone.
func TestLogFloorLogsIntoACopyOfTheStore(t *testing.T) {
	store := filepath.Join(t.TempDir(), "corepath.db")
	db, err := bolt.Open(store, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Update(func(tx *bolt.Tx) error { _, err := tx.CreateBucket([]byte("sessions")); return err }); err != nil {
		t.Fatal(err)
	}
	db.Close()

	work := t.TempDir()
	f, err := logFloor(work, store, 2)
	if err != nil {
		t.Fatal(err)
	}
	if f.start <= 0 || f.syncs <= 0 || f.bolt <= 0 {
		t.Fatalf("floor %+v", f)
	}
	count := func(path string) int {
		db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		n := 0
		db.View(func(tx *bolt.Tx) error {
			if b := tx.Bucket([]byte("floor")); b != nil {
				n = b.Stats().KeyN
			}
			return nil
		})
		return n
	}
	if n := count(filepath.Join(work, "floor", "store.db")); n != 3 {
		t.Errorf("the copy holds %d logged values, want 3 (a first run and two timed)", n)
	}
	if n := count(store); n != 0 {
		t.Errorf("the store itself holds %d logged values", n)
	}
}

// A floor above the log's goal says by how much, so that a missed target is not read as
// Corepath's own slowness alone.
func TestFloorRowsSayWhenTheFloorIsAboveTheGoal(t *testing.T) {
	rows := floorRows(floor{start: time.Millisecond, syncs: 200 * time.Microsecond, bolt: 1600 * time.Microsecond}, 3*time.Millisecond, 2)
	if len(rows) != 2 {
		t.Fatalf("%d rows", len(rows))
	}
	if !strings.Contains(rows[0].ratio, "left for the work") || !strings.Contains(rows[0].ratio, "0.3 ms") {
		t.Errorf("process floor: %q", rows[0].ratio)
	}
	if !strings.Contains(rows[1].ratio, "above the target") || !strings.Contains(rows[1].ratio, "0.1 ms") {
		t.Errorf("bbolt floor: %q", rows[1].ratio)
	}
}
