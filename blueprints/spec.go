package blueprints

import (
	"fmt"
	"sort"

	"github.com/zclconf/go-cty/cty"
)

// Blueprint is one architecture scaffold can generate.
type Blueprint struct {
	ID    string // stable, kebab-case: the argument of `scaffold new`
	Title string
	Flow  string // the request path, e.g. "CloudFront → ALB → Auto Scaling Group (EC2) → RDS"

	Summary    string   // one paragraph: what the module builds
	Why        []string // why each piece is there
	ChooseWhen []string
	AvoidWhen  []string
	Pitfalls   []string // limits and pitfalls a user should know before applying
	Sources    []string // ids of the source material it carries (P1, F3, ...)

	Questions []*Question

	// Components are template folders under templates/, in the order their
	// files are written; each contributes <component>.tf and, optionally, an
	// outputs fragment merged into outputs.tf.
	Components []string

	// Archives are zip files the generator builds, deterministically, from
	// files that the components emit (e.g. a Lambda deployment package).
	Archives []Archive

	// KeyUsers are AWS services that use the module's KMS key themselves
	// (not through a caller's IAM permissions), e.g. EventBridge delivering
	// to an encrypted queue; each gets a key policy statement.
	KeyUsers []KeyUser

	// NextSteps are printed after a successful `scaffold new`, and in the
	// module's README.
	NextSteps []string
}

// KeyUser is an AWS service principal allowed to use the module's KMS key.
type KeyUser struct {
	Sid       string // key policy statement id, e.g. "EventBridgeUseKey"
	Principal string // e.g. "events.amazonaws.com"
}

// Archive is a zip file assembled from generated files.
type Archive struct {
	Path  string   // where the zip is written, relative to the module
	Files []string // generated files it holds, stored under their base names
}

// Question is one answer the blueprint needs.
type Question struct {
	Key    string   // snake_case; flag key, answers-file key and Terraform variable name
	Prompt string   // short label for the wizard
	Help   string   // shown on `?` in the wizard and by `scaffold explain`
	Type   cty.Type // cty.String, cty.Number or cty.Bool

	// Default returns the value used when nothing else answers the question.
	// It may depend on earlier answers (e.g. prod turns on multi-AZ).
	Default func(Answers) cty.Value
	// DefaultText explains a computed default in `scaffold explain`.
	DefaultText string

	Choices []Choice // when set, the answer must be one of these
	Rules   []Rule

	// When reports whether the question applies given the earlier answers;
	// nil means always. A question that does not apply is not asked and keeps
	// its default.
	When     func(Answers) bool
	WhenText string // the condition in words, for `scaffold explain`
}

// Choice is one accepted value of a multiple-choice question.
type Choice struct {
	Value string
	Help  string
}

// Applies reports whether q is asked given answers a.
func (q *Question) Applies(a Answers) bool { return q.When == nil || q.When(a) }

// Fixed is a Default that does not depend on other answers.
func Fixed(v cty.Value) func(Answers) cty.Value {
	return func(Answers) cty.Value { return v }
}

// TypeName is the Terraform type keyword of the question's answer.
func (q *Question) TypeName() string {
	switch q.Type {
	case cty.String:
		return "string"
	case cty.Number:
		return "number"
	case cty.Bool:
		return "bool"
	}
	panic(fmt.Sprintf("question %s: unsupported type %s", q.Key, q.Type.FriendlyName()))
}

// Question returns the question with the given key, or nil.
func (b *Blueprint) Question(key string) *Question {
	for _, q := range b.Questions {
		if q.Key == key {
			return q
		}
	}
	return nil
}

// Keys lists the question keys in the order they are asked.
func (b *Blueprint) Keys() []string {
	keys := make([]string, len(b.Questions))
	for i, q := range b.Questions {
		keys[i] = q.Key
	}
	return keys
}

// Answers maps question keys to typed values. The zero value is empty and
// ready to use.
type Answers struct {
	values map[string]cty.Value
}

// NewAnswers returns answers holding a copy of values.
func NewAnswers(values map[string]cty.Value) Answers {
	a := Answers{values: make(map[string]cty.Value, len(values))}
	for k, v := range values {
		a.values[k] = v
	}
	return a
}

// Has reports whether key has a value.
func (a Answers) Has(key string) bool { _, ok := a.values[key]; return ok }

// Get returns the value of key, or cty.NilVal when it has none.
func (a Answers) Get(key string) cty.Value { return a.values[key] }

// Set records a value, returning the updated answers; a is not modified.
func (a Answers) Set(key string, v cty.Value) Answers {
	b := NewAnswers(a.values)
	b.values[key] = v
	return b
}

// String returns a string answer, or "" when it is absent.
func (a Answers) String(key string) string {
	v, ok := a.values[key]
	if !ok || v.IsNull() || v.Type() != cty.String {
		return ""
	}
	return v.AsString()
}

// Float returns a number answer, or 0 when it is absent.
func (a Answers) Float(key string) float64 {
	v, ok := a.values[key]
	if !ok || v.IsNull() || v.Type() != cty.Number {
		return 0
	}
	f, _ := v.AsBigFloat().Float64()
	return f
}

// Bool returns a bool answer, or false when it is absent.
func (a Answers) Bool(key string) bool {
	v, ok := a.values[key]
	if !ok || v.IsNull() || v.Type() != cty.Bool {
		return false
	}
	return v.True()
}

// Keys lists the keys that have values, sorted.
func (a Answers) Keys() []string {
	keys := make([]string, 0, len(a.values))
	for k := range a.values {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Len is the number of answered keys.
func (a Answers) Len() int { return len(a.values) }
