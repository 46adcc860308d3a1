package app

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"corepath/exchange"
	"corepath/resources"
	"corepath/tracker"
)

// exportFormats are the export choices as the File > Export dialog shows them.
var exportFormats = []struct {
	label  string
	format exchange.ExportFormat
	ext    string
}{
	{"Corepath JSON: everything, to move or keep", exchange.JSON, ".json"},
	{"CSV: one row per session, for a spreadsheet", exchange.CSV, ".csv"},
	{"iCalendar: sessions and milestone dates, for a calendar", exchange.ICal, ".ics"},
}

// chooseExport asks for a format, then where to save. The formats are a drop-down, which has
// the focus: the arrow keys change it and Enter goes on (a radio button takes no Enter).
func (u *UI) chooseExport() {
	var labels []string
	for _, f := range exportFormats {
		labels = append(labels, f.label)
	}
	choice := u.newSelect(labels, nil)
	choice.SetSelected(labels[0])
	defer u.win.Canvas().Focus(choice)
	q := u.ask("Export", container.NewVBox(widget.NewLabel("Format (Up and Down open the list):"), choice), "Cancel", "Choose a file…", func() {
		for _, f := range exportFormats {
			if f.label == choice.Selected {
				u.chooseExportFile(f.format, f.ext)
			}
		}
	})
	q.Resize(fyne.NewSize(520, 0)) // room for the longest format's name
}

func (u *UI) chooseExportFile(format exchange.ExportFormat, ext string) {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			u.showError(err)
			return
		}
		if w == nil {
			return
		}
		path := w.URI().Path()
		w.Close() // ExportFile writes through a temporary file and a rename
		u.exportTo(path, format)
	}, u.win)
	d.SetFileName("corepath-" + u.opt.Now().In(u.opt.Loc).Format("2006-01-02") + ext)
	u.showFileDialog(d)
}

// exportTo writes the whole store to path in a format.
func (u *UI) exportTo(path string, format exchange.ExportFormat) {
	sum, err := exchange.ExportFile(path, u.db, exchange.ExportOptions{Format: format, Loc: u.opt.Loc, Now: u.opt.Now()})
	if err != nil {
		u.showError(err)
		return
	}
	u.setStatus(fmt.Sprintf("Exported %s to %s.", tracker.CountOf(sum.Sessions, "session", "sessions"), path))
}

// chooseImport picks a file (or, for Timewarrior, its data folder) and shows the preview.
func (u *UI) chooseImport(folder bool) {
	done := func(path string) {
		if path != "" {
			u.previewImport(path)
		}
	}
	if folder {
		d := dialog.NewFolderOpen(func(l fyne.ListableURI, err error) {
			if err != nil {
				u.showError(err)
			} else if l != nil {
				done(l.Path())
			}
		}, u.win)
		u.showFileDialog(d)
		return
	}
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			u.showError(err)
			return
		}
		if r != nil {
			path := r.URI().Path()
			r.Close()
			done(path)
		}
	}, u.win)
	u.showFileDialog(d)
}

// chooseImportPath asks for the path of a file, or of a Timewarrior data folder, typed or
// pasted: Fyne's open chooser has no field for one, and its list takes the arrow keys only.
func (u *UI) chooseImportPath() {
	path := u.newEntry()
	path.SetPlaceHolder(filepath.Join("~", "Downloads", "toggl.csv"))
	msg := newFieldError()
	var d *dialog.CustomDialog
	preview := func() {
		p, err := importPath(path.Text)
		if !setError(msg, err) {
			return
		}
		d.Hide()
		u.previewImport(p)
	}
	path.onSubmit = preview
	note := widget.NewLabel("A Corepath, Timewarrior, Toggl or Clockify export, a spreadsheet log saved as CSV, or a Timewarrior data folder. Nothing is written before the preview's Import.")
	note.Wrapping = fyne.TextWrapWord
	d = dialog.NewCustomWithoutButtons("Import from a path", container.NewVBox(note, path, msg), u.win)
	cancel, ok := newPlainButton("Cancel", d.Hide), newPlainButton("Preview…", preview)
	ok.Importance = widget.HighImportance
	d.SetButtons([]fyne.CanvasObject{cancel, ok})
	u.showDialog(d, preview, path)
	d.Resize(fyne.NewSize(560, 0))
}

// importPath reads a typed path: quotes a file manager's copy put around it are dropped, and
// ~ is the home folder.
func importPath(text string) (string, error) {
	p := strings.Trim(strings.TrimSpace(text), `"'`)
	if u, err := url.Parse(p); err == nil && u.Scheme == "file" && u.Path != "" {
		p = filepath.FromSlash(u.Path) // a file manager's copy of the file: file:///home/…
	}
	if p == "" {
		return "", fmt.Errorf("type the path of the file, or of a Timewarrior data folder")
	}
	if rest, ok := strings.CutPrefix(p, "~"); ok && (rest == "" || os.IsPathSeparator(rest[0])) {
		if home, err := os.UserHomeDir(); err == nil {
			p = home + rest
		}
	}
	if _, err := os.Stat(p); errors.Is(err, fs.ErrNotExist) {
		return "", fmt.Errorf("%s: there is no file or folder there", p)
	} else if err != nil {
		return "", fmt.Errorf("%s cannot be read: %v", p, err)
	}
	return p, nil
}

// importPreview is the import dialog: what the file would add, before anything is written,
// with the choices the file calls for: cutting entries longer than a session can be, the time
// to close intervals left open for more than a day, and, for each name that matches none of the
// plan's topics, a topic of the plan to count it under instead of a new one (import --map).
type importPreview struct {
	u        *UI
	im       *exchange.Import
	path     string
	opt      exchange.ImportOptions
	summary  *widget.Label
	list     *widget.List
	split    *keyCheck // shown when the file has entries longer than tracker.MaxSession
	closeAt  *keyEntry // shown when the file has intervals left open; Enter previews again
	closeOK  *button
	closeRow *fyne.Container // the field and its label and button, shown together
	dates    *keySelect      // the order of dates that read either way round, shown for those
	datesRow *fyne.Container
	optErr   *widget.Label
	options  *fyne.Container // the choices and their error, under the summary and the sessions
	apply    *button
	names    *fyne.Container         // the new topics' names, each with a topic to count it under
	pickers  map[string]*topicPicker // by the name as the file spells it
	order    []string                // the names, in the order first seen
	track    *keySelect              // the track of the new topics
	page     *container.Scroll       // the summary and the names, which scroll to the field Tab reaches
	dialog   dialog.Dialog
}

// The orders the import preview offers for a file's dates that read either way round.
const (
	datesDayFirst   = "day first (DD/MM/YYYY)"
	datesMonthFirst = "month first (MM/DD/YYYY)"
)

// previewImport reads and checks a file, writing nothing, and shows what it would add.
func (u *UI) previewImport(path string) *importPreview {
	opt := exchange.ImportOptions{Loc: u.opt.Loc, Now: u.opt.Now()}
	if seed, err := resources.DefaultPlan(); err == nil {
		opt.Seed = &seed
	}
	im, err := exchange.PrepareFile(path, u.db, opt)
	if err != nil {
		u.showError(fmt.Errorf("the file %s was not imported: %w", filepath.Base(path), err))
		return nil
	}
	p := &importPreview{u: u, im: im, path: path, opt: opt, summary: widget.NewLabel(""), optErr: newFieldError(),
		names: container.NewVBox(), pickers: map[string]*topicPicker{}}
	p.summary.Wrapping = fyne.TextWrapWord
	var tracks []string
	for _, t := range tracker.Tracks {
		tracks = append(tracks, t.Label())
	}
	p.track = u.newSelect(tracks, nil)
	p.track.SetSelected(tracker.TrackSkills.Label())
	p.track.OnChanged = func(label string) {
		p.opt.Track, _ = tracker.ParseTrack(label)
		p.prepare()
	}
	p.list = widget.NewList(func() int { return len(p.im.Sessions) }, func() fyne.CanvasObject { return widget.NewLabel("") },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			s := &p.im.Sessions[i]
			o.(*widget.Label).SetText(fmt.Sprintf("%s  %s  %s", s.Start.In(u.opt.Loc).Format("2006-01-02 15:04"),
				tracker.FormatDuration(s.Duration), p.im.TopicPath(s.TopicID)))
		})
	p.apply = newIconButton("Import", theme.Icon(theme.IconNameDownload), func() { u.applyImport(p) })
	p.apply.Importance = widget.HighImportance
	p.split = u.newCheck("Cut entries longer than "+tracker.FormatDuration(tracker.MaxSession)+" into sessions of at most "+
		tracker.FormatDuration(tracker.MaxSession), func(on bool) {
		p.opt.SplitLong = on
		p.prepare()
	})
	p.closeAt = u.newEntry()
	p.closeAt.SetPlaceHolder("2026-11-30 18:00")
	p.closeAt.onSubmit = p.closeOpen
	p.closeOK = newPlainButton("Close at this time", p.closeOpen)
	p.closeRow = container.NewBorder(nil, nil, widget.NewLabel("Intervals left open ended at"), p.closeOK, p.closeAt)
	orders := map[string]exchange.DateOrder{datesDayFirst: exchange.DatesDayFirst, datesMonthFirst: exchange.DatesMonthFirst}
	p.dates = u.newSelect([]string{datesDayFirst, datesMonthFirst}, nil)
	p.dates.SetSelected(map[exchange.DateOrder]string{exchange.DatesDayFirst: datesDayFirst, exchange.DatesMonthFirst: datesMonthFirst}[im.GuessedDates])
	p.dates.OnChanged = func(label string) {
		p.opt.Dates = orders[label]
		p.prepare()
	}
	p.datesRow = container.NewBorder(nil, nil, widget.NewLabel("The dates read either way round: read them"), nil, p.dates)
	p.options = container.NewVBox(p.split, p.closeRow, p.datesRow, p.optErr)
	p.show()
	cancel := newPlainButton("Cancel", nil)
	p.page = newPage(container.NewVBox(p.summary, p.names))
	split := container.NewVSplit(p.page, p.list)
	split.Offset = 0.6
	content := container.NewBorder(nil, p.options, nil, nil, split)
	p.dialog = dialog.NewCustomWithoutButtons("Import "+filepath.Base(path), content, u.win)
	p.dialog.(*dialog.CustomDialog).SetButtons([]fyne.CanvasObject{cancel, p.apply})
	cancel.OnTapped = p.dialog.Hide
	// Intervals left open need an end typed first: Enter there previews again, where it would
	// import at once and leave them out.
	var first fyne.Focusable
	if p.closeRow.Visible() {
		first = p.closeAt
	}
	u.showDialog(p.dialog, submitIfEnabled(&p.apply.Button), first)
	p.fit()
	u.lastImport = p
	return p
}

// show puts the import as prepared on the screen: its summary, its sessions, the choices the
// file calls for, and the Import button when there is something to add.
func (p *importPreview) show() {
	p.summary.SetText(importSummary(p.im))
	p.list.Refresh()
	p.showNames()
	if p.im.LongEntries() > 0 || p.opt.SplitLong {
		p.split.Show()
	} else {
		p.split.Hide()
	}
	open := slices.ContainsFunc(p.im.LeftOut, func(l exchange.LeftOut) bool { return l.Fix == exchange.FixCloseOpen })
	if open || !p.opt.CloseOpenAt.IsZero() {
		p.closeRow.Show()
	} else {
		p.closeRow.Hide()
	}
	if p.im.GuessedDates != "" || p.opt.Dates != "" {
		p.datesRow.Show()
	} else {
		p.datesRow.Hide()
	}
	if p.split.Visible() || p.closeRow.Visible() || p.datesRow.Visible() || p.optErr.Visible() {
		p.options.Show()
	} else {
		p.options.Hide()
	}
	p.fit()
	if !p.im.Writes() {
		p.apply.Disable() // nothing to add
	} else {
		p.apply.Enable()
	}
}

// showNames lists the names that would become new topics, and those already sent to a topic,
// each with a field for a topic of the plan: the topic typed, then Enter, previews the import
// again with the name counted under it; emptied, the name becomes a new topic again.
func (p *importPreview) showNames() {
	added := false
	name := func(n string) {
		if _, ok := p.pickers[n]; ok {
			return
		}
		picker := newTopicPicker(&p.u.appData, p.u, "a new topic")
		picker.entry.onSubmit = p.remap
		p.pickers[n], p.order, added = picker, append(p.order, n), true
	}
	for _, t := range p.im.NewTopics {
		name(p.im.NewTopicNames[t.ID])
	}
	for n := range p.opt.Map {
		name(n)
	}
	if !added {
		return // the rows stay as they are, with what is typed in them and the focus
	}
	form := widget.NewForm()
	for _, n := range p.order {
		form.Append(n, p.pickers[n].content)
	}
	note := widget.NewLabel("These names match none of your topics, so each would become a new topic. " +
		"To count one under a topic of yours instead, type the topic beside it and press Enter.")
	note.Wrapping = fyne.TextWrapWord
	p.names.Objects = []fyne.CanvasObject{note,
		container.NewHBox(widget.NewLabel("New topics go under the track"), p.track), form}
	forEachWheelField(p.names, func(w *wheelCatcher) { w.page = p.page })
	p.names.Refresh()
}

// mapPending reports whether a topic typed beside a name is not yet in the preview: Enter was
// not pressed in its field.
func (p *importPreview) mapPending() bool {
	mapped, err := p.typedMap()
	return err != nil || !maps.Equal(mapped, p.opt.Map)
}

// remap previews the import again with each name sent to the topic typed beside it.
func (p *importPreview) remap() {
	mapped, err := p.typedMap()
	if err != nil {
		setError(p.optErr, err)
		p.options.Show()
		p.fit()
		return
	}
	p.opt.Map = mapped
	p.prepare()
}

// typedMap is each name with a topic typed beside it, sent to that topic's path; the error
// names the first text that is none of the plan's topics.
func (p *importPreview) typedMap() (map[string]string, error) {
	mapped := map[string]string{}
	for _, n := range p.order {
		picker := p.pickers[n]
		typed := strings.TrimSpace(picker.entry.Text)
		if typed == "" {
			continue
		}
		t, err := picker.find()
		if err != nil {
			// Short: the field's own hint says what the text could be; the whole list of the
			// topics filled the dialog.
			return nil, fmt.Errorf("%s: %q is not one of your topics: pick one from the field's list, or empty it for a new topic", n, typed)
		}
		mapped[n] = p.u.plan.TopicPath(t.ID)
	}
	return mapped, nil
}

// fit lays the dialog out again for choices or an error shown or hidden, growing it if they
// need more room: a dialog keeps the size it was given.
func (p *importPreview) fit() {
	if p.dialog == nil {
		return // not shown yet
	}
	// As large as the window allows, within reason: the summary and the sessions scroll, and a
	// fixed 720×520 left most of a 1280×800 window unused while the summary's end hid.
	size := fyne.NewSize(720, 520)
	if c := p.u.win.Canvas().Size(); c.Height > 0 {
		size = fyne.NewSize(max(size.Width, min(c.Width-80, 960)), max(size.Height, min(c.Height-60, 800)))
	}
	p.dialog.Resize(p.dialog.MinSize().Max(size))
	p.dialog.Refresh() // a Resize to the same size lays nothing out again
}

// closeOpen previews the import again with the intervals left open closed at the time typed.
func (p *importPreview) closeOpen() {
	err := tracker.NeedTimeOfDay(p.closeAt.Text) // a day alone is no end: midnight is seldom meant
	var at time.Time
	if err == nil {
		at, err = tracker.ParseTime(p.closeAt.Text, p.opt.Now, p.u.opt.Loc)
	}
	if !setError(p.optErr, err) {
		p.fit()
		return
	}
	p.opt.CloseOpenAt = at
	p.prepare()
}

// prepare reads the file again with the options chosen. Options the file cannot take (a close
// before an interval started) are said under them, and the last good preview stays.
func (p *importPreview) prepare() {
	im, err := exchange.PrepareFile(p.path, p.u.db, p.opt)
	if !setError(p.optErr, err) {
		p.apply.Disable()
		p.fit()
		return
	}
	p.im = im
	p.show()
}

// importSummary says what an import would do: what `corepath import --dry-run` prints, with
// the suggestions worded for the app.
func importSummary(im *exchange.Import) string {
	return im.Summary(false, appWording) + "\nYour data is backed up before anything is written."
}

// appWording is how the app words what an import's summary suggests; the app offers no
// taking of a file's plan records.
var appWording = exchange.Wording{
	ShowDays: func(from, to string) string {
		return fmt.Sprintf("the Log screen's filters From %s and To %s", from, to)
	},
	ShowNamed: func(what, name string) string {
		return fmt.Sprintf("the Log screen's %s filter set to %q", map[string]string{"topic": "Topic", "tag": "Tag"}[what], name)
	},
	Edit:      "the edit button on the Log screen",
	SplitLong: "the choice below",
	Fixes: map[exchange.Fix]string{
		exchange.FixCloseOpen: "give the end time in the field below",
		exchange.FixStopTimer: "stop the running timer on the Log screen, then import the file again",
	},
}

// applyImport backs the store up and writes the import.
func (u *UI) applyImport(p *importPreview) {
	// A topic typed beside a name without Enter, which the preview does not show yet: the
	// preview takes it first, to be looked at and imported with a second press, where the
	// name became a new topic regardless.
	if p.mapPending() {
		if p.remap(); !p.optErr.Visible() {
			setError(p.optErr, fmt.Errorf("the preview now counts the names under the topics typed beside them: press Import again to import it as shown"))
			p.options.Show()
			p.fit()
		}
		return
	}
	backup, err := u.db.BackupBefore("import")
	if err != nil {
		u.showError(err)
		return
	}
	res, err := p.im.Apply(u.db)
	if err != nil {
		u.showError(fmt.Errorf("the file %s was not imported: %w", filepath.Base(p.path), err))
		return
	}
	p.dialog.Hide()
	// Undo cannot take an import back, and must not reach past it to a change made before,
	// which the person would take for the import's.
	u.undoStack = nil
	u.reload()
	// An import into a store as created: now there is something to keep.
	updated, timer := "", ""
	if res.Updated > 0 {
		updated = fmt.Sprintf(", %s updated", tracker.CountOf(res.Updated, "session", "sessions"))
	}
	switch {
	case res.TimerEnded && res.TimerStarted:
		timer = " and ended the running timer where the file has it stopped, then started the timer of its interval still open"
	case res.TimerEnded:
		timer = " and ended the running timer where the file has it stopped"
	case res.TimerStarted:
		timer = " and started the timer of its interval still open"
	}
	// The way back on a line of its own, behind Whole message: the backup's long path was cut
	// at the window's edge.
	u.setStatus(u.afterFirstChange(fmt.Sprintf("Imported %s from %s%s (%d already present%s).\nUndo does not take an import back: to go back, restore the backup taken first, %s (Settings > Your data).",
		tracker.CountOf(res.Added, "session", "sessions"), filepath.Base(p.path), timer, res.Skipped, updated, backup)))
}
