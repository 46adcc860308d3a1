// Package app is Corepath's desktop app: one window with the Today, Log, Plan, Reference and
// Settings screens (a file each), a main menu with keyboard shortcuts, a tray menu and
// notifications. It works through tracker.Store; every screen keeps references to its widgets
// so that tests can drive them.
package app

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"corepath/replica"
	"corepath/resources"
	"corepath/tracker"
)

// Store is what the app needs of the store: the domain's operations, plus the file's change
// stamp (to see writes from a terminal), its folder and backups.
type Store interface {
	tracker.Store
	Stamp() (string, error)
	Dir() string
	BackupDir() string
	Backup(path string) error
	AutoBackup() ([]string, error)
	BackupBefore(step string) (string, error)
	Restore(from string) (string, error)
	BackupIfChanged(maxAge time.Duration) (string, error)
	NewestGoodBackup() (string, bool)
	Check() (sessions int, err error)
}

// Options tune the UI; zero values give the real clock, local time and a half-second poll.
type Options struct {
	Now  func() time.Time
	Loc  *time.Location
	Poll time.Duration // how often to look for changes made by the command line where the data folder cannot be watched; 0: 500 ms
	// LoadAfterShow leaves reading the sessions until the window is on the screen, so that a
	// large store does not delay the first frame; New then returns with empty screens.
	LoadAfterShow bool
	// Sync is the store as sync sees it, and SyncOptions this machine's side of it, for
	// Settings > Sync (app/sync.go); nil leaves sync out.
	Sync        replica.Store
	SyncOptions replica.Options
}

// Screens, in the order of the navigation and of Ctrl+1..5.
const (
	screenToday = iota
	screenLog
	screenPlan
	screenReference
	screenSettings
)

// UI is the running app: the window, the data it shows, and the screens.
type UI struct {
	app fyne.App
	win fyne.Window
	db  Store
	opt Options

	// The data as last loaded: the plan, the running timer, every session (newest first) and
	// the figures computed from them.
	plan     tracker.Plan
	timer    *tracker.Session
	sessions []sessionRow      // newest first
	tags     []string          // the tags in use, most used first
	report   tracker.Report    // this week's totals, and the plan's progress over all time
	dash     tracker.Dashboard // the Today screen's figures
	stamp    string

	tabs      *container.AppTabs
	today     *todayScreen
	log       *logScreen
	planner   *planScreen
	reference *referenceScreen
	settings  *settingsScreen

	keys       map[string]func() // the keyboard shortcuts, by fyne.Shortcut name
	dialogs    []*openDialog     // the dialogs on the screen, the top one last
	undoStack  []undoStep
	status     *widget.Label
	undoButton *widget.Button

	themes     *themeRefresher
	tray       *trayMenu
	notified   map[string]bool // timers already reported as past their planned length
	lastBackup time.Time
	damage     *damageDialog  // the last damage shown, for the tests
	lastImport *importPreview // the open import preview, for tests
	loaded     chan struct{}  // closed once the sessions are first read and shown
	loadedAt   time.Time
	quit       chan struct{}
}

// undoStep reverts one change.
type undoStep struct {
	label string
	do    func() error
}

// New builds the window over db and loads the data. Call ShowAndRun (or, in tests, use
// Window) afterwards.
func New(a fyne.App, db Store, opt Options) *UI {
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.Loc == nil {
		opt.Loc = time.Local
	}
	if opt.Poll == 0 {
		opt.Poll = 500 * time.Millisecond
	}
	u := &UI{app: a, db: db, opt: opt, quit: make(chan struct{}), notified: map[string]bool{}, loaded: make(chan struct{})}
	a.SetIcon(fyne.NewStaticResource("icon.png", resources.Icon()))
	applyTheme(a, a.Preferences().StringWithFallback(prefTheme, themeSystem))
	u.win = a.NewWindow("Corepath")
	u.status = widget.NewLabel("")
	u.status.Truncation = fyne.TextTruncateEllipsis
	u.undoButton = widget.NewButton("Undo", u.Undo)
	u.undoButton.Hide()

	u.today = newTodayScreen(u)
	u.log = newLogScreen(u)
	u.planner = newPlanScreen(u)
	u.reference = newReferenceScreen(u)
	u.settings = newSettingsScreen(u)
	u.tabs = container.NewAppTabs(
		container.NewTabItem("Today", u.today.content),
		container.NewTabItem("Log", u.log.content),
		container.NewTabItem("Plan", u.planner.content),
		container.NewTabItem("Reference", u.reference.content),
		container.NewTabItem("Settings", u.settings.content),
	)
	u.tabs.SetTabLocation(container.TabLocationLeading)
	u.themes = &themeRefresher{app: a, seen: map[string]int{},
		choice: func() string { return a.Preferences().StringWithFallback(prefTheme, themeSystem) }}
	u.tabs.OnSelected = func(ti *container.TabItem) { u.themes.shown(ti.Text) }
	u.planner.tabs.OnSelected = func(ti *container.TabItem) { u.themes.shown("Plan " + ti.Text) }
	bar := container.NewBorder(nil, nil, nil, u.undoButton, u.status)
	u.win.SetContent(container.NewBorder(nil, bar, nil, nil, u.tabs))
	u.win.SetMainMenu(u.mainMenu())
	u.addShortcuts()
	u.win.Canvas().SetOnTypedKey(u.typedKey)
	u.restoreWindowSize()
	u.win.SetCloseIntercept(func() {
		u.saveWindowSize()
		u.backupOnClose()
		u.win.Close()
	})
	u.win.SetOnClosed(u.stop)
	u.tray = newTrayMenu(u)
	if !opt.LoadAfterShow {
		u.reload()
		u.markLoaded()
	}
	return u
}

// markLoaded records that the sessions have been read and shown for the first time.
func (u *UI) markLoaded() {
	u.loadedAt = time.Now()
	close(u.loaded)
}

// Window is the main window.
func (u *UI) Window() fyne.Window { return u.win }

// ShowAndRun shows the window and runs until the app quits.
func (u *UI) ShowAndRun() {
	u.Show()
	u.app.Run()
}

// Show shows the window and starts the background work: the timer's tick, the watch for
// changes from elsewhere, and the daily backup.
func (u *UI) Show() {
	u.win.Show()
	u.restorePosition()
	if !u.opt.LoadAfterShow {
		u.start()
		u.maybeWelcome()
		return
	}
	u.setStatus("Reading your sessions…")
	go func() {
		snap, err := u.load(0)
		fyne.Do(func() {
			if err != nil {
				u.showError(err)
			} else {
				u.apply(snap)
				u.setStatus("")
			}
			u.markLoaded()
			u.start()
			u.maybeWelcome()
		})
	}()
}

// start runs the goroutines: the timer's tick and the watch for changes from elsewhere.
func (u *UI) start() {
	u.autoBackup()
	u.checkInBackground()
	go u.tick()
	go u.watch()
}

// autoBackup takes the day's backup if it is not there yet; it runs at start and every hour.
func (u *UI) autoBackup() {
	u.lastBackup = u.opt.Now()
	if _, err := u.db.AutoBackup(); err != nil {
		u.setStatus("The daily backup failed: " + explain(err))
	}
}

func (u *UI) stop() {
	select {
	case <-u.quit:
	default:
		close(u.quit)
	}
}

// tick updates the running timer's display every second, and sends the reminders.
func (u *UI) tick() {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		select {
		case <-u.quit:
			return
		case <-t.C:
			fyne.Do(u.everySecond)
		}
	}
}

func (u *UI) everySecond() {
	if u.opt.Now().Sub(u.lastBackup) > time.Hour {
		u.autoBackup()
	}
	u.today.showTimer()
	u.log.timer.showElapsed()
	u.tray.update()
	u.checkNotifications()
}

// watch reloads when the store's file changes, so that a session logged in a terminal shows
// up here at once.
func (u *UI) watch() { watchFolder(u.db.Dir(), u.opt.Poll, u.quit, u.checkForChanges) }

// watchFolder calls changed after something in dir changes (a write to the store, or a
// restore's copy renamed over it: checkForChanges's stamp then says whether the store did),
// and on a slow poll behind that in case an event is missed; where dir cannot be watched it
// polls every poll instead. It returns when quit is closed.
func watchFolder(dir string, poll time.Duration, quit <-chan struct{}, changed func()) {
	var events <-chan fsnotify.Event
	var errs <-chan error
	if w, err := fsnotify.NewWatcher(); err == nil {
		defer w.Close()
		if w.Add(dir) == nil {
			events, errs, poll = w.Events, w.Errors, max(poll, slowPoll)
		}
	}
	t := time.NewTicker(poll)
	defer t.Stop()
	var settle <-chan time.Time // a commit writes more than once: look after the last write
	for {
		select {
		case <-quit:
			return
		case <-events:
			settle = time.After(50 * time.Millisecond)
		case <-errs: // an overflow or the like: the poll still looks
		case <-settle:
			settle = nil
			changed()
		case <-t.C:
			changed()
		}
	}
}

// slowPoll is how often the app looks for changes even when it watches the data folder.
const slowPoll = 10 * time.Second

// checkForChanges reloads if the store changed since the last load. It is called from the
// watch goroutine, so it touches the UI's state only through fyne.Do.
func (u *UI) checkForChanges() {
	stamp, err := u.db.Stamp()
	if err != nil {
		return // busy or gone for a moment: the next poll will tell
	}
	fyne.Do(func() {
		if stamp != u.stamp {
			u.reload()
		}
	})
}

// reload reads everything from the store and refreshes every screen.
func (u *UI) reload() {
	snap, err := u.load(len(u.sessions))
	if err != nil {
		u.showError(err)
		return
	}
	u.apply(snap)
}

// snapshot is everything the screens show, read from the store in one go. load builds it
// without touching a widget, so that the app can read 100,000 sessions while its window is
// already on the screen.
type snapshot struct {
	stamp    string
	plan     tracker.Plan
	timer    *tracker.Session
	sessions []sessionRow
	report   tracker.Report
	dash     tracker.Dashboard
	tags     []string
}

func (u *UI) load(sizeHint int) (*snapshot, error) {
	snap := &snapshot{}
	snap.stamp, _ = u.db.Stamp()
	var err error
	if snap.plan, err = u.db.Plan(); err != nil {
		return nil, err
	}
	if t, ok, err := u.db.Timer(); err != nil {
		return nil, err
	} else if ok {
		snap.timer = &t
	}
	// One pass over the sessions gives the list's rows, this week's totals, the plan's
	// progress and the dashboard.
	now := u.opt.Now()
	week := tracker.StartOfWeek(now, u.opt.Loc, snap.plan.Settings.WeekStart)
	sum := tracker.NewSummarizer(&snap.plan, u.opt.Loc, week, tracker.AddDays(week, 7), now)
	dash := tracker.NewDashboardBuilder(&snap.plan, u.opt.Loc, now)
	snap.sessions = make([]sessionRow, 0, sizeHint+1)
	tagSets, tagCount := map[string][]string{}, map[string]int{}
	err = u.db.Sessions(tracker.Query{Reverse: true}, func(s *tracker.Session) error {
		sum.Add(s)
		dash.Add(s)
		snap.sessions = append(snap.sessions, newSessionRow(s, tagSets))
		for _, t := range s.Tags {
			tagCount[t]++
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	snap.report, snap.dash, snap.tags = sum.Report(), dash.Result(), byCount(tagCount)
	return snap, nil
}

// apply shows a snapshot on every screen.
func (u *UI) apply(snap *snapshot) {
	u.plan, u.timer, u.sessions, u.stamp = snap.plan, snap.timer, snap.sessions, snap.stamp
	u.report, u.dash, u.tags = snap.report, snap.dash, snap.tags
	u.today.refresh()
	u.log.refresh()
	u.planner.refresh()
	u.reference.refresh()
	u.settings.refresh()
	u.tray.update()
}

// sessionRow is a session as the app keeps it in memory: what the list shows and filters on,
// in a small record that shares its strings with the other rows (topics, kinds and tag sets),
// so that 100,000 sessions cost little memory and little garbage collection. Editing reads the
// whole session from the store.
type sessionRow struct {
	id    string
	start int64 // Unix seconds
	secs  int32
	focus int8
	kind  tracker.Kind
	topic string
	tags  []string // shared by the rows with the same tags
	note  string
}

func newSessionRow(s *tracker.Session, tagSets map[string][]string) sessionRow {
	return sessionRow{id: s.ID, start: s.Start.Unix(), secs: int32(s.Duration / time.Second), focus: int8(s.Focus),
		kind: s.Kind, topic: s.TopicID, tags: sharedTags(s.Tags, tagSets), note: s.Note}
}

// sharedTags returns one slice per distinct list of tags.
func sharedTags(tags []string, sets map[string][]string) []string {
	if len(tags) == 0 {
		return nil
	}
	key := tags[0]
	if len(tags) > 1 {
		key = strings.Join(tags, "\x00")
	}
	if set, ok := sets[key]; ok {
		return set
	}
	set := append([]string(nil), tags...)
	sets[key] = set
	return set
}

func (r *sessionRow) startTime() time.Time    { return time.Unix(r.start, 0) }
func (r *sessionRow) duration() time.Duration { return time.Duration(r.secs) * time.Second }

// prepareTimer picks a topic for the timer and opens the Log screen, ready to start.
func (u *UI) prepareTimer(topicID string) {
	u.showScreen(screenLog)
	if u.timer == nil {
		u.log.timer.topic.SetText(u.plan.TopicPath(topicID))
		u.win.Canvas().Focus(u.log.timer.planned)
	}
}

// do runs a change, reloads, says what happened in the status bar and offers its undo.
func (u *UI) do(label string, change func() (undo func() error, message string, err error)) bool {
	undo, message, err := change()
	if err != nil {
		u.showError(err)
		return false
	}
	if undo != nil {
		u.undoStack = append(u.undoStack, undoStep{label: label, do: undo})
		if len(u.undoStack) > 50 {
			u.undoStack = u.undoStack[1:]
		}
	}
	u.reload()
	u.setStatus(message)
	return true
}

// Undo reverts the last change made in the app.
func (u *UI) Undo() {
	if len(u.undoStack) == 0 {
		u.setStatus("Nothing to undo.")
		return
	}
	step := u.undoStack[len(u.undoStack)-1]
	u.undoStack = u.undoStack[:len(u.undoStack)-1]
	if err := step.do(); err != nil {
		u.showError(fmt.Errorf("could not undo %q: %w", step.label, err))
	} else {
		u.setStatus("Undone: " + step.label)
	}
	u.reload()
}

func (u *UI) setStatus(msg string) {
	u.status.SetText(msg)
	if len(u.undoStack) > 0 {
		u.undoButton.SetText("Undo " + u.undoStack[len(u.undoStack)-1].label)
		u.undoButton.Show()
	} else {
		u.undoButton.Hide()
	}
}

// showError shows a store or validation error; its message says what to do.
func (u *UI) showError(err error) {
	var e *tracker.Error
	title := "Something went wrong"
	if errors.As(err, &e) {
		switch e.Code {
		case tracker.Invalid:
			title = "That is not valid"
		case tracker.NotFound:
			title = "Not found"
		case tracker.Conflict:
			title = "That clashes with your data"
		case tracker.InUse:
			title = "The data file is busy"
		case tracker.Damaged:
			u.showDamage(err)
			return
		case tracker.TooNew:
			title = "The data file cannot be used"
		}
	}
	msg := widget.NewLabel(explain(err))
	msg.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom(title, "OK", msg, u.win)
	u.showDialog(d, d.Hide, nil)
	d.Resize(fyne.NewSize(520, 0))
	u.status.SetText(explain(err))
}

// showScreen switches to a screen.
func (u *UI) showScreen(i int) { u.tabs.SelectIndex(i) }

type shortcut struct {
	label string
	key   fyne.KeyName
	run   func()
}

func (u *UI) shortcuts() []shortcut {
	return []shortcut{
		{"Today", fyne.Key1, func() { u.showScreen(screenToday) }},
		{"Log", fyne.Key2, func() { u.showScreen(screenLog) }},
		{"Plan", fyne.Key3, func() { u.showScreen(screenPlan) }},
		{"Reference", fyne.Key4, func() { u.showScreen(screenReference) }},
		{"Settings", fyne.Key5, func() { u.showScreen(screenSettings) }},
		{"New session", fyne.KeyN, u.newSession},
		{"Start or stop the timer", fyne.KeyT, u.toggleTimer},
		{"Find sessions", fyne.KeyF, u.findSessions},
	}
}

func shortcutFor(key fyne.KeyName) *desktop.CustomShortcut {
	return &desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault}
}

// addShortcuts puts the shortcuts on the canvas too: the desktop driver runs main-menu
// shortcuts first (so they never run twice), and the canvas ones serve where there is no menu.
func (u *UI) addShortcuts() {
	u.keys = map[string]func(){}
	for _, s := range u.shortcuts() {
		u.keys[shortcutFor(s.key).ShortcutName()] = s.run
		u.win.Canvas().AddShortcut(shortcutFor(s.key), u.typedShortcut)
	}
	u.keys[(&fyne.ShortcutUndo{}).ShortcutName()] = u.Undo
	u.win.Canvas().AddShortcut(&fyne.ShortcutUndo{}, u.typedShortcut)
}

// typedShortcut runs the action bound to a shortcut.
func (u *UI) typedShortcut(s fyne.Shortcut) {
	if run, ok := u.keys[s.ShortcutName()]; ok {
		run()
	}
}

func (u *UI) mainMenu() *fyne.MainMenu {
	item := func(label string, key fyne.KeyName, run func()) *fyne.MenuItem {
		m := fyne.NewMenuItem(label, run)
		m.Shortcut = shortcutFor(key)
		return m
	}
	sc := map[string]shortcut{}
	for _, s := range u.shortcuts() {
		sc[s.label] = s
	}
	menuItem := func(label string) *fyne.MenuItem { s := sc[label]; return item(s.label, s.key, s.run) }
	undo := fyne.NewMenuItem("Undo", u.Undo)
	undo.Shortcut = &fyne.ShortcutUndo{}
	quit := fyne.NewMenuItem("Quit", u.quitApp)
	quit.IsQuit = true
	quit.Shortcut = shortcutFor(fyne.KeyQ)
	return fyne.NewMainMenu(
		fyne.NewMenu("File",
			menuItem("New session"), menuItem("Start or stop the timer"), fyne.NewMenuItemSeparator(),
			fyne.NewMenuItem("Import…", func() { u.chooseImport(false) }),
			fyne.NewMenuItem("Import a Timewarrior folder…", func() { u.chooseImport(true) }),
			fyne.NewMenuItem("Export…", u.chooseExport), fyne.NewMenuItemSeparator(),
			fyne.NewMenuItem("Back up now", u.settings.backupNow), fyne.NewMenuItemSeparator(), quit),
		fyne.NewMenu("Edit", undo, menuItem("Find sessions")),
		fyne.NewMenu("View", menuItem("Today"), menuItem("Log"), menuItem("Plan"), menuItem("Reference"), menuItem("Settings")),
		u.planner.menu(),
	)
}

// newSession opens the Log screen with the past-session form ready to fill.
func (u *UI) newSession() {
	u.showScreen(screenLog)
	u.log.form.reset()
	u.win.Canvas().Focus(u.log.form.duration)
}

// findSessions opens the Log screen with the search box focused.
func (u *UI) findSessions() {
	u.showScreen(screenLog)
	u.win.Canvas().Focus(u.log.filter.text)
}

// toggleTimer starts the timer on the topic picked on the Log screen, or stops the running one.
func (u *UI) toggleTimer() {
	if u.timer != nil {
		u.log.timer.askStop()
		return
	}
	u.log.timer.start()
}

const (
	prefWidth  = "window.width"
	prefHeight = "window.height"
)

// The window's size is restored through Fyne and its position, where the platform allows, in
// position.go; saveWindowSize keeps both.

func (u *UI) restoreWindowSize() {
	p := u.app.Preferences()
	w, h := p.FloatWithFallback(prefWidth, 1180), p.FloatWithFallback(prefHeight, 760)
	u.win.Resize(fyne.NewSize(float32(max(w, 640)), float32(max(h, 480))))
}

func (u *UI) saveWindowSize() {
	u.savePosition()
	size := u.win.Canvas().Size()
	if size.Width > 0 && size.Height > 0 {
		u.app.Preferences().SetFloat(prefWidth, float64(size.Width))
		u.app.Preferences().SetFloat(prefHeight, float64(size.Height))
	}
}

// byCount lists the tags, most used first.
func byCount(count map[string]int) []string {
	tags := make([]string, 0, len(count))
	for t := range count {
		tags = append(tags, t)
	}
	sort.Slice(tags, func(i, j int) bool {
		return count[tags[i]] > count[tags[j]] || count[tags[i]] == count[tags[j]] && tags[i] < tags[j]
	})
	return tags
}

// hours writes minutes as hours with one decimal: "12.5 h".
func hours(minutes int) string { return fmt.Sprintf("%.1f h", float64(minutes)/60) }

// rowBase makes a list or tree row a widget: the renderer draws the children of a plain
// *fyne.Container only, so a row type that carries its own fields must render its box itself.
type rowBase struct {
	widget.BaseWidget
	box fyne.CanvasObject
}

func (r *rowBase) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(r.box) }
