package awsfacts

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/scaffold-tf/scaffold/blueprints/rules"
)

// NameRule is what AWS accepts as the name of one kind of resource: its
// length, its characters (with the first and last one), and the prefixes,
// suffixes and substrings AWS reserves. Each rule is the stricter of the
// service's documented constraint and the provider's validator (hashicorp/
// terraform-provider-aws, internal/service/<service>/), both named in
// Source; the table was read on 2026-11-29.
type NameRule struct {
	Kind     string // "ALB name", "S3 bucket name"
	Min, Max int    // length in characters
	// Pattern is an RE2 expression the whole name must match: its
	// characters, first and last character. Chars says it in words.
	Pattern string
	Chars   string
	// NotPrefixes, NotSuffixes and NotContains are reserved: a name that
	// begins, ends with or contains one is refused.
	NotPrefixes, NotSuffixes, NotContains []string
	// NotIPAddress refuses a name formatted as an IPv4 address, four
	// groups of digits joined by dots such as 192.168.5.4 (S3). It is a
	// rule of the whole name, so it is not among the reserved words: a
	// name scaffold derives around fixed words (<name>-logs-<account>)
	// cannot have that shape.
	NotIPAddress bool
	Source       string
}

// ipAddressPattern is the shape NotIPAddress refuses, as S3's and the
// provider's checks read it: four groups of digits joined by dots.
const ipAddressPattern = `^[0-9]+(\.[0-9]+){3}$`

// IPAddressPattern is an RE2 expression matching the names NotIPAddress
// refuses, or "" for a rule without it.
func (r NameRule) IPAddressPattern() string {
	if !r.NotIPAddress {
		return ""
	}
	return ipAddressPattern
}

// IPAddressShape is the shape NotIPAddress refuses, in words: it
// completes "must not ...".
func (r NameRule) IPAddressShape() string {
	return "be formatted as an IP address, such as 192.168.5.4"
}

// IPAddressText completes "must ..." for NotIPAddress.
func (r NameRule) IPAddressText() string { return "not " + r.IPAddressShape() }

// Name rules of the resources scaffold names after the project. Sources
// give the AWS documentation page and the provider validator.
var (
	ALBName = NameRule{
		Kind: "ALB name", Min: 1, Max: 32,
		Pattern: `^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?$`, Chars: "letters, digits and hyphens, not beginning or ending with a hyphen",
		// AWS names internal load balancers' DNS records internal-<name>,
		// so it refuses the prefix for every name.
		NotPrefixes: []string{"internal-"},
		Source:      "https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateLoadBalancer.html; provider internal/service/elbv2/validate.go (validName)",
	}
	SecurityGroupName = NameRule{
		Kind: "security group name", Min: 1, Max: 255,
		Pattern: `^[A-Za-z0-9 ._:/()#,@\[\]+=&;{}!$*-]+$`, Chars: "letters, digits, spaces and ._-:/()#,@[]+=&;{}!$*",
		// Group IDs are sg-<hex>; AWS refuses names that could be taken for one.
		NotPrefixes: []string{"sg-"},
		Source:      "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSecurityGroup.html (GroupName); provider internal/service/ec2/vpc_security_group.go (length 255 only)",
	}
	S3BucketName = NameRule{
		Kind: "S3 bucket name", Min: 3, Max: 63,
		Pattern: `^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$`, Chars: "lowercase letters, digits, dots and hyphens, beginning and ending with a letter or digit",
		NotPrefixes:  []string{"xn--", "sthree-", "amzn-s3-demo-"},
		NotSuffixes:  []string{"-s3alias", "--ol-s3", "--x-s3", ".mrap", "--table-s3"},
		NotContains:  []string{".."},
		NotIPAddress: true,
		Source:       "https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html (general purpose buckets); provider internal/service/s3/bucket.go (validBucketName)",
	}
	RDSIdentifier = NameRule{
		Kind: "RDS DB instance identifier", Min: 1, Max: 63,
		Pattern: `^[a-z]([a-z0-9-]*[a-z0-9])?$`, Chars: "lowercase letters, digits and hyphens, beginning with a letter and not ending with a hyphen",
		NotContains: []string{"--"},
		Source:      "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html (DBInstanceIdentifier); provider internal/service/rds/validate.go (validIdentifier)",
	}
	RDSSnapshotIdentifier = NameRule{
		Kind: "RDS DB snapshot identifier", Min: 1, Max: 255,
		Pattern: `^[A-Za-z]([A-Za-z0-9-]*[A-Za-z0-9])?$`, Chars: "letters, digits and hyphens, beginning with a letter and not ending with a hyphen",
		NotContains: []string{"--"},
		Source:      "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DeleteDBInstance.html (FinalDBSnapshotIdentifier); provider internal/service/rds/validate.go (validFinalSnapshotIdentifier)",
	}
	RDSParameterGroupName = NameRule{
		Kind: "DB parameter group name", Min: 1, Max: 255,
		Pattern: `^[a-z]([a-z0-9-]*[a-z0-9])?$`, Chars: "lowercase letters, digits and hyphens, beginning with a letter and not ending with a hyphen",
		NotContains: []string{"--"},
		Source:      "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBParameterGroup.html; provider internal/service/rds/validate.go (validParamGroupName, validParamGroupNamePrefix)",
	}
	RDSSubnetGroupName = NameRule{
		Kind: "DB subnet group name", Min: 1, Max: 255,
		Pattern: `^[a-z0-9 ._-]+$`, Chars: "lowercase letters, digits, spaces, dots, underscores and hyphens",
		Source: "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBSubnetGroup.html; provider internal/service/rds/validate.go (validSubnetGroupName; \"default\" is reserved)",
	}
	IAMRoleName = NameRule{
		Kind: "IAM role name", Min: 1, Max: 64,
		Pattern: `^[A-Za-z0-9+=,.@_-]+$`, Chars: "letters, digits and +=,.@_-",
		Source: "https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html; provider internal/service/iam/role.go (validRoleName)",
	}
	IAMInstanceProfileName = NameRule{
		Kind: "IAM instance profile name", Min: 1, Max: 128,
		Pattern: `^[A-Za-z0-9+=,.@_-]+$`, Chars: "letters, digits and +=,.@_-",
		Source: "https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateInstanceProfile.html; provider internal/service/iam/instance_profile.go",
	}
	KMSAliasName = NameRule{
		Kind: "KMS alias name", Min: 7, Max: 256,
		Pattern: `^alias/[A-Za-z0-9/_-]+$`, Chars: "alias/ then letters, digits, slashes, underscores and hyphens",
		NotPrefixes: []string{"alias/aws/"},
		Source:      "https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateAlias.html; provider internal/service/kms/validate.go (validNameForResource)",
	}
	LogGroupName = NameRule{
		Kind: "CloudWatch log group name", Min: 1, Max: 512,
		Pattern: `^[A-Za-z0-9._/#-]+$`, Chars: "letters, digits and ._-/#",
		Source: "https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateLogGroup.html; provider internal/service/logs/validate.go (validLogGroupName)",
	}
	LaunchTemplateName = NameRule{
		Kind: "launch template name", Min: 3, Max: 128,
		Pattern: `^[A-Za-z0-9().\-/_]+$`, Chars: "letters, digits and ().-/_",
		Source: "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateLaunchTemplate.html; provider internal/service/ec2/validate.go (validLaunchTemplateName)",
	}
	AutoScalingName = NameRule{
		Kind: "Auto Scaling group or policy name", Min: 1, Max: 255,
		Pattern: `^[^:]+$`, Chars: "any characters but a colon",
		Source: "https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_CreateAutoScalingGroup.html (XmlStringMaxLen255); provider internal/service/autoscaling/group.go (length 255)",
	}
	LambdaFunctionName = NameRule{
		Kind: "Lambda function name", Min: 1, Max: 64,
		Pattern: `^[A-Za-z0-9_-]+$`, Chars: "letters, digits, hyphens and underscores",
		Source: "https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html (FunctionName); provider internal/service/lambda/validate.go (validFunctionName)",
	}
	SQSQueueName = NameRule{
		Kind: "SQS queue name", Min: 1, Max: 80,
		Pattern: `^[A-Za-z0-9_-]+$`, Chars: "letters, digits, hyphens and underscores (a standard queue)",
		Source: "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_CreateQueue.html; provider internal/service/sqs/queue.go",
	}
	DynamoDBTableName = NameRule{
		Kind: "DynamoDB table name", Min: 3, Max: 255,
		Pattern: `^[A-Za-z0-9_.-]+$`, Chars: "letters, digits, underscores, dots and hyphens",
		Source: "https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_CreateTable.html (TableName); provider internal/service/dynamodb/table.go (validTableName)",
	}
	APIGatewayName = NameRule{
		Kind: "API Gateway API or authorizer name", Min: 1, Max: 128,
		Pattern: `^.+$`, Chars: "any characters",
		Source: "https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis.html; provider internal/service/apigatewayv2/api.go, authorizer.go (length 1 to 128)",
	}
	BatchName = NameRule{
		Kind: "AWS Batch name", Min: 1, Max: 128,
		Pattern: `^[A-Za-z0-9][A-Za-z0-9_-]*$`, Chars: "letters, digits, hyphens and underscores, beginning with a letter or digit",
		Source: "https://docs.aws.amazon.com/batch/latest/APIReference/API_CreateComputeEnvironment.html, API_CreateJobQueue.html, API_RegisterJobDefinition.html, API_SubmitJob.html; provider internal/service/batch/validate.go (validName, validPrefix)",
	}
	ECSClusterName = NameRule{
		Kind: "ECS cluster name", Min: 1, Max: 255,
		Pattern: `^[A-Za-z0-9_-]+$`, Chars: "letters, digits, hyphens and underscores",
		Source: "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateCluster.html (clusterName); provider internal/service/ecs/cluster.go (no validator)",
	}
	AppAutoScalingPolicyName = NameRule{
		Kind: "ECS service scaling policy name", Min: 1, Max: 255,
		Pattern: `^[[:print:]]+$`, Chars: "printable characters",
		Source: "https://docs.aws.amazon.com/autoscaling/application/APIReference/API_PutScalingPolicy.html (PolicyName, 1 to 256, \\p{Print}+); provider internal/service/appautoscaling/policy.go (length 0 to 255)",
	}
	GlueName = NameRule{
		Kind: "Glue job, crawler or security configuration name", Min: 1, Max: 255,
		Pattern: `^[[:print:]]+$`, Chars: "printable characters on one line",
		Source: "https://docs.aws.amazon.com/glue/latest/dg/aws-glue-api-common.html (single-line string pattern, 1 to 255 bytes); provider internal/service/glue/job.go and security_configuration.go (NoZeroValues), crawler.go (1 to 255, ending in [0-9A-Za-z_$#/-], which every derived name's suffix does)",
	}
	EventBridgeRuleName = NameRule{
		Kind: "EventBridge rule name", Min: 1, Max: 64,
		Pattern: `^[A-Za-z0-9._-]+$`, Chars: "letters, digits, dots, hyphens and underscores",
		Source: "https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutRule.html; provider internal/service/events/validate.go (validateRuleName)",
	}
	KinesisStreamName = NameRule{
		Kind: "Kinesis data stream name", Min: 1, Max: 128,
		Pattern: `^[A-Za-z0-9_.-]+$`, Chars: "letters, digits, underscores, dots and hyphens",
		Source: "https://docs.aws.amazon.com/kinesis/latest/APIReference/API_CreateStream.html (StreamName: 1 to 128, [a-zA-Z0-9_.-]+); the provider (internal/service/kinesis/stream.go) does not validate the name",
	}
	SNSTopicName = NameRule{
		Kind: "SNS topic name", Min: 1, Max: 256,
		Pattern: `^[A-Za-z0-9_-]+$`, Chars: "letters, digits, hyphens and underscores (a standard topic)",
		Source: "https://docs.aws.amazon.com/sns/latest/api/API_CreateTopic.html (Name: up to 256 letters, digits, hyphens and underscores); the provider's own check in internal/service/sns/topic.go was not read",
	}
	CodeBuildProjectName = NameRule{
		Kind: "CodeBuild project name", Min: 2, Max: 255,
		Pattern: `^[A-Za-z0-9][A-Za-z0-9_-]*$`, Chars: "letters, digits, hyphens and underscores, beginning with a letter or digit",
		Source: "https://docs.aws.amazon.com/codebuild/latest/APIReference/API_CreateProject.html (name: 2 to 255, [A-Za-z0-9][A-Za-z0-9\\-_]{1,254}); provider internal/service/codebuild/project.go (ValidProjectName)",
	}
	CodePipelineName = NameRule{
		Kind: "CodePipeline pipeline name", Min: 1, Max: 100,
		Pattern: `^[A-Za-z0-9.@_-]+$`, Chars: "letters, digits, dots, @, hyphens and underscores",
		Source: "https://docs.aws.amazon.com/codepipeline/latest/APIReference/API_PipelineDeclaration.html (name: 1 to 100, [A-Za-z0-9.@\\-_]+); the provider's own check in internal/service/codepipeline/codepipeline.go was not read",
	}
	CodeConnectionsName = NameRule{
		Kind: "CodeConnections connection name", Min: 1, Max: 32,
		Pattern: `^[A-Za-z0-9._-]+$`, Chars: "letters, digits, dots, hyphens and underscores",
		Source: "https://docs.aws.amazon.com/codeconnections/latest/APIReference/API_CreateConnection.html (ConnectionName: 1 to 32 characters); the provider's own check in internal/service/codeconnections/connection.go was not read",
	}
	NotificationRuleName = NameRule{
		Kind: "CodeStar Notifications rule name", Min: 1, Max: 64,
		Pattern: `^[A-Za-z0-9_ -]+$`, Chars: "letters, digits, spaces, hyphens and underscores",
		Source: "https://docs.aws.amazon.com/codestar-notifications/latest/APIReference/API_CreateNotificationRule.html (Name: 1 to 64, [A-Za-z0-9\\-_ ]+$); the provider's own check in internal/service/codestarnotifications/notification_rule.go was not read",
	}
	CloudWatchAlarmName = NameRule{
		Kind: "CloudWatch alarm name", Min: 1, Max: 255,
		Pattern: `^.+$`, Chars: "any characters",
		Source: "https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html (AlarmName: 1 to 255 characters); provider internal/service/cloudwatch/metric_alarm.go (alarm_name: Required, ForceNew)",
	}
)

// UniqueSuffix stands for what the provider appends to a name_prefix (a
// timestamp and a counter, 26 characters: internal/create/naming.go,
// id.UniqueIDSuffixLength), so a prefixed name is checked at full length.
const UniqueSuffix = "20261129000000000000000001"

// Check reports the first part of the rule name breaks, in words.
func (r NameRule) Check(name string) error {
	if n := utf8.RuneCountInString(name); n < r.Min || n > r.Max {
		return fmt.Errorf("a %s must be %d to %d characters long; %q has %d", r.Kind, r.Min, r.Max, name, n)
	}
	if !rules.Regexp(r.Pattern).MatchString(name) {
		return fmt.Errorf("a %s may hold only %s; %q does not", r.Kind, r.Chars, name)
	}
	if r.Reserved(name) {
		return fmt.Errorf("a %s must %s; %q does", r.Kind, r.ReservedText(), name)
	}
	if p := r.IPAddressPattern(); p != "" && rules.Regexp(p).MatchString(name) {
		return fmt.Errorf("a %s must %s; %q is", r.Kind, r.IPAddressText(), name)
	}
	return nil
}

// ReservedPattern is an RE2 expression matching the names the reserved
// prefixes, suffixes and substrings forbid, or "" when there are none.
func (r NameRule) ReservedPattern() string {
	var alts []string
	for _, p := range r.NotPrefixes {
		alts = append(alts, "^"+regexp.QuoteMeta(p))
	}
	for _, s := range r.NotSuffixes {
		alts = append(alts, regexp.QuoteMeta(s)+"$")
	}
	for _, c := range r.NotContains {
		alts = append(alts, regexp.QuoteMeta(c))
	}
	return strings.Join(alts, "|")
}

// Reserved reports whether name begins, ends with or contains what the rule
// reserves: what ReservedPattern matches, without a regular expression
// (the validations test asks it of every candidate name in every
// environment).
func (r NameRule) Reserved(name string) bool {
	for _, p := range r.NotPrefixes {
		if strings.HasPrefix(name, p) {
			return true
		}
	}
	for _, s := range r.NotSuffixes {
		if strings.HasSuffix(name, s) {
			return true
		}
	}
	for _, c := range r.NotContains {
		if strings.Contains(name, c) {
			return true
		}
	}
	return false
}

// ReservedText completes "must ...": "not begin with internal-".
func (r NameRule) ReservedText() string {
	var parts []string
	if len(r.NotPrefixes) > 0 {
		parts = append(parts, "begin with "+orList(r.NotPrefixes))
	}
	if len(r.NotSuffixes) > 0 {
		parts = append(parts, "end with "+orList(r.NotSuffixes))
	}
	if len(r.NotContains) > 0 {
		parts = append(parts, "contain "+orList(r.NotContains))
	}
	if len(parts) == 0 {
		return ""
	}
	return "not " + strings.Join(parts, ", nor ")
}

func orList(words []string) string {
	q := make([]string, len(words))
	for i, w := range words {
		q[i] = fmt.Sprintf("%q", w)
	}
	if len(q) == 1 {
		return q[0]
	}
	return strings.Join(q[:len(q)-1], ", ") + " or " + q[len(q)-1]
}
