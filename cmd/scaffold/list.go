package main

import (
	"encoding/json"
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/scaffold-tf/scaffold/blueprints"
)

type listOptions struct {
	Output string
}

func newListCmd(io *IO) *cobra.Command {
	opts := &listOptions{}
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the blueprints: id, title and flow",
		Args:  rangeArgs(0, 0),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runList(io, opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Output, "output", "o", "text", "output format: text or json")
	_ = cmd.RegisterFlagCompletionFunc("output", cobra.FixedCompletions([]string{"text", "json"}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

type listEntry struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Flow  string `json:"flow"`
}

func runList(io *IO, opts *listOptions) error {
	var entries []listEntry
	for _, b := range blueprints.All() {
		entries = append(entries, listEntry{ID: b.ID, Title: b.Title, Flow: b.Flow.Line()})
	}
	switch opts.Output {
	case "json":
		enc := json.NewEncoder(io.Out)
		enc.SetIndent("", "  ")
		return enc.Encode(entries)
	case "text":
		tw := tabwriter.NewWriter(io.Out, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tTITLE\tFLOW")
		for _, e := range entries {
			fmt.Fprintf(tw, "%s\t%s\t%s\n", e.ID, e.Title, e.Flow)
		}
		return tw.Flush()
	}
	return badInput("--output %q is not a format; use text or json", opts.Output)
}
