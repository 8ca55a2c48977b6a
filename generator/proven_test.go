package generator_test

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/hcl/v2/hclwrite"

	"github.com/scaffold-tf/scaffold/blueprints"
	"github.com/scaffold-tf/scaffold/generator"
	"github.com/scaffold-tf/scaffold/templates"
)

// provenPath is templates/proven.txt, from this package's folder.
var provenPath = filepath.Join("..", "templates", "proven.txt")

// treeRead are the files every generation parses at run time, proven or
// not (their parsed tree feeds the README).
var treeRead = []string{"outputs.tf", generator.PromisesTestFile, "versions.tf"}

// TestProvenTable writes (with -update) or checks templates/proven.txt:
// every HCL file that every golden answer set and every shape generates,
// parsed anew, and canonical as generated (what is not canonical is left
// out, so it is parsed at run time and TestGeneratedHCLIsCanonical reports
// it). A template change that alters what is generated makes the table
// stale; the generator would still be right (it parses what the table does
// not list), only slower, but this test fails so that the table is
// rewritten with the change.
func TestProvenTable(t *testing.T) {
	var mu sync.Mutex
	lines := map[string]bool{}
	reset := generator.SetParsedHook(func(p string, data []byte, refs string) {
		if slices.Contains(treeRead, p) || !bytes.Equal(hclwrite.Format(data), data) {
			return
		}
		line := generator.ProvenKey(p, data) + " " + p
		if refs != "" {
			line += " " + refs
		}
		mu.Lock()
		lines[line] = true
		mu.Unlock()
	})
	defer reset()
	for _, set := range everyAnswerSet(t) {
		if _, err := generator.GenerateUncached(set.b, set.a); err != nil {
			t.Fatalf("%s: %v", set.name, err)
		}
	}
	reset()
	sorted := make([]string, 0, len(lines))
	for l := range lines {
		sorted = append(sorted, l)
	}
	slices.Sort(sorted)
	text := strings.Join(sorted, "\n") + "\n"
	if *update {
		if err := os.WriteFile(provenPath, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if text != templates.ProvenHCL {
		t.Errorf("templates/proven.txt is out of date (%d files now, %d listed): run go test ./generator -run TestProvenTable -update",
			len(sorted), strings.Count(templates.ProvenHCL, "\n"))
	}
}

// TestProvenTableCoversTheDefaults checks that, with every blueprint's
// default answers, a generation parses at run time only the files whose
// parsed tree it reads: the run-time saving docs/performance.md reports
// rests on it.
func TestProvenTableCoversTheDefaults(t *testing.T) {
	var mu sync.Mutex
	var parsed []string
	reset := generator.SetParsedHook(func(p string, _ []byte, _ string) {
		mu.Lock()
		parsed = append(parsed, p)
		mu.Unlock()
	})
	defer reset()
	for _, b := range blueprints.All() {
		res, err := b.Resolve(nil, nil, true)
		if err != nil {
			t.Fatal(err)
		}
		parsed = nil
		if _, err := generator.Generate(b, res.Answers); err != nil {
			t.Fatal(err)
		}
		for _, p := range parsed {
			if !slices.Contains(treeRead, p) {
				t.Errorf("%s: %s was parsed at run time: proven.txt does not list it", b.ID, p)
			}
		}
	}
}

// TestProvenTableLieIsCaught puts in a proven.txt that hides every read of
// a local value from the pruning of unread locals, and requires that a
// generation then writes other bytes than one that parses every file: so
// generation does read the table, and TestStaticParseCacheAgrees, which
// compares the two for every answer set, would catch a wrong table.
func TestProvenTableLieIsCaught(t *testing.T) {
	var lying []string
	for line := range strings.Lines(templates.ProvenHCL) {
		var kept []string
		for _, f := range strings.Fields(line) {
			if !strings.HasPrefix(f, "*=") {
				kept = append(kept, f)
			}
		}
		lying = append(lying, strings.Join(kept, " "))
	}
	b := blueprints.Lookup("web-app")
	res, err := b.Resolve(nil, nil, true)
	if err != nil {
		t.Fatal(err)
	}
	fresh, err := generator.GenerateUncached(b, res.Answers)
	if err != nil {
		t.Fatal(err)
	}
	reset := generator.SetProvenTable(strings.Join(lying, "\n"))
	defer reset()
	lied, err := generator.Generate(b, res.Answers)
	if err != nil {
		t.Fatal(err)
	}
	same := len(lied) == len(fresh)
	for i := 0; same && i < len(fresh); i++ {
		same = lied[i].Path == fresh[i].Path && bytes.Equal(lied[i].Data, fresh[i].Data)
	}
	if same {
		t.Fatal("a proven.txt that hides every read of a local value changed nothing: generation does not read the table, or a wrong table could pass unnoticed")
	}
}
