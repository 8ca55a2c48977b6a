package spec

import (
	"fmt"
	"slices"
	"sort"

	"github.com/zclconf/go-cty/cty"
)

// Blueprint is one architecture scaffold can generate.
type Blueprint struct {
	ID    string // stable, kebab-case: the argument of `scaffold new`
	Title string
	// Flow is the architecture as a graph of its pieces and what passes
	// between them; its Line is the one-line flow,
	// "CloudFront → ALB → Auto Scaling Group (EC2) → RDS".
	Flow Graph

	Summary    string   // one paragraph: what the module builds
	Why        []string // why each piece is there
	ChooseWhen []string
	AvoidWhen  []string
	Pitfalls   []string // limits and pitfalls a user should know before applying
	Sources    []string // ids of the source material it carries (P1, F3, ...)

	// MigrationPath, for a blueprint that is one step of a staged
	// migration (P10), says where it sits: one item per phase, then why
	// not a shortcut. Empty for most blueprints.
	MigrationPath []string

	// Comparison, when set, weighs this blueprint against an alternative
	// scaffold also generates (P8: real time against batch); `scaffold
	// explain` prints it. Blueprints on both sides share one value.
	Comparison *Comparison

	// Fit describes the workloads the blueprint serves, for `scaffold
	// recommend`; nil leaves the blueprint out of its ranking.
	Fit *Fit

	Questions []*Question

	// Components chooses, from the answers, the components the module is
	// made of, in the order their files are written. Structural answers
	// (see Shape) act here: a component the user declined is not composed,
	// so the module holds nothing of it.
	Components func(Answers) []Component

	// Archives are zip files the generator builds, deterministically, from
	// files that the components emit (e.g. a Lambda deployment package).
	Archives []Archive

	// NextSteps are printed after a successful `scaffold new`, and in the
	// module's README.
	NextSteps []string

	// Renamed and Removed are the question keys of earlier scaffold versions
	// that this one no longer asks, so that an answers file an older
	// scaffold wrote still reads (see Migrate). Never delete an entry: a
	// module generated years ago may still carry the old key.
	Renamed []Renamed
	Removed []Removed
	// RenamedValues are the choices of earlier scaffold versions that a
	// question no longer offers under that name (see Migrate). Never
	// delete an entry either.
	RenamedValues []RenamedValue
}

// RenamedValue says that choice From of question Key, offered before Since,
// is choice To now (Why says why); an answers file's From is read as To.
type RenamedValue struct {
	Key, From, To string
	Since, Why    string
}

// Renamed says that question From of scaffold versions before Since is
// question To now; an answers file's From answer is read as To's.
type Renamed struct {
	From, To string
	Since    string // the first scaffold version that asks To, e.g. "v0.4.0"
}

// Removed says that question Key, asked by scaffold versions before Since,
// is gone; Why says what took its place, for the note a reader of an old
// answers file sees.
type Removed struct {
	Key, Since, Why string
}

// Archive is a zip file assembled from generated files.
type Archive struct {
	Path  string   // where the zip is written, relative to the module
	Files []string // generated files it holds, stored under their base names
}

// Question is one answer the blueprint needs.
type Question struct {
	Key    string // snake_case; flag key, answers-file key and Terraform variable name
	Prompt string // short label for the wizard
	Help   string // shown on `?` in the wizard and by `scaffold explain`
	// Type is cty.String, cty.Number, cty.Bool or ListOfStrings (a list
	// answer: typed "a,b" at `--set` and at the wizard, ["a", "b"] in an
	// answers file; see internal/listtext).
	Type cty.Type

	// Default returns the value used when nothing else answers the question.
	// It may depend on earlier answers (e.g. prod turns on multi-AZ).
	Default func(Answers) cty.Value
	// DefaultText explains a computed default in `scaffold explain`.
	DefaultText string

	Choices []Choice // when set, the (string) answer must be one of these; a list's items are checked with rules.Each
	Rules   []Rule

	// Shape says whether the answer tunes the stack (a Terraform variable
	// honoured when edited) or chooses its shape at generation.
	Shape Shape

	// When reports whether the question applies given the earlier answers;
	// nil means always. A question that does not apply is not asked and keeps
	// its default.
	When     func(Answers) bool
	WhenText string // the condition in words, for `scaffold explain`

	// Each, when set, is the key of the list question this question is
	// asked for, once per item; see the package's per-item doc (peritem.go).
	Each string
	// Settings, on a list question with per-item questions, names the
	// Terraform variable holding their answers; empty means the default
	// of SettingsVar (services → service_settings).
	Settings string

	// Item and Template are set on the copy of a per-item question asked
	// for one item (see Blueprint.Expand): the item, and the question
	// as the blueprint declares it.
	Item     string
	Template *Question
}

// Shape says what an answer does to the generated module.
//
// The policy: an answer that changes the shape of the stack (a component on
// or off, the database engine, the runtime's language, the compute kind,
// HTTPS or not) is structural. It selects components and template branches
// when scaffold runs, so the module holds only what was chosen: no
// `count = 0` resource and no `[0]` index for a piece the user declined.
// Its variable is pinned in variables.tf, so an edit in terraform.tfvars
// that would need another shape is refused by Terraform with a message to
// re-run scaffold. Every other answer (sizes, counts, ranges, retention,
// ports) tunes: it stays a Terraform variable and an edit is honoured.
type Shape int

const (
	// Tunes: a Terraform variable; any value its rules accept is honoured.
	Tunes Shape = iota
	// Selects: the value itself chooses the shape; variables.tf pins it.
	Selects
	// SelectsWhenSet: whether the value is set (a non-empty string, a
	// non-zero number) chooses the shape; the value itself tunes. E.g. a
	// certificate ARN turns HTTPS on, and may later be replaced by another.
	SelectsWhenSet
	// Writes: the answer chooses how scaffold writes the files (e.g. their
	// comments), not the stack: the module has no variable for it, and
	// only the answers file records it.
	Writes
)

// The values of the comments question, which every blueprint asks (Shape
// Writes): the comments of the generated Terraform.
const (
	// CommentsMinimal keeps a maintainer's comments only; the study
	// comments of the templates are left out (the module README and
	// `scaffold explain` say the same things).
	CommentsMinimal = "minimal"
	// CommentsStudy also keeps, above each resource, what it is for and
	// why, from the source material.
	CommentsStudy = "study"
)

// The values of the state_backend question, which every blueprint asks
// (Shape Writes): where Terraform keeps the module's state.
const (
	// StateBackendLocal: terraform.tfstate in the module's folder.
	StateBackendLocal = "local"
	// StateBackendS3: an S3 backend with S3 native locking; the module
	// also carries bootstrap/, which creates the bucket.
	StateBackendS3 = "s3"
)

// The values of the ci_workflow question, which every blueprint asks
// (Shape Writes).
const (
	// CIWorkflowGitHub: .github/workflows/terraform.yml.
	CIWorkflowGitHub = "github"
	// CIWorkflowNone: no CI workflow.
	CIWorkflowNone = "none"
)

// ListOfStrings is the type of a list answer, list(string) in Terraform.
var ListOfStrings = cty.List(cty.String)

// IsList reports whether q's answer is a list.
func (q *Question) IsList() bool { return q.Type.Equals(ListOfStrings) }

// ListVal is the list answer holding items; no items is the empty list,
// not null.
func ListVal(items []string) cty.Value {
	if len(items) == 0 {
		return cty.ListValEmpty(cty.String)
	}
	vals := make([]cty.Value, len(items))
	for i, it := range items {
		vals[i] = cty.StringVal(it)
	}
	return cty.ListVal(vals)
}

// Items are the strings of a list answer; nil for any other value.
func Items(v cty.Value) []string {
	if v == cty.NilVal || v.IsNull() || !v.IsKnown() || !v.Type().Equals(ListOfStrings) {
		return nil
	}
	out := make([]string, 0, v.LengthInt())
	for it := v.ElementIterator(); it.Next(); {
		_, e := it.Element()
		out = append(out, e.AsString())
	}
	return out
}

// IsSet reports whether v counts as set for SelectsWhenSet: a non-empty
// string, a non-zero number, true, a list with an item.
func IsSet(v cty.Value) bool {
	if v == cty.NilVal || v.IsNull() {
		return false
	}
	if v.Type().Equals(ListOfStrings) {
		return v.LengthInt() > 0
	}
	switch v.Type() {
	case cty.String:
		return v.AsString() != ""
	case cty.Number:
		return v.AsBigFloat().Sign() != 0
	case cty.Bool:
		return v.True()
	}
	return false
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
	if q.IsList() {
		return "list(string)"
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
	// over are the answers given by Set on top of values, the latest last,
	// at most maxOverrides: the validations test tries dozens of candidate
	// values per question (and sets again the answers a rule reads), each
	// with the other answers as given, and copying every answer for each
	// was a tenth of the memory a generation allocated.
	over []override
	// item is the item of a list whose view these answers are
	// (ItemAnswers), "" for the answers of the whole blueprint.
	item string
}

// Item is the item of a list whose view a is (ItemAnswers): the item a
// per-item rule judges, whose answer is the value the rule is given, not
// yet one of a's. It is "" for the answers of the whole blueprint.
func (a Answers) Item() string { return a.item }

// maxOverrides is how many answers Set keeps beside the map before it
// copies them all into a new one.
const maxOverrides = 4

// override is one answer that replaces (or adds) key's value.
type override struct {
	key string
	val cty.Value
}

// NewAnswers returns answers holding a copy of values.
func NewAnswers(values map[string]cty.Value) Answers {
	a := Answers{values: make(map[string]cty.Value, len(values))}
	for k, v := range values {
		a.values[k] = v
	}
	return a
}

// flat is a's answers in one map, the overrides applied; the caller must
// not modify it.
func (a Answers) flat() map[string]cty.Value {
	if len(a.over) == 0 {
		return a.values
	}
	m := make(map[string]cty.Value, len(a.values)+len(a.over))
	for k, v := range a.values {
		m[k] = v
	}
	for _, o := range a.over {
		m[o.key] = o.val
	}
	return m
}

func (a Answers) lookup(key string) (cty.Value, bool) {
	for i := len(a.over) - 1; i >= 0; i-- {
		if a.over[i].key == key {
			return a.over[i].val, true
		}
	}
	v, ok := a.values[key]
	return v, ok
}

// Has reports whether key has a value.
func (a Answers) Has(key string) bool { _, ok := a.lookup(key); return ok }

// Get returns the value of key, or cty.NilVal when it has none.
func (a Answers) Get(key string) cty.Value { v, _ := a.lookup(key); return v }

// Set records a value, returning the updated answers; a is not modified.
// The result shares a's map and holds v beside it, so Set costs the same
// however many answers there are (every maxOverrides-th Set copies them).
func (a Answers) Set(key string, v cty.Value) Answers {
	if len(a.over) >= maxOverrides {
		return Answers{values: a.flat(), over: []override{{key, v}}, item: a.item}
	}
	over := make([]override, len(a.over), len(a.over)+1)
	copy(over, a.over)
	return Answers{values: a.values, over: append(over, override{key, v}), item: a.item}
}

// Flattened returns the same answers in one map of their own. Resolve
// builds answers by Set, so they may hold up to maxOverrides beside their
// map, and then every further Set copies all of them: a caller that sets
// many values on top of a (the validations test tries dozens of candidate
// values per question) flattens it once first.
func (a Answers) Flattened() Answers {
	if len(a.over) == 0 {
		return a
	}
	return Answers{values: a.flat(), item: a.item}
}

// With returns a's answers with every value of values set over them, in
// one copy; a is not modified.
func (a Answers) With(values map[string]cty.Value) Answers {
	m := make(map[string]cty.Value, len(a.values)+len(values)+1)
	for k, v := range a.values {
		m[k] = v
	}
	for _, o := range a.over {
		m[o.key] = o.val
	}
	for k, v := range values {
		m[k] = v
	}
	return Answers{values: m}
}

// String returns a string answer, or "" when it is absent.
func (a Answers) String(key string) string {
	v, ok := a.lookup(key)
	if !ok || v.IsNull() || v.Type() != cty.String {
		return ""
	}
	return v.AsString()
}

// Float returns a number answer, or 0 when it is absent.
func (a Answers) Float(key string) float64 {
	v, ok := a.lookup(key)
	if !ok || v.IsNull() || v.Type() != cty.Number {
		return 0
	}
	f, _ := v.AsBigFloat().Float64()
	return f
}

// Bool returns a bool answer, or false when it is absent.
func (a Answers) Bool(key string) bool {
	v, ok := a.lookup(key)
	if !ok || v.IsNull() || v.Type() != cty.Bool {
		return false
	}
	return v.True()
}

// List returns the items of a list answer, or nil when it is absent.
func (a Answers) List(key string) []string { return Items(a.Get(key)) }

// Keys lists the keys that have values, sorted.
func (a Answers) Keys() []string {
	m := a.flat()
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Len is the number of answered keys.
func (a Answers) Len() int {
	n := len(a.values)
	for i, o := range a.over {
		if _, ok := a.values[o.key]; ok {
			continue
		}
		if !slices.ContainsFunc(a.over[:i], func(p override) bool { return p.key == o.key }) {
			n++ // a key the map lacks, counted at its first override
		}
	}
	return n
}

// Alternative is one other answer a question may take.
type Alternative struct {
	Key   string
	Value cty.Value
}

// Alternatives are, for each question with choices or a bool answer, the
// values it can take other than the ones in def: every choice and the other
// bool. Laid over def one at a time they give each shape of the blueprint
// once, which is how the tests reach every branch of its templates.
func (b *Blueprint) Alternatives(def Answers) []Alternative {
	var out []Alternative
	for _, q := range b.Questions {
		for _, c := range q.ChoiceValues() {
			if def.String(q.Key) != c {
				out = append(out, Alternative{Key: q.Key, Value: cty.StringVal(c)})
			}
		}
		if q.Type == cty.Bool {
			out = append(out, Alternative{Key: q.Key, Value: cty.BoolVal(!def.Bool(q.Key))})
		}
	}
	return out
}

// Comparison is a small table weighing two architectures criterion by
// criterion, each side a blueprint id.
type Comparison struct {
	Title string
	// Sides are the two blueprints compared, e.g. stream-processing and
	// scheduled-batch; each row holds one cell per side, in this order.
	Sides [2]string
	Rows  []ComparisonRow
	// Verdict says, in one sentence, what decides between the two.
	Verdict string
	Sources []string // ids of the source material the table carries
}

// ComparisonRow is one criterion (latency, cost model, ...) and what each
// side offers.
type ComparisonRow struct {
	Criterion string
	Cells     [2]string
}
