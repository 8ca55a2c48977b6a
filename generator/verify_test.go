package generator

import (
	"strings"
	"testing"

	"github.com/scaffold-tf/scaffold/blueprints"
	"github.com/scaffold-tf/scaffold/blueprints/spec"
	"github.com/scaffold-tf/scaffold/internal/hclrefs"
)

// Every HCL file passes through the one check before it is returned: a
// rendered template, a file built with hclwrite and the merged outputs alike.
// Broken input must fail with the file's name, never reach the disk.
func TestCheckRefusesInvalidHCL(t *testing.T) {
	b := blueprints.Lookup("serverless-api")
	for _, tc := range []struct {
		name, path, src string
	}{
		{"rendered template", "lambda.tf", "resource \"aws_lambda_function\" \"x\" {\n  name = \n}\n"},
		{"unclosed block", "outputs.tf", "output \"x\" {\n  value = 1\n"},
		{"built with hclwrite", "variables.tf", "variable \"x\" {\n  type = string(\n}\n"},
		{"tfvars", "terraform.tfvars", "name = \"a\" \"b\"\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g := newGeneration(b, spec.Answers{})
			g.files["main.tf"] = []byte("locals {\n  ok = true\n}\n")
			g.files[tc.path] = []byte(tc.src)
			err := g.formatAll()
			if err == nil {
				t.Fatalf("invalid %s was accepted", tc.path)
			}
			if !strings.Contains(err.Error(), tc.path) || !strings.Contains(err.Error(), "not valid HCL") {
				t.Errorf("error does not name the file and the fault: %v", err)
			}
		})
	}
}

// The check parses every file and keeps the parsed outputs.tf for the
// README rather than parsing it again. It does not reformat: templates
// render canonical HCL as they stand, which TestGeneratedHCLIsCanonical
// proves for every golden answer set and every shape, so a file comes out
// byte for byte as rendered.
func TestCheckKeepsParsedFilesAsRendered(t *testing.T) {
	g := newGeneration(blueprints.Lookup("serverless-api"), spec.Answers{})
	src := "output \"a\" {\n  value       = 1\n  description = \"A.\"\n}\n"
	g.files["outputs.tf"] = []byte(src)
	if err := g.formatAll(); err != nil {
		t.Fatal(err)
	}
	if got := string(g.files["outputs.tf"]); got != src {
		t.Errorf("outputs.tf changed:\n%s\nwant:\n%s", got, src)
	}
	if g.parsed["outputs.tf"] == nil {
		t.Fatal("parsed outputs.tf not kept")
	}
	outs, err := describedBlocks(g.parsed["outputs.tf"], "outputs.tf", "output")
	if err != nil || len(outs) != 1 || outs[0].Description != "A." {
		t.Errorf("describedBlocks = %+v, %v", outs, err)
	}
}

// The README reads outputs.tf, versions.tf and the promises test as parsed
// before unread locals are removed, so a local value defined there must
// stop the generation rather than leave the README reading a stale tree.
func TestPruneRefusesLocalsInFilesTheREADMEReads(t *testing.T) {
	g := newGeneration(blueprints.Lookup("serverless-api"), spec.Answers{})
	g.files["outputs.tf"] = []byte("locals {\n  unread = 1\n}\n")
	g.refs["outputs.tf"] = []hclrefs.Block{{Addr: "local.unread"}}
	err := g.pruneUnreadLocals()
	if err == nil || !strings.Contains(err.Error(), "outputs.tf defines local values (unread)") {
		t.Fatalf("pruneUnreadLocals = %v, want it to refuse the local value in outputs.tf", err)
	}
}
