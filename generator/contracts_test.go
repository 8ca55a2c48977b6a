package generator_test

import (
	"strings"
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

// TestValidationsAreShownRefusing checks that, for every golden answer set,
// each validation Terraform repeats has a bad value in the module's
// tests/validations.tftest.hcl.
func TestValidationsAreShownRefusing(t *testing.T) {
	for _, c := range goldenCases(t) {
		if missing := generator.UncoveredChecks(c.Blueprint, resolveCase(t, c)); len(missing) > 0 {
			t.Errorf("%s: no candidate bad value breaks these checks, so the module's validations test cannot show them refusing; add a candidate in generator/moduletests.go:\n  %s",
				c.Name, strings.Join(missing, "\n  "))
		}
	}
}
