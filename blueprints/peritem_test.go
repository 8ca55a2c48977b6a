package blueprints

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zclconf/go-cty/cty"

	"github.com/scaffold-tf/scaffold/blueprints/rules"
	"github.com/scaffold-tf/scaffold/blueprints/spec"
)

// perItemBlueprint is a list with per-item questions, for the tests of
// the spec machinery: a port and, per item, a count whose default is the
// item's port divided by 1000 (a default reading a per-item answer) and
// a When reading another per-item answer.
func perItemBlueprint() *spec.Blueprint {
	return &spec.Blueprint{ID: "per-item", Questions: []*spec.Question{
		{Key: "db_name", Prompt: "Database name", Type: cty.String, Default: spec.Fixed(cty.StringVal("app"))},
		{Key: "services", Prompt: "Services", Type: spec.ListOfStrings, Default: spec.Fixed(spec.ListVal([]string{"app"})),
			Rules: []spec.Rule{rules.Items(1, 3), spec.ItemNames()}},
		{Key: "port", Each: "services", Prompt: "Port", Type: cty.Number, Default: spec.Fixed(cty.NumberIntVal(8080)),
			Rules: []spec.Rule{rules.Range(1, 65535)}},
		{Key: "tasks", Each: "services", Prompt: "Tasks", Type: cty.Number,
			Default: func(a spec.Answers) cty.Value { return cty.NumberIntVal(int64(a.Float("port")) / 1000) }},
		{Key: "path", Each: "services", Prompt: "Path", Type: cty.String, Default: spec.Fixed(cty.StringVal("/")),
			When: func(a spec.Answers) bool { return a.Float("port") != 443 }, WhenText: "port is not 443"},
	}}
}

func given(kv map[string]cty.Value) map[string]spec.Given {
	out := map[string]spec.Given{}
	for k, v := range kv {
		out[k] = spec.Given{Value: v, Source: spec.FromFlag}
	}
	return out
}

// Defaults apply per item, computed from that item's answers; Expand
// asks each item's questions in turn, after the list.
func TestPerItemDefaultsAndOrder(t *testing.T) {
	b := perItemBlueprint()
	res, err := b.Resolve(given(map[string]cty.Value{
		"services": spec.ListVal([]string{"web", "api"}), "api_port": cty.NumberIntVal(9000), "web_port": cty.NumberIntVal(443),
	}), nil, true)
	if err != nil {
		t.Fatal(err)
	}
	for k, want := range map[string]cty.Value{
		"web_port": cty.NumberIntVal(443), "web_tasks": cty.NumberIntVal(0), "api_port": cty.NumberIntVal(9000), "api_tasks": cty.NumberIntVal(9),
	} {
		if got := res.Answers.Get(k); !got.RawEquals(want) {
			t.Errorf("%s = %#v, want %#v", k, got, want)
		}
	}
	var keys, prompts []string
	for _, q := range b.Expand(res.Answers) {
		keys = append(keys, q.Key)
		prompts = append(prompts, q.Prompt)
	}
	if got, want := strings.Join(keys, " "), "db_name services web_port web_tasks web_path api_port api_tasks api_path"; got != want {
		t.Errorf("Expand = %s, want %s", got, want)
	}
	if prompts[2] != "web · Port" {
		t.Errorf("prompt = %q, want the item first", prompts[2])
	}
	// web's path does not apply (its port is 443), api's does.
	ex := b.Expand(res.Answers)
	if ex[4].Applies(res.Answers) || !ex[7].Applies(res.Answers) {
		t.Error("a per-item When does not read the item's own answers")
	}
	if got := b.ItemAnswers(res.Answers, "services", "api").Float("port"); got != 9000 {
		t.Errorf("ItemAnswers(api).port = %v, want 9000", got)
	}
}

// A given path for web, whose When is false, is ignored with a warning
// naming the per-item key.
func TestPerItemIgnoredWarning(t *testing.T) {
	b := perItemBlueprint()
	res, err := b.Resolve(given(map[string]cty.Value{"app_port": cty.NumberIntVal(443), "app_path": cty.StringVal("/x")}), nil, true)
	if err != nil {
		t.Fatal(err)
	}
	if w := res.Warnings.Error(); !strings.Contains(w, `app_path = "/x" is ignored: it applies only when port is not 443`) {
		t.Errorf("warnings = %q", w)
	}
}

// An item whose per-item key would be another question's key is refused:
// the key could not say which it answers.
func TestPerItemKeyCollision(t *testing.T) {
	b := perItemBlueprint()
	b.Questions[3].Key = "name" // db + _name = db_name
	b.Questions[4].Default = spec.Fixed(cty.NumberIntVal(1))
	_, err := b.Resolve(given(map[string]cty.Value{"services": spec.ListVal([]string{"db"})}), nil, true)
	if err == nil || !strings.Contains(err.Error(), `item "db" of services would answer name as db_name, which is the question db_name; rename the item`) {
		t.Errorf("Resolve = %v, want the collision refused", err)
	}
}

// Answers files give per-item keys as HCL attributes or JSON members,
// converted to the per-item question's type; a wrong type names the key.
func TestPerItemAnswersFile(t *testing.T) {
	b := perItemBlueprint()
	dir := t.TempDir()
	for name, src := range map[string]string{
		"a.hcl":  "services = [\"api\"]\napi_port = 81\n",
		"a.json": `{"services": ["api"], "api_port": "81"}`,
	} {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		_, raw, err := spec.ReadAnswersFile(p)
		if err != nil {
			t.Fatal(err)
		}
		g, err := b.ConvertGiven(raw)
		if err != nil {
			t.Fatal(err)
		}
		res, err := b.Resolve(g, nil, true)
		if err != nil {
			t.Fatal(err)
		}
		if got := res.Answers.Get("api_port"); !got.RawEquals(cty.NumberIntVal(81)) {
			t.Errorf("%s: api_port = %#v", name, got)
		}
	}
	p := filepath.Join(dir, "bad.hcl")
	if err := os.WriteFile(p, []byte("api_port = [1]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, raw, _ := spec.ReadAnswersFile(p)
	if _, err := b.ConvertGiven(raw); err == nil || !strings.Contains(err.Error(), "api_port must be a number (it is a list; write it as api_port = 3)") {
		t.Errorf("ConvertGiven = %v", err)
	}
}

// Lint names each broken constraint, and Resolve refuses to run on it.
func TestPerItemLint(t *testing.T) {
	for what, c := range map[string]struct {
		edit func(b *spec.Blueprint)
		want string
	}{
		"no ItemNames": {func(b *spec.Blueprint) { b.Questions[1].Rules = b.Questions[1].Rules[:1] }, "the list services has per-item questions, so it must carry the rule spec.ItemNames()"},
		"not a list":   {func(b *spec.Blueprint) { b.Questions[2].Each = "db_name" }, `port: Each names "db_name", which is not a list question`},
		"before list":  {func(b *spec.Blueprint) { b.Questions[0], b.Questions[2] = b.Questions[2], b.Questions[0] }, "port: asked per item of services, which comes after it"},
		"structural":   {func(b *spec.Blueprint) { b.Questions[2].Shape = spec.Selects }, "port: a per-item question must tune"},
		"settings var": {func(b *spec.Blueprint) { b.Questions[0].Key = "service_settings" }, "the settings variable service_settings of services is also a question"},
	} {
		b := perItemBlueprint()
		c.edit(b)
		err := b.Lint()
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: Lint = %v, want %q", what, err, c.want)
		}
		if _, rerr := b.Resolve(nil, nil, true); rerr == nil || rerr.Error() != err.Error() {
			t.Errorf("%s: Resolve = %v, want the lint error", what, rerr)
		}
	}
	if err := perItemBlueprint().Lint(); err != nil {
		t.Error(err)
	}
	for _, b := range All() {
		if err := b.Lint(); err != nil {
			t.Error(err)
		}
	}
}

// The wizard asks each item's questions after the list, with defaults
// computed per item; going back from the second item's first question
// returns to the first item's last question.
func TestPerItemWizardBack(t *testing.T) {
	b := perItemBlueprint()
	var asked []string
	backs := 0
	ask := func(q *spec.Question, def cty.Value, validate func(cty.Value) error) (cty.Value, error) {
		asked = append(asked, q.Key+"="+spec.Display(def))
		switch q.Key {
		case "services":
			if backs == 0 {
				return spec.ListVal([]string{"a", "b"}), nil
			}
			return spec.ListVal([]string{"c"}), nil
		case "a_port":
			return cty.NumberIntVal(2000), nil
		case "b_port":
			if backs == 0 {
				backs++
				return cty.NilVal, spec.ErrBack
			}
		}
		return def, nil
	}
	_, err := b.Resolve(given(map[string]cty.Value{"db_name": cty.StringVal("x")}), func(q *spec.Question, def cty.Value, validate func(cty.Value) error) (cty.Value, error) {
		v, err := ask(q, def, validate)
		if err == nil {
			if verr := validate(v); verr != nil {
				t.Fatalf("%s: %v", q.Key, verr)
			}
		}
		return v, err
	}, false)
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(asked, " ")
	// Back from b_port returns to a_path (the last question asked), then
	// b's questions are asked again; the list is never re-asked here.
	want := "services=app a_port=8080 a_tasks=2 a_path=/ b_port=8080 a_path=/ b_port=8080 b_tasks=8 b_path=/"
	if got != want {
		t.Errorf("asked %s\nwant  %s", got, want)
	}
}

// A per-item key naming an item the list lacks is refused before the
// wizard asks anything when the list is given, and at the list's prompt
// when it is typed, so no typed answer is lost to it.
func TestPerItemUnknownItemBeforeTheWizard(t *testing.T) {
	b := perItemBlueprint()
	asked := 0
	ask := func(q *spec.Question, def cty.Value, validate func(cty.Value) error) (cty.Value, error) {
		asked++
		if q.Key == "services" {
			if err := validate(spec.ListVal([]string{"web"})); err == nil || !strings.Contains(err.Error(), `api_port answers port for item "api" of services, which has no such item (its items are "web")`) {
				t.Errorf("typing services=web beside --set api_port: %v", err)
			}
			return spec.ListVal([]string{"api"}), validate(spec.ListVal([]string{"api"}))
		}
		return def, nil
	}
	if _, err := b.Resolve(given(map[string]cty.Value{"api_port": cty.NumberIntVal(80)}), ask, false); err != nil {
		t.Fatal(err)
	}
	asked = 0
	_, err := b.Resolve(given(map[string]cty.Value{"services": spec.ListVal([]string{"web"}), "wep_port": cty.NumberIntVal(80)}), ask, false)
	if err == nil || asked != 0 || !strings.Contains(err.Error(), `did you mean "web_port"?`) {
		t.Errorf("Resolve = %v after %d questions, want the key refused before any", err, asked)
	}
	l := b.Question("services")
	l.Settings = "service_config"
	if l.SettingsVar() != "service_config" {
		t.Errorf("SettingsVar = %s, want the Settings field", l.SettingsVar())
	}
}
