package blueprints

import (
	"github.com/zclconf/go-cty/cty"

	"github.com/scaffold-tf/scaffold/blueprints/awsfacts"
	"github.com/scaffold-tf/scaffold/blueprints/rules"
	"github.com/scaffold-tf/scaffold/blueprints/spec"
)

func init() { register("ci-pipeline", CIPipeline) }

// Limits of the ci-pipeline blueprint, each with where it comes from (read
// 2026-11-30).
const (
	// buildMinTimeoutMin, buildMaxTimeoutMin: CodeBuild's build timeout,
	// 5 to 2160 minutes (provider internal/service/codebuild/project.go,
	// build_timeout IntBetween(5, 2160);
	// https://docs.aws.amazon.com/codebuild/latest/APIReference/API_CreateProject.html,
	// timeoutInMinutes).
	buildMinTimeoutMin = 5
	buildMaxTimeoutMin = 2160
	// s3MaxKeyBytes: an S3 object key is at most 1,024 bytes of UTF-8
	// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-keys.html).
	s3MaxKeyBytes = 1024
)

// A GitHub user or organisation name is 1 to 39 letters, digits and single
// hyphens, not beginning or ending with one (GitHub's sign-up form rule);
// GitLab and Bitbucket accept these names too. The length is a rule of its
// own: a pattern that counted "-x" as one of 39 steps let 77 characters
// through.
const (
	gitHubOwnerMax     = 39
	gitHubOwnerPattern = `^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$`
)

// A GitHub repository name is 1 to 100 letters, digits, dots, hyphens and
// underscores (GitHub turns anything else into -).
const (
	gitHubRepoMax     = 100
	gitHubRepoPattern = `^[A-Za-z0-9._-]+$`
)

// CIPipeline is P9: CI/CD for slow, costly builds: CodePipeline →
// CodeBuild (build and light tests, on EC2 or Lambda compute) → heavy
// integration tests on Batch with EC2 Spot; S3 artifacts; CloudWatch and
// SNS monitoring.
func CIPipeline() *spec.Blueprint {
	fromS3 := func(a spec.Answers) bool { return a.String("source_type") == "s3" }
	fromGit := func(a spec.Answers) bool { return a.String("source_type") == "codeconnections" }
	return &spec.Blueprint{
		ID:    "ci-pipeline",
		Title: "CI pipeline with Batch integration tests",
		RenamedValues: []spec.RenamedValue{
			{Key: "build_cache", From: "NONE", To: "NO_CACHE", Since: "2026-11-30", Why: "CodeBuild's name for no cache; the provider refuses NONE"},
		},
		Flow: spec.Graph{
			Nodes: []spec.Node{
				{ID: "developers", Label: "Developers"},
				{ID: "source_object", Label: "S3 (source object)", Component: "source_bucket", Aside: true},
				{ID: "git", Label: "Git (CodeConnections)", Component: "source_connection", Aside: true},
				{ID: "pipeline", Label: "CodePipeline", Component: "pipeline"},
				{ID: "build", Label: "CodeBuild", Component: "codebuild"},
				{ID: "tests", Label: "Lambda", Component: "integration_tests"},
				{ID: "batch", Label: "Batch (EC2 Spot)", Component: "batch"},
				{ID: "artifacts", Label: "S3 (artifacts)", Component: "artifact_bucket", Aside: true},
			},
			Edges: []spec.Edge{
				{From: "developers", To: "source_object", Label: "upload a new version"},
				{From: "developers", To: "git", Label: "push to the branch"},
				{From: "source_object", To: "pipeline", Label: "a new version starts an execution"},
				{From: "git", To: "pipeline", Label: "a push starts an execution"},
				{From: "pipeline", To: "build", Label: "Build stage: build and light tests"},
				{From: "pipeline", To: "tests", Label: "IntegrationTests stage"},
				{From: "tests", To: "batch", Label: "submits the test job, follows it to the end"},
				{From: "pipeline", To: "artifacts", Label: "artifacts between stages"},
			},
		},
		Summary: "A CodePipeline (V2) that takes its source from an S3 object or a Git repository, builds and runs the light tests in CodeBuild " +
			"(EC2 or Lambda compute), then runs the heavy integration tests as an AWS Batch job on EC2 Spot, failing the pipeline when the job fails; " +
			"artifacts in an encrypted S3 bucket, failures notified to an encrypted SNS topic and alarmed in CloudWatch.",
		Why: []string{
			"CodePipeline orchestrates and CodeBuild builds: no build server to keep patched or running between builds (P9).",
			"Light tests run where they start fastest: CodeBuild's Lambda compute starts in seconds and bills per second, for builds under 15 minutes (P9, F26, F27).",
			"Heavy integration tests run on AWS Batch with EC2 Spot instances, 70–90 % cheaper than On-Demand, with as many vCPUs and as much memory as they need and no 15-minute ceiling (P9, F21, F27).",
			"Batch retries an attempt that Spot capacity interrupted, and a Lambda invoke action follows the job, so the pipeline fails exactly when the tests fail (F20).",
			"Artifacts, cache and logs are encrypted with the module's KMS key; every role may touch only its pipeline, project, queue and artifact prefix.",
			"Failed executions and failed builds reach an encrypted SNS topic, as CodeStar notifications and as CloudWatch alarms (P9).",
		},
		ChooseWhen: []string{
			"Builds or integration tests that are slow and costly: long suites, large fixtures, many cores or much memory (P9, F27).",
			"Test suites that can be interrupted and rerun, so Spot capacity's price pays off (F21).",
			"A team that wants its CI inside its own AWS account, next to the resources the tests reach.",
		},
		AvoidWhen: []string{
			"Small projects whose whole suite runs in a few minutes: one CodeBuild project, or your Git host's CI, is simpler (F28, F30).",
			"Tests that must start within seconds of a push: a Batch job waits minutes for capacity (F23).",
			"Release orchestration across accounts and regions: this pipeline builds and tests, it does not deploy.",
		},
		Pitfalls: []string{
			"A Batch job on EC2 waits minutes while Batch starts instances (F23); the IntegrationTests action shows it RUNNABLE meanwhile.",
			"Spot capacity can be reclaimed mid-test; Batch retries up to job_attempts times, so the tests must be safe to run twice (F20, F21).",
			"Lambda compute has no Docker, no root, no local cache, no VPC access and stops at 15 minutes: builds that need any of these need EC2 compute (F26, F28).",
			"[source_connection] The connection stays PENDING until a person completes the handshake with the Git provider in the console; until then the Source stage fails.",
			"The pipeline's artifacts live under the first 20 characters of its name in the artifact bucket; two pipelines sharing a bucket and those 20 characters would read each other's artifacts, so this module's bucket is its own.",
			"Mixing compute kinds (Lambda for light tests, Spot for heavy ones) pays only when each layer has a clear job; keep the split explicit in buildspec.yml and the job's command (F30).",
			"In prod the artifact bucket keeps its objects on destroy: empty it first, or terraform destroy stops at it.",
			"Batch's first managed compute environment in an account needs the service-linked role AWSServiceRoleForBatch; Batch creates it if you may call iam:CreateServiceLinkedRole.",
		},
		Sources: []string{"P9", "F1", "F7", "F8", "F20", "F21", "F22", "F23", "F25", "F26", "F27", "F28", "F29", "F30"},
		Fit: &spec.Fit{
			Compute: []string{"codebuild", "batch", "lambda"}, Triggers: []string{spec.TriggerCommits},
			Control: spec.ControlRuntime, Containers: true, Start: spec.StartMinutes,
			Ops: spec.OpsSome, Cost: spec.CostPerTask, ScalesToZero: true, Spot: true,
		},
		Questions: withCommonQuestions(append(append([]*spec.Question{
			nameQuestion("ci-pipeline", "build", "base", "kms", "network", "log_bucket", "artifact_bucket", "source_bucket", "source_connection", "codebuild", "batch", "integration_tests", "pipeline"),
			regionQuestion(),
			environmentQuestion(),
			deletionProtectionQuestion("the artifact bucket (and the source bucket) while they hold objects, and destroy does not empty them or the access-log bucket"),
			vpcCIDRQuestion(),
			azCountQuestion(),
			{
				Key:    "source_type",
				Shape:  spec.Selects,
				Prompt: "Pipeline source",
				Help: "Where the pipeline takes the code from. s3: a zip object in a versioned bucket the module creates; uploading a new version starts the pipeline (through EventBridge, not polling), and it needs no account outside AWS. " +
					"codeconnections: a GitHub, GitLab or Bitbucket repository, through an AWS CodeConnections connection; a push to the branch starts the pipeline. " +
					"The connection is created PENDING: a person completes it once in the console.",
				Type:    cty.String,
				Default: spec.Fixed(cty.StringVal("s3")),
				Choices: []spec.Choice{
					{Value: "s3", Help: "a zip object in a versioned S3 bucket"},
					{Value: "codeconnections", Help: "a Git repository through CodeConnections"},
				},
			},
			{
				Key:    "source_object_key",
				Prompt: "Source object key",
				Help: "The key of the zip of the code in the source bucket, e.g. source/app.zip. A new version of this object starts the pipeline; no other key does. " +
					"Letters, digits and ! - _ . ' ( ) / , not beginning or ending with / and with no empty or . or .. folder, at most 1,024 characters.",
				Type:    cty.String,
				Default: spec.Fixed(cty.StringVal("source/source.zip")),
				Rules: []spec.Rule{
					rules.Length(1, s3MaxKeyBytes),
					// S3's "safe characters" (object-keys.html): others need
					// encoding somewhere between S3, EventBridge and IAM; less
					// its *, which the pipeline role's IAM resource
					// (<bucket ARN>/<key>) would read as a wildcard, granting
					// other keys than this one.
					rules.Matches(`^[A-Za-z0-9!_.'()-]+(/[A-Za-z0-9!_.'()-]+)*$`, "be an object key of letters, digits and ! - _ . ' ( ), folders separated by single /, not beginning or ending with /, e.g. source/app.zip; not * (a wildcard in the IAM policy)"),
					rules.NotMatches(`(^|/)\.\.?(/|$)`, "not hold a folder named . or .., which tools resolve to another key than the one the IAM policy names"),
				},
				When: fromS3, WhenText: "source_type is s3",
			},
			{
				Key:     "connection_provider",
				Shape:   spec.Selects,
				Prompt:  "Git provider",
				Help:    "Where the repository is hosted. The connection is made for one provider; changing it replaces the connection, which must then be completed again in the console.",
				Type:    cty.String,
				Default: spec.Fixed(cty.StringVal("GitHub")),
				// provider_type values of aws_codeconnections_connection
				// (provider internal/service/codeconnections/connection.go, the
				// SDK's ProviderType enum); the self-managed kinds need a host
				// resource, which scaffold does not create.
				Choices: []spec.Choice{
					{Value: "GitHub", Help: "github.com"},
					{Value: "GitLab", Help: "gitlab.com"},
					{Value: "Bitbucket", Help: "bitbucket.org"},
				},
				When: fromGit, WhenText: "source_type is codeconnections",
			},
			{
				Key:     "repository_owner",
				Prompt:  "Repository owner (user or organisation)",
				Help:    "The account or organisation that owns the repository: octo-org in github.com/octo-org/app. 1 to 39 letters, digits and single hyphens, not beginning or ending with a hyphen (GitHub's rule).",
				Type:    cty.String,
				Default: spec.Fixed(cty.StringVal("my-org")),
				Rules: []spec.Rule{
					rules.Length(1, gitHubOwnerMax),
					rules.Matches(gitHubOwnerPattern, "hold only letters, digits and single hyphens, not beginning or ending with a hyphen, e.g. octo-org"),
				},
				When: fromGit, WhenText: "source_type is codeconnections",
			},
			{
				Key:     "repository_name",
				Prompt:  "Repository name",
				Help:    "The repository: app in github.com/octo-org/app. 1 to 100 letters, digits, dots, hyphens and underscores, not . or .. (GitHub's rule).",
				Type:    cty.String,
				Default: spec.Fixed(cty.StringVal("my-app")),
				Rules: []spec.Rule{
					rules.Length(1, gitHubRepoMax),
					rules.Matches(gitHubRepoPattern, "hold only letters, digits, dots, hyphens and underscores, e.g. my-app"),
					rules.NotMatches(`^\.\.?$`, "not be . or .., which Git hosts refuse"),
				},
				When: fromGit, WhenText: "source_type is codeconnections",
			},
			{
				Key:    "branch",
				Prompt: "Branch",
				Help: "The branch whose pushes start the pipeline, e.g. main or release/2026. " +
					"Git's ref rules: no spaces or ~ ^ : ? * [ \\, no .. or //, not beginning with - or /, not ending with / . or .lock; at most 255 characters.",
				Type:    cty.String,
				Default: spec.Fixed(cty.StringVal("main")),
				Rules: []spec.Rule{
					rules.Length(1, 255),
					// git check-ref-format, the characters part.
					rules.Matches(`^[A-Za-z0-9._/@+=#%!,-]+$`, "be letters, digits and . _ / @ + = # % ! , -, with no spaces or ~ ^ : ? * [ \\"),
					rules.NotMatches(`\.\.|//|@\{|^[-/]|[/.]$|\.lock$|(^|/)\.`, "not hold .. or // or @{, begin with - or /, end with / or . or .lock, or have a folder beginning with ."),
				},
				When: fromGit, WhenText: "source_type is codeconnections",
			},
			{
				Key:    "build_environment_type",
				Prompt: "CodeBuild environment type",
				Help: "Where the Build stage runs. LINUX_CONTAINER and ARM_CONTAINER: EC2 compute, any duration up to 36 hours, Docker and the LOCAL cache available. " +
					"LINUX_LAMBDA_CONTAINER and ARM_LAMBDA_CONTAINER: Lambda compute, starting in seconds and billed per second, for light builds and tests (P9's \"Lambda for light tests\"), " +
					"but with no Docker, no root, no LOCAL cache, no VPC, and at most 15 minutes (F26, F27). ARM (Graviton) costs less than x86 for the same size.",
				Type:    cty.String,
				Default: spec.Fixed(cty.StringVal("LINUX_CONTAINER")),
				Choices: []spec.Choice{
					{Value: "LINUX_CONTAINER", Help: "EC2, x86_64"},
					{Value: "ARM_CONTAINER", Help: "EC2, Graviton (arm64)"},
					{Value: "LINUX_LAMBDA_CONTAINER", Help: "Lambda, x86_64: fast start, 15 minutes at most"},
					{Value: "ARM_LAMBDA_CONTAINER", Help: "Lambda, arm64: fast start, 15 minutes at most"},
				},
			},
			{
				Key:    "build_compute_type",
				Prompt: "CodeBuild compute type",
				Help: "The size of the build host. On EC2: BUILD_GENERAL1_SMALL (2 vCPU, 3–4 GB), MEDIUM (4 vCPU, 7–8 GB), LARGE (8 vCPU, 15–16 GB), XLARGE (32–36 vCPU, 64–70 GB), 2XLARGE (48–72 vCPU, 96–145 GB). " +
					"On Lambda: BUILD_LAMBDA_1GB, 2GB, 4GB, 8GB or 10GB of memory, with vCPUs in proportion. Billed per minute on EC2, per second on Lambda.",
				Type:        cty.String,
				Default:     defaultComputeType,
				DefaultText: "BUILD_GENERAL1_SMALL on EC2, BUILD_LAMBDA_2GB on Lambda",
				Choices:     computeTypeChoices(),
				Rules:       []spec.Rule{awsfacts.CodeBuildComputeFits("build_environment_type")},
			},
			{
				Key:    "build_image",
				Prompt: "CodeBuild image",
				Help: "The container image the build runs in. CodeBuild's curated images (aws/codebuild/...) belong to one environment type: amazonlinux-x86_64-standard:5.0 or standard:7.0 (Ubuntu) on LINUX_CONTAINER, " +
					"amazonlinux-aarch64-standard:3.0 on ARM_CONTAINER, amazonlinux-x86_64-lambda-standard:<runtime> (python3.12, nodejs20, go1.21, corretto21, ruby3.2, dotnet8) on LINUX_LAMBDA_CONTAINER, " +
					"amazonlinux-aarch64-lambda-standard:<runtime> on ARM_LAMBDA_CONTAINER. Or your own image (an ECR repository of this account), which must hold curl or wget on Lambda compute.",
				Type:        cty.String,
				Default:     defaultBuildImage,
				DefaultText: "the newest Amazon Linux image of the environment type (python3.12 on Lambda)",
				Rules:       append(imageRefRules("aws/codebuild/amazonlinux-x86_64-standard:5.0"), awsfacts.CodeBuildImageFits("build_environment_type")),
			},
			{
				Key:     "build_timeout_min",
				Prompt:  "Build timeout (minutes)",
				Help:    "CodeBuild stops a build that runs longer, so a hung build stops billing: 5 to 2,160 minutes (36 hours) on EC2, at most 15 on Lambda compute (F26).",
				Type:    cty.Number,
				Default: spec.Fixed(cty.NumberIntVal(15)),
				Rules: []spec.Rule{
					rules.Whole(), rules.Range(buildMinTimeoutMin, buildMaxTimeoutMin),
					awsfacts.CodeBuildLambdaTimeout("build_environment_type"),
				},
			},
			{
				Key:    "build_cache",
				Prompt: "CodeBuild cache",
				Help: "What the build keeps between runs (the paths buildspec.yml lists under cache): S3 keeps them in the artifact bucket, encrypted with the module's key, shared by every build host; " +
					"LOCAL keeps them on the build host (source, and the listed paths), fastest but lost when CodeBuild recycles the host, and EC2 compute only; NO_CACHE keeps nothing.",
				Type:    cty.String,
				Default: spec.Fixed(cty.StringVal("S3")),
				Choices: []spec.Choice{
					{Value: "S3", Help: "in the artifact bucket"},
					{Value: "LOCAL", Help: "on the build host (EC2 compute only)"},
					{Value: "NO_CACHE", Help: "no cache"},
				},
				Rules: []spec.Rule{awsfacts.CodeBuildLambdaNoLocalCache("build_environment_type")},
			},
			{
				Key:     "artifact_expiration_days",
				Prompt:  "Days before artifacts expire",
				Help:    "A lifecycle rule deletes each artifact (source snapshots, build outputs, cache) this many days after it was written, so the bucket does not grow forever; a rerun of an older execution needs its artifacts.",
				Type:    cty.Number,
				Default: spec.Fixed(cty.NumberIntVal(30)),
				// S3 takes any positive number of days; ten years is scaffold's ceiling.
				Rules: []spec.Rule{rules.Whole(), rules.Range(1, 3650)},
			},
		}, ciBatchQuestions()...), ciTestQuestions()...)),
		Components: func(a spec.Answers) []spec.Component {
			cs := []spec.Component{
				{Name: "base"},
				{Name: "kms"},
				{Name: "network"},
				{Name: "log_bucket"},
				{Name: "artifact_bucket", Params: BucketParams{AccessLogPrefix: "s3/artifacts/"}, LogWriters: []spec.LogWriter{S3AccessLogs}},
			}
			if fromS3(a) {
				cs = append(cs, spec.Component{Name: "source_bucket", Params: BucketParams{AccessLogPrefix: "s3/source/"}})
			} else {
				cs = append(cs, spec.Component{Name: "source_connection"})
			}
			cs = append(cs, spec.Component{Name: "codebuild"})
			cs = append(cs, ciBatchComponent())
			return append(cs,
				spec.Component{Name: "integration_tests"},
				// CodeStar Notifications, EventBridge and CloudWatch publish to
				// the pipeline's topic, which the module's key encrypts.
				spec.Component{Name: "pipeline", KeyUsers: []spec.KeyUser{
					{Sid: "NotificationsUseKey", Principal: "codestar-notifications.amazonaws.com"},
					{Sid: "EventBridgeUseKey", Principal: "events.amazonaws.com"},
					{Sid: "CloudWatchAlarmsUseKey", Principal: "cloudwatch.amazonaws.com"},
				}})
		},
		Archives: []spec.Archive{{Path: "build/integration_tests.zip", Files: []string{"src/integration_tests.py"}}},
		NextSteps: []string{
			"[source_bucket] Start the pipeline: zip your code and upload it, `aws s3 cp app.zip \"s3://$(terraform output -raw source_bucket_name)/$(terraform output -raw source_object_key)\"`; every new upload starts it again.",
			"[source_connection] Complete the connection: in the console, Developer Tools > Settings > Connections, pick the PENDING connection (`source_connection_arn` output), choose Update pending connection and authorise AWS on your Git provider; then push to the branch.",
			"Follow an execution with `aws codepipeline get-pipeline-state --name \"$(terraform output -raw pipeline_name)\"`, the build in the `build_log_group_name` log group, the tests in `job_log_group_name`.",
			"Replace buildspec.yml with your build and light tests, and test_image and test_command with your integration tests; the job finds the build artifact at s3://$ARTIFACT_BUCKET/$ARTIFACT_KEY (a zip).",
			"Subscribe to the topic (`pipeline_topic_arn` output), e.g. `aws sns subscribe --topic-arn ARN --protocol email --notification-endpoint you@example.com`.",
		},
	}
}

// defaultComputeType is the smallest compute type of the environment
// type, but 2 GB on Lambda, where 1 GB runs most builds out of memory.
func defaultComputeType(a spec.Answers) cty.Value {
	if e, ok := awsfacts.CodeBuildEnvironmentType(a.String("build_environment_type")); ok && e.Lambda {
		return cty.StringVal("BUILD_LAMBDA_2GB")
	}
	return cty.StringVal("BUILD_GENERAL1_SMALL")
}

// defaultBuildImage is the environment type's default curated image.
func defaultBuildImage(a spec.Answers) cty.Value {
	if e, ok := awsfacts.CodeBuildEnvironmentType(a.String("build_environment_type")); ok {
		return cty.StringVal(e.DefaultImage)
	}
	return cty.StringVal(awsfacts.CodeBuildEnvironments[0].DefaultImage)
}

// computeTypeChoices are the compute types of every environment type
// scaffold offers, each once.
func computeTypeChoices() []spec.Choice {
	var out []spec.Choice
	seen := map[string]bool{}
	for _, e := range awsfacts.CodeBuildEnvironments {
		for _, c := range e.ComputeTypes {
			if seen[c] {
				continue
			}
			seen[c] = true
			help := "EC2 compute"
			if e.Lambda {
				help = "Lambda compute"
			}
			out = append(out, spec.Choice{Value: c, Help: help})
		}
	}
	return out
}

// ciTestQuestions are the integration tests' image and command, which the
// batch component runs.
func ciTestQuestions() []*spec.Question {
	return []*spec.Question{
		{
			Key:    "test_image",
			Prompt: "Integration tests' container image",
			Help: "The image the Batch job runs the integration tests in, e.g. 123456789012.dkr.ecr.eu-west-3.amazonaws.com/app-tests:1.4. " +
				"Pin a tag or a digest. The default holds a shell and the AWS CLI's runtime but not your tests: a placeholder to see the pipeline work.",
			Type:    cty.String,
			Default: spec.Fixed(cty.StringVal("public.ecr.aws/amazonlinux/amazonlinux:2023")),
			Rules:   imageRefRules("public.ecr.aws/amazonlinux/amazonlinux:2023"),
		},
		{
			Key:    "test_command",
			Prompt: "Command the integration tests run (by sh -c)",
			Help: "A shell command run with sh -c in the test image. The build artifact (a zip of what buildspec.yml's artifacts section lists) is at s3://$ARTIFACT_BUCKET/$ARTIFACT_KEY, " +
				"which the job's role may read; a non-zero exit fails the attempt, and the last failed attempt fails the pipeline. " +
				"Never put secrets here: the command is stored in the job definition in clear text.",
			Type:    cty.String,
			Default: spec.Fixed(cty.StringVal(`echo "integration tests of s3://$ARTIFACT_BUCKET/$ARTIFACT_KEY, attempt $AWS_BATCH_JOB_ATTEMPT"`)),
			Rules:   jobCommandRules(),
		},
	}
}
