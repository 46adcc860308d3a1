package app

import (
	"errors"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"corepath/tracker"
)

// damageDialog tells that the store is damaged, and offers its newest good backup or, with
// none, to remove the sessions that cannot be read.
type damageDialog struct {
	dialog  dialog.Dialog
	message *widget.Label
	restore *button // nil without a good backup
	drop    *button // nil with one, or when removing sessions cannot mend the damage
	folder  *button // opens the data folder, when only a new store is left
}

// checkInBackground runs the store's consistency check once the app is open: damage to records
// that the screens read without noticing (a note changed by one flipped byte) is then said, with
// the backup to restore, before the person goes on writing over it.
func (u *UI) checkInBackground() {
	u.checks.Add(1)
	inBackground(func() {
		defer u.checks.Done()
		u.checkStore()
	})
}

// checkStore runs the check and shows the damage it finds.
func (u *UI) checkStore() {
	if _, err := u.db.Check(); tracker.ErrorCode(err) == tracker.Damaged {
		salvageable := u.db.Salvageable() // a walk of the file: here, off the window's goroutine
		fyne.Do(func() { u.showDamage(err, salvageable) })
	}
}

// showDamage shows a damaged-store error (its message names the newest good backup) with a
// button that restores that backup, the damaged file kept aside by the restore; with no backup,
// one that removes the damaged sessions when salvageable (Store.Salvageable) says that can mend
// it, else one that opens the data folder.
func (u *UI) showDamage(err error, salvageable bool) {
	backup, hasBackup := u.db.NewestGoodBackup()
	var damage *tracker.DamageError
	if errors.As(err, &damage) && !hasBackup && !salvageable {
		damage.BeyondSessions = true // its hint then says what is left, and no removal is offered
	}
	d := &damageDialog{message: widget.NewLabel(explain(err))}
	d.message.Wrapping = fyne.TextWrapWord
	later := newPlainButton("Not now", func() { d.dialog.Hide() })
	buttons := []fyne.CanvasObject{later}
	if hasBackup {
		d.restore = newPlainButton("Restore the newest good backup", func() {
			d.dialog.Hide()
			u.settings.restore(backup)
		})
		d.restore.Importance = widget.HighImportance
		buttons = append(buttons, d.restore)
	} else if damage == nil || !damage.BeyondSessions {
		d.drop = newPlainButton("Remove the damaged sessions", func() {
			d.dialog.Hide()
			u.confirmDrop()
		})
		buttons = append(buttons, d.drop)
	} else {
		// Removing sessions cannot mend the page tree or the plan: offering it led in a circle.
		folder := newPlainButton("Open the data folder", func() { u.openFolder(u.db.Dir()) })
		buttons = append(buttons, folder)
		d.folder = folder
	}
	d.dialog = dialog.NewCustomWithoutButtons("Your data is damaged", container.NewVScroll(d.message), u.win)
	d.dialog.(*dialog.CustomDialog).SetButtons(buttons)
	// Enter takes the offer (the restore, the removal, or the folder), Escape leaves it for now.
	offer := d.restore
	for _, b := range []*button{d.drop, d.folder} {
		if offer == nil {
			offer = b
		}
	}
	u.showDialog(d.dialog, submitIfEnabled(&offer.Button), nil)
	d.dialog.Resize(fyne.NewSize(560, 300))
	u.damage = d
	u.showStatus(explain(err))
}

// confirmDrop asks before removing the sessions that cannot be read, then removes them; the
// damaged file is kept aside as it was, so nothing is lost that could be read before. It
// returns the question it shows.
func (u *UI) confirmDrop() *question {
	return u.askText("Remove the damaged sessions?", "The sessions that cannot be read are removed, and the rest of your data is kept. "+
		"The damaged file is kept, unchanged, beside the store, in case you find a backup later.", "Cancel", "Remove them", func() {
		res, err := u.db.DropDamagedSessions()
		if err != nil {
			u.showError(err)
			return
		}
		u.reload()
		u.setStatus(fmt.Sprintf("Removed %s that could not be read; %s are left. The damaged file is kept as %s.",
			tracker.CountOf(res.Dropped, "damaged session", "damaged sessions"), tracker.CountOf(res.Kept, "session", "sessions"), res.Original))
	})
}

// backupOnClose backs up the changes made since the newest backup as the window closes, so
// that a restore brings back everything up to the last session.
func (u *UI) backupOnClose() {
	if _, err := u.db.BackupIfChanged(0); err != nil {
		fyne.LogError("the backup at close failed", err)
	}
}
