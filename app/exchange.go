package app

import (
	"fmt"
	"path/filepath"

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

// chooseExport asks for a format, then where to save.
func (u *UI) chooseExport() {
	var labels []string
	for _, f := range exportFormats {
		labels = append(labels, f.label)
	}
	choice := widget.NewRadioGroup(labels, nil)
	choice.SetSelected(labels[0])
	d := dialog.NewCustomConfirm("Export", "Choose a file…", "Cancel", choice, func(ok bool) {
		if !ok {
			return
		}
		for _, f := range exportFormats {
			if f.label == choice.Selected {
				u.chooseExportFile(f.format, f.ext)
			}
		}
	}, u.win)
	u.showDialog(d, d.Confirm, nil)
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

// importPreview is the import dialog: what the file would add, before anything is written.
type importPreview struct {
	im      *exchange.Import
	path    string
	summary *widget.Label
	apply   *widget.Button
	dialog  dialog.Dialog
}

// previewImport reads and checks a file, writing nothing, and shows what it would add.
func (u *UI) previewImport(path string) *importPreview {
	opt := exchange.ImportOptions{Loc: u.opt.Loc, Now: u.opt.Now()}
	if seed, err := resources.DefaultPlan(); err == nil {
		opt.Seed = &seed
	}
	im, err := exchange.PrepareFile(path, u.db, opt)
	if err != nil {
		u.showError(fmt.Errorf("%s was not imported: %w", filepath.Base(path), err))
		return nil
	}
	p := &importPreview{im: im, path: path, summary: widget.NewLabel(importSummary(im))}
	p.summary.Wrapping = fyne.TextWrapWord
	list := widget.NewList(func() int { return len(im.Sessions) }, func() fyne.CanvasObject { return widget.NewLabel("") },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			s := &im.Sessions[i]
			o.(*widget.Label).SetText(fmt.Sprintf("%s  %s  %s", s.Start.In(u.opt.Loc).Format("2006-01-02 15:04"),
				tracker.FormatDuration(s.Duration), im.TopicPath(s.TopicID)))
		})
	p.apply = widget.NewButtonWithIcon("Import", theme.Icon(theme.IconNameDownload), func() { u.applyImport(p) })
	p.apply.Importance = widget.HighImportance
	if len(im.Sessions) == 0 && len(im.NewTopics) == 0 && len(im.PlanChanges) == 0 && im.Timer == nil {
		p.apply.Disable() // nothing to add
	}
	cancel := widget.NewButton("Cancel", nil)
	content := container.NewBorder(p.summary, nil, nil, nil, list)
	p.dialog = dialog.NewCustomWithoutButtons("Import "+filepath.Base(path), content, u.win)
	p.dialog.(*dialog.CustomDialog).SetButtons([]fyne.CanvasObject{cancel, p.apply})
	cancel.OnTapped = p.dialog.Hide
	u.showDialog(p.dialog, submitIfEnabled(p.apply), nil)
	p.dialog.Resize(fyne.NewSize(720, 520))
	u.lastImport = p
	return p
}

// importSummary says what an import would do: what `corepath import --dry-run` prints, with
// the suggestions worded for the app.
func importSummary(im *exchange.Import) string {
	return im.Summary(false, appWording) + "\nYour data is backed up before anything is written."
}

// appWording is how the app words what an import's summary suggests; the app offers no
// splitting of long entries and no taking of a file's plan records.
var appWording = exchange.Wording{
	ShowDays: func(from, to string) string {
		return fmt.Sprintf("the Log screen's filters From %s and To %s", from, to)
	},
	ShowNamed: func(what, name string) string {
		return fmt.Sprintf("the Log screen's %s filter set to %q", map[string]string{"topic": "Topic", "tag": "Tag"}[what], name)
	},
	Edit: "the edit button on the Log screen",
	Fixes: map[exchange.Fix]string{
		exchange.FixCloseOpen: "add the time you studied then with Log a past session",
		exchange.FixStopTimer: "stop the running timer on the Log screen, then import the file again",
	},
}

// applyImport backs the store up and writes the import.
func (u *UI) applyImport(p *importPreview) {
	backup, err := u.db.BackupBefore("import")
	if err != nil {
		u.showError(err)
		return
	}
	res, err := p.im.Apply(u.db)
	if err != nil {
		u.showError(fmt.Errorf("%s was not imported: %w", filepath.Base(p.path), err))
		return
	}
	p.dialog.Hide()
	u.reload()
	u.setStatus(fmt.Sprintf("Imported %s from %s (%d already present); the store was backed up to %s first.",
		tracker.CountOf(res.Added, "session", "sessions"), filepath.Base(p.path), res.Skipped, backup))
}
