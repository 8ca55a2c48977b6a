package main

import (
	"errors"
	"fmt"
	"github.com/zclconf/go-cty/cty"
	"maps"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/mod/semver"

	"github.com/scaffold-tf/scaffold/blueprints"
	"github.com/scaffold-tf/scaffold/blueprints/spec"
	"github.com/scaffold-tf/scaffold/generator"
	"github.com/scaffold-tf/scaffold/internal/buildinfo"
	"github.com/scaffold-tf/scaffold/internal/prompt"
	"github.com/scaffold-tf/scaffold/internal/wizard"
)

// updateOptions holds what `scaffold update` was asked to do.
type updateOptions struct {
	Dir         string
	Sets        []string
	AnswersFile string
	Yes         bool
	preview
	// Check is --check: exit 1 when an update would change the module.
	Check bool
}

// preview holds the flags `new` and `update` share to show, rather than
// do, what they would write.
type preview struct {
	DryRun bool
	Diff   bool
	Output string // "text" or "json"
}

func (p *preview) flags(f interface {
	BoolVar(*bool, string, bool, string)
	StringVarP(*string, string, string, string, string)
}) {
	f.BoolVar(&p.DryRun, "dry-run", false, "write nothing; print the files that would be created, changed or removed")
	f.BoolVar(&p.Diff, "diff", false, "with the file list, print a unified diff of each file from what is on disk to what is written; the files are still written unless --dry-run is also given")
	f.StringVarP(&p.Output, "output", "o", "text", "output format: `FORMAT` text or json (the json fields are described in docs/update.md)")
}

func (p *preview) check() error {
	if p.Output != "text" && p.Output != "json" {
		return badInput("--output %q is not a format; use text or json", p.Output)
	}
	return nil
}

func newUpdateCmd(io *IO) *cobra.Command {
	opts := &updateOptions{}
	cmd := &cobra.Command{
		Use:   "update [DIR]",
		Short: "Regenerate a module with new answers or a newer scaffold, keeping your edits (DIR defaults to .)",
		Long: `Regenerate the module in DIR (default .) from its scaffold.answers.hcl, with
the answers changed by --set and --answers, and the templates of this scaffold,
keeping what you changed since the last generation.

Each generated file is merged three ways: what scaffold generated last time
(kept in DIR/.scaffold/generation.tar.gz), what is on disk, and what scaffold
generates now. A file you did not change is replaced; a file only you changed
is kept; a file both changed is merged line by line, and changes to the same
lines are a conflict, written between <<<<<<< yours and >>>>>>> scaffold
markers. A binary file both changed is a conflict too: yours is kept, and
scaffold's version is written beside it as FILE.scaffold-new, to move over
yours or delete. While markers or a .scaffold-new file of an earlier update
are left, update refuses to run (exit 2). Files you added are never touched. A file scaffold no longer
generates is removed if you did not change it, reported if you did.
scaffold.answers.hcl is rewritten from the answers (comments in it are not
kept). Answers to questions renamed or removed since the module was
generated are carried over or dropped, and choices renamed since are read
under their new names, with a note.

A question the module's answers do not hold (new in this scaffold) is asked
by the wizard at a terminal; without one, pass --set or --yes (its default).

--check writes nothing and exits 1 when an update would change the module
(a newer scaffold, or answers edited since the last generation); your own
edits of generated files alone do not count. For CI.

Exit codes: 0 updated (or nothing to do; --check: up to date), 1 conflicts
to resolve (the files are listed; everything else is written), failure, or
with --check an update is due, 2 bad input or cancelled (nothing written).`,
		Example: `  scaffold update ./infra --set environment=prod
  scaffold update --dry-run --diff
  scaffold update --check
  scaffold update -o json --dry-run ./infra`,
		Args: rangeArgs(0, 1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Dir = "."
			if len(args) == 1 {
				opts.Dir = args[0]
				if strings.TrimSpace(opts.Dir) == "" {
					return badInput("DIR is empty; give the module's folder, e.g. ./infra, or leave it out to use the working folder")
				}
			}
			if err := opts.preview.check(); err != nil {
				return err
			}
			return runUpdate(io, opts)
		},
	}
	f := cmd.Flags()
	f.StringArrayVar(&opts.Sets, "set", nil, "change an answer: `KEY=VALUE` (repeatable; `scaffold explain ID` lists the keys)")
	f.StringVar(&opts.AnswersFile, "answers", "", "take answers from an HCL `FILE` of key = value lines (or .json), over the module's own "+spec.AnswersFileName+"; --set wins over both")
	f.BoolVarP(&opts.Yes, "yes", "y", false, "answer questions new since the last generation with their default; never prompt")
	opts.preview.flags(f)
	f.BoolVar(&opts.Check, "check", false, "write nothing; exit 1 when an update would change the module (a newer scaffold or edited answers), 0 when it is up to date; your own edits do not count")
	_ = cmd.RegisterFlagCompletionFunc("output", cobra.FixedCompletions([]string{"text", "json"}, cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.MarkFlagFilename("answers", "hcl", "json")
	return cmd
}

// lookupBlueprint finds a blueprint named by an answers file.
func lookupBlueprint(id string) *spec.Blueprint {
	if b := blueprints.Lookup(id); b != nil {
		return b
	}
	return testBlueprints[id]
}

// errConflicts is returned when an update wrote conflicts: exit 1, after
// the list of files. Each kind says what to do with it; only files merged
// with conflict markers have markers to resolve.
type errConflicts struct {
	markers []string // files written with conflict markers
	binary  []string // binary files kept as yours: scaffold's new version of each is beside it (generator.ScaffoldNewSuffix)
	deleted []string // files you deleted, written again because scaffold changed them
}

// newErrConflicts sorts the conflicts of plan by kind, their paths under dir.
func newErrConflicts(dir string, plan *generator.Plan) errConflicts {
	var e errConflicts
	for _, c := range plan.Changes {
		switch {
		case c.Action != generator.Conflict:
		case c.Beside != nil:
			e.binary = append(e.binary, c.BesidePath())
		case c.Old == nil:
			e.deleted = append(e.deleted, c.Path)
		default:
			e.markers = append(e.markers, c.Path)
		}
	}
	e.markers, e.binary, e.deleted = underDir(dir, e.markers), underDir(dir, e.binary), underDir(dir, e.deleted)
	return e
}

// underDir is each slash path of ps as a path under dir.
func underDir(dir string, ps []string) []string {
	var out []string
	for _, p := range ps {
		out = append(out, filepath.Join(dir, filepath.FromSlash(p)))
	}
	return out
}

// fileList is "N " + what + ":" and the paths, one per indented line: how
// update lists the files a message is about.
func fileList(what string, paths []string) string {
	return fmt.Sprintf("%d %s:\n  %s", len(paths), what, strings.Join(paths, "\n  "))
}

func (e errConflicts) empty() bool { return len(e.markers)+len(e.binary)+len(e.deleted) == 0 }

func (e errConflicts) Error() string {
	var parts []string
	if len(e.markers) > 0 {
		parts = append(parts, fileList("file(s) have conflicts; resolve the <<<<<<< yours / >>>>>>> scaffold markers in each, then run `terraform fmt` and `terraform validate`", e.markers))
	}
	if len(e.binary) > 0 {
		parts = append(parts, fileList("binary file(s) that both you and scaffold changed are kept as yours, and scaffold's version of each is written beside it; move it over yours to take scaffold's, or delete it to keep yours", e.binary))
	}
	if len(e.deleted) > 0 {
		parts = append(parts, fileList("file(s) you deleted are written again because scaffold changed them; delete each again if you do not want it", e.deleted))
	}
	return strings.Join(parts, "\n")
}

// unresolvedError refuses an update while conflicts of an earlier one are
// not resolved (exit 2, nothing written, --check too): generated files that
// still hold conflict markers, which a new merge would take for your own
// lines, and files named as scaffold's version of a binary file beside a
// generated one (FILE.scaffold-new), which a new update would no longer
// report (the snapshot took scaffold's version as generated) or would
// write over. base is what scaffold generated last time, so that one
// beside a file scaffold no longer generates is found too.
func unresolvedError(dir string, next, base []generator.File) error {
	var parts []string
	if un := underDir(dir, generator.Unresolved(dir, next)); len(un) > 0 {
		parts = append(parts, fileList("file(s) still hold conflict markers (<<<<<<< yours) from an earlier update; resolve them first, then run scaffold update again", un))
	}
	if un := underDir(dir, generator.UnresolvedBeside(dir, next, base)); len(un) > 0 {
		// Such a file may have been made by hand, and beside a file
		// scaffold is only about to generate: the words hold either way.
		parts = append(parts, fileList("file(s) in the module are named as an update names scaffold's version of a binary file beside yours (FILE"+generator.ScaffoldNewSuffix+"); move each over the file it is beside to take it, or delete it, then run scaffold update again", un))
	}
	if len(parts) == 0 {
		return nil
	}
	return badInput("%s", strings.Join(parts, "\n"))
}

// errStale is --check's answer that an update is due: exit 1.
type errStale struct{ why string }

func (e errStale) Error() string { return e.why }

func runUpdate(io *IO, opts *updateOptions) error {
	dir := opts.Dir
	answersPath := filepath.Join(dir, spec.AnswersFileName)
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		// A symbolic link that leads to no folder, or a file on the path,
		// is named as `scaffold new` names it (where the link points).
		if err := generator.CheckTarget(dir, true); errors.Is(err, generator.ErrNotDir) || errors.Is(err, generator.ErrBrokenLink) {
			return badInput("%v", err)
		}
		return badInput("%s is not a folder; give the folder of a module generated by scaffold (it holds %s)", dir, spec.AnswersFileName)
	}
	if _, err := os.Stat(answersPath); err != nil {
		return badInput("%s has no %s, so it was not generated by scaffold (or the file was removed); generate a module with `scaffold new ID %s`, or restore the file", dir, spec.AnswersFileName, dir)
	}
	recorded, err := spec.ReadAnswers(answersPath)
	if err != nil {
		return err
	}
	if newerScaffold(recorded.Version, buildinfo.Version()) {
		return badInput("%s was generated by scaffold %s, newer than this one (%s): an update with it would take the newer templates' changes back out, and its answers may hold questions this one does not know; update with scaffold %s or later",
			dir, recorded.Version, buildinfo.Version(), recorded.Version)
	}
	b := lookupBlueprint(recorded.Blueprint)
	if b == nil {
		if recorded.Blueprint == "" {
			return badInput("%s names no blueprint; add a line such as blueprint = \"web-app\" (`scaffold list` shows them)", answersPath)
		}
		return badInput("%s names blueprint %q, which this scaffold (%s) does not know; `scaffold list` shows the blueprints it has", answersPath, recorded.Blueprint, buildinfo.Version())
	}
	var notes []string
	fromFile, migrated := b.Migrate(recorded.Given)
	notes = append(notes, migrated...)
	if opts.AnswersFile != "" {
		other, err := spec.ReadAnswers(opts.AnswersFile)
		if err != nil {
			return err
		}
		if other.Blueprint != "" && other.Blueprint != b.ID {
			return badInput("answers file %s is for blueprint %q, but the module in %s is %s; give answers for %s, or generate a %s module with `scaffold new %s --answers %s`",
				opts.AnswersFile, other.Blueprint, dir, b.ID, b.ID, other.Blueprint, other.Blueprint, opts.AnswersFile)
		}
		more, migrated := b.Migrate(other.Given)
		notes = append(notes, migrated...)
		for k, g := range more {
			fromFile[k] = g
		}
	}
	given, err := b.ConvertGiven(fromFile)
	if err != nil {
		return err
	}
	sets, parseErrs := parseSets(b, opts.Sets)
	if len(parseErrs) > 0 {
		return parseErrs
	}
	recordedGiven := maps.Clone(given)
	for k, g := range sets {
		given[k] = g
	}
	text := opts.Output == "text"
	say := func(format string, args ...any) {
		if text {
			fmt.Fprintf(io.ErrOut, format+"\n", args...)
		}
	}
	for _, n := range notes {
		say("note: %s", n)
	}

	// Questions the answers do not hold: new since the last generation
	// (or now asked because of a changed answer).
	var newKeys []string
	if _, err := b.Resolve(given, nil, false); err != nil {
		var missing *spec.MissingError
		if !errors.As(err, &missing) {
			return err
		}
		for _, q := range missing.Missing {
			newKeys = append(newKeys, q.Key)
		}
	}
	var ask spec.AskFunc
	acceptDefaults := opts.Yes || opts.Check
	if len(newKeys) > 0 {
		switch {
		case acceptDefaults:
			notes = append(notes, fmt.Sprintf("question(s) the answers do not hold take their default: %s", strings.Join(newKeys, ", ")))
			say("note: %s", notes[len(notes)-1])
		case io.CanPrompt():
			say("%d question(s) the module's answers do not hold (new in this scaffold, or asked because of a changed answer): %s", len(newKeys), strings.Join(newKeys, ", "))
			p := io.Prompter()
			wiz := &wizard.Wizard{P: p, Out: io.ErrOut}
			if sized, ok := p.(interface{ Width() int }); ok {
				wiz.Width = sized.Width()
			}
			ask = wiz.Ask
		}
	}
	res, err := b.Resolve(given, ask, acceptDefaults)
	if err != nil {
		if errors.Is(err, prompt.ErrInterrupted) {
			return badInput("%v; cancelled, nothing was written", err)
		}
		return err
	}
	for _, n := range staleDefaults(b, recordedGiven, sets, res.Answers) {
		notes = append(notes, n)
		say("note: %s", n)
	}
	next, err := generator.Generate(b, res.Answers)
	if err != nil {
		return fmt.Errorf("generating %s: %w", b.ID, err)
	}
	base, note := baseGeneration(dir)
	if err := unresolvedError(dir, next, base); err != nil {
		return err
	}
	if note != "" {
		notes = append(notes, note)
		say("note: %s", note)
	}
	plan, err := generator.PlanUpdate(dir, base, next)
	if err != nil {
		if errors.Is(err, generator.ErrFolderInTheWay) {
			return badInput("%v", err) // the user's to move: exit 2, as the docs say, not 1 (--check: "update due")
		}
		return fmt.Errorf("reading %s: %w", dir, err)
	}
	for _, w := range res.Warnings {
		if text {
			say("warning: %s", w.Detail)
		} else {
			notes = append(notes, "warning: "+w.Detail)
		}
	}
	rep := report{
		Command: "update", Dir: dir, Blueprint: b.ID, DryRun: opts.DryRun || opts.Check, Check: opts.Check,
		FromVersion: recorded.Version, ToVersion: buildinfo.Version(), Notes: notes,
	}
	if opts.DryRun || opts.Check {
		plan.Preview() // "would be written beside it": nothing is
	}
	rep.fill(plan, opts.Diff)
	if opts.Diff {
		binaryDiffs(&rep, plan)
	}
	if opts.Check {
		if err := rep.print(io.Out, opts.Output, opts.Diff); err != nil {
			return err
		}
		if rep.UpToDate {
			return nil
		}
		why := fmt.Sprintf("%s is not up to date: `scaffold update %s` would change %d file(s)", dir, dir, len(rep.Files))
		if recorded.Version != rep.ToVersion {
			why += fmt.Sprintf(" (it was generated by scaffold %s, this is %s)", versionText(recorded.Version), rep.ToVersion)
		}
		return errStale{why + "; run it (add --dry-run --diff to see the changes first) and commit the result"}
	}
	if !opts.DryRun && len(plan.Changes) > 0 {
		wopts := generator.WriteOptions{Force: true, Previous: plan.Removals()}
		if err := generator.WriteWith(dir, plan.Files(), wopts); err != nil {
			switch {
			case errors.Is(err, generator.ErrNotDir), errors.Is(err, generator.ErrBrokenLink), errors.Is(err, generator.ErrLocked), errors.Is(err, generator.ErrInterrupted), errors.Is(err, generator.ErrFolderInTheWay):
				return badInput("%v", err)
			}
			return fmt.Errorf("writing %s: %w", dir, err)
		}
	}
	if err := rep.print(io.Out, opts.Output, opts.Diff); err != nil {
		return err
	}
	for _, c := range plan.Changes {
		if c.Warning != "" {
			say("warning: %s: %s", filepath.Join(dir, filepath.FromSlash(c.Path)), c.Warning)
		}
	}
	if cs := newErrConflicts(dir, plan); !cs.empty() && !opts.DryRun {
		return cs
	}
	return nil
}

// binaryDiffs gives each binary conflict of plan, which writes nothing at
// its path and so has no diff, the one line git prints for binary files:
// yours against scaffold's version, written beside it.
func binaryDiffs(rep *report, plan *generator.Plan) {
	for i, c := range plan.Changes {
		if c.Beside != nil && i < len(rep.Files) && rep.Files[i].Path == c.Path {
			rep.Files[i].Diff = fmt.Sprintf("Binary files a/%s and b/%s differ\n", c.Path, c.BesidePath())
		}
	}
}

// newerScaffold reports whether recorded, the scaffold version an answers
// file was written by, is a later release than this, this scaffold's; false
// when either is not a semantic version (dev builds).
func newerScaffold(recorded, this string) bool {
	return semver.IsValid(recorded) && semver.IsValid(this) && semver.Compare(recorded, this) > 0
}

func versionText(v string) string {
	if v == "" {
		return "an unrecorded version"
	}
	return v
}

// baseGeneration is what scaffold generated last time in dir (see
// lastGeneration), and a note when it had to be regenerated: a newer
// scaffold's template changes then look like your edits, so such files are
// kept as yours.
func baseGeneration(dir string) ([]generator.File, string) {
	files, why, err := lastGeneration(dir)
	switch {
	case err != nil:
		return nil, fmt.Sprintf("%s, and the module's answers cannot be regenerated (%v): every generated file that differs from this scaffold's is treated as a conflict or kept as yours", why, err)
	case why != "":
		return files, why + "; what scaffold generated last time is taken to be what this scaffold generates from the recorded answers, so differences that an older scaffold's templates made are kept as if you had made them"
	}
	return files, ""
}

// staleDefaults names the recorded answers that were their question's
// default under the recorded answers and no longer are under the new ones
// (deletion_protection = false, dev's default, after --set
// environment=prod). The answers file cannot tell a default someone
// accepted from a value someone chose, so the update keeps the value and
// the note says how to take the new default.
func staleDefaults(b *spec.Blueprint, recorded, sets map[string]spec.Given, now spec.Answers) []string {
	if len(sets) == 0 {
		return nil
	}
	before, err := b.Resolve(recorded, nil, true)
	if err != nil {
		return nil
	}
	var notes []string
	for _, q := range b.Expand(now) {
		if _, set := sets[q.Key]; set || q.Default == nil || !q.Applies(now) || !q.Applies(before.Answers) {
			continue
		}
		if _, ok := recorded[q.Key]; !ok {
			continue
		}
		v := now.Get(q.Key)
		was, is := q.Default(before.Answers), q.Default(now)
		if v == cty.NilVal || was == cty.NilVal || is == cty.NilVal || !v.IsWhollyKnown() || !was.IsWhollyKnown() || !is.IsWhollyKnown() {
			continue
		}
		if v.Equals(was).True() && !v.Equals(is).True() {
			notes = append(notes, fmt.Sprintf("%s = %s was its default for the recorded answers, and is kept; with the changed answers its default is %s: pass --set %s=%s to take it",
				q.Key, spec.Display(v), spec.Display(is), q.Key, spec.Display(is)))
		}
	}
	return notes
}
