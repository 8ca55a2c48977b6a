// Package wizard asks a blueprint's questions through a prompt.Prompter:
// one prompt per question that the flags and answers file left open, each
// with its default, its help on `?`, its rules enforced (a rejected value is
// re-asked with the reason), and a summary to confirm before anything is
// written.
package wizard

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/zclconf/go-cty/cty"

	"github.com/scaffold-tf/scaffold/blueprints"
	"github.com/scaffold-tf/scaffold/internal/prompt"
)

// Wizard asks questions on P and prints summaries on Out.
type Wizard struct {
	P   prompt.Prompter
	Out io.Writer
}

// Ask is a blueprints.AskFunc.
func (w *Wizard) Ask(q *blueprints.Question, def cty.Value, validate func(cty.Value) error) (cty.Value, error) {
	help := Help(q)
	switch {
	case len(q.Choices) > 0:
		opts := make([]prompt.Option, len(q.Choices))
		for i, c := range q.Choices {
			opts[i] = prompt.Option{Value: c.Value, Help: c.Help}
		}
		return w.askUntilValid(validate, func() (cty.Value, error) {
			s, err := w.P.Select(q.Prompt, help, opts, blueprints.Display(def))
			return cty.StringVal(s), err
		})
	case q.Type == cty.Bool:
		return w.askUntilValid(validate, func() (cty.Value, error) {
			b, err := w.P.Confirm(q.Prompt, help, def.True())
			return cty.BoolVal(b), err
		})
	}
	var parsed cty.Value
	check := func(s string) error {
		v, perr := q.ParseText(s)
		if perr != nil {
			return perr
		}
		if err := validate(v); err != nil {
			return err
		}
		parsed = v
		return nil
	}
	s, err := w.P.Input(q.Prompt, help, blueprints.Display(def), check)
	if err != nil {
		return cty.NilVal, err
	}
	// The prompter validated the final text, but re-check so a Prompter that
	// skips validation cannot let a bad value through.
	if err := check(s); err != nil {
		return cty.NilVal, err
	}
	return parsed, nil
}

// askUntilValid repeats a select or yes/no prompt until its answer passes
// validate (a rule may depend on earlier answers), showing why it was refused.
func (w *Wizard) askUntilValid(validate func(cty.Value) error, ask func() (cty.Value, error)) (cty.Value, error) {
	for {
		v, err := ask()
		if err != nil {
			return cty.NilVal, err
		}
		verr := validate(v)
		if verr == nil {
			return v, nil
		}
		fmt.Fprintf(w.Out, "✘ %v\n", verr)
	}
}

// Help is the text shown on `?`: the question's help and its rules.
func Help(q *blueprints.Question) string {
	var b strings.Builder
	b.WriteString(q.Help)
	var rules []string
	for _, r := range q.Rules {
		rules = append(rules, "must "+r.Text)
	}
	if len(rules) > 0 {
		b.WriteString("\nRules: " + strings.Join(rules, "; ") + ".")
	}
	fmt.Fprintf(&b, "\nFlag: --set %s=VALUE", q.Key)
	return b.String()
}

// Summary prints every answer with where it came from.
func Summary(out io.Writer, b *blueprints.Blueprint, res *blueprints.Resolved) {
	fmt.Fprintf(out, "\n%s (%s)\n", b.Title, b.Flow)
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	for _, q := range b.Questions {
		note := string(res.Sources[q.Key])
		if !q.Applies(res.Answers) {
			note = "not used: applies only when " + q.WhenText
		}
		fmt.Fprintf(tw, "  %s\t%s\t(%s)\n", q.Key, blueprints.Display(res.Answers.Get(q.Key)), note)
	}
	tw.Flush()
	fmt.Fprintln(out)
}

// Confirm prints the summary and asks whether to write the module to dir.
func (w *Wizard) Confirm(b *blueprints.Blueprint, res *blueprints.Resolved, dir string) (bool, error) {
	Summary(w.Out, b, res)
	return w.P.Confirm(fmt.Sprintf("Write the module to %s?", dir), "No writes nothing and exits.", true)
}
