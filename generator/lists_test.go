package generator_test

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/scaffold-tf/scaffold/blueprints"
	"github.com/scaffold-tf/scaffold/blueprints/rules"
	"github.com/scaffold-tf/scaffold/blueprints/spec"
	"github.com/scaffold-tf/scaffold/generator"
	"github.com/scaffold-tf/scaffold/internal/tftest"
)

// listFixture is a test-only blueprint holding list answers of each shape:
// services tunes (Items, Unique and Each rules), zones selects the shape
// (pinned), aliases selects it by being set or empty. Its module is the
// base component with the name, environment and region of web-app.
func listFixture() *spec.Blueprint {
	b := &spec.Blueprint{
		ID: "list-fixture", Title: "List answers (test fixture)", Flow: spec.Graph{Nodes: []spec.Node{{ID: "nothing", Label: "Nothing", Component: "base"}}},
		Summary:    "A module of variables only, for the tests of list answers.",
		Components: func(spec.Answers) []spec.Component { return []spec.Component{{Name: "base"}, {Name: "kms"}} },
	}
	for _, q := range blueprints.WebApp().Questions {
		if slices.Contains([]string{"name", "region", "environment"}, q.Key) {
			b.Questions = append(b.Questions, q)
		}
	}
	b.Questions = append(b.Questions,
		&spec.Question{
			Key: "services", Prompt: "Services", Help: "One service each.", Type: spec.ListOfStrings,
			Default: spec.Fixed(spec.ListVal([]string{"app"})),
			Rules: []spec.Rule{
				rules.Items(1, 5),
				rules.Unique(),
				rules.Each(rules.Length(1, 20)),
				rules.Each(rules.Matches(`^[a-z][a-z0-9-]*$`, "start with a lowercase letter and hold only lowercase letters, digits and hyphens")),
			},
		},
		&spec.Question{
			Key: "zones", Prompt: "Zones", Type: spec.ListOfStrings, Shape: spec.Selects,
			Default: spec.Fixed(spec.ListVal([]string{"a"})),
			Rules:   []spec.Rule{rules.Items(1, 3), rules.Each(rules.Matches(`^[abc]$`, "be a, b or c"))},
		},
		&spec.Question{
			Key: "aliases", Prompt: "Aliases", Type: spec.ListOfStrings, Shape: spec.SelectsWhenSet,
			Default: spec.Fixed(spec.ListVal(nil)),
			Rules:   []spec.Rule{rules.Items(0, 2), rules.Each(rules.Matches(`^[a-z0-9.-]+$`, "be a host name"))},
		},
	)
	return b
}

func init() { testBlueprints["list-fixture"] = listFixture() }

// generateFrom resolves given answers (defaults for the rest) and generates
// the module, as `scaffold new --yes` does.
func generateFrom(t *testing.T, b *spec.Blueprint, given map[string]spec.Given) map[string][]byte {
	t.Helper()
	res, err := b.Resolve(given, nil, true)
	if err != nil {
		t.Fatal(err)
	}
	files, err := generator.Generate(b, res.Answers)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, f := range files {
		out[f.Path] = f.Data
	}
	return out
}

// fromFile reads answers the way `--answers FILE` does.
func fromFile(t *testing.T, b *spec.Blueprint, path string) map[string]spec.Given {
	t.Helper()
	_, raw, err := spec.ReadAnswersFile(path)
	if err != nil {
		t.Fatal(err)
	}
	given, err := b.ConvertGiven(raw)
	if err != nil {
		t.Fatal(err)
	}
	return given
}

// TestListAnswersEndToEnd generates the fixture's module from list answers
// given by --set, by an HCL answers file and by a JSON one: the same bytes
// each time, holding the lists in variables.tf, terraform.tfvars and the
// answers file (which regenerates them), and terraform accepts the module
// and runs its tests, whose validation runs refuse bad lists.
func TestListAnswersEndToEnd(t *testing.T) {
	b := listFixture()
	sets := map[string]string{"services": " api , web ", "zones": "a,b", "aliases": "www.example.com"}
	flags := map[string]spec.Given{}
	for k, raw := range sets {
		v, d := b.Question(k).ParseText(raw)
		if d != nil {
			t.Fatal(d)
		}
		flags[k] = spec.Given{Value: v, Source: spec.FromFlag}
	}
	want := generateFrom(t, b, flags)

	dir := t.TempDir()
	forms := map[string]string{
		"answers.hcl":  "services = [\"api\", \"web\"]\nzones = [\"a\", \"b\"]\naliases = [\"www.example.com\"]\n",
		"answers.json": `{"services": ["api", "web"], "zones": ["a", "b"], "aliases": ["www.example.com"]}`,
	}
	for name, src := range forms {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		got := generateFrom(t, b, fromFile(t, b, p))
		sameModule(t, name+" and --set", want, got)
	}
	// The answers file the module carries gives the same module again.
	p := filepath.Join(dir, spec.AnswersFileName)
	if err := os.WriteFile(p, want[spec.AnswersFileName], 0o644); err != nil {
		t.Fatal(err)
	}
	sameModule(t, "the module's own answers file and --set", want, generateFrom(t, b, fromFile(t, b, p)))

	for file, patterns := range map[string][]string{
		"variables.tf": {
			`(?m)^variable "services" \{\n  description = "Services. One service each."\n  type        = list\(string\)$`,
			`condition     = length\(var.services\) >= 1 && length\(var.services\) <= 5`,
			`condition     = length\(distinct\(var.services\)\) == length\(var.services\)`,
			`condition     = alltrue\(\[for item in var.services : length\(item\) >= 1 && length\(item\) <= 20\]\)`,
			`condition     = alltrue\(\[for item in var.services : can\(regex\("\^\[a-z\]\[a-z0-9-\]\*\$", item\)\)\]\)`,
			`condition     = jsonencode\(var.zones\) == jsonencode\(\["a", "b"\]\)`,
			`error_message = "zones chooses the shape of this module, which was generated for zones = a,b\.`,
			`condition     = length\(var.aliases\) > 0`,
		},
		"terraform.tfvars":            {`(?m)^services    = \["api", "web"\]$`, `(?m)^zones       = \["a", "b"\]$`, `(?m)^aliases     = \["www.example.com"\]$`},
		spec.AnswersFileName:          {`(?m)^services    = \["api", "web"\]$`},
		"README.md":                   {"`\\[\"api\", \"web\"\\]`"},
		"outputs.tf":                  {`aliases_set = length\(var.aliases\) > 0`, `zones       = var.zones`},
		generator.ValidationsTestFile: {`services\s+= \[\]`, `expect_failures = \[[^\]]*var.services`},
	} {
		for _, re := range patterns {
			if !regexp.MustCompile(re).Match(want[file]) {
				t.Errorf("%s lacks /%s/:\n%s", file, re, want[file])
			}
		}
	}

	tf := tftest.Find(t)
	mod := filepath.Join(t.TempDir(), "module")
	var files []generator.File
	for p, d := range want {
		files = append(files, generator.File{Path: p, Data: d})
	}
	if err := generator.Write(mod, files, false); err != nil {
		t.Fatal(err)
	}
	if out, err := tf.Run(mod, "fmt", "-check", "-recursive", "-list=true", "-no-color"); err != nil {
		t.Fatalf("terraform fmt -check would change:\n%s", out)
	}
	if err := tf.Init(mod); err != nil {
		t.Fatal(err)
	}
	terraformValidate(t, tf, mod)
	res, err := tf.Test(mod)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Passed() {
		t.Fatalf("terraform test failed:\n%s", res.Problems())
	}
	// Each list variable is refused at least once by the validations test
	// (a run passes only when exactly its expected variables fail).
	for _, k := range []string{"services", "zones", "aliases"} {
		if !bytes.Contains(want[generator.ValidationsTestFile], []byte("var."+k)) {
			t.Errorf("no run of %s expects var.%s to be refused", generator.ValidationsTestFile, k)
		}
	}
	t.Logf("terraform test: %d run blocks passed", len(res.Runs))
}

func sameModule(t *testing.T, what string, want, got map[string][]byte) {
	t.Helper()
	var paths []string
	for p := range want {
		paths = append(paths, p)
	}
	for p := range got {
		if _, ok := want[p]; !ok {
			paths = append(paths, p)
		}
	}
	slices.Sort(paths)
	for _, p := range paths {
		if !bytes.Equal(want[p], got[p]) {
			t.Errorf("%s give different %s:\n--- --set:\n%s\n--- other:\n%s", what, p, want[p], got[p])
		}
	}
}

// listSamples are the fixture's conformance samples, written as after
// --set, with the keys whose Go check must refuse them: one accepted value
// per question and, for every rule, a value that rule alone refuses.
var listSamples = []struct {
	set    map[string]string
	refuse []string
}{
	{map[string]string{"services": "api,web", "zones": "a,b,c", "aliases": "www.example.com,api.example.com"}, nil},
	{map[string]string{"services": ""}, []string{"services"}},                                        // Items
	{map[string]string{"services": "a,b,c,d,e,f"}, []string{"services"}},                             // Items
	{map[string]string{"services": "api,web,api"}, []string{"services"}},                             // Unique
	{map[string]string{"services": "api,aaaaaaaaaaaaaaaaaaaaa"}, []string{"services"}},               // Each(Length)
	{map[string]string{"services": "api,Web"}, []string{"services"}},                                 // Each(Matches)
	{map[string]string{"services": `["api", "a,b"]`}, []string{"services"}},                          // Each(Matches), an item holding a comma
	{map[string]string{"services": "api,"}, []string{"services"}},                                    // an empty item: Each(Length) and Each(Matches)
	{map[string]string{"zones": "[]"}, []string{"zones"}},                                            // Items
	{map[string]string{"zones": "a,d"}, []string{"zones"}},                                           // Each(Matches)
	{map[string]string{"aliases": "a.example.com,b.example.com,c.example.com"}, []string{"aliases"}}, // Items
	{map[string]string{"aliases": "bad alias"}, []string{"aliases"}},                                 // Each(Matches)
}

// TestListConformance proves, with one terraform test, that the Go checks
// and the Terraform validations of the list rules (Items, Unique, Each
// over Length and Matches) agree on each sample, as
// TestValidationConformance does for the real blueprints.
func TestListConformance(t *testing.T) {
	tf := tftest.Find(t)
	b := listFixture()
	var runs []conformanceRun
	for i, s := range listSamples {
		r := goSide(t, i, conformanceSample{blueprint: b.ID, set: s.set})
		if !slices.Equal(r.expect, s.refuse) {
			t.Errorf("sample %v: the Go checks refuse %q, want %q", s.set, r.expect, s.refuse)
		}
		runs = append(runs, r)
	}
	// Every rule of every list question is the only rule refusing some
	// sample, and every list question is set to a value its rules accept.
	rejected := map[string]bool{}
	for _, r := range runs {
		for k, ids := range r.rejectedBy {
			if len(ids) == 1 {
				rejected[ids[0]] = true
			}
			_ = k
		}
	}
	for _, q := range b.Questions {
		if !q.IsList() {
			continue
		}
		for _, r := range q.Rules {
			if id := ruleID(b, q.Key, r.Text); !rejected[id] {
				t.Errorf("no sample is refused by %q alone", id)
			}
		}
	}
	dir := t.TempDir()
	writeConformance(t, dir, b, runs)
	for _, p := range runConformance(t, tf, dir, runs) {
		t.Errorf("the Go checks and the Terraform validations disagree on %s", p)
	}
}

// The zones pin names the list as typed, and the sample with an empty
// item shows both Each rules refusing it, naming the item.
func TestListRefusalNamesItem(t *testing.T) {
	b := listFixture()
	v, _ := b.Question("services").ParseText("api,")
	errs := b.Question("services").Validate(v, spec.Answers{})
	msg := errs.Error()
	for _, want := range []string{
		`services = ["api", ""] is not accepted: services must have every item be 1 to 20 characters long (item 2 is "": it has 0)`,
		`services = ["api", ""] is not accepted: services must have every item start with a lowercase letter`,
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("refusal lacks %q:\n%s", want, msg)
		}
	}
}

// Every list rule of the fixture is broken by some candidate the module's
// validations test tries, so that test shows each refusing.
func TestListRulesCovered(t *testing.T) {
	b := listFixture()
	for _, given := range []map[string]spec.Given{nil, {"aliases": {Value: spec.ListVal([]string{"www.example.com"}), Source: spec.FromFlag}}} {
		res, err := b.Resolve(given, nil, true)
		if err != nil {
			t.Fatal(err)
		}
		if u := generator.UncoveredChecks(b, res.Answers); len(u) > 0 {
			t.Errorf("no candidate breaks %q", u)
		}
	}
}
