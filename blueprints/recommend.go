package blueprints

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/zclconf/go-cty/cty"

	"github.com/scaffold-tf/scaffold/blueprints/rules"
	"github.com/scaffold-tf/scaffold/blueprints/spec"
)

// RecommendID is the name the questions of `scaffold recommend` go by: in
// messages, in an answers file's blueprint key and in the source table's
// Carrier rows. No blueprint may take it.
const RecommendID = "recommend"

// Workload holds the questions `scaffold recommend` asks about a workload,
// as a blueprint with questions only, so the same machinery that answers
// `scaffold new` (flags, answers file, wizard, --yes, no terminal) answers
// them. It generates nothing and is not in the registry.
var Workload = sync.OnceValue(func() *spec.Blueprint {
	choice := func(v, help string) spec.Choice { return spec.Choice{Value: v, Help: help} }
	return &spec.Blueprint{
		ID:      RecommendID,
		Title:   "Which blueprint fits the workload",
		Summary: "Questions about the workload; the answers rank the blueprints that fit, each with its reasons, and exclude the others with theirs.",
		Questions: []*spec.Question{
			{
				Key:    "trigger",
				Prompt: "What starts a unit of work?",
				Help: "requests: HTTP requests from users or clients, answered while they wait. uploads: files arriving in S3 (an upload is the trigger, F14). " +
					"stream: a continuous flow of records (clicks, device readings) processed as they come (P8). schedule: fixed times, such as every night (P6). " +
					"commits: code pushed to a repository, built and tested (P9).",
				Type:    cty.String,
				Default: spec.Fixed(cty.StringVal(spec.TriggerRequests)),
				Choices: []spec.Choice{
					choice(spec.TriggerRequests, "HTTP requests from users or clients"),
					choice(spec.TriggerUploads, "files arriving in S3"),
					choice(spec.TriggerStream, "records on a stream, as they come"),
					choice(spec.TriggerSchedule, "fixed times, such as a cron schedule"),
					choice(spec.TriggerCommits, "code pushed to a repository"),
				},
			},
			{
				Key:    "run_minutes",
				Prompt: "Typical run time of one unit of work (minutes)",
				Help: "How long one request, event or job runs, in minutes: 0.01 for a quick API call, 40 for a long job. " +
					"Lambda stops a run at 15 minutes (F7) and wins for runs under 5 (F17); Fargate and Batch win beyond 15 (F16, F27).",
				Type:    cty.Number,
				Default: spec.Fixed(cty.NumberFloatVal(0.05)),
				Rules:   []spec.Rule{rules.Range(0, 100000)},
			},
			{
				Key:    "latency",
				Prompt: "How soon must results be ready?",
				Help: "seconds: a user or a caller is waiting (real time, P8). minutes or hours: the work can wait for capacity to start; " +
					"Batch is not real time, its jobs start in minutes (F23), and in exchange runs on Spot for less (P8, F21).",
				Type: cty.String,
				// Follows the trigger, so that `--set trigger=schedule --yes`
				// describes a nightly job rather than one whose results a
				// caller waits for, which no blueprint started by a schedule,
				// an upload or a commit can be.
				Default: func(a spec.Answers) cty.Value {
					return cty.StringVal(latencyByTrigger[a.String("trigger")])
				},
				DefaultText: "seconds for requests and stream, minutes for uploads and commits, hours for schedule",
				Choices: []spec.Choice{
					choice("seconds", "a user or caller waits"),
					choice("minutes", "soon, but nobody waits on it"),
					choice("hours", "by the next morning is fine"),
				},
			},
			{
				Key:    "traffic",
				Prompt: "How does the load vary?",
				Help: "steady: about the same all day. bursty: sudden peaks, far above the usual load. idle: nothing for long stretches, such as nights. " +
					"Lambda scales from 0 to 1000+ executions in a burst and costs nothing idle (F13, F17); instances bill every hour, busy or not, " +
					"and Auto Scaling needs minutes to add one (F3, F5, F26); per-request billing adds up under a steady load (F29).",
				Type:    cty.String,
				Default: spec.Fixed(cty.StringVal("steady")),
				Choices: []spec.Choice{
					choice("steady", "about the same all day"),
					choice("bursty", "sudden peaks"),
					choice("idle", "nothing for long stretches"),
				},
			},
			{
				Key:    "long_running",
				Prompt: "Does it run as a long-lived process, rather than one short run per event?",
				Help: "A server or a worker: a process that stays up between requests, keeps connections open or speaks a protocol other than HTTP needs Fargate or EC2: Fargate wins for long-running tasks (F16). " +
					"One handler run per event, then nothing, is pure event-driven work, where Lambda wins (F17).",
				Type:    cty.Bool,
				Default: spec.Fixed(cty.False),
			},
			{
				Key:    "stateful",
				Prompt: "Does the application keep state between requests, in memory or on local disk?",
				Help: "Sessions in memory, caches, files written beside the code. Lambda keeps no local data between invocations (F9) and wins for stateless work (F17); " +
					"EC2 and Fargate keep it (F2, F16).",
				Type:    cty.Bool,
				Default: spec.Fixed(cty.False),
			},
			{
				Key:     "relational",
				Prompt:  "Does it need a relational database (SQL, joins, transactions)?",
				Help:    "RDS gives a managed relational database (F2, P1, P5); the serverless API keeps items in DynamoDB, NoSQL (P2).",
				Type:    cty.Bool,
				Default: spec.Fixed(cty.False),
			},
			{
				Key:    "control",
				Prompt: "How much control of the machine does it need?",
				Help: "code: your code on a managed runtime is enough (Lambda, low control). runtime: your own container image, with its language version and system packages (Fargate, medium control). " +
					"os: the operating system itself, its agents, kernel settings and patches (EC2, full control) (F2, F16, F26).",
				Type:    cty.String,
				Default: spec.Fixed(cty.StringVal(spec.ControlCode)),
				Choices: []spec.Choice{
					choice(spec.ControlCode, "your code on a managed runtime"),
					choice(spec.ControlRuntime, "your own container image"),
					choice(spec.ControlOS, "the operating system"),
				},
			},
			{
				Key:     "containers",
				Prompt:  "Is it already packaged as container images?",
				Help:    "Fargate and Batch run container images as they are (F15); an application not yet in a container can be put in one unchanged (P5).",
				Type:    cty.Bool,
				Default: spec.Fixed(cty.False),
			},
			{
				Key:     "gpu",
				Prompt:  "Does it need GPUs?",
				Help:    "GPUs need EC2 compute environments (F22): Lambda and Fargate have none. Batch wins for heavy resources such as GPUs (F27).",
				Type:    cty.Bool,
				Default: spec.Fixed(cty.False),
			},
			{
				Key:    "ops",
				Prompt: "How much operations work does the team accept?",
				Help: "minimal: none, AWS runs everything (Lambda, maintenance none). some: container images and jobs to maintain (Fargate, low). " +
					"full: servers to patch and AMIs to bake (EC2, high) (F6, F26). Each extra compute service is more to operate (F30).",
				Type:    cty.String,
				Default: spec.Fixed(cty.StringVal(spec.OpsSome)),
				Choices: []spec.Choice{
					choice(spec.OpsMinimal, "none: AWS runs everything"),
					choice(spec.OpsSome, "images and jobs to maintain"),
					choice(spec.OpsFull, "servers to patch"),
				},
			},
			{
				Key:    "cost_sensitive",
				Prompt: "Is cost the first concern, ahead of start time?",
				Help: "Spot capacity cuts the compute bill by 70–90 % for work that can be interrupted and retried (F21); " +
					"instances bill a fixed amount every hour (F26); Lambda bills per request and per duration, so count the total cost (F29).",
				Type:    cty.Bool,
				Default: spec.Fixed(cty.False),
			},
			{
				Key:    "migrating",
				Prompt: "Are you moving an existing application off one server?",
				Help: "A monolith on a single EC2 instance is a single point of failure. The path is in three phases: containers on ECS Fargate first, " +
					"then Lambda microservices, then auto scaling and multi-AZ; not straight to Lambda, because of tangled dependencies, a database to refactor, " +
					"and containers being easier to test (P10, F28).",
				Type:    cty.Bool,
				Default: spec.Fixed(cty.False),
			},
			regionQuestion(),
			{
				Key:    "name",
				Prompt: "Project name (empty for the blueprint's default)",
				Help: "Carried to `scaffold new` as the name of the module's resources, when the blueprint chosen accepts it; " +
					"each blueprint has its own length limit, which `scaffold new` checks.",
				Type:    cty.String,
				Default: spec.Fixed(cty.StringVal("")),
				Rules: []spec.Rule{
					rules.Matches(`^([a-z][a-z0-9-]*)?$`, "be empty or start with a lowercase letter, followed by lowercase letters, digits and hyphens"),
				},
			},
		},
	}
})

// latencyByTrigger is the latency question's default for each trigger:
// what work started that way usually tolerates (a request or a stream
// record is answered within seconds, P8; a nightly job by morning, P6;
// a build or an upload's processing within minutes, P3, P9).
var latencyByTrigger = map[string]string{
	spec.TriggerRequests: "seconds",
	spec.TriggerStream:   "seconds",
	spec.TriggerUploads:  "minutes",
	spec.TriggerCommits:  "minutes",
	spec.TriggerSchedule: "hours",
}

// workload is the answers of Workload, typed.
type workload struct {
	Trigger, Latency, Traffic, Control, Ops string
	RunMinutes                              float64
	LongRunning, Stateful, Relational       bool
	Containers, GPU                         bool
	CostSensitive, Migrating                bool
}

func workloadOf(a spec.Answers) workload {
	return workload{
		Trigger: a.String("trigger"), Latency: a.String("latency"), Traffic: a.String("traffic"),
		Control: a.String("control"), Ops: a.String("ops"), RunMinutes: a.Float("run_minutes"),
		LongRunning: a.Bool("long_running"), Stateful: a.Bool("stateful"), Relational: a.Bool("relational"), Containers: a.Bool("containers"),
		GPU: a.Bool("gpu"), CostSensitive: a.Bool("cost_sensitive"), Migrating: a.Bool("migrating"),
	}
}

// Finding is what one rule says of one blueprint for one workload: a
// disqualifier (Excludes), or points for (> 0) or against (< 0) it, with
// the reason and the entries of the source it rests on.
type Finding struct {
	Rule     string   `json:"rule"`
	Excludes bool     `json:"-"`
	Points   int      `json:"points,omitempty"`
	Text     string   `json:"text"`
	Sources  []string `json:"sources"`
}

// String is the reason as recommend prints it: "text (F7, F27)".
func (f Finding) String() string {
	if len(f.Sources) == 0 {
		return f.Text
	}
	return f.Text + " (" + strings.Join(f.Sources, ", ") + ")"
}

// RecommendRule is one rule of `scaffold recommend`: generic code over a
// blueprint's Fit and the workload's answers. Sources are the entries of
// the source material it carries.
type RecommendRule struct {
	ID      string
	Says    string // the rule in general, for `scaffold explain recommend` and the source table
	Sources []string
	judge   func(w workload, b *spec.Blueprint, f *spec.Fit) []Finding
}

// RecommendRuleFor is the rule with the given id, and whether there is one.
func RecommendRuleFor(id string) (RecommendRule, bool) {
	for _, r := range RecommendRules {
		if r.ID == id {
			return r, true
		}
	}
	return RecommendRule{}, false
}

func exclude(text string, sources ...string) Finding {
	return Finding{Excludes: true, Text: text, Sources: sources}
}

func points(n int, text string, sources ...string) Finding {
	return Finding{Points: n, Text: text, Sources: sources}
}

// mainCompute is the compute the blueprint runs its work on.
func mainCompute(f *spec.Fit) string {
	if len(f.Compute) == 0 {
		return ""
	}
	return f.Compute[0]
}

// computeName is a compute service as the reasons name it.
func computeName(c string) string {
	switch c {
	case "ec2":
		return "EC2"
	case "fargate":
		return "Fargate"
	case "lambda":
		return "Lambda"
	case "batch":
		return "Batch"
	case "glue":
		return "Glue"
	case "codebuild":
		return "CodeBuild"
	case "sagemaker":
		return "SageMaker"
	}
	return c
}

// pattern is the blueprint's first architecture code (P1 … P10), or "".
func pattern(b *spec.Blueprint) []string {
	for _, s := range b.Sources {
		if strings.HasPrefix(s, "P") {
			return []string{s}
		}
	}
	return nil
}

// onMigrationPath reports whether b is a step of P10's migration path.
func onMigrationPath(b *spec.Blueprint) bool {
	return len(b.MigrationPath) > 0 && slices.Contains(b.Sources, "P10")
}

var controlLevel = map[string]int{spec.ControlCode: 0, spec.ControlRuntime: 1, spec.ControlOS: 2}
var opsLevel = map[string]int{spec.OpsMinimal: 0, spec.OpsSome: 1, spec.OpsFull: 2}

// minutesText is a run time as a reason says it: "40 minutes", "3 seconds".
func minutesText(m float64) string {
	if m < 1 {
		return spec.FormatNumber(float64(int(m*60*10+0.5))/10) + " seconds"
	}
	if m == 1 {
		return "1 minute"
	}
	return spec.FormatNumber(m) + " minutes"
}

// RecommendRules are the rules recommend applies, each with the entries of
// the source material it carries. A disqualifier is a hard limit (AWS
// stops the work, or the module lacks what it needs); points weigh the
// trade-offs the source names.
var RecommendRules = []RecommendRule{
	{
		ID:      "trigger",
		Says:    "A blueprint fits only the work that starts the way its architecture is started: requests, uploads, a stream, a schedule or commits.",
		Sources: []string{"F14", "P8"},
		judge: func(w workload, b *spec.Blueprint, f *spec.Fit) []Finding {
			if !slices.Contains(f.Triggers, w.Trigger) {
				return []Finding{exclude(fmt.Sprintf("work starts on %s, but %s starts on %s", w.Trigger, b.ID, strings.Join(f.Triggers, ", ")), pattern(b)...)}
			}
			what := b.Title
			if p := pattern(b); p != nil {
				if e, ok := SourceEntryFor(p[0]); ok {
					what = "the " + e.Title + " pattern"
				}
			}
			return []Finding{points(3, fmt.Sprintf("work starts on %s, as in %s", w.Trigger, what), pattern(b)...)}
		},
	},
	{
		ID:      "run-time-limit",
		Says:    "Work that runs longer than the limit of the blueprint's compute is excluded: Lambda stops a run at 15 minutes.",
		Sources: []string{"F7"},
		judge: func(w workload, b *spec.Blueprint, f *spec.Fit) []Finding {
			if f.MaxRunMinutes > 0 && w.RunMinutes > f.MaxRunMinutes {
				return []Finding{exclude(fmt.Sprintf("runs %s: %s excluded, %s", minutesText(w.RunMinutes), b.ID, f.MaxRunLimit))}
			}
			return nil
		},
	},
	{
		ID:      "run-length",
		Says:    "Lambda wins for short runs, under 5 minutes; Fargate, Batch and EC2, with no timeout, win for runs longer than 15 minutes.",
		Sources: []string{"F16", "F17", "F26", "F27"},
		judge: func(w workload, b *spec.Blueprint, f *spec.Fit) []Finding {
			c := mainCompute(f)
			switch {
			case w.RunMinutes < 5 && c == "lambda":
				return []Finding{points(2, fmt.Sprintf("runs %s: Lambda wins for short runs under 5 minutes", minutesText(w.RunMinutes)), "F17", "F27")}
			case w.RunMinutes > 15 && slices.Contains([]string{"fargate", "batch", "ec2"}, c):
				return []Finding{points(2, fmt.Sprintf("runs %s: %s wins for runs longer than 15 minutes, with no timeout", minutesText(w.RunMinutes), computeName(c)), "F16", "F26", "F27")}
			}
			return nil
		},
	},
	{
		ID:      "event-driven",
		Says:    "A long-lived process needs compute that stays up, Fargate or EC2: Fargate wins for long-running tasks; pure event-driven work, one run per event, is where Lambda wins.",
		Sources: []string{"F16", "F17"},
		judge: func(w workload, b *spec.Blueprint, f *spec.Fit) []Finding {
			switch {
			case w.LongRunning && !f.LongLived:
				return []Finding{exclude(fmt.Sprintf("runs as a long-lived process, but %s runs one %s run per event and stops", b.ID, computeName(mainCompute(f))), "F16")}
			case w.LongRunning:
				return []Finding{points(1, fmt.Sprintf("runs as a long-lived process: %s keep it up", longLived(mainCompute(f))), "F16")}
			case mainCompute(f) == "lambda":
				return []Finding{points(1, "pure event-driven, one run per event: Lambda wins", "F17")}
			}
			return nil
		},
	},
	{
		ID:      "state",
		Says:    "State kept between requests suits EC2 and Fargate; Lambda keeps no local data and wins for stateless work.",
		Sources: []string{"F2", "F9", "F16", "F17"},
		judge: func(w workload, b *spec.Blueprint, f *spec.Fit) []Finding {
			switch {
			case w.Stateful && f.Stateful:
				return []Finding{points(1, fmt.Sprintf("keeps state between requests: %s keep it", longLived(mainCompute(f))), "F2", "F16")}
			case w.Stateful:
				return []Finding{points(-3, fmt.Sprintf("keeps state between requests, but %s keeps no local data between runs: the state must move to a store first", computeName(mainCompute(f))), "F9")}
			case mainCompute(f) == "lambda":
				return []Finding{points(1, "stateless: Lambda wins for stateless processing", "F17")}
			}
			return nil
		},
	},
	{
		ID:      "control",
		Says:    "Control of the machine: Lambda gives low control (code on a managed runtime), Fargate medium (your container image), EC2 full (the operating system); a blueprint giving less than the workload needs is excluded.",
		Sources: []string{"F2", "F16", "F26"},
		judge: func(w workload, b *spec.Blueprint, f *spec.Fit) []Finding {
			need, has := controlLevel[w.Control], controlLevel[f.Control]
			switch {
			case need > has:
				return []Finding{exclude(fmt.Sprintf("needs control of the %s, but %s gives control of the %s only", controlText(w.Control), b.ID, controlText(f.Control)), "F26")}
			case w.Control == spec.ControlOS:
				return []Finding{points(1, "needs control of the operating system: EC2 gives full control", "F2", "F26")}
			case w.Control == spec.ControlRuntime && f.Control == spec.ControlRuntime:
				return []Finding{points(1, fmt.Sprintf("needs control of the runtime: %s runs your own container image", computeName(mainCompute(f))), "F16")}
			}
			return nil
		},
	},
	{
		ID:      "containers",
		Says:    "Work already in container images runs as it is on Fargate and Batch.",
		Sources: []string{"F15", "P4"},
		judge: func(w workload, b *spec.Blueprint, f *spec.Fit) []Finding {
			switch {
			case w.Containers && f.Containers:
				return []Finding{points(2, fmt.Sprintf("already in containers: %s runs the images as they are", computeName(mainCompute(f))), "F15")}
			case w.Containers:
				return []Finding{points(-1, fmt.Sprintf("already in containers, but %s does not run container images: the code must be repackaged", b.ID))}
			}
			return nil
		},
	},
	{
		ID:      "gpu",
		Says:    "GPUs need EC2 compute environments; Batch wins for heavy resources such as GPUs. Work that needs none does not belong on a blueprint that runs on GPU instances only.",
		Sources: []string{"F22", "F27"},
		judge: func(w workload, b *spec.Blueprint, f *spec.Fit) []Finding {
			switch {
			case w.GPU && !f.GPU:
				return []Finding{exclude(fmt.Sprintf("needs GPUs, which %s cannot give: GPUs need EC2 compute environments", b.ID), "F22")}
			case w.GPU:
				return []Finding{points(2, fmt.Sprintf("needs GPUs: %s runs them on EC2 compute environments", computeName(mainCompute(f))), "F22", "F27")}
			case f.GPUOnly:
				return []Finding{points(-3, fmt.Sprintf("needs no GPUs, but %s runs its jobs on GPU instances only, billed at GPU prices", b.ID), "F22")}
			}
			return nil
		},
	},
	{
		ID:      "traffic",
		Says:    "Bursts and idle stretches favour Lambda, which scales from zero per request; instances bill every hour and take minutes to add; per-request billing adds up under a steady load.",
		Sources: []string{"F3", "F5", "F13", "F17", "F26", "F29"},
		judge: func(w workload, b *spec.Blueprint, f *spec.Fit) []Finding {
			switch w.Traffic {
			case "bursty":
				if f.Cost == spec.CostPerExecution {
					return []Finding{points(2, "bursty: Lambda scales from 0 to 1000+ concurrent executions with each burst", "F13", "F17")}
				}
				if f.Cost == spec.CostFixed {
					return []Finding{points(-1, "bursty, but new instances take minutes to start: scaling is not instant", "F5")}
				}
			case "idle":
				var out []Finding
				if f.ScalesToZero {
					out = append(out, points(2, "idle for long stretches: the compute costs nothing while no work arrives", "F13"))
				}
				if f.Cost == spec.CostFixed {
					out = append(out, points(-1, "idle for long stretches, but instances bill every hour, busy or not; Auto Scaling only shrinks to the minimum", "F3", "F26"))
				}
				return out
			case "steady":
				if f.Cost == spec.CostPerExecution {
					return []Finding{points(-1, "steady: per-request and per-duration billing adds up when the load never stops; count the total cost", "F29")}
				}
				if !f.ScalesToZero {
					return []Finding{points(1, "steady: always-on capacity stays busy", "F26")}
				}
			}
			return nil
		},
	},
	{
		ID:      "latency",
		Says:    "Batch is not real time: its jobs start in minutes, so work whose results are needed in seconds excludes it; work that can wait runs on Batch and Spot for less. Rarely used functions start cold.",
		Sources: []string{"F10", "F23", "P8", "F28"},
		judge: func(w workload, b *spec.Blueprint, f *spec.Fit) []Finding {
			switch {
			case w.Latency == "seconds" && f.Start == spec.StartMinutes:
				return []Finding{exclude(fmt.Sprintf("results are needed in seconds, but %s starts its work in minutes: not real time", b.ID), "F23")}
			case w.Latency != "seconds" && f.Start == spec.StartMinutes && f.Spot:
				return []Finding{points(1, fmt.Sprintf("results can wait %s: batch on Spot costs less than real time", w.Latency), "P8")}
			case w.Latency == "seconds" && w.Traffic == "idle" && mainCompute(f) == "lambda":
				return []Finding{points(-1, "results are needed in seconds after idle stretches: a function not used for a while starts cold, and the first request waits", "F10", "F28")}
			}
			return nil
		},
	},
	{
		ID:      "relational",
		Says:    "A relational database is RDS's job (RDS runs on EC2); the serverless API keeps NoSQL items in DynamoDB; an RDS instance not needed still bills every hour.",
		Sources: []string{"F2", "P2", "F29"},
		judge: func(w workload, b *spec.Blueprint, f *spec.Fit) []Finding {
			switch {
			case w.Relational && f.Relational:
				return []Finding{points(2, "needs a relational database: the module holds one on RDS", "F2")}
			case w.Relational:
				return []Finding{points(-2, fmt.Sprintf("needs a relational database, which %s does not hold", b.ID), "F2")}
			case f.Relational:
				return []Finding{points(-1, fmt.Sprintf("needs no relational database, but %s holds one on RDS, billed every hour", b.ID), "F29")}
			}
			return nil
		},
	},
	{
		ID:      "operations",
		Says:    "Maintenance is high on EC2 (OS patching, baked AMIs), low on Fargate, none on Lambda; a team that accepts none excludes EC2. Each extra compute service is more to operate.",
		Sources: []string{"F6", "F26", "F30"},
		judge: func(w workload, b *spec.Blueprint, f *spec.Fit) []Finding {
			var out []Finding
			accept, needs := opsLevel[w.Ops], opsLevel[f.Ops]
			switch {
			case accept == opsLevel[spec.OpsMinimal] && needs == opsLevel[spec.OpsFull]:
				return []Finding{exclude(fmt.Sprintf("the team accepts no operations work, but %s leaves OS patching and AMIs to it: maintenance is high on EC2", b.ID), "F6", "F26")}
			case needs > accept:
				out = append(out, points(accept-needs, fmt.Sprintf("%s asks more operations work (%s) than the team accepts (%s)", b.ID, f.Ops, w.Ops), "F26"))
			case needs == accept:
				out = append(out, points(1, fmt.Sprintf("the operations work it leaves (%s) is what the team accepts", f.Ops), "F26"))
			}
			if len(f.Compute) > 1 && w.Ops != spec.OpsFull {
				var names []string
				for _, c := range f.Compute {
					names = append(names, computeName(c))
				}
				out = append(out, points(-1, fmt.Sprintf("runs %s: more than one compute service to operate", strings.Join(names, " and ")), "F30"))
			}
			return out
		},
	},
	{
		ID:      "cost",
		Says:    "When cost comes first, Spot cuts the compute bill by 70–90 %, and instances billed every hour cost most when the load is not steady.",
		Sources: []string{"F21", "F26"},
		judge: func(w workload, b *spec.Blueprint, f *spec.Fit) []Finding {
			if !w.CostSensitive {
				return nil
			}
			switch {
			case f.Spot:
				return []Finding{points(2, "cost comes first: Spot capacity cuts the compute bill by 70–90 %", "F21")}
			case f.Cost == spec.CostFixed && w.Traffic != "steady":
				return []Finding{points(-1, "cost comes first, but instances cost a fixed amount every hour whatever the load", "F26")}
			}
			return nil
		},
	},
	{
		ID:      "migration",
		Says:    "A monolith moving off one server goes to ECS Fargate first (phase 1), then Lambda microservices, then auto scaling and multi-AZ; not straight to Lambda, and not Lambda for everything, which brings cold starts, timeouts and lock-in.",
		Sources: []string{"P10", "F28"},
		judge: func(w workload, b *spec.Blueprint, f *spec.Fit) []Finding {
			if !w.Migrating {
				return nil
			}
			switch {
			case onMigrationPath(b):
				return []Finding{points(4, "moving an application off one server: containerise it first, phase 1 of the migration path", "P10")}
			case mainCompute(f) == "lambda":
				return []Finding{points(-2, "moving an application off one server, but not straight to Lambda: tangled dependencies, a database to refactor, and containers are easier to test", "P10", "F28")}
			}
			return nil
		},
	},
}

// longLived names what keeps state on a compute service.
func longLived(c string) string {
	switch c {
	case "ec2":
		return "EC2 instances"
	case "fargate":
		return "long-lived Fargate tasks"
	}
	return computeName(c) + " runs"
}

func controlText(c string) string {
	switch c {
	case spec.ControlOS:
		return "operating system"
	case spec.ControlRuntime:
		return "runtime (a container image)"
	}
	return "code (a managed runtime)"
}

// Recommendation is one blueprint weighed against a workload.
type Recommendation struct {
	Blueprint *spec.Blueprint
	// Score is the sum of the points of Reasons.
	Score int
	// Reasons are the findings with points, for and against.
	Reasons []Finding
	// Disqualifiers are the findings that exclude the blueprint; empty
	// when it fits.
	Disqualifiers []Finding
	// Carried are the answers of the blueprint that follow from the
	// workload's, in key order; Dropped, those it refused, with why.
	Carried []CarriedAnswer
	Dropped []string
}

// Fits reports whether no rule excluded the blueprint.
func (r Recommendation) Fits() bool { return len(r.Disqualifiers) == 0 }

// CarriedAnswer is one answer carried to `scaffold new`.
type CarriedAnswer struct {
	Key   string
	Value cty.Value
}

// Judge applies every rule to b for the workload answers w.
func Judge(w spec.Answers, b *spec.Blueprint) Recommendation {
	wl := workloadOf(w)
	r := Recommendation{Blueprint: b}
	for _, rule := range RecommendRules {
		for _, fd := range rule.judge(wl, b, b.Fit) {
			fd.Rule = rule.ID
			if fd.Sources == nil {
				fd.Sources = []string{}
			}
			if fd.Excludes {
				r.Disqualifiers = append(r.Disqualifiers, fd)
				continue
			}
			r.Reasons = append(r.Reasons, fd)
			r.Score += fd.Points
		}
	}
	r.Carried, r.Dropped = Carry(w, b)
	return r
}

// Recommend ranks the blueprints that have a Fit for the workload answers
// w: those no rule excludes first, by score, then the excluded ones, by
// fewer disqualifiers and then score; ties keep the order of candidates.
func Recommend(w spec.Answers, candidates []*spec.Blueprint) []Recommendation {
	var out []Recommendation
	for _, b := range candidates {
		if b.Fit == nil {
			continue
		}
		out = append(out, Judge(w, b))
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Fits() != b.Fits() {
			return a.Fits()
		}
		if len(a.Disqualifiers) != len(b.Disqualifiers) {
			return len(a.Disqualifiers) < len(b.Disqualifiers)
		}
		return a.Score > b.Score
	})
	return out
}

// Carry is the answers of b that follow from the workload answers w:
// region (when not b's default) and name (when given), then what b's Fit
// carries, keeping only those b accepts alongside its defaults, so that
// `scaffold new ID --yes` with them succeeds. Dropped says which were left
// out and why.
func Carry(w spec.Answers, b *spec.Blueprint) ([]CarriedAnswer, []string) {
	want := map[string]cty.Value{}
	if q := b.Question("region"); q != nil && w.String("region") != "" && w.String("region") != q.Default(spec.Answers{}).AsString() {
		want["region"] = w.Get("region")
	}
	if b.Question("name") != nil && w.String("name") != "" {
		want["name"] = w.Get("name")
	}
	if b.Fit != nil && b.Fit.Carry != nil {
		for k, v := range b.Fit.Carry(w) {
			want[k] = v
		}
	}
	var dropped []string
	for len(want) > 0 {
		given := map[string]spec.Given{}
		for k, v := range want {
			given[k] = spec.Given{Value: v, Source: spec.FromFlag}
		}
		_, err := b.Resolve(given, nil, true)
		var diags spec.Diagnostics
		if err == nil || !errors.As(err, &diags) {
			break
		}
		removed := false
		for _, d := range diags {
			if _, ok := want[d.Key]; ok {
				delete(want, d.Key)
				dropped = append(dropped, d.Error())
				removed = true
			}
		}
		if !removed { // a default fails beside them: carry nothing rather than a broken set
			for k := range want {
				dropped = append(dropped, fmt.Sprintf("%s left out: %v", k, err))
			}
			want = nil
		}
	}
	keys := make([]string, 0, len(want))
	for k := range want {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([]CarriedAnswer, len(keys))
	for i, k := range keys {
		out[i] = CarriedAnswer{Key: k, Value: want[k]}
	}
	return out, dropped
}

// NewCommand is the `scaffold new` command line that starts b with the
// carried answers, as arguments (values quoted for a shell where needed).
func (r Recommendation) NewCommand() []string {
	args := []string{"scaffold", "new", r.Blueprint.ID}
	for _, c := range r.Carried {
		args = append(args, "--set", c.Key+"="+spec.Display(c.Value))
	}
	return args
}

// MigrationPathFor is, when the workload moves an application off one
// server, the phases of P10 as the blueprints on that path say them, each
// with the blueprint that carries it; nil otherwise.
func MigrationPathFor(w spec.Answers, candidates []*spec.Blueprint) (steps []string, carrier *spec.Blueprint) {
	if !w.Bool("migrating") {
		return nil, nil
	}
	for _, b := range candidates {
		if onMigrationPath(b) {
			return spec.AllTexts(b.MigrationPath), b
		}
	}
	return nil, nil
}
