package blueprints

import (
	"strings"
	"testing"
)

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

// TestCIRepositoryNameLimits: a repository owner is at most 39 characters
// of letters, digits and single hyphens, a repository name at most 100 of
// letters, digits, dots, hyphens and underscores; Go and Terraform refuse
// the same values. The owner pattern once counted "-x" as one of its 39
// steps and let 77 characters through.
func TestCIRepositoryNameLimits(t *testing.T) {
	b := CIPipeline()
	long := "a" + strings.Repeat("-b", 19) // 39 characters
	for _, c := range []struct {
		key, value string
		refused    bool
	}{
		{"repository_owner", long, false},
		{"repository_owner", long + "c", true},
		{"repository_owner", "a" + strings.Repeat("-b", 38), true}, // 77: the old pattern's hole
		{"repository_owner", "octo-org", false},
		{"repository_owner", "octo--org", true},
		{"repository_owner", "-octo", true},
		{"repository_owner", "octo-", true},
		{"repository_owner", "", true},
		{"repository_name", strings.Repeat("a", 100), false},
		{"repository_name", strings.Repeat("a", 101), true},
		{"repository_name", "my_app.v2-x", false},
		{"repository_name", "my app", true},
		{"repository_name", "", true},
	} {
		r := checkSample(t, b, map[string]string{"source_type": "codeconnections", c.key: c.value})
		if r.goRefused[c.key] != c.refused || r.tfRefused[c.key] != c.refused {
			t.Errorf("%s %q: go refused %v, terraform refused %v, want refused %v", c.key, c.value, r.goRefused[c.key], r.tfRefused[c.key], c.refused)
		}
	}
}
