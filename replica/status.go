package replica

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"corepath/tracker"
)

// Enable turns sync on with folder, under the device name name (kept when empty), and syncs.
// The folder must exist: it is the one the sync tool keeps in step.
func Enable(st Store, folder, name string, opt Options) (Report, error) {
	opt = opt.withDefaults()
	abs, err := checkFolder(folder, opt.DataDir)
	if err != nil {
		return Report{}, err
	}
	err = st.Exchange(func(tx Tx) error {
		kv := tx.Local()
		var cfg config
		if err := getJSON(kv, keyConfig, &cfg); err != nil {
			return err
		}
		if cfg.Device == "" {
			cfg.Device = newDeviceID(opt.Random)
			cfg.Instance = opt.Instance
		}
		if cfg.Folder != abs {
			// Another folder: this device's files are written there afresh, and its files read anew.
			cfg.Rewrite = true
			var stale []string
			if err := kv.ForEach(readPrefix, func(k string, _ []byte) error { stale = append(stale, k); return nil }); err != nil {
				return err
			}
			for _, k := range append(stale, keyProblems) {
				if err := kv.Delete(k); err != nil {
					return err
				}
			}
		}
		cfg.Folder = abs
		if name = strings.TrimSpace(name); name != "" {
			cfg.Name = name
		}
		if cfg.Name == "" {
			cfg.Name = cfg.Device
		}
		return putJSON(kv, keyConfig, cfg)
	})
	if err != nil {
		return Report{}, err
	}
	return Sync(st, opt)
}

func checkFolder(folder, dataDir string) (string, error) {
	if strings.TrimSpace(folder) == "" {
		return "", tracker.Errorf(tracker.Invalid, "no sync folder given: name the folder your sync tool (Syncthing, Nextcloud, Dropbox) keeps in step")
	}
	abs, err := filepath.Abs(folder)
	if err != nil {
		return "", tracker.Errorf(tracker.Invalid, "cannot use %q as the sync folder: %v", folder, err)
	}
	if data, err := filepath.Abs(dataDir); dataDir != "" && err == nil && (within(abs, data) || within(data, abs)) {
		return "", tracker.Errorf(tracker.Invalid, "%s holds Corepath's own data folder (or is in it): the store's file must never be synced; choose a folder of its own, like ~/Sync/corepath", abs)
	}
	info, err := os.Stat(abs)
	switch {
	case err != nil:
		return "", tracker.Errorf(tracker.Invalid, "the sync folder %s does not exist (%v): create it, or choose the folder your sync tool shares", abs, err)
	case !info.IsDir():
		return "", tracker.Errorf(tracker.Invalid, "%s is a file, not a folder: choose the folder your sync tool shares", abs)
	}
	probe, err := os.CreateTemp(abs, ".corepath-probe-*.tmp")
	if err != nil {
		return "", tracker.Errorf(tracker.Invalid, "cannot write in the sync folder %s (%v): choose a folder you can write to", abs, err)
	}
	probe.Close()
	os.Remove(probe.Name())
	return abs, nil
}

func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// Disable turns sync off. Both this store and the folder stay whole: nothing is deleted, and
// turning it on again later merges whatever happened in between.
func Disable(st Store) error {
	return st.Exchange(func(tx Tx) error {
		kv := tx.Local()
		var cfg config
		if err := getJSON(kv, keyConfig, &cfg); err != nil {
			return err
		}
		if cfg.Folder == "" {
			return tracker.Errorf(tracker.NotFound, "sync is not on for this store")
		}
		cfg.Folder = ""
		return putJSON(kv, keyConfig, cfg)
	})
}

// Device is another device seen in the folder.
type Device struct {
	ID        string    `json:"id"`
	Name      string    `json:"name"`
	LastWrite time.Time `json:"last_write"` // its last change, by its own clock
	LastRead  time.Time `json:"last_read"`  // when this device last merged something of it
}

// Status is sync as this store knows it.
type Status struct {
	On        bool       `json:"on"`
	Folder    string     `json:"folder,omitempty"`
	Device    string     `json:"device,omitempty"`
	Name      string     `json:"name,omitempty"`
	Devices   []Device   `json:"devices"`
	Pending   int        `json:"pending"`
	Last      *Report    `json:"last_sync,omitempty"`
	LastMerge *Report    `json:"last_merge,omitempty"`
	Conflicts []Conflict `json:"conflicts"`
}

// ReadStatus reads the sync settings, the devices seen, the last merge and the conflict log
// (newest first).
func ReadStatus(st Store) (Status, error) {
	out := Status{Devices: []Device{}, Conflicts: []Conflict{}} // [] rather than null in JSON
	err := st.View(func(tx Tx) error {
		kv := tx.Local()
		var cfg config
		if err := getJSON(kv, keyConfig, &cfg); err != nil {
			return err
		}
		out.On, out.Folder, out.Device, out.Name = cfg.Folder != "", cfg.Folder, cfg.Device, cfg.Name
		err := kv.ForEach(devicePrefix, func(k string, _ []byte) error {
			var d deviceInfo
			if err := getJSON(kv, k, &d); err != nil {
				return err
			}
			id := strings.TrimPrefix(k, devicePrefix)
			if id != cfg.Device {
				out.Devices = append(out.Devices, Device{ID: id, Name: d.Name, LastWrite: time.UnixMilli(d.LastWrite).UTC(), LastRead: time.UnixMilli(d.Read).UTC()})
			}
			return nil
		})
		if err != nil {
			return err
		}
		sort.Slice(out.Devices, func(i, j int) bool { return out.Devices[i].LastWrite.After(out.Devices[j].LastWrite) })
		var pending []Change
		if err := getJSON(kv, keyOutbox, &pending); err != nil {
			return err
		}
		out.Pending = len(pending)
		for key, dst := range map[string]**Report{keyLast: &out.Last, keyLastMerge: &out.LastMerge} {
			if kv.Get(key) != nil {
				*dst = new(Report)
				if err := getJSON(kv, key, *dst); err != nil {
					return err
				}
			}
		}
		var log []conflictJSON
		if err := getJSON(kv, keyConflicts, &log); err != nil {
			return err
		}
		for i := len(log) - 1; i >= 0; i-- {
			out.Conflicts = append(out.Conflicts, log[i].Conflict)
		}
		return nil
	})
	return out, err
}

// Summary says in a line what a sync brought in, for a person.
func (r *Report) Summary() string {
	if r.Off {
		return "sync is off"
	}
	var parts []string
	kinds := map[string]bool{}
	for k := range r.Changed {
		kinds[k] = true
	}
	for k := range r.Deleted {
		kinds[k] = true
	}
	for _, k := range slices.Sorted(maps.Keys(kinds)) {
		switch c, d := r.Changed[k], r.Deleted[k]; {
		case c > 0 && d > 0:
			parts = append(parts, fmt.Sprintf("%s: %d changed, %d deleted", k, c, d))
		case c > 0:
			parts = append(parts, fmt.Sprintf("%s: %d changed", k, c))
		default:
			parts = append(parts, fmt.Sprintf("%s: %d deleted", k, d))
		}
	}
	if r.Twins > 0 {
		parts = append(parts, fmt.Sprintf("%s kept once", tracker.CountOf(r.Twins, "session found twice (on two devices, or logged again)", "sessions found twice (on two devices, or logged again)")))
	}
	if n := len(r.Conflicts); n > 0 {
		parts = append(parts, tracker.CountOf(n, "edit", "edits")+" made without seeing another lost to the later one")
	}
	if len(parts) == 0 {
		return "nothing new from other devices"
	}
	return strings.Join(parts, "; ")
}

// Enabled reports whether sync is on, in a read-only transaction: a command that runs with
// sync off costs nothing more.
func Enabled(st Store) (bool, error) {
	on := false
	err := st.View(func(tx Tx) error {
		var cfg config
		err := getJSON(tx.Local(), keyConfig, &cfg)
		on = cfg.Folder != ""
		return err
	})
	return on, err
}
