package generator

import (
	"bytes"
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"text/template"
	"unicode"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/scaffold-tf/scaffold/blueprints/costs"

	"github.com/scaffold-tf/scaffold/blueprints/spec"
)

// Described is a variable or output named in the README's tables.
type Described struct {
	Name        string `json:"name"`
	Type        string `json:"type,omitempty"`
	Value       string `json:"value,omitempty"`
	Description string `json:"description,omitempty"`
}

// readme renders README.md from the blueprint's metadata and from the
// generated files themselves: the output table is read back from outputs.tf,
// so it cannot drift from the code. read is what the README reads of
// outputs.tf, the promises test file and versions.tf (see readmeFacts).
func readme(b *spec.Blueprint, a spec.Answers, files []string, read readmeFacts) ([]byte, error) {
	var vars, shape []Described
	for _, q := range Applicable(b, a) {
		value := spec.Display(a.Get(q.Key))
		if q.IsList() || strings.ContainsFunc(value, unicode.IsControl) {
			// The table shows the variable's value as terraform.tfvars
			// holds it: a list, or a string with a newline or another
			// control character, which would break the table's row.
			value = string(spec.Lit(a.Get(q.Key)).Bytes())
		}
		if value == "" {
			value = `""` // an empty code span is not Markdown: show the empty string as typed
		}
		d := Described{Name: q.Key, Type: q.TypeName(), Value: value, Description: q.Prompt}
		vars = append(vars, d)
		switch q.Shape {
		case spec.Selects:
			d.Description = "fixed"
			shape = append(shape, d)
		case spec.SelectsWhenSet:
			d.Description = "set or empty is fixed; the value may change"
			if q.Type == cty.Number {
				d.Description = "zero or not is fixed; the value may change"
			}
			shape = append(shape, d)
		}
	}
	// A list's per-item answers are one map variable: the table names its
	// items and attributes; terraform.tfvars holds the values.
	for _, sv := range settingsLists(b) {
		items := a.List(sv.list.Key)
		entries := make([]string, len(items))
		for i, it := range items {
			entries[i] = it + " = {…}"
		}
		keys := make([]string, len(sv.per))
		for i, q := range sv.per {
			keys[i] = q.Key
		}
		vars = append(vars, Described{Name: sv.name, Type: "map(object)", Value: "{" + strings.Join(entries, ", ") + "}",
			Description: "Settings of each item of " + sv.list.Key + ": " + strings.Join(keys, ", ")})
	}
	// Every file the module holds, README.md included, folders (src/,
	// build/) with their files.
	list := append([]string{"README.md"}, files...)
	sort.Strings(list)
	composed := b.Components(a)
	t, err := readmeTemplate()
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	err = t.Execute(&buf, map[string]any{
		"Blueprint": b, "Flow": b.Flow.For(composed), "Why": spec.TextsFor(b.Why, composed),
		"Pitfalls": spec.TextsFor(b.Pitfalls, composed), "Promises": read.Promises, "NextSteps": spec.TextsFor(b.NextSteps, composed),
		"Variables": vars, "Shape": shape, "Outputs": read.Outputs, "Files": list,
		"AnswersFile": spec.AnswersFileName, "Snapshot": SnapshotPath, "Answers": templateData(b, a, composed),
		"TerraformVersion": read.Terraform, "AWSProviderVersion": read.AWS,
		"Costs": costs.Of(b, a).Markdown(), "Tools": toolData(),
	})
	return buf.Bytes(), err
}

// readmeTemplate returns README.md.tmpl of templateFS (see perProcess).
var readmeTemplate = perProcess(parseReadmeTemplate)

func parseReadmeTemplate(fsys fs.FS) (*template.Template, error) {
	src, err := fs.ReadFile(fsys, "README.md.tmpl")
	if err != nil {
		return nil, err
	}
	return template.New("README.md").Funcs(template.FuncMap{
		"cell": tableCell,
		"code": codeCell,
		// sqlName is a name as Glue catalogs it and SQL takes it unquoted:
		// lowercase, with hyphens and dots as underscores.
		"sqlName": func(s string) string { return strings.NewReplacer("-", "_", ".", "_").Replace(strings.ToLower(s)) },
		// lastFolder is the last folder of a key prefix ("a/b/" → "b"),
		// which a Glue crawler names a table after.
		"lastFolder": func(prefix string) string {
			parts := strings.Split(strings.TrimSuffix(prefix, "/"), "/")
			return parts[len(parts)-1]
		},
		// split cuts an answer into its parts: "staging.daily" → staging, daily.
		"split": func(s, sep string) []string { return strings.Split(s, sep) },
	}).Option("missingkey=error").Parse(string(src))
}

// versions reads the Terraform and AWS provider version constraints from
// versions.tf as parsed (nil when there is none), so the README's
// prerequisites cannot drift from the code.
func versions(f *hcl.File) (terraform, aws string) {
	if f == nil {
		return "", ""
	}
	for _, blk := range f.Body.(*hclsyntax.Body).Blocks {
		if blk.Type != "terraform" {
			continue
		}
		if attr, ok := blk.Body.Attributes["required_version"]; ok {
			if v, d := attr.Expr.Value(nil); !d.HasErrors() && v.Type() == cty.String {
				terraform = v.AsString()
			}
		}
		for _, rp := range blk.Body.Blocks {
			if rp.Type != "required_providers" {
				continue
			}
			if attr, ok := rp.Body.Attributes["aws"]; ok {
				if v, d := attr.Expr.Value(nil); !d.HasErrors() && v.Type().IsObjectType() && v.Type().HasAttribute("version") {
					aws = v.GetAttr("version").AsString()
				}
			}
		}
	}
	return terraform, aws
}

// describedBlocks lists the blocks of one type in an HCL file with their
// description attribute.
func describedBlocks(f *hcl.File, name, blockType string) ([]Described, error) {
	if f == nil {
		return nil, nil
	}
	var out []Described
	for _, blk := range f.Body.(*hclsyntax.Body).Blocks {
		if blk.Type != blockType || len(blk.Labels) != 1 {
			continue
		}
		d := Described{Name: blk.Labels[0]}
		if attr, ok := blk.Body.Attributes["description"]; ok {
			v, diags := attr.Expr.Value(nil)
			if diags.HasErrors() || v.Type() != cty.String {
				return nil, fmt.Errorf("%s: %s %q: description must be a literal string", name, blockType, d.Name)
			}
			d.Description = v.AsString()
		}
		out = append(out, d)
	}
	return out, nil
}

// promises lists the error messages of the assertions of the module's
// promises test (as parsed), so the README says exactly what the tests
// check.
func promises(f *hcl.File) ([]string, error) {
	if f == nil {
		return nil, nil
	}
	var out []string
	for _, run := range f.Body.(*hclsyntax.Body).Blocks {
		for _, as := range run.Body.Blocks {
			attr, ok := as.Body.Attributes["error_message"]
			if as.Type != "assert" || !ok {
				continue
			}
			v, diags := attr.Expr.Value(nil)
			if diags.HasErrors() || v.Type() != cty.String {
				return nil, fmt.Errorf("%s: an assert's error_message must be a literal string", PromisesTestFile)
			}
			out = append(out, v.AsString())
		}
	}
	return out, nil
}

// tableCell is s in a cell of a Markdown table, whose | would end the cell.
func tableCell(s string) string { return strings.ReplaceAll(s, "|", `\|`) }

// codeCell is s as a code span in a cell of a Markdown table: fenced with
// one backtick more than the longest run of backticks in s (padded with a
// space where s begins or ends with one), so a backtick in a value does not
// end the span early (CommonMark, "Code spans").
func codeCell(s string) string {
	longest, run := 0, 0
	for _, r := range s {
		if r != '`' {
			run = 0
			continue
		}
		run++
		longest = max(longest, run)
	}
	fence := strings.Repeat("`", longest+1)
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		s = " " + s + " "
	}
	return fence + tableCell(s) + fence
}
