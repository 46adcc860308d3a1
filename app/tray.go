package app

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"corepath/tracker"
)

// trayMenu is the system tray icon's menu: the running timer, start or stop, and a way back to
// the window. It is there only where the desktop has a tray.
type trayMenu struct {
	u      *UI
	app    desktop.App
	status *fyne.MenuItem
	toggle *fyne.MenuItem
	menu   *fyne.Menu
	shown  string // what the status line last said, to update the menu only when it changes
}

// show puts the icon in the tray, where the desktop has one.
func (t *trayMenu) show() {
	u := t.u
	da, ok := u.app.(desktop.App)
	if !ok {
		return
	}
	t.app = da
	t.status = fyne.NewMenuItem("No timer running", nil)
	t.status.Disabled = true
	t.toggle = fyne.NewMenuItem("Start timer", u.toggleTimer)
	open := fyne.NewMenuItem("Open Corepath", func() {
		u.win.Show()
		u.win.RequestFocus()
	})
	t.menu = fyne.NewMenu("Corepath", t.status, t.toggle, fyne.NewMenuItemSeparator(), open)
	da.SetSystemTrayIcon(windowIcon())
	da.SetSystemTrayMenu(t.menu)
	t.update()
}

// update shows the timer in the tray menu, to the minute.
func (t *trayMenu) update() {
	if t.app == nil {
		return
	}
	label, toggle := "No timer running", "Start timer"
	if tm := t.u.timer; tm != nil {
		label = fmt.Sprintf("%s: %s", t.u.plan.TopicPath(tm.TopicID), tracker.FormatDuration(t.u.opt.Now().Sub(tm.Start)))
		if over := t.u.overPlan(); over > 0 {
			label += fmt.Sprintf(" (%s past the plan of %s)", tracker.FormatDuration(over), tracker.FormatDuration(tm.Planned))
		}
		toggle = "Stop timer…"
	}
	if label+toggle == t.shown {
		return
	}
	t.shown = label + toggle
	t.status.Label, t.toggle.Label = label, toggle
	t.menu.Refresh()
}

// overPlan is how long the running timer is past its planned length: 0 when there is no
// timer, no plan, or time left.
func (d *appData) overPlan() time.Duration {
	t := d.timer
	if t == nil || t.Planned <= 0 {
		return 0
	}
	return max(d.opt.Now().Sub(t.Start)-t.Planned, 0)
}

// checkNotifications sends the desktop notifications: a timer past its planned length, and
// the daily study reminder at the time the user chose (if they turned it on).
func (u *UI) checkNotifications() {
	now := u.opt.Now()
	if t := u.timer; t != nil && t.Planned > 0 && !u.notified[t.ID] && now.Sub(t.Start) >= t.Planned {
		u.notified[t.ID] = true
		u.app.SendNotification(fyne.NewNotification("Planned time reached",
			fmt.Sprintf("%s: %s done. Stop the timer or keep going.", u.plan.TopicPath(t.TopicID), tracker.FormatDuration(t.Planned))))
	}
	prefs := u.prefs
	if !prefs.Bool(prefReminderOn, false) {
		return
	}
	at, err := time.Parse("15:04", prefs.String(prefReminderAt, "19:00"))
	if err != nil {
		return
	}
	local := now.In(u.opt.Loc)
	today := string(tracker.DateOf(local))
	due := time.Date(local.Year(), local.Month(), local.Day(), at.Hour(), at.Minute(), 0, 0, u.opt.Loc)
	if local.Before(due) || prefs.String(prefReminderSent, "") == today {
		return
	}
	prefs.SetString(prefReminderSent, today)
	studied := 0
	for _, d := range u.report.ByDay {
		if string(d.Date) == today {
			studied = d.Minutes
		}
	}
	msg := "Time to study: even 25 minutes keeps the streak going."
	if studied > 0 {
		msg = fmt.Sprintf("You have studied %s today. One more session?", tracker.FormatDuration(time.Duration(studied)*time.Minute))
	}
	u.app.SendNotification(fyne.NewNotification("Corepath", msg))
}
