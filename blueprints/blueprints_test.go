package blueprints

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/zclconf/go-cty/cty"

	"github.com/scaffold-tf/scaffold/blueprints/spec"
)

// TestBlueprintsAreComplete checks what every blueprint owes its users: a
// flow and an explanation, and questions a wizard and a flag can both serve.
func TestBlueprintsAreComplete(t *testing.T) {
	snake := regexp.MustCompile(`^[a-z][a-z0-9]*(_[a-z0-9]+)*$`)
	seen := map[string]bool{}
	for _, b := range All() {
		if seen[b.ID] {
			t.Errorf("two blueprints have id %s", b.ID)
		}
		seen[b.ID] = true
		if b.Title == "" || !strings.Contains(b.Flow.Line(), "→") || b.Summary == "" {
			t.Errorf("%s: title, flow (two pieces at least) and summary are required", b.ID)
		}
		if err := b.Flow.Check(); err != nil {
			t.Errorf("%s: flow graph: %v", b.ID, err)
		}
		for what, list := range map[string][]string{"Why": b.Why, "ChooseWhen": b.ChooseWhen, "AvoidWhen": b.AvoidWhen, "Pitfalls": b.Pitfalls, "NextSteps": b.NextSteps} {
			if len(list) == 0 {
				t.Errorf("%s: %s is empty", b.ID, what)
			}
		}
		if b.Components == nil {
			t.Errorf("%s: Components is nil", b.ID)
		} else if def, err := b.Resolve(nil, nil, true); err == nil && len(b.Components(def.Answers)) == 0 {
			t.Errorf("%s: composes no component with the default answers", b.ID)
		}
		for _, key := range []string{"name", "region", "environment", "deletion_protection"} {
			if b.Question(key) == nil {
				t.Errorf("%s: has no %s question", b.ID, key)
			}
		}
		keys := map[string]bool{}
		for _, q := range b.Questions {
			if !snake.MatchString(q.Key) || keys[q.Key] || q.Key == spec.BlueprintKey {
				t.Errorf("%s: question key %q must be unique snake_case and not %q", b.ID, q.Key, spec.BlueprintKey)
			}
			keys[q.Key] = true
			if q.Prompt == "" || len(q.Help) < 40 || q.Default == nil {
				t.Errorf("%s.%s: needs a prompt, a helpful help text and a default", b.ID, q.Key)
			}
			if (q.When == nil) != (q.WhenText == "") {
				t.Errorf("%s.%s: When and WhenText go together", b.ID, q.Key)
			}
			if len(q.Choices) > 0 && q.Type != cty.String {
				t.Errorf("%s.%s: choices are for string questions; check a list's items with rules.Each", b.ID, q.Key)
			}
			for _, c := range q.Choices {
				if c.Help == "" {
					t.Errorf("%s.%s: choice %q has no help", b.ID, q.Key, c.Value)
				}
			}
			for _, r := range q.Rules {
				if r.Text == "" || r.Check == nil {
					t.Errorf("%s.%s: a rule needs a text and a check", b.ID, q.Key)
				}
			}
		}
		if _, err := b.Resolve(nil, nil, true); err != nil {
			t.Errorf("%s: the defaults do not pass the blueprint's own rules: %v", b.ID, err)
		}
	}
}

// readsListOf reports whether v is the settings variable of a list rule r
// reads: the per-item answers of every item of that list (container-service's
// services fit in the private subnets together).
func readsListOf(b *spec.Blueprint, r spec.Rule, v string) bool {
	for _, k := range r.Reads {
		if q := b.Question(k); q != nil && q.Type.Equals(spec.ListOfStrings) && len(b.PerItem(k)) > 0 && q.SettingsVar() == v {
			return true
		}
	}
	return false
}

// TestRulesReadEarlierAnswers checks what each rule declares it reads
// (spec.Rule.Reads): every key is a question of the blueprint asked before
// the rule's own, and the Terraform condition reads no variable besides
// its own and those.
func TestRulesReadEarlierAnswers(t *testing.T) {
	for _, b := range All() {
		def, err := b.Resolve(nil, nil, true)
		if err != nil {
			t.Fatal(err)
		}
		asked := map[string]bool{}
		for _, q := range b.Questions {
			for _, r := range q.Rules {
				for _, k := range r.Reads {
					if !asked[k] {
						t.Errorf("%s.%s: rule %q reads %s, which is not a question asked before %s", b.ID, q.Key, r.Text, k, q.Key)
					}
				}
				for _, answers := range everyShape(b, def.Answers) {
					for _, v := range conditionVars(r.TerraformCondition(q.Key, answers)) {
						if v != q.Key && !slices.Contains(r.Reads, v) && !readsListOf(b, r, v) {
							t.Errorf("%s.%s: the Terraform condition of rule %q reads var.%s, which the rule does not declare in Reads", b.ID, q.Key, r.Text, v)
						}
					}
				}
			}
			asked[q.Key] = true
		}
	}
}

// everyShape is the defaults, and the defaults with each choice of each
// question in turn.
func everyShape(b *spec.Blueprint, def spec.Answers) []spec.Answers {
	out := []spec.Answers{def}
	for _, alt := range b.Alternatives(def) {
		out = append(out, def.Set(alt.Key, alt.Value))
	}
	return out
}

// conditionVars lists the variables an expression reads.
func conditionVars(e spec.Expr) []string {
	var out []string
	for i := 0; i+2 < len(e); i++ {
		if string(e[i].Bytes) == "var" && string(e[i+1].Bytes) == "." {
			out = append(out, string(e[i+2].Bytes))
		}
	}
	return out
}

// TestTextTagsNameComposedComponents checks that every component a text
// item or flow step is tagged with ("[rds] ...") is one some shape of the
// blueprint composes.
func TestTextTagsNameComposedComponents(t *testing.T) {
	for _, b := range All() {
		def, err := b.Resolve(nil, nil, true)
		if err != nil {
			t.Fatal(err)
		}
		composed := map[string]bool{}
		for _, a := range everyShape(b, def.Answers) {
			for _, c := range b.Components(a) {
				composed[c.Name] = true
			}
		}
		for _, n := range b.Flow.Nodes {
			if n.Component != "" && !composed[n.Component] {
				t.Errorf("%s: flow node %s belongs to component %s, which no shape of the blueprint composes", b.ID, n.ID, n.Component)
			}
		}
		items := append(append(slices.Clone(b.Why), b.Pitfalls...), b.NextSteps...)
		for _, it := range items {
			if c, _ := spec.TextTag(it); c != "" && !composed[c] {
				t.Errorf("%s: %q is tagged with component %s, which no shape of the blueprint composes", b.ID, it, c)
			}
		}
	}
}

// TestRegisteredIDs checks that each blueprint is registered under the id it
// carries, which Lookup relies on to build only the blueprint asked for,
// and that Lookup and All hand out the same blueprint.
func TestRegisteredIDs(t *testing.T) {
	all := map[string]*spec.Blueprint{}
	for _, b := range All() {
		all[b.ID] = b
	}
	if len(all) != len(registry) {
		t.Errorf("%d blueprints registered, %d distinct ids built", len(registry), len(all))
	}
	for _, r := range registry {
		b := r.build()
		if b.ID != r.id {
			t.Errorf("registered as %q, builds blueprint %q", r.id, b.ID)
		}
		if Lookup(r.id) != all[r.id] {
			t.Errorf("Lookup(%q) is not the blueprint All returns", r.id)
		}
	}
	if Lookup("no-such-blueprint") != nil {
		t.Error("Lookup of an unknown id returned a blueprint")
	}
}

// TestEveryBlueprintAsksTheCommonQuestions: every blueprint, however it is
// built (registered or called directly), ends with the questions every
// module has.
func TestEveryBlueprintAsksTheCommonQuestions(t *testing.T) {
	common := CommonQuestions()
	for _, b := range All() {
		if len(b.Questions) < len(common) {
			t.Errorf("%s: fewer questions than the common ones (Questions: withCommonQuestions(...))", b.ID)
			continue
		}
		tail := b.Questions[len(b.Questions)-len(common):]
		for i, q := range common {
			if tail[i].Key != q.Key || tail[i].Shape != spec.Writes {
				t.Errorf("%s: question %d from the end is %s, want %s, Shape Writes (Questions: withCommonQuestions(...))", b.ID, len(common)-i, tail[i].Key, q.Key)
			}
		}
	}
}

// terraformReservedVariables are the names Terraform refuses for a root
// module's variables, because a module block uses them as arguments
// (hashicorp/terraform internal/configs/named_values.go,
// reservedVariableNames... "The variable name %q is reserved due to its
// special meaning inside module blocks"), read 2026-11-30.
var terraformReservedVariables = []string{"count", "depends_on", "for_each", "lifecycle", "providers", "source", "version"}

// TestQuestionKeysAreValidVariableNames checks every question key, which
// becomes var.<key> in the generated module, against the names Terraform
// reserves: ci-pipeline first asked "source", and terraform validate
// refused the module.
func TestQuestionKeysAreValidVariableNames(t *testing.T) {
	for _, b := range All() {
		for _, q := range b.Questions {
			if slices.Contains(terraformReservedVariables, q.Key) {
				t.Errorf("%s: question %s is a variable name Terraform reserves (%v)", b.ID, q.Key, terraformReservedVariables)
			}
		}
	}
}

// TestListPromptsLeaveTheFormToTheWizard: the wizard asks a list question
// with " (comma-separated)" after its prompt (internal/prompt), so a prompt
// that says it too reads "Services (comma-separated) (comma-separated)".
func TestListPromptsLeaveTheFormToTheWizard(t *testing.T) {
	for _, b := range All() {
		for _, q := range b.Questions {
			if q.Type.Equals(spec.ListOfStrings) && strings.Contains(q.Prompt, "comma-separated") {
				t.Errorf("%s: the prompt of list question %s, %q, says comma-separated, which the wizard adds to every list prompt", b.ID, q.Key, q.Prompt)
			}
		}
	}
}

// TestRenamedValuesNameCurrentChoices: an answers file's old choice is read
// as a choice the question offers now, and the old name is no longer one.
func TestRenamedValuesNameCurrentChoices(t *testing.T) {
	for _, b := range All() {
		for _, r := range b.RenamedValues {
			q := b.Question(r.Key)
			if q == nil {
				t.Errorf("%s: renamed value of %s, which is not a question", b.ID, r.Key)
				continue
			}
			if !slices.Contains(q.ChoiceValues(), r.To) || slices.Contains(q.ChoiceValues(), r.From) {
				t.Errorf("%s: %s %s → %s: want the new name among the choices %v and the old one not", b.ID, r.Key, r.From, r.To, q.ChoiceValues())
			}
		}
	}
}
