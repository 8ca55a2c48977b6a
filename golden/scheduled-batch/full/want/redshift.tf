
# The data warehouse: a provisioned Amazon Redshift cluster of RA3 nodes in
# the private subnets,
# encrypted with the module's key, accepting TLS connections only, its admin
# password generated and kept by AWS in Secrets Manager. Enhanced VPC
# routing sends its COPY and UNLOAD traffic through the VPC.
#
# Provides: local.redshift_role_arn, local.redshift_database_name,
# local.redshift_admin_secret_arn, local.redshift_data_target_arn (what the
# Redshift Data API and an EventBridge Redshift target name),
# local.redshift_endpoint_address, local.redshift_port and
# local.redshift_security_group_id. Reads: local.output_bucket_arn and
# var.output_prefix, the only objects its role may read.

locals {
  redshift_role_arn          = aws_iam_role.redshift.arn
  redshift_database_name     = aws_redshift_cluster.main.database_name
  redshift_admin_secret_arn  = aws_redshift_cluster.main.master_password_secret_arn
  redshift_data_target_arn   = aws_redshift_cluster.main.arn
  redshift_endpoint_address  = aws_redshift_cluster.main.dns_name
  redshift_port              = aws_redshift_cluster.main.port
  redshift_security_group_id = aws_security_group.redshift.id
}

# The cluster subnet group places the warehouse in the private subnets.
resource "aws_redshift_subnet_group" "main" {
  name        = "${local.prefix}-redshift"
  description = "Private subnets of ${local.prefix}"
  subnet_ids  = local.private_subnet_ids
}

# The parameter group sets the cluster's settings, here that every connection
# must use TLS.
#
# The cluster refuses connections without TLS, and logs every query for
# the audit log.
resource "aws_redshift_parameter_group" "main" {
  name        = "${local.prefix}-redshift"
  description = "Settings of ${local.prefix}-redshift"
  family      = "redshift-1.0"

  parameter {
    name  = "require_ssl"
    value = "true"
  }

  parameter {
    name  = "enable_user_activity_logging"
    value = "true"
  }
}

# The provisioned Redshift cluster stores and queries the analytical data,
# billed for every hour its nodes exist (P3, P6).
#
# Redshift has no deletion protection of its own: dropping a prod cluster,
# or one with deletion_protection, leaves a final snapshot instead, named
# after the time the cluster was created (kept by ignore_changes) so that a
# rebuilt stack's cluster leaves a snapshot of its own.
resource "aws_redshift_cluster" "main" {
  cluster_identifier = "${local.prefix}-redshift"
  node_type          = var.redshift_node_type
  number_of_nodes    = var.redshift_node_count
  database_name      = var.redshift_database_name

  # The password never appears in a file or in the Terraform state:
  # Redshift generates it and keeps it in Secrets Manager, encrypted with
  # the module's key.
  master_username                   = var.redshift_admin_username
  manage_master_password            = true
  master_password_secret_kms_key_id = local.kms_key_arn

  encrypted  = true
  kms_key_id = local.kms_key_arn

  cluster_subnet_group_name    = aws_redshift_subnet_group.main.name
  cluster_parameter_group_name = aws_redshift_parameter_group.main.name
  vpc_security_group_ids       = [aws_security_group.redshift.id]
  publicly_accessible          = false
  enhanced_vpc_routing         = true

  # COPY ... IAM_ROLE default and CREATE EXTERNAL SCHEMA ... IAM_ROLE
  # default act with this role.
  default_iam_role_arn = aws_iam_role.redshift.arn
  iam_roles            = [aws_iam_role.redshift.arn]

  automated_snapshot_retention_period = local.is_prod ? 7 : 1
  skip_final_snapshot                 = !(local.is_prod || var.deletion_protection)
  final_snapshot_identifier           = "${local.prefix}-redshift-final-${formatdate("YYYYMMDDhhmmss", timestamp())}"

  allow_version_upgrade = true
  # Prod changes wait for the maintenance window instead of restarting the
  # cluster in the middle of the day.
  apply_immediately = !local.is_prod

  # The role is usable from the first statement on, and the log groups
  # exist before logging starts.
  depends_on = [aws_iam_role_policy.redshift, aws_cloudwatch_log_group.redshift]

  lifecycle {
    ignore_changes = [final_snapshot_identifier]
  }
}

# A CloudWatch log group, with a retention period and the module's key (F31).
#
# Connection, user and user activity logs go to CloudWatch Logs, into
# groups created first so that they are encrypted and expire.
resource "aws_cloudwatch_log_group" "redshift" {
  for_each = toset(["connectionlog", "userlog", "useractivitylog"])

  name              = "/aws/redshift/cluster/${local.prefix}-redshift/${each.value}"
  retention_in_days = local.log_retention_days
  kms_key_id        = local.kms_key_arn
}

# Audit logging: connections, users and queries are recorded in CloudWatch
# Logs.
resource "aws_redshift_logging" "main" {
  cluster_identifier   = aws_redshift_cluster.main.cluster_identifier
  log_destination_type = "cloudwatch"
  log_exports          = ["connectionlog", "userlog", "useractivitylog"]

  depends_on = [aws_cloudwatch_log_group.redshift]
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
      identifiers = ["redshift.amazonaws.com"]
    }
  }
}

# What Redshift may read: the source prefix of one bucket.
resource "aws_iam_role_policy" "redshift" {
  name   = "read-source"
  role   = aws_iam_role.redshift.id
  policy = data.aws_iam_policy_document.redshift.json
}

data "aws_iam_policy_document" "redshift" {
  statement {
    sid       = "ReadSourcePrefix"
    actions   = ["s3:GetObject", "s3:GetObjectVersion"]
    resources = ["${local.output_bucket_arn}/${var.output_prefix}*"]
  }

  # GetBucketLocation requests carry no s3:prefix: under the condition
  # below it would never be granted.
  statement {
    sid       = "LocateSourceBucket"
    actions   = ["s3:GetBucketLocation"]
    resources = [local.output_bucket_arn]
  }

  statement {
    sid       = "ListSourcePrefix"
    actions   = ["s3:ListBucket"]
    resources = [local.output_bucket_arn]

    condition {
      test     = "StringLike"
      variable = "s3:prefix"
      values   = ["${var.output_prefix}*"]
    }
  }

  # The bucket is encrypted with the module's key.
  statement {
    sid       = "DecryptSource"
    actions   = ["kms:Decrypt"]
    resources = [local.kms_key_arn]
  }
}
