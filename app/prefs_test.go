package app

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"corepath/resources"
	"corepath/storage"
)

// The settings are one JSON file, replaced whole: the next start reads what this one set, and no
// temporary file is left beside it.
func TestSettingsAreKeptInTheirOwnFile(t *testing.T) {
	h := newHarness(t)
	h.u.setTheme(themeLight)
	h.u.saveWindowSize()
	b, err := os.ReadFile(h.opt.PrefsFile)
	if err != nil {
		t.Fatal(err)
	}
	var onDisk map[string]any
	if err := json.Unmarshal(b, &onDisk); err != nil || onDisk[prefTheme] != themeLight || onDisk[prefWindow] != "-1 -1 1200 800" {
		t.Errorf("the file holds %s (%v)", b, err)
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(h.opt.PrefsFile), ".*")); len(left) != 0 {
		t.Errorf("temporary files left: %v", left)
	}
	again := New(test.NewTempApp(t), h.db, h.opt)
	defer again.Window().Close()
	if got := again.prefs.String(prefTheme, themeSystem); got != themeLight {
		t.Errorf("the next start reads the theme as %q", got)
	}
	if g := again.savedGeometry(); g != (geometry{-1, -1, 1200, 800}) {
		t.Errorf("the next start reads the window as %+v", g)
	}
	if got := h.app.Preferences().String(prefTheme) + h.app.Preferences().String(prefWindow); got != "" {
		t.Errorf("Fyne's preferences were written too: %q", got)
	}
}

// The first start of this version carries the settings over from Fyne's preferences, where
// earlier versions kept them; later changes there are not read again.
func TestSettingsAreCarriedOverFromFynesPreferencesOnce(t *testing.T) {
	h := newHarness(t)
	a := test.NewTempApp(t)
	a.Preferences().SetString(prefTheme, themeDark)
	a.Preferences().SetString(prefWindow, "40 30 1000 700")
	a.Preferences().SetBool(prefReminderOn, true)
	a.Preferences().SetString(prefReminderAt, "21:15")
	a.Preferences().SetBool(welcomedKey(h.db.Dir()), true)
	other := t.TempDir() // a second data folder the earlier version welcomed too
	a.Preferences().SetBool(welcomedKey(other), true)
	opt := h.opt
	opt.PrefsFile = filepath.Join(t.TempDir(), "corepath", "app-settings.json")
	u := New(a, h.db, opt)
	defer u.Window().Close()
	if u.prefs.String(prefTheme, "") != themeDark || u.prefs.String(prefWindow, "") != "40 30 1000 700" ||
		!u.prefs.Bool(prefReminderOn, false) || u.prefs.String(prefReminderAt, "") != "21:15" || u.maybeWelcome() != nil {
		t.Errorf("carried over %v", u.prefs.values)
	}
	if _, err := os.Stat(opt.PrefsFile); err != nil {
		t.Errorf("the carried-over settings were not written: %v", err)
	}
	otherDB, err := storage.Open(other, storage.Options{Seed: resources.DefaultPlan, Now: func() time.Time { return h.now }})
	if err != nil {
		t.Fatal(err)
	}
	w := New(a, otherDB, opt)
	defer w.Window().Close()
	if w.maybeWelcome() != nil {
		t.Error("the second folder, welcomed by the earlier version, was welcomed again")
	}
	a.Preferences().SetString(prefTheme, themeLight)
	again := New(a, h.db, opt)
	defer again.Window().Close()
	if got := again.prefs.String(prefTheme, ""); got != themeDark {
		t.Errorf("the second start read the theme %q from Fyne's preferences", got)
	}
}

// A damaged settings file gives the defaults and says so on the status line; the file is kept
// aside, and the next change writes a sound one.
func TestADamagedSettingsFileIsKeptAsideAndSaid(t *testing.T) {
	h := newHarness(t)
	if err := os.WriteFile(h.opt.PrefsFile, []byte(`{"theme": "dark", "window.geom`), 0o600); err != nil {
		t.Fatal(err)
	}
	u := New(test.NewTempApp(t), h.db, h.opt)
	defer u.Window().Close()
	if got := u.prefs.String(prefTheme, themeSystem); got != themeSystem {
		t.Errorf("theme %q from a damaged file", got)
	}
	if s := u.status.Text; !strings.Contains(s, h.opt.PrefsFile) || !strings.Contains(s, "are damaged") || !strings.Contains(s, ".damaged") {
		t.Errorf("status %q", s)
	}
	if b, err := os.ReadFile(h.opt.PrefsFile + ".damaged"); err != nil || !strings.Contains(string(b), "window.geom") {
		t.Errorf("the damaged file was not kept: %q %v", b, err)
	}
	u.setTheme(themeDark)
	if values, err := readPrefs(h.opt.PrefsFile); err != nil || values[prefTheme] != themeDark {
		t.Errorf("after a change the file reads %v, %v", values, err)
	}
}

// Two windows open on two data folders share the settings file: a change made by one is not
// undone when the other saves its own.
func TestTwoAppsKeepEachOthersSettings(t *testing.T) {
	path := filepath.Join(t.TempDir(), "app-settings.json")
	one, _ := openPrefs(path, nil, nil)
	other, _ := openPrefs(path, nil, nil)
	one.SetString(prefTheme, themeDark)
	other.SetString(prefWindow, "0 0 800 600")
	values, err := readPrefs(path)
	if err != nil || values[prefTheme] != themeDark || values[prefWindow] != "0 0 800 600" {
		t.Errorf("the file holds %v (%v)", values, err)
	}
}

// A file that holds null, or JSON that is not an object, or that cannot be read at all: the
// app starts on the defaults, saves its next change, and renames only a file it could read.
func TestOddSettingsFilesGiveTheDefaults(t *testing.T) {
	for _, c := range []struct {
		name, content string
		status        string
		setAside      bool
	}{
		{"null", "null", "", false},
		{"an array", "[1, 2]", "are damaged", true},
	} {
		path := filepath.Join(t.TempDir(), "app-settings.json")
		if err := os.WriteFile(path, []byte(c.content), 0o600); err != nil {
			t.Fatal(err)
		}
		p, problem := openPrefs(path, nil, nil)
		if !strings.Contains(problem, c.status) || (problem == "") != (c.status == "") {
			t.Errorf("%s: problem %q", c.name, problem)
		}
		p.SetString(prefTheme, themeDark) // panicked on null: a nil map
		if values, err := readPrefs(path); err != nil || values[prefTheme] != themeDark {
			t.Errorf("%s: after a change the file reads %v, %v", c.name, values, err)
		}
		if _, err := os.Stat(path + ".damaged"); (err == nil) != c.setAside {
			t.Errorf("%s: set aside %v, want %v", c.name, err == nil, c.setAside)
		}
	}
	unreadable := filepath.Join(t.TempDir(), "app-settings.json")
	if err := os.Mkdir(unreadable, 0o700); err != nil { // a folder where the file should be
		t.Fatal(err)
	}
	if _, problem := openPrefs(unreadable, nil, nil); !strings.Contains(problem, "could not be read") {
		t.Errorf("a folder in the file's place: %q", problem)
	}
	if info, err := os.Stat(unreadable); err != nil || !info.IsDir() {
		t.Errorf("the folder in the file's place was moved: %v", err)
	}
}

// Values edited by hand that the app cannot use are dropped and named; the rest are kept.
func TestSettingsThatAreNotUnderstoodAreNamed(t *testing.T) {
	path := filepath.Join(t.TempDir(), "app-settings.json")
	if err := os.WriteFile(path, []byte(`{"theme":"purple","reminder.at":"7:3","reminder.on":true,"window.geometry":"10 10 900 600"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	p, problem := openPrefs(path, nil, nil)
	if !strings.Contains(problem, "reminder.at 7:3, theme purple") || !strings.Contains(problem, path) {
		t.Errorf("problem %q", problem)
	}
	if p.String(prefTheme, themeSystem) != themeSystem || p.String(prefReminderAt, "19:00") != "19:00" ||
		!p.Bool(prefReminderOn, false) || p.String(prefWindow, "") != "10 10 900 600" {
		t.Errorf("kept %v", p.values)
	}
}

// What was wrong with the settings stays on the status line once the sessions are read, which
// LoadAfterShow does after the window is up.
func TestTheSettingsProblemOutlivesTheFirstRead(t *testing.T) {
	h := newHarness(t)
	if err := os.WriteFile(h.opt.PrefsFile, []byte("garbage"), 0o600); err != nil {
		t.Fatal(err)
	}
	opt := h.opt
	opt.LoadAfterShow = true
	u := New(test.NewTempApp(t), h.db, opt)
	defer u.Window().Close()
	u.startFirstRead()
	u.showFirstRead(<-u.loading)
	u.stop() // showFirstRead started the background work
	// Its check of the store must end before the store's folder is removed: read half gone, it
	// would report damage on its own goroutine, where Fyne's test driver draws while another
	// test draws too.
	defer u.checks.Wait()
	if !strings.Contains(u.status.Text, "are damaged") {
		t.Errorf("status after the first read: %q", u.status.Text)
	}
}
