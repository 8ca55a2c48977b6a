package generator_test

import (
	"bytes"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/hclwrite"

	"github.com/scaffold-tf/scaffold/blueprints"
	"github.com/scaffold-tf/scaffold/blueprints/spec"
	"github.com/scaffold-tf/scaffold/generator"
)

var update = flag.Bool("update", false, "rewrite the expected trees under golden/")

// goldenRoot holds golden/<blueprint>/<case>/answers.hcl (the input) and
// golden/<blueprint>/<case>/want/ (the expected module).
const goldenRoot = "../golden"

// GoldenCase is one answer set and its expected tree.
type GoldenCase struct {
	Blueprint *spec.Blueprint
	Name      string // <blueprint>/<case>
	Dir       string
}

// goldenCases walks golden/ on disk: adding a case is adding a folder.
func goldenCases(t testing.TB) []GoldenCase {
	t.Helper()
	answers, err := filepath.Glob(filepath.Join(goldenRoot, "*", "*", "answers.hcl"))
	if err != nil {
		t.Fatal(err)
	}
	var cases []GoldenCase
	for _, a := range answers {
		dir := filepath.Dir(a)
		bpID := filepath.Base(filepath.Dir(dir))
		bp := blueprints.Lookup(bpID)
		if bp == nil {
			t.Fatalf("%s: no blueprint %q", a, bpID)
		}
		cases = append(cases, GoldenCase{Blueprint: bp, Name: bpID + "/" + filepath.Base(dir), Dir: dir})
	}
	return cases
}

// generateCase resolves a case's answers (defaults for the rest) and
// generates its module.
func generateCase(t testing.TB, c GoldenCase) []generator.File {
	t.Helper()
	files, err := generator.Generate(c.Blueprint, resolveCase(t, c))
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// resolveCase reads a case's answers and resolves them, defaults for the
// rest.
func resolveCase(t testing.TB, c GoldenCase) spec.Answers {
	t.Helper()
	id, given, err := spec.ReadAnswersFile(filepath.Join(c.Dir, "answers.hcl"))
	if err != nil {
		t.Fatal(err)
	}
	if id != "" && id != c.Blueprint.ID {
		t.Fatalf("answers.hcl names blueprint %q, folder says %q", id, c.Blueprint.ID)
	}
	given, err = c.Blueprint.ConvertGiven(given)
	if err != nil {
		t.Fatal(err)
	}
	res, err := c.Blueprint.Resolve(given, nil, true)
	if err != nil {
		t.Fatalf("answers rejected: %v", err)
	}
	return res.Answers
}

func TestGolden(t *testing.T) {
	cases := goldenCases(t)
	perBlueprint := map[string]int{}
	for _, c := range cases {
		perBlueprint[c.Blueprint.ID]++
	}
	for _, bp := range blueprints.All() {
		if perBlueprint[bp.ID] < 2 {
			t.Errorf("blueprint %s has %d golden case(s); it needs at least the defaults and one with every option on", bp.ID, perBlueprint[bp.ID])
		}
	}
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			t.Parallel()
			files := generateCase(t, c)
			want := filepath.Join(c.Dir, "want")
			if *update {
				if err := os.RemoveAll(want); err != nil {
					t.Fatal(err)
				}
				if err := generator.Write(want, files, false); err != nil {
					t.Fatal(err)
				}
				return
			}
			compareTree(t, want, files)
		})
	}
}

func compareTree(t *testing.T, want string, files []generator.File) {
	t.Helper()
	got := map[string][]byte{}
	for _, f := range files {
		got[f.Path] = f.Data
	}
	onDisk := map[string][]byte{}
	err := filepath.WalkDir(want, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(want, p)
		data, err := os.ReadFile(p)
		onDisk[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatalf("%v (run `go test ./generator -run TestGolden -update` to create it)", err)
	}
	var paths []string
	for p := range got {
		paths = append(paths, p)
	}
	for p := range onDisk {
		if _, ok := got[p]; !ok {
			paths = append(paths, p)
		}
	}
	sort.Strings(paths)
	for _, p := range paths {
		g, inGot := got[p]
		w, inWant := onDisk[p]
		switch {
		case !inWant:
			t.Errorf("%s: generated but not in %s", p, want)
		case !inGot:
			t.Errorf("%s: expected but not generated", p)
		case !bytes.Equal(g, w):
			t.Errorf("%s differs from the golden copy:\n%s\n(run `go test ./generator -run TestGolden -update` if the change is intended)", p, firstDiff(string(w), string(g)))
		}
	}
}

// firstDiff shows the first differing line with a little context.
func firstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return "line " + strconv.Itoa(i+1) + ":\n  want: " + w + "\n  got:  " + g
		}
	}
	return "(only line endings differ)"
}

// TestGeneratedHCLIsCanonical re-parses every generated HCL file and checks
// that formatting it again changes nothing.
func TestGeneratedHCLIsCanonical(t *testing.T) {
	sets := everyAnswerSet(t)
	for _, set := range sets {
		t.Run(set.name, func(t *testing.T) {
			t.Parallel()
			files, err := generator.Generate(set.b, set.a)
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range files {
				switch filepath.Ext(f.Path) {
				case ".tf", ".tfvars", ".hcl":
				default:
					continue
				}
				if _, diags := hclsyntax.ParseConfig(f.Data, f.Path, hcl.InitialPos); diags.HasErrors() {
					t.Errorf("%s does not parse: %s", f.Path, diags.Error())
					continue
				}
				if formatted := hclwrite.Format(f.Data); !bytes.Equal(formatted, f.Data) {
					t.Errorf("%s is not canonically formatted as rendered (the generator does not format it: fix the template's alignment):\n%s", f.Path, firstDiff(string(formatted), string(f.Data)))
				}
			}
		})
	}
}

// TestStaticParseCacheAgrees checks, for every golden answer set and every
// shape, that a generation that reuses the parse of static templates
// (templates without actions, parsed once per process) and takes the files
// listed in templates/proven.txt as parsed, with the local values the table
// records, writes the same bytes as one that parses every file anew: both
// may only save time, never change what is written (issue 15).
// TestProvenTableLieIsCaught shows that a wrong table would change them.
func TestStaticParseCacheAgrees(t *testing.T) {
	for _, set := range everyAnswerSet(t) {
		t.Run(set.name, func(t *testing.T) {
			t.Parallel()
			// Twice cached, so the second certainly reuses the memo.
			if _, err := generator.Generate(set.b, set.a); err != nil {
				t.Fatal(err)
			}
			cached, err := generator.Generate(set.b, set.a)
			if err != nil {
				t.Fatal(err)
			}
			fresh, err := generator.GenerateUncached(set.b, set.a)
			if err != nil {
				t.Fatal(err)
			}
			if len(cached) != len(fresh) {
				t.Fatalf("%d files with the memoised parse, %d without", len(cached), len(fresh))
			}
			for i := range cached {
				if cached[i].Path != fresh[i].Path || !bytes.Equal(cached[i].Data, fresh[i].Data) {
					t.Errorf("%s differs with the memoised parse of static templates:\n%s", fresh[i].Path, firstDiff(string(fresh[i].Data), string(cached[i].Data)))
				}
			}
		})
	}
}

// answerSet is one blueprint with resolved answers, named for subtests.
type answerSet struct {
	name string
	b    *spec.Blueprint
	a    spec.Answers
}

// everyAnswerSet is every golden answer set and every shape: the defaults
// with each choice of each question in turn, so each template branch is
// checked beside its neighbours'.
func everyAnswerSet(t *testing.T) []answerSet {
	t.Helper()
	var sets []answerSet
	for _, c := range goldenCases(t) {
		sets = append(sets, answerSet{c.Name, c.Blueprint, resolveCase(t, c)})
	}
	for _, b := range blueprints.All() {
		def, err := b.Resolve(nil, nil, true)
		if err != nil {
			t.Fatal(err)
		}
		for _, alt := range b.Alternatives(def.Answers) {
			res, err := b.Resolve(map[string]spec.Given{alt.Key: {Value: alt.Value, Source: spec.FromFlag}}, nil, true)
			if err == nil {
				sets = append(sets, answerSet{b.ID + "/" + alt.Key + "=" + spec.Display(alt.Value), b, res.Answers})
			}
		}
	}
	return sets
}

// TestDeterministic generates every case twice and compares the bytes.
func TestDeterministic(t *testing.T) {
	for _, c := range goldenCases(t) {
		a, b := generateCase(t, c), generateCase(t, c)
		if len(a) != len(b) {
			t.Fatalf("%s: %d files, then %d", c.Name, len(a), len(b))
		}
		for i := range a {
			if a[i].Path != b[i].Path || !bytes.Equal(a[i].Data, b[i].Data) {
				t.Errorf("%s: %s differs between two generations", c.Name, a[i].Path)
			}
		}
	}
}
