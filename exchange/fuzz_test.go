package exchange

import (
	"bufio"
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"corepath/tracker"
)

// Every parser either reads a file into records that make sense or refuses it with a
// *tracker.Error; it never panics, whatever the bytes. The seeds are in f.Add below and in
// testdata/fuzz/<FuzzName>/.

// checkParsed fails on an error that is not a *tracker.Error and on a record that no parser
// should produce.
func checkParsed(t *testing.T, src *source, err error) {
	t.Helper()
	if err != nil {
		var te *tracker.Error
		if !errors.As(err, &te) || te.Message == "" {
			t.Fatalf("error %T is not a *tracker.Error with a message: %v", err, err)
		}
		return
	}
	for i := 0; i < src.records.len(); i++ {
		r := src.records.at(i)
		if r.s.Start.IsZero() || r.s.Duration < 0 || r.open && r.s.Duration != 0 {
			t.Fatalf("%s: bad record %+v", r.at, r)
		}
		if r.names == nil && !src.byID || src.byID && r.s.ID == "" {
			t.Fatalf("%s: a record without a topic or an id: %+v", r.at, r)
		}
		if !src.byID && !strings.HasPrefix(r.s.Source, string(src.format)+":") {
			t.Fatalf("%s: a record without its source identity: %+v", r.at, r)
		}
		if src.total > MaxRecords {
			t.Fatalf("%d records, over the cap", src.records.len())
		}
	}
}

func FuzzTimewarriorData(f *testing.F) {
	f.Add([]byte("inc 20261120T180000Z - 20261120T184500Z # BGP lab # \"read RFC 4456\"\n"))
	f.Add([]byte("inc 20261120T180000Z # # \"annotation, \\\"quoted\\\"\"\ninc 20261121T090000Z\n"))
	f.Add([]byte("inc 20261120T180000Z - 20261120T170000Z # \"unterminated\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		g := newGuard(bytes.NewReader(data))
		src := &source{format: Timewarrior}
		err := parseTimewData(bufio.NewReader(g), g, "2026-11.data", src)
		checkParsed(t, src, err)
		for _, line := range bytes.Split(data, []byte("\n")) {
			parseTimewLine(string(line)) // must not panic on any line, valid UTF-8 or not
		}
	})
}

func FuzzTimewarriorJSON(f *testing.F) {
	f.Add([]byte(`[{"id":2,"start":"20261120T180000Z","end":"20261120T184500Z","tags":["BGP","lab"],"annotation":"read"},{"id":1,"start":"20261121T090000Z","tags":["MPLS"]}]`))
	f.Add([]byte(`[{"start":"20261120T180000Z","end":"20261120T170000Z"}]`))
	f.Add([]byte(`[[[[{"start":5}]]]]`))
	f.Add([]byte("Notice: the tags.data file was missing and has been created.\n[\n{\"id\":1,\"start\":\"20261120T180000Z\",\"tags\":[\"a sentence, with: commas/slashes\"]}\n]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		src, err := read(bytes.NewReader(data), Timewarrior, time.UTC, "")
		checkParsed(t, src, err)
	})
}

func FuzzToggl(f *testing.F) {
	f.Add([]byte(togglHeader + "Ada,a@x,,BGP,,\"Route reflectors, clusters\",No,2026-11-20,18:00:00,2026-11-20,19:30:00,01:30:00,\"lab, rr\",\n"))
	f.Add([]byte("\ufeff" + togglHeader + "Ada,a@x,,,,x,No,11/20/2026,6:00 PM,11/21/2026,1:00 AM,07:00:00,,\n"))
	f.Add([]byte("Project;Start date;Start time;Duration\nBGP;20.11.2026;18:00;1.5\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		src, err := read(bytes.NewReader(data), Toggl, time.UTC, "")
		checkParsed(t, src, err)
	})
}

func FuzzCorepathCSV(f *testing.F) {
	header := strings.Join(exportColumns, ",") + "\n"
	f.Add([]byte(header + "01a231f5-adf3-717e-8828-83ef9884aa90,2026-11-20T18:00:00+01:00,2026-11-20T18:45:00+01:00,45,BGP › Route reflectors,skills,lab,lab;xr,\"a, \"\"b\"\"\nc\",4,M05,\n"))
	f.Add([]byte("start;id;topic;end;minutes;track;kind;tags;note;focus;milestone;course\n2026-11-20 18:00;01a231f5-adf3-717e-8828-83ef9884aa91;OSPF;;90,5;;;;'=1+1;;;\n"))
	f.Add([]byte(header + ",,,,,,,,,,,\n\n" + "x,y\n"))
	f.Add([]byte(header + "01a231f5-adf3-717e-8828-83ef9884aa92,2026-11-20T18:00:00Z,,1560,BGP,skills,,,,,,,toggl:0123456789abcdef0123456789abcdef#2/1\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		src, err := read(bytes.NewReader(data), CorepathCSV, time.UTC, "")
		checkParsed(t, src, err)
	})
}

func FuzzClockify(f *testing.F) {
	f.Add([]byte(clockifyHeader + "OSPF,,LSAs,,Ada,,a@x,\"x, y\",No,11/20/2026,06:00:00 PM,11/20/2026,07:00:00 PM,01:00:00,1.00,0,0\n"))
	f.Add([]byte(clockifyHeader + "BGP,,,,Ada,,a@x,,No,13/11/2026,09:00,13/11/2026,10:00,1:00,1,0,0\nBGP,,,,Ada,,a@x,,No,11/14/2026,09:00,11/14/2026,10:00,1:00,1,0,0\n"))
	f.Add([]byte(clockifyHeader + "\"unterminated,\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		src, err := read(bytes.NewReader(data), Clockify, time.UTC, "")
		checkParsed(t, src, err)
	})
}

func FuzzCorepath(f *testing.F) {
	f.Add([]byte(`{"format":"corepath","version":1,"exported":"2026-11-25T20:00:00Z","plan":{"exams":[],"topics":[{"id":"t1","name":"BGP","track":"skills","confidence":0,"order":1}],"milestones":[],"program":{"name":"","credits_required":120},"courses":[],"goals":{"weekly_hours":8},"settings":{"week_start":1}},` +
		`"timer":{"id":"01900000-0000-7000-8000-000000000002","start":"2026-11-25T19:00:00Z","planned_seconds":3000,"topic_id":"t1","kind":"study","created":"2026-11-25T19:00:00Z","updated":"2026-11-25T19:00:00Z"},` +
		`"sessions":[{"id":"01900000-0000-7000-8000-000000000001","start":"2026-11-20T18:00:00Z","end":"2026-11-20T19:00:00Z","topic_id":"t1","kind":"lab","tags":["b","a"],"note":"x","focus":3,"created":"2026-11-20T19:00:00Z","updated":"2026-11-21T08:00:00Z"}]}`))
	f.Add([]byte(`{"format":"corepath","version":1,"plan":{},"sessions":[{"id":"01900000-0000-7000-8000-000000000001","start":"2026-11-20T18:00:00Z","end":"2026-11-23T19:00:00Z","topic_id":"t1","kind":"lab","source":"toggl:00112233445566778899aabbccddeeff#2","created":"2026-11-20T19:00:00Z","updated":"2026-11-21T08:00:00Z"}]}`))
	f.Add([]byte(`{"format":"corepath","version":2}`))
	f.Add([]byte(`{"format":"corepath","version":1,"plan":{"topics":[[[]]]},"sessions":[]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		src, err := read(bytes.NewReader(data), Corepath, time.UTC, "")
		checkParsed(t, src, err)
	})
}

func FuzzSpreadsheet(f *testing.F) {
	f.Add([]byte("Date,Start,End,Topic,Notes,Tags\r\n2026-11-02,18:00,19:30,BGP,\"a, b\",\"lab, rr\"\r\n2026-11-04,23:30,00:15,BGP,,\r\n"))
	f.Add([]byte("\ufeffDate;Start time;Hours;Subject;Comments\r\n13/11/2026;18:00;1,5;MPLS;x\r\n;;1,5;Total;\r\n"))
	f.Add([]byte("Start,Duration,Topic\n2026-11-10T18:00:00,1h30m,BGP\n2026-11-11 07:00,60,OSPF\n11/12/2026 6:00 PM,1:05,\n"))
	f.Add([]byte("date,start,minutes,topic\n2026-11-10,18:00,-1e308,BGP\n,,,\n\"unterminated\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		src, err := read(bytes.NewReader(data), Spreadsheet, time.UTC, "")
		checkParsed(t, src, err)
	})
}
