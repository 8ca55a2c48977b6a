# Shared storage (P4, F18): one encrypted EFS file system the services'
# tasks mount, each through an access point of its own that confines it to
# its own directory as its own POSIX user.
#
# Provides: local.efs_file_system_id, local.efs_file_system_arn,
# local.efs_access_point_ids and local.efs_access_point_arns (by service
# name), and local.efs_security_group_id. Reads: local.services,
# local.private_subnet_ids, local.kms_key_arn and
# local.app_security_group_id, the security group of the tasks that mount
# it.

locals {
  efs_file_system_id    = aws_efs_file_system.shared.id
  efs_file_system_arn   = aws_efs_file_system.shared.arn
  efs_access_point_ids  = { for name, ap in aws_efs_access_point.service : name => ap.id }
  efs_access_point_arns = { for name, ap in aws_efs_access_point.service : name => ap.arn }
  efs_security_group_id = aws_security_group.efs.id
}

# The EFS file system: storage shared by every task and kept when a task is
# replaced, where a task's own disk is not (P4, F18).
resource "aws_efs_file_system" "shared" {
  # Encrypted at rest with the module's key.
  encrypted  = true
  kms_key_id = local.kms_key_arn
  # Elastic throughput follows the load and bills what is used; bursting
  # throughput starves a small file system.
  performance_mode = "generalPurpose"
  throughput_mode  = "elastic"

  # Files nobody read for 30 days move to Infrequent Access (about 90 %
  # cheaper), and come back on their first read.
  lifecycle_policy {
    transition_to_ia = "AFTER_30_DAYS"
  }

  lifecycle_policy {
    transition_to_primary_storage_class = "AFTER_1_ACCESS"
  }

  tags = {
    Name = "${local.prefix}-shared"
  }
}

# AWS Backup copies the file system daily, so a deleted or corrupted file can
# be restored.
#
# AWS Backup takes a daily backup, kept 35 days.
resource "aws_efs_backup_policy" "shared" {
  file_system_id = aws_efs_file_system.shared.id

  backup_policy {
    status = "ENABLED"
  }
}

# The file system policy refuses connections without TLS and mounts that
# bypass an access point.
#
# Nobody mounts without TLS, and only through an access point: a client
# that mounts the root would see every service's files.
resource "aws_efs_file_system_policy" "shared" {
  file_system_id = aws_efs_file_system.shared.id
  policy         = data.aws_iam_policy_document.efs.json
}

data "aws_iam_policy_document" "efs" {
  statement {
    sid       = "DenyWithoutTLS"
    effect    = "Deny"
    actions   = ["*"]
    resources = [aws_efs_file_system.shared.arn]

    principals {
      type        = "AWS"
      identifiers = ["*"]
    }

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }

  statement {
    sid       = "DenyWithoutAccessPoint"
    effect    = "Deny"
    actions   = ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite", "elasticfilesystem:ClientRootAccess"]
    resources = [aws_efs_file_system.shared.arn]

    principals {
      type        = "AWS"
      identifiers = ["*"]
    }

    condition {
      test     = "Null"
      variable = "elasticfilesystem:AccessPointArn"
      values   = ["true"]
    }
  }
}

# A mount target per private subnet: the network address the tasks of that
# zone mount the file system through (F25).
#
# One mount target per private subnet, so tasks in every zone mount
# locally (F25).
resource "aws_efs_mount_target" "shared" {
  count = length(local.private_subnet_ids)

  file_system_id  = aws_efs_file_system.shared.id
  subnet_id       = local.private_subnet_ids[count.index]
  security_groups = [aws_security_group.efs.id]
}

# An access point per service: its own directory and POSIX user, so one
# service cannot read another's files.
#
# Each service works in /<service> as user and group 1000, whatever user
# its image runs as; EFS creates the directory, readable by that user only.
resource "aws_efs_access_point" "service" {
  for_each = local.services

  file_system_id = aws_efs_file_system.shared.id

  posix_user {
    uid = 1000
    gid = 1000
  }

  root_directory {
    path = "/${each.key}"

    creation_info {
      owner_uid   = 1000
      owner_gid   = 1000
      permissions = "0750"
    }
  }

  tags = {
    Name = "${local.prefix}-${each.key}"
  }
}

# A security group: a stateful firewall around the resources attached to it
# (F31).
#
# NFS from the services' tasks only; the file system starts no connection.
resource "aws_security_group" "efs" {
  name_prefix = "${local.prefix}-efs-"
  description = "EFS mount targets of ${local.prefix}: NFS in from the services only"
  vpc_id      = local.vpc_id

  tags = {
    Name = "${local.prefix}-efs"
  }

  lifecycle {
    create_before_destroy = true
  }
}

# A security group rule: one kind of traffic allowed, on one port, with one
# peer; everything else is refused.
resource "aws_vpc_security_group_ingress_rule" "efs_from_services" {
  security_group_id            = aws_security_group.efs.id
  description                  = "NFS from the services' tasks"
  ip_protocol                  = "tcp"
  from_port                    = 2049
  to_port                      = 2049
  referenced_security_group_id = local.app_security_group_id
}
