//go:build !unix

package generator

import (
	"errors"
	"os"
)

// lockTarget creates the file at path exclusively and returns the function
// that removes it; it fails with ErrLocked when the file exists. (Without
// flock, a lock file left by a killed run must be removed by hand.)
func lockTarget(path string) (func(), error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, os.ErrExist) {
		return nil, ErrLocked
	}
	if err != nil {
		return nil, err
	}
	f.Close()
	return func() { os.Remove(path) }, nil
}
