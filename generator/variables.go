package generator

import (
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/zclconf/go-cty/cty"

	"github.com/scaffold-tf/scaffold/blueprints/spec"
	"github.com/scaffold-tf/scaffold/internal/buildinfo"
	"github.com/scaffold-tf/scaffold/internal/hclfmt"
)

// Variables renders variables.tf: one typed, described variable per
// question that applies to these answers, with a validation block for each
// rule Terraform can express. A structural answer (spec.Selects,
// SelectsWhenSet) is also pinned to the shape it chose, with a message
// saying how to change it.
func Variables(b *spec.Blueprint, a spec.Answers) []byte {
	return variables(b, a, checksOf(b, a), settingsVars(b, a))
}

// variables is Variables with the checked questions and the settings
// variables already computed.
func variables(b *spec.Blueprint, a spec.Answers, cs []checked, svs []settingsVar) []byte {
	f := hclwrite.NewEmptyFile()
	body := f.Body()
	text := header + " from the questions of blueprint " + b.ID + ".\n" +
		"# Values live in terraform.tfvars; each validation repeats the check scaffold made,\n" +
		"# so an edited value meets the same rule."
	if alone := append(scaffoldOnlyChecks(cs), settingsOnlyChecks(svs)...); len(alone) > 0 {
		text += "\n#\n" + wrapComment("Except these, which need scaffold's tables of AWS facts and so are "+
			"not repeated here:", 76)
		for _, line := range alone {
			text += "\n" + wrapComment("- "+line, 76)
		}
		text += "\n" + wrapComment("To change one of these values, have scaffold check it (it keeps "+
			"your other edits of terraform.tfvars and of the generated files):", 76) +
			"\n#   scaffold update --set KEY=VALUE"
	}
	body.AppendUnstructuredTokens(comment(text))
	for _, c := range cs {
		q := c.q
		body.AppendNewline()
		v := body.AppendNewBlock("variable", []string{q.Key}).Body()
		v.SetAttributeRaw("description", spec.Str(q.Sentence()))
		v.SetAttributeRaw("type", typeExpr(q))
		if len(q.Choices) > 0 {
			choices := make([]spec.Expr, len(q.Choices))
			for i, c := range q.Choices {
				choices[i] = spec.Str(c.Value)
			}
			validation(v, spec.Call("contains", spec.Tuple(choices...), spec.Var(q.Key)),
				fmt.Sprintf("%s must be one of %s.", q.Key, joinQuoted(q.ChoiceValues())))
		}
		for _, r := range c.rules {
			validation(v, r.cond, q.Key+" must "+r.Text+".")
		}
		if cond, msg := shapePin(b, q, a); cond != nil {
			validation(v, cond, msg)
		}
	}
	for _, sv := range svs {
		writeSettingsVar(body, b, sv, a)
	}
	return hclfmt.Bytes(f)
}

// Applicable lists the questions that apply to answers a, in order: the
// ones the module has a variable of their own for (not those that choose
// how the files are written, spec.Writes). A question that does
// not apply (db_instance_class without a database) belongs to a piece the
// module does not hold. Per-item questions are not listed: their answers
// live in one settings variable per list (see VariableValues).
func Applicable(b *spec.Blueprint, a spec.Answers) []*spec.Question {
	var out []*spec.Question
	for _, q := range b.Questions {
		if q.Each == "" && q.Shape != spec.Writes && q.Applies(a) {
			out = append(out, q)
		}
	}
	return out
}

// shapePin is the validation that keeps a structural answer on the shape
// the module was generated for; nil for answers that tune.
func shapePin(b *spec.Blueprint, q *spec.Question, a spec.Answers) (spec.Expr, string) {
	v := a.Get(q.Key)
	rerun := fmt.Sprintf("run scaffold update --set %s=VALUE in the module's folder, which writes the pieces it needs and keeps your edits", q.Key)
	switch q.Shape {
	case spec.Selects:
		return equalsLiteral(q, v),
			fmt.Sprintf("%s chooses the shape of this module, which was generated for %s = %s. To change it, %s.", q.Key, q.Key, spec.Display(v), rerun)
	case spec.SelectsWhenSet:
		what := unsetWords(q)
		if spec.IsSet(v) {
			return isSetExpr(q, true),
				fmt.Sprintf("%s was set when this module was generated, which added the pieces it needs; it may change but not become %s. To remove them, %s.", q.Key, what, rerun)
		}
		return isSetExpr(q, false),
			fmt.Sprintf("%s was %s when this module was generated, so the module lacks the pieces a value needs. To add them, %s.", q.Key, what, rerun)
	}
	return nil, ""
}

func validation(v *hclwrite.Body, cond spec.Expr, msg string) {
	v.AppendNewline()
	val := v.AppendNewBlock("validation", nil).Body()
	val.SetAttributeRaw("condition", cond)
	val.SetAttributeRaw("error_message", spec.Str(msg))
}

// TFVars renders terraform.tfvars: every answer, in question order.
func TFVars(b *spec.Blueprint, a spec.Answers) []byte {
	f := hclwrite.NewEmptyFile()
	body := f.Body()
	body.AppendUnstructuredTokens(comment(header + ": the answers given for blueprint " + b.ID + ".\n" +
		"# Edit a value and run `terraform plan`; variables.tf checks it."))
	body.AppendNewline()
	for _, v := range VariableValues(b, a) {
		body.SetAttributeRaw(v.Name, v.Value)
	}
	return hclfmt.Bytes(f)
}

// VariableValue is one variable of the generated module with its value
// for the answers, as terraform.tfvars writes it.
type VariableValue struct {
	Name  string
	Value spec.Expr
}

// VariableValues are the module's variables and their values for answers
// a: the applicable questions in order, then each list's settings
// variable (a map keyed by item, in list order).
func VariableValues(b *spec.Blueprint, a spec.Answers) []VariableValue {
	var out []VariableValue
	for _, q := range Applicable(b, a) {
		out = append(out, VariableValue{q.Key, spec.Lit(a.Get(q.Key))})
	}
	for _, sv := range settingsLists(b) {
		out = append(out, VariableValue{sv.name, sv.value(b, a)})
	}
	return out
}

// VariableOf is the variable of the module that holds answer key k: the
// question's own, or the settings variable of a per-item key.
func VariableOf(b *spec.Blueprint, k string) string {
	if q := b.QuestionOf(k); q != nil && q.Each != "" {
		return b.Question(q.Each).SettingsVar()
	}
	return k
}

// AnswersFile renders scaffold.answers.hcl, which regenerates this module
// byte for byte with `scaffold new <id> --answers scaffold.answers.hcl`
// (with the same scaffold version). It records the blueprint and the version
// of scaffold that wrote it ("dev" under go test, so golden files stay the
// same from build to build).
func AnswersFile(b *spec.Blueprint, a spec.Answers) []byte {
	f := hclwrite.NewEmptyFile()
	body := f.Body()
	body.AppendUnstructuredTokens(comment(header + ". To change an answer and keep your edits of the\n" +
		"# generated files, run in the module's folder:\n" +
		"#   scaffold update --set KEY=VALUE\n" +
		"# The same answers give the same module:\n" +
		"#   scaffold new " + b.ID + " --answers " + spec.AnswersFileName + " --force DIR"))
	body.AppendNewline()
	body.SetAttributeRaw(spec.BlueprintKey, spec.Str(b.ID))
	body.SetAttributeRaw(spec.VersionKey, spec.Str(buildinfo.Version()))
	body.AppendNewline()
	for _, q := range b.Expand(a) {
		if q.Applies(a) {
			body.SetAttributeRaw(q.Key, spec.Lit(a.Get(q.Key)))
		}
	}
	return hclfmt.Bytes(f)
}

// scaffoldOnlyChecks lists, as sentences, the rules of the variables that
// refuse answers but have no Terraform condition at all (a table lookup,
// such as the sizes an instance family offers), so variables.tf cannot
// repeat them. Rules whose condition is only moot for this shape are not
// listed: they cannot refuse anything here.
func scaffoldOnlyChecks(cs []checked) []string {
	var out []string
	for _, c := range cs {
		for _, r := range c.q.Rules {
			if r.Condition == nil && r.Severity == spec.Error {
				out = append(out, c.q.Key+" must "+r.Text+".")
			}
		}
	}
	return out
}

// wrapComment renders text as "# " comment lines of at most width
// characters of text each (a longer word stands alone).
func wrapComment(text string, width int) string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(text) {
		if line != "" && len(line)+1+len(w) > width {
			lines = append(lines, line)
			line = "  " + w
			if !strings.HasPrefix(text, "- ") {
				line = w
			}
			continue
		}
		if line == "" {
			line = w
		} else {
			line += " " + w
		}
	}
	lines = append(lines, line)
	return "# " + strings.Join(lines, "\n# ")
}

func comment(text string) hclwrite.Tokens {
	return hclwrite.Tokens{{Type: hclsyntax.TokenComment, Bytes: []byte(text + "\n")}}
}

func joinQuoted(ss []string) string {
	out := ""
	for i, s := range ss {
		if i > 0 {
			out += ", "
		}
		out += fmt.Sprintf("%q", s)
	}
	return out
}

// ShapeOutput renders the `shape` output: the structural answers the module
// was generated with, read from their pinned variables, so `terraform
// output shape` tells which pieces this module holds and why. It is nil
// when the blueprint has no structural answer that applies.
func ShapeOutput(b *spec.Blueprint, a spec.Answers) []byte {
	var items []hclwrite.ObjectAttrTokens
	for _, q := range Applicable(b, a) {
		name, value := q.Key, spec.Var(q.Key)
		switch q.Shape {
		case spec.Selects:
		case spec.SelectsWhenSet:
			name = q.Key + "_set"
			value = isSetExpr(q, true)
		default:
			continue
		}
		items = append(items, hclwrite.ObjectAttrTokens{Name: hclwrite.TokensForIdentifier(name), Value: value})
	}
	if len(items) == 0 {
		return nil
	}
	f := hclwrite.NewEmptyFile()
	out := f.Body().AppendNewBlock("output", []string{"shape"}).Body()
	out.SetAttributeRaw("description", spec.Str(
		"The answers that chose this module's shape when scaffold generated it; variables.tf pins them. To change one, re-run scaffold with the new answer."))
	out.SetAttributeRaw("value", spec.Object(items...))
	return hclfmt.Bytes(f)
}

// typeExpr is the type constraint of q's variable: string, number, bool
// or list(string).
func typeExpr(q *spec.Question) spec.Expr {
	if q.IsList() {
		return spec.Call("list", spec.Ident("string"))
	}
	return hclwrite.TokensForIdentifier(q.TypeName())
}

// equalsLiteral is the condition var.<key> == v. A list is compared through
// jsonencode: Terraform's == is false between a list(string) variable and
// a tuple literal of the same strings (their types differ), and tolist([])
// has no element type to compare with.
func equalsLiteral(q *spec.Question, v cty.Value) spec.Expr {
	if q.IsList() {
		return spec.Cmp(spec.Call("jsonencode", spec.Var(q.Key)), "==", spec.Call("jsonencode", spec.Lit(v)))
	}
	return spec.Cmp(spec.Var(q.Key), "==", spec.Lit(v))
}

// isSetExpr is the condition that var.<key> is set (set true) or not, as
// spec.IsSet counts it; a list is set when it has an item.
func isSetExpr(q *spec.Question, set bool) spec.Expr {
	if q.IsList() {
		op := "=="
		if set {
			op = ">"
		}
		return spec.Cmp(spec.Call("length", spec.Var(q.Key)), op, spec.Num(0))
	}
	op := "=="
	if set {
		op = "!="
	}
	return spec.Cmp(spec.Var(q.Key), op, unsetLiteral(q))
}

// unsetWords is the value that counts as not set, in words.
func unsetWords(q *spec.Question) string {
	switch q.Type {
	case cty.Number:
		return "0"
	case cty.Bool:
		return "false"
	}
	return "empty"
}

// unsetLiteral is the value that counts as not set for a SelectsWhenSet
// question of a scalar type (see spec.IsSet).
func unsetLiteral(q *spec.Question) spec.Expr {
	switch q.Type {
	case cty.Number:
		return spec.Num(0)
	case cty.Bool:
		return spec.Lit(cty.False)
	}
	return spec.Str("")
}
