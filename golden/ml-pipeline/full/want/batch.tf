# AWS Batch runs the job: a compute environment (where containers run), a
# job queue (where submitted jobs wait for capacity) and a job definition
# (what runs, with how much CPU and memory, how often it is retried and how
# long an attempt may take).

#
# Provides: local.batch_job_queue_arn, local.batch_job_definition_arn and
# local.batch_job_definition_arn_prefix. Reads: the buckets jobs may use
# (local.data_bucket_arn, under var.data_prefix, read only) and what
# their environment names.
# (local.data_bucket_arn, under var.model_prefix, read and write) and what
# their environment names.

locals {
  batch_job_queue_arn             = aws_batch_job_queue.main.arn
  batch_job_definition_arn        = aws_batch_job_definition.main.arn
  batch_job_definition_arn_prefix = aws_batch_job_definition.main.arn_prefix
}

# The compute environment is where jobs run: Fargate, or EC2 instances Batch
# starts and stops itself, On-Demand or Spot (70-90 % cheaper, F21), the only
# place for GPUs (F20, F22).
resource "aws_batch_compute_environment" "main" {
  # A prefix rather than a fixed name: changing var.compute replaces the
  # environment, and the new one must exist before the queue lets go of the
  # old one (create_before_destroy below).
  compute_environment_name_prefix = "${local.prefix}-"
  type                            = "MANAGED"
  state                           = "ENABLED"
  # No service_role: Batch then acts through its service-linked role
  # AWSServiceRoleForBatch, whose permissions AWS maintains.

  compute_resources {
    type      = "SPOT"
    max_vcpus = var.max_vcpus

    # Jobs run in private subnets, spread over every zone (F25): no public
    # address, outbound through NAT only.
    subnets            = local.private_subnet_ids
    security_group_ids = [aws_security_group.batch.id]

    # min_vcpus = 0 lets the environment shrink to nothing between runs,
    # and SPOT_PRICE_CAPACITY_OPTIMIZED picks the pools least likely to be
    # interrupted among the cheapest (F21).
    min_vcpus           = 0
    allocation_strategy = "SPOT_PRICE_CAPACITY_OPTIMIZED"
    instance_type       = split(",", var.instance_types)
    instance_role       = aws_iam_instance_profile.batch_instance.arn

    launch_template {
      launch_template_id = aws_launch_template.batch.id
      version            = aws_launch_template.batch.latest_version
    }

    # Amazon Linux 2023 ECS images, whatever Batch's default of the day
    # (Amazon Linux 2 loses support in 2026); Batch matches the NVIDIA
    # variant to GPU instances and the plain one to the others.
    ec2_configuration {
      image_type = "ECS_AL2023"
    }

    ec2_configuration {
      image_type = "ECS_AL2023_NVIDIA"
    }
  }

  lifecycle {
    create_before_destroy = true
  }
}

# The job queue holds submitted jobs until the compute environment has room
# for them: Batch is a queue, not an instant start (F20, F23).
resource "aws_batch_job_queue" "main" {
  name     = "${local.prefix}-queue"
  state    = "ENABLED"
  priority = 1

  compute_environment_order {
    order               = 1
    compute_environment = aws_batch_compute_environment.main.arn
  }

  # A job that asks for more than the environment can ever give waits in
  # RUNNABLE forever and holds up every job behind it; cancel it instead,
  # so the failure is visible.
  job_state_time_limit_action {
    action           = "CANCEL"
    state            = "RUNNABLE"
    reason           = "MISCONFIGURATION:COMPUTE_ENVIRONMENT_MAX_RESOURCE"
    max_time_seconds = 600
  }

  job_state_time_limit_action {
    action           = "CANCEL"
    state            = "RUNNABLE"
    reason           = "MISCONFIGURATION:JOB_RESOURCE_REQUIREMENT"
    max_time_seconds = 600
  }
}

locals {
  batch_container = {
    image = var.training_image
    # A shell runs the command, so it may use pipes, && and environment
    # variables.
    command          = ["sh", "-c", var.training_command]
    jobRoleArn       = aws_iam_role.batch_job.arn
    executionRoleArn = aws_iam_role.batch_execution.arn

    resourceRequirements = concat(
      [
        { type = "VCPU", value = tostring(var.vcpus) },
        { type = "MEMORY", value = tostring(var.job_memory_mb) },
      ],
      var.gpus > 0 ? [{ type = "GPU", value = tostring(var.gpus) }] : [],
    )

    # The job learns where to write from its environment, not from code.
    environment = [
      { name = "DATA_BUCKET", value = local.data_bucket_name },
      { name = "DATA_PREFIX", value = var.data_prefix },
      { name = "MODEL_PREFIX", value = var.model_prefix },
    ]

    # A compromised or buggy job cannot alter its own image or reach the
    # host. /tmp is a scratch volume, because most tools need somewhere to
    # write; it disappears with the job.
    readonlyRootFilesystem = true
    privileged             = false
    volumes                = [{ name = "tmp" }]
    mountPoints            = [{ sourceVolume = "tmp", containerPath = "/tmp", readOnly = false }]

    logConfiguration = {
      logDriver = "awslogs"
      options = {
        "awslogs-group"         = aws_cloudwatch_log_group.batch.name
        "awslogs-region"        = local.region
        "awslogs-stream-prefix" = "job"
      }
    }
  }
}

# The job definition: the image and command a job runs, the vCPUs, memory and
# GPUs it reserves, how often Batch retries it and how long an attempt may
# run (F20).
resource "aws_batch_job_definition" "main" {
  name                  = "${local.prefix}-job"
  type                  = "container"
  platform_capabilities = ["EC2"]
  propagate_tags        = true

  container_properties = jsonencode(local.batch_container)

  # Automatic retries (F20) cover Spot reclaiming the capacity mid-run as
  # well as transient failures; the job must therefore be safe to run twice.
  retry_strategy {
    attempts = var.job_attempts
  }

  # An attempt that hangs is stopped instead of billing until someone
  # notices.
  timeout {
    attempt_duration_seconds = var.job_timeout_s
  }

  # A job may start as soon as the definition exists: the roles it runs
  # with must already hold their permissions.
  depends_on = [aws_iam_role_policy_attachment.batch_execution, aws_iam_role_policy.batch_job]
}

# A CloudWatch log group, with a retention period and the module's key (F31).
resource "aws_cloudwatch_log_group" "batch" {
  name              = "/aws/batch/${local.prefix}"
  retention_in_days = local.log_retention_days
  kms_key_id        = local.kms_key_arn
}

# A security group: a stateful firewall around the resources attached to it
# (F31).
#
# No inbound rule: nothing ever connects to a batch job. Outbound is HTTPS
# only, to anywhere, because everything a job needs is an HTTPS endpoint
# outside the VPC without interface endpoints: ECR or another registry for
# the image, CloudWatch Logs, the Batch and ECS agents' APIs, S3 (through the
# gateway endpoint).
resource "aws_security_group" "batch" {
  name_prefix = "${local.prefix}-batch-"
  description = "AWS Batch jobs of ${local.prefix}: no inbound, outbound HTTPS only"
  vpc_id      = local.vpc_id

  tags = {
    Name = "${local.prefix}-batch"
  }

  lifecycle {
    create_before_destroy = true
  }
}

# A security group rule: one kind of traffic allowed, on one port, with one
# peer; everything else is refused.
#
#trivy:ignore:AVD-AWS-0104 The image registry and the AWS APIs a job calls have no fixed addresses; only port 443 is open.
resource "aws_vpc_security_group_egress_rule" "batch_https" {
  security_group_id = aws_security_group.batch.id
  description       = "HTTPS to the image registry and AWS APIs"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}

data "aws_iam_policy_document" "ecs_tasks_assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }

    # Only containers of this account may take the role (confused deputy).
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
  }
}

# An IAM role: an identity an AWS service takes to act for this module,
# holding only the permissions it needs (F31).
#
# The execution role is what Batch uses to start the container: pull the
# image, create the log stream. It is not the job's own identity.
resource "aws_iam_role" "batch_execution" {
  name               = "${local.prefix}-batch-execution"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks_assume.json
}

# An AWS managed policy attached to the role,
# service-role/AmazonECSTaskExecutionRolePolicy, which AWS keeps up to date.
resource "aws_iam_role_policy_attachment" "batch_execution" {
  role       = aws_iam_role.batch_execution.name
  policy_arn = "arn:${local.partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
}

# An IAM role: an identity an AWS service takes to act for this module,
# holding only the permissions it needs (F31).
#
# The job role is the identity the job's code runs as. It may read and write
# objects under its prefixes and nothing else, so a bug or a compromised
# image cannot touch other data.
resource "aws_iam_role" "batch_job" {
  name               = "${local.prefix}-batch-job"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks_assume.json
}

# The role's own policy: the actions it may take, on this module's resources
# only (least privilege).
resource "aws_iam_role_policy" "batch_job" {
  name   = "job-data"
  role   = aws_iam_role.batch_job.id
  policy = data.aws_iam_policy_document.batch_job.json
}

data "aws_iam_policy_document" "batch_job" {
  statement {
    sid       = "ReadTrainingData"
    actions   = ["s3:GetObject"]
    resources = ["${local.data_bucket_arn}/${var.data_prefix}*"]
  }

  statement {
    sid       = "ListTrainingData"
    actions   = ["s3:ListBucket"]
    resources = [local.data_bucket_arn]

    condition {
      test     = "StringLike"
      variable = "s3:prefix"
      values   = ["${var.data_prefix}*"]
    }
  }

  statement {
    sid       = "ReadWriteModels"
    actions   = ["s3:PutObject", "s3:GetObject"]
    resources = ["${local.data_bucket_arn}/${var.model_prefix}*"]
  }

  statement {
    sid       = "ListModels"
    actions   = ["s3:ListBucket"]
    resources = [local.data_bucket_arn]

    condition {
      test     = "StringLike"
      variable = "s3:prefix"
      values   = ["${var.model_prefix}*"]
    }
  }

  # The bucket encrypts with the module's key, so writing and reading an
  # object needs the key too, but only through S3.
  statement {
    sid       = "UseKeyThroughS3"
    actions   = ["kms:GenerateDataKey", "kms:Decrypt"]
    resources = [local.kms_key_arn]

    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["s3.${local.region}.amazonaws.com"]
    }
  }
}

# EC2 only: the instances register with the ECS cluster Batch manages,
# as the instance role allows; Fargate has no instances.
data "aws_iam_policy_document" "ec2_assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["ec2.amazonaws.com"]
    }
  }
}

# An IAM role: an identity an AWS service takes to act for this module,
# holding only the permissions it needs (F31).
resource "aws_iam_role" "batch_instance" {
  name               = "${local.prefix}-batch-instance"
  assume_role_policy = data.aws_iam_policy_document.ec2_assume.json
}

# An AWS managed policy attached to the role,
# service-role/AmazonEC2ContainerServiceforEC2Role, which AWS keeps up to
# date.
resource "aws_iam_role_policy_attachment" "batch_instance" {
  role       = aws_iam_role.batch_instance.name
  policy_arn = "arn:${local.partition}:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role"
}

# The instance profile hands the role to EC2 instances, which then get its
# credentials from the instance metadata service.
resource "aws_iam_instance_profile" "batch_instance" {
  name = "${local.prefix}-batch-instance"
  role = aws_iam_role.batch_instance.name

  # Instances act with the profile as they boot: the role's permissions
  # come first, and go last on destroy.
  depends_on = [aws_iam_role_policy_attachment.batch_instance]
}

# The launch template of Batch's EC2 instances: their disk and metadata
# settings (IMDSv2), applied to every instance Batch starts.
resource "aws_launch_template" "batch" {
  name_prefix            = "${local.prefix}-batch-"
  update_default_version = true

  # IMDSv2 only, and a hop limit of 1 so containers cannot reach the
  # instance's credentials: a job gets the job role's credentials, never the
  # instance role's.
  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
  }

  # Encrypted with the account's EBS key rather than the module's key: the
  # instances are launched by AWS service-linked roles, which would each
  # need a grant on a customer-managed key.
  block_device_mappings {
    device_name = "/dev/xvda"

    ebs {
      volume_size           = var.instance_volume_gib
      volume_type           = "gp3"
      encrypted             = true
      delete_on_termination = true
    }
  }

  monitoring {
    enabled = true
  }
}
