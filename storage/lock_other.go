//go:build !linux

package storage

import (
	"os"
	"time"
)

// lockHolder cannot name the holder outside Linux.
func lockHolder(string) string { return "another program" }

// holdPartial needs no lock here: partialAbandoned goes by the file's age.
func holdPartial(*os.File) {}

// partialAbandoned reports whether the temporary file at path has not been written to for a
// minute: a writer copies without pause and renames the file as soon as it is complete.
func partialAbandoned(path string) bool {
	info, err := os.Stat(path)
	return err == nil && time.Since(info.ModTime()) > time.Minute
}
