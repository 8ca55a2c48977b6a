package blueprints

import "github.com/scaffold-tf/scaffold/blueprints/spec"

// S3AccessLogs is S3 server access logging of the module's own buckets
// into the log bucket.
var S3AccessLogs = spec.LogWriter{What: "S3 server access logging", Sid: "S3ServerAccessLogs", Prefix: "s3/", Service: "logging.s3.amazonaws.com", FromModuleBuckets: true}

// ALBParams is the input of the alb component.
type ALBParams struct {
	// TargetType is how targets register in the target group: "instance"
	// (EC2 instances of an Auto Scaling Group) or "ip" (Fargate tasks).
	TargetType string
	// BehindCloudFront: only CloudFront's origin-facing servers may connect,
	// and CloudFront, not the load balancer, is the application's URL.
	BehindCloudFront bool
	// Services: the targets are the ECS services of local.services (by
	// name), each with its own IP target group and a listener rule for
	// /<service>/*; the first of local.service_names also takes every
	// other path. TargetType is then "ip".
	Services bool
	// StickySessions: the services' target groups send each user back to
	// the same target with the load balancer's own cookie (lb_cookie),
	// for var.sticky_session_duration_s seconds.
	StickySessions bool
}

// CloudFrontParams is the input of the cloudfront component.
type CloudFrontParams struct {
	// Origin names the local value that describes the origin, an object
	// with domain_name (string) and https (bool); the alb component provides
	// local.alb_origin.
	Origin string
	// AccessLogs turns on standard logging into the module's log bucket,
	// which the component composing it declares as a LogWriter. Off in
	// opt-in regions, whose buckets standard logging does not deliver to.
	AccessLogs bool
}

// BucketParams is the input of a bucket component such as output_bucket.
type BucketParams struct {
	// AccessLogPrefix is where S3 server access logs of the bucket go in
	// the module's log bucket (ending in "/"); the blueprint composes the
	// log bucket and declares S3AccessLogs as a writer.
	AccessLogPrefix string
}

// RDSParams is the input of the rds component: the engine version and its
// parameter group family, from awsfacts.EngineVersions.
type RDSParams struct {
	EngineVersion        string
	ParameterGroupFamily string
	// Connection: the blueprint asks db_name, RDS creates that database
	// with the instance (none is created otherwise on MySQL), and the
	// component provides local.db_connection, what an application needs
	// to reach it (address, port, name, and the ARN of the master user's
	// secret and of the key that encrypts it).
	Connection bool
}

// ECSClusterParams is the input of the ecs_cluster component.
type ECSClusterParams struct {
	// ExecuteCommand: ECS Exec sessions are allowed, encrypted with the
	// module's key and logged to a log group of their own.
	ExecuteCommand bool
}

// ECSServiceParams is the input of the ecs_service component, which runs
// every entry of local.services as an ECS service on Fargate.
type ECSServiceParams struct {
	// EFS: each task mounts the shared file system of the efs component,
	// through its service's access point, at SharedPath.
	EFS bool
	// SharedPath is the HCL expression of the path the shared file system
	// is mounted at in the containers (e.g. "var.uploads_path"); empty
	// means "/mnt/shared".
	SharedPath string
	// ExecuteCommand: the services allow ECS Exec, and their task roles
	// hold the permissions its agent needs (with ECSClusterParams'
	// ExecuteCommand, which provides the session log).
	ExecuteCommand bool
	// Database: each container finds the database of the rds component
	// (local.db_connection) in its environment: <var.db_env_prefix>HOST,
	// PORT and NAME as values, USERNAME and PASSWORD as ECS secrets read
	// from the RDS-managed secret when a task starts; each execution role
	// may read that secret and decrypt with its key, nothing more.
	Database bool
	// StopTimeout: containers get var.stop_timeout_s seconds between
	// SIGTERM and SIGKILL (ECS's default is 30, Fargate's maximum 120).
	StopTimeout bool
}

// RedshiftParams is the input of the redshift component: what the
// warehouse's own IAM role (its default role, which COPY ... IAM_ROLE
// default and external schemas use) may read.
type RedshiftParams struct {
	// SourceBucketARN is the HCL expression of the ARN of the bucket
	// Redshift loads from, e.g. "local.output_bucket_arn".
	SourceBucketARN string
	// SourcePrefix is the HCL expression of the key prefix under which it
	// may read (ending in "/"), e.g. "var.output_prefix".
	SourcePrefix string
	// GlueCatalog: the role may also read the Glue Data Catalog database
	// named by local.glue_database_name (and its tables), for an external
	// schema (Redshift Spectrum).
	GlueCatalog bool
}

// BatchParams is the input of the batch component: what its jobs run and
// the data they may touch. The component reads the answers of
// batchJobQuestions by key (compute, instance_types, gpus, vcpus,
// job_memory_mb, max_vcpus, job_attempts, job_timeout_s).
type BatchParams struct {
	// ImageExpr is the HCL expression of the job's container image, e.g.
	// "var.container_image".
	ImageExpr string
	// CommandExpr is the HCL expression of the shell command the job runs
	// with sh -c, e.g. "var.job_command".
	CommandExpr string
	// Environment is what every job finds in its environment, in order.
	Environment []BatchEnv
	// S3Access is where in S3 the job's role may read, or read and write;
	// nowhere else.
	S3Access []BatchS3Access
}

// BatchEnv is one environment variable of a Batch job: its name and the
// HCL expression of its value (a string).
type BatchEnv struct {
	Name string
	Expr string
}

// BatchS3Access lets a Batch job's role read (s3:GetObject, and
// s3:ListBucket limited to the prefix), or with Write also write
// (s3:PutObject), the objects under one prefix of one bucket, with the
// module's key through S3.
type BatchS3Access struct {
	// Sid names the statements: Read<Sid> or ReadWrite<Sid>, List<Sid>.
	Sid string
	// BucketARNExpr and PrefixExpr are HCL expressions of the bucket's ARN
	// and of the key prefix (ending in "/"), e.g. "local.output_bucket_arn"
	// and "var.output_prefix".
	BucketARNExpr string
	PrefixExpr    string
	Write         bool
}
