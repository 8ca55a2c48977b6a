package blueprints

import (
	"regexp"
	"strings"
	"testing"
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
		if b.Title == "" || !strings.Contains(b.Flow, "→") || b.Summary == "" {
			t.Errorf("%s: title, flow (with →) and summary are required", b.ID)
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
			if !snake.MatchString(q.Key) || keys[q.Key] || q.Key == BlueprintKey {
				t.Errorf("%s: question key %q must be unique snake_case and not %q", b.ID, q.Key, BlueprintKey)
			}
			keys[q.Key] = true
			if q.Prompt == "" || len(q.Help) < 40 || q.Default == nil {
				t.Errorf("%s.%s: needs a prompt, a helpful help text and a default", b.ID, q.Key)
			}
			if (q.When == nil) != (q.WhenText == "") {
				t.Errorf("%s.%s: When and WhenText go together", b.ID, q.Key)
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
