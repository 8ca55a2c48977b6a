package blueprints

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/scaffold-tf/scaffold/blueprints/spec"
)

// workloadAnswers resolves recommend's questions with the given answers
// (keys as --set takes them) and the defaults for the rest.
func workloadAnswers(t *testing.T, set map[string]string) spec.Answers {
	t.Helper()
	w := Workload()
	given := map[string]spec.Given{}
	for k, raw := range set {
		q := w.Question(k)
		if q == nil {
			t.Fatalf("recommend asks no question %q", k)
		}
		v, d := q.ParseText(raw)
		if d != nil {
			t.Fatalf("%s=%s: %v", k, raw, d)
		}
		given[k] = spec.Given{Value: v, Source: spec.FromFlag}
	}
	res, err := w.Resolve(given, nil, true)
	if err != nil {
		t.Fatalf("resolving %v: %v", set, err)
	}
	return res.Answers
}

// scenario is the workload of one pattern of the source, in its words.
type scenario struct {
	pattern   string
	blueprint string
	says      string // the source's scenario, for the failure message
	set       map[string]string
}

// scenarios are the source's scenarios, one per pattern (P1–P10), as a
// user would describe each workload to recommend.
var scenarios = []scenario{
	{"P1", "web-app", "traditional web app: stateful, full control of the OS, relational database, a team that runs servers (F2)",
		map[string]string{"trigger": "requests", "run_minutes": "0.01", "latency": "seconds", "traffic": "steady", "stateful": "true",
			"relational": "true", "control": "os", "containers": "false", "ops": "full"}},
	{"P2", "serverless-api", "serverless API: short, stateless requests in bursts, no servers to manage, NoSQL items",
		map[string]string{"trigger": "requests", "run_minutes": "0.01", "latency": "seconds", "traffic": "bursty", "stateful": "false",
			"relational": "false", "control": "code", "ops": "minimal", "cost_sensitive": "true"}},
	{"P3", "s3-etl", "data pipeline: uploads to S3 transformed by Lambda and Glue into Redshift",
		map[string]string{"trigger": "uploads", "run_minutes": "10", "latency": "minutes", "traffic": "bursty", "control": "code", "ops": "minimal"}},
	{"P4", "container-service", "microservices already in containers behind an ALB, each scaled on its own, sharing files on EFS",
		map[string]string{"trigger": "requests", "run_minutes": "0.05", "latency": "seconds", "traffic": "bursty", "stateful": "true",
			"control": "runtime", "containers": "true", "ops": "some"}},
	{"P5", "container-migration", "lift-and-shift: a legacy app put in a container as it is, on Fargate, its database moved to RDS",
		map[string]string{"trigger": "requests", "run_minutes": "0.1", "latency": "seconds", "traffic": "steady", "stateful": "true",
			"relational": "true", "control": "runtime", "ops": "some", "migrating": "true"}},
	{"P6", "scheduled-batch", "nightly processing: a heavy job at a fixed time, on Spot for cost, results by morning",
		map[string]string{"trigger": "schedule", "run_minutes": "90", "latency": "hours", "traffic": "idle", "control": "runtime",
			"containers": "true", "ops": "some", "cost_sensitive": "true"}},
	{"P7", "ml-pipeline", "ML pipeline: new data in S3 triggers retraining on GPU, hours long, then deployment",
		map[string]string{"trigger": "uploads", "run_minutes": "180", "latency": "hours", "traffic": "idle", "control": "runtime",
			"containers": "true", "gpu": "true", "ops": "some", "cost_sensitive": "true"}},
	{"P8", "stream-processing", "real time: records on a stream, processed within seconds, pay per execution, low complexity",
		map[string]string{"trigger": "stream", "run_minutes": "0.05", "latency": "seconds", "traffic": "bursty", "control": "code", "ops": "minimal"}},
	{"P9", "ci-pipeline", "CI/CD: slow, costly builds and heavy integration tests on each commit, on Spot",
		map[string]string{"trigger": "commits", "run_minutes": "30", "latency": "minutes", "traffic": "bursty", "control": "runtime",
			"containers": "true", "ops": "some", "cost_sensitive": "true"}},
	{"P10", "container-migration", "monolith on a single EC2 instance, a single point of failure, to move off it in phases",
		map[string]string{"trigger": "requests", "run_minutes": "0.05", "latency": "seconds", "traffic": "steady", "stateful": "true",
			"relational": "true", "control": "runtime", "ops": "some", "migrating": "true"}},
}

// TestRecommendScenarios: for the scenario of each pattern of the source,
// recommend ranks that pattern's blueprint first, it fits, and the
// command it prints starts it with answers the blueprint accepts.
func TestRecommendScenarios(t *testing.T) {
	for _, sc := range scenarios {
		t.Run(sc.pattern, func(t *testing.T) {
			if Lookup(sc.blueprint) == nil {
				t.Skipf("blueprint %s (%s) does not exist yet", sc.blueprint, sc.pattern)
			}
			if !slices.Contains(Lookup(sc.blueprint).Sources, sc.pattern) {
				t.Fatalf("%s does not carry %s", sc.blueprint, sc.pattern)
			}
			w := workloadAnswers(t, sc.set)
			ranked := Recommend(w, All())
			if len(ranked) == 0 {
				t.Fatal("nothing ranked")
			}
			top := ranked[0]
			if top.Blueprint.ID != sc.blueprint || !top.Fits() {
				t.Errorf("%s (%s): ranked first %s (fits %v), want %s\n%s", sc.pattern, sc.says, top.Blueprint.ID, top.Fits(), sc.blueprint, rankingText(ranked))
			}
			if len(ranked) > 1 && ranked[1].Fits() && ranked[1].Score == top.Score {
				t.Errorf("%s: %s ties with %s at %d; the scenario should decide\n%s", sc.pattern, ranked[1].Blueprint.ID, top.Blueprint.ID, top.Score, rankingText(ranked))
			}
			checkCarried(t, top)
		})
	}
}

// checkCarried resolves the blueprint with the carried answers and
// defaults, as `scaffold new ID --yes --set ...` would.
func checkCarried(t *testing.T, r Recommendation) {
	t.Helper()
	if len(r.Dropped) > 0 {
		t.Errorf("%s dropped carried answers: %v", r.Blueprint.ID, r.Dropped)
	}
	given := map[string]spec.Given{}
	for _, c := range r.Carried {
		given[c.Key] = spec.Given{Value: c.Value, Source: spec.FromFlag}
	}
	if _, err := r.Blueprint.Resolve(given, nil, true); err != nil {
		t.Errorf("%s with %v: %v", r.Blueprint.ID, r.Carried, err)
	}
}

func rankingText(rs []Recommendation) string {
	var b strings.Builder
	for _, r := range rs {
		fmt.Fprintf(&b, "  %s fits=%v score=%d\n", r.Blueprint.ID, r.Fits(), r.Score)
		for _, f := range r.Reasons {
			fmt.Fprintf(&b, "    %+d %s\n", f.Points, f)
		}
		for _, f := range r.Disqualifiers {
			fmt.Fprintf(&b, "    x %s\n", f)
		}
	}
	return b.String()
}
