package prove

import (
	"fmt"
	"path/filepath"
	"sort"

	"github.com/scaffold-tf/scaffold/blueprints"
	"github.com/scaffold-tf/scaffold/blueprints/spec"
	"github.com/scaffold-tf/scaffold/generator"
	"github.com/scaffold-tf/scaffold/internal/tftest"
)

// Case is one module to prove.
type Case struct {
	Name string // <blueprint>/<case>, as in the golden tree

	// Exactly one of Answers and Module is set.
	Blueprint *spec.Blueprint
	Answers   string // answers.hcl of a golden case
	Module    string // a ready-made module folder (the harness's own tests)
}

// GoldenCases lists golden/<blueprint>/<case>/answers.hcl under root, the
// same answer sets the golden tests pin, sorted by name.
func GoldenCases(root string) ([]Case, error) {
	files, err := filepath.Glob(filepath.Join(root, "*", "*", "answers.hcl"))
	if err != nil {
		return nil, err
	}
	var cases []Case
	for _, f := range files {
		dir := filepath.Dir(f)
		id := filepath.Base(filepath.Dir(dir))
		bp := blueprints.Lookup(id)
		if bp == nil {
			return nil, fmt.Errorf("%s: no blueprint %q", f, id)
		}
		cases = append(cases, Case{Name: id + "/" + filepath.Base(dir), Blueprint: bp, Answers: f})
	}
	if len(cases) == 0 {
		return nil, fmt.Errorf("no golden answer sets under %s (want <blueprint>/<case>/answers.hcl)", root)
	}
	sort.Slice(cases, func(i, j int) bool { return cases[i].Name < cases[j].Name })
	return cases, nil
}

// materialise writes the case's module into dir, which must not exist.
func (c Case) materialise(dir string) error {
	if c.Module != "" {
		return tftest.CopyTree(c.Module, dir)
	}
	id, given, err := spec.ReadAnswersFile(c.Answers)
	if err != nil {
		return err
	}
	if id != "" && id != c.Blueprint.ID {
		return fmt.Errorf("%s names blueprint %q, its folder says %q", c.Answers, id, c.Blueprint.ID)
	}
	given, err = c.Blueprint.ConvertGiven(given)
	if err != nil {
		return err
	}
	res, err := c.Blueprint.Resolve(given, nil, true)
	if err != nil {
		return fmt.Errorf("answers rejected: %w", err)
	}
	files, err := generator.Generate(c.Blueprint, res.Answers)
	if err != nil {
		return err
	}
	return generator.Write(dir, files, false)
}
