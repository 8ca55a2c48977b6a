package prove

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/scaffold-tf/scaffold/blueprints/rules"
	"github.com/scaffold-tf/scaffold/blueprints/spec"
)

// The life-cycle pass edits each item's per-item answers (they tune) and
// writes them as the list's settings map, every item with every attribute,
// the edited ones changed: the variables file a user would edit.
func TestLifecycleEditsPerItem(t *testing.T) {
	b := &spec.Blueprint{ID: "per-item", Questions: []*spec.Question{
		{Key: "services", Prompt: "Services", Type: spec.ListOfStrings, Shape: spec.Selects,
			Default: spec.Fixed(spec.ListVal([]string{"api", "web"})), Rules: []spec.Rule{spec.ItemNames()}},
		{Key: "port", Each: "services", Prompt: "Port", Type: cty.Number, Default: spec.Fixed(cty.NumberIntVal(8080)),
			Rules: []spec.Rule{rules.Range(1, 65535)}},
		{Key: "image", Each: "services", Prompt: "Image", Type: cty.String, Default: spec.Fixed(cty.StringVal("nginx"))},
	}}
	res, err := b.Resolve(nil, nil, true)
	if err != nil {
		t.Fatal(err)
	}
	samples := []Sample{{"api_image": "httpd"}, {"web_image": "caddy"}}
	edits, edited, missing := LifecycleEdits(b, res.Answers, samples, nil)
	if len(missing) > 0 {
		t.Fatalf("no edit for %v", missing)
	}
	var keys []string
	for _, e := range edits {
		keys = append(keys, e.Key)
	}
	if got := strings.Join(keys, " "); got != "api_port api_image web_port web_image" {
		t.Errorf("edited %s, want every per-item answer of every item", got)
	}
	dir := t.TempDir()
	if err := writeEdits(dir, b, edited, edits); err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile(filepath.Join(dir, EditVarsFile))
	if err != nil {
		t.Fatal(err)
	}
	f, diags := hclsyntax.ParseConfig(src, EditVarsFile, hcl.InitialPos)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	attrs := f.Body.(*hclsyntax.Body).Attributes
	if len(attrs) != 1 || attrs["service_settings"] == nil {
		t.Fatalf("%s holds %d attributes, want service_settings alone:\n%s", EditVarsFile, len(attrs), src)
	}
	v, _ := attrs["service_settings"].Expr.Value(nil)
	for _, e := range edits {
		item, key, _ := spec.SplitItemKey(e.Key)
		if got := v.GetAttr(item).GetAttr(key); !got.Equals(e.To).True() {
			t.Errorf("service_settings.%s.%s = %#v, want the edit %s", item, key, got, e)
		}
	}
}
