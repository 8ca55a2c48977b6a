package prove

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/zclconf/go-cty/cty"

	"github.com/scaffold-tf/scaffold/blueprints/spec"
	"github.com/scaffold-tf/scaffold/generator"
)

// EditVarsFile holds, for the life-cycle pass, every tunable answer changed
// to another value its rules accept. Terraform reads *.auto.tfvars in
// lexical order after terraform.tfvars, so this file wins over the
// generated answers and FixtureVarsFile ("zz_emulator...", read after it)
// still replaces a certificate ARN by the emulator's own.
const EditVarsFile = "zz_edit.auto.tfvars"

// Edit is one tunable answer the life-cycle pass changes.
type Edit struct {
	Key      string
	From, To cty.Value
}

func (e Edit) String() string {
	return fmt.Sprintf("%s: %s → %s", e.Key, spec.Display(e.From), spec.Display(e.To))
}

// Sample is one conformance sample: answers as given on the command line.
type Sample map[string]string

// ReadSamples reads golden/<blueprint>/conformance.json; a missing file
// holds none.
func ReadSamples(path string) ([]Sample, error) {
	data, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []Sample
	if err := json.Unmarshal(data, &out); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return out, nil
}

// Tunable reports whether the README promises that an edit of q's answer
// in terraform.tfvars is honoured given answers a: a Tunes question that
// applies, or a SelectsWhenSet one that is set (its value may change, as
// long as it stays set).
func Tunable(q *spec.Question, a spec.Answers) bool {
	if !q.Applies(a) {
		return false
	}
	switch q.Shape {
	case spec.Tunes:
		return true
	case spec.SelectsWhenSet:
		return spec.IsSet(a.Get(q.Key))
	}
	return false
}

// LifecycleEdits changes every tunable answer of a (see Tunable) to another
// value the blueprint accepts beside the other answers, all at once. The
// candidates come from the spec and the golden data, not a list of the
// harness: the other value of a bool, the other choices, the key's values
// in the conformance samples and in the other golden answer sets, the
// question's default, and for a number its neighbours; the first that
// differs and that the blueprint accepts together with the edits so far is
// taken. Keys for which no candidate fits are returned in missing, so the
// pass can say which promise it could not test.
func LifecycleEdits(b *spec.Blueprint, a spec.Answers, samples []Sample, others []spec.Answers) (edits []Edit, edited spec.Answers, missing []string) {
	edited = a
	// Per-item answers (api_image) are edited one item at a time, as
	// Blueprint.Expand lists them; writeEdits writes them as the settings map.
	for _, q := range b.Expand(a) {
		if !Tunable(q, edited) {
			continue
		}
		from := edited.Get(q.Key)
		var cands []cty.Value
		if q.Type == cty.Bool && !from.IsNull() {
			cands = append(cands, cty.BoolVal(!from.True()))
		}
		for _, c := range q.ChoiceValues() {
			if v, d := q.ParseText(c); d == nil {
				cands = append(cands, v)
			}
		}
		for _, s := range samples {
			for _, raw := range sampleValues(s, q) {
				if v, d := q.ParseText(raw); d == nil {
					cands = append(cands, v)
				}
			}
		}
		if q.Type == spec.ListOfStrings && !from.IsNull() {
			// A list grows at its end, as its help asks: the new item
			// takes its per-item defaults.
			cands = append(cands, grown(spec.Items(from)))
		}
		for _, o := range others {
			if o.Has(q.Key) {
				cands = append(cands, o.Get(q.Key))
			}
		}
		cands = append(cands, q.Default(edited))
		if q.Type == cty.Number && !from.IsNull() {
			n, _ := from.AsBigFloat().Float64()
			for _, x := range []float64{n + 1, n - 1, n * 2, float64(int(n / 2))} {
				cands = append(cands, cty.NumberFloatVal(x))
			}
		}
		found := false
		for _, to := range cands {
			if to == cty.NilVal || to.IsNull() || to.Type() != q.Type || to.RawEquals(from) || to.Equals(from).True() ||
				(q.Shape == spec.SelectsWhenSet && !spec.IsSet(to)) {
				continue
			}
			try := edited.Set(q.Key, to)
			if !accepts(b, try) || !editable(q, to, a) {
				continue
			}
			edited, found = try, true
			edits = append(edits, Edit{Key: q.Key, From: from, To: to})
			break
		}
		if !found {
			missing = append(missing, q.Key)
		}
	}
	// An item added to a list has no answers of its own yet: resolving
	// gives it the defaults a user's `scaffold new` would, so that the
	// settings map written for the edit holds it whole.
	if r, err := resolve(b, edited); err == nil {
		edited = r.Answers
	}
	return edits, edited, missing
}

// sampleValues are the values sample s gives question q: its own key's,
// and for a per-item question (api_image) those the sample gives the same
// question for any item (app_image), since a sample is written for the
// blueprint's default items.
func sampleValues(s Sample, q *spec.Question) []string {
	var out []string
	if raw, ok := s[q.Key]; ok {
		out = append(out, raw)
	}
	if q.Template == nil {
		return out
	}
	keys := make([]string, 0, len(s))
	for k := range s {
		keys = append(keys, k)
	}
	sort.Strings(keys) // the first accepted candidate wins: keep it the same every run
	for _, k := range keys {
		if _, rest, ok := strings.Cut(k, "_"); ok && rest == q.Template.Key && k != q.Key {
			out = append(out, s[k])
		}
	}
	return out
}

// grown is items with one more item, named so that no item has it.
func grown(items []string) cty.Value {
	for i := 1; ; i++ {
		name := "extra"
		if i > 1 {
			name = fmt.Sprintf("extra%d", i)
		}
		if !slices.Contains(items, name) {
			return spec.ListVal(append(slices.Clone(items), name))
		}
	}
}

// accepts reports whether the blueprint resolves a, given as a whole.
func accepts(b *spec.Blueprint, a spec.Answers) bool {
	_, err := resolve(b, a)
	return err == nil
}

// resolve resolves a, given as a whole, taking defaults for the rest.
func resolve(b *spec.Blueprint, a spec.Answers) (*spec.Resolved, error) {
	given := map[string]spec.Given{}
	for _, k := range a.Keys() {
		given[k] = spec.Given{Value: a.Get(k), Source: spec.FromFile}
	}
	return b.Resolve(given, nil, true)
}

// editable reports whether the module generated from answers generated
// takes v for q in terraform.tfvars: what a rule's EditCheck refuses (the
// runtime may change, its language may not) is not a promise of the README.
func editable(q *spec.Question, v cty.Value, generated spec.Answers) bool {
	for _, r := range q.Rules {
		if r.EditCheck != nil && r.EditCheck(v, generated) != nil {
			return false
		}
	}
	return true
}

// writeEdits writes EditVarsFile into dir; edits of per-item answers
// are written as their list's whole settings variable, from edited (the
// answers with every edit made).
func writeEdits(dir string, b *spec.Blueprint, edited spec.Answers, edits []Edit) error {
	settings := map[string]bool{}
	var own []Edit
	for _, e := range edits {
		if v := generator.VariableOf(b, e.Key); v != e.Key {
			settings[v] = true
			continue
		}
		own = append(own, e)
	}
	sorted := own
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Key < sorted[j].Key })
	f := hclwrite.NewEmptyFile()
	f.Body().AppendUnstructuredTokens(hclwrite.Tokens{
		{Type: hclsyntax.TokenComment, Bytes: []byte("# Written by scaffold's proof harness: every tunable answer edited, as a user would in terraform.tfvars.\n")},
	})
	for _, e := range sorted {
		f.Body().SetAttributeValue(e.Key, e.To)
	}
	for _, v := range generator.VariableValues(b, edited) {
		if settings[v.Name] {
			f.Body().SetAttributeRaw(v.Name, v.Value)
		}
	}
	return os.WriteFile(filepath.Join(dir, EditVarsFile), hclwrite.Format(f.Bytes()), 0o644)
}

// Lifecycle is what the life-cycle pass found for one case. Counts are -1
// when their step did not run.
type Lifecycle struct {
	Edits    []Edit   // the tunable answers changed, all in one apply
	Untested []string // tunable answers for which no other accepted value was found
	Changed  int      // resources the edit planned to change
	Replaced []string // of which replaced (create and delete)
	LeftOut  []string // left out of the edit (emulator gaps, see Gap.EditLeftOut)
	// Replan and ReplanMisread are the re-plan after the edit, as in Result.
	Replan, ReplanMisread int
	Rebuilt               int // resources applied again after the destroy
	RebuildDestroyed      int // and destroyed again
}

// edit changes every tunable answer at once (EditVarsFile), plans and
// applies the change on the live stack; the caller re-plans.
func (h *harness) edit(ctx context.Context, c Case, r *Result, life *Lifecycle, e *emulator, dir string, targetArgs []string,
	step func(name string, args ...string) (result, bool)) bool {
	a, err := c.answers()
	if err != nil {
		r.fail(StepEdit, err.Error())
		return false
	}
	edits, edited, missing := LifecycleEdits(c.Blueprint, a, c.Samples, c.Others)
	life.Edits, life.Untested = edits, missing
	if len(missing) > 0 {
		r.fail(StepEdit, "no other value the rules accept beside the other answers was found (in the spec's choices and the blueprint's conformance samples) for: "+
			strings.Join(missing, ", ")+"; add a sample to golden/"+c.Blueprint.ID+"/conformance.json")
	}
	if len(edits) == 0 {
		return false
	}
	if err := writeEdits(dir, c.Blueprint, edited, edits); err != nil {
		r.fail(StepEdit, err.Error())
		return false
	}
	// An edited certificate ARN gets a certificate of its own in the emulator.
	notes, err := certificateFixtures(ctx, e, dir)
	if err != nil {
		r.fail(StepEdit, err.Error())
		return false
	}
	for _, n := range notes {
		r.note(StepEdit + ": " + n)
	}
	plan, ok := step(StepEdit, append([]string{"plan", "-json", "-input=false", "-lock=false", "-out=edit.tfplan"}, targetArgs...)...)
	if !ok {
		return false
	}
	changes := plannedChanges(plan.Stdout)
	life.Changed = len(changes)
	for _, ch := range changes {
		if ch.Action == "replace" {
			life.Replaced = append(life.Replaced, ch.Addr)
		}
	}
	_, ok = step(StepEdit, "apply", "-json", "-input=false", "-lock=false", "-auto-approve", "edit.tfplan")
	return ok
}
