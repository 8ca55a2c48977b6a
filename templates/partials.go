package templates

import (
	"fmt"
	"reflect"
	"strings"
	"text/template"

	"github.com/scaffold-tf/scaffold/blueprints/spec"
)

// PartialsDir holds the partials: Terraform shapes that recur across
// components, each a {{ define "name" }} block. It is not a component: no
// blueprint may compose it.
const PartialsDir = "partials"

// Partial input types. Each partial reads exactly one of these, built in a
// template by its constructor from key, value pairs (e.g. serviceRole
// "Label" "lambda" "Service" "lambda.amazonaws.com"): an unknown key, a
// value of the wrong type or a missing required field fails the render,
// and so the golden tests. Name and Description fields hold the inside of
// an HCL quoted string, which may interpolate ${...}; fields ending in Expr
// hold an HCL expression; fields ending in Why hold prose for a comment,
// wrapped by the partial ("\n" forces a break); Label fields are Terraform
// resource names, which must never change (a renamed resource is destroyed
// and created again).

// ServiceRole is the input of the "service_role" partial: an IAM role an
// AWS service assumes, with its trust policy document (unless it shares
// one rendered by "trust_policy").
type ServiceRole struct {
	// Label is the role's resource name: aws_iam_role.<Label>.
	Label string `partial:"required"`
	// Name is the role's name in AWS.
	Name string `partial:"required"`
	// Description, when set, says in the console what the role is for.
	Description string
	// TrustLabel names the trust policy document; <Label>_assume when
	// empty. With Service empty, the role uses a document of that name
	// rendered elsewhere by "trust_policy", shared by several roles.
	TrustLabel string
	// Service, Deputy, SourceArnExpr and DeputyWhy are the trust policy's
	// (see TrustPolicy); Service empty means a shared document.
	Service       string
	Deputy        string
	SourceArnExpr string
	DeputyWhy     string

	// InlinePolicy, when set, names the role's inline policy
	// aws_iam_role_policy.<Label>, whose document
	// data.aws_iam_policy_document.<Label> the component writes.
	InlinePolicy string
	// ManagedPolicy, when set, attaches the AWS managed policy of that path,
	// e.g. "service-role/AmazonECSTaskExecutionRolePolicy", as
	// aws_iam_role_policy_attachment.<AttachmentLabel>.
	ManagedPolicy string
	// AttachmentLabel names the attachment; <Label> when empty.
	AttachmentLabel string
	// InstanceProfile gives EC2 instances the role through
	// aws_iam_instance_profile.<Label>, of the role's name.
	InstanceProfile bool
}

func (r *ServiceRole) check() error {
	if r.TrustLabel == "" {
		r.TrustLabel = r.Label + "_assume"
	}
	if r.AttachmentLabel == "" {
		r.AttachmentLabel = r.Label
	} else if r.ManagedPolicy == "" {
		return fmt.Errorf("AttachmentLabel names the attachment of a ManagedPolicy, and there is none")
	}
	if r.InstanceProfile && r.InlinePolicy == "" && r.ManagedPolicy == "" {
		return fmt.Errorf("an instance profile gives instances a role's permissions, and role %s has none (set InlinePolicy or ManagedPolicy)", r.Label)
	}
	if r.Service == "" {
		if r.Deputy != "" || r.SourceArnExpr != "" || r.DeputyWhy != "" {
			return fmt.Errorf("a role sharing trust policy %s sets no trust fields of its own", r.TrustLabel)
		}
		return nil
	}
	t := r.Trust()
	if err := t.check(); err != nil {
		return err
	}
	r.Deputy = t.Deputy // the default, filled in
	return nil
}

// Permissions lists the addresses that grant the role its permissions, for
// a depends_on: what acts with the role as soon as it exists (an instance
// booting with the instance profile) must wait for them.
func (r ServiceRole) Permissions() string {
	var grants []string
	if r.InlinePolicy != "" {
		grants = append(grants, "aws_iam_role_policy."+r.Label)
	}
	if r.ManagedPolicy != "" {
		grants = append(grants, "aws_iam_role_policy_attachment."+r.AttachmentLabel)
	}
	return strings.Join(grants, ", ")
}

// Trust is the role's own trust policy document.
func (r ServiceRole) Trust() *TrustPolicy {
	return &TrustPolicy{Label: r.TrustLabel, Service: r.Service, Deputy: r.Deputy, SourceArnExpr: r.SourceArnExpr, DeputyWhy: r.DeputyWhy}
}

// TrustPolicy is the input of the "trust_policy" partial: the
// aws_iam_policy_document that lets one AWS service assume a role.
type TrustPolicy struct {
	// Label is the document's data source name.
	Label string `partial:"required"`
	// Service is the service principal, e.g. "lambda.amazonaws.com".
	Service string `partial:"required"`
	// Deputy is the confused-deputy condition: "account" (the default:
	// aws:SourceAccount is local.account_id), "arn" (aws:SourceArn is
	// SourceArnExpr) or "none", for a service that sets neither key when it
	// assumes a role (EC2).
	Deputy string
	// SourceArnExpr is the one resource allowed to make the service assume
	// the role, with Deputy "arn".
	SourceArnExpr string
	// DeputyWhy is the comment above the condition: who may take the role.
	DeputyWhy string
}

func (p *TrustPolicy) check() error {
	if p.Deputy == "" {
		p.Deputy = "account"
	}
	switch p.Deputy {
	case "account", "arn", "none":
	default:
		return fmt.Errorf("Deputy %q: want account, arn or none", p.Deputy)
	}
	if (p.Deputy == "arn") != (p.SourceArnExpr != "") {
		return fmt.Errorf("SourceArnExpr goes with Deputy arn, and only with it")
	}
	if (p.Deputy == "none") != (p.DeputyWhy == "") {
		return fmt.Errorf("DeputyWhy says why a condition is there: required with a condition, refused without")
	}
	return nil
}

// LogGroup is the input of the "log_group" partial: a CloudWatch log group
// created by Terraform rather than by the service on first write, so that
// it has the module's retention and is encrypted with the module's key.
type LogGroup struct {
	// Label is the resource name: aws_cloudwatch_log_group.<Label>.
	Label string `partial:"required"`
	// Name is the group's name, e.g. /aws/lambda/${local.function_name}.
	Name string `partial:"required"`
	// ForEachExpr, when set, makes one group per element (each.value may
	// appear in Name).
	ForEachExpr string
}

func (g *LogGroup) check() error { return nil }

// LambdaFunction is the input of the "lambda_function" partial: an
// aws_lambda_function run from the zip the generator builds (spec.Archive),
// with Active tracing (trivy AWS-0066), its environment encrypted with the
// module's key and JSON logs into aws_cloudwatch_log_group.<LogGroupLabel>,
// which the component renders with "log_group". Memory (128-10240 MB) and
// timeout (1-900 s) are the questions' to bound: see awsfacts.
type LambdaFunction struct {
	// Label is the resource name: aws_lambda_function.<Label>.
	Label string `partial:"required"`
	// NameExpr is the function's name, an expression (a local value, so
	// that the log group can be named before the function exists).
	NameExpr string `partial:"required"`
	// Description says in the console what the function does.
	Description string `partial:"required"`
	// RoleExpr is the execution role's ARN, e.g. aws_iam_role.lambda.arn.
	RoleExpr string `partial:"required"`
	// PermissionsExpr lists what grants the role its permissions (for
	// depends_on), e.g. aws_iam_role_policy.lambda.
	PermissionsExpr string `partial:"required"`
	// Package is the zip's path inside the module, e.g. build/lambda.zip:
	// the Path of the blueprint's spec.Archive.
	Package string `partial:"required"`
	// Handler is the entry point, e.g. handler.handler.
	Handler string `partial:"required"`
	// RuntimeExpr, ArchitectureExpr, MemoryExpr, TimeoutExpr and
	// LogLevelExpr default to var.runtime, var.architecture, var.memory_mb,
	// var.timeout_s and var.log_level.
	RuntimeExpr      string
	ArchitectureExpr string
	MemoryExpr       string
	TimeoutExpr      string
	LogLevelExpr     string
	// LogGroupLabel names the group the function logs into.
	LogGroupLabel string `partial:"required"`
	// EnvironmentWhy says what the environment holds, encrypted with the
	// module's key; EnvironmentExpr is the map of its variables (every
	// function of scaffold finds its resources by names given there).
	EnvironmentWhy  string `partial:"required"`
	EnvironmentExpr string `partial:"required"`
	// TracingWhy says what the traces follow.
	TracingWhy string `partial:"required"`
	// LoggingWhy says why JSON into Terraform's group; a default when empty.
	LoggingWhy string
	// ReservedConcurrencyExpr, when set, caps parallel runs; the Why says
	// what the cap bounds.
	ReservedConcurrencyExpr string
	ReservedConcurrencyWhy  string
	// Publish publishes a version on each change; PublishWhy says who needs
	// one.
	Publish    bool
	PublishWhy string
	// DeadLetterExpr, when set, is the queue or topic failed asynchronous
	// invocations go to; DeadLetterWhy says why.
	DeadLetterExpr string
	DeadLetterWhy  string
}

func (f *LambdaFunction) check() error {
	for _, d := range []struct {
		field *string
		def   string
	}{
		{&f.RuntimeExpr, "var.runtime"},
		{&f.ArchitectureExpr, "var.architecture"},
		{&f.MemoryExpr, "var.memory_mb"},
		{&f.TimeoutExpr, "var.timeout_s"},
		{&f.LogLevelExpr, "var.log_level"},
		{&f.LoggingWhy, "JSON lines can be filtered by field in Logs Insights; the group is\nTerraform's, so Lambda never creates one without retention or key."},
	} {
		if *d.field == "" {
			*d.field = d.def
		}
	}
	for _, p := range []struct {
		name, expr, why string
	}{
		{"ReservedConcurrency", f.ReservedConcurrencyExpr, f.ReservedConcurrencyWhy},
		{"DeadLetter", f.DeadLetterExpr, f.DeadLetterWhy},
	} {
		if (p.expr == "") != (p.why == "") {
			return fmt.Errorf("%sWhy goes with %sExpr, and only with it", p.name, p.name)
		}
	}
	if f.Publish != (f.PublishWhy != "") {
		return fmt.Errorf("PublishWhy goes with Publish, and only with it")
	}
	return nil
}

// DeadLetterQueue is the input of the "dead_letter_queue" partial: an SQS
// queue, encrypted with the module's key (trivy AWS-0096), that keeps for
// 14 days (SQS's longest retention, 1209600 seconds) what a service could
// not deliver or process: a Lambda function's failed asynchronous
// invocations, an event source mapping's discarded batches, an EventBridge
// target's undelivered events.
type DeadLetterQueue struct {
	// Label is the resource name: aws_sqs_queue.<Label>, and its policy's.
	Label string `partial:"required"`
	// Name is the queue's name, e.g. ${local.prefix}-schedule-dlq.
	Name string `partial:"required"`
	// EventRuleExpr, when set, is the ARN of the EventBridge rule whose
	// target sends its undelivered events here: the queue then gets a
	// policy letting events.amazonaws.com send messages from that rule
	// only. The module's key must list events.amazonaws.com as a key user.
	EventRuleExpr string
}

func (q *DeadLetterQueue) check() error { return nil }

// SecureBucket is the input of the "secure_bucket" partial: an S3 bucket
// with public access blocked, versioning, encryption, a lifecycle rule and
// a bucket policy on the document data.aws_iam_policy_document.<Label>,
// which the component writes (starting with "deny_insecure_transport").
type SecureBucket struct {
	// Label is the name of every resource of the bucket and of its policy
	// document: aws_s3_bucket.<Label>.
	Label string `partial:"required"`
	// Purpose is the bucket name's middle word:
	// <prefix>-<Purpose>-<account id>.
	Purpose string `partial:"required"`
	// ForceDestroyWhy says what var.deletion_protection protects.
	ForceDestroyWhy string `partial:"required"`
	// ACLWriters are, in words, the writers that deliver through an ACL
	// grant; with none, ACLs are disabled.
	ACLWriters []string
	// ModuleKey encrypts with the module's KMS key (and a bucket key);
	// otherwise SSE-S3, for writers that cannot use a KMS key.
	ModuleKey bool
	// SSEWhy says why this encryption was chosen.
	SSEWhy string `partial:"required"`
	// VersioningWhy says what versioning keeps recoverable.
	VersioningWhy string `partial:"required"`
	// RuleID names the lifecycle rule, e.g. "expire-logs".
	RuleID string `partial:"required"`
	// ExpirationExpr is after how many days a current object expires;
	// empty keeps current objects (a pipeline's source object, which must
	// outlive every run), and only older versions expire.
	ExpirationExpr string
	// FilterPrefixExpr, when set, limits the lifecycle rule to the keys
	// under that prefix (an HCL expression), for a bucket whose other keys
	// must outlive it (a job's script beside its scratch files); the whole
	// bucket otherwise.
	FilterPrefixExpr string
	// NoncurrentExpr is after how many days an overwritten or deleted
	// object's previous version expires.
	NoncurrentExpr string `partial:"required"`
	// PolicyWhy says what the bucket policy waits for, and why.
	PolicyWhy string `partial:"required"`
	// PolicyAfterOwnership makes the policy wait for the ownership setting
	// too, for writers whose delivery AWS checks against both.
	PolicyAfterOwnership bool
}

func (b *SecureBucket) check() error { return nil }

// SGRule is the input of the "sg_rule" partial: one rule of a security
// group, for one TCP port (or range) and one peer.
type SGRule struct {
	// Direction is "ingress" or "egress".
	Direction string `partial:"required"`
	// Label is the resource name:
	// aws_vpc_security_group_<Direction>_rule.<Label>.
	Label string `partial:"required"`
	// GroupExpr is the security group the rule belongs to.
	GroupExpr string `partial:"required"`
	// Description says in the console what the traffic is.
	Description string `partial:"required"`
	// PortExpr is the TCP port; ToPortExpr, when set, ends a range.
	PortExpr   string `partial:"required"`
	ToPortExpr string
	// Exactly one peer: an IPv4 range, a managed prefix list or a security
	// group, each an expression.
	CIDRExpr       string
	PrefixListExpr string
	PeerGroupExpr  string
	// ForEachExpr, when set, makes one rule per element (a set or a map),
	// as for_each; the other expressions may read each.key and each.value.
	ForEachExpr string
}

func (r *SGRule) check() error {
	if r.Direction != "ingress" && r.Direction != "egress" {
		return fmt.Errorf("Direction %q: want ingress or egress", r.Direction)
	}
	if r.ToPortExpr == "" {
		r.ToPortExpr = r.PortExpr
	}
	n := 0
	for _, p := range []string{r.CIDRExpr, r.PrefixListExpr, r.PeerGroupExpr} {
		if p != "" {
			n++
		}
	}
	if n != 1 {
		return fmt.Errorf("a rule has exactly one of CIDRExpr, PrefixListExpr and PeerGroupExpr, not %d", n)
	}
	return nil
}

// SecurityGroup is the input of the "security_group" partial: a security
// group in the module's VPC whose rules are separate resources.
type SecurityGroup struct {
	// Label is the resource name: aws_security_group.<Label>.
	Label string `partial:"required"`
	// Name is the group's name, also its Name tag.
	Name string `partial:"required"`
	// Description says in the console what the group guards and what it
	// allows; changing it replaces the group.
	Description string `partial:"required"`
}

func (g *SecurityGroup) check() error { return nil }

// checker is a partial input that completes and checks itself once its
// fields are set.
type checker interface{ check() error }

// build returns a constructor of T for templates: it sets T's fields from
// key, value pairs and fails on an odd count, an unknown key, a value of
// another type, a key given twice, a required field left empty or a failed
// check.
func build[T any, P interface {
	*T
	checker
}](name string) func(kv ...any) (*T, error) {
	return func(kv ...any) (*T, error) {
		v := new(T)
		if err := setFields(reflect.ValueOf(v).Elem(), kv); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		if err := P(v).check(); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		return v, nil
	}
}

func setFields(v reflect.Value, kv []any) error {
	if len(kv)%2 != 0 {
		return fmt.Errorf("odd number of arguments: want key, value pairs")
	}
	t := v.Type()
	set := map[string]bool{}
	for i := 0; i < len(kv); i += 2 {
		k, ok := kv[i].(string)
		if !ok {
			return fmt.Errorf("key %v is not a string", kv[i])
		}
		f, ok := t.FieldByName(k)
		if !ok || !f.IsExported() {
			return fmt.Errorf("unknown field %q of %s", k, t.Name())
		}
		if set[k] {
			return fmt.Errorf("field %s given twice", k)
		}
		set[k] = true
		val := reflect.ValueOf(kv[i+1])
		if !val.IsValid() || !val.Type().AssignableTo(f.Type) {
			return fmt.Errorf("field %s is %s, not %T", k, f.Type, kv[i+1])
		}
		v.FieldByIndex(f.Index).Set(val)
	}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if f.Tag.Get("partial") == "required" && v.Field(i).IsZero() {
			return fmt.Errorf("required field %s is missing", f.Name)
		}
	}
	return nil
}

// lineComment renders prose as HCL line comments indented by indent spaces.
// A caller may break lines itself with "\n"; each line is further wrapped
// so that none passes 77 columns (the width of the hand-written comments)
// unless one word does. Empty prose renders nothing.
func lineComment(indent int, prose string) string {
	if strings.TrimSpace(prose) == "" {
		return ""
	}
	const width = 77
	pad := strings.Repeat(" ", indent) + "#"
	var lines []string
	for _, given := range strings.Split(strings.TrimSpace(prose), "\n") {
		line := pad
		for _, w := range strings.Fields(given) {
			if line != pad && len(line)+1+len(w) > width {
				lines = append(lines, line)
				line = pad
			}
			line += " " + w
		}
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n")
}

// aclWriters lists, in words, the log writers that deliver through ACLs.
func aclWriters(ws []spec.LogWriter) []string {
	var out []string
	for _, w := range ws {
		if w.ACL {
			out = append(out, w.What)
		}
	}
	return out
}

// PartialFuncs are the template functions the partials and the templates
// that include them use: a constructor per partial input type, comment
// (wraps prose into a comment at an indent) and aclWriters.
func PartialFuncs() template.FuncMap {
	return template.FuncMap{
		"serviceRole":     build[ServiceRole]("serviceRole"),
		"trustPolicy":     build[TrustPolicy]("trustPolicy"),
		"logGroup":        build[LogGroup]("logGroup"),
		"lambdaFunction":  build[LambdaFunction]("lambdaFunction"),
		"secureBucket":    build[SecureBucket]("secureBucket"),
		"deadLetterQueue": build[DeadLetterQueue]("deadLetterQueue"),
		"sgRule":          build[SGRule]("sgRule"),
		"securityGroup":   build[SecurityGroup]("securityGroup"),
		"comment":         lineComment,
		"aclWriters":      aclWriters,
	}
}
