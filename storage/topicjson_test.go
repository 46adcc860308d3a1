package storage

import (
	"encoding/json"
	"reflect"
	"testing"
	"unicode/utf8"

	"corepath/resources"
	"corepath/tracker"
)

// decodeTopic gives what json.Unmarshal gives, whenever it says it decoded the record.
func FuzzDecodeTopic(f *testing.F) {
	for _, t := range defaultTopics(f) {
		b, _ := json.Marshal(t)
		f.Add(b)
	}
	for _, s := range []string{
		`{}`, ` { "id" : "a" , "name":"x\u00e9\n\"y\\" } `, `{"id":"a","ID":"b"}`, `{"id":null}`,
		`{"order":1.0}`, `{"order":-0}`, `{"order":01}`, `{"target_hours":1e400}`, `{"target_hours":-1.5E+3}`,
		`{"estimate":true,"estimate":false}`, `{"blueprint":[]}`, `{"blueprint":[{"exam":"a"}],"blueprint":[{"domain":"b"}]}`,
		`{"name":"\ud83d\ude00"}`, `{"name":"a"} x`, `{"confidence":99999999999999999999}`, `{"i\u0064":"k"}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if !utf8.Valid(data) { // unsealJSON refuses such records before they are decoded
			return
		}
		var fast tracker.Topic
		if !decodeTopic(data, &fast) {
			return
		}
		var slow tracker.Topic
		if err := json.Unmarshal(data, &slow); err != nil {
			t.Fatalf("decodeTopic read %q, which encoding/json refuses: %v", data, err)
		}
		if !reflect.DeepEqual(fast, slow) {
			t.Fatalf("%q:\ndecodeTopic %#v\njson        %#v", data, fast, slow)
		}
	})
}

// Every topic of the default plan takes the fast way, escapes ("\u0026" for "&") included.
func TestTheDefaultTopicsDecodeWithoutReflection(t *testing.T) {
	for _, want := range defaultTopics(t) {
		b, _ := json.Marshal(want)
		var got tracker.Topic
		if !decodeTopic(b, &got) {
			t.Errorf("%s fell back to encoding/json", b)
		} else if !reflect.DeepEqual(got, want) {
			t.Errorf("%s read as %#v", b, got)
		}
	}
}

func defaultTopics(tb testing.TB) []tracker.Topic {
	p, err := resources.DefaultPlan()
	if err != nil || len(p.Topics) < 100 {
		tb.Fatalf("the default plan: %v (%d topics)", err, len(p.Topics))
	}
	return p.Topics
}
