package cli

import (
	"encoding/binary"
	"io"
	"math/bits"
	"unicode/utf8"

	"corepath/tracker"
)

// visibleWriter is what commands write to: it passes output on with control characters and
// bytes that are not UTF-8 made visible (tracker.VisibleRune), so that no name, tag or note
// stored before input was checked can send an escape sequence to the terminal. Line breaks,
// tabs and carriage returns pass. A character split between two writes is held until the next.
type visibleWriter struct {
	w       io.Writer
	pending []byte // the start of a character cut at the end of the last write
	err     error  // the first write that failed: the command's output is not all there
}

// wrote keeps the first error of a write to the writer underneath.
func (v *visibleWriter) wrote(err error) {
	if v.err == nil {
		v.err = err
	}
}

func (v *visibleWriter) Write(p []byte) (int, error) {
	data := p
	if len(v.pending) > 0 {
		data = append(v.pending, p...)
		v.pending = nil
	}
	if clean(data) {
		_, err := v.w.Write(data)
		v.wrote(err)
		return len(p), err
	}
	out := make([]byte, 0, len(data)+16)
	for i := 0; i < len(data); {
		if !utf8.FullRune(data[i:]) {
			v.pending = append([]byte(nil), data[i:]...)
			break
		}
		r, size := utf8.DecodeRune(data[i:])
		if vr := tracker.VisibleRune(r); vr != r || size == 1 && r == utf8.RuneError {
			out = utf8.AppendRune(out, vr)
		} else {
			out = append(out, data[i:i+size]...)
		}
		i += size
	}
	_, err := v.w.Write(out)
	v.wrote(err)
	return len(p), err
}

// WriteVisible passes p on unchecked: its writer knows it holds nothing Write would change
// (exchange.VisibleWriter), which spares an export of 100,000 sessions the check of tens of
// megabytes.
func (v *visibleWriter) WriteVisible(p []byte) (int, error) {
	if len(v.pending) > 0 { // after the start of a character cut at the end of the last write
		return v.Write(p)
	}
	_, err := v.w.Write(p)
	v.wrote(err)
	return len(p), err
}

// Flush writes a character left incomplete at the end of the output as �.
func (v *visibleWriter) Flush() {
	if len(v.pending) > 0 {
		v.pending = nil
		_, err := v.w.Write([]byte(string(utf8.RuneError)))
		v.wrote(err)
	}
}

// clean reports output that needs nothing done: whole UTF-8 characters with no control
// character but line breaks, tabs and carriage returns.
func clean(b []byte) bool {
	for i := 0; i < len(b); {
		// 32 bytes at a time while they are printable ASCII, else eight while they are plain
		// (notPlain), which is most output (an export of 100,000 sessions is tens of megabytes),
		// then straight to the first byte that is not.
		if i+32 <= len(b) {
			w0, w1, w2, w3 := binary.LittleEndian.Uint64(b[i:]), binary.LittleEndian.Uint64(b[i+8:]),
				binary.LittleEndian.Uint64(b[i+16:]), binary.LittleEndian.Uint64(b[i+24:])
			// Indented JSON breaks lines every few words: the exact test then passes the 32 bytes.
			if notPrintable(w0)|notPrintable(w1)|notPrintable(w2)|notPrintable(w3) == 0 ||
				notPlain(w0)|notPlain(w1)|notPlain(w2)|notPlain(w3) == 0 {
				i += 32
				continue
			}
		}
		if i+8 <= len(b) {
			if m := notPlain(binary.LittleEndian.Uint64(b[i:])); m == 0 {
				i += 8
				continue
			} else if skip := bits.TrailingZeros64(m) / 8; skip > 0 {
				i += skip
				continue
			}
		}
		c := b[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && c != '\n' && c != '\t' && c != '\r' || c == 0x7f {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 || r >= 0x80 && r < 0xa0 { // not UTF-8, or a C1 control
			return false
		}
		i += size
	}
	return true
}

// notPrintable is zero when each byte of x is printable ASCII, 0x20 to 0x7e: the cheaper test,
// for the common case. The high bit marks a byte of 0x80 or more, one below 0x20 (x-0x20 in
// it borrows) or 0x7f (x+1 carries into the high bit); a borrow may mark a byte above a marked
// one too, which only sends the caller to notPlain's exact test.
func notPrintable(x uint64) uint64 {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	return (x | (x-0x20*ones)&^x | (x + ones)) & highs
}

// notPlain is zero when each byte of x is printable ASCII (0x20 to 0x7e), a tab, a line break
// or a carriage return: what clean passes without looking closer. Each test is exact per byte
// (no borrow crosses bytes): the low seven bits plus 0x60 reach the top bit from 0x20 up, and
// a byte equal to c is one whose low seven bits of x^c plus 0x7f do not.
func notPlain(x uint64) uint64 {
	// Written out rather than through a helper: this runs for every 8 bytes of output.
	const ones, highs, lows = 0x0101010101010101, 0x8080808080808080, 0x7f7f7f7f7f7f7f7f
	tab, lf, cr, del := x^'\t'*ones, x^'\n'*ones, x^'\r'*ones, x^0x7f*ones
	allowed := ^((tab&lows + lows) | tab) | ^((lf&lows + lows) | lf) | ^((cr&lows + lows) | cr)
	below := ^(x&lows + 0x60*ones)
	return (x | below&^allowed | ^((del&lows + lows) | del)) & highs
}
