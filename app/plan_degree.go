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

// degreePlan is the degree program and its courses, with credits and the GPA.
type degreePlan struct {
	data     *appData
	app      planApp
	name     *widget.Entry
	field    *widget.SelectEntry
	required *widget.Entry
	saveProg *button
	progErr  *widget.Label
	progEdit *widget.Label // "not saved yet", while the fields differ from what was shown
	shown    [3]string     // the program's fields as refresh last put them
	summary  *widget.Label
	bar      *meter
	add      *button
	list     *widget.List
	content  fyne.CanvasObject

	dialogSave *keyButton // the open course dialog, for tests
	dialogForm *courseForm
	dialogMsg  *widget.Label
	order      []int // the courses' indexes as listed: by term, then code
}

func newDegreePlan(data *appData, app planApp) *degreePlan {
	d := &degreePlan{data: data, app: app, name: widget.NewEntry(), field: widget.NewSelectEntry(tracker.DegreeFields), required: widget.NewEntry(),
		progErr: newFieldError(), progEdit: newUnsavedLabel(), summary: widget.NewLabel(""), bar: newMeter()}
	d.summary.TextStyle.Bold = true
	d.summary.Wrapping = fyne.TextWrapWord // the retake note is long: unwrapped, it widened the window past the screen
	d.saveProg = newPlainButton("Save program", d.saveProgram)
	for _, e := range []*widget.Entry{d.name, &d.field.Entry, d.required} {
		e.OnChanged = func(string) { d.checkProgram() }
		e.OnSubmitted = func(string) { // Enter saves, as the note under the fields says
			if !d.saveProg.Disabled() {
				d.saveProgram()
			}
		}
	}
	d.add = newIconButton("Add course", theme.Icon(theme.IconNameContentAdd), func() { d.editCourse(nil) })
	d.list = widget.NewList(func() int { return len(d.order) }, d.newRow, d.updateRow)
	program := widget.NewForm(
		widget.NewFormItem("Program", d.name),
		widget.NewFormItem("Field", d.field),
		widget.NewFormItem("Credits required", container.NewVBox(d.required, d.progErr)),
	)
	top := container.NewVBox(program, container.NewHBox(d.saveProg, d.progEdit), d.summary, d.bar, container.NewHBox(d.add))
	d.content = container.NewBorder(top, nil, nil, nil, d.list)
	return d
}

func (d *degreePlan) program() (tracker.Program, error) {
	p := tracker.Program{Name: strings.TrimSpace(d.name.Text)}
	field, err := tracker.ParseDegreeField(d.field.Text)
	if err != nil {
		return p, err
	}
	p.Field = field
	v, err := strconv.ParseFloat(strings.TrimSpace(d.required.Text), 64)
	if err != nil {
		return p, fmt.Errorf("credits required must be a number, like 120")
	}
	p.CreditsRequired = v
	return p, tracker.ValidateProgram(&p)
}

func (d *degreePlan) checkProgram() {
	_, err := d.program()
	showUnsaved(d.progEdit, d.typed() != d.shown, err)
	if setError(d.progErr, err) {
		d.saveProg.Enable()
	} else {
		d.saveProg.Disable()
	}
}

func (d *degreePlan) saveProgram() {
	p, err := d.program()
	if err != nil {
		d.app.showError(err)
		return
	}
	old, typed := d.data.plan.Program, d.typed()
	if d.app.change("degree program", func(st tracker.Store) (string, error) { return "Saved the degree program.", st.PutProgram(p) },
		func(st tracker.Store) error { return st.PutProgram(old) }) {
		// What was saved is what the fields held: they take the program as stored ("CS" reads
		// Computer Science), not keep it as an edit.
		d.shown = typed
		d.refresh()
	}
}

// typed is the program's fields as they read now.
func (d *degreePlan) typed() [3]string { return [3]string{d.name.Text, d.field.Text, d.required.Text} }

func (d *degreePlan) refresh() {
	p := d.data.plan.Program
	stored := [3]string{p.Name, p.Field, strconv.FormatFloat(p.CreditsRequired, 'f', -1, 64)}
	// Fields being edited keep what is typed in them, whatever another window or the command
	// line changed meanwhile; they take the stored program once they hold it (after a save)
	// or nothing was typed.
	if typed := d.typed(); typed == d.shown || typed == stored {
		d.name.SetText(stored[0])
		d.field.SetText(stored[1])
		d.required.SetText(stored[2])
		d.shown = stored
	}
	d.checkProgram()
	deg := d.data.report.Progress.Degree
	text := deg.Earned()
	if deg.CreditsInProgress > 0 {
		text += fmt.Sprintf(", %g credits in progress", deg.CreditsInProgress)
	}
	if deg.Graded {
		text += fmt.Sprintf(" · GPA %.2f", deg.GPA)
	} else {
		text += " · GPA: no graded course yet"
	}
	if note := d.data.plan.RetakeNote(); note != "" {
		text += "\n" + note
	}
	d.summary.SetText(text)
	d.bar.SetValue(deg.CreditsEarned, deg.CreditsRequired)
	d.order = tracker.CourseOrder(d.data.plan.Courses)
	d.list.Refresh()
}

type courseRow struct {
	rowBase
	label    *widget.Label
	edit, rm *button
	index    int
}

func (d *degreePlan) newRow() fyne.CanvasObject {
	r := &courseRow{label: widget.NewLabel("")}
	r.label.Truncation = fyne.TextTruncateEllipsis
	r.edit = newIconButton("", theme.Icon(theme.IconNameDocumentCreate), func() {
		if r.index < len(d.data.plan.Courses) {
			d.editCourse(&d.data.plan.Courses[r.index])
		}
	})
	r.rm = newIconButton("", theme.Icon(theme.IconNameDelete), func() { d.removeCourse(r.index) })
	r.edit.Importance, r.rm.Importance = widget.LowImportance, widget.LowImportance
	r.box = container.NewBorder(nil, nil, nil, container.NewHBox(r.edit, r.rm), r.label)
	r.ExtendBaseWidget(r)
	return r
}

func (d *degreePlan) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	r := o.(*courseRow)
	if id >= len(d.order) {
		return
	}
	r.index = d.order[id]
	c := d.data.plan.Courses[r.index]
	parts := []string{c.Code, c.Title, fmt.Sprintf("%g credits", c.Credits), c.Term, string(c.Status)}
	if c.Grade != "" {
		parts = append(parts, "grade "+c.Grade)
	}
	var shown []string
	for _, p := range parts {
		if strings.TrimSpace(p) != "" {
			shown = append(shown, p)
		}
	}
	r.label.SetText(strings.Join(shown, " · "))
}

// courseForm is the course dialog's fields.
type courseForm struct {
	code, title, credits, term *keyEntry
	status, grade              *keySelect
}

const noGrade = "No grade yet"

func (d *degreePlan) editCourse(c *tracker.Course) {
	base := tracker.Course{Status: tracker.CoursePlanned}
	if c != nil {
		base = *c
	}
	f := &courseForm{code: d.app.newEntry(), title: d.app.newEntry(), credits: d.app.newEntry(), term: d.app.newEntry()}
	f.code.SetText(base.Code)
	f.code.SetPlaceHolder("NET101")
	f.title.SetText(base.Title)
	if base.Credits > 0 {
		f.credits.SetText(strconv.FormatFloat(base.Credits, 'f', -1, 64))
	}
	f.credits.SetPlaceHolder("3")
	f.term.SetText(base.Term)
	f.term.SetPlaceHolder("Fall 2026")
	var statuses []string
	for _, s := range tracker.CourseStatuses {
		statuses = append(statuses, string(s))
	}
	f.status = d.app.newSelect(statuses, nil)
	f.status.SetSelected(string(base.Status))
	f.grade = d.app.newSelect(append([]string{noGrade}, tracker.Grades...), nil)
	if base.Grade != "" {
		f.grade.SetSelected(base.Grade)
	} else {
		f.grade.SetSelected(noGrade)
	}
	build := func() (tracker.Course, error) {
		out := base
		out.Code, out.Title, out.Term = strings.TrimSpace(f.code.Text), strings.TrimSpace(f.title.Text), strings.TrimSpace(f.term.Text)
		v, err := strconv.ParseFloat(strings.TrimSpace(f.credits.Text), 64)
		if err != nil {
			return out, fmt.Errorf("credits must be a number, like 3")
		}
		out.Credits = v
		out.Status = tracker.CourseStatus(f.status.Selected)
		out.Grade = ""
		if f.grade.Selected != noGrade {
			out.Grade = f.grade.Selected
		}
		if err := tracker.ValidateCourse(&out, &d.data.plan); err != nil {
			return out, err
		}
		if out.Grade == base.Grade && out.Status == base.Status && base.ID != "" {
			return out, nil // a course kept from before, its grade untouched: its title can change
		}
		return out, tracker.CheckCourseGrade(&out)
	}
	title := "Add course"
	if c != nil {
		title = "Edit " + c.Code
	}
	items := []*widget.FormItem{widget.NewFormItem("Code", f.code), widget.NewFormItem("Title", f.title),
		widget.NewFormItem("Credits", f.credits), widget.NewFormItem("Term", f.term),
		widget.NewFormItem("Status", f.status), widget.NewFormItem("Grade", f.grade)}
	msg := newFieldError()
	_, save := d.app.validatedDialog(title, items, msg, func() error { _, err := build(); return err }, func() bool {
		out, err := build()
		if err != nil {
			return false
		}
		return putItem(d.app, "course", out, c, tracker.Store.PutCourse,
			func(st tracker.Store, c tracker.Course) error { return st.DeleteCourse(c.ID) },
			func(c tracker.Course) string { return fmt.Sprintf("Saved course %s.", c.Code) })
	})
	d.dialogSave, d.dialogForm, d.dialogMsg = save, f, msg
}

func (d *degreePlan) removeCourse(index int) {
	if index >= len(d.data.plan.Courses) {
		return
	}
	c := d.data.plan.Courses[index]
	d.app.removeUndoably("course "+c.Code, "Removed course "+c.Code+".",
		func(st tracker.Store) error { return st.DeleteCourse(c.ID) },
		func(st tracker.Store) error { _, err := st.PutCourse(c); return err })
}
