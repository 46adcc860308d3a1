package app

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"corepath/tracker"
)

// A note damaged by one flipped byte: the check the app runs after it opens finds it (the
// record's checksum no longer matches), says so with the backup, and the dialog's button
// restores that backup.
func TestBackgroundCheckOffersTheRestore(t *testing.T) {
	h := newHarness(t)
	s, err := h.db.AddSession(tracker.Session{TopicID: h.topicID("BGP"), Start: h.now.Add(-2 * time.Hour), Duration: time.Hour, Note: "good17"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := h.db.BackupBefore("test"); err != nil {
		t.Fatal(err)
	}
	content, _ := os.ReadFile(h.db.Path())
	content[bytes.Index(content, []byte("good17"))+1] = 0xff
	if err := os.WriteFile(h.db.Path(), content, 0o600); err != nil {
		t.Fatal(err)
	}
	h.u.checkStore() // what checkInBackground runs, here on the test's goroutine
	d := h.u.damage
	if d == nil {
		t.Fatal("the check found nothing")
	}
	if !strings.Contains(d.message.Text, "fails its checksum") || !strings.Contains(d.message.Text, "with 1 session") {
		t.Errorf("the message: %s", d.message.Text)
	}
	wantAppWording(t, "the damage dialog", d.message.Text, "Restore the newest good backup, below, puts it back and keeps the damaged file aside.")
	if d.restore == nil {
		t.Fatal("no restore offered")
	}
	test.Tap(d.restore)
	got, err := h.db.GetSession(s.ID)
	if err != nil || got.Note != "good17" {
		t.Errorf("after the restore: %+v, %v", got, err)
	}
	if _, err := h.db.Check(); err != nil {
		t.Errorf("the restored store: %v", err)
	}
}

// Closing the window backs up what changed since the newest backup.
func TestClosingBacksUpTheChanges(t *testing.T) {
	h := newHarness(t)
	if _, err := h.db.AddSession(tracker.Session{TopicID: h.topicID("BGP"), Start: h.now.Add(-2 * time.Hour), Duration: time.Hour}); err != nil {
		t.Fatal(err)
	}
	h.u.backupOnClose()
	b, ok := h.db.NewestGoodBackup()
	if !ok || !strings.Contains(b, "corepath-recent-") {
		t.Fatalf("no backup at close: %q", b)
	}
}

// With no good backup, the damage dialog offers to remove the sessions that cannot be read: after
// a question, the rest is kept, the screens show it, and the damaged file is kept aside.
func TestWithNoBackupTheDamagedSessionsCanBeRemoved(t *testing.T) {
	h := newHarness(t)
	for i, note := range []string{"keep me", "good17", "keep me too"} {
		if _, err := h.db.AddSession(tracker.Session{TopicID: h.topicID("BGP"), Start: h.now.Add(-time.Duration(i+2) * time.Hour), Duration: 30 * time.Minute, Note: note}); err != nil {
			t.Fatal(err)
		}
	}
	os.RemoveAll(h.db.BackupDir())
	content, _ := os.ReadFile(h.db.Path())
	os.WriteFile(h.db.Path(), bytes.ReplaceAll(content, []byte("good17"), []byte("gOod17")), 0o600)
	h.u.checkStore()
	d := h.u.damage
	if d == nil || d.restore != nil || d.drop == nil {
		t.Fatalf("the dialog offers restore %v, drop %v", d != nil && d.restore != nil, d != nil && d.drop != nil)
	}
	wantAppWording(t, "the damage dialog", d.message.Text, "with none, Remove the damaged sessions, below, keeps the damaged file aside")
	test.Tap(d.drop)
	ask := h.u.confirmDrop()
	ask.Confirm()
	if n, err := h.db.Check(); err != nil || n != 2 {
		t.Fatalf("after the removal: %d sessions, %v", n, err)
	}
	if len(h.u.sessions) != 2 || !strings.Contains(h.u.status.Text, "Removed 1 damaged session that could not be read; 2 sessions are left") {
		t.Errorf("the app shows %d sessions, and says %q", len(h.u.sessions), h.u.status.Text)
	}
	if kept, _ := filepath.Glob(h.db.Path() + ".damaged-*"); len(kept) != 1 {
		t.Errorf("the damaged file kept: %v", kept)
	}
}

// Damage that removing sessions cannot mend (a page of the tree zeroed), with no backup, is
// said so, and the dialog offers the data folder instead of a removal that would only fail.
func TestDamageBeyondTheSessionsIsNotOfferedARemoval(t *testing.T) {
	h := newHarness(t)
	for i := range 400 {
		if _, err := h.db.AddSession(tracker.Session{TopicID: h.topicID("BGP"), Start: h.now.Add(-time.Duration(i+2) * time.Hour), Duration: 30 * time.Minute, Note: strings.Repeat("n", 200)}); err != nil {
			t.Fatal(err)
		}
	}
	os.RemoveAll(h.db.BackupDir())
	content, _ := os.ReadFile(h.db.Path())
	mid := len(content) / 2 / 4096 * 4096
	copy(content[mid:mid+16384], make([]byte, 16384))
	os.WriteFile(h.db.Path(), content, 0o600)
	if h.db.Salvageable() {
		t.Fatal("a zeroed page tree is called salvageable")
	}
	h.u.checkStore()
	d := h.u.damage
	if d == nil || d.drop != nil || d.folder == nil || d.restore != nil {
		t.Fatalf("the dialog offers drop %v, folder %v, restore %v", d != nil && d.drop != nil, d != nil && d.folder != nil, d != nil && d.restore != nil)
	}
	wantAppWording(t, "the damage dialog", d.message.Text, "Removing the damaged sessions cannot mend this")
	if strings.Contains(d.message.Text, "Remove the damaged sessions, below") {
		t.Errorf("the dialog still points to a removal: %q", d.message.Text)
	}
}
