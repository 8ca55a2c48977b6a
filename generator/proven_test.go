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

// treeRead are the files the README reads: proven.txt also records what
// it reads of them, after a tab.
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
	reset := generator.SetParsedHook(func(p string, data []byte, refs, facts string) {
		if !bytes.Equal(hclwrite.Format(data), data) {
			return
		}
		line := generator.ProvenKey(p, data) + " " + p
		if refs != "" {
			line += " " + refs
		}
		if slices.Contains(treeRead, p) {
			if facts == "" {
				return // the README cannot take it: parsed at run time, which reports why
			}
			line += "\t" + facts
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
	reset := generator.SetParsedHook(func(p string, _ []byte, _, _ string) {
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
			t.Errorf("%s: %s was parsed at run time: proven.txt does not list it", b.ID, p)
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
		line, facts, hasFacts := strings.Cut(strings.TrimSuffix(line, "\n"), "\t")
		var kept []string
		for _, f := range strings.Fields(line) {
			if !strings.HasPrefix(f, "*=") {
				kept = append(kept, f)
			}
		}
		if hasFacts {
			kept[len(kept)-1] += "\t" + facts
		}
		lying = append(lying, strings.Join(kept, " "))
	}
	assertLieChanges(t, strings.Join(lying, "\n"), "hides every read of a local value from the pruning of unread locals")
}

// TestProvenTableREADMEFactsAreRead puts in a proven.txt whose record of
// what the README reads of outputs.tf has every description changed, and
// requires that the README then differs from one written from outputs.tf
// as parsed: the README does take those facts from the table for a proven
// file, and TestStaticParseCacheAgrees would catch a wrong record.
func TestProvenTableREADMEFactsAreRead(t *testing.T) {
	var lying []string
	changed := 0
	for line := range strings.Lines(templates.ProvenHCL) {
		line = strings.TrimSuffix(line, "\n")
		if head, facts, ok := strings.Cut(line, "\t"); ok && strings.HasSuffix(strings.Fields(head)[1], "outputs.tf") {
			lied := strings.ReplaceAll(facts, `"description":"`, `"description":"not so: `)
			if lied != facts {
				changed++
			}
			line = head + "\t" + lied
		}
		lying = append(lying, line)
	}
	if changed == 0 {
		t.Fatal("proven.txt records no output description for outputs.tf: the README's facts are not in the table")
	}
	assertLieChanges(t, strings.Join(lying, "\n"), "changes what the README reads of outputs.tf")
}

// assertLieChanges generates web-app's defaults with table as proven.txt
// and fails unless that writes other bytes than a generation that parses
// every file.
func assertLieChanges(t *testing.T, table, lie string) {
	t.Helper()
	b := blueprints.Lookup("web-app")
	res, err := b.Resolve(nil, nil, true)
	if err != nil {
		t.Fatal(err)
	}
	fresh, err := generator.GenerateUncached(b, res.Answers)
	if err != nil {
		t.Fatal(err)
	}
	reset := generator.SetProvenTable(table)
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
		t.Fatalf("a proven.txt that %s changed nothing: generation does not read the table, or a wrong table could pass unnoticed", lie)
	}
}

// TestProvenLookupFindsEveryLine looks up every line of proven.txt by its
// key, and keys near them that the table does not hold: the search by
// halves over the text finds each line and nothing else.
func TestProvenLookupFindsEveryLine(t *testing.T) {
	lines := strings.Split(strings.TrimSuffix(templates.ProvenHCL, "\n"), "\n")
	if len(lines) < 100 || !slices.IsSorted(lines) {
		t.Fatalf("proven.txt: %d lines, sorted %v", len(lines), slices.IsSorted(lines))
	}
	for _, line := range lines {
		keyHex, rest, _ := strings.Cut(line, " ")
		rest, facts, _ := strings.Cut(rest, "\t")
		_, refs, _ := strings.Cut(rest, " ")
		got, ok := generator.LookupProven(templates.ProvenHCL, keyHex)
		if !ok || got != [2]string{refs, facts} {
			t.Fatalf("%s: found %v %q, want %q", keyHex, ok, got, [2]string{refs, facts})
		}
		// The same key with its last digit changed is not in the table
		// (unless that one is too).
		other := keyHex[:len(keyHex)-1] + string("1032547698badcfe"[strings.IndexByte("0123456789abcdef", keyHex[len(keyHex)-1])])
		if _, ok := generator.LookupProven(templates.ProvenHCL, other); ok && !strings.Contains(templates.ProvenHCL, other+" ") {
			t.Errorf("%s found, though the table does not hold it", other)
		}
	}
	for _, absent := range []string{strings.Repeat("0", 32), strings.Repeat("f", 32)} {
		if _, ok := generator.LookupProven(templates.ProvenHCL, absent); ok {
			t.Errorf("%s found", absent)
		}
	}
}
