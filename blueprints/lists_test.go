package blueprints

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/zclconf/go-cty/cty"

	"github.com/scaffold-tf/scaffold/blueprints/rules"
	"github.com/scaffold-tf/scaffold/blueprints/spec"
)

// listBlueprint is a blueprint of one list question, for the tests of
// list answers; no real blueprint asks for a list yet.
func listBlueprint() *spec.Blueprint {
	return &spec.Blueprint{ID: "lists", Questions: []*spec.Question{{
		Key: "services", Prompt: "Services", Type: spec.ListOfStrings,
		Default: spec.Fixed(spec.ListVal([]string{"app"})),
		Rules: []spec.Rule{
			rules.Items(1, 3),
			rules.Unique(),
			rules.Each(rules.Length(1, 8)),
			rules.Each(rules.Matches(`^[a-z][a-z0-9-]*$`, "start with a lowercase letter and hold only lowercase letters, digits and hyphens")),
		},
	}}}
}

func TestListTypeName(t *testing.T) {
	q := listBlueprint().Questions[0]
	if got := q.TypeName(); got != "list(string)" {
		t.Errorf("TypeName = %q, want list(string)", got)
	}
	if !q.IsList() || (&spec.Question{Type: cty.String}).IsList() {
		t.Error("IsList is wrong")
	}
}

func TestListParseText(t *testing.T) {
	q := listBlueprint().Questions[0]
	for in, want := range map[string][]string{
		"api,web":       {"api", "web"},
		" api , web ":   {"api", "web"},
		"":              {},
		"[]":            {},
		`["a,b", "c"]`:  {"a,b", "c"},
		"api,,web":      {"api", "", "web"},
		"one-item-only": {"one-item-only"},
	} {
		v, d := q.ParseText(in)
		if d != nil {
			t.Errorf("ParseText(%q): %v", in, d)
			continue
		}
		if !v.Type().Equals(spec.ListOfStrings) || v.IsNull() || !slices.Equal(spec.Items(v), want) {
			t.Errorf("ParseText(%q) = %#v, want the list %q", in, v, want)
		}
	}
	if _, d := q.ParseText(`["a", [1]]`); d == nil || !strings.Contains(d.Error(), "services must be a list of strings") {
		t.Errorf("ParseText of a nested list = %v, want it refused as not a list of strings", d)
	}
}

// Display is what a user types: a listed --set line or a wizard default
// typed back gives the same list.
func TestListDisplayRoundTrips(t *testing.T) {
	q := listBlueprint().Questions[0]
	for _, items := range [][]string{{}, {"api"}, {"api", "web"}, {"a,b"}, {""}} {
		v := spec.ListVal(items)
		back, d := q.ParseText(spec.Display(v))
		if d != nil || !back.RawEquals(v) {
			t.Errorf("ParseText(Display(%q)) = ParseText(%q) = %#v, %v", items, spec.Display(v), back, d)
		}
	}
	if got := spec.Display(spec.ListVal([]string{"api", "web"})); got != "api,web" {
		t.Errorf("Display = %q, want api,web", got)
	}
}

func TestListIsSet(t *testing.T) {
	if spec.IsSet(spec.ListVal(nil)) || !spec.IsSet(spec.ListVal([]string{""})) {
		t.Error("IsSet: the empty list is not set, a list with an item is")
	}
}

// Answers files give a list as an HCL tuple or a JSON array; anything else
// is refused with an example of the list form.
func TestListAnswersFile(t *testing.T) {
	b := listBlueprint()
	dir := t.TempDir()
	for name, src := range map[string]string{
		"a.hcl":  `services = ["api", "web"]`,
		"a.json": `{"services": ["api", "web"]}`,
	} {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		_, raw, err := spec.ReadAnswersFile(p)
		if err != nil {
			t.Fatal(err)
		}
		given, err := b.ConvertGiven(raw)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if got := given["services"].Value; !got.RawEquals(spec.ListVal([]string{"api", "web"})) {
			t.Errorf("%s: services = %#v, want the list [api web]", name, got)
		}
	}
	for src, want := range map[string]string{
		`services = "api"`:         `services = "api" is not accepted: services must be a list of strings (it is a string; write it as services = ["a", "b"])`,
		`services = ["api", null]`: `services must be a list of strings (item 2 is null, which is no value; write it as`,
		`services = {a = 1}`:       `services must be a list of strings (it is an object`,
		`services = []`:            "",
		`services = [1, true]`:     "", // Terraform converts them to "1" and "true" for list(string) too
	} {
		p := filepath.Join(dir, "b.hcl")
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		_, raw, err := spec.ReadAnswersFile(p)
		if err != nil {
			t.Fatal(err)
		}
		_, err = b.ConvertGiven(raw)
		switch {
		case want == "" && err != nil:
			t.Errorf("%s: %v, want it accepted", src, err)
		case want != "" && (err == nil || !strings.Contains(err.Error(), want)):
			t.Errorf("%s: %v, want %q", src, err, want)
		}
	}
}

// The list rules: each refusal names the rule, the list as an answers file
// writes it, and the offending items.
func TestListRules(t *testing.T) {
	b := listBlueprint()
	q := b.Questions[0]
	for _, c := range []struct {
		items []string
		want  []string // one diagnostic each, in rule order
	}{
		{[]string{"api", "web"}, nil},
		{[]string{}, []string{`services = [] is not accepted: services must be a list of 1 to 3 items (it has 0)`}},
		{[]string{"a", "b", "c", "d"}, []string{`services must be a list of 1 to 3 items (it has 4)`}},
		{[]string{"api", "web", "api"}, []string{`services = ["api", "web", "api"] is not accepted: services must be a list without repeated items (item 3 repeats item 1, "api")`}},
		{[]string{"api", "Web", "9x"}, []string{`services must have every item start with a lowercase letter and hold only lowercase letters, digits and hyphens (item 2 is "Web"; item 3 is "9x")`}},
		{[]string{"api", "much-too-long"}, []string{`services must have every item be 1 to 8 characters long (item 2 is "much-too-long": it has 13)`}},
	} {
		errs := q.Validate(spec.ListVal(c.items), spec.Answers{})
		if len(errs) != len(c.want) {
			t.Errorf("%q: %d refusals %v, want %d", c.items, len(errs), errs, len(c.want))
			continue
		}
		for i, e := range errs {
			if !strings.Contains(e.Error(), c.want[i]) {
				t.Errorf("%q: refusal %q, want it to hold %q", c.items, e.Error(), c.want[i])
			}
		}
	}
}

// Each's Terraform condition is the item rule's own, read for every item.
func TestEachCondition(t *testing.T) {
	cases := map[string]spec.Rule{
		`alltrue([for item in var.services : length(item) >= 1 && length(item) <= 8])`:     rules.Each(rules.Length(1, 8)),
		`alltrue([for item in var.services : can(regex("^[a-z]+$", item))])`:               rules.Each(rules.Matches(`^[a-z]+$`, "be lowercase")),
		`alltrue([for item in var.services : !can(regex("^x", item))])`:                    rules.Each(rules.NotMatches(`^x`, "not start with x")),
		`length(var.services) >= 1 && length(var.services) <= 3`:                           rules.Items(1, 3),
		`length(distinct(var.services)) == length(var.services)`:                           rules.Unique(),
		`alltrue([for item in var.services : item != var.name && item != var.services_x])`: rules.Each(rules.Custom("differ", nil, differ)),
	}
	for want, r := range cases {
		got := string(hclFormat(r.TerraformCondition("services", spec.Answers{})))
		if got != want {
			t.Errorf("condition = %s\nwant        %s", got, want)
		}
	}
}

// differ is a condition reading another variable and one whose name starts
// with the key: only var.services itself becomes the item.
func differ(key string, _ spec.Answers) spec.Expr {
	return spec.And(spec.Cmp(spec.Var(key), "!=", spec.Var("name")), spec.Cmp(spec.Var(key), "!=", spec.Var(key+"_x")))
}

func hclFormat(e spec.Expr) []byte { return spec.Text(e) }

// A condition that already uses the loop variable's name would read it
// as the item: Each refuses to build it.
func TestEachRefusesClashingName(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("Each built a condition whose own `item` would become the loop variable")
		}
	}()
	r := rules.Each(rules.Custom("x", nil, func(key string, _ spec.Answers) spec.Expr {
		return spec.Cmp(spec.Var(key), "==", spec.Ident("item"))
	}))
	r.TerraformCondition("services", spec.Answers{})
}
