package blueprints

import (
	"github.com/zclconf/go-cty/cty"

	"github.com/scaffold-tf/scaffold/blueprints/awsfacts"
	"github.com/scaffold-tf/scaffold/blueprints/rules"
	"github.com/scaffold-tf/scaffold/blueprints/spec"
)

func init() { register("scheduled-batch", ScheduledBatch) }

// ScheduledBatch is P6, nightly processing: EventBridge (cron) → Batch job →
// S3.
func ScheduledBatch() *spec.Blueprint {
	job := batchJobQuestions("fargate", "fargate_spot", "ec2_spot")
	loading := func(a spec.Answers) bool { return a.Bool("redshift_load") }
	rs := redshiftWhen{on: loading, text: "redshift_load is true", reads: []string{"redshift_load"}}
	return &spec.Blueprint{
		ID:    "scheduled-batch",
		Title: "Scheduled batch processing",
		Flow: spec.Graph{
			Nodes: []spec.Node{
				{ID: "schedule", Label: "EventBridge", Component: "batch_schedule"},
				{ID: "batch", Label: "Batch", Component: "batch"},
				{ID: "output", Label: "S3", Component: "output_bucket"},
				{ID: "load", Label: "EventBridge (job succeeded)", Component: "redshift_load", Aside: true},
				{ID: "warehouse", Label: "Redshift", Component: "redshift"},
			},
			Edges: []spec.Edge{
				{From: "schedule", To: "batch", Label: "submits the job on schedule"},
				{From: "batch", To: "output", Label: "the job writes its results"},
				{From: "batch", To: "load", Label: "Batch Job State Change: SUCCEEDED"},
				{From: "load", To: "warehouse", Label: "COPY through the Data API"},
				{From: "output", To: "warehouse", Label: "the files the manifest lists"},
			},
		},
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
			"[redshift_load] When a job succeeds, EventBridge has the Redshift Data API COPY the files the job's manifest lists into a Redshift table, signing in with the admin secret Redshift keeps in Secrets Manager: no server or function in between (P6).",
			"[redshift] Redshift sits in the private subnets, encrypted with the module's key, refusing connections without TLS; its own role may read the job's output prefix and nothing else, and enhanced VPC routing keeps its S3 traffic in the VPC.",
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
			"[redshift_load] COPY appends: a run whose manifest is not rewritten, or a job event delivered twice, loads the same rows again. Write a fresh manifest last in every run, and keep a run column to find duplicates.",
			"[redshift_load] Create the target table before the first run: a COPY into a missing table fails, visible only in the Data API's statement history (list-statements) and sys_load_error_detail.",
			redshiftDataLossPitfall,
			"[redshift] Redshift accepts no connection until you add an ingress rule to its security group (the redshift_security_group_id output) for your SQL clients; a provisioned cluster bills every hour it exists, busy or not.",
		},
		Sources:    []string{"P6", "P3", "P8", "F1", "F7", "F8", "F13", "F15", "F17", "F20", "F21", "F22", "F23", "F24", "F25", "F26", "F27", "F29"},
		Comparison: RealTimeVersusBatch,
		Fit: &spec.Fit{
			Compute: []string{"batch"}, Triggers: []string{spec.TriggerSchedule},
			Control: spec.ControlRuntime, Containers: true, GPU: true, Start: spec.StartMinutes,
			Ops: spec.OpsSome, Cost: spec.CostPerTask, ScalesToZero: true, Spot: true,
			Carry: batchCarry,
		},
		Questions: withCommonQuestions(append([]*spec.Question{
			nameQuestion("scheduled-batch", "nightly", "base", "kms", "network", "log_bucket", "output_bucket", "batch", "batch_schedule", "redshift", "redshift_load"),
			regionQuestion(),
			environmentQuestion(),
			deletionProtectionQuestion("the output bucket while it holds objects, and destroy does not empty it or the access-log bucket"),
			{
				Key:    "redshift_load",
				Shape:  spec.Selects,
				Prompt: "Load each run's output into Redshift?",
				Help: "Adds an Amazon Redshift warehouse and a load step: when a job succeeds, EventBridge has the Redshift Data API run COPY, " +
					"which appends the files the job listed in its manifest to redshift_table (P6: EventBridge → Batch → S3 → Redshift). " +
					"Redshift is where the results are queried with SQL, joined with other data and kept past the bucket's expiration.",
				Type:    cty.Bool,
				Default: spec.Fixed(cty.False),
			},
			redshiftDeploymentQuestion(rs),
			vpcCIDRQuestion(),
			redshiftAZCountQuestion(rs),
			{
				Key:    "schedule",
				Prompt: "Schedule (cron or rate expression, UTC)",
				Help: "When EventBridge submits the job, in UTC. cron(minutes hours day-of-month month day-of-week year) has six fields, " +
					"one of day-of-month and day-of-week being ?: cron(0 2 * * ? *) is 02:00 every night, cron(30 6 ? * MON-FRI *) 06:30 on weekdays, " +
					"cron(0 4 L * ? *) 04:00 on the last day of each month, cron(0 8 ? * 2#1 *) 08:00 on the first Monday. " +
					"Fields take numbers, ranges (1-5), lists (1,15), increments (0/15) and *; months JAN-DEC, days SUN-SAT; L (last), W (nearest weekday), # (nth weekday). " +
					"rate(N unit) repeats from creation: rate(1 hour), rate(6 hours), rate(1 day).",
				Type:    cty.String,
				Default: spec.Fixed(cty.StringVal("cron(0 2 * * ? *)")),
				Rules:   []spec.Rule{rules.Length(1, 256), awsfacts.Schedule()},
			},
			questionByKey(job, "compute"), questionByKey(job, "instance_types"), questionByKey(job, "gpus"), questionByKey(job, "instance_volume_gib"),
			questionByKey(job, "vcpus"), questionByKey(job, "job_memory_mb"), questionByKey(job, "max_vcpus"),
			{
				Key:    "container_image",
				Prompt: "Container image",
				Help: "The image the job runs, e.g. 123456789012.dkr.ecr.eu-west-3.amazonaws.com/etl:1.4 or public.ecr.aws/docker/library/python:3.12-slim. " +
					"Pin a tag or a digest: the job runs whatever the tag points to at the time. The default image holds a shell and little else, enough to see the pipeline work.",
				Type:    cty.String,
				Default: spec.Fixed(cty.StringVal("public.ecr.aws/amazonlinux/amazonlinux:2023")),
				Rules:   imageRefRules("public.ecr.aws/amazonlinux/amazonlinux:2023"),
			},
			{
				Key:    "job_command",
				Prompt: "Command the job runs (by sh -c)",
				Help: "A shell command run with sh -c inside the image, so pipes, && and $VARIABLES work. The job finds its bucket in $OUTPUT_BUCKET and its prefix in $OUTPUT_PREFIX, " +
					"the only place its role may write; /tmp is writable scratch space, the rest of the file system is read-only. " +
					"Never put secrets here: the command is stored in the job definition in clear text.",
				Type:    cty.String,
				Default: spec.Fixed(cty.StringVal(`echo "job $AWS_BATCH_JOB_ID attempt $AWS_BATCH_JOB_ATTEMPT: write results to s3://$OUTPUT_BUCKET/$OUTPUT_PREFIX"`)),
				Rules:   jobCommandRules(),
			},
			questionByKey(job, "job_attempts"), questionByKey(job, "job_timeout_s"),
			{
				Key:     "output_prefix",
				Prompt:  "Output key prefix",
				Help:    "The folder of the output bucket the job writes under, ending in /. The job's IAM role may read, write and list under this prefix and nowhere else.",
				Type:    cty.String,
				Default: spec.Fixed(cty.StringVal("results/")),
				Rules:   append([]spec.Rule{rules.Length(2, 512)}, keyPrefixRules("results/ or reports/daily/")...),
			},
			{
				Key:    "output_expiration_days",
				Prompt: "Days before outputs expire",
				Help: "A lifecycle rule deletes each output this many days after it was written, and older versions of overwritten outputs soon after, " +
					"so the bucket does not grow forever. Copy what must be kept elsewhere (e.g. Redshift, as in P6) before then.",
				Type:    cty.Number,
				Default: spec.Fixed(cty.NumberIntVal(90)),
				// S3 takes any positive number of days; beyond ten years the bucket is an
				// archive, which this working bucket is not meant to be.
				Rules: []spec.Rule{rules.Whole(), rules.Range(1, 3650)},
			},
		}, append(redshiftQuestions(rs),
			&spec.Question{
				Key:    "redshift_table",
				Prompt: "Redshift table the job's output is loaded into",
				Help: "The table COPY appends each run's rows to, as table or schema.table (public when no schema is given). Create it before the first run, " +
					"with columns in the order (CSV) or with the names (Parquet, JSON) of the job's output; the module README gives the statement. " +
					"Lowercase letters, digits and underscores, each name beginning with a letter or an underscore, at most 127 characters; not a Redshift reserved word.",
				Type:    cty.String,
				Default: spec.Fixed(cty.StringVal("public.batch_results")),
				// The pattern bounds the length: two names of 127 at most.
				Rules: []spec.Rule{
					rules.Matches(`^([a-z_][a-z0-9_]{0,126}\.)?[a-z_][a-z0-9_]{0,126}$`, "be a table name or schema.table: lowercase letters, digits and underscores, each name beginning with a letter or an underscore and at most 127 characters"),
					awsfacts.RedshiftTableNotReserved(),
				},
				When: loading, WhenText: rs.text,
			},
			&spec.Question{
				Key:    "redshift_load_format",
				Prompt: "Format of the files the job writes for Redshift",
				Help: "How COPY reads the files the manifest lists. parquet: columnar and typed, matched to the table's columns by position; the manifest must give each file's content_length. " +
					"csv: comma-separated text with one header line, which COPY skips. json: one JSON object per record, whose keys name the columns ('auto').",
				Type:    cty.String,
				Default: spec.Fixed(cty.StringVal("parquet")),
				Choices: []spec.Choice{
					{Value: "parquet", Help: "Apache Parquet files"},
					{Value: "csv", Help: "CSV with a header line"},
					{Value: "json", Help: "JSON records, keys matching column names"},
				},
				When: loading, WhenText: rs.text,
			})...)),
		Components: func(a spec.Answers) []spec.Component {
			cs := []spec.Component{
				{Name: "base"},
				{Name: "kms"},
				{Name: "network"},
				{Name: "log_bucket"},
				{Name: "output_bucket", Params: BucketParams{AccessLogPrefix: "s3/output/"}, LogWriters: []spec.LogWriter{S3AccessLogs}},
				{Name: "batch", Params: BatchParams{
					ImageExpr:   "var.container_image",
					CommandExpr: "var.job_command",
					Environment: []BatchEnv{{Name: "OUTPUT_BUCKET", Expr: "local.output_bucket_name"}, {Name: "OUTPUT_PREFIX", Expr: "var.output_prefix"}},
					S3Access:    []BatchS3Access{{Sid: "Outputs", BucketARNExpr: "local.output_bucket_arn", PrefixExpr: "var.output_prefix", Write: true}},
				}},
				// EventBridge writes undelivered events to the dead-letter
				// queues (the schedule's, the load's), which the module's key
				// encrypts.
				{Name: "batch_schedule", KeyUsers: []spec.KeyUser{{Sid: "EventBridgeUseKey", Principal: "events.amazonaws.com"}}},
			}
			if loading(a) {
				cs = append(cs,
					redshiftComponent(RedshiftParams{SourceBucketARN: "local.output_bucket_arn", SourcePrefix: "var.output_prefix"}),
					spec.Component{Name: "redshift_load"})
			}
			return cs
		},
		// EventBridge writes undelivered events to the dead-letter queue,
		// which the module's key encrypts.
		NextSteps: []string{
			"Run the job now instead of waiting for the schedule: `aws batch submit-job --job-name try-1 --job-queue \"$(terraform output -raw job_queue_name)\" --job-definition \"$(terraform output -raw job_definition_name)\"`.",
			"Read its output in the CloudWatch log group named by the `job_log_group_name` output.",
			"Replace container_image and job_command with your job; have it write to s3://$OUTPUT_BUCKET/$OUTPUT_PREFIX, the only place its role may write.",
			"Alarm on the dead-letter queue (`schedule_dead_letter_queue_url` output): a message there is a scheduled run that was never submitted.",
			"Alarm on failed jobs with an EventBridge rule on `Batch Job State Change` events whose status is FAILED.",
			"[redshift_load] Create the Redshift table, and have the job write its manifest last: the README's \"Load the job's output into Redshift\" gives the statements and how to check a load.",
			"[redshift_load] Alarm on the load's dead-letter queue (`redshift_load_dead_letter_queue_url` output): a message there is a successful job whose output was never loaded.",
		},
	}
}

// batchCarry is what a workload's answers say of scheduled-batch's: GPUs
// need EC2 (F22) with a GPU family, and Spot when cost comes first (F21);
// a cost-sensitive job without GPUs runs on Fargate Spot.
func batchCarry(w spec.Answers) map[string]cty.Value {
	switch {
	case w.Bool("gpu"):
		return map[string]cty.Value{
			"compute":        cty.StringVal("ec2_spot"),
			"instance_types": cty.StringVal("g5"),
			"gpus":           cty.NumberIntVal(1),
		}
	case w.Bool("cost_sensitive"):
		return map[string]cty.Value{"compute": cty.StringVal("fargate_spot")}
	}
	return nil
}
