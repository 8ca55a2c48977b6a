package generator

import (
	"fmt"

	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/zclconf/go-cty/cty"

	"github.com/scaffold-tf/scaffold/blueprints"
	"github.com/scaffold-tf/scaffold/internal/buildinfo"
)

// Variables renders variables.tf: one typed, described variable per
// question, with a validation block for each rule Terraform can express.
func Variables(b *blueprints.Blueprint, a blueprints.Answers) []byte {
	f := hclwrite.NewEmptyFile()
	body := f.Body()
	body.AppendUnstructuredTokens(comment(header + " from the questions of blueprint " + b.ID + ".\n" +
		"# Values live in terraform.tfvars; each validation repeats the check scaffold made,\n" +
		"# so an edited value meets the same rule."))
	for _, q := range b.Questions {
		body.AppendNewline()
		v := body.AppendNewBlock("variable", []string{q.Key}).Body()
		v.SetAttributeValue("description", cty.StringVal(q.Sentence()))
		v.SetAttributeRaw("type", hclwrite.TokensForIdentifier(q.TypeName()))
		if len(q.Choices) > 0 {
			choices := make([]blueprints.Expr, len(q.Choices))
			for i, c := range q.Choices {
				choices[i] = blueprints.Str(c.Value)
			}
			validation(v, blueprints.Call("contains", blueprints.Tuple(choices...), blueprints.Var(q.Key)),
				fmt.Sprintf("%s must be one of %s.", q.Key, joinQuoted(q.ChoiceValues())))
		}
		for _, r := range q.Rules {
			if r.Condition == nil {
				continue
			}
			validation(v, r.Condition(q.Key, a), q.Key+" must "+r.Text+".")
		}
	}
	return f.Bytes()
}

func validation(v *hclwrite.Body, cond blueprints.Expr, msg string) {
	v.AppendNewline()
	val := v.AppendNewBlock("validation", nil).Body()
	val.SetAttributeRaw("condition", cond)
	val.SetAttributeValue("error_message", cty.StringVal(msg))
}

// TFVars renders terraform.tfvars: every answer, in question order.
func TFVars(b *blueprints.Blueprint, a blueprints.Answers) []byte {
	f := hclwrite.NewEmptyFile()
	body := f.Body()
	body.AppendUnstructuredTokens(comment(header + ": the answers given for blueprint " + b.ID + ".\n" +
		"# Edit a value and run `terraform plan`; variables.tf checks it."))
	body.AppendNewline()
	for _, q := range b.Questions {
		body.SetAttributeValue(q.Key, a.Get(q.Key))
	}
	return f.Bytes()
}

// AnswersFile renders scaffold.answers.hcl, which regenerates this module
// byte for byte with `scaffold new <id> --answers scaffold.answers.hcl`
// (with the same scaffold version). It records the blueprint and the version
// of scaffold that wrote it ("dev" under go test, so golden files stay the
// same from build to build).
func AnswersFile(b *blueprints.Blueprint, a blueprints.Answers) []byte {
	f := hclwrite.NewEmptyFile()
	body := f.Body()
	body.AppendUnstructuredTokens(comment(header + ". The same answers give the same module:\n" +
		"#   scaffold new " + b.ID + " --answers " + blueprints.AnswersFileName + " --force DIR"))
	body.AppendNewline()
	body.SetAttributeValue(blueprints.BlueprintKey, cty.StringVal(b.ID))
	body.SetAttributeValue(blueprints.VersionKey, cty.StringVal(buildinfo.Version()))
	body.AppendNewline()
	for _, q := range b.Questions {
		body.SetAttributeValue(q.Key, a.Get(q.Key))
	}
	return f.Bytes()
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
