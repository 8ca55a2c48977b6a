package blueprints

import (
	"regexp"
	"strings"
	"testing"
)

// services maps a word naming an AWS service, in a question's text, to the
// components (template folders) that create it: a blueprint composing none
// of them must not talk about that service.
var services = []struct {
	word       *regexp.Regexp
	components []string
}{
	{regexp.MustCompile(`\bCloudFront\b`), []string{"cloudfront"}},
	{regexp.MustCompile(`\b(ALB|[Ll]oad [Bb]alancer|target group)s?\b`), []string{"alb"}},
	{regexp.MustCompile(`\b(RDS|Aurora)\b|\b[Dd]atabase\b`), []string{"database"}},
	{regexp.MustCompile(`\bDynamoDB\b`), []string{"dynamodb"}},
	{regexp.MustCompile(`\bS3\b|\b[Bb]uckets?\b`), []string{"log_bucket", "output_bucket"}},
	{regexp.MustCompile(`\bNAT\b|\b[Ss]ubnets?\b|\bVPC\b`), []string{"network"}},
	{regexp.MustCompile(`\bAuto Scaling\b|\bASG\b`), []string{"compute"}},
	{regexp.MustCompile(`\bLambda\b`), []string{"lambda"}},
	{regexp.MustCompile(`\bAPI Gateway\b`), []string{"apigw"}},
	{regexp.MustCompile(`\bEventBridge\b`), []string{"schedule"}},
	{regexp.MustCompile(`\bAWS Batch\b|\bFargate\b`), []string{"batch"}},
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
		composed := map[string]bool{}
		for _, c := range b.Components {
			composed[c] = true
		}
		for _, q := range b.Questions {
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
				for _, c := range s.components {
					ok = ok || composed[c]
				}
				if !ok {
					t.Errorf("%s: question %s mentions %q, but the blueprint composes none of %v (its components: %v)", b.ID, q.Key, m, s.components, b.Components)
				}
			}
		}
	}
}
