// Package app is Corepath's desktop app: one window with the Today, Log, Plan, Reference and
// Settings screens (a file each), a main menu with keyboard shortcuts, a tray menu and
// notifications. It works through tracker.Store; every screen keeps references to its widgets
// so that tests can drive them.
package app

import (
	"net/url"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
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
	SessionCount() (int, error)
	Dir() string
	Path() string
	BackupDir() string
	ManualBackup() (string, error)
	AutoBackup() ([]string, error)
	BackupPending() bool
	BackupBefore(step string) (string, error)
	InspectBackup(path string) (tracker.Backup, error)
	Restore(from string) (string, error)
	BackupIfChanged(maxAge time.Duration) (string, error)
	NewestGoodBackup() (string, bool)
	Check() (sessions int, err error)
	DropDamagedSessions() (tracker.DroppedSessions, error)
	Salvageable() bool
}

// Options tune the UI; zero values give the real clock, local time and a half-second poll.
type Options struct {
	Now  func() time.Time
	Loc  *time.Location
	Poll time.Duration // how often to look for changes made by the command line where the data folder cannot be watched; 0: 500 ms
	// LoadAfterShow shows the window without waiting for the sessions, so that a large store
	// does not delay the first frame: New returns with empty screens, and Show paints them, then
	// reads the sessions on a goroutine and fills the screens with them.
	LoadAfterShow bool
	// PrefsFile is where the app keeps its own settings (PrefsFile()); "" keeps them in memory.
	PrefsFile string
	// Sync is the store as sync sees it, and SyncOptions this machine's side of it, for
	// Settings > Sync (app/sync.go); nil leaves sync out.
	Sync        replica.Store
	SyncOptions replica.Options
	// Version is the app's, as About says it.
	Version string
}

// Screens, in the order of the navigation and of Ctrl+1..5.
const (
	screenToday = iota
	screenLog
	screenPlan
	screenReference
	screenSettings
)

// appData is what the screens show: the clock, the data as last loaded (the plan, the running
// timer, every session newest first) and the figures computed from them. The UI holds it and
// keeps it up to date; screens read it through a pointer.
type appData struct {
	opt      Options
	plan     tracker.Plan
	timer    *tracker.Session
	sessions []sessionRow      // newest first
	rowArray []sessionRow      // ends with sessions, with free rows before them (insertRow)
	tags     []string          // the tags in use, most used first
	tagCount map[string]int    // the sessions of each tag
	longest  int32             // the longest session's seconds (not lowered when it goes)
	counts   *settledCounts    // nil: count the settled sessions again for the next figures
	report   tracker.Report    // this week's totals, and the plan's progress over all time
	dash     tracker.Dashboard // the Today screen's figures
	stamp    string
}

// UI is the running app: the window, the data it shows, and the screens.
type UI struct {
	app   fyne.App
	win   fyne.Window
	db    Store
	prefs *prefs
	appData
	checks sync.WaitGroup // the store's checks running in the background, which a test waits for

	tabs *container.AppTabs
	// unmounted are the screens not yet put into their tabs (mount), by screen.
	unmounted map[int]fyne.CanvasObject
	// staleScreens refresh when next shown: they changed while hidden (refreshWhenShown).
	staleScreens map[int]func()
	today        *todayScreen
	log          *logScreen
	planner      *planScreen
	reference    *referenceScreen
	settings     *settingsScreen

	keys       map[string]func() // the keyboard shortcuts, by fyne.Shortcut name
	dialogs    []*openDialog     // the dialogs on the screen, the top one last
	undoStack  []undoStep
	status     *widget.Label
	statusMore *button // shown when the status line is a long message's first line
	statusFull string  // that message whole
	undoButton *button

	themes     *themeRefresher
	tray       *trayMenu
	notified   map[string]bool // timers already reported as past their planned length
	lastBackup time.Time
	damage     *damageDialog  // the last damage shown, for the tests
	lastImport *importPreview // the open import preview, for tests
	loading    chan firstRead // LoadAfterShow's first read of the store, for Show
	storeFile  os.FileInfo    // the store's file as last seen: a restore puts another in its place
	notice     string         // what went wrong at the start (the settings file), kept on the status line
	// untouched is the field that had the focus after the last change, with its text then:
	// Ctrl+Z there, before anything is typed, undoes the change (undoKey).
	untouched     fyne.Focusable
	untouchedText string
	loaded        chan struct{} // closed once the sessions are first read and shown
	loadedAt      time.Time
	// gcAfterStart puts the garbage collector back as it was before the start.
	gcAfterStart func()
	quit         chan struct{}
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
	u := &UI{app: a, db: db, appData: appData{opt: opt}, quit: make(chan struct{}), notified: map[string]bool{}, loaded: make(chan struct{})}
	u.gcAfterStart = collectLessUntilLoaded()
	if opt.LoadAfterShow {
		u.loading = make(chan firstRead, 1)
	}
	a.SetIcon(fyne.NewStaticResource("icon.png", resources.Icon()))
	watchFyneStop(a)
	u.notice = u.openPrefs()
	applyTheme(a, u.prefs.String(prefTheme, themeSystem))
	u.storeFile, _ = os.Stat(db.Path())
	u.win = a.NewWindow("Corepath")
	u.win.SetIcon(windowIcon())
	u.status = widget.NewLabel("")
	u.status.Truncation = fyne.TextTruncateEllipsis
	u.statusMore = newPlainButton("Whole message", u.unlessDialog(u.showWholeStatus))
	u.statusMore.Hide()
	u.showStatus(u.notice)
	u.undoButton = newPlainButton("Undo", u.Undo)
	u.undoButton.Hide()

	u.today = newTodayScreen(&u.appData, u)
	u.log = newLogScreen(&u.appData, u)
	u.planner = newPlanScreen(u)
	u.reference = newReferenceScreen(&u.appData, u)
	u.settings = newSettingsScreen(&u.appData, u, u.db, newSyncSection(&u.appData, u))
	// Only the Today screen goes into the window now: the others are laid out and drawn when
	// first shown, so that they do not delay the first frame.
	u.unmounted = map[int]fyne.CanvasObject{screenLog: u.log.content, screenPlan: u.planner.content,
		screenReference: u.reference.content, screenSettings: u.settings.content}
	// The tabs are placed before they are a widget: NewAppTabs and then SetTabLocation would make
	// their renderer at once, laying the Today screen out at no size, before the window's.
	u.tabs = &container.AppTabs{Items: []*container.TabItem{
		container.NewTabItem("Today", u.today.content),
		container.NewTabItem("Log", container.NewStack()),
		container.NewTabItem("Plan", container.NewStack()),
		container.NewTabItem("Reference", container.NewStack()),
		container.NewTabItem("Settings", container.NewStack()),
	}}
	u.tabs.SetTabLocation(container.TabLocationLeading)
	u.tabs.ExtendBaseWidget(u.tabs)
	u.themes = &themeRefresher{app: a, seen: map[string]int{},
		choice: func() string { return u.prefs.String(prefTheme, themeSystem) }}
	u.tabs.OnSelected = func(ti *container.TabItem) {
		// The focus stays on no hidden screen's field: keys typed next (Home, PageDown, text)
		// belong to the screen on show. Whoever opened the screen focuses its field after this.
		u.win.Canvas().Unfocus()
		u.mount(u.tabs.SelectedIndex())
		u.screenShown(u.tabs.SelectedIndex())
		u.themes.shown(ti.Text)
	}
	u.planner.onShown(func(tab string) { u.themes.shown("Plan " + tab) })
	bar := container.NewBorder(nil, nil, nil, container.NewHBox(u.statusMore, u.undoButton), u.status)
	u.restoreWindowSize() // first: the content is then laid out once, at the window's size
	u.win.SetContent(container.NewBorder(nil, bar, nil, nil, u.tabs))
	u.win.SetMainMenu(u.mainMenu())
	u.addShortcuts()
	u.win.Canvas().SetOnTypedKey(u.typedKey)
	u.win.Canvas().SetOnTypedRune(u.typedRune)
	u.win.SetCloseIntercept(func() {
		u.askBeforeQuit(func() {
			u.saveWindowSize()
			u.backupOnClose()
			u.win.Close()
		})
	})
	u.win.SetOnClosed(u.stop)
	u.tray = &trayMenu{u: u}
	if !opt.LoadAfterShow {
		u.reload()
		u.markLoaded()
	}
	return u
}

// windowIcon is the icon of the window and of the tray, smaller than the app's own (which Fyne
// gives notifications) since both are decoded as the app starts.
func windowIcon() fyne.Resource {
	return fyne.NewStaticResource("icon-256.png", resources.WindowIcon())
}

// markLoaded records that the sessions have been read and shown for the first time.
func (u *UI) markLoaded() {
	u.loadedAt = time.Now()
	close(u.loaded)
	u.gcAfterStart()
}

// collectLessUntilLoaded has the garbage collector wait for the heap to grow fivefold instead of
// twofold (GOGC=400) while the app starts, and returns what puts it back. Nearly all that the
// start allocates is kept (Fyne's fonts and widgets, the sessions' rows), so collecting each time
// the heap doubles from 4 MB ran the collector several times for little, beside the first frame:
// about 10 ms earlier with 100,000 sessions. A GOGC set higher, or off, is left as it is.
func collectLessUntilLoaded() (restore func()) {
	was := debug.SetGCPercent(400)
	if was < 0 || was >= 400 {
		debug.SetGCPercent(was)
		return func() {}
	}
	return func() { debug.SetGCPercent(was) }
}

// Window is the main window.
func (u *UI) Window() fyne.Window { return u.win }

// storeStamp is the store's stamp: it moves with every write, this process's or another's.
func (u *UI) storeStamp() (string, error) { return u.db.Stamp() }

// lifecycle gives the channels closed once the data is first shown and when the app quits.
func (u *UI) lifecycle() (loaded, quit <-chan struct{}) { return u.loaded, u.quit }

// session reads a whole session from the store (the screens keep a summary of each).
func (u *UI) session(id string) (tracker.Session, error) { return u.db.GetSession(id) }

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
	if u.opt.LoadAfterShow {
		u.startFirstRead()
		go u.showFirstReadWhenDone()
	} else {
		u.start()
		u.maybeWelcome()
	}
	// The tray icon makes a hidden window of its own, about 50 ms: after the first frame (which
	// win.Show painted), while the sessions are read, and before the app's loop runs, which is
	// when Fyne starts the tray.
	u.tray.show()
}

// readingNotice is how long the first read of the store may take before the status line says
// that it is under way: long enough that a usual start does not flash the notice.
const readingNotice = 300 * time.Millisecond

// startFirstRead reads the store for LoadAfterShow on a goroutine of low priority and sends the
// result to u.loading. It starts once the window is painted: begun earlier, on a machine of two
// cores it competed with building and painting the window (the toolkit's, the display server's
// and the software renderer's threads), and with 100,000 sessions the first frame came 17 to 68
// ms later than over an empty store (bench/README.md).
func (u *UI) startFirstRead() {
	inBackground(func() {
		snap, err := u.load()
		u.loading <- firstRead{snap, err}
	})
}

// showFirstReadWhenDone waits for the first read, saying on the status line that it is under
// way if it takes long, and shows it.
func (u *UI) showFirstReadWhenDone() {
	var first firstRead
	select {
	case first = <-u.loading:
	case <-time.After(readingNotice):
		fyne.Do(func() { u.setStatus("Reading your sessions…") })
		first = <-u.loading
	}
	fyne.Do(func() { u.showFirstRead(first) })
}

// showFirstRead shows LoadAfterShow's read of the store and starts the background work.
func (u *UI) showFirstRead(first firstRead) {
	switch {
	case first.err != nil:
		u.showError(first.err)
	case u.stamp == "": // else a change made meanwhile has read the store again since
		u.apply(first.snap)
		u.setStatus(u.notice)
	}
	u.markLoaded()
	u.start()
	u.maybeWelcome()
}

// firstRead is the first read of the store: the snapshot, or why there is none.
type firstRead struct {
	snap *snapshot
	err  error
}

// start runs the goroutines: the timer's tick and the watch for changes from elsewhere.
func (u *UI) start() {
	u.backupNow()
	u.checkInBackground()
	go u.tick()
	go u.watch()
}

// autoBackup takes the day's backup if it is not there yet; it runs at start and every hour,
// and after a store's first change. It returns what to say of a failure, "" when there was none.
func (u *UI) autoBackup() string {
	u.lastBackup = u.opt.Now()
	if _, err := u.db.AutoBackup(); err != nil {
		return "The daily backup failed: " + explain(err)
	}
	return ""
}

// backupNow takes the day's backup, as autoBackup does, and says on the status line if it failed.
func (u *UI) backupNow() {
	if failed := u.autoBackup(); failed != "" {
		u.setStatus(failed)
	}
}

// afterFirstChange takes the first backups of a store just changed for the first time, and
// returns message with what to say of a failure after it, so that neither hides the other.
func (u *UI) afterFirstChange(message string) string {
	if !u.db.BackupPending() {
		return message
	}
	if failed := u.autoBackup(); failed != "" {
		return strings.TrimSpace(message + " " + failed)
	}
	return message
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
		u.backupNow()
	}
	u.today.showTimer()
	u.log.tick()
	u.tray.update()
	u.checkNotifications()
}

// timerTopic is the topic the timer would start with: the Log screen's choice, if it names one.
func (u *UI) timerTopic() string {
	if topic, err := u.log.timer.pick.find(); err == nil {
		return u.plan.TopicPath(topic.ID)
	}
	return ""
}

// prepareTimer picks a topic for the timer and opens the Log screen, ready to start.
func (u *UI) prepareTimer(topicID string) {
	u.showScreen(screenLog)
	u.log.prepareTimer(topicID)
}

// preferences are the app's settings.
func (u *UI) preferences() *prefs { return u.prefs }

// setTheme applies and keeps a theme choice (themeSystem, themeLight or themeDark).
func (u *UI) setTheme(choice string) {
	u.prefs.SetString(prefTheme, choice)
	applyTheme(u.app, choice)
	u.themes.changed("Settings")
}

// openFolder shows a folder in the desktop's file manager. Where none can be started (a Linux
// desktop without xdg-open), its path goes to the clipboard and a message says so, rather than
// the launcher's own error.
func (u *UI) openFolder(dir string) {
	err := u.app.OpenURL(&url.URL{Scheme: "file", Path: filepath.ToSlash(dir)})
	if err == nil {
		return
	}
	u.app.Clipboard().SetContent(dir)
	u.showMessage("The folder could not be opened", "OK", "No file manager could be started to show the folder. Its path is copied to the clipboard:\n\n"+dir, 520)
	u.showStatus("The folder could not be opened; its path is copied to the clipboard: " + dir)
}

// restored shows the store after a restore replaced it, saying message: the undo steps
// recorded before no longer apply.
func (u *UI) restored(message string) {
	u.undoStack = nil
	u.storeFile, _ = os.Stat(u.db.Path())
	u.reload()
	u.setStatus(message)
}

// showPlan opens the Plan screen on one of its tabs.
func (u *UI) showPlan(tab int) { u.planner.show(tab) }

// showScreen switches to a screen.
func (u *UI) showScreen(i int) { u.tabs.SelectIndex(i) }

// shownScreen is the screen on show (screenToday…).
func (u *UI) shownScreen() int { return u.tabs.SelectedIndex() }

// mount puts a screen into its tab the first time it is shown.
func (u *UI) mount(screen int) {
	if content, ok := u.unmounted[screen]; ok {
		delete(u.unmounted, screen)
		u.tabs.Items[screen].Content.(*fyne.Container).Add(content)
	}
}

// hours writes minutes as hours with one decimal: "12.5 h".
func hours(minutes int) string { return hoursLabel(float64(minutes) / 60) }

// minutesText says whole minutes as a duration: 2h14m, 58m, 10h.
func minutesText(minutes int) string {
	return tracker.FormatDuration(time.Duration(minutes) * time.Minute)
}

// rowBase makes a list or tree row a widget: the renderer draws the children of a plain
// *fyne.Container only, so a row type that carries its own fields must render its box itself.
type rowBase struct {
	widget.BaseWidget
	box fyne.CanvasObject
}

func (r *rowBase) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(r.box) }
