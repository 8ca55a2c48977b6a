package spec

import (
	"fmt"
	"slices"
	"testing"

	"github.com/zclconf/go-cty/cty"
)

// Set keeps the answers it is given beside the shared map: whatever the
// number of Sets (past maxOverrides, where it copies), every view reads
// exactly its own answers and none changes another.
func TestAnswersSetKeepsEveryViewApart(t *testing.T) {
	base := NewAnswers(map[string]cty.Value{"a": cty.StringVal("a0"), "b": cty.NumberIntVal(1)})
	views := []Answers{base}
	want := []map[string]string{{"a": "a0", "b": "1"}}
	for i := range 2*maxOverrides + 1 {
		prev := views[len(views)-1]
		key := []string{"a", "c", fmt.Sprintf("k%d", i)}[i%3]
		val := fmt.Sprintf("v%d", i)
		views = append(views, prev.Set(key, cty.StringVal(val)))
		w := map[string]string{}
		for k, v := range want[len(want)-1] {
			w[k] = v
		}
		w[key] = val
		want = append(want, w)
		// A second Set on the same view must not disturb the first's result.
		prev.Set(key, cty.StringVal("other"))
	}
	for i, v := range views {
		var keys []string
		for k := range want[i] {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		if got := v.Keys(); !slices.Equal(got, keys) {
			t.Errorf("view %d: Keys() = %v, want %v", i, got, keys)
		}
		if v.Len() != len(keys) {
			t.Errorf("view %d: Len() = %d, want %d", i, v.Len(), len(keys))
		}
		for k, s := range want[i] {
			got := v.Get(k)
			if k == "b" {
				if !got.RawEquals(cty.NumberIntVal(1)) {
					t.Errorf("view %d: b = %#v", i, got)
				}
				continue
			}
			if !v.Has(k) || v.String(k) != s {
				t.Errorf("view %d: %s = %q, want %q", i, k, v.String(k), s)
			}
		}
		if v.Has("absent") {
			t.Errorf("view %d has a key nobody set", i)
		}
	}
	with := views[3].With(map[string]cty.Value{"z": cty.True})
	if !with.Bool("z") || with.String("a") != want[3]["a"] || with.Len() != len(want[3])+1 {
		t.Errorf("With over a view with overrides lost an answer: %v", with.Keys())
	}
	// Flattened reads the same answers, with nothing beside its map, and a
	// Set on it leaves the view it came from alone.
	for i, v := range views {
		f := v.Flattened()
		if len(f.over) != 0 || !slices.Equal(f.Keys(), v.Keys()) {
			t.Errorf("view %d flattened: %v, %d overrides", i, f.Keys(), len(f.over))
		}
		for _, k := range v.Keys() {
			if !f.Get(k).RawEquals(v.Get(k)) {
				t.Errorf("view %d flattened: %s = %#v, want %#v", i, k, f.Get(k), v.Get(k))
			}
		}
		f.Set("a", cty.StringVal("flat"))
		if v.Has("a") && v.String("a") == "flat" {
			t.Errorf("view %d changed by a Set on its flattened copy", i)
		}
	}
}
