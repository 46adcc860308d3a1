// Package atomicfile writes a file so that no reader ever sees half of it and a crash leaves
// either the old file or the new one: the bytes go to a temporary file in the same folder,
// which is synced and renamed over the file, and the folder is synced so the rename lasts. A
// path that names no file but a device or a pipe (/dev/null, a FIFO, NUL), or any path of /dev
// (/dev/stdout), is written straight into, and a symbolic link is followed to its file, which
// is replaced, or made when the link leads to no file yet.
package atomicfile

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
)

// linkTarget is the file a symbolic link at path leads to, through any links after it, even
// one that does not exist yet (a link to a file to be made, which a shell's > would create):
// path itself when it is no link.
func linkTarget(path string) (string, error) {
	for range maxLinks {
		info, err := os.Lstat(path)
		if err != nil || info.Mode()&os.ModeSymlink == 0 {
			return path, nil
		}
		dest, err := os.Readlink(path)
		if err != nil {
			return "", err
		}
		if !filepath.IsAbs(dest) { // from the link's folder as it really is: "../x" of a linked folder
			dir := filepath.Dir(path)
			if real, err := filepath.EvalSymlinks(dir); err == nil {
				dir = real
			}
			dest = filepath.Join(dir, dest)
		}
		path = dest
	}
	return "", &os.PathError{Op: "write", Path: path, Err: errors.New("too many symbolic links, one after another (a loop?)")}
}

// maxLinks is how many links linkTarget follows, as Linux's open(2) does.
const maxLinks = 40

// Write writes path through the temporary file temp, or, when temp is "", through a temporary
// file with a unique name beside path that starts with a dot (sync tools and folder watchers
// skip such names). write fills the temporary file; on any failure it is removed and path is
// left as it was. The file gets the permissions perm.
func Write(path, temp string, perm os.FileMode, write func(*os.File) error) error {
	if info, err := os.Stat(path); err == nil && info.Mode()&(os.ModeDevice|os.ModeNamedPipe|os.ModeSocket) != 0 || underDev(path) {
		return writeInto(path, write) // a rename would put a file in the device's place
	}
	target, err := linkTarget(path)
	if err != nil {
		return err
	}
	if target != path {
		path = target // the link stays, and points at the new file
		if temp != "" {
			temp = filepath.Join(filepath.Dir(target), filepath.Base(temp)) // beside it, for the rename
		}
	}
	var f *os.File
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

// underDev reports a path of /dev or /proc, such as /dev/stdout: a name for one of the
// process's open files, which may be a file the shell opened (corepath export -o /dev/stdout
// >> all.csv), to be written into where it stands rather than replaced through its link.
func underDev(path string) bool {
	clean := filepath.ToSlash(filepath.Clean(path))
	return strings.HasPrefix(clean, "/dev/") || strings.HasPrefix(clean, "/proc/")
}

// writeInto writes into a device, a pipe or a file /dev names, which holds no file to keep
// whole; at its end, as the shell's >> and what was written to it before ask.
func writeInto(path string, write func(*os.File) error) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		return err
	}
	err = write(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// WriteBytes is Write for data already in memory.
func WriteBytes(path, temp string, perm os.FileMode, data []byte) error {
	return Write(path, temp, perm, func(f *os.File) error { _, err := f.Write(data); return err })
}
