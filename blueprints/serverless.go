package blueprints

import (
	"fmt"
	"strings"

	"github.com/zclconf/go-cty/cty"

	"github.com/scaffold-tf/scaffold/blueprints/awsfacts"
	"github.com/scaffold-tf/scaffold/blueprints/rules"
	"github.com/scaffold-tf/scaffold/blueprints/spec"
)

// httpAPIMaxTimeout is the longest an API Gateway HTTP API waits for its
// integration; a Lambda allowed to run longer would go on working for a
// client that has already received a 503.

// runtimeFamilies are the handler languages scaffold writes, by runtime
// prefix, with the source file each one packages.
var runtimeFamilies = []struct{ Prefix, File string }{
	{"python", "src/handler.py"},
	{"nodejs", "src/handler.mjs"},
}

func init() { register("serverless-api", ServerlessAPI) }

// ServerlessAPI is P2: API Gateway → Lambda → DynamoDB.
func ServerlessAPI() *spec.Blueprint {
	provisioned := func(a spec.Answers) bool { return a.String("billing_mode") == "PROVISIONED" }
	const provisionedWhen = "billing_mode is PROVISIONED"
	jwt := func(a spec.Answers) bool { return a.String("auth") == "jwt" }
	const jwtWhen = "auth is jwt"
	return &spec.Blueprint{
		ID:    "serverless-api",
		Title: "Serverless API",
		Flow: spec.Graph{
			Nodes: []spec.Node{
				{ID: "clients", Label: "Clients"},
				{ID: "api", Label: "API Gateway", Component: "http_api"},
				{ID: "function", Label: "Lambda", Component: "lambda_api"},
				{ID: "table", Label: "DynamoDB", Component: "dynamodb_table"},
			},
			Edges: []spec.Edge{
				{From: "clients", To: "api", Label: "HTTPS, signed or with a token"},
				{From: "api", To: "function", Label: "invokes, one request at a time"},
				{From: "function", To: "table", Label: "reads and writes items"},
			},
		},
		Summary: "An HTTP API on API Gateway that invokes one Lambda function, which reads and writes items in a DynamoDB table: " +
			"nothing runs, and almost nothing is billed, while no request arrives.",
		Why: []string{
			"API Gateway (HTTP API) authenticates callers (IAM or JWT), throttles them, and logs every request, so the function only sees traffic it should serve (P2).",
			"Lambda runs the code only when a request arrives and scales from zero to a thousand concurrent executions or more, billed per request and per millisecond (P2, F13).",
			"DynamoDB keeps the data, because Lambda keeps nothing between invocations; on-demand billing scales with the function and there are no connections to pool (P2, F9).",
			"X-Ray tracing and JSON logs follow each request from the API through the function to the table (F31).",
			"One customer-managed KMS key encrypts the table, the logs, the dead-letter queue and the function's environment.",
		},
		ChooseWhen: []string{
			"Short requests (well under 30 s), event-driven and stateless work (F17, F27).",
			"Spiky or rarely used APIs that should cost nothing when idle and absorb bursts without capacity planning (F13, F17, F26).",
			"Key-value access by id: each request reads or writes a few items, with no joins (P2).",
			"A team that wants no servers to patch: maintenance is AWS's (F26).",
		},
		AvoidWhen: []string{
			"Requests that run longer than 30 s (the HTTP API limit) or work longer than 15 minutes: use Fargate or Batch (F7, F16, F27).",
			"Latency-critical endpoints that are called rarely, unless you pay for provisioned concurrency: cold starts add latency (F10).",
			"Steady, high traffic: per-request billing can cost more than always-on instances (web-app) once monitoring and debugging are counted (F26, F29).",
			"Relational data with joins and transactions across tables: web-app puts RDS behind the application (F2).",
			"Long-lived connections or protocols other than HTTP, or code that must stay portable off AWS (F11, F16).",
		},
		Pitfalls: []string{
			"Lambda stops a run at 900 s (F7), but the HTTP API gives up after 30 s: timeout_s is capped at 30 so the function never works on for a client that is gone.",
			"Memory goes up to 10,240 MB (F8) and CPU grows with it: a slow function may need more memory, not less.",
			"Nothing on local disk survives: /tmp belongs to one execution environment and disappears with it; keep state in the table (F9).",
			"Cold starts add latency to the first request of each new execution environment; provisioned concurrency keeps some warm, but is billed every hour it is configured, used or not (F10).",
			"The dead-letter queue catches failed asynchronous invocations only (an S3, SNS or EventBridge trigger added later, F14); API Gateway invokes synchronously, so API errors go back to the client and to the logs, not to the queue.",
			"Reserved concurrency is carved out of the account's quota, which must keep 100 executions unreserved; new accounts often have a quota of only 10, so keep reserved_concurrency = -1 there or raise the quota first.",
			"The table's keys cannot change after creation: a new partition_key or sort_key replaces the table and loses its items (deletion protection refuses it in prod).",
			"PROVISIONED billing throttles reads and writes beyond the configured capacity; this module sets no auto scaling, so prefer PAY_PER_REQUEST unless traffic is steady and known.",
			"The handler's language is fixed when scaffold writes the package: to move between Python and Node.js, run scaffold again with the new runtime.",
			"Lambda ties the code to AWS's runtime and event formats; budget for that if you may move (F11), and do not make everything a function (F28).",
			"The bill grows with requests and duration, and the X-Ray traces and logs that make debugging possible cost too: estimate the total (F29).",
		},
		Sources: []string{"P2", "F2", "F7", "F8", "F9", "F10", "F11", "F12", "F13", "F14", "F16", "F17", "F26", "F27", "F28", "F29", "F31"},
		Fit: &spec.Fit{
			Compute: []string{"lambda"}, Triggers: []string{spec.TriggerRequests},
			MaxRunMinutes: awsfacts.HTTPAPIMaxTimeoutS / 60.0,
			MaxRunLimit:   fmt.Sprintf("API Gateway HTTP API integrations time out at %d s, well inside Lambda's 15 minutes (F7)", awsfacts.HTTPAPIMaxTimeoutS),
			Control:       spec.ControlCode, Start: spec.StartSeconds, Ops: spec.OpsMinimal, Cost: spec.CostPerExecution, ScalesToZero: true,
		},
		Questions: withCommonQuestions([]*spec.Question{
			nameQuestion("serverless-api", "serverless", "base", "kms", "dynamodb_table", "lambda_api", "http_api"),
			regionQuestion(),
			environmentQuestion(),
			deletionProtectionQuestion("the DynamoDB table"),
			{
				Key:    "runtime",
				Prompt: "Lambda runtime",
				Help: "The language the function runs in. Lambda offers Node.js, Python, Java, Go, .NET and Ruby (F12); scaffold writes a small working handler in Python or Node.js, " +
					"whose cold starts are short. Cold starts hurt rarely used functions, and hurt compiled runtimes such as Java and .NET most (F10). " +
					"The handler is written for the language chosen here: to switch between Python and Node.js later, run scaffold again. " +
					"Only runtimes Lambda still creates functions on are offered (nodejs20.x was deprecated on 2026-04-30); nodejs24.x and python3.14 are not yet, because the hashicorp/aws 5.x provider the module requires refuses them.",
				Type:    cty.String,
				Default: spec.Fixed(cty.StringVal("python3.13")),
				Choices: runtimeChoices(),
				Rules:   []spec.Rule{runtimeFamilyRule()},
			},
			{
				Key:     "architecture",
				Prompt:  "Lambda architecture",
				Help:    "arm64 runs on Graviton processors, billed about 20% less per GB-second than x86_64 for the same memory; the generated handler runs on both. Choose x86_64 only if your code ships x86-only native libraries.",
				Type:    cty.String,
				Default: spec.Fixed(cty.StringVal("arm64")),
				Choices: []spec.Choice{
					{Value: "arm64", Help: "Graviton, cheaper"},
					{Value: "x86_64", Help: "for x86-only native dependencies"},
				},
			},
			{
				Key:    "memory_mb",
				Prompt: "Lambda memory (MB)",
				Help: "Memory of each execution, from 128 MB to 10,240 MB (F8). Lambda gives CPU in proportion to memory, so more memory also means faster runs and shorter cold starts; " +
					"the bill is memory × duration, so a faster run can cost no more.",
				Type:    cty.Number,
				Default: spec.Fixed(cty.NumberIntVal(256)),
				Rules:   []spec.Rule{rules.Whole(), rules.Range(128, 10240)},
			},
			{
				Key:    "timeout_s",
				Prompt: "Lambda timeout (seconds)",
				Help: "How long one invocation may run before Lambda stops it. Lambda allows up to 900 s (F7), but an API Gateway HTTP API waits at most 30 s for its integration, " +
					"so behind this API the limit is 30 s. Work that takes longer belongs in a queue, Fargate or Batch (F16, F27).",
				Type:    cty.Number,
				Default: spec.Fixed(cty.NumberIntVal(10)),
				// Lambda takes 1 to 900 (provider: lambda validation 1-900); the HTTP API
				// rule below is the stricter one, with its reason.
				Rules: []spec.Rule{rules.Whole(), rules.Range(1, 900), awsfacts.HTTPAPITimeout()},
			},
			{
				Key:    "log_level",
				Prompt: "Application log level",
				Help: "The lowest level of application log Lambda forwards to CloudWatch; logs are JSON, so each line can be queried by field. " +
					"DEBUG helps while developing, but every log line is billed (F29).",
				Type:    cty.String,
				Default: spec.Fixed(cty.StringVal("INFO")),
				Choices: []spec.Choice{
					{Value: "TRACE", Help: "everything, for chasing a bug; costly in volume"},
					{Value: "DEBUG", Help: "diagnostic detail"},
					{Value: "INFO", Help: "normal operation"},
					{Value: "WARN", Help: "only what may need attention"},
					{Value: "ERROR", Help: "only failures"},
					{Value: "FATAL", Help: "only failures that stop the function"},
				},
			},
			{
				Key:    "reserved_concurrency",
				Prompt: "Reserved concurrency (-1 for none)",
				Help: "The most executions of this function that may run at once. Lambda scales from 0 to 1000+ (F13); a reservation caps the cost of a runaway client and the load on the table, " +
					"and guarantees the function that share of the account's quota. -1 (the default, in every environment) reserves nothing. " +
					awsfacts.ReservedConcurrencyQuotaText() + " " +
					"Once Service Quotas shows a higher Concurrent executions quota, set a reservation in prod: at most the quota less 100.",
				Type:    cty.Number,
				Default: spec.Fixed(cty.NumberIntVal(-1)),
				// Lambda takes 0 up to the account's concurrency quota less the 100 it
				// keeps unreserved; 0 would stop every call, and 10000 stands for the
				// quota, which scaffold cannot read.
				Rules: []spec.Rule{rules.Whole(), awsfacts.ReservedConcurrency()},
			},
			{
				Key:    "provisioned_concurrency",
				Shape:  spec.SelectsWhenSet,
				Prompt: "Provisioned concurrency (0 for none)",
				Help: "Execution environments kept initialised and ready, so requests they serve skip the cold start (F10). Only a partial fix: traffic above it still starts cold. " +
					"Billed every hour it is configured, used or not. 0 turns it off; otherwise the module publishes a version and serves the API through a \"live\" alias.",
				Type:    cty.Number,
				Default: spec.Fixed(cty.NumberIntVal(0)),
				Rules:   []spec.Rule{rules.Whole(), rules.Range(0, 1000), provisionedWithinReservedRule()},
			},
			{
				Key:    "auth",
				Shape:  spec.Selects,
				Prompt: "API authorization",
				Help: "Who may call the API. iam requires requests signed with AWS credentials allowed execute-api:Invoke (for other AWS services, scripts and back ends); " +
					"jwt accepts bearer tokens from an OpenID Connect issuer such as Cognito, Auth0 or Okta (for browser and mobile users); " +
					"none leaves the API open to anyone who knows its URL, acceptable only for public data.",
				Type:    cty.String,
				Default: spec.Fixed(cty.StringVal("iam")),
				Choices: []spec.Choice{
					{Value: "iam", Help: "SigV4-signed requests"},
					{Value: "jwt", Help: "bearer tokens from an OIDC issuer"},
					{Value: "none", Help: "open to anyone"},
				},
				Rules: []spec.Rule{
					rules.Warn("the API is open to anyone who knows its URL: anyone can read and write the table's items; serve only public data this way",
						func(v cty.Value, _ spec.Answers) error {
							if v.AsString() == "none" {
								return rules.ErrRule
							}
							return nil
						}),
				},
			},
			{
				Key:     "jwt_issuer",
				Prompt:  "JWT issuer URL",
				Help:    "The issuer of the tokens, exactly as in their iss claim, e.g. https://cognito-idp.REGION.amazonaws.com/POOL_ID. API Gateway fetches its signing keys from ISSUER/.well-known/openid-configuration.",
				Type:    cty.String,
				Default: spec.Fixed(cty.StringVal("")),
				Rules: []spec.Rule{
					whenJWT("be an https:// URL when auth is jwt", `^https://[^\s/]+(/[^\s]*)?$`),
				},
				When: jwt, WhenText: jwtWhen,
			},
			{
				Key:     "jwt_audience",
				Prompt:  "JWT audience",
				Help:    "The audience tokens must carry in their aud claim (Cognito puts the app client id there).",
				Type:    cty.String,
				Default: spec.Fixed(cty.StringVal("")),
				Rules: []spec.Rule{
					whenJWT("be set when auth is jwt, with no spaces", `^[^\s]+$`),
				},
				When: jwt, WhenText: jwtWhen,
			},
			{
				Key:    "throttling_rate_limit",
				Prompt: "API steady request rate (requests per second)",
				Help: "The steady rate the API accepts across all callers; above it API Gateway answers 429 without invoking the function, which caps cost and protects the table. " +
					"An account allows 10,000 requests per second per region across all its APIs.",
				Type:    cty.Number,
				Default: spec.Fixed(cty.NumberIntVal(100)),
				// API Gateway takes any non-negative rate; 10,000 is the default
				// per-region account quota, above which the stage setting has no effect.
				Rules: []spec.Rule{rules.Range(1, 10000)},
			},
			{
				Key:     "throttling_burst_limit",
				Prompt:  "API burst limit (requests)",
				Help:    "How many requests the API accepts at once above the steady rate before it throttles. An account allows a burst of 5,000 per region.",
				Type:    cty.Number,
				Default: spec.Fixed(cty.NumberIntVal(200)),
				// As above: 5,000 is the default per-region account burst quota.
				Rules: []spec.Rule{rules.Whole(), rules.Range(1, 5000)},
			},
			{
				Key:    "partition_key",
				Prompt: "DynamoDB partition key attribute",
				Help: "The attribute that identifies an item; the API reads and writes /items/{id} with the id as its value (a string). " +
					"DynamoDB spreads items over partitions by this value, so choose one with many distinct values. It cannot change once the table exists.",
				Type:    cty.String,
				Default: spec.Fixed(cty.StringVal("id")),
				// Fixed, not tuned: another key replaces the table, and every
				// item with it, so an edit in terraform.tfvars is refused with
				// the re-run message rather than honoured.
				Shape: spec.Selects,
				Rules: []spec.Rule{rules.Length(1, 255), attributeName()},
			},
			{
				Key:    "sort_key",
				Prompt: "DynamoDB sort key attribute (empty for none)",
				Help: "An optional second key: items then share a partition key and are told apart, and ordered, by this one. " +
					"With a sort key the API's paths become /items/{id}/{sort}. Leave empty for one item per id. It cannot change once the table exists.",
				Type:    cty.String,
				Default: spec.Fixed(cty.StringVal("")),
				// Fixed, not tuned: adding, removing or renaming it replaces
				// the table and every item with it.
				Shape: spec.Selects,
				Rules: []spec.Rule{
					rules.Length(0, 255),
					rules.Matches(`^([A-Za-z0-9_.-]+)?$`, "be empty, or hold only letters, digits, underscores, dots and hyphens"),
					sortKeyDiffersRule(),
				},
			},
			{
				Key:    "billing_mode",
				Shape:  spec.Selects,
				Prompt: "DynamoDB billing mode",
				Help: "PAY_PER_REQUEST (on-demand) bills each read and write and follows the function's bursts with no capacity to plan. " +
					"PROVISIONED bills fixed read and write capacity by the hour: cheaper for steady, known traffic, but requests beyond it are throttled.",
				Type:    cty.String,
				Default: spec.Fixed(cty.StringVal("PAY_PER_REQUEST")),
				Choices: []spec.Choice{
					{Value: "PAY_PER_REQUEST", Help: "on-demand, scales with traffic"},
					{Value: "PROVISIONED", Help: "fixed capacity, billed hourly"},
				},
			},
			{
				Key:     "read_capacity",
				Prompt:  "DynamoDB read capacity units",
				Help:    "Strongly consistent reads of up to 4 KB per second (or twice as many eventually consistent reads). A table accepts up to 40,000 by default.",
				Type:    cty.Number,
				Default: spec.Fixed(cty.NumberIntVal(5)),
				Rules:   []spec.Rule{rules.Whole(), rules.Range(1, 40000)},
				When:    provisioned, WhenText: provisionedWhen,
			},
			{
				Key:     "write_capacity",
				Prompt:  "DynamoDB write capacity units",
				Help:    "Writes of up to 1 KB per second. A table accepts up to 40,000 by default.",
				Type:    cty.Number,
				Default: spec.Fixed(cty.NumberIntVal(5)),
				Rules:   []spec.Rule{rules.Whole(), rules.Range(1, 40000)},
				When:    provisioned, WhenText: provisionedWhen,
			},
		}),
		Components: func(spec.Answers) []spec.Component {
			return []spec.Component{{Name: "base"}, {Name: "kms"}, {Name: "dynamodb_table"}, {Name: "lambda_api"}, {Name: "http_api"}}
		},
		Archives: []spec.Archive{{
			Path:  "build/lambda.zip",
			Files: runtimeFamilyFiles(),
		}},
		NextSteps: []string{
			"With auth = iam, sign requests with your AWS credentials, e.g. `curl --aws-sigv4 \"aws:amz:REGION:execute-api\" --user \"$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY\" -H \"x-amz-security-token: $AWS_SESSION_TOKEN\" ...`; with auth = jwt, pass `-H \"Authorization: Bearer TOKEN\"`.",
			"Store an item: `curl -X PUT \"$(terraform output -raw items_url)/42\" -H 'content-type: application/json' -d '{\"name\":\"first\"}'`, then read it back with a GET on the same URL (with a sort key: `items/42/SORT`).",
			"Change the handler in src/, then rebuild build/lambda.zip (`zip -X -j build/lambda.zip src/handler.*`) before `terraform apply`.",
			"Follow the function's logs with `aws logs tail \"$(terraform output -raw function_log_group)\" --follow`, and each request's path in the X-Ray console.",
		},
	}
}

// runtimeFamilyFiles lists every handler source the package may hold; the
// one matching the runtime is generated, the others render empty.
func runtimeFamilyFiles() []string {
	files := make([]string, len(runtimeFamilies))
	for i, f := range runtimeFamilies {
		files[i] = f.File
	}
	return files
}

// runtimeFamilyRule keeps an edited runtime in the language the package was
// built for: the zip holds one handler, in one language.
// runtimeChoices are the Lambda runtimes of awsfacts.LambdaRuntimes, each
// with the date Lambda deprecates it.
func runtimeChoices() []spec.Choice {
	out := make([]spec.Choice, len(awsfacts.LambdaRuntimes))
	for i, r := range awsfacts.LambdaRuntimes {
		out[i] = spec.Choice{Value: r.ID, Help: r.Help + ", supported until " + r.Deprecated.Format("2006-01-02")}
	}
	return out
}

func runtimeFamilyRule() spec.Rule {
	r := rules.Custom("stay in the language the packaged handler was written in (python3.x for src/handler.py, nodejs for src/handler.mjs); to switch language, run scaffold again with the new runtime",
		func(cty.Value, spec.Answers) error {
			// Any runtime is accepted at generation time: the package is
			// built for whichever is chosen.
			return nil
		},
		func(key string, a spec.Answers) spec.Expr {
			family := runtimeFamilies[0].Prefix
			for _, f := range runtimeFamilies {
				if strings.HasPrefix(a.String(key), f.Prefix) {
					family = f.Prefix
				}
			}
			return spec.Call("startswith", spec.Var(key), spec.Str(family))
		})
	r.EditCheck = func(v cty.Value, generated spec.Answers) error {
		for _, f := range runtimeFamilies {
			if strings.HasPrefix(generated.String("runtime"), f.Prefix) && !strings.HasPrefix(v.AsString(), f.Prefix) {
				return fmt.Errorf("the handler is written for %s", f.Prefix)
			}
		}
		return nil
	}
	return r
}

func provisionedWithinReservedRule() spec.Rule {
	return rules.Custom("be at most reserved_concurrency when that is set, because provisioned environments count against the function's reservation",
		func(v cty.Value, a spec.Answers) error {
			f, _ := v.AsBigFloat().Float64()
			if r := a.Float("reserved_concurrency"); a.Has("reserved_concurrency") && r != -1 && f > r {
				return fmt.Errorf("reserved_concurrency is %s", spec.FormatNumber(r))
			}
			return nil
		},
		func(key string, _ spec.Answers) spec.Expr {
			return spec.Or(spec.Cmp(spec.Var("reserved_concurrency"), "==", spec.Num(-1)), spec.Cmp(spec.Var(key), "<=", spec.Var("reserved_concurrency")))
		}).Reading("reserved_concurrency")
}

// whenJWT requires the answer to match pattern when auth is jwt; other modes
// ignore it, so any value (the empty default) passes.
func whenJWT(text, pattern string) spec.Rule {
	m := rules.Matches(pattern, text)
	return rules.Custom(text,
		func(v cty.Value, a spec.Answers) error {
			if a.String("auth") != "jwt" {
				return nil
			}
			return m.Check(v, a)
		},
		func(key string, a spec.Answers) spec.Expr {
			if a.String("auth") != "jwt" {
				return nil // auth is structural: the module has no JWT settings
			}
			return m.Condition(key, a)
		}).Reading("auth")
}

// attributeName limits key attribute names to characters that need no
// escaping in the handler's environment or in DynamoDB expressions.
func attributeName() spec.Rule {
	return rules.Matches(`^[A-Za-z0-9_.-]+$`, "hold only letters, digits, underscores, dots and hyphens")
}

func sortKeyDiffersRule() spec.Rule {
	return rules.Custom("differ from partition_key",
		func(v cty.Value, a spec.Answers) error {
			if v.AsString() != "" && v.AsString() == a.String("partition_key") {
				return fmt.Errorf("both are %q", v.AsString())
			}
			return nil
		},
		func(key string, _ spec.Answers) spec.Expr {
			return spec.Cmp(spec.Var(key), "!=", spec.Var("partition_key"))
		}).Reading("partition_key")
}
