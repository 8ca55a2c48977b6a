package blueprints

import (
	"strings"
	"testing"

	"github.com/zclconf/go-cty/cty"

	"github.com/scaffold-tf/scaffold/blueprints/spec"
)

// TestETLPrefixesStayApart: a quarantine prefix inside the incoming one
// would notify the validator of each move it makes, and a Glue prefix
// inside the curated one would have the crawler catalog the script; both
// are refused, naming the other prefix, and prefixes side by side pass.
func TestETLPrefixesStayApart(t *testing.T) {
	b := S3ETL()
	for _, tc := range []struct {
		set  map[string]string
		bad  string // the refused key, "" when accepted
		says string
	}{
		{map[string]string{"quarantine_prefix": "incoming/rejects/"}, "quarantine_prefix", `incoming_prefix is "incoming/"`},
		{map[string]string{"incoming_prefix": "drop/", "quarantine_prefix": "drop/q/"}, "quarantine_prefix", `incoming_prefix is "drop/"`},
		{map[string]string{"incoming_prefix": "in/a/", "quarantine_prefix": "in/"}, "quarantine_prefix", `incoming_prefix is "in/a/"`},
		{map[string]string{"glue_prefix": "curated/glue/"}, "glue_prefix", `curated_prefix is "curated/"`},
		{map[string]string{"incoming_prefix": "drop/in/", "quarantine_prefix": "drop/out/"}, "", ""},
		{map[string]string{"curated_prefix": "lake/sales/", "glue_prefix": "lake/glue/"}, "", ""},
	} {
		given := map[string]spec.Given{}
		for k, v := range tc.set {
			given[k] = spec.Given{Value: cty.StringVal(v), Source: spec.FromFlag}
		}
		_, err := b.Resolve(given, nil, true)
		switch {
		case tc.bad == "" && err != nil:
			t.Errorf("%v refused: %v", tc.set, err)
		case tc.bad != "" && err == nil:
			t.Errorf("%v accepted; %s must be refused", tc.set, tc.bad)
		case tc.bad != "" && !(strings.Contains(err.Error(), tc.bad) && strings.Contains(err.Error(), tc.says)):
			t.Errorf("%v: error %q does not name %s and say %s", tc.set, err, tc.bad, tc.says)
		}
		r := checkSample(t, b, tc.set)
		if (len(r.tfRefused) > 0) != (tc.bad != "") {
			t.Errorf("%v: the Terraform validations refuse %v, want refused: %v", tc.set, r.tfRefused, tc.bad != "")
		}
	}
}

// TestETLRuntimesArePython: the validator is written in Python, so only
// Python runtimes of the shared table are offered, and all of them.
func TestETLRuntimesArePython(t *testing.T) {
	q := S3ETL().Question("validator_runtime")
	var want []string
	for _, c := range runtimeChoices() {
		if strings.HasPrefix(c.Value, "python") {
			want = append(want, c.Value)
		}
	}
	got := q.ChoiceValues()
	if strings.Join(got, ",") != strings.Join(want, ",") || len(got) == 0 {
		t.Errorf("validator_runtime offers %v, want the Python runtimes %v", got, want)
	}
}

// TestETLLargestUploadIsS3sLargestObject: the validator moves a reject of
// any size (in parts beyond CopyObject's 5 GB, which
// TestETLValidatorMovesRejectsLargerThanOneCopy in ./generator runs), so
// the largest accepted upload is S3's largest object, 5 TiB.
func TestETLLargestUploadIsS3sLargestObject(t *testing.T) {
	b := S3ETL()
	for v, refused := range map[string]bool{"5120": false, "5121": false, "5242880": false, "5242881": true} {
		r := checkSample(t, b, map[string]string{"max_object_mib": v})
		if got := len(r.goRefused) > 0; got != refused || (len(r.tfRefused) > 0) != refused {
			t.Errorf("max_object_mib = %s: go refused %v, terraform refused %v, want refused %v", v, r.goRefused, r.tfRefused, refused)
		}
	}
}
