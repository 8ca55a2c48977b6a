package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The first `scaffold new` command of README.md, as a newcomer runs it from
// the clone: it writes outside the clone (an absolute DIR), and running it
// twice succeeds both times. The test runs it with DIR moved into a
// temporary folder.
func TestREADMEFirstCommandRunsTwiceOutsideTheClone(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	var first []string
	for _, line := range strings.Split(string(src), "\n") {
		if strings.HasPrefix(line, "scaffold new ") {
			line, _, _ = strings.Cut(line, "#")
			first = strings.Fields(line)[1:]
			break
		}
	}
	if len(first) < 3 {
		t.Fatalf("README.md has no `scaffold new ID ... DIR` command")
	}
	dir := first[len(first)-1]
	if !filepath.IsAbs(dir) {
		t.Fatalf("README's first command writes into %q, a folder inside the clone when run from it; use a folder outside", dir)
	}
	tmp := filepath.Join(t.TempDir(), filepath.Base(dir))
	args := append(append([]string{}, first[:len(first)-1]...), tmp)
	for i := 1; i <= 2; i++ {
		var stdout, stderr bytes.Buffer
		io := &IO{In: strings.NewReader(""), Out: &stdout, ErrOut: &stderr, CanPrompt: func() bool { return false }}
		if code := run(args, io); code != exitOK {
			t.Fatalf("run %d of `scaffold %s` exited %d:\n%s", i, strings.Join(first, " "), code, stderr.String())
		}
	}
}
