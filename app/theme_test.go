package app

import (
	"image/color"
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

// The outlines of fields, checkboxes and radio buttons stand out from the background by at
// least WCAG's 3:1 for a control's boundary, in each theme choice and variant.
func TestControlOutlinesAreVisible(t *testing.T) {
	a := test.NewTempApp(t)
	for _, choice := range []string{themeSystem, themeLight, themeDark} {
		applyTheme(a, choice)
		th := a.Settings().Theme()
		for _, v := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
			border, bg := th.Color(theme.ColorNameInputBorder, v), th.Color(theme.ColorNameBackground, v)
			if r := contrast(border, bg); r < 3 {
				t.Errorf("%s theme, variant %d: outline against background %.2f:1", choice, v, r)
			}
		}
	}
}

// Faint text can be read: a placeholder or a tag by WCAG's 4.5:1 for text, a disabled field's
// text by 3:1 (WCAG exempts it; a stopped timer's fields must still be legible), on the
// window's background and on a field's.
func TestFaintTextCanBeRead(t *testing.T) {
	a := test.NewTempApp(t)
	for _, choice := range []string{themeSystem, themeLight, themeDark} {
		applyTheme(a, choice)
		th := a.Settings().Theme()
		for _, v := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
			for _, bg := range []fyne.ThemeColorName{theme.ColorNameBackground, theme.ColorNameInputBackground} {
				for text, least := range map[fyne.ThemeColorName]float64{theme.ColorNamePlaceHolder: 4.5, theme.ColorNameDisabled: 3} {
					if r := contrast(th.Color(text, v), th.Color(bg, v)); r < least {
						t.Errorf("%s theme, variant %d: %s on %s %.2f:1, want %.1f:1", choice, v, text, bg, r, least)
					}
				}
			}
		}
	}
}

// contrast is WCAG 2.1's contrast ratio of two colours.
func contrast(a, b color.Color) float64 {
	la, lb := luminance(a), luminance(b)
	return (math.Max(la, lb) + 0.05) / (math.Min(la, lb) + 0.05)
}

func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	lin := func(v uint32) float64 {
		s := float64(v) / 0xffff
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}

// A meter's fill stands out from its track by WCAG's 3:1 in each theme, so that an empty bar
// cannot be read as a full one, and the fill covers value of max.
func TestAMeterFillStandsOutFromItsTrack(t *testing.T) {
	a := test.NewTempApp(t)
	for _, choice := range []string{themeLight, themeDark} {
		applyTheme(a, choice)
		m := newMeter()
		m.Resize(fyne.NewSize(100, 20))
		m.SetValue(30, 120)
		r := test.WidgetRenderer(m).(*meterRenderer)
		if ratio := contrast(r.fill.FillColor, r.track.FillColor); ratio < 3 {
			t.Errorf("%s theme: fill against track %.2f:1", choice, ratio)
		}
		if w := r.fill.Size().Width; w != 25 {
			t.Errorf("30 of 120 filled %g of 100", w)
		}
		m.SetValue(200, 120)
		if w := r.fill.Size().Width; w != 100 {
			t.Errorf("past the max filled %g of 100", w)
		}
	}
}
