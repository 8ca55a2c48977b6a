package generator

import (
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/scaffold-tf/scaffold/internal/hclrefs"
)

// OrderingError lists the creation orders a generated module leaves to
// chance although the AWS API enforces them.
type OrderingError struct {
	Problems []string
}

func (e *OrderingError) Error() string {
	return "the module leaves orders AWS enforces to chance (add a reference or depends_on, through a role-named local when it crosses components):\n  " +
		strings.Join(e.Problems, "\n  ")
}

// CheckOrdering reads the reference graph of a generated module (references
// and depends_on, through local values) and checks the orders the real AWS
// API needs but an emulator does not enforce. Terraform creates in parallel
// whatever does not refer to each other, so an order AWS needs must be a
// path in this graph; the same path orders destruction the other way round.
//
//   - Public entry points follow the internet gateway and the public routes:
//     AWS refuses an internet-facing load balancer in a VPC with no internet
//     gateway attached ("VPC ... has no internet gateway"), and a NAT
//     gateway or a VPC Elastic IP needs the gateway too
//     (https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateway-working-with.html).
//   - Compute in private subnets follows the private routes: instances and
//     tasks reach ECS, ECR and package mirrors through NAT as they start;
//     started earlier, a Batch compute environment's instances never join
//     its cluster and jobs wait in RUNNABLE.
//   - A role's permissions come before its first use: every resource that
//     names a role (or its instance profile) follows every policy attached to
//     that role, else the service acts, and caches, with a role that cannot
//     yet do its work (IAM is eventually consistent as well); destruction then
//     removes the resource before its permissions, which Batch needs to
//     tear down a compute environment.
//   - Logging targets are ready before the writers: whatever names a log
//     bucket follows that bucket's policy (AWS checks delivery permissions
//     when logging is turned on), and whatever writes to a log group follows
//     the group, else the service creates the group itself, with no
//     retention and no key, and Terraform then fails to create it.
//   - A queue or topic a service delivers to (a dead-letter queue, an
//     alarm topic) follows its resource policy, else the first deliveries
//     are refused and lost.
//   - A Lambda permission follows its function (AWS: "Function not found"
//     otherwise), and comes before the source that
//     invokes it goes live (API routes, rules, notifications): S3 refuses a
//     notification to a function it may not invoke
//     ("Unable to validate the following destination configurations").
//
// It returns an *OrderingError listing every missing order, or an error
// when a file does not parse.
func CheckOrdering(files []File) error {
	m := moduleGraph{graph: hclrefs.Graph{}, bodies: map[string]*hclsyntax.Body{}}
	for _, f := range files {
		if !strings.HasSuffix(f.Path, ".tf") {
			continue
		}
		parsed, diags := hclsyntax.ParseConfig(f.Data, f.Path, hcl.InitialPos)
		if diags.HasErrors() {
			return fmt.Errorf("%s: %s", f.Path, diags.Error())
		}
		body := parsed.Body.(*hclsyntax.Body)
		blocks := hclrefs.Blocks(body)
		m.graph.Add(blocks)
		for _, blk := range blocks {
			if isResourceAddr(blk.Addr) {
				m.resources = append(m.resources, blk.Addr)
			}
		}
		for _, blk := range body.Blocks {
			if blk.Type == "resource" && len(blk.Labels) == 2 {
				m.bodies[blk.Labels[0]+"."+blk.Labels[1]] = blk.Body
			}
		}
	}
	slices.Sort(m.resources)
	var problems []string
	for _, check := range []func() []string{m.publicEntryPoints, m.privateCompute, m.permissionsBeforeUse, m.loggingTargets, m.deliveryTargets, m.invokePermissions} {
		problems = append(problems, check()...)
	}
	if len(problems) > 0 {
		return &OrderingError{Problems: problems}
	}
	return nil
}

type moduleGraph struct {
	graph     hclrefs.Graph
	resources []string // addresses of managed resources, sorted
	bodies    map[string]*hclsyntax.Body
}

// isResourceAddr reports whether addr names a managed resource.
func isResourceAddr(addr string) bool {
	return addr != "" && !strings.HasPrefix(addr, "local.") && !strings.HasPrefix(addr, "data.") &&
		!strings.HasPrefix(addr, "var.") && !strings.HasPrefix(addr, "output.")
}

func resourceType(addr string) string { return strings.SplitN(addr, ".", 2)[0] }

// direct lists the resources addr refers to itself or through local values
// only: what it names, as opposed to what those name in turn.
func (m moduleGraph) direct(addr string) []string {
	var out []string
	seen := map[string]bool{}
	var walk func(string)
	walk = func(n string) {
		for _, r := range m.graph[n] {
			if seen[r] {
				continue
			}
			seen[r] = true
			switch {
			case strings.HasPrefix(r, "local."):
				walk(r)
			case isResourceAddr(r):
				out = append(out, r)
			}
		}
	}
	walk(addr)
	slices.Sort(out)
	return out
}

func (m moduleGraph) reaches(from, to string) bool {
	return m.graph.Reaches(from, map[string]bool{to: true})
}

func (m moduleGraph) ofType(types ...string) []string {
	var out []string
	for _, r := range m.resources {
		if slices.Contains(types, resourceType(r)) {
			out = append(out, r)
		}
	}
	return out
}

// placedIn lists the resources that name a subnet of subnetAddr.
func (m moduleGraph) placedIn(subnetAddr string) []string {
	var out []string
	for _, r := range m.resources {
		if slices.Contains(m.direct(r), subnetAddr) {
			out = append(out, r)
		}
	}
	return out
}

// needs reports user as a problem for each of the addresses it must follow
// but does not reach.
func (m moduleGraph) needs(user string, must []string, why string) []string {
	var out []string
	for _, dep := range must {
		if !m.reaches(user, dep) {
			out = append(out, fmt.Sprintf("%s does not wait for %s: %s", user, dep, why))
		}
	}
	return out
}

func (m moduleGraph) publicEntryPoints() []string {
	gateways := m.ofType("aws_internet_gateway")
	routes := m.ofType("aws_route_table_association")
	var publicRoutes []string
	for _, r := range routes {
		if slices.Contains(m.direct(r), "aws_subnet.public") {
			publicRoutes = append(publicRoutes, r)
		}
	}
	var out []string
	for _, eip := range m.ofType("aws_eip") {
		out = append(out, m.needs(eip, gateways, "a VPC Elastic IP needs the VPC's internet gateway attached")...)
	}
	for _, r := range m.placedIn("aws_subnet.public") {
		switch resourceType(r) {
		case "aws_route_table_association":
		case "aws_nat_gateway":
			out = append(out, m.needs(r, gateways, "a public NAT gateway needs the VPC's internet gateway attached")...)
		default:
			out = append(out, m.needs(r, append(slices.Clone(gateways), publicRoutes...),
				"what takes traffic from the internet in a public subnet needs the internet gateway and the public routes first (AWS refuses an internet-facing load balancer in a VPC with no internet gateway)")...)
		}
	}
	return out
}

// computeTypes launch instances, tasks or functions whose start needs the
// network to reach AWS services.
var computeTypes = []string{
	"aws_autoscaling_group", "aws_instance", "aws_batch_compute_environment", "aws_ecs_service",
	"aws_lambda_function", "aws_eks_node_group", "aws_glue_connection", "aws_sagemaker_endpoint_configuration",
	"aws_codebuild_project",
}

func (m moduleGraph) privateCompute() []string {
	var privateRoutes []string
	for _, r := range m.ofType("aws_route_table_association") {
		if slices.Contains(m.direct(r), "aws_subnet.private") {
			privateRoutes = append(privateRoutes, r)
		}
	}
	var out []string
	for _, r := range m.placedIn("aws_subnet.private") {
		if slices.Contains(computeTypes, resourceType(r)) {
			out = append(out, m.needs(r, privateRoutes,
				"compute in private subnets reaches AWS services through the private routes as it starts (instances that start earlier never join their cluster)")...)
		}
	}
	return out
}

// rolePolicyTypes grant permissions to a role.
var rolePolicyTypes = []string{"aws_iam_role_policy", "aws_iam_role_policy_attachment", "aws_iam_role_policies_exclusive", "aws_iam_role_policy_attachments_exclusive"}

func (m moduleGraph) permissionsBeforeUse() []string {
	var out []string
	for _, role := range m.ofType("aws_iam_role") {
		var policies []string
		for _, p := range m.ofType(rolePolicyTypes...) {
			if slices.Contains(m.direct(p), role) {
				policies = append(policies, p)
			}
		}
		if len(policies) == 0 {
			continue
		}
		names := map[string]bool{role: true}
		for _, prof := range m.ofType("aws_iam_instance_profile") {
			if slices.Contains(m.direct(prof), role) {
				names[prof] = true
			}
		}
		for _, r := range m.resources {
			if strings.HasPrefix(resourceType(r), "aws_iam_") {
				continue
			}
			for _, d := range m.direct(r) {
				if names[d] {
					out = append(out, m.needs(r, policies, fmt.Sprintf("it acts as %s, whose permissions must be in place before its first use", role))...)
					break
				}
			}
		}
	}
	return out
}

// logBucketArguments are the arguments that name the S3 bucket a service
// delivers its logs to, as block path and attribute.
var logBucketArguments = map[string][][]string{
	"aws_lb":                      {{"access_logs", "bucket"}, {"connection_logs", "bucket"}},
	"aws_cloudfront_distribution": {{"logging_config", "bucket"}},
	"aws_s3_bucket_logging":       {{"target_bucket"}},
	"aws_flow_log":                {{"log_destination"}},
}

// logGroupWriters are the services that write to a CloudWatch log group,
// and create one themselves when it does not exist yet.
var logGroupWriters = []string{
	"aws_lambda_function", "aws_apigatewayv2_stage", "aws_batch_job_definition", "aws_ecs_task_definition", "aws_ecs_cluster",
	"aws_db_instance", "aws_flow_log", "aws_rds_cluster", "aws_glue_job", "aws_codebuild_project",
	"aws_sfn_state_machine", "aws_mwaa_environment", "aws_redshiftserverless_namespace",
	// Redshift writes a cluster's audit logs once aws_redshift_logging
	// turns them on.
	"aws_redshift_logging",
}

func (m moduleGraph) loggingTargets() []string {
	var out []string
	bucketPolicy := map[string][]string{} // aws_s3_bucket.X → its policy and ownership settings
	for _, p := range m.ofType("aws_s3_bucket_policy", "aws_s3_bucket_ownership_controls") {
		for _, d := range m.direct(p) {
			if resourceType(d) == "aws_s3_bucket" {
				bucketPolicy[d] = append(bucketPolicy[d], p)
			}
		}
	}
	for _, r := range m.resources {
		for _, path := range logBucketArguments[resourceType(r)] {
			for _, expr := range attributeExprs(m.bodies[r], path) {
				for _, target := range m.exprResources(expr) {
					switch resourceType(target) {
					case "aws_s3_bucket":
						out = append(out, m.needs(r, bucketPolicy[target], "a log bucket's policy and ownership settings must exist before logging to it is turned on")...)
					}
				}
			}
		}
	}
	// A log group named after its writer (/aws/lambda/NAME, /aws/rds/...)
	// must exist before the writer, which would otherwise create it.
	for _, g := range m.ofType("aws_cloudwatch_log_group") {
		writers := 0
		for _, r := range m.resources {
			if slices.Contains(logGroupWriters, resourceType(r)) && m.reaches(r, g) {
				writers++
			}
		}
		if writers == 0 {
			out = append(out, fmt.Sprintf("no service waits for %s: create the log group before the service that writes to it, which would otherwise create it itself with no retention and no key", g))
		}
	}
	return out
}

// exprResources lists the resources an expression names, itself or through
// local values, and then those resources' own chains of references up to
// the first S3 bucket or log group: a bucket named as "the policy's bucket"
// still names the bucket.
func (m moduleGraph) exprResources(expr hclsyntax.Expression) []string {
	var out []string
	seen := map[string]bool{}
	var walk func(string)
	walk = func(addr string) {
		if seen[addr] {
			return
		}
		seen[addr] = true
		switch {
		case strings.HasPrefix(addr, "local."):
			for _, r := range m.graph[addr] {
				walk(r)
			}
		case resourceType(addr) == "aws_s3_bucket" || resourceType(addr) == "aws_cloudwatch_log_group":
			out = append(out, addr)
		case isResourceAddr(addr) && strings.HasPrefix(resourceType(addr), "aws_s3_bucket_"):
			// aws_s3_bucket_policy.logs.bucket names aws_s3_bucket.logs.
			for _, r := range m.graph[addr] {
				if resourceType(r) == "aws_s3_bucket" {
					walk(r)
				}
			}
		}
	}
	for _, t := range expr.Variables() {
		if a := hclrefs.Address(t); a != "" {
			walk(a)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// attributeExprs finds the expressions at path (nested block types, then an
// attribute name) in a resource body.
func attributeExprs(body *hclsyntax.Body, path []string) []hclsyntax.Expression {
	if body == nil {
		return nil
	}
	if len(path) == 1 {
		if a, ok := body.Attributes[path[0]]; ok {
			return []hclsyntax.Expression{a.Expr}
		}
		return nil
	}
	var out []hclsyntax.Expression
	for _, blk := range body.Blocks {
		if blk.Type == path[0] {
			out = append(out, attributeExprs(blk.Body, path[1:])...)
		}
	}
	return out
}

// resourcePolicyTypes grant a service the right to deliver to a queue or a
// topic.
var resourcePolicyTypes = []string{"aws_sqs_queue_policy", "aws_sns_topic_policy"}

func (m moduleGraph) deliveryTargets() []string {
	policies := map[string][]string{} // aws_sqs_queue.X or aws_sns_topic.X → its policies
	for _, p := range m.ofType(resourcePolicyTypes...) {
		for _, d := range m.direct(p) {
			if t := resourceType(d); t == "aws_sqs_queue" || t == "aws_sns_topic" {
				policies[d] = append(policies[d], p)
			}
		}
	}
	var out []string
	for _, r := range m.resources {
		if t := resourceType(r); strings.HasPrefix(t, "aws_sqs_") || strings.HasPrefix(t, "aws_sns_") || strings.HasPrefix(t, "aws_iam_") {
			continue
		}
		for _, d := range m.direct(r) {
			out = append(out, m.needs(r, policies[d], fmt.Sprintf("it delivers to %s, whose resource policy must allow the delivering service first", d))...)
		}
	}
	return out
}

// invokers make a Lambda function reachable by a source once they exist.
var invokers = []string{
	"aws_apigatewayv2_route", "aws_api_gateway_integration", "aws_s3_bucket_notification",
	"aws_cloudwatch_event_target", "aws_lb_target_group_attachment", "aws_sns_topic_subscription",
	"aws_scheduler_schedule",
}

func (m moduleGraph) invokePermissions() []string {
	var out []string
	for _, p := range m.ofType("aws_lambda_permission") {
		var functions []string
		for _, f := range m.ofType("aws_lambda_function") {
			if m.reaches(p, f) {
				functions = append(functions, f)
			}
		}
		if len(functions) == 0 {
			out = append(out, fmt.Sprintf("%s names no function of the module by reference: it must wait for the function it grants, which AWS needs to exist (name it through a local read from the function)", p))
		}
		for _, r := range m.ofType(invokers...) {
			for _, f := range functions {
				if m.reaches(r, f) {
					out = append(out, m.needs(r, []string{p}, "a source may invoke a function only once the function's resource policy allows it")...)
					break
				}
			}
		}
	}
	return out
}
