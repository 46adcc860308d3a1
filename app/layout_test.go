package app

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"corepath/tracker"
)

// The content fits the smallest window people use, so nothing is cut off: Fyne would make the
// window at least as large as the content's minimum size, and beyond the screen.
func TestEveryScreenFitsIn800x600(t *testing.T) {
	h := newHarness(t)
	for i, name := range []string{"Today", "Log", "Plan", "Reference", "Settings"} {
		h.u.showScreen(i)
		if min := h.u.win.Content().MinSize(); min.Width > 800 || min.Height > 560 {
			t.Errorf("%s needs %v", name, min)
		}
	}
}

func TestTodayCardsReflowWithTheWidth(t *testing.T) {
	h := newHarness(t)
	for _, c := range []struct {
		width float32
		cols  int
	}{{640, 1}, {800, 2}, {1024, 2}, {1920, 3}} {
		h.u.win.Resize(fyne.NewSize(c.width, 700))
		row := todayTopRow(h)
		if got := row.Layout.(*reflow).shown; got != c.cols {
			t.Errorf("at %v wide the top row has %d columns, want %d", c.width, got, c.cols)
		}
		for _, card := range row.Objects {
			if right := card.Position().X + card.Size().Width; right > row.Size().Width+0.5 {
				t.Errorf("at %v wide a card ends at %v, past the row's %v", c.width, right, row.Size().Width)
			}
		}
	}
}

func TestHeatmapFillsAWideCard(t *testing.T) {
	h := newHarness(t)
	h.u.win.Resize(fyne.NewSize(1920, 1080))
	heat := h.u.today.heat
	weeks := (len(heat.minutes) + 6) / 7
	cell := heat.cell(heat.Size())
	if used := cell * float32(weeks); used < heat.Size().Width*0.95 {
		t.Errorf("the squares take %v of the heatmap's %v", used, heat.Size().Width)
	}
	if cell < 20 {
		t.Errorf("squares of %v at 1920 wide", cell)
	}
}

// The heatmap's seven rows and its legend are in view when the Today screen opens in the
// window a 1280x800 screen gets (1180x720) and larger, with a lived-in week (its tracks on two
// lines): Saturday and Sunday were below the fold, the card under two rows of cards and its
// squares as tall as wide.
func TestHeatmapRowsAreInViewAt1280x800(t *testing.T) {
	h := newHarness(t)
	for _, d := range []int{0, 1, 2} { // Monday to Wednesday of the week
		day := time.Date(2026, 11, 23+d, 18, 0, 0, 0, h.opt.Loc)
		if _, err := h.db.AddSession(tracker.Session{TopicID: h.topicID("BGP"), Start: day, Duration: time.Duration(60+15*d) * time.Minute}); err != nil {
			t.Fatal(err)
		}
	}
	h.u.reload()
	for _, size := range []fyne.Size{fyne.NewSize(1180, 720), fyne.NewSize(1240, 720), fyne.NewSize(1880, 1000)} {
		h.u.win.Resize(size)
		scroll := h.u.today.content.(*container.Scroll)
		heat := h.u.today.heat
		var top float32
		for o := fyne.CanvasObject(heat); o != nil && o != scroll.Content; o = parentIn(scroll.Content, o) {
			top += o.Position().Y
		}
		sunday := test.WidgetRenderer(heat).(*heatRenderer).cells[6] // the first week's last day
		if rows := top + sunday.Position().Y + sunday.Size().Height; rows > scroll.Size().Height {
			t.Errorf("at %v the heatmap's rows end at %v, below the view's %v", size, rows, scroll.Size().Height)
		}
		if s := sunday.Size(); s.Height < 0.6*s.Width {
			t.Errorf("at %v the days are %v: too flat", size, s)
		}
	}
}

// parentIn is the object in root's tree that holds o, or nil.
func parentIn(root, o fyne.CanvasObject) fyne.CanvasObject {
	var found fyne.CanvasObject
	var walk func(p fyne.CanvasObject)
	walk = func(p fyne.CanvasObject) {
		var kids []fyne.CanvasObject
		switch c := p.(type) {
		case *fyne.Container:
			kids = c.Objects
		case fyne.Widget:
			kids = test.WidgetRenderer(c).Objects()
		}
		for _, k := range kids {
			if found != nil {
				return
			}
			if k == o {
				found = p
				return
			}
			walk(k)
		}
	}
	walk(root)
	return found
}

// todayTopRow is the row of the week, streak and timer cards.
func todayTopRow(h *harness) *fyne.Container {
	box := h.u.today.content.(*container.Scroll).Content.(*fyne.Container)
	return box.Objects[0].(*fyne.Container)
}

// After a change of theme, a screen that was hidden gets the theme applied again when shown.
func TestHiddenScreensTakeANewThemeWhenShown(t *testing.T) {
	h := newHarness(t)
	h.u.showScreen(screenSettings)
	h.u.settings.theme.SetSelected("Light")
	before := h.u.themes.seen["Log"]
	h.u.showScreen(screenLog)
	if h.u.themes.seen["Log"] == before || h.u.themes.seen["Log"] != h.u.themes.changes {
		t.Errorf("the Log screen did not take the new theme: seen %d of %d changes", h.u.themes.seen["Log"], h.u.themes.changes)
	}
}

// A window remembered on a large monitor, or the default size, opens whole on a small screen,
// with room for its frame and the panels; on a large screen it keeps its size.
func TestTheWindowFitsTheScreen(t *testing.T) {
	for _, c := range []struct {
		w, h, sw, sh, ww, wh float64
	}{
		{1180, 760, 1024, 640, 984, 560},
		{1920, 1080, 1366, 768, 1326, 688},
		{1180, 760, 1920, 1080, 1180, 760},
	} {
		if w, h := fitScreen(c.w, c.h, int(c.sw), int(c.sh)); w != c.ww || h != c.wh {
			t.Errorf("%gx%g on %gx%g: %gx%g, want %gx%g", c.w, c.h, c.sw, c.sh, w, h, c.ww, c.wh)
		}
	}
}

// The window's place and size are kept in one setting. A damaged value gives the default size.
func TestWindowSizeIsKeptInOneValue(t *testing.T) {
	h := newHarness(t)
	prefs := h.u.prefs
	h.u.win.Resize(fyne.NewSize(900, 620))
	h.u.saveWindowSize()
	if got := prefs.String(prefWindow, ""); got != "-1 -1 900 620" {
		t.Errorf("kept %q, want \"-1 -1 900 620\" (no place: the test driver has no X11 window)", got)
	}
	if g := h.u.savedGeometry(); g != (geometry{-1, -1, 900, 620}) {
		t.Errorf("read back %+v", g)
	}
	for _, damaged := range []string{"", "120 90", "a b c d", "120 90 0 620"} {
		prefs.SetString(prefWindow, damaged)
		if g := h.u.savedGeometry(); g != (geometry{-1, -1, 1180, 760}) {
			t.Errorf("%q read as %+v, want the default size and no place", damaged, g)
		}
	}
}

// Every screen keeps the window within 800 points wide however long its lines grow (a retake
// note, a long milestone, costs with retakes, many exam attempts, a long CE activity): a line that does not wrap or
// truncate widens the window past the screen, cutting off its buttons.
func TestLongContentDoesNotWidenTheWindow(t *testing.T) {
	h := newHarness(t)
	long := strings.Repeat("very long words ", 6) // 96 characters, under the limits of titles
	for _, c := range []tracker.Course{
		{Code: "STA150", Title: "Statistics " + long, Credits: 3, Status: tracker.CourseCompleted, Grade: "F", Term: "Fall 2025"},
		{Code: "STA150", Title: "Statistics " + long, Credits: 3, Status: tracker.CourseCompleted, Grade: "B", Term: "Spring 2026"},
	} {
		if _, err := h.db.PutCourse(c); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := h.db.PutMilestone(tracker.Milestone{Title: "A milestone with " + long, Track: tracker.TrackCertification, Status: tracker.Planned, EstHours: "10–20 h " + long}); err != nil {
		t.Fatal(err)
	}
	for _, a := range []tracker.Attempt{
		{Exam: "350-501", Kind: tracker.AttemptExam, Date: "2025-01-10", Result: tracker.Fail, Score: 780, ScoreMax: 1000, Note: long},
		{Exam: "350-501", Kind: tracker.AttemptExam, Date: "2025-02-10", Result: tracker.Pass, Score: 880, ScoreMax: 1000, Note: long},
		{Exam: "CCIE-SP-LAB", Kind: tracker.AttemptExam, Date: "2025-06-10", Result: tracker.Fail, Note: long},
	} {
		if _, err := h.db.PutAttempt(a); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := h.db.PutCredit(tracker.Credit{Activity: "A CE activity with " + long, Provider: long, Date: "2025-07-01", Credits: 8, State: tracker.CreditCompleted, Evidence: "https://example.com/" + long}); err != nil {
		t.Fatal(err)
	}
	if _, err := h.db.AddSession(tracker.Session{TopicID: h.topicID("BGP"), Start: h.now.Add(-2 * time.Hour), Duration: time.Hour, Note: long, Tags: []string{"a-tag-as-long-as-tags-may-be-forty-bytes"}}); err != nil {
		t.Fatal(err)
	}
	h.u.reload()
	for screen := screenToday; screen <= screenSettings; screen++ {
		h.u.showScreen(screen)
		for tab := planMilestones; tab <= planCE && (screen == screenPlan || tab == planMilestones); tab++ {
			if screen == screenPlan {
				h.u.showPlan(tab)
			}
			if w := h.u.Window().Content().MinSize().Width; w > 800 {
				t.Errorf("screen %d, tab %d: the window needs %v points of width", screen, tab, w)
			}
		}
	}
}

// The Today screen's scroll measures its content in the columns the cards are laid out in,
// whatever the width it opens at or goes to: else the last cards are out of reach, or a gap
// is left under them.
func TestTodayIsMeasuredInItsColumns(t *testing.T) {
	for _, widths := range [][]float32{{1920}, {640}, {1920, 640}, {640, 1920}, {800, 1024, 1920}} {
		h := newHarness(t)
		for _, w := range widths {
			h.u.win.Resize(fyne.NewSize(w, 700))
		}
		box := h.u.today.content.(*container.Scroll).Content.(*fyne.Container)
		var bottom float32
		for _, o := range box.Objects {
			if o.Visible() {
				bottom = max(bottom, o.Position().Y+o.Size().Height)
			}
		}
		if got := box.MinSize().Height; got < bottom-0.5 || got > bottom+0.5 {
			t.Errorf("after widths %v: the content measures %v high, its cards end at %v", widths, got, bottom)
		}
	}
}

// A Log row's topic keeps what its tags leave of the row: it is cut only when both do not fit,
// and then keeps at least 60% of the row.
func TestTopicTakesWhatTheTagsLeave(t *testing.T) {
	test.NewTempApp(t)
	long := "SPCOR exam preparation (practice-exam) › Segment Routing › TI-LFA"
	for _, c := range []struct {
		topic, tags  string
		width        float32
		wholeTopic   bool
		topicAtLeast float32 // of the width
	}{
		{"SPCOR exam preparation (practice-exam)", "[ine]", 480, true, 0},
		{"BGP", "[lab, review]", 480, true, 0},
		{long, "[ine]", 480, false, 0.8},
		{long, "[lab, review, mock, flashcards, notes, video, rfc, xr, xe, nso]", 480, false, 0.6},
	} {
		topic, tags := newFitLabel(), newFitLabel()
		topic.TextStyle.Bold = true
		topic.setForLayout(c.topic)
		tags.setForLayout(c.tags)
		row := container.New(topicFirst{}, topic, tags)
		row.Resize(fyne.NewSize(c.width, 40))
		if whole := topic.Text == c.topic; whole != c.wholeTopic {
			t.Errorf("%q beside %q in %v: topic shown %q", c.topic, c.tags, c.width, topic.Text)
		}
		if w := topic.Size().Width; w < c.topicAtLeast*c.width-0.5 {
			t.Errorf("%q beside %q: the topic has %v of %v", c.topic, c.tags, w, c.width)
		}
		if right := tags.Position().X + tags.Size().Width; right > c.width+0.5 {
			t.Errorf("%q beside %q: the tags end at %v, past %v", c.topic, c.tags, right, c.width)
		}
	}
}

// The Skills rows leave out the word "confidence" when the longest topic name would be cut
// with it, all rows alike, and keep it where there is room.
func TestSkillsRowsMakeRoomForTheNames(t *testing.T) {
	h := newHarness(t)
	// One topic studied: its row says "last" and a date where the others say "not studied yet".
	if _, err := h.db.AddSession(tracker.Session{TopicID: h.topicID("OSPF"), Start: h.now.Add(-3 * time.Hour), Duration: 100 * time.Hour / 60}); err != nil {
		t.Fatal(err)
	}
	h.u.reload()
	s := h.u.planner.skills
	s.refresh()
	var rows []*topicNode
	for _, tp := range h.u.plan.Topics {
		if tp.ParentID == "" && tp.Track == tracker.TrackSkills {
			n := s.newNode(false).(*topicNode)
			s.updateNode(tp.ID, false, n)
			rows = append(rows, n)
		}
	}
	for _, c := range []struct {
		width float32
		word  bool
	}{{890, false}, {1800, true}, {890, false}} {
		for _, n := range rows {
			n.box.Resize(fyne.NewSize(c.width, 40))
		}
		for _, n := range rows {
			if n.confLabel.Visible() != c.word {
				t.Errorf("at %v wide, %q: the word confidence shown %v, want %v", c.width, n.name.Text, n.confLabel.Visible(), c.word)
			}
			whole := fyne.MeasureText(n.name.Text, theme.TextSize(), n.name.TextStyle).Width + 2*theme.InnerPadding()
			if n.name.Size().Width < whole {
				t.Errorf("at %v wide, %q is cut: %v of %v", c.width, n.name.Text, n.name.Size().Width, whole)
			}
			// With room to spare, the confidence choice shows its longest label whole.
			if label := "4 (can troubleshoot it)"; c.word && n.confidence.Size().Width < fyne.MeasureText(label, theme.TextSize(), fyne.TextStyle{}).Width+theme.IconInlineSize()+theme.InnerPadding()+3*theme.Padding() {
				t.Errorf("at %v wide, %q: the confidence choice is %v wide, too narrow for %q", c.width, n.name.Text, n.confidence.Size().Width, label)
			}
			// The columns line up whatever each row's hours and dates.
			at := func(n *topicNode, column fyne.CanvasObject) float32 {
				return n.box.(*fyne.Container).Objects[1].Position().X + column.Position().X
			}
			if first := rows[0]; at(n, n.confBox) != at(first, first.confBox) || at(n, n.lastBox) != at(first, first.lastBox) || at(n, n.confBox) == 0 {
				t.Errorf("at %v wide, %q's confidence and last studied start at %v and %v; %q's at %v and %v", c.width, n.name.Text,
					at(n, n.confBox), at(n, n.lastBox), first.name.Text, at(first, first.confBox), at(first, first.lastBox))
			}
		}
	}
}

// The Log form's Clear and Save buttons stay in view however short the window: under the
// form when it all fits, else at the bottom of the column with the form scrolling above them.
func TestTheLogFormsButtonsAreAlwaysInView(t *testing.T) {
	h := newHarness(t)
	h.u.showScreen(screenLog)
	l := h.u.log
	d := h.app.Driver()
	for _, size := range []fyne.Size{{Width: 1024, Height: 640}, {Width: 800, Height: 600}, {Width: 1280, Height: 800}, {Width: 1600, Height: 1400}} {
		h.u.win.Resize(size)
		canvas := h.u.win.Canvas().Size()
		for name, b := range map[string]fyne.CanvasObject{"Save": l.save, "Clear": l.clear} {
			pos := d.AbsolutePositionForObject(b)
			if !b.Visible() || pos.Y < 0 || pos.Y+b.Size().Height > canvas.Height || b.Size().Height < b.MinSize().Height {
				t.Errorf("at %v the %s button is at %v, %v in a canvas of %v", size, name, pos, b.Size(), canvas)
			}
		}
		pageBottom := d.AbsolutePositionForObject(l.page).Y + l.page.Size().Height
		if gap := d.AbsolutePositionForObject(l.clear).Y - pageBottom; gap < 0 || gap > 2*theme.Padding() {
			t.Errorf("at %v the buttons are %v below the form", size, gap)
		}
		scrolls := l.page.Content.MinSize().Height > l.page.Size().Height
		if (size.Height == 600 && !scrolls) || (size.Height == 1400 && scrolls) {
			t.Errorf("at %v the form scrolls: %v", size, scrolls) // the case is not the one tested
		}
	}
}

// The milestone form's list of milestones to come after shows as many rows as the window has
// room for, one to five: one in a 640-pixel window, where the form fills it, more in taller ones.
func TestTheMilestonesToComeAfterGetTheRoomThereIs(t *testing.T) {
	for _, c := range []struct {
		window float32
		rows   int
	}{{560, 1}, {612, 1}, {692, 3}, {1040, 5}, {300, 1}} {
		if got := dependsHeight(c.window, 39); got != float32(c.rows)*39 {
			t.Errorf("a window %g high: %g, want %d rows", c.window, got, c.rows)
		}
	}
}
