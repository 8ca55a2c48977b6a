//go:build unix

package main

import (
	"bytes"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// scaffoldCmd runs this test binary as the scaffold command (testscript.Main
// in TestMain dispatches on the program name).
func scaffoldCmd(args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], args...)
	cmd.Args[0] = "scaffold"
	return cmd
}

// snapshot reads every file under dir (path → content).
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.Walk(dir, func(p string, fi os.FileInfo, err error) error {
		if err != nil || fi.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[rel] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// Real processes interrupted with SIGINT or SIGTERM at random moments, as in
// the field: the module is always one whole generation or the other (never
// a mix), state is kept, and no temporary folder or lock file is left. A
// run killed outright (SIGKILL) may leave its temporary folder; the next
// run removes it.
func TestNewInterruptedAtRandomLeavesNoTrace(t *testing.T) {
	if testing.Short() {
		t.Skip("starts dozens of processes")
	}
	parent := t.TempDir()
	gen := func(dir, name string) map[string]string {
		out, err := scaffoldCmd("new", "web-app", "--yes", "--set", "name="+name, filepath.Join(parent, dir)).CombinedOutput()
		if err != nil {
			t.Fatalf("scaffold new: %v\n%s", err, out)
		}
		return snapshot(t, filepath.Join(parent, dir))
	}
	a, b := gen("a", "alpha"), gen("b", "beta")
	d := filepath.Join(parent, "d")
	// How long a whole run takes on this machine now: the signals land at
	// random moments within it, so some arrive while files are written
	// however loaded the machine is.
	gen("d", "alpha")
	var whole time.Duration
	for range 3 { // a --force run into d, as below; the fastest of three
		start := time.Now()
		if out, err := scaffoldCmd("new", "web-app", "--yes", "--force", "--set", "name=alpha", d).CombinedOutput(); err != nil {
			t.Fatalf("scaffold new --force: %v\n%s", err, out)
		}
		if took := time.Since(start); whole == 0 || took < whole {
			whole = took
		}
	}
	if err := os.WriteFile(filepath.Join(d, "terraform.tfstate"), []byte("state"), 0o644); err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(8, 8))
	caught, runs := 0, 0
	// At least 40 runs, and more (up to 200) until one is caught: when the
	// machine's load drops after the measure above, runs end before their
	// signal, and each such run's own time becomes the new measure.
	for i := 0; i < 200 && (i < 40 || caught == 0); i++ {
		runs++
		name := []string{"alpha", "beta"}[i%2]
		cmd := scaffoldCmd("new", "web-app", "--yes", "--force", "--set", "name="+name, d)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		start := time.Now()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		ended := make(chan time.Duration, 1)
		go func() { _ = cmd.Wait(); ended <- time.Since(start) }()
		sig := []syscall.Signal{syscall.SIGINT, syscall.SIGTERM}[rng.IntN(2)]
		// The files are written at the end of a run: aim most signals there.
		select {
		case took := <-ended:
			whole = took // the run was faster than the measure: aim by it next time
		case <-time.After(time.Duration((0.6 + 0.45*rng.Float64()) * float64(whole))):
			_ = cmd.Process.Signal(sig)
			<-ended
		}
		if strings.Contains(stderr.String(), "interrupted") {
			caught++
		}

		got := snapshot(t, d)
		if got["terraform.tfstate"] != "state" {
			t.Fatalf("run %d (%v): terraform.tfstate lost", i, sig)
		}
		delete(got, "terraform.tfstate")
		if !sameFiles(got, a) && !sameFiles(got, b) {
			t.Fatalf("run %d (%v): the module is a mix of two generations\n%s", i, sig, stderr.String())
		}
		entries, _ := os.ReadDir(parent)
		for _, e := range entries {
			if strings.Contains(e.Name(), ".scaffold") {
				t.Fatalf("run %d (%v): %s left beside the module\n%s", i, sig, e.Name(), stderr.String())
			}
		}
	}

	t.Logf("%d of %d runs were interrupted while writing, and rolled back", caught, runs)
	if caught == 0 {
		t.Error("no run was interrupted while writing: the test did not exercise the rollback")
	}

	// SIGKILL cannot be caught: what it leaves, the next run removes.
	if err := os.MkdirAll(filepath.Join(parent, ".d.scaffold-4242", "new"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(parent, ".d.scaffold-4242", "new", "main.tf"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := scaffoldCmd("new", "web-app", "--yes", "--force", "--set", "name=alpha", d).CombinedOutput(); err != nil {
		t.Fatalf("scaffold new after a killed run: %v\n%s", err, out)
	}
	if _, err := os.Stat(filepath.Join(parent, ".d.scaffold-4242")); !os.IsNotExist(err) {
		t.Errorf("the killed run's temporary folder is still there (stat: %v)", err)
	}
}

func sameFiles(x, y map[string]string) bool {
	if len(x) != len(y) {
		return false
	}
	for k, v := range x {
		if w, ok := y[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// Two real runs into the same DIR at once: the module is one whole
// generation, never a mix; a run that loses gets exit 2 and one clear
// message, never exit 1. Into a new DIR, exactly one of the two writes it.
func TestNewConcurrentRunsDoNotMix(t *testing.T) {
	if testing.Short() {
		t.Skip("starts dozens of processes")
	}
	parent := t.TempDir()
	gen := func(dir, name string) map[string]string {
		out, err := scaffoldCmd("new", "web-app", "--yes", "--set", "name="+name, filepath.Join(parent, dir)).CombinedOutput()
		if err != nil {
			t.Fatalf("scaffold new: %v\n%s", err, out)
		}
		return snapshot(t, filepath.Join(parent, dir))
	}
	a, b := gen("a", "alpha"), gen("b", "beta")
	gen("d", "alpha")
	type result struct {
		code   int
		stderr string
	}
	both := func(args func(name string) []string) [2]result {
		var cmds [2]*exec.Cmd
		var errs [2]bytes.Buffer
		for i, name := range []string{"alpha", "beta"} {
			cmds[i] = scaffoldCmd(args(name)...)
			cmds[i].Stderr = &errs[i]
		}
		for _, c := range cmds {
			if err := c.Start(); err != nil {
				t.Fatal(err)
			}
		}
		var out [2]result
		for i, c := range cmds {
			_ = c.Wait()
			out[i] = result{c.ProcessState.ExitCode(), errs[i].String()}
		}
		return out
	}
	for i := 0; i < 8; i++ {
		d := filepath.Join(parent, "d")
		res := both(func(name string) []string {
			return []string{"new", "web-app", "--yes", "--force", "--set", "name=" + name, d}
		})
		for _, r := range res {
			if r.code != 0 && !(r.code == 2 && strings.Contains(r.stderr, "is being written by another scaffold run")) {
				t.Fatalf("round %d: a concurrent --force run exited %d: %s", i, r.code, r.stderr)
			}
		}
		if got := snapshot(t, d); !sameFiles(got, a) && !sameFiles(got, b) {
			t.Fatalf("round %d: two concurrent --force runs mixed their files", i)
		}

		fresh := filepath.Join(parent, "new"+string(rune('a'+i)))
		res = both(func(name string) []string { return []string{"new", "web-app", "--yes", "--set", "name=" + name, fresh} })
		ok := 0
		for _, r := range res {
			switch {
			case r.code == 0:
				ok++
			case r.code == 2 && (strings.Contains(r.stderr, "is being written by another scaffold run") || strings.Contains(r.stderr, "is not empty")):
			default:
				t.Fatalf("round %d: a concurrent run into a new folder exited %d: %s", i, r.code, r.stderr)
			}
		}
		if ok != 1 {
			t.Fatalf("round %d: %d of two concurrent runs into a new folder succeeded, want exactly one", i, ok)
		}
		if got := snapshot(t, fresh); !sameFiles(got, a) && !sameFiles(got, b) {
			t.Fatalf("round %d: the new folder is not one whole generation", i)
		}
	}
}
