package main

import (
	"strings"
	"testing"

	"github.com/scaffold-tf/scaffold/blueprints"
)

// `scaffold explain CODE` resolves every code of the source material, in
// either case, to its title, what it says and the blueprints that carry it.
func TestExplainSourceCode(t *testing.T) {
	for _, e := range blueprints.Source {
		for _, arg := range []string{e.Code, strings.ToLower(e.Code)} {
			code, out, errOut := runCLI("explain", arg)
			if code != 0 {
				t.Errorf("scaffold explain %s: exit %d: %s", arg, code, errOut)
				continue
			}
			if !strings.HasPrefix(out, e.Code+": "+e.Title+"\n") {
				t.Errorf("scaffold explain %s starts %q, want the code and its title %q", arg, firstLine(out), e.Title)
			}
			for _, c := range e.Carried {
				if !strings.Contains(out, c.Blueprint) {
					t.Errorf("scaffold explain %s does not name %s, which carries it", arg, c.Blueprint)
				}
			}
		}
	}
	// P10 is a path across blueprints: its phases are shown.
	_, out, _ := runCLI("explain", "P10")
	for _, phase := range []string{"Phase 1", "Phase 2", "Phase 3", "serverless-api"} {
		if !strings.Contains(out, phase) {
			t.Errorf("scaffold explain P10 does not show %q of the migration path:\n%s", phase, out)
		}
	}
}

// The codes a blueprint cites resolve to their titles in its explanation.
func TestExplainNamesSources(t *testing.T) {
	for _, b := range blueprints.All() {
		_, out, _ := runCLI("explain", b.ID)
		for _, code := range b.Sources {
			e, ok := blueprints.SourceEntryFor(code)
			if !ok {
				t.Errorf("%s cites %s, no entry of the source", b.ID, code)
				continue
			}
			if !strings.Contains(out, code+" ") || !strings.Contains(out, e.Title) {
				t.Errorf("scaffold explain %s does not give %s's title %q", b.ID, code, e.Title)
			}
		}
	}
}

func firstLine(s string) string { line, _, _ := strings.Cut(s, "\n"); return line }
