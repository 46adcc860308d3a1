package app

// The app's own settings (the theme, the window's place and size, the reminder, the folders
// already welcomed) are kept in a JSON file of Corepath's, replaced whole through a temporary
// file and a rename, not in Fyne's preferences. Fyne 2.8.1 writes its preferences.json in place,
// debounces a second change within 100 ms, and rewrites the file as the app quits while its own
// watcher of that folder reloads it, which on a busy machine read it half written
// (fyne-io/fyne#2936; fynelog.go). Settings written here are never half written, and never wait.

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"

	"corepath/atomicfile"
)

// PrefsFile is where the app keeps its settings: Corepath's folder in the user's configuration
// folder, apart from the data folder, which may be synced to machines with other screens.
func PrefsFile() (string, error) {
	cfg, err := os.UserConfigDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(cfg, "corepath", "app-settings.json"), nil
}

// prefs are the app's settings, read once and written through on every change. Each write reads
// the file again first, so that a change made meanwhile by the app open on another data folder
// is kept.
type prefs struct {
	path   string // "": kept in memory only
	mu     sync.Mutex
	values map[string]any // strings and booleans
}

// openPrefs reads the settings in path ("" keeps them in memory). The first time, when the file
// does not exist yet, the settings earlier versions kept in Fyne's preferences are carried over
// (Fyne's file is left as it was); keys names those settings, each with the value it has when
// unset (the folders welcomed are looked up there as each is opened: welcomedBefore). problem,
// when not "", says in words what was wrong with the file.
func openPrefs(path string, earlier fyne.Preferences, keys map[string]any) (p *prefs, problem string) {
	p = &prefs{path: path, values: map[string]any{}}
	if path == "" {
		return p, ""
	}
	values, err := readPrefs(path)
	var damaged *json.SyntaxError
	var notAnObject *json.UnmarshalTypeError
	switch {
	case errors.Is(err, fs.ErrNotExist):
		p.carryOver(earlier, keys)
	case errors.As(err, &damaged) || errors.As(err, &notAnObject):
		kept := path + ".damaged"
		problem = fmt.Sprintf("The app's settings in %s are damaged (%v), so the theme, window and reminder are back to their defaults.", path, err)
		if rerr := os.Rename(path, kept); rerr == nil {
			problem += " The file is kept as " + kept + "."
		}
	case err != nil: // unreadable, not damaged: the file is left as it is
		problem = fmt.Sprintf("The app's settings in %s could not be read (%v), so the theme, window and reminder are back to their defaults.", path, err)
	default:
		p.values = values
		problem = p.dropInvalid()
	}
	return p, problem
}

// validPrefs check the values a person may have edited by hand; the app reads the window's
// place and size defensively itself.
var validPrefs = map[string]func(any) bool{
	prefTheme: func(v any) bool { s, _ := v.(string); return s == themeSystem || s == themeLight || s == themeDark },
	prefReminderAt: func(v any) bool {
		s, _ := v.(string)
		_, err := time.Parse("15:04", s)
		return err == nil
	},
	prefReminderOn: func(v any) bool { _, ok := v.(bool); return ok },
}

// dropInvalid removes the values validPrefs refuses, and says which.
func (p *prefs) dropInvalid() string {
	var dropped []string
	for key, valid := range validPrefs {
		if v, ok := p.values[key]; ok && !valid(v) {
			dropped = append(dropped, fmt.Sprintf("%s %v", key, v))
			delete(p.values, key)
		}
	}
	if len(dropped) == 0 {
		return ""
	}
	sort.Strings(dropped)
	return fmt.Sprintf("Settings in %s were not understood and are back to their defaults: %s.", p.path, strings.Join(dropped, ", "))
}

// readPrefs reads the settings file; a file of null holds none.
func readPrefs(path string) (map[string]any, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var values map[string]any
	if err := json.Unmarshal(b, &values); err != nil {
		return nil, err
	}
	if values == nil {
		values = map[string]any{}
	}
	return values, nil
}

// carryOver copies the settings that differ from their unset values out of Fyne's preferences.
func (p *prefs) carryOver(earlier fyne.Preferences, keys map[string]any) {
	if earlier == nil {
		return
	}
	for key, unset := range keys {
		switch unset := unset.(type) {
		case string:
			if v := earlier.StringWithFallback(key, unset); v != unset {
				p.values[key] = v
			}
		case bool:
			if v := earlier.BoolWithFallback(key, unset); v != unset {
				p.values[key] = v
			}
		}
	}
	if len(p.values) > 0 {
		p.save()
	}
}

func (p *prefs) String(key, fallback string) string {
	p.mu.Lock()
	defer p.mu.Unlock()
	if v, ok := p.values[key].(string); ok {
		return v
	}
	return fallback
}

func (p *prefs) Bool(key string, fallback bool) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if v, ok := p.values[key].(bool); ok {
		return v
	}
	return fallback
}

func (p *prefs) SetString(key, value string)    { p.set(key, value) }
func (p *prefs) SetBool(key string, value bool) { p.set(key, value) }

func (p *prefs) set(key string, value any) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.path != "" {
		if onDisk, err := readPrefs(p.path); err == nil {
			p.values = onDisk
		}
	}
	p.values[key] = value
	p.save()
}

// save writes the settings whole; a failure is logged, and the app goes on with them in memory.
func (p *prefs) save() {
	if p.path == "" {
		return
	}
	b, err := json.MarshalIndent(p.values, "", "  ")
	if err == nil {
		if err = os.MkdirAll(filepath.Dir(p.path), 0o700); err == nil {
			err = atomicfile.WriteBytes(p.path, "", 0o600, append(b, '\n'))
		}
	}
	if err != nil {
		log.Printf("corepath: the app's settings could not be saved to %s: %v", p.path, err)
	}
}

// openPrefs reads the app's settings, carrying over from Fyne's preferences those that earlier
// versions kept there, and returns what was wrong with the file, or "".
func (u *UI) openPrefs() (problem string) {
	u.prefs, problem = openPrefs(u.opt.PrefsFile, u.app.Preferences(), map[string]any{
		prefTheme: "", prefWindow: "", prefReminderOn: false, prefReminderAt: "", prefReminderSent: "",
	})
	if problem != "" {
		log.Print("corepath: " + problem)
	}
	return problem
}
