package spec

import "github.com/zclconf/go-cty/cty"

// Fit describes, as data, the workloads a blueprint serves: what
// `scaffold recommend` weighs a workload's answers against. A blueprint
// with a Fit enters the ranking without an edit to recommend; one without
// is left out of it. The values name what the generated module actually
// does (its compute, what starts its work, its limits), not what AWS could
// do with more work.
type Fit struct {
	// Compute lists the compute services the module runs its work on,
	// the main one first: "ec2", "fargate", "lambda", "batch", "glue",
	// "codebuild", "sagemaker". More than one means more to operate (F30).
	Compute []string
	// Triggers are what starts a unit of work in the module: "requests"
	// (HTTP requests from users or clients), "uploads" (files arriving in
	// S3), "stream" (records on a stream), "schedule" (fixed times),
	// "commits" (code pushed to a repository).
	Triggers []string
	// MaxRunMinutes is the longest one unit of work (a request, an event, a
	// job) may run in this module, in minutes, from the AWS limit that
	// stops it (e.g. 15 for Lambda, F7; 0.5 behind an API Gateway HTTP
	// API); 0 means no limit short of what a user would ask.
	MaxRunMinutes float64
	// MaxRunLimit names that limit for a reason text: "Lambda's 15-minute
	// limit (F7)".
	MaxRunLimit string
	// LongLived reports whether the module runs the work as long-lived
	// processes (servers, workers holding connections) that stay up
	// between requests: EC2 instances and Fargate services; false for
	// Lambda, Batch and Glue, which run one handler or job and stop (F16,
	// F17).
	LongLived bool
	// Stateful reports whether the work may keep state between requests
	// on its compute (memory, local or shared disk): true for EC2 and
	// Fargate tasks, false for Lambda (F9).
	Stateful bool
	// Control is how much of the machine the user controls: "code" (a
	// function on a managed runtime), "runtime" (their own container
	// image), "os" (the instances' operating system) (F26).
	Control string
	// Containers reports whether the module runs the user's container
	// images.
	Containers bool
	// GPU reports whether the module can give the work GPUs (F22).
	GPU bool
	// GPUOnly reports whether the module runs its work on GPU instances
	// only (ml-pipeline's training jobs reserve at least one GPU), so work
	// that needs none pays GPU prices for nothing.
	GPUOnly bool
	// Start is how soon work starts once it arrives: "seconds", or
	// "minutes" for capacity started on demand (Batch, F23).
	Start string
	// Relational reports whether the module holds a relational database
	// (RDS) for the application.
	Relational bool
	// Ops is the operations work the module leaves the team: "minimal"
	// (AWS runs everything), "some" (images or jobs to maintain), "full"
	// (servers to patch, AMIs to bake) (F6, F26).
	Ops string
	// Cost is how the compute bills (F26): "fixed" (instances by the
	// hour, busy or not), "per_task" (running tasks or jobs by vCPU and
	// memory), "per_execution" (per request and duration).
	Cost string
	// ScalesToZero reports whether the module costs (almost) nothing for
	// its compute while no work arrives.
	ScalesToZero bool
	// Spot reports whether the module can run the work on Spot capacity
	// (F21).
	Spot bool
	// Carry, when set, gives the answers of this blueprint that follow
	// from the workload's answers (e.g. compute = fargate_spot for a
	// cost-sensitive workload); recommend adds region and name itself,
	// and keeps only the answers the blueprint accepts.
	Carry func(workload Answers) map[string]cty.Value
}

// Values of Fit's text fields, and of the recommend questions that match
// them.
const (
	TriggerRequests = "requests"
	TriggerUploads  = "uploads"
	TriggerStream   = "stream"
	TriggerSchedule = "schedule"
	TriggerCommits  = "commits"

	ControlCode    = "code"
	ControlRuntime = "runtime"
	ControlOS      = "os"

	StartSeconds = "seconds"
	StartMinutes = "minutes"

	OpsMinimal = "minimal"
	OpsSome    = "some"
	OpsFull    = "full"

	CostFixed        = "fixed"
	CostPerTask      = "per_task"
	CostPerExecution = "per_execution"
)
