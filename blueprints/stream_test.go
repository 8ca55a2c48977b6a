package blueprints

import (
	"slices"
	"testing"
)

// P8 is one comparison, read by both of its sides: each side's blueprint
// carries the very same value, names the other, and every criterion has a
// cell for each side.
func TestRealTimeVersusBatchIsShared(t *testing.T) {
	c := RealTimeVersusBatch
	for _, side := range c.Sides {
		b := Lookup(side)
		if b == nil {
			t.Fatalf("side %q is no blueprint", side)
		}
		if b.Comparison != c {
			t.Errorf("%s does not carry RealTimeVersusBatch (got %p, want %p): a copy would drift", side, b.Comparison, c)
		}
		if !slices.Contains(b.Sources, "P8") {
			t.Errorf("%s carries P8's comparison but does not cite P8", side)
		}
	}
	var criteria []string
	for _, r := range c.Rows {
		criteria = append(criteria, r.Criterion)
		for i, cell := range r.Cells {
			if cell == "" {
				t.Errorf("criterion %s has no cell for %s", r.Criterion, c.Sides[i])
			}
		}
	}
	// The criteria: latency, cost model, complexity, SLA, volume.
	for _, want := range []string{"Latency", "Cost model", "Complexity", "SLA", "Data volume"} {
		if !slices.Contains(criteria, want) {
			t.Errorf("the comparison lacks criterion %s", want)
		}
	}
	for _, b := range All() {
		if b.Comparison != nil && !slices.Contains(c.Sides[:], b.ID) {
			t.Errorf("%s shows a comparison it is not a side of", b.ID)
		}
	}
}
