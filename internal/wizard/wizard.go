// Package wizard asks a blueprint's questions through a prompt.Prompter:
// one prompt per question that the flags and answers file left open, each
// with its default, its help on `?`, its rules enforced (a rejected value is
// re-asked with the reason), and a summary to confirm before anything is
// written.
package wizard

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/zclconf/go-cty/cty"

	"github.com/scaffold-tf/scaffold/blueprints/spec"
	"github.com/scaffold-tf/scaffold/internal/prompt"
)

// Wizard asks questions on P and prints summaries on Out.
type Wizard struct {
	P   prompt.Prompter
	Out io.Writer
	// Width is the terminal's width in columns, for the summary; 0 means 80.
	Width int
}

// Intro is what the wizard says before its first question: how to get
// help, go back and cancel.
func Intro(b *spec.Blueprint) string {
	return fmt.Sprintf("%s: %s\n%s\nType ? at any prompt for help, %s to go back to the previous question. Ctrl-C or Ctrl-D cancels; nothing is written until you confirm.\n",
		b.ID, b.Title, b.Flow.Line(), prompt.BackAnswer)
}

// Ask is a spec.AskFunc.
func (w *Wizard) Ask(q *spec.Question, def cty.Value, validate func(cty.Value) error) (cty.Value, error) {
	help := Help(q)
	switch {
	case len(q.Choices) > 0:
		opts := make([]prompt.Option, len(q.Choices))
		for i, c := range q.Choices {
			opts[i] = prompt.Option{Value: c.Value, Help: c.Help}
		}
		s, err := w.P.Select(q.Prompt, help, opts, spec.Display(def), func(s string) error { return validate(cty.StringVal(s)) })
		if err != nil {
			return cty.NilVal, mapErr(err)
		}
		v := cty.StringVal(s)
		return v, validate(v)
	case q.IsList():
		items, err := w.P.List(q.Prompt, help, spec.Items(def), func(items []string) error { return validate(spec.ListVal(items)) })
		if err != nil {
			return cty.NilVal, mapErr(err)
		}
		// As for Input: a Prompter that skips validation cannot let a bad
		// list through.
		v := spec.ListVal(items)
		return v, validate(v)
	case q.Type == cty.Bool:
		b, err := w.P.Confirm(q.Prompt, help, def.True(), func(b bool) error { return validate(cty.BoolVal(b)) })
		if err != nil {
			return cty.NilVal, mapErr(err)
		}
		v := cty.BoolVal(b)
		return v, validate(v)
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
	s, err := w.P.Input(q.Prompt, help, spec.Display(def), check)
	if err != nil {
		return cty.NilVal, mapErr(err)
	}
	// The prompter validated the final text, but re-check so a Prompter that
	// skips validation cannot let a bad value through.
	if err := check(s); err != nil {
		return cty.NilVal, err
	}
	return parsed, nil
}

// mapErr turns the prompter's "go back" into the resolver's.
func mapErr(err error) error {
	if errors.Is(err, prompt.ErrBack) {
		return spec.ErrBack
	}
	return err
}

// Help is the text shown on `?`: the question's help and its rules.
func Help(q *spec.Question) string {
	var b strings.Builder
	b.WriteString(q.Help)
	var rules []string
	for _, r := range q.Rules {
		if r.Severity == spec.Error {
			rules = append(rules, "must "+r.Text)
		}
	}
	if len(rules) > 0 {
		b.WriteString("\nRules: " + strings.Join(rules, "; ") + ".")
	}
	if q.IsList() {
		fmt.Fprintf(&b, "\nType the items separated by commas (a, b), or [] for none. Flag: --set %s=a,b", q.Key)
		return b.String()
	}
	fmt.Fprintf(&b, "\nFlag: --set %s=VALUE", q.Key)
	return b.String()
}

// Summary prints every answer with where it came from: typed at a prompt,
// a default accepted at a prompt, a default not asked, --set, or the
// answers file. Rows fit width columns (0 means 80): a value too long for
// its row goes on the lines below, broken where it must be.
func Summary(out io.Writer, b *spec.Blueprint, res *spec.Resolved, width int) {
	if width <= 0 {
		width = 80
	}
	fmt.Fprintf(out, "\n%s\n", prompt.Wrap(b.Title+" ("+b.Flow.Line()+")", width-1))
	keyW := 0
	asked := b.Expand(res.Answers) // per-item answers (api_image) in place of their questions
	for _, q := range asked {
		keyW = max(keyW, len(q.Key))
	}
	keyW = min(keyW, 28)
	indent := strings.Repeat(" ", 2+keyW+2)
	for _, q := range asked {
		note := "(" + string(res.Sources[q.Key]) + ")"
		if !q.Applies(res.Answers) {
			note = "(not used: applies only when " + q.WhenText + ")"
		}
		value := spec.Display(res.Answers.Get(q.Key))
		if value == "" {
			value = `""`
		}
		key := fmt.Sprintf("  %-*s  ", keyW, q.Key)
		if line := key + value + "  " + note; len([]rune(line)) < width {
			fmt.Fprintln(out, line)
			continue
		}
		// Too long for one row: the value on its own lines, then the note.
		if len([]rune(key+value)) < width {
			fmt.Fprintln(out, key+value)
		} else {
			fmt.Fprintln(out, strings.TrimRight(key, " "))
			for _, chunk := range chunks(value, width-1-len(indent)) {
				fmt.Fprintln(out, indent+chunk)
			}
		}
		for _, l := range strings.Split(prompt.Wrap(note, width-1-len(indent)), "\n") {
			fmt.Fprintln(out, indent+l)
		}
	}
	fmt.Fprintln(out)
}

// chunks cuts s into pieces of at most n characters.
func chunks(s string, n int) []string {
	r := []rune(s)
	if n < 10 {
		n = 10
	}
	var out []string
	for len(r) > n {
		out = append(out, string(r[:n]))
		r = r[n:]
	}
	return append(out, string(r))
}

// Confirm prints the summary and asks whether to write the module to dir.
// It returns spec.ErrBack when the user goes back to the last question.
func (w *Wizard) Confirm(b *spec.Blueprint, res *spec.Resolved, dir string) (bool, error) {
	Summary(w.Out, b, res, w.Width)
	ok, err := w.P.Confirm(fmt.Sprintf("Write the module to %s?", dir), "No writes nothing and exits; "+prompt.BackAnswer+" goes back to the last question.", true, nil)
	return ok, mapErr(err)
}
