package app

import (
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"corepath/tracker"
)

// skillsPlan is the topic tree with hours against target, confidence and last studied.
type skillsPlan struct {
	data    *appData
	app     planApp
	tree    *widget.Tree
	add     *button
	content fyne.CanvasObject

	dialogSave *keyButton // the open topic dialog, for tests
	dialogName *keyEntry

	// widest is the text width of the longest top-level topic name; noConfidenceWord says that
	// the rows leave out the word "confidence" so that it fits whole (nameRoom).
	widest           float32
	noConfidenceWord bool
	// The last-studied column is as wide as its widest text in any row, so that the columns
	// left of it line up; hoursWidth is the widest hours text, so that every top-level row finds
	// the same room for the names. confidenceWide is how wide the confidence choice must be to
	// show its longest label whole; confidenceWidth how wide the rows make it, from the room the
	// names leave (nameRoom).
	hoursWidth, lastWidth           float32
	confidenceWide, confidenceWidth float32
}

func newSkillsPlan(data *appData, app planApp) *skillsPlan {
	s := &skillsPlan{data: data, app: app}
	s.add = newIconButton("Add topic", theme.Icon(theme.IconNameContentAdd), func() { s.editTopic(nil, "") })
	s.tree = widget.NewTree(s.children, s.isBranch, s.newNode, s.updateNode)
	s.content = container.NewBorder(container.NewHBox(s.add), nil, nil, nil, s.tree)
	return s
}

const trackNode = "track:"

func (s *skillsPlan) children(id widget.TreeNodeID) []widget.TreeNodeID {
	var out []widget.TreeNodeID
	switch {
	case id == "":
		for _, t := range []tracker.Track{tracker.TrackSkills, tracker.TrackCertification, tracker.TrackDegree} {
			out = append(out, trackNode+string(t))
		}
	case strings.HasPrefix(id, trackNode):
		tr := tracker.Track(strings.TrimPrefix(id, trackNode))
		for _, t := range s.data.plan.Topics {
			if t.ParentID == "" && t.Track == tr {
				out = append(out, t.ID)
			}
		}
	default:
		for _, t := range s.data.plan.Children(id) {
			out = append(out, t.ID)
		}
	}
	return out
}

func (s *skillsPlan) isBranch(id widget.TreeNodeID) bool {
	return id == "" || strings.HasPrefix(id, trackNode) || len(s.data.plan.Children(id)) > 0
}

type topicNode struct {
	rowBase
	name, hours, last  *widget.Label
	confLabel          *widget.Label
	bar                *meter
	confidence         *widget.Select
	addSub, rename, rm *button
	confBox, lastBox   *fyne.Container // the choice and the last-studied date in their columns
	id                 string
	updating           bool
	track              bool // a track's row: its name and hours only
	topLevel           bool // a topic with no parent
}

// nameRoom lays a topic's row out as a Border with the name in the middle and the rest on the
// right. Every row leaves out the word "confidence" before the choice when the longest
// top-level name would be cut with it: at 1024 wide it cut "LAN Switching & Carrier Ethernet".
// The room the longest name leaves then widens the confidence choice, up to its longest label
// (every row read "4 (can trou…" even at 1920 wide). The top-level rows decide, for all the
// rows alike, so that the columns stay in line.
type nameRoom struct {
	node *topicNode
	plan *skillsPlan
}

func (l *nameRoom) MinSize(objects []fyne.CanvasObject) fyne.Size {
	// The columns' widening is room taken where there is some, not needed: the window may narrow.
	name, right, n := objects[0].MinSize(), objects[1].MinSize(), l.node
	if n.confBox.Visible() {
		right.Width -= max(0, l.plan.confidenceWidth-n.confidence.MinSize().Width) + max(0, l.plan.lastWidth-n.last.MinSize().Width)
	}
	return fyne.NewSize(name.Width+right.Width+theme.Padding(), max(name.Height, right.Height))
}

func (l *nameRoom) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	name, right, word := objects[0], objects[1], l.node.confLabel
	if !l.node.track {
		if l.node.topLevel {
			choice := l.node.confidence.MinSize().Width
			without := right.MinSize().Width - max(choice, l.plan.confidenceWidth) + choice - l.node.hours.MinSize().Width + l.plan.hoursWidth
			if word.Visible() {
				without -= word.MinSize().Width + theme.Padding()
			}
			room := size.Width - without - word.MinSize().Width - 2*theme.Padding()
			name := l.plan.widest + 2*theme.InnerPadding()
			l.plan.noConfidenceWord = room < name
			if l.plan.noConfidenceWord {
				room += word.MinSize().Width + theme.Padding()
			}
			l.plan.confidenceWidth = choice + max(0, min(room-name, l.plan.confidenceWide-choice))
		}
		if l.plan.noConfidenceWord == word.Visible() {
			if l.plan.noConfidenceWord {
				word.Hide()
			} else {
				word.Show()
			}
		}
	}
	w := right.MinSize().Width
	right.Move(fyne.NewPos(size.Width-w, 0))
	right.Resize(fyne.NewSize(w, size.Height))
	name.Move(fyne.NewPos(0, 0))
	name.Resize(fyne.NewSize(max(size.Width-w-theme.Padding(), 0), size.Height))
}

func (s *skillsPlan) newNode(bool) fyne.CanvasObject {
	n := &topicNode{name: widget.NewLabel(""), hours: widget.NewLabel(""), last: widget.NewLabel(""), bar: newMeter()}
	n.name.Truncation = fyne.TextTruncateEllipsis
	n.confidence = widget.NewSelect(tracker.ConfidenceLabels(), func(string) {
		if !n.updating {
			s.setConfidence(n.id, n.confidence.SelectedIndex())
		}
	})
	icon := func(name fyne.ThemeIconName, f func()) *button {
		b := newIconButton("", theme.Icon(name), f)
		b.Importance = widget.LowImportance
		return b
	}
	n.addSub = icon(theme.IconNameContentAdd, func() { s.editTopic(nil, n.id) })
	n.rename = icon(theme.IconNameDocumentCreate, func() {
		if t, ok := s.data.plan.Topic(n.id); ok {
			s.editTopic(t, t.ParentID)
		}
	})
	n.rm = icon(theme.IconNameDelete, func() { s.remove(n.id) })
	n.confLabel = widget.NewLabel("confidence")
	n.confBox = container.New(&atLeast{&s.confidenceWidth}, n.confidence)
	n.lastBox = container.New(&atLeast{&s.lastWidth}, n.last)
	right := container.NewHBox(n.hours, container.NewGridWrap(fyne.NewSize(90, n.bar.MinSize().Height), n.bar),
		n.confLabel, n.confBox, n.lastBox, n.addSub, n.rename, n.rm)
	n.box = container.New(&nameRoom{node: n, plan: s}, n.name, right)
	n.ExtendBaseWidget(n)
	return n
}

func (s *skillsPlan) updateNode(id widget.TreeNodeID, _ bool, o fyne.CanvasObject) {
	n := o.(*topicNode)
	n.id = id
	if strings.HasPrefix(id, trackNode) {
		tr := tracker.Track(strings.TrimPrefix(id, trackNode))
		n.name.SetText(tr.Label())
		n.name.TextStyle.Bold = true
		n.name.Refresh()
		minutes := 0
		for _, t := range s.data.plan.Topics {
			if t.Track == tr && t.ParentID == "" {
				minutes += s.data.dash.TopicTotals[t.ID].Minutes
			}
		}
		n.hours.SetText(hours(minutes))
		for _, w := range []fyne.CanvasObject{n.bar, n.confLabel, n.confBox, n.lastBox, n.addSub, n.rename, n.rm} {
			w.Hide()
		}
		n.track = true
		return
	}
	t, ok := s.data.plan.Topic(id)
	if !ok {
		return
	}
	for _, w := range []fyne.CanvasObject{n.bar, n.confBox, n.lastBox, n.rename, n.rm} {
		w.Show()
	}
	n.track, n.topLevel = false, t.ParentID == "" // nameRoom shows the confidence word or not
	if t.ParentID == "" {
		n.addSub.Show()
	} else {
		n.addSub.Hide()
	}
	n.name.SetText(t.Name)
	n.name.TextStyle.Bold = false
	n.name.Refresh()
	st := s.data.dash.TopicTotals[id]
	if t.TargetHours > 0 {
		n.bar.SetValue(float64(st.Minutes), t.TargetHours*60)
	} else {
		n.bar.SetValue(0, 1)
	}
	n.hours.SetText(topicHours(t, st.Minutes))
	n.updating = true
	n.confidence.SetSelectedIndex(t.Confidence)
	n.updating = false
	n.last.SetText(lastStudied(st.LastStudied))
}

// topicHours is a topic's hours against its target: "19.5 h of 40 h".
func topicHours(t *tracker.Topic, minutes int) string {
	if t.TargetHours > 0 {
		return fmt.Sprintf("%s of %g h", hours(minutes), t.TargetHours)
	}
	return hours(minutes)
}

func lastStudied(day tracker.Date) string {
	if day == "" {
		return "not studied yet"
	}
	return "last " + string(day)
}

func (s *skillsPlan) refresh() {
	width := func(text string) float32 { return fyne.MeasureText(text, theme.TextSize(), fyne.TextStyle{}).Width }
	s.widest, s.hoursWidth, s.lastWidth = 0, 0, 0
	for i := range s.data.plan.Topics {
		t := &s.data.plan.Topics[i]
		if t.ParentID == "" {
			s.widest = max(s.widest, width(t.Name))
		}
		st := s.data.dash.TopicTotals[t.ID]
		s.hoursWidth = max(s.hoursWidth, width(topicHours(t, st.Minutes)))
		s.lastWidth = max(s.lastWidth, width(lastStudied(st.LastStudied)))
	}
	s.hoursWidth += 2 * theme.InnerPadding() // a label's own padding
	s.lastWidth += 2 * theme.InnerPadding()
	// A Select's label has its width less the drop icon, an inner padding and three paddings.
	s.confidenceWide = theme.IconInlineSize() + theme.InnerPadding() + 3*theme.Padding() + 1
	longest := float32(0)
	for _, l := range tracker.ConfidenceLabels() {
		longest = max(longest, width(l))
	}
	s.confidenceWide += longest
	s.tree.OpenBranch(trackNode + string(tracker.TrackSkills))
	s.tree.Refresh()
}

func (s *skillsPlan) setConfidence(id string, c int) {
	t, ok := s.data.plan.Topic(id)
	if !ok || t.Confidence == c {
		return
	}
	old := *t
	nt := old
	nt.Confidence = c
	s.putTopic("confidence", nt, &old)
}

func (s *skillsPlan) putTopic(label string, t tracker.Topic, old *tracker.Topic) bool {
	return putItem(s.app, label, t, old, tracker.Store.PutTopic,
		func(st tracker.Store, t tracker.Topic) error { return st.DeleteTopic(t.ID) },
		func(t tracker.Topic) string { return fmt.Sprintf("Saved topic %s.", t.Name) })
}

// editTopic opens the topic dialog: a new topic (under parentID, if given) for nil.
func (s *skillsPlan) editTopic(t *tracker.Topic, parentID string) {
	base := tracker.Topic{Track: tracker.TrackSkills, ParentID: parentID}
	if t != nil {
		base = *t
	} else if parent, ok := s.data.plan.Topic(parentID); ok {
		base.Track = parent.Track
	}
	name, target := s.app.newEntry(), s.app.newEntry()
	name.SetText(base.Name)
	if base.TargetHours > 0 {
		target.SetText(strconv.FormatFloat(base.TargetHours, 'f', -1, 64))
	}
	target.SetPlaceHolder("hours, optional")
	var tracks []string
	for _, tr := range tracker.Tracks {
		tracks = append(tracks, tr.Label())
	}
	track := s.app.newSelect(tracks, nil)
	track.SetSelected(base.Track.Label())
	if base.ParentID != "" {
		track.Disable() // a subtopic follows its parent
	}
	build := func() (tracker.Topic, error) {
		out := base
		out.Name = strings.TrimSpace(name.Text)
		out.Track, _ = tracker.ParseTrack(track.Selected)
		out.TargetHours = 0
		if v := strings.TrimSpace(target.Text); v != "" {
			h, err := strconv.ParseFloat(v, 64)
			if err != nil {
				return out, fmt.Errorf("target: %q is not a number of hours", v)
			}
			if h != base.TargetHours {
				out.Estimate = false
			}
			out.TargetHours = h
		}
		return out, tracker.ValidateTopic(&out, &s.data.plan)
	}
	title := "Add topic"
	if parent, ok := s.data.plan.Topic(parentID); ok && t == nil {
		title = "Add a subtopic to " + parent.Name
	} else if t != nil {
		title = "Edit " + t.Name
	}
	items := []*widget.FormItem{widget.NewFormItem("Name", name), widget.NewFormItem("Track", track), widget.NewFormItem("Target (hours)", target)}
	_, save := s.app.validatedDialog(title, items, newFieldError(), func() error { _, err := build(); return err }, func() bool {
		out, err := build()
		return err == nil && s.putTopic("topic", out, t)
	})
	s.dialogSave, s.dialogName = save, name
}

func (s *skillsPlan) remove(id string) {
	t, ok := s.data.plan.Topic(id)
	if !ok {
		return
	}
	old := *t
	// What the store would refuse is said before the question, not after its answer.
	if kids := s.data.plan.Children(id); len(kids) > 0 {
		s.app.showError(tracker.Errorf(tracker.Conflict, "%q has %s: remove or move them first", t.Name, tracker.CountOf(len(kids), "subtopic", "subtopics")))
		return
	}
	n := 0
	for i := range s.data.sessions {
		if s.data.sessions[i].topic == id {
			n++
		}
	}
	if n > 0 {
		s.app.showError(tracker.Errorf(tracker.Conflict, "%q has %s logged against it: move %s to another topic first (edit on the Log screen)",
			t.Name, tracker.CountOf(n, "session", "sessions"), map[bool]string{true: "it", false: "them"}[n == 1]))
		return
	}
	s.app.removeUndoably("topic "+t.Name, "Removed topic "+old.Name+".",
		func(st tracker.Store) error { return st.DeleteTopic(old.ID) },
		func(st tracker.Store) error { _, err := st.PutTopic(old); return err })
}

// atLeast lays its one object out at least *width wide: a column as wide in every row.
type atLeast struct{ width *float32 }

func (a *atLeast) MinSize(objects []fyne.CanvasObject) fyne.Size {
	m := objects[0].MinSize()
	return fyne.NewSize(max(m.Width, *a.width), m.Height)
}

func (a *atLeast) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	objects[0].Move(fyne.NewPos(0, 0))
	objects[0].Resize(size)
}
