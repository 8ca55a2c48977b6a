package generator

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/zclconf/go-cty/cty"

	"github.com/scaffold-tf/scaffold/blueprints/spec"
	"github.com/scaffold-tf/scaffold/internal/hclfmt"
)

// The test files every generated module carries. `terraform test` runs
// both offline: the mock provider answers every data source with realistic
// values and creates nothing, so no cloud account and no credentials are
// needed.
const (
	// PromisesTestFile plans the module with the values in
	// terraform.tfvars and asserts what each component promises
	// (encryption at rest, IMDSv2, public access blocked, ...).
	PromisesTestFile = "tests/module.tftest.hcl"
	// ValidationsTestFile shows that each validation of variables.tf
	// refuses a bad value: every run sets values that scaffold's own checks
	// reject and expects exactly those variables to fail.
	ValidationsTestFile = "tests/validations.tftest.hcl"
)

// moduleTests assembles the two test files from the components' fragments
// (mock.tftest.hcl fragments hold mock_data blocks, tests.tftest.hcl
// fragments hold assert blocks) and from runs, validationRuns' part of the
// validations test (nil when there is none), which the mock provider
// follows.
func moduleTests(runs []byte, mocks, asserts [][]byte) map[string][]byte {
	var mock bytes.Buffer
	mock.WriteString("mock_provider \"aws\" {\n")
	for i, m := range mocks {
		if i > 0 {
			mock.WriteString("\n")
		}
		mock.Write(indent(m))
	}
	mock.WriteString("}\n")

	out := map[string][]byte{}
	var promises bytes.Buffer
	promises.WriteString(header + ": what this module promises, checked offline.\n" +
		"# `terraform test` plans the module with the values in terraform.tfvars and\n" +
		"# the mock provider below: no cloud account, no credentials, nothing created.\n" +
		"# Keep these passing as you edit the module; add your own runs beside them.\n\n")
	promises.Write(mock.Bytes())
	promises.WriteString("\nrun \"promises\" {\n  command = plan\n\n")
	for i, as := range asserts {
		if i > 0 {
			promises.WriteString("\n")
		}
		promises.Write(indent(as))
	}
	promises.WriteString("}\n")
	out[PromisesTestFile] = promises.Bytes()
	if runs != nil {
		var validations bytes.Buffer
		validations.Write(runs)
		validations.WriteString("\n")
		validations.Write(mock.Bytes())
		out[ValidationsTestFile] = validations.Bytes()
	}
	return out
}

// validationRuns is the validations test but its mock provider: a comment,
// the answers scaffold was given, and one run per set of bad values that
// some validation of variables.tf must refuse; nil when no validation can
// refuse anything. It reads the answers only, not the components.
func validationRuns(b *spec.Blueprint, cs []checked, svs []settingsVar, a spec.Answers) []byte {
	rounds := refusalRounds(cs, a)
	for _, sv := range svs {
		for _, bad := range itemBadValues(b, sv, a) {
			rounds = append(rounds, refusalRound{settings: sv.name, raw: bad, fails: []string{sv.name}})
		}
	}
	if len(rounds) == 0 {
		return nil
	}
	f := hclwrite.NewEmptyFile()
	body := f.Body()
	body.AppendUnstructuredTokens(comment(header + ": each validation in variables.tf refuses a bad value.\n" +
		"# Every run starts from the answers scaffold was given (the variables block\n" +
		"# below, so edits to terraform.tfvars do not change these runs), sets values\n" +
		"# that scaffold's own checks reject, and expects exactly the variables whose\n" +
		"# validations must refuse them."))
	body.AppendNewline()
	vars := body.AppendNewBlock("variables", nil).Body()
	for _, c := range cs {
		vars.SetAttributeRaw(c.q.Key, spec.Lit(a.Get(c.q.Key)))
	}
	for _, sv := range svs {
		vars.SetAttributeRaw(sv.name, sv.value(b, a))
	}
	for i, r := range rounds {
		body.AppendNewline()
		run := body.AppendNewBlock("run", []string{fmt.Sprintf("refuses_bad_values_%d", i+1)}).Body()
		run.SetAttributeRaw("command", hclwrite.TokensForIdentifier("plan"))
		run.AppendNewline()
		set := run.AppendNewBlock("variables", nil).Body()
		for _, k := range r.keys {
			set.SetAttributeRaw(k, spec.Lit(r.values[k]))
		}
		if r.settings != "" {
			set.SetAttributeRaw(r.settings, r.raw)
		}
		run.AppendNewline()
		failures := make([]spec.Expr, len(r.fails))
		for j, k := range r.fails {
			failures[j] = spec.Var(k)
		}
		run.SetAttributeRaw("expect_failures", spec.Tuple(failures...))
	}
	return hclfmt.Bytes(f)
}

// refusalRound is one run of the validations test: the values it sets and
// the variables Terraform must refuse.
type refusalRound struct {
	keys   []string // set, in question order
	values map[string]cty.Value
	fails  []string // expected failures, in question order
	// settings, when set, names the one settings variable the run sets,
	// to raw (a map breaking one per-item check of one item).
	settings string
	raw      spec.Expr
}

// refusalRounds finds, for every rule Terraform can check (and every
// choice list and structural pin) of every question that applies, a value
// that breaks it, from a fixed list of candidates, and packs them into as
// few runs as possible: run k sets each variable's k-th bad value. Which
// variables must fail in a run is computed by scaffold's own checks over
// the whole answer set of that run, so a rule across answers (asg_desired
// at least asg_min) is expected to fire exactly when scaffold would refuse.
func refusalRounds(cs []checked, a spec.Answers) []refusalRound {
	bad := make([][]cty.Value, len(cs))
	for i, c := range cs {
		bad[i] = badValues(c, a)
	}
	next := make([]int, len(cs)) // index of each question's next bad value
	var rounds []refusalRound
	for {
		r := refusalRound{values: map[string]cty.Value{}}
		for i, c := range cs {
			// Terraform does not evaluate the validations of a variable whose
			// conditions read a variable that failed its own: set a bad value
			// only where every variable read keeps its good one.
			if next[i] >= len(bad[i]) || slices.ContainsFunc(c.deps, func(d string) bool { _, set := r.values[d]; return set }) {
				continue
			}
			v := bad[i][next[i]]
			next[i]++
			r.keys = append(r.keys, c.q.Key)
			r.values[c.q.Key] = v
		}
		if len(r.keys) == 0 {
			return rounds
		}
		answers := a.With(r.values)
		failed := map[string]bool{}
		for _, c := range cs {
			if slices.ContainsFunc(c.deps, func(d string) bool { return failed[d] }) {
				failed[c.q.Key] = true // not evaluated: not an expected failure
				continue
			}
			if terraformRefuses(c, answers.Get(c.q.Key), a, answers) {
				failed[c.q.Key] = true
				r.fails = append(r.fails, c.q.Key)
			}
		}
		rounds = append(rounds, r)
	}
}

// checked is a question that applies to the generated answers, with the
// validations variables.tf writes for it. Each condition is built once per
// generation and read by variables.tf, the refusal runs and
// UncoveredChecks: a condition depends only on the key and the generated
// answers, so it cannot change while a module is generated, and building
// it again for every candidate value and every run (a Fargate sizing
// condition spells out AWS's whole table) was most of the CPU the refusal
// runs took.
type checked struct {
	q     *spec.Question
	rules []checkedRule // q's rules that Terraform repeats, in q's order
	deps  []string      // the other variables those conditions read
}

// checkedRule is a rule with its validation condition for the generated
// answers (never nil: rules without one are left out of checked.rules).
type checkedRule struct {
	spec.Rule
	cond  spec.Expr
	reads []string // the other variables cond reads
	// fixed are the answers the rule reads that cond does not: the module's
	// shape fixed them at generation (see ruleRefuses).
	fixed []string
}

// checksOf computes the checked questions of b for answers a, in question
// order.
func checksOf(b *spec.Blueprint, a spec.Answers) []checked {
	qs := Applicable(b, a)
	out := make([]checked, len(qs))
	for i, q := range qs {
		c := checked{q: q}
		for _, r := range q.Rules {
			cond := r.TerraformCondition(q.Key, a)
			if cond == nil {
				continue
			}
			cr := checkedRule{Rule: r, cond: cond}
			for _, name := range exprVars(cond) {
				if name != q.Key && !slices.Contains(cr.reads, name) {
					cr.reads = append(cr.reads, name)
				}
				if name != q.Key && !slices.Contains(c.deps, name) {
					c.deps = append(c.deps, name)
				}
			}
			// r.Reads never holds q's own key (a blueprints test checks that
			// each is a question asked before q), so cr.reads answers for it.
			for _, k := range r.Reads {
				if !slices.Contains(cr.reads, k) {
					cr.fixed = append(cr.fixed, k)
				}
			}
			c.rules = append(c.rules, cr)
		}
		out[i] = c
	}
	return out
}

// badValues picks, for each check of q that Terraform repeats, the first
// candidate that breaks it, with the other answers as given; a candidate
// that breaks several checks serves them all.
func badValues(c checked, a spec.Answers) []cty.Value {
	q := c.q
	// Each check says whether candidate v (with run, the answers with v
	// set) breaks it.
	var checks []func(v cty.Value, run spec.Answers) bool
	if len(q.Choices) > 0 {
		checks = append(checks, func(v cty.Value, _ spec.Answers) bool { return !q.IsChoice(v) })
	}
	for _, r := range c.rules {
		checks = append(checks, func(v cty.Value, run spec.Answers) bool { return ruleRefuses(r, v, a, run) })
	}
	if q.Shape != spec.Tunes {
		checks = append(checks, func(v cty.Value, _ spec.Answers) bool { return breaksPin(q, v, a) })
	}
	var out []cty.Value
	covered := make([]bool, len(checks))
	left := len(checks)
	for _, v := range candidates(q, a) {
		if left == 0 {
			break // a later candidate could break nothing not yet covered
		}
		var run spec.Answers
		if len(c.rules) > 0 {
			run = a.Set(q.Key, v)
		}
		breaks := false
		for i, check := range checks {
			if !covered[i] && check(v, run) {
				covered[i], breaks = true, true
				left--
			}
		}
		if breaks {
			out = append(out, v)
		}
	}
	return out
}

// UncoveredChecks lists the checks of b's questions (for answers a) that
// Terraform repeats but that no candidate bad value breaks, so the
// validations test cannot show them refusing anything. Rules across answers
// (asg_desired at least asg_min) are left out: a value of their own breaks
// them only for some values of the others; scaffold's conformance test
// covers them.
func UncoveredChecks(b *spec.Blueprint, a spec.Answers) []string {
	var out []string
	for _, c := range checksOf(b, a) {
		q := c.q
		cands := candidates(q, a)
		if len(q.Choices) > 0 && !anyOf(cands, func(v cty.Value) bool { return !q.IsChoice(v) }) {
			out = append(out, q.Key+": choices")
		}
		for _, r := range c.rules {
			if len(r.reads) > 0 {
				continue
			}
			if !anyOf(cands, func(v cty.Value) bool { return ruleRefuses(r, v, a, a.Set(q.Key, v)) }) {
				out = append(out, q.Key+": "+r.Text)
			}
		}
	}
	return out
}

func anyOf(vs []cty.Value, f func(cty.Value) bool) bool {
	for _, v := range vs {
		if f(v) {
			return true
		}
	}
	return false
}

// terraformRefuses says whether one of the validation blocks Variables
// writes for q refuses v, given the answers of the whole run; generated
// holds the answers the module was generated with (for the pins).
func terraformRefuses(c checked, v cty.Value, generated, run spec.Answers) bool {
	q := c.q
	if len(q.Choices) > 0 && !q.IsChoice(v) {
		return true
	}
	for _, r := range c.rules {
		if ruleRefuses(r, v, generated, run) {
			return true
		}
	}
	return q.Shape != spec.Tunes && breaksPin(q, v, generated)
}

// ruleRefuses says whether r's validation condition refuses v, given the
// answers the module was generated with and those of the run.
//
// An answer the rule reads that its Terraform condition does not is one the
// module's shape fixed at generation (the JWT settings exist only when auth
// was jwt): the check reads it as generated, whatever the run sets.
func ruleRefuses(r checkedRule, v cty.Value, generated, run spec.Answers) bool {
	if r.EditCheck != nil {
		return r.EditCheck(v, generated) != nil
	}
	for _, k := range r.fixed {
		if !(run.Has(k) && generated.Has(k) && run.Get(k).RawEquals(generated.Get(k))) {
			run = run.Set(k, generated.Get(k))
		}
	}
	return r.Check(v, run) != nil
}

// exprVars lists the variables an expression reads.
func exprVars(toks hclwrite.Tokens) []string {
	var out []string
	for i := 0; i+2 < len(toks); i++ {
		if toks[i].Type == hclsyntax.TokenIdent && string(toks[i].Bytes) == "var" &&
			toks[i+1].Type == hclsyntax.TokenDot && toks[i+2].Type == hclsyntax.TokenIdent {
			out = append(out, string(toks[i+2].Bytes))
		}
	}
	return out
}

// breaksPin says whether v leaves the shape a structural question chose.
func breaksPin(q *spec.Question, v cty.Value, generated spec.Answers) bool {
	g := generated.Get(q.Key)
	switch q.Shape {
	case spec.Selects:
		return !v.RawEquals(g)
	case spec.SelectsWhenSet:
		return spec.IsSet(v) != spec.IsSet(g)
	}
	return false
}

// candidates are the bad values tried, in order: values that break common
// rules of each type (empty, too long, malformed, out of range, fractional),
// then q's choices turned into near misses, then the other choice values
// and the flipped answer, which break a structural pin. A list's
// candidates are the empty list, the generated items with one bad string
// added (so a rule on each item is broken by that item alone), the items
// with the first repeated, and lists of many distinct items.
func candidates(q *spec.Question, a spec.Answers) []cty.Value {
	var out []cty.Value
	switch q.Type {
	case cty.String:
		for _, s := range stringCandidates(q.Key, a.String(q.Key), a) {
			out = append(out, cty.StringVal(s))
		}
	case cty.Number:
		for _, n := range []float64{-2, -1, 0, 0.5, 1.5, 3, 7, 1e9} {
			out = append(out, cty.NumberFloatVal(n))
		}
		if cur := a.Get(q.Key); cur != cty.NilVal && !cur.IsNull() {
			f, _ := cur.AsBigFloat().Float64()
			out = append(out, cty.NumberFloatVal(f+1), cty.NumberFloatVal(f-1))
		}
	case cty.Bool:
		out = append(out, cty.BoolVal(!a.Bool(q.Key)))
	case spec.ListOfStrings:
		cur := a.List(q.Key)
		first := ""
		if len(cur) > 0 {
			first = cur[0]
		}
		out = append(out, spec.ListVal(nil))
		for _, s := range stringCandidates(q.Key, first, a) {
			out = append(out, spec.ListVal(append(slices.Clone(cur), s)))
		}
		if len(cur) > 0 {
			out = append(out, spec.ListVal(append(slices.Clone(cur), cur[0])))
		}
		// Two names whose listener rule priorities, taken from a hash of
		// the name, collide (blueprints.ListenerRulePriority).
		out = append(out, spec.ListVal(append(slices.Clone(cur), "svc214", "svc467")))
		// Longer and longer lists of distinct, plain items, for a rule on
		// the number of items; the first that breaks it is the one used.
		for _, n := range []int{10, 100} {
			many := slices.Clone(cur)
			for i := 1; len(many) < len(cur)+n; i++ {
				if s := fmt.Sprintf("item%d", i); !slices.Contains(many, s) {
					many = append(many, s)
				}
			}
			out = append(out, spec.ListVal(many))
		}
	}
	for _, c := range q.ChoiceValues() {
		out = append(out, cty.StringVal(c))
	}
	return out
}

// stringCandidates are the bad strings tried for question key, whose
// generated value is cur ("" when none).
func stringCandidates(key, cur string, a spec.Answers) []string {
	out := []string{
		"", "Not Valid!", "a--b", strings.Repeat("a", 300), "-", "0", "9lives", "admin", "select",
		"10.0.0.1/16", "10.0.0.0/8", "10.0.0.0/28", "rate(0 minutes)", "cron(0 2 * * *)",
		"ftp://example.com", "https://", "go1.x", "z9.large", "a1.large", "db.zz", "t3.micro,c7g", "none",
		// Project names whose derived names take a prefix AWS reserves.
		"internal", "sg", "sthree-shop", "xn--shop",
		// A service named like the container every ECS task also runs.
		"tmp-permissions",
		// A container path over the task's own /tmp volume.
		"/tmp",
		// A container path that leaves its directory (Docker cleans it).
		"/app/..",
		// A key prefix that leaves its folder; a crawler schedule more
		// frequent than Glue allows.
		"../", "cron(* * * * ? *)",
		// A repository named like a folder reference, which Git hosts refuse.
		"..",
	}
	if cur != "" {
		out = append(out, strings.ToUpper(cur), cur+"-")
	}
	// Other answers, for rules that compare answers (a sort key that
	// must differ from the partition key).
	for _, k := range a.Keys() {
		if s := a.String(k); s != "" && k != key {
			out = append(out, s)
		}
	}
	return out
}

// indent nests a canonical fragment one level (two spaces) inside a block,
// which keeps it canonical: blank lines stay empty.
func indent(fragment []byte) []byte {
	lines := bytes.SplitAfter(bytes.TrimRight(fragment, "\n"), []byte("\n"))
	var out bytes.Buffer
	for _, l := range lines {
		if len(bytes.TrimSpace(l)) > 0 {
			out.WriteString("  ")
		}
		out.Write(l)
	}
	out.WriteString("\n")
	return out.Bytes()
}
