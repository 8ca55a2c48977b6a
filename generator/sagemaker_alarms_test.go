package generator_test

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/scaffold-tf/scaffold/blueprints/awsfacts"
)

// TestSageMakerAlarmsWatchPublishedMetrics: every alarm of a golden module
// in the AWS/SageMaker namespace watches a metric SageMaker publishes for
// endpoint invocations (awsfacts.SageMakerEndpointInvocationMetrics, fewer
// for a serverless endpoint: SageMakerServerlessInvocationMetrics), read
// from the generated Terraform, literal metric_name or each.key of a
// toset([...]) for_each; a misspelt one never has data and never alarms.
func TestSageMakerAlarmsWatchPublishedMetrics(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(goldenRoot, "*", "*", "want", "*.tf"))
	if err != nil {
		t.Fatal(err)
	}
	block := regexp.MustCompile(`(?s)\nresource "aws_cloudwatch_metric_alarm" "[^"]+" \{\n(.*?)\n\}\n`)
	forEach := regexp.MustCompile(`for_each = toset\(\[([^\]]*)\]\)`)
	metric := regexp.MustCompile(`metric_name\s*=\s*(\S+)`)
	quoted := regexp.MustCompile(`"([^"]*)"`)
	namespace := regexp.MustCompile(`namespace\s*=\s*"AWS/SageMaker"`)
	serverless := regexp.MustCompile(`ENDPOINT_KIND\s*=\s*"serverless"`)
	seen := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		published := awsfacts.SageMakerEndpointInvocationMetrics
		if deployer, err := os.ReadFile(filepath.Join(filepath.Dir(f), "model_deployer.tf")); err == nil && serverless.Match(deployer) {
			published = awsfacts.SageMakerServerlessInvocationMetrics
		}
		for _, m := range block.FindAllStringSubmatch(string(data), -1) {
			body := m[1]
			if !namespace.MatchString(body) {
				continue
			}
			var names []string
			switch expr := metric.FindStringSubmatch(body)[1]; {
			case expr == "each.key":
				fe := forEach.FindStringSubmatch(body)
				if fe == nil {
					t.Fatalf("%s: an AWS/SageMaker alarm with metric_name = each.key and no toset([...]) for_each", f)
				}
				for _, q := range quoted.FindAllStringSubmatch(fe[1], -1) {
					names = append(names, q[1])
				}
			case strings.HasPrefix(expr, `"`):
				names = append(names, strings.Trim(expr, `"`))
			default:
				t.Fatalf("%s: metric_name = %s, which this test cannot read", f, expr)
			}
			for _, n := range names {
				seen++
				if !slices.Contains(published, n) {
					t.Errorf("%s: alarm on AWS/SageMaker metric %q, which SageMaker does not publish for this endpoint (it publishes %v)", f, n, published)
				}
			}
		}
	}
	if seen == 0 {
		t.Fatal("no AWS/SageMaker alarm found in the golden modules: the test reads nothing")
	}
}
