package blueprints

import (
	"fmt"
	"strings"

	"github.com/scaffold-tf/scaffold/blueprints/spec"
)

// SourceEntry is one entry of scaffold's source material, a study guide
// on EC2, Lambda, Fargate and Batch summarised in PATTERNS.md: an
// architecture (P1–P10) or a fact (F1–F31), and the places scaffold says
// it. TestSourceFidelity fails when an entry is carried nowhere, when a
// place no longer holds its words, or when a blueprint cites a code that
// is not here.
type SourceEntry struct {
	Code  string // "P1" … "P10", "F1" … "F31"
	Title string // a few words, shown beside the code in `scaffold explain`
	Says  string // the entry, as the source puts it, in one or two sentences
	// Carried are the places that say it; at least one.
	Carried []Carrier
}

// Carrier is one place a blueprint says an entry of the source: a text
// field (Field: "flow", "summary", "why", "choose", "avoid", "pitfalls",
// "migration", "comparison") or a question's help ("help:<key>") or rule
// texts ("rule:<key>"), or a rule of `scaffold recommend` ("ranking:<rule
// id>", with Blueprint RecommendID: its Says, and the rule must list the
// entry in its Sources), which must hold the words Holds (compared without
// case).
type Carrier struct {
	Blueprint string
	Field     string
	Holds     string
}

// Text is the text of the place c names in b, every item of a list field
// joined; an error when b has no such field or question.
func (c Carrier) Text(b *spec.Blueprint) (string, error) {
	join := func(items []string) string { return strings.Join(spec.AllTexts(items), "\n") }
	kind, key, _ := strings.Cut(c.Field, ":")
	switch kind {
	case "flow":
		return b.Flow.Line(), nil
	case "summary":
		return b.Summary, nil
	case "why":
		return join(b.Why), nil
	case "choose":
		return join(b.ChooseWhen), nil
	case "avoid":
		return join(b.AvoidWhen), nil
	case "pitfalls":
		return join(b.Pitfalls), nil
	case "migration":
		return join(b.MigrationPath), nil
	case "comparison":
		if b.Comparison == nil {
			return "", fmt.Errorf("%s has no comparison", b.ID)
		}
		var rows []string
		for _, r := range b.Comparison.Rows {
			rows = append(rows, r.Criterion+": "+r.Cells[0]+" | "+r.Cells[1])
		}
		return strings.Join(append(rows, b.Comparison.Verdict), "\n"), nil
	case "ranking":
		r, ok := RecommendRuleFor(key)
		if !ok {
			return "", fmt.Errorf("scaffold recommend has no rule %q", key)
		}
		return r.Says, nil
	case "help", "rule":
		for _, q := range b.Questions {
			if q.Key != key {
				continue
			}
			if kind == "help" {
				return q.Help, nil
			}
			var texts []string
			for _, r := range q.Rules {
				texts = append(texts, r.Text)
			}
			return strings.Join(texts, "\n"), nil
		}
		return "", fmt.Errorf("%s asks no question %q", b.ID, key)
	}
	return "", fmt.Errorf("no field %q", c.Field)
}

// CarrierBlueprint is the blueprint a Carrier names: a registered one, or
// the questions of `scaffold recommend` (RecommendID); nil for none.
func CarrierBlueprint(id string) *spec.Blueprint {
	if id == RecommendID {
		return Workload()
	}
	return Lookup(id)
}

// SourceEntryFor is the entry of code ("F17", "p1"), and whether there is one.
func SourceEntryFor(code string) (SourceEntry, bool) {
	for _, e := range Source {
		if strings.EqualFold(e.Code, code) {
			return e, true
		}
	}
	return SourceEntry{}, false
}

// Source is every entry of the source material, in its order.
var Source = []SourceEntry{
	{Code: "P1", Title: "Traditional web app", Says: "Internet → CloudFront → ALB → Auto Scaling Group (EC2) → RDS: the ALB spreads load and terminates TLS, the group keeps capacity available, CloudFront speeds up static content, RDS is the managed database.",
		Carried: []Carrier{
			{"web-app", "flow", "CloudFront → ALB → Auto Scaling Group (EC2) → RDS"},
			{"web-app", "why", "spreads requests over healthy instances in every zone, and terminates TLS"},
			{"web-app", "why", "CloudFront caches static content at the edge"},
		}},
	{Code: "P2", Title: "Serverless API", Says: "API Gateway → Lambda → DynamoDB: API Gateway authenticates and rate-limits, Lambda scales with demand, DynamoDB gives NoSQL persistence.",
		Carried: []Carrier{
			{"serverless-api", "flow", "API Gateway → Lambda → DynamoDB"},
			{"serverless-api", "why", "authenticates callers (IAM or JWT), throttles them"},
			{"serverless-api", "why", "DynamoDB keeps the data"},
		}},
	{Code: "P3", Title: "Data-processing pipeline", Says: "S3 upload → Lambda → Glue → Redshift: Lambda transforms raw data, Glue orchestrates the ETL, Redshift stores the analytical data.",
		Carried: []Carrier{
			{"s3-etl", "flow", "S3 → Lambda → Glue → Redshift"},
			{"s3-etl", "why", "Glue runs the transformation"},
		}},
	{Code: "P4", Title: "Microservices", Says: "ALB → ECS Fargate services → EFS: the ALB routes to each service, Fargate scales each on its own, EFS shares files between tasks.",
		Carried: []Carrier{
			{"container-service", "flow", "ALB → ECS Fargate services → EFS"},
			{"container-service", "help:services", "scaled on its own"},
		}},
	{Code: "P5", Title: "Lift-and-shift", Says: "Legacy app → container → ECS Fargate → RDS: the container keeps the app as is, Fargate removes server management, RDS modernises the database.",
		Carried: []Carrier{
			{"container-migration", "flow", "ALB → ECS Fargate (the application in its container) → RDS"},
			{"container-migration", "migration", "containerise the application as it is"},
		}},
	{Code: "P6", Title: "Nightly processing", Says: "EventBridge (cron) → Batch job → S3 → Redshift: EventBridge fires at a fixed time, Batch runs on Spot for cost, Redshift receives the transformed data.",
		Carried: []Carrier{
			{"scheduled-batch", "flow", "EventBridge → Batch → S3 → Redshift"},
			{"scheduled-batch", "why", "EventBridge fires at a fixed time"},
			{"scheduled-batch", "help:redshift_load", "EventBridge → Batch → S3 → Redshift"},
		}},
	{Code: "P7", Title: "ML pipeline", Says: "S3 (new data) → Lambda → Batch (GPU training) → SageMaker: Lambda triggers retraining, Batch trains on GPU, SageMaker deploys the model.",
		Carried: []Carrier{
			{"ml-pipeline", "flow", "SageMaker"},
		}},
	{Code: "P8", Title: "Real time versus batch", Says: "Kinesis + Lambda (seconds, pay per execution, low complexity) against S3 + Batch (minutes to hours, Spot-optimised cost, higher complexity); SLA, data volume and acceptable cost decide.",
		Carried: []Carrier{
			{"stream-processing", "flow", "Kinesis Data Stream → Lambda"},
			{"stream-processing", "comparison", "Latency"},
			{"scheduled-batch", "comparison", "Spot cuts that by 70-90 %"},
			{RecommendID, "ranking:latency", "work that can wait runs on Batch and Spot for less"},
		}},
	{Code: "P9", Title: "CI/CD for slow, costly builds", Says: "EC2 Spot build agents, Lambda for light tests, Batch for heavy integration tests; CodeBuild orchestrates, S3 stores artifacts, CloudWatch monitors.",
		Carried: []Carrier{
			{"ci-pipeline", "flow", "CodeBuild"},
		}},
	{Code: "P10", Title: "Monolith migration in three phases", Says: "Off a single EC2 instance (a single point of failure): phase 1 ECS Fargate, phase 2 Lambda microservices, phase 3 auto scaling and multi-AZ; not straight to Lambda.",
		Carried: []Carrier{
			{"container-migration", "migration", "Phase 1"},
			{"container-migration", "migration", "Phase 2"},
			{"container-migration", "migration", "Phase 3"},
			{"container-migration", "choose", "single point of failure"},
			{RecommendID, "ranking:migration", "goes to ECS Fargate first (phase 1), then Lambda microservices, then auto scaling and multi-AZ"},
		}},

	{Code: "F1", Title: "EC2 instance families", Says: "T3/T4g burstable, C compute, R memory, I storage; the g families are Graviton (arm64).",
		Carried: []Carrier{
			{"scheduled-batch", "help:instance_types", "C families suit compute-heavy jobs, M general work, R memory-heavy jobs"},
			{"web-app", "help:db_instance_class", "burstable"},
		}},
	{Code: "F2", Title: "When EC2", Says: "Stateful apps, full control of OS and software, relational databases, legacy apps hard to containerise.",
		Carried: []Carrier{
			{"container-migration", "avoid", "web-app runs it on EC2 instances"},
			{"container-migration", "help:db_engine", "RDS runs the engine for you"},
		}},
	{Code: "F3", Title: "What Auto Scaling does", Says: "Replaces failed instances, follows demand, shrinks in quiet hours.",
		Carried: []Carrier{
			{"web-app", "why", "replaces failed instances, follows demand and shrinks in quiet hours"},
			{"web-app", "help:asg_max", "caps cost"},
		}},
	{Code: "F4", Title: "Auto Scaling's partners", Says: "Load balancers, CloudWatch metrics, RDS read scaling, EFS shared storage.",
		Carried: []Carrier{
			{"web-app", "why", "target tracking on CPU drives it through CloudWatch"},
		}},
	{Code: "F5", Title: "Auto Scaling pitfalls", Says: "Scaling is not instant; local data on instances is lost; instances drift apart without automation.",
		Carried: []Carrier{
			{"web-app", "pitfalls", "Data on an instance's disk is lost"},
			{"web-app", "help:asg_min", "new instances take minutes to start"},
		}},
	{Code: "F6", Title: "EC2 problems", Says: "Vertical scaling capped by instance type, OS patching is yours, consistent instances need baked AMIs.",
		Carried: []Carrier{
			{"web-app", "pitfalls", "OS patching is yours"},
			{"web-app", "pitfalls", "bake AMIs"},
		}},
	{Code: "F7", Title: "Lambda runs 15 minutes at most", Says: "Maximum run time 15 minutes (900 s).",
		Carried: []Carrier{
			{"scheduled-batch", "choose", "longer than Lambda's 15 minutes"},
			{"serverless-api", "rule:timeout_s", "900"},
			{RecommendID, "ranking:run-time-limit", "Lambda stops a run at 15 minutes"},
		}},
	{Code: "F8", Title: "Lambda memory 10 GB at most", Says: "Memory at most 10 GB (10,240 MB).",
		Carried: []Carrier{
			{"s3-etl", "help:validator_memory_mb", "from 128 to 10,240 MB"},
			{"scheduled-batch", "choose", "10 GB of memory"},
		}},
	{Code: "F9", Title: "Lambda keeps no local data", Says: "No persistence of local data.",
		Carried: []Carrier{
			{"serverless-api", "why", "Lambda keeps nothing between invocations"},
		}},
	{Code: "F10", Title: "Cold starts", Says: "Cold starts hurt rarely used functions; Provisioned Concurrency is a partial fix; worse for compiled runtimes.",
		Carried: []Carrier{
			{"serverless-api", "help:provisioned_concurrency", "skip the cold start"},
			{"serverless-api", "avoid", "cold starts add latency"},
		}},
	{Code: "F11", Title: "Lambda lock-in", Says: "AWS-specific runtime, hard migration, dependence on AWS services.",
		Carried: []Carrier{
			{"serverless-api", "pitfalls", "Lambda ties the code to AWS's runtime"},
		}},
	{Code: "F12", Title: "Lambda runtimes", Says: "Node.js, Python, Java, Go, .NET, Ruby.",
		Carried: []Carrier{
			{"serverless-api", "help:runtime", "Node.js, Python, Java, Go, .NET and Ruby"},
		}},
	{Code: "F13", Title: "Lambda scaling and billing", Says: "Scales from 0 to 1000+ concurrent executions; billed per millisecond and per request.",
		Carried: []Carrier{
			{"serverless-api", "help:reserved_concurrency", "Lambda scales from 0 to 1000+"},
			{"scheduled-batch", "comparison", "pay per execution"},
		}},
	{Code: "F14", Title: "Lambda triggers", Says: "S3 uploads, DynamoDB Streams, SQS, SNS, EventBridge, API Gateway; EFS; VPC access with limitations.",
		Carried: []Carrier{
			{"s3-etl", "why", "The upload itself is the trigger"},
		}},
	{Code: "F15", Title: "Fargate", Says: "Serverless compute for containers on ECS or EKS, billed for the vCPU and memory of running tasks.",
		Carried: []Carrier{
			{"container-service", "help:cpu", "Fargate bills per vCPU and memory of running tasks"},
			{"container-migration", "why", "without servers to manage"},
		}},
	{Code: "F16", Title: "When Fargate", Says: "Long-running tasks (> 15 min), control of the runtime, stateful apps, protocols other than HTTP.",
		Carried: []Carrier{
			{"container-service", "choose", "Long-running services or work longer than 15 minutes"},
			{"serverless-api", "avoid", "protocols other than HTTP"},
			{RecommendID, "ranking:run-length", "win for runs longer than 15 minutes"},
		}},
	{Code: "F17", Title: "When Lambda", Says: "Short runs (< 5 min), pure event-driven work, stateless processing, very frequent scaling.",
		Carried: []Carrier{
			{"container-service", "avoid", "Short, spiky, event-driven requests"},
			{"scheduled-batch", "avoid", "Short, event-driven, stateless tasks under 5 minutes"},
			{RecommendID, "ranking:run-length", "Lambda wins for short runs, under 5 minutes"},
		}},
	{Code: "F18", Title: "Fargate storage and networking", Says: "EFS, S3, FSx; ALB/NLB, Cloud Map, VPC.",
		Carried: []Carrier{
			{"container-migration", "help:uploads_efs", "EFS file system"},
		}},
	{Code: "F19", Title: "Isolation per task", Says: "Better security through isolation per task.",
		Carried: []Carrier{
			{"container-service", "why", "a compromised service cannot act as another"},
			{"container-migration", "why", "each task isolated from the others"},
		}},
	{Code: "F20", Title: "What Batch does", Says: "Job queues, priorities, dependencies and automatic retries; runs on EC2 or Fargate.",
		Carried: []Carrier{
			{"scheduled-batch", "why", "retries it when it fails"},
			{"scheduled-batch", "help:job_attempts", "How many times Batch runs a job"},
		}},
	{Code: "F21", Title: "Spot saves 70–90 %", Says: "Spot instances cut cost by 70–90 %.",
		Carried: []Carrier{
			{"scheduled-batch", "choose", "70–90 %"},
			{"scheduled-batch", "help:compute", "70–90 % cheaper"},
			{RecommendID, "ranking:cost", "Spot cuts the compute bill by 70–90 %"},
		}},
	{Code: "F22", Title: "GPUs need EC2 compute environments", Says: "EC2 compute environments for GPU workloads.",
		Carried: []Carrier{
			{"scheduled-batch", "pitfalls", "GPUs need an EC2 compute environment"},
			{"scheduled-batch", "help:gpus", "GPU families only"},
			{RecommendID, "ranking:gpu", "GPUs need EC2 compute environments"},
		}},
	{Code: "F23", Title: "Batch is not real time", Says: "Minutes to hours, no instant start; dependencies are complex for parallel workflows.",
		Carried: []Carrier{
			{"scheduled-batch", "pitfalls", "Not real time"},
			{"scheduled-batch", "avoid", "Batch jobs start in minutes, not instantly"},
			{RecommendID, "ranking:latency", "Batch is not real time: its jobs start in minutes"},
		}},
	{Code: "F24", Title: "Batch's partners", Says: "S3 for input and output, EFS/FSx, Step Functions for complex workflows, EventBridge for scheduling, Lambda for pre- and post-processing.",
		Carried: []Carrier{
			{"scheduled-batch", "avoid", "orchestrate with Step Functions"},
			{"scheduled-batch", "why", "S3 receives the results"},
		}},
	{Code: "F25", Title: "Multi-AZ for availability", Says: "Multi-AZ for availability.",
		Carried: []Carrier{
			{"container-migration", "help:db_multi_az", "standby in another zone"},
			{"container-migration", "help:az_count", "survives the loss of a zone"},
		}},
	{Code: "F26", Title: "EC2, Fargate and Lambda compared", Says: "Control full / medium / low; scaling manual or auto / automatic / automatic; cold start none / low / high; timeout none / none / 15 min; cost fixed / per task / per execution; maintenance high / low / none.",
		Carried: []Carrier{
			{"container-service", "choose", "medium control, low maintenance"},
			{"web-app", "avoid", "maintenance is high on EC2"},
			{RecommendID, "ranking:control", "Lambda gives low control"},
		}},
	{Code: "F27", Title: "Batch or Lambda", Says: "Batch for long runs, heavy resources (GPU, memory), complex orchestration, Spot cost; Lambda for short, event-driven, stateless tasks with native integrations.",
		Carried: []Carrier{
			{"scheduled-batch", "choose", "GPU or memory-heavy work"},
			{"scheduled-batch", "comparison", "long runs over 15 minutes"},
			{RecommendID, "ranking:gpu", "Batch wins for heavy resources such as GPUs"},
		}},
	{Code: "F28", Title: "Over-engineering with Lambda", Says: "Lambda for everything brings cold starts, timeouts, lock-in; pick the right tool per workload.",
		Carried: []Carrier{
			{"serverless-api", "pitfalls", "do not make everything a function"},
			{"container-migration", "migration", "cold starts"},
			{RecommendID, "ranking:migration", "not Lambda for everything, which brings cold starts, timeouts and lock-in"},
		}},
	{Code: "F29", Title: "Underestimated cost", Says: "Lambda bills per request and per duration; count total cost of ownership, monitoring and debugging included.",
		Carried: []Carrier{
			{"serverless-api", "avoid", "once monitoring and debugging are counted"},
			{"serverless-api", "help:log_level", "every log line is billed"},
			{RecommendID, "ranking:traffic", "per-request billing adds up under a steady load"},
		}},
	{Code: "F30", Title: "Mixing compute without a strategy", Says: "Mixing EC2, Fargate and Lambda without a clear strategy per layer adds operational complexity.",
		Carried: []Carrier{
			{"container-service", "pitfalls", "keep one runtime per layer"},
			{"container-migration", "pitfalls", "decide which one serves each layer"},
			{RecommendID, "ranking:operations", "Each extra compute service is more to operate"},
		}},
	{Code: "F31", Title: "Around compute", Says: "EBS for EC2 and EFS for containers; VPC, load balancers, API Gateway; IAM roles and security groups; CloudWatch and X-Ray; CodePipeline and CodeDeploy.",
		Carried: []Carrier{
			{"serverless-api", "why", "X-Ray tracing and JSON logs"},
			{"container-migration", "why", "EFS keeps the uploads folder"},
		}},
}
