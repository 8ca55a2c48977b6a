package blueprints

import "testing"

// TestCISourceObjectKeyIsNoIAMWildcard: the pipeline role may read
// exactly <source bucket ARN>/<source_object_key>, so a key holding *, which
// IAM reads as a wildcard, would grant it every matching key; it is refused
// in Go and in Terraform, the IAM-inert safe characters pass.
func TestCISourceObjectKeyIsNoIAMWildcard(t *testing.T) {
	b := CIPipeline()
	for key, refused := range map[string]bool{
		"source/*.zip":          true,
		"*":                     true,
		"builds/app(1)!-_.'zip": false,
		"source/source.zip":     false,
	} {
		r := checkSample(t, b, map[string]string{"source_object_key": key})
		if r.goRefused["source_object_key"] != refused || r.tfRefused["source_object_key"] != refused {
			t.Errorf("source_object_key %q: go refused %v, terraform refused %v, want refused %v", key, r.goRefused, r.tfRefused, refused)
		}
	}
}
