package generator_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/scaffold-tf/scaffold/blueprints"
	"github.com/scaffold-tf/scaffold/generator"
	"github.com/scaffold-tf/scaffold/internal/tftest"
)

// conformanceSamples are values near the edges of the rules. For each, the
// Go check (what scaffold accepts) and the generated Terraform validation
// (what `terraform plan` accepts) must agree.
var conformanceSamples = []struct {
	blueprint string
	set       map[string]string
}{
	{"web-app", map[string]string{"name": "shop"}},
	{"web-app", map[string]string{"name": "Shop"}},
	{"web-app", map[string]string{"name": "shop-"}},
	{"web-app", map[string]string{"name": "a--b"}},
	{"web-app", map[string]string{"name": strings.Repeat("a", 23)}},
	{"web-app", map[string]string{"name": strings.Repeat("a", 24)}},
	{"web-app", map[string]string{"vpc_cidr": "10.1.0.0/16"}},
	{"web-app", map[string]string{"vpc_cidr": "10.1.0.0/25"}},
	{"web-app", map[string]string{"vpc_cidr": "10.1.0.1/16"}},
	{"web-app", map[string]string{"vpc_cidr": "not-a-cidr"}},
	{"web-app", map[string]string{"az_count": "4"}},
	{"web-app", map[string]string{"asg_min": "3", "asg_desired": "2", "asg_max": "4"}},
	{"web-app", map[string]string{"asg_min": "1", "asg_desired": "3", "asg_max": "3"}},
	{"web-app", map[string]string{"asg_max": "1"}},
	{"web-app", map[string]string{"environment": "staging"}},
	{"web-app", map[string]string{"region": "eu-west-3"}},
	{"web-app", map[string]string{"region": "europe"}},
	{"web-app", map[string]string{"certificate_arn": "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789"}},
	{"web-app", map[string]string{"certificate_arn": "arn:aws:acm:us-east-1:123:certificate/x"}},
	{"web-app", map[string]string{"db_username": "User"}},
	{"web-app", map[string]string{"db_username": "9lives"}},
	{"web-app", map[string]string{"instance_type": "c6g.2xlarge"}},
	{"web-app", map[string]string{"instance_type": "big"}},
	{"serverless-api", map[string]string{"timeout_s": "30"}},
	{"serverless-api", map[string]string{"timeout_s": "31"}},
	{"serverless-api", map[string]string{"memory_mb": "10240"}},
	{"serverless-api", map[string]string{"memory_mb": "10241"}},
	{"serverless-api", map[string]string{"memory_mb": "127"}},
	{"scheduled-batch", map[string]string{"schedule": "cron(0 2 * * ? *)"}},
	{"scheduled-batch", map[string]string{"schedule": "cron(30 6 ? * MON-FRI *)"}},
	{"scheduled-batch", map[string]string{"schedule": "cron(0 2 * * *)"}},
	{"scheduled-batch", map[string]string{"schedule": "cron(0 2 * * MON *)"}},
	{"scheduled-batch", map[string]string{"schedule": "rate(1 hour)"}},
	{"scheduled-batch", map[string]string{"schedule": "rate(1 hours)"}},
	{"scheduled-batch", map[string]string{"schedule": "rate(0 minutes)"}},
	{"scheduled-batch", map[string]string{"vcpus": "0.25", "job_memory_mb": "512"}},
	{"scheduled-batch", map[string]string{"vcpus": "1", "job_memory_mb": "512"}},
	{"scheduled-batch", map[string]string{"vcpus": "4", "job_memory_mb": "30720"}},
	{"scheduled-batch", map[string]string{"vcpus": "4", "job_memory_mb": "31744"}},
	{"scheduled-batch", map[string]string{"vcpus": "3", "job_memory_mb": "6144"}},
	{"scheduled-batch", map[string]string{"compute": "ec2_spot", "vcpus": "3", "job_memory_mb": "6144"}},
}

func TestValidationConformance(t *testing.T) {
	tf := tftest.Find(t)
	for i, s := range conformanceSamples {
		b := blueprints.Lookup(s.blueprint)
		if b == nil || len(b.Questions) == 0 {
			continue
		}
		t.Run(fmt.Sprintf("%s/%d", s.blueprint, i), func(t *testing.T) {
			t.Parallel()
			defaults, err := b.Resolve(nil, nil, true)
			if err != nil {
				t.Fatal(err)
			}
			// Go side: resolve with the sample on top of the defaults.
			given := map[string]blueprints.Given{}
			answers := defaults.Answers
			goOK := true
			for k, raw := range s.set {
				q := b.Question(k)
				v, perr := q.ParseText(raw)
				if perr != nil {
					t.Fatalf("%s=%s does not parse: %v", k, raw, perr)
				}
				given[k] = blueprints.Given{Value: v, Source: blueprints.FromFlag}
				answers = answers.Set(k, v)
			}
			if _, err := b.Resolve(given, nil, true); err != nil {
				goOK = false
			}
			// Terraform side: variables.tf alone, every value through tfvars.
			dir := t.TempDir()
			mod := filepath.Join(dir, "module")
			if err := os.MkdirAll(mod, 0o755); err != nil {
				t.Fatal(err)
			}
			write := func(name string, data []byte) {
				if err := os.WriteFile(filepath.Join(mod, name), data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			write("variables.tf", generator.Variables(b, answers))
			write("terraform.tfvars", generator.TFVars(b, answers))
			write("versions.tf", []byte("terraform {\n  required_version = \">= 1.9.0\"\n}\n"))
			if _, err := tf.Run(mod, "init", "-backend=false", "-input=false", "-no-color"); err != nil {
				t.Fatal(err)
			}
			out, err := tf.Run(mod, "plan", "-input=false", "-no-color", "-lock=false")
			tfOK := err == nil
			if goOK != tfOK {
				t.Errorf("%v: scaffold accepts=%v, terraform plan accepts=%v\n%s", s.set, goOK, tfOK, out)
			}
			if !tfOK && !strings.Contains(string(out), "Invalid value for variable") {
				t.Errorf("%v: terraform failed for another reason than validation:\n%s", s.set, out)
			}
		})
	}
}
