// Command floor is the floor `scaffold new` is measured against (issue 15):
// the least a program must do to put a module's files on disk safely. It
// reads a manifest of "SIZE PATH" lines (as `find TREE -type f -printf
// '%s %P\n'` prints them for a generated module) and writes files of those
// paths and sizes into DIR, which must not exist, each one fsynced before it
// is closed. It does less than scaffold's writer (no lock, no staging
// folder, no rename, no fsync of folders) and renders, parses and checks
// nothing, so it is a lower bound: a real generator can only be slower; scripts/bench-cli runs it interleaved with `scaffold new`.
//
//	floor MANIFEST DIR
package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: floor MANIFEST DIR")
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintln(os.Stderr, "floor:", err)
		os.Exit(1)
	}
}

func run(manifest, dir string) error {
	m, err := os.ReadFile(manifest)
	if err != nil {
		return err
	}
	if err := os.Mkdir(dir, 0o755); err != nil {
		return err
	}
	made := map[string]bool{dir: true}
	for _, line := range bytes.Split(bytes.TrimSpace(m), []byte("\n")) {
		size, rel, ok := bytes.Cut(line, []byte(" "))
		if !ok {
			return fmt.Errorf("%s: bad line %q", manifest, line)
		}
		n, err := strconv.Atoi(string(size))
		if err != nil {
			return fmt.Errorf("%s: bad line %q", manifest, line)
		}
		p := filepath.Join(dir, filepath.FromSlash(string(rel)))
		if d := filepath.Dir(p); !made[d] {
			if err := os.MkdirAll(d, 0o755); err != nil {
				return err
			}
			made[d] = true
		}
		f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			return err
		}
		if _, err := f.Write(bytes.Repeat([]byte{'#'}, n)); err != nil {
			f.Close()
			return err
		}
		if err := f.Sync(); err != nil {
			f.Close()
			return err
		}
		if err := f.Close(); err != nil {
			return err
		}
	}
	return nil
}
