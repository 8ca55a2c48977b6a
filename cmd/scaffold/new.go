package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/scaffold-tf/scaffold/blueprints"
	"github.com/scaffold-tf/scaffold/blueprints/spec"
	"github.com/scaffold-tf/scaffold/generator"
	"github.com/scaffold-tf/scaffold/internal/buildinfo"
	"github.com/scaffold-tf/scaffold/internal/prompt"
	"github.com/scaffold-tf/scaffold/internal/wizard"
)

// newOptions holds what `scaffold new` was asked to do.
type newOptions struct {
	Blueprint   *spec.Blueprint
	Dir         string
	Sets        []string
	AnswersFile string
	Yes         bool
	Force       bool
	// Comments is --comments: a --set comments=MODE of its own.
	Comments string
	// ReplaceBlueprint allows --force into a folder whose answers file names
	// another blueprint.
	ReplaceBlueprint bool
	// Notes, when set, is told of answers migrated from an answers file an
	// older scaffold wrote.
	Notes io.Writer
	preview
}

// newNewCmd builds `scaffold new`; runF, when set, replaces the run step so
// tests can stop right after flags are parsed.
func newNewCmd(io *IO, runF func(*newOptions) error) *cobra.Command {
	opts := &newOptions{}
	cmd := &cobra.Command{
		Use:   "new ID [DIR]",
		Short: "Generate a Terraform module from a blueprint (DIR defaults to ./ID)",
		Long: `Generate a Terraform root module from a blueprint into DIR (default ./ID).

Answers come, highest first, from --set, from --answers FILE, from the
interactive wizard, then from defaults. The wizard runs only when stdin and
stderr are terminals; without one, every missing answer is listed and scaffold
exits with code 2 (pass --yes to accept the defaults instead).

In the wizard, ? shows a question's help, < goes back to the previous
question, Ctrl-C or Ctrl-D cancels.

With --force, files of the previous generation (known by regenerating it
from DIR's scaffold.answers.hcl) that this one does not write are removed,
unless you changed them; a DIR generated from another blueprint needs
--replace-blueprint as well.

With --dry-run nothing is written: the files that would be created, replaced
or removed are listed (--diff adds a unified diff of each; -o json prints the
same for scripts, see docs/update.md). To change the answers of a module
while keeping your edits of its files, use ` + "`scaffold update`" + `.

Exit codes: 0 written, 1 failure, 2 bad input or cancelled (nothing written).`,
		Example: `  scaffold new web-app ./infra
  scaffold new web-app --yes --set name=shop --set environment=prod
  scaffold new serverless-api --answers scaffold.answers.hcl --force ./api`,
		Args:              rangeArgs(1, 2),
		ValidArgsFunction: completeBlueprints,
		RunE: func(cmd *cobra.Command, args []string) error {
			b, err := blueprintArg(args[0])
			if err != nil {
				return err
			}
			opts.Blueprint = b
			opts.Dir = filepath.Join(".", b.ID)
			if len(args) == 2 {
				opts.Dir = args[1]
				if strings.TrimSpace(opts.Dir) == "" {
					return badInput("DIR is empty; give the folder to write the module into, e.g. ./infra, or leave it out to use ./%s", b.ID)
				}
			}
			if err := opts.preview.check(); err != nil {
				return err
			}
			if opts.Comments != "" {
				// The same answer as --set comments=MODE, checked by its question.
				opts.Sets = append(opts.Sets, "comments="+opts.Comments)
			}
			if runF != nil {
				return runF(opts)
			}
			return runNew(io, opts)
		},
	}
	f := cmd.Flags()
	f.StringArrayVar(&opts.Sets, "set", nil, "answer a question: `KEY=VALUE` (repeatable; `scaffold new ID --help` lists the keys of ID)")
	f.StringVar(&opts.AnswersFile, "answers", "", "read answers from an HCL `FILE` of key = value lines (or .json), such as a module's "+spec.AnswersFileName)
	f.StringVar(&opts.Comments, "comments", "", "comments in the generated Terraform: `MODE` minimal (the default: what a maintainer needs) or study (also each resource's role and its reason from the source); the same as --set comments=MODE")
	f.BoolVarP(&opts.Yes, "yes", "y", false, "accept the default for every question not answered by --set or --answers; never prompt")
	f.BoolVar(&opts.Force, "force", false, "write into a non-empty DIR: replace the generated files, remove files of the previous generation this one does not write (unless you changed them), keep all others (state, .terraform, your files)")
	opts.preview.flags(f)
	_ = cmd.RegisterFlagCompletionFunc("output", cobra.FixedCompletions([]string{"text", "json"}, cobra.ShellCompDirectiveNoFileComp))
	f.BoolVar(&opts.ReplaceBlueprint, "replace-blueprint", false, "with --force, allow replacing a module DIR generated from another blueprint (its unchanged files are removed)")
	_ = cmd.RegisterFlagCompletionFunc("set", completeSetKeys)
	// `scaffold new ID --help` also lists the keys --set accepts for ID.
	defaultHelp := cmd.HelpFunc()
	cmd.SetHelpFunc(func(c *cobra.Command, args []string) {
		defaultHelp(c, args)
		if rest := c.Flags().Args(); len(rest) > 0 {
			if b := blueprints.Lookup(rest[0]); b != nil {
				setKeysHelp(c.OutOrStdout(), b)
			}
		}
	})
	_ = cmd.MarkFlagFilename("answers", "hcl", "json")
	return cmd
}

// setKeysHelp lists the keys of blueprint b with their type or choices and
// default, one line each; explain gives the whole help of each.
func setKeysHelp(w io.Writer, b *spec.Blueprint) {
	fmt.Fprintf(w, "\nKeys of %s for --set KEY=VALUE or an answers file (`scaffold explain %s` explains each):\n", b.ID, b.ID)
	var table bytes.Buffer
	tw := tabwriter.NewWriter(&table, 0, 0, 2, ' ', 0)
	for _, q := range b.Questions {
		key := q.Key
		if q.Each != "" {
			key = "<item>_" + q.Key // asked for each item of q.Each
		}
		kinds := []string{q.TypeName()}
		if len(q.Choices) > 0 {
			var cs []string
			for _, c := range q.Choices {
				cs = append(cs, c.Value)
			}
			kinds = joinWrapped(cs, "|", choicesWidth)
		}
		fmt.Fprintf(tw, "  %s\t%s\tdefault %s\n", key, kinds[0], defaultText(q))
		for _, more := range kinds[1:] {
			fmt.Fprintf(tw, "  \t%s\t\n", more)
		}
	}
	tw.Flush()
	// The continuation lines of a long list of choices end in the padding
	// of their empty default cell.
	for _, l := range strings.SplitAfter(table.String(), "\n") {
		io.WriteString(w, strings.TrimRight(l, " \n")+strings.Repeat("\n", strings.Count(l, "\n")))
	}
	for _, l := range b.ItemLists() {
		fmt.Fprintf(w, "<item>_KEY answers KEY for one item of %s, e.g. --set %s=VALUE; item names must match %s.\n",
			l.Key, spec.ItemKey(firstItem(l), b.PerItem(l.Key)[0].Key), spec.ItemNamePattern)
	}
}

// choicesWidth is the widest the choices of a question are shown on one
// line of setKeysHelp; longer lists go on to the next lines, so that one
// long list (ci-pipeline's ten compute types) does not push every default
// off the screen.
const choicesWidth = 40

// joinWrapped joins words with sep into lines of at most width bytes (a
// single longer word keeps a line to itself); every line but the last ends
// with sep.
func joinWrapped(words []string, sep string, width int) []string {
	var lines []string
	line := ""
	for i, w := range words {
		if i < len(words)-1 {
			w += sep
		}
		if line != "" && len(line)+len(w) > width {
			lines = append(lines, line)
			line = ""
		}
		line += w
	}
	return append(lines, line)
}

func completeSetKeys(_ *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
	if len(args) == 0 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	b := blueprints.Lookup(args[0])
	if b == nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	var out []string
	qs := b.Questions
	if res, err := b.Resolve(nil, nil, true); err == nil {
		qs = b.Expand(res.Answers) // per-item keys of the default items
	}
	for _, q := range qs {
		if q.Each != "" {
			continue
		}
		out = append(out, q.Key+"=\t"+q.Prompt)
	}
	return out, cobra.ShellCompDirectiveNoSpace | cobra.ShellCompDirectiveNoFileComp
}

func runNew(io *IO, opts *newOptions) error {
	b := opts.Blueprint
	// Refuse an occupied target before asking anything: answering a whole
	// wizard only to be refused at the end is a waste of the user's time.
	if err := checkTarget(opts); err != nil {
		if isBadInput(err) {
			// Say at once what else is wrong with what was typed (--set
			// values, the answers file), without prompting: otherwise the
			// user fixes DIR, runs again, and only then meets the rest.
			if more := givenAnswerErrors(opts); len(more) > 0 {
				return inputError{append(spec.Diagnostics{{Detail: err.Error()}}, more...)}
			}
		}
		return err
	}
	opts.Notes = io.ErrOut
	given, parseErrs, err := givenAnswers(opts)
	if err != nil {
		return err
	}
	if len(parseErrs) > 0 {
		// Report every problem at once: check the rest of the answers too,
		// without prompting, before giving up.
		return withRefusals(b, given, parseErrs)
	}
	var ask spec.AskFunc
	var confirm func(*spec.Resolved) error
	if !opts.Yes && io.CanPrompt() {
		p := io.Prompter()
		wiz := &wizard.Wizard{P: p, Out: io.ErrOut}
		if sized, ok := p.(interface{ Width() int }); ok {
			wiz.Width = sized.Width()
		}
		width := wiz.Width
		if width == 0 {
			width = 80
		}
		fmt.Fprintf(io.ErrOut, "%s\n", prompt.Wrap(wizard.Intro(b), width-1))
		ask = wiz.Ask
		confirm = func(res *spec.Resolved) error {
			ok, err := wiz.Confirm(b, res, opts.Dir)
			if err != nil {
				return err
			}
			if !ok {
				return badInput("cancelled; nothing was written")
			}
			return nil
		}
	}
	res, err := b.ResolveConfirm(given, ask, opts.Yes, confirm)
	if err != nil {
		if errors.Is(err, prompt.ErrInterrupted) {
			return badInput("%v; cancelled, nothing was written", err)
		}
		return err
	}
	var previous []generator.File
	if opts.Force {
		previous = previousGeneration(io.ErrOut, opts.Dir)
	}
	// The write begins (lock, temporary folder) while the files are
	// generated, and the snapshot is packed while the others are written.
	// --force also removes scaffold's version of a binary file that an
	// update left beside it (PATH.scaffold-new, an unresolved conflict):
	// the file is written as generated now, which settles it, and the
	// next update would otherwise refuse to run until it is deleted.
	var kept, dropped, overwritten, removed []string
	wopts := generator.WriteOptions{Force: opts.Force, Previous: previous, Kept: func(p string) { kept = append(kept, p) },
		Dropped:      func(p string) { dropped = append(dropped, p) },
		Overwritten:  func(p string) { overwritten = append(overwritten, p) },
		RemoveBeside: opts.Force, Removed: func(p string) { removed = append(removed, p) }}
	type beginResult struct {
		w   *generator.Writing
		err error
	}
	var begin chan beginResult
	finished := false
	if !opts.DryRun {
		begin = make(chan beginResult, 1)
		go func() {
			w, err := generator.BeginWrite(opts.Dir, wopts)
			begin <- beginResult{w, err}
		}()
		// Whatever returns before Finish leaves the target as it was and
		// no lock file or temporary folder behind.
		defer func() {
			if !finished {
				if r := <-begin; r.w != nil {
					r.w.Abort()
				}
			}
		}()
	}
	files, snapshot, err := generator.GenerateSnapshotLater(b, res.Answers)
	if err != nil {
		return fmt.Errorf("generating %s: %w", b.ID, err)
	}
	var rep *report
	if opts.DryRun || opts.Diff || opts.Output == "json" {
		all := append(files[:len(files):len(files)], snapshot())
		sort.Slice(all, func(i, j int) bool { return all[i].Path < all[j].Path })
		plan, err := generator.PlanReplace(opts.Dir, previous, all)
		if err != nil {
			return fmt.Errorf("reading %s: %w", opts.Dir, err)
		}
		rep = &report{Command: "new", Dir: opts.Dir, Blueprint: b.ID, DryRun: opts.DryRun, ToVersion: buildinfo.Version()}
		if opts.Output == "json" {
			// docs/update.md: in JSON, warnings are in notes, not on stderr.
			for _, w := range res.Warnings {
				rep.Notes = append(rep.Notes, "warning: "+w.Detail)
			}
		}
		rep.fill(plan, opts.Diff)
		if opts.DryRun {
			if opts.Output == "text" {
				for _, w := range res.Warnings {
					fmt.Fprintf(io.ErrOut, "warning: %s\n", w.Detail)
				}
			}
			return rep.print(io.Out, opts.Output, opts.Diff)
		}
	}
	finished = true
	r := <-begin
	err = r.err
	if err == nil {
		err = r.w.Finish(files, snapshot)
	}
	if err != nil {
		switch {
		case errors.Is(err, generator.ErrNotDir), errors.Is(err, generator.ErrBrokenLink), errors.Is(err, generator.ErrNotEmpty),
			errors.Is(err, generator.ErrLocked), errors.Is(err, generator.ErrInterrupted):
			return badInput("%v", err) // the user's to fix or their choice: exit 2
		}
		return fmt.Errorf("writing %s: %w", opts.Dir, err)
	}
	if opts.Output == "text" {
		for _, w := range res.Warnings {
			fmt.Fprintf(io.ErrOut, "warning: %s\n", w.Detail)
		}
	}
	if rep != nil {
		if err := rep.print(io.Out, opts.Output, opts.Diff); err != nil {
			return err
		}
		if opts.Output == "json" {
			return nil
		}
	}
	for _, p := range kept {
		fmt.Fprintf(io.ErrOut, "note: kept %s: the previous generation wrote it and this one does not, but you changed it; remove it if you no longer need it (it may refer to pieces this module no longer holds: `terraform validate` tells)\n", filepath.Join(opts.Dir, filepath.FromSlash(p)))
	}
	if rep == nil {
		// (A report printed above lists each as removed, with the reason.)
		if len(dropped) > 0 {
			what, them := count(len(dropped))
			fmt.Fprintf(io.ErrOut, "note: removed %s that the previous generation wrote and this one does not (you had not changed %s): %s\n",
				what, them, inDir(opts.Dir, dropped))
		}
		if len(overwritten) > 0 {
			what, them := count(len(overwritten))
			fmt.Fprintf(io.ErrOut, "note: --force replaced %s that you had changed since scaffold generated %s, as generated now (`scaffold update` keeps such edits): %s\n",
				what, them, inDir(opts.Dir, overwritten))
		}
		for _, p := range removed {
			fmt.Fprintf(io.ErrOut, "note: removed %s: %s\n", filepath.Join(opts.Dir, filepath.FromSlash(p)), generator.RemovedBesideWhy(strings.TrimSuffix(p, generator.ScaffoldNewSuffix)))
		}
	}
	fmt.Fprintf(io.Out, "Wrote %d files to %s\n\nNext steps:\n  cd %s\n  terraform init\n  terraform plan\n", len(files)+1, opts.Dir, opts.Dir)
	for _, s := range spec.TextsFor(b.NextSteps, b.Components(res.Answers)) {
		fmt.Fprintln(io.Out, wrap(s, "  - ", 78))
	}
	return nil
}

// checkTarget refuses, before anything is asked, a DIR that cannot be
// written: a file on its path (or a symbolic link to one), a symbolic link
// to nothing or in a loop, a non-empty folder without --force, or with
// --force a module of another blueprint without --replace-blueprint.
func checkTarget(opts *newOptions) error {
	dir := opts.Dir
	if err := generator.CheckTarget(dir, opts.Force); err != nil {
		switch {
		case errors.Is(err, generator.ErrNotDir), errors.Is(err, generator.ErrBrokenLink):
			return badInput("%v", err)
		case errors.Is(err, generator.ErrNotEmpty):
			return badInput("%s is not empty; choose another DIR, or pass --force to overwrite the generated files in it (other files, such as terraform.tfstate, are kept)", dir)
		}
		return err
	}
	if id := previousBlueprint(dir); id != "" && id != opts.Blueprint.ID && !opts.ReplaceBlueprint {
		return badInput("%s holds a module generated from blueprint %s (its %s says so), not %s; choose another DIR, or pass --replace-blueprint to replace it (files of the %s module that you did not change are removed)",
			dir, id, spec.AnswersFileName, opts.Blueprint.ID, id)
	}
	return nil
}

// previousBlueprint is the blueprint named by the answers file in dir, or ""
// when there is none or it cannot be read.
func previousBlueprint(dir string) string {
	id, _, err := spec.ReadAnswersFile(filepath.Join(dir, spec.AnswersFileName))
	if err != nil {
		return ""
	}
	return id
}

// previousGeneration is the files the module in dir was generated with
// (lastGeneration), so Write can tell which of them this generation no
// longer writes and whether the user changed them. It returns nil (remove
// nothing) when dir has no answers file, or neither a snapshot nor answers
// this scaffold can regenerate from, saying so on w.
func previousGeneration(w io.Writer, dir string) []generator.File {
	path := filepath.Join(dir, spec.AnswersFileName)
	if _, err := os.Stat(path); err != nil {
		return nil
	}
	files, _, err := lastGeneration(dir)
	if err != nil {
		fmt.Fprintf(w, "note: %s cannot be regenerated (%v); files of the previous generation that this one does not write are kept\n", path, err)
		return nil
	}
	return files
}

// lastGeneration is what scaffold generated last time in dir: the files of
// its snapshot, or, for a module without a readable one (generated before
// scaffold kept it, or with it deleted or damaged), what this scaffold
// generates from dir's recorded answers, migrated; why then says what was
// wrong with the snapshot. err says why the answers could not be
// regenerated either.
func lastGeneration(dir string) (files []generator.File, why string, err error) {
	snap := filepath.Join(dir, filepath.FromSlash(generator.SnapshotPath))
	data, err := os.ReadFile(snap)
	if err == nil {
		if files, err = generator.ReadSnapshot(data); err == nil {
			return files, "", nil
		}
	}
	why = fmt.Sprintf("%s is missing", snap)
	if !os.IsNotExist(err) {
		why = err.Error()
	}
	id, fromFile, err := spec.ReadAnswersFile(filepath.Join(dir, spec.AnswersFileName))
	if err != nil {
		return nil, why, err
	}
	b := lookupBlueprint(id)
	if b == nil {
		return nil, why, fmt.Errorf("unknown blueprint %q", id)
	}
	migrated, _ := b.Migrate(fromFile)
	given, err := b.ConvertGiven(migrated)
	if err != nil {
		return nil, why, err
	}
	res, err := b.Resolve(given, nil, true)
	if err != nil {
		return nil, why, err
	}
	files, err = generator.Generate(b, res.Answers)
	if err != nil {
		return nil, why, err
	}
	return files, why, nil
}

// givenAnswers merges the answers file and --set flags, --set winning.
// Values that do not parse are returned as errors and left out of given.
func givenAnswers(opts *newOptions) (map[string]spec.Given, spec.Diagnostics, error) {
	b := opts.Blueprint
	given := map[string]spec.Given{}
	if opts.AnswersFile != "" {
		id, fromFile, err := spec.ReadAnswersFile(opts.AnswersFile)
		if err != nil {
			return nil, nil, err
		}
		if id != "" && id != b.ID {
			return nil, nil, badInput("answers file %s is for blueprint %q, not %q; run `scaffold new %s --answers %s`", opts.AnswersFile, id, b.ID, id, opts.AnswersFile)
		}
		fromFile, notes := b.Migrate(fromFile)
		for _, n := range notes {
			if opts.Notes != nil {
				fmt.Fprintf(opts.Notes, "note: %s\n", n)
			}
		}
		if given, err = b.ConvertGiven(fromFile); err != nil {
			return nil, nil, err
		}
	}
	sets, errs := parseSets(b, opts.Sets)
	for k, g := range sets {
		given[k] = g
	}
	return given, errs, nil
}

// givenAnswerErrors is every refusal of the answers given by flags and the
// answers file, the others taking their defaults, as a run without a
// wizard would report them; nothing is asked or printed.
func givenAnswerErrors(opts *newOptions) spec.Diagnostics {
	given, errs, err := givenAnswers(opts)
	if err != nil {
		return spec.Diagnostics{{Detail: err.Error()}}
	}
	return withRefusals(opts.Blueprint, given, errs)
}

// withRefusals is errs followed by what b's rules refuse of the answers
// given, the others taking their defaults, without prompting.
func withRefusals(b *spec.Blueprint, given map[string]spec.Given, errs spec.Diagnostics) spec.Diagnostics {
	var more spec.Diagnostics
	if _, rerr := b.Resolve(given, nil, true); errors.As(rerr, &more) {
		errs = append(errs, more...)
	}
	return errs
}

// parseSets parses --set KEY=VALUE flags into typed answers; values that do
// not parse are returned as errors (sorted by key) and left out.
func parseSets(b *spec.Blueprint, sets []string) (map[string]spec.Given, spec.Diagnostics) {
	given := map[string]spec.Given{}
	var errs spec.Diagnostics
	seen := map[string]bool{}
	for _, kv := range sets {
		key, raw, ok := strings.Cut(kv, "=")
		key = strings.TrimSpace(key)
		if !ok || key == "" {
			errs = append(errs, &spec.Diagnostic{Key: kv, Detail: fmt.Sprintf("--set %q must be KEY=VALUE, e.g. --set name=shop", kv)})
			continue
		}
		if seen[key] {
			errs = append(errs, &spec.Diagnostic{Key: key, Detail: fmt.Sprintf("--set %s is given twice; keep one", key)})
			continue
		}
		seen[key] = true
		q := b.QuestionOf(key) // api_image: the per-item question image
		if q == nil {
			given[key] = spec.Given{Source: spec.FromFlag} // Resolve reports it with suggestions
			continue
		}
		if q.Key != key {
			c := *q // messages name the per-item key as given
			c.Key = key
			q = &c
		}
		v, perr := q.ParseText(raw)
		if perr != nil {
			errs = append(errs, perr)
			continue
		}
		given[key] = spec.Given{Value: v, Source: spec.FromFlag}
	}
	sort.SliceStable(errs, func(i, j int) bool { return errs[i].Key < errs[j].Key })
	return given, errs
}

var _ prompt.Prompter = (*prompt.Survey)(nil)

// firstItem is the first item of list question l's default, for an
// example key; "app" when the default is empty.
func firstItem(l *spec.Question) string {
	if items := spec.Items(l.Default(spec.Answers{})); len(items) > 0 {
		return items[0]
	}
	return "app"
}

// count is "1 file" and "it", or "N files" and "them".
func count(n int) (files, them string) {
	if n == 1 {
		return "1 file", "it"
	}
	return fmt.Sprintf("%d files", n), "them"
}

// inDir is the slash paths ps, sorted, each joined to dir, as one list.
func inDir(dir string, ps []string) string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = filepath.Join(dir, filepath.FromSlash(p))
	}
	sort.Strings(out)
	return strings.Join(out, ", ")
}
