package generator

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// localName reads a line as the pattern it replaced would: on every line
// of every golden tree, and on lines made to fail each of its steps.
func TestLocalName(t *testing.T) {
	pattern := regexp.MustCompile(`^  ([A-Za-z_][A-Za-z0-9_-]*)( *)= `)
	want := func(l string) string {
		if m := pattern.FindStringSubmatch(l); m != nil {
			return m[1]
		}
		return ""
	}
	lines := []string{"", " ", "  ", "  a", "  a=", "  a =", "  a = 1", "  a  = 1\n", "  a=1", "  _x-1 = 2",
		"  1a = 2", "   a = 1", "\ta = 1", " a = 1", "  a-b_c9   = [", "  é = 1", "  a.b = 1", "  a == b", "  a = ", "  a\t= 1"}
	named := 0
	err := filepath.WalkDir("../golden", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".tf") {
			return err
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		lines = append(lines, strings.SplitAfter(string(src), "\n")...)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range lines {
		if got, w := localName(l), want(l); got != w {
			t.Fatalf("localName(%q) = %q, the pattern reads %q", l, got, w)
		}
		if want(l) != "" {
			named++
		}
	}
	if len(lines) < 10000 || named < 1000 {
		t.Fatalf("only %d lines, %d of them named: the golden trees are missing", len(lines), named)
	}
}
