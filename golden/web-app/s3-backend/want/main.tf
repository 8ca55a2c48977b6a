# What every component reads: the naming prefix, the environment's
# defaults and the account, partition and region the module runs in.

locals {
  # Every resource name starts with the prefix, so two environments of the
  # same project never collide in one account.
  prefix  = "${var.name}-${var.environment}"
  is_prod = var.environment == "prod"

  # Logs are kept long enough in prod to investigate an incident after the
  # fact, and briefly in dev where they only cost money.
  log_retention_days = local.is_prod ? 365 : 30

  account_id = data.aws_caller_identity.current.account_id
  partition  = data.aws_partition.current.partition
  region     = data.aws_region.current.name
  # amazonaws.com, or amazonaws.com.cn in China: part of service host names.
  dns_suffix = data.aws_partition.current.dns_suffix
}

data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

data "aws_region" "current" {}
