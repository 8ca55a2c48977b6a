package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/mattn/go-isatty"
	"github.com/spf13/cobra"

	"github.com/scaffold-tf/scaffold/blueprints"
	"github.com/scaffold-tf/scaffold/blueprints/spec"
	"github.com/scaffold-tf/scaffold/internal/buildinfo"
	"github.com/scaffold-tf/scaffold/internal/prompt"
)

// IO is what commands read and write; tests replace it.
type IO struct {
	In     io.Reader
	Out    io.Writer // results only
	ErrOut io.Writer // prompts, progress, errors
	// CanPrompt reports whether a wizard may run: stdin and stderr are
	// terminals. Without one, scaffold never prompts and never waits.
	CanPrompt func() bool
	// Prompter builds the prompter used when CanPrompt is true.
	Prompter func() prompt.Prompter
}

func defaultIO() *IO {
	return &IO{
		In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr,
		CanPrompt: func() bool {
			return isTerminal(os.Stdin.Fd()) && isTerminal(os.Stderr.Fd())
		},
		Prompter: func() prompt.Prompter { return prompt.NewSurvey(os.Stdin, os.Stderr, os.Stderr) },
	}
}

func isTerminal(fd uintptr) bool { return isatty.IsTerminal(fd) || isatty.IsCygwinTerminal(fd) }

// run executes the command line and returns the process exit code.
func run(args []string, io *IO) int {
	root := newRootCmd(io)
	root.SetArgs(args)
	err := root.Execute()
	if err == nil {
		return exitOK
	}
	var each spec.Diagnostics
	var missing *spec.MissingError
	if errors.As(err, &missing) {
		fmt.Fprintf(io.ErrOut, "error: %s\n", missingText(missing))
	} else if errors.As(err, &each) {
		for _, e := range each {
			fmt.Fprintf(io.ErrOut, "error: %v\n", e)
		}
	} else {
		fmt.Fprintf(io.ErrOut, "error: %v\n", err)
	}
	if isBadInput(err) || spec.IsInputError(err) || isFlagError(err) || errors.Is(err, prompt.ErrInterrupted) {
		return exitBadInput
	}
	return exitFailure
}

// flagError is what cobra returns for a flag or argument it cannot parse.
type flagError struct{ error }

func isFlagError(err error) bool {
	var fe flagError
	// cobra reports an unknown subcommand with a plain error.
	return errors.As(err, &fe) || strings.HasPrefix(err.Error(), "unknown command ")
}

func newRootCmd(io *IO) *cobra.Command {
	root := &cobra.Command{
		Use:   "scaffold",
		Short: "Turn classic AWS compute architectures into ready Terraform",
		// Long is set by the help function below, when help is shown.
		Example: `  scaffold list
  scaffold recommend
  scaffold explain web-app
  scaffold new web-app ./infra
  scaffold new serverless-api --set runtime=nodejs22.x --yes
  scaffold new scheduled-batch --answers scaffold.answers.hcl ./batch`,
		SilenceErrors: true,
		SilenceUsage:  true,
		Version:       buildinfo.Version(),
	}
	root.SetVersionTemplate(buildinfo.Read().String() + "\n")
	root.SetIn(io.In)
	root.SetOut(io.Out)
	root.SetErr(io.ErrOut)
	// The architectures in the help text come from the registry, so that
	// a new blueprint is named there without an edit; they are read only
	// when the root's help is shown, because naming them builds every
	// blueprint, a tenth of the CPU of a `scaffold new` that needs one
	// (issue 15).
	help := root.HelpFunc()
	root.SetHelpFunc(func(c *cobra.Command, args []string) {
		if c == root && root.Long == "" {
			root.Long = rootLong()
		}
		help(c, args)
	})
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error {
		return flagError{fmt.Errorf("%w (see `%s --help`)", err, cmd.CommandPath())}
	})
	root.AddCommand(newListCmd(io), newExplainCmd(io), newNewCmd(io, nil), newRecommendCmd(io), newUpdateCmd(io), newVersionCmd(io))
	return root
}

// blueprintArg looks up a blueprint id, suggesting the closest on a typo.
func blueprintArg(id string) (*spec.Blueprint, error) {
	if b := blueprints.Lookup(id); b != nil {
		return b, nil
	}
	if b := testBlueprints[id]; b != nil {
		return b, nil
	}
	msg := fmt.Sprintf("unknown blueprint %q", id)
	if s := spec.Closest(id, blueprints.IDs()); s != "" {
		msg += fmt.Sprintf("; did you mean %q?", s)
	}
	return nil, badInput("%s (`scaffold list` shows them all: %s)", msg, strings.Join(blueprints.IDs(), ", "))
}

// completeBlueprints offers blueprint ids for the first argument.
func completeBlueprints(_ *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
	if len(args) > 0 {
		return nil, cobra.ShellCompDirectiveFilterDirs
	}
	var out []string
	for _, b := range blueprints.All() {
		out = append(out, b.ID+"\t"+b.Flow.Line())
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

// rangeArgs checks the number of positional arguments; a wrong count is bad
// input (exit 2) and the message shows the usage line.
func rangeArgs(min, max int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		n := len(args)
		if n >= min && n <= max {
			return nil
		}
		var want string
		switch {
		case max == 0:
			want = "takes no arguments"
		case min == max:
			want = fmt.Sprintf("takes exactly %d argument(s)", min)
		default:
			want = fmt.Sprintf("takes %d to %d arguments", min, max)
		}
		return flagError{fmt.Errorf("%s %s, got %d (usage: %s)", cmd.CommandPath(), want, n, cmd.UseLine())}
	}
}

// testBlueprints are blueprints only this package's tests know (filled in
// by their init functions, before any test runs; empty in the CLI), so the
// wizard can be driven through machinery no real blueprint uses yet.
var testBlueprints = map[string]*spec.Blueprint{}

// rootLong is the root command's help text.
func rootLong() string {
	return wrap("scaffold generates a Terraform root module for a classic AWS architecture ("+
		strings.Join(blueprintTitles(), ", ")+"), "+
		"from a short wizard, flags, or an answers file. The module has secure "+
		"defaults, validates every input the way AWS does, and explains itself.", "", 76)
}

// blueprintTitles are the titles of the registered blueprints, in the
// order scaffold list shows them.
func blueprintTitles() []string {
	var titles []string
	for _, b := range blueprints.All() {
		titles = append(titles, b.Title)
	}
	return titles
}
