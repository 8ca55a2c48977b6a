package blueprints

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/scaffold-tf/scaffold/blueprints/spec"
)

// TestSourceFidelity holds the table of where scaffold carries each entry
// of the source material: every entry P1–P10 and F1–F31 is present, in
// order, carried somewhere, and every place still says it.
func TestSourceFidelity(t *testing.T) {
	var want []string
	for i := 1; i <= 10; i++ {
		want = append(want, fmt.Sprintf("P%d", i))
	}
	for i := 1; i <= 31; i++ {
		want = append(want, fmt.Sprintf("F%d", i))
	}
	var got []string
	for _, e := range Source {
		got = append(got, e.Code)
		if e.Title == "" || e.Says == "" {
			t.Errorf("%s: give it a title and what it says", e.Code)
		}
		if len(e.Carried) == 0 {
			t.Errorf("%s (%s) is carried nowhere: name the blueprint text, help or rule that says it", e.Code, e.Title)
		}
		for _, c := range e.Carried {
			b := CarrierBlueprint(c.Blueprint)
			if b == nil {
				t.Errorf("%s: carried by blueprint %q, which does not exist", e.Code, c.Blueprint)
				continue
			}
			text, err := c.Text(b)
			if err != nil {
				t.Errorf("%s: %v", e.Code, err)
				continue
			}
			if id, ok := strings.CutPrefix(c.Field, "ranking:"); ok {
				if r, _ := RecommendRuleFor(id); !slices.Contains(r.Sources, e.Code) {
					t.Errorf("%s: carried by recommend's rule %s, which does not list it in its Sources %v", e.Code, id, r.Sources)
				}
			}
			if !strings.Contains(strings.ToLower(text), strings.ToLower(c.Holds)) {
				t.Errorf("%s (%s): %s %s no longer says %q; it says:\n%s", e.Code, e.Title, c.Blueprint, c.Field, c.Holds, text)
			}
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("the table holds %v, want every entry of the source in order: %v", got, want)
	}
}

// citation is a code of the source as the blueprints' texts cite it:
// "(F17)", "(P8, F21)".
var citation = regexp.MustCompile(`\b[PF][0-9]+\b`)

// TestCitedCodesResolve: every code a blueprint lists in Sources or cites
// in its texts, questions and rules names an entry of the table, and every
// code it cites in a text is in its Sources.
func TestCitedCodesResolve(t *testing.T) {
	for _, b := range All() {
		for _, s := range b.Sources {
			if _, ok := SourceEntryFor(s); !ok {
				t.Errorf("%s lists source %q, which is no entry of the source material", b.ID, s)
			}
		}
		for _, text := range blueprintTexts(b) {
			for _, code := range citation.FindAllString(text, -1) {
				if _, ok := SourceEntryFor(code); !ok {
					t.Errorf("%s cites %s, which is no entry of the source material: %q", b.ID, code, text)
				} else if !slices.Contains(b.Sources, code) {
					t.Errorf("%s cites %s but does not list it in Sources: %q", b.ID, code, text)
				}
			}
		}
	}
}

// blueprintTexts is every prose text of b a user reads.
func blueprintTexts(b *spec.Blueprint) []string {
	texts := []string{b.Summary, b.Flow.Line()}
	for _, items := range [][]string{b.Why, b.ChooseWhen, b.AvoidWhen, b.Pitfalls, b.MigrationPath, b.NextSteps} {
		texts = append(texts, items...)
	}
	if c := b.Comparison; c != nil {
		texts = append(texts, c.Verdict)
		for _, r := range c.Rows {
			texts = append(texts, r.Cells[0], r.Cells[1])
		}
	}
	for _, q := range b.Questions {
		texts = append(texts, q.Help)
		for _, r := range q.Rules {
			texts = append(texts, r.Text)
		}
	}
	return texts
}
