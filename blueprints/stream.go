package blueprints

import (
	"fmt"

	"github.com/zclconf/go-cty/cty"

	"github.com/scaffold-tf/scaffold/blueprints/awsfacts"
	"github.com/scaffold-tf/scaffold/blueprints/rules"
	"github.com/scaffold-tf/scaffold/blueprints/spec"
)

func init() { register("stream-processing", StreamProcessing) }

// RealTimeVersusBatch is P8: when a stream processed as it arrives wins
// over a scheduled batch, and when the batch wins. stream-processing and
// scheduled-batch both show it in `scaffold explain`.
var RealTimeVersusBatch = &spec.Comparison{
	Title: "Real time or batch (P8)",
	Sides: [2]string{"stream-processing", "scheduled-batch"},
	Rows: []spec.ComparisonRow{
		{Criterion: "Latency", Cells: [2]string{
			"seconds: Lambda reads each shard as records arrive (plus the batching window)",
			"minutes to hours: work waits for the schedule, then for instances to start (F23)"}},
		{Criterion: "Cost model", Cells: [2]string{
			"pay per execution and per GB-second, plus the stream's shard or on-demand hours (F13, F29)",
			"pay for the instances while jobs run; Spot cuts that by 70-90 % (F21)"}},
		{Criterion: "Complexity", Cells: [2]string{
			"low: one function per batch of records, retries and failure queue managed by the event source mapping",
			"higher: compute environments, queues, job definitions, dependencies between jobs (F20, F23)"}},
		{Criterion: "SLA", Cells: [2]string{
			"each record processed within seconds of arrival; the iterator-age alarm says when it falls behind",
			"results once per run: a missed or failed run delays everything until the next one"}},
		{Criterion: "Data volume", Cells: [2]string{
			"a steady flow of small records (up to 1 MB each, 1 MB/s or 1,000 records/s per shard in; 15 minutes per invocation, F7)",
			"large volumes read in bulk, long runs over 15 minutes, GPU or large memory (F22, F27)"}},
	},
	Verdict: "Choose by the SLA first (seconds or hours), then by volume and cost: a constant stream that must be acted on now is real time; a daily pile of data that can wait is batch, on Spot (P8, F27).",
	Sources: []string{"P8", "F7", "F13", "F20", "F21", "F22", "F23", "F27", "F29"},
}

// StreamProcessing is P8's real-time side: Kinesis Data Stream → Lambda →
// DynamoDB or S3.
func StreamProcessing() *spec.Blueprint {
	provisioned := func(a spec.Answers) bool { return a.String("stream_mode") == "PROVISIONED" }
	const provisionedWhen = "stream_mode is PROVISIONED"
	toS3 := func(a spec.Answers) bool { return a.String("sink") == "s3" }
	const s3When = "sink is s3"
	return &spec.Blueprint{
		ID:    "stream-processing",
		Title: "Stream processing",
		Flow: spec.Graph{
			Nodes: []spec.Node{
				{ID: "producers", Label: "Producers"},
				{ID: "stream", Label: "Kinesis Data Stream", Component: "kinesis_stream"},
				{ID: "processor", Label: "Lambda", Component: "stream_processor"},
				{ID: "table", Label: "DynamoDB", Component: "stream_table"},
				{ID: "bucket", Label: "S3", Component: "output_bucket", Or: true},
			},
			Edges: []spec.Edge{
				{From: "producers", To: "stream", Label: "PutRecords"},
				{From: "stream", To: "processor", Label: "batches of records (event source mapping)"},
				{From: "processor", To: "table", Label: "writes items"},
				{From: "processor", To: "bucket", Label: "writes objects"},
			},
		},
		Summary: "A Kinesis data stream that producers put records into, and a Lambda function that an event source mapping invokes with batches of records from each shard, " +
			"which writes them (or per-window aggregates) to a DynamoDB table or an S3 bucket: records are processed seconds after they arrive.",
		Why: []string{
			"Kinesis Data Streams keeps records in order per shard for the retention period, so a consumer that falls behind or fails catches up without losing data (P8).",
			"The event source mapping polls the shards for the function, batches records, retries a failing batch (splitting it to find the bad record) and, past the retry or age limit, sends what it skipped to an encrypted SQS queue instead of dropping it silently.",
			"Lambda scales with the shards (and the parallelization factor) and is billed per execution, so a quiet stream costs almost nothing to process (F13).",
			"[stream_table]The function writes into a DynamoDB table (items by key, on demand, point-in-time recovery): lookups by key, idempotent rewrites.",
			"[output_bucket]The function writes into an S3 bucket (JSON objects under one prefix, for later analysis by Athena, a warehouse load or a batch job).",
			"CloudWatch alarms on the function's iterator age (how far behind the stream it runs) and on the failure queue notify an encrypted SNS topic.",
			"One customer-managed KMS key encrypts the stream, the table or bucket, the queue, the topic, the logs and the function's environment.",
		},
		ChooseWhen: []string{
			"Events must be acted on within seconds of arriving: clicks, IoT readings, logs, orders (P8).",
			"Short, stateless processing of each record or each small window of records (F17, F27).",
			"A steady or bursty flow where paying per execution beats keeping servers up (F13).",
		},
		AvoidWhen: []string{
			"Results are needed only hourly or daily, over large volumes: scheduled-batch on Spot costs less (P8, F21, F23).",
			"Processing of one batch takes longer than 15 minutes, or needs GPUs or more than 10 GB of memory (F7, F8, F22).",
			"Joins across the whole data set, or complex dependencies between steps (F20, F27).",
		},
		Pitfalls: []string{
			"A batch that keeps failing blocks its shard: with retries or record age unbounded (-1) the function retries it until the record expires from the stream. Keep both bounded; records given up on go to the failure queue, which holds only their position in the stream (read them back before the retention period ends).",
			"The handler reports the records it failed (ReportBatchItemFailures): Lambda retries from the first of them, so a record may be processed more than once; writes must be idempotent (the handler keys items by sequence number).",
			"A provisioned stream's shards cap throughput at 1 MB/s or 1,000 records/s in per shard; on-demand adapts but bills per GB and per stream hour.",
			"Retention beyond 24 hours is billed per shard hour; a consumer down longer than the retention period loses records.",
			"With a tumbling window, the function's state carries at most 1 MB between invocations, and each shard aggregates its own records: add the shards' results up for a total.",
			"The handler's language is fixed when scaffold writes the package: to move between Python and Node.js, or between sinks, run scaffold again.",
		},
		Sources:    []string{"P8", "F7", "F8", "F12", "F13", "F14", "F17", "F20", "F21", "F22", "F23", "F27", "F29"},
		Comparison: RealTimeVersusBatch,
		Fit: &spec.Fit{
			Compute: []string{"lambda"}, Triggers: []string{spec.TriggerStream},
			MaxRunMinutes: awsfacts.LambdaMaxTimeoutS / 60.0, MaxRunLimit: "Lambda stops a run at 15 minutes (F7)",
			Control: spec.ControlCode, Start: spec.StartSeconds, Ops: spec.OpsMinimal, Cost: spec.CostPerExecution,
		},
		Questions: withCommonQuestions([]*spec.Question{
			nameQuestion("stream-processing", "stream", "base", "kms", "kinesis_stream", "stream_table", "log_bucket", "output_bucket", "stream_processor"),
			regionQuestion(),
			environmentQuestion(),
			deletionProtectionQuestion("the DynamoDB table (with the dynamodb sink)"),
			{
				Key:    "stream_mode",
				Shape:  spec.Selects,
				Prompt: "Kinesis capacity mode",
				Help: "ON_DEMAND adapts the stream's capacity to its traffic and bills per GB written and read and per stream hour: the choice for unknown or spiky traffic. " +
					"PROVISIONED bills a fixed number of shards by the hour, each taking 1 MB/s or 1,000 records/s in and 2 MB/s out: cheaper for steady, known traffic.",
				Type:    cty.String,
				Default: spec.Fixed(cty.StringVal("ON_DEMAND")),
				Choices: []spec.Choice{
					{Value: "ON_DEMAND", Help: "capacity follows traffic"},
					{Value: "PROVISIONED", Help: "a fixed number of shards"},
				},
			},
			{
				Key:    "shard_count",
				Prompt: "Number of shards",
				Help:   "Each shard takes 1 MB/s or 1,000 records/s in and gives 2 MB/s out; Lambda processes each shard's batches in order, parallelization_factor at a time.",
				Type:   cty.Number,
				// Kinesis takes at least 1; the account's default shard quota is 500
				// in us-east-1, us-west-2 and eu-west-1 and 200 elsewhere
				// (https://docs.aws.amazon.com/streams/latest/dev/service-sizes-and-limits.html,
				// read 2026-11-29): more needs a quota increase, and a new module.
				Default: spec.Fixed(cty.NumberIntVal(1)),
				Rules:   []spec.Rule{rules.Whole(), rules.Range(1, 500)},
				When:    provisioned, WhenText: provisionedWhen,
			},
			{
				Key:    "retention_hours",
				Prompt: "Stream retention (hours)",
				Help: "How long the stream keeps each record: the time you have to recover from a consumer that stops. 24 hours is included in the price; " +
					"longer (up to 7 days extended, then up to 365 days long-term) is billed per shard hour or per GB-month.",
				Type:    cty.Number,
				Default: spec.Fixed(cty.NumberIntVal(24)),
				// Kinesis keeps records 24 to 8760 hours: provider
				// internal/service/kinesis/stream.go (retention_period IntBetween(24, 8760));
				// https://docs.aws.amazon.com/kinesis/latest/APIReference/API_IncreaseStreamRetentionPeriod.html
				Rules: []spec.Rule{rules.Whole(), rules.Range(24, 8760)},
			},
			{
				Key:    "runtime",
				Prompt: "Lambda runtime",
				Help: "The language the function runs in; scaffold writes a small working handler in Python or Node.js (F12). " +
					"To switch between them later, run scaffold again.",
				Type:    cty.String,
				Default: spec.Fixed(cty.StringVal("python3.13")),
				Choices: runtimeChoices(),
				Rules:   []spec.Rule{runtimeFamilyRule()},
			},
			{
				Key:     "architecture",
				Prompt:  "Lambda architecture",
				Help:    "arm64 runs on Graviton processors, billed about 20% less per GB-second than x86_64; the generated handler runs on both.",
				Type:    cty.String,
				Default: spec.Fixed(cty.StringVal("arm64")),
				Choices: []spec.Choice{
					{Value: "arm64", Help: "Graviton, cheaper"},
					{Value: "x86_64", Help: "for x86-only native dependencies"},
				},
			},
			{
				Key:     "memory_mb",
				Prompt:  "Lambda memory (MB)",
				Help:    "Memory of each execution, from 128 MB to 10,240 MB (F8); CPU grows with it.",
				Type:    cty.Number,
				Default: spec.Fixed(cty.NumberIntVal(256)),
				// provider internal/service/lambda/function.go (memory_size
				// IntBetween(128, 10240)).
				Rules: []spec.Rule{rules.Whole(), rules.Range(128, 10240)},
			},
			{
				Key:     "timeout_s",
				Prompt:  "Lambda timeout (seconds)",
				Help:    "How long one batch may take before Lambda stops the invocation and the event source mapping retries it: at most 900 s (F7).",
				Type:    cty.Number,
				Default: spec.Fixed(cty.NumberIntVal(60)),
				// provider internal/service/lambda/function.go (timeout
				// IntBetween(1, 900)).
				Rules: []spec.Rule{rules.Whole(), rules.Range(1, 900)},
			},
			{
				Key:     "log_level",
				Prompt:  "Application log level",
				Help:    "The lowest level of application log Lambda forwards to CloudWatch, as JSON lines. Every line is billed (F29).",
				Type:    cty.String,
				Default: spec.Fixed(cty.StringVal("INFO")),
				Choices: []spec.Choice{
					{Value: "TRACE", Help: "everything"},
					{Value: "DEBUG", Help: "diagnostic detail"},
					{Value: "INFO", Help: "normal operation"},
					{Value: "WARN", Help: "only what may need attention"},
					{Value: "ERROR", Help: "only failures"},
					{Value: "FATAL", Help: "only failures that stop the function"},
				},
			},
			{
				Key:     "batch_size",
				Prompt:  "Records per batch",
				Help:    "The most records Lambda passes to one invocation (up to 6 MB in all). Larger batches mean fewer invocations, but a failing record holds back more of them.",
				Type:    cty.Number,
				Default: spec.Fixed(cty.NumberIntVal(100)),
				// Kinesis: 1 to 10,000 (the provider has no validator):
				// https://docs.aws.amazon.com/lambda/latest/dg/services-kinesis-parameters.html
				// and API_CreateEventSourceMapping.html (BatchSize), read 2026-11-29.
				Rules: []spec.Rule{rules.Whole(), rules.Range(1, 10000)},
			},
			{
				Key:     "batching_window_s",
				Prompt:  "Batching window (seconds)",
				Help:    "How long Lambda gathers records before invoking the function, unless the batch fills first: 0 invokes as soon as records arrive (lowest latency), more means fewer, fuller invocations.",
				Type:    cty.Number,
				Default: spec.Fixed(cty.NumberIntVal(1)),
				// 0 to 300 s: API_CreateEventSourceMapping.html
				// (MaximumBatchingWindowInSeconds), read 2026-11-29; the provider
				// has no validator.
				Rules: []spec.Rule{rules.Whole(), rules.Range(0, 300)},
			},
			{
				Key:    "starting_position",
				Prompt: "Starting position",
				Help: "Where the function starts reading when the mapping is created: LATEST (only records put from then on) or TRIM_HORIZON (every record the stream still holds). " +
					"AT_TIMESTAMP is not offered: its timestamp would be a fixed date in the module. Changing it replaces the mapping, which then starts again from this position.",
				Type:    cty.String,
				Default: spec.Fixed(cty.StringVal("LATEST")),
				Choices: []spec.Choice{
					{Value: "LATEST", Help: "new records only"},
					{Value: "TRIM_HORIZON", Help: "everything the stream retains"},
				},
			},
			{
				Key:     "bisect_on_error",
				Prompt:  "Split a failing batch in two and retry?",
				Help:    "When the function fails, retry each half of the batch separately, so one bad record does not hold back the others.",
				Type:    cty.Bool,
				Default: spec.Fixed(cty.True),
			},
			{
				Key:    "maximum_retry_attempts",
				Prompt: "Retries of a failing batch (-1 for no limit)",
				Help: "How many times Lambda retries a batch the function failed before sending its position to the failure queue and moving on. " +
					"-1 retries until the records expire from the stream, blocking the shard all that time.",
				Type:    cty.Number,
				Default: spec.Fixed(cty.NumberIntVal(3)),
				// provider internal/service/lambda/event_source_mapping.go
				// (maximum_retry_attempts IntBetween(-1, 10_000)).
				Rules: []spec.Rule{rules.Whole(), rules.Range(-1, 10000),
					rules.Warn("retries are unbounded (-1): a record the function cannot process blocks its shard until it expires from the stream", isMinusOne)},
			},
			{
				Key:    "maximum_record_age_s",
				Prompt: "Maximum record age (seconds, -1 for no limit)",
				Help: "Records older than this are not sent to the function but to the failure queue: a bound on how stale processed data may be. " +
					"-1 sends records however old, up to the stream's retention; otherwise 60 s to 7 days.",
				Type:    cty.Number,
				Default: spec.Fixed(cty.NumberIntVal(3600)),
				// provider internal/service/lambda/event_source_mapping.go
				// (maximum_record_age_in_seconds: -1 or IntBetween(60, 604_800)).
				Rules: []spec.Rule{rules.Whole(), recordAgeRule(),
					rules.Warn("record age is unbounded (-1): a record the function cannot process blocks its shard until it expires from the stream", isMinusOne)},
			},
			{
				Key:     "parallelization_factor",
				Prompt:  "Concurrent batches per shard",
				Help:    "How many batches of each shard Lambda processes at once (records with the same partition key stay in order). Raise it when the iterator age grows and the function is the bottleneck.",
				Type:    cty.Number,
				Default: spec.Fixed(cty.NumberIntVal(1)),
				// provider internal/service/lambda/event_source_mapping.go
				// (parallelization_factor IntBetween(1, 10)).
				Rules: []spec.Rule{rules.Whole(), rules.Range(1, 10)},
			},
			{
				Key:    "tumbling_window_s",
				Shape:  spec.SelectsWhenSet,
				Prompt: "Tumbling window for aggregates (seconds, 0 for none)",
				Help: "With a window, the handler aggregates each shard's records over consecutive windows of this length (a count and bytes per partition key) " +
					"and writes one result per window to the sink, instead of one item or object per record. 0 writes each record.",
				Type:    cty.Number,
				Default: spec.Fixed(cty.NumberIntVal(0)),
				// provider internal/service/lambda/event_source_mapping.go
				// (tumbling_window_in_seconds IntBetween(0, 900)).
				Rules: []spec.Rule{rules.Whole(), rules.Range(0, 900)},
			},
			{
				Key:    "sink",
				Shape:  spec.Selects,
				Prompt: "Where the function writes",
				Help: "dynamodb writes an item per record (or per window) into an on-demand table with point-in-time recovery: the choice for lookups by key. " +
					"s3 writes a JSON object per record (or per window) into an encrypted bucket: the choice for later analysis (Athena, a warehouse load, a batch job).",
				Type:    cty.String,
				Default: spec.Fixed(cty.StringVal("dynamodb")),
				Choices: []spec.Choice{
					{Value: "dynamodb", Help: "a DynamoDB table"},
					{Value: "s3", Help: "an S3 bucket"},
				},
			},
			{
				Key:     "output_prefix",
				Prompt:  "Output key prefix",
				Help:    "The folder of the bucket the function writes under, ending in /. Its role may write under this prefix and nowhere else.",
				Type:    cty.String,
				Default: spec.Fixed(cty.StringVal("records/")),
				Rules:   append([]spec.Rule{rules.Length(2, 512)}, keyPrefixRules("records/ or events/raw/")...),
				When:    toS3, WhenText: s3When,
			},
			{
				Key:     "output_expiration_days",
				Prompt:  "Days before objects expire",
				Help:    "A lifecycle rule deletes each object this many days after it was written, so the bucket does not grow forever.",
				Type:    cty.Number,
				Default: spec.Fixed(cty.NumberIntVal(90)),
				// S3 takes any positive number of days; beyond ten years the bucket is an
				// archive, which this working bucket is not meant to be.
				Rules: []spec.Rule{rules.Whole(), rules.Range(1, 3650)},
				When:  toS3, WhenText: s3When,
			},
			{
				Key:    "iterator_age_alarm_s",
				Prompt: "Iterator age alarm (seconds)",
				Help: "The alarm fires when the newest record the function read was put this long ago: the function is falling behind the stream. " +
					"Set it well below the retention period, or records expire before they are processed.",
				Type:    cty.Number,
				Default: spec.Fixed(cty.NumberIntVal(60)),
				Rules:   []spec.Rule{rules.Whole(), rules.Range(1, 604800), belowRetentionRule()},
			},
		}),
		Components: func(a spec.Answers) []spec.Component {
			cs := []spec.Component{{Name: "base"}, {Name: "kms"}, {Name: "kinesis_stream"}}
			if toS3(a) {
				cs = append(cs,
					spec.Component{Name: "log_bucket"},
					spec.Component{Name: "output_bucket", Params: BucketParams{AccessLogPrefix: "s3/output/"}, LogWriters: []spec.LogWriter{S3AccessLogs}})
			} else {
				cs = append(cs, spec.Component{Name: "stream_table"})
			}
			// CloudWatch publishes alarm notifications to the topic, which the
			// module's key encrypts.
			return append(cs, spec.Component{Name: "stream_processor",
				KeyUsers: []spec.KeyUser{{Sid: "CloudWatchAlarmsUseKey", Principal: "cloudwatch.amazonaws.com"}}})
		},
		Archives: []spec.Archive{{
			Path:  "build/lambda.zip",
			Files: runtimeFamilyFiles(),
		}},
		NextSteps: []string{
			"Put a record once the event source mapping is enabled (`aws lambda list-event-source-mappings --function-name \"$(terraform output -raw function_name)\"` shows State Enabled; with starting_position LATEST, a record put before that is not read): `aws kinesis put-record --stream-name \"$(terraform output -raw stream_name)\" --partition-key sensor-1 --cli-binary-format raw-in-base64-out --data '{\"temperature\":21.5}'`.",
			"[stream_table]Read it back: `aws dynamodb scan --table-name \"$(terraform output -raw table_name)\"`.",
			"[output_bucket]Read it back: `aws s3 ls \"s3://$(terraform output -raw output_bucket_name)/\" --recursive`.",
			"Follow the function with `aws logs tail \"$(terraform output -raw function_log_group)\" --follow`.",
			"Subscribe to the alarm topic (`alarm_topic_arn` output), e.g. `aws sns subscribe --topic-arn ARN --protocol email --notification-endpoint you@example.com`.",
			"Change the handler in src/, then rebuild build/lambda.zip (`zip -X -j build/lambda.zip src/handler.*`) before `terraform apply`.",
		},
	}
}

func isMinusOne(v cty.Value, _ spec.Answers) error {
	if v.Equals(cty.NumberIntVal(-1)).True() {
		return rules.ErrRule
	}
	return nil
}

// recordAgeRule is Lambda's rule for MaximumRecordAgeInSeconds on a stream:
// -1 (no limit) or 60 s to 7 days.
func recordAgeRule() spec.Rule {
	return rules.Custom("be -1, or from 60 to 604800 (7 days)",
		func(v cty.Value, _ spec.Answers) error {
			f, _ := v.AsBigFloat().Float64()
			if f == -1 || (f >= 60 && f <= 604800) {
				return nil
			}
			return rules.ErrRule
		},
		func(key string, _ spec.Answers) spec.Expr {
			return spec.Or(spec.Cmp(spec.Var(key), "==", spec.Num(-1)),
				spec.Paren(spec.And(spec.Cmp(spec.Var(key), ">=", spec.Num(60)), spec.Cmp(spec.Var(key), "<=", spec.Num(604800)))))
		})
}

// belowRetentionRule keeps the iterator-age alarm meaningful: an alarm
// after the retention period would fire only once records are lost.
func belowRetentionRule() spec.Rule {
	return rules.Custom("be less than retention_hours × 3600, so the alarm fires before records expire",
		func(v cty.Value, a spec.Answers) error {
			f, _ := v.AsBigFloat().Float64()
			if r := a.Float("retention_hours"); a.Has("retention_hours") && f >= r*3600 {
				return fmt.Errorf("retention_hours is %s", spec.FormatNumber(r))
			}
			return nil
		},
		func(key string, _ spec.Answers) spec.Expr {
			return spec.Cmp(spec.Var(key), "<", spec.Arith(spec.Var("retention_hours"), "*", spec.Num(3600)))
		}).Reading("retention_hours")
}
