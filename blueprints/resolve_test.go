package blueprints

import (
	"errors"
	"strings"
	"testing"

	"github.com/zclconf/go-cty/cty"

	"github.com/scaffold-tf/scaffold/blueprints/spec"
)

func TestResolvePrecedenceAndDefaults(t *testing.T) {
	b := WebApp()
	res, err := b.Resolve(map[string]spec.Given{
		"name":        {Value: cty.StringVal("shop"), Source: spec.FromFlag},
		"environment": {Value: cty.StringVal("prod"), Source: spec.FromFile},
	}, nil, true)
	if err != nil {
		t.Fatal(err)
	}
	if got := res.Answers.String("name"); got != "shop" {
		t.Errorf("name = %q, want shop", got)
	}
	if res.Sources["name"] != spec.FromFlag || res.Sources["environment"] != spec.FromFile || res.Sources["region"] != spec.FromDefault {
		t.Errorf("sources = %v", res.Sources)
	}
	// The default of db_multi_az follows the environment answered before it.
	if !res.Answers.Bool("db_multi_az") {
		t.Errorf("db_multi_az defaults to false in prod")
	}
	if res.Answers.Len() != len(b.Questions) {
		t.Errorf("%d answers for %d questions", res.Answers.Len(), len(b.Questions))
	}
}

func TestResolveMissingWithoutWizard(t *testing.T) {
	b := WebApp()
	_, err := b.Resolve(map[string]spec.Given{
		"db_engine": {Value: cty.StringVal("none"), Source: spec.FromFlag},
	}, nil, false)
	var m *spec.MissingError
	if !errors.As(err, &m) {
		t.Fatalf("err = %v, want *MissingError", err)
	}
	msg := m.Error()
	for _, want := range []string{"name", "region", "certificate_arn"} {
		if !strings.Contains(msg, want) {
			t.Errorf("missing list lacks %q:\n%s", want, msg)
		}
	}
	// Questions that do not apply (no database) are not missing.
	if strings.Contains(msg, "db_instance_class") || strings.Contains(msg, "db_engine") {
		t.Errorf("missing list names a question that does not apply or was answered:\n%s", msg)
	}
	if !spec.IsInputError(err) {
		t.Errorf("a missing answer is the user's to fix")
	}
}

func TestResolveReportsEveryError(t *testing.T) {
	b := WebApp()
	_, err := b.Resolve(map[string]spec.Given{
		"nmae":     {Source: spec.FromFlag},
		"az_count": {Value: cty.NumberIntVal(7), Source: spec.FromFlag},
		"asg_min":  {Value: cty.NumberIntVal(5), Source: spec.FromFlag},
		"asg_max":  {Value: cty.NumberIntVal(3), Source: spec.FromFlag},
	}, nil, true)
	var errs spec.Diagnostics
	if !errors.As(err, &errs) {
		t.Fatalf("err = %v, want Diagnostics", err)
	}
	got := errs.Error()
	for _, want := range []string{
		`no question "nmae"; did you mean "name"?`,
		"az_count = 7 is not accepted: az_count must be between 2 and 3",
		"asg_max = 3 is not accepted: asg_max must be at least asg_desired (asg_desired is 5)",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("errors lack %q:\n%s", want, got)
		}
	}
}

func TestResolveAsksOnlyWhatApplies(t *testing.T) {
	b := WebApp()
	var asked []string
	ask := func(q *spec.Question, def cty.Value, validate func(cty.Value) error) (cty.Value, error) {
		asked = append(asked, q.Key)
		if q.Key == "db_engine" {
			return cty.StringVal("none"), nil
		}
		if q.Key == "asg_max" {
			if err := validate(cty.NumberIntVal(1)); err == nil {
				t.Errorf("asg_max = 1 below asg_desired = 2 passed validation")
			}
		}
		return def, nil
	}
	_, err := b.Resolve(map[string]spec.Given{"name": {Value: cty.StringVal("shop"), Source: spec.FromFlag}}, ask, false)
	if err != nil {
		t.Fatal(err)
	}
	sawDBEngine := false
	for _, k := range asked {
		if k == "db_engine" {
			sawDBEngine = true
		}
		if k == "name" || strings.HasPrefix(k, "db_") && k != "db_engine" {
			t.Errorf("asked %s, which was answered or does not apply", k)
		}
	}
	if !sawDBEngine {
		t.Errorf("db_engine was not asked: %v", asked)
	}
}

func TestParseText(t *testing.T) {
	num := &spec.Question{Key: "n", Type: cty.Number}
	if v, err := num.ParseText(" 42 "); err != nil || !v.RawEquals(cty.NumberIntVal(42)) {
		t.Errorf("ParseText(42) = %v, %v", v, err)
	}
	if _, err := num.ParseText("4x"); err == nil || err.Rule != "be a number" {
		t.Errorf("ParseText(4x) err = %v", err)
	}
	flag := &spec.Question{Key: "b", Type: cty.Bool}
	for in, want := range map[string]bool{"yes": true, "true": true, "N": false, "off": false} {
		if v, err := flag.ParseText(in); err != nil || v.True() != want {
			t.Errorf("ParseText(%q) = %v, %v", in, v, err)
		}
	}
	if _, err := flag.ParseText("maybe"); err == nil {
		t.Errorf("ParseText(maybe) accepted")
	}
}

func TestClosest(t *testing.T) {
	for in, want := range map[string]string{"nmae": "name", "web-ap": "web-app", "zzzzzz": ""} {
		if got := spec.Closest(in, []string{"name", "web-app", "region"}); got != want {
			t.Errorf("spec.Closest(%q) = %q, want %q", in, got, want)
		}
	}
}

// Every alias names a value some question accepts, and suggests it.
func TestAliasesSuggestTheirValue(t *testing.T) {
	choices := map[string]bool{}
	for _, b := range All() {
		for _, q := range b.Questions {
			for _, c := range q.Choices {
				choices[c.Value] = true
			}
		}
	}
	for value, names := range spec.AliasTable() {
		if !choices[value] {
			t.Errorf("aliases of %q: no question accepts %q", value, value)
		}
		for _, n := range names {
			if choices[n] {
				t.Errorf("%q is an alias of %q but is itself a choice", n, value)
			}
			if got := spec.Closest(n, []string{"arm64", "x86_64", "postgres", "mysql", "none", value}); got != value {
				t.Errorf("spec.Closest(%q) = %q, want %q", n, got, value)
			}
		}
	}
	for in, want := range map[string]string{"amd64": "x86_64", "aarch64": "arm64", "pg": "postgres", "postgresql": "postgres", "mariadb": "mysql"} {
		if got := spec.Closest(in, []string{"arm64", "x86_64", "postgres", "mysql", "none"}); got != want {
			t.Errorf("spec.Closest(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestAFailedAnswerIsBlamedAlone: for every answer another question's rule
// reads, a value that fails the answer's own rules is the only fault
// reported; the rules that read it do not judge the questions that
// follow against a value nobody gave. s3-etl's incoming_prefix = "in" once
// also blamed quarantine_prefix (incoming_prefix is "").
func TestAFailedAnswerIsBlamedAlone(t *testing.T) {
	bad := map[string]cty.Value{"string": cty.StringVal("\x00 not/a value"), "number": cty.NumberFloatVal(-987654.5)}
	tried := 0
	for _, id := range IDs() {
		b := Lookup(id)
		read := map[string]bool{}
		for _, q := range b.Questions {
			for _, r := range q.Rules {
				for _, k := range r.Reads {
					read[k] = true
				}
			}
		}
		for _, q := range b.Questions {
			v, ok := bad[q.Type.FriendlyName()]
			if !read[q.Key] || !ok {
				continue
			}
			_, err := b.Resolve(map[string]spec.Given{q.Key: {Value: v, Source: spec.FromFlag}}, nil, true)
			var ds spec.Diagnostics
			if !errors.As(err, &ds) || len(ds) == 0 {
				continue // the value passes q's own rules: nothing to blame
			}
			tried++
			for _, d := range ds {
				if d.Key != q.Key {
					t.Errorf("%s: %s = %s also blames %s: %s %s", id, q.Key, spec.Display(v), d.Key, d.Rule, d.Detail)
				}
			}
		}
	}
	if tried == 0 {
		t.Error("no read answer refused the bad values: the test checked nothing")
	}
}
