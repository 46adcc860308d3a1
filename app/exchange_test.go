package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	_ "time/tzdata"

	"fyne.io/fyne/v2"
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
	// A change before the import, which Undo must not reach past the import to take back.
	typeInto(dst.u.log.timer.topic, "OSPF")
	dst.u.toggleTimer()
	p := dst.u.previewImport(filepath.Join(dir, "out.json"))
	if p == nil || len(p.im.Sessions) != 1 || dst.countSessions() != 0 || !strings.Contains(p.summary.Text, "Would add 1 session, 1h") {
		t.Fatalf("preview: %+v (store holds %d)", p, dst.countSessions())
	}
	test.Tap(p.apply)
	if dst.countSessions() != 1 || len(dst.u.sessions) != 1 || !strings.Contains(dst.u.statusFull, "Undo does not take an import back: to go back, restore the backup taken first, ") || !dst.u.statusMore.Visible() {
		t.Errorf("after import: %d sessions, %q", dst.countSessions(), dst.u.status.Text)
	}
	dst.u.Undo()
	if dst.u.timer == nil || dst.countSessions() != 1 || dst.u.status.Text != "Nothing to undo." {
		t.Errorf("Undo after the import: timer %v, %d sessions, %q", dst.u.timer, dst.countSessions(), dst.u.status.Text)
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

// The preview offers what the command line's --split-long and --close-open do, when the file
// calls for them: an entry over 24 hours is cut on request, and intervals left open for more
// than a day are closed at a time typed in, which must come after they started.
func TestTheImportPreviewCutsLongEntriesAndClosesOpenOnes(t *testing.T) {
	h := newHarness(t)
	path := filepath.Join(t.TempDir(), "2026-11.data")
	os.WriteFile(path, []byte("inc 20261110T120000Z - 20261111T180000Z # BGP\n"+ // 30 hours
		"inc 20261120T130000Z # OSPF\n"+ // open since 08:00 New York time, five days before now
		"inc 20261121T140000Z - 20261121T150000Z # MPLS\n"), 0o600)
	p := h.u.previewImport(path)
	if p == nil || !p.split.Visible() || !p.closeRow.Visible() || len(p.im.Sessions) != 2 {
		t.Fatalf("preview: split shown %v, close shown %v, %d sessions", p.split.Visible(), p.closeRow.Visible(), len(p.im.Sessions))
	}
	if !strings.Contains(p.summary.Text, "the choice below to cut it") || !strings.Contains(p.summary.Text, "give the end time in the field below") {
		t.Errorf("the summary does not point at the choices:\n%s", p.summary.Text)
	}
	p.split.SetChecked(true)
	if len(p.im.Sessions) != 3 || p.im.Split != 1 || !strings.Contains(p.summary.Text, "split into sessions of at most 24h") {
		t.Errorf("after the cut: %d sessions, %d split:\n%s", len(p.im.Sessions), p.im.Split, p.summary.Text)
	}
	test.Type(p.closeAt, "2026-11-20 07:00")
	p.closeAt.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if !p.optErr.Visible() || !strings.Contains(p.optErr.Text, "would close before it started") || !p.apply.Disabled() || len(p.im.Sessions) != 3 {
		t.Errorf("a close before the start: %q shown %v, import enabled %v", p.optErr.Text, p.optErr.Visible(), !p.apply.Disabled())
	}
	p.closeAt.SetText("2026-11-21") // a day alone: midnight is not taken for the time
	test.Tap(p.closeOK)
	if !p.optErr.Visible() || !strings.Contains(p.optErr.Text, "is a day without a time of day") || len(p.im.Sessions) != 3 {
		t.Errorf("a day alone: %q shown %v", p.optErr.Text, p.optErr.Visible())
	}
	p.closeAt.SetText("2026-11-20 10:30")
	test.Tap(p.closeOK)
	if p.optErr.Visible() || p.apply.Disabled() || len(p.im.Sessions) != 4 || !strings.Contains(p.summary.Text, "closed at 2026-11-20 10:30") {
		t.Errorf("after closing at 10:30: error %q, %d sessions:\n%s", p.optErr.Text, len(p.im.Sessions), p.summary.Text)
	}
	test.Tap(p.apply)
	var total time.Duration
	h.db.Sessions(tracker.Query{}, func(s *tracker.Session) error { total += s.Duration; return nil })
	if got, want := total, 30*time.Hour+150*time.Minute+time.Hour; h.countSessions() != 4 || got != want {
		t.Errorf("imported %d sessions of %s, want 4 of %s", h.countSessions(), got, want)
	}
}

// The import preview sends a name that matches no topic to one of the plan's, as import --map
// does: the topic typed beside the name and Enter preview the file again with it, and the import
// counts its sessions there; the other names would become new topics, under the track chosen.
// A topic typed without Enter is taken by Import as well.
func TestTheImportPreviewSendsANameToATopic(t *testing.T) {
	h := newHarness(t)
	p := previewToggl(t, h,
		"Ada,a@x,,CCIE study,,route reflectors,No,2026-11-20,18:00:00,2026-11-20,19:00:00,01:00:00,",
		"Ada,a@x,,CCIE study,,confederations,No,2026-11-21,18:00:00,2026-11-21,18:30:00,00:30:00,",
		"Ada,a@x,,Lab time,,EVE-NG,No,2026-11-22,09:00:00,2026-11-22,11:00:00,02:00:00,")
	if len(p.im.NewTopics) != 2 || len(p.order) != 2 {
		t.Fatalf("new topics %+v, names %v", p.im.NewTopics, p.order)
	}
	study := p.pickers["CCIE study"]
	typeInto(study.entry, "no such topic at all")
	h.u.win.Canvas().Focus(study.entry)
	h.press(fyne.KeyReturn)
	if !p.optErr.Visible() || !strings.Contains(p.optErr.Text, `CCIE study: "no such topic at all" is not one of your topics`) || len(p.im.NewTopics) != 2 || !h.dialogOpen() {
		t.Errorf("a topic that does not exist: error %q shown %v, new topics %d", p.optErr.Text, p.optErr.Visible(), len(p.im.NewTopics))
	}
	typeInto(study.entry, "BGP")
	h.press(fyne.KeyReturn)
	if p.optErr.Visible() || len(p.im.NewTopics) != 1 || p.im.NewTopics[0].Name != "Lab time" || !h.dialogOpen() {
		t.Fatalf("after CCIE study → BGP: error %q, new topics %+v", p.optErr.Text, p.im.NewTopics)
	}
	if !strings.Contains(p.summary.Text, "BGP") || len(p.order) != 2 {
		t.Errorf("the preview after the mapping: %q, names %v", p.summary.Text, p.order)
	}
	p.track.SetSelected(tracker.TrackCertification.Label())
	if p.im.NewTopics[0].Track != tracker.TrackCertification {
		t.Errorf("the new topic's track is %v", p.im.NewTopics[0].Track)
	}
	// A topic typed without Enter is put in the preview by Import, and the second Import takes
	// it: Lab time became a new topic anyway, then was imported under a topic the preview did
	// not show.
	typeInto(p.pickers["Lab time"].entry, "OSPF")
	test.Tap(p.apply)
	if n, _ := h.db.SessionCount(); n != 0 || !strings.Contains(p.summary.Text, "OSPF") || !strings.Contains(p.optErr.Text, "press Import again") {
		t.Fatalf("the first Import with OSPF typed: %d sessions, the preview %q, %q", n, p.summary.Text, p.optErr.Text)
	}
	test.Tap(p.apply)
	if _, err := tracker.MatchTopic(&h.u.plan, "Lab time"); err == nil {
		t.Error("Lab time became a topic though OSPF was typed beside it")
	}
	on := map[string]time.Duration{}
	h.db.Sessions(tracker.Query{}, func(s *tracker.Session) error {
		on[h.u.plan.TopicPath(s.TopicID)] += s.Duration
		return nil
	})
	if len(on) != 2 || on["BGP"] != 90*time.Minute || on["OSPF"] != 2*time.Hour {
		t.Errorf("imported %v, want 1h30m on BGP and 2h on OSPF", on)
	}
	if _, err := tracker.MatchTopic(&h.u.plan, "CCIE study"); err == nil {
		t.Error("CCIE study became a topic too")
	}
}

// File > Import from a typed path: the path typed (quoted as a file manager copies it, or from
// ~) and Enter open the preview; an empty or wrong path is said under the field.
func TestImportFromATypedPath(t *testing.T) {
	h := newHarness(t)
	home := t.TempDir()
	t.Setenv("HOME", home)
	text := "User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,Duration,Tags\n" +
		"Ada,a@x,,BGP,,,No,2026-11-20,18:00:00,2026-11-20,19:00:00,01:00:00,\n"
	if err := os.WriteFile(filepath.Join(home, "toggl.csv"), []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	h.u.chooseImportPath()
	field, ok := h.u.win.Canvas().Focused().(*keyEntry)
	if !ok {
		t.Fatalf("the dialog opens with the focus on %T", h.u.win.Canvas().Focused())
	}
	for typed, want := range map[string]string{"": "Type the path of the file", "~/nothere.csv": "nothere.csv: there is no file or folder there"} {
		typeInto(field, typed)
		h.press(fyne.KeyReturn)
		if h.u.lastImport != nil || !strings.Contains(dialogText(h), want) {
			t.Errorf("%q: the dialog says %q, want %q", typed, dialogText(h), want)
		}
	}
	typeInto(field, "file://"+filepath.ToSlash(filepath.Join(home, "toggl.csv")))
	h.press(fyne.KeyReturn)
	if p := h.u.lastImport; p == nil || p.path != filepath.Join(home, "toggl.csv") {
		t.Fatalf("a file:// address: the preview %+v", p)
	}
	h.u.lastImport.dialog.Hide()
	h.u.lastImport = nil
	h.u.chooseImportPath()
	field = h.u.win.Canvas().Focused().(*keyEntry)
	typeInto(field, `"~/toggl.csv"`)
	h.press(fyne.KeyReturn)
	if p := h.u.lastImport; p == nil || p.path != filepath.Join(home, "toggl.csv") || len(p.im.Sessions) != 1 {
		t.Fatalf("the preview: %+v", p)
	}
	if len(h.u.dialogs) != 1 {
		t.Errorf("%d dialogs open, want the preview alone", len(h.u.dialogs))
	}
}

// An import that starts the timer of an interval still open says so on the status line, where
// it said "Imported 0 sessions" alone.
func TestAnImportThatStartsTheTimerSaysSo(t *testing.T) {
	h := newHarness(t)
	path := filepath.Join(t.TempDir(), "2026-11.data")
	open := "inc " + h.now.Add(-30*time.Minute).UTC().Format("20060102T150405Z") + " # BGP\n"
	if err := os.WriteFile(path, []byte(open), 0o600); err != nil {
		t.Fatal(err)
	}
	p := h.u.previewImport(path)
	if p == nil {
		t.Fatal("no preview")
	}
	test.Tap(p.apply)
	if !strings.HasPrefix(h.u.status.Text, "Imported 0 sessions from 2026-11.data and started the timer of its interval still open") || h.u.timer == nil {
		t.Errorf("status %q, timer %v", h.u.status.Text, h.u.timer)
	}
}

// A file's "BGP > Route servers", a subtopic the plan lacks under a topic it has, becomes a new
// subtopic of BGP; in the preview it is listed as the file names it, and can be sent to a topic.
func TestTheImportPreviewSendsANewSubtopicToATopic(t *testing.T) {
	h := newHarness(t)
	p := previewToggl(t, h, "Ada,a@x,,BGP > Route servers,,IXP,No,2026-11-20,18:00:00,2026-11-20,19:00:00,01:00:00,")
	if len(p.im.NewTopics) != 1 || p.im.NewTopics[0].ParentID != h.topicID("BGP") || p.im.NewTopics[0].Name != "Route servers" {
		t.Fatalf("new topics %+v", p.im.NewTopics)
	}
	picker := p.pickers["BGP > Route servers"]
	if picker == nil {
		t.Fatalf("the names listed: %v", p.order)
	}
	typeInto(picker.entry, "OSPF")
	h.u.win.Canvas().Focus(picker.entry)
	h.press(fyne.KeyReturn)
	if len(p.im.NewTopics) != 0 || !strings.Contains(p.summary.Text, "OSPF") {
		t.Errorf("after the name → OSPF: new topics %+v, the preview %q", p.im.NewTopics, p.summary.Text)
	}
}

// previewToggl opens the import preview of a Toggl Track detailed report of rows.
func previewToggl(t *testing.T, h *harness, rows ...string) *importPreview {
	t.Helper()
	path := filepath.Join(t.TempDir(), "toggl.csv")
	text := "User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,Duration,Tags\n" + strings.Join(rows, "\n") + "\n"
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	p := h.u.previewImport(path)
	if p == nil {
		t.Fatal("the file was not offered for import")
	}
	return p
}

// Dates that read either way round (05/11/2026) are read as the file's language writes them,
// and the preview offers the other order, which previews the sessions on the other days; a
// file whose dates settle the order offers nothing.
func TestThePreviewOffersTheOtherDateOrder(t *testing.T) {
	h := newHarness(t)
	p := previewToggl(t, h, "Ada,a@x,,BGP,,x,No,05/11/2026,18:00:00,05/11/2026,19:00:00,01:00:00,")
	start := func() string { return p.im.Sessions[0].Start.In(h.opt.Loc).Format("2006-01-02") }
	if !p.datesRow.Visible() || p.dates.Selected != datesMonthFirst || start() != "2026-05-11" {
		t.Fatalf("shown %v, %q, a session on %s", p.datesRow.Visible(), p.dates.Selected, start())
	}
	p.dates.SetSelected(datesDayFirst)
	if start() != "2026-11-05" || !p.datesRow.Visible() || !p.apply.Visible() || p.apply.Disabled() {
		t.Errorf("day first: a session on %s, the choice shown %v", start(), p.datesRow.Visible())
	}
	p.dialog.Hide()
	settled := previewToggl(t, h, "Ada,a@x,,BGP,,x,No,11/25/2026,18:00:00,11/25/2026,19:00:00,01:00:00,")
	if settled.datesRow.Visible() {
		t.Error("dates that read one way only are offered the other order")
	}
}
