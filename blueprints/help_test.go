package blueprints

import (
	"slices"

	"github.com/scaffold-tf/scaffold/blueprints/spec"
	"github.com/scaffold-tf/scaffold/generator"

	"regexp"
	"strings"
	"testing"
)

// services maps a word naming an AWS service, in a question's text, to the
// Terraform resource types that create it (by prefix): a blueprint whose
// modules hold none of them must not talk about that service. It is AWS
// knowledge, not a list of components: a new component or blueprint needs
// no row here.
var services = []struct {
	word     *regexp.Regexp
	prefixes []string
}{
	{regexp.MustCompile(`\bCloudFront\b`), []string{"aws_cloudfront_"}},
	{regexp.MustCompile(`\b(ALB|[Ll]oad [Bb]alancer|target group)s?\b`), []string{"aws_lb", "aws_alb"}},
	// A database is RDS's, or the one Redshift creates with a warehouse, or
	// a Glue Data Catalog database.
	{regexp.MustCompile(`\b(RDS|Aurora)\b`), []string{"aws_db_", "aws_rds_"}},
	{regexp.MustCompile(`\b[Dd]atabase\b`), []string{"aws_db_", "aws_rds_", "aws_redshift", "aws_glue_catalog_database"}},
	{regexp.MustCompile(`\bRedshift\b`), []string{"aws_redshift"}},
	{regexp.MustCompile(`\bDynamoDB\b`), []string{"aws_dynamodb_"}},
	{regexp.MustCompile(`\bS3\b|\b[Bb]uckets?\b`), []string{"aws_s3_bucket"}},
	{regexp.MustCompile(`\bNAT\b|\b[Ss]ubnets?\b|\bVPC\b`), []string{"aws_vpc", "aws_subnet", "aws_nat_gateway"}},
	{regexp.MustCompile(`\bAuto Scaling\b|\bASG\b`), []string{"aws_autoscaling_"}},
	{regexp.MustCompile(`\bLambda\b`), []string{"aws_lambda_"}},
	{regexp.MustCompile(`\bAPI Gateway\b`), []string{"aws_apigatewayv2_", "aws_api_gateway_"}},
	{regexp.MustCompile(`\bEventBridge\b`), []string{"aws_cloudwatch_event_", "aws_scheduler_", "aws_pipes_"}},
	{regexp.MustCompile(`\bAWS Batch\b|\bFargate\b`), []string{"aws_batch_", "aws_ecs_"}},
}

// comparisons are the few places a question names a service the blueprint
// does not build on purpose: to say when to use that service instead.
var comparisons = map[string]string{
	"serverless-api/timeout_s/Fargate":     "work longer than the HTTP API's 30 s belongs in Fargate or Batch",
	"scheduled-batch/job_memory_mb/Lambda": "beyond Lambda's 10 GB, Batch is the tool",
	"scheduled-batch/job_timeout_s/Lambda": "unlike Lambda's 15 minutes, a Batch job has no hard ceiling",
}

// TestHelpMentionsOnlyComposedServices checks every text a question shows
// (prompt, help, choice help, rules) against the blueprint's Components: a
// help copied from another blueprint names a service this one does not build.
func TestHelpMentionsOnlyComposedServices(t *testing.T) {
	for _, b := range All() {
		types := resourceTypes(t, b)
		for _, q := range b.Questions {
			if commonKeys[q.Key] {
				// Every blueprint asks them alike; the state bucket they
				// talk about is the team's, not the module's.
				continue
			}
			texts := []string{q.Prompt, q.Help, q.WhenText}
			for _, c := range q.Choices {
				texts = append(texts, c.Help)
			}
			for _, r := range q.Rules {
				texts = append(texts, r.Text)
			}
			text := strings.Join(texts, " ")
			for _, s := range services {
				m := s.word.FindString(text)
				if m == "" {
					continue
				}
				_, ok := comparisons[b.ID+"/"+q.Key+"/"+m]
				for _, p := range s.prefixes {
					ok = ok || slices.ContainsFunc(types, func(ty string) bool { return strings.HasPrefix(ty, p) })
				}
				if !ok {
					t.Errorf("%s: question %s mentions %q, but no module of the blueprint creates a resource of %v", b.ID, q.Key, m, s.prefixes)
				}
			}
		}
	}
}

// commonKeys are the keys of CommonQuestions.
var commonKeys = func() map[string]bool {
	m := map[string]bool{}
	for _, q := range CommonQuestions() {
		m[q.Key] = true
	}
	return m
}()

// resourceTypes lists the resource types of b's modules, generated for
// every shape (see everyShape).
func resourceTypes(t *testing.T, b *spec.Blueprint) []string {
	t.Helper()
	def, err := b.Resolve(nil, nil, true)
	if err != nil {
		t.Fatal(err)
	}
	resource := regexp.MustCompile(`(?m)^resource "([a-z0-9_]+)"`)
	var out []string
	for _, a := range everyShape(b, def.Answers) {
		files, err := generator.Generate(b, a)
		if err != nil {
			continue // a shape the other defaults do not allow
		}
		for _, f := range files {
			for _, m := range resource.FindAllStringSubmatch(string(f.Data), -1) {
				out = append(out, m[1])
			}
		}
	}
	return out
}
