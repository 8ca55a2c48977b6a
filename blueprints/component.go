package blueprints

// Component is one piece of a stack: a folder of templates under
// templates/, named by its role (alb, asg, rds, lambda_api), with the typed
// input its templates read.
//
// Components never name each other's resources. What a component gives the
// others is a role-named local value (local.private_subnet_ids,
// local.app_security_group_id, local.log_bucket_id); what it needs from
// them it reads the same way, so any component that provides a role can
// fill it (RDS accepts connections from local.app_security_group_id,
// whichever compute component provides it). generator.CheckContracts
// proves, for a generated module, that every local a component reads is
// provided by a composed component, that every var.X is a question of the
// blueprint, and that every question asked is used.
type Component struct {
	// Name is the template folder under templates/; its files become
	// <file> in the module, its outputs.tf joins the module's outputs.tf
	// and its tests.tftest.hcl joins tests/module.tftest.hcl.
	Name string

	// Params is the component's own typed input, read by its templates as
	// .params (e.g. ALBParams). A field a template reads that Params lacks
	// fails the render, so the golden tests catch it.
	Params any

	// LogWriters are AWS services this component turns on to deliver
	// access logs into the module's log bucket; the log bucket grants
	// exactly these, so it needs to know nothing of its writers' names.
	LogWriters []LogWriter

	// KeyUsers are AWS services that use the module's KMS key themselves
	// (not through a caller's IAM permissions), e.g. EventBridge delivering
	// to an encrypted queue; the key policy grants each one.
	KeyUsers []KeyUser
}

// LogWriter is an AWS service that writes access logs into the module's
// log bucket, under its own key prefix.
type LogWriter struct {
	What   string // in words, for comments: "CloudFront standard logging"
	Sid    string // bucket policy statement id, e.g. "ALBAccessLogs"
	Prefix string // key prefix it writes under, ending in "/", e.g. "alb/"

	// Service is the service principal that delivers the logs, e.g.
	// "logging.s3.amazonaws.com"; empty for writers that use ACLs.
	Service string

	// ELBAccount: the writer is Elastic Load Balancing, which delivers from
	// a regional AWS account in regions opened before August 2022 (and as
	// Service in newer ones), under <Prefix>AWSLogs/<account id>/.
	ELBAccount bool

	// FromModuleBuckets limits delivery to this account's buckets whose
	// names start with the module's prefix (S3 server access logging).
	FromModuleBuckets bool

	// ACL: the writer delivers through an ACL grant to its own log
	// delivery account (CloudFront standard logging), so the bucket keeps
	// ACLs enabled with the bucket owner preferred.
	ACL bool
}

// S3AccessLogs is S3 server access logging of the module's own buckets
// into the log bucket.
var S3AccessLogs = LogWriter{What: "S3 server access logging", Sid: "S3ServerAccessLogs", Prefix: "s3/", Service: "logging.s3.amazonaws.com", FromModuleBuckets: true}

// KeyUser is an AWS service principal allowed to use the module's KMS key.
type KeyUser struct {
	Sid       string // key policy statement id, e.g. "EventBridgeUseKey"
	Principal string // e.g. "events.amazonaws.com"
}

// ALBParams is the input of the alb component.
type ALBParams struct {
	// TargetType is how targets register in the target group: "instance"
	// (EC2 instances of an Auto Scaling Group) or "ip" (Fargate tasks).
	TargetType string
	// BehindCloudFront: only CloudFront's origin-facing servers may connect,
	// and CloudFront, not the load balancer, is the application's URL.
	BehindCloudFront bool
}

// CloudFrontParams is the input of the cloudfront component.
type CloudFrontParams struct {
	// Origin names the local value that describes the origin, an object
	// with domain_name (string) and https (bool); the alb component provides
	// local.alb_origin.
	Origin string
}

// BucketParams is the input of a bucket component such as output_bucket.
type BucketParams struct {
	// AccessLogPrefix is where S3 server access logs of the bucket go in
	// the module's log bucket (ending in "/"); the blueprint composes the
	// log bucket and declares S3AccessLogs as a writer.
	AccessLogPrefix string
}
