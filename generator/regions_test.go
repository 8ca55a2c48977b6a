package generator_test

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/zclconf/go-cty/cty"

	"github.com/scaffold-tf/scaffold/blueprints"
	"github.com/scaffold-tf/scaffold/blueprints/awsfacts"
	"github.com/scaffold-tf/scaffold/blueprints/spec"
	"github.com/scaffold-tf/scaffold/generator"
	"github.com/scaffold-tf/scaffold/internal/tftest"
)

// fileOf returns the generated file at path, or fails.
func fileOf(t *testing.T, files []generator.File, path string) string {
	t.Helper()
	for _, f := range files {
		if f.Path == path {
			return string(f.Data)
		}
	}
	t.Fatalf("no %s generated", path)
	return ""
}

// TestWebAppRegionalFacts generates web-app (CloudFront on) for every
// region scaffold accepts and checks the regional facts the module is
// rendered with, from the region table: the Elastic Load Balancing account
// that may write access logs (none in regions opened since August 2022,
// where data "aws_elb_service_account" used to fail the plan), and
// CloudFront standard logging with the log bucket's ACLs (off in opt-in
// regions, whose buckets standard logging does not deliver to). The region
// is fixed at generation (an edit cannot move a stack), so these facts are
// rendered rather than looked up by Terraform; terraform test plans both
// sides of each in the golden cases web-app/defaults (us-east-1) and
// web-app/full (eu-central-2), and the proof harness applies them.
func TestWebAppRegionalFacts(t *testing.T) {
	b := blueprints.Lookup("web-app")
	accountARN := regexp.MustCompile(`"arn:\$\{local.partition\}:iam::([0-9]{12}):root"`)
	for _, code := range awsfacts.AcceptedRegions() {
		t.Run(code, func(t *testing.T) {
			res, err := b.Resolve(map[string]spec.Given{
				"region":     {Value: cty.StringVal(code), Source: spec.FromFlag},
				"cloudfront": {Value: cty.True, Source: spec.FromFlag},
			}, nil, true)
			if err != nil {
				t.Fatal(err)
			}
			files, err := generator.Generate(b, res.Answers)
			if err != nil {
				t.Fatal(err)
			}
			r, _ := awsfacts.LookupRegion(code)
			logBucket := fileOf(t, files, "log_bucket.tf")
			var accounts []string
			for _, m := range accountARN.FindAllStringSubmatch(logBucket, -1) {
				accounts = append(accounts, m[1])
			}
			switch {
			case r.ELBLogAccount == "" && len(accounts) > 0:
				t.Errorf("the log bucket grants ELB accounts %v, but %s has none", accounts, code)
			case r.ELBLogAccount != "" && (len(accounts) != 1 || accounts[0] != r.ELBLogAccount):
				t.Errorf("the log bucket grants ELB accounts %v, want exactly %s's %s", accounts, code, r.ELBLogAccount)
			}
			if !strings.Contains(logBucket, `identifiers = ["logdelivery.elasticloadbalancing.amazonaws.com"]`) {
				t.Errorf("the log bucket does not grant the ELB log delivery service in %s", code)
			}
			cloudfront := fileOf(t, files, "cloudfront.tf")
			logs := strings.Contains(cloudfront, "logging_config {")
			acls := strings.Contains(logBucket, `object_ownership = "BucketOwnerPreferred"`)
			if logs == r.OptIn || acls == r.OptIn {
				t.Errorf("%s (opt-in %v): CloudFront standard logging %v, log bucket ACLs %v; want both on outside opt-in regions only", code, r.OptIn, logs, acls)
			}
			if err := generator.CheckOrdering(files); err != nil {
				t.Error(err)
			}
		})
	}
}

// TestTooFewZonesIsRefused plans the web-app module with az_count above
// the zones the account has in its region (us-west-1 offers new accounts
// two) and expects the zone data source's postcondition to refuse it.
func TestTooFewZonesIsRefused(t *testing.T) {
	tf := tftest.Find(t)
	b := blueprints.Lookup("web-app")
	res, err := b.Resolve(map[string]spec.Given{"region": {Value: cty.StringVal("us-west-1"), Source: spec.FromFlag}}, nil, true)
	if err != nil {
		t.Fatal(err)
	}
	files, err := generator.Generate(b, res.Answers)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "module")
	if err := generator.Write(dir, files, false); err != nil {
		t.Fatal(err)
	}
	promises, err := os.ReadFile(filepath.Join(dir, generator.PromisesTestFile))
	if err != nil {
		t.Fatal(err)
	}
	mock := regexp.MustCompile(`(?s)mock_provider "aws" \{.*?\n\}\n`).Find(promises)
	if mock == nil {
		t.Fatalf("%s has no mock_provider block", generator.PromisesTestFile)
	}
	var runs bytes.Buffer
	runs.Write(mock)
	runs.WriteString(`
run "too_few_zones" {
  command = plan

  variables {
    az_count = 3
  }

  override_data {
    target = data.aws_availability_zones.available
    values = {
      names = ["us-west-1a", "us-west-1c"]
    }
  }

  expect_failures = [data.aws_availability_zones.available]
}
`)
	if err := os.WriteFile(filepath.Join(dir, "tests", "zones.tftest.hcl"), runs.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := tf.Init(dir); err != nil {
		t.Fatal(err)
	}
	out, err := tf.Test(dir, "-filter=tests/zones.tftest.hcl")
	if err != nil {
		t.Fatal(err)
	}
	if !out.Passed() || len(out.Runs) != 1 {
		t.Fatalf("az_count above the region's zones is not refused by the zone postcondition:\n%s", out.Problems())
	}
}
