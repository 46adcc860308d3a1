package atomicfile

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWriteReplacesTheFileWhole(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "export.json")
	if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := WriteBytes(path, "", 0o640, []byte("new")); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(path)
	if err != nil || string(got) != "new" {
		t.Fatalf("the file holds %q (%v), want new", got, err)
	}
	if info, _ := os.Stat(path); info.Mode().Perm() != 0o640 {
		t.Errorf("the file's permissions are %v, want 0640", info.Mode().Perm())
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("the folder holds %d files, want the export alone", len(entries))
	}
}

func TestAFailedWriteLeavesTheOldFileAndNoTemporaryOne(t *testing.T) {
	dir := t.TempDir()
	path, temp := filepath.Join(dir, "store.db.bak"), filepath.Join(dir, "store.db.bak.partial")
	if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	failed := errors.New("disk full")
	err := Write(path, temp, 0o600, func(f *os.File) error {
		f.WriteString("half")
		return failed
	})
	if !errors.Is(err, failed) {
		t.Fatalf("Write returned %v, want the writer's error", err)
	}
	if got, _ := os.ReadFile(path); string(got) != "old" {
		t.Errorf("the file holds %q after a failed write, want old", got)
	}
	if _, err := os.Stat(temp); !os.IsNotExist(err) {
		t.Errorf("the temporary file is still there: %v", err)
	}
}

func TestWriteInAMissingFolderFails(t *testing.T) {
	path := filepath.Join(t.TempDir(), "missing", "export.json")
	if err := WriteBytes(path, "", 0o600, []byte("x")); err == nil {
		t.Fatal("writing into a folder that does not exist succeeded")
	}
}

// A symbolic link is followed: the file it names is replaced whole, and the link stays.
func TestWriteThroughALinkKeepsTheLink(t *testing.T) {
	dir := t.TempDir()
	real, link := filepath.Join(dir, "exports", "all.json"), filepath.Join(dir, "latest.json")
	if err := os.MkdirAll(filepath.Dir(real), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(real, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(real, link); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	for _, temp := range []string{"", filepath.Join(dir, "latest.json.partial")} {
		if err := WriteBytes(link, temp, 0o600, []byte("new "+temp)); err != nil {
			t.Fatal(err)
		}
		if info, err := os.Lstat(link); err != nil || info.Mode()&os.ModeSymlink == 0 {
			t.Fatalf("the link became %v (%v)", info.Mode(), err)
		}
		if got, _ := os.ReadFile(real); string(got) != "new "+temp {
			t.Errorf("the file holds %q", got)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Errorf("the folder holds %d entries, want the link and the exports folder", len(entries))
	}
}

// A link to a file not made yet makes it, as a shell's > does, and stays a link; a loop of
// links is refused with nothing written.
func TestWriteThroughALinkToNoFileMakesTheFile(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "exports"), 0o700); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "latest.csv")
	if err := os.Symlink(filepath.Join("exports", "all.csv"), link); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	if err := WriteBytes(link, "", 0o600, []byte("new")); err != nil {
		t.Fatal(err)
	}
	if info, err := os.Lstat(link); err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link became %v (%v)", info.Mode(), err)
	}
	if got, err := os.ReadFile(filepath.Join(dir, "exports", "all.csv")); string(got) != "new" {
		t.Errorf("the file the link names holds %q (%v)", got, err)
	}

	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	os.Symlink(b, a)
	os.Symlink(a, b)
	if err := WriteBytes(a, "", 0o600, []byte("x")); err == nil || !strings.Contains(err.Error(), "too many symbolic links") {
		t.Errorf("a loop of links: %v", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 4 {
		t.Errorf("the folder holds %d entries, want exports, latest.csv, a and b", len(entries))
	}
}
