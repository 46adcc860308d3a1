package app

import (
	"math"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"
	_ "time/tzdata"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"corepath/resources"
	"corepath/storage"
	"corepath/tracker"
)

func TestWelcomeAsksForAWeeklyGoal(t *testing.T) {
	h := newHarness(t)
	w := h.u.maybeWelcome()
	if w == nil {
		t.Fatal("no welcome on first run")
	}
	for _, bad := range []string{"0", "1e2", "0x8p0"} {
		if typeInto(w.goal, bad); !w.start.Disabled() || !w.goalErr.Visible() {
			t.Errorf("the goal %q is accepted", bad)
		}
	}
	typeInto(w.goal, "7,5")
	if w.start.Disabled() {
		t.Errorf("7,5 hours refused: %q", w.goalErr.Text)
	}
	typeInto(w.goal, "8")
	test.Tap(w.start)
	if h.u.plan.Goals.WeeklyHours != 8 || h.u.maybeWelcome() != nil {
		t.Error("the welcome did not save the goal, or shows again")
	}
	// Another data folder, new and empty, opened by the same app, is welcomed in its turn.
	db, err := storage.Open(t.TempDir(), storage.Options{Seed: resources.DefaultPlan, Now: func() time.Time { return h.now }})
	if err != nil {
		t.Fatal(err)
	}
	other := New(h.app, db, h.opt)
	defer other.Window().Close()
	if other.maybeWelcome() == nil {
		t.Error("a new data folder was not welcomed")
	}
}

// richText collects the words of rich text segments, lists and paragraphs included.
func richText(segs []widget.RichTextSegment) string {
	var b strings.Builder
	for _, seg := range segs {
		switch s := seg.(type) {
		case *widget.TextSegment:
			b.WriteString(s.Text + " ")
		case *widget.ListSegment:
			b.WriteString(richText(s.Items))
		case *widget.ParagraphSegment:
			b.WriteString(richText(s.Texts))
		}
	}
	return b.String()
}

func TestTodayChangesWhenASessionIsLogged(t *testing.T) {
	h := newHarness(t)
	td := h.u.today
	if td.streak.Text != "0 days" || td.weekRing.caption != "0.0 h" || td.heat.minutes[len(td.heat.minutes)-5] != 0 {
		t.Fatalf("before: streak %q, ring %q", td.streak.Text, td.weekRing.caption)
	}
	f := h.u.log.form
	typeInto(f.date.entry, "2026-11-25")
	typeInto(f.start, "17:00")
	typeInto(f.duration, "2h")
	typeInto(f.topic, "BGP")
	test.Tap(h.u.log.save)

	if td.streak.Text != "1 day" {
		t.Errorf("streak after logging: %q", td.streak.Text)
	}
	if td.weekRing.caption != "2.0 h" || td.weekRing.fraction != 0.2 || td.weekDays.values[2] != 2 {
		t.Errorf("week: ring %q %.2f, days %v", td.weekRing.caption, td.weekRing.fraction, td.weekDays.values)
	}
	// Wednesday 2026-11-25 is the third day of the last week of the heatmap.
	i := len(td.heat.minutes) - 5
	if td.heat.dates[i] != "2026-11-25" || td.heat.minutes[i] != 120 {
		t.Errorf("heatmap %s = %d", td.heat.dates[i], td.heat.minutes[i])
	}
	td.heat.Tapped(&fyne.PointEvent{Position: cellCenter(td.heat, i)})
	if !strings.Contains(td.dayDetail.Text, "Wed 2026-11-25: 2h, BGP 2h") {
		t.Errorf("day detail: %q", td.dayDetail.Text)
	}
	if td.trend.values[len(td.trend.values)-1] != 2 {
		t.Errorf("trend: %v", td.trend.values)
	}
	if !strings.Contains(td.topics.Text, "BGP: 2.0 h, 100%") {
		t.Errorf("topics: %q", td.topics.Text)
	}
}

// cellCenter is the middle of the heatmap's day i, where a tap lands on it.
func cellCenter(h *heatmap, i int) fyne.Position {
	c := h.cell(h.Size())
	return fyne.NewPos(heatDaysWidth+float32(i/7)*c+c/2, heatMonthsHeight+float32(i%7)*c+c/2)
}

func TestStaleTopicSuggestionPreparesTheTimer(t *testing.T) {
	h := newHarness(t)
	if _, err := h.db.AddSession(tracker.Session{TopicID: h.topicID("OSPF"), Start: h.now.AddDate(0, 0, -20), Duration: time.Hour}); err != nil {
		t.Fatal(err)
	}
	h.u.reload()
	var review *button
	for _, o := range h.u.today.next.Objects {
		if b, ok := o.(*button); ok && strings.HasPrefix(b.Text, "OSPF: last studied 20 days ago, review every 2 days") {
			review = b
		}
	}
	if review == nil {
		t.Fatal("OSPF is not offered for review")
	}
	test.Tap(review)
	if h.u.tabs.SelectedIndex() != screenLog || h.u.log.timer.topic.Text != "OSPF" {
		t.Errorf("the suggestion did not prepare the timer: screen %d, topic %q", h.u.tabs.SelectedIndex(), h.u.log.timer.topic.Text)
	}
}

// A log from the Log screen refreshes the hidden screens as they are next shown.
func TestHiddenScreensShowALogWhenShown(t *testing.T) {
	h := newHarness(t)
	h.u.showScreen(screenLog)
	f := h.u.log.form
	typeInto(f.duration, "2h")
	typeInto(f.topic, "BGP")
	test.Tap(h.u.log.save)
	if len(h.u.log.rows) != 1 {
		t.Fatalf("the Log lists %d sessions", len(h.u.log.rows))
	}
	h.u.showScreen(screenToday)
	if td := h.u.today; td.streak.Text != "1 day" || td.weekRing.caption != "2.0 h" {
		t.Errorf("Today once shown: streak %q, week %q", td.streak.Text, td.weekRing.caption)
	}
}

// The coverage bars share one scale wide enough for the longest: a domain with all the study is
// drawn at full length, not cut at 60%, and its line is whole.
func TestCoverageBarsFitTheirShares(t *testing.T) {
	h := newHarness(t)
	if _, err := h.db.AddSession(tracker.Session{TopicID: h.topicID("BGP"), Start: h.now.Add(-3 * time.Hour), Duration: time.Hour}); err != nil {
		t.Fatal(err)
	}
	h.u.reload()
	var bars []*compareBar
	var widest float64
	for _, row := range h.u.today.coverage.Objects {
		box, ok := row.(*fyne.Container)
		if !ok {
			continue
		}
		inner := box.Objects[0].(*fyne.Container)
		if l := inner.Objects[0].(*widget.Label); l.Truncation != fyne.TextTruncateOff {
			t.Errorf("the line %q is cut", l.Text)
		}
		bar := inner.Objects[1].(*compareBar)
		bars = append(bars, bar)
		widest = max(widest, bar.share)
	}
	if len(bars) == 0 || widest != 100 {
		t.Fatalf("%d bars, the widest share %g", len(bars), widest)
	}
	for _, b := range bars {
		if b.scale < widest {
			t.Errorf("a bar's scale is %g, under the widest share %g", b.scale, widest)
		}
	}
}

// What next names the five topics the most review intervals past their last study, and says how many more
// are going stale.
func TestWhatNextCountsTheStaleTopicsItDoesNotName(t *testing.T) {
	h := newHarness(t)
	for i, name := range []string{"BGP", "OSPF", "IS-IS", "MPLS", "Segment Routing", "Multicast", "Quality of Service"} {
		if _, err := h.db.AddSession(tracker.Session{TopicID: h.topicID(name), Start: h.now.AddDate(0, 0, -60-i), Duration: time.Hour}); err != nil {
			t.Fatal(err)
		}
	}
	h.u.reload()
	var texts []string
	for _, o := range h.u.today.next.Objects {
		switch w := o.(type) {
		case *widget.Label:
			texts = append(texts, w.Text)
		case *button:
			texts = append(texts, w.Text)
		}
	}
	if len(h.u.dash.Stale) != 7 || len(texts) < 7 || texts[6] != "and 2 more; Plan > Skills shows when each topic was last studied." {
		t.Errorf("%d stale; What next says %q", len(h.u.dash.Stale), texts)
	}
}

// With no timer running, Today says what its Start a timer button will do: time the Log
// screen's topic, when one is picked, or open the Log screen to pick one.
func TestTodaySaysWhatStartATimerTimes(t *testing.T) {
	h := newHarness(t)
	typeInto(h.u.log.timer.topic, "")
	h.u.everySecond()
	if got := h.u.today.timer.Text; !strings.Contains(got, "Start a timer opens the Log screen to pick the topic to time") {
		t.Errorf("no topic picked: %q", got)
	}
	test.Tap(h.u.today.timerBtn)
	if h.u.timer != nil || h.u.tabs.SelectedIndex() != screenLog {
		t.Fatalf("with no topic: timer %v, screen %d", h.u.timer, h.u.tabs.SelectedIndex())
	}

	typeInto(h.u.log.timer.topic, "OSPF")
	h.u.showScreen(screenToday)
	h.u.everySecond()
	if got := h.u.today.timer.Text; !strings.Contains(got, "Start a timer times OSPF; to time another topic, pick it on the Log screen") {
		t.Errorf("OSPF picked: %q", got)
	}
	test.Tap(h.u.today.timerBtn)
	if h.u.timer == nil || h.u.plan.TopicPath(h.u.timer.TopicID) != "OSPF" {
		t.Errorf("Start a timer did not time OSPF: %+v", h.u.timer)
	}
}

// The tracks' and topics' shares are rounded once, from the minutes: 1309 of 2000 minutes is
// 65.45%, which the dashboard keeps as 65.5 and which then read 66%.
func TestSharesAreRoundedOnce(t *testing.T) {
	h := newHarness(t)
	for i, s := range []struct {
		topic   string
		minutes int
	}{{"OSPF", 1309}, {"Coursework", 691}} {
		if _, err := h.db.AddSession(tracker.Session{TopicID: h.topicID(s.topic), Start: h.now.AddDate(0, 0, -2-2*i),
			Duration: time.Duration(s.minutes) * time.Minute}); err != nil {
			t.Fatal(err)
		}
	}
	h.u.reload()
	for _, want := range []string{"Degree: 11.5 h (35%)", "Skills: 21.8 h (65%)", "OSPF: 21.8 h, 65%", "Coursework: 11.5 h, 35%"} {
		if !strings.Contains(h.u.today.topics.Text, want) {
			t.Errorf("the topics and tracks read %q, without %q", h.u.today.topics.Text, want)
		}
	}
}

// The tracks' percents add up to 100, the points left over to the largest remainders.
func TestWholePercentsAddUpTo100(t *testing.T) {
	for _, c := range []struct{ parts, want []int }{
		{[]int{101, 99}, []int{51, 49}}, {[]int{1309, 691, 0}, []int{65, 35, 0}}, {[]int{1, 1, 1}, []int{34, 33, 33}},
		{[]int{0, 0, 0}, []int{0, 0, 0}}, {[]int{594, 2605, 781}, []int{15, 65, 20}},
	} {
		if got := wholePercents(c.parts); !reflect.DeepEqual(got, c.want) {
			t.Errorf("wholePercents(%v) = %v; want %v", c.parts, got, c.want)
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 1000 {
		parts := []int{rng.IntN(5000), rng.IntN(5000), rng.IntN(50)}
		sum := 0
		for i, p := range wholePercents(parts) {
			sum += p
			if exact := 100 * float64(parts[i]) / float64(parts[0]+parts[1]+parts[2]); math.Abs(float64(p)-exact) >= 1 {
				t.Fatalf("wholePercents(%v) gives part %d %d%%, %.2f%% exactly", parts, i, p, exact)
			}
		}
		if sum != 100 && parts[0]+parts[1]+parts[2] > 0 {
			t.Fatalf("wholePercents(%v) adds up to %d", parts, sum)
		}
	}
}

// The week card's tracks add up to its total: both are in minutes, as the day bars are.
func TestTheWeeksTracksAddUpToItsTotal(t *testing.T) {
	h := newHarness(t)
	for i, s := range []struct {
		topic   string
		minutes int
	}{{"OSPF", 76}, {"CCIE lab preparation", 58}} {
		if _, err := h.db.AddSession(tracker.Session{TopicID: h.topicID(s.topic), Start: h.now.Add(-time.Duration(3+2*i) * time.Hour),
			Duration: time.Duration(s.minutes) * time.Minute}); err != nil {
			t.Fatal(err)
		}
	}
	h.u.reload()
	if got, want := h.u.today.weekTotal.Text, "2h14m of 10h (22%)"; got != want {
		t.Errorf("the week's total: %q, want %q", got, want)
	}
	if got := h.u.today.tracks.Text; !strings.Contains(got, "Skills 1h16m") || !strings.Contains(got, "Certification 58m") {
		t.Errorf("the week's tracks: %q", got)
	}
}

// A store used from the terminal with no session yet (an exam passed, a CE activity) needs no
// welcome: it opened at every start until Get started was pressed.
func TestAStoreUsedAlreadyIsNotWelcomed(t *testing.T) {
	h := newHarness(t)
	if _, err := h.db.PutAttempt(tracker.Attempt{Exam: "350-501", Kind: tracker.AttemptExam, Date: "2025-01-15", Result: tracker.Pass, Score: 880, ScoreMax: 1000}); err != nil {
		t.Fatal(err)
	}
	h.u.reload()
	if h.u.maybeWelcome() != nil {
		t.Error("a store with an exam passed was welcomed as new")
	}
}

// A session from 23:30 to 00:30 is half on each day in the heatmap's day line, as in its cells.
func TestHeatmapDayCountsThePartOfASessionInTheDay(t *testing.T) {
	h := newHarness(t)
	td := h.u.today
	f := h.u.log.form
	typeInto(f.date.entry, "2026-11-23")
	typeInto(f.start, "23:30")
	typeInto(f.duration, "1h")
	typeInto(f.topic, "MPLS")
	test.Tap(h.u.log.save)
	// Monday 2026-11-23 and Tuesday 2026-11-24 are the first two days of the heatmap's last week.
	mon := len(td.heat.minutes) - 7
	for i, want := range map[int]string{
		mon:     "Mon 2026-11-23: 30m, MPLS 30m of 1h",
		mon + 1: "Tue 2026-11-24: 30m, MPLS 30m of 1h",
		mon + 2: "Wed 2026-11-25: no study",
	} {
		if td.heat.minutes[i] != map[bool]int{true: 30, false: 0}[i < mon+2] {
			t.Errorf("heatmap %s = %d", td.heat.dates[i], td.heat.minutes[i])
		}
		td.heat.Tapped(&fyne.PointEvent{Position: cellCenter(td.heat, i)})
		if td.dayDetail.Text != want {
			t.Errorf("day detail: %q, want %q", td.dayDetail.Text, want)
		}
	}
}

// An empty store's all-time card says why it is empty rather than showing a blank plot.
func TestAllTimeSaysWhenThereIsNoStudy(t *testing.T) {
	h := newHarness(t)
	if c := h.u.today.cumulative; len(c.values) != 0 || !strings.Contains(c.first, "No study yet") {
		t.Errorf("all-time on an empty store: %v, %q", c.values, c.first)
	}
	typeInto(h.u.log.form.duration, "1h")
	typeInto(h.u.log.form.topic, "BGP")
	test.Tap(h.u.log.save)
	if c := h.u.today.cumulative; strings.Contains(c.first, "No study yet") {
		t.Errorf("all-time after a session still says %q", c.first)
	}
}
