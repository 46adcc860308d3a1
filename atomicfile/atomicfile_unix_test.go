//go:build unix

package atomicfile

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// A pipe (like /dev/stdout in `corepath export -o /dev/stdout | jq`) or a device (/dev/null)
// is written into: a temporary file renamed over it would take its place, and, run as root on
// /dev/null, break every program that writes there.
func TestWriteGoesIntoAPipeAndLeavesItThere(t *testing.T) {
	path := filepath.Join(t.TempDir(), "fifo")
	if err := syscall.Mkfifo(path, 0o600); err != nil {
		t.Skip("no FIFO here:", err)
	}
	reader, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer reader.Close()
	if err := WriteBytes(path, "", 0o600, []byte("through the pipe")); err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(reader)
	if err != nil || string(got) != "through the pipe" {
		t.Errorf("the reader got %q, %v", got, err)
	}
	if info, err := os.Lstat(path); err != nil || info.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("the pipe became %v (%v)", info.Mode(), err)
	}
	if entries, _ := os.ReadDir(filepath.Dir(path)); len(entries) != 1 {
		t.Errorf("the folder holds %d entries, want the pipe alone", len(entries))
	}
}

// /dev/stdout, or /dev/fd/N, may name a file the shell opened: `corepath export -o /dev/stdout
// >> all.csv` adds to it, after what was written there before, and leaves it the file it was.
func TestWriteToAFileOpenedByTheShellAddsToIt(t *testing.T) {
	path := filepath.Join(t.TempDir(), "all.csv")
	if err := os.WriteFile(path, []byte("before\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	shell, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer shell.Close()
	if err := WriteBytes(fmt.Sprintf("/dev/fd/%d", shell.Fd()), "", 0o600, []byte("the export\n")); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(path)
	if info, _ := os.Stat(path); string(got) != "before\nthe export\n" || info.Mode().Perm() != 0o644 {
		t.Errorf("the file holds %q, mode %v; want the export after what was there, mode 0644", got, info.Mode().Perm())
	}
}
