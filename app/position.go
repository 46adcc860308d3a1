package app

// Fyne can restore a window's size but has no API for its position, so on X11 the position is
// read and set with the X protocol on the window's native handle. Wayland does not let clients
// place their windows, and there the compositor decides.

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver"
	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"
)

const (
	prefX = "window.x"
	prefY = "window.y"
)

// x11Window returns the window's X11 id, or 0 when it has none (not X11, or not shown yet).
func x11Window(w fyne.Window) xproto.Window {
	nw, ok := w.(driver.NativeWindow)
	if !ok {
		return 0
	}
	var id uintptr
	nw.RunNative(func(ctx any) {
		if x, ok := ctx.(driver.X11WindowContext); ok {
			id = x.WindowHandle
		}
	})
	return xproto.Window(id)
}

// withX11 runs f with a connection to the X server and the window's id and root.
func withX11(w fyne.Window, f func(c *xgb.Conn, win, root xproto.Window, screen *xproto.ScreenInfo) error) error {
	win := x11Window(w)
	if win == 0 {
		return nil
	}
	return withScreen(func(c *xgb.Conn, screen *xproto.ScreenInfo) error { return f(c, win, screen.Root, screen) })
}

// withScreen runs f with a connection to the X server and its default screen.
func withScreen(f func(c *xgb.Conn, screen *xproto.ScreenInfo) error) error {
	c, err := xgb.NewConn()
	if err != nil {
		return err
	}
	defer c.Close()
	return f(c, xproto.Setup(c).DefaultScreen(c))
}

// savePosition remembers where the window is on the screen.
func (u *UI) savePosition() {
	_ = withX11(u.win, func(c *xgb.Conn, win, root xproto.Window, _ *xproto.ScreenInfo) error {
		r, err := xproto.TranslateCoordinates(c, win, root, 0, 0).Reply()
		if err != nil {
			return err
		}
		u.app.Preferences().SetInt(prefX, int(r.DstX))
		u.app.Preferences().SetInt(prefY, int(r.DstY))
		return nil
	})
}

// restorePosition puts the window back where it was, if that is still on the screen. It waits
// a moment for the window to be mapped, since a window manager places a new window itself.
func (u *UI) restorePosition() {
	prefs := u.app.Preferences()
	x, y := prefs.IntWithFallback(prefX, -1), prefs.IntWithFallback(prefY, -1)
	if x < 0 || y < 0 {
		return
	}
	go func() {
		time.Sleep(150 * time.Millisecond)
		fyne.Do(func() {
			_ = withX11(u.win, func(c *xgb.Conn, win, _ xproto.Window, screen *xproto.ScreenInfo) error {
				if x > int(screen.WidthInPixels)-80 || y > int(screen.HeightInPixels)-80 {
					return nil // the screen has shrunk since: let the window manager choose
				}
				return xproto.ConfigureWindowChecked(c, win, xproto.ConfigWindowX|xproto.ConfigWindowY,
					[]uint32{uint32(x), uint32(y)}).Check()
			})
		})
	}()
}

// The window's size is restored through Fyne and its position, where the platform allows,
// below; saveWindowSize keeps both.
const (
	prefWidth  = "window.width"
	prefHeight = "window.height"
)

func (u *UI) restoreWindowSize() {
	p := u.app.Preferences()
	w, h := p.FloatWithFallback(prefWidth, 1180), p.FloatWithFallback(prefHeight, 760)
	if sw, sh, ok := x11ScreenSize(); ok {
		w, h = fitScreen(w, h, sw, sh)
	}
	u.win.Resize(fyne.NewSize(float32(max(w, 640)), float32(max(h, 480))))
}

// fitScreen shrinks a window's size to what a screen of sw by sh pixels shows whole, with room
// for the window's frame and the desktop's panels: a window remembered on a large monitor, or
// the default size, must not open past a laptop's screen, its buttons out of reach.
func fitScreen(w, h float64, sw, sh int) (float64, float64) {
	return min(w, float64(sw)-40), min(h, float64(sh)-80)
}

// x11ScreenSize is the X server's default screen in pixels; ok is false where there is no X
// server to ask (Wayland without XWayland, Windows, macOS), and the size is then not fitted.
func x11ScreenSize() (w, h int, ok bool) {
	err := withScreen(func(_ *xgb.Conn, screen *xproto.ScreenInfo) error {
		w, h = int(screen.WidthInPixels), int(screen.HeightInPixels)
		return nil
	})
	return w, h, err == nil
}

func (u *UI) saveWindowSize() {
	u.savePosition()
	size := u.win.Canvas().Size()
	if size.Width > 0 && size.Height > 0 {
		u.app.Preferences().SetFloat(prefWidth, float64(size.Width))
		u.app.Preferences().SetFloat(prefHeight, float64(size.Height))
	}
}
