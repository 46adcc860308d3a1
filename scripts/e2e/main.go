//go:build linux

// Command e2e drives the real corepath-app end to end, as a person would: under Xvfb, inside a
// D-Bus session (run it through scripts/e2e.sh, which starts one), with the keyboard through
// xdotool. It plays a tray host and a notification server on the session bus, so that the tray's
// registration and the desktop notifications are seen for real. It fails on a panic or fatal line
// in the app's log, a window that does not come, a dialog that does not open or close, a keyboard
// flow that does not save, and a window size at which the content is clipped. Screenshots of
// every screen at every size are kept in -out.
//
// The menu items, dialogs, screens and sizes are tables (menuItems, dialogs, screens, sizes):
// another one is one line.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"image"
	"image/png"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"time"

	"corepath/scripts/xdisplay"
)

// A menu item as the keyboard reaches it: Alt opens the menu bar, Right moves to the menu, Down
// opens it on its first item and Down moves to the item (separators are skipped).
type menuPath struct {
	menu, item int
}

// opens says what a menu item shows: a dialog (closed again with Escape), or a change in place.
type opens int

const (
	opensDialog opens = iota
	opensNothing
)

// actions are every main-menu item (but Quit, which ends the run) and every dialog, each opened
// from the keyboard ("menu:M:I" is item I of menu M) and, if it opens a dialog, closed with Escape.
var actions = []struct {
	name  string
	open  []string
	opens opens
	then  []string // keys to press in the dialog before Escape, with the dialog they open
}{
	{"File > New session", []string{"menu:0:0"}, opensNothing, nil},
	{"File > Import…", []string{"menu:0:2"}, opensDialog, nil},
	{"File > Import a Timewarrior folder…", []string{"menu:0:3"}, opensDialog, nil},
	{"File > Import from a typed path…", []string{"menu:0:4"}, opensDialog, nil},
	{"File > Export…", []string{"menu:0:5"}, opensDialog, nil},
	{"File > Export… > Choose a file…", []string{"menu:0:5"}, opensDialog, []string{"Return"}},
	{"File > Back up now", []string{"menu:0:6"}, opensNothing, nil},
	{"Edit > Undo", []string{"menu:1:0"}, opensNothing, nil},
	{"Edit > Find sessions", []string{"menu:1:1"}, opensNothing, nil},
	{"View > Today", []string{"menu:2:0"}, opensNothing, nil},
	{"View > Log", []string{"menu:2:1"}, opensNothing, nil},
	{"View > Plan", []string{"menu:2:2"}, opensNothing, nil},
	{"View > Reference", []string{"menu:2:3"}, opensNothing, nil},
	{"View > Settings", []string{"menu:2:4"}, opensNothing, nil},
	{"View > Whole message…", []string{"menu:2:5"}, opensDialog, nil},
	{"Plan > Add a milestone…", []string{"menu:3:0"}, opensDialog, nil},
	{"Plan > Add a topic…", []string{"menu:3:1"}, opensDialog, nil},
	{"Plan > Add a course…", []string{"menu:3:2"}, opensDialog, nil},
	{"Plan > Add an exam attempt…", []string{"menu:3:3"}, opensDialog, nil},
	{"Plan > Change an exam's fee and weights…", []string{"menu:3:4"}, opensDialog, nil},
	{"Plan > Add a CE activity…", []string{"menu:3:5"}, opensDialog, nil},
	{"Plan > Next tab", []string{"menu:3:6"}, opensNothing, nil},
	{"Plan > Previous tab", []string{"menu:3:7"}, opensNothing, nil},
	{"Help > Keyboard shortcuts…", []string{"menu:4:0"}, opensDialog, nil},
	{"Help > Certification rules and sources…", []string{"menu:4:1"}, opensDialog, nil},
	{"Help > About Corepath…", []string{"menu:4:2"}, opensDialog, nil},
	{"Log > a session's edit dialog", []string{"ctrl+2", "ctrl+f", "Return", "space"}, opensDialog, nil},
}

// screens are shot at every size; keys reach each from anywhere.
var screens = []struct {
	name string
	keys []string
}{
	{"today", []string{"ctrl+1"}},
	{"log", []string{"ctrl+2"}},
	{"plan-milestones", []string{"ctrl+3", "menu:3:0", "Escape"}},
	{"plan-skills", []string{"ctrl+3", "menu:3:1", "Escape"}},
	{"plan-degree", []string{"ctrl+3", "menu:3:2", "Escape"}},
	{"plan-exams", []string{"ctrl+3", "menu:3:3", "Escape"}},
	{"plan-ce", []string{"ctrl+3", "menu:3:5", "Escape"}},
	{"reference", []string{"ctrl+4"}},
	{"settings", []string{"ctrl+5"}},
}

// sizes are the window sizes every screen must fit without clipping.
var sizes = []struct{ w, h int }{{800, 600}, {1024, 640}, {1280, 800}, {1920, 1080}}

// readmeShots are the screenshots the README shows, copied to -docs.
var readmeShots = map[string]string{
	"today-1280x800.png":           "today.png",
	"log-1280x800.png":             "log.png",
	"plan-milestones-1280x800.png": "plan.png",
	"plan-skills-1280x800.png":     "skills.png",
	"plan-degree-1280x800.png":     "degree.png",
	"plan-exams-1280x800.png":      "exams.png",
	"reference-1280x800.png":       "reference.png",
	"settings-1280x800.png":        "settings.png",
	"settings-sync-1280x800.png":   "sync.png",
	"today-light-1280x800.png":     "today-light.png",
}

// fatalLine is a line of the app's log that fails the run; benignLine is Fyne's complaint that a
// bare test machine has no Videos or Music folder for the file chooser's shortcuts.
var (
	fatalLine  = regexp.MustCompile(`panic|fatal error|SIGSEGV|goroutine \d+ \[|systray error|failed to connect to DBus|Fyne error`)
	benignLine = regexp.MustCompile(`Getting favorite locations|does not define a [A-Z]+ folder|file_xdg|dialog/file\.go`)
)

func main() {
	s := &suite{}
	flag.StringVar(&s.appBin, "app", "./corepath-app", "the desktop app")
	flag.StringVar(&s.cliBin, "cli", "./corepath", "the command line")
	flag.StringVar(&s.out, "out", "build/e2e", "where the screenshots and logs go")
	flag.StringVar(&s.docs, "docs", "", "where to copy the README's screenshots (none if empty)")
	flag.Parse()
	start := time.Now()
	err := s.runCatching()
	s.stopAll()
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e: FAIL:", err)
	}
	if err != nil || len(s.failures) > 0 {
		fmt.Fprintf(os.Stderr, "e2e: %d failures (above); the app's logs are in %s\n", len(s.failures), s.out)
		os.Exit(1)
	}
	fmt.Printf("e2e: passed in %.0fs; screenshots in %s\n", time.Since(start).Seconds(), s.out)
}

type suite struct {
	appBin, cliBin, out, docs string
	work, data, home          string
	display                   string
	xvfb, app                 *exec.Cmd
	appLog                    *os.File
	exited                    chan struct{} // closed when the app exits
	appErr                    error         // its exit status then
	win                       string
	menuBar                   *image.RGBA // the menu bar's corner with nothing open
	bus                       *busWatch
	failures                  []string
	restarts                  int
}

func (s *suite) fail(format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	s.failures = append(s.failures, msg)
	fmt.Fprintln(os.Stderr, "e2e: FAIL:", msg)
}

func (s *suite) step(format string, args ...any) { fmt.Printf("e2e: "+format+"\n", args...) }

// runCatching runs the suite; a step that finds the app gone ends it early.
func (s *suite) runCatching() (err error) {
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(appGone); !ok {
				panic(r)
			}
			err = errors.New("the run stopped there")
		}
	}()
	return s.run()
}

func (s *suite) run() error {
	var err error
	for _, p := range []*string{&s.appBin, &s.cliBin, &s.out} {
		if *p, err = filepath.Abs(*p); err != nil {
			return err
		}
	}
	if err := os.MkdirAll(s.out, 0o755); err != nil {
		return err
	}
	if s.work, err = os.MkdirTemp("", "corepath-e2e-"); err != nil {
		return err
	}
	s.home = filepath.Join(s.work, "home")
	for _, d := range []string{".cache", ".config", "run"} {
		if err := os.MkdirAll(filepath.Join(s.home, d), 0o700); err != nil {
			return err
		}
	}
	if s.bus, err = watchBus(); err != nil {
		return fmt.Errorf("the session bus (run this through scripts/e2e.sh, inside dbus-run-session): %w", err)
	}
	if err := s.startX(); err != nil {
		return err
	}

	// A new user on an empty store: the welcome, with its goal field focused, saves on Enter.
	s.data = filepath.Join(s.work, "empty")
	if err := s.startApp("welcome"); err != nil {
		return err
	}
	s.welcome()
	if err := s.quitApp(); err != nil {
		return err
	}

	// A year of study: every menu item, dialog, screen and size, the keyboard and the tray.
	s.data = filepath.Join(s.work, "demo")
	if out, err := exec.Command(s.cliBin, "demo", "--data", s.data).CombinedOutput(); err != nil {
		return fmt.Errorf("corepath demo: %v: %s", err, out)
	}
	if err := s.syncWithADesktop(); err != nil {
		return err
	}
	if err := s.startApp("demo"); err != nil {
		return err
	}
	s.tray()
	s.windowIcon()
	s.resize(1280, 800)
	s.keepMenuBar()
	for _, a := range actions {
		s.isolated(a.name, func() { s.action(a.name, a.open, a.opens, a.then) })
	}
	s.isolated("the Log form", s.keyboardLog)
	s.isolated("an import by a typed path", s.importByTypedPath)
	s.isolated("the wheel", s.wheelOverFields)
	s.isolated("the course dialog", s.keyboardDialogs)
	s.isolated("the timer", s.timerPastItsPlan)
	s.isolated("a timer discarded from the terminal", s.timerDiscardedElsewhere)
	s.isolated("the screens", s.screensAtEverySize)
	s.isolated("Settings > Sync", s.syncSettings)
	if err := s.quitApp(); err != nil {
		return err
	}
	if err := s.lightTheme(); err != nil {
		return err
	}
	if err := s.withoutInotify(); err != nil {
		return err
	}
	if err := s.damagedStore(); err != nil {
		return err
	}
	if err := s.brokenStore(); err != nil {
		return err
	}
	s.copyReadmeShots()
	return nil
}

// brokenStore starts the app on a store whose page tree has a zeroed stretch and no backup:
// the dialog says that removing sessions cannot mend it and offers the data folder, and Escape
// leaves the file as it was.
func (s *suite) brokenStore() error {
	s.data = filepath.Join(s.work, "broken")
	demo := filepath.Join(s.work, "demo", "corepath.db")
	if err := os.MkdirAll(s.data, 0o700); err != nil {
		return err
	}
	b, err := os.ReadFile(demo)
	if err != nil {
		return err
	}
	mid := len(b) / 2 / 4096 * 4096
	copy(b[mid:mid+16384], make([]byte, 16384))
	// And the freelist's pages, which bbolt's open for writing reads (and panicked on).
	for at := 2 * 4096; at+4096 <= len(b); at += 4096 {
		if b[at+8] == 0x10 && b[at+9] == 0 {
			copy(b[at:at+4096], make([]byte, 4096))
		}
	}
	path := filepath.Join(s.data, "corepath.db")
	if err := os.WriteFile(path, b, 0o600); err != nil {
		return err
	}
	if err := s.startApp("broken"); err != nil {
		return err
	}
	s.isolated("the broken store", func() {
		err := poll(uiWait, func() bool { return s.dialogOpen() }, "the damage dialog")
		if err != nil {
			s.fail("broken store: no damage dialog: %v", err)
			return
		}
		s.shotTo("dialog-damage-beyond-sessions")
		// Enter opens the data folder; a machine with no file manager (no xdg-open, as here)
		// says so and gives the path instead.
		if _, err := exec.LookPath("xdg-open"); err == nil {
			s.keys("Escape")
		} else {
			s.keys("Return")
			time.Sleep(500 * time.Millisecond)
			if err := poll(uiWait, func() bool { return s.dialogOpen() }, "the dialog that gives the folder's path"); err != nil {
				s.fail("broken store: Open the data folder without a file manager showed nothing: %v", err)
				return
			}
			s.shotTo("dialog-folder-not-opened")
			s.keys("Escape")
			s.step("broken store: Open the data folder, with no file manager to start, said so and gave the path")
		}
		if after, _ := os.ReadFile(path); !bytes.Equal(after, b) {
			s.fail("broken store: the damaged file changed")
			return
		}
		s.step("broken store: the damage dialog opened, offering the data folder, and the file was left as it was")
	})
	return s.quitApp()
}

// damagedStore starts the app on a store with one damaged session and no backup: the check the
// app runs once open finds it and offers to remove it, Enter takes the offer, Enter again
// answers the question, and the command line then finds the store sound with the others.
func (s *suite) damagedStore() error {
	s.data = filepath.Join(s.work, "damaged")
	for i, at := range []string{"yesterday 10:00", "yesterday 12:00", "yesterday 14:00"} {
		if out, err := s.command(s.cliBin, "--data", s.data, "log", "30m", "--topic", "BGP", "--at", at, "--note", fmt.Sprintf("e2e note %d", i)); err != nil {
			return fmt.Errorf("logging into the store to damage: %v: %s", err, out)
		}
	}
	if err := os.RemoveAll(filepath.Join(s.data, "backups")); err != nil {
		return err
	}
	path := filepath.Join(s.data, "corepath.db")
	b, err := os.ReadFile(path)
	if err == nil {
		err = os.WriteFile(path, bytes.ReplaceAll(b, []byte("e2e note 1"), []byte("e2e nOte 1")), 0o600) // every copy, freed pages too
	}
	if err != nil {
		return err
	}
	if err := s.startApp("damaged"); err != nil {
		return err
	}
	s.isolated("the damaged store", func() {
		// Until the check has shown the dialog, Enter does nothing; then it opens the question,
		// and answers it.
		err := poll(uiWait, func() bool {
			s.keys("Return")
			_, err := s.command(s.cliBin, "--data", s.data, "check")
			return err == nil
		}, "Enter on the damage dialog and its question to remove the damaged session")
		if err != nil {
			s.fail("damaged store: %v", err)
			return
		}
		out, _ := s.command(s.cliBin, "--data", s.data, "sessions")
		if !strings.Contains(out, "e2e note 0") || !strings.Contains(out, "e2e note 2") || strings.Contains(out, "note 1") {
			s.fail("damaged store: after the removal the store holds:\n%s", out)
			return
		}
		if kept, _ := filepath.Glob(path + ".damaged-*"); len(kept) != 1 {
			s.fail("damaged store: the damaged file kept: %v", kept)
			return
		}
		s.step("damaged store: the dialog offered to remove the damaged session, Enter twice did, and the two others are sound")
	})
	return s.quitApp()
}

// withoutInotify starts and quits the app with the user's inotify instances used up, as IDEs and
// sync tools leave them on many desktops: Fyne then cannot watch its settings file, and its Quit
// used to crash on that.
func (s *suite) withoutInotify() error {
	var fds []int
	defer func() {
		for _, fd := range fds {
			syscall.Close(fd)
		}
	}()
	for len(fds) < 4096 {
		fd, err := syscall.InotifyInit1(syscall.IN_CLOEXEC)
		if err != nil {
			break
		}
		fds = append(fds, fd)
	}
	if _, err := syscall.InotifyInit1(syscall.IN_CLOEXEC); err == nil {
		return errors.New("without inotify: 4096 inotify instances did not use them up")
	}
	if err := s.startApp("without-inotify"); err != nil {
		return err
	}
	if err := s.quitApp(); err != nil {
		return fmt.Errorf("with no inotify instance left: %w", err)
	}
	s.step("with no inotify instance left (%d taken), the app starts and quits cleanly", len(fds))
	return nil
}

// syncWithADesktop turns sync on for the demo store, as "laptop", with a copy of it as
// "desktop", and makes both edit one session's note without seeing the other's edit, so that
// Settings > Sync has another device, a merge and a lost edit to show.
func (s *suite) syncWithADesktop() error {
	desktop, folder := filepath.Join(s.work, "desktop"), filepath.Join(s.work, "sync")
	cli := func(data string, args ...string) (string, error) {
		out, err := exec.Command(s.cliBin, append([]string{"--data", data}, args...)...).CombinedOutput()
		if err != nil {
			return "", fmt.Errorf("corepath %s: %v: %s", strings.Join(args, " "), err, out)
		}
		return string(out), nil
	}
	db, err := os.ReadFile(filepath.Join(s.data, "corepath.db"))
	if err == nil {
		err = os.MkdirAll(folder, 0o700)
	}
	if err == nil {
		err = os.MkdirAll(desktop, 0o700)
	}
	if err == nil {
		err = os.WriteFile(filepath.Join(desktop, "corepath.db"), db, 0o600)
	}
	if err != nil {
		return err
	}
	list, err := cli(s.data, "sessions", "--json", "--limit", "1")
	if err != nil {
		return err
	}
	var newest []struct{ ID string }
	if err := json.Unmarshal([]byte(list), &newest); err != nil || len(newest) != 1 {
		return fmt.Errorf("corepath sessions --json --limit 1: %v: %s", err, list)
	}
	id := newest[0].ID
	for _, step := range []struct {
		data string
		args []string
	}{
		{desktop, []string{"sync", "set", folder, "--name", "desktop"}},
		{s.data, []string{"sync", "set", folder, "--name", "laptop"}},
		{desktop, []string{"sync", "off"}}, // the desktop edits offline
		{desktop, []string{"edit", id, "--note", "desktop: RR clusters"}},
		{s.data, []string{"edit", id, "--note", "laptop: route reflectors"}},
		{desktop, []string{"sync", "set", folder, "--name", "desktop"}},
		{s.data, []string{"sync", "now"}},
	} {
		if _, err := cli(step.data, step.args...); err != nil {
			return err
		}
	}
	status, err := cli(s.data, "sync", "status")
	if err != nil {
		return err
	}
	if !strings.Contains(status, "desktop") || !strings.Contains(status, "RR clusters") && !strings.Contains(status, "route reflectors") {
		return fmt.Errorf("the demo store's sync status shows no desktop and no lost edit: %s", status)
	}
	return nil
}

// syncSettings shoots Settings scrolled to its Sync section, at the end of the screen.
func (s *suite) syncSettings() {
	s.resize(1280, 800)
	s.keys("ctrl+5")
	s.settle()
	s.xdotool("mousemove", "--window", s.win, "600", "400", "click", "--repeat", "40", "--delay", "10", "5")
	s.settle()
	s.mustRun("Settings > Sync")
	s.shotTo("settings-sync-1280x800")
	s.step("Settings > Sync: the other device and the lost edit")
}

// lightTheme starts the app again with the light theme and the daily reminder on (its kept
// settings), shoots Today and checks that the theme took (the window is mostly light), then
// opens Settings, which once crashed when the reminder was on.
func (s *suite) lightTheme() error {
	settings := filepath.Join(s.home, ".config", "corepath", "app-settings.json")
	b, err := os.ReadFile(settings)
	if err != nil {
		return fmt.Errorf("the app's settings: %w", err)
	}
	var p map[string]any
	if err := json.Unmarshal(b, &p); err != nil {
		return fmt.Errorf("the app's settings %s: %w", settings, err)
	}
	p["theme"], p["reminder.on"], p["reminder.at"] = "light", true, "06:30"
	if b, err = json.Marshal(p); err == nil {
		err = os.WriteFile(settings, b, 0o600)
	}
	if err != nil {
		return err
	}
	if err := s.startApp("light"); err != nil {
		return err
	}
	s.isolated("the light theme", func() {
		s.resize(1280, 800)
		s.keys("ctrl+1")
		img, err := s.settle()
		if err != nil {
			s.fail("light theme: %v", err)
			return
		}
		s.shotTo("today-light-1280x800")
		if light := lightShare(img); light < 0.5 {
			s.fail("light theme: only %.0f%% of the window is light", 100*light)
			return
		}
		s.step("light theme: Today")
		s.keys("ctrl+5")
		s.settle()
		s.mustRun("Settings with the reminder on")
		s.shotTo("settings-light-1280x800")
		s.step("light theme: Settings opens with the reminder on")
	})
	return s.quitApp()
}

// startX starts Xvfb on a free display, at the largest size the windows take.
func (s *suite) startX() error {
	d, err := xdisplay.Take(150, 199)
	if err != nil {
		return err
	}
	s.display = fmt.Sprintf(":%d", d)
	s.xvfb = exec.Command("Xvfb", s.display, "-screen", "0", "1920x1080x24", "-nolisten", "tcp")
	if err := s.xvfb.Start(); err != nil {
		return fmt.Errorf("Xvfb: %w", err)
	}
	return poll(uiWait, func() bool {
		_, err := os.Stat(xdisplay.Socket(d))
		return err == nil
	}, "Xvfb to start")
}

func (s *suite) startApp(name string) error {
	var err error
	if s.appLog, err = os.Create(filepath.Join(s.out, "app-"+name+".log")); err != nil {
		return err
	}
	s.app = exec.Command(s.appBin, "--data", s.data)
	s.app.Env = append(os.Environ(), "DISPLAY="+s.display, "HOME="+s.home, "XDG_RUNTIME_DIR="+filepath.Join(s.home, "run"))
	s.app.Stdout, s.app.Stderr = s.appLog, s.appLog
	if err := s.app.Start(); err != nil {
		return err
	}
	s.exited = make(chan struct{})
	go func(app *exec.Cmd, exited chan struct{}) {
		s.appErr = app.Wait()
		close(exited)
	}(s.app, s.exited)
	s.step("started the app on the %s store", name)
	out, err := s.xdotoolTimeout(15*time.Second, "search", "--sync", "--name", "^Corepath$")
	if err != nil {
		return fmt.Errorf("no Corepath window within 15 s: %v", err)
	}
	s.win = strings.Fields(out)[0]
	// The first frame: the window is drawn once it shows more than a handful of colours.
	return poll(15*time.Second, func() bool {
		img, err := s.shot()
		return err == nil && colours(img) > 50
	}, "the window to be drawn")
}

// quitApp quits with Ctrl+Q and checks the exit status and the log.
func (s *suite) quitApp() error {
	s.keys("Escape", "ctrl+q")
	select {
	case <-s.exited:
		s.app = nil
		s.checkLog()
		if s.appErr != nil {
			return fmt.Errorf("the app exited with %v", s.appErr)
		}
		s.checkSettingsFiles()
	case <-time.After(10 * time.Second):
		// What was on the screen then says why: a dialog that took the keys, or nothing.
		s.shotTo("quit-not-done")
		return fmt.Errorf("the app did not quit on Ctrl+Q within 10 s (the screen then: %s)", filepath.Join(s.out, "quit-not-done.png"))
	}
	return nil
}

// checkSettingsFiles reads back, after a quit, the settings the app and Fyne wrote on the way
// out: each file that exists is whole JSON (Fyne rewrites its own in place as it stops).
func (s *suite) checkSettingsFiles() {
	for _, path := range []string{
		filepath.Join(s.home, ".config", "corepath", "app-settings.json"),
		filepath.Join(s.home, ".config", "fyne", "dev.corepath.app", "preferences.json"),
	} {
		b, err := os.ReadFile(path)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		var v map[string]any
		if err == nil {
			err = json.Unmarshal(b, &v)
		}
		if err != nil {
			s.fail("after the quit, %s: %v (%q)", path, err, b)
		}
	}
}

func (s *suite) stopAll() {
	if s.app != nil && s.app.Process != nil {
		s.app.Process.Kill()
		<-s.exited
		s.checkLog()
	}
	if s.xvfb != nil && s.xvfb.Process != nil {
		s.xvfb.Process.Kill()
		s.xvfb.Wait()
	}
	if s.work != "" {
		os.RemoveAll(s.work)
	}
}

// alive reports whether the app still runs, and checks its log so far.
func (s *suite) alive(string) bool {
	s.checkLog()
	select {
	case <-s.exited:
		return false
	default:
		return true
	}
}

// isolated runs a step; if the app ends during it, that is a failure, and the app is started
// again for the next step.
func (s *suite) isolated(name string, step func()) {
	defer func() {
		r := recover()
		if r == nil {
			return
		}
		if _, ok := r.(appGone); !ok {
			panic(r)
		}
		s.restarts++
		if err := s.startApp(fmt.Sprintf("demo-after-%d", s.restarts)); err != nil {
			panic(appGone{"a restart after " + name})
		}
		s.resize(1280, 800)
	}()
	step()
}

// restart ends the app, to start it again for the next step with no dialog left open.
func (s *suite) restart() {
	s.app.Process.Kill()
	<-s.exited
	s.checkLog()
	panic(appGone{})
}

// appGone ends the run early: nothing can be checked once the app is gone.
type appGone struct{ during string }

// mustRun stops the run if the app has exited, saying during what.
func (s *suite) mustRun(during string) {
	if s.alive(during) {
		return
	}
	s.fail("the app ended (%v) during %s", s.appErr, during)
	s.app = nil
	panic(appGone{during})
}

var checked = map[string]int{} // log lines already reported, by file

func (s *suite) checkLog() {
	if s.appLog == nil {
		return
	}
	name := s.appLog.Name()
	f, err := os.Open(name)
	if err != nil {
		return
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		n++
		if n <= checked[name] {
			continue
		}
		line := sc.Text()
		if fatalLine.MatchString(line) && !benignLine.MatchString(line) && !benignNext(sc, line) {
			s.fail("the app's log (%s:%d): %s", filepath.Base(name), n, line)
		}
	}
	checked[name] = n
}

// benignNext reports whether a "Fyne error:" line is the benign one, which says why on its
// next lines; those are not consumed, so that they are checked too.
func benignNext(_ *bufio.Scanner, line string) bool {
	return strings.Contains(line, "Fyne error:  Getting favorite locations") ||
		strings.Contains(line, "Fyne error:  Failed to watch settings file") // no inotify instance left
}

// welcome checks the first start: the goal field has the focus, its default selected so that
// what is typed replaces it, and Enter saves the goal.
func (s *suite) welcome() {
	base, err := s.settle()
	if err != nil {
		s.fail("welcome: %v", err)
		return
	}
	s.typeText("12")
	s.keys("Return")
	if _, err := s.waitChanged(base, 0.05, "the welcome to close"); err != nil {
		s.fail("welcome: Enter in the goal field did not close the welcome: %v", err)
	}
	if plan, err := s.export(); err != nil {
		s.fail("welcome: %v", err)
	} else if plan.Plan.Goals.WeeklyHours != 12 {
		s.fail("welcome: typing 12 and Enter saved a weekly goal of %v hours", plan.Plan.Goals.WeeklyHours)
	} else {
		s.step("welcome: the goal field had the focus, 12 typed over its default, and Enter saved 12 hours a week")
	}
}

// action opens a main-menu item or a dialog from the keyboard, and closes its dialog with Escape.
func (s *suite) action(name string, open []string, what opens, then []string) {
	s.keys("ctrl+1")
	if _, err := s.settle(); err != nil {
		s.fail("%s: %v", name, err)
		return
	}
	s.keys(open...)
	if what == opensNothing {
		s.settle()
		s.mustRun(name)
		// A menu still closing on a busy machine looks like a dialog for a moment.
		if poll(uiWait, func() bool { return !s.dialogOpen() }, "no dialog") != nil {
			s.fail("%s opened a dialog", name)
			s.keys("Escape")
		}
		s.step("menu: %s", name)
		return
	}
	if err := poll(uiWait, s.dialogOpen, "the dialog"); err != nil {
		s.mustRun(name)
		s.fail("%s opened no dialog: %v", name, err)
		return
	}
	for _, k := range then {
		cur, _ := s.settle()
		s.keys(k)
		if _, err := s.waitChanged(cur, 0.05, "the next dialog"); err != nil || !s.dialogOpen() {
			s.mustRun(name)
			s.fail("%s: %s opened nothing: %v", name, k, err)
		}
	}
	s.settle()
	s.shotTo("menu-" + slug(name))
	s.keys("Escape")
	if err := poll(uiWait, func() bool { return !s.dialogOpen() }, "Escape to close the dialog"); err != nil {
		s.fail("%s: Escape did not close the dialog", name)
		s.restart()
	}
	s.mustRun(name)
	s.step("menu: %s", name)
}

// The menu bar's corner, as it looks with no dialog or menu open; a dialog dims it.
var menuBarCorner = image.Rect(0, 0, 240, 24)

func (s *suite) keepMenuBar() {
	img, err := s.settle()
	if err != nil {
		s.fail("the menu bar: %v", err)
		return
	}
	s.menuBar = crop(img, menuBarCorner)
}

// dialogOpen reports whether a dialog is open: the menu bar's corner is dimmed.
func (s *suite) dialogOpen() bool {
	img, err := s.shot()
	return err == nil && s.menuBar != nil && differing(crop(img, menuBarCorner), s.menuBar) > 100
}

// keyboardLog logs a past session with the keyboard only: Ctrl+N, a duration, Tab to the
// topic, Enter.
func (s *suite) keyboardLog() {
	before, err := s.export()
	if err != nil {
		s.fail("log form: %v", err)
		return
	}
	s.keys("ctrl+n")
	s.settle()
	s.typeText("25m")
	s.keys("Tab")
	s.typeText("Segment Routing")
	// Quit with the session typed and not logged asks first; Escape keeps the app and the form.
	base, _ := s.settle()
	s.keys("ctrl+q")
	if _, err := s.waitChanged(base, 0.05, "the question before quitting"); err != nil {
		s.fail("log form: Ctrl+Q with a typed session asked nothing: %v", err)
	} else {
		s.shotTo("dialog-quit-typed")
		s.keys("Escape")
		if err := s.waitSame(base, "the Log form after Keep it"); err != nil {
			s.fail("log form: Escape did not bring the form back as it was: %v", err)
		}
	}
	if !s.alive("after Ctrl+Q was answered Keep it") {
		return
	}
	s.keys("Return")
	after, err := s.waitExport(func(e *exported) bool { return len(e.Sessions) > len(before.Sessions) })
	if err != nil {
		s.fail("log form: Enter did not save the session: %v", err)
		return
	}
	last := after.newest()
	if last.End.Sub(last.Start) != 25*time.Minute || time.Since(last.End) > 2*time.Minute {
		s.fail("log form: saved %v ending %v; want 25m ending now", last.End.Sub(last.Start), last.End)
		return
	}
	s.step("keyboard: Ctrl+N, 25m, Tab, a topic and Enter logged a session that ends now")
}

// importByTypedPath imports a Toggl report from the keyboard alone: File > Import from a typed
// path, the file's path and Enter open the preview (which the file choosers' lists do not let
// the keyboard reach), and Enter there imports.
func (s *suite) importByTypedPath() {
	day := time.Now().AddDate(0, 0, -3).Format("2006-01-02")
	path := filepath.Join(s.work, "toggl typed.csv")
	report := "User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,Duration,Tags\n" +
		"Ada,a@x,,BGP,,imported by its path,No," + day + ",05:00:00," + day + ",05:40:00,00:40:00,\n"
	if err := os.WriteFile(path, []byte(report), 0o600); err != nil {
		s.fail("import by path: %v", err)
		return
	}
	before, err := s.export()
	if err != nil {
		s.fail("import by path: %v", err)
		return
	}
	s.keys("menu:0:4")
	if err := poll(uiWait, s.dialogOpen, "the path dialog"); err != nil {
		s.fail("import by path: File > Import from a typed path opened nothing: %v", err)
		return
	}
	s.typeText(path)
	cur, _ := s.settle()
	s.shotTo("dialog-import-path")
	s.keys("Return")
	if _, err := s.waitChanged(cur, 0.05, "the import preview"); err != nil || !s.dialogOpen() {
		s.fail("import by path: Enter opened no preview: %v", err)
		return
	}
	s.settle()
	s.shotTo("dialog-import-preview")
	s.keys("Return")
	after, err := s.waitExport(func(e *exported) bool { return len(e.Sessions) > len(before.Sessions) })
	if err != nil {
		s.fail("import by path: Enter in the preview imported nothing: %v", err)
		return
	}
	if last := after.newest(); last.Note != "imported by its path" || last.End.Sub(last.Start) != 40*time.Minute {
		s.fail("import by path: imported %+v", last)
		return
	}
	s.step("keyboard: File > Import from a typed path, the path, Enter, Enter imported a Toggl report")
	// The status line now holds the import's two lines, the second about the backup taken.
	cur, _ = s.settle()
	s.keys("menu:2:5")
	if _, err := s.waitChanged(cur, 0.05, "the whole message"); err != nil || !s.dialogOpen() {
		s.fail("import by path: View > Whole message… opened nothing: %v", err)
		return
	}
	s.settle()
	s.shotTo("dialog-whole-message")
	s.keys("Escape")
	s.step("keyboard: View > Whole message… showed the import's message whole")
}

// wheelOverFields turns the mouse wheel over the Log form at 1024x640, where the form is taller
// than the window, with the pointer on each of its rows in turn: the form must scroll every time
// (Fyne alone stops the wheel at each text field, which has a scroller of its own).
func (s *suite) wheelOverFields() {
	s.resize(1024, 640)
	s.keys("ctrl+2")
	pane := image.Rect(85, 30, 415, 590) // the timer and the form
	at := func(x, y int, button string, times int) {
		s.xdotool("mousemove", "--window", s.win, strconv.Itoa(x), strconv.Itoa(y),
			"click", "--repeat", strconv.Itoa(times), "--delay", "20", button)
	}
	toTop := func() { at(120, 300, "4", 15) } // over the labels' column
	var stuck []string
	for y := 300; y <= 540; y += 40 { // below 550, Clear and Save session, which stay in view
		toTop()
		s.xdotool("mousemove", "--window", s.win, "290", strconv.Itoa(y))
		base, err := s.settle() // hovering may light the field up
		if err != nil {
			s.fail("wheel: %v", err)
			return
		}
		at(290, y, "5", 3)
		if err := poll(uiWait, func() bool {
			img, err := s.shot()
			return err == nil && differing(crop(img, pane), crop(base, pane)) > 2000
		}, "the form to scroll"); err != nil {
			stuck = append(stuck, strconv.Itoa(y))
		}
	}
	toTop()
	if len(stuck) > 0 {
		s.fail("wheel: the Log form did not scroll with the pointer at x=290, y=%s", strings.Join(stuck, ", "))
		return
	}
	s.step("wheel: the Log form scrolls with the pointer over each of its fields")
}

// keyboardDialogs: Escape closes a form without saving; Enter saves one.
func (s *suite) keyboardDialogs() {
	before, err := s.export()
	if err != nil {
		s.fail("dialogs: %v", err)
		return
	}
	s.keys("ctrl+1")
	base, _ := s.settle()
	s.menu(menuPath{3, 2}) // Plan > Add a course…
	s.waitChanged(base, 0.2, "the course dialog")
	s.typeText("ESC101")
	s.keys("Escape")
	poll(uiWait, func() bool { return !s.dialogOpen() }, "the dialog to close")
	s.menu(menuPath{3, 2})
	poll(uiWait, s.dialogOpen, "the dialog")
	s.settle()
	s.typeText("KEY101")
	s.keys("Tab")
	s.typeText("Keyboard routing")
	s.keys("Tab")
	s.typeText("3")
	s.keys("Return")
	after, err := s.waitExport(func(e *exported) bool { return len(e.Plan.Courses) > len(before.Plan.Courses) })
	if err != nil {
		s.fail("course dialog: Enter did not save the course: %v", err)
		s.keys("Escape")
		return
	}
	codes := map[string]bool{}
	for _, c := range after.Plan.Courses {
		codes[c.Code] = true
	}
	switch {
	case codes["ESC101"]:
		s.fail("course dialog: Escape saved the course")
	case !codes["KEY101"]:
		s.fail("course dialog: the course typed was not saved: %v", codes)
	default:
		s.step("keyboard: the course dialog opens on its first field, Escape discards and Enter saves")
	}
}

// timerPastItsPlan starts, from the command line, a timer planned for a minute that began five
// minutes ago: the app must notify, say so in the tray, and stop it from the keyboard, with Tab
// leaving the note.
func (s *suite) timerPastItsPlan() {
	at := time.Now().Add(-5 * time.Minute).Format("2006-01-02 15:04")
	if out, err := exec.Command(s.cliBin, "--data", s.data, "start", "--topic", "BGP", "--at", at, "--for", "1m").CombinedOutput(); err != nil {
		s.fail("corepath start: %v: %s", err, out)
		return
	}
	if n, err := s.bus.waitNotification("Planned time reached", uiWait); err != nil {
		s.fail("timer: no desktop notification: %v", err)
	} else {
		s.step("notification: %q", n)
	}
	if err := poll(uiWait, func() bool { return strings.Contains(strings.Join(s.bus.trayLabels(), "\n"), "past the plan") }, "the tray"); err != nil {
		s.fail("tray: the menu does not say the timer is past its plan: %q", s.bus.trayLabels())
	}
	s.keys("ctrl+1")
	base, _ := s.settle()
	s.keys("ctrl+t")
	if _, err := s.waitChanged(base, 0.2, "the stop dialog"); err != nil {
		s.fail("timer: Ctrl+T opened no stop dialog: %v", err)
		return
	}
	s.shotTo("dialog-stop")
	s.typeText("route reflectors")
	s.keys("Tab")
	s.typeText("e2e")
	s.keys("Return")
	after, err := s.waitExport(func(e *exported) bool { return e.Timer == nil })
	if err != nil {
		s.fail("timer: Tab from the note to the tags and Enter did not save the session: %v", err)
		s.keys("Escape")
		return
	}
	last := after.newest()
	if last.Note != "route reflectors" || strings.Join(last.Tags, ",") != "e2e" {
		s.fail("timer: saved note %q and tags %q; want the note and the tag e2e", last.Note, last.Tags)
		return
	}
	s.step("keyboard: the stop dialog opens on its note, Tab leaves it, Enter saves")
}

// timerDiscardedElsewhere opens the stop dialog, discards the timer from the command line, and
// saves: the app asks whether to log what the dialog held, and Enter logs it with the note.
func (s *suite) timerDiscardedElsewhere() {
	at := time.Now().Add(-7 * time.Minute).Format("2006-01-02 15:04")
	if out, err := exec.Command(s.cliBin, "--data", s.data, "start", "--topic", "MPLS", "--at", at).CombinedOutput(); err != nil {
		s.fail("corepath start: %v: %s", err, out)
		return
	}
	if _, err := s.waitExport(func(e *exported) bool { return e.Timer != nil }); err != nil {
		s.fail("timer: %v", err)
		return
	}
	s.keys("ctrl+1")
	time.Sleep(time.Second) // the app's poll picks the timer up
	base, _ := s.settle()
	s.keys("ctrl+t")
	dlg, err := s.waitChanged(base, 0.2, "the stop dialog")
	if err != nil {
		s.fail("timer: Ctrl+T opened no stop dialog: %v", err)
		return
	}
	s.typeText("LDP sync")
	if out, err := exec.Command(s.cliBin, "--data", s.data, "cancel").CombinedOutput(); err != nil {
		s.fail("corepath cancel: %v: %s", err, out)
		s.keys("Escape")
		return
	}
	s.keys("Tab", "Return")
	if _, err := s.waitChanged(dlg, 0.05, "the question after the save"); err != nil {
		s.fail("timer: saving a timer discarded from the terminal asked nothing: %v", err)
		s.keys("Escape")
		return
	}
	s.shotTo("dialog-timer-discarded")
	s.keys("Return")
	after, err := s.waitExport(func(e *exported) bool { return e.newest().Note == "LDP sync" })
	if err != nil {
		s.fail("timer: Enter in the question did not log the discarded timer with its note: %v", err)
		s.keys("Escape")
		return
	}
	if last := after.newest(); last.End.Sub(last.Start) < 6*time.Minute || last.End.Sub(last.Start) > 9*time.Minute || after.Timer != nil {
		s.fail("timer: logged %s, timer %v; want about 7 minutes and none running", last.End.Sub(last.Start), after.Timer)
		return
	}
	s.step("timer: a save after the terminal discarded the timer asks, and Enter logs it with the note")
}

// tray checks that the app registered its tray icon with the host, and what its menu says.
func (s *suite) tray() {
	if err := poll(uiWait, func() bool { return s.bus.trayItem() != "" }, "the tray"); err != nil {
		s.fail("tray: no StatusNotifierItem registered on the session bus")
		return
	}
	labels := s.bus.trayLabels()
	if !contains(labels, "No timer running") || !contains(labels, "Open Corepath") {
		s.fail("tray: the menu reads %q", labels)
		return
	}
	s.step("tray: %s registered; its menu reads %q", s.bus.trayItem(), labels)
	if sizes := s.bus.trayIconSizes(); len(sizes) != 1 || sizes[0] != "256x256" {
		s.fail("tray: the icon's pixmaps are %q; want Corepath's at 256x256", sizes)
	}
}

// windowIcon checks the icon the window gives the desktop (_NET_WM_ICON): Corepath's at 256 px,
// which is quicker to decode at the start than the 512 px app icon.
func (s *suite) windowIcon() {
	out, err := s.command("xprop", "-id", s.win, "-notype", "32c", "_NET_WM_ICON")
	if err != nil {
		s.fail("window icon: %v", err)
		return
	}
	m := regexp.MustCompile(`_NET_WM_ICON = (\d+), (\d+),`).FindStringSubmatch(out)
	if m == nil || m[1] != "256" || m[2] != "256" {
		s.fail("window icon: xprop reads %.80q; want a 256 by 256 icon", out)
		return
	}
	s.step("window icon: 256 by 256")
}

// screensAtEverySize shoots every screen at every size, and fails where the content needs more
// room than the window: Fyne sets the window's minimum size to its content's, and without a
// window manager nothing stops a smaller window, which then cuts the content off.
func (s *suite) screensAtEverySize() {
	for _, size := range sizes {
		s.resize(size.w, size.h)
		for _, sc := range screens {
			for _, k := range sc.keys {
				s.keys(k)
			}
			s.settle()
			s.mustRun(sc.name)
			s.shotTo(fmt.Sprintf("%s-%dx%d", sc.name, size.w, size.h))
			if minW, minH, err := s.minSize(); err != nil {
				s.fail("%s: %v", sc.name, err)
			} else if minW > size.w || minH > size.h {
				s.fail("%s at %dx%d: the content needs %dx%d, so it is cut off", sc.name, size.w, size.h, minW, minH)
			}
		}
		s.step("screens at %dx%d", size.w, size.h)
	}
}

// copyReadmeShots copies the README's screenshots to -docs, when it is given.
func (s *suite) copyReadmeShots() {
	if s.docs == "" {
		return
	}
	for from, to := range readmeShots {
		b, err := os.ReadFile(filepath.Join(s.out, from))
		if err == nil {
			err = os.WriteFile(filepath.Join(s.docs, to), b, 0o644)
		}
		if err != nil {
			s.fail("README screenshot %s: %v", to, err)
		}
	}
}

// minSize reads the window's minimum size from its WM_NORMAL_HINTS.
func (s *suite) minSize() (int, int, error) {
	out, err := s.command("xprop", "-id", s.win, "WM_NORMAL_HINTS")
	if err != nil {
		return 0, 0, err
	}
	m := regexp.MustCompile(`minimum size: (\d+) by (\d+)`).FindStringSubmatch(out)
	if m == nil {
		return 0, 0, fmt.Errorf("no minimum size in %q", out)
	}
	w, _ := strconv.Atoi(m[1])
	h, _ := strconv.Atoi(m[2])
	return w, h, nil
}

func (s *suite) resize(w, h int) {
	s.xdotool("windowsize", s.win, strconv.Itoa(w), strconv.Itoa(h))
	if err := poll(uiWait, func() bool {
		img, err := s.shot()
		return err == nil && img.Bounds().Dx() == w && img.Bounds().Dy() == h
	}, "the window to take its size"); err != nil {
		s.fail("resize to %dx%d: %v", w, h, err)
	}
}

// menu opens a main-menu item with the keyboard.
func (s *suite) menu(p menuPath) {
	keys := []string{"alt"}
	for range p.menu {
		keys = append(keys, "Right")
	}
	keys = append(keys, "Down")
	for range p.item {
		keys = append(keys, "Down")
	}
	s.keys(append(keys, "Return")...)
}

// keys presses keys; "menu:M:I" opens a menu item.
func (s *suite) keys(keys ...string) {
	s.mustRun("the keys " + strings.Join(keys, " "))
	for _, k := range keys {
		if rest, ok := strings.CutPrefix(k, "menu:"); ok {
			var p menuPath
			fmt.Sscanf(rest, "%d:%d", &p.menu, &p.item)
			s.menu(p)
			continue
		}
		s.xdotool("key", "--delay", "40", k)
		time.Sleep(40 * time.Millisecond) // a key's handling is quick; let the next arrive apart
	}
}

func (s *suite) typeText(text string) { s.xdotool("type", "--delay", "30", text) }

func (s *suite) xdotool(args ...string) string {
	out, err := s.xdotoolTimeout(10*time.Second, args...)
	if err != nil {
		s.fail("xdotool %s: %v", strings.Join(args, " "), err)
	}
	return out
}

func (s *suite) xdotoolTimeout(d time.Duration, args ...string) (string, error) {
	return s.command("timeout", append([]string{fmt.Sprintf("%.0f", d.Seconds()), "xdotool"}, args...)...)
}

func (s *suite) command(name string, args ...string) (string, error) {
	cmd := exec.Command(name, args...)
	cmd.Env = append(os.Environ(), "DISPLAY="+s.display)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return string(out), fmt.Errorf("%v: %s", err, strings.TrimSpace(stderr.String()))
	}
	return string(out), nil
}

// shot takes a picture of the window.
func (s *suite) shot() (*image.RGBA, error) {
	xwd := exec.Command("xwd", "-silent", "-id", s.win)
	xwd.Env = append(os.Environ(), "DISPLAY="+s.display)
	conv := exec.Command("xwdtopnm")
	var err error
	if conv.Stdin, err = xwd.StdoutPipe(); err != nil {
		return nil, err
	}
	var out bytes.Buffer
	conv.Stdout = &out
	if err := conv.Start(); err != nil {
		return nil, err
	}
	if err := xwd.Run(); err != nil {
		conv.Wait()
		return nil, fmt.Errorf("xwd: %w", err)
	}
	if err := conv.Wait(); err != nil {
		return nil, fmt.Errorf("xwdtopnm: %w", err)
	}
	return decodePPM(out.Bytes())
}

func (s *suite) shotTo(name string) {
	img, err := s.shot()
	if err != nil {
		s.fail("screenshot %s: %v", name, err)
		return
	}
	f, err := os.Create(filepath.Join(s.out, name+".png"))
	if err != nil {
		s.fail("screenshot %s: %v", name, err)
		return
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		s.fail("screenshot %s: %v", name, err)
	}
}

// uiWait bounds each wait for the window to show something. The waits poll, so a long bound
// costs nothing when the app is quick; it leaves room for a loaded machine (a CI runner, or
// builds beside the suite), where a dialog can take seconds to appear.
const uiWait = 15 * time.Second

// A settled window: two pictures in a row that differ by no more than a blinking cursor.
const cursorPixels = 80

func (s *suite) settle() (*image.RGBA, error) {
	s.mustRun("a wait for the window")
	var last *image.RGBA
	var shot *image.RGBA
	err := poll(uiWait, func() bool {
		img, err := s.shot()
		if err != nil {
			return false
		}
		still := last != nil && differing(last, img) <= cursorPixels
		last, shot = img, img
		return still
	}, "the window to settle")
	return shot, err
}

// waitChanged waits until more than a share of the window differs from base (a dialog dims the
// whole window) and the window settles.
func (s *suite) waitChanged(base *image.RGBA, share float64, what string) (*image.RGBA, error) {
	if base == nil {
		return nil, errors.New("no picture to compare with")
	}
	limit := int(share * float64(base.Bounds().Dx()*base.Bounds().Dy()))
	if err := poll(uiWait, func() bool {
		img, err := s.shot()
		return err == nil && differing(base, img) > limit
	}, what); err != nil {
		return nil, err
	}
	return s.settle()
}

// waitSame waits until the window is back to base, up to the status bar's message and a cursor.
func (s *suite) waitSame(base *image.RGBA, what string) error {
	limit := base.Bounds().Dx() * 40 // the status bar's line may say what happened
	var d int
	err := poll(uiWait, func() bool {
		img, err := s.shot()
		d = differing(base, img)
		return err == nil && d <= limit
	}, what)
	if err != nil {
		return fmt.Errorf("%d pixels still differ", d)
	}
	return nil
}

// exported is what corepath export writes, as far as the suite reads it.
type exported struct {
	Plan struct {
		Courses []struct{ Code string } `json:"courses"`
		Goals   struct {
			WeeklyHours float64 `json:"weekly_hours"`
		} `json:"goals"`
	} `json:"plan"`
	Sessions []exportedSession `json:"sessions"`
	Timer    *exportedSession  `json:"timer"`
}

type exportedSession struct {
	Start, End time.Time
	Note       string
	Tags       []string
	Created    time.Time
}

func (e *exported) newest() exportedSession {
	var last exportedSession
	for _, s := range e.Sessions {
		if s.Created.After(last.Created) || s.Created.Equal(last.Created) && s.End.After(last.End) {
			last = s
		}
	}
	return last
}

// export reads the store through the command line, as the app wrote it.
func (s *suite) export() (*exported, error) {
	path := filepath.Join(s.work, "export.json")
	if out, err := exec.Command(s.cliBin, "--data", s.data, "export", "--format", "json", "-o", path).CombinedOutput(); err != nil {
		return nil, fmt.Errorf("corepath export: %v: %s", err, out)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var e exported
	return &e, json.Unmarshal(b, &e)
}

func (s *suite) waitExport(ok func(*exported) bool) (*exported, error) {
	var e *exported
	err := poll(uiWait, func() bool {
		var err error
		e, err = s.export()
		return err == nil && ok(e)
	}, "the store to change")
	return e, err
}

// poll checks cond every 50 ms until it holds or the time is up.
func poll(d time.Duration, cond func() bool, what string) error {
	deadline := time.Now().Add(d)
	for {
		if cond() {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("timed out after %v waiting for %s", d, what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func slug(s string) string {
	return strings.Trim(regexp.MustCompile(`[^a-z0-9]+`).ReplaceAllString(strings.ToLower(s), "-"), "-")
}

func contains(list []string, want string) bool {
	for _, l := range list {
		if strings.Contains(l, want) {
			return true
		}
	}
	return false
}
