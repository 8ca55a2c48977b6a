package generator

import (
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/zclconf/go-cty/cty"

	"github.com/scaffold-tf/scaffold/blueprints/spec"
)

// settingsItem is the loop variable of the per-item validations:
// alltrue([for s in var.service_settings : COND]).
const settingsItem = "s"

// settingsVar is the one Terraform variable holding the per-item answers
// of a list question (see spec's per-item doc): a map keyed by item of
// objects with one attribute per per-item question.
type settingsVar struct {
	list  *spec.Question
	name  string
	per   []*spec.Question
	rules []settingsRule // per-item rules Terraform repeats, in question order
}

// settingsRule is a per-item rule with its condition on one item, s.
type settingsRule struct {
	q    *spec.Question // the per-item question (the template)
	rule spec.Rule
	cond spec.Expr // on s; the whole validation is alltrue over the map
}

// settingsLists lists the settings variables of b, in the order of their
// lists, without their rules: what terraform.tfvars, the README and the
// contracts read.
func settingsLists(b *spec.Blueprint) []settingsVar {
	var out []settingsVar
	for _, l := range b.ItemLists() {
		out = append(out, settingsVar{list: l, name: l.SettingsVar(), per: b.PerItem(l.Key)})
	}
	return out
}

// settingsVars lists the settings variables of b for answers a, in the
// order of their lists, with their rules: what variables.tf and the
// validations test read. Building the rules' conditions is most of its
// cost, so a generation builds them once.
func settingsVars(b *spec.Blueprint, a spec.Answers) []settingsVar {
	out := settingsLists(b)
	for i := range out {
		sv := &out[i]
		for _, q := range sv.per {
			for _, r := range q.Rules {
				if r.Severity != spec.Error {
					continue
				}
				cond := r.TerraformCondition(q.Key, a)
				if cond == nil {
					continue
				}
				if spec.UsesIdent(cond, settingsItem) {
					panic(fmt.Sprintf("question %s: the condition of %q already uses %s", q.Key, r.Text, settingsItem))
				}
				for _, p := range sv.per {
					cond = spec.ReplaceVar(cond, p.Key, spec.Field(settingsItem, p.Key))
				}
				sv.rules = append(sv.rules, settingsRule{q: q, rule: r, cond: cond})
			}
		}
	}
	return out
}

// typeExpr is map(object({key = type, ...})).
func (sv settingsVar) typeExpr() spec.Expr {
	attrs := make([]spec.Attr, len(sv.per))
	for i, q := range sv.per {
		attrs[i] = spec.Attr{Name: spec.Ident(q.Key), Value: typeExpr(q)}
	}
	return spec.Call("map", spec.Call("object", spec.Object(attrs...)))
}

// value is the settings map of answers a, items in list order and their
// attributes in question order (cty would sort both).
func (sv settingsVar) value(b *spec.Blueprint, a spec.Answers) spec.Expr {
	items, settings := b.ItemSettings(a, sv.list.Key)
	return sv.valueOf(items, settings)
}

func (sv settingsVar) valueOf(items []string, settings map[string]map[string]cty.Value) spec.Expr {
	var objs []spec.Attr
	seen := map[string]bool{}
	for _, it := range items {
		if seen[it] {
			continue // a repeated item, which the list's rules refuse, has one entry
		}
		seen[it] = true
		attrs := make([]spec.Attr, len(sv.per))
		for j, q := range sv.per {
			v := settings[it][q.Key]
			if v == cty.NilVal {
				v = cty.NullVal(q.Type)
			}
			attrs[j] = spec.Attr{Name: spec.Ident(q.Key), Value: spec.Lit(v)}
		}
		// An item refused by ItemNames (in a conformance sample) may not be
		// an identifier: it is written as a string key.
		name := spec.Str(it)
		if hclsyntax.ValidIdentifier(it) {
			name = spec.Ident(it)
		}
		objs = append(objs, spec.Attr{Name: name, Value: spec.Object(attrs...)})
	}
	return spec.Object(objs...)
}

// description is the variable's description: what it holds, each
// attribute with its question's prompt.
func (sv settingsVar) description() string {
	parts := make([]string, len(sv.per))
	for i, q := range sv.per {
		parts[i] = q.Key + " (" + strings.TrimSuffix(strings.TrimSpace(q.Prompt), "?") + ")"
	}
	// The prompts only: each question's help is in `scaffold explain`.
	return fmt.Sprintf("Settings of each item of %s, keyed by the item: %s.", sv.list.Key, strings.Join(parts, ", "))
}

// keysCond is the condition that the map's keys are the list's items;
// nil when the list has no variable (it does not apply).
func (sv settingsVar) keysCond(b *spec.Blueprint, a spec.Answers) spec.Expr {
	if !sv.list.Applies(a) {
		return nil
	}
	return spec.Cmp(spec.Call("jsonencode", spec.Call("sort", spec.Call("keys", spec.Var(sv.name)))), "==",
		spec.Call("jsonencode", spec.Call("sort", spec.Var(sv.list.Key))))
}

// writeSettingsVar appends sv's variable block to body.
func writeSettingsVar(body *hclwrite.Body, b *spec.Blueprint, sv settingsVar, a spec.Answers) {
	body.AppendNewline()
	v := body.AppendNewBlock("variable", []string{sv.name}).Body()
	v.SetAttributeRaw("description", spec.Str(sv.description()))
	v.SetAttributeRaw("type", sv.typeExpr())
	if cond := sv.keysCond(b, a); cond != nil {
		validation(v, cond, fmt.Sprintf("%s must hold one entry for each item of %s, keyed by the item, and no other.", sv.name, sv.list.Key))
	}
	for _, q := range sv.per {
		if len(q.Choices) == 0 {
			continue
		}
		choices := make([]spec.Expr, len(q.Choices))
		for i, c := range q.Choices {
			choices[i] = spec.Str(c.Value)
		}
		validation(v, allItems(sv.name, spec.Call("contains", spec.Tuple(choices...), spec.Field(settingsItem, q.Key))),
			fmt.Sprintf("The %s of each item of %s must be one of %s.", q.Key, sv.name, joinQuoted(q.ChoiceValues())))
	}
	for _, r := range sv.rules {
		validation(v, allItems(sv.name, r.cond), fmt.Sprintf("The %s of each item of %s must %s.", r.q.Key, sv.name, r.rule.Text))
	}
}

// allItems is alltrue([for s in var.<name> : cond]).
func allItems(name string, cond spec.Expr) spec.Expr {
	return spec.Call("alltrue", spec.ForList(settingsItem, spec.Var(name), cond))
}

// itemBadValues are, for each per-item check Terraform repeats, one
// settings map breaking it: the generated map with one attribute of the
// first item replaced by a candidate the Go check refuses for that item.
// Each is its own run, expecting only the settings variable to fail.
func itemBadValues(b *spec.Blueprint, sv settingsVar, a spec.Answers) []spec.Expr {
	items, settings := b.ItemSettings(a, sv.list.Key)
	if len(items) == 0 {
		return nil
	}
	first := items[0]
	var out []spec.Expr
	var exp []*spec.Question
	for _, q := range b.Expand(a) {
		if q.Template != nil && q.Item == first {
			exp = append(exp, q)
		}
	}
	try := func(q *spec.Question, refuses func(v cty.Value, run spec.Answers) bool) {
		for _, v := range candidates(q, a) {
			if !refuses(v, a.Set(q.Key, v)) {
				continue
			}
			bad := map[string]map[string]cty.Value{}
			for it, m := range settings {
				bad[it] = m
			}
			m := map[string]cty.Value{}
			for k, x := range settings[first] {
				m[k] = x
			}
			m[q.Template.Key] = v
			bad[first] = m
			out = append(out, sv.valueOf(items, bad))
			return
		}
	}
	for _, q := range exp {
		if len(q.Choices) > 0 {
			try(q, func(v cty.Value, _ spec.Answers) bool { return !q.IsChoice(v) })
		}
		for i, r := range q.Rules {
			tr := q.Template.Rules[i]
			if tr.Severity != spec.Error || tr.TerraformCondition(q.Template.Key, a) == nil || len(tr.Reads) > 0 {
				continue // a rule across answers holds for some values of the others only
			}
			try(q, func(v cty.Value, run spec.Answers) bool { return r.Check(v, run) != nil })
		}
	}
	if sv.keysCond(b, a) != nil {
		extra := map[string]map[string]cty.Value{}
		for it, m := range settings {
			extra[it] = m
		}
		extra["not-an-item"] = settings[first]
		out = append(out, sv.valueOf(append(append([]string(nil), items...), "not-an-item"), extra))
	}
	return out
}

// settingsOnlyChecks are, as sentences, the per-item rules Terraform
// cannot repeat (see scaffoldOnlyChecks).
func settingsOnlyChecks(svs []settingsVar) []string {
	var out []string
	for _, sv := range svs {
		for _, q := range sv.per {
			for _, r := range q.Rules {
				if r.Condition == nil && r.Severity == spec.Error {
					out = append(out, fmt.Sprintf("The %s of each item of %s must %s.", q.Key, sv.name, r.Text))
				}
			}
		}
	}
	return out
}
