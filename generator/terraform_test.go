package generator_test

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"

	"github.com/scaffold-tf/scaffold/generator"
	"github.com/scaffold-tf/scaffold/internal/tftest"
)

// moduleTestsRequired: a generated module without tests/*.tftest.hcl fails
// TestTerraformModules; every module ships its own tests.
const moduleTestsRequired = true

// TestMain removes the provider installation the terraform tests share.
func TestMain(m *testing.M) {
	code := m.Run()
	tftest.RemoveShared()
	os.Exit(code)
}

// distinctModule is one generated module and the golden cases that generate
// exactly its bytes.
type distinctModule struct {
	cases []string
	files []generator.File
}

// distinctModules generates every golden case and groups the cases whose
// modules are byte for byte the same, in the order of goldenCases.
func distinctModules(t *testing.T) []*distinctModule {
	t.Helper()
	var mods []*distinctModule
	byHash := map[string]*distinctModule{}
	for _, c := range goldenCases(t) {
		files := generateCase(t, c)
		key := moduleKey(files)
		if m := byHash[key]; m != nil {
			m.cases = append(m.cases, c.Name)
			continue
		}
		m := &distinctModule{cases: []string{c.Name}, files: files}
		byHash[key] = m
		mods = append(mods, m)
	}
	return mods
}

// moduleKey is a digest of a module's paths and bytes: two modules have the
// same key when they hold the same files with the same bytes.
func moduleKey(files []generator.File) string {
	h := sha256.New()
	for _, f := range files {
		// Each file's path and length first, so no two file sets hash
		// alike by moving bytes from one file into the next.
		_ = json.NewEncoder(h).Encode([]any{f.Path, len(f.Data)})
		h.Write(f.Data)
	}
	return hex.EncodeToString(h.Sum(nil))
}

func TestModuleKey(t *testing.T) {
	a := []generator.File{{Path: "a.tf", Data: []byte("ab")}, {Path: "b.tf", Data: []byte("c")}}
	same := []generator.File{{Path: "a.tf", Data: []byte("ab")}, {Path: "b.tf", Data: []byte("c")}}
	shifted := []generator.File{{Path: "a.tf", Data: []byte("a")}, {Path: "b.tf", Data: []byte("bc")}}
	renamed := []generator.File{{Path: "a.tf", Data: []byte("ab")}, {Path: "c.tf", Data: []byte("c")}}
	if moduleKey(a) != moduleKey(same) {
		t.Error("two identical modules have different keys")
	}
	if moduleKey(a) == moduleKey(shifted) || moduleKey(a) == moduleKey(renamed) {
		t.Error("two different modules share a key, so terraform would run on only one of them")
	}
}

// TestTerraformModules runs the real terraform on the module of every golden
// answer set, once per distinct module: `terraform fmt -check`, `terraform
// validate` (no errors, no warnings), and `terraform test`, which runs the
// module's own tests/*.tftest.hcl (plans against mock providers) with its
// terraform.tfvars.
func TestTerraformModules(t *testing.T) {
	tf := tftest.Find(t)
	for _, m := range distinctModules(t) {
		t.Run(m.cases[0], func(t *testing.T) {
			t.Parallel()
			if len(m.cases) > 1 {
				t.Logf("the same module as %s: one terraform run for all of them", strings.Join(m.cases[1:], ", "))
			}
			dir := filepath.Join(t.TempDir(), "module")
			if err := generator.Write(dir, m.files, false); err != nil {
				t.Fatal(err)
			}
			if out, err := tf.Run(dir, "fmt", "-check", "-recursive", "-list=true", "-no-color"); err != nil {
				t.Fatalf("terraform fmt -check would change these files (the templates or the generator's formatting need fixing):\n%s", out)
			}
			if err := tf.Init(dir); err != nil {
				t.Fatal(err)
			}
			terraformValidate(t, tf, dir)
			tests, err := filepath.Glob(filepath.Join(dir, "tests", "*.tftest.hcl"))
			if err != nil {
				t.Fatal(err)
			}
			if len(tests) == 0 {
				msg := "the module has no tests/*.tftest.hcl, so terraform test has nothing to run; add them to the blueprint's templates"
				if moduleTestsRequired {
					t.Fatal(msg + " (required: SCAFFOLD_REQUIRE_MODULE_TESTS=1)")
				}
				t.Log(msg + " (not yet required; SCAFFOLD_REQUIRE_MODULE_TESTS=1 makes this a failure)")
				return
			}
			res, err := tf.Test(dir)
			if err != nil {
				t.Fatal(err)
			}
			if !res.Passed() {
				t.Fatalf("terraform test failed in the module of %s:\n%s", strings.Join(m.cases, ", "), res.Problems())
			}
			t.Logf("terraform test: %d run blocks passed in %d files", len(res.Runs), len(tests))
		})
	}
}

// terraformValidate runs `terraform validate -json` in dir and fails on any
// error or warning.
func terraformValidate(t *testing.T, tf *tftest.Terraform, dir string) {
	t.Helper()
	out, err := tf.Run(dir, "validate", "-json", "-no-color")
	var res tfjson.ValidateOutput
	if jerr := json.Unmarshal(out, &res); jerr != nil {
		t.Fatalf("terraform validate printed no JSON report (%v): %v\n%s", jerr, err, out)
	}
	for _, d := range res.Diagnostics {
		t.Errorf("terraform validate %s", tftest.DiagnosticString(d))
	}
	if !res.Valid || err != nil {
		t.Fatalf("terraform validate: the module is not valid")
	}
}
