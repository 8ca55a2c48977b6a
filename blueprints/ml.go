package blueprints

import (
	"fmt"
	"slices"
	"strings"

	"github.com/zclconf/go-cty/cty"

	"github.com/scaffold-tf/scaffold/blueprints/awsfacts"
	"github.com/scaffold-tf/scaffold/blueprints/rules"
	"github.com/scaffold-tf/scaffold/blueprints/spec"
)

func init() { register("ml-pipeline", MLPipeline) }

// Limits of the ml-pipeline blueprint, each with where it comes from (read
// 2026-11-30).
const (
	// maxEndpointInstances is scaffold's ceiling on the instances of an
	// instance endpoint: SageMaker asks for at least 1
	// (API ProductionVariant.InitialInstanceCount, "Minimum value of 1") and
	// sets no maximum but the account's quota per instance type, which is
	// 0 to a few in a new account; 10 bounds what a typo bills.
	maxEndpointInstances = 10
)

// ModelDeployerParams is the input of the model_deployer component.
type ModelDeployerParams struct {
	// LocalStorageFamilies are the SageMaker instance families with local
	// NVMe storage, whose endpoint configurations take no KMS key
	// (awsfacts.SageMakerLocalStorageFamilies).
	LocalStorageFamilies []string
}

// MLPipeline is P7: S3 (new data) → Lambda → Batch (GPU training) →
// SageMaker.
func MLPipeline() *spec.Blueprint {
	serverless := func(a spec.Answers) bool { return a.String("endpoint_kind") == "serverless" }
	instances := func(a spec.Answers) bool { return a.String("endpoint_kind") == "instances" }
	return &spec.Blueprint{
		ID:    "ml-pipeline",
		Title: "ML training and deployment pipeline",
		Flow: spec.Graph{
			Nodes: []spec.Node{
				{ID: "producers", Label: "Data producers"},
				{ID: "data", Label: "S3", Component: "data_bucket"},
				{ID: "trigger", Label: "Lambda", Component: "training_trigger"},
				{ID: "batch", Label: "Batch (GPU)", Component: "batch"},
				{ID: "deployer", Label: "Lambda (deployer)", Component: "model_deployer", Aside: true},
				{ID: "endpoint", Label: "SageMaker", Component: "model_deployer"},
				{ID: "alarms", Label: "SNS (alarms)", Component: "pipeline_alarms", Aside: true},
			},
			Edges: []spec.Edge{
				{From: "producers", To: "data", Label: "new training data under the data prefix"},
				{From: "data", To: "trigger", Label: "object created"},
				{From: "trigger", To: "batch", Label: "submits a training job with the object's key"},
				{From: "batch", To: "data", Label: "the job writes model.tar.gz under the model prefix"},
				{From: "batch", To: "deployer", Label: "Batch Job State Change: SUCCEEDED"},
				{From: "deployer", To: "endpoint", Label: "creates the model, creates or updates the endpoint"},
				{From: "batch", To: "alarms", Label: "failed training jobs"},
			},
		},
		Summary: "New training data uploaded under a prefix of an encrypted bucket invokes a Lambda function that submits a training job to AWS Batch, " +
			"which runs it on GPU instances (Spot by default) in private subnets; when a job succeeds, a second function creates a SageMaker model " +
			"from the artefact the job wrote and creates or rolls a SageMaker endpoint (serverless or on instances) to it. " +
			"Failed jobs and endpoint errors notify an encrypted SNS topic.",
		Why: []string{
			"The upload is the trigger: S3 notifies a small function for each object under the data prefix, and it submits one training job with the object's location; nothing polls, nothing runs between uploads (P7, F24).",
			"Training runs on AWS Batch, not Lambda: GPUs, hours of run time and tens of gigabytes of memory are beyond Lambda's 15 minutes and 10 GB (F7, F8, F22, F27).",
			"Batch queues the jobs, finds GPU capacity, retries a failed or interrupted attempt and stops one that outlives its timeout (F20); the environment shrinks to nothing between jobs.",
			"Spot capacity (SPOT_PRICE_CAPACITY_OPTIMIZED) cuts the training bill by 70–90 % (F21); a reclaimed instance costs one retried attempt.",
			"Deployment follows success, not a schedule: EventBridge hands each Batch job that SUCCEEDED to a function that creates the SageMaker model and endpoint configuration and rolls the endpoint, so the endpoint always serves the newest trained model.",
			"Each identity holds only what it uses: the trigger may submit to one queue, the job may read the data prefix and write the model prefix, SageMaker may read the model prefix and pull one image, the deployer may create resources named after the module.",
			"One KMS key encrypts the bucket, the functions' environments, the queues, the logs, the alarm topic and, where SageMaker allows it, the endpoint's volumes.",
		},
		ChooseWhen: []string{
			"Models retrained whenever new data arrives, on GPUs, for minutes to hours per run (P7, F22, F27).",
			"Training cost matters more than start time: Spot GPUs cost a fraction of On-Demand, and jobs wait minutes for capacity anyway (F21, F23).",
			"One model served behind one endpoint, replaced by each successful run.",
		},
		AvoidWhen: []string{
			"Training that fits in 15 minutes and 10 GB without a GPU: a Lambda function alone is simpler (F17, F27, F28).",
			"Several models, A/B tests, approval steps or lineage: SageMaker Pipelines and the Model Registry do this with less code of your own.",
			"Predictions needed in milliseconds from the first request after idle periods: serverless endpoints start cold; use instances.",
		},
		Pitfalls: []string{
			"The endpoint appears with the first trained model: right after terraform apply there is none, and the endpoint alarms see no data.",
			"terraform destroy does not delete what the deployer created (endpoint, endpoint configurations, models): delete them first with the README's commands, or the endpoint keeps billing.",
			"The training job's contract: write the model, as SageMaker's model.tar.gz, to s3://$DATA_BUCKET/$MODEL_PREFIX$AWS_BATCH_JOB_ID/model.tar.gz. A job that succeeds without writing it is logged by the deployer and not deployed.",
			"A new account's vCPU quota for G and P instances is 0 (Service Quotas: Running On-Demand G and VT instances, All G and VT Spot Instance Requests): raise it, or the jobs wait in RUNNABLE and Batch cancels them after 10 minutes.",
			"Spot capacity can be reclaimed mid-training; Batch retries the attempt from the start, so checkpoint to the model prefix for long runs (F21, F20).",
			"Each upload under the data prefix starts one job: upload a dataset as one archive, or under another prefix and then copy a single marker, rather than thousands of files.",
			"Serverless endpoints have no GPU and at most 6 GB of memory; larger models need instances.",
			"An update while the endpoint is still creating or updating is refused; the deployer retries twice, then leaves the event in its dead-letter queue.",
			"Mixing Lambda, Batch and SageMaker means three services to watch (F30): the alarm topic gathers them.",
		},
		Sources: []string{"P7", "P6", "F7", "F8", "F17", "F20", "F21", "F22", "F23", "F24", "F25", "F26", "F27", "F28", "F30"},
		// An endpoint on instances bills all the time, so the module does
		// not scale to zero; Batch, the first compute, is what the rules
		// weigh.
		Fit: &spec.Fit{
			Compute: []string{"batch", "lambda", "sagemaker"}, Triggers: []string{spec.TriggerUploads},
			Control: spec.ControlRuntime, Containers: true, GPU: true, GPUOnly: true, Start: spec.StartMinutes,
			Ops: spec.OpsSome, Cost: spec.CostPerTask, ScalesToZero: false, Spot: true,
		},
		Questions: withCommonQuestions(append(append([]*spec.Question{
			nameQuestion("ml-pipeline", "train", "base", "kms", "network", "log_bucket", "data_bucket", "batch", "training_trigger", "model_deployer", "pipeline_alarms"),
			regionQuestion(),
			environmentQuestion(),
			deletionProtectionQuestion("the data bucket while it holds data or models, and destroy does not empty it or the access-log bucket"),
			vpcCIDRQuestion(),
			azCountQuestion(),
			prefixQuestion("data_prefix", "Training data key prefix", "incoming/",
				"The folder of the data bucket new training data goes to. S3 notifies the trigger function of every object created under it, and each object starts one training job; "+
					"the job finds the object in $INPUT_BUCKET and $INPUT_KEY, and may read this prefix and nothing else."),
			prefixQuestion("model_prefix", "Model key prefix", "models/",
				"The folder of the data bucket trained models go to: each job writes <model_prefix><job ID>/model.tar.gz, where the deployer looks for it. "+
					"The job may write here, SageMaker may read here, nothing else. It must not lie inside the data prefix, or each model would start a training job.",
				notNestedRule("data_prefix", "the data bucket")),
			{
				Key:    "data_expiration_days",
				Prompt: "Days before training data expires",
				Help: "A lifecycle rule deletes each object under the data prefix this many days after it arrived, so the bucket does not grow forever. " +
					"Models under the model prefix are kept: the endpoint's instances read their model from there when they scale or are replaced.",
				Type:    cty.Number,
				Default: spec.Fixed(cty.NumberIntVal(90)),
				// S3 takes any positive number of days; beyond ten years the
				// bucket is an archive, which this working bucket is not meant to be.
				Rules: []spec.Rule{rules.Whole(), rules.Range(1, 3650)},
			},
		}, trainingJobQuestions()...), []*spec.Question{
			{
				Key:    "training_image",
				Prompt: "Training container image",
				Help: "The image each training job runs, e.g. 123456789012.dkr.ecr.eu-west-3.amazonaws.com/train:1.4 or an AWS Deep Learning Containers training image. " +
					"The default is a PLACEHOLDER holding a shell and little else, enough to see the pipeline run; it trains nothing and writes no model, so nothing is deployed. " +
					"For GPUs the image needs the CUDA libraries your framework uses; Batch's NVIDIA-enabled ECS image provides the driver. Pin a tag or a digest.",
				Type:    cty.String,
				Default: spec.Fixed(cty.StringVal("public.ecr.aws/amazonlinux/amazonlinux:2023")),
				Rules:   imageRefRules("public.ecr.aws/amazonlinux/amazonlinux:2023"),
			},
			{
				Key:    "training_command",
				Prompt: "Command the training job runs (by sh -c)",
				Help: "A shell command run with sh -c inside the training image. It finds the new object in $INPUT_BUCKET and $INPUT_KEY, and must write the model to " +
					"s3://$DATA_BUCKET/$MODEL_PREFIX$AWS_BATCH_JOB_ID/model.tar.gz, the one place its role may write and where the deployer looks. " +
					"Never put secrets here: the command is stored in the job definition in clear text.",
				Type:    cty.String,
				Default: spec.Fixed(cty.StringVal(`echo "train on s3://$INPUT_BUCKET/$INPUT_KEY, then write s3://$DATA_BUCKET/$MODEL_PREFIX$AWS_BATCH_JOB_ID/model.tar.gz"`)),
				Rules:   jobCommandRules(),
			},
			{
				Key:     "functions_runtime",
				Prompt:  "Lambda runtime of the trigger and the deployer",
				Help:    "The Python version both functions run on; scaffold writes them in Python, with boto3 only, so any Python runtime Lambda still creates functions on works.",
				Type:    cty.String,
				Default: spec.Fixed(cty.StringVal("python3.13")),
				Choices: pythonRuntimeChoices(),
			},
			{
				Key:    "endpoint_kind",
				Shape:  spec.Selects,
				Prompt: "SageMaker endpoint",
				Help: "How the trained model is served. serverless: SageMaker starts capacity on demand and bills per request and duration, nothing while idle, " +
					"but starts cold after idle periods, has no GPU and at most 6 GB of memory. " +
					"instances: ml.* instances that run all the time, billed per hour, with GPUs if the type has them; encrypted with the module's key unless the type has local NVMe storage, which its hardware encrypts.",
				Type:    cty.String,
				Default: spec.Fixed(cty.StringVal("serverless")),
				Choices: []spec.Choice{
					{Value: "serverless", Help: "on-demand, billed per request, cold starts, no GPU"},
					{Value: "instances", Help: "always-on ml.* instances, billed per hour, GPUs possible"},
				},
			},
			{
				Key:    "serverless_memory_mb",
				Prompt: "Serverless endpoint memory (MB)",
				Help: "The memory of each serverless inference, from 1024 to 6144 MB in steps of 1024; SageMaker gives vCPUs in proportion. " +
					"The model must fit in it with the inference container.",
				Type:    cty.Number,
				Default: spec.Fixed(cty.NumberIntVal(2048)),
				Rules:   []spec.Rule{awsfacts.SageMakerServerlessMemory()},
				When:    serverless, WhenText: "endpoint_kind is serverless",
			},
			{
				Key:    "serverless_max_concurrency",
				Prompt: "Serverless endpoint maximum concurrency",
				Help: "How many invocations the serverless endpoint serves at once, 1 to 200; more are throttled. " +
					"The account's total serverless concurrency per region is a quota (1000 by default).",
				Type:    cty.Number,
				Default: spec.Fixed(cty.NumberIntVal(5)),
				Rules:   []spec.Rule{rules.Whole(), rules.Range(1, awsfacts.SageMakerServerlessMaxConcurrency)},
				When:    serverless, WhenText: "endpoint_kind is serverless",
			},
			{
				Key:    "endpoint_instance_type",
				Prompt: "Endpoint instance type",
				Help: "The SageMaker hosting instance type, ml.<family>.<size>: ml.m5.large or ml.c6i.large for small CPU models, ml.g5.xlarge or ml.g6.xlarge for GPU inference. " +
					"Types with local NVMe storage (" + localStorageFamiliesText() + ") are encrypted by their hardware, and take no KMS key. " +
					"A new account's quota for each type (ml.<type> for endpoint usage) may be 0: check Service Quotas.",
				Type:    cty.String,
				Default: spec.Fixed(cty.StringVal("ml.m5.large")),
				Rules: []spec.Rule{
					rules.Length(9, 50),
					rules.Suggesting(rules.Matches(awsfacts.SageMakerInstanceTypePattern, "be a SageMaker instance type, ml.<family>.<size>, e.g. ml.m5.large or ml.g5.xlarge"),
						func(s string) string { // ML.M5.large, m5.large → ml.m5.large
							s = strings.ToLower(s)
							if !strings.HasPrefix(s, "ml.") {
								s = "ml." + s
							}
							return s
						}),
				},
				When: instances, WhenText: "endpoint_kind is instances",
			},
			{
				Key:    "endpoint_instance_count",
				Prompt: "Endpoint instances",
				Help:   fmt.Sprintf("How many instances serve the endpoint, 1 to %d. Two or more spread over availability zones and survive the loss of one.", maxEndpointInstances),
				Type:   cty.Number,
				Default: func(a spec.Answers) cty.Value {
					if a.String("environment") == "prod" {
						return cty.NumberIntVal(2)
					}
					return cty.NumberIntVal(1)
				},
				DefaultText: "2 in prod, 1 otherwise",
				Rules:       []spec.Rule{rules.Whole(), rules.Range(1, maxEndpointInstances)},
				When:        instances, WhenText: "endpoint_kind is instances",
			},
			{
				Key:    "inference_image",
				Prompt: "Inference container image (ECR)",
				Help: "The image SageMaker serves the model with, from an ECR registry of the module's region: <account>.dkr.ecr.<region>.amazonaws.com/<repository>:<tag>. " +
					"The default is a PLACEHOLDER, an AWS Deep Learning Containers PyTorch CPU inference image, which serves a model.tar.gz holding a PyTorch model and its inference code; " +
					"replace it with the image matching your framework (GPU variants for GPU instances; serverless endpoints need a CPU image). " +
					"Its registry is the Deep Learning Containers account of the module's region (763104351884 in most regions, another in opt-in ones), since SageMaker pulls from its own region only.",
				Type: cty.String,
				Default: func(a spec.Answers) cty.Value {
					region := a.String("region")
					if !slices.Contains(awsfacts.AcceptedRegions(), region) {
						// A region refused on its own is blamed alone; the
						// image rule that reads it is not judged.
						region = "us-east-1"
					}
					return cty.StringVal(fmt.Sprintf("%s.dkr.ecr.%s.amazonaws.com/pytorch-inference:2.6.0-cpu-py312-ubuntu22.04-sagemaker",
						awsfacts.DeepLearningContainersRegistry[region], region))
				},
				DefaultText: "the AWS Deep Learning Containers PyTorch 2.6 CPU inference image of the region (a placeholder)",
				Rules: []spec.Rule{
					rules.Length(1, 255),
					rules.Matches(awsfacts.ECRImagePattern, "be an ECR image URI, <account>.dkr.ecr.<region>.amazonaws.com/<repository>[:tag][@sha256:digest]"),
					awsfacts.ECRImageInRegion("region"),
				},
			},
		}...)),
		Components: func(a spec.Answers) []spec.Component {
			return []spec.Component{
				{Name: "base"},
				{Name: "kms"},
				{Name: "network"},
				{Name: "log_bucket"},
				{Name: "data_bucket", Params: BucketParams{AccessLogPrefix: "s3/data/"}, LogWriters: []spec.LogWriter{S3AccessLogs}},
				{Name: "batch", Params: BatchParams{
					ImageExpr:   "var.training_image",
					CommandExpr: "var.training_command",
					// The training job's contract: it writes
					// s3://$DATA_BUCKET/$MODEL_PREFIX$AWS_BATCH_JOB_ID/model.tar.gz;
					// the trigger adds INPUT_BUCKET and INPUT_KEY to each job.
					Environment: []BatchEnv{
						{Name: "DATA_BUCKET", Expr: "local.data_bucket_name"},
						{Name: "DATA_PREFIX", Expr: "var.data_prefix"},
						{Name: "MODEL_PREFIX", Expr: "var.model_prefix"},
					},
					S3Access: []BatchS3Access{
						{Sid: "TrainingData", BucketARNExpr: "local.data_bucket_arn", PrefixExpr: "var.data_prefix"},
						{Sid: "Models", BucketARNExpr: "local.data_bucket_arn", PrefixExpr: "var.model_prefix", Write: true},
					},
				}},
				{Name: "training_trigger"},
				// EventBridge writes undelivered job events to the deployer's
				// and the alarms' dead-letter queues, and publishes failed jobs
				// to the alarm topic, all encrypted with the module's key.
				{Name: "model_deployer", Params: ModelDeployerParams{LocalStorageFamilies: awsfacts.SageMakerLocalStorageFamilies()},
					KeyUsers: []spec.KeyUser{{Sid: "EventBridgeUseKey", Principal: "events.amazonaws.com"}}},
				// CloudWatch publishes alarm notifications to the topic.
				{Name: "pipeline_alarms", KeyUsers: []spec.KeyUser{{Sid: "CloudWatchAlarmsUseKey", Principal: "cloudwatch.amazonaws.com"}}},
			}
		},
		Archives: []spec.Archive{
			{Path: "build/trigger.zip", Files: []string{"src/trigger.py"}},
			{Path: "build/deployer.zip", Files: []string{"src/deployer.py"}},
		},
		NextSteps: []string{
			"Subscribe to the alarm topic (`alarm_topic_arn` output), e.g. `aws sns subscribe --topic-arn \"$(terraform output -raw alarm_topic_arn)\" --protocol email --notification-endpoint you@example.com`.",
			"Replace training_image and training_command with your training: read s3://$INPUT_BUCKET/$INPUT_KEY, write s3://$DATA_BUCKET/$MODEL_PREFIX$AWS_BATCH_JOB_ID/model.tar.gz.",
			"Replace inference_image with the image that serves your framework's model.tar.gz.",
			"Start a training run: `aws s3 cp train.csv \"s3://$(terraform output -raw data_bucket_name)/$(terraform output -raw data_prefix)train.csv\"`, then follow it with `aws logs tail \"$(terraform output -raw trigger_log_group)\" --follow`.",
			"After the first successful job, watch the deployment: `aws logs tail \"$(terraform output -raw deployer_log_group)\" --follow` and `aws sagemaker describe-endpoint --endpoint-name \"$(terraform output -raw endpoint_name)\"`.",
			"Before terraform destroy, delete what the deployer created: the README's \"Before terraform destroy\" section gives the commands.",
		},
	}
}

// localStorageFamiliesText lists the families with local NVMe storage, for
// help texts.
func localStorageFamiliesText() string {
	fs := awsfacts.SageMakerLocalStorageFamilies()
	slices.Sort(fs)
	s := ""
	for i, f := range fs {
		if i > 0 {
			s += ", "
		}
		s += "ml." + f
	}
	return s
}

// trainingJobQuestions are the batch component's questions as ml-pipeline
// asks them: EC2 only (Spot by default, or On-Demand), GPU families, at
// least one GPU per job, and longer attempts than a nightly job.
func trainingJobQuestions() []*spec.Question {
	qs := batchJobQuestions("ec2_spot", "ec2")
	compute := questionByKey(qs, "compute")
	compute.Help += " On Spot, Batch picks the instances with SPOT_PRICE_CAPACITY_OPTIMIZED: the cheapest pools among those least likely to be interrupted. " +
		"Fargate has no GPUs, so it is not offered (F22)."
	types := questionByKey(qs, "instance_types")
	types.Default = spec.Fixed(cty.StringVal("g5,g6,g4dn"))
	types.Help = "The GPU instances Batch may start for training, as families (g5) or exact types (g5.2xlarge), separated by commas without spaces: " +
		"g4dn (NVIDIA T4), g5 (A10G), g6 (L4), g6e (L40S), p3 (V100), p4d (A100), p5 (H100). " +
		"Several families mean more Spot pools, fewer interruptions and faster starts (F21, F22). " +
		"Each job must fit one of these instances (vCPUs, memory, GPUs), or Batch leaves it RUNNABLE and cancels it after 10 minutes."
	gpus := questionByKey(qs, "gpus")
	gpus.Default = spec.Fixed(cty.NumberIntVal(1))
	gpus.Help = "How many GPUs each training job reserves, at least 1 (F22); instance_types must list GPU families only, one of which has that many GPUs, " +
		"and Batch boots them with the NVIDIA-enabled ECS image. " +
		"A new account's vCPU quota for G and P instances is 0 (Service Quotas: Running On-Demand G and VT instances, All G and VT Spot Instance Requests, and the P equivalents): " +
		"raise it first, or the jobs wait in RUNNABLE."
	// Training is what the GPUs are for: none is refused.
	gpus.Rules = append([]spec.Rule{rules.Custom("be at least 1: training jobs run on GPUs",
		func(v cty.Value, _ spec.Answers) error {
			if v.AsBigFloat().Sign() <= 0 {
				return rules.ErrRule
			}
			return nil
		},
		func(key string, _ spec.Answers) spec.Expr { return spec.Cmp(spec.Var(key), ">=", spec.Num(1)) })}, gpus.Rules...)
	questionByKey(qs, "vcpus").Default = spec.Fixed(cty.NumberIntVal(4))
	timeout := questionByKey(qs, "job_timeout_s")
	timeout.Default = spec.Fixed(cty.NumberIntVal(14400))
	timeout.Help += " Training runs for hours: the default is 4 hours; checkpoint longer runs to the model prefix."
	return qs
}
