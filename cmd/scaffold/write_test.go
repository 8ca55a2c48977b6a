//go:build unix

package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/sys/unix"

	"github.com/scaffold-tf/scaffold/internal/prompt"
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

// A DIR that is a symbolic link to nothing, round a loop, to a file or to a
// path under a file (or a path under such a link) is refused before
// anything is asked (a terminal is there, and the wizard is not started):
// one message naming the link and where it points, exit 2, nothing written
// where it points or beside it; with --force and --dry-run too, and
// `scaffold update DIR` gives the same message.
func TestNewIntoSymlinkToNoFolder(t *testing.T) {
	for _, c := range []struct{ dir, arg, to, file, msg string }{
		{"dang", "dang", "nowhere", "", "dang is a symbolic link to nowhere, which does not exist; create that folder or choose another DIR"},
		{"loop", "loop", "loop", "", "loop is a symbolic link to loop, and the links go round in a loop that never reaches a folder; remove the link or choose another DIR"},
		{"flink", "flink", "afile", "afile", "flink is a symbolic link to afile, which is not a directory; choose another DIR"},
		{"flink", "flink/", "afile", "afile", "flink is a symbolic link to afile, which is not a directory; choose another DIR"},
		{"underfile", "underfile", "afile/x", "afile", "underfile is a symbolic link to afile/x, and afile is a file, not a folder; choose another DIR"},
		{"underfile", "underfile/y", "afile/x", "afile", "underfile is a symbolic link to afile/x, and afile is a file, not a folder; choose another DIR"},
	} {
		t.Run(c.arg, func(t *testing.T) {
			t.Chdir(t.TempDir())
			if err := os.Symlink(c.to, c.dir); err != nil {
				t.Fatal(err)
			}
			if c.file != "" {
				if err := os.WriteFile(c.file, []byte("a file"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			for _, args := range [][]string{
				{"new", "serverless-api", c.arg},
				{"new", "serverless-api", "--yes", "--force", c.arg},
				{"new", "serverless-api", "--yes", "--dry-run", c.arg},
				{"new", "serverless-api", "--yes", "--force", "--dry-run", "-o", "json", c.arg},
				{"update", c.arg},
				{"update", "--check", c.arg},
			} {
				var stdout, stderr bytes.Buffer
				io := &IO{In: strings.NewReader(""), Out: &stdout, ErrOut: &stderr, CanPrompt: func() bool { return true },
					Prompter: func() prompt.Prompter { t.Fatalf("%v: the wizard started before DIR was refused", args); return nil }}
				if code := run(args, io); code != exitBadInput {
					t.Errorf("%v: exit %d, want %d\n%s", args, code, exitBadInput, stderr.String())
				}
				if want := "error: " + c.msg + "\n"; stderr.String() != want || stdout.Len() != 0 {
					t.Errorf("%v: stdout %q, stderr %q; want no output and %q", args, stdout.String(), stderr.String(), want)
				}
			}
			entries, err := os.ReadDir(".")
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, e := range entries {
				names = append(names, e.Name())
			}
			want := c.dir
			if c.file != "" {
				want = c.file + " " + c.dir
			}
			if got := strings.Join(names, " "); got != want {
				t.Errorf("the folder holds %s, want only %s", got, want)
			}
			if to, err := os.Readlink(c.dir); err != nil || to != c.to {
				t.Errorf("the link now points to %q (%v), want %q", to, err, c.to)
			}
		})
	}
}
