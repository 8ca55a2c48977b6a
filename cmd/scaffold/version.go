package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/scaffold-tf/scaffold/internal/buildinfo"
)

// newVersionCmd builds `scaffold version`, which prints the version, the
// commit and the Go version of the build; `scaffold --version` prints the same.
func newVersionCmd(io *IO) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the scaffold version, and the commit it was built from when known",
		Args:  rangeArgs(0, 0),
		RunE: func(cmd *cobra.Command, args []string) error {
			fmt.Fprintln(io.Out, buildinfo.Read().String())
			return nil
		},
	}
}
