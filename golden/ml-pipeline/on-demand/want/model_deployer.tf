# The deployer: when a training job of the module's queue succeeds,
# EventBridge invokes it, and it creates a SageMaker model from the job's
# artefact, an endpoint configuration for it, and creates the endpoint or
# rolls it to the new configuration. The endpoint, its configurations and
# models are the deployer's, not Terraform's: none exists before the first
# trained model, and terraform destroy does not delete them (the README
# gives the cleanup commands).
#
# Provides: local.deployer_function_name and local.sagemaker_endpoint_name.
# Reads: local.data_bucket_name, local.data_bucket_arn,
# local.batch_job_queue_arn and local.batch_job_definition_arn_prefix.

locals {
  deployer_function_name = "${local.prefix}-deployer"
  # A fixed name known to Terraform, so the alarms can name the endpoint
  # before it exists.
  sagemaker_endpoint_name = "${local.prefix}-endpoint"
  # The deployer appends the first 12 hex digits of the training job's ID.
  sagemaker_model_name_prefix  = "${local.prefix}-model-"
  sagemaker_config_name_prefix = "${local.prefix}-config-"
  # What the deployer puts in each endpoint configuration.
  sagemaker_endpoint_settings = {
    ENDPOINT_KIND  = "instances"
    INSTANCE_TYPE  = var.endpoint_instance_type
    INSTANCE_COUNT = tostring(var.endpoint_instance_count)
  }
  # Instance types with local NVMe storage take no KMS key: their volumes
  # are encrypted by the instance's hardware, and CreateEndpointConfig
  # refuses a KmsKeyId for them.
  sagemaker_endpoint_kms_key = contains(["c5d", "c6id", "g4dn", "g5", "g6", "g6e", "m5d", "m6id", "p3dn", "p4d", "p4de", "p5", "p5e", "p5en", "r5d", "r6id", "trn1", "trn1n"], split(".", var.endpoint_instance_type)[1]) ? "" : local.kms_key_arn
}

resource "aws_lambda_function" "deployer" {
  function_name = local.deployer_function_name
  description   = "${local.prefix}: deploys each successfully trained model to the SageMaker endpoint"
  role          = aws_iam_role.deployer.arn

  # scaffold built the package from src/ with fixed timestamps, so the hash
  # changes only when the code does.
  filename         = "${path.module}/build/deployer.zip"
  source_code_hash = filebase64sha256("${path.module}/build/deployer.zip")
  handler          = "deployer.handler"
  runtime          = var.functions_runtime
  architectures    = ["arm64"]
  memory_size      = 128
  timeout          = 60

  # Names and sizes only, no secret; still encrypted with the module's key.
  kms_key_arn = local.kms_key_arn
  environment {
    variables = merge({
      ENDPOINT_NAME      = local.sagemaker_endpoint_name
      MODEL_NAME_PREFIX  = local.sagemaker_model_name_prefix
      CONFIG_NAME_PREFIX = local.sagemaker_config_name_prefix
      EXECUTION_ROLE_ARN = aws_iam_role.sagemaker.arn
      INFERENCE_IMAGE    = var.inference_image
      MODEL_BUCKET       = local.data_bucket_name
      MODEL_PREFIX       = var.model_prefix
      KMS_KEY_ID         = local.sagemaker_endpoint_kms_key
    }, local.sagemaker_endpoint_settings)
  }

  # Follows each deployment through the S3 and SageMaker calls (trivy
  # AWS-0066).
  tracing_config {
    mode = "Active"
  }

  # JSON lines can be filtered by field in Logs Insights; the group is
  # Terraform's, so Lambda never creates one without retention or key.
  logging_config {
    log_format            = "JSON"
    log_group             = aws_cloudwatch_log_group.deployer.name
    application_log_level = "INFO"
    system_log_level      = "WARN"
  }

  # EventBridge invokes asynchronously: a trained model that could not be
  # deployed after every retry (an endpoint still updating, a throttled call)
  # lands here with its job event, to replay.
  dead_letter_config {
    target_arn = aws_sqs_queue.deployer_dlq.arn
  }

  # The role must hold its permissions before the first invocation.
  depends_on = [aws_iam_role_policy.deployer, aws_iam_role_policy.sagemaker, aws_sqs_queue_policy.deployer_dlq, aws_cloudwatch_log_group.endpoint]
}

# Created here rather than by Lambda on first run, so it has a retention
# period and is encrypted with the module's key (trivy AWS-0017).
resource "aws_cloudwatch_log_group" "deployer" {
  name              = "/aws/lambda/${local.deployer_function_name}"
  retention_in_days = local.log_retention_days
  kms_key_id        = local.kms_key_arn
}

# The endpoint's own log group, which SageMaker would otherwise create on
# first deployment without retention or the module's key.
resource "aws_cloudwatch_log_group" "endpoint" {
  name              = "/aws/sagemaker/Endpoints/${local.sagemaker_endpoint_name}"
  retention_in_days = local.log_retention_days
  kms_key_id        = local.kms_key_arn
}

# Job events whose model was not deployed: those the function failed on
# after every retry, and those EventBridge could not hand to it.
resource "aws_sqs_queue" "deployer_dlq" {
  name = "${local.prefix}-deployer-dlq"

  # The longest SQS allows: two weeks to notice and replay a failure.
  message_retention_seconds = 1209600

  kms_master_key_id                 = local.kms_key_arn
  kms_data_key_reuse_period_seconds = 300
}

resource "aws_sqs_queue_policy" "deployer_dlq" {
  queue_url = aws_sqs_queue.deployer_dlq.id
  policy    = data.aws_iam_policy_document.deployer_dlq.json
}

data "aws_iam_policy_document" "deployer_dlq" {
  statement {
    sid       = "EventBridgeDeadLetters"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.deployer_dlq.arn]

    principals {
      type        = "Service"
      identifiers = ["events.amazonaws.com"]
    }

    # Only failed deliveries of this rule, not any rule in any account.
    condition {
      test     = "ArnEquals"
      variable = "aws:SourceArn"
      values   = [aws_cloudwatch_event_rule.training_succeeded.arn]
    }
  }
}

# Lambda retries a failed deployment twice (one minute, then two, apart),
# long enough for an endpoint that was still updating to settle.
resource "aws_lambda_function_event_invoke_config" "deployer" {
  function_name          = aws_lambda_function.deployer.function_name
  maximum_retry_attempts = 2
}

resource "aws_cloudwatch_event_rule" "training_succeeded" {
  name        = "${local.prefix}-training-succeeded"
  description = "Deploys the model of each ${local.prefix} training job that succeeds."

  event_pattern = jsonencode(local.training_succeeded_pattern)
}

locals {
  # Jobs of the module's queue and job definition (any revision) that succeeded.
  training_succeeded_pattern = {
    source      = ["aws.batch"]
    detail-type = ["Batch Job State Change"]
    detail = {
      status        = ["SUCCEEDED"]
      jobQueue      = [local.batch_job_queue_arn]
      jobDefinition = [{ prefix = "${local.batch_job_definition_arn_prefix}:" }]
    }
  }
}

resource "aws_cloudwatch_event_target" "training_succeeded" {
  rule      = aws_cloudwatch_event_rule.training_succeeded.name
  target_id = "deployer"
  arn       = aws_lambda_function.deployer.arn

  dead_letter_config {
    arn = aws_sqs_queue.deployer_dlq.arn
  }

  depends_on = [aws_sqs_queue_policy.deployer_dlq, aws_lambda_permission.training_succeeded]
}

# Only this rule may invoke the function.
resource "aws_lambda_permission" "training_succeeded" {
  statement_id  = "AllowTrainingSucceededRule"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.deployer.function_name
  principal     = "events.amazonaws.com"
  source_arn    = aws_cloudwatch_event_rule.training_succeeded.arn
}

resource "aws_iam_role" "deployer" {
  name               = "${local.prefix}-deployer"
  description        = "Execution role of ${local.deployer_function_name}: its models, configurations and endpoint, its logs."
  assume_role_policy = data.aws_iam_policy_document.deployer_assume.json
}

data "aws_iam_policy_document" "deployer_assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }

    # Only Lambda acting for this account may take the role (confused
    # deputy protection).
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
  }
}

resource "aws_iam_role_policy" "deployer" {
  name   = "deploy-models"
  role   = aws_iam_role.deployer.id
  policy = data.aws_iam_policy_document.deployer.json
}

# Exactly what the handler does: check the artefact, create models and
# endpoint configurations named after the module, create or update the one
# endpoint, tag them, and hand SageMaker its execution role; and what Lambda
# does for it: logs, traces, the dead-letter queue.
data "aws_iam_policy_document" "deployer" {
  statement {
    sid       = "CheckArtefact"
    actions   = ["s3:ListBucket"]
    resources = [local.data_bucket_arn]

    # Keys under the model prefix only: the handler lists the artefact's
    # own key.
    condition {
      test     = "StringLike"
      variable = "s3:prefix"
      values   = ["${var.model_prefix}*"]
    }
  }

  statement {
    sid     = "CreateModelsAndConfigurations"
    actions = ["sagemaker:CreateModel", "sagemaker:CreateEndpointConfig", "sagemaker:AddTags"]
    resources = [
      "arn:${local.partition}:sagemaker:${local.region}:${local.account_id}:model/${local.sagemaker_model_name_prefix}*",
      "arn:${local.partition}:sagemaker:${local.region}:${local.account_id}:endpoint-config/${local.sagemaker_config_name_prefix}*",
    ]
  }

  statement {
    sid     = "CreateOrUpdateEndpoint"
    actions = ["sagemaker:DescribeEndpoint", "sagemaker:CreateEndpoint", "sagemaker:UpdateEndpoint", "sagemaker:AddTags"]
    resources = [
      "arn:${local.partition}:sagemaker:${local.region}:${local.account_id}:endpoint/${local.sagemaker_endpoint_name}",
      "arn:${local.partition}:sagemaker:${local.region}:${local.account_id}:endpoint-config/${local.sagemaker_config_name_prefix}*",
    ]
  }

  # SageMaker acts with the execution role, and only SageMaker may be
  # handed it.
  statement {
    sid       = "PassExecutionRole"
    actions   = ["iam:PassRole"]
    resources = [aws_iam_role.sagemaker.arn]

    condition {
      test     = "StringEquals"
      variable = "iam:PassedToService"
      values   = ["sagemaker.amazonaws.com"]
    }
  }

  statement {
    sid       = "DeadLetter"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.deployer_dlq.arn]
  }

  statement {
    sid       = "WriteOwnLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.deployer.arn}:*"]
  }

  # X-Ray's write actions accept no resource narrower than "*".
  statement {
    sid       = "SendTraces"
    actions   = ["xray:PutTraceSegments", "xray:PutTelemetryRecords"]
    resources = ["*"]
  }

  # The environment and the dead-letter queue are encrypted with the
  # module's key.
  statement {
    sid       = "UseModuleKey"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey", "kms:DescribeKey"]
    resources = [local.kms_key_arn]
  }

  # An endpoint configuration with the module's key has SageMaker create a
  # grant on it for the endpoint's volumes, on the caller's behalf.
  statement {
    sid       = "GrantKeyToSageMaker"
    actions   = ["kms:CreateGrant"]
    resources = [local.kms_key_arn]

    condition {
      test     = "Bool"
      variable = "kms:GrantIsForAWSResource"
      values   = ["true"]
    }
  }
}

# The role SageMaker hosts the models with: read the models, decrypt them,
# pull the inference image, write the endpoint's logs and metrics.
resource "aws_iam_role" "sagemaker" {
  name               = "${local.prefix}-sagemaker"
  description        = "SageMaker execution role of ${local.sagemaker_endpoint_name}: its models, its image, its logs."
  assume_role_policy = data.aws_iam_policy_document.sagemaker_assume.json
}

data "aws_iam_policy_document" "sagemaker_assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["sagemaker.amazonaws.com"]
    }

    # Only SageMaker acting for this account may take the role (confused
    # deputy protection).
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
  }
}

resource "aws_iam_role_policy" "sagemaker" {
  name   = "host-models"
  role   = aws_iam_role.sagemaker.id
  policy = data.aws_iam_policy_document.sagemaker.json
}

locals {
  # The inference image's repository, from its URI:
  # <account>.dkr.ecr.<region>.amazonaws.com/<repository>[:tag][@digest].
  inference_image_parts    = regex("^([0-9]{12})\\.dkr\\.ecr\\.([a-z0-9-]+)\\.amazonaws\\.com(?:\\.cn)?/([^:@]+)", var.inference_image)
  inference_repository_arn = "arn:${local.partition}:ecr:${local.inference_image_parts[1]}:${local.inference_image_parts[0]}:repository/${local.inference_image_parts[2]}"
}

data "aws_iam_policy_document" "sagemaker" {
  statement {
    sid       = "ReadModels"
    actions   = ["s3:GetObject"]
    resources = ["${local.data_bucket_arn}/${var.model_prefix}*"]
  }

  statement {
    sid       = "DecryptModels"
    actions   = ["kms:Decrypt"]
    resources = [local.kms_key_arn]
  }

  statement {
    sid       = "PullInferenceImage"
    actions   = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability"]
    resources = [local.inference_repository_arn]
  }

  # ECR's sign-in takes no resource narrower than "*".
  statement {
    sid       = "SignInToECR"
    actions   = ["ecr:GetAuthorizationToken"]
    resources = ["*"]
  }

  statement {
    sid       = "WriteEndpointLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"]
    resources = ["${aws_cloudwatch_log_group.endpoint.arn}:*"]
  }

  # CloudWatch metrics take no resource; the namespace is the limit.
  statement {
    sid       = "PutEndpointMetrics"
    actions   = ["cloudwatch:PutMetricData"]
    resources = ["*"]

    condition {
      test     = "StringLike"
      variable = "cloudwatch:namespace"
      values   = ["/aws/sagemaker/Endpoints*"]
    }
  }
}
