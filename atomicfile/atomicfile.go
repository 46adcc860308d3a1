// Package atomicfile writes a file so that no reader ever sees half of it and a crash leaves
// either the old file or the new one: the bytes go to a temporary file in the same folder,
// which is synced and renamed over the file, and the folder is synced so the rename lasts.
package atomicfile

import (
	"os"
	"path/filepath"
)

// Write writes path through the temporary file temp, or, when temp is "", through a temporary
// file with a unique name beside path that starts with a dot (sync tools and folder watchers
// skip such names). write fills the temporary file; on any failure it is removed and path is
// left as it was. The file gets the permissions perm.
func Write(path, temp string, perm os.FileMode, write func(*os.File) error) error {
	var f *os.File
	var err error
	if temp == "" {
		if f, err = os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.partial"); err == nil {
			err = f.Chmod(perm)
		}
	} else {
		f, err = os.OpenFile(temp, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, perm)
	}
	if f == nil {
		return err
	}
	temp = f.Name()
	if err == nil {
		err = write(f)
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(temp, path)
	}
	if err != nil {
		os.Remove(temp)
		return err
	}
	return syncDir(filepath.Dir(path))
}

// WriteBytes is Write for data already in memory.
func WriteBytes(path, temp string, perm os.FileMode, data []byte) error {
	return Write(path, temp, perm, func(f *os.File) error { _, err := f.Write(data); return err })
}
