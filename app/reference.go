package app

import (
	"fmt"
	"math"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"corepath/resources"
	"corepath/tracker"
)

// referenceScreen describes the Core Network Engineer role: what it is, its duties, its pay,
// the qualifications (each linked to the screen that tracks it, with the user's progress) and
// the similar occupations.
type referenceScreen struct {
	data     *appData
	ref      resources.Reference
	intro    *widget.RichText // the role, its duties and its pay
	similar  *widget.RichText
	progress map[string]*widget.Label // by qualification kind: degree, skills, certification
	links    map[string]*button
	content  fyne.CanvasObject
}

// referenceApp is what the Reference screen needs of the app besides the data: to open a plan.
type referenceApp interface {
	showPlan(tab int)
}

func newReferenceScreen(data *appData, app referenceApp) *referenceScreen {
	r := &referenceScreen{data: data, progress: map[string]*widget.Label{}, links: map[string]*button{}}
	ref, err := resources.RoleReference()
	if err != nil {
		r.content = widget.NewLabel(err.Error())
		return r
	}
	r.ref = ref
	var md strings.Builder
	fmt.Fprintf(&md, "# %s\n\n%s\n\n", ref.Role.Title, ref.Role.Summary)
	fmt.Fprintf(&md, "Also called: %s.\n\n## What the job involves\n\n", strings.Join(ref.Role.AlsoCalled, ", "))
	for _, d := range ref.Role.Duties {
		fmt.Fprintf(&md, "- %s\n", d)
	}
	p := ref.Pay
	fmt.Fprintf(&md, "\n## Pay\n\nAccording to %s on %s, the average yearly pay for the role in the %s is **$%s**: "+
		"about $%.2f an hour, $%s a week or $%s a month. Reported salaries run from $%s to $%s, "+
		"and most fall between **$%s and $%s**; top earners reach about $%s. %s\n",
		p.Source, p.Date, p.Country, thousands(p.AnnualAverage), p.Hourly, thousands(p.Weekly), thousands(p.Monthly),
		thousands(p.Lowest), thousands(p.Highest), thousands(p.BandLow), thousands(p.BandHigh), thousands(p.TopEarners), p.Note)
	r.intro = widget.NewRichTextFromMarkdown(md.String())
	r.intro.Wrapping = fyne.TextWrapWord

	// Gathered first: Add would lay the box out now, before the screen is first shown.
	quals := []fyne.CanvasObject{widget.NewRichTextFromMarkdown("## Qualifications")}
	for _, q := range ref.Qualifications {
		text := widget.NewLabel(q.Text)
		text.Wrapping = fyne.TextWrapWord
		progress := widget.NewLabel("")
		progress.TextStyle.Italic = true
		progress.Wrapping = fyne.TextWrapWord
		r.progress[q.Kind] = progress
		tab := map[string]int{"degree": planDegree, "skills": planSkills, "certification": planMilestones}[q.Kind]
		link := newIconButton("Open "+strings.ToLower(trackLabel(q.Kind))+" plan", theme.Icon(theme.IconNameNavigateNext),
			func() { app.showPlan(tab) })
		r.links[q.Kind] = link
		quals = append(quals, widget.NewCard(q.Title, "", container.NewVBox(text, progress, container.NewHBox(link))))
	}

	var sim strings.Builder
	fmt.Fprintf(&sim, "## Similar occupations\n\n")
	for _, s := range ref.Similar {
		fmt.Fprintf(&sim, "- **%s**: %s", s.Title, s.Line)
		if s.MedianUSD > 0 {
			fmt.Fprintf(&sim, " Median pay $%s (%s; %s).", thousands(s.MedianUSD), s.MedianYear, s.MedianNote)
		} else {
			fmt.Fprintf(&sim, " (%s.)", s.MedianNote)
		}
		sim.WriteString("\n")
	}
	fmt.Fprintf(&sim, "\n*%s*\n", ref.SimilarSource)
	r.similar = widget.NewRichTextFromMarkdown(sim.String())
	r.similar.Wrapping = fyne.TextWrapWord
	r.content = container.NewVScroll(container.NewVBox(r.intro, container.NewVBox(quals...), r.similar))
	return r
}

func trackLabel(kind string) string {
	t, err := tracker.ParseTrack(kind)
	if err != nil {
		return kind
	}
	return t.Label()
}

// refresh shows the user's progress on each qualification.
func (r *referenceScreen) refresh() {
	if len(r.progress) == 0 {
		return
	}
	pr := r.data.report.Progress
	d := pr.Degree
	deg := "You: " + d.Earned()
	if d.Graded {
		deg += fmt.Sprintf(", GPA %.2f", d.GPA)
	}
	if d.CreditsInProgress > 0 {
		deg += fmt.Sprintf(", %g credits in progress", d.CreditsInProgress)
	}
	r.progress["degree"].SetText(deg + ".")

	minutes, target, conf, n := 0, 0, 0, 0
	for _, t := range pr.Topics {
		if t.Track == tracker.TrackSkills {
			minutes += t.Minutes
			target += t.TargetMinutes
			conf += t.Confidence
			n++
		}
	}
	skills := fmt.Sprintf("You: %s of %s across %d skill topics", hours(minutes), hours(target), n)
	if n > 0 {
		avg := math.Round(float64(conf)/float64(n)*10) / 10
		skills += fmt.Sprintf(", average confidence %.1f of 5 (%s)", avg, tracker.ConfidenceWords(avg))
	}
	r.progress["skills"].SetText(skills + ".")

	// The certification's own state and next step: the plan's next milestone of all may be the
	// degree's, and a passed lab said nothing here.
	m, outlook := pr.Milestones, r.data.dash.Cert
	cert := fmt.Sprintf("You: %d of %s done", m.Done, tracker.CountOf(m.Total, "milestone", "milestones"))
	if lines := windowLines(outlook.Windows); len(lines) > 0 {
		cert += "; " + strings.Join(lines, "; ")
	}
	if outlook.Next != nil {
		cert += "; next on the certification path: " + outlook.Next.Title
	}
	r.progress["certification"].SetText(cert + ".")
}
