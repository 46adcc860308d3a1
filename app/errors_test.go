package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"corepath/replica"
	"corepath/tracker"
)

// The app says what to do in its own terms: a field, a button, a tab; never a flag or a command.
func wantAppWording(t *testing.T, what, text string, says ...string) {
	t.Helper()
	for _, s := range says {
		if !strings.Contains(text, s) {
			t.Errorf("%s: %q does not say %q", what, text, s)
		}
	}
	if strings.Contains(text, "corepath ") || strings.Contains(text, "--") {
		t.Errorf("%s: %q speaks of the command line", what, text)
	}
}

// "rout" starts five topics of the default plan (two under BGP, one under each of IS-IS, OSPF
// and Security): the Topic field says so and points at its list.
func TestAnAmbiguousTopicIsWordedForTheForm(t *testing.T) {
	h := newHarness(t)
	f := h.u.log.form
	typeInto(f.topic, "rout")
	wantAppWording(t, "the Topic field", f.topicErr.Text, `"rout" could be 5 topics: pick one from the list`)
}

func TestAnImportedNameThatNamesNoTopicIsWordedForTheApp(t *testing.T) {
	h := newHarness(t)
	path := filepath.Join(t.TempDir(), "toggl.csv")
	file := "User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,Duration,Tags,Amount ()\n" +
		"Ada,a@x,,Token Ring > MAU > Nothing,,,No,2026-11-20,18:00,2026-11-20,19:00,1:00,,\n"
	if err := os.WriteFile(path, []byte(file), 0o600); err != nil {
		t.Fatal(err)
	}
	if h.u.previewImport(path) != nil {
		t.Fatal("a file with a name that can become no topic was offered for import")
	}
	wantAppWording(t, "the import's error", h.u.status.Text, `"Token Ring > MAU > Nothing" names no topic`,
		`Add a topic for "Token Ring > MAU > Nothing" with Add topic on the Plan screen's Skills tab, or rename it in the file, then import it again.`)
}

func TestANameThatNamesSeveralTopicsIsWordedForTheApp(t *testing.T) {
	h := newHarness(t)
	for _, parent := range []string{"BGP", "OSPF"} {
		if _, err := h.db.PutTopic(tracker.Topic{Name: "Labs", ParentID: h.topicID(parent), Track: tracker.TrackSkills}); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(t.TempDir(), "toggl.csv")
	file := "User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,Duration,Tags,Amount ()\n" +
		"Ada,a@x,,Labs,,,No,2026-11-20,18:00,2026-11-20,19:00,1:00,,\n"
	if err := os.WriteFile(path, []byte(file), 0o600); err != nil {
		t.Fatal(err)
	}
	if h.u.previewImport(path) != nil {
		t.Fatal("a file with an ambiguous name was offered for import")
	}
	wantAppWording(t, "the import's error", h.u.status.Text, "(BGP › Labs, OSPF › Labs)", `Rename "Labs" in the file to one of those topics`)
}

func TestATimerOverTheLimitIsWordedForTheApp(t *testing.T) {
	h := newHarness(t)
	if _, err := h.db.StartTimer(tracker.Session{TopicID: h.topicID("BGP"), Start: h.now.Add(-30 * time.Hour)}); err != nil {
		t.Fatal(err)
	}
	_, err := h.db.StopTimer(h.now, nil)
	wantAppWording(t, "stopping a 30-hour timer", explain(err), "The timer has run for 30h, more than the 24-hour limit.", "Type when you stopped in the Stop dialog's Ended at")
}

func TestAFileOfNoKnownFormatIsWordedForTheApp(t *testing.T) {
	h := newHarness(t)
	path := filepath.Join(t.TempDir(), "sheet.csv")
	if err := os.WriteFile(path, []byte("Project,Start date\nBGP,2026-11-20\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if h.u.previewImport(path) != nil {
		t.Fatal("a file of no known format was offered for import")
	}
	wantAppWording(t, "the import's error", h.u.status.Text, "Corepath cannot tell what this file is",
		"From Toggl Track or Clockify, export the detailed report as CSV, and import that file.")
}

// The window shown when the store cannot be opened words the damage for its own button.
func TestTheStartupErrorWordsTheDamageForItsButton(t *testing.T) {
	a := test.NewTempApp(t)
	damage := &tracker.DamageError{What: "/x/corepath.db cannot be read as Corepath data.", BackupDir: "/x/backups",
		Restore: tracker.Backup{Path: "/x/backups/b.db", Taken: time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC), Sessions: 3}}
	s := ShowStartupError(a, tracker.Detailed(tracker.Damaged, damage), damage.Restore.Path, func() error { return nil })
	wantAppWording(t, "the startup window", s.Message.Text, "The newest good backup is /x/backups/b.db, taken 2026-11-24 09:00 with 3 sessions.",
		"Restore the newest good backup, below, puts it back and keeps the damaged file aside.")
}

// The import preview suggests what to do in the app's terms: where on the Log screen to see the
// sessions concerned, never a command or an option the app does not have.
func TestTheImportPreviewSuggestsTheLogScreen(t *testing.T) {
	h := newHarness(t)
	p := h.u.previewImport(filepath.Join("..", "exchange", "testdata", "real", "timew-export.json"))
	if p == nil {
		t.Fatal("the file was not offered for import")
	}
	wantAppWording(t, "the preview", p.summary.Text,
		"shorten it with the edit button on the Log screen, or the choice below to cut it into sessions of at most 24h; see it with the Log screen's filters From 2026-10-12 and To 2026-10-14",
		`see them with the Log screen's Topic filter set to "HDI"`)
	stale := h.u.previewImport(filepath.Join("..", "exchange", "testdata", "real", "timew-stale"))
	if stale == nil {
		t.Fatal("the stale file was not offered for import")
	}
	wantAppWording(t, "the stale file's preview", stale.summary.Text, "open since 2021-03-03 02:18): give the end time in the field below")
	// The field has the focus, so that the end is typed there and Enter does not import first.
	if h.u.win.Canvas().Focused() != stale.closeAt {
		t.Errorf("the preview opens with the focus on %T, not the end of the intervals left open", h.u.win.Canvas().Focused())
	}
	stale.u.win.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if n, _ := h.db.SessionCount(); !stale.optErr.Visible() || n != 0 {
		t.Errorf("Enter with no end typed: %d sessions imported, error shown %v", n, stale.optErr.Visible())
	}
}

// A timer that lost a sync conflict says how to keep its time, in the app's terms.
func TestALostTimerIsWordedForTheApp(t *testing.T) {
	h := newHarness(t)
	s := h.u.settings.sync
	start := time.Date(2026, 11, 25, 22, 30, 0, 0, time.UTC) // 17:30 in New York, the harness's zone
	onSection(s, func() {
		s.show(&replica.Status{Conflicts: []replica.Conflict{{At: start, Lost: "the timer for IS-IS started 2026-11-25 17:30", LostBy: "desktop",
			Kept: "the timer for BGP started 2026-11-25 17:31", KeptBy: "laptop", LostTimer: &replica.LostTimer{Topic: "IS-IS", Start: start}}}})
	})
	wantAppWording(t, "the sync conflicts", s.conflicts.Text,
		"the timer for IS-IS started 2026-11-25 17:30 (if you studied then, add that time with Log a past session, from 2026-11-25 17:30), edited on desktop")
}

// A file with sixty bad rows is refused with all of them in the dialog, which scrolls, while the
// status bar keeps to one line: it took the message whole, and the window grew past a
// 640-pixel screen, the dialog's OK button under its edge.
func TestALongErrorKeepsTheWindowOnTheScreen(t *testing.T) {
	h := newHarness(t)
	h.u.Window().Resize(fyne.NewSize(1024, 640))
	text := "User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,Duration,Tags\n"
	for i := 0; i < 60; i++ {
		text += "Ada,a@x,,BGP,,,No,2026-13-40,18:00:00,2026-11-20,19:00:00,01:00:00,\n"
	}
	path := filepath.Join(t.TempDir(), "bad.csv")
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	if h.u.previewImport(path) != nil {
		t.Fatal("a file of bad rows was offered for import")
	}
	line := fyne.MeasureText("Mg", theme.TextSize(), fyne.TextStyle{}).Height
	if s := h.u.status; strings.Count(s.Text, "\n") > 0 || s.MinSize().Height > 3*line || !strings.HasSuffix(s.Text, "(…)") {
		t.Errorf("the status bar shows %q, %g high", s.Text, s.MinSize().Height)
	}
	if min := h.u.Window().Content().MinSize().Height; min > 640 {
		t.Errorf("the window needs %g of a 640-pixel screen", min)
	}
	if d := h.u.win.Canvas().Overlays().Top(); d == nil || d.Size().Height > 640 {
		t.Errorf("the error dialog is %v", d)
	}
	// A message of several lines with no dialog of its own (a sync that failed) is there whole
	// behind the status line's button; one line needs none.
	h.press(fyne.KeyEscape)
	h.u.setStatus("Sync failed: the folder cannot be written:\n  /media/usb/corepath: read-only file system")
	if !h.u.statusMore.Visible() {
		t.Fatal("no button for the whole message")
	}
	test.Tap(h.u.statusMore)
	if !strings.Contains(dialogText(h), "/media/usb/corepath: read-only file system") {
		t.Errorf("the whole message: %q", dialogText(h))
	}
	h.press(fyne.KeyEscape)
	// The View menu shows it too, for the keyboard; and says so when there is none.
	whole := menuItemNamed(t, h.u.mainMenu(), "View", "Whole message…")
	whole.Action()
	if !strings.Contains(dialogText(h), "/media/usb/corepath: read-only file system") {
		t.Errorf("View > Whole message…: %q", dialogText(h))
	}
	h.press(fyne.KeyEscape)
	if h.u.setStatus("Logged 25m of BGP."); h.u.statusMore.Visible() {
		t.Error("a one-line message has the button")
	}
	h.u.setStatus("")
	if whole.Action(); !strings.Contains(dialogText(h), "no message on the status line") {
		t.Errorf("View > Whole message… with no message: %q", dialogText(h))
	}
	h.press(fyne.KeyEscape)
}

// A message's dialog is as tall as its lines at the dialog's width: a long path in it was measured
// a character a line, and the dialog was as tall as the window.
func TestAMessageWithALongPathIsAsTallAsItsLines(t *testing.T) {
	h := newHarness(t)
	path := "/home/ada/.local/share/corepath/backups/corepath-before-import-20261202-052202.db"
	line := fyne.MeasureText("Mg", theme.TextSize(), fyne.TextStyle{}).Height + theme.LineSpacing()
	labelHeight := func() (height float32) {
		walkTopDialog(h, func(o fyne.CanvasObject) {
			if l, ok := o.(*widget.Label); ok && strings.Contains(l.Text, path) {
				height = l.Size().Height
			}
		})
		return height
	}
	h.u.setStatus("Imported 1 session.\nUndo does not take an import back: restore the backup taken first, " + path)
	h.u.showWholeStatus()
	if got := labelHeight(); got == 0 || got > 5*line+2*theme.InnerPadding() {
		t.Errorf("the whole message, four lines at most, is %v tall (a line is %v)", got, line)
	}
	h.press(fyne.KeyEscape)
	h.u.askText("Restore?", "Restore "+path+"?", "Cancel", "Restore", func() {})
	if got := labelHeight(); got == 0 || got > 3*line+2*theme.InnerPadding() {
		t.Errorf("the question, two lines at most, is %v tall (a line is %v)", got, line)
	}
}
