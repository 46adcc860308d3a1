//go:build linux

package main

import (
	"fmt"
	"sync"
	"time"

	"github.com/godbus/dbus/v5"
)

// busWatch plays, on the session bus, the desktop's tray host (org.kde.StatusNotifierWatcher)
// and notification server (org.freedesktop.Notifications), and records what the app asks of
// them.
type busWatch struct {
	conn *dbus.Conn

	mu            sync.Mutex
	item          string // the tray item's bus name and path, once registered
	itemSender    string
	itemPath      dbus.ObjectPath
	notifications []string // "summary: body"
}

func watchBus() (*busWatch, error) {
	conn, err := dbus.ConnectSessionBus()
	if err != nil {
		return nil, err
	}
	b := &busWatch{conn: conn}
	for name, export := range map[string]func() error{
		"org.kde.StatusNotifierWatcher": func() error {
			return conn.Export(watcher{b}, "/StatusNotifierWatcher", "org.kde.StatusNotifierWatcher")
		},
		"org.freedesktop.Notifications": func() error {
			return conn.Export(notifier{b}, "/org/freedesktop/Notifications", "org.freedesktop.Notifications")
		},
	} {
		if err := export(); err != nil {
			return nil, err
		}
		reply, err := conn.RequestName(name, dbus.NameFlagDoNotQueue)
		if err != nil || reply != dbus.RequestNameReplyPrimaryOwner {
			return nil, fmt.Errorf("cannot own %s (%v): is a desktop already running on this bus?", name, err)
		}
	}
	return b, nil
}

type watcher struct{ b *busWatch }

// RegisterStatusNotifierItem is how a tray icon announces itself; fyne's systray passes its path.
func (w watcher) RegisterStatusNotifierItem(sender dbus.Sender, service string) *dbus.Error {
	w.b.mu.Lock()
	defer w.b.mu.Unlock()
	w.b.item, w.b.itemSender, w.b.itemPath = string(sender)+service, string(sender), dbus.ObjectPath(service)
	if !w.b.itemPath.IsValid() {
		w.b.itemPath = "/StatusNotifierItem"
	}
	return nil
}

func (w watcher) RegisterStatusNotifierHost(string) *dbus.Error { return nil }

type notifier struct{ b *busWatch }

func (n notifier) Notify(app string, replaces uint32, icon, summary, body string, actions []string,
	hints map[string]dbus.Variant, timeout int32) (uint32, *dbus.Error) {
	n.b.mu.Lock()
	defer n.b.mu.Unlock()
	n.b.notifications = append(n.b.notifications, summary+": "+body)
	return uint32(len(n.b.notifications)), nil
}

func (n notifier) GetCapabilities() ([]string, *dbus.Error) { return []string{"body"}, nil }
func (n notifier) CloseNotification(uint32) *dbus.Error     { return nil }
func (n notifier) GetServerInformation() (string, string, string, string, *dbus.Error) {
	return "corepath-e2e", "corepath", "1", "1.2", nil
}

func (b *busWatch) trayItem() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.item
}

// waitNotification waits for a notification whose summary starts with want.
func (b *busWatch) waitNotification(want string, d time.Duration) (string, error) {
	var got string
	err := poll(d, func() bool {
		b.mu.Lock()
		defer b.mu.Unlock()
		for _, n := range b.notifications {
			if len(n) >= len(want) && n[:len(want)] == want {
				got = n
				return true
			}
		}
		return false
	}, "a notification "+want)
	return got, err
}

// trayProperty reads a property of the tray item (org.kde.StatusNotifierItem.name) and the
// item's sender; the sender is "" while no item is registered, and the value then nil.
func (b *busWatch) trayProperty(name string) (sender string, v *dbus.Variant, problem []string) {
	b.mu.Lock()
	sender, path := b.itemSender, b.itemPath
	b.mu.Unlock()
	if sender == "" {
		return "", nil, nil
	}
	got, err := b.conn.Object(sender, path).GetProperty("org.kde.StatusNotifierItem." + name)
	if err != nil {
		return sender, nil, []string{"(no " + name + " property: " + err.Error() + ")"}
	}
	return sender, &got, nil
}

// trayLabels reads the tray menu's labels from the app, as a desktop's tray draws them: the
// item's Menu property names the com.canonical.dbusmenu object.
func (b *busWatch) trayLabels() []string {
	sender, v, problem := b.trayProperty("Menu")
	if v == nil {
		return problem
	}
	menuPath, _ := v.Value().(dbus.ObjectPath)
	var revision uint32
	var layout []any
	call := b.conn.Object(sender, menuPath).Call("com.canonical.dbusmenu.GetLayout", 0, int32(0), int32(-1), []string{})
	if err := call.Store(&revision, &layout); err != nil {
		return []string{"(no layout: " + err.Error() + ")"}
	}
	var labels []string
	collectLabels(layout, &labels)
	return labels
}

// trayIconSizes reads the sizes of the tray item's icon, as pixels (its IconPixmap), such as
// "256x256".
func (b *busWatch) trayIconSizes() []string {
	_, v, problem := b.trayProperty("IconPixmap")
	if v == nil {
		return problem
	}
	var pixmaps []struct {
		Width, Height int32
		Pixels        []byte
	}
	if err := v.Store(&pixmaps); err != nil {
		return []string{"(an IconPixmap of " + v.Signature().String() + ": " + err.Error() + ")"}
	}
	var sizes []string
	for _, p := range pixmaps {
		sizes = append(sizes, fmt.Sprintf("%dx%d", p.Width, p.Height))
	}
	return sizes
}

// collectLabels walks a dbusmenu layout: (id, properties, children as variants).
func collectLabels(node []any, labels *[]string) {
	if len(node) != 3 {
		return
	}
	if props, ok := node[1].(map[string]dbus.Variant); ok {
		if l, ok := props["label"].Value().(string); ok && l != "" {
			*labels = append(*labels, l)
		}
	}
	children, _ := node[2].([]dbus.Variant)
	for _, c := range children {
		if child, ok := c.Value().([]any); ok {
			collectLabels(child, labels)
		}
	}
}
