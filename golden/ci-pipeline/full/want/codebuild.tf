# The Build stage: a CodeBuild project that runs buildspec.yml (compile,
# unit and light tests) on the pipeline's source and hands its output to
# the next stage as an artifact.
#
# Provides: local.build_project_name and local.build_project_arn.
# Reads: local.artifact_bucket_arn, local.artifact_bucket_name and
# local.pipeline_artifact_prefix.

locals {
  build_project_name = "${local.prefix}-build"
  build_project_arn  = aws_codebuild_project.build.arn
}

# The CodeBuild project builds the code and runs the light tests on a fresh
# host per build, on EC2 or on Lambda compute for short jobs; CodeBuild and
# the pipeline orchestrate, S3 keeps the artifacts (P9).
resource "aws_codebuild_project" "build" {
  name          = local.build_project_name
  description   = "${local.prefix}: build and light tests of the pipeline's source"
  service_role  = aws_iam_role.build.arn
  build_timeout = var.build_timeout_min

  # The module's key encrypts the build's output artifacts and its cache.
  encryption_key = local.kms_key_arn

  # CodePipeline hands the source in and takes the output away.
  source {
    type      = "CODEPIPELINE"
    buildspec = file("${path.module}/buildspec.yml")
  }

  artifacts {
    type = "CODEPIPELINE"
  }

  environment {
    type         = var.build_environment_type
    compute_type = var.build_compute_type
    image        = var.build_image

    # Curated images are pulled with CodeBuild's own credentials; your own
    # ECR image with the project role's (ecr statements below).
    image_pull_credentials_type = startswith(var.build_image, "aws/codebuild/") ? "CODEBUILD" : "SERVICE_ROLE"

    # No Docker daemon in the build (Lambda compute has none at all): a
    # privileged container could escape to the host (trivy AVD-AWS-0008's
    # reasoning for CodeBuild).
    privileged_mode = false
  }

  # S3 keeps the cache between builds in the artifact bucket; LOCAL keeps it
  # on the build host (EC2 compute only), lost when the host is recycled.
  cache {
    type     = var.build_cache
    location = var.build_cache == "S3" ? "${local.artifact_bucket_name}/build-cache" : null
    modes    = var.build_cache == "LOCAL" ? ["LOCAL_SOURCE_CACHE", "LOCAL_CUSTOM_CACHE"] : null
  }

  logs_config {
    cloudwatch_logs {
      group_name = aws_cloudwatch_log_group.build.name
      status     = "ENABLED"
    }

    s3_logs {
      status = "DISABLED"
    }
  }

  # The role must hold its permissions before the first build.
  depends_on = [aws_iam_role_policy.build]
}

# A CloudWatch log group, with a retention period and the module's key (F31).
#
# Created here rather than by CodeBuild on first build, so it has a
# retention period and is encrypted with the module's key (trivy AWS-0017).
resource "aws_cloudwatch_log_group" "build" {
  name              = "/aws/codebuild/${local.prefix}-build"
  retention_in_days = local.log_retention_days
  kms_key_id        = local.kms_key_arn
}

# An IAM role: an identity codebuild.amazonaws.com takes to act for this
# module, holding only the permissions it needs (F31).
resource "aws_iam_role" "build" {
  name               = "${local.prefix}-build"
  description        = "Service role of ${local.build_project_name}: its artifacts, its cache, its logs."
  assume_role_policy = data.aws_iam_policy_document.build_assume.json
}

data "aws_iam_policy_document" "build_assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["codebuild.amazonaws.com"]
    }

    # Only CodeBuild acting for this account may take the role (confused
    # deputy protection).
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
  }
}

# The role's own policy: the actions it may take, on this module's resources
# only (least privilege).
resource "aws_iam_role_policy" "build" {
  name   = "least-privilege"
  role   = aws_iam_role.build.id
  policy = data.aws_iam_policy_document.build.json
}

# What a build does with the role: read its input artifact and write its
# output under the pipeline's prefix, use the cache, write its own logs.
data "aws_iam_policy_document" "build" {
  statement {
    sid       = "PipelineArtifacts"
    actions   = ["s3:GetObject", "s3:GetObjectVersion", "s3:PutObject"]
    resources = ["${local.artifact_bucket_arn}/${local.pipeline_artifact_prefix}*"]
  }

  statement {
    sid       = "BuildCache"
    actions   = ["s3:GetObject", "s3:PutObject"]
    resources = ["${local.artifact_bucket_arn}/build-cache/*"]
  }

  statement {
    sid       = "ArtifactBucketLocation"
    actions   = ["s3:GetBucketLocation", "s3:GetBucketAcl"]
    resources = [local.artifact_bucket_arn]
  }

  statement {
    sid       = "WriteOwnLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.build.arn}:*"]
  }

  # Artifacts, cache and logs are encrypted with the module's key.
  statement {
    sid       = "UseModuleKey"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
    resources = [local.kms_key_arn]
  }

  # Your own build image, when var.build_image names one in this account's
  # ECR; GetAuthorizationToken accepts no resource narrower than "*".
  statement {
    sid       = "PullOwnImage"
    actions   = ["ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"]
    resources = ["arn:${local.partition}:ecr:${local.region}:${local.account_id}:repository/*"]
  }

  statement {
    sid       = "ECRLogin"
    actions   = ["ecr:GetAuthorizationToken"]
    resources = ["*"]
  }
}
