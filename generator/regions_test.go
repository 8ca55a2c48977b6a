package generator_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/scaffold-tf/scaffold/blueprints"
	"github.com/scaffold-tf/scaffold/blueprints/awsfacts"
	"github.com/scaffold-tf/scaffold/generator"
	"github.com/scaffold-tf/scaffold/internal/tftest"
)

// TestWebAppPlansInEveryAcceptedRegion plans the web-app module (generated
// for us-east-1, CloudFront on) with region changed, as an edit of
// terraform.tfvars would, to every region scaffold accepts, against the
// module's mock provider. Each run checks the regional facts the module
// reads from the region table: the Elastic Load Balancing account that may
// write access logs (none in regions opened since August 2022, where data
// "aws_elb_service_account" used to fail the plan), and CloudFront standard
// logging (off in opt-in regions, whose buckets it does not deliver to). A
// last run shows az_count is refused, with its reason, where the account
// has fewer zones.
func TestWebAppPlansInEveryAcceptedRegion(t *testing.T) {
	tf := tftest.Find(t)
	b := blueprints.Lookup("web-app")
	res, err := b.Resolve(nil, nil, true)
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
	for i, code := range awsfacts.AcceptedRegions() {
		r, _ := awsfacts.LookupRegion(code)
		elbPrincipals := "[]"
		if r.ELBLogAccount != "" {
			elbPrincipals = fmt.Sprintf(`["arn:aws:iam::%s:root"]`, r.ELBLogAccount)
		}
		cloudFrontLogs := 1
		if r.OptIn {
			cloudFrontLogs = 0
		}
		fmt.Fprintf(&runs, `
run "region_%02d" {
  command = plan

  variables {
    region = %q
  }

  override_data {
    target = data.aws_region.current
    values = {
      name = %q
    }
  }

  assert {
    condition     = jsonencode(sort(flatten([for s in data.aws_iam_policy_document.logs.statement : [for p in s.principals : p.identifiers if p.type == "AWS"] if s.sid == "ALBAccessLogs"]))) == %q
    error_message = "%s: the AWS principals of the ALB access-log statement must be exactly the region's ELB log account, if it has one."
  }

  assert {
    condition     = length(flatten([for s in data.aws_iam_policy_document.logs.statement : [for p in s.principals : p if p.type == "Service" && contains(p.identifiers, "logdelivery.elasticloadbalancing.amazonaws.com")] if s.sid == "ALBAccessLogs"])) == 1
    error_message = "%s: the ALB access-log statement must name the log delivery service."
  }

  assert {
    condition     = length(aws_cloudfront_distribution.main.logging_config) == %d
    error_message = "%s: CloudFront standard logging must be on outside opt-in regions only."
  }
}
`, i, code, code, elbPrincipals, code, code, cloudFrontLogs, code)
	}
	runs.WriteString(`
run "too_few_zones" {
  command = plan

  variables {
    region   = "us-west-1"
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
	if err := os.WriteFile(filepath.Join(dir, "tests", "regions.tftest.hcl"), runs.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := tf.Init(dir); err != nil {
		t.Fatal(err)
	}
	out, err := tf.Test(dir, "-filter=tests/regions.tftest.hcl")
	if err != nil {
		t.Fatal(err)
	}
	if !out.Passed() {
		t.Fatalf("the web-app module does not plan in every accepted region:\n%s", out.Problems())
	}
	if want := len(awsfacts.AcceptedRegions()) + 1; len(out.Runs) != want {
		t.Fatalf("%d run blocks ran, want %d", len(out.Runs), want)
	}
}
