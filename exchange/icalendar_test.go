package exchange

import (
	"bufio"
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	ics "github.com/arran4/golang-ical"

	"corepath/tracker"
)

// icsConfig is how the export used golang-ical: lines folded at 75 octets, ended with CRLF.
var icsConfig = &ics.SerializationConfiguration{MaxLength: 75, PropertyMaxLength: 75, NewLine: "\r\n"}

// libraryICal is the iCalendar export as golang-ical 0.3.4 wrote it, before icalWriter: the
// reference the hand-written export must match byte for byte.
func libraryICal(t testing.TB, st tracker.Store, now time.Time) string {
	t.Helper()
	p, err := st.Plan()
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	w := bufio.NewWriter(&b)
	cal := ics.NewCalendarFor("Corepath")
	cal.SetProductId("-//Corepath//Corepath study sessions//EN")
	cal.SetCalscale("GREGORIAN")
	cal.SetXWRCalName("Corepath")
	w.WriteString("BEGIN:VCALENDAR\r\n")
	for _, prop := range cal.CalendarProperties {
		prop.SerializeTo(w, icsConfig)
	}
	for i := range p.Milestones {
		day, summary, ok := milestoneEvent(&p.Milestones[i])
		if !ok {
			continue
		}
		m := &p.Milestones[i]
		e := ics.NewEvent("milestone-" + m.ID + "@corepath")
		e.SetDtStampTime(now.UTC())
		e.SetAllDayStartAt(day)
		e.SetAllDayEndAt(day.AddDate(0, 0, 1))
		e.SetSummary(icsText(summary))
		if m.Note != "" {
			e.SetDescription(icsText(m.Note))
		}
		e.SerializeTo(w, icsConfig)
	}
	err = st.Sessions(tracker.Query{}, func(s *tracker.Session) error {
		e := ics.NewEvent(s.ID + "@corepath")
		e.SetDtStampTime(s.Updated)
		e.SetStartAt(s.Start)
		e.SetEndAt(s.End())
		e.SetSummary(icsText(p.TopicPath(s.TopicID)))
		if s.Note != "" {
			e.SetDescription(icsText(s.Note))
		}
		for _, tag := range s.Tags {
			e.AddCategory(icsText(tag))
		}
		return e.SerializeTo(w, icsConfig)
	})
	if err != nil {
		t.Fatal(err)
	}
	w.WriteString("END:VCALENDAR\r\n")
	w.Flush()
	return b.String()
}

func TestICalExportIsTheLibrarys(t *testing.T) {
	st := openStore(t)
	fillStore(t, st)
	now := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	if got, want := exportString(t, st, ExportOptions{Format: ICal, Now: now}), libraryICal(t, st, now); got != want {
		t.Fatalf("the iCalendar export differs from golang-ical's:\n%s\nwant\n%s", got, want)
	}
}

// libraryLine is one property as golang-ical serialized it.
func libraryLine(name, value string, date bool) string {
	p := ics.BaseProperty{IANAToken: name, Value: value, ICalParameters: map[string][]string{}}
	if date {
		p.ICalParameters["VALUE"] = []string{"DATE"}
	}
	var b bytes.Buffer
	p.SerializeTo(&b, icsConfig)
	return b.String()
}

func handLine(name, value string, date bool) string {
	var c icalWriter
	params, text := "", name != "DTSTART"
	if date {
		params = ";VALUE=DATE"
	}
	c.line(name, params, value, text)
	line, _ := c.take()
	return string(line)
}

// TestICalLinesFoldAsTheLibrarys: random values around the folding limit, with spaces, < and >
// at every place, escapes and characters of two to four bytes, fold as golang-ical folds them.
func TestICalLinesFoldAsTheLibrarys(t *testing.T) {
	rng := rand.New(rand.NewPCG(16, 4))
	pieces := []string{"a", "b", " ", "<", ">", ",", ";", "\\", "\n", "é", "›", "𝄞", "BGP", "  "}
	for n := 0; n < 20000; n++ {
		var b strings.Builder
		for range rng.IntN(200) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		name := []string{"SUMMARY", "DESCRIPTION", "CATEGORIES", "DTSTART"}[rng.IntN(4)]
		date := name == "DTSTART" && rng.IntN(2) == 0
		if got, want := handLine(name, b.String(), date), libraryLine(name, b.String(), date); got != want {
			t.Fatalf("%s %q:\ngot  %q\nwant %q", name, b.String(), got, want)
		}
	}
}

func FuzzICalLine(f *testing.F) {
	f.Add("VPN Services: L3VPN, L2VPN, EVPN › Extranet / shared services / Internet access")
	f.Add("<a long line>with<angle>brackets and spaces that goes well past the seventy-five octet limit")
	f.Fuzz(func(t *testing.T, value string) {
		value = icsText(value) // what the export hands the writer: valid UTF-8, no control characters
		if got, want := handLine("DESCRIPTION", value, false), libraryLine("DESCRIPTION", value, false); got != want {
			t.Fatalf("%q:\ngot  %q\nwant %q", value, got, want)
		}
	})
}

// FuzzICSPlain: what icsText returns untouched, the full mapping leaves untouched too.
func FuzzICSPlain(f *testing.F) {
	for _, s := range []string{"plain", "tab\tand\nbreak", "cr\r\n", "\x00", "\x7f", "é›", "\xff", "\xc2\x85"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if icsPlain(s) && icsMapped(s) != s {
			t.Fatalf("icsPlain(%q) but the mapping gives %q", s, icsMapped(s))
		}
		if !icsPlain(s) && icsMapped(s) == s && utf8.ValidString(s) && !strings.ContainsAny(s, "\r") {
			for _, r := range s {
				if r < 0x20 && r != '\n' && r != '\t' || r == 0x7f {
					return
				}
			}
			t.Fatalf("icsPlain(%q) is false for text the mapping leaves alone", s)
		}
	})
}

// TestICalFoldsAsTheLibraryWhereverTheBoundariesFall: long lines of letters, spaces, < and >
// (where a line may fold), now and then a character of two or three bytes, folded as
// golang-ical folds them.
func TestICalFoldsAsTheLibraryWhereverTheBoundariesFall(t *testing.T) {
	rng := rand.New(rand.NewPCG(17, 19))
	alphabet := []string{"a", "b", "c", "d", "e", "f", " ", "<", ">", "é", "›"}
	for range 3000 {
		var b strings.Builder
		for n := 70 + rng.IntN(200); b.Len() < n; {
			switch k := rng.IntN(100); {
			case k < 80:
				b.WriteString(alphabet[rng.IntN(6)])
			case k < 96:
				b.WriteString(alphabet[6+rng.IntN(3)])
			default:
				b.WriteString(alphabet[9+rng.IntN(2)])
			}
		}
		value := b.String()
		if got, want := handLine("DESCRIPTION", value, false), libraryLine("DESCRIPTION", value, false); got != want {
			t.Fatalf("%q:\ngot  %q\nwant %q", value, got, want)
		}
	}
}
