package generator

import (
	"bytes"
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"text/template"
	"text/template/parse"

	"github.com/scaffold-tf/scaffold/blueprints"
	"github.com/scaffold-tf/scaffold/blueprints/spec"
	"github.com/scaffold-tf/scaffold/templates"
)

// branchMarks records which template branches ran.
type branchMarks struct {
	mu  sync.Mutex
	hit map[string]bool
}

func (m *branchMarks) mark(id string) string {
	m.mu.Lock()
	m.hit[id] = true
	m.mu.Unlock()
	return ""
}

// branchIDs instruments every if, else and range body of t with a call to
// mark, returning the ids of the branches it saw. A missing else of an if
// is a branch too: the case where the condition is false.
func branchIDs(t *template.Template, instrumentIt bool) ([]string, error) {
	var ids []string
	for _, tt := range t.Templates() {
		if tt.Tree == nil {
			continue
		}
		var walk func(n parse.Node) error
		markNode := func(id string) (parse.Node, error) {
			ids = append(ids, id)
			trees, err := parse.Parse("mark", fmt.Sprintf("{{mark %q}}", id), "{{", "}}", map[string]any{"mark": true})
			if err != nil {
				return nil, err
			}
			return trees["mark"].Root.Nodes[0], nil
		}
		branch := func(kind string, pos parse.Pos, list **parse.ListNode, suffix string) error {
			id := fmt.Sprintf("%s:%s@%d:%s", tt.ParseName, kind, pos, suffix)
			n, err := markNode(id)
			if err != nil {
				return err
			}
			if *list == nil {
				*list = &parse.ListNode{NodeType: parse.NodeList, Pos: pos}
			}
			if instrumentIt {
				(*list).Nodes = append([]parse.Node{n}, (*list).Nodes...)
			}
			return walk(*list)
		}
		walk = func(n parse.Node) error {
			switch x := n.(type) {
			case *parse.ListNode:
				if x == nil {
					return nil
				}
				for _, c := range slices.Clone(x.Nodes) {
					if err := walk(c); err != nil {
						return err
					}
				}
			case *parse.IfNode:
				if err := branch("if", x.Pos, &x.List, "then"); err != nil {
					return err
				}
				return branch("if", x.Pos, &x.ElseList, "else")
			case *parse.RangeNode:
				if err := branch("range", x.Pos, &x.List, "body"); err != nil {
					return err
				}
				// An empty range renders nothing: a branch only when it
				// says something of its own.
				if x.ElseList != nil {
					return branch("range", x.Pos, &x.ElseList, "empty")
				}
			case *parse.WithNode:
				if err := branch("with", x.Pos, &x.List, "then"); err != nil {
					return err
				}
				return branch("with", x.Pos, &x.ElseList, "else")
			}
			return nil
		}
		if err := walk(tt.Tree.Root); err != nil {
			return nil, err
		}
	}
	return ids, nil
}

// TestEveryTemplateBranchIsReached renders every golden case with each
// template branch marked, and names any branch (an if's then and else, a
// range's body and its empty case) that no golden case reaches: an answer
// that changes the module's shape must be proven by a golden case, which
// `terraform test` and the proof harness then check.
func TestEveryTemplateBranchIsReached(t *testing.T) {
	marks := &branchMarks{hit: map[string]bool{}}
	funcs["mark"] = marks.mark
	instrument = func(tpl *template.Template) error {
		// The partials were parsed before this test added mark.
		tpl.Funcs(template.FuncMap{"mark": marks.mark})
		_, err := branchIDs(tpl, true)
		return err
	}
	defer func() { instrument = nil; delete(funcs, "mark") }()
	for _, c := range goldenAnswerSets(t) {
		if _, err := Generate(c.b, c.a); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
	}
	// Every branch of every template, whether or not a case renders it.
	all := map[string]bool{}
	err := eachTemplateFile(func(p string, tpl *template.Template) error {
		ids, err := branchIDs(tpl, false)
		for _, id := range ids {
			all[id] = true
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	var missed []string
	for id := range all {
		if !marks.hit[id] {
			missed = append(missed, atLine(id))
		}
	}
	sort.Strings(missed)
	if len(missed) > 0 {
		t.Errorf("no golden case reaches these template branches ; add a case under golden/ whose answers take them:\n  %s", strings.Join(missed, "\n  "))
	}
	if len(all) == 0 {
		t.Fatal("found no template branch at all: the instrumentation is broken")
	}
}

// TestEveryShapingChoiceHasAGoldenCase generates, for each choice of each
// question, the defaults with that choice, and when the choice changes the
// module beyond its variable values, requires a golden case that makes it.
func TestEveryShapingChoiceHasAGoldenCase(t *testing.T) {
	cases := goldenAnswerSets(t)
	common := map[string]bool{}
	for _, q := range blueprints.CommonQuestions() {
		if q.Key != commentsKey { // the comments follow each blueprint's own templates
			common[q.Key] = true
		}
	}
	for _, b := range blueprints.All() {
		def, err := b.Resolve(nil, nil, true)
		if err != nil {
			t.Fatal(err)
		}
		base := shapeFiles(t, b, def.Answers)
		for _, alt := range b.Alternatives(def.Answers) {
			res, err := b.Resolve(map[string]spec.Given{alt.Key: {Value: alt.Value, Source: spec.FromFlag}}, nil, true)
			if err != nil {
				continue // not valid with the other defaults
			}
			if shapeFiles(t, b, res.Answers) == base {
				continue
			}
			// A common question (state_backend, ci_workflow) shapes only the
			// files of the common components, which read no blueprint answer:
			// a golden case of any blueprint renders what it would render in
			// every other.
			sameBlueprint := !common[alt.Key]
			if !slices.ContainsFunc(cases, func(c answerSet) bool {
				return (c.b.ID == b.ID || !sameBlueprint) && c.a.Has(alt.Key) && c.a.Get(alt.Key).RawEquals(alt.Value)
			}) {
				t.Errorf("%s: %s = %s changes the module's shape, but no golden case sets it; add one under golden/%s/", b.ID, alt.Key, spec.Display(alt.Value), b.ID)
			}
		}
	}
}

// shapeFiles is the module's Terraform apart from the files that only
// carry answer values, joined: equal for two answer sets of the same shape.
func shapeFiles(t *testing.T, b *spec.Blueprint, a spec.Answers) string {
	files, err := Generate(b, a)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	for _, f := range files {
		switch f.Path {
		case "terraform.tfvars", "variables.tf", spec.AnswersFileName, "README.md", ValidationsTestFile, PromisesTestFile:
			continue
		}
		if !isHCL(f.Path) {
			continue
		}
		buf.WriteString(f.Path + "\n")
		buf.Write(f.Data)
	}
	return buf.String()
}

type answerSet struct {
	name string
	b    *spec.Blueprint
	a    spec.Answers
}

// goldenAnswerSets reads the answers of every case under golden/.
func goldenAnswerSets(t *testing.T) []answerSet {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("..", "golden", "*", "*", "answers.hcl"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no golden cases: %v", err)
	}
	var out []answerSet
	for _, p := range paths {
		b := blueprints.Lookup(filepath.Base(filepath.Dir(filepath.Dir(p))))
		_, given, err := spec.ReadAnswersFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if given, err = b.ConvertGiven(given); err != nil {
			t.Fatal(err)
		}
		res, err := b.Resolve(given, nil, true)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		out = append(out, answerSet{name: p, b: b, a: res.Answers})
	}
	return out
}

// atLine turns "file:kind@offset:branch" into "file:line: kind ... branch".
func atLine(id string) string {
	file, rest, _ := strings.Cut(id, ":")
	kind, rest, _ := strings.Cut(rest, "@")
	offset, branch, _ := strings.Cut(rest, ":")
	src, _ := fs.ReadFile(templates.FS, file)
	var n int
	fmt.Sscan(offset, &n)
	line := 1 + bytes.Count(src[:min(n, len(src))], []byte("\n"))
	return fmt.Sprintf("%s:%d: the %s branch of this %s", file, line, branch, kind)
}

// eachTemplateFile parses, each on its own with the generator's functions,
// every template file in a folder of the embedded templates (the
// components' and the partials'; README.md.tmpl, rendered apart, is left
// out), and calls fn with its path and parse.
func eachTemplateFile(fn func(p string, tpl *template.Template) error) error {
	return fs.WalkDir(templates.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".tmpl") || !strings.Contains(p, "/") {
			return err
		}
		src, err := fs.ReadFile(templates.FS, p)
		if err != nil {
			return err
		}
		tpl, err := template.New(p).Funcs(funcs).Parse(string(src))
		if err != nil {
			return err
		}
		return fn(p, tpl)
	})
}
