package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

const (
	prefTheme   = "theme"
	themeSystem = "system"
	themeLight  = "light"
	themeDark   = "dark"
)

// fixedVariant is the default theme held to one variant, for a user who chose light or dark
// rather than following the system.
type fixedVariant struct {
	fyne.Theme
	variant fyne.ThemeVariant
}

func (f fixedVariant) Color(name fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return f.Theme.Color(name, f.variant)
}

// themeRefresher works around Fyne 2.8.1 leaving the icons and drop-down arrows of screens
// that are hidden when the theme changes in the old theme's colours: a screen shown for the
// first time since a change has the theme applied again, now that it is on the screen.
type themeRefresher struct {
	app        fyne.App
	choice     func() string
	changes    int            // theme changes so far
	seen       map[string]int // the changes each screen has been shown since
	reapplying bool
}

// changed records a change of theme made while showing the screen named current.
func (t *themeRefresher) changed(current string) {
	t.changes++
	t.seen[current] = t.changes
}

// shown is called when a screen is shown.
func (t *themeRefresher) shown(screen string) {
	if t.seen[screen] == t.changes || t.reapplying {
		return
	}
	t.seen[screen] = t.changes
	t.reapplying = true
	applyTheme(t.app, t.choice())
	t.reapplying = false
}

// applyTheme sets the theme a user chose: "system", "light" or "dark".
func applyTheme(a fyne.App, choice string) {
	switch choice {
	case themeLight:
		a.Settings().SetTheme(fixedVariant{theme.DefaultTheme(), theme.VariantLight})
	case themeDark:
		a.Settings().SetTheme(fixedVariant{theme.DefaultTheme(), theme.VariantDark})
	default:
		a.Settings().SetTheme(theme.DefaultTheme())
	}
}
