package generator_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/scaffold-tf/scaffold/blueprints"
	"github.com/scaffold-tf/scaffold/blueprints/spec"
	"github.com/scaffold-tf/scaffold/generator"
)

// generateREADME generates blueprint b with the given --set style answers
// over the defaults and returns its README and file list.
func generateREADME(t *testing.T, b *spec.Blueprint, set map[string]string) (string, []string) {
	t.Helper()
	given := map[string]spec.Given{}
	for k, raw := range set {
		v, err := b.Question(k).ParseText(raw)
		if err != nil {
			t.Fatal(err)
		}
		given[k] = spec.Given{Value: v, Source: spec.FromFlag}
	}
	res, err := b.Resolve(given, nil, true)
	if err != nil {
		t.Fatal(err)
	}
	files, err := generator.Generate(b, res.Answers)
	if err != nil {
		t.Fatal(err)
	}
	var readme string
	var paths []string
	for _, f := range files {
		paths = append(paths, f.Path)
		if f.Path == "README.md" {
			readme = string(f.Data)
		}
	}
	return readme, paths
}

// The module's README: an empty value is a readable cell, every file is
// listed (src/ and build/ too), and the prerequisites say which terraform
// and provider, which credentials, and how to init offline.
func TestREADMEContents(t *testing.T) {
	emptyCode := regexp.MustCompile("(^|[^`])``([^`]|$)")
	for _, b := range blueprints.All() {
		readme, paths := generateREADME(t, b, nil)
		for _, line := range strings.Split(readme, "\n") {
			if strings.HasPrefix(line, "| `") && emptyCode.MatchString(line) {
				t.Errorf("%s: README table row with an empty code span: %q", b.ID, line)
			}
		}
		for _, p := range paths {
			if !strings.Contains(readme, "- `"+p+"`") {
				t.Errorf("%s: README's file list lacks %s", b.ID, p)
			}
		}
		for _, want := range []string{"## Prerequisites", "Terraform `>= ", "`hashicorp/aws` provider `~> ", "AWS_PROFILE", "terraform init -plugin-dir=", "filesystem_mirror"} {
			if !strings.Contains(readme, want) {
				t.Errorf("%s: README lacks %q", b.ID, want)
			}
		}
	}
	readme, _ := generateREADME(t, blueprints.ServerlessAPI(), nil)
	for _, want := range []string{"- `src/handler.py`", "- `build/lambda.zip`"} {
		if !strings.Contains(readme, want) {
			t.Errorf("serverless-api: README lacks %q", want)
		}
	}
}

// serverless-api's README shows requests that work with the module's auth:
// signed with IAM (the default), a bearer token with jwt, plain with none.
func TestREADMECallsTheAPIWithItsAuth(t *testing.T) {
	for auth, want := range map[string]*regexp.Regexp{
		"iam":  regexp.MustCompile(`(?m)^SIGN=\(--aws-sigv4 "aws:amz:us-east-1:execute-api" .*\n(.*\n)*curl "\$\{SIGN\[@\]\}" -X PUT "\$URL/42"`),
		"jwt":  regexp.MustCompile(`(?m)^curl -H "Authorization: Bearer \$TOKEN" -X PUT "\$URL/42"`),
		"none": regexp.MustCompile(`(?m)^curl -X PUT "\$URL/42"`),
	} {
		set := map[string]string{"auth": auth}
		if auth == "jwt" {
			set["jwt_issuer"] = "https://issuer.example.com"
			set["jwt_audience"] = "app"
		}
		readme, _ := generateREADME(t, blueprints.ServerlessAPI(), set)
		if !want.MatchString(readme) {
			t.Errorf("auth = %s: README has no request matching /%s/", auth, want)
		}
	}
}

// A value in the README's tables stays one cell of one row whatever it
// holds: a newline or another control character is shown escaped, as
// terraform.tfvars holds it, and a backtick does not end its code span.
func TestREADMETableKeepsAnyValueInItsCell(t *testing.T) {
	b := blueprints.Lookup("scheduled-batch")
	for raw, want := range map[string]string{
		"line1\nline2":     "| `job_command` | string | `\"line1\\nline2\"` |",
		"a\x01b":           "| `job_command` | string | `\"a\\u0001b\"` |",
		"cat x | grep `y`": "| `job_command` | string | `` cat x \\| grep `y` `` |",
		"``double`` ticks": "| `job_command` | string | ``` ``double`` ticks ``` |",
		"echo ok":          "| `job_command` | string | `echo ok` |",
	} {
		readme, _ := generateREADME(t, b, map[string]string{"job_command": raw})
		if !strings.Contains(readme, want) {
			i := strings.Index(readme, "| `job_command` |")
			t.Errorf("job_command = %q: want the row to start %s, got:\n%s", raw, want, readme[i:i+min(120, len(readme)-i)])
		}
	}
}
