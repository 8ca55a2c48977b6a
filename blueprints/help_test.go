package blueprints

import (
	"github.com/zclconf/go-cty/cty"

	"github.com/scaffold-tf/scaffold/blueprints/spec"

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
	{regexp.MustCompile(`\b(RDS|Aurora)\b|\b[Dd]atabase\b`), []string{"rds"}},
	{regexp.MustCompile(`\bDynamoDB\b`), []string{"dynamodb_table"}},
	{regexp.MustCompile(`\bS3\b|\b[Bb]uckets?\b`), []string{"log_bucket", "output_bucket"}},
	{regexp.MustCompile(`\bNAT\b|\b[Ss]ubnets?\b|\bVPC\b`), []string{"network"}},
	{regexp.MustCompile(`\bAuto Scaling\b|\bASG\b`), []string{"asg"}},
	{regexp.MustCompile(`\bLambda\b`), []string{"lambda_api"}},
	{regexp.MustCompile(`\bAPI Gateway\b`), []string{"http_api"}},
	{regexp.MustCompile(`\bEventBridge\b`), []string{"batch_schedule"}},
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
		for _, c := range everyComponent(t, b) {
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
					t.Errorf("%s: question %s mentions %q, but the blueprint composes none of %v (its components: %v)", b.ID, q.Key, m, s.components, everyComponent(t, b))
				}
			}
		}
	}
}

// everyComponent lists the components b composes for some answers: with
// the defaults, and with each choice of each question on top of them.
func everyComponent(t *testing.T, b *spec.Blueprint) []string {
	t.Helper()
	def, err := b.Resolve(nil, nil, true)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	add := func(a spec.Answers) {
		for _, c := range b.Components(a) {
			out = append(out, c.Name)
		}
	}
	add(def.Answers)
	for _, q := range b.Questions {
		for _, c := range q.ChoiceValues() {
			add(def.Answers.Set(q.Key, cty.StringVal(c)))
		}
		if q.Type == cty.Bool {
			add(def.Answers.Set(q.Key, cty.BoolVal(!def.Answers.Bool(q.Key))))
		}
	}
	return out
}
