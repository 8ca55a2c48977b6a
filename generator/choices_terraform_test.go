package generator_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclwrite"

	"github.com/scaffold-tf/scaffold/blueprints"
	"github.com/scaffold-tf/scaffold/blueprints/spec"
	"github.com/scaffold-tf/scaffold/generator"
	"github.com/scaffold-tf/scaffold/internal/tftest"
)

// choicesTestFile is the test file TestEveryChoicePlans adds to a copy of a
// blueprint's default module.
const choicesTestFile = "tests/choices.tftest.hcl"

// TestEveryChoicePlans plans every value scaffold accepts for a choice
// question, and every flip of a yes/no question, that changes only the
// module's values: each on its own over the other defaults, in the default
// module of its blueprint, with the terraform.tfvars scaffold writes for it
// and the module's own mock provider. A choice that changes the module's
// shape has a golden case (TestEveryShapingChoiceHasAGoldenCase), which
// TestTerraformModules plans; this closes the rest: a value the Go checks
// and the variable's validation accept but the provider refuses (ci-pipeline
// once offered build_cache NONE, which CodeBuild calls NO_CACHE, and no
// golden case planned it).
func TestEveryChoicePlans(t *testing.T) {
	tf := tftest.Find(t)
	for _, b := range blueprints.All() {
		t.Run(b.ID, func(t *testing.T) {
			t.Parallel()
			def, err := b.Resolve(nil, nil, true)
			if err != nil {
				t.Fatal(err)
			}
			base, err := generator.Generate(b, def.Answers)
			if err != nil {
				t.Fatal(err)
			}
			var runs bytes.Buffer
			var planned []string
			for _, alt := range b.Alternatives(def.Answers) {
				res, err := b.Resolve(map[string]spec.Given{alt.Key: {Value: alt.Value, Source: spec.FromFlag}}, nil, true)
				if err != nil {
					continue // refused with the other defaults: nothing to plan
				}
				files, err := generator.Generate(b, res.Answers)
				if err != nil {
					t.Fatalf("%s = %s: %v", alt.Key, spec.Display(alt.Value), err)
				}
				if fileOf(t, files, "terraform.tfvars") == fileOf(t, base, "terraform.tfvars") || shapeOf(files) != shapeOf(base) {
					continue // the same values, or a shape its golden case plans
				}
				name := fmt.Sprintf("%s_%s", alt.Key, strings.ToLower(spec.Display(alt.Value)))
				name = strings.Map(func(r rune) rune {
					if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_' {
						return r
					}
					return '_'
				}, name)
				fmt.Fprintf(&runs, "\nrun %q {\n  command = plan\n\n  variables {\n%s  }\n}\n", name, indent(fileOf(t, files, "terraform.tfvars")))
				planned = append(planned, alt.Key+" = "+spec.Display(alt.Value))
			}
			if len(planned) == 0 {
				t.Skip("no choice of this blueprint changes only values") // not a pass: nothing was planned
			}
			dir := filepath.Join(t.TempDir(), "module")
			if err := generator.Write(dir, base, false); err != nil {
				t.Fatal(err)
			}
			head, err := withoutRuns([]byte(fileOf(t, base, generator.PromisesTestFile)))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, choicesTestFile), append(head, runs.Bytes()...), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := tf.Init(dir); err != nil {
				t.Fatal(err)
			}
			res, err := tf.Test(dir, "-filter="+choicesTestFile)
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Runs) != len(planned) || !res.Passed() {
				t.Fatalf("planning each choice on its own (%d runs for %d choices):\n%s\nchoices: %s", len(res.Runs), len(planned), res.Problems(), strings.Join(planned, "; "))
			}
			t.Logf("planned %d choices: %s", len(planned), strings.Join(planned, "; "))
		})
	}
}

// shapeOf is the module apart from the files that carry answer values
// (those of the coverage test's shapeFiles, and the snapshot, which holds
// them all), joined: the Terraform, and the sources a function is packaged
// from.
func shapeOf(files []generator.File) string {
	var buf bytes.Buffer
	for _, f := range files {
		switch f.Path {
		case "terraform.tfvars", "variables.tf", spec.AnswersFileName, "README.md", generator.ValidationsTestFile, generator.PromisesTestFile, generator.SnapshotPath:
			continue
		}
		buf.WriteString(f.Path + "\n")
		buf.Write(f.Data)
	}
	return buf.String()
}

// indent is the attribute lines of a terraform.tfvars, indented for a
// variables block of a run.
func indent(tfvars string) string {
	var out strings.Builder
	for _, l := range strings.SplitAfter(tfvars, "\n") {
		if strings.TrimSpace(l) != "" && !strings.HasPrefix(strings.TrimSpace(l), "#") {
			out.WriteString("    " + l)
		}
	}
	return out.String()
}

// withoutRuns is a test file with its run blocks removed: its mock provider
// and overrides, for runs of another file.
func withoutRuns(src []byte) ([]byte, error) {
	f, diags := hclwrite.ParseConfig(src, generator.PromisesTestFile, hcl.InitialPos)
	if diags.HasErrors() {
		return nil, diags
	}
	for _, blk := range f.Body().Blocks() {
		if blk.Type() == "run" {
			f.Body().RemoveBlock(blk)
		}
	}
	return f.Bytes(), nil
}
