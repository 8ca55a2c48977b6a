package blueprints

import (
	"fmt"
	"math/rand"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/zclconf/go-cty/cty"

	"github.com/scaffold-tf/scaffold/blueprints/awsfacts"
	"github.com/scaffold-tf/scaffold/blueprints/spec"
)

// TestReservedNamesAreRefused: the names of issue 9 are refused by the name
// question, and the message names the derived resource, the name it would
// get and the reserved string, all computed from the table.
func TestReservedNamesAreRefused(t *testing.T) {
	cases := []struct {
		blueprint, name string
		rule            awsfacts.NameRule
		reserved        string
	}{
		{"web-app", "internal", awsfacts.ALBName, "internal-"},
		{"web-app", "sthree-shop", awsfacts.S3BucketName, "sthree-"},
		{"scheduled-batch", "sthree-shop", awsfacts.S3BucketName, "sthree-"},
		{"web-app", "amzn-s3-demo", awsfacts.S3BucketName, "amzn-s3-demo-"},
		{"web-app", "sg", awsfacts.SecurityGroupName, "sg-"},
		{"scheduled-batch", "sg-jobs", awsfacts.SecurityGroupName, "sg-"},
		{"scheduled-batch", "xn--shop", awsfacts.S3BucketName, "xn--"},
		{"web-app", "a--b", awsfacts.RDSIdentifier, "--"},
	}
	for _, c := range cases {
		b := Lookup(c.blueprint)
		q := b.Question("name")
		errs := q.Validate(cty.StringVal(c.name), spec.NewAnswers(nil))
		var want string
		for _, d := range DerivedNames(NamedComponents(b.ID)...) {
			if d.Rule.Kind == c.rule.Kind && want == "" {
				want = d.For(c.name, environments()[0])
			}
		}
		found := false
		for _, e := range errs {
			msg := e.Error()
			if strings.Contains(msg, c.rule.Kind) && strings.Contains(msg, fmt.Sprintf("%q", want)) && strings.Contains(msg, fmt.Sprintf("%q", c.reserved)) {
				found = true
			}
		}
		if !found {
			t.Errorf("%s name=%q: want a refusal naming the %s %q and %q, got %v", c.blueprint, c.name, c.rule.Kind, want, c.reserved, errs)
		}
	}
}

// nameCorpus is the project names the property test tries: the reserved
// strings of every name rule, framed and trimmed, edge lengths, and random
// strings over an alphabet wider than any rule accepts.
func nameCorpus() []string {
	out := []string{"a", "ab", "shop", "Shop", "shop-", "-shop", "1shop", "shop.eu", "shop_eu", "sh op", "aws", "alias", "default", "internal", "sg", "xn"}
	for _, r := range []awsfacts.NameRule{awsfacts.ALBName, awsfacts.SecurityGroupName, awsfacts.S3BucketName, awsfacts.RDSIdentifier,
		awsfacts.RDSSnapshotIdentifier, awsfacts.RDSParameterGroupName, awsfacts.KMSAliasName, awsfacts.RDSSubnetGroupName} {
		out = append(out, witnesses(r)...)
	}
	for n := 1; n <= 70; n++ {
		out = append(out, strings.Repeat("a", n))
	}
	rng := rand.New(rand.NewSource(9))
	alphabet := "abcdefghijklmnopqrstuvwxyz0123456789-------..__A/"
	for i := 0; i < 3000; i++ {
		b := make([]byte, 1+rng.Intn(40))
		for j := range b {
			b[j] = alphabet[rng.Intn(len(alphabet))]
		}
		out = append(out, string(b))
	}
	return out
}

// TestDerivedNamesMeetAWSRules is the property the name question promises,
// checked for every blueprint over the corpus: it accepts a name exactly
// when the naming convention holds and every name derived from it, in every
// environment, meets its resource's whole AWS rule from the table. It fails
// both when a refused name would make a derived name AWS refuses, and when
// a rule refuses more than AWS and the convention do.
func TestDerivedNamesMeetAWSRules(t *testing.T) {
	convention := regexp.MustCompile(nameConvention)
	corpus := nameCorpus()
	for _, b := range All() {
		q := b.Question("name")
		derived := DerivedNames(NamedComponents(b.ID)...)
		if len(derived) == 0 {
			t.Fatalf("%s: declares no derived name", b.ID)
		}
		accepted := 0
		for _, name := range corpus {
			var why []string
			if !convention.MatchString(name) {
				why = append(why, "convention")
			}
			for _, d := range derived {
				for _, env := range environments() {
					if err := d.Rule.Check(d.For(name, env)); err != nil {
						why = append(why, fmt.Sprintf("%s: %v", d.Resource, err))
					}
				}
			}
			errs := q.Validate(cty.StringVal(name), spec.NewAnswers(nil))
			switch {
			case len(errs) == 0 && len(why) > 0:
				t.Errorf("%s: name %q is accepted, but %s", b.ID, name, why[0])
			case len(errs) > 0 && len(why) == 0:
				t.Errorf("%s: name %q is refused (%v), but AWS accepts every derived name", b.ID, name, errs)
			}
			if len(errs) == 0 {
				accepted++
			}
		}
		if accepted < 100 {
			t.Errorf("%s: only %d names of the corpus are accepted; the corpus no longer tests much", b.ID, accepted)
		}
	}
}

// TestNamedComponentsCoverEveryShape: the name question of a blueprint
// checks the derived names of every component the blueprint can compose.
func TestNamedComponentsCoverEveryShape(t *testing.T) {
	for _, b := range All() {
		def, err := b.Resolve(nil, nil, true)
		if err != nil {
			t.Fatal(err)
		}
		shapes := []spec.Answers{def.Answers}
		for _, alt := range b.Alternatives(def.Answers) {
			shapes = append(shapes, def.Answers.Set(alt.Key, alt.Value))
		}
		for _, a := range shapes {
			for _, c := range b.Components(a) {
				if !slices.Contains(NamedComponents(b.ID), c.Name) {
					t.Errorf("%s composes %s, which its name question does not check", b.ID, c.Name)
				}
			}
		}
	}
}

// NameRule.Reserved, which the name checks use in place of a regular
// expression, says of every name what ReservedPattern matches: for every
// rule a component derives a name under, names built around each reserved
// word (at the start, the end, inside, alone) and names without one.
func TestReservedAgreesWithItsPattern(t *testing.T) {
	seen := map[string]bool{}
	for comp, names := range componentNames {
		for _, d := range names {
			r := d.Rule
			p := r.ReservedPattern()
			if p == "" || seen[p] {
				continue
			}
			seen[p] = true
			re := regexp.MustCompile(p)
			words := append(append(append([]string{}, r.NotPrefixes...), r.NotSuffixes...), r.NotContains...)
			samples := []string{"", "app", "my-app-prod", "a.b", "x"}
			for _, w := range words {
				samples = append(samples, w, w+"app", "app"+w, "app"+w+"app", w[:len(w)-1], w[1:], strings.ToUpper(w))
			}
			for _, s := range samples {
				if got, want := r.Reserved(s), re.MatchString(s); got != want {
					t.Errorf("%s (%s): Reserved(%q) = %v, pattern %q says %v", comp, r.Kind, s, got, p, want)
				}
			}
		}
	}
	if len(seen) == 0 {
		t.Fatal("no component derives a name under a rule with reserved words")
	}
}
