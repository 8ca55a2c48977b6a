package wizard_test

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/zclconf/go-cty/cty"

	"github.com/scaffold-tf/scaffold/blueprints/rules"
	"github.com/scaffold-tf/scaffold/blueprints/spec"
	"github.com/scaffold-tf/scaffold/internal/prompt"
	"github.com/scaffold-tf/scaffold/internal/prompt/prompttest"
	"github.com/scaffold-tf/scaffold/internal/wizard"
)

// listBlueprint asks a name and then a list, the shape of a blueprint
// whose services are a list answer.
func listBlueprint() *spec.Blueprint {
	return &spec.Blueprint{ID: "lists", Title: "Lists", Flow: spec.Graph{Nodes: []spec.Node{{ID: "a", Label: "A", Component: "a"}, {ID: "b", Label: "B", Component: "b"}}}, Questions: []*spec.Question{
		{Key: "name", Prompt: "Project name", Type: cty.String, Default: spec.Fixed(cty.StringVal("shop"))},
		{
			Key: "services", Prompt: "Services", Help: "One ECS service each.", Type: spec.ListOfStrings,
			Default: spec.Fixed(spec.ListVal([]string{"app"})),
			Rules: []spec.Rule{
				rules.Items(1, 3),
				rules.Unique(),
				rules.Each(rules.Matches(`^[a-z]+$`, "be lowercase letters")),
			},
		},
	}}
}

func TestWizardListQuestionUsesListPrompt(t *testing.T) {
	b := listBlueprint()
	p := prompttest.New(t)
	p.RegisterInput("Project name", prompttest.Default())
	ty := prompttest.Type("api,Web", "api, api", "[]", "[1", "api, web")
	p.RegisterList("Services", ty.List)
	res := resolve(t, b, p, nil)
	wantAnswer(t, res, "services", spec.ListVal([]string{"api", "web"}), spec.FromWizard)
	call := p.Call("Services")
	if call.Kind != prompttest.List || call.Default != "app" {
		t.Errorf("the list was asked with %s, default %q; want a List prompt showing app", call.Kind, call.Default)
	}
	for _, want := range []string{"One ECS service each.", "must have every item be lowercase letters", "[] for none", "--set services=a,b"} {
		if !strings.Contains(call.Help, want) {
			t.Errorf("help lacks %q:\n%s", want, call.Help)
		}
	}
	want := []string{
		`services = ["api", "Web"] is not accepted: services must have every item be lowercase letters (item 2 is "Web")`,
		`services = ["api", "api"] is not accepted: services must be a list without repeated items (item 2 repeats item 1, "api")`,
		`services = [] is not accepted: services must be a list of 1 to 3 items (it has 0)`,
		`[1 is not a list of strings`,
	}
	got := ty.Reasons()
	if len(got) != len(want) {
		t.Fatalf("refusals %q, want %d", got, len(want))
	}
	for i := range want {
		if !strings.Contains(got[i], want[i]) {
			t.Errorf("refusal %d = %q, want it to hold %q", i+1, got[i], want[i])
		}
	}
}

func TestWizardListDefaultAccepted(t *testing.T) {
	b := listBlueprint()
	p := prompttest.New(t)
	p.RegisterInput("Project name", prompttest.Default())
	p.RegisterList("Services", prompttest.DefaultItems())
	res := resolve(t, b, p, nil)
	wantAnswer(t, res, "services", spec.ListVal([]string{"app"}), spec.FromAccept)
}

// `<` at the list prompt goes back to the question before; Ctrl-D cancels.
func TestWizardListBackAndCancel(t *testing.T) {
	b := listBlueprint()
	p := prompttest.New(t)
	p.RegisterInput("Project name", prompttest.Value("shop"))
	p.RegisterList("Services", func([]string, func([]string) error) ([]string, error) { return nil, prompt.ErrBack })
	p.RegisterInput("Project name", prompttest.Value("billing"))
	p.RegisterList("Services", prompttest.ItemsOf("api"))
	res := resolve(t, b, p, nil)
	wantAnswer(t, res, "name", cty.StringVal("billing"), spec.FromWizard)
	wantAnswer(t, res, "services", spec.ListVal([]string{"api"}), spec.FromWizard)
	if want := []string{"Project name", "Services", "Project name", "Services"}; !slices.Equal(p.Messages(), want) {
		t.Errorf("prompts %q, want %q", p.Messages(), want)
	}

	p = prompttest.New(t)
	p.RegisterInput("Project name", prompttest.Value("shop"))
	p.RegisterList("Services", func([]string, func([]string) error) ([]string, error) { return nil, prompt.ErrEndOfInput })
	w := &wizard.Wizard{P: p, Out: &bytes.Buffer{}}
	if _, err := b.Resolve(nil, w.Ask, false); !errors.Is(err, prompt.ErrInterrupted) {
		t.Errorf("Resolve after Ctrl-D at the list = %v, want the interruption", err)
	}
}

// A list given by flag is not asked; the summary shows each list as it is
// typed, the empty one as [].
func TestWizardListSummary(t *testing.T) {
	b := listBlueprint()
	b.Questions[1].Rules = nil
	for items, want := range map[string]string{"api,web": "services  api,web  (--set)", "": "services  []  (--set)"} {
		v, d := b.Questions[1].ParseText(items)
		if d != nil {
			t.Fatal(d)
		}
		p := prompttest.New(t)
		p.RegisterInput("Project name", prompttest.Default())
		res := resolve(t, b, p, map[string]spec.Given{"services": {Value: v, Source: spec.FromFlag}})
		var out bytes.Buffer
		wizard.Summary(&out, b, res, 80)
		if !strings.Contains(out.String(), want) {
			t.Errorf("summary lacks %q:\n%s", want, out.String())
		}
	}
}

// A Prompter that skips validation cannot let a bad list through.
func TestWizardListRechecksWhatPrompterReturns(t *testing.T) {
	b := listBlueprint()
	w := &wizard.Wizard{P: lax{answer: "shop", items: []string{"API"}}, Out: &bytes.Buffer{}}
	_, err := b.Resolve(nil, w.Ask, false)
	if err == nil || !strings.Contains(err.Error(), `services = ["API"] is not accepted: services must have every item be lowercase letters (item 1 is "API")`) {
		t.Fatalf("Resolve = %v, want the list refused", err)
	}
}
