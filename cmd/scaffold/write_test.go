//go:build unix

package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/sys/unix"
)

// While another scaffold run writes DIR (it holds the lock beside DIR), a
// second `scaffold new` into DIR stops at once: one message, exit 2, DIR not
// created.
func TestNewIntoDirLockedByAnotherRun(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "t")
	lock, err := os.OpenFile(filepath.Join(parent, ".t.scaffold.lock"), os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Close()
	if err := unix.Flock(int(lock.Fd()), unix.LOCK_EX|unix.LOCK_NB); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	io := &IO{In: strings.NewReader(""), Out: &stdout, ErrOut: &stderr, CanPrompt: func() bool { return false }}
	code := run([]string{"new", "web-app", "--yes", dir}, io)
	if code != exitBadInput {
		t.Errorf("exit %d, want %d\n%s", code, exitBadInput, stderr.String())
	}
	want := "error: target is being written by another scaffold run: " + dir + "; wait for the other run to finish, then try again\n"
	if stderr.String() != want {
		t.Errorf("stderr = %q, want %q", stderr.String(), want)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("%s was created (stat: %v)", dir, err)
	}
}
