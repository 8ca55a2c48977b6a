package blueprints

import (
	"errors"
	"strings"
	"testing"

	"github.com/zclconf/go-cty/cty"

	"github.com/scaffold-tf/scaffold/blueprints/awsfacts"
	"github.com/scaffold-tf/scaffold/blueprints/spec"
)

// TestStateBackendAnswers: with state_backend = s3, each blueprint's
// defaults give a state bucket AWS accepts (its own naming rule,
// awsfacts.S3BucketName, judges), a key and the stack's region; a bucket
// name or key the backend would refuse is refused with the rule's text,
// and the state questions do not apply to local state.
func TestStateBackendAnswers(t *testing.T) {
	s3 := map[string]spec.Given{"state_backend": {Value: cty.StringVal(spec.StateBackendS3), Source: spec.FromFlag}}
	for _, b := range All() {
		res, err := b.Resolve(s3, nil, true)
		if err != nil {
			t.Fatalf("%s: state_backend=s3 with the defaults: %v", b.ID, err)
		}
		a := res.Answers
		if err := awsfacts.S3BucketName.Check(a.String("state_bucket")); err != nil {
			t.Errorf("%s: default state_bucket: %v", b.ID, err)
		}
		if want := a.String("name") + "-" + a.String("environment") + "-tfstate"; a.String("state_bucket") != want {
			t.Errorf("%s: state_bucket = %q, want %q", b.ID, a.String("state_bucket"), want)
		}
		if a.String("state_region") != a.String("region") {
			t.Errorf("%s: state_region = %q, want the region %q", b.ID, a.String("state_region"), a.String("region"))
		}
		def, err := b.Resolve(nil, nil, true)
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range []string{"state_bucket", "state_key", "state_region"} {
			if b.Question(k).Applies(def.Answers) {
				t.Errorf("%s: %s applies with local state", b.ID, k)
			}
		}
	}
	b := Lookup("web-app")
	for key, bad := range map[string]map[string]string{
		"state_bucket": {"My_Bucket": "hold only lowercase letters", "xn--state": "not begin with", "ab": "be 3 to 63", "a..b": "contain \"..\"", "192.168.1.1": "be formatted as an IP address"},
		"state_key": {"/state.tfstate": "not begin or end with /", "a//b": "not hold //", "dir/": "not begin or end with /",
			// A newline is blamed on itself, not on the slash rule, whose
			// pattern once stopped at it.
			"a\nb.tfstate": "hold no control character", "a\tb": "hold no control character", "a\n": "hold no control character", "a\u0085b": "hold no control character"},
	} {
		for v, want := range bad {
			given := map[string]spec.Given{"state_backend": s3["state_backend"], key: {Value: cty.StringVal(v), Source: spec.FromFlag}}
			_, err := b.Resolve(given, nil, true)
			var ds spec.Diagnostics
			if !errors.As(err, &ds) || len(ds) != 1 || ds[0].Key != key || !strings.Contains(ds[0].Rule, want) {
				t.Errorf("%s = %q: got %v, want one refusal of %s saying %q", key, v, err, key, want)
			}
		}
	}
}
