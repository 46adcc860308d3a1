package app

import (
	"strings"
	"testing"
	_ "time/tzdata"

	"fyne.io/fyne/v2/test"

	"corepath/tracker"
)

func TestStartupErrorOffersTheNewestBackup(t *testing.T) {
	a := test.NewTempApp(t)
	restored := false
	s := ShowStartupError(a, tracker.Errorf(tracker.Damaged, "/x/corepath.db cannot be read"), "/x/backups/b.db", func() error { restored = true; return nil })
	if s.Restore == nil || !strings.Contains(s.Message.Text, "cannot be read") {
		t.Fatal("no restore offered")
	}
	test.Tap(s.Restore)
	if !restored {
		t.Error("the button does not restore")
	}
	if none := ShowStartupError(a, tracker.Errorf(tracker.InUse, "in use"), "", nil); none.Restore != nil {
		t.Error("a restore offered without a backup")
	}
}
