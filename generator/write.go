package generator

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
)

// ErrNotEmpty is returned by Write when the target holds files and force is
// not set.
var ErrNotEmpty = errors.New("target directory is not empty")

// Write puts files into dir without ever leaving a half-written module.
//
// Every file is first written into a temporary folder beside dir. When dir
// does not exist (or is empty) that folder is renamed to dir in one step.
// When dir holds files, Write refuses unless force is set; with force, each
// generated file replaces its old copy by an atomic rename, and every other
// file in dir (terraform.tfstate, .terraform/, your own files) is left alone.
func Write(dir string, files []File, force bool) error {
	dir = filepath.Clean(dir)
	empty, err := isEmptyDir(dir)
	if err != nil {
		return err
	}
	if !empty && !force {
		return fmt.Errorf("%w: %s; pass --force to overwrite the generated files in it (other files are kept)", ErrNotEmpty, dir)
	}
	parent := filepath.Dir(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dir)+".scaffold-*")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	if err := os.Chmod(tmp, 0o755); err != nil {
		return err
	}
	for _, f := range files {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(tmp, filepath.FromSlash(f.Path))), 0o755); err != nil {
			return err
		}
	}
	// Each file is flushed to disk before any is moved into place; the
	// flushes run side by side because each one mostly waits on the disk.
	errs := make([]error, len(files))
	var wg sync.WaitGroup
	for i, f := range files {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = writeSynced(filepath.Join(tmp, filepath.FromSlash(f.Path)), f.Data)
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return err
	}
	if empty {
		if err := os.Remove(dir); err != nil && !os.IsNotExist(err) {
			return err
		}
		return os.Rename(tmp, dir)
	}
	for _, f := range files {
		dst := filepath.Join(dir, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		if err := os.Rename(filepath.Join(tmp, filepath.FromSlash(f.Path)), dst); err != nil {
			return err
		}
	}
	return nil
}

func writeSynced(p string, data []byte) error {
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// isEmptyDir reports whether dir is missing or an empty directory. A path
// that exists but is not a directory is an error.
func isEmptyDir(dir string) (bool, error) {
	fi, err := os.Stat(dir)
	if os.IsNotExist(err) {
		return true, nil
	}
	if err != nil {
		return false, err
	}
	if !fi.IsDir() {
		return false, fmt.Errorf("%s exists and is not a directory", dir)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return false, err
	}
	return len(entries) == 0, nil
}
