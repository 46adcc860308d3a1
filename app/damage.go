package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"corepath/tracker"
)

// damageDialog tells that the store is damaged, and offers its newest good backup.
type damageDialog struct {
	dialog  dialog.Dialog
	message *widget.Label
	restore *widget.Button // nil without a good backup
}

// checkInBackground runs the store's consistency check once the app is open: damage to records
// that the screens read without noticing (a note changed by one flipped byte) is then said, with
// the backup to restore, before the person goes on writing over it.
func (u *UI) checkInBackground() { inBackground(u.checkStore) }

// checkStore runs the check and shows the damage it finds.
func (u *UI) checkStore() {
	if _, err := u.db.Check(); tracker.ErrorCode(err) == tracker.Damaged {
		fyne.Do(func() { u.showDamage(err) })
	}
}

// showDamage shows a damaged-store error (its message names the newest good backup) with a
// button that restores that backup; the damaged file is kept aside by the restore.
func (u *UI) showDamage(err error) {
	d := &damageDialog{message: widget.NewLabel(explain(err))}
	d.message.Wrapping = fyne.TextWrapWord
	later := widget.NewButton("Not now", func() { d.dialog.Hide() })
	buttons := []fyne.CanvasObject{later}
	if backup, ok := u.db.NewestGoodBackup(); ok {
		d.restore = widget.NewButton("Restore the newest good backup", func() {
			d.dialog.Hide()
			u.settings.restore(backup)
		})
		d.restore.Importance = widget.HighImportance
		buttons = append(buttons, d.restore)
	} else {
		later.SetText("OK")
	}
	d.dialog = dialog.NewCustomWithoutButtons("Your data is damaged", container.NewVScroll(d.message), u.win)
	d.dialog.(*dialog.CustomDialog).SetButtons(buttons)
	d.dialog.Resize(fyne.NewSize(560, 300))
	d.dialog.Show()
	u.damage = d
	u.status.SetText(explain(err))
}

// backupOnClose backs up the changes made since the newest backup as the window closes, so
// that a restore brings back everything up to the last session.
func (u *UI) backupOnClose() {
	if _, err := u.db.BackupIfChanged(0); err != nil {
		fyne.LogError("the backup at close failed", err)
	}
}
