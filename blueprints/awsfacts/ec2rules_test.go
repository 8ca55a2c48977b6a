package awsfacts

import (
	"strings"
	"testing"

	"github.com/zclconf/go-cty/cty"

	"github.com/scaffold-tf/scaffold/blueprints/spec"
)

// TestInstanceTypeInCapitals: a type typed in capitals is refused (the
// module's validation takes lowercase only) with the lowercase one to type
// instead, when that one is a type the table knows; anything else gets the
// rule alone.
func TestInstanceTypeInCapitals(t *testing.T) {
	r := InstanceTypeFamily("t3.micro")
	for in, want := range map[string]string{
		"T3.micro":  `did you mean "t3.micro"?`,
		"M7I.LARGE": `did you mean "m7i.large"?`,
		"XX9.large": "",
		"t3 micro":  "",
	} {
		err := r.Check(cty.StringVal(in), spec.Answers{})
		switch {
		case err == nil:
			t.Errorf("%q accepted", in)
		case want == "" && strings.Contains(err.Error(), "did you mean"):
			t.Errorf("%q: %v; want no suggestion", in, err)
		case !strings.Contains(err.Error(), want):
			t.Errorf("%q: %v; want %q", in, err, want)
		}
	}
	if err := r.Check(cty.StringVal("t3.micro"), spec.Answers{}); err != nil {
		t.Errorf("t3.micro: %v", err)
	}
}

// TestBatchInstanceTypesInCapitals: the same for an item of a Batch
// instance_types list.
func TestBatchInstanceTypesInCapitals(t *testing.T) {
	r := BatchInstanceTypes()
	err := r.Check(cty.StringVal("c6i,M6I"), spec.Answers{})
	if err == nil || !strings.Contains(err.Error(), `did you mean "m6i"?`) {
		t.Errorf("c6i,M6I: %v; want a suggestion of m6i", err)
	}
	if err := r.Check(cty.StringVal("c6i,QQ9"), spec.Answers{}); err == nil || strings.Contains(err.Error(), "did you mean") {
		t.Errorf("c6i,QQ9: %v; want a refusal without a suggestion", err)
	}
}
