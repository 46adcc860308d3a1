package app

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// A write in the data folder is seen at once, not at the next poll: the poll here is an hour.
func TestAWriteInTheDataFolderIsSeenAtOnce(t *testing.T) {
	dir := t.TempDir()
	quit := make(chan struct{})
	changed := make(chan struct{}, 8)
	done := make(chan struct{})
	go func() {
		watchFolder(dir, time.Hour, quit, func() { changed <- struct{}{} })
		close(done)
	}()
	defer func() { close(quit); <-done }()
	deadline := time.After(10 * time.Second)
	for {
		// The watcher may not be in place for the first write: write until it is seen.
		if err := os.WriteFile(filepath.Join(dir, "corepath.db"), []byte(time.Now().String()), 0o600); err != nil {
			t.Fatal(err)
		}
		select {
		case <-changed:
			return
		case <-time.After(200 * time.Millisecond):
		case <-deadline:
			t.Fatal("a write in the data folder was not seen")
		}
	}
}
