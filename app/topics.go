package app

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"corepath/tracker"
)

// topicPicker is a topic field for about 120 topics: as a person types, the drop-down holds the
// matching topics (prefixes, words and initials: "rr" or "route refl" find route reflectors,
// tracker.SearchTopics), and a line under the field says which topic the text stands for, or
// what it could be.
type topicPicker struct {
	data    *appData
	u       logApp
	entry   *keySelectEntry
	hint    *widget.Label
	content fyne.CanvasObject
	changed func(string) // after the options and the hint are updated
}

// pickerMatches is how many matches the hint names.
const pickerMatches = 4

func newTopicPicker(data *appData, u logApp, placeholder string) *topicPicker {
	p := &topicPicker{data: data, u: u, entry: u.newSelectEntry(nil), hint: widget.NewLabel("")}
	p.entry.SetPlaceHolder(placeholder)
	p.hint.Importance = widget.LowImportance
	p.hint.Truncation = fyne.TextTruncateEllipsis
	p.hint.Hide()
	p.entry.OnChanged = func(s string) {
		p.update(s)
		if p.changed != nil {
			p.changed(s)
		}
	}
	p.content = container.NewVBox(p.entry, p.hint)
	return p
}

// update offers the topics that match what is typed, and says what it resolves to.
func (p *topicPicker) update(typed string) {
	plan := &p.data.plan
	matches := tracker.SearchTopics(plan, typed)
	options := make([]string, len(matches))
	for i, t := range matches {
		options[i] = plan.TopicPath(t.ID)
	}
	p.entry.SetOptions(options)
	p.hint.SetText(p.hintFor(typed, options))
	if p.hint.Text == "" {
		p.hint.Hide()
	} else {
		p.hint.Show()
	}
}

func (p *topicPicker) hintFor(typed string, options []string) string {
	if strings.TrimSpace(typed) == "" {
		return ""
	}
	if t, err := p.find(); err == nil {
		if path := p.data.plan.TopicPath(t.ID); !strings.EqualFold(path, strings.TrimSpace(typed)) {
			return "Topic: " + path
		}
		return ""
	}
	switch len(options) {
	case 0:
		return "No topic matches: try a word of its name"
	}
	shown := options[:min(len(options), pickerMatches)]
	more := ""
	if len(options) > pickerMatches {
		more = fmt.Sprintf(" and %d more", len(options)-pickerMatches)
	}
	return "Could be " + strings.Join(shown, ", ") + more + ": keep typing, or pick with the arrow"
}

// find is the topic the field stands for.
func (p *topicPicker) find() (*tracker.Topic, error) {
	return tracker.FindTopic(&p.data.plan, p.entry.Text)
}
