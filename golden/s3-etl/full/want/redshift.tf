# The data warehouse: Amazon Redshift Serverless, a namespace holding the
# data and a workgroup giving the compute, in the private subnets,
# encrypted with the module's key, accepting TLS connections only, its admin
# password generated and kept by AWS in Secrets Manager. Enhanced VPC
# routing sends its COPY and UNLOAD traffic through the VPC.
#
# Provides: local.redshift_role_arn, local.redshift_database_name,
# local.redshift_admin_secret_arn, local.redshift_data_target_arn (what the
# Redshift Data API and an EventBridge Redshift target name),
# local.redshift_endpoint_address, local.redshift_port and
# local.redshift_security_group_id. Reads: local.curated_bucket_arn and
# var.curated_prefix, the only objects its role may read, and
# local.glue_database_name, the Glue Data Catalog database it may read.

locals {
  redshift_role_arn          = aws_iam_role.redshift.arn
  redshift_database_name     = aws_redshiftserverless_namespace.main.db_name
  redshift_admin_secret_arn  = aws_redshiftserverless_namespace.main.admin_password_secret_arn
  redshift_endpoint_address  = aws_redshiftserverless_workgroup.main.endpoint[0].address
  redshift_port              = aws_redshiftserverless_workgroup.main.port
  redshift_security_group_id = aws_security_group.redshift.id
}

# The Redshift Serverless namespace holds the warehouse's data, users and
# encryption (P3, P6).
resource "aws_redshiftserverless_namespace" "main" {
  namespace_name = "${local.prefix}-dw"
  db_name        = var.redshift_database_name

  # The password never appears in a file or in the Terraform state:
  # Redshift generates it and keeps it in Secrets Manager, encrypted with
  # the module's key.
  admin_username                   = var.redshift_admin_username
  manage_admin_password            = true
  admin_password_secret_kms_key_id = local.kms_key_arn
  kms_key_id                       = local.kms_key_arn

  # COPY ... IAM_ROLE default and CREATE EXTERNAL SCHEMA ... IAM_ROLE
  # default act with this role.
  default_iam_role_arn = aws_iam_role.redshift.arn
  iam_roles            = [aws_iam_role.redshift.arn]

  log_exports = ["connectionlog", "userlog", "useractivitylog"]

  # The role is usable from the first statement on, and the log groups
  # exist before the first export.
  depends_on = [aws_iam_role_policy.redshift, aws_cloudwatch_log_group.redshift]
}

# A CloudWatch log group, with a retention period and the module's key (F31).
#
# Connection, user and user activity logs go to CloudWatch Logs, into
# groups created first (/aws/redshift/<namespace>/<log type>, which
# Redshift Serverless uses when they exist) so that they are encrypted and
# expire.
resource "aws_cloudwatch_log_group" "redshift" {
  for_each = toset(["connectionlog", "userlog", "useractivitylog"])

  name              = "/aws/redshift/${local.prefix}-dw/${each.value}"
  retention_in_days = local.log_retention_days
  kms_key_id        = local.kms_key_arn
}

# The workgroup is the warehouse's compute, billed per RPU-second while
# queries run and nothing while idle.
resource "aws_redshiftserverless_workgroup" "main" {
  workgroup_name = "${local.prefix}-dw"
  namespace_name = aws_redshiftserverless_namespace.main.namespace_name
  base_capacity  = var.redshift_base_capacity_rpu

  subnet_ids           = local.private_subnet_ids
  security_group_ids   = [aws_security_group.redshift.id]
  publicly_accessible  = false
  enhanced_vpc_routing = true

  # AWS returns every parameter of the workgroup, and the provider plans a
  # change for each one left out, so all are written: AWS's defaults, which
  # require TLS and log user activity.
  config_parameter {
    parameter_key   = "require_ssl"
    parameter_value = "true"
  }

  config_parameter {
    parameter_key   = "use_fips_ssl"
    parameter_value = "false"
  }

  config_parameter {
    parameter_key   = "enable_user_activity_logging"
    parameter_value = "true"
  }

  config_parameter {
    parameter_key   = "auto_mv"
    parameter_value = "true"
  }

  config_parameter {
    parameter_key   = "datestyle"
    parameter_value = "ISO, MDY"
  }

  config_parameter {
    parameter_key   = "enable_case_sensitive_identifier"
    parameter_value = "false"
  }

  config_parameter {
    parameter_key   = "query_group"
    parameter_value = "default"
  }

  config_parameter {
    parameter_key   = "search_path"
    parameter_value = "$user, public"
  }

  config_parameter {
    parameter_key   = "max_query_execution_time"
    parameter_value = "14400"
  }
}

# A security group: a stateful firewall around the resources attached to it
# (F31).
#
# No inbound rule: add one for the clients that query the warehouse
# (ingress on local.redshift_port from their security group).
resource "aws_security_group" "redshift" {
  name_prefix = "${local.prefix}-redshift-"
  description = "Redshift of ${local.prefix}: no inbound by default, outbound HTTPS only"
  vpc_id      = local.vpc_id

  tags = {
    Name = "${local.prefix}-redshift"
  }

  lifecycle {
    create_before_destroy = true
  }
}

# A security group rule: one kind of traffic allowed, on one port, with one
# peer; everything else is refused.
#
# With enhanced VPC routing, COPY reaches S3 (and Glue) through the VPC: the
# private subnets' NAT gateway.
#trivy:ignore:AVD-AWS-0104 S3 and the AWS APIs Redshift calls have no fixed addresses; only port 443 is open.
resource "aws_vpc_security_group_egress_rule" "redshift_https" {
  security_group_id = aws_security_group.redshift.id
  description       = "HTTPS to S3 and AWS APIs"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}

# The role Redshift takes to read the data it loads (COPY) or queries in
# place (an external schema), and nothing else.
#
# The role Redshift acts with to read the data it loads or queries in
# place. The trust policy is the one AWS documents for Redshift roles: it
# has no confused-deputy condition, as Redshift documents none for it.
resource "aws_iam_role" "redshift" {
  name               = "${local.prefix}-redshift"
  description        = "What Redshift of ${local.prefix} may read"
  assume_role_policy = data.aws_iam_policy_document.redshift_assume.json
}

data "aws_iam_policy_document" "redshift_assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["redshift.amazonaws.com", "redshift-serverless.amazonaws.com"]
    }
  }
}

# What Redshift may read: the source prefix of one bucket and the module's
# Glue catalog database.
resource "aws_iam_role_policy" "redshift" {
  name   = "read-source"
  role   = aws_iam_role.redshift.id
  policy = data.aws_iam_policy_document.redshift.json
}

data "aws_iam_policy_document" "redshift" {
  statement {
    sid       = "ReadSourcePrefix"
    actions   = ["s3:GetObject", "s3:GetObjectVersion"]
    resources = ["${local.curated_bucket_arn}/${var.curated_prefix}*"]
  }

  # GetBucketLocation requests carry no s3:prefix: under the condition
  # below it would never be granted.
  statement {
    sid       = "LocateSourceBucket"
    actions   = ["s3:GetBucketLocation"]
    resources = [local.curated_bucket_arn]
  }

  statement {
    sid       = "ListSourcePrefix"
    actions   = ["s3:ListBucket"]
    resources = [local.curated_bucket_arn]

    condition {
      test     = "StringLike"
      variable = "s3:prefix"
      values   = ["${var.curated_prefix}*"]
    }
  }

  # The bucket is encrypted with the module's key.
  statement {
    sid       = "DecryptSource"
    actions   = ["kms:Decrypt"]
    resources = [local.kms_key_arn]
  }

  # An external schema reads the table definitions of one catalog database.
  statement {
    sid = "ReadGlueCatalog"
    actions = [
      "glue:GetDatabase",
      "glue:GetDatabases",
      "glue:GetTable",
      "glue:GetTables",
      "glue:GetPartition",
      "glue:GetPartitions",
      "glue:BatchGetPartition",
    ]
    resources = [
      "arn:${local.partition}:glue:${local.region}:${local.account_id}:catalog",
      "arn:${local.partition}:glue:${local.region}:${local.account_id}:database/${local.glue_database_name}",
      "arn:${local.partition}:glue:${local.region}:${local.account_id}:table/${local.glue_database_name}/*",
    ]
  }
}
