//go:build unix

package generator_test

import (
	"errors"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/scaffold-tf/scaffold/generator"
)

// SIGINT or SIGTERM during a write is caught: what was replaced is put back,
// and no temporary folder is left.
func TestWriteSignalRollsBack(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "infra")
			old := map[string]string{"a.tf": "old a", "b.tf": "old b", "terraform.tfstate": "state"}
			writeTree(t, dir, old)
			reset := generator.SetStepHook(func(path string, caught func() bool) error {
				if filepath.Base(path) != "a.tf" {
					return nil
				}
				if err := syscall.Kill(os.Getpid(), sig); err != nil {
					return err
				}
				for deadline := time.Now().Add(10 * time.Second); !caught() && time.Now().Before(deadline); {
					time.Sleep(time.Millisecond) // the signal arrives asynchronously
				}
				return nil
			})
			defer reset()
			err := generator.WriteWith(dir, files("a.tf", "new a", "b.tf", "new b", "c.tf", "new c"), generator.WriteOptions{Force: true})
			if !errors.Is(err, generator.ErrInterrupted) {
				t.Fatalf("err = %v, want ErrInterrupted", err)
			}
			if got := readTree(t, dir); !maps.Equal(got, old) {
				t.Errorf("after %v the folder holds %q, want %q", sig, got, old)
			}
			assertNoLeftovers(t, filepath.Dir(dir), "infra")
		})
	}
}

// The case from the field: one target file is immutable (chattr +i), so
// replacing it fails part-way; the files already replaced are put back.
func TestWriteImmutableTargetFileRollsBack(t *testing.T) {
	chattr, err := exec.LookPath("chattr")
	if err != nil {
		t.Skip("chattr not found")
	}
	dir := filepath.Join(t.TempDir(), "infra")
	old := map[string]string{"README.md": "old readme", "scaffold.answers.hcl": "old answers", "terraform.tfvars": "old tfvars"}
	writeTree(t, dir, old)
	locked := filepath.Join(dir, "terraform.tfvars")
	if out, err := exec.Command(chattr, "+i", locked).CombinedOutput(); err != nil {
		t.Skipf("chattr +i is not allowed here: %v %s", err, out)
	}
	t.Cleanup(func() { _ = exec.Command(chattr, "-i", locked).Run() })
	err = generator.WriteWith(dir, files("README.md", "new", "scaffold.answers.hcl", "new", "terraform.tfvars", "new"), generator.WriteOptions{Force: true})
	if err == nil {
		t.Fatal("Write succeeded over an immutable file")
	}
	if got := readTree(t, dir); !maps.Equal(got, old) {
		t.Errorf("after the failed write the folder holds %q, want it as it was: %q", got, old)
	}
	assertNoLeftovers(t, filepath.Dir(dir), "infra")
}

// A new target gets the mode a folder made with mkdir gets (0755 less the
// umask), not the 0700 of a private temporary folder, although it is the
// temporary folder renamed.
func TestWriteNewDirectoryMode(t *testing.T) {
	old := syscall.Umask(0o027)
	defer syscall.Umask(old)
	dir := filepath.Join(t.TempDir(), "infra")
	if err := generator.Write(dir, files("main.tf", "locals {}\n"), false); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := fi.Mode().Perm(), os.FileMode(0o755&^0o027); got != want {
		t.Errorf("new target has mode %v, want %v", got, want)
	}
}

// A file replaced keeps the permissions it had on disk: a mode the user set
// (an executable script, a read-only file) is their change, and an update
// keeps their changes. A new file gets the default mode.
func TestWriteKeepsTheModeOfAReplacedFile(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "infra")
	writeTree(t, dir, map[string]string{"run.sh": "old", "ro.tf": "old", "plain.tf": "old"})
	modes := map[string]os.FileMode{"run.sh": 0o755, "ro.tf": 0o444}
	for p, m := range modes {
		if err := os.Chmod(filepath.Join(dir, p), m); err != nil {
			t.Fatal(err)
		}
	}
	files := []generator.File{
		{Path: "run.sh", Data: []byte("new")}, {Path: "ro.tf", Data: []byte("new")},
		{Path: "plain.tf", Data: []byte("new")}, {Path: "added.tf", Data: []byte("new")},
	}
	if err := generator.WriteWith(dir, files, generator.WriteOptions{Force: true}); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(filepath.Join(dir, "added.tf"))
	if err != nil {
		t.Fatal(err)
	}
	modes["plain.tf"], modes["added.tf"] = fi.Mode().Perm(), fi.Mode().Perm()
	for p, want := range modes {
		fi, err := os.Stat(filepath.Join(dir, p))
		if err != nil {
			t.Fatal(err)
		}
		data, _ := os.ReadFile(filepath.Join(dir, p))
		if fi.Mode().Perm() != want || string(data) != "new" {
			t.Errorf("%s: mode %v, content %q; want %v, %q", p, fi.Mode().Perm(), data, want, "new")
		}
	}
}

// A write begun while the files are generated (BeginWrite) and then given
// up (Abort) leaves the target as it was and nothing beside it; one that
// catches SIGINT before its files arrive writes none of them.
func TestBeginWriteAbortAndInterruptLeaveNothing(t *testing.T) {
	for _, existing := range []bool{false, true} {
		parent := t.TempDir()
		dir := filepath.Join(parent, "infra")
		old := map[string]string{}
		if existing {
			old = map[string]string{"a.tf": "old a", "terraform.tfstate": "state"}
			writeTree(t, dir, old)
		}
		wr, err := generator.BeginWrite(dir, generator.WriteOptions{Force: true})
		if err != nil {
			t.Fatal(err)
		}
		wr.Abort()
		assertUnchanged(t, dir, existing, old)
		assertNoLeftovers(t, parent, "infra")

		wr, err = generator.BeginWrite(dir, generator.WriteOptions{Force: true})
		if err != nil {
			t.Fatal(err)
		}
		if err := syscall.Kill(os.Getpid(), syscall.SIGINT); err != nil {
			t.Fatal(err)
		}
		for deadline := time.Now().Add(10 * time.Second); !wr.Caught() && time.Now().Before(deadline); {
			time.Sleep(time.Millisecond) // the signal arrives asynchronously
		}
		err = wr.Finish(files("a.tf", "new a", "b.tf", "new b"), func() generator.File {
			return generator.File{Path: ".scaffold/generation.tar.gz", Data: []byte("packed")}
		})
		if !errors.Is(err, generator.ErrInterrupted) {
			t.Fatalf("existing=%v: err = %v, want ErrInterrupted", existing, err)
		}
		assertUnchanged(t, dir, existing, old)
		assertNoLeftovers(t, parent, "infra")
	}
}

func assertUnchanged(t *testing.T, dir string, existing bool, old map[string]string) {
	t.Helper()
	if !existing {
		if _, err := os.Stat(dir); !os.IsNotExist(err) {
			t.Errorf("%s exists after a write that did not happen (err %v)", dir, err)
		}
		return
	}
	if got := readTree(t, dir); !maps.Equal(got, old) {
		t.Errorf("the folder holds %q, want %q", got, old)
	}
}

// A DIR that is a symbolic link leading to no folder (to nothing, round a
// loop, or to a file), or that is under one, is refused before anything is
// written, by CheckTarget and by WriteWith alike, with a message that names
// the link and where it points; the link stays as it was, nothing is created
// where it points, and nothing is left beside it.
func TestWriteRefusesSymlinkToNoFolder(t *testing.T) {
	cases := []struct {
		name  string
		links map[string]string // link → what it points to
		file  string            // a plain file to create
		dir   string            // DIR, relative to the test's folder
		want  error
		msg   string
	}{
		{"dangling", map[string]string{"dang": "nowhere"}, "", "dang", generator.ErrBrokenLink,
			"dang is a symbolic link to nowhere, which does not exist; create that folder or choose another DIR"},
		{"under dangling", map[string]string{"dang": "nowhere"}, "", "dang/sub", generator.ErrBrokenLink,
			"dang is a symbolic link to nowhere, which does not exist; create that folder or choose another DIR"},
		// The target of a link in a subfolder is read from that folder:
		// the message names the folder to create (a tester was told to
		// create ./target).
		{"dangling in a subfolder", map[string]string{"sub/l3": "target"}, "", "sub/l3", generator.ErrBrokenLink,
			"sub/l3 is a symbolic link to target (that is, sub/target), which does not exist; create that folder or choose another DIR"},
		{"dangling chain", map[string]string{"chain": "a1", "a1": "a2"}, "", "chain", generator.ErrBrokenLink,
			"chain is a symbolic link to a1, which leads to a2, which does not exist; create that folder or choose another DIR"},
		{"loop", map[string]string{"loop": "loop"}, "", "loop", generator.ErrBrokenLink,
			"loop is a symbolic link to loop, and the links go round in a loop that never reaches a folder; remove the link or choose another DIR"},
		{"loop of two", map[string]string{"b1": "b2", "b2": "b1"}, "", "b1/sub", generator.ErrBrokenLink,
			"b1 is a symbolic link to b2, and the links go round in a loop that never reaches a folder; remove the link or choose another DIR"},
		{"to a file", map[string]string{"flink": "afile"}, "afile", "flink", generator.ErrNotDir,
			"flink is a symbolic link to afile, which is not a directory; choose another DIR"},
		{"under a link to a file", map[string]string{"flink": "afile"}, "afile", "flink/sub", generator.ErrNotDir,
			"flink is a symbolic link to afile, which is not a directory; choose another DIR"},
		// With a trailing slash the lookup follows the link: it is named
		// all the same (it was "flink/ exists and is not a directory").
		{"to a file, with a trailing slash", map[string]string{"flink": "afile"}, "afile", "flink/", generator.ErrNotDir,
			"flink is a symbolic link to afile, which is not a directory; choose another DIR"},
		// A link to a path under a file names the file (it was the raw
		// "not a directory: underfile: not a directory").
		{"to a path under a file", map[string]string{"underfile": "afile/x"}, "afile", "underfile", generator.ErrNotDir,
			"underfile is a symbolic link to afile/x, and afile is a file, not a folder; choose another DIR"},
		{"under a link to a path under a file", map[string]string{"underfile": "afile/x"}, "afile", "underfile/y", generator.ErrNotDir,
			"underfile is a symbolic link to afile/x, and afile is a file, not a folder; choose another DIR"},
		{"to a path under a file, in a subfolder", map[string]string{"sub/underfile": "afile/x"}, "sub/afile", "sub/underfile/", generator.ErrNotDir,
			"sub/underfile is a symbolic link to afile/x, and sub/afile is a file, not a folder; choose another DIR"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			root := t.TempDir()
			t.Chdir(root)
			for link, to := range c.links {
				if err := os.MkdirAll(filepath.Dir(link), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.Symlink(to, link); err != nil {
					t.Fatal(err)
				}
			}
			if c.file != "" {
				if err := os.WriteFile(c.file, []byte("a file"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			before := lsLinks(t, root)
			for _, force := range []bool{false, true} {
				err := generator.CheckTarget(c.dir, force)
				if !errors.Is(err, c.want) || err.Error() != c.msg {
					t.Errorf("CheckTarget(%s, force=%v) = %v; want %v: %s", c.dir, force, err, c.want, c.msg)
				}
				err = generator.WriteWith(c.dir, files("main.tf", "x"), generator.WriteOptions{Force: force})
				if !errors.Is(err, c.want) || err.Error() != c.msg {
					t.Errorf("WriteWith(%s, force=%v) = %v; want %v: %s", c.dir, force, err, c.want, c.msg)
				}
				if after := lsLinks(t, root); !maps.Equal(after, before) {
					t.Errorf("force=%v: the folder holds %q after the refusal, want %q", force, after, before)
				}
			}
		})
	}
}

// A dangling link made at DIR after BeginWrite looked (a new DIR, to be
// created by the final rename) is named as CheckTarget names it, not
// reported as the rename's "not a directory"; nothing is written and
// nothing left beside it.
func TestWriteFinishRefusesLinkMadeSinceBegin(t *testing.T) {
	root := t.TempDir()
	t.Chdir(root)
	wr, err := generator.BeginWrite("dang", generator.WriteOptions{})
	if err != nil {
		t.Fatal(err)
	}
	reset := generator.SetStepHook(func(string, func() bool) error { return os.Symlink("nowhere", "dang") })
	defer reset()
	err = wr.Finish(files("main.tf", "x"), nil)
	const msg = "dang is a symbolic link to nowhere, which does not exist; create that folder or choose another DIR"
	if !errors.Is(err, generator.ErrBrokenLink) || err.Error() != msg {
		t.Errorf("Finish = %v; want ErrBrokenLink: %s", err, msg)
	}
	if got, want := lsLinks(t, root), map[string]string{"dang": "-> nowhere"}; !maps.Equal(got, want) {
		t.Errorf("the folder holds %q, want only the link: %q", got, want)
	}
}

// lsLinks lists the entries of dir: a symbolic link as "-> TARGET", a
// folder as "/", a file as its content.
func lsLinks(t *testing.T, dir string) map[string]string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, e := range entries {
		p := filepath.Join(dir, e.Name())
		switch {
		case e.Type()&os.ModeSymlink != 0:
			to, err := os.Readlink(p)
			if err != nil {
				t.Fatal(err)
			}
			out[e.Name()] = "-> " + to
		case e.IsDir():
			out[e.Name()] = "/"
		default:
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			out[e.Name()] = string(data)
		}
	}
	return out
}
