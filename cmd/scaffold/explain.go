package main

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/spf13/cobra"
	"github.com/zclconf/go-cty/cty"

	"github.com/scaffold-tf/scaffold/blueprints"
	"github.com/scaffold-tf/scaffold/blueprints/costs"
	"github.com/scaffold-tf/scaffold/blueprints/spec"
)

func newExplainCmd(io *IO) *cobra.Command {
	return &cobra.Command{
		Use:   "explain ID|CODE",
		Short: "Explain a blueprint (its flow, why and when to choose it, its pitfalls, every question) or an entry of the source material (P1–P10, F1–F31)",
		Long: "Explain a blueprint: its flow, why and when to choose it, its pitfalls and every question.\n\n" +
			"Or explain an entry of the source material scaffold is built from, by its code: an architecture (P1 to P10) " +
			"or a fact (F1 to F31), as the blueprints cite them (\"(F17)\"). It prints what the entry says and where scaffold carries it.",
		Example: `  scaffold explain web-app
  scaffold explain scheduled-batch | less
  scaffold explain F21
  scaffold explain P10`,
		Args:              rangeArgs(1, 1),
		ValidArgsFunction: completeBlueprints,
		RunE: func(cmd *cobra.Command, args []string) error {
			if args[0] == blueprints.RecommendID {
				explainRecommend(io.Out)
				return nil
			}
			if e, ok := blueprints.SourceEntryFor(args[0]); ok {
				explainSource(io.Out, e)
				return nil
			}
			b, err := blueprintArg(args[0])
			if err != nil {
				if looksLikeSourceCode(args[0]) {
					return badInput("%q is no entry of the source material: the architectures are P1 to P10 and the facts F1 to F31", args[0])
				}
				return fmt.Errorf("%w; or an entry of the source material, P1 to P10 or F1 to F31", err)
			}
			explain(io.Out, b)
			return nil
		},
	}
}

func explain(w io.Writer, b *spec.Blueprint) {
	fmt.Fprintf(w, "%s: %s\n\n  %s\n\n", b.ID, b.Title, b.Flow.Line())
	fmt.Fprintln(w, wrap(b.Summary, "", 78))
	fmt.Fprintf(w, "\nHow the pieces connect (in every shape of the module)\n%s", b.Flow.Text("  "))
	section := func(title string, items []string) {
		if len(items) == 0 {
			return
		}
		fmt.Fprintf(w, "\n%s\n", title)
		for _, it := range items {
			if c, text := spec.TextTag(it); c != "" {
				it = text + " (when the module has " + c + ")"
			}
			fmt.Fprintln(w, wrap(it, "  - ", 78))
		}
	}
	section("Why this architecture", b.Why)
	section("Choose it when", b.ChooseWhen)
	section("Choose something else when", b.AvoidWhen)
	section("Limits and pitfalls", b.Pitfalls)
	section("Where it sits on the migration path", b.MigrationPath)
	if c := b.Comparison; c != nil {
		explainComparison(w, c)
	}
	explainCosts(w, b)
	fmt.Fprintf(w, "\nQuestions (answer any of them with --set KEY=VALUE, or in an answers file)\n")
	for _, q := range b.Questions {
		if q.Each != "" {
			continue // under its list
		}
		explainQuestion(w, q, "  ")
		if per := b.PerItem(q.Key); len(per) > 0 && q.IsList() {
			item := firstItem(q)
			fmt.Fprintln(w, wrap(fmt.Sprintf("For each item of %s, these questions are asked; answer them as <item>_<key> (--set %s=VALUE, or %s = VALUE in an answers file). An item not answered takes the default. Item names must match %s. The module holds them in one variable, %s, a map keyed by item.",
				q.Key, spec.ItemKey(item, per[0].Key), spec.ItemKey(item, per[0].Key), spec.ItemNamePattern, q.SettingsVar()), "      ", 78))
			for _, pq := range per {
				explainQuestion(w, pq, "      ")
			}
		}
	}
	if len(b.Sources) > 0 {
		fmt.Fprintf(w, "\nFrom the source material (scaffold explain CODE tells more)\n")
		for _, code := range b.Sources {
			e, _ := blueprints.SourceEntryFor(code) // TestCitedCodesResolve
			fmt.Fprintf(w, "  %-4s %s\n", code, e.Title)
		}
	}
}

// explainSource prints an entry of the source material: what it says and
// the places scaffold says it; for P10, the migration path across
// blueprints.
func explainSource(w io.Writer, e blueprints.SourceEntry) {
	fmt.Fprintf(w, "%s: %s\n\n", e.Code, e.Title)
	fmt.Fprintln(w, wrap(e.Says, "", 78))
	var ids []string
	for _, c := range e.Carried {
		if !slices.Contains(ids, c.Blueprint) {
			ids = append(ids, c.Blueprint)
		}
	}
	for _, b := range blueprints.All() {
		if slices.Contains(b.Sources, e.Code) && !slices.Contains(ids, b.ID) {
			ids = append(ids, b.ID)
		}
	}
	fmt.Fprintf(w, "\nCarried by: %s (scaffold explain ID)\n", strings.Join(ids, ", "))
	for _, b := range blueprints.All() {
		if len(b.MigrationPath) > 0 && slices.Contains(b.Sources, e.Code) && strings.HasPrefix(e.Code, "P") {
			fmt.Fprintf(w, "\nThe path, with %s\n", b.ID)
			for _, it := range spec.AllTexts(b.MigrationPath) {
				fmt.Fprintln(w, wrap(it, "  - ", 78))
			}
		}
	}
}

// explainQuestion prints one question, indented by indent (deeper for a
// per-item question, under its list).
func explainQuestion(w io.Writer, q *spec.Question, indent string) {
	key := q.Key
	if q.Each != "" {
		key = "<item>_" + q.Key
	}
	more := indent + "    "
	fmt.Fprintf(w, "\n%s%s (%s, default %s)\n", indent, key, q.TypeName(), defaultText(q))
	fmt.Fprintln(w, wrap(q.Sentence(), more, 78))
	if q.IsList() {
		fmt.Fprintln(w, wrap(fmt.Sprintf(`A list: --set %s=a,b (items separated by commas; %s= or %s=[] for none), or %s = ["a", "b"] in an answers file.`, q.Key, q.Key, q.Key, q.Key), more, 78))
	}
	if len(q.Choices) > 0 {
		var cs []string
		for _, c := range q.Choices {
			cs = append(cs, c.Value+" ("+c.Help+")")
		}
		fmt.Fprintln(w, wrap("Choices: "+strings.Join(cs, ", ")+".", more, 78))
	}
	for _, r := range q.Rules {
		if r.Severity == spec.Warning {
			fmt.Fprintln(w, wrap("Warns when "+r.Text+".", more, 78))
			continue
		}
		fmt.Fprintln(w, wrap("Must "+r.Text+".", more, 78))
	}
	if q.WhenText != "" {
		fmt.Fprintln(w, wrap("Asked only when "+q.WhenText+".", more, 78))
	}
}

// defaultText is a question's default as a user would type it, or the rule
// that computes it from other answers.
func defaultText(q *spec.Question) string {
	if q.DefaultText != "" {
		return q.DefaultText
	}
	d := q.Default(spec.Answers{})
	if q.IsList() {
		// As an answers file writes it; the type says it is a list.
		return string(hclwrite.TokensForValue(d).Bytes())
	}
	v := spec.Display(d)
	if q.Type == cty.String {
		return fmt.Sprintf("%q", v)
	}
	return v
}

// wrap fills text to width, starting the first line with prefix and
// indenting the rest to match.
func wrap(text, prefix string, width int) string {
	indent := strings.Repeat(" ", len([]rune(prefix)))
	var lines []string
	line := prefix
	for _, word := range strings.Fields(text) {
		if len([]rune(line))+1+len([]rune(word)) > width && strings.TrimSpace(line) != strings.TrimSpace(prefix) {
			lines = append(lines, line)
			line = indent
		}
		if line != prefix && line != indent {
			line += " "
		}
		line += word
	}
	return strings.Join(append(lines, line), "\n")
}

// explainComparison prints a comparison criterion by criterion, each side
// named by its blueprint (the one explained included, so a reader sees
// which column is theirs).
func explainComparison(w io.Writer, c *spec.Comparison) {
	fmt.Fprintf(w, "\n%s: %s or %s\n", c.Title, c.Sides[0], c.Sides[1])
	for _, r := range c.Rows {
		fmt.Fprintf(w, "  %s\n", r.Criterion)
		for i, side := range c.Sides {
			fmt.Fprintln(w, wrap(side+": "+r.Cells[i], "    - ", 78))
		}
	}
	fmt.Fprintln(w, wrap(c.Verdict, "  ", 78))
	if len(c.Sources) > 0 {
		fmt.Fprintf(w, "  (from %s)\n", strings.Join(c.Sources, ", "))
	}
}

// explainRecommend prints the questions of `scaffold recommend`, the rules
// it ranks the blueprints with, and the blueprints it ranks.
func explainRecommend(w io.Writer) {
	b := blueprints.Workload()
	fmt.Fprintf(w, "%s: %s\n\n", b.ID, b.Title)
	fmt.Fprintln(w, wrap(b.Summary, "", 78))
	fmt.Fprintf(w, "\nQuestions (answer any of them with --set KEY=VALUE, or in an answers file)\n")
	for _, q := range b.Questions {
		explainQuestion(w, q, "  ")
	}
	fmt.Fprintf(w, "\nRules (a disqualifier excludes a blueprint; points rank those that fit)\n")
	for _, r := range blueprints.RecommendRules {
		fmt.Fprintf(w, "\n  %s (%s)\n", r.ID, strings.Join(r.Sources, ", "))
		fmt.Fprintln(w, wrap(r.Says, "      ", 78))
	}
	var ids []string
	for _, bp := range blueprints.All() {
		if bp.Fit != nil {
			ids = append(ids, bp.ID)
		}
	}
	fmt.Fprintln(w, "\n"+wrap("Blueprints ranked, by the traits each declares: "+strings.Join(ids, ", ")+".", "", 78))
}

// explainCosts prints what a module of b costs at the defaults, from the
// price table; the generated README prices the module's own answers.
func explainCosts(w io.Writer, b *spec.Blueprint) {
	fmt.Fprintf(w, "\nWhat it costs, at the defaults (the generated README prices your answers)\n")
	def, err := b.Resolve(nil, nil, true)
	if err != nil {
		fmt.Fprintln(w, wrap("No estimate: the defaults do not answer every question ("+err.Error()+").", "  ", 78))
		return
	}
	fmt.Fprint(w, costs.Of(b, def.Answers).Text("  ", func(text, prefix string) string { return wrap(text, prefix, 78) }))
}

// looksLikeSourceCode says whether arg has the shape of a code of the
// source material (a P or an F and a number), so that one out of range is
// refused as such rather than as an unknown blueprint.
func looksLikeSourceCode(arg string) bool {
	if len(arg) < 2 || !strings.ContainsRune("PpFf", rune(arg[0])) {
		return false
	}
	_, err := strconv.Atoi(arg[1:])
	return err == nil
}
