package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestFindApp(t *testing.T) {
	t.Setenv("PATH", t.TempDir()) // nothing on PATH
	dir := t.TempDir()
	self := filepath.Join(dir, "corepath")
	os.WriteFile(self, nil, 0o755)
	if _, err := findApp(self); err == nil || !strings.Contains(err.Error(), "corepath-app") {
		t.Fatalf("no app installed: %v", err)
	}
	app := filepath.Join(dir, appName)
	os.WriteFile(app, nil, 0o755)
	if got, err := findApp(self); err != nil || got != app {
		t.Errorf("beside: %q %v", got, err)
	}
	// Through a symbolic link, as in ~/.local/bin/corepath -> the real install.
	link := filepath.Join(t.TempDir(), "corepath")
	os.Symlink(self, link)
	if got, err := findApp(link); err != nil || got != app {
		t.Errorf("through a link: %q %v", got, err)
	}
	// On PATH.
	pathDir := t.TempDir()
	onPath := filepath.Join(pathDir, appName)
	os.WriteFile(onPath, nil, 0o755)
	t.Setenv("PATH", pathDir)
	if got, err := findApp(filepath.Join(t.TempDir(), "corepath")); err != nil || got != onPath {
		t.Errorf("on PATH: %q %v", got, err)
	}
}
