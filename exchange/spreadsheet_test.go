package exchange

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"corepath/tracker"
)

// minutesByTopic totals the store's sessions by topic path, in whole minutes.
func minutesByTopic(t *testing.T, st tracker.Store) map[string]int {
	t.Helper()
	p, err := st.Plan()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]int{}
	for _, s := range allSessions(t, st) {
		out[p.TopicPath(s.TopicID)] += int(s.Duration / time.Minute)
	}
	return out
}

// Logs kept by hand, as three spreadsheets save them, and one whose start holds the date:
// each is recognized as a spreadsheet and gives the sessions and minutes counted by hand.
func TestASpreadsheetLogIsImported(t *testing.T) {
	cases := []struct {
		name, file string
		opt        func(*ImportOptions)
		sessions   int
		minutes    map[string]int
		first      string // the first session's start, UTC
		note       string // a note the import makes, if any
		leftOut    int
	}{
		{"Google Sheets: commas, CRLF, ISO dates, end times, one past midnight",
			"Date,Start,End,Topic,Notes,Tags\r\n" +
				"2026-11-02,18:00,19:30,BGP,\"Route reflectors, clusters\",\"lab, rr\"\r\n" + // 90
				"2026-11-03,07:15,08:00,OSPF,LSA types,\r\n" + // 45
				"2026-11-04,23:30,00:15,BGP,late lab,\r\n" + // 45, ends on the 5th
				"2026-11-05,20:00,21:00,Homelab,Rack and stack,\r\n", // 60, a new topic
			nil, 4, map[string]int{"BGP": 135, "OSPF": 45, "Homelab": 60}, "2026-11-02T18:00:00Z",
			"1 row has no end date and an end time earlier than the start, so it was taken as ending the next day (line 4)", 0},
		{"Excel in a European locale: BOM, semicolons, CRLF, day-first dates, decimal-comma hours, a totals row",
			"\ufeffDate;Start time;Hours;Subject;Comments\r\n" +
				"13/11/2026;18:00;1,5;MPLS;LDP sync\r\n" + // 90; 13 can only be the day
				"02/11/2026;09:00;0,75;IS-IS;\r\n" + // 45, 2 November
				";;2,25;Total;\r\n",
			nil, 2, map[string]int{"MPLS": 90, "IS-IS": 45}, "2026-11-13T18:00:00Z", "", 1},
		{"LibreOffice: US dates, 12-hour times",
			"Day,From,To,Course,What\n" +
				"11/20/2026,6:00 PM,7:15 PM,Segment Routing,TI-LFA\n" + // 75
				"11/21/2026,11:30 AM,12:10 PM,bgp,\n", // 40, the plan's BGP
			nil, 2, map[string]int{"Segment Routing": 75, "BGP": 40}, "2026-11-20T18:00:00Z", "", 0},
		{"the start holds the date; durations say their unit",
			"Start,Duration,Topic\n" +
				"2026-11-10T18:00:00,1h30m,BGP\n" + // 90
				"2026-11-11 07:00,45m,OSPF\n" + // 45
				"2026-11-12 19:00,1:05,MPLS\n" + // 65
				"2026-11-13 19:00,1.5h,MPLS\n", // 90
			nil, 4, map[string]int{"BGP": 90, "OSPF": 45, "MPLS": 155}, "2026-11-10T18:00:00Z", "", 0},
		{"German headers, minutes, and --map",
			"Datum;Beginn;Dauer (min);Thema;Notiz\n" +
				"03.11.2026;18:00;50;Heimlabor;Kabel\n" + // 50, mapped to BGP
				"04.11.2026;18:00;20;OSPF;\n", // 20
			func(o *ImportOptions) { o.Map = map[string]string{"heimlabor": "BGP"} },
			2, map[string]int{"BGP": 50, "OSPF": 20}, "2026-11-03T18:00:00Z", "every date in the file reads either way round; they were read day first (DD.MM.YYYY)", 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			st := openStore(t)
			opt := importOpts()
			if c.opt != nil {
				c.opt(&opt)
			}
			im, err := Prepare(strings.NewReader(c.file), st, opt)
			if err != nil {
				t.Fatal(err)
			}
			if im.Format != Spreadsheet || len(im.Sessions) != c.sessions {
				t.Fatalf("format %s, %d sessions; want spreadsheet, %d", im.Format, len(im.Sessions), c.sessions)
			}
			if got := im.Sessions[0].Start.UTC().Format(time.RFC3339); got != c.first {
				t.Errorf("first start %s, want %s", got, c.first)
			}
			if c.note != "" && !strings.Contains(strings.Join(im.Notes, "\n"), c.note) {
				t.Errorf("notes %q lack %q", im.Notes, c.note)
			}
			left := 0
			for _, l := range im.LeftOut {
				left += l.Count
			}
			if left != c.leftOut {
				t.Errorf("left out %+v, want %d", im.LeftOut, c.leftOut)
			}
			if _, err := im.Apply(st); err != nil {
				t.Fatal(err)
			}
			if got := minutesByTopic(t, st); !reflect.DeepEqual(got, c.minutes) {
				t.Errorf("minutes by topic %v, want %v", got, c.minutes)
			}
		})
	}
}

// A bare number under a header that names no unit could be minutes or hours: the file is
// refused, with the lines and what to write in the header, and nothing is written.
func TestASpreadsheetsDurationWithoutAUnitIsRefused(t *testing.T) {
	st := openStore(t)
	before := fileBytes(t, st)
	_, err := importString(t, st, "date,start,duration,topic,notes\n"+
		"2026-11-10,18:00,60,BGP,x\n"+
		"2026-11-11,18:00,45m,BGP,\n"+
		"2026-11-12,18:00,1.5,BGP,\n", importOpts())
	wantError(t, err, `the "duration" column holds numbers without a unit (60 at line 2, line 4)`,
		`name the unit in the header, "Duration (min)" or "Minutes" for minutes, "Duration (h)" or "Hours" for hours`)
	if tracker.ErrorCode(err) != tracker.Invalid {
		t.Errorf("code %v", tracker.ErrorCode(err))
	}
	unchanged(t, st, before)
}

// Every bad row is listed with its line and what is wrong, and nothing is written.
func TestASpreadsheetsBadLinesAreListed(t *testing.T) {
	st := openStore(t)
	before := fileBytes(t, st)
	_, err := importString(t, st, "date,start,minutes,topic,notes\n"+
		"2026-11-10,18:00,60,BGP,fine\n"+
		"2026-13-10,18:00,60,BGP,month 13\n"+
		"2026-11-11,25:00,60,BGP,hour 25\n"+
		"2026-11-12,18:00,,BGP,no length\n"+
		"2026-11-13,18:00,1:30,BGP,a clock under minutes\n"+
		"2026-11-14,18:00,30,,no topic\n"+
		",18:00,30,BGP,no date\n"+
		"2026-11-30,18:00,30,BGP,in the future\n"+
		"2026-11-15,18:00,-30,BGP,negative\n", importOpts())
	wantError(t, err, "8 records cannot be imported:",
		`line 3: "2026-13-10" is not a date in the calendar`,
		`line 4: "25:00" is not a time of day`,
		"line 5: the row has neither an end time nor a duration",
		`line 6: "1:30" is not a number of minutes`,
		"line 7: the topic is empty",
		"line 8: the row has no date",
		"line 9: starts in the future (2026-11-30 18:00): correct the row or leave it out",
		`line 10: "-30" is not a length of a session`)
	if strings.Contains(err.Error(), "line 2") {
		t.Errorf("the good line is listed: %v", err)
	}
	unchanged(t, st, before)
}

// The same log imported again, or with rows added, adds only what is new: each row keeps an
// identity, as a Toggl row does.
func TestASpreadsheetImportedAgainAddsNothing(t *testing.T) {
	st := openStore(t)
	file := "Date,Start,End,Topic,Notes\n2026-11-02,18:00,19:30,BGP,a\n2026-11-02,18:00,19:30,BGP,a\n2026-11-03,18:00,18:45,Homelab,\n"
	res, err := importString(t, st, file, importOpts())
	if err != nil || res.Added != 3 || len(res.NewTopics) != 1 {
		t.Fatalf("%+v %v", res, err)
	}
	before := fileBytes(t, st)
	im, err := Prepare(strings.NewReader(file), st, importOpts())
	if err != nil || len(im.Sessions) != 0 || im.Skipped != 3 || len(im.NewTopics) != 0 || im.Writes() {
		t.Fatalf("again: %+v %v", im, err)
	}
	unchanged(t, st, before)
	res, err = importString(t, st, file+"2026-11-04,18:00,19:00,BGP,b\n", importOpts())
	if err != nil || res.Added != 1 || res.Skipped != 3 {
		t.Fatalf("with a row more: %+v %v", res, err)
	}
	if got, want := minutesByTopic(t, st), map[string]int{"BGP": 240, "Homelab": 45}; !reflect.DeepEqual(got, want) {
		t.Errorf("minutes by topic %v, want %v", got, want)
	}
}

// A spreadsheet is told from the other CSV formats by its header, and --format spreadsheet
// refuses a report of an app and a header without the columns a session needs.
func TestASpreadsheetIsToldFromTheOtherCSVs(t *testing.T) {
	st := openStore(t)
	sheet := "date,start,minutes,topic\n2026-11-10,18:00,60,BGP\n"
	opt := importOpts()
	opt.Format = Spreadsheet
	if im, err := Prepare(strings.NewReader(sheet), st, opt); err != nil || im.Format != Spreadsheet {
		t.Errorf("--format spreadsheet: %v %v", im, err)
	}
	_, err := Prepare(strings.NewReader(togglHeader+"Ada,a@x,,BGP,,,No,2026-11-20,18:00:00,2026-11-20,19:00:00,01:00:00,,\n"), st, opt)
	wantError(t, err, "this file is a Toggl Track detailed report (its header says so): import it with --format toggl, or without --format")
	_, err = Prepare(strings.NewReader("date,topic,minutes\n2026-11-10,BGP,60\n"), st, opt)
	wantError(t, err, "line 1: a spreadsheet's first line names its columns", "this file's names no start time (Start, Start time, From…)")
	_, err = Prepare(strings.NewReader("date,topic,notes\n2026-11-10,BGP,x\n"), st, opt)
	wantError(t, err, "names no start time (Start, Start time, From…) and no end time (End, End time, To…) or duration")
	opt.Format = Toggl
	_, err = Prepare(strings.NewReader(sheet), st, opt)
	wantError(t, err, "it looks like a spreadsheet log: import it with --format spreadsheet, or without --format")
	_, err = Prepare(strings.NewReader("date,topic,minutes\n2026-11-10,BGP,60\n"), st, importOpts())
	var unknown *UnknownFormatError
	if !errors.As(err, &unknown) || !strings.Contains(err.Error(), "a spreadsheet log in CSV with at least a topic, a date, a start time, and an end time or a duration") {
		t.Errorf("no start column: %v", err)
	}
	for header, want := range map[string]sheetUnit{
		"Minutes": sheetMinutes, "mins": sheetMinutes, "Duration (min)": sheetMinutes, "duration (minutes)": sheetMinutes, "Length [min]": sheetMinutes, "Time in minutes": sheetMinutes,
		"Hours": sheetHours, "hrs": sheetHours, "h": sheetHours, "Duration (h)": sheetHours, "duration (hours)": sheetHours, "Dauer (Std)": sheetHours,
		"Duration": sheetInValues, "Length": sheetInValues,
	} {
		cols, missing := spreadsheetHeader([]string{"Date", "Start", header, "Topic"})
		if len(missing) != 0 || cols.unit != want || cols.duration != 2 {
			t.Errorf("%q: unit %v at %d (missing %q), want %v", header, cols.unit, cols.duration, missing, want)
		}
	}
	if cols, _ := spreadsheetHeader([]string{"Date", "Start", "Time", "Topic"}); cols.duration >= 0 {
		t.Error(`a bare "Time" was taken for a duration`)
	}
}

// A file with Toggl's header but a bare number as its Duration was made by hand (Toggl writes
// 1:00:00): the number is refused as a spreadsheet's is, not read as 60 hours.
func TestATogglDurationWithoutAUnitIsRefused(t *testing.T) {
	db := openStore(t)
	before := fileBytes(t, db)
	_, err := importString(t, db, "Project,Start date,Start time,Duration\nBGP,2026-11-10,18:00,60\n", importOpts())
	wantError(t, err, `the "Duration" column holds numbers without a unit (60 at line 2)`, `"Duration (min)" or "Minutes"`)
	unchanged(t, db, before)
	if _, err := importString(t, db, "Project,Start date,Start time,Duration\nBGP,2026-11-10,18:00,1:00:00\n", importOpts()); err != nil {
		t.Errorf("Toggl's own form: %v", err)
	}
	// Where the end gives the length, the column only checks it: a bare number there is no
	// reason to refuse the file.
	for _, file := range []string{
		"Project,Description,Start date,Start time,End date,End time,Duration\nBGP,x,2026-01-10,18:00:00,2026-01-10,19:30:00,1.5\n",
		"Date,Start,End,Duration,Topic\n2026-01-11,18:00,19:30,90,BGP\n",
	} {
		im, err := Prepare(strings.NewReader(file), db, importOpts())
		if err != nil || len(im.Sessions) != 1 || im.Sessions[0].Duration != 90*time.Minute {
			t.Errorf("%q: %v", file, err)
		}
	}
}

// --dates settles the order of dates that read either way round; a date that fits only the
// other order refuses the file, and without --dates the import notes the order it chose.
func TestTheDateOrderCanBeSaid(t *testing.T) {
	const header = "Project,Description,Start date,Start time,End date,End time,Duration (h),Duration (decimal)\n"
	ambiguous := header + "BGP,x,05/11/2026,18:00:00,05/11/2026,19:00:00,01:00:00,1.00\n"
	for _, c := range []struct {
		dates DateOrder
		want  string // the session's start
	}{{"", "2026-05-11 18:00"}, {DatesMonthFirst, "2026-05-11 18:00"}, {DatesDayFirst, "2026-11-05 18:00"}} {
		opt := importOpts()
		opt.Dates = c.dates
		im, err := Prepare(strings.NewReader(ambiguous), openStore(t), opt)
		if err != nil || len(im.Sessions) != 1 || im.Sessions[0].Start.Format("2006-01-02 15:04") != c.want {
			t.Fatalf("--dates %q: %v, %v; want a session at %s", c.dates, im, err, c.want)
		}
		noted := strings.Contains(strings.Join(im.Notes, "\n"), "they were read month first (MM/DD/YYYY)")
		if guessed := im.GuessedDates == DatesMonthFirst; noted != (c.dates == "") || guessed != noted {
			t.Errorf("--dates %q: the note on the order is there: %v, guessed %q", c.dates, noted, im.GuessedDates)
		}
	}
	dayFirstOnly := header + "BGP,x,25/11/2026,18:00:00,25/11/2026,19:00:00,01:00:00,1.00\n"
	opt := importOpts()
	opt.Dates = DatesMonthFirst
	_, err := Prepare(strings.NewReader(dayFirstOnly), openStore(t), opt)
	wantError(t, err, "--dates month-first does not fit the file: the date at line 2 has a day first")
	if _, err := ParseDateOrder("sideways"); err == nil {
		t.Error("ParseDateOrder took sideways")
	}
}

// The order of dates that read either way round follows the header's language: Date is French
// too, so Date, Début, Fin, Sujet is a French header, whose dates are day first.
func TestASpreadsheetsDatesFollowItsLanguage(t *testing.T) {
	for header, want := range map[string]string{
		"Date,Début,Fin,Sujet":             "2025-11-05",
		"Datum,Beginn,Ende,Thema":          "2025-11-05",
		"Date,Start,End,Topic":             "2025-05-11",
		"Date,Description,Start,Topic,End": "2025-05-11",
	} {
		row := "05/11/2025,18:00,19:00,BGP"
		if strings.HasSuffix(header, ",End") {
			row = "05/11/2025,x,18:00,BGP,19:00"
		}
		im, err := Prepare(strings.NewReader(header+"\n"+row+"\n"), openStore(t), importOpts())
		if err != nil || len(im.Sessions) != 1 || im.Sessions[0].Start.Format("2006-01-02") != want {
			t.Errorf("%s: %v; want a session on %s", header, err, want)
			continue
		}
		if im.Format != Spreadsheet {
			t.Errorf("%s: read as %s", header, im.Format)
		}
	}
}

// A duration whose unit in brackets Corepath has no word for is still the duration, whose
// values say their unit (1:30); "Time (UTC)" is none.
func TestADurationOfAnUnknownUnitIsReadByItsValues(t *testing.T) {
	im, err := Prepare(strings.NewReader("Date,Start,Duration (hh:mm),Topic\n2026-11-10,18:00,1:30,BGP\n"), openStore(t), importOpts())
	if err != nil || len(im.Sessions) != 1 || im.Sessions[0].Duration != 90*time.Minute {
		t.Errorf("Duration (hh:mm): %v", err)
	}
	if unit, ok := durationHeader("time (utc)"); ok {
		t.Errorf("Time (UTC) read as a duration in %v", unit)
	}
}

// A time typed in the hour the clocks skip is refused with its line, as corepath log refuses
// it, not moved an hour earlier (a 02:15 end read as the next day's) or left out as too short.
func TestATimeTheClocksSkipIsRefused(t *testing.T) {
	for zone, file := range map[string]string{
		"America/New_York": "Date,Start,End,Topic\n2026-03-08,01:00,01:30,BGP\n2026-03-08,01:45,02:15,OSPF\n",
		"Europe/Berlin":    "Date,Start,End,Topic\n2026-03-29,01:00,01:30,BGP\n2026-03-29,02:30,03:30,BGP\n",
	} {
		loc, err := time.LoadLocation(zone)
		if err != nil {
			t.Fatal(err)
		}
		st := openStore(t)
		_, err = Prepare(strings.NewReader(file), st, ImportOptions{Loc: loc, Now: testNow})
		which := map[string]string{"America/New_York": "line 3: the end time 2026-03-08 02:15", "Europe/Berlin": "line 3: the start time 2026-03-29 02:30"}[zone]
		wantError(t, err, which+" does not exist in "+zone+": the clocks jump over it that day", "correct the time in the file, or leave the row out")
	}
}

// A time in the hour the clocks go back over, with nothing to say which of its two readings is
// meant, is taken as the first, and a note says so.
func TestATimeTheClocksShowTwiceIsTakenFirstWithANote(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	im, err := Prepare(strings.NewReader("Date,Start,End,Topic\n2026-11-01,01:20,02:30,OSPF\n"), openStore(t), ImportOptions{Loc: ny, Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	// 01:20 EDT is 05:20 UTC; 02:30, after the clocks went back at 02:00 EDT, is EST: 07:30 UTC.
	if len(im.Sessions) != 1 || !im.Sessions[0].Start.Equal(time.Date(2026, 11, 1, 5, 20, 0, 0, time.UTC)) || im.Sessions[0].Duration != 2*time.Hour+10*time.Minute {
		t.Fatalf("sessions: %+v", im.Sessions)
	}
	if sum := im.Summary(false, testWording); !strings.Contains(sum, "1 row has a time that the clocks show twice in America/New_York, as they go back that night, and no duration that tells which: the first reading (before the clocks went back) was taken; edit the session if it was the second (line 2)") {
		t.Errorf("summary:\n%s", sum)
	}
}
