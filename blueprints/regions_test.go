package blueprints

import (
	"errors"
	"strings"
	"testing"

	"github.com/zclconf/go-cty/cty"

	"github.com/scaffold-tf/scaffold/blueprints/awsfacts"
	"github.com/scaffold-tf/scaffold/blueprints/spec"
)

// webAppRefusal resolves web-app with set given as --set flags and returns
// what it says of key ("" when key is accepted).
func webAppRefusal(t *testing.T, set map[string]string, key string) string {
	t.Helper()
	b := WebApp()
	given := map[string]spec.Given{}
	for k, raw := range set {
		v, err := b.Question(k).ParseText(raw)
		if err != nil {
			t.Fatal(err)
		}
		given[k] = spec.Given{Value: v, Source: spec.FromFlag}
	}
	_, err := b.Resolve(given, nil, true)
	if err == nil {
		return ""
	}
	var ds spec.Diagnostics
	if !errors.As(err, &ds) {
		t.Fatalf("%v: %v", set, err)
	}
	var out []string
	for _, d := range ds {
		if d.Key == key {
			out = append(out, d.Error())
		}
	}
	return strings.Join(out, "\n")
}

// The region question of every blueprint accepts the regions of the table
// and nothing else; the examples of issue 9 are among them.
func TestRegionQuestionUsesTheTable(t *testing.T) {
	for _, b := range All() {
		q := b.Question("region")
		if q == nil {
			t.Errorf("%s has no region question", b.ID)
			continue
		}
		for _, code := range awsfacts.AcceptedRegions() {
			if ds := q.Validate(cty.StringVal(code), spec.Answers{}); len(ds) > 0 {
				t.Errorf("%s refuses region %s: %v", b.ID, code, ds)
			}
		}
		for _, code := range []string{"us-east-9", "xx-north-1", "cn-north-1", "us-gov-west-1", "us-iso-east-1", "sa-west-1"} {
			if ds := q.Validate(cty.StringVal(code), spec.Answers{}); len(ds) == 0 {
				t.Errorf("%s accepts region %s", b.ID, code)
			}
		}
	}
}

func TestCertificateARNFitsTheRegion(t *testing.T) {
	const id = "0a1b2c3d-4e5f-6789-abcd-ef0123456789"
	cases := []struct {
		region, arn string
		want        string // "" when accepted, else part of the refusal
	}{
		{"eu-west-3", "arn:aws:acm:eu-west-3:123456789012:certificate/" + id, ""},
		{"eu-central-2", "arn:aws:acm:eu-central-2:123456789012:certificate/" + id, ""},
		{"eu-west-3", "", ""},
		// The example: CloudFront's certificates live in us-east-1,
		// the load balancer's in its own region.
		{"eu-west-3", "arn:aws:acm:us-east-1:123456789012:certificate/" + id, `in partition "aws" and region "us-east-1"; region is eu-west-3, so it must start with arn:aws:acm:eu-west-3:`},
		{"us-east-1", "arn:aws-cn:acm:us-east-1:123456789012:certificate/" + id, `in partition "aws-cn"`},
		{"us-east-1", "arn:aws-us-gov:acm:us-east-1:123456789012:certificate/" + id, `in partition "aws-us-gov"`},
	}
	for _, c := range cases {
		got := webAppRefusal(t, map[string]string{"region": c.region, "certificate_arn": c.arn, "alb_domain_name": "origin.example.com"}, "certificate_arn")
		switch {
		case c.want == "" && got != "":
			t.Errorf("region %s, certificate %s refused: %s", c.region, c.arn, got)
		case c.want != "" && !strings.Contains(got, c.want):
			t.Errorf("region %s, certificate %s: got %q, want it to say %q", c.region, c.arn, got, c.want)
		}
	}
}

// Every ARN answer of every blueprint is checked against the region.
func TestEveryARNAnswerReadsTheRegion(t *testing.T) {
	for _, b := range All() {
		for _, q := range b.Questions {
			if !strings.HasSuffix(q.Key, "_arn") {
				continue
			}
			reads := false
			for _, r := range q.Rules {
				for _, k := range r.Reads {
					reads = reads || k == "region"
				}
			}
			if !reads {
				t.Errorf("%s %s: no rule checks the ARN's partition and region against the region answer", b.ID, q.Key)
			}
		}
	}
}
