package generator_test

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/scaffold-tf/scaffold/blueprints"
	"github.com/scaffold-tf/scaffold/blueprints/spec"
)

// forceNew says, for every resource argument a tunable answer feeds in some
// golden module, whether a change of it replaces the resource (true) or is
// applied in place (false). Source: the resource schemas of
// hashicorp/terraform-provider-aws v5.100.0, internal/service/<service>/
// (ForceNew in SDKv2 schemas, RequiresReplace plan modifiers in framework
// ones), read 2026-11-29; aws_db_instance's identifier is renamed in place
// since v5.0 (NewDBInstanceIdentifier; hashicorp/terraform-provider-aws#32590,
// seen in the harness's life-cycle pass). A pair missing here fails
// TestTunableReplacementsAreSafe, so the table grows with the templates.
var forceNew = map[string]map[string]bool{
	"aws_appautoscaling_policy": {"name": true, "resource_id": true, "target_tracking_scaling_policy_configuration.target_value": false},
	"aws_appautoscaling_target": {"resource_id": true, "min_capacity": false, "max_capacity": false},
	"aws_apigatewayv2_api":      {"name": false, "description": false},
	"aws_apigatewayv2_authorizer": {
		"name": false, "jwt_configuration.issuer": false, "jwt_configuration.audience": false,
	},
	"aws_apigatewayv2_stage": {
		"default_route_settings.throttling_rate_limit": false, "default_route_settings.throttling_burst_limit": false,
	},
	"aws_autoscaling_group": {"target_group_arns": false,
		"name": true, "name_prefix": true, "min_size": false, "max_size": false, "desired_capacity": false,
		"vpc_zone_identifier": false,
	},
	"aws_autoscaling_policy":                    {"name": true, "target_tracking_configuration.target_value": false},
	"aws_batch_compute_environment":             {"compute_environment_name_prefix": true, "compute_resources.max_vcpus": false, "compute_resources.instance_type": false},
	"aws_batch_job_definition":                  {"name": true, "container_properties": false, "retry_strategy.attempts": false, "timeout.attempt_duration_seconds": false},
	"aws_batch_job_queue":                       {"name": true},
	"aws_cloudwatch_event_rule":                 {"name": true, "schedule_expression": false, "description": false, "event_pattern": false},
	"aws_cloudwatch_event_target":               {"rule": true, "batch_target.job_name": false, "redshift_target.sql": false},
	"aws_cloudwatch_log_group":                  {"name": true, "retention_in_days": false},
	"aws_cloudfront_distribution":               {"origin.custom_origin_config.origin_protocol_policy": false, "origin.domain_name": false, "comment": false},
	"aws_db_instance":                           {"identifier": false, "db_subnet_group_name": false, "instance_class": false, "username": true, "allocated_storage": false, "max_allocated_storage": false, "multi_az": false, "backup_retention_period": false, "deletion_protection": false, "skip_final_snapshot": false, "final_snapshot_identifier": false, "apply_immediately": false, "performance_insights_enabled": false, "performance_insights_kms_key_id": false, "performance_insights_retention_period": false},
	"aws_db_parameter_group":                    {"name_prefix": true, "description": true},
	"aws_db_subnet_group":                       {"name": true, "name_prefix": true, "description": false},
	"aws_dynamodb_table":                        {"attribute.for_each": false, "name": true, "hash_key": true, "range_key": true, "read_capacity": false, "write_capacity": false, "deletion_protection_enabled": false, "point_in_time_recovery.enabled": false},
	"aws_ecs_cluster":                           {"name": true},
	"aws_ecs_task_definition":                   {"family": true, "container_definitions": true, "runtime_platform.cpu_architecture": true},
	"aws_efs_access_point":                      {"tags": false},
	"aws_efs_file_system":                       {"tags": false},
	"aws_flow_log":                              {"tags": false},
	"aws_iam_instance_profile":                  {"name": true},
	"aws_iam_role":                              {"name": true, "description": false},
	"aws_iam_role_policy":                       {"policy": false, "name": true},
	"aws_kms_alias":                             {"name": true},
	"aws_kms_key":                               {"deletion_window_in_days": false, "description": false},
	"aws_lambda_alias":                          {"name": true},
	"aws_lambda_function":                       {"description": false, "function_name": true, "runtime": false, "architectures": false, "memory_size": false, "timeout": false, "environment.variables": false, "handler": false, "reserved_concurrent_executions": false, "logging_config.application_log_level": false, "logging_config.system_log_level": false},
	"aws_lambda_provisioned_concurrency_config": {"provisioned_concurrent_executions": false},
	"aws_launch_template":                       {"name": true, "block_device_mappings.ebs.volume_size": false, "image_id": false, "user_data": false, "vpc_security_group_ids": false, "tag_specifications.tags": false, "name_prefix": true, "description": false, "instance_type": false},
	"aws_lb":                                    {"name": true, "enable_deletion_protection": false},
	"aws_lb_listener":                           {"default_action.target_group_arn": false, "certificate_arn": false},
	"aws_lb_listener_rule":                      {"priority": false, "tags": false},
	"aws_lb_target_group":                       {"name": true, "tags": false, "port": true, "health_check.path": false, "stickiness.cookie_duration": false},
	"aws_s3_bucket":                             {"bucket": true, "force_destroy": false},
	"aws_s3_bucket_lifecycle_configuration":     {"rule.expiration.days": false, "rule.filter.prefix": false, "rule.noncurrent_version_expiration.noncurrent_days": false},
	"aws_scheduler_schedule":                    {"name": true, "schedule_expression": false},
	"aws_security_group":                        {"name": true, "name_prefix": true, "description": true, "tags": false},
	"aws_cloudwatch_metric_alarm":               {"alarm_name": true, "alarm_description": false, "threshold": false, "dimensions": false},
	"aws_kinesis_stream":                        {"name": true, "retention_period": false, "shard_count": false},
	"aws_lambda_event_source_mapping": {
		"batch_size": false, "bisect_batch_on_function_error": false, "maximum_batching_window_in_seconds": false,
		"maximum_record_age_in_seconds": false, "maximum_retry_attempts": false, "parallelization_factor": false,
		"starting_position": true, "tumbling_window_in_seconds": false,
	},
	"aws_sns_topic":                       {"name": true},
	"aws_sqs_queue":                       {"name": true, "message_retention_seconds": false},
	"aws_subnet":                          {"cidr_block": true, "availability_zone": true, "tags": false},
	"aws_vpc_security_group_egress_rule":  {"security_group_id": true, "referenced_security_group_id": false, "from_port": false, "to_port": false, "description": false},
	"aws_vpc_security_group_ingress_rule": {"security_group_id": true, "referenced_security_group_id": false, "from_port": false, "to_port": false, "description": false},
	"aws_apigatewayv2_route":              {"route_key": false},
	"aws_default_security_group":          {"tags": false},
	"aws_eip":                             {"tags": false},
	"aws_internet_gateway":                {"tags": false},
	"aws_nat_gateway":                     {"tags": false},
	"aws_route_table":                     {"tags": false, "route.nat_gateway_id": false},
	"aws_vpc":                             {"tags": false},
	"aws_vpc_endpoint":                    {"tags": false},
	"aws_lambda_permission":               {"function_name": true},
	"aws_s3_bucket_policy":                {"policy": false},
	// internal/service/glue/{catalog_database,crawler,job,security_configuration}.go:
	// only the names (and a crawler's database) force a new resource.
	"aws_glue_catalog_database":       {"name": true, "description": false},
	"aws_glue_crawler":                {"name": true, "description": false, "s3_target.path": false, "schedule": false},
	"aws_glue_security_configuration": {"name": true},
	"aws_glue_job": {
		"name": true, "description": false, "command.script_location": false, "default_arguments": false, "glue_version": false,
		"max_retries": false, "number_of_workers": false, "timeout": false, "worker_type": false,
	},
	// internal/service/s3/bucket_notification.go: only bucket is ForceNew;
	// object.go: a new key is a new object.
	"aws_s3_bucket_notification": {"lambda_function.filter_prefix": false},
	"aws_s3_object":              {"key": true},
	"aws_redshift_cluster": {"cluster_identifier": true, "node_type": false, "number_of_nodes": false, "apply_immediately": false,
		"automated_snapshot_retention_period": false, "final_snapshot_identifier": false, "skip_final_snapshot": false},
	"aws_redshift_parameter_group":     {"name": true, "description": true},
	"aws_redshift_subnet_group":        {"name": true, "description": false},
	"aws_redshiftserverless_namespace": {"namespace_name": true},
	"aws_redshiftserverless_workgroup": {"workgroup_name": true, "base_capacity": false},
	// internal/service/codebuild/project.go: only the name forces a new
	// project (UpdateProject takes the rest); codeconnections/connection.go:
	// name and provider_type RequiresReplace; codepipeline/codepipeline.go:
	// name ForceNew, stages updated by UpdatePipeline;
	// codestarnotifications/notification_rule.go: name ForceNew.
	"aws_codebuild_project": {"name": true, "description": false, "build_timeout": false, "cache.type": false, "cache.location": false, "cache.modes": false,
		"environment.type": false, "environment.compute_type": false, "environment.image": false, "environment.image_pull_credentials_type": false},
	"aws_codeconnections_connection":              {"name": true},
	"aws_codepipeline":                            {"name": true, "stage.action.configuration": false},
	"aws_codestarnotifications_notification_rule": {"name": true},
}

// refusedWhileUsed are the resource types AWS refuses to delete while
// another resource still uses them, with the error it answers; replacing
// one destroy-first, while a user that stays keeps pointing at it, fails.
// Sources: the Delete* API references (EC2 DeleteSecurityGroup and
// DeleteSubnet: DependencyViolation; ELBv2 DeleteTargetGroup:
// ResourceInUse; Batch DeleteComputeEnvironment: "Cannot delete, found
// existing JobQueue relationship", hashicorp/terraform-provider-aws#2044;
// RDS DeleteDBSubnetGroup: InvalidDBSubnetGroupStateFault and
// DeleteDBParameterGroup: InvalidDBParameterGroupState; Redshift
// DeleteClusterSubnetGroup: InvalidClusterSubnetGroupStateFault and
// DeleteClusterParameterGroup: InvalidClusterParameterGroupStateFault),
// read 2026-11-29.
var refusedWhileUsed = map[string]string{
	"aws_security_group":            "DependencyViolation",
	"aws_subnet":                    "DependencyViolation",
	"aws_lb_target_group":           "ResourceInUse",
	"aws_batch_compute_environment": "found existing JobQueue relationship",
	"aws_db_subnet_group":           "InvalidDBSubnetGroupStateFault",
	"aws_db_parameter_group":        "InvalidDBParameterGroupState",
	"aws_redshift_subnet_group":     "InvalidClusterSubnetGroupStateFault",
	"aws_redshift_parameter_group":  "InvalidClusterParameterGroupStateFault",
}

// movesOnlyToAnotherVPC are the references a resource cannot move in place
// to a new resource of the same VPC, with the error AWS answers: RDS
// ModifyDBInstance refuses a DB subnet group in the instance's own VPC
// ("The specified DB subnet group and DB instance are in the same VPC";
// hashicorp/terraform-provider-aws#512). Replacing what such a reference
// names, even created first, strands its user; only replacing the user too
// works.
var movesOnlyToAnotherVPC = map[string]map[string]string{
	"aws_db_instance": {"db_subnet_group_name": "InvalidVPCNetworkStateFault"},
}

// TestTunableReplacementsAreSafe: in every golden module, a resource that
// an edit of a tunable answer replaces (an argument it feeds forces a new
// resource), that AWS refuses to delete while it is used, and that a
// resource staying in place uses, is created before the old one is
// destroyed, so its users move to it first; and every resource created
// first has no fixed name that the new one would take while the old one
// still holds it.
func TestTunableReplacementsAreSafe(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join(goldenRoot, "*", "*", "want"))
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no golden modules: %v", err)
	}
	unknown := map[string]bool{}
	checked := 0
	for _, dir := range dirs {
		id := filepath.Base(filepath.Dir(filepath.Dir(dir)))
		bp := blueprints.Lookup(id)
		if bp == nil {
			t.Fatalf("%s: no blueprint %s", dir, id)
		}
		problems, n := replacementProblems(t, bp, dir, unknown)
		checked += n
		name := strings.TrimPrefix(filepath.Dir(dir), goldenRoot+"/")
		for _, p := range problems {
			t.Errorf("%s: %s", name, p)
		}
	}
	if checked == 0 {
		t.Error("no resource of any golden module is replaced by an edit: the check saw nothing")
	}
	if len(unknown) > 0 {
		var list []string
		for k := range unknown {
			list = append(list, k)
		}
		sort.Strings(list)
		t.Errorf("the forceNew table does not know these arguments; read the provider's schema and add them:\n%s", strings.Join(list, "\n"))
	}
}

// TestReplacementCheckCatchesDestroyFirstTargetGroup: the example.
// A target group with a fixed name and no create_before_destroy, which an
// edit of app_port replaces while the listener still forwards to it
// (ResourceInUse on AWS), fails the check; so does create_before_destroy
// with the fixed name (the new group would take the old one's name).
func TestReplacementCheckCatchesDestroyFirstTargetGroup(t *testing.T) {
	src := filepath.Join(goldenRoot, "web-app", "defaults", "want")
	for _, tc := range []struct {
		name, cbd, want string
	}{
		{"destroy first", "false", "aws_lb_target_group.app is replaced by an edit (name ← environment, name; port ← app_port) and destroyed first, while aws_lb_listener.http, which stays, still uses it"},
		{"fixed name", "true", "aws_lb_target_group.app is created before the old one is destroyed when app_port changes, but its name does not change with it"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			files, _ := filepath.Glob(filepath.Join(src, "*.tf"))
			for _, f := range files {
				data, err := os.ReadFile(f)
				if err != nil {
					t.Fatal(err)
				}
				if filepath.Base(f) == "alb.tf" {
					s := string(data)
					for _, r := range [][2]string{
						{`name_prefix = "app-"`, `name        = "${local.prefix}-app"`},
						{"    create_before_destroy = true\n  }\n}\n", "    create_before_destroy = " + tc.cbd + "\n  }\n}\n"},
					} {
						if !strings.Contains(s, r[0]) {
							t.Fatalf("alb.tf no longer holds %q; update the test", r[0])
						}
						s = strings.Replace(s, r[0], r[1], 1)
					}
					data = []byte(s)
				}
				if err := os.WriteFile(filepath.Join(dir, filepath.Base(f)), data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			problems, _ := replacementProblems(t, blueprints.Lookup("web-app"), dir, map[string]bool{})
			found := false
			for _, p := range problems {
				t.Log(p)
				found = found || strings.Contains(p, tc.want)
			}
			if !found {
				t.Errorf("the check did not say %q", tc.want)
			}
		})
	}
}

// TestReplacementCheckCatchesDBSubnetGroupRename: a DB subnet group named
// after the project, which a new project name replaces while the database
// stays (renamed in place), fails the check destroy-first and created first
// alike: RDS refuses to move an instance between subnet groups of one VPC.
func TestReplacementCheckCatchesDBSubnetGroupRename(t *testing.T) {
	src := filepath.Join(goldenRoot, "web-app", "defaults", "want")
	const fixed = `name        = "${local.vpc_id}-db"`
	for _, tc := range []struct{ name, with, want string }{
		{"destroy first", `name        = "${local.prefix}-db"`,
			"aws_db_subnet_group.main is replaced by an edit (name ← environment, name) and destroyed first, while aws_db_instance.main, which stays, still uses it"},
		{"created first", "name_prefix = \"${local.prefix}-db-\"\n  lifecycle {\n    create_before_destroy = true\n  }",
			"aws_db_subnet_group.main is replaced by an edit (name_prefix ← environment, name), while aws_db_instance.main, which stays, would have to move to the new one through db_subnet_group_name: AWS refuses a move within one VPC (InvalidVPCNetworkStateFault)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			files, _ := filepath.Glob(filepath.Join(src, "*.tf"))
			for _, f := range files {
				data, err := os.ReadFile(f)
				if err != nil {
					t.Fatal(err)
				}
				if filepath.Base(f) == "rds.tf" {
					if !strings.Contains(string(data), fixed) {
						t.Fatalf("rds.tf no longer holds %q; update the test", fixed)
					}
					data = []byte(strings.Replace(string(data), fixed, tc.with, 1))
				}
				if err := os.WriteFile(filepath.Join(dir, filepath.Base(f)), data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			problems, _ := replacementProblems(t, blueprints.Lookup("web-app"), dir, map[string]bool{})
			found := false
			for _, p := range problems {
				t.Log(p)
				found = found || strings.Contains(p, tc.want)
			}
			if !found {
				t.Errorf("the check did not say %q", tc.want)
			}
		})
	}
}

// replacementProblems checks one module (see TestTunableReplacementsAreSafe)
// and returns what it found, and how many resources an edit replaces;
// arguments the forceNew table lacks are added to unknown.
func replacementProblems(t *testing.T, bp *spec.Blueprint, dir string, unknown map[string]bool) (problems []string, checked int) {
	t.Helper()
	tunable := map[string]bool{}
	for _, q := range bp.Questions {
		if q.Shape != spec.Selects {
			tunable[q.Key] = true
		}
	}
	m := parseModule(t, dir)
	triggersOf := map[string]map[string]bool{}
	whyOf := map[string][]string{}
	for _, r := range m.resources {
		triggersOf[r.addr()], whyOf[r.addr()] = m.triggers(r, tunable, unknown)
	}
	for _, r := range m.resources {
		triggers := triggersOf[r.addr()]
		if len(triggers) == 0 {
			continue
		}
		checked++
		problems = append(problems, strandedUsers(m, r, triggers, triggersOf, whyOf)...)
		if r.cbd {
			for _, arg := range uniqueNameArgs {
				expr, ok := r.args[arg]
				if !ok {
					continue
				}
				vars := m.varsOf(expr)
				for _, v := range sortedKeys(triggers) {
					if !vars[v] {
						problems = append(problems, fmt.Sprintf("%s is created before the old one is destroyed when %s changes, but its %s does not change with it: the new one would collide with the old one's name (use a name prefix)",
							r.addr(), v, arg))
					}
				}
			}
			continue
		}
		if _, ok := refusedWhileUsed[r.typ]; !ok {
			continue
		}
		users := m.users(r.addr())
		for _, user := range sortedKeys(users) {
			paths := users[user]
			u := m.resource(user)
			replacedToo := true
			for v := range triggers {
				if !triggersOf[user][v] {
					replacedToo = false
				}
			}
			if replacedToo {
				continue // the user goes first, with it
			}
			inPlace := false
			for _, p := range paths {
				fn, known := forceNew[u.typ][p]
				if !known {
					unknown[u.typ+" "+p] = true
				} else if !fn {
					inPlace = true
				}
			}
			if inPlace {
				problems = append(problems, fmt.Sprintf("%s is replaced by an edit (%s) and destroyed first, while %s, which stays, still uses it (%s): AWS refuses (%s); give it create_before_destroy and a name that cannot collide",
					r.addr(), strings.Join(whyOf[r.addr()], "; "), user, strings.Join(paths, ", "), refusedWhileUsed[r.typ]))
			}
		}
	}
	return problems, checked
}

// strandedUsers reports the users of r that stay when an edit replaces r
// and that reference it through a path of movesOnlyToAnotherVPC: whichever
// order the replacement takes, AWS refuses to move them.
func strandedUsers(m *tfModule, r tfResource, triggers map[string]bool, triggersOf map[string]map[string]bool, whyOf map[string][]string) []string {
	var problems []string
	users := m.users(r.addr())
	for _, user := range sortedKeys(users) {
		u := m.resource(user)
		replacedToo := true
		for v := range triggers {
			if !triggersOf[user][v] {
				replacedToo = false
			}
		}
		if replacedToo {
			continue
		}
		for _, p := range users[user] {
			if fault, ok := movesOnlyToAnotherVPC[u.typ][p]; ok {
				problems = append(problems, fmt.Sprintf("%s is replaced by an edit (%s), while %s, which stays, would have to move to the new one through %s: AWS refuses a move within one VPC (%s); keep %s's name out of the edit's reach",
					r.addr(), strings.Join(whyOf[r.addr()], "; "), user, p, fault, r.addr()))
			}
		}
	}
	return problems
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// triggers lists the tunable answers whose edit replaces r, and why
// ("path ← answers"). An answer that sets r's count only adds or removes
// instances: an existing instance, indexed by count.index, keeps its value
// (the locals it reads are built over range(count)).
func (m *tfModule) triggers(r tfResource, tunable, unknown map[string]bool) (map[string]bool, []string) {
	counted := map[string]bool{}
	if c, ok := r.meta["count"]; ok {
		counted = m.varsOf(c)
	}
	triggers := map[string]bool{}
	var why []string
	paths := make([]string, 0, len(r.args))
	for p := range r.args {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, path := range paths {
		var fed []string
		for v := range m.varsOf(r.args[path]) {
			if tunable[v] && !counted[v] {
				fed = append(fed, v)
			}
		}
		if len(fed) == 0 {
			continue
		}
		fn, known := forceNew[r.typ][path]
		if !known {
			unknown[r.typ+" "+path] = true
			continue
		}
		if fn {
			sort.Strings(fed)
			for _, v := range fed {
				triggers[v] = true
			}
			why = append(why, path+" ← "+strings.Join(fed, ", "))
		}
	}
	return triggers, why
}

func (m *tfModule) resource(addr string) tfResource {
	for _, r := range m.resources {
		if r.addr() == addr {
			return r
		}
	}
	return tfResource{}
}

// uniqueNameArgs are the arguments that name a resource uniquely in its
// account and region (or VPC); a prefix argument (name_prefix, ...) makes a
// new name each time and is not one of them.
var uniqueNameArgs = []string{"name", "identifier", "function_name", "bucket", "compute_environment_name"}

type tfResource struct {
	typ, name string
	args      map[string]hclsyntax.Expression // "block.attr" paths, nested blocks flattened
	meta      map[string]hclsyntax.Expression // count, for_each, depends_on, provider
	cbd       bool
}

func (r tfResource) addr() string { return r.typ + "." + r.name }

type tfModule struct {
	resources []tfResource
	locals    map[string]hclsyntax.Expression
	data      map[string][]hclsyntax.Expression // "data.type.name" → its expressions
	memo      map[hclsyntax.Expression]map[string]bool
}

func parseModule(t *testing.T, dir string) *tfModule {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, "*.tf"))
	m := &tfModule{locals: map[string]hclsyntax.Expression{}, data: map[string][]hclsyntax.Expression{}, memo: map[hclsyntax.Expression]map[string]bool{}}
	for _, p := range files {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		f, diags := hclsyntax.ParseConfig(src, p, hcl.InitialPos)
		if diags.HasErrors() {
			t.Fatal(diags)
		}
		for _, b := range f.Body.(*hclsyntax.Body).Blocks {
			switch b.Type {
			case "locals":
				for n, a := range b.Body.Attributes {
					m.locals[n] = a.Expr
				}
			case "data":
				var exprs []hclsyntax.Expression
				walkArgs(b.Body, "", func(_ string, e hclsyntax.Expression) { exprs = append(exprs, e) })
				m.data["data."+b.Labels[0]+"."+b.Labels[1]] = exprs
			case "resource":
				r := tfResource{typ: b.Labels[0], name: b.Labels[1], args: map[string]hclsyntax.Expression{}, meta: map[string]hclsyntax.Expression{}}
				walkArgs(b.Body, "", func(path string, e hclsyntax.Expression) {
					switch path {
					case "count", "for_each", "depends_on", "provider":
						r.meta[path] = e
					default:
						r.args[path] = e
					}
				})
				for _, lb := range b.Body.Blocks {
					if lb.Type == "lifecycle" {
						if a, ok := lb.Body.Attributes["create_before_destroy"]; ok {
							v, _ := a.Expr.Value(nil)
							r.cbd = v.True()
						}
					}
				}
				m.resources = append(m.resources, r)
			}
		}
	}
	return m
}

// walkArgs calls fn for every attribute of body and its nested blocks, with
// the path of nested block types ("health_check.path"); a dynamic block's
// content counts as the block it generates; lifecycle is skipped.
func walkArgs(body *hclsyntax.Body, prefix string, fn func(string, hclsyntax.Expression)) {
	for n, a := range body.Attributes {
		fn(prefix+n, a.Expr)
	}
	for _, b := range body.Blocks {
		switch {
		case b.Type == "lifecycle":
		case b.Type == "dynamic" && len(b.Labels) == 1:
			for n, a := range b.Body.Attributes {
				fn(prefix+b.Labels[0]+"."+n, a.Expr)
			}
			for _, c := range b.Body.Blocks {
				if c.Type == "content" {
					walkArgs(c.Body, prefix+b.Labels[0]+".", fn)
				}
			}
		default:
			walkArgs(b.Body, prefix+b.Type+".", fn)
		}
	}
}

// varsOf lists the input variables an expression reads, through locals and
// data sources (whose result follows from what they are given), but not
// through resources: a resource's attribute changes when the resource does,
// which is a dependency, not an answer feeding it.
func (m *tfModule) varsOf(e hclsyntax.Expression) map[string]bool {
	if v, ok := m.memo[e]; ok {
		return v
	}
	out := map[string]bool{}
	m.memo[e] = out // cycles end here
	for _, tr := range e.Variables() {
		switch tr.RootName() {
		case "var":
			if len(tr) > 1 {
				if a, ok := tr[1].(hcl.TraverseAttr); ok {
					out[a.Name] = true
				}
			}
		case "local":
			if len(tr) > 1 {
				if a, ok := tr[1].(hcl.TraverseAttr); ok {
					if le, ok := m.locals[a.Name]; ok {
						for v := range m.varsOf(le) {
							out[v] = true
						}
					}
				}
			}
		case "data":
			if len(tr) > 2 {
				t1, ok1 := tr[1].(hcl.TraverseAttr)
				t2, ok2 := tr[2].(hcl.TraverseAttr)
				if ok1 && ok2 {
					for _, de := range m.data["data."+t1.Name+"."+t2.Name] {
						for v := range m.varsOf(de) {
							out[v] = true
						}
					}
				}
			}
		}
	}
	return out
}

// resourcesOf lists the resources an expression refers to, through locals.
func (m *tfModule) resourcesOf(e hclsyntax.Expression, seen map[string]bool, out map[string]bool) {
	for _, tr := range e.Variables() {
		root := tr.RootName()
		switch root {
		case "var", "data", "each", "count", "path", "self", "terraform":
			continue
		case "local":
			if len(tr) > 1 {
				if a, ok := tr[1].(hcl.TraverseAttr); ok && !seen[a.Name] {
					seen[a.Name] = true
					if le, ok := m.locals[a.Name]; ok {
						m.resourcesOf(le, seen, out)
					}
				}
			}
		default:
			if len(tr) > 1 {
				if a, ok := tr[1].(hcl.TraverseAttr); ok {
					out[root+"."+a.Name] = true
				}
			}
		}
	}
}

// users lists the resources that refer to addr, each with the arguments
// through which it does (directly or through locals).
func (m *tfModule) users(addr string) map[string][]string {
	out := map[string][]string{}
	for _, r := range m.resources {
		if r.addr() == addr {
			continue
		}
		for path, e := range r.args {
			refs := map[string]bool{}
			m.resourcesOf(e, map[string]bool{}, refs)
			if refs[addr] {
				out[r.addr()] = append(out[r.addr()], path)
			}
		}
	}
	for _, ps := range out {
		sort.Strings(ps)
	}
	return out
}

// keptAfterDestroy are arguments naming something AWS keeps after the
// resource is destroyed (a final snapshot; a secret during its recovery
// window), so a fixed value collides on the next destroy of a rebuilt stack
// (DBSnapshotAlreadyExists) or on its create (a secret name scheduled for
// deletion cannot be reused for 7 to 30 days).
var keptAfterDestroy = map[string][]string{
	"aws_db_instance":           {"final_snapshot_identifier"},
	"aws_rds_cluster":           {"final_snapshot_identifier"},
	"aws_docdb_cluster":         {"final_snapshot_identifier"},
	"aws_neptune_cluster":       {"final_snapshot_identifier"},
	"aws_redshift_cluster":      {"final_snapshot_identifier"},
	"aws_elasticache_cluster":   {"final_snapshot_identifier"},
	"aws_secretsmanager_secret": {"name"},
}

// TestKeptNamesAreNewOnEveryCreate: in every golden module, a name AWS
// keeps after the resource is gone is made new each time the resource is
// created (from timestamp(), held by ignore_changes so a re-plan is clean),
// so apply, destroy, apply, destroy keeps every snapshot instead of failing
// on the second destroy.
func TestKeptNamesAreNewOnEveryCreate(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join(goldenRoot, "*", "*", "want"))
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no golden modules: %v", err)
	}
	seen := 0
	for _, dir := range dirs {
		name := strings.TrimPrefix(filepath.Dir(dir), goldenRoot+"/")
		files, _ := filepath.Glob(filepath.Join(dir, "*.tf"))
		for _, p := range files {
			src, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			f, diags := hclsyntax.ParseConfig(src, p, hcl.InitialPos)
			if diags.HasErrors() {
				t.Fatal(diags)
			}
			for _, b := range f.Body.(*hclsyntax.Body).Blocks {
				if b.Type != "resource" {
					continue
				}
				for _, arg := range keptAfterDestroy[b.Labels[0]] {
					a, ok := b.Body.Attributes[arg]
					if !ok {
						continue
					}
					seen++
					addr := b.Labels[0] + "." + b.Labels[1]
					text := string(a.Expr.Range().SliceBytes(src))
					if !strings.Contains(text, "timestamp()") {
						t.Errorf("%s: %s.%s = %s is the same for every instance ever created: the stack's next rebuild collides with what the last one left (make it new per creation, e.g. from timestamp())", name, addr, arg, text)
						continue
					}
					if !ignores(b.Body, arg) {
						t.Errorf("%s: %s.%s reads timestamp() but is not in lifecycle.ignore_changes: every plan would change it", name, addr, arg)
					}
				}
			}
		}
	}
	if seen == 0 {
		t.Error("no golden module names a final snapshot: the check saw nothing")
	}
}

// ignores reports whether the resource body lists arg in
// lifecycle.ignore_changes.
func ignores(body *hclsyntax.Body, arg string) bool {
	for _, lb := range body.Blocks {
		if lb.Type != "lifecycle" {
			continue
		}
		a, ok := lb.Body.Attributes["ignore_changes"]
		if !ok {
			continue
		}
		tup, ok := a.Expr.(*hclsyntax.TupleConsExpr)
		if !ok {
			continue
		}
		for _, e := range tup.Exprs {
			if tr, diags := hcl.AbsTraversalForExpr(e); !diags.HasErrors() && tr.RootName() == arg {
				return true
			}
		}
	}
	return false
}
