package generator_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/zclconf/go-cty/cty"

	"github.com/scaffold-tf/scaffold/blueprints"
	"github.com/scaffold-tf/scaffold/blueprints/spec"
	"github.com/scaffold-tf/scaffold/generator"
	"github.com/scaffold-tf/scaffold/internal/tftest"
)

// conformanceSample is a set of answers, given as on the command line, laid
// over the defaults of a blueprint.
type conformanceSample struct {
	blueprint string
	set       map[string]string
}

func (s conformanceSample) String() string {
	keys := make([]string, 0, len(s.set))
	for k := range s.set {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s=%q", k, s.set[k])
	}
	return s.blueprint + " " + strings.Join(parts, " ")
}

// conformanceSamples are values near the edges of the rules, read from
// golden/<blueprint>/conformance.json (a JSON array of objects, each one a
// set of answers as given on the command line, laid over the defaults; a
// list answer is written as after --set: "api,web", "" or "[]" for the
// empty list, ["a,b"] for an item holding a comma). For
// each, the Go check (what scaffold accepts) and the generated Terraform
// validation (what `terraform plan` accepts) must agree.
// TestConformanceCoverage requires, for every rule of every question, a
// sample the rule accepts and one it alone rejects. A blueprint brings its
// samples in its golden folder, so adding one edits no test.
var conformanceSamples = loadConformanceSamples()

func loadConformanceSamples() []conformanceSample {
	var out []conformanceSample
	for _, b := range blueprints.All() {
		data, err := os.ReadFile(filepath.Join(goldenRoot, b.ID, "conformance.json"))
		if err != nil {
			continue // TestValidationConformance reports the blueprint
		}
		var sets []map[string]string
		if err := json.Unmarshal(data, &sets); err != nil {
			panic(fmt.Sprintf("golden/%s/conformance.json: %v", b.ID, err))
		}
		for _, set := range sets {
			out = append(out, conformanceSample{blueprint: b.ID, set: set})
		}
	}
	return out
}

// testBlueprints are blueprints only tests know (a list-answer fixture),
// whose samples goSide resolves like those of the real ones.
var testBlueprints = map[string]*spec.Blueprint{}

// lookupBlueprint finds a real blueprint, or one of testBlueprints.
func lookupBlueprint(id string) *spec.Blueprint {
	if b := blueprints.Lookup(id); b != nil {
		return b
	}
	return testBlueprints[id]
}

// numberList is "from,from+1,...,to", for a long but valid cron field.
func numberList(from, to int) string {
	parts := make([]string, 0, to-from+1)
	for i := from; i <= to; i++ {
		parts = append(parts, fmt.Sprint(i))
	}
	return strings.Join(parts, ",")
}

// ruleID names a rule of a question: "<blueprint> <key>: <rule text>". The
// choices of a multiple-choice question count as the rule "be one of ...".
func ruleID(b *spec.Blueprint, key, text string) string {
	return b.ID + " " + key + ": " + text
}

// choiceText is the rule text of a multiple-choice question's choices, as
// Question.Validate reports it.
func choiceText(q *spec.Question) string {
	return "be one of " + strings.Join(q.ChoiceValues(), ", ")
}

// conformanceRun is one sample as a run block: the whole answer set, the
// variables.tf generated from it, and the variables the Go checks reject.
type conformanceRun struct {
	name    string // the run block's label and the test file's name
	sample  conformanceSample
	answers spec.Answers
	// variables is generator.Variables for the answers; a few conditions
	// depend on the answers (the runtime's language), so it may differ from
	// one sample to the next.
	variables []byte
	// expect lists, in question order, the variables whose Go check rejects
	// the sample through a rule Terraform can express and whose validation
	// terraform evaluates (see splitSkipped): exactly the variables whose
	// validation must fail.
	expect []string
	// skipped lists the variables the Go checks reject but terraform does
	// not check, because a validation refers to a variable that failed.
	skipped []string
	// rejectedBy maps a question key to the ids of the rules that reject
	// its value.
	rejectedBy map[string][]string
}

// goSide resolves sample i the way `scaffold new --yes --set ...` does: each
// question in order takes the sample's value or its default (computed from
// the answers before it) and is checked against the answers before it.
func goSide(t testing.TB, i int, s conformanceSample) conformanceRun {
	t.Helper()
	b := lookupBlueprint(s.blueprint)
	if b == nil {
		t.Fatalf("sample %d: no blueprint %q", i, s.blueprint)
	}
	given := map[string]spec.Given{}
	for k, raw := range s.set {
		q := b.QuestionOf(k) // api_image: the per-item question image
		if q == nil {
			t.Fatalf("sample %d (%s): blueprint %s has no question %q", i, s, b.ID, k)
		}
		v, perr := q.ParseText(raw)
		if perr != nil {
			t.Fatalf("sample %d (%s): %v; give values of the question's type", i, s, perr)
		}
		given[k] = spec.Given{Value: v, Source: spec.FromFlag}
	}
	run := conformanceRun{name: fmt.Sprintf("sample_%02d", i), sample: s, rejectedBy: map[string][]string{}}
	rejected := map[string]bool{}
	// Per-item questions are asked for each item once the list is
	// answered, as Resolve asks them (Blueprint.Expand).
	for qi := 0; qi < len(b.Expand(run.answers)); qi++ {
		q := b.Expand(run.answers)[qi]
		// As Resolve does, rules comparing answers, and defaults computed
		// from them, do not look at an answer that failed its own rules.
		kept := map[string]cty.Value{}
		for _, k := range run.answers.Keys() {
			if !rejected[k] {
				kept[k] = run.answers.Get(k)
			}
		}
		checkWith := spec.NewAnswers(kept)
		v := q.Default(checkWith)
		if g, ok := given[q.Key]; ok {
			v = g.Value
		}
		for _, e := range q.Validate(v, checkWith) {
			rejected[q.Key] = true
			run.rejectedBy[q.Key] = append(run.rejectedBy[q.Key], ruleID(b, q.Key, e.Rule))
		}
		run.answers = run.answers.Set(q.Key, v)
	}
	// Terraform sees only the module generated for these answers: the
	// questions that apply to them, with the validations of their shape.
	// A per-item answer's validation is its list's settings variable's.
	applicable := map[string]bool{}
	for _, q := range generator.Applicable(b, run.answers) {
		applicable[q.Key] = true
	}
	for _, q := range b.Expand(run.answers) {
		if !applicable[q.Key] && !(q.Template != nil && q.Applies(run.answers)) {
			continue
		}
		variable := generator.VariableOf(b, q.Key)
		for _, id := range run.rejectedBy[q.Key] {
			if terraformChecks(q, strings.TrimPrefix(id, ruleID(b, q.Key, "")), run.answers) && !slices.Contains(run.expect, variable) {
				run.expect = append(run.expect, variable)
			}
		}
	}
	// Blueprint.Resolve is what the CLI calls: it must reject the same keys.
	var resolved []string
	if _, err := b.Resolve(given, nil, true); err != nil {
		var ie spec.Diagnostics
		if !errors.As(err, &ie) {
			t.Fatalf("sample %d (%s): Resolve: %v", i, s, err)
		}
		for _, e := range ie {
			if !slices.Contains(resolved, e.Key) {
				resolved = append(resolved, e.Key)
			}
		}
	}
	var walked []string
	for _, q := range b.Expand(run.answers) {
		if rejected[q.Key] {
			walked = append(walked, q.Key)
		}
	}
	if !slices.Equal(resolved, walked) {
		t.Fatalf("sample %d (%s): Blueprint.Resolve rejects %v but checking each question in turn rejects %v; the test no longer mirrors Resolve", i, s, resolved, walked)
	}
	run.variables = generator.Variables(b, run.answers)
	run.expect, run.skipped = splitSkipped(t, run.variables, run.expect)
	return run
}

// splitSkipped takes the variables the Go checks reject and keeps those
// whose validation terraform evaluates: terraform skips every validation of
// a variable whose conditions refer to a variable that failed its own (or
// was skipped), while scaffold's Go checks report each rule on its own.
// The rest are returned as skipped.
func splitSkipped(t testing.TB, variablesTF []byte, rejected []string) (evaluated, skipped []string) {
	t.Helper()
	refs := validationRefs(t, variablesTF)
	failed := map[string]bool{}
	for _, k := range rejected {
		failed[k] = true
	}
	memo := map[string]bool{}
	var blocked func(k string, seen map[string]bool) bool
	blocked = func(k string, seen map[string]bool) bool {
		if b, ok := memo[k]; ok {
			return b
		}
		if seen[k] {
			return false
		}
		seen[k] = true
		b := false
		for _, r := range refs[k] {
			if failed[r] || blocked(r, seen) {
				b = true
				break
			}
		}
		memo[k] = b
		return b
	}
	for _, k := range rejected {
		if blocked(k, map[string]bool{}) {
			skipped = append(skipped, k)
		} else {
			evaluated = append(evaluated, k)
		}
	}
	return evaluated, skipped
}

// validationRefs maps each variable of a variables.tf to the other
// variables its validation conditions refer to.
func validationRefs(t testing.TB, variablesTF []byte) map[string][]string {
	t.Helper()
	f, diags := hclsyntax.ParseConfig(variablesTF, "variables.tf", hcl.InitialPos)
	if diags.HasErrors() {
		t.Fatalf("generated variables.tf does not parse: %s", diags.Error())
	}
	refs := map[string][]string{}
	for _, v := range f.Body.(*hclsyntax.Body).Blocks {
		if v.Type != "variable" || len(v.Labels) != 1 {
			continue
		}
		name := v.Labels[0]
		for _, val := range v.Body.Blocks {
			cond, ok := val.Body.Attributes["condition"]
			if val.Type != "validation" || !ok {
				continue
			}
			for _, tr := range cond.Expr.Variables() {
				if tr.RootName() != "var" || len(tr) < 2 {
					continue
				}
				if attr, ok := tr[1].(hcl.TraverseAttr); ok && attr.Name != name && !slices.Contains(refs[name], attr.Name) {
					refs[name] = append(refs[name], attr.Name)
				}
			}
		}
	}
	return refs
}

// terraformChecks reports whether the rule text a Go check failed with has a
// Terraform validation in variables.tf.
func terraformChecks(q *spec.Question, text string, a spec.Answers) bool {
	if len(q.Choices) > 0 && text == choiceText(q) {
		return true
	}
	for _, r := range q.Rules {
		if r.Text == text {
			return r.TerraformCondition(q.Key, a) != nil
		}
	}
	return false
}

// writeConformance writes, into dir, a module holding only the variables.tf
// generated from the blueprint's defaults and a versions.tf; a variables.tf
// that differs for some samples goes, with a versions.tf, into
// variants/<n>/, and their run blocks test that module instead. Each sample
// gets its own tests/<run>.tftest.hcl: terraform skips the rest of a test
// file after a run block fails, and every disagreement should be reported.
func writeConformance(t testing.TB, dir string, b *spec.Blueprint, runs []conformanceRun) {
	t.Helper()
	defaults, err := b.Resolve(nil, nil, true)
	if err != nil {
		t.Fatal(err)
	}
	versions := []byte("terraform {\n  required_version = \">= 1.9.0\"\n}\n")
	write := func(rel string, data []byte) {
		p := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	root := generator.Variables(b, defaults.Answers)
	write("variables.tf", root)
	write("versions.tf", versions)
	variants := map[string]string{}
	for _, r := range runs {
		source := ""
		if string(r.variables) != string(root) {
			if source = variants[string(r.variables)]; source == "" {
				source = fmt.Sprintf("./variants/%d", len(variants)+1)
				variants[string(r.variables)] = source
				write(filepath.Join(source, "variables.tf"), r.variables)
				write(filepath.Join(source, "versions.tf"), versions)
			}
		}
		write(filepath.Join("tests", r.name+".tftest.hcl"), runBlock(b, r, source))
	}
}

// runBlock renders a test file with one run block: plan the module (source
// when not empty) with the sample's whole answer set, expecting exactly the
// validations of r.expect to fail.
func runBlock(b *spec.Blueprint, r conformanceRun, source string) []byte {
	f := hclwrite.NewEmptyFile()
	run := f.Body().AppendNewBlock("run", []string{r.name}).Body()
	run.SetAttributeRaw("command", hclwrite.TokensForIdentifier("plan"))
	if source != "" {
		run.AppendNewline()
		run.AppendNewBlock("module", nil).Body().SetAttributeValue("source", cty.StringVal(source))
	}
	run.AppendNewline()
	vars := run.AppendNewBlock("variables", nil).Body()
	for _, v := range generator.VariableValues(b, r.answers) {
		vars.SetAttributeRaw(v.Name, v.Value)
	}
	if len(r.expect) > 0 {
		run.AppendNewline()
		refs := make([]hclwrite.Tokens, len(r.expect))
		for i, k := range r.expect {
			refs[i] = hclwrite.TokensForTraversal(hcl.Traversal{hcl.TraverseRoot{Name: "var"}, hcl.TraverseAttr{Name: k}})
		}
		run.SetAttributeRaw("expect_failures", hclwrite.TokensForTuple(refs))
	}
	return hclwrite.Format(f.Bytes())
}

// runConformance runs one `terraform test` over the module writeConformance
// wrote (after an init, which registers the variant modules; there is no
// provider to install) and returns one problem per run block that did not
// pass, naming its sample, what was expected and what terraform reported,
// plus terraform's problems outside run blocks.
func runConformance(t testing.TB, tf *tftest.Terraform, dir string, runs []conformanceRun) []string {
	t.Helper()
	if _, err := tf.Run(dir, "init", "-backend=false", "-input=false", "-no-color"); err != nil {
		t.Fatal(err)
	}
	res, err := tf.Test(dir)
	if err != nil {
		t.Fatal(err)
	}
	var problems []string
	for _, r := range runs {
		tr := res.Run(filepath.ToSlash(filepath.Join("tests", r.name+".tftest.hcl")), r.name)
		expect := "every variable accepted"
		if len(r.expect) > 0 {
			expect = "validation failures of " + strings.Join(r.expect, ", ") + " exactly"
		}
		switch {
		case tr == nil:
			problems = append(problems, fmt.Sprintf("%s (%s): terraform did not run it", r.name, r.sample))
		case tr.Status != "pass":
			if len(r.skipped) > 0 {
				expect += " (the Go checks also reject " + strings.Join(r.skipped, ", ") + ", whose validation terraform skips: it refers to a variable that failed)"
			}
			problems = append(problems, fmt.Sprintf("%s (%s): expected %s; terraform disagrees:\n%s", r.name, r.sample, expect, tr))
		}
	}
	for _, d := range res.Diagnostics {
		problems = append(problems, "terraform: "+tftest.DiagnosticString(d))
	}
	if len(problems) == 0 && !res.Passed() {
		problems = append(problems, "terraform test did not pass:\n"+res.Problems())
	}
	return problems
}

// conformanceRuns resolves, on the Go side, the samples of one blueprint.
func conformanceRuns(t testing.TB, b *spec.Blueprint) []conformanceRun {
	t.Helper()
	var runs []conformanceRun
	for i, s := range conformanceSamples {
		if s.blueprint == b.ID {
			runs = append(runs, goSide(t, i, s))
		}
	}
	return runs
}

// TestValidationConformance proves, with one `terraform test` per blueprint,
// that for every sample the variables scaffold's Go checks reject are
// exactly the variables whose Terraform validation fails when the sample's
// answers are planned.
func TestValidationConformance(t *testing.T) {
	tf := tftest.Find(t)
	for _, b := range blueprints.All() {
		t.Run(b.ID, func(t *testing.T) {
			t.Parallel()
			runs := conformanceRuns(t, b)
			if len(runs) == 0 {
				t.Fatalf("no conformance samples for blueprint %s; add them to golden/%s/conformance.json", b.ID, b.ID)
			}
			dir := t.TempDir()
			writeConformance(t, dir, b, runs)
			for _, p := range runConformance(t, tf, dir, runs) {
				t.Errorf("scaffold's Go checks and the Terraform validations disagree on %s\n(fix the rule's Check or Condition in blueprints/, or the sample)", p)
			}
			t.Logf("%d samples, one terraform test", len(runs))
		})
	}
}

// TestConformanceCatchesDisagreement feeds the runner deliberately wrong
// expectations, so TestValidationConformance cannot pass for want of
// checking: a rejected sample claimed accepted, an accepted one claimed
// rejected, a sample rejected on two variables claimed rejected on one, and
// a variable terraform skips claimed rejected.
func TestConformanceCatchesDisagreement(t *testing.T) {
	tf := tftest.Find(t)
	b := blueprints.Lookup("web-app")
	samples := []conformanceSample{
		{"web-app", map[string]string{"name": "Shop"}},
		{"web-app", map[string]string{"name": "shop"}},
		{"web-app", map[string]string{"name": "Shop", "az_count": "4"}},
		{"web-app", map[string]string{"vpc_cidr": "10.1.0.1/16"}},
		// asg_max = 0.5 breaks its own rules, but terraform skips asg_max's
		// validations since one refers to the failed asg_desired: the
		// reason for splitSkipped.
		{"web-app", map[string]string{"asg_desired": "101", "asg_max": "0.5"}},
		{"web-app", map[string]string{"asg_desired": "101", "asg_max": "0.5"}},
	}
	var runs []conformanceRun
	for i, s := range samples {
		runs = append(runs, goSide(t, i, s))
	}
	if !slices.Equal(runs[0].expect, []string{"name"}) || len(runs[1].expect) != 0 ||
		!slices.Equal(runs[2].expect, []string{"name", "az_count"}) || !slices.Equal(runs[3].expect, []string{"vpc_cidr"}) ||
		!slices.Equal(runs[4].expect, []string{"asg_desired"}) || !slices.Equal(runs[4].skipped, []string{"asg_max"}) {
		t.Fatalf("the Go checks changed their verdicts on the fixed samples: %q %q %q %q %q (skipped %q)", runs[0].expect, runs[1].expect, runs[2].expect, runs[3].expect, runs[4].expect, runs[4].skipped)
	}
	runs[0].expect = nil
	runs[1].expect = []string{"name"}
	runs[2].expect = []string{"name"}
	// runs[3] and runs[4] keep the right expectation: controls that must pass.
	runs[5].expect = []string{"asg_desired", "asg_max"}
	dir := t.TempDir()
	writeConformance(t, dir, b, runs)
	problems := strings.Join(runConformance(t, tf, dir, runs), "\n")
	for _, want := range []string{
		`sample_00 (web-app name="Shop"): expected every variable accepted`,
		`sample_01 (web-app name="shop"): expected validation failures of name`,
		`sample_02 (web-app az_count="4" name="Shop"): expected validation failures of name`,
		"Invalid value for variable",
		"var.name, was expected to report an error but did not",
		`sample_05 (web-app asg_desired="101" asg_max="0.5"): expected validation failures of asg_desired, asg_max`,
		"var.asg_max, was expected to report an error but did not",
	} {
		if !strings.Contains(problems, want) {
			t.Errorf("the runner's report lacks %q:\n%s", want, problems)
		}
	}
	for _, control := range []string{"sample_03", "sample_04"} {
		if strings.Contains(problems, control) {
			t.Errorf("the runner reports %s, whose expectation is right:\n%s", control, problems)
		}
	}
}

// TestConformanceCoverage requires, for every rule of every question of
// every blueprint (the choices of a multiple-choice question count as one),
// a sample that sets the question to a value its rules accept, and a sample
// that the rule rejects while the question's other rules accept it and
// terraform evaluates the question's validation, so the Terraform failure
// can only come from that rule's validation.
//
// Two kinds of rule need no rejecting sample, and are found from the rules
// themselves: a rule judging a value edited after generation (EditCheck: the
// runtime's language), which each module's own validations test shows
// refusing; and a rule whose Terraform condition no shape of the module
// holds where its question applies (gpus on Fargate), which Terraform never
// sees.
func TestConformanceCoverage(t *testing.T) {
	accepted, rejected := map[string]bool{}, map[string]bool{}
	exempt := map[string]bool{}
	for _, b := range blueprints.All() {
		def, err := b.Resolve(nil, nil, true)
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range b.Questions {
			for _, r := range q.Rules {
				if r.EditCheck != nil || !inSomeShape(b, def.Answers, q, r) {
					exempt[ruleID(b, q.Key, r.Text)] = true
				}
			}
		}
	}
	for i, s := range conformanceSamples {
		r := goSide(t, i, s)
		b := blueprints.Lookup(s.blueprint)
		// A per-item answer (api_cpu) counts for its question (cpu), whose
		// validation is the settings variable's: rejected by one rule alone
		// when no other answer in that variable is rejected.
		refused := map[string]int{}
		for k := range r.rejectedBy {
			refused[generator.VariableOf(b, k)]++
		}
		for _, q := range b.Expand(r.answers) {
			tq := q
			if q.Template != nil {
				tq = q.Template
			}
			ids := r.rejectedBy[q.Key]
			if _, set := s.set[q.Key]; set && len(ids) == 0 {
				for _, id := range allRules(b, tq) {
					accepted[id] = true
				}
			}
			if v := generator.VariableOf(b, q.Key); len(ids) == 1 && refused[v] == 1 && slices.Contains(r.expect, v) {
				rejected[ruleID(b, tq.Key, strings.TrimPrefix(ids[0], ruleID(b, q.Key, "")))] = true
			}
		}
	}
	for _, b := range blueprints.All() {
		for _, q := range b.Questions {
			if q.Shape == spec.Writes {
				// No Terraform variable, so no validation to agree with:
				// only Resolve checks it (cmd/scaffold's comments script).
				continue
			}
			for _, id := range allRules(b, q) {
				if exempt[id] && !rejected[id] {
					continue
				}
				if !accepted[id] {
					t.Errorf("no conformance sample sets %s to a value its rules accept (rule %q); add one to golden/<blueprint>/conformance.json", q.Key, id)
				}
				if !rejected[id] {
					t.Errorf("no conformance sample is rejected by rule %q alone; add one to golden/<blueprint>/conformance.json", id)
				}
			}
		}
	}

}

// allRules lists the ids of a question's rules, its choices first.
func allRules(b *spec.Blueprint, q *spec.Question) []string {
	var ids []string
	if len(q.Choices) > 0 {
		ids = append(ids, ruleID(b, q.Key, choiceText(q)))
	}
	for _, r := range q.Rules {
		if r.Severity == spec.Error {
			ids = append(ids, ruleID(b, q.Key, r.Text))
		}
	}
	return ids
}

// inSomeShape reports whether some shape of b (the defaults, or the
// defaults with one choice changed) where q applies writes r's validation.
func inSomeShape(b *spec.Blueprint, def spec.Answers, q *spec.Question, r spec.Rule) bool {
	shapes := []spec.Answers{def}
	for _, alt := range b.Alternatives(def) {
		shapes = append(shapes, def.Set(alt.Key, alt.Value))
	}
	for _, a := range shapes {
		if q.Applies(a) && r.TerraformCondition(q.Key, a) != nil {
			return true
		}
	}
	return false
}
