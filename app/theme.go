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

// corepathTheme is Fyne's default theme, held to one variant for a user who chose light or dark
// rather than following the system, with the outlines of fields, checkboxes and radio buttons
// drawn dark enough to see: Fyne 2.8.1 draws them #e3e3e3 on white (1.3:1) and #39393a on
// #171718 (1.5:1), where WCAG 2.1 asks 3:1 of a control's boundary (success criterion 1.4.11).
type corepathTheme struct {
	fyne.Theme
	fixed   bool // false: follow the system's variant
	variant fyne.ThemeVariant
}

// The same for text Fyne draws faint: a placeholder, a tag, a hint (#888888 on white, 3.5:1,
// where WCAG asks 4.5:1 of text) and a disabled field's text (#e3e3e3 on white and #393939 on
// #171718, 1.3:1 and 1.5:1: a stopped timer's fields could not be read).
var (
	lightOutline     = color.NRGBA{R: 0x8a, G: 0x8a, B: 0x8a, A: 0xff}
	darkOutline      = color.NRGBA{R: 0x70, G: 0x70, B: 0x70, A: 0xff}
	lightPlaceholder = color.NRGBA{R: 0x6b, G: 0x6b, B: 0x6b, A: 0xff}
	lightDisabled    = lightOutline
	darkDisabled     = color.NRGBA{R: 0x7a, G: 0x7a, B: 0x7a, A: 0xff}
)

func (t corepathTheme) Color(name fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if t.fixed {
		v = t.variant
	}
	light := v == theme.VariantLight
	switch {
	case name == theme.ColorNameInputBorder && light:
		return lightOutline
	case name == theme.ColorNameInputBorder:
		return darkOutline
	case name == theme.ColorNamePlaceHolder && light:
		return lightPlaceholder
	case name == theme.ColorNameDisabled && light:
		return lightDisabled
	case name == theme.ColorNameDisabled:
		return darkDisabled
	}
	return t.Theme.Color(name, v)
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
		a.Settings().SetTheme(corepathTheme{theme.DefaultTheme(), true, theme.VariantLight})
	case themeDark:
		a.Settings().SetTheme(corepathTheme{theme.DefaultTheme(), true, theme.VariantDark})
	default:
		a.Settings().SetTheme(corepathTheme{Theme: theme.DefaultTheme()})
	}
}
