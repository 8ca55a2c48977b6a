package blueprints

import (
	"fmt"
	"slices"
	"strings"

	"github.com/zclconf/go-cty/cty"

	"github.com/scaffold-tf/scaffold/blueprints/awsfacts"
	"github.com/scaffold-tf/scaffold/blueprints/rules"
	"github.com/scaffold-tf/scaffold/blueprints/spec"
)

// Prefix is how templates write the project's naming prefix,
// "<name>-<environment>" (local.prefix in templates/base/main.tf).
const Prefix = "${local.prefix}"

// DerivedName is a resource name a component builds from the project name:
// Before + "<name>-<environment>" + After, which must meet Rule, AWS's whole
// rule for that kind of name.
type DerivedName struct {
	// Resource and Attr say where the name is set ("aws_lb.main", "name");
	// a test finds every name built from local.prefix in the generated
	// modules and requires it to be declared here.
	Resource, Attr string
	Before, After  string // as the template writes them around local.prefix
	// Prefixed: the attribute is a name_prefix, to which the provider
	// appends a unique suffix that counts against the length limit.
	Prefixed bool
	Rule     awsfacts.NameRule
}

// placeholders are the values the derived names are checked with for the
// Terraform expressions a template may put around the prefix: the longest
// each can take.
var placeholders = strings.NewReplacer(
	"${local.account_id}", "123456789012",
	`${formatdate("YYYYMMDDhhmmss", timestamp())}`, "20261129000000", // the creation time a kept name carries
	"${each.value}", "iam-db-auth-error", // the longest RDS log type exported
	"${each.key}", strings.Repeat("s", MaxServiceNameLength), // the longest service name
)

// For is the name for project name and environment.
func (d DerivedName) For(name, environment string) string {
	return placeholders.Replace(d.Before) + name + "-" + environment + placeholders.Replace(d.After) + d.unique(awsfacts.UniqueSuffix)
}

func (d DerivedName) unique(suffix string) string {
	if d.Prefixed {
		return suffix
	}
	return ""
}

// Template is the name as the template writes it.
func (d DerivedName) Template() string { return d.Before + Prefix + d.After }

// pattern is the name in words: "<name>-<environment>-alb".
func (d DerivedName) pattern() string {
	return placeholders.Replace(d.Before) + "<name>-<environment>" + placeholders.Replace(d.After) + d.unique("<unique suffix>")
}

// componentNames are the names each component derives from the project
// name. A component that names a resource after the project declares it
// here, and every blueprint composing it checks the name question against
// it (TestDerivedNamesAreDeclared finds undeclared ones).
var componentNames = map[string][]DerivedName{
	"kms": {
		{Resource: "aws_kms_alias.main", Attr: "name", Before: "alias/", Rule: awsfacts.KMSAliasName},
	},
	"network": {
		{Resource: "aws_cloudwatch_log_group.flow_logs", Attr: "name", Before: "/aws/vpc/", After: "/flow-logs", Rule: awsfacts.LogGroupName},
		{Resource: "aws_iam_role.flow_logs", Attr: "name", After: "-flow-logs", Rule: awsfacts.IAMRoleName},
	},
	"log_bucket": {
		{Resource: "aws_s3_bucket.logs", Attr: "bucket", After: "-logs-${local.account_id}", Rule: awsfacts.S3BucketName},
	},
	"output_bucket": {
		{Resource: "aws_s3_bucket.output", Attr: "bucket", After: "-output-${local.account_id}", Rule: awsfacts.S3BucketName},
	},
	"alb": {
		{Resource: "aws_lb.main", Attr: "name", After: "-alb", Rule: awsfacts.ALBName},
		{Resource: "aws_security_group.alb", Attr: "name_prefix", After: "-alb-", Rule: awsfacts.SecurityGroupName, Prefixed: true},
	},
	"asg": {
		{Resource: "aws_launch_template.app", Attr: "name_prefix", After: "-app-", Rule: awsfacts.LaunchTemplateName, Prefixed: true},
		{Resource: "aws_autoscaling_group.app", Attr: "name_prefix", After: "-app-", Rule: awsfacts.AutoScalingName, Prefixed: true},
		{Resource: "aws_autoscaling_policy.cpu", Attr: "name", After: "-cpu-target", Rule: awsfacts.AutoScalingName},
		{Resource: "aws_security_group.instance", Attr: "name_prefix", After: "-instance-", Rule: awsfacts.SecurityGroupName, Prefixed: true},
		{Resource: "aws_iam_role.instance", Attr: "name", After: "-instance", Rule: awsfacts.IAMRoleName},
		{Resource: "aws_iam_instance_profile.instance", Attr: "name", After: "-instance", Rule: awsfacts.IAMInstanceProfileName},
	},
	"rds": {
		{Resource: "aws_db_instance.main", Attr: "identifier", After: "-db", Rule: awsfacts.RDSIdentifier},
		{Resource: "aws_db_instance.main", Attr: "final_snapshot_identifier", After: `-db-final-${formatdate("YYYYMMDDhhmmss", timestamp())}`, Rule: awsfacts.RDSSnapshotIdentifier},
		{Resource: "aws_db_parameter_group.main", Attr: "name_prefix", After: "-db-", Rule: awsfacts.RDSParameterGroupName, Prefixed: true},
		{Resource: "aws_cloudwatch_log_group.db", Attr: "name", Before: "/aws/rds/instance/", After: "-db/${each.value}", Rule: awsfacts.LogGroupName},
		{Resource: "aws_security_group.db", Attr: "name_prefix", After: "-db-", Rule: awsfacts.SecurityGroupName, Prefixed: true},
		{Resource: "aws_iam_role.db_monitoring", Attr: "name", After: "-rds-monitoring", Rule: awsfacts.IAMRoleName},
	},
	"ecs_cluster": {
		{Resource: "aws_ecs_cluster.main", Attr: "name", After: "-cluster", Rule: awsfacts.ECSClusterName},
		{Resource: "aws_cloudwatch_log_group.ecs_exec", Attr: "name", Before: "/aws/ecs/", After: "/exec", Rule: awsfacts.LogGroupName},
	},
	"ecs_service": {
		{Resource: "aws_appautoscaling_policy.cpu", Attr: "name", After: "-${each.key}-cpu", Rule: awsfacts.AppAutoScalingPolicyName},
		{Resource: "aws_cloudwatch_log_group.service", Attr: "name", Before: "/ecs/", After: "/${each.key}", Rule: awsfacts.LogGroupName},
		{Resource: "aws_security_group.service", Attr: "name_prefix", After: "-service-", Rule: awsfacts.SecurityGroupName, Prefixed: true},
		{Resource: "aws_iam_role.execution", Attr: "name", After: "-${each.key}-exec", Rule: awsfacts.IAMRoleName},
		{Resource: "aws_iam_role.task", Attr: "name", After: "-${each.key}-task", Rule: awsfacts.IAMRoleName},
	},
	"efs": {
		{Resource: "aws_security_group.efs", Attr: "name_prefix", After: "-efs-", Rule: awsfacts.SecurityGroupName, Prefixed: true},
	},
	"dynamodb_table": {
		{Resource: "aws_dynamodb_table.items", Attr: "name", After: "-items", Rule: awsfacts.DynamoDBTableName},
	},
	"lambda_api": {
		// Set through local.api_function_name, which also names the log
		// group (local.function_name is read back from the function).
		{Resource: "aws_lambda_function.api", Attr: "api_function_name", After: "-api", Rule: awsfacts.LambdaFunctionName},
		{Resource: "aws_cloudwatch_log_group.lambda", Attr: "name", Before: "/aws/lambda/", After: "-api", Rule: awsfacts.LogGroupName},
		{Resource: "aws_sqs_queue.dlq", Attr: "name", After: "-api-dlq", Rule: awsfacts.SQSQueueName},
		{Resource: "aws_iam_role.lambda", Attr: "name", After: "-api-lambda", Rule: awsfacts.IAMRoleName},
	},
	"http_api": {
		{Resource: "aws_apigatewayv2_api.main", Attr: "name", After: "-api", Rule: awsfacts.APIGatewayName},
		{Resource: "aws_apigatewayv2_authorizer.jwt", Attr: "name", After: "-jwt", Rule: awsfacts.APIGatewayName},
		{Resource: "aws_cloudwatch_log_group.api", Attr: "name", Before: "/aws/apigateway/", After: "-api", Rule: awsfacts.LogGroupName},
	},
	"batch": {
		{Resource: "aws_batch_compute_environment.main", Attr: "compute_environment_name_prefix", After: "-", Rule: awsfacts.BatchName, Prefixed: true},
		{Resource: "aws_batch_job_queue.main", Attr: "name", After: "-queue", Rule: awsfacts.BatchName},
		{Resource: "aws_batch_job_definition.main", Attr: "name", After: "-job", Rule: awsfacts.BatchName},
		{Resource: "aws_launch_template.batch", Attr: "name_prefix", After: "-batch-", Rule: awsfacts.LaunchTemplateName, Prefixed: true},
		{Resource: "aws_cloudwatch_log_group.batch", Attr: "name", Before: "/aws/batch/", Rule: awsfacts.LogGroupName},
		{Resource: "aws_security_group.batch", Attr: "name_prefix", After: "-batch-", Rule: awsfacts.SecurityGroupName, Prefixed: true},
		{Resource: "aws_iam_role.batch_execution", Attr: "name", After: "-batch-execution", Rule: awsfacts.IAMRoleName},
		{Resource: "aws_iam_role.batch_job", Attr: "name", After: "-batch-job", Rule: awsfacts.IAMRoleName},
		{Resource: "aws_iam_role.batch_instance", Attr: "name", After: "-batch-instance", Rule: awsfacts.IAMRoleName},
		{Resource: "aws_iam_instance_profile.batch_instance", Attr: "name", After: "-batch-instance", Rule: awsfacts.IAMInstanceProfileName},
	},
	"landing_bucket": {
		{Resource: "aws_s3_bucket.landing", Attr: "bucket", After: "-landing-${local.account_id}", Rule: awsfacts.S3BucketName},
	},
	"curated_bucket": {
		{Resource: "aws_s3_bucket.curated", Attr: "bucket", After: "-curated-${local.account_id}", Rule: awsfacts.S3BucketName},
	},
	"glue": {
		{Resource: "aws_glue_security_configuration.main", Attr: "name", After: "-etl", Rule: awsfacts.GlueName},
		{Resource: "aws_glue_job.etl", Attr: "name", After: "-etl", Rule: awsfacts.GlueName},
		{Resource: "aws_glue_crawler.curated", Attr: "name", After: "-curated", Rule: awsfacts.GlueName},
		{Resource: "aws_iam_role.glue", Attr: "name", After: "-glue", Rule: awsfacts.IAMRoleName},
	},
	"etl_validator": {
		// Set through local.validator_function_name, which also names the
		// log group.
		{Resource: "aws_lambda_function.validator", Attr: "validator_function_name", After: "-validator", Rule: awsfacts.LambdaFunctionName},
		{Resource: "aws_cloudwatch_log_group.validator", Attr: "name", Before: "/aws/lambda/", After: "-validator", Rule: awsfacts.LogGroupName},
		{Resource: "aws_sqs_queue.validator_dlq", Attr: "name", After: "-validator-dlq", Rule: awsfacts.SQSQueueName},
		{Resource: "aws_iam_role.validator", Attr: "name", After: "-validator", Rule: awsfacts.IAMRoleName},
	},
	"redshift": {
		{Resource: "aws_redshiftserverless_namespace.main", Attr: "namespace_name", After: "-dw", Rule: awsfacts.RedshiftServerlessName},
		{Resource: "aws_redshiftserverless_workgroup.main", Attr: "workgroup_name", After: "-dw", Rule: awsfacts.RedshiftServerlessName},
		{Resource: "aws_redshift_cluster.main", Attr: "cluster_identifier", After: "-redshift", Rule: awsfacts.RedshiftClusterIdentifier},
		{Resource: "aws_redshift_cluster.main", Attr: "final_snapshot_identifier", After: `-redshift-final-${formatdate("YYYYMMDDhhmmss", timestamp())}`, Rule: awsfacts.RedshiftSnapshotIdentifier},
		{Resource: "aws_redshift_subnet_group.main", Attr: "name", After: "-redshift", Rule: awsfacts.RedshiftSubnetGroupName},
		{Resource: "aws_redshift_parameter_group.main", Attr: "name", After: "-redshift", Rule: awsfacts.RedshiftParameterGroupName},
		{Resource: "aws_cloudwatch_log_group.redshift", Attr: "name", Before: "/aws/redshift/cluster/", After: "-redshift/${each.value}", Rule: awsfacts.LogGroupName},
		{Resource: "aws_cloudwatch_log_group.redshift", Attr: "name", Before: "/aws/redshift/", After: "-dw/${each.value}", Rule: awsfacts.LogGroupName},
		{Resource: "aws_security_group.redshift", Attr: "name_prefix", After: "-redshift-", Rule: awsfacts.SecurityGroupName, Prefixed: true},
		{Resource: "aws_iam_role.redshift", Attr: "name", After: "-redshift", Rule: awsfacts.IAMRoleName},
	},
	"redshift_load": {
		{Resource: "aws_cloudwatch_event_rule.redshift_load", Attr: "name", After: "-redshift-load", Rule: awsfacts.EventBridgeRuleName},
		{Resource: "aws_sqs_queue.redshift_load_dlq", Attr: "name", After: "-redshift-load-dlq", Rule: awsfacts.SQSQueueName},
		{Resource: "aws_iam_role.redshift_load", Attr: "name", After: "-redshift-load", Rule: awsfacts.IAMRoleName},
	},
	"kinesis_stream": {
		{Resource: "aws_kinesis_stream.main", Attr: "name", After: "-stream", Rule: awsfacts.KinesisStreamName},
	},
	"stream_table": {
		{Resource: "aws_dynamodb_table.items", Attr: "name", After: "-items", Rule: awsfacts.DynamoDBTableName},
	},
	"stream_processor": {
		// Set through local.processor_function_name, which also names the
		// log group.
		{Resource: "aws_lambda_function.processor", Attr: "processor_function_name", After: "-processor", Rule: awsfacts.LambdaFunctionName},
		{Resource: "aws_cloudwatch_log_group.processor", Attr: "name", Before: "/aws/lambda/", After: "-processor", Rule: awsfacts.LogGroupName},
		{Resource: "aws_sqs_queue.failures", Attr: "name", After: "-stream-failures", Rule: awsfacts.SQSQueueName},
		{Resource: "aws_iam_role.processor", Attr: "name", After: "-processor", Rule: awsfacts.IAMRoleName},
		{Resource: "aws_sns_topic.alarms", Attr: "name", After: "-stream-alarms", Rule: awsfacts.SNSTopicName},
		{Resource: "aws_cloudwatch_metric_alarm.iterator_age", Attr: "alarm_name", After: "-processor-iterator-age", Rule: awsfacts.CloudWatchAlarmName},
		{Resource: "aws_cloudwatch_metric_alarm.failures", Attr: "alarm_name", After: "-stream-failures-visible", Rule: awsfacts.CloudWatchAlarmName},
	},
	"artifact_bucket": {
		{Resource: "aws_s3_bucket.artifacts", Attr: "bucket", After: "-artifacts-${local.account_id}", Rule: awsfacts.S3BucketName},
	},
	"source_bucket": {
		{Resource: "aws_s3_bucket.source", Attr: "bucket", After: "-source-${local.account_id}", Rule: awsfacts.S3BucketName},
		{Resource: "aws_cloudwatch_event_rule.source", Attr: "name", After: "-source-changed", Rule: awsfacts.EventBridgeRuleName},
		{Resource: "aws_iam_role.source_trigger", Attr: "name", After: "-source-trigger", Rule: awsfacts.IAMRoleName},
	},
	"source_connection": {
		{Resource: "aws_codeconnections_connection.source", Attr: "name", After: "-git", Rule: awsfacts.CodeConnectionsName},
	},
	"codebuild": {
		// Set through local.build_project_name, which also names the alarm.
		{Resource: "aws_codebuild_project.build", Attr: "build_project_name", After: "-build", Rule: awsfacts.CodeBuildProjectName},
		{Resource: "aws_cloudwatch_log_group.build", Attr: "name", Before: "/aws/codebuild/", After: "-build", Rule: awsfacts.LogGroupName},
		{Resource: "aws_iam_role.build", Attr: "name", After: "-build", Rule: awsfacts.IAMRoleName},
	},
	"integration_tests": {
		// Set through local.integration_tests_function_name, which also
		// names the log group.
		{Resource: "aws_lambda_function.integration_tests", Attr: "integration_tests_function_name", After: "-integration-tests", Rule: awsfacts.LambdaFunctionName},
		{Resource: "aws_cloudwatch_log_group.integration_tests", Attr: "name", Before: "/aws/lambda/", After: "-integration-tests", Rule: awsfacts.LogGroupName},
		{Resource: "aws_iam_role.integration_tests", Attr: "name", After: "-integration-tests", Rule: awsfacts.IAMRoleName},
	},
	"pipeline": {
		// Set through local.pipeline_name.
		{Resource: "aws_codepipeline.main", Attr: "pipeline_name", After: "-pipeline", Rule: awsfacts.CodePipelineName},
		{Resource: "aws_iam_role.pipeline", Attr: "name", After: "-pipeline", Rule: awsfacts.IAMRoleName},
		{Resource: "aws_sns_topic.pipeline", Attr: "name", After: "-pipeline-events", Rule: awsfacts.SNSTopicName},
		{Resource: "aws_codestarnotifications_notification_rule.pipeline", Attr: "name", After: "-pipeline", Rule: awsfacts.NotificationRuleName},
		{Resource: "aws_cloudwatch_event_rule.pipeline_failed", Attr: "name", After: "-pipeline-failed", Rule: awsfacts.EventBridgeRuleName},
		{Resource: "aws_cloudwatch_metric_alarm.pipeline_failed", Attr: "alarm_name", After: "-pipeline-failed", Rule: awsfacts.CloudWatchAlarmName},
		{Resource: "aws_cloudwatch_metric_alarm.build_failed", Attr: "alarm_name", After: "-build-failed", Rule: awsfacts.CloudWatchAlarmName},
	},
	"data_bucket": {
		{Resource: "aws_s3_bucket.data", Attr: "bucket", After: "-data-${local.account_id}", Rule: awsfacts.S3BucketName},
	},
	"training_trigger": {
		// Set through local.trigger_function_name, which also names the log
		// group.
		{Resource: "aws_lambda_function.trigger", Attr: "trigger_function_name", After: "-train-trigger", Rule: awsfacts.LambdaFunctionName},
		{Resource: "aws_cloudwatch_log_group.trigger", Attr: "name", Before: "/aws/lambda/", After: "-train-trigger", Rule: awsfacts.LogGroupName},
		{Resource: "aws_sqs_queue.trigger_dlq", Attr: "name", After: "-train-trigger-dlq", Rule: awsfacts.SQSQueueName},
		{Resource: "aws_iam_role.trigger", Attr: "name", After: "-train-trigger", Rule: awsfacts.IAMRoleName},
	},
	"model_deployer": {
		// Set through local.deployer_function_name, which also names the
		// log group.
		{Resource: "aws_lambda_function.deployer", Attr: "deployer_function_name", After: "-deployer", Rule: awsfacts.LambdaFunctionName},
		{Resource: "aws_cloudwatch_log_group.deployer", Attr: "name", Before: "/aws/lambda/", After: "-deployer", Rule: awsfacts.LogGroupName},
		// The endpoint, its configurations and models are created by the
		// deployer, with the names these locals give it. The endpoint's log
		// group, /aws/sagemaker/Endpoints/<endpoint name>, is set through
		// the local too, and 25 characters over a SageMaker name stay far
		// below a log group's 512.
		{Resource: "sagemaker endpoint", Attr: "sagemaker_endpoint_name", After: "-endpoint", Rule: awsfacts.SageMakerName},
		{Resource: "sagemaker models", Attr: "sagemaker_model_name_prefix", After: "-model-", Rule: awsfacts.SageMakerNamePrefix},
		{Resource: "sagemaker endpoint configurations", Attr: "sagemaker_config_name_prefix", After: "-config-", Rule: awsfacts.SageMakerNamePrefix},
		{Resource: "aws_sqs_queue.deployer_dlq", Attr: "name", After: "-deployer-dlq", Rule: awsfacts.SQSQueueName},
		{Resource: "aws_iam_role.deployer", Attr: "name", After: "-deployer", Rule: awsfacts.IAMRoleName},
		{Resource: "aws_iam_role.sagemaker", Attr: "name", After: "-sagemaker", Rule: awsfacts.IAMRoleName},
		{Resource: "aws_cloudwatch_event_rule.training_succeeded", Attr: "name", After: "-training-succeeded", Rule: awsfacts.EventBridgeRuleName},
	},
	"pipeline_alarms": {
		{Resource: "aws_sns_topic.alarms", Attr: "name", After: "-ml-alarms", Rule: awsfacts.SNSTopicName},
		{Resource: "aws_cloudwatch_event_rule.training_failed", Attr: "name", After: "-training-failed", Rule: awsfacts.EventBridgeRuleName},
		{Resource: "aws_sqs_queue.training_failed_dlq", Attr: "name", After: "-training-failed-dlq", Rule: awsfacts.SQSQueueName},
		{Resource: "aws_cloudwatch_metric_alarm.training_failed", Attr: "alarm_name", After: "-training-failed", Rule: awsfacts.CloudWatchAlarmName},
		{Resource: "aws_cloudwatch_metric_alarm.function_errors", Attr: "alarm_name", After: "-${each.key}-errors", Rule: awsfacts.CloudWatchAlarmName},
		{Resource: "aws_cloudwatch_metric_alarm.endpoint", Attr: "alarm_name", After: "-endpoint-${lower(each.key)}", Rule: awsfacts.CloudWatchAlarmName},
	},
	"batch_schedule": {
		{Resource: "aws_cloudwatch_event_rule.schedule", Attr: "name", After: "-schedule", Rule: awsfacts.EventBridgeRuleName},
		{Resource: "aws_cloudwatch_event_target.batch", Attr: "job_name", After: "-scheduled", Rule: awsfacts.BatchName},
		{Resource: "aws_sqs_queue.schedule_dlq", Attr: "name", After: "-schedule-dlq", Rule: awsfacts.SQSQueueName},
		{Resource: "aws_iam_role.schedule", Attr: "name", After: "-schedule-submit", Rule: awsfacts.IAMRoleName},
	},
}

// namedComponents lists, per blueprint, every component it may compose;
// its name question is checked against their derived names.
var namedComponents = map[string][]string{}

// DerivedNames are the names the components derive from the project name.
func DerivedNames(components ...string) []DerivedName {
	var out []DerivedName
	for _, c := range components {
		out = append(out, componentNames[c]...)
	}
	return out
}

// NamedComponents lists the components whose derived names the name
// question of blueprint id checks.
func NamedComponents(id string) []string { return namedComponents[id] }

// environments are the values of the environment question: a name must
// stay valid in each, so a project can be promoted from dev to prod.
func environments() []string { return environmentQuestion().ChoiceValues() }

// nameConvention is scaffold's own rule for project names: the characters
// every derived name accepts (S3 bucket names and RDS identifiers take
// nothing else), beginning with a letter (RDS identifiers) and ending with a
// letter or digit (so "<name>-<environment>" never holds "--" at the seam).
// It is stricter than some resources need (a Lambda function accepts
// capitals) so that one project name works in every blueprint.
const nameConvention = `^[a-z]([a-z0-9-]*[a-z0-9])?$`

// nameQuestion is the project name of a blueprint composing components.
// Its rules are computed from the names those components derive from it:
// a length limit that fits the tightest, and, for each group of AWS
// reserved prefixes, suffixes and substrings a derived name can reach, a
// rule naming the resources it protects. TestDerivedNamesMeetAWSRules
// proves, over a corpus of names, that the question accepts a name exactly
// when the convention holds and every derived name meets its AWS rule.
func nameQuestion(blueprintID, def string, components ...string) *spec.Question {
	namedComponents[blueprintID] = components
	derived := DerivedNames(components...)
	envs := environments()
	maxLen, tightest, tightestEnv := 63, DerivedName{}, ""
	for _, d := range derived {
		for _, env := range envs {
			room := d.Rule.Max - (len(d.For("", env)))
			if room < maxLen {
				maxLen, tightest, tightestEnv = room, d, env
			}
		}
	}
	lengthText := fmt.Sprintf("be 1 to %d characters long", maxLen)
	if tightest.Resource != "" {
		lengthText += fmt.Sprintf(", so that the %s %q stays within %d characters",
			tightest.Rule.Kind, tightest.For(strings.Repeat("n", maxLen), tightestEnv), tightest.Rule.Max)
	}
	length := rules.Length(1, maxLen)
	length.Text = lengthText
	convention := rules.Matches(nameConvention, "start with a lowercase letter, hold only lowercase letters, digits and hyphens, and end with a letter or digit")
	nameRules := []spec.Rule{length, convention}
	nameRules = append(nameRules, reservedNameRules(derived, envs, []spec.Rule{length, convention})...)

	var kinds []string
	byKind := map[string][]string{}
	for _, d := range derived {
		k := fmt.Sprintf("%s (≤ %d)", d.Rule.Kind, d.Rule.Max)
		if _, ok := byKind[k]; !ok {
			kinds = append(kinds, k)
		}
		if !slices.Contains(byKind[k], d.pattern()) {
			byKind[k] = append(byKind[k], d.pattern())
		}
	}
	derivedHelp := make([]string, len(kinds))
	for i, k := range kinds {
		derivedHelp[i] = k + " " + strings.Join(byKind[k], ", ")
	}
	return &spec.Question{
		Key:    "name",
		Prompt: "Project name",
		Help: "A short project name, used as the prefix of every resource name and in the tags. " +
			"Lowercase letters, digits and hyphens, because some of the AWS names derived from it accept nothing else. " +
			fmt.Sprintf("At most %d characters, so that each derived name fits its AWS limit, and no derived name may take a prefix or suffix AWS reserves: %s.", maxLen, strings.Join(derivedHelp, "; ")),
		Type:    cty.String,
		Default: spec.Fixed(cty.StringVal(def)),
		Rules:   nameRules,
	}
}

// reservedNameRules makes one rule per reserved pattern the derived names
// can reach: derived names whose AWS rules reserve the same strings share
// it. A pattern no name allowed by base can reach makes no rule, since its
// validation could never fail; the corpus test backs that judgement.
func reservedNameRules(derived []DerivedName, envs []string, base []spec.Rule) []spec.Rule {
	var order []string
	groups := map[string][]DerivedName{}
	for _, d := range derived {
		p := d.Rule.ReservedPattern()
		if p == "" {
			continue
		}
		if _, ok := groups[p]; !ok {
			order = append(order, p)
		}
		groups[p] = append(groups[p], d)
	}
	var out []spec.Rule
	for _, p := range order {
		group := groups[p]
		// Every rule of the group reserves the same words (the same
		// pattern p); each derived name is its text around the project
		// name, worked out once per environment rather than per name.
		reserved := group[0].Rule
		type around struct {
			d             DerivedName
			before, after string
		}
		var arounds []around
		for _, d := range group {
			for _, env := range envs {
				full := d.For("\x00", env)
				i := strings.IndexByte(full, 0)
				arounds = append(arounds, around{d, full[:i], full[i+1:]})
			}
		}
		violates := func(name string) (string, DerivedName, bool) {
			for _, a := range arounds {
				if n := a.before + name + a.after; reserved.Reserved(n) {
					return n, a.d, true
				}
			}
			return "", DerivedName{}, false
		}
		reachable := false
		for _, w := range witnesses(group[0].Rule) {
			if passes(base, w) {
				if _, _, bad := violates(w); bad {
					reachable = true
					break
				}
			}
		}
		if !reachable {
			continue
		}
		var kinds, names []string
		for _, d := range group {
			if !slices.Contains(kinds, d.Rule.Kind) {
				kinds = append(kinds, d.Rule.Kind)
			}
			if !slices.Contains(names, d.pattern()) {
				names = append(names, d.pattern())
			}
		}
		text := fmt.Sprintf("make no %s that AWS refuses: %s must %s", strings.Join(kinds, " or "), strings.Join(names, ", "), group[0].Rule.ReservedText())
		out = append(out, rules.Custom(text,
			func(v cty.Value, _ spec.Answers) error {
				if n, d, bad := violates(v.AsString()); bad {
					return fmt.Errorf("it makes the %s %q of %s", d.Rule.Kind, n, d.Resource)
				}
				return nil
			},
			func(key string, _ spec.Answers) spec.Expr {
				var conds []spec.Expr
				for _, d := range group {
					for _, env := range envs {
						format := strings.Replace(strings.ReplaceAll(d.For("\x00", env), "%", "%%"), "\x00", "%s", 1)
						conds = append(conds, spec.Not(spec.Call("can", spec.Call("regex", spec.Str(p), spec.Call("format", spec.Str(format), spec.Var(key))))))
					}
				}
				return spec.And(conds...)
			}))
	}
	return out
}

// witnesses are project names that may reach a reserved string of rule r:
// each string alone, trimmed of the hyphens and dots a name cannot end
// with, and framed by letters.
func witnesses(r awsfacts.NameRule) []string {
	var out []string
	for _, lists := range [][]string{r.NotPrefixes, r.NotSuffixes, r.NotContains} {
		for _, s := range lists {
			t := strings.Trim(s, "-.")
			out = append(out, s, t, t+"a", "a"+s+"a", s+"a")
		}
	}
	return out
}

func passes(rs []spec.Rule, name string) bool {
	for _, r := range rs {
		if r.Check(cty.StringVal(name), spec.NewAnswers(nil)) != nil {
			return false
		}
	}
	return true
}
