# The relational database: RDS in the private subnets, reachable only from
# the application, encrypted with the module's key, its master password
# generated and rotated by AWS in Secrets Manager.
#
# Reads: local.app_security_group_id, whichever compute component provides
# it, is the only source of connections; local.private_subnet_ids and
# local.vpc_id, where the database lives. Provides: local.db_connection, where
# the application finds the database and the secret holding its master
# user's name and password.

locals {
  # The parameters refuse unencrypted client connections, which RDS
  # otherwise accepts.
  db = {
    engine         = "mysql"
    engine_version = "8.4"
    family         = "mysql8.4"
    port           = 3306
    log_exports    = ["error", "slowquery"]
    parameters = {
      require_secure_transport = "ON"
      # Without it the slowquery export stays empty.
      slow_query_log = "1"
    }
  }

  # RDS for MySQL has no Performance Insights on its smallest classes and
  # rejects the instance if it is asked for.
  db_performance_insights = !contains([
    "db.t2.micro", "db.t2.small", "db.t3.micro", "db.t3.small", "db.t4g.micro", "db.t4g.small",
  ], var.db_instance_class)
}

locals {
  db_connection = {
    # The host name is the instance identifier followed by the account's
    # and region's RDS domain. A new project name renames the instance in
    # place, but the provider plans the old address: built from the
    # identifier, the address the tasks get is the one RDS gives.
    address    = replace(aws_db_instance.main.address, "/^[^.]+/", aws_db_instance.main.identifier)
    port       = aws_db_instance.main.port
    name       = aws_db_instance.main.db_name
    secret_arn = aws_db_instance.main.master_user_secret[0].secret_arn
    # The key RDS encrypts the secret with: whoever reads the secret needs
    # it to decrypt.
    secret_kms_key_arn = aws_db_instance.main.master_user_secret[0].kms_key_id
  }
}

# The DB subnet group places the database in the private subnets of several
# zones (F25).
#
# Named after its VPC, not the project: RDS cannot move an instance to
# another subnet group of the same VPC (InvalidVPCNetworkStateFault), so a
# new project name must leave this group, and its name, as they are.
resource "aws_db_subnet_group" "main" {
  name        = "${local.vpc_id}-db"
  description = "Private subnets of the ${local.prefix} database"
  subnet_ids  = local.private_subnet_ids
}

# The parameter group sets the engine's settings, here that every connection
# must use TLS.
resource "aws_db_parameter_group" "main" {
  # A prefix, not a fixed name: a change of engine family creates the new
  # group before the old one, still in use, is deleted.
  name_prefix = "${local.prefix}-db-"
  description = "Settings of ${local.prefix}-db"
  family      = local.db.family

  dynamic "parameter" {
    for_each = local.db.parameters

    content {
      name  = parameter.key
      value = parameter.value
    }
  }

  lifecycle {
    create_before_destroy = true
  }
}

# A CloudWatch log group, with a retention period and the module's key (F31).
#
# RDS would create these log groups itself, unencrypted and kept forever;
# creating them first sets the key and the retention.
resource "aws_cloudwatch_log_group" "db" {
  for_each = toset(local.db.log_exports)

  name              = "/aws/rds/instance/${local.prefix}-db/${each.value}"
  retention_in_days = local.log_retention_days
  kms_key_id        = local.kms_key_arn
}

# RDS runs the relational database for you: backups, patching and, with
# Multi-AZ, failover are AWS's job; it runs on EC2 instances you never manage
# (P1, P5, F2, F25).
#
# Deletion protection is on in prod; dev stays easy to tear down.
#trivy:ignore:AVD-AWS-0177
resource "aws_db_instance" "main" {
  identifier     = "${local.prefix}-db"
  engine         = local.db.engine
  engine_version = local.db.engine_version
  instance_class = var.db_instance_class
  port           = local.db.port
  db_name        = var.db_name

  # The password never appears in a file or in the Terraform state: RDS
  # generates it and keeps it in Secrets Manager, encrypted with our key.
  username                      = var.db_username
  manage_master_user_password   = true
  master_user_secret_kms_key_id = local.kms_key_arn
  # Applications can sign in with short-lived IAM tokens instead.
  iam_database_authentication_enabled = true

  allocated_storage = var.db_allocated_storage_gb
  # Storage grows by itself up to ten times the initial size, so a full disk
  # never takes the application down.
  max_allocated_storage = var.db_allocated_storage_gb * 10
  storage_type          = "gp3"
  storage_encrypted     = true
  kms_key_id            = local.kms_key_arn

  db_subnet_group_name   = aws_db_subnet_group.main.name
  vpc_security_group_ids = [aws_security_group.db.id]
  parameter_group_name   = aws_db_parameter_group.main.name
  publicly_accessible    = false
  multi_az               = var.db_multi_az

  backup_retention_period = var.db_backup_retention_days
  copy_tags_to_snapshot   = true
  deletion_protection     = var.deletion_protection
  # Dropping a prod database always leaves a snapshot behind. Its name
  # carries the time the instance was created (kept by ignore_changes), so
  # the database of a rebuilt stack keeps a snapshot of its own instead of
  # failing on the one kept from before (DBSnapshotAlreadyExists). It is set
  # in dev too, where it is not used, so that moving to prod needs no name.
  skip_final_snapshot       = !local.is_prod
  final_snapshot_identifier = "${local.prefix}-db-final-${formatdate("YYYYMMDDhhmmss", timestamp())}"

  auto_minor_version_upgrade  = true
  allow_major_version_upgrade = false
  # Prod changes wait for the maintenance window instead of restarting the
  # database in the middle of the day.
  apply_immediately = !local.is_prod

  performance_insights_enabled          = local.db_performance_insights
  performance_insights_kms_key_id       = local.db_performance_insights ? local.kms_key_arn : null
  performance_insights_retention_period = local.db_performance_insights ? 7 : null
  monitoring_interval                   = 60
  monitoring_role_arn                   = aws_iam_role.db_monitoring.arn
  enabled_cloudwatch_logs_exports       = local.db.log_exports

  depends_on = [aws_cloudwatch_log_group.db, aws_iam_role_policy_attachment.db_monitoring]

  lifecycle {
    ignore_changes = [final_snapshot_identifier]
  }
}

# A security group: a stateful firewall around the resources attached to it
# (F31).
resource "aws_security_group" "db" {
  name_prefix = "${local.prefix}-db-"
  description = "Database of ${local.prefix}: engine port from the application only"
  vpc_id      = local.vpc_id

  tags = {
    Name = "${local.prefix}-db"
  }

  lifecycle {
    create_before_destroy = true
  }
}

# A security group rule: one kind of traffic allowed, on one port, with one
# peer; everything else is refused.
resource "aws_vpc_security_group_ingress_rule" "db_from_app" {
  security_group_id            = aws_security_group.db.id
  description                  = "Database connections from the application"
  ip_protocol                  = "tcp"
  from_port                    = local.db.port
  to_port                      = local.db.port
  referenced_security_group_id = local.app_security_group_id
}

# A security group rule: one kind of traffic allowed, on one port, with one
# peer; everything else is refused.
resource "aws_vpc_security_group_egress_rule" "app_to_db" {
  security_group_id            = local.app_security_group_id
  description                  = "Database connections to RDS"
  ip_protocol                  = "tcp"
  from_port                    = local.db.port
  to_port                      = local.db.port
  referenced_security_group_id = aws_security_group.db.id
}

# An IAM role: an identity monitoring.rds.amazonaws.com takes to act for this
# module, holding only the permissions it needs (F31).
#
# Enhanced monitoring: OS metrics (processes, memory, disk) every minute,
# published by RDS through this role.
resource "aws_iam_role" "db_monitoring" {
  name               = "${local.prefix}-rds-monitoring"
  description        = "RDS enhanced monitoring of ${local.prefix}-db"
  assume_role_policy = data.aws_iam_policy_document.db_monitoring_assume.json
}

data "aws_iam_policy_document" "db_monitoring_assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["monitoring.rds.amazonaws.com"]
    }

    # Only RDS acting for this account may use the role (confused deputy).
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
  }
}

# An AWS managed policy attached to the role,
# service-role/AmazonRDSEnhancedMonitoringRole, which AWS keeps up to date.
resource "aws_iam_role_policy_attachment" "db_monitoring" {
  role       = aws_iam_role.db_monitoring.name
  policy_arn = "arn:${local.partition}:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole"
}
