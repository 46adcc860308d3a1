package cli

import (
	"math/rand/v2"
	"testing"
	"unicode/utf8"
)

// cleanByByte is clean's definition, one byte at a time: the fast path must agree with it.
func cleanByByte(b []byte) bool {
	for i, c := range b {
		switch {
		case c < 0x20 && c != '\n' && c != '\t' && c != '\r', c == 0x7f:
			return false
		case c == 0xc2 && i+1 < len(b) && b[i+1] < 0xa0:
			return false
		}
	}
	return utf8.Valid(b)
}

func TestCleanAgreesByteByByte(t *testing.T) {
	rng := rand.New(rand.NewPCG(16, 1))
	// Mostly printable text with, now and then, a byte from the edges the word test must catch.
	edges := []byte{0x00, 0x09, 0x0a, 0x0d, 0x1f, 0x20, 0x7e, 0x7f, 0x80, 0xc2, 0x9f, 0xa0, 0xff}
	for n := 0; n < 20000; n++ {
		b := make([]byte, rng.IntN(100))
		for i := range b {
			b[i] = byte(0x20 + rng.IntN(0x5f))
			if rng.IntN(12) == 0 {
				b[i] = edges[rng.IntN(len(edges))]
			}
		}
		if got, want := clean(b), cleanByByte(b); got != want {
			t.Fatalf("clean(%q) = %v, byte by byte %v", b, got, want)
		}
	}
	for c := 0; c < 256; c++ {
		for at := 0; at < 40; at++ { // through the 32-byte and the 8-byte steps
			b := []byte("abcdefghijklmnopqrstuvwxyz0123456789ABCD")
			b[at] = byte(c)
			if got, want := clean(b), cleanByByte(b); got != want {
				t.Fatalf("clean(%q) = %v, byte by byte %v", b, got, want)
			}
		}
	}
}

func FuzzClean(f *testing.F) {
	f.Add([]byte("plain ascii text, longer than eight"))
	f.Add([]byte("a tab\tand \x1b[31m an escape"))
	f.Add([]byte("C1 \xc2\x85 here, é there"))
	f.Fuzz(func(t *testing.T, b []byte) {
		if got, want := clean(b), cleanByByte(b); got != want {
			t.Fatalf("clean(%q) = %v, byte by byte %v", b, got, want)
		}
	})
}

// TestNotPlainPerByte: the word test passes exactly the bytes clean passes without a closer
// look, in every position.
func TestNotPlainPerByte(t *testing.T) {
	for c := 0; c < 256; c++ {
		plain := c >= 0x20 && c < 0x7f || c == '\t' || c == '\n' || c == '\r'
		for at := 0; at < 8; at++ {
			x := uint64(0x6161616161616161) // "aaaaaaaa"
			x = x&^(0xff<<(8*at)) | uint64(c)<<(8*at)
			if got := notPlain(x) == 0; got != plain {
				t.Fatalf("byte %#x at %d: plain %v, want %v", c, at, got, plain)
			}
		}
	}
}

// BenchmarkClean: the terminal guard over a megabyte of an export's lines (ASCII with a line
// break every 250 bytes and a › in every topic path).
func BenchmarkClean(b *testing.B) {
	line := []byte(`    {"id":"01a2316f-6c01-78e7-b328-1812f028428a","start":"2016-11-30T00:00:00Z","end":"2016-11-30T00:37:00Z","topic_id":"t1.3","kind":"lab","tags":["flashcards"],"note":"VPN Services › Extranet: worked through the lab guide","created":"2026-11-30T00:00:00Z"},` + "\n")
	var buf []byte
	for len(buf) < 1<<20 {
		buf = append(buf, line...)
	}
	b.SetBytes(int64(len(buf)))
	for b.Loop() {
		if !clean(buf) {
			b.Fatal("an export's lines are clean")
		}
	}
}

// BenchmarkCleanIndentedJSON: the guard over a report's indented JSON, whose line breaks come
// every few words (by_day's 3,650 days over ten years).
func BenchmarkCleanIndentedJSON(b *testing.B) {
	day := []byte("    {\n      \"date\": \"2016-12-02\",\n      \"minutes\": 131\n    },\n")
	var buf []byte
	for range 3650 {
		buf = append(buf, day...)
	}
	b.SetBytes(int64(len(buf)))
	for b.Loop() {
		if !clean(buf) {
			b.Fatal("a report's JSON is clean")
		}
	}
}
