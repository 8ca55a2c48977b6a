package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
	"github.com/zclconf/go-cty/cty"

	"github.com/scaffold-tf/scaffold/blueprints"
	"github.com/scaffold-tf/scaffold/blueprints/spec"
	"github.com/scaffold-tf/scaffold/internal/prompt"
	"github.com/scaffold-tf/scaffold/internal/wizard"
)

// recommendOptions holds what `scaffold recommend` was asked to do.
type recommendOptions struct {
	Sets        []string
	AnswersFile string
	Yes         bool
	Output      string // "text" or "json"
}

func newRecommendCmd(io *IO) *cobra.Command {
	opts := &recommendOptions{}
	cmd := &cobra.Command{
		Use:   "recommend",
		Short: "Ask about the workload and rank the blueprints that fit it, with the reasons",
		Long: `Ask about the workload (what starts its work, how long it runs, how soon results are
needed, how the load varies, state, a relational database, control of the
machine, containers, GPUs, operations work, cost, a move off one server) and
rank the blueprints: those that fit first, best first, each with the reasons
for and against it, then those excluded, each with what excluded it. The
reasons cite the source material (scaffold explain F7).

Answers come, as for scaffold new, from --set, --answers FILE, the wizard
(only when stdin and stderr are terminals), then defaults with --yes;
` + "`scaffold explain recommend`" + ` lists the questions and the rules.

It prints the scaffold new command that starts the first blueprint with the
answers that carry over (region, name, compute = fargate_spot, ...); at a
terminal it offers to run it. -o json prints the ranking for scripts (see
docs/recommend.md for the schema) and never offers to run anything.

Exit codes: 0 ranked (even when nothing fits), 1 failure, 2 bad input or
cancelled.`,
		Example: `  scaffold recommend
  scaffold recommend --yes --set trigger=schedule --set run_minutes=40 --set latency=hours
  scaffold recommend --answers workload.hcl -o json`,
		Args: rangeArgs(0, 0),
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.Output != "text" && opts.Output != "json" {
				return badInput("--output %q is not a format; use text or json", opts.Output)
			}
			return runRecommend(io, opts)
		},
	}
	f := cmd.Flags()
	f.StringArrayVar(&opts.Sets, "set", nil, "answer a question: `KEY=VALUE` (repeatable; `scaffold explain recommend` lists the keys)")
	f.StringVar(&opts.AnswersFile, "answers", "", "read answers from an HCL `FILE` of key = value lines (or .json)")
	f.BoolVarP(&opts.Yes, "yes", "y", false, "accept the default for every question not answered by --set or --answers; never prompt")
	f.StringVarP(&opts.Output, "output", "o", "text", "output format: text or json")
	_ = cmd.RegisterFlagCompletionFunc("output", cobra.FixedCompletions([]string{"text", "json"}, cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("set", completeRecommendKeys)
	_ = cmd.MarkFlagFilename("answers", "hcl", "json")
	return cmd
}

// completeRecommendKeys offers the keys of recommend's questions for --set.
func completeRecommendKeys(_ *cobra.Command, _ []string, _ string) ([]string, cobra.ShellCompDirective) {
	var out []string
	for _, q := range blueprints.Workload().Questions {
		out = append(out, q.Key+"=\t"+q.Prompt)
	}
	return out, cobra.ShellCompDirectiveNoSpace | cobra.ShellCompDirectiveNoFileComp
}

func runRecommend(io *IO, opts *recommendOptions) error {
	w := blueprints.Workload()
	given, parseErrs, err := givenAnswers(&newOptions{Blueprint: w, Sets: opts.Sets, AnswersFile: opts.AnswersFile})
	if err != nil {
		return err
	}
	if len(parseErrs) > 0 {
		_, rerr := w.Resolve(given, nil, true)
		var more spec.Diagnostics
		if errors.As(rerr, &more) {
			parseErrs = append(parseErrs, more...)
		}
		return parseErrs
	}
	var ask spec.AskFunc
	var p prompt.Prompter
	if !opts.Yes && io.CanPrompt() {
		p = io.Prompter()
		wiz := &wizard.Wizard{P: p, Out: io.ErrOut}
		fmt.Fprintf(io.ErrOut, "%s\n", prompt.Wrap("Which blueprint fits your workload? Answer a few questions about it; the answers rank the blueprints, each with its reasons. "+
			"Type ? at any prompt for help, "+prompt.BackAnswer+" to go back to the previous question. Ctrl-C or Ctrl-D cancels.\n", 79))
		ask = wiz.Ask
	}
	res, err := w.Resolve(given, ask, opts.Yes)
	if err != nil {
		if errors.Is(err, prompt.ErrInterrupted) {
			return badInput("%v; cancelled", err)
		}
		return err
	}
	ranked := blueprints.Recommend(res.Answers, blueprints.All())
	path, pathCarrier := blueprints.MigrationPathFor(res.Answers, blueprints.All())
	if opts.Output == "json" {
		return writeRecommendJSON(io.Out, res.Answers, ranked, path, pathCarrier)
	}
	writeRecommendText(io.Out, ranked, path, pathCarrier)
	if p == nil || len(ranked) == 0 || !ranked[0].Fits() {
		return nil
	}
	top := ranked[0]
	ok, err := p.Confirm(fmt.Sprintf("Start scaffold new %s now?", top.Blueprint.ID),
		"Runs the command above: the wizard of "+top.Blueprint.ID+" asks the rest, with the carried answers already given.", false, nil)
	if err != nil {
		if errors.Is(err, prompt.ErrInterrupted) || errors.Is(err, prompt.ErrBack) {
			return nil // the ranking is printed; nothing more to do
		}
		return err
	}
	if !ok {
		return nil
	}
	nopts := &newOptions{Blueprint: top.Blueprint, Dir: filepath.Join(".", top.Blueprint.ID)}
	for _, c := range top.Carried {
		nopts.Sets = append(nopts.Sets, c.Key+"="+spec.Display(c.Value))
	}
	return runNew(io, nopts)
}

// writeRecommendText prints the ranking: the blueprints that fit, best
// first, with their reasons; those excluded, with what excluded them; the
// migration path when the workload moves off one server; the command that
// starts the first.
func writeRecommendText(w io.Writer, ranked []blueprints.Recommendation, path []string, pathCarrier *spec.Blueprint) {
	var fit, out []blueprints.Recommendation
	for _, r := range ranked {
		if r.Fits() {
			fit = append(fit, r)
		} else {
			out = append(out, r)
		}
	}
	if len(fit) == 0 {
		fmt.Fprintln(w, "No blueprint fits this workload; each is excluded below, with the reason.")
	} else {
		fmt.Fprintln(w, "Blueprints that fit, best first")
	}
	for i, r := range fit {
		fmt.Fprintf(w, "\n%d. %s: %s (score %d)\n   %s\n", i+1, r.Blueprint.ID, r.Blueprint.Title, r.Score, r.Blueprint.Flow.Line())
		for _, f := range r.Reasons {
			sign := "+"
			if f.Points < 0 {
				sign = "-"
			}
			fmt.Fprintln(w, wrap(f.String(), "   "+sign+" ", 78))
		}
	}
	if len(out) > 0 {
		fmt.Fprintln(w, "\nExcluded")
		for _, r := range out {
			fmt.Fprintf(w, "\n   %s: %s\n", r.Blueprint.ID, r.Blueprint.Title)
			for _, f := range r.Disqualifiers {
				fmt.Fprintln(w, wrap(f.String(), "   x ", 78))
			}
		}
	}
	if len(path) > 0 {
		fmt.Fprintf(w, "\nThe migration path off one server (P10), with %s\n", pathCarrier.ID)
		if !carrierFits(ranked, pathCarrier) {
			fmt.Fprintln(w, wrap(fmt.Sprintf("%s is excluded for this workload (see Excluded above): the path starts with it, so it applies once the application serves requests as a long-lived process", pathCarrier.ID), "  ", 78))
		}
		for _, s := range path {
			fmt.Fprintln(w, wrap(s, "  - ", 78))
		}
	}
	if len(fit) == 0 {
		return
	}
	top := fit[0]
	fmt.Fprintf(w, "\nStart it with\n  %s\n", commandLine(top.NewCommand()))
	for _, d := range top.Dropped {
		fmt.Fprintln(w, wrap("not carried: "+d, "  ", 78))
	}
}

// commandLine joins args for a POSIX shell.
func commandLine(args []string) string {
	out := make([]string, len(args))
	for i, a := range args {
		out[i] = shellQuote(a)
	}
	return strings.Join(out, " ")
}

// recommendJSON is the -o json document; docs/recommend.md describes it.
// Schema changes only by adding fields; a change that breaks a reader
// raises Schema.
type recommendJSON struct {
	Schema        int                `json:"schema"`
	Workload      map[string]any     `json:"workload"`
	Ranking       []recommendJSONRow `json:"ranking"`
	MigrationPath *migrationPathJSON `json:"migration_path,omitempty"`
}

type recommendJSONRow struct {
	Rank          int                  `json:"rank"`
	Blueprint     string               `json:"blueprint"`
	Title         string               `json:"title"`
	Flow          string               `json:"flow"`
	Fits          bool                 `json:"fits"`
	Score         int                  `json:"score"`
	Reasons       []blueprints.Finding `json:"reasons"`
	Disqualifiers []blueprints.Finding `json:"disqualifiers"`
	Carried       map[string]any       `json:"carried"`
	NotCarried    []string             `json:"not_carried"`
	Command       []string             `json:"command"`
}

type migrationPathJSON struct {
	Blueprint string `json:"blueprint"`
	// Fits is false when the blueprint that starts the path is excluded
	// for this workload.
	Fits   bool     `json:"fits"`
	Phases []string `json:"phases"`
}

// carrierFits reports whether b is ranked and fits.
func carrierFits(ranked []blueprints.Recommendation, b *spec.Blueprint) bool {
	for _, r := range ranked {
		if r.Blueprint.ID == b.ID {
			return r.Fits()
		}
	}
	return false
}

func writeRecommendJSON(w io.Writer, answers spec.Answers, ranked []blueprints.Recommendation, path []string, pathCarrier *spec.Blueprint) error {
	doc := recommendJSON{Schema: 1, Workload: map[string]any{}, Ranking: []recommendJSONRow{}}
	for _, k := range answers.Keys() {
		doc.Workload[k] = jsonValue(answers.Get(k))
	}
	for i, r := range ranked {
		row := recommendJSONRow{
			Rank: i + 1, Blueprint: r.Blueprint.ID, Title: r.Blueprint.Title, Flow: r.Blueprint.Flow.Line(),
			Fits: r.Fits(), Score: r.Score, Reasons: r.Reasons, Disqualifiers: r.Disqualifiers,
			Carried: map[string]any{}, NotCarried: r.Dropped, Command: r.NewCommand(),
		}
		if row.Reasons == nil {
			row.Reasons = []blueprints.Finding{}
		}
		if row.Disqualifiers == nil {
			row.Disqualifiers = []blueprints.Finding{}
		}
		if row.NotCarried == nil {
			row.NotCarried = []string{}
		}
		for _, c := range r.Carried {
			row.Carried[c.Key] = jsonValue(c.Value)
		}
		doc.Ranking = append(doc.Ranking, row)
	}
	if len(path) > 0 {
		doc.MigrationPath = &migrationPathJSON{Blueprint: pathCarrier.ID, Fits: carrierFits(ranked, pathCarrier), Phases: path}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}

// jsonValue is an answer as JSON holds it: a string, number, bool or list
// of strings.
func jsonValue(v cty.Value) any {
	switch {
	case v == cty.NilVal || v.IsNull():
		return nil
	case v.Type() == cty.String:
		return v.AsString()
	case v.Type() == cty.Bool:
		return v.True()
	case v.Type() == cty.Number:
		f, _ := v.AsBigFloat().Float64()
		return f
	}
	return spec.Items(v)
}
