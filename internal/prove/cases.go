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

	// Lifecycle adds the life-cycle pass after the first apply: every
	// tunable answer edited at once (from Samples and the spec, see
	// LifecycleEdits), re-plan, destroy, apply again, destroy again.
	Lifecycle bool
	Samples   []Sample       // the blueprint's conformance samples
	Others    []spec.Answers // the blueprint's other golden answer sets
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
	if err := chooseLifecycle(root, cases); err != nil {
		return nil, err
	}
	return cases, nil
}

// chooseLifecycle marks one case per blueprint for the life-cycle pass: the
// one where the most tunable answers apply, so the pass tests the most
// promises; on a tie, one not in prod, so that the edit takes the stack to
// prod and the rebuild cycle then takes two final database snapshots;
// then the first by name. One case per blueprint keeps CI time in bounds.
func chooseLifecycle(root string, cases []Case) error {
	best := map[string]int{} // blueprint → index of its chosen case
	score := make([][2]int, len(cases))
	all := make([]spec.Answers, len(cases))
	for i, c := range cases {
		a, err := c.answers()
		if err != nil {
			return err
		}
		all[i] = a
		for _, q := range c.Blueprint.Expand(a) {
			if Tunable(q, a) {
				score[i][0]++
			}
		}
		if a.String("environment") != "prod" {
			score[i][1] = 1
		}
		j, ok := best[c.Blueprint.ID]
		if !ok || score[i][0] > score[j][0] || (score[i][0] == score[j][0] && score[i][1] > score[j][1]) {
			best[c.Blueprint.ID] = i
		}
	}
	for id, i := range best {
		samples, err := ReadSamples(filepath.Join(root, id, "conformance.json"))
		if err != nil {
			return err
		}
		cases[i].Lifecycle, cases[i].Samples = true, samples
		for j, c := range cases {
			if j != i && c.Blueprint.ID == id {
				cases[i].Others = append(cases[i].Others, all[j])
			}
		}
	}
	return nil
}

// answers resolves the case's answers file, as scaffold does.
func (c Case) answers() (spec.Answers, error) {
	id, given, err := spec.ReadAnswersFile(c.Answers)
	if err != nil {
		return spec.Answers{}, err
	}
	if id != "" && id != c.Blueprint.ID {
		return spec.Answers{}, fmt.Errorf("%s names blueprint %q, its folder says %q", c.Answers, id, c.Blueprint.ID)
	}
	given, err = c.Blueprint.ConvertGiven(given)
	if err != nil {
		return spec.Answers{}, err
	}
	res, err := c.Blueprint.Resolve(given, nil, true)
	if err != nil {
		return spec.Answers{}, fmt.Errorf("answers rejected: %w", err)
	}
	return res.Answers, nil
}

// materialise writes the case's module into dir, which must not exist.
func (c Case) materialise(dir string) error {
	if c.Module != "" {
		return tftest.CopyTree(c.Module, dir)
	}
	a, err := c.answers()
	if err != nil {
		return err
	}
	files, err := generator.Generate(c.Blueprint, a)
	if err != nil {
		return err
	}
	return generator.Write(dir, files, false)
}
