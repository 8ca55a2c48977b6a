# The ECS cluster the services run in. On Fargate it holds no servers: it
# groups the services, their settings and their metrics.
#
# Provides: local.ecs_cluster_arn and local.ecs_cluster_name, and
# local.ecs_exec_log_group_arn, where ECS Exec sessions are logged.

locals {
  ecs_cluster_arn  = aws_ecs_cluster.main.arn
  ecs_cluster_name = aws_ecs_cluster.main.name

  ecs_exec_log_group_arn = aws_cloudwatch_log_group.ecs_exec.arn
}

# The ECS cluster groups the services; on Fargate it holds no servers of its
# own, only the tasks AWS runs for it (F15).
resource "aws_ecs_cluster" "main" {
  name = "${local.prefix}-cluster"

  # Container Insights: CPU, memory, network and task counts per service
  # and task in CloudWatch, which is where a scaling or a memory problem
  # shows first.
  setting {
    name  = "containerInsights"
    value = "enabled"
  }

  # ECS Exec sessions (a shell in a running container) are encrypted with
  # the module's key and every command and its output is logged: a shell
  # in production must leave a trace.
  configuration {
    execute_command_configuration {
      kms_key_id = local.kms_key_arn
      logging    = "OVERRIDE"

      log_configuration {
        cloud_watch_encryption_enabled = true
        cloud_watch_log_group_name     = aws_cloudwatch_log_group.ecs_exec.name
      }
    }
  }
}

# Capacity providers say where the cluster's tasks run: Fargate, with no
# instances to manage (F15).
#
# Fargate only: no instances to patch (F15, F26). Fargate Spot is not a
# default provider, since AWS may stop its tasks with two minutes' notice.
resource "aws_ecs_cluster_capacity_providers" "main" {
  cluster_name       = aws_ecs_cluster.main.name
  capacity_providers = ["FARGATE"]

  default_capacity_provider_strategy {
    capacity_provider = "FARGATE"
    weight            = 1
  }
}

# A CloudWatch log group, with a retention period and the module's key (F31).
#
# What is typed in ECS Exec sessions, and what it prints.
resource "aws_cloudwatch_log_group" "ecs_exec" {
  name              = "/aws/ecs/${local.prefix}/exec"
  retention_in_days = local.log_retention_days
  kms_key_id        = local.kms_key_arn
}
