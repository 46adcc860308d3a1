package app

// Fyne can restore a window's size but has no API for its position, so on X11 the position is
// read and set with the X protocol on the window's native handle. Wayland does not let clients
// place their windows, and there the compositor decides.

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver"
	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"
)

// prefWindow keeps the window's place and size in one setting, "x y width height" (x and y are
// -1 where the platform does not say), so that they are saved and read back together.
const prefWindow = "window.geometry"

type geometry struct {
	x, y int
	w, h float64
}

// savedGeometry is the window's place and size as last kept, else no place and the default size.
func (u *UI) savedGeometry() geometry {
	g := geometry{-1, -1, 1180, 760}
	var x, y int
	var w, h float64
	if _, err := fmt.Sscanf(u.prefs.String(prefWindow, ""), "%d %d %g %g", &x, &y, &w, &h); err == nil && w > 0 && h > 0 {
		g = geometry{x, y, w, h}
	}
	return g
}

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

// windowPosition is where the window is on the screen; ok is false where X11 cannot say.
func (u *UI) windowPosition() (x, y int, ok bool) {
	_ = withX11(u.win, func(c *xgb.Conn, win, root xproto.Window, _ *xproto.ScreenInfo) error {
		r, err := xproto.TranslateCoordinates(c, win, root, 0, 0).Reply()
		if err != nil {
			return err
		}
		x, y, ok = int(r.DstX), int(r.DstY), true
		return nil
	})
	return x, y, ok
}

// restorePosition puts the window back where it was, if that is still on the screen. It waits
// a moment for the window to be mapped, since a window manager places a new window itself.
func (u *UI) restorePosition() {
	g := u.savedGeometry()
	if g.x < 0 || g.y < 0 {
		return
	}
	go func() {
		time.Sleep(150 * time.Millisecond)
		fyne.Do(func() {
			_ = withX11(u.win, func(c *xgb.Conn, win, _ xproto.Window, screen *xproto.ScreenInfo) error {
				if g.x > int(screen.WidthInPixels)-80 || g.y > int(screen.HeightInPixels)-80 {
					return nil // the screen has shrunk since: let the window manager choose
				}
				return xproto.ConfigureWindowChecked(c, win, xproto.ConfigWindowX|xproto.ConfigWindowY,
					[]uint32{uint32(g.x), uint32(g.y)}).Check()
			})
		})
	}()
}

// The window's size is restored through Fyne and its position, where the platform allows,
// above; saveWindowSize keeps both.
func (u *UI) restoreWindowSize() {
	g := u.savedGeometry()
	w, h := g.w, g.h
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
	g := u.savedGeometry()
	if x, y, ok := u.windowPosition(); ok {
		g.x, g.y = x, y
	}
	if size := u.win.Canvas().Size(); size.Width > 0 && size.Height > 0 {
		g.w, g.h = float64(size.Width), float64(size.Height)
	}
	u.prefs.SetString(prefWindow, fmt.Sprintf("%d %d %g %g", g.x, g.y, g.w, g.h))
}
