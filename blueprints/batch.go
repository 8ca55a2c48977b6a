package blueprints

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/zclconf/go-cty/cty"
)

func init() { register(ScheduledBatch) }

// ScheduledBatch is P6, nightly processing: EventBridge (cron) → Batch job →
// S3.
func ScheduledBatch() *Blueprint {
	onEC2 := func(a Answers) bool { return a.String("compute") == "ec2_spot" }
	const ec2When = "compute is ec2_spot"
	return &Blueprint{
		ID:    "scheduled-batch",
		Title: "Scheduled batch processing",
		Flow:  "EventBridge → Batch → S3",
		Summary: "A containerised job that EventBridge submits to AWS Batch on a cron or rate schedule; " +
			"Batch runs it on Fargate, Fargate Spot or EC2 Spot in private subnets, retries it, stops it at a timeout, " +
			"and the job writes its results to an encrypted, versioned S3 bucket whose objects expire.",
		Why: []string{
			"EventBridge fires at a fixed time, with no server waiting for it; an event it fails to submit lands in an encrypted dead-letter queue instead of vanishing (P6, F24).",
			"AWS Batch queues the job, finds capacity for it, retries it when it fails and stops an attempt that outlives its timeout (F20).",
			"The compute environment runs on Fargate (no instances to manage) or on Spot capacity, 70–90 % cheaper for work that can be interrupted and retried (F21).",
			"Jobs run in private subnets over several zones, with no inbound access and HTTPS-only egress; EC2 instances require IMDSv2 and keep their own credentials out of the containers (F25).",
			"The job's role may read and write its output prefix and nothing else; the execution role that pulls the image and writes logs is a separate identity.",
			"S3 receives the results: versioned so a rerun never destroys the last good output, encrypted with the module's KMS key, expired by a lifecycle rule so storage does not grow forever (F24).",
		},
		ChooseWhen: []string{
			"Work that runs longer than Lambda's 15 minutes or needs more than its 10 GB of memory (F7, F8, F27).",
			"Heavy jobs on a fixed schedule: nightly ETL, reports, re-indexing, model training (P6, F27).",
			"Cost matters more than start time: Spot capacity cuts the bill by 70–90 % (F21).",
			"GPU or memory-heavy work, on EC2 compute environments (F22, F27).",
		},
		AvoidWhen: []string{
			"Results are needed within seconds: Batch jobs start in minutes, not instantly (F23); use Lambda or Kinesis + Lambda (P8).",
			"Short, event-driven, stateless tasks under 5 minutes: Lambda is simpler and costs nothing when idle (F17, F27).",
			"Many interdependent steps running in parallel: Batch dependencies get complex; orchestrate with Step Functions (F23, F24).",
		},
		Pitfalls: []string{
			"Not real time: a submitted job waits minutes for capacity (longer on EC2, which boots instances) before it starts (F23).",
			"Spot capacity can be reclaimed mid-run; Batch retries the job up to job_attempts times, so the job must be safe to run twice, or checkpoint its progress (F20, F21).",
			"Fargate accepts only fixed vCPU and memory pairs (1 vCPU: 2 to 8 GB); scaffold and the variable validations refuse the others (F15).",
			"GPUs need an EC2 compute environment with GPU instance types; Fargate has none (F22).",
			"Dependencies between jobs and parallel fan-out get complex quickly; beyond a few steps, move the orchestration to Step Functions (F23, F24).",
			"Rule schedules are evaluated in UTC: cron(0 2 * * ? *) runs at 02:00 UTC, not at 02:00 local time.",
			"A job that asks for more vCPUs or memory than the environment can ever give is cancelled after 10 minutes in RUNNABLE; check max_vcpus and instance_types when jobs vanish.",
			"In prod the output bucket keeps its objects on destroy: empty it first, or terraform destroy stops at it.",
			"Batch's first managed compute environment in an account needs the service-linked role AWSServiceRoleForBatch; Batch creates it if you may call iam:CreateServiceLinkedRole.",
		},
		Sources: []string{"P6", "P8", "F1", "F7", "F8", "F15", "F17", "F20", "F21", "F22", "F23", "F24", "F25", "F26", "F27"},
		Questions: []*Question{
			nameQuestion("nightly",
				DerivedName{What: "output bucket", Suffix: "-output-123456789012", Limit: 63},
				DerivedName{What: "access-log bucket", Suffix: "-logs-123456789012", Limit: 63},
				DerivedName{What: "EventBridge rule", Suffix: "-schedule", Limit: 64},
				DerivedName{What: "execution IAM role", Suffix: "-batch-execution", Limit: 64},
				DerivedName{What: "EventBridge IAM role", Suffix: "-schedule-submit", Limit: 64},
				DerivedName{What: "dead-letter queue", Suffix: "-schedule-dlq", Limit: 80},
				DerivedName{What: "Batch job queue", Suffix: "-queue", Limit: 128},
			),
			regionQuestion(),
			environmentQuestion(),
			deletionProtectionQuestion("the output bucket while it holds objects, and destroy does not empty it or the access-log bucket"),
			vpcCIDRQuestion(),
			azCountQuestion(),
			{
				Key:    "schedule",
				Prompt: "Schedule (cron or rate expression, UTC)",
				Help: "When EventBridge submits the job, in UTC. cron(minutes hours day-of-month month day-of-week year) has six fields, " +
					"one of day-of-month and day-of-week being ?: cron(0 2 * * ? *) is 02:00 every night, cron(30 6 ? * MON-FRI *) 06:30 on weekdays, " +
					"cron(0 4 L * ? *) 04:00 on the last day of each month, cron(0 8 ? * 2#1 *) 08:00 on the first Monday. " +
					"Fields take numbers, ranges (1-5), lists (1,15), increments (0/15) and *; months JAN-DEC, days SUN-SAT; L (last), W (nearest weekday), # (nth weekday). " +
					"rate(N unit) repeats from creation: rate(1 hour), rate(6 hours), rate(1 day).",
				Type:    cty.String,
				Default: Fixed(cty.StringVal("cron(0 2 * * ? *)")),
				Rules:   []Rule{Length(1, 256), scheduleRule()},
			},
			{
				Key:    "compute",
				Shape:  Selects,
				Prompt: "Batch compute",
				Help: "Where the job's containers run. fargate: no instances to manage, billed per vCPU and memory for the job's duration, never interrupted (F15). " +
					"fargate_spot: the same on spare capacity, up to 70 % cheaper, but AWS may stop the job with two minutes' notice and Batch retries it (F21). " +
					"ec2_spot: EC2 Spot instances that Batch starts and stops, 70–90 % cheaper than on-demand (F21), the only choice for GPUs (F22) " +
					"or more than 16 vCPU / 120 GB per job; instances take a few minutes to boot (F23).",
				Type:    cty.String,
				Default: Fixed(cty.StringVal("fargate")),
				Choices: []Choice{
					{Value: "fargate", Help: "serverless containers, on-demand: simplest, never interrupted"},
					{Value: "fargate_spot", Help: "serverless containers on spare capacity: cheaper, interruptible"},
					{Value: "ec2_spot", Help: "EC2 Spot instances: cheapest, GPUs and large jobs, slower start"},
				},
			},
			{
				Key:    "instance_types",
				Prompt: "EC2 instance families or types (comma-separated)",
				Help: "The instances Batch may start, as families (c6i) or exact types (c6i.2xlarge), separated by commas without spaces. " +
					"More families mean more Spot pools to choose from, fewer interruptions and faster starts (F21). " +
					"C families suit compute-heavy jobs, M general work, R memory-heavy jobs (F1); g5, g6 or p4d for GPUs (F22). " +
					"Do not mix Graviton (c7g, m7g: arm64) with x86 families in one environment, and use an arm64 image with Graviton.",
				Type:    cty.String,
				Default: Fixed(cty.StringVal("c6i,m6i,r6i,c5,m5,r5")),
				Rules: []Rule{
					Length(1, 512),
					Matches(`^(optimal|`+instanceTypePattern+`)(,(optimal|`+instanceTypePattern+`))*$`,
						"be instance families or types separated by commas without spaces, e.g. c6i,m6i,r6i or g5.xlarge"),
				},
				When: onEC2, WhenText: ec2When,
			},
			{
				Key:    "gpus",
				Prompt: "GPUs per job",
				Help: "How many GPUs each job reserves (F22). 0 for CPU-only jobs. Above 0, instance_types must list GPU families only (g4dn, g5, g6, p4d, ...), " +
					"and Batch boots them with the NVIDIA-enabled ECS image.",
				Type:    cty.Number,
				Default: Fixed(cty.NumberIntVal(0)),
				Rules: []Rule{
					Whole(), Range(0, 16),
					Custom("be 0 unless compute is ec2_spot: Fargate has no GPUs",
						func(v cty.Value, a Answers) error {
							if v.AsBigFloat().Sign() > 0 && a.String("compute") != "ec2_spot" {
								return fmt.Errorf("compute is %s", a.String("compute"))
							}
							return nil
						},
						func(key string, a Answers) Expr {
							if a.String("compute") == "ec2_spot" {
								return nil // the module runs on EC2: nothing to check
							}
							return Cmp(Var(key), "==", Num(0))
						}),
					gpuFamiliesRule(),
				},
				When: onEC2, WhenText: ec2When,
			},
			{
				Key:    "vcpus",
				Prompt: "vCPUs per job",
				Help: "The vCPUs each job reserves. On Fargate one of 0.25, 0.5, 1, 2, 4, 8 or 16; on ec2_spot a whole number, " +
					"which must fit in one of the instance types. A job that needs more than 16 vCPU or a GPU needs ec2_spot (F22, F27).",
				Type:    cty.Number,
				Default: Fixed(cty.NumberIntVal(1)),
				Rules:   []Rule{Range(0.25, 256), fargateVCPURule(), ec2WholeVCPURule()},
			},
			{
				Key:    "job_memory_mb",
				Prompt: "Memory per job (MiB)",
				Help: "The memory each job reserves, in MiB. Fargate accepts fixed amounts for each vCPU count: " + fargateTableText() + ". " +
					"On ec2_spot any amount from 512 MiB that fits in an instance, less the few hundred MiB the ECS agent keeps: a job asking for exactly 8192 never fits an 8 GiB instance. " +
					"Beyond Lambda's 10 GB limit, Batch is the tool (F8, F27).",
				Type:        cty.Number,
				Default:     defaultJobMemory,
				DefaultText: "the smallest amount Fargate accepts for vcpus (2048 for 1 vCPU); 2048 per vCPU on ec2_spot",
				Rules: []Rule{
					Whole(),
					Custom("be at least 512", func(v cty.Value, _ Answers) error {
						if f, _ := v.AsBigFloat().Float64(); f < 512 {
							return errRule
						}
						return nil
					}, func(key string, _ Answers) Expr { return Cmp(Var(key), ">=", Num(512)) }),
					fargateMemoryRule(),
				},
			},
			{
				Key:    "max_vcpus",
				Prompt: "Most vCPUs running at once",
				Help: "The compute environment's ceiling: Batch never runs more vCPUs than this across all jobs, which caps the cost of a runaway submission. " +
					"It must hold at least one job (vcpus). On ec2_spot the environment shrinks to zero between runs.",
				Type:        cty.Number,
				Default:     func(a Answers) cty.Value { return cty.NumberFloatVal(max(16, math.Ceil(a.Float("vcpus")))) },
				DefaultText: "16, or vcpus rounded up when that is larger",
				Rules:       []Rule{Whole(), Range(1, 10000), AtLeast("vcpus")},
			},
			{
				Key:    "container_image",
				Prompt: "Container image",
				Help: "The image the job runs, e.g. 123456789012.dkr.ecr.eu-west-3.amazonaws.com/etl:1.4 or public.ecr.aws/docker/library/python:3.12-slim. " +
					"Pin a tag or a digest: the job runs whatever the tag points to at the time. The default image holds a shell and little else, enough to see the pipeline work.",
				Type:    cty.String,
				Default: Fixed(cty.StringVal("public.ecr.aws/amazonlinux/amazonlinux:2023")),
				Rules: []Rule{
					Length(1, 255),
					Matches(imageRefPattern, "be a container image reference, [registry/]repository[:tag][@sha256:digest], e.g. public.ecr.aws/amazonlinux/amazonlinux:2023"),
				},
			},
			{
				Key:    "job_command",
				Prompt: "Command the job runs (by sh -c)",
				Help: "A shell command run with sh -c inside the image, so pipes, && and $VARIABLES work. The job finds its bucket in $OUTPUT_BUCKET and its prefix in $OUTPUT_PREFIX, " +
					"the only place its role may write; /tmp is writable scratch space, the rest of the file system is read-only. " +
					"Never put secrets here: the command is stored in the job definition in clear text.",
				Type:    cty.String,
				Default: Fixed(cty.StringVal(`echo "job $AWS_BATCH_JOB_ID attempt $AWS_BATCH_JOB_ATTEMPT: write results to s3://$OUTPUT_BUCKET/$OUTPUT_PREFIX"`)),
				Rules:   []Rule{Length(1, 4096)},
			},
			{
				Key:    "job_attempts",
				Prompt: "Attempts per job",
				Help: "How many times Batch runs a job before marking it failed, the first run included (F20). " +
					"Spot capacity can be reclaimed mid-run (F21), so keep at least 2 on Spot, and make the job safe to run twice.",
				Type:    cty.Number,
				Default: Fixed(cty.NumberIntVal(3)),
				Rules:   []Rule{Whole(), Range(1, 10)},
			},
			{
				Key:    "job_timeout_s",
				Prompt: "Timeout per attempt (seconds)",
				Help: "Batch stops an attempt that runs longer than this, so a hung job stops billing; the attempt then counts as failed and may be retried. " +
					"At least 60 seconds. Unlike Lambda's 15 minutes there is no hard ceiling (F7, F26); scaffold caps it at 14 days.",
				Type:    cty.Number,
				Default: Fixed(cty.NumberIntVal(3600)),
				Rules:   []Rule{Whole(), Range(60, 1209600)},
			},
			{
				Key:     "output_prefix",
				Prompt:  "Output key prefix",
				Help:    "The folder of the output bucket the job writes under, ending in /. The job's IAM role may read, write and list under this prefix and nowhere else.",
				Type:    cty.String,
				Default: Fixed(cty.StringVal("results/")),
				Rules: []Rule{
					Length(2, 512),
					Matches(`^([A-Za-z0-9_.-]+/)+$`, "be one or more folder names of letters, digits, _ . and -, each followed by /, e.g. results/ or reports/daily/"),
				},
			},
			{
				Key:    "output_expiration_days",
				Prompt: "Days before outputs expire",
				Help: "A lifecycle rule deletes each output this many days after it was written, and older versions of overwritten outputs soon after, " +
					"so the bucket does not grow forever. Copy what must be kept elsewhere (e.g. Redshift, as in P6) before then.",
				Type:    cty.Number,
				Default: Fixed(cty.NumberIntVal(90)),
				Rules:   []Rule{Whole(), Range(1, 3650)},
			},
		},
		Components: func(Answers) []Component {
			return []Component{
				{Name: "base"},
				{Name: "kms"},
				{Name: "network"},
				{Name: "log_bucket"},
				{Name: "output_bucket", Params: BucketParams{AccessLogPrefix: "s3/output/"}, LogWriters: []LogWriter{S3AccessLogs}},
				{Name: "batch"},
				{Name: "batch_schedule", KeyUsers: []KeyUser{{Sid: "EventBridgeUseKey", Principal: "events.amazonaws.com"}}},
			}
		},
		// EventBridge writes undelivered events to the dead-letter queue,
		// which the module's key encrypts.
		NextSteps: []string{
			"Run the job now instead of waiting for the schedule: `aws batch submit-job --job-name try-1 --job-queue \"$(terraform output -raw job_queue_name)\" --job-definition \"$(terraform output -raw job_definition_name)\"`.",
			"Read its output in the CloudWatch log group named by the `job_log_group_name` output.",
			"Replace container_image and job_command with your job; have it write to s3://$OUTPUT_BUCKET/$OUTPUT_PREFIX, the only place its role may write.",
			"Alarm on the dead-letter queue (`schedule_dead_letter_queue_url` output): a message there is a scheduled run that was never submitted.",
			"Alarm on failed jobs with an EventBridge rule on `Batch Job State Change` events whose status is FAILED.",
		},
	}
}

// instanceTypePattern is one EC2 instance family (c6i) or type (c6i.large).
const instanceTypePattern = `[a-z][a-z0-9-]*[0-9][a-z0-9-]*(\.[a-z0-9]+)?`

// gpuInstancePattern is one GPU instance family or type: g4dn, g5.xlarge, gr6, p4d.
const gpuInstancePattern = `[gp][a-z]?[0-9][a-z0-9-]*(\.[a-z0-9]+)?`

// imageRefPattern is a container image reference as Docker reads it:
// an optional registry host (with port), slash-separated lowercase path
// components, an optional tag and an optional digest.
const imageRefPattern = `^` +
	`([A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*(:[0-9]+)?/)?` +
	`[a-z0-9]+(([._]|__|-+)[a-z0-9]+)*(/[a-z0-9]+(([._]|__|-+)[a-z0-9]+)*)*` +
	`(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?` +
	`(@sha256:[a-f0-9]{64})?$`

// gpuFamiliesRule requires GPU instance types when jobs reserve GPUs:
// Batch would otherwise never find an instance to place them on.
func gpuFamiliesRule() Rule {
	gpuOnly := `^` + gpuInstancePattern + `(,` + gpuInstancePattern + `)*$`
	re := regexp.MustCompile(gpuOnly)
	return Custom("be 0 unless instance_types lists GPU families or types only (g4dn, g5, g6, p4d, ...)",
		func(v cty.Value, a Answers) error {
			if v.AsBigFloat().Sign() > 0 && a.String("compute") == "ec2_spot" && !re.MatchString(a.String("instance_types")) {
				return fmt.Errorf("instance_types is %q", a.String("instance_types"))
			}
			return nil
		},
		func(key string, _ Answers) Expr {
			return Or(Cmp(Var(key), "==", Num(0)), Call("can", Call("regex", Str(gpuOnly), Var("instance_types"))))
		})
}

// fargateSize is one vCPU size of Fargate and the memory amounts it accepts.
type fargateSize struct {
	VCPU           float64
	Min, Max, Step int   // memory in MiB, when it is a range
	Only           []int // memory in MiB, when it is a short list
}

// memory lists the memory amounts, in MiB, Fargate accepts for this size.
func (s fargateSize) memory() []int {
	if s.Only != nil {
		return s.Only
	}
	var out []int
	for m := s.Min; m <= s.Max; m += s.Step {
		out = append(out, m)
	}
	return out
}

// amounts describes the accepted memory: "512, 1024 or 2048", or
// "2048 to 8192 in steps of 1024".
func (s fargateSize) amounts() string {
	if s.Only != nil {
		parts := make([]string, len(s.Only))
		for i, m := range s.Only {
			parts[i] = fmt.Sprint(m)
		}
		return strings.Join(parts[:len(parts)-1], ", ") + " or " + parts[len(parts)-1]
	}
	return fmt.Sprintf("%d to %d in steps of %d", s.Min, s.Max, s.Step)
}

func (s fargateSize) text() string { return fmtNum(s.VCPU) + " vCPU: " + s.amounts() }

// fargateSizes are the vCPU and memory pairs a Fargate job accepts.
var fargateSizes = []fargateSize{
	{VCPU: 0.25, Only: []int{512, 1024, 2048}},
	{VCPU: 0.5, Min: 1024, Max: 4096, Step: 1024},
	{VCPU: 1, Min: 2048, Max: 8192, Step: 1024},
	{VCPU: 2, Min: 4096, Max: 16384, Step: 1024},
	{VCPU: 4, Min: 8192, Max: 30720, Step: 1024},
	{VCPU: 8, Min: 16384, Max: 61440, Step: 4096},
	{VCPU: 16, Min: 32768, Max: 122880, Step: 8192},
}

func fargateSizeFor(vcpus float64) (fargateSize, bool) {
	for _, s := range fargateSizes {
		if s.VCPU == vcpus {
			return s, true
		}
	}
	return fargateSize{}, false
}

func fargateTableText() string {
	parts := make([]string, len(fargateSizes))
	for i, s := range fargateSizes {
		parts[i] = s.text()
	}
	return strings.Join(parts, "; ")
}

// fargateTableShort is the table in a line: "0.25: 512, 1024 or 2048;
// 0.5: 1024-4096; ...", with the step after each range.
func fargateTableShort() string {
	parts := make([]string, len(fargateSizes))
	for i, s := range fargateSizes {
		if s.Only != nil {
			parts[i] = fmtNum(s.VCPU) + " vCPU: " + s.amounts() + " MiB"
		} else {
			parts[i] = fmt.Sprintf("%s: %d-%d by %d", fmtNum(s.VCPU), s.Min, s.Max, s.Step)
		}
	}
	return strings.Join(parts, "; ")
}

func fargateVCPUs() string {
	parts := make([]string, len(fargateSizes))
	for i, s := range fargateSizes {
		parts[i] = fmtNum(s.VCPU)
	}
	return strings.Join(parts, ", ")
}

func fargateVCPURule() Rule {
	return Custom("be one of "+fargateVCPUs()+" on Fargate",
		func(v cty.Value, a Answers) error {
			if a.String("compute") == "ec2_spot" {
				return nil
			}
			f, _ := v.AsBigFloat().Float64()
			if _, ok := fargateSizeFor(f); !ok {
				return fmt.Errorf("compute is %s; choose ec2_spot for other sizes", a.String("compute"))
			}
			return nil
		},
		func(key string, a Answers) Expr {
			if a.String("compute") == "ec2_spot" {
				return nil // compute is structural: this module never runs on Fargate
			}
			sizes := make([]Expr, len(fargateSizes))
			for i, s := range fargateSizes {
				sizes[i] = Num(s.VCPU)
			}
			return Call("contains", Tuple(sizes...), Var(key))
		})
}

func ec2WholeVCPURule() Rule {
	return Custom("be a whole number on ec2_spot",
		func(v cty.Value, a Answers) error {
			if a.String("compute") == "ec2_spot" && !v.AsBigFloat().IsInt() {
				return errRule
			}
			return nil
		},
		func(key string, a Answers) Expr {
			if a.String("compute") != "ec2_spot" {
				return nil // compute is structural: this module runs on Fargate
			}
			return Cmp(Call("floor", Var(key)), "==", Var(key))
		})
}

// fargateMemoryRule checks job_memory_mb against the Fargate table for the
// vcpus answer. Its Terraform condition holds the table as an object keyed
// by the vCPU count as a string.
func fargateMemoryRule() Rule {
	return Custom("be an amount Fargate accepts for the vCPU count ("+fargateTableShort()+")",
		func(v cty.Value, a Answers) error {
			if a.String("compute") == "ec2_spot" {
				return nil
			}
			vcpus := a.Float("vcpus")
			s, ok := fargateSizeFor(vcpus)
			if !ok {
				return nil // the vcpus rule reports it
			}
			f, _ := v.AsBigFloat().Float64()
			mem := s.memory()
			if slices.Contains(mem, int(f)) && float64(int(f)) == f {
				return nil
			}
			return fmt.Errorf("with %s vCPU Fargate takes %s MiB; the nearest is %d", fmtNum(s.VCPU), s.amounts(), nearest(mem, f))
		},
		func(key string, a Answers) Expr {
			if a.String("compute") == "ec2_spot" {
				return nil // compute is structural: this module never runs on Fargate
			}
			rows := make([]hclwrite.ObjectAttrTokens, len(fargateSizes))
			for i, s := range fargateSizes {
				var mem Expr
				if s.Only != nil {
					vals := make([]Expr, len(s.Only))
					for j, m := range s.Only {
						vals[j] = Num(float64(m))
					}
					mem = Tuple(vals...)
				} else {
					mem = Call("range", Num(float64(s.Min)), Num(float64(s.Max+1)), Num(float64(s.Step)))
				}
				rows[i] = hclwrite.ObjectAttrTokens{Name: Str(fmtNum(s.VCPU)), Value: mem}
			}
			table := hclwrite.TokensForObject(rows)
			accepted := Index(table, Call("tostring", Var("vcpus")))
			// Indexing fails only for a vCPU count Fargate does not have,
			// which the vcpus validation reports.
			return Call("try", Call("contains", accepted, Var(key)), Lit(cty.True))
		})
}

func nearest(values []int, f float64) int {
	best := values[0]
	for _, v := range values {
		if math.Abs(float64(v)-f) < math.Abs(float64(best)-f) {
			best = v
		}
	}
	return best
}

// defaultJobMemory is the smallest memory Fargate accepts for the vCPUs,
// or 2048 MiB per vCPU on EC2.
func defaultJobMemory(a Answers) cty.Value {
	vcpus := a.Float("vcpus")
	if a.String("compute") != "ec2_spot" {
		if s, ok := fargateSizeFor(vcpus); ok {
			return cty.NumberIntVal(int64(s.memory()[0]))
		}
	}
	return cty.NumberIntVal(int64(max(512, math.Ceil(vcpus)*2048)))
}
