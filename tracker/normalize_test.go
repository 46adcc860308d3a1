package tracker

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestNormalizeSessionKeepsWhatTheStoreKeeps(t *testing.T) {
	plus2 := time.FixedZone("UTC+2", 2*60*60)
	s := Session{
		Start:    time.Date(2026, 11, 30, 10, 0, 5, 900_000_000, plus2),
		Created:  time.Date(2026, 11, 30, 12, 30, 0, 750_000_000, plus2),
		Duration: 45*time.Minute + 1500*time.Millisecond,
		Planned:  50*time.Minute + 999*time.Millisecond,
		Tags:     []string{" lab ", "", "Lab", "rr"},
		Note:     "  LSA types \n",
	}
	NormalizeSession(&s)
	want := Session{
		Start:    time.Date(2026, 11, 30, 8, 0, 5, 0, time.UTC),
		Created:  time.Date(2026, 11, 30, 10, 30, 0, 0, time.UTC),
		Duration: 45*time.Minute + time.Second,
		Planned:  50 * time.Minute,
		Tags:     []string{"lab", "rr"},
		Note:     "LSA types",
		Kind:     KindStudy,
	}
	if !reflect.DeepEqual(s, want) {
		t.Errorf("got  %+v\nwant %+v", s, want)
	}

	var zero Session
	NormalizeSession(&zero)
	if !zero.Created.IsZero() || !zero.Start.IsZero() || zero.Kind != KindStudy {
		t.Errorf("a session with no times: %+v", zero)
	}
	lab := Session{Kind: KindLab}
	if NormalizeSession(&lab); lab.Kind != KindLab {
		t.Errorf("the kind %q was replaced by %q", KindLab, lab.Kind)
	}
}

func TestPlanCloneSharesNoRecordList(t *testing.T) {
	p := Plan{
		Exams:      []Exam{{Code: "350-501"}},
		Topics:     []Topic{{ID: "T1", Name: "BGP"}},
		Milestones: []Milestone{{ID: "M1", Title: "Written exam"}},
		Courses:    []Course{{ID: "C1", Code: "CS101"}},
		Attempts:   []Attempt{{ID: "A1"}},
		Credits:    []Credit{{ID: "K1"}},
	}
	c := p.Clone()
	if !reflect.DeepEqual(c, p) {
		t.Fatalf("the clone differs: %+v", c)
	}
	c.Exams[0].Code, c.Topics[0].Name, c.Milestones[0].Title = "300-510", "OSPF", "Lab exam"
	c.Courses[0].Code, c.Attempts[0].ID, c.Credits[0].ID = "CS102", "A2", "K2"
	if p.Exams[0].Code != "350-501" || p.Topics[0].Name != "BGP" || p.Milestones[0].Title != "Written exam" ||
		p.Courses[0].Code != "CS101" || p.Attempts[0].ID != "A1" || p.Credits[0].ID != "K1" {
		t.Errorf("changing the clone changed the plan: %+v", p)
	}
	if empty := (&Plan{}).Clone(); !reflect.DeepEqual(empty, Plan{}) {
		t.Errorf("an empty plan's clone is %+v", empty)
	}
}

// FoldTwin adds what the twin holds that the session lacks, and nothing twice: folding the
// same twin again changes nothing, and a note already there is not repeated.
func TestFoldTwinKeepsWhatBothMachinesWrote(t *testing.T) {
	early, late := time.Date(2026, 11, 21, 10, 0, 0, 0, time.UTC), time.Date(2026, 11, 21, 12, 0, 0, 0, time.UTC)
	s := Session{Note: "A new", Tags: []string{"lab"}, Updated: early}
	twin := Session{Note: "B new", Tags: []string{"lab", "reading"}, Focus: 4, MilestoneID: "M03", Updated: late}
	if !FoldTwin(&s, &twin) {
		t.Fatal("nothing folded")
	}
	if s.Note != "A new\nB new" || !slices.Equal(s.Tags, []string{"lab", "reading"}) || s.Focus != 4 || s.MilestoneID != "M03" || !s.Updated.Equal(late) {
		t.Errorf("folded: %+v", s)
	}
	if FoldTwin(&s, &twin) {
		t.Errorf("folding again changed it: %+v", s)
	}
	// A note that holds one folded in already adds only its new lines.
	merged := Session{Note: "note A\nnote B"}
	if !FoldTwin(&merged, &Session{Note: "note B\nnote C"}) || merged.Note != "note A\nnote B\nnote C" {
		t.Errorf("folding a folded note: %q", merged.Note)
	}
	long := Session{Note: strings.Repeat("x", MaxNoteLen)}
	if FoldTwin(&long, &Session{Note: "more"}) || len(long.Note) != MaxNoteLen {
		t.Errorf("a note past the limit: %d bytes", len(long.Note))
	}
}
