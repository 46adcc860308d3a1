package cli

import (
	"bytes"
	"encoding/json"
	"testing"
)

func sameIndent(t *testing.T, compact []byte) {
	t.Helper()
	var want bytes.Buffer
	if err := json.Indent(&want, compact, "", "  "); err != nil {
		t.Fatal(err)
	}
	if got := appendIndented(nil, compact); string(got) != want.String() {
		t.Fatalf("appendIndented(%s):\n%s\nwant\n%s", compact, got, want.Bytes())
	}
}

func TestIndentedAsEncodingJSON(t *testing.T) {
	for _, v := range []any{
		map[string]any{"a": []any{}, "b": map[string]any{}, "c": []any{1, "x", nil, true, map[string]any{"d": []any{[]any{}}}}},
		[]any{`quo"te \ back`, "<b>&</b>", "line\nbreak", "ünï ✓", 1.5e300, -0.0},
		"just a string", 42, nil, []any{[]any{[]any{}}},
	} {
		data, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		sameIndent(t, data)
	}
}

func FuzzIndented(f *testing.F) {
	f.Add([]byte(`{"a":[1,{"b":"c\"d"}],"e":{},"f":[]}`))
	f.Add([]byte(`[" \\\" ",{"":[[],{}]}]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		if !json.Valid(data) {
			return
		}
		var compact bytes.Buffer
		if err := json.Compact(&compact, data); err != nil {
			return
		}
		sameIndent(t, compact.Bytes())
	})
}

// BenchmarkIndentReport: a report over ten years' shape: by_day's 3,650 objects two levels in.
func BenchmarkIndentReport(b *testing.B) {
	var compact []byte
	compact = append(compact, `{"period":{"label":"all"},"by_day":[`...)
	for i := range 3650 {
		if i > 0 {
			compact = append(compact, ',')
		}
		compact = append(compact, `{"date":"2016-12-02","minutes":131}`...)
	}
	compact = append(compact, `],"deep":[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]}`...)
	b.SetBytes(int64(len(compact)))
	var out []byte
	for b.Loop() {
		out = appendIndented(out[:0], compact)
	}
}
