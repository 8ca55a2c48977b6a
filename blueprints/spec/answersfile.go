package spec

import (
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclparse"
	"github.com/zclconf/go-cty/cty"
)

// AnswersFileName is the file each generated module carries so that the same
// answers give the same module again.
const AnswersFileName = "scaffold.answers.hcl"

// BlueprintKey names the blueprint inside an answers file; it is not a question.
const BlueprintKey = "blueprint"

// VersionKey records, in an answers file, the version of scaffold that wrote
// it; it is not a question, and reading a file accepts any version.
const VersionKey = "scaffold_version"

// ReadAnswersFile reads answers written as HCL attributes (key = value), or
// as a JSON object when the file name ends in .json. It returns the blueprint
// id the file names ("" when it names none) and the raw answers.
func ReadAnswersFile(path string) (string, map[string]Given, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return "", nil, &Diagnostic{Key: "--answers", Detail: fmt.Sprintf("cannot read answers file: %v", err)}
	}
	p := hclparse.NewParser()
	var f *hcl.File
	var diags hcl.Diagnostics
	if strings.HasSuffix(path, ".json") {
		f, diags = p.ParseJSON(src, path)
	} else {
		f, diags = p.ParseHCL(src, path)
	}
	if diags.HasErrors() {
		return "", nil, &Diagnostic{Key: "--answers", Detail: fmt.Sprintf("answers file %s is not valid: %s", path, diags.Error())}
	}
	attrs, diags := f.Body.JustAttributes()
	if diags.HasErrors() {
		return "", nil, &Diagnostic{Key: "--answers", Detail: fmt.Sprintf("answers file %s must hold only `key = value` lines: %s", path, diags.Error())}
	}
	names := make([]string, 0, len(attrs))
	for n := range attrs {
		names = append(names, n)
	}
	sort.Strings(names)
	given := map[string]Given{}
	blueprint := ""
	var errs Diagnostics
	for _, n := range names {
		v, diags := attrs[n].Expr.Value(nil)
		if diags.HasErrors() {
			errs = append(errs, &Diagnostic{Key: n, Detail: fmt.Sprintf("answers file %s: %s must be a literal value: %s", path, n, diags.Error())})
			continue
		}
		if n == BlueprintKey {
			if v.Type().FriendlyName() != "string" || v.IsNull() {
				errs = append(errs, &Diagnostic{Key: n, Detail: fmt.Sprintf("answers file %s: blueprint must be a string", path)})
				continue
			}
			blueprint = v.AsString()
			continue
		}
		if n == VersionKey {
			if v.Type().FriendlyName() != "string" || v.IsNull() {
				errs = append(errs, &Diagnostic{Key: n, Detail: fmt.Sprintf("answers file %s: %s must be a string, such as %q", path, VersionKey, "v1.2.3")})
			}
			continue
		}
		given[n] = Given{Value: v, Source: FromFile}
	}
	if len(errs) > 0 {
		return "", nil, errs
	}
	return blueprint, given, nil
}

// ConvertGiven turns raw answers-file values into each question's type.
// Unknown keys are left for Resolve to report with suggestions.
func (b *Blueprint) ConvertGiven(given map[string]Given) (map[string]Given, error) {
	out := map[string]Given{}
	var errs Diagnostics
	for k, g := range given {
		q := b.QuestionOf(k)
		if q == nil {
			out[k] = g
			continue
		}
		if q.Key != k {
			c := *q // a per-item key: messages name it as given
			c.Key = k
			q = &c
		}
		v, err := q.Convert(g.Value)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		out[k] = Given{Value: v, Source: g.Source}
	}
	if len(errs) > 0 {
		sort.Slice(errs, func(i, j int) bool { return errs[i].Key < errs[j].Key })
		return nil, errs
	}
	return out, nil
}

// AnswersFile is an answers file as read by ReadAnswers.
type AnswersFile struct {
	Blueprint string // "" when the file names none
	Version   string // the scaffold version that wrote it ("" when it says none)
	Given     map[string]Given
}

// ReadAnswers reads an answers file like ReadAnswersFile, and also the
// scaffold version recorded in it.
func ReadAnswers(path string) (*AnswersFile, error) {
	id, given, err := ReadAnswersFile(path)
	if err != nil {
		return nil, err
	}
	af := &AnswersFile{Blueprint: id, Given: given}
	// The file parsed above; only the version is read again.
	src, _ := os.ReadFile(path)
	var f *hcl.File
	if strings.HasSuffix(path, ".json") {
		f, _ = hclparse.NewParser().ParseJSON(src, path)
	} else {
		f, _ = hclparse.NewParser().ParseHCL(src, path)
	}
	if f != nil {
		if attrs, diags := f.Body.JustAttributes(); !diags.HasErrors() {
			if a := attrs[VersionKey]; a != nil {
				if v, diags := a.Expr.Value(nil); !diags.HasErrors() && v.Type().FriendlyName() == "string" && !v.IsNull() {
					af.Version = v.AsString()
				}
			}
		}
	}
	return af, nil
}

// Migrate reads the answers of an answers file written by an earlier
// scaffold version as this one's questions: an answer to a renamed
// question moves to its new key, an answer to a removed question is
// dropped. It returns the answers and one note per key it moved or dropped,
// for the user to read; given is not changed.
func (b *Blueprint) Migrate(given map[string]Given) (map[string]Given, []string) {
	out := make(map[string]Given, len(given))
	for k, g := range given {
		out[k] = g
	}
	var notes []string
	// Renames apply in order, so a key renamed twice reaches its last name.
	for _, r := range b.Renamed {
		g, ok := out[r.From]
		if !ok {
			continue
		}
		delete(out, r.From)
		if _, taken := out[r.To]; taken {
			notes = append(notes, fmt.Sprintf("question %s was renamed %s in scaffold %s; the answers give both, so %s = %s is used and %s is dropped", r.From, r.To, r.Since, r.To, quoted(out[r.To].Value), r.From))
			continue
		}
		out[r.To] = g
		notes = append(notes, fmt.Sprintf("question %s was renamed %s in scaffold %s; its answer %s is kept under the new name", r.From, r.To, r.Since, quoted(g.Value)))
	}
	for _, r := range b.Removed {
		g, ok := out[r.Key]
		if !ok {
			continue
		}
		delete(out, r.Key)
		notes = append(notes, fmt.Sprintf("question %s was removed in scaffold %s: %s; its answer %s is dropped", r.Key, r.Since, r.Why, quoted(g.Value)))
	}
	for _, r := range b.RenamedValues {
		g, ok := out[r.Key]
		if !ok || !g.Value.Type().Equals(cty.String) || !g.Value.IsKnown() || g.Value.IsNull() || g.Value.AsString() != r.From {
			continue
		}
		g.Value = cty.StringVal(r.To)
		out[r.Key] = g
		notes = append(notes, fmt.Sprintf("%s = %q is %q since scaffold %s (%s); the answer is read as %q", r.Key, r.From, r.To, r.Since, r.Why, r.To))
	}
	return out, notes
}
