package blueprints

import (
	"fmt"
	"strings"

	"github.com/zclconf/go-cty/cty"

	"github.com/scaffold-tf/scaffold/blueprints/awsfacts"
	"github.com/scaffold-tf/scaffold/blueprints/rules"
	"github.com/scaffold-tf/scaffold/blueprints/spec"
)

func init() { register("s3-etl", S3ETL) }

// Limits of the s3-etl blueprint, each with where it comes from (read
// 2026-11-29).
const (
	// maxObjectMiB is the largest object S3 stores, 5 TB
	// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/upload-objects.html).
	// The validator moves a reject of any size: beyond CopyObject's 5 GB it
	// copies in parts (UploadPartCopy).
	maxObjectMiB = 5 * 1024 * 1024
	// glueMinWorkers is the fewest workers a Spark (glueetl) job runs with:
	// one driver and one executor
	// (https://docs.aws.amazon.com/glue/latest/dg/add-job.html, "Requested
	// number of workers"); the provider only asks for at least 1
	// (internal/service/glue/job.go, number_of_workers IntAtLeast(1)).
	glueMinWorkers = 2
	// glueMaxWorkers is scaffold's ceiling: Glue's own is the account's
	// DPU quota, which scaffold cannot read.
	glueMaxWorkers = 299
	// glueMaxTimeoutMin: Glue jobs must time out within 7 days, 10,080
	// minutes (API JobRun.Timeout, "Jobs must have timeout values less than
	// 7 days or 10080 minutes"); the provider asks for at least 1
	// (internal/service/glue/job.go, timeout IntAtLeast(1)).
	glueMaxTimeoutMin = 10080
	// glueMaxRetries: the provider's max_retries IntBetween(0, 10)
	// (internal/service/glue/job.go).
	glueMaxRetries = 10
)

// etlFormats are the file types the generated Glue script reads, by the
// object key's suffix.
var etlFormats = []string{"csv", "json", "parquet"}

// S3ETL is P3: S3 upload → Lambda → Glue → Redshift.
func S3ETL() *spec.Blueprint {
	return &spec.Blueprint{
		ID:    "s3-etl",
		Title: "S3 to Redshift ETL",
		Flow: spec.Graph{
			Nodes: []spec.Node{
				{ID: "producers", Label: "Data producers"},
				{ID: "landing", Label: "S3", Component: "landing_bucket"},
				{ID: "validator", Label: "Lambda", Component: "etl_validator"},
				{ID: "glue", Label: "Glue", Component: "glue"},
				{ID: "curated", Label: "S3 (curated Parquet)", Component: "curated_bucket", Aside: true},
				{ID: "warehouse", Label: "Redshift", Component: "redshift"},
			},
			Edges: []spec.Edge{
				{From: "producers", To: "landing", Label: "uploads under the incoming prefix"},
				{From: "landing", To: "validator", Label: "object created"},
				{From: "validator", To: "glue", Label: "starts a job run per accepted upload"},
				{From: "glue", To: "curated", Label: "writes Parquet"},
				{From: "curated", To: "warehouse", Label: "COPY or an external schema"},
			},
		},
		Summary: "Files uploaded under a prefix of an encrypted landing bucket invoke a Lambda function that checks each one (size, type), " +
			"moves rejects to a quarantine prefix and starts a Glue Spark job for the others; the job writes them as Parquet under a curated prefix, " +
			"a crawler catalogs them, and Redshift queries them through an external schema or loads them with COPY.",
		Why: []string{
			"The upload itself is the trigger: S3 notifies the function of each new object under the incoming prefix, so nothing polls and nothing runs while no file arrives (P3, F14).",
			"The function is a cheap gate: a file too large or of the wrong type never costs a Glue run, and lands in quarantine for a person to look at.",
			"Glue runs the transformation on serverless Spark, billed per DPU-hour only while the job runs; job bookmarks remember what was processed, so a rerun does not load a file twice (P3).",
			"Parquet in the curated prefix is columnar and compressed: Redshift Spectrum and COPY read only the columns they need.",
			"The crawler keeps the Glue Data Catalog in step with the curated files, so Redshift sees new columns and partitions through its external schema.",
			"Redshift is private (no public endpoint, enhanced VPC routing), encrypted with the module's key, requires SSL, and its admin password is a secret AWS manages and rotates.",
			"One KMS key encrypts both buckets, the Glue job's output, logs and bookmarks, the function's environment and Redshift.",
		},
		ChooseWhen: []string{
			"Files arrive in batches (exports, partner drops, daily dumps) and are needed in a warehouse within minutes, not seconds (P3, F23).",
			"Transformations heavier than a Lambda function can run in 15 minutes and 10 GB (F7, F8), without managing a Spark cluster.",
			"Analysts query with SQL in Redshift and want both loaded tables and files queried in place (Spectrum).",
		},
		AvoidWhen: []string{
			"Results are needed within seconds of each event: use stream-processing (Kinesis → Lambda, P8).",
			"Small files, a few kilobytes each, arriving constantly: a Glue run per file costs at least a minute of two workers; batch them or stream them.",
			"A fixed nightly job in your own container: scheduled-batch runs it on Batch, cheaper on Spot (P6, F21).",
		},
		Pitfalls: []string{
			"A Glue Spark run bills a minimum of one minute per worker, and starts in tens of seconds: one run per small file adds up; upload fewer, larger files.",
			"Runs are serialised (one at a time, the others queued), so job bookmarks never race; a burst of uploads is processed in turn, not in parallel.",
			"Every upload becomes Parquet in the one curated folder, which the crawler catalogs as one table: uploads must share one set of columns (COPY matches Parquet columns by position). For several datasets, run one module each, or have the job write each dataset to a folder of its own and catalog those.",
			"Job bookmarks follow each object's last-modified time: an object overwritten with the same key is read again, one re-uploaded unchanged is not.",
			"Python shell jobs cannot use job bookmarks, so the job is a Spark (glueetl) job.",
			redshiftDataLossPitfall,
			"Redshift Serverless needs subnets in at least three availability zones.",
			"Redshift bills while it runs: a provisioned cluster every hour, Serverless per RPU-second of queries, with a one-minute minimum each time it wakes.",
			"The landing bucket expires raw files after landing_expiration_days: load or copy what must be kept before then.",
			"In prod both buckets keep their objects on destroy: empty them first, or terraform destroy stops at them.",
		},
		Sources: []string{"P3", "P6", "P8", "F7", "F8", "F14", "F21", "F23", "F25"},
		// The long step is Glue's (up to its 7-day timeout); Lambda only
		// checks each upload.
		Fit: &spec.Fit{
			Compute: []string{"lambda", "glue"}, Triggers: []string{spec.TriggerUploads},
			MaxRunMinutes: glueMaxTimeoutMin, MaxRunLimit: "Glue stops a run at 7 days",
			Control: spec.ControlCode, Start: spec.StartMinutes, Ops: spec.OpsMinimal, Cost: spec.CostPerTask, ScalesToZero: true,
		},
		Questions: withCommonQuestions(append([]*spec.Question{
			nameQuestion("s3-etl", "lake", "base", "kms", "network", "log_bucket", "landing_bucket", "curated_bucket", "glue", "etl_validator", "redshift"),
			regionQuestion(),
			environmentQuestion(),
			deletionProtectionQuestion("the landing and curated buckets while they hold objects, and destroy does not empty them or the access-log bucket"),
			redshiftDeploymentQuestion(redshiftWhen{}),
			vpcCIDRQuestion(),
			redshiftAZCountQuestion(redshiftWhen{}),
			prefixQuestion("incoming_prefix", "Incoming key prefix", "incoming/",
				"The folder of the landing bucket that uploads go to. S3 notifies the validator function of every object created under it, and of nothing else."),
			prefixQuestion("quarantine_prefix", "Quarantine key prefix", "quarantine/",
				"The folder of the landing bucket that rejected uploads are moved to (copied, then deleted from the incoming prefix), for a person to inspect. "+
					"It must not lie inside the incoming prefix, or each move would notify the function again.",
				notNestedRule("incoming_prefix", "the landing bucket")),
			prefixQuestion("curated_prefix", "Curated key prefix", "curated/",
				"The folder of the curated bucket the Glue job writes Parquet to. The crawler catalogs it and Redshift reads it, nothing more."),
			prefixQuestion("glue_prefix", "Glue artefacts key prefix", "glue/",
				"The folder of the curated bucket that holds the job's script (scripts/) and Spark's scratch files (temp/, expired after a week). "+
					"It must not overlap the curated prefix, or the crawler would catalog the script.",
				notNestedRule("curated_prefix", "the curated bucket")),
			{
				Key:    "max_object_mib",
				Prompt: "Largest accepted upload (MiB)",
				Help: "Uploads larger than this are moved to quarantine instead of being processed. " +
					"The move is a copy inside S3, in 256 MiB parts beyond 5 GB: give the validator a timeout (validator_timeout_s) long enough for the largest reject you expect, " +
					"or a reject that outlasts it stays under the incoming prefix and its event goes to the dead-letter queue. At most 5242880 (5 TiB, S3's largest object).",
				Type:    cty.Number,
				Default: spec.Fixed(cty.NumberIntVal(512)),
				Rules:   []spec.Rule{rules.Whole(), rules.Range(1, maxObjectMiB)},
			},
			{
				Key:    "allowed_formats",
				Prompt: "Accepted file types (comma-separated)",
				Help: "The file types processed, by the object key's suffix: csv (with a header line), json (one object per line) or parquet. " +
					"Anything else is moved to quarantine; the Glue job reads each type with its own reader.",
				Type:    cty.String,
				Default: spec.Fixed(cty.StringVal("csv,json")),
				Rules: []spec.Rule{
					rules.Length(3, 20),
					rules.Matches(`^(csv|json|parquet)(,(csv|json|parquet))*$`, "be one or more of csv, json and parquet, separated by commas without spaces"),
				},
			},
			{
				Key:    "landing_expiration_days",
				Prompt: "Days before raw uploads expire",
				Help: "A lifecycle rule deletes each upload (and each quarantined file) this many days after it arrived, so the landing bucket does not grow forever. " +
					"The curated Parquet is kept.",
				Type:    cty.Number,
				Default: spec.Fixed(cty.NumberIntVal(30)),
				Rules:   []spec.Rule{rules.Whole(), rules.Range(1, 3650)},
			},
			{
				Key:     "validator_runtime",
				Prompt:  "Validator Lambda runtime",
				Help:    "The Python version the validator runs on; scaffold writes it in Python, with boto3 only, so any Python runtime Lambda still creates functions on works.",
				Type:    cty.String,
				Default: spec.Fixed(cty.StringVal("python3.13")),
				Choices: pythonRuntimeChoices(),
			},
			{
				Key:     "validator_memory_mb",
				Prompt:  "Validator Lambda memory (MB)",
				Help:    "Memory of the function that checks uploads, from 128 to 10,240 MB (F8). It only reads object metadata and calls two APIs, so the minimum is usually enough.",
				Type:    cty.Number,
				Default: spec.Fixed(cty.NumberIntVal(128)),
				// Lambda: 128 to 10240 MB (provider internal/service/lambda/function.go, memory_size).
				Rules: []spec.Rule{rules.Whole(), rules.Range(128, 10240)},
			},
			{
				Key:     "validator_timeout_s",
				Prompt:  "Validator Lambda timeout (seconds)",
				Help:    "How long one check may run, 1 to 900 s (F7). Moving a multi-gigabyte reject to quarantine copies it inside S3, which takes longer than a check.",
				Type:    cty.Number,
				Default: spec.Fixed(cty.NumberIntVal(60)),
				// Lambda: 1 to 900 s (provider internal/service/lambda/function.go, timeout).
				Rules: []spec.Rule{rules.Whole(), rules.Range(1, 900)},
			},
			{
				Key:     "glue_version",
				Prompt:  "Glue version",
				Help:    "The Glue runtime of the job: 5.0 runs Spark 3.5 and Python 3.11, 4.0 Spark 3.3 and Python 3.10. Prefer the newest; 4.0 for libraries not yet ported.",
				Type:    cty.String,
				Default: spec.Fixed(cty.StringVal("5.0")),
				// https://docs.aws.amazon.com/glue/latest/dg/add-job.html (versions
				// table); the provider accepts any string (internal/service/glue/job.go).
				Choices: []spec.Choice{
					{Value: "5.0", Help: "Spark 3.5, Python 3.11"},
					{Value: "4.0", Help: "Spark 3.3, Python 3.10"},
				},
			},
			{
				Key:    "glue_worker_type",
				Prompt: "Glue worker type",
				Help: "The size of each Spark worker: G.1X is 1 DPU (4 vCPU, 16 GB), G.2X 2 DPU, G.4X 4 DPU, G.8X 8 DPU. " +
					"Billed per DPU-hour, so a larger type costs proportionally more; start with G.1X and raise it for memory-heavy joins.",
				Type:    cty.String,
				Default: spec.Fixed(cty.StringVal("G.1X")),
				// https://docs.aws.amazon.com/glue/latest/dg/worker-types.html; the
				// provider checks the SDK's WorkerType values (internal/service/glue/job.go).
				Choices: []spec.Choice{
					{Value: "G.1X", Help: "1 DPU: 4 vCPU, 16 GB"},
					{Value: "G.2X", Help: "2 DPU: 8 vCPU, 32 GB"},
					{Value: "G.4X", Help: "4 DPU: 16 vCPU, 64 GB"},
					{Value: "G.8X", Help: "8 DPU: 32 vCPU, 128 GB"},
				},
			},
			{
				Key:     "glue_workers",
				Prompt:  "Glue workers per run",
				Help:    fmt.Sprintf("How many workers each run gets, one of them the Spark driver: at least %d. A run bills workers × DPU per worker × its duration (one minute at least).", glueMinWorkers),
				Type:    cty.Number,
				Default: spec.Fixed(cty.NumberIntVal(2)),
				Rules:   []spec.Rule{rules.Whole(), rules.Range(glueMinWorkers, glueMaxWorkers)},
			},
			{
				Key:     "glue_timeout_min",
				Prompt:  "Glue run timeout (minutes)",
				Help:    "Glue stops a run that takes longer, so a stuck run stops billing. Glue's own default is 2,880 (48 hours); at most 10,080 (7 days).",
				Type:    cty.Number,
				Default: spec.Fixed(cty.NumberIntVal(60)),
				Rules:   []spec.Rule{rules.Whole(), rules.Range(1, glueMaxTimeoutMin)},
			},
			{
				Key:     "glue_max_retries",
				Prompt:  "Glue retries per run",
				Help:    "How many times Glue retries a failed run, 0 to 10. Bookmarks make a retry pick up only what the failed run did not commit.",
				Type:    cty.Number,
				Default: spec.Fixed(cty.NumberIntVal(1)),
				Rules:   []spec.Rule{rules.Whole(), rules.Range(0, glueMaxRetries)},
			},
			{
				Key:    "crawler_schedule",
				Prompt: "Crawler schedule (cron, UTC; empty to run it on demand)",
				Help: "When the crawler updates the Data Catalog from the curated files, as cron(minutes hours day-of-month month day-of-week year) in UTC, " +
					"e.g. cron(15 * * * ? *) every hour at :15, cron(0/30 * * * ? *) every half hour. Glue runs a crawler at most every 5 minutes. Empty runs it only on demand (aws glue start-crawler). Glue crawlers take cron expressions only, not rate().",
				Type:    cty.String,
				Default: spec.Fixed(cty.StringVal("cron(15 * * * ? *)")),
				Rules: []spec.Rule{
					rules.Length(0, 256),
					rules.Matches(`^(cron\([^()]+\))?$`, "be empty or a cron(...) expression; crawlers do not take rate()"),
					optionalSchedule(),
					crawlerEveryFiveMinutes(),
				},
			},
		}, redshiftQuestions(redshiftWhen{})...)),
		Components: func(spec.Answers) []spec.Component {
			return []spec.Component{
				{Name: "base"},
				{Name: "kms"},
				{Name: "network"},
				{Name: "log_bucket"},
				{Name: "landing_bucket", Params: BucketParams{AccessLogPrefix: "s3/landing/"}, LogWriters: []spec.LogWriter{S3AccessLogs}},
				{Name: "curated_bucket", Params: BucketParams{AccessLogPrefix: "s3/curated/"}},
				{Name: "glue"},
				{Name: "etl_validator"},
				// Redshift reads the curated Parquet and, through an external
				// schema, the tables the crawler catalogs.
				redshiftComponent(RedshiftParams{SourceBucketARN: "local.curated_bucket_arn", SourcePrefix: "var.curated_prefix", GlueCatalog: true}),
			}
		},
		Archives: []spec.Archive{{Path: "build/validator.zip", Files: []string{"src/validator.py"}}},
		NextSteps: []string{
			"Try the pipeline: `aws s3 cp sample.csv \"s3://$(terraform output -raw landing_bucket_name)/$(terraform output -raw incoming_prefix)sample.csv\"`, then watch the run with `aws glue get-job-runs --job-name \"$(terraform output -raw glue_job_name)\"`.",
			"Follow the validator's decisions with `aws logs tail \"$(terraform output -raw validator_log_group)\" --follow`; rejects land under the quarantine prefix.",
			"Run the crawler once the first run succeeded: `aws glue start-crawler --name \"$(terraform output -raw glue_crawler_name)\"`.",
			"Replace src/etl_job.py with your transformation; terraform apply uploads the new script.",
		},
	}
}

// pythonRuntimeChoices are the Python runtimes of awsfacts.LambdaRuntimes.
func pythonRuntimeChoices() []spec.Choice {
	var out []spec.Choice
	for _, c := range runtimeChoices() {
		if strings.HasPrefix(c.Value, "python") {
			out = append(out, c)
		}
	}
	return out
}

// prefixQuestion is a key prefix of one of the module's buckets: folder
// names ending in "/", which IAM policies and notification filters use as
// given.
func prefixQuestion(key, prompt, def, help string, extra ...spec.Rule) *spec.Question {
	rs := append([]spec.Rule{rules.Length(2, 256)}, keyPrefixRules("incoming/ or data/raw/")...)
	return &spec.Question{
		Key:     key,
		Prompt:  prompt,
		Help:    help + " Folder names of letters, digits, _ . and -, each followed by /.",
		Type:    cty.String,
		Default: spec.Fixed(cty.StringVal(def)),
		Rules:   append(rs, extra...),
	}
}

// notNestedRule keeps two prefixes of one bucket apart: neither may hold
// the other, so what is written under one never shows under the other.
func notNestedRule(other, bucket string) spec.Rule {
	return rules.Custom(fmt.Sprintf("not lie inside %s or hold it: both are folders of %s", other, bucket),
		func(v cty.Value, a spec.Answers) error {
			o := a.String(other)
			if strings.HasPrefix(v.AsString(), o) || strings.HasPrefix(o, v.AsString()) {
				return fmt.Errorf("%s is %q", other, o)
			}
			return nil
		},
		func(key string, _ spec.Answers) spec.Expr {
			return spec.And(
				spec.Not(spec.Call("startswith", spec.Var(key), spec.Var(other))),
				spec.Not(spec.Call("startswith", spec.Var(other), spec.Var(key))),
			)
		}).Reading(other)
}

// optionalSchedule checks a non-empty crawler schedule with the shared cron
// rule; empty means on demand.
func optionalSchedule() spec.Rule {
	cron := awsfacts.Schedule()
	r := rules.Custom("be empty, or cron(minutes hours day-of-month month day-of-week year) with one of day-of-month and day-of-week set to ?",
		func(v cty.Value, a spec.Answers) error {
			if v.AsString() == "" {
				return nil
			}
			return cron.Check(v, a)
		},
		func(key string, a spec.Answers) spec.Expr {
			c := cron.Condition(key, a)
			if c == nil {
				return nil
			}
			return spec.Or(spec.Cmp(spec.Var(key), "==", spec.Str("")), c)
		})
	return r
}

// crawlerMinutes is the minutes field of a crawler schedule that fires at
// most every 5 minutes: one number, or an increment of 5 or more.
const crawlerMinutes = `^cron\(([0-5]?[0-9]|(\*|[0-5]?[0-9])/([5-9]|[1-5][0-9])) `

// crawlerEveryFiveMinutes refuses a cron schedule that fires more often
// than every 5 minutes: "the minimum precision for a crawler schedule is 5
// minutes" (https://docs.aws.amazon.com/glue/latest/dg/schedule-crawler.html).
// Lists and ranges of minutes are refused too, though some are 5 minutes
// apart: one number or an increment says the same, and one pattern checks
// it in Go and in Terraform. Anything but a cron(...) is the other rules'.
func crawlerEveryFiveMinutes() spec.Rule {
	re := rules.Regexp(crawlerMinutes)
	return rules.Custom("run at most every 5 minutes, Glue's finest schedule: minutes as one number (15) or an increment of 5 or more (0/10), not *, a list or a range",
		func(v cty.Value, _ spec.Answers) error {
			if s := v.AsString(); strings.HasPrefix(s, "cron(") && !re.MatchString(s) {
				return rules.ErrRule
			}
			return nil
		},
		func(key string, _ spec.Answers) spec.Expr {
			return spec.Or(
				spec.Not(spec.Call("startswith", spec.Var(key), spec.Str("cron("))),
				spec.Call("can", spec.Call("regex", spec.Str(crawlerMinutes), spec.Var(key))),
			)
		})
}
