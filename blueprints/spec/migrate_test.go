package spec

import (
	"strings"
	"testing"

	"github.com/zclconf/go-cty/cty"
)

func TestMigrate(t *testing.T) {
	b := &Blueprint{
		Renamed: []Renamed{{From: "a", To: "b", Since: "v1"}, {From: "b", To: "c", Since: "v2"}, {From: "x", To: "y", Since: "v2"}},
		Removed: []Removed{{Key: "gone", Since: "v3", Why: "nothing reads it"}},
	}
	given := map[string]Given{
		"a":    {Value: cty.StringVal("A"), Source: FromFile},
		"x":    {Value: cty.StringVal("old")},
		"y":    {Value: cty.StringVal("new")},
		"gone": {Value: cty.True},
		"keep": {Value: cty.NumberIntVal(3)},
	}
	out, notes := b.Migrate(given)
	if len(given) != 5 {
		t.Errorf("Migrate changed its argument: %v", given)
	}
	if v := out["c"]; v.Value != cty.StringVal("A") || v.Source != FromFile {
		t.Errorf("a renamed twice: c = %#v, want A from the file", v)
	}
	if out["y"].Value != cty.StringVal("new") {
		t.Errorf("old and new key both given: y = %#v, want the new key's answer", out["y"].Value)
	}
	for _, k := range []string{"a", "b", "x", "gone"} {
		if _, ok := out[k]; ok {
			t.Errorf("%s is still in the migrated answers", k)
		}
	}
	if _, ok := out["keep"]; !ok {
		t.Error("an answer to a current question was dropped")
	}
	all := strings.Join(notes, "\n")
	for _, want := range []string{
		`question a was renamed b in scaffold v1; its answer "A" is kept under the new name`,
		`question b was renamed c in scaffold v2`,
		`question x was renamed y in scaffold v2; the answers give both, so y = "new" is used and x is dropped`,
		`question gone was removed in scaffold v3: nothing reads it; its answer true is dropped`,
	} {
		if !strings.Contains(all, want) {
			t.Errorf("notes lack %q:\n%s", want, all)
		}
	}
}

// TestMigrateRenamedValue: an answers file's old name of a choice is read
// as its new one, with a note; another answer, or the same value under
// another key, is left alone.
func TestMigrateRenamedValue(t *testing.T) {
	b := &Blueprint{RenamedValues: []RenamedValue{{Key: "cache", From: "NONE", To: "NO_CACHE", Since: "v2", Why: "the service's word"}}}
	out, notes := b.Migrate(map[string]Given{
		"cache": {Value: cty.StringVal("NONE"), Source: FromFile},
		"other": {Value: cty.StringVal("NONE")},
		"n":     {Value: cty.NumberIntVal(1)},
	})
	if g := out["cache"]; g.Value != cty.StringVal("NO_CACHE") || g.Source != FromFile {
		t.Errorf("cache = %#v, want NO_CACHE from the file", g)
	}
	if out["other"].Value != cty.StringVal("NONE") {
		t.Errorf("another key's answer changed: %#v", out["other"].Value)
	}
	if want := `cache = "NONE" is "NO_CACHE" since scaffold v2 (the service's word); the answer is read as "NO_CACHE"`; len(notes) != 1 || notes[0] != want {
		t.Errorf("notes = %q, want [%q]", notes, want)
	}
	if out, notes := b.Migrate(map[string]Given{"cache": {Value: cty.StringVal("S3")}}); out["cache"].Value != cty.StringVal("S3") || len(notes) != 0 {
		t.Errorf("a current choice was migrated: %#v, %q", out["cache"].Value, notes)
	}
}
