package exchange

import (
	"testing"
	"time"

	"corepath/tracker"
)

// sameAsEncodingJSON fails when jsonLine and encoding/json disagree on a session, or when
// jsonLine calls a line visible that tracker.Visible would change, or the other way round.
func sameAsEncodingJSON(t *testing.T, f fileSession) {
	t.Helper()
	want, err := marshal(f, "")
	var l jsonLine // twice, so that the second finds its days in the caches
	ok := l.session(&f)
	got := string(l.buf)
	if again := l.session(&f); again != ok || string(l.buf) != got {
		t.Fatalf("jsonLine through the cache of days:\n got %s\nwant %s", l.buf, got)
	}
	if !ok {
		if err == nil {
			t.Fatalf("jsonLine gave up on %+v, which encoding/json writes", f)
		}
		return
	}
	if err != nil || got != string(want) {
		t.Fatalf("jsonLine differs from encoding/json (%v):\n got %s\nwant %s", err, got, want)
	}
	if visible := tracker.Visible(got) == got; l.hidden == visible {
		t.Fatalf("jsonLine calls %q hidden %v", got, l.hidden)
	}
}

func TestSessionLineMatchesEncodingJSON(t *testing.T) {
	start := time.Date(2026, 11, 20, 18, 0, 0, 0, time.UTC)
	end := start.Add(90 * time.Minute)
	notes := []string{"", "plain", `quo"te \ back`, "line\nbreak\ttab\r\b\f\x00\x1f\x7f", "<b>&amp;</b>", "ünïcödé ✓ 🚀",
		"a DEL \x7f in eight", "C1 \u0085 \u009f, not \u00a0", "printable ascii, longer than eight bytes",
		"\u2028\u2029", "bad \xff utf8 \xc3", "\xed\xa0\x80", string([]byte{0xe2, 0x80})}
	for i, note := range notes {
		f := fileSession{ID: "019a0000-0000-7000-8000-000000000001", Start: start, End: &end, TopicID: "t5." + note,
			Kind: tracker.KindLab, Tags: []string{note, "lab"}, Note: note, Focus: i % 6, Created: start, Updated: end}
		if i%2 == 1 {
			f.End, f.PlannedSeconds, f.Tags, f.MilestoneID, f.CourseID = nil, 3000, nil, "M05", "c"+note
		}
		sameAsEncodingJSON(t, f)
	}
	sameAsEncodingJSON(t, fileSession{Start: time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)})
}

func FuzzSessionLine(f *testing.F) {
	f.Add("id", "t1", "lab", "x", "note\n\"q\"", int64(1700000000), int64(3600), 3)
	f.Add("", "", "", "", "\xff\u2028", int64(-62135596800), int64(0), 0)
	f.Fuzz(func(t *testing.T, id, topic, kind, tag, note string, start, secs int64, focus int) {
		s := time.Unix(start, 0).UTC()
		e := s.Add(time.Duration(secs) * time.Second)
		sameAsEncodingJSON(t, fileSession{ID: id, Start: s, End: &e, TopicID: topic, Kind: tracker.Kind(kind),
			Tags: []string{tag}, Note: note, Focus: focus, Created: s, Updated: e})
	})
}

// TestUTCSecondsAsTheTimePackage: the hand-written date agrees with time's RFC 3339 at every
// kind of day: leap years, century years, the first and last of the years it writes, before
// 1970.
func TestUTCSecondsAsTheTimePackage(t *testing.T) {
	check := func(unix int64) {
		t.Helper()
		want := time.Unix(unix, 0).UTC().Format(time.RFC3339)
		var days *dayCache
		if got := string(days.appendUTCSeconds(nil, unix)); got != want {
			t.Fatalf("appendUTCSeconds(%d) = %s, want %s", unix, got, want)
		}
	}
	for _, unix := range []int64{minRFC3339, maxRFC3339 - 1, 0, -1, 86399, 86400, 951782400, 951868800, 4107542400, -2203891200} {
		check(unix)
	}
	for unix := int64(minRFC3339); unix < maxRFC3339; unix += 86400*37 + 3607 {
		check(unix)
	}
}
