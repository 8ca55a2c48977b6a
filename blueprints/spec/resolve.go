package spec

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"

	"github.com/scaffold-tf/scaffold/internal/listtext"
)

// MissingError lists questions that nothing answered when no wizard could run.
type MissingError struct {
	Blueprint string
	Missing   []*Question
	Defaults  []cty.Value
}

func (e *MissingError) Error() string {
	keys := make([]string, len(e.Missing))
	for i, q := range e.Missing {
		keys[i] = q.Key
	}
	return fmt.Sprintf("%d answer(s) missing and no terminal to ask them on: %s", len(e.Missing), strings.Join(keys, ", "))
}

// Display renders a value as a user types it on the command line.
func Display(v cty.Value) string {
	if v == cty.NilVal || v.IsNull() {
		return ""
	}
	switch v.Type() {
	case cty.String:
		return v.AsString()
	case cty.Bool:
		if v.True() {
			return "true"
		}
		return "false"
	case cty.Number:
		return v.AsBigFloat().Text('f', -1)
	}
	if v.Type().Equals(ListOfStrings) {
		return listtext.Format(Items(v))
	}
	return string(hclwrite.TokensForValue(v).Bytes())
}

// quoted renders a value for an error message: strings quoted, lists as
// in an answers file (["api", "web"]), others bare.
func quoted(v cty.Value) string {
	if v.Type() == cty.String {
		return fmt.Sprintf("%q", shorten(v.AsString()))
	}
	if v.Type().Equals(ListOfStrings) {
		return shorten(literal(v))
	}
	return shorten(Display(v))
}

// maxShown is how many characters of a value a message repeats.
const maxShown = 80

// shorten cuts a long value for a message, saying how long it was.
func shorten(s string) string {
	r := []rune(s)
	if len(r) <= maxShown {
		return s
	}
	return fmt.Sprintf("%s… (%d characters)", string(r[:maxShown]), len(r))
}

// ParseText turns text typed by a user (a `--set` value or a wizard answer)
// into a value of the question's type. A list is typed as listtext reads
// it: "api,web", items trimmed; `--set key=` or `[]` is the empty list.
func (q *Question) ParseText(raw string) (cty.Value, *Diagnostic) {
	s := strings.TrimSpace(raw)
	if q.IsList() {
		items, err := listtext.Parse(s)
		if err != nil {
			return cty.NilVal, &Diagnostic{Key: q.Key, Value: fmt.Sprintf("%q", raw), Rule: "be a list of strings", Detail: err.Error()}
		}
		return ListVal(items), nil
	}
	switch q.Type {
	case cty.String:
		return cty.StringVal(s), nil
	case cty.Number:
		v, err := cty.ParseNumberVal(s)
		if err != nil {
			return cty.NilVal, &Diagnostic{Key: q.Key, Value: fmt.Sprintf("%q", raw), Rule: "be a number"}
		}
		return v, nil
	case cty.Bool:
		switch strings.ToLower(s) {
		case "true", "yes", "y", "on", "1":
			return cty.True, nil
		case "false", "no", "n", "off", "0":
			return cty.False, nil
		}
		return cty.NilVal, &Diagnostic{Key: q.Key, Value: fmt.Sprintf("%q", raw), Rule: "be true or false"}
	}
	panic("unsupported question type " + q.Type.FriendlyName())
}

// Convert turns a value read from an answers file into the question's type.
func (q *Question) Convert(v cty.Value) (cty.Value, *Diagnostic) {
	if q.IsList() {
		return q.convertList(v)
	}
	if v.IsNull() || !v.IsKnown() || !v.Type().IsPrimitiveType() {
		return cty.NilVal, &Diagnostic{Key: q.Key, Value: literal(v), Rule: "be a " + q.TypeName(), Detail: "it is " + typeDescription(v) + exampleOf(q)}
	}
	out, err := convert.Convert(v, q.Type)
	if err != nil {
		return cty.NilVal, &Diagnostic{Key: q.Key, Value: quoted(v), Rule: "be a " + q.TypeName(), Detail: "it is " + typeDescription(v) + exampleOf(q)}
	}
	return out, nil
}

// convertList takes a list of strings (an HCL tuple or a JSON array) for
// a list question; an item that is a number or bool becomes its string,
// as Terraform converts it for a list(string) variable.
func (q *Question) convertList(v cty.Value) (cty.Value, *Diagnostic) {
	refuse := func(detail string) (cty.Value, *Diagnostic) {
		return cty.NilVal, &Diagnostic{Key: q.Key, Value: literal(v), Rule: "be a list of strings", Detail: detail + exampleOf(q)}
	}
	if v.IsNull() || !v.IsWhollyKnown() || !(v.Type().IsTupleType() || v.Type().IsListType()) {
		return refuse("it is " + typeDescription(v))
	}
	var items []string
	for i, it := 0, v.ElementIterator(); it.Next(); i++ {
		_, e := it.Element()
		s, err := convert.Convert(e, cty.String)
		if err != nil || s.IsNull() {
			return refuse(fmt.Sprintf("item %d is %s", i+1, typeDescription(e)))
		}
		items = append(items, s.AsString())
	}
	return ListVal(items), nil
}

// literal renders any value read from an answers file as it was written.
func literal(v cty.Value) string {
	if !v.IsKnown() {
		return "(unknown)"
	}
	if v.IsNull() {
		return "null"
	}
	return strings.TrimSpace(string(hclwrite.TokensForValue(v).Bytes()))
}

// typeDescription names the type of a value for an error message.
func typeDescription(v cty.Value) string {
	switch {
	case v.IsNull():
		return "null, which is no value"
	case v.Type().IsTupleType() || v.Type().IsListType() || v.Type().IsSetType():
		return "a list"
	case v.Type().IsObjectType() || v.Type().IsMapType():
		return "an object"
	}
	return "a " + v.Type().FriendlyName()
}

// exampleOf shows how the question's answer is written in an answers file.
func exampleOf(q *Question) string {
	var ex string
	switch q.Type {
	case cty.String:
		ex = `"text"`
		if len(q.Choices) > 0 {
			ex = fmt.Sprintf("%q", q.Choices[0].Value)
		}
	case cty.Number:
		ex = "3"
	case cty.Bool:
		ex = "true"
	}
	if q.IsList() {
		ex = `["a", "b"]`
	}
	return fmt.Sprintf("; write it as %s = %s", q.Key, ex)
}

// Validate checks v against the question's choices and rules, given the
// answers to the questions asked before it. It returns every failed rule.
func (q *Question) Validate(v cty.Value, a Answers) Diagnostics {
	var errs Diagnostics
	if len(q.Choices) > 0 {
		if !q.IsChoice(v) {
			e := &Diagnostic{Key: q.Key, Value: quoted(v), Rule: "be one of " + strings.Join(q.ChoiceValues(), ", ")}
			if s := closest(Display(v), q.ChoiceValues()); s != "" {
				e.Detail = fmt.Sprintf("did you mean %q?", s)
			}
			return append(errs, e)
		}
	}
	for _, r := range q.Rules {
		if r.Severity != Error || !r.canJudge(a) {
			continue
		}
		if err := r.Check(v, a); err != nil {
			errs = append(errs, &Diagnostic{Key: q.Key, Value: quoted(v), Rule: r.Text, Detail: err.Error()})
		}
	}
	return errs
}

// Warnings lists what q's warning rules say of an accepted value v, given
// the other answers.
func (q *Question) Warnings(v cty.Value, a Answers) Diagnostics {
	var out Diagnostics
	for _, r := range q.Rules {
		if r.Severity == Warning && r.canJudge(a) && r.Check(v, a) != nil {
			out = append(out, &Diagnostic{Severity: Warning, Key: q.Key, Value: quoted(v), Detail: q.Key + " = " + quoted(v) + ": " + r.Text})
		}
	}
	return out
}

// Sentence is the prompt followed by the help, as `scaffold explain` and a
// variable's description show them: "Prompt. Help", without a period after
// a prompt that is a question.
func (q *Question) Sentence() string {
	p := strings.TrimSpace(q.Prompt)
	if !strings.HasSuffix(p, "?") && !strings.HasSuffix(p, ".") {
		p += "."
	}
	if q.Help == "" {
		return p
	}
	return p + " " + q.Help
}

// IsChoice reports whether v is one of q's choices.
func (q *Question) IsChoice(v cty.Value) bool {
	for _, c := range q.Choices {
		if v.Type() == cty.String && v.AsString() == c.Value {
			return true
		}
	}
	return false
}

// ChoiceValues lists the accepted values of a multiple-choice question.
func (q *Question) ChoiceValues() []string {
	out := make([]string, len(q.Choices))
	for i, c := range q.Choices {
		out[i] = c.Value
	}
	return out
}

// Source says where an answer came from.
type Source string

const (
	FromFlag    Source = "--set"
	FromFile    Source = "answers file"
	FromWizard  Source = "typed"             // typed (or chosen) at a wizard prompt
	FromAccept  Source = "default, accepted" // the default, accepted at a wizard prompt
	FromDefault Source = "default"           // the default, not asked
)

// ErrBack is returned by an AskFunc (or a confirm function) when the user
// asks to go back to the previous question.
var ErrBack = errors.New("back to the previous question")

// Given is an answer supplied before resolution, with where it came from.
type Given struct {
	Value  cty.Value
	Source Source
}

// AskFunc asks the user one question; validate checks a candidate against
// the rules, earlier answers and the answers given by flag or file.
// Returning ErrBack goes back to the previous question asked; any other
// error stops resolution.
type AskFunc func(q *Question, def cty.Value, validate func(cty.Value) error) (cty.Value, error)

// Resolved holds a complete, validated answer set.
type Resolved struct {
	Answers Answers
	Sources map[string]Source
	// Warnings are what warning rules say of the accepted answers, for the
	// questions that apply.
	Warnings Diagnostics
}

// Resolve answers every question of b, in order: a given answer first, then
// (for a question that applies) ask, then the default when acceptDefaults is
// set. Questions that do not apply take their default. With ask nil and
// acceptDefaults false, unanswered questions that apply are reported
// together as a *MissingError. Every rejected answer is reported together as
// Diagnostics; a rule comparing answers is not checked against an answer
// that already failed its own rules, so only the culprit is named.
func (b *Blueprint) Resolve(given map[string]Given, ask AskFunc, acceptDefaults bool) (*Resolved, error) {
	return b.ResolveConfirm(given, ask, acceptDefaults, nil)
}

// ResolveConfirm is Resolve that, when ask is set, finally calls confirm
// with the complete answers; confirm returning ErrBack asks the last
// question again, any other error stops resolution.
func (b *Blueprint) ResolveConfirm(given map[string]Given, ask AskFunc, acceptDefaults bool, confirm func(*Resolved) error) (*Resolved, error) {
	if err := b.Lint(); err != nil {
		return nil, err
	}
	given, dropped := b.dropOverriddenItemKeys(given)
	errs := b.unknownKeys(given)
	if ask != nil && !acceptDefaults {
		// A given answer that fails whatever the wizard is told is reported
		// before any question is asked, so no typed answer is lost to it:
		// it fails beside the other given answers alone, and beside them
		// and the defaults, and no choice of a question still to ask helps.
		var onlyGiven, context Answers
		for i := 0; i < len(b.Expand(context)); i++ {
			q := b.Expand(context)[i]
			if g, ok := given[q.Key]; ok {
				onlyGiven = onlyGiven.Set(q.Key, g.Value)
				context = context.Set(q.Key, g.Value)
			} else {
				context = context.Set(q.Key, q.Default(context))
			}
		}
		var own Diagnostics
		for _, q := range b.Expand(context) {
			g, ok := given[q.Key]
			if !ok {
				continue
			}
			inContext := ruleSet(q.Validate(g.Value, context))
			for _, e := range q.Validate(g.Value, onlyGiven) {
				if inContext[e.Rule] && !b.someChoiceFits(q, g.Value, e.Rule, context, given) {
					own = append(own, e)
				}
			}
		}
		// A per-item key naming an item its list (given too) lacks.
		own = append(own, b.itemKeyErrors(givenFor(given, b, func(list string) bool { _, ok := given[list]; return ok }), context)...)
		if len(errs)+len(own) > 0 {
			return nil, append(errs, own...)
		}
	}
	type snapshot struct {
		answers  Answers
		sources  map[string]Source
		failed   map[string]bool
		errs     int
		missing  int
		asked    bool      // the wizard asked this question
		answered cty.Value // what the wizard got, offered again after going back
		key      string    // the question's key: a per-item position may hold another item after going back
	}
	res := &Resolved{Sources: map[string]Source{}}
	failed := map[string]bool{}
	missing := &MissingError{Blueprint: b.ID}
	var snaps []snapshot
	copySources := func(m map[string]Source) map[string]Source {
		out := make(map[string]Source, len(m))
		for k, v := range m {
			out[k] = v
		}
		return out
	}
	copyFailed := func(m map[string]bool) map[string]bool {
		out := make(map[string]bool, len(m))
		for k, v := range m {
			out[k] = v
		}
		return out
	}
	// back returns the index of the last question the wizard asked before i
	// (i itself when there is none), restoring the state before it.
	back := func(i int) int {
		for j := i - 1; j >= 0; j-- {
			if snaps[j].asked {
				sn := snaps[j]
				res.Answers, res.Sources, failed = sn.answers, copySources(sn.sources), copyFailed(sn.failed)
				errs, missing.Missing, missing.Defaults = errs[:sn.errs], missing.Missing[:sn.missing], missing.Defaults[:sn.missing]
				return j
			}
		}
		return i
	}
	for i := 0; ; i++ {
		// The sequence grows once a list with per-item questions is
		// answered, after the positions already passed.
		seq := b.Expand(res.Answers)
		if i == len(seq) {
			if ask == nil || confirm == nil || len(errs) > 0 || len(missing.Missing) > 0 {
				break
			}
			err := confirm(res)
			if errors.Is(err, ErrBack) {
				i = back(i) - 1
				continue
			}
			if err != nil {
				return nil, err
			}
			break
		}
		q := seq[i]
		for len(snaps) <= i {
			snaps = append(snaps, snapshot{})
		}
		prev := snaps[i].answered
		if snaps[i].key != q.Key {
			prev = cty.NilVal
		}
		snaps[i] = snapshot{answers: res.Answers, sources: copySources(res.Sources), failed: copyFailed(failed), errs: len(errs), missing: len(missing.Missing), key: q.Key}
		checkWith := without(res.Answers, failed)
		// A default computed from an answer that failed its own rules would
		// fail in turn and blame an answer nobody gave.
		def := q.Default(checkWith)
		var v cty.Value
		var src Source
		switch g, ok := given[q.Key]; {
		case ok:
			v, src = g.Value, g.Source
		case !q.Applies(res.Answers) || acceptDefaults:
			v, src = def, FromDefault
		case ask != nil:
			answers := res.Answers
			offer := def
			if prev != cty.NilVal {
				offer = prev
			}
			got, err := ask(q, offer, func(c cty.Value) error {
				if es := q.Validate(c, answers); len(es) > 0 {
					return es
				}
				// A typed list must keep the items that given per-item
				// answers name, or they would be refused after the wizard.
				if es := b.itemKeyErrors(givenFor(given, b, func(list string) bool { return list == q.Key }), answers.Set(q.Key, c)); len(es) > 0 {
					return es
				}
				return b.fitsGiven(q, c, answers, given)
			})
			if errors.Is(err, ErrBack) {
				i = back(i) - 1
				continue
			}
			if err != nil {
				return nil, err
			}
			v, src = got, FromWizard
			if got.RawEquals(def) {
				src = FromAccept
			}
			snaps[i].asked, snaps[i].answered = true, got
		default:
			missing.Missing = append(missing.Missing, q)
			missing.Defaults = append(missing.Defaults, def)
			// Later questions may depend on this one: continue with the
			// default so that their own defaults and rules make sense.
			v, src = def, FromDefault
		}
		if es := q.Validate(v, checkWith); len(es) > 0 {
			failed[q.Key] = true
			if src == FromDefault {
				for _, e := range es {
					e.Detail = strings.TrimPrefix(strings.Join([]string{e.Detail, "this is the default; set a value that fits the other answers"}, "; "), "; ")
				}
			}
			errs = append(errs, es...)
		}
		res.Answers = res.Answers.Set(q.Key, v)
		res.Sources[q.Key] = src
	}
	errs = append(errs, b.itemKeyErrors(given, res.Answers)...)
	if len(errs) > 0 {
		return nil, errs
	}
	if len(missing.Missing) > 0 {
		return nil, missing
	}
	for _, q := range b.Expand(res.Answers) {
		if q.Applies(res.Answers) {
			res.Warnings = append(res.Warnings, q.Warnings(res.Answers.Get(q.Key), res.Answers)...)
		} else if g, ok := given[q.Key]; ok {
			res.Warnings = append(res.Warnings, &Diagnostic{Severity: Warning, Key: q.Key, Value: quoted(g.Value),
				Detail: fmt.Sprintf("%s = %s is ignored: it applies only when %s", q.Key, quoted(g.Value), q.WhenText)})
		}
	}
	res.Warnings = append(dropped, res.Warnings...)
	return res, nil
}

// without returns answers a less the given keys.
func without(a Answers, keys map[string]bool) Answers {
	if len(keys) == 0 {
		return a
	}
	out := map[string]cty.Value{}
	for _, k := range a.Keys() {
		if !keys[k] {
			out[k] = a.Get(k)
		}
	}
	return NewAnswers(out)
}

// fitsGiven checks a candidate answer to q, typed at a prompt, against the
// rules of the later questions answered by flag or answers file, up to the
// next question the wizard will ask: a rule that involves a given answer is
// met at the prompt, not after every question.
func (b *Blueprint) fitsGiven(q *Question, c cty.Value, answers Answers, given map[string]Given) error {
	with := answers.Set(q.Key, c)
	later := false
	var errs []string
	for i := 0; i < len(b.Expand(with)); i++ {
		q2 := b.Expand(with)[i]
		if q2.Key == q.Key {
			later = true
			continue
		}
		if !later {
			continue
		}
		g, ok := given[q2.Key]
		if !ok {
			if q2.Applies(with) {
				// The wizard asks this one next: what follows depends on
				// an answer not typed yet, and is checked at its prompt.
				break
			}
			with = with.Set(q2.Key, q2.Default(with))
			continue
		}
		for _, e := range q2.Validate(g.Value, with) {
			errs = append(errs, fmt.Sprintf("%s = %s does not fit %s = %s from %s: %v", q.Key, quoted(c), q2.Key, quoted(g.Value), g.Source, e))
		}
		with = with.Set(q2.Key, g.Value)
	}
	if len(errs) > 0 {
		return &Diagnostic{Key: q.Key, Value: quoted(c), Detail: strings.Join(errs, "; ") + "; type another value, or go back to an earlier question"}
	}
	return nil
}

// someChoiceFits reports whether some answer the wizard could still get
// (a choice or yes/no of a question not given) makes v meet the rule of q.
func (b *Blueprint) someChoiceFits(q *Question, v cty.Value, rule string, context Answers, given map[string]Given) bool {
	for _, qx := range b.Expand(context) {
		if _, ok := given[qx.Key]; ok || qx.Key == q.Key {
			continue
		}
		var options []cty.Value
		for _, c := range qx.Choices {
			options = append(options, cty.StringVal(c.Value))
		}
		if qx.Type == cty.Bool {
			options = []cty.Value{cty.True, cty.False}
		}
		for _, o := range options {
			if !ruleSet(q.Validate(v, context.Set(qx.Key, o)))[rule] {
				return true
			}
		}
	}
	return false
}

// ruleSet is the set of rules (by text) that errs report.
func ruleSet(errs Diagnostics) map[string]bool {
	out := map[string]bool{}
	for _, e := range errs {
		out[e.Rule] = true
	}
	return out
}

func (b *Blueprint) unknownKeys(given map[string]Given) Diagnostics {
	var unknown []string
	var errs Diagnostics
	for k := range given {
		if q := b.Question(k); q != nil && q.Each != "" {
			items := listAnswer(b.Question(q.Each), given)
			errs = append(errs, &Diagnostic{Key: k, Detail: fmt.Sprintf("%s is asked for each item of %s: give it as <item>_%s, such as %s (the items of %s = %s)",
				k, q.Each, k, ItemKey(firstItem(items), k), q.Each, quoted(items))})
			continue
		}
		if b.QuestionOf(k) == nil {
			unknown = append(unknown, k)
		}
	}
	sort.Strings(unknown)
	sort.Slice(errs, func(i, j int) bool { return errs[i].Key < errs[j].Key })
	for _, k := range unknown {
		msg := fmt.Sprintf("blueprint %s has no question %q", b.ID, k)
		if s := closest(k, b.Keys()); s != "" {
			msg += fmt.Sprintf("; did you mean %q?", s)
		}
		msg += fmt.Sprintf(" (`scaffold explain %s` lists them all)", b.ID)
		errs = append(errs, &Diagnostic{Key: k, Detail: msg})
	}
	return errs
}

// firstItem is the first item of list question l's default, or "app".
func firstItem(list cty.Value) string {
	if items := Items(list); len(items) > 0 && itemName.MatchString(items[0]) {
		return items[0]
	}
	return "app"
}

// listAnswer is the items of list question l as given (by flag or file),
// or its default when it is not given as a list of strings: what an
// example of an item key should be drawn from.
func listAnswer(l *Question, given map[string]Given) cty.Value {
	if g, ok := given[l.Key]; ok && g.Value.IsWhollyKnown() && !g.Value.IsNull() && g.Value.Type().Equals(ListOfStrings) {
		return g.Value
	}
	return l.Default(Answers{})
}

// givenFor is the given per-item answers of the lists keep accepts.
func givenFor(given map[string]Given, b *Blueprint, keep func(list string) bool) map[string]Given {
	out := map[string]Given{}
	for k, g := range given {
		if q := b.QuestionOf(k); q != nil && q.Each != "" && keep(q.Each) {
			out[k] = g
		}
	}
	return out
}
