package app

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
	"github.com/fsnotify/fsnotify"

	"corepath/replica"
)

// syncSection is Settings > Sync: the folder a sync tool keeps in step, this device's name, the
// other devices and when each last wrote, what the last merge brought in, and the edits that
// lost. When sync is available (Options.Sync) it also runs the syncer: a merge at start, when a
// device's file in the folder changes (fsnotify), and after each change to the store, this
// app's or a terminal's.
type syncSection struct {
	data *appData
	app  syncApp
	st   replica.Store
	opt  replica.Options

	card      *widget.Card
	folder    *widget.Label
	choose    *button
	off       *button
	now       *button
	name      *widget.Entry
	rename    *button
	devices   *widget.Label
	merged    *widget.Label
	conflicts *widget.Label
	problems  *widget.Label

	mu        sync.Mutex // one sync at a time
	lastStamp string     // the store's stamp after this app's last sync
	watching  string     // the folder the watcher is on
	kick      chan struct{}
	stopped   chan struct{} // closed when the syncer has stopped
	// shown guards the section's widgets while the syncer shows a result. In the app fyne.Do
	// runs that on the UI's goroutine anyway; Fyne's test driver runs it on the syncer's, so
	// tests take this lock to touch the section.
	shown sync.Mutex
}

// syncApp is what Settings > Sync asks of the app: to say what happened, the store's stamp (to
// tell another process's writes from its own), and when the app has loaded and when it quits.
type syncApp interface {
	Window() fyne.Window
	showError(err error)
	setStatus(msg string)
	storeStamp() (string, error)
	lifecycle() (loaded, quit <-chan struct{})
	showFileDialog(d *dialog.FileDialog)
}

func newSyncSection(data *appData, app syncApp) *syncSection {
	s := &syncSection{data: data, app: app, st: data.opt.Sync, opt: data.opt.SyncOptions, kick: make(chan struct{}, 1), stopped: make(chan struct{})}
	label := func() *widget.Label {
		l := widget.NewLabel("")
		l.Wrapping = fyne.TextWrapWord
		return l
	}
	s.folder, s.devices, s.merged, s.conflicts, s.problems = label(), label(), label(), label(), label()
	s.choose = newPlainButton("Choose folder…", s.chooseFolder)
	s.off = newPlainButton("Turn off", func() { s.run(func() error { return replica.Disable(s.st) }) })
	s.now = newPlainButton("Sync now", s.syncSoon)
	s.name = widget.NewEntry()
	s.name.SetPlaceHolder("this machine's name, as the others show it")
	s.rename = newPlainButton("Save name", func() {
		name := s.name.Text
		s.run(func() error {
			status, err := replica.ReadStatus(s.st)
			if err == nil && status.On {
				_, err = replica.Enable(s.st, status.Folder, name, s.opt)
			}
			return err
		})
	})
	about := label()
	about.SetText("Keeps this store the same on your other machines through a folder that Syncthing, Nextcloud or Dropbox keeps in step. The store's own file is never in it: each machine writes its changes there and merges the others'.")
	s.card = widget.NewCard("Sync", "",
		container.NewVBox(about, s.folder, container.NewHBox(s.choose, s.now, s.off),
			container.NewBorder(nil, nil, widget.NewLabel("This device"), s.rename, s.name),
			s.devices, s.merged, s.conflicts, s.problems))
	if s.st == nil {
		s.folder.SetText("Sync is not available in this window.")
		for _, w := range []fyne.Disableable{s.choose, s.off, s.now, s.name, s.rename} {
			w.Disable()
		}
		return s
	}
	go s.loop()
	return s
}

// chooseFolder asks for the folder and turns sync on with it, in the chooser the other file
// dialogs use: shown before it is resized (Fyne 2.8.1 panics otherwise), and known to the keys,
// so that Escape closes it and the screen behind does not scroll.
func (s *syncSection) chooseFolder() {
	d := dialog.NewFolderOpen(func(dir fyne.ListableURI, err error) {
		if err != nil {
			s.app.showError(err)
			return
		}
		if dir != nil {
			s.enable(dir.Path())
		}
	}, s.app.Window())
	s.app.showFileDialog(d)
}

// enable turns sync on with dir, in the background.
func (s *syncSection) enable(dir string) {
	name := s.name.Text
	s.run(func() error {
		_, err := replica.Enable(s.st, dir, name, s.opt)
		return err
	})
}

// run does one sync operation off the UI's goroutine, then shows the status.
func (s *syncSection) run(op func() error) {
	go func() {
		s.mu.Lock()
		err := op()
		s.lastStamp = "" // the next round syncs and shows what this did
		s.mu.Unlock()
		if err != nil {
			fyne.Do(func() { s.app.showError(err) })
		}
		s.syncSoon()
	}()
}

func (s *syncSection) syncSoon() {
	select {
	case s.kick <- struct{}{}:
	default:
	}
}

// loop is the syncer: it merges at start, when a device's file in the folder changes, and when
// the store's stamp moves (a change here or from a terminal), until the app quits.
func (s *syncSection) loop() {
	defer close(s.stopped)
	loaded, quit := s.app.lifecycle()
	select { // once the window is built and the data first shown
	case <-loaded:
	case <-quit:
		return
	}
	watcher, err := fsnotify.NewWatcher()
	var events <-chan fsnotify.Event
	if err == nil {
		defer watcher.Close()
		events = watcher.Events
	}
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	var settle <-chan time.Time // a sync tool writes a file in several steps: wait for the last
	status := s.syncOnce()
	for {
		if watcher != nil && status.Folder != s.watching {
			if s.watching != "" {
				_ = watcher.Remove(s.watching)
			}
			s.watching = ""
			if status.Folder != "" && watcher.Add(status.Folder) == nil {
				s.watching = status.Folder
			}
		}
		select {
		case <-quit:
			return
		case ev := <-events:
			// Another device's file, not this device's own writes.
			if replica.IsSyncFile(ev.Name) && (status.Device == "" || !strings.HasPrefix(filepath.Base(ev.Name), status.Device)) {
				settle = time.After(300 * time.Millisecond)
			}
			continue
		case <-settle:
			settle = nil
		case <-s.kick:
		case <-tick.C:
			if stamp, err := s.app.storeStamp(); err != nil || stamp == s.lastStamp {
				continue
			}
		}
		status = s.syncOnce()
	}
}

// syncOnce syncs when sync is on, and shows the result.
func (s *syncSection) syncOnce() replica.Status {
	s.mu.Lock()
	before, _ := s.app.storeStamp()
	on, err := replica.Enabled(s.st)
	var rep replica.Report
	if err == nil && on {
		rep, err = replica.Sync(s.st, s.opt)
	}
	after, _ := s.app.storeStamp()
	if on && err == nil && !oneCommitApart(before, after) {
		after = "" // something else wrote during the sync: sync again at the next tick
	}
	s.lastStamp = after
	status, serr := replica.ReadStatus(s.st)
	s.mu.Unlock()
	fyne.Do(func() {
		s.shown.Lock()
		defer s.shown.Unlock()
		switch {
		case err != nil:
			s.app.setStatus("Sync failed: " + explain(err))
		case serr != nil:
			s.app.setStatus("Sync: " + serr.Error())
		default:
			s.show(&status)
			if n := len(rep.Conflicts); n > 0 {
				s.app.setStatus(fmt.Sprintf("Sync: %d of your edits lost to later ones made on another machine; Settings > Sync lists them.", n))
			}
		}
	})
	return status
}

// oneCommitApart is true when after is the stamp of the one commit that followed before: the
// stamp is bbolt's transaction id, which each commit raises by one.
func oneCommitApart(before, after string) bool {
	b, err1 := strconv.Atoi(before)
	a, err2 := strconv.Atoi(after)
	return err1 == nil && err2 == nil && a == b+1
}

// show fills the section from a status.
func (s *syncSection) show(st *replica.Status) {
	when := func(t time.Time) string { return t.In(s.data.opt.Loc).Format("Mon 2 Jan 15:04") }
	if !st.On {
		s.folder.SetText("Sync is off: this store is on this machine only. Choose the folder your sync tool shares to turn it on.")
		s.off.Disable()
		s.now.Disable()
	} else {
		s.folder.SetText("Syncing through " + st.Folder)
		s.off.Enable()
		s.now.Enable()
	}
	if focused := s.app.Window().Canvas().Focused(); focused != s.name { // not while it is being typed in
		s.name.SetText(st.Name)
	}
	var lines []string
	for _, d := range st.Devices {
		lines = append(lines, fmt.Sprintf("%s: last wrote %s", d.Name, when(d.LastWrite)))
	}
	switch {
	case len(lines) > 0:
		s.devices.SetText("Other devices\n" + strings.Join(lines, "\n"))
	case st.On:
		s.devices.SetText("No other device yet: their files appear once the sync tool brings them.")
	default:
		s.devices.SetText("")
	}
	s.merged.SetText("")
	if m := st.LastMerge; m != nil {
		s.merged.SetText(fmt.Sprintf("Last merge, %s: %s.", when(m.At), m.Summary()))
	}
	lines = lines[:0]
	for i, k := range st.Conflicts {
		if i == 5 {
			lines = append(lines, fmt.Sprintf("… and %d more (corepath sync status lists them all)", len(st.Conflicts)-5))
			break
		}
		lost := k.Lost
		if t := k.LostTimer; t != nil {
			lost += fmt.Sprintf(" (if you studied then, add that time with Log a past session, from %s)", t.Start.In(s.data.opt.Loc).Format("2006-01-02 15:04"))
		}
		if _, deleted := k.Deleted(); deleted {
			lines = append(lines, fmt.Sprintf("%s: %s, edited on %s, lost to its deletion on %s", when(k.At), lost, k.LostBy, k.KeptBy))
		} else {
			lines = append(lines, fmt.Sprintf("%s: %s, edited on %s, lost to %s, edited on %s", when(k.At), lost, k.LostBy, k.Kept, k.KeptBy))
		}
	}
	s.conflicts.SetText("")
	if len(lines) > 0 {
		s.conflicts.SetText("Edits that lost (the later edit was kept)\n" + strings.Join(lines, "\n"))
	}
	s.problems.SetText("")
	if st.Last != nil && len(st.Last.Problems) > 0 {
		s.problems.SetText("Problems\n" + strings.Join(st.Last.Problems, "\n"))
	}
}
