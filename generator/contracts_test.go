package generator_test

import (
	"testing"

	"github.com/scaffold-tf/scaffold/generator"
)

// TestContracts checks the contracts between components (see
// generator.CheckContracts) for every golden answer set.
func TestContracts(t *testing.T) {
	for _, c := range goldenCases(t) {
		t.Run(c.Name, func(t *testing.T) {
			if err := generator.CheckContracts(c.Blueprint, resolveCase(t, c)); err != nil {
				t.Error(err)
			}
		})
	}
}
