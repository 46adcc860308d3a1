package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	_ "time/tzdata"

	"fyne.io/fyne/v2/test"

	"corepath/tracker"
)

func TestExportAndImportWithPreview(t *testing.T) {
	src := newHarness(t)
	if _, err := src.db.AddSession(tracker.Session{TopicID: src.topicID("BGP"), Start: src.now.Add(-3 * time.Hour), Duration: time.Hour, Tags: []string{"lab"}}); err != nil {
		t.Fatal(err)
	}
	src.u.reload()
	dir := t.TempDir()
	for _, f := range exportFormats {
		src.u.exportTo(filepath.Join(dir, "out"+f.ext), f.format)
		if info, err := os.Stat(filepath.Join(dir, "out"+f.ext)); err != nil || info.Size() == 0 {
			t.Errorf("%s export: %v", f.format, err)
		}
	}
	if !strings.Contains(src.u.status.Text, "Exported 1 session") {
		t.Errorf("status: %q", src.u.status.Text)
	}

	dst := newHarness(t)
	p := dst.u.previewImport(filepath.Join(dir, "out.json"))
	if p == nil || len(p.im.Sessions) != 1 || dst.countSessions() != 0 || !strings.Contains(p.summary.Text, "Would add 1 session, 1h") {
		t.Fatalf("preview: %+v (store holds %d)", p, dst.countSessions())
	}
	test.Tap(p.apply)
	if dst.countSessions() != 1 || len(dst.u.sessions) != 1 || !strings.Contains(dst.u.status.Text, "backed up to") {
		t.Errorf("after import: %d sessions, %q", dst.countSessions(), dst.u.status.Text)
	}
	again := dst.u.previewImport(filepath.Join(dir, "out.json"))
	if again == nil || !again.apply.Disabled() || again.im.Skipped != 1 {
		t.Errorf("a second import offers to add: %+v", again)
	}
	os.WriteFile(filepath.Join(dir, "bad.csv"), []byte("\x89PNG\r\n\x1a\n\x00\x00"), 0o600)
	if dst.u.previewImport(filepath.Join(dir, "bad.csv")) != nil || dst.countSessions() != 1 {
		t.Error("a binary file was offered for import")
	}
}
