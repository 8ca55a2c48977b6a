package blueprints

import (
	"fmt"
	"maps"
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
	// The source gives P1 in its EC2 chapter, after "when to choose EC2"
	// (F2): stateful applications, full control of the OS, relational
	// databases. The team's operations work is left at its default.
	{"P1", "web-app", "traditional web app: requests served by long-running servers, stateful, full control of the OS, relational database (F2)",
		map[string]string{"long_running": "true", "trigger": "requests", "run_minutes": "0.01", "latency": "seconds", "traffic": "steady", "stateful": "true",
			"relational": "true", "control": "os", "containers": "false"}},
	{"P2", "serverless-api", "serverless API: short, stateless requests in bursts, no servers to manage, NoSQL items",
		map[string]string{"trigger": "requests", "run_minutes": "0.01", "latency": "seconds", "traffic": "bursty", "stateful": "false",
			"relational": "false", "control": "code", "ops": "minimal"}},
	{"P3", "s3-etl", "data pipeline: uploads to S3 transformed by Lambda and Glue into Redshift",
		map[string]string{"trigger": "uploads", "run_minutes": "10", "latency": "minutes", "traffic": "bursty", "control": "code", "ops": "minimal"}},
	{"P4", "container-service", "microservices already in containers behind an ALB, each scaled on its own, sharing files on EFS",
		map[string]string{"long_running": "true", "trigger": "requests", "run_minutes": "0.05", "latency": "seconds", "traffic": "bursty", "stateful": "true",
			"control": "runtime", "containers": "true", "ops": "some"}},
	{"P5", "container-migration", "lift-and-shift: a legacy app put in a container as it is, on Fargate, its database moved to RDS",
		map[string]string{"long_running": "true", "trigger": "requests", "run_minutes": "0.1", "latency": "seconds", "traffic": "steady", "stateful": "true",
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
		map[string]string{"long_running": "true", "trigger": "requests", "run_minutes": "0.05", "latency": "seconds", "traffic": "steady", "stateful": "true",
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
			if Lookup(sc.blueprint).Fit == nil {
				t.Fatalf("%s has no Fit: declare its traits (spec.Fit) in its file so recommend ranks it", sc.blueprint)
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

// TestRecommendUploadsWithoutGPU: files arriving in S3 to transform, with
// no GPU and every other answer left at its default, are P3's data
// pipeline, not P7's GPU training pipeline, which ranked first before
// the gpu rule weighed GPU-only blueprints.
func TestRecommendUploadsWithoutGPU(t *testing.T) {
	w := workloadAnswers(t, map[string]string{"trigger": "uploads", "run_minutes": "10", "latency": "minutes"})
	ranked := Recommend(w, All())
	if ranked[0].Blueprint.ID != "s3-etl" {
		t.Errorf("ranked first %s, want s3-etl\n%s", ranked[0].Blueprint.ID, rankingText(ranked))
	}
}

// TestRecommendEachTriggerAlone: naming only what starts the work, every
// other answer at its default, ranks first a blueprint that fits; with a
// latency default of seconds whatever the trigger, a schedule, an upload
// or a commit found none (every Batch or Glue blueprint excluded as not
// real time).
func TestRecommendEachTriggerAlone(t *testing.T) {
	for _, c := range Workload().Question("trigger").Choices {
		ranked := Recommend(workloadAnswers(t, map[string]string{"trigger": c.Value}), All())
		if len(ranked) == 0 || !ranked[0].Fits() {
			t.Errorf("trigger=%s alone: nothing fits\n%s", c.Value, rankingText(ranked))
		}
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

// ruleCase is one finding a rule must make: a workload (answers over the
// defaults) against a blueprint with fit, and the finding of rule expected:
// an exclusion, or points (0: the rule says nothing).
type ruleCase struct {
	rule     string
	fit      spec.Fit
	set      map[string]string
	excludes bool
	points   int
	says     string // the finding's text holds it
	sources  []string
	path     bool // the blueprint is on P10's migration path
}

// lambdaFit, fargateFit, ec2Fit and batchFit are the traits of the kinds
// of blueprint the rules tell apart.
var (
	lambdaFit = spec.Fit{Compute: []string{"lambda"}, Triggers: []string{"requests"}, MaxRunMinutes: 15, MaxRunLimit: "Lambda stops a run at 15 minutes (F7)",
		Control: spec.ControlCode, Start: spec.StartSeconds, Ops: spec.OpsMinimal, Cost: spec.CostPerExecution, ScalesToZero: true}
	fargateFit = spec.Fit{Compute: []string{"fargate"}, Triggers: []string{"requests"}, LongLived: true, Stateful: true, Control: spec.ControlRuntime, Containers: true,
		Start: spec.StartSeconds, Ops: spec.OpsSome, Cost: spec.CostPerTask}
	ec2Fit = spec.Fit{Compute: []string{"ec2"}, Triggers: []string{"requests"}, LongLived: true, Stateful: true, Control: spec.ControlOS, Start: spec.StartSeconds,
		Relational: true, Ops: spec.OpsFull, Cost: spec.CostFixed}
	batchFit = spec.Fit{Compute: []string{"batch"}, Triggers: []string{"schedule"}, Control: spec.ControlRuntime, Containers: true, GPU: true,
		Start: spec.StartMinutes, Ops: spec.OpsSome, Cost: spec.CostPerTask, ScalesToZero: true, Spot: true}
)

func with(f spec.Fit, edit func(*spec.Fit)) spec.Fit { edit(&f); return f }

var ruleCases = []ruleCase{
	{rule: "trigger", fit: lambdaFit, set: map[string]string{"trigger": "schedule"}, excludes: true, says: "work starts on schedule, but test starts on requests", sources: []string{"P1"}},
	{rule: "trigger", fit: lambdaFit, set: map[string]string{"trigger": "requests"}, points: 3, says: "as in the Traditional web app pattern", sources: []string{"P1"}},
	{rule: "trigger", fit: lambdaFit, set: map[string]string{"trigger": "requests"}, points: 3, says: "starts on requests"},
	{rule: "run-time-limit", fit: lambdaFit, set: map[string]string{"run_minutes": "40"}, excludes: true, says: "runs 40 minutes: test excluded, Lambda stops a run at 15 minutes (F7)"},
	{rule: "run-time-limit", fit: lambdaFit, set: map[string]string{"run_minutes": "15"}},
	{rule: "run-time-limit", fit: fargateFit, set: map[string]string{"run_minutes": "600"}},
	{rule: "run-length", fit: lambdaFit, set: map[string]string{"run_minutes": "4.9"}, points: 2, says: "Lambda wins for short runs", sources: []string{"F17", "F27"}},
	{rule: "run-length", fit: lambdaFit, set: map[string]string{"run_minutes": "5"}},
	{rule: "run-length", fit: fargateFit, set: map[string]string{"run_minutes": "16"}, points: 2, says: "Fargate wins for runs longer than 15 minutes", sources: []string{"F16", "F26", "F27"}},
	{rule: "run-length", fit: batchFit, set: map[string]string{"run_minutes": "40"}, points: 2, says: "Batch wins"},
	{rule: "run-length", fit: fargateFit, set: map[string]string{"run_minutes": "15"}},
	{rule: "event-driven", fit: lambdaFit, set: map[string]string{"long_running": "true"}, excludes: true, says: "runs as a long-lived process, but test runs one Lambda run per event and stops", sources: []string{"F16"}},
	{rule: "event-driven", fit: batchFit, set: map[string]string{"long_running": "true"}, excludes: true, says: "one Batch run per event"},
	{rule: "event-driven", fit: fargateFit, set: map[string]string{"long_running": "true"}, points: 1, says: "long-lived Fargate tasks keep it up", sources: []string{"F16"}},
	{rule: "event-driven", fit: lambdaFit, set: map[string]string{"long_running": "false"}, points: 1, says: "pure event-driven", sources: []string{"F17"}},
	{rule: "event-driven", fit: ec2Fit, set: map[string]string{"long_running": "false"}},
	{rule: "state", fit: lambdaFit, set: map[string]string{"stateful": "true"}, points: -3, says: "keeps no local data", sources: []string{"F9"}},
	{rule: "state", fit: fargateFit, set: map[string]string{"stateful": "true"}, points: 1, says: "long-lived Fargate tasks keep it", sources: []string{"F2", "F16"}},
	{rule: "state", fit: lambdaFit, set: map[string]string{"stateful": "false"}, points: 1, says: "stateless", sources: []string{"F17"}},
	{rule: "state", fit: fargateFit, set: map[string]string{"stateful": "false"}},
	{rule: "control", fit: lambdaFit, set: map[string]string{"control": "runtime"}, excludes: true, says: "needs control of the runtime", sources: []string{"F26"}},
	{rule: "control", fit: fargateFit, set: map[string]string{"control": "os"}, excludes: true, says: "needs control of the operating system"},
	{rule: "control", fit: ec2Fit, set: map[string]string{"control": "os"}, points: 1, sources: []string{"F2", "F26"}},
	{rule: "control", fit: fargateFit, set: map[string]string{"control": "runtime"}, points: 1, sources: []string{"F16"}},
	{rule: "control", fit: batchFit, set: map[string]string{"control": "runtime"}, points: 1, says: "Batch runs your own container image"},
	{rule: "control", fit: ec2Fit, set: map[string]string{"control": "code"}},
	{rule: "containers", fit: fargateFit, set: map[string]string{"containers": "true"}, points: 2, sources: []string{"F15"}},
	{rule: "containers", fit: lambdaFit, set: map[string]string{"containers": "true"}, points: -1, says: "must be repackaged"},
	{rule: "containers", fit: fargateFit, set: map[string]string{"containers": "false"}},
	{rule: "gpu", fit: fargateFit, set: map[string]string{"gpu": "true"}, excludes: true, says: "needs GPUs", sources: []string{"F22"}},
	{rule: "gpu", fit: batchFit, set: map[string]string{"gpu": "true"}, points: 2, sources: []string{"F22", "F27"}},
	{rule: "gpu", fit: fargateFit, set: map[string]string{"gpu": "false"}},
	{rule: "gpu", fit: batchFit, set: map[string]string{"gpu": "false"}},
	{rule: "gpu", fit: with(batchFit, func(f *spec.Fit) { f.GPUOnly = true }), set: map[string]string{"gpu": "false"}, points: -3, says: "needs no GPUs, but test runs its jobs on GPU instances only", sources: []string{"F22"}},
	{rule: "gpu", fit: with(batchFit, func(f *spec.Fit) { f.GPUOnly = true }), set: map[string]string{"gpu": "true"}, points: 2},
	{rule: "traffic", fit: lambdaFit, set: map[string]string{"traffic": "bursty"}, points: 2, sources: []string{"F13", "F17"}},
	{rule: "traffic", fit: ec2Fit, set: map[string]string{"traffic": "bursty"}, points: -1, says: "minutes to start", sources: []string{"F5"}},
	{rule: "traffic", fit: fargateFit, set: map[string]string{"traffic": "bursty"}},
	{rule: "traffic", fit: lambdaFit, set: map[string]string{"traffic": "idle"}, points: 2, sources: []string{"F13"}},
	{rule: "traffic", fit: ec2Fit, set: map[string]string{"traffic": "idle"}, points: -1, says: "busy or not", sources: []string{"F3", "F26"}},
	{rule: "traffic", fit: lambdaFit, set: map[string]string{"traffic": "steady"}, points: -1, says: "count the total cost", sources: []string{"F29"}},
	{rule: "traffic", fit: ec2Fit, set: map[string]string{"traffic": "steady"}, points: 1, sources: []string{"F26"}},
	{rule: "traffic", fit: fargateFit, set: map[string]string{"traffic": "steady"}, points: 1, says: "always-on"},
	{rule: "traffic", fit: batchFit, set: map[string]string{"traffic": "steady"}},
	{rule: "latency", fit: batchFit, set: map[string]string{"latency": "seconds"}, excludes: true, says: "not real time", sources: []string{"F23"}},
	{rule: "latency", fit: batchFit, set: map[string]string{"latency": "hours"}, points: 1, says: "batch on Spot costs less", sources: []string{"P8"}},
	{rule: "latency", fit: with(batchFit, func(f *spec.Fit) { f.Spot = false }), set: map[string]string{"latency": "hours"}},
	{rule: "latency", fit: lambdaFit, set: map[string]string{"latency": "seconds", "traffic": "idle"}, points: -1, says: "starts cold", sources: []string{"F10", "F28"}},
	{rule: "latency", fit: lambdaFit, set: map[string]string{"latency": "seconds", "traffic": "steady"}},
	{rule: "relational", fit: ec2Fit, set: map[string]string{"relational": "true"}, points: 2, sources: []string{"F2"}},
	{rule: "relational", fit: lambdaFit, set: map[string]string{"relational": "true"}, points: -2, says: "does not hold", sources: []string{"F2"}},
	{rule: "relational", fit: ec2Fit, set: map[string]string{"relational": "false"}, points: -1, says: "billed every hour", sources: []string{"F29"}},
	{rule: "relational", fit: lambdaFit, set: map[string]string{"relational": "false"}},
	{rule: "operations", fit: ec2Fit, set: map[string]string{"ops": "minimal"}, excludes: true, says: "maintenance is high on EC2", sources: []string{"F6", "F26"}},
	{rule: "operations", fit: ec2Fit, set: map[string]string{"ops": "some"}, points: -1, says: "more operations work (full) than the team accepts (some)", sources: []string{"F26"}},
	{rule: "operations", fit: fargateFit, set: map[string]string{"ops": "minimal"}, points: -1, says: "more operations work (some)"},
	{rule: "operations", fit: fargateFit, set: map[string]string{"ops": "some"}, points: 1, sources: []string{"F26"}},
	{rule: "operations", fit: ec2Fit, set: map[string]string{"ops": "full"}, points: 1},
	{rule: "operations", fit: lambdaFit, set: map[string]string{"ops": "full"}},
	{rule: "operations", fit: with(lambdaFit, func(f *spec.Fit) { f.Compute = []string{"lambda", "glue"} }), set: map[string]string{"ops": "minimal"}, points: 0, says: "runs Lambda and Glue: more than one compute service to operate", sources: []string{"F30"}},
	{rule: "cost", fit: batchFit, set: map[string]string{"cost_sensitive": "true"}, points: 2, says: "70–90 %", sources: []string{"F21"}},
	{rule: "cost", fit: ec2Fit, set: map[string]string{"cost_sensitive": "true", "traffic": "bursty"}, points: -1, says: "fixed amount every hour", sources: []string{"F26"}},
	{rule: "cost", fit: ec2Fit, set: map[string]string{"cost_sensitive": "true", "traffic": "steady"}},
	{rule: "cost", fit: batchFit, set: map[string]string{"cost_sensitive": "false"}},
	{rule: "migration", fit: lambdaFit, set: map[string]string{"migrating": "true"}, points: -2, says: "not straight to Lambda", sources: []string{"P10", "F28"}},
	{rule: "migration", fit: ec2Fit, set: map[string]string{"migrating": "true"}},
	{rule: "migration", fit: fargateFit, path: true, set: map[string]string{"migrating": "true"}, points: 4, says: "phase 1", sources: []string{"P10"}},
	{rule: "migration", fit: fargateFit, path: true, set: map[string]string{"migrating": "false"}},
	{rule: "migration", fit: lambdaFit, set: map[string]string{"migrating": "false"}},
}

// TestRecommendRules checks each rule's finding, or its silence, case by
// case, and that every rule has a case where it excludes or gives points.
func TestRecommendRules(t *testing.T) {
	said := map[string]bool{}
	for i, c := range ruleCases {
		fit := c.fit
		b := &spec.Blueprint{ID: "test", Title: "Test", Sources: []string{"P1"}, Fit: &fit}
		if c.path {
			b.Sources = []string{"P5", "P10"}
			b.MigrationPath = []string{"Phase 1"}
		}
		r := Judge(workloadAnswers(t, c.set), b)
		var got []Finding
		for _, f := range append(append([]Finding(nil), r.Disqualifiers...), r.Reasons...) {
			if f.Rule == c.rule {
				got = append(got, f)
			}
		}
		name := fmt.Sprintf("case %d (%s, %v)", i, c.rule, c.set)
		if _, ok := RecommendRuleFor(c.rule); !ok {
			t.Errorf("%s: no rule %q", name, c.rule)
			continue
		}
		if !c.excludes && c.points == 0 && c.says == "" {
			if len(got) > 0 {
				t.Errorf("%s: want no finding, got %v", name, got)
			}
			continue
		}
		said[c.rule] = true
		var match *Finding
		for i := range got {
			if got[i].Excludes == c.excludes && strings.Contains(got[i].Text, c.says) && (c.points == 0 || got[i].Points == c.points) {
				match = &got[i]
			}
		}
		if match == nil {
			t.Errorf("%s: want excludes=%v points=%d saying %q, got %+v", name, c.excludes, c.points, c.says, got)
			continue
		}
		if c.sources != nil && !slices.Equal(match.Sources, c.sources) {
			t.Errorf("%s: sources %v, want %v", name, match.Sources, c.sources)
		}
		rule, _ := RecommendRuleFor(c.rule)
		for _, s := range match.Sources {
			if !slices.Contains(rule.Sources, s) && !slices.Contains(b.Sources, s) {
				t.Errorf("%s: the finding cites %s, which the rule does not list in its Sources", name, s)
			}
		}
		if c.excludes && !slices.ContainsFunc(r.Disqualifiers, func(f Finding) bool { return f.Text == match.Text }) {
			t.Errorf("%s: an exclusion not among the disqualifiers", name)
		}
	}
	for _, r := range RecommendRules {
		if !said[r.ID] {
			t.Errorf("rule %s has no case where it excludes or gives points", r.ID)
		}
		if r.Says == "" || len(r.Sources) == 0 {
			t.Errorf("rule %s: say what it does and which entries of the source it carries", r.ID)
		}
		for _, s := range r.Sources {
			if _, ok := SourceEntryFor(s); !ok {
				t.Errorf("rule %s cites %s, which is no entry of the source", r.ID, s)
			}
		}
	}
}

// TestRecommendCarry: the answers carried to `scaffold new` are those the
// workload implies and the blueprint accepts; one it refuses is dropped
// with the blueprint's own reason.
func TestRecommendCarry(t *testing.T) {
	batch := Lookup("scheduled-batch")
	carried := func(set map[string]string, b *spec.Blueprint) (map[string]string, []string) {
		cs, dropped := Carry(workloadAnswers(t, set), b)
		out := map[string]string{}
		for _, c := range cs {
			out[c.Key] = spec.Display(c.Value)
		}
		checkCarried(t, Recommendation{Blueprint: b, Carried: cs})
		return out, dropped
	}
	cases := []struct {
		set  map[string]string
		b    *spec.Blueprint
		want map[string]string
	}{
		{map[string]string{"trigger": "schedule"}, batch, map[string]string{}},
		{map[string]string{"gpu": "true"}, batch, map[string]string{"compute": "ec2_spot", "gpus": "1", "instance_types": "g5"}},
		{map[string]string{"cost_sensitive": "true"}, batch, map[string]string{"compute": "fargate_spot"}},
		{map[string]string{"gpu": "true", "cost_sensitive": "true"}, batch, map[string]string{"compute": "ec2_spot", "gpus": "1", "instance_types": "g5"}},
		{map[string]string{"region": "eu-west-3", "name": "shop"}, Lookup("web-app"), map[string]string{"region": "eu-west-3", "name": "shop"}},
		{map[string]string{"region": "us-east-1"}, Lookup("web-app"), map[string]string{}},
	}
	for _, c := range cases {
		got, dropped := carried(c.set, c.b)
		if !maps.Equal(got, c.want) || len(dropped) > 0 {
			t.Errorf("%s with %v: carried %v (dropped %v), want %v", c.b.ID, c.set, got, dropped, c.want)
		}
	}
	// A name longer than the blueprint's limit is the blueprint's to refuse.
	long := "a" + strings.Repeat("b", 60)
	got, dropped := carried(map[string]string{"name": long, "region": "eu-west-1"}, Lookup("web-app"))
	if _, ok := got["name"]; ok || got["region"] != "eu-west-1" || len(dropped) != 1 || !strings.Contains(dropped[0], "name = ") {
		t.Errorf("a name too long for web-app: carried %v, dropped %v; want the name dropped with web-app's reason and the region kept", got, dropped)
	}
}

// TestRecommendCitesResolve: every code recommend's questions cite in
// their help names an entry of the source material.
func TestRecommendCitesResolve(t *testing.T) {
	n := 0
	for _, q := range Workload().Questions {
		for _, code := range citation.FindAllString(q.Help, -1) {
			n++
			if _, ok := SourceEntryFor(code); !ok {
				t.Errorf("recommend's %s cites %s, which is no entry of the source material", q.Key, code)
			}
		}
	}
	if n == 0 {
		t.Error("recommend's questions cite no entry of the source; their help should say where each trade-off comes from")
	}
}

// TestEveryBlueprintHasFit: every blueprint declares its traits, with
// values recommend knows, so it enters the ranking; a typo in a trait would
// otherwise make a rule silently pass it by.
func TestEveryBlueprintHasFit(t *testing.T) {
	triggers := Workload().Question("trigger").ChoiceValues()
	known := func(field, v string, values ...string) {
		if !slices.Contains(values, v) {
			t.Errorf("%s %q is not one of %v", field, v, values)
		}
	}
	for _, b := range All() {
		f := b.Fit
		if f == nil {
			t.Errorf("%s has no Fit: declare its traits (spec.Fit) in its file so scaffold recommend ranks it", b.ID)
			continue
		}
		if len(f.Compute) == 0 || len(f.Triggers) == 0 {
			t.Errorf("%s: Fit needs its compute services and its triggers", b.ID)
		}
		for _, tr := range f.Triggers {
			known(b.ID+": trigger", tr, triggers...)
		}
		for _, c := range f.Compute {
			known(b.ID+": compute", c, "ec2", "fargate", "lambda", "batch", "glue", "codebuild", "sagemaker")
		}
		known(b.ID+": Control", f.Control, spec.ControlCode, spec.ControlRuntime, spec.ControlOS)
		known(b.ID+": Start", f.Start, spec.StartSeconds, spec.StartMinutes)
		known(b.ID+": Ops", f.Ops, spec.OpsMinimal, spec.OpsSome, spec.OpsFull)
		known(b.ID+": Cost", f.Cost, spec.CostFixed, spec.CostPerTask, spec.CostPerExecution)
		if (f.MaxRunMinutes > 0) != (f.MaxRunLimit != "") {
			t.Errorf("%s: MaxRunMinutes %v and MaxRunLimit %q go together", b.ID, f.MaxRunMinutes, f.MaxRunLimit)
		}
		if f.GPU && !slices.Contains(b.Sources, "F22") {
			t.Errorf("%s: GPU without F22 among its sources", b.ID)
		}
	}
}
