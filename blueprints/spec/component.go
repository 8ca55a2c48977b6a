package spec

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

// KeyUser is an AWS service principal allowed to use the module's KMS key.
type KeyUser struct {
	Sid       string // key policy statement id, e.g. "EventBridgeUseKey"
	Principal string // e.g. "events.amazonaws.com"
}
