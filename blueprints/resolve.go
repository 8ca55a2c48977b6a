package blueprints

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
)

// InputError is a rejected answer: which question, which value, which rule.
type InputError struct {
	Key    string // question key, or the unknown key that was given
	Value  string // the value as given, quoted when it is a string
	Rule   string // completes "<key> must ..."; empty for unknown keys
	Detail string // a specific reason or hint, optional
}

func (e *InputError) Error() string {
	var b strings.Builder
	if e.Rule == "" {
		b.WriteString(e.Detail)
		return b.String()
	}
	fmt.Fprintf(&b, "%s = %s is not accepted: %s must %s", e.Key, e.Value, e.Key, e.Rule)
	if e.Detail != "" {
		fmt.Fprintf(&b, " (%s)", e.Detail)
	}
	return b.String()
}

// InputErrors collects every rejected answer of one run, so a user fixes all
// of them at once.
type InputErrors []*InputError

func (es InputErrors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// MissingError lists questions that nothing answered when no wizard could run.
type MissingError struct {
	Blueprint string
	Missing   []*Question
	Defaults  []cty.Value
}

func (e *MissingError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d answer(s) missing and no terminal to ask them on; pass each with `--set`, use `--answers FILE`, or accept the defaults with `--yes`:", len(e.Missing))
	for i, q := range e.Missing {
		fmt.Fprintf(&b, "\n  --set %s", shellQuote(q.Key+"="+Display(e.Defaults[i])))
	}
	return b.String()
}

// shellQuote quotes s for a POSIX shell when it holds anything but plain
// characters, so a listed `--set` line can be pasted as it is.
func shellQuote(s string) string {
	plain := true
	for _, r := range s {
		if !(r == '_' || r == '-' || r == '.' || r == '/' || r == '=' || r == ':' || r == ',' || r == '@' || r == '+' ||
			(r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9')) {
			plain = false
			break
		}
	}
	if plain {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
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
	return string(hclwrite.TokensForValue(v).Bytes())
}

// quoted renders a value for an error message: strings quoted, others bare.
func quoted(v cty.Value) string {
	if v.Type() == cty.String {
		return fmt.Sprintf("%q", v.AsString())
	}
	return Display(v)
}

// ParseText turns text typed by a user (a `--set` value or a wizard answer)
// into a value of the question's type.
func (q *Question) ParseText(raw string) (cty.Value, *InputError) {
	s := strings.TrimSpace(raw)
	switch q.Type {
	case cty.String:
		return cty.StringVal(s), nil
	case cty.Number:
		v, err := cty.ParseNumberVal(s)
		if err != nil {
			return cty.NilVal, &InputError{Key: q.Key, Value: fmt.Sprintf("%q", raw), Rule: "be a number"}
		}
		return v, nil
	case cty.Bool:
		switch strings.ToLower(s) {
		case "true", "yes", "y", "on", "1":
			return cty.True, nil
		case "false", "no", "n", "off", "0":
			return cty.False, nil
		}
		return cty.NilVal, &InputError{Key: q.Key, Value: fmt.Sprintf("%q", raw), Rule: "be true or false"}
	}
	panic("unsupported question type " + q.Type.FriendlyName())
}

// Convert turns a value read from an answers file into the question's type.
func (q *Question) Convert(v cty.Value) (cty.Value, *InputError) {
	if v.IsNull() || !v.IsKnown() || !v.Type().IsPrimitiveType() {
		return cty.NilVal, &InputError{Key: q.Key, Value: "that value", Rule: "be a " + q.TypeName()}
	}
	out, err := convert.Convert(v, q.Type)
	if err != nil {
		return cty.NilVal, &InputError{Key: q.Key, Value: quoted(v), Rule: "be a " + q.TypeName()}
	}
	return out, nil
}

// Validate checks v against the question's choices and rules, given the
// answers to the questions asked before it. It returns every failed rule.
func (q *Question) Validate(v cty.Value, a Answers) InputErrors {
	var errs InputErrors
	if len(q.Choices) > 0 {
		ok := false
		for _, c := range q.Choices {
			if v.Type() == cty.String && v.AsString() == c.Value {
				ok = true
				break
			}
		}
		if !ok {
			e := &InputError{Key: q.Key, Value: quoted(v), Rule: "be one of " + strings.Join(q.ChoiceValues(), ", ")}
			if s := closest(Display(v), q.ChoiceValues()); s != "" {
				e.Detail = fmt.Sprintf("did you mean %q?", s)
			}
			return append(errs, e)
		}
	}
	for _, r := range q.Rules {
		if err := r.Check(v, a); err != nil {
			errs = append(errs, &InputError{Key: q.Key, Value: quoted(v), Rule: r.Text, Detail: err.Error()})
		}
	}
	return errs
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
	FromWizard  Source = "wizard"
	FromDefault Source = "default"
)

// Given is an answer supplied before resolution, with where it came from.
type Given struct {
	Value  cty.Value
	Source Source
}

// AskFunc asks the user one question; validate checks a candidate against
// the rules and earlier answers. Returning an error stops resolution.
type AskFunc func(q *Question, def cty.Value, validate func(cty.Value) error) (cty.Value, error)

// Resolved holds a complete, validated answer set.
type Resolved struct {
	Answers Answers
	Sources map[string]Source
}

// Resolve answers every question of b, in order: a given answer first, then
// (for a question that applies) ask, then the default when acceptDefaults is
// set. Questions that do not apply take their default. With ask nil and
// acceptDefaults false, unanswered questions that apply are reported
// together as a *MissingError. Every rejected answer is reported together as
// InputErrors.
func (b *Blueprint) Resolve(given map[string]Given, ask AskFunc, acceptDefaults bool) (*Resolved, error) {
	errs := b.unknownKeys(given)
	res := &Resolved{Sources: map[string]Source{}}
	missing := &MissingError{Blueprint: b.ID}
	for _, q := range b.Questions {
		def := q.Default(res.Answers)
		var v cty.Value
		var src Source
		switch g, ok := given[q.Key]; {
		case ok:
			v, src = g.Value, g.Source
		case !q.Applies(res.Answers) || acceptDefaults:
			v, src = def, FromDefault
		case ask != nil:
			answers := res.Answers
			got, err := ask(q, def, func(c cty.Value) error {
				if es := q.Validate(c, answers); len(es) > 0 {
					return es
				}
				return nil
			})
			if err != nil {
				return nil, err
			}
			v, src = got, FromWizard
		default:
			missing.Missing = append(missing.Missing, q)
			missing.Defaults = append(missing.Defaults, def)
			// Later questions may depend on this one: continue with the
			// default so that their own defaults and rules make sense.
			v, src = def, FromDefault
		}
		if es := q.Validate(v, res.Answers); len(es) > 0 {
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
	if len(errs) > 0 {
		return nil, errs
	}
	if len(missing.Missing) > 0 {
		return nil, missing
	}
	return res, nil
}

func (b *Blueprint) unknownKeys(given map[string]Given) InputErrors {
	var unknown []string
	for k := range given {
		if b.Question(k) == nil {
			unknown = append(unknown, k)
		}
	}
	sort.Strings(unknown)
	var errs InputErrors
	for _, k := range unknown {
		msg := fmt.Sprintf("blueprint %s has no question %q", b.ID, k)
		if s := closest(k, b.Keys()); s != "" {
			msg += fmt.Sprintf("; did you mean %q?", s)
		}
		msg += fmt.Sprintf(" (`scaffold explain %s` lists them all)", b.ID)
		errs = append(errs, &InputError{Key: k, Detail: msg})
	}
	return errs
}

// IsInputError reports whether err is the user's to fix (exit code 2).
func IsInputError(err error) bool {
	var ie InputErrors
	var one *InputError
	var m *MissingError
	return errors.As(err, &ie) || errors.As(err, &one) || errors.As(err, &m)
}
