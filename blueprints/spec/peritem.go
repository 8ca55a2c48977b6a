package spec

import (
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// Per-item questions. A question with Each set to the key of a list
// question is asked once for every item of that list's answer. For
//
//	services = ["api", "web"]
//	&Question{Key: "services", Type: ListOfStrings, Rules: []Rule{ItemNames(), ...}}
//	&Question{Key: "image", Each: "services", Type: cty.String, ...}
//	&Question{Key: "cpu", Each: "services", Type: cty.Number, ...}
//	&Question{Key: "memory", Each: "services", Type: cty.Number,
//		Rules: []Rule{fargateMemory.Reading("cpu")}} // reads the same item's cpu
//
// the answers are flat keys <item>_<key> (api_image, web_cpu) at `--set`,
// in answers files (HCL and JSON) and in Answers; an item not given one
// takes the question's default, computed for that item. The wizard asks
// "api · Image", "api · CPU", ..., "web · Image", ... after the list.
//
// The generated module has one Terraform variable per list for all its
// per-item questions, named by SettingsVar ("service_settings" for
// services), of type map(object({image = string, cpu = number, ...}))
// keyed by item. Each per-item rule's Condition, written as for a scalar
// var.<key> (and var.<other per-item key> for the rules that read one),
// becomes alltrue([for s in var.service_settings : COND]) with var.image
// read as s.image; a further validation requires the map's keys to be the
// list's items. Templates read per-item values from var.service_settings
// (or, in Go, from the template data under the same name).
//
// Constraints, checked by Lint (Resolve refuses to run a blueprint that
// breaks them): a per-item question comes after its list; the list carries
// the ItemNames rule, so an item holds no underscore and <item>_<key>
// splits at its first underscore; per-item questions tune (Shape Tunes);
// a per-item rule's Reads name other answers asked before it, per-item
// keys (of the same item) included; a per-item rule's Condition must not
// depend on per-item answers (it is built once for every item).

// ItemNamePattern is what an item of a list with per-item questions must
// match: its per-item keys are <item>_<key>, split at the first underscore.
const ItemNamePattern = `^[a-z][a-z0-9-]*$`

var itemName = regexp.MustCompile(ItemNamePattern)

// ItemNames is the rule a list question with per-item questions must
// carry: every item is a lowercase name without underscores, so that its
// per-item keys (api_image) split unambiguously.
func ItemNames() Rule {
	return Rule{
		Text: "have items that start with a lowercase letter and hold only lowercase letters, digits and hyphens (each item starts its per-item keys, such as api_image)",
		Check: func(v cty.Value, _ Answers) error {
			var bad []string
			for i, it := range Items(v) {
				if !itemName.MatchString(it) {
					bad = append(bad, fmt.Sprintf("item %d is %q", i+1, it))
				}
			}
			if len(bad) > 0 {
				return fmt.Errorf("%s", strings.Join(bad, "; "))
			}
			return nil
		},
		Condition: func(key string, _ Answers) Expr {
			return Call("alltrue", ForList("item", Var(key),
				Call("can", Call("regex", Str(ItemNamePattern), Ident("item")))))
		},
	}
}

// itemNamesText identifies the ItemNames rule on a list question.
var itemNamesText = ItemNames().Text

// SettingsVar is the name of the Terraform variable holding the per-item
// answers of list question q: q.Settings when set, else q's key without
// its final "s" followed by "_settings" (services → service_settings).
func (q *Question) SettingsVar() string {
	if q.Settings != "" {
		return q.Settings
	}
	return strings.TrimSuffix(q.Key, "s") + "_settings"
}

// ItemKey is the answer key of per-item question key for item: api_image.
func ItemKey(item, key string) string { return item + "_" + key }

// SplitItemKey splits an answer key <item>_<key> at its first underscore;
// ok is false when the part before it is not a valid item name.
func SplitItemKey(k string) (item, key string, ok bool) {
	i := strings.IndexByte(k, '_')
	if i <= 0 || i == len(k)-1 || !itemName.MatchString(k[:i]) {
		return "", "", false
	}
	return k[:i], k[i+1:], true
}

// PerItem lists the questions asked for each item of list question list,
// in order.
func (b *Blueprint) PerItem(list string) []*Question {
	var out []*Question
	for _, q := range b.Questions {
		if q.Each == list {
			out = append(out, q)
		}
	}
	return out
}

// ItemLists lists the list questions that have per-item questions, in
// question order.
func (b *Blueprint) ItemLists() []*Question {
	var out []*Question
	for _, q := range b.Questions {
		if q.IsList() && q.Each == "" && len(b.PerItem(q.Key)) > 0 {
			out = append(out, q)
		}
	}
	return out
}

// QuestionOf is the question answered by answer key k: b.Question(k) for
// a question asked once, the per-item question for a per-item key
// (api_image → image), or nil.
func (b *Blueprint) QuestionOf(k string) *Question {
	if q := b.Question(k); q != nil && q.Each == "" {
		return q
	}
	if _, key, ok := SplitItemKey(k); ok {
		if q := b.Question(key); q != nil && q.Each != "" {
			return q
		}
	}
	return nil
}

// ItemAnswers is a's view for item of list: every per-item key of the
// list reads that item's answer (a.String("cpu") is a["api_cpu"]); the
// other answers are a's. Per-item rules, defaults and When see this view.
func (b *Blueprint) ItemAnswers(a Answers, list, item string) Answers {
	out := a.With(nil) // one copy, overrides included
	for _, q := range b.PerItem(list) {
		if v, ok := a.lookup(ItemKey(item, q.Key)); ok {
			out.values[q.Key] = v
		} else {
			delete(out.values, q.Key)
		}
	}
	out.item = item
	return out
}

// ItemSettings are the per-item answers of list for each item, in list
// order: item → key → value.
func (b *Blueprint) ItemSettings(a Answers, list string) ([]string, map[string]map[string]cty.Value) {
	items := a.List(list)
	out := make(map[string]map[string]cty.Value, len(items))
	for _, it := range items {
		m := map[string]cty.Value{}
		for _, q := range b.PerItem(list) {
			m[q.Key] = a.Get(ItemKey(it, q.Key))
		}
		out[it] = m
	}
	return items, out
}

// Expand is the sequence of questions asked for answers a: each question
// asked once in order, and in place of the per-item questions of a list,
// a copy of each for every item of the list's answer in a (none when the
// list has no answer yet). A copy's key is <item>_<key>, its prompt
// "<item> · <prompt>", and its rules, default and When read the item's
// view of the answers (ItemAnswers).
func (b *Blueprint) Expand(a Answers) []*Question {
	if !b.hasPerItem() {
		return b.Questions // Resolve calls this at every step: no copy when there is nothing to expand
	}
	var out []*Question
	done := map[string]bool{}
	for _, q := range b.Questions {
		if q.Each == "" {
			out = append(out, q)
			continue
		}
		if done[q.Each] {
			continue
		}
		done[q.Each] = true
		per := b.PerItem(q.Each)
		for _, it := range a.List(q.Each) {
			for _, pq := range per {
				out = append(out, b.forItem(pq, it, per))
			}
		}
	}
	return out
}

// hasPerItem reports whether some question is asked per item.
func (b *Blueprint) hasPerItem() bool {
	for _, q := range b.Questions {
		if q.Each != "" {
			return true
		}
	}
	return false
}

// forItem is per-item question q asked for item.
func (b *Blueprint) forItem(q *Question, item string, per []*Question) *Question {
	list := q.Each
	view := func(a Answers) Answers { return b.ItemAnswers(a, list, item) }
	siblings := map[string]bool{}
	for _, p := range per {
		siblings[p.Key] = true
	}
	c := *q
	c.Key = ItemKey(item, q.Key)
	c.Prompt = item + " · " + q.Prompt
	c.Each = ""
	c.Item, c.Template = item, q
	c.Default = func(a Answers) cty.Value { return q.Default(view(a)) }
	if q.When != nil {
		c.When = func(a Answers) bool { return q.When(view(a)) }
	}
	c.Rules = make([]Rule, len(q.Rules))
	for i, r := range q.Rules {
		r2 := r
		if r.Check != nil {
			check := r.Check
			r2.Check = func(v cty.Value, a Answers) error { return check(v, view(a).Set(q.Key, v)) }
		}
		r2.EditCheck = nil // a per-item value is edited in the settings map; see the generator
		r2.Reads = nil
		var named []string // the same item's answers this rule reads
		for _, k := range r.Reads {
			if siblings[k] {
				named = append(named, k)
				k = ItemKey(item, k)
			}
			r2.Reads = append(r2.Reads, k)
		}
		if len(named) > 0 {
			// The check's detail names the same item's answers by the keys
			// the user gives: "(api_min_tasks is 3)", not "(min_tasks is 3)".
			// The rule's text stays the question's, which is also that of
			// the settings variable's validation.
			if check := r2.Check; check != nil {
				r2.Check = func(v cty.Value, a Answers) error {
					if err := check(v, a); err != nil {
						return errors.New(itemKeysIn(err.Error(), item, named))
					}
					return nil
				}
			}
		}
		c.Rules[i] = r2
	}
	return &c
}

// itemKeysIn is text with each whole-word key of keys written as item's
// key (min_tasks → api_min_tasks).
func itemKeysIn(text, item string, keys []string) string {
	for _, k := range keys {
		text = regexp.MustCompile(`\b`+regexp.QuoteMeta(k)+`\b`).ReplaceAllString(text, ItemKey(item, k))
	}
	return text
}

// Lint reports what breaks the per-item constraints (see ItemNames): a
// mistake in the blueprint, not in answers.
func (b *Blueprint) Lint() error {
	var errs []string
	pos := map[string]int{}
	for i, q := range b.Questions {
		pos[q.Key] = i
	}
	for i, q := range b.Questions {
		if q.Each == "" {
			continue
		}
		l := b.Question(q.Each)
		switch {
		case l == nil || !l.IsList() || l.Each != "":
			errs = append(errs, fmt.Sprintf("%s: Each names %q, which is not a list question", q.Key, q.Each))
			continue
		case pos[l.Key] > i:
			errs = append(errs, fmt.Sprintf("%s: asked per item of %s, which comes after it", q.Key, l.Key))
		case q.Shape != Tunes:
			errs = append(errs, fmt.Sprintf("%s: a per-item question must tune (Shape Tunes)", q.Key))
		case q.IsList():
			errs = append(errs, fmt.Sprintf("%s: a per-item question cannot be a list", q.Key))
		}
		has := false
		for _, r := range l.Rules {
			has = has || r.Text == itemNamesText
		}
		if !has {
			errs = append(errs, fmt.Sprintf("%s: the list %s has per-item questions, so it must carry the rule spec.ItemNames()", q.Key, l.Key))
		}
		if o := b.Question(l.SettingsVar()); o != nil {
			errs = append(errs, fmt.Sprintf("%s: the settings variable %s of %s is also a question", q.Key, l.SettingsVar(), l.Key))
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("blueprint %s: %s", b.ID, strings.Join(errs, "; "))
	}
	return nil
}

// itemKeyErrors reports given per-item keys that name no item of their
// list (resolved as a), with the items and a suggestion, and keys that
// both a per-item answer and a question claim.
func (b *Blueprint) itemKeyErrors(given map[string]Given, a Answers) Diagnostics {
	if !b.hasPerItem() {
		return nil
	}
	var errs Diagnostics
	for _, k := range sortedKeys(given) {
		q := b.QuestionOf(k)
		if q == nil || q.Each == "" {
			continue
		}
		item, _, _ := SplitItemKey(k)
		items := a.List(q.Each)
		found := false
		for _, it := range items {
			found = found || it == item
		}
		if found {
			continue
		}
		msg := fmt.Sprintf("%s answers %s for item %q of %s, which has no such item (its items are %s)", k, q.Key, item, q.Each, joinQuotedItems(items))
		if s := closest(item, items); s != "" {
			msg += fmt.Sprintf("; did you mean %q?", ItemKey(s, q.Key))
		}
		errs = append(errs, &Diagnostic{Key: k, Value: quoted(given[k].Value), Detail: msg})
	}
	for _, l := range b.ItemLists() {
		for _, it := range a.List(l.Key) {
			for _, q := range b.PerItem(l.Key) {
				if o := b.Question(ItemKey(it, q.Key)); o != nil && o.Each == "" {
					errs = append(errs, &Diagnostic{Key: l.Key, Value: quoted(a.Get(l.Key)),
						Detail: fmt.Sprintf("item %q of %s would answer %s as %s, which is the question %s; rename the item", it, l.Key, q.Key, o.Key, o.Key)})
				}
			}
		}
	}
	return errs
}

func joinQuotedItems(items []string) string {
	if len(items) == 0 {
		return "none"
	}
	qs := make([]string, len(items))
	for i, it := range items {
		qs[i] = fmt.Sprintf("%q", it)
	}
	return strings.Join(qs, ", ")
}

func sortedKeys(given map[string]Given) []string {
	keys := make([]string, 0, len(given))
	for k := range given {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// ReplaceVar is e with every var.<key> replaced by the expression with
// (e.g. s.image), so a condition written for a scalar variable applies to
// an attribute of an object.
func ReplaceVar(e Expr, key string, with Expr) Expr {
	var out Expr
	for i := 0; i < len(e); i++ {
		t := e[i]
		if i+2 < len(e) && t.Type == hclsyntax.TokenIdent && string(t.Bytes) == "var" &&
			e[i+1].Type == hclsyntax.TokenDot && e[i+2].Type == hclsyntax.TokenIdent && string(e[i+2].Bytes) == key {
			for j, w := range with {
				c := *w
				if j == 0 {
					c.SpacesBefore = t.SpacesBefore
				}
				out = append(out, &c)
			}
			i += 2
			continue
		}
		out = append(out, t)
	}
	return out
}

// UsesIdent reports whether e uses name as a bare identifier (not as an
// attribute after a dot).
func UsesIdent(e Expr, name string) bool {
	for i, t := range e {
		if t.Type == hclsyntax.TokenIdent && string(t.Bytes) == name && (i == 0 || e[i-1].Type != hclsyntax.TokenDot) {
			return true
		}
	}
	return false
}

// dropOverriddenItemKeys takes out of given the per-item answers of an
// answers file whose item the list, given by --set, does not hold, each
// with a warning: re-running scaffold on a module's scaffold.answers.hcl
// with --set services=... to remove a service is how a user removes one,
// and the file still answers for it. A per-item key given by --set, or
// with its list in the same file, stays given (itemKeyErrors refuses it:
// a typo is the user's own).
func (b *Blueprint) dropOverriddenItemKeys(given map[string]Given) (map[string]Given, Diagnostics) {
	if !b.hasPerItem() {
		return given, nil
	}
	var warnings Diagnostics
	out := given
	for _, k := range sortedKeys(given) {
		g := given[k]
		q := b.QuestionOf(k)
		if q == nil || q.Each == "" || g.Source != FromFile {
			continue
		}
		l, ok := given[q.Each]
		if !ok || l.Source != FromFlag {
			continue
		}
		item, _, _ := SplitItemKey(k)
		if containsString(Items(l.Value), item) {
			continue
		}
		if len(warnings) == 0 {
			out = make(map[string]Given, len(given))
			for kk, gg := range given {
				out[kk] = gg
			}
		}
		delete(out, k)
		warnings = append(warnings, &Diagnostic{Severity: Warning, Key: k, Value: quoted(g.Value),
			Detail: fmt.Sprintf("%s = %s is ignored: item %q is not in %s as --set gives it", k, quoted(g.Value), item, q.Each)})
	}
	return out, warnings
}

func containsString(items []string, s string) bool {
	for _, it := range items {
		if it == s {
			return true
		}
	}
	return false
}
