package main

import (
	"strings"
	"testing"

	"github.com/scaffold-tf/scaffold/blueprints"
)

// `scaffold explain` shows P8's comparison on both of its sides, each
// criterion with both sides' cells, and shows it on no other blueprint.
func TestExplainShowsComparison(t *testing.T) {
	c := blueprints.RealTimeVersusBatch
	for _, b := range blueprints.All() {
		code, out, errOut := runCLI("explain", b.ID)
		if code != 0 {
			t.Fatalf("scaffold explain %s: exit %d: %s", b.ID, code, errOut)
		}
		// The wrapped output, as one line, holds every cell unbroken.
		flat := strings.Join(strings.Fields(out), " ")
		shown := strings.Contains(out, c.Title+": ")
		if b.Comparison == nil {
			if shown {
				t.Errorf("scaffold explain %s shows %q, which it is no side of", b.ID, c.Title)
			}
			continue
		}
		if !shown {
			t.Errorf("scaffold explain %s does not show %q", b.ID, c.Title)
			continue
		}
		for _, r := range c.Rows {
			if !strings.Contains(out, "\n  "+r.Criterion+"\n") {
				t.Errorf("scaffold explain %s: no criterion %s", b.ID, r.Criterion)
			}
			for i, cell := range r.Cells {
				if !strings.Contains(flat, c.Sides[i]+": "+cell) {
					t.Errorf("scaffold explain %s: criterion %s lacks %s's cell %q", b.ID, r.Criterion, c.Sides[i], cell)
				}
			}
		}
		if !strings.Contains(flat, c.Verdict) {
			t.Errorf("scaffold explain %s: no verdict", b.ID)
		}
	}
}
