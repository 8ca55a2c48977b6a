//go:build unix

package generator

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// lockTarget takes an exclusive lock on the file at path, creating it, and
// returns the function that removes the file and releases the lock. It fails
// at once with ErrLocked when another process holds the lock.
//
// The file is removed while still locked; a process that opened it just
// before finds, once it holds the lock, that the path now names another file
// (or none), and tries again on a fresh one.
func lockTarget(path string) (func(), error) {
	for {
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
		if err != nil {
			return nil, err
		}
		if err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB); err != nil {
			f.Close()
			if errors.Is(err, unix.EWOULDBLOCK) {
				return nil, ErrLocked
			}
			return nil, err
		}
		held, herr := f.Stat()
		now, nerr := os.Stat(path)
		if herr == nil && nerr == nil && os.SameFile(held, now) {
			return func() { os.Remove(path); f.Close() }, nil
		}
		f.Close()
	}
}
